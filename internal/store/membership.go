package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/fuliang/talent/internal/talent"
	"github.com/jmoiron/sqlx"
)

type membershipRow struct {
	ID          int64        `db:"id"`
	ExpertID    int64        `db:"expert_id"`
	Registry    string       `db:"registry"`
	Status      string       `db:"status"`
	Since       time.Time    `db:"since"`
	AdmittedAt  sql.NullTime `db:"admitted_at"`
	TravelMaxKm int          `db:"travel_max_km"`
	TravelNote  string       `db:"travel_note"`
	Version     int          `db:"version"`
	CreatedAt   time.Time    `db:"created_at"`
	UpdatedAt   time.Time    `db:"updated_at"`
}

const membershipColumns = `id, expert_id, registry, status, since, admitted_at, travel_max_km, travel_note, version, created_at, updated_at`

func (r membershipRow) membership() *talent.Membership {
	m := &talent.Membership{
		ID: r.ID, ExpertID: r.ExpertID, Registry: talent.Registry(r.Registry), Status: talent.MembershipStatus(r.Status),
		Since: r.Since.UTC(), TravelMaxKm: r.TravelMaxKm, TravelNote: r.TravelNote, Version: r.Version,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
	if r.AdmittedAt.Valid {
		t := r.AdmittedAt.Time.UTC()
		m.AdmittedAt = &t
	}
	return m
}

func (s *Store) membershipsOf(ctx context.Context, q sqlx.QueryerContext, expertID int64) ([]*talent.Membership, error) {
	var rows []membershipRow
	if err := s.sel(ctx, q, &rows, `SELECT `+membershipColumns+` FROM membership WHERE expert_id = ? ORDER BY id`, expertID); err != nil {
		return nil, fmt.Errorf("store: memberships: %w", err)
	}
	out := make([]*talent.Membership, len(rows))
	for i, r := range rows {
		out[i] = r.membership()
	}
	return out, nil
}

// MembershipsByExperts loads the memberships of many experts in one query.
func (s *Store) MembershipsByExperts(ctx context.Context, expertIDs []int64) (map[int64][]*talent.Membership, error) {
	out := make(map[int64][]*talent.Membership, len(expertIDs))
	if len(expertIDs) == 0 {
		return out, nil
	}
	q, args, err := s.in(`SELECT `+membershipColumns+` FROM membership WHERE expert_id IN (?) ORDER BY expert_id, id`, expertIDs)
	if err != nil {
		return nil, err
	}
	var rows []membershipRow
	if err := s.sel(ctx, s.db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("store: memberships: %w", err)
	}
	for _, r := range rows {
		out[r.ExpertID] = append(out[r.ExpertID], r.membership())
	}
	return out, nil
}

type eventRow struct {
	ID           int64     `db:"id"`
	MembershipID int64     `db:"membership_id"`
	FromStatus   string    `db:"from_status"`
	ToStatus     string    `db:"to_status"`
	At           time.Time `db:"at"`
	Actor        string    `db:"actor"`
	Reason       string    `db:"reason"`
}

// HistoryByMemberships loads the status history of many memberships in one
// query, oldest first.
func (s *Store) HistoryByMemberships(ctx context.Context, ids []int64) (map[int64][]*talent.StatusChange, error) {
	out := make(map[int64][]*talent.StatusChange, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	q, args, err := s.in(`SELECT id, membership_id, from_status, to_status, at, actor, reason
		FROM membership_event WHERE membership_id IN (?) ORDER BY membership_id, id`, ids)
	if err != nil {
		return nil, err
	}
	var rows []eventRow
	if err := s.sel(ctx, s.db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("store: membership history: %w", err)
	}
	for _, r := range rows {
		out[r.MembershipID] = append(out[r.MembershipID], &talent.StatusChange{
			ID: r.ID, MembershipID: r.MembershipID, From: talent.MembershipStatus(r.FromStatus),
			To: talent.MembershipStatus(r.ToStatus), At: r.At.UTC(), Actor: r.Actor, Reason: r.Reason,
		})
	}
	return out, nil
}

// Admission is a request to add an expert to a registry.
type Admission struct {
	ExpertID int64
	Registry talent.Registry
	Status   talent.MembershipStatus // NOMINATED (default), UNDER_REVIEW or ADMITTED
	Reason   string
	// Registry-specific data given at entry.
	TravelMaxKm         int
	TravelNote          string
	EmergencyCategories []talent.EmergencyCategory // merged into the profile
}

// AdmitToRegistry adds an expert to a registry. Errors: NOT_FOUND,
// DUPLICATE (already in it), AGE_LIMIT, CATEGORY_REQUIRED, validation errors.
func (s *Store) AdmitToRegistry(ctx context.Context, a Admission) (*talent.Membership, *talent.Expert, error) {
	if a.Status == "" {
		a.Status = talent.StatusNominated
	}
	a.Reason = talent.Clean(a.Reason)
	a.TravelNote = talent.Clean(a.TravelNote)
	var m *talent.Membership
	var expert *talent.Expert
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		e, err := s.getExpert(ctx, tx, a.ExpertID, true)
		if err != nil {
			return err
		}
		ms, err := s.membershipsOf(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		expert = e
		if len(a.EmergencyCategories) > 0 {
			if a.Registry != talent.EmergencyExpert {
				return talent.Errorf(talent.CodeInvalid, "emergencyCategories", "只有应急科普专家队伍需要应急类别")
			}
			expert = cloneExpert(e)
			expert.EmergencyCategories = append(expert.EmergencyCategories, a.EmergencyCategories...)
			talent.NormalizeExpert(expert)
		}
		if err := validateTravel(a.Registry, a.TravelMaxKm, a.TravelNote); err != nil {
			return err
		}
		if err := s.rules.ValidateNewMembership(expert, ms, a.Registry, a.Status, a.Reason); err != nil {
			return err
		}
		if expert != e {
			all := append(ms, &talent.Membership{Registry: a.Registry, Status: a.Status})
			if err := s.rules.ValidateExpert(expert, all); err != nil {
				return err
			}
			if err := s.saveExpert(ctx, tx, "admitToRegistry", e, expert); err != nil {
				return err
			}
		}
		now := s.now().UTC()
		m = &talent.Membership{ExpertID: e.ID, Registry: a.Registry, Status: a.Status, Since: now,
			TravelMaxKm: a.TravelMaxKm, TravelNote: a.TravelNote, Version: 1, CreatedAt: now, UpdatedAt: now}
		if a.Status == talent.StatusAdmitted {
			m.AdmittedAt = &now
		}
		m.ID, err = s.insert(ctx, tx, `INSERT INTO membership (expert_id, registry, status, since, admitted_at,
			travel_max_km, travel_note, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			m.ExpertID, string(m.Registry), string(m.Status), now, nullTime(m.AdmittedAt), m.TravelMaxKm, m.TravelNote, 1, now, now)
		if err != nil {
			return err
		}
		return s.afterMembershipWrite(ctx, tx, "admitToRegistry", m, "", a.Reason, nil)
	})
	if err != nil {
		return nil, nil, err
	}
	return m, expert, nil
}

func validateTravel(reg talent.Registry, km int, note string) error {
	var errs talent.Errors
	if (km != 0 || note != "") && reg != talent.SeniorLecturer {
		errs.Add(talent.CodeInvalid, "travelMaxKm", "出行限制只适用于老专家科普报告团")
	}
	if km < 0 || km > 500 {
		errs.Add(talent.CodeOutOfRange, "travelMaxKm", "最远出行距离应在0至500公里之间（0表示不限）")
	}
	if len([]rune(note)) > talent.MaxShortText {
		errs.Add(talent.CodeTooLong, "travelNote", "出行说明不能超过%d个字", talent.MaxShortText)
	}
	return errs.Err()
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// afterMembershipWrite records the status event (when the status changed),
// queues the expert for reindexing and audits the change.
func (s *Store) afterMembershipWrite(ctx context.Context, tx *sqlx.Tx, op string, m *talent.Membership, from talent.MembershipStatus, reason string, before *talent.Membership) error {
	if before == nil || before.Status != m.Status {
		if _, err := s.exec(ctx, tx, `INSERT INTO membership_event (membership_id, from_status, to_status, at, actor, reason)
			VALUES (?, ?, ?, ?, ?, ?)`, m.ID, string(from), string(m.Status), m.UpdatedAt, talent.ActorFrom(ctx).Name, reason); err != nil {
			return fmt.Errorf("store: membership event: %w", err)
		}
	}
	if err := s.enqueue(ctx, tx, TopicExpert, m.ExpertID); err != nil {
		return err
	}
	return s.audit(ctx, tx, op, "membership", m.ID, before, m)
}

// StatusChangeRequest moves an expert's membership in one registry.
type StatusChangeRequest struct {
	ExpertID int64
	Registry talent.Registry
	To       talent.MembershipStatus
	Reason   string
	Version  int // membership version read by the caller; 0 skips the check
}

// ChangeMembershipStatus applies one transition of the state machine.
// Errors: NOT_FOUND, NOT_MEMBER, INVALID_TRANSITION, CONFLICT, REQUIRED
// (reason), AGE_LIMIT, CATEGORY_REQUIRED.
func (s *Store) ChangeMembershipStatus(ctx context.Context, r StatusChangeRequest) (*talent.Membership, error) {
	r.Reason = talent.Clean(r.Reason)
	var after *talent.Membership
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		e, err := s.getExpert(ctx, tx, r.ExpertID, true)
		if err != nil {
			return err
		}
		var row membershipRow
		if err := s.get(ctx, tx, &row, `SELECT `+membershipColumns+` FROM membership WHERE expert_id = ? AND registry = ?`+s.forUpdate(),
			r.ExpertID, string(r.Registry)); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return talent.Errorf(talent.CodeNotMember, "registry", "专家“%s”不在%s中", e.Name, talent.Label(talent.Registries, string(r.Registry)))
			}
			return fmt.Errorf("store: membership: %w", err)
		}
		before := row.membership()
		if r.Version != 0 && before.Version != r.Version {
			return talent.Conflict("入库状态")
		}
		if e.ArchivedAt != nil && r.To != talent.StatusExited {
			return talent.Errorf(talent.CodeArchived, "expertId", "专家“%s”已归档，只能退出人才库", e.Name)
		}
		if err := s.rules.ValidateTransition(e, before, r.To, r.Reason); err != nil {
			return err
		}
		now := s.now().UTC()
		m := *before
		after = &m
		after.Status, after.Since, after.UpdatedAt, after.Version = r.To, now, now, before.Version+1
		if r.To == talent.StatusAdmitted && after.AdmittedAt == nil {
			after.AdmittedAt = &now
		}
		res, err := s.exec(ctx, tx, `UPDATE membership SET status = ?, since = ?, admitted_at = ?, version = ?, updated_at = ?
			WHERE id = ? AND version = ?`, string(after.Status), now, nullTime(after.AdmittedAt), after.Version, now, after.ID, before.Version)
		if err != nil {
			return fmt.Errorf("store: change status: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return talent.Conflict("入库状态")
		}
		// An expert who is no longer an admitted emergency expert cannot stay on call.
		if r.Registry == talent.EmergencyExpert && r.To != talent.StatusAdmitted && e.OnCall {
			off := cloneExpert(e)
			off.OnCall = false
			if err := s.saveExpert(ctx, tx, "changeMembershipStatus", e, off); err != nil {
				return err
			}
		}
		return s.afterMembershipWrite(ctx, tx, "changeMembershipStatus", after, before.Status, r.Reason, before)
	})
	if err != nil {
		return nil, err
	}
	return after, nil
}

// RegistrySummary counts memberships of non-archived experts per registry
// and status.
func (s *Store) RegistrySummary(ctx context.Context) ([]talent.RegistryCount, error) {
	var rows []struct {
		Registry string `db:"registry"`
		Status   string `db:"status"`
		N        int    `db:"n"`
	}
	if err := s.sel(ctx, s.db, &rows, `SELECT m.registry, m.status, COUNT(*) AS n
		FROM membership m JOIN expert e ON e.id = m.expert_id
		WHERE e.archived_at IS NULL
		GROUP BY m.registry, m.status ORDER BY m.registry, m.status`); err != nil {
		return nil, fmt.Errorf("store: registry summary: %w", err)
	}
	out := make([]talent.RegistryCount, len(rows))
	for i, r := range rows {
		out[i] = talent.RegistryCount{Registry: talent.Registry(r.Registry), Status: talent.MembershipStatus(r.Status), Count: r.N}
	}
	return out, nil
}
