package store

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/server"
	"github.com/orderwatch/orderwatch/shared/order"
)

// TestPushDerivesLikeTheCore checks that the derived fields a push stores equal
// server.Derive of the stored record, whether they came from a guess made before the
// transaction or were computed inside it: marks set by the same mutation, by a later one of
// the same push, by an earlier push, a delete in between, a conflict snapshot.
func TestPushDerivesLikeTheCore(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "derive.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	u, err := db.CreateUser(ctx, "d@example.com", "x", now)
	if err != nil {
		t.Fatal(err)
	}
	newOrder := func(id string) *order.Order {
		var o order.Order
		if err := json.Unmarshal([]byte(`{"order_date":"2026-01-05","shipping_method":"AliExpress Standard Shipping","parcels":[{"numbers":[{"number":"LP00123456789012"}],"events":[{"time":"2026-01-07T10:05:00+08:00","text":"Accepted by carrier"},{"time":"2026-01-09T02:10:00+08:00","text":"Departed from departure country/region"}]}]}`), &o); err != nil {
			t.Fatal(err)
		}
		o.ID = id
		return &o
	}
	yes, no := true, false
	const a, b, c, d = "8000000000000001", "8000000000000002", "8000000000000003", "8000000000000004"
	n := 0
	mut := func(id string, base int64, op server.Op, p server.Patch) server.Mutation {
		n++
		return server.Mutation{ID: "m" + string(rune('a'+n)), OrderID: id, BaseVersion: base, Op: op, Patch: p, Fingerprint: []byte{byte(n)}}
	}
	// Earlier push: c already received, d disputed.
	first := []server.Mutation{
		mut(c, 0, server.OpUpsert, server.Patch{SetOrder: true, Order: newOrder(c), SetReceived: true, Received: &yes}),
		mut(d, 0, server.OpUpsert, server.Patch{SetDisputeOpened: true, DisputeOpened: true}),
	}
	if _, err := db.Push(ctx, u.ID, "x", first, now); err != nil {
		t.Fatal(err)
	}
	second := []server.Mutation{
		mut(a, 0, server.OpUpsert, server.Patch{SetOrder: true, Order: newOrder(a), SetReceived: true, Received: &no, SetDisputeOpened: true, DisputeOpened: true}),
		mut(b, 0, server.OpUpsert, server.Patch{SetOrder: true, Order: newOrder(b)}),
		mut(b, 0, server.OpUpsert, server.Patch{SetReceived: true, Received: &yes}),                           // base 0: only received can conflict
		mut(c, 1, server.OpUpsert, server.Patch{SetOrder: true, Order: newOrder(c)}),                          // keeps c's received mark
		mut(d, 2, server.OpUpsert, server.Patch{SetOrder: true, Order: newOrder(d)}),                          // keeps d's dispute mark
		mut(a, 0, server.OpUpsert, server.Patch{SetNote: true, Note: "x", SetReceived: true, Received: &yes}), // conflicts: snapshot of a
	}
	res, err := db.Push(ctx, u.ID, "x", second, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got := res[5].Status; got != server.StatusConflict {
		t.Fatalf("last mutation: %s, want conflict", got)
	}
	if diff := cmp.Diff(server.Derive(a, res[5].Row.Record, now.Add(time.Hour)), res[5].Row.Derived); diff != "" {
		t.Errorf("conflict snapshot of %s: derived mismatch (-want +got):\n%s", a, diff)
	}
	for _, id := range []string{a, b, c, d} {
		row, err := db.FindOrder(ctx, u.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(server.Derive(id, row.Record, now.Add(time.Hour)), row.Derived); diff != "" {
			t.Errorf("order %s: derived mismatch (-want +got):\n%s", id, diff)
		}
	}
}
