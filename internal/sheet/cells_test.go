package sheet

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/fuliang/talent/internal/talent"
)

func TestParseTopic(t *testing.T) {
	cases := map[string]talent.LectureTopic{
		"茶园病虫害绿色防控（90分钟，农民）：识别常见害虫": {Title: "茶园病虫害绿色防控", Abstract: "识别常见害虫", Minutes: 90, Audiences: []talent.Audience{talent.Farmers}},
		"地震来了怎么办(小学生/初中生)":          {Title: "地震来了怎么办", Audiences: []talent.Audience{talent.PrimarySchool, talent.MiddleSchool}},
		"科学用药（６０ min）: 合理用药":        {Title: "科学用药", Abstract: "合理用药", Minutes: 60},
		"茶史（上）":       {Title: "茶史（上）"},
		"茶史（上）（45分钟）": {Title: "茶史（上）", Minutes: 45},
		"（90分钟）":      {Title: "", Minutes: 90},
		"题目：简介：还有冒号":  {Title: "题目", Abstract: "简介：还有冒号"},
	}
	for in, want := range cases {
		if got := parseTopic(in); !sameJSON(got, want) {
			t.Errorf("parseTopic(%q) = %+v, want %+v", in, got, want)
		}
	}
	got, err := parseTopics("甲（30分钟）|乙\n丙：简介，含逗号；和分号")
	if err != nil || len(got) != 3 || got[2].Abstract != "简介，含逗号；和分号" {
		t.Fatalf("topics split wrongly: %+v %v", got, err)
	}
	got, err = parseTopics(`[{"title": "甲", "audiences": ["农民", "PUBLIC"], "minutes": 30}]`)
	if err != nil || !sameJSON(got, []talent.LectureTopic{{Title: "甲", Audiences: []talent.Audience{talent.Farmers, talent.Public}, Minutes: 30}}) {
		t.Fatalf("JSON topics: %+v %v", got, err)
	}
	if _, err := parseTopics(`[{"title": "甲", "audiences": ["外星人"]}]`); err == nil || err.Field != "lectureTopics.0.audiences" {
		t.Fatalf("bad audience in JSON topic: %v", err)
	}
}

// sameJSON compares a and b as the store does: through JSON, where a nil
// list and an empty one are both stored as [].
func sameJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	var u, v any
	_ = json.Unmarshal(x, &u)
	_ = json.Unmarshal(y, &v)
	return reflect.DeepEqual(nullsAsEmpty(u), nullsAsEmpty(v))
}

func nullsAsEmpty(v any) any {
	switch v := v.(type) {
	case nil:
		return []any{}
	case map[string]any:
		for k, x := range v {
			v[k] = nullsAsEmpty(x)
		}
	case []any:
		for i, x := range v {
			v[i] = nullsAsEmpty(x)
		}
	}
	return v
}

func TestLists(t *testing.T) {
	for in, want := range map[string][]string{
		"茶学|植物保护": {"茶学", "植物保护"},
		"茶学、 植物保护，茶学;林学；陶瓷,瓷": {"茶学", "植物保护", "林学", "陶瓷", "瓷"},
		"茶学｜林学\n陶瓷":           {"茶学", "林学", "陶瓷"},
		`["农业、林业", "茶学"]`:     {"农业、林业", "茶学"},
		"[方括号]":               {"[方括号]"},
		"":                    {},
	} {
		if got := splitList(in); !slices.Equal(got, want) {
			t.Errorf("splitList(%q) = %q, want %q", in, got, want)
		}
	}
	if got := formatList([]string{"茶学", "林学"}); got != "茶学|林学" {
		t.Errorf("formatList = %q", got)
	}
	if got := formatList([]string{"农业、林业", "茶学"}); got != `["农业、林业","茶学"]` {
		t.Errorf("formatList with a separator inside an item = %q", got)
	}
}

func TestParseInt(t *testing.T) {
	for in, want := range map[string]int{"1985": 1985, "１９８５": 1985, "1985.0": 1985, " 7 ": 7} {
		if got, ok := parseInt(in); !ok || got != want {
			t.Errorf("parseInt(%q) = %d, %v", in, got, ok)
		}
	}
	for _, in := range []string{"19八五", "1985.5", "", "1e99", "五"} {
		if _, ok := parseInt(in); ok {
			t.Errorf("parseInt(%q) accepted", in)
		}
	}
}

func TestEscapeCSV(t *testing.T) {
	for _, v := range []string{"=1+1", "+86", "-", "@x", "'", "'=x", "''", "'abc", "abc", ""} {
		if got := unescapeCSV(escapeCSV(v)); got != v {
			t.Errorf("round trip of %q gave %q", v, got)
		}
		if e := escapeCSV(v); e != "" && (e[0] == '=' || e[0] == '+' || e[0] == '-' || e[0] == '@') {
			t.Errorf("escapeCSV(%q) = %q still starts like a formula", v, e)
		}
	}
	if got := unescapeCSV("'abc"); got != "'abc" {
		t.Errorf("a quote before ordinary text must stay: %q", got)
	}
}

func TestHeaders(t *testing.T) {
	for h, key := range map[string]string{
		"external_id": "external_id", "External ID": "external_id", "externalId": "external_id", "\ufeff编号": "external_id",
		"姓名*": "name", "姓名（必填）": "name", " 出生年份 ": "birth_year", "ＢＩＲＴＨ＿ＹＥＡＲ": "birth_year",
		"人才库": "registries", "所在乡镇": "township", "每月服务上限": "max_engagements_per_month",
	} {
		if c, ok := lookupHeader(h); !ok || c.Key != key {
			t.Errorf("header %q: got %v, want %s", h, c, key)
		}
	}
	if _, ok := lookupHeader("备注"); ok {
		t.Error("备注 is not a column")
	}
	for _, c := range Columns {
		if _, ok := codecs[c.Key]; !ok {
			t.Errorf("column %s has no codec", c.Key)
		}
	}
}

// TestCellsRoundTrip checks that every column reads back what it writes,
// for values chosen to collide with the cell formats.
func TestCellsRoundTrip(t *testing.T) {
	experts := []*talent.Expert{
		{ExternalID: "A", Name: "甲", Gender: talent.Female, BirthYear: 1990, Township: "360222201",
			Fields: []string{"农业、林业", "茶学"}, Expertise: []string{"a|b", "c"},
			Audiences:           []talent.Audience{talent.Elderly, talent.Farmers},
			ServiceTownships:    []string{"360222104", "360222100"},
			EmergencyCategories: []talent.EmergencyCategory{talent.Flood, talent.Fire},
			LectureTopics: []talent.LectureTopic{{Title: "茶园管理", Minutes: 90, Audiences: []talent.Audience{talent.Farmers}, Abstract: "要点"},
				{Title: "防汛：怎么办"}}, MaxEngagementsPerMonth: 0},
		{ExternalID: "B", Name: "乙", LectureTopics: []talent.LectureTopic{{Title: "讲座（小学）"}}, MaxEngagementsPerMonth: 9},
		{ExternalID: "C", Name: "丙", LectureTopics: []talent.LectureTopic{{Title: "茶史（上）", Minutes: 45}}, MaxEngagementsPerMonth: 4},
	}
	regs := []talent.Registry{talent.ScienceEnvoy, talent.EmergencyExpert}
	for _, e := range experts {
		var rv rowValues
		for _, c := range Columns {
			cell := codecs[c.Key].format(e, regs)
			if err := codecs[c.Key].parse(cell, &rv); err != nil {
				t.Fatalf("%s: %s = %q does not parse: %v", e.Name, c.Key, cell, err)
			}
		}
		back := &talent.Expert{}
		for _, set := range rv.sets {
			set(back)
		}
		back.ExternalID = rv.ext
		talent.NormalizeExpert(back)
		if !sameJSON(back, e) || !slices.Equal(rv.registries, regs) {
			t.Errorf("round trip of %s:\n got %+v %v\nwant %+v", e.Name, back, rv.registries, e)
		}
	}
}
