package main

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/orderwatch/orderwatch/shared/classify"
)

// appendString writes every string exactly as json.Marshal does.
func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "en:delivered", "ru:доставлено", "zh:已签收", "😀 ok", "a\u2028b", "a\u2029", "\x7f", "é\xff",
		"\xed\xa0\x80", "tab\there", `q"b\s`, "<&>", "\u00ff\u0100", "\U0010FFFF", "x\xc3"} {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Errorf("appendString(%q) = %s, json.Marshal %s", s, got, want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"ru:доставлено", "a\u2028b", "é\xff", "<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Errorf("appendString(%q) = %s, json.Marshal %s", s, got, want)
		}
	})
}

// classifyOnce gives classify.Events' results, in order, on a batch with repeated events.
func TestClassifyOnce(t *testing.T) {
	in := accountEvents(t)
	distinct := map[classify.Input]bool{}
	for _, e := range in {
		distinct[e] = true
	}
	if len(distinct) == len(in) {
		t.Fatalf("no repeated event among %d: the test says nothing", len(in))
	}
	if diff := cmp.Diff(classify.Events(in), classifyOnce(in)); diff != "" {
		t.Errorf("classifyOnce differs from classify.Events (-want +got):\n%s", diff)
	}
}

// ClassifyEventsPacked expanded by its index is ClassifyEvents' answer, result for result.
func TestClassifyEventsPacked(t *testing.T) {
	_, events, err := generateAccount(40)
	if err != nil {
		t.Fatal(err)
	}
	for _, batch := range [][]byte{events, []byte(`[]`), []byte(`[{"text":"Delivered"},{"text":"Delivered"},{"text":"Delivered","lang":"en"}]`)} {
		full, err := ClassifyEvents(batch)
		if err != nil {
			t.Fatal(err)
		}
		packed, err := ClassifyEventsPacked(batch)
		if err != nil {
			t.Fatal(err)
		}
		var want []json.RawMessage
		if err := json.Unmarshal(full, &want); err != nil {
			t.Fatal(err)
		}
		var p struct {
			Results []json.RawMessage `json:"results"`
			Index   []int             `json:"index"`
		}
		if err := json.Unmarshal(packed, &p); err != nil {
			t.Fatalf("packed answer is not JSON: %v\n%.200s", err, packed)
		}
		if len(p.Index) != len(want) || p.Results == nil {
			t.Fatalf("%d indexes for %d events (results %v)", len(p.Index), len(want), p.Results)
		}
		for i, k := range p.Index {
			if string(p.Results[k]) != string(want[i]) {
				t.Errorf("event %d: packed %s, full %s", i, p.Results[k], want[i])
			}
		}
		if len(want) > 0 && len(p.Results) >= len(want) && len(want) > 3 {
			t.Errorf("%d distinct results for %d events: nothing was shared", len(p.Results), len(want))
		}
	}
	if _, err := ClassifyEventsPacked([]byte(`[{"text":1}]`)); err == nil {
		t.Error("ClassifyEventsPacked accepted a number as text")
	}
}
