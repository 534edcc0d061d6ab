package classify

import "testing"

// TestUnseen27 scores unseen27.csv (219 carrier event texts, it/pl/ru/en heavy — the terse
// official operation and status names of national posts and couriers — and 11 more languages),
// written before its author read any rule or vocabulary file, through the whole classifier
// (Event), and logs accuracy per language and every miss. First run: see the README.
//
// The floor sits a little below what the classifier reaches now, so that a regression fails
// without pinning every row; the rules alone are logged for information.
func TestUnseen27(t *testing.T) {
	const rows, floor = 210, 0.96
	set := readUnseen(t, "unseen27")
	if len(set) < rows {
		t.Fatalf("unseen27.csv has %d rows, want at least %d", len(set), rows)
	}
	acc := evaluate(t, set)
	ruleAccuracy(t, set)
	if acc < floor {
		t.Errorf("Event on unseen27.csv: %.1f%%, want at least %.0f%%", 100*acc, 100*floor)
	}
}
