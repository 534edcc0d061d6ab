package classify

// matcher finds every one of a fixed set of byte patterns in a text in one pass: an
// Aho–Corasick automaton compiled to a dense table over byte classes, so each input byte costs
// one table lookup whatever the number of rules. Built once, read-only after, so it is safe for
// concurrent use.
type matcher struct {
	class    [256]uint16 // byte → class; class 0 is every byte no pattern uses
	nclass   int
	delta    []int32 // state*nclass + class → next state
	outStart []int32 // state → first index in outs; outStart[state+1] ends it
	outs     []int32 // pattern ids ending at each state (own and inherited through fail links)
}

func newMatcher(patterns []string) *matcher {
	m := &matcher{}
	used := [256]bool{}
	for _, p := range patterns {
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
	// The trie, with sparse children while building.
	type node struct {
		next map[uint16]int32
		out  []int32
		fail int32
	}
	nodes := []node{{next: map[uint16]int32{}}}
	for id, p := range patterns {
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := m.class[p[i]]
			n, ok := nodes[s].next[c]
			if !ok {
				n = int32(len(nodes))
				nodes = append(nodes, node{next: map[uint16]int32{}})
				nodes[s].next[c] = n
			}
			s = n
		}
		nodes[s].out = append(nodes[s].out, int32(id))
	}
	// Breadth-first: fail links and the dense transition table.
	nc := m.nclass
	m.delta = make([]int32, len(nodes)*nc)
	queue := make([]int32, 0, len(nodes))
	for c := 0; c < nc; c++ {
		if n, ok := nodes[0].next[uint16(c)]; ok {
			m.delta[c] = n
			nodes[n].fail = 0
			queue = append(queue, n)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := nodes[s].fail
		nodes[s].out = append(nodes[s].out, nodes[f].out...)
		for c := 0; c < nc; c++ {
			if n, ok := nodes[s].next[uint16(c)]; ok {
				nodes[n].fail = m.delta[int(f)*nc+c]
				m.delta[int(s)*nc+c] = n
				queue = append(queue, n)
			} else {
				m.delta[int(s)*nc+c] = m.delta[int(f)*nc+c]
			}
		}
	}
	m.outStart = make([]int32, len(nodes)+1)
	for i, n := range nodes {
		m.outStart[i] = int32(len(m.outs))
		m.outs = append(m.outs, n.out...)
	}
	m.outStart[len(nodes)] = int32(len(m.outs))
	return m
}

// scan calls found for every pattern occurrence in text, in the order they end.
func (m *matcher) scan(text []byte, found func(id int32)) {
	s := int32(0)
	nc := int32(m.nclass)
	for _, b := range text {
		s = m.delta[s*nc+int32(m.class[b])]
		for i := m.outStart[s]; i < m.outStart[s+1]; i++ {
			found(m.outs[i])
		}
	}
}
