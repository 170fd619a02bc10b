// Package embedded is the default search backend: a pure-Go inverted index
// held in memory and persisted as one append-only file under the server's
// data directory. It needs no other process, which is what lets
// `go run ./cmd/talentd` work on a bare machine.
//
// # Why not bleve
//
// bleve/v2 (v2.6.3, scorch, BM25, the same textproc tokenizer, one term query
// per field and expanded term) was measured on this 2-core machine with the
// searchtest generator's profiles:
//
//	                                  10k docs          100k docs
//	index build                       4.0k docs/s       4.9k docs/s (20.5 s), 90 MB on disk
//	2-term query                      p50 1.3 / p99 9.9 ms    p50 10.3 / p99 35.7 ms
//	  + 2 facets                      p50 2.5 / p99 16.3 ms   p50 20.9 / p99 59.2 ms
//	10 keyword terms + filter, facets p50 5.1 / p99 17.0 ms   p50 48.4 / p99 151.5 ms
//
// against a budget of well under 20 ms p99 at 100k documents for ~10
// weighted terms with filters, and before asking it for matched terms (term
// locations) or single-character expansion. The hand-written index below
// needs only what the matcher asks for — an OR of weighted terms over eight
// boosted fields, bitset filters and facets — and measures (go test -bench .
// ./internal/search/embedded, TALENT_BENCH_DOCS=100000 for the second
// column; the same generator, queries and machine):
//
//	                                      10k docs              100k docs
//	BenchmarkSearchMatch (10 terms,       p50 0.11 / p99 2.3 ms  p50 0.55 / p99 2.3 ms
//	  filter, 2 facets, 50 hits)
//	BenchmarkSearchText (typed search)    p50 0.08 / p99 1.3 ms  p50 0.49 / p99 7.4 ms
//	BenchmarkIndex (batches of 1000)      9.0k docs/s            4.3k docs/s (23 s)
//	BenchmarkLoad (Init of the file)      1.4 s                  19 s
//	heap of the loaded index              7 MB                   56 MB
//
// plus the segmentation dictionary (about 130 MB, once per process). The
// cost is the start-up: Init re-analyses every document (see Storage).
//
// # Storage
//
// The file (<dir>/<name>_v1.log) is a log of JSON records, one per line,
// each prefixed with its CRC-32: a document put, a list of deletions, or the
// full synonym groups. Index and Delete append and fsync before returning, so
// an acknowledged write survives a crash; a torn last line (a crash mid-write
// of an unacknowledged batch) is cut off at the next Init. When the log holds
// more than twice as many records as live documents, it is rewritten with one
// record per live document and atomically renamed over the old one.
//
// The file keeps documents, not postings: Init re-analyses them (in
// parallel), and so does SetSynonyms when officers' synonyms bring new words
// to the segmentation dictionary, so those words match without a reindex.
// Loading costs about as much as indexing (see bench_test.go).
//
// A lock file (<name>_v1.lock) keeps a second process from opening the same
// index: a talentctl reindex must run inside the server or while it is
// stopped.
package embedded

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/textproc"
)

// SchemaVersion is part of the file name. Bump it when the record format
// or the meaning of a Document changes: Init then starts a new, empty index
// (existed = false) for the caller to fill, and leaves the old file alone.
const SchemaVersion = 1

const header = "talent-search-embedded 1\n"

// Index is the embedded backend. Create it with New and call Init before
// anything else.
type Index struct {
	dir, name string

	// wmu serialises writers: the file, its offsets and compaction.
	// Searches never take it, so a file compaction does not stall them.
	wmu     sync.Mutex
	f       *os.File
	size    int64
	records int            // records in the file after the header
	offsets map[int64]span // live document ID → its put record
	unlock  func() error   // releases the lock file
	groups  [][]string     // current synonym groups, as written

	// mu guards the in-memory index and the analyzer.
	mu     sync.RWMutex
	st     *state
	an     *textproc.Analyzer
	closed bool
}

type span struct {
	off int64
	n   int
}

var _ search.Index = (*Index)(nil)

// New returns an index named name (e.g. "experts") stored under dir. It
// touches nothing until Init.
func New(dir, name string) *Index {
	return &Index{dir: dir, name: name}
}

func (x *Index) path() string {
	return filepath.Join(x.dir, fmt.Sprintf("%s_v%d.log", x.name, SchemaVersion))
}

// record is one line of the file.
type record struct {
	Put *search.Document `json:"put,omitempty"`
	Del []int64          `json:"del,omitempty"`
	// Syn is set (possibly to an empty list) in synonym records.
	Syn *[][]string `json:"syn,omitempty"`
}

func encodeLine(r record) []byte {
	js, err := json.Marshal(r)
	if err != nil {
		// A Document has only strings, numbers and bools.
		panic("embedded: marshal record: " + err.Error())
	}
	return fmt.Appendf(nil, "%08x %s\n", crc32.ChecksumIEEE(js), js)
}

func decodeLine(line []byte) (record, bool) {
	var r record
	if len(line) < 10 || line[8] != ' ' || line[len(line)-1] != '\n' {
		return r, false
	}
	js := line[9 : len(line)-1]
	if fmt.Sprintf("%08x", crc32.ChecksumIEEE(js)) != string(line[:8]) {
		return r, false
	}
	return r, json.Unmarshal(js, &r) == nil
}

// Init opens the index file, creating it with the default synonyms when it
// does not exist, and loads it. It returns search.ErrUnavailable when the
// directory cannot be used or another process holds the index.
func (x *Index) Init(ctx context.Context) (bool, error) {
	x.wmu.Lock()
	defer x.wmu.Unlock()
	x.mu.RLock()
	st, closed := x.st, x.closed
	x.mu.RUnlock()
	switch {
	case closed:
		return false, fmt.Errorf("embedded: %w", search.ErrClosed)
	case st != nil:
		return true, nil
	}
	if err := os.MkdirAll(x.dir, 0o755); err != nil {
		return false, fmt.Errorf("embedded: create %s: %v: %w", x.dir, err, search.ErrUnavailable)
	}
	unlock, err := lockFile(strings.TrimSuffix(x.path(), ".log") + ".lock")
	if err != nil {
		return false, fmt.Errorf("embedded: %v: %w", err, search.ErrUnavailable)
	}
	// Leftovers of a compaction or rebuild that a crash interrupted; the
	// lock guarantees nobody is writing them.
	leftovers, _ := filepath.Glob(x.path() + ".*-*")
	for _, p := range leftovers {
		os.Remove(p)
	}
	existed, err := x.load(ctx)
	if err != nil {
		if x.f != nil {
			x.f.Close()
			x.f = nil
		}
		unlock()
		return false, err
	}
	x.unlock = unlock
	return existed, nil
}

// load reads the file into a fresh state, or creates the file.
func (x *Index) load(ctx context.Context) (bool, error) {
	f, err := os.OpenFile(x.path(), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return false, fmt.Errorf("embedded: open index: %v: %w", err, search.ErrUnavailable)
	}
	x.f = f
	info, err := f.Stat()
	if err != nil {
		return false, fmt.Errorf("embedded: stat index: %v: %w", err, search.ErrUnavailable)
	}
	if info.Size() == 0 {
		groups := textproc.DefaultSynonyms().Groups()
		data := append([]byte(header), encodeLine(record{Syn: &groups})...)
		if err := x.writeSync(data); err != nil {
			return false, err
		}
		x.records = 1
		x.offsets = make(map[int64]span)
		x.groups = groups
		x.install(newState(), textproc.NewAnalyzer(textproc.DefaultSynonyms()))
		return false, nil
	}

	rp, err := replay(ctx, f)
	if err != nil {
		return false, err
	}
	if rp.size < info.Size() {
		// A torn tail: the batch it belonged to was never acknowledged,
		// so the outbox will send it again.
		if err := f.Truncate(rp.size); err != nil {
			return false, fmt.Errorf("embedded: truncate torn record: %v: %w", err, search.ErrUnavailable)
		}
	}
	syn, err := textproc.NewSynonyms(rp.groups)
	if err != nil {
		return false, fmt.Errorf("embedded: synonyms in %s: %v: %w", x.path(), err, search.ErrUnavailable)
	}
	an := textproc.NewAnalyzer(syn)
	x.size, x.records, x.offsets, x.groups = rp.size, rp.records, rp.offsets, rp.groups
	x.install(rp.build(an), an)
	return true, nil
}

// replayed is the content of an index file: the last version of each
// document, where its record is, and the last synonym groups.
type replayed struct {
	docs    map[int64]*search.Document
	offsets map[int64]span
	groups  [][]string
	records int
	size    int64 // up to the end of the last good record
}

// replay reads an index file from the start.
func replay(ctx context.Context, f *os.File) (*replayed, error) {
	rp := &replayed{docs: make(map[int64]*search.Document), offsets: make(map[int64]span)}
	r := bufio.NewReaderSize(io.NewSectionReader(f, 0, 1<<62), 1<<20)
	head, err := r.ReadString('\n')
	if err != nil || head != header {
		return nil, fmt.Errorf("embedded: %s is not an index file of this version: %w", f.Name(), search.ErrUnavailable)
	}
	rp.size = int64(len(head))
	for {
		line, _ := r.ReadBytes('\n')
		rec, ok := decodeLine(line)
		if !ok {
			// The end, or a torn tail.
			return rp, nil
		}
		switch {
		case rec.Put != nil:
			rp.docs[rec.Put.ID] = rec.Put
			rp.offsets[rec.Put.ID] = span{rp.size, len(line)}
		case rec.Syn != nil:
			rp.groups = *rec.Syn
		default:
			for _, id := range rec.Del {
				delete(rp.docs, id)
				delete(rp.offsets, id)
			}
		}
		rp.size += int64(len(line))
		rp.records++
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("embedded: load: %w", err)
		}
	}
}

// build analyses the documents into a new state, in ID order.
func (rp *replayed) build(an *textproc.Analyzer) *state {
	ids := slices.Sorted(maps.Keys(rp.docs))
	list := make([]search.Document, len(ids))
	for i, id := range ids {
		list[i] = *rp.docs[id]
	}
	st := newState()
	for _, a := range analyseAll(an, list) {
		st.put(a)
	}
	return st
}

func (x *Index) install(st *state, an *textproc.Analyzer) {
	x.mu.Lock()
	x.st, x.an = st, an
	x.mu.Unlock()
}

// writeSync appends data at the end of the file and fsyncs it.
func (x *Index) writeSync(data []byte) error {
	if _, err := x.f.WriteAt(data, x.size); err != nil {
		return fmt.Errorf("embedded: write index: %v: %w", err, search.ErrUnavailable)
	}
	if err := x.f.Sync(); err != nil {
		return fmt.Errorf("embedded: sync index: %v: %w", err, search.ErrUnavailable)
	}
	x.size += int64(len(data))
	return nil
}

// analyseAll analyses docs on all cores: analysis (segmentation) is most of
// the cost of indexing.
func analyseAll(an *textproc.Analyzer, docs []search.Document) []*analysed {
	out := make([]*analysed, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs)/32+1)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(docs) {
					return
				}
				out[i] = analyse(an, &docs[i])
			}
		})
	}
	wg.Wait()
	return out
}

// current returns the state and analyzer, or ErrClosed.
func (x *Index) current() (*textproc.Analyzer, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.st == nil {
		return nil, fmt.Errorf("embedded: %w (closed or not initialised)", search.ErrClosed)
	}
	return x.an, nil
}

// Ping reports ErrClosed when the index is not open; an open embedded index
// is always available.
func (x *Index) Ping(ctx context.Context) error {
	_, err := x.current()
	return err
}

// Index adds or replaces docs. See search.Index.
func (x *Index) Index(ctx context.Context, docs ...search.Document) error {
	an, err := x.current()
	if err != nil || len(docs) == 0 {
		return err
	}
	as := analyseAll(an, docs)
	var buf bytes.Buffer
	lens := make([]int, len(docs))
	for i := range docs {
		line := encodeLine(record{Put: &docs[i]})
		lens[i] = len(line)
		buf.Write(line)
	}

	x.wmu.Lock()
	defer x.wmu.Unlock()
	if err := x.checkOpen(); err != nil {
		return err
	}
	off := x.size
	if err := x.writeSync(buf.Bytes()); err != nil {
		return err
	}
	x.records += len(docs)
	for i := range docs {
		x.offsets[docs[i].ID] = span{off, lens[i]}
		off += int64(lens[i])
	}
	x.mu.Lock()
	for _, a := range as {
		x.st.put(a)
	}
	if x.st.needsCompaction() {
		x.st.compact()
	}
	x.mu.Unlock()
	return x.maybeCompactFile()
}

func (x *Index) checkOpen() error {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.st == nil {
		return fmt.Errorf("embedded: %w", search.ErrClosed)
	}
	return nil
}

// Delete removes documents. See search.Index.
func (x *Index) Delete(ctx context.Context, ids ...int64) error {
	if _, err := x.current(); err != nil || len(ids) == 0 {
		return err
	}
	x.wmu.Lock()
	defer x.wmu.Unlock()
	if err := x.checkOpen(); err != nil {
		return err
	}
	if err := x.writeSync(encodeLine(record{Del: ids})); err != nil {
		return err
	}
	x.records++
	x.mu.Lock()
	for _, id := range ids {
		x.st.del(id)
		delete(x.offsets, id)
	}
	if x.st.needsCompaction() {
		x.st.compact()
	}
	x.mu.Unlock()
	return x.maybeCompactFile()
}

// maybeCompactFile rewrites the file once it holds more than twice as many
// records as live documents (plus slack, so small indexes are not
// rewritten on every update). Caller holds wmu.
func (x *Index) maybeCompactFile() error {
	if x.records <= 2*len(x.offsets)+1000 {
		return nil
	}
	tmp, err := os.CreateTemp(x.dir, filepath.Base(x.path())+".compact-*")
	if err != nil {
		return fmt.Errorf("embedded: compact: %v: %w", err, search.ErrUnavailable)
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 1<<20)
	w.WriteString(header)
	syn := encodeLine(record{Syn: &x.groups})
	w.Write(syn)
	size := int64(len(header) + len(syn))
	ids := make([]int64, 0, len(x.offsets))
	for id := range x.offsets {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	offsets := make(map[int64]span, len(ids))
	buf := make([]byte, 0, 4096)
	for _, id := range ids {
		sp := x.offsets[id]
		buf = slices.Grow(buf[:0], sp.n)[:sp.n]
		if _, err := x.f.ReadAt(buf, sp.off); err != nil {
			return fmt.Errorf("embedded: compact: read: %v: %w", err, search.ErrUnavailable)
		}
		w.Write(buf)
		offsets[id] = span{size, sp.n}
		size += int64(sp.n)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("embedded: compact: write: %v: %w", err, search.ErrUnavailable)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("embedded: compact: sync: %v: %w", err, search.ErrUnavailable)
	}
	if err := replaceFile(tmp.Name(), x.path()); err != nil {
		return err
	}
	ok = true
	x.f.Close()
	x.f, x.size, x.records, x.offsets = tmp, size, len(ids)+1, offsets
	return nil
}

// replaceFile renames from over to and syncs the directory, so the rename
// itself survives a crash.
func replaceFile(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("embedded: rename %s: %v: %w", from, err, search.ErrUnavailable)
	}
	if d, err := os.Open(filepath.Dir(to)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// SetSynonyms replaces the synonym groups. See search.Index. When the groups
// bring words new to the segmentation dictionary, the documents are
// re-analysed from the file so that those words match at once; searches
// continue on the old state meanwhile.
func (x *Index) SetSynonyms(ctx context.Context, groups [][]string) error {
	if _, err := x.current(); err != nil {
		return err
	}
	syn, err := textproc.NewSynonyms(groups)
	if err != nil {
		return fmt.Errorf("embedded: %w", err)
	}
	an := textproc.NewAnalyzer(syn)
	norm := syn.Groups()
	x.wmu.Lock()
	defer x.wmu.Unlock()
	if err := x.checkOpen(); err != nil {
		return err
	}
	if err := x.writeSync(encodeLine(record{Syn: &norm})); err != nil {
		return err
	}
	x.records++
	x.groups = norm
	x.mu.Lock()
	x.an = an
	stale := x.st.dictVersion != textproc.DictVersion()
	x.mu.Unlock()
	if stale {
		// New synonym words changed the segmentation: documents must be
		// cut again for the new words to match. Searches go on with the
		// old state meanwhile.
		rp, err := replay(ctx, x.f)
		if err != nil {
			return err
		}
		x.install(rp.build(an), an)
	}
	return x.maybeCompactFile()
}

// Search runs q. See search.Index.
func (x *Index) Search(ctx context.Context, q search.Query) (*search.Result, error) {
	if err := q.Validate(); err != nil {
		return nil, fmt.Errorf("embedded: %w", err)
	}
	an, err := x.current()
	if err != nil {
		return nil, err
	}
	terms, hasText := queryTerms(an, &q)
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.st == nil {
		return nil, fmt.Errorf("embedded: %w", search.ErrClosed)
	}
	if hasText && len(terms) == 0 {
		// Text made only of stopwords and request phrasing asks for
		// nothing; matching every document would be a surprising answer.
		res := &search.Result{}
		if len(q.Facets) > 0 {
			res.Facets = make(map[string]map[string]int)
			for _, f := range q.Facets {
				res.Facets[f] = map[string]int{}
			}
		}
		return res, nil
	}
	return x.st.search(x.an, &q, terms), nil
}

// queryTerms returns q's weighted terms, normalised, and whether q asked
// for text at all. Text longer than MaxTerms terms is reduced to its
// MaxTerms most informative ones.
func queryTerms(an *textproc.Analyzer, q *search.Query) ([]textproc.Term, bool) {
	if len(q.Terms) > 0 {
		var out []textproc.Term
		pos := make(map[string]int)
		for _, t := range q.Terms {
			n := textproc.Normalize(t.Text)
			if n == "" {
				continue
			}
			if i, ok := pos[n]; ok {
				out[i].Weight = max(out[i].Weight, t.Weight)
				continue
			}
			pos[n] = len(out)
			out = append(out, textproc.Term{Text: n, Weight: t.Weight})
		}
		return out, true
	}
	if strings.TrimSpace(q.Text) == "" {
		return nil, false
	}
	terms := an.Terms(q.Text)
	if len(terms) > search.MaxTerms {
		terms = an.Keywords(q.Text, search.MaxTerms)
	}
	return terms, true
}

// Count returns the number of documents. See search.Index.
func (x *Index) Count(ctx context.Context) (int, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.st == nil {
		return 0, fmt.Errorf("embedded: %w", search.ErrClosed)
	}
	return x.st.nLive, nil
}

// Versions returns every document's version. See search.Index.
func (x *Index) Versions(ctx context.Context) (map[int64]int, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.st == nil {
		return nil, fmt.Errorf("embedded: %w", search.ErrClosed)
	}
	out := make(map[int64]int, x.st.nLive)
	for id, slot := range x.st.slotOf {
		out[id] = x.st.versions[slot]
	}
	return out, nil
}

// IDF is the index's inverse document frequency of a normalised term, for
// textproc.Analyzer.WithIDF: rarity in this roster rather than in general
// Chinese. It reports false for terms no document contains.
func (x *Index) IDF(term string) (float64, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.st == nil {
		return 0, false
	}
	id, ok := x.st.termID[term]
	if !ok {
		return 0, false
	}
	df := x.st.df(id)
	if df == 0 {
		return 0, false
	}
	return x.st.idf(df), true
}

// Close releases the file and the lock. The index cannot be used again.
func (x *Index) Close() error {
	x.wmu.Lock()
	defer x.wmu.Unlock()
	x.mu.Lock()
	x.st, x.closed = nil, true
	x.mu.Unlock()
	var errs []error
	if x.f != nil {
		errs = append(errs, x.f.Close())
		x.f = nil
	}
	if x.unlock != nil {
		errs = append(errs, x.unlock())
		x.unlock = nil
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("embedded: close: %w", err)
	}
	return nil
}
