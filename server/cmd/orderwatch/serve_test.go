package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/server/store/storetest"
)

// serving is a `orderwatch serve` running in this process.
type serving struct {
	url  string
	done chan int
	stop context.CancelFunc
}

// listenAddr reads the server's log until the "listening" line and returns its address;
// the rest of the log keeps being drained.
func listenAddr(t *testing.T, r io.Reader) string {
	t.Helper()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		var line struct {
			Msg, Addr string
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
			go io.Copy(io.Discard, r)
			return line.Addr
		}
	}
	t.Fatal("the server exited before listening")
	return ""
}

func serve(t *testing.T, env map[string]string, args ...string) *serving {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stderr strings.Builder
	s := &serving{done: make(chan int, 1), stop: cancel}
	go func() {
		code := run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), func(k string) string { return env[k] }, strings.NewReader(""), pw, &stderr)
		pw.CloseWithError(fmt.Errorf("exit %d: %s", code, stderr.String()))
		s.done <- code
	}()
	s.url = "http://" + listenAddr(t, pr)
	t.Cleanup(func() {
		cancel()
		<-s.done
	})
	waitHealthy(t, s.url)
	return s
}

func waitHealthy(t *testing.T, url string) {
	t.Helper()
	for i := 0; i < 200; i++ {
		if r, err := http.Get(url + "/healthz"); err == nil {
			r.Body.Close()
			if r.StatusCode == 200 {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("never healthy")
}

func post(t *testing.T, url, token, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestServeKeepsAGeneratedSecret(t *testing.T) {
	data := t.TempDir()
	s := serve(t, nil, "--data", data)
	code, body := post(t, s.url+"/api/v1/auth/register", "", `{"email":"a@example.com","password":"a long passphrase"}`)
	if code != 201 {
		t.Fatalf("register: %d %s", code, body)
	}
	var tk struct {
		AccessToken string `json:"access_token"`
	}
	json.Unmarshal([]byte(body), &tk)
	fi, err := os.Stat(filepath.Join(data, secretFile))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 || fi.Size() < 64 {
		t.Errorf("secret file mode %v size %d, want 0600 and ≥ 64 hex characters", fi.Mode().Perm(), fi.Size())
	}
	s.stop()
	if code := <-s.done; code != 0 {
		t.Fatalf("serve exited %d", code)
	}
	s.done <- 0 // for the cleanup
	// Restarted on the same data: the same secret, so the token still works.
	s2 := serve(t, nil, "--data", data)
	req, _ := http.NewRequest("GET", s2.url+"/api/v1/orders", nil)
	req.Header.Set("Authorization", "Bearer "+tk.AccessToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("token after restart: %d", res.StatusCode)
	}
}

func TestServeRefusesShortSecrets(t *testing.T) {
	var stderr strings.Builder
	code := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--data", t.TempDir()},
		func(k string) string {
			if k == "ORDERWATCH_JWT_SECRET" {
				return "sixteen byte key"
			}
			return ""
		}, strings.NewReader(""), io.Discard, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "at least 32") {
		t.Errorf("exit %d, stderr %q; want a refusal", code, stderr.String())
	}
	data := t.TempDir()
	os.WriteFile(filepath.Join(data, secretFile), []byte("short\n"), 0o600)
	stderr.Reset()
	code = run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--data", data}, func(string) string { return "" }, strings.NewReader(""), io.Discard, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "at least 32") {
		t.Errorf("short secret file: exit %d, stderr %q", code, stderr.String())
	}
}

// TestServeFinishesRequestsInFlight starts a request, sends half its body, asks the server
// to stop, sends the rest: the request must still get its answer.
func TestServeFinishesRequestsInFlight(t *testing.T) {
	s := serve(t, map[string]string{"ORDERWATCH_DATA_DIR": t.TempDir()})
	body := `{"email":"inflight@example.com","password":"a long passphrase"}`
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:10])
	time.Sleep(100 * time.Millisecond) // the handler is now reading the body
	s.stop()
	time.Sleep(100 * time.Millisecond) // shutdown has begun and waits for us
	if _, err := io.WriteString(conn, body[10:]); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no response to the in-flight request: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Errorf("in-flight request: status %d, want 201", res.StatusCode)
	}
	select {
	case code := <-s.done:
		s.done <- code
		if code != 0 {
			t.Errorf("serve exited %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := http.Get(s.url + "/healthz"); err == nil {
		t.Error("still accepting connections after shutdown")
	}
}

// TestServeMigratesOnStart starts the server on each database: migrations run on start.
func TestServeMigratesOnStart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		s := serve(t, map[string]string{"ORDERWATCH_DATABASE_URL": dsn, "ORDERWATCH_JWT_SECRET": strings.Repeat("k", 40)}, "--data", t.TempDir())
		if code, body := post(t, s.url+"/api/v1/auth/register", "", `{"email":"m@example.com","password":"a long passphrase"}`); code != 201 {
			t.Errorf("register on a freshly migrated database: %d %s", code, body)
		}
		res, err := http.Get(s.url + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("readyz = %d", res.StatusCode)
		}
	})
}
