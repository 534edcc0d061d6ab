package assess

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/orderwatch/orderwatch/shared/advice"
)

// item is one text of an assessment, named for the messages.
type item struct{ where, text string }

// texts lists every text of an assessment a buyer reads, in a fixed order: the same order in
// every language for the same order.
func texts(a Assessment) []item {
	var out []item
	add := func(where, s string) { out = append(out, item{where, s}) }
	add("summary", a.Summary)
	add("protection.basis", a.Protection.Basis)
	for _, r := range a.Reasons {
		add("reason "+string(r.Code), r.Text)
	}
	for _, ad := range a.Advice {
		p := "advice " + string(ad.Situation) + " "
		add(p+"title", ad.Title)
		add(p+"deadline_text", ad.DeadlineText)
		for _, s := range ad.Steps {
			add(p+"step", s)
		}
		for _, s := range ad.Evidence {
			add(p+"evidence", s)
		}
		add(p+"seller_message", ad.SellerMessage)
		add(p+"dispute_text", ad.DisputeText)
	}
	return out
}

// orderStrings are the strings an order carries (event texts, places, names): they are
// facts, shown as given, in whatever language the carrier wrote them.
func orderStrings(t *testing.T, path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

var (
	// Template debris and key names.
	debrisRE = regexp.MustCompile(`[{}%]|<no value>|<nil>|\b(?:reasons|situations|labels|status|stage|verdict|detail|protection|deadline|summary|plural)\.[a-z_]+|\b[a-z]+_[a-z_]+\b`)
	// A negative number of days ("-3 days", "−3").
	negativeRE = regexp.MustCompile(`(?:^|[\s(:])[-−]\d`)
	// English words that no other language's texts use ("tracking" is German and Dutch too),
	// as whole words of any script (Go's \b knows only ASCII letters).
	englishRE = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(the|and|your|you|with|been|have|please|hello|thank|parcel|seller|since|would|should|could|which|shipment|refund|delivered|ago|days)(?:[^\p{L}]|$)`)
	// Latin words in a text in another script.
	latinWordRE = regexp.MustCompile(`[A-Za-z]{3,}`)
)

// Brand and service names every language writes as they are.
var brands = []string{"global.cainiao.com", "AliExpress", "Cainiao", "17TRACK", "SMS", "e-mail"}

// TestEveryLanguageRendersEveryScenario renders every scenario of the assessment tests in
// every language and checks each text a buyer reads: not empty, no template debris or key
// names, never a negative number of days, and, in a language other than English, no
// English left in (apart from the order's own facts and brand names) and not the English
// text itself. The English copies of the messages are the English texts, word for word.
func TestEveryLanguageRendersEveryScenario(t *testing.T) {
	paths, err := filepath.Glob("testdata/scenarios/*.json")
	if err != nil {
		t.Fatal(err)
	}
	covered := map[advice.Situation]bool{}
	n := 0
	for _, path := range paths {
		if strings.HasSuffix(path, ".golden.json") {
			continue
		}
		n++
		o := loadOrder(t, path)
		facts := orderStrings(t, path)
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		en := Order(o, Options{Now: testNow, Lang: "en"})
		enTexts := texts(en)
		for _, ad := range en.Advice {
			covered[ad.Situation] = true
		}
		for _, l := range advice.Languages() {
			a := Order(o, Options{Now: testNow, Lang: l})
			if a.Lang != l {
				t.Fatalf("%s: assessed in %q, want %q", name, a.Lang, l)
			}
			got := texts(a)
			if len(got) != len(enTexts) {
				t.Errorf("%s (%s): %d texts, English has %d", name, l, len(got), len(enTexts))
				continue
			}
			strip := append(append([]string{a.Method.Name, localCarriers[strings.ToUpper(o.Buyer.Country)]}, facts...), brands...)
			sort.Slice(strip, func(i, j int) bool { return len(strip[i]) > len(strip[j]) })
			for i, it := range got {
				where := name + " (" + l + ") " + it.where
				s := it.text
				if strings.TrimSpace(s) == "" {
					if it.where != "protection.basis" || en.Protection.Basis != "" {
						t.Errorf("%s: empty", where)
					}
					continue
				}
				rest := s
				for _, f := range strip {
					if strings.TrimSpace(f) != "" {
						rest = strings.ReplaceAll(rest, f, " ")
					}
				}
				if m := debrisRE.FindString(rest); m != "" {
					t.Errorf("%s: template debris or a key %q in %q", where, m, s)
				}
				if negativeRE.MatchString(rest) {
					t.Errorf("%s: a negative number in %q", where, s)
				}
				if l == advice.DefaultLang {
					continue
				}
				if s == enTexts[i].text && strings.TrimFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }) != "" {
					t.Errorf("%s: the English text itself: %q", where, s)
				}
				if m := englishRE.FindStringSubmatch(rest); m != nil {
					t.Errorf("%s: English word %q in %q", where, m[1], s)
				}
				if nonLatin(l) {
					if m := latinWordRE.FindString(rest); m != "" {
						t.Errorf("%s: Latin word %q in %q", where, m, s)
					}
				}
			}
			// The English copies are the English texts.
			for i, ad := range a.Advice {
				if l == advice.DefaultLang {
					if ad.SellerMessageEn != "" || ad.DisputeTextEn != "" {
						t.Errorf("%s (en): English copies on English advice", name)
					}
					continue
				}
				if ad.SellerMessageEn != en.Advice[i].SellerMessage || ad.DisputeTextEn != en.Advice[i].DisputeText {
					t.Errorf("%s (%s) advice %s: English copies differ from the English advice:\n%q\n%q", name, l, ad.Situation, ad.SellerMessageEn, en.Advice[i].SellerMessage)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no scenarios")
	}
	var missing []string
	for _, s := range advice.Situations {
		if !covered[s] {
			missing = append(missing, string(s))
		}
	}
	if len(missing) > 0 {
		t.Errorf("no scenario gives advice for: %s", strings.Join(missing, ", "))
	}
}

func nonLatin(lang string) bool {
	switch lang {
	case "ru", "uk", "he", "ko":
		return true
	}
	return false
}
