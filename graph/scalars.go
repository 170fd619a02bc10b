package graph

import (
	"time"

	"github.com/fuliang/talent/internal/talent"
	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// dateScalar is a calendar date, YYYY-MM-DD. Invalid input fails
// validation (parse functions return nil), so resolvers only ever see
// well-formed dates.
var dateScalar = graphql.NewScalar(graphql.ScalarConfig{
	Name:        "Date",
	Description: "日历日期，格式 YYYY-MM-DD（如 2026-05-10）。",
	Serialize: func(v interface{}) interface{} {
		switch x := v.(type) {
		case string:
			if x == "" {
				return nil
			}
			return x
		case time.Time:
			return x.Format(talent.DateLayout)
		}
		return nil
	},
	ParseValue: func(v interface{}) interface{} {
		if s, ok := v.(string); ok && plausibleDate(s) {
			return s
		}
		return nil
	},
	ParseLiteral: func(v ast.Value) interface{} {
		if s, ok := v.(*ast.StringValue); ok && plausibleDate(s.Value) {
			return s.Value
		}
		return nil
	},
})

// plausibleDate: a well-formed date in 1900–2100. 0001-01-01 or 9999-12-31
// is a slip or a placeholder, never a date anyone means here (and the
// first is Go's zero time, which reads as "no date").
func plausibleDate(s string) bool {
	d, err := time.Parse(talent.DateLayout, s)
	return err == nil && d.Year() >= 1900 && d.Year() <= 2100
}

// enumType builds a GraphQL enum from a domain enum; each value's
// description is its Chinese label.
func enumType(name, desc string, values []talent.EnumValue) *graphql.Enum {
	cfg := graphql.EnumValueConfigMap{}
	for _, v := range values {
		cfg[v.Name] = &graphql.EnumValueConfig{Value: v.Name, Description: v.Label}
	}
	return graphql.NewEnum(graphql.EnumConfig{Name: name, Description: desc, Values: cfg})
}

var (
	registryEnum    = enumType("Registry", "人才库。", talent.Registries)
	statusEnum      = enumType("MembershipStatus", "入库状态：NOMINATED 已提名 → UNDER_REVIEW 审核中 → ADMITTED 已入库 → SUSPENDED 已暂停 / EXITED 已退出。", talent.MembershipStatuses)
	audienceEnum    = enumType("Audience", "服务或讲座的受众。", talent.Audiences)
	categoryEnum    = enumType("EmergencyCategory", "应急类别。", talent.EmergencyCategories)
	genderEnum      = enumType("Gender", "性别。", talent.Genders)
	levelEnum       = enumType("RecommendationLevel", "推荐项目级别。", talent.RecommendationLevels)
	outcomeEnum     = enumType("RecommendationOutcome", "推荐评审结果。", talent.RecommendationOutcomes)
	targetKindEnum  = enumType("ServiceTargetKind", "科技特派员服务对象类型。", talent.ServiceTargetKinds)
	orgKindEnum     = enumType("OrganizationKind", "单位类型。", talent.OrganizationKinds)
	nonNullStrList  = graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String)))
	nonNullString   = graphql.NewNonNull(graphql.String)
	nonNullInt      = graphql.NewNonNull(graphql.Int)
	nonNullBool     = graphql.NewNonNull(graphql.Boolean)
	nonNullID       = graphql.NewNonNull(graphql.ID)
	nonNullDateTime = graphql.NewNonNull(graphql.DateTime)
)

// listOf is [T!]!.
func listOf(t graphql.Type) graphql.Output {
	return graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t)))
}

// strs converts typed domain strings to []string: graphql-go's enum
// serialisation matches plain strings only.
func strs[T ~string](in []T) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}
