// Package indexer keeps the search index in step with the database. Writes
// reach it through the transactional outbox: the database commits first,
// then this worker applies the change, so a search outage loses nothing and
// the index catches up once the engine returns. Several talentd replicas may
// run the worker at once: outbox items are leased (store.ClaimOutbox).
package indexer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/store"
)

// Indexer applies outbox items of topic "expert" to a search index.
type Indexer struct {
	store *store.Store
	index search.Index
	log   *slog.Logger

	// Batch is how many outbox items one pass claims.
	Batch int
	// Poll is how often an idle worker looks for work when not woken.
	Poll time.Duration
	// Lease is how long a claimed batch stays invisible to other workers.
	Lease time.Duration

	wake chan struct{}
}

// New returns an indexer; call Run to start it.
func New(st *store.Store, idx search.Index, log *slog.Logger) *Indexer {
	if log == nil {
		log = slog.Default()
	}
	return &Indexer{store: st, index: idx, log: log, Batch: 500, Poll: time.Second, Lease: time.Minute, wake: make(chan struct{}, 1)}
}

// Wake asks the worker to look for work now: called after a write in this
// process so that the index follows within milliseconds, not a poll period.
func (x *Indexer) Wake() {
	select {
	case x.wake <- struct{}{}:
	default:
	}
}

// Run drains the outbox until ctx ends. Errors are logged and retried: a
// failed batch is rescheduled with exponential backoff per item.
func (x *Indexer) Run(ctx context.Context) {
	purge := time.NewTicker(time.Hour)
	defer purge.Stop()
	for {
		n, err := x.Drain(ctx)
		if err != nil && ctx.Err() == nil {
			x.log.Warn("索引同步失败，稍后重试", "err", err)
		}
		if n > 0 && err == nil {
			continue // more may be waiting
		}
		select {
		case <-ctx.Done():
			return
		case <-x.wake:
		case <-time.After(x.Poll):
		case <-purge.C:
			if _, err := x.store.PurgeOutbox(ctx); err != nil {
				x.log.Warn("清理已同步的队列记录失败", "err", err)
			}
		}
	}
}

// Drain applies one batch of due items and returns how many it applied.
func (x *Indexer) Drain(ctx context.Context) (int, error) {
	items, err := x.store.ClaimOutbox(ctx, store.TopicExpert, x.Batch, x.Lease)
	if err != nil || len(items) == 0 {
		return 0, err
	}
	ids := make([]int64, len(items))
	seen := map[int64]bool{}
	var experts []int64
	maxAttempts := 0
	for i, it := range items {
		ids[i] = it.ID
		if !seen[it.ObjectID] {
			seen[it.ObjectID] = true
			experts = append(experts, it.ObjectID)
		}
		maxAttempts = max(maxAttempts, it.Attempts)
	}
	if err := x.Apply(ctx, experts); err != nil {
		// Keep the items; try again later, backing off per attempt.
		if rerr := x.store.RetryOutbox(context.WithoutCancel(ctx), ids, backoff(maxAttempts), err); rerr != nil {
			return 0, errors.Join(err, rerr)
		}
		return 0, err
	}
	if err := x.store.AckOutbox(ctx, ids); err != nil {
		return 0, err
	}
	return len(items), nil
}

// backoff is the delay before retry number attempts+1: 1 s doubling to
// 5 min, with jitter so replicas do not retry in lockstep.
func backoff(attempts int) time.Duration {
	d := time.Second << min(attempts, 9)
	if d > 5*time.Minute {
		d = 5 * time.Minute
	}
	return d/2 + rand.N(d/2+1)
}

// Apply makes the index reflect the database for the given experts:
// current ones are (re)indexed, archived or deleted ones removed.
func (x *Indexer) Apply(ctx context.Context, ids []int64) error {
	docs, gone, err := x.documents(ctx, ids)
	if err != nil {
		return err
	}
	if len(docs) > 0 {
		if err := x.index.Index(ctx, docs...); err != nil {
			return fmt.Errorf("indexer: index %d experts: %w", len(docs), err)
		}
	}
	if len(gone) > 0 {
		if err := x.index.Delete(ctx, gone...); err != nil {
			return fmt.Errorf("indexer: delete %d experts: %w", len(gone), err)
		}
	}
	return nil
}

func (x *Indexer) documents(ctx context.Context, ids []int64) (docs []search.Document, gone []int64, err error) {
	experts, err := x.store.ExpertsByIDs(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	ms, err := x.store.MembershipsByExperts(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	for _, id := range ids {
		e := experts[id]
		if e == nil || e.ArchivedAt != nil {
			gone = append(gone, id)
			continue
		}
		docs = append(docs, search.DocumentFromExpert(e, ms[id]))
	}
	return docs, gone, nil
}

// Progress reports reindexing progress.
type Progress func(done, total int)

// Reindex rebuilds the index from the database into a fresh index and
// switches to it atomically; searches keep using the old index until then.
// Changes committed while it reads are replayed from the outbox after the
// switch, so none is lost.
func Reindex(ctx context.Context, st *store.Store, idx search.Index, progress Progress) (int, error) {
	start := time.Now().Add(-time.Second) // clock skew margin: replaying extra is harmless
	total, err := st.CountExperts(ctx, store.ExpertFilter{})
	if err != nil {
		return 0, err
	}
	b, err := idx.Rebuild(ctx)
	if err != nil {
		return 0, err
	}
	defer b.Abort(context.WithoutCancel(ctx))
	x := New(st, idx, nil)
	const page = 1000
	done := 0
	var after int64
	for {
		list, err := st.FindExperts(ctx, store.ExpertFilter{}, after, page)
		if err != nil {
			return done, err
		}
		if len(list) == 0 {
			break
		}
		ids := make([]int64, len(list))
		for i, e := range list {
			ids[i] = e.ID
		}
		docs, _, err := x.documents(ctx, ids)
		if err != nil {
			return done, err
		}
		if err := b.Index(ctx, docs...); err != nil {
			return done, fmt.Errorf("indexer: reindex: %w", err)
		}
		done += len(docs)
		after = list[len(list)-1].ID
		if progress != nil {
			progress(done, total)
		}
	}
	if err := b.Commit(ctx); err != nil {
		return done, fmt.Errorf("indexer: switch to the new index: %w", err)
	}
	changed, err := st.OutboxObjectsSince(ctx, store.TopicExpert, start)
	if err != nil {
		return done, err
	}
	if err := x.Apply(ctx, changed); err != nil {
		return done, fmt.Errorf("indexer: replay changes made during reindex: %w", err)
	}
	return done, nil
}

// Drift is the difference between the database and the index.
type Drift struct {
	InDatabase, InIndex int
	Missing             []int64 // in the database, not in the index
	Stale               []int64 // indexed at another version
	Extra               []int64 // in the index, archived or gone from the database
}

// OK reports an index in step with the database.
func (d Drift) OK() bool { return len(d.Missing)+len(d.Stale)+len(d.Extra) == 0 }

// Check compares the database's experts with the index's documents.
// Membership changes do not change an expert's version, so a missed
// membership update is not visible here; `talentctl reindex` repairs all.
func Check(ctx context.Context, st *store.Store, idx search.Index) (Drift, error) {
	db, err := st.ExpertVersions(ctx)
	if err != nil {
		return Drift{}, err
	}
	ix, err := idx.Versions(ctx)
	if err != nil {
		return Drift{}, err
	}
	d := Drift{InDatabase: len(db), InIndex: len(ix)}
	for id, v := range db {
		iv, ok := ix[id]
		switch {
		case !ok:
			d.Missing = append(d.Missing, id)
		case iv != v:
			d.Stale = append(d.Stale, id)
		}
	}
	for id := range ix {
		if _, ok := db[id]; !ok {
			d.Extra = append(d.Extra, id)
		}
	}
	for _, l := range [][]int64{d.Missing, d.Stale, d.Extra} {
		sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	}
	return d, nil
}

// Repair applies the experts a drift lists.
func Repair(ctx context.Context, st *store.Store, idx search.Index, d Drift) error {
	ids := append(append(append([]int64{}, d.Missing...), d.Stale...), d.Extra...)
	if len(ids) == 0 {
		return nil
	}
	return New(st, idx, nil).Apply(ctx, ids)
}
