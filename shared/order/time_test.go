package order

import (
	"testing"
	"time"
)

// parseEveryLayout is ParseTime without fits: every layout tried in order, as before the
// shortcut. ParseTime must agree with it on every input.
func parseEveryLayout(s string) (Time, bool) {
	for _, l := range layouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			return Time{Time: t, NoZone: !l.zoned}, true
		}
	}
	return Time{}, false
}

// timeInputs are forms pages, carriers and the extension send, and near misses.
var timeInputs = []string{
	"2026-11-03", "2026-11-03T08:15:00Z", "0000-01-01 0:00:00Z", "2026-11-03T8:15:00-07:00", "2026-11-03T08:15:00.123+03:00", "2026-11-03T08:15:00+0300",
	"2026-11-03 08:15:00Z", "2026-11-03 08:15:00+08:00", "2026-11-03 08:15:00 -0500", "2026-11-03T08:15:00",
	"2026-11-03T08:15", "2026-11-03 08:15:00", "2026-11-03 08:15", "2026/11/03 08:15:00", "2026/11/03",
	"2026-1-03", "2026-11-3", "26-11-03", "2026-11-03x", "2026-11-03 ", "2026-11-03T", "2026.11.03",
	"+026-11-03", "2026-13-03", "2026-02-30", "2026-11-03T25:00:00Z", "１２３４-11-03", "2026-11-03\t08:15",
}

func TestParseTimeAgreesWithEveryLayout(t *testing.T) {
	for _, s := range timeInputs {
		want, ok := parseEveryLayout(s)
		got, err := ParseTime(s)
		if ok != (err == nil) || ok && (!got.Equal(want.Time) || got.NoZone != want.NoZone || got.Location().String() != want.Location().String()) {
			t.Errorf("ParseTime(%q) = %v, %v (no zone %v); every layout gives %v, %v (no zone %v)", s, got, err, got.NoZone, want, ok, want.NoZone)
		}
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range timeInputs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > maxTextLen {
			return
		}
		want, ok := parseEveryLayout(s)
		got, err := ParseTime(s)
		if ok && (err != nil || !got.Equal(want.Time) || got.NoZone != want.NoZone) {
			t.Fatalf("ParseTime(%q) = %v, %v; every layout gives %v", s, got, err, want)
		}
		if !ok && err == nil && !got.IsZero() {
			// Only Unix milliseconds (or "") parse without a layout.
			if _, perr := fromMillis(got.UnixMilli()); perr != nil {
				t.Fatalf("ParseTime(%q) = %v without a layout or milliseconds", s, got)
			}
		}
	})
}

func BenchmarkParseTime(b *testing.B) {
	for _, s := range []string{"2026-11-03", "2026-11-03 08:15:00", "2026-11-03T08:15:00Z"} {
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := ParseTime(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
