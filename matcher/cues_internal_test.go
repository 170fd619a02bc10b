package matcher

import (
	"slices"
	"testing"

	"github.com/fuliang/talent/internal/textproc"
)

// A cued subject is searched as one word: if the analyzer cuts it (质量管理
// into 质量, 管理), no index has it as written and the cue finds nobody.
func TestCueTopicsAreWords(t *testing.T) {
	an := textproc.Default()
	for _, tc := range topicCues {
		if got := an.Tokens(tc.topic); !slices.Contains(got, tc.topic) {
			t.Errorf("cue topic %q is cut into %v: add it to the user dictionary", tc.topic, got)
		}
	}
}

func TestSlopeFailure(t *testing.T) {
	for text, want := range map[string]bool{
		"村后那个土坡昨晚塌了一块，下面住着人": true,
		"后山那条路边的挡墙鼓包了":       true,
		"屋后山坡这几天往下掉泥巴":       true,
		"坡上的茶园今年长得很好":        false,
		"后山有野猪下来拱红薯":         false,
		"教室墙上裂了条缝":           false, // no slope
	} {
		if got := slopeFailure(text); got != want {
			t.Errorf("slopeFailure(%q) = %v, want %v", text, got, want)
		}
	}
	// It counts towards a landslide, for an emergency and for anyone else.
	if got := inferCategories("屋后的山坡裂开一道口子"); !slices.Contains(got, "GEOLOGICAL") {
		t.Errorf("inferCategories: %v, want GEOLOGICAL among them", got)
	}
}

// A title that names only the occasion (健康教育月) does not outweigh the
// subjects the description asks for; a long request keeps each of its
// needs as a term, however often it repeats one of them.
func TestTitleAndLongRequestTerms(t *testing.T) {
	m := New(nil, nil)
	q := m.analyze(Request{Kind: School, Title: "健康教育月活动",
		Description: "三年级以上戴眼镜的孩子越来越多，想请眼科医生讲讲近视防控"})
	if q.terms[0].Text == "健康" || q.terms[0].Text == "教育" {
		t.Errorf("terms %v: a generic title word leads", q.terms)
	}
	q = m.analyze(Request{Kind: Village, Title: "乡村旅游发展",
		Description: "村里想把老屋改成民宿，带动村民开农家乐。农家乐多了，民宿也多了，农家乐的厨房用煤气罐，想请人讲讲消防；去年有游客在农家乐吃了拉肚子。"})
	var texts []string
	for _, term := range q.terms {
		texts = append(texts, term.Text)
	}
	for _, need := range []string{"消防", "拉肚子"} {
		if !slices.Contains(texts, need) {
			t.Errorf("terms %v: the need %s was dropped", texts, need)
		}
	}
}

// A word both the label and a category word of one category (消防) counts
// once: the fire brigade on its way does not make a tank leak a fire.
func TestCategoryWordsCountOnce(t *testing.T) {
	got := inferCategories("化工厂储罐阀门漏了，消防已到场")
	if len(got) == 0 || got[0] != "CHEMICAL" {
		t.Errorf("inferCategories = %v, want CHEMICAL first", got)
	}
}

// Incidents told in a duty officer's words infer their category.
func TestIncidentWords(t *testing.T) {
	for text, want := range map[string]string{
		"县道上一辆罐车侧翻，罐体在漏":    "CHEMICAL",
		"河水快漫过堤了，堤脚一直冒浑水":   "FLOOD",
		"吃了自己采的野菌子，一家人上吐下泻": "FOOD_SAFETY",
	} {
		if got := inferCategories(text); len(got) == 0 || string(got[0]) != want {
			t.Errorf("inferCategories(%q) = %v, want %s first", text, got, want)
		}
	}
}
