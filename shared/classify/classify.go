package classify

import (
	"embed"
	"io/fs"
	"path"
	"strings"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

//go:embed codes/*.txt
var data embed.FS

// The rules, compiled from rules/*.txt and orders.txt by go generate (see compiled.go).
var (
	//go:embed compiled/events.bin
	compiledEvents string
	//go:embed compiled/orders.bin
	compiledOrders string
)

// The compiled rules. Loaded once at start-up from the embedded data and read-only after, so
// Event is safe for concurrent use. A broken data file is a programming error caught by the
// package's tests, hence the panic. Broken compiled rules panic at the first call instead, so
// that `go generate` (a test of this package) can still run and rewrite them.
var (
	eventRules *ruleset
	orderRules *ruleset
	rulesErr   error
	codeTables []*codeTable
)

func init() {
	var err error
	if eventRules, err = decodeRules(compiledEvents); err != nil {
		rulesErr = err
	}
	if orderRules, err = decodeRules(compiledOrders); err != nil {
		rulesErr = err
	}
	validParcel := func(s string) bool { return taxonomy.ParcelStatus(s).Valid() }
	entries, err := fs.Glob(data, "codes/*.txt")
	if err != nil {
		panic(err)
	}
	for _, name := range entries {
		b, err := data.ReadFile(name)
		if err != nil {
			panic(err)
		}
		t, err := parseCodes(strings.TrimSuffix(path.Base(name), ".txt"), string(b), validParcel)
		if err != nil {
			panic(err)
		}
		for k, e := range t.exact {
			e.vendor = vendorCodes(taxonomy.VendorCodesFor(taxonomy.ParcelStatus(e.status), e.reason))
			t.exact[k] = e
		}
		for k := range t.prefixes {
			e := &t.prefixes[k]
			e.vendor = vendorCodes(taxonomy.VendorCodesFor(taxonomy.ParcelStatus(e.status), e.reason))
		}
		codeTables = append(codeTables, t)
	}
}

// compileEventRules compiles the event rule files (rules/<lang>.txt), with each rule's vendor
// codes looked up once here rather than once per event.
func compileEventRules(files []ruleFile) (*ruleset, error) {
	rs, err := parseRules(files, func(s string) bool { return taxonomy.ParcelStatus(s).Valid() })
	if err != nil {
		return nil, err
	}
	for i := range rs.alts {
		a := &rs.alts[i]
		a.vendor = vendorCodes(taxonomy.VendorCodesFor(taxonomy.ParcelStatus(a.status), a.reason))
	}
	return rs, nil
}

// compileOrderRules compiles orders.txt.
func compileOrderRules(text string) (*ruleset, error) {
	return parseRules([]ruleFile{{lang: langNeutral, name: "orders.txt", text: text}},
		func(s string) bool { return taxonomy.OrderStatus(s).Valid() })
}

// vendorCodes is taxonomy.VendorCodes, precomputed per rule.
type vendorCodes taxonomy.VendorCodes

// langNeutral names rule files whose terms belong to no one language (codes spelled as words).
const langNeutral = "xx"

// problemPriority is the rule priority from which a text reports a problem (other
// exceptions, failed attempts, customs holds, losses, returns; see rules/en.txt): such a text
// outranks a routine carrier code.
const problemPriority = 85

// Confidence levels that do not come from a phrase rule.
const (
	confCode          = 0.95 // the carrier's own code, found in its table
	confCodeDisagrees = 0.8  // the code and the text name different statuses
	confCodeAsText    = 0.6  // no rule matched the text; the code read as words did
	confUnknownText   = 0.3  // text with letters that no rule understood
	confNoText        = 0.1  // nothing to read
)

// Event classifies one carrier event. It never fails: what it cannot read is "unknown" with a
// low confidence.
func Event(in Input) Result {
	if rulesErr != nil {
		panic(rulesErr)
	}
	var buf [512]byte
	text, sc := normalize(buf[:0], in.Text)
	hint := langHint(in.Lang)
	m := eventRules.match(text, hint)

	var res Result
	var textPriority int
	vendor := unknownVendor
	switch {
	case m.best != nil:
		res = Result{Status: taxonomy.ParcelStatus(m.best.status), Reason: m.best.reason,
			Rule: m.best.id(), Confidence: m.confidence(), Lang: m.best.lang}
		textPriority = m.best.priority
		vendor = m.best.vendor
	default:
		res = Result{Status: taxonomy.Unknown, Rule: "none", Confidence: confNoText}
		if sc != scriptNone {
			res.Confidence = confUnknownText
		}
	}

	if in.Code != "" {
		if e, ok := lookupCode(in.Carrier, in.Code); ok {
			st := taxonomy.ParcelStatus(e.status)
			switch {
			case m.best == nil || st == res.Status:
				res = Result{Status: st, Reason: e.reason, Rule: e.id, Confidence: confCode, Lang: res.Lang}
				vendor = e.vendor
				if m.best != nil && res.Reason == "" {
					res.Reason = m.best.reason
					vendor = m.best.vendor
				}
			case st == taxonomy.InTransit || st == taxonomy.Unknown || textPriority >= problemPriority:
				// The text is more specific, or reports a problem the code does not carry.
				res.Confidence = min(res.Confidence, confCodeDisagrees)
			default:
				res = Result{Status: st, Reason: e.reason, Rule: e.id, Confidence: confCodeDisagrees, Lang: res.Lang}
				vendor = e.vendor
			}
		} else if m.best == nil {
			// Some sources put the only words in the code: "OutForDelivery", "delivery_confirmed".
			var cbuf [128]byte
			ctext, _ := normalize(cbuf[:0], in.Code)
			if cm := eventRules.match(ctext, hint); cm.best != nil {
				res = Result{Status: taxonomy.ParcelStatus(cm.best.status), Reason: cm.best.reason,
					Rule: cm.best.codeID, Confidence: min(cm.confidence(), confCodeAsText), Lang: cm.best.lang}
				vendor = cm.best.vendor
			}
		}
	}

	if res.Lang == "" || res.Lang == langNeutral {
		res.Lang = langOfScript(sc, hint)
	}
	res.SeventeenTrack, res.AfterShip = vendor.SeventeenTrack, vendor.AfterShip
	return res
}

var unknownVendor = vendorCodes(taxonomy.VendorCodesFor(taxonomy.Unknown, ""))

// Events classifies a batch, in order.
func Events(in []Input) []Result {
	out := make([]Result, len(in))
	for i, e := range in {
		out[i] = Event(e)
	}
	return out
}

// OrderStatus maps an AliExpress order status text — buyer-facing ("Awaiting delivery",
// "Completed", in the site's languages) or the seller/Open-Platform state
// ("WAIT_BUYER_ACCEPT_GOODS") — to an order status; unknown when it cannot tell.
func OrderStatus(text string) taxonomy.OrderStatus {
	if rulesErr != nil {
		panic(rulesErr)
	}
	var buf [256]byte
	n, _ := normalize(buf[:0], text)
	if m := orderRules.match(n, ""); m.best != nil {
		return taxonomy.OrderStatus(m.best.status)
	}
	return taxonomy.OrderUnknown
}

func lookupCode(carrier, code string) (codeEntry, bool) {
	var kbuf, cbuf [64]byte
	key := codeKey(kbuf[:0], code)
	if len(key) == 0 {
		return codeEntry{}, false
	}
	ck := carrierKey(cbuf[:0], carrier)
	for _, t := range codeTables {
		if t.selects(ck) {
			if e, ok := t.lookup(key); ok {
				return e, true
			}
		}
	}
	for _, t := range codeTables {
		if t.any && !t.selects(ck) {
			if e, ok := t.lookup(key); ok {
				return e, true
			}
		}
	}
	return codeEntry{}, false
}

// langHint is the two-letter language of a hint such as "pt-BR" or "RU", without allocating
// when it is already lower case.
func langHint(l string) string {
	if len(l) < 2 {
		return ""
	}
	if len(l) > 2 && l[2] != '-' && l[2] != '_' {
		return ""
	}
	l = l[:2]
	if l[0] >= 'A' && l[0] <= 'Z' || l[1] >= 'A' && l[1] <= 'Z' {
		return strings.ToLower(l)
	}
	return l
}

func langOfScript(sc script, hint string) string {
	switch sc {
	case scriptCyrillic:
		if hint == "uk" || hint == "be" || hint == "bg" || hint == "kk" {
			return hint
		}
		return "ru"
	case scriptHan:
		if hint == "ja" {
			return hint
		}
		return "zh"
	case scriptHangul:
		return "ko"
	case scriptKana:
		return "ja"
	}
	return hint
}
