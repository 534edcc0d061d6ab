// Package jsonscan is the one JSON scanner and the one "exactly one JSON value" decoder of
// OrderWatch. The scanner reads JSON byte by byte without reflection, for the shapes that are
// decoded often enough for encoding/json's reflection to show (an order in package order, a
// batch of events in the WebAssembly bridge); the callers give up on anything the scanner does
// not read exactly as encoding/json would and decode it with DecodeOne, which gives the result
// or the precise error. It is pure: no I/O.
package jsonscan

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// Scanner reads JSON from a string. Plain string values (no escape, valid UTF-8) are
// substrings of it, so reading them allocates nothing; the price is that a value kept keeps
// the whole input alive.
type Scanner struct {
	b string
	i int
}

// New returns a scanner at the start of one string copy of b.
func New(b []byte) Scanner { return Scanner{b: string(b)} }

// NewString returns a scanner at the start of s, without a copy.
func NewString(s string) Scanner { return Scanner{b: s} }

// Pos is the offset in the input of the next byte to read.
func (s *Scanner) Pos() int { return s.i }

// WS skips white space.
func (s *Scanner) WS() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// Peek returns the next byte after white space, or 0 at the end of the input.
func (s *Scanner) Peek() byte {
	s.WS()
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// Byte consumes c, after any white space, if it comes next.
func (s *Scanner) Byte(c byte) bool {
	s.WS()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// End reports whether only white space is left.
func (s *Scanner) End() bool {
	s.WS()
	return s.i == len(s.b)
}

// Null consumes a JSON null if one comes next.
func (s *Scanner) Null() bool {
	s.WS()
	if len(s.b)-s.i >= 4 && s.b[s.i:s.i+4] == "null" {
		s.i += 4
		return true
	}
	return false
}

// Object reads {"key": value, …}, calling field for each key with the scanner at the value.
// Keys with escapes or non-ASCII bytes give up (false), and so does a repeated key: encoding/json
// would merge or replace the two values, which a caller reading field by field cannot copy.
func (s *Scanner) Object(field func(key string) bool) bool {
	if !s.Byte('{') {
		return false
	}
	var seenBuf [12]string // the objects read here have few fields: no allocation
	seen := seenBuf[:0]
	if s.Byte('}') {
		return true
	}
	for {
		s.WS()
		key, ok := s.rawKey()
		if !ok {
			return false
		}
		for _, k := range seen {
			if k == key {
				return false
			}
		}
		seen = append(seen, key)
		if !s.Byte(':') {
			return false
		}
		if !field(key) {
			return false
		}
		if s.Byte(',') {
			continue
		}
		return s.Byte('}')
	}
}

// rawKey reads a key without escapes; the key is a substring of the input.
func (s *Scanner) rawKey() (string, bool) {
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return "", false
	}
	start := s.i + 1
	for j := start; j < len(s.b); j++ {
		c := s.b[j]
		if c == '"' {
			s.i = j + 1
			return s.b[start:j], true
		}
		if c == '\\' || c < 0x20 || c >= 0x80 {
			return "", false
		}
	}
	return "", false
}

// Array reads [value, …] or null; empty is called for [] (so that an empty array can stay a
// non-nil empty slice, as encoding/json leaves it).
func (s *Scanner) Array(elem func() bool, empty func()) bool {
	if s.Null() {
		return true
	}
	if !s.Byte('[') {
		return false
	}
	if s.Byte(']') {
		empty()
		return true
	}
	for {
		if !elem() {
			return false
		}
		if s.Byte(',') {
			continue
		}
		return s.Byte(']')
	}
}

// Str reads a string or null (null leaves *dst as it is, as encoding/json does). Strings with
// escapes or bytes that are not valid UTF-8 go through encoding/json, which unescapes and
// replaces invalid bytes (and lone surrogates) as it always does.
func (s *Scanner) Str(dst *string) bool {
	if s.Null() {
		return true
	}
	raw, plain, ok := s.RawString()
	if !ok {
		return false
	}
	if plain {
		*dst = raw[1 : len(raw)-1]
		return true
	}
	return json.Unmarshal([]byte(raw), dst) == nil
}

// RawString returns the quoted string next in the input, quotes included; plain says it holds
// no escape and only valid UTF-8, so its bytes are its value.
func (s *Scanner) RawString() (raw string, plain, ok bool) {
	s.WS()
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return "", false, false
	}
	plain = true
	ascii := true
	for j := s.i + 1; j < len(s.b); j++ {
		c := s.b[j]
		switch {
		case c == '"':
			raw = s.b[s.i : j+1]
			s.i = j + 1
			if !ascii && !utf8.ValidString(raw) {
				plain = false
			}
			return raw, plain, true
		case c == '\\':
			plain = false
			if j+1 >= len(s.b) {
				return "", false, false
			}
			j++ // the escaped byte cannot end the string; json.Unmarshal checks the escape
		case c < 0x20:
			return "", false, false
		case c >= 0x80:
			ascii = false
		}
	}
	return "", false, false
}

// Integer returns a JSON number's text; only integers (no fraction, no exponent) are read.
func (s *Scanner) Integer() (string, bool) {
	s.WS()
	start := s.i
	if s.i < len(s.b) && s.b[s.i] == '-' {
		s.i++
	}
	digits := s.i
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
	}
	n := s.i - digits
	if n == 0 || (n > 1 && s.b[digits] == '0') {
		return "", false
	}
	if s.i < len(s.b) && (s.b[s.i] == '.' || s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		return "", false
	}
	return s.b[start:s.i], true
}

// Int reads an integer or null into an int.
func (s *Scanner) Int(dst *int) bool {
	if s.Null() {
		return true
	}
	raw, ok := s.Integer()
	if !ok {
		return false
	}
	n, err := strconv.ParseInt(raw, 10, strconv.IntSize)
	if err != nil {
		return false
	}
	*dst = int(n)
	return true
}

// Bool reads true, false or null.
func (s *Scanner) Bool(dst *bool) bool {
	if s.Null() {
		return true
	}
	switch {
	case len(s.b)-s.i >= 4 && s.b[s.i:s.i+4] == "true":
		s.i += 4
		*dst = true
	case len(s.b)-s.i >= 5 && s.b[s.i:s.i+5] == "false":
		s.i += 5
		*dst = false
	default:
		return false
	}
	return true
}

// List reads a JSON array into *dst one element at a time: null leaves it as it is and []
// makes it empty, as encoding/json does.
func List[T any](s *Scanner, dst *[]T, read func(*T) bool) bool {
	return s.Array(func() bool {
		var zero T
		*dst = append(*dst, zero)
		return read(&(*dst)[len(*dst)-1]) // in place: an element read into a local would escape
	}, func() { *dst = []T{} })
}

// Optional reads a value that may be null into a pointer: null makes it nil, as encoding/json
// does for a pointer field.
func Optional[T any](s *Scanner, p **T, read func(*T) bool) bool {
	if s.Null() {
		*p = nil
		return true
	}
	v := new(T)
	if !read(v) {
		return false
	}
	*p = v
	return true
}

// CountedList is List for long lists of large elements: the elements are counted first
// (Elems), so that the list is allocated once at its size instead of growing, for a second
// pass over its bytes.
func CountedList[T any](s *Scanner, dst *[]T, read func(*T) bool) bool {
	if n := s.Elems(); n > 0 && *dst == nil {
		*dst = make([]T, 0, n)
	}
	return List(s, dst, read)
}

// MaxElemsHint bounds what Elems counts: it sizes a slice before any element is read, so
// input that is not a list of the expected elements must not make it allocate much.
const MaxElemsHint = 512

// Elems counts the values of the array next in the input (after white space), up to
// MaxElemsHint, without reading them or moving the scanner: 0 if no array is next. It only
// skips over strings and counts brackets and commas, so it is a capacity hint, exact for a
// well-formed array; the reader then checks every byte.
func (s *Scanner) Elems() int {
	s.WS()
	if s.i >= len(s.b) || s.b[s.i] != '[' {
		return 0
	}
	n, depth, start := 0, 0, true
	for j := s.i + 1; j < len(s.b) && n < MaxElemsHint; j++ {
		switch c := s.b[j]; c {
		case ' ', '\t', '\n', '\r':
			continue
		case ',':
			if depth == 0 {
				start = true
			}
			continue
		case ']', '}':
			if depth == 0 {
				return n
			}
			depth--
			continue
		case '"':
			for j++; j < len(s.b) && s.b[j] != '"'; j++ {
				if s.b[j] == '\\' {
					j++
				}
			}
		case '[', '{':
			depth++
			if depth > 1 {
				continue
			}
			if start {
				n++
				start = false
			}
			continue
		}
		if depth == 0 && start {
			n++
			start = false
		}
	}
	return n
}
