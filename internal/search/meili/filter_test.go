package meili

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fuliang/talent/internal/search"
)

// parseFilter is a strict parser for exactly the grammar buildFilter
// emits, with Meilisearch's string rules (inside double quotes, \\ is a
// backslash and \" a quote):
//
//	filter  = clause { " AND " clause }
//	clause  = attr " IN [" string { ", " string } "]" | "onCall = " ("true" | "false")
//
// It returns attribute → values, and fails on anything else, such as a
// value that ended its string early and left syntax behind.
func parseFilter(s string) (map[string][]string, error) {
	out := make(map[string][]string)
	if s == "" {
		return out, nil
	}
	for {
		if rest, ok := strings.CutPrefix(s, attrOnCall+" = "); ok {
			switch {
			case strings.HasPrefix(rest, "true"):
				out[attrOnCall], s = []string{"true"}, rest[4:]
			case strings.HasPrefix(rest, "false"):
				out[attrOnCall], s = []string{"false"}, rest[5:]
			default:
				return nil, fmt.Errorf("bad boolean at %q", rest)
			}
		} else {
			i := strings.Index(s, " IN [")
			if i < 0 {
				return nil, fmt.Errorf("no IN at %q", s)
			}
			attr := s[:i]
			if !slices.Contains(filterableAttributes, attr) || attr == attrOnCall {
				return nil, fmt.Errorf("attribute %q not allowed", attr)
			}
			if _, dup := out[attr]; dup {
				return nil, fmt.Errorf("attribute %q twice", attr)
			}
			s = s[i+len(" IN ["):]
			var values []string
			for {
				v, rest, err := parseString(s)
				if err != nil {
					return nil, err
				}
				values = append(values, v)
				if r, ok := strings.CutPrefix(rest, ", "); ok {
					s = r
					continue
				}
				if r, ok := strings.CutPrefix(rest, "]"); ok {
					s = r
					break
				}
				return nil, fmt.Errorf("expected , or ] at %q", rest)
			}
			out[attr] = values
		}
		if s == "" {
			return out, nil
		}
		r, ok := strings.CutPrefix(s, " AND ")
		if !ok {
			return nil, fmt.Errorf("expected AND at %q", s)
		}
		s = r
	}
}

func parseString(s string) (value, rest string, err error) {
	if !strings.HasPrefix(s, `"`) {
		return "", "", fmt.Errorf("expected a string at %q", s)
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '"':
			return b.String(), s[i+1:], nil
		case '\\':
			if i+1 == len(s) || (s[i+1] != '\\' && s[i+1] != '"') {
				return "", "", fmt.Errorf("bad escape at %q", s[i:])
			}
			i++
			b.WriteByte(s[i])
		default:
			b.WriteByte(s[i])
		}
	}
	return "", "", fmt.Errorf("unterminated string %q", s)
}

// want is what buildFilter must express for f.
func want(f search.Filter) map[string][]string {
	out := make(map[string][]string)
	put := func(attr string, vs []string) {
		if len(vs) > 0 {
			out[attr] = vs
		}
	}
	if len(f.Registries) > 0 && len(f.Statuses) > 0 {
		var pairs []string
		for _, r := range f.Registries {
			for _, s := range f.Statuses {
				pairs = append(pairs, search.MembershipKey(r, s))
			}
		}
		put(attrRegistryStatus, pairs)
	} else {
		put(attrRegistries, f.Registries)
		put(attrStatuses, f.Statuses)
	}
	put(attrPlaces, f.Townships)
	put(attrAudiences, f.Audiences)
	put(attrEmergency, f.EmergencyCategories)
	if f.OnCall != nil {
		out[attrOnCall] = []string{fmt.Sprint(*f.OnCall)}
	}
	return out
}

func checkFilter(t *testing.T, f search.Filter) {
	t.Helper()
	s := buildFilter(f)
	got, err := parseFilter(s)
	if err != nil {
		t.Fatalf("buildFilter(%+v) = %q does not parse: %v", f, s, err)
	}
	if w := want(f); !maps.EqualFunc(got, w, slices.Equal) {
		t.Fatalf("buildFilter(%+v) = %q parses as %q, want %q", f, s, got, w)
	}
}

func TestFilter(t *testing.T) {
	yes, no := true, false
	for _, f := range []search.Filter{
		{},
		{Registries: []string{"SCIENCE_ENVOY"}},
		{Registries: []string{"SCIENCE_ENVOY", "YOUTH_TALENT"}, Statuses: []string{"ADMITTED"}},
		{Statuses: []string{"ADMITTED"}, Townships: []string{"360222100"}, OnCall: &yes},
		{Audiences: []string{`PUBLIC" OR audiences = "FARMERS`}, EmergencyCategories: []string{`\`, `\"`, `"`}},
		{Townships: []string{"line\nbreak", "OR", "]", ""}, OnCall: &no},
	} {
		checkFilter(t, f)
	}
	if got := buildFilter(search.Filter{Audiences: []string{`a"b\c`}}); got != `audiences IN ["a\"b\\c"]` {
		t.Fatalf("escaping: %s", got)
	}
}

// FuzzFilter: whatever the values, the filter parses back to exactly those
// values under exactly the intended attributes. Run with
// go test -fuzz FuzzFilter ./internal/search/meili.
func FuzzFilter(f *testing.F) {
	f.Add("SCIENCE_ENVOY", "ADMITTED", "360222100", "FARMERS", "FLOOD", uint8(1))
	f.Add(`"`, `\`, `\"`, `" OR id > 0 OR "`, "OR", uint8(2))
	f.Add("a\nb", `x\\"y`, "]", "[", ", ", uint8(0))
	f.Fuzz(func(t *testing.T, reg, status, town, aud, cat string, flags uint8) {
		for _, s := range []string{reg, status, town, aud, cat} {
			if !utf8.ValidString(s) {
				t.Skip("values reach the filter from JSON, always valid UTF-8")
			}
		}
		var fl search.Filter
		if flags&1 != 0 {
			fl.Registries = []string{reg}
		}
		if flags&2 != 0 {
			fl.Statuses = []string{status, reg}
		}
		if flags&4 != 0 {
			fl.Townships = []string{town}
		}
		if flags&8 != 0 {
			fl.Audiences = []string{aud, cat}
		}
		if flags&16 != 0 {
			fl.EmergencyCategories = []string{cat}
		}
		if flags&32 != 0 {
			v := flags&64 != 0
			fl.OnCall = &v
		}
		checkFilter(t, fl)
	})
}
