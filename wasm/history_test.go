package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/shared/assess"
)

// assessBatch's options: the buyer's history reaches the arrival window of the orders still on
// their way, and gives what assess.Order gives with the same history; malformed options are
// refused with a message naming them.
func TestAssessOrdersWithHistory(t *testing.T) {
	onWay := `{"order_id":"8200000000000009","order_date":"2026-03-01","status_text":"Awaiting delivery","shipping_method":"AliExpress Standard Shipping",
	 "parcels":[{"numbers":[{"number":"LP00123456789CN"}],"events":[{"time":"2026-03-02T08:00:00Z","text":"Package collected by carrier"},{"time":"2026-03-04T08:00:00Z","text":"Departed from country of origin"}]}]}`
	now := time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)
	opt, err := DecodeBatchOptions([]byte(`{"history":[{"method":"aliexpress_standard","country":"","days":32},{"method":"aliexpress_standard","country":"","days":35},{"method":"aliexpress_standard","country":"","days":39},{"method":"aliexpress_saver","country":"","days":50}]}`))
	if err != nil {
		t.Fatal(err)
	}
	read := func(b []byte) assess.Assessment {
		var items []assess.Assessment
		if err := json.Unmarshal(b, &items); err != nil || len(items) != 1 {
			t.Fatalf("answer %s: %v", b, err)
		}
		return items[0]
	}
	plain, err := AssessOrders([]byte("["+onWay+"]"), now)
	if err != nil {
		t.Fatal(err)
	}
	with, err := AssessOrdersWith([]byte("["+onWay+"]"), now, opt)
	if err != nil {
		t.Fatal(err)
	}
	if a := read(plain); a.ETA == nil || a.ETA.Basis == assess.ETABasisHistory {
		t.Errorf("without history: eta %+v", a.ETA)
	}
	a := read(with)
	if a.ETA == nil || a.ETA.Basis != assess.ETABasisHistory || a.ETA.Samples != 3 {
		t.Errorf("with 3 Standard trips: eta %+v, want basis history on 3 samples", a.ETA)
	}
	if a.ETA != nil && (!a.ETA.Earliest.Equal(time.Date(2026, 4, 3, 0, 0, 0, 0, time.UTC)) || !a.ETA.Latest.Equal(time.Date(2026, 4, 10, 0, 0, 0, 0, time.UTC))) {
		t.Errorf("window %s – %s, want the 32–39 days of the trips from 2 March", a.ETA.Earliest, a.ETA.Latest)
	}
	for _, bad := range []string{`{"history":[{"method":"x","days":"long"}]}`, `{"histroy":[]}`, `[]`, `{"history":{}}`} {
		if _, err := DecodeBatchOptions([]byte(bad)); err == nil || !strings.Contains(err.Error(), "assessBatch: options") {
			t.Errorf("options %s: error %v", bad, err)
		}
	}
	if _, err := AssessOrdersWith([]byte("[]"), now, BatchOptions{History: make([]assess.Trip, MaxBatchHistory+1)}); err == nil {
		t.Error("a history longer than the bound is taken")
	}
}
