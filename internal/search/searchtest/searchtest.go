// Package searchtest holds the conformance suite every search backend must
// pass, and a generator of realistic synthetic profiles for benchmarks.
package searchtest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/textproc"
)

// Township codes used by the fixture.
const (
	fuliang  = "360222100" // 浮梁镇
	ehu      = "360222101" // 鹅湖镇
	jiaotan  = "360222103" // 蛟潭镇
	yaoli    = "360222104" // 瑶里镇
	jiangcun = "360222204" // 江村乡
)

// Hostile values: each must be matched literally, never interpreted.
var hostile = []string{
	`"`,
	`\`,
	`\"`,
	`PUBLIC" OR audiences = "FARMERS`,
	`x\" OR id > 0 OR "`,
	`OR`,
	"line\nbreak",
	`FARMERS'`,
	`]`,
	`audience = FARMERS`,
}

// strange is a document whose attribute values are themselves hostile, so
// that escaping is checked both ways: the exact value finds it, a prefix or
// a variant does not.
var strangeValues = []string{`A"B\C`, `back\slash\`, "two\nlines", `say "OR" now`}

func fixture() []search.Document {
	m := func(r talent.Registry, s talent.MembershipStatus) search.Membership {
		return search.Membership{Registry: string(r), Status: string(s)}
	}
	return []search.Document{
		{ID: 1, Version: 1, Name: "程景瓷", Title: "高级工艺美术师", Organization: "瑶里古窑陶瓷厂",
			Bio: "长期研究瓷器烧成工艺和釉料配方。", Fields: []string{"陶瓷工程"}, Expertise: []string{"颜色釉", "釉面缺陷分析"},
			Township: yaoli, Audiences: []string{string(talent.EnterpriseStaff)},
			Memberships: []search.Membership{m(talent.YouthTalent, talent.StatusAdmitted)}},
		{ID: 2, Version: 1, Name: "汪春梅", Title: "高级农艺师", Organization: "浮梁县农业农村局",
			Bio: "扎根鹅湖茶区二十年，指导合作社提质增效。", Fields: []string{"茶学"}, Expertise: []string{"茶叶加工", "茶园管理"},
			Township: ehu, ServiceTownships: []string{jiangcun}, Audiences: []string{string(talent.Farmers)},
			Memberships: []search.Membership{m(talent.ScienceEnvoy, talent.StatusAdmitted)}},
		{ID: 3, Version: 1, Name: "李航", Title: "高级工程师", Organization: "昌河飞机工业集团",
			Bio: "从事通用航空器维修与飞行保障工作。", Fields: []string{"航空工程"}, Expertise: []string{"通用航空", "飞机维修"},
			TopicTitles: []string{"飞机为什么能飞"}, TopicTexts: []string{"用简单实验讲解升力原理。"},
			Township: fuliang, Audiences: []string{string(talent.MiddleSchool), string(talent.PrimarySchool)},
			Memberships: []search.Membership{m(talent.YouthTalent, talent.StatusNominated), m(talent.SeniorLecturer, talent.StatusAdmitted)}},
		{ID: 4, Version: 1, Name: "周明", Title: "工程师", Organization: "浮梁县智能制造产业园",
			Bio: "负责增材制造生产线。", Fields: []string{"机械工程"}, Expertise: []string{"3D打印", "智能制造"},
			Township: fuliang, Audiences: []string{string(talent.EnterpriseStaff)},
			Memberships: []search.Membership{m(talent.ScienceEnvoy, talent.StatusUnderReview)}},
		{ID: 5, Version: 1, Name: "吴涛", Title: "工程师", Organization: "中国移动浮梁分公司",
			Bio: "负责全县5G基站建设与网络优化。", Fields: []string{"通信工程"}, Expertise: []string{"移动通信"},
			Township: ehu, Audiences: []string{string(talent.HighSchool)},
			Memberships: []search.Membership{m(talent.YouthTalent, talent.StatusAdmitted)}},
		{ID: 6, Version: 1, Name: "赵水生", Title: "高级工程师", Organization: "浮梁县水利局",
			Bio: "多次参与汛期一线抢险。", Fields: []string{"水利工程"}, Expertise: []string{"防汛抗洪", "地质灾害防治"},
			Township: jiaotan, Audiences: []string{string(talent.Public), string(talent.Officials)},
			Memberships:         []search.Membership{m(talent.EmergencyExpert, talent.StatusAdmitted), m(talent.ScienceEnvoy, talent.StatusNominated)},
			EmergencyCategories: []string{string(talent.Flood), string(talent.Geological)}, OnCall: true},
		{ID: 7, Version: 1, Name: "孙丽", Title: "主任医师", Organization: "浮梁县人民医院",
			Bio: "从事急诊工作三十年，热心普及急救知识。", Fields: []string{"临床医学"}, Expertise: []string{"心肺复苏", "急救技能培训"},
			TopicTitles: []string{"家庭急救与心肺复苏"}, Township: fuliang, Audiences: []string{string(talent.Elderly), string(talent.Public)},
			Memberships:         []search.Membership{m(talent.EmergencyExpert, talent.StatusSuspended), m(talent.SeniorLecturer, talent.StatusAdmitted)},
			EmergencyCategories: []string{string(talent.PublicHealth)}},
		{ID: 8, Version: 1, Name: "符号测试", Title: "助理", Organization: "测试单位", Bio: "用于检验转义。",
			Fields: []string{"测试"}, Expertise: []string{"转义"}, Township: strangeValues[1],
			Audiences: strangeValues, EmergencyCategories: []string{strangeValues[3]},
			Memberships: []search.Membership{{Registry: strangeValues[0], Status: strangeValues[2]}, {Registry: "X:Y", Status: "Z"}}},
		{ID: 9, Version: 1, Name: "钱文", Title: "讲师", Organization: "景德镇学院",
			Bio: "业余爱好茶艺表演。", Fields: []string{"文学"}, Expertise: []string{"古典文学"},
			Township: yaoli, Audiences: []string{string(talent.HighSchool)},
			Memberships: []search.Membership{m(talent.YouthTalent, talent.StatusExited)}},
		{ID: 10, Version: 1, Name: "叶青", Title: "茶艺师", Organization: "浮梁茶文化协会",
			Bio: "推广浮梁茶文化。", Fields: []string{"茶文化"}, Expertise: []string{"茶艺"},
			Township: ehu, Audiences: []string{string(talent.Public)},
			Memberships: []search.Membership{m(talent.SeniorLecturer, talent.StatusAdmitted)}},
	}
}

// refMatch is the reference semantics of search.Filter, written the
// obvious way, that backends are compared with.
func refMatch(d *search.Document, f *search.Filter) bool {
	in := func(list []string, v string) bool { return slices.Contains(list, v) }
	any := func(want, have []string) bool {
		for _, h := range have {
			if in(want, h) {
				return true
			}
		}
		return false
	}
	if len(f.Registries) > 0 || len(f.Statuses) > 0 {
		ok := false
		for _, m := range d.Memberships {
			if (len(f.Registries) == 0 || in(f.Registries, m.Registry)) && (len(f.Statuses) == 0 || in(f.Statuses, m.Status)) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	if len(f.Townships) > 0 && !any(f.Townships, append([]string{d.Township}, d.ServiceTownships...)) {
		return false
	}
	if len(f.Audiences) > 0 && !any(f.Audiences, d.Audiences) {
		return false
	}
	if len(f.EmergencyCategories) > 0 && !any(f.EmergencyCategories, d.EmergencyCategories) {
		return false
	}
	if f.OnCall != nil && d.OnCall != *f.OnCall {
		return false
	}
	return true
}

// refFacets counts facet values over docs the reference way.
func refFacets(docs []search.Document) map[string]map[string]int {
	out := make(map[string]map[string]int)
	for _, f := range search.Facets {
		out[f] = make(map[string]int)
	}
	for _, d := range docs {
		count := func(facet string, values []string) {
			seen := make(map[string]bool)
			for _, v := range values {
				if v != "" && !seen[v] {
					seen[v] = true
					out[facet][v]++
				}
			}
		}
		var regs, stats []string
		for _, m := range d.Memberships {
			regs, stats = append(regs, m.Registry), append(stats, m.Status)
		}
		count(search.FacetRegistry, regs)
		count(search.FacetStatus, stats)
		count(search.FacetTownship, append([]string{d.Township}, d.ServiceTownships...))
		count(search.FacetAudience, d.Audiences)
		count(search.FacetEmergencyCategory, d.EmergencyCategories)
		count(search.FacetOnCall, []string{strconv.FormatBool(d.OnCall)})
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// checkMatched asserts that a hit names matched terms, that each is in the
// document's text, and that at least one overlaps the query (a word of it,
// or a word containing it; a synonym alone would not).
func checkMatched(t *testing.T, h search.Hit, d *search.Document, query string) {
	t.Helper()
	if len(h.MatchedTerms) == 0 {
		t.Errorf("%q: hit %d has no matched terms", query, h.ID)
		return
	}
	text := textproc.Normalize(strings.Join(slices.Concat([]string{d.Name, d.Title, d.Organization, d.Bio}, d.Fields, d.Expertise, d.TopicTitles, d.TopicTexts), " "))
	overlap := false
	for _, m := range h.MatchedTerms {
		if !strings.Contains(text, m) {
			t.Errorf("%q: matched term %q is not in document %d", query, m, h.ID)
		}
		overlap = overlap || strings.Contains(m, query) || strings.Contains(query, m)
	}
	if !overlap {
		t.Errorf("%q: matched terms %v of %d do not overlap the query", query, h.MatchedTerms, h.ID)
	}
}

func ids(res *search.Result) []int64 {
	out := make([]int64, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.ID
	}
	return out
}

// Run is the conformance suite. newIndex returns a new, empty, not yet
// initialised index of its own (unique name) and arranges its deletion when
// the test ends. Subtests share one index and run in order: later ones
// depend on the writes of earlier ones.
func Run(t *testing.T, newIndex func(t *testing.T) search.Index) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	idx := newIndex(t)
	t.Cleanup(func() { idx.Close() })

	existed, err := idx.Init(ctx)
	if err != nil {
		t.Fatalf("Init: %v", err)
	}
	if existed {
		t.Fatalf("Init of a new index reported existed = true")
	}
	if existed, err = idx.Init(ctx); err != nil || !existed {
		t.Fatalf("second Init = %v, %v; want true, nil", existed, err)
	}
	if err := idx.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}

	docs := fixture()
	if err := idx.Index(ctx, docs...); err != nil {
		t.Fatalf("Index: %v", err)
	}
	byID := make(map[int64]*search.Document)
	for i := range docs {
		byID[docs[i].ID] = &docs[i]
	}
	live := func() []search.Document {
		var out []search.Document
		for _, id := range slices.Sorted(maps.Keys(byID)) {
			out = append(out, *byID[id])
		}
		return out
	}

	s := func(t *testing.T, q search.Query) *search.Result {
		t.Helper()
		res, err := idx.Search(ctx, q)
		if err != nil {
			t.Fatalf("Search(%+v): %v", q, err)
		}
		for i, h := range res.Hits {
			if h.Score < 0 || h.Score > 1 {
				t.Errorf("hit %d has score %v outside [0, 1]", h.ID, h.Score)
			}
			if i > 0 && h.Score > res.Hits[i-1].Score {
				t.Errorf("hits not ordered by score: %v after %v", h.Score, res.Hits[i-1].Score)
			}
		}
		return res
	}
	// first asserts that want is the top hit of text.
	first := func(t *testing.T, text string, want int64) *search.Result {
		t.Helper()
		res := s(t, search.Query{Text: text})
		if len(res.Hits) == 0 || res.Hits[0].ID != want {
			t.Fatalf("%q: hits %s, want %d first", text, describe(res), want)
		}
		return res
	}
	some := func(t *testing.T, text string, want int64) {
		t.Helper()
		if res := s(t, search.Query{Text: text}); !slices.Contains(ids(res), want) {
			t.Fatalf("%q: hits %s lack %d", text, describe(res), want)
		}
	}
	none := func(t *testing.T, text string, not int64) {
		t.Helper()
		if res := s(t, search.Query{Text: text}); slices.Contains(ids(res), not) {
			t.Fatalf("%q: hits %s include %d", text, describe(res), not)
		}
	}
	// filterOnly compares a filter-only query with the reference.
	filterOnly := func(t *testing.T, f search.Filter) {
		t.Helper()
		res := s(t, search.Query{Filter: f, Limit: 100})
		var want []int64
		for _, d := range live() {
			if refMatch(&d, &f) {
				want = append(want, d.ID)
			}
		}
		if !slices.Equal(ids(res), want) || res.Total != len(want) {
			t.Fatalf("filter %+v: hits %v total %d, want %v", f, ids(res), res.Total, want)
		}
	}

	t.Run("Count", func(t *testing.T) {
		if n, err := idx.Count(ctx); err != nil || n != len(docs) {
			t.Fatalf("Count = %d, %v; want %d", n, err, len(docs))
		}
		v, err := idx.Versions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := make(map[int64]int)
		for _, d := range docs {
			want[d.ID] = d.Version
		}
		if !maps.Equal(v, want) {
			t.Fatalf("Versions = %v, want %v", v, want)
		}
	})

	t.Run("Words", func(t *testing.T) {
		res := first(t, "颜色釉", 1)
		checkMatched(t, res.Hits[0], byID[1], "颜色釉")
		first(t, "心肺复苏", 7)
		first(t, "请问能否请一位老师来讲讲地质灾害", 6)
		first(t, "汪春梅", 2)
		none(t, "颜色釉", 2)
	})

	t.Run("FieldBoosts", func(t *testing.T) {
		// 茶艺 is doc 10's expertise but only in doc 9's bio.
		res := first(t, "茶艺", 10)
		if !slices.Contains(ids(res), 9) {
			t.Fatalf("茶艺: hits %v lack the bio match 9", ids(res))
		}
	})

	t.Run("SingleCharacter", func(t *testing.T) {
		res := s(t, search.Query{Text: "瓷"})
		if !slices.Contains(ids(res), 1) {
			t.Fatalf("瓷: hits %v lack 1 (瓷器, 陶瓷)", ids(res))
		}
		for _, h := range res.Hits {
			checkMatched(t, h, byID[h.ID], "瓷")
		}
	})

	t.Run("MixedLatin", func(t *testing.T) {
		first(t, "3D打印", 4)
		first(t, "３Ｄ打印", 4) // full-width
		first(t, "5G", 5)
		none(t, "5G", 4)
		none(t, "3D打印", 5)
	})

	t.Run("Synonyms", func(t *testing.T) {
		some(t, "茶", 2)     // 茶叶
		some(t, "浮梁茶", 2)   // 茶叶 and 茶园 are its synonyms
		first(t, "通航", 3)   // 通用航空
		first(t, "抗洪", 6)   // 防汛
		first(t, "增材制造", 4) // 3D打印
		none(t, "快速成型", 4)
	})

	t.Run("SetSynonyms", func(t *testing.T) {
		groups := textproc.DefaultSynonyms().Groups()
		var without [][]string
		for _, g := range groups {
			if !slices.Contains(g, "通航") {
				without = append(without, g)
			}
		}
		withExtra := append(slices.Clone(without), []string{"快速成型", "3D打印"})
		if err := idx.SetSynonyms(ctx, withExtra); err != nil {
			t.Fatalf("SetSynonyms: %v", err)
		}
		first(t, "快速成型", 4)
		none(t, "通航", 3)
		err := idx.SetSynonyms(ctx, [][]string{{"直播 带货", "电商"}})
		if talent.ErrorCode(err) != talent.CodeInvalid {
			t.Fatalf("SetSynonyms with a spaced term: %v, want an INVALID talent error", err)
		}
		first(t, "快速成型", 4) // the failed call changed nothing
		if err := idx.SetSynonyms(ctx, groups); err != nil {
			t.Fatalf("SetSynonyms: %v", err)
		}
		first(t, "通航", 3)
		none(t, "快速成型", 4)
	})

	t.Run("WeightedTerms", func(t *testing.T) {
		res := s(t, search.Query{Terms: []textproc.Term{{Text: "茶叶", Weight: 1}, {Text: "防汛", Weight: 0.1}}})
		got := ids(res)
		if len(got) < 2 || got[0] != 2 || !slices.Contains(got, 6) {
			t.Fatalf("weighted terms: hits %v, want 2 first and 6 among them", got)
		}
		res = s(t, search.Query{Terms: []textproc.Term{{Text: "茶叶", Weight: 0.1}, {Text: "防汛", Weight: 1}}})
		if got := ids(res); len(got) < 2 || got[0] != 6 {
			t.Fatalf("reweighted terms: hits %v, want 6 first", got)
		}
	})

	t.Run("NoContent", func(t *testing.T) {
		res := s(t, search.Query{Text: "请问老师能否", Facets: []string{search.FacetRegistry}})
		if len(res.Hits) != 0 || res.Total != 0 {
			t.Fatalf("stopwords only: hits %v total %d, want none", ids(res), res.Total)
		}
		long := strings.Repeat("我们村的茶树叶子发黄，", 1000)
		res = s(t, search.Query{Text: long})
		if len(res.Hits) == 0 || res.Hits[0].ID != 2 {
			t.Fatalf("10 000-character text: hits %v, want 2 first", ids(res))
		}
	})

	t.Run("FiltersAlone", func(t *testing.T) {
		for _, f := range []search.Filter{
			{Registries: []string{string(talent.ScienceEnvoy)}},
			{Statuses: []string{string(talent.StatusSuspended)}},
			{Registries: []string{string(talent.EmergencyExpert)}, Statuses: []string{string(talent.StatusAdmitted)}},
			{Registries: []string{string(talent.ScienceEnvoy)}, Statuses: []string{string(talent.StatusAdmitted)}},
			{Registries: []string{string(talent.ScienceEnvoy), string(talent.YouthTalent)}, Statuses: []string{string(talent.StatusNominated), string(talent.StatusUnderReview)}},
			{Townships: []string{jiangcun}},
			{Townships: []string{fuliang, jiaotan}},
			{Audiences: []string{string(talent.Farmers)}},
			{Audiences: []string{string(talent.Public), string(talent.Elderly)}},
			{EmergencyCategories: []string{string(talent.Geological)}},
			{OnCall: ptr(true)},
			{OnCall: ptr(false)},
			{},
		} {
			filterOnly(t, f)
		}
	})

	t.Run("FiltersCombined", func(t *testing.T) {
		filterOnly(t, search.Filter{Registries: []string{string(talent.SeniorLecturer)}, Townships: []string{fuliang}, Audiences: []string{string(talent.Public)}})
		filterOnly(t, search.Filter{Registries: []string{string(talent.EmergencyExpert)}, EmergencyCategories: []string{string(talent.Flood)}, OnCall: ptr(true)})
		filterOnly(t, search.Filter{Statuses: []string{string(talent.StatusAdmitted)}, Townships: []string{ehu}, OnCall: ptr(false)})

		res := s(t, search.Query{Text: "急救", Filter: search.Filter{Registries: []string{string(talent.EmergencyExpert)}}})
		if !slices.Equal(ids(res), []int64{7}) {
			t.Fatalf("急救 + emergency registry: %v, want [7]", ids(res))
		}
		res = s(t, search.Query{Text: "急救", Filter: search.Filter{Registries: []string{string(talent.EmergencyExpert)}, OnCall: ptr(true)}})
		if len(res.Hits) != 0 {
			t.Fatalf("急救 + on call: %v, want none", ids(res))
		}
		res = s(t, search.Query{Text: "茶", Filter: search.Filter{Townships: []string{jiangcun}}})
		if !slices.Equal(ids(res), []int64{2}) {
			t.Fatalf("茶 in 江村乡 (service township): %v, want [2]", ids(res))
		}
	})

	t.Run("HostileValues", func(t *testing.T) {
		for _, v := range hostile {
			for _, f := range []search.Filter{
				{Registries: []string{v}}, {Statuses: []string{v}}, {Townships: []string{v}},
				{Audiences: []string{v}}, {EmergencyCategories: []string{v}},
				{Registries: []string{v, string(talent.YouthTalent)}, Statuses: []string{v}},
			} {
				filterOnly(t, f)
				res := s(t, search.Query{Text: "茶", Filter: f})
				for _, h := range res.Hits {
					if d := byID[h.ID]; !refMatch(d, &f) {
						t.Fatalf("filter %q: %d is a false result", v, h.ID)
					}
				}
			}
		}
		for _, v := range strangeValues {
			filterOnly(t, search.Filter{Audiences: []string{v}})
		}
		filterOnly(t, search.Filter{Townships: []string{strangeValues[1]}})
		filterOnly(t, search.Filter{Registries: []string{strangeValues[0]}, Statuses: []string{strangeValues[2]}})
		filterOnly(t, search.Filter{Registries: []string{strangeValues[0]}, Statuses: []string{strangeValues[1]}})
		filterOnly(t, search.Filter{EmergencyCategories: []string{strangeValues[3]}})
		// A pair that would collide with registry "X:Y", status "Z" if
		// the two were joined naively.
		filterOnly(t, search.Filter{Registries: []string{"X"}, Statuses: []string{"Y:Z"}})
		filterOnly(t, search.Filter{Registries: []string{"X:Y"}, Statuses: []string{"Z"}})
		filterOnly(t, search.Filter{Audiences: []string{`A"B`}})
		for _, v := range hostile {
			if _, err := idx.Search(ctx, search.Query{Text: v}); err != nil {
				t.Fatalf("text %q: %v", v, err)
			}
		}
	})

	t.Run("Facets", func(t *testing.T) {
		res := s(t, search.Query{Facets: search.Facets})
		want := refFacets(live())
		for _, f := range search.Facets {
			if !maps.Equal(res.Facets[f], want[f]) {
				t.Errorf("facet %s = %v, want %v", f, res.Facets[f], want[f])
			}
		}
		f := search.Filter{Registries: []string{string(talent.SeniorLecturer)}}
		res = s(t, search.Query{Filter: f, Facets: []string{search.FacetTownship, search.FacetAudience}})
		var sub []search.Document
		for _, d := range live() {
			if refMatch(&d, &f) {
				sub = append(sub, d)
			}
		}
		want = refFacets(sub)
		for _, name := range []string{search.FacetTownship, search.FacetAudience} {
			if !maps.Equal(res.Facets[name], want[name]) {
				t.Errorf("filtered facet %s = %v, want %v", name, res.Facets[name], want[name])
			}
		}
		if _, ok := res.Facets[search.FacetRegistry]; ok {
			t.Errorf("unrequested facet returned")
		}
		res = s(t, search.Query{Text: "茶", Facets: []string{search.FacetAudience}})
		var hitDocs []search.Document
		for _, id := range ids(res) {
			hitDocs = append(hitDocs, *byID[id])
		}
		if want := refFacets(hitDocs)[search.FacetAudience]; !maps.Equal(res.Facets[search.FacetAudience], want) {
			t.Errorf("text query facet = %v, want %v (over hits %v)", res.Facets[search.FacetAudience], want, ids(res))
		}
		if _, err := idx.Search(ctx, search.Query{Facets: []string{"phone"}}); !errors.Is(err, search.ErrInvalidQuery) {
			t.Errorf("unknown facet: %v, want ErrInvalidQuery", err)
		}
	})

	t.Run("Pagination", func(t *testing.T) {
		var all []int64
		for off := 0; off < len(docs)+3; off += 3 {
			res := s(t, search.Query{Limit: 3, Offset: off})
			if res.Total != len(docs) {
				t.Fatalf("offset %d: total %d, want %d", off, res.Total, len(docs))
			}
			all = append(all, ids(res)...)
		}
		want := slices.Sorted(maps.Keys(byID))
		if !slices.Equal(all, want) {
			t.Fatalf("pages = %v, want %v", all, want)
		}
		q := search.Query{Terms: []textproc.Term{{Text: "茶叶", Weight: 1}, {Text: "防汛", Weight: 1}, {Text: "急救", Weight: 1}, {Text: "通航", Weight: 1}}}
		full := s(t, q)
		if len(full.Hits) < 4 {
			t.Fatalf("expected at least 4 hits, got %v", ids(full))
		}
		var paged []int64
		for off := 0; off < len(full.Hits); off += 2 {
			q.Limit, q.Offset = 2, off
			res := s(t, q)
			if res.Total != full.Total {
				t.Fatalf("page total %d, full total %d", res.Total, full.Total)
			}
			paged = append(paged, ids(res)...)
		}
		if !slices.Equal(paged, ids(full)) {
			t.Fatalf("text pages %v, want %v", paged, ids(full))
		}
		for _, bad := range []search.Query{{Limit: -1}, {Offset: -1}, {Limit: 10, Offset: search.MaxWindow}} {
			if _, err := idx.Search(ctx, bad); !errors.Is(err, search.ErrInvalidQuery) {
				t.Errorf("%+v: %v, want ErrInvalidQuery", bad, err)
			}
		}
	})

	t.Run("NoMatchedTermsKeepsHits", func(t *testing.T) {
		// Skipping matched terms is a cost saving, never a different answer.
		for _, q := range []search.Query{
			{Terms: []textproc.Term{{Text: "茶叶", Weight: 1}, {Text: "防汛", Weight: 0.5}, {Text: "急救", Weight: 0.3}}},
			{Text: "茶叶 急救"},
			{Terms: []textproc.Term{{Text: "通航", Weight: 1}}},
		} {
			with := s(t, q)
			q.NoMatchedTerms = true
			without := s(t, q)
			if len(with.Hits) == 0 || !slices.Equal(ids(with), ids(without)) || with.Total != without.Total {
				t.Errorf("%+v: hits %v (total %d) with matched terms, %v (total %d) without", q, ids(with), with.Total, ids(without), without.Total)
			}
			for i := range min(len(with.Hits), len(without.Hits)) {
				if d := with.Hits[i].Score - without.Hits[i].Score; d > 1e-9 || d < -1e-9 {
					t.Errorf("%+v: hit %d score %.6f with matched terms, %.6f without", q, with.Hits[i].ID, with.Hits[i].Score, without.Hits[i].Score)
				}
			}
		}
	})

	t.Run("UpdateReplaces", func(t *testing.T) {
		d := *byID[5]
		d.Version = 2
		d.Bio = "负责物联网平台建设。"
		d.Expertise = []string{"物联网"}
		d.Township = yaoli
		if err := idx.Index(ctx, d); err != nil {
			t.Fatal(err)
		}
		byID[5] = &d
		first(t, "物联网", 5)
		none(t, "5G", 5)
		filterOnly(t, search.Filter{Townships: []string{ehu}})
		filterOnly(t, search.Filter{Townships: []string{yaoli}})
		if n, _ := idx.Count(ctx); n != len(byID) {
			t.Fatalf("Count after update = %d, want %d", n, len(byID))
		}
		if v, _ := idx.Versions(ctx); v[5] != 2 {
			t.Fatalf("version of 5 = %d, want 2", v[5])
		}
	})

	t.Run("Delete", func(t *testing.T) {
		if err := idx.Delete(ctx, 4, 999); err != nil {
			t.Fatal(err)
		}
		delete(byID, 4)
		none(t, "3D打印", 4)
		filterOnly(t, search.Filter{Registries: []string{string(talent.ScienceEnvoy)}})
		if n, _ := idx.Count(ctx); n != len(byID) {
			t.Fatalf("Count after delete = %d, want %d", n, len(byID))
		}
		res := s(t, search.Query{Facets: []string{search.FacetStatus}})
		if want := refFacets(live())[search.FacetStatus]; !maps.Equal(res.Facets[search.FacetStatus], want) {
			t.Fatalf("status facet after delete = %v, want %v", res.Facets[search.FacetStatus], want)
		}
	})

	t.Run("Rebuild", func(t *testing.T) {
		b, err := idx.Rebuild(ctx)
		if err != nil {
			t.Fatal(err)
		}
		fresh := fixture()[:3]
		if err := b.Index(ctx, fresh...); err != nil {
			t.Fatal(err)
		}
		if n, _ := idx.Count(ctx); n != len(byID) {
			t.Fatalf("Count during rebuild = %d, want the live %d", n, len(byID))
		}
		if err := b.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		if n, _ := idx.Count(ctx); n != len(fresh) {
			t.Fatalf("Count after commit = %d, want %d", n, len(fresh))
		}
		first(t, "通航", 3) // synonyms survive the swap
		none(t, "心肺复苏", 7)
		if err := b.Abort(ctx); err != nil {
			t.Fatalf("Abort after Commit: %v", err)
		}

		b, err = idx.Rebuild(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Index(ctx, fixture()...); err != nil {
			t.Fatal(err)
		}
		if err := b.Abort(ctx); err != nil {
			t.Fatal(err)
		}
		if n, _ := idx.Count(ctx); n != len(fresh) {
			t.Fatalf("Count after abort = %d, want %d", n, len(fresh))
		}
	})

	t.Run("Close", func(t *testing.T) {
		if err := idx.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := idx.Search(ctx, search.Query{Text: "茶"}); !errors.Is(err, search.ErrClosed) {
			t.Fatalf("Search after Close: %v, want ErrClosed", err)
		}
	})
}

// describe formats hits with scores and matched terms for failure messages.
func describe(res *search.Result) string {
	var b strings.Builder
	for _, h := range res.Hits {
		fmt.Fprintf(&b, "%d(%.3f %v) ", h.ID, h.Score, h.MatchedTerms)
	}
	return b.String()
}
