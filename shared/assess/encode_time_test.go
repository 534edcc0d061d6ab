package assess

import (
	"encoding/json"
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

// An event's "at" is copied from its "time" when the two texts are the same (sameText); for
// every pair of these times and zones the event encodes as encoding/json writes it.
func TestEncoderEventTimes(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("", 0), time.FixedZone("Z0", 0), time.FixedZone("", 8*3600), time.FixedZone("", -30)}
	var times []time.Time
	for _, z := range zones {
		times = append(times, time.Date(2026, 3, 20, 9, 30, 0, 0, z), time.Date(2026, 3, 20, 9, 30, 0, 5, z), time.Date(10000, 1, 1, 0, 0, 0, 0, z), time.Date(-1, 1, 1, 0, 0, 0, 0, z))
	}
	copied := 0
	for _, tm := range times {
		for _, at := range append([]time.Time{tm.UTC(), tm.Add(time.Second).UTC(), tm}, times[:4]...) {
			for _, ot := range []order.Time{{Time: tm}, {Time: tm, NoZone: true}, {}} {
				for _, atp := range []*time.Time{&at, nil} {
					ev := Event{Time: ot, At: atp, Text: "x", Status: "in_transit", Confidence: 0.5}
					want, wantErr := json.Marshal(ev)
					e := &encoder{}
					e.event(&ev)
					if (wantErr != nil) != (e.err != nil) || wantErr == nil && string(e.b) != string(want) {
						t.Fatalf("event time %+v at %v: encoder %s (%v), encoding/json %s (%v)", ot, atp, e.b, e.err, want, wantErr)
					}
					if atp != nil && sameText(ot, *atp) {
						copied++
					}
				}
			}
		}
	}
	if copied == 0 {
		t.Fatal("no event had the same time and at: the copy was not tested")
	}
}
