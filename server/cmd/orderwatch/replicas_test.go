package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/orderwatch/orderwatch/server/store"
	"github.com/orderwatch/orderwatch/server/store/storetest"
)

// TestReplicasShareOnePostgres builds the binary once and runs `orderwatch serve` twice on
// one PostgreSQL with one secret, as two replicas behind a proxy (127.0.0.1 is the trusted
// proxy, so X-Forwarded-For names the client). Accounts, sync, refresh-token reuse detection
// and both rate limits must hold across the two processes as they do in one.
func TestReplicasShareOnePostgres(t *testing.T) {
	var dsn string
	for _, d := range storetest.Databases() {
		if d.Name == store.Postgres {
			dsn = d.DSN(t) // skips without ORDERWATCH_TEST_POSTGRES (fails under CI=true)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "orderwatch")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	secret := "replica-test-secret-0123456789abcdef-0123456789"
	a := startReplica(t, bin, filepath.Join(dir, "a"), dsn, secret)
	b := startReplica(t, bin, filepath.Join(dir, "b"), dsn, secret)
	if a == b {
		t.Fatal("one server twice")
	}
	const pw = "a long passphrase"

	t.Run("an account made on one signs in on the other", func(t *testing.T) {
		r := call(t, "POST", a+"/api/v1/auth/register", "", "192.0.2.1", `{"email":"r1@example.com","password":"`+pw+`"}`)
		wantStatus(t, r, 201)
		wantStatus(t, call(t, "POST", b+"/api/v1/auth/login", "", "192.0.2.2", `{"email":"r1@example.com","password":"`+pw+`"}`), 200)
		// And the e-mail is taken on the other as well.
		wantStatus(t, call(t, "POST", b+"/api/v1/auth/register", "", "192.0.2.3", `{"email":"r1@example.com","password":"another passphrase"}`), 409)
	})

	t.Run("a push on one is pulled on the other", func(t *testing.T) {
		onA := tokens(t, call(t, "POST", a+"/api/v1/auth/register", "", "192.0.2.10", `{"email":"r2@example.com","password":"`+pw+`"}`))
		onB := tokens(t, call(t, "POST", b+"/api/v1/auth/login", "", "192.0.2.11", `{"email":"r2@example.com","password":"`+pw+`"}`))
		push := `{"device_id":"browser-a","mutations":[` + mutationJSON("rep-1", 4242) + `]}`
		wantStatus(t, call(t, "POST", a+"/api/v1/sync/push", onA.AccessToken, "", push), 200)
		r := call(t, "GET", b+"/api/v1/sync/pull?since=0", onB.AccessToken, "", "")
		wantStatus(t, r, 200)
		var page struct {
			Changes []struct {
				OrderID string `json:"order_id"`
				Data    struct {
					Note string `json:"note"`
				} `json:"data"`
			} `json:"changes"`
		}
		if err := json.Unmarshal(r.body, &page); err != nil {
			t.Fatal(err)
		}
		if len(page.Changes) != 1 || page.Changes[0].OrderID != crashOrderID(4242) || page.Changes[0].Data.Note != "rep-1" {
			t.Errorf("pull on B after a push on A: %s", r.body)
		}
	})

	t.Run("a refresh token rotated on one is a reuse on the other", func(t *testing.T) {
		first := tokens(t, call(t, "POST", a+"/api/v1/auth/register", "", "192.0.2.20", `{"email":"r3@example.com","password":"`+pw+`"}`))
		second := tokens(t, call(t, "POST", a+"/api/v1/auth/refresh", "", "192.0.2.21", `{"refresh_token":"`+first.RefreshToken+`"}`))
		wantStatus(t, call(t, "POST", b+"/api/v1/auth/refresh", "", "192.0.2.22", `{"refresh_token":"`+first.RefreshToken+`"}`), 401)
		// The reuse ended the whole session, on both servers.
		wantStatus(t, call(t, "POST", a+"/api/v1/auth/refresh", "", "192.0.2.23", `{"refresh_token":"`+second.RefreshToken+`"}`), 401)
		wantStatus(t, call(t, "GET", b+"/api/v1/orders", second.AccessToken, "", ""), 401)
	})

	t.Run("failed logins alternating between both hit one server's limit", func(t *testing.T) {
		for _, email := range []string{"victim@example.com", "solo@example.com"} {
			wantStatus(t, call(t, "POST", a+"/api/v1/auth/register", "", "192.0.2.30", `{"email":"`+email+`","password":"`+pw+`"}`), 201)
		}
		// Each guess from an address of its own: only the account's limit can stop them.
		guesses := func(email string, servers ...string) (int, response) {
			for i := 1; i <= 20; i++ {
				ip := fmt.Sprintf("198.51.%d.%d", len(servers), len(email)*10+i)
				r := call(t, "POST", servers[i%len(servers)]+"/api/v1/auth/login", "", ip, `{"email":"`+email+`","password":"wrong guess `+strconv.Itoa(i)+`"}`)
				if r.status == 429 {
					return i, r
				}
				wantStatus(t, r, 401)
			}
			return 0, response{}
		}
		one, r1 := guesses("solo@example.com", a)
		two, r2 := guesses("victim@example.com", a, b)
		if one != 11 || two != one {
			t.Errorf("first 429 at guess %d on one server and %d alternating between two; want 11 on both (the default burst of 10)", one, two)
		}
		for _, r := range []response{r1, r2} {
			if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s < 1 || s > 37 {
				t.Errorf("Retry-After %q, want 1..37 s (one failure back every 36 s)", r.header.Get("Retry-After"))
			}
		}
		// The right password waits too, on either server.
		for _, srv := range []string{a, b} {
			wantStatus(t, call(t, "POST", srv+"/api/v1/auth/login", "", "192.0.2.40", `{"email":"victim@example.com","password":"`+pw+`"}`), 429)
		}
	})

	t.Run("requests from one address alternating between both hit one server's limit", func(t *testing.T) {
		// 1 request/s refill, burst 10: eleven quick requests, the 11th refused, unless the
		// machine stalled for a second in between (then a token came back: try again).
		count := func(ip string, servers ...string) (int, time.Duration, response) {
			start := time.Now()
			for i := 1; i <= 20; i++ {
				r := call(t, "POST", servers[i%len(servers)]+"/api/v1/auth/login", "", ip, `{}`)
				if r.status == 429 {
					return i, time.Since(start), r
				}
				wantStatus(t, r, 400)
			}
			return 0, time.Since(start), response{}
		}
		for attempt := 0; ; attempt++ {
			one, d1, r1 := count(fmt.Sprintf("203.0.113.%d", 2*attempt+1), a)
			two, d2, r2 := count(fmt.Sprintf("203.0.113.%d", 2*attempt+2), a, b)
			if (d1 > 900*time.Millisecond || d2 > 900*time.Millisecond) && attempt < 3 {
				t.Logf("slow machine (%v, %v): again", d1, d2)
				continue
			}
			if one != 11 || two != 11 {
				t.Errorf("first 429 at request %d on one server and %d alternating between two; want 11 (burst 10)", one, two)
			}
			for _, r := range []response{r1, r2} {
				if r.header.Get("Retry-After") != "2" {
					t.Errorf("Retry-After %q, want 2 (under a second, rounded up, plus one)", r.header.Get("Retry-After"))
				}
			}
			break
		}
		// The proxy's own address is not limited by its clients' traffic: another client passes.
		wantStatus(t, call(t, "POST", b+"/api/v1/auth/login", "", "203.0.113.200", `{}`), 400)
	})

	// The buckets are rows of the shared table, not in either process.
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows int
	if err := db.QueryRow(`SELECT count(*) FROM rate_limit_buckets`).Scan(&rows); err != nil || rows == 0 {
		t.Errorf("rate_limit_buckets: %d rows, %v", rows, err)
	}
}

// startReplica runs the binary on PostgreSQL; it is stopped with SIGTERM when the test ends.
func startReplica(t *testing.T, bin, data, dsn, secret string) string {
	t.Helper()
	cmd, url := startServe(t, bin, []string{"ORDERWATCH_JWT_SECRET=" + secret, "ORDERWATCH_DATABASE_URL=" + dsn},
		"--data", data, "--trusted-proxies", "127.0.0.1")
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("replica exited: %v", err)
			}
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Error("replica did not stop on SIGTERM")
		}
	})
	return url
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// call sends a request as the trusted proxy would: xff (when set) names the client.
func call(t *testing.T, method, url, token, xff, body string) response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, url, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header, b}
}

func wantStatus(t *testing.T, r response, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
}

type pair struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
}

func tokens(t *testing.T, r response) pair {
	t.Helper()
	if r.status != 200 && r.status != 201 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var p pair
	if err := json.Unmarshal(r.body, &p); err != nil || p.AccessToken == "" || p.RefreshToken == "" {
		t.Fatalf("no token pair in %s", r.body)
	}
	return p
}

func TestServeParsesTrustedProxies(t *testing.T) {
	var stderr strings.Builder
	cfg, err := parseServe([]string{"--trusted-proxies", "10.0.0.5, 192.168.0.0/16,::1"}, func(string) string { return "" }, &stderr)
	if err != nil {
		t.Fatal(err, stderr.String())
	}
	var got []string
	for _, n := range cfg.trustedProxies {
		got = append(got, n.String())
	}
	if want := "10.0.0.5/32 192.168.0.0/16 ::1/128"; strings.Join(got, " ") != want {
		t.Errorf("trusted proxies %v, want %s", got, want)
	}
	cfg, err = parseServe(nil, func(k string) string {
		if k == "ORDERWATCH_TRUSTED_PROXIES" {
			return "172.16.0.0/12"
		}
		return ""
	}, &stderr)
	if err != nil || len(cfg.trustedProxies) != 1 || cfg.trustedProxies[0].String() != "172.16.0.0/12" {
		t.Errorf("from the environment: %v %v", cfg, err)
	}
	if cfg, _ := parseServe(nil, func(string) string { return "" }, &stderr); len(cfg.trustedProxies) != 0 {
		t.Error("trusted proxies by default")
	}
	for _, bad := range []string{"proxy.example.com", "10.0.0.0/33", "*"} {
		stderr.Reset()
		if _, err := parseServe([]string{"--trusted-proxies", bad}, func(string) string { return "" }, &stderr); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
