package advice

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/orderwatch/orderwatch/shared/jsonscan"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// textFiles holds the embedded texts: every language natively (catalog_embed_all.go), English
// alone in the WebAssembly build (catalog_embed_js.go), where the other languages come from
// the extension's own files through Load.

// DefaultLang is used when the wanted language has no texts, and for any text a
// translation lacks.
const DefaultLang = "en"

// Catalog holds every text of one language, parsed once.
type Catalog struct {
	lang       string
	name       string
	plural     func(n int) string // the CLDR plural rule (plural.go)
	months     []string
	dateFormat string            // "{day} {month} {year}"
	dayForms   map[string]string // by CLDR category name
	texts      map[string]*text  // "reasons.overdue", "situations.customs_held.steps.2", …
	fallback   *Catalog
}

// text is one compiled template; plain strings skip rendering.
type text struct {
	plain string
	nodes []node
	size  int // a guess of the rendered length
}

// catalogFile is the shape of texts/<lang>.json.
type catalogFile struct {
	Lang       string                       `json:"lang"`
	Name       string                       `json:"name"`
	Months     []string                     `json:"months"`
	DateFormat string                       `json:"date_format"` // "{day} {month} {year}"; months[] fills {month}
	Plural     map[string]map[string]string `json:"plural"`      // word → CLDR category → "{n} days"
	Verdict    map[string]string            `json:"verdict"`
	Status     map[string]string            `json:"status"`
	Stage      map[string]string            `json:"stage"`
	Detail     map[string]string            `json:"detail"`
	Country    map[string]string            `json:"country"` // names by ISO code, where not English
	Labels     map[string]string            `json:"labels"`
	Protection map[string]string            `json:"protection"`
	Deadline   map[string]string            `json:"deadline"`
	Reasons    map[string]string            `json:"reasons"`
	Summary    map[string]string            `json:"summary"`
	Situations map[string]situationTemplate `json:"situations"`
}

type situationTemplate struct {
	Title         string   `json:"title"`
	Steps         []string `json:"steps"`
	Evidence      []string `json:"evidence"`
	SellerMessage string   `json:"seller_message"`
	DisputeText   string   `json:"dispute_text"`
}

// catalogs lists the embedded languages; each language's texts are parsed on first use, not
// at package init: the WebAssembly module spent a large part of its start-up compiling every
// language's templates before its first call, and a buyer needs one language (and English
// for what a translation lacks).
var catalogs = sync.OnceValue(func() map[string]func() *Catalog {
	// The embedded directory read directly (its entries come sorted), not through fs.Glob:
	// Glob's pattern matching and fs.ReadDir's sort cost the WebAssembly module 23 KB gzipped.
	entries, err := textFiles.ReadDir("texts")
	if err != nil {
		panic(err)
	}
	out := map[string]func() *Catalog{}
	for _, e := range entries {
		lang, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || e.IsDir() {
			continue
		}
		name := "texts/" + e.Name()
		out[lang] = sync.OnceValue(func() *Catalog {
			c, err := loadOne(textFiles, name, lang)
			if err != nil {
				panic(err) // the texts are embedded: a broken one is a build error, caught by tests
			}
			if lang != DefaultLang {
				c.fallback = out[DefaultLang]()
			}
			return c
		})
	}
	if out[DefaultLang] == nil {
		panic(fmt.Sprintf("advice: no texts for the default language %q", DefaultLang))
	}
	return out
})

// shippedLangs are the languages texts/ holds (a test keeps the list equal to the directory).
// The WebAssembly build embeds only English and knows the others by this list: Resolve maps a
// tag to one of them, and Load adds its texts.
var shippedLangs = [...]string{"de", "en", "es", "fr", "he", "it", "ko", "nl", "pl", "pt", "ru", "tr", "uk"}

// knownLangs is the set of languages with texts: embedded, or shipped beside the module.
var knownLangs = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for l := range catalogs() {
		out[l] = true
	}
	for _, l := range shippedLangs {
		out[l] = true
	}
	return out
})

// added holds the languages given to Load (copy on write: readers take no lock); loadMu
// orders the writers, and loadedSrc keeps each one's bytes to tell a repeat from a change.
var (
	added     atomic.Pointer[map[string]*Catalog]
	loadMu    sync.Mutex
	loadedSrc = map[string][]byte{}
)

// lookup is a language's catalog, or nil when its texts are not loaded.
func lookup(lang string) *Catalog {
	if f, ok := catalogs()[lang]; ok {
		return f()
	}
	if m := added.Load(); m != nil {
		return (*m)[lang]
	}
	return nil
}

// Load adds a language's texts, the contents of texts/<lang>.json, to those the package has:
// the WebAssembly build embeds only English and is given the buyer's language by its host.
// The texts are checked as strictly as the embedded ones (the same parser, the file's lang
// must be lang). Loading the same texts again is a no-op; other texts for a language already
// there (embedded or loaded) are refused, so that answers never change under a caller.
func Load(lang string, data []byte) error {
	if !knownLangs()[lang] {
		return fmt.Errorf("advice: no language %q in this build (languages: %s)", lang, strings.Join(Languages(), ", "))
	}
	loadMu.Lock()
	defer loadMu.Unlock()
	prev, already := loadedSrc[lang]
	if !already {
		if _, embedded := catalogs()[lang]; embedded {
			prev, _ = textFiles.ReadFile("texts/" + lang + ".json")
			already = true
		}
	}
	if already && bytes.Equal(prev, data) {
		return nil // a repeat: not parsed again
	}
	// Parsed before anything else is said about them, so that broken texts are named as such.
	c, err := parseCatalog(data)
	if err != nil {
		return fmt.Errorf("advice: texts of %q: %w", lang, err)
	}
	if c.lang != lang {
		return fmt.Errorf("advice: the texts given for %q are those of %q", lang, c.lang)
	}
	if already {
		return fmt.Errorf("advice: the texts of %q are already loaded, and these differ from them", lang)
	}
	if lang != DefaultLang {
		c.fallback = catalogs()[DefaultLang]()
	}
	next := map[string]*Catalog{lang: c}
	if m := added.Load(); m != nil {
		for l, x := range *m {
			next[l] = x
		}
	}
	loadedSrc[lang] = bytes.Clone(data)
	added.Store(&next)
	return nil
}

// Missing is the language whose texts a question in tag would be answered with (see Resolve)
// when they are not loaded yet, else "". Lang answers such a question in English: the host
// of the WebAssembly build asks here first and loads the language with Load.
func Missing(tag string) string {
	if l := Resolve(tag); lookup(l) == nil {
		return l
	}
	return ""
}

// loadOne parses one language's file, which must be named for its language.
func loadOne(fsys fs.FS, name, lang string) (*Catalog, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	c, err := parseCatalog(b)
	if err != nil {
		return nil, fmt.Errorf("advice: %s: %w", name, err)
	}
	if c.lang != lang {
		return nil, fmt.Errorf("advice: %s holds the texts of %q", name, c.lang)
	}
	return c, nil
}

// load parses every language of fsys at once (the tests check the embedded texts with it).
func load(fsys fs.FS) (map[string]*Catalog, error) {
	names, err := fs.Glob(fsys, "texts/*.json")
	if err != nil {
		return nil, err
	}
	cats := map[string]*Catalog{}
	for _, name := range names {
		lang := strings.TrimSuffix(path.Base(name), ".json")
		c, err := loadOne(fsys, name, lang)
		if err != nil {
			return nil, err
		}
		cats[lang] = c
	}
	def, ok := cats[DefaultLang]
	if !ok {
		return nil, fmt.Errorf("advice: no texts for the default language %q", DefaultLang)
	}
	for l, c := range cats {
		if l != DefaultLang {
			c.fallback = def
		}
	}
	return cats, nil
}

func decodeCatalogFile(b []byte) (catalogFile, error) {
	var f catalogFile
	_, err := jsonscan.DecodeOne(b, &f, jsonscan.Strict)
	return f, err
}

func parseCatalog(b []byte) (*Catalog, error) {
	f, err := decodeCatalogFile(b)
	if err != nil {
		return nil, err
	}
	if f.Lang == "" || len(f.Months) != 12 {
		return nil, fmt.Errorf("lang and 12 months are required")
	}
	rule, ok := pluralRules[f.Lang]
	if !ok {
		return nil, fmt.Errorf("lang %q: no plural rule for it in plural.go (add the language's CLDR rule there)", f.Lang)
	}
	if !strings.Contains(f.DateFormat, "{day}") || !strings.Contains(f.DateFormat, "{month}") || !strings.Contains(f.DateFormat, "{year}") {
		return nil, fmt.Errorf("date_format %q needs {day}, {month} and {year}", f.DateFormat)
	}
	c := &Catalog{lang: f.Lang, name: f.Name, plural: rule, months: f.Months, dateFormat: f.DateFormat, texts: map[string]*text{}}
	for word, forms := range f.Plural {
		if word != "day" {
			return nil, fmt.Errorf("plural.%s: only plural.day is used", word)
		}
		c.dayForms = map[string]string{}
		for cat, s := range forms {
			if !pluralCategories[cat] {
				return nil, fmt.Errorf("plural.day.%s: not a CLDR plural category (zero, one, two, few, many, other)", cat)
			}
			c.dayForms[cat] = s
		}
	}
	if c.dayForms["other"] == "" {
		return nil, fmt.Errorf("plural.day.other is required")
	}
	add := func(key, s string) error {
		t, err := c.parse(key, s)
		if err != nil {
			return err
		}
		c.texts[key] = t
		return nil
	}
	for group, m := range map[string]map[string]string{
		"verdict": f.Verdict, "status": f.Status, "stage": f.Stage, "detail": f.Detail, "country": f.Country, "labels": f.Labels,
		"protection": f.Protection, "deadline": f.Deadline, "reasons": f.Reasons, "summary": f.Summary,
	} {
		for k, s := range m {
			if err := add(group+"."+k, s); err != nil {
				return nil, err
			}
		}
	}
	for sit, st := range f.Situations {
		p := "situations." + sit + "."
		for k, s := range map[string]string{"title": st.Title, "seller_message": st.SellerMessage, "dispute_text": st.DisputeText} {
			if err := add(p+k, s); err != nil {
				return nil, err
			}
		}
		for i, s := range st.Steps {
			if err := add(p+"steps."+strconv.Itoa(i), s); err != nil {
				return nil, err
			}
		}
		for i, s := range st.Evidence {
			if err := add(p+"evidence."+strconv.Itoa(i), s); err != nil {
				return nil, err
			}
		}
		c.texts[p+"steps"] = &text{plain: strconv.Itoa(len(st.Steps))}
		c.texts[p+"evidence"] = &text{plain: strconv.Itoa(len(st.Evidence))}
	}
	return c, nil
}

func (c *Catalog) parse(key, s string) (*text, error) {
	if !strings.Contains(s, "{{") {
		return &text{plain: s}, nil
	}
	nodes, err := compile(s)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	return &text{nodes: nodes, size: len(s) + len(s)/2}, nil
}

// Lang returns the catalog for a language tag (see Resolve); unknown → English, and so is
// a language whose texts are not loaded (see Missing, Load).
func Lang(tag string) *Catalog {
	if c := lookup(Resolve(tag)); c != nil {
		return c
	}
	return catalogs()[DefaultLang]()
}

// Resolve maps what a buyer's browser, the options or the command line give as a language
// to the code of a language that has texts: a BCP 47 tag in any case, with - or _ ("pt-BR",
// "pt_br", "he-IL", "uk-UA"), a deprecated code ("iw" for Hebrew), or an Accept-Language
// list ("he-IL,he;q=0.9,en;q=0.8": the first language that has texts). Any region or script
// falls back to the language ("pt-PT" → "pt", which is written for Brazil). Unknown or
// empty → DefaultLang. The CLI and the WebAssembly module both resolve through here.
func Resolve(tag string) string {
	cats := knownLangs()
	for item := range strings.SplitSeq(tag, ",") {
		item, _, _ = strings.Cut(item, ";") // a q= weight
		item = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(item), "_", "-"))
		if item == "" || item == "*" {
			continue
		}
		if cats[item] {
			return item
		}
		base, _, _ := strings.Cut(item, "-")
		if cats[base] {
			return base
		}
		// Deprecated and ISO 639-2/3 codes ("iw", "heb"), by CLDR's canonical forms.
		if l, ok := langAliases[base]; ok && wellFormed(item) && cats[l] {
			return l
		}
	}
	return DefaultLang
}

// wellFormed reports whether a lower-case tag is subtags of 1 to 8 letters or digits joined
// by hyphens (BCP 47's syntax, roughly: what golang.org/x/text parsed before an alias counted).
func wellFormed(tag string) bool {
	for sub := range strings.SplitSeq(tag, "-") {
		if len(sub) == 0 || len(sub) > 8 {
			return false
		}
		for i := 0; i < len(sub); i++ {
			if c := sub[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}

// Supported reports whether tag names a language that has texts (Resolve does not fall
// back to English for it).
func Supported(tag string) bool {
	r := Resolve(tag)
	if r != DefaultLang {
		return true
	}
	for item := range strings.SplitSeq(tag, ",") {
		item, _, _ = strings.Cut(item, ";")
		item = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(item), "_", "-"))
		if base, _, _ := strings.Cut(item, "-"); base == DefaultLang {
			return true
		}
	}
	return false
}

// Languages lists the languages that have texts (in the WebAssembly build: shipped beside
// it, loaded or not), sorted.
func Languages() []string {
	out := make([]string, 0, len(knownLangs()))
	for l := range knownLangs() {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Code is the catalog's language code.
func (c *Catalog) Code() string { return c.lang }

// Text renders the text under key with the facts (nil: none); a key this language lacks
// comes from English, and a key no language has renders as "" — never as the key itself.
// The tests check that every language has every key, so neither happens in a build.
func (c *Catalog) Text(key string, f *Facts) string { return c.text(key, f) }

var noFacts Facts

func (c *Catalog) text(key string, f *Facts) string {
	if f == nil {
		f = &noFacts
	}
	t, ok := c.texts[key]
	if !ok {
		if c.fallback != nil {
			return c.fallback.text(key, f)
		}
		return ""
	}
	if t.nodes == nil {
		return t.plain
	}
	var b strings.Builder
	b.Grow(t.size)
	c.render(&b, t.nodes, reflect.ValueOf(f).Elem())
	return b.String()
}

// Has reports whether the language (or its fallback) has a text under key.
func (c *Catalog) Has(key string) bool {
	if _, ok := c.texts[key]; ok {
		return true
	}
	return c.fallback != nil && c.fallback.Has(key)
}

// HasOwn reports whether the language itself (not its fallback) has a text under key.
func (c *Catalog) HasOwn(key string) bool {
	_, ok := c.texts[key]
	return ok
}

// Keys lists the language's own keys that start with prefix, sorted.
func (c *Catalog) Keys(prefix string) []string {
	var out []string
	for k := range c.texts {
		if strings.HasPrefix(k, prefix) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Status is a parcel status in plain words.
func (c *Catalog) Status(s taxonomy.ParcelStatus) string { return c.text("status."+string(s), nil) }

// Stage is a stage in plain words.
func (c *Catalog) Stage(s string) string { return c.text("stage."+s, nil) }

// Detail is a classifier sub-status ("duties_due") in plain words. A sub-status the language
// has no words for is left out ("") rather than shown in English; English shows an unknown
// one with spaces for underscores. The tests give every sub-status of package taxonomy its
// words in every language.
func (c *Catalog) Detail(reason string) string {
	if reason == "" {
		return ""
	}
	if c.HasOwn("detail." + reason) {
		return c.text("detail."+reason, nil)
	}
	if c.lang != DefaultLang {
		return ""
	}
	return strings.ReplaceAll(reason, "_", " ")
}

// Country is a country's name in the language, or "" when the language has none for the
// code (callers then use their own English name).
func (c *Catalog) Country(code string) string {
	if t, ok := c.texts["country."+code]; ok {
		return t.plain
	}
	return ""
}

// Verdict is a verdict in plain words.
func (c *Catalog) Verdict(v taxonomy.Verdict) string { return c.text("verdict."+string(v), nil) }

// Label is a heading of the human-readable output.
func (c *Catalog) Label(key string, f *Facts) string { return c.text("labels."+key, f) }

// PluralCategory is the CLDR plural category of a whole number n in the language
// ("one", "few", …), by the CLDR rules (plural.go).
func (c *Catalog) PluralCategory(n int) string { return c.plural(n) }

// Days writes a number of days with the language's plural form: "1 day", "3 дня", "5 дней",
// "יומיים". The form is chosen by the CLDR rules of the language (plural.go); the text of each
// form is data (plural.day in the texts). A number of days is never shown negative: callers
// word the past ("ended … ago") and pass the distance.
func (c *Catalog) Days(n int) string {
	if n < 0 {
		n = -n
	}
	s, ok := c.dayForms[c.plural(n)]
	if !ok {
		s = c.dayForms["other"]
	}
	return strings.Replace(s, "{n}", strconv.Itoa(n), 1)
}

// Date writes a calendar date in the language, in UTC: "12 April 2026", "2026년 4월 12일".
func (c *Catalog) Date(t time.Time) string {
	t = t.UTC()
	var b strings.Builder
	b.Grow(len(c.dateFormat) + 16)
	for rest := c.dateFormat; rest != ""; {
		before, after, ok := strings.Cut(rest, "{")
		b.WriteString(before)
		if !ok {
			break
		}
		field, tail, _ := strings.Cut(after, "}")
		switch field {
		case "day":
			b.WriteString(strconv.Itoa(t.Day()))
		case "month":
			b.WriteString(c.months[t.Month()-1])
		case "year":
			b.WriteString(strconv.Itoa(t.Year()))
		}
		rest = tail
	}
	return b.String()
}

// dateOf accepts what templates hold: a time, a pointer to one, or nil ("?" when unknown).
func (c *Catalog) dateOf(v any) string {
	switch t := v.(type) {
	case time.Time:
		if !t.IsZero() {
			return c.Date(t)
		}
	case *time.Time:
		if t != nil && !t.IsZero() {
			return c.Date(*t)
		}
	}
	return "?"
}

// For writes the advice for a situation with the order's facts. The deadline that matters is
// always named: the end of Buyer Protection, or a note that it is not known.
func (c *Catalog) For(s Situation, f Facts) Advice {
	p := "situations." + string(s) + "."
	a := Advice{
		Situation:     s,
		Title:         c.text(p+"title", &f),
		Deadline:      f.Deadline,
		DeadlineText:  c.deadlineText(&f),
		Steps:         c.list(p+"steps", &f),
		Evidence:      c.list(p+"evidence", &f),
		SellerMessage: c.text(p+"seller_message", &f),
		DisputeText:   c.text(p+"dispute_text", &f),
	}
	if en := c.fallback; en != nil && c.lang != DefaultLang {
		ef := en.english(f)
		a.SellerMessageEn = en.text(p+"seller_message", &ef)
		a.DisputeTextEn = en.text(p+"dispute_text", &ef)
	}
	return a
}

// english turns facts written for another language into English ones: the facts the judge
// puts into words (the sub-status, the buyer's country, an unknown method) are worded again
// by c, the English catalog; numbers, dates, places and carrier texts stay as they are.
func (c *Catalog) english(f Facts) Facts {
	if f.DetailCode != "" {
		f.Detail = c.Detail(f.DetailCode)
	}
	if f.ExpectedPlaceEn != "" {
		f.ExpectedPlace = f.ExpectedPlaceEn
	}
	if f.MethodUnknown {
		f.Method = c.Label("unknown_method", nil)
	}
	return f
}

// DeadlineText says when Buyer Protection ends, where that date came from, and what to do;
// and, when AliExpress's own refund date matters (Facts.RefundBy), that date too: first when
// it comes before the end of Buyer Protection (or has passed), after it otherwise.
func (c *Catalog) DeadlineText(f *Facts) string { return c.deadlineText(f) }

func (c *Catalog) deadlineText(f *Facts) string {
	prot := c.protectionText(f)
	if f.RefundBy == nil {
		return prot
	}
	if f.RefundPassed {
		return c.text("deadline.refund_passed", f) + " " + prot
	}
	refund := c.text("deadline.refund", f)
	if f.Deadline == nil || f.Expired || f.RefundBy.Before(*f.Deadline) {
		return refund + " " + prot
	}
	return prot + " " + refund
}

func (c *Catalog) protectionText(f *Facts) string {
	switch {
	case f.Deadline == nil:
		return c.text("deadline.unknown", f)
	case f.Expired:
		return c.text("deadline.expired", f)
	case f.DeadlineSource == "estimated":
		return c.text("deadline.estimated", f)
	default:
		return c.text("deadline.page", f)
	}
}

func (c *Catalog) list(key string, f *Facts) []string {
	cat := c
	if _, ok := c.texts[key]; !ok && c.fallback != nil {
		cat = c.fallback
	}
	n, _ := strconv.Atoi(cat.text(key, f))
	out := make([]string, 0, n)
	for i := range n {
		out = append(out, cat.text(key+"."+strconv.Itoa(i), f))
	}
	return out
}
