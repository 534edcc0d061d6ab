package main

import (
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/orderwatch/orderwatch/shared/classify"
)

// In WebAssembly, encoding/json's reflection costs more than classifying itself: on a batch of
// 2,000 events, decoding took 35 ms and encoding 11 ms against 24 ms for the classifier. A
// batch is always the same simple shape, so the two functions here read and write that shape
// directly, and hand anything else to encoding/json: they must give exactly its results
// (FuzzFastEvents and TestAppendResults hold them to it).

// fastEvents decodes a batch in its common form — an array of objects whose values are all
// strings, with only the four known keys spelt exactly — without reflection. ok is false for
// anything else (other keys, other types, every malformed batch), which the caller then reads
// with encoding/json for the result or the precise error.
func fastEvents(data []byte) (in []classify.Input, ok bool) {
	p := parser{data: data}
	if !p.byte('[') {
		return nil, false
	}
	in = []classify.Input{}
	if p.byte(']') {
		return in, p.end()
	}
	for {
		var e classify.Input
		hasText := false
		if !p.byte('{') {
			return nil, false
		}
		for {
			key, ok := p.str()
			if !ok || !p.byte(':') {
				return nil, false
			}
			val, ok := p.str()
			if !ok {
				return nil, false
			}
			switch key {
			case "text":
				e.Text, hasText = val, true
			case "carrier":
				e.Carrier = val
			case "code":
				e.Code = val
			case "lang":
				e.Lang = val
			default:
				return nil, false
			}
			if p.byte('}') {
				break
			}
			if !p.byte(',') {
				return nil, false
			}
		}
		if !hasText {
			return nil, false
		}
		in = append(in, e)
		if p.byte(']') {
			return in, p.end()
		}
		if !p.byte(',') {
			return nil, false
		}
	}
}

type parser struct {
	data []byte
	i    int
}

func (p *parser) skipSpace() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// byte consumes c, after any white space, if it comes next.
func (p *parser) byte(c byte) bool {
	p.skipSpace()
	if p.i < len(p.data) && p.data[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *parser) end() bool {
	p.skipSpace()
	return p.i == len(p.data)
}

// str reads a JSON string. Plain valid UTF-8 is sliced as is; a string with escapes is
// handed to encoding/json, which also decides what its lone surrogates become.
func (p *parser) str() (string, bool) {
	if !p.byte('"') {
		return "", false
	}
	start := p.i
	escaped := false
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			p.i++
			raw := p.data[start : p.i-1]
			if !escaped {
				return string(raw), utf8.Valid(raw)
			}
			var s string
			if err := json.Unmarshal(p.data[start-1:p.i], &s); err != nil {
				return "", false
			}
			return s, true
		case c == '\\':
			escaped = true
			p.i += 2
		case c < 0x20:
			return "", false
		default:
			p.i++
		}
	}
	return "", false
}

// resultFields are classify.Result's JSON fields in the order appendResults writes them;
// TestAppendResults fails when the struct changes, before a field could go missing.
var resultFields = []string{"status", "reason", "confidence", "rule", "lang", "seventeen_track", "aftership"}

// appendResults appends the JSON of rs, byte for byte what json.Marshal writes, and fails
// where it fails (a NaN or infinite confidence).
func appendResults(dst []byte, rs []classify.Result) ([]byte, error) {
	if rs == nil {
		return append(dst, "null"...), nil
	}
	dst = append(dst, '[')
	for i, r := range rs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"status":`...)
		dst = appendString(dst, string(r.Status))
		dst = append(dst, `,"reason":`...)
		dst = appendString(dst, r.Reason)
		dst = append(dst, `,"confidence":`...)
		var err error
		if dst, err = appendFloat(dst, r.Confidence); err != nil {
			return nil, err
		}
		dst = append(dst, `,"rule":`...)
		dst = appendString(dst, r.Rule)
		dst = append(dst, `,"lang":`...)
		dst = appendString(dst, r.Lang)
		dst = append(dst, `,"seventeen_track":`...)
		dst = appendString(dst, r.SeventeenTrack)
		dst = append(dst, `,"aftership":`...)
		dst = appendString(dst, r.AfterShip)
		dst = append(dst, '}')
	}
	return append(dst, ']'), nil
}

// appendString writes plain printable ASCII itself and leaves everything else (escapes, HTML
// characters, other Unicode) to encoding/json.
func appendString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, _ := json.Marshal(s)
			return append(dst, b...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// appendFloat writes the plain decimal form encoding/json uses between 1e-6 and 1e21 and
// leaves the rest (exponents, NaN, infinities) to it.
func appendFloat(dst []byte, f float64) ([]byte, error) {
	if a := math.Abs(f); f == 0 || (a >= 1e-6 && a < 1e21) {
		return strconv.AppendFloat(dst, f, 'f', -1, 64), nil
	}
	b, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	return append(dst, b...), nil
}
