package store

// Engagements: booking an expert (with the double-booking, monthly-cap and
// availability rules checked in Go for a clear message and again by the
// database, which has the last word), scheduling, completion, rating,
// history, reminders, and what the matcher reads back.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/talent"
	"github.com/jmoiron/sqlx"
)

type engagementRow struct {
	ID            int64         `db:"id"`
	RequestID     int64         `db:"request_id"`
	ExpertID      int64         `db:"expert_id"`
	InvitationID  sql.NullInt64 `db:"invitation_id"`
	Source        string        `db:"source"`
	Registry      string        `db:"registry"`
	Status        string        `db:"status"`
	Month         string        `db:"month"`
	StartsAt      sql.NullTime  `db:"starts_at"`
	EndsAt        sql.NullTime  `db:"ends_at"`
	RemindedAt    sql.NullTime  `db:"reminded_at"`
	CompletedOn   dateText      `db:"completed_on"`
	Attendees     int           `db:"attendees"`
	Notes         string        `db:"notes"`
	Rating        sql.NullInt64 `db:"rating"`
	RatingComment string        `db:"rating_comment"`
	RatedAt       sql.NullTime  `db:"rated_at"`
	AcceptedAt    time.Time     `db:"accepted_at"`
	CancelledAt   sql.NullTime  `db:"cancelled_at"`
	Version       int           `db:"version"`
	CreatedAt     time.Time     `db:"created_at"`
	UpdatedAt     time.Time     `db:"updated_at"`
}

const engagementColumns = `id, request_id, expert_id, invitation_id, source, registry, status, month, starts_at, ends_at,
	reminded_at, completed_on, attendees, notes, rating, rating_comment, rated_at, accepted_at, cancelled_at,
	version, created_at, updated_at`

func optTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

func (r *engagementRow) engagement() *dispatch.Engagement {
	return &dispatch.Engagement{
		ID: r.ID, RequestID: r.RequestID, ExpertID: r.ExpertID, InvitationID: r.InvitationID.Int64,
		Source: dispatch.Source(r.Source), Registry: talent.Registry(r.Registry), Status: dispatch.EngagementStatus(r.Status),
		Month: r.Month, StartsAt: optTime(r.StartsAt), EndsAt: optTime(r.EndsAt), RemindedAt: optTime(r.RemindedAt),
		CompletedOn: string(r.CompletedOn), Attendees: r.Attendees, Notes: r.Notes, Rating: int(r.Rating.Int64),
		RatingComment: r.RatingComment, RatedAt: optTime(r.RatedAt), AcceptedAt: r.AcceptedAt.UTC(),
		CancelledAt: optTime(r.CancelledAt), Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

func (s *Store) engagements(ctx context.Context, q sqlx.QueryerContext, where string, args ...any) ([]*dispatch.Engagement, error) {
	var rows []engagementRow
	if err := s.sel(ctx, q, &rows, `SELECT `+engagementColumns+` FROM engagement `+where, args...); err != nil {
		return nil, fmt.Errorf("store: engagements: %w", err)
	}
	out := make([]*dispatch.Engagement, len(rows))
	for i := range rows {
		out[i] = rows[i].engagement()
	}
	return out, nil
}

// bookingErr maps the database's refusals of a booking to user errors. The
// Go checks before each write give the detailed message; this is what a
// writer sees when the database catches what they could not (a race, or a
// write that bypassed them).
func bookingErr(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "engagement_no_overlap") || strings.Contains(msg, "DOUBLE_BOOKED"):
		return talent.Errorf(dispatch.CodeDoubleBooked, "startsAt", "该专家在这个时间段已有其他安排，不能重复预约")
	case strings.Contains(msg, "MONTHLY_CAP"):
		return talent.Errorf(dispatch.CodeMonthlyCap, "expertId", "该专家本月的服务次数已达上限")
	case strings.Contains(msg, "UNAVAILABLE"):
		return talent.Errorf(dispatch.CodeUnavailable, "startsAt", "该专家在这些日期不可用")
	case strings.Contains(msg, "TAKEN"):
		return talent.Errorf(dispatch.CodeTaken, "requestId", "该需求已有足够的专家接单")
	case strings.Contains(msg, "engagement_once") || strings.Contains(msg, "engagement.request_id"):
		return talent.Errorf(talent.CodeDuplicate, "expertId", "该专家已接下这个需求")
	case strings.Contains(msg, "invitation_once") || strings.Contains(msg, "invitation.request_id"):
		return talent.Errorf(talent.CodeDuplicate, "expertIds", "该专家已受邀")
	}
	return err
}

// book engages an expert for a locked request: the expert row is locked
// (bookings of one expert queue there), the rules are checked with clear
// messages, and the engagement is inserted (where the database checks
// them again). claim selects the stricter fit of self-service claiming.
func (s *Store) book(ctx context.Context, tx *sqlx.Tx, req *dispatch.Request, expertID int64, src dispatch.Source, invitationID int64, claim bool) (*dispatch.Engagement, error) {
	e, err := s.getExpert(ctx, tx, expertID, true)
	if err != nil {
		if talent.ErrorCode(err) == talent.CodeNotFound {
			return nil, talent.NotFound("expertId", "专家", expertID)
		}
		return nil, err
	}
	ms, err := s.membershipsOf(ctx, tx, expertID)
	if err != nil {
		return nil, err
	}
	var reg talent.Registry
	if claim {
		reg, err = dispatch.Fits(req, e, ms)
	} else {
		reg, err = dispatch.Qualify(req, e, ms)
	}
	if err != nil {
		return nil, err
	}
	var already int
	if err := s.get(ctx, tx, &already, `SELECT COUNT(*) FROM engagement WHERE request_id = ? AND expert_id = ? AND status <> 'CANCELLED'`,
		req.ID, expertID); err != nil {
		return nil, fmt.Errorf("store: engagement check: %w", err)
	}
	if already > 0 {
		return nil, talent.Errorf(talent.CodeDuplicate, "expertId", "专家“%s”已接下这个需求", e.Name)
	}
	if err := dispatch.CheckWindowAvailable(e, req); err != nil {
		return nil, err
	}
	month := dispatch.WindowMonth(req)
	if err := s.checkCap(ctx, tx, e, month, 0); err != nil {
		return nil, err
	}
	now := s.now().UTC()
	eng := &dispatch.Engagement{RequestID: req.ID, ExpertID: expertID, InvitationID: invitationID, Source: src, Registry: reg,
		Status: dispatch.EngagementAccepted, Month: month, AcceptedAt: now, Version: 1, CreatedAt: now, UpdatedAt: now}
	var inv any
	if invitationID != 0 {
		inv = invitationID
	}
	id, err := s.insert(ctx, tx, `INSERT INTO engagement (request_id, expert_id, invitation_id, source, registry, status, month,
		accepted_at, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		eng.RequestID, eng.ExpertID, inv, string(eng.Source), string(eng.Registry), string(eng.Status), eng.Month, now, 1, now, now)
	if err != nil {
		return nil, bookingErr(err)
	}
	eng.ID = id
	return eng, s.audit(ctx, tx, "book", "engagement", id, nil, eng)
}

// checkCap counts the expert's live engagements in month, other than
// except, against the monthly cap.
func (s *Store) checkCap(ctx context.Context, tx *sqlx.Tx, e *talent.Expert, month string, except int64) error {
	var booked int
	if err := s.get(ctx, tx, &booked, `SELECT COUNT(*) FROM engagement
		WHERE expert_id = ? AND month = ? AND status <> 'CANCELLED' AND id <> ?`, e.ID, month, except); err != nil {
		return fmt.Errorf("store: monthly count: %w", err)
	}
	return dispatch.CheckMonthlyCap(e, month, booked)
}

// lockEngagement reads an engagement under its request's lock.
func (s *Store) lockEngagement(ctx context.Context, tx *sqlx.Tx, id int64) (*dispatch.Request, *dispatch.Engagement, error) {
	var requestID int64
	if err := s.get(ctx, tx, &requestID, `SELECT request_id FROM engagement WHERE id = ?`, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil, talent.NotFound("engagementId", "服务安排", id)
		}
		return nil, nil, fmt.Errorf("store: engagement: %w", err)
	}
	req, err := s.getRequest(ctx, tx, requestID, true)
	if err != nil {
		return nil, nil, err
	}
	list, err := s.engagements(ctx, tx, `WHERE id = ?`+s.forUpdate(), id)
	if err != nil {
		return nil, nil, err
	}
	return req, list[0], nil
}

func engagementState(e *dispatch.Engagement, want ...dispatch.EngagementStatus) error {
	for _, w := range want {
		if e.Status == w {
			return nil
		}
	}
	names := make([]string, len(want))
	for i, w := range want {
		names[i] = talent.Label(dispatch.EngagementStatuses, string(w))
	}
	return talent.Errorf(talent.CodeInvalidTransition, "engagementId", "该服务安排当前为“%s”，此操作只适用于“%s”的服务安排",
		talent.Label(dispatch.EngagementStatuses, string(e.Status)), strings.Join(names, "”或“"))
}

// Engagement returns one engagement. Errors: NOT_FOUND.
func (s *Store) Engagement(ctx context.Context, id int64) (*dispatch.Engagement, error) {
	list, err := s.engagements(ctx, s.db, `WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, talent.NotFound("engagementId", "服务安排", id)
	}
	return list[0], nil
}

// EngagementsByRequests loads the engagements of many requests.
func (s *Store) EngagementsByRequests(ctx context.Context, ids []int64) (map[int64][]*dispatch.Engagement, error) {
	out := make(map[int64][]*dispatch.Engagement, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	q, args, err := s.in(`WHERE request_id IN (?) ORDER BY request_id, id`, ids)
	if err != nil {
		return nil, err
	}
	list, err := s.engagements(ctx, s.db, q, args...)
	if err != nil {
		return nil, err
	}
	for _, e := range list {
		out[e.RequestID] = append(out[e.RequestID], e)
	}
	return out, nil
}

// EngagementHistory lists an expert's engagements, newest first, cancelled
// ones included (they are part of the record).
func (s *Store) EngagementHistory(ctx context.Context, expertID int64, limit int) ([]*dispatch.Engagement, error) {
	return s.engagements(ctx, s.db, `WHERE expert_id = ? ORDER BY COALESCE(starts_at, accepted_at) DESC, id DESC LIMIT ?`, expertID, limit)
}

// ScheduleInput fixes the time of an engagement.
type ScheduleInput struct {
	EngagementID int64
	StartsAt     time.Time
	EndsAt       time.Time // zero means StartsAt plus the request's duration
}

// ScheduleEngagement gives an accepted engagement its time slot (or moves
// a scheduled one). The request becomes SCHEDULED when all its engagements
// have one. Errors: NOT_FOUND, INVALID_TRANSITION, INVALID, OUT_OF_RANGE,
// DOUBLE_BOOKED, MONTHLY_CAP, UNAVAILABLE.
func (s *Store) ScheduleEngagement(ctx context.Context, in ScheduleInput) (*dispatch.Engagement, error) {
	var out *dispatch.Engagement
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		req, eng, err := s.lockEngagement(ctx, tx, in.EngagementID)
		if err != nil {
			return err
		}
		if err := dispatch.Allowed(dispatch.ActSchedule, req.Status); err != nil {
			return err
		}
		if err := engagementState(eng, dispatch.EngagementAccepted, dispatch.EngagementScheduled); err != nil {
			return err
		}
		start := dispatch.TruncateSlot(in.StartsAt)
		end := in.EndsAt
		if end.IsZero() {
			end = start.Add(time.Duration(req.DurationMinutes) * time.Minute)
		}
		end = dispatch.TruncateSlot(end)
		now := s.now().UTC()
		if err := dispatch.ValidateSlot(start, end, now); err != nil {
			return err
		}
		e, err := s.getExpert(ctx, tx, eng.ExpertID, true)
		if err != nil {
			return err
		}
		var clash []engagementRow
		if err := s.sel(ctx, tx, &clash, `SELECT `+engagementColumns+` FROM engagement
			WHERE expert_id = ? AND id <> ? AND status IN ('SCHEDULED', 'COMPLETED') AND starts_at < ? AND ends_at > ?
			ORDER BY starts_at LIMIT 1`, e.ID, eng.ID, end, start); err != nil {
			return fmt.Errorf("store: overlap check: %w", err)
		}
		if len(clash) > 0 {
			c := clash[0].engagement()
			return talent.Errorf(dispatch.CodeDoubleBooked, "startsAt", "专家“%s”在%s至%s已有安排（需求编号%d），时间冲突",
				e.Name, c.StartsAt.In(dispatch.China).Format("2006-01-02 15:04"), c.EndsAt.In(dispatch.China).Format("15:04"), c.RequestID)
		}
		month := dispatch.Month(start)
		if month != eng.Month {
			if err := s.checkCap(ctx, tx, e, month, eng.ID); err != nil {
				return err
			}
		}
		if err := dispatch.CheckUnavailable(e, start, end); err != nil {
			return err
		}
		after := *eng
		after.Status, after.StartsAt, after.EndsAt, after.Month, after.RemindedAt = dispatch.EngagementScheduled, &start, &end, month, nil
		after.Version, after.UpdatedAt = eng.Version+1, now
		// A moved engagement is reminded again (reminded_at cleared).
		if _, err := s.exec(ctx, tx, `UPDATE engagement SET status = ?, starts_at = ?, ends_at = ?, month = ?, reminded_at = NULL,
			version = ?, updated_at = ? WHERE id = ?`,
			string(after.Status), start, end, month, after.Version, now, eng.ID); err != nil {
			return bookingErr(err)
		}
		if err := s.audit(ctx, tx, "scheduleEngagement", "engagement", eng.ID, eng, &after); err != nil {
			return err
		}
		when := fmt.Sprintf("%s至%s", start.In(dispatch.China).Format("2006-01-02 15:04"), end.In(dispatch.China).Format("15:04"))
		verb := "排期"
		if eng.Status == dispatch.EngagementScheduled {
			verb = "改期"
		}
		next, err := s.advance(ctx, tx, "scheduleEngagement", dispatch.ActSchedule, req, fmt.Sprintf("专家“%s”%s：%s", e.Name, verb, when), nil)
		if err != nil {
			return err
		}
		org, err := s.orgName(ctx, tx, req.OrganizationID)
		if err != nil {
			return err
		}
		for _, to := range []dispatch.Recipient{dispatch.ToExpert, dispatch.ToRequester} {
			if err := s.notify(ctx, tx, notice{kind: dispatch.NoticeScheduled, req: next, org: org, engagementID: eng.ID,
				expert: e, to: to, slot: &after}); err != nil {
				return err
			}
		}
		out = &after
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CompleteEngagement records a delivered engagement. The request becomes
// COMPLETED when all its engagements are. Errors: NOT_FOUND,
// INVALID_TRANSITION, INVALID, OUT_OF_RANGE, TOO_LONG.
func (s *Store) CompleteEngagement(ctx context.Context, id int64, c dispatch.Completion) (*dispatch.Engagement, error) {
	var out *dispatch.Engagement
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		req, eng, err := s.lockEngagement(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := dispatch.Allowed(dispatch.ActComplete, req.Status); err != nil {
			return err
		}
		if err := engagementState(eng, dispatch.EngagementScheduled); err != nil {
			return err
		}
		now := s.now().UTC()
		if err := dispatch.ValidateCompletion(&c, *eng.StartsAt, now); err != nil {
			return err
		}
		after := *eng
		after.Status, after.CompletedOn, after.Attendees, after.Notes = dispatch.EngagementCompleted, c.Date, c.Attendees, c.Notes
		after.Version, after.UpdatedAt = eng.Version+1, now
		if _, err := s.exec(ctx, tx, `UPDATE engagement SET status = ?, completed_on = ?, attendees = ?, notes = ?, version = ?, updated_at = ?
			WHERE id = ?`, string(after.Status), c.Date, c.Attendees, c.Notes, after.Version, now, eng.ID); err != nil {
			return fmt.Errorf("store: complete engagement: %w", err)
		}
		if err := s.audit(ctx, tx, "completeEngagement", "engagement", eng.ID, eng, &after); err != nil {
			return err
		}
		if _, err := s.advance(ctx, tx, "completeEngagement", dispatch.ActComplete, req,
			fmt.Sprintf("登记完成：%s，%d人参加", c.Date, c.Attendees), nil); err != nil {
			return err
		}
		out = &after
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RateEngagement records the requester's 1–5 rating of a completed
// engagement, once. The request becomes RATED when every engagement is
// rated. Errors: NOT_FOUND, INVALID_TRANSITION, OUT_OF_RANGE, TOO_LONG.
func (s *Store) RateEngagement(ctx context.Context, id int64, rating int, comment string) (*dispatch.Engagement, error) {
	comment = talent.Clean(comment)
	if err := dispatch.ValidateRating(rating, comment); err != nil {
		return nil, err
	}
	var out *dispatch.Engagement
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		req, eng, err := s.lockEngagement(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := dispatch.Allowed(dispatch.ActRate, req.Status); err != nil {
			return err
		}
		if err := engagementState(eng, dispatch.EngagementCompleted); err != nil {
			return err
		}
		if eng.Rating != 0 {
			return talent.Errorf(talent.CodeInvalidTransition, "engagementId", "该服务已评价（%d分），不能重复评价", eng.Rating)
		}
		now := s.now().UTC()
		after := *eng
		after.Rating, after.RatingComment, after.RatedAt = rating, comment, &now
		after.Version, after.UpdatedAt = eng.Version+1, now
		if _, err := s.exec(ctx, tx, `UPDATE engagement SET rating = ?, rating_comment = ?, rated_at = ?, version = ?, updated_at = ?
			WHERE id = ?`, rating, comment, now, after.Version, now, eng.ID); err != nil {
			return fmt.Errorf("store: rate engagement: %w", err)
		}
		if err := s.audit(ctx, tx, "rateEngagement", "engagement", eng.ID, eng, &after); err != nil {
			return err
		}
		if _, err := s.advance(ctx, tx, "rateEngagement", dispatch.ActRate, req, fmt.Sprintf("需求方评价：%d分", rating), nil); err != nil {
			return err
		}
		out = &after
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SendReminders queues a reminder to the expert and the requester of each
// scheduled engagement starting within `before`, at most limit of them,
// and returns how many engagements it reminded. Several workers may run it
// at once: rows are claimed with FOR UPDATE SKIP LOCKED and reminded_at is
// set in the same transaction as the notices, so each engagement is
// reminded exactly once (and again only if it is rescheduled).
func (s *Store) SendReminders(ctx context.Context, before time.Duration, limit int) (int, error) {
	n := 0
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		now := s.now().UTC()
		due, err := s.engagements(ctx, tx, `WHERE status = 'SCHEDULED' AND reminded_at IS NULL AND starts_at > ? AND starts_at <= ?
			ORDER BY starts_at, id LIMIT ?`+s.skipLocked(), now, now.Add(before), limit)
		if err != nil {
			return err
		}
		ctx := talent.WithActor(ctx, talent.Actor{Name: "system"})
		for _, eng := range due {
			res, err := s.exec(ctx, tx, `UPDATE engagement SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL`, now, eng.ID)
			if err != nil {
				return fmt.Errorf("store: mark reminded: %w", err)
			}
			if k, _ := res.RowsAffected(); k == 0 {
				continue
			}
			req, err := s.getRequest(ctx, tx, eng.RequestID, false)
			if err != nil {
				return err
			}
			e, err := s.getExpert(ctx, tx, eng.ExpertID, false)
			if err != nil {
				return err
			}
			org, err := s.orgName(ctx, tx, req.OrganizationID)
			if err != nil {
				return err
			}
			for _, to := range []dispatch.Recipient{dispatch.ToExpert, dispatch.ToRequester} {
				if err := s.notify(ctx, tx, notice{kind: dispatch.NoticeReminder, req: req, org: org, engagementID: eng.ID,
					expert: e, to: to, slot: eng}); err != nil {
					return err
				}
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// MatchFacts is what the matcher reads fresh for each candidate on every
// match: the versions that say whether a cached profile is still current,
// and the counts that change with every booking and rating.
type MatchFacts struct {
	Version            int // the expert's
	Memberships        int // how many memberships
	MembershipVersions int // the sum of their versions
	RatingCount        int
	RatingTotal        int
	BookedThisMonth    int // live engagements in the request's month
}

// Stamp identifies the state of an expert and its memberships: every write
// to either raises one of its parts (memberships are never deleted).
func (f MatchFacts) Stamp() ProfileStamp {
	return ProfileStamp{f.Version, f.Memberships, f.MembershipVersions}
}

// ProfileStamp is MatchFacts.Stamp; ProfileStampOf computes it from loaded data.
type ProfileStamp struct{ Version, Memberships, MembershipVersions int }

// ProfileStampOf is the stamp of an expert and its memberships as loaded.
func ProfileStampOf(e *talent.Expert, ms []*talent.Membership) ProfileStamp {
	st := ProfileStamp{Version: e.Version, Memberships: len(ms)}
	for _, m := range ms {
		st.MembershipVersions += m.Version
	}
	return st
}

// MatchFactsByExperts reads the MatchFacts of many experts in one query;
// bookings count in the calendar month containing month (China time), the
// month the monthly cap is checked against. Experts that do not exist are
// absent.
//
// It runs on every match for ~120 candidates, so it is three grouped scans
// of the id list joined by UNION ALL (one statement, one snapshot), read
// without reflection: five correlated subqueries per expert and sqlx's
// scanning were 2.3 ms of a 5 ms match on SQLite (BenchmarkProfileReads).
func (s *Store) MatchFactsByExperts(ctx context.Context, ids []int64, month time.Time) (map[int64]MatchFacts, error) {
	out := make(map[int64]MatchFacts, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	// The ids go as one JSON array rather than three lists of placeholders:
	// binding and parsing 360 parameters was an eighth of the query's time
	// on SQLite (BenchmarkProfileReads/facts).
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	set := "SELECT value FROM json_each(?)"
	if s.dialect == Postgres {
		set = "SELECT jsonb_array_elements_text(?::jsonb)::bigint"
	}
	q := `
		SELECT 0, id, version, 0, 0 FROM expert WHERE id IN (` + set + `)
		UNION ALL
		SELECT 1, expert_id, COUNT(*), COALESCE(SUM(version), 0), 0
		FROM membership WHERE expert_id IN (` + set + `) GROUP BY expert_id
		UNION ALL
		SELECT 2, expert_id, COUNT(rating), COALESCE(SUM(rating), 0),
			COALESCE(SUM(CASE WHEN month = ? AND status <> 'CANCELLED' THEN 1 ELSE 0 END), 0)
		FROM engagement WHERE expert_id IN (` + set + `) GROUP BY expert_id`
	args := []any{string(list), string(list), dispatch.Month(month), string(list)}
	s.queries.Add(1)
	st, err := s.prepared(ctx, s.db.Rebind(q))
	if err != nil {
		return nil, fmt.Errorf("store: match facts: %w", err)
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("store: match facts: %w", err)
	}
	defer rows.Close()
	// Rows come in any order; an id with no expert row (kind 0) does not
	// exist and is dropped at the end.
	exists := make(map[int64]bool, len(ids))
	for rows.Next() {
		var kind int
		var id, a, b, c int64
		if err := rows.Scan(&kind, &id, &a, &b, &c); err != nil {
			return nil, fmt.Errorf("store: match facts: %w", err)
		}
		f := out[id]
		switch kind {
		case 0:
			f.Version, exists[id] = int(a), true
		case 1:
			f.Memberships, f.MembershipVersions = int(a), int(b)
		case 2:
			f.RatingCount, f.RatingTotal, f.BookedThisMonth = int(a), int(b), int(c)
		}
		out[id] = f
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: match facts: %w", err)
	}
	for id := range out {
		if !exists[id] {
			delete(out, id)
		}
	}
	return out, nil
}
