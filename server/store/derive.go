package store

import (
	"encoding/json"
	"time"

	"github.com/orderwatch/orderwatch/server"
	"github.com/orderwatch/orderwatch/shared/order"
)

// deriver recomputes the derived fields of the rows a push writes. server.Derive is a pure
// function of the order, the received and dispute_opened marks and the time, so a result
// computed before the write transaction from a mutation's patch alone (a guess: the marks the
// patch sets, defaults otherwise, as for a new order) is used whenever the row ends up with
// exactly those inputs: the same order value (the patch's own pointer), equal marks and the
// same time. Any other row is derived inside the transaction as before. This takes the core's
// work, the biggest part of a push of new orders, off SQLite's only writer. For the same
// reason the orders the patches carry are encoded for their row beforehand (encoded).
type deriver struct {
	now     time.Time
	guesses map[*order.Order]guess
	encoded map[*order.Order]string
}

type guess struct {
	received *bool
	dispute  bool
	derived  server.Derived
}

func newDeriver(muts []server.Mutation, now time.Time) *deriver {
	d := &deriver{now: now.UTC(), guesses: map[*order.Order]guess{}, encoded: map[*order.Order]string{}}
	for _, m := range muts {
		p := m.Patch
		if m.Op != server.OpUpsert || !p.SetOrder || p.Order == nil {
			continue
		}
		g := guess{}
		if p.SetReceived {
			g.received = p.Received
		}
		if p.SetDisputeOpened {
			g.dispute = p.DisputeOpened
		}
		g.derived = server.Derive(m.OrderID, server.Record{Order: p.Order,
			Marks: server.Marks{Received: g.received, DisputeOpened: g.dispute}}, d.now)
		d.guesses[p.Order] = g
		if b, err := json.Marshal(p.Order); err == nil {
			d.encoded[p.Order] = string(b)
		} // else toOrderRow meets and reports the error
	}
	return d
}

// derive sets row's derived fields.
func (d *deriver) derive(row *server.OrderRow) {
	r := row.Record
	if g, ok := d.guesses[r.Order]; ok && r.Order != nil && sameBool(g.received, r.Marks.Received) && g.dispute == r.Marks.DisputeOpened {
		row.Derived = g.derived
		return
	}
	row.Derived = server.Derive(row.OrderID, r, d.now)
}

func sameBool(a, b *bool) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
