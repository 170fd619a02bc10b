package meili_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/search/meili"
	"github.com/fuliang/talent/internal/search/searchtest"
	"github.com/fuliang/talent/internal/testenv"
)

var benchIndex struct {
	n   int
	idx *meili.Index
}

// loaded returns an index holding BenchDocs profiles, built once per
// process and shared by the search benchmarks (deleted when the benchmark
// that built it ends; later benchmarks rebuild it).
func loaded(b *testing.B) *meili.Index {
	n := searchtest.BenchDocs(b)
	if benchIndex.idx != nil && benchIndex.n == n {
		return benchIndex.idx
	}
	idx := newIndex(b)
	b.Cleanup(func() { benchIndex.idx = nil })
	ctx := context.Background()
	if _, err := idx.Init(ctx); err != nil {
		b.Fatal(err)
	}
	docs := searchtest.NewGenerator(1).Documents(n)
	for i := 0; i < n; i += 5000 {
		if err := idx.Index(ctx, docs[i:min(i+5000, n)]...); err != nil {
			b.Fatal(err)
		}
	}
	// Let the engine settle after the bulk load before timing searches.
	time.Sleep(2 * time.Second)
	benchIndex.n, benchIndex.idx = n, idx
	return idx
}

// BenchmarkSearchMatch: the matcher's query (ten weighted terms, a filter,
// two facets) through the federated plan.
func BenchmarkSearchMatch(b *testing.B) {
	searchtest.BenchSearch(b, loaded(b), searchtest.MatchQueries(200))
}

// BenchmarkSearchText: short typed searches.
func BenchmarkSearchText(b *testing.B) {
	searchtest.BenchSearch(b, loaded(b), searchtest.TextQueries(200))
}

// BenchmarkIndex: documents per second, batches of 1000, each batch's task
// awaited.
func BenchmarkIndex(b *testing.B) {
	docs := searchtest.NewGenerator(1).Documents(searchtest.BenchDocs(b))
	searchtest.BenchIndex(b, docs, 1000, func(b *testing.B) search.Index {
		idx := newIndex(b)
		if _, err := idx.Init(context.Background()); err != nil {
			b.Fatal(err)
		}
		return idx
	})
}

// BenchmarkSearchRaw is the reference the issue sets: one plain Meilisearch
// search of the same request text (the four requests BenchmarkSearchMatch
// draws its keywords from, cut to what Meilisearch reads), with the same
// filter, no highlighting and no federation.
func BenchmarkSearchRaw(b *testing.B) {
	idx := loaded(b)
	url, key := testenv.Meili(b)
	cli := meilisearch.New(url, meilisearch.WithAPIKey(key))
	texts := searchtest.NewGenerator(99).Queries(204)
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		j := i % 200
		req := &meilisearch.SearchRequest{
			Limit:                50,
			AttributesToRetrieve: []string{"id"},
			Locales:              []string{"zho"},
			Filter:               `registryStatus IN ["SCIENCE_ENVOY:ADMITTED"]`,
		}
		start := time.Now()
		if _, err := cli.Index(idx.UID()).Search(ctx, strings.Join(texts[j:j+4], "。"), req); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2])/1e6, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100])/1e6, "p99-ms")
}
