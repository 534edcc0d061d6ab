package assess

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/order"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// etaOrder is a Standard Shipping parcel that left China on day 3 after the order, with a
// buyer in country; now is 20 days after the order.
func etaOrder(country string) (order.Order, time.Time) {
	start := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	at := func(d float64) order.Time {
		return order.Time{Time: start.Add(time.Duration(d * 24 * float64(time.Hour)))}
	}
	o := order.Order{
		ID: "8200000000000501", Date: at(0), StatusText: "Awaiting delivery", ShippingMethod: "AliExpress Standard Shipping",
		Parcels: []order.Parcel{{
			Numbers: []order.ParcelNumber{{Number: "LP00123456789012", Carrier: "Cainiao"}},
			Events: []order.Event{
				{Time: at(1), Text: "Accepted by carrier", Location: "Shenzhen"},
				{Time: at(3), Text: "Departed from country of origin", Location: "Shenzhen"},
			},
		}},
		Buyer: order.BuyerFacts{Country: country},
	}
	return o, start.Add(20 * 24 * time.Hour)
}

func etaCodes(a Assessment) []ReasonCode {
	var out []ReasonCode
	for _, r := range a.Reasons {
		out = append(out, r.Code)
	}
	return out
}

func TestETAFromMethodAndStage(t *testing.T) {
	o, now := etaOrder("DE")
	a := Order(o, Options{Now: now})
	if a.ETA == nil {
		t.Fatal("no arrival window for a parcel on its way")
	}
	e := a.ETA
	if e.Basis != ETABasisStage {
		t.Errorf("basis = %q, want %q (the parcel left the sending country)", e.Basis, ETABasisStage)
	}
	if e.Earliest.Before(day(now)) || e.Latest.Before(e.Earliest) {
		t.Errorf("window %s..%s: a parcel on its way arrives today at the earliest", e.Earliest, e.Latest)
	}
	// Left on day 3; Standard is 15–30 days in all: the window cannot end before day 15 or
	// long after day 3+30.
	start := o.Date.Time
	if e.Latest.Before(start.AddDate(0, 0, 15)) || e.Latest.After(start.AddDate(0, 0, 40)) {
		t.Errorf("latest %s is not within the method's reach from %s", e.Latest, start)
	}
	if e.Passed || slices.Contains(etaCodes(a), ReasonETAPassed) {
		t.Errorf("window passed on day 20 of a 15–30 day method: %+v", e)
	}
	if e.AliExpress != nil {
		t.Errorf("AliExpress said nothing, got %+v", e.AliExpress)
	}
}

func TestETAHistoryBasis(t *testing.T) {
	o, now := etaOrder("DE")
	// Trips the buyer had: three that took 24–28 days (longer than the 19 days this one has
	// been travelling), one of 12 days (already shorter: says nothing now), one to another
	// country and one by another method.
	hist := []Trip{
		{Method: "aliexpress_standard", Country: "DE", Days: 24},
		{Method: "aliexpress_standard", Country: "DE", Days: 26},
		{Method: "aliexpress_standard", Country: "de", Days: 28},
		{Method: "aliexpress_standard", Country: "DE", Days: 12},
		{Method: "aliexpress_standard", Country: "FR", Days: 60},
		{Method: "aliexpress_saver", Country: "DE", Days: 70},
	}
	a := Order(o, Options{Now: now, History: hist})
	e := a.ETA
	if e == nil || e.Basis != ETABasisHistory || e.Samples != 3 {
		t.Fatalf("eta = %+v, want the history basis with 3 comparable trips", e)
	}
	first := o.Parcels[0].Events[0].Time.Time
	if want := day(first.AddDate(0, 0, 28)); e.Latest.After(want) {
		t.Errorf("latest %s, want at most %s (the longest comparable trip)", e.Latest, want)
	}
	// Too few comparable trips: back to the stage.
	if a := Order(o, Options{Now: now, History: hist[3:]}); a.ETA.Basis == ETABasisHistory {
		t.Errorf("history basis with one comparable trip: %+v", a.ETA)
	}
	// An order whose country is not known does not compare with trips to known countries…
	o.Buyer.Country = ""
	if a := Order(o, Options{Now: now, History: hist}); a.ETA.Basis == ETABasisHistory {
		t.Errorf("history basis from other countries' trips without the buyer's country: %+v", a.ETA)
	}
	// …but with the buyer's other trips of unknown country (the extension's case: My Orders
	// does not say the country, every order went to the same buyer).
	unknown := []Trip{{Method: "aliexpress_standard", Days: 22}, {Method: "aliexpress_standard", Days: 25}, {Method: "aliexpress_standard", Days: 30}}
	if a := Order(o, Options{Now: now, History: append(unknown, hist...)}); a.ETA.Basis != ETABasisHistory || a.ETA.Samples != 3 {
		t.Errorf("eta = %+v, want the history basis from 3 trips of unknown country", a.ETA)
	}
}

func TestETAPassedIsAReason(t *testing.T) {
	o, _ := etaOrder("DE")
	now := o.Date.Time.AddDate(0, 0, 34) // past day 3+30, overdue not yet long
	a := Order(o, Options{Now: now})
	if a.ETA == nil || !a.ETA.Passed {
		t.Fatalf("eta = %+v, want a passed window on day 34", a.ETA)
	}
	if !slices.Contains(etaCodes(a), ReasonETAPassed) || a.Verdict == taxonomy.Normal {
		t.Errorf("reasons %v, verdict %s: a passed window must be a reason and not normal", etaCodes(a), a.Verdict)
	}
	for _, r := range a.Reasons {
		if r.Code == ReasonETAPassed && r.Text == "" {
			t.Error("eta_passed has no text")
		}
	}
}

func TestETANoneOnceDelivered(t *testing.T) {
	o, now := etaOrder("DE")
	o.Parcels[0].Events = append(o.Parcels[0].Events, order.Event{Time: order.Time{Time: now.Add(-time.Hour)}, Text: "Delivered"})
	o.Promise = order.Promise{RefundBy: order.Time{Time: now.Add(-48 * time.Hour)}}
	a := Order(o, Options{Now: now})
	if a.ETA != nil {
		t.Errorf("eta = %+v once delivered, want none", a.ETA)
	}
	if slices.Contains(etaCodes(a), ReasonRefundDatePassed) {
		t.Error("a refund date matters no more once delivered")
	}
}

func TestRefundDateIsADeadline(t *testing.T) {
	o, now := etaOrder("DE")
	// Three days before AliExpress's refund date: a reason to watch, with advice.
	o.Promise = order.Promise{RefundBy: order.Time{Time: now.Add(3*24*time.Hour + time.Hour)}, Texts: []string{"Refund if no delivery before …"}}
	o.Parcels[0].ETA = order.ParcelETA{Earliest: order.Time{Time: now}, Latest: order.Time{Time: now.AddDate(0, 0, 5)}, Text: "May. 26"}
	a := Order(o, Options{Now: now})
	if !slices.Contains(etaCodes(a), ReasonRefundDateNear) || a.Verdict == taxonomy.Normal {
		t.Errorf("reasons %v verdict %s: the refund date 3 days ahead must be watched", etaCodes(a), a.Verdict)
	}
	s := a.ETA.AliExpress
	if s == nil || s.RefundBy == nil || *s.RefundDaysLeft != 3 || s.RefundPassed || s.Text != "May. 26" || s.Latest == nil || len(s.Texts) != 1 {
		t.Errorf("AliExpress's side = %+v", s)
	}
	if len(a.Advice) == 0 {
		t.Error("no advice with the refund date near")
	}
	// Passed: act.
	o.Promise.RefundBy = order.Time{Time: now.Add(-30 * time.Hour)}
	a = Order(o, Options{Now: now})
	if !slices.Contains(etaCodes(a), ReasonRefundDatePassed) || a.Verdict != taxonomy.Act {
		t.Errorf("reasons %v verdict %s: a passed refund date calls for action", etaCodes(a), a.Verdict)
	}
	// A dispute already open: AliExpress is handling it.
	o.Buyer.DisputeOpened = true
	if a := Order(o, Options{Now: now}); slices.Contains(etaCodes(a), ReasonRefundDatePassed) {
		t.Error("refund reason with a dispute open")
	}
}

// TestETAEncodes: the fast encoder writes the window as encoding/json does.
func TestETAEncodes(t *testing.T) {
	o, now := etaOrder("DE")
	o.Promise = order.Promise{RefundBy: order.Time{Time: now.AddDate(0, 0, 9)}, Texts: []string{"Refund if <no> delivery & \"more\""}}
	o.Parcels[0].ETA = order.ParcelETA{Latest: order.Time{Time: now.AddDate(0, 0, 5)}}
	for _, o := range []order.Order{o, {ID: "8200000000000502"}} {
		a := Order(o, Options{Now: now})
		want, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		got, err := a.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("AppendJSON:\n%s\nencoding/json:\n%s", got, want)
		}
	}
}

func TestTrips(t *testing.T) {
	o, now := etaOrder("DE")
	o.Parcels[0].Events = append(o.Parcels[0].Events, order.Event{Time: order.Time{Time: o.Date.Time.AddDate(0, 0, 19)}, Text: "Delivered"})
	a := Order(o, Options{Now: now})
	trips := Trips(a, "de")
	if len(trips) != 1 || trips[0].Method != "aliexpress_standard" || trips[0].Country != "DE" || trips[0].Days != 18 {
		t.Errorf("trips = %+v, want one Standard trip of 18 days to DE", trips)
	}
	if u := Trips(a, ""); len(u) != 1 || u[0].Country != "" {
		t.Errorf("trips of unknown country = %+v, want one with no country", u)
	}
	if u := Trips(Assessment{Method: Method{ID: "unknown"}, Parcels: a.Parcels}, "DE"); len(u) != 0 {
		t.Errorf("trips by an unknown method = %+v, want none", u)
	}
}

// TestRefundDateInAdvice: when AliExpress's refund date matters, every advice's deadline text
// names it beside Buyer Protection, in every language; when it is far and after Buyer
// Protection's end, or the parcel is delivered, the text is Buyer Protection's alone.
func TestRefundDateInAdvice(t *testing.T) {
	o, now := etaOrder("DE")
	o.Promise = order.Promise{RefundBy: order.Time{Time: now.Add(3*24*time.Hour + time.Hour)}}
	for _, lang := range advice.Languages() {
		cat := advice.Lang(lang)
		a := Order(o, Options{Now: now, Lang: lang})
		if len(a.Advice) == 0 {
			t.Fatalf("%s: no advice with the refund date 3 days ahead", lang)
		}
		date := cat.Date(o.Promise.RefundBy.Time)
		for _, ad := range a.Advice {
			if !strings.Contains(ad.DeadlineText, date) {
				t.Errorf("%s %s: deadline text does not name the refund date %q: %s", lang, ad.Situation, date, ad.DeadlineText)
			}
			if ad.Deadline != nil && !strings.Contains(ad.DeadlineText, cat.Date(*ad.Deadline)) {
				t.Errorf("%s %s: deadline text lost Buyer Protection's date: %s", lang, ad.Situation, ad.DeadlineText)
			}
			if strings.Contains(ad.DeadlineText, "{{") {
				t.Errorf("%s: unfilled deadline text: %s", lang, ad.DeadlineText)
			}
		}
	}

	// Passed: the text says so (a different text from the near one).
	near := Order(o, Options{Now: now}).Advice[0].DeadlineText
	o.Promise.RefundBy = order.Time{Time: now.Add(-50 * time.Hour)}
	a := Order(o, Options{Now: now})
	if len(a.Advice) == 0 {
		t.Fatal("no advice with the refund date passed")
	}
	passed := a.Advice[0].DeadlineText
	if !strings.Contains(passed, advice.Lang("en").Date(o.Promise.RefundBy.Time)) || !strings.Contains(passed, "2 days ago") || passed == near {
		t.Errorf("passed refund date: %s", passed)
	}

	// Far away and after Buyer Protection's end: only Buyer Protection's date.
	far := o
	far.Promise.RefundBy = order.Time{Time: now.AddDate(0, 0, 200)}
	a = Order(far, Options{Now: now.AddDate(0, 0, 20)}) // late enough for some advice
	for _, ad := range a.Advice {
		if strings.Contains(ad.DeadlineText, advice.Lang("en").Date(far.Promise.RefundBy.Time)) {
			t.Errorf("a refund date after Buyer Protection's end and far away is named: %s", ad.DeadlineText)
		}
	}
	if len(a.Advice) == 0 {
		t.Error("no advice for a parcel 40 days on its way: the far case checks nothing")
	}
}

// TestETAOpensInDestinationCountry: once the parcel is in the destination country only the
// local delivery is left, which can end any day: the window opens today, and still ends
// within the method's reach.
func TestETAOpensInDestinationCountry(t *testing.T) {
	o, _ := etaOrder("DE")
	arrived := o.Date.Time.AddDate(0, 0, 20) // slower than usual: the old window opened days later
	o.Parcels[0].Events = append(o.Parcels[0].Events, order.Event{Time: order.Time{Time: arrived}, Text: "Arrived at destination country", Location: "Frankfurt"})
	now := arrived.Add(2 * time.Hour)
	a := Order(o, Options{Now: now})
	e := a.ETA
	if e == nil || e.Basis != ETABasisStage || a.Stage != StageDestination {
		t.Fatalf("stage %s, eta %+v: want a stage window at the destination", a.Stage, e)
	}
	if !e.Earliest.Equal(day(now)) {
		t.Errorf("earliest %s, want today %s: a parcel in the destination country can arrive any day", e.Earliest, day(now))
	}
	if !e.Latest.After(day(now).AddDate(0, 0, 1)) || e.Latest.After(day(o.Date.Time).AddDate(0, 0, 3+30+1)) {
		t.Errorf("latest %s: not within the method's reach", e.Latest)
	}
}
