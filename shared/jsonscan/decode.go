package jsonscan

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// ErrEmpty is DecodeOne's error for input without any JSON value; it wraps io.EOF. (An error
// type rather than fmt.Errorf: nothing of fmt runs while the WebAssembly core starts.)
var ErrEmpty error = emptyError{}

type emptyError struct{}

func (emptyError) Error() string { return "no JSON value: " + io.EOF.Error() }
func (emptyError) Unwrap() error { return io.EOF }

// ErrTrailing is DecodeOne's error for data after the value.
var ErrTrailing = errors.New("data after the JSON value")

// Unknown fields: refused (encoding/json's DisallowUnknownFields) or ignored.
const (
	Strict  = false
	Lenient = true
)

// DecodeOne decodes exactly one JSON value from data into v: nothing but white space may
// follow it. With allowUnknown false (Strict), an object key v has no field for is an error.
// The error is ErrEmpty, ErrTrailing (offset is then where the decoder stood after reading
// what follows the value), or encoding/json's own (*json.SyntaxError, *json.UnmarshalTypeError,
// io.ErrUnexpectedEOF, an UnmarshalJSON method's error …) for each caller to put in its words.
func DecodeOne(data []byte, v any, allowUnknown bool) (offset int64, err error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if !allowUnknown {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		if err == io.EOF {
			return dec.InputOffset(), ErrEmpty
		}
		return dec.InputOffset(), err
	}
	if _, err := dec.Token(); err != io.EOF {
		return dec.InputOffset(), ErrTrailing
	}
	return dec.InputOffset(), nil
}
