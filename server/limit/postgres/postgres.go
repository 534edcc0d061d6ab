// Package postgres keeps rate-limit buckets in a PostgreSQL table, so that every replica of
// the server on one database draws on the same buckets. A bucket is one row holding its GCRA
// state (see server.Rate); taking a token is one INSERT … ON CONFLICT DO UPDATE that decides
// and stores in a single round trip, atomically under the row's lock.
package postgres

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/orderwatch/orderwatch/server"
)

// Table is the one table of every limiter. Rows are keyed by SHA-256(name, 0, key), so it
// holds neither client addresses nor e-mail addresses in clear.
const Table = "rate_limit_buckets"

// Migrate creates the table when it is missing. Replicas starting together take turns.
func Migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("limit/postgres: %w", err)
	}
	defer tx.Rollback()
	// The same lock number as the store's migrations: one schema change at a time.
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7236001)`); err != nil {
		return fmt.Errorf("limit/postgres: %w", err)
	}
	// tat: theoretical arrival time in µs since the Unix epoch; allowed: the answer of the
	// last take (written by the take itself, so that one statement both decides and tells).
	// No index besides the key: tat changes on every take, and an index on it would rule out
	// HOT updates; Prune scans a table that it keeps small.
	// UNLOGGED: no WAL, so a take does not wait for a WAL flush at commit. The price is that
	// a crash of PostgreSQL (or a fail-over to a standby) empties the table, i.e. every
	// bucket is full again: acceptable for rate limits, never for accounts or orders.
	if _, err := tx.ExecContext(ctx, `CREATE UNLOGGED TABLE IF NOT EXISTS `+Table+` (
		key bytea PRIMARY KEY,
		tat bigint NOT NULL,
		allowed boolean NOT NULL
	)`); err != nil {
		return fmt.Errorf("limit/postgres: unable to create %s: %w", Table, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("limit/postgres: %w", err)
	}
	return nil
}

// Limiter implements server.Limiter on a PostgreSQL table.
type Limiter struct {
	db   *sql.DB
	name string
	rate server.Rate
}

var _ server.Limiter = (*Limiter)(nil)

// Factory returns a server.NewLimiter whose limiters use db (already migrated).
func Factory(db *sql.DB) server.NewLimiter {
	return func(name string, r server.Rate) (server.Limiter, error) {
		if db == nil {
			return nil, errors.New("limit/postgres: no database")
		}
		return &Limiter{db: db, name: name, rate: r}, nil
	}
}

func (l *Limiter) key(key string) []byte {
	h := sha256.New()
	h.Write([]byte(l.name))
	h.Write([]byte{0})
	h.Write([]byte(key))
	return h.Sum(nil)
}

// takeSQL is server.Rate.GCRATake in SQL. $2 now, $3 interval, $4 tolerance, all in µs. In
// SET, b.tat is the row before the update; a new bucket is full, so its first take passes.
const takeSQL = `INSERT INTO ` + Table + ` AS b (key, tat, allowed)
VALUES ($1, $2::bigint + $3::bigint, true)
ON CONFLICT (key) DO UPDATE SET
	allowed = GREATEST(b.tat, $2::bigint) - $2::bigint <= $4::bigint,
	tat = CASE WHEN GREATEST(b.tat, $2::bigint) - $2::bigint <= $4::bigint
		THEN GREATEST(b.tat, $2::bigint) + $3::bigint ELSE b.tat END
RETURNING tat, allowed`

// Take implements server.Limiter.
func (l *Limiter) Take(ctx context.Context, key string, now time.Time) (bool, time.Duration, error) {
	if l.rate.Unlimited() {
		return true, 0, nil
	}
	iv, tau := l.rate.GCRA()
	n := server.Micros(now)
	var tat int64
	var ok bool
	if err := l.db.QueryRowContext(ctx, takeSQL, l.key(key), n, iv, tau).Scan(&tat, &ok); err != nil {
		return false, 0, fmt.Errorf("limit/postgres: take: %w", err)
	}
	if ok {
		return true, 0, nil
	}
	return false, time.Duration(tat-n-tau) * time.Microsecond, nil
}

// Blocked implements server.Limiter.
func (l *Limiter) Blocked(ctx context.Context, key string, now time.Time) (bool, time.Duration, error) {
	if l.rate.Unlimited() {
		return false, 0, nil
	}
	var tat int64
	err := l.db.QueryRowContext(ctx, `SELECT tat FROM `+Table+` WHERE key = $1`, l.key(key)).Scan(&tat)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, 0, fmt.Errorf("limit/postgres: read: %w", err)
	}
	blocked, wait := l.rate.GCRABlocked(tat, server.Micros(now))
	return blocked, time.Duration(wait) * time.Microsecond, nil
}

// Return implements server.Limiter: server.Rate.GCRAReturn in SQL.
func (l *Limiter) Return(ctx context.Context, key string, _ time.Time) error {
	if l.rate.Unlimited() {
		return nil
	}
	iv, _ := l.rate.GCRA()
	if _, err := l.db.ExecContext(ctx, `UPDATE `+Table+` SET tat = tat - $2::bigint WHERE key = $1`, l.key(key), iv); err != nil {
		return fmt.Errorf("limit/postgres: return: %w", err)
	}
	return nil
}

// Prune implements server.Limiter. It removes the full buckets of every limiter on the
// table, not only this one's (a full bucket is a full bucket whatever its rate).
func (l *Limiter) Prune(ctx context.Context, now time.Time) (int64, error) {
	res, err := l.db.ExecContext(ctx, `DELETE FROM `+Table+` WHERE tat <= $1`, server.Micros(now))
	if err != nil {
		return 0, fmt.Errorf("limit/postgres: prune: %w", err)
	}
	return res.RowsAffected()
}
