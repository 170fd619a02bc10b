package sheet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
)

// Codes of problems only a file can have; the others are talent's codes
// (INVALID, REQUIRED, TOO_LONG, DUPLICATE, UNKNOWN_TOWNSHIP, …).
const (
	CodeMissingColumn   talent.Code = "MISSING_COLUMN"   // a required column is not in the header
	CodeDuplicateColumn talent.Code = "DUPLICATE_COLUMN" // two header cells name the same column
	CodeFormula         talent.Code = "FORMULA"          // an xlsx cell holds a formula, not a value
	CodeEncoding        talent.Code = "ENCODING"         // not UTF-8 nor GB18030, or a cell with undecodable bytes
	CodeBadFile         talent.Code = "BAD_FILE"         // broken CSV quoting, a damaged or encrypted xlsx
)

// Problem is one problem with the file, reported by row and column.
type Problem struct {
	Row     int         `json:"row"`              // as a spreadsheet program numbers it; 0 for the whole file
	Column  string      `json:"column,omitempty"` // column key (e.g. "birth_year"); "" for the whole row
	Header  string      `json:"header,omitempty"` // the column's header as written in the file
	Code    talent.Code `json:"code"`             // stable English code
	Message string      `json:"message"`          // in Chinese, with row and column: 第12行，出生年份：…
}

// Options control an import.
type Options struct {
	DryRun  bool // check and count, write nothing
	Partial bool // write the valid rows even if others have problems
	Sheet   string
	// MaxProblems is how many problems Report.Problems keeps (default
	// 1000); OnProblem sees them all.
	MaxProblems int
	OnProblem   func(Problem)
	// Progress is called as the file is read: done and total are bytes for
	// CSV, rows for xlsx (total -1: unknown).
	Progress  func(done, total int64)
	BatchSize int
	// Authorize is passed to store.ImportOptions: who may write what.
	Authorize func(before *talent.Expert, ms []*talent.Membership, changed bool, newRegs []talent.Registry) error
}

// Report says what an import found and did.
type Report struct {
	Format    string // "csv" or "xlsx"
	Encoding  string // of a CSV file
	Sheet     string // of an xlsx file
	HeaderRow int    // 0 when no header was found
	Ignored   []string
	store.ImportResult
	DryRun       bool
	Problems     []Problem
	ProblemCount int

	maxProblems int
	onProblem   func(Problem)
}

// OK reports an import without problems.
func (rep *Report) OK() bool { return rep.ProblemCount == 0 }

// ImportFile imports a CSV or xlsx file, recognised by its content.
func ImportFile(ctx context.Context, st *store.Store, filename string, opt Options) (*Report, error) {
	f, err := os.Open(filename)
	if err != nil {
		return nil, fmt.Errorf("打开文件失败：%w", err)
	}
	defer f.Close()
	magic := make([]byte, 4)
	n, _ := io.ReadFull(f, magic)
	switch {
	case bytes.Equal(magic[:n], []byte("PK\x03\x04")):
		return importXLSX(ctx, st, filename, opt)
	case bytes.Equal(magic[:n], []byte("\xd0\xcf\x11\xe0")):
		rep := newReport("xlsx", opt)
		rep.add(Problem{Code: CodeBadFile, Message: "文件是旧版.xls格式或已加密：请在Excel中另存为不带密码的.xlsx或CSV"})
		return rep, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	var r io.Reader = f
	if opt.Progress != nil {
		if fi, err := f.Stat(); err == nil {
			r = &progressReader{r: f, total: fi.Size(), report: opt.Progress}
		}
	}
	return ImportCSV(ctx, st, r, opt)
}

// ImportCSV imports CSV text in UTF-8 (with or without BOM) or GB18030.
func ImportCSV(ctx context.Context, st *store.Store, r io.Reader, opt Options) (*Report, error) {
	rep := newReport("csv", opt)
	text, enc, err := decodeCSV(r)
	rep.Encoding = enc
	if errors.Is(err, errUnknownEncoding) {
		msg := "无法识别文件编码：既不是UTF-8，也不是GBK/GB18030中文文本。请在Excel中“另存为”，类型选“CSV UTF-8（逗号分隔）”"
		if enc != "" {
			msg = "文件是" + enc + "编码，不支持。请在Excel中“另存为”，类型选“CSV UTF-8（逗号分隔）”"
		}
		rep.add(Problem{Code: CodeEncoding, Message: msg})
		return rep, nil
	}
	if err != nil {
		return nil, fmt.Errorf("读取文件失败：%w", err)
	}
	return rep.run(ctx, st, newCSVTable(text), opt)
}

func importXLSX(ctx context.Context, st *store.Store, filename string, opt Options) (*Report, error) {
	rep := newReport("xlsx", opt)
	t, sheet, err := openXLSX(filename, opt.Sheet)
	var fe *fileError
	if errors.As(err, &fe) {
		rep.add(Problem{Row: fe.row, Code: fe.code, Message: fe.msg})
		return rep, nil
	}
	if err != nil {
		return nil, err
	}
	defer t.close()
	rep.Sheet = sheet
	if t.nFormula > len(t.formulas) {
		rep.add(Problem{Code: CodeFormula, Message: fmt.Sprintf("工作表中有%d个公式单元格，下面只列出前%d个。导入只接受数值：请全选后复制，再“选择性粘贴→数值”", t.nFormula, len(t.formulas))})
		// Formulas past the first maxFormulas are not flagged row by row:
		// check the rows, but write nothing even with Partial.
		opt.DryRun = true
	}
	var src table = t
	if opt.Progress != nil {
		src = &rowProgress{table: t, report: opt.Progress}
	}
	return rep.run(ctx, st, src, opt)
}

func newReport(format string, opt Options) *Report {
	if opt.MaxProblems <= 0 {
		opt.MaxProblems = 1000
	}
	return &Report{Format: format, DryRun: opt.DryRun, Problems: make([]Problem, 0, min(opt.MaxProblems, 64)), maxProblems: opt.MaxProblems, onProblem: opt.OnProblem}
}

// add records a problem: kept if there is room, always counted and passed on.
func (rep *Report) add(p Problem) {
	if p.Message == "" {
		p.Message = string(p.Code)
	}
	if p.Row > 0 {
		if p.Header != "" {
			p.Message = fmt.Sprintf("第%d行，%s：%s", p.Row, p.Header, p.Message)
		} else {
			p.Message = fmt.Sprintf("第%d行：%s", p.Row, p.Message)
		}
	}
	rep.ProblemCount++
	if len(rep.Problems) < rep.maxProblems {
		rep.Problems = append(rep.Problems, p)
	}
	if rep.onProblem != nil {
		rep.onProblem(p)
	}
}

// run reads the header, then streams the rows into the store.
func (rep *Report) run(ctx context.Context, st *store.Store, t table, opt Options) (*Report, error) {
	h, err := readHeader(t)
	var fe *fileError
	if errors.As(err, &fe) {
		rep.add(Problem{Row: fe.row, Code: fe.code, Message: fe.msg})
		return rep, nil
	}
	if err != nil {
		return nil, err
	}
	rep.HeaderRow, rep.Ignored = h.row, h.ignored
	if len(h.problems) > 0 {
		for _, p := range h.problems {
			rep.add(p)
		}
		return rep, nil
	}
	res, err := st.ImportExperts(ctx, h.records(t), store.ImportOptions{
		DryRun: opt.DryRun, Partial: opt.Partial, BatchSize: opt.BatchSize, Authorize: opt.Authorize,
		OnProblem: func(p store.ImportProblem) { rep.add(h.problem(p)) },
	})
	rep.ImportResult = res
	if errors.As(err, &fe) {
		rep.add(Problem{Row: fe.row, Code: fe.code, Message: fe.msg})
		rep.Written = false
		return rep, nil
	}
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// header is the column layout of a file.
type header struct {
	row      int
	cols     []*Column // per cell position; nil for an ignored cell
	names    []string  // the header text per cell position
	ignored  []string
	problems []Problem
}

// headerSearchRows is how far down the header may be: bureaus' templates
// often put a title row ("浮梁县科技特派员名册") above it.
const headerSearchRows = 10

// readHeader finds the header: the first row naming at least two known
// columns, within the first few rows; rows above it are titles and
// ignored. It reports missing required columns and columns given twice.
func readHeader(t table) (*header, error) {
	var first []string
	firstRow := 0
	for i := 0; i < headerSearchRows; i++ {
		row, cells, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if first == nil {
			first, firstRow = cells, row
		}
		known := 0
		for _, c := range cells {
			if _, ok := lookupHeader(c); ok {
				known++
			}
		}
		if known >= 2 {
			return newHeader(row, cells), nil
		}
	}
	if first == nil {
		return &header{problems: []Problem{{Row: 1, Code: CodeMissingColumn, Message: "文件是空的：没有表头，也没有数据"}}}, nil
	}
	return newHeader(firstRow, first), nil
}

func newHeader(row int, cells []string) *header {
	h := &header{row: row, cols: make([]*Column, len(cells)), names: make([]string, len(cells))}
	seen := map[*Column]string{}
	for i, cell := range cells {
		name := talent.Clean(strings.TrimPrefix(cell, "\ufeff"))
		h.names[i] = name
		c, ok := lookupHeader(name)
		switch {
		case name == "":
		case !ok:
			h.ignored = append(h.ignored, name)
		case seen[c] != "":
			h.problems = append(h.problems, Problem{Row: row, Column: c.Key, Header: name, Code: CodeDuplicateColumn,
				Message: fmt.Sprintf("“%s”与“%s”是同一列（%s），只能出现一次", name, seen[c], c.Key)})
		default:
			seen[c] = name
			h.cols[i] = c
		}
	}
	for _, c := range Columns {
		if c.Required && seen[c] == "" {
			h.problems = append(h.problems, Problem{Row: row, Column: c.Key, Header: c.Header, Code: CodeMissingColumn,
				Message: fmt.Sprintf("缺少必需的列“%s”（%s）", c.Header, c.Key)})
		}
	}
	return h
}

// records turns the rows after the header into import records.
func (h *header) records(t table) iter.Seq2[*store.ImportRecord, error] {
	return func(yield func(*store.ImportRecord, error) bool) {
		for {
			row, cells, err := t.next()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(h.record(t, row, cells), nil) {
				return
			}
		}
	}
}

// record reads one row. Cells that do not parse become problems of the
// record; the columns they belong to are left out of Set.
func (h *header) record(t table, row int, cells []string) *store.ImportRecord {
	rec := &store.ImportRecord{Row: row}
	var rv rowValues
	for i, c := range h.cols {
		if c == nil {
			continue
		}
		var v string
		if i < len(cells) {
			v = cells[i]
		}
		if f, ok := t.formula(row, i); ok {
			rec.Problems.Add(CodeFormula, c.Field, "单元格是公式（%s），只能导入数值：请复制后“选择性粘贴→数值”", f)
			continue
		}
		if err := checkCell(c, v); err != nil {
			rec.Problems = append(rec.Problems, err)
			continue
		}
		v = talent.Clean(v)
		if t.csv() {
			v = unescapeCSV(v)
		}
		if err := codecs[c.Key].parse(v, &rv); err != nil {
			rec.Problems = append(rec.Problems, err)
		}
	}
	rec.ExternalID, rec.Registries = rv.ext, rv.registries
	sets := rv.sets
	rec.Set = func(e *talent.Expert) {
		for _, set := range sets {
			set(e)
		}
	}
	return rec
}

// checkCell rejects a cell too long to be real, and one whose bytes did not
// decode: never store mojibake.
func checkCell(c *Column, v string) *talent.Error {
	if n := utf8.RuneCountInString(v); n > MaxCellChars {
		return talent.Errorf(talent.CodeTooLong, c.Field, "单元格有%d个字，超过上限%d个字", n, MaxCellChars)
	}
	if !utf8.ValidString(v) || strings.ContainsRune(v, utf8.RuneError) {
		return talent.Errorf(CodeEncoding, c.Field, "含有无法识别的字符（乱码）：请确认文件是UTF-8或GBK编码，并在Excel中另存为“CSV UTF-8（逗号分隔）”")
	}
	return nil
}

// problem places a store problem in the column of its field.
func (h *header) problem(p store.ImportProblem) Problem {
	out := Problem{Row: p.Row, Code: p.Code, Message: p.Message}
	top, _, _ := strings.Cut(p.Field, ".")
	if c, ok := byField[top]; ok {
		out.Column, out.Header = c.Key, c.Header
		for i, hc := range h.cols {
			if hc == c {
				out.Header = h.names[i]
			}
		}
	}
	return out
}

// progressReader reports the bytes read from a file.
type progressReader struct {
	r      io.Reader
	done   int64
	total  int64
	report func(done, total int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.done += int64(n)
	p.report(p.done, p.total)
	return n, err
}

// rowProgress reports the rows read from an xlsx sheet.
type rowProgress struct {
	table
	report func(done, total int64)
}

func (p *rowProgress) next() (int, []string, error) {
	row, cells, err := p.table.next()
	if err == nil {
		p.report(int64(row), -1)
	}
	return row, cells, err
}
