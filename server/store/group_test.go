package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/server"
)

// TestGroupCommit queues pushes of several users behind a held write lock so that they are
// committed together: every push of a live account is applied with versions 1..n per user
// and no gap, the push of a missing account fails alone, and nothing else is lost.
func TestGroupCommit(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "group.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	var users []int64
	for k := range 3 {
		u, err := db.CreateUser(ctx, fmt.Sprintf("g%d@example.com", k), "x", now)
		if err != nil {
			t.Fatal(err)
		}
		users = append(users, u.ID)
	}
	const gone = int64(1 << 40) // no such account

	hold := db.w.Begin() // the only writer connection: pushes queue behind it
	if hold.Error != nil {
		t.Fatal(hold.Error)
	}
	type outcome struct {
		user    int64
		results []server.MutationResult
		err     error
	}
	const pushes, perPush = 10, 5
	out := make([]outcome, pushes)
	var wg sync.WaitGroup
	for k := range pushes {
		user := users[k%len(users)]
		if k == 4 {
			user = gone
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			muts := make([]server.Mutation, perPush)
			for i := range muts {
				id := fmt.Sprintf("8%015d", k*perPush+i)
				muts[i] = server.Mutation{ID: "m" + id, OrderID: id, Op: server.OpUpsert,
					Patch: server.Patch{SetNote: true, Note: id}, Fingerprint: []byte(id)}
			}
			res, err := db.Push(ctx, user, "d", muts, now)
			out[k] = outcome{user, res, err}
		}()
	}
	time.Sleep(300 * time.Millisecond) // let every push reach the queue
	if err := hold.Rollback().Error; err != nil {
		t.Fatal(err)
	}
	wg.Wait()

	if got := db.group.largest.Load(); got < 2 {
		t.Errorf("largest group = %d pushes, want several", got)
	}
	versions := map[int64][]int64{}
	for k, o := range out {
		if o.user == gone {
			var se *server.Error
			if !errors.As(o.err, &se) || se.Code != server.EUNAUTHORIZED {
				t.Errorf("push %d of a missing account: err %v, want unauthorized", k, o.err)
			}
			continue
		}
		if o.err != nil {
			t.Fatalf("push %d: %v", k, o.err)
		}
		for _, r := range o.results {
			if r.Status != server.StatusApplied {
				t.Fatalf("push %d: %+v", k, r)
			}
			versions[o.user] = append(versions[o.user], r.Version)
		}
	}
	for _, u := range users {
		got := versions[u]
		slices.Sort(got)
		var want []int64
		for v := int64(1); v <= int64(len(got)); v++ {
			want = append(want, v)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("versions of user %d mismatch (-want +got):\n%s", u, diff)
		}
		rows, err := db.FindOrders(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(got) {
			t.Errorf("user %d has %d orders, want %d", u, len(rows), len(got))
		}
	}
	var recorded int64
	if err := db.w.Model(&mutationRow{}).Count(&recorded).Error; err != nil {
		t.Fatal(err)
	}
	if want := int64((pushes - 1) * perPush); recorded != want {
		t.Errorf("%d mutations recorded, want %d", recorded, want)
	}
}
