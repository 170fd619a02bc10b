package store

// Requests and their dispatch: submission, invitations, emergency
// call-outs, claims, cancellation and the expiry the worker runs. The rules
// are package dispatch's; this file applies them inside one transaction per
// operation.
//
// Locking order, the same everywhere so that transactions never deadlock:
// the request row first (FOR UPDATE), then its invitations and engagements,
// then the expert. Everything an operation changes happens under the
// request's lock, so concurrent claims, acceptances and cancellations of one
// request queue and each sees the others' results.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/talent"
	"github.com/jmoiron/sqlx"
)

type requestRow struct {
	ID                int64        `db:"id"`
	Kind              string       `db:"kind"`
	OrganizationID    int64        `db:"organization_id"`
	ContactName       string       `db:"contact_name"`
	ContactPhone      string       `db:"contact_phone"`
	ContactEmail      string       `db:"contact_email"`
	Title             string       `db:"title"`
	Description       string       `db:"description"`
	Township          string       `db:"township"`
	Place             string       `db:"place"`
	Audience          string       `db:"audience"`
	Headcount         int          `db:"headcount"`
	WindowStart       dateText     `db:"window_start"`
	WindowEnd         dateText     `db:"window_end"`
	DurationMinutes   int          `db:"duration_minutes"`
	EmergencyCategory string       `db:"emergency_category"`
	ExpertsNeeded     int          `db:"experts_needed"`
	Status            string       `db:"status"`
	Deadline          time.Time    `db:"deadline"`
	AcceptedAt        sql.NullTime `db:"accepted_at"`
	AutoRounds        int          `db:"auto_rounds"`
	Version           int          `db:"version"`
	CreatedAt         time.Time    `db:"created_at"`
	UpdatedAt         time.Time    `db:"updated_at"`
}

const requestColumns = `id, kind, organization_id, contact_name, contact_phone, contact_email, title, description,
	township, place, audience, headcount, window_start, window_end, duration_minutes, emergency_category,
	experts_needed, status, deadline, accepted_at, auto_rounds, version, created_at, updated_at`

func (r *requestRow) request() *dispatch.Request {
	q := &dispatch.Request{
		ID: r.ID, Kind: dispatch.Kind(r.Kind), OrganizationID: r.OrganizationID, ContactName: r.ContactName,
		ContactPhone: r.ContactPhone, ContactEmail: r.ContactEmail, Title: r.Title, Description: r.Description,
		Township: r.Township, Place: r.Place, Audience: talent.Audience(r.Audience), Headcount: r.Headcount,
		WindowStart: string(r.WindowStart), WindowEnd: string(r.WindowEnd), DurationMinutes: r.DurationMinutes,
		EmergencyCategory: talent.EmergencyCategory(r.EmergencyCategory), ExpertsNeeded: r.ExpertsNeeded,
		Status: dispatch.Status(r.Status), Deadline: r.Deadline.UTC(), AutoRounds: r.AutoRounds,
		Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
	if r.AcceptedAt.Valid {
		t := r.AcceptedAt.Time.UTC()
		q.AcceptedAt = &t
	}
	return q
}

// skipLocked is forUpdate for background jobs: a row another replica is
// working on is skipped rather than waited for.
func (s *Store) skipLocked() string {
	if s.dialect == Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

func (s *Store) getRequest(ctx context.Context, q sqlx.QueryerContext, id int64, lock bool) (*dispatch.Request, error) {
	var r requestRow
	query := `SELECT ` + requestColumns + ` FROM request WHERE id = ?`
	if lock {
		query += s.forUpdate()
	}
	if err := s.get(ctx, q, &r, query, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, talent.NotFound("requestId", "需求", id)
		}
		return nil, fmt.Errorf("store: request: %w", err)
	}
	return r.request(), nil
}

// SubmitRequest validates and stores a new request in SUBMITTED. Errors:
// validation errors (talent.Errors), NOT_FOUND for the organisation.
func (s *Store) SubmitRequest(ctx context.Context, r *dispatch.Request) (*dispatch.Request, error) {
	dispatch.NormalizeRequest(r)
	now := s.now().UTC()
	if err := dispatch.ValidateRequest(r, now); err != nil {
		return nil, err
	}
	deadline, err := dispatch.DeadlineOf(r.WindowEnd)
	if err != nil {
		return nil, err
	}
	r.Status, r.Deadline, r.AcceptedAt, r.AutoRounds = dispatch.Submitted, deadline, nil, 0
	r.Version, r.CreatedAt, r.UpdatedAt = 1, now, now
	err = s.tx(ctx, func(tx *sqlx.Tx) error {
		var n int
		if err := s.get(ctx, tx, &n, `SELECT COUNT(*) FROM organization WHERE id = ?`, r.OrganizationID); err != nil {
			return fmt.Errorf("store: organization: %w", err)
		}
		if n == 0 {
			return talent.NotFound("organizationId", "单位", r.OrganizationID)
		}
		id, err := s.insert(ctx, tx, `INSERT INTO request (kind, organization_id, contact_name, contact_phone, contact_email,
			title, description, township, place, audience, headcount, window_start, window_end, duration_minutes,
			emergency_category, experts_needed, status, deadline, auto_rounds, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			string(r.Kind), r.OrganizationID, r.ContactName, r.ContactPhone, r.ContactEmail, r.Title, r.Description,
			r.Township, r.Place, string(r.Audience), r.Headcount, r.WindowStart, r.WindowEnd, r.DurationMinutes,
			string(r.EmergencyCategory), r.ExpertsNeeded, string(r.Status), r.Deadline, 0, 1, now, now)
		if err != nil {
			return fmt.Errorf("store: submit request: %w", err)
		}
		r.ID = id
		if err := s.recordEvent(ctx, tx, r.ID, "", dispatch.Submitted, now, "提交需求"); err != nil {
			return err
		}
		return s.audit(ctx, tx, "submitRequest", "request", r.ID, nil, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

func (s *Store) recordEvent(ctx context.Context, tx *sqlx.Tx, requestID int64, from, to dispatch.Status, at time.Time, reason string) error {
	if _, err := s.exec(ctx, tx, `INSERT INTO request_event (request_id, from_status, to_status, at, actor, reason)
		VALUES (?, ?, ?, ?, ?, ?)`, requestID, string(from), string(to), at, talent.ActorFrom(ctx).Name, reason); err != nil {
		return fmt.Errorf("store: request event: %w", err)
	}
	return nil
}

// facts counts what dispatch.Apply needs about a request, inside tx so that
// the effects of the operation under way are included.
func (s *Store) facts(ctx context.Context, tx *sqlx.Tx, r *dispatch.Request) (dispatch.Facts, error) {
	var row struct {
		Engaged     int `db:"engaged"`
		Live        int `db:"live"`
		Unscheduled int `db:"unscheduled"`
		Uncompleted int `db:"uncompleted"`
		Unrated     int `db:"unrated"`
	}
	err := s.get(ctx, tx, &row, `SELECT
		(SELECT COUNT(*) FROM engagement WHERE request_id = ? AND status <> 'CANCELLED') AS engaged,
		(SELECT COUNT(*) FROM invitation WHERE request_id = ? AND status = 'PENDING') AS live,
		(SELECT COUNT(*) FROM engagement WHERE request_id = ? AND status = 'ACCEPTED') AS unscheduled,
		(SELECT COUNT(*) FROM engagement WHERE request_id = ? AND status IN ('ACCEPTED', 'SCHEDULED')) AS uncompleted,
		(SELECT COUNT(*) FROM engagement WHERE request_id = ? AND status = 'COMPLETED' AND rating IS NULL) AS unrated`,
		r.ID, r.ID, r.ID, r.ID, r.ID)
	if err != nil {
		return dispatch.Facts{}, fmt.Errorf("store: request facts: %w", err)
	}
	return dispatch.Facts{ExpertsNeeded: r.ExpertsNeeded, Engaged: row.Engaged, Live: row.Live,
		Unscheduled: row.Unscheduled, Uncompleted: row.Uncompleted, Unrated: row.Unrated}, nil
}

// advance applies action a to the locked request before, whose effects are
// already written in tx, and saves the resulting status with its history
// and audit rows. change may adjust the other fields the action touches.
// It returns the request as saved.
func (s *Store) advance(ctx context.Context, tx *sqlx.Tx, op string, a dispatch.Action, before *dispatch.Request, reason string, change func(after *dispatch.Request)) (*dispatch.Request, error) {
	f, err := s.facts(ctx, tx, before)
	if err != nil {
		return nil, err
	}
	after := *before
	if change != nil {
		change(&after)
		f.ExpertsNeeded = after.ExpertsNeeded
	}
	to, err := dispatch.Apply(a, before.Status, f)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	after.Status = to
	if f.Engaged > 0 && after.AcceptedAt == nil {
		after.AcceptedAt = &now
	}
	after.Version, after.UpdatedAt = before.Version+1, now
	res, err := s.exec(ctx, tx, `UPDATE request SET status = ?, experts_needed = ?, accepted_at = ?, auto_rounds = ?,
		version = ?, updated_at = ? WHERE id = ? AND version = ?`,
		string(after.Status), after.ExpertsNeeded, nullTime(after.AcceptedAt), after.AutoRounds,
		after.Version, now, after.ID, before.Version)
	if err != nil {
		return nil, fmt.Errorf("store: update request: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, talent.Conflict("需求")
	}
	if after.Status != before.Status {
		if err := s.recordEvent(ctx, tx, after.ID, before.Status, after.Status, now, reason); err != nil {
			return nil, err
		}
	}
	if err := s.audit(ctx, tx, op, "request", after.ID, before, &after); err != nil {
		return nil, err
	}
	return &after, nil
}

// Request returns one request. Errors: NOT_FOUND.
func (s *Store) Request(ctx context.Context, id int64) (*dispatch.Request, error) {
	return s.getRequest(ctx, s.db, id, false)
}

// RequestsByIDs returns the requests with the given ids in one query.
func (s *Store) RequestsByIDs(ctx context.Context, ids []int64) (map[int64]*dispatch.Request, error) {
	out := make(map[int64]*dispatch.Request, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	q, args, err := s.in(`SELECT `+requestColumns+` FROM request WHERE id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	var rows []requestRow
	if err := s.sel(ctx, s.db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("store: requests by id: %w", err)
	}
	for i := range rows {
		out[rows[i].ID] = rows[i].request()
	}
	return out, nil
}

// RequestFilter narrows a list of requests. Values within one list are
// alternatives; different lists must all hold.
type RequestFilter struct {
	Statuses            []dispatch.Status
	Kinds               []dispatch.Kind
	Townships           []string // codes or names
	OrganizationID      int64
	EmergencyCategories []talent.EmergencyCategory
}

func (f RequestFilter) where() (string, []any) {
	var conds []string
	var args []any
	list := func(col string, values []string) {
		if len(values) == 0 {
			return
		}
		conds = append(conds, col+" IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(values)), ", ")+")")
		for _, v := range values {
			args = append(args, v)
		}
	}
	list("status", strs(f.Statuses))
	list("kind", strs(f.Kinds))
	townships := make([]string, len(f.Townships))
	for i, t := range f.Townships {
		if tw, ok := talent.LookupTownship(t); ok {
			t = tw.Code
		}
		townships[i] = t
	}
	list("township", townships)
	list("emergency_category", strs(f.EmergencyCategories))
	if f.OrganizationID != 0 {
		conds = append(conds, "organization_id = ?")
		args = append(args, f.OrganizationID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// FindRequests returns up to limit requests matching f, newest first, with
// id < before (0 starts from the newest): keyset pagination.
func (s *Store) FindRequests(ctx context.Context, f RequestFilter, before int64, limit int) ([]*dispatch.Request, error) {
	where, args := f.where()
	if before > 0 {
		if where == "" {
			where = " WHERE id < ?"
		} else {
			where += " AND id < ?"
		}
		args = append(args, before)
	}
	args = append(args, limit)
	var rows []requestRow
	if err := s.sel(ctx, s.db, &rows, `SELECT `+requestColumns+` FROM request`+where+` ORDER BY id DESC LIMIT ?`, args...); err != nil {
		return nil, fmt.Errorf("store: find requests: %w", err)
	}
	out := make([]*dispatch.Request, len(rows))
	for i := range rows {
		out[i] = rows[i].request()
	}
	return out, nil
}

// CountRequests counts the requests matching f.
func (s *Store) CountRequests(ctx context.Context, f RequestFilter) (int, error) {
	where, args := f.where()
	var n int
	if err := s.get(ctx, s.db, &n, `SELECT COUNT(*) FROM request`+where, args...); err != nil {
		return 0, fmt.Errorf("store: count requests: %w", err)
	}
	return n, nil
}

// HistoryByRequests loads the status history of many requests, oldest first.
func (s *Store) HistoryByRequests(ctx context.Context, ids []int64) (map[int64][]*dispatch.Event, error) {
	out := make(map[int64][]*dispatch.Event, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	q, args, err := s.in(`SELECT id, request_id, from_status, to_status, at, actor, reason
		FROM request_event WHERE request_id IN (?) ORDER BY request_id, id`, ids)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		ID        int64     `db:"id"`
		RequestID int64     `db:"request_id"`
		From      string    `db:"from_status"`
		To        string    `db:"to_status"`
		At        time.Time `db:"at"`
		Actor     string    `db:"actor"`
		Reason    string    `db:"reason"`
	}
	if err := s.sel(ctx, s.db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("store: request history: %w", err)
	}
	for _, r := range rows {
		out[r.RequestID] = append(out[r.RequestID], &dispatch.Event{ID: r.ID, RequestID: r.RequestID,
			From: dispatch.Status(r.From), To: dispatch.Status(r.To), At: r.At.UTC(), Actor: r.Actor, Reason: r.Reason})
	}
	return out, nil
}

// ---- invitations ------------------------------------------------------------

type invitationRow struct {
	ID          int64        `db:"id"`
	RequestID   int64        `db:"request_id"`
	ExpertID    int64        `db:"expert_id"`
	Status      string       `db:"status"`
	CallOut     bool         `db:"call_out"`
	InvitedBy   string       `db:"invited_by"`
	InvitedAt   time.Time    `db:"invited_at"`
	ExpiresAt   time.Time    `db:"expires_at"`
	RespondedAt sql.NullTime `db:"responded_at"`
	Reason      string       `db:"reason"`
}

const invitationColumns = `id, request_id, expert_id, status, call_out, invited_by, invited_at, expires_at, responded_at, reason`

func (r *invitationRow) invitation() *dispatch.Invitation {
	inv := &dispatch.Invitation{ID: r.ID, RequestID: r.RequestID, ExpertID: r.ExpertID,
		Status: dispatch.InvitationStatus(r.Status), CallOut: r.CallOut, InvitedBy: r.InvitedBy,
		InvitedAt: r.InvitedAt.UTC(), ExpiresAt: r.ExpiresAt.UTC(), Reason: r.Reason}
	if r.RespondedAt.Valid {
		t := r.RespondedAt.Time.UTC()
		inv.RespondedAt = &t
	}
	return inv
}

func (s *Store) invitations(ctx context.Context, q sqlx.QueryerContext, where string, args ...any) ([]*dispatch.Invitation, error) {
	var rows []invitationRow
	if err := s.sel(ctx, q, &rows, `SELECT `+invitationColumns+` FROM invitation `+where, args...); err != nil {
		return nil, fmt.Errorf("store: invitations: %w", err)
	}
	out := make([]*dispatch.Invitation, len(rows))
	for i := range rows {
		out[i] = rows[i].invitation()
	}
	return out, nil
}

// Invitation returns one invitation. Errors: NOT_FOUND.
func (s *Store) Invitation(ctx context.Context, id int64) (*dispatch.Invitation, error) {
	list, err := s.invitations(ctx, s.db, `WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, talent.NotFound("invitationId", "邀请", id)
	}
	return list[0], nil
}

// InvitationsByRequests loads the invitations of many requests, oldest first.
func (s *Store) InvitationsByRequests(ctx context.Context, ids []int64) (map[int64][]*dispatch.Invitation, error) {
	out := make(map[int64][]*dispatch.Invitation, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	q, args, err := s.in(`WHERE request_id IN (?) ORDER BY request_id, id`, ids)
	if err != nil {
		return nil, err
	}
	list, err := s.invitations(ctx, s.db, q, args...)
	if err != nil {
		return nil, err
	}
	for _, inv := range list {
		out[inv.RequestID] = append(out[inv.RequestID], inv)
	}
	return out, nil
}

// InvitationsOf lists an expert's invitations, newest first, optionally
// only those in the given statuses.
func (s *Store) InvitationsOf(ctx context.Context, expertID int64, statuses []dispatch.InvitationStatus, limit int) ([]*dispatch.Invitation, error) {
	if len(statuses) == 0 {
		return s.invitations(ctx, s.db, `WHERE expert_id = ? ORDER BY id DESC LIMIT ?`, expertID, limit)
	}
	q, args, err := s.in(`WHERE expert_id = ? AND status IN (?) ORDER BY id DESC LIMIT ?`, expertID, strs(statuses), limit)
	if err != nil {
		return nil, err
	}
	return s.invitations(ctx, s.db, q, args...)
}

// lockInvitation reads an invitation under the lock of its request: the
// request is locked first, as everywhere, then the invitation.
func (s *Store) lockInvitation(ctx context.Context, tx *sqlx.Tx, id int64) (*dispatch.Request, *dispatch.Invitation, error) {
	var requestID int64
	if err := s.get(ctx, tx, &requestID, `SELECT request_id FROM invitation WHERE id = ?`, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil, talent.NotFound("invitationId", "邀请", id)
		}
		return nil, nil, fmt.Errorf("store: invitation: %w", err)
	}
	req, err := s.getRequest(ctx, tx, requestID, true)
	if err != nil {
		return nil, nil, err
	}
	list, err := s.invitations(ctx, tx, `WHERE id = ?`+s.forUpdate(), id)
	if err != nil {
		return nil, nil, err
	}
	return req, list[0], nil
}

// InviteInput asks experts to serve a request.
type InviteInput struct {
	RequestID int64
	ExpertIDs []int64
	// TTL is how long the experts have to answer; 0 means
	// dispatch.DefaultConfig().InvitationTTL. An invitation never outlives
	// the request's window.
	TTL time.Duration
	// AutoRound is set by the auto-dispatcher: the round it is doing
	// (request.AutoRounds+1). The round is recorded even when nobody is
	// left to invite, and a replica that lost the race gets CONFLICT.
	// Unqualified or already asked experts are then skipped instead of
	// refused, and at most Limit of the rest (in ExpertIDs' order, the
	// matcher's ranking) are invited.
	AutoRound int
	Limit     int
}

// InviteExperts sends invitations and moves the request to DISPATCHED.
// Errors: NOT_FOUND, INVALID_TRANSITION, NOT_QUALIFIED, DUPLICATE (already
// invited or engaged), EXPIRED (the window has closed), CONFLICT.
func (s *Store) InviteExperts(ctx context.Context, in InviteInput) (*dispatch.Request, []*dispatch.Invitation, error) {
	if in.AutoRound == 0 {
		switch ids := uniqueIDs(in.ExpertIDs); {
		case len(ids) == 0:
			return nil, nil, talent.Errorf(talent.CodeRequired, "expertIds", "请至少选择一位专家")
		case len(ids) > dispatch.MaxInvitesAtOnce:
			return nil, nil, talent.Errorf(talent.CodeTooLong, "expertIds", "一次最多邀请%d位专家", dispatch.MaxInvitesAtOnce)
		}
	}
	if in.TTL <= 0 {
		in.TTL = dispatch.DefaultConfig().InvitationTTL
	}
	var after *dispatch.Request
	var invited []*dispatch.Invitation
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		req, err := s.getRequest(ctx, tx, in.RequestID, true)
		if err != nil {
			return err
		}
		act := dispatch.ActInvite
		if in.AutoRound != 0 {
			act = dispatch.ActAutoPick
			if in.AutoRound != req.AutoRounds+1 {
				return talent.Conflict("需求")
			}
		}
		if err := dispatch.Allowed(act, req.Status); err != nil {
			return err
		}
		now := s.now().UTC()
		if !req.Deadline.After(now) {
			return windowClosed(req)
		}
		taken, err := s.involvedExperts(ctx, tx, req.ID)
		if err != nil {
			return err
		}
		var errs talent.Errors
		var experts []*talent.Expert
		seen := map[int64]bool{}
		for i, id := range in.ExpertIDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			if in.AutoRound != 0 && in.Limit > 0 && len(experts) == in.Limit {
				break
			}
			field := fmt.Sprintf("expertIds.%d", i) // the index in the caller's list
			e, ms, err := s.expertWithMemberships(ctx, tx, id, field)
			if err == nil && taken[id] {
				err = talent.Errorf(talent.CodeDuplicate, field, "专家“%s”已受邀或已接单", e.Name)
			}
			if err == nil {
				_, err = dispatch.Qualify(req, e, ms)
			}
			if err != nil {
				if in.AutoRound != 0 && talent.ErrorCode(err) != talent.CodeInternal {
					continue
				}
				if list, ok := talent.AsList(err); ok {
					for _, e := range list {
						c := *e
						c.Field = field
						errs = append(errs, &c)
					}
					continue
				}
				return err
			}
			experts = append(experts, e)
		}
		if err := errs.Err(); err != nil {
			return err
		}
		if len(experts) == 0 { // an automatic round with nobody left to ask
			after, err = s.recordAutoRound(ctx, tx, req, in.AutoRound)
			return err
		}
		invited, err = s.sendInvitations(ctx, tx, req, experts, false, now, in.TTL)
		if err != nil {
			return err
		}
		names := make([]string, len(experts))
		for i, e := range experts {
			names[i] = e.Name
		}
		reason := "邀请专家：" + strings.Join(names, "、")
		if in.AutoRound != 0 {
			reason = fmt.Sprintf("第%d轮自动邀请：%s", in.AutoRound, strings.Join(names, "、"))
		}
		after, err = s.advance(ctx, tx, "inviteExperts", act, req, reason, func(r *dispatch.Request) {
			if in.AutoRound != 0 {
				r.AutoRounds = in.AutoRound
			}
		})
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return after, invited, nil
}

// recordAutoRound notes an automatic round that found nobody to invite, so
// that the auto-dispatcher moves on instead of asking the matcher again
// and again.
func (s *Store) recordAutoRound(ctx context.Context, tx *sqlx.Tx, req *dispatch.Request, round int) (*dispatch.Request, error) {
	after := *req
	after.AutoRounds, after.Version, after.UpdatedAt = round, req.Version+1, s.now().UTC()
	res, err := s.exec(ctx, tx, `UPDATE request SET auto_rounds = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?`,
		round, after.Version, after.UpdatedAt, req.ID, req.Version)
	if err != nil {
		return nil, fmt.Errorf("store: auto round: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, talent.Conflict("需求")
	}
	return &after, s.audit(ctx, tx, "autoDispatch", "request", req.ID, req, &after)
}

func windowClosed(r *dispatch.Request) error {
	return talent.Errorf(dispatch.CodeExpired, "requestId", "需求“%s”的最晚日期%s已过", r.Title, r.WindowEnd)
}

func uniqueIDs(in []int64) []int64 {
	out := make([]int64, 0, len(in))
	seen := map[int64]bool{}
	for _, id := range in {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// involvedExperts are the experts with a live or accepted invitation or an
// engagement on the request: they are not asked again.
func (s *Store) involvedExperts(ctx context.Context, tx *sqlx.Tx, requestID int64) (map[int64]bool, error) {
	var ids []int64
	if err := s.sel(ctx, tx, &ids, `SELECT expert_id FROM invitation WHERE request_id = ? AND status IN ('PENDING', 'ACCEPTED')
		UNION SELECT expert_id FROM engagement WHERE request_id = ? AND status <> 'CANCELLED'`, requestID, requestID); err != nil {
		return nil, fmt.Errorf("store: involved experts: %w", err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// InvitedExperts lists every expert ever invited to a request (whatever
// became of the invitation) or engaged on it; the auto-dispatcher skips
// them in the next round.
func (s *Store) InvitedExperts(ctx context.Context, requestID int64) ([]int64, error) {
	var ids []int64
	if err := s.sel(ctx, s.db, &ids, `SELECT expert_id FROM invitation WHERE request_id = ?
		UNION SELECT expert_id FROM engagement WHERE request_id = ? ORDER BY 1`, requestID, requestID); err != nil {
		return nil, fmt.Errorf("store: invited experts: %w", err)
	}
	return ids, nil
}

func (s *Store) expertWithMemberships(ctx context.Context, q sqlx.QueryerContext, id int64, field string) (*talent.Expert, []*talent.Membership, error) {
	e, err := s.getExpert(ctx, q, id, false)
	if err != nil {
		if talent.ErrorCode(err) == talent.CodeNotFound {
			return nil, nil, talent.NotFound(field, "专家", id)
		}
		return nil, nil, err
	}
	ms, err := s.membershipsOf(ctx, q, id)
	if err != nil {
		return nil, nil, err
	}
	return e, ms, nil
}

// sendInvitations inserts pending invitations and their notices.
func (s *Store) sendInvitations(ctx context.Context, tx *sqlx.Tx, req *dispatch.Request, experts []*talent.Expert, callOut bool, now time.Time, ttl time.Duration) ([]*dispatch.Invitation, error) {
	expires := now.Add(ttl)
	if expires.After(req.Deadline) {
		expires = req.Deadline
	}
	actor := talent.ActorFrom(ctx).Name
	kind := dispatch.NoticeInvitation
	if callOut {
		kind = dispatch.NoticeCallOut
	}
	org, err := s.orgName(ctx, tx, req.OrganizationID)
	if err != nil {
		return nil, err
	}
	out := make([]*dispatch.Invitation, 0, len(experts))
	for _, e := range experts {
		inv := &dispatch.Invitation{RequestID: req.ID, ExpertID: e.ID, Status: dispatch.InvitationPending,
			CallOut: callOut, InvitedBy: actor, InvitedAt: now, ExpiresAt: expires}
		id, err := s.insert(ctx, tx, `INSERT INTO invitation (request_id, expert_id, status, call_out, invited_by, invited_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, inv.RequestID, inv.ExpertID, string(inv.Status), inv.CallOut, inv.InvitedBy, now, expires)
		if err != nil {
			return nil, bookingErr(err)
		}
		inv.ID = id
		if err := s.notify(ctx, tx, notice{kind: kind, req: req, org: org, invitationID: id, expert: e, to: dispatch.ToExpert,
			until: expires}); err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, nil
}

// CallOutInput starts an emergency call-out.
type CallOutInput struct {
	RequestID     int64
	ExpertsNeeded int           // how many to take; 0 keeps the request's
	ReachKm       float64       // 0 means dispatch.DefaultConfig().CallOutReachKm
	TTL           time.Duration // 0 means dispatch.DefaultConfig().CallOutTTL
}

// EmergencyCallOut invites, at once, every on-call emergency expert of the
// request's category within reach of its township. The first
// ExpertsNeeded to accept are taken; the others are then told the call is
// filled. Errors: NOT_FOUND (request, or nobody to call), INVALID (not an
// emergency), INVALID_TRANSITION, OUT_OF_RANGE, EXPIRED.
func (s *Store) EmergencyCallOut(ctx context.Context, in CallOutInput) (*dispatch.Request, []*dispatch.Invitation, error) {
	def := dispatch.DefaultConfig()
	if in.ReachKm <= 0 {
		in.ReachKm = def.CallOutReachKm
	}
	if in.TTL <= 0 {
		in.TTL = def.CallOutTTL
	}
	if in.ExpertsNeeded < 0 || in.ExpertsNeeded > dispatch.MaxExpertsNeeded {
		return nil, nil, talent.Errorf(talent.CodeOutOfRange, "expertsNeeded", "所需专家人数应在1至%d之间", dispatch.MaxExpertsNeeded)
	}
	if in.ReachKm > 500 {
		return nil, nil, talent.Errorf(talent.CodeOutOfRange, "reachKm", "召集范围不能超过500公里")
	}
	var after *dispatch.Request
	var invited []*dispatch.Invitation
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		req, err := s.getRequest(ctx, tx, in.RequestID, true)
		if err != nil {
			return err
		}
		if req.Kind != dispatch.Emergency {
			return talent.Errorf(talent.CodeInvalid, "requestId", "只有应急需求才能发起应急召集")
		}
		if err := dispatch.Allowed(dispatch.ActCallOut, req.Status); err != nil {
			return err
		}
		now := s.now().UTC()
		if !req.Deadline.After(now) {
			return windowClosed(req)
		}
		onCall := true
		f := ExpertFilter{Registries: []talent.Registry{talent.EmergencyExpert}, Statuses: []talent.MembershipStatus{talent.StatusAdmitted},
			EmergencyCategories: []talent.EmergencyCategory{req.EmergencyCategory}, OnCall: &onCall}
		where, args := f.where()
		var rows []expertRow
		if err := s.sel(ctx, tx, &rows, `SELECT `+prefixed("e", expertColumns)+` FROM expert e`+where+` ORDER BY e.id`, args...); err != nil {
			return fmt.Errorf("store: on-call experts: %w", err)
		}
		taken, err := s.involvedExperts(ctx, tx, req.ID)
		if err != nil {
			return err
		}
		var experts []*talent.Expert
		for i := range rows {
			e, err := rows[i].expert()
			if err != nil {
				return err
			}
			if !taken[e.ID] && dispatch.WithinReach(e, req.Township, in.ReachKm) {
				experts = append(experts, e)
			}
		}
		if len(experts) == 0 {
			return talent.Errorf(talent.CodeNotFound, "requestId", "%s%.0f公里内没有正在值守的“%s”类应急专家",
				talent.TownshipName(req.Township), in.ReachKm, talent.Label(talent.EmergencyCategories, string(req.EmergencyCategory)))
		}
		invited, err = s.sendInvitations(ctx, tx, req, experts, true, now, in.TTL)
		if err != nil {
			return err
		}
		after, err = s.advance(ctx, tx, "emergencyCallOut", dispatch.ActCallOut, req,
			fmt.Sprintf("应急召集：通知%d位值守专家（%.0f公里内）", len(experts), in.ReachKm), func(r *dispatch.Request) {
				if in.ExpertsNeeded > 0 {
					r.ExpertsNeeded = in.ExpertsNeeded
				}
			})
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return after, invited, nil
}

// AcceptInvitation books the invited expert for the request. When the
// request then has every expert it needs it becomes ACCEPTED and the
// invitations still pending are marked FILLED (and told so). Errors:
// NOT_FOUND, INVALID_TRANSITION, TAKEN, EXPIRED, NOT_QUALIFIED,
// MONTHLY_CAP, UNAVAILABLE.
func (s *Store) AcceptInvitation(ctx context.Context, invitationID int64) (*dispatch.Engagement, error) {
	var eng *dispatch.Engagement
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		req, inv, err := s.lockInvitation(ctx, tx, invitationID)
		if err != nil {
			return err
		}
		if inv.Status != dispatch.InvitationPending {
			return dispatch.InvitationClosed(inv.Status)
		}
		if err := dispatch.Allowed(dispatch.ActAccept, req.Status); err != nil {
			return err
		}
		now := s.now().UTC()
		if !inv.ExpiresAt.After(now) {
			return talent.Errorf(dispatch.CodeExpired, "invitationId", "该邀请已于%s过期",
				inv.ExpiresAt.In(dispatch.China).Format("2006-01-02 15:04"))
		}
		e, err := s.book(ctx, tx, req, inv.ExpertID, dispatch.FromInvitation, inv.ID, false)
		if err != nil {
			return err
		}
		eng = e
		if err := s.respond(ctx, tx, inv.ID, dispatch.InvitationAccepted, "", now); err != nil {
			return err
		}
		return s.afterBooking(ctx, tx, "acceptInvitation", dispatch.ActAccept, req, eng)
	})
	if err != nil {
		return nil, err
	}
	return eng, nil
}

// ClaimRequest lets a fitting expert take an open request (抢单). The first
// claims up to the number of experts needed win, exactly once however many
// arrive together: they queue on the request's row lock, and the database
// refuses an engagement beyond the number needed. Errors: NOT_FOUND, TAKEN,
// INVALID_TRANSITION, EXPIRED, DUPLICATE, NOT_QUALIFIED, TOO_FAR,
// AUDIENCE_MISMATCH, MONTHLY_CAP, UNAVAILABLE.
func (s *Store) ClaimRequest(ctx context.Context, requestID, expertID int64) (*dispatch.Engagement, error) {
	var eng *dispatch.Engagement
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		req, err := s.getRequest(ctx, tx, requestID, true)
		if err != nil {
			return err
		}
		if err := dispatch.Allowed(dispatch.ActClaim, req.Status); err != nil {
			return err
		}
		now := s.now().UTC()
		if !req.Deadline.After(now) {
			return windowClosed(req)
		}
		// An expert who was invited and claims instead answers the
		// invitation.
		pending, err := s.invitations(ctx, tx, `WHERE request_id = ? AND expert_id = ? AND status = 'PENDING'`+s.forUpdate(), req.ID, expertID)
		if err != nil {
			return err
		}
		var invitationID int64
		if len(pending) > 0 {
			invitationID = pending[0].ID
		}
		eng, err = s.book(ctx, tx, req, expertID, dispatch.FromClaim, invitationID, true)
		if err != nil {
			return err
		}
		if invitationID != 0 {
			if err := s.respond(ctx, tx, invitationID, dispatch.InvitationAccepted, "主动接单", now); err != nil {
				return err
			}
		}
		return s.afterBooking(ctx, tx, "claimRequest", dispatch.ActClaim, req, eng)
	})
	if err != nil {
		return nil, err
	}
	return eng, nil
}

// afterBooking advances the request after an engagement was booked: when
// it has every expert it needs, the pending invitations are filled.
func (s *Store) afterBooking(ctx context.Context, tx *sqlx.Tx, op string, a dispatch.Action, req *dispatch.Request, eng *dispatch.Engagement) error {
	expert, err := s.getExpert(ctx, tx, eng.ExpertID, false)
	if err != nil {
		return err
	}
	verb := "接受邀请"
	if a == dispatch.ActClaim {
		verb = "主动接单"
	}
	after, err := s.advance(ctx, tx, op, a, req, fmt.Sprintf("专家“%s”%s", expert.Name, verb), nil)
	if err != nil {
		return err
	}
	org, err := s.orgName(ctx, tx, req.OrganizationID)
	if err != nil {
		return err
	}
	if err := s.notify(ctx, tx, notice{kind: dispatch.NoticeAcceptance, req: after, org: org, engagementID: eng.ID,
		expert: expert, to: dispatch.ToRequester}); err != nil {
		return err
	}
	if after.Status == dispatch.Accepted {
		return s.closeInvitations(ctx, tx, after, org, dispatch.InvitationFilled, "需求已满员")
	}
	return nil
}

// closeInvitations ends every pending invitation of a request with status
// st, telling the invitees when the request was filled or cancelled.
func (s *Store) closeInvitations(ctx context.Context, tx *sqlx.Tx, req *dispatch.Request, org string, st dispatch.InvitationStatus, reason string) error {
	pending, err := s.invitations(ctx, tx, `WHERE request_id = ? AND status = 'PENDING' ORDER BY id`+s.forUpdate(), req.ID)
	if err != nil {
		return err
	}
	now := s.now().UTC()
	for _, inv := range pending {
		if err := s.respond(ctx, tx, inv.ID, st, reason, now); err != nil {
			return err
		}
		var kind dispatch.Notice
		switch st {
		case dispatch.InvitationFilled:
			kind = dispatch.NoticeFilled
		case dispatch.InvitationCancelled:
			kind = dispatch.NoticeCancellation
		default:
			continue
		}
		e, err := s.getExpert(ctx, tx, inv.ExpertID, false)
		if err != nil {
			return err
		}
		if err := s.notify(ctx, tx, notice{kind: kind, req: req, org: org, invitationID: inv.ID, expert: e,
			to: dispatch.ToExpert, reason: reason}); err != nil {
			return err
		}
	}
	return nil
}

// respond closes one invitation.
func (s *Store) respond(ctx context.Context, tx *sqlx.Tx, id int64, st dispatch.InvitationStatus, reason string, at time.Time) error {
	res, err := s.exec(ctx, tx, `UPDATE invitation SET status = ?, responded_at = ?, reason = ? WHERE id = ? AND status = 'PENDING'`,
		string(st), at, reason, id)
	if err != nil {
		return fmt.Errorf("store: answer invitation: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return talent.Conflict("邀请")
	}
	return nil
}

// DeclineInvitation records an expert's refusal. When no invitation is
// left pending and the request still lacks experts, it returns to
// SUBMITTED for dispatch and the office is told. Errors: NOT_FOUND,
// INVALID_TRANSITION, TOO_LONG.
func (s *Store) DeclineInvitation(ctx context.Context, invitationID int64, reason string) (*dispatch.Invitation, error) {
	reason = talent.Clean(reason)
	if err := dispatch.ValidateReason("reason", reason, false); err != nil {
		return nil, err
	}
	var out *dispatch.Invitation
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		req, inv, err := s.lockInvitation(ctx, tx, invitationID)
		if err != nil {
			return err
		}
		if inv.Status != dispatch.InvitationPending {
			return dispatch.InvitationClosed(inv.Status)
		}
		if err := dispatch.Allowed(dispatch.ActRelease, req.Status); err != nil {
			return err
		}
		now := s.now().UTC()
		if err := s.respond(ctx, tx, inv.ID, dispatch.InvitationDeclined, reason, now); err != nil {
			return err
		}
		e, err := s.getExpert(ctx, tx, inv.ExpertID, false)
		if err != nil {
			return err
		}
		why := fmt.Sprintf("专家“%s”谢绝邀请", e.Name)
		if reason != "" {
			why += "：" + reason
		}
		if err := s.release(ctx, tx, "declineInvitation", req, why); err != nil {
			return err
		}
		inv.Status, inv.RespondedAt, inv.Reason = dispatch.InvitationDeclined, &now, reason
		out = inv
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// release advances a request after invitations ended without acceptance;
// when it went back to SUBMITTED the office is told.
func (s *Store) release(ctx context.Context, tx *sqlx.Tx, op string, req *dispatch.Request, reason string) error {
	after, err := s.advance(ctx, tx, op, dispatch.ActRelease, req, reason+"；无待回复的邀请，退回待派单", nil)
	if err != nil || after.Status != dispatch.Submitted {
		return err
	}
	org, err := s.orgName(ctx, tx, req.OrganizationID)
	if err != nil {
		return err
	}
	return s.notify(ctx, tx, notice{kind: dispatch.NoticeReturned, req: after, org: org, to: dispatch.ToOffice, reason: reason})
}

// CancelInput cancels a request.
type CancelInput struct {
	RequestID int64
	Reason    string        // required
	By        dispatch.Role // REQUESTER or OFFICER
	Version   int           // the version the caller read; 0 skips the check
}

// CancelRequest cancels a request that is not yet delivered, with a reason.
// Pending invitations are withdrawn and engagements released; everyone
// involved is told. Errors: NOT_FOUND, REQUIRED, INVALID,
// INVALID_TRANSITION, CONFLICT.
func (s *Store) CancelRequest(ctx context.Context, in CancelInput) (*dispatch.Request, error) {
	in.Reason = talent.Clean(in.Reason)
	if in.By == "" {
		in.By = dispatch.ByOfficer
	}
	var errs talent.Errors
	if err := dispatch.ValidateReason("reason", in.Reason, true); err != nil {
		list, _ := talent.AsList(err)
		errs = append(errs, list...)
	}
	if !talent.Valid(dispatch.Roles, string(in.By)) {
		errs.Add(talent.CodeInvalid, "by", "取消方“%s”无效，应为 REQUESTER（需求方）或 OFFICER（管理员）", in.By)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var after *dispatch.Request
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		req, err := s.getRequest(ctx, tx, in.RequestID, true)
		if err != nil {
			return err
		}
		if in.Version != 0 && in.Version != req.Version {
			return talent.Conflict("需求")
		}
		if err := dispatch.Allowed(dispatch.ActCancel, req.Status); err != nil {
			return err
		}
		org, err := s.orgName(ctx, tx, req.OrganizationID)
		if err != nil {
			return err
		}
		who := talent.Label(dispatch.Roles, string(in.By))
		reason := who + "取消：" + in.Reason
		cancelled := *req
		cancelled.Status = dispatch.Cancelled
		if err := s.closeInvitations(ctx, tx, &cancelled, org, dispatch.InvitationCancelled, reason); err != nil {
			return err
		}
		var engaged []engagementRow
		if err := s.sel(ctx, tx, &engaged, `SELECT `+engagementColumns+` FROM engagement
			WHERE request_id = ? AND status <> 'CANCELLED' ORDER BY id`+s.forUpdate(), req.ID); err != nil {
			return fmt.Errorf("store: engagements: %w", err)
		}
		now := s.now().UTC()
		for _, r := range engaged {
			if _, err := s.exec(ctx, tx, `UPDATE engagement SET status = 'CANCELLED', cancelled_at = ?, version = version + 1, updated_at = ?
				WHERE id = ?`, now, now, r.ID); err != nil {
				return fmt.Errorf("store: cancel engagement: %w", err)
			}
			before := r.engagement()
			after := *before
			after.Status, after.CancelledAt, after.Version, after.UpdatedAt = dispatch.EngagementCancelled, &now, before.Version+1, now
			if err := s.audit(ctx, tx, "cancelRequest", "engagement", r.ID, before, &after); err != nil {
				return err
			}
			e, err := s.getExpert(ctx, tx, r.ExpertID, false)
			if err != nil {
				return err
			}
			if err := s.notify(ctx, tx, notice{kind: dispatch.NoticeCancellation, req: &cancelled, org: org, engagementID: r.ID,
				expert: e, to: dispatch.ToExpert, reason: reason}); err != nil {
				return err
			}
		}
		after, err = s.advance(ctx, tx, "cancelRequest", dispatch.ActCancel, req, reason, nil)
		if err != nil {
			return err
		}
		// The other side learns of it: the requester when an officer
		// cancels, the office when the requester does.
		to := dispatch.ToRequester
		if in.By == dispatch.ByRequester {
			to = dispatch.ToOffice
		}
		return s.notify(ctx, tx, notice{kind: dispatch.NoticeCancellation, req: after, org: org, to: to, reason: reason})
	})
	if err != nil {
		return nil, err
	}
	return after, nil
}

// OpenRequestsFor lists the open requests (SUBMITTED or DISPATCHED, window
// not closed, experts still needed) that an expert may claim: those
// dispatch.Fits allows and the expert is not already on. Emergencies come
// first, then the oldest requests.
func (s *Store) OpenRequestsFor(ctx context.Context, expertID int64, limit int) ([]*dispatch.Request, error) {
	e, ms, err := s.expertWithMemberships(ctx, s.db, expertID, "expertId")
	if err != nil {
		return nil, err
	}
	kinds := dispatch.KindsFor(ms)
	if e.ArchivedAt != nil || len(kinds) == 0 {
		return []*dispatch.Request{}, nil
	}
	q, args, err := s.in(`SELECT `+prefixed("r", requestColumns)+` FROM request r
		WHERE r.status IN ('SUBMITTED', 'DISPATCHED') AND r.deadline > ? AND r.kind IN (?)
		  AND (SELECT COUNT(*) FROM engagement g WHERE g.request_id = r.id AND g.status <> 'CANCELLED') < r.experts_needed
		  AND NOT EXISTS (SELECT 1 FROM engagement g WHERE g.request_id = r.id AND g.expert_id = ? AND g.status <> 'CANCELLED')
		ORDER BY CASE WHEN r.kind = 'EMERGENCY' THEN 0 ELSE 1 END, r.created_at, r.id`,
		s.now().UTC(), strs(kinds), expertID)
	if err != nil {
		return nil, err
	}
	var rows []requestRow
	if err := s.sel(ctx, s.db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("store: open requests: %w", err)
	}
	out := []*dispatch.Request{}
	for i := range rows {
		r := rows[i].request()
		if _, err := dispatch.Fits(r, e, ms); err != nil {
			continue
		}
		out = append(out, r)
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

// ---- background work ----------------------------------------------------------

// DueInvitations lists requests that have pending invitations past their
// expiry, for the worker. Requests whose window has closed are left to
// ExpireRequest, which closes their invitations with them; otherwise two
// workers could announce "back to dispatch" for a request that is about
// to expire.
func (s *Store) DueInvitations(ctx context.Context, limit int) ([]int64, error) {
	var ids []int64
	now := s.now().UTC()
	if err := s.sel(ctx, s.db, &ids, `SELECT DISTINCT i.request_id FROM invitation i JOIN request r ON r.id = i.request_id
		WHERE i.status = 'PENDING' AND i.expires_at <= ? AND r.deadline > ? ORDER BY i.request_id LIMIT ?`, now, now, limit); err != nil {
		return nil, fmt.Errorf("store: due invitations: %w", err)
	}
	return ids, nil
}

// ExpireInvitations expires a request's overdue invitations and returns how
// many it expired. Several workers may call it for the same request at
// once: the request row is taken with SKIP LOCKED (a busy request is left
// for the next pass) and only still-pending invitations are updated, so
// each invitation expires exactly once.
func (s *Store) ExpireInvitations(ctx context.Context, requestID int64) (int, error) {
	var expired int
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var rows []requestRow
		if err := s.sel(ctx, tx, &rows, `SELECT `+requestColumns+` FROM request WHERE id = ?`+s.skipLocked(), requestID); err != nil {
			return fmt.Errorf("store: lock request: %w", err)
		}
		if len(rows) == 0 {
			return nil // another worker has it
		}
		req := rows[0].request()
		now := s.now().UTC()
		if !req.Deadline.After(now) {
			return nil // the request itself expires (ExpireRequest)
		}
		res, err := s.exec(ctx, tx, `UPDATE invitation SET status = 'EXPIRED', responded_at = ?, reason = '逾期未回复'
			WHERE request_id = ? AND status = 'PENDING' AND expires_at <= ?`, now, req.ID, now)
		if err != nil {
			return fmt.Errorf("store: expire invitations: %w", err)
		}
		n, _ := res.RowsAffected()
		expired = int(n)
		if expired == 0 || dispatch.Allowed(dispatch.ActRelease, req.Status) != nil {
			return nil
		}
		ctx := talent.WithActor(ctx, talent.Actor{Name: "system"})
		return s.release(ctx, tx, "expireInvitations", req, fmt.Sprintf("%d份邀请逾期未回复", expired))
	})
	return expired, err
}

// DueRequests lists open requests whose window has closed, for the worker.
func (s *Store) DueRequests(ctx context.Context, limit int) ([]int64, error) {
	var ids []int64
	if err := s.sel(ctx, s.db, &ids, `SELECT id FROM request
		WHERE status IN ('SUBMITTED', 'DISPATCHED') AND deadline <= ? ORDER BY id LIMIT ?`, s.now().UTC(), limit); err != nil {
		return nil, fmt.Errorf("store: due requests: %w", err)
	}
	return ids, nil
}

// ExpireRequest closes an open request whose window has closed: EXPIRED
// when nobody accepted, ACCEPTED when some (not all) of the experts needed
// did. It reports whether it changed the request; like ExpireInvitations
// it is safe to call from several workers at once.
func (s *Store) ExpireRequest(ctx context.Context, requestID int64) (bool, error) {
	done := false
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		now := s.now().UTC()
		var rows []requestRow
		if err := s.sel(ctx, tx, &rows, `SELECT `+requestColumns+` FROM request
			WHERE id = ? AND status IN ('SUBMITTED', 'DISPATCHED') AND deadline <= ?`+s.skipLocked(), requestID, now); err != nil {
			return fmt.Errorf("store: lock request: %w", err)
		}
		if len(rows) == 0 {
			return nil // done already, or another worker is on it
		}
		req := rows[0].request()
		ctx := talent.WithActor(ctx, talent.Actor{Name: "system"})
		org, err := s.orgName(ctx, tx, req.OrganizationID)
		if err != nil {
			return err
		}
		if err := s.closeInvitations(ctx, tx, req, org, dispatch.InvitationExpired, "需求已过最晚日期"); err != nil {
			return err
		}
		after, err := s.advance(ctx, tx, "expireRequest", dispatch.ActExpire, req, "最晚日期已过", nil)
		if err != nil {
			return err
		}
		done = true
		if after.Status == dispatch.Expired {
			if err := s.notify(ctx, tx, notice{kind: dispatch.NoticeExpired, req: after, org: org, to: dispatch.ToRequester}); err != nil {
				return err
			}
			return s.notify(ctx, tx, notice{kind: dispatch.NoticeExpired, req: after, org: org, to: dispatch.ToOffice})
		}
		return nil
	})
	return done, err
}

// AutoDispatchCandidates lists SUBMITTED requests of the given kinds, with
// time left and fewer than maxRounds automatic rounds done, for the
// auto-dispatcher.
func (s *Store) AutoDispatchCandidates(ctx context.Context, kinds []dispatch.Kind, maxRounds, limit int) ([]*dispatch.Request, error) {
	if len(kinds) == 0 {
		return nil, nil
	}
	q, args, err := s.in(`SELECT `+requestColumns+` FROM request
		WHERE status = 'SUBMITTED' AND kind IN (?) AND auto_rounds < ? AND deadline > ? ORDER BY id LIMIT ?`,
		strs(kinds), maxRounds, s.now().UTC(), limit)
	if err != nil {
		return nil, err
	}
	var rows []requestRow
	if err := s.sel(ctx, s.db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("store: auto-dispatch candidates: %w", err)
	}
	out := make([]*dispatch.Request, len(rows))
	for i := range rows {
		out[i] = rows[i].request()
	}
	return out, nil
}

// OrganizationsByIDs returns the requesting organisations of many requests
// in one query, keyed by id.
func (s *Store) OrganizationsByIDs(ctx context.Context, ids []int64) (map[int64]*talent.Organization, error) {
	out := make(map[int64]*talent.Organization, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	q, args, err := s.in(`SELECT `+organizationColumns+` FROM organization WHERE id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	var rows []organizationRow
	if err := s.sel(ctx, s.db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("store: organizations by id: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = r.organization()
	}
	return out, nil
}

// RequestText is what a request says: its title and description.
type RequestText struct {
	ID          int64  `db:"id"`
	Title       string `db:"title"`
	Description string `db:"description"`
}

// RequestTexts returns the texts of the requests created since since, newest
// first, at most limit of them: what requesters ask for, in their words.
func (s *Store) RequestTexts(ctx context.Context, since time.Time, limit int) ([]RequestText, error) {
	var out []RequestText
	err := s.sel(ctx, s.db, &out, `
		SELECT id, title, description FROM request
		WHERE created_at >= ?
		ORDER BY id DESC
		LIMIT ?`, since.UTC(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: request texts: %w", err)
	}
	return out, nil
}
