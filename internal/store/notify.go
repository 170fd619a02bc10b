package store

// The notification outbox. Operations write their messages here in the
// same transaction as the change they announce; the worker delivers them
// through a pluggable sender and retries with backoff, so a sender outage
// delays messages but loses none. Delivery is at-least-once: a worker that
// dies between sending and recording may send a message twice, never zero
// times.

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/talent"
	"github.com/jmoiron/sqlx"
)

// Notification is one message in the outbox.
type Notification struct {
	ID            int64
	Kind          dispatch.Notice
	RequestID     int64
	InvitationID  int64
	EngagementID  int64
	ExpertID      int64
	Recipient     dispatch.Recipient
	RecipientName string
	Email         string
	Phone         string
	Subject       string
	Body          string
	CreatedAt     time.Time
	Attempts      int
	LastError     string
	SentAt        *time.Time
}

type notificationRow struct {
	ID            int64         `db:"id"`
	Kind          string        `db:"kind"`
	RequestID     sql.NullInt64 `db:"request_id"`
	InvitationID  sql.NullInt64 `db:"invitation_id"`
	EngagementID  sql.NullInt64 `db:"engagement_id"`
	ExpertID      sql.NullInt64 `db:"expert_id"`
	Recipient     string        `db:"recipient"`
	RecipientName string        `db:"recipient_name"`
	Email         string        `db:"email"`
	Phone         string        `db:"phone"`
	Subject       string        `db:"subject"`
	Body          string        `db:"body"`
	CreatedAt     time.Time     `db:"created_at"`
	Attempts      int           `db:"attempts"`
	LastError     string        `db:"last_error"`
	SentAt        sql.NullTime  `db:"sent_at"`
}

const notificationColumns = `id, kind, request_id, invitation_id, engagement_id, expert_id, recipient, recipient_name,
	email, phone, subject, body, created_at, attempts, last_error, sent_at`

func (r *notificationRow) notification() *Notification {
	return &Notification{ID: r.ID, Kind: dispatch.Notice(r.Kind), RequestID: r.RequestID.Int64, InvitationID: r.InvitationID.Int64,
		EngagementID: r.EngagementID.Int64, ExpertID: r.ExpertID.Int64, Recipient: dispatch.Recipient(r.Recipient),
		RecipientName: r.RecipientName, Email: r.Email, Phone: r.Phone, Subject: r.Subject, Body: r.Body,
		CreatedAt: r.CreatedAt.UTC(), Attempts: r.Attempts, LastError: r.LastError, SentAt: optTime(r.SentAt)}
}

// notice is a message to compose and queue.
type notice struct {
	kind         dispatch.Notice
	req          *dispatch.Request
	org          string // the requesting organisation's name
	invitationID int64
	engagementID int64
	expert       *talent.Expert       // the expert concerned (the recipient when to is ToExpert)
	to           dispatch.Recipient   // who receives it
	until        time.Time            // invitations: answer by
	slot         *dispatch.Engagement // scheduled time, for SCHEDULED and REMINDER
	reason       string               // cancellations and returns
}

func idOrNull(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// notify composes a notice and writes it to the outbox in tx.
func (s *Store) notify(ctx context.Context, tx *sqlx.Tx, n notice) error {
	subject, body := compose(n)
	var name, email, phone string
	var expertID int64
	if n.expert != nil {
		expertID = n.expert.ID
	}
	switch n.to {
	case dispatch.ToExpert:
		name, email, phone = n.expert.Name, n.expert.Email, n.expert.Phone
	case dispatch.ToRequester:
		name, email, phone = n.req.ContactName, n.req.ContactEmail, n.req.ContactPhone
	case dispatch.ToOffice:
		name = "派单管理员"
	}
	now := s.now().UTC()
	if _, err := s.exec(ctx, tx, `INSERT INTO notification (kind, request_id, invitation_id, engagement_id, expert_id, recipient,
		recipient_name, email, phone, subject, body, created_at, available_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(n.kind), idOrNull(n.req.ID), idOrNull(n.invitationID), idOrNull(n.engagementID), idOrNull(expertID), string(n.to),
		name, email, phone, subject, body, now, now); err != nil {
		return fmt.Errorf("store: queue notification: %w", err)
	}
	return nil
}

func (s *Store) orgName(ctx context.Context, q sqlx.QueryerContext, id int64) (string, error) {
	var name string
	if err := s.get(ctx, q, &name, `SELECT name FROM organization WHERE id = ?`, id); err != nil {
		return "", fmt.Errorf("store: organization name: %w", err)
	}
	return name, nil
}

// compose writes a notice's subject and body in Chinese.
func compose(n notice) (subject, body string) {
	r := n.req
	what := fmt.Sprintf("%s的%s需求“%s”", n.org, talent.Label(dispatch.Kinds, string(r.Kind)), r.Title)
	var detail strings.Builder
	fmt.Fprintf(&detail, "地点：%s%s\n", talent.TownshipName(r.Township), withSep(" ", r.Place))
	fmt.Fprintf(&detail, "日期：%s至%s，约%d分钟\n", r.WindowStart, r.WindowEnd, r.DurationMinutes)
	if r.Audience != "" || r.Headcount > 0 {
		fmt.Fprintf(&detail, "对象：%s %d人\n", talent.Label(talent.Audiences, string(r.Audience)), r.Headcount)
	}
	if r.EmergencyCategory != "" {
		fmt.Fprintf(&detail, "应急类别：%s\n", talent.Label(talent.EmergencyCategories, string(r.EmergencyCategory)))
	}
	if r.Description != "" {
		fmt.Fprintf(&detail, "说明：%s\n", r.Description)
	}
	expert := ""
	if n.expert != nil {
		expert = n.expert.Name
	}
	slot := ""
	if n.slot != nil && n.slot.StartsAt != nil {
		slot = fmt.Sprintf("%s至%s", n.slot.StartsAt.In(dispatch.China).Format("2006年1月2日 15:04"), n.slot.EndsAt.In(dispatch.China).Format("15:04"))
	}
	until := n.until.In(dispatch.China).Format("2006年1月2日 15:04")
	switch n.kind {
	case dispatch.NoticeInvitation:
		return "【科普服务邀请】" + r.Title,
			fmt.Sprintf("%s老师您好：\n诚邀您承接%s。\n%s请于%s前登录系统接受或谢绝。", expert, what, detail.String(), until)
	case dispatch.NoticeCallOut:
		return "【应急召集】" + r.Title,
			fmt.Sprintf("%s老师您好：\n%s发生%s事件，现召集值守专家。\n%s请于%s前尽快回复，先接受者先派出。", expert,
				talent.TownshipName(r.Township), talent.Label(talent.EmergencyCategories, string(r.EmergencyCategory)), detail.String(), until)
	case dispatch.NoticeFilled:
		return "【已满员】" + r.Title, fmt.Sprintf("%s老师您好：\n%s已由其他专家接单，您的邀请已结束，感谢您的响应。", expert, what)
	case dispatch.NoticeAcceptance:
		return "【专家已接单】" + r.Title, fmt.Sprintf("%s您好：\n专家%s已承接您提交的%s，工作人员将与您商定具体时间。", r.ContactName, expert, what)
	case dispatch.NoticeScheduled:
		return "【服务已排期】" + r.Title, fmt.Sprintf("%s已排期：%s，专家%s。\n%s", what, slot, expert, detail.String())
	case dispatch.NoticeReminder:
		return "【服务提醒】" + r.Title, fmt.Sprintf("提醒：%s将于%s进行，专家%s。\n%s", what, slot, expert, detail.String())
	case dispatch.NoticeCancellation:
		return "【需求已取消】" + r.Title, fmt.Sprintf("%s已取消。\n原因：%s", what, n.reason)
	case dispatch.NoticeReturned:
		return "【退回待派单】" + r.Title, fmt.Sprintf("%s的邀请均已结束（%s），需要重新派单。", what, n.reason)
	case dispatch.NoticeExpired:
		return "【需求已过期】" + r.Title, fmt.Sprintf("%s在最晚日期%s前无专家接单，已过期。如仍需要，请重新提交。", what, r.WindowEnd)
	}
	return r.Title, what
}

// withSep prefixes a non-empty s with sep.
func withSep(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}

// ClaimNotifications leases up to limit undelivered, due notifications for
// lease: other workers do not see them until the lease runs out. Rows are
// taken with FOR UPDATE SKIP LOCKED on PostgreSQL (SQLite has one writer).
func (s *Store) ClaimNotifications(ctx context.Context, limit int, lease time.Duration) ([]*Notification, error) {
	var out []*Notification
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		now := s.now().UTC()
		var rows []notificationRow
		if err := s.sel(ctx, tx, &rows, `SELECT `+notificationColumns+` FROM notification
			WHERE sent_at IS NULL AND available_at <= ? ORDER BY available_at, id LIMIT ?`+s.skipLocked(), now, limit); err != nil {
			return fmt.Errorf("store: claim notifications: %w", err)
		}
		if len(rows) == 0 {
			return nil
		}
		ids := make([]int64, len(rows))
		for i := range rows {
			ids[i] = rows[i].ID
			out = append(out, rows[i].notification())
		}
		q, args, err := s.in(`UPDATE notification SET available_at = ? WHERE id IN (?)`, now.Add(lease), ids)
		if err != nil {
			return err
		}
		_, err = s.exec(ctx, tx, q, args...)
		return err
	})
	return out, err
}

// MarkNotificationSent records a delivered notification.
func (s *Store) MarkNotificationSent(ctx context.Context, id int64) error {
	if _, err := s.exec(ctx, s.db, `UPDATE notification SET sent_at = ?, attempts = attempts + 1, last_error = '' WHERE id = ?`,
		s.now().UTC(), id); err != nil {
		return fmt.Errorf("store: mark notification sent: %w", err)
	}
	return nil
}

// RetryNotification makes a notification due again after delay and records
// why delivery failed.
func (s *Store) RetryNotification(ctx context.Context, id int64, delay time.Duration, cause error) error {
	msg := ""
	if cause != nil {
		msg = cause.Error()
		if len(msg) > 1000 {
			msg = msg[:1000]
		}
	}
	if _, err := s.exec(ctx, s.db, `UPDATE notification SET attempts = attempts + 1, last_error = ?, available_at = ? WHERE id = ?`,
		msg, s.now().UTC().Add(delay), id); err != nil {
		return fmt.Errorf("store: retry notification: %w", err)
	}
	return nil
}

// NotificationFilter selects notifications for lists and tests.
type NotificationFilter struct {
	RequestID int64
	ExpertID  int64
	Kinds     []dispatch.Notice
	Unsent    bool
}

// Notifications lists notifications matching f, oldest first.
func (s *Store) Notifications(ctx context.Context, f NotificationFilter, limit int) ([]*Notification, error) {
	var conds []string
	var args []any
	if f.RequestID != 0 {
		conds, args = append(conds, "request_id = ?"), append(args, f.RequestID)
	}
	if f.ExpertID != 0 {
		conds, args = append(conds, "expert_id = ?"), append(args, f.ExpertID)
	}
	if len(f.Kinds) > 0 {
		conds = append(conds, "kind IN (?)")
		args = append(args, strs(f.Kinds))
	}
	if f.Unsent {
		conds = append(conds, "sent_at IS NULL")
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	q, qargs, err := s.in(`SELECT `+notificationColumns+` FROM notification`+where+` ORDER BY id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	var rows []notificationRow
	if err := s.sel(ctx, s.db, &rows, q, qargs...); err != nil {
		return nil, fmt.Errorf("store: notifications: %w", err)
	}
	out := make([]*Notification, len(rows))
	for i := range rows {
		out[i] = rows[i].notification()
	}
	return out, nil
}

// NotificationBacklog reports how many notifications wait to be delivered,
// for a metric or a health check.
func (s *Store) NotificationBacklog(ctx context.Context) (int, error) {
	var n int
	if err := s.get(ctx, s.db, &n, `SELECT COUNT(*) FROM notification WHERE sent_at IS NULL`); err != nil {
		return 0, fmt.Errorf("store: notification backlog: %w", err)
	}
	return n, nil
}

// ForgetExpertContacts blanks the e-mail and phone copied into an expert's
// notifications, for erasure requests under PIPL (the profile's own
// contact data is erased elsewhere). Undelivered messages then go through
// the sender's fallback (the log) instead of being lost.
func (s *Store) ForgetExpertContacts(ctx context.Context, expertID int64) (int, error) {
	res, err := s.exec(ctx, s.db, `UPDATE notification SET email = '', phone = '' WHERE expert_id = ? AND recipient = 'EXPERT'
		AND (email <> '' OR phone <> '')`, expertID)
	if err != nil {
		return 0, fmt.Errorf("store: forget notification contacts: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
