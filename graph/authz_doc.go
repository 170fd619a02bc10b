package graph

import (
	"sort"
	"strings"

	"github.com/fuliang/talent/internal/talent"
)

// AuthorizationTable renders the rules as a Markdown table for the README:
// one row per operation, one column per role.
func AuthorizationTable() string {
	ops := make([]string, 0, len(rules))
	for op := range rules {
		ops = append(ops, op)
	}
	sort.Slice(ops, func(i, j int) bool {
		// Queries first, then mutations, alphabetically within each.
		qi, qj := strings.HasPrefix(ops[i], "Query."), strings.HasPrefix(ops[j], "Query.")
		if qi != qj {
			return qi
		}
		return ops[i] < ops[j]
	})
	roles := []talent.Role{talent.RoleAdmin, talent.RoleOfficer, talent.RoleDispatch, talent.RoleExpert, talent.RoleRequester, talent.RoleOrganizer}
	var b strings.Builder
	b.WriteString("| operation | anonymous | ADMIN | REGISTRY_OFFICER | DISPATCHER | EXPERT | REQUESTER | ORGANIZER | condition |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|\n")
	for _, op := range ops {
		ru := rules[op]
		cell := func(r talent.Role) string {
			if ru.public || r == talent.RoleAdmin {
				return "✓"
			}
			for _, x := range ru.roles {
				if x == r {
					if ru.check != nil {
						return "✓*"
					}
					return "✓"
				}
			}
			return ""
		}
		anon := ""
		if ru.public {
			anon = "✓"
		}
		b.WriteString("| `" + op + "` | " + anon)
		for _, r := range roles {
			b.WriteString(" | " + cell(r))
		}
		b.WriteString(" | " + ru.note + " |\n")
	}
	return b.String()
}
