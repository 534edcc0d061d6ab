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
			var found [maxMatchedTerms * 8]int32
			n := m.scan([]byte(text), found[:])
			var got, want []string
			for _, id := range found[:n] {
				got = append(got, patterns[id])
			}
			for _, p := range patterns {
				if strings.Contains(text, p) {
					want = append(want, p)
				}
			}
			if len(want) > len(found) {
				continue // more matches than the buffer holds: not what this test is about
			}
			sort.Strings(got)
			sort.Strings(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("round %d, text %q: matches mismatch (-want +got):\n%s", round, text, diff)
			}
		}
	}
}
