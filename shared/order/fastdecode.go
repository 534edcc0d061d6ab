package order

import "github.com/orderwatch/orderwatch/shared/jsonscan"

// decodeFast reads the common shape of an order without reflection: encoding/json's
// reflective decoder was most of the cost of assessing an order in the WebAssembly module.
// It gives up (ok false) on anything it does not read exactly as encoding/json would — a key
// that is not spelled exactly as the field's tag, a repeated key, a number with a fraction or
// exponent, a value of the wrong type, a time that does not parse, invalid JSON — and Decode
// then takes the general path, which also names the problem. So it never decides an error
// and never accepts what the general path refuses.
func decodeFast(b string) (o Order, ok bool) {
	// Every plain string value is a substring of the input: no copies.
	s := scan{jsonscan.NewString(b)}
	if o, ok = s.order(); !ok || !s.End() {
		return Order{}, false
	}
	return o, true
}

// DecodeList reads a JSON array of orders, as Decode reads each, in one pass: the orders'
// strings are substrings of text. It reads only what the fast path reads and Validate
// accepts, and gives up (ok false) on anything else — an order Decode would refuse or read
// by the general path, an order over MaxBytes, malformed JSON — for the caller to read
// element by element with Decode, for the errors.
func DecodeList(text string) (orders []Order, ok bool) {
	s := scan{jsonscan.NewString(text)}
	if !s.Byte('[') {
		return nil, false
	}
	orders = []Order{}
	if s.Byte(']') {
		return orders, s.End()
	}
	for {
		s.WS()
		start := s.Pos()
		o, ok := s.order()
		if !ok || s.Pos()-start > MaxBytes || o.Validate() != nil {
			return nil, false
		}
		orders = append(orders, o)
		if s.Byte(']') {
			return orders, s.End()
		}
		if !s.Byte(',') {
			return nil, false
		}
	}
}

// order reads one order object. (Not inlined: its closure would be compiled twice, once into
// each caller, which the WebAssembly core's size pays for.)
//
//go:noinline
func (s *scan) order() (o Order, ok bool) {
	ok = s.Object(func(key string) bool {
		switch key {
		case "order_id":
			return s.Str(&o.ID)
		case "order_date":
			return s.time(&o.Date)
		case "store":
			return s.Str(&o.Store)
		case "status_text":
			return s.Str(&o.StatusText)
		case "shipping_method":
			return s.Str(&o.ShippingMethod)
		case "total":
			return s.Str(&o.Total)
		case "items":
			return jsonscan.List(&s.Scanner, &o.Items, s.item)
		case "protection":
			return s.protection(&o.Protection)
		case "parcels":
			return jsonscan.List(&s.Scanner, &o.Parcels, s.parcel)
		case "buyer":
			return s.buyer(&o.Buyer)
		case "promise":
			return s.promise(&o.Promise)
		}
		return false
	})
	return o, ok
}

// scan is the one JSON scanner (shared/jsonscan) with the readers of an order's own types.
type scan struct{ jsonscan.Scanner }

// time reads a timestamp string or Unix milliseconds as Time.UnmarshalJSON does (through it
// for anything but a plain string); a time it refuses gives up, so the general path reports it.
func (s *scan) time(dst *Time) bool {
	if s.Null() {
		*dst = Time{}
		return true
	}
	if s.Peek() == '"' {
		r, plain, ok := s.RawString()
		if !ok {
			return false
		}
		if v := r[1 : len(r)-1]; plain && printableASCII(v) {
			t, err := ParseTime(v)
			*dst = t
			return err == nil
		}
		return dst.UnmarshalJSON([]byte(r)) == nil
	}
	r, ok := s.Integer()
	if !ok {
		return false
	}
	return dst.UnmarshalJSON([]byte(r)) == nil
}

func (s *scan) item(it *Item) bool {
	return s.Object(func(key string) bool {
		switch key {
		case "title":
			return s.Str(&it.Title)
		case "quantity":
			return s.Int(&it.Quantity)
		case "price":
			return s.Str(&it.Price)
		case "product_id":
			return s.Str(&it.ProductID)
		case "sku":
			return s.Str(&it.SKU)
		}
		return false
	})
}

func (s *scan) protection(p *Protection) bool {
	if s.Null() {
		return true
	}
	return s.Object(func(key string) bool {
		switch key {
		case "ends_at":
			return s.time(&p.EndsAt)
		case "days_left":
			return jsonscan.Optional(&s.Scanner, &p.DaysLeft, s.Int)
		case "read_at":
			return s.time(&p.ReadAt)
		case "text":
			return s.Str(&p.Text)
		}
		return false
	})
}

func (s *scan) parcel(p *Parcel) bool {
	return s.Object(func(key string) bool {
		switch key {
		case "shipping_method":
			return s.Str(&p.ShippingMethod)
		case "numbers":
			return jsonscan.List(&s.Scanner, &p.Numbers, s.number)
		case "events":
			return jsonscan.CountedList(&s.Scanner, &p.Events, s.event)
		case "eta":
			return s.eta(&p.ETA)
		}
		return false
	})
}

func (s *scan) number(n *ParcelNumber) bool {
	return s.Object(func(key string) bool {
		switch key {
		case "number":
			return s.Str(&n.Number)
		case "carrier":
			return s.Str(&n.Carrier)
		case "role":
			return s.Str(&n.Role)
		}
		return false
	})
}

func (s *scan) event(e *Event) bool {
	return s.Object(func(key string) bool {
		switch key {
		case "time":
			return s.time(&e.Time)
		case "text":
			return s.Str(&e.Text)
		case "location":
			return s.Str(&e.Location)
		case "carrier":
			return s.Str(&e.Carrier)
		case "code":
			return s.Str(&e.Code)
		case "lang":
			return s.Str(&e.Lang)
		case "number":
			return s.Str(&e.Number)
		}
		return false
	})
}

func (s *scan) buyer(bf *BuyerFacts) bool {
	if s.Null() {
		return true
	}
	return s.Object(func(key string) bool {
		switch key {
		case "received":
			return jsonscan.Optional(&s.Scanner, &bf.Received, s.Bool)
		case "dispute_opened":
			return s.Bool(&bf.DisputeOpened)
		case "country":
			return s.Str(&bf.Country)
		case "city":
			return s.Str(&bf.City)
		case "lang":
			return s.Str(&bf.Lang)
		case "seller_asked_at":
			return s.time(&bf.SellerAskedAt)
		case "seller_replied":
			return s.Bool(&bf.SellerReplied)
		}
		return false
	})
}

func (s *scan) eta(e *ParcelETA) bool {
	if s.Null() {
		return true
	}
	return s.Object(func(key string) bool {
		switch key {
		case "earliest":
			return s.time(&e.Earliest)
		case "latest":
			return s.time(&e.Latest)
		case "text":
			return s.Str(&e.Text)
		}
		return false
	})
}

func (s *scan) promise(p *Promise) bool {
	if s.Null() {
		return true
	}
	return s.Object(func(key string) bool {
		switch key {
		case "refund_by":
			return s.time(&p.RefundBy)
		case "coupon_by":
			return s.time(&p.CouponBy)
		case "texts":
			return jsonscan.List(&s.Scanner, &p.Texts, s.Str)
		}
		return false
	})
}
