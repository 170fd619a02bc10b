// Package app assembles the running application from its configuration:
// the store, the search index and its indexer, and the matcher. talentd,
// talentctl and end-to-end tests build it the same way.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fuliang/talent/internal/config"
	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/indexer"
	"github.com/fuliang/talent/internal/notify"
	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/search/embedded"
	"github.com/fuliang/talent/internal/search/meili"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/textproc"
	"github.com/fuliang/talent/internal/worker"
	"github.com/fuliang/talent/matcher"
)

// App is the assembled application.
type App struct {
	Config  config.Config
	Log     *slog.Logger
	Store   *store.Store
	Index   search.Index
	Indexer *indexer.Indexer
	Matcher *matcher.Matcher

	wg           sync.WaitGroup
	synonymsSeen atomic.Value // string key of the synonyms applied last
	indexReady   atomic.Bool  // InitIndex ran; Start need not initialise
}

// indexName is the logical name of the experts index.
const indexName = "experts"

// Open connects to the database (migrating it when configured) and the
// search index. A search engine that is down does not stop start-up: the
// outbox keeps every change until it returns.
func Open(ctx context.Context, cfg config.Config, log *slog.Logger) (*App, error) {
	if log == nil {
		log = slog.Default()
	}
	rules := talent.DefaultRules()
	rules.YouthAgeLimit = cfg.YouthAgeLimit
	st, err := store.Open(ctx, store.Options{DatabaseURL: cfg.DatabaseURL, DataDir: cfg.DataDir, Rules: rules})
	if err != nil {
		return nil, err
	}
	if cfg.Migrate {
		if err := st.Migrate(ctx, nil); err != nil {
			st.Close()
			return nil, err
		}
	}
	idx, err := openIndex(cfg)
	if err != nil {
		st.Close()
		return nil, err
	}
	a := &App{Config: cfg, Log: log, Store: st, Index: idx}
	a.Indexer = indexer.New(st, idx, log)
	a.Matcher = matcher.New(idx, newProfiles(st, profileCacheSize))
	return a, nil
}

func openIndex(cfg config.Config) (search.Index, error) {
	name := cfg.IndexName
	if name == "" {
		name = indexName
	}
	if cfg.MeiliURL != "" {
		return meili.New(meili.Options{URL: cfg.MeiliURL, APIKey: cfg.MeiliKey, Name: name}), nil
	}
	return embedded.New(filepath.Join(cfg.DataDir, "index"), name), nil
}

// Start initialises the index and starts the background workers: the
// indexer, and a first full build when the index is new. It also makes
// every committed write reach the index at once on this replica.
func (a *App) Start(ctx context.Context) {
	a.Store.SetAfterCommit(func(ctx context.Context, ids []int64) {
		ictx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
		defer cancel()
		if err := a.Indexer.Apply(ictx, ids); err != nil {
			// The outbox still has the change; the worker retries.
			a.Log.Warn("写入后即时更新索引失败，将由后台同步", "err", err)
			a.Indexer.Wake()
		}
	})
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		if !a.indexReady.Load() {
			a.initIndex(ctx)
		}
		if a.Config.Worker {
			a.Indexer.Run(ctx)
		}
	}()
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		a.watchSynonyms(ctx)
	}()
	// Without --worker this replica serves requests only; others run the
	// background work. Writes made here still reach the index at once.
	if a.Config.Worker {
		a.startDispatchWorker(ctx)
	}
}

// initIndex opens the index, retrying while the engine is down, and builds
// it from the database when it is new.
func (a *App) initIndex(ctx context.Context) {
	for delay := time.Second; ; delay = min(2*delay, time.Minute) {
		existed, err := a.Index.Init(ctx)
		if err == nil {
			if err := a.ApplySynonyms(ctx); err != nil {
				a.Log.Warn("载入同义词失败", "err", err)
			}
			if !existed {
				a.Log.Info("搜索索引为新建，正在从数据库重建")
				n, err := indexer.Reindex(ctx, a.Store, a.Index, nil)
				if err != nil {
					a.Log.Error("重建搜索索引失败", "err", err)
				} else {
					a.Log.Info("搜索索引已重建", "experts", n)
				}
			}
			return
		}
		a.Log.Warn("搜索引擎暂不可用，稍后重试", "err", err, "retry", delay)
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
	}
}

// InitIndex prepares the index synchronously (tools and tests): it fails
// instead of retrying, and builds a new index from the database.
func (a *App) InitIndex(ctx context.Context) error {
	existed, err := a.Index.Init(ctx)
	if err != nil {
		return err
	}
	if err := a.ApplySynonyms(ctx); err != nil {
		return err
	}
	if !existed {
		if _, err := indexer.Reindex(ctx, a.Store, a.Index, nil); err != nil {
			return err
		}
	}
	a.indexReady.Store(true)
	return nil
}

// ApplySynonyms loads the shipped and officers' synonym groups and gives
// them to the index and the matcher. Called at start, after officers change
// synonyms, and when another replica changed them (watchSynonyms).
func (a *App) ApplySynonyms(ctx context.Context) error {
	syn, err := a.Store.Synonyms(ctx)
	if err != nil {
		return err
	}
	a.Matcher.SetAnalyzer(textproc.NewAnalyzer(syn))
	if err := a.Index.SetSynonyms(ctx, syn.Groups()); err != nil {
		return err
	}
	a.synonymsSeen.Store(synonymsKey(syn))
	return nil
}

func synonymsKey(s *textproc.Synonyms) string { return fmt.Sprint(s.Groups()) }

// watchSynonyms picks up synonym changes made through another replica.
func (a *App) watchSynonyms(ctx context.Context) {
	t := time.NewTicker(30 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		syn, err := a.Store.Synonyms(ctx)
		if err != nil {
			continue
		}
		if k, _ := a.synonymsSeen.Load().(string); k != synonymsKey(syn) {
			if err := a.ApplySynonyms(ctx); err != nil {
				a.Log.Warn("更新同义词失败", "err", err)
			}
		}
	}
}

// Ready reports whether the search engine answers.
func (a *App) SearchReady(ctx context.Context) error { return a.Index.Ping(ctx) }

// Close waits for the workers (cancel Start's context first) and closes
// the index and the database.
func (a *App) Close() error {
	a.wg.Wait()
	return errors.Join(a.Index.Close(), a.Store.Close())
}

// matcherRanker lets the dispatch worker auto-invite the matcher's top experts.
type matcherRanker struct{ m *matcher.Matcher }

func (r matcherRanker) Rank(ctx context.Context, q *dispatch.Request, n int) ([]int64, error) {
	from, _ := dispatch.ParseDay(q.WindowStart)
	to, _ := dispatch.ParseDay(q.WindowEnd)
	res, err := r.m.Match(ctx, matcher.Request{Kind: matcher.Kind(q.Kind), Title: q.Title, Description: q.Description,
		Township: q.Township, Audience: q.Audience, EmergencyCategory: q.EmergencyCategory, From: from, To: to},
		min(n, matcher.MaxResults))
	if err != nil {
		return nil, err
	}
	// Automatic invitations go only to people who can take the request as
	// things stand.
	ids := make([]int64, 0, len(res.Candidates))
	for _, c := range res.Candidates {
		if !c.Later {
			ids = append(ids, c.Profile.Expert.ID)
		}
	}
	return ids, nil
}

// startDispatchWorker runs expiries, reminders, notification delivery and
// auto-invitations; safe beside other replicas.
func (a *App) startDispatchWorker(ctx context.Context) {
	var sender notify.Sender = notify.LogSender{Logger: a.Log}
	if c := a.Config; c.SMTPAddr != "" {
		sender = &notify.SMTPSender{Addr: c.SMTPAddr, From: c.SMTPFrom, Username: c.SMTPUser, Password: c.SMTPPassword,
			Office: c.OfficeEmail, Fallback: notify.LogSender{Logger: a.Log}}
	}
	w := worker.New(a.Store, sender, worker.Config{Interval: a.Config.WorkerInterval, Dispatch: a.Config.Dispatch()}).
		WithLogger(a.Log).WithRanker(matcherRanker{a.Matcher})
	a.wg.Add(1)
	go func() { defer a.wg.Done(); w.Run(ctx) }()
}
