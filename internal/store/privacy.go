package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/fuliang/talent/internal/talent"
	"github.com/jmoiron/sqlx"
)

// ErasedName replaces an erased expert's name.
const ErasedName = "（已注销）"

// EraseExpert removes an expert's personal data at their request (PIPL):
// name, gender, birth year, contact data, consent, bio and the bureau's
// identifier are cleared, the profile is archived (so lists, search and
// matching no longer find it), before/after values in the audit log are
// scrubbed, notification copies forget the contact data, and linked
// accounts are disabled. Memberships, engagements and ratings stay, without
// a person attached, so statistics still count them.
func (s *Store) EraseExpert(ctx context.Context, id int64, reason string) (*talent.Expert, error) {
	var after *talent.Expert
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		before, err := s.getExpert(ctx, tx, id, true)
		if err != nil {
			return err
		}
		after = cloneExpert(before)
		now := s.now().UTC()
		after.Name, after.Gender, after.BirthYear, after.Phone, after.Email = ErasedName, "", 0, "", ""
		after.Consent, after.Bio, after.ExternalID, after.OnCall = nil, "", "", false
		if after.ArchivedAt == nil {
			after.ArchivedAt = &now
		}
		if err := s.saveExpert(ctx, tx, "eraseExpertData", before, after); err != nil {
			return err
		}
		// The audit trail keeps who changed what and when, not the values.
		if _, err := s.exec(ctx, tx, `UPDATE audit_log SET diff = ? WHERE object_type = 'expert' AND object_id = ?`,
			`{"erased":{"after":"个人信息已按本人要求删除"}}`, id); err != nil {
			return fmt.Errorf("store: scrub audit: %w", err)
		}
		if _, err := s.exec(ctx, tx, `UPDATE app_user SET disabled_at = ? WHERE expert_id = ? AND disabled_at IS NULL`, now, id); err != nil {
			return fmt.Errorf("store: disable accounts: %w", err)
		}
		if _, err := s.exec(ctx, tx, `UPDATE auth_token SET revoked_at = ? WHERE revoked_at IS NULL
			AND user_id IN (SELECT id FROM app_user WHERE expert_id = ?)`, now, id); err != nil {
			return fmt.Errorf("store: revoke tokens: %w", err)
		}
		return s.audit(ctx, tx, "eraseExpertData", "expert", id, nil, map[string]string{"reason": talent.Clean(reason)})
	})
	if err != nil {
		return nil, err
	}
	if _, err := s.ForgetExpertContacts(ctx, id); err != nil {
		return nil, err
	}
	return after, nil
}

// AuditEntry is one audited write.
type AuditEntry struct {
	ID         int64     `db:"id"`
	At         time.Time `db:"at"`
	Actor      string    `db:"actor"`
	Operation  string    `db:"operation"`
	ObjectType string    `db:"object_type"`
	ObjectID   int64     `db:"object_id"`
	Diff       string    `db:"diff"` // JSON: field → {before, after}
}

// AuditFilter narrows the audit log; zero values do not restrict.
type AuditFilter struct {
	ObjectType string
	ObjectID   int64
	Actor      string
	From, To   time.Time
}

// FindAudit lists audit entries newest first, with id < before (0: from the newest).
func (s *Store) FindAudit(ctx context.Context, f AuditFilter, before int64, limit int) ([]*AuditEntry, error) {
	var conds []string
	var args []any
	add := func(c string, a any) { conds = append(conds, c); args = append(args, a) }
	if f.ObjectType != "" {
		add("object_type = ?", f.ObjectType)
	}
	if f.ObjectID != 0 {
		add("object_id = ?", f.ObjectID)
	}
	if f.Actor != "" {
		add("actor = ?", f.Actor)
	}
	if !f.From.IsZero() {
		add("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("at < ?", f.To.UTC())
	}
	if before > 0 {
		add("id < ?", before)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	var rows []*AuditEntry
	if err := s.sel(ctx, s.db, &rows, `SELECT id, at, actor, operation, object_type, object_id, CAST(diff AS TEXT) AS diff
		FROM audit_log`+where+` ORDER BY id DESC LIMIT ?`, append(args, limit)...); err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	for _, r := range rows {
		r.At = r.At.UTC()
	}
	return rows, nil
}
