package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/orderwatch/orderwatch/server"
	"github.com/orderwatch/orderwatch/server/limit/limittest"
	"github.com/orderwatch/orderwatch/server/limit/postgres"
	"github.com/orderwatch/orderwatch/server/store"
	"github.com/orderwatch/orderwatch/server/store/storetest"
)

// open returns a migrated pool on a fresh schema of the test PostgreSQL (skipped without one,
// failed under CI without one: storetest's rule).
func open(t testing.TB) (*sql.DB, string) {
	t.Helper()
	var dsn string
	for _, d := range storetest.Databases() {
		if d.Name == store.Postgres {
			dsn = d.DSN(t)
		}
	}
	return openDSN(t, dsn), dsn
}

func openDSN(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := postgres.Migrate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestPostgresLimiter(t *testing.T) {
	limittest.Run(t, func(t testing.TB) server.NewLimiter {
		db, _ := open(t)
		return postgres.Factory(db)
	})
}

// TestPostgresLimiterIsShared plays two replicas: two pools, two limiters of one name on one
// database. Takes alternate between them and the bucket holds its burst, not twice it.
func TestPostgresLimiterIsShared(t *testing.T) {
	dbA, dsn := open(t)
	dbB := openDSN(t, dsn) // migrating again is harmless
	r := server.Rate{Interval: 36 * time.Second, Burst: 10}
	a, _ := postgres.Factory(dbA)("account-failures", r)
	b, _ := postgres.Factory(dbB)("account-failures", r)
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	for i := 0; i < 10; i++ {
		l := []server.Limiter{a, b}[i%2]
		if ok, _, err := l.Take(ctx, "victim@example.com", now); err != nil || !ok {
			t.Fatalf("take %d: %v %v", i+1, ok, err)
		}
	}
	for _, l := range []server.Limiter{a, b} {
		ok, wait, err := l.Take(ctx, "victim@example.com", now)
		if err != nil || ok || wait != 36*time.Second {
			t.Errorf("11th take = (%v, %v, %v), want refused for 36s on both replicas", ok, wait, err)
		}
	}
	var rows int
	dbA.QueryRow(`SELECT count(*) FROM ` + postgres.Table).Scan(&rows)
	if rows != 1 {
		t.Errorf("%d rows for one bucket", rows)
	}
	var persistence string
	dbA.QueryRow(`SELECT relpersistence FROM pg_class WHERE oid = $1::regclass`, postgres.Table).Scan(&persistence)
	if persistence != "u" {
		t.Errorf("relpersistence %q, want u (unlogged)", persistence)
	}
	var plain int
	dbA.QueryRow(`SELECT count(*) FROM `+postgres.Table+` WHERE position($1::bytea in key) > 0`, []byte("victim")).Scan(&plain)
	if plain != 0 {
		t.Error("the e-mail address is stored in clear")
	}
}

// BenchmarkLimiterPostgres is the cost of one take (one round trip on loopback) by one
// client, and by 8 at once on keys of their own.
func BenchmarkLimiterPostgres(b *testing.B) {
	db, _ := open(b)
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	l, _ := postgres.Factory(db)("auth-ip", server.Rate{Interval: time.Second, Burst: 10})
	ctx := context.Background()
	b.Run("take", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			if _, _, err := l.Take(ctx, fmt.Sprint("198.51.100.", i%256), time.Now()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("blocked", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			if _, _, err := l.Blocked(ctx, fmt.Sprint("198.51.100.", i%256), time.Now()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("take+return", func(b *testing.B) { // a login with the right password
		i := 0
		for b.Loop() {
			i++
			key := fmt.Sprint("192.0.2.", i%256)
			if _, _, err := l.Take(ctx, key, time.Now()); err != nil {
				b.Fatal(err)
			}
			if err := l.Return(ctx, key, time.Now()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("take-parallel-8", func(b *testing.B) {
		var g atomic.Int64
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			me := g.Add(1)
			i := 0
			for pb.Next() {
				i++
				if _, _, err := l.Take(ctx, fmt.Sprint("203.0.113.", me, ".", i%64), time.Now()); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
