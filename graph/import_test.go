package graph_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fuliang/talent/graph"
	"github.com/fuliang/talent/internal/sheet/sheettest"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
	"github.com/graphql-go/graphql"
	"github.com/xuri/excelize/v2"
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
			st, schema := importSchema(t, url(t))
			admin := asUser(talent.RoleAdmin)
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

const importXLSXMutation = `mutation($csv: String, $xlsx: String, $dry: Boolean, $partial: Boolean) {
  importExperts(input: {csv: $csv, xlsx: $xlsx, dryRun: $dry, partial: $partial}) {
    rows inserted updated unchanged invalid memberships written dryRun problemCount sheet
    problems { row column code message } userErrors { field code message }
  }
}`

type xlsxPayload struct {
	importPayload
	Sheet *string
}

func importXLSX(t *testing.T, ctx context.Context, schema graphql.Schema, vars map[string]any) xlsxPayload {
	t.Helper()
	res := graphql.Do(graphql.Params{Schema: schema, RequestString: importXLSXMutation, Context: ctx, VariableValues: vars})
	if len(res.Errors) > 0 {
		t.Fatalf("graphql errors: %v", res.Errors)
	}
	raw, _ := json.Marshal(res.Data.(map[string]any)["importExperts"])
	var p xlsxPayload
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// xlsxBase64 writes rows (the first is the header) to the first sheet of a
// workbook, named sheetName, and returns the file in Base64.
func xlsxBase64(t *testing.T, sheetName string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheetName, ref, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b.Bytes())
}

// importSchema opens a migrated store (SQLite when url is empty) and the
// schema over it.
func importSchema(t *testing.T, url string) (*store.Store, graphql.Schema) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{DatabaseURL: url, DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx, nil); err != nil {
		t.Fatal(err)
	}
	schema, err := (&graph.Resolver{Store: st}).Schema()
	if err != nil {
		t.Fatal(err)
	}
	return st, schema
}

func TestImportExpertsXLSX(t *testing.T) {
	ctx := context.Background()
	st, schema := importSchema(t, "")
	admin := asUser(talent.RoleAdmin)

	// The synthetic roster, as the bureau's xlsx.
	path := filepath.Join(t.TempDir(), "roster.xlsx")
	if err := sheettest.WriteXLSX(path, 12); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	roster := base64.StdEncoding.EncodeToString(raw)
	p := importXLSX(t, admin, schema, map[string]any{"xlsx": roster, "dry": true})
	if p.Inserted != 12 || p.Written || !p.DryRun || len(p.UserErrors) != 0 || p.Sheet == nil || *p.Sheet != "Sheet1" {
		t.Fatalf("dry run of an xlsx: %+v", p)
	}
	if _, err := st.ExpertByExternalID(ctx, sheettest.Row(0)[0]); err == nil {
		t.Fatal("an xlsx dry run wrote a row")
	}
	// Line-wrapped Base64, as some encoders write it, reads the same.
	wrapped := ""
	for s := roster; s != ""; {
		n := min(76, len(s))
		wrapped, s = wrapped+s[:n]+"\r\n", s[n:]
	}
	if p = importXLSX(t, admin, schema, map[string]any{"xlsx": wrapped}); p.Inserted != 12 || !p.Written || p.Memberships == 0 {
		t.Fatalf("import of an xlsx: %+v", p)
	}
	if _, err := st.ExpertByExternalID(ctx, sheettest.Row(0)[0]); err != nil {
		t.Fatalf("imported expert: %v", err)
	}

	// Problems are reported by the row numbers Excel shows, in the first
	// sheet whatever its name; partial writes the good rows.
	bad := xlsxBase64(t, "名册", [][]any{{"外部编号", "姓名", "乡镇", "出生年份"}, {"X-1", "甲", "江村", 1970}, {"X-2", "乙", "火星镇", 1971}, {"X-3", "丙", "", 1972}})
	p = importXLSX(t, admin, schema, map[string]any{"xlsx": bad})
	if p.Written || p.Invalid != 1 || len(p.Problems) != 1 || p.Problems[0].Row != 3 || p.Problems[0].Code != "UNKNOWN_TOWNSHIP" ||
		len(p.UserErrors) != 1 || p.UserErrors[0].Field != "xlsx" || p.Sheet == nil || *p.Sheet != "名册" {
		t.Fatalf("xlsx with a bad row: %+v", p)
	}
	if p = importXLSX(t, admin, schema, map[string]any{"xlsx": bad, "partial": true}); !p.Written || p.Inserted != 2 {
		t.Fatalf("partial xlsx import: %+v", p)
	}
	if _, err := st.ExpertByExternalID(ctx, "X-2"); err == nil {
		t.Fatal("the bad row was written")
	}

	// An officer keeps to their registries in xlsx too.
	own := xlsxBase64(t, "Sheet1", [][]any{{"外部编号", "姓名", "人才库"}, {"O-1", "新青年", "青年人才"}})
	if p = importXLSX(t, asUser(talent.RoleOfficer, talent.ScienceEnvoy), schema, map[string]any{"xlsx": own}); p.Written ||
		len(p.Problems) != 1 || p.Problems[0].Code != "FORBIDDEN" {
		t.Fatalf("envoy officer adding a youth talent by xlsx: %+v", p)
	}

	for name, c := range map[string]struct {
		vars map[string]any
		code string
	}{
		"both":        {map[string]any{"csv": "外部编号,姓名\nA,甲\n", "xlsx": roster}, "INVALID"},
		"neither":     {map[string]any{}, "REQUIRED"},
		"not base64":  {map[string]any{"xlsx": "这不是Base64"}, "INVALID"},
		"csv as xlsx": {map[string]any{"xlsx": base64.StdEncoding.EncodeToString([]byte("外部编号,姓名\nA,甲\n"))}, "INVALID"},
		"old xls":     {map[string]any{"xlsx": base64.StdEncoding.EncodeToString([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))}, "INVALID"},
		"too big":     {map[string]any{"xlsx": strings.Repeat("UEsDBA==", (1<<20)/5)}, "TOO_LONG"},
	} {
		p := importXLSX(t, admin, schema, c.vars)
		if p.Written || p.Rows != 0 || len(p.UserErrors) != 1 || p.UserErrors[0].Code != c.code {
			t.Errorf("%s: %+v", name, p)
		}
	}
}
