package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/orderwatch/orderwatch/server/store"
)

// seed inserts n orders for 1,000 other users straight into the database in one transaction,
// with multi-row INSERTs: going through the API would take far longer than the benchmark.
func seed(ctx context.Context, db *store.DB, n int) error {
	sqlDB, err := db.Gorm().DB()
	if err != nil {
		return err
	}
	const users = 1000
	perUser := (n + users - 1) / users
	now := time.Now().UTC()
	tx, err := sqlDB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var firstID int64
	for u := 0; u < users; u++ {
		res, err := tx.ExecContext(ctx, "INSERT INTO users (email, password_hash, seq, horizon, created_at) VALUES (?, ?, ?, 0, ?)",
			fmt.Sprintf("seed%d@example.com", u), "$argon2id$v=19$m=19456,t=2,p=1$c2VlZA$c2VlZA", perUser, now)
		if err != nil {
			return fmt.Errorf("seed user: %w", err)
		}
		if u == 0 {
			firstID, _ = res.LastInsertId()
		}
	}
	cols := "user_id, order_id, version, deleted, updated_at, order_json, received, dispute_opened, archived, note, conflicts_json, " +
		"v_order, v_received, v_dispute_opened, v_archived, v_note, v_deleted, d_status, d_stage, d_verdict, d_days_since_update, d_protection_deadline"
	const rowsPerStmt = 200
	ph := "(?,?,?,?,?,?,NULL,0,0,?,'',?,0,0,0,?,0,'in_transit','international','normal',3,NULL)"
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO orders ("+cols+") VALUES "+strings.TrimSuffix(strings.Repeat(ph+",", rowsPerStmt), ","))
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	defer stmt.Close()
	args := make([]any, 0, rowsPerStmt*9)
	done := 0
	for done < n {
		args = args[:0]
		for k := 0; k < rowsPerStmt; k++ {
			i := done + k
			if i >= n {
				i = n + k // pad the last statement with extra rows rather than prepare another
			}
			u, v := i/perUser, int64(i%perUser+1)
			args = append(args, firstID+int64(u), fmt.Sprintf("7%015d", i), v, false, now,
				`{"order_id":"`+fmt.Sprintf("7%015d", i)+`","parcels":[{"numbers":[{"number":"LP00123456789012"}],"events":[{"time":"2026-02-23T10:05:00+08:00","text":"Accepted by carrier"}]}]}`,
				"", v, v)
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("seed orders: %w", err)
		}
		done += rowsPerStmt
	}
	return tx.Commit()
}
