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
	out, _, err := assessArrays(nil, []string{string(ordersJSON)}, now, opt)
	return out, err
}

// assessArrays is AssessOrdersWith of the orders of one or more JSON arrays taken as one
// array (the JavaScript glue stringifies a long array in parts), its answer appended to dst;
// ends[i] is where the JSON of answer i ends in out. The orders' strings are substrings of
// arrays (no copies).
func assessArrays(dst []byte, arrays []string, now time.Time, opt BatchOptions) (out []byte, ends []int, err error) {
	if len(opt.History) > MaxBatchHistory {
		return nil, nil, fmt.Errorf("assessBatch: %d trips of history, more than the %d allowed", len(opt.History), MaxBatchHistory)
	}
	if now.IsZero() {
		return nil, nil, errors.New("assessBatch: the time to assess at is required")
	}
	var orders []order.Order
	var errs []error // one per element of the arrays: nil for an order read, else why not
	for _, text := range arrays {
		o, e, err := readOrders(text)
		if err != nil {
			return nil, nil, err
		}
		if errs == nil {
			orders, errs = o, e
		} else {
			orders, errs = append(orders, o...), append(errs, e...)
		}
	}
	if len(errs) > MaxBatchOrders {
		return nil, nil, fmt.Errorf("assessBatch: %d orders in one call, more than the %d allowed", len(errs), MaxBatchOrders)
	}
	as := assess.Batch(orders, assess.Options{Now: now, History: opt.History})
	if dst == nil {
		n := 0
		for _, a := range arrays {
			n += len(a)
		}
		dst = make([]byte, 0, 2*n+1024) // an assessment is ~1.7x its order
	}
	out = append(dst, '[')
	ends = make([]int, len(errs))
	k := 0
	for i, e := range errs {
		if i > 0 {
			out = append(out, ',')
		}
		if e != nil {
			b, err := json.Marshal(BatchError{Error: e.Error()})
			if err != nil {
				return nil, nil, fmt.Errorf("assessBatch: unable to encode an error: %w", err)
			}
			out = append(out, b...)
		} else {
			if out, err = as[k].AppendJSON(out); err != nil {
				return nil, nil, fmt.Errorf("assessBatch: unable to encode the assessment of order %d: %w", i, err)
			}
			k++
		}
		ends[i] = len(out)
	}
	return append(out, ']'), ends, nil
}

// readOrders reads a JSON array of orders: the ones read and an error per element (nil for
// an order read). The common case first: a well-formed array of good orders, split by
// splitArray and each read by order.DecodeString. Anything else (a refused order, malformed
// JSON) is read again the slow way, by encoding/json, for exactly the answer and errors it
// gives.
func readOrders(text string) (orders []order.Order, errs []error, err error) {
	raw, ok := splitArray(text)
	if ok && len(raw) <= MaxBatchOrders {
		orders = make([]order.Order, len(raw))
		for i, r := range raw {
			if len(r) > MaxRequest {
				ok = false
				break
			}
			if orders[i], err = order.DecodeString(r); err != nil {
				ok = false
				break
			}
		}
		if ok {
			return orders, make([]error, len(raw)), nil
		}
	}
	return decodeOrders([]byte(text))
}

// decodeOrders reads a JSON array of orders with encoding/json: the orders that decode and
// an error per element (nil for those that do), or the error of the whole call.
func decodeOrders(ordersJSON []byte) (orders []order.Order, errs []error, err error) {
	var msgs []json.RawMessage
	if err := decodeOne(ordersJSON, &msgs); err != nil {
		return nil, nil, fmt.Errorf("assessBatch: orders must be an array of orders: %w", err)
	}
	if msgs == nil {
		return nil, nil, errors.New("assessBatch: orders must be an array, got null")
	}
	if len(msgs) > MaxBatchOrders {
		return nil, nil, fmt.Errorf("assessBatch: %d orders in one call, more than the %d allowed", len(msgs), MaxBatchOrders)
	}
	orders = make([]order.Order, 0, len(msgs))
	errs = make([]error, len(msgs))
	for i, r := range msgs {
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
	return orders, errs, nil
}

// splitArray splits a JSON array into its elements' bytes (white space around them trimmed,
// as encoding/json's RawMessage has them) without decoding them: brackets and braces are
// counted outside strings. ok is false for anything that is not an array of that form; the
// elements themselves are not checked (order.Decode checks each, and on any error the batch
// is read again by encoding/json), which is enough: when every element is a valid JSON value
// and the brackets, braces and commas between them are where an array has them, the whole
// array is valid JSON.
func splitArray(data string) (elems []string, ok bool) {
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
	elems = []string{}
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
