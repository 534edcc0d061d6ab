package classify

import (
	"encoding/binary"
	"sync/atomic"
)

// matcher finds every one of a fixed set of byte patterns in a text in one pass: an
// Aho–Corasick automaton. Each input byte costs one table lookup in the hot, shallow states
// (a dense table over byte classes) and a short scan of one or two children in the deep ones,
// which keeps the whole automaton small enough to stay in cache — a fully dense table for a
// few thousand phrases is megabytes, and its cache misses cost more than the scan saves.
// Built once, read-only after, so it is safe for concurrent use.
//
// The outputs are little-endian integers in a string (ints: 2 bytes each when every value fits,
// else 4): loaded rules read them in place from the embedded compiled bytes. The dense rows and
// the fail links follow from the trie and are not stored (compiled/*.bin would be tens of KB of
// gzipped core.wasm more); deriving them all at load cost milliseconds of start-up in cold
// WebAssembly, so a loaded matcher derives each entry the first time a text needs it.
type matcher struct {
	class  [256]uint16 // byte → class; class 0 is every byte no pattern uses
	nclass int32
	ndense int32 // states [0, ndense) have dense rows
	// dense.get(state*nclass + class) is the next state plus one, for dense states; 0 while not
	// known. A built matcher has them all; a loaded one derives each transition the first time
	// a text takes it (nextOf), stored atomically like the fail links.
	dense cells
	// Deep states: their own children and their fail link. States are numbered breadth-first,
	// so child j (of whichever state) is state j+1 and only its byte class is kept: kids[j].
	childStart []int32 // state → first index into kids; childStart[state+1] ends it
	kids       string
	// fail[s] is state s's fail link plus one, 0 while not known. A built matcher has them all;
	// compiled/*.bin stores none (state numbers, ≈ 57 KB of gzipped core.wasm, which compress
	// poorly), and a loaded one derives each the first time a text needs it (failOf): deriving
	// them all at load cost start-up time in WebAssembly. A deep state's is needed to move on, a
	// state's with outputs to find the outputs it inherits.
	fail []int32
	// outStart[s]>>2 is the first index in outs of state s's own outputs (the patterns that end
	// there); outStart[s+1]>>2 ends them (loaded: summed from each state's count). The low two
	// bits say what s inherits through its fail links (inheritNone, inheritSome), 0 while not
	// known: a loaded matcher works it out the first time a text reaches s (inheritOf) and sets
	// it atomically like the fail links. The outputs inherited are not stored: they were 45% of
	// all (25,700 of 57,000 for the event rules on 8 Dec), 55 KB of gzipped events.bin.
	outStart []uint32
	outs     ints // pattern ids ending at each state, its own only, in state order
}

// What a state inherits through its fail links, in outStart's low two bits.
const (
	inheritNone = 1 // no state on its fail chain has outputs (the root's)
	inheritSome = 2 // its fail state has outputs or inherits some
)

// ownOuts is where state s's own outputs are in outs: [lo, hi).
func (m *matcher) ownOuts(s int32) (lo, hi int32) {
	return int32(loadState(&m.outStart[s]) >> 2), int32(loadState(&m.outStart[s+1]) >> 2)
}

// inheritOf is what state s inherits (inheritNone or inheritSome), worked out on first use when
// the matcher was loaded: some when its fail state has own outputs or inherits some. Safe for
// concurrent use, as failOf. Its fail state is an earlier one, so it ends.
//
//go:noinline
func (m *matcher) inheritOf(s int32) uint32 {
	if v := loadState(&m.outStart[s]) & 3; v != 0 {
		return v
	}
	v := uint32(inheritNone)
	if s > 0 {
		f := m.failOf(s)
		if lo, hi := m.ownOuts(f); lo != hi {
			v = inheritSome
		} else if f > 0 && f < s {
			v = m.inheritOf(f)
		}
	}
	atomic.OrUint32(&m.outStart[s], v)
	return v
}

// appendHits records in hits[n:] state s's outputs (its own, then those its fail chain's states
// have) ending at end, and returns the new count; past len(hits) they are dropped.
func (m *matcher) appendHits(s int32, end uint16, hits []hit, n int) int {
	for {
		lo, hi := m.ownOuts(s)
		for k := lo; k < hi && n < len(hits); k++ {
			hits[n] = hit{id: m.outs.at(k), end: end}
			n++
		}
		v := loadState(&m.outStart[s]) & 3
		if v == 0 {
			v = m.inheritOf(s)
		}
		if s == 0 || v != inheritSome {
			return n
		}
		s = m.failOf(s)
	}
}

// le32 is a read-only array of int32s stored little-endian in a string: the compiled tables
// are read in place, with no copy and no unsafe conversion. The four byte loads of at compile
// to one 32-bit load on the platforms that allow unaligned loads (amd64, arm64, wasm).
type le32 string

// at is element i (0 ≤ i < a.len()).
func (a le32) at(i int32) int32 {
	j := uint(i) * 4
	_ = a[j+3]
	return int32(uint32(a[j]) | uint32(a[j+1])<<8 | uint32(a[j+2])<<16 | uint32(a[j+3])<<24)
}

func (a le32) len() int { return len(a) / 4 }

// ints is a read-only array of non-negative int32s stored little-endian in a string, two bytes
// each when every value is below 1<<16, else four: the automaton's tables hold state numbers
// and output indexes, which fit two bytes for the rule sets there are, and half the bytes is
// tens of KB less gzipped core.wasm. The width is chosen when the tables are built and recorded
// in the compiled file. A two-byte table ends with two more bytes, so at reads four bytes
// and masks in either width: no branch, and small enough to be inlined.
//
// Every byte is stored XORed with intsXor: the tables hold long runs of zeros (a dense row's
// transitions back to the root, fail links to the root), and Go's WebAssembly linker starts a
// new data segment after every run of 8 zero bytes or more — thousands of segment headers,
// which gzip cannot squeeze (−18 KB gzipped core.wasm for events.bin and orders.bin). XOR with
// a constant leaves what gzip sees the same otherwise.
type ints struct {
	s     string
	shift uint8  // 1 (two bytes each) or 2 (four)
	mask  uint32 // 0xFFFF or 0xFFFFFFFF
}

// at is element i (0 ≤ i < a.len()).
func (a ints) at(i int32) int32 {
	j := uint(i) << a.shift
	_ = a.s[j+3]
	return int32((uint32(a.s[j]) | uint32(a.s[j+1])<<8 | uint32(a.s[j+2])<<16 | uint32(a.s[j+3])<<24 ^ intsXor) & a.mask)
}

// intsXor is what every byte of an ints is stored XORed with (see ints).
const intsXor = 0xA5A5A5A5

func (a ints) wide() bool { return a.shift == 2 }

func (a ints) len() int {
	if a.wide() {
		return len(a.s) / 4
	}
	return (len(a.s) - 2) / 2
}

// intsOf makes ints of b: n elements of four bytes (wide), or of two bytes then two more,
// every byte XORed with intsXor.
func intsOf(b string, wide bool) ints {
	if wide {
		return ints{s: b, shift: 2, mask: 0xFFFFFFFF}
	}
	return ints{s: b, shift: 1, mask: 0xFFFF}
}

// intsSize is the size in bytes of n ints.
func intsSize(n int, wide bool) int {
	if wide {
		return 4 * n
	}
	return 2*n + 2
}

// packInts is v as ints, two bytes each when every value fits. v holds no negative values.
func packInts(v []int32) ints {
	wide := false
	for _, x := range v {
		if x < 0 || x > 0xFFFF {
			wide = true
		}
	}
	b := make([]byte, 0, intsSize(len(v), wide))
	for _, x := range v {
		if wide {
			b = binary.LittleEndian.AppendUint32(b, uint32(x)^intsXor)
		} else {
			b = binary.LittleEndian.AppendUint16(b, uint16(x)^intsXor&0xFFFF)
		}
	}
	if !wide {
		b = binary.LittleEndian.AppendUint16(b, intsXor&0xFFFF)
	}
	return intsOf(string(b), wide)
}

// Dense rows for the states a text visits most: the shallow ones (every word start passes
// through them). Deeper states are few per text and keep only their own children.
const (
	maxDenseStates = 4096
	maxDenseDepth  = 4
)

func newMatcher(patterns []string) *matcher {
	m := &matcher{}
	used := [256]bool{}
	total := 1
	for _, p := range patterns {
		total += len(p)
		for i := 0; i < len(p); i++ {
			used[p[i]] = true
		}
	}
	m.nclass = 1
	for b := 0; b < 256; b++ {
		if used[b] {
			m.class[b] = uint16(m.nclass)
			m.nclass++
		}
	}
	// The trie in flat arrays (at most one node per pattern byte): children as a sorted
	// first-child/next-sibling list, own outputs as a linked list. A handful of allocations
	// instead of one or two per node keeps start-up fast, notably in WebAssembly.
	firstKid := make([]int32, 1, total)
	nextSib := make([]int32, 1, total)
	class := make([]uint16, 1, total)
	depth := make([]int32, 1, total)
	firstOut := make([]int32, 1, total) // index into outID, -1 when none
	firstKid[0], nextSib[0], firstOut[0] = -1, -1, -1
	outID := make([]int32, 0, len(patterns))
	outNext := make([]int32, 0, len(patterns))
	for id, p := range patterns {
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := m.class[p[i]]
			prev, k := int32(-1), firstKid[s]
			for k >= 0 && class[k] < c {
				prev, k = k, nextSib[k]
			}
			if k >= 0 && class[k] == c {
				s = k
				continue
			}
			n := int32(len(class))
			firstKid = append(firstKid, -1)
			nextSib = append(nextSib, k)
			class = append(class, c)
			depth = append(depth, depth[s]+1)
			firstOut = append(firstOut, -1)
			if prev < 0 {
				firstKid[s] = n
			} else {
				nextSib[prev] = n
			}
			s = n
		}
		outID = append(outID, int32(id))
		outNext = append(outNext, firstOut[s])
		firstOut[s] = int32(len(outID) - 1)
	}
	// Number states breadth-first so that shallow states come first and a state's fail link
	// (always shallower) is numbered before it.
	n := len(class)
	order := make([]int32, 1, n)
	for i := 0; i < len(order); i++ {
		for k := firstKid[order[i]]; k >= 0; k = nextSib[k] {
			order = append(order, k)
		}
	}
	renum := make([]int32, n)
	for i, s := range order {
		renum[s] = int32(i)
		if i < maxDenseStates && depth[s] <= maxDenseDepth {
			m.ndense = int32(i) + 1
		}
	}
	if m.nclass > 256 {
		panic("classify: more than 255 byte classes")
	}
	m.childStart = make([]int32, n+1)
	kids := make([]byte, 0, n)
	for i, s := range order {
		m.childStart[i] = int32(len(kids))
		for k := firstKid[s]; k >= 0; k = nextSib[k] {
			if renum[k] != int32(len(kids))+1 {
				panic("classify: trie not numbered breadth-first")
			}
			kids = append(kids, byte(class[k]))
		}
	}
	m.childStart[n] = int32(len(kids))
	m.kids = string(kids)
	// Own outputs per state, in the new numbering.
	ownStart := make([]int32, n+1)
	ownOuts := make([]int32, 0, len(patterns))
	for i, s := range order {
		ownStart[i] = int32(len(ownOuts))
		for o := firstOut[s]; o >= 0; o = outNext[o] {
			ownOuts = append(ownOuts, outID[o])
		}
	}
	ownStart[n] = int32(len(ownOuts))
	m.link(ownStart, ownOuts)
	return m
}

// link completes a matcher whose trie is laid out (class, nclass, ndense, childStart,
// kids, states numbered breadth-first): fail links, dense rows, and each state's outputs —
// its own (ownOuts[ownStart[s]:ownStart[s+1]]) and whether it inherits any through its fail
// link. One pass in state order works because a fail link always points to an earlier state. This
// runs when rules are compiled (go generate, the evaluation's subsets); compiled/*.bin keeps
// its results, so loading does not.
func (m *matcher) link(ownStart, ownOuts []int32) {
	n := len(m.childStart) - 1
	nc := int(m.nclass)
	fail := make([]int32, n)
	dense := make([]int32, int(m.ndense)*nc)
	outStart := make([]uint32, n+1)
	// step is the transition from state s on class c, over the tables built so far.
	step := func(s int32, c uint16) int32 {
		for {
			if s < m.ndense {
				return dense[s*m.nclass+int32(c)] - 1
			}
			for i := m.childStart[s]; i < m.childStart[s+1]; i++ {
				if uint16(m.kids[i]) == c {
					return i + 1
				}
			}
			s = fail[s]
		}
	}
	for i := int32(0); int(i) < n; i++ {
		// Outputs: the state's own; what it inherits from its fail state, already known.
		outStart[i] = uint32(ownStart[i])<<2 | inheritNone
		if f := fail[i]; i > 0 && (ownStart[f] != ownStart[f+1] || outStart[f]&3 == inheritSome) {
			outStart[i] = outStart[i]&^3 | inheritSome
		}
		if i < m.ndense {
			row := dense[int(i)*nc : int(i+1)*nc]
			if i > 0 {
				copy(row, dense[int(fail[i])*nc:int(fail[i]+1)*nc])
			} else {
				for c := range row {
					row[c] = 1 // the root
				}
			}
			for j := m.childStart[i]; j < m.childStart[i+1]; j++ {
				row[m.kids[j]] = j + 2
			}
		}
		if i > 0 {
			for j := m.childStart[i]; j < m.childStart[i+1]; j++ {
				fail[j+1] = step(fail[i], uint16(m.kids[j]))
			}
		}
	}
	outStart[n] = uint32(ownStart[n]) << 2
	for i := range fail {
		fail[i]++
	}
	m.dense = newCells(len(dense), n)
	for i, v := range dense {
		m.dense.set(int32(i), uint32(v))
	}
	m.fail, m.outStart, m.outs = fail, outStart, packInts(ownOuts)
}

// failOf is state s's fail link (s > 0), derived on first use when the matcher was loaded.
// Safe for concurrent use: a link is stored once known, and whoever derives it derives the same.
func (m *matcher) failOf(s int32) int32 {
	if f := atomic.LoadInt32(&m.fail[s]); f != 0 {
		return f - 1
	}
	return m.deriveFail(s)
}

// deriveFail works out state s's fail link as link did: the transition from its parent's fail
// state on its byte class; the root's children fail to the root. Everything it asks about is an
// earlier state than s, so it ends; a link that would not be earlier (damaged tables, never
// the compiled ones: TestCompiledRules derives every link and compares) is taken as the root.
//
//go:noinline
func (m *matcher) deriveFail(s int32) int32 {
	lo := m.parent(s)
	t := int32(0)
	if lo > 0 {
		t = m.step(m.failOf(lo), uint16(m.kids[s-1]))
		if t < 0 || t >= s {
			t = 0
		}
	}
	atomic.StoreInt32(&m.fail[s], t+1)
	return t
}

// parent is state s's parent (s > 0): the last state whose children start at or before s-1
// (child j is state j+1).
func (m *matcher) parent(s int32) int32 {
	lo, hi := int32(0), s-1 // childStart[lo] ≤ s-1; the parent is in [lo, hi]
	for lo < hi {
		mid := int32(uint32(lo+hi+1) >> 1)
		if m.childStart[mid] <= s-1 {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// cells is a table of small non-negative integers that start at 0 and are each set once, from
// any goroutine: a loaded matcher's dense transitions (next state plus one). Two 16-bit cells
// share a 32-bit word when every value fits (the rule sets there are: half the memory, ≈ 0.4 MB
// less for the event rules), else each cell has its word. Reads and writes are atomic (a plain
// load in WebAssembly, see loadState); a cell is set by OR-ing it into its word, right because
// it is 0 or already holds the same value.
type cells struct {
	w     []uint32
	shift uint8  // 1: two cells a word; 0: one
	mask  uint32 // 0xFFFF or 0xFFFFFFFF
}

// newCells makes n cells of 0 for values up to max.
func newCells(n, max int) cells {
	if max < 0xFFFF {
		return cells{w: make([]uint32, (n+1)/2), shift: 1, mask: 0xFFFF}
	}
	return cells{w: make([]uint32, n), mask: 0xFFFFFFFF}
}

// get is cell i.
func (c cells) get(i int32) uint32 {
	return loadState(&c.w[uint32(i)>>c.shift]) >> ((uint32(i) & uint32(c.shift)) << 4) & c.mask
}

// set makes cell i v (v ≤ the max given to newCells; the cell 0 or v already).
func (c cells) set(i int32, v uint32) {
	atomic.OrUint32(&c.w[uint32(i)>>c.shift], v<<((uint32(i)&uint32(c.shift))<<4))
}

// nextOf is the transition from dense state s (< ndense) on byte class c, derived on first use
// when the matcher was loaded. Safe for concurrent use, as failOf.
func (m *matcher) nextOf(s int32, c uint16) int32 {
	if t := m.dense.get(s*m.nclass + int32(c)); t != 0 {
		return int32(t) - 1
	}
	return m.deriveNext(s, c)
}

// deriveNext works out the transition from dense state s on class c as link did: s's child on c
// if it has one, else the transition from its fail state (an earlier state, dense too: it is
// shallower), else the root. Everything it asks about is an earlier state than s or s's
// children, so it ends.
//
//go:noinline
func (m *matcher) deriveNext(s int32, c uint16) int32 {
	t := int32(-1)
	for i := m.childStart[s]; i < m.childStart[s+1]; i++ {
		if uint16(m.kids[i]) == c {
			t = i + 1
			break
		}
	}
	if t < 0 {
		t = 0
		if s > 0 {
			if f := m.failOf(s); f < s {
				t = m.nextOf(f, c)
			}
		}
	}
	m.dense.set(s*m.nclass+int32(c), uint32(t+1))
	return t
}

// step is the automaton's transition from state s on byte class c.
func (m *matcher) step(s int32, c uint16) int32 {
	for {
		if s < m.ndense {
			return m.nextOf(s, c)
		}
		for i := m.childStart[s]; i < m.childStart[s+1]; i++ {
			if uint16(m.kids[i]) == c {
				return i + 1
			}
		}
		s = m.failOf(s)
	}
}

// A hit is one occurrence of a pattern in a text: where it ends, how many words start before
// that end, and in which clause it is (see normalize: a clause break is two spaces).
type hit struct {
	id     int32
	end    uint16 // byte offset just past the match (normalised texts stay far below 64 KB)
	words  uint16 // word starts in text[:end]; each Han, Kana or Hangul character is a word
	clause uint16
}

// isWordStart tells whether text[i] starts a word: a letter after a space, or any Han, Kana
// or Hangul character (those scripts have no spaces to count).
func isWordStart(text []byte, i int) bool {
	b := text[i]
	if b >= 0xE3 && b <= 0xED {
		return true
	}
	return b != ' ' && (b < 0x80 || b >= 0xC0) && i > 0 && text[i-1] == ' '
}

// scanHits records in hits every occurrence of every pattern in text, in the order they end,
// and returns how many; past len(hits) further occurrences are dropped. Words and clauses are
// left to countWords, which only texts with a negator need.
func (m *matcher) scanHits(text []byte, hits []hit) int {
	if len(text) > 0xFFFF {
		text = text[:0xFFFF]
	}
	n := 0
	s := int32(0)
	nc, ndense := m.nclass, m.ndense
	dense, outStart := m.dense, m.outStart
	for i, b := range text {
		if s < ndense { // the common case, inline
			c := m.class[b]
			if t := dense.get(s*nc + int32(c)); t != 0 {
				s = int32(t) - 1
			} else {
				s = m.deriveNext(s, c)
			}
		} else {
			s = m.step(s, m.class[b])
		}
		// Most states have no outputs and inherit none: own outputs start where the next
		// state's do, and the low bits say inheritNone.
		if loadState(&outStart[s])^inheritNone != loadState(&outStart[s+1])&^3 {
			n = m.appendHits(s, uint16(i+1), hits, n)
		}
	}
	return n
}

// countWords fills in each hit's words and clause (hits in the order they end): one pass over
// the text, a word starting at each letter after a space and at each Han, Kana or Hangul
// character, a clause at each double space.
func countWords(text []byte, hits []hit) {
	words, clause := uint16(0), uint16(0)
	prevSpace := false
	k := 0
	for i, b := range text {
		if b == ' ' {
			if prevSpace {
				clause++
			}
			prevSpace = true
		} else {
			if (b >= 0xE3 && b <= 0xED) || prevSpace && (b < 0x80 || b >= 0xC0) {
				words++
			}
			prevSpace = false
		}
		for k < len(hits) && int(hits[k].end) == i+1 {
			hits[k].words, hits[k].clause = words, clause
			k++
		}
		if k == len(hits) {
			return
		}
	}
}
