package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// orderColumns are the columns of the orders table, in the order of orderRow.values.
var orderColumns = []string{"user_id", "order_id", "version", "deleted", "updated_at", "order_json",
	"received", "dispute_opened", "archived", "note", "conflicts_json",
	"v_order", "v_received", "v_dispute_opened", "v_archived", "v_note", "v_deleted",
	"d_status", "d_stage", "d_verdict", "d_days_since_update", "d_protection_deadline"}

var mutationColumns = []string{"user_id", "mutation_id", "fingerprint", "order_id", "version", "merged", "created_at"}

// values returns the row's columns in the order of orderColumns. Pointers are resolved here
// so that every driver gets plain values or NULL.
func (r *orderRow) values() []any {
	var received, days, deadline any
	if r.Received != nil {
		received = *r.Received
	}
	if r.DDaysSinceUpdate != nil {
		days = int64(*r.DDaysSinceUpdate)
	}
	if r.DProtectionDeadline != nil {
		deadline = *r.DProtectionDeadline
	}
	return []any{r.UserID, r.OrderID, r.Version, r.Deleted, r.WrittenAt, r.OrderJSON,
		received, r.DisputeOpened, r.Archived, r.Note, r.ConflictsJSON,
		r.VOrder, r.VReceived, r.VDisputeOpened, r.VArchived, r.VNote, r.VDeleted,
		r.DStatus, r.DStage, r.DVerdict, days, deadline}
}

func (m *mutationRow) values() []any {
	return []any{m.UserID, m.MutationID, m.Fingerprint, m.OrderID, m.Version, m.Merged, m.CreatedAt}
}

func insertSQL(table string, cols []string) string {
	return "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES (?" + strings.Repeat(", ?", len(cols)-1) + ")"
}

var (
	insertOrderSQL    = insertSQL("orders", orderColumns)
	insertMutationSQL = insertSQL("applied_mutations", mutationColumns)
	// updateOrderSQL names every column but the key, so that clearing a field really clears
	// it; its arguments are values()[2:] followed by user_id and order_id.
	updateOrderSQL = "UPDATE orders SET " + strings.Join(orderColumns[2:], " = ?, ") + " = ? WHERE user_id = ? AND order_id = ?"
)

// writeStmts are the single-row statements of a push, prepared once on SQLite's only writer
// connection. SQLite is embedded, so a statement costs no round trip, while compiling and
// finalizing a 100-row multi-row INSERT cost more CPU than running it (BenchmarkPush100's
// profile: 60% of the push in prepare, step and finalize). PostgreSQL has no writeStmts: there
// a round trip per row would cost more, so new rows go in multi-row INSERTs.
type writeStmts struct {
	insertOrder, updateOrder, insertMutation *sql.Stmt
}

func prepareWriteStmts(ctx context.Context, w *sql.DB) (*writeStmts, error) {
	var s writeStmts
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{{&s.insertOrder, insertOrderSQL}, {&s.updateOrder, updateOrderSQL}, {&s.insertMutation, insertMutationSQL}} {
		st, err := w.PrepareContext(ctx, p.sql)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("store: unable to prepare %q: %w", p.sql, err)
		}
		*p.stmt = st
	}
	return &s, nil
}

func (s *writeStmts) close() {
	for _, st := range []*sql.Stmt{s.insertOrder, s.updateOrder, s.insertMutation} {
		if st != nil {
			st.Close()
		}
	}
}

// execEach runs stmt (text query) once per argument list inside tx: on SQLite with the
// prepared statement, on PostgreSQL as plain statements.
func (db *DB) execEach(tx *gorm.DB, stmt func(*writeStmts) *sql.Stmt, query string, args [][]any) ([]int64, error) {
	affected := make([]int64, len(args))
	if db.stmts == nil {
		for i, a := range args {
			res := tx.Exec(query, a...)
			if res.Error != nil {
				return nil, res.Error
			}
			affected[i] = res.RowsAffected
		}
		return affected, nil
	}
	sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx)
	if !ok {
		return nil, fmt.Errorf("store: not in a transaction")
	}
	ctx := tx.Statement.Context
	st := sqlTx.StmtContext(ctx, stmt(db.stmts)) // reuses the connection's prepared statement
	defer st.Close()
	for i, a := range args {
		res, err := st.ExecContext(ctx, a...)
		if err != nil {
			return nil, err
		}
		if affected[i], err = res.RowsAffected(); err != nil {
			return nil, err
		}
	}
	return affected, nil
}

// insertOrders inserts new order rows.
func (db *DB) insertOrders(tx *gorm.DB, rows []*orderRow) error {
	if len(rows) == 0 {
		return nil
	}
	if db.stmts == nil {
		if err := tx.CreateInBatches(rows, 100).Error; err != nil {
			return fmt.Errorf("store: unable to insert orders: %w", err)
		}
		return nil
	}
	args := make([][]any, len(rows))
	for i, r := range rows {
		args[i] = r.values()
	}
	if _, err := db.execEach(tx, func(s *writeStmts) *sql.Stmt { return s.insertOrder }, insertOrderSQL, args); err != nil {
		return fmt.Errorf("store: unable to insert orders: %w", err)
	}
	return nil
}

// updateOrders overwrites existing order rows, every column but the key.
func (db *DB) updateOrders(tx *gorm.DB, rows []*orderRow) error {
	if len(rows) == 0 {
		return nil
	}
	args := make([][]any, len(rows))
	for i, r := range rows {
		args[i] = append(r.values()[2:], r.UserID, r.OrderID)
	}
	affected, err := db.execEach(tx, func(s *writeStmts) *sql.Stmt { return s.updateOrder }, updateOrderSQL, args)
	if err != nil {
		return fmt.Errorf("store: unable to update orders: %w", err)
	}
	for i, n := range affected {
		if n != 1 {
			return fmt.Errorf("store: updating order %q touched %d rows", rows[i].OrderID, n)
		}
	}
	return nil
}

// insertMutations records applied mutations.
func (db *DB) insertMutations(tx *gorm.DB, recs []mutationRow) error {
	if len(recs) == 0 {
		return nil
	}
	if db.stmts == nil {
		if err := tx.CreateInBatches(recs, 200).Error; err != nil {
			return fmt.Errorf("store: unable to record mutations: %w", err)
		}
		return nil
	}
	args := make([][]any, len(recs))
	for i := range recs {
		args[i] = recs[i].values()
	}
	if _, err := db.execEach(tx, func(s *writeStmts) *sql.Stmt { return s.insertMutation }, insertMutationSQL, args); err != nil {
		return fmt.Errorf("store: unable to record mutations: %w", err)
	}
	return nil
}
