package order

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// decodeFast reads the common shape of an order without reflection: encoding/json's
// reflective decoder was most of the cost of assessing an order in the WebAssembly module.
// It gives up (ok false) on anything it does not read exactly as encoding/json would — a key
// that is not spelled exactly as the field's tag, a repeated key, a number with a fraction or
// exponent, a value of the wrong type, a time that does not parse, invalid JSON — and Decode
// then takes the general path, which also names the problem. So it never decides an error
// and never accepts what the general path refuses.
func decodeFast(b []byte) (o Order, ok bool) {
	// One copy of the input as a string: every plain string value is a substring of it.
	s := scan{b: b, src: string(b)}
	ok = s.object(func(key []byte) bool {
		switch string(key) {
		case "order_id":
			return s.str(&o.ID)
		case "order_date":
			return s.time(&o.Date)
		case "store":
			return s.str(&o.Store)
		case "status_text":
			return s.str(&o.StatusText)
		case "shipping_method":
			return s.str(&o.ShippingMethod)
		case "total":
			return s.str(&o.Total)
		case "items":
			return list(&s, &o.Items, s.item)
		case "protection":
			return s.protection(&o.Protection)
		case "parcels":
			return list(&s, &o.Parcels, s.parcel)
		case "buyer":
			return s.buyer(&o.Buyer)
		}
		return false
	})
	if !ok {
		return Order{}, false
	}
	s.ws()
	return o, s.i == len(s.b)
}

type scan struct {
	b   []byte
	src string // b as a string
	i   int
}

func (s *scan) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// null consumes a JSON null if one comes next: for every field here, null leaves the zero
// value, as encoding/json does for a field seen once.
func (s *scan) null() bool {
	s.ws()
	if len(s.b)-s.i >= 4 && string(s.b[s.i:s.i+4]) == "null" {
		s.i += 4
		return true
	}
	return false
}

// object reads {"key": value, …}, calling field for each key with the scanner at the value.
// A repeated key gives up: encoding/json would merge the two values.
func (s *scan) object(field func(key []byte) bool) bool {
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		return false
	}
	s.i++
	var seenBuf [12][]byte // an order's objects have at most 10 fields: no allocation
	seen := seenBuf[:0]
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == '}' {
		s.i++
		return true
	}
	for {
		s.ws()
		key, ok := s.rawKey()
		if !ok {
			return false
		}
		for _, k := range seen {
			if string(k) == string(key) {
				return false
			}
		}
		seen = append(seen, key)
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != ':' {
			return false
		}
		s.i++
		if !field(key) {
			return false
		}
		s.ws()
		if s.i >= len(s.b) {
			return false
		}
		switch s.b[s.i] {
		case ',':
			s.i++
		case '}':
			s.i++
			return true
		default:
			return false
		}
	}
}

// rawKey reads a key without escapes (a key with escapes gives up). The key is a slice of
// the input: the fields switch on it without making strings.
func (s *scan) rawKey() ([]byte, bool) {
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return nil, false
	}
	start := s.i + 1
	for j := start; j < len(s.b); j++ {
		c := s.b[j]
		if c == '"' {
			s.i = j + 1
			return s.b[start:j], true
		}
		if c == '\\' || c < 0x20 || c >= 0x80 {
			return nil, false
		}
	}
	return nil, false
}

// array reads [value, …] or null; empty is called for [] so that an empty array stays a
// non-nil empty slice, as encoding/json leaves it.
func (s *scan) array(elem func() bool, empty func()) bool {
	if s.null() {
		return true
	}
	if s.i >= len(s.b) || s.b[s.i] != '[' {
		return false
	}
	s.i++
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == ']' {
		s.i++
		empty()
		return true
	}
	for {
		if !elem() {
			return false
		}
		s.ws()
		if s.i >= len(s.b) {
			return false
		}
		switch s.b[s.i] {
		case ',':
			s.i++
		case ']':
			s.i++
			return true
		default:
			return false
		}
	}
}

// str reads a string or null. Strings with escapes or non-ASCII bytes that are not valid
// UTF-8 go through encoding/json, which unescapes and replaces invalid bytes as it always does.
func (s *scan) str(dst *string) bool {
	if s.null() {
		return true
	}
	raw, plain, ok := s.rawString()
	if !ok {
		return false
	}
	if plain {
		*dst = s.src[s.i-len(raw)+1 : s.i-1]
		return true
	}
	return json.Unmarshal(raw, dst) == nil
}

// rawString returns the quoted string next in the input; plain says it holds no escape and
// only valid UTF-8, so its bytes are its value.
func (s *scan) rawString() (raw []byte, plain, ok bool) {
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return nil, false, false
	}
	plain = true
	ascii := true
	for j := s.i + 1; j < len(s.b); j++ {
		c := s.b[j]
		switch {
		case c == '"':
			raw = s.b[s.i : j+1]
			s.i = j + 1
			if !ascii && !utf8.Valid(raw) {
				plain = false
			}
			return raw, plain, true
		case c == '\\':
			plain = false
			if j+1 >= len(s.b) {
				return nil, false, false
			}
			j++ // the escaped byte cannot end the string; json.Unmarshal checks the escape
		case c < 0x20:
			return nil, false, false
		case c >= 0x80:
			ascii = false
		}
	}
	return nil, false, false
}

// integer returns a JSON number's text; only integers (no fraction, no exponent) are read here.
func (s *scan) integer() ([]byte, bool) {
	start := s.i
	if s.i < len(s.b) && s.b[s.i] == '-' {
		s.i++
	}
	digits := s.i
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
	}
	n := s.i - digits
	if n == 0 || (n > 1 && s.b[digits] == '0') {
		return nil, false
	}
	if s.i < len(s.b) && (s.b[s.i] == '.' || s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		return nil, false
	}
	return s.b[start:s.i], true
}

func (s *scan) int(dst *int) bool {
	if s.null() {
		return true
	}
	raw, ok := s.integer()
	if !ok {
		return false
	}
	n, err := strconv.ParseInt(string(raw), 10, strconv.IntSize)
	if err != nil {
		return false
	}
	*dst = int(n)
	return true
}

func (s *scan) bool(dst *bool) bool {
	if s.null() {
		return true
	}
	switch {
	case len(s.b)-s.i >= 4 && string(s.b[s.i:s.i+4]) == "true":
		s.i += 4
		*dst = true
	case len(s.b)-s.i >= 5 && string(s.b[s.i:s.i+5]) == "false":
		s.i += 5
		*dst = false
	default:
		return false
	}
	return true
}

// time reads a timestamp string or Unix milliseconds through Time.UnmarshalJSON, as
// encoding/json would; a time it refuses gives up, so the general path reports it.
func (s *scan) time(dst *Time) bool {
	if s.null() {
		*dst = Time{}
		return true
	}
	var raw []byte
	if s.i < len(s.b) && s.b[s.i] == '"' {
		r, _, ok := s.rawString()
		if !ok {
			return false
		}
		raw = r
	} else {
		r, ok := s.integer()
		if !ok {
			return false
		}
		raw = r
	}
	return dst.UnmarshalJSON(raw) == nil
}

func (s *scan) item(it *Item) bool {
	return s.object(func(key []byte) bool {
		switch string(key) {
		case "title":
			return s.str(&it.Title)
		case "quantity":
			return s.int(&it.Quantity)
		case "price":
			return s.str(&it.Price)
		case "product_id":
			return s.str(&it.ProductID)
		case "sku":
			return s.str(&it.SKU)
		}
		return false
	})
}

// optional reads a value that may be null: null leaves it unset, as encoding/json does for a
// pointer field.
// list reads a JSON array into *dst one element at a time: null leaves it nil and [] makes it
// empty, as encoding/json does.
func list[T any](s *scan, dst *[]T, read func(*T) bool) bool {
	return s.array(func() bool {
		var v T
		if !read(&v) {
			return false
		}
		*dst = append(*dst, v)
		return true
	}, func() { *dst = []T{} })
}

func optional[T any](s *scan, p **T, read func(*T) bool) bool {
	if s.null() {
		*p = nil
		return true
	}
	v := new(T)
	if !read(v) {
		return false
	}
	*p = v
	return true
}

func (s *scan) protection(p *Protection) bool {
	if s.null() {
		return true
	}
	return s.object(func(key []byte) bool {
		switch string(key) {
		case "ends_at":
			return s.time(&p.EndsAt)
		case "days_left":
			return optional(s, &p.DaysLeft, s.int)
		case "read_at":
			return s.time(&p.ReadAt)
		case "text":
			return s.str(&p.Text)
		}
		return false
	})
}

func (s *scan) parcel(p *Parcel) bool {
	return s.object(func(key []byte) bool {
		switch string(key) {
		case "shipping_method":
			return s.str(&p.ShippingMethod)
		case "numbers":
			return list(s, &p.Numbers, s.number)
		case "events":
			return list(s, &p.Events, s.event)
		}
		return false
	})
}

func (s *scan) number(n *ParcelNumber) bool {
	return s.object(func(key []byte) bool {
		switch string(key) {
		case "number":
			return s.str(&n.Number)
		case "carrier":
			return s.str(&n.Carrier)
		case "role":
			return s.str(&n.Role)
		}
		return false
	})
}

func (s *scan) event(e *Event) bool {
	return s.object(func(key []byte) bool {
		switch string(key) {
		case "time":
			return s.time(&e.Time)
		case "text":
			return s.str(&e.Text)
		case "location":
			return s.str(&e.Location)
		case "carrier":
			return s.str(&e.Carrier)
		case "code":
			return s.str(&e.Code)
		case "lang":
			return s.str(&e.Lang)
		case "number":
			return s.str(&e.Number)
		}
		return false
	})
}

func (s *scan) buyer(bf *BuyerFacts) bool {
	if s.null() {
		return true
	}
	return s.object(func(key []byte) bool {
		switch string(key) {
		case "received":
			return optional(s, &bf.Received, s.bool)
		case "dispute_opened":
			return s.bool(&bf.DisputeOpened)
		case "country":
			return s.str(&bf.Country)
		case "city":
			return s.str(&bf.City)
		case "lang":
			return s.str(&bf.Lang)
		case "seller_asked_at":
			return s.time(&bf.SellerAskedAt)
		case "seller_replied":
			return s.bool(&bf.SellerReplied)
		}
		return false
	})
}
