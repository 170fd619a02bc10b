package graph

import (
	"context"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/graphql-go/graphql"
)

// RequestKindEnum ("RequestKind") is defined in match.go and shared with
// matching; its values are dispatch.Kinds' names.
var (
	requestStatusEnum    = enumType("RequestStatus", "需求状态：SUBMITTED 待派单 → DISPATCHED 已派单 → ACCEPTED 已接单 → SCHEDULED 已排期 → COMPLETED 已完成 → RATED 已评价；CANCELLED 已取消、EXPIRED 已过期。", dispatch.Statuses)
	invitationStatusEnum = enumType("InvitationStatus", "邀请状态。", dispatch.InvitationStatuses)
	engagementStatusEnum = enumType("EngagementStatus", "服务安排状态。", dispatch.EngagementStatuses)
	engagementSourceEnum = enumType("EngagementSource", "专家如何承接：接受邀请或主动接单。", dispatch.Sources)
	cancelledByEnum      = enumType("CancelledBy", "取消方。", dispatch.Roles)
	statisticsGroupEnum  = enumType("StatisticsGroup", "统计分组方式。", []talent.EnumValue{
		{Name: string(store.ByRegistry), Label: "按人才库"},
		{Name: string(store.ByTownship), Label: "按乡镇"},
		{Name: string(store.ByMonth), Label: "按月份"},
		{Name: string(store.ByKind), Label: "按需求类型"},
	})
)

// requestPage batches what the requests, invitations and engagements of one
// root field need, so that a page of requests with their history,
// invitations, engagements and organisations costs a fixed number of
// queries. Each root field makes one page; every node it returns carries it.
type requestPage struct {
	requests    *batch[int64, *dispatch.Request]
	history     *batch[int64, []*dispatch.Event]
	invitations *batch[int64, []*dispatch.Invitation]
	engagements *batch[int64, []*dispatch.Engagement]
	orgs        *batch[int64, *talent.Organization]
}

func (r *Resolver) newRequestPage() *requestPage {
	s := r.Store
	return &requestPage{
		requests:    newBatch(s.RequestsByIDs),
		history:     newBatch(s.HistoryByRequests),
		invitations: newBatch(s.InvitationsByRequests),
		engagements: newBatch(s.EngagementsByRequests),
		orgs:        newBatch(s.OrganizationsByIDs),
	}
}

// The nodes pair a domain object with the page that loads its relations.
type (
	requestNode struct {
		*dispatch.Request
		page *requestPage
	}
	invitationNode struct {
		*dispatch.Invitation
		page *requestPage
	}
	engagementNode struct {
		*dispatch.Engagement
		page *requestPage
	}
)

func (p *requestPage) request(r *dispatch.Request) *requestNode {
	if r == nil {
		return nil
	}
	p.requests.Prime(r.ID, r)
	return &requestNode{r, p}
}

func (p *requestPage) requestList(rs []*dispatch.Request) []*requestNode {
	out := make([]*requestNode, len(rs))
	for i, r := range rs {
		out[i] = p.request(r)
	}
	return out
}

func (p *requestPage) invitationList(is []*dispatch.Invitation) []*invitationNode {
	out := make([]*invitationNode, len(is))
	for i, inv := range is {
		out[i] = &invitationNode{inv, p}
	}
	return out
}

func (p *requestPage) engagementList(es []*dispatch.Engagement) []*engagementNode {
	out := make([]*engagementNode, len(es))
	for i, e := range es {
		out[i] = &engagementNode{e, p}
	}
	return out
}

// loadRequest resolves a request by id through the page.
func (p *requestPage) loadRequest(ctx context.Context, id int64) func() (interface{}, error) {
	load := p.requests.Load(ctx, id)
	return func() (interface{}, error) {
		r, err := load()
		if err != nil || r == nil {
			return nil, err
		}
		return &requestNode{r, p}, nil
	}
}

// requestTypes are the object types of the requests part.
type requestTypes struct {
	request, event, invitation, engagement, connection, statsRow, stats *graphql.Object
}

func (r *Resolver) requestTypes(t *Types) *requestTypes {
	rt := &requestTypes{}
	expertField := func(desc string, id func(p graphql.ResolveParams) int64) *graphql.Field {
		return &graphql.Field{Type: graphql.NewNonNull(t.Expert), Description: desc, Resolve: func(p graphql.ResolveParams) (interface{}, error) {
			return thunk(r.loaders(p.Context).experts.Load(p.Context, id(p))), nil
		}}
	}
	rt.event = graphql.NewObject(graphql.ObjectConfig{
		Name:        "RequestEvent",
		Description: "需求状态的一次变更：谁、何时、从何状态到何状态、为什么。",
		Fields: graphql.Fields{
			"from":   get(requestStatusEnum, "原状态；提交时为空。", func(e *dispatch.Event) any { return nilIfEmpty(string(e.From)) }),
			"to":     get(graphql.NewNonNull(requestStatusEnum), "新状态。", func(e *dispatch.Event) any { return string(e.To) }),
			"at":     get(nonNullDateTime, "时间。", func(e *dispatch.Event) any { return e.At }),
			"actor":  get(nonNullString, "操作人（system 为后台任务）。", func(e *dispatch.Event) any { return e.Actor }),
			"reason": get(graphql.String, "原因或说明。", func(e *dispatch.Event) any { return nilIfEmpty(e.Reason) }),
		},
	})
	rt.invitation = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Invitation",
		Description: "邀请一位专家承接一个需求。",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id": get(nonNullID, "", func(i *invitationNode) any { return idString(i.ID) }),
				"request": &graphql.Field{Type: graphql.NewNonNull(rt.request), Description: "所属需求。",
					Resolve: func(p graphql.ResolveParams) (interface{}, error) {
						i := p.Source.(*invitationNode)
						return i.page.loadRequest(p.Context, i.RequestID), nil
					}},
				"expert":      expertField("受邀专家。", func(p graphql.ResolveParams) int64 { return p.Source.(*invitationNode).ExpertID }),
				"status":      get(graphql.NewNonNull(invitationStatusEnum), "状态。", func(i *invitationNode) any { return string(i.Status) }),
				"callOut":     get(nonNullBool, "是否为应急召集。", func(i *invitationNode) any { return i.CallOut }),
				"invitedBy":   get(nonNullString, "邀请人（system 为自动派单）。", func(i *invitationNode) any { return i.InvitedBy }),
				"invitedAt":   get(nonNullDateTime, "邀请时间。", func(i *invitationNode) any { return i.InvitedAt }),
				"expiresAt":   get(nonNullDateTime, "回复截止时间。", func(i *invitationNode) any { return i.ExpiresAt }),
				"respondedAt": get(graphql.DateTime, "结束时间（接受、谢绝、过期、撤销或满员）。", func(i *invitationNode) any { return timePtr(i.RespondedAt) }),
				"reason":      get(graphql.String, "谢绝或结束的原因。", func(i *invitationNode) any { return nilIfEmpty(i.Reason) }),
			}
		}),
	})
	rt.engagement = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Engagement",
		Description: "一位专家承接一个需求的服务安排：从接单到评价。",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id": get(nonNullID, "", func(e *engagementNode) any { return idString(e.ID) }),
				"request": &graphql.Field{Type: graphql.NewNonNull(rt.request), Description: "所属需求。",
					Resolve: func(p graphql.ResolveParams) (interface{}, error) {
						e := p.Source.(*engagementNode)
						return e.page.loadRequest(p.Context, e.RequestID), nil
					}},
				"expert":        expertField("承接的专家。", func(p graphql.ResolveParams) int64 { return p.Source.(*engagementNode).ExpertID }),
				"registry":      get(graphql.NewNonNull(registryEnum), "专家以哪个人才库的身份承接。", func(e *engagementNode) any { return string(e.Registry) }),
				"source":        get(graphql.NewNonNull(engagementSourceEnum), "接受邀请或主动接单。", func(e *engagementNode) any { return string(e.Source) }),
				"status":        get(graphql.NewNonNull(engagementStatusEnum), "状态。", func(e *engagementNode) any { return string(e.Status) }),
				"month":         get(nonNullString, "计入每月上限的月份（YYYY-MM，北京时间）。", func(e *engagementNode) any { return e.Month }),
				"startsAt":      get(graphql.DateTime, "开始时间；排期前为空。", func(e *engagementNode) any { return timePtr(e.StartsAt) }),
				"endsAt":        get(graphql.DateTime, "结束时间。", func(e *engagementNode) any { return timePtr(e.EndsAt) }),
				"remindedAt":    get(graphql.DateTime, "发出提醒的时间。", func(e *engagementNode) any { return timePtr(e.RemindedAt) }),
				"completedOn":   get(dateScalar, "完成日期。", func(e *engagementNode) any { return nilIfEmpty(e.CompletedOn) }),
				"attendees":     get(nonNullInt, "参加人数（完成时登记）。", func(e *engagementNode) any { return e.Attendees }),
				"notes":         get(graphql.String, "完成备注。", func(e *engagementNode) any { return nilIfEmpty(e.Notes) }),
				"rating":        get(graphql.Int, "需求方评分（1–5）；未评价时为空。", func(e *engagementNode) any { return nilIfZero(e.Rating) }),
				"ratingComment": get(graphql.String, "评语。", func(e *engagementNode) any { return nilIfEmpty(e.RatingComment) }),
				"ratedAt":       get(graphql.DateTime, "评价时间。", func(e *engagementNode) any { return timePtr(e.RatedAt) }),
				"acceptedAt":    get(nonNullDateTime, "接单时间。", func(e *engagementNode) any { return e.AcceptedAt }),
				"cancelledAt":   get(graphql.DateTime, "取消时间。", func(e *engagementNode) any { return timePtr(e.CancelledAt) }),
				"version":       get(nonNullInt, "", func(e *engagementNode) any { return e.Version }),
			}
		}),
	})
	rt.request = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Request",
		Description: "学校、村（社区）、企业或应急部门提出的需求（订单）。",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id":       get(nonNullID, "", func(q *requestNode) any { return idString(q.ID) }),
				"kind":     get(graphql.NewNonNull(RequestKindEnum), "需求类型。", func(q *requestNode) any { return string(q.Kind) }),
				"kindName": get(nonNullString, "需求类型中文名。", func(q *requestNode) any { return talent.Label(dispatch.Kinds, string(q.Kind)) }),
				"organization": &graphql.Field{Type: organizationType, Description: "提出需求的单位。",
					Resolve: func(p graphql.ResolveParams) (interface{}, error) {
						q := p.Source.(*requestNode)
						load := q.page.orgs.Load(p.Context, q.OrganizationID)
						return func() (interface{}, error) {
							o, err := load()
							if err != nil || o == nil {
								return nil, err
							}
							return o, nil
						}, nil
					}},
				"contactName":       get(nonNullString, "联系人。", func(q *requestNode) any { return q.ContactName }),
				"contactPhone":      get(nonNullString, "联系电话。", func(q *requestNode) any { return q.ContactPhone }),
				"contactEmail":      get(graphql.String, "联系邮箱。", func(q *requestNode) any { return nilIfEmpty(q.ContactEmail) }),
				"title":             get(nonNullString, "标题。", func(q *requestNode) any { return q.Title }),
				"description":       get(graphql.String, "说明。", func(q *requestNode) any { return nilIfEmpty(q.Description) }),
				"township":          get(nonNullString, "乡镇（名称）。", func(q *requestNode) any { return talent.TownshipName(q.Township) }),
				"townshipCode":      get(nonNullString, "乡镇代码。", func(q *requestNode) any { return q.Township }),
				"place":             get(graphql.String, "具体地点。", func(q *requestNode) any { return nilIfEmpty(q.Place) }),
				"audience":          get(audienceEnum, "受众。", func(q *requestNode) any { return nilIfEmpty(string(q.Audience)) }),
				"headcount":         get(nonNullInt, "预计人数。", func(q *requestNode) any { return q.Headcount }),
				"windowStart":       get(graphql.NewNonNull(dateScalar), "期望日期范围：最早。", func(q *requestNode) any { return q.WindowStart }),
				"windowEnd":         get(graphql.NewNonNull(dateScalar), "期望日期范围：最晚；此日结束仍无人接单即过期。", func(q *requestNode) any { return q.WindowEnd }),
				"durationMinutes":   get(nonNullInt, "时长（分钟）。", func(q *requestNode) any { return q.DurationMinutes }),
				"emergencyCategory": get(categoryEnum, "应急类别（应急需求）。", func(q *requestNode) any { return nilIfEmpty(string(q.EmergencyCategory)) }),
				"expertsNeeded":     get(nonNullInt, "所需专家人数。", func(q *requestNode) any { return q.ExpertsNeeded }),
				"status":            get(graphql.NewNonNull(requestStatusEnum), "状态。", func(q *requestNode) any { return string(q.Status) }),
				"statusName":        get(nonNullString, "状态中文名。", func(q *requestNode) any { return talent.Label(dispatch.Statuses, string(q.Status)) }),
				"nextStatuses": get(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(requestStatusEnum))), "当前状态可变为的状态。", func(q *requestNode) any {
					return strs(dispatch.NextStatuses(q.Status))
				}),
				"deadline":   get(nonNullDateTime, "截止时间：最晚日期结束（北京时间）。", func(q *requestNode) any { return q.Deadline }),
				"acceptedAt": get(graphql.DateTime, "首位专家接单的时间。", func(q *requestNode) any { return timePtr(q.AcceptedAt) }),
				"autoRounds": get(nonNullInt, "已进行的自动邀请轮数。", func(q *requestNode) any { return q.AutoRounds }),
				"version":    get(nonNullInt, "版本号：取消时可带上以防覆盖他人修改。", func(q *requestNode) any { return q.Version }),
				"createdAt":  get(nonNullDateTime, "提交时间。", func(q *requestNode) any { return q.CreatedAt }),
				"updatedAt":  get(nonNullDateTime, "", func(q *requestNode) any { return q.UpdatedAt }),
				"history": &graphql.Field{Type: listOf(rt.event), Description: "状态变更记录，按时间先后。",
					Resolve: func(p graphql.ResolveParams) (interface{}, error) {
						q := p.Source.(*requestNode)
						return thunk(q.page.history.Load(p.Context, q.ID)), nil
					}},
				"invitations": &graphql.Field{Type: listOf(rt.invitation), Description: "邀请，按时间先后。",
					Resolve: func(p graphql.ResolveParams) (interface{}, error) {
						q := p.Source.(*requestNode)
						load := q.page.invitations.Load(p.Context, q.ID)
						return func() (interface{}, error) {
							list, err := load()
							return q.page.invitationList(list), err
						}, nil
					}},
				"engagements": &graphql.Field{Type: listOf(rt.engagement), Description: "服务安排（含已取消的）。",
					Resolve: func(p graphql.ResolveParams) (interface{}, error) {
						q := p.Source.(*requestNode)
						load := q.page.engagements.Load(p.Context, q.ID)
						return func() (interface{}, error) {
							list, err := load()
							return q.page.engagementList(list), err
						}, nil
					}},
			}
		}),
	})
	edge := graphql.NewObject(graphql.ObjectConfig{
		Name: "RequestEdge",
		Fields: graphql.Fields{
			"cursor": get(nonNullString, "", func(q *requestNode) any { return encodeCursor("request", q.ID) }),
			"node":   get(graphql.NewNonNull(rt.request), "", func(q *requestNode) any { return q }),
		},
	})
	rt.connection = graphql.NewObject(graphql.ObjectConfig{
		Name:        "RequestConnection",
		Description: "需求列表的一页（Relay 连接），最新提交的在前。",
		Fields: graphql.Fields{
			"edges": get(listOf(edge), "", func(c *requestConnection) any { return c.nodes }),
			"nodes": get(listOf(rt.request), "本页需求（edges.node 的简写）。", func(c *requestConnection) any { return c.nodes }),
			"pageInfo": get(graphql.NewNonNull(pageInfoType), "", func(c *requestConnection) any {
				p := pageInfo{HasNextPage: c.hasNext, HasPreviousPage: c.hasPrev}
				if n := len(c.nodes); n > 0 {
					p.StartCursor = encodeCursor("request", c.nodes[0].ID)
					p.EndCursor = encodeCursor("request", c.nodes[n-1].ID)
				}
				return p
			}),
			"totalCount": &graphql.Field{Type: nonNullInt, Description: "符合条件的需求总数。",
				Resolve: func(p graphql.ResolveParams) (interface{}, error) {
					c := p.Source.(*requestConnection)
					n, err := r.Store.CountRequests(p.Context, c.filter)
					return n, fieldError(p.Context, err)
				}},
		},
	})
	median := func(s store.StatsRow) any {
		if s.MedianHoursToAcceptance == nil {
			return nil
		}
		return *s.MedianHoursToAcceptance
	}
	rt.statsRow = graphql.NewObject(graphql.ObjectConfig{
		Name:        "StatisticsRow",
		Description: "一组需求的统计。",
		Fields: graphql.Fields{
			"key":                     get(nonNullString, "分组键：人才库或需求类型的英文名、乡镇代码、月份（YYYY-MM）；未接单的需求按人才库分组时为 UNASSIGNED；合计行为 TOTAL。", func(s store.StatsRow) any { return s.Key }),
			"label":                   get(nonNullString, "分组的中文名。", func(s store.StatsRow) any { return s.Label }),
			"requests":                get(nonNullInt, "需求数（按提交日期计入期间）。", func(s store.StatsRow) any { return s.Requests }),
			"fulfilled":               get(nonNullInt, "已完成（含已评价）的需求数。", func(s store.StatsRow) any { return s.Fulfilled }),
			"acceptedCount":           get(nonNullInt, "有专家接单的需求数（中位数的样本量）。", func(s store.StatsRow) any { return s.AcceptedCount }),
			"medianHoursToAcceptance": get(graphql.Float, "从提交到首位专家接单的中位时长（小时）；无人接单时为空。", median),
			"peopleReached":           get(nonNullInt, "服务人数：已完成服务登记的参加人数之和。", func(s store.StatsRow) any { return s.PeopleReached }),
		},
	})
	rt.stats = graphql.NewObject(graphql.ObjectConfig{
		Name:        "RequestStatistics",
		Description: "需求统计：分组各行及合计。按人才库分组时，一个需求若由两个库的专家共同承接，会在两行中各计一次，故各行之和可能大于合计。",
		Fields: graphql.Fields{
			"groupBy": mapGet(graphql.NewNonNull(statisticsGroupEnum), "分组方式。", "groupBy"),
			"from":    mapGet(dateScalar, "开始日期（含）。", "from"),
			"to":      mapGet(dateScalar, "结束日期（含）。", "to"),
			"rows":    mapGet(listOf(rt.statsRow), "各组，无需求的组不列出。", "rows"),
			"total":   mapGet(graphql.NewNonNull(rt.statsRow), "合计。", "total"),
		},
	})
	return rt
}

// requestConnection is a page of requests plus what totalCount needs.
type requestConnection struct {
	filter  store.RequestFilter
	nodes   []*requestNode
	hasNext bool
	hasPrev bool
}
