// Package storetest opens real databases for tests: a SQLite file in a temporary directory,
// and a schema of its own on the PostgreSQL named by ORDERWATCH_TEST_POSTGRES. Under CI
// (CI=true) a missing PostgreSQL fails the test instead of skipping it.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the PostgreSQL driver for creating test schemas
	"github.com/orderwatch/orderwatch/server/store"
)

// Database is one kind of database a test can run on.
type Database struct {
	Name string
	// DSN returns a fresh, empty database for the test (a new file or a new schema),
	// removed when the test ends.
	DSN func(t testing.TB) string
}

// EnvPostgres names the variable holding the test PostgreSQL's DSN (.ci/with-postgres sets it).
const EnvPostgres = "ORDERWATCH_TEST_POSTGRES"

// Databases lists SQLite and PostgreSQL.
func Databases() []Database {
	return []Database{{Name: store.SQLite, DSN: sqliteDSN}, {Name: store.Postgres, DSN: postgresDSN}}
}

// Each runs f once per database, as subtests.
func Each(t *testing.T, f func(t *testing.T, dsn string)) {
	for _, d := range Databases() {
		t.Run(d.Name, func(t *testing.T) { f(t, d.DSN(t)) })
	}
}

// Open opens the store on dsn and closes it when the test ends.
func Open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func sqliteDSN(t testing.TB) string {
	return filepath.Join(t.TempDir(), "orderwatch.db")
}

var schemaSeq atomic.Int64

func postgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: under CI the PostgreSQL suite must run (use .ci/with-postgres)", EnvPostgres)
		}
		t.Skipf("%s not set; run under .ci/with-postgres to test on PostgreSQL", EnvPostgres)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open PostgreSQL: %v", err)
	}
	schema := fmt.Sprintf("t%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, schemaSeq.Add(1))
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	if strings.Contains(base, "://") {
		sep := "?"
		if strings.Contains(base, "?") {
			sep = "&"
		}
		return base + sep + "search_path=" + schema
	}
	return base + " search_path=" + schema
}
