package order

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/orderwatch/orderwatch/shared/order/ordertest"
)

// TestLimitsFileIsCurrent fails while the extension's copy of the limits is stale: run
// `go generate ./shared/order` after changing limits.go.
func TestLimitsFileIsCurrent(t *testing.T) {
	const path = "../../extension/src/shared/limits.gen.ts"
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != LimitsTS() {
		t.Errorf("%s differs from LimitsTS(): run `go generate ./shared/order`", path)
	}
}

// TestFieldLimitsCoverTheOrderType: every string field and every list of the Order type has
// one entry in the tables, and every entry names a real field.
func TestFieldLimitsCoverTheOrderType(t *testing.T) {
	var strs, lists []string
	var walkType func(ty reflect.Type, path string)
	walkType = func(ty reflect.Type, path string) {
		for i := range ty.NumField() {
			f := ty.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			p := name
			if path != "" {
				p = path + "." + name
			}
			switch {
			case f.Type.Kind() == reflect.String:
				strs = append(strs, p)
			case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
				lists = append(lists, p)
				strs = append(strs, p+"[]")
			case f.Type.Kind() == reflect.Slice:
				lists = append(lists, p)
				walkType(f.Type.Elem(), p+"[]")
			case f.Type.Kind() == reflect.Struct && f.Type != timeType:
				walkType(f.Type, p)
			}
		}
	}
	walkType(reflect.TypeFor[Order](), "")
	// Checked by form, not by length: the order number, the two-letter country, the role.
	strs = slices.DeleteFunc(strs, func(p string) bool {
		return p == "order_id" || p == "buyer.country" || p == "parcels[].numbers[].role"
	})
	names := func(t []FieldLimit) (out []string) {
		for _, l := range t {
			out = append(out, l.Field)
		}
		return out
	}
	slices.Sort(strs)
	slices.Sort(lists)
	if got := slices.Sorted(slices.Values(names(FieldLimits))); !slices.Equal(got, strs) {
		t.Errorf("FieldLimits names %v,\nthe Order type has string fields %v", got, strs)
	}
	if got := slices.Sorted(slices.Values(names(CountLimits))); !slices.Equal(got, lists) {
		t.Errorf("CountLimits names %v,\nthe Order type has lists %v", got, lists)
	}
}

// TestDecodeEnforcesEachLimit: for every entry of the tables, exactly the limit passes Decode
// (in characters of a script that takes 2 to 4 bytes each), one more is refused naming the field.
func TestDecodeEnforcesEachLimit(t *testing.T) {
	decode := func(m map[string]any) error {
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Decode(b)
		return err
	}
	for _, l := range FieldLimits {
		for _, script := range ordertest.Scripts {
			m := ordertest.Base()
			ordertest.Set(m, l.Field, ordertest.Runes(script, l.Max))
			if err := decode(m); err != nil {
				t.Errorf("%s: %d %s characters refused: %v", l.Field, l.Max, script, err)
			}
			ordertest.Set(m, l.Field, ordertest.Runes(script, l.Max+1))
			if err := decode(m); err == nil || !strings.Contains(err.Error(), ordertest.Field(l.Field)+":") {
				t.Errorf("%s: %d %s characters: err = %v, want one naming %s", l.Field, l.Max+1, script, err, ordertest.Field(l.Field))
			}
		}
	}
	for _, l := range CountLimits {
		m := ordertest.Base()
		ordertest.Fill(m, l.Field, l.Max)
		if err := decode(m); err != nil {
			t.Errorf("%s: %d entries refused: %v", l.Field, l.Max, err)
		}
		ordertest.Fill(m, l.Field, l.Max+1)
		want := strings.TrimPrefix(strings.ReplaceAll("."+l.Field, "[].", "[0]."), ".") + ":"
		if err := decode(m); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %d entries: err = %v, want one naming %s", l.Field, l.Max+1, err, want)
		}
	}
}

// TestDecodeEnforcesTheRanges: a quantity up to MaxQuantity and days left within
// ±MaxProtectionDays pass; one more is refused naming the field.
func TestDecodeEnforcesTheRanges(t *testing.T) {
	for _, c := range []struct {
		path string
		ok   []int
		bad  []int
	}{
		{"items[].quantity", []int{0, MaxQuantity}, []int{-1, MaxQuantity + 1}},
		{"protection.days_left", []int{-MaxProtectionDays, 0, MaxProtectionDays}, []int{-MaxProtectionDays - 1, MaxProtectionDays + 1}},
	} {
		for _, v := range append(c.ok, c.bad...) {
			m := ordertest.Base()
			ordertest.Set(m, c.path, v)
			b, _ := json.Marshal(m)
			_, err := Decode(b)
			want := slices.Contains(c.ok, v)
			if want && err != nil {
				t.Errorf("%s = %d refused: %v", c.path, v, err)
			}
			if !want && (err == nil || !strings.Contains(err.Error(), ordertest.Field(c.path)+":")) {
				t.Errorf("%s = %d: err = %v, want one naming the field", c.path, v, err)
			}
		}
	}
}

// TestLongScriptsDecode: the order with long Cyrillic, Chinese and Hebrew fields that the
// server and the extension tests share (testdata/long_scripts.json) decodes whole. Each of its
// long fields is within its limit in characters but over it in bytes, the unit the core
// counted in before one table.
func TestLongScriptsDecode(t *testing.T) {
	b, err := os.ReadFile("testdata/long_scripts.json")
	if err != nil {
		t.Fatal(err)
	}
	o, err := Decode(b)
	if err != nil {
		t.Fatalf("Decode(long_scripts.json): %v", err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	back, _ := json.Marshal(o)
	var again map[string]any
	if err := json.Unmarshal(back, &again); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(raw, again) {
		t.Errorf("Decode changed the order:\n got %s", back)
	}
	over := 0
	for _, s := range []string{o.Store, o.Items[0].SKU, o.Items[1].Title, o.Parcels[0].Events[1].Location, o.Parcels[0].Events[2].Text, o.Parcels[0].Events[2].Location} {
		if len(s) > MaxName && utf8.RuneCountInString(s) <= MaxText {
			over++
		}
	}
	if over != 6 {
		t.Errorf("%d of the 6 long fields are over their limit in bytes; the fixture no longer tests characters", over)
	}
}
