package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/orderwatch/orderwatch/shared/assess"
	"github.com/orderwatch/orderwatch/shared/jsonscan"
	"github.com/orderwatch/orderwatch/shared/order"
)

// MaxBatchOrders bounds one assessBatch call: a heavy account (2,000 orders) fits with room.
const MaxBatchOrders = 10_000

// AssessOrders assesses a JSON array of orders at one clock and returns a JSON array with one
// element per order, in order: its assessment (exactly AssessOrder's bytes), or
// {"error": "..."} for an order the core refuses, so that one bad order does not cost the
// others their answer. Each distinct carrier event is classified once for the whole call
// (assess.Batch).
func AssessOrders(ordersJSON []byte, now time.Time) ([]byte, error) {
	return AssessOrdersWith(ordersJSON, now, BatchOptions{})
}

// BatchOptions are assessBatch's options besides the orders and the clock.
type BatchOptions struct {
	// History is the buyer's own delivered trips (assess.Trips of their delivered orders), for
	// the arrival window of the orders still on their way; local-first: the extension computes
	// it from the orders in the browser.
	History []assess.Trip `json:"history,omitempty"`
}

// MaxBatchHistory bounds BatchOptions.History: a parcel or two for each order of a heavy account.
const MaxBatchHistory = 2 * MaxBatchOrders

// DecodeBatchOptions reads assessBatch's options object strictly (an unknown field is an error).
func DecodeBatchOptions(b []byte) (BatchOptions, error) {
	var opt BatchOptions
	if _, err := jsonscan.DecodeOne(b, &opt, jsonscan.Strict); err != nil {
		return opt, fmt.Errorf("assessBatch: options: %w", err)
	}
	return opt, nil
}

// AssessOrdersWith is AssessOrders with options.
func AssessOrdersWith(ordersJSON []byte, now time.Time, opt BatchOptions) ([]byte, error) {
	if len(opt.History) > MaxBatchHistory {
		return nil, fmt.Errorf("assessBatch: %d trips of history, more than the %d allowed", len(opt.History), MaxBatchHistory)
	}
	if len(ordersJSON) > MaxBatchRequest {
		return nil, fmt.Errorf("assessBatch: orders are %d bytes of JSON, more than the %d allowed", len(ordersJSON), MaxBatchRequest)
	}
	if now.IsZero() {
		return nil, errors.New("assessBatch: the time to assess at is required")
	}
	// The common case first: a well-formed array of good orders, split by splitArray and each
	// read by order.Decode. Anything else (a bad order, malformed JSON) is read again the slow
	// way, by encoding/json, for exactly the answer and errors it gives.
	raw, ok := splitArray(ordersJSON)
	var orders []order.Order
	var errs []error
	if ok && len(raw) <= MaxBatchOrders {
		orders = make([]order.Order, 0, len(raw))
		for _, r := range raw {
			if len(r) > MaxRequest {
				ok = false
				break
			}
			o, err := order.Decode(r)
			if err != nil {
				ok = false
				break
			}
			orders = append(orders, o)
		}
	}
	if !ok || len(raw) > MaxBatchOrders {
		var err error
		if raw, orders, errs, err = decodeOrders(ordersJSON); err != nil {
			return nil, err
		}
	}
	as := assess.Batch(orders, assess.Options{Now: now, History: opt.History})
	out := make([]byte, 0, 2*len(ordersJSON)+1024) // an assessment is ~1.7× its order
	out = append(out, '[')
	k := 0
	for i := range raw {
		if i > 0 {
			out = append(out, ',')
		}
		if errs != nil && errs[i] != nil {
			b, err := json.Marshal(BatchError{Error: errs[i].Error()})
			if err != nil {
				return nil, fmt.Errorf("assessBatch: unable to encode an error: %w", err)
			}
			out = append(out, b...)
			continue
		}
		var err error
		if out, err = as[k].AppendJSON(out); err != nil {
			return nil, fmt.Errorf("assessBatch: unable to encode the assessment of order %d: %w", i, err)
		}
		k++
	}
	return append(out, ']'), nil
}

// decodeOrders reads a JSON array of orders with encoding/json: the raw orders, the ones that
// decode and an error per order that does not (nil for those that do), or the error of the
// whole call.
func decodeOrders(ordersJSON []byte) (raw [][]byte, orders []order.Order, errs []error, err error) {
	var msgs []json.RawMessage
	if err := decodeOne(ordersJSON, &msgs); err != nil {
		return nil, nil, nil, fmt.Errorf("assessBatch: orders must be an array of orders: %w", err)
	}
	if msgs == nil {
		return nil, nil, nil, errors.New("assessBatch: orders must be an array, got null")
	}
	if len(msgs) > MaxBatchOrders {
		return nil, nil, nil, fmt.Errorf("assessBatch: %d orders in one call, more than the %d allowed", len(msgs), MaxBatchOrders)
	}
	raw = make([][]byte, len(msgs))
	orders = make([]order.Order, 0, len(msgs))
	errs = make([]error, len(msgs))
	for i, r := range msgs {
		raw[i] = r
		if len(r) > MaxRequest {
			errs[i] = fmt.Errorf("assess: order is %d bytes of JSON, more than the %d allowed", len(r), MaxRequest)
			continue
		}
		o, err := order.Decode(r)
		if err != nil {
			errs[i] = fmt.Errorf("assess: %w", err)
			continue
		}
		orders = append(orders, o)
	}
	return raw, orders, errs, nil
}

// splitArray splits a JSON array into its elements' bytes (white space around them trimmed,
// as encoding/json's RawMessage has them) without decoding them: brackets and braces are
// counted outside strings. ok is false for anything that is not an array of that form; the
// elements themselves are not checked (order.Decode checks each, and on any error the batch
// is read again by encoding/json), which is enough: when every element is a valid JSON value
// and the brackets, braces and commas between them are where an array has them, the whole
// array is valid JSON.
func splitArray(data []byte) (elems [][]byte, ok bool) {
	ws := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	i := 0
	for i < len(data) && ws(data[i]) {
		i++
	}
	if i == len(data) || data[i] != '[' {
		return nil, false
	}
	i++
	start, depth := i, 0
	elems = [][]byte{}
	for ; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
			if i >= len(data) {
				return nil, false
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth > 0 {
				depth--
				continue
			}
			if c == '}' {
				return nil, false
			}
			fallthrough
		case ',':
			if depth > 0 {
				continue
			}
			e := data[start:i]
			for len(e) > 0 && ws(e[0]) {
				e = e[1:]
			}
			for len(e) > 0 && ws(e[len(e)-1]) {
				e = e[:len(e)-1]
			}
			if c == ']' {
				if len(e) == 0 && len(elems) > 0 { // [1,]
					return nil, false
				}
				if len(e) > 0 {
					elems = append(elems, e)
				}
				for i++; i < len(data); i++ {
					if !ws(data[i]) {
						return nil, false
					}
				}
				return elems, true
			}
			if len(e) == 0 {
				return nil, false
			}
			elems = append(elems, e)
			start = i + 1
		}
	}
	return nil, false
}

// BatchError is the element of an assessBatch answer for an order the core refused
// (BatchError in js/orderwatch.d.ts).
type BatchError struct {
	Error string `json:"error"`
}

// MaxBatchRequest bounds one assessBatch call's JSON: far above 2,000 real orders (~3 MB).
const MaxBatchRequest = 64 << 20
