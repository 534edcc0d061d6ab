package server

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/orderwatch/orderwatch/shared/order"
)

// Limits on what a client may store. They keep one record well under the push body limit
// and stop a client from filling the database with one order.
const (
	MaxNoteRunes     = 4000
	MaxTextBytes     = 2000  // titles, event texts, store names …
	MaxLostValue     = 16384 // a conflict's lost value (may be a whole tracking object)
	MaxItems         = 500
	MaxParcels       = 50
	MaxNumbers       = 20 // per parcel
	MaxEvents        = 2000
	MaxIDBytes       = 128 // mutation and device ids
	MaxPushMutations = 500
)

var (
	aliexpressOrderID = regexp.MustCompile(`^[0-9]{14,19}$`)
	trackingNumber    = regexp.MustCompile(`^[A-Za-z0-9-]{1,64}$`)
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

// ValidateText checks free text: valid UTF-8, at most max bytes, no control characters
// other than tab and newline, no bidirectional overrides (which can disguise text).
func ValidateText(name, s string, max int) error {
	if len(s) > max {
		return Errorf(EINVALID, "%s is longer than %d bytes.", name, max)
	}
	if !utf8.ValidString(s) {
		return Errorf(EINVALID, "%s is not valid UTF-8.", name)
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
func ValidateNote(s string) error {
	if err := ValidateText("note", s, 4*MaxNoteRunes); err != nil {
		return err
	}
	if utf8.RuneCountInString(s) > MaxNoteRunes {
		return Errorf(EINVALID, "note is longer than %d characters.", MaxNoteRunes)
	}
	return nil
}

// ValidateConflict checks one conflict entry a client reports.
func ValidateConflict(c Conflict) error {
	switch c.Field {
	case FieldOrder, FieldReceived, FieldDisputeOpened, FieldArchived, FieldNote:
	default:
		return Errorf(EINVALID, "conflicts[].field must be one of %s.", strings.Join(MergeableFields, ", "))
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
	if err := ValidateText(name, s, 64); err != nil {
		return err
	}
	if strings.ContainsAny(s, "-−") || exponentNumber.MatchString(s) || !strings.ContainsAny(s, "0123456789") {
		return Errorf(EINVALID, "%s %q is not a price.", name, s)
	}
	return nil
}

// CleanOrder validates the tracking data of order orderID and strips what the server must
// not keep: the buyer's city never reaches storage.
func CleanOrder(orderID string, o *order.Order) error {
	if o.ID == "" {
		o.ID = orderID
	} else if o.ID != orderID {
		return Errorf(EINVALID, "order.order_id %q differs from the record's order_id.", o.ID)
	}
	o.Buyer.City = ""
	texts := []struct{ name, v string }{
		{"order.store", o.Store}, {"order.status_text", o.StatusText},
		{"order.shipping_method", o.ShippingMethod}, {"order.protection.text", o.Protection.Text},
	}
	for _, t := range texts {
		if err := ValidateText(t.name, t.v, MaxTextBytes); err != nil {
			return err
		}
	}
	if err := ValidatePrice("order.total", o.Total); err != nil {
		return err
	}
	for _, t := range []struct {
		name string
		v    order.Time
	}{{"order.order_date", o.Date}, {"order.protection.ends_at", o.Protection.EndsAt}, {"order.protection.read_at", o.Protection.ReadAt}} {
		if err := validateYear(t.name, t.v.Time, false); err != nil {
			return err
		}
	}
	if d := o.Protection.DaysLeft; d != nil && (*d < -3650 || *d > 3650) {
		return Errorf(EINVALID, "order.protection.days_left is out of range.")
	}
	if len(o.Items) > MaxItems {
		return Errorf(EINVALID, "order.items has more than %d entries.", MaxItems)
	}
	for _, it := range o.Items {
		for _, t := range []struct{ name, v string }{{"order.items[].title", it.Title}, {"order.items[].product_id", it.ProductID}, {"order.items[].sku", it.SKU}} {
			if err := ValidateText(t.name, t.v, MaxTextBytes); err != nil {
				return err
			}
		}
		if err := ValidatePrice("order.items[].price", it.Price); err != nil {
			return err
		}
		if it.Quantity < 0 || it.Quantity > 100000 {
			return Errorf(EINVALID, "order.items[].quantity is out of range.")
		}
	}
	if len(o.Parcels) > MaxParcels {
		return Errorf(EINVALID, "order.parcels has more than %d entries.", MaxParcels)
	}
	for _, p := range o.Parcels {
		if err := ValidateText("order.parcels[].shipping_method", p.ShippingMethod, MaxTextBytes); err != nil {
			return err
		}
		if len(p.Numbers) > MaxNumbers {
			return Errorf(EINVALID, "order.parcels[].numbers has more than %d entries.", MaxNumbers)
		}
		for _, n := range p.Numbers {
			if !trackingNumber.MatchString(n.Number) {
				return Errorf(EINVALID, "order.parcels[].numbers[].number must be 1-64 letters, digits or dashes.")
			}
			if err := ValidateText("order.parcels[].numbers[].carrier", n.Carrier, 200); err != nil {
				return err
			}
			if n.Role != "" && n.Role != order.RoleOrigin && n.Role != order.RoleLastMile {
				return Errorf(EINVALID, "order.parcels[].numbers[].role must be %q or %q.", order.RoleOrigin, order.RoleLastMile)
			}
		}
		if len(p.Events) > MaxEvents {
			return Errorf(EINVALID, "order.parcels[].events has more than %d entries.", MaxEvents)
		}
		for _, e := range p.Events {
			if err := validateYear("order.parcels[].events[].time", e.Time.Time, false); err != nil {
				return err
			}
			for _, t := range []struct{ name, v string }{{"order.parcels[].events[].text", e.Text}, {"order.parcels[].events[].location", e.Location},
				{"order.parcels[].events[].carrier", e.Carrier}, {"order.parcels[].events[].code", e.Code}, {"order.parcels[].events[].lang", e.Lang}} {
				if err := ValidateText(t.name, t.v, MaxTextBytes); err != nil {
					return err
				}
			}
			if e.Number != "" && !trackingNumber.MatchString(e.Number) {
				return Errorf(EINVALID, "order.parcels[].events[].number must be 1-64 letters, digits or dashes.")
			}
		}
	}
	if c := o.Buyer.Country; c != "" && !countryCode.MatchString(c) {
		return Errorf(EINVALID, "order.buyer.country must be an ISO 3166-1 alpha-2 code.")
	}
	if l := o.Buyer.Lang; l != "" && !langTag.MatchString(l) {
		return Errorf(EINVALID, "order.buyer.lang must be a language tag.")
	}
	return nil
}
