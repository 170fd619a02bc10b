package graph

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/fuliang/talent/internal/sheet"
	"github.com/fuliang/talent/internal/talent"
	"github.com/graphql-go/graphql"
)

func init() { parts = append(parts, importPart) }

// maxImportCSV caps pasted CSV, and an uploaded xlsx file once decoded. A
// request is read whole and imported within the request timeout; 1 MB is a
// few thousand rows, more than an officer pastes, and bigger rosters go
// through `talentctl import experts`, which streams.
const maxImportCSV = 1 << 20

// maxImportProblems is how many problems a payload lists; problemCount
// says how many there were.
const maxImportProblems = 500

var importProblemType = graphql.NewObject(graphql.ObjectConfig{
	Name:        "ImportProblem",
	Description: "导入数据中的一处问题。",
	Fields: graphql.Fields{
		"row":     get(nonNullInt, "行号，与表格软件中一致（表头是第1行）；0 表示整个文件。", func(p sheet.Problem) any { return p.Row }),
		"column":  get(graphql.String, "列的英文名，如 birth_year；整行或整个文件的问题为空。", func(p sheet.Problem) any { return nilIfEmpty(p.Column) }),
		"header":  get(graphql.String, "该列在文件中的表头，如“出生年份”。", func(p sheet.Problem) any { return nilIfEmpty(p.Header) }),
		"code":    get(nonNullString, "稳定的英文错误码，如 INVALID、DUPLICATE、UNKNOWN_TOWNSHIP、MISSING_COLUMN、ENCODING。", func(p sheet.Problem) any { return string(p.Code) }),
		"message": get(nonNullString, "中文说明，含行号和列名。", func(p sheet.Problem) any { return p.Message }),
	},
})

// importPart adds the importExperts mutation: officers paste CSV in the
// bureau's template (see internal/sheet) instead of running the CLI.
func importPart(r *Resolver, _ *Types) (graphql.Fields, graphql.Fields) {
	payloadType := graphql.NewObject(graphql.ObjectConfig{
		Name:        "ImportExpertsPayload",
		Description: "导入结果：各类行数、逐行问题和输入错误。未写入时各计数表示若导入将会如何。",
		Fields: graphql.Fields{
			"rows":           mapGet(nonNullInt, "读到的数据行数（不含表头和空行）。", "rows"),
			"inserted":       mapGet(nonNullInt, "新增的专家。", "inserted"),
			"updated":        mapGet(nonNullInt, "资料有变化或新加入人才库的专家。", "updated"),
			"unchanged":      mapGet(nonNullInt, "与库中一致、未写入任何内容的专家。", "unchanged"),
			"invalid":        mapGet(nonNullInt, "有问题、未导入的行。", "invalid"),
			"memberships":    mapGet(nonNullInt, "新加入人才库的人次（状态为已入库）。", "memberships"),
			"written":        mapGet(nonNullBool, "是否已写入数据库。", "written"),
			"dryRun":         mapGet(nonNullBool, "是否为试运行。", "dryRun"),
			"problems":       mapGet(listOf(importProblemType), fmt.Sprintf("逐行问题（最多列出%d处）。", maxImportProblems), "problems"),
			"problemCount":   mapGet(nonNullInt, "问题总数。", "problemCount"),
			"ignoredColumns": mapGet(nonNullStrList, "不认识、已忽略的列。", "ignoredColumns"),
			"sheet":          mapGet(graphql.String, "读取的工作表（xlsx）；CSV 为空。", "sheet"),
			"userErrors":     mapGet(listOf(userErrorType), "输入错误；有问题时含一条总述。全部成功时为空列表。", "userErrors"),
		},
	})
	in := inputObject("ImportExpertsInput", "", graphql.InputObjectConfigFieldMap{
		"csv":     {Type: graphql.String, Description: "CSV 文本（首行为表头，列与 talentctl import experts 相同），不超过 1 MB。与 xlsx 二选一。"},
		"xlsx":    {Type: graphql.String, Description: "xlsx 文件的内容（Base64），读第一个工作表，列同 CSV；解码后不超过 1 MB。与 csv 二选一。"},
		"dryRun":  {Type: graphql.Boolean, Description: "只检查和统计，不写入。"},
		"partial": {Type: graphql.Boolean, Description: "跳过有问题的行，其余照常写入；默认任何一行有问题就什么都不写。"},
	})
	return nil, graphql.Fields{
		"importExperts": mutation("导入专家名册（粘贴的 CSV 或上传的 xlsx）：按外部编号新增或更新，新列出的人才库直接设为已入库；逐行报告问题。",
			in, payloadType, func(ctx context.Context, in input) (any, error) {
				return r.importExperts(ctx, in.str("csv"), in.str("xlsx"), in.boolean("dryRun"), in.boolean("partial"))
			}),
	}
}

func (r *Resolver) importExperts(ctx context.Context, csv, xlsx string, dryRun, partial bool) (any, error) {
	out := map[string]any{
		"rows": 0, "inserted": 0, "updated": 0, "unchanged": 0, "invalid": 0, "memberships": 0,
		"written": false, "dryRun": dryRun, "problems": []sheet.Problem{}, "problemCount": 0,
		"ignoredColumns": []string{}, "sheet": nil, "userErrors": []userError{},
	}
	field := "csv"
	if xlsx != "" {
		field = "xlsx"
	}
	reject := func(code talent.Code, format string, args ...any) (any, error) {
		out["userErrors"] = []userError{{Field: field, Code: string(code), Message: fmt.Sprintf(format, args...)}}
		return out, nil
	}
	opt := sheet.Options{DryRun: dryRun, Partial: partial,
		MaxProblems: maxImportProblems, Authorize: officerImportRules(talent.PrincipalFrom(ctx))}
	var rep *sheet.Report
	var err error
	switch {
	case xlsx != "" && csv != "":
		return reject(talent.CodeInvalid, "csv 和 xlsx 只能给出一个")
	case xlsx != "":
		b64 := strings.Join(strings.Fields(xlsx), "") // line-wrapped Base64 is fine
		if len(b64) > base64.StdEncoding.EncodedLen(maxImportCSV) {
			return reject(talent.CodeTooLong, "xlsx文件超过上限1 MB；更大的名册请用 talentctl import experts 导入")
		}
		var data []byte
		if data, err = base64.StdEncoding.DecodeString(b64); err != nil {
			return reject(talent.CodeInvalid, "xlsx内容不是有效的Base64编码")
		}
		switch {
		case len(data) > maxImportCSV:
			return reject(talent.CodeTooLong, "xlsx文件有%.1f MB，超过上限1 MB；更大的名册请用 talentctl import experts 导入", float64(len(data))/(1<<20))
		case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
			return reject(talent.CodeInvalid, "文件是旧版.xls格式或已加密：请在Excel中另存为不带密码的.xlsx或CSV")
		case !bytes.HasPrefix(data, []byte("PK\x03\x04")):
			return reject(talent.CodeInvalid, "不是xlsx文件；CSV请放在 csv 中")
		}
		rep, err = r.importXLSX(ctx, data, opt)
	case len(csv) > maxImportCSV:
		return reject(talent.CodeTooLong, "粘贴的CSV有%.1f MB，超过上限1 MB；更大的名册请用 talentctl import experts 导入", float64(len(csv))/(1<<20))
	case strings.TrimSpace(csv) == "":
		return reject(talent.CodeRequired, "请粘贴CSV内容（首行为表头），或上传xlsx文件")
	default:
		rep, err = sheet.ImportCSV(ctx, r.Store, strings.NewReader(csv), opt)
	}
	if err != nil {
		return nil, fieldError(ctx, err)
	}
	if rep.Sheet != "" {
		out["sheet"] = rep.Sheet
	}
	out["rows"], out["inserted"], out["updated"], out["unchanged"] = rep.Rows, rep.Inserted, rep.Updated, rep.Unchanged
	out["invalid"], out["memberships"], out["written"] = rep.Invalid, rep.Memberships, rep.Written
	out["problems"], out["problemCount"] = rep.Problems, rep.ProblemCount
	if rep.Ignored != nil {
		out["ignoredColumns"] = rep.Ignored
	}
	switch {
	case rep.OK():
		return out, nil
	case rep.Written:
		return reject(talent.CodeInvalid, "%d行有问题，已跳过；其余各行已导入（共%d处问题，见 problems）", rep.Invalid, rep.ProblemCount)
	}
	return reject(talent.CodeInvalid, "共%d处问题，没有导入任何数据（见 problems）", rep.ProblemCount)
}

// importXLSX imports an uploaded xlsx file. The sheet reader works on a
// file (excelize and the formula scan both need random access), so the
// bytes go to a temporary file for the length of the import.
func (r *Resolver) importXLSX(ctx context.Context, data []byte, opt sheet.Options) (*sheet.Report, error) {
	f, err := os.CreateTemp("", "talent-import-*.xlsx")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	return sheet.ImportFile(ctx, r.Store, f.Name(), opt)
}

// officerImportRules holds a registry officer to the rules of updateExpert
// and admitToRegistry, row by row: an officer changes only experts of the
// registries they keep (or on none yet) and adds people only to those
// registries. Other callers are not restricted here: the operation's own
// authorization rule decides whether they may import at all.
func officerImportRules(p talent.Principal) func(*talent.Expert, []*talent.Membership, bool, []talent.Registry) error {
	if !p.Is(talent.RoleOfficer) {
		return nil
	}
	return func(before *talent.Expert, ms []*talent.Membership, changed bool, newRegs []talent.Registry) error {
		var errs talent.Errors
		kept := slices.ContainsFunc(ms, func(m *talent.Membership) bool { return p.Keeps(m.Registry) })
		if before != nil && changed && len(ms) > 0 && !kept {
			errs.Add(talent.CodeForbidden, "", "无权修改专家“%s”：不在本人所管人才库中", before.Name)
		}
		for _, reg := range newRegs {
			if !p.Keeps(reg) {
				errs.Add(talent.CodeForbidden, "registry", "无权把专家加入%s（不在本人管理范围内）", talent.Label(talent.Registries, string(reg)))
			}
		}
		return errs.Err()
	}
}
