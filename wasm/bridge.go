// Command wasm is the OrderWatch core compiled to WebAssembly: a thin bridge that exposes the
// pure packages under shared/ to JavaScript as globalThis.OrderWatch.
//
// This file holds the bridge's request→response functions: JSON (or plain Go values) in,
// JSON out, with every argument checked and every failure an error. They hold no judgement
// of their own and are tested natively; main_js.go only moves values between JavaScript and
// these functions. The JavaScript contract is written down in js/orderwatch.d.ts.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/orderwatch/orderwatch/shared/assess"
	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/jsonscan"
	"github.com/orderwatch/orderwatch/shared/number"
	"github.com/orderwatch/orderwatch/shared/order"
)

// Limits on what one call accepts. They are far above any real account (a 100-order account
// has about 2,000 events) and keep a runaway caller from exhausting the module's memory,
// which, unlike an error, the module would not survive.
const (
	MaxEvents      = 50_000  // events in one classify call
	MaxEventText   = 8 << 10 // bytes of one event's text
	MaxNumberInput = 1 << 10 // bytes of one parseNumber input
	MaxRequest     = 8 << 20 // bytes of one call's JSON (events array or order)
	MaxTimeText    = 64      // bytes of a timestamp given as text
)

// eventRequest is one classify input as received; Text is a pointer so that a missing text
// can be told from an empty one.
type eventRequest struct {
	Text    *string `json:"text"`
	Carrier string  `json:"carrier"`
	Code    string  `json:"code"`
	Lang    string  `json:"lang"`
}

// ClassifyEvents classifies a JSON array of events ({text, carrier?, code?, lang?}) and
// returns the JSON array of classify.Result, one per event, in order.
func ClassifyEvents(eventsJSON []byte) ([]byte, error) {
	in, err := readEvents(eventsJSON)
	if err != nil {
		return nil, err
	}
	out, err := appendResults(make([]byte, 0, 160*len(in)), classifyOnce(in))
	if err != nil {
		return nil, fmt.Errorf("classify: unable to encode results: %w", err)
	}
	return out, nil
}

// ClassifyEventsPacked is ClassifyEvents for the loader: {"results":[…],"index":[…]}, each
// distinct result once and, per event, the index of its result. An account's events repeat,
// and the text crossing from WebAssembly to JavaScript and its JSON.parse were most of a
// call's time; loader.js expands it into ClassifyEvents' array, one fresh object per event.
func ClassifyEventsPacked(eventsJSON []byte) ([]byte, error) {
	in, err := readEvents(eventsJSON)
	if err != nil {
		return nil, err
	}
	results, index := classifyDistinct(in)
	if results == nil {
		results = []classify.Result{}
	}
	out := append(make([]byte, 0, 160*len(results)+6*len(in)+32), `{"results":`...)
	if out, err = appendResults(out, results); err != nil {
		return nil, fmt.Errorf("classify: unable to encode results: %w", err)
	}
	out = append(out, `,"index":[`...)
	for i, k := range index {
		if i > 0 {
			out = append(out, ',')
		}
		out = strconv.AppendInt(out, int64(k), 10)
	}
	return append(out, "]}"...), nil
}

// readEvents checks a classify call's size and reads its events.
func readEvents(eventsJSON []byte) ([]classify.Input, error) {
	if len(eventsJSON) > MaxRequest {
		return nil, fmt.Errorf("classify: events are %d bytes of JSON, more than the %d allowed in one call", len(eventsJSON), MaxRequest)
	}
	return decodeEvents(eventsJSON)
}

// classifyOnce is classify.Events with each distinct event classified once per call.
func classifyOnce(in []classify.Input) []classify.Result {
	results, index := classifyDistinct(in)
	out := make([]classify.Result, len(in))
	for i, k := range index {
		out[i] = results[k]
	}
	return out
}

// classifyDistinct classifies each distinct event of in once: an account's events repeat
// ("Departed from the sorting center" on many parcels), and a result depends only on its
// input. It gives the distinct results and, per event, the index of its result.
func classifyDistinct(in []classify.Input) (results []classify.Result, index []int32) {
	index = make([]int32, len(in))
	seen := make(map[classify.Input]int32, min(len(in), 1024))
	for i, e := range in {
		k, ok := seen[e]
		if !ok {
			k = int32(len(results))
			seen[e] = k
			results = append(results, classify.Event(e))
		}
		index[i] = k
	}
	return results, index
}

// decodeEvents reads a batch: its usual form without reflection (fastEvents), anything else
// with encoding/json in one pass, and only when that fails event by event, to name the event
// at fault.
func decodeEvents(data []byte) ([]classify.Input, error) {
	in, ok := fastEvents(data)
	if !ok {
		var reqs []eventRequest
		if err := decodeOne(data, &reqs); err != nil || reqs == nil {
			return nil, explainEvents(data)
		}
		in = make([]classify.Input, len(reqs))
		for i, e := range reqs {
			if e.Text == nil {
				return nil, fmt.Errorf("classify: event %d: text is required", i)
			}
			in[i] = classify.Input{Text: *e.Text, Carrier: e.Carrier, Code: e.Code, Lang: e.Lang}
		}
	}
	if len(in) > MaxEvents {
		return nil, fmt.Errorf("classify: %d events in one call, more than the %d allowed", len(in), MaxEvents)
	}
	for i, e := range in {
		if len(e.Text) > MaxEventText {
			return nil, fmt.Errorf("classify: event %d: text is %d bytes, more than the %d allowed", i, len(e.Text), MaxEventText)
		}
	}
	return in, nil
}

// explainEvents says what is wrong with a batch that does not decode.
func explainEvents(data []byte) error {
	var raw []json.RawMessage
	if err := decodeOne(data, &raw); err != nil {
		return fmt.Errorf("classify: events must be an array of {text, carrier?, code?, lang?}: %w", err)
	}
	if raw == nil {
		return errors.New("classify: events must be an array, got null")
	}
	for i, r := range raw {
		var e eventRequest
		if err := decodeOne(r, &e); err != nil {
			return fmt.Errorf("classify: event %d: %w", i, err)
		}
	}
	return errors.New("classify: events must be an array of {text, carrier?, code?, lang?}")
}

// ParseNumber reads one raw input (an order number or a tracking number as pasted) and
// returns the JSON of its number.Result.
func ParseNumber(input string) ([]byte, error) {
	if len(input) > MaxNumberInput {
		return nil, fmt.Errorf("parseNumber: input is %d bytes, more than the %d allowed", len(input), MaxNumberInput)
	}
	out, err := json.Marshal(number.Parse(input))
	if err != nil {
		return nil, fmt.Errorf("parseNumber: unable to encode result: %w", err)
	}
	return out, nil
}

// AssessOrder decodes one order (the shared/order JSON), assesses it at now and returns the
// JSON of its assess.Assessment. The language of the texts is the buyer's (order.buyer.lang),
// as with `orderwatch advise`.
func AssessOrder(orderJSON []byte, now time.Time) ([]byte, error) {
	if len(orderJSON) > MaxRequest {
		return nil, fmt.Errorf("assess: order is %d bytes of JSON, more than the %d allowed", len(orderJSON), MaxRequest)
	}
	if now.IsZero() {
		return nil, errors.New("assess: the time to assess at is required")
	}
	o, err := order.Decode(orderJSON)
	if err != nil {
		return nil, fmt.Errorf("assess: %w", err)
	}
	// AppendJSON writes exactly json.Marshal's bytes without reflection (tested in shared/assess),
	// which is a quarter of this call's cost in WebAssembly.
	a := assess.Order(o, assess.Options{Now: now})
	out, err := a.AppendJSON(nil)
	if err != nil {
		return nil, fmt.Errorf("assess: unable to encode the assessment: %w", err)
	}
	return out, nil
}

// TimeFromText reads the `now` argument of assess given as text: RFC 3339 with an offset, so
// that the clock is never a guess.
func TimeFromText(s string) (time.Time, error) {
	if len(s) > MaxTimeText {
		return time.Time{}, fmt.Errorf("now is %d bytes long, not a timestamp", len(s))
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("now must be an RFC 3339 time with an offset, like 2026-03-01T12:00:00Z; got %q", s)
	}
	return t, nil
}

// TimeFromMillis reads the `now` argument of assess given as Unix milliseconds (a number or
// a Date's getTime()).
func TimeFromMillis(ms float64) (time.Time, error) {
	// JavaScript Dates span ±8.64e15 ms; anything outside, NaN or Infinity is not a clock.
	if math.IsNaN(ms) || math.IsInf(ms, 0) || math.Abs(ms) > 8.64e15 {
		return time.Time{}, fmt.Errorf("now must be a valid time, got %v milliseconds", ms)
	}
	return time.UnixMilli(int64(ms)).UTC(), nil
}

// decodeOne decodes exactly one JSON value into v: trailing data is an error. Unknown fields
// are ignored, as by `orderwatch classify`, so that an order's events (which also carry a
// time, a place, a number) can be classified as they are.
func decodeOne(data []byte, v any) error {
	if _, err := jsonscan.DecodeOne(data, v, jsonscan.Lenient); err != nil {
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.Is(err, jsonscan.ErrTrailing):
			return errors.New("trailing data after the JSON value")
		case errors.Is(err, jsonscan.ErrEmpty):
			return errors.New("no JSON value")
		case errors.As(err, &typeErr) && typeErr.Field != "":
			return fmt.Errorf("%s must be of type %s, got a JSON %s", typeErr.Field, typeErr.Type, typeErr.Value)
		case errors.As(err, &typeErr):
			return fmt.Errorf("must be of type %s, got a JSON %s", typeErr.Type, typeErr.Value)
		}
		return errors.New(strings.TrimPrefix(err.Error(), "json: "))
	}
	return nil
}
