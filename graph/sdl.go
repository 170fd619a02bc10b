package graph

import (
	"fmt"
	"sort"
	"strings"

	"github.com/graphql-go/graphql"
)

// SDL prints the schema in the GraphQL schema definition language.
// graphql-go has no printer of its own; this one covers what the schema
// uses: objects, input objects, enums, scalars, arguments with defaults and
// descriptions. Types are sorted by name so the output is stable.
func SDL() (string, error) {
	s, err := (&Resolver{}).Schema()
	if err != nil {
		return "", err
	}
	return printSchema(s), nil
}

var builtinScalars = map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true}

func printSchema(s graphql.Schema) string {
	var b strings.Builder
	names := make([]string, 0, len(s.TypeMap()))
	for n := range s.TypeMap() {
		if !strings.HasPrefix(n, "__") && !builtinScalars[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	b.WriteString("schema {\n  query: Query\n")
	if s.MutationType() != nil {
		b.WriteString("  mutation: Mutation\n")
	}
	b.WriteString("}\n")
	for _, n := range names {
		b.WriteString("\n")
		switch t := s.TypeMap()[n].(type) {
		case *graphql.Object:
			description(&b, "", t.Description())
			fmt.Fprintf(&b, "type %s {\n", t.Name())
			fields := t.Fields()
			for _, fn := range sortedKeys(fields) {
				f := fields[fn]
				description(&b, "  ", f.Description)
				fmt.Fprintf(&b, "  %s%s: %s\n", fn, printArgs(f.Args), f.Type.String())
			}
			b.WriteString("}\n")
		case *graphql.InputObject:
			description(&b, "", t.Description())
			fmt.Fprintf(&b, "input %s {\n", t.Name())
			fields := t.Fields()
			for _, fn := range sortedKeys(fields) {
				f := fields[fn]
				description(&b, "  ", f.Description())
				fmt.Fprintf(&b, "  %s: %s%s\n", fn, f.Type.String(), printDefault(f.DefaultValue))
			}
			b.WriteString("}\n")
		case *graphql.Enum:
			description(&b, "", t.Description())
			fmt.Fprintf(&b, "enum %s {\n", t.Name())
			vals := t.Values()
			sort.Slice(vals, func(i, j int) bool { return vals[i].Name < vals[j].Name })
			for _, v := range vals {
				description(&b, "  ", v.Description)
				fmt.Fprintf(&b, "  %s\n", v.Name)
			}
			b.WriteString("}\n")
		case *graphql.Scalar:
			description(&b, "", t.Description())
			fmt.Fprintf(&b, "scalar %s\n", t.Name())
		}
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func printArgs(args []*graphql.Argument) string {
	if len(args) == 0 {
		return ""
	}
	args = append([]*graphql.Argument(nil), args...)
	sort.Slice(args, func(i, j int) bool { return args[i].Name() < args[j].Name() })
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = a.Name() + ": " + a.Type.String() + printDefault(a.DefaultValue)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func printDefault(v any) string {
	switch d := v.(type) {
	case nil:
		return ""
	case string:
		return fmt.Sprintf(" = %q", d)
	default:
		return fmt.Sprintf(" = %v", d)
	}
}

func description(b *strings.Builder, indent, d string) {
	if d == "" {
		return
	}
	fmt.Fprintf(b, "%s\"\"\"%s\"\"\"\n", indent, strings.ReplaceAll(d, `"""`, `\"""`))
}
