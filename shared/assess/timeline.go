package assess

import (
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/order"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// progress ranks statuses along a healthy journey. It breaks ties between events with the
// same time (the later stage is taken as the later event) and tells stale noise apart.
var progress = map[taxonomy.ParcelStatus]int{
	taxonomy.Unknown:            0,
	taxonomy.InfoReceived:       1,
	taxonomy.Accepted:           2,
	taxonomy.InTransit:          3,
	taxonomy.DepartedOrigin:     4,
	taxonomy.ArrivedTransit:     5,
	taxonomy.ArrivedDestination: 6,
	taxonomy.Customs:            7,
	taxonomy.CustomsHeld:        8,
	taxonomy.DeliveryFailed:     9,
	taxonomy.OutForDelivery:     10,
	taxonomy.PickupReady:        11,
	taxonomy.Exception:          12,
	taxonomy.Delivered:          13,
	taxonomy.Returning:          14,
	taxonomy.Returned:           15,
}

// Route legs.
const (
	legOrigin      = "origin"
	legTransit     = "transit"
	legDestination = "destination"
)

var legOrder = []string{legOrigin, legTransit, legDestination}

// legOf is the leg a status proves the parcel has reached; "" for statuses that say nothing
// about where the parcel is (it stays on its current leg).
func legOf(s taxonomy.ParcelStatus) string {
	switch s {
	case taxonomy.InfoReceived, taxonomy.Accepted:
		return legOrigin
	case taxonomy.DepartedOrigin, taxonomy.ArrivedTransit:
		return legTransit
	case taxonomy.ArrivedDestination, taxonomy.Customs, taxonomy.CustomsHeld, taxonomy.OutForDelivery,
		taxonomy.PickupReady, taxonomy.DeliveryFailed, taxonomy.Delivered:
		return legDestination
	}
	return ""
}

func legIndex(l string) int {
	for i, x := range legOrder {
		if x == l {
			return i
		}
	}
	return 0
}

// entry is one event during the assessment: the public Event plus what sorting and the
// state walk need.
// guessConfidence is the classifier confidence below which a status is a guess: the fallback
// model's (0.3) and text nothing understood; every code, official text and phrase rule is above.
const guessConfidence = 0.5

type entry struct {
	Event
	// acts is the status the parcel's state follows: the event's own, except that a guess
	// (the classifier's fallback, below guessConfidence) is shown but moves nothing — a
	// guess right about a third of the time must not call a parcel delivered or lost.
	acts     taxonomy.ParcelStatus
	at       time.Time // the instant, after correcting a missing zone
	timed    bool
	noZone   bool
	role     string
	leg      string
	changing bool // it set the parcel's status
	where    where
}

// parcelState is everything derived from one parcel's events.
type parcelState struct {
	index       int
	numbers     []order.ParcelNumber
	method      methodInfo
	knownMeth   bool
	entries     []entry // sorted, deduplicated
	status      taxonomy.ParcelStatus
	reason      string
	statusConf  float64
	statusAt    *entry // the event that set the status
	last        *entry // last meaningful update
	first       *entry // earliest timed event: the shipment
	leg         string // furthest leg reached
	stage       Stage
	noZone      bool // some event had no zone
	untimed     bool // some event had no time at all
	deliveredAt *time.Time
}

// buildParcel merges, classifies, orders and walks the events of one parcel.
func buildParcel(i int, p order.Parcel, o order.Order, events func(classify.Input) classify.Result) parcelState {
	ps := parcelState{index: i, numbers: p.Numbers, status: taxonomy.Unknown}
	name := p.ShippingMethod
	if name == "" {
		name = o.ShippingMethod
	}
	ps.method, ps.knownMeth = lookupMethod(name)

	roles := map[string]string{}
	for _, n := range p.Numbers {
		r := n.Role
		if r == "" {
			r = order.RoleOrigin
		}
		roles[normNumber(n.Number)] = r
	}
	single := ""
	if len(p.Numbers) == 1 {
		single = p.Numbers[0].Number
	}

	entries := make([]entry, 0, len(p.Events))
	for _, e := range p.Events {
		num := e.Number
		if num == "" {
			num = single
		}
		role, ok := roles[num] // events repeat their number: look it up as given first
		if !ok {
			role = roles[normNumber(num)]
			if role == "" {
				role = order.RoleOrigin
			}
			roles[num] = role
		}
		res := events(classify.Input{Text: e.Text, Carrier: e.Carrier, Code: e.Code, Lang: e.Lang})
		st := res.Status
		if !st.Valid() {
			st = taxonomy.Unknown
		}
		acts := st
		if res.Confidence < guessConfidence {
			acts = taxonomy.Unknown
		}
		entries = append(entries, entry{
			Event: Event{
				Time: e.Time, Text: e.Text, Location: e.Location, Carrier: e.Carrier, Number: num,
				Status: st, Reason: res.Reason, Confidence: res.Confidence,
			},
			acts:   acts,
			at:     e.Time.Time,
			timed:  !e.Time.IsZero(),
			noZone: e.Time.NoZone,
			role:   role,
		})
	}
	fixZones(entries)
	ats := make([]time.Time, len(entries)) // one allocation for the instants of all the events
	for i := range entries {
		if entries[i].timed {
			ats[i] = entries[i].at.UTC()
			entries[i].At = &ats[i]
		}
	}
	sortEntries(entries)
	entries = dedupe(entries)
	ps.entries = entries
	ps.locate(newRoute(p, o, entries))
	ps.walk()
	return ps
}

func normNumber(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }

// fixZones places events without a zone: a carrier reports in one zone, so the most common
// offset among the same number's zoned events is assumed, else that of the other numbers
// with the same role (origin or last mile); with none, the wall clock is kept as UTC and
// confidence is lowered by the caller.
func fixZones(es []entry) {
	if !slices.ContainsFunc(es, func(e entry) bool { return e.timed && e.noZone }) {
		return
	}
	offsets := map[string]map[int]int{} // by "n:"+number and "r:"+role
	count := func(key string, off int) {
		if offsets[key] == nil {
			offsets[key] = map[int]int{}
		}
		offsets[key][off]++
	}
	for _, e := range es {
		if e.timed && !e.noZone {
			_, off := e.Time.Time.Zone()
			count("n:"+e.Number, off)
			count("r:"+e.role, off)
		}
	}
	for i := range es {
		e := &es[i]
		if !e.timed || !e.noZone {
			continue
		}
		seen := offsets["n:"+e.Number]
		if len(seen) == 0 {
			seen = offsets["r:"+e.role]
		}
		best, bestN := 0, 0
		for off, n := range seen {
			if n > bestN || n == bestN && off < best {
				best, bestN = off, n
			}
		}
		e.at = e.Time.Time.Add(-time.Duration(best) * time.Second)
	}
}

// sortEntries orders events oldest first by a total order, so that the input order never
// matters: time, then journey progress (of two events at the same minute the later stage
// is the later event), then the texts. Events without a time come first: they can only be
// history.
func sortEntries(es []entry) {
	// Carriers list their events oldest first or newest first: either order is settled by
	// one pass, without moving the ~250-byte entries around as a sort does.
	up, down := true, true
	for i := 1; i < len(es) && (up || down); i++ {
		if entryLess(&es[i], &es[i-1]) {
			up = false // out of order: a stable sort moves it
		} else {
			down = false // not strictly before its predecessor: reversing is no sort
		}
	}
	switch {
	case up: // already in order; a stable sort would leave it as it is
	case down: // strictly newest first: no two are equal, so reversing is the one order
		slices.Reverse(es)
	default:
		sort.SliceStable(es, func(i, j int) bool { return entryLess(&es[i], &es[j]) })
	}
}

// entryLess is sortEntries' order.
func entryLess(a, b *entry) bool {
	if a.timed != b.timed {
		return !a.timed
	}
	if !a.at.Equal(b.at) {
		return a.at.Before(b.at)
	}
	if pa, pb := progress[a.Status], progress[b.Status]; pa != pb {
		return pa < pb
	}
	for _, c := range [][2]string{{a.Text, b.Text}, {a.Location, b.Location}, {a.Carrier, b.Carrier}, {a.Number, b.Number}, {a.role, b.role}} {
		if c[0] != c[1] {
			return c[0] < c[1]
		}
	}
	return false
}

// dedupe drops an event that repeats an earlier one: the same minute, text and place
// (compared without case and extra spaces). The origin and last-mile carriers often both
// report the same step. es is sorted by time, so the events of one minute (and those
// without a time) are next to each other: only an event that shares its minute with others
// is compared, and only with them.
func dedupe(es []entry) []entry {
	type key struct{ text, location uint64 }
	minute := func(e *entry) int64 {
		if e.timed {
			return e.at.Unix() / 60
		}
		return 0
	}
	out := es[:0]
	var kept []key // the folded texts and places kept in the current minute
	for i := 0; i < len(es); {
		j := i + 1
		for j < len(es) && es[j].timed == es[i].timed && minute(&es[j]) == minute(&es[i]) {
			j++
		}
		if j == i+1 {
			out = append(out, es[i])
			i = j
			continue
		}
		kept = kept[:0]
	group:
		for ; i < j; i++ {
			k := key{foldHash(es[i].Text), foldHash(es[i].Location)}
			for _, seen := range kept {
				if seen == k {
					continue group
				}
			}
			kept = append(kept, k)
			out = append(out, es[i])
		}
	}
	return out
}

// foldHash is a 64-bit FNV-1a hash of s lower-cased with its white space collapsed, so that
// texts differing only in case or spacing hash alike without building the folded string.
func foldHash(s string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	space := true // drops leading space
	for _, r := range s {
		if r == ' ' || r < 0x80 && r >= '\t' && r <= '\r' || r >= 0x80 && unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && h != offset {
			h = (h ^ ' ') * prime
		}
		space = false
		if r < 0x80 {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		for r > 0 {
			h = (h ^ uint64(r&0xff)) * prime
			r >>= 8
		}
	}
	return h
}

// walk derives the parcel's status from its ordered events. The latest meaningful event
// wins, except that once delivered or returned, later scans are noise unless they report a
// return (a real new event). Events the classifier cannot read never set the status.
func (ps *parcelState) walk() {
	leg := legOrigin
	scanned := false // a carrier has handled the parcel (any status past "label created")
	for i := range ps.entries {
		e := &ps.entries[i]
		if e.noZone {
			ps.noZone = true
		}
		if !e.timed {
			ps.untimed = true
		} else if ps.first == nil {
			ps.first = e
		}
		switch {
		case e.where == inDestination:
			leg = legDestination
		case leg == legOrigin && legOf(e.acts) == legTransit:
			leg = legTransit
		}
		e.leg = leg

		cur := ps.status
		switch {
		case cur == taxonomy.Returned,
			cur == taxonomy.Delivered && e.acts != taxonomy.Returning && e.acts != taxonomy.Returned:
			e.Noise = true
			continue
		case e.acts == taxonomy.Unknown:
			continue
		}
		if e.acts != taxonomy.InfoReceived {
			scanned = true
		}
		ps.status, ps.reason, ps.statusConf = e.Status, e.Reason, e.Confidence
		ps.statusAt = e
		e.changing = true
		if e.acts == taxonomy.Delivered && e.timed {
			t := e.at
			ps.deliveredAt = &t
		}
	}
	ps.leg = leg
	// The last update is the latest event that is not noise: an event the classifier cannot
	// read is still a sign of life from the carrier.
	for i := len(ps.entries) - 1; i >= 0; i-- {
		if e := &ps.entries[i]; !e.Noise && e.timed {
			ps.last = e
			break
		}
	}
	ps.stage = stageOf(ps.status, leg, len(ps.entries) > 0)
	if ps.status == taxonomy.InfoReceived && scanned {
		// A label notice repeated after the carrier already had the parcel says nothing
		// about where it is: the status is what the latest event says, the stage is where
		// the parcel is known to be.
		ps.stage = stageOf(taxonomy.InTransit, leg, true)
	}
	// The stage never falls behind the furthest point reached: an acceptance or sorting
	// scan by the local carrier after the parcel reached the buyer's country is the
	// destination stage, not "still in the sending country".
	switch {
	case leg == legDestination && (ps.stage == StageLabelCreated || ps.stage == StageUnknown ||
		ps.stage == StageOrigin || ps.stage == StageInternational):
		ps.stage = StageDestination
	case leg == legTransit && (ps.stage == StageLabelCreated || ps.stage == StageOrigin):
		ps.stage = StageInternational
	}
}

// stageOf maps a status to a stage; statuses that do not say where the parcel is take the
// stage of the leg it has reached.
func stageOf(s taxonomy.ParcelStatus, leg string, hasEvents bool) Stage {
	switch s {
	case taxonomy.InfoReceived:
		return StageLabelCreated
	case taxonomy.Accepted:
		return StageOrigin
	case taxonomy.DepartedOrigin, taxonomy.ArrivedTransit:
		return StageInternational
	case taxonomy.ArrivedDestination:
		return StageDestination
	case taxonomy.Customs, taxonomy.CustomsHeld:
		return StageCustoms
	case taxonomy.OutForDelivery, taxonomy.PickupReady, taxonomy.DeliveryFailed:
		return StageLastMile
	case taxonomy.Delivered:
		return StageDelivered
	case taxonomy.Returning, taxonomy.Returned:
		return StageReturning
	case taxonomy.Exception:
		return StageException
	}
	if s == taxonomy.Unknown && !hasEvents {
		return StageLabelCreated
	}
	switch leg {
	case legTransit:
		return StageInternational
	case legDestination:
		return StageDestination
	}
	if s == taxonomy.Unknown {
		return StageUnknown
	}
	return StageOrigin
}

// legs groups the timeline into the route's legs.
func (ps *parcelState) legs() []Leg {
	out := make([]Leg, 0, len(legOrder))
	reached := legIndex(ps.leg)
	for i, name := range legOrder {
		l := Leg{Name: name, State: "pending", Places: []string{}}
		switch {
		case i < reached:
			l.State = "done"
		case i == reached:
			l.State = "current"
			if ps.status.Terminal() {
				l.State = "done"
			}
		}
		seen := map[uint64]bool{}
		var start, end time.Time
		for j := range ps.entries {
			e := &ps.entries[j]
			if e.leg != name || e.Noise {
				continue
			}
			if e.timed {
				if start.IsZero() {
					start = e.at.UTC()
				}
				end = e.at.UTC()
			}
			if h := foldHash(e.Location); e.Location != "" && !seen[h] {
				seen[h] = true
				l.Places = append(l.Places, e.Location)
			}
			if e.Carrier != "" {
				l.Carrier = e.Carrier
			}
			if e.Number != "" {
				l.Number = e.Number
			}
		}
		if !start.IsZero() {
			l.Start, l.End = &start, &end
		}
		out = append(out, l)
	}
	return out
}
