package classify

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// hanPairs reads han/TSCharacters.txt: each Traditional character and its first Simplified
// candidate, where both are single, different characters of the BMP (han/README.md).
func hanPairs(t testing.TB) [][2]rune {
	t.Helper()
	b, err := os.ReadFile("han/TSCharacters.txt")
	if err != nil {
		t.Fatal(err)
	}
	var pairs [][2]rune
	last := rune(0)
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		trad, simps, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("han/TSCharacters.txt: %q has no tab", line)
		}
		simp, _, _ := strings.Cut(simps, " ")
		if utf8.RuneCountInString(trad) != 1 || utf8.RuneCountInString(simp) != 1 || trad == simp {
			continue
		}
		tr, _ := utf8.DecodeRuneInString(trad)
		sr, _ := utf8.DecodeRuneInString(simp)
		if tr > 0xFFFF || sr > 0xFFFF {
			continue
		}
		if tr <= last {
			t.Fatalf("han/TSCharacters.txt: %q out of order", line)
		}
		last = tr
		pairs = append(pairs, [2]rune{tr, sr})
	}
	return pairs
}

// TestCompiledHan fails when compiled/han.bin no longer matches han/TSCharacters.txt; with
// -update (go generate ./shared/classify) it rewrites it.
func TestCompiledHan(t *testing.T) {
	pairs := hanPairs(t)
	if len(pairs) < 2500 {
		t.Fatalf("only %d pairs read from han/TSCharacters.txt", len(pairs))
	}
	data := encodeHan(pairs)
	if *update {
		if err := os.WriteFile("compiled/han.bin", data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got, err := os.ReadFile("compiled/han.bin"); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("compiled/han.bin is stale (%v): run `go generate ./shared/classify`", err)
	}
	got, err := decodeHan(string(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(pairs) {
		t.Fatalf("decoded %d pairs, wrote %d", len(got), len(pairs))
	}
	for i, p := range pairs {
		if got[i] != uint32(p[0])<<16|uint32(p[1]) {
			t.Fatalf("pair %d: decoded %#x, want %c→%c", i, got[i], p[0], p[1])
		}
	}
}

// TestHanFold: Traditional texts read as their Simplified spelling, by the rules (and the
// official texts, built through normalize alike); Simplified, Japanese kana and other scripts
// are untouched.
func TestHanFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"已簽收", " 已签收 "},
		{"貨件運輸中", " 货件运输中 "},
		{"包裹已到達轉運中心", " 包裹已到达转运中心 "},
		{"已签收", " 已签收 "},
		{"配達完了", " 配达完了 "}, // Japanese kanji fold too, rules and texts alike
		{"お届け済み", " お届け済み "},
		{"Delivered 已簽收", " delivered 已签收 "},
	} {
		got, _ := normalize(nil, tt.in)
		if string(got) != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		text string
		want string
	}{
		{"已簽收", "delivered"},
		{"快件已簽收", "delivered"},
		{"運輸中", "in_transit"},
		{"派送中", "out_for_delivery"},
		{"貨件已送達", "delivered"},
	} {
		// The rules alone: the vocabularies now hold Traditional texts of their own, whose
		// lookup would hide a rule that no longer meets them.
		if got, rule := ruleStatus(Input{Text: tt.text}); string(got) != tt.want {
			t.Errorf("rules read %q as %s (%s), want %s", tt.text, got, rule, tt.want)
		}
	}
}

// FuzzDecodeHan: damaged data gives an error, never a panic or a table out of order.
func FuzzDecodeHan(f *testing.F) {
	f.Add(compiledHan)
	f.Add(hanMagic)
	f.Add(hanMagic + "\x01\x01\x00\x00")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := decodeHan(s)
		if err != nil {
			return
		}
		for i := 1; i < len(got); i++ {
			if got[i]>>16 <= got[i-1]>>16 {
				t.Fatalf("entry %d out of order", i)
			}
		}
	})
}
