package store

import (
	"time"

	"gorm.io/gorm"
)

// The schema of the first release (commit bcf5e92, "server: GORM store"), frozen: migration 1
// creates exactly these tables, columns and indexes, whatever rows.go says today. Later
// changes are later steps in migrate.go. These types serve migration 1 only; never edit them.

// createFirstRelease is migration 1.
func createFirstRelease(tx *gorm.DB) error {
	return tx.Migrator().CreateTable(&v1User{}, &v1Session{}, &v1RefreshToken{}, &v1Order{}, &v1Mutation{})
}

type v1User struct {
	ID           int64  `gorm:"primaryKey;autoIncrement"`
	Email        string `gorm:"size:254;not null;uniqueIndex"`
	PasswordHash string `gorm:"size:256;not null"`
	// Seq is the user's change counter: every accepted write takes the next value as its
	// row's version, inside the write transaction.
	Seq int64 `gorm:"not null"`
	// Horizon is the highest version of a purged tombstone: pulls from an older cursor
	// cannot be served and get "resync from scratch".
	Horizon   int64 `gorm:"not null"`
	CreatedAt time.Time
}

func (v1User) TableName() string { return "users" }

type v1Session struct {
	ID        string `gorm:"primaryKey;size:64"`
	UserID    int64  `gorm:"not null;index"`
	CreatedAt time.Time
	RevokedAt *time.Time
}

func (v1Session) TableName() string { return "sessions" }

type v1RefreshToken struct {
	ID        int64  `gorm:"primaryKey;autoIncrement"`
	SessionID string `gorm:"size:64;not null;index"`
	UserID    int64  `gorm:"not null;index"`
	Hash      string `gorm:"size:64;not null;uniqueIndex"` // hex SHA-256 of the opaque token
	ParentID  *int64
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}

func (v1RefreshToken) TableName() string { return "refresh_tokens" }

type v1Order struct {
	UserID  int64  `gorm:"primaryKey;autoIncrement:false;uniqueIndex:orders_user_version,priority:1"`
	OrderID string `gorm:"primaryKey;size:64"`
	Version int64  `gorm:"not null;uniqueIndex:orders_user_version,priority:2"`
	Deleted bool   `gorm:"not null"`
	// WrittenAt is set from the server's clock, never by GORM.
	WrittenAt     time.Time `gorm:"column:updated_at;not null;autoUpdateTime:false;autoCreateTime:false"`
	OrderJSON     string    `gorm:"type:text;not null"` // "" when the order is known only by its id
	Received      *bool
	DisputeOpened bool   `gorm:"not null"`
	Archived      bool   `gorm:"not null"`
	Note          string `gorm:"type:text;not null"`
	ConflictsJSON string `gorm:"type:text;not null"`

	VOrder, VReceived, VDisputeOpened, VArchived, VNote, VDeleted int64 `gorm:"not null"`

	DStatus             string `gorm:"size:32;not null"`
	DStage              string `gorm:"size:32;not null"`
	DVerdict            string `gorm:"size:32;not null"`
	DDaysSinceUpdate    *int
	DProtectionDeadline *time.Time
}

func (v1Order) TableName() string { return "orders" }

// v1Mutation remembers an applied mutation so that a retry gets the stored result.
type v1Mutation struct {
	UserID      int64  `gorm:"primaryKey;autoIncrement:false"`
	MutationID  string `gorm:"primaryKey;size:128"`
	Fingerprint string `gorm:"size:64;not null"`
	OrderID     string `gorm:"size:64;not null"`
	Version     int64  `gorm:"not null"`
	Merged      bool   `gorm:"not null"`
	CreatedAt   time.Time
}

func (v1Mutation) TableName() string { return "applied_mutations" }
