package server_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/orderwatch/orderwatch/server"
	"github.com/orderwatch/orderwatch/shared/order"
	"github.com/orderwatch/orderwatch/shared/order/ordertest"
)

// valueOf is n characters the server's own rules accept for the field at path: tracking
// numbers are letters, digits and dashes, a buyer's language a tag, a price holds a digit.
func valueOf(path, script string, n int) string {
	switch {
	case strings.HasSuffix(path, ".number"):
		return strings.Repeat("A", n)
	case path == "buyer.lang":
		var b strings.Builder
		b.WriteString("en")
		for b.Len() < n {
			b.WriteString("-abcdefg")
		}
		s := b.String()[:n]
		return strings.TrimSuffix(s[:n-1], "-") + "x"
	case path == "total" || strings.HasSuffix(path, ".price"):
		return "1" + ordertest.Runes(script, n-1)
	}
	return ordertest.Runes(script, n)
}

func clean(t *testing.T, m map[string]any) error {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var o order.Order
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	return server.CleanOrder(o.ID, &o)
}

// TestCleanOrderFollowsTheLimitsTable: for every entry of shared/order's limits table, the
// server accepts exactly the limit in characters of any script and refuses one more, naming
// the field; the same for the counts.
func TestCleanOrderFollowsTheLimitsTable(t *testing.T) {
	for _, l := range order.FieldLimits {
		for _, script := range ordertest.Scripts {
			m := ordertest.Base()
			ordertest.Set(m, l.Field, valueOf(l.Field, script, l.Max))
			if err := clean(t, m); err != nil {
				t.Errorf("%s: %d %s characters refused: %v", l.Field, l.Max, script, err)
			}
			ordertest.Set(m, l.Field, valueOf(l.Field, script, l.Max+1))
			err := clean(t, m)
			if l.Field == "buyer.city" {
				// The city is dropped before any check: it never reaches storage.
				if err != nil {
					t.Errorf("buyer.city: %v", err)
				}
				continue
			}
			if err == nil || !strings.Contains(err.Error(), "order."+l.Field+" ") {
				t.Errorf("%s: %d %s characters: err = %v, want one naming order.%s", l.Field, l.Max+1, script, err, l.Field)
			}
		}
	}
	for _, l := range order.CountLimits {
		m := ordertest.Base()
		ordertest.Fill(m, l.Field, l.Max)
		if err := clean(t, m); err != nil {
			t.Errorf("%s: %d entries refused: %v", l.Field, l.Max, err)
		}
		ordertest.Fill(m, l.Field, l.Max+1)
		if err := clean(t, m); err == nil || !strings.Contains(err.Error(), "order."+l.Field+" has more than") {
			t.Errorf("%s: %d entries: err = %v", l.Field, l.Max+1, err)
		}
	}
	for _, c := range []struct {
		path string
		ok   []int
		bad  []int
	}{
		{"items[].quantity", []int{0, order.MaxQuantity}, []int{-1, order.MaxQuantity + 1}},
		{"protection.days_left", []int{-order.MaxProtectionDays, order.MaxProtectionDays}, []int{-order.MaxProtectionDays - 1, order.MaxProtectionDays + 1}},
	} {
		for _, v := range append(c.ok, c.bad...) {
			m := ordertest.Base()
			ordertest.Set(m, c.path, v)
			err := clean(t, m)
			if want := v == c.ok[0] || v == c.ok[len(c.ok)-1]; want != (err == nil) {
				t.Errorf("%s = %d: err = %v", c.path, v, err)
			}
		}
	}
	long := strings.Repeat("ж", order.MaxNote)
	if err := server.ValidateNote(long); err != nil {
		t.Errorf("a note of %d Cyrillic characters: %v", order.MaxNote, err)
	}
	if err := server.ValidateNote(long + "ж"); err == nil {
		t.Errorf("a note of %d characters passed", order.MaxNote+1)
	}
}
