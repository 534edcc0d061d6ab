package api

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/server"
)

// encodePush writes decoded mutations back as a push body, the way a client would send them.
func encodePush(t *testing.T, deviceID string, muts []server.Mutation) []byte {
	t.Helper()
	type record struct {
		Order     any            `json:"order,omitempty"`
		Marks     map[string]any `json:"marks,omitempty"`
		Note      *string        `json:"note,omitempty"`
		Conflicts []conflictIn   `json:"conflicts,omitempty"`
	}
	ms := []map[string]any{}
	for _, m := range muts {
		out := map[string]any{"mutation_id": m.ID, "order_id": m.OrderID, "base_version": m.BaseVersion, "op": string(m.Op)}
		if m.Op == server.OpUpsert {
			p := m.Patch
			var r record
			if p.SetOrder {
				if p.Order == nil {
					r.Order = json.RawMessage("null")
				} else {
					r.Order = p.Order
				}
			}
			marks := map[string]any{}
			if p.SetReceived {
				marks["received"] = p.Received
			}
			if p.SetDisputeOpened {
				marks["dispute_opened"] = p.DisputeOpened
			}
			if p.SetArchived {
				marks["archived"] = p.Archived
			}
			if len(marks) > 0 {
				r.Marks = marks
			}
			if p.SetNote {
				r.Note = &p.Note
			}
			for _, c := range p.Conflicts {
				r.Conflicts = append(r.Conflicts, conflictIn{c.Field, c.LostValue, c.DeviceID, c.At.Format(time.RFC3339)})
			}
			out["data"] = r
		}
		ms = append(ms, out)
	}
	b, err := json.Marshal(map[string]any{"device_id": deviceID, "mutations": ms})
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

// FuzzDecodePush: any input is either refused or gives mutations that are within the limits
// and survive an encode→decode round trip unchanged.
func FuzzDecodePush(f *testing.F) {
	f.Add([]byte(`{"device_id":"d","mutations":[{"mutation_id":"m1","order_id":"8214937669763641","base_version":0,"op":"upsert","data":{"order":{"parcels":[{"numbers":[{"number":"LP00123456789012"}],"events":[{"time":"2026-02-23T10:05:00+08:00","text":"Accepted"}]}],"buyer":{"city":"Leeds"}},"marks":{"received":null,"archived":true},"note":"n","conflicts":[{"field":"note","lost_value":"x","at":"2026-03-01T00:00:00Z"}]}}]}`))
	f.Add([]byte(`{"device_id":"d","mutations":[{"mutation_id":"m2","order_id":"manual-3b241101-e2bb-4255-8caf-4136c566a962","base_version":3,"op":"delete"}]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"device_id":"d","device_id":"e","mutations":[]}`))
	f.Add([]byte(`{"device_id":"d","mutations":[{"mutation_id":"m","order_id":"12345678901234","base_version":0,"op":"upsert","data":{"order":null}}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		deviceID, muts, err := decodePush(body)
		if err != nil {
			if server.ErrorCode(err) != server.EINVALID {
				t.Fatalf("error code %q, want invalid: %v", server.ErrorCode(err), err)
			}
			return
		}
		if len(muts) > server.MaxPushMutations {
			t.Fatalf("%d mutations accepted", len(muts))
		}
		for _, m := range muts {
			if server.ValidateOrderID(m.OrderID) != nil || server.ValidateClientID("id", m.ID) != nil || m.BaseVersion < 0 {
				t.Fatalf("invalid mutation accepted: %+v", m)
			}
			if m.Patch.Order != nil && m.Patch.Order.Buyer.City != "" {
				t.Fatal("the buyer's city survived decoding")
			}
		}
		j1 := encodePush(t, deviceID, muts)
		d2, m2, err := decodePush(j1)
		if err != nil {
			t.Fatalf("re-encoded push refused: %v\n%s", err, j1)
		}
		if j2 := encodePush(t, d2, m2); !bytes.Equal(j1, j2) {
			t.Fatalf("round trip changed the push:\n%s\n%s", j1, j2)
		}
	})
}

// FuzzCursor: only non-negative int64 values in their one decimal spelling are accepted.
func FuzzCursor(f *testing.F) {
	for _, s := range []string{"0", "1", "42", "-1", "9223372036854775807", "9223372036854775808", "1e3", "01", "+1", " 1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseCursor(s)
		if err != nil {
			return
		}
		if v < 0 {
			t.Fatalf("ParseCursor(%q) = %d, negative", s, v)
		}
		if got := strconv.FormatInt(v, 10); got != s {
			t.Fatalf("ParseCursor(%q) = %d, which does not round-trip (%q)", s, v, got)
		}
	})
}

// FuzzAuthParse: the fuzzer cannot forge our HMAC, so any token parseAccess accepts is a bug.
// The seeds are real-looking tokens signed with another key, alg none, and junk.
func FuzzAuthParse(f *testing.F) {
	srv, err := NewServer(Config{Secret: []byte("fuzz secret that nobody else knows!!"), Now: func() time.Time { return time.Unix(1773144000, 0) }}, nil, nil)
	if err != nil {
		f.Fatal(err)
	}
	other, _ := NewServer(Config{Secret: []byte("another secret of at least 32 bytes!")}, nil, nil)
	tok, err := other.mintAccess(1, "00000000-0000-0000-0000-000000000000", time.Unix(1773144000, 0))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{tok, "a.b.c", "....", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", "", strings.Repeat(".", 3000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if id, sid, err := srv.parseAccess(raw); err == nil {
			t.Fatalf("forged token accepted: user %d session %q from %q", id, sid, raw)
		}
	})
}
