package embedded_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/search/embedded"
	"github.com/fuliang/talent/internal/search/searchtest"
	"github.com/fuliang/talent/internal/textproc"
)

// Measured on the 2-core development machine (go test -bench . -benchtime 2000x):
//
//	docs   BenchmarkSearchMatch (10 terms,      BenchmarkSearchText   BenchmarkIndex   BenchmarkLoad   heap
//	       filter, 2 facets) p50 / p99          p50 / p99             docs/s           (Init)
//	10k    see the report
//	100k   see the report

var benchIndex struct {
	n   int
	idx *embedded.Index
}

// loaded returns an index holding BenchDocs profiles, built once per
// process and shared by the search benchmarks.
func loaded(b *testing.B) *embedded.Index {
	n := searchtest.BenchDocs(b)
	if benchIndex.idx != nil && benchIndex.n == n {
		return benchIndex.idx
	}
	textproc.Load()
	idx := embedded.New(b.TempDir(), "bench")
	if _, err := idx.Init(context.Background()); err != nil {
		b.Fatal(err)
	}
	docs := searchtest.NewGenerator(1).Documents(n)
	for i := 0; i < n; i += 1000 {
		if err := idx.Index(context.Background(), docs[i:min(i+1000, n)]...); err != nil {
			b.Fatal(err)
		}
	}
	benchIndex.n, benchIndex.idx = n, idx
	return idx
}

func BenchmarkSearchMatch(b *testing.B) {
	searchtest.BenchSearch(b, loaded(b), searchtest.MatchQueries(200))
}

func BenchmarkSearchText(b *testing.B) {
	searchtest.BenchSearch(b, loaded(b), searchtest.TextQueries(200))
}

func BenchmarkIndex(b *testing.B) {
	textproc.Load()
	docs := searchtest.NewGenerator(1).Documents(searchtest.BenchDocs(b))
	searchtest.BenchIndex(b, docs, 1000, func(b *testing.B) search.Index {
		idx := embedded.New(b.TempDir(), "bench")
		if _, err := idx.Init(context.Background()); err != nil {
			b.Fatal(err)
		}
		return idx
	})
}

// BenchmarkLoad measures Init of an existing index (a server start) and the
// heap the loaded index holds.
func BenchmarkLoad(b *testing.B) {
	src := loaded(b)
	dir := b.TempDir()
	w := embedded.New(dir, "load")
	if _, err := w.Init(context.Background()); err != nil {
		b.Fatal(err)
	}
	docs := searchtest.NewGenerator(1).Documents(benchIndex.n)
	for i := 0; i < len(docs); i += 1000 {
		if err := w.Index(context.Background(), docs[i:min(i+1000, len(docs))]...); err != nil {
			b.Fatal(err)
		}
	}
	w.Close()
	_ = src
	var heap uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		x := embedded.New(dir, "load")
		if _, err := x.Init(context.Background()); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/load")
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = after.HeapAlloc - before.HeapAlloc
		x.Close()
	}
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
}
