package memory_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/server"
	"github.com/orderwatch/orderwatch/server/limit/limittest"
	"github.com/orderwatch/orderwatch/server/limit/memory"
)

func TestMemoryLimiter(t *testing.T) {
	limittest.Run(t, func(testing.TB) server.NewLimiter { return memory.New })
}

func TestMemoryLimiterStaysBounded(t *testing.T) {
	l, _ := memory.New("ip", server.Rate{Interval: time.Hour, Burst: 2})
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	for i := 0; i < memory.MaxBuckets+500; i++ {
		if ok, _, _ := l.Take(context.Background(), fmt.Sprint("k", i), now); !ok {
			t.Fatalf("new key %d refused", i)
		}
	}
	if n := len(l.(*memory.Limiter).Keys()); n > memory.MaxBuckets {
		t.Errorf("%d buckets, want at most %d", n, memory.MaxBuckets)
	}
}

func BenchmarkLimiterMemory(b *testing.B) {
	l, _ := memory.New("ip", server.Rate{Interval: time.Microsecond, Burst: 10})
	now := time.Now()
	i := 0
	for b.Loop() {
		i++
		l.Take(context.Background(), fmt.Sprint("10.0.", i%256, ".", i%200), now)
	}
}
