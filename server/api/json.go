package api

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"github.com/orderwatch/orderwatch/server"
	"github.com/orderwatch/orderwatch/shared/jsonscan"
)

// decodeBody reads the request body as exactly one JSON value of v's type: application/json
// only, valid UTF-8, no unknown fields, nothing after the value. The body size is bounded by
// the route's BodyLimit middleware.
func decodeBody(c echo.Context, v any) error {
	if err := requireJSON(c); err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	return decodeStrict(body, v)
}

// requireJSON refuses a body that is not declared as application/json.
func requireJSON(c echo.Context) error {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != echo.MIMEApplicationJSON {
		return server.Errorf(server.EUNSUPPORTED, "Content-Type must be application/json.")
	}
	return nil
}

// readBody reads the whole body; the route's BodyLimit middleware makes the read fail with
// 413 past the limit, whatever Content-Length said.
func readBody(c echo.Context) ([]byte, error) {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		var he *echo.HTTPError
		if errors.As(err, &he) {
			return nil, he
		}
		return nil, server.Errorf(server.EINVALID, "Unable to read the request body.")
	}
	return body, nil
}

// decodeStrict decodes exactly one JSON value into v (jsonscan.DecodeOne, the one such
// decoder), with no unknown fields.
func decodeStrict(body []byte, v any) error {
	if !utf8.Valid(body) {
		return server.Errorf(server.EINVALID, "Body is not valid UTF-8.")
	}
	if _, err := jsonscan.DecodeOne(body, v, jsonscan.Strict); errors.Is(err, jsonscan.ErrTrailing) {
		return server.Errorf(server.EINVALID, "Invalid JSON: more than one value.")
	} else if err != nil {
		return server.Errorf(server.EINVALID, "Invalid JSON: %s.", jsonProblem(err))
	}
	return nil
}

// jsonProblem describes a decoding error without echoing the input back.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "syntax error"
	case errors.As(err, &te):
		if te.Field != "" {
			return "wrong type for field " + te.Field
		}
		return "wrong type"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected end"
	}
	var e *server.Error
	if errors.As(err, &e) {
		return e.Message
	}
	msg := err.Error()
	if len(msg) > 120 {
		msg = msg[:120]
	}
	return msg
}
