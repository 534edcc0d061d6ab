package server_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/server"
)

func TestConflictingFields(t *testing.T) {
	// A row at v7 whose note was written at v5, its order at v7, its marks at v2.
	live := &server.OrderRow{OrderID: "8214937669763641", Version: 7,
		Versions: server.FieldVersions{Order: 7, Received: 2, DisputeOpened: 2, Archived: 2, Note: 5}}
	tomb := &server.OrderRow{OrderID: "8214937669763641", Version: 9, Deleted: true,
		Versions: server.FieldVersions{Order: 9, Received: 9, DisputeOpened: 9, Archived: 9, Note: 9, Deleted: 9}}
	note := server.Patch{SetNote: true, Note: "x"}
	marks := server.Patch{SetArchived: true, Archived: true, SetReceived: true}
	tests := []struct {
		name string
		row  *server.OrderRow
		op   server.Op
		base int64
		p    server.Patch
		want []string
	}{
		{"no row yet", nil, server.OpUpsert, 0, note, nil},
		{"current base", live, server.OpUpsert, 7, note, nil},
		{"stale base, field unchanged since", live, server.OpUpsert, 5, note, nil},
		{"stale base, field changed since", live, server.OpUpsert, 4, note, []string{"note"}},
		{"stale base, other fields only", live, server.OpUpsert, 3, marks, nil},
		{"create on an existing row with data", live, server.OpUpsert, 0, marks, []string{"marks.received", "marks.archived"}},
		{"id-only upsert never conflicts", live, server.OpUpsert, 0, server.Patch{}, nil},
		{"delete on a stale base", live, server.OpDelete, 6, server.Patch{}, []string{"order"}},
		{"delete on the current base", live, server.OpDelete, 7, server.Patch{}, nil},
		{"upsert after a delete it did not see", tomb, server.OpUpsert, 8, note, []string{"deleted", "note"}},
		{"upsert after a delete it saw", tomb, server.OpUpsert, 9, note, nil},
		{"delete a tombstone", tomb, server.OpDelete, 1, server.Patch{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := server.ConflictingFields(tt.row, tt.op, tt.base, tt.p)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ConflictingFields mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestApply(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	yes := true
	row := &server.OrderRow{OrderID: "8214937669763641"}
	row.Apply(server.OpUpsert, server.Patch{SetNote: true, Note: "a", SetReceived: true, Received: &yes}, 1, now)
	row.Apply(server.OpUpsert, server.Patch{SetArchived: true, Archived: true}, 2, now)
	want := server.FieldVersions{Received: 1, Archived: 2, Note: 1}
	if diff := cmp.Diff(want, row.Versions); diff != "" {
		t.Errorf("versions mismatch (-want +got):\n%s", diff)
	}
	if row.Version != 2 || row.Record.Note != "a" || !row.Record.Marks.Archived || row.Derived.Status == "" {
		t.Errorf("row = %+v", row)
	}
	row.Apply(server.OpDelete, server.Patch{}, 3, now)
	if !row.Deleted || row.Record.Note != "" || row.Record.Marks.Received != nil || row.Versions.Deleted != 3 {
		t.Errorf("tombstone keeps data: %+v", row)
	}
	row.Apply(server.OpUpsert, server.Patch{SetNote: true, Note: "back"}, 4, now)
	if row.Deleted || row.Versions.Deleted != 4 || row.Record.Note != "back" {
		t.Errorf("re-created row = %+v", row)
	}
	for i := 0; i < 25; i++ {
		row.Apply(server.OpUpsert, server.Patch{Conflicts: []server.Conflict{{Field: "note", LostValue: string(rune('a' + i)), At: now}}}, int64(5+i), now)
	}
	if n := len(row.Record.Conflicts); n != server.MaxConflicts || row.Record.Conflicts[0].LostValue != "f" {
		t.Errorf("kept %d conflicts starting with %q", n, row.Record.Conflicts[0].LostValue)
	}
}

func TestValidateOrderID(t *testing.T) {
	tests := []struct {
		id string
		ok bool
	}{
		{"8214937669763641", true},
		{"12345678901234", true},
		{"1234567890123456789", true},
		{"1234567890123", false},
		{"12345678901234567890", false},
		{"manual-3b241101-e2bb-4255-8caf-4136c566a962", true},
		{"manual-3B241101-E2BB-4255-8CAF-4136C566A962", false},
		{"manual-{3b241101-e2bb-4255-8caf-4136c566a962}", false},
		{"manual-", false},
		{"８２１４９３７６６９７６３６４１", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			if err := server.ValidateOrderID(tt.id); (err == nil) != tt.ok {
				t.Errorf("ValidateOrderID(%q) = %v, want ok %v", tt.id, err, tt.ok)
			}
		})
	}
}

func TestErrorCodes(t *testing.T) {
	if got := server.ErrorCode(server.Errorf(server.ENOTFOUND, "x")); got != server.ENOTFOUND {
		t.Errorf("code = %q", got)
	}
	if got, msg := server.ErrorCode(errPlain{}), server.ErrorMessage(errPlain{}); got != server.EINTERNAL || msg != "Internal error." {
		t.Errorf("plain error = %q %q: internal details must not leak", got, msg)
	}
}

type errPlain struct{}

func (errPlain) Error() string { return "pq: password authentication failed for user secret" }
