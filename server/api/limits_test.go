package api_test

import (
	"fmt"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/server/api"
	"golang.org/x/time/rate"
)

// TestRegisterSharesThePerIPLimit: register draws on the same per-IP bucket as login, and once
// it is empty a taken address gets the same 429 as a new one (no 409 to tell them apart).
func TestRegisterSharesThePerIPLimit(t *testing.T) {
	each(t, func(c *api.Config) { c.AuthRate, c.AuthBurst = rate.Every(time.Hour), 5 }, func(t *testing.T, e *env) {
		var statuses []int
		for i := 0; i < 3; i++ {
			statuses = append(statuses, e.do("POST", "/api/v1/auth/register", "", map[string]string{"email": fmt.Sprintf("p%d@example.com", i), "password": testPassword}).Status)
		}
		statuses = append(statuses, e.do("POST", "/api/v1/auth/register", "", map[string]string{"email": "p0@example.com", "password": testPassword}).Status)
		statuses = append(statuses, e.login("p1@example.com", "wrong password").Status)
		taken := e.do("POST", "/api/v1/auth/register", "", map[string]string{"email": "p0@example.com", "password": testPassword})
		fresh := e.do("POST", "/api/v1/auth/register", "", map[string]string{"email": "p9@example.com", "password": testPassword})
		statuses = append(statuses, taken.Status, fresh.Status)
		if diff := cmp.Diff([]int{201, 201, 201, 409, 401, 429, 429}, statuses); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}
		if taken.Header.Get("Retry-After") == "" || string(taken.Body) != string(fresh.Body) {
			t.Errorf("limited register: taken %s %v, new %s", taken.Body, taken.Header, fresh.Body)
		}
	})
}

// TestTrustedProxyNamesTheClient: with the peer listed as a trusted proxy, the address it
// appends to X-Forwarded-For is the client's bucket; entries the client wrote itself (left
// of it) change nothing, and a peer that is not listed is its own client.
func TestTrustedProxyNamesTheClient(t *testing.T) {
	_, loopback, _ := net.ParseCIDR("127.0.0.0/8")
	_, elsewhere, _ := net.ParseCIDR("10.9.9.9/32")
	body := map[string]string{"email": "x@example.com", "password": "whatever123"}
	each(t, func(c *api.Config) {
		c.AuthRate, c.AuthBurst, c.TrustedProxies = rate.Every(time.Hour), 2, []*net.IPNet{loopback}
	}, func(t *testing.T, e *env) {
		var got []int
		for i := 0; i < 3; i++ { // the client forges a new left-most entry each time
			got = append(got, e.do("POST", "/api/v1/auth/login", "", body, "X-Forwarded-For", fmt.Sprintf("198.51.100.%d, 203.0.113.1", i)).Status)
		}
		got = append(got, e.do("POST", "/api/v1/auth/login", "", body, "X-Forwarded-For", "203.0.113.2").Status)
		got = append(got, e.do("POST", "/api/v1/auth/login", "", body, "X-Real-IP", "203.0.113.3").Status) // X-Real-IP is not read: the proxy itself
		got = append(got, e.do("POST", "/api/v1/auth/login", "", body).Status)
		got = append(got, e.do("POST", "/api/v1/auth/login", "", body).Status)
		if diff := cmp.Diff([]int{401, 401, 429, 401, 401, 401, 429}, got); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}
	})
	each(t, func(c *api.Config) {
		c.AuthRate, c.AuthBurst, c.TrustedProxies = rate.Every(time.Hour), 2, []*net.IPNet{elsewhere}
	}, func(t *testing.T, e *env) {
		var got []int
		for i := 0; i < 3; i++ {
			got = append(got, e.do("POST", "/api/v1/auth/login", "", body, "X-Forwarded-For", fmt.Sprintf("203.0.113.%d", i)).Status)
		}
		if diff := cmp.Diff([]int{401, 401, 429}, got); diff != "" {
			t.Errorf("untrusted peer: X-Forwarded-For must be ignored (-want +got):\n%s", diff)
		}
	})
}

// TestRegisterTakenAndNewTakeTheSameTime: the password is hashed before the address is
// looked at, so a taken address answers (409) no faster than a new one (201). Samples are
// interleaved and compared by their lower quartiles; skipping the hash on the taken path makes it
// ~20 times faster and fails this.
func TestRegisterTakenAndNewTakeTheSameTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	each(t, nil, func(t *testing.T, e *env) {
		taken, _ := e.user()
		const n = 21
		var tTaken, tNew []time.Duration
		for i := 0; i < n; i++ {
			t0 := time.Now()
			r := e.do("POST", "/api/v1/auth/register", "", map[string]string{"email": taken, "password": testPassword})
			tTaken = append(tTaken, time.Since(t0))
			want(t, r, 409)
			t0 = time.Now()
			r = e.do("POST", "/api/v1/auth/register", "", map[string]string{"email": fmt.Sprintf("new%d@example.com", i), "password": testPassword})
			tNew = append(tNew, time.Since(t0))
			want(t, r, 201)
		}
		slices.Sort(tTaken)
		slices.Sort(tNew)
		// The lower quartiles: what each answer costs when the machine is not busy elsewhere (a
		// loaded machine adds delays to either at random; a side channel shifts one of them
		// whole, the quartile with it).
		mt, mn := tTaken[n/4], tNew[n/4]
		ratio := float64(mt) / float64(mn)
		t.Logf("lower quartile of register: taken %v, new %v, ratio %.2f (medians %v, %v)", mt, mn, ratio, tTaken[n/2], tNew[n/2])
		if ratio < 0.7 || ratio > 1.4 {
			t.Errorf("taken/new time ratio %.2f at the lower quartile (taken %v, new %v): want 0.7..1.4", ratio, mt, mn)
		}
	})
}

// TestConcurrentGuessesStopAtTheLimit: guesses sent at once for one account cannot all slip
// past the per-account limit (the attempt is taken before the password is checked).
func TestConcurrentGuessesStopAtTheLimit(t *testing.T) {
	each(t, func(c *api.Config) { c.AccountRate, c.AccountBurst = rate.Every(time.Hour/100), 5 }, func(t *testing.T, e *env) {
		victim, _ := e.user()
		want(t, e.login(victim, testPassword), 200) // a right password does not use up an attempt
		const n = 12
		statuses := make(chan int, n)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				statuses <- e.login(victim, fmt.Sprintf("parallel guess %d", i)).Status
			}()
		}
		close(start)
		wg.Wait()
		close(statuses)
		count := map[int]int{}
		for s := range statuses {
			count[s]++
		}
		if count[401] != 5 || count[429] != n-5 {
			t.Errorf("%d parallel guesses: %v; want exactly 5 × 401 (the burst) and the rest 429", n, count)
		}
		want(t, e.login(victim, testPassword), 429)
	})
}
