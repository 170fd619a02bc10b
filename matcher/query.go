package matcher

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/textproc"
)

// query is an analysed request.
type query struct {
	terms       []textproc.Term            // weighted request terms, heaviest first
	variants    [][]variant                // per term: the term and its synonyms
	searchTerms []textproc.Term            // what the search stage sends
	category    talent.EmergencyCategory   // given, or the likeliest inferred
	categories  []talent.EmergencyCategory // the hard filter: category, or every one inferred
	inferredCat bool
	// incident: for a request that is not an emergency, the emergency
	// categories its text is about (a village asking about rocks falling
	// behind its houses), whose experts have the exact skill.
	incident    []talent.EmergencyCategory
	audience    talent.Audience
	inferredAud bool
}

// variant is a form of a request term to look for in a profile: the term
// itself (factor 1) or a synonym (a little less).
type variant struct {
	text   string
	factor float64
	single bool // one Han character: matched inside words
	// parts, when set, match instead of text: every part must occur in the
	// same field, in any order (用电安全 in a profile that says 安全用电).
	parts []string
}

const (
	synonymFactor = 0.85
	// homophoneFactor: a word the request sounds like is a little less
	// certain than one it says, and much less when what it says is a word
	// as well (homophoneWordFactor); homophoneSpanWeight is for a slip cut into
	// pieces that were not kept as terms (茶也 → 茶, 也), relative to the
	// request's best term.
	homophoneFactor     = 0.9
	homophoneWordFactor = 0.6 // what was written is a word too (编成, 水道)
	homophoneSpanWeight = 0.8
	partsFactor         = 0.9 // all parts of a compound, reordered
	titleBoost          = 1.5 // a request's title says what it is about
	searchTerms         = 16
	// minTermWeight drops terms far less telling than the request's best
	// (stray fragments of colloquial text: 还着, 去年).
	minTermWeight = 0.2
	// minTerms: a long request with several needs (民宿, 消防, 拉肚子)
	// weighs the one it repeats far above the others; telling words stay
	// terms, however light, until there are this many.
	minTerms = 8
)

func (m *Matcher) analyze(req Request) query {
	an := m.analyzer.Load()
	text := req.Title + "\n" + req.Description
	weights := map[string]float64{}
	first := map[string]int{}
	add := func(t textproc.Term, boost float64, pos int) {
		w := t.Weight * boost
		if w > weights[t.Text] {
			weights[t.Text] = w
		}
		if _, ok := first[t.Text]; !ok {
			first[t.Text] = pos
		}
	}
	pos := 0
	if req.Title != "" {
		for _, t := range an.Keywords(req.Title, maxQueryTerms) {
			// A title names the subject (茶树病虫害防治) or only the
			// occasion (健康教育月活动): the boost goes to telling words.
			// Keywords weighs the title's words against each other
			// only, so its first word is 1 however generic; a
			// generic word's weight falls with the square of its
			// specificity, below the description's subjects.
			s := an.Specificity(t.Text)
			add(t, titleBoost*s*s, pos)
			pos++
		}
	}
	if req.Description != "" {
		for _, t := range an.Keywords(req.Description, maxQueryTerms) {
			add(t, 1, pos)
			pos++
		}
	}
	// Slips of the pinyin input method (编成 for 编程): the vocabulary word
	// joins the request at the weight of what was written, a little less.
	// The span written stays a term too: it may be meant.
	if best := maxWeight(weights); best > 0 {
		for _, c := range an.Homophones(text) {
			w, ok := weights[c.From]
			if !ok {
				w = homophoneSpanWeight * best // cut into pieces that were not kept
			}
			f := homophoneFactor
			if c.Word {
				f = homophoneWordFactor
			}
			add(textproc.Term{Text: c.To, Weight: w * f}, 1, pos)
			pos++
		}
	}
	// A requester describes the situation, the profile names the subject:
	// 头盔, 大货车 → 交通安全. The subject joins the request, below the
	// words it says.
	if best := maxWeight(weights); best > 0 {
		for _, tc := range topicCues {
			if _, ok := weights[tc.topic]; !ok && (mentionsAny(text, tc.cues) || tc.also != nil && tc.also(text)) {
				add(textproc.Term{Text: tc.topic, Weight: cueFactor * best}, 1, pos)
				pos++
			}
		}
	}
	var q query
	for text, w := range weights {
		if isPlaceName(text) {
			continue // place is a feature of its own, not a topic
		}
		if isInstitution(text) {
			continue // the requester's own school or company, or a venue
		}
		q.terms = append(q.terms, textproc.Term{Text: text, Weight: w})
	}
	sort.Slice(q.terms, func(i, j int) bool {
		if q.terms[i].Weight != q.terms[j].Weight {
			return q.terms[i].Weight > q.terms[j].Weight
		}
		return first[q.terms[i].Text] < first[q.terms[j].Text]
	})
	q.terms = prune(an, q.terms)
	if len(q.terms) > maxQueryTerms {
		q.terms = q.terms[:maxQueryTerms]
	}
	for _, t := range q.terms {
		vs := []variant{{text: t.Text, factor: 1, single: isSingleHan(t.Text)}}
		for _, s := range an.Expand(t.Text) {
			vs = append(vs, variant{text: s, factor: synonymFactor, single: isSingleHan(s)})
		}
		if parts := parts(an, t.Text); len(parts) > 1 {
			vs = append(vs, variant{text: t.Text, factor: partsFactor, parts: parts})
		}
		q.variants = append(q.variants, vs)
	}
	q.searchTerms = q.terms
	if len(q.searchTerms) > searchTerms {
		q.searchTerms = q.searchTerms[:searchTerms]
	}
	q.category = req.EmergencyCategory
	if q.category != "" {
		q.categories = []talent.EmergencyCategory{q.category}
	} else if req.Kind == Emergency {
		q.categories = inferCategories(text)
		if len(q.categories) > 0 {
			q.category, q.inferredCat = q.categories[0], true
		}
	}
	if req.Kind != Emergency {
		q.incident = inferCategories(text)
	}
	q.audience = req.Audience
	if q.audience == "" {
		if a := inferAudience(text); a != "" {
			q.audience, q.inferredAud = a, true
		}
	}
	return q
}

func maxWeight(weights map[string]float64) float64 {
	best := 0.0
	for _, w := range weights {
		best = max(best, w)
	}
	return best
}

func isSingleHan(s string) bool {
	r := []rune(s)
	return len(r) == 1 && r[0] >= 0x4e00 && r[0] <= 0x9fff
}

// institutionEnds end the names of institutions. A request names its own
// (我们中心小学, 公司) or where to come (卫生院), never what it is about; in a
// profile the same word is an employer, so it would match a colleague of
// the requester's rather than someone who knows the subject. (合作社 is not
// here: how to run one is a village topic.)
var institutionEnds = []string{"小学", "中学", "学校", "幼儿园", "医院", "卫生院", "公司", "集团",
	"村委会", "居委会", "委员会", "大学", "学院", "协会"}

func isInstitution(s string) bool {
	for _, e := range institutionEnds {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

func isPlaceName(s string) bool {
	t, ok := talent.LookupTownship(s)
	return ok && (t.Name == s || strings.TrimRight(t.Name, "镇乡") == s)
}

// categoryWords are everyday words that name an emergency category, beyond
// the enum's labels and aliases.
var categoryWords = map[talent.EmergencyCategory][]string{
	talent.Flood: {"暴雨", "洪水", "内涝", "涨水", "积水", "防汛", "洪涝", "溃堤", "决堤", "水位",
		// rivers over their banks, and the dyke's own failures
		"大雨", "山洪", "漫堤", "漫过堤", "河堤", "堤脚", "管涌", "冒浑水", "垮堤"},
	talent.Geological: {"滑坡", "泥石流", "山体", "塌方", "裂缝", "崩塌", "地面塌陷", "地灾",
		"落石", "滚石", "石头滚", "掉石头", "裂开", "开裂", "泥浆", "泥水"},
	talent.PublicHealth: {"疫情", "传染", "发热", "流感", "腹泻", "聚集性", "疾控", "病例", "一氧化碳", "煤气中毒"},
	talent.ForestFire:   {"山火", "森林火", "林火", "烧山", "野外用火"},
	talent.Fire:         {"火灾", "着火", "失火", "起火", "消防"},
	talent.FoodSafety: {"食物中毒", "食品安全", "吃坏", "变质", "集体用餐", "食堂",
		// a village banquet is where food poisoning happens (农村集体聚餐)
		"聚餐", "酒席", "宴席", "喜宴", "喜酒", "办酒", "剩菜", "厨师", "厨子",
		// and what it looks like, and wild mushrooms
		"上吐下泻", "拉肚子", "毒蘑菇", "野蘑菇", "野菌", "菌子",
		// residues over the limit in what is sold to eat
		"农残", "农药残留", "农药超标", "残留超标", "兽药残留"},
	talent.Chemical: {"危化", "化学品", "泄漏", "毒气", "农药中毒", "氨气", "燃气", "天然气", "煤气", "液化气",
		// what people notice first, and where it happens
		"刺鼻", "异味", "怪味", "呛人", "化工", "储罐",
		// tankers and what they carry
		"罐车", "槽罐车", "罐体", "液碱", "烧碱", "硫酸", "盐酸", "液氨", "氯气"},
	talent.Earthquake:     {"地震", "震感", "余震", "防震"},
	talent.Meteorological: {"台风", "冰雹", "雷电", "寒潮", "高温", "冰冻", "大风", "暴雪", "干旱"},
	talent.ProductionSafety: {"安全生产", "事故", "矿山", "工地", "机械伤害", "坍塌", "有限空间",
		// an accident where people work, and gas at work
		"车间", "厂房", "工厂", "燃气", "天然气", "煤气", "液化气"},
}

// topicCues are everyday descriptions of a situation that name no
// subject, and the subject profiles use for it (synonym groups cover
// different names for the same thing; these are one-way).
var topicCues = []struct {
	topic string
	cues  []string
	also  func(text string) bool // a description no word list catches
}{
	{"交通安全", []string{"头盔", "大货车", "过马路", "红绿灯", "斑马线", "车祸", "交通事故", "超载", "酒驾", "校车"}, nil},
	{"防溺水", []string{"下河", "玩水", "野泳", "河里游泳", "水库游泳"}, nil},
	{"心理健康", []string{"厌学", "焦虑", "抑郁", "压力大", "想不开", "睡不着", "失眠", "发呆", "没意思", "轻生",
		"自杀", "自残", "情绪低落", "心情不好", "团辅"}, nil},
	{"防诈骗", []string{"被骗", "骗子", "骗钱", "冒充", "上当"}, nil},
	{"校园欺凌", []string{"欺负", "勒索"}, nil},
	{"营养", []string{"怎么吃", "吃什么", "太油", "太咸", "少油少盐", "减盐"}, nil},
	{"直播", []string{"抖音", "快手", "视频号"}, nil},
	{"人工智能", []string{"chatgpt", "deepseek", "大模型", "豆包", "文心一言"}, nil},
	{"狂犬病", []string{"狗咬", "被狗", "猫抓", "犬伤"}, nil},
	{"食物中毒", []string{"上吐下泻", "吃坏", "吃出问题"}, nil},
	{"口腔健康", []string{"刷牙", "牙疼", "牙痛", "蛀牙"}, nil},
	{"近视", []string{"戴眼镜", "眼镜", "看不清", "保护眼睛", "眯眼"}, nil},
	{"地质灾害", []string{"掉石头", "落石", "滚石", "石头滚", "山体开裂", "垮山", "山垮"}, slopeFailure},
	{"质量管理", []string{"体系审核", "体系认证", "质量体系", "认证审核"}, nil},
	{"压疮", []string{"压破", "压烂", "屁股烂", "长疮"}, nil},
}

// cueFactor is a cued subject's weight against the request's best term.
const cueFactor = 0.7

// fireWords and woodlandWords tell a forest fire from a house fire when the
// requester only says that something is burning (山上起火了, 后山的树烧起来了).
var (
	fireWords     = []string{"起火", "着火", "失火", "烧起来", "冒烟", "火很大", "火势"}
	woodlandWords = []string{"山上", "山林", "林子", "树林", "森林", "林场", "后山", "山头", "山坡", "树", "竹林", "林区"}
)

func mentionsAny(text string, words []string) bool {
	for _, w := range words {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// A slope that cracks, slides or sheds rocks and mud is a landslide, in
// whatever words: 屋后边那个山坡上个月裂了一条缝, 后山那个坡一落大雨就往下掉石头.
var (
	slopeWords   = []string{"山坡", "坡上", "坡下", "后山", "山体", "土坡", "边坡", "护坡", "挡墙", "挡土墙", "山脚"}
	failureWords = []string{"裂缝", "裂了", "开裂", "裂开", "条缝", "掉石", "掉泥", "掉土", "垮", "塌", "滑坡", "滑下",
		"滚石", "落石", "鼓包", "下沉"}
)

// slopeNear is how far (in characters, either side) a failure word may be
// from the slope it happens to.
const slopeNear = 16

func slopeFailure(text string) bool {
	for _, w := range slopeWords {
		for off := 0; ; {
			i := strings.Index(text[off:], w)
			if i < 0 {
				break
			}
			i += off
			lo, hi := i, i+len(w)
			for n := 0; n < slopeNear && lo > 0; n++ {
				_, size := utf8.DecodeLastRuneInString(text[:lo])
				lo -= size
			}
			for n := 0; n < slopeNear && hi < len(text); n++ {
				_, size := utf8.DecodeRuneInString(text[hi:])
				hi += size
			}
			if mentionsAny(text[lo:hi], failureWords) {
				return true
			}
			off = i + len(w)
		}
	}
	return false
}

var clinics = strings.NewReplacer("卫生院", "", "卫生室", "", "卫生所", "")

// categoryLexicon is, per category in the API's order, every word that
// tells of it: label, aliases and categoryWords, each once (消防 is the
// label and a category word; counted twice, 消防已到场 made a tank leak a
// fire).
var categoryLexicon = func() []struct {
	c     talent.EmergencyCategory
	words []string
} {
	out := make([]struct {
		c     talent.EmergencyCategory
		words []string
	}, len(talent.EmergencyCategories))
	for i, v := range talent.EmergencyCategories {
		c := talent.EmergencyCategory(v.Name)
		words := append([]string{v.Label}, v.Aliases...)
		words = append(words, categoryWords[c]...)
		slices.Sort(words)
		out[i].c, out[i].words = c, slices.Compact(words)
	}
	return out
}()

// maxInferred bounds the categories inferred for one incident.
const maxInferred = 3

// inferCategories guesses the emergency categories an incident described in
// everyday words belongs to: the category whose words the text uses most,
// and any other used as often (a gas leak in a kiln workshop is a chemical
// leak, a production accident and a fire risk at once: a guess must not
// shut out the people an officer would call).
// Something burning is a fire, on a hillside or among trees a forest fire,
// and leads unless another category's words are more frequent.
func inferCategories(text string) []talent.EmergencyCategory {
	type count struct {
		c talent.EmergencyCategory
		n int
	}
	// Where people were taken is not what happened: 卫生院 is not a
	// public-health incident (公共卫生's alias 卫生 is inside it).
	text = clinics.Replace(text)
	var found []count
	for _, cw := range categoryLexicon {
		n := 0
		for _, w := range cw.words {
			n += strings.Count(text, w)
		}
		if n > 0 {
			found = append(found, count{cw.c, n})
		}
	}
	if slopeFailure(text) {
		i := slices.IndexFunc(found, func(f count) bool { return f.c == talent.Geological })
		if i < 0 {
			found = append(found, count{talent.Geological, 0})
			i = len(found) - 1
		}
		found[i].n++
	}
	slices.SortStableFunc(found, func(a, b count) int { return b.n - a.n })
	var out []talent.EmergencyCategory
	for _, f := range found {
		// Only a tie is ambiguous: 暴雨后山体裂缝 is a landslide, whatever
		// the rain.
		if f.n == found[0].n {
			out = append(out, f.c)
		}
	}
	if mentionsAny(text, fireWords) {
		fire := talent.Fire
		if mentionsAny(text, woodlandWords) {
			fire = talent.ForestFire
		}
		lead := len(out) == 0 || out[0] == talent.Fire
		out = slices.DeleteFunc(out, func(c talent.EmergencyCategory) bool {
			return c == fire || fire == talent.ForestFire && c == talent.Fire
		})
		if lead {
			out = append([]talent.EmergencyCategory{fire}, out...)
		} else {
			out = append(out, fire)
		}
	}
	if len(out) > maxInferred {
		out = out[:maxInferred]
	}
	return out
}

// audienceWords infer an audience when the requester did not pick one.
var audienceWords = []struct {
	a     talent.Audience
	words []string
}{
	{talent.PrimarySchool, []string{"小学", "年级", "小朋友", "少先队", "一年级", "六年级"}},
	{talent.MiddleSchool, []string{"初中", "初一", "初二", "初三", "中学生"}},
	{talent.HighSchool, []string{"高中", "高一", "高二", "高三", "高考"}},
	{talent.Farmers, []string{"村民", "农户", "农民", "种植户", "养殖户", "茶农", "果农", "菜农"}},
	{talent.Elderly, []string{"老人", "老年", "老年人", "长者", "敬老院", "养老"}},
	{talent.EnterpriseStaff, []string{"职工", "员工", "工人", "车间", "技术人员"}},
	{talent.Officials, []string{"干部", "公务员", "党员"}},
}

func inferAudience(text string) talent.Audience {
	best, bestN := talent.Audience(""), 0
	for _, aw := range audienceWords {
		n := 0
		for _, w := range aw.words {
			n += strings.Count(text, w)
		}
		if n > bestN {
			best, bestN = aw.a, n
		}
	}
	return best
}

// prune drops terms that would match by accident: terms much weaker than
// the request's best, and single characters outside the county's
// vocabulary when the request has real words to go by (人 matches every
// profile). A request of one character (讲讲瓷) keeps it.
func prune(an *textproc.Analyzer, terms []textproc.Term) []textproc.Term {
	if len(terms) == 0 {
		return terms
	}
	best := terms[0].Weight
	words := 0
	for _, t := range terms {
		if !isSingleHan(t.Text) && t.Weight >= 0.5*best {
			words++
		}
	}
	out := terms[:0:0]
	for _, t := range terms {
		if t.Weight < minTermWeight*best && len(out) >= 2 && !(len(out) < minTerms && an.Specificity(t.Text) >= 0.9) {
			continue
		}
		if isSingleHan(t.Text) && words >= 1 && t.Weight < best && !subject(an, t, best, terms) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// subject reports whether t, a single character, is a subject the
// vocabulary knows (窑, 釉, 蛇: a synonym term) said with weight, and no
// heavier term of its group asks for it already. 是釉的问题还是窑的问题
// under the title 釉面问题 is about kilns too, and only 窑 says so.
func subject(an *textproc.Analyzer, t textproc.Term, best float64, terms []textproc.Term) bool {
	syn := an.Expand(t.Text)
	if len(syn) == 0 || t.Weight < 0.5*best {
		return false
	}
	for _, o := range terms {
		if o.Text != t.Text && o.Weight >= t.Weight && slices.Contains(syn, o.Text) {
			return false
		}
	}
	return true
}

// parts splits a compound term into its words (用电安全 → 用电, 安全), or
// returns nil when it has no smaller words of two characters or more.
func parts(an *textproc.Analyzer, term string) []string {
	if len([]rune(term)) < 3 {
		return nil
	}
	var out []string
	for _, w := range an.Tokens(term) {
		if w != term && len([]rune(w)) >= 2 && !strings.Contains(strings.Join(out, "|"), w) {
			out = append(out, w)
		}
	}
	// Keep only parts that together cover the term; overlapping cuts
	// (病虫, 虫害) would otherwise demand words the profile need not have.
	joined := strings.Join(out, "")
	for _, r := range term {
		if !strings.ContainsRune(joined, r) {
			return nil
		}
	}
	if len(out) > 3 {
		return nil
	}
	return out
}
