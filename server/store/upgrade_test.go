package store_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/server"
	"github.com/orderwatch/orderwatch/server/store"
	"github.com/orderwatch/orderwatch/server/store/storetest"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
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

// plainOpen opens dsn without the store (no migrations).
func plainOpen(t *testing.T, dsn string) *gorm.DB {
	t.Helper()
	d := sqlite.Open(store.SQLiteDSN(dsn, false))
	if store.IsPostgres(dsn) {
		d = postgres.Open(dsn)
	}
	g, err := gorm.Open(d, &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := g.DB(); err == nil {
			s.Close()
		}
	})
	return g
}

// firstReleaseDB makes dsn the database the first release wrote: testdata/first_release.*,
// made by that release's own store code (testdata/first_release_writer.go.txt): two users,
// sessions with a rotated and a revoked refresh token, orders with Cyrillic, Chinese and Hebrew
// text, marks, a note with a conflict entry, a tombstone, applied mutations.
func firstReleaseDB(t *testing.T, dsn string) *gorm.DB {
	t.Helper()
	if !store.IsPostgres(dsn) {
		src, err := os.Open("testdata/first_release_sqlite.bin")
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		dst, err := os.Create(dsn)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(dst, src); err != nil {
			t.Fatal(err)
		}
		if err := dst.Close(); err != nil {
			t.Fatal(err)
		}
		return plainOpen(t, dsn)
	}
	dump, err := os.ReadFile("testdata/first_release.postgres.sql")
	if err != nil {
		t.Fatal(err)
	}
	g := plainOpen(t, dsn)
	for _, stmt := range strings.Split(string(dump), ";\n") {
		if strings.TrimSpace(stripComments(stmt)) == "" {
			continue
		}
		if err := g.Exec(stmt).Error; err != nil {
			t.Fatalf("load the first release's dump: %s: %v", stmt, err)
		}
	}
	return g
}

func stripComments(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// TestUpgradeFromFirstRelease: a database written by the first release is opened by today's
// store, on SQLite and PostgreSQL: the later migrations run, every row of every table is kept
// with every value, the schema then has everything rows.go declares, and the store reads the
// old rows and writes next to them.
func TestUpgradeFromFirstRelease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		now := time.Date(2026, 3, 8, 12, 0, 0, 0, time.UTC)
		old := firstReleaseDB(t, dsn)
		before := snapshot(t, old)
		for table, rows := range before {
			if len(rows) == 0 {
				t.Errorf("%s: no rows in the first release's database, nothing tested", table)
			}
		}
		if len(store.SchemaDiff(old)) == 0 && store.SchemaVersion() > 1 {
			t.Error("the first release's schema already has everything rows.go declares: the later steps test nothing")
		}
		var sessionA string
		if err := old.Raw("SELECT id FROM sessions WHERE user_id = 1 AND revoked_at IS NULL").Scan(&sessionA).Error; err != nil || sessionA == "" {
			t.Fatalf("user 1's session: %q, %v", sessionA, err)
		}
		if s, err := old.DB(); err == nil {
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

		// The store reads the old rows and writes next to them.
		if err := db.CheckSession(ctx, 1, sessionA); err != nil {
			t.Errorf("session of the first release: %v", err)
		}
		rows, err := db.FindOrders(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		byID := map[string]*server.OrderRow{}
		for _, r := range rows {
			byID[r.OrderID] = r
		}
		o1, o2 := byID["8214937669763641"], byID["8214937669763642"]
		if len(rows) != 3 || o1 == nil || o1.Record.Order == nil || o1.Record.Order.Store != "Магазин электроники" || o1.Record.Note != "заметка" ||
			o2 == nil || o2.Record.Order.Parcels[0].Events[0].Text != "החבילה נמסרה" || o2.Record.Marks.Received == nil || len(o2.Record.Conflicts) != 1 {
			t.Errorf("user 1's orders after the upgrade: %d rows: %+v", len(rows), rows)
		}
		res, err := db.Push(ctx, 2, "dev", []server.Mutation{{ID: "m-2", OrderID: "8214937669763642", Op: server.OpUpsert,
			Patch: server.Patch{SetNote: true, Note: "new"}, Fingerprint: []byte("fp")}}, now.Add(time.Hour))
		if err != nil || len(res) != 1 || res[0].Status != server.StatusApplied || res[0].Version != 2 {
			t.Errorf("push after the upgrade: %+v, %v", res, err)
		}
		res, err = db.Push(ctx, 1, "dev-a", []server.Mutation{{ID: "m-1", OrderID: "8214937669763641", Op: server.OpUpsert,
			Patch: server.Patch{SetNote: true, Note: "заметка"}, Fingerprint: []byte("other")}}, now.Add(time.Hour))
		if err != nil || len(res) != 1 || res[0].Status == server.StatusApplied {
			t.Errorf("a first-release mutation id with another payload: %+v, %v; want it refused, not applied again", res, err)
		}
		u, err := db.CreateUser(ctx, "c@example.com", "hash", now)
		if err != nil || u.ID <= 2 {
			t.Errorf("new user after the upgrade: %+v, %v", u, err)
		}
		if n, err := db.PurgeTombstones(ctx, now.Add(time.Hour)); err != nil || n != 1 {
			t.Errorf("purge after the upgrade: %d rows, %v; want the one tombstone", n, err)
		}
	})
}

// TestFirstMigrationIsTheFirstRelease: migration 1 creates exactly the tables, columns (names,
// types, nullability) and indexes the first release's own code created.
func TestFirstMigrationIsTheFirstRelease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		old := firstReleaseDB(t, dsn)
		want := schemaOf(t, old)
		fresh := filepath.Join(t.TempDir(), "v1.db")
		if store.IsPostgres(dsn) {
			fresh = storetest.Databases()[1].DSN(t)
		}
		g, err := store.OpenFirstRelease(context.Background(), fresh)
		if err != nil {
			t.Fatal(err)
		}
		defer func() {
			if s, err := g.DB(); err == nil {
				s.Close()
			}
		}()
		if diff := cmp.Diff(want, schemaOf(t, g)); diff != "" {
			t.Errorf("migration 1 differs from the first release's schema (-release +migration 1):\n%s", diff)
		}
	})
}

// schemaOf lists each table's columns with their type and nullability, and its indexes.
func schemaOf(t *testing.T, g *gorm.DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	m := g.Migrator()
	for table := range tables {
		cts, err := m.ColumnTypes(table)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cts {
			null, _ := c.Nullable()
			out[table] = append(out[table], fmt.Sprintf("%s %s null=%v", c.Name(), strings.ToLower(c.DatabaseTypeName()), null))
		}
		idx, err := m.GetIndexes(table)
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range idx {
			unique, _ := i.Unique()
			out[table] = append(out[table], fmt.Sprintf("index %s %v unique=%v", i.Name(), i.Columns(), unique))
		}
		slices.Sort(out[table])
	}
	return out
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
