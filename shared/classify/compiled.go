package classify

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"unsafe"
)

// The rule files are compiled at `go generate` time (TestCompiledRules -update) into
// compiled/*.bin, which the package loads at start-up: reading flat tables costs a few
// allocations and a pass over the bytes, where parsing the rules and building the automaton
// cost tens of thousands of allocations — hundreds of milliseconds in WebAssembly. The rule
// files stay the source: TestCompiledRules fails when a .bin no longer matches them.
//
//go:generate go test -run ^TestCompiledRules$ -update .

// compiledMagic starts every compiled file; change it when the layout changes.
const compiledMagic = "orderwatch classify rules v18\n"

// encodeRules is the compiled form of a ruleset, in two parts.
//
// First uvarints (zigzag varints for priorities) and raw bytes: the short repeated strings
// (status, reason, language, vendor codes), referred to by index; the byte classes; the trie in
// depth-first order (v15, depthFirst: each state's numbers of children and outputs, then every
// state's byte class; the loader numbers the states breadth-first again, so that a state's
// children are the next states in order); the terms; the negators; the numbers of
// alternatives, rule heads and coded terms, and the phrases that are stored.
//
// Then, from a multiple of 4 bytes: the alternatives' terms, coded (termCoder), as ints; the
// rule heads (ruleHead) and the alternatives (altRecSize), fixed-width records stored by column;
// each state's own outputs as little-endian integers of 2 or 4 bytes (a flag, see ints), read
// in place by the loader.
//
// Not stored, and made at load or when first needed: what each negated alternative means
// (alt.twin, negAlts: deriveTwins at load, v14), each alternative's weight (v14) and most rule
// ids' phrases (spelt from the automaton, v14: ruleset.phraseFromTerms), the ids' heads (v12).
// v14 took events.bin from 1,071,172 B (218.7 KB gzipped) to 483,858 B (129.6 KB) on 6 Dec.
//
// The fail links (v9), the dense rows (v11) and the outputs a state inherits through its fail
// links (v18) are not stored: each is derived the first time a text needs it (matcher.failOf,
// matcher.nextOf, matcher.inheritOf). Deriving them all at load would cost start-up time in
// WebAssembly (tens of milliseconds in code the engine has not optimised yet).
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
	shape, classes, wideShapes, perDepth, err := m.depthFirst()
	if err != nil {
		return nil, err
	}
	for _, list := range [][]int32{wideShapes, perDepth} {
		u(uint64(len(list)))
		for _, v := range list {
			u(uint64(v))
		}
	}
	b = append(b, shape...)
	b = append(b, classes...)
	nterms := len(rs.termLen)
	u(uint64(nterms))
	// Per term only whether it is a blocker ("except" words), sparse: a term's length, word
	// starts and boundaries are the path to the state where it ends (v17: deriveTermShapes at
	// load; they were 29.7 of events.bin's 333 KB gzipped).
	var blockers []int
	for t := 0; t < nterms; t++ {
		if rs.blocker[t] {
			blockers = append(blockers, t)
		}
	}
	u(uint64(len(blockers)))
	last := -1
	for _, t := range blockers {
		u(uint64(t - last - 1))
		last = t
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
	// The alternatives as fixed-width records (altRecSize bytes, little-endian, see altRec) over
	// one string of their rule ids' phrases and one array of their terms. The ids' heads
	// ("code-text:<lang>:<status>[/<reason>]:", ≈ 9 KB of gzipped core.wasm) are not stored (v12):
	// the records' strings tell them, and an id is made the first time an answer needs it
	// (alt.codeText). Nor are (v14) what negated rules mean (negAlts, alt.twin: deriveTwins at
	// load), an alternative's weight (its positive terms' lengths), or most phrases: a phrase
	// that reads as its terms written out (phraseFromTerms: "delivered to & neighbour"), or as the
	// last stored alternative's phrase and "~" (an inflected form, inflectedMark), stores a mark
	// in place of its length and is made from the automaton when an id needs it — ≈ 48 KB of
	// gzipped core.wasm were the phrases.
	var ids []byte
	var posneg []int32 // every alternative's terms, coded (termCodes)
	coder := termCoder{max: -1}
	var rows []byte
	le := binary.LittleEndian
	var heads []ruleHead // what the alternatives of one rule line share, in order of first use
	headIndex := map[ruleHead]int{}
	lastHead := -1
	base := "" // the phrase an inflected form's is made of: the last alternative's not marked so
	for i := range rs.alts {
		a := &rs.alts[i]
		phrase := a.phraseText()
		weight := 0
		for _, t := range a.pos {
			weight += int(rs.termLen[t])
		}
		if len(phrase) >= phraseInflected || len(a.pos) > 0xFFFF || len(a.neg) > 0xFFFF || weight != a.weight ||
			a.priority != int(int16(a.priority)) || len(strs) > 0xFFFF || phrase == "" {
			return nil, fmt.Errorf("classify: %s does not fit a compiled record", a.id())
		}
		mark := len(phrase)
		switch {
		case i > 0 && phrase == base+inflectedMark:
			mark = phraseInflected
		case phrase == rs.phraseFromTerms(a.pos, a.neg):
			mark, base = phraseTerms, phrase
		default:
			base = phrase
			ids = append(ids, phrase...)
		}
		h := ruleHead{a.langBit, a.conf, a.priority, int(index[a.status]), int(index[a.reason]), int(index[a.lang]),
			int(index[a.vendor.SeventeenTrack]), int(index[a.vendor.AfterShip])}
		k, seen := headIndex[h]
		if !seen {
			k = len(heads)
			headIndex[h] = k
			heads = append(heads, h)
		}
		headCode := k + 2
		switch {
		case !seen:
			headCode = 1
		case k == lastHead:
			headCode = 0
		}
		lastHead = k
		if headCode > 0xFFFF {
			return nil, fmt.Errorf("classify: %s does not fit a compiled record", a.id())
		}
		for _, v := range []int{mark, headCode, len(a.pos), len(a.neg)} {
			rows = le.AppendUint16(rows, uint16(v))
		}
		posneg = termCodes(posneg, &coder, a.pos, a.neg)
	}
	u(uint64(len(rs.alts)))
	u(uint64(len(heads)))
	u(uint64(len(posneg)))
	str(string(ids))
	u(uint64(m.outs.len()))
	pn := packInts(posneg)
	var wide uint64
	for i, t := range []ints{{}, {}, {}, m.outs, pn} { // v10 had the dense rows' flag first
		if t.wide() {
			wide |= 1 << i
		}
	}
	u(wide)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	b = append(b, pn.s...)
	// The heads, then the alternatives, by column (each field of every record, then the next
	// field): a column's values are alike, which gzips to two thirds of the records laid out one
	// by one.
	var headRows []byte
	for _, h := range heads {
		headRows = le.AppendUint32(headRows, uint32(bits.TrailingZeros64(uint64(h.langBit)))) // v16: the bit's index
		headRows = le.AppendUint64(headRows, math.Float64bits(h.conf))
		for _, v := range []int{h.priority, h.status, h.reason, h.lang, h.seventeenTrack, h.afterShip} {
			headRows = le.AppendUint16(headRows, uint16(v))
		}
	}
	b = appendColumns(b, headRows, headRecFields, headRecSize)
	b = appendColumns(b, rows, altRecFields, altRecSize)
	b = append(b, m.outs.s...)
	return b, nil
}

// depthFirst is the automaton's trie as encodeRules stores it (v15): its states in depth-first
// order, which spells the terms out one after another (each state's byte class follows its
// parent's, or a sibling's subtree), where the breadth-first order the matcher works in
// interleaves every term of a depth — gzip finds the repeats of the one and not of the other:
// events.bin went from 227.5 to 187.2 KB gzipped on 7 Dec. The outputs stay in breadth-first
// order (the same size gzipped either way), read in place by the loader, which puts the rest
// back in that order (loadDepthFirst).
//
// shape is a byte per state: its number of children in the low four bits and of its own outputs
// in the high four (v18: the outputs it inherits are not stored, see matcher.outStart), or 0xFF for a state with 15 or more of either, whose two numbers are in wide in
// state order (a state's number of children gzips better than its depth, tried). classes is
// each state's byte class but the root's; perDepth the number of states at each depth.
func (m *matcher) depthFirst() (shape, classes []byte, wide, perDepth []int32, err error) {
	n := len(m.childStart) - 1
	stack, depth := []int32{0}, make([]int32, n)
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for int(depth[s]) >= len(perDepth) {
			perDepth = append(perDepth, 0)
		}
		perDepth[depth[s]]++
		if s > 0 {
			classes = append(classes, m.kids[s-1])
		}
		lo, hi := m.ownOuts(s)
		k, o := m.childStart[s+1]-m.childStart[s], hi-lo
		if k > 255 || o > 255 { // the loader's bound: sums over every state stay in an int32
			return nil, nil, nil, nil, fmt.Errorf("classify: state %d has %d children and %d outputs", s, k, o)
		}
		if k < 15 && o < 15 {
			shape = append(shape, byte(k)|byte(o)<<4)
		} else {
			shape = append(shape, 0xFF)
			wide = append(wide, k, o)
		}
		for j := m.childStart[s+1] - 1; j >= m.childStart[s]; j-- { // child j is state j+1
			stack = append(stack, j+1)
			depth[j+1] = depth[s] + 1
		}
	}
	if len(shape) != n {
		return nil, nil, nil, nil, fmt.Errorf("classify: %d of %d states reached", len(shape), n)
	}
	return shape, classes, wide, perDepth, nil
}

// loadDepthFirst puts the trie depthFirst stored back in the breadth-first order the matcher
// works in (a state's children are consecutive states, child j is state j+1): its byte classes
// (m.kids) and where each state's children and outputs start. Breadth-first order is
// depth-first order stably sorted by depth (both list a depth's states in the order of their
// paths), and the file says how many states each depth has (perDepth): one pass puts each state
// in its place, a second sums — plain loops, which the WebAssembly engine runs fast before it
// has optimised anything (+4 ms of start-up in Node, measured on 7 Dec). False for tables that
// do not make one tree with classes in range and the depths said (damaged data, never the
// compiled files).
func (m *matcher) loadDepthFirst(shape, classes string, wide, perDepth []int32) bool {
	n, ndepth := len(shape), len(perDepth)
	if n == 0 || len(classes) != n-1 || ndepth == 0 || perDepth[0] != 1 {
		return false
	}
	// Where each depth's next state goes, and where its states end.
	at, end := make([]int32, ndepth), make([]int32, ndepth)
	next := int32(0)
	for i, c := range perDepth {
		if c <= 0 || c > int32(n) {
			return false
		}
		if at[i], next = next, next+c; next > int32(n) {
			return false
		}
		end[i] = next
	}
	if next != int32(n) {
		return false
	}
	kids := make([]byte, n-1)
	childStart, outStart := make([]int32, n+1), make([]uint32, n+1)
	left := make([]int32, 0, ndepth) // the children still to come of each state on the path
	maxClass, w := byte(m.nclass-1), 0
	for d := 0; d < n; d++ {
		for len(left) > 0 && left[len(left)-1] == 0 {
			left = left[:len(left)-1]
		}
		dep := len(left)
		if d > 0 {
			if dep == 0 {
				return false // more states than the tree has room for
			}
			left[dep-1]--
		}
		if dep >= ndepth || at[dep] == end[dep] {
			return false
		}
		s := at[dep]
		at[dep]++
		k, o := int32(shape[d]&0x0F), int32(shape[d]>>4)
		if shape[d] == 0xFF {
			if w+2 > len(wide) {
				return false
			}
			k, o, w = wide[w], wide[w+1], w+2
		}
		childStart[s+1], outStart[s+1] = k, uint32(o)
		if d > 0 {
			if classes[d-1] > maxClass {
				return false
			}
			kids[s-1] = classes[d-1]
		}
		if k > 0 {
			left = append(left, k)
		}
	}
	for _, k := range left {
		if k != 0 {
			return false // fewer states than the tree has
		}
	}
	if w != len(wide) {
		return false
	}
	for s := 0; s < n; s++ {
		childStart[s+1] += childStart[s]
		outStart[s+1] += outStart[s]
	}
	// Each state's first output, shifted to leave matcher.outStart's two low bits for what it
	// inherits: not known yet (inheritOf), but the root's, which is none.
	if outStart[n] >= 1<<29 {
		return false
	}
	for s := range outStart {
		outStart[s] <<= 2
	}
	outStart[0] |= inheritNone
	m.childStart, m.outStart = childStart, outStart
	if len(kids) > 0 {
		m.kids = unsafe.String(&kids[0], len(kids)) // kids is not written again
	}
	return true
}

// termCoder codes the alternatives' terms (v14): term ids are numbered as the rule files first
// name them, so most are either the next new one or the one at the same place in the previous
// alternative (an inflected form's other terms) — codes 0 and 1, which gzip to nearly nothing;
// any other term t is t+2. A third of the bytes of the plain ids, gzipped.
type termCoder struct {
	max  int32   // the highest term coded so far
	prev []int32 // the previous alternative's terms, pos then neg
}

// termCodes appends to codes the codes of an alternative's terms, pos then neg.
func termCodes(codes []int32, c *termCoder, pos, neg []int32) []int32 {
	all := append(pos[:len(pos):len(pos)], neg...)
	for i, t := range all {
		switch {
		case t == c.max+1:
			codes = append(codes, 0)
		case i < len(c.prev) && c.prev[i] == t:
			codes = append(codes, 1)
		default:
			codes = append(codes, t+2)
		}
		c.max = max(c.max, t)
	}
	c.prev = all
	return codes
}

// decode fills terms (an alternative's, pos then neg) from codes[at:]; false when a code is
// out of range (a term not below nterms, or no previous term at that place).
func (c *termCoder) decode(terms []int32, codes ints, at, npos, nterms int) bool {
	for i := range terms {
		var t int32
		switch v := codes.at(int32(at + i)); v {
		case 0:
			t = c.max + 1
		case 1:
			if i >= len(c.prev) {
				return false
			}
			t = c.prev[i]
		default:
			t = v - 2
		}
		if t < 0 || int(t) >= nterms {
			return false
		}
		terms[i] = t
		c.max = max(c.max, t)
	}
	c.prev = terms
	return true
}

// altRecFields are the offset and size of each field of a compiled alternative's record; the
// compiled file stores the records by column (appendColumns), so field f of record i is at
// f.offset*n + i*f.size for n records.
var altRecFields = [][2]int{{0, 2}, {2, 2}, {4, 2}, {6, 2}}

// altRecSize is the size of an alternative's compiled record, four 16-bit fields: the length
// of the rule id's phrase (or a mark: phraseTerms, phraseInflected), its head (a ruleHead, coded
// as headOf reads it), and the numbers of positive and negative terms. The phrases and the terms
// follow each other in record order, so where each starts is counted, not stored (increasing
// offsets are what compresses worst in core.wasm).
const altRecSize = 8

// A ruleHead is what the alternatives of a rule line share (v14; each alternative stored it
// before): language (v16: stored as its bit's index, for up to 64 languages), confidence,
// priority, and the string indexes of status, reason, language and vendor codes. Compiled as a
// record of headRecSize bytes, by column like the alternatives'.
type ruleHead struct {
	langBit                                                   langSet
	conf                                                      float64
	priority, status, reason, lang, seventeenTrack, afterShip int
}

var headRecFields = [][2]int{{0, 4}, {4, 8}, {12, 2}, {14, 2}, {16, 2}, {18, 2}, {20, 2}, {22, 2}}

const headRecSize = 24

// An alternative's head is coded 0 for the previous alternative's, 1 for the next head not used
// yet (heads are numbered in order of first use), else its number + 2: nearly all are 0 or 1.

// appendColumns appends records (of size bytes each) by column: each field of every record,
// then the next field.
func appendColumns(b, rows []byte, fields [][2]int, size int) []byte {
	n := len(rows) / size
	for _, f := range fields {
		for i := 0; i < n; i++ {
			b = append(b, rows[i*size+f[0]:i*size+f[0]+f[1]]...)
		}
	}
	return b
}

// What a record holds in place of its phrase's length when the phrase is not stored (v14): it
// is its terms written out (ruleset.phraseFromTerms), or the phrase of the last record not
// marked phraseInflected, then inflectedMark.
const (
	phraseInflected = 0xFFFE
	phraseTerms     = 0xFFFF
)

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
	m := &matcher{nclass: int32(r.u()), ndense: int32(r.u())}
	n := r.count(2)
	if r.err == nil && (n == 0 || m.ndense < 1 || int(m.ndense) > n || m.nclass <= 0 || m.nclass > 256) {
		r.fail()
	}
	class := r.bytes(256)
	for i := 0; i < len(class); i++ {
		if m.class[i] = uint16(class[i]); int32(class[i]) >= m.nclass {
			r.fail()
		}
	}
	var shapeLists [2][]int32 // each wide state's numbers (at most 255); the states at each depth
	for i := range shapeLists {
		list := make([]int32, r.count(1))
		for j := range list {
			if v := r.u(); i == 0 && v <= 255 || i == 1 && v <= uint64(n) {
				list[j] = int32(v)
			} else {
				r.fail()
			}
		}
		shapeLists[i] = list
	}
	shape, classes := r.bytes(n), r.bytes(n-1) // the trie, depth first
	if r.err == nil && !m.loadDepthFirst(shape, classes, shapeLists[0], shapeLists[1]) {
		r.fail()
	}
	if r.err != nil {
		return nil, r.err
	}

	rs := &ruleset{m: m}
	nterms := r.count(3)
	rs.termLen, rs.termStarts = make([]int32, nterms), make([]int32, nterms)
	rs.termLead, rs.termTrail, rs.blocker = make([]bool, nterms), make([]bool, nterms), make([]bool, nterms)
	rs.negBefore, rs.negAfter = make([]langSet, nterms), make([]langSet, nterms)
	rs.negGapBefore, rs.negGapAfter = make([]int32, nterms), make([]int32, nterms)
	rs.negImmune = make([]langSet, nterms)
	last := -1
	for k := r.count(1); k > 0 && r.err == nil; k-- {
		t := last + 1 + int(min(r.u(), uint64(nterms)))
		if t >= nterms {
			r.fail()
			break
		}
		rs.blocker[t], last = true, t
	}
	for k := r.count(6); k > 0 && r.err == nil; k-- {
		t := r.term(nterms)
		if r.err != nil { // no term to index: there may be none
			break
		}
		rs.negBefore[t], rs.negGapBefore[t] = langSet(r.u()), int32(r.u())
		rs.negAfter[t], rs.negGapAfter[t] = langSet(r.u()), int32(r.u())
		rs.negImmune[t] = langSet(r.u())
		if rs.negGapBefore[t] > maxNegGap || rs.negGapAfter[t] > maxNegGap {
			r.fail()
		}
	}
	nalts, nheads, nposneg := r.count(altRecSize), r.count(headRecSize), r.count(4)
	ids := r.str()
	nouts := r.count(0)
	wide := r.u()
	if wide > 31 || wide&7 != 0 {
		r.fail()
	}
	if r.i%4 != 0 {
		r.bytes(4 - r.i%4)
	}
	posneg := r.ints(nposneg, wide&16 != 0)
	headRecs := r.bytes(headRecSize * nheads)
	recs := r.bytes(altRecSize * nalts)
	if r.err != nil {
		return nil, r.err
	}
	// Field at offset at of head i: the heads are stored by column, and read for each
	// alternative (a table of them would be 0.5 MB more at start-up).
	headU16 := func(i, at int) int { j := at*nheads + 2*i; return int(headRecs[j]) | int(headRecs[j+1])<<8 }
	headStr := func(i, at int) string {
		if k := headU16(i, at); k < len(strs) {
			return strs[k]
		}
		r.fail()
		return ""
	}
	terms := make([]int32, nposneg) // every alternative's pos and neg
	coder := termCoder{max: -1}
	all := make([]alt, nalts)
	idAt, termAt := 0, 0
	var base *alt // the last alternative whose phrase is not marked phraseInflected
	head, nextHead := -1, 0
	for i := range all {
		// Field at offset at of record i: the records are stored by column.
		u16 := func(at int) int { j := at*nalts + 2*i; return int(recs[j]) | int(recs[j+1])<<8 }
		mark, headCode, npos, nng := u16(0), u16(2), u16(4), u16(6)
		switch headCode {
		case 0:
		case 1:
			head, nextHead = nextHead, nextHead+1
		default:
			head = headCode - 2
		}
		idLen := mark
		if mark >= phraseInflected {
			idLen = 0
		}
		if idAt+idLen > len(ids) || termAt+npos+nng > len(terms) || npos == 0 || mark == 0 || mark == phraseInflected && base == nil ||
			head < 0 || head >= nheads {
			r.fail()
			break
		}
		a := &all[i]
		lb := uint32(le32(headRecs[4*head : 4*head+4]).at(0))
		if lb >= maxRuleLangs {
			r.fail()
			break
		}
		a.langBit = 1 << lb
		conf := headRecs[4*nheads+8*head : 4*nheads+8*head+8]
		a.conf = math.Float64frombits(uint64(uint32(le32(conf).at(0))) | uint64(uint32(le32(conf).at(1)))<<32)
		a.priority = int(int16(headU16(head, 12)))
		a.status, a.reason, a.lang = headStr(head, 14), headStr(head, 16), headStr(head, 18)
		a.vendor.SeventeenTrack, a.vendor.AfterShip = headStr(head, 20), headStr(head, 22)
		if !coder.decode(terms[termAt:termAt+npos+nng], posneg, termAt, npos, nterms) {
			r.fail()
			break
		}
		a.pos = terms[termAt : termAt+npos : termAt+npos]
		if nng > 0 {
			a.neg = terms[termAt+npos : termAt+npos+nng : termAt+npos+nng]
		}
		switch mark { // the id is made on first use (codeText)
		case phraseInflected:
			a.phraseBase = base
		case phraseTerms:
			a.phraseRules, base = rs, a
		default:
			a.phrase, base = ids[idAt:idAt+idLen], a
		}
		idAt, termAt = idAt+idLen, termAt+npos+nng
	}
	if r.err == nil && (idAt != len(ids) || termAt != len(terms)) {
		r.fail()
	}
	if r.err != nil {
		return nil, r.err
	}
	m.outs = r.ints(nouts, wide&8 != 0)
	if r.err == nil && r.i != len(r.s) {
		r.err = fmt.Errorf("classify: compiled rules: %d bytes left over", len(r.s)-r.i)
	}
	if r.err == nil && int(m.outStart[n]>>2) != nouts {
		r.fail()
	}
	if r.err == nil && !rs.deriveTermShapes() {
		r.fail()
	}
	if r.err != nil {
		return nil, r.err
	}
	rs.alts = all[:nalts:nalts]
	for i := range rs.alts {
		a := &rs.alts[i]
		for _, t := range a.pos {
			a.weight += int(rs.termLen[t])
		}
	}
	if err := rs.deriveTwins(nil); err != nil { // what a negated rule means: not stored (v14)
		return nil, err
	}
	m.dense = newCells(int(m.ndense)*int(m.nclass), n) // derived on first use (nextOf)
	m.fail = make([]int32, n)                          // derived on first use (failOf)
	m.fail[0] = 1                                      // the root's is the root
	rs.index()
	return rs, nil
}

// deriveTermShapes fills in what encodeRules no longer stores of each term (v17): its length,
// its word starts after the first and whether it starts or ends at a word boundary (a leading or
// trailing space). All are read off the path from the root to the state where the term ends,
// the one whose own outputs hold it. One pass over the states, parents before children, carries each
// path's depth, word starts and leading space down; a second reads them at the outputs. False
// when a term ends nowhere or a path is too long (damaged data, never the compiled files).
func (rs *ruleset) deriveTermShapes() bool {
	m := rs.m
	n := len(m.childStart) - 1
	byteOf := m.bytesOfClasses()
	const maxDepth, maxStarts = 1<<16 - 1, 1<<8 - 1
	path := make([]uint32, n) // depth<<9 | word starts<<1 | leading space
	for s := 0; s < n; s++ {
		p := path[s]
		d, starts, lead := p>>9, p>>1&maxStarts, p&1
		var prev byte
		if s > 0 {
			prev = byteOf[m.kids[s-1]]
		}
		for k := m.childStart[s]; k < m.childStart[s+1]; k++ {
			b := byteOf[m.kids[k]]
			if s == 0 { // a child of the root starts a path: a leading space is a boundary
				lead = 0
				if b == ' ' {
					lead = 1
				}
			}
			// A word starting at byte d of the pattern, counted from the second word on.
			st := starts
			if pair := [2]byte{prev, b}; d >= lead+1 && isWordStart(pair[:], 1) {
				st++
			}
			if d+1 > maxDepth || st > maxStarts {
				return false
			}
			path[k+1] = (d+1)<<9 | st<<1 | lead
		}
	}
	nterms := len(rs.termLen)
	for s := 1; s < n; s++ {
		lo, hi := m.ownOuts(int32(s))
		for k := lo; k < hi; k++ {
			t := m.outs.at(k)
			if t < 0 || int(t) >= nterms {
				return false
			}
			if rs.termLen[t] != 0 {
				continue
			}
			p := path[s]
			rs.termLen[t], rs.termStarts[t], rs.termLead[t] = int32(p>>9), int32(p>>1&maxStarts), p&1 != 0
			rs.termTrail[t] = byteOf[m.kids[s-1]] == ' '
		}
	}
	for _, l := range rs.termLen {
		if l == 0 {
			return false
		}
	}
	return true
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

// ints reads n little-endian integers of 4 bytes (wide) or 2 (and two bytes of zeros), in place.
func (r *reader) ints(n int, wide bool) ints {
	if r.err != nil || n < 0 || n > (len(r.s)-r.i)/2 || intsSize(n, wide) > len(r.s)-r.i {
		r.fail()
		return ints{}
	}
	return intsOf(r.bytes(intsSize(n, wide)), wide)
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
