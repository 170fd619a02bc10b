package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/graphql-go/graphql"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
)

// The role × operation matrix. For each operation: the roles allowed when
// the arguments name the caller's own objects ("own": expert X, request R1
// of organisation O1, X's invitation and engagement, the youth talent pool
// the officer keeps) and when they name someone else's ("other": expert Y,
// request R2 of O2, the science envoys). ADMIN is in every set: it may do
// everything. "all" means every role and anonymous callers.
var matrix = map[string][2]string{
	"Query.expert":                {"all", "all"},
	"Query.experts":               {"all", "all"},
	"Query.expertByExternalId":    {"all", "all"},
	"Query.searchExperts":         {"all", "all"},
	"Query.match":                 {"all", "all"},
	"Query.registries":            {"all", "all"},
	"Query.townships":             {"all", "all"},
	"Query.organization":          {"all", "all"},
	"Query.organizations":         {"all", "all"},
	"Query.me":                    {"all", "all"},
	"Query.synonymGroups":         {"all", "all"},
	"Query.vocabularyGaps":        {"A O D", "A O D"},
	"Mutation.addSynonymGroup":    {"A O", "A O"},
	"Mutation.removeSynonymGroup": {"A O", "A O"},
	"Query.request":               {"A D G R E", "A D G"},
	"Query.requests":              {"A D G R", "A D G R"},
	"Query.openRequestsFor":       {"A D O E", "A D"},
	"Query.invitations":           {"A D O E", "A D"},
	"Query.engagementHistory":     {"A D O E G", "A D G"},
	"Query.statistics":            {"A D O G", "A D O G"},
	"Query.auditLog":              {"A", "A"},
	"Query.exportExpertData":      {"A E", "A"},

	"Mutation.createExpert":           {"A O", "A O"},
	"Mutation.updateExpert":           {"A O E", "A"},
	"Mutation.archiveExpert":          {"A O", "A"},
	"Mutation.admitToRegistry":        {"A O", "A"},
	"Mutation.changeMembershipStatus": {"A O", "A"},
	"Mutation.addRecommendation":      {"A O", "A O"},
	"Mutation.assignEnvoy":            {"A", "A"},
	"Mutation.logEnvoyService":        {"A E", "A"},
	"Mutation.setOnCall":              {"A E", "A"},
	"Mutation.createOrganization":     {"A O D", "A O D"},
	"Mutation.importExperts":          {"A O", "A O"},
	"Mutation.submitRequest":          {"A D R", "A D"},
	"Mutation.inviteExperts":          {"A D", "A D"},
	"Mutation.emergencyCallOut":       {"A D", "A D"},
	"Mutation.acceptInvitation":       {"A D E", "A D"},
	"Mutation.declineInvitation":      {"A D E", "A D"},
	"Mutation.claimRequest":           {"A D E", "A D"},
	"Mutation.scheduleEngagement":     {"A D E", "A D"},
	"Mutation.completeEngagement":     {"A D E", "A D"},
	"Mutation.rateEngagement":         {"A D R", "A D"},
	"Mutation.cancelRequest":          {"A D R", "A D"},
	"Mutation.login":                  {"all", "all"},
	"Mutation.logout":                 {"A O D E R G", "A O D E R G"},
	"Mutation.createUser":             {"A", "A"},
	"Mutation.createApiToken":         {"A O D E R G", "A"},
	"Mutation.revokeToken":            {"A O D E R G", "A O D E R G"},
	"Mutation.changePassword":         {"A O D E R G", "A O D E R G"},
	"Mutation.eraseExpertData":        {"A E", "A"},
	"Mutation.setExpertConsent":       {"A E", "A"},
}

// fixture is a small world with one object of each kind per side.
type fixture struct {
	x, y, r1, r2, o1, o2, inv1, inv2, eng1, eng2 int64
	users                                        map[string]talent.Principal
}

func newFixture(t *testing.T) (*Resolver, *fixture) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx, nil); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f := &fixture{}
	expert := func(name string, reg talent.Registry) int64 {
		e, err := st.CreateExpert(ctx, &talent.Expert{Name: name, BirthYear: 1990, Township: "浮梁镇", MaxEngagementsPerMonth: 4})
		must(err)
		_, _, err = st.AdmitToRegistry(ctx, store.Admission{ExpertID: e.ID, Registry: reg, Status: talent.StatusAdmitted})
		must(err)
		return e.ID
	}
	f.x, f.y = expert("甲", talent.YouthTalent), expert("乙", talent.ScienceEnvoy)
	org := func(name string) int64 {
		o, err := st.CreateOrganization(ctx, &talent.Organization{Kind: talent.OrgSchool, Name: name, Township: "浮梁镇"})
		must(err)
		return o.ID
	}
	f.o1, f.o2 = org("一中"), org("二中")
	day := time.Now().AddDate(0, 0, 10).Format(talent.DateLayout)
	request := func(o, expertID int64, kind dispatch.Kind) (req, inv, eng int64) {
		r, err := st.SubmitRequest(ctx, &dispatch.Request{Kind: kind, OrganizationID: o, ContactName: "王老师", ContactPhone: "13800000000",
			Title: "科普讲座", Description: "请专家来讲科普", Township: "浮梁镇", WindowStart: day, WindowEnd: day, DurationMinutes: 60, ExpertsNeeded: 1})
		must(err)
		_, invs, err := st.InviteExperts(ctx, store.InviteInput{RequestID: r.ID, ExpertIDs: []int64{expertID}})
		must(err)
		e, err := st.AcceptInvitation(ctx, invs[0].ID)
		must(err)
		return r.ID, invs[0].ID, e.ID
	}
	f.r1, f.inv1, f.eng1 = request(f.o1, f.x, dispatch.School)
	f.r2, f.inv2, f.eng2 = request(f.o2, f.y, dispatch.Village)
	f.users = map[string]talent.Principal{"anon": {}}
	for code, u := range map[string]*talent.User{
		"A": {Login: "admin", Role: talent.RoleAdmin},
		"O": {Login: "officer", Role: talent.RoleOfficer, Registries: []talent.Registry{talent.YouthTalent}},
		"D": {Login: "dispatcher", Role: talent.RoleDispatch},
		"E": {Login: "expert", Role: talent.RoleExpert, ExpertID: f.x},
		"R": {Login: "requester", Role: talent.RoleRequester, OrganizationID: f.o1},
		"G": {Login: "organizer", Role: talent.RoleOrganizer},
	} {
		created, err := st.CreateUser(ctx, u, "")
		must(err)
		f.users[code] = talent.Principal{User: created}
	}
	return &Resolver{Store: st}, f
}

// args builds an operation's arguments naming own or other objects.
func (f *fixture) args(op string, own bool) map[string]any {
	pick := func(a, b int64) string {
		if own {
			return fmt.Sprint(a)
		}
		return fmt.Sprint(b)
	}
	reg := string(talent.YouthTalent)
	if !own {
		reg = string(talent.ScienceEnvoy)
	}
	admin := f.users["A"].User.ID
	in := map[string]any{
		"id": pick(f.x, f.y), "expertId": pick(f.x, f.y), "registry": reg, "requestId": pick(f.r1, f.r2),
		"invitationId": pick(f.inv1, f.inv2), "engagementId": pick(f.eng1, f.eng2), "organizationId": pick(f.o1, f.o2),
	}
	if op == "Mutation.createApiToken" && !own {
		in["userId"] = fmt.Sprint(admin) // someone else's account
	}
	if strings.HasPrefix(op, "Mutation.") {
		return map[string]any{"input": in}
	}
	if op == "Query.request" {
		return map[string]any{"id": pick(f.r1, f.r2)}
	}
	return map[string]any{"id": pick(f.x, f.y), "expertId": pick(f.x, f.y)}
}

func TestAuthorizationMatrix(t *testing.T) {
	r, f := newFixture(t)
	schema, err := r.Schema()
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for name := range schema.QueryType().Fields() {
		ops = append(ops, "Query."+name)
	}
	for name := range schema.MutationType().Fields() {
		ops = append(ops, "Mutation."+name)
	}
	sort.Strings(ops)
	for op := range rules {
		if _, ok := schema.QueryType().Fields()[strings.TrimPrefix(op, "Query.")]; ok && strings.HasPrefix(op, "Query.") {
			continue
		}
		if _, ok := schema.MutationType().Fields()[strings.TrimPrefix(op, "Mutation.")]; ok && strings.HasPrefix(op, "Mutation.") {
			continue
		}
		t.Errorf("rule for %s, which the schema does not have", op)
	}
	roles := []string{"anon", "A", "O", "D", "E", "R", "G"}
	for _, op := range ops {
		want, ok := matrix[op]
		if !ok {
			t.Errorf("%s has no row in the authorization matrix test: decide who may call it", op)
			continue
		}
		for side, spec := range want {
			allowed := map[string]bool{}
			for _, c := range strings.Fields(spec) {
				allowed[c] = true
			}
			for _, role := range roles {
				expect := spec == "all" || allowed[role]
				ctx := talent.WithPrincipal(context.Background(), f.users[role])
				err := r.authorize(ctx, rules[op], f.args(op, side == 0))
				got := err == nil
				if c := talent.ErrorCode(err); err != nil && c != talent.CodeForbidden && c != talent.CodeUnauthenticated {
					t.Errorf("%s as %s: unexpected error %v", op, role, err)
				}
				if got != expect {
					t.Errorf("%s (%s objects) as %s: allowed=%v, want %v (%v)", op, []string{"own", "other"}[side], role, got, expect, err)
				}
			}
		}
	}
}

// A requester's account cancels as the requester: it cannot write "the
// office cancelled" into the request's history.
func TestRequesterCancelsAsRequester(t *testing.T) {
	r, f := newFixture(t)
	schema, err := r.Schema()
	if err != nil {
		t.Fatal(err)
	}
	ctx := talent.WithPrincipal(context.Background(), f.users["R"])
	do := func(by string) map[string]any {
		t.Helper()
		q := fmt.Sprintf(`mutation { cancelRequest(input: {requestId: "%d", reason: "停课"%s}) {
			request { status history { reason } } userErrors { field code } } }`, f.r1, by)
		res := graphql.Do(graphql.Params{Schema: schema, RequestString: q, Context: ctx})
		if len(res.Errors) > 0 {
			t.Fatalf("%s: %v", by, res.Errors)
		}
		return res.Data.(map[string]any)["cancelRequest"].(map[string]any)
	}
	got := do(", by: OFFICER")
	errs, _ := got["userErrors"].([]any)
	if len(errs) != 1 || errs[0].(map[string]any)["code"] != "FORBIDDEN" || errs[0].(map[string]any)["field"] != "by" {
		t.Fatalf("requester cancelling as the office: %v", got)
	}
	if q, err := r.Store.Request(context.Background(), f.r1); err != nil || q.Status == dispatch.Cancelled {
		t.Fatalf("the refused cancel changed the request: %v %v", q.Status, err)
	}
	got = do("")
	hist := got["request"].(map[string]any)["history"].([]any)
	if last := hist[len(hist)-1].(map[string]any)["reason"]; last != "需求方取消：停课" {
		t.Fatalf("history after the requester cancelled: %v", hist)
	}
}
