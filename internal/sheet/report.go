package sheet

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ProblemWriter streams the problems of an import to a report file, so that
// a report of any length never sits in memory: CSV (UTF-8 with BOM, for
// Excel) or JSON ({"problems": [...], "summary": {...}}).
type ProblemWriter struct {
	w     io.Writer
	csv   *csv.Writer
	json  bool
	count int
}

// NewProblemWriter starts a report in format "csv" or "json".
func NewProblemWriter(w io.Writer, format string) (*ProblemWriter, error) {
	switch strings.ToLower(format) {
	case "csv":
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return nil, err
		}
		pw := &ProblemWriter{w: w, csv: csv.NewWriter(w)}
		return pw, pw.csv.Write([]string{"row", "column", "header", "code", "message"})
	case "json":
		_, err := io.WriteString(w, `{"problems": [`)
		return &ProblemWriter{w: w, json: true}, err
	}
	return nil, fmt.Errorf("问题报告只支持 .csv 或 .json 格式，不支持“%s”", format)
}

// Write adds one problem.
func (pw *ProblemWriter) Write(p Problem) error {
	pw.count++
	if pw.csv != nil {
		return pw.csv.Write([]string{strconv.Itoa(p.Row), p.Column, p.Header, string(p.Code), p.Message})
	}
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	sep := ",\n  "
	if pw.count == 1 {
		sep = "\n  "
	}
	_, err = io.WriteString(pw.w, sep+string(b))
	return err
}

// Close ends the report; a JSON report gets the import's counts.
func (pw *ProblemWriter) Close(rep *Report) error {
	if pw.csv != nil {
		pw.csv.Flush()
		return pw.csv.Error()
	}
	summary := map[string]any{
		"rows": rep.Rows, "inserted": rep.Inserted, "updated": rep.Updated, "unchanged": rep.Unchanged,
		"invalid": rep.Invalid, "memberships": rep.Memberships, "written": rep.Written, "dryRun": rep.DryRun,
		"problemCount": rep.ProblemCount, "ignoredColumns": append([]string{}, rep.Ignored...),
	}
	b, err := json.Marshal(summary)
	if err != nil {
		return err
	}
	_, err = io.WriteString(pw.w, "\n], \"summary\": "+string(b)+"}\n")
	return err
}
