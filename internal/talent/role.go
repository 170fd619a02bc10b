package talent

import "context"

// Role is what a user may do. Authorization decisions live in one place
// (graph/authz.go); the domain only names the roles.
type Role string

const (
	RoleAdmin     Role = "ADMIN"            // the science association: everything
	RoleOfficer   Role = "REGISTRY_OFFICER" // keeps one or more registries
	RoleDispatch  Role = "DISPATCHER"       // dispatches requests
	RoleExpert    Role = "EXPERT"           // one expert profile, their own
	RoleRequester Role = "REQUESTER"        // one organisation's requests
	RoleOrganizer Role = "ORGANIZER"        // read-only, statistics
)

// Roles lists the roles with Chinese labels.
var Roles = []EnumValue{
	{string(RoleAdmin), "管理员", []string{"admin"}},
	{string(RoleOfficer), "人才库管理员", []string{"officer"}},
	{string(RoleDispatch), "调度员", []string{"dispatcher"}},
	{string(RoleExpert), "专家", []string{"expert"}},
	{string(RoleRequester), "需求单位", []string{"requester"}},
	{string(RoleOrganizer), "组织者", []string{"organizer"}},
}

// User is an account.
type User struct {
	ID             int64
	Login          string
	DisplayName    string
	Role           Role
	Registries     []Registry // for REGISTRY_OFFICER
	ExpertID       int64      // for EXPERT
	OrganizationID int64      // for REQUESTER
	Disabled       bool
	Version        int
}

// Principal is the authenticated caller of one request. The zero value
// is an anonymous caller.
type Principal struct {
	User *User // nil when anonymous
}

// Anonymous reports a caller without credentials.
func (p Principal) Anonymous() bool { return p.User == nil }

// Is reports whether the caller has one of the roles.
func (p Principal) Is(roles ...Role) bool {
	if p.User == nil {
		return false
	}
	for _, r := range roles {
		if p.User.Role == r {
			return true
		}
	}
	return false
}

// Keeps reports whether the caller is an officer of registry reg (admins
// keep every registry).
func (p Principal) Keeps(reg Registry) bool {
	if p.Is(RoleAdmin) {
		return true
	}
	if !p.Is(RoleOfficer) {
		return false
	}
	for _, r := range p.User.Registries {
		if r == reg {
			return true
		}
	}
	return false
}

// IsExpert reports whether the caller is the expert with id.
func (p Principal) IsExpert(id int64) bool {
	return p.Is(RoleExpert) && p.User.ExpertID == id && id != 0
}

type principalKey struct{}

// WithPrincipal returns a context carrying the caller; it also sets the
// actor recorded in histories and the audit log.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	ctx = context.WithValue(ctx, principalKey{}, p)
	if p.User != nil {
		ctx = WithActor(ctx, Actor{UserID: p.User.ID, Name: p.User.Login})
	}
	return ctx
}

// PrincipalFrom returns the caller, anonymous when none was set.
func PrincipalFrom(ctx context.Context) Principal {
	p, _ := ctx.Value(principalKey{}).(Principal)
	return p
}
