// Package api serves OrderWatch's HTTP API with Echo: authentication, the orders of each
// user, and sync. It owns the handlers, the middleware, the OpenAPI document and the one
// mapping from server errors to HTTP statuses.
package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/orderwatch/orderwatch/server"
	"github.com/orderwatch/orderwatch/server/limit/memory"
	"github.com/orderwatch/orderwatch/server/password"
	"golang.org/x/time/rate"
)

// Token settings that are part of the API contract.
const (
	Issuer           = "orderwatch"
	AccessAudience   = "orderwatch-api"
	DefaultAccessTTL = 15 * time.Minute
	// DefaultRefreshTTL is the inactivity lifetime of a session: each refresh extends it.
	DefaultRefreshTTL = 30 * 24 * time.Hour
	MinSecretBytes    = 32
)

// Config is everything the API needs besides its stores. Zero values get the defaults of
// Defaults; Secret has no default.
type Config struct {
	Secret     []byte // HS256 key, at least MinSecretBytes random bytes
	AccessTTL  time.Duration
	RefreshTTL time.Duration
	// ExtensionIDs, when set, limits CORS to these extension ids; empty allows any
	// chrome-extension:// or moz-extension:// origin (never a web page).
	ExtensionIDs []string
	// Per client IP on /api/v1/auth/*: a token bucket of AuthBurst refilled at AuthRate/s.
	AuthRate  rate.Limit
	AuthBurst int
	// Per account: AccountBurst failed logins, refilled at AccountRate/s.
	AccountRate  rate.Limit
	AccountBurst int
	// NewLimiter makes the two limiters above; nil keeps them in this process's memory.
	// Replicas on one database must share them (cmd/orderwatch wires the PostgreSQL one).
	NewLimiter server.NewLimiter
	// TrustedProxies are the networks of reverse proxies whose X-Forwarded-For names the
	// client. Empty: the client is the TCP peer and forwarding headers are ignored.
	TrustedProxies []*net.IPNet
	Password       password.Params
	Now            func() time.Time // the one clock; time.Now by default
	Logger         *slog.Logger
	// Ready reports whether the server can serve (the database answers); for /readyz.
	Ready func(context.Context) error
}

// Defaults fills the zero fields of c.
func (c Config) Defaults() Config {
	if c.AccessTTL == 0 {
		c.AccessTTL = DefaultAccessTTL
	}
	if c.RefreshTTL == 0 {
		c.RefreshTTL = DefaultRefreshTTL
	}
	if c.AuthRate == 0 {
		c.AuthRate = 1
	}
	if c.AuthBurst == 0 {
		c.AuthBurst = 10
	}
	if c.AccountRate == 0 {
		c.AccountRate = rate.Limit(100.0 / 3600) // ASVS: at most ~100 failures an hour
	}
	if c.AccountBurst == 0 {
		c.AccountBurst = 10
	}
	if c.NewLimiter == nil {
		c.NewLimiter = memory.New
	}
	if c.Password == (password.Params{}) {
		c.Password = password.OWASP
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.Ready == nil {
		c.Ready = func(context.Context) error { return nil }
	}
	return c
}

// Server is the HTTP API.
type Server struct {
	cfg      Config
	accounts server.AccountStore
	orders   server.OrderStore
	echo     *echo.Echo
	perIP    server.Limiter // per client IP, on every auth route
	perAcct  server.Limiter // failed password checks per account (e-mail)
	// hashSlots bounds concurrent password hashes: each takes 19 MiB and a core for tens of
	// milliseconds, so unbounded logins would be a memory DoS.
	hashSlots chan struct{}
	dummyHash string // verified for unknown emails so that they cost as much as wrong passwords
}

// NewServer returns the API over the given stores.
func NewServer(cfg Config, accounts server.AccountStore, orders server.OrderStore) (*Server, error) {
	cfg = cfg.Defaults()
	if len(cfg.Secret) < MinSecretBytes {
		return nil, fmt.Errorf("api: the JWT secret has %d bytes; at least %d random bytes are required", len(cfg.Secret), MinSecretBytes)
	}
	dummy, err := password.Hash("dummy password for unknown accounts", cfg.Password)
	if err != nil {
		return nil, fmt.Errorf("api: %w", err)
	}
	perIP, err := cfg.NewLimiter(limiterIP, bucketRate(cfg.AuthRate, cfg.AuthBurst))
	if err != nil {
		return nil, fmt.Errorf("api: %w", err)
	}
	perAcct, err := cfg.NewLimiter(limiterAccount, bucketRate(cfg.AccountRate, cfg.AccountBurst))
	if err != nil {
		return nil, fmt.Errorf("api: %w", err)
	}
	s := &Server{
		cfg: cfg, accounts: accounts, orders: orders,
		perIP:     perIP,
		perAcct:   perAcct,
		hashSlots: make(chan struct{}, 2*runtime.GOMAXPROCS(0)),
		dummyHash: dummy,
	}
	s.echo = s.newEcho()
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }

// Routes lists the registered routes (for the OpenAPI check).
func (s *Server) Routes() []*echo.Route { return s.echo.Routes() }

// MaxHeaderBytes is the bound the HTTP server must set on request headers (a megabyte of
// dots after "Bearer " must be refused before anything parses it).
const MaxHeaderBytes = 16 << 10

// withHashSlot runs f while holding one of the password-hash slots.
func (s *Server) withHashSlot(ctx context.Context, f func()) error {
	select {
	case s.hashSlots <- struct{}{}:
	case <-ctx.Done():
		return errors.Join(server.Errorf(server.ERATELIMIT, "Server busy; retry shortly."), ctx.Err())
	}
	defer func() { <-s.hashSlots }()
	f()
	return nil
}
