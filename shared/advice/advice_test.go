package advice

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"text/template"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

func fullFacts() Facts {
	d := func(s string) *time.Time {
		t, _ := time.Parse(time.RFC3339, s)
		return &t
	}
	return Facts{
		OrderID: "8214937669763641", OrderDate: d("2026-02-21T00:00:00Z"), Store: "Example Store",
		Method: "AliExpress Standard Shipping", MethodMin: 15, MethodMax: 30,
		Number: "LP00123456789012", Carrier: "Cainiao", LastMileNumber: "RB123456785GB", LocalCarrier: "Royal Mail",
		Status: taxonomy.CustomsHeld, Stage: "destination", Detail: "duties due", LastEvent: "Held by customs",
		LastUpdate: d("2026-03-06T14:20:00Z"), DeliveredAt: d("2026-03-09T10:00:00Z"),
		DaysSilent: 13, DaysSinceShipment: 35, DaysSinceOrder: 27,
		ShownPlace: "Madrid, Spain", ExpectedPlace: "United Kingdom",
		Deadline: d("2026-04-22T00:00:00Z"), DeadlineSource: "estimated", DeadlineBasis: "an estimate", DaysLeft: 32,
		BasisDate: d("2026-02-21T00:00:00Z"), BasisDays: 60,
		SellerAskedAt: d("2026-03-15T09:00:00Z"), DaysSinceAsked: 5, Headline: "Headline.",
	}
}

// TestEveryLanguageIsComplete: each language has exactly the texts English has, and each
// situation has steps, evidence, a seller message and a dispute text.
func TestEveryLanguageIsComplete(t *testing.T) {
	en := Lang("en")
	if len(Languages()) < 2 {
		t.Fatalf("languages = %v, want at least en and ru", Languages())
	}
	for _, l := range Languages() {
		c := Lang(l)
		if c.Code() != l {
			t.Fatalf("Lang(%q).Code() = %q", l, c.Code())
		}
		for key := range en.texts {
			if _, ok := c.texts[key]; !ok {
				t.Errorf("%s lacks %q", l, key)
			}
		}
		for key := range c.texts {
			// Country names are optional: English ones come from the assessment's tables.
			if _, ok := en.texts[key]; !ok && !strings.HasPrefix(key, "country.") {
				t.Errorf("%s has %q, which English lacks", l, key)
			}
		}
		for _, s := range Situations {
			a := c.For(s, fullFacts())
			if a.Title == "" || len(a.Steps) < 2 || len(a.Evidence) < 1 || a.SellerMessage == "" || a.DisputeText == "" || a.DeadlineText == "" {
				t.Errorf("%s %s: incomplete advice %+v", l, s, a)
			}
			if !strings.Contains(a.SellerMessage, "8214937669763641") || !strings.Contains(a.DisputeText, "8214937669763641") {
				t.Errorf("%s %s: the seller message and dispute text must name the order", l, s)
			}
			if !strings.Contains(a.DeadlineText, c.Date(*fullFacts().Deadline)) {
				t.Errorf("%s %s: deadline text %q does not name the deadline", l, s, a.DeadlineText)
			}
		}
	}
}

// TestRendererMatchesTextTemplate: the texts are text/template; the small renderer must
// give exactly what text/template gives, with full and with empty facts.
func TestRendererMatchesTextTemplate(t *testing.T) {
	for _, l := range Languages() {
		c := Lang(l)
		funcs := template.FuncMap{"date": c.dateOf, "days": c.Days, "status": func(s taxonomy.ParcelStatus) string { return c.Status(s) }}
		for key, tx := range c.texts {
			if tx.nodes == nil {
				continue
			}
			src := sourceOf(t, l, key)
			tmpl, err := template.New(key).Option("missingkey=error").Funcs(funcs).Parse(src)
			if err != nil {
				t.Errorf("%s %s: not valid text/template: %v", l, key, err)
				continue
			}
			for name, f := range map[string]Facts{"full": fullFacts(), "empty": {}} {
				var want strings.Builder
				if err := tmpl.Execute(&want, f); err != nil {
					t.Errorf("%s %s (%s facts): text/template: %v", l, key, name, err)
					continue
				}
				if got := c.Text(key, &f); got != want.String() {
					t.Errorf("%s %s (%s facts):\n got %q\nwant %q", l, key, name, got, want.String())
				}
				if got := c.Text(key, &f); strings.Contains(got, "{{") || strings.Contains(got, "<nil>") {
					t.Errorf("%s %s: unfilled text %q", l, key, got)
				}
			}
		}
	}
}

// sourceOf finds the raw template string of a key in the embedded file.
func sourceOf(t *testing.T, lang, key string) string {
	t.Helper()
	b, err := allTexts.ReadFile("texts/" + lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	f, err := decodeCatalogFile(b)
	if err != nil {
		t.Fatal(err)
	}
	group, rest, _ := strings.Cut(key, ".")
	switch group {
	case "situations":
		sit, field, _ := strings.Cut(rest, ".")
		st := f.Situations[sit]
		switch {
		case field == "title":
			return st.Title
		case field == "seller_message":
			return st.SellerMessage
		case field == "dispute_text":
			return st.DisputeText
		case strings.HasPrefix(field, "steps."):
			return st.Steps[atoi(strings.TrimPrefix(field, "steps."))]
		case strings.HasPrefix(field, "evidence."):
			return st.Evidence[atoi(strings.TrimPrefix(field, "evidence."))]
		}
	default:
		m := reflect.ValueOf(f).FieldByNameFunc(func(n string) bool { return strings.EqualFold(n, group) })
		if m.IsValid() {
			return m.Interface().(map[string]string)[rest]
		}
	}
	t.Fatalf("no source for %s", key)
	return ""
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestCountry(t *testing.T) {
	if got := Lang("ru").Country("GB"); got != "Великобритания" {
		t.Errorf("ru Country(GB) = %q", got)
	}
	if got := Lang("en").Country("GB"); got != "" {
		t.Errorf("en Country(GB) = %q, want \"\" (English names come from the caller)", got)
	}
}

func TestDays(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "0 days"}, {"en", 1, "1 day"}, {"en", 2, "2 days"}, {"en", 21, "21 days"},
		{"ru", 1, "1 день"}, {"ru", 2, "2 дня"}, {"ru", 4, "4 дня"}, {"ru", 5, "5 дней"}, {"ru", 11, "11 дней"},
		{"ru", 12, "12 дней"}, {"ru", 21, "21 день"}, {"ru", 22, "22 дня"}, {"ru", 111, "111 дней"}, {"ru", -3, "3 дня"},
	}
	for _, tt := range tests {
		if got := Lang(tt.lang).Days(tt.n); got != tt.want {
			t.Errorf("Lang(%q).Days(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestLang(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"ru", "ru"}, {"ru-RU", "ru"}, {"RU", "ru"}, {"ru_RU", "ru"}, {"en-GB", "en"}, {"", "en"}, {"xx", "en"},
	}
	for _, tt := range tests {
		if got := Lang(tt.tag).Code(); got != tt.want {
			t.Errorf("Lang(%q) = %q, want %q", tt.tag, got, tt.want)
		}
	}
	if got := Lang("ru").Date(time.Date(2026, 4, 2, 23, 0, 0, 0, time.UTC)); got != "2 апреля 2026" {
		t.Errorf("ru date = %q", got)
	}
}

// TestNewLanguageIsData: a language file with only some texts loads, and the missing ones
// come from English.
func TestNewLanguageIsData(t *testing.T) {
	en, _ := allTexts.ReadFile("texts/en.json")
	fsys := fstest.MapFS{
		"texts/en.json": {Data: en},
		"texts/de.json": {Data: []byte(`{"lang": "de", "name": "Deutsch",
			"months": ["Januar","Februar","März","April","Mai","Juni","Juli","August","September","Oktober","November","Dezember"],
			"date_format": "{day}. {month} {year}", "plural": {"day": {"one": "{n} Tag", "other": "{n} Tage"}},
			"situations": {"protection_ending": {"title": "Der Käuferschutz endet", "steps": ["Bis {{date .Deadline}} handeln."],
				"evidence": ["Bildschirmfoto"], "seller_message": "Bestellung {{.OrderID}}", "dispute_text": "Bestellung {{.OrderID}}"}}}`)},
	}
	cats, err := load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	de := cats["de"]
	a := de.For(ProtectionEnding, fullFacts())
	if a.Title != "Der Käuferschutz endet" || !slices.Equal(a.Steps, []string{"Bis 22. April 2026 handeln."}) {
		t.Errorf("de advice = %+v", a)
	}
	if got := de.For(CustomsHeld, fullFacts()).Title; got != "The parcel is held by customs" {
		t.Errorf("missing de text: got %q, want the English fallback", got)
	}
	if got := de.Days(3); got != "3 Tage" {
		t.Errorf("de Days(3) = %q", got)
	}
}

func TestCompileErrors(t *testing.T) {
	for _, src := range []string{
		"{{.NoSuchFact}}", "{{if .OrderID}}open", "{{end}}", "{{else}}", "{{.OrderID", "{{printf .OrderID}}",
		`{{if eq .OrderID}}x{{end}}`, "{{if gt .OrderID .Number}}x{{end}}", "{{}}",
	} {
		if _, err := compile(src); err == nil {
			t.Errorf("compile(%q) succeeded, want an error", src)
		}
	}
}

// TestEmbeddedTexts: the embedded texts parse (they are read lazily, so a broken one would
// otherwise surface only on first use), and each language is what Lang gives for its code.
func TestEmbeddedTexts(t *testing.T) {
	cats, err := load(allTexts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Languages(), slices.Sorted(maps.Keys(cats))); diff != "" {
		t.Errorf("languages mismatch (-want +got):\n%s", diff)
	}
	for _, l := range Languages() {
		if got := Lang(l).Code(); got != l {
			t.Errorf("Lang(%q).Code() = %q", l, got)
		}
	}
}

// TestStageInMessages: the no-updates messages say where the parcel is — in the buyer's
// country with the local carrier and its number, or still in the sending country — and
// say nothing of it when the stage is not known.
func TestStageInMessages(t *testing.T) {
	for _, l := range Languages() {
		c := Lang(l)
		f := fullFacts()
		f.Stage = ""
		plain := c.For(NoUpdatesTooLong, f)
		f.Stage = "destination"
		dest := c.For(NoUpdatesTooLong, f)
		f.Stage = "origin"
		origin := c.For(NoUpdatesTooLong, f)
		for _, m := range []struct{ name, plain, dest, origin string }{
			{"seller message", plain.SellerMessage, dest.SellerMessage, origin.SellerMessage},
			{"dispute text", plain.DisputeText, dest.DisputeText, origin.DisputeText},
		} {
			if m.dest == m.plain || m.origin == m.plain || m.dest == m.origin {
				t.Errorf("%s %s does not depend on the stage:\n%s\n%s\n%s", l, m.name, m.plain, m.dest, m.origin)
			}
			if strings.Count(m.dest, f.LastMileNumber) <= strings.Count(m.plain, f.LastMileNumber) {
				t.Errorf("%s %s in the destination stage does not name the last-mile number: %s", l, m.name, m.dest)
			}
		}
		f.Stage = ""
		plain = c.For(ProtectionEnding, f)
		f.Stage = "destination"
		if dest := c.For(ProtectionEnding, f); dest.DisputeText == plain.DisputeText {
			t.Errorf("%s protection dispute does not say the parcel had arrived: %s", l, dest.DisputeText)
		}
	}
}

// A key no language has renders as nothing, never as the key itself.
func TestMissingKeyNeverShown(t *testing.T) {
	for _, l := range Languages() {
		if got := Lang(l).Text("reasons.no_such_reason", nil); got != "" {
			t.Errorf("%s: missing key rendered as %q", l, got)
		}
	}
}
