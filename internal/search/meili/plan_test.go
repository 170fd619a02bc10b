package meili

import (
	"slices"
	"testing"

	"github.com/fuliang/talent/internal/textproc"
)

// TestSubQueries checks the federated plan without a server: every term
// and every synonym as a phrase, pairs of the heaviest pairTerms, weights
// relative to the heaviest term, no duplicates.
func TestSubQueries(t *testing.T) {
	x := New(Options{URL: "http://127.0.0.1:1", Name: "plan"})
	x.setSynonymMap(map[string][]string{
		"茶叶":  {"茶", "浮梁茶"},
		"病虫害": {"虫害"},
		"电商":  {"网店"},   // the fifth term: in no pair
		"ＡＩ":  {"人工智能"}, // keys are normalised as query terms are
	})
	terms := []textproc.Term{
		{Text: "茶叶", Weight: 2}, {Text: "病虫害", Weight: 1}, {Text: "ai", Weight: 1},
		{Text: `发"黄`, Weight: 0.5}, {Text: "电商", Weight: 0.4},
	}
	subs := x.subQueries(terms)
	got := map[string]subQuery{}
	for _, s := range subs {
		if _, dup := got[s.query]; dup {
			t.Errorf("query %s twice", s.query)
		}
		got[s.query] = s
	}
	want := map[string]float64{
		`"茶叶"`: 0.5, `"病虫害"`: 0.25, `"ai"`: 0.25, `"发 黄"`: 0.125, `"电商"`: 0.1,
		`"茶"`: 0.5 * synonymFactor, `"浮梁茶"`: 0.5 * synonymFactor, `"虫害"`: 0.25 * synonymFactor,
		`"人工智能"`: 0.25 * synonymFactor, `"网店"`: 0.1 * synonymFactor,
		`"茶叶" "病虫害"`: 0.75, `"茶叶" "ai"`: 0.75, `"茶叶" "发 黄"`: 0.625,
		`"病虫害" "ai"`: 0.5, `"病虫害" "发 黄"`: 0.375, `"ai" "发 黄"`: 0.375,
	}
	if len(got) != len(want) {
		var qs []string
		for q := range got {
			qs = append(qs, q)
		}
		slices.Sort(qs)
		t.Fatalf("%d queries %v, want %d", len(got), qs, len(want))
	}
	for q, w := range want {
		s, ok := got[q]
		if !ok {
			t.Errorf("missing query %s", q)
			continue
		}
		if d := s.weight - w; d > 1e-9 || d < -1e-9 {
			t.Errorf("%s: weight %.4f, want %.4f", q, s.weight, w)
		}
	}
	if w := got[`"茶叶" "病虫害"`].words; !slices.Equal(w, []string{"茶叶", "病虫害"}) {
		t.Errorf("pair matched words %v", w)
	}
	if w := got[`"浮梁茶"`].words; !slices.Equal(w, []string{"浮梁茶"}) {
		t.Errorf("synonym matched words %v", w)
	}
}
