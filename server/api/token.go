package api

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
	"github.com/orderwatch/orderwatch/server"
)

// tokenTypeAccess is the "typ" claim of access tokens. Refresh tokens are opaque random
// strings, never JWTs, so the two cannot be swapped.
const tokenTypeAccess = "access"

// accessClaims are the claims of an access token.
type accessClaims struct {
	jwt.RegisteredClaims
	Type      string `json:"typ"`
	SessionID string `json:"sid"`
}

// mintAccess signs an access token for the user's session.
func (s *Server) mintAccess(userID int64, sessionID string, now time.Time) (string, error) {
	claims := accessClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    Issuer,
			Subject:   strconv.FormatInt(userID, 10),
			Audience:  jwt.ClaimStrings{AccessAudience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(s.cfg.AccessTTL)),
			ID:        uuid.NewString(),
		},
		Type:      tokenTypeAccess,
		SessionID: sessionID,
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.cfg.Secret)
}

// maxBearerBytes bounds the token the parser sees; ours are ~400 bytes.
const maxBearerBytes = 2048

// parseAccess verifies an access token: HS256 only, our key whatever the header's kid says,
// exp required, iss and aud ours, within 30 s of leeway, typ "access". It returns the user
// and session ids. It accepts only when the library says the token is valid with no error.
func (s *Server) parseAccess(raw string) (userID int64, sessionID string, err error) {
	denied := server.Errorf(server.EUNAUTHORIZED, "Invalid or expired access token.")
	if raw == "" || len(raw) > maxBearerBytes || strings.Count(raw, ".") != 2 {
		return 0, "", denied
	}
	p := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithIssuer(Issuer),
		jwt.WithAudience(AccessAudience),
		jwt.WithLeeway(30*time.Second),
		jwt.WithTimeFunc(s.cfg.Now),
		jwt.WithStrictDecoding(),
	)
	var claims accessClaims
	tok, err := p.ParseWithClaims(raw, &claims, func(*jwt.Token) (any, error) {
		return s.cfg.Secret, nil // one key: the header's kid is never looked at
	})
	if err != nil || tok == nil || !tok.Valid {
		return 0, "", denied
	}
	if claims.Type != tokenTypeAccess || claims.SessionID == "" {
		return 0, "", denied
	}
	id, perr := strconv.ParseInt(claims.Subject, 10, 64)
	if perr != nil || id <= 0 {
		return 0, "", denied
	}
	return id, claims.SessionID, nil
}

// newRefreshToken returns an opaque refresh token (256 random bits) and its SHA-256.
func newRefreshToken() (token string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	token = "owr_" + base64.RawURLEncoding.EncodeToString(b)
	return token, hashRefresh(token), nil
}

func hashRefresh(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// validRefreshShape reports whether s could be one of our refresh tokens; anything else is
// refused without a database look-up.
func validRefreshShape(s string) bool {
	rest, ok := strings.CutPrefix(s, "owr_")
	if !ok || len(rest) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil
}
