package store

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
	"gorm.io/gorm/schema"
)

// OpenFirstRelease makes dsn a database as the first release left it (migration 1 applied and
// recorded, nothing after) and returns a plain connection to it, for a test to fill with rows
// in that release's columns before Open upgrades it.
func OpenFirstRelease(ctx context.Context, dsn string) (*gorm.DB, error) {
	d, dialect := sqlite.Open(SQLiteDSN(dsn, false)), SQLite
	if IsPostgres(dsn) {
		d, dialect = postgres.Open(dsn), Postgres
	}
	g, err := gorm.Open(d, &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, err
	}
	db := &DB{w: g, r: g, dialect: dialect}
	if err := db.migrateTo(ctx, 1); err != nil {
		return nil, err
	}
	return g, nil
}

// RowTypes are the row types of the store, one per table.
var RowTypes = []any{&userRow{}, &sessionRow{}, &refreshTokenRow{}, &orderRow{}, &mutationRow{}}

// SchemaDiff reports how the database's schema differs from what the row types declare: a
// column or index the row types have and the database lacks, or a column the database has
// that no row type maps.
func SchemaDiff(g *gorm.DB) []string {
	var out []string
	m := g.Migrator()
	for _, row := range RowTypes {
		s, err := schema.Parse(row, &sync.Map{}, schema.NamingStrategy{})
		if err != nil {
			return []string{err.Error()}
		}
		cts, err := m.ColumnTypes(row)
		if err != nil {
			return []string{fmt.Sprintf("%s: %v", s.Table, err)}
		}
		var have []string
		for _, c := range cts {
			have = append(have, c.Name())
		}
		var want []string
		for _, f := range s.Fields {
			if f.DBName != "" {
				want = append(want, f.DBName)
			}
		}
		for _, c := range want {
			if !slices.Contains(have, c) {
				out = append(out, fmt.Sprintf("%s.%s: declared in rows.go, missing in the database", s.Table, c))
			}
		}
		for _, c := range have {
			if !slices.Contains(want, c) {
				out = append(out, fmt.Sprintf("%s.%s: in the database, mapped by no field", s.Table, c))
			}
		}
		for _, idx := range s.ParseIndexes() {
			if !m.HasIndex(row, idx.Name) {
				out = append(out, fmt.Sprintf("%s: index %s declared in rows.go, missing in the database", s.Table, idx.Name))
			}
		}
	}
	return out
}

// InsertColumns are the column lists of the hand-written INSERT statements.
func InsertColumns() map[string][]string {
	return map[string][]string{"orders": orderLayout.cols, "applied_mutations": mutationLayout.cols}
}
