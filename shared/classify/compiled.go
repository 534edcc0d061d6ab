package classify

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// The rule files are compiled at `go generate` time (TestCompiledRules -update) into
// compiled/*.bin, which the package loads at start-up: reading flat tables costs a few
// allocations and a pass over the bytes, where parsing the rules and building the automaton
// cost tens of thousands of allocations — hundreds of milliseconds in WebAssembly. The rule
// files stay the source: TestCompiledRules fails when a .bin no longer matches them.
//
//go:generate go test -run ^TestCompiledRules$ -update .

// compiledMagic starts every compiled file; change it when the layout changes.
const compiledMagic = "orderwatch classify rules v4\n"

// encodeRules is the compiled form of a ruleset, in two parts.
//
// First uvarints (zigzag varints for priorities) and raw bytes: the short repeated strings
// (status, reason, language, vendor codes), referred to by index; the byte classes; each
// state's number of children and every child's byte class (states are numbered breadth-first,
// so a state's children are the next states in order); the terms; the alternatives and what
// each negated alternative means instead (alt.twin, negAlts).
//
// Then, from a multiple of 4 bytes, the automaton's large tables as little-endian int32s, read
// in place by the loader (see le32): dense rows, fail links, where each state's outputs start,
// and the outputs. They follow from the trie, but deriving them took most of the start-up time
// in WebAssembly; stored, loading them costs nothing.
func encodeRules(rs *ruleset) ([]byte, error) {
	var strs []string
	index := map[string]uint64{}
	intern := func(s string) uint64 {
		i, ok := index[s]
		if !ok {
			i = uint64(len(strs))
			index[s] = i
			strs = append(strs, s)
		}
		return i
	}
	for _, alts := range [][]alt{rs.alts, rs.negAlts} {
		for _, a := range alts {
			intern(a.status)
			intern(a.reason)
			intern(a.lang)
			intern(a.vendor.SeventeenTrack)
			intern(a.vendor.AfterShip)
		}
	}
	b := []byte(compiledMagic)
	u := func(v uint64) { b = binary.AppendUvarint(b, v) }
	str := func(s string) { u(uint64(len(s))); b = append(b, s...) }
	u(uint64(len(strs)))
	for _, s := range strs {
		str(s)
	}
	m := rs.m
	if m.nclass > 256 {
		return nil, fmt.Errorf("classify: %d byte classes", m.nclass)
	}
	n := len(m.childStart) - 1
	u(uint64(m.nclass))
	u(uint64(m.ndense))
	u(uint64(n))
	for _, c := range m.class {
		b = append(b, byte(c))
	}
	for s := 0; s < n; s++ {
		k := m.childStart[s+1] - m.childStart[s]
		if k > 255 {
			return nil, fmt.Errorf("classify: state %d has %d children", s, k)
		}
		b = append(b, byte(k))
	}
	b = append(b, m.kids...)
	nterms := len(rs.termLen)
	u(uint64(nterms))
	// Per term: length, starts inside, and flags (1 leading boundary, 2 trailing, 4 except).
	for t := 0; t < nterms; t++ {
		u(uint64(rs.termLen[t]))
		u(uint64(rs.termStarts[t]))
		var f uint64
		if rs.termLead[t] {
			f |= 1
		}
		if rs.termTrail[t] {
			f |= 2
		}
		if rs.blocker[t] {
			f |= 4
		}
		u(f)
	}
	// Negators, sparse: term, languages and reach before, languages and reach after, and the
	// languages in which a term holds a negator.
	var negs []int
	for t := 0; t < nterms; t++ {
		if rs.negBefore[t]|rs.negAfter[t]|rs.negImmune[t] != 0 {
			negs = append(negs, t)
		}
	}
	u(uint64(len(negs)))
	for _, t := range negs {
		u(uint64(t))
		u(uint64(rs.negBefore[t]))
		u(uint64(rs.negGapBefore[t]))
		u(uint64(rs.negAfter[t]))
		u(uint64(rs.negGapAfter[t]))
		u(uint64(rs.negImmune[t]))
	}
	putAlt := func(a *alt) {
		u(index[a.status])
		u(index[a.reason])
		u(index[a.lang])
		str(a.codeID)
		b = binary.AppendVarint(b, int64(a.priority))
		u(math.Float64bits(a.conf))
		u(uint64(len(a.pos)))
		for _, t := range a.pos {
			u(uint64(t))
		}
		u(uint64(len(a.neg)))
		for _, t := range a.neg {
			u(uint64(t))
		}
		u(uint64(a.weight))
		u(index[a.vendor.SeventeenTrack])
		u(index[a.vendor.AfterShip])
		u(uint64(a.langBit))
		b = binary.AppendVarint(b, int64(a.twin))
	}
	u(uint64(len(rs.alts)))
	u(uint64(len(rs.negAlts)))
	nposneg := 0
	for _, alts := range [][]alt{rs.alts, rs.negAlts} {
		for i := range alts {
			nposneg += len(alts[i].pos) + len(alts[i].neg)
		}
	}
	u(uint64(nposneg))
	for _, alts := range [][]alt{rs.alts, rs.negAlts} {
		for i := range alts {
			putAlt(&alts[i])
		}
	}
	u(uint64(m.outs.len()))
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	for _, t := range []le32{m.dense, m.fail, m.outStart, m.outs} {
		b = append(b, t...)
	}
	return b, nil
}

// decodeRules loads what encodeRules wrote. Strings and the automaton's tables are taken from
// the data itself (no copies); what is built is a few small slices and the alternatives.
func decodeRules(data string) (*ruleset, error) {
	if len(data) < len(compiledMagic) || data[:len(compiledMagic)] != compiledMagic {
		return nil, errors.New("classify: compiled rules: wrong format (run go generate ./shared/classify)")
	}
	r := &reader{s: data, i: len(compiledMagic)}
	strs := make([]string, r.count(1))
	for i := range strs {
		strs[i] = r.str()
	}
	sref := func() string {
		i := r.u()
		if i >= uint64(len(strs)) {
			r.fail()
			return ""
		}
		return strs[i]
	}
	m := &matcher{nclass: int32(r.u()), ndense: int32(r.u())}
	n := r.count(2)
	if r.err == nil && (n == 0 || m.ndense < 0 || int(m.ndense) > n || m.nclass <= 0 || m.nclass > 256) {
		r.fail()
	}
	class := r.bytes(256)
	for i := 0; i < len(class); i++ {
		if m.class[i] = uint16(class[i]); int32(class[i]) >= m.nclass {
			r.fail()
		}
	}
	kidCount := r.bytes(n)
	m.childStart = make([]int32, n+1)
	for s := 0; s < len(kidCount); s++ {
		m.childStart[s+1] = m.childStart[s] + int32(kidCount[s])
	}
	if r.err == nil && int(m.childStart[n]) != n-1 {
		r.fail()
	}
	m.kids = r.bytes(n - 1) // in place: child j is state j+1
	for i := 0; i < len(m.kids); i++ {
		if int32(m.kids[i]) >= m.nclass {
			r.fail()
			break
		}
	}
	if r.err != nil {
		return nil, r.err
	}

	rs := &ruleset{m: m}
	nterms := r.count(3)
	rs.termLen, rs.termStarts = make([]int32, nterms), make([]int32, nterms)
	rs.termLead, rs.termTrail, rs.blocker = make([]bool, nterms), make([]bool, nterms), make([]bool, nterms)
	rs.negBefore, rs.negAfter = make([]uint32, nterms), make([]uint32, nterms)
	rs.negGapBefore, rs.negGapAfter = make([]int32, nterms), make([]int32, nterms)
	rs.negImmune = make([]uint32, nterms)
	for t := 0; t < nterms && r.err == nil; t++ {
		rs.termLen[t] = int32(r.u())
		rs.termStarts[t] = int32(r.u())
		f := r.u()
		rs.termLead[t], rs.termTrail[t], rs.blocker[t] = f&1 != 0, f&2 != 0, f&4 != 0
		if rs.termLen[t] <= 0 || rs.termLen[t] > 1<<16 || f > 7 {
			r.fail()
		}
	}
	for k := r.count(6); k > 0 && r.err == nil; k-- {
		t := r.term(nterms)
		rs.negBefore[t], rs.negGapBefore[t] = uint32(r.u()), int32(r.u())
		rs.negAfter[t], rs.negGapAfter[t] = uint32(r.u()), int32(r.u())
		rs.negImmune[t] = uint32(r.u())
		if rs.negGapBefore[t] > maxNegGap || rs.negGapAfter[t] > maxNegGap {
			r.fail()
		}
	}
	nalts, nneg, nposneg := r.count(8), r.count(8), r.count(1)
	if r.err != nil || nalts+nneg > (len(r.s)-r.i)/8 {
		r.fail()
		return nil, r.err
	}
	all := make([]alt, nalts+nneg)     // the alternatives and the negated ones
	terms := make([]int32, 0, nposneg) // every alternative's pos and neg
	getAlt := func(a *alt) {
		a.status, a.reason, a.lang = sref(), sref(), sref()
		a.codeID = r.str()
		a.priority = int(r.v())
		a.conf = math.Float64frombits(r.u())
		start := len(terms)
		for k := r.count(1); k > 0; k-- {
			terms = append(terms, r.term(nterms))
		}
		a.pos = terms[start:len(terms):len(terms)]
		start = len(terms)
		for k := r.count(1); k > 0; k-- {
			terms = append(terms, r.term(nterms))
		}
		if len(terms) > start {
			a.neg = terms[start:len(terms):len(terms)]
		}
		a.weight = int(r.u())
		a.vendor.SeventeenTrack, a.vendor.AfterShip = sref(), sref()
		a.langBit = uint32(r.u())
		a.twin = int32(r.v())
		if len(a.pos) == 0 || len(a.codeID) < len(codeTextPrefix) || a.twin < keepNegated || int(a.twin) >= nneg {
			r.fail()
		}
	}
	for i := range all {
		if getAlt(&all[i]); r.err != nil {
			return nil, r.err
		}
	}
	if len(terms) != nposneg {
		r.fail()
	}
	rs.alts = all[:nalts:nalts]
	if nneg > 0 {
		rs.negAlts = all[nalts:]
	}
	for i := range rs.negAlts {
		if rs.negAlts[i].twin != noTwin {
			r.fail()
		}
	}
	nouts := r.count(0)
	if r.i%4 != 0 {
		r.bytes(4 - r.i%4)
	}
	m.dense = r.le32(int(m.ndense) * int(m.nclass))
	m.fail = r.le32(n)
	m.outStart = r.le32(n + 1)
	m.outs = r.le32(nouts)
	if r.err == nil && r.i != len(r.s) {
		r.err = fmt.Errorf("classify: compiled rules: %d bytes left over", len(r.s)-r.i)
	}
	if r.err == nil && (m.outStart.at(0) != 0 || int(m.outStart.at(int32(n))) != nouts) {
		r.fail()
	}
	if r.err != nil {
		return nil, r.err
	}
	rs.index()
	return rs, nil
}

// reader reads uvarints and strings from compiled rules; the first problem sticks in err and
// every later read gives zero.
type reader struct {
	s   string
	i   int
	err error
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = fmt.Errorf("classify: compiled rules: corrupt at byte %d", r.i)
	}
}

func (r *reader) u() uint64 {
	// The common case inline: one byte, a value under 128.
	if r.i < len(r.s) && r.s[r.i] < 0x80 {
		r.i++
		return uint64(r.s[r.i-1])
	}
	return r.uLong()
}

func (r *reader) uLong() uint64 {
	var v uint64
	for shift := uint(0); shift < 64 && r.err == nil; shift += 7 {
		if r.i >= len(r.s) {
			break
		}
		c := r.s[r.i]
		r.i++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	r.fail()
	return 0
}

func (r *reader) v() int64 {
	u := r.u()
	return int64(u>>1) ^ -int64(u&1)
}

// count reads a length that must fit in what is left, at least minBytes per element.
func (r *reader) count(minBytes int) int {
	c := r.u()
	if c > uint64(len(r.s)-r.i) || minBytes > 0 && c*uint64(minBytes) > uint64(len(r.s)-r.i) {
		r.fail()
		return 0
	}
	return int(c)
}

// bytes reads n raw bytes.
func (r *reader) bytes(n int) string {
	if r.err != nil || n < 0 || n > len(r.s)-r.i {
		r.fail()
		return ""
	}
	s := r.s[r.i : r.i+n]
	r.i += n
	return s
}

// le32 reads n little-endian int32s, in place.
func (r *reader) le32(n int) le32 {
	if r.err != nil || n < 0 || n > (len(r.s)-r.i)/4 {
		r.fail()
		return ""
	}
	return le32(r.bytes(4 * n))
}

func (r *reader) str() string {
	n := r.count(1)
	if r.err != nil {
		return ""
	}
	s := r.s[r.i : r.i+n]
	r.i += n
	return s
}

func (r *reader) state(n int) int32 {
	s := r.u()
	if s >= uint64(n) {
		r.fail()
		return 0
	}
	return int32(s)
}

func (r *reader) term(nterms int) int32 {
	t := r.u()
	if t >= uint64(nterms) {
		r.fail()
		return 0
	}
	return int32(t)
}
