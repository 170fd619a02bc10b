package graph

import (
	"strconv"

	"github.com/fuliang/talent/internal/talent"
	"github.com/graphql-go/graphql"
)

// get builds a field with an explicit resolver on a typed source, so hot
// fields avoid graphql-go's reflection-based default resolver.
func get[S any](t graphql.Output, desc string, fn func(S) any) *graphql.Field {
	return &graphql.Field{Type: t, Description: desc, Resolve: func(p graphql.ResolveParams) (interface{}, error) {
		s, ok := p.Source.(S)
		if !ok {
			return nil, nil
		}
		return fn(s), nil
	}}
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }

// nilIfEmpty makes optional text fields null rather than "".
func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nilIfZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func townshipNames(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = talent.TownshipName(c)
	}
	return out
}

var townshipType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "Township",
	Description: "浮梁县的乡镇。",
	Fields: graphql.Fields{
		"code": get(nonNullString, "行政区划代码。", func(t *talent.Township) any { return t.Code }),
		"name": get(nonNullString, "名称，如“江村乡”。", func(t *talent.Township) any { return t.Name }),
		"kind": get(nonNullString, "“镇”或“乡”。", func(t *talent.Township) any { return t.Kind }),
		"formerNames": get(nonNullStrList, "曾用名。", func(t *talent.Township) any {
			return append([]string{}, t.FormerNames...)
		}),
	},
})

var lectureTopicType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "LectureTopic",
	Description: "讲座主题。",
	Fields: graphql.Fields{
		"title":     get(nonNullString, "题目。", func(t talent.LectureTopic) any { return t.Title }),
		"abstract":  get(graphql.String, "简介。", func(t talent.LectureTopic) any { return nilIfEmpty(t.Abstract) }),
		"audiences": get(listOf(audienceEnum), "适合的受众。", func(t talent.LectureTopic) any { return strs(t.Audiences) }),
		"minutes":   get(graphql.Int, "时长（分钟）。", func(t talent.LectureTopic) any { return nilIfZero(t.Minutes) }),
	},
})

var dateRangeType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "DateRange",
	Description: "日期区间（含首尾两天）。",
	Fields: graphql.Fields{
		"from":   get(graphql.NewNonNull(dateScalar), "开始日期。", func(d talent.DateRange) any { return d.From }),
		"to":     get(graphql.NewNonNull(dateScalar), "结束日期。", func(d talent.DateRange) any { return d.To }),
		"reason": get(graphql.String, "原因。", func(d talent.DateRange) any { return nilIfEmpty(d.Reason) }),
	},
})

var availabilityType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "Availability",
	Description: "可服务时间：每周可用的日子，以及不可用的日期段。",
	Fields: graphql.Fields{
		"weekdays": get(listOf(graphql.Int), "每周可用的日子，1=周一 … 7=周日；空表示不限。", func(a talent.Availability) any {
			return append([]int{}, a.Weekdays...)
		}),
		"unavailable": get(listOf(dateRangeType), "不可用的日期段。", func(a talent.Availability) any { return a.Unavailable }),
		"note":        get(graphql.String, "说明。", func(a talent.Availability) any { return nilIfEmpty(a.Note) }),
	},
})

var consentType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "Consent",
	Description: "本人同意保存联系方式的记录（个人信息保护法）。",
	Fields: graphql.Fields{
		"givenAt": get(nonNullDateTime, "同意时间。", func(c *talent.Consent) any { return c.GivenAt }),
		"purpose": get(nonNullString, "用途。", func(c *talent.Consent) any { return c.Purpose }),
	},
})

var statusChangeType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "StatusChange",
	Description: "入库状态的一次变更。",
	Fields: graphql.Fields{
		"from":   get(statusEnum, "原状态；首次入库时为空。", func(c *talent.StatusChange) any { return nilIfEmpty(string(c.From)) }),
		"to":     get(graphql.NewNonNull(statusEnum), "新状态。", func(c *talent.StatusChange) any { return string(c.To) }),
		"at":     get(nonNullDateTime, "时间。", func(c *talent.StatusChange) any { return c.At }),
		"actor":  get(nonNullString, "操作人。", func(c *talent.StatusChange) any { return c.Actor }),
		"reason": get(graphql.String, "原因。", func(c *talent.StatusChange) any { return nilIfEmpty(c.Reason) }),
	},
})

var recommendationType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "Recommendation",
	Description: "青年人才推荐参评记录。",
	Fields: graphql.Fields{
		"id":        get(nonNullID, "", func(r *talent.Recommendation) any { return idString(r.ID) }),
		"programme": get(nonNullString, "人才项目或奖项名称。", func(r *talent.Recommendation) any { return r.Programme }),
		"level":     get(graphql.NewNonNull(levelEnum), "级别。", func(r *talent.Recommendation) any { return string(r.Level) }),
		"year":      get(nonNullInt, "年份。", func(r *talent.Recommendation) any { return r.Year }),
		"outcome":   get(graphql.NewNonNull(outcomeEnum), "结果。", func(r *talent.Recommendation) any { return string(r.Outcome) }),
		"note":      get(graphql.String, "备注。", func(r *talent.Recommendation) any { return nilIfEmpty(r.Note) }),
		"createdAt": get(nonNullDateTime, "", func(r *talent.Recommendation) any { return r.CreatedAt }),
	},
})

var assignmentType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "EnvoyAssignment",
	Description: "科技特派员的服务对象及服务期。",
	Fields: graphql.Fields{
		"id":           get(nonNullID, "", func(a *talent.EnvoyAssignment) any { return idString(a.ID) }),
		"targetKind":   get(graphql.NewNonNull(targetKindEnum), "服务对象类型。", func(a *talent.EnvoyAssignment) any { return string(a.TargetKind) }),
		"targetName":   get(nonNullString, "服务对象名称。", func(a *talent.EnvoyAssignment) any { return a.TargetName }),
		"township":     get(graphql.String, "所在乡镇。", func(a *talent.EnvoyAssignment) any { return nilIfEmpty(talent.TownshipName(a.Township)) }),
		"townshipCode": get(graphql.String, "所在乡镇代码。", func(a *talent.EnvoyAssignment) any { return nilIfEmpty(a.Township) }),
		"termStart":    get(graphql.NewNonNull(dateScalar), "服务期开始。", func(a *talent.EnvoyAssignment) any { return a.TermStart }),
		"termEnd":      get(dateScalar, "服务期结束；空表示未定。", func(a *talent.EnvoyAssignment) any { return nilIfEmpty(a.TermEnd) }),
	},
})

var serviceLogType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "ServiceLog",
	Description: "科技特派员服务记录。",
	Fields: graphql.Fields{
		"id": get(nonNullID, "", func(l *talent.ServiceLog) any { return idString(l.ID) }),
		"assignmentId": get(graphql.ID, "对应的服务对象。", func(l *talent.ServiceLog) any {
			if l.AssignmentID == 0 {
				return nil
			}
			return idString(l.AssignmentID)
		}),
		"date":          get(graphql.NewNonNull(dateScalar), "服务日期。", func(l *talent.ServiceLog) any { return l.Date }),
		"target":        get(nonNullString, "服务对象。", func(l *talent.ServiceLog) any { return l.Target }),
		"content":       get(nonNullString, "服务内容。", func(l *talent.ServiceLog) any { return l.Content }),
		"peopleTrained": get(nonNullInt, "培训人数。", func(l *talent.ServiceLog) any { return l.PeopleTrained }),
	},
})

var organizationType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "Organization",
	Description: "学校、村（社区）、企业或部门。",
	Fields: graphql.Fields{
		"id":           get(nonNullID, "", func(o *talent.Organization) any { return idString(o.ID) }),
		"kind":         get(graphql.NewNonNull(orgKindEnum), "类型。", func(o *talent.Organization) any { return string(o.Kind) }),
		"name":         get(nonNullString, "名称。", func(o *talent.Organization) any { return o.Name }),
		"township":     get(graphql.String, "所在乡镇。", func(o *talent.Organization) any { return nilIfEmpty(talent.TownshipName(o.Township)) }),
		"townshipCode": get(graphql.String, "所在乡镇代码。", func(o *talent.Organization) any { return nilIfEmpty(o.Township) }),
		"address":      get(graphql.String, "地址。", func(o *talent.Organization) any { return nilIfEmpty(o.Address) }),
		"contact":      get(graphql.String, "联系人。", func(o *talent.Organization) any { return nilIfEmpty(o.Contact) }),
		"phone":        get(graphql.String, "联系电话。", func(o *talent.Organization) any { return nilIfEmpty(o.Phone) }),
		"version":      get(nonNullInt, "", func(o *talent.Organization) any { return o.Version }),
	},
})

var userErrorType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "UserError",
	Description: "输入有误：哪个字段、稳定的英文错误码、中文说明。",
	Fields: graphql.Fields{
		"field":   get(graphql.String, "出错的输入字段（点分路径，如 lectureTopics.0.title）；为空表示整体。", func(e userError) any { return nilIfEmpty(e.Field) }),
		"code":    get(nonNullString, "稳定的英文错误码，如 REQUIRED、CONFLICT、AGE_LIMIT。", func(e userError) any { return e.Code }),
		"message": get(nonNullString, "中文错误说明。", func(e userError) any { return e.Message }),
	},
})

var pageInfoType = graphql.NewObject(graphql.ObjectConfig{
	Name: "PageInfo",
	Fields: graphql.Fields{
		"hasNextPage":     get(nonNullBool, "", func(p pageInfo) any { return p.HasNextPage }),
		"hasPreviousPage": get(nonNullBool, "", func(p pageInfo) any { return p.HasPreviousPage }),
		"startCursor":     get(graphql.String, "", func(p pageInfo) any { return nilIfEmpty(p.StartCursor) }),
		"endCursor":       get(graphql.String, "", func(p pageInfo) any { return nilIfEmpty(p.EndCursor) }),
	},
})

type pageInfo struct {
	HasNextPage, HasPreviousPage bool
	StartCursor, EndCursor       string
}
