package classify

import (
	"encoding/csv"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// labelled is one row of a labelled set.
type labelled struct {
	in    Input
	label taxonomy.ParcelStatus
}

func readDev(t testing.TB) []labelled {
	t.Helper()
	rows := readCSV(t, "testdata/dev.csv")
	var out []labelled
	for _, r := range rows {
		// The code is left out on purpose: the figure is for reading the text, and dev.csv's
		// codes come from many carrier schemes written in its own combined notation.
		out = append(out, labelled{in: Input{Text: r["message"], Carrier: r["carrier"], Lang: r["language"]}, label: taxonomy.ParcelStatus(r["label"])})
	}
	return out
}

func readUnseen(t testing.TB, name string) []labelled {
	t.Helper()
	var out []labelled
	for _, r := range readCSV(t, "testdata/"+name+".csv") {
		out = append(out, labelled{in: Input{Text: r["text"], Lang: r["lang"]}, label: taxonomy.ParcelStatus(r["label"])})
	}
	return out
}

func readCSV(t testing.TB, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// evaluate classifies a labelled set and reports accuracy overall and per language, the
// confusion table and every miss.
func evaluate(t *testing.T, set []labelled) float64 {
	t.Helper()
	type tally struct{ ok, n int }
	perLang := map[string]*tally{}
	confusion := map[[2]taxonomy.ParcelStatus]int{}
	var misses []string
	ok := 0
	for _, s := range set {
		got := Event(s.in)
		if !got.Status.Valid() {
			t.Errorf("Event(%q) status %q is not in the taxonomy", s.in.Text, got.Status)
		}
		if v := taxonomy.VendorCodesFor(got.Status, got.Reason); v.SeventeenTrack != got.SeventeenTrack || v.AfterShip != got.AfterShip {
			t.Errorf("Event(%q): vendor codes %s/%s, want %+v", s.in.Text, got.SeventeenTrack, got.AfterShip, v)
		}
		l := s.in.Lang
		if perLang[l] == nil {
			perLang[l] = &tally{}
		}
		perLang[l].n++
		if got.Status == s.label {
			ok++
			perLang[l].ok++
		} else {
			confusion[[2]taxonomy.ParcelStatus{s.label, got.Status}]++
			misses = append(misses, fmt.Sprintf("  want %-19s got %-19s %-40.40q rule %s", s.label, got.Status, s.in.Text, got.Rule))
		}
	}
	acc := float64(ok) / float64(len(set))
	t.Logf("accuracy: %.1f%% (%d/%d)", 100*acc, ok, len(set))
	var langs []string
	for l := range perLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		p := perLang[l]
		t.Logf("  %-4s %5.1f%% (%d/%d)", l, 100*float64(p.ok)/float64(p.n), p.ok, p.n)
	}
	// The confusion table: rows are the labels, columns what the classifier said.
	var b strings.Builder
	counts := map[[2]taxonomy.ParcelStatus]int{}
	for _, s := range set {
		counts[[2]taxonomy.ParcelStatus{s.label, Event(s.in).Status}]++
	}
	b.WriteString("confusion (row = label, column = classified; diagonal = correct):\n")
	writeConfusion(&b, "", counts)
	t.Log(b.String())
	t.Logf("misses:\n%s", strings.Join(misses, "\n"))
	return acc
}

// TestCheckpointAccuracy measures the classifier (make eval): (a) on dev.csv's labelled real
// checkpoints — read while the rules were written, and in the model's training data, so
// optimistic — and, with -loso, (b) leave-one-source-out over every labelled row.
func TestCheckpointAccuracy(t *testing.T) {
	if acc := evaluate(t, readDev(t)); acc < 0.90 {
		t.Errorf("accuracy on dev.csv is %.1f%%, want at least 90%%", 100*acc)
	}
	// For information: the same rows with the carrier's own code as well (the first code
	// where dev.csv lists alternatives), so the carrier code tables take part.
	ok, n := 0, 0
	for _, r := range readCSV(t, "testdata/dev.csv") {
		code, _, _ := strings.Cut(r["code"], " | ")
		got := Event(Input{Text: r["message"], Carrier: r["carrier"], Lang: r["language"], Code: code})
		if v := taxonomy.VendorCodesFor(got.Status, got.Reason); v.SeventeenTrack != got.SeventeenTrack || v.AfterShip != got.AfterShip {
			t.Errorf("Event(%q, code %q): vendor codes %s/%s, want %+v", r["message"], code, got.SeventeenTrack, got.AfterShip, v)
		}
		n++
		if got.Status == taxonomy.ParcelStatus(r["label"]) {
			ok++
		}
	}
	t.Logf("with carrier codes: %.1f%% (%d/%d)", 100*float64(ok)/float64(n), ok, n)
	// (b) Every labelled row, each source held out in turn (eval_test.go).
	t.Run("leave-one-source-out", func(t *testing.T) {
		if !*loso {
			t.Skip("run with -loso (make eval)")
		}
		leaveOneSourceOutReport(t)
	})
}

// TestHeldOutAccuracy measures the held-out sets written for this package (testdata/README.md
// gives each set's first, blind figure). The floor is lower than for dev.csv: these sets were
// written to find the classifier's blind spots.
func TestHeldOutAccuracy(t *testing.T) {
	for _, name := range []string{"unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7", "unseen8", "unseen9", "unseen10", "unseen11", "unseen12", "unseen13", "unseen14", "unseen15", "unseen16", "unseen17", "unseen18", "unseen19", "unseen20", "unseen21", "unseen22", "unseen23", "unseen24"} {
		t.Run(name, func(t *testing.T) {
			if acc := evaluate(t, readUnseen(t, name)); acc < 0.85 {
				t.Errorf("accuracy on %s.csv is %.1f%%, want at least 85%%", name, 100*acc)
			}
		})
	}
}
