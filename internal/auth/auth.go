// Package auth authenticates callers: password login (argon2id) that issues
// session tokens, API tokens for scripts, and brute-force lockout. Tokens
// are random, shown once, and stored only as SHA-256 hashes; they expire
// and can be revoked.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
)

// Argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes),
// about 30 ms per hash on this 2-core machine.
var params = &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// Password length limits, in characters.
const (
	MinPassword = 8
	MaxPassword = 128
)

// HashPassword returns the argon2id hash of a password that meets the length rules.
func HashPassword(pw string) (string, error) {
	if n := utf8.RuneCountInString(pw); n < MinPassword || n > MaxPassword {
		return "", talent.Errorf(talent.CodeInvalid, "password", "密码长度应为%d至%d个字符", MinPassword, MaxPassword)
	}
	return argon2id.CreateHash(pw, params)
}

// dummyHash is checked when a login names no user, so that the answer
// takes as long as for a real user and does not reveal which logins exist.
var dummyHash, _ = argon2id.CreateHash("not a password", params)

// NewToken returns a fresh token and its hash.
func NewToken() (token, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	token = "tk_" + base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is the stored form of a token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Lockout policy: after LockAfter consecutive failures an account is
// locked, first for LockBase, doubling with each further failure up to LockMax.
const (
	LockAfter = 5
	LockBase  = time.Minute
	LockMax   = time.Hour
)

// Service logs users in and resolves tokens to principals.
type Service struct {
	Store      *store.Store
	SessionTTL time.Duration
	Now        func() time.Time
}

// New returns a service with 12-hour sessions.
func New(st *store.Store) *Service {
	return &Service{Store: st, SessionTTL: 12 * time.Hour, Now: time.Now}
}

// ErrLoginFailed is the one answer to a wrong login or password: which of
// the two was wrong is not revealed.
var ErrLoginFailed = talent.Errorf(talent.CodeUnauthenticated, "", "登录名或密码错误")

// Login checks a password and issues a session token. A locked account
// answers LOCKED without checking the password.
func (s *Service) Login(ctx context.Context, login, password string) (string, *talent.User, error) {
	now := s.Now().UTC()
	c, err := s.Store.UserCredentials(ctx, login)
	if talent.ErrorCode(err) == talent.CodeNotFound {
		_, _ = argon2id.ComparePasswordAndHash(password, dummyHash)
		return "", nil, ErrLoginFailed
	}
	if err != nil {
		return "", nil, err
	}
	if now.Before(c.LockedUntil) {
		return "", nil, talent.Errorf(talent.CodeLocked, "", "登录失败次数过多，账号已临时锁定，请在 %s 后重试", c.LockedUntil.In(cst).Format("15:04"))
	}
	ok := false
	if c.PasswordHash != "" && !c.User.Disabled {
		ok, err = argon2id.ComparePasswordAndHash(password, c.PasswordHash)
		if err != nil {
			return "", nil, err
		}
	} else {
		_, _ = argon2id.ComparePasswordAndHash(password, dummyHash)
	}
	if !ok {
		var until time.Time
		if failures := c.FailedLogins + 1; failures >= LockAfter {
			d := LockBase << min(failures-LockAfter, 10)
			until = now.Add(min(d, LockMax))
		}
		if err := s.Store.RecordLogin(ctx, c.User.ID, false, until); err != nil {
			return "", nil, err
		}
		return "", nil, ErrLoginFailed
	}
	if err := s.Store.RecordLogin(ctx, c.User.ID, true, time.Time{}); err != nil {
		return "", nil, err
	}
	token, hash := NewToken()
	if _, err := s.Store.CreateToken(ctx, c.User.ID, store.TokenSession, "login", hash, now.Add(s.SessionTTL)); err != nil {
		return "", nil, err
	}
	return token, c.User, nil
}

// cst is China Standard Time, for messages people read.
var cst = time.FixedZone("CST", 8*3600)

// CreateAPIToken issues a long-lived token for scripts.
func (s *Service) CreateAPIToken(ctx context.Context, userID int64, name string, ttl time.Duration) (string, *store.Token, error) {
	if ttl <= 0 || ttl > 5*365*24*time.Hour {
		return "", nil, talent.Errorf(talent.CodeOutOfRange, "ttl", "令牌有效期应在1秒至5年之间")
	}
	if _, err := s.Store.User(ctx, userID); err != nil {
		return "", nil, err
	}
	token, hash := NewToken()
	t, err := s.Store.CreateToken(ctx, userID, store.TokenAPI, name, hash, s.Now().Add(ttl))
	if err != nil {
		return "", nil, err
	}
	return token, t, nil
}

// ErrBadCredentials means the presented token is not valid.
var ErrBadCredentials = talent.Errorf(talent.CodeUnauthenticated, "", "登录已失效或令牌无效，请重新登录")

// Authenticate resolves an Authorization header value ("Bearer <token>")
// to a principal; an empty header is an anonymous caller.
func (s *Service) Authenticate(ctx context.Context, header string) (talent.Principal, error) {
	header = strings.TrimSpace(header)
	if header == "" {
		return talent.Principal{}, nil
	}
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return talent.Principal{}, ErrBadCredentials
	}
	u, _, err := s.Store.UserByToken(ctx, HashToken(strings.TrimSpace(token)))
	if errors.Is(err, store.ErrBadToken) {
		return talent.Principal{}, ErrBadCredentials
	}
	if err != nil {
		return talent.Principal{}, err
	}
	return talent.Principal{User: u}, nil
}

// Logout revokes the token presented.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.Store.RevokeTokenByHash(ctx, HashToken(token))
}
