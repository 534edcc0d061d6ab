package jsonscan

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestDecodeOne(t *testing.T) {
	type v struct {
		A string `json:"a"`
	}
	tests := []struct {
		in      string
		lenient bool
		want    error // nil, ErrEmpty, ErrTrailing or one of encoding/json's types below
		syntax  bool
		typ     bool
	}{
		{in: `{"a":"x"}`},
		{in: " \n{\"a\":\"x\"}\t "},
		{in: ``, want: ErrEmpty},
		{in: "  \n", want: ErrEmpty},
		{in: `{"a":"x"} {}`, want: ErrTrailing},
		{in: `{"a":"x"}}`, want: ErrTrailing}, // a stray bracket, which Decoder.More lets pass
		{in: `{"a":"x"} x`, want: ErrTrailing},
		{in: `{"a":"x","b":1}`, lenient: true},
		{in: `{"a":1}`, typ: true},
		{in: `{"a":"x",}`, syntax: true},
	}
	for _, tt := range tests {
		var got v
		_, err := DecodeOne([]byte(tt.in), &got, tt.lenient)
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case tt.syntax:
			if !errors.As(err, &se) {
				t.Errorf("%q: err = %v, want a syntax error", tt.in, err)
			}
		case tt.typ:
			if !errors.As(err, &te) {
				t.Errorf("%q: err = %v, want a type error", tt.in, err)
			}
		case !errors.Is(err, tt.want) || (tt.want == nil && err != nil):
			t.Errorf("%q: err = %v, want %v", tt.in, err, tt.want)
		case tt.want == nil && got.A != "x":
			t.Errorf("%q: decoded %+v", tt.in, got)
		}
	}
	if _, err := DecodeOne([]byte(`{"a":"x","b":1}`), new(v), Strict); err == nil {
		t.Error("Strict accepted an unknown field")
	}
	if !errors.Is(ErrEmpty, io.EOF) {
		t.Error("ErrEmpty does not wrap io.EOF")
	}
}

// TestScannerMatchesEncodingJSON: what the scanner reads, it reads as encoding/json does; what
// it does not read exactly so, it refuses.
func TestScannerMatchesEncodingJSON(t *testing.T) {
	type rec struct {
		S string `json:"s"`
		N int    `json:"n"`
		B *bool  `json:"b"`
		L []int  `json:"l"`
	}
	read := func(b []byte) (r rec, ok bool) {
		s := New(b)
		ok = s.Object(func(key string) bool {
			switch key {
			case "s":
				return s.Str(&r.S)
			case "n":
				return s.Int(&r.N)
			case "b":
				return Optional(&s, &r.B, s.Bool)
			case "l":
				return List(&s, &r.L, s.Int)
			}
			return false
		}) && s.End()
		return r, ok
	}
	for _, in := range []string{
		`{"s":"plain","n":-12,"b":true,"l":[1,2,3]}`, `{ "s" : "a\"b\u00e9" , "l" : [ ] }`, `{"s":null,"b":null,"l":null}`,
		"{\"s\":\"a\xffb\"}", `{"s":"\ud800"}`, `{"n":1.5}`, `{"n":1e3}`, `{"n":01}`, `{"s":"a","s":"b"}`, `{"x":1}`,
		`{"s":"a"} x`, `{"s":"a"`, `{"s":"a\q"}`, "{\"s\":\"a\tb\"}", `{"l":[1,]}`, `{}`, `[]`, `{"b":false,"n":0}`,
	} {
		got, ok := read([]byte(in))
		var want rec
		_, err := DecodeOne([]byte(in), &want, Strict)
		if ok && err != nil {
			t.Errorf("%s: the scanner read %+v, encoding/json refuses: %v", in, got, err)
		}
		if ok && (got.S != want.S || got.N != want.N || (got.B == nil) != (want.B == nil) || (got.B != nil && *got.B != *want.B) ||
			len(got.L) != len(want.L) || (got.L == nil) != (want.L == nil)) {
			t.Errorf("%s: scanner %+v, encoding/json %+v", in, got, want)
		}
	}
}

// TestElems: the count of a well-formed array is its length (up to MaxElemsHint); anything
// else is at most a hint and never moves the scanner.
func TestElems(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{`[]`, 0}, {` [ ] `, 0}, {`[1]`, 1}, {`[1,2,3]`, 3}, {`[{"a":[1,2]},{"b":"],}"},"x\"]"]`, 3},
		{`[[],[[]],{}]`, 3}, {`null`, 0}, {`{"a":1}`, 0}, {`"[1,2]"`, 0}, {`[1,2`, 2}, {`[,,,]`, 0},
		{"[" + strings.Repeat(`{},`, 2*MaxElemsHint) + "{}]", MaxElemsHint},
	} {
		s := NewString(tt.in)
		if got := s.Elems(); got != tt.want {
			t.Errorf("Elems(%s) = %d, want %d", tt.in, got, tt.want)
		}
		if s.Peek() != strings.TrimSpace(tt.in)[0] {
			t.Errorf("Elems(%s) moved the scanner", tt.in)
		}
	}
}

// FuzzElems: for any input that encoding/json reads as an array, Elems counts its elements
// (up to MaxElemsHint); for any other input it returns without a panic.
func FuzzElems(f *testing.F) {
	for _, s := range []string{`[]`, `[1,"a",{"b":[2,3]},null]`, `[["]"],"\\",{}]`, `[1,`, `{"a":[1]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s := NewString(in)
		got := s.Elems()
		var arr []json.RawMessage
		if json.Unmarshal([]byte(in), &arr) != nil || arr == nil {
			return
		}
		if want := min(len(arr), MaxElemsHint); got != want {
			t.Errorf("Elems(%q) = %d, want %d", in, got, want)
		}
	})
}
