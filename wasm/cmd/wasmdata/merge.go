package main

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// Go's WebAssembly linker writes the module's data (its embedded files, the runtime's tables)
// as one active data segment per stretch of bytes between runs of 8 or more zero bytes: for the
// core, 54,595 segments, most of them a few bytes long — the runtime's findfunctab alone is
// 48,000 records of 20 bytes, nearly all zeros, one segment each. Every segment header is an
// offset and a length that gzip cannot predict: ≈ 107 KB of the gzipped core.wasm (6 Dec,
// 1,734,420 B). Memory starts zeroed, so writing the zeros between two segments explicitly
// gives the same memory at start: mergeData joins segments whose gap is at most maxGap bytes
// (a run of zeros gzips to a few bytes; a header costs more), leaving a handful of segments.
// Nothing else in the module changes.

// maxGap is the longest run of zeros written out to join two segments: gzip -9 of core.wasm
// (6 Dec, at 549a8aa) was 1,642,278 B at 64, 1,641,879 at 256, 1,641,821 at 1024 (8 segments)
// and 1,641,857 at 4096; the raw module grows by the zeros written (+0.57 MB at 1024).
const maxGap = 1024

// wasmMagic starts every WebAssembly binary module (version 1).
var wasmMagic = []byte{0, 'a', 's', 'm', 1, 0, 0, 0}

const (
	secData      = 11
	secDataCount = 12
)

type segment struct {
	offset uint32
	data   []byte
}

type section struct {
	id   byte
	body []byte
}

// mergeData returns the module with its data segments joined (see maxGap), and how many
// segments there were before and after. It refuses (an error, the module unchanged) anything
// but what Go's linker writes: active segments for memory 0 at an i32.const offset that do not
// overlap.
func mergeData(mod []byte, gap uint32) (out []byte, before, after int, err error) {
	secs, err := sections(mod)
	if err != nil {
		return nil, 0, 0, err
	}
	at := slices.IndexFunc(secs, func(s section) bool { return s.id == secData })
	if at < 0 {
		return mod, 0, 0, nil
	}
	segs, err := dataSegments(secs[at].body)
	if err != nil {
		return nil, 0, 0, err
	}
	slices.SortStableFunc(segs, func(a, b segment) int { return cmp.Compare(a.offset, b.offset) })
	var merged []segment
	for _, s := range segs {
		if n := len(merged); n > 0 {
			last := &merged[n-1]
			end := uint64(last.offset) + uint64(len(last.data))
			if uint64(s.offset) < end {
				return nil, 0, 0, fmt.Errorf("wasmdata: data segments overlap at offset %d", s.offset)
			}
			if uint64(s.offset)-end <= uint64(gap) {
				last.data = append(last.data, make([]byte, uint64(s.offset)-end)...)
				last.data = append(last.data, s.data...)
				continue
			}
		}
		merged = append(merged, segment{s.offset, slices.Clone(s.data)})
	}
	secs[at].body = dataSection(merged)
	out = slices.Clone(wasmMagic)
	for _, s := range secs {
		if s.id == secDataCount {
			s.body = binary.AppendUvarint(nil, uint64(len(merged)))
		}
		out = append(out, s.id)
		out = binary.AppendUvarint(out, uint64(len(s.body)))
		out = append(out, s.body...)
	}
	// The memory at start, before and after, must be the same bytes.
	a, errA := memoryImage(segs)
	b, errB := memoryImage(merged)
	if err := errors.Join(errA, errB); err != nil || !bytes.Equal(a, b) {
		return nil, 0, 0, errors.Join(errors.New("wasmdata: merged data differ from the original"), err)
	}
	return out, len(segs), len(merged), nil
}

// dataSection is the body of a data section holding segs, as Go's linker writes one.
func dataSection(segs []segment) []byte {
	body := binary.AppendUvarint(nil, uint64(len(segs)))
	for _, s := range segs {
		body = append(body, 0, 0x41) // active, memory 0; i32.const
		body = appendSleb(body, int64(s.offset))
		body = append(body, 0x0b) // end
		body = binary.AppendUvarint(body, uint64(len(s.data)))
		body = append(body, s.data...)
	}
	return body
}

// sections splits a module into its sections.
func sections(mod []byte) ([]section, error) {
	if !bytes.HasPrefix(mod, wasmMagic) {
		return nil, errors.New("wasmdata: not a WebAssembly module (version 1)")
	}
	var secs []section
	for i := len(wasmMagic); i < len(mod); {
		id := mod[i]
		n, k := binary.Uvarint(mod[i+1:])
		if k <= 0 || n > uint64(len(mod)-i-1-k) {
			return nil, fmt.Errorf("wasmdata: section at byte %d: bad size", i)
		}
		start := i + 1 + k
		secs = append(secs, section{id, mod[start : start+int(n)]})
		i = start + int(n)
	}
	return secs, nil
}

// dataSegments reads a data section as Go's linker writes it.
func dataSegments(b []byte) ([]segment, error) {
	r := bytes.NewReader(b)
	count, err := binary.ReadUvarint(r)
	if err != nil || count > uint64(len(b)) {
		return nil, errors.New("wasmdata: data section: bad count")
	}
	segs := make([]segment, 0, count)
	for range count {
		at := len(b) - r.Len()
		mode, err := binary.ReadUvarint(r)
		if err != nil || mode != 0 {
			return nil, fmt.Errorf("wasmdata: data segment at byte %d: not active in memory 0", at)
		}
		if op, err := r.ReadByte(); err != nil || op != 0x41 {
			return nil, fmt.Errorf("wasmdata: data segment at byte %d: offset not an i32.const", at)
		}
		v, err := readSleb(r)
		if err != nil || v < 0 || v >= 1<<31 {
			return nil, fmt.Errorf("wasmdata: data segment at byte %d: bad offset", at)
		}
		if end, err := r.ReadByte(); err != nil || end != 0x0b {
			return nil, fmt.Errorf("wasmdata: data segment at byte %d: offset not a constant", at)
		}
		n, err := binary.ReadUvarint(r)
		if err != nil || n > uint64(r.Len()) {
			return nil, fmt.Errorf("wasmdata: data segment at byte %d: bad size", at)
		}
		p := len(b) - r.Len()
		segs = append(segs, segment{uint32(v), b[p : p+int(n)]})
		r.Seek(int64(n), 1)
	}
	if r.Len() != 0 {
		return nil, errors.New("wasmdata: data section: bytes left over")
	}
	return segs, nil
}

// readSleb reads a signed LEB128 of at most 32 bits (an i32.const).
func readSleb(r *bytes.Reader) (int64, error) {
	var v int64
	for shift := uint(0); shift < 35; shift += 7 {
		c, err := r.ReadByte()
		if err != nil {
			return 0, err
		}
		v |= int64(c&0x7f) << shift
		if c < 0x80 {
			if c&0x40 != 0 {
				v -= 1 << (shift + 7)
			}
			return v, nil
		}
	}
	return 0, errors.New("too long")
}

// appendSleb appends v as a signed LEB128.
func appendSleb(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 && c&0x40 == 0 || v == -1 && c&0x40 != 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

// maxImage bounds the memory image compared: Go's static data ends at a few MB.
const maxImage = 256 << 20

// memoryImage is the memory the segments initialise, up to the end of the last.
func memoryImage(segs []segment) ([]byte, error) {
	var size uint64
	for _, s := range segs {
		size = max(size, uint64(s.offset)+uint64(len(s.data)))
	}
	if size > maxImage {
		return nil, fmt.Errorf("wasmdata: data beyond %d MB", maxImage>>20)
	}
	m := make([]byte, size)
	for _, s := range segs {
		copy(m[s.offset:], s.data)
	}
	return m, nil
}
