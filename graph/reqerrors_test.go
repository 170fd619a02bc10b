package graph

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// graphql-go's English request errors reach callers with a code and a
// Chinese message that names what is wrong; the English stays as detail.
func TestRequestErrorsAreCodedAndChinese(t *testing.T) {
	r, _ := newFixture(t)
	h, err := NewHandler(r, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ body, code, want string }{
		{`{"query": "{ experts { nodes { name } "}`, codeParseFailed, "查询语法错误（第 1 行"},
		{`{"query": "{ experts }"}`, codeValidationFailed, "须选择子字段"},
		{`{"query": "{ experts { totalCount { x } } }"}`, codeValidationFailed, "没有子字段"},
		{`{"query": "{ experts(firstt: 2) { totalCount } }"}`, codeValidationFailed, "没有参数 firstt"},
		{`{"query": "{ match { candidates { score } } }"}`, codeValidationFailed, "缺少必填参数 input"},
		{`{"query": "{ match(input: {kind: SCHOOLX, description: \"x\"}) { candidates { score } } }"}`, codeValidationFailed, "SCHOOL、VILLAGE"},
		{`{"query": "{ match(input: {kind: SCHOOL}) { candidates { score } } }"}`, codeValidationFailed, "缺少必填字段 description"},
		{`{"query": "query A { registries { registry } } query B { registries { registry } }"}`, codeBadUserInput, "operationName"},
		{`{"query": "query A { registries { registry } }", "operationName": "C"}`, codeBadUserInput, "没有名为 C 的操作"},
		{`{"query": "query($d: Date) { statistics(groupBy: KIND, from: $d) { total { requests } } }", "variables": {"d": "2026/12/01"}}`, codeBadUserInput, "YYYY-MM-DD"},
		// A variable of the wrong JSON type is rejected, not coerced ("123").
		{`{"query": "query($in: MatchInput!) { match(input: $in) { candidates { score } } }", "variables": {"in": {"kind": "SCHOOL", "description": 123}}}`, codeBadUserInput, "变量 $in.description 应为字符串，收到数字"},
		{`{"query": "query($in: MatchInput!) { match(input: $in) { candidates { score } } }", "variables": {"in": {"kind": true, "description": "x"}}}`, codeBadUserInput, "变量 $in.kind 应为 RequestKind 之一：EMERGENCY、ENTERPRISE、SCHOOL、VILLAGE，收到布尔值"},
		{`{"query": "query($in: MatchInput!) { match(input: $in) { candidates { score } } }", "variables": {"in": ["x"]}}`, codeBadUserInput, "应为对象，收到列表"},
		{`{"query": "query($n: Int) { experts(first: $n) { totalCount } }", "variables": {"n": 2.5}}`, codeBadUserInput, "变量 $n 应为整数"},
		{`{"query": "query($d: Date) { statistics(groupBy: KIND, from: $d) { total { requests } } }", "variables": {"d": 20261201}}`, codeBadUserInput, "应为字符串，收到数字"},
		{`{"query": "query($d: Date) { statistics(groupBy: KIND, from: $d) { total { requests } } }", "variables": {"d": "0001-01-01"}}`, codeBadUserInput, "1900 至 2100 年"},
	} {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(c.body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var out struct {
			Errors []struct {
				Message    string         `json:"message"`
				Extensions map[string]any `json:"extensions"`
			} `json:"errors"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out.Errors) == 0 {
			t.Errorf("%s: %d %s", c.body, rec.Code, rec.Body)
			continue
		}
		e := out.Errors[0]
		if e.Extensions["code"] != c.code || !strings.Contains(e.Message, c.want) || e.Extensions["detail"] == "" {
			t.Errorf("%s: %q %v, want code %s and a message containing %q", c.body, e.Message, e.Extensions, c.code, c.want)
		}
	}
}
