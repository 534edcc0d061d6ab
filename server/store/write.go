package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// rowLayout is a row type's columns in the order of its fields, as GORM maps them (the
// same parse GORM's own queries use), with each field's index: the hand-written statements
// below take their column lists and arguments from here, never from a copy of rows.go.
type rowLayout struct {
	cols   []string
	fields [][]int
	keys   int // the primary key columns come first, this many
}

func layoutOf(row any) rowLayout {
	s, err := schema.Parse(row, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		panic(fmt.Sprintf("store: row type %T: %v", row, err))
	}
	var l rowLayout
	for _, f := range s.Fields {
		if f.DBName == "" {
			continue
		}
		if f.PrimaryKey && l.keys != len(l.cols) {
			panic(fmt.Sprintf("store: row type %T: primary key %s after other columns", row, f.DBName))
		}
		if f.PrimaryKey {
			l.keys++
		}
		l.cols = append(l.cols, f.DBName)
		l.fields = append(l.fields, f.StructField.Index)
	}
	return l
}

// values returns the columns of row (a struct value of the layout's type) in the order of
// cols. Pointers are resolved here so that every driver gets plain values or NULL.
func (l rowLayout) values(row reflect.Value) []any {
	out := make([]any, len(l.fields))
	for i, ix := range l.fields {
		f := row.FieldByIndex(ix)
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				continue
			}
			f = f.Elem()
		}
		switch f.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			out[i] = f.Int()
		case reflect.Bool:
			out[i] = f.Bool()
		case reflect.String:
			out[i] = f.String()
		default:
			out[i] = f.Interface()
		}
	}
	return out
}

var (
	orderLayout    = layoutOf(&orderRow{})
	mutationLayout = layoutOf(&mutationRow{})
)

func (r *orderRow) values() []any    { return orderLayout.values(reflect.ValueOf(r).Elem()) }
func (m *mutationRow) values() []any { return mutationLayout.values(reflect.ValueOf(m).Elem()) }

func insertSQL(table string, cols []string) string {
	return "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES (?" + strings.Repeat(", ?", len(cols)-1) + ")"
}

var (
	insertOrderSQL    = insertSQL(orderRow{}.TableName(), orderLayout.cols)
	insertMutationSQL = insertSQL(mutationRow{}.TableName(), mutationLayout.cols)
	// updateOrderSQL names every column but the key, so that clearing a field really clears
	// it; its arguments are values()[keys:] followed by the key's values.
	updateOrderSQL = "UPDATE " + orderRow{}.TableName() + " SET " + strings.Join(orderLayout.cols[orderLayout.keys:], " = ?, ") +
		" = ? WHERE " + strings.Join(orderLayout.cols[:orderLayout.keys], " = ? AND ") + " = ?"
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
		v := r.values()
		args[i] = append(v[orderLayout.keys:], v[:orderLayout.keys]...)
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
