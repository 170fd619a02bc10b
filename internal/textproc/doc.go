// Package textproc is the Chinese text analysis shared by the search
// backends and the matcher: normalisation, word segmentation, stopwords,
// synonyms and keyword extraction.
//
// Segmentation is github.com/go-ego/gse (pure Go, no cgo) with its embedded
// simplified-Chinese dictionary, loaded once per process on first use (or
// by Load at start-up), plus a user dictionary of county vocabulary
// (data/userdict.txt: ceramics, tea, agriculture, health, education,
// aviation, emergency, the plan's industries; mixed terms such as 3D打印,
// 5G, AI) and every synonym term, so that each is cut as one word.
// Full-width forms are folded to half-width and Latin is lower-cased first
// (ＡＩ → ai, ５Ｇ → 5g).
//
// Two kinds of stopwords: function words (data/stopwords.txt) are dropped
// everywhere; request phrasing (data/query_stopwords.txt: 请, 需要, 希望,
// 老师, 专家, 讲座 …) only from queries, so "请一位老师来讲讲茶树病虫害"
// asks for 茶树 and 病虫害 while a lecturer's topic keeps its words.
//
// Single characters: documents are cut in search mode (病虫害 also yields
// 病虫, 虫害), and a one-character query term is matched by the backends
// against the indexed words that contain it (see Analyzer.Tokens).
//
// Measured on the 2-core development machine (go test -bench . ./internal/textproc):
//
//	dictionary load (Load)   0.7–0.9 s once per process, 128–135 MB of heap, 352k words
//	Tokens (index, search mode)   7.3 MB/s ≈ 2 400 characters/ms per core
//	Terms (query, precise mode)   6.2 MB/s; a 30-character query ≈ 15 µs
//	Keywords of 1 000 characters  0.47 ms
//
// Indexing is dominated by segmentation: the searchtest generator's profiles
// (≈ 400 bytes of text each) analyse at ≈ 13 000 documents/s per core.
package textproc
