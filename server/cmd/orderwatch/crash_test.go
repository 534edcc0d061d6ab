package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3" // to run PRAGMA integrity_check on the file the server left
)

// TestCrashKill9 is SQLite's crash test applied to the whole server: clients push while the
// real binary is killed with SIGKILL at a random moment; after each kill the file must pass
// integrity_check, every acknowledged mutation must be there, nothing may be there that was
// never sent, nothing may be applied twice, and re-sending what was not acknowledged must
// apply each of those exactly once. It loops for ~30 s (ORDERWATCH_CRASH_SECONDS to change).
func TestCrashKill9(t *testing.T) {
	budget := 30 * time.Second
	if s := os.Getenv("ORDERWATCH_CRASH_SECONDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("ORDERWATCH_CRASH_SECONDS=%q: %v", s, err)
		}
		budget = time.Duration(n) * time.Second
	}
	deadline := time.Now().Add(budget)
	dir := t.TempDir()
	bin := filepath.Join(dir, "orderwatch")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "data")
	c := &crashClient{t: t, sent: map[string]bool{}, acked: map[string]bool{}}

	rounds := 0
	for rounds == 0 || time.Now().Before(deadline) {
		rounds++
		t0 := time.Now()
		p, url := startBinary(t, bin, data)
		t.Logf("round %d: started in %v", rounds, time.Since(t0))
		if c.token == "" {
			c.register(url)
		} else {
			c.login(url)
		}
		c.check(url, rounds)
		c.resendUnacked(url)
		c.check(url, rounds)
		t.Logf("round %d: checked at %v", rounds, time.Since(t0))

		// Push from several clients and kill the server at a random moment.
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for k := 0; k < 4; k++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					if !c.pushBatch(url, 5) {
						return
					}
				}
			}()
		}
		time.Sleep(time.Duration(50+rand.IntN(450)) * time.Millisecond)
		p.Process.Kill() // SIGKILL
		p.Wait()
		close(stop)
		wg.Wait()

		db, err := sql.Open("sqlite3", filepath.Join(data, "orderwatch.db"))
		if err != nil {
			t.Fatal(err)
		}
		var ok string
		if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			t.Fatalf("round %d: integrity_check = %q, %v", rounds, ok, err)
		}
		db.Close()
	}
	// A last restart to check the last kill.
	p, url := startBinary(t, bin, data)
	c.login(url)
	c.check(url, rounds+1)
	c.resendUnacked(url)
	c.check(url, rounds+1)
	p.Process.Kill()
	p.Wait()
	t.Logf("%d kills; %d mutations sent, %d of them cut off by a kill and re-sent", rounds, len(c.sent), c.resent)
	if len(c.acked) == 0 || c.resent == 0 {
		t.Error("no mutation was acknowledged, or none was ever cut off: the test tested nothing")
	}
}

func startBinary(t *testing.T, bin, data string) (*exec.Cmd, string) {
	t.Helper()
	return startServe(t, bin, []string{"ORDERWATCH_JWT_SECRET=", "ORDERWATCH_DATABASE_URL="}, "--data", data)
}

// startServe starts `bin serve` on a free loopback port with env added to this process's,
// and returns it with its base URL once /healthz answers.
func startServe(t *testing.T, bin string, env []string, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Never left running, even when the test fails before it stops the process itself.
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	url := "http://" + listenAddr(t, out)
	waitHealthy(t, url)
	return cmd, url
}

// crashClient is the client side of the crash test. Every mutation creates its own order
// whose note is the mutation id, so the feed shows exactly which mutations were applied.
type crashClient struct {
	t      *testing.T
	token  string
	mu     sync.Mutex
	seq    int
	sent   map[string]bool // mutation id → sent (the order id is derived from it)
	acked  map[string]bool
	resent int // unacknowledged when the server died, sent again after the restart
}

const crashUser = `{"email":"crash@example.com","password":"a long passphrase"}`

func (c *crashClient) setToken(code int, body string) {
	if code != 200 && code != 201 {
		c.t.Fatalf("sign in: %d %s", code, body)
	}
	var tk struct {
		AccessToken string `json:"access_token"`
	}
	json.Unmarshal([]byte(body), &tk)
	c.token = tk.AccessToken
}

func (c *crashClient) register(url string) {
	c.setToken(post(c.t, url+"/api/v1/auth/register", "", crashUser))
}

func (c *crashClient) login(url string) {
	c.setToken(post(c.t, url+"/api/v1/auth/login", "", crashUser))
}

func crashOrderID(n int) string { return fmt.Sprintf("9%017d", n) }

func mutationJSON(id string, n int) string {
	return fmt.Sprintf(`{"mutation_id":%q,"order_id":%q,"base_version":0,"op":"upsert","data":{"note":%q}}`, id, crashOrderID(n), id)
}

// pushBatch sends n new mutations; false once the server is gone.
func (c *crashClient) pushBatch(url string, n int) bool {
	c.mu.Lock()
	var ids []string
	var parts []string
	for i := 0; i < n; i++ {
		c.seq++
		id := "m" + strconv.Itoa(c.seq)
		c.sent[id] = true
		ids = append(ids, id)
		parts = append(parts, mutationJSON(id, c.seq))
	}
	c.mu.Unlock()
	return c.send(url, ids, parts)
}

func (c *crashClient) send(url string, ids, parts []string) bool {
	req, _ := http.NewRequest("POST", url+"/api/v1/sync/push", strings.NewReader(`{"device_id":"crash","mutations":[`+strings.Join(parts, ",")+`]}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != 200 {
		if err == nil && res.StatusCode != 200 {
			c.t.Errorf("push: status %d: %s", res.StatusCode, body)
		}
		return false
	}
	var out struct {
		Results []struct {
			MutationID string `json:"mutation_id"`
			Status     string `json:"status"`
		} `json:"results"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return false // cut off mid-response: not acknowledged
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, r := range out.Results {
		if r.Status != "applied" || r.MutationID != ids[i] {
			c.t.Errorf("result %+v for %s", r, ids[i])
		}
		c.acked[ids[i]] = true
	}
	return true
}

func (c *crashClient) resendUnacked(url string) {
	c.mu.Lock()
	var ids, parts []string
	for id := range c.sent {
		if !c.acked[id] {
			n, _ := strconv.Atoi(id[1:])
			ids = append(ids, id)
			parts = append(parts, mutationJSON(id, n))
		}
	}
	c.resent += len(ids)
	c.mu.Unlock()
	for len(ids) > 0 {
		k := min(len(ids), 200)
		if !c.send(url, ids[:k], parts[:k]) {
			c.t.Fatal("re-sending the unacknowledged mutations failed")
		}
		ids, parts = ids[k:], parts[k:]
	}
}

// check pulls the whole feed and compares it with what was sent and acknowledged.
func (c *crashClient) check(url string, round int) {
	c.t.Helper()
	seen := map[string]bool{}
	since := int64(0)
	var versions []int64
	for {
		req, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/sync/pull?since=%d&limit=500", url, since), nil)
		req.Header.Set("Authorization", "Bearer "+c.token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			c.t.Fatal(err)
		}
		var p struct {
			Changes []struct {
				OrderID string `json:"order_id"`
				Version int64
				Data    struct{ Note string }
			}
			Cursor  int64
			HasMore bool `json:"has_more"`
		}
		json.NewDecoder(res.Body).Decode(&p)
		res.Body.Close()
		for _, ch := range p.Changes {
			id := ch.Data.Note
			if seen[id] {
				c.t.Fatalf("round %d: mutation %s appears twice", round, id)
			}
			seen[id] = true
			if n, _ := strconv.Atoi(strings.TrimPrefix(id, "m")); crashOrderID(n) != ch.OrderID {
				c.t.Fatalf("round %d: order %s carries note %s", round, ch.OrderID, id)
			}
			versions = append(versions, ch.Version)
		}
		since = p.Cursor
		if !p.HasMore {
			break
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for id := range c.acked {
		if !seen[id] {
			c.t.Fatalf("round %d: acknowledged mutation %s was lost", round, id)
		}
	}
	for id := range seen {
		if !c.sent[id] {
			c.t.Fatalf("round %d: mutation %s was never sent", round, id)
		}
	}
	// One version per applied mutation, 1..n without gaps: nothing was applied twice.
	for i, v := range versions {
		if v != int64(i+1) {
			c.t.Fatalf("round %d: version %d at position %d; versions must be 1..%d", round, v, i, len(versions))
		}
	}
}
