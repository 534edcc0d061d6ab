package classify

import (
	"bytes"
	"embed"
	"flag"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"

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
		for i, v := range back.m.dense {
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
		if diff := cmp.Diff(tt.rs, back, cmp.AllowUnexported(ruleset{}, matcher{}, alt{}, ints{})); diff != "" {
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
