package server

import (
	"context"
	"time"
)

// Rate is a token bucket: Burst requests at once, then one more each Interval. A zero
// Interval means no limit.
type Rate struct {
	Interval time.Duration
	Burst    int
}

// Unlimited reports whether r lets everything through.
func (r Rate) Unlimited() bool { return r.Interval <= 0 || r.Burst <= 0 }

// Limiter is a set of buckets of one Rate, keyed by client IP or account. Every replica of
// the server that shares a database must see the same buckets (the PostgreSQL adapter);
// one process alone may keep them in memory.
type Limiter interface {
	// Take takes one token from key's bucket at now. When there is none it takes nothing,
	// returns false and how long until a token is back.
	Take(ctx context.Context, key string, now time.Time) (ok bool, retryAfter time.Duration, err error)
	// Blocked reports whether key's bucket is empty at now, without taking anything, and
	// if so how long until a token is back.
	Blocked(ctx context.Context, key string, now time.Time) (blocked bool, retryAfter time.Duration, err error)
	// Return gives back one token that Take took for key (an attempt that turned out not to
	// count, such as a login with the right password). Taking before the work and returning
	// after it bounds concurrent attempts by the burst, which a check before and a take after
	// would not.
	Return(ctx context.Context, key string, now time.Time) error
	// Prune forgets buckets that are full again at now (their state equals a fresh
	// bucket's) and returns how many it forgot.
	Prune(ctx context.Context, now time.Time) (int64, error)
}

// NewLimiter makes the limiter called name (distinct names never share buckets).
type NewLimiter func(name string, r Rate) (Limiter, error)

// The bucket arithmetic (GCRA, the generic cell rate algorithm: a token bucket stored as one
// number). A bucket is its theoretical arrival time tat: the moment it would be full again,
// in microseconds since the Unix epoch. A bucket with tat ≤ now is full. Taking a token
// moves tat one Interval later; a token is there when tat, brought up to now, is at most
// (Burst−1)·Interval ahead of now. The PostgreSQL adapter computes the same in SQL.

// GCRATake returns the bucket after taking a token at now (µs), whether there was one, and
// when not, the wait in µs.
func (r Rate) GCRATake(tat, now int64) (next int64, ok bool, wait int64) {
	iv, tau := r.GCRA()
	if tat < now {
		tat = now
	}
	if tat-now <= tau {
		return tat + iv, true, 0
	}
	return tat, false, tat - now - tau
}

// GCRAReturn returns the bucket after giving back one token.
func (r Rate) GCRAReturn(tat int64) int64 {
	iv, _ := r.GCRA()
	return tat - iv
}

// GCRABlocked reports whether a bucket has no token at now (µs) and the wait in µs.
func (r Rate) GCRABlocked(tat, now int64) (blocked bool, wait int64) {
	_, tau := r.GCRA()
	if tat < now {
		tat = now
	}
	if tat-now <= tau {
		return false, 0
	}
	return true, tat - now - tau
}

// GCRA returns the interval and the tolerance (Burst−1)·Interval in µs.
func (r Rate) GCRA() (iv, tau int64) {
	iv = r.Interval.Microseconds()
	if iv < 1 {
		iv = 1
	}
	return iv, int64(r.Burst-1) * iv
}

// Micros is the limiters' clock unit: t in microseconds since the Unix epoch.
func Micros(t time.Time) int64 { return t.UnixMicro() }
