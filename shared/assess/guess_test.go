package assess

import (
	"testing"

	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/order"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// TestGuessesMoveNothing: an event only the classifier's fallback model could read (a guess,
// confidence below guessConfidence) is shown with its guessed status but does not change the
// parcel's status or stage: a guess is right about a third of the time.
func TestGuessesMoveNothing(t *testing.T) {
	// Texts no phrase rule or vocabulary knows, in wordings the model has a guess for. The
	// premise is checked: which of them are guesses depends on the classifier of the day.
	candidates := []string{
		"Parcel has not been collected",
		"Paczuszka wydana kurierowi rejonowemu",
		"Encomenda expedida para a unidade de tratamento",
		"Sendung liegt zur Bearbeitung vor",
		"הדבר נמצא בדרכו ליחידת המסירה",
		"Colis remis au partenaire de livraison local",
	}
	var guesses []string
	for _, text := range candidates {
		r := classify.Event(classify.Input{Text: text})
		if r.Confidence < guessConfidence && r.Status != taxonomy.Unknown && r.Status != taxonomy.InTransit {
			guesses = append(guesses, text)
		}
	}
	if len(guesses) == 0 {
		t.Fatalf("premise: none of %q is a guess other than in_transit any more; give this test a text only the model reads", candidates)
	}
	const lp = "LP00111111111111"
	base := []order.Event{
		routeEvent("2026-03-01T10:00:00+08:00", "Package arrived at warehouse", lp, "Cainiao", "Shenzhen", "AE_GWMS_ACCEPT"),
		routeEvent("2026-03-05T10:00:00+08:00", "Package leaving origin country/region.", lp, "Cainiao", "Shenzhen", "AE_LH_DEPART"),
	}
	assessWith := func(events []order.Event) Parcel {
		o := order.Order{ID: "8200000000000001", Date: mustTime("2026-02-28"), ShippingMethod: "AliExpress Standard Shipping",
			Parcels: []order.Parcel{{Numbers: []order.ParcelNumber{{Number: lp, Role: order.RoleOrigin}}, Events: events}},
			Buyer:   order.BuyerFacts{Country: "PL"}}
		return Order(o, Options{Now: testNow}).Parcels[0]
	}
	without := assessWith(base)
	for _, text := range guesses {
		t.Run(text, func(t *testing.T) {
			with := assessWith(append(append([]order.Event(nil), base...), routeEvent("2026-03-09T10:00:00+01:00", text, lp, "", "", "")))
			if with.Status != without.Status || with.Stage != without.Stage {
				t.Errorf("a guess moved the parcel: status %s → %s, stage %s → %s", without.Status, with.Status, without.Stage, with.Stage)
			}
			guess := classify.Event(classify.Input{Text: text})
			last := with.Timeline[len(with.Timeline)-1]
			if last.Text != text || last.Status != guess.Status || last.Confidence != guess.Confidence {
				t.Errorf("the timeline shows %q as %s (%.2f), want the classifier's guess %s (%.2f)", last.Text, last.Status, last.Confidence, guess.Status, guess.Confidence)
			}
		})
	}
}
