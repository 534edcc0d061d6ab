package assess

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/order"
)

// batchOrders builds orders that share event texts, as an account's orders do.
func batchOrders(n int) []order.Order {
	texts := []string{"Departed from sorting center", "Arrived at destination country", "Out for delivery", "Delivered", "Доставлено", "Custom clearance started", "包裹已签收"}
	base := time.Date(2026, 1, 10, 10, 0, 0, 0, time.UTC)
	out := make([]order.Order, n)
	for i := range out {
		var evs []order.Event
		for k := 0; k <= i%len(texts); k++ {
			evs = append(evs, order.Event{Time: order.Time{Time: base.Add(time.Duration(24*k) * time.Hour)}, Text: texts[(i+k)%len(texts)]})
		}
		out[i] = order.Order{
			ID:         fmt.Sprintf("8000000000%04d", i),
			StatusText: "Awaiting delivery",
			Parcels:    []order.Parcel{{Numbers: []order.ParcelNumber{{Number: "RB123456785GB"}}, Events: evs}},
		}
	}
	return out
}

// A batch answers exactly what Order answers for each order, byte for byte.
func TestBatchSameAsOrder(t *testing.T) {
	orders := batchOrders(40)
	now := time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC)
	got := Batch(orders, Options{Now: now})
	if len(got) != len(orders) {
		t.Fatalf("%d assessments for %d orders", len(got), len(orders))
	}
	for i, o := range orders {
		a := Order(o, Options{Now: now})
		want, err := a.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		have, err := got[i].AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, have) {
			t.Fatalf("order %d: batch differs from Order:\n%s\n%s", i, have, want)
		}
	}
}

// Each distinct event is classified once per batch, however many orders repeat it.
func TestBatchClassifiesEachEventOnce(t *testing.T) {
	orders := batchOrders(60)
	calls := map[classify.Input]int{}
	count := func(in classify.Input) classify.Result {
		calls[in]++
		return classify.Event(in)
	}
	Batch(orders, Options{Now: time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC), Events: count})
	total := 0
	for _, o := range orders {
		for _, p := range o.Parcels {
			total += len(p.Events)
		}
	}
	if len(calls) == 0 || len(calls) >= total {
		t.Fatalf("%d distinct inputs classified for %d events: no sharing", len(calls), total)
	}
	for in, n := range calls {
		if n != 1 {
			t.Errorf("%q classified %d times in one batch", in.Text, n)
		}
	}
}
