package metrics_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/fuliang/talent/internal/metrics"
)

// scrape fetches /metrics through the real handler, as Prometheus would.
func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /metrics: %d\n%s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Fatalf("GET /metrics: Content-Type %q", ct)
	}
	return rec.Body.String()
}

// wantLines fails unless every line appears verbatim in the exposition.
func wantLines(t *testing.T, body string, lines ...string) {
	t.Helper()
	have := map[string]bool{}
	for l := range strings.SplitSeq(body, "\n") {
		have[l] = true
	}
	for _, l := range lines {
		if !have[l] {
			t.Errorf("missing line %q in scrape", l)
		}
	}
	if t.Failed() {
		t.Logf("scrape:\n%s", grepNonRuntime(body))
	}
}

// noSeries fails if any series of the metric appears.
func noSeries(t *testing.T, body, name string) {
	t.Helper()
	for l := range strings.SplitSeq(body, "\n") {
		if strings.HasPrefix(l, name+"{") || strings.HasPrefix(l, name+" ") {
			t.Errorf("unexpected series %q", l)
		}
	}
}

// grepNonRuntime drops the Go runtime and process series from a failure log.
func grepNonRuntime(body string) string {
	var b strings.Builder
	for l := range strings.SplitSeq(body, "\n") {
		if !strings.Contains(l, "go_") && !strings.Contains(l, "process_") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func TestGraphQLRequests(t *testing.T) {
	m := metrics.New(metrics.Options{Operations: []string{"experts", "match", "createExpert", "IntrospectionQuery"}})

	m.ObserveGraphQL("experts", metrics.TypeQuery, metrics.OutcomeOK, 30*time.Millisecond)
	m.ObserveGraphQL("experts", metrics.TypeQuery, metrics.OutcomeOK, 2*time.Second)
	m.ObserveGraphQL("createExpert", metrics.TypeMutation, metrics.OutcomeUserError, time.Millisecond)
	m.ObserveGraphQL("match", metrics.TypeQuery, metrics.OutcomeError, time.Millisecond)
	body := scrape(t, m)
	wantLines(t, body,
		`# TYPE graphql_requests_total counter`,
		`graphql_requests_total{operation="experts",outcome="ok",type="query"} 2`,
		`graphql_requests_total{operation="createExpert",outcome="user_error",type="mutation"} 1`,
		`graphql_requests_total{operation="match",outcome="error",type="query"} 1`,
		`# TYPE graphql_request_duration_seconds histogram`,
		`graphql_request_duration_seconds_count{operation="experts",type="query"} 2`,
		`graphql_request_duration_seconds_bucket{operation="experts",type="query",le="0.05"} 1`,
		`graphql_request_duration_seconds_bucket{operation="experts",type="query",le="2.5"} 2`,
		`graphql_request_duration_seconds_sum{operation="experts",type="query"} 2.03`,
	)

	// The values change with more traffic, and the scrape shows it.
	m.ObserveGraphQL("experts", metrics.TypeQuery, metrics.OutcomeOK, time.Millisecond)
	wantLines(t, scrape(t, m), `graphql_requests_total{operation="experts",outcome="ok",type="query"} 3`)
}

// Whatever clients send, the label values stay within fixed sets.
func TestGraphQLCardinality(t *testing.T) {
	m := metrics.New(metrics.Options{Operations: []string{"experts", "match", "bad name", ""}})
	for i := range 1000 {
		name := "Generated" + strings.Repeat("x", i%50) + string(rune('A'+i%26))
		m.ObserveGraphQL(m.Operation(name, "nosuchField"), "query", "ok", time.Millisecond)
	}
	m.ObserveGraphQL("'; DROP TABLE", "subscriptionz", "weird", time.Millisecond)
	m.ObserveGraphQL("bad name", "query", "ok", time.Millisecond) // not a GraphQL name: never allowed

	wantLines(t, scrape(t, m),
		`graphql_requests_total{operation="other",outcome="ok",type="query"} 1001`,
		`graphql_requests_total{operation="other",outcome="error",type="unknown"} 1`,
	)
	if n := testutil.CollectAndCount(m.Registry(), "graphql_requests_total"); n != 2 {
		t.Errorf("graphql_requests_total has %d series, want 2", n)
	}
}

func TestOperation(t *testing.T) {
	m := metrics.New(metrics.Options{Operations: []string{"experts", "match", "IntrospectionQuery"}})
	for _, c := range []struct{ opName, root, want string }{
		{"", "experts", "experts"},             // anonymous: the root field
		{"match", "match", "match"},            // operationName on the allow-list
		{"FindFloodExperts", "match", "match"}, // client's own name: fall back to the field
		{"IntrospectionQuery", "__schema", "IntrospectionQuery"},
		{"", "__schema", "__schema"}, // introspection is always known
		{"Whatever", "notAField", metrics.OperationOther},
		{"", "", metrics.OperationOther}, // unparsable request
	} {
		if got := m.Operation(c.opName, c.root); got != c.want {
			t.Errorf("Operation(%q, %q) = %q, want %q", c.opName, c.root, got, c.want)
		}
	}
}

func TestHTTPMiddleware(t *testing.T) {
	m := metrics.New(metrics.Options{})
	ready := m.HTTP("/readyz", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("down") != "" {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ok")
	}))
	srv := httptest.NewServer(ready)
	defer srv.Close()
	for _, q := range []string{"", "", "?down=1"} {
		res, err := http.Get(srv.URL + "/readyz" + q)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		// The middleware must not alter what the handler writes.
		if q == "" && (res.StatusCode != 200 || string(b) != "ok") {
			t.Fatalf("through the middleware: %d %q", res.StatusCode, b)
		}
	}
	wantLines(t, scrape(t, m),
		`http_requests_total{code="200",route="/readyz"} 2`,
		`http_requests_total{code="503",route="/readyz"} 1`,
		`http_request_duration_seconds_count{route="/readyz"} 3`,
	)
}

func TestErrors(t *testing.T) {
	m := metrics.New(metrics.Options{Components: []string{"indexer", "worker"}})
	// Pre-created components are there at zero before the first error.
	wantLines(t, scrape(t, m), `errors_total{component="indexer"} 0`, `errors_total{component="worker"} 0`)
	m.Error("indexer")
	m.Error("indexer")
	m.Error("graphql")
	wantLines(t, scrape(t, m),
		`errors_total{component="indexer"} 2`,
		`errors_total{component="graphql"} 1`,
		`errors_total{component="worker"} 0`,
	)
}

// The runtime and process collectors are on the private registry too.
func TestRuntimeMetrics(t *testing.T) {
	body := scrape(t, metrics.New(metrics.Options{}))
	for _, name := range []string{"go_goroutines", "process_resident_memory_bytes"} {
		if !strings.Contains(body, "\n"+name+" ") {
			t.Errorf("no %s in the scrape", name)
		}
	}
}

// Each Metrics has its own registry: two never see each other's counts,
// and nothing lands on the global default registry.
func TestIndependentRegistries(t *testing.T) {
	a := metrics.New(metrics.Options{Operations: []string{"experts"}})
	b := metrics.New(metrics.Options{Operations: []string{"experts"}})
	a.ObserveGraphQL("experts", "query", "ok", time.Millisecond)
	if n := testutil.CollectAndCount(b.Registry(), "graphql_requests_total"); n != 0 {
		t.Errorf("second registry has %d graphql series, want 0", n)
	}
}

// A nil *Metrics is a valid "metrics off" value.
func TestNil(t *testing.T) {
	var m *metrics.Metrics
	m.ObserveGraphQL("experts", "query", "ok", time.Millisecond)
	m.Error("x")
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })
	rec := httptest.NewRecorder()
	m.HTTP("/x", h).ServeHTTP(rec, httptest.NewRequest("GET", "/x", nil))
	if rec.Code != 204 {
		t.Fatalf("nil middleware changed the response: %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusNotFound {
		t.Fatalf("nil handler: %d", rec.Code)
	}
}

// ---- dependency collector ---------------------------------------------------

type fakeDB struct {
	down    atomic.Bool
	pings   atomic.Int32
	pending atomic.Int32
	stats   atomic.Int32 // OutboxStats calls
	statErr atomic.Bool
}

func (f *fakeDB) Ping(ctx context.Context) error {
	f.pings.Add(1)
	if f.down.Load() {
		return errors.New("connection refused")
	}
	return nil
}

func (f *fakeDB) OutboxStats(ctx context.Context, topic string) (int, time.Duration, error) {
	f.stats.Add(1)
	if f.statErr.Load() {
		return 0, 0, errors.New("relation outbox does not exist")
	}
	if topic != "expert" {
		return 0, 0, nil
	}
	n := int(f.pending.Load())
	if n == 0 {
		return 0, 0, nil
	}
	return n, 90 * time.Second, nil
}

type fakeIndex struct {
	down  atomic.Bool
	hang  atomic.Bool
	docs  atomic.Int32
	count atomic.Int32 // Count calls
}

func (f *fakeIndex) Ping(ctx context.Context) error {
	if f.hang.Load() {
		<-ctx.Done() // an engine that accepts the connection and never answers
		return ctx.Err()
	}
	if f.down.Load() {
		return errors.New("dial tcp 127.0.0.1:7700: connect: connection refused")
	}
	return nil
}

func (f *fakeIndex) Count(ctx context.Context) (int, error) {
	f.count.Add(1)
	return int(f.docs.Load()), nil
}

func TestDependencyCollector(t *testing.T) {
	db, idx := &fakeDB{}, &fakeIndex{}
	m := metrics.New(metrics.Options{Database: db, Search: idx, Outbox: db, Topics: []string{"expert", "other"}})

	// Collected at scrape time only: nothing was probed yet.
	if db.pings.Load() != 0 || idx.count.Load() != 0 {
		t.Fatalf("probed before any scrape: %d pings, %d counts", db.pings.Load(), idx.count.Load())
	}

	idx.docs.Store(212)
	db.pending.Store(3)
	wantLines(t, scrape(t, m),
		`database_up 1`,
		`search_up 1`,
		`search_documents 212`,
		`outbox_pending{topic="expert"} 3`,
		`outbox_oldest_seconds{topic="expert"} 90`,
		`outbox_pending{topic="other"} 0`,
		`outbox_oldest_seconds{topic="other"} 0`,
	)
	if db.pings.Load() != 1 || idx.count.Load() != 1 {
		t.Errorf("one scrape: %d pings, %d counts, want 1 and 1", db.pings.Load(), idx.count.Load())
	}

	// The values follow the dependencies from one scrape to the next.
	idx.docs.Store(213)
	db.pending.Store(0)
	wantLines(t, scrape(t, m), `search_documents 213`, `outbox_pending{topic="expert"} 0`, `outbox_oldest_seconds{topic="expert"} 0`)

	// Search engine down: search_up 0, no document count (not a fake 0),
	// and Count is not even asked. The database side is unaffected.
	idx.down.Store(true)
	counts := idx.count.Load()
	body := scrape(t, m)
	wantLines(t, body, `search_up 0`, `database_up 1`, `outbox_pending{topic="expert"} 0`)
	noSeries(t, body, "search_documents")
	if idx.count.Load() != counts {
		t.Error("Count was called although Ping failed")
	}

	// Database down too: database_up 0 and no outbox series.
	db.down.Store(true)
	stats := db.stats.Load()
	body = scrape(t, m)
	wantLines(t, body, `search_up 0`, `database_up 0`)
	noSeries(t, body, "outbox_pending")
	noSeries(t, body, "outbox_oldest_seconds")
	if db.stats.Load() != stats {
		t.Error("OutboxStats was called although Ping failed")
	}

	// Both back: up again.
	idx.down.Store(false)
	db.down.Store(false)
	wantLines(t, scrape(t, m), `search_up 1`, `database_up 1`, `search_documents 213`)

	// A failing stats query drops the outbox series but keeps the rest.
	db.statErr.Store(true)
	body = scrape(t, m)
	wantLines(t, body, `database_up 1`)
	noSeries(t, body, "outbox_pending")
}

// A search engine that hangs is reported down within the probe timeout,
// and does not hold up the database probe or the scrape.
func TestDependencyCollectorTimeout(t *testing.T) {
	db, idx := &fakeDB{}, &fakeIndex{}
	idx.hang.Store(true)
	m := metrics.New(metrics.Options{Database: db, Search: idx, ProbeTimeout: 200 * time.Millisecond})
	start := time.Now()
	body := scrape(t, m)
	took := time.Since(start)
	wantLines(t, body, `search_up 0`, `database_up 1`)
	if took > 2*time.Second {
		t.Errorf("scrape took %s with a 200ms probe timeout", took)
	}
}

// Without dependencies the collector emits nothing and fails nothing.
func TestDependencyCollectorEmpty(t *testing.T) {
	body := scrape(t, metrics.New(metrics.Options{}))
	for _, name := range []string{"database_up", "search_up", "search_documents", "outbox_pending"} {
		noSeries(t, body, name)
	}
}

// Collector output passes the client library's own consistency checks
// (descriptors match metrics, no duplicate series).
func TestCollectorLint(t *testing.T) {
	db, idx := &fakeDB{}, &fakeIndex{}
	m := metrics.New(metrics.Options{Database: db, Search: idx, Outbox: db, Topics: []string{"expert"},
		Operations: []string{"experts"}, Components: []string{"indexer"}})
	m.ObserveGraphQL("experts", "query", "ok", time.Millisecond)
	if _, err := m.Registry().Gather(); err != nil {
		t.Fatalf("gather: %v", err)
	}
	problems, err := testutil.GatherAndLint(m.Registry())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		// The Go runtime collector's names are not ours to fix.
		if strings.HasPrefix(p.Metric, "go_") || strings.HasPrefix(p.Metric, "process_") {
			continue
		}
		t.Errorf("lint: %s: %s", p.Metric, p.Text)
	}
}
