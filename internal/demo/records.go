package demo

import (
	"fmt"
	"slices"
	"strings"

	"github.com/fuliang/talent/internal/talent"
)

type programme struct {
	name  string
	level talent.RecommendationLevel
}

// Programmes and awards youth talents are put forward for (推荐参评).
// Named after the kinds that exist; the exact titles are illustrative.
var programmes = []programme{
	{"全国青年岗位能手", talent.LevelNational},
	{"中国科协青年人才托举工程", talent.LevelNational},
	{"江西省“双千计划”青年人才项目", talent.LevelProvincial},
	{"江西省青年科学家培养对象", talent.LevelProvincial},
	{"江西省技术能手", talent.LevelProvincial},
	{"江西青年五四奖章", talent.LevelProvincial},
	{"景德镇市青年科技人才托举计划", talent.LevelMunicipal},
	{"景德镇市“瓷都工匠”", talent.LevelMunicipal},
	{"景德镇市青年岗位能手", talent.LevelMunicipal},
	{"浮梁县青年拔尖人才", talent.LevelCounty},
	{"浮梁县优秀青年科技工作者", talent.LevelCounty},
	{"浮梁县“浮梁工匠”", talent.LevelCounty},
}

var recNotes = []string{"", "", "由县人社局推荐", "由县科协推荐", "单位推荐，县人才办审核", "团县委推荐"}

// records fills in the registry records an entry's memberships call for:
// recommendations for youth talents, service targets and visit logs for
// science envoys. Only memberships that were admitted at some point get
// envoy records (the store requires an admitted envoy).
func (g *gen) records(e *Entry, orgs []*talent.Organization) {
	for _, m := range e.Memberships {
		switch m.Registry {
		case rYT:
			n := 0
			switch m.Status {
			case talent.StatusNominated, talent.StatusUnderReview:
				if g.chance(0.3) {
					n = 1
				}
			default:
				n = []int{0, 1, 1, 2}[g.rng.IntN(4)]
			}
			first := max(2022, e.work+1)
			if first > refYear {
				n = 0
			}
			for _, i := range g.rng.Perm(len(programmes))[:n] {
				p := programmes[i]
				year := first + g.rng.IntN(refYear-first+1)
				outcome := talent.OutcomeSelected
				switch {
				case year == refYear && g.chance(0.7):
					outcome = talent.OutcomePending
				case g.chance(0.45):
					outcome = talent.OutcomeRejected
				}
				e.Recommendations = append(e.Recommendations, talent.Recommendation{
					Programme: p.name, Level: p.level, Year: year, Outcome: outcome, Note: g.pick(recNotes)})
			}
		case rSE:
			if m.Status == talent.StatusNominated || m.Status == talent.StatusUnderReview {
				continue
			}
			e.Assignments = g.assignments(e, orgs)
		}
	}
}

var termStarts = []string{"2024-03-01", "2024-09-01", "2025-01-01", "2025-04-01", "2026-01-01"}

var coopProducts = []string{"茶叶", "水稻", "蔬菜", "果业", "生猪养殖", "中药材", "油茶", "食用菌"}

func (g *gen) assignments(e *Entry, orgs []*talent.Organization) []Assignment {
	t := templateOf(e.Kind)
	towns := e.Expert.ServiceTownships
	if len(towns) == 0 && e.Expert.Township != "" {
		towns = []string{e.Expert.Township}
	}
	if len(towns) == 0 {
		towns = []string{talent.CountySeat}
	}
	enterprise := len(t.clients) > 0
	n := 1 + g.rng.IntN(2)
	var out []Assignment
	seen := map[string]bool{}
	for range n {
		town := towns[g.rng.IntN(len(towns))]
		townName := talent.TownshipName(town)
		var kind talent.ServiceTargetKind
		var target string
		switch r := g.rng.Float64(); {
		case enterprise:
			kind = talent.TargetEnterprise
			var cands []string
			for _, c := range t.clients {
				if c != e.Expert.Organization {
					cands = append(cands, c)
				}
			}
			target = g.pick(cands)
			town = orgTown(orgs, target)
		case r < 0.5:
			kind = talent.TargetVillage
			var cands []string
			for _, o := range orgs {
				if o.Kind == talent.OrgVillage && o.Township == town {
					cands = append(cands, strings.TrimSuffix(o.Name, "村委会"))
				}
			}
			target = g.pick(cands)
			if target == "" {
				target = townName + g.pick([]string{"新村", "下村", "港口村", "石门村", "东源村", "丰田村"})
			}
		case r < 0.8:
			kind = talent.TargetCooperative
			short := strings.TrimRight(townName, "镇乡")
			if short == "浮梁" {
				short = "城郊" // "浮梁县浮梁…" reads as a typo
			}
			products := t.coop
			if len(products) == 0 {
				products = coopProducts
			}
			target = "浮梁县" + short + g.pick(products) + "专业合作社"
		default:
			kind = talent.TargetFamilyFarm
			target = townName + surnames[g.rng.IntN(len(surnames))] + "氏家庭农场"
		}
		if seen[target] {
			continue
		}
		seen[target] = true
		start := g.pick(termStarts)
		end := ""
		if g.chance(0.7) {
			y := 0
			fmt.Sscanf(start[:4], "%d", &y)
			end = fmt.Sprintf("%d%s", y+3, start[4:])
		}
		a := Assignment{EnvoyAssignment: talent.EnvoyAssignment{TargetKind: kind, TargetName: target, Township: town,
			TermStart: start, TermEnd: end}}
		logs := t.logs
		if len(logs) == 0 {
			logs = []string{"到{target}开展技术指导和培训", "为{target}解答生产中的技术问题"}
		}
		for _, l := range g.some(logs, 1, 3) {
			content := strings.ReplaceAll(l, "{target}", target)
			people := 0
			if strings.Contains(content, "培训") || strings.Contains(content, "讲") || strings.Contains(content, "现场会") {
				people = 15 + g.rng.IntN(60)
			} else if g.chance(0.5) {
				people = 2 + g.rng.IntN(10)
			}
			a.Logs = append(a.Logs, talent.ServiceLog{Date: g.logDate(start, content), Target: target,
				Content: content, PeopleTrained: people})
		}
		slices.SortFunc(a.Logs, func(x, y talent.ServiceLog) int { return strings.Compare(x.Date, y.Date) })
		out = append(out, a)
	}
	return out
}

func orgTown(orgs []*talent.Organization, name string) string {
	for _, o := range orgs {
		if o.Name == name {
			return o.Township
		}
	}
	return ""
}

// seasons are the months farm work is done in: nobody prunes tea for
// spring picking in October.
var seasons = []struct {
	words  []string
	months []int
}{
	{[]string{"春茶", "倒春寒", "早稻育秧", "春季集中免疫", "春耕"}, []int{3, 4}},
	{[]string{"冬季", "越冬", "冬季修剪"}, []int{11, 12, 1}},
	{[]string{"夏秋茶"}, []int{6, 7, 8, 9}},
	{[]string{"晚稻", "再生稻头季"}, []int{8, 9, 10}},
	{[]string{"油菜机械化直播"}, []int{10, 11}},
	{[]string{"油菜菌核病"}, []int{2, 3, 4}},
	{[]string{"稻飞虱", "统防统治现场会"}, []int{7, 8, 9}},
}

// logDate draws a service date after the term start and no later than
// lastRecordDate, in the season the work belongs to.
func (g *gen) logDate(start, content string) string {
	var months []int
	for _, s := range seasons {
		for _, w := range s.words {
			if strings.Contains(content, w) {
				months = s.months
			}
		}
		if months != nil {
			break
		}
	}
	for range 50 {
		d := g.dateBetween(start, lastRecordDate)
		var m int
		fmt.Sscanf(d[5:7], "%d", &m)
		if months == nil || slices.Contains(months, m) {
			return d
		}
	}
	return g.dateBetween(start, lastRecordDate)
}

// dateBetween draws a date in [from, to], both YYYY-MM-DD in 2024–2026.
func (g *gen) dateBetween(from, to string) string {
	ord := func(s string) int {
		var y, m, d int
		fmt.Sscanf(s, "%d-%d-%d", &y, &m, &d)
		return y*372 + (m-1)*31 + (d - 1)
	}
	a, b := ord(from), ord(to)
	for {
		x := a + g.rng.IntN(b-a+1)
		y, m, d := x/372, x%372/31+1, x%31+1
		if d <= [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1] {
			return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		}
	}
}

func templateOf(key string) *template {
	for i := range catalogue {
		if catalogue[i].key == key {
			return &catalogue[i]
		}
	}
	panic("demo: unknown template " + key)
}
