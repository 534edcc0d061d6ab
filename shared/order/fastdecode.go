package order

import "github.com/orderwatch/orderwatch/shared/jsonscan"

// decodeFast reads the common shape of an order without reflection: encoding/json's
// reflective decoder was most of the cost of assessing an order in the WebAssembly module.
// It gives up (ok false) on anything it does not read exactly as encoding/json would — a key
// that is not spelled exactly as the field's tag, a repeated key, a number with a fraction or
// exponent, a value of the wrong type, a time that does not parse, invalid JSON — and Decode
// then takes the general path, which also names the problem. So it never decides an error
// and never accepts what the general path refuses.
func decodeFast(b []byte) (o Order, ok bool) {
	// One copy of the input as a string: every plain string value is a substring of it.
	s := scan{jsonscan.New(b)}
	ok = s.Object(func(key []byte) bool {
		switch string(key) {
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
		}
		return false
	})
	if !ok {
		return Order{}, false
	}
	return o, s.End()
}

// scan is the one JSON scanner (shared/jsonscan) with the readers of an order's own types.
type scan struct{ jsonscan.Scanner }

// time reads a timestamp string or Unix milliseconds through Time.UnmarshalJSON, as
// encoding/json would; a time it refuses gives up, so the general path reports it.
func (s *scan) time(dst *Time) bool {
	if s.Null() {
		*dst = Time{}
		return true
	}
	var raw []byte
	if s.Peek() == '"' {
		r, _, ok := s.RawString()
		if !ok {
			return false
		}
		raw = r
	} else {
		r, ok := s.Integer()
		if !ok {
			return false
		}
		raw = r
	}
	return dst.UnmarshalJSON(raw) == nil
}

func (s *scan) item(it *Item) bool {
	return s.Object(func(key []byte) bool {
		switch string(key) {
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
	return s.Object(func(key []byte) bool {
		switch string(key) {
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
	return s.Object(func(key []byte) bool {
		switch string(key) {
		case "shipping_method":
			return s.Str(&p.ShippingMethod)
		case "numbers":
			return jsonscan.List(&s.Scanner, &p.Numbers, s.number)
		case "events":
			return jsonscan.List(&s.Scanner, &p.Events, s.event)
		}
		return false
	})
}

func (s *scan) number(n *ParcelNumber) bool {
	return s.Object(func(key []byte) bool {
		switch string(key) {
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
	return s.Object(func(key []byte) bool {
		switch string(key) {
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
	return s.Object(func(key []byte) bool {
		switch string(key) {
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
