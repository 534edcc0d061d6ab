package assess

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/order"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// routeEvent is an event of a test route: time, text, number, carrier, location, code.
func routeEvent(t, text, number, carrier, location, code string) order.Event {
	e := ev(t, text, number)
	e.Carrier, e.Location, e.Code = carrier, location, code
	return e
}

// needStatus stops a test whose premise is how the classifier reads an event.
func needStatus(t *testing.T, p Parcel, text string, want ...taxonomy.ParcelStatus) {
	t.Helper()
	for _, e := range p.Timeline {
		if e.Text == text {
			if !slices.Contains(want, e.Status) {
				t.Fatalf("the classifier reads %q as %s; this test needs one of %v", text, e.Status, want)
			}
			return
		}
	}
	t.Fatalf("%q is not in the timeline", text)
}

// TestRouteStages: what decides the stage on real routes, case by case.
func TestRouteStages(t *testing.T) {
	const lp, lm = "LP00111111111111", "NM123456785BR"
	numbers := []order.ParcelNumber{{Number: lp, Carrier: "Cainiao", Role: order.RoleOrigin}, {Number: lm, Carrier: "Correios", Role: order.RoleLastMile}}
	accept := routeEvent("2026-03-01T10:00:00+08:00", "Package arrived at warehouse", lp, "Cainiao", "Shenzhen", "AE_GWMS_ACCEPT")
	exportCustoms := routeEvent("2026-03-03T10:00:00+08:00", "Export customs clearance started", lp, "Cainiao", "Shenzhen", "AE_CC_EX_START_SUCCESS")
	depart := routeEvent("2026-03-05T10:00:00+08:00", "Package leaving origin country/region.", lp, "Cainiao", "Shenzhen", "AE_LH_DEPART")
	handover := routeEvent("2026-03-12T10:00:00+08:00", "Your package will soon be handed over to the domestic courier company.", lp, "Cainiao", "", "AE_CC_HO_OUT_SUCCESS")
	posted := routeEvent("2026-03-14T10:00:00-03:00", "Objeto postado", lm, "Correios", "CURITIBA - PR", "")
	moving := routeEvent("2026-03-15T10:00:00-03:00", "Objeto em trânsito - por favor aguarde", lm, "Correios", "", "")

	// onOneNumber files every event under the last-mile number and its carrier, as a tracking
	// page does that merges the whole line.
	onOneNumber := func(es ...order.Event) []order.Event {
		out := make([]order.Event, len(es))
		for i, e := range es {
			e.Number, e.Carrier = lm, "Correios"
			out[i] = e
		}
		return out
	}
	withNumber := func(e order.Event, n, carrier string) order.Event {
		e.Number, e.Carrier = n, carrier
		return e
	}
	withLocation := func(e order.Event, loc string) order.Event {
		e.Location = loc
		return e
	}

	tests := []struct {
		name    string
		numbers []order.ParcelNumber
		events  []order.Event
		country string
		city    string
		stage   Stage
		leg     string // the leg of the last event; "" when not checked
	}{
		{"acceptance on the last-mile number after the hand-over", numbers,
			[]order.Event{accept, exportCustoms, depart, handover, posted}, "BR", "Curitiba", StageDestination, legDestination},
		{"the same when every event is filed under the last-mile number", numbers,
			onOneNumber(accept, exportCustoms, depart, handover, posted), "BR", "Curitiba", StageDestination, legDestination},
		{"a sorting scan on the last-mile number after departure, no arrival event", numbers,
			[]order.Event{accept, depart, moving}, "BR", "", StageDestination, legDestination},
		{"by the last-mile carrier, on no number, after departure", []order.ParcelNumber{{Number: lp}},
			[]order.Event{withNumber(accept, "", "Cainiao"), withNumber(depart, "", "Cainiao"), withNumber(posted, "", "Correios")}, "BR", "", StageDestination, legDestination},
		{"a place in the buyer's country, no arrival event, one number and one carrier", numbers,
			onOneNumber(accept, depart, withLocation(posted, "Curitiba, Brazil")), "BR", "", StageDestination, legDestination},
		{"the buyer's city, no arrival event, one number and one carrier", numbers,
			onOneNumber(accept, depart, withLocation(posted, "CURITIBA - PR")), "BR", "Curitiba", StageDestination, legDestination},
		{"one carrier name on every event tells nothing apart", []order.ParcelNumber{{Number: lp}},
			[]order.Event{withNumber(accept, "", "Correios"), withNumber(posted, "", "Correios")}, "BR", "", StageOrigin, legOrigin},
		{"an origin acceptance before any departure stays origin", numbers,
			[]order.Event{accept}, "BR", "Curitiba", StageOrigin, legOrigin},
		{"the same when filed under the last-mile number", numbers,
			onOneNumber(accept), "BR", "Curitiba", StageOrigin, legOrigin},
		{"a last-mile number scanned in the sending country, then departing", numbers,
			[]order.Event{accept, routeEvent("2026-03-02T10:00:00+08:00", "Objeto postado", lm, "Correios", "", ""), withNumber(depart, lm, "Correios")},
			"BR", "", StageInternational, legTransit},
		{"a last-mile scan naming another country is not arrival", numbers,
			[]order.Event{accept, withLocation(posted, "Shenzhen, China")}, "BR", "", StageOrigin, legOrigin},
		{"a label notice on the last-mile number is not arrival", numbers,
			[]order.Event{accept, routeEvent("2026-03-02T10:00:00+01:00", "Shipment information received", lm, "Correios", "", "")}, "BR", "", StageOrigin, legOrigin},
		{"export customs, departure, then a generic scan: still abroad", []order.ParcelNumber{{Number: lp}},
			[]order.Event{accept, exportCustoms, depart, withNumber(moving, lp, "Cainiao")}, "BR", "", StageInternational, legTransit},
		{"after arrival, a later departure scan does not put the parcel back abroad", []order.ParcelNumber{{Number: lp}},
			[]order.Event{accept, depart,
				routeEvent("2026-03-10T10:00:00+03:00", "Arrived at destination country", lp, "Cainiao", "", ""),
				routeEvent("2026-03-11T10:00:00+03:00", "Departed from country of origin", lp, "Cainiao", "", "")},
			"RU", "", StageDestination, legDestination},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := order.Order{ID: "8200000000000001", Date: mustTime("2026-02-28"), ShippingMethod: "AliExpress Standard Shipping",
				Parcels: []order.Parcel{{Numbers: tt.numbers, Events: tt.events}},
				Buyer:   order.BuyerFacts{Country: tt.country, City: tt.city}}
			a := Order(o, Options{Now: testNow})
			p := a.Parcels[0]
			if p.Stage != tt.stage {
				t.Errorf("stage = %s, want %s; timeline %s", p.Stage, tt.stage, describe(p))
			}
			if last := p.Timeline[len(p.Timeline)-1]; tt.leg != "" && legOfEvent(p, last) != tt.leg {
				t.Errorf("the last event %q is on leg %q, want %q", last.Text, legOfEvent(p, last), tt.leg)
			}
			for _, r := range a.Reasons {
				if tt.stage == StageDestination && (r.Code == "origin_normal" || r.Code == "origin_slow") {
					t.Errorf("a parcel in the buyer's country gets reason %s: %q", r.Code, r.Text)
				}
			}
		})
	}
}

func TestHasWords(t *testing.T) {
	tests := []struct {
		s, sub string
		want   bool
	}{
		{"CURITIBA - PR", "Curitiba", true},
		{"Почта России (Russian Post)", "почта россии", true},
		{"Deutsche Post DHL", "DHL", true},
		{"DHL", "Deutsche Post DHL", false},
		{"Venice", "Nice", false},
		{"Nice, France", "nice", true},
		{"São Paulo, SP", "são paulo", true},
		{"Sao Paulo", "São Paulo", false},
		{"Royal Mail", "", false},
		{"", "Royal Mail", false},
		{"New York, NY", "York", true},
	}
	for _, tt := range tests {
		if got := hasWords(tt.s, tt.sub); got != tt.want {
			t.Errorf("hasWords(%q, %q) = %v, want %v", tt.s, tt.sub, got, tt.want)
		}
	}
	var names []string
	for n := range carrierNames("Почта России (Russian Post)") {
		names = append(names, n)
	}
	if len(names) != 2 || !hasWords(names[0], "Почта России") || !hasWords(names[1], "Russian Post") {
		t.Errorf("carrierNames = %q, want the Russian and the English name", names)
	}
}

// legOfEvent finds the leg whose span holds an event; "" if none.
func legOfEvent(p Parcel, e Event) string {
	name := ""
	for _, l := range p.Legs {
		if l.Start != nil && e.At != nil && !e.At.Before(*l.Start) && !e.At.After(*l.End) {
			name = l.Name
		}
	}
	return name
}

func describe(p Parcel) string {
	var b strings.Builder
	for _, e := range p.Timeline {
		b.WriteString("\n  " + string(e.Status) + " " + e.Text + " @" + e.Location + " #" + e.Number)
	}
	return b.String()
}

// TestRoutePremises: the route tests rely on how the classifier reads a few real texts.
func TestRoutePremises(t *testing.T) {
	o := order.Order{ID: "8200000000000001", Parcels: []order.Parcel{{Numbers: []order.ParcelNumber{{Number: "LP00111111111111"}}, Events: []order.Event{
		ev("2026-03-01T10:00:00Z", "Objeto postado", ""),
		ev("2026-03-02T10:00:00Z", "Приём", ""),
		ev("2026-03-03T10:00:00Z", "Zending is aangenomen", ""),
		ev("2026-03-04T10:00:00Z", "Accepted at USPS Origin Facility", ""),
		ev("2026-03-05T10:00:00Z", "Shipment information received", ""),
		ev("2026-03-06T10:00:00Z", "Arrived at destination country", ""),
		ev("2026-03-07T10:00:00Z", "Departed from country of origin", ""),
		ev("2026-03-08T10:00:00Z", "Objeto em trânsito - por favor aguarde", ""),
	}}}}
	p := Order(o, Options{Now: testNow}).Parcels[0]
	for _, text := range []string{"Objeto postado", "Приём", "Zending is aangenomen", "Accepted at USPS Origin Facility"} {
		needStatus(t, p, text, taxonomy.Accepted)
	}
	needStatus(t, p, "Shipment information received", taxonomy.InfoReceived)
	needStatus(t, p, "Arrived at destination country", taxonomy.ArrivedDestination)
	needStatus(t, p, "Departed from country of origin", taxonomy.DepartedOrigin)
	needStatus(t, p, "Objeto em trânsito - por favor aguarde", taxonomy.InTransit)
	o.Parcels[0].Events = []order.Event{{Text: "Package leaving origin country/region.", Code: "AE_LH_DEPART"},
		{Text: "Export customs clearance started", Code: "AE_CC_EX_START_SUCCESS"},
		{Text: "Your package will soon be handed over to the domestic courier company.", Code: "AE_CC_HO_OUT_SUCCESS"}}
	p = Order(o, Options{Now: testNow}).Parcels[0]
	needStatus(t, p, "Package leaving origin country/region.", taxonomy.DepartedOrigin)
	needStatus(t, p, "Export customs clearance started", taxonomy.Customs)
	needStatus(t, p, "Your package will soon be handed over to the domestic courier company.", taxonomy.Customs)
}

// TestRouteScenarios: the route goldens' conclusions, stated independently of the goldens.
func TestRouteScenarios(t *testing.T) {
	tests := []struct {
		name    string
		stage   Stage
		verdict taxonomy.Verdict
		reason  string
	}{
		{"route_correios_posted_after_handover", StageDestination, taxonomy.Normal, "destination_local"},
		{"route_russian_post_priem", StageDestination, taxonomy.Normal, "destination_local"},
		{"route_postnl_accepted_silent", StageDestination, taxonomy.Watch, "destination_slow"},
		{"route_local_place_no_arrival", StageDestination, taxonomy.Normal, "destination_local"},
		{"route_origin_acceptance", StageOrigin, taxonomy.Normal, "origin_normal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := loadOrder(t, "testdata/scenarios/"+tt.name+".json")
			a := Order(o, Options{Now: testNow})
			p := a.Parcels[0]
			if a.Stage != tt.stage || a.Verdict != tt.verdict || !slices.Contains(reasonCodes(a), tt.reason) {
				t.Errorf("stage %s, verdict %s, reasons %v; want %s, %s with %s%s", a.Stage, a.Verdict, reasonCodes(a), tt.stage, tt.verdict, tt.reason, describe(p))
			}
			if tt.stage == StageDestination {
				// The latest event, read alone, would say "accepted": the premise of the scenario.
				needStatus(t, p, p.Timeline[len(p.Timeline)-1].Text, taxonomy.Accepted)
				for _, r := range a.Reasons {
					if r.Facts.Stage != "" && r.Facts.Stage != StageDestination {
						t.Errorf("reason %s rests on stage %s", r.Code, r.Facts.Stage)
					}
				}
			}
			for _, ad := range a.Advice {
				if ad.Situation != advice.NoUpdatesTooLong {
					continue
				}
				// The messages say the parcel is in the buyer's country with the local carrier,
				// and do not ask the seller for a number that is already known.
				lm := ""
				for _, n := range o.Parcels[0].Numbers {
					if n.Role == order.RoleLastMile {
						lm = n.Number
					}
				}
				if lm != "" && (!strings.Contains(ad.SellerMessage, lm) || !strings.Contains(ad.DisputeText, lm)) {
					t.Errorf("the messages do not name the last-mile number %s:\n%s\n%s", lm, ad.SellerMessage, ad.DisputeText)
				}
				// What the origin stage adds to the message must not be in it.
				cat := advice.Lang(a.Lang)
				plain := cat.For(advice.NoUpdatesTooLong, advice.Facts{OrderID: a.OrderID})
				origin := cat.For(advice.NoUpdatesTooLong, advice.Facts{OrderID: a.OrderID, Stage: string(StageOrigin)})
				for _, m := range [][3]string{{plain.SellerMessage, origin.SellerMessage, ad.SellerMessage}, {plain.DisputeText, origin.DisputeText, ad.DisputeText}} {
					if added := insertion(m[0], m[1]); added == "" || strings.Contains(m[2], added) {
						t.Errorf("the message speaks of the sending country (%q): %s", added, m[2])
					}
				}
			}
		})
	}
}

// insertion is what with adds to without: the text between their common start and end.
func insertion(without, with string) string {
	i := 0
	for i < len(without) && i < len(with) && without[i] == with[i] {
		i++
	}
	j := 0
	for j < len(without)-i && j < len(with)-i && without[len(without)-1-j] == with[len(with)-1-j] {
		j++
	}
	return with[i : len(with)-j]
}

// TestLastMileAcceptanceKeepsStage: once a parcel has arrived in the destination country, a
// last-mile carrier's acceptance scan inserted anywhere after the arrival never puts it
// back in the sending country, or in international transit.
func TestLastMileAcceptanceKeepsStage(t *testing.T) {
	texts := []string{"Objeto postado", "Приём", "Zending is aangenomen", "Accepted at USPS Origin Facility", "Item accepted", "Posted"}
	places := []string{"", "Leeds", "Leeds, GB", "Wakefield Mail Centre"}
	r := rand.New(rand.NewPCG(7, 8))
	checked := 0
	for i := range propertyOrders {
		o := genOrder(r, i, testNow)
		before := Order(o, Options{Now: testNow})
		for pi, p := range before.Parcels {
			k := slices.IndexFunc(p.Timeline, func(e Event) bool {
				return e.Status == taxonomy.ArrivedDestination && !e.Noise && e.At != nil
			})
			if k < 0 {
				continue
			}
			num, carrier := o.Parcels[pi].Numbers[0].Number, "Royal Mail"
			for _, n := range o.Parcels[pi].Numbers {
				if n.Role == order.RoleLastMile {
					num = n.Number
				}
			}
			if r.IntN(3) == 0 {
				carrier = ""
			}
			for range 3 {
				at := p.Timeline[k].At.Add(time.Duration(r.IntN(20*24)+1) * time.Hour)
				acc := order.Event{Time: order.Time{Time: at}, Text: texts[r.IntN(len(texts))], Location: places[r.IntN(len(places))], Carrier: carrier, Number: num}
				s := cloneOrder(o)
				s.Parcels[pi].Events = append(s.Parcels[pi].Events, acc)
				after := Order(s, Options{Now: testNow}).Parcels[pi]
				checked++
				switch after.Stage {
				case StageLabelCreated, StageUnknown, StageOrigin, StageInternational:
					t.Fatalf("order %d parcel %d: %q at %v after arrival put the parcel at stage %s (was %s)%s",
						i, pi, acc.Text, at, after.Stage, p.Stage, describe(after))
				}
				if got, floor := stageRank(after.Stage), min(stageRank(p.Stage), stageRank(StageDestination)); got < floor {
					t.Fatalf("order %d parcel %d: %q at %v lowered the stage from %s to %s", i, pi, acc.Text, at, p.Stage, after.Stage)
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d insertions were checked; the generator makes too few arrived parcels", checked)
	}
}

// nextWord finds the words unicode.IsLetter and unicode.IsDigit make, on ASCII, other scripts,
// marks and invalid UTF-8 alike.
func TestNextWordAsUnicode(t *testing.T) {
	for c := range 256 {
		if want := c < utf8.RuneSelf && (unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))); asciiWord[c] != want {
			t.Errorf("asciiWord[%#x] = %v, want %v", c, asciiWord[c], want)
		}
	}
	want := func(s string, i int) (int, int) { // the definition, rune by rune
		start := -1
		for j, r := range s[i:] {
			word := unicode.IsLetter(r) || unicode.IsDigit(r)
			if word && start < 0 {
				start = i + j
			} else if !word && start >= 0 {
				return start, i + j
			}
		}
		if start < 0 {
			return len(s), len(s)
		}
		return start, len(s)
	}
	pieces := []string{"a", "Z", "9", " ", "-", "(", "é", "ß", "Ж", "中", "٣", "\u0301", "\u00a0", "\xff", "\xe2\x82", "_", "ǅ", "Ⅻ"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		for i := 0; i <= len(s); i++ {
			a, e := nextWord(s, i)
			wa, we := want(s, i)
			if a != wa || e != we {
				t.Fatalf("nextWord(%q, %d) = %d, %d; want %d, %d", s, i, a, e, wa, we)
			}
		}
	}
}
