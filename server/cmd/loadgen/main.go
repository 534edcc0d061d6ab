// Command loadgen measures the sync server over loopback (`make bench`): it starts the real
// API on a SQLite file in a temporary directory and drives it with concurrent HTTP clients.
//
// It reports: push of 100 orders (p50/p90/p99) with 50 clients pushing back to back and with
// 50 clients pushing once a second; a pull of 1,000 changes; requests per second of an
// authenticated API call next to a bare Echo endpoint measured in the same run (the ratio is
// the figure); pull latency for one user once the database holds 1,000,000 orders of other
// users versus an almost empty one; and memory (Go heap and process RSS). Everything runs on
// 127.0.0.1 and every loop is bounded. -scale shrinks the run (0.1 for a quick look).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/orderwatch/orderwatch/server/api"
	"github.com/orderwatch/orderwatch/server/store"
	"golang.org/x/time/rate"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

type config struct {
	clients     int
	batch       int
	pushes      int // back-to-back pushes per client
	paced       int // paced pushes per client (one a second)
	bigOrders   int
	throughput  time.Duration
	pullSamples int
	keep        bool
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	scale := fs.Float64("scale", 1, "scale every count and duration (0.1 for a quick run)")
	cfg := config{}
	fs.IntVar(&cfg.clients, "clients", 50, "concurrent clients")
	fs.IntVar(&cfg.batch, "batch", 100, "orders per push")
	fs.IntVar(&cfg.pushes, "pushes", 10, "back-to-back pushes per client")
	fs.IntVar(&cfg.paced, "paced", 5, "paced pushes per client, one a second")
	fs.IntVar(&cfg.bigOrders, "big", 1_000_000, "orders in the big database")
	fs.DurationVar(&cfg.throughput, "duration", 5*time.Second, "length of each throughput run")
	fs.IntVar(&cfg.pullSamples, "pull-samples", 300, "pulls measured per database size")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the temporary directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	scaled := func(n int) int { return max(1, int(float64(n)**scale)) }
	cfg.pushes, cfg.paced, cfg.bigOrders, cfg.pullSamples = scaled(cfg.pushes), scaled(cfg.paced), scaled(cfg.bigOrders), scaled(cfg.pullSamples)
	cfg.throughput = time.Duration(float64(cfg.throughput) * *scale)

	dir, err := os.MkdirTemp("", "orderwatch-loadgen-")
	if err != nil {
		return err
	}
	if !cfg.keep {
		defer os.RemoveAll(dir)
	}
	_, apiURL, stopAPI, err := startAPI(ctx, dir+"/orderwatch.db")
	if err != nil {
		return err
	}
	defer stopAPI()
	bare := echo.New()
	bare.GET("/ping", func(c echo.Context) error { return c.JSON(200, map[string]bool{"ok": true}) })
	bareURL, stopBare, err := listen(bare)
	if err != nil {
		return err
	}
	defer stopBare()

	start := time.Now()
	fmt.Fprintf(out, "OrderWatch loadgen: %d clients, %d orders per push, SQLite in %s, GOMAXPROCS=%d\n\n", cfg.clients, cfg.batch, dir, runtime.GOMAXPROCS(0))
	cl := &client{http: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4 * cfg.clients, MaxConnsPerHost: 4 * cfg.clients}}}

	tokens := make([]string, cfg.clients)
	if err := parallel(cfg.clients, func(i int) error {
		t, err := cl.register(apiURL, fmt.Sprintf("load%d@example.com", i))
		tokens[i] = t
		return err
	}); err != nil {
		return err
	}
	memory(out, "after sign-up")

	// 1. Push of 100 orders, back to back: the server's capacity, with queueing.
	next := make([]int, cfg.clients)
	bodies := make([][][]byte, cfg.clients)
	for i := range bodies {
		bodies[i] = pushBodies(i, &next[i], cfg.batch, cfg.pushes)
	}
	var lat latencies
	t0, cpu0 := time.Now(), cpuTime()
	if err := parallel(cfg.clients, func(i int) error {
		for _, body := range bodies[i] {
			d, err := cl.send(apiURL, tokens[i], body)
			if err != nil {
				return err
			}
			lat.add(d)
		}
		return nil
	}); err != nil {
		return err
	}
	el, cpu := time.Since(t0), cpuTime()-cpu0
	fmt.Fprintf(out, "push %d orders, %d clients back to back: %s; %.0f pushes/s = %.0f orders/s; CPU %.1f ms per push (server and clients, bodies prepared beforehand)\n",
		cfg.batch, cfg.clients, lat.summary(), float64(lat.n())/el.Seconds(), float64(lat.n()*cfg.batch)/el.Seconds(), float64(cpu.Microseconds())/1000/float64(lat.n()))
	// The service time: one client alone, no queue.
	var alone latencies
	for p := 0; p < max(5, cfg.pushes); p++ {
		d, err := cl.push(apiURL, tokens[0], 0, &next[0], cfg.batch)
		if err != nil {
			return err
		}
		alone.add(d)
	}
	fmt.Fprintf(out, "push %d orders, one client alone: %s\n", cfg.batch, alone.summary())

	// 2. The same with each client pushing once a second (jittered): latency without a queue.
	var paced latencies
	for i := range bodies {
		bodies[i] = pushBodies(i, &next[i], cfg.batch, cfg.paced)
	}
	if err := parallel(cfg.clients, func(i int) error {
		time.Sleep(time.Duration(i) * time.Second / time.Duration(cfg.clients))
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for _, body := range bodies[i] {
			d, err := cl.send(apiURL, tokens[i], body)
			if err != nil {
				return err
			}
			paced.add(d)
			<-tick.C
		}
		return nil
	}); err != nil {
		return err
	}
	fmt.Fprintf(out, "push %d orders, %d clients once a second: %s\n", cfg.batch, cfg.clients, paced.summary())

	// 3. Pull of 1,000 changes (two pages of 500).
	var pull1k latencies
	for i := 0; i < 20; i++ {
		t0 := time.Now()
		n, err := cl.pullAll(apiURL, tokens[i%cfg.clients], 0, 1000)
		if err != nil {
			return err
		}
		if n < min(1000, cfg.pushes*cfg.batch) {
			return fmt.Errorf("pulled %d changes, want 1000", n)
		}
		pull1k.add(time.Since(t0))
	}
	fmt.Fprintf(out, "pull 1,000 changes (2 pages of 500): %s\n", pull1k.summary())
	memory(out, "after pushes and pulls")

	// 4. Throughput: a bare Echo endpoint and an authenticated API call, same run, same clients.
	cpu0 = cpuTime()
	bareRPS, err := throughput(cfg, func(i int) error { return cl.get(bareURL+"/ping", "") })
	bareCPU := cpuTime() - cpu0
	if err != nil {
		return err
	}
	cursors := make([]int64, cfg.clients)
	for i := range cursors {
		cursors[i] = int64(next[i]) // past the end: an empty page, the polling case
	}
	cpu0 = cpuTime()
	apiRPS, err := throughput(cfg, func(i int) error {
		return cl.get(apiURL+"/api/v1/sync/pull?since="+strconv.FormatInt(cursors[i]+1000000, 10), tokens[i])
	})
	if err != nil {
		return err
	}
	apiCPU := cpuTime() - cpu0
	secs := cfg.throughput.Seconds()
	fmt.Fprintf(out, "requests/s, %d clients: bare Echo %.0f, authenticated empty pull (JWT + session check + query) %.0f; ratio %.2f\n", cfg.clients, bareRPS, apiRPS, apiRPS/bareRPS)
	fmt.Fprintf(out, "CPU per request (server and client): bare Echo %.0f µs, authenticated pull %.0f µs\n",
		float64(bareCPU.Microseconds())/(bareRPS*secs), float64(apiCPU.Microseconds())/(apiRPS*secs))

	// 5. Pull latency for one user with 1,000 orders: a database holding only them versus one
	// holding a million orders of 1,000 other users. The two servers run side by side and the
	// samples alternate, so that load from elsewhere on the machine hits both alike.
	smallDB, smallURL, stopSmall, err := startAPI(ctx, dir+"/small.db")
	if err != nil {
		return err
	}
	defer stopSmall()
	bigDB, bigURL, stopBig, err := startAPI(ctx, dir+"/big.db")
	if err != nil {
		return err
	}
	defer stopBig()
	t0 = time.Now()
	if err := seed(ctx, bigDB, cfg.bigOrders); err != nil {
		return err
	}
	fmt.Fprintf(out, "seeded %d orders of 1,000 other users in one transaction in %v\n", cfg.bigOrders, time.Since(t0).Round(time.Millisecond))
	probes := map[string]string{}
	for _, u := range []string{smallURL, bigURL} {
		tok, err := cl.register(u, "probe@example.com")
		if err != nil {
			return err
		}
		n := 0
		for p := 0; p < 10; p++ {
			if _, err := cl.push(u, tok, 0, &n, 100); err != nil {
				return err
			}
		}
		probes[u] = tok
	}
	var small, big latencies
	for i := 0; i < cfg.pullSamples; i++ {
		since := int64(i*37) % 900
		for _, side := range []struct {
			url string
			l   *latencies
		}{{smallURL, &small}, {bigURL, &big}} {
			t0 := time.Now()
			n, err := cl.pullAll(side.url, probes[side.url], since, 100)
			if err != nil {
				return err
			}
			if n != 100 {
				return fmt.Errorf("pulled %d changes, want 100", n)
			}
			side.l.add(time.Since(t0))
		}
	}
	var smallN, bigN int64
	smallDB.Gorm().Table("orders").Count(&smallN)
	bigDB.Gorm().Table("orders").Count(&bigN)
	fmt.Fprintf(out, "pull 100 changes of one user, %d orders in the database: %s\n", smallN, small.summary())
	fmt.Fprintf(out, "pull 100 changes of one user, %d orders in the database: %s\n", bigN, big.summary())
	fmt.Fprintf(out, "pull p50 ratio big/small: %.2f (target ≤ 2)\n", big.pct(50).Seconds()/small.pct(50).Seconds())
	memory(out, "at the end")
	if fi, err := os.Stat(dir + "/big.db"); err == nil {
		fmt.Fprintf(out, "big database file: %d MiB\n", fi.Size()>>20)
	}
	fmt.Fprintf(out, "total run time %v\n", time.Since(start).Round(time.Second))
	return nil
}

// startAPI opens a store on path and serves the API on a loopback port.
func startAPI(ctx context.Context, path string) (*store.DB, string, func(), error) {
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, "", nil, err
	}
	srv, err := api.NewServer(api.Config{
		Secret:   []byte("loadgen secret of at least thirty-two bytes"),
		AuthRate: rate.Inf, AuthBurst: 1 << 20, AccountRate: rate.Inf, AccountBurst: 1 << 20,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}, db, db)
	if err != nil {
		db.Close()
		return nil, "", nil, err
	}
	url, stop, err := listen(srv)
	if err != nil {
		db.Close()
		return nil, "", nil, err
	}
	return db, url, func() { stop(); db.Close() }, nil
}

// cpuTime is the CPU time this process (server and clients) has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// listen serves h on a loopback port.
func listen(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	hs := &http.Server{Handler: h, MaxHeaderBytes: api.MaxHeaderBytes, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	return "http://" + ln.Addr().String(), func() { hs.Close() }, nil
}

func parallel(n int, f func(i int) error) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f(i)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// throughput runs f from every client in a loop for the configured time; requests/s.
func throughput(cfg config, f func(i int) error) (float64, error) {
	var n atomic.Int64
	deadline := time.Now().Add(cfg.throughput)
	t0 := time.Now()
	err := parallel(cfg.clients, func(i int) error {
		for time.Now().Before(deadline) {
			if err := f(i); err != nil {
				return err
			}
			n.Add(1)
		}
		return nil
	})
	return float64(n.Load()) / time.Since(t0).Seconds(), err
}

type client struct{ http *http.Client }

func (c *client) do(method, url, token string, body []byte) ([]byte, error) {
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	if res.StatusCode >= 300 {
		return nil, fmt.Errorf("%s %s: %d %s", method, url, res.StatusCode, b)
	}
	return b, nil
}

func (c *client) get(url, token string) error {
	_, err := c.do("GET", url, token, nil)
	return err
}

func (c *client) register(url, email string) (string, error) {
	b, err := c.do("POST", url+"/api/v1/auth/register", "", []byte(`{"email":"`+email+`","password":"load generator passphrase"}`))
	if err != nil {
		return "", err
	}
	var tk struct {
		AccessToken string `json:"access_token"`
	}
	return tk.AccessToken, json.Unmarshal(b, &tk)
}

// orderData is a typical tracked order: a parcel with a handful of carrier events.
func orderData(n int) string {
	return fmt.Sprintf(`{"order":{"order_date":"2026-02-%02d","store":"Store %d","shipping_method":"AliExpress Standard Shipping","total":"US $12.34",`+
		`"items":[{"title":"USB-C cable 1 m, braided","quantity":2,"price":"US $6.17"}],`+
		`"parcels":[{"numbers":[{"number":"LP%014d","carrier":"Cainiao"}],"events":[`+
		`{"time":"2026-02-23T10:05:00+08:00","text":"Accepted by carrier","location":"Shenzhen"},`+
		`{"time":"2026-02-25T02:10:00+08:00","text":"Departed from departure country/region","location":"Shenzhen"},`+
		`{"time":"2026-03-02T14:00:00+01:00","text":"Arrived at destination country/region sorting center","location":"London"}]}],`+
		`"buyer":{"country":"GB","lang":"en"}},"marks":{"received":null},"note":"order %d"}`, 1+n%28, n%97, n, n)
}

func (c *client) push(url, token string, clientID int, next *int, batch int) (time.Duration, error) {
	return c.send(url, token, pushBody(clientID, next, batch))
}

// send posts a prepared push body and returns how long the request took.
func (c *client) send(url, token string, body []byte) (time.Duration, error) {
	t0 := time.Now()
	_, err := c.do("POST", url+"/api/v1/sync/push", token, body)
	return time.Since(t0), err
}

// pushBodies prepares n push bodies, so that building them does not compete with the server
// for CPU while latencies are measured.
func pushBodies(clientID int, next *int, batch, n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = pushBody(clientID, next, batch)
	}
	return out
}

func pushBody(clientID int, next *int, batch int) []byte {
	var b strings.Builder
	b.WriteString(`{"device_id":"loadgen-` + strconv.Itoa(clientID) + `","mutations":[`)
	for k := 0; k < batch; k++ {
		n := *next
		*next++
		if k > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"mutation_id":"c%d-%d","order_id":"8%015d","base_version":0,"op":"upsert","data":%s}`, clientID, n, n, orderData(n))
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// pullAll pulls from since until want changes (or the end) and returns how many came.
func (c *client) pullAll(url, token string, since int64, want int) (int, error) {
	got := 0
	for got < want {
		b, err := c.do("GET", fmt.Sprintf("%s/api/v1/sync/pull?since=%d&limit=%d", url, since, min(500, want-got)), token, nil)
		if err != nil {
			return got, err
		}
		var p struct {
			Changes []json.RawMessage `json:"changes"`
			Cursor  int64             `json:"cursor"`
			HasMore bool              `json:"has_more"`
		}
		if err := json.Unmarshal(b, &p); err != nil {
			return got, err
		}
		got += len(p.Changes)
		since = p.Cursor
		if !p.HasMore {
			break
		}
	}
	return got, nil
}

type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d time.Duration) {
	l.mu.Lock()
	l.d = append(l.d, d)
	l.mu.Unlock()
}

func (l *latencies) n() int { return len(l.d) }

func (l *latencies) pct(p float64) time.Duration {
	if len(l.d) == 0 {
		return 0
	}
	s := slices.Clone(l.d)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p/100))]
}

func (l *latencies) summary() string {
	r := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	return fmt.Sprintf("n=%d p50 %s p90 %s p99 %s max %s", len(l.d), r(l.pct(50)), r(l.pct(90)), r(l.pct(99)), r(l.pct(100)))
}

// memory prints the Go heap and the process's resident set (server and clients together).
func memory(out io.Writer, when string) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	rss, hwm := procStatus("VmRSS:"), procStatus("VmHWM:")
	fmt.Fprintf(out, "memory %s: heap in use %d MiB, Go runtime total %d MiB, RSS %s, peak RSS %s\n", when, m.HeapInuse>>20, m.Sys>>20, rss, hwm)
}

func procStatus(key string) string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "n/a"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return fmt.Sprintf("%d MiB", kb>>10)
		}
	}
	return "n/a"
}
