// Package store is the source of truth: experts, memberships and registry
// records in PostgreSQL (production) or SQLite (the embedded default), through
// one implementation on sqlx that speaks both dialects.
//
// Public methods open their own transaction; private helpers take the
// transaction as their first argument. Every write that changes an expert
// records an outbox row and an audit row in the same transaction.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fuliang/talent/internal/talent"
	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"  // PostgreSQL driver
	_ "modernc.org/sqlite" // pure-Go SQLite driver
)

// Dialect names the SQL dialect of a store.
type Dialect string

const (
	Postgres Dialect = "postgres"
	SQLite   Dialect = "sqlite"
)

// Store is the registry's storage.
type Store struct {
	db      *sqlx.DB
	dialect Dialect
	rules   talent.Rules
	now     func() time.Time
	queries atomic.Int64

	// touched collects, per open transaction, the experts whose search
	// documents it changed; afterCommit receives them once it commits.
	touched     sync.Map // *sqlx.Tx → *touchSet
	afterCommit func(ctx context.Context, expertIDs []int64)

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // prepared: see prepared
}

// SetAfterCommit registers fn to run after every committed transaction that
// changed experts' search documents, with their ids. talentd uses it to
// update the search index at once on the replica that made the change; the
// outbox remains the guarantee. Call it before serving requests.
func (s *Store) SetAfterCommit(fn func(ctx context.Context, expertIDs []int64)) { s.afterCommit = fn }

// Options configure Open.
type Options struct {
	// DatabaseURL is postgres://… for PostgreSQL; empty means an SQLite file
	// talent.db in DataDir.
	DatabaseURL string
	DataDir     string
	Rules       talent.Rules
}

// Open connects to the database. It does not migrate; call Migrate.
func Open(ctx context.Context, opt Options) (*Store, error) {
	if opt.Rules.YouthAgeLimit == 0 {
		opt.Rules.YouthAgeLimit = talent.DefaultRules().YouthAgeLimit
	}
	if opt.Rules.Now == nil {
		opt.Rules.Now = time.Now
	}
	s := &Store{rules: opt.Rules, now: opt.Rules.Now}
	var err error
	switch {
	case strings.HasPrefix(opt.DatabaseURL, "postgres://"), strings.HasPrefix(opt.DatabaseURL, "postgresql://"):
		s.dialect = Postgres
		s.db, err = sqlx.Open("postgres", opt.DatabaseURL)
		if err == nil {
			s.db.SetMaxOpenConns(20)
			s.db.SetMaxIdleConns(10)
			s.db.SetConnMaxIdleTime(5 * time.Minute)
		}
	case opt.DatabaseURL == "" || strings.HasPrefix(opt.DatabaseURL, "sqlite:") || strings.HasPrefix(opt.DatabaseURL, "file:"):
		s.dialect = SQLite
		path := strings.TrimPrefix(strings.TrimPrefix(opt.DatabaseURL, "sqlite:"), "file:")
		if path == "" {
			dir := opt.DataDir
			if dir == "" {
				dir = "data"
			}
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("store: create data dir: %w", err)
			}
			path = filepath.Join(dir, "talent.db")
		}
		// WAL lets readers run beside the single writer; _txlock=immediate
		// takes the write lock at BEGIN so that concurrent writers queue on
		// busy_timeout instead of failing mid-transaction with SQLITE_BUSY.
		// A 16 MiB page cache per connection and a memory-mapped file keep
		// the matcher's per-candidate reads off read(2) once the roster
		// outgrows SQLite's 2 MB default (10k experts: its version query
		// went from 2.3 to 1.6 ms).
		dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
			"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-16384)&_pragma=mmap_size(268435456)" +
			"&_txlock=immediate&_time_format=sqlite"
		s.db, err = sqlx.Open("sqlite", dsn)
		if err == nil {
			s.db.SetMaxOpenConns(8)
		}
	default:
		return nil, fmt.Errorf("store: unsupported database URL %q (want postgres://… or empty for SQLite)", redact(opt.DatabaseURL))
	}
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.db.PingContext(pctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", s.dialect, err)
	}
	return s, nil
}

// redact hides a password in a URL for messages.
func redact(u string) string {
	if i := strings.Index(u, "@"); i > 0 {
		if j := strings.Index(u, "://"); j > 0 && j < i {
			return u[:j+3] + "…" + u[i:]
		}
	}
	return u
}

// Close closes the database.
func (s *Store) Close() error {
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
	s.stmtMu.Unlock()
	return s.db.Close()
}

// prepared returns q (already rebound) prepared once for the pool, for the
// few statements that run on every match: parsing and planning the facts
// query was a quarter of its time on SQLite (BenchmarkProfileReads/facts,
// 0.54 → 0.41 ms). database/sql prepares it again on each connection that
// runs it.
func (s *Store) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if st, ok := s.stmts[q]; ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if s.stmts == nil {
		s.stmts = make(map[string]*sql.Stmt)
	}
	s.stmts[q] = st
	return st, nil
}

// Dialect reports which SQL dialect the store speaks.
func (s *Store) Dialect() Dialect { return s.dialect }

// DB exposes the connection pool to sibling packages that own their own
// tables (migrations, benchmarks). Application code uses Store methods.
func (s *Store) DB() *sqlx.DB { return s.db }

// Rules returns the domain rules the store enforces.
func (s *Store) Rules() talent.Rules { return s.rules }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// QueryCount is the number of SQL statements run so far. Tests use it to
// prove that a GraphQL page costs a constant number of queries.
func (s *Store) QueryCount() int64 { return s.queries.Load() }

// tx runs fn in a transaction, committing when fn returns nil.
func (s *Store) tx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	defer s.touched.Delete(tx)
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", mapErr(err))
	}
	if ids, ok := s.touched.Load(tx); ok && s.afterCommit != nil {
		s.afterCommit(ctx, ids.(*touchSet).ids)
	}
	return nil
}

// The helpers below are the only way queries reach the database, so that
// QueryCount counts them all and placeholders are rebound in one place:
// queries are written with '?' and rebound to $n for PostgreSQL.

func (s *Store) get(ctx context.Context, q sqlx.QueryerContext, dest any, query string, args ...any) error {
	s.queries.Add(1)
	return sqlx.GetContext(ctx, q, dest, s.db.Rebind(query), args...)
}

func (s *Store) sel(ctx context.Context, q sqlx.QueryerContext, dest any, query string, args ...any) error {
	s.queries.Add(1)
	return sqlx.SelectContext(ctx, q, dest, s.db.Rebind(query), args...)
}

func (s *Store) exec(ctx context.Context, e sqlx.ExecerContext, query string, args ...any) (sql.Result, error) {
	s.queries.Add(1)
	res, err := e.ExecContext(ctx, s.db.Rebind(query), args...)
	return res, mapErr(err)
}

// insert runs an INSERT … RETURNING id and returns the id.
func (s *Store) insert(ctx context.Context, q sqlx.QueryerContext, query string, args ...any) (int64, error) {
	var id int64
	if err := s.get(ctx, q, &id, query+" RETURNING id", args...); err != nil {
		return 0, mapErr(err)
	}
	return id, nil
}

// in expands a query with an IN (?) list.
func (s *Store) in(query string, args ...any) (string, []any, error) {
	q, a, err := sqlx.In(query, args...)
	if err != nil {
		return "", nil, fmt.Errorf("store: expand IN: %w", err)
	}
	return q, a, nil
}

// mapErr turns unique-constraint violations into domain errors; everything
// else passes through unchanged.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "duplicate key value") {
		switch {
		case strings.Contains(msg, "external_id"):
			return talent.Errorf(talent.CodeDuplicate, "externalId", "外部编号已被其他专家使用")
		case strings.Contains(msg, "membership"):
			return talent.Errorf(talent.CodeDuplicate, "registry", "该专家已在此人才库中")
		case strings.Contains(msg, "organization"):
			return talent.Errorf(talent.CodeDuplicate, "name", "同类单位中已有同名单位")
		}
		return talent.Errorf(talent.CodeDuplicate, "", "记录重复：%s", msg)
	}
	return err
}

func notFound(err error, what string, id any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return talent.NotFound("id", what, id)
	}
	return err
}
