package classify

import (
	"encoding/binary"
	"errors"
	"math/bits"
)

// How compiled/vocab.bin packs three of its tables, each decoded once at load: the official
// texts' fingerprints, the text entries' carriers and languages, the code keys.

// The official texts' fingerprints in compiled/vocab.bin (v9): sorted and Rice-coded
// (appendRice). For ~10^4 fingerprints of 40 bits the gaps took 27–28.5 bits each where the
// low 32 bits were stored before (v8), and the 257 bucket starts are derived rather than
// stored: 5 KB less core.wasm (random bits do not gzip); at 36 bits (v12) four bits fewer a
// text. Loading decodes them into vocab.prints once.

// appendPrints appends the fingerprints' coding.
func (v *vocab) appendPrints(b []byte) []byte {
	vals := make([]uint64, 0, len(v.prints))
	for bucket := 0; bucket < 256; bucket++ {
		for d := v.buckets[bucket]; d < v.buckets[bucket+1]; d++ {
			vals = append(vals, uint64(bucket)<<(printBits-8)|uint64(v.prints[d]))
		}
	}
	return appendRice(b, vals)
}

var errPrints = errors.New("classify: compiled vocab: text fingerprints damaged")

// readPrints decodes n fingerprints into v.prints and v.buckets; damaged data is an error,
// never a panic.
func (v *vocab) readPrints(r *reader, n int) {
	v.prints = make([]uint32, 0, min(n, len(r.s)*8))
	v.buckets = [257]int32{}
	ok := readRice(r, n, printBits, func(x uint64) {
		v.prints = append(v.prints, uint32(x&lowPrint))
		v.buckets[x>>(printBits-8)+1]++
	})
	if !ok {
		if r.err == nil {
			r.err = errPrints
		}
		return
	}
	for b := 1; b < len(v.buckets); b++ {
		v.buckets[b] += v.buckets[b-1]
	}
}

// A Rice code stores a sorted set of random numbers (fingerprints, hashed words) in little
// more than the bits their number needs rather than their width: the gaps between consecutive
// ones are near-geometric, so each gap is written with its high part in unary (that many 1
// bits, then a 0) and its low k bits as they are, k chosen for the fewest bits and stored
// first, least significant bit first. A Golomb-coded set.

// appendRice appends the coding of strictly increasing vals: k, the coded bytes' length, the
// bytes.
func appendRice(b []byte, vals []uint64) []byte {
	gaps := make([]uint64, len(vals))
	prev := uint64(0)
	for i, x := range vals {
		gaps[i] = x - prev
		if i > 0 {
			gaps[i]-- // increasing: every gap after the first is at least 1
		}
		prev = x
	}
	bestK, bestBits := 0, uint64(1<<63)
	for k := 0; k < 63; k++ {
		n := uint64(0)
		for _, g := range gaps {
			n += g>>k + 1 + uint64(k)
		}
		if n < bestBits {
			bestK, bestBits = k, n
		}
	}
	var out []byte
	var acc uint64 // bits not yet written, the first in the lowest bit
	nacc := 0
	put := func(x uint64, n int) { // n ≤ 32 bits of x
		acc |= x << nacc
		nacc += n
		for nacc >= 8 {
			out = append(out, byte(acc))
			acc >>= 8
			nacc -= 8
		}
	}
	for _, g := range gaps {
		for q := g >> bestK; q > 0; q -= min(q, 32) {
			put(1<<min(q, 32)-1, int(min(q, 32)))
		}
		put(0, 1)
		for lo, k := g&(1<<bestK-1), bestK; k > 0; lo, k = lo>>32, k-min(k, 32) {
			put(lo&(1<<min(k, 32)-1), min(k, 32))
		}
	}
	if nacc > 0 {
		out = append(out, byte(acc))
	}
	b = binary.AppendUvarint(b, uint64(bestK))
	b = binary.AppendUvarint(b, uint64(len(out)))
	return append(b, out...)
}

// readRice decodes what appendRice wrote for n values, each below 2^width (width ≤ 56), calling put with
// each in order; false when the data is damaged (a value past the width, bits missing or left
// over), never a panic.
func readRice(r *reader, n, width int, put func(x uint64)) bool {
	k := r.u()
	data := r.str()
	if r.err != nil || k >= uint64(width) || uint64(n) > uint64(len(data))*8/(k+1) {
		return false
	}
	var acc uint64 // unread bits, the next in the lowest bit
	nacc, at := 0, 0
	fill := func() {
		for nacc <= 56 && at < len(data) {
			acc |= uint64(data[at]) << nacc
			nacc += 8
			at++
		}
	}
	prev := uint64(0)
	for d := 0; d < n; d++ {
		q := uint64(0)
		for {
			fill()
			if nacc == 0 {
				return false
			}
			ones := bits.TrailingZeros64(^acc)
			if ones < nacc { // the 0 that ends the unary part is here
				q += uint64(ones)
				acc >>= ones + 1
				nacc -= ones + 1
				break
			}
			q += uint64(nacc)
			acc, nacc = 0, 0
		}
		fill()
		if nacc < int(k) || q >= 1<<(uint64(width)-k) { // a gap past the width
			return false
		}
		g := q<<k | acc&(1<<k-1)
		acc >>= k
		nacc -= int(k)
		if d > 0 {
			g++
		}
		if g >= 1<<width-prev {
			return false
		}
		prev += g
		put(prev)
	}
	// What is left is the last byte's padding: fewer than 8 bits, all 0.
	return at == len(data) && nacc < 8 && acc == 0
}

// A text entry's carrier and language, in compiled/vocab.bin (v10), are one index into the
// table of the pairs that occur: a carrier writes in one or two languages, so the pair says
// little more than the carrier alone, where the two columns apart cost both (−3 KB of
// core.wasm). The index is a byte while there are at most 256 pairs, else two (little-endian).
// Loading spells the two columns out again (textCarrier, textLang).

// appendPairs appends the pairs' number, the pairs (carrier's ordinal in two bytes,
// little-endian since v13, then the language byte), and each entry's pair.
func (v *vocab) appendPairs(b []byte) []byte {
	type pair struct {
		carrier uint16
		lang    byte
	}
	at := map[pair]int{}
	var pairs []byte
	idx := make([]int, len(v.textCarrier))
	for k := range v.textCarrier {
		p := pair{v.textCarrier[k], v.textLang[k]}
		i, ok := at[p]
		if !ok {
			i = len(at)
			at[p] = i
			pairs = append(pairs, byte(p.carrier), byte(p.carrier>>8), p.lang)
		}
		idx[k] = i
	}
	b = binary.AppendUvarint(b, uint64(len(at)))
	b = append(b, pairs...)
	for _, i := range idx {
		b = append(b, byte(i))
		if len(at) > 256 {
			b = append(b, byte(i>>8))
		}
	}
	return b
}

// readPairs reads what appendPairs wrote for n entries into textCarrier and textLang; a pair
// index past the table is an error (what the pairs name is checked with the rest, v.check).
func (v *vocab) readPairs(r *reader, n int) {
	np := r.count(3)
	if np > 1<<16 {
		r.fail()
	}
	pairs := r.bytes(3 * np)
	wide := np > 256
	w := 1
	if wide {
		w = 2
	}
	idx := r.bytes(w * n)
	if r.err != nil {
		return
	}
	carriers, langs := make([]uint16, n), make([]byte, n)
	for k := range n {
		i := int(idx[w*k])
		if wide {
			i |= int(idx[w*k+1]) << 8
		}
		if i >= np {
			r.err = errors.New("classify: compiled vocab: a text entry's carrier and language out of range")
			return
		}
		carriers[k], langs[k] = uint16(pairs[3*i])|uint16(pairs[3*i+1])<<8, pairs[3*i+2]
	}
	v.textCarrier, v.textLang = carriers, unsafeString(langs)
}

// The code keys, in compiled/vocab.bin (v11), are front-coded: sorted within each carrier,
// a key mostly repeats the start of the one before ("PICKUP_READY", "PICKUP_RETURN"), so each
// is written as how many of the previous key's bytes it keeps, how many it adds, and those —
// the lengths inline, where codeLen was a column of its own (−6 KB of core.wasm). Loading
// spells the keys out again into codeKeys and codeLen.

// appendKeys appends the front-coded keys: per code, the bytes kept, the bytes added, the
// bytes added.
func (v *vocab) appendKeys(b []byte) []byte {
	prev, at := "", 0
	for i := 0; i < v.ncodes(); i++ {
		k := v.codeKeys[at : at+int(v.codeLen[i])]
		at += len(k)
		keep := 0
		for keep < len(k) && keep < len(prev) && k[keep] == prev[keep] {
			keep++
		}
		b = append(b, byte(keep), byte(len(k)-keep))
		b = append(b, k[keep:]...)
		prev = k
	}
	return b
}

// readKeys reads n front-coded keys into codeKeys and codeLen; a key keeping more bytes than
// the one before has, or running past the data, is an error.
func (v *vocab) readKeys(r *reader, n int) {
	if r.err != nil || n > (len(r.s)-r.i)/2 {
		r.fail()
		return
	}
	keys, lens := make([]byte, 0, 8*n), make([]byte, n)
	prev := 0 // where the previous key starts in keys
	for i := 0; i < n; i++ {
		if len(r.s)-r.i < 2 {
			r.fail()
			return
		}
		keep, add := int(r.s[r.i]), int(r.s[r.i+1])
		r.i += 2
		if i == 0 && keep > 0 || i > 0 && keep > int(lens[i-1]) || keep+add > 0xFF || add > len(r.s)-r.i {
			r.err = errors.New("classify: compiled vocab: code keys damaged")
			return
		}
		start := len(keys)
		keys = append(keys, keys[prev:prev+keep]...)
		keys = append(keys, r.s[r.i:r.i+add]...)
		r.i += add
		lens[i] = byte(keep + add)
		prev = start
	}
	v.codeKeys, v.codeLen = unsafeString(keys), unsafeString(lens)
}
