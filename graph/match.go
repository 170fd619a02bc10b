package graph

import (
	"context"
	"time"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/matcher"
	"github.com/graphql-go/graphql"
)

func init() { parts = append(parts, matchPart) }

// RequestKindEnum is the kind of a request; shared by matching and requests.
var RequestKindEnum = enumType("RequestKind", "需求类型。", matcher.Kinds)

var matchInput = graphql.NewInputObject(graphql.InputObjectConfig{
	Name:        "MatchInput",
	Description: "要匹配专家的需求。",
	Fields: graphql.InputObjectConfigFieldMap{
		"kind":              {Type: graphql.NewNonNull(RequestKindEnum)},
		"title":             {Type: graphql.String, Description: "标题（可选）。"},
		"description":       {Type: nonNullString, Description: "需求描述：需要什么样的专家、做什么，用平常的话说即可。"},
		"township":          {Type: graphql.String, Description: "所在乡镇：名称或代码。"},
		"audience":          {Type: audienceEnum, Description: "受众；不填时按描述推断。"},
		"emergencyCategory": {Type: categoryEnum, Description: "应急类别（应急需求）；不填时按描述推断。"},
		"from":              {Type: dateScalar, Description: "希望的开始日期。"},
		"to":                {Type: dateScalar, Description: "希望的结束日期。"},
	},
})

var matchFactorType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "MatchFactor",
	Description: "一项排序因素对得分的贡献：contribution = weight × value，各项之和为总分。",
	Fields: graphql.Fields{
		"feature":      get(nonNullString, "因素：text、topic、registry、audience、place、availability、workload、rating、onCall。", func(f matcher.Factor) any { return f.Feature }),
		"weight":       get(graphql.NewNonNull(graphql.Float), "权重（本候选各项权重之和为1）。", func(f matcher.Factor) any { return f.Weight }),
		"value":        get(graphql.NewNonNull(graphql.Float), "取值，0–1。", func(f matcher.Factor) any { return f.Value }),
		"contribution": get(graphql.NewNonNull(graphql.Float), "对总分的贡献。", func(f matcher.Factor) any { return f.Contribution }),
		"note":         get(nonNullString, "中文说明，如“同在江村乡”“本月已安排 1/3 次”。", func(f matcher.Factor) any { return f.Note }),
	},
})

func matchPart(r *Resolver, t *Types) (graphql.Fields, graphql.Fields) {
	candidate := graphql.NewObject(graphql.ObjectConfig{
		Name:        "MatchCandidate",
		Description: "一位候选专家及其排序理由。",
		Fields: graphql.Fields{
			"expert":       get(graphql.NewNonNull(t.Expert), "", func(c matcher.Candidate) any { return c.Profile.Expert }),
			"score":        get(graphql.NewNonNull(graphql.Float), "总分，0–1。", func(c matcher.Candidate) any { return c.Score }),
			"explanation":  get(listOf(matchFactorType), "各因素的取值和贡献。", func(c matcher.Candidate) any { return c.Factors }),
			"matchedTerms": get(nonNullStrList, "专家资料中与需求吻合的词。", func(c matcher.Candidate) any { return nonNil(c.MatchedTerms) }),
			"reasons": get(nonNullStrList, "给人看的理由，按贡献从大到小。", func(c matcher.Candidate) any {
				return reasons(c)
			}),
			"canTake": get(graphql.NewNonNull(graphql.Boolean),
				"按现状能否承接：尚未正式入库（仅提名或审核中），或所选时间内每天都不可服务时为 false；这样的专家排在能承接的人之后。",
				func(c matcher.Candidate) any { return !c.Later }),
			"fitsTopic": get(graphql.NewNonNull(graphql.Boolean),
				"与需求主题相符：文本相关度不低于最佳人选的30%。为 false 的人与主题只沾边，排在所有相符的人之后，只为补足人数（应急需求按类别筛选，总为 true）。",
				func(c matcher.Candidate) any { return !c.Weak }),
		},
	})
	result := graphql.NewObject(graphql.ObjectConfig{
		Name: "MatchResult",
		Fields: graphql.Fields{
			"candidates": get(listOf(candidate), "按得分从高到低。", func(res *matcher.Result) any { return res.Candidates }),
			"terms": get(nonNullStrList, "从需求中提取的关键词，按重要性。", func(res *matcher.Result) any {
				out := make([]string, len(res.Terms))
				for i, t := range res.Terms {
					out[i] = t.Text
				}
				return out
			}),
			"emergencyCategory": get(categoryEnum, "应急类别：给定的，或从描述推断的最可能的一个。", func(res *matcher.Result) any {
				return nilIfEmpty(string(res.Category))
			}),
			"emergencyCategories": get(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(categoryEnum))),
				"作为硬性条件的应急类别：给定的一个，或从描述推断、同样可能的几个（至多3个），专家属于其一即可；非应急需求为空。",
				func(res *matcher.Result) any {
					out := make([]string, len(res.Categories))
					for i, c := range res.Categories {
						out[i] = string(c)
					}
					return out
				}),
		},
	})
	queries := graphql.Fields{
		"match": &graphql.Field{
			Type:        graphql.NewNonNull(result),
			Description: "为一项需求推荐专家：全文检索取候选，再按主题、人才库、受众、地点、时间、工作量、评价等综合排序，并说明理由。",
			Args: graphql.FieldConfigArgument{
				"input": {Type: graphql.NewNonNull(matchInput)},
				"first": {Type: graphql.Int, DefaultValue: 10, Description: "返回人数，最多100。"},
			},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				in := input(p.Args["input"].(map[string]any))
				first, err := pageSize(p.Args["first"], 10, matcher.MaxResults)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				req := matcher.Request{
					Kind: matcher.Kind(in.str("kind")), Title: in.str("title"), Description: in.str("description"),
					Township: in.str("township"), Audience: talent.Audience(in.str("audience")),
					EmergencyCategory: talent.EmergencyCategory(in.str("emergencyCategory")),
					From:              date(in.str("from")), To: date(in.str("to")),
				}
				res, err := r.Matcher.Match(p.Context, req, first)
				if err != nil {
					return nil, searchError(p.Context, err)
				}
				for _, c := range res.Candidates {
					r.loaders(p.Context).experts.Prime(c.Profile.Expert.ID, c.Profile.Expert)
				}
				return res, nil
			},
		},
		"searchExperts": &graphql.Field{
			Type:        graphql.NewNonNull(t.Connection),
			Description: "全文检索专家（按相关度排序），可加筛选条件。",
			Args: graphql.FieldConfigArgument{
				"query":  {Type: nonNullString, Description: "检索词，如“茶树病虫害”。"},
				"filter": {Type: expertFilterInput},
				"first":  {Type: graphql.Int, DefaultValue: 20},
				"after":  {Type: graphql.String},
			},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				fin, _ := p.Args["filter"].(map[string]any)
				f, err := expertFilter(fin)
				if err == nil {
					err = searchable(f)
				}
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				first, err := pageSize(p.Args["first"], 20, 100)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				after, _ := p.Args["after"].(string)
				offset, err := decodeCursor("search", after)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				text, _ := p.Args["query"].(string)
				if len([]rune(text)) > maxSearchText {
					return nil, fieldError(p.Context, talent.Errorf(talent.CodeTooLong, "query", "检索词不能超过%d个字", maxSearchText))
				}
				c, err := r.searchExperts(p.Context, text, f, first, int(offset))
				if err != nil {
					return nil, searchError(p.Context, err)
				}
				return c, nil
			},
		},
	}
	return queries, nil
}

// searchable rejects filter parts the search index cannot apply.
func searchable(f store.ExpertFilter) error {
	var errs talent.Errors
	if len(f.Fields) > 0 {
		errs.Add(talent.CodeInvalid, "filter.field", "全文检索不支持按学科领域筛选，请把领域写进检索词，或使用 experts 查询")
	}
	if f.Text != "" {
		errs.Add(talent.CodeInvalid, "filter.text", "全文检索请把文字写在 query 中")
	}
	if f.IncludeArchived {
		errs.Add(talent.CodeInvalid, "filter.includeArchived", "已归档的专家不在检索范围内")
	}
	return errs.Err()
}

// searchFilter converts the API filter to the index's typed filter, with
// the same meaning as in the experts query.
func searchFilter(f store.ExpertFilter) search.Filter {
	sf := search.Filter{
		Registries: strs(f.Registries), Statuses: strs(f.Statuses), Townships: f.Townships,
		Audiences: strs(f.Audiences), EmergencyCategories: strs(f.EmergencyCategories), OnCall: f.OnCall,
	}
	if len(sf.Registries) > 0 && len(sf.Statuses) == 0 {
		for _, s := range talent.MembershipStatuses {
			if s.Name != string(talent.StatusExited) {
				sf.Statuses = append(sf.Statuses, s.Name)
			}
		}
	}
	return sf
}

func (r *Resolver) searchExperts(ctx context.Context, text string, f store.ExpertFilter, first, offset int) (*expertConnection, error) {
	if offset+first+1 > search.MaxWindow {
		return nil, talent.Errorf(talent.CodeOutOfRange, "after", "检索结果最多翻到第%d条", search.MaxWindow)
	}
	res, err := r.Search.Search(ctx, search.Query{Text: text, Filter: searchFilter(f), Limit: first + 1, Offset: offset})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	experts, err := r.Store.ExpertsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	c := &expertConnection{total: &res.Total, hasPrev: offset > 0, cursorKind: "search", cursorBase: offset}
	for _, id := range ids {
		// The index may briefly lag an archive; the database decides.
		if e := experts[id]; e != nil && e.ArchivedAt == nil {
			c.experts = append(c.experts, e)
			r.loaders(ctx).experts.Prime(e.ID, e)
		}
	}
	if len(c.experts) > first {
		c.hasNext = true
		c.experts = c.experts[:first]
	}
	return c, nil
}

// searchError reports a search outage as a clear, retryable error.
func searchError(ctx context.Context, err error) error {
	if matcher.IsUnavailable(err) {
		return &gqlError{code: "SEARCH_UNAVAILABLE", msg: "检索服务暂时不可用，请稍后重试；专家列表（experts）仍可使用"}
	}
	return fieldError(ctx, err)
}

func date(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := time.Parse(talent.DateLayout, s)
	return t
}

// reasons lists the factors' notes that speak for a candidate, largest
// contribution first.
func reasons(c matcher.Candidate) []string {
	fs := append([]matcher.Factor(nil), c.Factors...)
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].Contribution > fs[j-1].Contribution; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
	out := make([]string, 0, len(fs)+1)
	if c.Weak {
		out = append(out, "与需求主题只部分相关，仅作补充")
	}
	for _, f := range fs {
		if f.Note != "" {
			out = append(out, f.Note)
		}
	}
	return out
}

// maxSearchText bounds a searchExperts query: a paragraph, not a document.
const maxSearchText = 1000
