package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orderwatch/orderwatch/shared/advice"
)

const textsDir = "../shared/advice/texts"

// TestMain gives the core every language's texts as the extension does (loadTexts): the
// WebAssembly build embeds English alone, and the tests compare every language with native.
func TestMain(m *testing.M) {
	for _, l := range advice.Languages() {
		b, err := os.ReadFile(filepath.Join(textsDir, l+".json"))
		if err == nil {
			err = LoadTexts(l, b)
		}
		if err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}

func TestLoadTexts(t *testing.T) {
	ru, err := os.ReadFile(filepath.Join(textsDir, "ru.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := LoadTexts("ru", ru); err != nil {
		t.Errorf("the same texts again: %v, want a no-op", err)
	}
	for _, tt := range []struct {
		lang string
		data []byte
		want string
	}{
		{"ja", ru, `loadTexts: advice: no language "ja"`},
		{"ru", []byte("{}"), "loadTexts: advice: texts of \"ru\""},
		{"ru", []byte(strings.Replace(string(ru), "}", ",}", 1)), "loadTexts: advice: texts of \"ru\""},
		{"uk", ru, `the texts given for "uk" are those of "ru"`},
		{"ru", []byte(strings.Replace(string(ru), `"name"`, ` "name"`, 1)), "already loaded"},
		{"ru", make([]byte, MaxTextsFile+1), "more than the"},
	} {
		if err := LoadTexts(tt.lang, tt.data); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("LoadTexts(%q, %.30q) = %v, want an error with %q", tt.lang, tt.data, err, tt.want)
		}
	}
	for tag, want := range map[string]string{"ru-RU": "", "pt-BR": "", "en": "", "ja": "", "": ""} {
		if got := NeedTexts(tag); got != want {
			t.Errorf("NeedTexts(%q) with every language loaded = %q, want %q", tag, got, want)
		}
	}
}
