package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/fuliang/talent/internal/app"
	"github.com/fuliang/talent/internal/auth"
	"github.com/fuliang/talent/internal/config"
	"github.com/fuliang/talent/internal/server"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
)

// api is a running server over a fresh database.
type api struct {
	t     *testing.T
	url   string
	store *store.Store
	token string // sent as the bearer token unless a test sets Authorization
}

// eachDialect runs fn against a real HTTP server on SQLite and on PostgreSQL.
func eachDialect(t *testing.T, fn func(t *testing.T, a *api)) {
	t.Run("sqlite", func(t *testing.T) { t.Parallel(); fn(t, start(t, "")) })
	t.Run("postgres", func(t *testing.T) { t.Parallel(); fn(t, start(t, testenv.PostgresURL(t))) })
}

func start(t *testing.T, dbURL string) *api {
	t.Helper()
	return startWith(t, config.Config{DatabaseURL: dbURL})
}

// startWith starts a server on cfg's database and search backend.
func startWith(t *testing.T, cfg config.Config) *api {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cfg.DataDir, cfg.Migrate, cfg.YouthAgeLimit = t.TempDir(), true, 40
	// Tests run without background loops (cfg.Worker false) unless they
	// ask for them, so that query counts see only the request measured;
	// writes still reach the index at once through the after-commit hook.
	a, err := app.Open(ctx, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.InitIndex(ctx); err != nil {
		t.Fatal(err)
	}
	a.Start(ctx)
	t.Cleanup(func() { cancel(); a.Close() })
	st := a.Store
	cfg.Introspection = true
	srv, err := server.New(a, server.Limits(cfg))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	a2 := &api{t: t, url: ts.URL, store: st}
	a2.token = a2.userToken(&talent.User{Login: "admin", Role: talent.RoleAdmin})
	return a2
}

// userToken creates a user and returns an API token for it.
func (a *api) userToken(u *talent.User) string {
	a.t.Helper()
	ctx := context.Background()
	created, err := a.store.CreateUser(ctx, u, "")
	if err != nil {
		a.t.Fatal(err)
	}
	token, _, err := auth.New(a.store).CreateAPIToken(ctx, created.ID, "test", time.Hour)
	if err != nil {
		a.t.Fatal(err)
	}
	return token
}

// as returns a client of the same server acting with another token
// ("" for anonymous).
func (a *api) as(token string) *api {
	c := *a
	c.token = token
	return &c
}

type gqlResponse struct {
	Data   map[string]json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// post sends a GraphQL request and returns status, content type and body.
func (a *api) post(body string, header ...string) (int, string, []byte) {
	a.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, a.url+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Content-Type"), b
}

// do runs a query with variables and decodes data.field into out, failing
// on any GraphQL error.
func (a *api) do(query string, vars map[string]any, field string, out any) {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	status, _, b := a.post(string(body))
	var r gqlResponse
	if err := json.Unmarshal(b, &r); err != nil || status != 200 || len(r.Errors) > 0 {
		a.t.Fatalf("status %d: %s", status, b)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data[field], out); err != nil {
			a.t.Fatalf("decode %s: %v in %s", field, err, b)
		}
	}
}

type userError struct{ Field, Code, Message string }

type expertPayload struct {
	Expert *struct {
		ID       string
		Name     string
		Township string
		Version  int
		Bio      string
	}
	UserErrors []userError
}

const createMutation = `mutation($in: CreateExpertInput!) { createExpert(input: $in) { expert { id name township version bio } userErrors { field code message } } }`

func (a *api) createExpert(in map[string]any) expertPayload {
	a.t.Helper()
	var p expertPayload
	a.do(createMutation, map[string]any{"in": in}, "createExpert", &p)
	return p
}

func TestCreateReadUpdateThroughHTTP(t *testing.T) {
	eachDialect(t, func(t *testing.T, a *api) {
		p := a.createExpert(map[string]any{
			"name": "程瓷", "township": "浮梁镇", "gender": "FEMALE", "birthYear": 1988,
			"expertise": []string{"陶瓷釉料", "窑炉烧成"}, "audiences": []string{"HIGH_SCHOOL"},
			"lectureTopics": []map[string]any{{"title": "千年瓷都的釉色秘密", "minutes": 60, "audiences": []string{"HIGH_SCHOOL"}}},
			"phone":         "13912345678", "consent": map[string]any{"purpose": "科普活动联络"},
		})
		if len(p.UserErrors) != 0 || p.Expert == nil || p.Expert.Township != "浮梁镇" || p.Expert.Version != 1 {
			t.Fatalf("create: %+v", p)
		}
		id := p.Expert.ID
		var e struct {
			Name          string
			LectureTopics []struct{ Title string }
			Phone         string
			Consent       struct{ Purpose string }
			Memberships   []any
		}
		a.do(`query($id: ID!) { expert(id: $id) { name lectureTopics { title } phone consent { purpose } memberships { registry } } }`,
			map[string]any{"id": id}, "expert", &e)
		if e.Name != "程瓷" || len(e.LectureTopics) != 1 || e.Phone != "13912345678" || e.Consent.Purpose != "科普活动联络" || len(e.Memberships) != 0 {
			t.Fatalf("read back: %+v", e)
		}
		var up expertPayload
		a.do(`mutation($in: UpdateExpertInput!) { updateExpert(input: $in) { expert { id version bio township } userErrors { field code message } } }`,
			map[string]any{"in": map[string]any{"id": id, "version": 1, "bio": "从事陶瓷釉料研究二十年。"}}, "updateExpert", &up)
		if len(up.UserErrors) != 0 || up.Expert.Version != 2 || up.Expert.Bio != "从事陶瓷釉料研究二十年。" || up.Expert.Township != "浮梁镇" {
			t.Fatalf("update: %+v", up)
		}
		var cleared expertPayload
		// An empty value clears a field; omitted fields (and nulls, which
		// graphql-go drops from input objects) stay as they were.
		a.do(`mutation($in: UpdateExpertInput!) { updateExpert(input: $in) { expert { bio township } userErrors { code } } }`,
			map[string]any{"in": map[string]any{"id": id, "version": 2, "bio": "", "township": nil}}, "updateExpert", &cleared)
		if cleared.Expert == nil || cleared.Expert.Bio != "" || cleared.Expert.Township != "浮梁镇" {
			t.Fatalf("empty clears, null keeps: %+v", cleared)
		}
		var missing json.RawMessage
		a.do(`{ expert(id: "999999") { id } }`, nil, "expert", &missing)
		if string(missing) != "null" {
			t.Fatalf("missing expert: %s", missing)
		}
	})
}

func TestValidationIsUserErrorAndWritesNothing(t *testing.T) {
	eachDialect(t, func(t *testing.T, a *api) {
		p := a.createExpert(map[string]any{"name": "  ", "township": "火星乡", "birthYear": 1800, "phone": "13912345678"})
		if p.Expert != nil {
			t.Fatalf("invalid expert created: %+v", p.Expert)
		}
		codes := map[string]string{}
		for _, e := range p.UserErrors {
			codes[e.Field] = e.Code
			if e.Message == "" || !containsHan(e.Message) {
				t.Errorf("message not in Chinese: %+v", e)
			}
		}
		want := map[string]string{"name": "REQUIRED", "township": "UNKNOWN_TOWNSHIP", "birthYear": "OUT_OF_RANGE", "consent": "CONSENT_REQUIRED"}
		for f, c := range want {
			if codes[f] != c {
				t.Errorf("field %s: code %q, want %q (all: %v)", f, codes[f], c, codes)
			}
		}
		if n, _ := a.store.CountExperts(context.Background(), store.ExpertFilter{IncludeArchived: true}); n != 0 {
			t.Fatalf("%d experts written", n)
		}
	})
}

func containsHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func TestConcurrentUpdatesExactlyOneWins(t *testing.T) {
	eachDialect(t, func(t *testing.T, a *api) {
		id := a.createExpert(map[string]any{"name": "并发测试"}).Expert.ID
		const n = 10
		results := make([]expertPayload, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				body, _ := json.Marshal(map[string]any{
					"query":     `mutation($in: UpdateExpertInput!) { updateExpert(input: $in) { expert { version bio } userErrors { field code message } } }`,
					"variables": map[string]any{"in": map[string]any{"id": id, "version": 1, "bio": fmt.Sprintf("第%d位编辑", i)}},
				})
				req, _ := http.NewRequest(http.MethodPost, a.url+"/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+a.token)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				defer res.Body.Close()
				var r struct {
					Data struct{ UpdateExpert expertPayload }
				}
				if err := json.NewDecoder(res.Body).Decode(&r); err != nil || res.StatusCode != 200 {
					t.Errorf("status %d: %v", res.StatusCode, err)
				}
				results[i] = r.Data.UpdateExpert
			}(i)
		}
		wg.Wait()
		wins, conflicts := 0, 0
		var winner string
		for _, r := range results {
			switch {
			case r.Expert != nil && len(r.UserErrors) == 0:
				wins++
				winner = r.Expert.Bio
			case len(r.UserErrors) == 1 && r.UserErrors[0].Code == "CONFLICT":
				conflicts++
			default:
				t.Errorf("unexpected result %+v", r)
			}
		}
		if wins != 1 || conflicts != n-1 {
			t.Fatalf("wins=%d conflicts=%d", wins, conflicts)
		}
		var e struct {
			Bio     string
			Version int
		}
		a.do(`query($id: ID!) { expert(id: $id) { bio version } }`, map[string]any{"id": id}, "expert", &e)
		if e.Bio != winner || e.Version != 2 {
			t.Fatalf("stored %+v, winner wrote %q", e, winner)
		}
	})
}

func TestBadRequestsAreClientErrors(t *testing.T) {
	a := start(t, "")
	// 50 levels through the recursive introspection type.
	deep50 := `{ __type(name: "Expert") { fields { type ` + strings.Repeat("{ ofType ", 47) + "{ name }" + strings.Repeat(" }", 47) + " } } }"
	cases := []struct {
		name     string
		body     string
		header   []string
		status   int
		code     string
		noErrors bool
	}{
		{"malformed json", `{"query": "{ registries { name } }"`, nil, 400, "BAD_JSON", false},
		{"json not object", `[1,2]`, nil, 400, "BAD_JSON", false},
		{"no query", `{"variables": {}}`, nil, 400, "BAD_REQUEST", false},
		{"query not string", `{"query": 42}`, nil, 400, "BAD_REQUEST", false},
		{"parse error", `{"query": "{ registries { name "}`, []string{"Accept", "application/graphql-response+json"}, 400, "GRAPHQL_PARSE_FAILED", false},
		{"unknown enum", `{"query": "{ experts(filter: {registry: SPACE_FORCE}) { totalCount } }"}`, []string{"Accept", "application/graphql-response+json"}, 400, "GRAPHQL_VALIDATION_FAILED", false},
		{"unknown enum legacy json", `{"query": "{ experts(filter: {registry: SPACE_FORCE}) { totalCount } }"}`, []string{"Accept", "application/json"}, 200, "GRAPHQL_VALIDATION_FAILED", false},
		{"unknown field", `{"query": "{ experts { nodes { nam } } }"}`, nil, 200, "GRAPHQL_VALIDATION_FAILED", false},
		{"bad date variable", `{"query": "query($in: MatchInput!) { match(input: $in) { candidates { score } } }", "variables": {"in": {"kind": "SCHOOL", "description": "天文", "from": "2026-13-01"}}}`, []string{"Accept", "application/graphql-response+json"}, 400, "BAD_USER_INPUT", false},
		{"missing variable", `{"query": "query($id: ID!) { expert(id: $id) { name } }"}`, []string{"Accept", "application/graphql-response+json"}, 400, "BAD_USER_INPUT", false},
		{"missing required field", `{"query": "mutation { createExpert(input: {township: \"浮梁镇\"}) { expert { id } } }"}`, []string{"Accept", "application/graphql-response+json"}, 400, "GRAPHQL_VALIDATION_FAILED", false},
		{"bad variable", `{"query": "query($n: Int) { experts(first: $n) { totalCount } }", "variables": {"n": "many"}}`, []string{"Accept", "application/graphql-response+json"}, 400, "BAD_USER_INPUT", false},
		{"too deep", `{"query": ` + jsonString(deep50) + `}`, []string{"Accept", "application/graphql-response+json"}, 400, "QUERY_TOO_DEEP", false},
		{"too deep legacy json", `{"query": ` + jsonString(deep50) + `}`, nil, 200, "QUERY_TOO_DEEP", false},
		{"not acceptable", `{"query": "{ registries { name } }"}`, []string{"Accept", "text/plain"}, 406, "NOT_ACCEPTABLE", false},
		{"bad content type", `{"query": "{ registries { name } }"}`, []string{"Content-Type", "text/plain"}, 415, "UNSUPPORTED_MEDIA_TYPE", false},
		{"bad cursor", `{"query": "{ experts(after: \"garbage\") { totalCount } }"}`, nil, 200, "INVALID", false},
		{"first out of range", `{"query": "{ experts(first: 101) { totalCount } }"}`, nil, 200, "OUT_OF_RANGE", false},
		{"too complex", `{"query": "{ experts(first: 100000) { totalCount edges { node { name } } } }"}`, nil, 200, "QUERY_TOO_COMPLEX", false},
	}
	for _, c := range cases {
		status, _, b := a.post(c.body, c.header...)
		if status != c.status {
			t.Errorf("%s: status %d, want %d: %s", c.name, status, c.status, b)
			continue
		}
		var r gqlResponse
		if err := json.Unmarshal(b, &r); err != nil {
			t.Errorf("%s: body is not JSON: %s", c.name, b)
			continue
		}
		if len(r.Errors) == 0 {
			t.Errorf("%s: no errors in %s", c.name, b)
			continue
		}
		if c.code != "" && r.Errors[0].Extensions["code"] != c.code {
			t.Errorf("%s: code %v, want %s: %s", c.name, r.Errors[0].Extensions["code"], c.code, b)
		}
		// People read these: every message says what is wrong in Chinese.
		for _, e := range r.Errors {
			if !strings.ContainsFunc(e.Message, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("%s: message %q is not in Chinese", c.name, e.Message)
			}
		}
	}
	// A 10 MB body is refused before it is read.
	big := `{"query": "mutation { createExpert(input: {name: \"` + strings.Repeat("长", 10<<20/3) + `\"}) { expert { id } } }"}`
	if status, _, b := a.post(big); status != http.StatusRequestEntityTooLarge || !strings.Contains(string(b), "BODY_TOO_LARGE") {
		t.Errorf("10 MB body: %d %s", status, b[:min(len(b), 200)])
	}
	if n, _ := a.store.CountExperts(context.Background(), store.ExpertFilter{IncludeArchived: true}); n != 0 {
		t.Fatalf("bad requests wrote %d experts", n)
	}
}

func jsonString(s string) string { b, _ := json.Marshal(s); return string(b) }

func TestGetQueriesAndMutationsOnlyByPost(t *testing.T) {
	a := start(t, "")
	res, err := http.Get(a.url + "/graphql?query=" + urlQuery("{ registries { registry total } }"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(b), "YOUTH_TALENT") {
		t.Fatalf("GET query: %d %s", res.StatusCode, b)
	}
	res, _ = http.Get(a.url + "/graphql?query=" + urlQuery(`mutation { createExpert(input: {name: "x"}) { expert { id } } }`))
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET mutation: %d", res.StatusCode)
	}
	// The GraphQL response media type is used when asked for.
	_, ct, _ := a.post(`{"query": "{ townships { name } }"}`, "Accept", "application/graphql-response+json, application/json;q=0.9")
	if !strings.HasPrefix(ct, "application/graphql-response+json") {
		t.Fatalf("content type %q", ct)
	}
	_, ct, _ = a.post(`{"query": "{ townships { name } }"}`)
	if !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("default content type %q", ct)
	}
	// Browsers get GraphiQL, served without any outside network.
	req, _ := http.NewRequest(http.MethodGet, a.url+"/graphql", nil)
	req.Header.Set("Accept", "text/html")
	res, _ = http.DefaultClient.Do(req)
	b, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(b), "/graphiql/graphiql.min.js") || strings.Contains(string(b), "https://") {
		t.Fatalf("GraphiQL page: %d", res.StatusCode)
	}
	res, _ = http.Get(a.url + "/graphiql/graphiql.min.js")
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("GraphiQL asset: %d", res.StatusCode)
	}
}

// TestCachedDocumentsAreStillChecked: a query text seen before skips
// parsing and validation, not the checks that depend on the request.
func TestCachedDocumentsAreStillChecked(t *testing.T) {
	a := start(t, "")
	q := `query($n: Int) { experts(first: $n) { totalCount edges { node { name } } } }`
	body := func(n int) string {
		return `{"query": ` + jsonString(q) + `, "variables": {"n": ` + strconv.Itoa(n) + `}}`
	}
	// The same text from many clients at once (run under -race: the
	// executor shares the cached document).
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if status, _, b := a.post(body(5)); status != 200 || !strings.Contains(string(b), "totalCount") || strings.Contains(string(b), "errors") {
				t.Errorf("first 5: %d %s", status, b)
			}
		})
	}
	wg.Wait()
	// Complexity depends on the variables: checked again for a cached text.
	if _, _, b := a.post(body(100000)); !strings.Contains(string(b), "QUERY_TOO_COMPLEX") {
		t.Fatalf("first 100000 after the text was cached: %s", b)
	}
	// The method rule depends on the request: a mutation cached from a POST
	// is still refused over GET.
	m := `mutation { createExpert(input: {name: ""}) { expert { id } } }`
	if _, _, b := a.post(`{"query": ` + jsonString(m) + `}`); strings.Contains(string(b), "GRAPHQL_") || !strings.Contains(string(b), `"expert":null`) {
		t.Fatalf("POST of a valid mutation with an empty name: %s", b)
	}
	res, err := http.Get(a.url + "/graphql?query=" + urlQuery(m))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET of a cached mutation: %d", res.StatusCode)
	}
	// An invalid text is never cached: it fails the same way twice.
	for range 2 {
		if _, _, b := a.post(`{"query": "{ experts { nodes { nam } } }"}`); !strings.Contains(string(b), "GRAPHQL_VALIDATION_FAILED") {
			t.Fatalf("invalid query: %s", b)
		}
	}
}

func urlQuery(q string) string {
	return strings.NewReplacer(" ", "%20", "{", "%7B", "}", "%7D", "\"", "%22", ":", "%3A", "(", "%28", ")", "%29").Replace(q)
}

// TestPageCostsConstantQueries proves there is no N+1: a page of experts
// with their memberships and membership histories costs the same number of
// SQL statements for 10 experts as for 100.
func TestPageCostsConstantQueries(t *testing.T) {
	eachDialect(t, func(t *testing.T, a *api) {
		ctx := context.Background()
		for i := 0; i < 100; i++ {
			e, err := a.store.CreateExpert(ctx, &talent.Expert{Name: fmt.Sprintf("专家%03d", i), BirthYear: 1990, MaxEngagementsPerMonth: 4})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := a.store.AdmitToRegistry(ctx, store.Admission{ExpertID: e.ID, Registry: talent.YouthTalent, Status: talent.StatusAdmitted}); err != nil {
				t.Fatal(err)
			}
			if i%2 == 0 {
				if _, _, err := a.store.AdmitToRegistry(ctx, store.Admission{ExpertID: e.ID, Registry: talent.ScienceEnvoy}); err != nil {
					t.Fatal(err)
				}
			}
		}
		cost := func(first int) (int64, int) {
			before := a.store.QueryCount()
			var c struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Memberships []struct {
							Registry string
							History  []struct{ To string }
						}
						Recommendations []any
						ServiceLogs     []any
					}
				}
			}
			a.do(fmt.Sprintf(`{ experts(first: %d) { totalCount edges { node { name memberships { registry status history { to at } } recommendations { id } serviceLogs { id } } } } }`, first), nil, "experts", &c)
			n := 0
			for _, e := range c.Edges {
				n += len(e.Node.Memberships)
			}
			return a.store.QueryCount() - before, n
		}
		cost(1) // the first request of a token records its use
		q10, m10 := cost(10)
		q100, m100 := cost(100)
		if m10 != 15 || m100 != 150 {
			t.Fatalf("memberships loaded: %d and %d", m10, m100)
		}
		// 6 for the page, 1 to resolve the caller's token.
		if q10 != q100 || q100 > 7 {
			t.Fatalf("queries: %d for 10 experts, %d for 100 (want equal and ≤ 7)", q10, q100)
		}
		t.Logf("a page of 100 experts with memberships, histories, recommendations and service logs: %d SQL queries (one resolves the token)", q100)
	})
}

// TestMatchAndSearchThroughHTTP: experts written through the API are found
// at once (the write path updates the index on commit), ranked with
// explanations, and archived experts disappear from both.
func TestMatchAndSearchThroughHTTP(t *testing.T) {
	eachDialect(t, func(t *testing.T, a *api) {
		ids := map[string]string{}
		for _, in := range []map[string]any{
			{"name": "茶专家", "township": "江村乡", "expertise": []string{"茶树病虫害", "绿色防控"}, "audiences": []string{"FARMERS"}},
			{"name": "瓷专家", "township": "浮梁镇", "expertise": []string{"陶瓷釉料", "窑炉"}, "audiences": []string{"ENTERPRISE_STAFF"}},
			{"name": "航空专家", "township": "洪源镇", "expertise": []string{"通用航空", "直升机"},
				"lectureTopics": []map[string]any{{"title": "飞机为什么能飞", "audiences": []string{"PRIMARY_SCHOOL"}}}},
		} {
			p := a.createExpert(in)
			if p.Expert == nil {
				t.Fatalf("create: %+v", p.UserErrors)
			}
			ids[in["name"].(string)] = p.Expert.ID
		}
		var env struct {
			Membership *struct{ Status string }
			UserErrors []userError
		}
		a.do(`mutation($in: AdmitToRegistryInput!) { admitToRegistry(input: $in) { membership { status } userErrors { code message } } }`,
			map[string]any{"in": map[string]any{"expertId": ids["茶专家"], "registry": "SCIENCE_ENVOY", "status": "ADMITTED"}}, "admitToRegistry", &env)
		if env.Membership == nil {
			t.Fatalf("admit: %+v", env.UserErrors)
		}
		var m struct {
			Candidates []struct {
				Expert       struct{ ID, Name string }
				Score        float64
				CanTake      bool
				MatchedTerms []string
				Reasons      []string
				Explanation  []struct {
					Feature                     string
					Weight, Value, Contribution float64
				}
			}
			Terms []string
		}
		a.do(`query($in: MatchInput!) { match(input: $in, first: 5) { terms candidates { expert { id name } score canTake matchedTerms reasons explanation { feature weight value contribution } } } }`,
			map[string]any{"in": map[string]any{"kind": "VILLAGE", "description": "村里的茶树叶子发黄有虫，想请懂茶叶病虫害的专家来看看", "township": "江村乡"}}, "match", &m)
		if len(m.Candidates) == 0 || m.Candidates[0].Expert.Name != "茶专家" || !m.Candidates[0].CanTake {
			t.Fatalf("match: %+v", m)
		}
		top := m.Candidates[0]
		sum := 0.0
		for _, f := range top.Explanation {
			sum += f.Contribution
		}
		if math.Abs(sum-top.Score) > 1e-9 || len(top.MatchedTerms) == 0 || len(top.Reasons) == 0 {
			t.Fatalf("explanation does not add up: %+v", top)
		}
		var s struct {
			TotalCount int
			Edges      []struct {
				Cursor string
				Node   struct{ Name string }
			}
		}
		a.do(`{ searchExperts(query: "瓷") { totalCount edges { cursor node { name } } } }`, nil, "searchExperts", &s)
		if s.TotalCount != 1 || s.Edges[0].Node.Name != "瓷专家" {
			t.Fatalf("search 瓷: %+v", s)
		}
		var arch expertPayload
		a.do(`mutation($in: ArchiveExpertInput!) { archiveExpert(input: $in) { expert { id } userErrors { code message } } }`,
			map[string]any{"in": map[string]any{"id": ids["瓷专家"], "reason": "调离"}}, "archiveExpert", &arch)
		a.do(`{ searchExperts(query: "瓷") { totalCount edges { cursor node { name } } } }`, nil, "searchExperts", &s)
		if s.TotalCount != 0 {
			t.Fatalf("archived expert still found: %+v", s)
		}
		// Bad match input is a clear error, never a 5xx.
		for _, desc := range []string{"", strings.Repeat("长", 10000)} {
			body, _ := json.Marshal(map[string]any{"query": `query($d: String!) { match(input: {kind: SCHOOL, description: $d}) { candidates { score } } }`, "variables": map[string]any{"d": desc}})
			status, _, b := a.post(string(body))
			var r gqlResponse
			_ = json.Unmarshal(b, &r)
			if status != 200 || len(r.Errors) == 0 || r.Errors[0].Extensions["code"] == "INTERNAL" {
				t.Fatalf("description of %d chars: %d %s", len([]rune(desc)), status, b)
			}
		}
	})
}
