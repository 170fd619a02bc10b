package graph

import (
	"context"
	"fmt"
	"sync"

	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/graphql-go/graphql"
)

// mapGet resolves a key of a payload map.
func mapGet(t graphql.Output, desc, key string) *graphql.Field {
	return get(t, desc, func(m map[string]any) any { return m[key] })
}

// payloadType is a mutation result: the object (null on error) plus the
// user errors, plus any extra fields.
func payloadType(name, key string, obj graphql.Output, extra graphql.Fields) *graphql.Object {
	fields := graphql.Fields{
		key:          mapGet(obj, "变更后的对象；有错误时为空。", key),
		"userErrors": mapGet(listOf(userErrorType), "输入错误；成功时为空列表。", "userErrors"),
	}
	for k, f := range extra {
		fields[k] = f
	}
	return graphql.NewObject(graphql.ObjectConfig{Name: name, Fields: fields})
}

// Types are the shared object types that schema parts build on.
type Types struct {
	Expert     *graphql.Object
	Membership *graphql.Object
	Connection *graphql.Object // ExpertConnection
	// ExpertPayload is { expert userErrors }, for every mutation whose
	// result is the changed expert.
	ExpertPayload *graphql.Object
}

// A part contributes query and mutation fields to the schema. Each
// capability (requests, matching, users…) lives in its own file and
// registers its part in init, so no shared file grows with every feature.
type part func(r *Resolver, t *Types) (queries, mutations graphql.Fields)

var parts []part

// schemaMu serialises schema construction: graphql-go initialises the
// shared, package-level types (enums, inputs, leaf objects) lazily and
// without locks the first time a schema reaches them. After the first
// construction they are only read, by later constructions and by requests.
var schemaMu sync.Mutex

// Schema builds the GraphQL schema.
func (r *Resolver) Schema() (graphql.Schema, error) {
	schemaMu.Lock()
	defer schemaMu.Unlock()
	membership := r.membershipType()
	expert := r.expertType(membership)
	conn := r.expertConnectionType(expert)
	types := &Types{Expert: expert, Membership: membership, Connection: conn,
		ExpertPayload: payloadType("ExpertPayload", "expert", expert, nil)}

	registrySummary := graphql.NewObject(graphql.ObjectConfig{
		Name:        "RegistrySummary",
		Description: "一个人才库的人数统计。",
		Fields: graphql.Fields{
			"registry": mapGet(graphql.NewNonNull(registryEnum), "", "registry"),
			"name":     mapGet(nonNullString, "中文名。", "name"),
			"total":    mapGet(nonNullInt, "除已退出外的人数。", "total"),
			"admitted": mapGet(nonNullInt, "已入库人数。", "admitted"),
			"byStatus": mapGet(listOf(graphql.NewObject(graphql.ObjectConfig{
				Name: "StatusCount",
				Fields: graphql.Fields{
					"status": mapGet(graphql.NewNonNull(statusEnum), "", "status"),
					"count":  mapGet(nonNullInt, "", "count"),
				},
			})), "各状态人数（含 0）。", "byStatus"),
		},
	})

	queryFields := graphql.Fields{
		"expert": &graphql.Field{
			Type:        expert,
			Description: "按编号取专家（含已归档）；不存在时为空。",
			Args:        graphql.FieldConfigArgument{"id": {Type: nonNullID}},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				id, err := parseID("id", p.Args["id"])
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				load := r.loaders(p.Context).experts.Load(p.Context, id)
				return func() (interface{}, error) {
					e, err := load()
					if err != nil {
						return nil, fieldError(p.Context, err)
					}
					if e == nil {
						return nil, nil
					}
					return e, nil
				}, nil
			},
		},
		"expertByExternalId": &graphql.Field{
			Type:        expert,
			Description: "按主管部门编号取专家；不存在时为空。",
			Args:        graphql.FieldConfigArgument{"externalId": {Type: nonNullString}},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				e, err := r.Store.ExpertByExternalID(p.Context, p.Args["externalId"].(string))
				if talent.ErrorCode(err) == talent.CodeNotFound {
					return nil, nil
				}
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				return e, nil
			},
		},
		"experts": &graphql.Field{
			Type:        graphql.NewNonNull(conn),
			Description: "按条件筛选专家，按编号排序，分页（first 默认20，最多100）。",
			Args: graphql.FieldConfigArgument{
				"filter": {Type: expertFilterInput},
				"first":  {Type: graphql.Int, DefaultValue: 20},
				"after":  {Type: graphql.String},
			},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				fin, _ := p.Args["filter"].(map[string]any)
				f, err := expertFilter(fin)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				first, err := pageSize(p.Args["first"], 20, 100)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				after, _ := p.Args["after"].(string)
				c, err := r.findExperts(p.Context, f, first, after)
				return c, fieldError(p.Context, err)
			},
		},
		"registries": &graphql.Field{
			Type:        listOf(registrySummary),
			Description: "四个人才库各状态的人数（不含已归档的专家）。",
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				counts, err := r.Store.RegistrySummary(p.Context)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				return summarize(counts), nil
			},
		},
		"townships": &graphql.Field{
			Type:        listOf(townshipType),
			Description: "浮梁县的乡镇（参考数据）。",
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				out := make([]*talent.Township, len(talent.Townships))
				for i := range talent.Townships {
					out[i] = &talent.Townships[i]
				}
				return out, nil
			},
		},
		"organization": &graphql.Field{
			Type: organizationType,
			Args: graphql.FieldConfigArgument{"id": {Type: nonNullID}},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				id, err := parseID("id", p.Args["id"])
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				o, err := r.Store.Organization(p.Context, id)
				if talent.ErrorCode(err) == talent.CodeNotFound {
					return nil, nil
				}
				return o, fieldError(p.Context, err)
			},
		},
		"organizations": &graphql.Field{
			Type:        listOf(organizationType),
			Description: "单位列表，按编号排序；after 为上一页最后一个单位的编号。",
			Args: graphql.FieldConfigArgument{
				"kind":     {Type: orgKindEnum},
				"township": {Type: graphql.String},
				"first":    {Type: graphql.Int, DefaultValue: 50},
				"after":    {Type: graphql.ID},
			},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				first, err := pageSize(p.Args["first"], 50, 500)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				var after int64
				if a, ok := p.Args["after"]; ok && a != nil {
					if after, err = parseID("after", a); err != nil {
						return nil, fieldError(p.Context, err)
					}
				}
				kind, _ := p.Args["kind"].(string)
				township, _ := p.Args["township"].(string)
				list, err := r.Store.FindOrganizations(p.Context, talent.OrganizationKind(kind), township, after, first)
				return list, fieldError(p.Context, err)
			},
		},
	}

	mutationFields := r.mutationFields(expert, membership, types.ExpertPayload)
	for _, p := range parts {
		qs, ms := p(r, types)
		for name, f := range qs {
			if _, dup := queryFields[name]; dup {
				return graphql.Schema{}, fmt.Errorf("graph: query field %s defined twice", name)
			}
			queryFields[name] = f
		}
		for name, f := range ms {
			if _, dup := mutationFields[name]; dup {
				return graphql.Schema{}, fmt.Errorf("graph: mutation field %s defined twice", name)
			}
			mutationFields[name] = f
		}
	}
	// Every operation passes through its authorization rule; one without
	// a rule is a programming error caught here, at start-up.
	if err := r.guard("Query", queryFields); err != nil {
		return graphql.Schema{}, err
	}
	if err := r.guard("Mutation", mutationFields); err != nil {
		return graphql.Schema{}, err
	}
	query := graphql.NewObject(graphql.ObjectConfig{Name: "Query", Fields: queryFields})
	mutation := graphql.NewObject(graphql.ObjectConfig{Name: "Mutation", Fields: mutationFields})
	schema, err := graphql.NewSchema(graphql.SchemaConfig{Query: query, Mutation: mutation})
	if err != nil {
		return schema, err
	}
	// graphql-go v0.8.1 builds each enum's lookup maps lazily without a
	// lock; build them now, before concurrent requests race on them.
	for _, t := range schema.TypeMap() {
		if e, ok := t.(*graphql.Enum); ok {
			e.ParseValue("")
			e.Serialize("")
		}
	}
	return schema, nil
}

// summarize turns counts into one summary per registry, every status
// present (zero when none), in the registries' fixed order.
func summarize(counts []talent.RegistryCount) []map[string]any {
	out := make([]map[string]any, 0, len(talent.Registries))
	for _, reg := range talent.Registries {
		byStatus := make([]map[string]any, 0, len(talent.MembershipStatuses))
		total, admitted := 0, 0
		for _, st := range talent.MembershipStatuses {
			n := 0
			for _, c := range counts {
				if string(c.Registry) == reg.Name && string(c.Status) == st.Name {
					n = c.Count
				}
			}
			byStatus = append(byStatus, map[string]any{"status": st.Name, "count": n})
			if st.Name != string(talent.StatusExited) {
				total += n
			}
			if st.Name == string(talent.StatusAdmitted) {
				admitted = n
			}
		}
		out = append(out, map[string]any{"registry": reg.Name, "name": reg.Label, "total": total, "admitted": admitted, "byStatus": byStatus})
	}
	return out
}

// mutation builds a mutation field taking one input object.
func mutation(desc string, in *graphql.InputObject, out *graphql.Object, resolve func(ctx context.Context, in input) (any, error)) *graphql.Field {
	return &graphql.Field{
		Type:        graphql.NewNonNull(out),
		Description: desc,
		Args:        graphql.FieldConfigArgument{"input": {Type: graphql.NewNonNull(in)}},
		Resolve: func(p graphql.ResolveParams) (interface{}, error) {
			return resolve(p.Context, inputArg(p))
		},
	}
}

func inputObject(name, desc string, fields graphql.InputObjectConfigFieldMap) *graphql.InputObject {
	return graphql.NewInputObject(graphql.InputObjectConfig{Name: name, Description: desc, Fields: fields})
}

func (r *Resolver) mutationFields(expert, membership, expertPayload *graphql.Object) graphql.Fields {
	membershipPayload := payloadType("MembershipPayload", "membership", membership, graphql.Fields{
		"expert": mapGet(expert, "变更后的专家。", "expert"),
	})
	withExpert := graphql.Fields{"expert": mapGet(expert, "相关专家。", "expert")}
	recommendationPayload := payloadType("RecommendationPayload", "recommendation", recommendationType, withExpert)
	assignmentPayload := payloadType("EnvoyAssignmentPayload", "assignment", assignmentType, withExpert)
	serviceLogPayload := payloadType("ServiceLogPayload", "serviceLog", serviceLogType, withExpert)
	organizationPayload := payloadType("OrganizationPayload", "organization", organizationType, nil)

	createFields := profileFields(nonNullString)
	updateFields := profileFields(graphql.String)
	updateFields["id"] = &graphql.InputObjectFieldConfig{Type: nonNullID}
	updateFields["version"] = &graphql.InputObjectFieldConfig{Type: nonNullInt, Description: "读取时的版本号；已被他人修改时返回 CONFLICT。"}

	// withExpertPayload adds the (fresh) expert to a record payload.
	withExpertPayload := func(ctx context.Context, key string, obj any, expertID int64, err error) (any, error) {
		out, perr := payload(ctx, key, obj, err)
		if err == nil && perr == nil {
			e, gerr := r.Store.Expert(ctx, expertID)
			if gerr != nil {
				return nil, fieldError(ctx, gerr)
			}
			out.(map[string]any)["expert"] = e
		}
		return out, perr
	}

	return graphql.Fields{
		"createExpert": mutation("新建专家资料。", inputObject("CreateExpertInput", "", createFields), expertPayload,
			func(ctx context.Context, in input) (any, error) {
				e := &talent.Expert{MaxEngagementsPerMonth: talent.DefaultMonthCap}
				applyProfile(in, e)
				out, err := r.Store.CreateExpert(ctx, e)
				return payload(ctx, "expert", out, err)
			}),
		"updateExpert": mutation("修改专家资料：只改输入中给出的字段；传空字符串或空列表表示清空，省略或传 null 表示不变。", inputObject("UpdateExpertInput", "", updateFields), expertPayload,
			func(ctx context.Context, in input) (any, error) {
				id, err := parseID("id", in["id"])
				if err != nil {
					return payload(ctx, "expert", nil, err)
				}
				out, err := r.Store.UpdateExpert(ctx, id, in.int("version"), func(e *talent.Expert) error {
					applyProfile(in, e)
					return nil
				})
				return payload(ctx, "expert", out, err)
			}),
		"archiveExpert": mutation("归档专家：从各列表和搜索中移除，保留记录和历史。", inputObject("ArchiveExpertInput", "", graphql.InputObjectConfigFieldMap{
			"id":      {Type: nonNullID},
			"version": {Type: graphql.Int, Description: "可选：读取时的版本号。"},
			"reason":  {Type: graphql.String, Description: "原因。"},
		}), expertPayload, func(ctx context.Context, in input) (any, error) {
			id, err := parseID("id", in["id"])
			if err != nil {
				return payload(ctx, "expert", nil, err)
			}
			out, err := r.Store.ArchiveExpert(ctx, id, in.int("version"), in.str("reason"))
			return payload(ctx, "expert", out, err)
		}),
		"admitToRegistry": mutation("将专家加入人才库（默认状态为已提名；可直接入库）。", inputObject("AdmitToRegistryInput", "", graphql.InputObjectConfigFieldMap{
			"expertId":            {Type: nonNullID},
			"registry":            {Type: graphql.NewNonNull(registryEnum)},
			"status":              {Type: statusEnum, Description: "初始状态：NOMINATED（默认）、UNDER_REVIEW 或 ADMITTED。"},
			"reason":              {Type: graphql.String},
			"travelMaxKm":         {Type: graphql.Int, Description: "老专家最远出行距离（公里），0 为不限。"},
			"travelNote":          {Type: graphql.String, Description: "老专家出行说明。"},
			"emergencyCategories": {Type: graphql.NewList(graphql.NewNonNull(categoryEnum)), Description: "应急科普专家的应急类别（并入专家资料）。"},
		}), membershipPayload, func(ctx context.Context, in input) (any, error) {
			id, err := parseID("expertId", in["expertId"])
			if err != nil {
				return payload(ctx, "membership", nil, err)
			}
			m, e, err := r.Store.AdmitToRegistry(ctx, store.Admission{
				ExpertID: id, Registry: talent.Registry(in.str("registry")), Status: talent.MembershipStatus(in.str("status")),
				Reason: in.str("reason"), TravelMaxKm: in.int("travelMaxKm"), TravelNote: in.str("travelNote"),
				EmergencyCategories: typed[talent.EmergencyCategory](in.strs("emergencyCategories")),
			})
			out, perr := payload(ctx, "membership", m, err)
			if err == nil {
				out.(map[string]any)["expert"] = e
			}
			return out, perr
		}),
		"changeMembershipStatus": mutation("变更专家在某人才库中的状态（提名→审核→入库→暂停/退出），记录时间、操作人和原因。", inputObject("ChangeMembershipStatusInput", "", graphql.InputObjectConfigFieldMap{
			"expertId": {Type: nonNullID},
			"registry": {Type: graphql.NewNonNull(registryEnum)},
			"status":   {Type: graphql.NewNonNull(statusEnum), Description: "新状态。"},
			"reason":   {Type: graphql.String, Description: "原因；暂停和退出时必填。"},
			"version":  {Type: graphql.Int, Description: "可选：成员资格的版本号。"},
		}), membershipPayload, func(ctx context.Context, in input) (any, error) {
			id, err := parseID("expertId", in["expertId"])
			if err != nil {
				return payload(ctx, "membership", nil, err)
			}
			m, err := r.Store.ChangeMembershipStatus(ctx, store.StatusChangeRequest{
				ExpertID: id, Registry: talent.Registry(in.str("registry")), To: talent.MembershipStatus(in.str("status")),
				Reason: in.str("reason"), Version: in.int("version"),
			})
			return withExpertPayload(ctx, "membership", m, id, err)
		}),
		"addRecommendation": mutation("登记青年人才推荐参评（人才项目或奖项）。", inputObject("AddRecommendationInput", "", graphql.InputObjectConfigFieldMap{
			"expertId":  {Type: nonNullID},
			"programme": {Type: nonNullString, Description: "人才项目或奖项名称。"},
			"level":     {Type: graphql.NewNonNull(levelEnum)},
			"year":      {Type: nonNullInt},
			"outcome":   {Type: outcomeEnum, Description: "默认 PENDING（评审中）。"},
			"note":      {Type: graphql.String},
		}), recommendationPayload, func(ctx context.Context, in input) (any, error) {
			id, err := parseID("expertId", in["expertId"])
			if err != nil {
				return payload(ctx, "recommendation", nil, err)
			}
			rec, err := r.Store.AddRecommendation(ctx, &talent.Recommendation{ExpertID: id, Programme: in.str("programme"),
				Level: talent.RecommendationLevel(in.str("level")), Year: in.int("year"),
				Outcome: talent.RecommendationOutcome(in.str("outcome")), Note: in.str("note")})
			return withExpertPayload(ctx, "recommendation", rec, id, err)
		}),
		"assignEnvoy": mutation("为已入库的科技特派员指定服务对象和服务期。", inputObject("AssignEnvoyInput", "", graphql.InputObjectConfigFieldMap{
			"expertId":   {Type: nonNullID},
			"targetKind": {Type: graphql.NewNonNull(targetKindEnum)},
			"targetName": {Type: nonNullString},
			"township":   {Type: graphql.String, Description: "乡镇名称或代码。"},
			"termStart":  {Type: graphql.NewNonNull(dateScalar)},
			"termEnd":    {Type: dateScalar},
		}), assignmentPayload, func(ctx context.Context, in input) (any, error) {
			id, err := parseID("expertId", in["expertId"])
			if err != nil {
				return payload(ctx, "assignment", nil, err)
			}
			a, err := r.Store.AssignEnvoy(ctx, &talent.EnvoyAssignment{ExpertID: id, TargetKind: talent.ServiceTargetKind(in.str("targetKind")),
				TargetName: in.str("targetName"), Township: in.str("township"), TermStart: in.str("termStart"), TermEnd: in.str("termEnd")})
			return withExpertPayload(ctx, "assignment", a, id, err)
		}),
		"logEnvoyService": mutation("登记科技特派员的一次服务。", inputObject("LogEnvoyServiceInput", "", graphql.InputObjectConfigFieldMap{
			"expertId":      {Type: nonNullID},
			"assignmentId":  {Type: graphql.ID, Description: "对应的服务对象（可选）。"},
			"date":          {Type: graphql.NewNonNull(dateScalar)},
			"target":        {Type: nonNullString, Description: "服务对象。"},
			"content":       {Type: nonNullString, Description: "服务内容。"},
			"peopleTrained": {Type: graphql.Int, Description: "培训人数。"},
		}), serviceLogPayload, func(ctx context.Context, in input) (any, error) {
			id, err := parseID("expertId", in["expertId"])
			if err != nil {
				return payload(ctx, "serviceLog", nil, err)
			}
			var assignment int64
			if in["assignmentId"] != nil {
				if assignment, err = parseID("assignmentId", in["assignmentId"]); err != nil {
					return payload(ctx, "serviceLog", nil, err)
				}
			}
			l, err := r.Store.LogEnvoyService(ctx, &talent.ServiceLog{ExpertID: id, AssignmentID: assignment, Date: in.str("date"),
				Target: in.str("target"), Content: in.str("content"), PeopleTrained: in.int("peopleTrained")})
			return withExpertPayload(ctx, "serviceLog", l, id, err)
		}),
		"setOnCall": mutation("设置应急科普专家的值守状态。", inputObject("SetOnCallInput", "", graphql.InputObjectConfigFieldMap{
			"expertId": {Type: nonNullID},
			"onCall":   {Type: nonNullBool},
		}), expertPayload, func(ctx context.Context, in input) (any, error) {
			id, err := parseID("expertId", in["expertId"])
			if err != nil {
				return payload(ctx, "expert", nil, err)
			}
			e, err := r.Store.SetOnCall(ctx, id, in.boolean("onCall"))
			return payload(ctx, "expert", e, err)
		}),
		"createOrganization": mutation("登记学校、村（社区）、企业或部门。", inputObject("CreateOrganizationInput", "", graphql.InputObjectConfigFieldMap{
			"kind":     {Type: graphql.NewNonNull(orgKindEnum)},
			"name":     {Type: nonNullString},
			"township": {Type: graphql.String},
			"address":  {Type: graphql.String},
			"contact":  {Type: graphql.String},
			"phone":    {Type: graphql.String},
		}), organizationPayload, func(ctx context.Context, in input) (any, error) {
			o, err := r.Store.CreateOrganization(ctx, &talent.Organization{Kind: talent.OrganizationKind(in.str("kind")), Name: in.str("name"),
				Township: in.str("township"), Address: in.str("address"), Contact: in.str("contact"), Phone: in.str("phone")})
			return payload(ctx, "organization", o, err)
		}),
	}
}
