// Package matcher ranks experts for a request and says why.
//
// Ranking has two stages. Candidates come from the search index (recall):
// the request's most telling terms, under the hard filters of its kind.
// Then every candidate is scored here on its full profile (precision) with
// structured features — text relevance computed by this package on the
// profile itself, so both search backends rank alike; registry fit for the
// kind; audience; lecture topics; place; availability in the window;
// workload against the monthly cap; past ratings; on-call for emergencies.
// The score is a weighted mean of the features; each candidate carries
// every feature's value and contribution.
//
// The package does no I/O of its own: search and profiles arrive through
// the Searcher and Profiles interfaces.
package matcher

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/textproc"
)

// Kind is what a request is for.
type Kind string

// Request kinds.
const (
	School     Kind = "SCHOOL"
	Village    Kind = "VILLAGE"
	Enterprise Kind = "ENTERPRISE"
	Emergency  Kind = "EMERGENCY"
)

// Kinds lists the request kinds with Chinese labels.
var Kinds = []talent.EnumValue{
	{Name: string(School), Label: "学校", Aliases: []string{"学校点单"}},
	{Name: string(Village), Label: "村（社区）", Aliases: []string{"村", "社区", "乡村"}},
	{Name: string(Enterprise), Label: "企业", Aliases: []string{"公司"}},
	{Name: string(Emergency), Label: "应急", Aliases: []string{"突发事件", "应急事件"}},
}

// Request is what the matcher ranks experts for.
type Request struct {
	Kind              Kind
	Title             string
	Description       string
	Township          string // township code; empty when unknown
	Audience          talent.Audience
	EmergencyCategory talent.EmergencyCategory
	From, To          time.Time // preferred window; zero when open
}

// Limits on request text: a description is a few paragraphs at most.
const (
	MaxTitle       = 200
	MaxDescription = 5000
	MaxResults     = 100
	// minYear and maxYear bound a request's dates.
	minYear, maxYear = 2000, 2099
)

// Validate normalises and checks a request. Errors are talent.Errors with
// Chinese messages.
func (r *Request) Validate() error {
	var errs talent.Errors
	r.Title = strings.TrimSpace(r.Title)
	r.Description = strings.TrimSpace(r.Description)
	if !talent.Valid(Kinds, string(r.Kind)) {
		errs.Add(talent.CodeInvalid, "kind", "需求类型“%s”无效，应为 SCHOOL、VILLAGE、ENTERPRISE 或 EMERGENCY", r.Kind)
	}
	if r.Description == "" && r.Title == "" {
		errs.Add(talent.CodeRequired, "description", "请描述需求内容（需要什么样的专家、做什么）")
	}
	if n := len([]rune(r.Title)); n > MaxTitle {
		errs.Add(talent.CodeTooLong, "title", "标题不能超过%d个字（现有%d个）", MaxTitle, n)
	}
	if n := len([]rune(r.Description)); n > MaxDescription {
		errs.Add(talent.CodeTooLong, "description", "需求描述不能超过%d个字（现有%d个），请概括要点", MaxDescription, n)
	}
	if r.Township != "" {
		t, ok := talent.LookupTownship(r.Township)
		if !ok {
			errs.Add(talent.CodeUnknownTownship, "township", "乡镇“%s”不是浮梁县的乡镇", r.Township)
		} else {
			r.Township = t.Code
		}
	}
	if r.Audience != "" && !talent.Valid(talent.Audiences, string(r.Audience)) {
		errs.Add(talent.CodeInvalid, "audience", "受众“%s”无效", r.Audience)
	}
	if r.EmergencyCategory != "" && !talent.Valid(talent.EmergencyCategories, string(r.EmergencyCategory)) {
		errs.Add(talent.CodeInvalid, "emergencyCategory", "应急类别“%s”无效", r.EmergencyCategory)
	}
	// A date outside this century is a typing slip (0001-01-01, 20260-…),
	// not a plan.
	for _, d := range []struct {
		field string
		t     time.Time
	}{{"from", r.From}, {"to", r.To}} {
		if !d.t.IsZero() && (d.t.Year() < minYear || d.t.Year() > maxYear) {
			errs.Add(talent.CodeOutOfRange, d.field, "日期应在%d年至%d年之间（现为%s）", minYear, maxYear, d.t.Format("2006-01-02"))
		}
	}
	if !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
		errs.Add(talent.CodeInvalid, "to", "结束日期不能早于开始日期")
	}
	if !r.From.IsZero() && !r.To.IsZero() && r.To.Sub(r.From) > 366*24*time.Hour {
		errs.Add(talent.CodeOutOfRange, "to", "时间范围不能超过一年")
	}
	return errs.Err()
}

// Profile is what the matcher knows of one candidate.
type Profile struct {
	Expert               *talent.Expert
	Memberships          []*talent.Membership
	EngagementsThisMonth int          // engagements booked in the request's month
	RatingCount          int          // ratings received
	RatingMean           float64      // 1–5, meaningful when RatingCount > 0
	Text                 *ProfileText // optional: see ProfileText
}

// Searcher finds candidates in the search index. Match may call Search
// from two goroutines at once (an emergency's text and team searches).
type Searcher interface {
	Search(ctx context.Context, q search.Query) (*search.Result, error)
}

// Profiles loads candidates' profiles, keyed by expert id. month is the
// month whose workload counts.
type Profiles interface {
	Profiles(ctx context.Context, ids []int64, month time.Time) (map[int64]*Profile, error)
}

// Factor is one feature's part in a score.
type Factor struct {
	Feature      string  // stable English name, e.g. "text"
	Weight       float64 // normalised: the weights of one candidate sum to 1
	Value        float64 // the feature's value in [0, 1]
	Contribution float64 // Weight × Value; the contributions sum to the score
	Note         string  // what it means, in Chinese, for people
}

// Candidate is one ranked expert.
type Candidate struct {
	Profile      *Profile
	Score        float64
	Factors      []Factor
	MatchedTerms []string
	// Later: cannot take the request as things stand — admitted to no
	// roster yet (nominated, under review, or on none; for an emergency,
	// not yet admitted to the emergency team), or unavailable on every day
	// of the request's window. Ranked after every candidate who can; the
	// explanation says why.
	Later bool
	// Weak: fits the topic much less than the best candidate (text
	// relevance under relevanceFloor of the best), offered only after every
	// candidate who fits, so that a short list is filled; or, when no
	// profile has a word of the request, one the engine found all the same.
	Weak bool
}

// Result is a ranking.
type Result struct {
	Candidates []Candidate
	// Terms are the request terms the ranking used, most telling first.
	Terms []textproc.Term
	// Category is the emergency category given, or the likeliest inferred
	// from the text; empty when none.
	Category talent.EmergencyCategory
	// Categories are the hard filter: the category given, or every one
	// inferred (an expert of any of them qualifies).
	Categories []talent.EmergencyCategory
}

// Matcher ranks experts. It is safe for concurrent use.
type Matcher struct {
	search   Searcher
	profiles Profiles
	analyzer atomic.Pointer[textproc.Analyzer] // replaced when officers change synonyms
	weights  Weights
	now      func() time.Time
}

// Option configures a Matcher.
type Option func(*Matcher)

// WithWeights replaces the default feature weights.
func WithWeights(w Weights) Option { return func(m *Matcher) { m.weights = w } }

// WithClock replaces the clock (tests).
func WithClock(now func() time.Time) Option { return func(m *Matcher) { m.now = now } }

// WithAnalyzer replaces the text analyzer (e.g. with officers' synonyms).
func WithAnalyzer(a *textproc.Analyzer) Option { return func(m *Matcher) { m.analyzer.Store(a) } }

// SetAnalyzer replaces the analyzer, e.g. after officers changed synonyms.
func (m *Matcher) SetAnalyzer(a *textproc.Analyzer) { m.analyzer.Store(a) }

// Analyzer returns the analyzer in use (with the officers' synonyms).
func (m *Matcher) Analyzer() *textproc.Analyzer { return m.analyzer.Load() }

// New returns a matcher over a search index and a profile source.
func New(s Searcher, p Profiles, opts ...Option) *Matcher {
	m := &Matcher{search: s, profiles: p, weights: DefaultWeights(), now: time.Now}
	for _, o := range opts {
		o(m)
	}
	if m.analyzer.Load() == nil {
		m.analyzer.Store(textproc.Default())
	}
	return m
}

// How many candidates the search stage fetches: enough that the re-ranking
// can lift a good expert whose text scores modestly, few enough to score
// every one on its full profile within the latency budget.
const (
	textCandidates   = 120
	filterCandidates = 200
	maxQueryTerms    = 24
)

// Hard filters: an emergency needs a member of the emergency team of the
// category; one not yet admitted (nominated, under review) is ranked after
// the admitted (score), suspended and former members not at all.
func hardFilter(req Request, q query) search.Filter {
	var filter search.Filter
	if req.Kind == Emergency {
		filter.Registries = []string{string(talent.EmergencyExpert)}
		filter.Statuses = []string{string(talent.StatusAdmitted), string(talent.StatusUnderReview), string(talent.StatusNominated)}
		for _, c := range q.categories {
			filter.EmergencyCategories = append(filter.EmergencyCategories, string(c))
		}
	}
	return filter
}

func textQuery(q query, filter search.Filter) search.Query {
	return search.Query{Terms: q.searchTerms, Filter: filter, Limit: textCandidates, NoMatchedTerms: true}
}

// CandidateQuery is the text search Match sends for req (without the
// emergency team's filter-only list), for benchmarks that time the search
// stage alone; ok is false when the request has no searchable terms.
func (m *Matcher) CandidateQuery(req Request) (q search.Query, ok bool) {
	a := m.analyze(req)
	return textQuery(a, hardFilter(req, a)), len(a.searchTerms) > 0
}

// Match ranks up to n experts for the request; n = 0 asks for none (the
// request is still validated).
func (m *Matcher) Match(ctx context.Context, req Request, n int) (*Result, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	if n <= 0 {
		return &Result{}, nil // asked for none: the request is still checked
	}
	if n > MaxResults {
		n = MaxResults
	}
	q := m.analyze(req)
	res := &Result{Terms: q.terms, Category: q.category, Categories: q.categories}
	filter := hardFilter(req, q)

	textScore := map[int64]float64{}
	var order []int64
	add := func(h search.Hit) {
		if _, seen := textScore[h.ID]; !seen {
			order = append(order, h.ID)
		}
		if h.Score > textScore[h.ID] {
			textScore[h.ID] = h.Score
		}
	}
	// Emergencies rank the whole team of the category, text or not: at night
	// the nearest on-call expert matters more than the wording. The two
	// searches go out together.
	var team *search.Result
	var teamErr error
	var wg sync.WaitGroup
	if req.Kind == Emergency && q.category != "" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			team, teamErr = m.search.Search(ctx, search.Query{Filter: filter, Limit: filterCandidates, NoMatchedTerms: true})
		}()
	}
	var text *search.Result
	var textErr error
	if len(q.searchTerms) > 0 {
		text, textErr = m.search.Search(ctx, textQuery(q, filter))
	}
	wg.Wait()
	for _, err := range []error{textErr, teamErr} {
		if err != nil {
			return nil, fmt.Errorf("matcher: search: %w", err)
		}
	}
	if text != nil {
		for _, h := range text.Hits {
			add(h)
		}
	}
	if team != nil {
		for _, h := range team.Hits {
			add(search.Hit{ID: h.ID})
		}
	}
	if len(order) == 0 && len(q.searchTerms) > 0 {
		// No profile has a word of the request as the matcher reads it
		// (自来水 where profiles say 供水): read as plain search reads it,
		// characters and all, and offer what that finds as the nearest
		// there is (relevant marks them), rather than nobody.
		near, err := m.search.Search(ctx, search.Query{Text: req.Title + "\n" + req.Description,
			Filter: filter, Limit: textCandidates, NoMatchedTerms: true})
		if err != nil {
			return nil, fmt.Errorf("matcher: search: %w", err)
		}
		for _, h := range near.Hits {
			add(h)
		}
	}
	if len(order) == 0 {
		return res, nil
	}

	month := m.now()
	if !req.From.IsZero() {
		month = req.From
	}
	profiles, err := m.profiles.Profiles(ctx, order, month)
	if err != nil {
		return nil, fmt.Errorf("matcher: profiles: %w", err)
	}
	maxText := 0.0
	for _, s := range textScore {
		if s > maxText {
			maxText = s
		}
	}
	scores := make([]scored, len(order))
	scoreAll(len(order), func(i int) {
		id := order[i]
		p := profiles[id]
		if p == nil || p.Expert == nil || p.Expert.ArchivedAt != nil {
			scores[i].excluded = true // deleted or archived since it was indexed
			return
		}
		engine := 0.0
		if maxText > 0 {
			engine = textScore[id] / maxText
		}
		scores[i] = m.score(req, q, p, engine)
	})
	for _, c := range scores {
		if !c.excluded {
			res.Candidates = append(res.Candidates, c.Candidate)
		}
	}
	res.Candidates = relevant(req, res.Candidates)
	sort.SliceStable(res.Candidates, func(i, j int) bool {
		a, b := res.Candidates[i], res.Candidates[j]
		if a.Weak != b.Weak {
			return !a.Weak
		}
		if a.Later != b.Later {
			return !a.Later
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Profile.Expert.ID < b.Profile.Expert.ID
	})
	if len(res.Candidates) > n {
		res.Candidates = res.Candidates[:n]
	}
	return res, nil
}

// parallelScoring is the pool size from which candidates are scored on
// every processor: once the search has answered, the search engine's cores
// are idle, and scoring 120 candidates was a quarter of a match's own time.
const parallelScoring = 32

// scoreAll calls score(i) for every i < n, spread over GOMAXPROCS
// goroutines when n is large enough to pay for them.
func scoreAll(n int, score func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/(parallelScoring/2))
	if n < parallelScoring || workers < 2 {
		for i := range n {
			score(i)
		}
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				score(i)
			}
		})
	}
	wg.Wait()
}

// ErrUnavailable is returned (wrapped) when the search engine is down.
var ErrUnavailable = search.ErrUnavailable

// IsUnavailable reports whether err means the search engine is down.
func IsUnavailable(err error) bool { return errors.Is(err, search.ErrUnavailable) }

// relevanceFloor: a candidate whose text relevance is below this share of
// the best candidate's is not offered, however near or free they are:
// place, workload and ratings order people who fit the topic, they do not
// make someone fit it. Emergencies are exempt: the category filter already
// guarantees the topic, and an on-call expert nearby is what counts.
const relevanceFloor = 0.3

func relevant(req Request, cs []Candidate) []Candidate {
	if req.Kind == Emergency {
		return cs
	}
	best := 0.0
	for _, c := range cs {
		best = max(best, textValue(c))
	}
	if best == 0 {
		// Nobody has anything of the request: all are the nearest there is.
		for i := range cs {
			cs[i].Weak = true
		}
		return cs
	}
	anyMatched := false
	for _, c := range cs {
		anyMatched = anyMatched || len(c.MatchedTerms) > 0
	}
	out := cs[:0]
	for _, c := range cs {
		switch {
		case !anyMatched:
			// Not one profile has a word of the request, only what the
			// engine found (characters, a typo it tolerated: 香姑 for 香菇).
			// Offer those, as the nearest there are, rather than nobody.
			c.Weak = true
		case len(c.MatchedTerms) == 0:
			// Nothing of the request found on the profile while others
			// have it: the engine's score alone (a character in the
			// character list, a stray word) is no reason to offer someone.
			continue
		default:
			c.Weak = textValue(c) < relevanceFloor*best
		}
		out = append(out, c)
	}
	return out
}

func textValue(c Candidate) float64 {
	for _, f := range c.Factors {
		if f.Feature == FeatureText {
			return f.Value
		}
	}
	return 0
}
