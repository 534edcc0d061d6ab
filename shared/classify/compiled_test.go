package classify

import (
	"bytes"
	"embed"
	"flag"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite compiled/*.bin from the rule files (go generate)")

// The rule files, the source of compiled/*.bin.
//
//go:embed rules/*.txt orders.txt
var ruleData embed.FS

func ruleFiles(t testing.TB) []ruleFile {
	t.Helper()
	names, err := fs.Glob(ruleData, "rules/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("rule files: %v (%d)", err, len(names))
	}
	var files []ruleFile
	for _, name := range names {
		b, err := ruleData.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, ruleFile{lang: strings.TrimSuffix(path.Base(name), ".txt"), name: name, text: string(b)})
	}
	return files
}

// TestCompiledRules fails when compiled/*.bin no longer match the rule files; with -update
// (go generate ./shared/classify) it rewrites them.
func TestCompiledRules(t *testing.T) {
	events, err := compileEventRules(ruleFiles(t))
	if err != nil {
		t.Fatal(err)
	}
	orders, err := ruleData.ReadFile("orders.txt")
	if err != nil {
		t.Fatal(err)
	}
	ordersRS, err := compileOrderRules(string(orders))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		rs   *ruleset
	}{
		{name: "compiled/events.bin", rs: events},
		{name: "compiled/orders.bin", rs: ordersRS},
	} {
		want, err := encodeRules(tt.rs)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(tt.name, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(tt.name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s is stale: the rule files changed; run `go generate ./shared/classify`", tt.name)
		}
		// What the package loads is what the rule files say, field for field.
		back, err := decodeRules(string(want))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		tt.rs.terms = nil
		// The fail links, which loading leaves to first use, derived as a text would need them,
		// in an order no build follows: the last states first.
		// Likewise the dense rows' transitions, the last states' first and each row's classes
		// backwards; none had been derived yet.
		for i, v := range back.m.dense.w {
			if v != 0 {
				t.Fatalf("%s: dense entry %d known before any text: %d", tt.name, i, v)
			}
		}
		for s := back.m.ndense - 1; s >= 0; s-- {
			for c := back.m.nclass - 1; c >= 0; c-- {
				back.m.nextOf(s, uint16(c))
			}
		}
		for s := int32(len(back.m.fail) - 1); s > 0; s-- {
			back.m.failOf(s)
		}
		// The rule ids, which loading leaves to first use: the built rules' and the loaded ones'
		// the same, each its readable id after "code-text:". Then forgotten again on both
		// sides, as cmp would compare where each was kept.
		builtAlts, backAlts := append(tt.rs.alts, tt.rs.negAlts...), append(back.alts, back.negAlts...)
		spelt, inflectedForms := 0, 0
		if len(builtAlts) != len(backAlts) {
			t.Fatalf("%s: %d alternatives built, %d loaded", tt.name, len(builtAlts), len(backAlts))
		}
		for i := range builtAlts {
			want, got := builtAlts[i].codeText(), backAlts[i].codeText()
			phrase := backAlts[i].phraseText()
			if got != want || got != codeTextPrefix+backAlts[i].id() || phrase != builtAlts[i].phrase ||
				backAlts[i].negated != (i >= len(back.alts)) || !strings.HasSuffix(got, map[bool]string{false: ":", true: ":!"}[backAlts[i].negated]+phrase) {
				t.Errorf("%s: alternative %d: loaded code id %q (id %q, phrase %q), built %q", tt.name, i, got, backAlts[i].id(), phrase, want)
			}
			if backAlts[i].phraseRules != nil {
				spelt++
			} else if backAlts[i].phraseBase != nil {
				inflectedForms++
			}
		}
		// Most phrases are not stored: spelt from the terms or an inflected form's. (Event
		// rules: 7,500 and 2,300 of 10,700 on 6 Dec.)
		if tt.name == "compiled/events.bin" && (spelt < len(back.alts)/2 || inflectedForms < len(back.alts)/10) {
			t.Errorf("%s: only %d of %d phrases spelt from their terms and %d inflected forms", tt.name, spelt, len(back.alts), inflectedForms)
		}
		// Then forgotten on both sides: the built rules keep each phrase as written, the loaded
		// ones how to make it.
		for _, alts := range [][]alt{tt.rs.alts, tt.rs.negAlts, back.alts, back.negAlts} {
			for i := range alts {
				alts[i].full, alts[i].phrase, alts[i].phraseRules, alts[i].phraseBase = nil, "", nil, nil
			}
		}
		tt.rs.termEnds, back.termEnds = nil, nil
		if diff := cmp.Diff(tt.rs, back, cmp.AllowUnexported(ruleset{}, matcher{}, alt{}, ints{}, cells{})); diff != "" {
			t.Errorf("%s: decoded rules mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestDecodeRulesCorrupt: a damaged compiled file is an error, never a panic or a wrong
// automaton.
func TestDecodeRulesCorrupt(t *testing.T) {
	good := compiledOrders
	for _, tt := range []struct {
		name string
		data string
	}{
		{name: "empty", data: ""},
		{name: "wrong magic", data: "orderwatch classify rules v0\n" + good[len(compiledMagic):]},
		{name: "truncated", data: good[:len(good)/2]},
		{name: "one byte short", data: good[:len(good)-1]},
		{name: "trailing byte", data: good + "\x00"},
		{name: "huge count", data: compiledMagic + "\xff\xff\xff\xff\x0f"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := decodeRules(tt.data); err == nil {
				t.Errorf("decodeRules(%s) = nil error", tt.name)
			}
		})
	}
}

// Loaded rules make each rule id the first time an answer needs it (alt.codeText), from several
// goroutines at once in a server: every goroutine gets the same id as a single caller of other
// loaded rules, and the id is kept (the second call gives the very same string). Run with -race too.
func TestRuleIDsOnFirstUse(t *testing.T) {
	lazy, err := decodeRules(compiledEvents)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := decodeRules(compiledEvents)
	if err != nil {
		t.Fatal(err)
	}
	refAll := append(ref.alts, ref.negAlts...)
	var wg sync.WaitGroup
	bad := make(chan string, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range refAll {
				i := k
				if g%2 == 1 {
					i = len(refAll) - 1 - k // half of them from the other end
				}
				var a *alt
				if i < len(lazy.alts) {
					a = &lazy.alts[i]
				} else {
					a = &lazy.negAlts[i-len(lazy.alts)]
				}
				if got := a.codeText(); got != refAll[i].codeText() || a.id() != got[len(codeTextPrefix):] {
					bad <- got
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(bad)
	for got := range bad {
		t.Fatalf("code id %q differs from a single caller's", got)
	}
	for i := range lazy.alts {
		a := &lazy.alts[i]
		if a.full == nil || unsafe.StringData(a.codeText()) != unsafe.StringData(a.codeText()) {
			t.Fatalf("alternative %d: its id was not kept", i)
		}
		if !strings.HasPrefix(a.codeText(), codeTextPrefix+a.lang+":"+a.status) {
			t.Fatalf("alternative %d: code id %q lacks its head", i, a.codeText())
		}
	}
}
