package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/orderwatch/orderwatch/server"
)

// codeMethodNotAllowed is the one code that exists only in HTTP.
const codeMethodNotAllowed = "method_not_allowed"

// statusOf maps an error code to its HTTP status. It is the only such mapping.
var statusOf = map[string]int{
	server.ECONFLICT:     http.StatusConflict,
	server.EINTERNAL:     http.StatusInternalServerError,
	server.EINVALID:      http.StatusBadRequest,
	server.ENOTFOUND:     http.StatusNotFound,
	server.EUNAUTHORIZED: http.StatusUnauthorized,
	server.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	server.ERATELIMIT:    http.StatusTooManyRequests,
	server.EGONE:         http.StatusGone,
	server.EUNSUPPORTED:  http.StatusUnsupportedMediaType,
	codeMethodNotAllowed: http.StatusMethodNotAllowed,
}

// codeOfStatus turns Echo's own errors (no route, body too large …) into our codes; other
// 4xx statuses become invalid and 5xx internal.
var codeOfStatus = map[int]struct{ code, message string }{
	http.StatusNotFound:                    {server.ENOTFOUND, "Not found."},
	http.StatusMethodNotAllowed:            {codeMethodNotAllowed, "Method not allowed."},
	http.StatusRequestEntityTooLarge:       {server.ETOOLARGE, "Request body too large."},
	http.StatusRequestHeaderFieldsTooLarge: {server.ETOOLARGE, "Request headers too large."},
	http.StatusTooManyRequests:             {server.ERATELIMIT, "Too many requests; slow down."},
	http.StatusUnauthorized:                {server.EUNAUTHORIZED, "Authentication required."},
	http.StatusForbidden:                   {server.EUNAUTHORIZED, "Forbidden."},
	http.StatusUnsupportedMediaType:        {server.EUNSUPPORTED, "Send application/json."},
	http.StatusServiceUnavailable:          {server.EINTERNAL, "Not ready."},
}

// errorBody is the one JSON error shape: {"error": {"code": "...", "message": "..."}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// rateLimited is a rate-limit error that says when to come back.
type rateLimited struct {
	err        *server.Error
	retryAfter time.Duration
}

func (e rateLimited) Error() string { return e.err.Error() }
func (e rateLimited) Unwrap() error { return e.err }

// handleError writes err as the one JSON error shape. Internal errors are logged with their
// detail and reach the client only as "Internal error."
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code, message := server.ErrorCode(err), server.ErrorMessage(err)
	var he *echo.HTTPError
	if code == server.EINTERNAL && errors.As(err, &he) {
		m, ok := codeOfStatus[he.Code]
		switch {
		case ok:
		case he.Code >= 400 && he.Code < 500:
			m.code, m.message = server.EINVALID, "Bad request."
		default:
			m.code, m.message = server.EINTERNAL, "Internal error."
		}
		code, message = m.code, m.message
		if he.Code == http.StatusServiceUnavailable {
			s.echoStatus(c, he.Code, code, message)
			return
		}
	}
	if code == server.EINTERNAL {
		s.cfg.Logger.Error("request failed", "method", c.Request().Method, "path", c.Path(), "err", err)
	}
	var rl rateLimited
	if errors.As(err, &rl) {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(rl.retryAfter/time.Second)+1))
	}
	s.echoStatus(c, statusOf[code], code, message)
}

func (s *Server) echoStatus(c echo.Context, status int, code, message string) {
	var err error
	if c.Request().Method == http.MethodHead {
		err = c.NoContent(status)
	} else {
		err = c.JSON(status, errorBody{errorDetail{code, message}})
	}
	if err != nil {
		s.cfg.Logger.Warn("unable to write error response", "err", err)
	}
}
