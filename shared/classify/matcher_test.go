package classify

import (
	"math/rand"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The automaton finds exactly the patterns a naive substring search finds, on patterns and
// texts over a small alphabet (so that overlaps, shared prefixes and fail links are frequent)
// and with enough patterns that both dense and sparse states are used.
func TestMatcherAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	word := func(alphabet string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		return string(b)
	}
	for round := 0; round < 20; round++ {
		alphabet := "ab c"
		if round%2 == 1 {
			alphabet = "abcdefgh "
		}
		seen := map[string]bool{}
		var patterns []string
		for len(patterns) < 300 {
			p := word(alphabet, 1+rng.Intn(8))
			if !seen[p] {
				seen[p] = true
				patterns = append(patterns, p)
			}
		}
		m := newMatcher(patterns)
		for k := 0; k < 50; k++ {
			text := word(alphabet+"xyz", rng.Intn(60))
			var hits [1024]hit
			n := m.scanHits([]byte(text), hits[:])
			if n == len(hits) {
				continue // more occurrences than the buffer holds: not what this test is about
			}
			var got, want []string
			distinct := map[int32]bool{}
			for _, h := range hits[:n] {
				if p := patterns[h.id]; !strings.HasSuffix(text[:h.end], p) {
					t.Fatalf("round %d, text %q: a hit of %q ends at %d, where the text does not end with it", round, text, p, h.end)
				}
				if !distinct[h.id] {
					distinct[h.id] = true
					got = append(got, patterns[h.id])
				}
			}
			for _, p := range patterns {
				if strings.Contains(text, p) {
					want = append(want, p)
				}
			}
			sort.Strings(got)
			sort.Strings(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("round %d, text %q: matches mismatch (-want +got):\n%s", round, text, diff)
			}
		}
	}
}

// A loaded matcher derives its fail links (failOf), dense rows' transitions (nextOf) and what
// each state inherits (inheritOf) on first use, from several goroutines at once in a server: it finds exactly what the built one (every
// link and row made in advance) finds, and the links and transitions it has derived are the
// built ones. Run with -race too.
func TestMatcherLazyFails(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	word := func(alphabet string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		return string(b)
	}
	for round := 0; round < 10; round++ {
		alphabet := "ab c"
		if round%2 == 1 {
			alphabet = "abcdefgh "
		}
		var patterns []string
		for len(patterns) < 2000 {
			patterns = append(patterns, word(alphabet, 1+rng.Intn(12)))
		}
		built := newMatcher(patterns)
		lazy := *built
		lazy.fail = make([]int32, len(built.fail))
		lazy.fail[0] = 1
		lazy.outStart = make([]uint32, len(built.outStart)) // what each state inherits: not known yet
		for s, v := range built.outStart {
			lazy.outStart[s] = v &^ 3
		}
		lazy.outStart[0] |= inheritNone
		ncells := int(built.ndense * built.nclass)
		lazy.dense = newCells(ncells, len(built.childStart)-1)
		if lazy.dense.shift != 1 || len(lazy.dense.w) != len(built.dense.w) {
			t.Fatalf("round %d: %d cells in %d words, want two a word as built (%d)", round, ncells, len(lazy.dense.w), len(built.dense.w))
		}
		texts := make([]string, 400)
		for i := range texts {
			texts[i] = word(alphabet+"xy", rng.Intn(80))
		}
		var wg sync.WaitGroup
		errs := make(chan string, 4)
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := g; i < len(texts); i += 2 { // each text twice, by different goroutines
					var want, got [4096]hit
					nw := built.scanHits([]byte(texts[i]), want[:])
					ng := lazy.scanHits([]byte(texts[i]), got[:])
					if nw != ng || want != got {
						errs <- texts[i]
						return
					}
				}
			}(g)
		}
		wg.Wait()
		close(errs)
		for text := range errs {
			t.Fatalf("round %d: the loaded matcher's hits differ from the built one's on %q", round, text)
		}
		derived := 0
		for s := range lazy.fail {
			if f := atomic.LoadInt32(&lazy.fail[s]); f != 0 {
				derived++
				if f != built.fail[s] {
					t.Fatalf("round %d: state %d: derived fail link %d, built %d", round, s, f-1, built.fail[s]-1)
				}
			}
		}
		if derived < 2 {
			t.Fatalf("round %d: the texts derived %d fail links: the test does not reach the deep states", round, derived)
		}
		derived = 0
		for s, v := range lazy.outStart {
			if v&3 != 0 {
				derived++
				if v != built.outStart[s] {
					t.Fatalf("round %d: state %d: derived inheritance %d, built %d", round, s, v&3, built.outStart[s]&3)
				}
			}
		}
		if derived < 2 {
			t.Fatalf("round %d: the texts worked out what %d states inherit: the test does not reach them", round, derived)
		}
		derived = 0
		for i := int32(0); int(i) < ncells; i++ {
			if v := lazy.dense.get(i); v != 0 {
				derived++
				if w := built.dense.get(i); v != w || w == 0 {
					t.Fatalf("round %d: dense entry %d (state %d, class %d): derived %d, built %d",
						round, i, i/built.nclass, i%built.nclass, int32(v)-1, int32(w)-1)
				}
			}
		}
		if derived < 2 {
			t.Fatalf("round %d: the texts derived %d of %d dense transitions: the test does not exercise first use",
				round, derived, ncells)
		}
	}
}

// cells keep what is set in them, two to a word when the values allow it and one otherwise,
// set from several goroutines at once (each cell set twice to the same value). Run with -race too.
func TestCells(t *testing.T) {
	for _, max := range []int{0xFFFE, 0xFFFF, 1 << 20} {
		const n = 1001
		c := newCells(n, max)
		wantShift := uint8(0)
		if max < 0xFFFF {
			wantShift = 1
		}
		if c.shift != wantShift {
			t.Fatalf("max %d: shift %d, want %d", max, c.shift, wantShift)
		}
		value := func(i int32) uint32 { return uint32(i*7919)%uint32(max) + 1 }
		var wg sync.WaitGroup
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := int32(g % 2); i < n; i += 2 {
					c.set(i, value(i))
				}
			}(g)
		}
		wg.Wait()
		for i := int32(0); i < n; i++ {
			if got := c.get(i); got != value(i) {
				t.Fatalf("max %d: cell %d = %d, want %d", max, i, got, value(i))
			}
		}
	}
}
