package server_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lib/pq"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/fuliang/talent/graph"
	"github.com/fuliang/talent/internal/app"
	"github.com/fuliang/talent/internal/config"
	"github.com/fuliang/talent/internal/metrics"
	"github.com/fuliang/talent/internal/server"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/testenv"
)

// TestReadyzFollowsDependencies proves the done-when: /readyz turns
// unready when PostgreSQL or Meilisearch stops and ready again when it
// returns — against the real services, not fakes.
//
// PostgreSQL is shared with every other test, so it is not stopped; its
// outage is made on this test's own database instead: new connections are
// refused (ALLOW_CONNECTIONS false) and the app's open ones are killed
// (pg_terminate_backend), which is what the app sees of a stopped server.
// Meilisearch is a private process of this test, really killed (SIGKILL, a
// crash rather than a clean stop) and restarted on the same port and data.
//
// The scrape-time metrics (database_up, search_up) are checked alongside on
// the same real dependencies.
func TestReadyzFollowsDependencies(t *testing.T) {
	t.Parallel()
	dbURL := testenv.PostgresURL(t)
	meili := startMeili(t)

	ctx, cancel := context.WithCancel(context.Background())
	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a, err := app.Open(ctx, config.Config{DatabaseURL: dbURL, DataDir: t.TempDir(), Migrate: true, YouthAgeLimit: 40,
		MeiliURL: meili.url, MeiliKey: meili.key, IndexName: "experts"}, log)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if err := a.InitIndex(ctx); err != nil {
		cancel()
		a.Close()
		t.Fatal(err)
	}
	a.Start(ctx)
	t.Cleanup(func() {
		cancel()
		a.Close()
		if t.Failed() {
			t.Logf("app log (warnings and errors):\n%s", logs.String())
		}
	})
	srv, err := server.New(a, graph.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	m := metrics.New(metrics.Options{Database: a.Store, Search: a.Index, Outbox: a.Store, Topics: []string{store.TopicExpert}})

	r := &readiness{t: t, url: ts.URL + "/readyz", m: m}
	r.expect("at start", http.StatusOK, "ok", "ok")

	// ---- PostgreSQL ----
	pg := dbOutage(t, dbURL)
	pg.down()
	r.expect("PostgreSQL down", http.StatusServiceUnavailable, "down", "ok")
	pg.up()
	r.expect("PostgreSQL back", http.StatusOK, "ok", "ok")

	// ---- Meilisearch ----
	meili.kill()
	r.expect("Meilisearch down", http.StatusServiceUnavailable, "ok", "down")
	meili.start()
	r.expect("Meilisearch back", http.StatusOK, "ok", "ok")

	// ---- both at once, back in the other order ----
	pg.down()
	meili.kill()
	r.expect("both down", http.StatusServiceUnavailable, "down", "down")
	meili.start()
	r.expect("Meilisearch back, PostgreSQL still down", http.StatusServiceUnavailable, "down", "ok")
	pg.up()
	r.expect("both back", http.StatusOK, "ok", "ok")
}

// readiness polls /readyz until it reports what a phase expects.
type readiness struct {
	t   *testing.T
	url string
	m   *metrics.Metrics
}

type readyBody struct {
	Ready  bool              `json:"ready"`
	Checks map[string]string `json:"checks"`
}

// expect waits (up to 20 s) until /readyz answers status with the database
// and search checks "ok" or "down", then checks the up gauges agree.
func (r *readiness) expect(phase string, status int, database, search string) {
	r.t.Helper()
	start := time.Now()
	deadline := start.Add(20 * time.Second)
	var last string
	var checks map[string]string
	for {
		code, body, err := getReadyz(r.url)
		if err == nil && code == status && checkState(body.Checks["database"]) == database && checkState(body.Checks["search"]) == search &&
			body.Ready == (status == http.StatusOK) {
			checks = body.Checks
			break
		}
		last = fmt.Sprintf("%d %+v %v", code, body, err)
		if time.Now().After(deadline) {
			r.t.Fatalf("%s: /readyz never answered %d (database %s, search %s) within 20s; last: %s",
				phase, status, database, search, last)
		}
		time.Sleep(50 * time.Millisecond)
	}
	r.t.Logf("%s: /readyz %d after %s %v", phase, status, time.Since(start).Round(time.Millisecond), checks)

	// The gauges are probed at scrape time, so they agree at once.
	want := fmt.Sprintf("# HELP database_up 1 when the database answered a ping during this scrape, else 0.\n"+
		"# TYPE database_up gauge\ndatabase_up %d\n"+
		"# HELP search_up 1 when the search engine answered a ping during this scrape, else 0.\n"+
		"# TYPE search_up gauge\nsearch_up %d\n", upValue(database == "ok"), upValue(search == "ok"))
	if err := testutil.GatherAndCompare(r.m.Registry(), strings.NewReader(want), "database_up", "search_up"); err != nil {
		r.t.Errorf("%s: metrics: %v", phase, err)
	}
}

func getReadyz(u string) (int, readyBody, error) {
	var body readyBody
	c := http.Client{Timeout: 10 * time.Second}
	res, err := c.Get(u)
	if err != nil {
		return 0, body, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(b, &body); err != nil {
		return res.StatusCode, body, fmt.Errorf("body %q: %w", b, err)
	}
	return res.StatusCode, body, nil
}

// checkState reduces a check's text to ok or down.
func checkState(check string) string {
	switch {
	case check == "ok":
		return "ok"
	case strings.HasPrefix(check, "不可用"):
		return "down"
	default:
		return "?" + check
	}
}

func upValue(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ---- PostgreSQL outage ------------------------------------------------------

type pgOutage struct {
	t     *testing.T
	admin *sql.DB
	name  string
}

// dbOutage prepares to cut the test's database off through an admin
// connection to the server's own database (TALENT_TEST_DATABASE_URL).
func dbOutage(t *testing.T, dbURL string) *pgOutage {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := sql.Open("postgres", os.Getenv(testenv.EnvDatabaseURL))
	if err != nil {
		t.Fatal(err)
	}
	o := &pgOutage{t: t, admin: admin, name: strings.TrimPrefix(u.Path, "/")}
	// Registered after PostgresURL's cleanup, so it runs before the drop:
	// a failed test must not leave the database refusing connections.
	t.Cleanup(func() {
		o.exec("ALTER DATABASE " + pq.QuoteIdentifier(o.name) + " ALLOW_CONNECTIONS true")
		admin.Close()
	})
	return o
}

func (o *pgOutage) exec(q string, args ...any) {
	o.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := o.admin.ExecContext(ctx, q, args...); err != nil {
		o.t.Fatalf("%s: %v", q, err)
	}
}

// down refuses new connections to the database, then terminates the
// existing ones: pooled connections die as they would with the server.
func (o *pgOutage) down() {
	o.t.Helper()
	o.exec("ALTER DATABASE " + pq.QuoteIdentifier(o.name) + " ALLOW_CONNECTIONS false")
	o.exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, o.name)
}

func (o *pgOutage) up() {
	o.t.Helper()
	o.exec("ALTER DATABASE " + pq.QuoteIdentifier(o.name) + " ALLOW_CONNECTIONS true")
}

// ---- a private Meilisearch --------------------------------------------------

type meiliProc struct {
	t        *testing.T
	bin, dir string
	addr     string // 127.0.0.1:PORT, kept across restarts
	url, key string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{} // closed when the running process has exited
	log  *os.File
}

// startMeili runs the pinned Meilisearch binary (scripts/meili-bin.sh) on a
// free port with a data directory of its own. Without the binary the test
// fails in CI and is skipped elsewhere, like every other missing service.
func startMeili(t *testing.T) *meiliProc {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command("bash", filepath.Join(root, "scripts", "meili-bin.sh"))
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := fmt.Sprintf("scripts/meili-bin.sh: %v\n%s", err, stderr.String())
		if testenv.InCI() {
			t.Fatalf("the Meilisearch binary is required in CI: %s", msg)
		}
		t.Skipf("skipping: no Meilisearch binary: %s", msg)
	}
	// A port the kernel just handed out and released; Meilisearch binds it
	// again on every restart, as a restarted server keeps its address.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	m := &meiliProc{t: t, bin: strings.TrimSpace(string(out)), dir: t.TempDir(), addr: addr,
		url: "http://" + addr, key: testenv.RandomHex(24)}
	t.Cleanup(func() {
		m.kill()
		if t.Failed() {
			if b, err := os.ReadFile(filepath.Join(m.dir, "meili.log")); err == nil {
				t.Logf("meilisearch log:\n%s", b)
			}
		}
	})
	m.start()
	return m
}

// start launches Meilisearch on m.addr over m.dir and waits for /health.
func (m *meiliProc) start() {
	m.t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	logf, err := os.OpenFile(filepath.Join(m.dir, "meili.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		m.t.Fatal(err)
	}
	cmd := exec.Command(m.bin,
		"--http-addr", m.addr,
		"--master-key", m.key,
		"--db-path", filepath.Join(m.dir, "data.ms"),
		"--dump-dir", filepath.Join(m.dir, "dumps"),
		"--snapshot-dir", filepath.Join(m.dir, "snapshots"),
		"--no-analytics",
		"--env", "development",
		"--log-level", "WARN")
	cmd.Dir = m.dir // no stray ./config.toml is picked up
	cmd.Stdout, cmd.Stderr = logf, logf
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MEILI_") { // a developer's settings stay out
			cmd.Env = append(cmd.Env, kv)
		}
	}
	if err := cmd.Start(); err != nil {
		logf.Close()
		m.t.Fatalf("start meilisearch: %v", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	m.cmd, m.done, m.log = cmd, done, logf

	start := time.Now()
	deadline := start.Add(30 * time.Second)
	c := http.Client{Timeout: time.Second}
	for {
		if res, err := c.Get(m.url + "/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				m.t.Logf("meilisearch up on %s in %s", m.addr, time.Since(start).Round(time.Millisecond))
				return
			}
		}
		select {
		case <-done:
			m.killLocked()
			b, _ := os.ReadFile(filepath.Join(m.dir, "meili.log"))
			m.t.Fatalf("meilisearch on %s exited during start-up (%s):\n%s", m.addr, cmd.ProcessState, b)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			m.killLocked()
			m.t.Fatalf("meilisearch on %s: no 200 from /health within 30s", m.addr)
		}
	}
}

// kill ends the process with SIGKILL, as a crash would, and waits for it to
// exit: its listening socket is closed by then, so the next start can bind
// the same port.
func (m *meiliProc) kill() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.killLocked()
}

func (m *meiliProc) killLocked() {
	if m.cmd == nil {
		return
	}
	_ = m.cmd.Process.Kill()
	<-m.done
	m.log.Close()
	m.cmd, m.done, m.log = nil, nil, nil
}

// lockedBuffer collects the app's log lines from its goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
