package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fuliang/talent/graph"
	"github.com/fuliang/talent/internal/auth"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
)

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// reqAPI is a GraphQL server over a fresh database with a settable clock.
type reqAPI struct {
	t     *testing.T
	url   string
	st    *store.Store
	clock *testClock
	token string // an ADMIN's API token
}

func startRequestAPI(t *testing.T, dbURL string) *reqAPI {
	t.Helper()
	c := &testClock{t: time.Date(2026, 5, 10, 1, 0, 0, 0, time.UTC)} // 09:00 in China
	rules := talent.DefaultRules()
	rules.Now = c.Now
	st, err := store.Open(context.Background(), store.Options{DatabaseURL: dbURL, DataDir: t.TempDir(), Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	svc := auth.New(st)
	h, err := graph.NewHandler(&graph.Resolver{Store: st, Auth: svc}, graph.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	admin, err := st.CreateUser(context.Background(), &talent.User{Login: "admin", Role: talent.RoleAdmin}, "")
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := svc.CreateAPIToken(context.Background(), admin.ID, "test", 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return &reqAPI{t: t, url: ts.URL, st: st, clock: c, token: token}
}

func eachRequestDialect(t *testing.T, fn func(t *testing.T, a *reqAPI)) {
	t.Run("sqlite", func(t *testing.T) { t.Parallel(); fn(t, startRequestAPI(t, "")) })
	t.Run("postgres", func(t *testing.T) { t.Parallel(); fn(t, startRequestAPI(t, testenv.PostgresURL(t))) })
}

// gql runs a query and returns data, failing on GraphQL errors.
func (a *reqAPI) gql(query string, vars map[string]any) map[string]any {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, a.url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+a.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out struct {
		Data   map[string]any `json:"data"`
		Errors []any          `json:"errors"`
	}
	if err := json.Unmarshal(raw, &out); err != nil || len(out.Errors) > 0 || res.StatusCode != 200 {
		a.t.Fatalf("status %d: %s", res.StatusCode, raw)
	}
	return out.Data
}

// path digs into decoded JSON: "a.b.0.c".
func path(v any, p string) any {
	for _, k := range strings.Split(p, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			var i int
			fmt.Sscan(k, &i)
			if i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func str(v any, p string) string { s, _ := path(v, p).(string); return s }

// noUserErrors fails when a payload carries user errors.
func (a *reqAPI) noUserErrors(payload any) {
	a.t.Helper()
	if errs, _ := path(payload, "userErrors").([]any); len(errs) > 0 {
		a.t.Fatalf("user errors: %v", errs)
	}
}

func userErrorCode(payload any) string { return str(payload, "userErrors.0.code") }

const userErrs = `userErrors { field code message }`

func (a *reqAPI) lecturer(name string) string {
	a.t.Helper()
	ctx := context.Background()
	e, err := a.st.CreateExpert(ctx, &talent.Expert{Name: name, Township: "浮梁镇", MaxEngagementsPerMonth: 4})
	if err != nil {
		a.t.Fatal(err)
	}
	if _, _, err := a.st.AdmitToRegistry(ctx, store.Admission{ExpertID: e.ID, Registry: talent.SeniorLecturer, Status: talent.StatusAdmitted}); err != nil {
		a.t.Fatal(err)
	}
	return fmt.Sprint(e.ID)
}

func (a *reqAPI) submit(orgID string, title string) map[string]any {
	a.t.Helper()
	d := a.gql(`mutation($in: SubmitRequestInput!) { submitRequest(input: $in) { request { id status statusName township kindName deadline } `+userErrs+` } }`,
		map[string]any{"in": map[string]any{"kind": "SCHOOL", "organizationId": orgID, "contactName": "王老师", "contactPhone": "13900001111",
			"title": title, "township": "浮梁", "audience": "PRIMARY_SCHOOL", "headcount": 300,
			"windowStart": "2026-05-20", "windowEnd": "2026-05-30"}})
	p := d["submitRequest"]
	a.noUserErrors(p)
	return path(p, "request").(map[string]any)
}

func TestRequestsThroughGraphQL(t *testing.T) {
	eachRequestDialect(t, func(t *testing.T, a *reqAPI) {
		org := a.gql(`mutation { createOrganization(input: {kind: SCHOOL, name: "浮梁县第一小学", township: "浮梁镇"}) { organization { id } }}`, nil)
		orgID := str(org, "createOrganization.organization.id")
		jia, yi := a.lecturer("甲老师"), a.lecturer("乙老师")

		req := a.submit(orgID, "防溺水科普讲座")
		if req["status"] != "SUBMITTED" || req["statusName"] != "待派单" || req["township"] != "浮梁镇" || req["deadline"] != "2026-05-30T16:00:00Z" {
			t.Fatalf("submitted: %v", req)
		}
		id := req["id"].(string)

		// Validation problems come back together as user errors.
		bad := a.gql(`mutation { submitRequest(input: {kind: EMERGENCY, organizationId: "`+orgID+`", contactName: "x", contactPhone: "1",
			title: "x", township: "火星", windowStart: "2026-05-01", windowEnd: "2026-05-02"}) { request { id } `+userErrs+` } }`, nil)
		if errs, _ := path(bad, "submitRequest.userErrors").([]any); len(errs) != 4 || path(bad, "submitRequest.request") != nil {
			t.Fatalf("bad submission: %v", bad)
		}

		inv := a.gql(`mutation($in: InviteExpertsInput!) { inviteExperts(input: $in) { invitations { id status expiresAt expert { name } } request { status } `+userErrs+` } }`,
			map[string]any{"in": map[string]any{"requestId": id, "expertIds": []string{jia, yi}, "expiresInHours": 24}})
		a.noUserErrors(inv["inviteExperts"])
		if str(inv, "inviteExperts.request.status") != "DISPATCHED" || str(inv, "inviteExperts.invitations.1.expert.name") != "乙老师" ||
			str(inv, "inviteExperts.invitations.0.expiresAt") != "2026-05-11T01:00:00Z" {
			t.Fatalf("invite: %v", inv)
		}
		invJia := str(inv, "inviteExperts.invitations.0.id")
		invYi := str(inv, "inviteExperts.invitations.1.id")

		pending := a.gql(`query($e: ID!) { invitations(expertId: $e, statuses: [PENDING]) { id request { title } } }`, map[string]any{"e": yi})
		if str(pending, "invitations.0.request.title") != "防溺水科普讲座" {
			t.Fatalf("pending invitations: %v", pending)
		}
		dec := a.gql(`mutation { declineInvitation(input: {invitationId: "`+invYi+`", reason: "当天有课"}) { invitation { status reason } request { status } `+userErrs+` } }`, nil)
		if str(dec, "declineInvitation.invitation.status") != "DECLINED" || str(dec, "declineInvitation.request.status") != "DISPATCHED" {
			t.Fatalf("decline: %v", dec)
		}
		acc := a.gql(`mutation { acceptInvitation(input: {invitationId: "`+invJia+`"}) { engagement { id status registry source expert { name } } request { status acceptedAt } `+userErrs+` } }`, nil)
		a.noUserErrors(acc["acceptInvitation"])
		if str(acc, "acceptInvitation.request.status") != "ACCEPTED" || str(acc, "acceptInvitation.engagement.registry") != "SENIOR_LECTURER" {
			t.Fatalf("accept: %v", acc)
		}
		engID := str(acc, "acceptInvitation.engagement.id")

		// An illegal transition is a user error naming the states; nothing changes.
		rate := a.gql(`mutation { rateEngagement(input: {engagementId: "`+engID+`", rating: 5}) { engagement { id } `+userErrs+` } }`, nil)
		if userErrorCode(rate["rateEngagement"]) != "INVALID_TRANSITION" || !strings.Contains(str(rate, "rateEngagement.userErrors.0.message"), "已接单") {
			t.Fatalf("rating too early: %v", rate)
		}
		claim := a.gql(`mutation { claimRequest(input: {requestId: "`+id+`", expertId: "`+yi+`"}) { engagement { id } `+userErrs+` } }`, nil)
		if userErrorCode(claim["claimRequest"]) != "TAKEN" {
			t.Fatalf("claim of a taken request: %v", claim)
		}

		sch := a.gql(`mutation { scheduleEngagement(input: {engagementId: "`+engID+`", startsAt: "2026-05-22T14:30:00+08:00"}) { engagement { startsAt endsAt } request { status } `+userErrs+` } }`, nil)
		a.noUserErrors(sch["scheduleEngagement"])
		if str(sch, "scheduleEngagement.engagement.endsAt") != "2026-05-22T08:00:00Z" || str(sch, "scheduleEngagement.request.status") != "SCHEDULED" {
			t.Fatalf("schedule: %v", sch)
		}
		a.clock.Set(time.Date(2026, 5, 23, 1, 0, 0, 0, time.UTC))
		done := a.gql(`mutation { completeEngagement(input: {engagementId: "`+engID+`", date: "2026-05-22", attendees: 280, notes: "反响很好"}) { engagement { status attendees completedOn } request { status } `+userErrs+` } }`, nil)
		a.noUserErrors(done["completeEngagement"])
		if str(done, "completeEngagement.request.status") != "COMPLETED" || str(done, "completeEngagement.engagement.completedOn") != "2026-05-22" {
			t.Fatalf("complete: %v", done)
		}
		rated := a.gql(`mutation { rateEngagement(input: {engagementId: "`+engID+`", rating: 5, comment: "生动"}) { engagement { rating } request { status nextStatuses } `+userErrs+` } }`, nil)
		a.noUserErrors(rated["rateEngagement"])
		if str(rated, "rateEngagement.request.status") != "RATED" {
			t.Fatalf("rate: %v", rated)
		}

		got := a.gql(`query($id: ID!) { request(id: $id) { status organization { name } history { from to actor reason }
			invitations { status expert { name } } engagements { rating expert { name } request { id } } } }`, map[string]any{"id": id})
		hist, _ := path(got, "request.history").([]any)
		if len(hist) != 6 || str(got, "request.history.0.to") != "SUBMITTED" || path(got, "request.history.0.from") != nil ||
			str(got, "request.organization.name") != "浮梁县第一小学" || str(got, "request.engagements.0.request.id") != id {
			t.Fatalf("request: %v", got)
		}
		histJia := a.gql(`query($e: ID!) { engagementHistory(expertId: $e) { attendees rating request { title } } }`, map[string]any{"e": jia})
		if path(histJia, "engagementHistory.0.attendees") != float64(280) {
			t.Fatalf("history: %v", histJia)
		}
		if miss := a.gql(`{ request(id: "9999") { id } }`, nil); miss["request"] != nil {
			t.Fatalf("missing request: %v", miss)
		}

		// Cancel: a reason is required (a user error, not a GraphQL error).
		a.clock.Set(time.Date(2026, 5, 10, 2, 0, 0, 0, time.UTC))
		other := a.submit(orgID, "科学实验课")["id"].(string)
		open := a.gql(`query($e: ID!) { openRequestsFor(expertId: $e) { id } }`, map[string]any{"e": yi})
		if str(open, "openRequestsFor.0.id") != other {
			t.Fatalf("open requests: %v", open)
		}
		noReason := a.gql(`mutation { cancelRequest(input: {requestId: "`+other+`", reason: " "}) { request { id } `+userErrs+` } }`, nil)
		if userErrorCode(noReason["cancelRequest"]) != "REQUIRED" {
			t.Fatalf("cancel without reason: %v", noReason)
		}
		cancel := a.gql(`mutation { cancelRequest(input: {requestId: "`+other+`", reason: "停课", by: REQUESTER}) { request { status history { reason } } `+userErrs+` } }`, nil)
		if str(cancel, "cancelRequest.request.status") != "CANCELLED" || str(cancel, "cancelRequest.request.history.1.reason") != "需求方取消：停课" {
			t.Fatalf("cancel: %v", cancel)
		}

		list := a.gql(`{ requests(first: 1) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, nil)
		if path(list, "requests.totalCount") != float64(2) || str(list, "requests.edges.0.node.id") != other || path(list, "requests.pageInfo.hasNextPage") != true {
			t.Fatalf("requests: %v", list)
		}
		next := a.gql(`query($after: String) { requests(first: 5, after: $after) { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }`,
			map[string]any{"after": str(list, "requests.pageInfo.endCursor")})
		if str(next, "requests.nodes.0.id") != id || path(next, "requests.pageInfo.hasNextPage") != false {
			t.Fatalf("next page: %v", next)
		}
		filtered := a.gql(`{ requests(filter: {status: RATED, township: "浮梁镇"}) { totalCount } }`, nil)
		if path(filtered, "requests.totalCount") != float64(1) {
			t.Fatalf("filtered: %v", filtered)
		}

		stats := a.gql(`{ statistics(groupBy: KIND, from: "2026-05-01", to: "2026-05-31") { groupBy rows { key label requests fulfilled medianHoursToAcceptance peopleReached } total { requests } } }`, nil)
		if str(stats, "statistics.rows.0.key") != "SCHOOL" || path(stats, "statistics.rows.0.requests") != float64(2) ||
			path(stats, "statistics.rows.0.fulfilled") != float64(1) || path(stats, "statistics.rows.0.peopleReached") != float64(280) ||
			path(stats, "statistics.rows.0.medianHoursToAcceptance") != float64(0) {
			t.Fatalf("statistics: %v", stats)
		}
	})
}

// A page of requests with their organisation, history, invitations and
// engagements (and the experts on them) costs the same number of queries
// for 2 requests as for 10.
func TestRequestPageQueryCountIsConstant(t *testing.T) {
	a := startRequestAPI(t, "")
	org := a.gql(`mutation { createOrganization(input: {kind: SCHOOL, name: "一小", township: "浮梁镇"}) { organization { id } }}`, nil)
	orgID := str(org, "createOrganization.organization.id")
	experts := []string{a.lecturer("甲"), a.lecturer("乙")}
	const q = `{ requests(first: 50) { nodes { id organization { name } history { to } invitations { status expert { name } request { title } }
		engagements { status expert { name } } } } }`
	cost := func() int64 {
		before := a.st.QueryCount()
		a.gql(q, nil)
		return a.st.QueryCount() - before
	}
	add := func(n int) {
		for i := 0; i < n; i++ {
			id := a.submit(orgID, fmt.Sprintf("讲座%d", i))["id"].(string)
			a.gql(`mutation($in: InviteExpertsInput!) { inviteExperts(input: $in) { `+userErrs+` } }`,
				map[string]any{"in": map[string]any{"requestId": id, "expertIds": experts}})
		}
	}
	add(2)
	small := cost()
	add(8)
	if large := cost(); large != small {
		t.Fatalf("2 requests cost %d queries, 10 cost %d", small, large)
	}
}
