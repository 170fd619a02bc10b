package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fuliang/talent/internal/sheet/sheettest"
)

// talentctl runs the CLI in-process against an SQLite database in dir.
func talentctl(t *testing.T, dir string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	full := append(args[:2:2], append([]string{"--data-dir", dir}, args[2:]...)...)
	err = run(context.Background(), full, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestImportExportCommands(t *testing.T) {
	dir := t.TempDir()
	roster := filepath.Join(dir, "roster.csv")
	var b bytes.Buffer
	if err := sheettest.WriteCSV(&b, 20); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(roster, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	out, _, err := talentctl(t, dir, "import", "experts", "--dry-run", roster)
	if err != nil || !strings.Contains(out, "新增 20") || !strings.Contains(out, "试运行：没有写入任何数据") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	out, _, err = talentctl(t, dir, "import", "experts", roster)
	if err != nil || !strings.Contains(out, "共 20 行：新增 20，更新 0，不变 0") || !strings.Contains(out, "已写入数据库") {
		t.Fatalf("import: %v\n%s", err, out)
	}

	xlsx := filepath.Join(dir, "export.xlsx")
	if _, errOut, err := talentctl(t, dir, "export", "experts", "--out", xlsx); err != nil || !strings.Contains(errOut, "已导出 20 位专家") {
		t.Fatalf("export: %v\n%s", err, errOut)
	}
	out, _, err = talentctl(t, dir, "import", "experts", xlsx)
	if err != nil || !strings.Contains(out, "新增 0，更新 0，不变 20") {
		t.Fatalf("re-import of the export: %v\n%s", err, out)
	}
	csvOut, _, err := talentctl(t, dir, "export", "experts")
	if err != nil || !strings.HasPrefix(csvOut, "\ufeff外部编号,姓名,性别") || strings.Count(csvOut, "\r\n") != 21 {
		t.Fatalf("CSV export to stdout: %v\n%.200s", err, csvOut)
	}

	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("外部编号,姓名,出生年份\nN-1,新人,1990\nN-2,坏,19八五\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, "problems.json")
	out, errOut, err := talentctl(t, dir, "import", "experts", "--report", report, bad)
	if err == nil || !strings.Contains(err.Error(), "没有写入任何数据") || !strings.Contains(errOut, "第3行，出生年份：“19八五”不是有效的年份") {
		t.Fatalf("bad file: %v\n%s\n%s", err, out, errOut)
	}
	raw, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Problems []struct {
			Row    int    `json:"row"`
			Column string `json:"column"`
			Code   string `json:"code"`
		} `json:"problems"`
		Summary struct {
			Inserted int  `json:"inserted"`
			Written  bool `json:"written"`
		} `json:"summary"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil || len(doc.Problems) != 1 || doc.Problems[0].Row != 3 ||
		doc.Problems[0].Column != "birth_year" || doc.Summary.Written {
		t.Fatalf("report %s (%v)", raw, err)
	}
	// Nothing from the rejected file was written.
	csvOut, _, _ = talentctl(t, dir, "export", "experts")
	if strings.Contains(csvOut, "N-1") {
		t.Fatal("a rejected import wrote a row")
	}
	out, _, err = talentctl(t, dir, "import", "experts", "--partial", bad)
	if err == nil || !strings.Contains(err.Error(), "部分导入") || !strings.Contains(out, "新增 1") {
		t.Fatalf("partial: %v\n%s", err, out)
	}
}
