package api_test

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/server/store/storetest"
)

// BenchmarkPushHTTP measures one push of 100 new orders over loopback HTTP, end to end.
func BenchmarkPushHTTP(b *testing.B) {
	e := start(b, storetest.Databases()[0].DSN(b), nil)
	_, tk := e.user()
	n := 0
	start := cpuTime()
	for b.Loop() {
		body := benchBody(n)
		n += 100
		r := e.do("POST", "/api/v1/sync/push", tk.AccessToken, body)
		if r.Status != 200 {
			b.Fatalf("status %d: %s", r.Status, r.Body)
		}
	}
	// CPU time of the process (server and client) is steadier than wall time on a shared machine.
	b.ReportMetric(float64(cpuTime()-start)/1e6/float64(b.N), "cpu-ms/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchBody(n0 int) string {
	var sb strings.Builder
	sb.WriteString(`{"device_id":"bench","mutations":[`)
	for k := 0; k < 100; k++ {
		n := n0 + k
		if k > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"mutation_id":"b%d","order_id":"8%015d","base_version":0,"op":"upsert","data":{"order":{"order_date":"2026-02-21","store":"Store","shipping_method":"AliExpress Standard Shipping","items":[{"title":"USB-C cable","quantity":2,"price":"US $6.17"}],"parcels":[{"numbers":[{"number":"LP%014d"}],"events":[{"time":"2026-02-23T10:05:00+08:00","text":"Accepted by carrier","location":"Shenzhen"},{"time":"2026-02-25T02:10:00+08:00","text":"Departed from departure country/region"}]}]},"note":"n"}}`, n, n, n)
	}
	sb.WriteString(`]}`)
	return sb.String()
}
