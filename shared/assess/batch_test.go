package assess

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
	"unsafe"

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

// A memo kept across batches: each distinct event classified once over all of them, every
// answer Order's, and never more inputs kept than its bound.
func TestBatchMemoAcrossBatches(t *testing.T) {
	orders := batchOrders(60)
	now := time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC)
	calls := map[classify.Input]int{}
	count := func(in classify.Input) classify.Result {
		calls[in]++
		return classify.Event(in)
	}
	for _, bound := range []int{1 << 10, 3} {
		clear(calls)
		memo := NewEventMemo(bound, count)
		for round := range 3 {
			later := now.Add(time.Duration(round) * 36 * time.Hour)
			got := BatchMemo(orders, Options{Now: later}, memo)
			for i, o := range orders {
				a := Order(o, Options{Now: later})
				want, _ := a.AppendJSON(nil)
				have, _ := got[i].AppendJSON(nil)
				if !bytes.Equal(want, have) {
					t.Fatalf("bound %d, round %d, order %d: memoised batch differs from Order:\n%s\n%s", bound, round, i, have, want)
				}
			}
			if memo.Len() > bound {
				t.Fatalf("bound %d: %d inputs kept", bound, memo.Len())
			}
		}
		for in, n := range calls {
			if bound > len(calls) && n != 1 {
				t.Errorf("bound %d: %q classified %d times in 3 batches", bound, in.Text, n)
			}
		}
	}
}

// The memo keeps copies: a key or result never points into the caller's text (in the
// WebAssembly core, a whole request's JSON).
func TestEventMemoCopies(t *testing.T) {
	request := strings.Repeat("x", 1000) + "Delivered|ups|D1|en"
	base := uintptr(unsafe.Pointer(unsafe.StringData(request)))
	inside := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return len(s) > 0 && p >= base && p < base+uintptr(len(request))
	}
	in := classify.Input{Text: request[1000:1009], Carrier: request[1010:1013], Code: request[1014:1016], Lang: request[1017:]}
	echo := func(in classify.Input) classify.Result { // a result made of the input's own strings
		return classify.Result{Status: "delivered", Lang: in.Lang, Rule: in.Code, Reason: in.Carrier}
	}
	memo := NewEventMemo(8, echo)
	if got, want := memo.Event(in), echo(in); got != want {
		t.Fatalf("Event = %+v, want %+v", got, want)
	}
	for k, r := range memo.m {
		for _, s := range []string{k.Text, k.Carrier, k.Code, k.Lang, r.Lang, r.Rule, r.Reason} {
			if inside(s) {
				t.Errorf("memo keeps %q inside the caller's text", s)
			}
		}
		if k != in || r != echo(in) {
			t.Errorf("memo holds %+v → %+v, want %+v → %+v", k, r, in, echo(in))
		}
	}
	if got := memo.Event(in); got != echo(in) {
		t.Fatalf("memoised Event = %+v", got)
	}
}
