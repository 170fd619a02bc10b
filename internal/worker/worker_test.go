package worker_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/notify"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
	"github.com/fuliang/talent/internal/worker"
)

// quiet keeps the expected delivery warnings out of the test output.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

var start = time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC) // 17:00 in China

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time)         { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// openStore opens (and migrates) a store on url with the shared clock. Two
// calls with the same URL give two stores with separate connection pools
// on one database: two talentd replicas.
func openStore(t *testing.T, url, dir string, c *clock) *store.Store {
	t.Helper()
	rules := talent.DefaultRules()
	rules.Now = c.Now
	s, err := store.Open(context.Background(), store.Options{DatabaseURL: url, DataDir: dir, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	return s
}

type env struct {
	t   *testing.T
	s   *store.Store
	c   *clock
	ctx context.Context
	org *talent.Organization
	n   int
}

func newEnv(t *testing.T, s *store.Store, c *clock) *env {
	ctx := talent.WithActor(context.Background(), talent.Actor{Name: "officer"})
	org, err := s.CreateOrganization(ctx, &talent.Organization{Kind: talent.OrgVillage, Name: "瑶里村", Township: "瑶里镇"})
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, s: s, c: c, ctx: ctx, org: org}
}

func (e *env) lecturer(cap int) *talent.Expert {
	e.t.Helper()
	e.n++
	x, err := e.s.CreateExpert(e.ctx, &talent.Expert{Name: fmt.Sprintf("专家%d", e.n), Township: "瑶里镇", MaxEngagementsPerMonth: cap})
	if err != nil {
		e.t.Fatal(err)
	}
	if _, _, err := e.s.AdmitToRegistry(e.ctx, store.Admission{ExpertID: x.ID, Registry: talent.SeniorLecturer, Status: talent.StatusAdmitted}); err != nil {
		e.t.Fatal(err)
	}
	return x
}

func (e *env) submit(from, to string, needed, minutes int) *dispatch.Request {
	e.t.Helper()
	r, err := e.s.SubmitRequest(e.ctx, &dispatch.Request{Kind: dispatch.Village, OrganizationID: e.org.ID, ContactName: "村主任",
		ContactPhone: "13900002222", Title: "茶园病虫害防治培训", Township: "瑶里镇", WindowStart: from, WindowEnd: to,
		DurationMinutes: minutes, ExpertsNeeded: needed})
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

func (e *env) invite(r *dispatch.Request, ttl time.Duration, experts ...*talent.Expert) {
	e.t.Helper()
	ids := make([]int64, len(experts))
	for i, x := range experts {
		ids[i] = x.ID
	}
	if _, _, err := e.s.InviteExperts(e.ctx, store.InviteInput{RequestID: r.ID, ExpertIDs: ids, TTL: ttl}); err != nil {
		e.t.Fatal(err)
	}
}

// recorder is a sender that remembers every message it was given.
type recorder struct {
	mu   sync.Mutex
	sent map[int64]int
	fail bool
}

func (r *recorder) Send(_ context.Context, m notify.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail {
		return errors.New("smtp: 421 service not available")
	}
	if r.sent == nil {
		r.sent = map[int64]int{}
	}
	r.sent[m.ID]++
	return nil
}

func (r *recorder) count() (messages, deliveries int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range r.sent {
		messages++
		deliveries += n
	}
	return
}

// Two talentd replicas — two stores with their own connection pools on one
// PostgreSQL database, each running a worker — work through the same due
// rows at the same time. Every request expires exactly once, every
// engagement is reminded exactly once, every lapsed invitation returns its
// request to dispatch exactly once, and every notification is delivered
// exactly once.
func TestTwoWorkersExpireAndRemindExactlyOnce(t *testing.T) {
	url := testenv.PostgresURL(t)
	c := &clock{t: start}
	s1 := openStore(t, url, t.TempDir(), c)
	s2 := openStore(t, url, t.TempDir(), c)
	e := newEnv(t, s1, c)

	// 15 one-expert requests with a pending invitation, and 15 two-expert
	// requests with one claim, all with a window of today only: when it
	// closes the first expire, the second go ahead with one expert.
	var lapsing, partial []*dispatch.Request
	for i := 0; i < 15; i++ {
		r := e.submit("2026-05-10", "2026-05-10", 1, 60)
		e.invite(r, 0, e.lecturer(4))
		lapsing = append(lapsing, r)
		p := e.submit("2026-05-10", "2026-05-10", 2, 60)
		if _, err := s1.ClaimRequest(e.ctx, p.ID, e.lecturer(4).ID); err != nil {
			t.Fatal(err)
		}
		partial = append(partial, p)
	}
	// 20 requests open until the end of the month whose one-hour
	// invitations lapse: they return to dispatch.
	var returning []*dispatch.Request
	for i := 0; i < 20; i++ {
		r := e.submit("2026-05-10", "2026-05-31", 1, 60)
		e.invite(r, time.Hour, e.lecturer(4), e.lecturer(4))
		returning = append(returning, r)
	}
	// 30 engagements of one expert, 10-minute talks back to back on 12 May
	// from 08:00 China time: all due for their 24-hour reminder tomorrow.
	busy := e.lecturer(60)
	var engagements []*dispatch.Engagement
	for i := 0; i < 30; i++ {
		r := e.submit("2026-05-12", "2026-05-12", 1, 10)
		eng, err := s1.ClaimRequest(e.ctx, r.ID, busy.ID)
		if err != nil {
			t.Fatal(err)
		}
		d, _ := dispatch.ParseDay("2026-05-12")
		eng, err = s1.ScheduleEngagement(e.ctx, store.ScheduleInput{EngagementID: eng.ID, StartsAt: d.Add(8*time.Hour + time.Duration(10*i)*time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		engagements = append(engagements, eng)
	}
	c.Set(time.Date(2026, 5, 11, 9, 0, 0, 0, time.UTC)) // 17:00 on 11 May in China

	sender := &recorder{}
	cfg := worker.Config{Batch: 4, RetryMin: time.Second}
	workers := []*worker.Worker{worker.New(s1, sender, cfg).WithLogger(quiet), worker.New(s2, sender, cfg).WithLogger(quiet)}
	reports := make([]worker.Report, len(workers))
	var wg sync.WaitGroup
	for i, w := range workers {
		wg.Add(1)
		go func(i int, w *worker.Worker) {
			defer wg.Done()
			// Small batches and many passes interleave the two workers.
			for pass := 0; pass < 40; pass++ {
				rep, err := w.RunOnce(context.Background())
				if err != nil {
					t.Errorf("worker %d: %v", i, err)
					return
				}
				reports[i].RequestsExpired += rep.RequestsExpired
				reports[i].InvitationsExpired += rep.InvitationsExpired
				reports[i].Reminded += rep.Reminded
				reports[i].Sent += rep.Sent
			}
		}(i, w)
	}
	wg.Wait()
	t.Logf("worker reports: %+v / %+v", reports[0], reports[1])

	ctx := context.Background()
	eventsTo := func(r *dispatch.Request, to dispatch.Status) int {
		h, err := s1.HistoryByRequests(ctx, []int64{r.ID})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, ev := range h[r.ID] {
			if ev.To == to && ev.Actor == "system" {
				n++
			}
		}
		return n
	}
	notices := func(f store.NotificationFilter) int {
		ns, err := s1.Notifications(ctx, f, 1000)
		if err != nil {
			t.Fatal(err)
		}
		return len(ns)
	}
	for _, r := range lapsing {
		got, _ := s1.Request(ctx, r.ID)
		if got.Status != dispatch.Expired || eventsTo(r, dispatch.Expired) != 1 {
			t.Errorf("request %d: %s with %d EXPIRED events", r.ID, got.Status, eventsTo(r, dispatch.Expired))
		}
		if n := notices(store.NotificationFilter{RequestID: r.ID, Kinds: []dispatch.Notice{dispatch.NoticeExpired}}); n != 2 {
			t.Errorf("request %d: %d EXPIRED notices, want 2 (requester and office)", r.ID, n)
		}
		if n := notices(store.NotificationFilter{RequestID: r.ID, Kinds: []dispatch.Notice{dispatch.NoticeReturned}}); n != 0 {
			t.Errorf("request %d: returned to dispatch as it expired", r.ID)
		}
	}
	for _, r := range partial {
		got, _ := s1.Request(ctx, r.ID)
		if got.Status != dispatch.Accepted || eventsTo(r, dispatch.Accepted) != 1 {
			t.Errorf("partial request %d: %s with %d ACCEPTED events", r.ID, got.Status, eventsTo(r, dispatch.Accepted))
		}
	}
	for _, r := range returning {
		got, _ := s1.Request(ctx, r.ID)
		invs, _ := s1.InvitationsByRequests(ctx, []int64{r.ID})
		if got.Status != dispatch.Submitted || eventsTo(r, dispatch.Submitted) != 1 || len(invs[r.ID]) != 2 ||
			invs[r.ID][0].Status != dispatch.InvitationExpired || invs[r.ID][1].Status != dispatch.InvitationExpired {
			t.Errorf("request %d: %s with %d return events", r.ID, got.Status, eventsTo(r, dispatch.Submitted))
		}
		if n := notices(store.NotificationFilter{RequestID: r.ID, Kinds: []dispatch.Notice{dispatch.NoticeReturned}}); n != 1 {
			t.Errorf("request %d: %d RETURNED notices", r.ID, n)
		}
	}
	for _, eng := range engagements {
		got, _ := s1.Engagement(ctx, eng.ID)
		if got.RemindedAt == nil {
			t.Errorf("engagement %d not reminded", eng.ID)
		}
		if n := notices(store.NotificationFilter{RequestID: eng.RequestID, Kinds: []dispatch.Notice{dispatch.NoticeReminder}}); n != 2 {
			t.Errorf("engagement %d: %d reminders, want 2 (expert and requester)", eng.ID, n)
		}
	}
	total := reports[0].RequestsExpired + reports[1].RequestsExpired
	reminded := reports[0].Reminded + reports[1].Reminded
	if total != 30 || reminded != 30 || reports[0].InvitationsExpired+reports[1].InvitationsExpired != 40 {
		t.Errorf("reports add up to %d expiries, %d reminders", total, reminded)
	}
	all := notices(store.NotificationFilter{})
	messages, deliveries := sender.count()
	if messages != all || deliveries != all {
		t.Errorf("%d notifications, %d delivered as %d deliveries", all, messages, deliveries)
	}
	if backlog, _ := s1.NotificationBacklog(ctx); backlog != 0 {
		t.Errorf("backlog %d", backlog)
	}
}

// eachDialect runs fn with a store on SQLite and on PostgreSQL.
func eachDialect(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		c := &clock{t: start}
		fn(t, newEnv(t, openStore(t, "", t.TempDir(), c), c))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		c := &clock{t: start}
		fn(t, newEnv(t, openStore(t, testenv.PostgresURL(t), t.TempDir(), c), c))
	})
}

// While the sender is down nothing is lost: deliveries fail, are retried
// with growing delays, and go out exactly once when it is back.
func TestDeliveryRetriesUntilTheSenderIsBack(t *testing.T) {
	eachDialect(t, func(t *testing.T, e *env) {
		r := e.submit("2026-05-20", "2026-05-30", 1, 60)
		e.invite(r, 0, e.lecturer(4), e.lecturer(4))
		sender := &recorder{fail: true}
		w := worker.New(e.s, sender, worker.Config{RetryMin: time.Minute, RetryMax: 4 * time.Minute}).WithLogger(quiet)
		ctx := context.Background()
		rep, err := w.RunOnce(ctx)
		if err != nil || rep.Failed != 2 || rep.Sent != 0 {
			t.Fatalf("first pass: %+v %v", rep, err)
		}
		ns, _ := e.s.Notifications(ctx, store.NotificationFilter{Unsent: true}, 10)
		if len(ns) != 2 || ns[0].Attempts != 1 || ns[0].LastError != "smtp: 421 service not available" {
			t.Fatalf("after failure: %+v", ns)
		}
		// Not due again before the backoff; then 1, 2, 4, 4 minutes.
		for i, wait := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 4 * time.Minute} {
			e.c.Advance(wait - time.Second)
			if rep, _ := w.RunOnce(ctx); rep.Failed != 0 {
				t.Fatalf("retry %d came %v early", i+1, time.Second)
			}
			e.c.Advance(time.Second)
			if rep, _ := w.RunOnce(ctx); rep.Failed != 2 {
				t.Fatalf("retry %d: %+v", i+1, rep)
			}
		}
		sender.mu.Lock()
		sender.fail = false
		sender.mu.Unlock()
		e.c.Advance(4 * time.Minute)
		rep, err = w.RunOnce(ctx)
		if err != nil || rep.Sent != 2 {
			t.Fatalf("sender back: %+v %v", rep, err)
		}
		e.c.Advance(time.Hour)
		if rep, _ := w.RunOnce(ctx); rep.Sent != 0 {
			t.Fatalf("sent again: %+v", rep)
		}
		if m, d := sender.count(); m != 2 || d != 2 {
			t.Fatalf("%d messages in %d deliveries", m, d)
		}
		ns, _ = e.s.Notifications(ctx, store.NotificationFilter{}, 10)
		if ns[0].SentAt == nil || ns[0].Attempts != 6 || ns[0].LastError != "" {
			t.Fatalf("delivered: %+v", ns[0])
		}
	})
}

// ranker returns a fixed ranking.
type ranker struct{ ids []int64 }

func (r ranker) Rank(_ context.Context, _ *dispatch.Request, n int) ([]int64, error) {
	if n > len(r.ids) {
		n = len(r.ids)
	}
	return r.ids[:n], nil
}

func TestAutoInviteTopNPerKind(t *testing.T) {
	eachDialect(t, func(t *testing.T, e *env) {
		a, b, c, d := e.lecturer(4), e.lecturer(4), e.lecturer(4), e.lecturer(4)
		envoy, err := e.s.CreateExpert(e.ctx, &talent.Expert{Name: "不合格", Township: "瑶里镇", MaxEngagementsPerMonth: 4})
		if err != nil {
			t.Fatal(err)
		}
		r := e.submit("2026-05-20", "2026-05-30", 1, 60)
		cfg := worker.Config{Dispatch: dispatch.Config{AutoInvite: map[dispatch.Kind]int{dispatch.Village: 2}, AutoRounds: 2}}
		// The unqualified expert ranked first is skipped, not refused.
		w := worker.New(e.s, &recorder{}, cfg).WithLogger(quiet).WithRanker(ranker{[]int64{envoy.ID, a.ID, b.ID, c.ID, d.ID}})
		ctx := context.Background()
		invited := func() []int64 {
			invs, _ := e.s.InvitationsByRequests(ctx, []int64{r.ID})
			var ids []int64
			for _, inv := range invs[r.ID] {
				ids = append(ids, inv.ExpertID)
			}
			return ids
		}
		if rep, err := w.RunOnce(ctx); err != nil || rep.AutoInvited != 1 {
			t.Fatalf("round 1: %+v %v", rep, err)
		}
		if got := invited(); fmt.Sprint(got) != fmt.Sprint([]int64{a.ID, b.ID}) {
			t.Fatalf("round 1 invited %v", got)
		}
		if rep, _ := w.RunOnce(ctx); rep.AutoInvited != 0 {
			t.Fatal("a dispatched request was invited again")
		}
		invs, _ := e.s.InvitationsByRequests(ctx, []int64{r.ID})
		for _, inv := range invs[r.ID] {
			if _, err := e.s.DeclineInvitation(e.ctx, inv.ID, "没空"); err != nil {
				t.Fatal(err)
			}
		}
		if rep, _ := w.RunOnce(ctx); rep.AutoInvited != 1 {
			t.Fatal("round 2 did not happen")
		}
		if got := invited(); fmt.Sprint(got[2:]) != fmt.Sprint([]int64{c.ID, d.ID}) {
			t.Fatalf("round 2 invited %v", got)
		}
		got, _ := e.s.Request(ctx, r.ID)
		if got.AutoRounds != 2 || got.Status != dispatch.Dispatched {
			t.Fatalf("after round 2: %+v", got)
		}
		invs, _ = e.s.InvitationsByRequests(ctx, []int64{r.ID})
		for _, inv := range invs[r.ID][2:] {
			if _, err := e.s.DeclineInvitation(e.ctx, inv.ID, ""); err != nil {
				t.Fatal(err)
			}
		}
		if rep, _ := w.RunOnce(ctx); rep.AutoInvited != 0 {
			t.Fatal("a third round beyond AutoRounds")
		}
		h, _ := e.s.HistoryByRequests(ctx, []int64{r.ID})
		if ev := h[r.ID][1]; ev.Actor != "system" || ev.Reason == "" {
			t.Fatalf("auto round event: %+v", ev)
		}
	})
}
