package textproc_test

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/textproc"
)

func texts(ts []textproc.Term) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Text
	}
	return out
}

func TestTermsKeepsUnitsAndDropsRequestPhrasing(t *testing.T) {
	a := textproc.Default()
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"我们学校希望请一位老师来讲讲3D打印和5G，还有AI、无人机", []string{"3d打印", "5g", "ai", "无人机"}},
		// Who it is for is the audience, not the topic (a line of the word
		// list may hold several words).
		{"请专家来给村民讲一下心肺复苏急救", []string{"心肺复苏", "急救"}},
		{"下周三想给孩子们讲讲飞机，最好能带点模型", []string{"飞机", "模型"}},
		{"越来越多老人接到诈骗电话，不知道怎么办", []string{"接到", "诈骗", "电话"}},
		{"浮梁茶的茶树病虫害防治", []string{"浮梁茶", "茶树", "病虫害", "防治"}},
		{"ＡＢＣ全角５Ｇ　无人机", []string{"abc", "全角", "5g", "无人机"}},
		{"青花粉彩颜色釉烧成", []string{"青花", "粉彩", "颜色釉", "烧成"}},
		{"老年痴呆和阿尔茨海默病", []string{"老年痴呆", "阿尔茨海默病"}},
		{"瓷", []string{"瓷"}},
		{"请问老师能否", nil},
		{"2024年 3.5", nil},
	} {
		if got := texts(a.Terms(c.in)); !slices.Equal(got, c.want) {
			t.Errorf("Terms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := a.Terms("茶叶 茶叶 陶瓷"); got[0].Weight != 2 || got[1].Weight != 1 {
		t.Errorf("weights by count: %v", got)
	}
}

func TestTokensIndexSubwords(t *testing.T) {
	a := textproc.Default()
	got := a.Tokens("茶树病虫害的绿色防控")
	for _, w := range []string{"病虫害", "病虫", "虫害", "茶树", "绿色防控"} {
		if !slices.Contains(got, w) {
			t.Errorf("Tokens lacks %q: %q", w, got)
		}
	}
	if slices.Contains(got, "的") {
		t.Errorf("Tokens kept a stopword: %q", got)
	}
}

func TestSynonyms(t *testing.T) {
	s := textproc.DefaultSynonyms()
	if n := len(s.Groups()); n < 30 {
		t.Fatalf("%d default synonym groups, want at least 30", n)
	}
	for term, want := range map[string]string{"茶": "茶叶", "通航": "通用航空", "应急": "急救", "瓷": "陶瓷", "3d打印": "增材制造", "养猪": "生猪"} {
		if !slices.Contains(s.Expand(term), want) {
			t.Errorf("Expand(%q) = %q, lacks %q", term, s.Expand(term), want)
		}
	}
	if slices.Contains(s.Expand("茶"), "茶") {
		t.Error("Expand returns the term itself")
	}
	merged, err := s.Merge([][]string{{"快速成型", "3D打印"}, {"茶", "茶叶"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(merged.Expand("3d打印"), "快速成型") || !slices.Contains(merged.Expand("3d打印"), "增材制造") {
		t.Errorf("merged Expand(3d打印) = %q", merged.Expand("3d打印"))
	}
	if len(merged.Groups()) != len(s.Groups())+2 {
		t.Errorf("merged has %d groups, want %d", len(merged.Groups()), len(s.Groups())+2)
	}
	if s.Expand("快速成型") != nil {
		t.Error("Merge changed the receiver")
	}
	_, err = textproc.NewSynonyms([][]string{{"直播 带货", "电商"}, {"好", strings.Repeat("长", 30)}, {"", "x"}})
	list, ok := talent.AsList(err)
	if !ok || len(list) != 3 || list[0].Field != "synonyms.0.0" || list[1].Code != talent.CodeTooLong {
		t.Fatalf("invalid groups: %v", err)
	}
}

func TestKeywords(t *testing.T) {
	a := textproc.Default()
	desc := "我们是浮梁县鹅湖镇的一个茶叶专业合作社，今年春天以来，茶园里的茶树叶片发黄、卷曲，有些叶子背面有很多小虫子，" +
		"茶农说可能是茶小绿叶蝉，也有人说是病害。打了几次农药效果不好，担心农药残留影响茶叶出口和浮梁茶的品牌。" +
		"希望能请一位懂茶树病虫害绿色防控的专家来现场看看，给合作社社员讲讲怎么科学用药、怎么做茶园管理，最好能在五月中旬之前来。"
	kw := a.Keywords(desc, 8)
	got := texts(kw)
	if len(got) != 8 || got[0] != "茶叶" || kw[0].Weight != 1 {
		t.Fatalf("Keywords = %v", kw)
	}
	for _, w := range []string{"茶小绿叶蝉", "绿色防控", "农药"} {
		if !slices.Contains(got, w) {
			t.Errorf("Keywords %q lack %q", got, w)
		}
	}
	// Synonyms are merged into the best of them; place names are not topics.
	for _, w := range []string{"茶树", "茶园", "浮梁茶", "鹅湖", "浮梁县", "来"} {
		if slices.Contains(got, w) {
			t.Errorf("Keywords %q contain %q", got, w)
		}
	}
	for i := 1; i < len(kw); i++ {
		if kw[i].Weight > kw[i-1].Weight || kw[i].Weight <= 0 {
			t.Errorf("weights not descending in (0,1]: %v", kw)
		}
	}
	// An IDF table overrides the built-in rarity.
	b := a.WithIDF(func(term string) (float64, bool) {
		if term == "卷曲" {
			return 100, true
		}
		return 0, false
	})
	if got := b.Keywords(desc, 1); got[0].Text != "卷曲" {
		t.Errorf("with IDF table: %v", got)
	}
	if a.Keywords(desc, 0) != nil || a.Keywords("", 5) != nil {
		t.Error("empty cases")
	}
}

func TestAddWords(t *testing.T) {
	a := textproc.Default()
	if slices.Contains(texts(a.Terms("需要溜溜球技巧")), "溜溜球技巧") {
		t.Skip("already a word")
	}
	v := textproc.DictVersion()
	textproc.AddWords("溜溜球技巧")
	if textproc.DictVersion() == v {
		t.Error("DictVersion did not change")
	}
	if got := texts(a.Terms("需要溜溜球技巧")); !slices.Contains(got, "溜溜球技巧") {
		t.Errorf("after AddWords: %q", got)
	}
	v = textproc.DictVersion()
	textproc.AddWords("溜溜球技巧")
	if textproc.DictVersion() != v {
		t.Error("re-adding a known word changed DictVersion")
	}
}

// TestConcurrent runs analysis and dictionary changes together (go test
// -race checks the locking).
func TestConcurrent(t *testing.T) {
	a := textproc.Default()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for j := range 50 {
				a.Tokens("茶树病虫害防治与陶瓷釉面缺陷")
				a.Keywords("农村电商直播带货和水稻栽培", 5)
				if i == 0 && j%10 == 0 {
					textproc.AddWords("并发测试词" + string(rune('甲'+j)))
				}
			}
		})
	}
	wg.Wait()
}

func TestSimplify(t *testing.T) {
	cases := map[string]string{
		"茶葉種植與病蟲害防治": "茶叶种植与病虫害防治",
		"想給初中生開講座":   "想给初中生开讲座",
		"乾燥的天氣":      "干燥的天气",
		"茶叶种植":       "茶叶种植", // already simplified: unchanged
		"3D打印 AI":    "3D打印 AI",
	}
	for in, want := range cases {
		if got := textproc.Simplify(in); got != want {
			t.Errorf("Simplify(%q) = %q, want %q", in, got, want)
		}
	}
	if got := textproc.Normalize("ＣＰＲ與ＡＥＤ"); got != "cpr与aed" {
		t.Errorf("Normalize folds width, script and case together: %q", got)
	}
}
