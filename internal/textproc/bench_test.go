package textproc_test

import (
	"strings"
	"testing"

	"github.com/fuliang/talent/internal/textproc"
)

// Profile-like text: 100 characters of mixed domain prose.
var benchText = strings.Repeat("浮梁县茶叶局高级农艺师，长期从事茶树栽培与病虫害绿色防控，指导合作社开展3D打印和5G农业应用。", 2)

func BenchmarkTokens(b *testing.B) {
	a := textproc.Default()
	b.SetBytes(int64(len(benchText)))
	b.ResetTimer()
	for range b.N {
		a.Tokens(benchText)
	}
}

func BenchmarkTerms(b *testing.B) {
	a := textproc.Default()
	b.SetBytes(int64(len(benchText)))
	b.ResetTimer()
	for range b.N {
		a.Terms(benchText)
	}
}

func BenchmarkKeywords(b *testing.B) {
	a := textproc.Default()
	text := strings.Repeat(benchText, 10) // a 1 000-character request
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for range b.N {
		a.Keywords(text, 10)
	}
}

// BenchmarkLoad reports the one-time dictionary load (it runs once per
// process, so b.N is 1 by construction of the metric).
func BenchmarkLoad(b *testing.B) {
	st := textproc.Load()
	b.ReportMetric(st.Duration.Seconds(), "load-s")
	b.ReportMetric(float64(st.HeapBytes)/(1<<20), "heap-MB")
	b.ReportMetric(float64(st.Words), "words")
}
