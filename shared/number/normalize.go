package number

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize returns the number inside what someone pasted: labels and surrounding text
// dropped, spaces, dashes and zero-width characters removed, full-width characters folded to
// ASCII, upper case. "Tracking number: ＬＰ 0012-3456 7890 12" gives "LP00123456789012".
// The result holds only A–Z and 0–9, and Normalize(Normalize(s)) == Normalize(s).
func Normalize(s string) string {
	n, _, _ := normalize(s)
	return n
}

// normalize returns the normalised number and its compact form: the same characters with the
// dashes that stood between them kept (a few formats, e.g. LaserShip's "…-1", contain one).
// parts are other readings of the run, as [start, end) offsets in compact, for Parse to try
// when the whole run fits no format: without each leading letters-only token ("UPS 1Z…" may be
// a carrier name before the number, or "TBC 0000…" part of it), then each token with digits
// alone (two numbers pasted on one line).
func normalize(s string) (normalized, compact string, parts [][2]int) {
	if plain, ok := plainToken(s); ok {
		return plain, plain, nil
	}
	folded := fold(s)
	compact, parts = pickRun(folded)
	if compact == "" {
		// No run with a digit: keep the letters and digits so the caller can say what it saw.
		return alnumUpper(folded), "", nil
	}
	return withoutDashes(compact), compact, parts
}

func withoutDashes(s string) string {
	if strings.IndexByte(s, '-') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "-", "")
}

// plainToken handles the common case without allocating when s is already upper case: a bare
// token of ASCII letters and digits with at least one digit.
func plainToken(s string) (string, bool) {
	if len(s) == 0 || len(s) > 64 {
		return "", false
	}
	digit, lower := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case c >= 'A' && c <= 'Z':
		case c >= 'a' && c <= 'z':
			lower = true
		default:
			return "", false
		}
	}
	if !digit {
		return "", false
	}
	if lower {
		return strings.ToUpper(s), true
	}
	return s, true
}

// separator stands for anything that cannot be part of a number: punctuation, letters outside
// ASCII (Cyrillic or Chinese labels), invalid UTF-8.
const separator = '|'

// fold maps s to ASCII letters, digits, spaces, dashes and separators.
func fold(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFEE0
		}
		switch {
		case r == utf8.RuneError && size <= 1:
			out = append(out, separator)
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r == '-':
			out = append(out, byte(r))
		case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x2060, r == 0xFEFF, r == 0x00AD, r == 0x180E:
			// zero-width and soft hyphen: invisible, dropped
		case r >= 0x2010 && r <= 0x2015, r == 0x2212, r == 0xFE58, r == 0xFE63:
			out = append(out, '-')
		case unicode.IsSpace(r):
			out = append(out, ' ')
		default:
			out = append(out, separator)
		}
	}
	return out
}

type tokenKind uint8

const (
	tokWord   tokenKind = iota // a label or other text: ends a run
	tokNumber                  // letters and digits with at least one digit
	tokAffix                   // 1–3 letters of one case: a prefix or suffix split off by a space
	tokDash                    // only dashes
)

// labelWords are short words that precede numbers in labels ("Order ID", "No", "Nr") and
// would otherwise pass for a letter prefix. Only dropped at the start of a run: "… 690 DE"
// keeps its country code.
var labelWords = map[string]bool{
	"ID": true, "NO": true, "NR": true, "NUM": true, "REF": true, "AWB": true, "THE": true,
	"AND": true, "OF": true, "DE": true, "DO": true, "DA": true, "DU": true, "PO": true,
}

// classify tells what a token is. In prose (a sentence around the number) short lower-case
// words are words ("has", "via"); otherwise they may be a prefix typed in lower case ("rb 123…").
// isLabelWord looks tok up in labelWords, ignoring case, without allocating.
func isLabelWord(tok []byte) bool {
	var up [3]byte
	if len(tok) > len(up) {
		return false
	}
	for i, c := range tok {
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		up[i] = c
	}
	return labelWords[string(up[:len(tok)])]
}

func classify(tok []byte, prose bool) tokenKind {
	digits, upper, lower, dashes := 0, 0, 0, 0
	for _, c := range tok {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'A' && c <= 'Z':
			upper++
		case c >= 'a' && c <= 'z':
			lower++
		case c == '-':
			dashes++
		}
	}
	switch {
	case digits > 0:
		return tokNumber
	case upper+lower == 0 && dashes > 0:
		return tokDash
	case dashes == 0 && upper+lower <= 3 && (upper == 0 || lower == 0):
		if lower > 0 && (prose || upper+lower == 1) {
			return tokWord // "a", "e", "y": words, not a prefix typed in lower case
		}
		return tokAffix
	}
	return tokWord
}

// pickRun finds the runs of number-like tokens and returns the one with the most digits,
// joined and upper-cased, dashes kept, with its other readings (see normalize); "" when no run
// holds a digit.
func pickRun(folded []byte) (string, [][2]int) {
	type token struct {
		b    []byte
		kind tokenKind
	}
	var (
		best       []token
		bestDigits int
		buf        [8]token // most inputs are a run of a few tokens
		run        = buf[:0]
	)
	flush := func() {
		// Trim label words at the start and dashes at both ends.
		for len(run) > 0 && (run[0].kind == tokDash || run[0].kind == tokAffix && isLabelWord(run[0].b)) {
			run = run[1:]
		}
		for len(run) > 0 && run[len(run)-1].kind == tokDash {
			run = run[:len(run)-1]
		}
		digits := 0
		for _, t := range run {
			for _, c := range t.b {
				if c >= '0' && c <= '9' {
					digits++
				}
			}
		}
		if digits > bestDigits {
			best, bestDigits = append(best[:0:0], run...), digits
		}
		run = run[:0]
	}
	prose := isProse(folded)
	start := -1
	for i := 0; i <= len(folded); i++ {
		end := i == len(folded) || folded[i] == ' ' || folded[i] == separator
		if !end {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			tok := folded[start:i]
			start = -1
			if k := classify(tok, prose); k != tokWord {
				run = append(run, token{tok, k})
			} else {
				flush()
			}
		}
		if i < len(folded) && folded[i] == separator {
			flush()
		}
	}
	flush()
	if bestDigits == 0 {
		return "", nil
	}
	var (
		b        strings.Builder
		prefixes [][2]int
		singles  [][2]int
		leading  = true // every token so far is letters only
	)
	for i, t := range best {
		if i > 0 && leading {
			prefixes = append(prefixes, [2]int{b.Len(), -1})
		}
		leading = leading && t.kind == tokAffix
		start := b.Len()
		for _, c := range t.b {
			if c >= 'a' && c <= 'z' {
				c -= 'a' - 'A'
			}
			b.WriteByte(c)
		}
		if t.kind == tokNumber && len(best) > 1 && len(t.b) >= 8 {
			singles = append(singles, [2]int{start, b.Len()})
		}
	}
	compact := b.String()
	for i := range prefixes {
		prefixes[i][1] = len(compact)
	}
	return compact, append(prefixes, singles...)
}

// isProse reports whether the text has a lower-case word of four letters or more.
func isProse(folded []byte) bool {
	run := 0
	for _, c := range folded {
		switch {
		case c >= 'a' && c <= 'z':
			run++
			if run >= 4 {
				return true
			}
		case c >= 'A' && c <= 'Z':
			// "Order": a capitalised word still counts
		default:
			run = 0
		}
	}
	return false
}

func alnumUpper(folded []byte) string {
	var b strings.Builder
	for _, c := range folded {
		switch {
		case c >= 'a' && c <= 'z':
			b.WriteByte(c - ('a' - 'A'))
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b.WriteByte(c)
		}
	}
	return b.String()
}
