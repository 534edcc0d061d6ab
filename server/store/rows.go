package store

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/orderwatch/orderwatch/server"
	"github.com/orderwatch/orderwatch/shared/order"
)

type userRow struct {
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

func (userRow) TableName() string { return "users" }

type sessionRow struct {
	ID        string `gorm:"primaryKey;size:64"`
	UserID    int64  `gorm:"not null;index"`
	CreatedAt time.Time
	RevokedAt *time.Time
}

func (sessionRow) TableName() string { return "sessions" }

type refreshTokenRow struct {
	ID        int64  `gorm:"primaryKey;autoIncrement"`
	SessionID string `gorm:"size:64;not null;index"`
	UserID    int64  `gorm:"not null;index"`
	Hash      string `gorm:"size:64;not null;uniqueIndex"` // hex SHA-256 of the opaque token
	ParentID  *int64
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}

func (refreshTokenRow) TableName() string { return "refresh_tokens" }

type orderRow struct {
	UserID  int64  `gorm:"primaryKey;autoIncrement:false;uniqueIndex:orders_user_version,priority:1"`
	OrderID string `gorm:"primaryKey;size:64"`
	Version int64  `gorm:"not null;uniqueIndex:orders_user_version,priority:2"`
	Deleted bool   `gorm:"not null;index:orders_tombstones,priority:1"`
	// WrittenAt is set from the server's clock, never by GORM.
	WrittenAt     time.Time `gorm:"column:updated_at;not null;autoUpdateTime:false;autoCreateTime:false;index:orders_tombstones,priority:2"`
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

func (orderRow) TableName() string { return "orders" }

// mutationRow remembers an applied mutation so that a retry gets the stored result.
type mutationRow struct {
	UserID      int64  `gorm:"primaryKey;autoIncrement:false"`
	MutationID  string `gorm:"primaryKey;size:128"`
	Fingerprint string `gorm:"size:64;not null"`
	OrderID     string `gorm:"size:64;not null"`
	Version     int64  `gorm:"not null"`
	Merged      bool   `gorm:"not null"`
	CreatedAt   time.Time
}

func (mutationRow) TableName() string { return "applied_mutations" }

// conflictJSON is how conflict entries are kept in a row.
type conflictJSON struct {
	Field     string    `json:"field"`
	LostValue string    `json:"lost_value"`
	DeviceID  string    `json:"device_id,omitempty"`
	At        time.Time `json:"at"`
}

// toOrderRow converts o to its row. encoded holds orders already encoded (may be nil).
func toOrderRow(userID int64, o *server.OrderRow, encoded map[*order.Order]string) (*orderRow, error) {
	r := &orderRow{
		UserID: userID, OrderID: o.OrderID, Version: o.Version, Deleted: o.Deleted, WrittenAt: o.UpdatedAt.UTC(),
		Received: o.Record.Marks.Received, DisputeOpened: o.Record.Marks.DisputeOpened,
		Archived: o.Record.Marks.Archived, Note: o.Record.Note,
		VOrder: o.Versions.Order, VReceived: o.Versions.Received, VDisputeOpened: o.Versions.DisputeOpened,
		VArchived: o.Versions.Archived, VNote: o.Versions.Note, VDeleted: o.Versions.Deleted,
		DStatus: o.Derived.Status, DStage: o.Derived.Stage, DVerdict: o.Derived.Verdict,
		DDaysSinceUpdate: o.Derived.DaysSinceUpdate, DProtectionDeadline: o.Derived.ProtectionDeadline,
	}
	if s, ok := encoded[o.Record.Order]; ok && o.Record.Order != nil {
		r.OrderJSON = s
	} else if o.Record.Order != nil {
		b, err := json.Marshal(o.Record.Order)
		if err != nil {
			return nil, fmt.Errorf("store: unable to encode order %q: %w", o.OrderID, err)
		}
		r.OrderJSON = string(b)
	}
	if len(o.Record.Conflicts) > 0 {
		cs := make([]conflictJSON, len(o.Record.Conflicts))
		for i, c := range o.Record.Conflicts {
			cs[i] = conflictJSON{c.Field, c.LostValue, c.DeviceID, c.At.UTC()}
		}
		b, err := json.Marshal(cs)
		if err != nil {
			return nil, fmt.Errorf("store: unable to encode conflicts of order %q: %w", o.OrderID, err)
		}
		r.ConflictsJSON = string(b)
	}
	return r, nil
}

func (r *orderRow) domain() (*server.OrderRow, error) {
	o := &server.OrderRow{
		OrderID: r.OrderID, Version: r.Version, Deleted: r.Deleted, UpdatedAt: r.WrittenAt.UTC(),
		Record: server.Record{
			Marks: server.Marks{Received: r.Received, DisputeOpened: r.DisputeOpened, Archived: r.Archived},
			Note:  r.Note,
		},
		Versions: server.FieldVersions{Order: r.VOrder, Received: r.VReceived, DisputeOpened: r.VDisputeOpened,
			Archived: r.VArchived, Note: r.VNote, Deleted: r.VDeleted},
		Derived: server.Derived{Status: r.DStatus, Stage: r.DStage, Verdict: r.DVerdict,
			DaysSinceUpdate: r.DDaysSinceUpdate, ProtectionDeadline: r.DProtectionDeadline},
	}
	if o.Derived.ProtectionDeadline != nil {
		t := o.Derived.ProtectionDeadline.UTC()
		o.Derived.ProtectionDeadline = &t
	}
	if r.OrderJSON != "" {
		var ord order.Order
		if err := json.Unmarshal([]byte(r.OrderJSON), &ord); err != nil {
			return nil, fmt.Errorf("store: unable to decode order %q: %w", r.OrderID, err)
		}
		o.Record.Order = &ord
	}
	if r.ConflictsJSON != "" {
		var cs []conflictJSON
		if err := json.Unmarshal([]byte(r.ConflictsJSON), &cs); err != nil {
			return nil, fmt.Errorf("store: unable to decode conflicts of order %q: %w", r.OrderID, err)
		}
		for _, c := range cs {
			o.Record.Conflicts = append(o.Record.Conflicts, server.Conflict{Field: c.Field, LostValue: c.LostValue, DeviceID: c.DeviceID, At: c.At})
		}
	}
	return o, nil
}

func hashHex(b []byte) string { return hex.EncodeToString(b) }
