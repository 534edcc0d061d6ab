package number

import (
	"strings"
	"testing"
)

// TestCatalogTestNumbers runs every test number of every format — all of
// jkeen/tracking_number_data's couriers and our carriers.json — through Parse: a valid one must
// come back as a valid candidate of its format, an invalid one must not.
func TestCatalogTestNumbers(t *testing.T) {
	cat := loadCatalog()
	valid, invalid := 0, 0
	for _, f := range cat.formats {
		if len(f.valid) == 0 {
			t.Errorf("format %s has no valid test numbers", f.id)
		}
		for _, n := range f.valid {
			c, ok := candidateFor(Parse(n), f.id)
			if !ok || !c.Valid {
				t.Errorf("format %s: %q should be valid for it; got %+v (found %v)", f.id, n, c, ok)
				continue
			}
			valid++
		}
		for _, n := range f.invalid {
			if c, ok := candidateFor(Parse(n), f.id); ok && c.Valid {
				t.Errorf("format %s: %q should not be valid for it; got %+v", f.id, n, c)
				continue
			}
			invalid++
		}
	}
	t.Logf("%d formats; %d valid and %d invalid test numbers pass", len(cat.formats), valid, invalid)
}

func candidateFor(r Result, format string) (Candidate, bool) {
	for _, c := range r.Candidates {
		if c.Format == format {
			return c, true
		}
	}
	return Candidate{}, false
}

// TestPatternStepsHeadroom: the matcher's step budget (maxSteps) must be far above what any
// real number, or a worst-case run of digits, needs; otherwise a valid number could be
// refused for running out of steps.
func TestPatternStepsHeadroom(t *testing.T) {
	cat := loadCatalog()
	inputs := []string{strings.Repeat("9", maxNumberLen), "420" + strings.Repeat("9", 31), "92" + strings.Repeat("1", 28)}
	for _, f := range cat.formats {
		for _, n := range append(f.valid, f.invalid...) {
			inputs = append(inputs, Normalize(n))
		}
	}
	most, which := 0, ""
	for _, f := range cat.formats {
		for _, in := range inputs {
			caps := make([]int, 2*len(f.pat.names))
			m := matcher{prog: f.pat.prog, s: in, caps: caps}
			m.run(0, 0, true)
			if m.steps > most {
				most, which = m.steps, f.id+" on "+in
			}
		}
	}
	if most > maxSteps/4 {
		t.Errorf("%s takes %d steps; the budget is %d", which, most, maxSteps)
	}
	t.Logf("most steps: %d (%s)", most, which)
}
