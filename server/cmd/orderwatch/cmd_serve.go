package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/orderwatch/orderwatch/server/api"
	"github.com/orderwatch/orderwatch/server/limit/memory"
	pglimit "github.com/orderwatch/orderwatch/server/limit/postgres"
	"github.com/orderwatch/orderwatch/server/store"
)

// serveConfig is the server's configuration from flags and environment (flags win).
type serveConfig struct {
	addr         string
	dataDir      string
	database     string // SQLite file path or PostgreSQL URL
	secret       []byte
	extensionIDs []string
	// trustedProxies are the reverse proxies whose X-Forwarded-For names the client.
	trustedProxies []*net.IPNet
	retention      time.Duration // how long tombstones stay before a pull from before them gets 410
	logLevel       slog.Level
}

// secretFile is where a generated JWT secret is kept in the data directory.
const secretFile = "jwt-secret"

func parseServe(args []string, env func(string) string, stderr io.Writer) (*serveConfig, error) {
	fset := flag.NewFlagSet("serve", flag.ContinueOnError)
	fset.SetOutput(stderr)
	or := func(name, def string) string {
		if v := env(name); v != "" {
			return v
		}
		return def
	}
	addr := fset.String("addr", or("ORDERWATCH_ADDR", "127.0.0.1:8080"), "listen address (env ORDERWATCH_ADDR)")
	data := fset.String("data", or("ORDERWATCH_DATA_DIR", "data"), "data directory: SQLite file and generated secret (env ORDERWATCH_DATA_DIR)")
	database := fset.String("database", env("ORDERWATCH_DATABASE_URL"), "SQLite file path or postgres:// URL; default <data>/orderwatch.db (env ORDERWATCH_DATABASE_URL)")
	ids := fset.String("extension-ids", env("ORDERWATCH_EXTENSION_IDS"), "comma-separated extension ids allowed by CORS; empty allows any extension origin (env ORDERWATCH_EXTENSION_IDS)")
	proxies := fset.String("trusted-proxies", env("ORDERWATCH_TRUSTED_PROXIES"), "comma-separated addresses or CIDR networks of reverse proxies whose X-Forwarded-For names the client; empty: the TCP peer is the client (env ORDERWATCH_TRUSTED_PROXIES)")
	retention := fset.Duration("tombstone-retention", 180*24*time.Hour, "how long deleted orders are kept as tombstones for other browsers")
	verbose := fset.Bool("v", false, "log every request")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: orderwatch serve [flags]\n\nRuns the sync server. The JWT secret comes from ORDERWATCH_JWT_SECRET (at least 32 bytes);\nwithout it one is generated on first run and kept in <data>/"+secretFile+".\n\nflags:")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, errUsage
		}
		return nil, errUsage
	}
	if fset.NArg() > 0 {
		fset.Usage()
		return nil, errUsage
	}
	cfg := &serveConfig{addr: *addr, dataDir: *data, database: *database, retention: *retention, logLevel: slog.LevelWarn}
	if *verbose {
		cfg.logLevel = slog.LevelInfo
	}
	if cfg.database == "" {
		cfg.database = filepath.Join(cfg.dataDir, "orderwatch.db")
	}
	for _, id := range strings.Split(*ids, ",") {
		if id = strings.TrimSpace(id); id != "" {
			cfg.extensionIDs = append(cfg.extensionIDs, id)
		}
	}
	for _, p := range strings.Split(*proxies, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		n, err := parseNet(p)
		if err != nil {
			fmt.Fprintf(stderr, "serve: --trusted-proxies: %v\n", err)
			return nil, errUsage
		}
		cfg.trustedProxies = append(cfg.trustedProxies, n)
	}
	if s := env("ORDERWATCH_JWT_SECRET"); s != "" {
		cfg.secret = []byte(s)
	}
	return cfg, nil
}

// parseNet reads an address (one host) or a CIDR network.
func parseNet(s string) (*net.IPNet, error) {
	if strings.Contains(s, "/") {
		_, n, err := net.ParseCIDR(s)
		return n, err
	}
	ip := net.ParseIP(s)
	if ip == nil {
		return nil, fmt.Errorf("%q is neither an IP address nor a CIDR network", s)
	}
	bits := 128
	if ip4 := ip.To4(); ip4 != nil {
		ip, bits = ip4, 32
	}
	return &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)}, nil
}

// loadSecret returns the configured secret, or the one kept in the data directory, creating
// it (32 random bytes, hex, mode 0600) on first run. Secrets under 32 bytes are refused.
func loadSecret(cfg *serveConfig) ([]byte, error) {
	if cfg.secret != nil {
		if len(cfg.secret) < api.MinSecretBytes {
			return nil, fmt.Errorf("ORDERWATCH_JWT_SECRET has %d bytes; at least %d random bytes are required", len(cfg.secret), api.MinSecretBytes)
		}
		return cfg.secret, nil
	}
	path := filepath.Join(cfg.dataDir, secretFile)
	b, err := os.ReadFile(path)
	if err == nil {
		s := []byte(strings.TrimSpace(string(b)))
		if len(s) < api.MinSecretBytes {
			return nil, fmt.Errorf("%s has %d bytes; at least %d are required (delete it to generate a new one)", path, len(s), api.MinSecretBytes)
		}
		return s, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("unable to read the JWT secret: %w", err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, fmt.Errorf("unable to generate a JWT secret: %w", err)
	}
	s := []byte(hex.EncodeToString(raw))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("unable to create the JWT secret file: %w", err)
	}
	if _, err := f.Write(append(s, '\n')); err != nil {
		f.Close()
		return nil, fmt.Errorf("unable to write the JWT secret file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, fmt.Errorf("unable to write the JWT secret file: %w", err)
	}
	return s, f.Close()
}

func runServe(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg, err := parseServe(args, env, stderr)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(stdout, &slog.HandlerOptions{Level: cfg.logLevel}))
	if err := os.MkdirAll(cfg.dataDir, 0o700); err != nil {
		return fmt.Errorf("unable to create the data directory: %w", err)
	}
	secret, err := loadSecret(cfg)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, cfg.database)
	if err != nil {
		return err
	}
	defer db.Close()

	// Rate limits: in this process on SQLite (one process per file), in a table shared by
	// every replica on PostgreSQL.
	newLimiter := memory.New
	if db.Dialect() == store.Postgres {
		sqlDB, err := db.Gorm().DB()
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		if err := pglimit.Migrate(ctx, sqlDB); err != nil {
			return err
		}
		newLimiter = pglimit.Factory(sqlDB)
	}
	srv, err := api.NewServer(api.Config{
		Secret: secret, ExtensionIDs: cfg.extensionIDs, TrustedProxies: cfg.trustedProxies,
		NewLimiter: newLimiter, Logger: log, Ready: db.Ping,
	}, db, db)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("unable to listen on %s: %w", cfg.addr, err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    api.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// The one line a supervisor (or a test on port 0) reads to learn where we listen.
	log.Warn("listening", "addr", ln.Addr().String(), "database", db.Dialect(), "trusted_proxies", len(cfg.trustedProxies))

	gcDone := make(chan struct{})
	gcCtx, stopGC := context.WithCancel(ctx)
	go func() {
		defer close(gcDone)
		purgeTombstones(gcCtx, db, cfg.retention, log)
	}()
	pruneDone := make(chan struct{})
	go func() {
		defer close(pruneDone)
		pruneLimits(gcCtx, srv, log)
	}()

	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		stopGC()
		<-gcDone
		<-pruneDone
		return fmt.Errorf("server stopped: %w", err)
	case <-ctx.Done():
	}
	log.Warn("shutting down: finishing requests in flight")
	shutCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err = hs.Shutdown(shutCtx)
	stopGC()
	<-gcDone
	<-pruneDone
	if err != nil {
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	log.Warn("stopped")
	return nil
}

// every calls f each period until ctx ends.
func every(ctx context.Context, period time.Duration, f func()) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f()
		}
	}
}

// purgeTombstones drops old tombstones once an hour until ctx ends.
func purgeTombstones(ctx context.Context, db *store.DB, retention time.Duration, log *slog.Logger) {
	every(ctx, time.Hour, func() {
		n, err := db.PurgeTombstones(ctx, time.Now().Add(-retention))
		if err != nil {
			log.Error("purging tombstones", "err", err)
		} else if n > 0 {
			log.Info("purged tombstones", "count", n)
		}
	})
}

// pruneLimits forgets full rate-limit buckets once a minute until ctx ends. On PostgreSQL
// every replica does it; the DELETEs are idempotent.
func pruneLimits(ctx context.Context, srv *api.Server, log *slog.Logger) {
	every(ctx, time.Minute, func() {
		if _, err := srv.PruneLimits(ctx); err != nil && ctx.Err() == nil {
			log.Error("pruning rate-limit buckets", "err", err)
		}
	})
}
