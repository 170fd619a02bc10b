package e2e_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fuliang/talent/internal/sheet/sheettest"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestRosterPages drives the registry officer's pages (roster.mjs): the
// roster with its filters, paging and CSV download, one expert's file with
// contact data, and the spreadsheet import of a GBK-encoded CSV with one
// bad row (checked first, then imported without that row) and of an xlsx.
func TestRosterPages(t *testing.T) {
	f := start(t)
	ctx := context.Background()

	// An emergency expert with contact data and a history, a nominee for the
	// youth pool, one archived expert, and enough others to need a second page.
	flood := rosterExpert(t, f.st, &talent.Expert{Name: "王汛", Title: "高级工程师", Organization: "县水利局", Township: "江村乡",
		Expertise: []string{"防汛", "山洪预警"}, EmergencyCategories: []talent.EmergencyCategory{talent.Flood},
		Phone: "13900002222", Email: "wangxun@example.cn", Consent: &talent.Consent{Purpose: "科普活动联络"},
		LectureTopics: []talent.LectureTopic{{Title: "山洪来了怎么办", Abstract: "认识山洪征兆，学会转移路线和自救方法。", Minutes: 60,
			Audiences: []talent.Audience{talent.MiddleSchool, talent.Farmers}}},
		Availability: talent.Availability{Weekdays: []int{1, 3, 5}, Note: "汛期随叫随到",
			Unavailable: []talent.DateRange{{From: "2030-08-01", To: "2030-08-10", Reason: "外出培训"}}},
		MaxEngagementsPerMonth: 4})
	rosterAdmit(t, f.st, flood.ID, talent.EmergencyExpert, talent.StatusNominated)
	rosterAdmit(t, f.st, flood.ID, talent.EmergencyExpert, talent.StatusUnderReview)
	rosterAdmit(t, f.st, flood.ID, talent.EmergencyExpert, talent.StatusAdmitted)
	if _, err := f.st.SetOnCall(ctx, flood.ID, true); err != nil {
		t.Fatal(err)
	}
	youth := rosterExpert(t, f.st, &talent.Expert{Name: "赵青禾", Title: "助理研究员", Organization: "景德镇陶瓷大学", Township: "鹅湖镇"})
	rosterAdmit(t, f.st, youth.ID, talent.YouthTalent, talent.StatusNominated)
	gone := rosterExpert(t, f.st, &talent.Expert{Name: "钱旧档", Organization: "县农业农村局", Township: "浮梁镇"})
	if _, err := f.st.ArchiveExpert(ctx, gone.ID, gone.Version, "调离本县"); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		e := rosterExpert(t, f.st, &talent.Expert{Name: fmt.Sprintf("批量专家%02d", i+1), Title: "农艺师", Organization: "县农技站", Township: "寿安镇"})
		rosterAdmit(t, f.st, e.ID, talent.ScienceEnvoy, talent.StatusAdmitted)
	}
	const listed = 2 + 2 + 20 // the fixture's lecturers, the two above, the batch; not the archived one

	got := f.run(t, "roster.mjs", "browse", "E2E_FLOOD_ID="+strconv.FormatInt(flood.ID, 10), "E2E_LISTED="+strconv.Itoa(listed))
	if got["csvRows"] != strconv.Itoa(listed) || got["csvPhone"] != "13900002222" {
		t.Fatalf("CSV download of the whole roster: %v", got)
	}

	// The import: a CSV as Excel on Chinese Windows saves it (GBK), three
	// good rows and one with an unknown township on spreadsheet row 4.
	csvText := "外部编号,姓名,性别,出生年份,所属人才库,职称,工作单位,乡镇,专长\r\n" +
		"IMP-001,孙茶农,男,1968,科技特派员,高级农艺师,县茶叶局,江村乡,茶叶栽培、茶园管理\r\n" +
		"IMP-002,周晓雨,女,1990,青年人才储备库,工程师,浮梁县气象局,浮梁镇,气象观测\r\n" +
		"IMP-003,吴火星,男,1975,,讲师,县职业中学,火星镇,机械\r\n" +
		"IMP-004,郑山林,男,1960,老专家科普报告团,林业工程师（退休）,县林业局,瑶里镇,森林防火\r\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(csvText)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "名册.csv")
	if err := os.WriteFile(csvPath, []byte(gbk), 0o644); err != nil {
		t.Fatal(err)
	}
	xlsxPath := filepath.Join(dir, "名册.xlsx")
	if err := sheettest.WriteXLSX(xlsxPath, 3); err != nil {
		t.Fatal(err)
	}
	ids := []string{"IMP-001", "IMP-002", "IMP-003", "IMP-004"}
	importEnv := []string{"E2E_IMPORT_CSV=" + csvPath, "E2E_IMPORT_XLSX=" + xlsxPath, "E2E_BAD_ROW=4", "E2E_BAD_VALUE=火星镇"}

	// The check writes nothing.
	got = f.run(t, "roster.mjs", "check", importEnv...)
	if !strings.Contains(got["report"], "火星镇") {
		t.Fatalf("the report does not name the bad township: %v", got)
	}
	for _, id := range ids {
		if _, err := f.st.ExpertByExternalID(ctx, id); err == nil {
			t.Fatalf("the check (dry run) wrote %s", id)
		}
	}
	before, err := f.st.CountExperts(ctx, store.ExpertFilter{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}

	// Importing with 跳过有问题的行 writes exactly the three good rows, and
	// then the xlsx.
	f.run(t, "roster.mjs", "import", importEnv...)
	for _, id := range ids {
		e, err := f.st.ExpertByExternalID(ctx, id)
		if id == "IMP-003" {
			if err == nil {
				t.Fatalf("the bad row %s was imported", id)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s was not imported: %v", id, err)
		}
		if id == "IMP-002" && (e.Name != "周晓雨" || e.Gender != talent.Female || e.BirthYear != 1990 || e.Organization != "浮梁县气象局") {
			t.Fatalf("IMP-002 as imported from GBK: %+v", e)
		}
		if id == "IMP-004" {
			ms, err := f.st.MembershipsByExperts(ctx, []int64{e.ID})
			if err != nil || len(ms[e.ID]) != 1 || ms[e.ID][0].Registry != talent.SeniorLecturer || ms[e.ID][0].Status != talent.StatusAdmitted {
				t.Fatalf("IMP-004's memberships: %v %v", ms[e.ID], err)
			}
		}
	}
	after, err := f.st.CountExperts(ctx, store.ExpertFilter{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}
	if after != before+3+3 {
		t.Fatalf("experts before the import %d, after %d: want 3 from the CSV and 3 from the xlsx", before, after)
	}
	for i := range 3 {
		if _, err := f.st.ExpertByExternalID(ctx, sheettest.Row(i)[0]); err != nil {
			t.Fatalf("xlsx row %d was not imported: %v", i, err)
		}
	}
}

// rosterExpert and rosterAdmit put the roster's experts into the store.
func rosterExpert(t *testing.T, st *store.Store, e *talent.Expert) *talent.Expert {
	t.Helper()
	got, err := st.CreateExpert(context.Background(), e)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func rosterAdmit(t *testing.T, st *store.Store, id int64, reg talent.Registry, status talent.MembershipStatus) {
	t.Helper()
	ctx := context.Background()
	ms, err := st.MembershipsByExperts(ctx, []int64{id})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[id] {
		if m.Registry == reg {
			if _, err := st.ChangeMembershipStatus(ctx, store.StatusChangeRequest{ExpertID: id, Registry: reg, To: status, Reason: "审核通过"}); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	if _, _, err := st.AdmitToRegistry(ctx, store.Admission{ExpertID: id, Registry: reg, Status: status, Reason: "乡镇推荐"}); err != nil {
		t.Fatal(err)
	}
}
