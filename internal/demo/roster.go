package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/fuliang/talent/internal/talent"
)

// refYear is the year the roster describes. Ages, retirement years and record
// dates are computed from it rather than from the clock, so that the roster
// is the same whenever it is generated.
const refYear = 2026

// lastRecordDate bounds envoy service logs: the store refuses logs dated in
// the future, and the roster must load on any day after it was frozen.
const lastRecordDate = "2026-10-31"

// Roster generates the demo roster for seed. Roster(EvalSeed) is the roster
// testdata/eval was judged against.
func Roster(seed uint64) *Data {
	g := &gen{rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)), used: map[string]bool{}}
	d := &Data{Seed: seed, Organizations: organizations()}
	for i := range catalogue {
		t := &catalogue[i]
		for _, s := range t.slots {
			for range s.n {
				d.Experts = append(d.Experts, g.person(t, s, false))
			}
		}
	}
	// A roster is not sorted by speciality: shuffle before numbering so that
	// neighbouring ids say nothing about who is who.
	g.rng.Shuffle(len(d.Experts), func(i, j int) { d.Experts[i], d.Experts[j] = d.Experts[j], d.Experts[i] })
	for i, e := range d.Experts {
		e.Expert.ExternalID = fmt.Sprintf("DEMO-%04d", i+1)
	}
	g.assignStatuses(d)
	for _, e := range d.Experts {
		g.records(e, d.Organizations)
	}
	return d
}

type gen struct {
	rng  *rand.Rand
	used map[string]bool // names taken; nil when names may repeat (synthetic rosters)
}

func (g *gen) pick(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[g.rng.IntN(len(list))]
}

func (g *gen) chance(p float64) bool { return g.rng.Float64() < p }

// some picks between lo and hi distinct items of list, in list order (so
// that a profile's keywords keep the template's natural order).
func (g *gen) some(list []string, lo, hi int) []string {
	if hi > len(list) {
		hi = len(list)
	}
	if lo > hi {
		lo = hi
	}
	n := lo
	if hi > lo {
		n += g.rng.IntN(hi - lo + 1)
	}
	idx := g.rng.Perm(len(list))[:n]
	sort.Ints(idx)
	out := make([]string, 0, n)
	for _, i := range idx {
		if !slices.Contains(out, list[i]) {
			out = append(out, list[i])
		}
	}
	return out
}

// verbosity is how much the clerk typed.
type verbosity int

const (
	sparse verbosity = iota // a title and a few keywords
	normal
	long
)

func (g *gen) verbosity() verbosity {
	switch r := g.rng.Float64(); {
	case r < 0.15:
		return sparse
	case r < 0.78:
		return normal
	default:
		return long
	}
}

func (g *gen) birthYear(st stage) int {
	switch st {
	case young:
		return 1989 + g.rng.IntN(13) // 1989–2001
	case mid:
		return 1966 + g.rng.IntN(23) // 1966–1988
	case late:
		return 1961 + g.rng.IntN(8) // 1961–1968
	default:
		return 1946 + g.rng.IntN(20) // 1946–1965
	}
}

// isSeniorTitle reports a 副高 or 正高 title, which nobody holds in their
// twenties.
func isSeniorTitle(t string) bool {
	for _, p := range []string{"高级", "正高", "副教授", "教授", "副研究员", "研究员", "主任", "正研"} {
		if strings.Contains(t, p) && !strings.Contains(t, "助理研究员") {
			return true
		}
	}
	return false
}

// title picks a 职称 fitting the person's career stage from the employer's
// titles when it names any, else from the template's. Seniority is read from
// the title itself, so a template may list 高级工程师 among its young titles
// for the few who earn it early.
func (g *gen) title(t *template, o org, st stage, born, work int) string {
	pool := append(append([]string{}, t.junior...), t.senior...)
	if len(o.titles) > 0 {
		pool = o.titles
	}
	var junior, senior []string
	for _, x := range pool {
		switch {
		case isFullSeniorTitle(x) && refYear-born < 45:
			// 正高 takes decades: nobody under 45 holds one here.
		case isSeniorTitle(x):
			senior = append(senior, x)
		case x != "" || len(pool) == 1:
			junior = append(junior, x)
		}
	}
	if len(o.titles) == 0 && len(t.junior) == 0 {
		junior = nil // the template says: only senior titles (or none) for this kind
	}
	career := refYear - work
	switch {
	case st == young && career < 4:
		// Fresh graduates hold an entry title, or none yet.
		var entry []string
		for _, x := range junior {
			if isEntryTitle(x) {
				entry = append(entry, x)
			}
		}
		if len(entry) == 0 || g.chance(0.3) {
			return ""
		}
		return g.pick(entry)
	case st == young:
		if refYear-born >= 35 && len(senior) > 0 && g.chance(0.2) {
			return g.pick(senior)
		}
		return g.pick(junior)
	case st == mid && len(junior) > 0 && (len(senior) == 0 || born >= 1983 && g.chance(0.6)):
		return g.pick(junior)
	case len(senior) > 0:
		return g.pick(senior)
	default:
		return g.pick(junior)
	}
}

// isFullSeniorTitle reports a 正高 title (教授, 主任医师, 研究员…), as
// opposed to a 副高 one (副教授, 副主任医师, 高级工程师…).
func isFullSeniorTitle(t string) bool {
	if strings.Contains(t, "副") || strings.Contains(t, "助理") {
		return false
	}
	for _, p := range []string{"正高", "正研", "教授", "研究员", "主任医师", "主任中医师", "主任药师", "主任护师"} {
		if strings.Contains(t, p) {
			return true
		}
	}
	return false
}

// isEntryTitle reports a 初级 title.
func isEntryTitle(t string) bool {
	if strings.Contains(t, "助理研究员") {
		return false
	}
	for _, p := range []string{"助理", "二级", "住院", "技术员"} {
		if strings.Contains(t, p) {
			return true
		}
	}
	return t == "药师" || t == "护师" || t == "医师" || t == "中医师" || t == "检验师"
}

// isLeadPost reports a leadership post (主任, 站长, 经理…), which people
// under 35 rarely hold.
func isLeadPost(p string) bool {
	for _, x := range []string{"主任", "长", "经理", "总监", "总工", "理事", "负责人", "教导员", "督学", "馆长", "会长", "主席", "导师"} {
		if strings.Contains(p, x) {
			return true
		}
	}
	return false
}

// workStart is the year someone with this education started work.
func (g *gen) workStart(born int, edu string) int {
	off := 22
	switch edu {
	case "博士研究生":
		off = 28
	case "硕士研究生":
		off = 25
	case "大专":
		off = 21
	case "中专", "高中":
		off = 19
	case "初中":
		off = 17
	}
	return min(born+off+g.rng.IntN(2), refYear)
}

// person draws one expert of template t in slot s. synthetic skips the
// parts only the demo roster needs (unique names).
func (g *gen) person(t *template, s slot, synthetic bool) *Entry {
	female := g.chance(t.female)
	born := g.birthYear(s.stage)
	retired := s.stage == senior
	if s.stage == late {
		age := 60
		if female {
			age = 55
		}
		retired = born+age <= refYear-1 && g.chance(0.5)
	}
	st := s.stage
	if st == late {
		st = mid // name fashion
		if born < 1966 {
			st = senior
		}
	}
	used := g.used
	if synthetic {
		used = nil
	}
	nm := name(g.rng, st, female, used)

	// Home township and employer.
	home := g.pick(t.homes)
	if home == "" {
		home = talent.Townships[g.rng.IntN(len(talent.Townships))].Name
	}
	o := t.orgs[g.rng.IntN(len(t.orgs))]
	township := home
	switch o.town {
	case "":
	case "-":
		// A Jingdezhen city institution: some clerks leave the township
		// blank, others record where the person lives or serves.
		if g.chance(0.5) {
			township = ""
		}
	default:
		if g.chance(0.85) {
			township = o.town
		}
	}
	orgName := strings.ReplaceAll(o.name, "{town}", home)
	edus := t.edu
	if len(o.edu) > 0 {
		edus = o.edu
	}
	edu := g.pick(edus)
	work := g.workStart(born, edu)
	title := g.title(t, o, s.stage, born, work)
	posts := t.posts
	if len(o.posts) > 0 {
		posts = o.posts
	}
	post := g.pick(posts)
	if isLeadPost(post) && refYear-born < 35 {
		post = ""
	}

	v := g.verbosity()
	e := &talent.Expert{Name: nm, BirthYear: born, Title: title, Organization: orgName}
	if female {
		e.Gender = talent.Female
	} else {
		e.Gender = talent.Male
	}
	if township != "" {
		tw, _ := talent.LookupTownship(township)
		e.Township = tw.Code
	}
	// Sparse entries miss fields a careful clerk would fill in.
	if v == sparse && g.chance(0.4) {
		e.BirthYear = 0
		if slices.Contains(s.regs, rYT) {
			e.BirthYear = born // the youth pool requires it
		}
	}
	if v == sparse && g.chance(0.3) {
		e.Gender = ""
	}

	in := func(r talent.Registry) bool { return slices.Contains(s.regs, r) }
	switch v {
	case sparse:
		e.Fields = g.some(t.fields, 1, 1)
		e.Expertise = g.some(t.skills, 2, 3)
	case normal:
		e.Fields = g.some(t.fields, 1, 2)
		e.Expertise = g.some(t.skills, 3, 6)
	default:
		e.Fields = g.some(t.fields, 2, 3)
		e.Expertise = g.some(t.skills, 5, 9)
	}
	if in(rEE) {
		e.EmergencyCategories = []talent.EmergencyCategory{t.categories[0]}
		if len(t.categories) > 1 && g.chance(0.45) {
			e.EmergencyCategories = append(e.EmergencyCategories, t.categories[1+g.rng.IntN(len(t.categories)-1)])
		}
	}

	e.ServiceTownships = g.serviceTownships(e.Township, s.regs, o.town == county)
	e.Bio = g.bio(t, o, v, bioFacts{name: nm, female: female, born: born, title: title, org: orgName, post: post,
		edu: edu, work: work, home: home, retired: retired, regs: s.regs, service: e.ServiceTownships})
	e.LectureTopics = g.topics(t, v, s.regs)
	switch {
	case v == sparse && g.chance(0.5):
	default:
		e.Audiences = dedupeAud(g.someAud(t.audiences, 1, 3))
	}
	e.Availability = g.availability(s.stage, retired, in(rEE), t.key)
	e.MaxEngagementsPerMonth = g.monthCap(s.regs, retired)

	entry := &Entry{Expert: e, Kind: t.key, work: work}
	for _, r := range s.regs {
		m := Membership{Registry: r, Status: talent.StatusAdmitted}
		if r == rSL && g.chance(0.6) {
			m.TravelMaxKm = []int{20, 30, 50, 0, 30}[g.rng.IntN(5)]
			m.TravelNote = g.pick([]string{"", "需专车接送", "行动不便，仅限县城周边", "可自行驾车前往", "夏季高温时段不外出", "需提前一周联系"})
			if m.TravelNote == "行动不便，仅限县城周边" {
				m.TravelMaxKm = 15
			}
		}
		entry.Memberships = append(entry.Memberships, m)
	}
	return entry
}

func (g *gen) someAud(list []talent.Audience, lo, hi int) []talent.Audience {
	s := make([]string, len(list))
	for i, a := range list {
		s[i] = string(a)
	}
	var out []talent.Audience
	for _, a := range g.some(s, lo, hi) {
		out = append(out, talent.Audience(a))
	}
	return out
}

func dedupeAud(in []talent.Audience) []talent.Audience {
	var out []talent.Audience
	for _, a := range in {
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// nearest returns the other townships ordered by distance from code.
func nearest(code string) []string {
	type d struct {
		code string
		km   float64
	}
	var all []d
	for _, t := range talent.Townships {
		if t.Code != code {
			all = append(all, d{t.Code, talent.DistanceKm(code, t.Code)})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].km != all[j].km {
			return all[i].km < all[j].km
		}
		return all[i].code < all[j].code
	})
	out := make([]string, len(all))
	for i, x := range all {
		out[i] = x.code
	}
	return out
}

// serviceTownships: envoys serve their own and nearby townships; county
// emergency experts usually cover the whole county (left empty); lecturers
// sometimes name the townships they will travel to.
func (g *gen) serviceTownships(home string, rs []talent.Registry, countyOrg bool) []string {
	if home == "" {
		if slices.Contains(rs, rSE) {
			// A city-based envoy still serves somewhere in the county.
			home = talent.Townships[g.rng.IntN(len(talent.Townships))].Code
		} else {
			return nil
		}
	}
	near := nearest(home)
	var out []string
	switch {
	case slices.Contains(rs, rSE):
		out = append(out, home)
		for _, i := range g.rng.Perm(5)[:1+g.rng.IntN(3)] {
			out = append(out, near[i])
		}
	case slices.Contains(rs, rEE):
		if countyOrg && g.chance(0.6) {
			return nil
		}
		out = append(out, home)
		for _, i := range g.rng.Perm(6)[:1+g.rng.IntN(3)] {
			out = append(out, near[i])
		}
	case g.chance(0.3):
		out = append(out, home)
		for _, i := range g.rng.Perm(4)[:g.rng.IntN(3)] {
			out = append(out, near[i])
		}
	}
	return out
}

type bioFacts struct {
	name, title, org, post, edu, home string
	female, retired                   bool
	born, work                        int // birth year, year work started
	regs                              []talent.Registry
	service                           []string
}

var (
	parties = []string{"中共党员", "中共党员", "中共党员", "九三学社社员", "农工党党员", "民盟盟员"}
	months  = []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}
)

// joinParts joins the non-empty parts with Chinese commas.
func joinParts(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "，")
}

// intro is the opening sentence clerks write, in one of the styles seen in
// real rosters: a full personal line, a short employer line, or a retiree
// line.
func (g *gen) intro(t *template, f bioFacts) string {
	sex := "男"
	if f.female {
		sex = "女"
	}
	party := ""
	if g.chance(0.35) {
		party = parties[g.rng.IntN(3)]
		if g.chance(0.2) {
			party = g.pick(parties[3:])
		}
	}
	edu := ""
	if f.edu != "" && g.chance(0.6) {
		edu = f.edu + "学历"
	}
	if f.retired {
		retireAge := 60
		if f.female {
			retireAge = 55
		}
		switch g.rng.IntN(3) {
		case 0:
			was := "原" + f.org + f.post
			if f.post == "" {
				was = "退休前在" + f.org + "工作"
			}
			return joinParts(f.name, sex, fmt.Sprintf("%d年生", f.born), party, f.title,
				was, fmt.Sprintf("%d年退休", min(f.born+retireAge, refYear-1))) + "。"
		case 1:
			return joinParts("原"+f.org+f.title, "已退休") + "。"
		default:
			if f.post != "" {
				return joinParts(fmt.Sprintf("%d年出生", f.born), "退休前任"+f.org+f.post, f.title) + "。"
			}
			return joinParts(fmt.Sprintf("%d年出生", f.born), "退休前在"+f.org+"工作", f.title) + "。"
		}
	}
	// "现任" needs a post to be grammatical: "现任县林业局营林股股长".
	job := "现就职于" + f.org
	if f.post != "" {
		job = "现任" + f.org + f.post
	} else if g.chance(0.5) {
		job = "现在" + f.org + "工作"
	}
	switch g.rng.IntN(4) {
	case 0:
		return joinParts(f.name, sex, fmt.Sprintf("%d年%s月生", f.born, g.pick(months)), party, edu, f.title, job) + "。"
	case 1:
		return joinParts(fmt.Sprintf("%d年出生", f.born), edu, f.title,
			fmt.Sprintf("%d年参加工作", f.work), job) + "。"
	case 2:
		return joinParts(job, f.title) + "。"
	default:
		switch {
		case f.post != "":
			return joinParts(f.org+f.post, f.title) + "。"
		case f.title != "":
			return f.org + f.title + "。"
		}
		return "现就职于" + f.org + "。"
	}
}

func (g *gen) bio(t *template, o org, v verbosity, f bioFacts) string {
	if v == sparse {
		if g.chance(0.5) {
			return ""
		}
		return g.intro(t, f)
	}
	var s []string
	if g.chance(0.85) {
		s = append(s, g.intro(t, f))
	}
	n := 1 + g.rng.IntN(2)
	if v == long {
		n = 3 + g.rng.IntN(2)
	}
	// Who the person is comes first: their persona, then what their
	// employer has them do, then the kind's common ground.
	var body []string
	if len(t.persona) > 0 {
		p := fitting(t.persona[g.rng.IntN(len(t.persona))], f)
		body = append(body, g.some(p, 1, len(p))...)
	}
	if ob := fitting(o.bio, f); len(ob) > 0 && g.chance(0.85) {
		body = append(body, g.some(ob, 1, len(ob))...)
	}
	if rest := n - len(body); rest > 0 {
		body = append(body, g.some(fitting(t.bio, f), rest, rest)...)
	}
	for _, x := range body {
		s = append(s, strings.ReplaceAll(x, "{town}", f.home))
	}
	if f.retired {
		if r := fitting(t.retired, f); len(r) > 0 {
			s = append(s, g.pick(r))
		}
	}
	if slices.Contains(f.regs, rEE) && len(t.emerg) > 0 && g.chance(0.8) {
		s = append(s, g.pick(fitting(t.emerg, f)))
	}
	if h := fitting(t.honours, f); len(h) > 0 && refYear-f.work >= 3 && (v == long && g.chance(0.7) || g.chance(0.25)) {
		s = append(s, g.pick(h))
	}
	switch {
	case slices.Contains(f.regs, rSE) && len(f.service) > 0 && g.chance(0.5):
		var names []string
		for _, c := range f.service[:min(2, len(f.service))] {
			names = append(names, talent.TownshipName(c))
		}
		since := min(max(2016, f.work+1)+g.rng.IntN(4), refYear-1)
		// Ten or so trainings a year, rounded the way clerks round.
		trainings := max(1, (refYear-since)*(6+g.rng.IntN(10))/10) * 10
		s = append(s, fmt.Sprintf("自%d年起担任%s科技特派员，常年服务%s等地，累计开展技术培训%d余场次。",
			since, g.pick([]string{"省级", "市级", "县级", "县级"}), strings.Join(names, "、"), trainings))
	case slices.Contains(f.regs, rSL) && f.retired && g.chance(0.4):
		s = append(s, fmt.Sprintf("加入县老专家科普报告团以来，累计开展科普讲座%d余场。", 20+g.rng.IntN(10)*10))
	}
	return strings.Join(s, "")
}

// seniority lists claims of years of experience found in template
// sentences, longest first, with the years each claims.
var seniority = []struct {
	text  string
	years int
}{
	{"四十", 38}, {"近三十", 27}, {"三十", 28}, {"近二十", 17}, {"二十", 18}, {"十五年", 14}, {"十余年", 10}, {"十年", 10},
}

// fitting keeps the sentences f's person can say: markers ("Y|" under 36,
// "O|" over 40, "F|" women, "M|" men, "R|" retired, "W|" working) are
// honoured and stripped, and a claim of more years of work than the person
// can have had ("三十余年" at thirty, "长期" in the first years) drops the
// sentence.
func fitting(pool []string, f bioFacts) []string {
	age := refYear - f.born
	career := refYear - f.work
	var out []string
	for _, s := range pool {
		ok := true
		if len(s) > 2 && s[1] == '|' {
			switch s[0] {
			case 'Y':
				ok = age < 36
			case 'O':
				ok = age > 40
			case 'F':
				ok = f.female
			case 'M':
				ok = !f.female
			case 'R':
				ok = f.retired
			case 'W':
				ok = !f.retired
			}
			s = s[2:]
		}
		for _, c := range seniority {
			if strings.Contains(s, c.text) {
				ok = ok && career >= c.years
				break
			}
		}
		if career < 5 && (strings.Contains(s, "长期") || strings.Contains(s, "多年") || strings.Contains(s, "主持")) {
			ok = false
		}
		if ok {
			out = append(out, s)
		}
	}
	return out
}

// topics: lecturers keep a catalogue; others list a talk or two now and
// then (emergency experts more often: popular science is part of the job).
func (g *gen) topics(t *template, v verbosity, rs []talent.Registry) []talent.LectureTopic {
	if len(t.topics) == 0 {
		return nil
	}
	n := 0
	switch {
	case slices.Contains(rs, rSL):
		n = 1 + g.rng.IntN(min(len(t.topics), 5))
		if v == sparse {
			n = min(n, 2)
		}
	case slices.Contains(rs, rEE) && g.chance(0.6), g.chance(0.3):
		n = 1 + g.rng.IntN(min(len(t.topics), 2))
	}
	if n == 0 {
		return nil
	}
	var out []talent.LectureTopic
	for _, i := range g.rng.Perm(len(t.topics))[:n] {
		tp := t.topics[i]
		lt := talent.LectureTopic{Title: tp.title, Audiences: slices.Clone(tp.aud), Minutes: tp.minutes}
		if v == long || v == normal && g.chance(0.7) {
			lt.Abstract = tp.abstract
		}
		if v == sparse {
			lt.Audiences, lt.Minutes = nil, 0
		}
		out = append(out, lt)
	}
	return out
}

var unavailableReasons = []string{"外出培训", "外地探亲", "住院手术", "出国访问", "年度体检及休养", "参加上级集中学习"}

// availability: emergency experts are reachable any day; working doctors and
// teachers name fixed weekdays; retirees are free but often away for a while.
func (g *gen) availability(st stage, retired, emergency bool, key string) talent.Availability {
	var a talent.Availability
	switch {
	case emergency:
	case strings.HasPrefix(key, "hl.") && !retired && g.chance(0.5):
		a.Weekdays = [][]int{{2, 4}, {3, 5}, {1, 3, 5}, {6}}[g.rng.IntN(4)]
	case strings.HasPrefix(key, "ed.") && !retired && g.chance(0.5):
		a.Weekdays = []int{1, 2, 3, 4, 5}
	case retired && g.chance(0.3):
		a.Weekdays = [][]int{{1, 2, 3, 4, 5}, {2, 3, 4}, {1, 3, 5}}[g.rng.IntN(3)]
	}
	if g.chance(0.15) {
		// A dated absence in the months the evaluation requests fall in.
		start := 1 + g.rng.IntN(80) // days after 2026-12-01
		days := 5 + g.rng.IntN(25)
		from, to := dayAfter(start), dayAfter(start+days)
		// The Spring Festival of 2027 falls on 6 February.
		festive := from <= "2027-02-12" && to >= "2027-02-01"
		reason := g.pick(unavailableReasons)
		if festive {
			reason = g.pick([]string{"春节回老家", "春节外地探亲", reason})
		}
		a.Unavailable = []talent.DateRange{{From: from, To: to, Reason: reason}}
	}
	if g.chance(0.25) {
		notes := []string{"需提前一周预约", "上午优先", "可视频连线", "周末可安排讲座", "农忙季节以下乡服务为主", "请通过单位联系"}
		if retired {
			notes = append(notes, "年龄较大，单场不超过一小时", "冬季尽量安排在县城")
		}
		a.Note = g.pick(notes)
	}
	return a
}

// dayAfter is 2026-12-01 plus n days, as YYYY-MM-DD.
func dayAfter(n int) string {
	y, m, d := 2026, 12, 1+n
	for {
		days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
		if d <= days {
			break
		}
		d -= days
		m++
		if m > 12 {
			m, y = 1, y+1
		}
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

func (g *gen) monthCap(rs []talent.Registry, retired bool) int {
	switch {
	case retired:
		return 2 + g.rng.IntN(3)
	case slices.Contains(rs, rSE):
		return 4 + g.rng.IntN(5)
	case slices.Contains(rs, rEE):
		return 4 + g.rng.IntN(5)
	default:
		return 2 + g.rng.IntN(3)
	}
}

// statusQuota is how many members of each registry end in each non-admitted
// state. Fixed counts rather than probabilities, so that every seed has some
// of each — the statuses are what filters are tested with.
var statusQuota = map[talent.Registry][]struct {
	status  talent.MembershipStatus
	n       int
	reasons []string
}{
	rYT: {
		{talent.StatusNominated, 5, nil},
		{talent.StatusUnderReview, 4, nil},
		{talent.StatusSuspended, 2, []string{"借调市直单位工作一年", "外出进修学习"}},
		{talent.StatusExited, 3, []string{"调离浮梁县", "本人申请退出", "考取外地博士研究生"}},
	},
	rSL: {
		{talent.StatusNominated, 2, nil},
		{talent.StatusSuspended, 3, []string{"身体原因，暂停外出讲座", "术后康复，暂停半年", "照顾家人，暂停一年"}},
		{talent.StatusExited, 3, []string{"年事已高，本人申请退出", "随子女迁居外地", "身体原因，不再外出讲座"}},
	},
	rSE: {
		{talent.StatusUnderReview, 2, nil},
		{talent.StatusSuspended, 2, []string{"选派驻村帮扶，暂停特派员服务", "外出进修学习"}},
		{talent.StatusExited, 3, []string{"服务期满，不再续聘", "工作调动，调离农业部门", "本人申请退出"}},
	},
	rEE: {
		{talent.StatusNominated, 2, nil},
		{talent.StatusSuspended, 2, []string{"外出学习培训，暂停值守", "身体原因，暂停值守"}},
		{talent.StatusExited, 2, []string{"工作调整，不再承担应急工作", "调离浮梁县"}},
	},
}

var archiveReasons = []string{
	"调离浮梁县，本人申请注销个人信息",
	"移居外省，本人要求删除个人信息",
	"本人依据个人信息保护法申请删除",
}

// assignStatuses sets the final status of every membership by quota, puts
// a few of the emergency experts on call, and archives a few people.
func (g *gen) assignStatuses(d *Data) {
	for _, reg := range []talent.Registry{rYT, rSL, rSE, rEE} {
		var members []*Membership
		for _, e := range d.Experts {
			for i := range e.Memberships {
				if e.Memberships[i].Registry == reg {
					members = append(members, &e.Memberships[i])
				}
			}
		}
		order := g.rng.Perm(len(members))
		k := 0
		for _, q := range statusQuota[reg] {
			for range q.n {
				m := members[order[k]]
				k++
				m.Status = q.status
				if len(q.reasons) > 0 {
					m.Reason = g.pick(q.reasons)
				}
			}
		}
	}
	// Archived people left the county: every membership ended first.
	for n, i := range g.rng.Perm(len(d.Experts))[:len(archiveReasons)+1] {
		e := d.Experts[i]
		e.ArchiveReason = archiveReasons[n%len(archiveReasons)]
		for j := range e.Memberships {
			e.Memberships[j].Status = talent.StatusExited
			e.Memberships[j].Reason = "调离浮梁县"
		}
	}
	for _, e := range d.Experts {
		if m, ok := e.Member(rEE); ok && m.Status == talent.StatusAdmitted && !e.Archived() {
			e.Expert.OnCall = g.chance(0.45)
		}
	}
}
