package assess

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/order"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// The arrival window: for every parcel still on its way, the days it should arrive between.
//
// Three bases, the best available one is used and named in ETA.Basis:
//   - ETABasisHistory: the buyer's own delivered orders with the same method to the same
//     country (Options.History; local-first: the extension computes it from what it has in
//     the browser). Of those trips, only the ones that took at least as long as this parcel
//     has been travelling say anything about it; with at least minHistoryTrips of them the
//     window runs from their shortest to their longest (10th to 90th percentile from ten on).
//   - ETABasisStage: once the parcel has left the sending country, from the time it reached
//     its current stage: what is usually left of the method's range from that point
//     (stageShare), stretched by the pace it showed so far; in the destination country the
//     window opens at once (the local delivery can end any day).
//   - ETABasisMethod: the method's usual range counted from the first carrier event (or from
//     the order date plus the seller's handling time when nothing has shipped).
//
// AliExpress's own estimate (each parcel's etaInfo) and promise ("Refund if no delivery
// before <date>", fastDeliveryInfoDTO) are shown beside ours (ETA.AliExpress). The refund
// date is a deadline like the end of Buyer Protection: its approach and its passing are
// reasons in the verdict, as is a window that ended without a delivery.

// Bases of an arrival window.
const (
	ETABasisMethod  = "method"
	ETABasisStage   = "stage"
	ETABasisHistory = "history"
)

// ETA is the arrival window of the parcels still on their way; nil once nothing is expected
// (delivered, returned, lost, closed).
type ETA struct {
	Earliest time.Time `json:"earliest"` // a day (midnight UTC): not before this day
	Latest   time.Time `json:"latest"`   // a day (midnight UTC): by the end of this day
	Basis    string    `json:"basis"`    // ETABasisHistory, ETABasisStage or ETABasisMethod
	Samples  int       `json:"samples"`  // the delivered trips a history window rests on; 0 otherwise
	Passed   bool      `json:"passed"`   // the latest day is over and the parcel has not arrived
	// AliExpress is what AliExpress's own page says, shown beside ours; null when it says
	// nothing.
	AliExpress *SiteETA `json:"aliexpress"`
}

// SiteETA is AliExpress's own estimate and delivery promise.
type SiteETA struct {
	Earliest       *time.Time `json:"earliest"` // etaInfo.beginEtaTime
	Latest         *time.Time `json:"latest"`   // etaInfo.endEtaTime
	Text           string     `json:"text"`     // etaInfo.etaTimeText as shown
	RefundBy       *time.Time `json:"refund_by"`
	RefundDaysLeft *int       `json:"refund_days_left"`
	RefundPassed   bool       `json:"refund_passed"`
	Texts          []string   `json:"texts"` // the promises as the page words them; never nil
}

// Trip is one delivered parcel of the buyer's own history: what the arrival window learns from.
type Trip struct {
	Method  string  `json:"method"`  // Method.ID
	Country string  `json:"country"` // destination, ISO 3166-1 alpha-2
	Days    float64 `json:"days"`    // from the first carrier event to the delivery
}

// Trips are the delivered parcels of an assessed order, for the history of later ones. country
// is the order's destination; "" when it is not known (then the trips count only for the
// buyer's other orders of unknown destination, which went to the same buyer).
func Trips(a Assessment, country string) []Trip {
	country = strings.ToUpper(country)
	if a.Method.ID == "" || a.Method.ID == unknownMethod.ID {
		return nil
	}
	var out []Trip
	for _, p := range a.Parcels {
		if p.Status != taxonomy.Delivered {
			continue
		}
		var first, delivered *time.Time
		for i := range p.Timeline {
			e := &p.Timeline[i]
			if e.At == nil || e.Noise {
				continue
			}
			if first == nil {
				first = e.At
			}
			if e.Status == taxonomy.Delivered && delivered == nil {
				delivered = e.At
			}
		}
		if first == nil || delivered == nil || !delivered.After(*first) {
			continue
		}
		out = append(out, Trip{Method: a.Method.ID, Country: country, Days: math.Round(delivered.Sub(*first).Hours()/24*10) / 10})
	}
	return out
}

// minHistoryTrips is how many comparable delivered trips a history window needs.
const minHistoryTrips = 3

// handlingDays is how long sellers usually take to ship (shared/DESIGN.md §3: most within a week).
var handlingDays = [2]int{1, 7}

// stageShare is the part of the whole journey usually done when a parcel reaches a stage:
// the low and high ends. What is left of the method's range from there is the window.
var stageShare = map[Stage][2]float64{
	StageInternational: {0.15, 0.4},
	StageCustoms:       {0.55, 0.8},
	StageDestination:   {0.65, 0.9},
	StageLastMile:      {0.9, 1.0},
}

// Reasons about the window and AliExpress's promise.
const (
	refundNearDays = 5 // the refund date is this close: say it
)

// day is the calendar day of t, as midnight UTC.
func day(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func addDays(t time.Time, d float64) time.Time {
	return t.Add(time.Duration(d * float64(24*time.Hour)))
}

// window is one parcel's arrival window before it is rounded to days.
type window struct {
	earliest, latest time.Time
	basis            string
	samples          int
}

// onTheWay reports whether a parcel is still expected to arrive.
func onTheWay(ps *parcelState) bool {
	switch ps.stage {
	case StageDelivered, StageReturning, StageException:
		return false
	}
	// Waiting at a pickup point: it has arrived, the buyer collects it.
	return !ps.status.Terminal() && ps.status != taxonomy.Exception && ps.status != taxonomy.PickupReady
}

// parcelWindow works out one parcel's window; ok is false when nothing is known to count from.
func (j *judge) parcelWindow(ps *parcelState) (window, bool) {
	m := ps.method
	lo, hi := float64(m.MinDays), float64(m.MaxDays)
	var w window
	start := time.Time{}
	switch {
	case ps.first != nil:
		start = ps.first.at
		w = window{addDays(start, lo), addDays(start, hi), ETABasisMethod, 0}
		if ps.stage == StageLabelCreated {
			// Only a label: the carrier may take a few more days to collect it.
			w.latest = addDays(w.latest, float64(handlingDays[1]))
		}
	case !j.o.Date.IsZero():
		start = j.o.Date.Time
		w = window{addDays(start, lo+float64(handlingDays[0])), addDays(start, hi+float64(handlingDays[1])), ETABasisMethod, 0}
	default:
		return w, false
	}

	if share, ok := stageShare[ps.stage]; ok && ps.first != nil {
		if entry, ok := ps.stageEntry(); ok {
			left := [2]float64{lo * (1 - share[1]), hi * (1 - share[0])}
			// How long it took to get here against the usual: a slow parcel is likely to stay
			// slow, a fast one may stay fast; the window widens on that side only.
			if mid := (share[0] + share[1]) / 2 * (lo + hi) / 2; mid > 0 {
				pace := entry.Sub(start).Hours() / 24 / mid
				pace = math.Max(0.5, math.Min(2, pace))
				left[0] *= math.Min(pace, 1)
				left[1] *= math.Max(pace, 1)
			}
			left[1] = math.Max(left[1], 2) // the last mile still takes a day or two
			if ps.stage == StageDestination || ps.stage == StageLastMile {
				// In the destination country only the local carrier's delivery is left, and it
				// can end the same day whatever the method: the window opens at the stage's
				// entry. (Its end still follows the method's range: no delivered timeline we
				// have arrived after it, and bounding that leg by the stage's silence limits
				// instead lost hits; shared/evidence/README.md.)
				left[0] = 0
			}
			w = window{addDays(entry, left[0]), addDays(entry, left[1]), ETABasisStage, 0}
		}
	}

	if hw, ok := j.historyWindow(ps, start); ok {
		if w.basis == ETABasisStage && hw.latest.After(w.earliest) && w.latest.After(hw.earliest) {
			// Both hold: keep what they agree on.
			if w.earliest.After(hw.earliest) {
				hw.earliest = w.earliest
			}
			if w.latest.Before(hw.latest) {
				hw.latest = w.latest
			}
		}
		w = hw
	}
	return w, true
}

// historyWindow is the window from the buyer's own delivered trips of the same method to the
// same country that took at least as long as this parcel has been on its way. An order whose
// country is not known counts the trips of unknown country: the buyer's own orders, which the
// extension does not know the country of (My Orders does not say it), all went to the buyer.
func (j *judge) historyWindow(ps *parcelState, start time.Time) (window, bool) {
	country := strings.ToUpper(j.o.Buyer.Country)
	if len(j.history) == 0 || ps.first == nil || !ps.knownMeth {
		return window{}, false
	}
	elapsed := j.now.Sub(start).Hours() / 24
	var days []float64
	for _, t := range j.history {
		if t.Method == ps.method.ID && strings.EqualFold(t.Country, country) && t.Days > 0 && t.Days >= elapsed {
			days = append(days, t.Days)
		}
	}
	if len(days) < minHistoryTrips {
		return window{}, false
	}
	slices.Sort(days)
	lo, hi := days[0], days[len(days)-1]
	if len(days) >= 10 {
		lo, hi = quantile(days, 0.1), quantile(days, 0.9)
	}
	return window{addDays(start, lo), addDays(start, hi), ETABasisHistory, len(days)}, true
}

// quantile of sorted xs, by linear interpolation.
func quantile(xs []float64, q float64) float64 {
	pos := q * float64(len(xs)-1)
	i := int(pos)
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[i] + (pos-float64(i))*(xs[i+1]-xs[i])
}

// stageEntry is when the parcel reached its current stage: its first timed event at that
// stage or further along.
func (ps *parcelState) stageEntry() (time.Time, bool) {
	want := stageRank(ps.stage)
	for i := range ps.entries {
		e := &ps.entries[i]
		if !e.timed || e.Noise {
			continue
		}
		st := stageOf(e.acts, e.leg, true)
		switch {
		case e.leg == legDestination && stageRank(st) < stageRank(StageCustoms):
			st = StageDestination // as walk does: the furthest leg reached sets the stage
		case e.leg == legTransit && stageRank(st) < stageRank(StageInternational):
			st = StageInternational
		}
		if stageRank(st) >= want {
			return e.at, true
		}
	}
	return time.Time{}, false
}

// arrival works out the order's window (the parcels still on their way together) and adds its
// reasons. Called once the parcels are judged, before the verdict is drawn.
func (j *judge) arrival(os taxonomy.OrderStatus) *ETA {
	if os == taxonomy.Closed || os == taxonomy.AwaitingPayment || j.done(os) {
		return nil
	}
	if r := j.o.Buyer.Received; r != nil && *r {
		return nil
	}
	var ws []window
	var site []order.ParcelETA
	var focus *parcelState
	for i := range j.parcels {
		ps := &j.parcels[i]
		if len(ps.numbers) == 0 && len(ps.entries) == 0 && len(j.shipped) > 0 {
			continue
		}
		if !onTheWay(ps) {
			continue
		}
		if w, ok := j.parcelWindow(ps); ok {
			ws = append(ws, w)
			if focus == nil {
				focus = ps
			}
		}
		if p := j.o.Parcels[ps.index].ETA; !p.Earliest.IsZero() || !p.Latest.IsZero() || p.Text != "" {
			site = append(site, p)
		}
	}
	if len(j.parcels) == 0 && !j.o.Date.IsZero() {
		m, _ := j.orderMethod()
		start := j.o.Date.Time
		ws = append(ws, window{addDays(start, float64(m.MinDays+handlingDays[0])), addDays(start, float64(m.MaxDays+handlingDays[1])), ETABasisMethod, 0})
	}
	if len(ws) == 0 {
		return nil
	}
	e := &ETA{}
	for i, w := range ws {
		if i == 0 || w.earliest.Before(e.Earliest) {
			e.Earliest = w.earliest
		}
		if i == 0 || w.latest.After(e.Latest) {
			e.Latest, e.Basis, e.Samples = w.latest, w.basis, w.samples
		}
	}
	e.Earliest, e.Latest = day(e.Earliest), day(e.Latest)
	today := day(j.now)
	if e.Latest.Before(today) {
		e.Passed = true
	} else if e.Earliest.Before(today) {
		e.Earliest = today // still on its way: not before today
	}
	e.AliExpress = j.siteETA(site)

	if !j.o.Buyer.DisputeOpened && os != taxonomy.InDispute {
		j.judgeArrival(e, focus)
	}
	return e
}

// siteETA gathers what AliExpress's page says; nil when it says nothing.
func (j *judge) siteETA(parcels []order.ParcelETA) *SiteETA {
	pr := j.o.Promise
	if len(parcels) == 0 && pr.RefundBy.IsZero() && len(pr.Texts) == 0 {
		return nil
	}
	s := &SiteETA{Texts: []string{}}
	for _, p := range parcels {
		if !p.Earliest.IsZero() && (s.Earliest == nil || p.Earliest.Before(*s.Earliest)) {
			t := p.Earliest.UTC()
			s.Earliest = &t
		}
		if !p.Latest.IsZero() && (s.Latest == nil || p.Latest.After(*s.Latest)) {
			t := p.Latest.UTC()
			s.Latest = &t
		}
		if p.Text != "" && s.Text == "" {
			s.Text = p.Text
		}
	}
	s.Texts = append(s.Texts, pr.Texts...)
	if !pr.RefundBy.IsZero() {
		t := pr.RefundBy.UTC()
		s.RefundBy = &t
		left := int(math.Floor(t.Sub(j.now).Hours() / 24))
		s.RefundDaysLeft = &left
		s.RefundPassed = !j.now.Before(t)
	}
	return s
}

// refundFacts puts AliExpress's refund date into the facts of an advice's texts when it
// matters: the parcel is still expected (e is the arrival window: nil once delivered or over)
// and the date has passed, comes before Buyer Protection ends (or that end is unknown or
// over), or is at most refundNearDays away.
func refundFacts(f *advice.Facts, e *ETA, now time.Time) {
	if e == nil || e.AliExpress == nil || e.AliExpress.RefundBy == nil {
		return
	}
	s := e.AliExpress
	by := *s.RefundBy
	left := *s.RefundDaysLeft
	if !s.RefundPassed && left > refundNearDays && f.Deadline != nil && !f.Expired && !by.Before(*f.Deadline) {
		return
	}
	f.RefundBy = &by
	f.RefundPassed = s.RefundPassed
	if s.RefundPassed {
		f.RefundDaysSince = days(by, now)
	} else {
		f.RefundDaysLeft = max(left, 0)
	}
}

// judgeArrival: a window that ended without a delivery, and AliExpress's refund date coming
// or gone, are reasons in the verdict.
func (j *judge) judgeArrival(e *ETA, focus *parcelState) {
	tf := j.base
	if focus != nil {
		tf = j.parcelFacts(focus)
	}
	if s := e.AliExpress; s != nil && s.RefundBy != nil {
		f := tf
		f.BasisDate = s.RefundBy
		left := *s.RefundDaysLeft
		facts := Facts{DaysSinceOrder: j.daysSinceOrder(), LimitDays: ip(left)}
		switch {
		case s.RefundPassed:
			f.BasisDays = days(*s.RefundBy, j.now)
			j.add(finding{code: ReasonRefundDatePassed, verdict: taxonomy.Act, situation: advice.NoUpdatesTooLong, facts: facts, tf: &f})
		case left <= refundNearDays || e.Latest.After(*s.RefundBy):
			f.BasisDays = left
			j.add(finding{code: ReasonRefundDateNear, verdict: taxonomy.Watch, situation: advice.NoUpdatesTooLong, facts: facts, tf: &f})
		}
	}
	if e.Passed {
		f := tf
		latest := e.Latest
		f.BasisDate = &latest
		f.BasisDays = days(latest.Add(24*time.Hour), j.now)
		facts := Facts{Stage: Stage(tf.Stage), LimitDays: ip(f.BasisDays)}
		if focus != nil && focus.first != nil {
			facts.DaysSinceShipment = ip(tf.DaysSinceShipment)
		}
		facts.MethodDays = methodDays(tf)
		// No advice of its own: the stage and overdue rules say what to do about a late parcel.
		j.add(finding{code: ReasonETAPassed, verdict: taxonomy.Watch, parcel: focus, facts: facts, tf: &f})
	}
}
