package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/shared/assess"
	"github.com/orderwatch/orderwatch/shared/order"
)

const trackedOrder = `{"order":{"order_date":"2026-02-21","shipping_method":"AliExpress Standard Shipping",
	"items":[{"title":"<b>USB cable</b><script>alert(1)</script>","quantity":2,"price":"US $6.17"}],
	"parcels":[{"numbers":[{"number":"LP00123456789012","carrier":"Cainiao"}],
	"events":[{"time":"2026-02-23T10:05:00+08:00","text":"Accepted by carrier","location":"Shenzhen"}]}],
	"buyer":{"country":"GB","city":"Leeds","lang":"en"}},
	"marks":{"received":null},"note":"from the page"}`

func TestPushPullRoundTrip(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		res := e.push(tk.AccessToken, mut("m1", orderID(1), 0, "upsert", trackedOrder), mut("m2", "manual-3b241101-e2bb-4255-8caf-4136c566a962", 0, "upsert", `{}`))
		for i, r := range res {
			if r.Status != "applied" || r.Version != int64(i+1) || r.Merged {
				t.Errorf("result %d = %+v, want applied version %d", i, r, i+1)
			}
		}
		p := e.pull(tk.AccessToken, "?since=0")
		if len(p.Changes) != 2 || p.Cursor != 2 || p.HasMore {
			t.Fatalf("pull = %+v", p)
		}
		var data struct {
			Order struct {
				OrderID string `json:"order_id"`
				Items   []struct {
					Title string `json:"title"`
				} `json:"items"`
				Buyer map[string]any `json:"buyer"`
			} `json:"order"`
			Marks     map[string]any `json:"marks"`
			Note      string         `json:"note"`
			Conflicts []any          `json:"conflicts"`
		}
		if err := json.Unmarshal(p.Changes[0].Data, &data); err != nil {
			t.Fatal(err)
		}
		if data.Order.OrderID != orderID(1) || data.Note != "from the page" || data.Conflicts == nil {
			t.Errorf("data = %s", p.Changes[0].Data)
		}
		if _, ok := data.Order.Buyer["city"]; ok {
			t.Errorf("the buyer's city came back: %v", data.Order.Buyer)
		}
		if got := data.Order.Items[0].Title; got != "<b>USB cable</b><script>alert(1)</script>" {
			t.Errorf("title not stored verbatim: %q", got)
		}
		var stored []string
		e.db.Gorm().Table("orders").Pluck("order_json", &stored)
		for _, s := range stored {
			if strings.Contains(s, "Leeds") || strings.Contains(s, "city") {
				t.Errorf("the buyer's city reached the database: %s", s)
			}
		}
		var derived struct {
			Status, Stage, Verdict string
		}
		if err := json.Unmarshal(p.Changes[0].Derived, &derived); err != nil {
			t.Fatal(err)
		}
		if derived.Status == "" || derived.Stage == "" || derived.Verdict == "" {
			t.Errorf("derived fields not computed: %s", p.Changes[0].Derived)
		}
		// GET and the list agree with the pull.
		r := e.do("GET", "/api/v1/orders/"+orderID(1), tk.AccessToken, nil)
		want(t, r, 200)
		var got row
		r.JSON(t, &got)
		if diff := cmp.Diff(string(p.Changes[0].Data), string(got.Data)); diff != "" || r.Header.Get("ETag") != `"1"` {
			t.Errorf("GET differs from pull (ETag %s): %s", r.Header.Get("ETag"), diff)
		}
		r = e.do("GET", "/api/v1/orders", tk.AccessToken, nil)
		var list struct{ Orders []row }
		r.JSON(t, &list)
		if len(list.Orders) != 2 {
			t.Errorf("list has %d orders, want 2", len(list.Orders))
		}
	})
}

func TestDerivedFieldsFollowMarks(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		e.push(tk.AccessToken, mut(newMutationID(), orderID(2), 0, "upsert", trackedOrder))
		e.push(tk.AccessToken, mut(newMutationID(), orderID(2), 1, "upsert", `{"marks":{"received":true,"dispute_opened":true}}`))
		got := e.pull(tk.AccessToken, "?since=1").Changes[0]
		// The server must judge the order as the core does with the marks standing in for
		// the buyer's facts, at the time of the write.
		var data struct{ Order order.Order }
		if err := json.Unmarshal(got.Data, &data); err != nil {
			t.Fatal(err)
		}
		received := true
		data.Order.Buyer.Received, data.Order.Buyer.DisputeOpened = &received, true
		a := assess.Order(data.Order, assess.Options{Now: e.clock.Now()})
		wantDerived, _ := json.Marshal(map[string]any{"status": a.Status, "stage": a.Stage, "verdict": a.Verdict,
			"days_since_update": a.DaysSinceUpdate, "protection_deadline": a.Protection.Deadline})
		var w, g map[string]any
		json.Unmarshal(wantDerived, &w)
		json.Unmarshal(got.Derived, &g)
		if diff := cmp.Diff(w, g); diff != "" {
			t.Errorf("derived mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestStaleBaseConflictsAndNothingIsOverwritten(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		id := orderID(3)
		e.push(tk.AccessToken, mut(newMutationID(), id, 0, "upsert", `{"note":"v1"}`)) // v1
		// Browser A and B both hold v1. A changes the note.
		a := e.push(tk.AccessToken, mut(newMutationID(), id, 1, "upsert", `{"note":"from A"}`))
		if a[0].Status != "applied" || a[0].Version != 2 {
			t.Fatalf("A = %+v", a[0])
		}
		// B edits another field on v1: merged, both win.
		b := e.push(tk.AccessToken, mut(newMutationID(), id, 1, "upsert", `{"marks":{"archived":true}}`))
		if b[0].Status != "applied" || !b[0].Merged || b[0].Version != 3 {
			t.Fatalf("B on another field = %+v, want merged", b[0])
		}
		// B edits the note on v1: conflict with the server row; nothing written.
		c := e.push(tk.AccessToken, mut(newMutationID(), id, 1, "upsert", `{"note":"from B","marks":{"dispute_opened":true}}`))
		if c[0].Status != "conflict" || c[0].Row == nil || c[0].Row.Version != 3 {
			t.Fatalf("B on the note = %+v, want conflict with the row at v3", c[0])
		}
		if diff := cmp.Diff([]string{"note"}, c[0].ConflictingFields); diff != "" {
			t.Errorf("conflicting_fields mismatch (-want +got):\n%s", diff)
		}
		if !strings.Contains(string(c[0].Row.Data), `"note":"from A"`) {
			t.Errorf("conflict row = %s", c[0].Row.Data)
		}
		p := e.pull(tk.AccessToken, "?since=0")
		if p.Cursor != 3 || !strings.Contains(string(p.Changes[0].Data), `"note":"from A"`) || !strings.Contains(string(p.Changes[0].Data), `"dispute_opened":false`) {
			t.Fatalf("after the conflict: %s (cursor %d)", p.Changes[0].Data, p.Cursor)
		}
		// B re-pushes on v3 and records what it replaced; A's next pull shows it.
		at := e.clock.Now().Format(time.RFC3339)
		d := e.push(tk.AccessToken, mut(newMutationID(), id, 3, "upsert",
			`{"note":"from B","conflicts":[{"field":"note","lost_value":"from A","device_id":"browser-b","at":"`+at+`"}]}`))
		if d[0].Status != "applied" || d[0].Version != 4 {
			t.Fatalf("re-push = %+v", d[0])
		}
		p = e.pull(tk.AccessToken, "?since=3")
		var data struct {
			Note      string
			Conflicts []struct {
				Field, LostValue, DeviceID string
			}
		}
		json.Unmarshal(p.Changes[0].Data, &data)
		if data.Note != "from B" || len(data.Conflicts) != 1 || data.Conflicts[0].Field != "note" {
			t.Errorf("after the re-push: %s", p.Changes[0].Data)
		}
	})
}

func TestConflictsKeepTheLastTwenty(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		id := orderID(4)
		at := e.clock.Now().Format(time.RFC3339)
		base := int64(0)
		for i := 0; i < 25; i++ {
			r := e.push(tk.AccessToken, mut(newMutationID(), id, base, "upsert", fmt.Sprintf(`{"conflicts":[{"field":"note","lost_value":"lost %d","at":"%s"}]}`, i, at)))
			base = r[0].Version
		}
		r := e.do("GET", "/api/v1/orders/"+id, tk.AccessToken, nil)
		var got struct {
			Data struct {
				Conflicts []struct {
					LostValue string `json:"lost_value"`
				}
			}
		}
		r.JSON(t, &got)
		if n := len(got.Data.Conflicts); n != 20 || got.Data.Conflicts[0].LostValue != "lost 5" || got.Data.Conflicts[19].LostValue != "lost 24" {
			t.Errorf("kept %d conflicts: %+v", n, got.Data.Conflicts)
		}
	})
}

func TestIdempotentRetry(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		m := mut("retry-1", orderID(5), 0, "upsert", `{"note":"once"}`)
		first := e.push(tk.AccessToken, m)
		again := e.push(tk.AccessToken, m)
		if diff := cmp.Diff(first, again); diff != "" {
			t.Errorf("retry gave another result (-first +again):\n%s", diff)
		}
		if p := e.pull(tk.AccessToken, ""); p.Cursor != 1 || len(p.Changes) != 1 {
			t.Errorf("after a retry the counter is %d, want 1 (applied once)", p.Cursor)
		}
		// The same id inside one batch is applied once too.
		twice := e.push(tk.AccessToken, mut("retry-2", orderID(6), 0, "upsert", `{}`), mut("retry-2", orderID(6), 0, "upsert", `{}`))
		if twice[0].Version != twice[1].Version || twice[0].Version != 2 {
			t.Errorf("duplicate in one batch: %+v", twice)
		}
		// The same id for another change is refused and changes nothing.
		other := e.push(tk.AccessToken, mut("retry-1", orderID(5), 0, "upsert", `{"note":"something else"}`))
		if other[0].Status != "rejected" || other[0].Error == nil || other[0].Error.Code != "conflict" {
			t.Errorf("reused mutation_id = %+v, want rejected/conflict", other[0])
		}
		r := e.do("GET", "/api/v1/orders/"+orderID(5), tk.AccessToken, nil)
		if !strings.Contains(string(r.Body), `"note":"once"`) {
			t.Errorf("reused mutation_id changed the order: %s", r.Body)
		}
	})
}

func TestCreateRaceHasOneWinner(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		const n = 6
		results := make([]result, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = e.push(tk.AccessToken, mut(newMutationID(), orderID(7), 0, "upsert", fmt.Sprintf(`{"note":"device %d"}`, i)))[0]
			}()
		}
		wg.Wait()
		applied := 0
		for _, r := range results {
			if r.Status == "applied" {
				applied++
			} else if r.Status != "conflict" {
				t.Errorf("result %+v", r)
			}
		}
		if applied != 1 {
			t.Errorf("%d creates applied, want exactly 1", applied)
		}
	})
}

func TestTombstones(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		id := orderID(8)
		e.push(tk.AccessToken, mut(newMutationID(), id, 0, "upsert", trackedOrder))        // v1
		e.push(tk.AccessToken, mut(newMutationID(), id, 1, "upsert", `{"note":"edited"}`)) // v2
		del := e.push(tk.AccessToken, mut(newMutationID(), id, 2, "delete", ""))           // v3
		if del[0].Status != "applied" || del[0].Version != 3 {
			t.Fatalf("delete = %+v", del[0])
		}
		// An offline browser that saw v2 edits the order: no resurrection.
		late := e.push(tk.AccessToken, mut(newMutationID(), id, 2, "upsert", `{"note":"late"}`))
		if late[0].Status != "conflict" || !cmp.Equal(late[0].ConflictingFields, []string{"deleted", "note"}) || late[0].Row == nil || !late[0].Row.Deleted {
			t.Errorf("upsert on a stale base after delete = %+v", late[0])
		}
		// A browser that pulled since 2 receives the tombstone, with no data left in it.
		p := e.pull(tk.AccessToken, "?since=2")
		if len(p.Changes) != 1 || !p.Changes[0].Deleted || string(p.Changes[0].Data) != "{}" || string(p.Changes[0].Derived) != "null" {
			t.Fatalf("tombstone = %+v", p.Changes)
		}
		want(t, e.do("GET", "/api/v1/orders/"+id, tk.AccessToken, nil), 404)
		// Re-creating it on the tombstone's version is allowed.
		again := e.push(tk.AccessToken, mut(newMutationID(), id, 3, "upsert", `{"note":"back"}`))
		if again[0].Status != "applied" {
			t.Errorf("re-create on the tombstone's version = %+v", again[0])
		}
		want(t, e.do("GET", "/api/v1/orders/"+id, tk.AccessToken, nil), 200)
		// REST DELETE: 204, then 404; the tombstone stays.
		want(t, e.do("DELETE", "/api/v1/orders/"+id, tk.AccessToken, nil), 204)
		want(t, e.do("DELETE", "/api/v1/orders/"+id, tk.AccessToken, nil), 404)
		if p := e.pull(tk.AccessToken, "?since=4"); len(p.Changes) != 1 || !p.Changes[0].Deleted {
			t.Errorf("after REST DELETE: %+v", p.Changes)
		}
	})
}

func TestTombstoneHorizon(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		email, tk := e.user()
		e.push(tk.AccessToken, mut(newMutationID(), orderID(9), 0, "upsert", `{}`))  // v1
		e.push(tk.AccessToken, mut(newMutationID(), orderID(9), 1, "delete", ""))    // v2
		e.push(tk.AccessToken, mut(newMutationID(), orderID(10), 0, "upsert", `{}`)) // v3
		e.clock.Advance(48 * time.Hour)
		n, err := e.db.PurgeTombstones(t.Context(), e.clock.Now().Add(-24*time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("purged %d, %v; want 1", n, err)
		}
		e.login(email, testPassword).JSON(t, &tk)
		r := e.do("GET", "/api/v1/sync/pull?since=1", tk.AccessToken, nil)
		want(t, r, http.StatusGone)
		if r.errorCode(t) != "gone" {
			t.Error("410 without the gone code")
		}
		if p := e.pull(tk.AccessToken, "?since=0"); len(p.Changes) != 1 || p.Changes[0].OrderID != orderID(10) {
			t.Errorf("full resync = %+v", p)
		}
		if p := e.pull(tk.AccessToken, "?since=2"); len(p.Changes) != 1 {
			t.Errorf("a cursor at the horizon = %+v", p)
		}
	})
}

func TestPullPaging(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		var muts []map[string]any
		for i := 0; i < 12; i++ {
			muts = append(muts, mut(newMutationID(), orderID(100+i), 0, "upsert", `{}`))
		}
		e.push(tk.AccessToken, muts...)
		var got []int64
		cursor := int64(0)
		for pages := 0; ; pages++ {
			p := e.pull(tk.AccessToken, fmt.Sprintf("?since=%d&limit=5", cursor))
			for _, c := range p.Changes {
				got = append(got, c.Version)
			}
			if p.Cursor <= cursor && len(p.Changes) > 0 {
				t.Fatalf("cursor went from %d to %d", cursor, p.Cursor)
			}
			cursor = p.Cursor
			if !p.HasMore {
				break
			}
			if pages > 5 {
				t.Fatal("too many pages")
			}
		}
		wantVersions := []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
		if diff := cmp.Diff(wantVersions, got); diff != "" {
			t.Errorf("versions mismatch (-want +got):\n%s", diff)
		}
		tests := []struct {
			name, query string
			n           int
			cursor      int64
			more        bool
		}{
			{"limit 0 is clamped to 1", "?since=0&limit=0", 1, 1, true},
			{"huge limit is clamped to 500", "?since=0&limit=100000", 12, 12, false},
			{"limit past int64 is clamped", "?since=0&limit=99999999999999999999999", 12, 12, false},
			{"since past the counter: empty, same cursor", "?since=99", 0, 99, false},
			{"user_id in the query is ignored", "?since=10&user_id=1", 2, 12, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p := e.pull(tk.AccessToken, tt.query)
				if len(p.Changes) != tt.n || p.Cursor != tt.cursor || p.HasMore != tt.more {
					t.Errorf("got %d changes, cursor %d, has_more %v; want %d, %d, %v", len(p.Changes), p.Cursor, p.HasMore, tt.n, tt.cursor, tt.more)
				}
			})
		}
		a, b := e.do("GET", "/api/v1/sync/pull?since=3&limit=4", tk.AccessToken, nil), e.do("GET", "/api/v1/sync/pull?since=3&limit=4", tk.AccessToken, nil)
		if string(a.Body) != string(b.Body) {
			t.Error("the same cursor twice gave different pages")
		}
		for _, q := range []string{"-1", "abc", "1e3", "+1", "01", "0x10", "9223372036854775808", "1.0", " 1"} {
			t.Run("since="+q, func(t *testing.T) {
				r := e.do("GET", "/api/v1/sync/pull?since="+strings.ReplaceAll(q, "+", "%2B"), tk.AccessToken, nil)
				want(t, r, 400)
			})
		}
		want(t, e.do("GET", "/api/v1/sync/pull?limit=ten", tk.AccessToken, nil), 400)
		want(t, e.do("GET", "/api/v1/sync/pull?since=0", "", nil), 401)
	})
}

func TestClearingFieldsReallyClears(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		id := orderID(11)
		e.push(tk.AccessToken, mut(newMutationID(), id, 0, "upsert", `{"order":{"store":"S"},"marks":{"received":true,"archived":true},"note":"n"}`))
		e.push(tk.AccessToken, mut(newMutationID(), id, 1, "upsert", `{"order":null,"marks":{"received":null,"archived":false},"note":""}`))
		r := e.do("GET", "/api/v1/orders/"+id, tk.AccessToken, nil)
		var got row
		r.JSON(t, &got)
		wantData := `{"marks":{"received":null,"dispute_opened":false,"archived":false},"note":"","conflicts":[]}`
		if diff := cmp.Diff(wantData, string(got.Data)); diff != "" {
			t.Errorf("data mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestPutAndDeleteByREST(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		id := orderID(12)
		e.push(tk.AccessToken, mut(newMutationID(), id, 0, "upsert", `{"note":"a"}`)) // v1
		r := e.do("PUT", "/api/v1/orders/"+id, tk.AccessToken, `{"note":"b"}`, "If-Match", `"1"`)
		want(t, r, 200)
		if r.Header.Get("ETag") != `"2"` {
			t.Errorf("ETag = %s", r.Header.Get("ETag"))
		}
		// Stale If-Match on the same field: 409, nothing written.
		r = e.do("PUT", "/api/v1/orders/"+id, tk.AccessToken, `{"note":"c"}`, "If-Match", `"1"`)
		want(t, r, 409)
		if r.errorCode(t) != "conflict" {
			t.Error("409 without the conflict code")
		}
		// Stale If-Match on another field: merged.
		want(t, e.do("PUT", "/api/v1/orders/"+id, tk.AccessToken, `{"marks":{"archived":true}}`, "If-Match", `"1"`), 200)
		got := e.do("GET", "/api/v1/orders/"+id, tk.AccessToken, nil)
		if !strings.Contains(string(got.Body), `"note":"b"`) || !strings.Contains(string(got.Body), `"archived":true`) {
			t.Errorf("after PUTs: %s", got.Body)
		}
		// Body fields the record has no place for are refused, not ignored silently.
		want(t, e.do("PUT", "/api/v1/orders/"+id, tk.AccessToken, `{"version":99,"note":"x"}`), 400)
		want(t, e.do("PUT", "/api/v1/orders/"+id, tk.AccessToken, `{"user_id":1}`), 400)
		want(t, e.do("PUT", "/api/v1/orders/"+orderID(13), tk.AccessToken, `{"note":"x"}`), 404)
		want(t, e.do("PUT", "/api/v1/orders/not-an-id", tk.AccessToken, `{"note":"x"}`), 400)
		want(t, e.do("DELETE", "/api/v1/orders/"+id, tk.AccessToken, nil, "If-Match", `"1"`), 409)
		want(t, e.do("DELETE", "/api/v1/orders/"+id, tk.AccessToken, nil), 204)
	})
}

func TestPushBadInputs(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		ok := func(data string) string {
			return `{"device_id":"d","mutations":[{"mutation_id":"ok-1","order_id":"` + orderID(1) + `","base_version":0,"op":"upsert","data":` + data + `}]}`
		}
		m := func(fields string) string {
			return `{"device_id":"d","mutations":[{"mutation_id":"ok-1",` + fields + `}]}`
		}
		many := make([]string, 501)
		for i := range many {
			many[i] = fmt.Sprintf(`{"mutation_id":"x%d","order_id":"%s","base_version":0,"op":"upsert","data":{}}`, i, orderID(i))
		}
		order := func(o string) string { return ok(`{"order":` + o + `}`) }
		tests := []struct {
			name, body string
			status     int
		}{
			{"501 mutations", `{"device_id":"d","mutations":[` + strings.Join(many, ",") + `]}`, 400},
			{"base_version -1", m(`"order_id":"` + orderID(1) + `","base_version":-1,"op":"upsert","data":{}`), 400},
			{`base_version "x"`, m(`"order_id":"` + orderID(1) + `","base_version":"x","op":"upsert","data":{}`), 400},
			{"base_version 2^63", m(`"order_id":"` + orderID(1) + `","base_version":9223372036854775808,"op":"upsert","data":{}`), 400},
			{"base_version 1.5", m(`"order_id":"` + orderID(1) + `","base_version":1.5,"op":"upsert","data":{}`), 400},
			{"no base_version", m(`"order_id":"` + orderID(1) + `","op":"upsert","data":{}`), 400},
			{"order_id not a number or manual uuid", m(`"order_id":"../etc","base_version":0,"op":"upsert","data":{}`), 400},
			{"order_id too short", m(`"order_id":"1234","base_version":0,"op":"upsert","data":{}`), 400},
			{"manual id without uuid", m(`"order_id":"manual-xyz","base_version":0,"op":"upsert","data":{}`), 400},
			{"op drop", m(`"order_id":"` + orderID(1) + `","base_version":0,"op":"drop","data":{}`), 400},
			{"user_id in a mutation", m(`"order_id":"` + orderID(1) + `","base_version":0,"op":"upsert","data":{},"user_id":1`), 400},
			{"version in the data", ok(`{"version":5}`), 400},
			{"user_id at the top", `{"device_id":"d","user_id":1,"mutations":[]}`, 400},
			{"no device id", `{"mutations":[]}`, 400},
			{"256 KB note", ok(`{"note":"` + strings.Repeat("n", 256<<10) + `"}`), 400},
			{"4001-character note", ok(`{"note":"` + strings.Repeat("é", 4001) + `"}`), 400},
			{"data null on upsert", ok(`null`), 400},
			{"no data on upsert", m(`"order_id":"` + orderID(1) + `","base_version":0,"op":"upsert"`), 400},
			{"data on delete", m(`"order_id":"` + orderID(1) + `","base_version":0,"op":"delete","data":{"note":"x"}`), 400},
			{"marks not an object", ok(`{"marks":true}`), 400},
			{"archived null", ok(`{"marks":{"archived":null}}`), 400},
			{"received a string", ok(`{"marks":{"received":"yes"}}`), 400},
			{"note a number", ok(`{"note":5}`), 400},
			{"empty tracking number", order(`{"parcels":[{"numbers":[{"number":""}]}]}`), 400},
			{"10 KB tracking number", order(`{"parcels":[{"numbers":[{"number":"` + strings.Repeat("A", 10<<10) + `"}]}]}`), 400},
			{"tracking number with a control character", order(`{"parcels":[{"numbers":[{"number":"LP001\u0007"}]}]}`), 400},
			{"tracking number with U+202E", order(`{"parcels":[{"numbers":[{"number":"LP001\u202e"}]}]}`), 400},
			{"title with U+202E", order(`{"items":[{"title":"cable \u202e gnp.exe"}]}`), 400},
			{"price 1e309", order(`{"total":"US $1e309"}`), 400},
			{"negative price", order(`{"items":[{"price":"US $-5.00"}]}`), 400},
			{"negative quantity", order(`{"items":[{"quantity":-1}]}`), 400},
			{"year 0001", order(`{"order_date":"0001-06-01"}`), 400},
			{"year 9999", order(`{"parcels":[{"events":[{"time":"9999-12-31T00:00:00Z","text":"x"}]}]}`), 400},
			{"order for another id", order(`{"order_id":"` + orderID(2) + `"}`), 400},
			{"unknown order field", order(`{"buyer_name":"Jane"}`), 400},
			{"buyer address", order(`{"buyer":{"address":"1 Main St"}}`), 400},
			{"conflict on an unknown field", ok(`{"conflicts":[{"field":"version","lost_value":"x","at":"2026-03-10T12:00:00Z"}]}`), 400},
			{"conflict without time", ok(`{"conflicts":[{"field":"note","lost_value":"x"}]}`), 400},
			{"trailing garbage", ok(`{}`) + `x`, 400},
			{"not JSON", `mutations=1`, 400},
			{"deep nesting", ok(strings.Repeat(`{"order":`, 10000) + `{}` + strings.Repeat(`}`, 10000)), 400},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := e.do("POST", "/api/v1/sync/push", tk.AccessToken, tt.body)
				want(t, r, tt.status)
				r.errorCode(t)
			})
		}
		t.Run("an invalid third mutation fails the whole batch", func(t *testing.T) {
			r := e.pushRaw(tk.AccessToken, mut("b1", orderID(1), 0, "upsert", `{}`), mut("b2", orderID(2), 0, "upsert", `{}`), mut("b3", "bad", 0, "upsert", `{}`))
			want(t, r, 400)
			if !strings.Contains(string(r.Body), "mutations[2]") {
				t.Errorf("error does not name the mutation: %s", r.Body)
			}
			if p := e.pull(tk.AccessToken, ""); len(p.Changes) != 0 {
				t.Errorf("%d changes applied from a rejected batch", len(p.Changes))
			}
		})
		t.Run("text/plain", func(t *testing.T) {
			want(t, e.do("POST", "/api/v1/sync/push", tk.AccessToken, ok(`{}`), "Content-Type", "text/plain"), 415)
		})
		t.Run("client clock far in the future has no effect on order", func(t *testing.T) {
			res := e.push(tk.AccessToken, mut(newMutationID(), orderID(50), 0, "upsert", `{"conflicts":[{"field":"note","lost_value":"x","at":"2099-01-01T00:00:00Z"}]}`))
			p := e.pull(tk.AccessToken, "")
			if res[0].Version != p.Cursor || !p.Changes[len(p.Changes)-1].UpdatedAt.Equal(e.clock.Now()) {
				t.Errorf("updated_at = %v, want the server clock %v", p.Changes[len(p.Changes)-1].UpdatedAt, e.clock.Now())
			}
		})
	})
}
