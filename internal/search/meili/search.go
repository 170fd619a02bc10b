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
// request whose heaviest keyword no profile uses finds nothing at all), with
// "frequency" the rarest word that occurs at all; either way a request about
// tea and e-commerce never finds an e-commerce expert who knows no tea. The
// matcher needs candidates that match any of its terms, ranked by how many
// and how important. So a query of several terms is a federated
// multi-search over the same index, one query per form of a term:
//
//   - each term alone, as a phrase, weight termWeight × (term weight /
//     heaviest weight);
//   - each synonym of a term (the index's own list), as a phrase, at
//     synonymFactor of the term's weight (synonyms of the four heaviest
//     only: 0.725 on holdout.json; of every term: no slower, and a
//     subject the matcher adds below the request's words still finds
//     profiles that name it otherwise);
//   - each pair of the pairTerms heaviest terms, both phrases required,
//     at termWeight × (sum of the two weights / heaviest): a profile with
//     two of the request's main words comes before one with one.
//
// Meilisearch merges the lists, keeping each document once with its best
// weighted score, and counts facets over the union.
//
// Why phrases, and synonyms expanded here rather than by Meilisearch:
// Meilisearch 1.21 reads its whole synonym list for every word and every
// two- and three-word run of a query (meilisearch/meilisearch#5639; lazy
// since 1.49, #6466). With the county's ~270 synonym keys (534 terms since)
// that was most of a search's time, and the earlier plan (all terms together with
// matchingStrategy "frequency", plus each term alone, Meilisearch
// expanding synonyms) cost 2.3× a plain search of the request text. A
// quoted word is looked up as written, synonyms not consulted; the
// synonyms are still searched, as queries of their own. For Chinese words
// a phrase of one term is what the plain word matched anyway: both sides
// are cut by the same segmenter, and typo tolerance starts at five
// characters. TestStrategies measures the plans against each other.
//
// Measured with `talentctl eval` (match nDCG@10, Meilisearch 1.21,
// 256-expert roster); requests.json / holdout.json:
//
//	all terms "last" + heaviest 4 alone          0.859 / 0.568
//	all terms "frequency" + every term alone     0.879 / 0.665
//	phrases: terms, synonyms, pairs (this plan)  0.891 / 0.725
//
// and on 10 000 synthetic profiles (`talentctl bench match`) the search
// stage went from 2.4× to 1.6× a plain Meilisearch search of the request
// text at p50.
const (
	termWeight    = 0.5
	synonymFactor = 0.85
	pairTerms     = 4
)

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
		return x.federated(ctx, &q, terms)
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

// federated runs the terms, their synonyms and pairs of the heaviest as
// phrases (see termWeight).
//
// Meilisearch 1.21's federation costs ~5 ms per request whatever its
// queries (one query for a word no document has: 1 ms alone, 6 ms
// federated): it builds an HTTP client for remote indexes on every
// federated search (meilisearch/meilisearch#6229, fixed in 1.40). A plain multi-search merged here was slower still: every
// query then returns its whole window of documents (25 queries × 120 hits,
// each document read and serialised), where the federation reads only the
// merged page.
func (x *Index) federated(ctx context.Context, q *search.Query, terms []textproc.Term) (*search.Result, error) {
	subs := x.subQueries(terms)
	queries := make([]*meilisearch.SearchRequest, len(subs))
	matched := make([][]string, len(subs))
	for i, sq := range subs {
		r := x.request(q, nil, meilisearch.Last)
		r.Query = sq.query
		// Every hit's matched words are those of the query that ranked it
		// (decodeHit); highlighting was half the cost of a federated search.
		r.AttributesToHighlight = nil
		// A zero weight would be omitted from the JSON and mean 1.
		r.FederationOptions = &meilisearch.SearchFederationOptions{Weight: max(sq.weight, 0.001)}
		queries[i], matched[i] = r, sq.words
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
	return result(q, true, resp.Hits, int(resp.EstimatedTotalHits), resp.FacetDistribution, matched)
}

// subQuery is one query of a federated search: its text, its federation
// weight, and the words a hit of it matched.
type subQuery struct {
	query  string
	weight float64
	words  []string
}

// subQueries plans a federated search of terms (heaviest first).
func (x *Index) subQueries(terms []textproc.Term) []subQuery {
	var subs []subQuery
	at := map[string]int{}
	add := func(words []string, weight float64) {
		var b strings.Builder
		for i, w := range words {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(phrase(w))
		}
		k := b.String()
		if i, ok := at[k]; ok {
			subs[i].weight = max(subs[i].weight, weight)
			return
		}
		at[k] = len(subs)
		subs = append(subs, subQuery{query: k, weight: weight, words: words})
	}
	top := terms[0].Weight
	syn := x.synonymMap()
	for _, t := range terms {
		w := termWeight * t.Weight / top
		add([]string{t.Text}, w)
		for _, s := range syn[t.Text] {
			add([]string{s}, w*synonymFactor)
		}
	}
	k := min(pairTerms, len(terms))
	for i := 0; i < k; i++ {
		for j := i + 1; j < k; j++ {
			add([]string{terms[i].Text, terms[j].Text}, termWeight*(terms[i].Weight+terms[j].Weight)/top)
		}
	}
	return subs
}

// phrase quotes a word for Meilisearch: matched as written, its synonyms
// not looked up. A double quote inside would end the phrase.
func phrase(w string) string {
	return `"` + strings.ReplaceAll(w, `"`, " ") + `"`
}

// result decodes hits and facet counts into a search.Result. matched[i]
// are the words a hit of a federated search's query i matched (nil for a
// plain search).
func result(q *search.Query, hasText bool, hits meilisearch.Hits, total int, dist map[string]json.RawMessage, matched [][]string) (*search.Result, error) {
	res := &search.Result{Total: total}
	for _, h := range hits {
		hit, err := decodeHit(h, matched)
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

// decodeHit reads the id, the ranking score and the words that matched:
// those of the federated query that ranked the hit (matched), else from
// the highlighted attributes.
func decodeHit(h meilisearch.Hit, matched [][]string) (search.Hit, error) {
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
		if p := raw.Federation.Position; p >= 0 && p < len(matched) && matched[p] != nil {
			hit.MatchedTerms = slices.Clone(matched[p])
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
