package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/fuliang/talent/internal/talent"
	"github.com/jmoiron/sqlx"
)

type userRow struct {
	ID             int64         `db:"id"`
	Login          string        `db:"login"`
	DisplayName    string        `db:"display_name"`
	PasswordHash   string        `db:"password_hash"`
	Role           string        `db:"role"`
	Registries     []byte        `db:"registries"`
	ExpertID       sql.NullInt64 `db:"expert_id"`
	OrganizationID sql.NullInt64 `db:"organization_id"`
	DisabledAt     sql.NullTime  `db:"disabled_at"`
	FailedLogins   int           `db:"failed_logins"`
	LockedUntil    sql.NullTime  `db:"locked_until"`
	Version        int           `db:"version"`
}

const userColumns = `id, login, display_name, password_hash, role, registries, expert_id, organization_id,
	disabled_at, failed_logins, locked_until, version`

func (r *userRow) user() *talent.User {
	u := &talent.User{ID: r.ID, Login: r.Login, DisplayName: r.DisplayName, Role: talent.Role(r.Role),
		ExpertID: r.ExpertID.Int64, OrganizationID: r.OrganizationID.Int64, Disabled: r.DisabledAt.Valid, Version: r.Version}
	_ = json.Unmarshal(r.Registries, &u.Registries)
	return u
}

// Credentials is what a login check needs besides the user.
type Credentials struct {
	User         *talent.User
	PasswordHash string
	FailedLogins int
	LockedUntil  time.Time // zero when not locked
}

var loginRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$`)

// CreateUser adds an account. passwordHash may be empty (token-only
// accounts). Errors: validation errors, DUPLICATE login, NOT_FOUND for the
// linked expert or organisation.
func (s *Store) CreateUser(ctx context.Context, u *talent.User, passwordHash string) (*talent.User, error) {
	var errs talent.Errors
	u.Login, u.DisplayName = talent.Clean(u.Login), talent.Clean(u.DisplayName)
	if !loginRe.MatchString(u.Login) {
		errs.Add(talent.CodeInvalid, "login", "登录名须为3至64位字母、数字或 . _ @ -，且以字母或数字开头")
	}
	if !talent.Valid(talent.Roles, string(u.Role)) {
		errs.Add(talent.CodeInvalid, "role", "角色“%s”无效", u.Role)
	}
	if len([]rune(u.DisplayName)) > talent.MaxName {
		errs.Add(talent.CodeTooLong, "displayName", "显示名不能超过%d个字", talent.MaxName)
	}
	switch u.Role {
	case talent.RoleOfficer:
		if len(u.Registries) == 0 {
			errs.Add(talent.CodeRequired, "registries", "人才库管理员须指定所管理的人才库")
		}
		for _, r := range u.Registries {
			if !talent.Valid(talent.Registries, string(r)) {
				errs.Add(talent.CodeInvalid, "registries", "人才库“%s”无效", r)
			}
		}
	case talent.RoleExpert:
		if u.ExpertID == 0 {
			errs.Add(talent.CodeRequired, "expertId", "专家账号须关联一位专家")
		}
	case talent.RoleRequester:
		if u.OrganizationID == 0 {
			errs.Add(talent.CodeRequired, "organizationId", "需求单位账号须关联一个单位")
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if u.Role != talent.RoleOfficer {
		u.Registries = nil
	}
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if u.ExpertID != 0 {
			if _, err := s.getExpert(ctx, tx, u.ExpertID, false); err != nil {
				return talent.Errorf(talent.CodeNotFound, "expertId", "专家不存在（ID：%d）", u.ExpertID)
			}
		}
		if u.OrganizationID != 0 {
			var n int
			if err := s.get(ctx, tx, &n, `SELECT COUNT(*) FROM organization WHERE id = ?`, u.OrganizationID); err != nil || n == 0 {
				return talent.Errorf(talent.CodeNotFound, "organizationId", "单位不存在（ID：%d）", u.OrganizationID)
			}
		}
		now := s.now().UTC()
		id, err := s.insert(ctx, tx, `INSERT INTO app_user (login, display_name, password_hash, role, registries, expert_id,
			organization_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			u.Login, u.DisplayName, passwordHash, string(u.Role), jsonOf(u.Registries), nullInt(u.ExpertID), nullInt(u.OrganizationID), now, now)
		if err != nil {
			if talent.ErrorCode(err) == talent.CodeDuplicate {
				return talent.Errorf(talent.CodeDuplicate, "login", "登录名“%s”已被使用", u.Login)
			}
			return err
		}
		u.ID, u.Version = id, 1
		return s.audit(ctx, tx, "createUser", "user", id, nil, u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// CountUsers counts accounts; zero means the system still needs its first admin.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.get(ctx, s.db, &n, `SELECT COUNT(*) FROM app_user`); err != nil {
		return 0, fmt.Errorf("store: count users: %w", err)
	}
	return n, nil
}

// UserCredentials returns a user with what a login check needs.
// Errors: NOT_FOUND.
func (s *Store) UserCredentials(ctx context.Context, login string) (*Credentials, error) {
	var r userRow
	if err := s.get(ctx, s.db, &r, `SELECT `+userColumns+` FROM app_user WHERE login = ?`, talent.Clean(login)); err != nil {
		return nil, notFound(err, "用户", login)
	}
	c := &Credentials{User: r.user(), PasswordHash: r.PasswordHash, FailedLogins: r.FailedLogins}
	if r.LockedUntil.Valid {
		c.LockedUntil = r.LockedUntil.Time.UTC()
	}
	return c, nil
}

// User returns an account by id. Errors: NOT_FOUND.
func (s *Store) User(ctx context.Context, id int64) (*talent.User, error) {
	var r userRow
	if err := s.get(ctx, s.db, &r, `SELECT `+userColumns+` FROM app_user WHERE id = ?`, id); err != nil {
		return nil, notFound(err, "用户", id)
	}
	return r.user(), nil
}

// RecordLogin stores the outcome of a password check: success clears the
// failure count; failure increments it and locks the account until
// lockedUntil (zero: not locked).
func (s *Store) RecordLogin(ctx context.Context, userID int64, ok bool, lockedUntil time.Time) error {
	var err error
	if ok {
		_, err = s.exec(ctx, s.db, `UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = ?`, userID)
	} else {
		var lock any
		if !lockedUntil.IsZero() {
			lock = lockedUntil.UTC()
		}
		_, err = s.exec(ctx, s.db, `UPDATE app_user SET failed_logins = failed_logins + 1, locked_until = ? WHERE id = ?`, lock, userID)
	}
	if err != nil {
		return fmt.Errorf("store: record login: %w", err)
	}
	return nil
}

// SetPassword replaces a user's password hash and revokes their sessions.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		now := s.now().UTC()
		res, err := s.exec(ctx, tx, `UPDATE app_user SET password_hash = ?, failed_logins = 0, locked_until = NULL,
			version = version + 1, updated_at = ? WHERE id = ?`, hash, now, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return talent.NotFound("userId", "用户", userID)
		}
		if _, err := s.exec(ctx, tx, `UPDATE auth_token SET revoked_at = ? WHERE user_id = ? AND kind = 'SESSION' AND revoked_at IS NULL`, now, userID); err != nil {
			return err
		}
		return s.audit(ctx, tx, "setPassword", "user", userID, nil, map[string]string{"password": "（已修改）"})
	})
}

// Token kinds.
const (
	TokenSession = "SESSION"
	TokenAPI     = "API"
)

// Token is a session or API token's metadata; the token itself is never stored.
type Token struct {
	ID         int64        `db:"id"`
	UserID     int64        `db:"user_id"`
	Kind       string       `db:"kind"`
	Name       string       `db:"name"`
	CreatedAt  time.Time    `db:"created_at"`
	ExpiresAt  time.Time    `db:"expires_at"`
	RevokedAt  sql.NullTime `db:"revoked_at"`
	LastUsedAt sql.NullTime `db:"last_used_at"`
}

// CreateToken stores a token by its hash.
func (s *Store) CreateToken(ctx context.Context, userID int64, kind, name, hash string, expires time.Time) (*Token, error) {
	t := &Token{UserID: userID, Kind: kind, Name: talent.Clean(name), CreatedAt: s.now().UTC(), ExpiresAt: expires.UTC()}
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		id, err := s.insert(ctx, tx, `INSERT INTO auth_token (user_id, kind, name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			userID, kind, t.Name, hash, t.CreatedAt, t.ExpiresAt)
		if err != nil {
			return err
		}
		t.ID = id
		if kind == TokenAPI {
			return s.audit(ctx, tx, "createToken", "token", id, nil, map[string]any{"userId": userID, "name": t.Name, "expiresAt": t.ExpiresAt})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// ErrBadToken means a token is unknown, expired, revoked or of a disabled user.
var ErrBadToken = errors.New("store: invalid token")

// UserByToken returns the live token's user. Errors: ErrBadToken.
func (s *Store) UserByToken(ctx context.Context, hash string) (*talent.User, *Token, error) {
	var row struct {
		userRow
		TokenID   int64        `db:"token_id"`
		Kind      string       `db:"kind"`
		ExpiresAt time.Time    `db:"expires_at"`
		LastUsed  sql.NullTime `db:"last_used_at"`
	}
	now := s.now().UTC()
	err := s.get(ctx, s.db, &row, `SELECT `+prefixed("u", userColumns)+`, t.id AS token_id, t.kind, t.expires_at, t.last_used_at
		FROM auth_token t JOIN app_user u ON u.id = t.user_id
		WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.disabled_at IS NULL`, hash, now)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, ErrBadToken
	}
	if err != nil {
		return nil, nil, fmt.Errorf("store: token: %w", err)
	}
	// Note the use at most once a minute: a write per request would cost more than it tells.
	if !row.LastUsed.Valid || now.Sub(row.LastUsed.Time) > time.Minute {
		_, _ = s.exec(ctx, s.db, `UPDATE auth_token SET last_used_at = ? WHERE id = ?`, now, row.TokenID)
	}
	return row.userRow.user(), &Token{ID: row.TokenID, UserID: row.ID, Kind: row.Kind, ExpiresAt: row.ExpiresAt}, nil
}

// RevokeToken revokes a token of a user (userID 0: any user's).
func (s *Store) RevokeToken(ctx context.Context, tokenID, userID int64) error {
	res, err := s.exec(ctx, s.db, `UPDATE auth_token SET revoked_at = ? WHERE id = ? AND (? = 0 OR user_id = ?) AND revoked_at IS NULL`,
		s.now().UTC(), tokenID, userID, userID)
	if err != nil {
		return fmt.Errorf("store: revoke token: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return talent.NotFound("id", "令牌", tokenID)
	}
	return nil
}

// RevokeTokenByHash revokes the token with this hash (logout).
func (s *Store) RevokeTokenByHash(ctx context.Context, hash string) error {
	_, err := s.exec(ctx, s.db, `UPDATE auth_token SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL`, s.now().UTC(), hash)
	return err
}
