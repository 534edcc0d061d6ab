package classify

import (
	"bufio"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// A ruleset is a set of phrase rules compiled into one matcher. Rules are data (rules/*.txt,
// one file per language), so a language is added by adding a file, not code.
//
// A rule line reads
//
//	status[/reason] priority [confidence] : alternative | alternative | …
//
// and indented lines that follow add more alternatives to it. An alternative is one or more
// terms joined by "&" (all must occur); a term starting with "!" must not occur. A term is a
// phrase matched on whole words after normalisation (so accents and case do not matter);
// "deliver*" matches word starts ("delivered", "delivery"), "*zustell*" matches inside words
// (German compounds), and terms in Han, Hangul, kana or Thai script (written without spaces
// between words) always match inside text.
// The matching alternative of highest priority wins; ties go to the caller's language, then to
// the longer match.
type ruleset struct {
	m     *matcher
	terms []string // pattern per term id, as fed to the matcher (only while compiling)
	// anchorAlts[anchorStart[t]:anchorStart[t+1]] are the alternatives whose first positive
	// term is t.
	anchorStart []int32
	anchorAlts  []int32
	// anchorReq[j] is a bit per positive term (its id mod 64) of the alternative anchorAlts[j]:
	// match turns away, from this list alone, an alternative a term it needs is missing from.
	anchorReq []uint64
	alts      []alt
	// negAlts are what a negated alternative means instead (alt.twin): "not delivered" is a
	// failed delivery, "not collected" an unclaimed item. Never matched on their own.
	negAlts []alt

	// Per term: the pattern's length, whether it starts and ends on a word boundary, and how
	// many words start inside it after its first byte (for the negation scope).
	termLen    []int32
	termLead   []bool
	termTrail  []bool
	termStarts []int32
	// Per term: the languages (bit per language, alt.langBit) in which it negates a phrase that
	// follows (negBefore) or precedes (negAfter) it within negGapBefore/negGapAfter words; and
	// whether it is an "except" word, whose occurrence hides a shorter term starting at the same
	// place (the stem "отправлен*" inside the noun "отправление").
	negBefore    []langSet
	negAfter     []langSet
	negGapBefore []int32
	negGapAfter  []int32
	blocker      []bool
	// Per term: the languages in which it holds a negator itself ("not delivered", "未妥投"): a
	// negative phrase, which another negator does not turn around ("n'avons pas pu livrer").
	negImmune []langSet

	// spelt is a *termSpelling, what spelling terms from the automaton needs, made the first
	// time an id is spelt (spelling); nil before.
	spelt unsafe.Pointer
}

// langSet is a set of rule languages, a bit each (alt.langBit): the languages a negator
// negates in. Every rules/<lang>.txt is one language, so there can be maxRuleLangs files.
type langSet uint64

const maxRuleLangs = 64

type alt struct {
	// First what matching reads of every candidate (ruleset.match, better): together in the
	// struct's first two cache lines.
	pos, neg []int32
	langBit  langSet // this rule's language, as a bit of the negators' language masks
	twin     int32   // index in negAlts of what the negated rule means; noTwin: it falls away; keepNegated: negation does not touch it
	priority int
	weight   int // bytes of positive terms: longer matches are more specific
	lang     string
	status   string
	reason   string
	conf     float64 // 0 = derive from the match
	vendor   vendorCodes
	negated  bool // a negated rule's twin (in negAlts): "!" before its phrase in its id

	// phrase is the rule id's tail, what follows its head "<lang>:<status>[/<reason>]:": the
	// alternative as written (a negated rule's twin has its rule's, "!" before it in its id).
	// The whole id is made from the head's fields the first time an answer needs it (codeText)
	// and kept in full: the compiled rules store no heads (≈ 9 KB of gzipped core.wasm), and
	// most loaded alternatives no phrase either (phraseText): "" then, and one of phraseRules
	// and phraseBase tells it.
	phrase string
	// phraseRules, when set, is the ruleset whose automaton spells the phrase: the alternative's
	// terms written out (ruleset.phraseFromTerms). phraseBase, when set, is the alternative whose
	// phrase, then inflectedMark, is this one's (an inflected form's).
	phraseRules *ruleset
	phraseBase  *alt
	full        unsafe.Pointer // *string: the code id, "code-text:" + the rule id, once made; nil before
}

// alt.twin when there is no twin.
const (
	noTwin      = -1
	keepNegated = -2
)

// ruleFile is one file of rules and the language its phrases are in.
type ruleFile struct {
	lang, name, text string
}

// genericCeiling is the highest priority a rule made only of generic words (a file's
// "generic :" list: "facility", "hub", "processed", "shipped", …) may have. Such words name no
// stage, so they must never outrank a rule that does; parseRules rejects one that would.
const genericCeiling = 35

// maxNegGap bounds a negator's reach, in words.
const maxNegGap = 6

// parseRules compiles rule files; valid says which statuses a rule may name.
//
// Besides rules, a file may hold these lines (each applies to the file's language):
//
//	negate before N : not | never | n t     a negator: a phrase of this language starting at most
//	negate after N : *medi | 지않            N words after it (before) or ending at most N words
//	                                         before it (after), in the same clause, is negated
//	except : отправлени*                     a word that a shorter stem must not match inside
//	generic : facility | hub | processed     words naming no stage (see genericCeiling)
//
// A negated rule means what negatedStatus says ("not delivered" is a failed delivery) or
// nothing; a rule whose phrase holds the negator itself ("not delivered") is not negated by it.
func parseRules(files []ruleFile, valid func(status string) bool) (*ruleset, error) {
	rs := &ruleset{}
	termID := map[string]int32{} // by pattern
	rawID := map[string]int32{}  // by the term as written, to compile each once
	term := func(raw string) (int32, error) {
		if id, ok := rawID[raw]; ok {
			return id, nil
		}
		p, err := compileTerm(raw)
		if err != nil {
			return 0, err
		}
		id, ok := termID[p]
		if !ok {
			id = int32(len(rs.terms))
			termID[p] = id
			rs.terms = append(rs.terms, p)
		}
		rawID[raw] = id
		return id, nil
	}
	type negDecl struct {
		term  int32
		after bool
		gap   int32
		lang  langSet
	}
	var negs []negDecl
	var blockers []int32
	langBit := map[string]langSet{}
	hasNeg := map[string]bool{}
	for _, f := range files {
		if _, ok := langBit[f.lang]; !ok {
			if len(langBit) == maxRuleLangs {
				return nil, fmt.Errorf("classify: %s: more than %d languages", f.name, maxRuleLangs)
			}
			langBit[f.lang] = 1 << len(langBit)
		}
		var head *alt
		macros := map[string][]string{}
		generic := map[string]bool{}
		type placed struct{ alt, line int }
		var fileAlts []placed
		sc := bufio.NewScanner(strings.NewReader(f.text))
		line := 0
		for sc.Scan() {
			line++
			raw := sc.Text()
			if i := strings.Index(raw, "#"); i >= 0 {
				raw = raw[:i]
			}
			if strings.TrimSpace(raw) == "" {
				continue
			}
			body := raw
			if raw[0] == '@' {
				name, list, ok := strings.Cut(raw, "=")
				if !ok {
					return nil, fmt.Errorf("classify: %s:%d: want \"@name = a | b\"", f.name, line)
				}
				for _, v := range strings.Split(list, "|") {
					if v = strings.TrimSpace(v); v != "" {
						macros[strings.TrimSpace(name)] = append(macros[strings.TrimSpace(name)], v)
					}
				}
				continue
			}
			if kw, list, ok := strings.Cut(raw, ":"); ok && (strings.HasPrefix(kw, "negate ") || strings.TrimSpace(kw) == "except" || strings.TrimSpace(kw) == "generic") {
				head = nil
				fields := strings.Fields(kw)
				var items []string
				for _, v := range strings.Split(list, "|") {
					if v = strings.TrimSpace(v); v != "" {
						items = append(items, v)
					}
				}
				if len(items) == 0 {
					return nil, fmt.Errorf("classify: %s:%d: %s lists nothing", f.name, line, fields[0])
				}
				switch fields[0] {
				case "generic":
					for _, v := range items {
						n, _ := normalize(nil, strings.Trim(v, "*"))
						for _, w := range strings.Fields(string(n)) {
							generic[w] = true
						}
					}
				case "except":
					for _, v := range items {
						id, err := term(v)
						if err != nil {
							return nil, fmt.Errorf("classify: %s:%d: %w", f.name, line, err)
						}
						blockers = append(blockers, id)
					}
				default: // negate before|after N
					if len(fields) != 3 || fields[1] != "before" && fields[1] != "after" {
						return nil, fmt.Errorf("classify: %s:%d: want \"negate before|after N : a | b\"", f.name, line)
					}
					gap, err := strconv.Atoi(fields[2])
					if err != nil || gap < 0 || gap > maxNegGap {
						return nil, fmt.Errorf("classify: %s:%d: negation reach %q must be 0..%d words", f.name, line, fields[2], maxNegGap)
					}
					for _, v := range items {
						id, err := term(v)
						if err != nil {
							return nil, fmt.Errorf("classify: %s:%d: %w", f.name, line, err)
						}
						negs = append(negs, negDecl{term: id, after: fields[1] == "after", gap: int32(gap), lang: langBit[f.lang]})
					}
					hasNeg[f.lang] = true
				}
				continue
			}
			if raw[0] != ' ' && raw[0] != '\t' {
				colon := strings.Index(raw, ":")
				if colon < 0 {
					return nil, fmt.Errorf("classify: %s:%d: want \"status priority : phrases\"", f.name, line)
				}
				h, err := parseHead(raw[:colon], f.lang, valid)
				if err != nil {
					return nil, fmt.Errorf("classify: %s:%d: %w", f.name, line, err)
				}
				h.langBit = langBit[f.lang]
				h.twin = noTwin
				head = &h
				body = raw[colon+1:]
			} else if head == nil {
				return nil, fmt.Errorf("classify: %s:%d: continuation line before any rule", f.name, line)
			}
			var expanded []string
			for _, a := range strings.Split(body, "|") {
				if a = strings.TrimSpace(a); a != "" {
					x, err := expandMacros(a, macros)
					if err != nil {
						return nil, fmt.Errorf("classify: %s:%d: %w", f.name, line, err)
					}
					expanded = append(expanded, x...)
				}
			}
			for _, a := range expanded {
				n := *head
				n.pos, n.neg, n.weight = nil, nil, 0
				n.phrase, n.full, n.phraseRules, n.phraseBase = a, nil, nil, nil
				for _, t := range strings.Split(a, "&") {
					t = strings.TrimSpace(t)
					neg := strings.HasPrefix(t, "!")
					t = strings.TrimPrefix(t, "!")
					id, err := term(t)
					if err != nil {
						return nil, fmt.Errorf("classify: %s:%d: %w", f.name, line, err)
					}
					if neg {
						n.neg = append(n.neg, id)
					} else {
						n.pos = append(n.pos, id)
						n.weight += len(rs.terms[id])
					}
				}
				if len(n.pos) == 0 {
					return nil, fmt.Errorf("classify: %s:%d: %q has no positive term", f.name, line, a)
				}
				fileAlts = append(fileAlts, placed{alt: len(rs.alts), line: line})
				rs.alts = append(rs.alts, n)
				// The same phrase with its participles in their other forms: "consegnata" also
				// reads "consegnato", "доставлено" "доставлена", "odebrana" "odebrany".
				for _, v := range inflect(f.lang, a, nounsOf(head.status)) {
					w := n
					w.pos, w.neg, w.weight = nil, nil, 0
					w.phrase, w.full, w.phraseRules, w.phraseBase = n.phrase+inflectedMark, nil, nil, nil
					for _, t := range strings.Split(v, "&") {
						t = strings.TrimSpace(t)
						neg := strings.HasPrefix(t, "!")
						id, err := term(strings.TrimPrefix(t, "!"))
						if err != nil {
							return nil, fmt.Errorf("classify: %s:%d: %w", f.name, line, err)
						}
						if neg {
							w.neg = append(w.neg, id)
						} else {
							w.pos = append(w.pos, id)
							w.weight += len(rs.terms[id])
						}
					}
					rs.alts = append(rs.alts, w)
				}
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("classify: %s: %w", f.name, err)
		}
		// Specificity: a rule whose every word is generic stays in the generic band.
		if len(generic) > 0 {
			var errs []string
			for _, p := range fileAlts {
				a := &rs.alts[p.alt]
				if a.priority <= genericCeiling || a.status == "unknown" {
					continue
				}
				all := true
				for _, t := range a.pos {
					for _, w := range strings.Fields(rs.terms[t]) {
						all = all && generic[w]
					}
				}
				if all {
					errs = append(errs, fmt.Sprintf("classify: %s:%d: %q names no stage (only generic words) but has priority %d, above the generic band (at most %d): it would outrank specific rules",
						f.name, p.line, a.id(), a.priority, genericCeiling))
				}
			}
			if len(errs) > 0 {
				return nil, errors.New(strings.Join(errs, "\n"))
			}
		}
	}
	rs.m = newMatcher(rs.terms)
	nt := len(rs.terms)
	rs.termLen, rs.termStarts = make([]int32, nt), make([]int32, nt)
	rs.termLead, rs.termTrail, rs.blocker = make([]bool, nt), make([]bool, nt), make([]bool, nt)
	rs.negBefore, rs.negAfter = make([]langSet, nt), make([]langSet, nt)
	rs.negGapBefore, rs.negGapAfter = make([]int32, nt), make([]int32, nt)
	for id, p := range rs.terms {
		rs.termLen[id] = int32(len(p))
		rs.termLead[id] = p[0] == ' '
		rs.termTrail[id] = p[len(p)-1] == ' '
		first := 0
		if rs.termLead[id] {
			first = 1
		}
		for j := first + 1; j < len(p); j++ {
			if isWordStart([]byte(p), j) {
				rs.termStarts[id]++
			}
		}
	}
	for _, b := range blockers {
		rs.blocker[b] = true
	}
	rs.negImmune = make([]langSet, nt)
	for id, p := range rs.terms {
		for _, d := range negs {
			if q := rs.terms[d.term]; int(d.term) != id && strings.Contains(p, q) {
				rs.negImmune[id] |= d.lang
			}
		}
	}
	for _, d := range negs {
		if d.after {
			rs.negAfter[d.term] |= d.lang
			rs.negGapAfter[d.term] = max(rs.negGapAfter[d.term], d.gap)
		} else {
			rs.negBefore[d.term] |= d.lang
			rs.negGapBefore[d.term] = max(rs.negGapBefore[d.term], d.gap)
		}
	}
	rs.dropDominated()
	if err := rs.deriveTwins(valid); err != nil {
		return nil, err
	}
	rs.index()
	return rs, nil
}

// dropDominated leaves out an alternative an earlier one of the same language, status, reason,
// confidence and positive terms (in any order) always outranks: no more terms it must not
// meet, a priority as high. Whatever text the later one matches, the earlier one matches too,
// with the same answer and confidence, and negation reads them alike (the same terms); lists
// written both ways round ("@a & @b" and "@b & @a") and a phrase repeated under two lists made
// 306 of them (0.6 KB of compiled/events.bin gzipped, 7 Dec).
func (rs *ruleset) dropDominated() {
	type key struct {
		lang, status, reason string
		conf                 float64
		vendor               vendorCodes
		pos                  string
	}
	kept := map[key][]int{}
	out := rs.alts[:0]
	var sorted []int32
	for _, a := range rs.alts {
		sorted = append(sorted[:0], a.pos...)
		slices.Sort(sorted)
		var b strings.Builder
		for _, t := range sorted {
			b.WriteString(strconv.Itoa(int(t)))
			b.WriteByte(',')
		}
		k := key{a.lang, a.status, a.reason, a.conf, a.vendor, b.String()}
		dominated := false
		for _, i := range kept[k] {
			e := &out[i]
			if e.priority >= a.priority && subset(e.neg, a.neg) {
				dominated = true
				break
			}
		}
		if !dominated {
			kept[k] = append(kept[k], len(out))
			out = append(out, a)
		}
	}
	rs.alts = out
}

// subset tells whether every term of a is in b.
func subset(a, b []int32) bool {
	for _, t := range a {
		if !slices.Contains(b, t) {
			return false
		}
	}
	return true
}

// deriveTwins sets what each rule of a language with negators means when negated (alt.twin,
// negAlts). It runs after parsing and after loading the compiled rules alike, so the compiled
// form need not carry the twins; a twin's id is its rule's phrase after "!".
func (rs *ruleset) deriveTwins(valid func(string) bool) error {
	var negLangs langSet
	for t := range rs.negBefore {
		negLangs |= rs.negBefore[t] | rs.negAfter[t]
	}
	// Two passes, so that the twins take one allocation (start-up cost). The alternatives of a
	// rule line are next to each other and share its status: each line's negation is worked out
	// once, and each twin status's band and vendor codes.
	count := 0
	for pass := 0; pass < 2; pass++ {
		if pass == 1 {
			rs.negAlts = nil
			if count > 0 {
				rs.negAlts = make([]alt, 0, count)
			}
		}
		var prevStatus, prevReason, st, reason string
		var ok bool
		var twinSt, twinReason string
		var twinPriority int
		var twinVendor vendorCodes
		for i := range rs.alts {
			a := &rs.alts[i]
			a.twin = noTwin
			if a.langBit&negLangs == 0 {
				continue
			}
			if i == 0 || a.status != prevStatus || a.reason != prevReason {
				prevStatus, prevReason = a.status, a.reason
				st, reason, ok = negatedStatus(a.status, a.reason)
			}
			switch {
			case !ok:
				continue
			case st == "":
				a.twin = keepNegated
				continue
			case valid != nil && !valid(st):
				return fmt.Errorf("classify: %s: negation needs parcel statuses (%s)", a.id(), st)
			}
			if pass == 0 {
				count++
				continue
			}
			if len(rs.negAlts) == 0 || st != twinSt || reason != twinReason {
				twinSt, twinReason, twinPriority = st, reason, negatedPriority[st]
				twinVendor = vendorCodes(taxonomy.VendorCodesFor(taxonomy.ParcelStatus(st), reason))
			}
			n := *a
			n.status, n.reason, n.twin = st, reason, noTwin
			n.negated, n.full = true, nil
			// As strong as an explicit rule of that status ("не доставлена из-за отсутствия
			// адресата" is a failed delivery, not the "absence" exception).
			n.priority = max(n.priority, twinPriority)
			n.vendor = twinVendor
			a.twin = int32(len(rs.negAlts))
			rs.negAlts = append(rs.negAlts, n)
		}
	}
	return nil
}

// index builds the anchor tables: the alternatives by their first positive term.
func (rs *ruleset) index() {
	nterms := len(rs.termLen)
	rs.anchorStart = make([]int32, nterms+1)
	for _, a := range rs.alts {
		rs.anchorStart[a.pos[0]+1]++
	}
	for t := 0; t < nterms; t++ {
		rs.anchorStart[t+1] += rs.anchorStart[t]
	}
	rs.anchorAlts = make([]int32, len(rs.alts))
	next := make([]int32, nterms)
	copy(next, rs.anchorStart)
	rs.anchorReq = make([]uint64, len(rs.alts))
	for i, a := range rs.alts {
		j := next[a.pos[0]]
		rs.anchorAlts[j] = int32(i)
		for _, p := range a.pos {
			rs.anchorReq[j] |= 1 << (uint32(p) & 63)
		}
		next[a.pos[0]]++
	}
}

func statusReason(status, reason string) string {
	if reason != "" {
		return status + "/" + reason
	}
	return status
}

// negatedStatus is what a rule of status/reason means when negated, if anything: "not
// delivered" is a failed delivery, "not collected" an unclaimed item, "not released by
// customs" a customs hold, "did not arrive / depart" a delay. A problem or a plain customs
// event stays what it is (ok with no status): there the negation is of the verb that tells the
// problem ("duties not paid", "could not be cleared", "does not meet customs requirements",
// "address not found"). Every other negated rule falls away ("not out for delivery", "not
// available for pickup", "not accepted").
// negatedPriority is the band a negated rule's meaning takes (see rules/en.txt).
var negatedPriority = map[string]int{"delivery_failed": 88, "exception": 86, "customs_held": 90}

func negatedStatus(status, reason string) (string, string, bool) {
	switch {
	case status == "customs" && reason == "", status == "customs_held", status == "delivery_failed",
		status == "exception", status == "returning":
		return "", "", true
	}
	switch status {
	case "delivered":
		if reason == "picked_up" {
			return "exception", "unclaimed", true
		}
		return "delivery_failed", "", true
	case "customs":
		if reason == "released" {
			return "customs_held", "", true
		}
	case "arrived_destination", "arrived_transit", "departed_origin":
		return "exception", "delayed", true
	}
	return "", "", false
}

// id is the readable rule id: "en:delivered/neighbour:delivered to & neighbour". One string
// serves both ids: the plain id is the code id's tail.
func (a *alt) id() string { return a.codeText()[len(codeTextPrefix):] }

// codeText is the rule's code id, "code-text:" + its id, the id when the rule matched the event's
// code read as words. Made the first time it is needed, then kept (published atomically: safe
// for concurrent use; two goroutines making it at once make the same string): no allocation after.
func (a *alt) codeText() string {
	if p := atomic.LoadPointer(&a.full); p != nil {
		return *(*string)(p)
	}
	return a.makeCodeText()
}

//go:noinline
func (a *alt) makeCodeText() string {
	b := make([]byte, 0, 96)
	b = append(b, codeTextPrefix...)
	b = append(b, a.lang...)
	b = append(b, ':')
	b = append(b, a.status...)
	if a.reason != "" {
		b = append(b, '/')
		b = append(b, a.reason...)
	}
	b = append(b, ':')
	if a.negated {
		b = append(b, '!')
	}
	id := new(string)
	*id = string(a.appendPhrase(b))
	atomic.StorePointer(&a.full, unsafe.Pointer(id))
	return *id
}

// phraseText is the rule id's tail (alt.phrase): as stored, or made from the automaton's terms
// or from the alternative it is an inflected form of. Allocates: codeText keeps the whole id.
func (a *alt) phraseText() string { return string(a.appendPhrase(nil)) }

// appendPhrase appends phraseText to b.
func (a *alt) appendPhrase(b []byte) []byte {
	switch {
	case a.phraseBase != nil: // always an earlier alternative whose phraseBase is nil
		return append(a.phraseBase.appendPhrase(b), inflectedMark...)
	case a.phraseRules != nil:
		b, _ = a.phraseRules.appendPhraseFromTerms(b, a.pos, a.neg)
		return b
	}
	return append(b, a.phrase...)
}

// phraseFromTerms is an alternative's terms written out as a rule file may have them: each
// term's pattern with '*' where it has no word boundary (none in Han, Kana or Hangul, which
// match inside text anyway), "!" before the negative ones, " & " between. The compiled rules
// store an alternative's phrase only when it reads otherwise (accents, capitals, another
// spacing or order); "" if a term is not in the automaton.
func (rs *ruleset) phraseFromTerms(pos, neg []int32) string {
	b, ok := rs.appendPhraseFromTerms(nil, pos, neg)
	if !ok {
		return ""
	}
	return string(b)
}

// appendPhraseFromTerms appends phraseFromTerms to b; b as it was and false if a term is not
// in the automaton.
func (rs *ruleset) appendPhraseFromTerms(b []byte, pos, neg []int32) ([]byte, bool) {
	start := len(b)
	var scratch [128]byte
	for i := 0; i < len(pos)+len(neg); i++ {
		var t int32
		if i < len(pos) {
			t = pos[i]
		} else {
			t = neg[i-len(pos)]
		}
		p, ok := rs.appendTermPattern(scratch[:0], t)
		if !ok || len(p) == 0 {
			return b[:start], false
		}
		if i > 0 {
			b = append(b, " & "...)
		}
		if i >= len(pos) {
			b = append(b, '!')
		}
		if hasUnspacedScript(p) {
			b = append(b, p...)
			continue
		}
		// compileTerm put one space where the term has a word boundary, nothing where '*'.
		lead, trail := p[0] == ' ', p[len(p)-1] == ' '
		core := p
		if lead {
			core = core[1:]
		} else {
			b = append(b, '*')
		}
		if trail && len(core) > 0 {
			core = core[:len(core)-1]
		}
		b = append(b, core...)
		if !trail {
			b = append(b, '*')
		}
	}
	return b, true
}

// hasUnspacedScript tells whether a term holds a script written without spaces, whose patterns
// have no word boundaries (compileTerm).
func hasUnspacedScript(p []byte) bool {
	for _, r := range string(p) { // no copy: the compiler ranges over the bytes
		if unspaced(r) {
			return true
		}
	}
	return false
}

// unspaced tells whether r is of a script written without spaces between words (Thai, Han,
// Hangul, kana): its terms match inside text.
func unspaced(r rune) bool {
	return r >= 0x0E00 && unicode.In(r, unicode.Thai, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) // none below Thai's U+0E00
}

// termSpelling is what spelling terms back from the automaton needs, made the first time an id
// needs it (ruleset.spelling): the state where each term ends, and each byte class's byte.
type termSpelling struct {
	firstOut []int32 // per term, 1 + the first index in matcher.outs that holds it; 0: none
	byteOf   [256]byte
}

// appendTermPattern appends term t's pattern to b: the bytes on the path from the root to the
// state where it ends. b as it was and false if it ends nowhere (damaged tables).
func (rs *ruleset) appendTermPattern(b []byte, t int32) ([]byte, bool) {
	m := rs.m
	sp := rs.spelling()
	if t < 0 || int(t) >= len(sp.firstOut) || sp.firstOut[t] <= 0 || int(rs.termLen[t]) > len(m.kids) {
		return b, false
	}
	// The state whose outputs hold that index: the last whose outputs start at or before it.
	// Only a state's own outputs are stored, so the one that holds t is where t ends.
	k := sp.firstOut[t] - 1
	lo, hi := int32(0), int32(len(m.outStart)-2)
	for lo < hi {
		mid := int32(uint32(lo+hi+1) >> 1)
		if first, _ := m.ownOuts(mid); first <= k {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	start, n := len(b), int(rs.termLen[t])
	b = append(b, make([]byte, n)...)
	s := lo
	for i := start + n - 1; i >= start; i-- {
		if s <= 0 {
			return b[:start], false
		}
		b[i] = sp.byteOf[m.kids[s-1]]
		s = m.parent(s)
	}
	if s != 0 {
		return b[:start], false
	}
	return b, true
}

// spelling is the ruleset's termSpelling, made once.
func (rs *ruleset) spelling() *termSpelling {
	if p := atomic.LoadPointer(&rs.spelt); p != nil {
		return (*termSpelling)(p)
	}
	return rs.makeSpelling()
}

// makeSpelling finds where each term first occurs among the automaton's outputs: one pass over
// the outputs (15,000 for the event rules, not the 79,000 states), the first time an id is
// spelt. Safe for concurrent use: whoever makes it makes the same.
//
//go:noinline
func (rs *ruleset) makeSpelling() *termSpelling {
	m := rs.m
	sp := &termSpelling{firstOut: make([]int32, len(rs.termLen)), byteOf: m.bytesOfClasses()}
	for k := int32(m.outs.len()) - 1; k >= 0; k-- { // backwards: the first index is what stays
		if t := m.outs.at(k); t >= 0 && int(t) < len(sp.firstOut) {
			sp.firstOut[t] = k + 1
		}
	}
	atomic.StorePointer(&rs.spelt, unsafe.Pointer(sp))
	return sp
}

// bytesOfClasses is the byte each byte class stands for: every class but 0 is one byte.
func (m *matcher) bytesOfClasses() (byteOf [256]byte) {
	for b := len(m.class) - 1; b >= 0; b-- {
		byteOf[byte(m.class[b])] = byte(b)
	}
	return byteOf
}

// codeTextPrefix marks a rule that matched the event's code read as words.
const codeTextPrefix = "code-text:"

// expandMacros replaces "@name" inside a term by each phrase of the macro, giving one
// alternative per phrase (several macros multiply); a forbidden term with a macro in it
// ("!@name", "!from the @sender") forbids every phrase of the macro in one alternative.
func expandMacros(a string, macros map[string][]string) ([]string, error) {
	terms := strings.Split(a, "&")
	for i, t := range terms {
		t = strings.TrimSpace(t)
		at := strings.Index(t, "@")
		if at < 0 {
			continue
		}
		end := at + 1
		for end < len(t) && t[end] != ' ' {
			end++
		}
		name := t[at:end]
		list, ok := macros[name]
		if !ok {
			return nil, fmt.Errorf("unknown macro %s", name)
		}
		if t[0] == '!' {
			// A forbidden term forbids every phrase of the macro in the one alternative
			// ("!from the @sender": neither "from the sender" nor "from the shipper"), not
			// one phrase per alternative, which let the others through.
			var rest []string // trimmed and joined by " & ", as below
			for k := range terms {
				if k != i {
					rest = append(rest, strings.TrimSpace(terms[k]))
				}
			}
			for _, v := range list {
				rest = append(rest, t[:at]+v+t[end:])
			}
			return expandMacros(strings.Join(rest, " & "), macros)
		}
		var out []string
		for _, v := range list {
			// The terms trimmed and joined by " & ": the phrase an id shows reads as its terms
			// written out (phraseFromTerms), which the compiled rules need not store — joined
			// as written ("върна* &на подател*"), 2,500 phrases were stored, 15.8 KB of gzipped
			// events.bin (7 Dec). Storing every combination of a rule's lists as one record
			// instead of one alternative each was tried then too: no smaller gzipped, and 4 ms
			// more start-up in WebAssembly expanding them.
			c := make([]string, len(terms))
			for k := range terms {
				c[k] = strings.TrimSpace(terms[k])
			}
			c[i] = t[:at] + v + t[end:]
			x, err := expandMacros(strings.Join(c, " & "), macros)
			if err != nil {
				return nil, err
			}
			out = append(out, x...)
		}
		return out, nil
	}
	return []string{a}, nil
}

func parseHead(s, lang string, valid func(string) bool) (alt, error) {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 3 {
		return alt{}, fmt.Errorf("want \"status[/reason] priority [confidence]\", got %q", s)
	}
	a := alt{lang: lang}
	a.status, a.reason, _ = strings.Cut(f[0], "/")
	if !valid(a.status) {
		return alt{}, fmt.Errorf("unknown status %q", a.status)
	}
	p, err := strconv.Atoi(f[1])
	if err != nil {
		return alt{}, fmt.Errorf("priority %q: %w", f[1], err)
	}
	a.priority = p
	if len(f) == 3 {
		c, err := strconv.ParseFloat(f[2], 64)
		if err != nil || c <= 0 || c > 1 {
			return alt{}, fmt.Errorf("confidence %q must be in (0,1]", f[2])
		}
		a.conf = c
	}
	return a, nil
}

// inflectedMark ends the id of a rule that matched through an inflected form.
const inflectedMark = "~"

// participles are, per language, the endings of past participles (normalised: accents
// folded) after their stem's last letters, and the endings of the participle's other forms:
// a rule word "consegnata" also reads "consegnato", "consegnati", "consegnate". Only
// participles: they change form with the parcel's gender and number and keep their meaning,
// where a noun's case ending carries it (ru "адресату" to the addressee, "адресата" of the
// addressee; pl "odbioru" of the collection, "odbiorcy" of the recipient). Languages whose
// participles share a stem with nouns of another stage (French "livré" / "livraison") or
// that build words by suffixes (Turkish, Korean, Japanese) are not listed.
var participles = map[string][]struct {
	stemEnds []string // the stem ends in one of these
	forms    []string // the endings of the word's forms
	to       []string // the forms read besides the rule's own; nil: every form
}{
	"ru": {{[]string{"ен", "ан", "ян", "ят", "ыт"}, []string{"", "о", "а", "ы"}, nil}, {[]string{"л"}, []string{"", "о", "а", "и"}, nil}},
	// uk: neuter "-е" as in "відправлення вручене" (the adjective form carriers use after the noun).
	"uk": {{[]string{"ен", "ан", "ян", "ят", "ит"}, []string{"о", "а", "і", "ий", "е"}, nil}, {[]string{"л"}, []string{"о", "а", "и"}, nil}},
	"pl": {{[]string{"on", "an", "yt", "et"}, []string{"y", "a", "e", "o"}, nil}, {[]string{"l"}, []string{"", "a", "o", "y"}, nil}},
	"cs": {{[]string{"en", "an", "yt"}, []string{"o", "a", "y", "e"}, nil}, {[]string{"l"}, []string{"", "a", "o", "y", "i"}, nil}},
	"it": {{[]string{"at", "it", "ut"}, []string{"o", "a", "i", "e"}, nil}},
	// Spanish and Portuguese feminine participles are also nouns of another stage ("recogida"
	// pickup, "llegada" arrival, "saída" departure): only the masculine forms are added.
	"es": {{[]string{"ad", "id"}, []string{"o", "a", "os", "as"}, []string{"o", "os"}}},
	"pt": {{[]string{"ad", "id"}, []string{"o", "a", "os", "as"}, []string{"o", "os"}}},
}

// verbalNouns are, per language, the endings of a passive participle's stem and the endings of
// the action noun built on it, in its nominative only: pl "doręczon(a)" → "doręczenie",
// "przyjęt(a)" → "przyjęcie", ru "вручен(о)" → "вручение", uk "отриман(о)" → "отримання", it
// "accettat(a)" → "accettazione". The noun names the same event as the participle when it stands
// as an event's title; its other cases ("do doręczenia", "на вручение") name a stage still to
// come and are not derived. nounSkip lists derived nouns that name something else.
var verbalNouns = map[string][][2]string{
	"pl": {{"on", "enie"}, {"an", "anie"}, {"yt", "ycie"}, {"et", "ecie"}},
	"ru": {{"ен", "ение"}, {"ан", "ание"}, {"ят", "ятие"}, {"ыт", "ытие"}},
	"uk": {{"ен", "ення"}, {"ан", "ання"}, {"ят", "яття"}, {"ит", "иття"}},
	"it": {{"at", "azione"}, {"it", "izione"}},
}

// nounSkip: derived nouns of another meaning (ru/uk "отправление/відправлення" and it
// "spedizione" are the item, not its dispatch).
var nounSkip = map[string]bool{"отправление": true, "відправлення": true, "spedizione": true}

// verbalNoun returns the action noun of a participle stem, or "".
func verbalNoun(lang, stem string) string {
	for _, e := range verbalNouns[lang] {
		if strings.HasSuffix(stem, e[0]) {
			n := stem[:len(stem)-len(e[0])] + e[1]
			if nk, _ := normalize(nil, n); nounSkip[strings.TrimSpace(string(nk))] || nounSkip[n] {
				return ""
			}
			return n
		}
	}
	return ""
}

// inflMinStem is the shortest participle stem, in runes, that is read in its other forms.
const inflMinStem = 5

// inflected returns a rule alternative ("a & b & !c") once for each other form of each
// participle among its terms' words, the other terms as written. Terms with * and words
// shorter than a stem are left alone.
func inflected(lang, a string) []string { return inflect(lang, a, false) }

// nounsOf tells whether a rule of this status is also read through its participles' action
// nouns. Not "returned": the noun of "returned" is the return under way (uk "повернення
// відправнику", pl "zwrócenie") — returning, another stage.
func nounsOf(status string) bool { return status != "returned" && status != "delivered" }

// inflect is inflected, with the participles' action nouns too when nouns is set.
func inflect(lang, a string, nouns bool) []string {
	groups, ok := participles[lang]
	if !ok {
		return nil
	}
	terms := strings.Split(a, "&")
	for i := range terms {
		terms[i] = strings.TrimSpace(terms[i])
	}
	var out []string
	for i, t := range terms {
		neg := strings.HasPrefix(t, "!")
		t = strings.TrimPrefix(t, "!")
		if strings.ContainsRune(t, '*') {
			continue
		}
		n, _ := normalize(nil, t)
		words := strings.Fields(string(n))
		for k, w := range words {
		group:
			for _, pt := range groups {
				for _, f := range pt.forms {
					if !strings.HasSuffix(w, f) {
						continue
					}
					stem := w[:len(w)-len(f)]
					if utf8.RuneCountInString(stem) < inflMinStem || !hasAnySuffix(stem, pt.stemEnds) {
						continue
					}
					to := pt.to
					if to == nil {
						to = pt.forms
					}
					var forms []string
					for _, g := range to {
						if g != f {
							forms = append(forms, stem+g)
						}
					}
					if noun := verbalNoun(lang, stem); nouns && noun != "" {
						forms = append(forms, noun)
					}
					for _, form := range forms {
						v := append([]string(nil), words...)
						v[k] = form
						alt := append([]string(nil), terms...)
						alt[i] = strings.Join(v, " ")
						if neg {
							alt[i] = "!" + alt[i]
						}
						out = append(out, strings.Join(alt, " & "))
					}
					break group
				}
			}
		}
	}
	return out
}

func hasAnySuffix(s string, ends []string) bool {
	for _, e := range ends {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// compileTerm turns a term as written in a rule file into the byte pattern the matcher looks
// for in normalised text.
func compileTerm(t string) (string, error) {
	infix := strings.HasPrefix(t, "*")
	prefix := strings.HasSuffix(t, "*")
	t = strings.Trim(t, "*")
	if strings.Contains(t, "*") {
		return "", fmt.Errorf("term %q: '*' only at a term's start or end", t)
	}
	n, _ := normalize(nil, t)
	core := strings.TrimSpace(string(n))
	if core == "" {
		return "", fmt.Errorf("term %q is empty once normalised", t)
	}
	for _, r := range core {
		if unspaced(r) {
			return core, nil // no word boundaries in these scripts
		}
	}
	if !infix {
		core = " " + core
	}
	if !prefix {
		core += " "
	}
	return core, nil
}

// match is the best alternative for a normalised text, and the best one of another status
// (for the confidence), or nil.
type matchResult struct {
	best, rival *alt
}

const (
	maxMatchedTerms = 64
	maxHits         = 128 // occurrences read per text (a text with more is not an event)
)

// lang is the caller's language hint (langHint), which breaks ties between equal rules; a
// language another file reads sends its ties to that file (ruleLang).
func (rs *ruleset) match(text []byte, lang string) matchResult {
	lang = ruleLang(lang)
	var hits [maxHits]hit
	nh := rs.m.scanHits(text, hits[:])
	hs := hits[:nh]
	// Occurrences hidden inside an "except" word, and whether any negator occurs: most texts
	// have neither, and skip both passes.
	var hiddenAt [maxHits]bool
	blockers, negators := false, false
	for _, h := range hs {
		blockers = blockers || rs.blocker[h.id]
		negators = negators || rs.negBefore[h.id]|rs.negAfter[h.id] != 0
	}
	if blockers {
		for i := range hs {
			hiddenAt[i] = rs.hidden(hs, i)
		}
	}
	if negators {
		countWords(text, hs)
	}
	// The distinct terms found, each with the languages in which every one of its occurrences
	// is negated.
	var found [maxMatchedTerms]int32
	var negated [maxMatchedTerms]langSet
	n := 0
hits:
	for i := range hs {
		if hiddenAt[i] {
			continue
		}
		var mask langSet
		if negators {
			mask = rs.negation(text, hs, hiddenAt[:nh], i)
		}
		id := hs[i].id
		for k, t := range found[:n] {
			if t == id {
				negated[k] &= mask
				continue hits
			}
		}
		if n < len(found) {
			found[n], negated[n] = id, mask
			n++
		}
	}
	find := func(id int32) int {
		for k, t := range found[:n] {
			if t == id {
				return k
			}
		}
		return -1
	}
	// A bit per found term (its id mod 64): an alternative with a positive term whose bit is
	// clear cannot match, and most alternatives anchored at a common term fail that way, on
	// anchorReq alone, before their records and the search through found.
	var foundBits uint64
	for _, t := range found[:n] {
		foundBits |= 1 << (uint32(t) & 63)
	}
	var r matchResult
	for _, t := range found[:n] {
		req := rs.anchorReq[rs.anchorStart[t]:rs.anchorStart[t+1]]
	alts:
		for j, ai := range rs.anchorAlts[rs.anchorStart[t]:rs.anchorStart[t+1]] {
			if req[j]&^foundBits != 0 {
				continue
			}
			a := &rs.alts[ai]
			neg, immune := false, false
			for _, p := range a.pos {
				k := find(p)
				if k < 0 {
					continue alts
				}
				neg = neg || negated[k]&a.langBit != 0
				immune = immune || rs.negImmune[p]&a.langBit != 0
			}
			neg = neg && !immune // "не смог & связаться" is a negative phrase as a whole
			for _, q := range a.neg {
				if find(q) >= 0 {
					continue alts
				}
			}
			if neg && a.twin != keepNegated {
				if a.twin < 0 {
					continue
				}
				a = &rs.negAlts[a.twin]
			}
			if r.best == nil || better(a, r.best, lang) {
				if r.best != nil && r.best.status != a.status {
					r.rival = r.best
				}
				r.best = a
			} else if a.status != r.best.status && (r.rival == nil || better(a, r.rival, lang)) {
				r.rival = a
			}
		}
	}
	if r.rival != nil && r.rival.status == r.best.status {
		r.rival = nil
	}
	return r
}

// start is where hit h's term begins in the text, past its leading word boundary.
func (rs *ruleset) start(h hit) int32 {
	s := int32(h.end) - rs.termLen[h.id]
	if rs.termLead[h.id] {
		s++
	}
	return s
}

// wordsBefore is the number of words that start before hit h's term.
func (rs *ruleset) wordsBefore(text []byte, h hit) int32 {
	s := rs.start(h)
	w := int32(h.words) - rs.termStarts[h.id]
	if isWordStart(text, int(s)) {
		w--
	}
	return w
}

// hidden tells whether occurrence i lies inside an "except" word that starts where it starts:
// the stem "отправлен*" read inside the noun "отправление".
func (rs *ruleset) hidden(hs []hit, i int) bool {
	h := hs[i]
	for _, b := range hs {
		if rs.blocker[b.id] && b.id != h.id && rs.termLen[b.id] > rs.termLen[h.id] && rs.start(b) == rs.start(h) {
			return true
		}
	}
	return false
}

// negation is the set of languages (alt.langBit) in which occurrence i is negated: a negator
// of that language ends at most its reach of words before it (or starts that close after it,
// for "after" negators), in the same clause, with no number in between, and is not part of it.
func (rs *ruleset) negation(text []byte, hs []hit, hidden []bool, i int) langSet {
	h := hs[i]
	var mask langSet
	s := rs.start(h)
	e := int32(h.end)
	if rs.termTrail[h.id] {
		e--
	}
	var wStart int32 = -1
	for k, g := range hs {
		if g.clause != h.clause || g.id == h.id || rs.negBefore[g.id]|rs.negAfter[g.id] == 0 || hidden[k] {
			continue
		}
		if m := rs.negBefore[g.id]; m != 0 && m&^mask != 0 {
			ge := int32(g.end)
			if rs.termTrail[g.id] {
				ge--
			}
			if ge <= s {
				if wStart < 0 {
					wStart = rs.wordsBefore(text, h)
				}
				if gap := wStart - int32(g.words); gap >= 0 && gap <= rs.negGapBefore[g.id] && !hasDigit(text[ge:s]) {
					mask |= m
				}
			}
		}
		if m := rs.negAfter[g.id]; m != 0 && m&^mask != 0 {
			if gs := rs.start(g); gs >= e {
				if gap := rs.wordsBefore(text, g) - int32(h.words); gap >= 0 && gap <= rs.negGapAfter[g.id] && !hasDigit(text[e:gs]) {
					mask |= m
				}
			}
		}
	}
	return mask &^ rs.negImmune[h.id]
}

func hasDigit(b []byte) bool {
	for _, c := range b {
		if c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

func better(a, b *alt, lang string) bool {
	if a.priority != b.priority {
		return a.priority > b.priority
	}
	if (a.lang == lang) != (b.lang == lang) {
		return a.lang == lang
	}
	return a.weight > b.weight
}

// confidence of a match: explicit in the rule, else from how much text the rule saw, lowered
// when a rule of another status came close.
func (r matchResult) confidence() float64 {
	a := r.best
	c := a.conf
	if c == 0 {
		switch {
		case len(a.pos) > 1 || a.weight >= 14:
			c = 0.92
		case a.weight >= 8:
			c = 0.85
		default:
			c = 0.72
		}
	}
	if r.rival != nil && r.rival.priority >= a.priority-10 {
		c -= 0.15
	}
	return clamp01(c)
}

func clamp01(c float64) float64 {
	switch {
	case c < 0:
		return 0
	case c > 1:
		return 1
	}
	return c
}
