// Package vocab finds the words requesters use that no profile has, not
// even as a synonym: the gaps in the county's vocabulary. The matcher's lead
// over plain search comes from the synonyms it knows; a request in words it
// does not know finds nobody by them. Officers read the gaps and add
// synonym groups (addSynonymGroup, talentctl synonyms add) from real traffic.
package vocab

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/textproc"
)

// Searcher is the part of the search index Gaps needs.
type Searcher interface {
	Search(ctx context.Context, q search.Query) (*search.Result, error)
}

// Gap is a request word that no profile has.
type Gap struct {
	Term     string
	Requests int      // how many of the requests read use it
	Examples []string // titles of up to three of them, newest first
}

// termsPerRequest is how many of a request's most telling words are
// checked, as many as the matcher searches.
const termsPerRequest = 16

// MaxRequests is how many recent requests a report reads: each distinct
// word is one search (about 0.5 ms embedded, 5–10 ms on Meilisearch), and
// a few hundred requests show which words recur.
const MaxRequests = 500

// maxExamples bounds the example titles of a gap.
const maxExamples = 3

// Gaps checks the most telling words of each request against the index
// (a word found under any of its synonyms is no gap) and returns the words
// found in no profile, most used first. Single characters and the county's
// place names are not checked: the first match inside other words, the
// second are no topic.
func Gaps(ctx context.Context, an *textproc.Analyzer, idx Searcher, reqs []store.RequestText) ([]Gap, error) {
	found := map[string]bool{}
	gaps := map[string]*Gap{}
	for _, r := range reqs {
		seen := map[string]bool{}
		for _, t := range an.Keywords(r.Title+"\n"+r.Description, termsPerRequest) {
			w := t.Text
			if seen[w] || utf8.RuneCountInString(w) < 2 || isPlace(w) {
				continue
			}
			seen[w] = true
			ok, checked := found[w]
			if !checked {
				res, err := idx.Search(ctx, search.Query{Terms: []textproc.Term{{Text: w, Weight: 1}}, Limit: 1, NoMatchedTerms: true})
				if err != nil {
					return nil, fmt.Errorf("vocab: search %q: %w", w, err)
				}
				ok = len(res.Hits) > 0
				found[w] = ok
			}
			if ok {
				continue
			}
			g := gaps[w]
			if g == nil {
				g = &Gap{Term: w}
				gaps[w] = g
			}
			g.Requests++
			if title := strings.TrimSpace(r.Title); len(g.Examples) < maxExamples && title != "" {
				g.Examples = append(g.Examples, title)
			}
		}
	}
	out := make([]Gap, 0, len(gaps))
	for _, g := range gaps {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Requests != out[j].Requests {
			return out[i].Requests > out[j].Requests
		}
		return out[i].Term < out[j].Term
	})
	return out, nil
}

func isPlace(w string) bool {
	_, ok := talent.LookupTownship(w)
	return ok
}
