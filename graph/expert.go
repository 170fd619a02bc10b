package graph

import (
	"context"
	"time"

	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/graphql-go/graphql"
)

// membershipType and expertType need the resolver for their loaders.
func (r *Resolver) membershipType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Membership",
		Description: "专家在某个人才库中的成员资格，各有状态和日期。",
		Fields: graphql.Fields{
			"id":           get(nonNullID, "", func(m *talent.Membership) any { return idString(m.ID) }),
			"expertId":     get(nonNullID, "", func(m *talent.Membership) any { return idString(m.ExpertID) }),
			"registry":     get(graphql.NewNonNull(registryEnum), "人才库。", func(m *talent.Membership) any { return string(m.Registry) }),
			"registryName": get(nonNullString, "人才库中文名。", func(m *talent.Membership) any { return talent.Label(talent.Registries, string(m.Registry)) }),
			"status":       get(graphql.NewNonNull(statusEnum), "当前状态。", func(m *talent.Membership) any { return string(m.Status) }),
			"since":        get(nonNullDateTime, "进入当前状态的时间。", func(m *talent.Membership) any { return m.Since }),
			"admittedAt":   get(graphql.DateTime, "首次入库时间。", func(m *talent.Membership) any { return timePtr(m.AdmittedAt) }),
			"travelMaxKm":  get(graphql.Int, "老专家最远出行距离（公里）；空表示不限。", func(m *talent.Membership) any { return nilIfZero(m.TravelMaxKm) }),
			"travelNote":   get(graphql.String, "出行说明（如需接送）。", func(m *talent.Membership) any { return nilIfEmpty(m.TravelNote) }),
			"version":      get(nonNullInt, "版本号，变更状态时可带上以防覆盖他人修改。", func(m *talent.Membership) any { return m.Version }),
			"history": &graphql.Field{
				Type:        listOf(statusChangeType),
				Description: "状态变更记录，按时间先后。",
				Resolve: func(p graphql.ResolveParams) (interface{}, error) {
					m := p.Source.(*talent.Membership)
					return thunk(r.loaders(p.Context).history.Load(p.Context, m.ID)), nil
				},
			},
		},
	})
}

func (r *Resolver) expertType(membership *graphql.Object) *graphql.Object {
	perExpert := func(t graphql.Output, desc string, load func(l *loaders) func(context.Context, int64) func() (any, error)) *graphql.Field {
		return &graphql.Field{Type: t, Description: desc, Resolve: func(p graphql.ResolveParams) (interface{}, error) {
			e := p.Source.(*talent.Expert)
			return load(r.loaders(p.Context))(p.Context, e.ID), nil
		}}
	}
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Expert",
		Description: "专家：各人才库共享的个人资料。",
		Fields: graphql.Fields{
			"id":           get(nonNullID, "", func(e *talent.Expert) any { return idString(e.ID) }),
			"externalId":   get(graphql.String, "主管部门自己的编号，唯一。", func(e *talent.Expert) any { return nilIfEmpty(e.ExternalID) }),
			"name":         get(nonNullString, "姓名。", func(e *talent.Expert) any { return e.Name }),
			"gender":       get(genderEnum, "性别。", func(e *talent.Expert) any { return nilIfEmpty(string(e.Gender)) }),
			"birthYear":    get(graphql.Int, "出生年份。", func(e *talent.Expert) any { return nilIfZero(e.BirthYear) }),
			"title":        get(graphql.String, "职称。", func(e *talent.Expert) any { return nilIfEmpty(e.Title) }),
			"organization": get(graphql.String, "工作单位。", func(e *talent.Expert) any { return nilIfEmpty(e.Organization) }),
			"township":     get(graphql.String, "所在乡镇（名称）。", func(e *talent.Expert) any { return nilIfEmpty(talent.TownshipName(e.Township)) }),
			"townshipCode": get(graphql.String, "所在乡镇代码。", func(e *talent.Expert) any { return nilIfEmpty(e.Township) }),
			"fields":       get(nonNullStrList, "学科领域。", func(e *talent.Expert) any { return nonNil(e.Fields) }),
			"expertise":    get(nonNullStrList, "专长关键词。", func(e *talent.Expert) any { return nonNil(e.Expertise) }),
			"bio":          get(graphql.String, "简介。", func(e *talent.Expert) any { return nilIfEmpty(e.Bio) }),
			"lectureTopics": get(listOf(lectureTopicType), "讲座主题。", func(e *talent.Expert) any {
				return append([]talent.LectureTopic{}, e.LectureTopics...)
			}),
			"audiences":              get(listOf(audienceEnum), "服务受众。", func(e *talent.Expert) any { return strs(e.Audiences) }),
			"serviceTownships":       get(nonNullStrList, "服务乡镇（名称）。", func(e *talent.Expert) any { return townshipNames(e.ServiceTownships) }),
			"serviceTownshipCodes":   get(nonNullStrList, "服务乡镇代码。", func(e *talent.Expert) any { return nonNil(e.ServiceTownships) }),
			"availability":           get(graphql.NewNonNull(availabilityType), "可服务时间。", func(e *talent.Expert) any { return e.Availability }),
			"maxEngagementsPerMonth": get(nonNullInt, "每月最多服务次数。", func(e *talent.Expert) any { return e.MaxEngagementsPerMonth }),
			"emergencyCategories":    get(listOf(categoryEnum), "应急类别。", func(e *talent.Expert) any { return strs(e.EmergencyCategories) }),
			"onCall":                 get(nonNullBool, "是否正在值守（应急科普专家）。", func(e *talent.Expert) any { return e.OnCall }),
			"phone":                  r.contactField(graphql.String, "电话（个人信息；仅管理员、所在人才库的管理员、本人及已接受服务安排的调度员和需求单位可见）。", func(e *talent.Expert) any { return nilIfEmpty(e.Phone) }),
			"email":                  r.contactField(graphql.String, "电子邮箱（个人信息；可见范围同电话）。", func(e *talent.Expert) any { return nilIfEmpty(e.Email) }),
			"consent": r.contactField(consentType, "本人同意保存联系方式的记录（可见范围同电话）。", func(e *talent.Expert) any {
				if e.Consent == nil {
					return nil
				}
				return e.Consent
			}),
			"archived":   get(nonNullBool, "是否已归档。", func(e *talent.Expert) any { return e.ArchivedAt != nil }),
			"archivedAt": get(graphql.DateTime, "归档时间。", func(e *talent.Expert) any { return timePtr(e.ArchivedAt) }),
			"version":    get(nonNullInt, "版本号：修改时须带上读到的版本，防止覆盖他人的修改。", func(e *talent.Expert) any { return e.Version }),
			"createdAt":  get(nonNullDateTime, "", func(e *talent.Expert) any { return e.CreatedAt }),
			"updatedAt":  get(nonNullDateTime, "", func(e *talent.Expert) any { return e.UpdatedAt }),
			"memberships": perExpert(listOf(membership), "各人才库的成员资格。", func(l *loaders) func(context.Context, int64) func() (any, error) {
				return func(ctx context.Context, id int64) func() (any, error) { return thunk(l.memberships.Load(ctx, id)) }
			}),
			"membership": &graphql.Field{
				Type:        membership,
				Description: "在指定人才库中的成员资格；不在该库时为空。",
				Args:        graphql.FieldConfigArgument{"registry": {Type: graphql.NewNonNull(registryEnum)}},
				Resolve: func(p graphql.ResolveParams) (interface{}, error) {
					e := p.Source.(*talent.Expert)
					reg := talent.Registry(p.Args["registry"].(string))
					load := r.loaders(p.Context).memberships.Load(p.Context, e.ID)
					return func() (interface{}, error) {
						ms, err := load()
						for _, m := range ms {
							if m.Registry == reg {
								return m, err
							}
						}
						return nil, err
					}, nil
				},
			},
			"recommendations": perExpert(listOf(recommendationType), "推荐参评记录（青年人才）。", func(l *loaders) func(context.Context, int64) func() (any, error) {
				return func(ctx context.Context, id int64) func() (any, error) { return thunk(l.recommendations.Load(ctx, id)) }
			}),
			"envoyAssignments": perExpert(listOf(assignmentType), "服务对象（科技特派员）。", func(l *loaders) func(context.Context, int64) func() (any, error) {
				return func(ctx context.Context, id int64) func() (any, error) { return thunk(l.assignments.Load(ctx, id)) }
			}),
			"serviceLogs": perExpert(listOf(serviceLogType), "服务记录（科技特派员），最新在前。", func(l *loaders) func(context.Context, int64) func() (any, error) {
				return func(ctx context.Context, id int64) func() (any, error) { return thunk(l.serviceLogs.Load(ctx, id)) }
			}),
		},
	})
}

type expertEdge struct {
	cursor string
	node   *talent.Expert
}

// contactField resolves a personal-data field only for callers entitled to
// it (canSeeContact); others get null. The facts it needs are batched.
func (r *Resolver) contactField(t graphql.Output, desc string, value func(*talent.Expert) any) *graphql.Field {
	return &graphql.Field{Type: t, Description: desc, Resolve: func(p graphql.ResolveParams) (interface{}, error) {
		e := p.Source.(*talent.Expert)
		pr := talent.PrincipalFrom(p.Context)
		switch {
		case pr.Anonymous():
			return nil, nil
		case pr.Is(talent.RoleAdmin) || pr.IsExpert(e.ID):
			return value(e), nil
		}
		l := r.loaders(p.Context)
		ms := l.memberships.Load(p.Context, e.ID)
		orgs := l.engagedOrgs.Load(p.Context, e.ID)
		return func() (interface{}, error) {
			m, err := ms()
			if err != nil {
				return nil, fieldError(p.Context, err)
			}
			o, err := orgs()
			if err != nil {
				return nil, fieldError(p.Context, err)
			}
			if canSeeContact(pr, e, m, o) {
				return value(e), nil
			}
			return nil, nil
		}, nil
	}}
}

func nonNil(in []string) []string {
	if in == nil {
		return []string{}
	}
	return in
}

// expertConnection is a page of experts plus what totalCount needs.
type expertConnection struct {
	filter  store.ExpertFilter
	experts []*talent.Expert
	hasNext bool
	hasPrev bool
	// Search results page by offset and know their total already.
	total      *int
	cursorKind string // "expert" (keyset by id) or "search" (offset)
	cursorBase int
}

// cursor of the i-th expert of the page.
func (c *expertConnection) cursor(i int) string {
	if c.cursorKind == "search" {
		return encodeCursor("search", int64(c.cursorBase+i+1))
	}
	return encodeCursor("expert", c.experts[i].ID)
}

func (r *Resolver) expertConnectionType(expert *graphql.Object) *graphql.Object {
	edge := graphql.NewObject(graphql.ObjectConfig{
		Name: "ExpertEdge",
		Fields: graphql.Fields{
			"cursor": get(nonNullString, "", func(e expertEdge) any { return e.cursor }),
			"node":   get(graphql.NewNonNull(expert), "", func(e expertEdge) any { return e.node }),
		},
	})
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "ExpertConnection",
		Description: "专家列表的一页（Relay 连接）。",
		Fields: graphql.Fields{
			"edges": get(listOf(edge), "", func(c *expertConnection) any {
				edges := make([]expertEdge, len(c.experts))
				for i, e := range c.experts {
					edges[i] = expertEdge{cursor: c.cursor(i), node: e}
				}
				return edges
			}),
			"nodes": get(listOf(expert), "本页专家（edges.node 的简写）。", func(c *expertConnection) any { return c.experts }),
			"pageInfo": get(graphql.NewNonNull(pageInfoType), "", func(c *expertConnection) any {
				p := pageInfo{HasNextPage: c.hasNext, HasPreviousPage: c.hasPrev}
				if n := len(c.experts); n > 0 {
					p.StartCursor = c.cursor(0)
					p.EndCursor = c.cursor(n - 1)
				}
				return p
			}),
			"totalCount": &graphql.Field{
				Type:        nonNullInt,
				Description: "符合条件的专家总数。",
				Resolve: func(p graphql.ResolveParams) (interface{}, error) {
					c := p.Source.(*expertConnection)
					if c.total != nil {
						return *c.total, nil
					}
					n, err := r.Store.CountExperts(p.Context, c.filter)
					return n, fieldError(p.Context, err)
				},
			},
		},
	})
}

// findExperts runs a filtered, paginated query and primes the expert loader.
func (r *Resolver) findExperts(ctx context.Context, f store.ExpertFilter, first int, after string) (*expertConnection, error) {
	afterID, err := decodeCursor("expert", after)
	if err != nil {
		return nil, err
	}
	list, err := r.Store.FindExperts(ctx, f, afterID, first+1)
	if err != nil {
		return nil, err
	}
	c := &expertConnection{filter: f, hasPrev: afterID > 0}
	if len(list) > first {
		c.hasNext = true
		list = list[:first]
	}
	c.experts = list
	l := r.loaders(ctx)
	for _, e := range list {
		l.experts.Prime(e.ID, e)
	}
	return c, nil
}

// timePtr returns an untyped nil for a nil time so that the DateTime scalar
// serialises null.
func timePtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}
