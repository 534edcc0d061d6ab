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
	var raw []json.RawMessage
	if err := decodeOne(ordersJSON, &raw); err != nil {
		return nil, fmt.Errorf("assessBatch: orders must be an array of orders: %w", err)
	}
	if raw == nil {
		return nil, errors.New("assessBatch: orders must be an array, got null")
	}
	if len(raw) > MaxBatchOrders {
		return nil, fmt.Errorf("assessBatch: %d orders in one call, more than the %d allowed", len(raw), MaxBatchOrders)
	}
	orders := make([]order.Order, 0, len(raw))
	errs := make([]error, len(raw))
	for i, r := range raw {
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
	as := assess.Batch(orders, assess.Options{Now: now, History: opt.History})
	out := make([]byte, 0, 2048*len(raw))
	out = append(out, '[')
	k := 0
	for i := range raw {
		if i > 0 {
			out = append(out, ',')
		}
		if errs[i] != nil {
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

// BatchError is the element of an assessBatch answer for an order the core refused
// (BatchError in js/orderwatch.d.ts).
type BatchError struct {
	Error string `json:"error"`
}

// MaxBatchRequest bounds one assessBatch call's JSON: far above 2,000 real orders (~3 MB).
const MaxBatchRequest = 64 << 20
