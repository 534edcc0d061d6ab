package number

import (
	"bytes"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestCompiledCatalog: compiled/catalog.bin is what the JSON sources compile to (`go generate
// ./shared/number` rewrites it), and the catalogue loaded from it equals the one built from
// the JSON, field for field.
func TestCompiledCatalog(t *testing.T) {
	built, err := buildCatalog()
	if err != nil {
		t.Fatal(err)
	}
	want := encodeCatalog(built)
	const name = "compiled/catalog.bin"
	if *update {
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: the JSON sources changed; run `go generate ./shared/number`", name)
	}
	if compiledCatalog != string(got) {
		t.Errorf("the embedded catalogue differs from %s", name)
	}
	loaded, err := decodeCatalog(compiledCatalog)
	if err != nil {
		t.Fatal(err)
	}
	opts := cmp.Options{
		cmp.AllowUnexported(catalog{}, format{}, pattern{}, inst{}, lookup{}, lookupEntry{}),
		// JSON leaves an empty list as [] or nil depending on the source; nothing reads the difference.
		cmpopts.EquateEmpty(),
	}
	// Format by format: a diff of the whole catalogue at once takes minutes when it fails.
	if len(built.formats) != len(loaded.formats) {
		t.Fatalf("%d formats loaded, want %d", len(loaded.formats), len(built.formats))
	}
	for i, f := range built.formats {
		if diff := cmp.Diff(f, loaded.formats[i], opts); diff != "" {
			t.Errorf("format %s loaded from %s mismatch (-want +got):\n%s", f.id, name, diff)
		}
	}
	if diff := cmp.Diff(built.iso, loaded.iso); diff != "" {
		t.Errorf("countries loaded from %s mismatch (-want +got):\n%s", name, diff)
	}
	if built.slots != loaded.slots {
		t.Errorf("slots = %d, want %d", loaded.slots, built.slots)
	}
	for b := range built.byFirst {
		if diff := cmp.Diff(formatIDs(built.byFirst[b]), formatIDs(loaded.byFirst[b])); diff != "" {
			t.Errorf("formats starting with %q mismatch (-want +got):\n%s", byte(b), diff)
		}
	}
	// The formats indexed by first byte are the very formats of the list, not copies.
	for b, fs := range loaded.byFirst {
		for _, f := range fs {
			if loaded.byID[f.id] != f {
				t.Errorf("byFirst[%q] holds a copy of %s", byte(b), f.id)
			}
		}
	}
	if !bytes.Equal(encodeCatalog(loaded), want) {
		t.Errorf("re-encoding the loaded catalogue gives different bytes")
	}
}

// TestCompiledCatalogCorrupt: a damaged compiled file is an error, never a panic or a
// half-loaded catalogue.
func TestCompiledCatalogCorrupt(t *testing.T) {
	for _, tt := range []struct {
		name string
		data string
	}{
		{name: "empty", data: ""},
		{name: "other version", data: "orderwatch number catalog v0\n" + compiledCatalog[len(compiledMagic):]},
		{name: "truncated", data: compiledCatalog[:len(compiledCatalog)/2]},
		{name: "trailing bytes", data: compiledCatalog + "x"},
		{name: "header only", data: compiledMagic},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if c, err := decodeCatalog(tt.data); err == nil {
				t.Errorf("decodeCatalog = %d formats, want an error", len(c.formats))
			}
		})
	}
}

func formatIDs(fs []*format) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.id)
	}
	return ids
}

// FuzzDecodeCatalog: whatever the bytes, the loader returns a catalogue or an error, never
// panics (the file is embedded and tested, but a bad merge of a generated file should fail
// clearly).
func FuzzDecodeCatalog(f *testing.F) {
	built := loadCatalog()
	// Small catalogues, so that the fuzzer's mutations reach every part of the layout quickly.
	for _, id := range []string{"usps_legacy", "cainiao_lp", "yanwen_yp"} {
		if built.byID[id] == nil {
			f.Fatalf("no format %s", id)
		}
		small := &catalog{formats: []*format{built.byID[id]}, iso: map[string]string{"GB": "United Kingdom"}, slots: built.slots}
		f.Add(string(encodeCatalog(small)))
	}
	f.Add(compiledMagic + "\x01\x01\x01")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := decodeCatalog(s)
		if err == nil && c == nil {
			t.Fatal("no catalogue and no error")
		}
	})
}
