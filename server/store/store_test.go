package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/server/store"
	"github.com/orderwatch/orderwatch/server/store/storetest"
)

// TestMigrations runs the migrations on a fresh database and again on the migrated one.
func TestMigrations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		for run := 0; run < 2; run++ {
			db, err := store.Open(context.Background(), dsn)
			if err != nil {
				t.Fatalf("open #%d: %v", run+1, err)
			}
			got, err := db.AppliedMigrations(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			want := make([]int, store.SchemaVersion())
			for i := range want {
				want[i] = i + 1
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("open #%d: migrations mismatch (-want +got):\n%s", run+1, diff)
			}
			for _, table := range []string{"users", "sessions", "refresh_tokens", "orders", "applied_mutations"} {
				if !db.Gorm().Migrator().HasTable(table) {
					t.Errorf("table %s missing", table)
				}
			}
			if !db.Gorm().Migrator().HasIndex("orders", "orders_user_version") {
				t.Error("the (user_id, version) index that pulls rely on is missing")
			}
			db.Close()
		}
	})
}

// TestSQLitePragmas checks that every connection, writer and readers, gets WAL, FULL sync,
// a busy timeout and foreign keys.
func TestSQLitePragmas(t *testing.T) {
	db := storetest.Open(t, storetest.Databases()[0].DSN(t))
	for _, p := range []struct{ pragma, want string }{
		{"journal_mode", "wal"}, {"synchronous", "2"}, {"busy_timeout", "10000"}, {"foreign_keys", "1"},
	} {
		var got string
		if err := db.Gorm().Raw("PRAGMA " + p.pragma).Scan(&got).Error; err != nil {
			t.Fatal(err)
		}
		if strings.ToLower(got) != p.want {
			t.Errorf("PRAGMA %s = %q, want %q", p.pragma, got, p.want)
		}
	}
	if !strings.Contains(store.SQLiteDSN("/x/y.db", false), "_txlock=immediate") {
		t.Error("the writer does not take the write lock at BEGIN")
	}
}
