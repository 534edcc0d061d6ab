package classify

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
)

// Traditional Chinese meets the Simplified rules. Carriers in Taiwan and Hong Kong, and the
// pages trackers show their buyers, write Traditional characters ("已簽收", "運輸中",
// "貨件已送達"); the rules, official texts and model are mostly Simplified ("已签收"). Without a
// fold a Traditional text met no rule: "已簽收" came out unknown. normalize folds each
// Traditional character to its usual Simplified one, for event texts and for the rules' own
// terms, official texts and the model's training rows alike (all pass through normalize at
// `go generate`), so both spellings meet whichever the rule was written in. One character for
// one: OpenCC's character table (han/README.md), not its phrases, since the fold only has to
// make spellings meet. Japanese kanji are folded too, in texts and in the Japanese rules alike.
//
//go:generate go test -run ^TestCompiledHan$ -update .

//go:embed compiled/han.bin
var compiledHan string

const hanMagic = "orderwatch classify han v1\n"

// hanFold holds one entry per Traditional character, Traditional<<16 | Simplified, sorted.
var hanFold []uint32

// foldHan is r's Simplified character, or r.
func foldHan(r rune) rune {
	if r < 0x3400 || r > 0xFFFF || len(hanFold) == 0 {
		return r
	}
	key := uint32(r) << 16
	lo, hi := 0, len(hanFold)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if hanFold[m] < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(hanFold) && hanFold[lo]>>16 == uint32(r) {
		return rune(hanFold[lo] & 0xFFFF)
	}
	return r
}

// encodeHan writes the pairs (sorted by Traditional character, each in the BMP): the
// Traditional characters as gaps from the last, uvarints, then each Simplified character in
// two bytes.
func encodeHan(pairs [][2]rune) []byte {
	b := binary.AppendUvarint([]byte(hanMagic), uint64(len(pairs)))
	prev := rune(0)
	for _, p := range pairs {
		b = binary.AppendUvarint(b, uint64(p[0]-prev))
		prev = p[0]
	}
	for _, p := range pairs {
		b = binary.LittleEndian.AppendUint16(b, uint16(p[1]))
	}
	return b
}

var errHanData = errors.New("classify: compiled/han.bin is damaged")

// decodeHan reads encodeHan's data.
func decodeHan(s string) ([]uint32, error) {
	if len(s) < len(hanMagic) || s[:len(hanMagic)] != hanMagic {
		return nil, errHanData
	}
	b := []byte(s[len(hanMagic):])
	n, k := binary.Uvarint(b)
	// Each pair takes at least three bytes: a gap of one and a Simplified character.
	if k <= 0 || n > uint64(len(b)-k)/3 {
		return nil, errHanData
	}
	b = b[k:]
	out := make([]uint32, n)
	r := uint64(0)
	for i := range out {
		gap, k := binary.Uvarint(b)
		if k <= 0 || gap == 0 {
			return nil, errHanData
		}
		if r += gap; r > 0xFFFF {
			return nil, fmt.Errorf("%w: character %#x outside the BMP", errHanData, r)
		}
		out[i] = uint32(r) << 16
		b = b[k:]
	}
	if len(b) != 2*len(out) {
		return nil, errHanData
	}
	for i := range out {
		out[i] |= uint32(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return out, nil
}
