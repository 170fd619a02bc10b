package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/fuliang/talent/internal/auth"
	"github.com/fuliang/talent/internal/config"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
)

// errorCode runs a query and returns the first error's code ("" if none).
func (a *api) errorCode(query string, vars map[string]any) (string, map[string]json.RawMessage) {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	_, _, b := a.post(string(body))
	var r gqlResponse
	if err := json.Unmarshal(b, &r); err != nil {
		a.t.Fatalf("not JSON: %s", b)
	}
	if len(r.Errors) == 0 {
		return "", r.Data
	}
	code, _ := r.Errors[0].Extensions["code"].(string)
	return code, r.Data
}

func TestExpertSeesOnlyOwnContactAndEditsOnlyOwnProfile(t *testing.T) {
	a := start(t, "")
	mk := func(name, phone string) string {
		p := a.createExpert(map[string]any{"name": name, "phone": phone, "consent": map[string]any{"purpose": "联络"}})
		return p.Expert.ID
	}
	me, other := mk("本人", "13900000001"), mk("他人", "13900000002")
	meID, _ := parseInt(me)
	expert := a.as(a.userToken(&talent.User{Login: "expert1", Role: talent.RoleExpert, ExpertID: meID}))
	var e struct{ Phone *string }
	expert.do(`query($id: ID!) { expert(id: $id) { phone } }`, map[string]any{"id": me}, "expert", &e)
	if e.Phone == nil || *e.Phone != "13900000001" {
		t.Fatalf("own phone hidden: %v", e.Phone)
	}
	expert.do(`query($id: ID!) { expert(id: $id) { phone } }`, map[string]any{"id": other}, "expert", &e)
	if e.Phone != nil {
		t.Fatalf("another expert's phone visible: %s", *e.Phone)
	}
	a.as("").do(`query($id: ID!) { expert(id: $id) { phone } }`, map[string]any{"id": me}, "expert", &e)
	if e.Phone != nil {
		t.Fatal("anonymous caller sees a phone")
	}
	upd := `mutation($in: UpdateExpertInput!) { updateExpert(input: $in) { expert { bio } userErrors { code } } }`
	if code, _ := expert.errorCode(upd, map[string]any{"in": map[string]any{"id": other, "version": 1, "bio": "改别人的"}}); code != "FORBIDDEN" {
		t.Fatalf("editing another profile: %q", code)
	}
	if code, _ := expert.errorCode(upd, map[string]any{"in": map[string]any{"id": me, "version": 1, "bio": "我的简介"}}); code != "" {
		t.Fatalf("editing own profile: %q", code)
	}
	got, _ := a.store.Expert(context.Background(), mustID(other))
	if got.Bio != "" || got.Version != 1 {
		t.Fatalf("forbidden edit changed the profile: %+v", got)
	}
	if code, _ := a.as("").errorCode(upd, map[string]any{"in": map[string]any{"id": me, "version": 2, "bio": "x"}}); code != "UNAUTHENTICATED" {
		t.Fatalf("anonymous edit: %q", code)
	}
}

func parseInt(s string) (int64, error) {
	var n int64
	_, err := fmt.Sscan(s, &n)
	return n, err
}

func mustID(s string) int64 { n, _ := parseInt(s); return n }

func TestOfficerCannotAdmitIntoAnotherRegistry(t *testing.T) {
	a := start(t, "")
	id := a.createExpert(map[string]any{"name": "候选人", "birthYear": 1995}).Expert.ID
	officer := a.as(a.userToken(&talent.User{Login: "hr.officer", Role: talent.RoleOfficer, Registries: []talent.Registry{talent.YouthTalent}}))
	admit := `mutation($in: AdmitToRegistryInput!) { admitToRegistry(input: $in) { membership { status } userErrors { code } } }`
	if code, _ := officer.errorCode(admit, map[string]any{"in": map[string]any{"expertId": id, "registry": "SCIENCE_ENVOY"}}); code != "FORBIDDEN" {
		t.Fatalf("admitting into another registry: %q", code)
	}
	if code, _ := officer.errorCode(admit, map[string]any{"in": map[string]any{"expertId": id, "registry": "YOUTH_TALENT", "status": "ADMITTED"}}); code != "" {
		t.Fatalf("admitting into own registry: %q", code)
	}
	ms, _ := a.store.MembershipsByExperts(context.Background(), []int64{mustID(id)})
	if len(ms[mustID(id)]) != 1 || ms[mustID(id)][0].Registry != talent.YouthTalent {
		t.Fatalf("memberships: %+v", ms)
	}
}

func TestRequesterSeesOnlyOwnOrganisationsRequests(t *testing.T) {
	a := start(t, "")
	var orgs []string
	for _, name := range []string{"浮梁一中", "瑶里小学"} {
		var p struct{ Organization struct{ ID string } }
		a.do(`mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { organization { id } } }`,
			map[string]any{"in": map[string]any{"kind": "SCHOOL", "name": name, "township": "浮梁镇"}}, "createOrganization", &p)
		orgs = append(orgs, p.Organization.ID)
	}
	submit := `mutation($in: SubmitRequestInput!) { submitRequest(input: $in) { request { id } userErrors { code message } } }`
	req := func(org string) map[string]any {
		return map[string]any{"in": map[string]any{"kind": "SCHOOL", "organizationId": org, "contactName": "王老师", "contactPhone": "13800000000",
			"title": "天文讲座", "description": "想请专家给初二学生讲讲天文", "township": "浮梁镇", "windowStart": "2027-03-01", "windowEnd": "2027-03-10"}}
	}
	var ids []string
	for _, o := range orgs {
		var p struct {
			Request    struct{ ID string }
			UserErrors []userError
		}
		a.do(submit, req(o), "submitRequest", &p)
		if len(p.UserErrors) > 0 {
			t.Fatalf("submit: %+v", p.UserErrors)
		}
		ids = append(ids, p.Request.ID)
	}
	requester := a.as(a.userToken(&talent.User{Login: "school1", Role: talent.RoleRequester, OrganizationID: mustID(orgs[0])}))
	var list struct {
		TotalCount int
		Edges      []struct{ Node struct{ ID string } }
	}
	requester.do(`{ requests { totalCount edges { node { id } } } }`, nil, "requests", &list)
	if list.TotalCount != 1 || len(list.Edges) != 1 || list.Edges[0].Node.ID != ids[0] {
		t.Fatalf("requester sees %+v", list)
	}
	if code, _ := requester.errorCode(`query($id: ID!) { request(id: $id) { id } }`, map[string]any{"id": ids[1]}); code != "FORBIDDEN" {
		t.Fatalf("reading another organisation's request: %q", code)
	}
	if code, _ := requester.errorCode(submit, req(orgs[1])); code != "FORBIDDEN" {
		t.Fatalf("submitting for another organisation: %q", code)
	}
}

// TestErasedExpertIsFoundNowhere: after erasure the expert is in neither
// the experts list, nor search, nor match, on both search backends; the
// personal data is gone from the database and the audit trail.
func TestErasedExpertIsFoundNowhere(t *testing.T) {
	backends := map[string]func(t *testing.T) config.Config{
		"embedded": func(t *testing.T) config.Config { return config.Config{} },
		"meili": func(t *testing.T) config.Config {
			url, key := testenv.Meili(t)
			return config.Config{MeiliURL: url, MeiliKey: key, IndexName: testenv.UniqueName("erase")}
		},
	}
	for name, cfgOf := range backends {
		t.Run(name, func(t *testing.T) {
			a := startWith(t, cfgOf(t))
			p := a.createExpert(map[string]any{"name": "陶瓷老师傅", "expertise": []string{"青花瓷绘制"}, "phone": "13911112222",
				"consent": map[string]any{"purpose": "联络"}, "bio": "从事青花瓷绘制四十年"})
			id := p.Expert.ID
			keep := a.createExpert(map[string]any{"name": "另一位", "expertise": []string{"青花瓷鉴定"}}).Expert.ID
			expert := a.as(a.userToken(&talent.User{Login: "master", Role: talent.RoleExpert, ExpertID: mustID(id)}))
			var exported string
			expert.do(`query($id: ID!) { exportExpertData(expertId: $id) }`, map[string]any{"id": id}, "exportExpertData", &exported)
			if !strings.Contains(exported, "13911112222") || !strings.Contains(exported, "陶瓷老师傅") {
				t.Fatalf("export lacks the expert's data: %.200s", exported)
			}
			var er struct {
				Expert     *struct{ Name string }
				UserErrors []userError
			}
			expert.do(`mutation($in: EraseExpertDataInput!) { eraseExpertData(input: $in) { expert { name } userErrors { code } } }`,
				map[string]any{"in": map[string]any{"expertId": id, "reason": "本人申请"}}, "eraseExpertData", &er)
			if er.Expert == nil || er.Expert.Name != store.ErasedName {
				t.Fatalf("erase: %+v", er)
			}
			found := func(query, field string, vars map[string]any) []string {
				var raw json.RawMessage
				a.do(query, vars, field, &raw)
				var ids []string
				for _, part := range strings.Split(string(raw), `"id":"`)[1:] {
					ids = append(ids, part[:strings.Index(part, `"`)])
				}
				return ids
			}
			for what, ids := range map[string][]string{
				"experts":       found(`{ experts(first: 100) { edges { node { id } } } }`, "experts", nil),
				"searchExperts": found(`{ searchExperts(query: "青花瓷") { edges { node { id } } } }`, "searchExperts", nil),
				"match": found(`query($in: MatchInput!) { match(input: $in) { candidates { expert { id } } } }`, "match",
					map[string]any{"in": map[string]any{"kind": "ENTERPRISE", "description": "想请懂青花瓷绘制的老师傅指导"}}),
			} {
				for _, x := range ids {
					if x == id {
						t.Errorf("%s still finds the erased expert", what)
					}
				}
				if what != "experts" && (len(ids) == 0 || ids[0] != keep) {
					t.Errorf("%s should still find the other expert: %v", what, ids)
				}
			}
			e, _ := a.store.Expert(context.Background(), mustID(id))
			if e.Phone != "" || e.Email != "" || e.Bio != "" || e.Consent != nil || e.Name != store.ErasedName {
				t.Fatalf("personal data left: %+v", e)
			}
			audit, _ := a.store.FindAudit(context.Background(), store.AuditFilter{ObjectType: "expert", ObjectID: mustID(id)}, 0, 100)
			for _, en := range audit {
				if strings.Contains(en.Diff, "13911112222") || strings.Contains(en.Diff, "陶瓷老师傅") {
					t.Fatalf("audit log keeps personal data: %s", en.Diff)
				}
			}
			if code, _ := expert.errorCode(`{ me { id } }`, nil); code != "UNAUTHENTICATED" {
				t.Fatalf("the erased expert's token still works: %q", code)
			}
		})
	}
}

func TestRejectedBeforeAnyResolverRuns(t *testing.T) {
	a := start(t, "")
	a.do(`{ registries { total } }`, nil, "registries", nil) // warm the token
	before := a.store.QueryCount()
	deep := `{ __type(name: "Expert") { fields { type ` + strings.Repeat("{ ofType ", 30) + "{ name }" + strings.Repeat(" }", 30) + " } } }"
	for _, q := range []string{deep, `{ experts(first: 100000) { edges { node { memberships { history { at } } } } } }`} {
		code, data := a.errorCode(q, nil)
		if code != "QUERY_TOO_DEEP" && code != "QUERY_TOO_COMPLEX" || data != nil {
			t.Fatalf("code %q data %v", code, data)
		}
	}
	// Only the caller's token was looked up: no resolver touched the database.
	if n := a.store.QueryCount() - before; n != 2 {
		t.Fatalf("%d queries ran for two rejected requests, want only the 2 token lookups", n)
	}
}

func TestBruteForceLoginIsLockedOut(t *testing.T) {
	a := start(t, "")
	hash, _ := hashPassword("正确的密码123")
	if _, err := a.store.CreateUser(context.Background(), &talent.User{Login: "target", Role: talent.RoleDispatch}, hash); err != nil {
		t.Fatal(err)
	}
	anon := a.as("")
	login := `mutation($in: LoginInput!) { login(input: $in) { token userErrors { code } } }`
	codes := map[string]int{}
	for i := 0; i < 8; i++ {
		var p struct {
			Token      *string
			UserErrors []userError
		}
		anon.do(login, map[string]any{"in": map[string]any{"login": "target", "password": fmt.Sprintf("guess%d", i)}}, "login", &p)
		if p.Token != nil {
			t.Fatal("wrong password accepted")
		}
		codes[p.UserErrors[0].Code]++
	}
	if codes["UNAUTHENTICATED"] != 5 || codes["LOCKED"] != 3 {
		t.Fatalf("codes %v: want 5 failures then lock-out", codes)
	}
	var p struct {
		Token      *string
		UserErrors []userError
	}
	anon.do(login, map[string]any{"in": map[string]any{"login": "target", "password": "正确的密码123"}}, "login", &p)
	if p.Token != nil || p.UserErrors[0].Code != "LOCKED" {
		t.Fatalf("locked account let the right password in: %+v", p)
	}
}

func hashPassword(pw string) (string, error) { return auth.HashPassword(pw) }

// TestOfficerSynonymsTakeEffect: a synonym group added through the API is
// used by search at once.
func TestOfficerSynonymsTakeEffect(t *testing.T) {
	a := start(t, "")
	a.createExpert(map[string]any{"name": "植保员", "expertise": []string{"稻飞虱防治"}})
	search := `{ searchExperts(query: "跳虫") { totalCount } }`
	var s struct{ TotalCount int }
	a.do(search, nil, "searchExperts", &s)
	if s.TotalCount != 0 {
		t.Fatalf("found before the synonym exists: %d", s.TotalCount)
	}
	officer := a.as(a.userToken(&talent.User{Login: "agri.officer", Role: talent.RoleOfficer, Registries: []talent.Registry{talent.ScienceEnvoy}}))
	var p struct {
		Group      *struct{ ID string }
		UserErrors []userError
	}
	officer.do(`mutation { addSynonymGroup(input: {terms: ["跳虫", "稻飞虱"]}) { group { id } userErrors { code message } } }`, nil, "addSynonymGroup", &p)
	if p.Group == nil {
		t.Fatalf("add: %+v", p.UserErrors)
	}
	a.do(search, nil, "searchExperts", &s)
	if s.TotalCount != 1 {
		t.Fatalf("synonym not applied: %d", s.TotalCount)
	}
	officer.do(`mutation { addSynonymGroup(input: {terms: ["孤词"]}) { group { id } userErrors { code message } } }`, nil, "addSynonymGroup", &p)
	if p.Group != nil || len(p.UserErrors) == 0 {
		t.Fatalf("one-word group accepted: %+v", p)
	}
	if code, _ := a.as("").errorCode(`mutation { addSynonymGroup(input: {terms: ["a", "b"]}) { group { id } } }`, nil); code != "UNAUTHENTICATED" {
		t.Fatalf("anonymous add: %q", code)
	}
}

// TestRateLimitPerToken: a token that exceeds its rate gets 429 with a
// Retry-After; anonymous callers on this machine are not limited by address.
func TestRateLimitPerToken(t *testing.T) {
	a := startWith(t, config.Config{RateLimit: 2, RateBurst: 3})
	statuses := map[int]int{}
	for i := 0; i < 10; i++ {
		status, _, _ := a.post(`{"query": "{ registries { total } }"}`)
		statuses[status]++
	}
	if statuses[200] < 3 || statuses[429] == 0 {
		t.Fatalf("statuses %v: want the burst served, then 429", statuses)
	}
	anon := a.as("")
	for i := 0; i < 10; i++ {
		if status, _, b := anon.post(`{"query": "{ registries { total } }"}`); status != 200 {
			t.Fatalf("anonymous local caller limited: %d %s", status, b)
		}
	}
}

// TestVocabularyGaps: a word requesters use that no profile has shows as a
// gap to officers and dispatchers, and no longer once a synonym group links
// it to the profiles' word; requesters may not read the gaps.
func TestVocabularyGaps(t *testing.T) {
	a := start(t, "")
	a.createExpert(map[string]any{"name": "植保员", "expertise": []string{"稻飞虱防治"}})
	var org struct{ Organization struct{ ID string } }
	a.do(`mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { organization { id } } }`,
		map[string]any{"in": map[string]any{"kind": "VILLAGE", "name": "沧溪村", "township": "勒功乡"}}, "createOrganization", &org)
	var sub struct{ UserErrors []userError }
	a.do(`mutation($in: SubmitRequestInput!) { submitRequest(input: $in) { userErrors { code message } } }`,
		map[string]any{"in": map[string]any{"kind": "VILLAGE", "organizationId": org.Organization.ID, "contactName": "李书记",
			"contactPhone": "13800000000", "title": "跳虫太多", "description": "田里跳虫太多了，稻飞虱也有", "township": "勒功乡",
			"windowStart": "2027-03-01", "windowEnd": "2027-03-10"}}, "submitRequest", &sub)
	if len(sub.UserErrors) > 0 {
		t.Fatalf("submit: %+v", sub.UserErrors)
	}
	officer := a.as(a.userToken(&talent.User{Login: "agri.officer", Role: talent.RoleOfficer, Registries: []talent.Registry{talent.ScienceEnvoy}}))
	gaps := func() map[string]int {
		var list []struct {
			Term     string
			Requests int
			Examples []string
		}
		officer.do(`{ vocabularyGaps(days: 30) { term requests examples } }`, nil, "vocabularyGaps", &list)
		out := map[string]int{}
		for _, g := range list {
			out[g.Term] = g.Requests
			if g.Term == "跳虫" && (len(g.Examples) != 1 || g.Examples[0] != "跳虫太多") {
				t.Errorf("examples %q", g.Examples)
			}
		}
		return out
	}
	if got := gaps(); got["跳虫"] != 1 || got["稻飞虱"] != 0 {
		t.Fatalf("gaps %v: 跳虫 is one, 稻飞虱 (in a profile) is none", got)
	}
	var p struct{ UserErrors []userError }
	officer.do(`mutation { addSynonymGroup(input: {terms: ["跳虫", "稻飞虱"]}) { userErrors { code message } } }`, nil, "addSynonymGroup", &p)
	if got := gaps(); got["跳虫"] != 0 {
		t.Fatalf("跳虫 is still a gap after the synonym group: %v", got)
	}
	requester := a.as(a.userToken(&talent.User{Login: "cun", Role: talent.RoleRequester, OrganizationID: mustID(org.Organization.ID)}))
	if code, _ := requester.errorCode(`{ vocabularyGaps { term } }`, nil); code != "FORBIDDEN" {
		t.Fatalf("requester: %q", code)
	}
	if code, _ := officer.errorCode(`{ vocabularyGaps(days: 0) { term } }`, nil); code != "OUT_OF_RANGE" {
		t.Fatalf("days 0: %q", code)
	}
}
