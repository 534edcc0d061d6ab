package classify

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A codeTable maps one carrier's own event codes to statuses. Tables are data
// (codes/*.txt): a carrier is added by adding a file. A file holds header lines
//
//	aliases: word word …   carrier names (lower case letters and digits) that select the table
//	any: yes               its codes are distinctive enough to try whatever the carrier
//	strip: AE              a prefix segment some sources add (AE_GTMS_SIGNED = GTMS_SIGNED)
//
// and entries "CODE status[/reason]". Codes are compared by key (see codeKey): upper case,
// separators ignored, "name=" labels dropped, numbers without leading zeros — so "BDE/01",
// "tipo=BDE;status=1" and "BDE 1" are one code. "X{A,B}" expands to XA and XB; a trailing "*"
// matches every code with that start. A numeric code not in the table falls back to its
// prefix ("2.99" → "2") so an unknown attribute still gets its operation's status.
type codeTable struct {
	name     string
	aliases  [][]byte
	any      bool
	strip    string
	exact    map[string]codeEntry
	prefixes []codeEntry
}

type codeEntry struct {
	key    string
	whole  bool // a prefix entry that ends at a segment: "PO/*" matches PO.1, not POX
	status string
	reason string
	id     string // "code:cainiao:GTMS_SIGNED"
	vendor vendorCodes
}

func parseCodes(name, text string, valid func(string) bool) (*codeTable, error) {
	t := &codeTable{name: name, exact: map[string]codeEntry{}}
	sc := bufio.NewScanner(strings.NewReader(text))
	line := 0
	for sc.Scan() {
		line++
		raw := sc.Text()
		if i := strings.Index(raw, "#"); i >= 0 {
			raw = raw[:i]
		}
		f := strings.Fields(raw)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "aliases:":
			for _, a := range f[1:] {
				t.aliases = append(t.aliases, []byte(a))
			}
			continue
		case "any:":
			t.any = len(f) > 1 && f[1] == "yes"
			continue
		case "strip:":
			if len(f) > 1 {
				t.strip = string(codeKey(nil, f[1]))
			}
			continue
		}
		if len(f) != 2 {
			return nil, fmt.Errorf("classify: codes/%s.txt:%d: want \"CODE status[/reason]\"", name, line)
		}
		status, reason, _ := strings.Cut(f[1], "/")
		if !valid(status) {
			return nil, fmt.Errorf("classify: codes/%s.txt:%d: unknown status %q", name, line, status)
		}
		for _, code := range expandBraces(f[0]) {
			prefix := strings.HasSuffix(code, "*")
			stem := strings.TrimSuffix(code, "*")
			key := string(codeKey(nil, stem))
			e := codeEntry{key: key, status: status, reason: reason, id: "code:" + name + ":" + code,
				whole: stem != "" && !isCodeByte(stem[len(stem)-1])}
			if prefix {
				t.prefixes = append(t.prefixes, e)
			} else {
				t.exact[key] = e
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("classify: codes/%s.txt: %w", name, err)
	}
	return t, nil
}

func expandBraces(s string) []string {
	i := strings.Index(s, "{")
	j := strings.Index(s, "}")
	if i < 0 || j < i {
		return []string{s}
	}
	var out []string
	for _, o := range strings.Split(s[i+1:j], ",") {
		out = append(out, expandBraces(s[:i]+o+s[j+1:])...)
	}
	return out
}

// codeKey appends the comparable form of a carrier code to dst: upper-case letter/digit
// segments joined by ".", segments that label a value ("tipo=", "OperType=") dropped, leading
// zeros of numbers dropped.
func codeKey(dst []byte, s string) []byte {
	if len(s) > 64 {
		s = s[:64]
	}
	start := len(dst)
	for i := 0; i < len(s); {
		c := s[i]
		if !isCodeByte(c) {
			i++
			continue
		}
		j := i
		for j < len(s) && isCodeByte(s[j]) {
			j++
		}
		seg := s[i:j]
		if j < len(s) && s[j] == '=' { // a label, not a value
			i = j + 1
			continue
		}
		numeric := true
		for k := 0; k < len(seg); k++ {
			if seg[k] < '0' || seg[k] > '9' {
				numeric = false
				break
			}
		}
		if numeric {
			for len(seg) > 1 && seg[0] == '0' {
				seg = seg[1:]
			}
		}
		if len(dst) > start {
			dst = append(dst, '.')
		}
		for k := 0; k < len(seg); k++ {
			b := seg[k]
			if b >= 'a' && b <= 'z' {
				b -= 'a' - 'A'
			}
			dst = append(dst, b)
		}
		i = j
	}
	return dst
}

func isCodeByte(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// lookup finds key (already through codeKey) in the table: the code itself (exactly, or by a
// prefix entry) or, when typeAlone, the operation of a numeric "type.attr" code whose
// attribute the table does not know ("2.99" → "2").
func (t *codeTable) lookup(key []byte, typeAlone bool) (codeEntry, bool) {
	if t.strip != "" && len(key) > len(t.strip)+1 && string(key[:len(t.strip)]) == t.strip && key[len(t.strip)] == '.' {
		key = key[len(t.strip)+1:]
	}
	if typeAlone {
		if dot := lastDot(key); dot > 0 && isDigits(key[dot+1:]) {
			if e, ok := t.exact[string(key[:dot])]; ok {
				return e, true
			}
		}
		return codeEntry{}, false
	}
	if e, ok := t.exact[string(key)]; ok {
		return e, true
	}
	for _, e := range t.prefixes {
		if len(key) >= len(e.key) && string(key[:len(e.key)]) == e.key &&
			(!e.whole || len(key) == len(e.key) || key[len(e.key)] == '.') {
			return e, true
		}
	}
	return codeEntry{}, false
}

func lastDot(b []byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == '.' {
			return i
		}
	}
	return -1
}

func isDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// selects reports whether carrier (lower-case letters and digits only) names this table.
func (t *codeTable) selects(carrier []byte) bool {
	if len(carrier) == 0 {
		return false
	}
	for _, a := range t.aliases {
		if bytes.Contains(carrier, a) {
			return true
		}
	}
	return false
}

// carrierKey appends the lower-case letters and digits of a carrier name: "Russian Post" →
// "russianpost", "Почта России" → "почтароссии".
func carrierKey(dst []byte, s string) []byte {
	if len(s) > 64 {
		s = s[:64]
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			dst = append(dst, c)
		case c >= 'A' && c <= 'Z':
			dst = append(dst, c+('a'-'A'))
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
			i += size
			continue
		}
		i++
	}
	return dst
}
