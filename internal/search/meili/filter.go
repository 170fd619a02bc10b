package meili

import (
	"strings"

	"github.com/fuliang/talent/internal/search"
)

// Filterable attributes: the allow-list. Filter strings name no other
// attribute, and only these are declared filterable in the settings.
const (
	attrRegistries     = "registries"
	attrStatuses       = "statuses"
	attrRegistryStatus = "registryStatus" // search.MembershipKey of each membership
	attrPlaces         = "places"         // township and service townships
	attrAudiences      = "audiences"
	attrEmergency      = "emergencyCategories"
	attrOnCall         = "onCall"
)

var filterableAttributes = []string{attrRegistries, attrStatuses, attrRegistryStatus, attrPlaces, attrAudiences, attrEmergency, attrOnCall}

// facetAttributes maps the facet allow-list to attributes.
var facetAttributes = map[string]string{
	search.FacetRegistry:          attrRegistries,
	search.FacetStatus:            attrStatuses,
	search.FacetTownship:          attrPlaces,
	search.FacetAudience:          attrAudiences,
	search.FacetEmergencyCategory: attrEmergency,
	search.FacetOnCall:            attrOnCall,
}

// quote makes v a Meilisearch filter string literal: backslashes first,
// then double quotes, are escaped, and the whole is double-quoted, so no
// value can end the literal early and inject filter syntax (Meilisearch ≥
// 1.4 unescapes \\ and \" inside quotes).
func quote(v string) string {
	v = strings.ReplaceAll(v, `\`, `\\`)
	v = strings.ReplaceAll(v, `"`, `\"`)
	return `"` + v + `"`
}

// buildFilter renders f as a Meilisearch filter expression: one
// `attr IN [...]` clause per non-empty list, AND-ed; "" for no filter. Only
// typed values reach it, and only as quoted literals.
func buildFilter(f search.Filter) string {
	var clauses []string
	in := func(attr string, values []string) {
		if len(values) == 0 {
			return
		}
		quoted := make([]string, len(values))
		for i, v := range values {
			quoted[i] = quote(v)
		}
		clauses = append(clauses, attr+" IN ["+strings.Join(quoted, ", ")+"]")
	}
	switch {
	case len(f.Registries) > 0 && len(f.Statuses) > 0:
		// The same membership must have both: pairs, not two lists.
		var pairs []string
		for _, r := range f.Registries {
			for _, s := range f.Statuses {
				pairs = append(pairs, search.MembershipKey(r, s))
			}
		}
		in(attrRegistryStatus, pairs)
	default:
		in(attrRegistries, f.Registries)
		in(attrStatuses, f.Statuses)
	}
	in(attrPlaces, f.Townships)
	in(attrAudiences, f.Audiences)
	in(attrEmergency, f.EmergencyCategories)
	if f.OnCall != nil {
		if *f.OnCall {
			clauses = append(clauses, attrOnCall+" = true")
		} else {
			clauses = append(clauses, attrOnCall+" = false")
		}
	}
	return strings.Join(clauses, " AND ")
}
