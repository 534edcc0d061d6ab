package evidence

import (
	"regexp"
	"strings"
	"testing"
)

// trackable is the loop form of ^[A-Za-z0-9-]{4,64}$ (the pattern it replaced): both agree on
// lengths around the bounds and on every byte.
func TestTrackableMatchesPattern(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z0-9-]{4,64}$`)
	cases := []string{"", "RB12", "RB1", "LP00123456789012-CN", "RB 123", "RB12\n", "ÄB123", "ab-cd_ef", strings.Repeat("A", 64), strings.Repeat("A", 65)}
	for c := 0; c < 256; c++ {
		cases = append(cases, "AB1"+string(rune(c)), "AB1"+string([]byte{byte(c)}))
	}
	for _, s := range cases {
		if got, want := trackable(s), re.MatchString(s); got != want {
			t.Errorf("trackable(%q) = %v, the pattern says %v", s, got, want)
		}
	}
}
