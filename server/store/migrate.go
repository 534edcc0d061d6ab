package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// migrationRow records an applied schema migration.
type migrationRow struct {
	Version   int `gorm:"primaryKey;autoIncrement:false"`
	AppliedAt time.Time
}

func (migrationRow) TableName() string { return "schema_migrations" }

// A migration is one numbered step of the schema. Each step says exactly what it creates or
// changes, in its own terms: never with today's row types, which would make an old step
// create today's columns on a new database while an upgraded one lacks them.
type migration struct {
	version int
	what    string
	up      func(tx *gorm.DB) error
}

// migrations are applied in order, once each, on start. Append; never edit an applied one.
// A new column or index on a row type in rows.go needs a step here too: TestSchemaFollowsRows
// fails until the migrated schema has every column and index the row types declare.
var migrations = []migration{
	{1, "the schema of the first release", createFirstRelease}, // migrate_v1.go
	{2, "an index for the tombstone purge (deleted rows older than the cutoff)", func(tx *gorm.DB) error {
		return tx.Exec("CREATE INDEX IF NOT EXISTS orders_tombstones ON orders (deleted, updated_at)").Error
	}},
}

// SchemaVersion is the version the migrations bring a database to.
func SchemaVersion() int { return len(migrations) }

func (db *DB) migrate(ctx context.Context) error { return db.migrateTo(ctx, len(migrations)) }

// migrateTo applies the steps up to version target that the database does not have yet.
func (db *DB) migrateTo(ctx context.Context, target int) error {
	g := db.w.WithContext(ctx)
	if err := g.AutoMigrate(&migrationRow{}); err != nil {
		return fmt.Errorf("store: unable to create the migrations table: %w", err)
	}
	for _, m := range migrations[:target] {
		err := g.Transaction(func(tx *gorm.DB) error {
			if db.dialect == Postgres {
				// Replicas starting together take turns.
				if err := tx.Exec("SELECT pg_advisory_xact_lock(7236001)").Error; err != nil {
					return err
				}
			}
			var n int64
			if err := tx.Model(&migrationRow{}).Where("version = ?", m.version).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if err := m.up(tx); err != nil {
				return err
			}
			return tx.Create(&migrationRow{Version: m.version, AppliedAt: time.Now().UTC()}).Error
		})
		if err != nil {
			return fmt.Errorf("store: migration %d (%s) failed: %w", m.version, m.what, err)
		}
	}
	return nil
}

// AppliedMigrations lists the applied migration versions in order.
func (db *DB) AppliedMigrations(ctx context.Context) ([]int, error) {
	var vs []int
	if err := db.r.WithContext(ctx).Model(&migrationRow{}).Order("version").Pluck("version", &vs).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list migrations: %w", err)
	}
	return vs, nil
}
