package advice

import (
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
)

// allTexts is texts/ as the repository holds it: every language, whether or not this build
// embeds it (the WebAssembly build embeds English alone).
var allTexts = os.DirFS(".").(fs.ReadFileFS)

// TestMain gives the package every shipped language through Load, as the extension gives the
// WebAssembly module the buyer's: the tests then check all of them in both builds (natively
// each Load repeats embedded texts and must be a no-op).
func TestMain(m *testing.M) {
	if err := LoadAll(os.DirFS("texts")); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

func TestShippedLangsAreTheDirectory(t *testing.T) {
	names, err := fs.Glob(allTexts, "texts/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var dir []string
	for _, n := range names {
		dir = append(dir, strings.TrimSuffix(strings.TrimPrefix(n, "texts/"), ".json"))
	}
	if !slices.Equal(dir, shippedLangs[:]) {
		t.Errorf("texts/ holds %v, shippedLangs lists %v", dir, shippedLangs)
	}
}

// withoutLoaded runs f as if nothing had been given to Load, then puts the state back.
func withoutLoaded(t *testing.T, f func()) {
	t.Helper()
	loadMu.Lock()
	saved, savedSrc := added.Load(), loadedSrc
	added.Store(nil)
	loadedSrc = map[string][]byte{}
	loadMu.Unlock()
	defer func() {
		loadMu.Lock()
		added.Store(saved)
		loadedSrc = savedSrc
		loadMu.Unlock()
	}()
	f()
}

func TestLoad(t *testing.T) {
	de, err := allTexts.ReadFile("texts/de.json")
	if err != nil {
		t.Fatal(err)
	}
	withoutLoaded(t, func() {
		_, embedded := catalogs()["de"]
		if want := map[bool]string{true: "", false: "de"}[embedded]; Missing("de-AT") != want {
			t.Errorf("before Load: Missing(de-AT) = %q, want %q (embedded: %v)", Missing("de-AT"), want, embedded)
		}
		if !embedded && Lang("de").Code() != "en" {
			t.Errorf("before Load: Lang(de) = %q, want the English fallback", Lang("de").Code())
		}
		if Missing("en-US") != "" || Missing("ja") != "" {
			t.Errorf("English is always there: Missing(en-US) = %q, Missing(ja) = %q", Missing("en-US"), Missing("ja"))
		}
		for _, tt := range []struct{ lang, data, want string }{
			{"xx", string(de), `no language "xx"`},
			{"", string(de), `no language ""`},
			{"de", "", "texts of \"de\""},
			{"de", `{"lang": "de"`, "texts of \"de\""},
			{"de", strings.Replace(string(de), `"lang"`, `"lang": "de", "extra": 1, "x"`, 1), "texts of \"de\""},
			{"de", strings.Replace(string(de), "{day}", "{tag}", 1), "date_format"},
			{"de", strings.Replace(string(de), "{{", "{{.NoSuchFact}}{{", 1), "NoSuchFact"},
			{"fr", string(de), `the texts given for "fr" are those of "de"`},
		} {
			err := Load(tt.lang, []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load(%q, %.40q…) = %v, want an error with %q", tt.lang, tt.data, err, tt.want)
			}
		}
		if got := Missing("fr"); !embedded && got != "fr" {
			t.Errorf("a refused Load left fr loaded: Missing(fr) = %q", got)
		}
		for range 2 {
			if err := Load("de", de); err != nil {
				t.Fatalf("Load(de) = %v", err)
			}
		}
		if Missing("de-AT") != "" || Lang("de-AT").Code() != "de" {
			t.Errorf("after Load: Missing(de-AT) = %q, Lang(de-AT) = %q", Missing("de-AT"), Lang("de-AT").Code())
		}
		if got := Lang("de").For(CustomsHeld, fullFacts()).Title; got != sourceOf(t, "de", "situations.customs_held.title") {
			t.Errorf("loaded de title = %q", got)
		}
		changed := strings.Replace(string(de), `"name"`, ` "name"`, 1)
		if err := Load("de", []byte(changed)); err == nil || !strings.Contains(err.Error(), "already loaded") {
			t.Errorf("other texts for a loaded language: %v, want refused", err)
		}
		en, _ := allTexts.ReadFile("texts/en.json")
		if err := Load("en", en); err != nil {
			t.Errorf("the embedded English again: %v", err)
		}
	})
}
