package server

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/orderwatch/orderwatch/shared/order"
)

// Limits on what a client may store that are not part of an order. An order's own limits
// (lengths in characters, counts of items, parcels, numbers and events) are the one table in
// shared/order/limits.go, which the core and the extension read too.
const (
	MaxLostValue     = 16384 // bytes of a conflict's lost value (may be a whole tracking object)
	MaxIDBytes       = 128   // mutation and device ids
	MaxPushMutations = 500
)

var (
	aliexpressOrderID = regexp.MustCompile(`^[0-9]{14,19}$`)
	trackingNumber    = regexp.MustCompile(`^[A-Za-z0-9-]{1,` + strconv.Itoa(order.MaxNumber) + `}$`)
	exponentNumber    = regexp.MustCompile(`[0-9][eE][+-]?[0-9]`)
	countryCode       = regexp.MustCompile(`^[A-Za-z]{2}$`)
	langTag           = regexp.MustCompile(`^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$`)
)

// ValidateOrderID accepts an AliExpress order number (14–19 digits) or a client-made id for
// a hand-added tracking number, "manual-" followed by a lower-case UUID.
func ValidateOrderID(id string) error {
	if aliexpressOrderID.MatchString(id) {
		return nil
	}
	if rest, ok := strings.CutPrefix(id, "manual-"); ok {
		if u, err := uuid.Parse(rest); err == nil && u.String() == rest {
			return nil
		}
	}
	return Errorf(EINVALID, "order_id must be an AliExpress order number (14-19 digits) or manual-<uuid>.")
}

// ValidateClientID checks a mutation or device id: 1–128 printable ASCII characters.
func ValidateClientID(name, id string) error {
	if id == "" || len(id) > MaxIDBytes {
		return Errorf(EINVALID, "%s must be 1-%d characters.", name, MaxIDBytes)
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return Errorf(EINVALID, "%s must be printable ASCII without spaces.", name)
		}
	}
	return nil
}

// ValidateText checks free text: valid UTF-8, at most max characters (code points, the unit
// of the limits table), no control characters other than tab and newline, no bidirectional
// overrides (which can disguise text).
func ValidateText(name, s string, max int) error {
	if !utf8.ValidString(s) {
		return Errorf(EINVALID, "%s is not valid UTF-8.", name)
	}
	if !order.RuneLen(s, max) {
		return Errorf(EINVALID, "%s is longer than %d characters.", name, max)
	}
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) || isBidiControl(r) {
			return Errorf(EINVALID, "%s contains a control character (U+%04X).", name, r)
		}
	}
	return nil
}

func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

// ValidateNote checks the user's note.
func ValidateNote(s string) error { return ValidateText("note", s, order.MaxNote) }

// ValidateConflict checks one conflict entry a client reports.
func ValidateConflict(c Conflict) error {
	switch c.Field {
	case FieldOrder, FieldReceived, FieldDisputeOpened, FieldArchived, FieldNote:
	default:
		return Errorf(EINVALID, "conflicts[].field must be one of %s.", strings.Join(MergeableFields, ", "))
	}
	if len(c.LostValue) > MaxLostValue {
		return Errorf(EINVALID, "conflicts[].lost_value is longer than %d bytes.", MaxLostValue)
	}
	if err := ValidateText("conflicts[].lost_value", c.LostValue, MaxLostValue); err != nil {
		return err
	}
	if c.DeviceID != "" {
		if err := ValidateClientID("conflicts[].device_id", c.DeviceID); err != nil {
			return err
		}
	}
	return validateYear("conflicts[].at", c.At, true)
}

// validateYear rejects times outside 2000–2100: no order or parcel event lies there, and
// year 1 or 9999 are the tell-tales of a broken client.
func validateYear(name string, t time.Time, required bool) error {
	if t.IsZero() {
		if required {
			return Errorf(EINVALID, "%s is required.", name)
		}
		return nil
	}
	if y := t.Year(); y < 2000 || y > 2100 {
		return Errorf(EINVALID, "%s has year %d, outside 2000-2100.", name, y)
	}
	return nil
}

// ValidatePrice accepts a price as the page shows it ("US $12.34", "€ 1.234,56") and refuses
// negative amounts and exponents.
func ValidatePrice(name, s string) error {
	if s == "" {
		return nil
	}
	if err := ValidateText(name, s, order.MaxPrice); err != nil {
		return err
	}
	if strings.ContainsAny(s, "-−") || exponentNumber.MatchString(s) || !strings.ContainsAny(s, "0123456789") {
		return Errorf(EINVALID, "%s %q is not a price.", name, s)
	}
	return nil
}

// CleanOrder validates the tracking data of order orderID against the limits table
// (shared/order/limits.go) and the server's own rules (no control characters, plausible years,
// prices, tracking numbers of letters, digits and dashes), and strips what the server must not
// keep: the buyer's city never reaches storage.
func CleanOrder(orderID string, o *order.Order) error {
	if o.ID == "" {
		o.ID = orderID
	} else if o.ID != orderID {
		return Errorf(EINVALID, "order.order_id %q differs from the record's order_id.", o.ID)
	}
	o.Buyer.City = ""
	type text struct {
		name, v string
		max     int
	}
	check := func(texts ...text) error {
		for _, t := range texts {
			if err := ValidateText(t.name, t.v, t.max); err != nil {
				return err
			}
		}
		return nil
	}
	if err := check(text{"order.store", o.Store, order.MaxName}, text{"order.status_text", o.StatusText, order.MaxName},
		text{"order.shipping_method", o.ShippingMethod, order.MaxName}, text{"order.protection.text", o.Protection.Text, order.MaxText}); err != nil {
		return err
	}
	if err := ValidatePrice("order.total", o.Total); err != nil {
		return err
	}
	for _, t := range []struct {
		name string
		v    order.Time
	}{{"order.order_date", o.Date}, {"order.protection.ends_at", o.Protection.EndsAt}, {"order.protection.read_at", o.Protection.ReadAt},
		{"order.promise.refund_by", o.Promise.RefundBy}, {"order.promise.coupon_by", o.Promise.CouponBy}} {
		if err := validateYear(t.name, t.v.Time, false); err != nil {
			return err
		}
	}
	if d := o.Protection.DaysLeft; d != nil && (*d < -order.MaxProtectionDays || *d > order.MaxProtectionDays) {
		return Errorf(EINVALID, "order.protection.days_left is out of range.")
	}
	if len(o.Items) > order.MaxItems {
		return Errorf(EINVALID, "order.items has more than %d entries.", order.MaxItems)
	}
	for _, it := range o.Items {
		if err := check(text{"order.items[].title", it.Title, order.MaxText}, text{"order.items[].product_id", it.ProductID, order.MaxName},
			text{"order.items[].sku", it.SKU, order.MaxName}); err != nil {
			return err
		}
		if err := ValidatePrice("order.items[].price", it.Price); err != nil {
			return err
		}
		if it.Quantity < 0 || it.Quantity > order.MaxQuantity {
			return Errorf(EINVALID, "order.items[].quantity is out of range.")
		}
	}
	if len(o.Promise.Texts) > order.MaxPromiseTexts {
		return Errorf(EINVALID, "order.promise.texts has more than %d entries.", order.MaxPromiseTexts)
	}
	for _, pt := range o.Promise.Texts {
		if err := check(text{"order.promise.texts[]", pt, order.MaxName}); err != nil {
			return err
		}
	}
	if len(o.Parcels) > order.MaxParcels {
		return Errorf(EINVALID, "order.parcels has more than %d entries.", order.MaxParcels)
	}
	for _, p := range o.Parcels {
		if err := check(text{"order.parcels[].shipping_method", p.ShippingMethod, order.MaxName}, text{"order.parcels[].eta.text", p.ETA.Text, order.MaxName}); err != nil {
			return err
		}
		for _, t := range []struct {
			name string
			v    order.Time
		}{{"order.parcels[].eta.earliest", p.ETA.Earliest}, {"order.parcels[].eta.latest", p.ETA.Latest}} {
			if err := validateYear(t.name, t.v.Time, false); err != nil {
				return err
			}
		}
		if len(p.Numbers) > order.MaxNumbers {
			return Errorf(EINVALID, "order.parcels[].numbers has more than %d entries.", order.MaxNumbers)
		}
		for _, n := range p.Numbers {
			if !trackingNumber.MatchString(n.Number) {
				return Errorf(EINVALID, "order.parcels[].numbers[].number must be 1-%d letters, digits or dashes.", order.MaxNumber)
			}
			if err := check(text{"order.parcels[].numbers[].carrier", n.Carrier, order.MaxName}); err != nil {
				return err
			}
			if n.Role != "" && n.Role != order.RoleOrigin && n.Role != order.RoleLastMile {
				return Errorf(EINVALID, "order.parcels[].numbers[].role must be %q or %q.", order.RoleOrigin, order.RoleLastMile)
			}
		}
		if len(p.Events) > order.MaxEvents {
			return Errorf(EINVALID, "order.parcels[].events has more than %d entries.", order.MaxEvents)
		}
		for _, e := range p.Events {
			if err := validateYear("order.parcels[].events[].time", e.Time.Time, false); err != nil {
				return err
			}
			if err := check(text{"order.parcels[].events[].text", e.Text, order.MaxText}, text{"order.parcels[].events[].location", e.Location, order.MaxName},
				text{"order.parcels[].events[].carrier", e.Carrier, order.MaxName}, text{"order.parcels[].events[].code", e.Code, order.MaxName},
				text{"order.parcels[].events[].lang", e.Lang, order.MaxLang}); err != nil {
				return err
			}
			if e.Number != "" && !trackingNumber.MatchString(e.Number) {
				return Errorf(EINVALID, "order.parcels[].events[].number must be 1-%d letters, digits or dashes.", order.MaxNumber)
			}
		}
	}
	if c := o.Buyer.Country; c != "" && !countryCode.MatchString(c) {
		return Errorf(EINVALID, "order.buyer.country must be an ISO 3166-1 alpha-2 code.")
	}
	if err := check(text{"order.buyer.lang", o.Buyer.Lang, order.MaxLang}); err != nil {
		return err
	}
	if l := o.Buyer.Lang; l != "" && !langTag.MatchString(l) {
		return Errorf(EINVALID, "order.buyer.lang must be a language tag.")
	}
	return nil
}
