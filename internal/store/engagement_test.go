package store_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
)

// 100 experts claim one open request at the same moment (and, at the same
// time, a second request that needs three experts): exactly one claim (and
// exactly three) succeed, every other claimer gets TAKEN, and the database
// holds exactly that many engagements. The issue asks for this on
// PostgreSQL; it runs on SQLite too.
func TestConcurrentClaimsFirstWins(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		const claimers = 100
		experts := make([]*talent.Expert, claimers)
		for i := range experts {
			experts[i] = d.lecturer(fmt.Sprintf("专家%03d", i))
		}
		one := d.submit(nil)
		three := d.submit(func(r *dispatch.Request) { r.ExpertsNeeded = 3 })

		type result struct {
			request int64
			expert  int64
			err     error
		}
		results := make(chan result, 2*claimers)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for _, e := range experts {
			for _, r := range []*dispatch.Request{one, three} {
				wg.Add(1)
				go func(rid, eid int64) {
					defer wg.Done()
					<-start
					_, err := d.s.ClaimRequest(d.ctx, rid, eid)
					results <- result{rid, eid, err}
				}(r.ID, e.ID)
			}
		}
		began := time.Now()
		close(start)
		wg.Wait()
		close(results)
		t.Logf("%d concurrent claims in %v", 2*claimers, time.Since(began))
		wins := map[int64][]int64{}
		for res := range results {
			switch code := talent.ErrorCode(res.err); {
			case res.err == nil:
				wins[res.request] = append(wins[res.request], res.expert)
			case code == dispatch.CodeTaken:
				if !strings.Contains(res.err.Error(), "已有足够的专家接单") {
					t.Errorf("unclear message: %v", res.err)
				}
			default:
				t.Errorf("claim by %d of %d: unexpected %v", res.expert, res.request, res.err)
			}
		}
		if len(wins[one.ID]) != 1 || len(wins[three.ID]) != 3 {
			t.Fatalf("winners: %d of the one-expert request, %d of the three-expert request", len(wins[one.ID]), len(wins[three.ID]))
		}
		engs, err := d.s.EngagementsByRequests(d.ctx, []int64{one.ID, three.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(engs[one.ID]) != 1 || engs[one.ID][0].ExpertID != wins[one.ID][0] || len(engs[three.ID]) != 3 {
			t.Fatalf("engagements stored: %d and %d", len(engs[one.ID]), len(engs[three.ID]))
		}
		for _, r := range []*dispatch.Request{one, three} {
			got := d.request(r.ID)
			accepted := 0
			for _, e := range d.history(r.ID) {
				if e.To == dispatch.Accepted {
					accepted++
				}
			}
			if got.Status != dispatch.Accepted || accepted != 1 {
				t.Fatalf("request %d: %s with %d ACCEPTED events", r.ID, got.Status, accepted)
			}
		}
	})
}

// One expert with twenty accepted engagements is scheduled into twenty
// overlapping slots at the same moment: exactly one wins, the rest are
// DOUBLE_BOOKED, and the database never holds two overlapping slots of the
// expert. Then twenty disjoint slots scheduled at once all succeed.
func TestConcurrentSchedulingNeverDoubleBooks(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		const n = 20
		e := d.expert("忙碌的专家", talent.SeniorLecturer, func(e *talent.Expert) { e.MaxEngagementsPerMonth = 60 })
		engs := make([]*dispatch.Engagement, n)
		for i := range engs {
			r := d.submit(nil)
			eng, err := d.s.ClaimRequest(d.ctx, r.ID, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			engs[i] = eng
		}
		schedule := func(slot func(i int) time.Time) []error {
			errs := make([]error, n)
			start := make(chan struct{})
			var wg sync.WaitGroup
			for i, eng := range engs {
				wg.Add(1)
				go func(i int, id int64) {
					defer wg.Done()
					<-start
					_, errs[i] = d.s.ScheduleEngagement(d.ctx, store.ScheduleInput{EngagementID: id, StartsAt: slot(i)})
				}(i, eng.ID)
			}
			close(start)
			wg.Wait()
			return errs
		}
		// 90-minute talks starting two minutes apart: every pair overlaps.
		began := time.Now()
		errs := schedule(func(i int) time.Time { return at("2026-05-21", 9, 2*i) })
		t.Logf("%d concurrent overlapping schedulings in %v", n, time.Since(began))
		ok, booked := 0, 0
		for i, err := range errs {
			switch talent.ErrorCode(err) {
			case "":
				ok++
			case dispatch.CodeDoubleBooked:
				booked++
			default:
				t.Errorf("slot %d: %v", i, err)
			}
		}
		if ok != 1 || booked != n-1 {
			t.Fatalf("overlapping: %d scheduled, %d DOUBLE_BOOKED; want 1 and %d", ok, booked, n-1)
		}
		assertNoOverlap(t, d, e.ID, 1)
		// Two-hourly slots on the next days never overlap: all succeed,
		// including moving the one already scheduled.
		errs = schedule(func(i int) time.Time { return at("2026-05-22", 0, 0).Add(time.Duration(2*i) * time.Hour) })
		for i, err := range errs {
			if err != nil {
				t.Errorf("disjoint slot %d: %v", i, err)
			}
		}
		assertNoOverlap(t, d, e.ID, n)
	})
}

// assertNoOverlap reads the expert's slots straight from the database.
func assertNoOverlap(t *testing.T, d *dispatchEnv, expertID int64, want int) {
	t.Helper()
	hist, err := d.s.EngagementHistory(d.ctx, expertID, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var slots []*dispatch.Engagement
	for _, e := range hist {
		if e.Status == dispatch.EngagementScheduled {
			slots = append(slots, e)
		}
	}
	if len(slots) != want {
		t.Fatalf("%d scheduled engagements, want %d", len(slots), want)
	}
	for i, a := range slots {
		for _, b := range slots[i+1:] {
			if a.StartsAt.Before(*b.EndsAt) && b.StartsAt.Before(*a.EndsAt) {
				t.Fatalf("double booked: %v–%v and %v–%v", a.StartsAt, a.EndsAt, b.StartsAt, b.EndsAt)
			}
		}
	}
}

// The database itself refuses bookings that break the rules, whatever Go
// code (or a hand-written SQL statement) tries: this writes rows directly,
// bypassing every check in the store.
func TestDatabaseEnforcesBookingRules(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		e := d.expert("甲", talent.SeniorLecturer, func(e *talent.Expert) {
			e.MaxEngagementsPerMonth = 2
			e.Availability.Unavailable = []talent.DateRange{{From: "2026-06-01", To: "2026-06-03", Reason: "住院"}}
		})
		f := d.lecturer("乙")
		reqs := make([]*dispatch.Request, 6)
		for i := range reqs {
			reqs[i] = d.submit(nil)
		}
		db := d.s.DB()
		insert := func(r *dispatch.Request, expertID int64, status, month string, start, end *time.Time) error {
			now := fixedNow
			var s, en any
			if start != nil {
				s, en = start.UTC(), end.UTC()
			}
			_, err := db.Exec(db.Rebind(`INSERT INTO engagement (request_id, expert_id, source, registry, status, month, starts_at, ends_at,
				accepted_at, completed_on, created_at, updated_at) VALUES (?, ?, 'CLAIM', 'SENIOR_LECTURER', ?, ?, ?, ?, ?, ?, ?, ?)`),
				r.ID, expertID, status, month, s, en, now, nil, now, now)
			return err
		}
		slot := func(day string, h, m, minutes int) (*time.Time, *time.Time) {
			a := at(day, h, m)
			b := a.Add(time.Duration(minutes) * time.Minute)
			return &a, &b
		}
		expect := func(what string, err error, token string) {
			t.Helper()
			if token == "" {
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), token) {
				t.Fatalf("%s: want an error mentioning %s, got %v", what, token, err)
			}
		}
		s1, e1 := slot("2026-05-20", 9, 0, 90)
		expect("first booking", insert(reqs[0], e.ID, "SCHEDULED", "2026-05", s1, e1), "")
		s5, e5 := slot("2026-05-31", 23, 0, 120) // ends 01:00 on 1 June, an unavailable day
		expect("ending on an unavailable day", insert(reqs[2], e.ID, "SCHEDULED", "2026-05", s5, e5), "UNAVAILABLE")
		s2, e2 := slot("2026-05-20", 10, 0, 60)
		expect("overlapping booking", insert(reqs[1], e.ID, "SCHEDULED", "2026-05", s2, e2), "engagement_no_overlap")
		s3, e3 := slot("2026-05-20", 10, 30, 60)
		expect("back-to-back booking", insert(reqs[1], e.ID, "SCHEDULED", "2026-05", s3, e3), "")
		expect("third in May (cap 2)", insert(reqs[2], e.ID, "ACCEPTED", "2026-05", nil, nil), "MONTHLY_CAP")
		s4, e4 := slot("2026-06-02", 9, 0, 60)
		expect("unavailable day", insert(reqs[2], e.ID, "SCHEDULED", "2026-06", s4, e4), "UNAVAILABLE")
		expect("second expert on a one-expert request", insert(reqs[0], f.ID, "ACCEPTED", "2026-05", nil, nil), "TAKEN")
		s6, e6 := slot("2026-06-01", 1, 0, 60) // 1 June 01:00 China time is 31 May UTC
		expect("month not the China month of the start", insert(reqs[3], f.ID, "SCHEDULED", "2026-05", s6, e6), "engagement_month")
		expect("scheduled without a slot", insert(reqs[3], f.ID, "SCHEDULED", "2026-05", nil, nil), "engagement_has_slot")
		// Moving a booking onto another is refused too.
		_, err := db.Exec(db.Rebind(`UPDATE engagement SET starts_at = ?, ends_at = ? WHERE request_id = ?`), s2.UTC(), e2.UTC(), reqs[1].ID)
		expect("moving onto another booking", err, "engagement_no_overlap")
		// Cancelled bookings free the slot and the month.
		if _, err := db.Exec(db.Rebind(`UPDATE engagement SET status = 'CANCELLED' WHERE request_id = ?`), reqs[0].ID); err != nil {
			t.Fatal(err)
		}
		expect("the freed slot", insert(reqs[4], e.ID, "SCHEDULED", "2026-05", s1, e1), "")
		// Through the store the same refusals are user errors in Chinese.
		_, err = d.s.ClaimRequest(d.ctx, reqs[5].ID, e.ID)
		if talent.ErrorCode(err) != dispatch.CodeMonthlyCap || !strings.Contains(err.Error(), "已达每月上限2次") {
			t.Fatalf("claim over the cap: %v", err)
		}
	})
}

func TestMonthlyCapAndUnavailableThroughTheStore(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		e := d.expert("甲", talent.SeniorLecturer, func(e *talent.Expert) {
			e.MaxEngagementsPerMonth = 1
			e.Availability.Unavailable = []talent.DateRange{{From: "2026-06-10", To: "2026-06-12", Reason: "出差"}}
		})
		may1, may2 := d.submit(nil), d.submit(nil)
		june := d.submit(func(r *dispatch.Request) { r.WindowStart, r.WindowEnd = "2026-06-08", "2026-06-20" })
		blocked := d.submit(func(r *dispatch.Request) { r.WindowStart, r.WindowEnd = "2026-06-10", "2026-06-12" })
		if _, err := d.s.ClaimRequest(d.ctx, may1.ID, e.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := d.s.ClaimRequest(d.ctx, may2.ID, e.ID); talent.ErrorCode(err) != dispatch.CodeMonthlyCap {
			t.Fatalf("second in May: %v", err)
		}
		eng, err := d.s.ClaimRequest(d.ctx, june.ID, e.ID)
		if err != nil || eng.Month != "2026-06" {
			t.Fatalf("June: %+v %v", eng, err)
		}
		if _, err := d.s.ClaimRequest(d.ctx, blocked.ID, d.lecturer("乙").ID); err != nil {
			t.Fatal(err)
		}
		if _, err := d.s.ScheduleEngagement(d.ctx, store.ScheduleInput{EngagementID: eng.ID, StartsAt: at("2026-05-28", 9, 0)}); talent.ErrorCode(err) != dispatch.CodeMonthlyCap {
			t.Fatalf("moving into a full May: %v", err)
		}
		_, err = d.s.ScheduleEngagement(d.ctx, store.ScheduleInput{EngagementID: eng.ID, StartsAt: at("2026-06-11", 9, 0)})
		if talent.ErrorCode(err) != dispatch.CodeUnavailable || !strings.Contains(err.Error(), "出差") {
			t.Fatalf("unavailable day: %v", err)
		}
		if _, err := d.s.ScheduleEngagement(d.ctx, store.ScheduleInput{EngagementID: eng.ID, StartsAt: at("2026-06-15", 9, 0)}); err != nil {
			t.Fatal(err)
		}
		// A whole window of unavailable days cannot be accepted.
		other := d.submit(func(r *dispatch.Request) { r.WindowStart, r.WindowEnd = "2026-06-10", "2026-06-12" })
		if _, err := d.s.ClaimRequest(d.ctx, other.ID, e.ID); talent.ErrorCode(err) != dispatch.CodeUnavailable {
			t.Fatalf("unavailable window: %v", err)
		}
		counts, err := d.s.MatchFactsByExperts(d.ctx, []int64{e.ID}, at("2026-06-30", 23, 0))
		if err != nil || counts[e.ID].BookedThisMonth != 1 {
			t.Fatalf("June count: %v %v", counts, err)
		}
	})
}

func TestEmergencyCallOut(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		emergency := func(name, township string, cat talent.EmergencyCategory, onCall bool) *talent.Expert {
			return d.expert(name, talent.EmergencyExpert, func(e *talent.Expert) {
				e.Township, e.EmergencyCategories, e.OnCall = township, []talent.EmergencyCategory{cat}, onCall
			})
		}
		seat := emergency("县城专家", "浮梁镇", talent.Flood, true)
		near := emergency("湘湖专家", "湘湖镇", talent.Flood, true)     // ≈13 km
		west := emergency("寿安专家", "寿安镇", talent.Flood, true)     // ≈15 km
		far := emergency("西湖专家", "西湖乡", talent.Flood, true)      // ≈42 km
		resting := emergency("休班专家", "浮梁镇", talent.Flood, false) // not on call
		fire := emergency("消防专家", "浮梁镇", talent.Fire, true)      // other category
		_ = []*talent.Expert{far, resting, fire}

		r := d.submit(func(r *dispatch.Request) {
			r.Kind, r.EmergencyCategory, r.Title = dispatch.Emergency, talent.Flood, "圩堤险情科普疏导"
			r.WindowStart, r.WindowEnd, r.Audience = "2026-05-10", "2026-05-11", talent.Public
		})
		after, invs, err := d.s.EmergencyCallOut(d.ctx, store.CallOutInput{RequestID: r.ID, ExpertsNeeded: 2})
		if err != nil {
			t.Fatal(err)
		}
		var called []int64
		for _, inv := range invs {
			if !inv.CallOut || !inv.ExpiresAt.Equal(fixedNow.Add(30*time.Minute)) {
				t.Fatalf("invitation %+v", inv)
			}
			called = append(called, inv.ExpertID)
		}
		if fmt.Sprint(called) != fmt.Sprint([]int64{seat.ID, near.ID, west.ID}) || after.ExpertsNeeded != 2 || after.Status != dispatch.Dispatched {
			t.Fatalf("called %v (want %v), request %+v", called, []int64{seat.ID, near.ID, west.ID}, after)
		}
		if ns := d.notices(store.NotificationFilter{RequestID: r.ID, Kinds: []dispatch.Notice{dispatch.NoticeCallOut}}); len(ns) != 3 ||
			!strings.Contains(ns[0].Body, "防汛抗洪") {
			t.Fatalf("call-out notices: %s", kindsOf(ns))
		}
		byExpert := map[int64]*dispatch.Invitation{}
		for _, inv := range invs {
			byExpert[inv.ExpertID] = inv
		}
		if _, err := d.s.AcceptInvitation(d.ctx, byExpert[west.ID].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := d.s.AcceptInvitation(d.ctx, byExpert[seat.ID].ID); err != nil {
			t.Fatal(err)
		}
		if got := d.request(r.ID); got.Status != dispatch.Accepted {
			t.Fatalf("two of two taken: %s", got.Status)
		}
		if _, err := d.s.AcceptInvitation(d.ctx, byExpert[near.ID].ID); talent.ErrorCode(err) != dispatch.CodeTaken {
			t.Fatalf("third to answer: want TAKEN, got %v", err)
		}
		all, _ := d.s.InvitationsByRequests(d.ctx, []int64{r.ID})
		for _, inv := range all[r.ID] {
			if inv.ExpertID == near.ID && inv.Status != dispatch.InvitationFilled {
				t.Fatalf("the late expert's invitation is %s, want FILLED", inv.Status)
			}
		}
		filled := d.notices(store.NotificationFilter{RequestID: r.ID, Kinds: []dispatch.Notice{dispatch.NoticeFilled}})
		if len(filled) != 1 || filled[0].ExpertID != near.ID {
			t.Fatalf("filled notices: %+v", filled)
		}
		// Calling out again finds nobody; a school request cannot be called out.
		if _, _, err := d.s.EmergencyCallOut(d.ctx, store.CallOutInput{RequestID: d.submit(nil).ID}); talent.ErrorCode(err) != talent.CodeInvalid {
			t.Fatalf("call-out of a school request: %v", err)
		}
		quake := d.submit(func(r *dispatch.Request) {
			r.Kind, r.EmergencyCategory, r.WindowStart, r.WindowEnd = dispatch.Emergency, talent.Earthquake, "2026-05-10", "2026-05-10"
		})
		if _, _, err := d.s.EmergencyCallOut(d.ctx, store.CallOutInput{RequestID: quake.ID}); talent.ErrorCode(err) != talent.CodeNotFound {
			t.Fatalf("nobody on call: %v", err)
		}
		// A wider reach includes the far expert.
		wide := d.submit(func(r *dispatch.Request) {
			r.Kind, r.EmergencyCategory, r.WindowStart, r.WindowEnd = dispatch.Emergency, talent.Flood, "2026-05-10", "2026-05-10"
		})
		_, invs, err = d.s.EmergencyCallOut(d.ctx, store.CallOutInput{RequestID: wide.ID, ReachKm: 60})
		if err != nil || len(invs) != 4 {
			t.Fatalf("wide call-out: %d invited (%v)", len(invs), err)
		}
	})
}

func TestOpenRequestsAndClaimFit(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		lect := d.lecturer("老专家")
		if _, err := d.s.ChangeMembershipStatus(d.ctx, store.StatusChangeRequest{ExpertID: lect.ID, Registry: talent.SeniorLecturer,
			To: talent.StatusSuspended, Reason: "暂停"}); err != nil {
			t.Fatal(err)
		}
		if _, err := d.s.ChangeMembershipStatus(d.ctx, store.StatusChangeRequest{ExpertID: lect.ID, Registry: talent.SeniorLecturer,
			To: talent.StatusAdmitted}); err != nil {
			t.Fatal(err)
		}
		envoy := d.expert("特派员", talent.ScienceEnvoy, nil)
		near := d.submit(nil)
		far := d.submit(func(r *dispatch.Request) { r.Township = "西湖乡" })
		village := d.submit(func(r *dispatch.Request) { r.Kind, r.Audience = dispatch.Village, talent.Farmers })
		full := d.submit(nil)
		if _, err := d.s.ClaimRequest(d.ctx, full.ID, d.lecturer("抢先者").ID); err != nil {
			t.Fatal(err)
		}
		ids := func(rs []*dispatch.Request) []int64 {
			out := []int64{}
			for _, r := range rs {
				out = append(out, r.ID)
			}
			return out
		}
		got, err := d.s.OpenRequestsFor(d.ctx, lect.ID, 50)
		if err != nil || fmt.Sprint(ids(got)) != fmt.Sprint([]int64{near.ID, far.ID, village.ID}) {
			t.Fatalf("lecturer sees %v (%v)", ids(got), err)
		}
		got, _ = d.s.OpenRequestsFor(d.ctx, envoy.ID, 50)
		if fmt.Sprint(ids(got)) != fmt.Sprint([]int64{village.ID}) {
			t.Fatalf("envoy sees %v", ids(got))
		}
		if _, err := d.s.ClaimRequest(d.ctx, near.ID, envoy.ID); talent.ErrorCode(err) != dispatch.CodeNotQualified {
			t.Fatalf("envoy claiming a school talk: %v", err)
		}
		// A travel limit keeps far requests off the lecturer's list, and
		// the claim is refused; an officer may still invite.
		if _, err := d.s.DB().Exec(d.s.DB().Rebind(`UPDATE membership SET travel_max_km = 20 WHERE expert_id = ?`), lect.ID); err != nil {
			t.Fatal(err)
		}
		got, _ = d.s.OpenRequestsFor(d.ctx, lect.ID, 50)
		if fmt.Sprint(ids(got)) != fmt.Sprint([]int64{near.ID, village.ID}) {
			t.Fatalf("with a travel limit: %v", ids(got))
		}
		if _, err := d.s.ClaimRequest(d.ctx, far.ID, lect.ID); talent.ErrorCode(err) != dispatch.CodeTooFar {
			t.Fatalf("far claim: %v", err)
		}
		d.invite(far, lect)
		if _, err := d.s.ClaimRequest(d.ctx, near.ID, lect.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := d.s.ClaimRequest(d.ctx, near.ID, lect.ID); talent.ErrorCode(err) != dispatch.CodeTaken {
			t.Fatalf("claiming twice: %v", err)
		}
	})
}

func TestRemindersOnceAndAgainAfterRescheduling(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		e := d.lecturer("甲")
		r := d.submit(nil)
		eng, err := d.s.ClaimRequest(d.ctx, r.ID, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.s.ScheduleEngagement(d.ctx, store.ScheduleInput{EngagementID: eng.ID, StartsAt: at("2026-05-20", 9, 0)}); err != nil {
			t.Fatal(err)
		}
		if n, err := d.s.SendReminders(d.ctx, 24*time.Hour, 10); err != nil || n != 0 {
			t.Fatalf("10 days ahead: reminded %d (%v)", n, err)
		}
		d.clock.Set(at("2026-05-19", 10, 0))
		if n, err := d.s.SendReminders(d.ctx, 24*time.Hour, 10); err != nil || n != 1 {
			t.Fatalf("23 hours ahead: reminded %d (%v)", n, err)
		}
		if n, _ := d.s.SendReminders(d.ctx, 24*time.Hour, 10); n != 0 {
			t.Fatalf("reminded twice: %d", n)
		}
		ns := d.notices(store.NotificationFilter{RequestID: r.ID, Kinds: []dispatch.Notice{dispatch.NoticeReminder}})
		if kindsOf(ns) != "REMINDER:EXPERT REMINDER:REQUESTER" || !strings.Contains(ns[0].Body, "2026年5月20日 09:00") {
			t.Fatalf("reminders: %s %q", kindsOf(ns), ns[0].Body)
		}
		if _, err := d.s.ScheduleEngagement(d.ctx, store.ScheduleInput{EngagementID: eng.ID, StartsAt: at("2026-05-19", 16, 0)}); err != nil {
			t.Fatal(err)
		}
		if n, _ := d.s.SendReminders(d.ctx, 24*time.Hour, 10); n != 1 {
			t.Fatalf("rescheduled: reminded %d, want 1", n)
		}
	})
}

func TestRatingsForTheMatcher(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		a, b, c := d.lecturer("甲"), d.lecturer("乙"), d.lecturer("丙")
		rate := func(e *talent.Expert, day string, stars int) {
			t.Helper()
			r := d.submit(nil)
			eng, err := d.s.ClaimRequest(d.ctx, r.ID, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := d.s.ScheduleEngagement(d.ctx, store.ScheduleInput{EngagementID: eng.ID, StartsAt: at(day, 9, 0)}); err != nil {
				t.Fatal(err)
			}
			saved := d.clock.Now()
			d.clock.Set(at("2026-05-30", 9, 0))
			if _, err := d.s.CompleteEngagement(d.ctx, eng.ID, dispatch.Completion{Date: day, Attendees: 10}); err != nil {
				t.Fatal(err)
			}
			if stars > 0 {
				if _, err := d.s.RateEngagement(d.ctx, eng.ID, stars, ""); err != nil {
					t.Fatal(err)
				}
			}
			d.clock.Set(saved)
		}
		rate(a, "2026-05-20", 5)
		rate(a, "2026-05-21", 4)
		rate(a, "2026-05-22", 0) // completed, not rated
		rate(b, "2026-05-20", 3)
		// The matcher reads ratings and this month's bookings in one query,
		// with a stamp that moves with every write to the profile or its
		// memberships.
		facts, err := d.s.MatchFactsByExperts(d.ctx, []int64{a.ID, b.ID, c.ID, 999999}, at("2026-05-01", 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		if f := facts[a.ID]; f.RatingCount != 2 || f.RatingTotal != 9 || f.BookedThisMonth != 3 || f.Memberships != 1 {
			t.Errorf("facts of a: %+v", f)
		}
		if f := facts[b.ID]; f.RatingCount != 1 || f.RatingTotal != 3 || f.BookedThisMonth != 1 {
			t.Errorf("facts of b: %+v", f)
		}
		if f := facts[c.ID]; f.RatingCount != 0 || f.BookedThisMonth != 0 || f.Version != c.Version {
			t.Errorf("facts of c: %+v", f)
		}
		if _, ok := facts[999999]; ok || len(facts) != 3 {
			t.Errorf("facts for a missing expert: %+v", facts)
		}
		june, err := d.s.MatchFactsByExperts(d.ctx, []int64{a.ID}, at("2026-06-01", 0, 0))
		if err != nil || june[a.ID].BookedThisMonth != 0 {
			t.Errorf("facts of a in June: %+v %v", june[a.ID], err)
		}
		stampOf := func() store.ProfileStamp {
			t.Helper()
			f, err := d.s.MatchFactsByExperts(d.ctx, []int64{c.ID}, at("2026-05-01", 0, 0))
			if err != nil {
				t.Fatal(err)
			}
			return f[c.ID].Stamp()
		}
		before := stampOf()
		ms, err := d.s.MembershipsByExperts(d.ctx, []int64{c.ID})
		if err != nil || len(ms[c.ID]) != 1 {
			t.Fatalf("memberships of c: %v %v", ms, err)
		}
		if before != store.ProfileStampOf(c, ms[c.ID]) {
			t.Errorf("stamp from the database %+v, from the loaded profile %+v", before, store.ProfileStampOf(c, ms[c.ID]))
		}
		if _, err := d.s.ChangeMembershipStatus(d.ctx, store.StatusChangeRequest{ExpertID: c.ID, Registry: ms[c.ID][0].Registry, To: talent.StatusSuspended, Reason: "测试"}); err != nil {
			t.Fatal(err)
		}
		afterMembership := stampOf()
		if afterMembership == before {
			t.Error("a membership change left the stamp as it was")
		}
		if _, err := d.s.UpdateExpert(d.ctx, c.ID, c.Version, func(e *talent.Expert) error { e.Bio = "新简介"; return nil }); err != nil {
			t.Fatal(err)
		}
		if stampOf() == afterMembership {
			t.Error("a profile change left the stamp as it was")
		}
	})
}

// The database's rules hold when writers race with no help from the store
// (no row locks taken in Go, no checks in Go): twenty raw inserts of
// overlapping slots for one expert, and twenty raw claims of a one-expert
// request, each in its own transaction, all at once — exactly one of each
// gets in.
func TestDatabaseRulesHoldUnderConcurrentRawWrites(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		const n = 20
		busy := d.expert("忙碌", talent.SeniorLecturer, func(e *talent.Expert) { e.MaxEngagementsPerMonth = 60 })
		single := d.submit(nil)
		others := make([]*talent.Expert, n)
		reqs := make([]*dispatch.Request, n)
		for i := range reqs {
			reqs[i] = d.submit(nil)
			others[i] = d.lecturer(fmt.Sprintf("乙%d", i))
		}
		db := d.s.DB()
		insert := db.Rebind(`INSERT INTO engagement (request_id, expert_id, source, registry, status, month, starts_at, ends_at,
			accepted_at, created_at, updated_at) VALUES (?, ?, 'CLAIM', 'SENIOR_LECTURER', ?, '2026-05', ?, ?, ?, ?, ?)`)
		race := func(write func(i int) error) (ok int, errs []error) {
			var mu sync.Mutex
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := 0; i < n; i++ {
				wg.Add(1)
				go func(i int) {
					defer wg.Done()
					<-start
					err := write(i)
					mu.Lock()
					defer mu.Unlock()
					if err == nil {
						ok++
					} else {
						errs = append(errs, err)
					}
				}(i)
			}
			close(start)
			wg.Wait()
			return ok, errs
		}
		now := fixedNow
		ok, errs := race(func(i int) error {
			s := at("2026-05-21", 9, i).UTC()
			_, err := db.Exec(insert, reqs[i].ID, busy.ID, "SCHEDULED", s, s.Add(time.Hour), now, now, now)
			return err
		})
		if ok != 1 {
			t.Fatalf("overlapping raw inserts: %d succeeded, want 1 (%v)", ok, errs)
		}
		for _, err := range errs {
			if !strings.Contains(err.Error(), "engagement_no_overlap") {
				t.Fatalf("unexpected refusal: %v", err)
			}
		}
		ok, errs = race(func(i int) error {
			_, err := db.Exec(insert, single.ID, others[i].ID, "ACCEPTED", nil, nil, now, now, now)
			return err
		})
		if ok != 1 {
			t.Fatalf("raw claims of a one-expert request: %d succeeded, want 1 (%v)", ok, errs)
		}
		for _, err := range errs {
			if !strings.Contains(err.Error(), "TAKEN") {
				t.Fatalf("unexpected refusal: %v", err)
			}
		}
	})
}
