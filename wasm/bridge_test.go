package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/shared/assess"
	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/number"
	"github.com/orderwatch/orderwatch/shared/order"
)

// The bridge must give exactly what the core gives: each test computes its expectation by
// calling the core package directly, so these hold whatever the core's rules become.

func TestClassifyEvents(t *testing.T) {
	tests := []struct {
		name   string
		events string
		want   []classify.Input
	}{
		{"empty batch", `[]`, []classify.Input{}},
		{"text only", `[{"text":"Delivered"}]`, []classify.Input{{Text: "Delivered"}}},
		{"empty text is a valid event", `[{"text":""}]`, []classify.Input{{Text: ""}}},
		{"all fields", `[{"text":"Shipment accepted","carrier":"Cainiao","code":"GTMS_ACCEPT","lang":"en"}]`,
			[]classify.Input{{Text: "Shipment accepted", Carrier: "Cainiao", Code: "GTMS_ACCEPT", Lang: "en"}}},
		{"other fields are ignored, as by orderwatch classify", `[{"text":"Delivered","time":"2026-03-09T08:01:00","location":"Leeds","number":"RB123456785GB","lnag":"en"}]`,
			[]classify.Input{{Text: "Delivered"}}},
		{"several languages in order", `[{"text":"Zugestellt","lang":"de"},{"text":"已签收"},{"text":"Вручение адресату","carrier":"russian_post"}]`,
			[]classify.Input{{Text: "Zugestellt", Lang: "de"}, {Text: "已签收"}, {Text: "Вручение адресату", Carrier: "russian_post"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ClassifyEvents([]byte(tt.events))
			if err != nil {
				t.Fatalf("ClassifyEvents(%s): %v", tt.events, err)
			}
			want, _ := json.Marshal(classify.Events(tt.want))
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("ClassifyEvents(%s) mismatch (-want +got):\n%s", tt.events, diff)
			}
		})
	}
}

func TestClassifyEventsRejectsBadInput(t *testing.T) {
	tests := []struct {
		name    string
		events  string
		wantErr string // a part of the message the caller must see
	}{
		{"nothing", ``, "no JSON value"},
		{"not JSON", `[{text:"x"}]`, "events must be an array"},
		{"null", `null`, "got null"},
		{"an object", `{"text":"Delivered"}`, "events must be an array"},
		{"a string element", `["Delivered"]`, "event 0"},
		{"missing text", `[{"text":"ok"},{"carrier":"ups"}]`, "event 1: text is required"},
		{"null text", `[{"text":null}]`, "event 0: text is required"},
		{"text not a string", `[{"text":42}]`, "event 0: text must be of type string, got a JSON number"},
		{"carrier not a string", `[{"text":"a","carrier":["ups"]}]`, "event 0: carrier must be of type string"},
		{"trailing data", `[{"text":"a"}] []`, "trailing data"},
		{"text too long", `[{"text":"` + strings.Repeat("a", MaxEventText+1) + `"}]`, "event 0: text is 8193 bytes"},
		{"too many events", `[` + strings.Repeat(`{"text":""},`, MaxEvents) + `{"text":""}]`, "50001 events in one call"},
		{"request too large", `[{"text":"` + strings.Repeat("a", MaxRequest) + `"}]`, "more than the 8388608 allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ClassifyEvents([]byte(tt.events))
			if err == nil {
				t.Fatalf("ClassifyEvents accepted bad input and returned %.80s", got)
			}
			if !strings.HasPrefix(err.Error(), "classify: ") || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %q, want it to start with \"classify: \" and contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		name  string
		input string
	}{
		{"empty", ""},
		{"order number", "8214937669763641"},
		{"UPU tracking number", "RB123456785GB"},
		{"spaces and full-width digits", " LP 0012 3456 7890 12 "},
		{"garbage", "hello, world"},
		{"longest accepted input", strings.Repeat("9", MaxNumberInput)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseNumber(tt.input)
			if err != nil {
				t.Fatalf("ParseNumber(%q): %v", tt.input, err)
			}
			want, _ := json.Marshal(number.Parse(tt.input))
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("ParseNumber(%q) mismatch (-want +got):\n%s", tt.input, diff)
			}
		})
	}
}

func TestParseNumberRejectsHugeInput(t *testing.T) {
	_, err := ParseNumber(strings.Repeat("9", MaxNumberInput+1))
	if err == nil || !strings.Contains(err.Error(), "parseNumber: input is 1025 bytes") {
		t.Errorf("ParseNumber(1025 bytes) error = %v, want the size named", err)
	}
}

func TestAssessOrder(t *testing.T) {
	example, err := os.ReadFile("../shared/order/testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 20, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name  string
		order string
		now   time.Time
	}{
		{"full example order", string(example), now},
		{"order known only by its id", `{"order_id":"8214937669763641"}`, now},
		{"received, at another time", `{"order_id":"3012345678901234","shipping_method":"ePacket","buyer":{"received":true,"lang":"en"}}`,
			time.Date(2026, 1, 2, 0, 0, 0, 0, time.FixedZone("", 8*3600))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AssessOrder([]byte(tt.order), tt.now)
			if err != nil {
				t.Fatalf("AssessOrder: %v", err)
			}
			o, err := order.Decode([]byte(tt.order))
			if err != nil {
				t.Fatalf("order.Decode: %v", err)
			}
			want, _ := json.Marshal(assess.Order(o, assess.Options{Now: tt.now}))
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("AssessOrder mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAssessOrderRejectsBadInput(t *testing.T) {
	now := time.Date(2026, 3, 20, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name    string
		order   string
		now     time.Time
		wantErr string
	}{
		{"missing order_id", `{"store":"Example Store"}`, now, "order_id"},
		{"not JSON", `{order_id: 1}`, now, "invalid JSON"},
		{"an array", `[{"order_id":"8214937669763641"}]`, now, "order"},
		{"bad event time", `{"order_id":"8214937669763641","parcels":[{"events":[{"time":"yesterday","text":"x"}]}]}`, now, "parcels[0].events[0].time"},
		{"unknown field", `{"order_id":"8214937669763641","buyer":{"name":"Jane"}}`, now, "buyer.name"},
		{"no clock", `{"order_id":"8214937669763641"}`, time.Time{}, "the time to assess at is required"},
		{"too large", `{"order_id":"8214937669763641","store":"` + strings.Repeat("a", MaxRequest) + `"}`, now, "more than the 8388608 allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AssessOrder([]byte(tt.order), tt.now)
			if err == nil {
				t.Fatalf("AssessOrder accepted bad input and returned %.80s", got)
			}
			if !strings.HasPrefix(err.Error(), "assess: ") || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %q, want it to start with \"assess: \" and contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestTimeFromText(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    time.Time
		wantErr bool
	}{
		{"UTC", "2026-03-01T12:00:00Z", time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), false},
		{"offset", "2026-03-01T20:00:00+08:00", time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), false},
		{"no offset is a guess", "2026-03-01T12:00:00", time.Time{}, true},
		{"a date alone", "2026-03-01", time.Time{}, true},
		{"words", "now", time.Time{}, true},
		{"too long", "2026-03-01T12:00:00Z" + strings.Repeat(" ", MaxTimeText), time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := TimeFromText(tt.text)
			if (err != nil) != tt.wantErr {
				t.Fatalf("TimeFromText(%q) error = %v, want error: %v", tt.text, err, tt.wantErr)
			}
			if !got.Equal(tt.want) {
				t.Errorf("TimeFromText(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestTimeFromMillis(t *testing.T) {
	tests := []struct {
		name    string
		ms      float64
		want    time.Time
		wantErr bool
	}{
		{"a date", 1772366400000, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), false},
		{"the epoch", 0, time.Unix(0, 0).UTC(), false},
		{"NaN (an invalid Date)", nanMillis(), time.Time{}, true},
		{"beyond what a Date holds", 9e15, time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := TimeFromMillis(tt.ms)
			if (err != nil) != tt.wantErr {
				t.Fatalf("TimeFromMillis(%v) error = %v, want error: %v", tt.ms, err, tt.wantErr)
			}
			if !got.Equal(tt.want) {
				t.Errorf("TimeFromMillis(%v) = %v, want %v", tt.ms, got, tt.want)
			}
		})
	}
}

func nanMillis() float64 {
	var zero float64
	return zero / zero
}

func TestVersion(t *testing.T) {
	v := Version()
	if !strings.HasPrefix(v, "devel (go") && !strings.HasPrefix(v, "v") {
		t.Errorf("Version() = %q, want \"devel (goX)\" or a module version", v)
	}
}

// FuzzClassifyEvents checks that no input crashes the bridge and that every accepted batch
// gives exactly one result per event.
func FuzzClassifyEvents(f *testing.F) {
	f.Add([]byte(`[{"text":"Delivered","carrier":"ups","code":"D","lang":"en"}]`))
	f.Add([]byte(`[{"text":""},{"text":"已签收"}]`))
	f.Add([]byte(`[{"text":1}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := ClassifyEvents(data)
		if err != nil {
			return
		}
		var in, results []json.RawMessage
		if err := json.Unmarshal(data, &in); err != nil {
			t.Fatalf("accepted input that is not a JSON array: %v", err)
		}
		if err := json.Unmarshal(out, &results); err != nil {
			t.Fatalf("output is not a JSON array: %v", err)
		}
		if len(results) != len(in) {
			t.Fatalf("%d results for %d events", len(results), len(in))
		}
	})
}

// FuzzAssessOrder checks that no order crashes the bridge and that every accepted order gives
// an assessment of that order.
func FuzzAssessOrder(f *testing.F) {
	f.Add([]byte(`{"order_id":"8214937669763641","parcels":[{"events":[{"time":"2026-02-23T10:05:00+08:00","text":"Accepted"}]}]}`))
	f.Add([]byte(`{"order_id":"8214937669763641","protection":{"days_left":3}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := AssessOrder(data, time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC))
		if err != nil {
			return
		}
		var a struct {
			OrderID string `json:"order_id"`
		}
		if err := json.Unmarshal(out, &a); err != nil || a.OrderID == "" {
			t.Fatalf("assessment %.200s has no order_id (%v)", out, err)
		}
	})
}
