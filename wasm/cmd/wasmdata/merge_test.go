package main

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
)

// module is a WebAssembly module of a type section, the given data segments and a custom
// section, as Go's linker lays them out.
func module(segs []segment) []byte {
	data := dataSection(segs)
	m := append([]byte{}, wasmMagic...)
	m = append(m, 1, 1, 0) // a type section with no types
	m = append(m, secData)
	m = binary.AppendUvarint(m, uint64(len(data)))
	m = append(m, data...)
	m = append(m, 0, 4, 3, 'x', 'y', 'z') // a custom section
	return m
}

func TestMergeData(t *testing.T) {
	segs := []segment{
		{300, []byte{9}},            // out of order, as Go writes them
		{16, []byte{1, 2, 3}},       // 8 zeros after it: joined
		{27, []byte{4}},             // 0 bytes after it: joined
		{28, []byte{5, 6}},          // 270 bytes after it: not at gap 100
		{70000, []byte{7, 8, 9, 1}}, // an offset of 3 LEB bytes
	}
	in := module(segs)
	out, before, after, err := mergeData(in, 100)
	if err != nil {
		t.Fatal(err)
	}
	if before != 5 || after != 3 {
		t.Errorf("segments %d → %d, want 5 → 3", before, after)
	}
	secsIn, _ := sections(in)
	secsOut, err := sections(out)
	if err != nil || len(secsOut) != len(secsIn) {
		t.Fatalf("sections: %v, %d want %d", err, len(secsOut), len(secsIn))
	}
	for i := range secsIn {
		if secsIn[i].id != secsOut[i].id || secsIn[i].id != secData && !bytes.Equal(secsIn[i].body, secsOut[i].body) {
			t.Errorf("section %d changed", i)
		}
	}
	got, err := dataSegments(secsOut[1].body)
	if err != nil {
		t.Fatal(err)
	}
	want := []segment{{16, []byte{1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 4, 5, 6}}, {300, []byte{9}}, {70000, []byte{7, 8, 9, 1}}}
	if len(got) != len(want) {
		t.Fatalf("got %d segments, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].offset != want[i].offset || !bytes.Equal(got[i].data, want[i].data) {
			t.Errorf("segment %d = %d %v, want %d %v", i, got[i].offset, got[i].data, want[i].offset, want[i].data)
		}
	}
	// Merging again changes nothing.
	again, _, n, err := mergeData(out, 100)
	if err != nil || n != 3 || !bytes.Equal(again, out) {
		t.Errorf("second merge: %v, %d segments, same bytes %v", err, n, bytes.Equal(again, out))
	}
	// No data section: the module as it was.
	plain := append(append([]byte{}, wasmMagic...), 1, 1, 0)
	if same, _, _, err := mergeData(plain, 100); err != nil || !bytes.Equal(same, plain) {
		t.Errorf("module without data: %v", err)
	}
}

func TestMergeDataRefuses(t *testing.T) {
	good := module([]segment{{16, []byte{1, 2}}, {40, []byte{3}}})
	overlap := module([]segment{{16, []byte{1, 2}}, {17, []byte{3}}})
	passive := append([]byte{}, good...)
	i := bytes.Index(passive, []byte{secData}) // the data section: id, size, count, then mode
	passive[i+3] = 1
	for name, c := range map[string]struct {
		mod  []byte
		want string
	}{
		"not wasm":  {[]byte("\x00asm\x02\x00\x00\x00"), "not a WebAssembly module"},
		"truncated": {good[:len(good)-3], "bad size"},
		"overlap":   {overlap, "overlap"},
		"passive":   {passive, "not active"},
	} {
		if _, _, _, err := mergeData(c.mod, 100); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want %q", name, err, c.want)
		}
	}
}

// FuzzMergeData: any bytes give a module or an error, never a panic; a module merged is
// merged again to the same bytes.
func FuzzMergeData(f *testing.F) {
	f.Add(module([]segment{{16, []byte{1, 2, 3}}, {27, []byte{4}}, {300, []byte{9}}}))
	f.Add(module(nil))
	f.Add(append([]byte{}, wasmMagic...))
	f.Fuzz(func(t *testing.T, mod []byte) {
		out, _, n, err := mergeData(mod, 100)
		if err != nil {
			return
		}
		again, _, n2, err := mergeData(out, 100)
		if err != nil || n2 != n || !bytes.Equal(again, out) {
			t.Fatalf("merged module merged again: %v, %d → %d segments", err, n, n2)
		}
	})
}
