package assess

import (
	"math"
	"strings"
	"sync"

	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/order"
)

// Batch assesses many orders at one clock, as Order does each of them, and classifies each
// distinct carrier event (text, carrier, code, language) once for the whole batch: an account's
// orders repeat the same few hundred event texts ("Departed from sorting center", …), so a
// heavy account's events cost a fraction of one classify call each. The results are exactly
// Order's (the classifier is pure); opt.Events, when set, is the classifier memoised.
func Batch(orders []order.Order, opt Options) []Assessment {
	return BatchMemo(orders, opt, NewEventMemo(math.MaxInt, opt.Events))
}

// BatchMemo is Batch with the classifier memoised by memo, which may outlive the call: the next
// batches of the same buyer (the extension judges the same orders again at every visit, a
// clock later) classify only the events memo has not seen. opt.Events is not used.
func BatchMemo(orders []order.Order, opt Options, memo *EventMemo) []Assessment {
	opt.Events = memo.Event
	out := make([]Assessment, len(orders))
	for i, o := range orders {
		out[i] = Order(o, opt)
	}
	return out
}

// EventMemo is classify.Event memoised across calls, for a long-lived caller (the WebAssembly
// core serves one buyer for as long as the worker lives). The classifier is pure, so an answer
// from the memo is the classifier's. It holds at most max inputs: when full it starts again
// empty (an account has a few hundred distinct events; a full memo is a few hundred KB). Its
// keys and results are copies, so a memo never keeps a caller's input text alive. Safe for
// concurrent use.
type EventMemo struct {
	mu     sync.Mutex
	max    int
	events func(classify.Input) classify.Result
	m      map[classify.Input]classify.Result
}

// NewEventMemo is an empty memo of at most max inputs in front of events (nil: classify.Event).
func NewEventMemo(max int, events func(classify.Input) classify.Result) *EventMemo {
	if events == nil {
		events = classify.Event
	}
	return &EventMemo{max: max, events: events}
}

// Event is the memoised classifier.
func (m *EventMemo) Event(in classify.Input) classify.Result {
	m.mu.Lock()
	defer m.mu.Unlock()
	if r, ok := m.m[in]; ok {
		return r
	}
	r := m.events(in)
	if m.m == nil || len(m.m) >= m.max {
		m.m = make(map[classify.Input]classify.Result, min(m.max, 512))
	}
	m.m[cloneInput(in)] = cloneResult(r)
	return r
}

// Len is the number of inputs memoised.
func (m *EventMemo) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.m)
}

// cloneInput copies in's strings into one new string (the caller's are often substrings of a
// whole request's JSON).
func cloneInput(in classify.Input) classify.Input {
	s := join(in.Text, in.Carrier, in.Code, in.Lang)
	return classify.Input{Text: cut(&s, len(in.Text)), Carrier: cut(&s, len(in.Carrier)), Code: cut(&s, len(in.Code)), Lang: cut(&s, len(in.Lang))}
}

// cloneResult copies the strings of r that may come from the input (the language, the rule's
// name); the rest are the classifier's own constants.
func cloneResult(r classify.Result) classify.Result {
	s := join(r.Lang, r.Rule, r.Reason)
	r.Lang, r.Rule, r.Reason = cut(&s, len(r.Lang)), cut(&s, len(r.Rule)), cut(&s, len(r.Reason))
	return r
}

// join is the strings one after the other in a new string (a + b alone is not new when all
// but one are empty).
func join(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range parts {
		b.WriteString(p)
	}
	return b.String()
}

// cut returns the first n bytes of *s and drops them from it.
func cut(s *string, n int) string {
	head := (*s)[:n]
	*s = (*s)[n:]
	return head
}
