package meili

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/search/embedded"
	"github.com/fuliang/talent/internal/search/searchtest"
	"github.com/fuliang/talent/internal/testenv"
	"github.com/fuliang/talent/internal/textproc"
)

// TestStrategies is the measurement behind the federated query plan: on
// the generator's profiles and matcher-shaped requests (ten weighted
// keywords of four colloquial requests, a registry filter), how many of
// the embedded index's top 20 (a weighted OR under BM25F) each plan finds
// in its own top 20, and how fast. Run with -v to see the figures; it
// fails if the federated plan recalls less than a single search.
func TestStrategies(t *testing.T) {
	if testing.Short() {
		t.Skip("measurement")
	}
	url, key := testenv.Meili(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	x := New(Options{URL: url, APIKey: key, Name: testenv.UniqueName("strategies")})
	if _, err := x.Init(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() {
		task, err := x.cli.DeleteIndex(context.Background(), x.uid)
		x.wait(context.Background(), "cleanup", task, err)
	}()
	ref := embedded.New(t.TempDir(), "ref")
	if _, err := ref.Init(ctx); err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	docs := searchtest.NewGenerator(5).Documents(3000)
	for i := 0; i < len(docs); i += 1000 {
		if err := x.Index(ctx, docs[i:i+1000]...); err != nil {
			t.Fatal(err)
		}
	}
	if err := ref.Index(ctx, docs...); err != nil {
		t.Fatal(err)
	}

	queries := searchtest.MatchQueries(60)
	recall := map[strategy]float64{}
	latency := map[strategy]time.Duration{}
	names := map[strategy]string{federated: "phrases", allTermsPlan: "all-terms", singleLast: "last", singleFrequency: "frequency"}
	for _, q := range queries {
		q.Facets, q.Limit = nil, 20
		want, err := ref.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []strategy{federated, allTermsPlan, singleLast, singleFrequency} {
			start := time.Now()
			var got *search.Result
			if st == allTermsPlan {
				terms, _ := queryTerms(x.an, &q)
				got, err = x.allTerms(ctx, &q, terms)
			} else {
				got, err = x.search(ctx, q, st)
			}
			if err != nil {
				t.Fatal(err)
			}
			latency[st] += time.Since(start)
			var ids []int64
			for _, h := range got.Hits {
				ids = append(ids, h.ID)
			}
			found := 0
			for _, h := range want.Hits {
				if slices.Contains(ids, h.ID) {
					found++
				}
			}
			if len(want.Hits) > 0 {
				recall[st] += float64(found) / float64(len(want.Hits)) / float64(len(queries))
			}
		}
	}
	for _, st := range []strategy{federated, allTermsPlan, singleLast, singleFrequency} {
		t.Logf("%-10s recall of the weighted-OR top 20: %.2f, mean latency %v", names[st], recall[st], latency[st]/time.Duration(len(queries)))
	}
	if recall[federated] < recall[singleLast] || recall[federated] < recall[singleFrequency] {
		t.Fatalf("federated plan recalls less than a single search: %v", recall)
	}
}

// allTermsPlan is the plan before phrases, measured against it here.
const allTermsPlan strategy = -1

// allTerms is the earlier plan: all terms together with matchingStrategy
// "frequency", each term alone, synonyms expanded by Meilisearch.
func (x *Index) allTerms(ctx context.Context, q *search.Query, terms []textproc.Term) (*search.Result, error) {
	all := x.request(q, terms, meilisearch.Frequency)
	all.FederationOptions = &meilisearch.SearchFederationOptions{Weight: 1}
	all.AttributesToHighlight = nil
	queries := []*meilisearch.SearchRequest{all}
	matched := [][]string{nil}
	for _, t := range terms {
		one := x.request(q, []textproc.Term{t}, meilisearch.Last)
		one.AttributesToHighlight = nil
		one.FederationOptions = &meilisearch.SearchFederationOptions{Weight: max(termWeight*t.Weight/terms[0].Weight, 0.001)}
		queries = append(queries, one)
		matched = append(matched, []string{t.Text})
	}
	fed := &meilisearch.MultiSearchFederation{Offset: int64(q.Offset), Limit: int64(q.Limit)}
	resp, err := x.cli.MultiSearch(ctx, &meilisearch.MultiSearchRequest{Federation: fed, Queries: queries})
	if err != nil {
		return nil, wrap("multi-search", err)
	}
	return result(q, true, resp.Hits, int(resp.EstimatedTotalHits), resp.FacetDistribution, matched)
}
