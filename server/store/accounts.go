package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/orderwatch/orderwatch/server"
	"gorm.io/gorm"
)

var _ server.AccountStore = (*DB)(nil)

// CreateUser implements server.AccountStore.
func (db *DB) CreateUser(ctx context.Context, email, hash string, now time.Time) (*server.User, error) {
	row := userRow{Email: email, PasswordHash: hash, CreatedAt: now.UTC()}
	err := db.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&userRow{}).Where("email = ?", email).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return server.Errorf(server.ECONFLICT, "An account with this email exists.")
		}
		return tx.Create(&row).Error
	})
	if err != nil {
		if server.ErrorCode(err) == server.ECONFLICT || isUniqueViolation(err) {
			return nil, server.Errorf(server.ECONFLICT, "An account with this email exists.")
		}
		return nil, fmt.Errorf("store: unable to create user: %w", err)
	}
	return &server.User{ID: row.ID, Email: row.Email, PasswordHash: row.PasswordHash, CreatedAt: row.CreatedAt}, nil
}

// isUniqueViolation recognises a unique-constraint error of either database (two concurrent
// registrations of one email on PostgreSQL).
func isUniqueViolation(err error) bool {
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

func (db *DB) findUser(ctx context.Context, where string, arg any) (*server.User, error) {
	var row userRow
	res := db.r.WithContext(ctx).Where(where, arg).Limit(1).Find(&row)
	if res.Error != nil {
		return nil, fmt.Errorf("store: unable to find user: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, server.Errorf(server.ENOTFOUND, "User not found.")
	}
	return &server.User{ID: row.ID, Email: row.Email, PasswordHash: row.PasswordHash, CreatedAt: row.CreatedAt}, nil
}

// FindUserByEmail implements server.AccountStore.
func (db *DB) FindUserByEmail(ctx context.Context, email string) (*server.User, error) {
	return db.findUser(ctx, "email = ?", email)
}

// FindUserByID implements server.AccountStore.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*server.User, error) {
	return db.findUser(ctx, "id = ?", id)
}

// UpdatePasswordHash implements server.AccountStore.
func (db *DB) UpdatePasswordHash(ctx context.Context, userID int64, hash string, revoke bool, now time.Time) error {
	err := db.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&userRow{}).Where("id = ?", userID).Update("password_hash", hash)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return server.Errorf(server.EUNAUTHORIZED, "Sign in again.")
		}
		if !revoke {
			return nil
		}
		return tx.Model(&sessionRow{}).Scopes(byUser(userID)).Where("revoked_at IS NULL").Update("revoked_at", now.UTC()).Error
	})
	if err != nil && server.ErrorCode(err) == server.EINTERNAL {
		return fmt.Errorf("store: unable to update the password of user %d: %w", userID, err)
	}
	return err
}

// DeleteUser implements server.AccountStore.
func (db *DB) DeleteUser(ctx context.Context, userID int64) error {
	err := db.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, m := range []any{&orderRow{}, &mutationRow{}, &refreshTokenRow{}, &sessionRow{}} {
			if err := tx.Scopes(byUser(userID)).Delete(m).Error; err != nil {
				return err
			}
		}
		res := tx.Where("id = ?", userID).Delete(&userRow{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return server.Errorf(server.EUNAUTHORIZED, "Sign in again.")
		}
		return nil
	})
	if err != nil && server.ErrorCode(err) == server.EINTERNAL {
		return fmt.Errorf("store: unable to delete user %d: %w", userID, err)
	}
	return err
}

// CreateSession implements server.AccountStore.
func (db *DB) CreateSession(ctx context.Context, userID int64, rt server.NewRefreshToken, now time.Time) (*server.Session, error) {
	now = now.UTC()
	s := sessionRow{ID: uuid.NewString(), UserID: userID, CreatedAt: now}
	err := db.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&s).Error; err != nil {
			return err
		}
		return tx.Create(&refreshTokenRow{SessionID: s.ID, UserID: userID, Hash: hashHex(rt.Hash), ExpiresAt: rt.ExpiresAt.UTC(), CreatedAt: now}).Error
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to create a session for user %d: %w", userID, err)
	}
	return &server.Session{ID: s.ID, UserID: userID, CreatedAt: now}, nil
}

var errRefreshDenied = server.Errorf(server.EUNAUTHORIZED, "Invalid or expired refresh token.")

// RotateRefreshToken implements server.AccountStore.
func (db *DB) RotateRefreshToken(ctx context.Context, old []byte, next server.NewRefreshToken, now time.Time) (*server.Session, error) {
	now = now.UTC()
	var out *server.Session
	var denied error
	err := db.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rt refreshTokenRow
		res := tx.Where("hash = ?", hashHex(old)).Limit(1).Find(&rt)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			denied = errRefreshDenied
			return nil
		}
		var s sessionRow
		if err := tx.Where("id = ?", rt.SessionID).Take(&s).Error; err != nil {
			return err
		}
		revoke := func() error {
			denied = errRefreshDenied
			return tx.Model(&sessionRow{}).Where("id = ? AND revoked_at IS NULL", s.ID).Update("revoked_at", now).Error
		}
		if s.RevokedAt != nil || rt.UsedAt != nil {
			// A spent token came back: whoever holds it may be a thief. End the family.
			return revoke()
		}
		if !now.Before(rt.ExpiresAt) {
			denied = errRefreshDenied
			return nil
		}
		// Conditional update: of two concurrent rotations (PostgreSQL lets both read the
		// token unspent) only one finds used_at still NULL.
		res = tx.Model(&refreshTokenRow{}).Where("id = ? AND used_at IS NULL", rt.ID).Update("used_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return revoke()
		}
		child := refreshTokenRow{SessionID: s.ID, UserID: s.UserID, Hash: hashHex(next.Hash), ParentID: &rt.ID, ExpiresAt: next.ExpiresAt.UTC(), CreatedAt: now}
		if err := tx.Create(&child).Error; err != nil {
			return err
		}
		out = &server.Session{ID: s.ID, UserID: s.UserID, CreatedAt: s.CreatedAt}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to rotate a refresh token: %w", err)
	}
	if denied != nil {
		return nil, denied
	}
	return out, nil
}

// RevokeSession implements server.AccountStore.
func (db *DB) RevokeSession(ctx context.Context, rt []byte, now time.Time) error {
	err := db.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row refreshTokenRow
		res := tx.Where("hash = ?", hashHex(rt)).Limit(1).Find(&row)
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		return tx.Model(&sessionRow{}).Where("id = ? AND revoked_at IS NULL", row.SessionID).Update("revoked_at", now.UTC()).Error
	})
	if err != nil {
		return fmt.Errorf("store: unable to revoke a session: %w", err)
	}
	return nil
}

// CheckSession implements server.AccountStore.
func (db *DB) CheckSession(ctx context.Context, userID int64, sessionID string) error {
	var n int64
	err := db.r.WithContext(ctx).Model(&sessionRow{}).
		Joins("JOIN users ON users.id = sessions.user_id").
		Where("sessions.id = ? AND sessions.user_id = ? AND sessions.revoked_at IS NULL", sessionID, userID).
		Count(&n).Error
	if err != nil {
		return fmt.Errorf("store: unable to check session: %w", err)
	}
	if n == 0 {
		return server.Errorf(server.EUNAUTHORIZED, "Session ended; sign in again.")
	}
	return nil
}
