package order

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/orderwatch/orderwatch/shared/jsonscan"
)

// Decode reads one order from its JSON, strictly: unknown fields, trailing data, over-long
// input and invalid values are errors that name the field, such as
// "order: parcels[1].events[3].time: …". Missing optional data is not an error.
func Decode(b []byte) (Order, error) {
	if len(b) > MaxBytes {
		return Order{}, fmt.Errorf("order: input is %d bytes, more than the %d allowed", len(b), MaxBytes)
	}
	return DecodeString(string(b))
}

// DecodeString is Decode of an order's JSON held in a string. The order's strings are
// substrings of s (no copies), so the order keeps s alive.
func DecodeString(s string) (Order, error) {
	if len(s) > MaxBytes {
		return Order{}, fmt.Errorf("order: input is %d bytes, more than the %d allowed", len(s), MaxBytes)
	}
	if len(strings.TrimSpace(s)) == 0 {
		return Order{}, errors.New("order: empty input, want a JSON object")
	}
	if o, ok := decodeFast(s); ok {
		if err := o.Validate(); err != nil {
			return Order{}, err
		}
		return o, nil
	}
	o, err := decodeGeneral([]byte(s))
	if err != nil {
		return Order{}, err
	}
	if err := o.Validate(); err != nil {
		return Order{}, err
	}
	return o, nil
}

// decodeGeneral reads any input with encoding/json: every case decodeFast leaves, and the
// errors, which it names by field.
func decodeGeneral(b []byte) (Order, error) {
	var o Order
	if off, err := jsonscan.DecodeOne(b, &o, jsonscan.Strict); errors.Is(err, jsonscan.ErrTrailing) {
		return Order{}, fmt.Errorf("order: unexpected data after the order object at byte %d", off)
	} else if err != nil {
		return Order{}, decodeError(b, err)
	}
	return o, nil
}

// decodeError turns a decoding error into one that names the field. encoding/json does not
// report array indexes (and not at all for errors from UnmarshalJSON methods), so the input is
// walked again generically against the Order type to find the first bad value.
func decodeError(b []byte, err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("order: invalid JSON at byte %d: %v", syn.Offset, syn)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("order: invalid JSON: unexpected end of input")
	}
	var raw any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if d.Decode(&raw) == nil {
		if perr := walk(raw, reflect.TypeFor[Order](), ""); perr != nil {
			return fmt.Errorf("order: %w", perr)
		}
	}
	return fmt.Errorf("order: %w", err)
}

var timeType = reflect.TypeFor[Time]()

// walk checks the generic JSON value v against type t and returns the first mismatch with
// its path.
func walk(v any, t reflect.Type, path string) error {
	name := path
	if name == "" {
		name = "order"
	}
	if t == timeType {
		enc, _ := json.Marshal(v)
		var tm Time
		if err := tm.UnmarshalJSON(enc); err != nil {
			return fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "order: "))
		}
		return nil
	}
	if v == nil {
		return nil // null leaves the zero value
	}
	switch t.Kind() {
	case reflect.Pointer:
		return walk(v, t.Elem(), path)
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want an object, got %s", name, jsonKind(v))
		}
		fields := map[string]reflect.StructField{}
		for i := range t.NumField() {
			f := t.Field(i)
			tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if tag != "" && tag != "-" {
				fields[tag] = f
			}
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sortStrings(keys)
		for _, k := range keys {
			f, ok := fields[k]
			if !ok {
				return fmt.Errorf("%s: unknown field %q", join(path, k), k)
			}
			if err := walk(obj[k], f.Type, join(path, k)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s: want an array, got %s", name, jsonKind(v))
		}
		for i, e := range arr {
			if err := walk(e, t.Elem(), name+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			return fmt.Errorf("%s: want a string, got %s", name, jsonKind(v))
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("%s: want true or false, got %s", name, jsonKind(v))
		}
	case reflect.Int:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%s: want a whole number, got %s", name, jsonKind(v))
		}
		if _, err := strconv.ParseInt(string(n), 10, 32); err != nil {
			return fmt.Errorf("%s: want a whole number, got %s", name, n)
		}
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	}
	return "null"
}

// sortStrings is a small insertion sort: objects here have few keys, and it keeps the walk
// deterministic so the same input always reports the same field.
func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// FieldError is a validation error that names the field it is about.
type FieldError struct {
	Field string // "parcels[1].events[3].time"
	Msg   string
}

func (e *FieldError) Error() string { return "order: " + e.Field + ": " + e.Msg }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Validate checks the values Decode cannot check by type: the order id, lengths, counts,
// roles and codes. The first problem is returned.
func (o Order) Validate() error {
	if err := ValidID(o.ID); err != nil {
		return fieldErr("order_id", "%v", err)
	}
	for _, s := range []struct {
		field, v string
		max      int
	}{
		{"store", o.Store, MaxName},
		{"status_text", o.StatusText, MaxName},
		{"shipping_method", o.ShippingMethod, MaxName},
		{"total", o.Total, MaxPrice},
		{"protection.text", o.Protection.Text, MaxText},
		{"buyer.city", o.Buyer.City, MaxName},
		{"buyer.lang", o.Buyer.Lang, MaxLang},
	} {
		if err := checkText(s.field, s.v, s.max); err != nil {
			return err
		}
	}
	if c := o.Buyer.Country; c != "" && !isAlpha2(c) {
		return fieldErr("buyer.country", "%q is not a two-letter country code (ISO 3166-1 alpha-2)", c)
	}
	if d := o.Protection.DaysLeft; d != nil && (*d < -MaxProtectionDays || *d > MaxProtectionDays) {
		return fieldErr("protection.days_left", "%d is not a plausible number of days", *d)
	}
	if len(o.Items) > MaxItems {
		return fieldErr("items", "%d items, more than the %d allowed", len(o.Items), MaxItems)
	}
	for i, it := range o.Items {
		if it.Quantity >= 0 && it.Quantity <= MaxQuantity && textOK(it.Title, MaxText) && textOK(it.Price, MaxPrice) && textOK(it.ProductID, MaxName) && textOK(it.SKU, MaxName) {
			continue // the field names below are built only for an error
		}
		f := fmt.Sprintf("items[%d]", i)
		for _, s := range []struct {
			field, v string
			max      int
		}{{".title", it.Title, MaxText}, {".price", it.Price, MaxPrice}, {".product_id", it.ProductID, MaxName}, {".sku", it.SKU, MaxName}} {
			if err := checkText(f+s.field, s.v, s.max); err != nil {
				return err
			}
		}
		if it.Quantity < 0 {
			return fieldErr(f+".quantity", "%d is negative", it.Quantity)
		}
		if it.Quantity > MaxQuantity {
			return fieldErr(f+".quantity", "%d, more than the %d allowed", it.Quantity, MaxQuantity)
		}
	}
	if err := o.Promise.validate(); err != nil {
		return err
	}
	if len(o.Parcels) > MaxParcels {
		return fieldErr("parcels", "%d parcels, more than the %d allowed", len(o.Parcels), MaxParcels)
	}
	for i, p := range o.Parcels {
		if err := p.validate(i); err != nil {
			return err
		}
	}
	return nil
}

// validate checks parcel i. Each check is made first without the field's name, which is
// built only for an error (a fmt.Sprintf per parcel was a good part of decoding an order).
func (p Parcel) validate(i int) error {
	f := func(field string) string { return fmt.Sprintf("parcels[%d]", i) + field }
	if !textOK(p.ShippingMethod, MaxName) {
		return checkText(f(".shipping_method"), p.ShippingMethod, MaxName)
	}
	if !p.ETA.valid() {
		return p.ETA.validate(f(".eta"))
	}
	if len(p.Numbers) > MaxNumbers {
		return fieldErr(f(".numbers"), "%d numbers, more than the %d allowed", len(p.Numbers), MaxNumbers)
	}
	for j, n := range p.Numbers {
		if strings.TrimSpace(n.Number) != "" && textOK(n.Number, MaxNumber) && textOK(n.Carrier, MaxName) &&
			(n.Role == "" || n.Role == RoleOrigin || n.Role == RoleLastMile) {
			continue
		}
		nf := f(fmt.Sprintf(".numbers[%d]", j))
		if strings.TrimSpace(n.Number) == "" {
			return fieldErr(nf+".number", "empty; a tracking number is required")
		}
		if err := checkText(nf+".number", n.Number, MaxNumber); err != nil {
			return err
		}
		if err := checkText(nf+".carrier", n.Carrier, MaxName); err != nil {
			return err
		}
		if n.Role != "" && n.Role != RoleOrigin && n.Role != RoleLastMile {
			return fieldErr(nf+".role", "%q is not a role (want %q or %q)", n.Role, RoleOrigin, RoleLastMile)
		}
	}
	if len(p.Events) > MaxEvents {
		return fieldErr(f(".events"), "%d events, more than the %d allowed", len(p.Events), MaxEvents)
	}
	for k, e := range p.Events {
		if eventOK(e) {
			continue
		}
		ef := f(fmt.Sprintf(".events[%d]", k))
		if strings.TrimSpace(e.Text) == "" && strings.TrimSpace(e.Code) == "" {
			return fieldErr(ef+".text", "empty; an event needs a text or a code")
		}
		for _, s := range []struct {
			field, v string
			max      int
		}{
			{".text", e.Text, MaxText}, {".location", e.Location, MaxName},
			{".carrier", e.Carrier, MaxName}, {".code", e.Code, MaxName},
			{".lang", e.Lang, MaxLang}, {".number", e.Number, MaxNumber},
		} {
			if err := checkText(ef+s.field, s.v, s.max); err != nil {
				return err
			}
		}
	}
	return nil
}

// textOK is checkText's test without the error: the common case builds no field name.
func textOK(s string, max int) bool { return RuneLen(s, max) && utf8.ValidString(s) }

// eventOK holds when validate would find nothing wrong with e.
func eventOK(e Event) bool {
	return (strings.TrimSpace(e.Text) != "" || strings.TrimSpace(e.Code) != "") &&
		textOK(e.Text, MaxText) && textOK(e.Location, MaxName) && textOK(e.Carrier, MaxName) &&
		textOK(e.Code, MaxName) && textOK(e.Lang, MaxLang) && textOK(e.Number, MaxNumber)
}

// checkText checks a string field against its limit in characters (limits.go).
func checkText(field, s string, max int) error {
	if !utf8.ValidString(s) {
		return fieldErr(field, "not valid UTF-8")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fieldErr(field, "%d characters, more than the %d allowed", n, max)
	}
	return nil
}

// ManualPrefix starts the id of an order the buyer added by hand from a tracking number.
const ManualPrefix = "manual-"

// ValidID reports why id is not an order id: AliExpress order numbers have 14 to 19 digits;
// hand-added orders are "manual-" followed by up to 64 letters, digits or dashes.
func ValidID(id string) error {
	if id == "" {
		return errors.New("missing; an order needs its AliExpress order number")
	}
	if rest, ok := strings.CutPrefix(id, ManualPrefix); ok {
		if rest == "" || len(rest) > 64 {
			return fmt.Errorf("%q: a manual id needs 1 to 64 characters after %q", clip(id), ManualPrefix)
		}
		for _, r := range rest {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return fmt.Errorf("%q: a manual id may hold only letters, digits and dashes", clip(id))
			}
		}
		return nil
	}
	if len(id) < 14 || len(id) > 19 {
		return fmt.Errorf("%q is not an AliExpress order number (14 to 19 digits) or %q id", clip(id), ManualPrefix+"…")
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return fmt.Errorf("%q is not an AliExpress order number: only digits are allowed", clip(id))
		}
	}
	return nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func isAlpha2(s string) bool {
	return len(s) == 2 && isLetter(s[0]) && isLetter(s[1])
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
