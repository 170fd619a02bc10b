package graph

// Authorization is decided here, in one table: every root operation has a
// rule naming the roles that may call it and, where the answer depends on
// the objects involved, a check on its arguments. Schema construction
// fails for an operation without a rule (guard), and the matrix test
// checks every operation against every role. ADMIN may do everything.
//
// Field-level rules (personal data) are in canSeeContact.

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/fuliang/talent/internal/talent"
	"github.com/graphql-go/graphql"
)

// rule is who may call one operation.
type rule struct {
	public bool          // anonymous callers too (and so every role)
	roles  []talent.Role // roles allowed besides ADMIN; ignored when public
	// check decides on the objects named in the arguments, after the role
	// gate. It returns FORBIDDEN (or NOT_FOUND) errors.
	check func(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error
	note  string // for the README's matrix: what the check means
}

const (
	officer   = talent.RoleOfficer
	dispatchR = talent.RoleDispatch
	expertR   = talent.RoleExpert
	requester = talent.RoleRequester
	organizer = talent.RoleOrganizer
)

var everyone = []talent.Role{officer, dispatchR, expertR, requester, organizer}

// rules is the role × operation matrix.
var rules = map[string]rule{
	// Public reading: profiles without personal data, matching, reference data.
	"Query.expert":             {public: true},
	"Query.experts":            {public: true},
	"Query.expertByExternalId": {public: true},
	"Query.searchExperts":      {public: true},
	"Query.match":              {public: true},
	"Query.registries":         {public: true},
	"Query.townships":          {public: true},
	"Query.organization":       {public: true},
	"Query.organizations":      {public: true},
	"Query.me":                 {public: true},
	"Query.synonymGroups":      {public: true},

	"Query.vocabularyGaps":        {roles: []talent.Role{officer, dispatchR}},
	"Mutation.addSynonymGroup":    {roles: []talent.Role{officer}},
	"Mutation.removeSynonymGroup": {roles: []talent.Role{officer}},

	// Requests: requesters see their organisation's, experts those they are on.
	"Query.request":           {roles: []talent.Role{dispatchR, organizer, requester, expertR}, check: checkRequestRead, note: "需求单位：本单位的需求；专家：受邀或承接的需求"},
	"Query.requests":          {roles: []talent.Role{dispatchR, organizer, requester}, note: "需求单位：只列出本单位的需求"},
	"Query.openRequestsFor":   {roles: []talent.Role{dispatchR, officer, expertR}, check: checkExpertWork("expertId"), note: "专家：本人；管理员：所管人才库的专家"},
	"Query.invitations":       {roles: []talent.Role{dispatchR, officer, expertR}, check: checkExpertWork("expertId"), note: "专家：本人；管理员：所管人才库的专家"},
	"Query.engagementHistory": {roles: []talent.Role{dispatchR, officer, expertR, organizer}, check: checkExpertWork("expertId"), note: "专家：本人；管理员：所管人才库的专家"},
	"Query.statistics":        {roles: []talent.Role{dispatchR, officer, organizer}},
	"Query.auditLog":          {},

	// The registry.
	"Mutation.createExpert":           {roles: []talent.Role{officer}},
	"Mutation.updateExpert":           {roles: []talent.Role{officer, expertR}, check: checkExpertEdit("id", true), note: "专家：本人；管理员：所管人才库的专家（或尚未入库者）"},
	"Mutation.archiveExpert":          {roles: []talent.Role{officer}, check: checkExpertEdit("id", false), note: "所管人才库的专家"},
	"Mutation.admitToRegistry":        {roles: []talent.Role{officer}, check: checkKeepsInputRegistry, note: "只能操作本人管理的人才库"},
	"Mutation.changeMembershipStatus": {roles: []talent.Role{officer}, check: checkKeepsInputRegistry, note: "只能操作本人管理的人才库"},
	"Mutation.addRecommendation":      {roles: []talent.Role{officer}, check: checkKeeps(talent.YouthTalent), note: "青年人才储备库的管理员"},
	"Mutation.assignEnvoy":            {roles: []talent.Role{officer}, check: checkKeeps(talent.ScienceEnvoy), note: "科技特派员的管理员"},
	"Mutation.logEnvoyService":        {roles: []talent.Role{officer, expertR}, check: checkKeepsOrSelf(talent.ScienceEnvoy), note: "科技特派员的管理员，或特派员本人"},
	"Mutation.setOnCall":              {roles: []talent.Role{officer, expertR}, check: checkKeepsOrSelf(talent.EmergencyExpert), note: "应急专家队伍的管理员，或专家本人"},
	"Mutation.createOrganization":     {roles: []talent.Role{officer, dispatchR}},
	"Mutation.importExperts":          {roles: []talent.Role{officer}, note: "文件中的人才库须为本人管理的人才库"},

	// Requests and dispatch.
	"Mutation.submitRequest":      {roles: []talent.Role{dispatchR, requester}, check: checkOwnOrganization, note: "需求单位：只能为本单位提交"},
	"Mutation.inviteExperts":      {roles: []talent.Role{dispatchR}},
	"Mutation.emergencyCallOut":   {roles: []talent.Role{dispatchR}},
	"Mutation.acceptInvitation":   {roles: []talent.Role{dispatchR, expertR}, check: checkOwnInvitation, note: "专家：本人的邀请；调度员可代为登记"},
	"Mutation.declineInvitation":  {roles: []talent.Role{dispatchR, expertR}, check: checkOwnInvitation, note: "专家：本人的邀请；调度员可代为登记"},
	"Mutation.claimRequest":       {roles: []talent.Role{dispatchR, expertR}, check: checkSelfInput("expertId"), note: "专家：只能以本人名义抢单"},
	"Mutation.scheduleEngagement": {roles: []talent.Role{dispatchR, expertR}, check: checkOwnEngagement, note: "专家：本人的服务安排"},
	"Mutation.completeEngagement": {roles: []talent.Role{dispatchR, expertR}, check: checkOwnEngagement, note: "专家：本人的服务安排"},
	"Mutation.rateEngagement":     {roles: []talent.Role{dispatchR, requester}, check: checkRateEngagement, note: "需求单位：本单位需求的服务"},
	"Mutation.cancelRequest":      {roles: []talent.Role{dispatchR, requester}, check: checkOwnRequestInput, note: "需求单位：本单位的需求"},

	// Accounts, personal data, audit.
	"Mutation.login":            {public: true},
	"Mutation.logout":           {roles: everyone},
	"Mutation.createUser":       {},
	"Mutation.createApiToken":   {roles: everyone, check: checkSelfUser, note: "只能为本人创建"},
	"Mutation.revokeToken":      {roles: everyone, note: "只能撤销本人的令牌"},
	"Mutation.changePassword":   {roles: everyone, note: "本人"},
	"Query.exportExpertData":    {roles: []talent.Role{expertR}, check: checkSelfArg("expertId"), note: "专家本人"},
	"Mutation.eraseExpertData":  {roles: []talent.Role{expertR}, check: checkSelfInput("expertId"), note: "专家本人"},
	"Mutation.setExpertConsent": {roles: []talent.Role{expertR}, check: checkSelfInput("expertId"), note: "专家本人"},
}

// guard wraps every field of a root type with its rule.
func (r *Resolver) guard(typeName string, fields graphql.Fields) error {
	var missing []string
	for name, f := range fields {
		ru, ok := rules[typeName+"."+name]
		if !ok {
			missing = append(missing, typeName+"."+name)
			continue
		}
		next := f.Resolve
		f.Resolve = func(p graphql.ResolveParams) (interface{}, error) {
			if err := r.authorize(p.Context, ru, p.Args); err != nil {
				return nil, fieldError(p.Context, err)
			}
			return next(p)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("graph: no authorization rule for %s (add it to graph/authz.go)", strings.Join(missing, ", "))
	}
	return nil
}

var (
	errLogin     = talent.Errorf(talent.CodeUnauthenticated, "", "请先登录")
	errForbidden = func(what string) error {
		return talent.Errorf(talent.CodeForbidden, "", "无权%s", what)
	}
)

func (r *Resolver) authorize(ctx context.Context, ru rule, args map[string]any) error {
	if ru.public {
		return nil
	}
	p := talent.PrincipalFrom(ctx)
	if p.Anonymous() {
		return errLogin
	}
	if p.Is(talent.RoleAdmin) {
		return nil
	}
	allowed := false
	for _, role := range ru.roles {
		allowed = allowed || p.Is(role)
	}
	if !allowed {
		return talent.Errorf(talent.CodeForbidden, "", "当前角色（%s）无权执行此操作", talent.Label(talent.Roles, string(p.User.Role)))
	}
	if ru.check != nil {
		return ru.check(ctx, r, p, args)
	}
	return nil
}

// Argument helpers: ids arrive as strings, inputs as maps.

func argInt(args map[string]any, name string) int64 {
	id, _ := parseID(name, args[name])
	return id
}

func inputOf(args map[string]any) map[string]any {
	in, _ := args["input"].(map[string]any)
	return in
}

// officerKeepsExpert: an officer may act on experts of the registries they
// keep, and on experts who are on no registry yet (new profiles).
func (r *Resolver) officerKeepsExpert(ctx context.Context, p talent.Principal, expertID int64) (bool, error) {
	ms, err := r.Store.MembershipsByExperts(ctx, []int64{expertID})
	if err != nil {
		return false, err
	}
	if len(ms[expertID]) == 0 {
		return true, nil
	}
	for _, m := range ms[expertID] {
		if p.Keeps(m.Registry) {
			return true, nil
		}
	}
	return false, nil
}

func checkExpertEdit(arg string, selfAllowed bool) func(context.Context, *Resolver, talent.Principal, map[string]any) error {
	return func(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error {
		id := argInt(inputOf(args), arg)
		if selfAllowed && p.IsExpert(id) {
			return nil
		}
		if p.Is(officer) {
			ok, err := r.officerKeepsExpert(ctx, p, id)
			if err != nil || ok {
				return err
			}
			return errForbidden("修改不在本人所管人才库中的专家")
		}
		return errForbidden("修改其他专家的资料")
	}
}

func checkExpertWork(arg string) func(context.Context, *Resolver, talent.Principal, map[string]any) error {
	return func(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error {
		id := argInt(args, arg)
		switch {
		case p.Is(dispatchR, organizer):
			return nil
		case p.Is(expertR):
			if p.IsExpert(id) {
				return nil
			}
			return errForbidden("查看其他专家的邀请和服务记录")
		case p.Is(officer):
			ok, err := r.officerKeepsExpert(ctx, p, id)
			if err != nil || ok {
				return err
			}
			return errForbidden("查看不在本人所管人才库中的专家")
		}
		return errForbidden("查看")
	}
}

func checkKeepsInputRegistry(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error {
	reg := talent.Registry(input(inputOf(args)).str("registry"))
	if p.Keeps(reg) {
		return nil
	}
	return errForbidden("操作" + talent.Label(talent.Registries, string(reg)) + "（不在本人管理范围内）")
}

func checkKeeps(reg talent.Registry) func(context.Context, *Resolver, talent.Principal, map[string]any) error {
	return func(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error {
		if p.Keeps(reg) {
			return nil
		}
		return errForbidden("操作" + talent.Label(talent.Registries, string(reg)) + "（不在本人管理范围内）")
	}
}

func checkKeepsOrSelf(reg talent.Registry) func(context.Context, *Resolver, talent.Principal, map[string]any) error {
	return func(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error {
		if p.Keeps(reg) || p.IsExpert(argInt(inputOf(args), "expertId")) {
			return nil
		}
		return errForbidden("为其他专家办理此项")
	}
}

func checkSelfInput(arg string) func(context.Context, *Resolver, talent.Principal, map[string]any) error {
	return func(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error {
		if !p.Is(expertR) || p.IsExpert(argInt(inputOf(args), arg)) {
			return nil
		}
		return errForbidden("以其他专家的名义操作")
	}
}

func checkSelfArg(arg string) func(context.Context, *Resolver, talent.Principal, map[string]any) error {
	return func(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error {
		if p.IsExpert(argInt(args, arg)) {
			return nil
		}
		return errForbidden("查看其他专家的数据")
	}
}

func checkSelfUser(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error {
	if id := argInt(inputOf(args), "userId"); id == 0 || id == p.User.ID {
		return nil
	}
	return errForbidden("为其他用户创建令牌")
}

func checkOwnOrganization(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error {
	if !p.Is(requester) || argInt(inputOf(args), "organizationId") == p.User.OrganizationID {
		return nil
	}
	return errForbidden("为其他单位提交需求")
}

func (r *Resolver) requesterOwns(ctx context.Context, p talent.Principal, requestID int64) error {
	org, err := r.Store.RequestOrganization(ctx, requestID)
	if err != nil {
		return err
	}
	if org != p.User.OrganizationID {
		return errForbidden("查看或操作其他单位的需求")
	}
	return nil
}

func checkRequestRead(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error {
	id := argInt(args, "id")
	switch {
	case p.Is(dispatchR, organizer):
		return nil
	case p.Is(requester):
		return r.requesterOwns(ctx, p, id)
	case p.Is(expertR):
		ok, err := r.Store.ExpertOnRequest(ctx, id, p.User.ExpertID)
		if err != nil || ok {
			return err
		}
		return errForbidden("查看未受邀的需求")
	}
	return errForbidden("查看需求")
}

func checkOwnRequestInput(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error {
	if !p.Is(requester) {
		return nil
	}
	return r.requesterOwns(ctx, p, argInt(inputOf(args), "requestId"))
}

func checkOwnInvitation(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error {
	if !p.Is(expertR) {
		return nil
	}
	inv, err := r.Store.Invitation(ctx, argInt(inputOf(args), "invitationId"))
	if err != nil {
		return err
	}
	if !p.IsExpert(inv.ExpertID) {
		return errForbidden("回复其他专家的邀请")
	}
	return nil
}

func checkOwnEngagement(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error {
	if !p.Is(expertR) {
		return nil
	}
	eng, err := r.Store.Engagement(ctx, argInt(inputOf(args), "engagementId"))
	if err != nil {
		return err
	}
	if !p.IsExpert(eng.ExpertID) {
		return errForbidden("操作其他专家的服务安排")
	}
	return nil
}

func checkRateEngagement(ctx context.Context, r *Resolver, p talent.Principal, args map[string]any) error {
	if !p.Is(requester) {
		return nil
	}
	eng, err := r.Store.Engagement(ctx, argInt(inputOf(args), "engagementId"))
	if err != nil {
		return err
	}
	return r.requesterOwns(ctx, p, eng.RequestID)
}

// canSeeContact decides whether the caller may see an expert's phone,
// e-mail and consent record: ADMIN; officers of a registry the expert is
// on; the expert; a dispatcher while the expert has a live engagement; a
// requester whose organisation has one. orgs are the organisations with a
// live engagement with the expert.
func canSeeContact(p talent.Principal, e *talent.Expert, ms []*talent.Membership, orgs []int64) bool {
	switch {
	case p.Anonymous():
		return false
	case p.Is(talent.RoleAdmin), p.IsExpert(e.ID):
		return true
	case p.Is(officer):
		for _, m := range ms {
			if p.Keeps(m.Registry) {
				return true
			}
		}
	case p.Is(dispatchR):
		return len(orgs) > 0
	case p.Is(requester):
		for _, o := range orgs {
			if o == p.User.OrganizationID {
				return true
			}
		}
	}
	return false
}
