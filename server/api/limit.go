package api

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter is a set of token buckets keyed by client IP or account, on the server's clock.
// The map is bounded: when it fills up, buckets that are full again (idle clients) go.
type limiter struct {
	mu      sync.Mutex
	rate    rate.Limit
	burst   int
	buckets map[string]*rate.Limiter
}

const maxBuckets = 16384

func newLimiter(r rate.Limit, burst int) *limiter {
	return &limiter{rate: r, burst: burst, buckets: map[string]*rate.Limiter{}}
}

func (l *limiter) bucket(key string, now time.Time) *rate.Limiter {
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= maxBuckets {
			for k, v := range l.buckets {
				if v.TokensAt(now) >= float64(l.burst) {
					delete(l.buckets, k)
				}
			}
		}
		if len(l.buckets) >= maxBuckets {
			// Still full of active clients: drop an arbitrary one rather than grow.
			for k := range l.buckets {
				delete(l.buckets, k)
				break
			}
		}
		b = rate.NewLimiter(l.rate, l.burst)
		l.buckets[key] = b
	}
	return b
}

// allow takes one token for key and reports whether there was one; when not, it also
// returns how long until one is back.
func (l *limiter) allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.bucket(key, now)
	if b.AllowN(now, 1) {
		return true, 0
	}
	return false, wait(b.TokensAt(now), l.rate)
}

// blocked reports whether key has no token left, without taking one.
func (l *limiter) blocked(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.bucket(key, now)
	if t := b.TokensAt(now); t < 1 {
		return true, wait(t, l.rate)
	}
	return false, 0
}

func wait(tokens float64, r rate.Limit) time.Duration {
	if r <= 0 {
		return time.Hour
	}
	return time.Duration(math.Ceil((1-tokens)/float64(r))) * time.Second
}
