package number

import (
	"strings"
	"unicode/utf8"
)

// CheckDigit values of a Candidate.
const (
	CheckValid   = "valid"
	CheckInvalid = "invalid"
	CheckNone    = "none"
)

const (
	// maxNumberLen is longer than any format in the catalogue (FedEx's 34 digits).
	maxNumberLen = 48
	// maxInputKept bounds the copy of the input kept in a Result.
	maxInputKept = 1024
	// maxCaptures bounds the named groups of one format.
	maxCaptures = 32
)

// Links every tracking number gets: both look a number up with many carriers.
const (
	cainiaoURL      = "https://global.cainiao.com/detail.htm?mailNoList="
	seventeenTrackU = "https://t.17track.net/en#nums="
)

// Parse says what a pasted input is: an AliExpress order number, a tracking number (with every
// carrier whose format fits, best first), or neither. It never fails: bad input gives Kind
// Invalid and a Message. Result.Normalized is the canonical number, which Parse reads the same
// way again: Normalize's output, except that it keeps a dash the best format needs, or only the
// part of the input that fits (a second number or a carrier's name left out).
//
// Scores: each format's evidence (SPEC 0.9, SEEN 0.75, FOLK 0.5) times how likely an
// AliExpress buyer meets it (its prior), times 1 with a valid check digit, 0.85 without one,
// times 0.8 more for bare digits (many formats are just "n digits"), times 0.3 when the check
// digit fails. Several close scores mean the format alone cannot tell, and the Message says so.
func Parse(input string) Result {
	cat := loadCatalog()
	normalized, compact, parts := normalize(input)
	r := parseNormalized(cat, input, normalized, compact)
	// When the whole run fits nothing, try its other readings: without a carrier's name in
	// front ("UPS 1Z…"), or one of several numbers on the line.
	for _, p := range parts {
		if r.Valid {
			break
		}
		part := compact[p[0]:p[1]]
		if alt := parseNormalized(cat, input, withoutDashes(part), part); alt.Valid {
			r = alt
		}
	}
	return r
}

func parseNormalized(cat *catalog, input, normalized, compact string) Result {
	r := Result{Input: keptInput(input), Normalized: normalized, Kind: Invalid, Candidates: []Candidate{}}
	switch {
	case normalized == "":
		r.Message = "no number found: paste an AliExpress order number or a tracking number"
		return r
	case len(normalized) > maxNumberLen:
		r.Normalized = normalized[:maxNumberLen]
		r.Message = "too long to be an order or tracking number"
		return r
	case !hasDigit(normalized):
		r.Message = "no digits: order and tracking numbers always contain digits"
		return r
	}
	var caps [maxCaptures]int
	// Only formats that can start with the number's first byte are tried. compact differs
	// from normalized only by dashes, and no format starts with a dash.
	dashed := compact != normalized && len(compact) <= maxNumberLen
	for _, f := range cat.byFirst[normalized[0]] {
		if !f.pat.fitsLength(len(normalized)) && !(dashed && f.pat.fitsLength(len(compact))) {
			continue
		}
		c, ok := f.match(cat, normalized, caps[:])
		if !ok && dashed {
			c, ok = f.match(cat, compact, caps[:])
		}
		if ok {
			r.Candidates = append(r.Candidates, c)
		}
	}
	sortCandidates(r.Candidates)
	explain(&r)
	if dashed && r.Valid && len(r.Candidates) > 0 {
		// The number is only itself with its dash ("1LS7119013618127-1"): keep it, so that
		// Parse(r.Normalized) reads the same number again.
		var caps [maxCaptures]int
		if f := cat.byID[r.Candidates[0].Format]; f != nil && !f.pat.fullMatch(normalized, caps[:2*len(f.pat.names)]) {
			r.Normalized = compact
		}
	}
	return r
}

// ParseAs is Parse for an input that should be of kind want: the Message says so when someone
// pastes an order number where a tracking number belongs, or the other way round. When the
// input can be read either way (14 digits: an old order or a Russian Post number), the field
// it was typed into decides, and the other reading stays in the list.
func ParseAs(input string, want Kind) Result {
	r := Parse(input)
	if !r.Valid || r.Kind == want {
		return r
	}
	for i, c := range r.Candidates {
		if !c.Valid || c.Kind != want {
			continue
		}
		other := r.Candidates[0]
		copy(r.Candidates[1:i+1], r.Candidates[:i])
		r.Candidates[0] = c
		r.Kind = want
		if want == OrderNumber {
			r.Message = "read as an AliExpress order number, as asked; it could also be a " + other.Carrier + " tracking number"
		} else {
			r.Message = "read as a " + c.Carrier + " tracking number, as asked; it could also be an AliExpress order number"
		}
		return r
	}
	switch want {
	case TrackingNumber:
		r.Message = "this is an AliExpress order number, not a tracking number: open the order on AliExpress to find its tracking number"
	case OrderNumber:
		r.Message = "this is a tracking number (" + r.Candidates[0].Carrier + "), not an AliExpress order number"
	}
	return r
}

func keptInput(s string) string {
	if len(s) > maxInputKept {
		s = s[:maxInputKept]
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// match tries one format on a normalised number.
func (f *format) match(cat *catalog, s string, caps []int) (Candidate, bool) {
	caps = caps[:2*len(f.pat.names)]
	if !f.pat.fullMatch(s, caps) {
		return Candidate{}, false
	}
	group := func(slot int) string {
		if slot < 0 || caps[2*slot] < 0 || caps[2*slot+1] < 0 {
			return ""
		}
		return s[caps[2*slot]:caps[2*slot+1]]
	}
	c := Candidate{
		Kind:       f.kind,
		Format:     f.id,
		Evidence:   f.evidence,
		Carrier:    f.carrier,
		CarrierID:  f.carrierID,
		CheckDigit: CheckNone,
		Valid:      true,
	}
	// Problems go first in Why: they are what the buyer needs to read.
	var problems []string
	why := make([]string, 0, 5)
	why = append(why, f.whyMatch, f.whyEvidence)
	score := evidenceWeight[f.evidence] * f.prior * 0.85
	if f.sum != nil {
		serial := group(f.serial)
		if f.prependIf != nil && f.prependIf.find(serial) {
			serial = f.prepend + serial
		}
		if f.sum.valid(serial, group(f.check)) {
			c.CheckDigit = CheckValid
			score = score / 0.85
			why = append(why, f.whyCheck)
		} else {
			if !f.lettered {
				// Bare digits of the right length that fail the check are just other numbers.
				return Candidate{}, false
			}
			c.CheckDigit, c.Valid = CheckInvalid, false
			score *= 0.3
			problems = append(problems, "the check digit does not match ("+f.sum.Name+"): probably a typo")
		}
	}
	var site Link
	if f.country >= 0 {
		cc := group(f.country)
		if isLetters(cc) && len(cc) == 2 {
			name, ok := cat.iso[cc]
			if !ok {
				c.Valid = false
				score *= 0.3
				problems = append(problems, cc+" is not a country code")
			} else {
				c.Country = cc
				why = append(why, "issued in "+name+" ("+cc+")")
			}
		}
	}
	for i := range f.lookups {
		l := &f.lookups[i]
		v := group(l.slot)
		e := l.find(v)
		if e == nil {
			if f.mustExist[l.name] {
				c.Valid = false
				score *= 0.3
				problems = append(problems, "no known "+strings.ToLower(l.name)+" for "+v)
			}
			continue
		}
		switch {
		case e.courier != "":
			c.Carrier = e.courier
			c.CarrierID = f.carrierID + "_" + strings.ToLower(v)
			if e.courierURL != "" {
				site = Link{Name: e.courier + " (website)", URL: e.courierURL}
			}
		case e.country != "":
			c.Country = e.country
		case l.name == "Service Type":
			c.Service = e.name
			why = append(why, "service: "+e.name)
		default:
			why = append(why, strings.ToLower(l.name)+": "+e.name)
		}
	}
	if c.Service == "" {
		c.Service = f.name
	}
	if !f.lettered && score > 0 {
		score *= 0.8
	}
	if score > 1 {
		score = 1
	}
	c.Score = round3(score)
	if len(problems) > 0 {
		why = append(problems, why...)
	}
	c.Why = why
	c.URLs = f.urls(s, c.Carrier, site)
	return c, true
}

// find returns the first entry that matches v, as the reference library does: an exact
// value (indexed) or a regex. Both kinds keep their order in the data.
func (l *lookup) find(v string) *lookupEntry {
	if v == "" {
		return nil
	}
	first := len(l.entries)
	if i, ok := l.exact[v]; ok {
		first = i
	}
	for _, i := range l.regexEntries {
		if i >= first {
			break
		}
		if l.entries[i].re.find(v) {
			return &l.entries[i]
		}
	}
	if first < len(l.entries) {
		return &l.entries[first]
	}
	return nil
}

func evidenceWhy(f *format) string {
	switch f.evidence {
	case EvidenceSpec:
		return "format from a standard or tested dataset: " + f.source
	case EvidenceSeen:
		return "format of real numbers: " + f.source
	}
	return "format only from hobby projects (" + f.source + "): a hint, not proof"
}

// urls lists where to check the number: the carrier's own page, then Cainiao and 17TRACK.
// The URLs are written into one string and sliced from it: one allocation instead of one per URL.
func (f *format) urls(n, carrier string, site Link) []Link {
	q := queryEscape(n)
	type pending struct {
		name       string
		start, end int
	}
	var (
		b     strings.Builder
		parts [8]pending
		np    int
	)
	b.Grow(len(f.trackingURL) + len(cainiaoURL) + len(seventeenTrackU) + 3*len(q) + 64*len(f.links))
	add := func(name, template string) {
		start := b.Len()
		before, after, _ := strings.Cut(template, "%s")
		b.WriteString(before)
		b.WriteString(q)
		b.WriteString(after)
		if np < len(parts) {
			parts[np] = pending{name, start, b.Len()}
			np++
		}
	}
	if f.trackingURL != "" {
		add(carrier, f.trackingURL)
	}
	for _, l := range f.links {
		add(l.Name, l.URL)
	}
	siteAt := np // the carrier's own site comes after its own pages
	if f.kind == TrackingNumber {
		add("Cainiao", cainiaoURL+"%s")
		add("17TRACK", seventeenTrackU+"%s")
	}
	all := b.String()
	links := make([]Link, 0, np+1)
	for i, p := range parts[:np] {
		if i == siteAt && site.URL != "" {
			links = append(links, site)
		}
		links = append(links, Link{Name: p.name, URL: all[p.start:p.end]})
	}
	if siteAt == np && site.URL != "" {
		links = append(links, site)
	}
	return links
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// sortCandidates puts valid candidates first, then higher scores; ties keep catalogue order.
// An insertion sort: there are a handful of candidates, and it does not allocate.
func sortCandidates(cs []Candidate) {
	less := func(a, b *Candidate) bool {
		if a.Valid != b.Valid {
			return a.Valid
		}
		return a.Score > b.Score
	}
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && less(&cs[j], &cs[j-1]); j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// explain sets Kind, Valid and Message from the ranked candidates.
func explain(r *Result) {
	if len(r.Candidates) == 0 || !r.Candidates[0].Valid {
		if len(r.Candidates) > 0 {
			r.Message = "looks like " + r.Candidates[0].Service + " (" + r.Candidates[0].Carrier + "), but " + firstWhy(r.Candidates[0])
			return
		}
		if len(r.Normalized) >= 8 {
			r.Candidates = append(r.Candidates, unknownCarrier(r.Normalized))
			r.Message = "no known format matches; it may still be a tracking number of a carrier we do not know: try 17TRACK"
			return
		}
		r.Message = "too short to be an order or tracking number"
		return
	}
	top := r.Candidates[0]
	r.Kind, r.Valid = top.Kind, true
	var other *Candidate // the best valid candidate of the other kind
	var alsoUsedBy []string
	for i := 1; i < len(r.Candidates); i++ {
		c := &r.Candidates[i]
		if !c.Valid {
			continue
		}
		if c.Kind != top.Kind {
			if other == nil {
				other = c
			}
			continue
		}
		if c.CarrierID != top.CarrierID && !containsString(alsoUsedBy, c.Carrier) {
			alsoUsedBy = append(alsoUsedBy, c.Carrier)
		}
	}
	var msg []string
	switch top.Kind {
	case OrderNumber:
		msg = append(msg, "this is an AliExpress order number, not a tracking number")
		if other != nil {
			msg = append(msg, "it could also be a "+other.Carrier+" tracking number")
		}
	case TrackingNumber:
		if other != nil || len(alsoUsedBy) > 0 {
			msg = append(msg, "probably a "+top.Carrier+" tracking number")
		}
		if other != nil {
			msg = append(msg, "it could also be an AliExpress order number")
		}
		if len(alsoUsedBy) > 0 {
			msg = append(msg, "several carriers use this format (also "+strings.Join(alsoUsedBy, ", ")+"): check the others if the first shows nothing")
		}
	}
	r.Message = strings.Join(msg, "; ")
}

func firstWhy(c Candidate) string {
	if len(c.Why) == 0 {
		return "it does not pass validation"
	}
	return c.Why[0]
}

func unknownCarrier(n string) Candidate {
	q := queryEscape(n)
	return Candidate{
		Kind:       TrackingNumber,
		Format:     "unknown",
		Carrier:    "Unknown carrier",
		CarrierID:  "unknown",
		CheckDigit: CheckNone,
		Score:      0.05,
		Why:        []string{"no known format matches; 17TRACK and Cainiao recognise many more carriers"},
		URLs:       []Link{{Name: "Cainiao", URL: cainiaoURL + q}, {Name: "17TRACK", URL: seventeenTrackU + q}},
	}
}

// queryEscape is url.QueryEscape (space as "+", every byte but letters, digits and "-_.~" as
// %XX), written here so that the WebAssembly core does not link net/url, which brings
// net/netip and its start-up cost.
func queryEscape(s string) string {
	const hex = "0123456789ABCDEF"
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreservedQuery(s[i]) && s[i] != ' ' {
			n++
		}
	}
	if n == 0 && !strings.Contains(s, " ") {
		return s
	}
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case unreservedQuery(c):
			b = append(b, c)
		case c == ' ':
			b = append(b, '+')
		default:
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(b)
}

func unreservedQuery(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
}
