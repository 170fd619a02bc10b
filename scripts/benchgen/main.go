// Command benchgen writes a synthetic roster in the bureau's template for
// scripts/bench-import.sh: go run ./scripts/benchgen -rows 100000 -out roster.csv
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/fuliang/talent/internal/sheet/sheettest"
)

func main() {
	rows := flag.Int("rows", 100000, "number of data rows")
	out := flag.String("out", "roster.csv", "output file: .csv or .xlsx")
	flag.Parse()
	if err := write(*out, *rows); err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
}

func write(path string, rows int) error {
	if strings.HasSuffix(path, ".xlsx") {
		return sheettest.WriteXLSX(path, rows)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := sheettest.WriteCSV(w, rows); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
