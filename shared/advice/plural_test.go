package advice

import (
	"testing"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Every rule of plural.go gives x/text's CLDR category for every whole number up to 2,000,000
// and for large ones, and every language with texts has a rule.
func TestPluralRulesMatchXText(t *testing.T) {
	for _, l := range Languages() {
		if pluralRules[l] == nil {
			t.Errorf("%s has texts but no plural rule", l)
		}
	}
	large := []int{10_000_000, 123_456_789, 1 << 40, 1_000_000_000_000 + 21}
	for l, rule := range pluralRules {
		tag := language.MustParse(l)
		bad := 0
		check := func(n int) {
			if got, want := rule(n), pluralNames[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]; got != want && bad < 5 {
				bad++
				t.Errorf("%s: %d is %q here, %q in x/text", l, n, got, want)
			}
		}
		for n := range 2_000_001 {
			check(n)
		}
		for _, n := range large {
			check(n)
		}
	}
}

// Resolve reads every two- and three-letter code, alone, with a region and with junk after
// it, as it did through x/text's parser: the same language or English. One difference is
// kept on purpose: x/text guessed a language for "und-<region>" ("und-ru" → Russian); Resolve
// reads "und" as no language (English).
func TestLangAliasesMatchXText(t *testing.T) {
	cats := knownLangs()
	viaXText := func(item string) string {
		if _, ok := cats[item]; ok {
			return item
		}
		base := item
		if i := len(item); i > 0 {
			for k := 0; k < len(item); k++ {
				if item[k] == '-' {
					base = item[:k]
					break
				}
			}
		}
		if _, ok := cats[base]; ok {
			return base
		}
		if tg, err := language.Parse(item); err == nil {
			if b, _ := tg.Base(); cats[b.String()] && base != "und" {
				return b.String()
			}
		}
		return DefaultLang
	}
	letters := "abcdefghijklmnopqrstuvwxyz"
	n := 0
	for _, a := range letters {
		for _, b := range letters {
			codes := []string{string(a) + string(b)}
			for _, c := range letters {
				codes = append(codes, string(a)+string(b)+string(c))
			}
			for _, code := range codes {
				for _, item := range []string{code, code + "-il", code + "-latn-us", code + "-!"} {
					if got, want := Resolve(item), viaXText(item); got != want {
						t.Errorf("Resolve(%q) = %q, x/text reads %q", item, got, want)
					}
					n++
				}
			}
		}
	}
	if n < 70_000 {
		t.Errorf("only %d tags tried", n)
	}
}
