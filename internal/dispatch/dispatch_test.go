package dispatch_test

import (
	"strings"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/talent"
)

var allStatuses = []dispatch.Status{dispatch.Submitted, dispatch.Dispatched, dispatch.Accepted, dispatch.Scheduled,
	dispatch.Completed, dispatch.Rated, dispatch.Cancelled, dispatch.Expired}

var allActions = []dispatch.Action{dispatch.ActInvite, dispatch.ActAutoPick, dispatch.ActCallOut, dispatch.ActAccept,
	dispatch.ActClaim, dispatch.ActRelease, dispatch.ActSchedule, dispatch.ActComplete, dispatch.ActRate,
	dispatch.ActCancel, dispatch.ActExpire}

// Every action from every status either lands on a status the table allows
// (or stays put) or is refused with a user error that names the current
// status and the allowed ones, whatever the facts.
func TestApplyNeverLeavesTheTable(t *testing.T) {
	facts := []dispatch.Facts{
		{ExpertsNeeded: 1},
		{ExpertsNeeded: 1, Engaged: 1},
		{ExpertsNeeded: 1, Live: 2},
		{ExpertsNeeded: 3, Engaged: 1, Live: 1},
		{ExpertsNeeded: 2, Engaged: 2, Unscheduled: 1},
		{ExpertsNeeded: 2, Engaged: 2, Uncompleted: 1},
		{ExpertsNeeded: 2, Engaged: 2, Unrated: 1},
	}
	for _, a := range allActions {
		for _, from := range allStatuses {
			for _, f := range facts {
				to, err := dispatch.Apply(a, from, f)
				if err != nil {
					code := talent.ErrorCode(err)
					if code != talent.CodeInvalidTransition && code != dispatch.CodeTaken {
						t.Fatalf("%s from %s: unexpected error %v", a, from, err)
					}
					msg := err.Error()
					if !strings.Contains(msg, talent.Label(dispatch.Statuses, string(from))) {
						t.Errorf("%s from %s: message does not name the current status: %s", a, from, msg)
					}
					if code == talent.CodeInvalidTransition && !strings.Contains(msg, "可变为") {
						t.Errorf("%s from %s: message does not list the allowed statuses: %s", a, from, msg)
					}
					if to != from {
						t.Errorf("%s from %s: refused but moved to %s", a, from, to)
					}
					continue
				}
				if to != from && !dispatch.CanTransition(from, to) {
					t.Errorf("%s from %s with %+v reached %s outside the table", a, from, f, to)
				}
			}
		}
	}
}

func TestApplyOutcomes(t *testing.T) {
	cases := []struct {
		a    dispatch.Action
		from dispatch.Status
		f    dispatch.Facts
		want dispatch.Status
	}{
		{dispatch.ActInvite, dispatch.Submitted, dispatch.Facts{ExpertsNeeded: 1, Live: 3}, dispatch.Dispatched},
		{dispatch.ActAccept, dispatch.Dispatched, dispatch.Facts{ExpertsNeeded: 1, Engaged: 1}, dispatch.Accepted},
		{dispatch.ActAccept, dispatch.Dispatched, dispatch.Facts{ExpertsNeeded: 3, Engaged: 1, Live: 4}, dispatch.Dispatched},
		{dispatch.ActClaim, dispatch.Submitted, dispatch.Facts{ExpertsNeeded: 1, Engaged: 1}, dispatch.Accepted},
		{dispatch.ActClaim, dispatch.Submitted, dispatch.Facts{ExpertsNeeded: 2, Engaged: 1}, dispatch.Submitted},
		// The last live invitation declined: back to dispatch.
		{dispatch.ActRelease, dispatch.Dispatched, dispatch.Facts{ExpertsNeeded: 1}, dispatch.Submitted},
		{dispatch.ActRelease, dispatch.Dispatched, dispatch.Facts{ExpertsNeeded: 1, Live: 1}, dispatch.Dispatched},
		{dispatch.ActSchedule, dispatch.Accepted, dispatch.Facts{ExpertsNeeded: 2, Engaged: 2, Unscheduled: 1}, dispatch.Accepted},
		{dispatch.ActSchedule, dispatch.Accepted, dispatch.Facts{ExpertsNeeded: 2, Engaged: 2}, dispatch.Scheduled},
		{dispatch.ActSchedule, dispatch.Scheduled, dispatch.Facts{ExpertsNeeded: 1, Engaged: 1}, dispatch.Scheduled},
		{dispatch.ActComplete, dispatch.Scheduled, dispatch.Facts{Engaged: 1}, dispatch.Completed},
		{dispatch.ActRate, dispatch.Completed, dispatch.Facts{Engaged: 2, Unrated: 1}, dispatch.Completed},
		{dispatch.ActRate, dispatch.Completed, dispatch.Facts{Engaged: 2}, dispatch.Rated},
		{dispatch.ActExpire, dispatch.Dispatched, dispatch.Facts{ExpertsNeeded: 1, Live: 1}, dispatch.Expired},
		// Some but not all of a call-out's experts: go ahead with them.
		{dispatch.ActExpire, dispatch.Dispatched, dispatch.Facts{ExpertsNeeded: 3, Engaged: 2}, dispatch.Accepted},
		{dispatch.ActCancel, dispatch.Scheduled, dispatch.Facts{}, dispatch.Cancelled},
	}
	for _, c := range cases {
		got, err := dispatch.Apply(c.a, c.from, c.f)
		if err != nil || got != c.want {
			t.Errorf("%s from %s with %+v: got %s (%v), want %s", c.a, c.from, c.f, got, err, c.want)
		}
	}
	_, err := dispatch.Apply(dispatch.ActClaim, dispatch.Accepted, dispatch.Facts{})
	if talent.ErrorCode(err) != dispatch.CodeTaken {
		t.Errorf("claim of an accepted request: want TAKEN, got %v", err)
	}
	_, err = dispatch.Apply(dispatch.ActCancel, dispatch.Completed, dispatch.Facts{})
	if talent.ErrorCode(err) != talent.CodeInvalidTransition ||
		!strings.Contains(err.Error(), "已完成") || !strings.Contains(err.Error(), "已取消") || !strings.Contains(err.Error(), "已评价（RATED）") {
		t.Errorf("cancel of a completed request: %v", err)
	}
	_, err = dispatch.Apply(dispatch.ActInvite, dispatch.Expired, dispatch.Facts{})
	if err == nil || !strings.Contains(err.Error(), "无（已是最终状态）") {
		t.Errorf("invite on an expired request: %v", err)
	}
}

func validRequest() *dispatch.Request {
	return &dispatch.Request{
		Kind: dispatch.School, OrganizationID: 1, ContactName: "王老师", ContactPhone: "13900001111",
		Title: "小学科普讲座", Township: "浮梁", Audience: talent.PrimarySchool, Headcount: 200,
		WindowStart: "2026-05-20", WindowEnd: "2026-05-30",
	}
}

func TestValidateRequest(t *testing.T) {
	now := time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC)
	r := validRequest()
	dispatch.NormalizeRequest(r)
	if err := dispatch.ValidateRequest(r, now); err != nil {
		t.Fatal(err)
	}
	if r.Township != talent.CountySeat || r.DurationMinutes != dispatch.DefaultDuration || r.ExpertsNeeded != 1 {
		t.Fatalf("not normalised: %+v", r)
	}
	cases := map[string]struct {
		mut  func(r *dispatch.Request)
		code talent.Code
	}{
		"kind":               {func(r *dispatch.Request) { r.Kind = "PARTY" }, talent.CodeInvalid},
		"no org":             {func(r *dispatch.Request) { r.OrganizationID = 0 }, talent.CodeRequired},
		"no contact":         {func(r *dispatch.Request) { r.ContactName = "" }, talent.CodeRequired},
		"bad phone":          {func(r *dispatch.Request) { r.ContactPhone = "123" }, talent.CodeInvalid},
		"no title":           {func(r *dispatch.Request) { r.Title = "" }, talent.CodeRequired},
		"township":           {func(r *dispatch.Request) { r.Township = "火星镇" }, talent.CodeUnknownTownship},
		"window order":       {func(r *dispatch.Request) { r.WindowEnd = "2026-05-19" }, talent.CodeInvalid},
		"window past":        {func(r *dispatch.Request) { r.WindowStart = "2026-05-09" }, talent.CodeInvalid},
		"duration":           {func(r *dispatch.Request) { r.DurationMinutes = 5 }, talent.CodeOutOfRange},
		"emergency category": {func(r *dispatch.Request) { r.Kind = dispatch.Emergency }, talent.CodeCategoryRequired},
		"stray category":     {func(r *dispatch.Request) { r.EmergencyCategory = talent.Flood }, talent.CodeInvalid},
		"experts needed":     {func(r *dispatch.Request) { r.ExpertsNeeded = 21 }, talent.CodeOutOfRange},
	}
	for name, c := range cases {
		r := validRequest()
		dispatch.NormalizeRequest(r)
		c.mut(r)
		if got := talent.ErrorCode(dispatch.ValidateRequest(r, now)); got != c.code {
			t.Errorf("%s: got %s, want %s", name, got, c.code)
		}
	}
	// Today in China is already the 11th at 17:00 UTC on the 10th.
	late := time.Date(2026, 5, 10, 17, 0, 0, 0, time.UTC)
	r = validRequest()
	r.WindowStart = "2026-05-10"
	dispatch.NormalizeRequest(r)
	if talent.ErrorCode(dispatch.ValidateRequest(r, late)) != talent.CodeInvalid {
		t.Error("a window starting yesterday (China time) was accepted")
	}
}

func TestDeadlineIsEndOfDayInChina(t *testing.T) {
	d, err := dispatch.DeadlineOf("2026-05-30")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 5, 30, 16, 0, 0, 0, time.UTC); !d.Equal(want) {
		t.Fatalf("deadline %v, want %v", d, want)
	}
	if m := dispatch.Month(time.Date(2026, 5, 31, 17, 0, 0, 0, time.UTC)); m != "2026-06" {
		t.Fatalf("month of 1 June 01:00 China time: %s", m)
	}
}

func member(reg talent.Registry, st talent.MembershipStatus) *talent.Membership {
	return &talent.Membership{Registry: reg, Status: st}
}

func TestQualifyAndFit(t *testing.T) {
	school := validRequest()
	dispatch.NormalizeRequest(school)
	lecturer := &talent.Expert{Name: "老专家", Township: "360222206"} // 西湖乡, far north
	ms := []*talent.Membership{member(talent.SeniorLecturer, talent.StatusAdmitted)}
	if reg, err := dispatch.Qualify(school, lecturer, ms); err != nil || reg != talent.SeniorLecturer {
		t.Fatalf("lecturer for a school: %s %v", reg, err)
	}
	if _, err := dispatch.Qualify(school, lecturer, []*talent.Membership{member(talent.SeniorLecturer, talent.StatusNominated)}); talent.ErrorCode(err) != dispatch.CodeNotQualified {
		t.Fatalf("nominated only: %v", err)
	}
	// An officer may invite an admitted member of any roster to a school
	// talk (the emergency team's fire-safety talk), booked under that
	// roster; the expert may not claim it.
	emOnly := []*talent.Membership{member(talent.EmergencyExpert, talent.StatusAdmitted)}
	if reg, err := dispatch.Qualify(school, lecturer, emOnly); err != nil || reg != talent.EmergencyExpert {
		t.Fatalf("emergency expert invited to a school: %s %v", reg, err)
	}
	if _, err := dispatch.Fits(school, lecturer, emOnly); talent.ErrorCode(err) != dispatch.CodeNotQualified {
		t.Fatalf("emergency expert claiming a school talk: %v", err)
	}
	both := []*talent.Membership{member(talent.EmergencyExpert, talent.StatusAdmitted), member(talent.YouthTalent, talent.StatusAdmitted)}
	if reg, err := dispatch.Qualify(school, lecturer, both); err != nil || reg != talent.YouthTalent {
		t.Fatalf("a serving roster is preferred for the booking: %s %v", reg, err)
	}
	ms[0].TravelMaxKm = 10
	if _, err := dispatch.Fits(school, lecturer, ms); talent.ErrorCode(err) != dispatch.CodeTooFar {
		t.Fatalf("travel limit: %v", err)
	}
	ms[0].TravelMaxKm = 0
	lecturer.Audiences = []talent.Audience{talent.Elderly}
	if _, err := dispatch.Fits(school, lecturer, ms); talent.ErrorCode(err) != dispatch.CodeAudience {
		t.Fatalf("audience: %v", err)
	}
	lecturer.LectureTopics = []talent.LectureTopic{{Title: "x", Audiences: []talent.Audience{talent.PrimarySchool}}}
	if _, err := dispatch.Fits(school, lecturer, ms); err != nil {
		t.Fatalf("topic audience should count: %v", err)
	}

	flood := validRequest()
	flood.Kind, flood.EmergencyCategory = dispatch.Emergency, talent.Flood
	em := &talent.Expert{Name: "应急", Township: talent.CountySeat, EmergencyCategories: []talent.EmergencyCategory{talent.Fire}}
	ems := []*talent.Membership{member(talent.EmergencyExpert, talent.StatusAdmitted)}
	if _, err := dispatch.Qualify(flood, em, ems); talent.ErrorCode(err) != dispatch.CodeNotQualified {
		t.Fatalf("wrong category: %v", err)
	}
	em.EmergencyCategories = append(em.EmergencyCategories, talent.Flood)
	if reg, err := dispatch.Qualify(flood, em, ems); err != nil || reg != talent.EmergencyExpert {
		t.Fatalf("right category: %s %v", reg, err)
	}
	if !dispatch.WithinReach(em, "360222107", 40) || dispatch.WithinReach(em, "360222206", 20) {
		t.Fatal("reach")
	}
	if got := dispatch.KindsFor(ems); len(got) != 1 || got[0] != dispatch.Emergency {
		t.Fatalf("kinds for an emergency expert: %v", got)
	}
}

func TestUnavailableAndCap(t *testing.T) {
	e := &talent.Expert{Name: "甲", MaxEngagementsPerMonth: 2,
		Availability: talent.Availability{Unavailable: []talent.DateRange{{From: "2026-06-01", To: "2026-06-03", Reason: "出差"}}}}
	at := func(day string, h int) time.Time {
		d, _ := dispatch.ParseDay(day)
		return d.Add(time.Duration(h) * time.Hour)
	}
	if err := dispatch.CheckUnavailable(e, at("2026-06-02", 9), at("2026-06-02", 11)); talent.ErrorCode(err) != dispatch.CodeUnavailable {
		t.Fatalf("inside the range: %v", err)
	}
	// Ending at midnight does not touch the next day.
	if err := dispatch.CheckUnavailable(e, at("2026-05-31", 22), at("2026-06-01", 0)); err != nil {
		t.Fatalf("ending at midnight: %v", err)
	}
	if err := dispatch.CheckUnavailable(e, at("2026-06-04", 9), at("2026-06-04", 11)); err != nil {
		t.Fatalf("after the range: %v", err)
	}
	r := &dispatch.Request{WindowStart: "2026-06-01", WindowEnd: "2026-06-03"}
	if err := dispatch.CheckWindowAvailable(e, r); talent.ErrorCode(err) != dispatch.CodeUnavailable {
		t.Fatalf("whole window unavailable: %v", err)
	}
	r.WindowEnd = "2026-06-04"
	if err := dispatch.CheckWindowAvailable(e, r); err != nil {
		t.Fatalf("one free day: %v", err)
	}
	if dispatch.CheckMonthlyCap(e, "2026-06", 1) != nil || talent.ErrorCode(dispatch.CheckMonthlyCap(e, "2026-06", 2)) != dispatch.CodeMonthlyCap {
		t.Fatal("monthly cap")
	}
	if err := dispatch.CheckMonthlyCap(e, "2026-06", 2); !strings.Contains(err.Error(), "2026年6月") {
		t.Fatalf("cap message: %v", err)
	}
}

func TestParseAutoInvite(t *testing.T) {
	got, err := dispatch.ParseAutoInvite(" SCHOOL=3, 村=2 ,")
	if err != nil || got[dispatch.School] != 3 || got[dispatch.Village] != 2 || len(got) != 2 {
		t.Fatalf("%v %v", got, err)
	}
	if got, err := dispatch.ParseAutoInvite(""); err != nil || len(got) != 0 {
		t.Fatalf("empty: %v %v", got, err)
	}
	for _, bad := range []string{"SCHOOL", "PARTY=2", "SCHOOL=x", "SCHOOL=-1"} {
		if _, err := dispatch.ParseAutoInvite(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
