package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/fuliang/talent/internal/talent"
)

// ExpertFilter narrows a list of experts. Values within one list are
// alternatives (OR); different lists must all hold (AND).
type ExpertFilter struct {
	// Registries and Statuses select experts with a membership in one of
	// the registries whose status is one of the statuses (the same
	// membership). With registries but no statuses, every status except
	// EXITED counts: "who is in the youth talent pool" means current members.
	Registries []talent.Registry
	Statuses   []talent.MembershipStatus
	// Townships match the home township or a service township.
	Townships           []string
	Fields              []string
	Audiences           []talent.Audience
	EmergencyCategories []talent.EmergencyCategory
	OnCall              *bool
	// Text matches a part of the name or the organisation.
	Text            string
	IncludeArchived bool
}

// where builds the WHERE clause and its arguments. Values only ever travel
// as arguments, never inside the SQL text.
func (f ExpertFilter) where() (string, []any) {
	var conds []string
	var args []any
	placeholders := func(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }
	if !f.IncludeArchived {
		conds = append(conds, "e.archived_at IS NULL")
	}
	if len(f.Registries) > 0 || len(f.Statuses) > 0 {
		c := "EXISTS (SELECT 1 FROM membership m WHERE m.expert_id = e.id"
		if len(f.Registries) > 0 {
			c += " AND m.registry IN (" + placeholders(len(f.Registries)) + ")"
			for _, r := range f.Registries {
				args = append(args, string(r))
			}
		}
		if len(f.Statuses) > 0 {
			c += " AND m.status IN (" + placeholders(len(f.Statuses)) + ")"
			for _, s := range f.Statuses {
				args = append(args, string(s))
			}
		} else {
			c += " AND m.status <> ?"
			args = append(args, string(talent.StatusExited))
		}
		conds = append(conds, c+")")
	}
	tag := func(kind string, values []string) {
		if len(values) == 0 {
			return
		}
		conds = append(conds, "EXISTS (SELECT 1 FROM expert_tag t WHERE t.expert_id = e.id AND t.kind = ? AND t.value IN ("+placeholders(len(values))+"))")
		args = append(args, kind)
		for _, v := range values {
			args = append(args, v)
		}
	}
	townships := make([]string, 0, len(f.Townships))
	for _, t := range f.Townships {
		if tw, ok := talent.LookupTownship(t); ok {
			t = tw.Code
		}
		townships = append(townships, t)
	}
	tag(tagTownship, townships)
	tag(tagField, f.Fields)
	tag(tagAudience, strs(f.Audiences))
	tag(tagCategory, strs(f.EmergencyCategories))
	if f.OnCall != nil {
		conds = append(conds, "e.on_call = ?")
		args = append(args, *f.OnCall)
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		conds = append(conds, `(LOWER(e.name) LIKE ? ESCAPE '\' OR LOWER(e.organization) LIKE ? ESCAPE '\')`)
		pat := "%" + likeEscape(strings.ToLower(t)) + "%"
		args = append(args, pat, pat)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func strs[T ~string](in []T) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// FindExperts returns up to limit experts matching f with id > after,
// ordered by id (keyset pagination: stable under concurrent inserts).
func (s *Store) FindExperts(ctx context.Context, f ExpertFilter, after int64, limit int) ([]*talent.Expert, error) {
	where, args := f.where()
	if where == "" {
		where = " WHERE e.id > ?"
	} else {
		where += " AND e.id > ?"
	}
	args = append(args, after, limit)
	var rows []expertRow
	if err := s.sel(ctx, s.db, &rows, `SELECT `+prefixed("e", expertColumns)+` FROM expert e`+where+` ORDER BY e.id LIMIT ?`, args...); err != nil {
		return nil, fmt.Errorf("store: find experts: %w", err)
	}
	out := make([]*talent.Expert, len(rows))
	for i := range rows {
		e, err := rows[i].expert()
		if err != nil {
			return nil, err
		}
		out[i] = e
	}
	return out, nil
}

// CountExperts counts the experts matching f.
func (s *Store) CountExperts(ctx context.Context, f ExpertFilter) (int, error) {
	where, args := f.where()
	var n int
	if err := s.get(ctx, s.db, &n, `SELECT COUNT(*) FROM expert e`+where, args...); err != nil {
		return 0, fmt.Errorf("store: count experts: %w", err)
	}
	return n, nil
}

// prefixed qualifies a column list with a table alias.
func prefixed(alias, cols string) string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = alias + "." + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// ExpertVersions returns the version of every non-archived expert, for
// drift checks against the search index.
func (s *Store) ExpertVersions(ctx context.Context) (map[int64]int, error) {
	var rows []struct {
		ID      int64 `db:"id"`
		Version int   `db:"version"`
	}
	if err := s.sel(ctx, s.db, &rows, `SELECT id, version FROM expert WHERE archived_at IS NULL`); err != nil {
		return nil, fmt.Errorf("store: expert versions: %w", err)
	}
	out := make(map[int64]int, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Version
	}
	return out, nil
}
