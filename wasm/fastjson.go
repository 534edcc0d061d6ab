package main

import (
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/jsonscan"
)

// In WebAssembly, encoding/json's reflection costs more than classifying itself: on a batch of
// 2,000 events, decoding took 35 ms and encoding 11 ms against 24 ms for the classifier. A
// batch is always the same simple shape, so the two functions here read and write that shape
// directly, and hand anything else to encoding/json: they must give exactly its results
// (FuzzFastEvents and TestAppendResults hold them to it).

// fastEvents decodes a batch in its common form — an array of objects whose values are all
// strings, with only the four known keys spelt exactly, each once — with the one JSON scanner
// (shared/jsonscan), without reflection. ok is false for anything else (other keys, other
// types, null, every malformed batch), which the caller then reads with encoding/json for the
// result or the precise error.
func fastEvents(data []byte) (in []classify.Input, ok bool) {
	s := jsonscan.New(data)
	in = []classify.Input{}
	ok = s.Byte('[') && (s.Byte(']') || eventList(&s, &in))
	if !ok || !s.End() {
		return nil, false
	}
	return in, true
}

// eventList reads the events of a non-empty batch and its closing bracket.
func eventList(s *jsonscan.Scanner, in *[]classify.Input) bool {
	for {
		var e classify.Input
		hasText := false
		ok := s.Object(func(key string) bool {
			if s.Peek() != '"' { // null or another type: encoding/json decides
				return false
			}
			switch key {
			case "text":
				hasText = true
				return s.Str(&e.Text)
			case "carrier":
				return s.Str(&e.Carrier)
			case "code":
				return s.Str(&e.Code)
			case "lang":
				return s.Str(&e.Lang)
			}
			return false
		})
		if !ok || !hasText {
			return false
		}
		*in = append(*in, e)
		if s.Byte(']') {
			return true
		}
		if !s.Byte(',') {
			return false
		}
	}
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

// appendString writes a string as encoding/json does: plain printable ASCII and valid UTF-8
// other than U+2028 and U+2029 as they are; anything that needs an escape (quotes,
// backslashes, control and HTML characters, those two separators, invalid UTF-8) is left to
// encoding/json.
func appendString(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				b, _ := json.Marshal(s)
				return append(dst, b...)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b, _ := json.Marshal(s)
			return append(dst, b...)
		}
		i += size
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
