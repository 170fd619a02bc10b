package sheet

import (
	"archive/zip"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/fuliang/talent/internal/talent"
	"github.com/xuri/excelize/v2"
)

// table is a spreadsheet read one row at a time.
type table interface {
	// next returns the next row that has a non-blank cell, with its row
	// number as a spreadsheet program shows it; io.EOF after the last.
	// Other errors are *fileError: the rest of the file cannot be trusted.
	next() (row int, cells []string, err error)
	// formula returns the formula of a cell (col counts from 0), if it
	// holds one.
	formula(row, col int) (string, bool)
	// csv reports whether cells carry CSV's quote escape (see escapeCSV).
	csv() bool
}

// fileError is a problem that stops reading a file: an encoding that cannot
// be trusted, broken CSV quoting, a damaged xlsx.
type fileError struct {
	row  int // 0 when it concerns the whole file
	code talent.Code
	msg  string
}

func (e *fileError) Error() string { return fmt.Sprintf("%s: 第%d行: %s", e.code, e.row, e.msg) }

// ---- CSV --------------------------------------------------------------------

type csvTable struct {
	r   *csv.Reader
	row int // row number of the last record returned
	end int // line on which the last record ended
}

// newCSVTable reads CSV text (already UTF-8). Quoting is strict: a stray
// quote is reported instead of guessed at.
func newCSVTable(r io.Reader) *csvTable {
	cr := csv.NewReader(&recordLimiter{r: r, max: maxRecordBytes})
	cr.FieldsPerRecord = -1
	return &csvTable{r: cr}
}

func (t *csvTable) next() (int, []string, error) {
	for {
		rec, err := t.r.Read()
		if err == io.EOF {
			return 0, nil, io.EOF
		}
		if err != nil {
			return 0, nil, t.readError(err)
		}
		// Spreadsheet rows, not text lines: a cell with line breaks is one
		// row, a blank line is one (empty) row; encoding/csv skips blank
		// lines, so they are counted from the gap in line numbers.
		start, _ := t.r.FieldPos(0)
		last, _ := t.r.FieldPos(len(rec) - 1)
		gap := max(0, start-t.end-1)
		if t.row == 0 {
			gap = start - 1
		}
		t.row += 1 + gap
		t.end = last + strings.Count(rec[len(rec)-1], "\n")
		if !blank(rec) {
			return t.row, rec, nil
		}
	}
}

func (t *csvTable) readError(err error) error {
	row := t.row + 1
	var pe *csv.ParseError
	switch {
	case errors.Is(err, errRecordTooLarge):
		return &fileError{row, talent.CodeTooLong, fmt.Sprintf("这一行超过%d MB，远大于任何正常的行，可能缺少引号或换行", maxRecordBytes>>20)}
	case errors.As(err, &pe) && (errors.Is(pe.Err, csv.ErrBareQuote) || errors.Is(pe.Err, csv.ErrQuote)):
		return &fileError{row, CodeBadFile, "双引号不成对：含逗号、引号或换行的单元格须整体用英文双引号括起，单元格内的双引号要写成两个"}
	case errors.As(err, &pe):
		return &fileError{row, CodeBadFile, "CSV格式错误：" + pe.Err.Error()}
	}
	return &fileError{row, CodeBadFile, "读取文件失败：" + err.Error()}
}

func (t *csvTable) formula(int, int) (string, bool) { return "", false }
func (t *csvTable) csv() bool                       { return true }

func blank(cells []string) bool {
	for _, c := range cells {
		if talent.Clean(c) != "" {
			return false
		}
	}
	return true
}

// ---- xlsx -------------------------------------------------------------------

// maxFormulas bounds the formula cells remembered from one sheet: enough to
// report them all in any sheet a person would fix by hand.
const maxFormulas = 1000

type xlsxTable struct {
	f        *excelize.File
	rows     *excelize.Rows
	row      int
	formulas map[[2]int]string // {row, col} → formula
	fRows    map[int]bool      // rows with a remembered formula
	nFormula int               // formula cells, including those not remembered
}

// openXLSX opens one sheet (the first when name is empty) of an xlsx file
// for streaming. Worksheets and shared strings bigger than 1 MB are
// unpacked to temporary files, not into memory.
func openXLSX(filename, sheetName string) (*xlsxTable, string, error) {
	f, err := excelize.OpenFile(filename, excelize.Options{
		RawCellValue:      true, // 1985, not "1,985" or a locale's date
		UnzipXMLSizeLimit: 1 << 20,
		UnzipSizeLimit:    2 << 30, // refuses zip bombs
	})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrWorkbookPassword) {
			return nil, "", &fileError{0, CodeBadFile, "文件已加密或是旧版.xls格式：请在Excel中另存为不带密码的.xlsx或CSV"}
		}
		return nil, "", &fileError{0, CodeBadFile, "不是有效的xlsx文件：" + err.Error()}
	}
	sheets := f.GetSheetList()
	if sheetName == "" && len(sheets) > 0 {
		sheetName = sheets[0]
	}
	found := false
	for _, s := range sheets {
		found = found || s == sheetName
	}
	if !found {
		f.Close()
		return nil, "", &fileError{0, CodeBadFile, fmt.Sprintf("工作表“%s”不存在，文件中的工作表有：%s", sheetName, strings.Join(sheets, "、"))}
	}
	t := &xlsxTable{f: f, formulas: map[[2]int]string{}, fRows: map[int]bool{}}
	if err := t.scanFormulas(filename, sheetName); err != nil {
		f.Close()
		return nil, "", err
	}
	if t.rows, err = f.Rows(sheetName); err != nil {
		f.Close()
		return nil, "", &fileError{0, CodeBadFile, "读取工作表失败：" + err.Error()}
	}
	return t, sheetName, nil
}

func (t *xlsxTable) next() (int, []string, error) {
	for t.rows.Next() {
		t.row++
		cells, err := t.rows.Columns()
		if err != nil {
			return 0, nil, &fileError{t.row, CodeBadFile, "读取xlsx失败：" + err.Error()}
		}
		if !blank(cells) || t.hasFormula(t.row) {
			return t.row, cells, nil
		}
	}
	if err := t.rows.Error(); err != nil {
		return 0, nil, &fileError{t.row + 1, CodeBadFile, "读取xlsx失败：" + err.Error()}
	}
	return 0, nil, io.EOF
}

// hasFormula reports a formula in row: a formula whose value is blank
// must still be reported.
func (t *xlsxTable) hasFormula(row int) bool { return t.fRows[row] }

func (t *xlsxTable) formula(row, col int) (string, bool) {
	f, ok := t.formulas[[2]int{row, col}]
	return f, ok
}

func (t *xlsxTable) csv() bool { return false }

func (t *xlsxTable) close() error {
	err := t.rows.Close()
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// scanFormulas finds the formula cells of a sheet. excelize's row iterator
// returns a formula's cached value without saying it is one, so the sheet's
// XML is streamed once more, looking only for <c><f>. Imports take values,
// not formulas: a formula's cached value may be stale or absent, and an
// expression such as =YEAR(TODAY())-30 means something else tomorrow.
func (t *xlsxTable) scanFormulas(filename, sheetName string) error {
	zr, err := zip.OpenReader(filename)
	if err != nil {
		return &fileError{0, CodeBadFile, "不是有效的xlsx文件：" + err.Error()}
	}
	defer zr.Close()
	part, err := sheetPart(&zr.Reader, sheetName)
	if err != nil {
		return &fileError{0, CodeBadFile, "xlsx结构损坏：" + err.Error()}
	}
	rc, err := part.Open()
	if err != nil {
		return &fileError{0, CodeBadFile, "xlsx结构损坏：" + err.Error()}
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	row, col := 0, 0 // of the <c> being read; r attributes are optional
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &fileError{0, CodeBadFile, "xlsx结构损坏：" + err.Error()}
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch el.Name.Local {
		case "row":
			row, col = row+1, 0
			if n, err := strconv.Atoi(attr(el, "r")); err == nil {
				row = n
			}
		case "c":
			col++
			if ref := attr(el, "r"); ref != "" {
				c, r, err := excelize.CellNameToCoordinates(ref)
				if err != nil {
					return &fileError{row, CodeBadFile, fmt.Sprintf("xlsx中单元格引用“%s”无效", ref)}
				}
				row, col = r, c
			}
		case "f":
			var text string
			if err := d.DecodeElement(&text, &el); err != nil {
				return &fileError{row, CodeBadFile, "xlsx结构损坏：" + err.Error()}
			}
			if t.nFormula++; len(t.formulas) < maxFormulas {
				if text == "" {
					text = "共享公式"
				} else {
					text = "=" + text
				}
				t.formulas[[2]int{row, col - 1}] = text
				t.fRows[row] = true
			}
		}
	}
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// sheetPart finds the zip entry of a sheet: workbook.xml names the sheet's
// relationship, workbook.xml.rels names its part.
func sheetPart(zr *zip.Reader, sheetName string) (*zip.File, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(zr, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := decodePart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	for _, s := range wb.Sheets {
		if s.Name != sheetName {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID != s.RID {
				continue
			}
			target := strings.TrimPrefix(r.Target, "/")
			if !strings.HasPrefix(r.Target, "/") {
				target = path.Join("xl", r.Target)
			}
			if f := zipEntry(zr, target); f != nil {
				return f, nil
			}
			return nil, fmt.Errorf("缺少工作表部件 %s", target)
		}
	}
	return nil, fmt.Errorf("找不到工作表“%s”的部件", sheetName)
}

func decodePart(zr *zip.Reader, name string, v any) error {
	f := zipEntry(zr, name)
	if f == nil {
		return fmt.Errorf("缺少 %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// zipEntry finds an entry by name; xlsx writers disagree on case.
func zipEntry(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}
