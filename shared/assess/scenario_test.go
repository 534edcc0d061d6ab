package assess

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/order"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

var update = flag.Bool("update", false, "rewrite the scenario golden files from the current output")

// testNow is the clock of every scenario, so that the goldens do not age.
var testNow = time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)

func loadOrder(t testing.TB, path string) order.Order {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	o, err := order.Decode(b)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return o
}

// TestScenarios compares the assessment of every testdata/scenarios/<name>.json with
// <name>.golden.json. Run with -update to rewrite the goldens, then read the diff.
func TestScenarios(t *testing.T) {
	paths, err := filepath.Glob("testdata/scenarios/*.json")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range paths {
		if strings.HasSuffix(path, ".golden.json") {
			continue
		}
		n++
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		t.Run(name, func(t *testing.T) {
			a := Order(loadOrder(t, path), Options{Now: testNow})
			got, err := json.MarshalIndent(a, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(path, ".json") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("assessment mismatch (-want +got):\n%s", diff)
			}
		})
	}
	if n < 20 {
		t.Errorf("found %d scenarios, want at least 20", n)
	}
}

// TestScenarioJudgements states, independently of the goldens, what each scenario must
// conclude, so that regenerating the goldens cannot silently accept a wrong judgement.
func TestScenarioJudgements(t *testing.T) {
	tests := []struct {
		name      string
		verdict   taxonomy.Verdict
		situation advice.Situation // must be among the advice; "" when none is required
		reason    string           // must be among the reason codes; "" when not checked
		method    string
	}{
		{name: "method_standard_in_transit", verdict: taxonomy.Normal, method: "aliexpress_standard"},
		{name: "method_saver_long_silence", verdict: taxonomy.Normal, method: "aliexpress_saver"},
		{name: "method_premium_delivered", verdict: taxonomy.Normal, method: "aliexpress_premium", reason: "completed"},
		{name: "method_epacket_out_for_delivery", verdict: taxonomy.Normal, method: "epacket"},
		{name: "method_china_post_overdue", verdict: taxonomy.Act, situation: advice.NoUpdatesTooLong, reason: "overdue_long", method: "china_post"},
		{name: "method_express_dhl_customs", verdict: taxonomy.Watch, method: "express"},
		{name: "method_unknown", reason: "unknown_method", method: "unknown"},
		{name: "not_paid", verdict: taxonomy.Normal, reason: "not_paid"},
		{name: "no_tracking_yet_processing", verdict: taxonomy.Watch, situation: advice.NoTrackingYet, reason: "processing_long"},
		{name: "no_tracking_yet_shipped", verdict: taxonomy.Act, situation: advice.NoTrackingYet, reason: "no_tracking_number"},
		{name: "invalid_tracking_number", verdict: taxonomy.Act, situation: advice.InvalidTrackingNumber, reason: "invalid_number"},
		{name: "no_acceptance_scan", verdict: taxonomy.Watch, situation: advice.NoUpdatesTooLong, reason: "no_acceptance_scan"},
		{name: "no_updates_too_long", verdict: taxonomy.Act, situation: advice.NoUpdatesTooLong},
		{name: "customs_held_duties", verdict: taxonomy.Act, situation: advice.CustomsHeld, reason: "customs_held"},
		{name: "delivered_not_received", verdict: taxonomy.Act, situation: advice.DeliveredNotReceived, reason: "delivered_not_received"},
		{name: "delivered_noise_after", verdict: taxonomy.Normal, reason: "delivered"},
		{name: "delivered_then_returned", verdict: taxonomy.Act, situation: advice.ReturnedToSender},
		{name: "wrong_country", verdict: taxonomy.Act, situation: advice.WrongDestination, reason: "wrong_country"},
		{name: "wrong_city", verdict: taxonomy.Watch, situation: advice.WrongDestination, reason: "wrong_city"},
		{name: "returned_to_sender", verdict: taxonomy.Act, situation: advice.ReturnedToSender},
		{name: "protection_ending", verdict: taxonomy.Act, situation: advice.ProtectionEnding, reason: "protection_warning"},
		{name: "protection_expired", verdict: taxonomy.Act, situation: advice.ProtectionExpired, reason: "protection_expired"},
		{name: "seller_not_responding", verdict: taxonomy.Act, situation: advice.SellerNotResponding, reason: "seller_silent"},
		{name: "multi_parcel", verdict: taxonomy.Normal},
		{name: "awaiting_pickup", situation: advice.AwaitingPickup, reason: "pickup_waiting"},
		{name: "dispute_open", verdict: taxonomy.Watch, reason: "dispute_open"},
		{name: "closed_order", verdict: taxonomy.Normal, reason: "closed"},
		{name: "delivered_not_received_ru", verdict: taxonomy.Act, situation: advice.DeliveredNotReceived},
		{name: "exception_lost", verdict: taxonomy.Act, situation: advice.ParcelException},
		{name: "received_by_buyer", verdict: taxonomy.Normal, reason: "received"},
		{name: "number_no_events_yet", verdict: taxonomy.Normal, reason: "no_events"},
		{name: "number_silent_long", verdict: taxonomy.Act, situation: advice.InvalidTrackingNumber, reason: "no_events"},
		{name: "manual_tracking_only", verdict: taxonomy.Normal, reason: "unknown_method", method: "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Order(loadOrder(t, "testdata/scenarios/"+tt.name+".json"), Options{Now: testNow})
			if tt.verdict != "" && a.Verdict != tt.verdict {
				t.Errorf("verdict = %s, want %s; reasons: %v", a.Verdict, tt.verdict, reasonCodes(a))
			}
			if tt.situation != "" && !slices.ContainsFunc(a.Advice, func(ad advice.Advice) bool { return ad.Situation == tt.situation }) {
				t.Errorf("advice %v lacks %s; reasons: %v", situations(a), tt.situation, reasonCodes(a))
			}
			if tt.reason != "" && !slices.Contains(reasonCodes(a), tt.reason) {
				t.Errorf("reasons %v lack %s", reasonCodes(a), tt.reason)
			}
			if tt.method != "" && a.Method.ID != tt.method {
				t.Errorf("method = %s, want %s", a.Method.ID, tt.method)
			}
			for _, ad := range a.Advice {
				if ad.DeadlineText == "" || len(ad.Steps) == 0 || len(ad.Evidence) == 0 || ad.SellerMessage == "" || ad.DisputeText == "" {
					t.Errorf("advice %s is incomplete: %+v", ad.Situation, ad)
				}
				for _, s := range append(append([]string{ad.Title, ad.DeadlineText, ad.SellerMessage, ad.DisputeText}, ad.Steps...), ad.Evidence...) {
					if strings.Contains(s, "{{") || strings.Contains(s, "<no value>") || strings.HasPrefix(s, "situations.") {
						t.Errorf("advice %s has an unfilled text: %q", ad.Situation, s)
					}
				}
				if !strings.Contains(ad.SellerMessage+ad.DisputeText, a.OrderID) {
					t.Errorf("advice %s does not name the order %s", ad.Situation, a.OrderID)
				}
			}
		})
	}
}

// TestNeverWaitPastProtection: whatever the parcel's state, an undelivered order whose
// protection ends within a week calls for action, and the advice names the deadline.
func TestNeverWaitPastProtection(t *testing.T) {
	paths, _ := filepath.Glob("testdata/scenarios/*.json")
	for _, path := range paths {
		if strings.HasSuffix(path, ".golden.json") {
			continue
		}
		o := loadOrder(t, path)
		if o.Buyer.DisputeOpened || (o.Buyer.Received != nil && *o.Buyer.Received) {
			continue
		}
		for _, left := range []int{0, 1, 3, 7} {
			o := o
			o.Protection = order.Protection{DaysLeft: &left, ReadAt: order.Time{Time: testNow}}
			a := Order(o, Options{Now: testNow})
			if a.OrderStatus == taxonomy.Closed || a.OrderStatus == taxonomy.Completed || a.OrderStatus == taxonomy.AwaitingPayment || a.Status == taxonomy.Delivered {
				continue
			}
			if a.Verdict != taxonomy.Act {
				t.Errorf("%s with %d days of protection left: verdict %s, want act (reasons %v)", path, left, a.Verdict, reasonCodes(a))
			}
			wantSit := advice.ProtectionEnding
			if left == 0 {
				wantSit = advice.ProtectionExpired
			}
			if !slices.ContainsFunc(a.Advice, func(ad advice.Advice) bool { return ad.Situation == wantSit }) {
				t.Errorf("%s with %d days left: no protection_ending advice (%v)", path, left, situations(a))
			}
		}
	}
}

func TestProtection(t *testing.T) {
	five, zero := 5, 0
	tests := []struct {
		name     string
		o        order.Order
		source   string
		deadline string
		daysLeft int
		warning  int
		expired  bool
	}{
		{"ends_at from the page", order.Order{ID: "8200000000000001", Protection: order.Protection{EndsAt: mustTime("2026-03-27T12:00:00Z")}},
			SourcePage, "2026-03-27T12:00:00Z", 7, 7, false},
		{"days left read earlier", order.Order{ID: "8200000000000001", Protection: order.Protection{DaysLeft: &five, ReadAt: mustTime("2026-03-18T12:00:00Z")}},
			SourcePage, "2026-03-23T12:00:00Z", 3, 3, false},
		{"days left read now", order.Order{ID: "8200000000000001", Protection: order.Protection{DaysLeft: &zero}},
			SourcePage, "2026-03-20T12:00:00Z", 0, 0, true},
		{"one day", order.Order{ID: "8200000000000001", Protection: order.Protection{EndsAt: mustTime("2026-03-21T13:00:00Z")}},
			SourcePage, "2026-03-21T13:00:00Z", 1, 1, false},
		{"estimated from order date", order.Order{ID: "8200000000000001", Date: mustTime("2026-02-01"), ShippingMethod: "AliExpress Standard Shipping"},
			SourceEstimated, "2026-04-02T00:00:00Z", 12, 0, false},
		{"estimated for saver", order.Order{ID: "8200000000000001", Date: mustTime("2026-02-01"), ShippingMethod: "AliExpress Saver Shipping"},
			SourceEstimated, "2026-04-17T00:00:00Z", 27, 0, false},
		{"expired", order.Order{ID: "8200000000000001", Protection: order.Protection{EndsAt: mustTime("2026-03-01T00:00:00Z")}},
			SourcePage, "2026-03-01T00:00:00Z", -20, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Order(tt.o, Options{Now: testNow}).Protection
			if p.Source != tt.source || p.Deadline == nil || p.Deadline.Format(time.RFC3339) != tt.deadline ||
				p.DaysLeft == nil || *p.DaysLeft != tt.daysLeft || p.Warning != tt.warning || p.Expired != tt.expired {
				t.Errorf("protection = %+v (deadline %v, days left %v), want source %s deadline %s, %d days left, warning %d, expired %v",
					p, p.Deadline, deref(p.DaysLeft), tt.source, tt.deadline, tt.daysLeft, tt.warning, tt.expired)
			}
			if p.Basis == "" {
				t.Error("protection basis is empty")
			}
		})
	}
	p := Order(order.Order{ID: "8200000000000001"}, Options{Now: testNow}).Protection
	if p.Deadline != nil || p.Source != "" {
		t.Errorf("nothing to estimate from: protection = %+v, want no deadline", p)
	}
}

func mustTime(s string) order.Time {
	t, err := order.ParseTime(s)
	if err != nil {
		panic(err)
	}
	return t
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func reasonCodes(a Assessment) []string {
	var out []string
	for _, r := range a.Reasons {
		out = append(out, string(r.Code))
	}
	return out
}

func situations(a Assessment) []advice.Situation {
	var out []advice.Situation
	for _, ad := range a.Advice {
		out = append(out, ad.Situation)
	}
	return out
}

// TestAssessmentJSONContract checks the field names other parts rely on.
func TestAssessmentJSONContract(t *testing.T) {
	a := Order(loadOrder(t, "testdata/scenarios/delivered_not_received.json"), Options{Now: testNow})
	b, _ := json.Marshal(a)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"order_id", "order_status", "status", "reason", "stage", "verdict", "reasons", "summary",
		"last_update", "days_since_update", "days_since_shipment", "protection", "parcels", "advice", "confidence", "lang"} {
		if _, ok := m[k]; !ok {
			t.Errorf("assessment JSON lacks %q", k)
		}
	}
	prot := m["protection"].(map[string]any)
	for _, k := range []string{"deadline", "source", "basis", "days_left", "warning", "expired"} {
		if _, ok := prot[k]; !ok {
			t.Errorf("protection JSON lacks %q", k)
		}
	}
	ad := m["advice"].([]any)[0].(map[string]any)
	for _, k := range []string{"situation", "title", "deadline", "steps", "evidence", "seller_message", "dispute_text"} {
		if _, ok := ad[k]; !ok {
			t.Errorf("advice JSON lacks %q", k)
		}
	}
	if !bytes.Contains(b, []byte(`"timeline"`)) || !bytes.Contains(b, []byte(`"legs"`)) {
		t.Error("parcels lack timeline or legs")
	}
}
