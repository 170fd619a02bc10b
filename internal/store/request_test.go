package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
)

// clock is a settable test clock shared by a store (and its workers).
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// dispatchEnv is a store on a fresh database with a settable clock, an
// organisation to request from, and helpers to build fixtures.
type dispatchEnv struct {
	t     *testing.T
	s     *store.Store
	clock *clock
	org   *talent.Organization
	ctx   context.Context
}

func openClocked(t *testing.T, url string, c *clock) *store.Store {
	t.Helper()
	rules := talent.DefaultRules()
	rules.Now = c.Now
	s, err := store.Open(context.Background(), store.Options{DatabaseURL: url, DataDir: t.TempDir(), Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	return s
}

func newDispatchEnv(t *testing.T, url string) *dispatchEnv {
	t.Helper()
	c := &clock{t: fixedNow}
	s := openClocked(t, url, c)
	ctx := talent.WithActor(context.Background(), talent.Actor{Name: "officer"})
	org, err := s.CreateOrganization(ctx, &talent.Organization{Kind: talent.OrgSchool, Name: "浮梁县第一小学", Township: "浮梁镇"})
	if err != nil {
		t.Fatal(err)
	}
	return &dispatchEnv{t: t, s: s, clock: c, org: org, ctx: ctx}
}

// eachDispatchDialect runs fn on SQLite and on PostgreSQL.
func eachDispatchDialect(t *testing.T, fn func(t *testing.T, d *dispatchEnv)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { t.Parallel(); fn(t, newDispatchEnv(t, "")) })
	t.Run("postgres", func(t *testing.T) { t.Parallel(); fn(t, newDispatchEnv(t, testenv.PostgresURL(t))) })
}

// expert creates an expert admitted to reg (with categories for emergency
// experts) and returns it.
func (d *dispatchEnv) expert(name string, reg talent.Registry, mut func(e *talent.Expert)) *talent.Expert {
	d.t.Helper()
	e := &talent.Expert{Name: name, Township: "浮梁镇", MaxEngagementsPerMonth: 4}
	if mut != nil {
		mut(e)
	}
	cats := e.EmergencyCategories
	e.EmergencyCategories = nil
	onCall := e.OnCall
	e.OnCall = false
	e, err := d.s.CreateExpert(d.ctx, e)
	if err != nil {
		d.t.Fatalf("create %s: %v", name, err)
	}
	if _, _, err := d.s.AdmitToRegistry(d.ctx, store.Admission{ExpertID: e.ID, Registry: reg, Status: talent.StatusAdmitted, EmergencyCategories: cats}); err != nil {
		d.t.Fatalf("admit %s: %v", name, err)
	}
	if onCall {
		if _, err := d.s.SetOnCall(d.ctx, e.ID, true); err != nil {
			d.t.Fatal(err)
		}
	}
	got, err := d.s.Expert(d.ctx, e.ID)
	if err != nil {
		d.t.Fatal(err)
	}
	return got
}

func (d *dispatchEnv) lecturer(name string) *talent.Expert {
	return d.expert(name, talent.SeniorLecturer, nil)
}

// submit stores a school request for 20–30 May 2026 (the clock starts on
// 10 May).
func (d *dispatchEnv) submit(mut func(r *dispatch.Request)) *dispatch.Request {
	d.t.Helper()
	r := &dispatch.Request{Kind: dispatch.School, OrganizationID: d.org.ID, ContactName: "王老师", ContactPhone: "13900001111",
		Title: "防溺水科普讲座", Description: "面向四至六年级学生", Township: "浮梁镇", Place: "学校礼堂",
		Audience: talent.PrimarySchool, Headcount: 300, WindowStart: "2026-05-20", WindowEnd: "2026-05-30", DurationMinutes: 90}
	if mut != nil {
		mut(r)
	}
	out, err := d.s.SubmitRequest(d.ctx, r)
	if err != nil {
		d.t.Fatalf("submit: %v", err)
	}
	return out
}

func (d *dispatchEnv) invite(r *dispatch.Request, experts ...*talent.Expert) []*dispatch.Invitation {
	d.t.Helper()
	ids := make([]int64, len(experts))
	for i, e := range experts {
		ids[i] = e.ID
	}
	_, invs, err := d.s.InviteExperts(d.ctx, store.InviteInput{RequestID: r.ID, ExpertIDs: ids})
	if err != nil {
		d.t.Fatalf("invite: %v", err)
	}
	return invs
}

func (d *dispatchEnv) request(id int64) *dispatch.Request {
	d.t.Helper()
	r, err := d.s.Request(d.ctx, id)
	if err != nil {
		d.t.Fatal(err)
	}
	return r
}

func (d *dispatchEnv) history(id int64) []*dispatch.Event {
	d.t.Helper()
	h, err := d.s.HistoryByRequests(d.ctx, []int64{id})
	if err != nil {
		d.t.Fatal(err)
	}
	return h[id]
}

func (d *dispatchEnv) notices(f store.NotificationFilter) []*store.Notification {
	d.t.Helper()
	ns, err := d.s.Notifications(d.ctx, f, 1000)
	if err != nil {
		d.t.Fatal(err)
	}
	return ns
}

func kindsOf(ns []*store.Notification) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = string(n.Kind) + ":" + string(n.Recipient)
	}
	return strings.Join(parts, " ")
}

// at is a China-time instant on a day.
func at(day string, hour, minute int) time.Time {
	d, err := dispatch.ParseDay(day)
	if err != nil {
		panic(err)
	}
	return d.Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute)
}

func TestRequestLifecycle(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		ctx := d.ctx
		a, b := d.lecturer("甲老师"), d.lecturer("乙老师")
		r := d.submit(nil)
		if r.Status != dispatch.Submitted || r.Township != talent.CountySeat || !r.Deadline.Equal(at("2026-05-31", 0, 0)) {
			t.Fatalf("submitted: %+v", r)
		}
		invs := d.invite(r, a, b)
		if got := d.request(r.ID); got.Status != dispatch.Dispatched || len(invs) != 2 {
			t.Fatalf("after invite: %s, %d invitations", got.Status, len(invs))
		}
		if !invs[0].ExpiresAt.Equal(fixedNow.Add(48 * time.Hour)) {
			t.Fatalf("expires %v", invs[0].ExpiresAt)
		}
		if _, err := d.s.DeclineInvitation(ctx, invs[1].ID, "当天有课"); err != nil {
			t.Fatal(err)
		}
		if got := d.request(r.ID); got.Status != dispatch.Dispatched {
			t.Fatalf("one of two declined: %s, want DISPATCHED", got.Status)
		}
		d.clock.Advance(3 * time.Hour)
		eng, err := d.s.AcceptInvitation(ctx, invs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if eng.Registry != talent.SeniorLecturer || eng.Status != dispatch.EngagementAccepted || eng.Month != "2026-05" || eng.Source != dispatch.FromInvitation {
			t.Fatalf("engagement: %+v", eng)
		}
		got := d.request(r.ID)
		if got.Status != dispatch.Accepted || got.AcceptedAt == nil || got.AcceptedAt.Sub(got.CreatedAt) != 3*time.Hour {
			t.Fatalf("accepted: %+v", got)
		}
		if _, err := d.s.AcceptInvitation(ctx, invs[0].ID); talent.ErrorCode(err) != talent.CodeInvalidTransition {
			t.Fatalf("second accept: %v", err)
		}
		eng, err = d.s.ScheduleEngagement(ctx, store.ScheduleInput{EngagementID: eng.ID, StartsAt: at("2026-05-22", 14, 30)})
		if err != nil {
			t.Fatal(err)
		}
		if !eng.EndsAt.Equal(at("2026-05-22", 16, 0)) || d.request(r.ID).Status != dispatch.Scheduled {
			t.Fatalf("scheduled: %+v", eng)
		}
		// Completing before the day is refused; after it, recorded.
		if _, err := d.s.CompleteEngagement(ctx, eng.ID, dispatch.Completion{Date: "2026-05-22", Attendees: 280}); talent.ErrorCode(err) != talent.CodeInvalid {
			t.Fatalf("complete in advance: %v", err)
		}
		d.clock.Set(at("2026-05-23", 9, 0))
		if _, err := d.s.CompleteEngagement(ctx, eng.ID, dispatch.Completion{Date: "2026-05-22", Attendees: 280, Notes: "反响很好"}); err != nil {
			t.Fatal(err)
		}
		if _, err := d.s.RateEngagement(ctx, eng.ID, 6, ""); talent.ErrorCode(err) != talent.CodeOutOfRange {
			t.Fatalf("rating 6: %v", err)
		}
		rated, err := d.s.RateEngagement(ctx, eng.ID, 5, "讲得生动")
		if err != nil || rated.Rating != 5 {
			t.Fatalf("rate: %+v %v", rated, err)
		}
		if _, err := d.s.RateEngagement(ctx, eng.ID, 4, ""); talent.ErrorCode(err) != talent.CodeInvalidTransition {
			t.Fatalf("second rating: %v", err)
		}
		final := d.request(r.ID)
		if final.Status != dispatch.Rated {
			t.Fatalf("final status %s", final.Status)
		}
		var steps []string
		for _, e := range d.history(r.ID) {
			steps = append(steps, fmt.Sprintf("%s>%s", e.From, e.To))
			if e.Actor != "officer" || e.At.IsZero() || e.Reason == "" {
				t.Errorf("event without who/when/why: %+v", e)
			}
		}
		if want := ">SUBMITTED SUBMITTED>DISPATCHED DISPATCHED>ACCEPTED ACCEPTED>SCHEDULED SCHEDULED>COMPLETED COMPLETED>RATED"; strings.Join(steps, " ") != want {
			t.Fatalf("history %v\nwant %s", steps, want)
		}
		ns := d.notices(store.NotificationFilter{RequestID: r.ID})
		if got, want := kindsOf(ns), "INVITATION:EXPERT INVITATION:EXPERT ACCEPTANCE:REQUESTER SCHEDULED:EXPERT SCHEDULED:REQUESTER"; got != want {
			t.Fatalf("notifications %s\nwant %s", got, want)
		}
		if ns[0].RecipientName != "甲老师" || !strings.Contains(ns[0].Body, "浮梁县第一小学") || !strings.Contains(ns[2].Body, "甲老师") {
			t.Fatalf("notification text: %+v", ns[0])
		}
		hist, err := d.s.EngagementHistory(ctx, a.ID, 10)
		if err != nil || len(hist) != 1 || hist[0].Attendees != 280 || hist[0].CompletedOn != "2026-05-22" || hist[0].RatingComment != "讲得生动" {
			t.Fatalf("history of the expert: %+v %v", hist, err)
		}
	})
}

func TestDeclinedOrExpiredInvitationsReturnToDispatch(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		a, b := d.lecturer("甲"), d.lecturer("乙")
		r := d.submit(nil)
		inv := d.invite(r, a)
		if _, err := d.s.DeclineInvitation(d.ctx, inv[0].ID, ""); err != nil {
			t.Fatal(err)
		}
		if got := d.request(r.ID); got.Status != dispatch.Submitted {
			t.Fatalf("last invitation declined: %s, want SUBMITTED", got.Status)
		}
		h := d.history(r.ID)
		if last := h[len(h)-1]; last.From != dispatch.Dispatched || last.To != dispatch.Submitted || !strings.Contains(last.Reason, "谢绝") {
			t.Fatalf("history: %+v", last)
		}
		if ns := d.notices(store.NotificationFilter{RequestID: r.ID, Kinds: []dispatch.Notice{dispatch.NoticeReturned}}); len(ns) != 1 || ns[0].Recipient != dispatch.ToOffice {
			t.Fatalf("office not told: %s", kindsOf(ns))
		}
		// The declined expert may be asked again; the invitation expires.
		inv = d.invite(r, a, b)
		d.clock.Advance(49 * time.Hour)
		if _, err := d.s.AcceptInvitation(d.ctx, inv[0].ID); talent.ErrorCode(err) != dispatch.CodeExpired {
			t.Fatalf("accepting an expired invitation: %v", err)
		}
		due, err := d.s.DueInvitations(d.ctx, 10)
		if err != nil || len(due) != 1 || due[0] != r.ID {
			t.Fatalf("due: %v %v", due, err)
		}
		n, err := d.s.ExpireInvitations(d.ctx, r.ID)
		if err != nil || n != 2 {
			t.Fatalf("expired %d (%v)", n, err)
		}
		if n, _ := d.s.ExpireInvitations(d.ctx, r.ID); n != 0 {
			t.Fatalf("expired again: %d", n)
		}
		got := d.request(r.ID)
		if got.Status != dispatch.Submitted {
			t.Fatalf("after expiry: %s", got.Status)
		}
		h = d.history(r.ID)
		if last := h[len(h)-1]; last.Actor != "system" || !strings.Contains(last.Reason, "逾期") {
			t.Fatalf("expiry event: %+v", last)
		}
	})
}

// fixture is a request driven into a status, with what operations act on.
type fixture struct {
	r   *dispatch.Request
	eng *dispatch.Engagement // an engagement of the request (nil when it can have none)
	inv *dispatch.Invitation // an invitation of the request (nil when it has none)
}

// state drives a fresh request needing two experts into status st. Expert
// X claims first, so that even SUBMITTED and DISPATCHED requests carry an
// engagement to try scheduling; expert Y is invited (and, from ACCEPTED on,
// accepts). Only an EXPIRED request has no engagement: one can never exist.
func (d *dispatchEnv) state(st dispatch.Status) fixture {
	d.t.Helper()
	must := func(err error) {
		d.t.Helper()
		if err != nil {
			d.t.Fatalf("fixture %s: %v", st, err)
		}
	}
	x, y := d.lecturer("X"+string(st)), d.lecturer("Y"+string(st))
	if st == dispatch.Expired {
		r := d.submit(func(r *dispatch.Request) { r.WindowStart, r.WindowEnd = "2026-05-10", "2026-05-10" })
		inv := d.invite(r, y)[0]
		saved := d.clock.Now()
		d.clock.Set(at("2026-05-11", 0, 1))
		ok, err := d.s.ExpireRequest(d.ctx, r.ID)
		must(err)
		d.clock.Set(saved)
		if !ok {
			d.t.Fatal("not expired")
		}
		return fixture{r: d.request(r.ID), inv: inv}
	}
	r := d.submit(func(r *dispatch.Request) { r.ExpertsNeeded = 2 })
	engX, err := d.s.ClaimRequest(d.ctx, r.ID, x.ID)
	must(err)
	inv := d.invite(r, y)[0]
	f := fixture{r: r, eng: engX, inv: inv}
	switch st {
	case dispatch.Submitted:
		_, err := d.s.DeclineInvitation(d.ctx, inv.ID, "没空")
		must(err)
	case dispatch.Dispatched:
	case dispatch.Cancelled:
		_, err := d.s.CancelRequest(d.ctx, store.CancelInput{RequestID: r.ID, Reason: "活动取消"})
		must(err)
	default:
		engY, err := d.s.AcceptInvitation(d.ctx, inv.ID)
		must(err)
		if st == dispatch.Accepted {
			break
		}
		for _, e := range []*dispatch.Engagement{engX, engY} {
			_, err := d.s.ScheduleEngagement(d.ctx, store.ScheduleInput{EngagementID: e.ID, StartsAt: at("2026-05-12", 9, 0)})
			must(err)
		}
		if st == dispatch.Scheduled {
			break
		}
		saved := d.clock.Now()
		d.clock.Set(at("2026-05-13", 9, 0))
		for _, e := range []*dispatch.Engagement{engX, engY} {
			_, err := d.s.CompleteEngagement(d.ctx, e.ID, dispatch.Completion{Date: "2026-05-12", Attendees: 50})
			must(err)
		}
		if st == dispatch.Rated {
			for _, e := range []*dispatch.Engagement{engX, engY} {
				_, err := d.s.RateEngagement(d.ctx, e.ID, 4, "")
				must(err)
			}
		}
		d.clock.Set(saved)
	}
	f.r = d.request(r.ID)
	return f
}

// snapshot is everything an operation on a request could change.
func (d *dispatchEnv) snapshot(r *dispatch.Request) string {
	d.t.Helper()
	got := d.request(r.ID)
	invs, _ := d.s.InvitationsByRequests(d.ctx, []int64{r.ID})
	engs, _ := d.s.EngagementsByRequests(d.ctx, []int64{r.ID})
	ns := d.notices(store.NotificationFilter{RequestID: r.ID})
	var audit int
	if err := d.s.DB().Get(&audit, `SELECT COUNT(*) FROM audit_log`); err != nil {
		d.t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s v%d events=%d notices=%d audit=%d", got.Status, got.Version, len(d.history(r.ID)), len(ns), audit)
	for _, i := range invs[r.ID] {
		fmt.Fprintf(&b, " inv%d=%s", i.ID, i.Status)
	}
	for _, e := range engs[r.ID] {
		fmt.Fprintf(&b, " eng%d=%s/v%d/r%d", e.ID, e.Status, e.Version, e.Rating)
	}
	return b.String()
}

// Every operation from every status it is not allowed in is refused with
// INVALID_TRANSITION (or TAKEN for claiming a request that has its
// experts), a message naming the statuses, and changes nothing at all: not
// the request, its history, invitations, engagements, notifications or the
// audit log.
func TestIllegalTransitionsChangeNothing(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		spare := d.lecturer("候补专家")
		slot := at("2026-05-25", 9, 0)
		type op struct {
			name     string
			allowed  []dispatch.Status
			needsEng bool
			run      func(f fixture) error
		}
		ops := []op{
			{"invite", []dispatch.Status{dispatch.Submitted, dispatch.Dispatched}, false, func(f fixture) error {
				_, _, err := d.s.InviteExperts(d.ctx, store.InviteInput{RequestID: f.r.ID, ExpertIDs: []int64{spare.ID}})
				return err
			}},
			{"claim", []dispatch.Status{dispatch.Submitted, dispatch.Dispatched}, false, func(f fixture) error {
				_, err := d.s.ClaimRequest(d.ctx, f.r.ID, spare.ID)
				return err
			}},
			{"accept", []dispatch.Status{dispatch.Dispatched}, false, func(f fixture) error {
				_, err := d.s.AcceptInvitation(d.ctx, f.inv.ID)
				return err
			}},
			{"decline", []dispatch.Status{dispatch.Dispatched}, false, func(f fixture) error {
				_, err := d.s.DeclineInvitation(d.ctx, f.inv.ID, "")
				return err
			}},
			{"schedule", []dispatch.Status{dispatch.Accepted, dispatch.Scheduled}, true, func(f fixture) error {
				_, err := d.s.ScheduleEngagement(d.ctx, store.ScheduleInput{EngagementID: f.eng.ID, StartsAt: slot})
				return err
			}},
			{"complete", []dispatch.Status{dispatch.Scheduled}, true, func(f fixture) error {
				_, err := d.s.CompleteEngagement(d.ctx, f.eng.ID, dispatch.Completion{Date: "2026-05-10", Attendees: 1})
				return err
			}},
			{"rate", []dispatch.Status{dispatch.Completed}, true, func(f fixture) error {
				_, err := d.s.RateEngagement(d.ctx, f.eng.ID, 5, "")
				return err
			}},
			{"cancel", []dispatch.Status{dispatch.Submitted, dispatch.Dispatched, dispatch.Accepted, dispatch.Scheduled}, false, func(f fixture) error {
				_, err := d.s.CancelRequest(d.ctx, store.CancelInput{RequestID: f.r.ID, Reason: "测试", By: dispatch.ByRequester})
				return err
			}},
		}
		all := []dispatch.Status{dispatch.Submitted, dispatch.Dispatched, dispatch.Accepted, dispatch.Scheduled,
			dispatch.Completed, dispatch.Rated, dispatch.Cancelled, dispatch.Expired}
		refused := 0
		for _, o := range ops {
			for _, st := range all {
				legal := false
				for _, a := range o.allowed {
					legal = legal || a == st
				}
				if legal || (o.needsEng && st == dispatch.Expired) {
					continue
				}
				f := d.state(st)
				if f.r.Status != st {
					t.Fatalf("fixture for %s is %s", st, f.r.Status)
				}
				before := d.snapshot(f.r)
				err := o.run(f)
				code := talent.ErrorCode(err)
				if code != talent.CodeInvalidTransition && code != dispatch.CodeTaken {
					t.Errorf("%s on %s: got %v, want INVALID_TRANSITION or TAKEN", o.name, st, err)
					continue
				}
				if !strings.Contains(err.Error(), "“") {
					t.Errorf("%s on %s: message does not name the states: %v", o.name, st, err)
				}
				if after := d.snapshot(f.r); after != before {
					t.Errorf("%s on %s changed things:\nbefore %s\nafter  %s", o.name, st, before, after)
				}
				refused++
			}
		}
		if refused < 40 {
			t.Fatalf("only %d illegal transitions tried", refused)
		}
	})
}

func TestCancelReleasesEverything(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		a, b := d.lecturer("甲"), d.lecturer("乙")
		r := d.submit(func(r *dispatch.Request) { r.ExpertsNeeded = 2 })
		invs := d.invite(r, a, b)
		eng, err := d.s.AcceptInvitation(d.ctx, invs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.s.CancelRequest(d.ctx, store.CancelInput{RequestID: r.ID, Reason: "  "}); talent.ErrorCode(err) != talent.CodeRequired {
			t.Fatalf("blank reason: %v", err)
		}
		if _, err := d.s.CancelRequest(d.ctx, store.CancelInput{RequestID: r.ID, Reason: "x", Version: 1}); talent.ErrorCode(err) != talent.CodeConflict {
			t.Fatalf("stale version: %v", err)
		}
		got, err := d.s.CancelRequest(d.ctx, store.CancelInput{RequestID: r.ID, Reason: "学校临时停课", By: dispatch.ByRequester})
		if err != nil || got.Status != dispatch.Cancelled {
			t.Fatalf("cancel: %+v %v", got, err)
		}
		invAfter, _ := d.s.InvitationsByRequests(d.ctx, []int64{r.ID})
		engAfter, _ := d.s.Engagement(d.ctx, eng.ID)
		if invAfter[r.ID][1].Status != dispatch.InvitationCancelled || engAfter.Status != dispatch.EngagementCancelled || engAfter.CancelledAt == nil {
			t.Fatalf("not released: %+v %+v", invAfter[r.ID][1], engAfter)
		}
		ns := d.notices(store.NotificationFilter{RequestID: r.ID, Kinds: []dispatch.Notice{dispatch.NoticeCancellation}})
		if got := kindsOf(ns); got != "CANCELLATION:EXPERT CANCELLATION:EXPERT CANCELLATION:OFFICE" {
			t.Fatalf("cancellation notices: %s", got)
		}
		if !strings.Contains(ns[0].Body, "学校临时停课") {
			t.Fatalf("reason missing: %s", ns[0].Body)
		}
		h := d.history(r.ID)
		if last := h[len(h)-1]; last.To != dispatch.Cancelled || last.Reason != "需求方取消：学校临时停课" {
			t.Fatalf("event: %+v", last)
		}
		// A cancelled engagement frees the month for the expert.
		n, _ := d.s.MatchFactsByExperts(d.ctx, []int64{a.ID}, at("2026-05-15", 0, 0))
		if n[a.ID].BookedThisMonth != 0 {
			t.Fatalf("cancelled engagement still counted: %v", n)
		}
	})
}

func TestSubmitValidation(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		_, err := d.s.SubmitRequest(d.ctx, &dispatch.Request{Kind: dispatch.Emergency, OrganizationID: d.org.ID, ContactName: "张",
			ContactPhone: "0798-1234567", Title: "x", Township: "火星", WindowStart: "2026-05-01", WindowEnd: "2026-05-02"})
		list, ok := talent.AsList(err)
		if !ok || len(list) != 3 {
			t.Fatalf("want 3 problems together (township, window, category), got %v", err)
		}
		_, err = d.s.SubmitRequest(d.ctx, &dispatch.Request{Kind: dispatch.School, OrganizationID: 999, ContactName: "张",
			ContactPhone: "13900001111", Title: "x", Township: "浮梁", WindowStart: "2026-05-11", WindowEnd: "2026-05-12"})
		if talent.ErrorCode(err) != talent.CodeNotFound {
			t.Fatalf("unknown organisation: %v", err)
		}
		if n, _ := d.s.CountRequests(d.ctx, store.RequestFilter{}); n != 0 {
			t.Fatalf("rejected submissions left %d requests", n)
		}
	})
}

func TestFindRequests(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		var ids []int64
		for i := 0; i < 5; i++ {
			town := "浮梁镇"
			if i%2 == 1 {
				town = "瑶里"
			}
			ids = append(ids, d.submit(func(r *dispatch.Request) { r.Township = town }).ID)
		}
		page, err := d.s.FindRequests(d.ctx, store.RequestFilter{}, 0, 2)
		if err != nil || len(page) != 2 || page[0].ID != ids[4] || page[1].ID != ids[3] {
			t.Fatalf("newest first: %v", err)
		}
		next, _ := d.s.FindRequests(d.ctx, store.RequestFilter{}, page[1].ID, 10)
		if len(next) != 3 || next[2].ID != ids[0] {
			t.Fatalf("next page: %d", len(next))
		}
		f := store.RequestFilter{Townships: []string{"瑶里镇"}, Statuses: []dispatch.Status{dispatch.Submitted}}
		got, _ := d.s.FindRequests(d.ctx, f, 0, 10)
		n, _ := d.s.CountRequests(d.ctx, f)
		if len(got) != 2 || n != 2 {
			t.Fatalf("filtered: %d (count %d)", len(got), n)
		}
	})
}

func TestForgetExpertContactsInNotifications(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		e := d.expert("甲", talent.SeniorLecturer, func(e *talent.Expert) {
			e.Phone, e.Email, e.Consent = "13800001234", "jia@example.cn", &talent.Consent{Purpose: "科普活动联络"}
		})
		d.invite(d.submit(nil), e)
		ns := d.notices(store.NotificationFilter{ExpertID: e.ID})
		if len(ns) != 1 || ns[0].Email != "jia@example.cn" || ns[0].Phone != "13800001234" {
			t.Fatalf("copied contact: %+v", ns)
		}
		if n, err := d.s.ForgetExpertContacts(d.ctx, e.ID); err != nil || n != 1 {
			t.Fatalf("forget: %d %v", n, err)
		}
		ns = d.notices(store.NotificationFilter{ExpertID: e.ID})
		if ns[0].Email != "" || ns[0].Phone != "" || ns[0].RecipientName != "甲" {
			t.Fatalf("after forgetting: %+v", ns[0])
		}
	})
}
