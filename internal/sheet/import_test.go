package sheet_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/sheet"
	"github.com/fuliang/talent/internal/sheet/sheettest"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// eachDialect runs fn on a fresh, migrated SQLite and PostgreSQL store.
func eachDialect(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, open(t, ""))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, open(t, testenv.PostgresURL(t)))
	})
}

var fixedNow = time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC)

func open(t *testing.T, url string) *store.Store {
	t.Helper()
	ctx := context.Background()
	rules := talent.DefaultRules()
	rules.Now = func() time.Time { return fixedNow }
	s, err := store.Open(ctx, store.Options{DatabaseURL: url, DataDir: t.TempDir(), Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx, nil); err != nil {
		t.Fatal(err)
	}
	return s
}

// state fingerprints everything an import may write.
type state struct {
	experts, memberships []string
	outbox, audit        int
}

func snapshot(t *testing.T, s *store.Store) state {
	t.Helper()
	ctx := context.Background()
	var st state
	for table, n := range map[string]*int{"outbox": &st.outbox, "audit_log": &st.audit} {
		if err := s.DB().GetContext(ctx, n, `SELECT COUNT(*) FROM `+table); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.FindExperts(ctx, store.ExpertFilter{IncludeArchived: true}, 0, 1000000)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(list))
	for i, e := range list {
		ids[i] = e.ID
		b, _ := json.Marshal(e)
		st.experts = append(st.experts, string(b))
	}
	ms, err := s.MembershipsByExperts(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		for _, m := range ms[id] {
			b, _ := json.Marshal(m)
			st.memberships = append(st.memberships, string(b))
		}
	}
	return st
}

func (a state) equal(b state) bool {
	return slices.Equal(a.experts, b.experts) && slices.Equal(a.memberships, b.memberships) && a.outbox == b.outbox && a.audit == b.audit
}

func synthetic(t *testing.T, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := sheettest.WriteCSV(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func importCSV(t *testing.T, s *store.Store, data []byte, opt sheet.Options) *sheet.Report {
	t.Helper()
	rep, err := sheet.ImportCSV(context.Background(), s, bytes.NewReader(data), opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportSyntheticRoster(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		data := synthetic(t, 100)
		rep := importCSV(t, s, data, sheet.Options{})
		if !rep.OK() || rep.Inserted != 100 || !rep.Written || rep.Encoding != sheet.EncUTF8 || rep.HeaderRow != 1 {
			t.Fatalf("report %+v, problems %v", rep, rep.Problems)
		}
		if n, _ := s.CountExperts(ctx, store.ExpertFilter{}); n != 100 {
			t.Fatalf("%d experts, want 100", n)
		}
		// Row 37 (index 36) read back field by field.
		want := sheettest.Row(36)
		e, err := s.ExpertByExternalID(ctx, want[0])
		if err != nil {
			t.Fatal(err)
		}
		tw, _ := talent.LookupTownship(want[7])
		if e.Name != want[1] || fmt.Sprint(e.BirthYear) != want[3] || e.Township != tw.Code || e.Title != want[5] ||
			strings.Join(e.Fields, "|") != want[8] || e.Bio != want[10] || fmt.Sprint(e.MaxEngagementsPerMonth) != want[15] {
			t.Fatalf("expert %+v does not match row %q", e, want)
		}
		ms, _ := s.MembershipsByExperts(ctx, []int64{e.ID})
		if len(ms[e.ID]) != len(strings.Split(want[4], "|")) {
			t.Fatalf("memberships %+v for %q", ms[e.ID], want[4])
		}

		// Importing the same file again changes nothing: no version,
		// updated_at, outbox or audit row moves.
		before := snapshot(t, s)
		again := importCSV(t, s, data, sheet.Options{})
		if !again.OK() || again.Unchanged != 100 || again.Inserted+again.Updated != 0 {
			t.Fatalf("re-import %+v", again)
		}
		if after := snapshot(t, s); !after.equal(before) {
			t.Fatal("re-import changed the database")
		}
	})
}

// TestExportImportRoundTrip exports, re-imports the export, and checks that
// nothing changes, in both formats, with values chosen to trip the cell
// formats: separators inside tags, colons and parentheses in topic titles,
// text that looks like a formula.
func TestExportImportRoundTrip(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if rep := importCSV(t, s, synthetic(t, 60), sheet.Options{}); !rep.OK() {
			t.Fatal(rep.Problems)
		}
		tricky := []*talent.Expert{
			{ExternalID: "T-1", Name: "=HYPERLINK(\"x\")", Title: "-负责人", Organization: "@单位", Bio: "'引号开头\n第二行，含逗号,和\"引号\"",
				Fields: []string{"农业、林业", "茶学|茶艺", "[方括号]"}, Expertise: []string{"a;b"},
				LectureTopics: []talent.LectureTopic{
					{Title: "防汛：我们能做什么", Abstract: "简介"},
					{Title: "茶史（上）", Minutes: 45, Audiences: []talent.Audience{talent.Farmers, talent.Elderly}},
					{Title: "讲座（小学）"},
					{Title: "简介里有竖线", Abstract: "甲|乙"},
				},
				MaxEngagementsPerMonth: 0},
			// Contact data and availability are not in the template: an
			// import must leave them alone.
			{ExternalID: "T-2", Name: "有电话", MaxEngagementsPerMonth: 7, Phone: "13800001234", Email: "t2@example.cn",
				Consent: &talent.Consent{Purpose: "科普活动联络"}, Availability: talent.Availability{Weekdays: []int{1, 3}}},
			{ExternalID: "T-3", Name: "已归档"},
		}
		for _, e := range tricky {
			if _, err := s.CreateExpert(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.ArchiveExpert(ctx, tricky[2].ID, 0, "调离"); err != nil {
			t.Fatal(err)
		}
		for _, format := range []string{sheet.FormatCSV, sheet.FormatXLSX} {
			var out bytes.Buffer
			res, err := sheet.Export(ctx, s, &out, format)
			if err != nil || res.Experts != 62 {
				t.Fatalf("%s export: %+v %v", format, res, err)
			}
			before := snapshot(t, s)
			rep, err := sheet.ImportFile(ctx, s, writeFile(t, "export."+format, out.Bytes()), sheet.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.OK() || rep.Unchanged != 62 || rep.Rows != 62 {
				t.Fatalf("%s re-import: %+v %v", format, rep, rep.Problems)
			}
			if after := snapshot(t, s); !after.equal(before) {
				for i := range before.experts {
					if before.experts[i] != after.experts[i] {
						t.Logf("before %s\nafter  %s", before.experts[i], after.experts[i])
					}
				}
				t.Fatalf("%s: importing the export changed the database", format)
			}
			if format == sheet.FormatCSV && !bytes.HasPrefix(out.Bytes(), []byte("\ufeff外部编号,姓名,")) {
				t.Fatalf("CSV export does not start with a BOM and the Chinese header: %q", out.Bytes()[:40])
			}
		}
		if rows, _ := s.FindExperts(ctx, store.ExpertFilter{Text: "有电话"}, 0, 1); len(rows) != 1 || rows[0].Phone != "13800001234" || rows[0].Consent == nil {
			t.Fatalf("contact data lost: %+v", rows)
		}
		// Nothing in the CSV export starts like a formula.
		var out bytes.Buffer
		if _, err := sheet.Export(ctx, s, &out, sheet.FormatCSV); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(out.Bytes())).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
					t.Fatalf("CSV cell %q would be evaluated by Excel", cell)
				}
			}
		}
	})
}

func TestGBKFileWithChineseHeaders(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		text := "编号,姓名,性别,出生年份,人才库,单位,所在乡镇,领域,受众,应急类别\r\n" +
			"GBK-1,张喆,男,1991,青年人才库,浮梁县人民医院,臧湾乡,临床医学、急救,小学生，初中生,\r\n" +
			"GBK-2,欧阳堃,女,１９６５,应急专家|老专家,浮梁县应急管理局,瑶里,防汛,农民,防汛;洪涝\r\n"
		data, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte("张喆")) {
			t.Fatal("test data is still UTF-8")
		}
		rep, err := sheet.ImportFile(ctx, s, writeFile(t, "gbk.csv", data), sheet.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK() || rep.Encoding != sheet.EncGB18030 || rep.Inserted != 2 {
			t.Fatalf("report %+v %v", rep, rep.Problems)
		}
		a, _ := s.ExpertByExternalID(ctx, "GBK-1")
		b, _ := s.ExpertByExternalID(ctx, "GBK-2")
		if a == nil || b == nil {
			t.Fatal("experts not imported")
		}
		if a.Name != "张喆" || a.Township != "360222201" || a.Gender != talent.Male || !slices.Equal(a.Fields, []string{"临床医学", "急救"}) ||
			!slices.Equal(a.Audiences, []talent.Audience{talent.PrimarySchool, talent.MiddleSchool}) {
			t.Fatalf("GBK-1 read as %+v", a)
		}
		if b.Name != "欧阳堃" || b.BirthYear != 1965 || b.Township != "360222104" || !slices.Equal(b.EmergencyCategories, []talent.EmergencyCategory{talent.Flood}) {
			t.Fatalf("GBK-2 read as %+v", b)
		}
	})
}

func TestBOMAndHeaderSpellings(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		data := "\ufeff 外部编号 ,姓名*,ＢＩＲＴＨ＿ＹＥＡＲ,Registries,所属乡镇,备注\n" +
			"B-1,李四,1988,科技特派员,浮梁,随便写\n"
		rep := importCSV(t, s, []byte(data), sheet.Options{})
		if rep.Encoding != sheet.EncUTF8BOM || !slices.Equal(rep.Ignored, []string{"所属乡镇", "备注"}) {
			t.Fatalf("report %+v", rep)
		}
		if !rep.OK() || rep.Inserted != 1 {
			t.Fatalf("problems %v", rep.Problems)
		}
		e, _ := s.ExpertByExternalID(ctx, "B-1")
		if e == nil || e.BirthYear != 1988 || e.Township != "" {
			t.Fatalf("imported %+v", e)
		}
	})
}

func TestTitleRowAboveHeader(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		data := "浮梁县科技特派员名册（2026年）,,\n\n外部编号,姓名,职称\nA-1,王五,农艺师\n"
		rep := importCSV(t, s, []byte(data), sheet.Options{})
		if !rep.OK() || rep.HeaderRow != 3 || rep.Inserted != 1 {
			t.Fatalf("report %+v %v", rep, rep.Problems)
		}
	})
}

// badCases are files with one problem each; every one must be reported with
// its row and column, and nothing may be written.
var badCases = []struct {
	name, csv string
	row       int
	column    string
	code      talent.Code
	message   string
}{
	{"missing column", "外部编号,性别\nX-1,男\n", 1, "name", sheet.CodeMissingColumn, "第1行，姓名：缺少必需的列“姓名”（name）"},
	{"duplicate column", "外部编号,姓名,人才库,所属人才库\nX-1,甲,,\n", 1, "registries", sheet.CodeDuplicateColumn, "第1行，所属人才库：“所属人才库”与“人才库”是同一列（registries），只能出现一次"},
	{"duplicate external id", "外部编号,姓名\nX-1,甲\nX-2,乙\nX-1,丙\n", 4, "external_id", talent.CodeDuplicate, "第4行，外部编号：外部编号“X-1”与第2行重复，同一文件中每位专家只能出现一次"},
	{"missing external id", "外部编号,姓名\nX-1,甲\n,乙\n", 3, "external_id", talent.CodeRequired, "第3行，外部编号：外部编号不能为空：导入按外部编号识别专家"},
	{"unknown township", "外部编号,姓名,乡镇\nX-1,甲,江村\nX-2,乙,火星镇\n", 3, "township", talent.CodeUnknownTownship, "第3行，乡镇：乡镇“火星镇”不是浮梁县的乡镇"},
	{"unknown service township", "外部编号,姓名,服务乡镇\nX-1,甲,江村|月球\n", 2, "service_townships", talent.CodeUnknownTownship, "第2行，服务乡镇：服务乡镇“月球”不是浮梁县的乡镇"},
	{"malformed year", "外部编号,姓名,出生年份\nX-1,甲,1980\nX-2,乙,19八五\n", 3, "birth_year", talent.CodeInvalid, "第3行，出生年份：“19八五”不是有效的年份，应填四位数字，如1985"},
	{"year out of range", "外部编号,姓名,出生年份\nX-1,甲,1850\n", 2, "birth_year", talent.CodeOutOfRange, "第2行，出生年份：出生年份1850不在1920至" + strconv.Itoa(time.Now().Year()-18) + "之间"},
	{"unknown registry", "外部编号,姓名,人才库\nX-1,甲,科技特派员|火星库\n", 2, "registries", talent.CodeInvalid, "第2行，人才库：“火星库”不是有效的人才库，可填：青年人才储备库、老专家科普报告团、科技特派员、应急科普专家队伍"},
	{"unknown audience", "外部编号,姓名,受众\nX-1,甲,小学生、外星人\n", 2, "audiences", talent.CodeInvalid, "第2行，受众：“外星人”不是有效的受众"},
	{"unknown category", "外部编号,姓名,应急类别\nX-1,甲,台风\n", 2, "emergency_categories", talent.CodeInvalid, "第2行，应急类别：“台风”不是有效的应急类别"},
	{"bad gender", "外部编号,姓名,性别\nX-1,甲,未知\n", 2, "gender", talent.CodeInvalid, "第2行，性别：“未知”不是有效的性别，可填：男、女"},
	{"bad count", "外部编号,姓名,每月最多服务次数\nX-1,甲,五次\n", 2, "max_engagements_per_month", talent.CodeInvalid, "第2行，每月最多服务次数：“五次”不是有效的次数，应填0至60的整数"},
	{"count out of range", "外部编号,姓名,每月最多服务次数\nX-1,甲,99\n", 2, "max_engagements_per_month", talent.CodeOutOfRange, "第2行，每月最多服务次数：每月最多服务次数应在0至60之间"},
	{"youth too old", "外部编号,姓名,出生年份,人才库\nX-1,甲,1970,青年人才\n", 2, "birth_year", talent.CodeAgeLimit, "第2行，出生年份：青年人才入库年龄不超过40周岁"},
	{"emergency without category", "外部编号,姓名,人才库\nX-1,甲,应急专家\n", 2, "emergency_categories", talent.CodeCategoryRequired, "第2行，应急类别：应急科普专家至少需要一个应急类别"},
	{"1 MB cell", "外部编号,姓名,简介\nX-1,甲,\"" + strings.Repeat("长", 1<<20/3) + "\"\n", 2, "bio", talent.CodeTooLong, "第2行，简介：单元格有349525个字，超过上限32767个字"},
	{"bad topic JSON", "外部编号,姓名,讲座主题\nX-1,甲,\"[{\"\"titel\"\": \"\"x\"\"}]\"\n", 2, "lecture_topics", talent.CodeInvalid, "第2行，讲座主题：讲座主题不是有效的JSON"},
	{"stray quote", "外部编号,姓名,简介\nX-1,甲,好\nX-2,乙,他说\"你好\"\n", 3, "", sheet.CodeBadFile, "第3行：双引号不成对"},
	{"empty file", "", 1, "", sheet.CodeMissingColumn, "第1行：文件是空的"},
}

func TestBadInputIsReportedAndNothingWritten(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		before := snapshot(t, s)
		for _, c := range badCases {
			var streamed []sheet.Problem
			rep := importCSV(t, s, []byte(c.csv), sheet.Options{OnProblem: func(p sheet.Problem) { streamed = append(streamed, p) }})
			if rep.Written || rep.OK() {
				t.Errorf("%s: written=%v ok=%v", c.name, rep.Written, rep.OK())
				continue
			}
			found := false
			for _, p := range rep.Problems {
				found = found || p.Row == c.row && p.Column == c.column && p.Code == c.code && strings.HasPrefix(p.Message, c.message)
			}
			if !found {
				t.Errorf("%s: want row %d column %q code %s message %q…, got %+v", c.name, c.row, c.column, c.code, c.message, rep.Problems)
			}
			if len(streamed) != rep.ProblemCount {
				t.Errorf("%s: %d problems streamed, %d counted", c.name, len(streamed), rep.ProblemCount)
			}
		}

		// A file whose first 64 KB are plain ASCII is read as UTF-8; GBK
		// bytes after that are caught cell by cell.
		var late strings.Builder
		late.WriteString("外部编号,name\n")
		for i := range 5000 {
			fmt.Fprintf(&late, "L-%d,Name %d\n", i, i)
		}
		late.WriteString("L-x,\xd5\xc5\n")
		rep := importCSV(t, s, []byte(late.String()), sheet.Options{})
		if rep.Written || rep.ProblemCount != 1 || rep.Problems[0].Row != 5002 || rep.Problems[0].Column != "name" || rep.Problems[0].Code != sheet.CodeEncoding {
			t.Errorf("GBK bytes after a UTF-8 start: %+v", rep.Problems)
		}

		if after := snapshot(t, s); !after.equal(before) {
			t.Fatal("a rejected import wrote something")
		}
		if n, _ := s.CountExperts(ctx, store.ExpertFilter{IncludeArchived: true}); n != 0 {
			t.Fatalf("%d experts written", n)
		}
	})
}

func TestUndecodableFilesAreRejected(t *testing.T) {
	s := open(t, "")
	for name, data := range map[string][]byte{
		"Big5":     []byte("external_id,name\nX-1,\xb1\x69\xa4\x54\xa7\xf5\xa5\x7c\n"), // 張三李四
		"Latin-1":  []byte("external_id,name\nX-1,Jos\xe9 M\xfcller\n"),
		"UTF-16LE": append([]byte{0xff, 0xfe}, []byte("e\x00x\x00")...),
	} {
		rep := importCSV(t, s, data, sheet.Options{})
		if rep.OK() || rep.Problems[0].Code != sheet.CodeEncoding || rep.Written {
			t.Errorf("%s: %+v", name, rep.Problems)
		}
	}
	if n, _ := s.CountExperts(context.Background(), store.ExpertFilter{}); n != 0 {
		t.Fatalf("%d experts written", n)
	}
}

func TestDryRunAndPartial(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		data := []byte("外部编号,姓名,出生年份\nD-1,甲,1980\nD-2,乙,19八五\nD-3,丙,\n")
		before := snapshot(t, s)
		rep := importCSV(t, s, data, sheet.Options{DryRun: true})
		if rep.Written || !rep.DryRun || rep.Inserted != 2 || rep.Invalid != 1 || rep.ProblemCount != 1 {
			t.Fatalf("dry run %+v", rep)
		}
		clean := importCSV(t, s, []byte("外部编号,姓名\nD-1,甲\n"), sheet.Options{DryRun: true})
		if !clean.OK() || clean.Written || clean.Inserted != 1 {
			t.Fatalf("clean dry run %+v", clean)
		}
		if after := snapshot(t, s); !after.equal(before) {
			t.Fatal("a dry run wrote something")
		}
		rep = importCSV(t, s, data, sheet.Options{Partial: true})
		if !rep.Written || rep.Inserted != 2 || rep.Invalid != 1 {
			t.Fatalf("partial %+v", rep)
		}
		if n, _ := s.CountExperts(ctx, store.ExpertFilter{}); n != 2 {
			t.Fatalf("partial import wrote %d experts, want 2", n)
		}
	})
}

// xlsxFile writes an xlsx file with a title row, the header on row 2 and
// the given data rows; cells starting with "=" become formulas.
func xlsxFile(t *testing.T, rows ...[]string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetName("Sheet1", "名册")
	if _, err := f.NewSheet("说明"); err != nil {
		t.Fatal(err)
	}
	_ = f.SetCellFormula("说明", "A1", "=1+1")
	_ = f.SetCellValue("名册", "A1", "浮梁县专家名册")
	all := append([][]string{{"外部编号", "姓名", "出生年份", "所属人才库", "乡镇", "每月最多服务次数"}}, rows...)
	for i, row := range all {
		for j, v := range row {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+2)
			var err error
			switch n, isNum := parseNumber(v); {
			case strings.HasPrefix(v, "="):
				err = f.SetCellFormula("名册", ref, v[1:])
			case isNum:
				err = f.SetCellValue("名册", ref, n)
			default:
				err = f.SetCellStr("名册", ref, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	p := filepath.Join(t.TempDir(), "roster.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func parseNumber(v string) (int, bool) {
	var n int
	_, err := fmt.Sscanf(v, "%d", &n)
	return n, err == nil && fmt.Sprint(n) == v
}

func TestXLSX(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		good := xlsxFile(t,
			[]string{"X-1", "王茶", "1990", "科技特派员|青年人才", "蛟潭镇", "3"},
			[]string{"X-2", "李瓷", "", "", "", ""},
		)
		rep, err := sheet.ImportFile(ctx, s, good, sheet.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK() || rep.Format != "xlsx" || rep.Sheet != "名册" || rep.HeaderRow != 2 || rep.Inserted != 2 {
			t.Fatalf("report %+v %v", rep, rep.Problems)
		}
		e, _ := s.ExpertByExternalID(ctx, "X-1")
		if e == nil || e.BirthYear != 1990 || e.Township != "360222103" || e.MaxEngagementsPerMonth != 3 {
			t.Fatalf("X-1 read as %+v", e)
		}

		before := snapshot(t, s)
		withFormula := xlsxFile(t,
			[]string{"X-3", "赵六", "=YEAR(TODAY())-30", "", "", "2"},
			[]string{"X-4", "钱七", "1980", "", "", "=1+1"},
		)
		rep, err = sheet.ImportFile(ctx, s, withFormula, sheet.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"3 birth_year FORMULA 第3行，出生年份：单元格是公式（=YEAR(TODAY())-30）",
			"4 max_engagements_per_month FORMULA 第4行，每月最多服务次数：单元格是公式（=1+1）",
		}
		var got []string
		for _, p := range rep.Problems {
			got = append(got, fmt.Sprintf("%d %s %s %s", p.Row, p.Column, p.Code, p.Message))
		}
		if rep.Written || len(got) != 2 || !strings.HasPrefix(got[0], want[0]) || !strings.HasPrefix(got[1], want[1]) {
			t.Fatalf("formula problems %q", got)
		}
		if after := snapshot(t, s); !after.equal(before) {
			t.Fatal("a rejected xlsx import wrote something")
		}

		rep, err = sheet.ImportFile(ctx, s, good, sheet.Options{Sheet: "没有这张表"})
		if err != nil || rep.OK() || rep.Problems[0].Code != sheet.CodeBadFile {
			t.Fatalf("unknown sheet: %+v %v", rep, err)
		}
	})
}

func TestProblemReports(t *testing.T) {
	s := open(t, "")
	data := []byte("外部编号,姓名,出生年份\nR-1,甲,19八五\nR-1,乙,\n")
	for _, format := range []string{"csv", "json"} {
		var out bytes.Buffer
		pw, err := sheet.NewProblemWriter(&out, format)
		if err != nil {
			t.Fatal(err)
		}
		rep := importCSV(t, s, data, sheet.Options{OnProblem: func(p sheet.Problem) {
			if err := pw.Write(p); err != nil {
				t.Fatal(err)
			}
		}})
		if err := pw.Close(rep); err != nil {
			t.Fatal(err)
		}
		switch format {
		case "csv":
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out.Bytes(), []byte("\ufeff")))).ReadAll()
			if err != nil || len(rows) != 3 || rows[1][0] != "2" || rows[1][1] != "birth_year" || rows[2][3] != "DUPLICATE" {
				t.Fatalf("CSV report %q %v", rows, err)
			}
		case "json":
			var doc struct {
				Problems []sheet.Problem `json:"problems"`
				Summary  map[string]any  `json:"summary"`
			}
			if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
				t.Fatalf("JSON report %s: %v", out.Bytes(), err)
			}
			if len(doc.Problems) != 2 || doc.Problems[0].Column != "birth_year" || doc.Summary["invalid"] != 2.0 || doc.Summary["written"] != false {
				t.Fatalf("JSON report %s", out.Bytes())
			}
		}
	}
}
