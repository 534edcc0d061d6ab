package assess

import (
	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/order"
)

// Batch assesses many orders at one clock, as Order does each of them, and classifies each
// distinct carrier event (text, carrier, code, language) once for the whole batch: an account's
// orders repeat the same few hundred event texts ("Departed from sorting center", …), so a
// heavy account's events cost a fraction of one classify call each. The results are exactly
// Order's (the classifier is pure); opt.Events, when set, is the classifier memoised.
func Batch(orders []order.Order, opt Options) []Assessment {
	opt.Events = memoEvents(opt.Events)
	out := make([]Assessment, len(orders))
	for i, o := range orders {
		out[i] = Order(o, opt)
	}
	return out
}

// memoEvents wraps a classifier (nil: classify.Event) in a memo of its results by input. The memo
// lives as long as the returned function: one batch.
func memoEvents(events func(classify.Input) classify.Result) func(classify.Input) classify.Result {
	if events == nil {
		events = classify.Event
	}
	memo := make(map[classify.Input]classify.Result, 256)
	return func(in classify.Input) classify.Result {
		if r, ok := memo[in]; ok {
			return r
		}
		r := events(in)
		memo[in] = r
		return r
	}
}
