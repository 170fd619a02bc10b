package graph

// Accounts, personal data and the audit log: login and tokens, the
// caller's identity, an expert's data export and erasure (PIPL), consent,
// and the audit trail for ADMIN. Who may call what is in authz.go.

import (
	"context"
	"encoding/json"
	"time"

	"github.com/fuliang/talent/internal/auth"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/graphql-go/graphql"
)

func init() { parts = append(parts, authPart) }

var roleEnum = enumType("Role", "用户角色。", talent.Roles)

var userType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "User",
	Description: "用户账号。",
	Fields: graphql.Fields{
		"id":          get(nonNullID, "", func(u *talent.User) any { return idString(u.ID) }),
		"login":       get(nonNullString, "登录名。", func(u *talent.User) any { return u.Login }),
		"displayName": get(graphql.String, "显示名。", func(u *talent.User) any { return nilIfEmpty(u.DisplayName) }),
		"role":        get(graphql.NewNonNull(roleEnum), "角色。", func(u *talent.User) any { return string(u.Role) }),
		"registries":  get(listOf(registryEnum), "所管理的人才库（人才库管理员）。", func(u *talent.User) any { return strs(u.Registries) }),
		"expertId": get(graphql.ID, "关联的专家（专家账号）。", func(u *talent.User) any {
			if u.ExpertID == 0 {
				return nil
			}
			return idString(u.ExpertID)
		}),
		"organizationId": get(graphql.ID, "关联的单位（需求单位账号）。", func(u *talent.User) any {
			if u.OrganizationID == 0 {
				return nil
			}
			return idString(u.OrganizationID)
		}),
	},
})

var auditEntryType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "AuditEntry",
	Description: "一次写操作的审计记录：谁、何时、什么操作、改了哪些字段。",
	Fields: graphql.Fields{
		"id":         get(nonNullID, "", func(a *store.AuditEntry) any { return idString(a.ID) }),
		"at":         get(nonNullDateTime, "时间。", func(a *store.AuditEntry) any { return a.At }),
		"actor":      get(nonNullString, "操作人登录名。", func(a *store.AuditEntry) any { return a.Actor }),
		"operation":  get(nonNullString, "操作，如 updateExpert。", func(a *store.AuditEntry) any { return a.Operation }),
		"objectType": get(nonNullString, "对象类型，如 expert、membership。", func(a *store.AuditEntry) any { return a.ObjectType }),
		"objectId":   get(nonNullID, "对象编号。", func(a *store.AuditEntry) any { return idString(a.ObjectID) }),
		"diff":       get(nonNullString, "变更的字段（JSON：字段 → {before, after}）。", func(a *store.AuditEntry) any { return a.Diff }),
	},
})

func authPart(r *Resolver, t *Types) (graphql.Fields, graphql.Fields) {
	loginPayload := graphql.NewObject(graphql.ObjectConfig{
		Name: "LoginPayload",
		Fields: graphql.Fields{
			"token":      mapGet(graphql.String, "会话令牌：之后的请求带上 Authorization: Bearer <令牌>。", "token"),
			"expiresAt":  mapGet(graphql.DateTime, "令牌到期时间。", "expiresAt"),
			"user":       mapGet(userType, "", "user"),
			"userErrors": mapGet(listOf(userErrorType), "", "userErrors"),
		},
	})
	tokenPayload := graphql.NewObject(graphql.ObjectConfig{
		Name: "TokenPayload",
		Fields: graphql.Fields{
			"token":      mapGet(graphql.String, "令牌（只显示这一次，请妥善保存）。", "token"),
			"tokenId":    mapGet(graphql.ID, "令牌编号，撤销时使用。", "tokenId"),
			"expiresAt":  mapGet(graphql.DateTime, "", "expiresAt"),
			"userErrors": mapGet(listOf(userErrorType), "", "userErrors"),
		},
	})
	okPayload := graphql.NewObject(graphql.ObjectConfig{
		Name: "OkPayload",
		Fields: graphql.Fields{
			"ok":         mapGet(nonNullBool, "", "ok"),
			"userErrors": mapGet(listOf(userErrorType), "", "userErrors"),
		},
	})
	userPayload := payloadType("UserPayload", "user", userType, nil)
	expertPayload := t.ExpertPayload

	ok := func(ctx context.Context, err error) (any, error) {
		out, perr := payload(ctx, "ok", true, err)
		if m, isMap := out.(map[string]any); isMap && err != nil {
			m["ok"] = false
		}
		return out, perr
	}

	queries := graphql.Fields{
		"me": &graphql.Field{
			Type:        userType,
			Description: "当前登录的用户；未登录时为空。",
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				if u := talent.PrincipalFrom(p.Context).User; u != nil {
					return u, nil
				}
				return nil, nil
			},
		},
		"auditLog": &graphql.Field{
			Type:        listOf(auditEntryType),
			Description: "审计日志，最新在前（仅管理员）。before 为上一页最后一条的编号。",
			Args: graphql.FieldConfigArgument{
				"objectType": {Type: graphql.String, Description: "对象类型：expert、membership、request、user…"},
				"objectId":   {Type: graphql.ID},
				"actor":      {Type: graphql.String, Description: "操作人登录名。"},
				"from":       {Type: graphql.DateTime},
				"to":         {Type: graphql.DateTime},
				"first":      {Type: graphql.Int, DefaultValue: 50},
				"before":     {Type: graphql.ID},
			},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				first, err := pageSize(p.Args["first"], 50, 500)
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				in := input(p.Args)
				f := store.AuditFilter{ObjectType: in.str("objectType"), Actor: in.str("actor"), ObjectID: argInt(p.Args, "objectId")}
				f.From, _ = p.Args["from"].(time.Time)
				f.To, _ = p.Args["to"].(time.Time)
				list, err := r.Store.FindAudit(p.Context, f, argInt(p.Args, "before"), first)
				return list, fieldError(p.Context, err)
			},
		},
		"exportExpertData": &graphql.Field{
			Type:        nonNullString,
			Description: "导出专家本人的全部数据（JSON）：资料、成员资格及其变更、推荐、服务对象与记录、服务安排、审计记录。",
			Args:        graphql.FieldConfigArgument{"expertId": {Type: nonNullID}},
			Resolve: func(p graphql.ResolveParams) (interface{}, error) {
				b, err := r.exportExpert(p.Context, argInt(p.Args, "expertId"))
				if err != nil {
					return nil, fieldError(p.Context, err)
				}
				return string(b), nil
			},
		},
	}
	mutations := graphql.Fields{
		"login": mutation("用登录名和密码登录，返回会话令牌。多次失败会临时锁定账号。", inputObject("LoginInput", "", graphql.InputObjectConfigFieldMap{
			"login":    {Type: nonNullString},
			"password": {Type: nonNullString},
		}), loginPayload, func(ctx context.Context, in input) (any, error) {
			token, u, err := r.Auth.Login(ctx, in.str("login"), in.str("password"))
			if err != nil {
				out, perr := payload(ctx, "user", nil, err)
				return out, perr
			}
			return map[string]any{"token": token, "user": u, "expiresAt": time.Now().Add(r.Auth.SessionTTL), "userErrors": []userError{}}, nil
		}),
		"logout": mutation("注销当前会话令牌。", inputObject("LogoutInput", "", graphql.InputObjectConfigFieldMap{
			"all": {Type: graphql.Boolean, Description: "保留，暂未使用。"},
		}), okPayload, func(ctx context.Context, in input) (any, error) {
			return ok(ctx, r.Auth.Logout(ctx, tokenFrom(ctx)))
		}),
		"createUser": mutation("新建用户（仅管理员）。", inputObject("CreateUserInput", "", graphql.InputObjectConfigFieldMap{
			"login":          {Type: nonNullString},
			"password":       {Type: graphql.String, Description: "至少8个字符；不填则只能用令牌。"},
			"displayName":    {Type: graphql.String},
			"role":           {Type: graphql.NewNonNull(roleEnum)},
			"registries":     {Type: graphql.NewList(graphql.NewNonNull(registryEnum)), Description: "人才库管理员所管理的人才库。"},
			"expertId":       {Type: graphql.ID, Description: "专家账号关联的专家。"},
			"organizationId": {Type: graphql.ID, Description: "需求单位账号关联的单位。"},
		}), userPayload, func(ctx context.Context, in input) (any, error) {
			hash := ""
			if pw := in.str("password"); pw != "" {
				h, err := auth.HashPassword(pw)
				if err != nil {
					return payload(ctx, "user", nil, err)
				}
				hash = h
			}
			u, err := r.Store.CreateUser(ctx, &talent.User{Login: in.str("login"), DisplayName: in.str("displayName"),
				Role: talent.Role(in.str("role")), Registries: typed[talent.Registry](in.strs("registries")),
				ExpertID: argInt(in, "expertId"), OrganizationID: argInt(in, "organizationId")}, hash)
			return payload(ctx, "user", u, err)
		}),
		"createApiToken": mutation("为本人（管理员可为任何用户）创建脚本用的 API 令牌。", inputObject("CreateApiTokenInput", "", graphql.InputObjectConfigFieldMap{
			"userId":   {Type: graphql.ID, Description: "默认为本人。"},
			"name":     {Type: nonNullString, Description: "用途，如“导入脚本”。"},
			"ttlHours": {Type: graphql.Int, Description: "有效期（小时），默认 720（30天）。"},
		}), tokenPayload, func(ctx context.Context, in input) (any, error) {
			uid := argInt(in, "userId")
			if uid == 0 {
				uid = talent.PrincipalFrom(ctx).User.ID
			}
			ttl := 720 * time.Hour
			if h := in.int("ttlHours"); in.has("ttlHours") {
				ttl = time.Duration(h) * time.Hour
			}
			token, t, err := r.Auth.CreateAPIToken(ctx, uid, in.str("name"), ttl)
			if err != nil {
				return payload(ctx, "token", nil, err)
			}
			return map[string]any{"token": token, "tokenId": idString(t.ID), "expiresAt": t.ExpiresAt, "userErrors": []userError{}}, nil
		}),
		"revokeToken": mutation("撤销本人的令牌（管理员可撤销任何令牌）。", inputObject("RevokeTokenInput", "", graphql.InputObjectConfigFieldMap{
			"tokenId": {Type: nonNullID},
		}), okPayload, func(ctx context.Context, in input) (any, error) {
			p := talent.PrincipalFrom(ctx)
			owner := p.User.ID
			if p.Is(talent.RoleAdmin) {
				owner = 0
			}
			return ok(ctx, r.Store.RevokeToken(ctx, argInt(in, "tokenId"), owner))
		}),
		"changePassword": mutation("修改本人密码；其他会话随之失效。", inputObject("ChangePasswordInput", "", graphql.InputObjectConfigFieldMap{
			"oldPassword": {Type: nonNullString},
			"newPassword": {Type: nonNullString},
		}), okPayload, func(ctx context.Context, in input) (any, error) {
			u := talent.PrincipalFrom(ctx).User
			if _, _, err := r.Auth.Login(ctx, u.Login, in.str("oldPassword")); err != nil {
				return ok(ctx, talent.Errorf(talent.CodeInvalid, "oldPassword", "原密码不正确"))
			}
			hash, err := auth.HashPassword(in.str("newPassword"))
			if err != nil {
				return ok(ctx, err)
			}
			return ok(ctx, r.Store.SetPassword(ctx, u.ID, hash))
		}),
		"eraseExpertData": mutation("按本人要求删除专家的个人信息（个人信息保护法）：资料中的个人信息被清除，不再出现在列表、检索和匹配中；匿名的统计保留。不可撤销。", inputObject("EraseExpertDataInput", "", graphql.InputObjectConfigFieldMap{
			"expertId": {Type: nonNullID},
			"reason":   {Type: graphql.String},
		}), expertPayload, func(ctx context.Context, in input) (any, error) {
			e, err := r.Store.EraseExpert(ctx, argInt(in, "expertId"), in.str("reason"))
			return payload(ctx, "expert", e, err)
		}),
		"setExpertConsent": mutation("专家本人记录或撤回同意保存联系方式；撤回时同时删除电话和邮箱。", inputObject("SetExpertConsentInput", "", graphql.InputObjectConfigFieldMap{
			"expertId": {Type: nonNullID},
			"consent":  {Type: nonNullBool, Description: "true 为同意，false 为撤回。"},
			"purpose":  {Type: graphql.String, Description: "同意时须填写用途。"},
		}), expertPayload, func(ctx context.Context, in input) (any, error) {
			id := argInt(in, "expertId")
			cur, err := r.Store.Expert(ctx, id)
			if err != nil {
				return payload(ctx, "expert", nil, err)
			}
			e, err := r.Store.UpdateExpert(ctx, id, cur.Version, func(e *talent.Expert) error {
				if in.boolean("consent") {
					e.Consent = &talent.Consent{Purpose: in.str("purpose")}
					if e.Consent.Purpose == "" {
						return talent.Errorf(talent.CodeRequired, "purpose", "请填写同意的用途")
					}
				} else {
					e.Consent, e.Phone, e.Email = nil, "", ""
				}
				return nil
			})
			return payload(ctx, "expert", e, err)
		}),
	}
	return queries, mutations
}

// exportExpert gathers everything stored about one expert.
func (r *Resolver) exportExpert(ctx context.Context, id int64) ([]byte, error) {
	s := r.Store
	e, err := s.Expert(ctx, id)
	if err != nil {
		return nil, err
	}
	ids := []int64{id}
	ms, err := s.MembershipsByExperts(ctx, ids)
	if err != nil {
		return nil, err
	}
	var mids []int64
	for _, m := range ms[id] {
		mids = append(mids, m.ID)
	}
	hist, err := s.HistoryByMemberships(ctx, mids)
	if err != nil {
		return nil, err
	}
	recs, err := s.RecommendationsByExperts(ctx, ids)
	if err != nil {
		return nil, err
	}
	as, err := s.AssignmentsByExperts(ctx, ids)
	if err != nil {
		return nil, err
	}
	logs, err := s.ServiceLogsByExperts(ctx, ids)
	if err != nil {
		return nil, err
	}
	engagements, err := s.EngagementHistory(ctx, id, 1000)
	if err != nil {
		return nil, err
	}
	audit, err := s.FindAudit(ctx, store.AuditFilter{ObjectType: "expert", ObjectID: id}, 0, 1000)
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(map[string]any{
		"exportedAt": time.Now().UTC(), "expert": e, "memberships": ms[id], "membershipHistory": hist,
		"recommendations": recs[id], "envoyAssignments": as[id], "serviceLogs": logs[id],
		"engagements": engagements, "audit": audit,
	}, "", "  ")
}

type tokenKey struct{}

// withToken keeps the presented bearer token for logout.
func withToken(ctx context.Context, token string) context.Context {
	return context.WithValue(ctx, tokenKey{}, token)
}

func tokenFrom(ctx context.Context) string { s, _ := ctx.Value(tokenKey{}).(string); return s }
