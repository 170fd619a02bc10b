// Package eval measures ranking quality on a judged set of requests:
// nDCG@k with graded judgments and recall@k, for any system that turns a
// request into a ranked list of experts' external ids.
package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
)

// Set is testdata/eval/requests.json: requests phrased as requesters
// write them, each with graded relevance judgments over demo.Roster(seed).
// The judgments were made by reading the profiles, never by running a
// matcher, so the set can measure any matcher honestly.
type Set struct {
	Version       int               `json:"version"`
	Roster        Roster            `json:"roster"`
	ReferenceDate string            `json:"referenceDate"` // "today" for the requests' wording ("下周三")
	Grades        map[string]string `json:"grades"`
	Requests      []Case            `json:"requests"`
}

// Roster identifies the roster the judgments refer to: either the demo
// generator's (Generator, Seed, Fingerprint) or a roster spreadsheet in the
// bureau's import template (File, relative to the set's file), loaded
// through the same import a clerk uses.
type Roster struct {
	Generator   string `json:"generator,omitempty"`
	Seed        uint64 `json:"seed,omitempty"`
	File        string `json:"file,omitempty"`
	Experts     int    `json:"experts"`
	Fingerprint string `json:"fingerprint,omitempty"`
}

// Case is one judged request.
type Case struct {
	ID string `json:"id"`
	// Input has exactly the fields of the GraphQL MatchInput, so it can be
	// sent as the `input` variable of `match` unchanged.
	Input MatchInput `json:"input"`
	// Judgments grade experts by external id: 3 ideal, 2 good, 1
	// acceptable; experts not listed are irrelevant.
	Judgments map[string]int `json:"judgments"`
	Note      string         `json:"note"`
}

// MatchInput mirrors the GraphQL input type of the same name.
type MatchInput struct {
	Kind              string `json:"kind"`
	Title             string `json:"title,omitempty"`
	Description       string `json:"description"`
	Township          string `json:"township,omitempty"`
	Audience          string `json:"audience,omitempty"`
	EmergencyCategory string `json:"emergencyCategory,omitempty"`
	From              string `json:"from,omitempty"`
	To                string `json:"to,omitempty"`
}

// Read decodes an evaluation set, rejecting unknown fields so that a typo
// in a hand-edited file is caught rather than silently ignored.
func Read(r io.Reader) (*Set, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var s Set
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("eval: read evaluation set: %w", err)
	}
	if (s.Roster.File == "") == (s.Roster.Generator == "") {
		return nil, fmt.Errorf("eval: the roster must name either a generator or a file")
	}
	for _, c := range s.Requests {
		if len(c.Judgments) == 0 {
			return nil, fmt.Errorf("eval: request %s has no judgments", c.ID)
		}
	}
	return &s, nil
}

// Load reads an evaluation set from a file, usually testdata/eval/requests.json.
// A roster file is resolved against the set's directory.
func Load(path string) (*Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := Read(f)
	if err != nil {
		return nil, err
	}
	if s.Roster.File != "" && !filepath.IsAbs(s.Roster.File) {
		s.Roster.File = filepath.Join(filepath.Dir(path), s.Roster.File)
	}
	return s, nil
}

// NDCG is the normalised discounted cumulative gain at k, with gain
// 2^grade − 1 and the ideal ranking built from all judgments.
func NDCG(ranked []string, judged map[string]int, k int) float64 {
	dcg := 0.0
	for i, id := range ranked {
		if i >= k {
			break
		}
		dcg += gain(judged[id]) / math.Log2(float64(i+2))
	}
	grades := make([]int, 0, len(judged))
	for _, g := range judged {
		grades = append(grades, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(grades)))
	idcg := 0.0
	for i, g := range grades {
		if i >= k {
			break
		}
		idcg += gain(g) / math.Log2(float64(i+2))
	}
	if idcg == 0 {
		return 0
	}
	return dcg / idcg
}

func gain(grade int) float64 { return math.Pow(2, float64(grade)) - 1 }

// Recall is the share of judged-relevant experts (grade ≥ 1) in the top k.
func Recall(ranked []string, judged map[string]int, k int) float64 {
	relevant := 0
	for _, g := range judged {
		if g > 0 {
			relevant++
		}
	}
	if relevant == 0 {
		return 0
	}
	found := 0
	for i, id := range ranked {
		if i >= k {
			break
		}
		if judged[id] > 0 {
			found++
		}
	}
	return float64(found) / float64(relevant)
}

// System ranks experts for a case, returning external ids, best first.
type System func(ctx context.Context, c Case) ([]string, error)

// Score is one system's result on one case.
type Score struct {
	Case   string
	NDCG   float64
	Recall float64
	Ranked []string
}

// Summary is a system's mean over a set.
type Summary struct {
	NDCG, Recall float64
	Cases        []Score
}

// Run evaluates a system on every case at cut-off k.
func Run(ctx context.Context, cases []Case, sys System, k int) (Summary, error) {
	var s Summary
	for _, c := range cases {
		ranked, err := sys(ctx, c)
		if err != nil {
			return s, fmt.Errorf("eval: case %s: %w", c.ID, err)
		}
		sc := Score{Case: c.ID, NDCG: NDCG(ranked, c.Judgments, k), Recall: Recall(ranked, c.Judgments, k), Ranked: ranked}
		s.Cases = append(s.Cases, sc)
		s.NDCG += sc.NDCG
		s.Recall += sc.Recall
	}
	if n := float64(len(cases)); n > 0 {
		s.NDCG /= n
		s.Recall /= n
	}
	return s, nil
}
