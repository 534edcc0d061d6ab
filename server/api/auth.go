package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/orderwatch/orderwatch/server"
	"github.com/orderwatch/orderwatch/server/password"
)

type credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type tokenPair struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"` // seconds until the access token expires
}

type refreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

type passwordChange struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

type accountDeletion struct {
	Password string `json:"password"`
}

// errBadLogin is the one answer to a failed login, whether the email is unknown or the
// password wrong, so that the answer does not tell which accounts exist.
var errBadLogin = server.Errorf(server.EUNAUTHORIZED, "Invalid email or password.")

// issue starts a session for the user and returns its first token pair.
func (s *Server) issue(c echo.Context, userID int64) (*tokenPair, error) {
	now := s.cfg.Now()
	rt, hash, err := newRefreshToken()
	if err != nil {
		return nil, err
	}
	sess, err := s.accounts.CreateSession(c.Request().Context(), userID, server.NewRefreshToken{Hash: hash, ExpiresAt: now.Add(s.cfg.RefreshTTL)}, now)
	if err != nil {
		return nil, err
	}
	return s.pair(userID, sess.ID, rt, now)
}

func (s *Server) pair(userID int64, sessionID, rt string, now time.Time) (*tokenPair, error) {
	at, err := s.mintAccess(userID, sessionID, now)
	if err != nil {
		return nil, err
	}
	return &tokenPair{AccessToken: at, RefreshToken: rt, TokenType: "Bearer", ExpiresIn: int(s.cfg.AccessTTL / time.Second)}, nil
}

// hash hashes a password while holding a hash slot.
func (s *Server) hash(c echo.Context, pw string) (string, error) {
	var h string
	var herr error
	if err := s.withHashSlot(c.Request().Context(), func() { h, herr = password.Hash(pw, s.cfg.Password) }); err != nil {
		return "", err
	}
	return h, herr
}

// verify checks a password against a hash while holding a hash slot.
func (s *Server) verify(c echo.Context, pw, hash string) (ok, rehash bool, err error) {
	var verr error
	if err := s.withHashSlot(c.Request().Context(), func() { ok, rehash, verr = password.Verify(pw, hash, s.cfg.Password) }); err != nil {
		return false, false, err
	}
	return ok, rehash, verr
}

func (s *Server) handleRegister(c echo.Context) error {
	var in credentials
	if err := decodeBody(c, &in); err != nil {
		return err
	}
	email, err := server.NormalizeEmail(in.Email)
	if err != nil {
		return err
	}
	if err := server.ValidatePassword(in.Password); err != nil {
		return err
	}
	h, err := s.hash(c, in.Password)
	if err != nil {
		return err
	}
	u, err := s.accounts.CreateUser(c.Request().Context(), email, h, s.cfg.Now())
	if err != nil {
		return err
	}
	p, err := s.issue(c, u.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, p)
}

// attempt takes one of the account's attempts before its password is checked, and refuses
// the account when it has none left (a soft lock: it ends by itself, so that nobody can lock
// a victim out for good). Taking before the check, not counting after it, means guesses sent
// in parallel cannot all slip past the limit. The returned function gives the attempt back
// unless the password turned out wrong: only failures count.
func (s *Server) attempt(c echo.Context, email string) (done func(wrong bool), err error) {
	ctx := c.Request().Context()
	ok, after, err := s.perAcct.Take(ctx, email, s.cfg.Now())
	if err != nil {
		return nil, fmt.Errorf("api: account limit: %w", err)
	}
	if !ok {
		return nil, rateLimited{server.Errorf(server.ERATELIMIT, "Too many failed attempts for this account; retry later."), roundUp(after)}
	}
	return func(wrong bool) {
		if wrong {
			return
		}
		if err := s.perAcct.Return(context.WithoutCancel(ctx), email, s.cfg.Now()); err != nil {
			s.cfg.Logger.Warn("unable to give back an account attempt", "err", err)
		}
	}, nil
}

func (s *Server) handleLogin(c echo.Context) error {
	var in credentials
	if err := decodeBody(c, &in); err != nil {
		return err
	}
	email, err := server.NormalizeEmail(in.Email)
	if err != nil {
		return err
	}
	if len(in.Password) > server.MaxPasswordBytes {
		return server.Errorf(server.EINVALID, "password must be at most %d bytes.", server.MaxPasswordBytes)
	}
	done, err := s.attempt(c, email)
	if err != nil {
		return err
	}
	wrong := false
	defer func() { done(wrong) }()
	ctx := c.Request().Context()
	u, err := s.accounts.FindUserByEmail(ctx, email)
	if err != nil && server.ErrorCode(err) != server.ENOTFOUND {
		return err
	}
	hash := s.dummyHash
	if u != nil {
		hash = u.PasswordHash
	}
	ok, rehash, err := s.verify(c, in.Password, hash)
	if err != nil {
		return err
	}
	if u == nil || !ok {
		wrong = true
		return errBadLogin
	}
	if rehash {
		if h, err := s.hash(c, in.Password); err == nil {
			if err := s.accounts.UpdatePasswordHash(ctx, u.ID, h, false, s.cfg.Now()); err != nil {
				s.cfg.Logger.Warn("unable to re-hash a password", "user", u.ID, "err", err)
			}
		}
	}
	p, err := s.issue(c, u.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

func (s *Server) handleRefresh(c echo.Context) error {
	var in refreshRequest
	if err := decodeBody(c, &in); err != nil {
		return err
	}
	if !validRefreshShape(in.RefreshToken) {
		return server.Errorf(server.EUNAUTHORIZED, "Invalid or expired refresh token.")
	}
	now := s.cfg.Now()
	rt, hash, err := newRefreshToken()
	if err != nil {
		return err
	}
	sess, err := s.accounts.RotateRefreshToken(c.Request().Context(), hashRefresh(in.RefreshToken), server.NewRefreshToken{Hash: hash, ExpiresAt: now.Add(s.cfg.RefreshTTL)}, now)
	if err != nil {
		return err
	}
	p, err := s.pair(sess.UserID, sess.ID, rt, now)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

func (s *Server) handleLogout(c echo.Context) error {
	var in refreshRequest
	if err := decodeBody(c, &in); err != nil {
		return err
	}
	if validRefreshShape(in.RefreshToken) {
		if err := s.accounts.RevokeSession(c.Request().Context(), hashRefresh(in.RefreshToken), s.cfg.Now()); err != nil {
			return err
		}
	}
	return c.NoContent(http.StatusNoContent)
}

// reauthenticate checks the signed-in user's password before a sensitive change.
func (s *Server) reauthenticate(c echo.Context, pw string) (*server.User, error) {
	if len(pw) > server.MaxPasswordBytes {
		return nil, server.Errorf(server.EINVALID, "password must be at most %d bytes.", server.MaxPasswordBytes)
	}
	u, err := s.accounts.FindUserByID(c.Request().Context(), userOf(c))
	if err != nil {
		if server.ErrorCode(err) == server.ENOTFOUND {
			return nil, server.Errorf(server.EUNAUTHORIZED, "Sign in again.")
		}
		return nil, err
	}
	done, err := s.attempt(c, u.Email)
	if err != nil {
		return nil, err
	}
	wrong := false
	defer func() { done(wrong) }()
	ok, _, err := s.verify(c, pw, u.PasswordHash)
	if err != nil {
		return nil, err
	}
	if !ok {
		wrong = true
		return nil, server.Errorf(server.EUNAUTHORIZED, "Wrong password.")
	}
	return u, nil
}

func (s *Server) handlePasswordChange(c echo.Context) error {
	var in passwordChange
	if err := decodeBody(c, &in); err != nil {
		return err
	}
	if err := server.ValidatePassword(in.NewPassword); err != nil {
		return err
	}
	u, err := s.reauthenticate(c, in.CurrentPassword)
	if err != nil {
		return err
	}
	h, err := s.hash(c, in.NewPassword)
	if err != nil {
		return err
	}
	// Every session ends, this one included; the caller gets a fresh pair.
	if err := s.accounts.UpdatePasswordHash(c.Request().Context(), u.ID, h, true, s.cfg.Now()); err != nil {
		return err
	}
	p, err := s.issue(c, u.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

func (s *Server) handleAccountDelete(c echo.Context) error {
	var in accountDeletion
	if err := decodeBody(c, &in); err != nil {
		return err
	}
	u, err := s.reauthenticate(c, in.Password)
	if err != nil {
		return err
	}
	if err := s.accounts.DeleteUser(c.Request().Context(), u.ID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// Context keys set by authenticate.
const (
	ctxUser    = "orderwatch.user"
	ctxSession = "orderwatch.session"
)

func userOf(c echo.Context) int64 {
	id, _ := c.Get(ctxUser).(int64)
	return id
}

// authenticate is the JWT middleware: the token comes only from "Authorization: Bearer"
// (never the query), goes through parseAccess, and its session must still be live (logout,
// password change and account deletion end it at once).
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header.Get(echo.HeaderAuthorization)
		scheme, raw, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return server.Errorf(server.EUNAUTHORIZED, "Authentication required.")
		}
		userID, sessionID, err := s.parseAccess(strings.TrimSpace(raw))
		if err != nil {
			return err
		}
		if err := s.accounts.CheckSession(c.Request().Context(), userID, sessionID); err != nil {
			if server.ErrorCode(err) == server.EUNAUTHORIZED {
				return err
			}
			return fmt.Errorf("api: unable to check a session: %w", err)
		}
		c.Set(ctxUser, userID)
		c.Set(ctxSession, sessionID)
		return next(c)
	}
}

// limitIP applies the per-IP limit of the auth routes. The IP is the TCP peer's, or with
// Config.TrustedProxies the one a trusted proxy put in X-Forwarded-For (see clientIP), so a
// forged X-Forwarded-For from anyone else changes nothing.
func (s *Server) limitIP(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ok, after, err := s.perIP.Take(c.Request().Context(), c.RealIP(), s.cfg.Now())
		if err != nil {
			return fmt.Errorf("api: address limit: %w", err)
		}
		if !ok {
			return rateLimited{server.Errorf(server.ERATELIMIT, "Too many requests from this address; retry later."), roundUp(after)}
		}
		return next(c)
	}
}
