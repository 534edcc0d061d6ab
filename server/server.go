// Package server is the domain of OrderWatch's sync server: users and their sign-in sessions,
// the orders they track as synced records, the per-field merge rules of the sync protocol
// (shared/DESIGN.md §5), and the interfaces of the stores that keep them. Implementations live in
// sub-packages named for their technology (store: GORM on SQLite or PostgreSQL; api: Echo);
// cmd/orderwatch wires them together.
package server

import (
	"context"
	"time"
)

// User is an account. Email is stored lower-cased.
type User struct {
	ID           int64
	Email        string
	PasswordHash string
	CreatedAt    time.Time
}

// Session is one sign-in on one browser: the family of refresh tokens that rotate from the
// first one. Revoking it kills every refresh token of the family and every access token
// minted for it.
type Session struct {
	ID        string
	UserID    int64
	CreatedAt time.Time
	RevokedAt *time.Time
}

// NewRefreshToken is what a store keeps of a refresh token: the SHA-256 of the opaque value
// (the value itself never reaches the database) and when it stops working.
type NewRefreshToken struct {
	Hash      []byte
	ExpiresAt time.Time
}

// AccountStore keeps users, sessions and refresh tokens.
type AccountStore interface {
	// CreateUser returns ECONFLICT when the email is taken.
	CreateUser(ctx context.Context, email, passwordHash string, now time.Time) (*User, error)
	// FindUserByEmail returns ENOTFOUND for an unknown email.
	FindUserByEmail(ctx context.Context, email string) (*User, error)
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// UpdatePasswordHash replaces the hash. With revoke, every session of the user is
	// revoked in the same transaction (a password change signs out every browser).
	UpdatePasswordHash(ctx context.Context, userID int64, hash string, revoke bool, now time.Time) error
	// DeleteUser removes the user and everything they stored.
	DeleteUser(ctx context.Context, userID int64) error

	// CreateSession starts a session whose first refresh token is rt.
	CreateSession(ctx context.Context, userID int64, rt NewRefreshToken, now time.Time) (*Session, error)
	// RotateRefreshToken spends the refresh token with hash old and stores next in its
	// family. A token that is unknown or expired gives EUNAUTHORIZED; one that was already
	// spent or revoked revokes its whole session (reuse detection) and gives EUNAUTHORIZED.
	// Of two concurrent rotations of one token exactly one succeeds.
	RotateRefreshToken(ctx context.Context, old []byte, next NewRefreshToken, now time.Time) (*Session, error)
	// RevokeSession revokes the session of the refresh token with hash rt. Unknown tokens
	// are not an error, so logging out twice answers the same.
	RevokeSession(ctx context.Context, rt []byte, now time.Time) error
	// CheckSession returns EUNAUTHORIZED unless the user exists and the session is theirs and
	// live. Every authenticated request calls it.
	CheckSession(ctx context.Context, userID int64, sessionID string) error
}

// OrderStore keeps the synced orders of every user. Every method is scoped by userID, which
// comes only from a verified access token.
type OrderStore interface {
	// Push applies a batch of mutations in one write transaction and returns one result per
	// mutation, in order, only after the transaction has committed.
	Push(ctx context.Context, userID int64, deviceID string, muts []Mutation, now time.Time) ([]MutationResult, error)
	// Write applies one change to an existing, live order (the REST PUT and DELETE). A nil
	// base writes on the current version. ENOTFOUND when the order is absent or deleted;
	// ECONFLICT when a field changed after base.
	Write(ctx context.Context, userID int64, orderID string, op Op, base *int64, p Patch, now time.Time) (*OrderRow, error)
	// FindOrder returns a live order; ENOTFOUND when absent or deleted.
	FindOrder(ctx context.Context, userID int64, orderID string) (*OrderRow, error)
	// FindOrders returns every live order of the user in version order.
	FindOrders(ctx context.Context, userID int64) ([]*OrderRow, error)
	// Changes returns up to limit rows with a version above since, tombstones included, in
	// version order. EGONE when since is below the user's tombstone horizon.
	Changes(ctx context.Context, userID int64, since int64, limit int) (*ChangePage, error)
	// PurgeTombstones removes tombstones last written before cutoff and raises each affected
	// user's horizon so that older cursors get EGONE.
	PurgeTombstones(ctx context.Context, cutoff time.Time) (int64, error)
}

// ChangePage is one page of a pull.
type ChangePage struct {
	Changes []*OrderRow
	Cursor  int64 // the version of the last change, or since when there is none
	HasMore bool
}
