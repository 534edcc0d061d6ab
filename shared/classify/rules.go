package classify

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"unicode"
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
// (German compounds), and terms in Han or Hangul script always match inside text.
// The matching alternative of highest priority wins; ties go to the caller's language, then to
// the longer match.
type ruleset struct {
	m     *matcher
	terms []string // pattern per term id, as fed to the matcher (only while compiling)
	// anchorAlts[anchorStart[t]:anchorStart[t+1]] are the alternatives whose first positive
	// term is t.
	anchorStart []int32
	anchorAlts  []int32
	alts        []alt
}

type alt struct {
	status   string
	reason   string
	lang     string
	codeID   string // "code-text:" + the rule id, the id when the rule matched the event's code read as words
	priority int
	conf     float64 // 0 = derive from the match
	pos, neg []int32
	weight   int // bytes of positive terms: longer matches are more specific
	vendor   vendorCodes
}

// ruleFile is one file of rules and the language its phrases are in.
type ruleFile struct {
	lang, name, text string
}

// parseRules compiles rule files; valid says which statuses a rule may name.
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
	for _, f := range files {
		var head *alt
		macros := map[string][]string{}
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
			if raw[0] != ' ' && raw[0] != '\t' {
				colon := strings.Index(raw, ":")
				if colon < 0 {
					return nil, fmt.Errorf("classify: %s:%d: want \"status priority : phrases\"", f.name, line)
				}
				h, err := parseHead(raw[:colon], f.lang, valid)
				if err != nil {
					return nil, fmt.Errorf("classify: %s:%d: %w", f.name, line, err)
				}
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
				sr := head.status
				if head.reason != "" {
					sr += "/" + head.reason
				}
				n.codeID = codeTextPrefix + head.lang + ":" + sr + ":" + a
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
				rs.alts = append(rs.alts, n)
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("classify: %s: %w", f.name, err)
		}
	}
	rs.m = newMatcher(rs.terms)
	rs.anchorStart = make([]int32, len(rs.terms)+1)
	for _, a := range rs.alts {
		rs.anchorStart[a.pos[0]+1]++
	}
	for t := range rs.terms {
		rs.anchorStart[t+1] += rs.anchorStart[t]
	}
	rs.anchorAlts = make([]int32, len(rs.alts))
	next := append([]int32(nil), rs.anchorStart[:len(rs.terms)]...)
	for i, a := range rs.alts {
		rs.anchorAlts[next[a.pos[0]]] = int32(i)
		next[a.pos[0]]++
	}
	return rs, nil
}

// id is the readable rule id: "en:delivered/neighbour:delivered to & neighbour". One string
// serves both ids: the plain id is the code id's tail.
func (a *alt) id() string { return a.codeID[len(codeTextPrefix):] }

// codeTextPrefix marks a rule that matched the event's code read as words.
const codeTextPrefix = "code-text:"

// expandMacros replaces "@name" inside a term by each phrase of the macro, giving one
// alternative per phrase (several macros multiply); "!@name" as a whole term forbids every
// phrase of the macro.
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
		if t == "!"+name {
			rest := append(append([]string{}, terms[:i]...), terms[i+1:]...)
			for _, v := range list {
				rest = append(rest, "!"+v)
			}
			return expandMacros(strings.Join(rest, "&"), macros)
		}
		var out []string
		for _, v := range list {
			c := append([]string{}, terms...)
			c[i] = t[:at] + v + t[end:]
			x, err := expandMacros(strings.Join(c, "&"), macros)
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
		if unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) {
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

const maxMatchedTerms = 64

func (rs *ruleset) match(text []byte, lang string) matchResult {
	var matched [maxMatchedTerms]int32
	n := rs.m.scan(text, matched[:])
	has := func(id int32) bool {
		for _, t := range matched[:n] {
			if t == id {
				return true
			}
		}
		return false
	}
	var r matchResult
	for _, t := range matched[:n] {
	alts:
		for _, ai := range rs.anchorAlts[rs.anchorStart[t]:rs.anchorStart[t+1]] {
			a := &rs.alts[ai]
			for _, p := range a.pos[1:] {
				if !has(p) {
					continue alts
				}
			}
			for _, q := range a.neg {
				if has(q) {
					continue alts
				}
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
