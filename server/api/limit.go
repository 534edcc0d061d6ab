package api

import (
	"context"
	"math"
	"time"

	"github.com/orderwatch/orderwatch/server"
	"golang.org/x/time/rate"
)

// Limiter names: distinct names never share buckets, whatever the adapter.
const (
	limiterIP      = "auth-ip"
	limiterAccount = "account-failures"
)

// bucketRate turns the Config's rate.Limit and burst into the domain's bucket. rate.Inf is
// no limit; a rate of zero or less never refills.
func bucketRate(r rate.Limit, burst int) server.Rate {
	switch {
	case r == rate.Inf:
		return server.Rate{}
	case r <= 0:
		return server.Rate{Interval: 100 * 365 * 24 * time.Hour, Burst: burst}
	}
	return server.Rate{Interval: time.Duration(float64(time.Second) / float64(r)), Burst: burst}
}

// roundUp rounds a wait up to whole seconds, as Retry-After counts them.
func roundUp(d time.Duration) time.Duration {
	return time.Duration(math.Ceil(d.Seconds())) * time.Second
}

// PruneLimits forgets the rate-limit buckets that are full again (cmd calls it every minute;
// on PostgreSQL it keeps the shared table small).
func (s *Server) PruneLimits(ctx context.Context) (int64, error) {
	a, err := s.perIP.Prune(ctx, s.cfg.Now())
	if err != nil {
		return a, err
	}
	b, err := s.perAcct.Prune(ctx, s.cfg.Now())
	return a + b, err
}
