package graph

import (
	"math"
	"sort"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
)

// checkVariableTypes rejects variable values whose JSON type is not the
// one the operation declares. graphql-go coerces them instead — 123 or
// true become the string "123" or "true", ["茶"] the string "茶" — while
// the GraphQL specification's input coercion rejects them: a client
// sending a number for a description has a bug it should hear about.
// Missing, null and unknown variables are left to graphql-go.
func checkVariableTypes(s graphql.Schema, op *ast.OperationDefinition, vars map[string]any) []gqlerrors.FormattedError {
	if op == nil {
		return nil
	}
	var errs []gqlerrors.FormattedError
	for _, def := range op.VariableDefinitions {
		if def.Variable == nil || def.Variable.Name == nil {
			continue
		}
		name := def.Variable.Name.Value
		v, ok := vars[name]
		if !ok {
			continue
		}
		t := schemaType(s, def.Type)
		if t == nil {
			continue
		}
		if msg := checkType(s, t, v, "$"+name); msg != "" {
			errs = append(errs, gqlerrors.FormattedError{Message: msg,
				Extensions: map[string]any{"code": codeBadUserInput, "variable": name}})
		}
	}
	return errs
}

// schemaType resolves a variable's declared type against the schema; nil
// for a type the schema lacks (validation has already reported it).
func schemaType(s graphql.Schema, t ast.Type) graphql.Type {
	switch t := t.(type) {
	case *ast.NonNull:
		if inner := schemaType(s, t.Type); inner != nil {
			return graphql.NewNonNull(inner)
		}
	case *ast.List:
		if inner := schemaType(s, t.Type); inner != nil {
			return graphql.NewList(inner)
		}
	case *ast.Named:
		if named := s.Type(t.Name.Value); named != nil {
			return named
		}
	}
	return nil
}

func checkNamed(s graphql.Schema, typeName string, v any, path string) string {
	switch typ := s.Type(typeName).(type) {
	case *graphql.Scalar:
		want := ""
		switch typeName {
		case "String":
			if _, ok := v.(string); !ok {
				want = "字符串"
			}
		case "ID":
			switch x := v.(type) {
			case string:
			case float64:
				if x != math.Trunc(x) {
					want = "字符串或整数"
				}
			default:
				want = "字符串或整数"
			}
		case "Int":
			if x, ok := v.(float64); !ok || x != math.Trunc(x) {
				want = "整数"
			}
		case "Float":
			if _, ok := v.(float64); !ok {
				want = "数字"
			}
		case "Boolean":
			if _, ok := v.(bool); !ok {
				want = "true 或 false"
			}
		default:
			// The schema's own scalars (dates…) parse strings and say
			// what is wrong themselves.
			if _, ok := v.(string); !ok {
				want = "字符串"
			}
		}
		if want != "" {
			return "变量 " + path + " 应为" + want + "，收到" + jsonKind(v)
		}
	case *graphql.Enum:
		if _, ok := v.(string); !ok {
			return "变量 " + path + " " + expectation(s, typ.Name()) + "，收到" + jsonKind(v)
		}
	case *graphql.InputObject:
		obj, ok := v.(map[string]any)
		if !ok {
			return "变量 " + path + " 应为对象，收到" + jsonKind(v)
		}
		fields := typ.Fields()
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys) // the first problem in a stable order
		for _, k := range keys {
			f, ok := fields[k]
			if !ok {
				continue // graphql-go reports unknown fields
			}
			if msg := checkType(s, f.Type, obj[k], path+"."+k); msg != "" {
				return msg
			}
		}
	}
	return ""
}

// checkType returns a Chinese message when v cannot be a value of t.
func checkType(s graphql.Schema, t graphql.Type, v any, path string) string {
	if v == nil {
		return ""
	}
	switch t := t.(type) {
	case *graphql.NonNull:
		return checkType(s, t.OfType, v, path)
	case *graphql.List:
		if list, ok := v.([]any); ok {
			for i, x := range list {
				if msg := checkType(s, t.OfType, x, path+"["+itoa(i)+"]"); msg != "" {
					return msg
				}
			}
			return ""
		}
		return checkType(s, t.OfType, v, path)
	}
	return checkNamed(s, t.Name(), v, path)
}

func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "字符串"
	case float64:
		return "数字"
	case bool:
		return "布尔值"
	case []any:
		return "列表"
	case map[string]any:
		return "对象"
	}
	return "其他值"
}
