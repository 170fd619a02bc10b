package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/app"
	"github.com/fuliang/talent/internal/config"
	"github.com/fuliang/talent/internal/demo"
	"github.com/fuliang/talent/internal/eval"
	"github.com/fuliang/talent/internal/indexer"
	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/search/embedded"
	"github.com/fuliang/talent/internal/search/meili"
	"github.com/fuliang/talent/internal/search/searchtest"
	"github.com/fuliang/talent/internal/server"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
	"github.com/fuliang/talent/internal/textproc"
)

// Latency of match and searchExperts through the real GraphQL handler
// (httptest server, one anonymous caller, no rate limit) over a synthetic
// roster of searchtest.BenchDocs experts — 10 000, or TALENT_BENCH_DOCS
// (e.g. 100000) — bulk-loaded into SQLite. The queries are the 66 request
// inputs of the judged set (testdata/eval/requests.json), in turn. Each
// latency benchmark reports p50-ms and p99-ms besides ns/op (the mean).
// On Meilisearch, raw is the reference: one plain search of the same text
// (title and description) straight to Meilisearch. build reports the index
// rebuild from the database in docs/s. The default -benchtime gives Meilisearch
// only a few dozen samples; -benchtime=600x makes the p99 meaningful (build
// then skips: one rebuild per run is enough).
//
//	go test -run '^$' -bench . ./internal/server/
//	TALENT_BENCH_DOCS=100000 scripts/test-env.sh go test -run '^$' -bench . -benchtime=600x -timeout 1h ./internal/server/
//
// `talentctl bench match` measures the same with interleaved requests and
// prints p50/p95/p99 tables.

func BenchmarkMatchEmbedded(b *testing.B) {
	benchBackend(b, config.Config{})
}

func BenchmarkMatchMeili(b *testing.B) {
	url, key := testenv.Meili(b)
	if url == "" {
		return
	}
	benchBackend(b, config.Config{MeiliURL: url, MeiliKey: key, IndexName: testenv.UniqueName("bench")})
}

func benchBackend(b *testing.B, cfg config.Config) {
	n := searchtest.BenchDocs(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg.DataDir, cfg.Migrate, cfg.YouthAgeLimit, cfg.Worker, cfg.RateLimit = b.TempDir(), true, 40, false, 0
	textproc.Load()
	a, err := app.Open(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	if err := bulkLoad(ctx, a.Store, n); err != nil {
		b.Fatal(err)
	}
	if err := a.InitIndex(ctx); err != nil {
		b.Fatal(err)
	}
	var rawURL string
	if cfg.MeiliURL != "" {
		x := a.Index.(*meili.Index)
		defer deleteIndex(cfg.MeiliURL, cfg.MeiliKey, x.UID())
		rawURL = strings.TrimRight(cfg.MeiliURL, "/") + "/indexes/" + x.UID() + "/search"
	}
	srv, err := server.New(a, server.Limits(cfg))
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	set, err := eval.Load(filepath.Join("..", "..", "testdata", "eval", "requests.json"))
	if err != nil {
		b.Fatal(err)
	}
	// No gzip: Meilisearch streams a gzip response in chunks, and on a
	// kept-alive connection the last chunk waits for a delayed ACK (~40 ms).
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	text := func(c eval.Case) string { return strings.TrimSpace(c.Input.Title + " " + c.Input.Description) }
	size := fmt.Sprintf("%dk", n/1000)

	b.Run(size+"/match", func(b *testing.B) {
		benchLatency(b, set.Requests, func(c eval.Case) error {
			return graphQL(client, ts.URL, matchQuery, map[string]any{"in": c.Input, "n": 10})
		})
	})
	b.Run(size+"/searchExperts", func(b *testing.B) {
		benchLatency(b, set.Requests, func(c eval.Case) error {
			return graphQL(client, ts.URL, searchQuery, map[string]any{"q": text(c), "n": 10})
		})
	})
	if rawURL != "" {
		b.Run(size+"/raw", func(b *testing.B) {
			benchLatency(b, set.Requests, func(c eval.Case) error {
				return rawSearch(client, rawURL, cfg.MeiliKey, text(c))
			})
		})
	}
	b.Run(size+"/build", func(b *testing.B) {
		if b.N > 5 {
			b.Skip("a rebuild takes seconds: run build with the default -benchtime or -benchtime=1x")
		}
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			idx := freshIndex(b, cfg, i)
			b.StartTimer()
			if _, err := indexer.Reindex(ctx, a.Store, idx, nil); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			idx.Close()
		}
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	})
}

// freshIndex is a new, empty index of the backend for a rebuild.
func freshIndex(b *testing.B, cfg config.Config, i int) search.Index {
	b.Helper()
	var idx search.Index
	if cfg.MeiliURL != "" {
		x := meili.New(meili.Options{URL: cfg.MeiliURL, APIKey: cfg.MeiliKey, Name: testenv.UniqueName("benchbuild")})
		b.Cleanup(func() { deleteIndex(cfg.MeiliURL, cfg.MeiliKey, x.UID()) })
		idx = x
	} else {
		idx = embedded.New(filepath.Join(b.TempDir(), "index"), fmt.Sprintf("build%d", i))
	}
	if _, err := idx.Init(context.Background()); err != nil {
		b.Fatal(err)
	}
	return idx
}

// benchLatency sends the cases in turn, one per iteration, after one
// untimed round, and reports the median and 99th percentile.
func benchLatency(b *testing.B, cases []eval.Case, do func(eval.Case) error) {
	for _, c := range cases {
		if err := do(c); err != nil {
			b.Fatalf("%s: %v", c.ID, err)
		}
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := cases[i%len(cases)]
		start := time.Now()
		if err := do(c); err != nil {
			b.Fatalf("%s: %v", c.ID, err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2])/1e6, "p50-ms")
	b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)])/1e6, "p99-ms")
}

const (
	matchQuery = `query($in: MatchInput!, $n: Int) { match(input: $in, first: $n) { candidates {
		score matchedTerms explanation { feature weight value contribution }
		expert { id externalId name title organization } } } }`
	searchQuery = `query($q: String!, $n: Int) { searchExperts(query: $q, first: $n) {
		totalCount edges { node { id externalId name title organization } } } }`
)

// bulkLoad writes n synthetic experts with store.ImportExperts, the batched
// upsert of talentctl import. Memberships enter as ADMITTED (what an import
// writes); those the generator gives another final status are left out.
func bulkLoad(ctx context.Context, st *store.Store, n int) error {
	gen := demo.SyntheticEntries(n, 1)
	records := func(yield func(*store.ImportRecord, error) bool) {
		for i := range n {
			en := gen(i)
			var regs []talent.Registry
			for _, m := range en.Memberships {
				if m.Status == talent.StatusAdmitted {
					regs = append(regs, m.Registry)
				}
			}
			x := *en.Expert
			x.ID = 0
			if !slices.Contains(regs, talent.EmergencyExpert) {
				x.OnCall = false
			}
			if !yield(&store.ImportRecord{Row: i + 1, ExternalID: x.ExternalID, Registries: regs,
				Set: func(e *talent.Expert) { *e = x }}, nil) {
				return
			}
		}
	}
	res, err := st.ImportExperts(talent.WithActor(ctx, talent.Actor{Name: "bench"}), iter.Seq2[*store.ImportRecord, error](records),
		store.ImportOptions{Partial: true, BatchSize: 1000})
	if err != nil {
		return err
	}
	if res.Inserted != n {
		return fmt.Errorf("bulk load: %d of %d experts written (%d invalid)", res.Inserted, n, res.Invalid)
	}
	return nil
}

func graphQL(client *http.Client, base, query string, vars map[string]any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	res, err := client.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var out struct {
		Errors []struct{ Message string } `json:"errors"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return fmt.Errorf("HTTP %d: %w", res.StatusCode, err)
	}
	if len(out.Errors) > 0 || res.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %v", res.StatusCode, out.Errors)
	}
	return nil
}

func rawSearch(client *http.Client, url, key, q string) error {
	body, _ := json.Marshal(map[string]any{"q": q, "limit": 10})
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", res.StatusCode)
	}
	return nil
}

func deleteIndex(base, key, uid string) {
	req, _ := http.NewRequest(http.MethodDelete, strings.TrimRight(base, "/")+"/indexes/"+uid, nil)
	req.Header.Set("Authorization", "Bearer "+key)
	if res, err := http.DefaultClient.Do(req); err == nil {
		res.Body.Close()
	}
}
