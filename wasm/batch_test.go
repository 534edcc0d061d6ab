package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// AssessOrders answers, element for element, exactly AssessOrder's bytes; a refused order is
// an {"error"} element with AssessOrder's message and leaves the others alone.
func TestAssessOrdersSameBytesAsAssessOrder(t *testing.T) {
	example, err := os.ReadFile("../shared/order/testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	account, _, err := generateAccount(30)
	if err != nil {
		t.Fatal(err)
	}
	orders := append([][]byte{example, []byte(`{"order_id":"8214937669763641"}`), []byte(`{"store":"no id"}`), []byte(`{"order_id":"8214937669763641","items":"many"}`)}, account...)
	now := time.Date(2026, 3, 20, 9, 30, 0, 0, time.UTC)
	got, err := AssessOrders([]byte("["+string(joinJSON(orders))+"]"), now)
	if err != nil {
		t.Fatal(err)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(got, &items); err != nil {
		t.Fatalf("not a JSON array: %v", err)
	}
	if len(items) != len(orders) {
		t.Fatalf("%d items for %d orders", len(items), len(orders))
	}
	errorsSeen := 0
	for i, o := range orders {
		want, werr := AssessOrder(o, now)
		if werr != nil {
			var e BatchError
			if err := json.Unmarshal(items[i], &e); err != nil || e.Error != werr.Error() {
				t.Errorf("order %d: want error %q, got %s", i, werr, items[i])
			}
			errorsSeen++
			continue
		}
		if string(items[i]) != string(want) {
			t.Errorf("order %d: batch bytes differ from AssessOrder:\n%s\n%s", i, items[i], want)
		}
	}
	if errorsSeen != 2 {
		t.Errorf("%d refused orders, want 2", errorsSeen)
	}
}

func TestAssessOrdersRejectsBadInput(t *testing.T) {
	now := time.Date(2026, 3, 20, 9, 30, 0, 0, time.UTC)
	for _, tt := range []struct{ name, in, want string }{
		{"not an array", `{"order_id":"8214937669763641"}`, "must be an array"},
		{"null", `null`, "got null"},
		{"trailing data", `[] []`, "trailing data"},
		{"too many orders", "[" + strings.Repeat(`{"order_id":"8214937669763641"},`, MaxBatchOrders) + `{"order_id":"8214937669763641"}]`, "more than the"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := AssessOrders([]byte(tt.in), now)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := AssessOrders([]byte(`[]`), time.Time{}); err == nil {
		t.Fatal("a zero clock was accepted")
	}
	if got, err := AssessOrders([]byte(`[]`), now); err != nil || string(got) != "[]" {
		t.Fatalf("empty batch: %s, %v", got, err)
	}
}

// BenchmarkAssessBatch is BenchmarkAssessAccount's account in one AssessOrders call.
func BenchmarkAssessBatch(b *testing.B) {
	loadBench(b)
	account := []byte("[" + string(joinJSON(benchAccount)) + "]")
	for b.Loop() {
		if _, err := AssessOrders(account, benchNow); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssessBatchParts is the Go side of assessBatch in WebAssembly: the account as the
// glue receives it (JSON arrays of four orders each), the answer into a reused buffer.
func BenchmarkAssessBatchParts(b *testing.B) {
	loadBench(b)
	var parts []string
	for i := 0; i < len(benchAccount); i += 4 {
		parts = append(parts, "["+string(joinJSON(benchAccount[i:min(i+4, len(benchAccount))]))+"]")
	}
	var buf []byte
	for b.Loop() {
		out, _, err := assessArrays(buf[:0], parts, benchNow, BatchOptions{})
		if err != nil {
			b.Fatal(err)
		}
		buf = out
	}
}

// An order the core refuses sends the batch down the encoding/json path, which answers as
// before: the error element in its place, the good orders assessed.
func TestAssessOrdersFastAndSlowPathsAgree(t *testing.T) {
	account, _, err := generateAccount(5)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 20, 9, 30, 0, 0, time.UTC)
	good := "[" + string(joinJSON(account)) + "]"
	fast, err := AssessOrders([]byte(good), now)
	if err != nil {
		t.Fatal(err)
	}
	orders, errs, err := decodeOrders([]byte(good))
	if err != nil || len(errs) != len(account) || len(orders) != len(account) {
		t.Fatalf("decodeOrders: %d elements, %d orders, %v", len(errs), len(orders), err)
	}
	for i, e := range errs {
		if e != nil {
			t.Fatalf("order %d: %v", i, e)
		}
	}
	// The same orders with white space around and one refused order in the middle.
	mixed := " [ " + string(account[0]) + " ,\n" + `{"store":"no id"}` + "," + string(joinJSON(account[1:])) + " ] "
	got, err := AssessOrders([]byte(mixed), now)
	if err != nil {
		t.Fatal(err)
	}
	var a, b []json.RawMessage
	if err := json.Unmarshal(fast, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(got, &b); err != nil {
		t.Fatal(err)
	}
	if len(b) != len(a)+1 || !bytes.Contains(b[1], []byte(`"error"`)) {
		t.Fatalf("mixed batch: %d elements (want %d), second %s", len(b), len(a)+1, b[1])
	}
	b = append(b[:1], b[2:]...)
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Errorf("order %d differs between the two paths", i)
		}
	}
}

// FuzzAssessOrders: on any input the batch never panics; it answers exactly when encoding/json
// reads the input as an array (of at most MaxBatchOrders), one element per element: AssessOrder's
// bytes for that element, or {"error"} with AssessOrder's message. Otherwise its error names
// the call.
func FuzzAssessOrders(f *testing.F) {
	example, err := os.ReadFile("../shared/order/testdata/example.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{`[]`, `null`, `[null]`, `[{"order_id":"8214937669763641"}]`, `[{"store":"no id"},1,"x"]`,
		"[" + string(example) + "," + string(example) + "]", `[{"order_id":"8214937669763641"},]`, ` [ {"order_id":"8214937669763641","parcels":[{"eta":{"latest":"2026-03-18"}}]} ] `} {
		f.Add(s)
	}
	now := time.Date(2026, 3, 20, 9, 30, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, in string) {
		got, err := AssessOrders([]byte(in), now)
		var raw []json.RawMessage
		jerr := json.Unmarshal([]byte(in), &raw)
		if err != nil {
			if jerr == nil && raw != nil && len(raw) <= MaxBatchOrders {
				t.Fatalf("%q: refused (%v), encoding/json reads an array of %d", in, err, len(raw))
			}
			if !strings.HasPrefix(err.Error(), "assessBatch: ") {
				t.Fatalf("%q: error %q does not name the call", in, err)
			}
			return
		}
		if jerr != nil || raw == nil {
			t.Fatalf("%q: answered, encoding/json refuses it as an array: %v", in, jerr)
		}
		var items []json.RawMessage
		if err := json.Unmarshal(got, &items); err != nil || len(items) != len(raw) {
			t.Fatalf("%q: answer %q is not an array of %d: %v", in, got, len(raw), err)
		}
		for i, r := range raw {
			want, werr := AssessOrder(r, now)
			if werr != nil {
				var e BatchError
				if err := json.Unmarshal(items[i], &e); err != nil || e.Error != werr.Error() {
					t.Fatalf("%q: element %d: %s, want the error %q", in, i, items[i], werr)
				}
				continue
			}
			if string(items[i]) != string(want) {
				t.Fatalf("%q: element %d differs from AssessOrder", in, i)
			}
		}
	})
}
