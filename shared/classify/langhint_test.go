package classify

import "testing"

// TestLangHint: a hint's language, with the retired ISO codes carrier systems still send read
// as today's, and the languages another rule file reads sent to that file for ties.
func TestLangHint(t *testing.T) {
	for _, tt := range []struct{ in, hint, rule string }{
		{"pt-BR", "pt", "pt"},
		{"RU", "ru", "ru"},
		{"iw", "he", "he"},
		{"iw_IL", "he", "he"},
		{"in-ID", "id", "id"},
		{"no", "no", "nb"},
		{"nn-NO", "nn", "nb"},
		{"nb", "nb", "nb"},
		{"hr", "hr", "sr"},
		{"bs-BA", "bs", "sr"},
		{"sr-Latn", "sr", "sr"},
		{"x", "", ""},
		{"eng", "", ""},
	} {
		if got := langHint(tt.in); got != tt.hint {
			t.Errorf("langHint(%q) = %q, want %q", tt.in, got, tt.hint)
		}
		if got := ruleLang(langHint(tt.in)); got != tt.rule {
			t.Errorf("ruleLang(langHint(%q)) = %q, want %q", tt.in, got, tt.rule)
		}
	}
	// A Hebrew text tagged with the retired code is reported as Hebrew.
	if got := Event(Input{Text: "המשלוח נמסר לנמען", Lang: "iw"}); got.Lang != "he" || got.Status != "delivered" {
		t.Errorf(`Event(Hebrew, "iw") = %s, lang %q; want delivered, "he"`, got.Status, got.Lang)
	}
	// With no rule to name it, the language is the hint's: the retired code read as today's.
	if got := Event(Input{Text: "שלום עולם", Lang: "iw"}); got.Lang != "he" {
		t.Errorf(`Event(Hebrew with no status, "iw") lang %q, want "he"`, got.Lang)
	}
	// A Croatian text keeps its own language when no rule names one.
	if got := Event(Input{Text: "xyzzy", Lang: "hr"}); got.Lang != "hr" {
		t.Errorf(`Event(no status, "hr") lang %q, want "hr"`, got.Lang)
	}
}
