package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/order"
)

// The batch benchmarks measure the bridge natively on a realistic 100-order account; js/bench.mjs
// runs them with -benchdata=DIR, which writes the very same inputs to DIR so that the WASM
// build is timed on identical bytes in the same run (the WASM/native ratio).
var benchData = flag.String("benchdata", "", "write the benchmark inputs (events.json, account.json, now.txt) to this directory")

// benchNow is the clock of the account benchmark: after every generated order.
var benchNow = time.Date(2026, 3, 20, 9, 30, 0, 0, time.UTC)

// checkpointsCSV is the labelled checkpoint set the generated events are drawn from.
const checkpointsCSV = "../shared/classify/testdata/dev.csv"

var (
	benchOnce    sync.Once
	benchAccount [][]byte // one order JSON per order
	benchEvents  []byte   // every event of the account as one classify batch
	benchErr     error
)

func loadBench(b *testing.B) {
	b.Helper()
	benchOnce.Do(func() {
		benchAccount, benchEvents, benchErr = generateAccount(100)
		if benchErr == nil && *benchData != "" {
			benchErr = writeBenchData(*benchData)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
}

func BenchmarkClassifyBatch(b *testing.B) {
	loadBench(b)
	b.SetBytes(int64(len(benchEvents)))
	for b.Loop() {
		if _, err := ClassifyEvents(benchEvents); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClassifyCore is the core alone on the same batch, already decoded: the difference
// to BenchmarkClassifyBatch is what the bridge's JSON costs.
func BenchmarkClassifyCore(b *testing.B) {
	loadBench(b)
	var in []classify.Input
	if err := json.Unmarshal(benchEvents, &in); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		classify.Events(in)
	}
}

func BenchmarkAssessAccount(b *testing.B) {
	loadBench(b)
	for b.Loop() {
		for _, o := range benchAccount {
			if _, err := AssessOrder(o, benchNow); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkParseNumber(b *testing.B) {
	for b.Loop() {
		if _, err := ParseNumber("RB123456785GB"); err != nil {
			b.Fatal(err)
		}
	}
}

func writeBenchData(dir string) error {
	account := []byte("[" + string(joinJSON(benchAccount)) + "]")
	for name, data := range map[string][]byte{
		"events.json":  benchEvents,
		"account.json": account,
		"now.txt":      []byte(benchNow.Format(time.RFC3339)),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return fmt.Errorf("benchdata: %w", err)
		}
	}
	return nil
}

func joinJSON(items [][]byte) []byte {
	var sb strings.Builder
	for i, it := range items {
		if i > 0 {
			sb.WriteString(",")
		}
		sb.Write(it)
	}
	return []byte(sb.String())
}

// generateAccount builds a deterministic account of n orders whose parcels carry real carrier
// messages from the checkpoint set, about 20 events per order as on a real account. It
// returns each order's JSON and all their events as one classify batch.
func generateAccount(n int) ([][]byte, []byte, error) {
	f, err := os.Open(checkpointsCSV)
	if err != nil {
		return nil, nil, fmt.Errorf("benchdata: %w", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		return nil, nil, fmt.Errorf("benchdata: reading %s: %v (%d rows)", checkpointsCSV, err, len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	// Keep the rows an AliExpress tracking page could show: a few sources give a whole
	// description table as the "code".
	var usable [][]string
	for _, r := range rows[1:] {
		if len(r[col["code"]]) <= 40 {
			usable = append(usable, r)
		}
	}
	rows = usable
	methods := []string{"AliExpress Standard Shipping", "AliExpress Saver Shipping", "AliExpress Premium Shipping", "ePacket", "China Post Ordinary Small Packet Plus", "DHL", "Cainiao Super Economy Global"}
	rng := rand.New(rand.NewPCG(2026, 3))
	var orders [][]byte
	var events []classify.Input
	for i := range n {
		start := benchNow.AddDate(0, 0, -5-rng.IntN(60))
		o := order.Order{
			ID:             fmt.Sprintf("82%014d", 14937669763641+int64(i)*7919),
			Date:           order.Time{Time: start},
			Store:          fmt.Sprintf("Store %d", i%17),
			StatusText:     "Awaiting delivery",
			ShippingMethod: methods[i%len(methods)],
			Total:          fmt.Sprintf("US $%d.%02d", 3+rng.IntN(60), rng.IntN(100)),
			Items:          []order.Item{{Title: "Item", Quantity: 1 + rng.IntN(3)}},
			Buyer:          order.BuyerFacts{Country: "GB", Lang: "en"},
		}
		if i%3 == 0 {
			days := 5 + rng.IntN(40)
			o.Protection = order.Protection{DaysLeft: &days, ReadAt: order.Time{Time: benchNow.Add(-24 * time.Hour)}}
		}
		parcels := 1 + i%9/8 // one order in nine ships in two parcels
		for p := range parcels {
			number := fmt.Sprintf("LP%014d", 123456789012+int64(i*10+p))
			parcel := order.Parcel{ShippingMethod: o.ShippingMethod, Numbers: []order.ParcelNumber{{Number: number, Carrier: "Cainiao", Role: order.RoleOrigin}}}
			t := start.Add(time.Duration(24+rng.IntN(72)) * time.Hour)
			// Spread the events over the time left, so that none lies after the clock.
			step := benchNow.Sub(t) / 21
			for range 20 / parcels {
				r := rows[rng.IntN(len(rows))]
				e := order.Event{Time: order.Time{Time: t}, Text: r[col["message"]], Carrier: r[col["carrier"]], Code: r[col["code"]], Number: number, Location: "Shenzhen"}
				if lang := r[col["language"]]; lang != "und" {
					e.Lang = lang
				}
				parcel.Events = append(parcel.Events, e)
				events = append(events, classify.Input{Text: e.Text, Carrier: e.Carrier, Code: e.Code, Lang: e.Lang})
				t = t.Add(step/2 + time.Duration(rng.Int64N(int64(step))))
			}
			o.Parcels = append(o.Parcels, parcel)
		}
		data, err := json.Marshal(o)
		if err != nil {
			return nil, nil, fmt.Errorf("benchdata: %w", err)
		}
		orders = append(orders, data)
	}
	batch, err := json.Marshal(events)
	if err != nil {
		return nil, nil, fmt.Errorf("benchdata: %w", err)
	}
	return orders, batch, nil
}
