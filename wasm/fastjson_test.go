package main

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// slowEvents is the reference reading of a batch: encoding/json.
func slowEvents(data []byte) ([]classify.Input, bool) {
	var reqs []eventRequest
	if err := decodeOne(data, &reqs); err != nil || reqs == nil {
		return nil, false
	}
	in := make([]classify.Input, len(reqs))
	for i, e := range reqs {
		if e.Text == nil {
			return nil, false
		}
		in[i] = classify.Input{Text: *e.Text, Carrier: e.Carrier, Code: e.Code, Lang: e.Lang}
	}
	return in, true
}

func TestFastEvents(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		wantOK bool // whether the fast path takes it (else encoding/json does)
	}{
		{"empty", `[]`, true},
		{"spaced", " [ { \"text\" : \"a\" , \"lang\" : \"en\" } ] \n", true},
		{"all fields", `[{"text":"Delivered","carrier":"ups","code":"D","lang":"en"},{"code":"x","text":""}]`, true},
		{"unicode", `[{"text":"已签收 Вручение"}]`, true},
		{"escapes", `[{"text":"a\"b\\c\n\u00e9\ud83d\ude00"}]`, true},
		{"escaped key", `[{"t\u0065xt":"a"}]`, false}, // the one scanner reads plain keys only
		{"lone surrogate", `[{"text":"\ud800"}]`, true},
		{"duplicate key", `[{"text":"a","text":"b"}]`, false}, // encoding/json decides (last wins)
		{"key in another case", `[{"Text":"a"}]`, false},
		{"null element", `[null]`, false},
		{"no text", `[{"lang":"en"}]`, false},
		{"number", `[{"text":1}]`, false},
		{"null value", `[{"text":null}]`, false},
		{"unknown key", `[{"text":"a","x":"b"}]`, false},
		{"trailing comma", `[{"text":"a"},]`, false},
		{"trailing data", `[{"text":"a"}]x`, false},
		{"unterminated", `[{"text":"a`, false},
		{"bad escape", `[{"text":"\q"}]`, false},
		{"control character", "[{\"text\":\"a\tb\"}]", false},
		{"invalid UTF-8", "[{\"text\":\"a\xffb\"}]", true}, // replaced by U+FFFD, as encoding/json does
		{"not an array", `{"text":"a"}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := fastEvents([]byte(tt.data))
			if ok != tt.wantOK {
				t.Fatalf("fastEvents(%s) ok = %v, want %v", tt.data, ok, tt.wantOK)
			}
			if !ok {
				return
			}
			want, wantOK := slowEvents([]byte(tt.data))
			if !wantOK {
				t.Fatalf("fastEvents accepted %s, which encoding/json rejects", tt.data)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("fastEvents(%s) mismatch with encoding/json (-want +got):\n%s", tt.data, diff)
			}
		})
	}
}

// FuzzFastEvents holds the fast path to encoding/json: whatever it accepts, encoding/json
// accepts too, with the same events.
func FuzzFastEvents(f *testing.F) {
	f.Add([]byte(`[{"text":"Delivered","carrier":"ups","code":"D","lang":"en"}]`))
	f.Add([]byte(`[{"text":"a\"b\\c\n\u00e9\ud800"},{"t\u0065xt":""}]`))
	f.Add([]byte(" [ ] "))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := fastEvents(data)
		if !ok {
			return
		}
		want, wantOK := slowEvents(data)
		if !wantOK {
			t.Fatalf("fastEvents accepted %q, which encoding/json rejects", data)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("fastEvents(%q) mismatch with encoding/json (-want +got):\n%s", data, diff)
		}
	})
}

func TestAppendResults(t *testing.T) {
	var fields []string
	typ := reflect.TypeOf(classify.Result{})
	for i := range typ.NumField() {
		fields = append(fields, typ.Field(i).Tag.Get("json"))
	}
	if diff := cmp.Diff(resultFields, fields); diff != "" {
		t.Fatalf("classify.Result changed; update appendResults and resultFields (-have +struct):\n%s", diff)
	}
	tests := []struct {
		name    string
		results []classify.Result
	}{
		{"nil", nil},
		{"empty", []classify.Result{}},
		{"zero", []classify.Result{{}}},
		{"typical", []classify.Result{{Status: taxonomy.Delivered, Reason: "", Confidence: 0.95, Rule: "en:delivered", Lang: "en", SeventeenTrack: "Delivered_Other", AfterShip: "Delivered_001"}}},
		{"text needing escapes", []classify.Result{{Status: taxonomy.Exception, Reason: `lost "maybe" <b>&</b>`, Rule: "zh:已签收\n\u2028", Lang: "\x01\xff"}}},
		{"confidences", []classify.Result{{Confidence: 1}, {Confidence: 1e-7}, {Confidence: 0.1 + 0.2}, {Confidence: -0.0}, {Confidence: 1e21}, {Confidence: 123456789.125}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, _ := json.Marshal(tt.results)
			got, err := appendResults(nil, tt.results)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("appendResults mismatch with json.Marshal (-want +got):\n%s", diff)
			}
		})
	}
	for _, f := range []float64{math.NaN(), math.Inf(1)} {
		if _, err := appendResults(nil, []classify.Result{{Confidence: f}}); err == nil {
			t.Errorf("appendResults accepted confidence %v, which json.Marshal rejects", f)
		}
	}
}

// TestAppendResultsOnCheckpoints compares the two encoders on every real result the
// classifier gives for the checkpoint set.
func TestAppendResultsOnCheckpoints(t *testing.T) {
	in := accountEvents(t)
	results := classify.Events(in)
	want, _ := json.Marshal(results)
	got, err := appendResults(nil, results)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(got) {
		t.Errorf("appendResults differs from json.Marshal on the checkpoint results")
	}
}

// accountEvents is the generated 100-order account's events, decoded as the bridge decodes them.
func accountEvents(t *testing.T) []classify.Input {
	t.Helper()
	_, events, err := generateAccount(100)
	if err != nil {
		t.Fatal(err)
	}
	in, err := decodeEvents(events)
	if err != nil {
		t.Fatal(err)
	}
	return in
}
