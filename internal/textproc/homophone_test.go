package textproc_test

import (
	"slices"
	"testing"

	"github.com/fuliang/talent/internal/textproc"
)

func TestHomophones(t *testing.T) {
	a := textproc.Default()
	for _, c := range []struct {
		in   string
		want []textproc.Correction
	}{
		// A slip that is a word too, and one that makes no word.
		{"学校成立了编成社团", []textproc.Correction{{From: "编成", To: "编程", Word: true}}},
		{"想了解无人极打药", []textproc.Correction{{From: "无人极", To: "无人机"}}},
		// A span holding a subject that was typed (茶, 釉) is not read
		// again: 茶叶 adds nothing to 茶, and 施釉 is not what 是釉 meant.
		{"村里的茶也长虫了", nil},
		{"到底是釉的问题还是窑的问题", nil},
		// A common word is meant (心里, not 心理).
		{"住在坡下的几户心里不踏实", nil},
		// Typed right: nothing to correct; county words are never slips
		// (中蜂 is the Chinese honeybee, not 中风).
		{"讲讲编程和茶叶", nil},
		{"村民想学中蜂养殖", nil},
		// A span never starts inside a token: 七点|上课 offers no 点上 (电商).
		{"晚上七点上课", nil},
		// ... unless the segmenter glued the slip to its neighbour into a
		// word it does not know (代货卖): its start and end are tried.
		{"想学直播代货卖香菇", []textproc.Correction{{From: "代货", To: "带货"}}},
		{"", nil},
	} {
		got := a.Homophones(c.in)
		if !slices.Equal(got, c.want) {
			t.Errorf("Homophones(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
	// Officers' synonym terms are vocabulary too.
	syn, err := textproc.DefaultSynonyms().Merge([][]string{{"蜜蜂", "中蜂"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := textproc.NewAnalyzer(syn).Homophones("想学密蜂"); !slices.Contains(got, textproc.Correction{From: "密蜂", To: "蜜蜂"}) {
		t.Errorf("officers' term not corrected: %+v", got)
	}
}

func TestTermsDropSpokenDebris(t *testing.T) {
	a := textproc.Default()
	for _, c := range []struct {
		in   string
		want []string
	}{
		// Verb + measure word glued by the segmenter, grades, "someone who
		// knows": none is a topic.
		{"想弄点果树修剪的知识，讲些嫁接", []string{"果树", "修剪", "知识", "嫁接"}},
		{"给四年级孩子编个小游戏", []string{"小游戏"}},
		{"请懂行的来看看茶叶", []string{"茶叶"}},
		// Dictionary words ending the same way stay.
		{"讲讲重点", []string{"重点"}},
		// Verb endings and control characters.
		{"叶子卷起来了", []string{"叶子"}},
		{"无人机\x00航拍", []string{"无人机", "航拍"}},
		// Time words, numerals, pronouns and place words are never topics.
		{"前年他家在隔壁摆了三十多桌酒席", []string{"摆", "桌", "酒席"}},
		// Reduplicated verbs, modal and degree prefixes, hapax set phrases
		// and verb + aspect particle; a reduplicated topic is vocabulary.
		{"给老人量量血压，调一调食堂", []string{"血压", "食堂"}},
		{"年纪轻轻就血脂高，菜太油", []string{"血脂高", "菜"}},
		{"想学学开直播，能用手机", []string{"开直播", "手机"}},
		{"带孩子看星星", []string{"带", "看星星"}},
		{"自动化改造", []string{"自动化", "改造"}},
	} {
		if got := texts(a.Terms(c.in)); !slices.Equal(got, c.want) {
			t.Errorf("Terms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
