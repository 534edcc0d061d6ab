package classify

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// ruleStatus is what the phrase rules alone say of a text: no carrier code, no vocabulary, no
// model. The rule engine's own figures are measured on it.
func ruleStatus(in Input) (taxonomy.ParcelStatus, string) {
	var buf [512]byte
	text, _ := normalize(buf[:0], in.Text)
	m := eventRules.match(text, langHint(in.Lang))
	if m.best == nil {
		return taxonomy.Unknown, "none"
	}
	return taxonomy.ParcelStatus(m.best.status), m.best.id()
}

// ruleAccuracy scores a labelled set with the rules alone and logs every miss.
func ruleAccuracy(t *testing.T, set []labelled) float64 {
	t.Helper()
	ok := 0
	var misses []string
	for _, s := range set {
		got, rule := ruleStatus(s.in)
		if got == s.label {
			ok++
		} else {
			misses = append(misses, fmt.Sprintf("  %s want %-19s got %-19s %-44.44q rule %s", s.in.Lang, s.label, got, s.in.Text, rule))
		}
	}
	acc := float64(ok) / float64(len(set))
	t.Logf("rules alone: %.1f%% (%d/%d); misses:\n%s", 100*acc, ok, len(set), strings.Join(misses, "\n"))
	return acc
}

// TestUnseen25Accuracy scores the blind sets written for the rule engine work, the whole of
// each, with the rules alone (the carriers' vocabulary is compiled from the testdata sets, so
// Event would recite them):
//   - unseen25.csv (155 rows: spacing variants in Hangul and Han, negations, participles and
//     verbal nouns, carrier jargon, Turkish, Hebrew and Japanese wording), written before the
//     engine changed: 51.0% (79/155) on its first run;
//   - unseen26.csv (76 rows, the same languages and Czech), written after the engine changed
//     and before any rule was added for it: 90.8% (69/76) on its first run, where the rules
//     before this work reach 53.9% (41/76).
//
// The floors sit a little below what the rules reach now, so that a regression fails without
// pinning every row.
func TestUnseen25Accuracy(t *testing.T) {
	for _, tt := range []struct {
		name  string
		rows  int
		floor float64
	}{
		{name: "unseen25", rows: 150, floor: 0.93},
		{name: "unseen26", rows: 70, floor: 0.93},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set := readUnseen(t, tt.name)
			if len(set) < tt.rows {
				t.Fatalf("%s.csv has %d rows, want at least %d", tt.name, len(set), tt.rows)
			}
			if acc := ruleAccuracy(t, set); acc < tt.floor {
				t.Errorf("rules alone on %s.csv: %.1f%%, want at least %.0f%%", tt.name, 100*acc, 100*tt.floor)
			}
			evaluate(t, set) // for information: the whole classifier
		})
	}
}

// TestRulesAloneOnDev logs the rules' own accuracy on dev.csv and the older held-out sets, so
// that a change to the engine shows what it does without the vocabulary in front of it.
func TestRulesAloneOnDev(t *testing.T) {
	var dev []labelled
	for _, r := range readCSV(t, "testdata/dev.csv") {
		dev = append(dev, labelled{in: Input{Text: r["message"], Carrier: r["carrier"], Lang: r["language"]}, label: taxonomy.ParcelStatus(r["label"])})
	}
	if acc := ruleAccuracy(t, dev); acc < 0.9 {
		t.Errorf("rules alone on dev.csv: %.1f%%, want at least 90%%", 100*acc)
	}
	var held []labelled
	names, err := filepath.Glob("testdata/unseen*.csv")
	if err != nil || len(names) == 0 {
		t.Fatalf("held-out sets: %v (%d)", err, len(names))
	}
	for _, name := range names {
		if name = strings.TrimSuffix(filepath.Base(name), ".csv"); name != "unseen25" && name != "unseen26" {
			held = append(held, readUnseen(t, name)...)
		}
	}
	if acc := ruleAccuracy(t, held); acc < 0.9 {
		t.Errorf("rules alone on unseen..unseen24: %.1f%%, want at least 90%%", 100*acc)
	}
}
