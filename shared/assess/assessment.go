// Package assess judges an order: where its parcels stand, whether the current pause is
// normal, how long Buyer Protection still runs, and which advice applies. It is pure: the
// clock comes in through Options, so the same order and time always give the same result.
//
// Parcel state (timeline.go): every event is classified with classify.Event; the events of
// a parcel's numbers (origin and last mile) are merged, times without a zone are read in
// the zone the same number's other events use, the timeline is put in a total order (time,
// then journey progress, then text) so that the input order never matters, and repeats
// (same minute, text and place) are dropped. The latest event the classifier can read sets
// the status, except that after "delivered" or "returned" later scans are noise unless they
// report a return. Stage and route legs follow the furthest point the parcel is known to
// have reached (route.go): once an event proves it is in the buyer's country (an arrival,
// import customs, a place in that country, a scan on the last-mile number or by the
// last-mile carrier), a later acceptance or sorting scan by the local carrier is the
// destination stage, never "still in the sending country".
//
// Verdicts (judge.go) come from rules kept as data in methods.go: the usual duration of each
// shipping method (shared/DESIGN.md §3), how long a parcel may stay silent at each stage (postal
// and express tables; international transit has no silence limit, only the method's upper
// bound plus a grace period), order processing and seller-reply limits, and the local
// carrier of each destination country. Buyer Protection comes from the page (ends_at, or
// days_left counted from read_at) or is estimated from the method and the order date;
// whenever protection is within 7 days, or the parcel would at the usual pace arrive after
// it, the verdict says not to wait.
//
// Every text (reasons, summary, advice) is written by package advice in the chosen
// language.
package assess

import (
	"time"

	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/order"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// Options are the inputs that are not part of the order.
type Options struct {
	Now  time.Time // the clock; zero means time.Now()
	Lang string    // language of texts ("en", "ru"); empty means the buyer's, else English
	// History is the buyer's own delivered trips (Trips of earlier orders), for the arrival
	// window; nil: the window rests on the method and the stage alone.
	History []Trip
	// Events classifies carrier events; nil means classify.Event. Batch passes a memo of it,
	// so that an event text repeated across a call's orders is classified once.
	Events func(classify.Input) classify.Result
}

// Stage is where in its journey a parcel (or an order) is; coarser than a status.
type Stage string

// The stages, in journey order.
const (
	StageNotShipped    Stage = "not_shipped"   // the seller has not shipped; no tracking number
	StageLabelCreated  Stage = "label_created" // a number exists, the carrier has not scanned it
	StageOrigin        Stage = "origin"        // with the carrier in the sending country
	StageInternational Stage = "international" // left the sending country, in transit abroad
	StageCustoms       Stage = "customs"       // in customs in the destination country
	StageDestination   Stage = "destination"   // in the destination country, with the local carrier
	StageLastMile      Stage = "last_mile"     // out for delivery or waiting for pickup
	StageDelivered     Stage = "delivered"     // delivered or collected
	StageReturning     Stage = "returning"     // going back to, or back with, the sender
	StageException     Stage = "exception"     // lost, damaged, stopped
	StageUnknown       Stage = "unknown"       // tracking says nothing usable
)

// Assessment is the judgement of one order. Its JSON is `orderwatch advise --json`, the
// WebAssembly assess result, and the source of the server's derived fields.
type Assessment struct {
	OrderID     string                `json:"order_id"`
	OrderStatus taxonomy.OrderStatus  `json:"order_status"`
	Status      taxonomy.ParcelStatus `json:"status"` // of the parcel needing most attention (of equals, the least advanced)
	Reason      string                `json:"reason"` // sub-status of Status: "lost", "duties_due", … or ""
	Stage       Stage                 `json:"stage"`
	Verdict     taxonomy.Verdict      `json:"verdict"`
	Reasons     []Reason              `json:"reasons"` // most serious first; never nil
	Summary     string                `json:"summary"` // one or two sentences in plain words

	LastUpdate        *time.Time `json:"last_update"`         // last meaningful carrier event; null if none
	DaysSinceUpdate   *int       `json:"days_since_update"`   // null if no event
	DaysSinceShipment *int       `json:"days_since_shipment"` // from the first carrier event; null if none

	Method     Method          `json:"method"`
	Protection Protection      `json:"protection"`
	ETA        *ETA            `json:"eta"`     // arrival window (eta.go); null once nothing is on its way
	Parcels    []Parcel        `json:"parcels"` // never nil
	Advice     []advice.Advice `json:"advice"`  // most urgent first; never nil

	Confidence float64   `json:"confidence"` // 0..1: how much to trust the verdict given the data
	Lang       string    `json:"lang"`       // language of every text in the assessment
	Now        time.Time `json:"now"`        // the clock the assessment was made with
}

// Reason is one finding behind the verdict, in plain words with the facts it rests on.
type Reason struct {
	Code    ReasonCode       `json:"code"` // stable identifier, one of ReasonCodes
	Verdict taxonomy.Verdict `json:"verdict"`
	Text    string           `json:"text"`
	Facts   Facts            `json:"facts"`
}

// Facts are the numbers a reason rests on; absent ones are omitted.
type Facts struct {
	Stage              Stage                 `json:"stage,omitempty"`
	Status             taxonomy.ParcelStatus `json:"status,omitempty"`
	DaysSilent         *int                  `json:"days_silent,omitempty"`
	DaysSinceShipment  *int                  `json:"days_since_shipment,omitempty"`
	DaysSinceOrder     *int                  `json:"days_since_order,omitempty"`
	LimitDays          *int                  `json:"limit_days,omitempty"`  // the threshold the rule used
	MethodDays         string                `json:"method_days,omitempty"` // "15–30"
	ProtectionDaysLeft *int                  `json:"protection_days_left,omitempty"`
	Number             string                `json:"number,omitempty"`
	Carrier            string                `json:"carrier,omitempty"`
	Location           string                `json:"location,omitempty"`
	Expected           string                `json:"expected,omitempty"` // e.g. the buyer's city or country
}

// Method is the shipping method and its usual duration.
type Method struct {
	ID       string `json:"id"`   // "aliexpress_standard", …, "unknown"
	Name     string `json:"name"` // as given, or the table's name
	MinDays  int    `json:"min_days"`
	MaxDays  int    `json:"max_days"`
	Tracking string `json:"tracking"` // "detailed", "good", "limited", "varies"
	Known    bool   `json:"known"`    // false: a default was used, confidence is lower
}

// Protection sources.
const (
	SourcePage      = "page"
	SourceEstimated = "estimated"
)

// Protection is the Buyer Protection countdown.
type Protection struct {
	Deadline *time.Time `json:"deadline"` // null when nothing is known to estimate from
	Source   string     `json:"source"`   // SourcePage or SourceEstimated ("" when unknown)
	Basis    string     `json:"basis"`    // in plain words: what the deadline came from
	DaysLeft *int       `json:"days_left"`
	Warning  int        `json:"warning"` // 7, 3 or 1 when that many days or fewer are left; 0 otherwise
	Expired  bool       `json:"expired"`
}

// Parcel is the state of one parcel of the order.
type Parcel struct {
	Numbers         []order.ParcelNumber  `json:"numbers"`
	Status          taxonomy.ParcelStatus `json:"status"`
	Reason          string                `json:"reason"`
	Stage           Stage                 `json:"stage"`
	LastUpdate      *time.Time            `json:"last_update"`
	DaysSinceUpdate *int                  `json:"days_since_update"`
	Timeline        []Event               `json:"timeline"` // merged, deduplicated, oldest first
	Legs            []Leg                 `json:"legs"`
}

// Event is one carrier event of a merged timeline, with its classification.
type Event struct {
	Time order.Time `json:"time"` // as the carrier gave it
	// At is the instant the timeline is ordered by, in UTC: Time, or for a time without a
	// zone, the wall clock read in the zone the same number's other events use. Null when
	// the event has no time.
	At         *time.Time            `json:"at"`
	Text       string                `json:"text"`
	Location   string                `json:"location,omitempty"`
	Carrier    string                `json:"carrier,omitempty"`
	Number     string                `json:"number,omitempty"`
	Status     taxonomy.ParcelStatus `json:"status"`
	Reason     string                `json:"reason,omitempty"`
	Confidence float64               `json:"confidence"`
	// Noise marks an event that does not change the parcel's state, such as a stray scan
	// after delivery.
	Noise bool `json:"noise,omitempty"`
}

// Leg is one part of the route: origin, transit or destination.
type Leg struct {
	Name    string     `json:"name"`   // "origin", "transit", "destination"
	State   string     `json:"state"`  // "done", "current", "pending"
	Start   *time.Time `json:"start"`  // first event of the leg
	End     *time.Time `json:"end"`    // last event of the leg
	Places  []string   `json:"places"` // distinct locations in order of appearance
	Carrier string     `json:"carrier,omitempty"`
	Number  string     `json:"number,omitempty"`
}
