// Package testenv gives tests access to the real services that
// scripts/test-env.sh (run by `make test`) provisions: PostgreSQL and
// Meilisearch.
//
// The script exports:
//
//	TALENT_TEST_DATABASE_URL  postgres://postgres@127.0.0.1:PORT/talent_test_HEX?sslmode=disable
//	TALENT_TEST_MEILI_URL     http://127.0.0.1:PORT
//	TALENT_TEST_MEILI_KEY     the Meilisearch master key
//
// When a variable is missing, the test is skipped on a developer machine and
// fails in CI (env CI set to anything but "", "false" or "0"), so a CI run can
// never pass by silently skipping the tests that matter.
package testenv

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lib/pq"
)

// Names of the environment variables set by scripts/test-env.sh.
const (
	EnvDatabaseURL = "TALENT_TEST_DATABASE_URL"
	EnvMeiliURL    = "TALENT_TEST_MEILI_URL"
	EnvMeiliKey    = "TALENT_TEST_MEILI_KEY"
)

// InCI reports whether the tests run in CI: env CI is set to anything other
// than "", "false" or "0".
func InCI() bool {
	v := strings.ToLower(strings.TrimSpace(os.Getenv("CI")))
	return v != "" && v != "false" && v != "0"
}

// RequireService returns the value of envVar. When it is unset or empty, the
// test fails in CI and is skipped elsewhere; what names the service for the
// message (e.g. "PostgreSQL").
func RequireService(t testing.TB, envVar, what string) string {
	t.Helper()
	if v := os.Getenv(envVar); v != "" {
		return v
	}
	requireMissing(t, envVar, what)
	return ""
}

func requireMissing(t testing.TB, envVar, what string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s is not set: %s is required in CI (CI=%q). Run the tests with `make test`, "+
			"whose scripts/test-env.sh starts %s and exports %s.", envVar, what, os.Getenv("CI"), what, envVar)
		return
	}
	t.Skipf("skipping: needs %s but %s is not set; run `make test` "+
		"(or scripts/test-env.sh go test ./...) to provision it.", what, envVar)
}

// ---- PostgreSQL -------------------------------------------------------------

var (
	adminMu  sync.Mutex
	adminDBs = map[string]*sql.DB{} // by base URL; kept open for the process
)

func adminDB(base string) (*sql.DB, error) {
	adminMu.Lock()
	defer adminMu.Unlock()
	if db, ok := adminDBs[base]; ok {
		return db, nil
	}
	db, err := sql.Open("postgres", base)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	db.SetConnMaxIdleTime(30 * time.Second)
	adminDBs[base] = db
	return db, nil
}

var unsafeIdent = regexp.MustCompile(`[^a-z0-9_]+`)

// dbName builds "<base>_<random>" as a valid, unquoted-safe identifier of at
// most 63 bytes (PostgreSQL's limit).
func dbName(base string) string {
	suffix := RandomHex(6)
	base = unsafeIdent.ReplaceAllString(strings.ToLower(base), "_")
	if base == "" {
		base = "talent_test"
	}
	if max := 63 - len(suffix) - 1; len(base) > max {
		base = base[:max]
	}
	return base + "_" + suffix
}

// PostgresURL returns the URL of a fresh, empty PostgreSQL database that
// belongs to this test alone. It is created (CREATE DATABASE) on the server
// named by TALENT_TEST_DATABASE_URL, as "<that database>_<random>", and
// dropped when the test ends (open connections to it are terminated first).
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := RequireService(t, EnvDatabaseURL, "PostgreSQL")
	if base == "" {
		return ""
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		t.Fatalf("testenv: %s=%q is not a postgres:// URL", EnvDatabaseURL, redact(base))
		return ""
	}
	admin, err := adminDB(base)
	if err != nil {
		t.Fatalf("testenv: open %s: %v", redact(base), err)
		return ""
	}

	name := dbName(strings.TrimPrefix(u.Path, "/"))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)); err != nil {
		t.Fatalf("testenv: create database %s on %s: %v", name, redact(base), err)
		return ""
	}
	t.Cleanup(func() {
		if err := dropDatabase(admin, name); err != nil {
			t.Errorf("testenv: drop database %s: %v", name, err)
		}
	})

	fresh := *u
	fresh.Path = "/" + name
	fresh.RawPath = ""
	return fresh.String()
}

func dropDatabase(admin *sql.DB, name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	// Terminate stragglers first; WITH (FORCE) (PostgreSQL 13+) does the same
	// atomically, the explicit step keeps older servers working.
	if _, err := admin.ExecContext(ctx,
		`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
		name); err != nil {
		return err
	}
	_, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)+" WITH (FORCE)")
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "42601" { // syntax_error: server older than 13
		_, err = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name))
	}
	return err
}

// redact hides a password in a URL for messages.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "<unparsable URL>"
	}
	return u.Redacted()
}

// ---- Meilisearch ------------------------------------------------------------

// Meili returns the URL (without a trailing slash) and master key of the
// Meilisearch server named by TALENT_TEST_MEILI_URL and TALENT_TEST_MEILI_KEY,
// after checking that GET /health answers 200 and that the key is accepted.
// The server is shared by all tests (and test binaries running in parallel),
// so tests must use index names of their own, e.g. UniqueName("experts").
func Meili(t testing.TB) (url, key string) {
	t.Helper()
	url = RequireService(t, EnvMeiliURL, "Meilisearch")
	if url == "" {
		return "", ""
	}
	key, ok := os.LookupEnv(EnvMeiliKey) // may be explicitly empty for a keyless server
	if !ok {
		requireMissing(t, EnvMeiliKey, "Meilisearch")
		return "", ""
	}
	url = strings.TrimRight(url, "/")
	if err := meiliHealthy(url, healthTimeout); err != nil {
		t.Fatalf("testenv: Meilisearch at %s (%s) is not healthy: %v", url, EnvMeiliURL, err)
		return "", ""
	}
	if err := meiliKeyAccepted(url, key); err != nil {
		t.Fatalf("testenv: Meilisearch at %s: %v", url, err)
		return "", ""
	}
	return url, key
}

var (
	httpClient    = &http.Client{Timeout: 2 * time.Second}
	healthTimeout = 5 * time.Second // a var so tests can shorten it
)

func meiliHealthy(base string, within time.Duration) error {
	deadline := time.Now().Add(within)
	var last error
	for {
		resp, err := httpClient.Get(base + "/health")
		if err == nil {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("GET /health: %s: %s", resp.Status, strings.TrimSpace(string(body)))
		}
		last = err
		if time.Now().After(deadline) {
			return fmt.Errorf("no 200 from GET /health within %s: %w", within, last)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func meiliKeyAccepted(base, key string) error {
	req, err := http.NewRequest(http.MethodGet, base+"/version", nil)
	if err != nil {
		return err
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return fmt.Errorf("GET /version: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		return fmt.Errorf("GET /version with %s: %s: %s", EnvMeiliKey, resp.Status, strings.TrimSpace(string(body)))
	}
	return nil
}

// ---- names ------------------------------------------------------------------

// RandomHex returns 2*n random lowercase hex digits.
func RandomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand.Read does not fail on supported platforms
	}
	return hex.EncodeToString(b)
}

// UniqueName returns prefix + "_" + 12 random hex digits, for names that
// must not clash between tests sharing a server (Meilisearch index uids, for
// instance; they allow [A-Za-z0-9_-], so keep prefix to those).
func UniqueName(prefix string) string {
	if prefix == "" {
		prefix = "test"
	}
	return prefix + "_" + RandomHex(6)
}
