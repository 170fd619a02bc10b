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

// BenchmarkLoad measures Init of an existing index (a server start: read
// the file, re-analyse every document) and the heap the loaded index holds
// beyond the segmentation dictionary.
func BenchmarkLoad(b *testing.B) {
	textproc.Load()
	ctx := context.Background()
	dir := b.TempDir()
	w := embedded.New(dir, "load")
	if _, err := w.Init(ctx); err != nil {
		b.Fatal(err)
	}
	n := searchtest.BenchDocs(b)
	docs := searchtest.NewGenerator(1).Documents(n)
	for i := 0; i < n; i += 1000 {
		if err := w.Index(ctx, docs[i:min(i+1000, n)]...); err != nil {
			b.Fatal(err)
		}
	}
	w.Close()
	docs = nil
	var total time.Duration
	var heap float64
	b.ResetTimer()
	for range b.N {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		x := embedded.New(dir, "load")
		if _, err := x.Init(ctx); err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20)
		x.Close()
	}
	b.ReportMetric(total.Seconds()/float64(b.N), "s/load")
	b.ReportMetric(heap, "heap-MB")
}
