package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/orderwatch/orderwatch/server"
)

// Body limits: auth bodies are two short strings; a push carries up to 500 orders.
const (
	authBodyLimit = "64K"
	pushBodyLimit = "1M"
)

// routes is the whole API surface.
func (s *Server) routes(e *echo.Echo) {
	authBody, pushBody := middleware.BodyLimit(authBodyLimit), middleware.BodyLimit(pushBodyLimit)
	authed := s.authenticate

	e.GET("/healthz", s.handleHealth)
	e.GET("/readyz", s.handleReady)
	e.GET("/api/openapi.json", s.handleOpenAPI)

	e.POST("/api/v1/auth/register", s.handleRegister, s.limitIP, authBody)
	e.POST("/api/v1/auth/login", s.handleLogin, s.limitIP, authBody)
	e.POST("/api/v1/auth/refresh", s.handleRefresh, s.limitIP, authBody)
	e.POST("/api/v1/auth/logout", s.handleLogout, s.limitIP, authBody)
	e.POST("/api/v1/auth/password", s.handlePasswordChange, s.limitIP, authBody, authed)
	e.DELETE("/api/v1/account", s.handleAccountDelete, s.limitIP, authBody, authed)

	e.GET("/api/v1/orders", s.handleListOrders, authed)
	e.GET("/api/v1/orders/:order_id", s.handleGetOrder, authed)
	e.PUT("/api/v1/orders/:order_id", s.handlePutOrder, pushBody, authed)
	e.DELETE("/api/v1/orders/:order_id", s.handleDeleteOrder, authed)

	e.POST("/api/v1/sync/push", s.handlePush, pushBody, authed)
	e.GET("/api/v1/sync/pull", s.handlePull, authed)
}

func (s *Server) newEcho() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.IPExtractor = s.clientIP()
	e.HTTPErrorHandler = s.handleError
	e.Use(s.recoverPanic, s.logRequest, s.cors(), secureHeaders)
	s.routes(e)
	return e
}

// clientIP is how the client's address is found. Without trusted proxies it is the TCP
// peer's: X-Forwarded-For and X-Real-IP are ignored, so nobody can pick their own rate-limit
// bucket. With them, X-Forwarded-For is read from the right while the hop is one of the
// trusted networks (Echo trusts loopback and private networks by default: turned off here,
// only the listed networks count); X-Real-IP is never read.
func (s *Server) clientIP() echo.IPExtractor {
	if len(s.cfg.TrustedProxies) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range s.cfg.TrustedProxies {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

func (s *Server) handleHealth(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) handleReady(c echo.Context) error {
	if err := s.cfg.Ready(c.Request().Context()); err != nil {
		s.cfg.Logger.Warn("not ready", "err", err)
		return echo.NewHTTPError(http.StatusServiceUnavailable)
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}

// recoverPanic turns a panic into an internal error (logged, never shown).
func (s *Server) recoverPanic(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				s.cfg.Logger.Error("panic", "method", c.Request().Method, "path", c.Path(), "panic", r)
				err = server.Errorf(server.EINTERNAL, "Internal error.")
			}
		}()
		return next(c)
	}
}

// logRequest writes one structured line per request. The query is left out on purpose.
func (s *Server) logRequest(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		s.cfg.Logger.Info("request", "method", c.Request().Method, "path", c.Request().URL.Path,
			"status", c.Response().Status, "duration", time.Since(start), "ip", c.RealIP())
		return nil
	}
}

// cors allows browser calls only from extension origins (optionally only the listed
// extension ids); no web page may call the API from a user's browser.
func (s *Server) cors() echo.MiddlewareFunc {
	ids := map[string]bool{}
	for _, id := range s.cfg.ExtensionIDs {
		ids[id] = true
	}
	return middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOriginFunc: func(origin string) (bool, error) { return extensionOrigin(origin, ids), nil },
		AllowMethods:    []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete},
		AllowHeaders:    []string{echo.HeaderAuthorization, echo.HeaderContentType, "If-Match"},
		ExposeHeaders:   []string{"ETag", "Retry-After"},
		MaxAge:          600,
	})
}

func extensionOrigin(origin string, ids map[string]bool) bool {
	for _, scheme := range []string{"chrome-extension://", "moz-extension://"} {
		id, ok := strings.CutPrefix(origin, scheme)
		if !ok || id == "" || len(id) > 64 {
			continue
		}
		for _, r := range id {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
		return len(ids) == 0 || ids[id]
	}
	return false
}

func secureHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		return next(c)
	}
}
