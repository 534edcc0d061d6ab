package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/server"
	"github.com/orderwatch/orderwatch/server/store"
	"github.com/orderwatch/orderwatch/server/store/storetest"
	"gorm.io/gorm"
)

var tables = map[string]string{ // table: the order its rows are compared in
	"users": "id", "sessions": "id", "refresh_tokens": "id",
	"orders": "user_id, order_id", "applied_mutations": "user_id, mutation_id",
}

// snapshot reads every row of every table, every column.
func snapshot(t *testing.T, g *gorm.DB) map[string][]map[string]any {
	t.Helper()
	out := map[string][]map[string]any{}
	for table, order := range tables {
		var rows []map[string]any
		if err := g.Table(table).Order(order).Find(&rows).Error; err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		out[table] = rows
	}
	return out
}

// fillFirstRelease writes rows in the first release's columns, as that release wrote them
// (ids from the database's own sequences), and returns the two users' ids.
func fillFirstRelease(t *testing.T, g *gorm.DB, now time.Time) (int64, int64) {
	t.Helper()
	exec := func(q string, args ...any) {
		t.Helper()
		if err := g.Exec(q, args...).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	ids := map[string]int64{}
	for _, u := range []struct {
		email     string
		seq, hori int64
	}{{"a@example.com", 5, 2}, {"b@example.com", 1, 0}} {
		exec("INSERT INTO users (email, password_hash, seq, horizon, created_at) VALUES (?, ?, ?, ?, ?)", u.email, "$argon2id$v=19$hash-of-"+u.email, u.seq, u.hori, now)
		var id int64
		if err := g.Raw("SELECT id FROM users WHERE email = ?", u.email).Scan(&id).Error; err != nil || id == 0 {
			t.Fatalf("id of %s: %d, %v", u.email, id, err)
		}
		ids[u.email] = id
	}
	a, b := ids["a@example.com"], ids["b@example.com"]
	exec("INSERT INTO sessions (id, user_id, created_at, revoked_at) VALUES (?, ?, ?, NULL), (?, ?, ?, ?)", "sess-a", a, now, "sess-b", b, now, now.Add(time.Hour))
	hash := func(c byte) string { return fmt.Sprintf("%064x", c) }
	exec("INSERT INTO refresh_tokens (session_id, user_id, hash, parent_id, expires_at, used_at, created_at) VALUES (?, ?, ?, NULL, ?, ?, ?)", "sess-a", a, hash(1), now.Add(24*time.Hour), now, now)
	var parent int64
	if err := g.Raw("SELECT id FROM refresh_tokens WHERE hash = ?", hash(1)).Scan(&parent).Error; err != nil {
		t.Fatal(err)
	}
	exec("INSERT INTO refresh_tokens (session_id, user_id, hash, parent_id, expires_at, used_at, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)", "sess-a", a, hash(2), parent, now.Add(30*24*time.Hour), now)
	cols := "user_id, order_id, version, deleted, updated_at, order_json, received, dispute_opened, archived, note, conflicts_json, " +
		"v_order, v_received, v_dispute_opened, v_archived, v_note, v_deleted, d_status, d_stage, d_verdict, d_days_since_update, d_protection_deadline"
	ins := "INSERT INTO orders (" + cols + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	yes := true
	deadline := now.Add(10 * 24 * time.Hour)
	for _, o := range []struct {
		user            int64
		id              string
		version         int64
		deleted         bool
		json            string
		received        *bool
		note, conflicts string
		status          string
		days            *int
		deadline        *time.Time
	}{
		{a, "8214937669763641", 1, false, `{"order_id":"8214937669763641","store":"Магазин","parcels":[{"numbers":[{"number":"LP00123456789012"}]}]}`, nil, "заметка", "", "in_transit", ptr(4), &deadline},
		{a, "8214937669763642", 3, false, `{"order_id":"8214937669763642"}`, &yes, "", `[{"field":"note","lost_value":"old","at":"2026-03-01T00:00:00Z"}]`, "delivered", nil, nil},
		{a, "manual-3b241101-e2bb-4255-8caf-4136c566a962", 4, false, "", nil, "", "", "", nil, nil},
		{a, "8214937669763643", 2, true, "", nil, "", "", "", nil, nil}, // a tombstone
		{b, "8214937669763641", 1, false, `{"order_id":"8214937669763641","store":"其他商店"}`, nil, "", "", "info_received", ptr(0), nil},
	} {
		exec(ins, o.user, o.id, o.version, o.deleted, now, o.json, o.received, false, false, o.note, o.conflicts,
			o.version, 0, 0, 0, 0, 0, o.status, "", "", o.days, o.deadline)
	}
	exec("INSERT INTO applied_mutations (user_id, mutation_id, fingerprint, order_id, version, merged, created_at) VALUES (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?)",
		a, "m-1", hash(3), "8214937669763641", 1, false, now, b, "m-1", hash(4), "8214937669763641", 1, true, now)
	return a, b
}

func ptr[T any](v T) *T { return &v }

// TestUpgradeFromFirstRelease: a database written with the first release's schema (migration
// 1 only, rows in that release's columns) is opened by today's store on SQLite and PostgreSQL:
// the later migrations run, every row of every table is kept with every value, the schema then
// has everything rows.go declares, and the store reads and writes the old rows.
func TestUpgradeFromFirstRelease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		now := time.Date(2026, 3, 8, 12, 0, 0, 0, time.UTC)
		g, err := store.OpenFirstRelease(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		a, b := fillFirstRelease(t, g, now)
		before := snapshot(t, g)
		if len(store.SchemaDiff(g)) == 0 && store.SchemaVersion() > 1 {
			t.Error("the first release's schema already has everything rows.go declares: the later steps test nothing")
		}
		if s, err := g.DB(); err == nil {
			s.Close()
		}

		db := storetest.Open(t, dsn)
		got, err := db.AppliedMigrations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := seq(store.SchemaVersion()); !slices.Equal(got, want) {
			t.Errorf("applied migrations %v, want %v", got, want)
		}
		if diff := store.SchemaDiff(db.Gorm()); len(diff) > 0 {
			t.Errorf("upgraded schema differs from rows.go:\n%v", diff)
		}
		if diff := cmp.Diff(before, snapshot(t, db.Gorm())); diff != "" {
			t.Errorf("rows changed by the upgrade (-before +after):\n%s", diff)
		}
		for table, rows := range before {
			if len(rows) == 0 {
				t.Errorf("%s: no rows written, nothing tested", table)
			}
		}

		// The store reads the old rows and writes next to them.
		if err := db.CheckSession(ctx, a, "sess-a"); err != nil {
			t.Errorf("session of the first release: %v", err)
		}
		rows, err := db.FindOrders(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || rows[0].Record.Order == nil || rows[0].Record.Order.Store != "Магазин" || rows[0].Record.Note != "заметка" ||
			rows[1].Record.Marks.Received == nil || len(rows[1].Record.Conflicts) != 1 {
			t.Errorf("orders of user a after the upgrade: %d rows, first %+v", len(rows), rows[0])
		}
		res, err := db.Push(ctx, b, "dev", []server.Mutation{{ID: "m-2", OrderID: "8214937669763642", Op: server.OpUpsert,
			Patch: server.Patch{SetNote: true, Note: "new"}, Fingerprint: []byte("fp")}}, now.Add(time.Hour))
		if err != nil || len(res) != 1 || res[0].Status != server.StatusApplied || res[0].Version != 2 {
			t.Errorf("push after the upgrade: %+v, %v", res, err)
		}
		u, err := db.CreateUser(ctx, "c@example.com", "hash", now)
		if err != nil || u.ID == a || u.ID == b {
			t.Errorf("new user after the upgrade: %+v, %v", u, err)
		}
		if n, err := db.PurgeTombstones(ctx, now.Add(time.Minute)); err != nil || n != 1 {
			t.Errorf("purge after the upgrade: %d rows, %v; want the one tombstone", n, err)
		}
	})
}

// TestSchemaFollowsRows: a new database has every column and index the row types declare and
// no other column, and the hand-written INSERT statements name exactly the table's columns.
func TestSchemaFollowsRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		if diff := store.SchemaDiff(db.Gorm()); len(diff) > 0 {
			t.Errorf("schema differs from rows.go:\n%v", diff)
		}
		for table, cols := range store.InsertColumns() {
			cts, err := db.Gorm().Migrator().ColumnTypes(table)
			if err != nil {
				t.Fatal(err)
			}
			var have []string
			for _, c := range cts {
				have = append(have, c.Name())
			}
			if !slices.Equal(slices.Sorted(slices.Values(cols)), slices.Sorted(slices.Values(have))) {
				t.Errorf("INSERT INTO %s names %v; the table has %v", table, cols, have)
			}
		}
	})
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}
