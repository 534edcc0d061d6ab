package assess

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/shared/order"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

func ev(t, text, number string) order.Event {
	tm, err := order.ParseTime(t)
	if err != nil {
		panic(err)
	}
	return order.Event{Time: tm, Text: text, Number: number}
}

// TestTimelineMerge: two numbers' histories become one timeline, oldest first, with
// repeats dropped and times without a zone read in the zone of the same number's other
// events.
func TestTimelineMerge(t *testing.T) {
	o := order.Order{ID: "8200000000000001", Parcels: []order.Parcel{{
		Numbers: []order.ParcelNumber{{Number: "LP00181818181818"}, {Number: "RU123456785RU", Role: order.RoleLastMile}},
		Events: []order.Event{
			ev("2026-03-14 11:20:00", "Прибыло в место вручения", "RU123456785RU"),
			ev("2026-02-25T03:40:00+08:00", "Departed from country of origin", "LP00181818181818"),
			ev("2026-03-12T18:00:00+03:00", "Покинуло сортировочный центр", "RU123456785RU"),
			ev("2026-02-21T10:05:00+08:00", "Accepted by carrier", "LP00181818181818"),
			ev("2026-02-21T10:05:30+08:00", "accepted  by CARRIER", "LP00181818181818"), // same minute, same words
			ev("2026-02-21T02:05:00Z", "Accepted by carrier", "LP00181818181818"),       // same instant, other zone
		},
	}}}
	p := Order(o, Options{Now: testNow}).Parcels[0]
	var got []string
	for _, e := range p.Timeline {
		got = append(got, e.At.Format(time.RFC3339)+" "+e.Text)
	}
	want := []string{
		"2026-02-21T02:05:00Z Accepted by carrier",
		"2026-02-24T19:40:00Z Departed from country of origin",
		"2026-03-12T15:00:00Z Покинуло сортировочный центр",
		"2026-03-14T08:20:00Z Прибыло в место вручения", // 11:20 read at +03:00
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("timeline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p.LastUpdate == nil || !p.LastUpdate.Equal(time.Date(2026, 3, 14, 8, 20, 0, 0, time.UTC)) {
		t.Errorf("last update = %v, want the last-mile event at 08:20 UTC", p.LastUpdate)
	}
	if p.Legs[2].Name != "destination" || p.Legs[2].Number != "RU123456785RU" {
		t.Errorf("destination leg = %+v, want it carried by the last-mile number", p.Legs[2])
	}

	// A number whose events all lack a zone takes the zone of the other number of its role.
	o.Parcels[0].Numbers = append(o.Parcels[0].Numbers, order.ParcelNumber{Number: "LP00999999999999"})
	o.Parcels[0].Events = append(o.Parcels[0].Events, ev("2026-02-22 09:00:00", "Arrived at sorting center", "LP00999999999999"))
	p = Order(o, Options{Now: testNow}).Parcels[0]
	i := slices.IndexFunc(p.Timeline, func(e Event) bool { return e.Number == "LP00999999999999" })
	if i < 0 || !p.Timeline[i].At.Equal(time.Date(2026, 2, 22, 1, 0, 0, 0, time.UTC)) {
		t.Errorf("event without zone of a second origin number: index %d in %+v, want it at 01:00 UTC (read at +08:00)", i, p.Timeline)
	}
}

// TestNoiseAfterDelivery: once an event says delivered, later unrelated scans are marked
// noise and do not change the status; a return after delivery is a real event.
func TestNoiseAfterDelivery(t *testing.T) {
	base := []order.Event{
		ev("2026-03-16T14:20:00Z", "Delivered", ""),
		ev("2026-03-17T03:00:00Z", "Arrived at sorting center", ""),
	}
	o := order.Order{ID: "8200000000000001", Parcels: []order.Parcel{{Numbers: []order.ParcelNumber{{Number: "LP00999999999999"}}, Events: base}}}
	p := Order(o, Options{Now: testNow}).Parcels[0]
	if p.Timeline[0].Status != taxonomy.Delivered {
		t.Fatalf("the classifier reads %q as %s; this test needs it as delivered", base[0].Text, p.Timeline[0].Status)
	}
	if p.Status != taxonomy.Delivered || !p.Timeline[1].Noise {
		t.Errorf("status %s, later scan noise=%v; want delivered and the scan marked noise", p.Status, p.Timeline[1].Noise)
	}
	if !p.LastUpdate.Equal(time.Date(2026, 3, 16, 14, 20, 0, 0, time.UTC)) {
		t.Errorf("last update = %v, want the delivery (noise is not an update)", p.LastUpdate)
	}
	o.Parcels[0].Events = append(o.Parcels[0].Events, ev("2026-03-18T09:00:00Z", "Returned to sender", ""))
	p = Order(o, Options{Now: testNow}).Parcels[0]
	if last := p.Timeline[2]; last.Status == taxonomy.Returned || last.Status == taxonomy.Returning {
		if p.Status != last.Status || last.Noise {
			t.Errorf("a return after delivery: status %s (noise %v), want %s reported", p.Status, last.Noise, last.Status)
		}
	} else {
		t.Errorf("the classifier reads %q as %s, want a return", last.Text, last.Status)
	}
}

// FuzzAssess: any order the decoder accepts is assessed without panicking, and the
// assessment is internally consistent.
func FuzzAssess(f *testing.F) {
	paths, _ := filepath.Glob("testdata/scenarios/*.json")
	for _, p := range paths {
		if !strings.HasSuffix(p, ".golden.json") {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		o, err := order.Decode(b)
		if err != nil {
			return
		}
		a := Order(o, Options{Now: testNow})
		if a.OrderID != o.ID || len(a.Parcels) != len(o.Parcels) || a.Reasons == nil || a.Advice == nil {
			t.Fatalf("inconsistent assessment: %+v", a)
		}
		if a.Confidence < 0 || a.Confidence > 1 {
			t.Fatalf("confidence %v outside 0..1", a.Confidence)
		}
		for _, ad := range a.Advice {
			if len(ad.Steps) == 0 || ad.DeadlineText == "" {
				t.Fatalf("advice %s without steps or deadline", ad.Situation)
			}
		}
		if _, err := json.Marshal(a); err != nil {
			t.Fatalf("assessment does not encode: %v", err)
		}
	})
}

// TestDedupeSameAsOneMap: dedupe compares only the events that share a minute; it drops
// exactly what one set of (minute, text, place) keys over the whole timeline drops, on sorted
// timelines with repeats in case and spacing, untimed events, events a minute apart and
// events in the same minute with other texts.
func TestDedupeSameAsOneMap(t *testing.T) {
	oneMap := func(es []entry) []entry {
		type key struct {
			minute         int64
			timed          bool
			text, location uint64
		}
		seen := map[key]bool{}
		var out []entry
		for _, e := range es {
			k := key{timed: e.timed, text: foldHash(e.Text), location: foldHash(e.Location)}
			if e.timed {
				k.minute = e.at.Unix() / 60
			}
			if !seen[k] {
				seen[k] = true
				out = append(out, e)
			}
		}
		return out
	}
	texts := []string{"Delivered", "delivered ", "DELIVERED", "Arrived at hub", "arrived  at hub", "Прибыло", "прибыло"}
	places := []string{"", "Leeds", "LEEDS", " leeds"}
	base := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	rng := uint64(7)
	next := func(n int) int { rng = rng*6364136223846793005 + 1442695040888963407; return int(rng>>33) % n }
	dropped := 0
	for round := 0; round < 500; round++ {
		es := make([]entry, 1+next(12))
		for i := range es {
			e := &es[i]
			e.Text, e.Location = texts[next(len(texts))], places[next(len(places))]
			if next(5) > 0 {
				e.timed = true
				e.at = base.Add(time.Duration(next(4)*60+next(3)*20) * time.Second)
			}
		}
		sortEntries(es)
		want := oneMap(slices.Clone(es))
		got := dedupe(slices.Clone(es))
		dropped += len(es) - len(got)
		if len(got) != len(want) {
			t.Fatalf("round %d: dedupe kept %d, one map %d", round, len(got), len(want))
		}
		for i := range got {
			if got[i].Text != want[i].Text || got[i].Location != want[i].Location || !got[i].at.Equal(want[i].at) || got[i].timed != want[i].timed {
				t.Fatalf("round %d: event %d differs: %+v, want %+v", round, i, got[i].Event, want[i].Event)
			}
		}
	}
	if dropped == 0 {
		t.Fatal("no repeats dropped: the test says nothing")
	}
}
