// Package meili is the production search backend: Meilisearch through
// meilisearch-go.
//
// Chinese: every attribute is localized as zho, so Meilisearch segments
// documents and queries with its Chinese segmenter. Queries are analysed with
// textproc first (request phrasing and stopwords dropped) and sent as the
// space-separated terms, heaviest first, because Meilisearch reads only the
// first ten words of a query. A "chars" attribute, searched last, holds each
// profile's distinct Han characters, so that a single-character query (瓷)
// finds words containing it (陶瓷, 瓷器), which Meilisearch's prefix search
// alone only does for words that start with it.
//
// Writes are Meilisearch tasks: each is awaited with a deadline, and a task
// that ends failed or canceled is an error (meilisearch-go's WaitForTask
// returns a nil error for those).
//
// A query of several terms runs as a federated multi-search (see
// federated in search.go): Meilisearch has no OR of words, so all terms
// are searched together and each alone. Measured figures, and the
// strategies compared, are in the README ("Speed") and TestStrategies.
// The client does not ask for gzip: see httpClient.
package meili

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/meilisearch/meilisearch-go"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/textproc"
)

// SchemaVersion is part of the index uid (experts_v1). Bump it when the
// document shape or the settings change in a way that needs a full reindex:
// Init then creates the new index (existed = false) and leaves the old one.
const SchemaVersion = 1

// DefaultTaskTimeout bounds the wait for one write task when the caller's
// context has no earlier deadline.
const DefaultTaskTimeout = 60 * time.Second

// Searchable attributes, most important first: Meilisearch's attribute
// ranking rule follows this order.
var searchableAttributes = []string{
	"name", "expertise", "topicTitles", "fields",
	"title", "organization",
	"bio", "topicTexts",
	"chars",
}

// rankingRules: attribute comes before proximity because the matcher's
// queries are bags of keywords whose order says nothing, while the field a
// term is found in says a lot; sort is last and decides only for queries
// without words (ascending ID, like the embedded backend).
var rankingRules = []string{"words", "typo", "attribute", "proximity", "exactness", "sort"}

// Highlight tags for recovering matched terms; control characters that
// profiles never contain (document builds strip them).
const (
	preTag  = "\x02"
	postTag = "\x03"
)

// Options configures an Index.
type Options struct {
	URL, APIKey string
	// Name is the index's base name; the uid is Name_v<SchemaVersion>.
	Name string
	// TaskTimeout bounds each task wait; 0 means DefaultTaskTimeout.
	TaskTimeout time.Duration
}

// Index is the Meilisearch backend.
type Index struct {
	cli     meilisearch.ServiceManager
	uid     string
	timeout time.Duration
	an      *textproc.Analyzer // analyses queries; synonyms are Meilisearch's
	// syn is the index's synonym list as last read or set by this process:
	// federated searches expand synonyms themselves (see termWeight).
	// Another replica may change it: it is read again after synonymTTL.
	syn        atomic.Pointer[synonymList]
	refreshing atomic.Bool
	closed     atomic.Bool
}

var _ search.Index = (*Index)(nil)

// New returns an index; nothing is sent to the server until Init.
func New(o Options) *Index {
	x := &Index{
		cli:     meilisearch.New(o.URL, meilisearch.WithAPIKey(o.APIKey), meilisearch.WithCustomClient(httpClient())),
		uid:     fmt.Sprintf("%s_v%d", o.Name, SchemaVersion),
		timeout: o.TaskTimeout,
		an:      textproc.Default(),
	}
	if x.timeout == 0 {
		x.timeout = DefaultTaskTimeout
	}
	return x
}

// UID returns the Meilisearch index uid.
func (x *Index) UID() string { return x.uid }

// doc is the document as stored in Meilisearch.
type doc struct {
	ID                  int64    `json:"id"`
	Version             int      `json:"version"`
	Name                string   `json:"name"`
	Title               string   `json:"title"`
	Organization        string   `json:"organization"`
	Bio                 string   `json:"bio"`
	Fields              []string `json:"fields"`
	Expertise           []string `json:"expertise"`
	TopicTitles         []string `json:"topicTitles"`
	TopicTexts          []string `json:"topicTexts"`
	Chars               string   `json:"chars"`
	Registries          []string `json:"registries"`
	Statuses            []string `json:"statuses"`
	RegistryStatus      []string `json:"registryStatus"`
	Places              []string `json:"places"`
	Audiences           []string `json:"audiences"`
	EmergencyCategories []string `json:"emergencyCategories"`
	OnCall              bool     `json:"onCall"`
}

// stripTags removes the highlight tag characters from indexed text.
var stripTags = strings.NewReplacer(preTag, "", postTag, "")

func toDoc(d *search.Document) doc {
	// Traditional characters are folded here: Meilisearch does not, and
	// queries arrive folded (textproc.Normalize).
	text := func(s string) string { return textproc.Simplify(stripTags.Replace(s)) }
	clean := func(list []string) []string {
		out := make([]string, len(list))
		for i, s := range list {
			out[i] = text(s)
		}
		return out
	}
	m := doc{
		ID: d.ID, Version: d.Version,
		Name: text(d.Name), Title: text(d.Title),
		Organization: text(d.Organization), Bio: text(d.Bio),
		Fields: clean(d.Fields), Expertise: clean(d.Expertise),
		TopicTitles: clean(d.TopicTitles), TopicTexts: clean(d.TopicTexts),
		Places:    append([]string{}, d.ServiceTownships...),
		Audiences: append([]string{}, d.Audiences...), EmergencyCategories: append([]string{}, d.EmergencyCategories...),
		OnCall: d.OnCall,
	}
	if d.Township != "" {
		m.Places = append(m.Places, d.Township)
	}
	for _, ms := range d.Memberships {
		m.Registries = append(m.Registries, ms.Registry)
		m.Statuses = append(m.Statuses, ms.Status)
		m.RegistryStatus = append(m.RegistryStatus, search.MembershipKey(ms.Registry, ms.Status))
	}
	var b strings.Builder
	seen := make(map[rune]bool)
	for _, s := range slices.Concat([]string{m.Name, m.Title, m.Organization, m.Bio}, m.Fields, m.Expertise, m.TopicTitles, m.TopicTexts) {
		for _, r := range s {
			if unicode.Is(unicode.Han, r) && !seen[r] {
				seen[r] = true
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteRune(r)
			}
		}
	}
	m.Chars = b.String()
	return m
}

// settings are applied by Init on every start (idempotent), except the
// synonyms, which belong to the officers and are set only on creation and
// by SetSynonyms.
func settings() *meilisearch.Settings {
	return &meilisearch.Settings{
		SearchableAttributes: searchableAttributes,
		FilterableAttributes: filterableAttributes,
		SortableAttributes:   []string{"id"},
		RankingRules:         rankingRules,
		LocalizedAttributes:  []*meilisearch.LocalizedAttributes{{Locales: []string{"zho"}, AttributePatterns: []string{"*"}}},
		// Every field is set: a partial TypoTolerance has Enabled false
		// and would silently turn typos off. Chinese words are 1–4
		// characters, under the one-typo threshold, so typos only apply to
		// Latin words (python, covid); never to the character list.
		TypoTolerance: &meilisearch.TypoTolerance{
			Enabled:             true,
			MinWordSizeForTypos: meilisearch.MinWordSizeForTypos{OneTypo: 5, TwoTypos: 9},
			DisableOnWords:      []string{},
			DisableOnAttributes: []string{"chars"},
			DisableOnNumbers:    true,
		},
		// Deep pages cost the same as in the embedded index: none past
		// MaxWindow.
		Pagination: &meilisearch.Pagination{MaxTotalHits: search.MaxWindow},
		Faceting:   &meilisearch.Faceting{MaxValuesPerFacet: 100, SortFacetValuesBy: map[string]meilisearch.SortFacetType{"*": meilisearch.SortFacetTypeCount}},
	}
}

// Init creates the index with its settings and the default synonyms, or
// updates the settings of an existing one. Several replicas may call it at
// once. Returns search.ErrUnavailable.
func (x *Index) Init(ctx context.Context) (bool, error) {
	if err := x.checkOpen(); err != nil {
		return false, err
	}
	existed := true
	if _, err := x.cli.GetIndex(ctx, x.uid); err != nil {
		if !isCode(err, meilisearch.APIErrCodeIndexNotFound) {
			return false, wrap("get index", err)
		}
		existed = false
		if err := x.createIndex(ctx, x.uid); err != nil {
			return false, err
		}
	}
	s := settings()
	if !existed {
		s.Synonyms = textproc.DefaultSynonyms().Map()
	}
	task, err := x.cli.Index(x.uid).UpdateSettings(ctx, s)
	if err := x.wait(ctx, "update settings", task, err); err != nil {
		return false, err
	}
	if err := x.loadSynonyms(ctx, x.uid); err != nil {
		return false, err
	}
	return existed, nil
}

// createIndex creates uid; one created concurrently by another replica is
// fine.
func (x *Index) createIndex(ctx context.Context, uid string) error {
	task, err := x.cli.CreateIndex(ctx, &meilisearch.IndexConfig{Uid: uid, PrimaryKey: "id"})
	err = x.wait(ctx, "create index", task, err)
	if err != nil && !isCode(err, meilisearch.APIErrCodeIndexAlreadyExists) {
		return err
	}
	return nil
}

// loadSynonyms adds the index's synonym terms to the segmentation
// dictionary, so that query analysis keeps each one whole, as Meilisearch
// matches it.
func (x *Index) loadSynonyms(ctx context.Context, uid string) error {
	m, err := x.cli.Index(uid).GetSynonyms(ctx)
	if err != nil {
		return wrap("get synonyms", err)
	}
	for w := range *m {
		textproc.AddWords(w)
	}
	x.setSynonymMap(*m)
	return nil
}

// synonymTTL is how long a replica searches with the synonym list it read
// before reading it again (another replica's officer may have changed it).
const synonymTTL = time.Minute

type synonymList struct {
	m    map[string][]string
	read time.Time
}

// setSynonymMap keeps the synonym list normalised as query terms are,
// without a term among its own synonyms, so that searches use it as is.
func (x *Index) setSynonymMap(m map[string][]string) {
	n := make(map[string][]string, len(m))
	for k, vs := range m {
		if k = textproc.Normalize(k); k == "" {
			continue
		}
		for _, v := range vs {
			if v = textproc.Normalize(v); v != "" && v != k && !slices.Contains(n[k], v) {
				n[k] = append(n[k], v)
			}
		}
	}
	x.syn.Store(&synonymList{m: n, read: time.Now()})
}

// synonymMap returns the synonym list; when it is older than synonymTTL
// it is read again in the background (the search in hand uses the old one).
func (x *Index) synonymMap() map[string][]string {
	l := x.syn.Load()
	if l == nil {
		return nil
	}
	if time.Since(l.read) > synonymTTL && x.refreshing.CompareAndSwap(false, true) {
		go func() {
			defer x.refreshing.Store(false)
			ctx, cancel := context.WithTimeout(context.Background(), x.timeout)
			defer cancel()
			if x.checkOpen() != nil {
				return
			}
			if err := x.loadSynonyms(ctx, x.uid); err != nil {
				// Keep searching with the old list; try again after a while.
				x.syn.Store(&synonymList{m: l.m, read: time.Now()})
			}
		}()
	}
	return l.m
}

func (x *Index) checkOpen() error {
	if x.closed.Load() {
		return fmt.Errorf("meili: %w", search.ErrClosed)
	}
	return nil
}

// Ping checks that Meilisearch is available. Returns search.ErrUnavailable.
func (x *Index) Ping(ctx context.Context) error {
	if err := x.checkOpen(); err != nil {
		return err
	}
	h, err := x.cli.Health(ctx)
	if err != nil {
		return wrap("health", err)
	}
	if h.Status != "available" {
		return fmt.Errorf("meili: health status %q: %w", h.Status, search.ErrUnavailable)
	}
	return nil
}

// Index adds or replaces documents and waits until they are searchable.
func (x *Index) Index(ctx context.Context, docs ...search.Document) error {
	return x.addDocuments(ctx, x.uid, docs)
}

func (x *Index) addDocuments(ctx context.Context, uid string, docs []search.Document) error {
	if err := x.checkOpen(); err != nil || len(docs) == 0 {
		return err
	}
	ms := make([]doc, len(docs))
	for i := range docs {
		ms[i] = toDoc(&docs[i])
	}
	pk := "id"
	// Add replaces whole documents (Update would merge fields, keeping a
	// list the new version emptied).
	task, err := x.cli.Index(uid).AddDocuments(ctx, ms, &meilisearch.DocumentOptions{PrimaryKey: &pk})
	return x.wait(ctx, "add documents", task, err)
}

// Delete removes documents by ID.
func (x *Index) Delete(ctx context.Context, ids ...int64) error {
	if err := x.checkOpen(); err != nil || len(ids) == 0 {
		return err
	}
	task, err := x.cli.Index(x.uid).DeleteDocuments(ctx, idStrings(ids), nil)
	return x.wait(ctx, "delete documents", task, err)
}

// SetSynonyms replaces the synonym groups. Meilisearch matches synonyms of up
// to three words; a Chinese term is usually one or two.
func (x *Index) SetSynonyms(ctx context.Context, groups [][]string) error {
	if err := x.checkOpen(); err != nil {
		return err
	}
	syn, err := textproc.NewSynonyms(groups)
	if err != nil {
		return fmt.Errorf("meili: %w", err)
	}
	textproc.AddWords(syn.Terms()...)
	m := syn.Map()
	task, err := x.cli.Index(x.uid).UpdateSynonyms(ctx, &m)
	if err := x.wait(ctx, "update synonyms", task, err); err != nil {
		return err
	}
	x.setSynonymMap(m)
	return nil
}

// Count returns the number of documents.
func (x *Index) Count(ctx context.Context) (int, error) {
	if err := x.checkOpen(); err != nil {
		return 0, err
	}
	st, err := x.cli.Index(x.uid).GetStats(ctx, nil)
	if err != nil {
		return 0, wrap("stats", err)
	}
	return int(st.NumberOfDocuments), nil
}

// Versions pages through every document's id and version.
func (x *Index) Versions(ctx context.Context) (map[int64]int, error) {
	if err := x.checkOpen(); err != nil {
		return nil, err
	}
	out := make(map[int64]int)
	const page = 1000
	for off := int64(0); ; off += page {
		var res meilisearch.DocumentsResult
		err := x.cli.Index(x.uid).GetDocuments(ctx, &meilisearch.DocumentsQuery{Offset: off, Limit: page, Fields: []string{"id", "version"}}, &res)
		if err != nil {
			return nil, wrap("get documents", err)
		}
		for _, h := range res.Results {
			var d struct {
				ID      int64 `json:"id"`
				Version int   `json:"version"`
			}
			if err := h.DecodeInto(&d); err != nil {
				return nil, fmt.Errorf("meili: decode document: %w", err)
			}
			out[d.ID] = d.Version
		}
		if off+page >= res.Total {
			return out, nil
		}
	}
}

// Drop deletes the index and its documents from the server: for throwaway
// indexes (talentctl eval). Production indexes are never dropped.
func (x *Index) Drop(ctx context.Context) error {
	task, err := x.cli.DeleteIndex(ctx, x.uid)
	return x.wait(ctx, "delete index", task, err)
}

// Close marks the index closed; there is no connection to release.
func (x *Index) Close() error {
	x.closed.Store(true)
	return nil
}

// wait awaits a task under a deadline and turns a failed or canceled task
// into an error. err is the error of the call that enqueued it.
func (x *Index) wait(ctx context.Context, op string, info *meilisearch.TaskInfo, err error) error {
	if err != nil {
		return wrap(op, err)
	}
	ctx, cancel := context.WithTimeout(ctx, x.timeout)
	defer cancel()
	task, err := x.cli.WaitForTask(ctx, info.TaskUID, 20*time.Millisecond)
	if err != nil {
		return wrap(op+": wait for task "+strconv.FormatInt(info.TaskUID, 10), err)
	}
	switch task.Status {
	case meilisearch.TaskStatusSucceeded:
		return nil
	case meilisearch.TaskStatusFailed:
		return &taskError{op: op, uid: info.TaskUID, code: task.Error.Code, msg: task.Error.Message}
	default:
		return fmt.Errorf("meili: %s: task %d ended %s", op, info.TaskUID, task.Status)
	}
}

// taskError is a task Meilisearch accepted and then failed.
type taskError struct {
	op, msg string
	uid     int64
	code    meilisearch.APIErrCode
}

func (e *taskError) Error() string {
	return fmt.Sprintf("meili: %s: task %d failed: %s (%s)", e.op, e.uid, e.msg, e.code)
}

// Unwrap classifies failures of the engine itself (internal errors, a full
// disk) as unavailability; the others are faults of the request.
func (e *taskError) Unwrap() error {
	switch e.code {
	case "internal", "io_error", "no_space_left_on_device", "database_size_limit_reached", "too_many_open_files":
		return search.ErrUnavailable
	}
	return nil
}

func isCode(err error, code meilisearch.APIErrCode) bool {
	var me *meilisearch.Error
	if errors.As(err, &me) && me.APIError.Code == code {
		return true
	}
	var te *taskError
	return errors.As(err, &te) && te.code == code
}

// wrap prefixes err with the operation and marks outages — no answer, a
// timeout, a 5xx or 429, a deadline — as search.ErrUnavailable.
func wrap(op string, err error) error {
	var me *meilisearch.Error
	if errors.As(err, &me) {
		switch {
		case me.ErrCode == meilisearch.TimeoutError || me.ErrCode == meilisearch.CommunicationError || me.ErrCode == meilisearch.MaxRetriesExceeded,
			me.StatusCode >= 500, me.StatusCode == 429:
			return fmt.Errorf("meili: %s: %v: %w", op, err, search.ErrUnavailable)
		}
		return fmt.Errorf("meili: %s: %w", op, err)
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return fmt.Errorf("meili: %s: %v: %w", op, err, search.ErrUnavailable)
	}
	return fmt.Errorf("meili: %s: %w", op, err)
}

// httpClient is meilisearch-go's default transport without gzip:
// Meilisearch's chunked gzip responses wait about 40 ms for the client's
// delayed ACK on kept-alive connections (a 10-hit search: 44 ms with gzip,
// 0.5 ms without). Responses travel over loopback or a LAN, where
// compression buys nothing.
func httpClient() *http.Client {
	return &http.Client{Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   100,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
		DisableCompression:    true,
	}}
}
