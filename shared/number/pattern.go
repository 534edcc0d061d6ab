package number

import (
	"fmt"
	"strconv"
)

// pattern is a compiled regular expression in the dialect of jkeen/tracking_number_data:
// Ruby/Onigmo syntax with named groups and look-ahead ((?=…), (?!…)). Go's regexp has no
// look-ahead, and stripping it would change what matches (USPS IMpb uses it to pick the
// shipper-id length; DHL eCommerce to demand a digit), so the patterns run on this small
// backtracking matcher instead. Backtracking gives the same leftmost-first answers and
// captures as Ruby, look-ahead included. It only has to handle short, space-free inputs:
// callers prefilter by length and first byte, and a step budget bounds pathological cases.
//
// Supported: literals, escapes (\s \d \w \b \B and escaped punctuation), classes with ranges
// and negation, ., ^, $, groups ((…), (?:…), (?<name>…), (?P<name>…)), alternation,
// quantifiers (* + ? {n} {n,} {n,m}, each optionally lazy), (?=…) and (?!…).
type pattern struct {
	src    string
	prog   []inst
	names  []string // capture slot i/2 is names[i/2]
	minLen int      // bounds on the length of a whitespace-free match
	maxLen int      // -1: unbounded
	first  byteSet  // bytes a whitespace-free match can start with
	empty  bool     // the pattern can match the empty string
	letter bool     // every match contains a letter
}

// maxSteps bounds one match attempt; no pattern in the data comes near it on inputs of the
// lengths Parse lets through.
const maxSteps = 20000

type opcode uint8

const (
	opByte    opcode = iota // consume one byte in set
	opSplit                 // try x, then y
	opJmp                   // go to x
	opSave                  // caps[n] = pos
	opBegin                 // ^
	opEnd                   // $
	opWord                  // \b
	opNotWord               // \B
	opLook                  // look-ahead: body at x, continue at y; neg inverts
	opLookEnd               // body of a look-ahead matched
	opMatch
)

type inst struct {
	op  opcode
	neg bool
	n   int // capture slot for opSave
	x   int
	y   int
	set *byteSet
}

type byteSet [4]uint64

func (s *byteSet) has(b byte) bool { return s[b>>6]&(1<<(b&63)) != 0 }
func (s *byteSet) add(b byte)      { s[b>>6] |= 1 << (b & 63) }
func (s *byteSet) addRange(lo, hi int) {
	for c := lo; c <= hi; c++ {
		s.add(byte(c))
	}
}
func (s *byteSet) union(o *byteSet) {
	for i := range s {
		s[i] |= o[i]
	}
}
func (s *byteSet) invert() {
	for i := range s {
		s[i] = ^s[i]
	}
}
func (s *byteSet) isEmpty() bool { return s[0]|s[1]|s[2]|s[3] == 0 }

// onlySpace reports whether the set matches whitespace and nothing else: such an atom never
// matches in a normalised (space-free) input.
func (s *byteSet) onlySpace() bool {
	var sp byteSet
	for _, c := range " \t\n\v\f\r" {
		sp.add(byte(c))
	}
	for i := range s {
		if s[i]&^sp[i] != 0 {
			return false
		}
	}
	return !s.isEmpty()
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z'
}

// node is the parsed form of a pattern.
type node struct {
	kind     nodeKind
	set      byteSet
	subs     []*node
	min, max int    // repeat bounds; max -1 = unbounded
	lazy     bool   // repeat
	neg      bool   // look-ahead
	name     string // group
	capture  bool   // group
	assertOp opcode
}

type nodeKind uint8

const (
	nByte nodeKind = iota
	nConcat
	nAlt
	nGroup
	nRepeat
	nLook
	nAssert
)

type patternParser struct {
	src   string
	pos   int
	names []string
}

// compilePattern parses and compiles a pattern.
func compilePattern(src string) (*pattern, error) {
	p := &patternParser{src: src}
	root, err := p.alt()
	if err != nil {
		return nil, fmt.Errorf("number: pattern %q: %w", src, err)
	}
	if p.pos != len(src) {
		return nil, fmt.Errorf("number: pattern %q: unexpected %q at %d", src, src[p.pos], p.pos)
	}
	c := &compiler{}
	c.emit(root)
	c.prog = append(c.prog, inst{op: opMatch})
	pat := &pattern{src: src, prog: c.prog, names: p.names}
	pat.minLen, pat.maxLen = lengths(root)
	var nullable bool
	pat.first, nullable = firstSet(root)
	pat.empty = nullable && pat.minLen == 0
	pat.letter = needsLetter(root)
	return pat, nil
}

func (p *patternParser) more() bool { return p.pos < len(p.src) }
func (p *patternParser) peek() byte { return p.src[p.pos] }

func (p *patternParser) alt() (*node, error) {
	var alts []*node
	for {
		c, err := p.concat()
		if err != nil {
			return nil, err
		}
		alts = append(alts, c)
		if p.more() && p.peek() == '|' {
			p.pos++
			continue
		}
		break
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return &node{kind: nAlt, subs: alts}, nil
}

func (p *patternParser) concat() (*node, error) {
	n := &node{kind: nConcat}
	for p.more() && p.peek() != '|' && p.peek() != ')' {
		a, err := p.repeat()
		if err != nil {
			return nil, err
		}
		n.subs = append(n.subs, a)
	}
	return n, nil
}

func (p *patternParser) repeat() (*node, error) {
	a, err := p.atom()
	if err != nil {
		return nil, err
	}
	for p.more() {
		min, max := -1, -1
		switch p.peek() {
		case '*':
			min, max = 0, -1
			p.pos++
		case '+':
			min, max = 1, -1
			p.pos++
		case '?':
			min, max = 0, 1
			p.pos++
		case '{':
			var ok bool
			min, max, ok = p.braces()
			if !ok {
				return a, nil
			}
		default:
			return a, nil
		}
		if a.kind == nLook || a.kind == nAssert {
			return nil, fmt.Errorf("quantifier after zero-width assertion at %d", p.pos)
		}
		r := &node{kind: nRepeat, subs: []*node{a}, min: min, max: max}
		if p.more() && p.peek() == '?' {
			r.lazy = true
			p.pos++
		}
		if max >= 0 && (max < min || max > 1000) {
			return nil, fmt.Errorf("bad repeat {%d,%d}", min, max)
		}
		a = r
	}
	return a, nil
}

// braces parses {n}, {n,} or {n,m}; ok is false when the brace is a literal.
func (p *patternParser) braces() (min, max int, ok bool) {
	end := p.pos + 1
	for end < len(p.src) && p.src[end] != '}' {
		end++
	}
	if end == len(p.src) {
		return 0, 0, false
	}
	body := p.src[p.pos+1 : end]
	lo, hi, comma := body, "", false
	for i := 0; i < len(body); i++ {
		if body[i] == ',' {
			lo, hi, comma = body[:i], body[i+1:], true
			break
		}
	}
	min, err := strconv.Atoi(lo)
	if err != nil || min > 1000 {
		return 0, 0, false
	}
	switch {
	case !comma:
		max = min
	case hi == "":
		max = -1
	default:
		max, err = strconv.Atoi(hi)
		if err != nil {
			return 0, 0, false
		}
	}
	p.pos = end + 1
	return min, max, true
}

func (p *patternParser) atom() (*node, error) {
	c := p.peek()
	switch c {
	case '(':
		return p.group()
	case '[':
		return p.class()
	case '.':
		p.pos++
		n := &node{kind: nByte}
		n.set.invert()
		n.set[0] &^= 1 << '\n'
		return n, nil
	case '^':
		p.pos++
		return &node{kind: nAssert, assertOp: opBegin}, nil
	case '$':
		p.pos++
		return &node{kind: nAssert, assertOp: opEnd}, nil
	case '\\':
		p.pos++
		if !p.more() {
			return nil, fmt.Errorf("trailing backslash")
		}
		e := p.peek()
		p.pos++
		switch e {
		case 'b':
			return &node{kind: nAssert, assertOp: opWord}, nil
		case 'B':
			return &node{kind: nAssert, assertOp: opNotWord}, nil
		}
		n := &node{kind: nByte}
		if err := escapeSet(e, &n.set); err != nil {
			return nil, err
		}
		return n, nil
	case '*', '+', '?', ')':
		return nil, fmt.Errorf("unexpected %q at %d", c, p.pos)
	}
	p.pos++
	n := &node{kind: nByte}
	n.set.add(c)
	return n, nil
}

// escapeSet adds what \e stands for to s.
func escapeSet(e byte, s *byteSet) error {
	switch e {
	case 's':
		for _, c := range " \t\n\v\f\r" {
			s.add(byte(c))
		}
	case 'S':
		var t byteSet
		escapeSet('s', &t)
		t.invert()
		s.union(&t)
	case 'd':
		s.addRange('0', '9')
	case 'D':
		var t byteSet
		t.addRange('0', '9')
		t.invert()
		s.union(&t)
	case 'w':
		s.addRange('0', '9')
		s.addRange('A', 'Z')
		s.addRange('a', 'z')
		s.add('_')
	case 'n':
		s.add('\n')
	case 't':
		s.add('\t')
	default:
		if isWordByte(e) {
			return fmt.Errorf("unsupported escape \\%c", e)
		}
		s.add(e)
	}
	return nil
}

func (p *patternParser) group() (*node, error) {
	p.pos++ // (
	g := &node{kind: nGroup}
	if p.more() && p.peek() == '?' {
		p.pos++
		if !p.more() {
			return nil, fmt.Errorf("unterminated group")
		}
		switch p.peek() {
		case ':':
			p.pos++
		case '=', '!':
			g = &node{kind: nLook, neg: p.peek() == '!'}
			p.pos++
		case '<', 'P':
			if p.peek() == 'P' {
				p.pos++
			}
			if !p.more() || p.peek() != '<' {
				return nil, fmt.Errorf("bad group at %d", p.pos)
			}
			p.pos++
			start := p.pos
			for p.more() && p.peek() != '>' {
				if !isWordByte(p.peek()) {
					return nil, fmt.Errorf("bad group name at %d", p.pos)
				}
				p.pos++
			}
			if !p.more() || p.pos == start {
				return nil, fmt.Errorf("bad group name at %d", start)
			}
			g.name, g.capture = p.src[start:p.pos], true
			p.pos++
			if !containsString(p.names, g.name) {
				p.names = append(p.names, g.name)
			}
		default:
			return nil, fmt.Errorf("unsupported group syntax at %d", p.pos)
		}
	}
	// Unnamed groups do not capture: as in Ruby once a pattern has named groups, and only
	// named groups are read here.
	body, err := p.alt()
	if err != nil {
		return nil, err
	}
	if !p.more() || p.peek() != ')' {
		return nil, fmt.Errorf("missing )")
	}
	p.pos++
	g.subs = []*node{body}
	return g, nil
}

func (p *patternParser) class() (*node, error) {
	p.pos++ // [
	n := &node{kind: nByte}
	negate := false
	if p.more() && p.peek() == '^' {
		negate = true
		p.pos++
	}
	firstItem := true
	for {
		if !p.more() {
			return nil, fmt.Errorf("missing ]")
		}
		c := p.peek()
		if c == ']' && !firstItem {
			p.pos++
			break
		}
		firstItem = false
		p.pos++
		if c == '\\' {
			if !p.more() {
				return nil, fmt.Errorf("trailing backslash")
			}
			e := p.peek()
			p.pos++
			if err := escapeSet(e, &n.set); err != nil {
				return nil, err
			}
			continue
		}
		if p.pos+1 < len(p.src) && p.peek() == '-' && p.src[p.pos+1] != ']' {
			hi := p.src[p.pos+1]
			if hi < c {
				return nil, fmt.Errorf("bad range %c-%c", c, hi)
			}
			n.set.addRange(int(c), int(hi))
			p.pos += 2
			continue
		}
		n.set.add(c)
	}
	if negate {
		n.set.invert()
	}
	return n, nil
}

type compiler struct {
	prog  []inst
	slots map[string]int
}

func (c *compiler) add(i inst) int {
	c.prog = append(c.prog, i)
	return len(c.prog) - 1
}

func (c *compiler) slot(name string) int {
	if c.slots == nil {
		c.slots = map[string]int{}
	}
	if s, ok := c.slots[name]; ok {
		return s
	}
	s := len(c.slots)
	c.slots[name] = s
	return s
}

func (c *compiler) emit(n *node) {
	switch n.kind {
	case nByte:
		set := n.set
		c.add(inst{op: opByte, set: &set})
	case nConcat:
		for _, s := range n.subs {
			c.emit(s)
		}
	case nAlt:
		var jumps []int
		for i, s := range n.subs {
			if i < len(n.subs)-1 {
				split := c.add(inst{op: opSplit})
				c.prog[split].x = len(c.prog)
				c.emit(s)
				jumps = append(jumps, c.add(inst{op: opJmp}))
				c.prog[split].y = len(c.prog)
			} else {
				c.emit(s)
			}
		}
		for _, j := range jumps {
			c.prog[j].x = len(c.prog)
		}
	case nGroup:
		if !n.capture {
			c.emit(n.subs[0])
			return
		}
		s := c.slot(n.name)
		c.add(inst{op: opSave, n: 2 * s})
		c.emit(n.subs[0])
		c.add(inst{op: opSave, n: 2*s + 1})
	case nLook:
		look := c.add(inst{op: opLook, neg: n.neg})
		c.prog[look].x = len(c.prog)
		c.emit(n.subs[0])
		c.add(inst{op: opLookEnd})
		c.prog[look].y = len(c.prog)
	case nAssert:
		c.add(inst{op: n.assertOp})
	case nRepeat:
		body := n.subs[0]
		for i := 0; i < n.min; i++ {
			c.emit(body)
		}
		if n.max < 0 {
			// L: split body, out; body; jmp L
			loop := c.add(inst{op: opSplit})
			c.prog[loop].x = len(c.prog)
			c.emit(body)
			c.add(inst{op: opJmp, x: loop})
			c.setSplit(loop, len(c.prog), n.lazy)
			return
		}
		// Optional copies nest, so backing off is linear: split a, end; a; split b, end; b; … end
		var splits []int
		for i := n.min; i < n.max; i++ {
			s := c.add(inst{op: opSplit})
			c.prog[s].x = len(c.prog)
			splits = append(splits, s)
			c.emit(body)
		}
		for _, s := range splits {
			c.setSplit(s, len(c.prog), n.lazy)
		}
	}
}

// setSplit finishes a split whose x is the body: greedy tries the body first.
func (c *compiler) setSplit(s, out int, lazy bool) {
	c.prog[s].y = out
	if lazy {
		c.prog[s].x, c.prog[s].y = out, c.prog[s].x
	}
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// needsLetter reports whether every match must contain a letter (in a fixed place, e.g. the
// "1Z" of UPS or the country of S10): such a format is distinctive even when its check digit
// fails, so the failure is worth reporting as a likely typo.
func needsLetter(n *node) bool {
	switch n.kind {
	case nByte:
		var digits, letters byteSet
		digits.addRange('0', '9')
		letters.addRange('A', 'Z')
		letters.addRange('a', 'z')
		hasDigit, hasLetter := false, false
		for i := range n.set {
			hasDigit = hasDigit || n.set[i]&digits[i] != 0
			hasLetter = hasLetter || n.set[i]&letters[i] != 0
		}
		return hasLetter && !hasDigit
	case nConcat:
		for _, s := range n.subs {
			if needsLetter(s) {
				return true
			}
		}
		return false
	case nAlt:
		for _, s := range n.subs {
			if !needsLetter(s) {
				return false
			}
		}
		return len(n.subs) > 0
	case nGroup:
		return needsLetter(n.subs[0])
	case nRepeat:
		return n.min > 0 && needsLetter(n.subs[0])
	}
	return false
}

// lengths returns the bounds on the length of a match in a whitespace-free input.
func lengths(n *node) (int, int) {
	switch n.kind {
	case nByte:
		if n.set.onlySpace() || n.set.isEmpty() {
			return 0, 0 // never matches; counted as zero so bounds stay conservative
		}
		return 1, 1
	case nConcat:
		lo, hi := 0, 0
		for _, s := range n.subs {
			a, b := lengths(s)
			lo += a
			if hi >= 0 {
				if b < 0 {
					hi = -1
				} else {
					hi += b
				}
			}
		}
		return lo, hi
	case nAlt:
		lo, hi := -1, 0
		for _, s := range n.subs {
			a, b := lengths(s)
			if lo < 0 || a < lo {
				lo = a
			}
			if hi >= 0 && (b < 0 || b > hi) {
				hi = b
			}
		}
		return lo, hi
	case nGroup:
		return lengths(n.subs[0])
	case nRepeat:
		a, b := lengths(n.subs[0])
		lo := a * n.min
		switch {
		case b == 0:
			return lo, 0
		case b < 0 || n.max < 0:
			return lo, -1
		}
		return lo, b * n.max
	}
	return 0, 0 // look-ahead, assertions
}

// firstSet returns the bytes a whitespace-free match can start with, and whether the node can
// match without consuming anything.
func firstSet(n *node) (byteSet, bool) {
	var set byteSet
	switch n.kind {
	case nByte:
		if n.set.onlySpace() {
			return set, false
		}
		return n.set, false
	case nConcat:
		for _, s := range n.subs {
			f, nullable := firstSet(s)
			set.union(&f)
			if !nullable {
				return set, false
			}
		}
		return set, true
	case nAlt:
		nullable := false
		for _, s := range n.subs {
			f, e := firstSet(s)
			set.union(&f)
			nullable = nullable || e
		}
		return set, nullable
	case nGroup:
		return firstSet(n.subs[0])
	case nRepeat:
		f, e := firstSet(n.subs[0])
		return f, e || n.min == 0
	}
	return set, true
}

// matcher holds the state of one match attempt; it is reused to avoid allocations.
type matcher struct {
	prog  []inst
	s     string
	caps  []int
	steps int
}

// fitsLength reports whether a whitespace-free match can be n bytes long.
func (p *pattern) fitsLength(n int) bool {
	return n >= p.minLen && (p.maxLen < 0 || n <= p.maxLen)
}

// fullMatch reports whether the whole of s matches, filling caps (2 per named group, -1 when
// unset). caps must have room for 2*len(p.names).
func (p *pattern) fullMatch(s string, caps []int) bool {
	if !p.fitsLength(len(s)) {
		return false
	}
	if len(s) == 0 {
		if !p.empty {
			return false
		}
	} else if !p.first.has(s[0]) {
		return false
	}
	for i := range caps {
		caps[i] = -1
	}
	m := matcher{prog: p.prog, s: s, caps: caps}
	return m.run(0, 0, true)
}

// find reports whether the pattern matches anywhere in s (Ruby's =~).
func (p *pattern) find(s string) bool {
	var caps [8]int
	c := caps[:0]
	if n := 2 * len(p.names); n <= len(caps) {
		c = caps[:n]
	} else {
		c = make([]int, n)
	}
	for start := 0; start <= len(s); start++ {
		for i := range c {
			c[i] = -1
		}
		m := matcher{prog: p.prog, s: s, caps: c}
		if m.runFrom(start) {
			return true
		}
	}
	return false
}

func (m *matcher) runFrom(start int) bool { return m.run(0, start, false) }

// run executes from pc at pos. With full set, opMatch succeeds only at the end of s.
func (m *matcher) run(pc, pos int, full bool) bool {
	for {
		m.steps++
		if m.steps > maxSteps {
			return false
		}
		in := &m.prog[pc]
		switch in.op {
		case opByte:
			if pos >= len(m.s) || !in.set.has(m.s[pos]) {
				return false
			}
			pos++
			pc++
		case opSplit:
			if m.run(in.x, pos, full) {
				return true
			}
			pc = in.y
		case opJmp:
			pc = in.x
		case opSave:
			old := m.caps[in.n]
			m.caps[in.n] = pos
			if m.run(pc+1, pos, full) {
				return true
			}
			m.caps[in.n] = old
			return false
		case opBegin:
			if pos != 0 {
				return false
			}
			pc++
		case opEnd:
			if pos != len(m.s) {
				return false
			}
			pc++
		case opWord, opNotWord:
			before := pos > 0 && isWordByte(m.s[pos-1])
			after := pos < len(m.s) && isWordByte(m.s[pos])
			if (before != after) != (in.op == opWord) {
				return false
			}
			pc++
		case opLook:
			// The body runs on its own: it succeeds at opLookEnd wherever that is reached.
			ok := m.run(in.x, pos, false)
			if ok == in.neg {
				return false
			}
			pc = in.y
		case opLookEnd:
			return true
		case opMatch:
			return !full || pos == len(m.s)
		}
	}
}
