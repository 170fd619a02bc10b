package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/fuliang/talent/graph"
	"github.com/fuliang/talent/internal/sheet/sheettest"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
	"github.com/graphql-go/graphql"
)

type importPayload struct {
	Rows, Inserted, Updated, Unchanged, Invalid, Memberships, ProblemCount int
	Written, DryRun                                                        bool
	Problems                                                               []struct {
		Row     int
		Column  *string
		Code    string
		Message string
	}
	UserErrors []struct{ Field, Code, Message string }
}

const importMutation = `mutation($csv: String!, $dry: Boolean, $partial: Boolean) {
  importExperts(input: {csv: $csv, dryRun: $dry, partial: $partial}) {
    rows inserted updated unchanged invalid memberships written dryRun problemCount
    problems { row column code message } userErrors { field code message }
  }
}`

// asUser is a request context of a user with role (officers keep regs).
func asUser(role talent.Role, regs ...talent.Registry) context.Context {
	return talent.WithPrincipal(context.Background(), talent.Principal{User: &talent.User{ID: 1, Login: "u", Role: role, Registries: regs}})
}

func importExperts(t *testing.T, ctx context.Context, schema graphql.Schema, csv string, dry, partial bool) importPayload {
	t.Helper()
	res := graphql.Do(graphql.Params{Schema: schema, RequestString: importMutation, Context: ctx,
		VariableValues: map[string]any{"csv": csv, "dry": dry, "partial": partial}})
	if len(res.Errors) > 0 {
		t.Fatalf("graphql errors: %v", res.Errors)
	}
	raw, _ := json.Marshal(res.Data.(map[string]any)["importExperts"])
	var p importPayload
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportExpertsMutation(t *testing.T) {
	for name, url := range map[string]func(t testing.TB) string{"sqlite": func(testing.TB) string { return "" }, "postgres": testenv.PostgresURL} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st, err := store.Open(ctx, store.Options{DatabaseURL: url(t), DataDir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if err := st.Migrate(ctx, nil); err != nil {
				t.Fatal(err)
			}
			admin := asUser(talent.RoleAdmin)
			schema, err := (&graph.Resolver{Store: st}).Schema()
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := sheettest.WriteCSV(&b, 30); err != nil {
				t.Fatal(err)
			}

			p := importExperts(t, admin, schema, b.String(), true, false)
			if p.Inserted != 30 || p.Written || !p.DryRun || len(p.UserErrors) != 0 {
				t.Fatalf("dry run %+v", p)
			}
			p = importExperts(t, admin, schema, b.String(), false, false)
			if p.Inserted != 30 || !p.Written || len(p.UserErrors) != 0 || p.Memberships == 0 {
				t.Fatalf("import %+v", p)
			}
			if p = importExperts(t, admin, schema, b.String(), false, false); p.Unchanged != 30 || p.Inserted+p.Updated != 0 {
				t.Fatalf("re-import %+v", p)
			}

			bad := "外部编号,姓名,乡镇\nQ-1,甲,江村\nQ-2,乙,火星镇\n"
			p = importExperts(t, admin, schema, bad, false, false)
			if p.Written || p.Invalid != 1 || len(p.Problems) != 1 || p.Problems[0].Row != 3 || p.Problems[0].Column == nil ||
				*p.Problems[0].Column != "township" || p.Problems[0].Code != "UNKNOWN_TOWNSHIP" ||
				!strings.HasPrefix(p.Problems[0].Message, "第3行，乡镇：") || len(p.UserErrors) != 1 || p.UserErrors[0].Code != "INVALID" {
				t.Fatalf("bad CSV %+v", p)
			}
			if _, err := st.ExpertByExternalID(ctx, "Q-1"); err == nil {
				t.Fatal("a rejected import wrote a row")
			}
			if p = importExperts(t, admin, schema, bad, false, true); !p.Written || p.Inserted != 1 || len(p.UserErrors) != 1 {
				t.Fatalf("partial %+v", p)
			}

			// An officer keeps to their registries, row by row.
			envoyOfficer := asUser(talent.RoleOfficer, talent.ScienceEnvoy)
			own := "外部编号,姓名,人才库\nO-1,新特派员,科技特派员\nO-2,新青年,青年人才\n"
			p = importExperts(t, envoyOfficer, schema, own, false, false)
			if p.Written || p.Invalid != 1 || len(p.Problems) != 1 || p.Problems[0].Row != 3 || p.Problems[0].Code != "FORBIDDEN" ||
				*p.Problems[0].Column != "registries" {
				t.Fatalf("officer adding to a registry they do not keep: %+v", p)
			}
			row := sheettest.Row(0)
			if row[4] != "青年人才储备库" {
				t.Fatalf("synthetic row 0 changed: registries %q", row[4])
			}
			renamed := strings.Join(sheettest.Header(), ",") + "\n" + strings.Join(append([]string{row[0], "改名"}, row[2:]...), ",") + "\n"
			if p = importExperts(t, asUser(talent.RoleOfficer, talent.YouthTalent), schema, renamed, true, false); p.Updated != 1 || p.Invalid != 0 {
				t.Fatalf("youth officer changing a youth talent: %+v", p)
			}
			if p = importExperts(t, envoyOfficer, schema, renamed, true, false); p.Invalid != 1 || p.Problems[0].Code != "FORBIDDEN" {
				t.Fatalf("envoy officer changing a youth talent: %+v", p)
			}

			huge := "外部编号,姓名\n" + strings.Repeat("X,甲\n", 1<<20/4)
			if p = importExperts(t, admin, schema, huge, true, false); len(p.UserErrors) != 1 || p.UserErrors[0].Code != "TOO_LONG" || p.Rows != 0 {
				t.Fatalf("oversized CSV %+v", p)
			}
		})
	}
}
