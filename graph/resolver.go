package graph

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/fuliang/talent/internal/auth"
	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/matcher"
)

// Resolver holds what the resolvers need. It is built once per server.
type Resolver struct {
	Store    *store.Store
	Search   search.Index
	Matcher  *matcher.Matcher
	Dispatch dispatch.Config // invitation and call-out settings
	Auth     *auth.Service
	// SynonymsChanged applies the officers' synonyms at once (optional).
	SynonymsChanged func(ctx context.Context) error
}

// loaders are per-request batch loaders; one set lives in each request's
// context so that caches never outlive a request.
type loaders struct {
	experts         *batch[int64, *talent.Expert]
	memberships     *batch[int64, []*talent.Membership]
	history         *batch[int64, []*talent.StatusChange]
	recommendations *batch[int64, []*talent.Recommendation]
	assignments     *batch[int64, []*talent.EnvoyAssignment]
	serviceLogs     *batch[int64, []*talent.ServiceLog]
	engagedOrgs     *batch[int64, []int64]
}

type loadersKey struct{}

func (r *Resolver) newLoaders() *loaders {
	s := r.Store
	return &loaders{
		experts:         newBatch(s.ExpertsByIDs),
		memberships:     newBatch(s.MembershipsByExperts),
		history:         newBatch(s.HistoryByMemberships),
		recommendations: newBatch(s.RecommendationsByExperts),
		assignments:     newBatch(s.AssignmentsByExperts),
		serviceLogs:     newBatch(s.ServiceLogsByExperts),
		engagedOrgs:     newBatch(s.EngagedOrganizations),
	}
}

// WithLoaders attaches a fresh set of loaders to a request context.
func (r *Resolver) WithLoaders(ctx context.Context) context.Context {
	return context.WithValue(ctx, loadersKey{}, r.newLoaders())
}

func (r *Resolver) loaders(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	// Outside the HTTP handler (tests, tools) each call gets its own set.
	return r.newLoaders()
}

// Cursors are opaque to clients: base64 of "kind:id".
func encodeCursor(kind string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + strconv.FormatInt(id, 10)))
}

func decodeCursor(kind, c string) (int64, error) {
	if c == "" {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		if rest, ok := strings.CutPrefix(string(raw), kind+":"); ok {
			if id, err := strconv.ParseInt(rest, 10, 64); err == nil && id >= 0 {
				return id, nil
			}
		}
	}
	return 0, talent.Errorf(talent.CodeInvalid, "after", "分页游标“%s”无效，请使用上一页返回的 endCursor", c)
}

// parseID reads an ID argument.
func parseID(field string, v any) (int64, error) {
	s, _ := v.(string)
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id <= 0 {
		return 0, talent.Errorf(talent.CodeInvalid, field, "编号“%v”无效", v)
	}
	return id, nil
}

// pageSize clamps `first` to 1..max, defaulting to def.
func pageSize(v any, def, max int) (int, error) {
	n, ok := v.(int)
	if !ok {
		return def, nil
	}
	if n < 0 || n > max {
		return 0, talent.Errorf(talent.CodeOutOfRange, "first", "first 应在0至%d之间", max)
	}
	return n, nil
}
