// Package store keeps OrderWatch's server data with GORM, on SQLite (the embedded default)
// or PostgreSQL. It owns the row types and converts them to and from the domain types of
// package server; nothing outside it sees a row.
package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// DB is an open store. On SQLite it holds two pools on one file: a writer with a single
// connection and a pool of read-only readers; on PostgreSQL both are the same pool.
type DB struct {
	w, r    *gorm.DB
	dialect string
	stmts   *writeStmts // SQLite only
}

// Dialects.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// IsPostgres reports whether a database URL names PostgreSQL rather than a SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") || strings.HasPrefix(dsn, "host=")
}

// SQLiteDSN is the connection string of every SQLite connection. Each parameter is applied by
// the driver to every new connection (a PRAGMA run once would only reach one pooled
// connection):
//   - WAL lets readers work while the writer writes;
//   - synchronous=FULL makes a committed (so acknowledged) push survive power loss, not only a
//     crash of the process;
//   - busy_timeout waits for the lock instead of failing with "database is locked";
//   - _txlock=immediate takes the write lock at BEGIN: a deferred transaction that reads
//     first and writes later gets SQLITE_BUSY at once, without the busy handler;
//   - foreign keys on.
func SQLiteDSN(path string, readOnly bool) string {
	q := "_journal_mode=WAL&_synchronous=FULL&_busy_timeout=10000&_foreign_keys=on"
	if readOnly {
		q += "&_txlock=deferred&_query_only=true"
	} else {
		q += "&_txlock=immediate"
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q
}

// Open opens the database named by dsn (a SQLite file path, or a postgres:// URL or
// key=value DSN) and runs pending migrations.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg := &gorm.Config{Logger: logger.Discard, PrepareStmt: false}
	db := &DB{}
	if IsPostgres(dsn) {
		g, err := gorm.Open(postgres.Open(dsn), cfg)
		if err != nil {
			return nil, fmt.Errorf("store: unable to open PostgreSQL: %w", err)
		}
		sqlDB, err := g.DB()
		if err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		sqlDB.SetMaxOpenConns(32)
		sqlDB.SetMaxIdleConns(32)
		db.w, db.r, db.dialect = g, g, Postgres
	} else {
		if dsn == "" {
			return nil, errors.New("store: empty database path")
		}
		w, err := gorm.Open(sqlite.Open(SQLiteDSN(dsn, false)), cfg)
		if err != nil {
			return nil, fmt.Errorf("store: unable to open SQLite file %q: %w", dsn, err)
		}
		sqlW, err := w.DB()
		if err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		// SQLite allows one writer at a time. With one connection, writers queue in Go's
		// pool instead of contending for the file lock, so no request ever waits out the
		// busy timeout or sees "database is locked"; transactions stay short, so the queue
		// moves fast.
		sqlW.SetMaxOpenConns(1)
		sqlW.SetMaxIdleConns(1)
		sqlW.SetConnMaxLifetime(0)
		db.w, db.dialect = w, SQLite
		if err := db.migrate(ctx); err != nil {
			sqlW.Close()
			return nil, err
		}
		if db.stmts, err = prepareWriteStmts(ctx, sqlW); err != nil {
			sqlW.Close()
			return nil, err
		}
		r, err := gorm.Open(sqlite.Open(SQLiteDSN(dsn, true)), cfg)
		if err != nil {
			sqlW.Close()
			return nil, fmt.Errorf("store: unable to open SQLite file %q for reading: %w", dsn, err)
		}
		sqlR, err := r.DB()
		if err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		sqlR.SetMaxOpenConns(8)
		sqlR.SetMaxIdleConns(8)
		db.r = r
		return db, nil
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Dialect returns SQLite or Postgres.
func (db *DB) Dialect() string { return db.dialect }

// Close closes every connection.
func (db *DB) Close() error {
	var errs []error
	if db.stmts != nil {
		db.stmts.close()
	}
	for _, g := range []*gorm.DB{db.w, db.r} {
		if g == nil {
			continue
		}
		if s, err := g.DB(); err == nil {
			errs = append(errs, s.Close())
		}
		if db.r == db.w {
			break
		}
	}
	return errors.Join(errs...)
}

// Ping checks that the database answers (for /readyz).
func (db *DB) Ping(ctx context.Context) error {
	s, err := db.w.DB()
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if err := s.PingContext(ctx); err != nil {
		return fmt.Errorf("store: database does not answer: %w", err)
	}
	return nil
}

// Gorm returns the writer, for tools that seed data in bulk (the load generator) and for
// tests that inspect rows.
func (db *DB) Gorm() *gorm.DB { return db.w }

// byUser scopes a query to one user's rows. Every query on user data goes through it.
func byUser(userID int64) func(*gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB { return q.Where("user_id = ?", userID) }
}
