package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestUsersCannotReachEachOther plays user B against user A's order on every route.
func TestUsersCannotReachEachOther(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, a := e.user()
		_, b := e.user()
		oa := orderID(77)
		e.push(a.AccessToken, mut(newMutationID(), oa, 0, "upsert", trackedOrder))
		e.push(a.AccessToken, mut(newMutationID(), orderID(78), 0, "upsert", `{"note":"A's second"}`))
		before := e.do("GET", "/api/v1/orders/"+oa, a.AccessToken, nil)
		want(t, before, 200)
		aFeed := e.pull(a.AccessToken, "?since=0")

		t.Run("GET", func(t *testing.T) {
			r := e.do("GET", "/api/v1/orders/"+oa, b.AccessToken, nil)
			want(t, r, 404)
			if bytes.Contains(r.Body, []byte("LP00123456789012")) || bytes.Contains(r.Body, []byte("from the page")) {
				t.Errorf("404 body leaks A's data: %s", r.Body)
			}
		})
		t.Run("PUT", func(t *testing.T) {
			want(t, e.do("PUT", "/api/v1/orders/"+oa, b.AccessToken, `{"note":"B was here"}`), 404)
			want(t, e.do("PUT", "/api/v1/orders/"+oa, b.AccessToken, `{"note":"B was here"}`, "If-Match", `"1"`), 404)
		})
		t.Run("DELETE", func(t *testing.T) {
			want(t, e.do("DELETE", "/api/v1/orders/"+oa, b.AccessToken, nil), 404)
		})
		t.Run("list", func(t *testing.T) {
			r := e.do("GET", "/api/v1/orders", b.AccessToken, nil)
			want(t, r, 200)
			if string(r.Body) != `{"orders":[]}`+"\n" {
				t.Errorf("B's list = %s", r.Body)
			}
		})
		t.Run("push A's id creates B's own row", func(t *testing.T) {
			res := e.push(b.AccessToken, mut(newMutationID(), oa, 0, "upsert", `{"note":"B's own"}`))
			if res[0].Status != "applied" || res[0].Version != 1 {
				t.Errorf("B's push = %+v", res[0])
			}
			// A delete with a made-up base from A's feed stays in B's rows too.
			res = e.push(b.AccessToken, mut(newMutationID(), orderID(78), aFeed.Cursor, "delete", ""))
			if res[0].Status != "applied" {
				t.Errorf("B's delete = %+v", res[0])
			}
		})
		t.Run("pull", func(t *testing.T) {
			for _, q := range []string{"?since=0", fmt.Sprintf("?since=%d", aFeed.Cursor-1), "?since=0&user_id=1"} {
				p := e.pull(b.AccessToken, q)
				for _, c := range p.Changes {
					if bytes.Contains(c.Data, []byte("from the page")) || bytes.Contains(c.Data, []byte("A's second")) {
						t.Errorf("%s: B sees A's data: %s", q, c.Data)
					}
				}
			}
			if p := e.pull(b.AccessToken, "?since=0"); len(p.Changes) != 2 {
				t.Errorf("B's feed has %d changes, want its own 2", len(p.Changes))
			}
		})
		after := e.do("GET", "/api/v1/orders/"+oa, a.AccessToken, nil)
		if !bytes.Equal(before.Body, after.Body) {
			t.Errorf("A's order changed:\nbefore %s\nafter  %s", before.Body, after.Body)
		}
		if p := e.pull(a.AccessToken, "?since=0"); p.Cursor != aFeed.Cursor || len(p.Changes) != len(aFeed.Changes) {
			t.Errorf("A's feed changed: %+v", p)
		}
	})
}

// TestConcurrentPushers runs 50 clients pushing at once: none may see an error, and every
// acknowledged mutation is in the feed exactly once with unique, gap-free versions.
func TestConcurrentPushers(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		const users, devices, batches, perBatch = 10, 5, 4, 10
		toks := make([]tokens, users)
		for i := range toks {
			_, toks[i] = e.user()
		}
		// A browser of user 0 pulls small pages while the writers write; its replica must
		// end up equal to the database, with cursors that only go up (no skipped rows).
		replica := map[string]int64{}
		pullerDone := make(chan struct{})
		writersDone := make(chan struct{})
		go func() {
			defer close(pullerDone)
			cursor := int64(0)
			for {
				select {
				case <-writersDone:
					return
				default:
				}
				r, err := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/sync/pull?since=%d&limit=7", e.url, cursor), nil)
				if err != nil {
					return
				}
				r.Header.Set("Authorization", "Bearer "+toks[0].AccessToken)
				res, err := http.DefaultClient.Do(r)
				if err != nil {
					t.Error(err)
					return
				}
				var p page
				err = json.NewDecoder(res.Body).Decode(&p)
				res.Body.Close()
				if err != nil {
					t.Error(err)
					return
				}
				if p.Cursor < cursor {
					t.Errorf("cursor went back from %d to %d", cursor, p.Cursor)
				}
				for _, c := range p.Changes {
					replica[c.OrderID] = c.Version
				}
				cursor = p.Cursor
			}
		}()
		var wg sync.WaitGroup
		errs := make(chan string, users*devices*batches)
		for u := 0; u < users; u++ {
			for d := 0; d < devices; d++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for b := 0; b < batches; b++ {
						var muts []map[string]any
						for k := 0; k < perBatch; k++ {
							n := ((d*batches)+b)*perBatch + k
							muts = append(muts, mut(fmt.Sprintf("u%d-d%d-%d", u, d, n), orderID(n), 0, "upsert", `{"note":"x"}`))
						}
						body := fmt.Sprintf(`{"device_id":"d%d","mutations":%s}`, d, mustJSON(muts))
						req, _ := http.NewRequest("POST", e.url+"/api/v1/sync/push", strings.NewReader(body))
						req.Header.Set("Content-Type", "application/json")
						req.Header.Set("Authorization", "Bearer "+toks[u].AccessToken)
						res, err := http.DefaultClient.Do(req)
						if err != nil {
							errs <- err.Error()
							return
						}
						b, _ := io.ReadAll(res.Body)
						res.Body.Close()
						if res.StatusCode != 200 || bytes.Contains(b, []byte("locked")) {
							errs <- fmt.Sprintf("status %d: %s", res.StatusCode, b)
						}
					}
				}()
			}
		}
		wg.Wait()
		close(writersDone)
		<-pullerDone
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		// Catch up, then compare.
		cursor := int64(0)
		for _, v := range replica {
			cursor = max(cursor, v)
		}
		for {
			p := e.pull(toks[0].AccessToken, fmt.Sprintf("?since=%d&limit=7", cursor))
			for _, c := range p.Changes {
				replica[c.OrderID] = c.Version
			}
			cursor = p.Cursor
			if !p.HasMore {
				break
			}
		}
		truth := map[string]int64{}
		for _, c := range e.pull(toks[0].AccessToken, "?since=0&limit=500").Changes {
			truth[c.OrderID] = c.Version
		}
		if diff := cmp.Diff(truth, replica); diff != "" {
			t.Errorf("replica pulled during the writes differs from the database (-db +replica):\n%s", diff)
		}
		for u := 0; u < users; u++ {
			p := e.pull(toks[u].AccessToken, "?since=0&limit=500")
			if len(p.Changes) != devices*batches*perBatch {
				t.Errorf("user %d has %d rows, want %d", u, len(p.Changes), devices*batches*perBatch)
			}
			for i, c := range p.Changes {
				if c.Version != int64(i+1) {
					t.Fatalf("user %d: change %d has version %d: versions must be 1..n without gaps", u, i, c.Version)
				}
			}
		}
	})
}

func mustJSON(v any) string {
	var b bytes.Buffer
	if err := jsonEncode(&b, v); err != nil {
		panic(err)
	}
	return strings.TrimSpace(b.String())
}
