package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/textproc"
	"github.com/jmoiron/sqlx"
)

// SynonymGroup is a group of words officers added to the shipped list.
type SynonymGroup struct {
	ID        int64
	Terms     []string
	CreatedAt time.Time
	CreatedBy string
}

// SynonymGroups lists the officers' groups, oldest first.
func (s *Store) SynonymGroups(ctx context.Context) ([]SynonymGroup, error) {
	var rows []struct {
		ID        int64     `db:"id"`
		Terms     []byte    `db:"terms"`
		CreatedAt time.Time `db:"created_at"`
		CreatedBy string    `db:"created_by"`
	}
	if err := s.sel(ctx, s.db, &rows, `SELECT id, terms, created_at, created_by FROM synonym_group ORDER BY id`); err != nil {
		return nil, fmt.Errorf("store: synonym groups: %w", err)
	}
	out := make([]SynonymGroup, len(rows))
	for i, r := range rows {
		out[i] = SynonymGroup{ID: r.ID, CreatedAt: r.CreatedAt.UTC(), CreatedBy: r.CreatedBy}
		if err := json.Unmarshal(r.Terms, &out[i].Terms); err != nil {
			return nil, fmt.Errorf("store: synonym group %d: %w", r.ID, err)
		}
	}
	return out, nil
}

// AddSynonymGroup validates and stores a group (terms are normalised the
// way the analyzer will use them). Errors: validation errors.
func (s *Store) AddSynonymGroup(ctx context.Context, terms []string) (*SynonymGroup, error) {
	syn, err := textproc.NewSynonyms([][]string{terms})
	if err != nil {
		return nil, err
	}
	groups := syn.Groups()
	if len(groups) != 1 {
		return nil, talent.Errorf(talent.CodeInvalid, "terms", "同义词组至少需要两个不同的词")
	}
	g := &SynonymGroup{Terms: groups[0], CreatedAt: s.now().UTC(), CreatedBy: talent.ActorFrom(ctx).Name}
	err = s.tx(ctx, func(tx *sqlx.Tx) error {
		id, err := s.insert(ctx, tx, `INSERT INTO synonym_group (terms, created_at, created_by) VALUES (?, ?, ?)`,
			jsonOf(g.Terms), g.CreatedAt, g.CreatedBy)
		if err != nil {
			return err
		}
		g.ID = id
		return s.audit(ctx, tx, "addSynonymGroup", "synonymGroup", id, nil, g)
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// RemoveSynonymGroup deletes an officers' group. Errors: NOT_FOUND.
func (s *Store) RemoveSynonymGroup(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		res, err := s.exec(ctx, tx, `DELETE FROM synonym_group WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return talent.NotFound("id", "同义词组", id)
		}
		return s.audit(ctx, tx, "removeSynonymGroup", "synonymGroup", id, map[string]int64{"id": id}, nil)
	})
}

// Synonyms returns the shipped groups merged with the officers'.
func (s *Store) Synonyms(ctx context.Context) (*textproc.Synonyms, error) {
	groups, err := s.SynonymGroups(ctx)
	if err != nil {
		return nil, err
	}
	extra := make([][]string, len(groups))
	for i, g := range groups {
		extra[i] = g.Terms
	}
	return textproc.DefaultSynonyms().Merge(extra)
}
