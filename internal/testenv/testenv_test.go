package testenv

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"
)

// fakeTB records Skip/Fatal instead of ending the real test. Like the real
// thing, Skipf and Fatalf stop the calling goroutine.
type fakeTB struct {
	testing.TB
	skipped, fatal bool
	msg            string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.fatal, f.msg = true, fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (f *fakeTB) Skipf(format string, args ...any) {
	f.skipped, f.msg = true, fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// runFake runs fn with a fakeTB on its own goroutine and returns what
// happened, and whether fn returned normally.
func runFake(fn func(tb testing.TB)) (f *fakeTB, returned bool) {
	f = &fakeTB{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
		returned = true
	}()
	<-done
	return f, returned
}

func TestRequireService(t *testing.T) {
	const env = "TALENT_TEST_TESTENV_PROBE"
	tests := []struct {
		name, value, ci string
		wantValue       string
		wantSkip        bool
		wantFatal       bool
	}{
		{name: "set", value: "x://y", ci: "true", wantValue: "x://y"},
		{name: "unset in CI", ci: "true", wantFatal: true},
		{name: "unset with CI=1", ci: "1", wantFatal: true},
		{name: "unset locally", ci: "", wantSkip: true},
		{name: "unset with CI=false", ci: "false", wantSkip: true},
		{name: "unset with CI=0", ci: "0", wantSkip: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(env, tc.value)
			t.Setenv("CI", tc.ci)
			var got string
			f, returned := runFake(func(tb testing.TB) { got = RequireService(tb, env, "Widgetd") })
			if f.skipped != tc.wantSkip || f.fatal != tc.wantFatal {
				t.Fatalf("skipped=%v fatal=%v (msg %q), want skipped=%v fatal=%v",
					f.skipped, f.fatal, f.msg, tc.wantSkip, tc.wantFatal)
			}
			if returned != (!tc.wantSkip && !tc.wantFatal) {
				t.Fatalf("returned=%v", returned)
			}
			if got != tc.wantValue {
				t.Fatalf("value %q, want %q", got, tc.wantValue)
			}
			if tc.wantFatal || tc.wantSkip {
				for _, s := range []string{env, "Widgetd", "make test"} {
					if !strings.Contains(f.msg, s) {
						t.Errorf("message %q does not mention %q", f.msg, s)
					}
				}
			}
			if tc.wantFatal && !strings.Contains(f.msg, "required in CI") {
				t.Errorf("CI message %q does not say the service is required in CI", f.msg)
			}
		})
	}
}

func TestPostgresURLAndMeiliWithoutEnv(t *testing.T) {
	t.Setenv(EnvDatabaseURL, "")
	t.Setenv(EnvMeiliURL, "")
	t.Setenv("CI", "true")
	f, _ := runFake(func(tb testing.TB) { PostgresURL(tb) })
	if !f.fatal || !strings.Contains(f.msg, EnvDatabaseURL) {
		t.Errorf("PostgresURL in CI without %s: fatal=%v msg=%q", EnvDatabaseURL, f.fatal, f.msg)
	}
	f, _ = runFake(func(tb testing.TB) { Meili(tb) })
	if !f.fatal || !strings.Contains(f.msg, EnvMeiliURL) {
		t.Errorf("Meili in CI without %s: fatal=%v msg=%q", EnvMeiliURL, f.fatal, f.msg)
	}
	t.Setenv("CI", "")
	f, _ = runFake(func(tb testing.TB) { PostgresURL(tb) })
	if !f.skipped {
		t.Errorf("PostgresURL outside CI without %s: want skip, got fatal=%v msg=%q", EnvDatabaseURL, f.fatal, f.msg)
	}
	f, _ = runFake(func(tb testing.TB) { Meili(tb) })
	if !f.skipped {
		t.Errorf("Meili outside CI without %s: want skip, got fatal=%v msg=%q", EnvMeiliURL, f.fatal, f.msg)
	}
}

func TestDBName(t *testing.T) {
	seen := map[string]bool{}
	for _, base := range []string{"talent_test_ab12cd34", "", "Weird-Name.Ünï", strings.Repeat("x", 100)} {
		n := dbName(base)
		if len(n) > 63 {
			t.Errorf("dbName(%q) = %q: %d bytes, over PostgreSQL's 63", base, n, len(n))
		}
		for _, r := range n {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
				t.Errorf("dbName(%q) = %q: unexpected character %q", base, n, r)
			}
		}
		if seen[n] {
			t.Errorf("dbName(%q) = %q repeated", base, n)
		}
		seen[n] = true
	}
	if n := dbName("talent_test_ab12cd34"); !strings.HasPrefix(n, "talent_test_ab12cd34_") {
		t.Errorf("dbName kept no prefix: %q", n)
	}
}

func dbExists(t *testing.T, admin *sql.DB, name string) bool {
	t.Helper()
	var n int
	if err := admin.QueryRow(`SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&n); err != nil {
		t.Fatalf("query pg_database: %v", err)
	}
	return n == 1
}

func TestPostgresURL(t *testing.T) {
	base := RequireService(t, EnvDatabaseURL, "PostgreSQL")
	baseURL, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()

	var first string
	var held *sql.Conn // left open past the subtest: the drop must still succeed
	t.Run("fresh", func(t *testing.T) {
		u := PostgresURL(t)
		pu, err := url.Parse(u)
		if err != nil {
			t.Fatalf("PostgresURL returned %q: %v", u, err)
		}
		first = strings.TrimPrefix(pu.Path, "/")
		if !strings.HasPrefix(first, strings.TrimPrefix(baseURL.Path, "/")+"_") {
			t.Errorf("database %q is not named after the base database %q", first, baseURL.Path)
		}
		if pu.Host != baseURL.Host || pu.User.String() != baseURL.User.String() || pu.RawQuery != baseURL.RawQuery {
			t.Errorf("URL %q does not keep host, user and query of %q", u, base)
		}
		if !dbExists(t, admin, first) {
			t.Fatalf("database %s does not exist after PostgresURL", first)
		}

		db, err := sql.Open("postgres", u)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		held, err = db.Conn(ctx)
		if err != nil {
			t.Fatalf("connect to %s: %v", u, err)
		}
		var current string
		if err := held.QueryRowContext(ctx, `SELECT current_database()`).Scan(&current); err != nil {
			t.Fatal(err)
		}
		if current != first {
			t.Fatalf("connected to %q, want %q", current, first)
		}
		var tables int
		if err := held.QueryRowContext(ctx,
			`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'`).Scan(&tables); err != nil {
			t.Fatal(err)
		}
		if tables != 0 {
			t.Fatalf("fresh database has %d tables", tables)
		}
		if _, err := held.ExecContext(ctx, `CREATE TABLE probe (id int PRIMARY KEY, name text NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		if _, err := held.ExecContext(ctx, `INSERT INTO probe VALUES (1, '专家')`); err != nil {
			t.Fatal(err)
		}
		var name string
		if err := held.QueryRowContext(ctx, `SELECT name FROM probe WHERE id = 1`).Scan(&name); err != nil {
			t.Fatal(err)
		}
		if name != "专家" {
			t.Fatalf("read back %q", name)
		}
	})
	if held != nil {
		defer held.Close()
	}
	if first == "" || t.Failed() {
		return
	}
	if dbExists(t, admin, first) {
		t.Errorf("database %s still exists after its test's cleanup", first)
	}
	if held != nil {
		if err := held.PingContext(context.Background()); err == nil {
			t.Errorf("connection to dropped database %s still works", first)
		}
	}

	t.Run("second is distinct and empty", func(t *testing.T) {
		u := PostgresURL(t)
		db, err := sql.Open("postgres", u)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		var current string
		var probe sql.NullString
		if err := db.QueryRow(`SELECT current_database(), to_regclass('public.probe')::text`).Scan(&current, &probe); err != nil {
			t.Fatal(err)
		}
		if current == first {
			t.Fatalf("got the same database %s twice", current)
		}
		if probe.Valid {
			t.Fatalf("table probe from the first database is visible in %s", current)
		}
	})
}

func TestPostgresURLParallel(t *testing.T) {
	RequireService(t, EnvDatabaseURL, "PostgreSQL")
	for i := range 4 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			db, err := sql.Open("postgres", PostgresURL(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			if _, err := db.Exec(`CREATE TABLE t (v int)`); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestMeili(t *testing.T) {
	base, key := Meili(t)
	if strings.HasSuffix(base, "/") {
		t.Errorf("url %q ends in a slash", base)
	}

	resp, err := http.Get(base + "/health")
	if err != nil {
		t.Fatal(err)
	}
	var health struct{ Status string }
	err = json.NewDecoder(resp.Body).Decode(&health)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || health.Status != "available" {
		t.Fatalf("GET /health: %s, status %q, err %v", resp.Status, health.Status, err)
	}

	do := func(method, path string, body any, auth bool) (int, map[string]any) {
		t.Helper()
		var rd *bytes.Reader
		if body != nil {
			b, _ := json.Marshal(body)
			rd = bytes.NewReader(b)
		} else {
			rd = bytes.NewReader(nil)
		}
		req, err := http.NewRequest(method, base+path, rd)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if auth {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}

	if key != "" {
		if code, _ := do("GET", "/version", nil, false); code != http.StatusUnauthorized {
			t.Errorf("GET /version without the key: %d, want 401", code)
		}
	}
	code, v := do("GET", "/version", nil, true)
	if code != http.StatusOK || v["pkgVersion"] == "" {
		t.Fatalf("GET /version: %d %v", code, v)
	}

	// A real round trip: index a document and find it.
	index := UniqueName("testenv")
	waitTask := func(out map[string]any) {
		t.Helper()
		uid, ok := out["taskUid"].(float64)
		if !ok {
			t.Fatalf("no taskUid in %v", out)
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			_, task := do("GET", fmt.Sprintf("/tasks/%d", int(uid)), nil, true)
			switch task["status"] {
			case "succeeded":
				return
			case "failed", "canceled":
				t.Fatalf("task %d: %v", int(uid), task)
			}
			if time.Now().After(deadline) {
				t.Fatalf("task %d not done after 30s: %v", int(uid), task)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	code, out := do("POST", "/indexes/"+index+"/documents?primaryKey=id",
		[]map[string]any{{"id": 1, "name": "张三", "field": "水稻育种"}}, true)
	if code != http.StatusAccepted {
		t.Fatalf("add documents: %d %v", code, out)
	}
	t.Cleanup(func() { do("DELETE", "/indexes/"+index, nil, true) })
	waitTask(out)
	code, out = do("POST", "/indexes/"+index+"/search", map[string]any{"q": "水稻"}, true)
	if code != http.StatusOK {
		t.Fatalf("search: %d %v", code, out)
	}
	hits, _ := out["hits"].([]any)
	if len(hits) != 1 || hits[0].(map[string]any)["name"] != "张三" {
		t.Fatalf("search for 水稻: hits %v", out["hits"])
	}
}

func TestMeiliChecks(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/health":
			w.WriteHeader(http.StatusServiceUnavailable)
		case r.URL.Path == "/version" && r.Header.Get("Authorization") == "Bearer good":
			w.Write([]byte(`{"pkgVersion":"x"}`))
		default:
			w.WriteHeader(http.StatusForbidden)
		}
	}))
	defer srv.Close()

	start := time.Now()
	err := meiliHealthy(srv.URL, 300*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "503") {
		t.Errorf("meiliHealthy on a 503 server: %v", err)
	}
	if d := time.Since(start); d < 300*time.Millisecond || d > 5*time.Second {
		t.Errorf("meiliHealthy gave up after %s, want about 300ms", d)
	}
	if err := meiliKeyAccepted(srv.URL, "good"); err != nil {
		t.Errorf("good key rejected: %v", err)
	}
	if err := meiliKeyAccepted(srv.URL, "bad"); err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("bad key: %v", err)
	}

	t.Setenv(EnvMeiliURL, srv.URL)
	t.Setenv(EnvMeiliKey, "good")
	defer func(d time.Duration) { healthTimeout = d }(healthTimeout)
	healthTimeout = 200 * time.Millisecond
	f, _ := runFake(func(tb testing.TB) { Meili(tb) })
	if !f.fatal || !strings.Contains(f.msg, "not healthy") {
		t.Errorf("Meili on an unhealthy server: fatal=%v msg=%q", f.fatal, f.msg)
	}
}
