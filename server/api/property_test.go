package api_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEachUserSeesTheReplayOfTheirOwnLog (isolation, shared/DESIGN.md §6): users interleave random upserts
// and deletes on an overlapping set of order ids, with current and stale bases; afterwards
// each user's feed equals a replay of the mutations the server said it applied for that user.
func TestEachUserSeesTheReplayOfTheirOwnLog(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		type state struct {
			Note     string
			Archived bool
			Deleted  bool
			Version  int64
		}
		const users, ops = 3, 150
		rng := rand.New(rand.NewPCG(1, 2))
		toks := make([]string, users)
		models := make([]map[string]*state, users)
		for u := range toks {
			_, tk := e.user()
			toks[u] = tk.AccessToken
			models[u] = map[string]*state{}
		}
		conflicts, merged := 0, 0
		for i := 0; i < ops; i++ {
			u := rng.IntN(users)
			id := orderID(900 + rng.IntN(6)) // the same ids for every user
			m := models[u][id]
			base := int64(0)
			if m != nil {
				base = m.Version
				if rng.IntN(4) == 0 && base > 1 {
					base -= int64(1 + rng.IntN(int(base-1))) // stale
				}
			}
			note, archived := fmt.Sprintf("n%d", i), rng.IntN(2) == 0
			op, data := "upsert", ""
			switch rng.IntN(5) {
			case 0:
				op = "delete"
			case 1:
				data = fmt.Sprintf(`{"marks":{"archived":%v}}`, archived)
			case 2:
				data = fmt.Sprintf(`{"note":%q,"marks":{"archived":%v}}`, note, archived)
			default:
				data = fmt.Sprintf(`{"note":%q}`, note)
			}
			r := e.push(toks[u], mut(newMutationID(), id, base, op, data))[0]
			if r.Status == "conflict" {
				conflicts++
				continue
			}
			if r.Merged {
				merged++
			}
			if r.Status != "applied" {
				t.Fatalf("op %d: %+v", i, r)
			}
			if m == nil {
				m = &state{}
				models[u][id] = m
			}
			m.Version = r.Version
			if op == "delete" {
				*m = state{Deleted: true, Version: r.Version}
				continue
			}
			m.Deleted = false
			var d struct {
				Note  *string
				Marks *struct{ Archived *bool }
			}
			json.Unmarshal([]byte(data), &d)
			if d.Note != nil {
				m.Note = *d.Note
			}
			if d.Marks != nil && d.Marks.Archived != nil {
				m.Archived = *d.Marks.Archived
			}
		}
		if conflicts == 0 || merged == 0 {
			t.Errorf("%d conflicts and %d merges: the random log does not exercise stale bases", conflicts, merged)
		}
		for u := range toks {
			got := map[string]*state{}
			for _, c := range e.pull(toks[u], "?since=0&limit=500").Changes {
				s := &state{Deleted: c.Deleted, Version: c.Version}
				var d struct {
					Note  string
					Marks struct{ Archived bool }
				}
				json.Unmarshal(c.Data, &d)
				s.Note, s.Archived = d.Note, d.Marks.Archived
				got[c.OrderID] = s
			}
			if diff := cmp.Diff(models[u], got); diff != "" {
				t.Errorf("user %d: feed differs from the replay of their log (-replay +feed):\n%s", u, diff)
			}
		}
	})
}
