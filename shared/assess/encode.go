package assess

import (
	"errors"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/order"
)

// AppendJSON appends the JSON of the assessment to b without reflection: in the WebAssembly
// module bridge, encoding/json's reflective walk was a fifth of an assess call natively. The bytes are
// exactly those json.Marshal writes for an Assessment (field order, omitempty, null for nil,
// HTML-safe escapes, float and time forms); TestAppendJSONMatchesEncodingJSON holds it to
// that. It is deliberately not a MarshalJSON method: encoding/json re-scans whatever a
// MarshalJSON returns, which made json.Marshal slower than its own reflective walk
// (BenchmarkEncodeAccount); callers that want the speed call AppendJSON.
func (a *Assessment) AppendJSON(b []byte) ([]byte, error) {
	e := &encoder{b: b}
	e.raw(`{"order_id":`)
	e.str(a.OrderID)
	e.raw(`,"order_status":`)
	e.str(string(a.OrderStatus))
	e.raw(`,"status":`)
	e.str(string(a.Status))
	e.raw(`,"reason":`)
	e.str(a.Reason)
	e.raw(`,"stage":`)
	e.str(string(a.Stage))
	e.raw(`,"verdict":`)
	e.str(string(a.Verdict))
	e.raw(`,"reasons":`)
	list(e, a.Reasons, e.reason)
	e.raw(`,"summary":`)
	e.str(a.Summary)
	e.raw(`,"last_update":`)
	e.timePtr(a.LastUpdate)
	e.raw(`,"days_since_update":`)
	e.intPtr(a.DaysSinceUpdate)
	e.raw(`,"days_since_shipment":`)
	e.intPtr(a.DaysSinceShipment)
	m := &a.Method
	e.raw(`,"method":{"id":`)
	e.str(m.ID)
	e.raw(`,"name":`)
	e.str(m.Name)
	e.raw(`,"min_days":`)
	e.int(m.MinDays)
	e.raw(`,"max_days":`)
	e.int(m.MaxDays)
	e.raw(`,"tracking":`)
	e.str(m.Tracking)
	e.raw(`,"known":`)
	e.bool(m.Known)
	p := &a.Protection
	e.raw(`},"protection":{"deadline":`)
	e.timePtr(p.Deadline)
	e.raw(`,"source":`)
	e.str(p.Source)
	e.raw(`,"basis":`)
	e.str(p.Basis)
	e.raw(`,"days_left":`)
	e.intPtr(p.DaysLeft)
	e.raw(`,"warning":`)
	e.int(p.Warning)
	e.raw(`,"expired":`)
	e.bool(p.Expired)
	e.raw(`},"eta":`)
	e.eta(a.ETA)
	e.raw(`,"parcels":`)
	list(e, a.Parcels, e.parcel)
	e.raw(`,"advice":`)
	list(e, a.Advice, e.advice)
	e.raw(`,"confidence":`)
	e.float(a.Confidence)
	e.raw(`,"lang":`)
	e.str(a.Lang)
	e.raw(`,"now":`)
	e.time(a.Now)
	e.raw("}")
	if e.err != nil {
		return nil, e.err
	}
	return e.b, nil
}

// The small writers below (raw, bool, int, intPtr, omit, omitInt) are kept out of line: each is
// called from hundreds of places, and inlined into every one they made core.wasm 9 KB larger
// (gzip) for a measured half a millisecond on a 100-order assessBatch (about 18 ms).
type encoder struct {
	b   []byte
	err error
}

//go:noinline
func (e *encoder) raw(s string) { e.b = append(e.b, s...) }

//go:noinline
func (e *encoder) bool(v bool) {
	if v {
		e.raw("true")
	} else {
		e.raw("false")
	}
}

//go:noinline
func (e *encoder) int(n int) { e.b = strconv.AppendInt(e.b, int64(n), 10) }

//go:noinline
func (e *encoder) intPtr(n *int) {
	if n == nil {
		e.raw("null")
		return
	}
	e.int(*n)
}

// float writes a float64 as encoding/json does: the shortest form, with an exponent only
// below 1e-6 or from 1e21, and a two-digit negative exponent shortened ("1e-07" → "1e-7").
func (e *encoder) float(f float64) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		e.fail(errors.New("assess: unable to encode a confidence of " + strconv.FormatFloat(f, 'g', -1, 64)))
		return
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	e.b = strconv.AppendFloat(e.b, f, format, -1, 64)
	if format == 'e' {
		n := len(e.b)
		if n >= 4 && e.b[n-4] == 'e' && e.b[n-3] == '-' && e.b[n-2] == '0' {
			e.b[n-2] = e.b[n-1]
			e.b = e.b[:n-1]
		}
	}
}

func (e *encoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

func (e *encoder) time(t time.Time) {
	// MarshalJSON's bytes without its allocation: RFC 3339 with nanoseconds, quoted, for the
	// times it accepts; the others through it, for its error.
	if y := t.Year(); y >= 0 && y <= 9999 {
		if _, off := t.Zone(); off > -24*3600 && off < 24*3600 {
			e.b = append(e.b, '"')
			e.b = t.AppendFormat(e.b, time.RFC3339Nano)
			e.b = append(e.b, '"')
			return
		}
	}
	b, err := t.MarshalJSON()
	if err != nil {
		e.fail(err)
		return
	}
	e.b = append(e.b, b...)
}

func (e *encoder) timePtr(t *time.Time) {
	if t == nil {
		e.raw("null")
		return
	}
	e.time(*t)
}

func (e *encoder) orderTime(t order.Time) {
	// order.Time's MarshalJSON without its allocations (TestEncoderTimes holds the two equal).
	switch {
	case t.IsZero():
		e.raw("null")
		return
	case t.NoZone:
		e.b = append(e.b, '"')
		e.b = t.Time.AppendFormat(e.b, "2006-01-02T15:04:05")
		e.b = append(e.b, '"')
		return
	case t.Time.Year() >= 0 && t.Time.Year() <= 9999:
		e.b = append(e.b, '"')
		e.b = t.Time.AppendFormat(e.b, time.RFC3339)
		e.b = append(e.b, '"')
		return
	}
	b, err := t.MarshalJSON()
	if err != nil {
		e.fail(err)
		return
	}
	e.b = append(e.b, b...)
}

// omit writes `,"key":"value"` unless value is empty (omitempty).
//
//go:noinline
func (e *encoder) omit(key, v string) {
	if v == "" {
		return
	}
	e.raw(key)
	e.str(v)
}

func (e *encoder) strs(xs []string) { list(e, xs, func(s *string) { e.str(*s) }) }

// list writes a slice as encoding/json does: nil as null, else [a,b,…], each element by item.
func list[T any](e *encoder, xs []T, item func(*T)) {
	if xs == nil {
		e.raw("null")
		return
	}
	e.raw("[")
	for i := range xs {
		if i > 0 {
			e.raw(",")
		}
		item(&xs[i])
	}
	e.raw("]")
}

func (e *encoder) reason(r *Reason) {
	e.raw(`{"code":`)
	e.str(string(r.Code))
	e.raw(`,"verdict":`)
	e.str(string(r.Verdict))
	e.raw(`,"text":`)
	e.str(r.Text)
	e.raw(`,"facts":{`)
	f := &r.Facts
	mark := len(e.b)
	e.omit(`,"stage":`, string(f.Stage))
	e.omit(`,"status":`, string(f.Status))
	e.omitInt(`,"days_silent":`, f.DaysSilent)
	e.omitInt(`,"days_since_shipment":`, f.DaysSinceShipment)
	e.omitInt(`,"days_since_order":`, f.DaysSinceOrder)
	e.omitInt(`,"limit_days":`, f.LimitDays)
	e.omit(`,"method_days":`, f.MethodDays)
	e.omitInt(`,"protection_days_left":`, f.ProtectionDaysLeft)
	e.omit(`,"number":`, f.Number)
	e.omit(`,"carrier":`, f.Carrier)
	e.omit(`,"location":`, f.Location)
	e.omit(`,"expected":`, f.Expected)
	if len(e.b) > mark {
		// The first field written starts with a comma: drop it.
		copy(e.b[mark:], e.b[mark+1:])
		e.b = e.b[:len(e.b)-1]
	}
	e.raw("}}")
}

//go:noinline
func (e *encoder) omitInt(key string, n *int) {
	if n == nil {
		return
	}
	e.raw(key)
	e.int(*n)
}

func (e *encoder) eta(x *ETA) {
	if x == nil {
		e.raw("null")
		return
	}
	e.raw(`{"earliest":`)
	e.time(x.Earliest)
	e.raw(`,"latest":`)
	e.time(x.Latest)
	e.raw(`,"basis":`)
	e.str(x.Basis)
	e.raw(`,"samples":`)
	e.int(x.Samples)
	e.raw(`,"passed":`)
	e.bool(x.Passed)
	e.raw(`,"aliexpress":`)
	if s := x.AliExpress; s == nil {
		e.raw("null")
	} else {
		e.raw(`{"earliest":`)
		e.timePtr(s.Earliest)
		e.raw(`,"latest":`)
		e.timePtr(s.Latest)
		e.raw(`,"text":`)
		e.str(s.Text)
		e.raw(`,"refund_by":`)
		e.timePtr(s.RefundBy)
		e.raw(`,"refund_days_left":`)
		e.intPtr(s.RefundDaysLeft)
		e.raw(`,"refund_passed":`)
		e.bool(s.RefundPassed)
		e.raw(`,"texts":`)
		e.strs(s.Texts)
		e.raw("}")
	}
	e.raw("}")
}

func (e *encoder) parcel(p *Parcel) {
	e.raw(`{"numbers":`)
	list(e, p.Numbers, e.number)
	e.raw(`,"status":`)
	e.str(string(p.Status))
	e.raw(`,"reason":`)
	e.str(p.Reason)
	e.raw(`,"stage":`)
	e.str(string(p.Stage))
	e.raw(`,"last_update":`)
	e.timePtr(p.LastUpdate)
	e.raw(`,"days_since_update":`)
	e.intPtr(p.DaysSinceUpdate)
	e.raw(`,"timeline":`)
	list(e, p.Timeline, e.event)
	e.raw(`,"legs":`)
	list(e, p.Legs, e.leg)
	e.raw("}")
}

func (e *encoder) number(n *order.ParcelNumber) {
	e.raw(`{"number":`)
	e.str(n.Number)
	e.omit(`,"carrier":`, n.Carrier)
	e.omit(`,"role":`, n.Role)
	e.raw("}")
}

func (e *encoder) leg(l *Leg) {
	e.raw(`{"name":`)
	e.str(l.Name)
	e.raw(`,"state":`)
	e.str(l.State)
	e.raw(`,"start":`)
	e.timePtr(l.Start)
	e.raw(`,"end":`)
	e.timePtr(l.End)
	e.raw(`,"places":`)
	e.strs(l.Places)
	e.omit(`,"carrier":`, l.Carrier)
	e.omit(`,"number":`, l.Number)
	e.raw("}")
}

func (e *encoder) event(ev *Event) {
	e.raw(`{"time":`)
	start := len(e.b)
	e.orderTime(ev.Time)
	end := len(e.b)
	e.raw(`,"at":`)
	if t := ev.Time; ev.At != nil && sameText(t, *ev.At) {
		e.b = append(e.b, e.b[start:end]...) // most events: the same instant, in UTC, whole seconds
	} else {
		e.timePtr(ev.At)
	}
	e.raw(`,"text":`)
	e.str(ev.Text)
	e.omit(`,"location":`, ev.Location)
	e.omit(`,"carrier":`, ev.Carrier)
	e.omit(`,"number":`, ev.Number)
	e.raw(`,"status":`)
	e.str(string(ev.Status))
	e.omit(`,"reason":`, ev.Reason)
	e.raw(`,"confidence":`)
	e.float(ev.Confidence)
	if ev.Noise {
		e.raw(`,"noise":true`)
	}
	e.raw("}")
}

func (e *encoder) advice(a *advice.Advice) {
	e.raw(`{"situation":`)
	e.str(string(a.Situation))
	e.raw(`,"title":`)
	e.str(a.Title)
	e.raw(`,"deadline":`)
	e.timePtr(a.Deadline)
	e.raw(`,"deadline_text":`)
	e.str(a.DeadlineText)
	e.raw(`,"steps":`)
	e.strs(a.Steps)
	e.raw(`,"evidence":`)
	e.strs(a.Evidence)
	e.raw(`,"seller_message":`)
	e.str(a.SellerMessage)
	e.raw(`,"dispute_text":`)
	e.str(a.DisputeText)
	e.omit(`,"seller_message_en":`, a.SellerMessageEn)
	e.omit(`,"dispute_text_en":`, a.DisputeTextEn)
	e.raw("}")
}

const hex = "0123456789abcdef"

// sameText holds when orderTime's text of t (RFC 3339) is time's text of at (RFC 3339 with
// nanoseconds): a zoned time at offset zero, in whole seconds, at the same instant.
func sameText(t order.Time, at time.Time) bool {
	if t.NoZone || t.IsZero() || t.Time.Nanosecond() != 0 || at.Nanosecond() != 0 || !at.Equal(t.Time) {
		return false
	}
	if y := t.Time.Year(); y < 0 || y > 9999 {
		return false
	}
	_, off := t.Time.Zone()
	_, atOff := at.Zone()
	return off == 0 && atOff == 0
}

// plainJSON classes bytes for str: 1 is printable ASCII written as it is, 2 a byte of a
// multi-byte UTF-8 sequence, 0 a byte that needs an escape or a closer look (control
// characters, " \ < > &, and 0xE2, which begins U+2028 and U+2029 and other characters).
var plainJSON = func() (t [256]uint8) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = 1
	}
	for _, c := range `"\<>&` {
		t[c] = 0
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = 2
	}
	t[0xE2] = 0
	return t
}()

// str writes a JSON string as encoding/json does with HTML escaping on: <, > and & as
// \u003c…, U+2028 and U+2029 escaped, invalid UTF-8 as U+FFFD.
func (e *encoder) str(s string) {
	// The common case first: nothing to escape, the bytes as they are.
	k := uint8(1)
	for i := 0; i < len(s) && k != 0; i++ {
		if c := plainJSON[s[i]]; c == 0 {
			k = 0
		} else {
			k |= c
		}
	}
	if k == 1 || k == 3 && utf8.ValidString(s) {
		e.b = append(e.b, '"')
		e.b = append(e.b, s...)
		e.b = append(e.b, '"')
		return
	}
	b := append(e.b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	e.b = append(b, '"')
}
