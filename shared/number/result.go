// Package number tells AliExpress order numbers from tracking numbers, validates tracking
// numbers and ranks the carriers they may belong to, with where to check each one.
package number

// Kind says what a pasted input is.
type Kind string

const (
	OrderNumber    Kind = "order_number"
	TrackingNumber Kind = "tracking_number"
	Invalid        Kind = "invalid"
)

// Result is everything known about one raw input. Its JSON is one line of `orderwatch number`
// and the return value of the WebAssembly parseNumber.
type Result struct {
	Input      string      `json:"input"`
	Normalized string      `json:"normalized"`
	Kind       Kind        `json:"kind"`
	Valid      bool        `json:"valid"`
	Message    string      `json:"message,omitempty"` // plain words: why invalid, or "this is an order number, not a tracking number"
	Candidates []Candidate `json:"candidates"`        // best first; never nil
}

// Candidate is one carrier the number may belong to.
type Candidate struct {
	Kind       Kind     `json:"kind"`       // order_number or tracking_number: what this reading makes of the input
	Format     string   `json:"format"`     // id of the matching format, "yunexpress", "s10", "aliexpress_order"
	Evidence   string   `json:"evidence"`   // how well the format is backed: SPEC, SEEN or FOLK
	Valid      bool     `json:"valid"`      // false: the format fits but a check failed (check digit, country)
	Carrier    string   `json:"carrier"`    // display name, "YunExpress"
	CarrierID  string   `json:"carrier_id"` // stable slug, "yunexpress"
	Service    string   `json:"service,omitempty"`
	Country    string   `json:"country,omitempty"` // issuing country (ISO alpha-2) when the format says
	CheckDigit string   `json:"check_digit"`       // "valid", "invalid" or "none"
	Score      float64  `json:"score"`             // 0..1, how plausible; candidates are sorted by it
	Why        []string `json:"why"`               // why this carrier fits, in plain words
	URLs       []Link   `json:"urls"`              // where to check it: the carrier, Cainiao, 17TRACK
}

// Link is a named place to check a number.
type Link struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}
