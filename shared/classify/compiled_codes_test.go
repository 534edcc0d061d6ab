package classify

import (
	"bytes"
	"embed"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// The code files, the source of compiled/codes.bin.
//
//go:embed codes/*.txt
var codeData embed.FS

func parseCodeFiles(t testing.TB) []*codeTable {
	t.Helper()
	names, err := fs.Glob(codeData, "codes/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("code files: %v (%d)", err, len(names))
	}
	var tables []*codeTable
	for _, name := range names {
		b, err := codeData.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		tb, err := parseCodes(strings.TrimSuffix(path.Base(name), ".txt"), string(b), func(s string) bool { return taxonomy.ParcelStatus(s).Valid() })
		if err != nil {
			t.Fatal(err)
		}
		tables = append(tables, tb)
	}
	return tables
}

// TestCompiledCodes fails when compiled/codes.bin no longer matches codes/*.txt; with -update
// (go generate ./shared/classify) it rewrites it. What the package loads is what the files
// say, entry for entry.
func TestCompiledCodes(t *testing.T) {
	tables := parseCodeFiles(t)
	want := encodeCodes(tables)
	if *update {
		if err := os.WriteFile("compiled/codes.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile("compiled/codes.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("compiled/codes.bin is stale: codes/*.txt changed; run `go generate ./shared/classify`")
	}
	back, err := decodeCodes(string(want))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(tables, back, cmp.AllowUnexported(codeTable{}, codeEntry{})); diff != "" {
		t.Errorf("decoded code tables mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(tables, codeTables, cmp.AllowUnexported(codeTable{}, codeEntry{})); diff != "" {
		t.Errorf("the loaded code tables differ from the files (-want +got):\n%s", diff)
	}
	// Every exact entry is found by its key, and a key between two entries is not.
	for _, tb := range back {
		for _, e := range tb.exact {
			if got, ok := tb.exactEntry([]byte(e.key)); !ok || got.id != e.id {
				t.Errorf("%s: exactEntry(%q) = %q, %v", tb.name, e.key, got.id, ok)
			}
			if _, ok := tb.exactEntry([]byte(e.key + "\x00")); ok {
				t.Errorf("%s: exactEntry(%q+NUL) found an entry", tb.name, e.key)
			}
		}
	}
}

// TestDecodeCodesCorrupt: a damaged codes.bin is an error, never a panic.
func TestDecodeCodesCorrupt(t *testing.T) {
	good := compiledCodes
	for _, tt := range []struct{ name, data string }{
		{"empty", ""},
		{"wrong magic", "orderwatch classify codes v0\n" + good[len(codesMagic):]},
		{"truncated", good[:len(good)/2]},
		{"one byte short", good[:len(good)-1]},
		{"trailing byte", good + "\x00"},
		{"huge count", codesMagic + "\xff\xff\xff\xff\x0f"},
	} {
		if _, err := decodeCodes(tt.data); err == nil {
			t.Errorf("decodeCodes(%s) = nil error", tt.name)
		}
	}
}
