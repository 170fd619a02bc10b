package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"github.com/fuliang/talent/internal/sheet"
	"github.com/fuliang/talent/internal/talent"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// problemsShown is how many problems import prints; --report has them all.
const problemsShown = 30

func init() {
	var (
		dryRun, partial, progress bool
		report, sheetName         string
	)
	register(&command{
		name: "import experts", usage: "FILE",
		summary: "从CSV或xlsx名册导入专家：按外部编号新增或更新，默认全部成功才写入",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&dryRun, "dry-run", false, "只检查并统计将新增、更新、不变的行数，不写入")
			fs.BoolVar(&partial, "partial", false, "有问题的行跳过，其余照常写入（默认：任何一行有问题就什么都不写）")
			fs.StringVar(&report, "report", "", "把全部问题写入文件（.csv 或 .json），供核对或程序处理")
			fs.StringVar(&sheetName, "sheet", "", "xlsx 的工作表名（默认第一张）")
			fs.BoolVar(&progress, "progress", false, "显示进度条（标准错误输出是终端时默认显示）")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) != 1 {
				return errors.New("请给出一个要导入的文件，例如：talentctl import experts 名册.xlsx（CSV 可用 - 表示标准输入）")
			}
			st, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			ctx = talent.WithActor(ctx, talent.Actor{Name: actorName()})

			opt := sheet.Options{DryRun: dryRun, Partial: partial, Sheet: sheetName, MaxProblems: problemsShown}
			var pw *sheet.ProblemWriter
			var reportErr error
			if report != "" {
				format := strings.ToLower(strings.TrimPrefix(filepath.Ext(report), "."))
				if format != "csv" && format != "json" {
					return fmt.Errorf("--report 的文件须以 .csv 或 .json 结尾，不能是“%s”", report)
				}
				f, err := os.Create(report)
				if err != nil {
					return fmt.Errorf("无法创建问题报告：%w", err)
				}
				defer f.Close()
				if pw, err = sheet.NewProblemWriter(f, format); err != nil {
					return err
				}
				opt.OnProblem = func(p sheet.Problem) {
					if err := pw.Write(p); err != nil && reportErr == nil {
						reportErr = err
					}
				}
			}
			var bar *progressBar
			if progress || isTerminal(e.stderr) {
				bar = newProgress(e.stderr)
				opt.Progress = bar.update
			}

			var rep *sheet.Report
			if args[0] == "-" {
				rep, err = sheet.ImportCSV(ctx, st, e.stdin, opt)
			} else {
				rep, err = sheet.ImportFile(ctx, st, args[0], opt)
			}
			bar.finish()
			if err != nil {
				return err
			}
			if pw != nil {
				if err := errors.Join(reportErr, pw.Close(rep)); err != nil {
					return fmt.Errorf("写问题报告失败：%w", err)
				}
			}
			printReport(e.stdout, e.stderr, rep, report)
			return outcome(rep)
		},
	})
}

// actorName is who the audit log records for a CLI import.
func actorName() string {
	if u, err := user.Current(); err == nil {
		return "talentctl:" + u.Username
	}
	return "talentctl"
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress draws a bar once the first report says what is counted: bytes
// of a CSV file (total known) or rows of an xlsx sheet (total unknown).
type progressBar struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newProgress(w io.Writer) *progressBar { return &progressBar{w: w} }

func (p *progressBar) update(done, total int64) {
	if p.bar == nil {
		opts := []progressbar.Option{
			progressbar.OptionSetWriter(p.w), progressbar.OptionSetDescription("导入"),
			progressbar.OptionThrottle(100 * time.Millisecond), progressbar.OptionClearOnFinish(),
		}
		if total >= 0 {
			opts = append(opts, progressbar.OptionShowBytes(true))
		} else {
			opts = append(opts, progressbar.OptionShowCount(), progressbar.OptionSetItsString("行"), progressbar.OptionShowIts())
		}
		p.bar = progressbar.NewOptions64(total, opts...)
	}
	_ = p.bar.Set64(done)
}

func (p *progressBar) finish() {
	if p != nil && p.bar != nil {
		_ = p.bar.Finish()
	}
}

func printReport(out, errOut io.Writer, rep *sheet.Report, reportFile string) {
	switch rep.Format {
	case "xlsx":
		fmt.Fprintf(out, "文件格式：xlsx，工作表“%s”", rep.Sheet)
	default:
		fmt.Fprintf(out, "文件格式：CSV，编码 %s", rep.Encoding)
	}
	if rep.HeaderRow > 1 {
		fmt.Fprintf(out, "，表头在第%d行", rep.HeaderRow)
	}
	fmt.Fprintln(out)
	if len(rep.Ignored) > 0 {
		fmt.Fprintf(out, "已忽略不认识的列：%s\n", strings.Join(rep.Ignored, "、"))
	}
	fmt.Fprintf(out, "共 %d 行：新增 %d，更新 %d，不变 %d，有问题 %d；新加入人才库 %d 人次\n",
		rep.Rows, rep.Inserted, rep.Updated, rep.Unchanged, rep.Invalid, rep.Memberships)
	for _, p := range rep.Problems {
		fmt.Fprintln(errOut, p.Message)
	}
	if rep.ProblemCount > len(rep.Problems) {
		more := "用 --report 问题.csv 保存完整列表"
		if reportFile != "" {
			more = "完整列表见 " + reportFile
		}
		fmt.Fprintf(errOut, "……共 %d 处问题，只列出前 %d 处；%s\n", rep.ProblemCount, len(rep.Problems), more)
	}
	switch {
	case rep.DryRun:
		fmt.Fprintln(out, "试运行：没有写入任何数据")
	case rep.Written:
		fmt.Fprintln(out, "已写入数据库")
	default:
		fmt.Fprintln(out, "没有写入任何数据")
	}
}

// outcome makes problems an error, so that scripts see a non-zero exit
// status even when --partial wrote the good rows.
func outcome(rep *sheet.Report) error {
	switch {
	case rep.OK():
		return nil
	case rep.Written:
		return fmt.Errorf("部分导入：%d 行有问题，已跳过（共 %d 处问题）", rep.Invalid, rep.ProblemCount)
	case rep.DryRun:
		return fmt.Errorf("检查未通过：共 %d 处问题", rep.ProblemCount)
	}
	return fmt.Errorf("导入未执行：共 %d 处问题，没有写入任何数据；改正后重新导入，或用 --partial 只导入没有问题的行", rep.ProblemCount)
}
