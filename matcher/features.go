package matcher

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/textproc"
)

// scored is a candidate, or an exclusion.
type scored struct {
	Candidate
	excluded bool
}

// Field weights for text relevance: what an expert is known for counts
// more than where they work or what their bio mentions in passing.
var fieldWeights = []struct {
	name   string
	weight float64
}{
	{"expertise", 1.0}, {"topics", 1.0}, {"fields", 0.9}, {"bio", 0.65}, {"topicTexts", 0.6},
	{"title", 0.5}, {"organization", 0.45},
}

// ProfileText holds a profile's normalised text. A Profiles implementation
// that keeps profiles between matches gives each kept profile one
// (&ProfileText{}), so that its text is normalised once, not on every
// match; it must be replaced when the profile changes. Nil works: the text
// is then normalised each time.
type ProfileText struct {
	once   sync.Once
	fields map[string]string
}

func (t *ProfileText) of(e *talent.Expert) map[string]string {
	if t == nil {
		return profileText(e)
	}
	t.once.Do(func() { t.fields = profileText(e) })
	return t.fields
}

// profileText is a profile's searchable text, normalised, per field.
func profileText(e *talent.Expert) map[string]string {
	var titles, texts []string
	for _, t := range e.LectureTopics {
		titles = append(titles, t.Title)
		texts = append(texts, t.Abstract)
	}
	norm := func(parts ...string) string { return textproc.Normalize(strings.Join(parts, " | ")) }
	return map[string]string{
		"expertise":    norm(e.Expertise...),
		"topics":       norm(titles...),
		"fields":       norm(e.Fields...),
		"bio":          norm(e.Bio),
		"topicTexts":   norm(texts...),
		"title":        norm(e.Title),
		"organization": norm(e.Organization),
	}
}

// coverage is the weighted share of request terms found in the given
// fields, each term counted at its best field, synonyms a little less.
// It returns the profile-side words that matched, heaviest first.
func coverage(q query, text map[string]string, fields map[string]bool) (float64, []string) {
	total, got := 0.0, 0.0
	var matched []string
	seen := map[string]bool{}
	for i, t := range q.terms {
		total += t.Weight
		best, bestWord := 0.0, ""
		for _, fw := range fieldWeights {
			if fields != nil && !fields[fw.name] {
				continue
			}
			s := text[fw.name]
			if s == "" {
				continue
			}
			for _, v := range q.variants[i] {
				f := fw.weight * v.factor
				if f <= best {
					continue
				}
				if v.parts != nil {
					all := true
					for _, part := range v.parts {
						all = all && contains(s, part)
					}
					if all {
						best, bestWord = f, strings.Join(v.parts, "")
					}
				} else if contains(s, v.text) {
					best, bestWord = f, v.text
				}
			}
		}
		got += t.Weight * best
		if bestWord != "" && !seen[bestWord] {
			seen[bestWord] = true
			matched = append(matched, bestWord)
		}
	}
	if total == 0 {
		return 0, nil
	}
	return got / total, matched
}

// contains matches Chinese words as substrings (segmentation of a profile
// and of a request can differ; 釉面 must match 釉面起泡) and Latin words as
// whole words (ai must not match maintain).
func contains(s, w string) bool {
	if w == "" {
		return false
	}
	if !isLatin(w) {
		return strings.Contains(s, w)
	}
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || !isAlnum(s[j-1])
		after := j+len(w) == len(s) || !isAlnum(s[j+len(w)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isLatin(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// kindFit is how well a registry's members suit a kind of request.
var kindFit = map[Kind]map[talent.Registry]float64{
	School:     {talent.SeniorLecturer: 1, talent.YouthTalent: 0.75, talent.EmergencyExpert: 0.7, talent.ScienceEnvoy: 0.5},
	Village:    {talent.ScienceEnvoy: 1, talent.SeniorLecturer: 0.7, talent.YouthTalent: 0.6, talent.EmergencyExpert: 0.5},
	Enterprise: {talent.ScienceEnvoy: 1, talent.YouthTalent: 0.85, talent.SeniorLecturer: 0.6, talent.EmergencyExpert: 0.5},
	Emergency:  {talent.EmergencyExpert: 1},
}

var statusFit = map[talent.MembershipStatus]float64{
	talent.StatusAdmitted: 1, talent.StatusUnderReview: 0.5, talent.StatusNominated: 0.4,
}

// noMembershipFit is the registry value of an expert on no roster yet.
const noMembershipFit = 0.2

// otherCategoryFit scales the registry fit of an emergency expert who has
// one of the categories inferred for an incident but not the likeliest.
const otherCategoryFit = 0.6

func (m *Matcher) score(req Request, q query, p *Profile, engine float64) scored {
	e := p.Expert
	w := m.weights[req.Kind]
	var out scored
	var factors []Factor
	addF := func(feature string, value float64, note string) {
		if w[feature] <= 0 {
			return
		}
		factors = append(factors, Factor{Feature: feature, Weight: w[feature], Value: clamp01(value), Note: note})
	}

	// Registry fit, and exclusions: people suspended or gone from every
	// roster they were on are not offered. Only an admitted member can be
	// invited (dispatch.Qualify), so people merely nominated or under review
	// come after every candidate who can (Later).
	regValue, regNote, active, admitted := 0.0, "", len(p.Memberships) == 0, false
	if len(p.Memberships) == 0 {
		regValue, regNote = noMembershipFit, "尚未加入任何人才库"
	}
	for _, ms := range p.Memberships {
		switch ms.Status {
		case talent.StatusAdmitted:
			active, admitted = true, true
		case talent.StatusNominated, talent.StatusUnderReview:
			active = true
		}
		fit := kindFit[req.Kind][ms.Registry] * statusFit[ms.Status]
		if ms.Registry == talent.YouthTalent && req.Kind == School && lecturesTo(e, q.audience) {
			fit = math.Max(fit, 0.9*statusFit[ms.Status])
		}
		if ms.Registry == talent.EmergencyExpert && hasAnyCategory(e, q.incident) {
			fit = math.Max(fit, incidentFit*statusFit[ms.Status])
		}
		if fit > regValue || regNote == "" {
			regValue = fit
			regNote = talent.Label(talent.Registries, string(ms.Registry))
			if ms.Status != talent.StatusAdmitted {
				regNote += "（" + talent.Label(talent.MembershipStatuses, string(ms.Status)) + "）"
			}
		}
	}
	if !active {
		out.excluded = true
		return out
	}
	out.Later = !admitted
	if req.Kind == Emergency {
		// A member of the emergency team, of the category. One only
		// nominated or under review cannot be called out yet: offered after
		// every admitted member, as elsewhere (Later).
		member, callable := false, false
		for _, ms := range p.Memberships {
			if ms.Registry != talent.EmergencyExpert {
				continue
			}
			switch ms.Status {
			case talent.StatusAdmitted:
				member, callable = true, true
			case talent.StatusNominated, talent.StatusUnderReview:
				member = true
			}
		}
		anyCat := len(q.categories) == 0
		for _, c := range q.categories {
			anyCat = anyCat || hasCategory(e, c)
		}
		if !member || !anyCat {
			out.excluded = true
			return out
		}
		out.Later = !callable
		// An inferred category is a guess: the likeliest one counts for
		// more than the others inferred.
		if q.inferredCat && !hasCategory(e, q.category) {
			regValue *= otherCategoryFit
			regNote += "（非" + talent.Label(talent.EmergencyCategories, string(q.category)) + "类）"
		}
	}

	// Text relevance: our own coverage on the profile, blended with the
	// engine's score so that term frequencies the engine saw still count.
	if len(q.terms) > 0 {
		text := p.Text.of(e)
		cov, matched := coverage(q, text, nil)
		out.MatchedTerms = matched
		note := "未匹配到需求关键词"
		if len(matched) > 0 {
			note = "匹配：" + strings.Join(firstN(matched, 5), "、")
		}
		addF(FeatureText, 0.75*cov+0.25*engine, note)
		if len(e.LectureTopics) > 0 {
			tcov, tm := coverage(q, text, map[string]bool{"topics": true, "topicTexts": true})
			note := "讲座主题未涉及"
			if len(tm) > 0 {
				note = "讲座主题吻合：" + topicFor(e, tm)
			}
			addF(FeatureTopic, tcov, note)
		} else {
			addF(FeatureTopic, 0, "无讲座主题")
		}
	}
	addF(FeatureRegistry, regValue, regNote)

	if q.audience != "" {
		v, note := audienceFit(e, q.audience)
		if q.inferredAud {
			note += "（按需求推断受众为" + talent.Label(talent.Audiences, string(q.audience)) + "）"
		}
		addF(FeatureAudience, v, note)
	}
	if req.Township != "" {
		v, note, tooFar := placeFit(e, p.Memberships, req.Township)
		if tooFar && req.Kind != Emergency {
			v = 0
		}
		addF(FeaturePlace, v, note)
	}
	if !req.From.IsZero() || !req.To.IsZero() {
		v, note := availabilityFit(e, req.From, req.To)
		addF(FeatureAvailability, v, note)
		if v == 0 {
			out.Later = true // cannot come on any day asked for
		}
	}
	{
		cap := e.MaxEngagementsPerMonth
		switch {
		case cap == 0:
			addF(FeatureWorkload, 0, "暂不接受安排（每月上限为0）")
		default:
			addF(FeatureWorkload, 1-float64(p.EngagementsThisMonth)/float64(cap), fmt.Sprintf("本月已安排 %d/%d 次", p.EngagementsThisMonth, cap))
		}
	}
	if p.RatingCount == 0 {
		addF(FeatureRating, ratingPrior, "暂无评价")
	} else {
		v := (ratingPrior*ratingShrink + (p.RatingMean-1)/4*float64(p.RatingCount)) / (ratingShrink + float64(p.RatingCount))
		addF(FeatureRating, v, fmt.Sprintf("%d 次评价，平均 %.1f 分", p.RatingCount, p.RatingMean))
	}
	if req.Kind == Emergency {
		if e.OnCall {
			addF(FeatureOnCall, 1, "正在值守")
		} else {
			addF(FeatureOnCall, 0.3, "未在值守")
		}
	}

	sum := 0.0
	for _, f := range factors {
		sum += f.Weight
	}
	for i := range factors {
		factors[i].Weight /= sum
		factors[i].Contribution = factors[i].Weight * factors[i].Value
		out.Score += factors[i].Contribution
	}
	out.Profile, out.Factors = p, factors
	return out
}

// Ratings are shrunk toward a neutral prior so that one 5-star review does
// not outrank twenty 4.8s.
const (
	ratingPrior  = 0.6
	ratingShrink = 2.0
)

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

func firstN(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// topicFor names the lecture topic that matched best, for the note.
func topicFor(e *talent.Expert, matched []string) string {
	best, bestN := "", 0
	for _, t := range e.LectureTopics {
		s := textproc.Normalize(t.Title + " " + t.Abstract)
		n := 0
		for _, w := range matched {
			if contains(s, w) {
				n++
			}
		}
		if n > bestN {
			best, bestN = t.Title, n
		}
	}
	if best == "" {
		return strings.Join(firstN(matched, 3), "、")
	}
	return best
}

func hasCategory(e *talent.Expert, c talent.EmergencyCategory) bool {
	for _, x := range e.EmergencyCategories {
		if x == c {
			return true
		}
	}
	return false
}

func hasAnyCategory(e *talent.Expert, cs []talent.EmergencyCategory) bool {
	for _, c := range cs {
		if hasCategory(e, c) {
			return true
		}
	}
	return false
}

// incidentFit is the registry fit of an emergency expert for a request of
// another kind about their category: 后山一下雨就掉石头 asks a village's
// question of a geologist on the emergency team, who has the exact skill.
const incidentFit = 0.9

func lecturesTo(e *talent.Expert, a talent.Audience) bool {
	if len(e.LectureTopics) == 0 {
		return false
	}
	if a == "" {
		return true
	}
	v, _ := audienceFit(e, a)
	return v >= 1
}

// related audiences: a talk for one often suits the other.
var related = map[talent.Audience][]talent.Audience{
	talent.PrimarySchool:   {talent.MiddleSchool},
	talent.MiddleSchool:    {talent.PrimarySchool, talent.HighSchool},
	talent.HighSchool:      {talent.MiddleSchool},
	talent.Farmers:         {talent.Public, talent.Elderly},
	talent.Elderly:         {talent.Public, talent.Farmers},
	talent.Public:          {talent.Farmers, talent.Elderly, talent.EnterpriseStaff, talent.Officials},
	talent.EnterpriseStaff: {talent.Public},
	talent.Officials:       {talent.Public},
}

func audienceFit(e *talent.Expert, a talent.Audience) (float64, string) {
	all := append([]talent.Audience(nil), e.Audiences...)
	for _, t := range e.LectureTopics {
		all = append(all, t.Audiences...)
	}
	label := talent.Label(talent.Audiences, string(a))
	if len(all) == 0 {
		return 0.4, "未注明服务受众"
	}
	for _, x := range all {
		if x == a {
			return 1, "面向" + label
		}
	}
	for _, x := range all {
		for _, r := range related[a] {
			if x == r {
				return 0.5, "面向" + talent.Label(talent.Audiences, string(x)) + "（相近受众）"
			}
		}
	}
	return 0.1, "未面向" + label
}

// placeKm is the distance at which place stops counting: the county is
// about 60 km across.
const placeKm = 50.0

func placeFit(e *talent.Expert, ms []*talent.Membership, township string) (v float64, note string, tooFar bool) {
	name := talent.TownshipName(township)
	if e.Township == township {
		return 1, "同在" + name, false
	}
	for _, s := range e.ServiceTownships {
		if s == township {
			return 1, "服务乡镇含" + name, false
		}
	}
	d := -1.0
	for _, from := range append([]string{e.Township}, e.ServiceTownships...) {
		if x := talent.DistanceKm(from, township); x >= 0 && (d < 0 || x < d) {
			d = x
		}
	}
	if d < 0 {
		return 0.4, "未注明所在乡镇", false
	}
	for _, m := range ms {
		if m.Registry == talent.SeniorLecturer && m.TravelMaxKm > 0 && d > float64(m.TravelMaxKm) {
			return 0, fmt.Sprintf("距%s约%.0f公里，超出出行范围（%d公里）", name, d, m.TravelMaxKm), true
		}
	}
	return 1 - d/placeKm, fmt.Sprintf("距%s约%.0f公里", name, d), false
}

// maxWindowDays bounds the days checked for availability.
const maxWindowDays = 62

func availabilityFit(e *talent.Expert, from, to time.Time) (float64, string) {
	if from.IsZero() {
		from = to
	}
	if to.IsZero() {
		to = from
	}
	days, free := 0, 0
	for d := from; !d.After(to) && days < maxWindowDays; d = d.AddDate(0, 0, 1) {
		days++
		if e.Availability.AvailableOn(d) {
			free++
		}
	}
	if free == 0 {
		return 0, "所选时间内不可服务"
	}
	if free == days {
		return 1, "所选时间内均可服务"
	}
	return 0.6 + 0.4*float64(free)/float64(days), fmt.Sprintf("所选时间内有 %d 天可服务", free)
}
