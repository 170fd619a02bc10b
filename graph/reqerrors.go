package graph

import (
	"regexp"
	"sort"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
)

// Errors that graphql-go raises before any resolver runs — a parse error, a
// field the schema does not have, a variable of the wrong type — come in
// English and without a code. They reach people (the pages show them) and
// programs (which branch on the code), so at the edge each gets a stable
// code and a Chinese message; graphql-go's own text stays in
// extensions.detail for developers.
const (
	codeParseFailed      = "GRAPHQL_PARSE_FAILED"
	codeValidationFailed = "GRAPHQL_VALIDATION_FAILED"
	codeBadUserInput     = "BAD_USER_INPUT"
)

// A requestErrorRule turns one of graphql-go's messages into Chinese.
type requestErrorRule struct {
	re *regexp.Regexp
	zh func(s graphql.Schema, m []string) string
}

var requestErrorRules = []requestErrorRule{
	{re: regexp.MustCompile(`(?s)^Variable "\$(\w+)" got invalid value .*?\nIn field "([\w.]+)": Expected type "(\w+)", found (.*)\.$`),
		zh: func(s graphql.Schema, m []string) string {
			return "变量 $" + m[1] + " 的字段 " + m[2] + " 的值 " + m[4] + " 无效：" + expectation(s, m[3])
		}},
	{re: regexp.MustCompile(`(?s)^Argument "(\w+)" has invalid value .*?\nIn field "([\w.]+)": Expected type "(\w+)", found (.*)\.$`),
		zh: func(s graphql.Schema, m []string) string {
			return "参数 " + m[1] + " 的字段 " + m[2] + " 的值 " + m[4] + " 无效：" + expectation(s, m[3])
		}},
	{re: regexp.MustCompile(`(?s)^(?:Variable "\$|Argument ")(\w+)"? (?:got|has) invalid value .*?\nIn field "([\w.]+)": Expected "(.+?)!", found null\.$`),
		zh: func(_ graphql.Schema, m []string) string {
			return m[1] + " 缺少必填字段 " + m[2] + "（" + m[3] + "）"
		}},
	{re: regexp.MustCompile(`(?s)^(?:Variable "\$|Argument ")(\w+)"? (?:got|has) invalid value .*?\nIn field "([\w.]+)": Unknown field\.$`),
		zh: func(_ graphql.Schema, m []string) string { return m[1] + " 中没有字段 " + m[2] }},
	{re: regexp.MustCompile(`(?s)^Variable "\$(\w+)" got invalid value (.*?)\.\nExpected type "(\w+)"`),
		zh: func(s graphql.Schema, m []string) string {
			return "变量 $" + m[1] + " 的值 " + m[2] + " 无效：" + expectation(s, m[3])
		}},
	{re: regexp.MustCompile(`(?s)^Argument "(\w+)" has invalid value (.*?)\.\nExpected type "(\w+)"`),
		zh: func(s graphql.Schema, m []string) string {
			return "参数 " + m[1] + " 的值 " + m[2] + " 无效：" + expectation(s, m[3])
		}},
	{re: regexp.MustCompile(`^Variable "\$(\w+)" of required type "(.+)" was not provided\.$`),
		zh: func(_ graphql.Schema, m []string) string { return "缺少必填变量 $" + m[1] + "（" + m[2] + "）" }},
	{re: regexp.MustCompile(`^Field "(\w+)" argument "(\w+)" of type "(.+)" is required but not provided\.$`),
		zh: func(_ graphql.Schema, m []string) string {
			return "字段 " + m[1] + " 缺少必填参数 " + m[2] + "（" + m[3] + "）"
		}},
	{re: regexp.MustCompile(`^Cannot query field "(\w+)" on type "(\w+)"\.`),
		zh: func(_ graphql.Schema, m []string) string { return "类型 " + m[2] + " 没有字段 " + m[1] }},
	{re: regexp.MustCompile(`^Unknown argument "(\w+)" on field "(\w+)" of type "(\w+)"\.`),
		zh: func(_ graphql.Schema, m []string) string {
			return "字段 " + m[3] + "." + m[2] + " 没有参数 " + m[1]
		}},
	{re: regexp.MustCompile(`^Field "(\w+)" of type "(.+)" must have a (?:sub ?)?selection`),
		zh: func(_ graphql.Schema, m []string) string {
			return "字段 " + m[1] + "（" + m[2] + "）须选择子字段，例如 { id }"
		}},
	{re: regexp.MustCompile(`^Field "(\w+)" (?:of type "(.+)" must not have a sub ?selection|must not have a selection since type "(.+)" has no subfields)`),
		zh: func(_ graphql.Schema, m []string) string {
			return "字段 " + m[1] + "（" + m[2] + "）没有子字段，不能带选择集"
		}},
	{re: regexp.MustCompile(`^Unknown operation named "(.*)"\.$`),
		zh: func(_ graphql.Schema, m []string) string { return "请求中没有名为 " + m[1] + " 的操作" }},
	{re: regexp.MustCompile(`^Must provide an operation\.$`),
		zh: func(graphql.Schema, []string) string { return "请求中没有可执行的操作" }},
	{re: regexp.MustCompile(`^Must provide operation name if query contains multiple operations\.$`),
		zh: func(graphql.Schema, []string) string {
			return "请求含多个操作，须用 operationName 指明执行哪一个"
		}},
	{re: regexp.MustCompile(`(?s)^Syntax Error [^(]*\((\d+):(\d+)\) (.*)$`),
		zh: func(_ graphql.Schema, m []string) string {
			return "查询语法错误（第 " + m[1] + " 行第 " + m[2] + " 列）：" + strings.SplitN(m[3], "\n", 2)[0]
		}},
}

// scalarHints say what a custom scalar accepts.
var scalarHints = map[string]string{
	"Date":     "应为 1900 至 2100 年间的日期，格式 YYYY-MM-DD，如 2026-12-01",
	"DateTime": "应为时间，RFC 3339 格式，如 2026-12-01T09:00:00+08:00",
	"ID":       "应为编号",
	"Int":      "应为整数",
	"Float":    "应为数",
	"Boolean":  "应为 true 或 false",
	"String":   "应为字符串",
}

// expectation says in Chinese what a value of the named type looks like;
// for an enum it lists the values.
func expectation(s graphql.Schema, typeName string) string {
	if h, ok := scalarHints[typeName]; ok {
		return h
	}
	if e, ok := s.Type(typeName).(*graphql.Enum); ok {
		var vals []string
		for _, v := range e.Values() {
			vals = append(vals, v.Name)
		}
		sort.Strings(vals)
		return "应为 " + typeName + " 之一：" + strings.Join(vals, "、")
	}
	return "应为 " + typeName + " 类型"
}

// localizeRequestErrors gives each of graphql-go's request errors a code
// and a Chinese message, keeping the English text as detail. Errors that
// already carry a code (ours) pass unchanged.
func localizeRequestErrors(s graphql.Schema, code string, errs []gqlerrors.FormattedError) []gqlerrors.FormattedError {
	out := make([]gqlerrors.FormattedError, len(errs))
	for i, e := range errs {
		out[i] = e
		if _, ok := e.Extensions["code"]; ok {
			continue
		}
		msg := ""
		for _, r := range requestErrorRules {
			if m := r.re.FindStringSubmatch(e.Message); m != nil {
				msg = r.zh(s, m)
				break
			}
		}
		if msg == "" {
			switch code {
			case codeParseFailed:
				msg = "查询语法错误"
			case codeBadUserInput:
				msg = "输入值无效"
			default:
				msg = "查询与接口模式不符"
			}
		}
		out[i].Message = msg
		out[i].Extensions = map[string]any{"code": code, "detail": e.Message}
	}
	return out
}
