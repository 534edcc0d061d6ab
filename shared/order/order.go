// Package order is the one documented JSON shape of an AliExpress order as OrderWatch knows
// it. The extension builds it from the page and the tracking JSON, the server stores it, and
// the command line and the WebAssembly module read it. See testdata/example.json for a full
// example; every field except order_id is optional. Decode reads it strictly and names the
// field of any problem.
//
//	{
//	  "order_id": "8214937669763641",          // 14–19 digits
//	  "order_date": "2026-02-21",              // date or RFC 3339 time
//	  "store": "Example Store",
//	  "status_text": "Awaiting delivery",      // AliExpress's order status as shown
//	  "shipping_method": "AliExpress Standard Shipping",
//	  "total": "US $12.34",
//	  "items": [{"title": "…", "quantity": 2, "price": "US $6.17", "product_id": "1005…", "sku": "Red"}],
//	  "protection": {"ends_at": "2026-04-12T00:00:00Z", "days_left": 12, "text": "…"},
//	  "parcels": [{
//	    "shipping_method": "AliExpress Standard Shipping",
//	    "numbers": [{"number": "LP00123456789012", "carrier": "Cainiao", "role": "origin"},
//	                {"number": "RB123456785GB", "carrier": "Royal Mail", "role": "last_mile"}],
//	    "events": [{"time": "2026-02-23T10:05:00+08:00", "text": "Accepted by carrier",
//	                "location": "Shenzhen", "carrier": "Cainiao", "code": "GTMS_ACCEPT",
//	                "lang": "en", "number": "LP00123456789012"}],
//	    "eta": {"earliest": "2026-03-10", "latest": "2026-03-18", "text": "Mar. 18"}
//	  }],
//	  "promise": {"refund_by": "2026-04-30", "texts": ["Refund if no delivery before Apr 30, 2026"]},
//	  "buyer": {"received": false, "dispute_opened": false, "country": "GB", "city": "Leeds", "lang": "en",
//	            "seller_asked_at": "2026-03-20T09:00:00Z", "seller_replied": false}
//	}
//
// The buyer's name, address and phone have no place here on purpose: they never leave the
// browser. The buyer's city stays in the browser too; the server drops it before storing.
package order

// Order is one AliExpress order with everything known about its parcels.
type Order struct {
	ID             string     `json:"order_id"`
	Date           Time       `json:"order_date,omitzero"`
	Store          string     `json:"store,omitempty"`
	StatusText     string     `json:"status_text,omitempty"`
	ShippingMethod string     `json:"shipping_method,omitempty"`
	Total          string     `json:"total,omitempty"`
	Items          []Item     `json:"items,omitempty"`
	Protection     Protection `json:"protection,omitzero"`
	Parcels        []Parcel   `json:"parcels,omitempty"`
	Buyer          BuyerFacts `json:"buyer,omitzero"`
	// Promise is what AliExpress itself guarantees about delivery (querydetail's
	// fastDeliveryInfoDTO): "Refund if no delivery before <date>".
	Promise Promise `json:"promise,omitzero"`
}

// Item is one order line.
type Item struct {
	Title     string `json:"title,omitempty"`
	Quantity  int    `json:"quantity,omitempty"`
	Price     string `json:"price,omitempty"`
	ProductID string `json:"product_id,omitempty"`
	SKU       string `json:"sku,omitempty"`
}

// Protection is Buyer Protection as the order page shows it; all fields are optional and the
// assessment estimates a deadline when none is given.
type Protection struct {
	EndsAt   Time   `json:"ends_at,omitzero"`
	DaysLeft *int   `json:"days_left,omitempty"` // as shown on the page, counted from when it was read
	ReadAt   Time   `json:"read_at,omitzero"`    // when days_left was read; defaults to "now"
	Text     string `json:"text,omitempty"`      // the page's own words, kept for the evidence trail
}

// Parcel is one package of an order. An order may ship in several.
type Parcel struct {
	ShippingMethod string         `json:"shipping_method,omitempty"`
	Numbers        []ParcelNumber `json:"numbers,omitempty"`
	Events         []Event        `json:"events,omitempty"`
	ETA            ParcelETA      `json:"eta,omitzero"` // AliExpress's own estimate, when the page gives one
}

// Number roles: the number the seller shipped with, and a new number a destination carrier
// may assign for the last mile.
const (
	RoleOrigin   = "origin"
	RoleLastMile = "last_mile"
)

// ParcelNumber is one tracking number of a parcel.
type ParcelNumber struct {
	Number  string `json:"number"`
	Carrier string `json:"carrier,omitempty"`
	Role    string `json:"role,omitempty"` // RoleOrigin (default) or RoleLastMile
}

// Event is one carrier checkpoint, raw as the carrier gave it.
type Event struct {
	Time     Time   `json:"time,omitzero"`
	Text     string `json:"text"`
	Location string `json:"location,omitempty"`
	Carrier  string `json:"carrier,omitempty"`
	Code     string `json:"code,omitempty"`
	Lang     string `json:"lang,omitempty"`
	Number   string `json:"number,omitempty"` // which tracking number reported it
}

// BuyerFacts is what the buyer tells OrderWatch.
type BuyerFacts struct {
	Received      *bool  `json:"received,omitempty"` // nil: not said; false: says not received
	DisputeOpened bool   `json:"dispute_opened,omitempty"`
	Country       string `json:"country,omitempty"` // ISO 3166-1 alpha-2
	City          string `json:"city,omitempty"`
	Lang          string `json:"lang,omitempty"` // language for advice texts
	// SellerAskedAt is when the buyer last wrote to the seller about a problem with this
	// order, and SellerReplied whether the seller has answered since; together they tell
	// whether the seller is not responding.
	SellerAskedAt Time `json:"seller_asked_at,omitzero"`
	SellerReplied bool `json:"seller_replied,omitempty"`
}
