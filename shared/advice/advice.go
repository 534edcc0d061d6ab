// Package advice turns a situation an order is in into what the buyer should do: ordered
// steps, the evidence to keep, a message to the seller and a dispute text, filled with the
// order's facts and written in the buyer's language. The texts are data (templates per
// language), so a new language is a data change.
package advice

import "time"

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
	SellerNotResponding   Situation = "seller_not_responding"
)

// Advice is what to do about one situation of one order.
type Advice struct {
	Situation Situation `json:"situation"`
	Title     string    `json:"title"`
	// Deadline is the date that matters for this situation (usually the end of Buyer
	// Protection); DeadlineText says in plain words what it is and where it came from.
	Deadline      *time.Time `json:"deadline"`
	DeadlineText  string     `json:"deadline_text"`
	Steps         []string   `json:"steps"`
	Evidence      []string   `json:"evidence"`
	SellerMessage string     `json:"seller_message"`
	DisputeText   string     `json:"dispute_text"`
}
