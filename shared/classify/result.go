// Package classify turns one raw carrier event — in any of many languages, with or without the
// carrier's own code — into a status of the taxonomy, with the reason, the rule that fired and
// a confidence. It also maps AliExpress order status texts to order statuses.
package classify

import "github.com/orderwatch/orderwatch/shared/taxonomy"

// Input is one carrier event; only Text is required.
type Input struct {
	Text    string `json:"text"`
	Carrier string `json:"carrier,omitempty"`
	Code    string `json:"code,omitempty"`
	Lang    string `json:"lang,omitempty"`
}

// Result is the classification of one event. Its JSON is one line of `orderwatch classify`
// and one element of the WebAssembly classify result.
type Result struct {
	Status         taxonomy.ParcelStatus `json:"status"`
	Reason         string                `json:"reason"`     // sub-status: "lost", "duties_due", … or ""
	Confidence     float64               `json:"confidence"` // 0..1
	Rule           string                `json:"rule"`       // which rule fired, for explanations
	Lang           string                `json:"lang"`       // the language the rule matched in
	SeventeenTrack string                `json:"seventeen_track"`
	AfterShip      string                `json:"aftership"`
}
