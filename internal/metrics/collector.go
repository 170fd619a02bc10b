package metrics

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Pinger is a dependency that can say whether it answers (the store).
type Pinger interface {
	Ping(ctx context.Context) error
}

// SearchIndex is the part of search.Index the metrics need.
type SearchIndex interface {
	Ping(ctx context.Context) error
	Count(ctx context.Context) (int, error)
}

// OutboxStats reports the backlog of an outbox topic: how many items wait
// and the age of the oldest (zero when empty). *store.Store implements it.
type OutboxStats interface {
	OutboxStats(ctx context.Context, topic string) (pending int, oldest time.Duration, err error)
}

// defaultProbeTimeout bounds one scrape's probes; see Options.ProbeTimeout.
const defaultProbeTimeout = 2 * time.Second

var (
	descDatabaseUp = prometheus.NewDesc("database_up",
		"1 when the database answered a ping during this scrape, else 0.", nil, nil)
	descSearchUp = prometheus.NewDesc("search_up",
		"1 when the search engine answered a ping during this scrape, else 0.", nil, nil)
	descSearchDocuments = prometheus.NewDesc("search_documents",
		"Documents in the search index; absent while the engine is down.", nil, nil)
	descOutboxPending = prometheus.NewDesc("outbox_pending",
		"Outbox items not yet applied, by topic; absent while the database is down.", []string{"topic"}, nil)
	descOutboxOldest = prometheus.NewDesc("outbox_oldest_seconds",
		"Age of the oldest unapplied outbox item, by topic (0 when none wait): the search index's lag behind the database.",
		[]string{"topic"}, nil)
)

// dependencyCollector probes the dependencies when Prometheus scrapes,
// instead of in a background loop: the values are as fresh as the scrape,
// nothing runs when nobody is looking, and there is no goroutine to stop.
// Several replicas report the same outbox and index figures; aggregate
// them with max(), not sum().
type dependencyCollector struct {
	db      Pinger
	search  SearchIndex
	outbox  OutboxStats
	topics  []string
	timeout time.Duration
}

func newDependencyCollector(o Options) *dependencyCollector {
	t := o.ProbeTimeout
	if t <= 0 {
		t = defaultProbeTimeout
	}
	return &dependencyCollector{db: o.Database, search: o.Search, outbox: o.Outbox,
		topics: o.Topics, timeout: t}
}

// Describe implements prometheus.Collector.
func (c *dependencyCollector) Describe(ch chan<- *prometheus.Desc) {
	if c.db != nil {
		ch <- descDatabaseUp
	}
	if c.search != nil {
		ch <- descSearchUp
		ch <- descSearchDocuments
	}
	if c.outbox != nil {
		ch <- descOutboxPending
		ch <- descOutboxOldest
	}
}

// Collect implements prometheus.Collector. The database and the search
// engine are probed in parallel under one deadline, so a scrape takes at
// most the timeout even when both hang.
func (c *dependencyCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	var wg sync.WaitGroup
	if c.db != nil || c.outbox != nil {
		wg.Go(func() { c.collectDatabase(ctx, ch) })
	}
	if c.search != nil {
		wg.Go(func() { c.collectSearch(ctx, ch) })
	}
	wg.Wait()
}

func (c *dependencyCollector) collectDatabase(ctx context.Context, ch chan<- prometheus.Metric) {
	if c.db != nil {
		err := c.db.Ping(ctx)
		ch <- prometheus.MustNewConstMetric(descDatabaseUp, prometheus.GaugeValue, up(err))
		if err != nil {
			// The outbox lives in the database: asking would only wait
			// for the same failure again.
			return
		}
	}
	if c.outbox == nil {
		return
	}
	for _, topic := range c.topics {
		n, oldest, err := c.outbox.OutboxStats(ctx, topic)
		if err != nil {
			// No series rather than a made-up 0: an absent series is
			// what alerting rules can tell apart from "no backlog".
			slog.Warn("metrics: outbox stats failed", "topic", topic, "err", err)
			continue
		}
		ch <- prometheus.MustNewConstMetric(descOutboxPending, prometheus.GaugeValue, float64(n), topic)
		ch <- prometheus.MustNewConstMetric(descOutboxOldest, prometheus.GaugeValue, oldest.Seconds(), topic)
	}
}

func (c *dependencyCollector) collectSearch(ctx context.Context, ch chan<- prometheus.Metric) {
	err := c.search.Ping(ctx)
	ch <- prometheus.MustNewConstMetric(descSearchUp, prometheus.GaugeValue, up(err))
	if err != nil {
		return
	}
	n, err := c.search.Count(ctx)
	if err != nil {
		slog.Warn("metrics: search document count failed", "err", err)
		return
	}
	ch <- prometheus.MustNewConstMetric(descSearchDocuments, prometheus.GaugeValue, float64(n))
}

func up(err error) float64 {
	if err != nil {
		return 0
	}
	return 1
}
