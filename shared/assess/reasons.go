package assess

import "github.com/orderwatch/orderwatch/shared/advice"

// ReasonCode names one reason an assessment gives. Its text is "reasons.<code>" in every
// language's texts (shared/advice/texts/<lang>.json); TestReasonTexts fails when one lacks it.
//
// To add a reason: add a constant here, add it to ReasonCodes, and write its text in every
// language.
type ReasonCode string

// The reasons, grouped by what they are about.
const (
	// The order itself.
	ReasonNotPaid     ReasonCode = "not_paid"
	ReasonClosed      ReasonCode = "closed"
	ReasonCompleted   ReasonCode = "completed"
	ReasonReceived    ReasonCode = "received"
	ReasonDisputeOpen ReasonCode = "dispute_open"

	// Not shipped yet, or no usable number.
	ReasonProcessingNormal ReasonCode = "processing_normal"
	ReasonProcessingLong   ReasonCode = "processing_long"
	ReasonNoTrackingNumber ReasonCode = "no_tracking_number"
	ReasonInvalidNumber    ReasonCode = "invalid_number"
	ReasonNoEvents         ReasonCode = "no_events"

	// Stages and their silences.
	ReasonLabelNormal         ReasonCode = "label_normal"
	ReasonNoAcceptanceScan    ReasonCode = "no_acceptance_scan"
	ReasonOriginNormal        ReasonCode = "origin_normal"
	ReasonOriginSlow          ReasonCode = "origin_slow"
	ReasonInternationalNormal ReasonCode = "international_normal"
	ReasonCustomsNormal       ReasonCode = "customs_normal"
	ReasonCustomsSlow         ReasonCode = "customs_slow"
	ReasonDestinationLocal    ReasonCode = "destination_local"
	ReasonDestinationSlow     ReasonCode = "destination_slow"
	ReasonLastMile            ReasonCode = "last_mile"
	ReasonStatusUnknown       ReasonCode = "status_unknown"
	ReasonSilentLong          ReasonCode = "silent_long"
	ReasonOverdue             ReasonCode = "overdue"
	ReasonOverdueLong         ReasonCode = "overdue_long"

	// Statuses that end the journey or need the buyer.
	ReasonCustomsHeld          ReasonCode = "customs_held"
	ReasonPickupWaiting        ReasonCode = "pickup_waiting"
	ReasonDeliveryFailed       ReasonCode = "delivery_failed"
	ReasonDelivered            ReasonCode = "delivered"
	ReasonDeliveredNotReceived ReasonCode = "delivered_not_received"
	ReasonReturning            ReasonCode = "returning"
	ReasonReturned             ReasonCode = "returned"
	ReasonException            ReasonCode = "exception"

	// Where the parcel is shown.
	ReasonWrongCountry ReasonCode = "wrong_country"
	ReasonWrongCity    ReasonCode = "wrong_city"

	// Buyer Protection, the seller, the method.
	ReasonProtectionWarning        ReasonCode = "protection_warning"
	ReasonProtectionExpired        ReasonCode = "protection_expired"
	ReasonProtectionBeforeDelivery ReasonCode = "protection_before_delivery"
	ReasonSellerSilent             ReasonCode = "seller_silent"
	ReasonUnknownMethod            ReasonCode = "unknown_method"

	// The arrival window and AliExpress's own delivery promise (eta.go).
	ReasonETAPassed        ReasonCode = "eta_passed"
	ReasonRefundDateNear   ReasonCode = "refund_date_near"
	ReasonRefundDatePassed ReasonCode = "refund_date_passed"
)

// ReasonCodes lists every reason, for the checks of the texts. At most 64 (reasonSet is a
// bit set).
var ReasonCodes = []ReasonCode{
	ReasonNotPaid, ReasonClosed, ReasonCompleted, ReasonReceived, ReasonDisputeOpen,
	ReasonProcessingNormal, ReasonProcessingLong, ReasonNoTrackingNumber, ReasonInvalidNumber, ReasonNoEvents,
	ReasonLabelNormal, ReasonNoAcceptanceScan, ReasonOriginNormal, ReasonOriginSlow, ReasonInternationalNormal,
	ReasonCustomsNormal, ReasonCustomsSlow, ReasonDestinationLocal, ReasonDestinationSlow, ReasonLastMile,
	ReasonStatusUnknown, ReasonSilentLong, ReasonOverdue, ReasonOverdueLong,
	ReasonCustomsHeld, ReasonPickupWaiting, ReasonDeliveryFailed, ReasonDelivered, ReasonDeliveredNotReceived,
	ReasonReturning, ReasonReturned, ReasonException,
	ReasonWrongCountry, ReasonWrongCity,
	ReasonProtectionWarning, ReasonProtectionExpired, ReasonProtectionBeforeDelivery, ReasonSellerSilent, ReasonUnknownMethod,
	ReasonETAPassed, ReasonRefundDateNear, ReasonRefundDatePassed,
}

// TextKey is the key of the reason's text in the catalogs.
func (c ReasonCode) TextKey() string { return "reasons." + string(c) }

// Text renders the reason in a language with the facts.
func (c ReasonCode) Text(cat *advice.Catalog, f *advice.Facts) string {
	return cat.Text(c.TextKey(), f)
}

// reasonBit numbers the reasons for reasonSet.
var reasonBit = func() map[ReasonCode]uint {
	if len(ReasonCodes) > 64 {
		panic("assess: more than 64 reason codes; widen reasonSet")
	}
	m := make(map[ReasonCode]uint, len(ReasonCodes))
	for i, c := range ReasonCodes {
		m[c] = uint(i)
	}
	return m
}()

// reasonSet is a set of reasons: what has been found so far about one parcel (or the
// order), for rules that depend on an earlier finding.
type reasonSet uint64

func reasonsOf(cs ...ReasonCode) reasonSet {
	var s reasonSet
	for _, c := range cs {
		s = s.with(c)
	}
	return s
}

// with adds c to the set. A code missing from ReasonCodes (TestReasonCodesListed fails on
// one) is not recorded rather than stopping the assessment.
func (s reasonSet) with(c ReasonCode) reasonSet {
	b, ok := reasonBit[c]
	if !ok {
		return s
	}
	return s | 1<<b
}

// hasAny reports whether s holds any reason of t.
func (s reasonSet) hasAny(t reasonSet) bool { return s&t != 0 }

// protectionReasons are about Buyer Protection itself: when one leads, the summary does not
// repeat the deadline.
var protectionReasons = reasonsOf(ReasonProtectionWarning, ReasonProtectionExpired, ReasonProtectionBeforeDelivery)

// localSaid are the findings after which pointing the buyer to the local carrier is not
// needed again: it was said, or the parcel is not in the buyer's country at all.
var localSaid = reasonsOf(ReasonDestinationLocal, ReasonWrongCountry)
