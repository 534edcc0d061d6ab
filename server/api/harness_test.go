package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/server/api"
	pglimit "github.com/orderwatch/orderwatch/server/limit/postgres"
	"github.com/orderwatch/orderwatch/server/store"
	"github.com/orderwatch/orderwatch/server/store/storetest"
	"golang.org/x/time/rate"
)

// clock is the injectable clock of a test server.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is a real server over loopback on a real database.
type env struct {
	t      testing.TB
	url    string
	clock  *clock
	db     *store.DB
	secret []byte
}

var testSecret = []byte("0123456789abcdef0123456789abcdef-test-secret")

// start runs the API on a fresh database over loopback. mod may change the config.
func start(t testing.TB, dsn string, mod func(*api.Config)) *env {
	t.Helper()
	db := storetest.Open(t, dsn)
	clk := &clock{t: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)}
	cfg := api.Config{
		Secret: testSecret, Now: clk.Now, Ready: db.Ping,
		// Every test client comes from 127.0.0.1: generous limits except where a test
		// sets its own.
		AuthRate: rate.Inf, AuthBurst: 1 << 20, AccountRate: rate.Inf, AccountBurst: 1 << 20,
	}
	if db.Dialect() == store.Postgres {
		// As cmd/orderwatch wires it: the limits live in the shared table.
		sqlDB, err := db.Gorm().DB()
		if err != nil {
			t.Fatal(err)
		}
		if err := pglimit.Migrate(context.Background(), sqlDB); err != nil {
			t.Fatal(err)
		}
		cfg.NewLimiter = pglimit.Factory(sqlDB)
	}
	if mod != nil {
		mod(&cfg)
	}
	srv, err := api.NewServer(cfg, db, db)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewUnstartedServer(srv)
	hs.Config.MaxHeaderBytes = api.MaxHeaderBytes
	hs.Start()
	t.Cleanup(hs.Close)
	e := &env{t: t, url: hs.URL, clock: clk, db: db, secret: cfg.Secret}
	e.waitHealthy()
	return e
}

// each runs f on a fresh server per database.
func each(t *testing.T, mod func(*api.Config), f func(t *testing.T, e *env)) {
	storetest.Each(t, func(t *testing.T, dsn string) { f(t, start(t, dsn, mod)) })
}

func (e *env) waitHealthy() {
	for i := 0; i < 100; i++ {
		if r, err := http.Get(e.url + "/healthz"); err == nil {
			r.Body.Close()
			if r.StatusCode == 200 {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	e.t.Fatal("server never became healthy")
}

// response is a finished HTTP exchange.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// errorCode returns the code of the one JSON error shape, failing if the body has another shape.
func (r response) errorCode(t testing.TB) string {
	t.Helper()
	var b struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	dec := json.NewDecoder(bytes.NewReader(r.Body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil || b.Error.Code == "" || b.Error.Message == "" {
		t.Fatalf("status %d: body %q is not the error shape", r.Status, r.Body)
	}
	return b.Error.Code
}

// do sends a request. body may be nil, a string, []byte, or a value encoded as JSON.
func (e *env) do(method, path, token string, body any, headers ...string) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.url+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return e.send(req)
}

func (e *env) send(req *http.Request) response {
	e.t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, b}
}

// want fails the test unless r has the status.
func want(t testing.TB, r response, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
}

type tokens struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int    `json:"expires_in"`
}

const testPassword = "a long enough passphrase"

var userSeq atomic.Int64

// user registers a new user and returns its email and tokens.
func (e *env) user() (string, tokens) {
	e.t.Helper()
	email := fmt.Sprintf("user%d@example.com", userSeq.Add(1))
	r := e.do("POST", "/api/v1/auth/register", "", map[string]string{"email": email, "password": testPassword})
	want(e.t, r, http.StatusCreated)
	var tk tokens
	r.JSON(e.t, &tk)
	return email, tk
}

func (e *env) login(email, pw string) response {
	e.t.Helper()
	return e.do("POST", "/api/v1/auth/login", "", map[string]string{"email": email, "password": pw})
}

// Sync shapes as a client sees them.
type row struct {
	OrderID   string          `json:"order_id"`
	Version   int64           `json:"version"`
	Deleted   bool            `json:"deleted"`
	UpdatedAt time.Time       `json:"updated_at"`
	Data      json.RawMessage `json:"data"`
	Derived   json.RawMessage `json:"derived"`
}

type result struct {
	MutationID        string   `json:"mutation_id"`
	Status            string   `json:"status"`
	Version           int64    `json:"version"`
	Merged            bool     `json:"merged"`
	ConflictingFields []string `json:"conflicting_fields"`
	Row               *row     `json:"row"`
	Error             *struct {
		Code string `json:"code"`
	} `json:"error"`
}

type page struct {
	Changes []row `json:"changes"`
	Cursor  int64 `json:"cursor"`
	HasMore bool  `json:"has_more"`
}

// mut builds one mutation; data is raw JSON ("" for none).
func mut(id, orderID string, base int64, op, data string) map[string]any {
	m := map[string]any{"mutation_id": id, "order_id": orderID, "base_version": base, "op": op}
	if data != "" {
		m["data"] = json.RawMessage(data)
	}
	return m
}

func (e *env) pushRaw(token string, muts ...map[string]any) response {
	e.t.Helper()
	return e.do("POST", "/api/v1/sync/push", token, map[string]any{"device_id": "test-device", "mutations": muts})
}

// push sends mutations and returns their results, failing on any status but 200.
func (e *env) push(token string, muts ...map[string]any) []result {
	e.t.Helper()
	r := e.pushRaw(token, muts...)
	want(e.t, r, http.StatusOK)
	var out struct {
		Results []result `json:"results"`
	}
	r.JSON(e.t, &out)
	if len(out.Results) != len(muts) {
		e.t.Fatalf("%d results for %d mutations", len(out.Results), len(muts))
	}
	return out.Results
}

func (e *env) pull(token string, query string) page {
	e.t.Helper()
	r := e.do("GET", "/api/v1/sync/pull"+query, token, nil)
	want(e.t, r, http.StatusOK)
	var p page
	r.JSON(e.t, &p)
	return p
}

var mutSeq atomic.Int64

func newMutationID() string { return fmt.Sprintf("m-%d", mutSeq.Add(1)) }

// orderID returns a distinct AliExpress-style order number.
func orderID(n int) string { return fmt.Sprintf("82149376%08d", n) }
