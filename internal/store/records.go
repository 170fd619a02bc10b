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

// dateText scans a calendar date from either dialect (a DATE on PostgreSQL
// arrives as time.Time, TEXT on SQLite as a string) into YYYY-MM-DD.
type dateText string

func (d *dateText) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*d = ""
	case time.Time:
		*d = dateText(x.Format(talent.DateLayout))
	case string:
		*d = dateText(trimDate(x))
	case []byte:
		*d = dateText(trimDate(string(x)))
	default:
		return fmt.Errorf("store: cannot scan %T into a date", v)
	}
	return nil
}

func trimDate(s string) string {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}

// nullInt stores 0 as NULL (optional references).
func nullInt(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// requireMembership loads the expert (locked) and checks that they hold a
// membership of reg in one of the given statuses.
func (s *Store) requireMembership(ctx context.Context, tx *sqlx.Tx, expertID int64, reg talent.Registry, statuses ...talent.MembershipStatus) (*talent.Expert, error) {
	e, err := s.getExpert(ctx, tx, expertID, true)
	if err != nil {
		return nil, err
	}
	if e.ArchivedAt != nil {
		return nil, talent.Errorf(talent.CodeArchived, "expertId", "专家“%s”已归档", e.Name)
	}
	ms, err := s.membershipsOf(ctx, tx, expertID)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		if m.Registry != reg {
			continue
		}
		for _, st := range statuses {
			if m.Status == st {
				return e, nil
			}
		}
		return nil, talent.Errorf(talent.CodeNotMember, "expertId", "专家“%s”在%s中的状态为“%s”，不能办理此项",
			e.Name, talent.Label(talent.Registries, string(reg)), talent.Label(talent.MembershipStatuses, string(m.Status)))
	}
	return nil, talent.Errorf(talent.CodeNotMember, "expertId", "专家“%s”不在%s中", e.Name, talent.Label(talent.Registries, string(reg)))
}

var activeStatuses = []talent.MembershipStatus{talent.StatusNominated, talent.StatusUnderReview, talent.StatusAdmitted, talent.StatusSuspended}

// AddRecommendation records a youth talent's nomination for a programme or
// award. Errors: NOT_FOUND, NOT_MEMBER, validation errors.
func (s *Store) AddRecommendation(ctx context.Context, rec *talent.Recommendation) (*talent.Recommendation, error) {
	if err := s.rules.ValidateRecommendation(rec); err != nil {
		return nil, err
	}
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := s.requireMembership(ctx, tx, rec.ExpertID, talent.YouthTalent, activeStatuses...); err != nil {
			return err
		}
		rec.CreatedAt = s.now().UTC()
		id, err := s.insert(ctx, tx, `INSERT INTO recommendation (expert_id, programme, level, year, outcome, note, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, rec.ExpertID, rec.Programme, string(rec.Level), rec.Year, string(rec.Outcome), rec.Note, rec.CreatedAt)
		if err != nil {
			return err
		}
		rec.ID = id
		return s.audit(ctx, tx, "addRecommendation", "recommendation", id, nil, rec)
	})
	if err != nil {
		return nil, err
	}
	return rec, nil
}

// RecommendationsByExperts loads recommendations of many experts, newest year first.
func (s *Store) RecommendationsByExperts(ctx context.Context, ids []int64) (map[int64][]*talent.Recommendation, error) {
	out := map[int64][]*talent.Recommendation{}
	if len(ids) == 0 {
		return out, nil
	}
	q, args, err := s.in(`SELECT id, expert_id, programme, level, year, outcome, note, created_at
		FROM recommendation WHERE expert_id IN (?) ORDER BY expert_id, year DESC, id`, ids)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		ID        int64     `db:"id"`
		ExpertID  int64     `db:"expert_id"`
		Programme string    `db:"programme"`
		Level     string    `db:"level"`
		Year      int       `db:"year"`
		Outcome   string    `db:"outcome"`
		Note      string    `db:"note"`
		CreatedAt time.Time `db:"created_at"`
	}
	if err := s.sel(ctx, s.db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("store: recommendations: %w", err)
	}
	for _, r := range rows {
		out[r.ExpertID] = append(out[r.ExpertID], &talent.Recommendation{ID: r.ID, ExpertID: r.ExpertID, Programme: r.Programme,
			Level: talent.RecommendationLevel(r.Level), Year: r.Year, Outcome: talent.RecommendationOutcome(r.Outcome), Note: r.Note, CreatedAt: r.CreatedAt.UTC()})
	}
	return out, nil
}

// AssignEnvoy assigns an admitted science envoy to a service target.
func (s *Store) AssignEnvoy(ctx context.Context, a *talent.EnvoyAssignment) (*talent.EnvoyAssignment, error) {
	if err := s.rules.ValidateAssignment(a); err != nil {
		return nil, err
	}
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := s.requireMembership(ctx, tx, a.ExpertID, talent.ScienceEnvoy, talent.StatusAdmitted); err != nil {
			return err
		}
		a.CreatedAt = s.now().UTC()
		id, err := s.insert(ctx, tx, `INSERT INTO envoy_assignment (expert_id, target_kind, target_name, township, term_start, term_end, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, a.ExpertID, string(a.TargetKind), a.TargetName, a.Township, a.TermStart, nullIfEmpty(a.TermEnd), a.CreatedAt)
		if err != nil {
			return err
		}
		a.ID = id
		if err := s.enqueue(ctx, tx, TopicExpert, a.ExpertID); err != nil {
			return err
		}
		return s.audit(ctx, tx, "assignEnvoy", "envoyAssignment", id, nil, a)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

type assignmentRow struct {
	ID         int64     `db:"id"`
	ExpertID   int64     `db:"expert_id"`
	TargetKind string    `db:"target_kind"`
	TargetName string    `db:"target_name"`
	Township   string    `db:"township"`
	TermStart  dateText  `db:"term_start"`
	TermEnd    dateText  `db:"term_end"`
	CreatedAt  time.Time `db:"created_at"`
}

// AssignmentsByExperts loads envoy assignments of many experts, newest first.
func (s *Store) AssignmentsByExperts(ctx context.Context, ids []int64) (map[int64][]*talent.EnvoyAssignment, error) {
	out := map[int64][]*talent.EnvoyAssignment{}
	if len(ids) == 0 {
		return out, nil
	}
	q, args, err := s.in(`SELECT id, expert_id, target_kind, target_name, township, term_start, term_end, created_at
		FROM envoy_assignment WHERE expert_id IN (?) ORDER BY expert_id, term_start DESC, id`, ids)
	if err != nil {
		return nil, err
	}
	var rows []assignmentRow
	if err := s.sel(ctx, s.db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("store: assignments: %w", err)
	}
	for _, r := range rows {
		out[r.ExpertID] = append(out[r.ExpertID], &talent.EnvoyAssignment{ID: r.ID, ExpertID: r.ExpertID,
			TargetKind: talent.ServiceTargetKind(r.TargetKind), TargetName: r.TargetName, Township: r.Township,
			TermStart: string(r.TermStart), TermEnd: string(r.TermEnd), CreatedAt: r.CreatedAt.UTC()})
	}
	return out, nil
}

// LogEnvoyService records a science envoy's visit or service.
func (s *Store) LogEnvoyService(ctx context.Context, l *talent.ServiceLog) (*talent.ServiceLog, error) {
	if err := s.rules.ValidateServiceLog(l); err != nil {
		return nil, err
	}
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := s.requireMembership(ctx, tx, l.ExpertID, talent.ScienceEnvoy, talent.StatusAdmitted, talent.StatusSuspended); err != nil {
			return err
		}
		var assignment any
		if l.AssignmentID != 0 {
			var owner int64
			err := s.get(ctx, tx, &owner, `SELECT expert_id FROM envoy_assignment WHERE id = ?`, l.AssignmentID)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && owner != l.ExpertID) {
				return talent.Errorf(talent.CodeNotFound, "assignmentId", "该特派员没有编号为%d的服务对象", l.AssignmentID)
			}
			if err != nil {
				return fmt.Errorf("store: assignment: %w", err)
			}
			assignment = l.AssignmentID
		}
		l.CreatedAt = s.now().UTC()
		id, err := s.insert(ctx, tx, `INSERT INTO envoy_service_log (expert_id, assignment_id, date, target, content, people_trained, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, l.ExpertID, assignment, l.Date, l.Target, l.Content, l.PeopleTrained, l.CreatedAt)
		if err != nil {
			return err
		}
		l.ID = id
		return s.audit(ctx, tx, "logEnvoyService", "serviceLog", id, nil, l)
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// ServiceLogsByExperts loads service logs of many experts, newest first.
func (s *Store) ServiceLogsByExperts(ctx context.Context, ids []int64) (map[int64][]*talent.ServiceLog, error) {
	out := map[int64][]*talent.ServiceLog{}
	if len(ids) == 0 {
		return out, nil
	}
	q, args, err := s.in(`SELECT id, expert_id, assignment_id, date, target, content, people_trained, created_at
		FROM envoy_service_log WHERE expert_id IN (?) ORDER BY expert_id, date DESC, id DESC`, ids)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		ID            int64         `db:"id"`
		ExpertID      int64         `db:"expert_id"`
		AssignmentID  sql.NullInt64 `db:"assignment_id"`
		Date          dateText      `db:"date"`
		Target        string        `db:"target"`
		Content       string        `db:"content"`
		PeopleTrained int           `db:"people_trained"`
		CreatedAt     time.Time     `db:"created_at"`
	}
	if err := s.sel(ctx, s.db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("store: service logs: %w", err)
	}
	for _, r := range rows {
		out[r.ExpertID] = append(out[r.ExpertID], &talent.ServiceLog{ID: r.ID, ExpertID: r.ExpertID, AssignmentID: r.AssignmentID.Int64,
			Date: string(r.Date), Target: r.Target, Content: r.Content, PeopleTrained: r.PeopleTrained, CreatedAt: r.CreatedAt.UTC()})
	}
	return out, nil
}
