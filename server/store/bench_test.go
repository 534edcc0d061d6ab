package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/server"
	"github.com/orderwatch/orderwatch/server/store/storetest"
	"github.com/orderwatch/orderwatch/shared/order"
)

// BenchmarkPush100 measures one push of 100 new orders through the store (no HTTP).
func BenchmarkPush100(b *testing.B) {
	db := storetest.Open(b, storetest.Databases()[0].DSN(b))
	ctx := context.Background()
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	u, err := db.CreateUser(ctx, "bench@example.com", "x", now)
	if err != nil {
		b.Fatal(err)
	}
	var o order.Order
	json.Unmarshal([]byte(`{"order_date":"2026-02-21","shipping_method":"AliExpress Standard Shipping","parcels":[{"numbers":[{"number":"LP00123456789012"}],"events":[{"time":"2026-02-23T10:05:00+08:00","text":"Accepted by carrier"},{"time":"2026-02-25T02:10:00+08:00","text":"Departed from departure country/region"}]}]}`), &o)
	n := 0
	defer reportCPU(b)()
	for b.Loop() {
		muts := make([]server.Mutation, 100)
		for i := range muts {
			n++
			oo := o
			oo.ID = fmt.Sprintf("8%015d", n)
			muts[i] = server.Mutation{ID: fmt.Sprint("m", n), OrderID: oo.ID, Op: server.OpUpsert, Patch: server.Patch{SetOrder: true, Order: &oo, SetNote: true, Note: "n"}, Fingerprint: []byte{1}}
		}
		if _, err := db.Push(ctx, u.ID, "d", muts, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPushUpdate100 measures one push that changes 100 existing orders (the note of each,
// on its current version): the common push of a browser refreshing its orders.
func BenchmarkPushUpdate100(b *testing.B) {
	db := storetest.Open(b, storetest.Databases()[0].DSN(b))
	ctx := context.Background()
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	u, err := db.CreateUser(ctx, "bench@example.com", "x", now)
	if err != nil {
		b.Fatal(err)
	}
	var o order.Order
	json.Unmarshal([]byte(`{"order_date":"2026-02-21","shipping_method":"AliExpress Standard Shipping","parcels":[{"numbers":[{"number":"LP00123456789012"}],"events":[{"time":"2026-02-23T10:05:00+08:00","text":"Accepted by carrier"},{"time":"2026-02-25T02:10:00+08:00","text":"Departed from departure country/region"}]}]}`), &o)
	versions := make([]int64, 100)
	n := 0
	push := func(first bool) {
		muts := make([]server.Mutation, 100)
		for i := range muts {
			n++
			oo := o
			oo.ID = fmt.Sprintf("8%015d", i)
			p := server.Patch{SetNote: true, Note: fmt.Sprint("n", n)}
			if first {
				p.SetOrder, p.Order = true, &oo
			}
			muts[i] = server.Mutation{ID: fmt.Sprint("m", n), OrderID: oo.ID, BaseVersion: versions[i], Op: server.OpUpsert, Patch: p, Fingerprint: []byte{1}}
		}
		res, err := db.Push(ctx, u.ID, "d", muts, now)
		if err != nil {
			b.Fatal(err)
		}
		for i, r := range res {
			if r.Status != server.StatusApplied {
				b.Fatalf("mutation %d: %s", i, r.Status)
			}
			versions[i] = r.Version
		}
	}
	push(true)
	defer reportCPU(b)()
	for b.Loop() {
		push(false)
	}
}

// reportCPU starts counting the process's CPU time; the returned function reports it per
// operation as cpu-ms/op, steadier than wall time on a shared machine.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/1e6/float64(b.N), "cpu-ms/op") }
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
