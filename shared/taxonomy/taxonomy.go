// Package taxonomy defines the status vocabulary every part of OrderWatch speaks: order-level
// statuses read from AliExpress, parcel-level statuses derived from carrier events, and the
// matching 17TRACK and AfterShip codes so results can be compared with other trackers.
//
// It holds names and facts only; the judging lives in classify, assess and advice.
package taxonomy

// ParcelStatus is the status of one carrier event, and of a parcel (from its history).
type ParcelStatus string

// The parcel statuses, in roughly the order a healthy parcel passes through them.
const (
	InfoReceived       ParcelStatus = "info_received"
	Accepted           ParcelStatus = "accepted"
	InTransit          ParcelStatus = "in_transit"
	DepartedOrigin     ParcelStatus = "departed_origin"
	ArrivedTransit     ParcelStatus = "arrived_transit"
	ArrivedDestination ParcelStatus = "arrived_destination"
	Customs            ParcelStatus = "customs"
	CustomsHeld        ParcelStatus = "customs_held"
	OutForDelivery     ParcelStatus = "out_for_delivery"
	PickupReady        ParcelStatus = "pickup_ready"
	DeliveryFailed     ParcelStatus = "delivery_failed"
	Delivered          ParcelStatus = "delivered"
	Returning          ParcelStatus = "returning"
	Returned           ParcelStatus = "returned"
	Exception          ParcelStatus = "exception"
	Unknown            ParcelStatus = "unknown"
)

// ParcelStatuses lists every parcel status in taxonomy order.
var ParcelStatuses = []ParcelStatus{
	InfoReceived, Accepted, InTransit, DepartedOrigin, ArrivedTransit, ArrivedDestination,
	Customs, CustomsHeld, OutForDelivery, PickupReady, DeliveryFailed, Delivered,
	Returning, Returned, Exception, Unknown,
}

// Valid reports whether s is one of the taxonomy's parcel statuses.
func (s ParcelStatus) Valid() bool {
	for _, v := range ParcelStatuses {
		if v == s {
			return true
		}
	}
	return false
}

// Terminal reports whether a parcel in status s has finished its journey, so that later
// unrelated scans must not undo it.
func (s ParcelStatus) Terminal() bool { return s == Delivered || s == Returned }

// OrderStatus is AliExpress's order-level status, normalised.
type OrderStatus string

// The order statuses of shared/DESIGN.md §2.
const (
	AwaitingPayment OrderStatus = "awaiting_payment"
	Processing      OrderStatus = "processing"
	Shipped         OrderStatus = "shipped"
	Completed       OrderStatus = "completed"
	Closed          OrderStatus = "closed"
	InDispute       OrderStatus = "in_dispute"
	OrderUnknown    OrderStatus = "unknown"
)

// OrderStatuses lists every order status.
var OrderStatuses = []OrderStatus{AwaitingPayment, Processing, Shipped, Completed, Closed, InDispute, OrderUnknown}

// Valid reports whether s is one of the taxonomy's order statuses.
func (s OrderStatus) Valid() bool {
	for _, v := range OrderStatuses {
		if v == s {
			return true
		}
	}
	return false
}

// Verdict says whether a pause is fine, worth watching, or calls for action now.
type Verdict string

const (
	Normal Verdict = "normal"
	Watch  Verdict = "watch"
	Act    Verdict = "act"
)

// VendorCodes are the closest 17TRACK and AfterShip codes for a status and reason.
type VendorCodes struct {
	SeventeenTrack string
	AfterShip      string
}
