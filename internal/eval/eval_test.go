package eval

import (
	"math"
	"testing"
)

func TestMetrics(t *testing.T) {
	j := map[string]int{"a": 3, "b": 2, "c": 1}
	if v := NDCG([]string{"a", "b", "c"}, j, 10); math.Abs(v-1) > 1e-9 {
		t.Fatalf("ideal ranking nDCG %v", v)
	}
	if v := NDCG([]string{"x", "y"}, j, 10); v != 0 {
		t.Fatalf("no relevant nDCG %v", v)
	}
	worse := NDCG([]string{"c", "b", "a"}, j, 10)
	if !(worse > 0 && worse < 1) {
		t.Fatalf("reversed nDCG %v", worse)
	}
	// Hand-computed: DCG = 1/log2(2) + 3/log2(3) + 7/log2(4); IDCG = 7 + 3/log2(3) + 1/2.
	want := (1 + 3/math.Log2(3) + 7.0/2) / (7 + 3/math.Log2(3) + 0.5)
	if math.Abs(worse-want) > 1e-9 {
		t.Fatalf("nDCG %v, want %v", worse, want)
	}
	if r := Recall([]string{"a", "x", "c"}, j, 2); math.Abs(r-1.0/3) > 1e-9 {
		t.Fatalf("recall@2 %v", r)
	}
}
