package meili

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/meilisearch/meilisearch-go"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/textproc"
)

// maxQueryWords is Meilisearch's limit: words past the tenth of a query are
// ignored.
const maxQueryWords = 10

// How a query with several terms is run. Meilisearch has no plain OR of
// words: with matchingStrategy "last" every hit contains the first word (a
// request whose heaviest keyword no profile uses finds nothing), with
// "frequency" the rarest word that occurs at all; either way a request about
// tea and e-commerce never finds an e-commerce expert who knows no tea. The matcher needs candidates that match
// any of its terms, ranked by how many and how important. So a query of
// several terms is a federated multi-search over the same index:
//
//   - all terms together, heaviest first, matchingStrategy "last" (drops
//     the lightest terms first; ranks by how many of the leading terms a
//     document has), weight 1;
//   - each term alone, weight termWeight × (term weight / heaviest weight),
//     which brings in documents that have only a lesser term: every term
//     of a typed search (Query.Text), the poolTerms heaviest of a query of
//     pre-analysed Terms (see poolTerms).
//
// Meilisearch merges the lists, keeping each document once with its best
// weighted score, and counts facets over the union. TestStrategies measures
// this against a single "last" or "frequency" search.
const termWeight = 0.5

// poolTerms is how many one-term queries a query of pre-analysed Terms
// gets. Its caller, the matcher, fetches a pool of candidates (120) and
// re-ranks it on the full profiles, so the order within the pool matters
// little and the lesser terms' documents that one-term queries bring in
// rarely reach its top ten; each one-term query costs a search. Measured
// with `talentctl eval` and `talentctl bench match` (Meilisearch 1.21 on the
// 2-core development machine, HTTP client without gzip):
//
//	one-term queries                     all (≤10)   top 4      top 3    none, "frequency"
//	match nDCG@10, judged set            0.838       0.840      0.827    0.500
//	match top 10 shared with all, 10k    —           0.99       0.97     0.36
//	                              100k   —           0.97       0.95     0.21
//	matcher's search p50 ms, 10k / 100k  9.8 / 10.7  8.5 / 9.1
//
// (A raw search of the request text takes 3.1 ms.) A typed search shows
// Meilisearch's order itself, and there the lesser terms' one-term queries
// earn their cost: searchExperts nDCG@10 0.646 with all, 0.561 with the
// top 4, 0.520 with the top 3.
const poolTerms = 4

// Search runs q. Returns search.ErrInvalidQuery, search.ErrUnavailable,
// search.ErrClosed.
func (x *Index) Search(ctx context.Context, q search.Query) (*search.Result, error) {
	return x.search(ctx, q, federated)
}

// strategy selects how a query of several terms runs; only TestStrategies
// uses anything but federated.
type strategy int

const (
	federated strategy = iota
	singleLast
	singleFrequency
)

func (x *Index) search(ctx context.Context, q search.Query, strat strategy) (*search.Result, error) {
	if err := q.Validate(); err != nil {
		return nil, fmt.Errorf("meili: %w", err)
	}
	if err := x.checkOpen(); err != nil {
		return nil, err
	}
	terms, hasText := queryTerms(x.an, &q)
	switch {
	case hasText && len(terms) == 0:
		// Only stopwords and request phrasing: nothing asked for.
		res := &search.Result{}
		if len(q.Facets) > 0 {
			res.Facets = make(map[string]map[string]int)
			for _, f := range q.Facets {
				res.Facets[f] = map[string]int{}
			}
		}
		return res, nil
	case len(terms) > 1 && strat == federated:
		single := terms
		if len(q.Terms) > 0 {
			single = terms[:min(poolTerms, len(terms))]
		}
		return x.federated(ctx, &q, terms, single)
	}
	req := x.request(&q, terms, meilisearch.Last)
	if strat == singleFrequency {
		req.MatchingStrategy = meilisearch.Frequency
	}
	// Page 1 of Offset+Limit hits: in page mode Meilisearch counts the
	// total exhaustively (up to maxTotalHits), which offset/limit only
	// estimates.
	perPage := int64(q.Offset + q.Limit)
	req.Page, req.HitsPerPage = 1, &perPage
	for _, name := range q.Facets {
		req.Facets = append(req.Facets, facetAttributes[name])
	}
	if !hasText {
		req.Sort = []string{"id:asc"}
		// Nothing to highlight, and highlighting copies every searchable
		// attribute of every hit into the response: for the matcher's
		// 200-expert emergency team that was 27 of 30 ms.
		req.AttributesToHighlight = nil
	}
	resp, err := x.cli.Index(x.uid).Search(ctx, req.Query, req)
	if err != nil {
		return nil, wrap("search", err)
	}
	hits := resp.Hits
	if q.Offset < len(hits) {
		hits = hits[q.Offset:]
	} else {
		hits = nil
	}
	dist := make(map[string]json.RawMessage)
	if len(resp.FacetDistribution) > 0 {
		if err := json.Unmarshal(resp.FacetDistribution, &dist); err != nil {
			return nil, fmt.Errorf("meili: decode facets: %w", err)
		}
	}
	return result(&q, hasText, hits, int(resp.TotalHits), dist, nil)
}

// request is the search of terms joined, heaviest first.
func (x *Index) request(q *search.Query, terms []textproc.Term, ms meilisearch.MatchingStrategy) *meilisearch.SearchRequest {
	words := make([]string, len(terms))
	for i, t := range terms {
		words[i] = t.Text
	}
	req := &meilisearch.SearchRequest{
		IndexUID:              x.uid,
		Query:                 strings.Join(words, " "),
		AttributesToRetrieve:  []string{"id"},
		AttributesToHighlight: searchableAttributes,
		HighlightPreTag:       preTag,
		HighlightPostTag:      postTag,
		ShowRankingScore:      true,
		MatchingStrategy:      ms,
		Locales:               []string{"zho"},
	}
	if q.NoMatchedTerms {
		req.AttributesToHighlight = nil
	}
	if f := buildFilter(q.Filter); f != "" {
		req.Filter = f
	}
	return req
}

// federated runs all terms together and each of single alone (see
// termWeight).
func (x *Index) federated(ctx context.Context, q *search.Query, terms, single []textproc.Term) (*search.Result, error) {
	all := x.request(q, terms, meilisearch.Last)
	all.FederationOptions = &meilisearch.SearchFederationOptions{Weight: 1}
	queries := []*meilisearch.SearchRequest{all}
	for _, t := range single {
		one := x.request(q, []textproc.Term{t}, meilisearch.Last)
		// Highlighting is half the cost of a federated search; a hit that
		// comes from a one-term query matched that term (decodeHit).
		one.AttributesToHighlight = nil
		// A zero weight would be omitted from the JSON and mean 1.
		one.FederationOptions = &meilisearch.SearchFederationOptions{Weight: max(termWeight*t.Weight/terms[0].Weight, 0.001)}
		queries = append(queries, one)
	}
	fed := &meilisearch.MultiSearchFederation{Offset: int64(q.Offset), Limit: int64(q.Limit)}
	if len(q.Facets) > 0 {
		attrs := make([]string, len(q.Facets))
		for i, name := range q.Facets {
			attrs[i] = facetAttributes[name]
		}
		fed.FacetsByIndex = map[string][]string{x.uid: attrs}
		fed.MergeFacets = &meilisearch.MultiSearchFederationMergeFacets{}
	}
	resp, err := x.cli.MultiSearch(ctx, &meilisearch.MultiSearchRequest{Federation: fed, Queries: queries})
	if err != nil {
		return nil, wrap("multi-search", err)
	}
	return result(q, true, resp.Hits, int(resp.EstimatedTotalHits), resp.FacetDistribution, single)
}

// result decodes hits and facet counts into a search.Result. terms are
// those of a federated search's one-term queries (nil otherwise).
func result(q *search.Query, hasText bool, hits meilisearch.Hits, total int, dist map[string]json.RawMessage, terms []textproc.Term) (*search.Result, error) {
	res := &search.Result{Total: total}
	for _, h := range hits {
		hit, err := decodeHit(h, terms)
		if err != nil {
			return nil, err
		}
		if !hasText {
			hit.Score = 0
		}
		res.Hits = append(res.Hits, hit)
	}
	if len(q.Facets) > 0 {
		res.Facets = make(map[string]map[string]int, len(q.Facets))
		for _, name := range q.Facets {
			counts := make(map[string]int)
			if raw, ok := dist[facetAttributes[name]]; ok {
				if err := json.Unmarshal(raw, &counts); err != nil {
					return nil, fmt.Errorf("meili: decode facet %s: %w", name, err)
				}
			}
			for v, n := range counts {
				if n <= 0 {
					delete(counts, v)
				}
			}
			res.Facets[name] = counts
		}
	}
	return res, nil
}

// queryTerms returns the terms to search, normalised, deduplicated, heaviest
// first and at most maxQueryWords of them (Meilisearch ignores words past
// the tenth); hasText is false for a filter-only query.
func queryTerms(an *textproc.Analyzer, q *search.Query) (terms []textproc.Term, hasText bool) {
	in := q.Terms
	if len(in) == 0 {
		if strings.TrimSpace(q.Text) == "" {
			return nil, false
		}
		in = an.Terms(q.Text)
		if len(in) > maxQueryWords {
			// Keep the informative words rather than the first ten.
			in = an.Keywords(q.Text, maxQueryWords)
		}
	}
	for _, t := range in {
		w := textproc.Normalize(t.Text)
		if w == "" {
			continue
		}
		if i := slices.IndexFunc(terms, func(x textproc.Term) bool { return x.Text == w }); i >= 0 {
			terms[i].Weight = max(terms[i].Weight, t.Weight)
			continue
		}
		terms = append(terms, textproc.Term{Text: w, Weight: t.Weight})
	}
	slices.SortStableFunc(terms, func(a, b textproc.Term) int {
		switch {
		case a.Weight > b.Weight:
			return -1
		case a.Weight < b.Weight:
			return 1
		}
		return 0
	})
	if len(terms) > maxQueryWords {
		terms = terms[:maxQueryWords]
	}
	return terms, true
}

// decodeHit reads the id, the ranking score and, from the highlighted
// attributes, the words that matched. A hit of a federated search's
// one-term query (position i > 0, not highlighted) matched terms[i-1].
func decodeHit(h meilisearch.Hit, terms []textproc.Term) (search.Hit, error) {
	var raw struct {
		ID         int64                      `json:"id"`
		Score      float64                    `json:"_rankingScore"`
		Formatted  map[string]json.RawMessage `json:"_formatted"`
		Federation *struct {
			Weighted float64 `json:"weightedRankingScore"`
			Position int     `json:"queriesPosition"`
		} `json:"_federation"`
	}
	if err := h.DecodeInto(&raw); err != nil {
		return search.Hit{}, fmt.Errorf("meili: decode hit: %w", err)
	}
	hit := search.Hit{ID: raw.ID, Score: raw.Score}
	if raw.Federation != nil {
		hit.Score = raw.Federation.Weighted
		if p := raw.Federation.Position; p > 0 && p <= len(terms) {
			hit.MatchedTerms = []string{terms[p-1].Text}
			return hit, nil
		}
	}
	// The character list only speaks when no word matched: it is what a
	// single-character query finds, and noise next to real words.
	for _, attr := range searchableAttributes {
		if attr == "chars" && len(hit.MatchedTerms) > 0 {
			break
		}
		js, ok := raw.Formatted[attr]
		if !ok {
			continue
		}
		var texts []string
		var one string
		if json.Unmarshal(js, &one) == nil {
			texts = []string{one}
		} else if json.Unmarshal(js, &texts) != nil {
			continue
		}
		for _, t := range texts {
			for {
				i := strings.Index(t, preTag)
				if i < 0 {
					break
				}
				t = t[i+len(preTag):]
				j := strings.Index(t, postTag)
				if j < 0 {
					break
				}
				for _, w := range strings.Fields(textproc.Normalize(t[:j])) {
					if !slices.Contains(hit.MatchedTerms, w) {
						hit.MatchedTerms = append(hit.MatchedTerms, w)
					}
				}
				t = t[j+len(postTag):]
			}
		}
	}
	return hit, nil
}

// idStrings formats IDs for the documents API.
func idStrings(ids []int64) []string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return s
}
