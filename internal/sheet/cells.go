package sheet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/fuliang/talent/internal/talent"
	"golang.org/x/text/width"
)

// MaxCellChars is the longest cell import accepts, in characters: Excel's
// own limit, so that anything Excel can hold can be imported, while a
// runaway cell (a pasted document, a broken file) is reported, not stored.
const MaxCellChars = 32767

// rowValues collects what the cells of one row say.
type rowValues struct {
	ext        string
	registries []talent.Registry
	sets       []func(*talent.Expert)
}

func (r *rowValues) set(f func(*talent.Expert)) { r.sets = append(r.sets, f) }

// codec reads a column's cell into a row and writes an expert's value back.
// Export must write what import reads back to the same value: see
// TestCellsRoundTrip.
type codec struct {
	parse  func(v string, r *rowValues) *talent.Error // v is trimmed
	format func(e *talent.Expert, regs []talent.Registry) string
}

var codecs = map[string]codec{
	"external_id": {
		parse:  func(v string, r *rowValues) *talent.Error { r.ext = v; return nil },
		format: func(e *talent.Expert, _ []talent.Registry) string { return e.ExternalID },
	},
	"name":         textCodec(func(e *talent.Expert) *string { return &e.Name }),
	"title":        textCodec(func(e *talent.Expert) *string { return &e.Title }),
	"organization": textCodec(func(e *talent.Expert) *string { return &e.Organization }),
	"bio":          textCodec(func(e *talent.Expert) *string { return &e.Bio }),
	"township": {
		parse: func(v string, r *rowValues) *talent.Error {
			r.set(func(e *talent.Expert) { e.Township = v }) // the rules resolve and check it
			return nil
		},
		format: func(e *talent.Expert, _ []talent.Registry) string { return townshipLabel(e.Township) },
	},
	"gender": {
		parse: func(v string, r *rowValues) *talent.Error {
			g, err := parseEnum(talent.Genders, "gender", "性别", v)
			if err == nil {
				r.set(func(e *talent.Expert) { e.Gender = talent.Gender(g) })
			}
			return err
		},
		format: func(e *talent.Expert, _ []talent.Registry) string {
			if e.Gender == "" {
				return ""
			}
			return talent.Label(talent.Genders, string(e.Gender))
		},
	},
	"birth_year": {
		parse: func(v string, r *rowValues) *talent.Error {
			y, ok := 0, true
			if v != "" {
				y, ok = parseInt(strings.TrimSuffix(v, "年"))
			}
			if !ok {
				return talent.Errorf(talent.CodeInvalid, "birthYear", "“%s”不是有效的年份，应填四位数字，如1985", v)
			}
			r.set(func(e *talent.Expert) { e.BirthYear = y })
			return nil
		},
		format: func(e *talent.Expert, _ []talent.Registry) string { return intOrBlank(e.BirthYear) },
	},
	"max_engagements_per_month": {
		parse: func(v string, r *rowValues) *talent.Error {
			n, ok := talent.DefaultMonthCap, true
			if v != "" {
				n, ok = parseInt(strings.TrimSuffix(v, "次"))
			}
			if !ok {
				return talent.Errorf(talent.CodeInvalid, "maxEngagementsPerMonth", "“%s”不是有效的次数，应填0至%d的整数", v, talent.MaxEngagements)
			}
			r.set(func(e *talent.Expert) { e.MaxEngagementsPerMonth = n })
			return nil
		},
		format: func(e *talent.Expert, _ []talent.Registry) string { return strconv.Itoa(e.MaxEngagementsPerMonth) },
	},
	"fields":    tagsCodec(func(e *talent.Expert) *[]string { return &e.Fields }),
	"expertise": tagsCodec(func(e *talent.Expert) *[]string { return &e.Expertise }),
	"service_townships": {
		parse: func(v string, r *rowValues) *talent.Error {
			list := splitList(v)
			r.set(func(e *talent.Expert) { e.ServiceTownships = list })
			return nil
		},
		format: func(e *talent.Expert, _ []talent.Registry) string {
			names := make([]string, len(e.ServiceTownships))
			for i, c := range e.ServiceTownships {
				names[i] = townshipLabel(c)
			}
			return formatList(names)
		},
	},
	"registries": {
		parse: func(v string, r *rowValues) *talent.Error {
			list, err := parseEnums(talent.Registries, "registry", "人才库", v)
			r.registries = typed[talent.Registry](list)
			return err
		},
		format: func(_ *talent.Expert, regs []talent.Registry) string {
			return formatList(labels(talent.Registries, regs))
		},
	},
	"audiences": {
		parse: func(v string, r *rowValues) *talent.Error {
			list, err := parseEnums(talent.Audiences, "audiences", "受众", v)
			r.set(func(e *talent.Expert) { e.Audiences = typed[talent.Audience](list) })
			return err
		},
		format: func(e *talent.Expert, _ []talent.Registry) string {
			return formatList(labels(talent.Audiences, e.Audiences))
		},
	},
	"emergency_categories": {
		parse: func(v string, r *rowValues) *talent.Error {
			list, err := parseEnums(talent.EmergencyCategories, "emergencyCategories", "应急类别", v)
			r.set(func(e *talent.Expert) { e.EmergencyCategories = typed[talent.EmergencyCategory](list) })
			return err
		},
		format: func(e *talent.Expert, _ []talent.Registry) string {
			return formatList(labels(talent.EmergencyCategories, e.EmergencyCategories))
		},
	},
	"lecture_topics": {
		parse: func(v string, r *rowValues) *talent.Error {
			topics, err := parseTopics(v)
			if err == nil {
				r.set(func(e *talent.Expert) { e.LectureTopics = topics })
			}
			return err
		},
		format: func(e *talent.Expert, _ []talent.Registry) string { return formatTopics(e.LectureTopics) },
	},
}

func textCodec(field func(e *talent.Expert) *string) codec {
	return codec{
		parse: func(v string, r *rowValues) *talent.Error {
			r.set(func(e *talent.Expert) { *field(e) = v })
			return nil
		},
		format: func(e *talent.Expert, _ []talent.Registry) string { return *field(e) },
	}
}

func tagsCodec(field func(e *talent.Expert) *[]string) codec {
	return codec{
		parse: func(v string, r *rowValues) *talent.Error {
			list := splitList(v)
			r.set(func(e *talent.Expert) { *field(e) = list })
			return nil
		},
		format: func(e *talent.Expert, _ []talent.Registry) string { return formatList(*field(e)) },
	}
}

// townshipLabel is the township's name, or the stored value if unknown.
func townshipLabel(code string) string {
	if code == "" {
		return ""
	}
	return talent.TownshipName(code)
}

func intOrBlank(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// parseInt reads an integer the way people type one in a spreadsheet:
// full-width digits, or a whole number with decimals ("1985.0", as some
// exports write numbers).
func parseInt(v string) (int, bool) {
	v = strings.TrimSpace(width.Fold.String(v))
	if n, err := strconv.Atoi(v); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		return 0, false
	}
	return int(f), true
}

const listSeps = "|｜、，,;；\n"

// splitList reads a multi-valued cell: a JSON array of strings, or items
// separated by any of listSeps.
func splitList(v string) []string {
	if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
		var list []string
		if json.Unmarshal([]byte(v), &list) == nil {
			return talent.CleanList(list)
		}
	}
	return talent.CleanList(strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(listSeps, r) }))
}

// formatList writes items joined by '|', or as a JSON array when that would
// not read back as the same items (an item containing a separator).
func formatList(items []string) string {
	s := strings.Join(items, "|")
	if slices.Equal(splitList(s), items) {
		return s
	}
	return jsonString(items)
}

// parseEnum resolves one enum cell; label names the enum in messages.
func parseEnum(values []talent.EnumValue, field, label, v string) (string, *talent.Error) {
	if v == "" {
		return "", nil
	}
	if name, ok := talent.ParseEnum(values, width.Fold.String(v)); ok {
		return name, nil
	}
	return "", talent.Errorf(talent.CodeInvalid, field, "“%s”不是有效的%s，可填：%s", v, label, choices(values))
}

// parseEnums resolves a multi-valued enum cell. It returns the values it
// could resolve and one error naming all those it could not.
func parseEnums(values []talent.EnumValue, field, label, v string) ([]string, *talent.Error) {
	var out, bad []string
	for _, item := range splitList(v) {
		if name, ok := talent.ParseEnum(values, width.Fold.String(item)); ok {
			if !slices.Contains(out, name) {
				out = append(out, name)
			}
		} else {
			bad = append(bad, "“"+item+"”")
		}
	}
	if len(bad) > 0 {
		return out, talent.Errorf(talent.CodeInvalid, field, "%s不是有效的%s，可填：%s", strings.Join(bad, ""), label, choices(values))
	}
	return out, nil
}

func choices(values []talent.EnumValue) string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = v.Label
	}
	return strings.Join(names, "、")
}

func labels[T ~string](values []talent.EnumValue, list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = talent.Label(values, string(v))
	}
	return out
}

func typed[T ~string](in []string) []T {
	out := make([]T, len(in))
	for i, s := range in {
		out[i] = T(s)
	}
	return out
}

// ---- lecture topics ---------------------------------------------------------

const topicSeps = "|｜\n"

var minutesRe = regexp.MustCompile(`(?i)^(\d+)\s*(分钟|分|min|mins|minutes)$`)

// parseTopics reads a lecture_topics cell (see the package documentation).
func parseTopics(v string) ([]talent.LectureTopic, *talent.Error) {
	if strings.HasPrefix(v, "[") && strings.HasPrefix(strings.TrimSpace(v[1:]), "{") {
		return parseTopicsJSON(v)
	}
	var out []talent.LectureTopic
	for _, item := range strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(topicSeps, r) }) {
		if item = talent.Clean(item); item != "" {
			out = append(out, parseTopic(item))
		}
	}
	return out, nil
}

// parseTopic reads 题目（90分钟，小学生）：简介.
func parseTopic(item string) talent.LectureTopic {
	head, abstract := item, ""
	if i := strings.IndexAny(item, ":："); i >= 0 {
		n := len("：")
		if item[i] == ':' {
			n = 1
		}
		head, abstract = item[:i], item[i+n:]
	}
	t := talent.LectureTopic{Title: talent.Clean(head), Abstract: talent.Clean(abstract)}
	title := t.Title
	var closing string
	switch {
	case strings.HasSuffix(title, ")"):
		closing = ")"
	case strings.HasSuffix(title, "）"):
		closing = "）"
	default:
		return t
	}
	open, openLen := strings.LastIndex(title, "("), 1
	if j := strings.LastIndex(title, "（"); j > open {
		open, openLen = j, len("（")
	}
	if open < 0 {
		return t
	}
	inner := title[open+openLen : len(title)-len(closing)]
	minutes, auds := 0, []talent.Audience(nil)
	for _, part := range strings.FieldsFunc(inner, func(r rune) bool { return strings.ContainsRune("，,、;；/", r) }) {
		part = strings.TrimSpace(width.Fold.String(part))
		if m := minutesRe.FindStringSubmatch(part); m != nil && minutes == 0 {
			minutes, _ = strconv.Atoi(m[1])
			continue
		}
		if a, ok := talent.ParseEnum(talent.Audiences, part); ok {
			auds = append(auds, talent.Audience(a))
			continue
		}
		return t // not a list of minutes and audiences: part of the title
	}
	if minutes == 0 && len(auds) == 0 {
		return t
	}
	t.Title, t.Minutes, t.Audiences = talent.Clean(title[:open]), minutes, auds
	return t
}

// topicJSON is a lecture topic in a JSON cell; audiences may be API names
// or Chinese labels.
type topicJSON struct {
	Title     string   `json:"title"`
	Abstract  string   `json:"abstract,omitempty"`
	Audiences []string `json:"audiences,omitempty"`
	Minutes   int      `json:"minutes,omitempty"`
}

func parseTopicsJSON(v string) ([]talent.LectureTopic, *talent.Error) {
	var raw []topicJSON
	d := json.NewDecoder(strings.NewReader(v))
	d.DisallowUnknownFields()
	if err := d.Decode(&raw); err != nil {
		return nil, talent.Errorf(talent.CodeInvalid, "lectureTopics", "讲座主题不是有效的JSON（应为 [{\"title\": …, \"abstract\": …, \"audiences\": […], \"minutes\": 90}]）：%v", err)
	}
	out := make([]talent.LectureTopic, len(raw))
	for i, t := range raw {
		auds, err := parseEnums(talent.Audiences, fmt.Sprintf("lectureTopics.%d.audiences", i), "受众", strings.Join(t.Audiences, "|"))
		if err != nil {
			return nil, err
		}
		out[i] = talent.LectureTopic{Title: talent.Clean(t.Title), Abstract: talent.Clean(t.Abstract), Audiences: typed[talent.Audience](auds), Minutes: t.Minutes}
		if len(out[i].Audiences) == 0 {
			out[i].Audiences = nil
		}
	}
	return out, nil
}

// formatTopics writes topics in the short form, or as JSON when the short
// form would not read back exactly.
func formatTopics(topics []talent.LectureTopic) string {
	if len(topics) == 0 {
		return ""
	}
	items := make([]string, len(topics))
	for i, t := range topics {
		var meta []string
		if t.Minutes > 0 {
			meta = append(meta, fmt.Sprintf("%d分钟", t.Minutes))
		}
		meta = append(meta, labels(talent.Audiences, t.Audiences)...)
		s := t.Title
		if len(meta) > 0 {
			s += "（" + strings.Join(meta, "，") + "）"
		}
		if t.Abstract != "" {
			s += "：" + t.Abstract
		}
		items[i] = s
	}
	short := strings.Join(items, "|")
	if back, err := parseTopics(short); err == nil && jsonString(back) == jsonString(topics) {
		return short
	}
	return jsonString(topics)
}

// jsonString encodes v without escaping <, > and &, so that a cell stays
// readable.
func jsonString(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSuffix(b.String(), "\n")
}

// ---- CSV quote escape -------------------------------------------------------

// formulaStart are the first characters that make Excel treat a CSV cell
// as a formula, plus the quote that escapes them.
const formulaStart = "=+-@'"

// escapeCSV prefixes a quote to a cell Excel would evaluate.
func escapeCSV(s string) string {
	if s != "" && strings.IndexByte(formulaStart, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// unescapeCSV undoes escapeCSV.
func unescapeCSV(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.IndexByte(formulaStart, s[1]) >= 0 {
		return s[1:]
	}
	return s
}
