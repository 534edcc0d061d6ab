package classify

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestTextFingerprints: the official texts are kept as printBits-wide fingerprints, so a text that is
// not official must never share one with an official text. Every text the repository knows —
// every vocabulary row, every labelled row of testdata, every rule phrase — normalised, has a
// fingerprint no other of them has (building the vocabularies also fails on a collision
// among the official texts themselves).
func TestTextFingerprints(t *testing.T) {
	var texts []string
	for _, f := range vocabFiles(t) {
		for _, r := range f.rows {
			texts = append(texts, r.text)
		}
	}
	for _, r := range append(labelledRows(t), ruleRows(t)...) {
		texts = append(texts, r.text)
	}
	seen := map[uint64]string{}
	for _, s := range texts {
		n, _ := normalize(nil, s)
		p := textPrint(n)
		if other, ok := seen[p]; ok && other != string(n) {
			t.Errorf("%q and %q have one fingerprint %#x", other, n, p)
		}
		seen[p] = string(n)
	}
	if len(seen) < 5000 {
		t.Errorf("only %d distinct texts: the sets were not read", len(seen))
	}
}

// TestTextPrintSpreads: a changed byte, an added or a removed one, changes the fingerprint,
// at every position of a text longer than one 8-byte word, and the bits are spread (each of
// the printBits bits set in about half of the prints).
func TestTextPrintSpreads(t *testing.T) {
	base := []byte(" votre colis a ete livre au point relais  ")
	seen := map[uint64]string{textPrint(base): string(base)}
	add := func(b []byte) {
		p := textPrint(b)
		if other, ok := seen[p]; ok && other != string(b) {
			t.Errorf("%q and %q have one fingerprint", other, b)
		}
		seen[p] = string(b)
	}
	for i := range base {
		for _, c := range []byte{'a', 'e', ' ', 0, 0xFF} {
			b := []byte(string(base))
			if b[i] != c {
				b[i] = c
				add(b)
			}
		}
		add(base[:i])
		add(append([]byte(string(base[:i])), base[i+1:]...))
	}
	var ones [printBits]int
	for p := range seen {
		if p>>printBits != 0 {
			t.Fatalf("fingerprint %#x wider than %d bits", p, printBits)
		}
		for k := 0; k < printBits; k++ {
			ones[k] += int(p >> k & 1)
		}
	}
	for k, n := range ones {
		if n < len(seen)/4 || n > 3*len(seen)/4 {
			t.Errorf("bit %d set in %d of %d prints", k, n, len(seen))
		}
	}
}

// TestVocabTextExact: an official text is found only as it is, not with a word more or less.
func TestVocabTextExact(t *testing.T) {
	official, _ := normalize(nil, "Передача вложения на баланс") // Russian Post's; the rules read it otherwise
	if _, ok := std.vocab.text(official, -1); !ok {
		t.Fatalf("%q not found", official)
	}
	for _, s := range []string{"Передача вложения на баланс сегодня", "Передача вложения на", "Передача вложения на баланс x", ""} {
		n, _ := normalize(nil, s)
		if _, ok := std.vocab.text(n, -1); ok && strings.TrimSpace(string(n)) != strings.TrimSpace(string(official)) {
			t.Errorf("%q found as an official text", s)
		}
	}
}

// TestPrintsCoding: the Rice-coded fingerprints (v9) read back as written, for sets from empty
// to dense, with the extremes of the 40 bits; damaged codings are errors, never panics, and
// never a fingerprint out of order.
func TestPrintsCoding(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 12))
	sets := [][]uint64{
		nil,
		{0},
		{1<<printBits - 1},
		{0, 1, 2, 3, 1<<printBits - 2, 1<<printBits - 1},
	}
	for _, n := range []int{10, 1000, 20000} {
		seen := map[uint64]bool{}
		var s []uint64
		for len(s) < n {
			p := rng.Uint64() >> (64 - printBits)
			if n == 1000 {
				p >>= 20 // dense: small gaps, a small k
			}
			if !seen[p] {
				seen[p] = true
				s = append(s, p)
			}
		}
		slices.Sort(s)
		sets = append(sets, s)
	}
	for _, set := range sets {
		v := &vocab{}
		for _, p := range set {
			v.prints = append(v.prints, uint32(p&lowPrint))
			v.buckets[p>>(printBits-8)+1]++
		}
		for b := 1; b < len(v.buckets); b++ {
			v.buckets[b] += v.buckets[b-1]
		}
		data := v.appendPrints(nil)
		back := &vocab{}
		r := &reader{s: string(data)}
		back.readPrints(r, len(set))
		if r.err != nil || r.i != len(data) {
			t.Fatalf("%d prints: read back: %v (at %d of %d)", len(set), r.err, r.i, len(data))
		}
		if !slices.Equal(back.prints, v.prints) || back.buckets != v.buckets {
			t.Fatalf("%d prints: read back differently", len(set))
		}
		if len(set) == 20000 {
			t.Logf("20,000 random 40-bit fingerprints: %.1f bits each", float64(8*len(data))/20000)
		}
		// Damaged: cut short, a bit flipped, a byte more, a count too high.
		for i := 0; i < 200 && len(data) > 0; i++ {
			d := []byte(string(data))
			switch i % 4 {
			case 0:
				d = d[:rng.IntN(len(d))]
			case 1:
				d[rng.IntN(len(d))] ^= 1 << rng.IntN(8)
			case 2:
				d = append(d, byte(rng.IntN(256)))
			}
			n := len(set)
			if i%4 == 3 {
				n++
			}
			w := &vocab{}
			r := &reader{s: string(d)}
			w.readPrints(r, n)
			if r.err != nil {
				continue
			}
			for b := 0; b < 256; b++ {
				for k := w.buckets[b] + 1; k < w.buckets[b+1]; k++ {
					if w.prints[k] <= w.prints[k-1] {
						t.Fatalf("damaged coding %d read without error, out of order", i)
					}
				}
			}
		}
	}
}

// TestPairsCoding: the entries' carriers and languages read back as written, a byte an entry
// up to 256 pairs and two beyond; an index past the table is an error.
func TestPairsCoding(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 7))
	for _, kinds := range []int{1, 256, 257, 3000} {
		v := &vocab{}
		var cs []uint16
		var ls []byte
		for k := 0; k < 5000; k++ {
			i := rng.IntN(kinds)
			cs, ls = append(cs, uint16(i%251)+uint16(i%3)*256), append(ls, byte(i/251))
		}
		v.textCarrier, v.textLang = cs, string(ls)
		data := v.appendPairs(nil)
		back := &vocab{}
		r := &reader{s: string(data)}
		back.readPairs(r, len(cs))
		if r.err != nil || r.i != len(data) || !slices.Equal(back.textCarrier, v.textCarrier) || back.textLang != v.textLang {
			t.Fatalf("%d kinds of pair: read back %v, or differently", kinds, r.err)
		}
		if kinds == 256 && len(data) > 2+3*256+5000+2 {
			t.Errorf("256 pairs: %d bytes, want a byte an entry", len(data))
		}
		// The last entry's index past the table.
		d := []byte(data)
		if kinds > 256 {
			d[len(d)-2], d[len(d)-1] = 0xFF, 0xFF
		} else {
			d[len(d)-1] = 0xFF
		}
		bad := &vocab{}
		r = &reader{s: string(d)}
		// (With 256 pairs, 0xFF is the last one's index.)
		if bad.readPairs(r, len(cs)); r.err == nil && kinds != 256 {
			t.Errorf("%d kinds of pair: an index past the table read without error", kinds)
		}
	}
}

// TestKeysCoding: the front-coded code keys read back as written; damaged codings are errors,
// never panics.
func TestKeysCoding(t *testing.T) {
	v, err := decodeVocab(compiledVocab)
	if err != nil {
		t.Fatal(err)
	}
	data := v.appendKeys(nil)
	back := &vocab{}
	r := &reader{s: string(data)}
	back.readKeys(r, v.ncodes())
	if r.err != nil || r.i != len(data) || back.codeKeys != v.codeKeys || back.codeLen != v.codeLen {
		t.Fatalf("%d keys: read back %v, or differently", v.ncodes(), r.err)
	}
	rng := rand.New(rand.NewPCG(15, 9))
	for i := 0; i < 300; i++ {
		d := []byte(string(data))
		switch i % 3 {
		case 0:
			d = d[:rng.IntN(len(d))]
		case 1:
			d[rng.IntN(len(d))] = byte(rng.IntN(256))
		case 2:
			d[0] = 1 // the first key keeps a byte of no key
		}
		w := &vocab{}
		r := &reader{s: string(d)}
		w.readKeys(r, v.ncodes())
		if i%3 != 1 && r.err == nil {
			t.Fatalf("damage %d read without error", i)
		}
	}
}
