package matcher_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/matcher"
)

// fakeSearch returns every expert whose hard attributes pass the filter,
// with the text score given per id; it records the queries it saw.
type fakeSearch struct {
	profiles map[int64]*matcher.Profile
	text     map[int64]float64
	mu       sync.Mutex // Match may search twice at once
	queries  []search.Query
	err      error
}

func (f *fakeSearch) Search(_ context.Context, q search.Query) (*search.Result, error) {
	f.mu.Lock()
	f.queries = append(f.queries, q)
	f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	res := &search.Result{}
	for id, p := range f.profiles {
		if !passes(p, q.Filter) {
			continue
		}
		s := f.text[id]
		if len(q.Terms) > 0 && s == 0 {
			continue
		}
		res.Hits = append(res.Hits, search.Hit{ID: id, Score: s})
	}
	return res, nil
}

func passes(p *matcher.Profile, f search.Filter) bool {
	if len(f.EmergencyCategories) > 0 {
		ok := false
		for _, c := range p.Expert.EmergencyCategories {
			ok = ok || slices.Contains(f.EmergencyCategories, string(c))
		}
		if !ok {
			return false
		}
	}
	if len(f.Registries) > 0 {
		ok := false
		for _, m := range p.Memberships {
			ok = ok || slices.Contains(f.Registries, string(m.Registry))
		}
		return ok
	}
	return true
}

type fakeProfiles map[int64]*matcher.Profile

func (f fakeProfiles) Profiles(_ context.Context, ids []int64, _ time.Time) (map[int64]*matcher.Profile, error) {
	out := map[int64]*matcher.Profile{}
	for _, id := range ids {
		if p, ok := f[id]; ok {
			out[id] = p
		}
	}
	return out, nil
}

func member(reg talent.Registry, st talent.MembershipStatus) *talent.Membership {
	return &talent.Membership{Registry: reg, Status: st}
}

func profile(id int64, township string, expertise []string, ms ...*talent.Membership) *matcher.Profile {
	return &matcher.Profile{
		Expert:      &talent.Expert{ID: id, Name: "专家", Township: township, Expertise: expertise, MaxEngagementsPerMonth: 4},
		Memberships: ms,
	}
}

var now = func() time.Time { return time.Date(2026, 5, 10, 0, 0, 0, 0, time.UTC) }

func setup(ps ...*matcher.Profile) (*matcher.Matcher, *fakeSearch) {
	all := map[int64]*matcher.Profile{}
	text := map[int64]float64{}
	for _, p := range ps {
		all[p.Expert.ID] = p
		text[p.Expert.ID] = 0.5
	}
	fs := &fakeSearch{profiles: all, text: text}
	return matcher.New(fs, fakeProfiles(all), matcher.WithClock(now)), fs
}

func TestExplanationAddsUp(t *testing.T) {
	m, _ := setup(profile(1, "360222204", []string{"茶树病虫害"}, member(talent.ScienceEnvoy, talent.StatusAdmitted)))
	res, err := m.Match(context.Background(), matcher.Request{Kind: matcher.Village, Description: "茶树叶子有虫", Township: "江村乡",
		From: now(), To: now().AddDate(0, 0, 7)}, 5)
	if err != nil || len(res.Candidates) != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	c := res.Candidates[0]
	sumW, sumC := 0.0, 0.0
	features := map[string]bool{}
	for _, f := range c.Factors {
		sumW += f.Weight
		sumC += f.Contribution
		features[f.Feature] = true
		if f.Value < 0 || f.Value > 1 || f.Note == "" {
			t.Errorf("factor %+v", f)
		}
	}
	if math.Abs(sumW-1) > 1e-9 || math.Abs(sumC-c.Score) > 1e-9 {
		t.Fatalf("weights %v, contributions %v vs score %v", sumW, sumC, c.Score)
	}
	for _, f := range []string{"text", "registry", "place", "availability", "workload", "rating"} {
		if !features[f] {
			t.Errorf("feature %s missing from %v", f, features)
		}
	}
	if features["audience"] {
		t.Error("audience applies only when given or inferable")
	}
	if len(c.MatchedTerms) == 0 || c.MatchedTerms[0] != "茶树" && c.MatchedTerms[0] != "虫" {
		t.Errorf("matched terms %v", c.MatchedTerms)
	}
}

func TestRegistryFitAndPlaceOrderEqualText(t *testing.T) {
	envoyHere := profile(1, "360222204", []string{"茶树病虫害"}, member(talent.ScienceEnvoy, talent.StatusAdmitted))
	envoyFar := profile(2, "360222105", []string{"茶树病虫害"}, member(talent.ScienceEnvoy, talent.StatusAdmitted))
	lecturerHere := profile(3, "360222204", []string{"茶树病虫害"}, member(talent.SeniorLecturer, talent.StatusAdmitted))
	nominated := profile(4, "360222204", []string{"茶树病虫害"}, member(talent.ScienceEnvoy, talent.StatusNominated))
	suspended := profile(5, "360222204", []string{"茶树病虫害"}, member(talent.ScienceEnvoy, talent.StatusSuspended))
	m, _ := setup(envoyHere, envoyFar, lecturerHere, nominated, suspended)
	res, err := m.Match(context.Background(), matcher.Request{Kind: matcher.Village, Description: "茶树病虫害防治", Township: "江村乡"}, 10)
	if err != nil {
		t.Fatal(err)
	}
	var order []int64
	for _, c := range res.Candidates {
		order = append(order, c.Profile.Expert.ID)
	}
	if len(order) != 4 || order[0] != 1 {
		t.Fatalf("order %v: the admitted local envoy first, the suspended one excluded", order)
	}
	pos := map[int64]int{}
	for i, id := range order {
		pos[id] = i
	}
	if pos[2] > pos[3] && pos[4] < pos[1] {
		t.Fatalf("order %v", order)
	}
	if _, ok := pos[5]; ok {
		t.Fatal("suspended expert offered")
	}
}

func TestEmergencyHardFilterAndOnCall(t *testing.T) {
	onCallNear := profile(1, "360222204", []string{"地质灾害"}, member(talent.EmergencyExpert, talent.StatusAdmitted))
	onCallNear.Expert.EmergencyCategories = []talent.EmergencyCategory{talent.Geological}
	onCallNear.Expert.OnCall = true
	offCallNear := profile(2, "360222204", []string{"地质灾害"}, member(talent.EmergencyExpert, talent.StatusAdmitted))
	offCallNear.Expert.EmergencyCategories = []talent.EmergencyCategory{talent.Geological}
	floodOnly := profile(3, "360222204", []string{"防汛"}, member(talent.EmergencyExpert, talent.StatusAdmitted))
	floodOnly.Expert.EmergencyCategories = []talent.EmergencyCategory{talent.Flood}
	notInTeam := profile(4, "360222204", []string{"地质灾害", "滑坡"}, member(talent.ScienceEnvoy, talent.StatusAdmitted))
	m, fs := setup(onCallNear, offCallNear, floodOnly, notInTeam)
	res, err := m.Match(context.Background(), matcher.Request{Kind: matcher.Emergency, Description: "昨晚暴雨后山体出现裂缝，疑似滑坡", Township: "江村乡"}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if res.Category != talent.Geological {
		t.Fatalf("category inferred %q", res.Category)
	}
	if len(res.Candidates) != 2 || res.Candidates[0].Profile.Expert.ID != 1 || res.Candidates[1].Profile.Expert.ID != 2 {
		t.Fatalf("candidates %+v", res.Candidates)
	}
	for _, q := range fs.queries {
		if len(q.Filter.EmergencyCategories) != 1 || q.Filter.EmergencyCategories[0] != "GEOLOGICAL" || q.Filter.Registries[0] != "EMERGENCY_EXPERT" {
			t.Fatalf("search not hard-filtered: %+v", q.Filter)
		}
	}
}

func TestWorkloadAvailabilityAndTravel(t *testing.T) {
	busy := profile(1, "360222204", []string{"茶叶"}, member(talent.ScienceEnvoy, talent.StatusAdmitted))
	busy.EngagementsThisMonth = 4
	free := profile(2, "360222204", []string{"茶叶"}, member(talent.ScienceEnvoy, talent.StatusAdmitted))
	away := profile(3, "360222204", []string{"茶叶"}, member(talent.ScienceEnvoy, talent.StatusAdmitted))
	away.Expert.Availability.Unavailable = []talent.DateRange{{From: "2026-05-01", To: "2026-05-31"}}
	m, _ := setup(busy, free, away)
	res, _ := m.Match(context.Background(), matcher.Request{Kind: matcher.Village, Description: "茶叶", From: now(), To: now().AddDate(0, 0, 3)}, 10)
	if res.Candidates[0].Profile.Expert.ID != 2 {
		t.Fatalf("the free, available expert should lead: %+v", res.Candidates[0])
	}
	for _, c := range res.Candidates {
		for _, f := range c.Factors {
			if c.Profile.Expert.ID == 1 && f.Feature == "workload" && (f.Value != 0 || f.Note != "本月已安排 4/4 次") {
				t.Errorf("workload %+v", f)
			}
			if c.Profile.Expert.ID == 3 && f.Feature == "availability" && f.Value != 0 {
				t.Errorf("availability %+v", f)
			}
		}
	}
	lect := profile(4, "360222100", []string{"天文"}, &talent.Membership{Registry: talent.SeniorLecturer, Status: talent.StatusAdmitted, TravelMaxKm: 10})
	m, _ = setup(lect)
	res, _ = m.Match(context.Background(), matcher.Request{Kind: matcher.School, Description: "天文", Township: "西湖乡"}, 10)
	for _, f := range res.Candidates[0].Factors {
		if f.Feature == "place" && f.Value != 0 {
			t.Fatalf("beyond the lecturer's travel limit: %+v", f)
		}
	}
}

func TestBadRequestsAndOutage(t *testing.T) {
	m, fs := setup(profile(1, "", []string{"x"}))
	for _, r := range []matcher.Request{
		{Kind: "PARTY", Description: "x"},
		{Kind: matcher.School, Description: ""},
		{Kind: matcher.School, Description: string(make([]rune, 6000))},
		{Kind: matcher.School, Description: "x", Township: "火星"},
		{Kind: matcher.School, Description: "x", From: now(), To: now().AddDate(0, 0, -1)},
		{Kind: matcher.School, Description: "x", From: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Kind: matcher.School, Description: "x", To: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)},
	} {
		if _, err := m.Match(context.Background(), r, 5); err == nil {
			t.Errorf("accepted %+v", r.Kind)
		} else if _, ok := talent.AsList(err); !ok {
			t.Errorf("not a domain error: %v", err)
		}
	}
	fs.err = search.ErrUnavailable
	if _, err := m.Match(context.Background(), matcher.Request{Kind: matcher.School, Description: "天文"}, 5); !errors.Is(err, search.ErrUnavailable) {
		t.Fatalf("outage: %v", err)
	}
}

// A slip of the pinyin input method (编成 for 编程) still finds the
// programming teacher: the vocabulary word it sounds like is searched for
// and matched on the profile.
func TestHomophoneSlip(t *testing.T) {
	coder := profile(1, "360222204", []string{"少儿编程"}, member(talent.YouthTalent, talent.StatusAdmitted))
	tea := profile(2, "360222204", []string{"茶叶加工"}, member(talent.YouthTalent, talent.StatusAdmitted))
	m, fs := setup(coder, tea)
	res, err := m.Match(context.Background(), matcher.Request{Kind: matcher.School, Description: "学校成立了编成社团，想请人来上课"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Candidates) == 0 || res.Candidates[0].Profile.Expert.ID != 1 || !slices.Contains(res.Candidates[0].MatchedTerms, "编程") {
		t.Fatalf("candidates %+v", res.Candidates)
	}
	for _, c := range res.Candidates[1:] {
		if len(c.MatchedTerms) > 0 || c.Score >= res.Candidates[0].Score {
			t.Errorf("the tea expert matched %v, score %.3f", c.MatchedTerms, c.Score)
		}
	}
	var searched []string
	for _, term := range fs.queries[0].Terms {
		searched = append(searched, term.Text)
	}
	if !slices.Contains(searched, "编程") {
		t.Errorf("search terms %v lack the corrected word", searched)
	}
}

// Whoever cannot take the request as things stand — only nominated, or
// away for the whole window — comes after everyone who can, however well
// the text fits.
func TestCandidatesWhoCannotComeComeLast(t *testing.T) {
	strong := []string{"茶树病虫害", "茶园植保", "茶叶病害诊断"}
	nominated := profile(1, "360222204", strong, member(talent.ScienceEnvoy, talent.StatusNominated))
	away := profile(2, "360222204", strong, member(talent.ScienceEnvoy, talent.StatusAdmitted))
	away.Expert.Availability.Unavailable = []talent.DateRange{{From: "2026-05-01", To: "2026-06-30"}}
	weaker := profile(3, "360222204", []string{"茶树病虫害"}, member(talent.ScienceEnvoy, talent.StatusAdmitted))
	m, _ := setup(nominated, away, weaker)
	res, err := m.Match(context.Background(), matcher.Request{Kind: matcher.Village, Description: "茶树病虫害诊断",
		From: now().AddDate(0, 0, 3), To: now().AddDate(0, 0, 5)}, 5)
	if err != nil {
		t.Fatal(err)
	}
	order := laterOrder(t, res, 3)
	if len(order) != 3 || order[0] != 3 {
		t.Fatalf("order %v: the admitted, available expert first", order)
	}
}

// The category is read from everyday words when the requester gives none;
// something burning among trees or on a hillside is a forest fire.
func TestEmergencyCategoryInferred(t *testing.T) {
	m, _ := setup()
	for text, want := range map[string]talent.EmergencyCategory{
		"山上起火了":        talent.ForestFire,
		"后山的树烧起来了，火很大": talent.ForestFire,
		"山火蔓延":         talent.ForestFire,
		"居民楼三楼着火了":     talent.Fire,
		"连续暴雨，河水涨得很快":  talent.Flood,
		"请专家来一下":       "",
	} {
		res, err := m.Match(context.Background(), matcher.Request{Kind: matcher.Emergency, Description: text}, 5)
		if err != nil {
			t.Fatal(err)
		}
		if res.Category != want {
			t.Errorf("%s: category %q, want %q", text, res.Category, want)
		}
	}
}

// An incident whose words fit several categories as well (a gas leak in a
// kiln workshop: a chemical leak and a production accident) filters by all
// of them; an expert of the likeliest comes first, one of another is
// offered with the reason said; the rain before a landslide does not make
// it a flood.
func TestEmergencyCategoriesInferredTogether(t *testing.T) {
	chem := profile(1, "360222105", []string{"燃气泄漏处置"}, member(talent.EmergencyExpert, talent.StatusAdmitted))
	chem.Expert.EmergencyCategories = []talent.EmergencyCategory{talent.Chemical}
	safety := profile(2, "360222105", []string{"燃气泄漏处置"}, member(talent.EmergencyExpert, talent.StatusAdmitted))
	safety.Expert.EmergencyCategories = []talent.EmergencyCategory{talent.ProductionSafety}
	fire := profile(3, "360222105", []string{"燃气泄漏处置"}, member(talent.EmergencyExpert, talent.StatusAdmitted))
	fire.Expert.EmergencyCategories = []talent.EmergencyCategory{talent.Fire}
	m, fs := setup(chem, safety, fire)
	res, err := m.Match(context.Background(), matcher.Request{Kind: matcher.Emergency,
		Description: "瓷厂窑炉车间天然气泄漏，两名工人头晕", Township: "洪源镇"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	want := []talent.EmergencyCategory{talent.Chemical, talent.ProductionSafety}
	if res.Category != talent.Chemical || !slices.Equal(res.Categories, want) {
		t.Fatalf("categories %q / %q, want %q", res.Category, res.Categories, want)
	}
	for _, q := range fs.queries {
		if !slices.Equal(q.Filter.EmergencyCategories, []string{"CHEMICAL", "PRODUCTION_SAFETY"}) {
			t.Fatalf("filter %v", q.Filter.EmergencyCategories)
		}
	}
	if len(res.Candidates) != 2 || res.Candidates[0].Profile.Expert.ID != 1 || res.Candidates[1].Profile.Expert.ID != 2 {
		t.Fatalf("candidates %+v", res.Candidates)
	}
	for _, f := range res.Candidates[1].Factors {
		if f.Feature == matcher.FeatureRegistry && !strings.Contains(f.Note, "非危险化学品类") {
			t.Errorf("the registry note should say the category is not the likeliest: %q", f.Note)
		}
	}
	res, err = m.Match(context.Background(), matcher.Request{Kind: matcher.Emergency, Description: "昨晚暴雨后山体出现裂缝，疑似滑坡"}, 5)
	if err != nil || !slices.Equal(res.Categories, []talent.EmergencyCategory{talent.Geological}) {
		t.Fatalf("landslide after rain: %v %q", err, res.Categories)
	}
}

// A described situation brings in the subject profiles name (头盔, 大货车
// → 交通安全), below the request's own words; a village banquet is a
// food-safety emergency.
func TestTopicCues(t *testing.T) {
	m, _ := setup()
	res, err := m.Match(context.Background(), matcher.Request{Kind: matcher.School,
		Description: "孩子们放学坐电瓶车不戴头盔，村道上还有大货车"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	top, cued := 0.0, 0.0
	for _, term := range res.Terms {
		top = max(top, term.Weight)
		if term.Text == "交通安全" {
			cued = term.Weight
		}
	}
	if cued == 0 || cued >= top {
		t.Errorf("terms %v: want 交通安全 below the request's own words", res.Terms)
	}
	res, err = m.Match(context.Background(), matcher.Request{Kind: matcher.Emergency,
		Description: "昨天办喜酒，今早吃过酒的人上吐下泻，剩菜还留着"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if res.Category != talent.FoodSafety {
		t.Errorf("banquet: category %q, want FOOD_SAFETY", res.Category)
	}
}

// Asking for none returns none, and the request is still checked.
func TestAskingForNone(t *testing.T) {
	m, fs := setup(profile(1, "360222204", []string{"茶树病虫害"}, member(talent.ScienceEnvoy, talent.StatusAdmitted)))
	res, err := m.Match(context.Background(), matcher.Request{Kind: matcher.Village, Description: "茶树病虫害"}, 0)
	if err != nil || len(res.Candidates) != 0 || len(fs.queries) != 0 {
		t.Fatalf("first 0: %+v %v, %d searches", res, err, len(fs.queries))
	}
	if _, err := m.Match(context.Background(), matcher.Request{Kind: matcher.Village}, 0); talent.ErrorCode(err) != talent.CodeRequired {
		t.Fatalf("empty description with first 0: %v", err)
	}
}

// A candidate who fits the topic much less than the best (under the
// relevance floor) comes after every candidate who fits, even one who
// scores less (far, busy, on a roster that suits the kind less); one with
// nothing of the request on the profile is not offered.
func TestWeakFitsComeAfterEveryFit(t *testing.T) {
	best := profile(1, "360222206", []string{"茶树病虫害诊断", "茶园绿色防控", "茶叶加工", "茶叶品质", "包装"}, member(talent.ScienceEnvoy, talent.StatusAdmitted))
	fits := profile(4, "360222105", []string{"茶树病虫害诊断"}, member(talent.YouthTalent, talent.StatusAdmitted))
	fits.EngagementsThisMonth, fits.RatingMean, fits.RatingCount = 4, 2, 5
	weak := profile(2, "360222204", []string{"水稻栽培", "包装"}, member(talent.ScienceEnvoy, talent.StatusAdmitted))
	weak.RatingMean, weak.RatingCount = 5, 10
	none := profile(3, "360222204", []string{"水稻栽培"}, member(talent.ScienceEnvoy, talent.StatusAdmitted))
	m, fs := setup(best, fits, weak, none)
	fs.text[2] = 0.05 // the engine, too, finds one light word
	res, err := m.Match(context.Background(), matcher.Request{Kind: matcher.Village,
		Description: "茶树病虫害诊断，茶园绿色防控，茶叶加工和茶叶品质，顺带问问包装", Township: "江村乡"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	var order []int64
	score := map[int64]float64{}
	for _, c := range res.Candidates {
		order = append(order, c.Profile.Expert.ID)
		score[c.Profile.Expert.ID] = c.Score
		if c.Weak != (c.Profile.Expert.ID == 2) {
			t.Errorf("expert %d: Weak %v (matched %v)", c.Profile.Expert.ID, c.Weak, c.MatchedTerms)
		}
	}
	if !slices.Equal(order, []int64{1, 4, 2}) {
		t.Fatalf("order %v (scores %v), want the two who fit, then the weak one, and not the one with nothing in common", order, score)
	}
	if score[2] <= score[4] {
		t.Errorf("scores %v: the weak expert should score more than the busy, far one, or this test shows nothing", score)
	}
}

// When no profile has a word of the request, the engine's finds (a typo it
// tolerated, characters) are offered as the nearest there are, marked as
// not fitting the topic, rather than nobody.
func TestNearestWhenNothingMatches(t *testing.T) {
	m, _ := setup(profile(1, "360222204", []string{"食用菌栽培"}, member(talent.ScienceEnvoy, talent.StatusAdmitted)))
	res, err := m.Match(context.Background(), matcher.Request{Kind: matcher.Village, Description: "棒子发绿长霉"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Candidates) != 1 || !res.Candidates[0].Weak || len(res.Candidates[0].MatchedTerms) != 0 {
		t.Fatalf("candidates %+v", res.Candidates)
	}
}

// When the request's terms find nobody at all (水池 where the profile says
// 消毒设备), the request is read as plain search reads it, and what that
// finds is offered as the nearest there is.
func TestNearestWhenTermsFindNobody(t *testing.T) {
	m, fs := setup(profile(1, "360222204", []string{"消毒设备运维"}, member(talent.ScienceEnvoy, talent.StatusAdmitted)))
	fs.text[1] = 0 // no term of the request is on the profile
	res, err := m.Match(context.Background(), matcher.Request{Kind: matcher.Village, Description: "村里山上的水池该怎么打理"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Candidates) != 1 || !res.Candidates[0].Weak {
		t.Fatalf("candidates %+v", res.Candidates)
	}
	last := fs.queries[len(fs.queries)-1]
	if len(last.Terms) != 0 || !strings.Contains(last.Text, "水池") {
		t.Errorf("the fallback search was %+v, want the request's text", last)
	}
}

// An emergency team member only nominated or under review is offered after
// every admitted one (he cannot be called out yet), however near; a
// suspended or former member is not offered at all.
func TestEmergencyNominatedComeAfterAdmitted(t *testing.T) {
	mk := func(id int64, township string, st talent.MembershipStatus) *matcher.Profile {
		p := profile(id, township, []string{"山洪防御"}, member(talent.EmergencyExpert, st))
		p.Expert.EmergencyCategories = []talent.EmergencyCategory{talent.Flood}
		return p
	}
	far := mk(1, "360222206", talent.StatusAdmitted)
	near := mk(2, "360222204", talent.StatusNominated)
	review := mk(3, "360222204", talent.StatusUnderReview)
	gone := mk(4, "360222204", talent.StatusExited)
	held := mk(5, "360222204", talent.StatusSuspended)
	m, fs := setup(far, near, review, gone, held)
	res, err := m.Match(context.Background(), matcher.Request{Kind: matcher.Emergency, Description: "山洪下来了", Township: "江村乡",
		EmergencyCategory: talent.Flood}, 10)
	if err != nil {
		t.Fatal(err)
	}
	order := laterOrder(t, res, 1)
	if len(order) != 3 || order[0] != 1 || slices.Contains(order, 4) || slices.Contains(order, 5) {
		t.Fatalf("order %v: the admitted member first, then those not yet admitted, never the exited or suspended", order)
	}
	for _, q := range fs.queries {
		if slices.Contains(q.Filter.Statuses, "EXITED") || slices.Contains(q.Filter.Statuses, "SUSPENDED") || !slices.Contains(q.Filter.Statuses, "ADMITTED") {
			t.Fatalf("filter statuses %v", q.Filter.Statuses)
		}
	}
}

// The requester's own school is not what the request is about: a teacher
// there is not offered for it, the subject's expert is.
func TestOwnInstitutionIsNoTopic(t *testing.T) {
	colleague := profile(1, "360222100", []string{"语文教学"}, member(talent.YouthTalent, talent.StatusAdmitted))
	colleague.Expert.Organization = "浮梁镇中心小学"
	astronomer := profile(2, "360222204", []string{"天文观测"}, member(talent.SeniorLecturer, talent.StatusAdmitted))
	m, _ := setup(colleague, astronomer)
	res, err := m.Match(context.Background(), matcher.Request{Kind: matcher.School, Description: "我们中心小学想请人给孩子讲讲天文观测"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, term := range res.Terms {
		if term.Text == "中心小学" {
			t.Errorf("terms %v: the school's own name is a term", res.Terms)
		}
	}
	if len(res.Candidates) != 1 || res.Candidates[0].Profile.Expert.ID != 2 {
		t.Fatalf("candidates %+v", res.Candidates)
	}
}

// laterOrder returns the candidates' ids in rank order and checks that
// only expert canTake is not marked Later.
func laterOrder(t *testing.T, res *matcher.Result, canTake int64) []int64 {
	t.Helper()
	var order []int64
	for _, c := range res.Candidates {
		order = append(order, c.Profile.Expert.ID)
		if c.Later != (c.Profile.Expert.ID != canTake) {
			t.Errorf("expert %d: Later %v", c.Profile.Expert.ID, c.Later)
		}
	}
	return order
}

// A village asking about rocks falling behind its houses asks a
// geologist of the emergency team, who has the exact skill: registry fit
// as for an envoy, not as for a stranger to village work. A flood expert
// with the same words is not lifted.
func TestIncidentExpertsFitOtherKinds(t *testing.T) {
	geo := profile(1, "360222204", []string{"滑坡隐患排查"}, member(talent.EmergencyExpert, talent.StatusAdmitted))
	geo.Expert.EmergencyCategories = []talent.EmergencyCategory{talent.Geological}
	flood := profile(2, "360222204", []string{"滑坡隐患排查"}, member(talent.EmergencyExpert, talent.StatusAdmitted))
	flood.Expert.EmergencyCategories = []talent.EmergencyCategory{talent.Flood}
	m, _ := setup(geo, flood)
	registry := func(req matcher.Request) map[int64]float64 {
		res, err := m.Match(context.Background(), req, 5)
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64]float64{}
		for _, c := range res.Candidates {
			for _, f := range c.Factors {
				if f.Feature == matcher.FeatureRegistry {
					out[c.Profile.Expert.ID] = f.Value
				}
			}
		}
		return out
	}
	got := registry(matcher.Request{Kind: matcher.Village, Description: "村后山坡一下大雨就掉石头，墙上有裂缝，想请人看看滑坡隐患"})
	if got[1] < 0.85 || got[2] > 0.55 {
		t.Errorf("registry fit: geologist %.2f (want 0.9), flood expert %.2f (want 0.5)", got[1], got[2])
	}
	// Nothing of the category in the text: both as any emergency expert.
	got = registry(matcher.Request{Kind: matcher.Village, Description: "想请人讲讲隐患排查"})
	if got[1] != got[2] {
		t.Errorf("no incident described: registry fit %.2f and %.2f, want equal", got[1], got[2])
	}
}
