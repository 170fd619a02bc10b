// Package worker runs the background jobs of requests and dispatch:
// expiring invitations and requests, reminding experts and requesters
// before an engagement, inviting the matcher's top candidates where
// configured, and delivering the notification outbox.
//
// Every talentd replica may run a worker against the same database. Each
// job claims its rows so that the work happens exactly once however many
// run: due requests are taken with FOR UPDATE SKIP LOCKED and re-checked
// under the lock (a second worker finds them done or skips them);
// reminders are marked in the same transaction that queues them;
// notifications are leased. On SQLite there is one writer at a time, so the
// same code is trivially safe.
package worker

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/notify"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
)

// Config tunes the worker.
type Config struct {
	// Interval is the pause between passes; 0 means 5 seconds.
	Interval time.Duration
	// Batch caps the rows each job handles per pass; 0 means 100.
	Batch int
	// Lease hides a notification from other workers while one delivers
	// it; 0 means 2 minutes. It must exceed SendTimeout.
	Lease time.Duration
	// SendTimeout bounds one delivery; 0 means 30 seconds.
	SendTimeout time.Duration
	// RetryMin and RetryMax bound the exponential backoff after a failed
	// delivery (RetryMin, 2×, 4×, … up to RetryMax; never given up);
	// 0 means 30 seconds and 1 hour.
	RetryMin, RetryMax time.Duration
	// Dispatch holds the reminder lead time, the per-kind auto-invite
	// counts and the invitation TTL used by auto-invite.
	Dispatch dispatch.Config
}

func (c Config) withDefaults() Config {
	if c.Interval <= 0 {
		c.Interval = 5 * time.Second
	}
	if c.Batch <= 0 {
		c.Batch = 100
	}
	if c.SendTimeout <= 0 {
		c.SendTimeout = 30 * time.Second
	}
	if c.Lease <= 0 {
		c.Lease = 2 * time.Minute
	}
	if c.Lease <= c.SendTimeout {
		c.Lease = c.SendTimeout + time.Minute
	}
	if c.RetryMin <= 0 {
		c.RetryMin = 30 * time.Second
	}
	if c.RetryMax <= 0 {
		c.RetryMax = time.Hour
	}
	c.Dispatch = c.Dispatch.WithDefaults()
	return c
}

// Worker runs the jobs.
type Worker struct {
	st     *store.Store
	sender notify.Sender
	ranker dispatch.Ranker
	cfg    Config
	log    *slog.Logger
}

// New builds a worker over st that delivers through sender (nil means
// notify.LogSender).
func New(st *store.Store, sender notify.Sender, cfg Config) *Worker {
	if sender == nil {
		sender = notify.LogSender{}
	}
	return &Worker{st: st, sender: sender, cfg: cfg.withDefaults(), log: slog.Default()}
}

// WithRanker enables auto-invite for the kinds in Config.Dispatch.AutoInvite.
// Without a ranker officers invite by hand.
func (w *Worker) WithRanker(r dispatch.Ranker) *Worker { w.ranker = r; return w }

// WithLogger sets the logger (default slog.Default()).
func (w *Worker) WithLogger(l *slog.Logger) *Worker { w.log = l; return w }

// Report counts what one pass did.
type Report struct {
	RequestsExpired    int // requests closed because their window passed
	InvitationsExpired int
	AutoInvited        int // requests that got an automatic round of invitations
	Reminded           int // engagements reminded
	Sent               int // notifications delivered
	Failed             int // deliveries that failed and were rescheduled
}

// Run runs passes every Interval until ctx is done. A failing pass is
// logged and the next one tries again.
func (w *Worker) Run(ctx context.Context) error {
	t := time.NewTicker(w.cfg.Interval)
	defer t.Stop()
	for {
		rep, err := w.RunOnce(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			w.log.ErrorContext(ctx, "后台任务出错", "err", err)
		}
		if rep != (Report{}) {
			w.log.DebugContext(ctx, "后台任务", "report", rep)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// RunOnce runs every job once, in an order that lets one pass finish what
// it starts: expiries and reminders queue notifications that the delivery
// at the end sends. An error in one job does not stop the others.
func (w *Worker) RunOnce(ctx context.Context) (Report, error) {
	ctx = talent.WithActor(ctx, talent.Actor{Name: "system"})
	var rep Report
	var errs []error
	for _, job := range []func(context.Context, *Report) error{
		w.expireRequests, w.expireInvitations, w.autoInvite, w.remind, w.deliver,
	} {
		if err := job(ctx, &rep); err != nil {
			if ctx.Err() != nil {
				return rep, ctx.Err()
			}
			errs = append(errs, err)
		}
	}
	return rep, errors.Join(errs...)
}

func (w *Worker) expireRequests(ctx context.Context, rep *Report) error {
	ids, err := w.st.DueRequests(ctx, w.cfg.Batch)
	if err != nil {
		return err
	}
	for _, id := range ids {
		done, err := w.st.ExpireRequest(ctx, id)
		if err != nil {
			return err
		}
		if done {
			rep.RequestsExpired++
		}
	}
	return nil
}

func (w *Worker) expireInvitations(ctx context.Context, rep *Report) error {
	ids, err := w.st.DueInvitations(ctx, w.cfg.Batch)
	if err != nil {
		return err
	}
	for _, id := range ids {
		n, err := w.st.ExpireInvitations(ctx, id)
		if err != nil {
			return err
		}
		rep.InvitationsExpired += n
	}
	return nil
}

func (w *Worker) remind(ctx context.Context, rep *Report) error {
	n, err := w.st.SendReminders(ctx, w.cfg.Dispatch.ReminderBefore, w.cfg.Batch)
	rep.Reminded += n
	return err
}

// autoInvite invites the matcher's top N for requests of the configured
// kinds that wait for dispatch, skipping experts asked in earlier rounds.
// Two replicas may rank the same request; only one round is recorded (the
// store refuses the other with CONFLICT).
func (w *Worker) autoInvite(ctx context.Context, rep *Report) error {
	if w.ranker == nil {
		return nil
	}
	var kinds []dispatch.Kind
	for k, n := range w.cfg.Dispatch.AutoInvite {
		if n > 0 {
			kinds = append(kinds, k)
		}
	}
	reqs, err := w.st.AutoDispatchCandidates(ctx, kinds, w.cfg.Dispatch.AutoRounds, w.cfg.Batch)
	if err != nil {
		return err
	}
	for _, r := range reqs {
		n := w.cfg.Dispatch.AutoInvite[r.Kind]
		asked, err := w.st.InvitedExperts(ctx, r.ID)
		if err != nil {
			return err
		}
		// Ask for more than n: some of the best may have been asked in an
		// earlier round, or no longer qualify (the store skips those).
		ranked, err := w.ranker.Rank(ctx, r, 2*n+len(asked))
		if err != nil {
			// The matcher may be down: the request stays SUBMITTED (an
			// officer can still invite) and the next pass tries again.
			w.log.WarnContext(ctx, "自动派单：排序失败", "request", r.ID, "err", err)
			continue
		}
		skip := make(map[int64]bool, len(asked))
		for _, id := range asked {
			skip[id] = true
		}
		var pick []int64
		for _, id := range ranked {
			if !skip[id] {
				pick = append(pick, id)
				skip[id] = true
			}
		}
		_, invs, err := w.st.InviteExperts(ctx, store.InviteInput{RequestID: r.ID, ExpertIDs: pick, Limit: n,
			TTL: w.cfg.Dispatch.InvitationTTL, AutoRound: r.AutoRounds + 1})
		switch talent.ErrorCode(err) {
		case "":
			if len(invs) > 0 {
				rep.AutoInvited++
			}
		case talent.CodeInternal:
			return err
		default:
			// CONFLICT (another replica did this round) or the request
			// moved on (cancelled, claimed) since it was listed.
			w.log.DebugContext(ctx, "自动派单：跳过", "request", r.ID, "reason", err)
		}
	}
	return nil
}

// deliver sends due notifications. Each is leased first, so two workers
// never send the same one at the same time; a failure reschedules it with
// exponential backoff and nothing is dropped.
func (w *Worker) deliver(ctx context.Context, rep *Report) error {
	ns, err := w.st.ClaimNotifications(ctx, w.cfg.Batch, w.cfg.Lease)
	if err != nil {
		return err
	}
	for _, n := range ns {
		sctx, cancel := context.WithTimeout(ctx, w.cfg.SendTimeout)
		err := w.sender.Send(sctx, message(n))
		cancel()
		if err != nil {
			rep.Failed++
			w.log.WarnContext(ctx, "通知发送失败，稍后重试", "id", n.ID, "kind", n.Kind, "attempts", n.Attempts+1, "err", err)
			if rerr := w.st.RetryNotification(ctx, n.ID, w.backoff(n.Attempts), err); rerr != nil {
				return rerr // the lease runs out and the next pass retries
			}
			continue
		}
		if err := w.st.MarkNotificationSent(ctx, n.ID); err != nil {
			return err
		}
		rep.Sent++
	}
	return nil
}

// backoff is the delay before retry number attempts+1.
func (w *Worker) backoff(attempts int) time.Duration {
	d := w.cfg.RetryMin
	for i := 0; i < attempts && d < w.cfg.RetryMax; i++ {
		d *= 2
	}
	if d > w.cfg.RetryMax {
		d = w.cfg.RetryMax
	}
	return d
}

func message(n *store.Notification) notify.Message {
	return notify.Message{ID: n.ID, Kind: string(n.Kind), Subject: n.Subject, Body: n.Body,
		To: notify.Recipient{Kind: string(n.Recipient), Name: n.RecipientName, Email: n.Email, Phone: n.Phone}}
}
