package store

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/fuliang/talent/internal/talent"
	"github.com/jmoiron/sqlx"
)

// fieldChange is one changed field in an audit diff.
type fieldChange struct {
	Before any `json:"before,omitempty"`
	After  any `json:"after,omitempty"`
}

// diff compares two objects field by field through their JSON form and
// returns only the fields that changed. before may be nil (a creation).
func diff(before, after any) map[string]fieldChange {
	toMap := func(v any) map[string]any {
		m := map[string]any{}
		if v == nil {
			return m
		}
		if rv := reflect.ValueOf(v); (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Map) && rv.IsNil() {
			return m
		}
		b, _ := json.Marshal(v)
		_ = json.Unmarshal(b, &m)
		return m
	}
	b, a := toMap(before), toMap(after)
	out := map[string]fieldChange{}
	for k, av := range a {
		if bv, ok := b[k]; !ok || !reflect.DeepEqual(av, bv) {
			out[k] = fieldChange{Before: b[k], After: av}
		}
	}
	for k, bv := range b {
		if _, ok := a[k]; !ok {
			out[k] = fieldChange{Before: bv}
		}
	}
	// Bookkeeping fields change on every write and say nothing.
	delete(out, "Version")
	delete(out, "UpdatedAt")
	delete(out, "CreatedAt")
	return out
}

// audit records who did what to which object, with the changed fields.
func (s *Store) audit(ctx context.Context, tx *sqlx.Tx, op, objectType string, objectID int64, before, after any) error {
	d, err := json.Marshal(diff(before, after))
	if err != nil {
		return fmt.Errorf("store: audit diff: %w", err)
	}
	actor := talent.ActorFrom(ctx)
	if _, err := s.exec(ctx, tx, `INSERT INTO audit_log (at, actor, operation, object_type, object_id, diff) VALUES (?, ?, ?, ?, ?, ?)`,
		s.now().UTC(), actor.Name, op, objectType, objectID, string(d)); err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}
