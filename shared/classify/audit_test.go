package classify

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// The vocabularies' labels were each given by one annotator. They were annotated again, blind
// (the text and carrier only, under the labelling spec dev.csv was made with), and where the two
// differed a third blind annotation decided: a label two of the three gave is the row's label,
// and a three-way split keeps the first. The README in testdata/audit tells how; annotations.csv
// holds the second and third annotation of every vocabulary text, changed.csv the rows whose
// label the majority changed, overrides.csv the few codes whose carrier-documented meaning
// decides over a reading of the words alone.

// annotation is a text's second and third label ("" where no third was asked).
type annotation struct{ second, third taxonomy.ParcelStatus }

type auditKey struct{ file, carrier, code, text string }

type audit struct {
	byText map[string]annotation
	was    map[auditKey]taxonomy.ParcelStatus // the first label of the rows the audit changed
	nwas   int                                // changed.csv's rows (a vocabulary may hold a row twice)
	// override: the label a carrier's own meaning of a code gives where the blind majority,
	// reading the words alone, differs (overrides.csv, each with its reason).
	override map[auditKey]taxonomy.ParcelStatus
}

func readAudit(t testing.TB) audit {
	t.Helper()
	a := audit{byText: map[string]annotation{}, was: map[auditKey]taxonomy.ParcelStatus{}, override: map[auditKey]taxonomy.ParcelStatus{}}
	for _, r := range readCSV(t, "testdata/audit/annotations.csv") {
		a.byText[r["message"]] = annotation{taxonomy.ParcelStatus(r["second"]), taxonomy.ParcelStatus(r["third"])}
	}
	for _, r := range readCSV(t, "testdata/audit/changed.csv") {
		a.was[auditKey{r["file"], r["carrier"], r["code"], r["message"]}] = taxonomy.ParcelStatus(r["was"])
		a.nwas++
	}
	for _, r := range readCSV(t, "testdata/audit/overrides.csv") {
		if strings.TrimSpace(r["reason"]) == "" {
			t.Fatalf("overrides.csv: %q has no reason", r["message"])
		}
		k := auditKey{r["file"], r["carrier"], r["code"], r["message"]}
		a.override[k] = taxonomy.ParcelStatus(r["label"])
		if _, ok := a.was[k]; !ok {
			a.was[k] = taxonomy.ParcelStatus(r["was"]) // the first label, where the majority kept it
		}
	}
	return a
}

func keyOf(r *vocabRow) auditKey {
	return auditKey{filepath.Base(r.file), r.carrier, r.code, strings.TrimSpace(r.text)}
}

// first is the row's label before the audit.
func (a audit) first(r *vocabRow) taxonomy.ParcelStatus {
	if l, ok := a.was[keyOf(r)]; ok {
		return l
	}
	return r.label
}

// disputed: three annotations, three different labels.
func (a audit) disputed(r *vocabRow) bool {
	n, ok := a.byText[strings.TrimSpace(r.text)]
	first := a.first(r)
	return ok && n.third != "" && n.second != first && n.third != first && n.second != n.third
}

// firstTwoAgree: the first two annotations gave the same label (the development set's rule:
// only rows two annotators agreed on are kept).
func (a audit) firstTwoAgree(r *vocabRow) bool {
	n, ok := a.byText[strings.TrimSpace(r.text)]
	return ok && n.second == a.first(r)
}

// TestAuditApplied: every vocabulary text has its second annotation, every disagreement its
// third, and each row's label is the one the majority rule gives.
func TestAuditApplied(t *testing.T) {
	a := readAudit(t)
	changed := 0
	for _, f := range vocabFiles(t) {
		for i := range f.rows {
			r := &f.rows[i]
			text := strings.TrimSpace(r.text)
			if text == "" {
				continue
			}
			n, ok := a.byText[text]
			if !ok {
				t.Errorf("%s:%d: %q has no second annotation (testdata/audit/annotations.csv)", r.file, r.line, text)
				continue
			}
			first := a.first(r)
			majority := first
			switch {
			case n.second == first:
			case n.third == "":
				t.Errorf("%s:%d: %q: first %s, second %s, and no third annotation", r.file, r.line, text, first, n.second)
			case n.third == n.second:
				majority = n.second
			}
			want := majority
			if o, ok := a.override[keyOf(r)]; ok {
				want = o
			}
			if !n.second.Valid() || n.third != "" && !n.third.Valid() {
				t.Errorf("%q: invalid annotation %q / %q", text, n.second, n.third)
			}
			if r.label != want {
				t.Errorf("%s:%d: %q is labelled %s; first %s, second %s, third %s (and overrides.csv) give %s", r.file, r.line, text, r.label, first, n.second, n.third, want)
			}
			if majority != first {
				changed++
			}
		}
	}
	if changed != a.nwas {
		t.Errorf("%d rows changed by the audit, changed.csv lists %d", changed, a.nwas)
	}
}

// agreedOutcomes keeps the outcomes of rows outside the vocabularies (dev.csv and our own
// sets), of the vocabulary rows without a text (a bare code: nothing to annotate, the table's
// own meaning) and of the vocabulary rows keep accepts.
func agreedOutcomes(outs []outcome, keep func(*vocabRow) bool) []outcome {
	return outcomesWhere(outs, func(r *vocabRow) bool {
		return !strings.HasPrefix(r.file, "vocab/") || strings.TrimSpace(r.text) == "" || keep(r)
	})
}
