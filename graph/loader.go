package graph

import (
	"context"
	"sync"
)

// batch is a per-request batching loader built on graphql-go's thunks: Load
// records a key and returns a thunk; the executor runs all thunks of one
// level of the response breadth-first, and the first thunk to run fetches
// every key recorded so far in one query. Unlike timer-based dataloaders it
// adds no latency: nothing waits for a window to close.
type batch[K comparable, V any] struct {
	fetch func(ctx context.Context, keys []K) (map[K]V, error)

	mu      sync.Mutex
	pending []K
	queued  map[K]bool
	done    map[K]V
	errs    map[K]error
}

func newBatch[K comparable, V any](fetch func(context.Context, []K) (map[K]V, error)) *batch[K, V] {
	return &batch[K, V]{fetch: fetch, queued: map[K]bool{}, done: map[K]V{}, errs: map[K]error{}}
}

// Load returns a thunk that yields the value for key (the zero value when
// the fetch found nothing).
func (b *batch[K, V]) Load(ctx context.Context, key K) func() (V, error) {
	b.mu.Lock()
	if !b.queued[key] {
		b.queued[key] = true
		b.pending = append(b.pending, key)
	}
	b.mu.Unlock()
	return func() (V, error) {
		b.mu.Lock()
		defer b.mu.Unlock()
		if len(b.pending) > 0 {
			keys := b.pending
			b.pending = nil
			got, err := b.fetch(ctx, keys)
			for _, k := range keys {
				if err != nil {
					b.errs[k] = err
				} else {
					b.done[k] = got[k]
				}
			}
		}
		return b.done[key], b.errs[key]
	}
}

// Prime stores a known value so that a later Load does not fetch it.
func (b *batch[K, V]) Prime(key K, v V) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.queued[key] {
		b.queued[key] = true
		b.done[key] = v
	}
}

// thunk adapts a typed thunk to the shape graphql-go resolves lazily.
func thunk[V any](f func() (V, error)) func() (interface{}, error) {
	return func() (interface{}, error) {
		v, err := f()
		return v, err
	}
}
