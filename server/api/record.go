package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"strconv"
	"time"

	"github.com/orderwatch/orderwatch/server"
	"github.com/orderwatch/orderwatch/shared/order"
)

// recordIn is the sync record as a client sends it (the "data" of a push mutation and the
// body of PUT). Fields are raw so that "absent" (unchanged) differs from null.
type recordIn struct {
	Order     json.RawMessage `json:"order"`
	Marks     json.RawMessage `json:"marks"`
	Note      json.RawMessage `json:"note"`
	Conflicts []conflictIn    `json:"conflicts"`
}

type marksIn struct {
	Received      json.RawMessage `json:"received"`
	DisputeOpened json.RawMessage `json:"dispute_opened"`
	Archived      json.RawMessage `json:"archived"`
}

type conflictIn struct {
	Field     string `json:"field"`
	LostValue string `json:"lost_value"`
	DeviceID  string `json:"device_id"`
	At        string `json:"at"`
}

func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

// decodePatch reads the sync record data of order orderID into a patch, validating every
// field: strict JSON, the limits of package server, and the buyer's city dropped.
func decodePatch(orderID string, data []byte) (server.Patch, error) {
	var p server.Patch
	var in recordIn
	if err := decodeStrict(data, &in); err != nil {
		return p, err
	}
	if in.Order != nil {
		p.SetOrder = true
		if !isNull(in.Order) {
			var o order.Order
			if err := decodeStrict(in.Order, &o); err != nil {
				return p, server.Errorf(server.EINVALID, "order: %s", server.ErrorMessage(err))
			}
			if err := server.CleanOrder(orderID, &o); err != nil {
				return p, err
			}
			p.Order = &o
		}
	}
	if in.Marks != nil {
		var m marksIn
		if err := decodeStrict(in.Marks, &m); err != nil || isNull(in.Marks) {
			return p, server.Errorf(server.EINVALID, "marks must be an object of received, dispute_opened and archived.")
		}
		if m.Received != nil {
			p.SetReceived = true
			if !isNull(m.Received) {
				var b bool
				if err := json.Unmarshal(m.Received, &b); err != nil {
					return p, server.Errorf(server.EINVALID, "marks.received must be true, false or null.")
				}
				p.Received = &b
			}
		}
		for _, f := range []struct {
			name string
			raw  json.RawMessage
			set  *bool
			v    *bool
		}{{"marks.dispute_opened", m.DisputeOpened, &p.SetDisputeOpened, &p.DisputeOpened}, {"marks.archived", m.Archived, &p.SetArchived, &p.Archived}} {
			if f.raw == nil {
				continue
			}
			if isNull(f.raw) || json.Unmarshal(f.raw, f.v) != nil {
				return p, server.Errorf(server.EINVALID, "%s must be true or false.", f.name)
			}
			*f.set = true
		}
	}
	if in.Note != nil {
		if isNull(in.Note) || json.Unmarshal(in.Note, &p.Note) != nil {
			return p, server.Errorf(server.EINVALID, "note must be a string.")
		}
		if err := server.ValidateNote(p.Note); err != nil {
			return p, err
		}
		p.SetNote = true
	}
	if len(in.Conflicts) > server.MaxConflicts {
		return p, server.Errorf(server.EINVALID, "conflicts has more than %d entries.", server.MaxConflicts)
	}
	for _, ci := range in.Conflicts {
		at, err := time.Parse(time.RFC3339, ci.At)
		if err != nil {
			return p, server.Errorf(server.EINVALID, "conflicts[].at must be an RFC 3339 time.")
		}
		c := server.Conflict{Field: ci.Field, LostValue: ci.LostValue, DeviceID: ci.DeviceID, At: at.UTC()}
		if err := server.ValidateConflict(c); err != nil {
			return p, err
		}
		p.Conflicts = append(p.Conflicts, c)
	}
	return p, nil
}

// fingerprint identifies a mutation's payload: the same mutation_id retried must carry it.
func fingerprint(orderID string, op server.Op, base int64, data []byte) []byte {
	var compact bytes.Buffer
	if len(data) > 0 && json.Compact(&compact, data) != nil {
		compact.Write(data)
	}
	h := sha256.New()
	h.Write([]byte(orderID + "\x00" + string(op) + "\x00" + strconv.FormatInt(base, 10) + "\x00"))
	h.Write(compact.Bytes())
	return h.Sum(nil)
}

// rowOut is an order as GET and pull return it.
type rowOut struct {
	OrderID   string      `json:"order_id"`
	Version   int64       `json:"version"`
	Deleted   bool        `json:"deleted"`
	UpdatedAt time.Time   `json:"updated_at"`
	Data      recordOut   `json:"data"`
	Derived   *derivedOut `json:"derived"` // null for tombstones
}

// recordOut is the stored sync record; a tombstone's is {}.
type recordOut struct {
	Order     *order.Order   `json:"order,omitempty"` // absent when known only by its id
	Marks     *marksOut      `json:"marks,omitempty"`
	Note      *string        `json:"note,omitempty"`
	Conflicts *[]conflictOut `json:"conflicts,omitempty"` // [] for live rows
}

type marksOut struct {
	Received      *bool `json:"received"`
	DisputeOpened bool  `json:"dispute_opened"`
	Archived      bool  `json:"archived"`
}

type conflictOut struct {
	Field     string    `json:"field"`
	LostValue string    `json:"lost_value"`
	DeviceID  string    `json:"device_id,omitempty"`
	At        time.Time `json:"at"`
}

type derivedOut struct {
	Status             string     `json:"status"`
	Stage              string     `json:"stage"`
	Verdict            string     `json:"verdict"`
	DaysSinceUpdate    *int       `json:"days_since_update"`
	ProtectionDeadline *time.Time `json:"protection_deadline"`
}

func toRowOut(r *server.OrderRow) rowOut {
	out := rowOut{OrderID: r.OrderID, Version: r.Version, Deleted: r.Deleted, UpdatedAt: r.UpdatedAt.UTC()}
	if r.Deleted {
		return out
	}
	rec := r.Record
	note := rec.Note
	out.Data = recordOut{
		Order: rec.Order,
		Marks: &marksOut{Received: rec.Marks.Received, DisputeOpened: rec.Marks.DisputeOpened, Archived: rec.Marks.Archived},
		Note:  &note,
	}
	cs := make([]conflictOut, 0, len(rec.Conflicts))
	for _, c := range rec.Conflicts {
		cs = append(cs, conflictOut{c.Field, c.LostValue, c.DeviceID, c.At.UTC()})
	}
	out.Data.Conflicts = &cs
	d := r.Derived
	out.Derived = &derivedOut{Status: d.Status, Stage: d.Stage, Verdict: d.Verdict, DaysSinceUpdate: d.DaysSinceUpdate, ProtectionDeadline: d.ProtectionDeadline}
	return out
}

func toRowsOut(rows []*server.OrderRow) []rowOut {
	out := make([]rowOut, len(rows))
	for i, r := range rows {
		out[i] = toRowOut(r)
	}
	return out
}
