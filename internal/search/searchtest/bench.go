package searchtest

import (
	"context"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/textproc"
)

// BenchDocsEnv names the environment variable that sets the roster size of
// benchmarks, e.g. TALENT_BENCH_DOCS=100000 go test -bench . ./internal/search/...
const BenchDocsEnv = "TALENT_BENCH_DOCS"

// BenchDocs returns the roster size for benchmarks: $TALENT_BENCH_DOCS, or
// 10 000.
func BenchDocs(b *testing.B) int {
	if v := os.Getenv(BenchDocsEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("%s=%q: want a positive integer", BenchDocsEnv, v)
		}
		return n
	}
	return 10000
}

// MatchQueries returns n queries shaped like the matcher's: the ten most
// informative terms of a long, colloquial request, a registry and status
// filter, and registry and township facets.
func MatchQueries(n int) []search.Query {
	an := textproc.Default()
	g := NewGenerator(99)
	reqs := g.Queries(n + 4)
	regs := []string{string(talent.SeniorLecturer), string(talent.ScienceEnvoy), string(talent.YouthTalent), string(talent.EmergencyExpert)}
	out := make([]search.Query, n)
	for i := range out {
		text := strings.Join(reqs[i:i+4], "。") + "。时间最好安排在下个月，谢谢！"
		out[i] = search.Query{
			Terms: an.Keywords(text, 10),
			Filter: search.Filter{
				Registries: regs[i%len(regs) : i%len(regs)+1],
				Statuses:   []string{string(talent.StatusAdmitted)},
			},
			Limit:  50,
			Facets: []string{search.FacetRegistry, search.FacetTownship},
		}
	}
	return out
}

// TextQueries returns n short typed searches, as in searchExperts.
func TextQueries(n int) []search.Query {
	out := make([]search.Query, n)
	for i, q := range NewGenerator(98).Queries(n) {
		out[i] = search.Query{Text: q, Limit: 20}
	}
	return out
}

// BenchSearch runs b.N searches cycling through qs and reports latency
// percentiles (p50-ms, p99-ms) besides ns/op.
func BenchSearch(b *testing.B, idx search.Index, qs []search.Query) {
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	hits := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		res, err := idx.Search(ctx, qs[i%len(qs)])
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		hits += len(res.Hits)
	}
	b.StopTimer()
	if hits == 0 {
		b.Fatal("no query found anything")
	}
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
}

// BenchIndex indexes docs in batches of batch into fresh indexes made by
// newIndex, b.N times, and reports documents per second.
func BenchIndex(b *testing.B, docs []search.Document, batch int, newIndex func(b *testing.B) search.Index) {
	ctx := context.Background()
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		idx := newIndex(b)
		b.StartTimer()
		start := time.Now()
		for j := 0; j < len(docs); j += batch {
			if err := idx.Index(ctx, docs[j:min(j+batch, len(docs))]...); err != nil {
				b.Fatal(err)
			}
		}
		total += time.Since(start)
		b.StopTimer()
		idx.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(docs)*b.N)/total.Seconds(), "docs/s")
}
