package textproc

import (
	_ "embed"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
	"golang.org/x/text/width"
)

var (
	//go:embed data/userdict.txt
	userDictText string
	//go:embed data/stopwords.txt
	stopwordsText string
	//go:embed data/query_stopwords.txt
	queryStopwordsText string
)

// userWordFreq is the dictionary frequency given to domain words. The
// segmenter picks the path with the highest product of word probabilities;
// at this frequency (that of a common word such as 研究) a domain word beats
// any split of it, yet it does not swallow its neighbours.
const userWordFreq = 50000

// The segmenter is process-wide: its dictionary costs about 135 MB and most
// of a second to build, so it is loaded once, on first use. gse's dictionary
// is a trie that is not safe to modify while it is read, so cutting takes the
// read lock and AddWords the write lock.
var (
	segOnce  sync.Once
	segMu    sync.RWMutex
	seg      gse.Segmenter
	segStats LoadStats

	// dictVersion counts AddWords calls that changed the dictionary, so an
	// index can tell whether text it analysed earlier would now be cut
	// differently.
	dictVersion atomic.Int64

	stopwords      = wordSet(stopwordsText)
	queryStopwords = wordSet(queryStopwordsText)
	// domainWords are the user dictionary and the default synonym terms: the
	// vocabulary the county cares about, which Keywords rates as rare.
	domainWords map[string]bool
)

// LoadStats describes the one-time loading of the segmentation dictionary.
type LoadStats struct {
	Duration  time.Duration // wall time of the load
	HeapBytes int64         // growth of the live heap across the load
	Words     int           // dictionary entries after the load
}

// Load loads the segmentation dictionary now instead of on first use, so a
// server can pay the cost at start-up rather than in its first request, and
// returns how long it took and how much memory it holds. It is safe to call
// any number of times from any goroutine.
func Load() LoadStats {
	segOnce.Do(load)
	return segStats
}

func load() {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()

	seg.SkipLog = true
	seg.Dict = gse.NewDict()
	seg.Init()
	// Domain words go in first: gse keeps the first frequency it sees for a
	// word, so they keep userWordFreq even where the general dictionary has
	// them rarer, and the dictionary's path costs are computed once, by the
	// load below, for all words (computing them twice costs 0.3 s).
	// Single characters are already in the dictionary and are left alone:
	// raising one would make the segmenter split words around it.
	domainWords = make(map[string]bool)
	addDomain := func(word string, freq float64) {
		domainWords[word] = true
		if utf8.RuneCountInString(word) > 1 {
			// AddToken fails only for an empty word.
			_ = seg.AddToken(word, freq, "n")
		}
	}
	for _, line := range strings.Split(userDictText, "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		freq := float64(userWordFreq)
		if len(fields) > 1 {
			if f, err := strconv.ParseFloat(fields[1], 64); err == nil && f > 0 {
				freq = f
			}
		}
		addDomain(Normalize(fields[0]), freq)
	}
	for _, w := range DefaultSynonyms().Terms() {
		addDomain(w, userWordFreq)
	}
	// zh_s is the simplified-Chinese dictionary; the traditional one would
	// add 70 MB for text this county never writes.
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		// The dictionary is compiled into the binary: failing to parse it is
		// a build defect, not a runtime condition.
		panic(fmt.Sprintf("textproc: load embedded dictionary: %v", err))
	}

	segStats.Duration = time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	segStats.HeapBytes = int64(after.HeapAlloc) - int64(before.HeapAlloc)
	segStats.Words = seg.Dict.NumTokens()
}

// AddWords adds words to the process-wide segmentation dictionary so that
// they are cut as units, as officers' synonym terms must be. Words already
// known are skipped. Text analysed before a word was added keeps its old
// segmentation: indexes compare DictVersion to know when to re-analyse.
func AddWords(words ...string) {
	Load()
	var add []string
	segMu.RLock()
	for _, w := range words {
		w = Normalize(w)
		if w == "" {
			continue
		}
		if _, _, ok := seg.Find(w); !ok {
			add = append(add, w)
		}
	}
	segMu.RUnlock()
	if len(add) == 0 {
		return
	}
	segMu.Lock()
	defer segMu.Unlock()
	for _, w := range add {
		_ = seg.AddToken(w, userWordFreq, "n")
	}
	seg.CalcToken()
	dictVersion.Add(1)
}

// DictVersion changes whenever AddWords adds a word. Text analysed under an
// older version may be segmented differently now.
func DictVersion() int64 { return dictVersion.Load() }

// Normalize folds full-width forms to half-width (ＡＢＣ５Ｇ → abc5g, the
// ideographic space to a space), traditional characters to simplified
// (茶葉 → 茶叶), lower-cases Latin letters and trims space. Every term that
// is indexed, queried or listed as a synonym goes through it.
func Normalize(s string) string {
	return strings.TrimSpace(strings.ToLower(Simplify(width.Fold.String(strings.Map(controlToSpace, s)))))
}

// controlToSpace turns control characters (NUL, the highlight tags a
// search engine uses, stray escapes) into spaces: they separate words, they
// are never part of one.
func controlToSpace(r rune) rune {
	if unicode.IsControl(r) {
		return ' '
	}
	return r
}

// cut segments normalised text. search selects gse's search mode, which
// also emits the dictionary words inside a longer word (病虫害 → 病虫, 虫害,
// 病虫害): documents are cut that way so a query for a part still matches.
func cut(text string, search bool) []string {
	Load()
	text = Normalize(text)
	if text == "" {
		return nil
	}
	segMu.RLock()
	defer segMu.RUnlock()
	if search {
		return seg.CutSearch(text, true)
	}
	return seg.Cut(text, true)
}

// dictIDF is the rarity of a word from its dictionary frequency,
// ln(total/freq), and false for words the dictionary does not know.
func dictIDF(word string) (float64, bool) {
	segMu.RLock()
	defer segMu.RUnlock()
	freq, _, ok := seg.Find(word)
	if !ok || freq <= 0 {
		return 0, false
	}
	total := seg.Dict.TotalFreq()
	if total <= freq {
		return 0, true
	}
	return math.Log(total / freq), true
}

// dictEntry returns the dictionary's frequency and part of speech for word.
func dictEntry(word string) (freq float64, pos string, ok bool) {
	segMu.RLock()
	defer segMu.RUnlock()
	freq, pos, ok = seg.Find(word)
	return freq, pos, ok && freq > 0
}

// functionPOS are the dictionary's part-of-speech tags of words that never
// say what a request is about: time words (前年, 早上), numerals and
// quantities (三十多, 好多), pronouns (他家, 这), place words (隔壁, 山里),
// adverbs, prepositions, conjunctions, particles, locatives, measure words,
// modal particles and interjections.
var functionPOS = map[string]bool{
	"t": true, "tg": true, "m": true, "mq": true, "r": true, "rg": true, "rr": true, "rz": true,
	"s": true, "d": true, "dg": true, "p": true, "c": true, "u": true, "uj": true, "ul": true,
	"uz": true, "uv": true, "ud": true, "ug": true, "f": true, "q": true, "y": true, "e": true, "o": true,
}

// isFunctionWord reports whether the dictionary tags word with a function
// part of speech (functionPOS). Words it lacks are not.
func isFunctionWord(word string) bool {
	segMu.RLock()
	defer segMu.RUnlock()
	_, pos, ok := seg.Find(word)
	return ok && functionPOS[pos]
}

// isContent reports whether a token can carry meaning: it has a letter or a
// Han character. Punctuation, spaces and bare numbers (years, counts) are
// dropped; "5g" and "3d打印" stay.
func isContent(tok string) bool {
	for _, r := range tok {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func wordSet(text string) map[string]bool {
	m := make(map[string]bool)
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			m[Normalize(w)] = true
		}
	}
	return m
}
