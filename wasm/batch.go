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
// others their answer. Each distinct carrier event is classified once, and kept for the next
// calls (assess.BatchMemo with eventMemo).
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
	as := assess.BatchMemo(orders, assess.Options{Now: now, History: opt.History}, eventMemo)
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
// an order read). The common case first: a well-formed array of good orders, read in one
// pass by order.DecodeList. Anything else (a refused order, malformed JSON) is read again the
// slow way, by encoding/json, for exactly the answer and errors it gives.
func readOrders(text string) (orders []order.Order, errs []error, err error) {
	if orders, ok := order.DecodeList(text); ok && len(orders) <= MaxBatchOrders {
		return orders, make([]error, len(orders)), nil
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

// BatchError is the element of an assessBatch answer for an order the core refused
// (BatchError in js/orderwatch.d.ts).
type BatchError struct {
	Error string `json:"error"`
}

// eventMemo is the classifier's answers kept from one assessBatch call to the next: the
// extension judges the same orders again at every visit (a clock later, so the assessments
// change, their events' classifications do not), and a 100-order account's ~400 distinct
// events were a fifth of a call natively. 8,192 inputs: several heavy accounts' worth, about
// 2 MB at most.
var eventMemo = assess.NewEventMemo(8192, nil)

// MaxBatchRequest bounds one assessBatch call's JSON: far above 2,000 real orders (~3 MB).
const MaxBatchRequest = 64 << 20
