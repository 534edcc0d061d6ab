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

// migrations are applied in order, once each, on start. Append; never edit an applied one.
var migrations = []func(tx *gorm.DB) error{
	// 1: the initial schema.
	func(tx *gorm.DB) error {
		return tx.Migrator().AutoMigrate(&userRow{}, &sessionRow{}, &refreshTokenRow{}, &orderRow{}, &mutationRow{})
	},
}

// SchemaVersion is the version the migrations bring a database to.
func SchemaVersion() int { return len(migrations) }

func (db *DB) migrate(ctx context.Context) error {
	g := db.w.WithContext(ctx)
	if err := g.AutoMigrate(&migrationRow{}); err != nil {
		return fmt.Errorf("store: unable to create the migrations table: %w", err)
	}
	for v := 1; v <= len(migrations); v++ {
		err := g.Transaction(func(tx *gorm.DB) error {
			if db.dialect == Postgres {
				// Replicas starting together take turns.
				if err := tx.Exec("SELECT pg_advisory_xact_lock(7236001)").Error; err != nil {
					return err
				}
			}
			var n int64
			if err := tx.Model(&migrationRow{}).Where("version = ?", v).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if err := migrations[v-1](tx); err != nil {
				return err
			}
			return tx.Create(&migrationRow{Version: v, AppliedAt: time.Now().UTC()}).Error
		})
		if err != nil {
			return fmt.Errorf("store: migration %d failed: %w", v, err)
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
