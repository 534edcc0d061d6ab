package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/orderwatch/orderwatch/server"
	"gorm.io/gorm"
)

var _ server.OrderStore = (*DB)(nil)

// lockUser starts the user's part of a write transaction: it takes the user's row lock on
// PostgreSQL (SQLite's immediate transaction already holds the database's only write lock)
// and returns the change counter. Versions handed out after it commit in counter order,
// so a pull's cursor never skips a row.
func lockUser(tx *gorm.DB, userID int64) (int64, error) {
	var seqs []int64
	if err := tx.Raw("UPDATE users SET seq = seq WHERE id = ? RETURNING seq", userID).Scan(&seqs).Error; err != nil {
		return 0, fmt.Errorf("store: unable to lock user %d: %w", userID, err)
	}
	if len(seqs) != 1 {
		// The account was deleted while its access token was still in flight.
		return 0, server.Errorf(server.EUNAUTHORIZED, "Sign in again.")
	}
	return seqs[0], nil
}

func saveSeq(tx *gorm.DB, userID, seq int64) error {
	if err := tx.Model(&userRow{}).Where("id = ?", userID).Update("seq", seq).Error; err != nil {
		return fmt.Errorf("store: unable to advance the counter of user %d: %w", userID, err)
	}
	return nil
}

// findRow returns the user's row for orderID, tombstones included, or nil.
func findRow(tx *gorm.DB, userID int64, orderID string) (*server.OrderRow, error) {
	var r orderRow
	res := tx.Scopes(byUser(userID)).Where("order_id = ?", orderID).Limit(1).Find(&r)
	if res.Error != nil {
		return nil, fmt.Errorf("store: unable to find order %q: %w", orderID, res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, nil
	}
	return r.domain()
}

// saveRow overwrites an existing row, every column but the key, so that clearing a field
// really clears it.
func (db *DB) saveRow(tx *gorm.DB, userID int64, row *server.OrderRow) error {
	r, err := toOrderRow(userID, row, nil)
	if err != nil {
		return err
	}
	return db.updateOrders(tx, []*orderRow{r})
}

// Push implements server.OrderStore: one push, one transaction, answered after its commit.
// (A group commit of several users' pushes in one transaction was tried: on the development
// machine it lowered push throughput by a third, see README "Speed".)
func (db *DB) Push(ctx context.Context, userID int64, deviceID string, muts []server.Mutation, now time.Time) ([]server.MutationResult, error) {
	d := newDeriver(muts, now) // before taking the writer
	var results []server.MutationResult
	err := db.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		results, err = db.push(tx, userID, muts, now, d)
		return err
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// push applies one push inside tx. The mutations and orders it names are read with one query
// each; rows and mutation records are written as described at writeStmts.
func (db *DB) push(tx *gorm.DB, userID int64, muts []server.Mutation, now time.Time, d *deriver) ([]server.MutationResult, error) {
	now = now.UTC()
	results := make([]server.MutationResult, len(muts))
	seq, err := lockUser(tx, userID)
	if err != nil {
		return nil, err
	}
	seen, err := findMutations(tx, userID, muts)
	if err != nil {
		return nil, err
	}
	rows, err := findRows(tx, userID, muts)
	if err != nil {
		return nil, err
	}
	next := seq
	existed := map[string]bool{}
	for id := range rows {
		existed[id] = true
	}
	dirty := map[string]bool{}
	stale := map[string]bool{} // upserted by this push, derived fields not yet recomputed
	var order []string         // dirty order ids, in first-write order
	var records []mutationRow
	for i, m := range muts {
		res := &results[i]
		res.MutationID = m.ID
		if prev, ok := seen[m.ID]; ok {
			if prev.Fingerprint != hashHex(m.Fingerprint) {
				res.Status = server.StatusRejected
				res.Err = server.Errorf(server.ECONFLICT, "mutation_id %q was already used for a different change.", m.ID)
				continue
			}
			res.Status, res.Version, res.Merged = server.StatusApplied, prev.Version, prev.Merged
			continue
		}
		row := rows[m.OrderID]
		if fields := server.ConflictingFields(row, m.Op, m.BaseVersion, m.Patch); len(fields) > 0 {
			if stale[m.OrderID] {
				d.derive(row)
				delete(stale, m.OrderID)
			}
			snapshot := *row
			res.Status, res.ConflictingFields, res.Row = server.StatusConflict, fields, &snapshot
			continue
		}
		if row != nil && row.Deleted && m.Op == server.OpDelete {
			res.Status, res.Version = server.StatusApplied, row.Version
		} else {
			if row == nil {
				row = &server.OrderRow{OrderID: m.OrderID}
				rows[m.OrderID] = row
			}
			res.Merged = existed[m.OrderID] && m.BaseVersion != row.Version
			next++
			row.ApplyFields(m.Op, m.Patch, next, now)
			stale[m.OrderID] = !row.Deleted
			if !dirty[m.OrderID] {
				dirty[m.OrderID] = true
				order = append(order, m.OrderID)
			}
			res.Status, res.Version = server.StatusApplied, next
		}
		rec := mutationRow{UserID: userID, MutationID: m.ID, Fingerprint: hashHex(m.Fingerprint),
			OrderID: m.OrderID, Version: res.Version, Merged: res.Merged, CreatedAt: now}
		records = append(records, rec)
		seen[m.ID] = rec
	}
	var inserts, updates []*orderRow
	for _, id := range order {
		if stale[id] {
			d.derive(rows[id])
		}
		r, err := toOrderRow(userID, rows[id], d.encoded)
		if err != nil {
			return nil, err
		}
		if existed[id] {
			updates = append(updates, r)
		} else {
			inserts = append(inserts, r)
		}
	}
	if err := db.updateOrders(tx, updates); err != nil {
		return nil, err
	}
	if err := db.insertOrders(tx, inserts); err != nil {
		return nil, err
	}
	if err := db.insertMutations(tx, records); err != nil {
		return nil, err
	}
	if next != seq {
		if err := saveSeq(tx, userID, next); err != nil {
			return nil, err
		}
	}
	return results, nil
}

// findMutations returns the already applied mutations among muts, by id.
func findMutations(tx *gorm.DB, userID int64, muts []server.Mutation) (map[string]mutationRow, error) {
	ids := make([]string, len(muts))
	for i, m := range muts {
		ids[i] = m.ID
	}
	var found []mutationRow
	if len(ids) > 0 {
		if err := tx.Scopes(byUser(userID)).Where("mutation_id IN ?", ids).Find(&found).Error; err != nil {
			return nil, fmt.Errorf("store: unable to look up mutations: %w", err)
		}
	}
	out := make(map[string]mutationRow, len(found))
	for _, r := range found {
		out[r.MutationID] = r
	}
	return out, nil
}

// findRows returns the user's rows for the orders muts name, tombstones included, by id.
func findRows(tx *gorm.DB, userID int64, muts []server.Mutation) (map[string]*server.OrderRow, error) {
	ids := make([]string, 0, len(muts))
	for _, m := range muts {
		ids = append(ids, m.OrderID)
	}
	var found []orderRow
	if len(ids) > 0 {
		if err := tx.Scopes(byUser(userID)).Where("order_id IN ?", ids).Find(&found).Error; err != nil {
			return nil, fmt.Errorf("store: unable to look up orders: %w", err)
		}
	}
	out := make(map[string]*server.OrderRow, len(found))
	for i := range found {
		o, err := found[i].domain()
		if err != nil {
			return nil, err
		}
		out[o.OrderID] = o
	}
	return out, nil
}

// Write implements server.OrderStore.
func (db *DB) Write(ctx context.Context, userID int64, orderID string, op server.Op, base *int64, p server.Patch, now time.Time) (*server.OrderRow, error) {
	now = now.UTC()
	var out *server.OrderRow
	err := db.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		seq, err := lockUser(tx, userID)
		if err != nil {
			return err
		}
		row, err := findRow(tx, userID, orderID)
		if err != nil {
			return err
		}
		if row == nil || row.Deleted {
			return server.Errorf(server.ENOTFOUND, "Order not found.")
		}
		b := row.Version
		if base != nil {
			b = *base
		}
		if fields := server.ConflictingFields(row, op, b, p); len(fields) > 0 {
			return server.Errorf(server.ECONFLICT, "Changed since version %d by another browser: %s. Fetch the order and retry.", b, strings.Join(fields, ", "))
		}
		row.Apply(op, p, seq+1, now)
		if err := db.saveRow(tx, userID, row); err != nil {
			return err
		}
		out = row
		return saveSeq(tx, userID, seq+1)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindOrder implements server.OrderStore.
func (db *DB) FindOrder(ctx context.Context, userID int64, orderID string) (*server.OrderRow, error) {
	row, err := findRow(db.r.WithContext(ctx), userID, orderID)
	if err != nil {
		return nil, err
	}
	if row == nil || row.Deleted {
		return nil, server.Errorf(server.ENOTFOUND, "Order not found.")
	}
	return row, nil
}

// FindOrders implements server.OrderStore.
func (db *DB) FindOrders(ctx context.Context, userID int64) ([]*server.OrderRow, error) {
	var rows []orderRow
	if err := db.r.WithContext(ctx).Scopes(byUser(userID)).Where("deleted = ?", false).Order("version").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list the orders of user %d: %w", userID, err)
	}
	return domainRows(rows)
}

func domainRows(rows []orderRow) ([]*server.OrderRow, error) {
	out := make([]*server.OrderRow, 0, len(rows))
	for i := range rows {
		o, err := rows[i].domain()
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// Changes implements server.OrderStore. Its cost depends on the page size, not on the size
// of the database: both reads are index seeks ((id) and (user_id, version)). They run
// outside a transaction: a purge between them only removes rows the cursor check allowed.
func (db *DB) Changes(ctx context.Context, userID int64, since int64, limit int) (*server.ChangePage, error) {
	page := &server.ChangePage{Cursor: since}
	q := db.r.WithContext(ctx)
	var u userRow
	res := q.Select("horizon").Where("id = ?", userID).Limit(1).Find(&u)
	if res.Error != nil {
		return nil, fmt.Errorf("store: unable to read the horizon of user %d: %w", userID, res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, server.Errorf(server.EUNAUTHORIZED, "Sign in again.")
	}
	if since > 0 && since < u.Horizon {
		return nil, server.Errorf(server.EGONE, "Cursor %d is older than the tombstone horizon %d: resync from scratch (since=0).", since, u.Horizon)
	}
	var rows []orderRow
	if err := q.Scopes(byUser(userID)).Where("version > ?", since).Order("version").Limit(limit + 1).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read changes of user %d: %w", userID, err)
	}
	if len(rows) > limit {
		rows, page.HasMore = rows[:limit], true
	}
	changes, err := domainRows(rows)
	if err != nil {
		return nil, err
	}
	page.Changes = changes
	if n := len(changes); n > 0 {
		page.Cursor = changes[n-1].Version
	}
	return page, nil
}

// PurgeTombstones implements server.OrderStore.
func (db *DB) PurgeTombstones(ctx context.Context, cutoff time.Time) (int64, error) {
	var purged int64
	err := db.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var horizons []struct {
			UserID int64
			MaxVer int64
		}
		if err := tx.Model(&orderRow{}).Select("user_id, MAX(version) AS max_ver").
			Where("deleted = ? AND updated_at < ?", true, cutoff.UTC()).Group("user_id").Scan(&horizons).Error; err != nil {
			return err
		}
		for _, h := range horizons {
			if err := tx.Model(&userRow{}).Where("id = ? AND horizon < ?", h.UserID, h.MaxVer).Update("horizon", h.MaxVer).Error; err != nil {
				return err
			}
			res := tx.Scopes(byUser(h.UserID)).Where("deleted = ? AND version <= ?", true, h.MaxVer).Delete(&orderRow{})
			if res.Error != nil {
				return res.Error
			}
			purged += res.RowsAffected
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: unable to purge tombstones: %w", err)
	}
	return purged, nil
}
