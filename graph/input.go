package graph

import (
	"time"

	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/graphql-go/graphql"
)

// input reads a coerced GraphQL input object. graphql-go has already checked
// types and enum values; this only converts shapes.
type input map[string]any

func inputArg(p graphql.ResolveParams) input {
	m, _ := p.Args["input"].(map[string]any)
	return m
}

func (in input) has(k string) bool { _, ok := in[k]; return ok }

func (in input) str(k string) string { s, _ := in[k].(string); return s }

func (in input) int(k string) int { n, _ := in[k].(int); return n }

func (in input) boolean(k string) bool { b, _ := in[k].(bool); return b }

func (in input) strs(k string) []string {
	raw, _ := in[k].([]any)
	out := make([]string, 0, len(raw))
	for _, v := range raw {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (in input) ints(k string) []int {
	raw, _ := in[k].([]any)
	out := make([]int, 0, len(raw))
	for _, v := range raw {
		if n, ok := v.(int); ok {
			out = append(out, n)
		}
	}
	return out
}

func (in input) obj(k string) input { m, _ := in[k].(map[string]any); return m }

func (in input) objs(k string) []input {
	raw, _ := in[k].([]any)
	out := make([]input, 0, len(raw))
	for _, v := range raw {
		if m, ok := v.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func typed[T ~string](in []string) []T {
	out := make([]T, len(in))
	for i, s := range in {
		out[i] = T(s)
	}
	return out
}

// both merges a singular and a plural filter argument.
func (in input) both(one, many string) []string {
	out := in.strs(many)
	if s := in.str(one); s != "" {
		out = append(out, s)
	}
	return out
}

var expertFilterInput = graphql.NewInputObject(graphql.InputObjectConfig{
	Name:        "ExpertFilter",
	Description: "专家筛选条件。同一项中的多个值为“或”，不同项之间为“且”。单数与复数写法可任选。",
	Fields: graphql.InputObjectConfigFieldMap{
		"registry":            {Type: registryEnum, Description: "所在人才库（不含已退出者，除非同时指定状态）。"},
		"registries":          {Type: graphql.NewList(graphql.NewNonNull(registryEnum))},
		"status":              {Type: statusEnum, Description: "入库状态；与人才库同时给出时指同一成员资格。"},
		"statuses":            {Type: graphql.NewList(graphql.NewNonNull(statusEnum))},
		"township":            {Type: graphql.String, Description: "乡镇名称或代码；匹配所在乡镇或服务乡镇。"},
		"townships":           {Type: graphql.NewList(graphql.NewNonNull(graphql.String))},
		"field":               {Type: graphql.String, Description: "学科领域（完全匹配）。"},
		"fields":              {Type: graphql.NewList(graphql.NewNonNull(graphql.String))},
		"audience":            {Type: audienceEnum, Description: "受众（含讲座主题的受众）。"},
		"audiences":           {Type: graphql.NewList(graphql.NewNonNull(audienceEnum))},
		"emergencyCategory":   {Type: categoryEnum},
		"emergencyCategories": {Type: graphql.NewList(graphql.NewNonNull(categoryEnum))},
		"onCall":              {Type: graphql.Boolean, Description: "是否值守。"},
		"text":                {Type: graphql.String, Description: "姓名或工作单位中包含的文字。"},
		"includeArchived":     {Type: graphql.Boolean, Description: "是否包含已归档的专家，默认否。"},
	},
})

// expertFilter converts the ExpertFilter argument; unknown townships are a
// user error rather than an empty result, so typos are noticed.
func expertFilter(in input) (store.ExpertFilter, error) {
	f := store.ExpertFilter{
		Registries:          typed[talent.Registry](in.both("registry", "registries")),
		Statuses:            typed[talent.MembershipStatus](in.both("status", "statuses")),
		Fields:              in.both("field", "fields"),
		Audiences:           typed[talent.Audience](in.both("audience", "audiences")),
		EmergencyCategories: typed[talent.EmergencyCategory](in.both("emergencyCategory", "emergencyCategories")),
		Text:                in.str("text"),
		IncludeArchived:     in.boolean("includeArchived"),
	}
	if in.has("onCall") && in["onCall"] != nil {
		b := in.boolean("onCall")
		f.OnCall = &b
	}
	for _, t := range in.both("township", "townships") {
		tw, ok := talent.LookupTownship(t)
		if !ok {
			return f, talent.Errorf(talent.CodeUnknownTownship, "filter.township", "乡镇“%s”不是浮梁县的乡镇", t)
		}
		f.Townships = append(f.Townships, tw.Code)
	}
	if len([]rune(f.Text)) > 100 {
		return f, talent.Errorf(talent.CodeTooLong, "filter.text", "搜索文字不能超过100个字")
	}
	return f, nil
}

var lectureTopicInput = graphql.NewInputObject(graphql.InputObjectConfig{
	Name: "LectureTopicInput",
	Fields: graphql.InputObjectConfigFieldMap{
		"title":     {Type: nonNullString, Description: "题目。"},
		"abstract":  {Type: graphql.String, Description: "简介。"},
		"audiences": {Type: graphql.NewList(graphql.NewNonNull(audienceEnum))},
		"minutes":   {Type: graphql.Int, Description: "时长（分钟，10–480）。"},
	},
})

var dateRangeInput = graphql.NewInputObject(graphql.InputObjectConfig{
	Name: "DateRangeInput",
	Fields: graphql.InputObjectConfigFieldMap{
		"from":   {Type: graphql.NewNonNull(dateScalar)},
		"to":     {Type: graphql.NewNonNull(dateScalar)},
		"reason": {Type: graphql.String},
	},
})

var availabilityInput = graphql.NewInputObject(graphql.InputObjectConfig{
	Name: "AvailabilityInput",
	Fields: graphql.InputObjectConfigFieldMap{
		"weekdays":    {Type: graphql.NewList(graphql.NewNonNull(graphql.Int)), Description: "1=周一 … 7=周日；空表示不限。"},
		"unavailable": {Type: graphql.NewList(graphql.NewNonNull(dateRangeInput))},
		"note":        {Type: graphql.String},
	},
})

var consentInput = graphql.NewInputObject(graphql.InputObjectConfig{
	Name:        "ConsentInput",
	Description: "本人同意保存联系方式；保存电话或邮箱时必填。",
	Fields: graphql.InputObjectConfigFieldMap{
		"purpose": {Type: nonNullString, Description: "用途，如“科普活动联络”。"},
		"givenAt": {Type: graphql.DateTime, Description: "同意时间，默认为现在。"},
	},
})

// profileFields are the expert fields shared by create and update inputs.
func profileFields(nameType graphql.Input) graphql.InputObjectConfigFieldMap {
	strList := graphql.NewList(graphql.NewNonNull(graphql.String))
	return graphql.InputObjectConfigFieldMap{
		"externalId":             {Type: graphql.String, Description: "主管部门自己的编号，唯一。"},
		"name":                   {Type: nameType, Description: "姓名。"},
		"gender":                 {Type: genderEnum},
		"birthYear":              {Type: graphql.Int},
		"title":                  {Type: graphql.String, Description: "职称。"},
		"organization":           {Type: graphql.String, Description: "工作单位。"},
		"township":               {Type: graphql.String, Description: "所在乡镇：名称或代码。"},
		"fields":                 {Type: strList, Description: "学科领域。"},
		"expertise":              {Type: strList, Description: "专长关键词。"},
		"bio":                    {Type: graphql.String, Description: "简介。"},
		"lectureTopics":          {Type: graphql.NewList(graphql.NewNonNull(lectureTopicInput))},
		"audiences":              {Type: graphql.NewList(graphql.NewNonNull(audienceEnum))},
		"serviceTownships":       {Type: strList, Description: "服务乡镇：名称或代码。"},
		"availability":           {Type: availabilityInput},
		"maxEngagementsPerMonth": {Type: graphql.Int, Description: "每月最多服务次数（0–60），默认4。"},
		"emergencyCategories":    {Type: graphql.NewList(graphql.NewNonNull(categoryEnum))},
		"phone":                  {Type: graphql.String},
		"email":                  {Type: graphql.String},
		"consent":                {Type: consentInput},
	}
}

// applyProfile copies the fields present in the input onto e. graphql-go
// drops explicit nulls from input objects, so a null leaves a field as it
// is; an empty string or list clears it.
func applyProfile(in input, e *talent.Expert) {
	setters := map[string]func(){
		"externalId":   func() { e.ExternalID = in.str("externalId") },
		"name":         func() { e.Name = in.str("name") },
		"gender":       func() { e.Gender = talent.Gender(in.str("gender")) },
		"birthYear":    func() { e.BirthYear = in.int("birthYear") },
		"title":        func() { e.Title = in.str("title") },
		"organization": func() { e.Organization = in.str("organization") },
		"township":     func() { e.Township = in.str("township") },
		"fields":       func() { e.Fields = in.strs("fields") },
		"expertise":    func() { e.Expertise = in.strs("expertise") },
		"bio":          func() { e.Bio = in.str("bio") },
		"lectureTopics": func() {
			e.LectureTopics = nil
			for _, t := range in.objs("lectureTopics") {
				e.LectureTopics = append(e.LectureTopics, talent.LectureTopic{Title: t.str("title"), Abstract: t.str("abstract"),
					Audiences: typed[talent.Audience](t.strs("audiences")), Minutes: t.int("minutes")})
			}
		},
		"audiences":        func() { e.Audiences = typed[talent.Audience](in.strs("audiences")) },
		"serviceTownships": func() { e.ServiceTownships = in.strs("serviceTownships") },
		"availability": func() {
			a := in.obj("availability")
			e.Availability = talent.Availability{Weekdays: a.ints("weekdays"), Note: a.str("note")}
			for _, d := range a.objs("unavailable") {
				e.Availability.Unavailable = append(e.Availability.Unavailable, talent.DateRange{From: d.str("from"), To: d.str("to"), Reason: d.str("reason")})
			}
		},
		"maxEngagementsPerMonth": func() { e.MaxEngagementsPerMonth = in.int("maxEngagementsPerMonth") },
		"emergencyCategories":    func() { e.EmergencyCategories = typed[talent.EmergencyCategory](in.strs("emergencyCategories")) },
		"phone":                  func() { e.Phone = in.str("phone") },
		"email":                  func() { e.Email = in.str("email") },
		"consent": func() {
			c := in.obj("consent")
			e.Consent = &talent.Consent{Purpose: c.str("purpose")}
			if t, ok := c["givenAt"].(time.Time); ok {
				e.Consent.GivenAt = t.UTC()
			}
		},
	}
	for k, set := range setters {
		if in.has(k) {
			set()
		}
	}
}
