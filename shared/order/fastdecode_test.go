package order

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fastCases are inputs for the fast decoder: the ones it reads, and the ones it must leave
// to the general path (which it shows by giving up, never by a different value).
var fastCases = []struct {
	name string
	in   string
	fast bool // whether decodeFast reads it itself
}{
	{name: "minimal", in: `{"order_id":"8214937669763641"}`, fast: true},
	{name: "whitespace everywhere", in: " \n{ \"order_id\" : \"8214937669763641\" , \"items\" : [ ] , \"parcels\" : [ { \"events\" : [ ] } ] }\t", fast: true},
	{name: "nulls", in: `{"order_id":"8214937669763641","store":null,"items":null,"protection":null,"buyer":{"received":null,"city":null},"order_date":null}`, fast: true},
	{name: "escapes and unicode", in: `{"order_id":"8214937669763641","store":"Мой \"магазин\"\n\u00e9\ud83d\ude00","items":[{"title":"tab\there","quantity":3}]}`, fast: true},
	{name: "invalid utf-8 is replaced", in: "{\"order_id\":\"8214937669763641\",\"store\":\"a\xffb\"}", fast: true},
	{name: "times in every form", in: `{"order_id":"8214937669763641","order_date":"2026-02-21","protection":{"ends_at":1771632000000,"days_left":-3,"read_at":"2026-02-23T10:05:00+08:00"},"buyer":{"seller_asked_at":"2026-02-23 10:05","received":false,"dispute_opened":true,"seller_replied":false}}`, fast: true},
	{name: "eta and promise", in: `{"order_id":"8214937669763641","parcels":[{"eta":{"earliest":"2026-03-10","latest":"2026-03-18T00:00:00+08:00","text":"Mar. 18"}},{"eta":null}],"promise":{"refund_by":"2026-04-30","coupon_by":null,"texts":["Refund if no delivery before Apr 30, 2026",null,"\u00e9"]}}`, fast: true},
	{name: "empty promise texts", in: `{"order_id":"8214937669763641","promise":{"texts":[]},"parcels":[{"eta":{}}]}`, fast: true},
	{name: "unknown promise key", in: `{"order_id":"8214937669763641","promise":{"refund":"2026-04-30"}}`, fast: false},
	{name: "bad eta time", in: `{"order_id":"8214937669763641","parcels":[{"eta":{"latest":"later"}}]}`, fast: false},
	{name: "non-ASCII time", in: `{"order_id":"8214937669763641","order_date":"2026-02-21 é"}`, fast: false},
	{name: "time with an escape", in: `{"order_id":"8214937669763641","order_date":"2026-02-21\u0054"}`, fast: false},
	{name: "case-folded key", in: `{"Order_ID":"8214937669763641"}`, fast: false},
	{name: "repeated key", in: `{"order_id":"8214937669763641","buyer":{"country":"GB"},"buyer":{"lang":"en"}}`, fast: false},
	{name: "unknown key", in: `{"order_id":"8214937669763641","name":"x"}`, fast: false},
	{name: "fraction", in: `{"order_id":"8214937669763641","items":[{"quantity":1.0}]}`, fast: false},
	{name: "exponent time", in: `{"order_id":"8214937669763641","order_date":1.7716e12}`, fast: false},
	{name: "leading zero", in: `{"order_id":"8214937669763641","items":[{"quantity":01}]}`, fast: false},
	{name: "wrong type", in: `{"order_id":8214937669763641}`, fast: false},
	{name: "bad time", in: `{"order_id":"8214937669763641","order_date":"soon"}`, fast: false},
	{name: "trailing data", in: `{"order_id":"8214937669763641"} {}`, fast: false},
	{name: "null element", in: `{"order_id":"8214937669763641","items":[null]}`, fast: false},
	{name: "not an object", in: `null`, fast: false},
	{name: "unterminated", in: `{"order_id":"8214937669763641"`, fast: false},
	{name: "control character in a string", in: "{\"order_id\":\"82149376\x0169763641\"}", fast: false},
}

func TestDecodeFastAgreesWithGeneral(t *testing.T) {
	for _, tc := range fastCases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := decodeFast(tc.in)
			if ok != tc.fast {
				t.Fatalf("decodeFast read it: %v, want %v", ok, tc.fast)
			}
			if !ok {
				return
			}
			want, err := decodeGeneral([]byte(tc.in))
			if err != nil {
				t.Fatalf("the general path refuses what the fast one read: %v", err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDecodeFastOnRealOrders: the example and every assessment scenario read the same both ways.
func TestDecodeFastOnRealOrders(t *testing.T) {
	files, _ := filepath.Glob("../assess/testdata/scenarios/*.json")
	files = append(files, "testdata/example.json")
	read := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := decodeGeneral(b)
		got, ok := decodeFast(string(b))
		if !ok {
			continue // a scenario file may hold more than an order
		}
		read++
		if err != nil {
			t.Fatalf("%s: the general path refuses what the fast one read: %v", f, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: mismatch (-want +got):\n%s", f, diff)
		}
	}
	if read == 0 {
		t.Fatal("no file read by the fast path")
	}
	t.Logf("%d of %d files read by the fast path", read, len(files))
}

// FuzzDecodeFast: whatever the fast path reads, the general path reads the same.
func FuzzDecodeFast(f *testing.F) {
	for _, tc := range fastCases {
		f.Add([]byte(tc.in))
	}
	if b, err := os.ReadFile("testdata/example.json"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := decodeFast(string(b))
		if !ok {
			return
		}
		want, err := decodeGeneral(b)
		if err != nil {
			t.Fatalf("the general path refuses what the fast one read: %v", err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
	})
}

// BenchmarkDecode: the example order by Decode (the fast path) and by the general path alone.
func BenchmarkDecode(b *testing.B) {
	in, err := os.ReadFile("testdata/example.json")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Decode(in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("general", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decodeGeneral(in); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// listCases are arrays for DecodeList: ok says whether it reads them itself.
var listCases = []struct {
	in string
	ok bool
}{
	{`[]`, true},
	{` [ ] `, true},
	{`[{"order_id":"8214937669763641"}]`, true},
	{"[\n{\"order_id\":\"8214937669763641\",\"store\":\"a\"} ,\t{\"order_id\":\"8214937669763642\",\"parcels\":[{\"events\":[{\"text\":\"x\",\"time\":\"2026-02-23T10:05:00+08:00\"}]}]}\r\n]", true},
	{`[{"order_id":"8214937669763641"},]`, false},
	{`[{"order_id":"8214937669763641"}`, false},
	{`[{"order_id":"8214937669763641"}] x`, false},
	{`[{"order_id":"8214937669763641"} {"order_id":"8214937669763642"}]`, false},
	{`[{"order_id":"82"}]`, false}, // refused by Validate
	{`[{"store":"no id"}]`, false}, // refused by Validate
	{`[null]`, false},              // not an object
	{`[{"order_id":8214937669763641}]`, false},
	{`{"order_id":"8214937669763641"}`, false},
	{`[{"order_id":"8214937669763641","name":"x"}]`, false}, // unknown key: the general path's error
}

func TestDecodeList(t *testing.T) {
	for _, tc := range listCases {
		got, ok := DecodeList(tc.in)
		if ok != tc.ok {
			t.Errorf("DecodeList(%s): ok %v, want %v", tc.in, ok, tc.ok)
			continue
		}
		if ok {
			checkList(t, tc.in, got)
		}
	}
	// A long list, as the WebAssembly glue passes it: every order of the example's shape.
	b, err := os.ReadFile("testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	long := "[" + strings.Repeat(string(b)+",", 40) + string(b) + "]"
	got, ok := DecodeList(long)
	if !ok || len(got) != 41 {
		t.Fatalf("DecodeList of 41 example orders: %d orders, ok %v", len(got), ok)
	}
	checkList(t, long, got)
}

// checkList holds what DecodeList read to encoding/json's reading of the array, element by
// element through Decode.
func checkList(t *testing.T, text string, got []Order) {
	t.Helper()
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(text), &raw); err != nil || raw == nil {
		t.Fatalf("DecodeList read %q, encoding/json refuses it as an array: %v", text, err)
	}
	if len(raw) != len(got) {
		t.Fatalf("DecodeList read %d orders, encoding/json %d elements", len(got), len(raw))
	}
	for i, r := range raw {
		want, err := Decode(r)
		if err != nil {
			t.Fatalf("element %d: DecodeList read it, Decode refuses it: %v", i, err)
		}
		if diff := cmp.Diff(want, got[i]); diff != "" {
			t.Errorf("element %d: mismatch (-Decode +DecodeList):\n%s", i, diff)
		}
	}
}

// FuzzDecodeList: whatever DecodeList reads, encoding/json reads as an array whose elements
// Decode reads the same.
func FuzzDecodeList(f *testing.F) {
	for _, tc := range listCases {
		f.Add(tc.in)
	}
	for _, tc := range fastCases {
		f.Add("[" + tc.in + "," + tc.in + "]")
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, ok := DecodeList(text); ok {
			checkList(t, text, got)
		}
	})
}
