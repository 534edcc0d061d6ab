// Package memory keeps rate-limit buckets in the process's memory: right for one server
// process (the SQLite setup), wrong for replicas, which would each count on their own.
package memory

import (
	"context"
	"sync"
	"time"

	"github.com/orderwatch/orderwatch/server"
)

// MaxBuckets bounds the map: when it is full, buckets that are full again (idle clients) go
// first, then arbitrary ones.
const MaxBuckets = 16384

// Limiter implements server.Limiter with a map of GCRA buckets behind a mutex.
type Limiter struct {
	rate    server.Rate
	mu      sync.Mutex
	buckets map[string]int64 // key → theoretical arrival time, µs
}

var _ server.Limiter = (*Limiter)(nil)

// New returns an empty limiter of rate r. Its signature is a server.NewLimiter's.
func New(_ string, r server.Rate) (server.Limiter, error) {
	return &Limiter{rate: r, buckets: map[string]int64{}}, nil
}

// Take implements server.Limiter.
func (l *Limiter) Take(_ context.Context, key string, now time.Time) (bool, time.Duration, error) {
	if l.rate.Unlimited() {
		return true, 0, nil
	}
	n := server.Micros(now)
	l.mu.Lock()
	defer l.mu.Unlock()
	tat, ok := l.buckets[key]
	if !ok {
		l.makeRoom(n)
	}
	next, allowed, wait := l.rate.GCRATake(tat, n)
	l.buckets[key] = next
	return allowed, time.Duration(wait) * time.Microsecond, nil
}

// Blocked implements server.Limiter.
func (l *Limiter) Blocked(_ context.Context, key string, now time.Time) (bool, time.Duration, error) {
	if l.rate.Unlimited() {
		return false, 0, nil
	}
	l.mu.Lock()
	tat := l.buckets[key]
	l.mu.Unlock()
	blocked, wait := l.rate.GCRABlocked(tat, server.Micros(now))
	return blocked, time.Duration(wait) * time.Microsecond, nil
}

// Return implements server.Limiter.
func (l *Limiter) Return(_ context.Context, key string, _ time.Time) error {
	if l.rate.Unlimited() {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if tat, ok := l.buckets[key]; ok {
		l.buckets[key] = l.rate.GCRAReturn(tat)
	}
	return nil
}

// Prune implements server.Limiter.
func (l *Limiter) Prune(_ context.Context, now time.Time) (int64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.prune(server.Micros(now)), nil
}

func (l *Limiter) prune(now int64) int64 {
	var n int64
	for k, tat := range l.buckets {
		if tat <= now {
			delete(l.buckets, k)
			n++
		}
	}
	return n
}

// makeRoom keeps the map under MaxBuckets before a new key goes in.
func (l *Limiter) makeRoom(now int64) {
	if len(l.buckets) < MaxBuckets {
		return
	}
	l.prune(now)
	for k := range l.buckets {
		if len(l.buckets) < MaxBuckets {
			break
		}
		// Still full of active clients: drop an arbitrary one rather than grow.
		delete(l.buckets, k)
	}
}

// Keys lists the keys held (for tests).
func (l *Limiter) Keys() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	ks := make([]string, 0, len(l.buckets))
	for k := range l.buckets {
		ks = append(ks, k)
	}
	return ks
}
