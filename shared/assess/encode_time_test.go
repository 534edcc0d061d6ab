package assess

import (
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/shared/order"
)

// The encoder writes times exactly as their MarshalJSON methods do, errors included.
func TestEncoderTimes(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("", 3*3600+30*60), time.FixedZone("", -5*3600), time.FixedZone("odd", 45), time.FixedZone("", 25*3600)}
	var times []time.Time
	for _, z := range zones {
		for _, tm := range []time.Time{
			time.Date(2026, 3, 20, 9, 30, 0, 0, z), time.Date(2026, 3, 20, 9, 30, 0, 120_000_000, z), time.Date(1, 1, 1, 0, 0, 0, 1, z),
			time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, z), time.Date(10000, 1, 1, 0, 0, 0, 0, z), time.Date(-1, 1, 1, 0, 0, 0, 0, z),
		} {
			times = append(times, tm)
		}
	}
	times = append(times, time.Time{})
	for _, tm := range times {
		want, wantErr := tm.MarshalJSON()
		e := &encoder{}
		e.time(tm)
		if (wantErr != nil) != (e.err != nil) || wantErr == nil && string(e.b) != string(want) {
			t.Errorf("time %v: encoder %s (%v), MarshalJSON %s (%v)", tm, e.b, e.err, want, wantErr)
		}
		for _, ot := range []order.Time{{Time: tm}, {Time: tm, NoZone: true}} {
			want, wantErr := ot.MarshalJSON()
			e := &encoder{}
			e.orderTime(ot)
			if (wantErr != nil) != (e.err != nil) || wantErr == nil && string(e.b) != string(want) {
				t.Errorf("order time %+v: encoder %s (%v), MarshalJSON %s (%v)", ot, e.b, e.err, want, wantErr)
			}
		}
	}
}
