package embedded

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/fuliang/talent/internal/search"
)

// builder fills a new state and a new file next to the live one; Commit
// renames the file over the live one and swaps the state in, both under
// the index's locks, so searches see the old index or the new one.
type builder struct {
	x *Index

	mu      sync.Mutex
	f       *os.File
	size    int64
	records int
	offsets map[int64]span
	st      *state
	done    bool
}

// Rebuild starts a replacement index. See search.Index.
func (x *Index) Rebuild(ctx context.Context) (search.Builder, error) {
	if _, err := x.current(); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(x.dir, filepath.Base(x.path())+".rebuild-*")
	if err != nil {
		return nil, fmt.Errorf("embedded: rebuild: %v: %w", err, search.ErrUnavailable)
	}
	if _, err := f.WriteString(header); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("embedded: rebuild: %v: %w", err, search.ErrUnavailable)
	}
	return &builder{x: x, f: f, size: int64(len(header)), offsets: make(map[int64]span), st: newState()}, nil
}

func (bd *builder) Index(ctx context.Context, docs ...search.Document) error {
	an, err := bd.x.current()
	if err != nil {
		return err
	}
	as := analyseAll(an, docs)
	bd.mu.Lock()
	defer bd.mu.Unlock()
	if bd.done {
		return fmt.Errorf("embedded: rebuild already committed or aborted: %w", search.ErrClosed)
	}
	for i := range docs {
		line := encodeLine(record{Put: &docs[i]})
		if _, err := bd.f.WriteAt(line, bd.size); err != nil {
			return fmt.Errorf("embedded: rebuild: write: %v: %w", err, search.ErrUnavailable)
		}
		bd.offsets[docs[i].ID] = span{bd.size, len(line)}
		bd.size += int64(len(line))
		bd.records++
	}
	for _, a := range as {
		bd.st.put(a)
	}
	return nil
}

// Commit makes the rebuilt index live. The live synonyms are written into
// it first, so a SetSynonyms made during the rebuild is kept.
func (bd *builder) Commit(ctx context.Context) error {
	bd.mu.Lock()
	defer bd.mu.Unlock()
	if bd.done {
		return fmt.Errorf("embedded: rebuild already committed or aborted: %w", search.ErrClosed)
	}
	x := bd.x
	x.wmu.Lock()
	defer x.wmu.Unlock()
	if err := x.checkOpen(); err != nil {
		return err
	}
	syn := encodeLine(record{Syn: &x.groups})
	if _, err := bd.f.WriteAt(syn, bd.size); err != nil {
		return fmt.Errorf("embedded: rebuild: write: %v: %w", err, search.ErrUnavailable)
	}
	if err := bd.f.Sync(); err != nil {
		return fmt.Errorf("embedded: rebuild: sync: %v: %w", err, search.ErrUnavailable)
	}
	if err := replaceFile(bd.f.Name(), x.path()); err != nil {
		return err
	}
	bd.done = true
	if bd.st.needsCompaction() {
		bd.st.compact()
	}
	x.f.Close()
	x.f, x.size, x.records, x.offsets = bd.f, bd.size+int64(len(syn)), bd.records+1, bd.offsets
	x.mu.Lock()
	x.st = bd.st
	x.mu.Unlock()
	return nil
}

func (bd *builder) Abort(ctx context.Context) error {
	bd.mu.Lock()
	defer bd.mu.Unlock()
	if bd.done {
		return nil
	}
	bd.done = true
	bd.f.Close()
	if err := os.Remove(bd.f.Name()); err != nil {
		return fmt.Errorf("embedded: rebuild: abort: %v", err)
	}
	return nil
}
