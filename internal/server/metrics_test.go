package server_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestMetricsEndpoint: GraphQL requests are counted per operation with
// their outcome, other routes per route and code, and the dependency
// gauges are filled at scrape time.
func TestMetricsEndpoint(t *testing.T) {
	eachDialect(t, func(t *testing.T, a *api) {
		a.do(`{ registries { name } }`, nil, "", nil)
		a.do(`query Mine { registries { name } }`, nil, "", nil) // client's own name → root field
		a.createExpert(map[string]any{"name": "李茶青", "township": "江村乡"})
		a.createExpert(map[string]any{"name": "张三", "township": "不存在乡"}) // userErrors
		a.post(`{"query":"{ nope }"}`)                                   // validation: rejected
		a.post(`not json`)                                               // rejected, unknown type
		httpGet(t, a.url+"/healthz")
		httpGet(t, a.url+"/readyz")

		body := httpGet(t, a.url+"/metrics")
		for _, want := range []string{
			`graphql_requests_total{operation="registries",outcome="ok",type="query"} 2`,
			`graphql_requests_total{operation="createExpert",outcome="ok",type="mutation"} 1`,
			`graphql_requests_total{operation="createExpert",outcome="user_error",type="mutation"} 1`,
			`graphql_requests_total{operation="other",outcome="rejected",type="query"} 1`,
			`graphql_requests_total{operation="other",outcome="rejected",type="unknown"} 1`,
			`graphql_request_duration_seconds_count{operation="registries",type="query"} 2`,
			`http_requests_total{code="200",route="/healthz"} 1`,
			`http_requests_total{code="200",route="/readyz"} 1`,
			`errors_total{component="graphql"} 0`,
			`database_up 1`,
			`search_up 1`,
		} {
			if !strings.Contains(body, "\n"+want+"\n") {
				t.Errorf("/metrics lacks %s", want)
			}
		}
		// Their values depend on how far the indexer got; the series are there.
		for _, series := range []string{`search_documents `, `outbox_pending{topic="expert"} `, `outbox_oldest_seconds{topic="expert"} `} {
			if !strings.Contains(body, "\n"+series) {
				t.Errorf("/metrics lacks %s", series)
			}
		}
		if t.Failed() {
			t.Logf("/metrics:\n%s", body)
		}
	})
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, res.StatusCode, b)
	}
	return string(b)
}
