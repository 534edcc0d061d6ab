package classify

import (
	_ "embed"
	"strings"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

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
	// std is the classifier Event uses: the compiled rules, code tables, vocabularies and model.
	std *classifier
)

// The vocabularies and the fallback model, compiled from vocab/*.csv (and the labelled test
// sets, for the model) by go generate (see vocab.go and model.go).
var (
	//go:embed compiled/vocab.bin
	compiledVocab string
	//go:embed compiled/model.bin
	compiledModel string
)

// classifier is everything Event consults. The package's own is built once from the compiled
// data; the evaluation builds others from subsets of the labelled rows.
type classifier struct {
	events *ruleset
	codes  []*codeTable // codes/*.txt
	vocab  *vocab       // carriers' code tables and official texts
	model  *model       // the fallback, nil for none
}

func init() {
	var err error
	// First: normalize reads it.
	if hanFold, err = decodeHan(compiledHan); err != nil {
		rulesErr = err
	}
	if eventRules, err = decodeRules(compiledEvents); err != nil {
		rulesErr = err
	}
	if orderRules, err = decodeRules(compiledOrders); err != nil {
		rulesErr = err
	}
	if codeTables, err = decodeCodes(compiledCodes); err != nil {
		rulesErr = err
	}
	std = &classifier{events: eventRules, codes: codeTables}
	if std.vocab, err = decodeVocab(compiledVocab); err != nil {
		rulesErr = err
	}
	if std.model, err = decodeModel(compiledModel); err != nil {
		rulesErr = err
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

// Confidence levels of the vocabularies and the model.
const (
	confTextCarrier = 0.95 // the carrier's own official text, exactly
	confTextAny     = 0.9  // another carrier's official text, exactly
	confTextRules   = 0.8  // an official text whose label the rules disagree with
	confTextClause  = 0.6  // no rule read the text; one of its clauses is an official text
	// The fallback model's guesses, below every rule's confidence, by their whole margin (the
	// best class's score over the runner-up's, in the int8 weights' units): each level about
	// how often such guesses were right on held-out sources (leave-one-source-out, DEV half, 6
	// Dec, 8,439 rows; README.md "The fallback model: smaller, its confidence by margin"):
	// under modelThinMargin 29% (121/412), up to modelSureMargin 41% (219/538), from it 73%
	// (48/66). The last is capped under 0.5: assess shows a guess and moves nothing on it, and
	// 66 rows are too few to let a quarter of them move a parcel wrongly. The bands are in the
	// weights' scale: re-read them (TestModelAccuracy) when the model is trained otherwise.
	// Only an exact tie between the best and second classes stays "unknown": a guess in the
	// thinnest band is still right more often than its text is labelled unknown (14% of the
	// model's answers are).
	confModel       = 0.4
	confModelThin   = 0.3
	confModelSure   = 0.45
	modelThinMargin = 100
	modelSureMargin = 400
	modelMinMargin  = 1e-9 // above an exact tie
)

// isProblem reports whether a status (by index in taxonomy.ParcelStatuses) reports a problem
// as a rule of priority ≥ problemPriority does: customs hold, failed attempt, return, other
// exception.
func isProblem(s taxonomy.ParcelStatus) bool {
	switch s {
	case taxonomy.CustomsHeld, taxonomy.DeliveryFailed, taxonomy.Returning, taxonomy.Returned, taxonomy.Exception:
		return true
	}
	return false
}

// Event classifies one carrier event. It never fails: what it cannot read is "unknown" with a
// low confidence.
func Event(in Input) Result {
	if rulesErr != nil {
		panic(rulesErr)
	}
	return std.event(in)
}

// event classifies one event. Precedence, from the strongest evidence down:
//
//  1. the carrier's own code in its table (vocab/*.csv, then codes/*.txt) — unless the text
//     names another status and the code is only in the tables gathered under the carrier's
//     name (not one of codes/*.txt's curated systems: codeEntry.system); or, for a curated
//     system's code, unless the code is generic (in transit, unknown) and the text says more,
//     the text reports a problem (rule priority ≥ 85, or an official text labelled as one),
//     or the text is exactly one of the carrier's own official texts;
//  2. the text, exactly as in an official vocabulary: the carrier's own outranks the rules,
//     which only approximate such texts; another carrier's only where the rules agree or
//     say nothing (measured: where the two disagreed on held-out sources, the rules were
//     right 23 times, the other carrier's label 12);
//  3. the phrase rules (rules/*.txt);
//  4. the code read as words ("OutForDelivery"): by the rules, and when there is no text and
//     no rule reads them, by the fallback model (stage 6's, on the code's words: "AVAILABLE_IN_SHOP");
//  5. a clause of the text that is exactly an official text ("Objeto em trânsito - por favor
//     aguarde - de Unidade de Tratamento em …": the status, then the particulars);
//  6. the fallback model over character n-grams, with a confidence below every rule's, and
//     "unknown" when its margin is thin.
func (c *classifier) event(in Input) Result {
	var buf [512]byte
	text, sc := normalize(buf[:0], in.Text)
	hint := langHint(in.Lang)
	m := c.events.match(text, hint)
	ci := -1
	var cbuf [96]byte // carrierKey reads 64 bytes of the name at most
	ck := carrierKey(cbuf[:0], in.Carrier)
	if c.vocab != nil {
		ci = c.vocab.carrier(ck)
	}

	var res Result
	var textPriority int
	hasText := false // the text told a status (a rule or an official text)
	ownText := false // the text is, exactly, one of the carrier's own official texts
	vendor := unknownVendor
	switch {
	case m.best != nil:
		res = Result{Status: taxonomy.ParcelStatus(m.best.status), Reason: m.best.reason,
			Rule: m.best.id(), Confidence: m.confidence(), Lang: m.best.lang}
		textPriority = m.best.priority
		vendor = m.best.vendor
		hasText = true
	default:
		res = Result{Status: taxonomy.Unknown, Rule: "none", Confidence: confNoText}
		if sc != scriptNone {
			res.Confidence = confUnknownText
		}
	}

	if c.vocab != nil && sc != scriptNone {
		if e, ok := c.vocab.text(text, ci); ok && e.carrier == anyCarrier && m.best != nil && taxonomy.ParcelStatuses[e.status] != res.Status {
			// Another carrier's text the rules read otherwise: carriers label the same words
			// by what their own codes mean ("UNCLAIMED" is a return for one, an exception for
			// another), and over held-out sources the rules were right more often here.
			res.Confidence = min(res.Confidence, confTextRules)
		} else if ok {
			st := taxonomy.ParcelStatuses[e.status]
			conf, id := confTextAny, textAnyID
			if e.carrier != anyCarrier {
				conf, id = confTextCarrier, c.vocab.carriers[e.carrier].textID
				ownText = true
			}
			reason := ""
			v := statusVendor[e.status]
			switch {
			case m.best == nil:
			case st == res.Status:
				reason, v = m.best.reason, m.best.vendor
				conf = max(conf, res.Confidence)
			default:
				conf = confTextRules
			}
			lang := e.lang
			if lang == "" {
				lang = res.Lang
			}
			res = Result{Status: st, Reason: reason, Rule: id, Confidence: conf, Lang: lang}
			vendor = v
			textPriority = 0
			if isProblem(st) {
				textPriority = problemPriority
			}
			hasText = true
		}
	}

	codeUsed := false
	if in.Code != "" {
		if e, ok := c.lookupCode(ci, ck, in.Code); ok {
			codeUsed = true
			st := taxonomy.ParcelStatus(e.status)
			switch {
			case !hasText || st == res.Status:
				reason, v := e.reason, e.vendor
				if hasText && reason == "" {
					reason, v = res.Reason, vendor
				}
				res = Result{Status: st, Reason: reason, Rule: e.id, Confidence: confCode, Lang: res.Lang}
				vendor = v
			case st == taxonomy.InTransit || st == taxonomy.Unknown || textPriority >= problemPriority ||
				ownText && res.Status != taxonomy.InTransit && res.Status != taxonomy.Unknown:
				// The text is more specific, or reports a problem the code does not carry, or
				// is the carrier's own text naming another stage: one code is written beside
				// several texts, a text names one event. A generic own text ("In transit",
				// shown by trackers for every line-haul code) leaves the code its stage.
				res.Confidence = min(res.Confidence, confCodeDisagrees)
			case !e.system && res.Status != taxonomy.Unknown:
				// A code from the tables gathered under the carrier's name, and the text names
				// another stage: the text decides. A carrier's name holds several code systems
				// (national branches, products, the aggregators that re-code it), and the same
				// code means different stages in them. Measured on held-out sources, where the
				// two disagreed the text was right 105 times, the code 43; where the text was
				// "in transit" and the code more specific, the text was still right 2 to 1.
				res.Confidence = min(res.Confidence, confCodeDisagrees)
			default:
				res = Result{Status: st, Reason: e.reason, Rule: e.id, Confidence: confCodeDisagrees, Lang: res.Lang}
				vendor = e.vendor
			}
		} else if !hasText {
			// Some sources put the only words in the code: "OutForDelivery", "delivery_confirmed".
			var cbuf [128]byte
			ctext, csc := normalize(cbuf[:0], in.Code)
			if cm := c.events.match(ctext, hint); cm.best != nil {
				res = Result{Status: taxonomy.ParcelStatus(cm.best.status), Reason: cm.best.reason,
					Rule: cm.best.codeText(), Confidence: min(cm.confidence(), confCodeAsText), Lang: cm.best.lang}
				vendor = cm.best.vendor
				codeUsed = true
			} else if csc != scriptNone && sc == scriptNone {
				// A code of words no rule reads ("AVAILABLE_IN_SHOP") is what the model is for;
				// a code of no known word ("X40") it leaves alone (model.knowsWords).
				if g, v, ok := c.guess(ctext, modelCodeRuleIDs); ok {
					res, vendor, codeUsed = g, v, true
				}
			}
		}
	}

	if !hasText && !codeUsed && sc != scriptNone && c.vocab != nil {
		// Carriers write their official status and then the particulars: "Objeto em trânsito -
		// por favor aguarde - de Unidade de Tratamento em CURITIBA / PR". No rule read the
		// whole, so a clause that is exactly an official text decides before the model guesses.
		if e, ok := c.vocab.clause(text, ci); ok {
			res = Result{Status: taxonomy.ParcelStatuses[e.status], Rule: textClauseID, Confidence: confTextClause, Lang: e.lang}
			vendor = statusVendor[e.status]
			hasText = true
		}
	}

	if !hasText && !codeUsed && sc != scriptNone {
		if g, v, ok := c.guess(text, modelRuleIDs); ok {
			g.Lang = res.Lang
			res, vendor = g, v
		}
	}

	if res.Lang == "" || res.Lang == langNeutral {
		res.Lang = langOfScript(sc, hint)
	}
	res.SeventeenTrack, res.AfterShip = vendor.SeventeenTrack, vendor.AfterShip
	return res
}

// modelConfidence is the confidence of the model's guess with the given whole margin.
func modelConfidence(margin float64) float64 {
	switch {
	case margin < modelThinMargin:
		return confModelThin
	case margin >= modelSureMargin:
		return confModelSure
	}
	return confModel
}

// guess is the fallback model's answer for a normalised text, under one of ids (modelRuleIDs
// or modelCodeRuleIDs); false when there is no model, it knows none of the words, its best is
// unknown or its margin is thin.
func (c *classifier) guess(text []byte, ids []string) (Result, vendorCodes, bool) {
	if c.model == nil {
		return Result{}, unknownVendor, false
	}
	st, margin, ok := c.model.predict(text)
	if !ok || st == taxonomy.Unknown || margin < modelMinMargin {
		return Result{}, unknownVendor, false
	}
	i := statusIndex(st)
	return Result{Status: st, Rule: ids[i], Confidence: modelConfidence(margin)}, statusVendor[i], true
}

// modelRuleIDs are the rule ids of the model's answers: "model:delivered"; modelCodeRuleIDs
// of its answers from a code read as words: "code-text:model:delivered".
var modelRuleIDs, modelCodeRuleIDs = modelIDs("model:"), modelIDs("code-text:model:")

func modelIDs(prefix string) []string {
	ids := make([]string, len(taxonomy.ParcelStatuses))
	for i, s := range taxonomy.ParcelStatuses {
		ids[i] = prefix + string(s)
	}
	return ids
}

// lookupCode finds an event's code: in the carrier's vocabulary table, then in the code files
// that the carrier selects — first the full code, then a two-part code's type alone — and
// last in the code files whose codes are distinctive enough for any carrier.
func (c *classifier) lookupCode(ci int, ck []byte, code string) (codeEntry, bool) {
	var kbuf [64]byte
	key := codeKey(kbuf[:0], code)
	if len(key) == 0 {
		return codeEntry{}, false
	}
	var sel uint64 // the code files the carrier selects (bit i: c.codes[i]), worked out once
	for i, t := range c.codes {
		if i < 64 && t.selects(ck) {
			sel |= 1 << i
		}
	}
	for _, typeAlone := range [2]bool{false, true} {
		if c.vocab != nil {
			if e, ok := c.vocab.code(ci, key, typeAlone); ok {
				hit := codeEntry{status: string(taxonomy.ParcelStatuses[e.status]), id: e.id, vendor: statusVendor[e.status]}
				// The vocabularies give statuses only; a code file that agrees may know the
				// reason ("14.1 customs/released").
				for i, t := range c.codes {
					if sel&(1<<i) != 0 {
						x, ok := t.lookup(key, typeAlone)
						if ok && x.status == hit.status && x.reason != "" {
							hit.reason, hit.vendor = x.reason, x.vendor
						}
						if !ok {
							_, ok = t.lookup(key, !typeAlone)
						}
						// The file knows the code or its type ("2" for "2.1"): a curated system's.
						hit.system = hit.system || ok
					}
				}
				return hit, true
			}
		}
		for i, t := range c.codes {
			if sel&(1<<i) != 0 {
				if e, ok := t.lookup(key, typeAlone); ok {
					e.system = true
					return e, true
				}
			}
		}
	}
	for _, typeAlone := range [2]bool{false, true} {
		for i, t := range c.codes {
			if t.any && sel&(1<<i) == 0 {
				if e, ok := t.lookup(key, typeAlone); ok {
					e.system = true
					return e, true
				}
			}
		}
	}
	return codeEntry{}, false
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
		l = strings.ToLower(l)
	}
	// The codes ISO 639 retired, which Java locales and many carrier systems still send.
	switch l {
	case "iw":
		return "he"
	case "in":
		return "id"
	case "ji":
		return "yi"
	}
	return l
}

// ruleLang is the rule file whose rules a language hint's ties go to (ruleset.match): a
// language another file reads (Norwegian Bokmål and Nynorsk by nb.txt; Croatian, Bosnian and Montenegrin by sr.txt,
// written for both alphabets and both variants) or the hint itself.
func ruleLang(hint string) string {
	switch hint {
	case "no", "nn":
		return "nb"
	case "hr", "bs":
		return "sr"
	}
	return hint
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
