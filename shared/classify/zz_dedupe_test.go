package classify

import (
	"regexp"
	"testing"
)

// Scratch (never commit): fresh rows repeating a TEST-half text or carrier code.
func TestZZDedupe(t *testing.T) {
	p := readPool(t)
	re := regexp.MustCompile(`-(2[3-9]|3[2-9])\.csv$`)
	key := func(s string) string { b, _ := normalize(nil, s); return string(b) }
	test, codes := map[string]bool{}, map[string]bool{}
	for _, r := range p.rows {
		if testHalf(r.source) && r.text != "" {
			test[key(r.text)] = true
		}
		if testHalf(r.source) && r.code != "" {
			codes[r.carrier+"\x00"+r.code] = true
		}
	}
	for _, r := range p.rows {
		if !re.MatchString(r.file) {
			continue
		}
		if r.text != "" && test[key(r.text)] {
			t.Logf("DROP text %s:%d", r.file, r.line)
		} else if r.code != "" && codes[r.carrier+"\x00"+r.code] {
			t.Logf("DROP code %s:%d", r.file, r.line)
		}
	}
}
