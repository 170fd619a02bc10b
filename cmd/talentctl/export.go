package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/fuliang/talent/internal/sheet"
	"github.com/fuliang/talent/internal/store"
)

func init() {
	var format, out string
	register(&command{
		name: "export experts", summary: "把在库专家导出为CSV或xlsx名册（与导入模板同列，可原样再导入）",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&format, "format", "", "csv 或 xlsx（默认按 --out 的扩展名，否则 csv）")
			fs.StringVar(&out, "out", "", "输出文件（默认标准输出）")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("多余的参数：%s（输出文件请用 --out 指定）", strings.Join(args, " "))
			}
			if format == "" {
				format = sheet.FormatCSV
				if strings.EqualFold(filepath.Ext(out), ".xlsx") {
					format = sheet.FormatXLSX
				}
			}
			if format == sheet.FormatXLSX && out == "" && isTerminal(e.stdout) {
				return errors.New("xlsx 是二进制格式，不能输出到终端：请用 --out 名册.xlsx 指定文件")
			}
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if out == "" {
				res, err := sheet.Export(ctx, st, e.stdout, format)
				if err != nil {
					return err
				}
				printExport(e.stderr, res, "标准输出")
				return nil
			}
			res, err := exportToFile(ctx, st, out, format)
			if err != nil {
				return err
			}
			printExport(e.stderr, res, out)
			return nil
		},
	})
}

// exportToFile writes to a temporary file next to path and renames it into
// place, so that a failed export never leaves a truncated roster behind.
func exportToFile(ctx context.Context, st *store.Store, path, format string) (sheet.ExportResult, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return sheet.ExportResult{}, fmt.Errorf("无法创建输出文件：%w", err)
	}
	defer os.Remove(tmp.Name())
	res, err := sheet.Export(ctx, st, tmp, format)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return res, err
	}
	return res, os.Rename(tmp.Name(), path)
}

func printExport(w io.Writer, res sheet.ExportResult, dest string) {
	fmt.Fprintf(w, "已导出 %d 位专家到%s\n", res.Experts, dest)
	if res.WithoutExternalID > 0 {
		fmt.Fprintf(w, "注意：其中 %d 位没有外部编号，这些行重新导入前须先填写外部编号\n", res.WithoutExternalID)
	}
}
