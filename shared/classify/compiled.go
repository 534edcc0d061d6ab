package classify

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// The rule files are compiled at `go generate` time (TestCompiledRules -update) into
// compiled/*.bin, which the package loads at start-up: reading flat tables costs a few
// allocations and a pass over the bytes, where parsing the rules and building the automaton
// cost tens of thousands of allocations — hundreds of milliseconds in WebAssembly. The rule
// files stay the source: TestCompiledRules fails when a .bin no longer matches them.
//
//go:generate go test -run ^TestCompiledRules$ -update .

// compiledMagic starts every compiled file; change it when the layout changes.
const compiledMagic = "orderwatch classify rules v3\n"

// encodeRules is the compiled form of a ruleset: uvarints (zigzag varints for priorities),
// the short repeated strings (status, reason, language, vendor codes) by index into a table.
// What the loader derives in one cheap pass (matcher.link) is left out: states are numbered
// breadth-first, so a state's children are the next states in order; fail links, dense rows
// and inherited outputs follow from the trie.
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
	for _, a := range rs.alts {
		intern(a.status)
		intern(a.reason)
		intern(a.lang)
		intern(a.vendor.SeventeenTrack)
		intern(a.vendor.AfterShip)
	}
	b := []byte(compiledMagic)
	u := func(v uint64) { b = binary.AppendUvarint(b, v) }
	str := func(s string) { u(uint64(len(s))); b = append(b, s...) }
	u(uint64(len(strs)))
	for _, s := range strs {
		str(s)
	}
	m := rs.m
	u(uint64(m.nclass))
	u(uint64(m.ndense))
	for _, c := range m.class {
		u(uint64(c))
	}
	// The trie: each state's number of children (a byte), then every child's byte class (a
	// byte), then the states' own outputs as (gap from the previous state, term) pairs.
	n := len(m.fail)
	u(uint64(n))
	if m.nclass > 256 {
		return nil, fmt.Errorf("classify: %d byte classes", m.nclass)
	}
	for s := 0; s < n; s++ {
		kids := m.kids[m.childStart[s]:m.childStart[s+1]]
		if len(kids) > 255 {
			return nil, fmt.Errorf("classify: state %d has %d children", s, len(kids))
		}
		b = append(b, byte(len(kids)))
	}
	var own [][2]int32
	for s := 0; s < n; s++ {
		b = append(b, m.kids[m.childStart[s]:m.childStart[s+1]]...)
		outs := m.outs[m.outStart[s]:m.outStart[s+1]]
		if s > 0 {
			f := m.fail[s]
			inherited := m.outs[m.outStart[f]:m.outStart[f+1]]
			if len(inherited) > len(outs) || !slices.Equal(outs[len(outs)-len(inherited):], inherited) {
				return nil, fmt.Errorf("classify: state %d: outputs do not end with the fail state's", s)
			}
			outs = outs[:len(outs)-len(inherited)]
		}
		for _, o := range outs {
			own = append(own, [2]int32{int32(s), o})
		}
	}
	u(uint64(len(own)))
	prev := int32(0)
	for _, o := range own {
		u(uint64(o[0] - prev))
		u(uint64(o[1]))
		prev = o[0]
	}
	nterms := len(rs.termLen)
	u(uint64(nterms))
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
	}
	u(uint64(len(rs.alts)))
	for i := range rs.alts {
		putAlt(&rs.alts[i])
	}
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
	return b, nil
}

// decodeRules loads what encodeRules wrote. Strings are taken from the data itself (no copies).
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
	for i := range m.class {
		m.class[i] = uint16(r.u())
	}
	n := r.count(2)
	kidCount := r.bytes(n)
	m.childStart = make([]int32, n+1)
	for s := 0; s < n; s++ {
		m.childStart[s+1] = m.childStart[s] + int32(kidCount[s])
	}
	if r.err == nil && (n == 0 || int(m.childStart[n]) != n-1) {
		r.fail()
	}
	m.kids = r.bytes(n - 1) // in place: child j is state j+1

	ownOuts := make([]int32, r.count(2)) // in state order
	ownStart := make([]int32, n+1)
	st := uint64(0)
	for i := range ownOuts {
		st += r.u()
		if st >= uint64(n) {
			r.fail()
			break
		}
		ownOuts[i] = int32(r.u())
		ownStart[st+1]++
	}
	for s := 0; s < n; s++ {
		ownStart[s+1] += ownStart[s]
	}
	if r.err == nil && (m.ndense < 0 || int(m.ndense) > n || m.nclass <= 0 || m.nclass > 256) {
		r.fail()
	}
	for i := 0; i < len(m.kids); i++ {
		if int32(m.kids[i]) >= m.nclass {
			r.fail()
			break
		}
	}
	for _, c := range m.class {
		if int32(c) >= m.nclass {
			r.fail()
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	m.link(ownStart, ownOuts)

	rs := &ruleset{m: m}
	nterms := r.count(0)
	var terms []int32 // every alternative's pos and neg, one allocation
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
		if len(a.pos) == 0 || len(a.codeID) < len(codeTextPrefix) {
			r.fail()
		}
	}
	rs.alts = make([]alt, r.count(8))
	for i := range rs.alts {
		if getAlt(&rs.alts[i]); r.err != nil {
			return nil, r.err
		}
	}
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
	for _, o := range m.outs {
		if o < 0 || int(o) >= nterms {
			r.fail()
		}
	}
	if r.err == nil && r.i != len(r.s) {
		r.err = fmt.Errorf("classify: compiled rules: %d bytes left over", len(r.s)-r.i)
	}
	if r.err != nil {
		return nil, r.err
	}
	if err := rs.deriveTwins(nil); err != nil {
		return nil, err
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
