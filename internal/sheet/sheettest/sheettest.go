// Package sheettest makes synthetic rosters in the bureau's template, for
// tests and the import benchmark. Row i is always the same, and every row is
// valid under the default rules (youth talents born 1990 or later,
// emergency experts with a category), so a test can count on a clean import.
package sheettest

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/fuliang/talent/internal/sheet"
	"github.com/fuliang/talent/internal/talent"
	"github.com/xuri/excelize/v2"
)

var (
	surnames = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "朱", "胡", "郭", "何", "程", "汪", "余", "洪", "方", "詹", "江", "查", "欧阳", "诸葛"}
	given    = []string{"伟", "芳", "茶", "青", "明", "华", "建", "国", "瓷", "秀", "兰", "峰", "涛", "婷", "军", "强", "丽", "敏", "瑶", "浮", "梁", "磊", "静", "斌", "霞", "鑫", "喆", "堃"}
	titles   = []string{"高级农艺师", "农艺师", "主任医师", "副主任医师", "高级工程师", "工程师", "中学高级教师", "小学高级教师", "研究员", "副教授", "高级兽医师", "工艺美术师"}
	orgs     = []string{"浮梁县农业农村局", "浮梁县人民医院", "浮梁县第一中学", "景德镇陶瓷大学", "浮梁县应急管理局", "浮梁县气象局",
		"浮梁县茶叶科学研究所", "浮梁县疾病预防控制中心", "浮梁县林业局", "浮梁县中医院", "江西省陶瓷研究所", "浮梁县科学技术协会"}
	fields    = []string{"茶学", "植物保护", "陶瓷工艺", "新材料", "临床医学", "公共卫生", "应急管理", "气象", "林学", "畜牧兽医", "电子信息", "智能制造", "通用航空", "中医药"}
	expertise = []string{"茶树病虫害", "绿色防控", "高山茶栽培", "青花瓷烧制", "釉料配方", "急救技能", "传染病防控", "防汛抢险", "山洪预警",
		"森林防火", "无人机植保", "食品检测", "心理疏导", "红茶加工", "土壤改良", "地质灾害识别"}
	topics = []string{"茶园病虫害绿色防控", "浮梁红茶的前世今生", "青花瓷里的科学", "防汛避险知识", "地震来了怎么办", "食品安全你我他",
		"森林防火人人有责", "科学用药与健康", "天气预报是怎样做出来的", "新材料改变生活"}
	abstracts = []string{"结合本地实例讲解常见问题与应对方法", "从历史讲到工艺，配合实物演示", "讲清原理，教会方法，现场答疑", ""}
)

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// picks returns 1..max distinct items.
func picks(r *rand.Rand, list []string, max int) []string {
	n := 1 + r.IntN(max)
	out := make([]string, 0, n)
	for _, i := range r.Perm(len(list))[:n] {
		out = append(out, list[i])
	}
	return out
}

func labels(values []talent.EnumValue, max int, r *rand.Rand) []string {
	all := make([]string, len(values))
	for i, v := range values {
		all[i] = v.Label
	}
	return picks(r, all, max)
}

// Row returns synthetic row i (from 0), cells in sheet.Columns order.
func Row(i int) []string {
	r := rand.New(rand.NewPCG(uint64(i), 0x5eed))
	var regs []string
	for _, reg := range talent.Registries {
		if r.IntN(3) == 0 {
			regs = append(regs, reg.Label)
		}
	}
	if len(regs) == 0 {
		regs = append(regs, pick(r, talent.Registries).Label)
	}
	has := func(name string) bool {
		for _, g := range regs {
			if g == talent.Label(talent.Registries, name) {
				return true
			}
		}
		return false
	}
	born := 1960 + r.IntN(36)
	switch {
	case has(string(talent.YouthTalent)):
		born = 1990 + r.IntN(11)
	case has(string(talent.SeniorLecturer)):
		born = 1945 + r.IntN(20)
	}
	var categories []string
	if has(string(talent.EmergencyExpert)) || r.IntN(5) == 0 {
		categories = labels(talent.EmergencyCategories, 2, r)
	}
	var lectures []string
	for range r.IntN(3) {
		t := fmt.Sprintf("%s（%d分钟，%s）", pick(r, topics), 30+15*r.IntN(6), pick(r, talent.Audiences).Label)
		if a := pick(r, abstracts); a != "" {
			t += "：" + a
		}
		lectures = append(lectures, t)
	}
	var service []string
	for range r.IntN(4) {
		service = append(service, pick(r, talent.Townships).Name)
	}
	name := pick(r, surnames) + pick(r, given)
	if r.IntN(2) == 0 {
		name += pick(r, given)
	}
	township := pick(r, talent.Townships).Name
	gender := "男"
	if r.IntN(2) == 0 {
		gender = "女"
	}
	f := picks(r, fields, 3)
	return []string{
		fmt.Sprintf("FL-%06d", i+1),
		name,
		gender,
		strconv.Itoa(born),
		strings.Join(regs, "|"),
		pick(r, titles),
		pick(r, orgs),
		township,
		strings.Join(f, "|"),
		strings.Join(picks(r, expertise, 3), "、"),
		fmt.Sprintf("长期在%s从事%s工作，熟悉%s一带的实际情况，多次参加县科协组织的科普活动。", pick(r, orgs), f[0], township),
		strings.Join(lectures, "|"),
		strings.Join(labels(talent.Audiences, 2, r), "|"),
		strings.Join(dedupe(service), "|"),
		strings.Join(categories, "|"),
		strconv.Itoa(1 + r.IntN(8)),
	}
}

func dedupe(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Header returns the Chinese headers of the template.
func Header() []string {
	h := make([]string, len(sheet.Columns))
	for i, c := range sheet.Columns {
		h[i] = c.Header
	}
	return h
}

// WriteCSV writes the header and rows 0..n-1 as UTF-8 CSV.
func WriteCSV(w io.Writer, n int) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Header()); err != nil {
		return err
	}
	for i := range n {
		if err := cw.Write(Row(i)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes the header and rows 0..n-1 to an xlsx file.
func WriteXLSX(path string, n int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	row := func(i int, cells []string) error {
		vals := make([]any, len(cells))
		for j, c := range cells {
			vals[j] = c
		}
		ref, _ := excelize.CoordinatesToCellName(1, i)
		return sw.SetRow(ref, vals)
	}
	if err := row(1, Header()); err != nil {
		return err
	}
	for i := range n {
		if err := row(i+2, Row(i)); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}
