package indexer_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/indexer"
	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/search/embedded"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
)

// outage wraps a real index and fails its writes while down, as an engine
// that stopped answering would.
type outage struct {
	base // the real index; Index and Delete below fail while down
	real search.Index
	down atomic.Bool
}

// base lets outage embed the interface under a name other than Index.
type base = search.Index

func (o *outage) Index(ctx context.Context, docs ...search.Document) error {
	if o.down.Load() {
		return fmt.Errorf("%w: connection refused", search.ErrUnavailable)
	}
	return o.real.Index(ctx, docs...)
}

func (o *outage) Delete(ctx context.Context, ids ...int64) error {
	if o.down.Load() {
		return fmt.Errorf("%w: connection refused", search.ErrUnavailable)
	}
	return o.real.Delete(ctx, ids...)
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func TestOutageLosesNothingAndIndexCatchesUp(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: time.Date(2026, 5, 10, 8, 0, 0, 0, time.UTC)}
	rules := talent.DefaultRules()
	rules.Now = clk.now
	st, err := store.Open(ctx, store.Options{DataDir: t.TempDir(), Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx, nil); err != nil {
		t.Fatal(err)
	}
	real := embedded.New(t.TempDir(), "experts")
	defer real.Close()
	if _, err := real.Init(ctx); err != nil {
		t.Fatal(err)
	}
	idx := &outage{base: real, real: real}
	x := indexer.New(st, idx, nil)
	// As talentd does: apply each commit at once, the outbox as the guarantee.
	st.SetAfterCommit(func(ctx context.Context, ids []int64) { _ = x.Apply(ctx, ids) })

	idx.down.Store(true)
	var ids []int64
	for i := 0; i < 5; i++ {
		e, err := st.CreateExpert(ctx, &talent.Expert{Name: fmt.Sprintf("茶农专家%d", i), Expertise: []string{"茶树修剪"}, MaxEngagementsPerMonth: 4})
		if err != nil {
			t.Fatalf("a write failed while search was down: %v", err)
		}
		ids = append(ids, e.ID)
	}
	if _, err := st.ArchiveExpert(ctx, ids[4], 0, "调离"); err != nil {
		t.Fatal(err)
	}
	if n, err := x.Drain(ctx); err == nil || n != 0 {
		t.Fatalf("drain while down: %d, %v", n, err)
	}
	pending, _, _ := st.OutboxStats(ctx, store.TopicExpert)
	if pending != 6 {
		t.Fatalf("%d outbox items kept, want 6", pending)
	}
	if n, _ := real.Count(ctx); n != 0 {
		t.Fatalf("index has %d documents during the outage", n)
	}

	idx.down.Store(false)
	if n, _ := x.Drain(ctx); n != 0 {
		t.Fatal("retried before the backoff ran out")
	}
	clk.add(time.Minute)
	if n, err := x.Drain(ctx); err != nil || n != 6 {
		t.Fatalf("catch up: %d, %v", n, err)
	}
	res, err := real.Search(ctx, search.Query{Text: "茶树修剪", Limit: 10})
	if err != nil || res.Total != 4 {
		t.Fatalf("after catching up: %+v %v (want the 4 current experts, not the archived one)", res, err)
	}
	if d, err := indexer.Check(ctx, st, real); err != nil || !d.OK() {
		t.Fatalf("drift after catching up: %+v %v", d, err)
	}

	// Drift made behind the indexer's back is reported and repaired.
	if err := real.Delete(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	d, err := indexer.Check(ctx, st, real)
	if err != nil || len(d.Missing) != 1 || d.Missing[0] != ids[0] {
		t.Fatalf("drift not seen: %+v %v", d, err)
	}
	if err := indexer.Repair(ctx, st, real, d); err != nil {
		t.Fatal(err)
	}
	if d, _ := indexer.Check(ctx, st, real); !d.OK() {
		t.Fatalf("not repaired: %+v", d)
	}

	// A full reindex builds a fresh index and switches to it.
	n, err := indexer.Reindex(ctx, st, real, nil)
	if err != nil || n != 4 {
		t.Fatalf("reindex: %d %v", n, err)
	}
	if c, _ := real.Count(ctx); c != 4 {
		t.Fatalf("after reindex: %d documents", c)
	}
}
