package classify

import (
	"math/rand"
	"sort"
	"strings"
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
