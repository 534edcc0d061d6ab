package assess

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/order"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

const propertyOrders = 300

// TestShuffleInvariance: the order in which a carrier lists its events never changes the
// assessment.
func TestShuffleInvariance(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range propertyOrders {
		o := genOrder(r, i, testNow)
		want := mustJSON(t, Order(o, Options{Now: testNow}))
		for range 3 {
			s := cloneOrder(o)
			for _, p := range s.Parcels {
				r.Shuffle(len(p.Events), func(a, b int) { p.Events[a], p.Events[b] = p.Events[b], p.Events[a] })
			}
			if got := mustJSON(t, Order(s, Options{Now: testNow})); got != want {
				t.Fatalf("order %d: shuffled events changed the assessment (-want +got):\n%s", i, cmp.Diff(want, got))
			}
		}
		// Newest first, as many tracking pages list them (sortEntries reverses such a list
		// instead of sorting it), and oldest first.
		for _, dir := range []int{-1, 1} {
			s := cloneOrder(o)
			for _, p := range s.Parcels {
				slices.SortStableFunc(p.Events, func(a, b order.Event) int { return dir * a.Time.Compare(b.Time.Time) })
			}
			if got := mustJSON(t, Order(s, Options{Now: testNow})); got != want {
				t.Fatalf("order %d: events in time order (%d) changed the assessment (-want +got):\n%s", i, dir, cmp.Diff(want, got))
			}
		}
	}
}

// TestOlderEventKeepsStatus: an event older than the one that set a parcel's status never
// changes that status. Terminal events are left out on purpose: a "delivered" before later
// scans makes those scans noise, by design.
func TestOlderEventKeepsStatus(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	checked := 0
	for i := range propertyOrders {
		o := genOrder(r, i, testNow)
		before := Order(o, Options{Now: testNow})
		for pi, p := range before.Parcels {
			setAt := statusTime(p)
			if setAt == nil {
				continue
			}
			for range 3 {
				ev := genEvents[r.IntN(3)]
				line := ev[r.IntN(len(ev))]
				older := order.Event{
					Time:     order.Time{Time: setAt.Add(-time.Duration(r.IntN(20*24)+1) * time.Minute * 60)},
					Text:     line.text,
					Location: line.location,
					Carrier:  line.carrier,
					Number:   o.Parcels[pi].Numbers[0].Number,
				}
				s := cloneOrder(o)
				s.Parcels[pi].Events = append(s.Parcels[pi].Events, older)
				after := Order(s, Options{Now: testNow})
				added := after.Parcels[pi].Timeline
				if st := statusOf(added, older); st.Terminal() {
					continue
				}
				checked++
				if got, want := after.Parcels[pi].Status, p.Status; got != want {
					t.Fatalf("order %d parcel %d: adding older event %q at %v changed status %s → %s",
						i, pi, older.Text, older.Time.Time, want, got)
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d older events were checked; the generator makes too few timed parcels", checked)
	}
}

// statusTime is the instant of the latest event that set the parcel's status: the last
// non-noise event whose status equals the parcel's.
func statusTime(p Parcel) *time.Time {
	for i := len(p.Timeline) - 1; i >= 0; i-- {
		e := p.Timeline[i]
		if !e.Noise && e.Status == p.Status && e.At != nil {
			return e.At
		}
	}
	return nil
}

func statusOf(tl []Event, e order.Event) taxonomy.ParcelStatus {
	for _, x := range tl {
		if x.Text == e.Text && x.At != nil && x.At.Equal(e.Time.Time) {
			return x.Status
		}
	}
	return taxonomy.Unknown
}

func cloneOrder(o order.Order) order.Order {
	c := o
	c.Parcels = make([]order.Parcel, len(o.Parcels))
	for i, p := range o.Parcels {
		c.Parcels[i] = p
		c.Parcels[i].Events = append([]order.Event(nil), p.Events...)
	}
	return c
}

func mustJSON(t testing.TB, a Assessment) string {
	t.Helper()
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// benchAccount is the generated 100-order account of the benchmarks.
func benchAccount() ([]order.Order, int) {
	r := rand.New(rand.NewPCG(5, 6))
	orders := make([]order.Order, 100)
	events := 0
	for i := range orders {
		orders[i] = genOrder(r, i, testNow)
		for _, p := range orders[i].Parcels {
			events += len(p.Events)
		}
	}
	return orders, events
}

// BenchmarkClassifyAccount classifies the events of the same account alone, to tell the
// classifier's share of BenchmarkAssessAccount from the rest.
func BenchmarkClassifyAccount(b *testing.B) {
	orders, _ := benchAccount()
	var in []classify.Input
	for _, o := range orders {
		for _, p := range o.Parcels {
			for _, e := range p.Events {
				in = append(in, classify.Input{Text: e.Text, Carrier: e.Carrier, Code: e.Code, Lang: e.Lang})
			}
		}
	}
	start := cpuTime()
	for b.Loop() {
		for _, e := range in {
			classify.Event(e)
		}
	}
	if used := cpuTime() - start; used > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkAssessAccount assesses a realistic 100-order account (generated, fixed seed).
func BenchmarkAssessAccount(b *testing.B) {
	orders, events := benchAccount()
	start := cpuTime()
	for b.Loop() {
		for _, o := range orders {
			Order(o, Options{Now: testNow})
		}
	}
	if used := cpuTime() - start; used > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
	b.ReportMetric(float64(events), "events/account")
}
