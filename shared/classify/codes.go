package classify

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
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
	exact    []codeEntry // sorted by key
	prefixes []codeEntry
}

type codeEntry struct {
	key    string
	whole  bool // a prefix entry that ends at a segment: "PO/*" matches PO.1, not POX
	status string
	reason string
	id     string // "code:cainiao:GTMS_SIGNED"
	vendor vendorCodes
	// system: the code is in a curated code file (codes/*.txt), one code system the carrier
	// writes the same everywhere (Cainiao's action codes, Russian Post's operation × attribute)
	// rather than one of the many tables gathered under a carrier's name.
	system bool
}

func parseCodes(name, text string, valid func(string) bool) (*codeTable, error) {
	t := &codeTable{name: name}
	exact := map[string]codeEntry{}
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
			e.vendor = vendorCodes(taxonomy.VendorCodesFor(taxonomy.ParcelStatus(status), reason))
			if prefix {
				t.prefixes = append(t.prefixes, e)
			} else {
				exact[key] = e
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("classify: codes/%s.txt: %w", name, err)
	}
	for _, e := range exact { // a later line for the same key wins, as it did in a map
		t.exact = append(t.exact, e)
	}
	slices.SortFunc(t.exact, func(a, b codeEntry) int { return strings.Compare(a.key, b.key) })
	return t, nil
}

// exactEntry finds key among the exact entries.
func (t *codeTable) exactEntry(key []byte) (codeEntry, bool) {
	lo, hi := 0, len(t.exact)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if compareBytes(t.exact[mid].key, key) < 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(t.exact) && compareBytes(t.exact[lo].key, key) == 0 {
		return t.exact[lo], true
	}
	return codeEntry{}, false
}

// The code files are compiled at go generate time (TestCompiledCodes -update) into
// compiled/codes.bin, which the package loads at start-up without parsing text or building
// maps. The code files stay the source: TestCompiledCodes fails when codes.bin no longer
// matches them.
//
//go:generate go test -run ^TestCompiledCodes$ -update .

//go:embed compiled/codes.bin
var compiledCodes string

// codesMagic starts compiled/codes.bin; change it when the layout changes.
const codesMagic = "orderwatch classify codes v1\n"

// encodeCodes writes code tables as compiled/codes.bin: uvarints and length-prefixed strings.
func encodeCodes(tables []*codeTable) []byte {
	b := []byte(codesMagic)
	u := func(v uint64) { b = binary.AppendUvarint(b, v) }
	str := func(s string) { u(uint64(len(s))); b = append(b, s...) }
	u(uint64(len(tables)))
	for _, t := range tables {
		str(t.name)
		u(uint64(len(t.aliases)))
		for _, a := range t.aliases {
			str(string(a))
		}
		if t.any {
			u(1)
		} else {
			u(0)
		}
		str(t.strip)
		for _, es := range [][]codeEntry{t.exact, t.prefixes} {
			u(uint64(len(es)))
			for _, e := range es {
				str(e.key)
				if e.whole {
					u(1)
				} else {
					u(0)
				}
				str(e.status)
				str(e.reason)
				str(e.id)
				str(e.vendor.SeventeenTrack)
				str(e.vendor.AfterShip)
			}
		}
	}
	return b
}

// decodeCodes loads what encodeCodes wrote; strings point into data.
func decodeCodes(data string) ([]*codeTable, error) {
	if len(data) < len(codesMagic) || data[:len(codesMagic)] != codesMagic {
		return nil, errors.New("classify: compiled codes: wrong format (run go generate ./shared/classify)")
	}
	r := &reader{s: data, i: len(codesMagic)}
	tables := make([]*codeTable, r.count(5))
	for i := range tables {
		t := &codeTable{name: r.str()}
		t.aliases = make([][]byte, r.count(1))
		for k := range t.aliases {
			t.aliases[k] = []byte(r.str())
		}
		t.any = r.u() == 1
		t.strip = r.str()
		for _, es := range []*[]codeEntry{&t.exact, &t.prefixes} {
			if n := r.count(7); n > 0 {
				*es = make([]codeEntry, n)
			}
			for k := range *es {
				e := &(*es)[k]
				e.key = r.str()
				e.whole = r.u() == 1
				e.status, e.reason, e.id = r.str(), r.str(), r.str()
				e.vendor.SeventeenTrack, e.vendor.AfterShip = r.str(), r.str()
				if r.err == nil && (!taxonomy.ParcelStatus(e.status).Valid() || k > 0 && es == &t.exact && (*es)[k-1].key >= e.key) {
					r.fail()
				}
			}
		}
		tables[i] = t
	}
	if r.err == nil && r.i != len(r.s) {
		r.err = fmt.Errorf("classify: compiled codes: %d bytes left over", len(r.s)-r.i)
	}
	if r.err != nil {
		return nil, r.err
	}
	return tables, nil
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
			if e, ok := t.exactEntry(key[:dot]); ok {
				return e, true
			}
		}
		return codeEntry{}, false
	}
	if e, ok := t.exactEntry(key); ok {
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
