// Package sheet reads and writes the bureau's roster template: one expert
// per row, in CSV (UTF-8, UTF-8 with BOM or GBK/GB18030, as Excel on Chinese
// Windows saves it) or xlsx. Import streams the file into
// store.ImportExperts in batches; Export pages through the store and
// streams rows out. Neither ever holds a whole roster in memory.
//
// The template's columns are listed in Columns. A header may use the English
// key (birth_year), its Chinese name (出生年份) or an alias (出生年); case,
// surrounding and full-width spaces, full-width letters, a BOM and a required
// marker (*, （必填）) are ignored. Only external_id and name are required;
// a column left out of the file leaves that field of stored experts alone,
// while an empty cell in a present column clears it.
//
// Cell formats:
//
//   - Lists (fields, expertise, audiences, registries, service_townships,
//     emergency_categories) split on | ｜ 、 ， , ; ； and line breaks. A cell
//     that is a JSON array of strings (["农业、林业", "茶学"]) is read as
//     such: export writes that form when an item contains a separator.
//   - Enums accept the API name (SCIENCE_ENVOY), the Chinese label
//     (科技特派员) or an alias (特派员), via talent.ParseEnum; gender accepts
//     男/女/M/F/MALE/FEMALE. Townships accept names, former names and codes.
//   - lecture_topics: topics separated by | or line breaks (not by commas or
//     semicolons, which abstracts are full of). One topic is
//     题目（90分钟，小学生、初中生）：简介 — the parenthesised part (minutes
//     and audiences, in any order) and the abstract after the first colon
//     are optional. A JSON array of {title, abstract, audiences, minutes}
//     is accepted too, and export falls back to it whenever the short form
//     would not read back exactly (a title containing a colon, say).
//   - birth_year: four digits (１９８５ and 1985年 are fine), empty for unknown.
//   - max_engagements_per_month: an integer 0–60; empty means the default (4).
//
// A CSV cell that starts with a single quote followed by = + - @ or another
// quote has the quote removed: export adds it so that Excel never evaluates
// a cell as a formula (CSV injection), and import takes it off again.
package sheet

import (
	"strings"

	"golang.org/x/text/width"
)

// Column is one column of the template.
type Column struct {
	Key     string   // English name, e.g. "birth_year"
	Header  string   // Chinese name, written as the header on export
	Aliases []string // other headers accepted on import
	// Field is the expert field in API spelling; problems the domain
	// rules find with that field are reported in this column.
	Field    string
	Required bool
	numeric  bool // written as a number to xlsx
}

// Columns are the template's columns, in the order export writes them.
var Columns = []*Column{
	{Key: "external_id", Header: "外部编号", Aliases: []string{"编号", "人员编号", "专家编号"}, Field: "externalId", Required: true},
	{Key: "name", Header: "姓名", Aliases: []string{"名字"}, Field: "name", Required: true},
	{Key: "gender", Header: "性别", Field: "gender"},
	{Key: "birth_year", Header: "出生年份", Aliases: []string{"出生年"}, Field: "birthYear", numeric: true},
	{Key: "registries", Header: "所属人才库", Aliases: []string{"人才库", "所在人才库"}, Field: "registry"},
	{Key: "title", Header: "职称", Field: "title"},
	{Key: "organization", Header: "工作单位", Aliases: []string{"单位"}, Field: "organization"},
	{Key: "township", Header: "乡镇", Aliases: []string{"所在乡镇"}, Field: "township"},
	{Key: "fields", Header: "学科领域", Aliases: []string{"领域"}, Field: "fields"},
	{Key: "expertise", Header: "专长", Aliases: []string{"专业特长"}, Field: "expertise"},
	{Key: "bio", Header: "简介", Aliases: []string{"个人简介"}, Field: "bio"},
	{Key: "lecture_topics", Header: "讲座主题", Field: "lectureTopics"},
	{Key: "audiences", Header: "受众", Aliases: []string{"适合受众"}, Field: "audiences"},
	{Key: "service_townships", Header: "服务乡镇", Field: "serviceTownships"},
	{Key: "emergency_categories", Header: "应急类别", Field: "emergencyCategories"},
	{Key: "max_engagements_per_month", Header: "每月最多服务次数", Aliases: []string{"每月服务上限"}, Field: "maxEngagementsPerMonth", numeric: true},
}

// byHeader finds a column by any of its normalised headers.
var byHeader = func() map[string]*Column {
	m := map[string]*Column{}
	for _, c := range Columns {
		for _, h := range append([]string{c.Key, c.Header, c.Field}, c.Aliases...) {
			m[normalizeHeader(h)] = c
		}
	}
	return m
}()

// byField finds the column of a domain error's field.
var byField = func() map[string]*Column {
	m := map[string]*Column{}
	for _, c := range Columns {
		m[c.Field] = c
	}
	return m
}()

// lookupHeader finds the column a header cell names.
func lookupHeader(h string) (*Column, bool) {
	c, ok := byHeader[normalizeHeader(h)]
	return c, ok
}

// normalizeHeader folds the spellings of one header together: "External
// ID", "external_id" and "ＥｘｔｅｒｎａｌＩＤ" all become "externalid";
// "姓名*" and "姓名（必填）" become "姓名".
func normalizeHeader(h string) string {
	h = width.Fold.String(strings.TrimPrefix(h, "\ufeff"))
	h = strings.NewReplacer("(必填)", "", "(选填)", "", "*", "").Replace(h)
	h = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\u3000', '\u00a0', '_', '-':
			return -1
		}
		return r
	}, h)
	return strings.ToLower(h)
}
