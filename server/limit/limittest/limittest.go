// Package limittest is one table of cases that every server.Limiter adapter must pass; each
// adapter's test runs it on its own technology.
package limittest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/server"
)

// Factory returns a server.NewLimiter over fresh, empty storage for one test.
type Factory func(t testing.TB) server.NewLimiter

var t0 = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

type probe struct {
	t   *testing.T
	ctx context.Context
	l   server.Limiter
}

func mk(t *testing.T, f Factory, name string, r server.Rate) *probe {
	t.Helper()
	l, err := f(t)(name, r)
	if err != nil {
		t.Fatal(err)
	}
	return &probe{t, context.Background(), l}
}

func (p *probe) take(key string, at time.Time) (bool, time.Duration) {
	p.t.Helper()
	ok, wait, err := p.l.Take(p.ctx, key, at)
	if err != nil {
		p.t.Fatal(err)
	}
	return ok, wait
}

func (p *probe) blocked(key string, at time.Time) (bool, time.Duration) {
	p.t.Helper()
	b, wait, err := p.l.Blocked(p.ctx, key, at)
	if err != nil {
		p.t.Fatal(err)
	}
	return b, wait
}

// wantTake takes once and checks the answer and the wait.
func (p *probe) wantTake(key string, at time.Time, ok bool, wait time.Duration) {
	p.t.Helper()
	gotOK, gotWait := p.take(key, at)
	if gotOK != ok || gotWait != wait {
		p.t.Errorf("take %q at +%v = (%v, %v), want (%v, %v)", key, at.Sub(t0), gotOK, gotWait, ok, wait)
	}
}

func (p *probe) wantBlocked(key string, at time.Time, blocked bool, wait time.Duration) {
	p.t.Helper()
	gotB, gotWait := p.blocked(key, at)
	if gotB != blocked || gotWait != wait {
		p.t.Errorf("blocked %q at +%v = (%v, %v), want (%v, %v)", key, at.Sub(t0), gotB, gotWait, blocked, wait)
	}
}

// Run runs every case against the adapter made by f.
func Run(t *testing.T, f Factory) {
	t.Run("window", func(t *testing.T) {
		p := mk(t, f, "ip", server.Rate{Interval: time.Second, Burst: 3})
		for i := 0; i < 3; i++ {
			p.wantTake("a", t0, true, 0)
		}
		p.wantTake("a", t0, false, time.Second)
		p.wantTake("a", t0.Add(999*time.Millisecond), false, time.Millisecond)
		p.wantTake("a", t0.Add(time.Second), true, 0)
		p.wantTake("a", t0.Add(time.Second), false, time.Second)
		// Two intervals later: two tokens, not more.
		p.wantTake("a", t0.Add(3*time.Second), true, 0)
		p.wantTake("a", t0.Add(3*time.Second), true, 0)
		p.wantTake("a", t0.Add(3*time.Second), false, time.Second)
	})

	t.Run("Retry-After counts down and refused takes cost nothing", func(t *testing.T) {
		p := mk(t, f, "acct", server.Rate{Interval: 36 * time.Second, Burst: 5})
		for i := 0; i < 5; i++ {
			p.wantTake("v@example.com", t0, true, 0)
		}
		p.wantBlocked("v@example.com", t0, true, 36*time.Second)
		for i := 0; i < 20; i++ { // a flood of refused takes does not push the wait further
			p.wantTake("v@example.com", t0, false, 36*time.Second)
		}
		p.wantTake("v@example.com", t0.Add(10*time.Second), false, 26*time.Second)
		p.wantBlocked("v@example.com", t0.Add(10*time.Second), true, 26*time.Second)
		p.wantBlocked("v@example.com", t0.Add(36*time.Second), false, 0)
		p.wantTake("v@example.com", t0.Add(36*time.Second), true, 0)
		p.wantTake("v@example.com", t0.Add(36*time.Second), false, 36*time.Second)
	})

	t.Run("reset: full again after burst intervals, and pruned", func(t *testing.T) {
		r := server.Rate{Interval: 2 * time.Second, Burst: 4}
		p := mk(t, f, "ip", r)
		for i := 0; i < 4; i++ {
			p.wantTake("a", t0, true, 0)
		}
		p.wantTake("busy", t0.Add(7*time.Second), true, 0) // not full at +8 s
		p.wantTake("a", t0.Add(7*time.Second), true, 0)    // 3.5 tokens back: 3 takes pass
		p.wantTake("a", t0.Add(7*time.Second), true, 0)
		p.wantTake("a", t0.Add(7*time.Second), true, 0)
		p.wantTake("a", t0.Add(7*time.Second), false, time.Second)
		at := t0.Add(7*time.Second + 4*2*time.Second) // "a" full again; "busy" too
		p.wantTake("busy", at, true, 0)               // "busy" taken again: not full
		n, err := p.l.Prune(p.ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("pruned %d buckets, want 1 (only the full one)", n)
		}
		for i := 0; i < 4; i++ {
			p.wantTake("a", at, true, 0)
		}
		p.wantTake("a", at, false, 2*time.Second)
		for i := 0; i < 3; i++ { // "busy" kept its state: 1 of 4 was taken
			p.wantTake("busy", at, true, 0)
		}
		p.wantTake("busy", at, false, 2*time.Second)
	})

	t.Run("failure counting per account: Blocked takes nothing, keys and names are apart", func(t *testing.T) {
		new := f(t)
		r := server.Rate{Interval: 36 * time.Second, Burst: 3}
		acct, err := new("account-failures", r)
		if err != nil {
			t.Fatal(err)
		}
		other, err := new("auth-ip", r)
		if err != nil {
			t.Fatal(err)
		}
		p, q := &probe{t, context.Background(), acct}, &probe{t, context.Background(), other}
		for i := 0; i < 50; i++ {
			p.wantBlocked("victim@example.com", t0, false, 0)
		}
		for i := 0; i < 3; i++ {
			p.wantBlocked("victim@example.com", t0, false, 0)
			p.wantTake("victim@example.com", t0, true, 0)
		}
		p.wantBlocked("victim@example.com", t0, true, 36*time.Second)
		p.wantBlocked("VICTIM@example.com", t0, false, 0) // keys are exact; the API lower-cases e-mails
		p.wantBlocked("bystander@example.com", t0, false, 0)
		q.wantBlocked("victim@example.com", t0, false, 0) // same key, other limiter
		q.wantTake("victim@example.com", t0, true, 0)
	})

	t.Run("Return gives back one token", func(t *testing.T) {
		p := mk(t, f, "acct", server.Rate{Interval: 36 * time.Second, Burst: 3})
		ret := func(key string) {
			t.Helper()
			if err := p.l.Return(p.ctx, key, t0); err != nil {
				t.Fatal(err)
			}
		}
		for i := 0; i < 3; i++ { // three right passwords: taken and given back
			p.wantTake("a", t0, true, 0)
			ret("a")
		}
		for i := 0; i < 3; i++ { // three wrong ones are kept
			p.wantTake("a", t0, true, 0)
		}
		p.wantTake("a", t0, false, 36*time.Second)
		ret("a") // one given back: exactly one more
		p.wantBlocked("a", t0, false, 0)
		p.wantTake("a", t0, true, 0)
		p.wantTake("a", t0, false, 36*time.Second)
		ret("never-taken") // nothing to give back: no error, no credit
		for i := 0; i < 3; i++ {
			p.wantTake("never-taken", t0, true, 0)
		}
		p.wantTake("never-taken", t0, false, 36*time.Second)
	})

	t.Run("8 goroutines exactly at the limit", func(t *testing.T) {
		for _, burst := range []int{8, 5, 1} {
			p := mk(t, f, "ip", server.Rate{Interval: time.Minute, Burst: burst})
			for round := 0; round < 3; round++ {
				key := fmt.Sprintf("k%d-%d", burst, round)
				var wg sync.WaitGroup
				var mu sync.Mutex
				passed, refused := 0, 0
				start := make(chan struct{})
				for g := 0; g < 8; g++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						<-start
						ok, wait, err := p.l.Take(p.ctx, key, t0)
						mu.Lock()
						defer mu.Unlock()
						switch {
						case err != nil:
							t.Error(err)
						case ok:
							passed++
						case wait <= 0:
							t.Errorf("refused with wait %v", wait)
						default:
							refused++
						}
					}()
				}
				close(start)
				wg.Wait()
				if passed != burst || refused != 8-burst {
					t.Errorf("burst %d: %d passed, %d refused of 8 concurrent takes; want %d and %d", burst, passed, refused, burst, 8-burst)
				}
				p.wantTake(key, t0, false, time.Minute)
			}
		}
	})

	t.Run("no limit", func(t *testing.T) {
		p := mk(t, f, "ip", server.Rate{})
		for i := 0; i < 100; i++ {
			p.wantTake("a", t0, true, 0)
		}
		p.wantBlocked("a", t0, false, 0)
	})
}
