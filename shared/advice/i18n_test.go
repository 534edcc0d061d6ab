package advice

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// The languages the buyer can choose: pt is Brazilian Portuguese.
var wantLanguages = []string{"de", "en", "es", "fr", "he", "it", "ko", "nl", "pl", "pt", "ru", "tr", "uk"}

func TestLanguagesComplete(t *testing.T) {
	if got := Languages(); !slices.Equal(got, wantLanguages) {
		t.Errorf("Languages() = %v, want %v", got, wantLanguages)
	}
}

func TestResolve(t *testing.T) {
	for _, tt := range []struct{ tag, want string }{
		{"", "en"}, {"  ", "en"}, {"en", "en"}, {"EN-us", "en"}, {"en_GB", "en"},
		{"ru", "ru"}, {"ru-RU", "ru"}, {"RU", "ru"}, {"ru_ru", "ru"},
		{"uk", "uk"}, {"uk-UA", "uk"}, {"UK_ua", "uk"},
		{"pt", "pt"}, {"pt-BR", "pt"}, {"pt_BR", "pt"}, {"pt-br", "pt"}, {"pt-PT", "pt"}, {"pt-AO", "pt"},
		{"es", "es"}, {"es-419", "es"}, {"es-MX", "es"}, {"fr-CA", "fr"}, {"fr_FR", "fr"},
		{"pl-PL", "pl"}, {"de-AT", "de"}, {"de-CH", "de"}, {"nl-BE", "nl"}, {"it-IT", "it"},
		{"tr-TR", "tr"}, {"ko-KR", "ko"}, {"KO", "ko"},
		{"he", "he"}, {"he-IL", "he"}, {"iw", "he"}, {"iw-IL", "he"}, {"IW", "he"},
		{"he-IL,he;q=0.9,en-US;q=0.8", "he"}, {"zh-CN,zh;q=0.9,ko;q=0.8", "ko"}, {"xx, pl;q=0.5", "pl"},
		{"zh-CN", "en"}, {"ja", "en"}, {"xx", "en"}, {"*", "en"}, {"12", "en"}, {"-", "en"}, {"pt-", "pt"},
	} {
		if got := Resolve(tt.tag); got != tt.want {
			t.Errorf("Resolve(%q) = %q, want %q", tt.tag, got, tt.want)
		}
		if got := Lang(tt.tag).Code(); got != tt.want {
			t.Errorf("Lang(%q).Code() = %q, want %q", tt.tag, got, tt.want)
		}
	}
}

// sources reads every language's texts as key → template source, the keys as Catalog uses
// them, plus the plural forms as "plural.day.<category>".
func sources(t *testing.T) map[string]map[string]string {
	t.Helper()
	names, err := fs.Glob(allTexts, "texts/*.json")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, name := range names {
		b, err := fs.ReadFile(allTexts, name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := decodeCatalogFile(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		m := map[string]string{}
		for group, g := range map[string]map[string]string{
			"verdict": f.Verdict, "status": f.Status, "stage": f.Stage, "detail": f.Detail, "labels": f.Labels,
			"protection": f.Protection, "deadline": f.Deadline, "reasons": f.Reasons, "summary": f.Summary,
		} {
			for k, s := range g {
				m[group+"."+k] = s
			}
		}
		for sit, st := range f.Situations {
			p := "situations." + sit + "."
			m[p+"title"], m[p+"seller_message"], m[p+"dispute_text"] = st.Title, st.SellerMessage, st.DisputeText
			for i, s := range st.Steps {
				m[p+"steps."+strconv.Itoa(i)] = s
			}
			for i, s := range st.Evidence {
				m[p+"evidence."+strconv.Itoa(i)] = s
			}
		}
		out[strings.TrimSuffix(path.Base(name), ".json")] = m
	}
	return out
}

var actionRE = regexp.MustCompile(`\{\{\s*(.*?)\s*\}\}`)

// placeholders are the facts a text uses: every action but if/else/end, as written
// (".OrderID", "days .DaysLeft", `eq .Stage "destination"`).
func placeholders(s string) []string {
	set := map[string]bool{}
	for _, m := range actionRE.FindAllStringSubmatch(s, -1) {
		a := strings.Join(strings.Fields(m[1]), " ")
		if a == "else" || a == "end" {
			continue
		}
		set[strings.TrimPrefix(a, "if ")] = true
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Every language has every text of English, with the same placeholders, and no text
// English does not have; every situation has as many steps and evidence items as in
// English.
func TestEveryLanguageHasEveryKey(t *testing.T) {
	src := sources(t)
	en := src[DefaultLang]
	for _, l := range Languages() {
		if l == DefaultLang {
			continue
		}
		m := src[l]
		var missing, extra []string
		for k, es := range en {
			s, ok := m[k]
			if !ok {
				missing = append(missing, k)
				continue
			}
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: %s is empty", l, k)
			}
			if pe, pl := placeholders(es), placeholders(s); !slices.Equal(pe, pl) {
				t.Errorf("%s: %s has placeholders %q, English %q", l, k, pl, pe)
			}
		}
		for k := range m {
			if _, ok := en[k]; !ok {
				extra = append(extra, k)
			}
		}
		sort.Strings(missing)
		sort.Strings(extra)
		if len(missing) > 0 {
			t.Errorf("%s: %d texts of English missing: %s", l, len(missing), strings.Join(missing, ", "))
		}
		if len(extra) > 0 {
			t.Errorf("%s: %d texts English does not have: %s", l, len(extra), strings.Join(extra, ", "))
		}
	}
}

// pluralNames are the CLDR categories by x/text's forms.
var pluralNames = map[plural.Form]string{plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many", plural.Other: "other"}

// Each language writes exactly the plural forms its CLDR rules use for whole numbers, each
// with the number's place ({n}) once, and the chosen form follows x/text's rules.
func TestPluralForms(t *testing.T) {
	for _, l := range Languages() {
		c := Lang(l)
		tag := language.Make(l)
		need := map[string]bool{"other": true}
		for n := range 1001 {
			need[pluralNames[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]] = true
		}
		for f := range need {
			s, ok := c.dayForms[f]
			if !ok {
				t.Errorf("%s: plural.day.%s is missing (CLDR uses it)", l, f)
				continue
			}
			if strings.Count(s, "{n}") > 1 || strings.ContainsAny(strings.ReplaceAll(s, "{n}", ""), "{}%") {
				t.Errorf("%s: plural.day.%s = %q", l, f, s)
			}
		}
		for f := range c.dayForms {
			if !need[f] {
				t.Errorf("%s: plural.day.%s is never used by the language's rules", l, f)
			}
		}
		for _, n := range []int{0, 1, 2, 3, 5, 11, 21, 22, 25, 100, 101, 102, 111} {
			want := strings.Replace(c.dayForms[pluralNames[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]], "{n}", strconv.Itoa(n), 1)
			if got := c.Days(n); got != want {
				t.Errorf("%s: Days(%d) = %q, want %q", l, n, got, want)
			}
		}
	}
}

// The CLDR rules reach the texts: spot checks of languages with more than one/other.
func TestPluralSpotChecks(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 day"}, {"en", 0, "0 days"}, {"en", 21, "21 days"},
		{"ru", 1, "1 день"}, {"ru", 3, "3 дня"}, {"ru", 5, "5 дней"}, {"ru", 11, "11 дней"}, {"ru", 21, "21 день"}, {"ru", 22, "22 дня"},
		{"uk", 1, "1 день"}, {"uk", 4, "4 дні"}, {"uk", 12, "12 днів"}, {"uk", 31, "31 день"},
		{"pl", 1, "1 dzień"}, {"pl", 2, "2 dni"}, {"pl", 5, "5 dni"},
		{"ko", 1, "1일"}, {"ko", 30, "30일"},
		{"tr", 1, "1 gün"}, {"tr", 7, "7 gün"},
	} {
		if !slices.Contains(Languages(), tt.lang) {
			t.Errorf("no texts for %s", tt.lang)
			continue
		}
		if got := Lang(tt.lang).Days(tt.n); got != tt.want {
			t.Errorf("%s Days(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
	// Hebrew: one day and two days have their own words; many days a number.
	he := Lang("he")
	if one, two, five := he.Days(1), he.Days(2), he.Days(5); one == two || strings.ContainsAny(two, "0123456789") || !strings.Contains(five, "5") {
		t.Errorf("he Days 1, 2, 5 = %q, %q, %q", one, two, five)
	}
}

// A number of days is never shown negative.
func TestDaysNeverNegative(t *testing.T) {
	for _, l := range Languages() {
		c := Lang(l)
		for _, n := range []int{-1, -2, -4, -27, -100} {
			got := c.Days(n)
			if strings.ContainsAny(got, "-−") {
				t.Errorf("%s: Days(%d) = %q", l, n, got)
			}
			if got != c.Days(-n) {
				t.Errorf("%s: Days(%d) = %q, Days(%d) = %q", l, n, got, -n, c.Days(-n))
			}
		}
		f := Facts{DaysSinceEnd: 4}
		if got := c.Label("ended_ago", &f); !strings.Contains(got, "4") || strings.ContainsAny(got, "-−") {
			t.Errorf("%s: ended_ago = %q", l, got)
		}
	}
}

// Dates are written in each language's order, with the month's name.
func TestDates(t *testing.T) {
	d := time.Date(2026, 4, 12, 23, 30, 0, 0, time.UTC)
	for _, l := range Languages() {
		c := Lang(l)
		got := c.Date(d)
		if !strings.Contains(got, "12") || !strings.Contains(got, "2026") || !strings.Contains(got, c.months[3]) || strings.ContainsAny(got, "{}") {
			t.Errorf("%s: Date = %q", l, got)
		}
	}
	if got := Lang("ko").Date(d); got != "2026년 4월 12일" {
		t.Errorf("ko Date = %q", got)
	}
}

func ExampleCatalog_Days() {
	for _, l := range []string{"en", "ru", "uk"} {
		fmt.Println(Lang(l).Days(1), "/", Lang(l).Days(3), "/", Lang(l).Days(5))
	}
	// Output:
	// 1 day / 3 days / 5 days
	// 1 день / 3 дня / 5 дней
	// 1 день / 3 дні / 5 днів
}

func TestSupported(t *testing.T) {
	for tag, want := range map[string]bool{"en": true, "en-GB": true, "EN_us": true, "pt-BR": true, "iw": true, "he-IL,en;q=0.5": true,
		"": false, "xx": false, "zh-CN": false, "ja,xx": false} {
		if got := Supported(tag); got != want {
			t.Errorf("Supported(%q) = %v, want %v", tag, got, want)
		}
	}
}
