package textproc

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// Requesters type with pinyin input methods, and a slip of the candidate
// list gives a word that sounds exactly like the one meant: 编成 for 编程,
// 茶也 for 茶叶, 无人极 for 无人机. Nothing in a profile says 编成, so the
// request's main topic matches nobody. Homophones finds such slips against
// the county's vocabulary (the user dictionary and every synonym term),
// which is where the words a request is about live.

// Correction is a span of a text that sounds like a vocabulary word but is
// not it.
type Correction struct {
	From string // as written
	To   string // the vocabulary word it sounds like
	// Word: what was written is itself a dictionary word (编成, 水道), so it
	// may well be meant; a slip that makes no word (茶也, 无人极) almost
	// certainly is one.
	Word bool
}

// homophoneIndex maps a toneless pinyin reading ("bian cheng") to the
// vocabulary words read that way.
type homophoneIndex map[string][]string

const (
	// Spans of 2–4 characters: shorter is a single character (too many
	// homophones to guess from), longer is rarely one slip.
	minHomophoneRunes = 2
	maxHomophoneRunes = 4
	// maxSpanTokens: a slip may split a word into pieces (茶也 → 茶, 也).
	maxSpanTokens = 3
	// maxHomophoneText: only a long text's beginning is read for slips (the
	// scan segments the text again: ~50 µs for a short request, ~14 ms for
	// 10 000 characters); what a request is about comes first.
	maxHomophoneText = 600
	// minSlipWordIDF: a span that is itself a dictionary word is a slip
	// only if the word is rare. 编成 (11.3), 水道 (12.1) may be slips; 心里
	// (8.7), as common as words get in a request, is what was meant.
	minSlipWordIDF = 10
)

// defaultReading is the reading of each character's usual sound, which is
// what a requester typed: a slip is another character offered for the same
// syllables. Vocabulary words are indexed the same way. Empty when a
// character has no reading.
func defaultReading(word string) string {
	var b strings.Builder
	for i, r := range word {
		rd := runeReading(r)
		if rd == "" {
			return ""
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(rd)
	}
	return b.String()
}

// runeReadings caches each character's usual reading: go-pinyin allocates
// per call, and a long request has thousands of spans.
var runeReadings sync.Map // rune → string

func runeReading(r rune) string {
	if v, ok := runeReadings.Load(r); ok {
		return v.(string)
	}
	rd := ""
	if rs := pinyin.SinglePinyin(r, pinyin.NewArgs()); len(rs) > 0 {
		rd = rs[0]
	}
	runeReadings.Store(r, rd)
	return rd
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

func newHomophoneIndex(words []string) homophoneIndex {
	idx := make(homophoneIndex)
	for _, w := range words {
		n := utf8.RuneCountInString(w)
		if n < minHomophoneRunes || n > maxHomophoneRunes || !allHan(w) {
			continue
		}
		// Under the usual readings only: a rarer reading would turn an
		// ordinary phrase into a vocabulary word (敞着, chang zhe, into 长者,
		// which is also read that way).
		if r := defaultReading(w); r != "" && !slices.Contains(idx[r], w) {
			idx[r] = append(idx[r], w)
		}
	}
	return idx
}

// homophones returns the index over the county vocabulary and a's synonym
// terms, built on first use (it needs the loaded dictionary).
func (a *Analyzer) homophones() homophoneIndex {
	a.homOnce.Do(func() {
		Load()
		words := a.syn.Terms()
		for w := range domainWords {
			words = append(words, w)
		}
		slices.Sort(words) // corrections in a stable order
		a.hom = newHomophoneIndex(words)
	})
	return a.hom
}

// isVocabulary reports whether w is a county word or a synonym term.
func (a *Analyzer) isVocabulary(w string) bool {
	return domainWords[w] || a.syn.byTerm[w] != nil
}

// Homophones returns the spans of text whose usual reading is exactly a
// reading of a vocabulary word that they are not, each once, in order of
// appearance. A span is one to three whole segmentation tokens (a slip is cut where it falls, so a
// span never starts or ends inside a token: 七点上课 offers no 点上 for
// 电商), or the start or end of a token the dictionary does not know
// (代货卖), all Han characters, 2–4 of them, none of its tokens a vocabulary
// word: 茶叶也 was typed right, and in 是釉 (到底是釉的问题) the subject 釉
// was typed and is a term already; reading the span again only invents
// another (施釉).
func (a *Analyzer) Homophones(text string) []Correction {
	idx := a.homophones()
	if len(idx) == 0 {
		return nil
	}
	if rs := []rune(text); len(rs) > maxHomophoneText {
		text = string(rs[:maxHomophoneText])
	}
	toks := cut(text, false)
	var out []Correction
	seen := make(map[Correction]bool)
	for i := range toks {
		var span strings.Builder
		runes := 0
		for j := i; j < len(toks) && j < i+maxSpanTokens; j++ {
			t := toks[j]
			if !allHan(t) || a.isVocabulary(t) {
				break
			}
			span.WriteString(t)
			runes += utf8.RuneCountInString(t)
			if runes > maxHomophoneRunes {
				break
			}
			out = a.correct(idx, span.String(), runes, seen, out)
		}
		// A slip the segmenter glued to its neighbour into a word it does
		// not know (直播代货卖 → 代货卖) is looked for at the start and the
		// end of that token; a dictionary word is never cut.
		if rs := []rune(toks[i]); len(rs) > minHomophoneRunes && len(rs) <= maxHomophoneRunes && allHan(toks[i]) {
			if _, word := dictIDF(toks[i]); !word && !a.isVocabulary(toks[i]) {
				for k := minHomophoneRunes; k < len(rs); k++ {
					out = a.correct(idx, string(rs[:k]), k, seen, out)
					out = a.correct(idx, string(rs[len(rs)-k:]), k, seen, out)
				}
			}
		}
	}
	return out
}

// correct appends the vocabulary words that span s (of runes characters)
// reads as, unless s is itself vocabulary, a stopword or too short.
func (a *Analyzer) correct(idx homophoneIndex, s string, runes int, seen map[Correction]bool, out []Correction) []Correction {
	if runes < minHomophoneRunes || a.isVocabulary(s) || stopwords[s] || queryStopwords[s] {
		return out
	}
	r := defaultReading(s)
	if r == "" {
		return out
	}
	idf, word := dictIDF(s)
	if word && idf < minSlipWordIDF {
		return out // a common word (心里, not 心理) is meant
	}
	for _, w := range idx[r] {
		c := Correction{From: s, To: w, Word: word}
		if utf8.RuneCountInString(w) == runes && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// homophoneState is embedded in Analyzer: built once per analyzer, since an
// analyzer's synonyms never change.
type homophoneState struct {
	homOnce sync.Once
	hom     homophoneIndex
}
