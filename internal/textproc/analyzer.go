package textproc

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fuliang/talent/internal/talent"
)

// Term is an analysed term with its weight in a query: 1 per occurrence for
// Terms, a normalised informativeness in (0, 1] for Keywords.
type Term struct {
	Text   string  `json:"text"`
	Weight float64 `json:"weight"`
}

// IDF returns the inverse document frequency of a normalised term, and false
// when the table does not know it. A search index can supply one estimated
// from its own documents (the rarer in the roster, the more telling).
type IDF func(term string) (idf float64, ok bool)

// Rarity figures for Keywords when no IDF table knows a term, on the same
// natural-log scale as the dictionary's ln(total/freq), which spans about
// 4 (very common words) to 17 (hapaxes).
const (
	// domainIDF rates the county's vocabulary (user dictionary and synonym
	// terms) above any dictionary word: those are exactly the words a
	// request is about. Their dictionary frequencies were raised for
	// segmentation and say nothing.
	domainIDF = 15.0
	// maxIDF caps dictionary rarity: the rarest dictionary words are often
	// typos and odd compounds, no more telling than a rare word.
	maxIDF = 14.0
	// unknownIDF is for words the dictionary lacks (names, new words found
	// by the HMM); it is about the median of the dictionary.
	unknownIDF = 10.0
	// singleCharIDF is for single characters outside the county vocabulary
	// (来, 说, 做, 镇 …): in a long text they are mostly verbs and
	// particles. The dictionary's frequencies for single characters are not
	// meaningful.
	singleCharIDF = 3.0
	// placeIDF is for the county's place names: a requester names its own
	// township, which the matcher weighs as place, not as topic.
	placeIDF = 1.0
)

// Analyzer turns Chinese (and mixed Latin) text into terms. It is immutable
// and safe for concurrent use.
type Analyzer struct {
	syn *Synonyms
	idf IDF
	*homophoneState
}

// NewAnalyzer returns an analyzer expanding with syn (nil means no
// synonyms). The synonym terms are added to the segmentation dictionary
// (AddWords) so that each is cut as one unit.
func NewAnalyzer(syn *Synonyms) *Analyzer {
	if syn == nil {
		syn = &Synonyms{}
	}
	AddWords(syn.Terms()...)
	return &Analyzer{syn: syn, homophoneState: &homophoneState{}}
}

// Default returns an analyzer with the shipped synonyms.
func Default() *Analyzer { return NewAnalyzer(DefaultSynonyms()) }

// WithIDF returns a copy of a that rates terms for Keywords with idf first,
// falling back to the built-in rarity for terms idf does not know.
func (a *Analyzer) WithIDF(idf IDF) *Analyzer {
	c := *a
	c.idf = idf
	return &c
}

// Synonyms returns the analyzer's synonym set.
func (a *Analyzer) Synonyms() *Synonyms { return a.syn }

// Expand returns the synonyms of a normalised term, without the term itself.
func (a *Analyzer) Expand(term string) []string { return a.syn.Expand(term) }

// Tokens analyses document text for indexing: normalised, cut in search mode
// (so 病虫害 also yields 病虫 and 虫害), function words and punctuation
// dropped. Repeated words are repeated, for term frequencies.
//
// Single characters: a query for 瓷 must find 瓷器 and 陶瓷, which are
// indexed as words. Tokens does not add character unigrams (they would
// multiply the index size); instead a backend matches a single-character
// query term against every indexed term containing that character, at a
// lower weight (see search/embedded), or indexes the profile's characters in
// one low-priority attribute (see search/meili).
func (a *Analyzer) Tokens(text string) []string {
	toks := cut(text, true)
	out := toks[:0]
	for _, t := range toks {
		if isContent(t) && !stopwords[t] {
			out = append(out, t)
		}
	}
	return out
}

// Terms analyses a query: normalised, cut in precise mode, and stripped of
// function words and of request phrasing (请, 需要, 老师, 讲座 …), so that
// "请一位老师来讲讲茶树病虫害" becomes 茶树, 病虫害. Each distinct term is
// returned once, in order of first appearance, weighted by its count.
func (a *Analyzer) Terms(text string) []Term {
	var out []Term
	pos := make(map[string]int)
	for _, t := range cut(text, false) {
		if !isContent(t) || stopwords[t] || queryStopwords[t] || a.isDebris(t) || (!a.isVocabulary(t) && isFunctionWord(t)) {
			continue
		}
		if i, ok := pos[t]; ok {
			out[i].Weight++
			continue
		}
		pos[t] = len(out)
		out = append(out, Term{Text: t, Weight: 1})
	}
	return out
}

// debrisEnds are measure words and verb endings that the segmenter's HMM
// glues to a verb in spoken requests (编个, 弄点, 讲些, 看下, 调过): two-character
// "words" the dictionary lacks or has only as a hapax, ending in one of
// these, are not topics.
var debrisEnds = map[rune]bool{'个': true, '点': true, '些': true, '下': true, '次': true, '趟': true, '场': true,
	'过': true, '了': true, '着': true}

// debrisStarts are modal verbs and degree adverbs that spoken requests glue
// to the next word (能用, 想学, 能来, 太油, 挺好): a "word" beginning with one
// is debris unless the dictionary knows it as a real word.
var debrisStarts = map[rune]bool{'能': true, '想': true, '会': true, '要': true, '该': true, '可': true,
	'太': true, '很': true, '挺': true, '蛮': true, '真': true, '好': true, '更': true, '最': true, '别': true}

// rareFreq is the dictionary frequency at or below which a word is a
// dictionary hapax: the general dictionary holds some 200 000 of them, real
// terms (脲酶, 牙骨质) beside phrases of spoken Chinese (能用, 调过, 量量).
const rareFreq = 3

// isDebris reports request tokens that are spoken Chinese, not topics
// (vocabulary words never are):
//   - two characters ending in a measure word or aspect particle, unknown
//     to the dictionary or a hapax (编个, 弄点, 调过);
//   - beginning with a modal verb or degree adverb, unknown or a hapax
//     (能用, 想学, 太油, 别光);
//   - a set phrase or idiom the dictionary has only as a hapax (年纪轻轻,
//     没人, 爬不动; its tags are not reliable enough to drop common ones:
//     自动化 is tagged a set phrase);
//   - a reduplication (量量, 停停, 调一调, 学学): how spoken Chinese
//     softens a verb. Nouns of this shape that are topics (星星) are
//     vocabulary.
func (a *Analyzer) isDebris(t string) bool {
	if a.isVocabulary(t) {
		return false
	}
	rs := []rune(t)
	if len(rs) < 2 || !unicode.Is(unicode.Han, rs[0]) {
		return false
	}
	freq, pos, known := dictEntry(t)
	if known && freq >= userWordFreq {
		return false // added by us or by an officer (AddWords)
	}
	hapax := !known || freq <= rareFreq
	switch {
	case len(rs) == 2 && debrisEnds[rs[1]] && hapax:
		return true
	case debrisStarts[rs[0]] && hapax:
		return true
	case (pos == "l" || pos == "i") && hapax:
		return true
	}
	return reduplicated(rs)
}

// reduplicated reports a character repeated at once or around 一 (量量,
// 看一看): how spoken Chinese softens a verb.
func reduplicated(rs []rune) bool {
	for i := 1; i < len(rs); i++ {
		if rs[i] == rs[i-1] || i >= 2 && rs[i-1] == '一' && rs[i] == rs[i-2] {
			return true
		}
	}
	return false
}

// Keywords picks the at most max most informative terms of a long text,
// such as a request's description, so that a search engine that reads only
// the first words of a query (Meilisearch: ten) gets the ones that matter.
//
// A term's score is (1 + ln tf) × rarity, where rarity is the analyzer's IDF
// table when it knows the term, else domainIDF for county vocabulary, else
// ln(total/freq) from the segmentation dictionary (unknownIDF for words it
// lacks and for single characters). Synonyms are deduplicated: a term related
// to a better-scoring one adds its score to that one and is dropped.
// Weights are scaled so that the best term has weight 1; the result is
// ordered by weight, then by first appearance.
func (a *Analyzer) Keywords(text string, max int) []Term {
	if max <= 0 {
		return nil
	}
	terms := a.Terms(text)
	type scored struct {
		text  string
		score float64
		first int
	}
	cand := make([]scored, len(terms))
	for i, t := range terms {
		cand[i] = scored{t.Text, (1 + math.Log(t.Weight)) * a.rarity(t.Text), i}
	}
	slices.SortStableFunc(cand, func(x, y scored) int {
		switch {
		case x.score > y.score:
			return -1
		case x.score < y.score:
			return 1
		}
		return x.first - y.first
	})
	var kept []scored
next:
	for _, c := range cand {
		for i := range kept {
			if a.syn.Related(kept[i].text, c.text) {
				kept[i].score += c.score
				continue next
			}
		}
		kept = append(kept, c)
	}
	// Merged scores may reorder the head.
	slices.SortStableFunc(kept, func(x, y scored) int {
		switch {
		case x.score > y.score:
			return -1
		case x.score < y.score:
			return 1
		}
		return x.first - y.first
	})
	if len(kept) == 0 {
		return nil
	}
	if len(kept) > max {
		kept = kept[:max]
	}
	out := make([]Term, len(kept))
	for i, k := range kept {
		out[i] = Term{Text: k.text, Weight: k.score / kept[0].score}
	}
	return out
}

// placeWords are the county's place names, with and without 镇/乡/县.
var placeWords = func() map[string]bool {
	m := map[string]bool{"浮梁": true, "浮梁县": true, "景德镇": true, "景德镇市": true, "江西": true, "江西省": true}
	for _, t := range talent.Townships {
		for _, n := range append([]string{t.Name}, t.FormerNames...) {
			m[n] = true
			m[strings.TrimRight(n, "镇乡")] = true
		}
	}
	return m
}()

// Specificity is how telling term is on its own, in [0, 1]: its rarity
// against the county vocabulary's. 茶树, 近视 and 乡村旅游 are 1; 健康 is
// 0.6, 发展 0.45. Keywords' weights are relative within one text; this is
// not, so that texts of different kinds (a request's title and its
// description) can be weighed against each other.
func (a *Analyzer) Specificity(term string) float64 {
	return min(1, a.rarity(term)/domainIDF)
}

func (a *Analyzer) rarity(term string) float64 {
	if a.idf != nil {
		if v, ok := a.idf(term); ok {
			return v
		}
	}
	if domainWords[term] || a.syn.byTerm[term] != nil {
		return domainIDF
	}
	if placeWords[term] {
		return placeIDF
	}
	if utf8.RuneCountInString(term) == 1 {
		return singleCharIDF
	}
	if v, ok := dictIDF(term); ok {
		return min(v, maxIDF)
	}
	return unknownIDF
}
