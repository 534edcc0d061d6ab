package server

import (
	"slices"
	"time"

	"github.com/orderwatch/orderwatch/shared/assess"
	"github.com/orderwatch/orderwatch/shared/order"
)

// The mergeable fields of a synced order, named as in the sync record's JSON. The sync
// protocol keeps one version per field so that two browsers editing different fields both win.
const (
	FieldOrder         = "order"
	FieldReceived      = "marks.received"
	FieldDisputeOpened = "marks.dispute_opened"
	FieldArchived      = "marks.archived"
	FieldNote          = "note"
	// FieldDeleted is not pushed as data; it names the deletion in conflicting_fields.
	FieldDeleted = "deleted"
)

// MergeableFields lists the fields a push may carry.
var MergeableFields = []string{FieldOrder, FieldReceived, FieldDisputeOpened, FieldArchived, FieldNote}

// MaxConflicts is how many conflict entries a record keeps (the newest).
const MaxConflicts = 20

// Record is what a user syncs about one order.
type Record struct {
	Order     *order.Order // the tracking data; nil when the order is known only by its id
	Marks     Marks
	Note      string
	Conflicts []Conflict
}

// Marks are the user's own statements about an order.
type Marks struct {
	Received      *bool // nil: not said
	DisputeOpened bool
	Archived      bool
}

// Conflict records a value that a browser lost to another browser's edit, so that the loser
// can be told instead of losing it silently.
type Conflict struct {
	Field     string
	LostValue string
	DeviceID  string
	At        time.Time
}

// Patch is the fields one push or PUT changes; a field not Set stays as it is.
type Patch struct {
	SetOrder         bool
	Order            *order.Order // nil with SetOrder clears the tracking data
	SetReceived      bool
	Received         *bool
	SetDisputeOpened bool
	DisputeOpened    bool
	SetArchived      bool
	Archived         bool
	SetNote          bool
	Note             string
	Conflicts        []Conflict // appended
}

// Fields lists the mergeable fields the patch sets.
func (p Patch) Fields() []string {
	var fs []string
	if p.SetOrder {
		fs = append(fs, FieldOrder)
	}
	if p.SetReceived {
		fs = append(fs, FieldReceived)
	}
	if p.SetDisputeOpened {
		fs = append(fs, FieldDisputeOpened)
	}
	if p.SetArchived {
		fs = append(fs, FieldArchived)
	}
	if p.SetNote {
		fs = append(fs, FieldNote)
	}
	return fs
}

// FieldVersions holds, per field, the row version that last wrote it.
type FieldVersions struct {
	Order, Received, DisputeOpened, Archived, Note, Deleted int64
}

// Of returns the version of one field.
func (v FieldVersions) Of(field string) int64 {
	switch field {
	case FieldOrder:
		return v.Order
	case FieldReceived:
		return v.Received
	case FieldDisputeOpened:
		return v.DisputeOpened
	case FieldArchived:
		return v.Archived
	case FieldNote:
		return v.Note
	case FieldDeleted:
		return v.Deleted
	}
	return 0
}

// Derived is what the server computes from a record with the core on every write.
type Derived struct {
	Status             string
	Stage              string
	Verdict            string
	DaysSinceUpdate    *int
	ProtectionDeadline *time.Time
}

// OrderRow is one synced order as stored: the record, its versions and derived fields. A
// deleted row is a tombstone: no record, only the id and the version of the deletion.
type OrderRow struct {
	OrderID   string
	Version   int64
	Deleted   bool
	UpdatedAt time.Time
	Record    Record
	Versions  FieldVersions
	Derived   Derived
}

// Op is what a mutation does.
type Op string

// The operations of a push.
const (
	OpUpsert Op = "upsert"
	OpDelete Op = "delete"
)

// Mutation is one change of a push. Fingerprint identifies its payload, so that a retry
// with the same MutationID but other content is recognised.
type Mutation struct {
	ID          string
	OrderID     string
	BaseVersion int64
	Op          Op
	Patch       Patch
	Fingerprint []byte
}

// Mutation result statuses.
const (
	StatusApplied  = "applied"
	StatusConflict = "conflict"
	StatusRejected = "rejected"
)

// MutationResult is the outcome of one mutation.
type MutationResult struct {
	MutationID        string
	Status            string
	Version           int64    // applied: the row's new version
	Merged            bool     // applied on a stale base because no pushed field had changed
	ConflictingFields []string // conflict: the pushed fields changed after the base
	Row               *OrderRow
	Err               *Error // rejected: why
}

// ConflictingFields returns the fields that op with patch p, made on version base, would
// overwrite although they changed after base. row is nil when the order does not exist yet:
// nothing can conflict with it.
func ConflictingFields(row *OrderRow, op Op, base int64, p Patch) []string {
	if row == nil {
		return nil
	}
	var fields []string
	if op == OpDelete {
		if row.Deleted {
			return nil // deleting a tombstone changes nothing
		}
		fields = MergeableFields
	} else {
		fields = p.Fields()
		if row.Deleted {
			// Re-creating an order deleted after base would resurrect it behind the back
			// of whoever deleted it.
			fields = append([]string{FieldDeleted}, fields...)
		}
	}
	var out []string
	for _, f := range fields {
		if row.Versions.Of(f) > base {
			out = append(out, f)
		}
	}
	return out
}

// Apply writes op with patch p onto row as version v at time now, and recomputes the derived
// fields. The caller has checked ConflictingFields.
func (row *OrderRow) Apply(op Op, p Patch, v int64, now time.Time) {
	row.ApplyFields(op, p, v, now)
	if !row.Deleted {
		row.Derived = Derive(row.OrderID, row.Record, now)
	}
}

// ApplyFields is Apply without the derived fields: after an upsert they are stale until the
// caller sets them from Derive (a tombstone has none). It lets a push derive a row once
// after all of its mutations.
func (row *OrderRow) ApplyFields(op Op, p Patch, v int64, now time.Time) {
	row.Version, row.UpdatedAt = v, now
	if op == OpDelete {
		*row = OrderRow{OrderID: row.OrderID, Version: v, Deleted: true, UpdatedAt: now,
			Versions: FieldVersions{v, v, v, v, v, v}}
		return
	}
	if row.Deleted {
		row.Deleted, row.Versions.Deleted = false, v
	}
	r := &row.Record
	if p.SetOrder {
		r.Order, row.Versions.Order = p.Order, v
	}
	if p.SetReceived {
		r.Marks.Received, row.Versions.Received = p.Received, v
	}
	if p.SetDisputeOpened {
		r.Marks.DisputeOpened, row.Versions.DisputeOpened = p.DisputeOpened, v
	}
	if p.SetArchived {
		r.Marks.Archived, row.Versions.Archived = p.Archived, v
	}
	if p.SetNote {
		r.Note, row.Versions.Note = p.Note, v
	}
	if len(p.Conflicts) > 0 {
		r.Conflicts = append(slices.Clone(r.Conflicts), p.Conflicts...)
		if n := len(r.Conflicts); n > MaxConflicts {
			r.Conflicts = r.Conflicts[n-MaxConflicts:]
		}
	}
}

// Derive computes the derived fields of a record with the core, with the user's marks
// standing in for the buyer's facts of the order.
func Derive(orderID string, r Record, now time.Time) (d Derived) {
	o := order.Order{ID: orderID}
	if r.Order != nil {
		o = *r.Order
	}
	o.Buyer.Received = r.Marks.Received
	o.Buyer.DisputeOpened = r.Marks.DisputeOpened
	// The core is pure and tested on its own; a bug there must not cost the user the write
	// that carries their data, so a panic leaves the derived fields empty.
	defer func() {
		if recover() != nil {
			d = Derived{}
		}
	}()
	a := assess.Order(o, assess.Options{Now: now})
	return Derived{
		Status:             string(a.Status),
		Stage:              string(a.Stage),
		Verdict:            string(a.Verdict),
		DaysSinceUpdate:    a.DaysSinceUpdate,
		ProtectionDeadline: a.Protection.Deadline,
	}
}
