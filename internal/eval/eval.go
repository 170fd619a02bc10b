// Package eval measures ranking quality on a judged set of requests:
// nDCG@k with graded judgments and recall@k, for any system that turns a
// request into a ranked list of experts' external ids.
package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
)

// Case is one judged request.
type Case struct {
	ID                string         `json:"id"`
	Kind              string         `json:"kind"`
	Title             string         `json:"title,omitempty"`
	Description       string         `json:"description"`
	Township          string         `json:"township,omitempty"`
	Audience          string         `json:"audience,omitempty"`
	EmergencyCategory string         `json:"emergencyCategory,omitempty"`
	From              string         `json:"from,omitempty"`
	To                string         `json:"to,omitempty"`
	Judgments         map[string]int `json:"judgments"` // external id → grade 1–3
	Note              string         `json:"note,omitempty"`
}

// Load reads a judged set: a JSON array of cases or {"requests": [...]}.
func Load(path string) ([]Case, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cases []Case
	if err := json.Unmarshal(b, &cases); err != nil {
		var wrapped struct {
			Requests []Case `json:"requests"`
		}
		if err2 := json.Unmarshal(b, &wrapped); err2 != nil {
			return nil, fmt.Errorf("eval: %s: %w", path, err)
		}
		cases = wrapped.Requests
	}
	for i, c := range cases {
		if c.ID == "" {
			cases[i].ID = fmt.Sprintf("#%d", i+1)
		}
		if len(c.Judgments) == 0 {
			return nil, fmt.Errorf("eval: %s: case %s has no judgments", path, cases[i].ID)
		}
	}
	return cases, nil
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
