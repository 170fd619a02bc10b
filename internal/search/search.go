// Package search defines the full-text index of expert profiles: the
// documents it holds, the typed queries it answers, and the Index interface
// that each engine implements (embedded for the pure-Go default under the
// data directory, meili for Meilisearch in production). One conformance
// suite, searchtest.Run, holds both to the same behaviour.
//
// The index is derived data. The database is the source of truth; writes
// reach the index through the outbox, so an index that is down, stale or
// rebuilt loses nothing. Callers that can degrade (show database results,
// retry later) test errors with errors.Is(err, ErrUnavailable).
package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/fuliang/talent/internal/textproc"
)

// Errors returned by every Index implementation, wrapped; test with
// errors.Is.
var (
	// ErrUnavailable: the search engine cannot be reached or is not
	// answering (connection refused, timeout, 5xx, a task that never
	// finished). The same call may succeed later.
	ErrUnavailable = errors.New("search: search engine unavailable")
	// ErrInvalidQuery: the query or filter is malformed (negative limit,
	// window too deep, unknown facet, too many filter values). Retrying it
	// will not help.
	ErrInvalidQuery = errors.New("search: invalid query")
	// ErrClosed: the Index was closed.
	ErrClosed = errors.New("search: index closed")
)

// Limits shared by all backends, so a query that works on one works on all.
const (
	DefaultLimit = 20
	// MaxWindow bounds Offset+Limit: ranking deep pages is wasted work, and
	// Meilisearch cannot page past its maxTotalHits (which the meili backend
	// sets to this value).
	MaxWindow = 1000
	// MaxFilterValues bounds each list of a Filter.
	MaxFilterValues = 100
	// MaxTerms bounds Query.Terms and the analysed terms of Query.Text.
	MaxTerms = 64
)

// Facet names, the allow-list for Query.Facets.
const (
	FacetRegistry          = "registry"
	FacetStatus            = "status"
	FacetTownship          = "township" // counts the township and the service townships
	FacetAudience          = "audience"
	FacetEmergencyCategory = "emergencyCategory"
	FacetOnCall            = "onCall" // values "true" and "false"
)

// Facets lists the allowed facet names.
var Facets = []string{FacetRegistry, FacetStatus, FacetTownship, FacetAudience, FacetEmergencyCategory, FacetOnCall}

// Membership is one registry membership as the index sees it.
type Membership struct {
	Registry string // talent.Registry
	Status   string // talent.MembershipStatus
}

// Document is what the index holds for one expert: the searchable text and
// the filterable attributes. Contact data is never indexed.
type Document struct {
	ID      int64
	Version int // the expert's version, so drift checks can compare with the database

	// Searchable text, by field group (see the boosts in each backend):
	// Name, Expertise, TopicTitles and Fields weigh most; Title and
	// Organization less; Bio and TopicTexts least.
	Name         string
	Title        string
	Organization string
	Bio          string
	Fields       []string
	Expertise    []string
	TopicTitles  []string
	TopicTexts   []string

	// Filterable attributes.
	Township            string   // township code
	ServiceTownships    []string // township codes
	Audiences           []string // talent.Audience values
	Memberships         []Membership
	EmergencyCategories []string // talent.EmergencyCategory values
	OnCall              bool
}

// Filter restricts a search. Values within one list are OR'ed; non-empty
// lists are AND'ed; empty lists do not restrict.
type Filter struct {
	// Registries and Statuses: a document matches when it has a membership
	// whose registry is one of Registries and whose status is one of
	// Statuses — the same membership: an expert admitted as a science envoy
	// but only nominated as an emergency expert does not match
	// {Registries: [EMERGENCY_EXPERT], Statuses: [ADMITTED]}. Either list
	// alone restricts that side only.
	Registries []string
	Statuses   []string
	// Townships matches the document's township or any of its service
	// townships.
	Townships           []string
	Audiences           []string
	EmergencyCategories []string
	OnCall              *bool
}

// Query is one search.
type Query struct {
	// Text is analysed with textproc (the index's analyzer and synonyms)
	// when Terms is empty.
	Text string
	// Terms are pre-analysed weighted terms (e.g. textproc Keywords of a
	// long description); when set, Text is ignored. Backends that read only
	// the first words of a query (Meilisearch: ten) use the heaviest ones.
	Terms []textproc.Term
	// A query without text or terms lists the filtered documents by
	// ascending ID.
	Filter Filter
	Limit  int // 0 means DefaultLimit
	Offset int
	// Facets to count over all matching documents, from the allow-list
	// Facets.
	Facets []string
	// NoMatchedTerms says the caller does not read Hit.MatchedTerms (the
	// matcher finds matched words on the profiles itself); a backend may
	// then skip finding them (Meilisearch: no highlighting, which is a
	// good part of a search's cost).
	NoMatchedTerms bool
}

// Hit is one matching document.
type Hit struct {
	ID int64
	// Score is the relevance in [0, 1], higher is better. It is comparable
	// within one result and roughly across queries on the same backend, not
	// across backends. Filter-only queries score every hit 0.
	Score float64
	// MatchedTerms are the indexed terms that matched (a synonym or a word
	// containing a searched character, not necessarily the query's own
	// word), most important first.
	MatchedTerms []string
}

// Result is a page of hits.
type Result struct {
	Hits []Hit
	// Total counts all matching documents. Meilisearch caps it at
	// MaxWindow, and estimates it for queries of several terms.
	Total int
	// Facets maps a requested facet to value → number of matching
	// documents. Values with no match are omitted.
	Facets map[string]map[string]int
}

// Index is one logical index of expert documents. Implementations are safe
// for concurrent use. Every error is wrapped with the backend's name; the
// kinds callers can act on are ErrUnavailable, ErrInvalidQuery and
// ErrClosed.
type Index interface {
	// Init opens or creates the index and applies its settings. existed is
	// false when the index was created, i.e. it must be populated from the
	// database. Returns ErrUnavailable.
	Init(ctx context.Context) (existed bool, err error)
	// Ping checks that the engine answers. Returns ErrUnavailable.
	Ping(ctx context.Context) error
	// Index adds or replaces documents by ID. It returns once the documents
	// are searchable. Returns ErrUnavailable, ErrClosed.
	Index(ctx context.Context, docs ...Document) error
	// Delete removes documents by ID; unknown IDs are ignored. Returns
	// ErrUnavailable, ErrClosed.
	Delete(ctx context.Context, ids ...int64) error
	// Search runs a query. Returns ErrInvalidQuery, ErrUnavailable,
	// ErrClosed.
	Search(ctx context.Context, q Query) (*Result, error)
	// Count returns the number of documents. Returns ErrUnavailable,
	// ErrClosed.
	Count(ctx context.Context) (int, error)
	// Versions returns every document's ID and Version, for drift checks
	// against the database. Returns ErrUnavailable, ErrClosed.
	Versions(ctx context.Context) (map[int64]int, error)
	// SetSynonyms replaces the synonym groups (the complete list: typically
	// textproc.DefaultSynonyms() merged with the officers' groups). Terms
	// are normalised; invalid groups are rejected with NewSynonyms's
	// talent.Errors. Returns ErrUnavailable, ErrClosed.
	SetSynonyms(ctx context.Context, groups [][]string) error
	// Rebuild starts an empty replacement index, with the same settings and
	// synonyms, that nobody searches until it is committed. Returns
	// ErrUnavailable, ErrClosed.
	Rebuild(ctx context.Context) (Builder, error)
	// Close releases the index. It does not delete anything.
	Close() error
}

// Builder fills a replacement index for a full reindex. Writes made to the
// live index while the builder is open are not copied into it: the caller
// notes the outbox position before reading the database, and after Commit
// re-applies the outbox entries written since (they are idempotent upserts).
type Builder interface {
	// Index adds documents to the replacement. Returns ErrUnavailable.
	Index(ctx context.Context, docs ...Document) error
	// Commit atomically makes the replacement the live index and drops the
	// old contents: a search sees either all old or all new documents.
	// Returns ErrUnavailable; on error the live index is unchanged.
	Commit(ctx context.Context) error
	// Abort discards the replacement. It is safe after Commit (a no-op).
	Abort(ctx context.Context) error
}

// Validate checks q against the limits and the facet allow-list and fills
// the default limit. Backends call it first; it returns ErrInvalidQuery.
func (q *Query) Validate() error {
	if q.Limit == 0 {
		q.Limit = DefaultLimit
	}
	switch {
	case q.Limit < 0 || q.Offset < 0:
		return fmt.Errorf("%w: negative limit or offset", ErrInvalidQuery)
	case q.Offset+q.Limit > MaxWindow:
		return fmt.Errorf("%w: offset+limit %d exceeds %d", ErrInvalidQuery, q.Offset+q.Limit, MaxWindow)
	case len(q.Terms) > MaxTerms:
		return fmt.Errorf("%w: %d terms, at most %d", ErrInvalidQuery, len(q.Terms), MaxTerms)
	}
	for _, f := range q.Facets {
		if !slices.Contains(Facets, f) {
			return fmt.Errorf("%w: unknown facet %q", ErrInvalidQuery, f)
		}
	}
	f := q.Filter
	for _, l := range [][]string{f.Registries, f.Statuses, f.Townships, f.Audiences, f.EmergencyCategories} {
		if len(l) > MaxFilterValues {
			return fmt.Errorf("%w: more than %d values in a filter", ErrInvalidQuery, MaxFilterValues)
		}
	}
	for _, t := range q.Terms {
		if !(t.Weight > 0) {
			return fmt.Errorf("%w: term %q has weight %v", ErrInvalidQuery, t.Text, t.Weight)
		}
	}
	return nil
}

// MembershipKey encodes a membership's registry and status as one value, for
// backends that filter on the pair. The encoding is injective (':' and '%'
// inside either part are percent-encoded), so no registry and status can
// pass for another pair.
func MembershipKey(registry, status string) string {
	return keyEscaper.Replace(registry) + ":" + keyEscaper.Replace(status)
}

var keyEscaper = strings.NewReplacer("%", "%25", ":", "%3A")
