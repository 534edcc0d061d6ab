//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"syscall/js"
	"time"
	"unsafe"
)

// How assessBatch's JSON crosses between JavaScript and Go. A JavaScript string past about
// 64K characters is a large object for V8, which costs several times more per character to
// make: one JSON.stringify of a 100-order account (0.4 MB), its TextEncoder copy, the 0.7 MB
// answer's TextDecoder copy and its JSON.parse were two fifths of the call in Node. So the
// orders are stringified a few at a time (slices of the array) and the answer goes back as
// an array of parts, each a JSON array of some of the answers under batchPartBytes, which
// loader.js parses one by one and joins: the same values, and no large string on either side.
const (
	batchPartBytes = 16 << 10 // answers per part: until the part has this many bytes
	// orders per JSON.stringify: halved above batchGroupMax characters, doubled below a quarter
	batchGroupMax = 32 << 10
)

// batchBuf is the answer buffer, kept between calls (the answer is copied into JavaScript
// strings before the call returns) unless it grew past batchBufKeep.
var batchBuf []byte

const batchBufKeep = 4 << 20

func assessBatchJS(args []js.Value) (js.Value, error) {
	if len(args) < 1 || len(args) > 3 {
		return js.Value{}, fmt.Errorf("assessBatch: expects 1 to 3 arguments (orders, now?, options?), got %d", len(args))
	}
	orders := args[0]
	if !js.Global().Get("Array").Call("isArray", orders).Bool() {
		return js.Value{}, fmt.Errorf("assessBatch: orders must be an array of orders, got %s", describe(orders))
	}
	n := orders.Length()
	if n > MaxBatchOrders {
		return js.Value{}, fmt.Errorf("assessBatch: %d orders in one call, more than the %d allowed", n, MaxBatchOrders)
	}
	now := time.Now()
	if len(args) >= 2 {
		var err error
		if now, err = timeArg(args[1]); err != nil {
			return js.Value{}, fmt.Errorf("assessBatch: %w", err)
		}
	}
	var opt BatchOptions
	if len(args) == 3 && args[2].Type() != js.TypeUndefined && args[2].Type() != js.TypeNull {
		if args[2].Type() != js.TypeObject || js.Global().Get("Array").Call("isArray", args[2]).Bool() {
			return js.Value{}, fmt.Errorf("assessBatch: options must be an object, got %s", describe(args[2]))
		}
		o := js.Global().Get("JSON").Call("stringify", args[2])
		if n := stringLength(o); n > MaxRequest {
			return js.Value{}, fmt.Errorf("assessBatch: options are %d characters of JSON, more than the %d allowed", n, MaxRequest)
		}
		var err error
		if opt, err = DecodeBatchOptions([]byte(o.String())); err != nil {
			return js.Value{}, err
		}
	}
	texts, err := stringifyOrders(orders, n)
	if err != nil {
		return js.Value{}, err
	}
	if len(opt.History) > MaxBatchHistory { // as AssessOrdersWith, before the orders are read
		return js.Value{}, fmt.Errorf("assessBatch: %d trips of history, more than the %d allowed", len(opt.History), MaxBatchHistory)
	}
	if n := textBytes(texts); n > MaxBatchRequest {
		return js.Value{}, fmt.Errorf("assessBatch: orders are %d bytes of JSON, more than the %d allowed", n, MaxBatchRequest)
	}
	out, ends, err := assessArrays(batchBuf[:0], texts, now, opt)
	if err != nil {
		return js.Value{}, err
	}
	parts := answerParts(out, ends)
	if cap(out) <= batchBufKeep {
		batchBuf = out
	} else {
		batchBuf = nil
	}
	return parts, nil
}

// stringifyOrders is JSON.stringify of the orders array, in parts: each part is
// JSON.stringify of a slice of it (the same text as the whole array's, element for element),
// with at most batchGroupMax characters where an order's own text allows. The total is bounded as the whole array's JSON is,
// before any of it is copied into the module. An array with its own toJSON is stringified
// whole, as JSON.stringify would.
func stringifyOrders(orders js.Value, n int) ([]string, error) {
	stringify := js.Global().Get("JSON").Get("stringify")
	whole := n == 0 || orders.Get("toJSON").Type() != js.TypeUndefined
	var parts []js.Value
	total, per := 0, 4 // characters; orders per part, adjusted to the lengths seen
	for a, b := 0, 0; a < n || whole && parts == nil; a = b {
		v := orders
		if b = n; !whole {
			b = min(a+per, n)
			v = orders.Call("slice", a, b)
		}
		s := stringify.Invoke(v)
		if s.Type() != js.TypeString {
			return nil, errors.New("assessBatch: the argument has no JSON form")
		}
		l := stringLength(s)
		switch {
		case l > batchGroupMax && per > 1:
			per /= 2
		case l < batchGroupMax/4:
			per *= 2
		}
		if parts != nil {
			l-- // the whole array's text has a comma where two parts have "]["
		}
		total += l
		parts = append(parts, s)
	}
	if total > MaxBatchRequest {
		return nil, fmt.Errorf("assessBatch: the argument is %d characters of JSON, more than the %d allowed in one call", total, MaxBatchRequest)
	}
	texts := make([]string, len(parts))
	for i, s := range parts {
		texts[i] = s.String()
	}
	return texts, nil
}

// answerParts cuts the answer (a JSON array, ends[i] the end of element i) into a JavaScript
// array of JSON arrays of about batchPartBytes each. It writes brackets over the commas
// where it cuts: out is the module's own buffer, and each part is copied into a JavaScript
// string (js.ValueOf) before the next bracket is written, so the strings are made from out
// in place.
func answerParts(out []byte, ends []int) js.Value {
	parts := js.Global().Get("Array").New()
	start := 0 // the part's opening bracket (or the comma to become one)
	for i, end := range ends {
		if i < len(ends)-1 && end-start < batchPartBytes {
			continue
		}
		out[start], out[end] = '[', ']'
		parts.Call("push", js.ValueOf(unsafe.String(&out[start], end+1-start)))
		start = end
	}
	if len(ends) == 0 {
		parts.Call("push", "[]")
	}
	return parts
}

// textBytes is the length in bytes of the orders array's JSON that texts are the parts of.
func textBytes(texts []string) int {
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	return n - max(len(texts)-1, 0)
}
