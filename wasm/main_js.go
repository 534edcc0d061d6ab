//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"syscall/js"
	"time"
)

// readyEnv is the environment variable (go.env in wasm_exec.js) through which the loader
// names the global function to call with the core's functions once they are ready.
const readyEnv = "ORDERWATCH_READY"

// The core's functions cannot throw into their JavaScript caller (syscall/js has no way to,
// and the MV3 CSP forbids building a JavaScript wrapper with new Function). So each returns
// either the result's JSON text or an Error object, and loader.js turns that into a parsed
// result or a throw. Everything else — argument checks, limits, panics — is handled here.
func main() {
	name := os.Getenv(readyEnv)
	ready := js.Global().Get(name)
	if name == "" || ready.Type() != js.TypeFunction {
		fmt.Fprintln(os.Stderr, "wasm: start this module with loadOrderWatch() from loader.js")
		os.Exit(2)
	}
	core := js.Global().Get("Object").New()
	core.Set("version", Version())
	core.Set("classify", export("classify", classifyJS))
	core.Set("parseNumber", export("parseNumber", parseNumberJS))
	core.Set("assess", export("assess", assessJS))
	core.Set("assessBatch", exportAny("assessBatch", func(args []js.Value) (any, error) { return assessBatchJS(args) }))
	core.Set("evidencePack", export("evidencePack", evidencePackJS))
	core.Set("loadTexts", exportAny("loadTexts", loadTextsJS))
	core.Set("needTexts", exportAny("needTexts", needTextsJS))
	// The loader starts the module with GOGC=off: collecting while the packages initialise
	// costs start-up time for nothing. From here on GOGC=200: the live heap is small (the
	// classifier's tables are read in place from the module's data), a 100-order assessBatch
	// allocates ~6 MB, and collecting half as often took ~10% off its CPU time in Node for
	// ~3 MB more resident memory (measured 6 Dec 2026). Until the first collection, though,
	// GOGC=400 (a first goal of 16 MB instead of 8): a fresh module's first collection runs
	// the collector's code cold (compiled on first use, unoptimised) and took 20-40 ms of
	// the main thread; at 8 MB it fell inside the first 100-order assessBatch, the answer a
	// page waits for. A finalizer sets 200 once that first collection has run.
	debug.SetGCPercent(400)
	runtime.SetFinalizer(new(firstGC), func(*firstGC) { debug.SetGCPercent(200) })
	ready.Invoke(core)
	// Serve calls for as long as the page or worker lives.
	select {}
}

// firstGC is the object whose finalizer marks the first collection (large enough not to
// share a block of the tiny allocator, whose objects may be finalized late or never).
type firstGC [64]byte

// export wraps one bridge function for JavaScript: a failure, a wrong argument or even a
// panic becomes an Error value for the caller, and the module keeps serving.
func export(name string, f func(args []js.Value) ([]byte, error)) js.Func {
	return exportAny(name, func(args []js.Value) (any, error) {
		out, err := f(args)
		return string(out), err
	})
}

// exportAny is export for a function whose answer is any value js.ValueOf takes. (Not
// inlined: each call site would get its own copy of the closures, ~3 KB of code each.)
//
//go:noinline
func exportAny(name string, f func(args []js.Value) (any, error)) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) (result any) {
		defer func() {
			if r := recover(); r != nil {
				var jsErr js.Error
				if e, ok := r.(error); ok && errors.As(e, &jsErr) {
					// JSON.stringify threw: a cycle, a BigInt, a throwing toJSON…
					result = jsError(fmt.Errorf("%s: unable to read the argument: %s", name, jsErr.Value.Get("message").String()))
					return
				}
				result = jsError(fmt.Errorf("%s: internal error: %v", name, r))
			}
		}()
		out, err := f(args)
		if err != nil {
			return jsError(err)
		}
		return out
	})
}

func jsError(err error) js.Value {
	return js.Global().Get("Error").New("OrderWatch." + err.Error())
}

func classifyJS(args []js.Value) ([]byte, error) {
	if len(args) != 1 {
		return nil, fmt.Errorf("classify: expects 1 argument (an array of events), got %d", len(args))
	}
	events := args[0]
	if !js.Global().Get("Array").Call("isArray", events).Bool() {
		return nil, fmt.Errorf("classify: events must be an array of {text, carrier?, code?, lang?}, got %s", describe(events))
	}
	if n := events.Length(); n > MaxEvents {
		return nil, fmt.Errorf("classify: %d events in one call, more than the %d allowed", n, MaxEvents)
	}
	data, err := stringify("classify", events)
	if err != nil {
		return nil, err
	}
	return ClassifyEventsPacked(data)
}

func parseNumberJS(args []js.Value) ([]byte, error) {
	if len(args) != 1 {
		return nil, fmt.Errorf("parseNumber: expects 1 argument (a string), got %d", len(args))
	}
	if args[0].Type() != js.TypeString {
		return nil, fmt.Errorf("parseNumber: input must be a string, got %s", describe(args[0]))
	}
	// Measure before copying: a huge string must not be copied into the module's memory.
	if n := stringLength(args[0]); n > MaxNumberInput {
		return nil, fmt.Errorf("parseNumber: input is %d characters, more than the %d allowed", n, MaxNumberInput)
	}
	return ParseNumber(args[0].String())
}

func assessJS(args []js.Value) ([]byte, error) {
	if len(args) < 1 || len(args) > 2 {
		return nil, fmt.Errorf("assess: expects 1 or 2 arguments (order, now?), got %d", len(args))
	}
	o := args[0]
	if o.Type() != js.TypeObject || o.IsNull() || js.Global().Get("Array").Call("isArray", o).Bool() {
		return nil, fmt.Errorf("assess: order must be an object (the order JSON), got %s", describe(o))
	}
	now := time.Now()
	if len(args) == 2 {
		var err error
		if now, err = timeArg(args[1]); err != nil {
			return nil, fmt.Errorf("assess: %w", err)
		}
	}
	data, err := stringify("assess", o)
	if err != nil {
		return nil, err
	}
	return AssessOrder(data, now)
}

// evidencePackJS is evidencePack(order, now?, options?): the pack's HTML as a string.
func evidencePackJS(args []js.Value) ([]byte, error) {
	if len(args) < 1 || len(args) > 3 {
		return nil, fmt.Errorf("evidencePack: expects 1 to 3 arguments (order, now?, options?), got %d", len(args))
	}
	o := args[0]
	if o.Type() != js.TypeObject || o.IsNull() || js.Global().Get("Array").Call("isArray", o).Bool() {
		return nil, fmt.Errorf("evidencePack: order must be an object (the order JSON), got %s", describe(o))
	}
	now := time.Now()
	if len(args) >= 2 {
		var err error
		if now, err = timeArg(args[1]); err != nil {
			return nil, fmt.Errorf("evidencePack: %w", err)
		}
	}
	data, err := stringify("evidencePack", o)
	if err != nil {
		return nil, err
	}
	var opts []byte
	if len(args) == 3 && args[2].Type() != js.TypeUndefined && args[2].Type() != js.TypeNull {
		if args[2].Type() != js.TypeObject || js.Global().Get("Array").Call("isArray", args[2]).Bool() {
			return nil, fmt.Errorf("evidencePack: options must be an object, got %s", describe(args[2]))
		}
		s := js.Global().Get("JSON").Call("stringify", args[2])
		if n := stringLength(s); n > MaxEvidenceRequest {
			return nil, fmt.Errorf("evidencePack: options are %d characters of JSON, more than the %d allowed", n, MaxEvidenceRequest)
		}
		opts = []byte(s.String())
	}
	return EvidencePack(data, opts, now)
}

// loadTextsJS is loadTexts(lang, jsonText): true once the language's texts are there.
func loadTextsJS(args []js.Value) (any, error) {
	if len(args) != 2 {
		return nil, fmt.Errorf("loadTexts: expects 2 arguments (lang, jsonText), got %d", len(args))
	}
	if args[0].Type() != js.TypeString || args[1].Type() != js.TypeString {
		return nil, fmt.Errorf("loadTexts: lang and jsonText must be strings, got %s and %s", describe(args[0]), describe(args[1]))
	}
	if n := stringLength(args[0]); n > MaxTimeText {
		return nil, fmt.Errorf("loadTexts: lang is %d characters long, not a language code", n)
	}
	if n := stringLength(args[1]); n > MaxTextsFile {
		return nil, fmt.Errorf("loadTexts: jsonText is %d characters, more than the %d allowed", n, MaxTextsFile)
	}
	if err := LoadTexts(args[0].String(), []byte(args[1].String())); err != nil {
		return nil, err
	}
	return true, nil
}

// needTextsJS is needTexts(tag): the language to load before asking in tag, or "".
func needTextsJS(args []js.Value) (any, error) {
	if len(args) != 1 || args[0].Type() != js.TypeString {
		return nil, fmt.Errorf("needTexts: expects 1 argument (a language tag string)")
	}
	if n := stringLength(args[0]); n > MaxNumberInput {
		return nil, fmt.Errorf("needTexts: tag is %d characters, more than the %d allowed", n, MaxNumberInput)
	}
	return NeedTexts(args[0].String()), nil
}

// timeArg reads assess's optional clock: undefined or null (now), a Date, Unix milliseconds
// or an RFC 3339 string.
func timeArg(v js.Value) (time.Time, error) {
	switch v.Type() {
	case js.TypeUndefined, js.TypeNull:
		return time.Now(), nil
	case js.TypeNumber:
		return TimeFromMillis(v.Float())
	case js.TypeString:
		if n := stringLength(v); n > MaxTimeText {
			return time.Time{}, fmt.Errorf("now is %d characters long, not a timestamp", n)
		}
		return TimeFromText(v.String())
	case js.TypeObject:
		if v.InstanceOf(js.Global().Get("Date")) {
			return TimeFromMillis(v.Call("getTime").Float())
		}
	}
	return time.Time{}, fmt.Errorf("now must be a Date, Unix milliseconds or an RFC 3339 string, got %s", describe(v))
}

// stringify turns an argument into JSON text with JavaScript's own JSON.stringify, the one
// conversion whose rules every caller already knows, and bounds its size before copying it.
func stringify(name string, v js.Value) ([]byte, error) {
	s := js.Global().Get("JSON").Call("stringify", v)
	if s.Type() != js.TypeString {
		return nil, fmt.Errorf("%s: the argument has no JSON form", name)
	}
	if n := stringLength(s); n > MaxRequest {
		return nil, fmt.Errorf("%s: the argument is %d characters of JSON, more than the %d allowed in one call", name, n, MaxRequest)
	}
	return []byte(s.String()), nil
}

// stringLength is a JavaScript string's length in UTF-16 units, read without copying it.
func stringLength(s js.Value) int {
	return js.Global().Get("String").New(s).Length()
}

// describe names a value's type for error messages.
func describe(v js.Value) string {
	switch v.Type() {
	case js.TypeUndefined:
		return "undefined"
	case js.TypeNull:
		return "null"
	case js.TypeObject:
		if js.Global().Get("Array").Call("isArray", v).Bool() {
			return "an array"
		}
		return "an object"
	default:
		return "a " + v.Type().String()
	}
}
