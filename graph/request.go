package graph

// The requests part of the schema: requests (需求/订单), dispatch,
// emergency call-outs, engagements and statistics. The rules are in
// internal/dispatch and the transactions in internal/store; resolvers here
// only convert input and output.
//
// Who may call each operation is decided in graph/authz.go.

import (
	"context"
	"time"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/graphql-go/graphql"
)

func init() { parts = append(parts, requestsPart) }

// dispatchConfig is the resolver's dispatch configuration, with defaults
// for zero fields.
func (r *Resolver) dispatchConfig() dispatch.Config { return r.Dispatch.WithDefaults() }

var requestFilterInput = graphql.NewInputObject(graphql.InputObjectConfig{
	Name:        "RequestFilter",
	Description: "需求筛选条件。同一项中的多个值为“或”，不同项之间为“且”。",
	Fields: graphql.InputObjectConfigFieldMap{
		"status":              {Type: requestStatusEnum},
		"statuses":            {Type: graphql.NewList(graphql.NewNonNull(requestStatusEnum))},
		"kind":                {Type: RequestKindEnum},
		"kinds":               {Type: graphql.NewList(graphql.NewNonNull(RequestKindEnum))},
		"township":            {Type: graphql.String, Description: "乡镇名称或代码。"},
		"townships":           {Type: graphql.NewList(graphql.NewNonNull(graphql.String))},
		"organizationId":      {Type: graphql.ID, Description: "提出需求的单位。"},
		"emergencyCategory":   {Type: categoryEnum},
		"emergencyCategories": {Type: graphql.NewList(graphql.NewNonNull(categoryEnum))},
	},
})

func requestFilter(in input) (store.RequestFilter, error) {
	f := store.RequestFilter{
		Statuses:            typed[dispatch.Status](in.both("status", "statuses")),
		Kinds:               typed[dispatch.Kind](in.both("kind", "kinds")),
		EmergencyCategories: typed[talent.EmergencyCategory](in.both("emergencyCategory", "emergencyCategories")),
	}
	for _, t := range in.both("township", "townships") {
		tw, ok := talent.LookupTownship(t)
		if !ok {
			return f, talent.Errorf(talent.CodeUnknownTownship, "filter.township", "乡镇“%s”不是浮梁县的乡镇", t)
		}
		f.Townships = append(f.Townships, tw.Code)
	}
	if in["organizationId"] != nil {
		id, err := parseID("filter.organizationId", in["organizationId"])
		if err != nil {
			return f, err
		}
		f.OrganizationID = id
	}
	return f, nil
}

// argID reads a required ID argument of a query field.
func argID(p graphql.ResolveParams, name string) (int64, error) {
	return parseID(name, p.Args[name])
}

// expertPage reads the expertId and first (default 50, at most max)
// arguments of the per-expert lists.
func expertPage(p graphql.ResolveParams, max int) (int64, int, error) {
	id, err := argID(p, "expertId")
	if err != nil {
		return 0, 0, err
	}
	first, err := pageSize(p.Args["first"], 50, max)
	return id, first, err
}

func requestsPart(r *Resolver, t *Types) (queries, mutations graphql.Fields) {
	rt := r.requestTypes(t)
	return r.requestQueries(rt), r.requestMutations(rt)
}

func (r *Resolver) requestQueries(rt *requestTypes) graphql.Fields {
	return graphql.Fields{
		"request": &graphql.Field{
			Type:        rt.request,
			Description: "按编号取需求；不存在时为空。",
			Args:        graphql.FieldConfigArgument{"id": {Type: nonNullID}},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				id, err := argID(p, "id")
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				q, err := r.Store.Request(p.Context, id)
				if talent.ErrorCode(err) == talent.CodeNotFound {
					return nil, nil
				}
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				return r.newRequestPage().request(q), nil
			},
		},
		"requests": &graphql.Field{
			Type:        graphql.NewNonNull(rt.connection),
			Description: "按条件筛选需求，最新提交的在前，分页（first 默认20，最多100）。",
			Args: graphql.FieldConfigArgument{
				"filter": {Type: requestFilterInput},
				"first":  {Type: graphql.Int, DefaultValue: 20},
				"after":  {Type: graphql.String},
			},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				fin, _ := p.Args["filter"].(map[string]any)
				f, err := requestFilter(fin)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				// A requester sees its own organisation's requests only.
				if pr := talent.PrincipalFrom(p.Context); pr.Is(talent.RoleRequester) {
					f.OrganizationID = pr.User.OrganizationID
				}
				first, err := pageSize(p.Args["first"], 20, 100)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				after, _ := p.Args["after"].(string)
				before, err := decodeCursor("request", after)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				list, err := r.Store.FindRequests(p.Context, f, before, first+1)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				c := &requestConnection{filter: f, hasPrev: before > 0}
				if len(list) > first {
					c.hasNext, list = true, list[:first]
				}
				c.nodes = r.newRequestPage().requestList(list)
				return c, nil
			},
		},
		"openRequestsFor": &graphql.Field{
			Type:        listOf(rt.request),
			Description: "专家可以主动接单（抢单）的需求：待派单或已派单、仍缺专家、符合其人才库、应急类别、出行范围和受众；应急需求在前，其余按提交先后。",
			Args: graphql.FieldConfigArgument{
				"expertId": {Type: nonNullID},
				"first":    {Type: graphql.Int, DefaultValue: 50},
			},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				id, first, err := expertPage(p, 200)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				list, err := r.Store.OpenRequestsFor(p.Context, id, first)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				return r.newRequestPage().requestList(list), nil
			},
		},
		"invitations": &graphql.Field{
			Type:        listOf(rt.invitation),
			Description: "专家收到的邀请，最新的在前；可按状态筛选（如只看待回复的）。",
			Args: graphql.FieldConfigArgument{
				"expertId": {Type: nonNullID},
				"statuses": {Type: graphql.NewList(graphql.NewNonNull(invitationStatusEnum))},
				"first":    {Type: graphql.Int, DefaultValue: 50},
			},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				id, first, err := expertPage(p, 200)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				sts := typed[dispatch.InvitationStatus](input(p.Args).strs("statuses"))
				list, err := r.Store.InvitationsOf(p.Context, id, sts, first)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				return r.newRequestPage().invitationList(list), nil
			},
		},
		"engagementHistory": &graphql.Field{
			Type:        listOf(rt.engagement),
			Description: "专家的服务记录，最近的在前（含已取消的）。",
			Args: graphql.FieldConfigArgument{
				"expertId": {Type: nonNullID},
				"first":    {Type: graphql.Int, DefaultValue: 50},
			},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				id, first, err := expertPage(p, 500)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				list, err := r.Store.EngagementHistory(p.Context, id, first)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				return r.newRequestPage().engagementList(list), nil
			},
		},
		"statistics": &graphql.Field{
			Type:        graphql.NewNonNull(rt.stats),
			Description: "需求统计（按人才库、乡镇、月份或需求类型分组）：需求数、完成数、从提交到接单的中位时长、服务人数。期间按提交日期（北京时间）计算，from/to 均含当天，可省略。",
			Args: graphql.FieldConfigArgument{
				"groupBy": {Type: graphql.NewNonNull(statisticsGroupEnum)},
				"from":    {Type: dateScalar},
				"to":      {Type: dateScalar},
			},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				group, _ := p.Args["groupBy"].(string)
				from, _ := p.Args["from"].(string)
				to, _ := p.Args["to"].(string)
				rows, total, err := r.Store.Statistics(p.Context, store.StatsGroup(group), store.StatsFilter{From: from, To: to})
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				if rows == nil {
					rows = []store.StatsRow{}
				}
				return map[string]any{"groupBy": group, "from": nilIfEmpty(from), "to": nilIfEmpty(to), "rows": rows, "total": total}, nil
			},
		},
	}
}

func (r *Resolver) requestMutations(rt *requestTypes) graphql.Fields {
	withRequest := graphql.Fields{"request": mapGet(rt.request, "变更后的需求。", "request")}
	requestPayload := payloadType("RequestPayload", "request", rt.request, nil)
	// The list is nullable: it is null when userErrors explain why.
	invitationsPayload := payloadType("InvitationsPayload", "invitations", graphql.NewList(graphql.NewNonNull(rt.invitation)), withRequest)
	invitationPayload := payloadType("InvitationPayload", "invitation", rt.invitation, withRequest)
	engagementPayload := payloadType("EngagementPayload", "engagement", rt.engagement, withRequest)

	// withRequestOf adds the (fresh) request to a successful payload.
	withRequestOf := func(ctx context.Context, page *requestPage, out any, requestID int64) (any, error) {
		m, ok := out.(map[string]any)
		if !ok || requestID == 0 {
			return out, nil
		}
		q, err := r.Store.Request(ctx, requestID)
		if err != nil {
			return nil, fieldError(ctx, err)
		}
		m["request"] = page.request(q)
		return m, nil
	}
	// engagementResult is the payload of the engagement mutations.
	engagementResult := func(ctx context.Context, e *dispatch.Engagement, err error) (any, error) {
		page := r.newRequestPage()
		if err != nil {
			return payload(ctx, "engagement", nil, err)
		}
		out, perr := payload(ctx, "engagement", &engagementNode{e, page}, nil)
		if perr != nil {
			return nil, perr
		}
		return withRequestOf(ctx, page, out, e.RequestID)
	}
	idOf := func(in input, field string) (int64, error) { return parseID(field, in[field]) }

	return graphql.Fields{
		"submitRequest": mutation("提交需求（学校、村、企业或应急部门）。乡镇可填名称或代码；时长默认90分钟，所需专家默认1人。",
			inputObject("SubmitRequestInput", "", graphql.InputObjectConfigFieldMap{
				"kind":              {Type: graphql.NewNonNull(RequestKindEnum)},
				"organizationId":    {Type: nonNullID, Description: "提出需求的单位（先用 createOrganization 登记）。"},
				"contactName":       {Type: nonNullString, Description: "联系人。"},
				"contactPhone":      {Type: nonNullString, Description: "联系电话：手机或带区号的固定电话。"},
				"contactEmail":      {Type: graphql.String, Description: "联系邮箱（可选，用于邮件通知）。"},
				"title":             {Type: nonNullString},
				"description":       {Type: graphql.String},
				"township":          {Type: nonNullString, Description: "乡镇名称或代码。"},
				"place":             {Type: graphql.String, Description: "具体地点，如学校礼堂。"},
				"audience":          {Type: audienceEnum},
				"headcount":         {Type: graphql.Int, Description: "预计人数。"},
				"windowStart":       {Type: graphql.NewNonNull(dateScalar), Description: "期望日期范围：最早（不早于今天）。"},
				"windowEnd":         {Type: graphql.NewNonNull(dateScalar), Description: "期望日期范围：最晚。"},
				"durationMinutes":   {Type: graphql.Int, Description: "时长（分钟，10–1440），默认90。"},
				"emergencyCategory": {Type: categoryEnum, Description: "应急类别：应急需求必填，其余不填。"},
				"expertsNeeded":     {Type: graphql.Int, Description: "所需专家人数（1–20），默认1。"},
			}), requestPayload,
			func(ctx context.Context, in input) (any, error) {
				org, err := idOf(in, "organizationId")
				if err != nil {
					return payload(ctx, "request", nil, err)
				}
				q, err := r.Store.SubmitRequest(ctx, &dispatch.Request{
					Kind: dispatch.Kind(in.str("kind")), OrganizationID: org, ContactName: in.str("contactName"),
					ContactPhone: in.str("contactPhone"), ContactEmail: in.str("contactEmail"), Title: in.str("title"),
					Description: in.str("description"), Township: in.str("township"), Place: in.str("place"),
					Audience: talent.Audience(in.str("audience")), Headcount: in.int("headcount"),
					WindowStart: in.str("windowStart"), WindowEnd: in.str("windowEnd"), DurationMinutes: in.int("durationMinutes"),
					EmergencyCategory: talent.EmergencyCategory(in.str("emergencyCategory")), ExpertsNeeded: in.int("expertsNeeded"),
				})
				if err != nil {
					return payload(ctx, "request", nil, err)
				}
				return payload(ctx, "request", r.newRequestPage().request(q), nil)
			}),
		"inviteExperts": mutation("邀请专家承接需求（通常从匹配结果中选择）；需求变为已派单。每位专家须是承接此类需求的人才库的已入库成员。",
			inputObject("InviteExpertsInput", "", graphql.InputObjectConfigFieldMap{
				"requestId":      {Type: nonNullID},
				"expertIds":      {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.ID))), Description: "受邀专家（最多50位）。"},
				"expiresInHours": {Type: graphql.Int, Description: "回复期限（小时），默认按系统配置（48小时）；不超过需求的最晚日期。"},
			}), invitationsPayload,
			func(ctx context.Context, in input) (any, error) {
				id, err := idOf(in, "requestId")
				var experts []int64
				for i, raw := range in.strs("expertIds") {
					if err != nil {
						break
					}
					var e int64
					e, err = parseID(fieldIndex("expertIds", i), raw)
					experts = append(experts, e)
				}
				ttl := r.dispatchConfig().InvitationTTL
				if h := in.int("expiresInHours"); err == nil && in["expiresInHours"] != nil {
					if h < 1 || h > 24*30 {
						err = talent.Errorf(talent.CodeOutOfRange, "expiresInHours", "回复期限应在1至720小时之间")
					}
					ttl = time.Duration(h) * time.Hour
				}
				if err != nil {
					return payload(ctx, "invitations", nil, err)
				}
				_, invs, err := r.Store.InviteExperts(ctx, store.InviteInput{RequestID: id, ExpertIDs: experts, TTL: ttl})
				page := r.newRequestPage()
				if err != nil {
					return payload(ctx, "invitations", nil, err)
				}
				out, perr := payload(ctx, "invitations", page.invitationList(invs), nil)
				if perr != nil {
					return nil, perr
				}
				return withRequestOf(ctx, page, out, id)
			}),
		"emergencyCallOut": mutation("应急召集：立即邀请应急需求所在乡镇一定范围内、该类别所有正在值守的应急科普专家；最先接受的若干位被派出，其余收到“已满员”通知。",
			inputObject("EmergencyCallOutInput", "", graphql.InputObjectConfigFieldMap{
				"requestId":        {Type: nonNullID, Description: "应急需求。"},
				"expertsNeeded":    {Type: graphql.Int, Description: "需要的专家人数；不填则沿用需求的人数。"},
				"reachKm":          {Type: graphql.Float, Description: "召集范围（公里，按乡镇中心距离）；默认按系统配置（40公里）。"},
				"expiresInMinutes": {Type: graphql.Int, Description: "回复期限（分钟）；默认按系统配置（30分钟）。"},
			}), invitationsPayload,
			func(ctx context.Context, in input) (any, error) {
				id, err := idOf(in, "requestId")
				cfg := r.dispatchConfig()
				call := store.CallOutInput{RequestID: id, ExpertsNeeded: in.int("expertsNeeded"), ReachKm: cfg.CallOutReachKm, TTL: cfg.CallOutTTL}
				if km, ok := in["reachKm"].(float64); ok && err == nil {
					if km <= 0 {
						err = talent.Errorf(talent.CodeOutOfRange, "reachKm", "召集范围须大于0公里")
					}
					call.ReachKm = km
				}
				if in["expiresInMinutes"] != nil && err == nil {
					m := in.int("expiresInMinutes")
					if m < 1 || m > 24*60 {
						err = talent.Errorf(talent.CodeOutOfRange, "expiresInMinutes", "回复期限应在1至1440分钟之间")
					}
					call.TTL = time.Duration(m) * time.Minute
				}
				if in["expertsNeeded"] != nil && call.ExpertsNeeded == 0 && err == nil {
					err = talent.Errorf(talent.CodeOutOfRange, "expertsNeeded", "所需专家人数应在1至%d之间", dispatch.MaxExpertsNeeded)
				}
				if err != nil {
					return payload(ctx, "invitations", nil, err)
				}
				_, invs, err := r.Store.EmergencyCallOut(ctx, call)
				if err != nil {
					return payload(ctx, "invitations", nil, err)
				}
				page := r.newRequestPage()
				out, perr := payload(ctx, "invitations", page.invitationList(invs), nil)
				if perr != nil {
					return nil, perr
				}
				return withRequestOf(ctx, page, out, id)
			}),
		"acceptInvitation": mutation("专家接受邀请。需求所需专家已满时，其余待回复的邀请标为“已满员”并通知。",
			inputObject("AcceptInvitationInput", "", graphql.InputObjectConfigFieldMap{
				"invitationId": {Type: nonNullID},
			}), engagementPayload,
			func(ctx context.Context, in input) (any, error) {
				id, err := idOf(in, "invitationId")
				if err != nil {
					return payload(ctx, "engagement", nil, err)
				}
				e, err := r.Store.AcceptInvitation(ctx, id)
				return engagementResult(ctx, e, err)
			}),
		"declineInvitation": mutation("专家谢绝邀请。无待回复的邀请且仍缺专家时，需求退回待派单并通知派单管理员。",
			inputObject("DeclineInvitationInput", "", graphql.InputObjectConfigFieldMap{
				"invitationId": {Type: nonNullID},
				"reason":       {Type: graphql.String, Description: "原因（可选）。"},
			}), invitationPayload,
			func(ctx context.Context, in input) (any, error) {
				id, err := idOf(in, "invitationId")
				if err != nil {
					return payload(ctx, "invitation", nil, err)
				}
				inv, err := r.Store.DeclineInvitation(ctx, id, in.str("reason"))
				if err != nil {
					return payload(ctx, "invitation", nil, err)
				}
				page := r.newRequestPage()
				out, perr := payload(ctx, "invitation", &invitationNode{inv, page}, nil)
				if perr != nil {
					return nil, perr
				}
				return withRequestOf(ctx, page, out, inv.RequestID)
			}),
		"claimRequest": mutation("专家主动接单（抢单）：先到先得，所需专家满员后其他人收到 TAKEN 错误。",
			inputObject("ClaimRequestInput", "", graphql.InputObjectConfigFieldMap{
				"requestId": {Type: nonNullID},
				"expertId":  {Type: nonNullID},
			}), engagementPayload,
			func(ctx context.Context, in input) (any, error) {
				id, err := idOf(in, "requestId")
				var expert int64
				if err == nil {
					expert, err = idOf(in, "expertId")
				}
				if err != nil {
					return payload(ctx, "engagement", nil, err)
				}
				e, err := r.Store.ClaimRequest(ctx, id, expert)
				return engagementResult(ctx, e, err)
			}),
		"scheduleEngagement": mutation("为服务安排排定时间（或改期）；所有服务安排都排定后需求变为已排期。同一专家的时间不能重叠。",
			inputObject("ScheduleEngagementInput", "", graphql.InputObjectConfigFieldMap{
				"engagementId": {Type: nonNullID},
				"startsAt":     {Type: nonNullDateTime, Description: "开始时间（RFC 3339，如 2026-05-22T14:30:00+08:00）。"},
				"endsAt":       {Type: graphql.DateTime, Description: "结束时间；默认按需求时长。"},
			}), engagementPayload,
			func(ctx context.Context, in input) (any, error) {
				id, err := idOf(in, "engagementId")
				if err != nil {
					return payload(ctx, "engagement", nil, err)
				}
				startsAt, _ := in["startsAt"].(time.Time)
				endsAt, _ := in["endsAt"].(time.Time)
				e, err := r.Store.ScheduleEngagement(ctx, store.ScheduleInput{EngagementID: id, StartsAt: startsAt, EndsAt: endsAt})
				return engagementResult(ctx, e, err)
			}),
		"completeEngagement": mutation("登记服务完成：日期、参加人数、备注。",
			inputObject("CompleteEngagementInput", "", graphql.InputObjectConfigFieldMap{
				"engagementId": {Type: nonNullID},
				"date":         {Type: graphql.NewNonNull(dateScalar), Description: "完成日期（不晚于今天）。"},
				"attendees":    {Type: nonNullInt, Description: "参加人数。"},
				"notes":        {Type: graphql.String},
			}), engagementPayload,
			func(ctx context.Context, in input) (any, error) {
				id, err := idOf(in, "engagementId")
				if err != nil {
					return payload(ctx, "engagement", nil, err)
				}
				e, err := r.Store.CompleteEngagement(ctx, id, dispatch.Completion{Date: in.str("date"), Attendees: in.int("attendees"), Notes: in.str("notes")})
				return engagementResult(ctx, e, err)
			}),
		"rateEngagement": mutation("需求方评价已完成的服务（1–5分，每项服务一次）。",
			inputObject("RateEngagementInput", "", graphql.InputObjectConfigFieldMap{
				"engagementId": {Type: nonNullID},
				"rating":       {Type: nonNullInt, Description: "1–5分。"},
				"comment":      {Type: graphql.String, Description: "评语。"},
			}), engagementPayload,
			func(ctx context.Context, in input) (any, error) {
				id, err := idOf(in, "engagementId")
				if err != nil {
					return payload(ctx, "engagement", nil, err)
				}
				e, err := r.Store.RateEngagement(ctx, id, in.int("rating"), in.str("comment"))
				return engagementResult(ctx, e, err)
			}),
		"cancelRequest": mutation("取消需求（需求方或管理员），须填写原因；撤销待回复的邀请、释放已接单专家并通知相关各方。已完成的需求不能取消。",
			inputObject("CancelRequestInput", "", graphql.InputObjectConfigFieldMap{
				"requestId": {Type: nonNullID},
				"reason":    {Type: nonNullString},
				"by":        {Type: cancelledByEnum, Description: "取消方：需求方账号总是 REQUESTER；其他账号默认 OFFICER，可代需求方取消（如电话告知）时填 REQUESTER。"},
				"version":   {Type: graphql.Int, Description: "可选：读取时的版本号。"},
			}), requestPayload,
			func(ctx context.Context, in input) (any, error) {
				id, err := idOf(in, "requestId")
				if err != nil {
					return payload(ctx, "request", nil, err)
				}
				// Who cancelled is part of the record: a requester's account
				// cannot claim to be the office.
				by := dispatch.Role(in.str("by"))
				if u := talent.PrincipalFrom(ctx).User; u != nil && u.Role == talent.RoleRequester {
					if by == dispatch.ByOfficer {
						return payload(ctx, "request", nil, talent.Errorf(talent.CodeForbidden, "by", "需求方账号只能以需求方身份取消"))
					}
					by = dispatch.ByRequester
				}
				q, err := r.Store.CancelRequest(ctx, store.CancelInput{RequestID: id, Reason: in.str("reason"),
					By: by, Version: in.int("version")})
				if err != nil {
					return payload(ctx, "request", nil, err)
				}
				return payload(ctx, "request", r.newRequestPage().request(q), nil)
			}),
	}
}

func fieldIndex(field string, i int) string {
	return field + "." + itoa(i)
}
