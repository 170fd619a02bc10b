package sheet

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/xuri/excelize/v2"
)

// Export formats.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
)

// exportPage is how many experts one store query returns.
const exportPage = 500

// ExportResult counts what an export wrote.
type ExportResult struct {
	Experts int
	// WithoutExternalID counts experts with no external ID: their rows
	// cannot be imported back until one is filled in.
	WithoutExternalID int
}

// Export writes every expert that is not archived, in the template's
// columns with Chinese headers, ordered by ID. It pages through the store,
// so memory does not grow with the roster. The registries column lists the
// registries the expert has not exited. Contact data (phone, e-mail) is not
// exported: under PIPL it is shown only to those entitled, and a roster
// file travels further than that. Import leaves it alone in turn.
//
// CSV is UTF-8 with a BOM and CRLF line ends, as Excel expects; xlsx is
// written through excelize's stream writer, which spills to a temporary
// file beyond 16 MB.
func Export(ctx context.Context, st *store.Store, w io.Writer, format string) (ExportResult, error) {
	var out rowWriter
	switch format {
	case FormatCSV:
		// Excel reads a CSV file as UTF-8 only when it starts with a BOM.
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return ExportResult{}, err
		}
		out = newCSVWriter(w)
	case FormatXLSX:
		x, err := newXLSXWriter(w)
		if err != nil {
			return ExportResult{}, err
		}
		defer x.f.Close()
		out = x
	default:
		return ExportResult{}, fmt.Errorf("不支持的导出格式“%s”，可选：csv、xlsx", format)
	}
	header := make([]any, len(Columns))
	for i, c := range Columns {
		header[i] = c.Header
	}
	if err := out.row(header); err != nil {
		return ExportResult{}, err
	}
	var res ExportResult
	var after int64
	for {
		page, err := st.FindExperts(ctx, store.ExpertFilter{}, after, exportPage)
		if err != nil {
			return res, err
		}
		if len(page) == 0 {
			break
		}
		ids := make([]int64, len(page))
		for i, e := range page {
			ids[i] = e.ID
		}
		ms, err := st.MembershipsByExperts(ctx, ids)
		if err != nil {
			return res, err
		}
		for _, e := range page {
			cells, err := exportRow(e, currentRegistries(ms[e.ID]), out.numbers())
			if err != nil {
				return res, err
			}
			if err := out.row(cells); err != nil {
				return res, err
			}
			res.Experts++
			if e.ExternalID == "" {
				res.WithoutExternalID++
			}
		}
		after = page[len(page)-1].ID
	}
	return res, out.close()
}

// currentRegistries are the registries of the memberships not exited, in
// the registries' fixed order.
func currentRegistries(ms []*talent.Membership) []talent.Registry {
	var out []talent.Registry
	for _, r := range talent.Registries {
		if slices.ContainsFunc(ms, func(m *talent.Membership) bool {
			return string(m.Registry) == r.Name && m.Status != talent.StatusExited
		}) {
			out = append(out, talent.Registry(r.Name))
		}
	}
	return out
}

// exportRow formats one expert. With numbers, numeric columns are ints (or
// nil when blank) so that a spreadsheet stores them as numbers.
func exportRow(e *talent.Expert, regs []talent.Registry, numbers bool) ([]any, error) {
	cells := make([]any, len(Columns))
	for i, c := range Columns {
		v := codecs[c.Key].format(e, regs)
		if n := utf8.RuneCountInString(v); n > MaxCellChars {
			return nil, fmt.Errorf("专家“%s”（编号%d）的%s有%d个字，超过表格单元格上限%d个字，无法导出", e.Name, e.ID, c.Header, n, MaxCellChars)
		}
		cells[i] = v
		if numbers && c.numeric {
			cells[i] = nil
			if n, err := strconv.Atoi(v); err == nil {
				cells[i] = n
			}
		}
	}
	return cells, nil
}

type rowWriter interface {
	row(cells []any) error
	numbers() bool
	close() error
}

type csvWriter struct {
	w      *csv.Writer
	record []string
}

func newCSVWriter(w io.Writer) *csvWriter {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &csvWriter{w: cw, record: make([]string, len(Columns))}
}

func (c *csvWriter) row(cells []any) error {
	for i, v := range cells {
		c.record[i] = escapeCSV(v.(string))
	}
	return c.w.Write(c.record)
}

func (c *csvWriter) numbers() bool { return false }

func (c *csvWriter) close() error {
	c.w.Flush()
	return c.w.Error()
}

type xlsxWriter struct {
	f  *excelize.File
	sw *excelize.StreamWriter
	w  io.Writer
	n  int // rows written
}

// exportSheet is the name of the exported worksheet.
const exportSheet = "专家名册"

func newXLSXWriter(w io.Writer) (*xlsxWriter, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", exportSheet); err != nil {
		f.Close()
		return nil, err
	}
	sw, err := f.NewStreamWriter(exportSheet)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &xlsxWriter{f: f, sw: sw, w: w}, nil
}

func (x *xlsxWriter) row(cells []any) error {
	x.n++
	cell, err := excelize.CoordinatesToCellName(1, x.n)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, cells)
}

func (x *xlsxWriter) numbers() bool { return true }

func (x *xlsxWriter) close() error {
	if err := x.sw.Flush(); err != nil {
		return err
	}
	_, err := x.f.WriteTo(x.w)
	return err
}
