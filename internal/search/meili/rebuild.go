package meili

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"github.com/fuliang/talent/internal/search"
)

// builder fills a temporary index (<uid>_rebuild_<time>); Commit swaps it
// with the live one in one Meilisearch task, so searches, which always name
// the live uid, see the old documents or the new ones, then deletes the
// temporary index, which by then holds the old documents.
type builder struct {
	x   *Index
	uid string

	mu   sync.Mutex
	done bool
}

// Rebuild creates the temporary index with the live settings and synonyms.
// Returns search.ErrUnavailable.
func (x *Index) Rebuild(ctx context.Context) (search.Builder, error) {
	if err := x.checkOpen(); err != nil {
		return nil, err
	}
	uid := fmt.Sprintf("%s_rebuild_%d", x.uid, time.Now().UnixNano())
	if err := x.createIndex(ctx, uid); err != nil {
		return nil, err
	}
	bd := &builder{x: x, uid: uid}
	s := settings()
	syn, err := x.cli.Index(x.uid).GetSynonyms(ctx)
	if err != nil {
		bd.Abort(ctx)
		return nil, wrap("get synonyms", err)
	}
	s.Synonyms = *syn
	task, err := x.cli.Index(uid).UpdateSettings(ctx, s)
	if err := x.wait(ctx, "update settings", task, err); err != nil {
		bd.Abort(ctx)
		return nil, err
	}
	return bd, nil
}

func (bd *builder) Index(ctx context.Context, docs ...search.Document) error {
	bd.mu.Lock()
	defer bd.mu.Unlock()
	if bd.done {
		return fmt.Errorf("meili: rebuild already committed or aborted: %w", search.ErrClosed)
	}
	return bd.x.addDocuments(ctx, bd.uid, docs)
}

// Commit copies the live synonyms again (an officer may have changed them
// during the rebuild), swaps, and drops the old documents.
func (bd *builder) Commit(ctx context.Context) error {
	bd.mu.Lock()
	defer bd.mu.Unlock()
	if bd.done {
		return fmt.Errorf("meili: rebuild already committed or aborted: %w", search.ErrClosed)
	}
	x := bd.x
	syn, err := x.cli.Index(x.uid).GetSynonyms(ctx)
	if err != nil {
		return wrap("get synonyms", err)
	}
	task, err := x.cli.Index(bd.uid).UpdateSynonyms(ctx, syn)
	if err := x.wait(ctx, "update synonyms", task, err); err != nil {
		return err
	}
	task, err = x.cli.SwapIndexes(ctx, []*meilisearch.SwapIndexesParams{{Indexes: []string{x.uid, bd.uid}}})
	if err := x.wait(ctx, "swap indexes", task, err); err != nil {
		return err
	}
	x.setSynonymMap(*syn)
	bd.done = true
	task, err = x.cli.DeleteIndex(ctx, bd.uid)
	if err := x.wait(ctx, "delete old index", task, err); err != nil {
		return fmt.Errorf("meili: swapped, but the old documents in %s remain: %w", bd.uid, err)
	}
	return nil
}

func (bd *builder) Abort(ctx context.Context) error {
	bd.mu.Lock()
	defer bd.mu.Unlock()
	if bd.done {
		return nil
	}
	bd.done = true
	task, err := bd.x.cli.DeleteIndex(ctx, bd.uid)
	return bd.x.wait(ctx, "delete rebuild index", task, err)
}
