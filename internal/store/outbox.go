package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Outbox topics.
const (
	// TopicExpert: the expert's search document must be rebuilt (or
	// deleted when the expert is archived or gone).
	TopicExpert = "expert"
)

// OutboxItem is one pending change for a derived system.
type OutboxItem struct {
	ID        int64     `db:"id"`
	Topic     string    `db:"topic"`
	ObjectID  int64     `db:"object_id"`
	CreatedAt time.Time `db:"created_at"`
	Attempts  int       `db:"attempts"`
	LastError string    `db:"last_error"`
}

func (s *Store) enqueue(ctx context.Context, tx *sqlx.Tx, topic string, objectID int64) error {
	now := s.now().UTC()
	if _, err := s.exec(ctx, tx, `INSERT INTO outbox (topic, object_id, created_at, available_at) VALUES (?, ?, ?, ?)`,
		topic, objectID, now, now); err != nil {
		return fmt.Errorf("store: enqueue %s: %w", topic, err)
	}
	if topic == TopicExpert {
		v, _ := s.touched.LoadOrStore(tx, &touchSet{seen: map[int64]bool{}})
		v.(*touchSet).add(objectID)
	}
	return nil
}

// ClaimOutbox leases up to limit due items of topic for lease. A leased item
// is invisible to other workers until the lease runs out, so several talentd
// replicas can drain one outbox: on PostgreSQL rows are claimed with
// FOR UPDATE SKIP LOCKED; SQLite has a single writer. Callers delete items
// they applied (AckOutbox) and reschedule those that failed (RetryOutbox).
func (s *Store) ClaimOutbox(ctx context.Context, topic string, limit int, lease time.Duration) ([]OutboxItem, error) {
	var items []OutboxItem
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		now := s.now().UTC()
		q := `SELECT id, topic, object_id, created_at, attempts, last_error FROM outbox
			WHERE topic = ? AND processed_at IS NULL AND available_at <= ? ORDER BY id LIMIT ?`
		if s.dialect == Postgres {
			q += ` FOR UPDATE SKIP LOCKED`
		}
		if err := s.sel(ctx, tx, &items, q, topic, now, limit); err != nil {
			return fmt.Errorf("store: claim outbox: %w", err)
		}
		if len(items) == 0 {
			return nil
		}
		ids := make([]int64, len(items))
		for i, it := range items {
			ids[i] = it.ID
		}
		uq, args, err := s.in(`UPDATE outbox SET available_at = ? WHERE id IN (?)`, now.Add(lease), ids)
		if err != nil {
			return err
		}
		_, err = s.exec(ctx, tx, uq, args...)
		return err
	})
	return items, err
}

// AckOutbox marks items applied. They are kept for OutboxRetention so a
// full reindex can replay what changed while it ran (ReplayOutbox).
func (s *Store) AckOutbox(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	q, args, err := s.in(`UPDATE outbox SET processed_at = ? WHERE id IN (?)`, s.now().UTC(), ids)
	if err != nil {
		return err
	}
	if _, err := s.exec(ctx, s.db, q, args...); err != nil {
		return fmt.Errorf("store: ack outbox: %w", err)
	}
	return nil
}

// RetryOutbox makes items due again after delay and records why they failed.
func (s *Store) RetryOutbox(ctx context.Context, ids []int64, delay time.Duration, cause error) error {
	if len(ids) == 0 {
		return nil
	}
	msg := ""
	if cause != nil {
		msg = cause.Error()
		if len(msg) > 1000 {
			msg = msg[:1000]
		}
	}
	q, args, err := s.in(`UPDATE outbox SET attempts = attempts + 1, available_at = ?, last_error = ? WHERE id IN (?)`,
		s.now().UTC().Add(delay), msg, ids)
	if err != nil {
		return err
	}
	if _, err := s.exec(ctx, s.db, q, args...); err != nil {
		return fmt.Errorf("store: retry outbox: %w", err)
	}
	return nil
}

// OutboxStats reports the backlog of a topic: how many items wait and the
// age of the oldest (zero when empty). It feeds the outbox-lag metric.
func (s *Store) OutboxStats(ctx context.Context, topic string) (pending int, oldest time.Duration, err error) {
	var row struct {
		N      int     `db:"n"`
		Oldest *string `db:"oldest"`
	}
	// MIN over a timestamp comes back as text on SQLite, so it is read as text
	// and parsed with the layouts both drivers produce.
	if err := s.get(ctx, s.db, &row, `SELECT COUNT(*) AS n, CAST(MIN(created_at) AS TEXT) AS oldest FROM outbox
		WHERE topic = ? AND processed_at IS NULL`, topic); err != nil {
		return 0, 0, fmt.Errorf("store: outbox stats: %w", err)
	}
	if row.Oldest != nil {
		for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999-07", "2006-01-02 15:04:05.999999999-07", time.RFC3339Nano} {
			if t, err := time.Parse(layout, *row.Oldest); err == nil {
				oldest = s.now().Sub(t)
				break
			}
		}
	}
	return row.N, oldest, nil
}

// OutboxRetention is how long applied outbox items are kept.
const OutboxRetention = 24 * time.Hour

// PurgeOutbox deletes items applied longer ago than OutboxRetention.
func (s *Store) PurgeOutbox(ctx context.Context) (int64, error) {
	res, err := s.exec(ctx, s.db, `DELETE FROM outbox WHERE processed_at IS NOT NULL AND processed_at < ?`,
		s.now().UTC().Add(-OutboxRetention))
	if err != nil {
		return 0, fmt.Errorf("store: purge outbox: %w", err)
	}
	return res.RowsAffected()
}

// OutboxObjectsSince lists the distinct object ids of a topic's items
// created at or after since, applied or not.
func (s *Store) OutboxObjectsSince(ctx context.Context, topic string, since time.Time) ([]int64, error) {
	var ids []int64
	if err := s.sel(ctx, s.db, &ids, `SELECT DISTINCT object_id FROM outbox WHERE topic = ? AND created_at >= ? ORDER BY object_id`,
		topic, since.UTC()); err != nil {
		return nil, fmt.Errorf("store: outbox since: %w", err)
	}
	return ids, nil
}

// touchSet is the experts one transaction changed, in first-touch order.
type touchSet struct {
	ids  []int64
	seen map[int64]bool
}

func (t *touchSet) add(id int64) {
	if !t.seen[id] {
		t.seen[id] = true
		t.ids = append(t.ids, id)
	}
}
