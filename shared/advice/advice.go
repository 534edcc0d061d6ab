// Package advice turns a situation an order is in into what the buyer should do: ordered
// steps, the evidence to keep, a message to the seller and a dispute text, filled with the
// order's facts and written in the buyer's language. Every text lives in texts/<lang>.json
// (text/template strings), so a new language is a data change.
//
// A language file also holds its month names, a date_format ("{day} {month} {year}",
// "{year}년 {month} {day}일") and plural.day: the text of each CLDR plural category the
// language uses for whole numbers ("one": "{n} день", "few": "{n} дня", "many": "{n} дней",
// "other": …). Which category a number takes comes from CLDR's rules (plural.go, held by a
// test to golang.org/x/text's CLDR data). Resolve maps any language tag to a language that has texts; the
// command line and the WebAssembly module both go through it.
//
// The tests hold every language to English: the same keys, the same placeholders, the
// plural categories its rules use, and (in package assess) every scenario rendered with no
// English left in, no template debris and no negative day count.
package advice

import (
	"time"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// Situation names a problem an order can be in.
type Situation string

// The situations advice is written for.
const (
	NoTrackingYet         Situation = "no_tracking_yet"
	InvalidTrackingNumber Situation = "invalid_tracking_number"
	NoUpdatesTooLong      Situation = "no_updates_too_long"
	CustomsHeld           Situation = "customs_held"
	DeliveredNotReceived  Situation = "delivered_not_received"
	WrongDestination      Situation = "wrong_destination"
	ReturnedToSender      Situation = "returned_to_sender"
	ProtectionEnding      Situation = "protection_ending"
	ProtectionExpired     Situation = "protection_expired"
	SellerNotResponding   Situation = "seller_not_responding"
	ParcelException       Situation = "parcel_exception"
	AwaitingPickup        Situation = "awaiting_pickup"
)

// Situations lists every situation, for completeness checks of the texts.
var Situations = []Situation{
	NoTrackingYet, InvalidTrackingNumber, NoUpdatesTooLong, CustomsHeld, DeliveredNotReceived,
	WrongDestination, ReturnedToSender, ProtectionEnding, ProtectionExpired, SellerNotResponding, ParcelException,
	AwaitingPickup,
}

// Advice is what to do about one situation of one order.
type Advice struct {
	Situation Situation `json:"situation"`
	Title     string    `json:"title"`
	// Deadline is the date that matters for this situation: the end of Buyer Protection.
	// DeadlineText says in plain words what it is, where it came from and what to do by then.
	Deadline      *time.Time `json:"deadline"`
	DeadlineText  string     `json:"deadline_text"`
	Steps         []string   `json:"steps"`
	Evidence      []string   `json:"evidence"`
	SellerMessage string     `json:"seller_message"`
	DisputeText   string     `json:"dispute_text"`
	// The same message and dispute text in English, for sellers and AliExpress support, who
	// read English; set only when the advice is in another language.
	SellerMessageEn string `json:"seller_message_en,omitempty"`
	DisputeTextEn   string `json:"dispute_text_en,omitempty"`
}

// Facts are an order's facts as the texts use them. Zero values are fine: templates leave
// out what is not known.
type Facts struct {
	OrderID   string
	OrderDate *time.Time
	Store     string

	Method        string // shipping method name
	MethodUnknown bool   // Method is the language's "this shipping method": no name is known
	MethodMin     int    // usual delivery time in days
	MethodMax     int

	Number         string // the tracking number the text is about
	Carrier        string
	LastMileNumber string
	LocalCarrier   string // the last-mile carrier, or the usual one of the buyer's country

	Status            taxonomy.ParcelStatus
	Stage             string // where the parcel is, a stage of package assess ("origin", "destination", …) or ""
	Detail            string // the sub-status in plain words ("duties due", "refused") or ""
	DetailCode        string // the sub-status's code ("duties_due"), for the English copies
	LastEvent         string // the last carrier event's text
	LastUpdate        *time.Time
	DeliveredAt       *time.Time
	DaysSilent        int
	DaysSinceShipment int
	DaysSinceOrder    int

	ShownPlace      string // where tracking shows the parcel
	ExpectedPlace   string // where the buyer is
	ExpectedPlaceEn string // the same in English, when it differs ("Russia" for "Россия")

	Deadline       *time.Time // end of Buyer Protection
	DeadlineSource string     // "page", "estimated" or ""
	DeadlineBasis  string     // what the deadline came from, in plain words
	DaysLeft       int
	Expired        bool
	DaysSinceEnd   int        // days since Buyer Protection ended, when Expired
	BasisDate      *time.Time // for protection basis texts
	BasisDays      int

	// AliExpress's own promise, "Refund if no delivery before <date>" (fastDeliveryInfoDTO):
	// set by package assess only while the parcel is still expected and the date matters
	// (it has passed, comes before Buyer Protection ends, or is near); the deadline text
	// then names it beside Buyer Protection.
	RefundBy        *time.Time
	RefundDaysLeft  int  // days until RefundBy, when it has not passed
	RefundPassed    bool // RefundBy is over and the parcel has not arrived
	RefundDaysSince int  // days since RefundBy, when RefundPassed

	SellerAskedAt  *time.Time
	DaysSinceAsked int

	Headline string // for summary templates
}

// For writes the advice for situation s in language lang (a tag such as "ru" or "ru-RU";
// unknown languages get English).
func For(s Situation, f Facts, lang string) Advice {
	return Lang(lang).For(s, f)
}
