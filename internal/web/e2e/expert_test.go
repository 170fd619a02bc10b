package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
)

// TestExpertPages drives the expert's own pages (expert.mjs): claiming an
// open request, the service history, and the profile with its contact
// data, topics, availability, on-call switch, consent and data export. The
// store is then asked what the browser did.
func TestExpertPages(t *testing.T) {
	f := start(t)
	ctx := context.Background()
	st := f.st

	// A second school with three requests: one that fits the lecturer, one
	// for an audience he does not serve, and one he has already delivered.
	org, err := st.CreateOrganization(ctx, &talent.Organization{Kind: talent.OrgSchool, Name: "浮梁县第二小学", Township: "浮梁镇"})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	submit := func(title, description string, audience talent.Audience, from, to int) *dispatch.Request {
		t.Helper()
		r, err := st.SubmitRequest(ctx, &dispatch.Request{Kind: dispatch.School, OrganizationID: org.ID,
			ContactName: "赵老师", ContactPhone: "13900002222", Title: title, Description: description,
			Township: "浮梁镇", Place: "科学教室", Audience: audience, Headcount: 60,
			WindowStart: dispatch.Day(now.AddDate(0, 0, from)), WindowEnd: dispatch.Day(now.AddDate(0, 0, to))})
		if err != nil {
			t.Fatalf("request %s: %v", title, err)
		}
		return r
	}
	open := submit("六年级科学课：月相的秘密", "想请老师讲讲月相变化的道理，带学生做一个月的月相观察记录", talent.PrimarySchool, 1, 10)
	unfit := submit("老年大学：冬季养生讲座", "请医生讲冬季老年人常见病的预防", talent.Elderly, 1, 10)
	past := submit("四年级观星活动", "晚上在操场用望远镜看月亮和木星", talent.PrimarySchool, 0, 7)

	// The past one: claimed, delivered and rated through the store. Within
	// ten minutes of midnight in China it cannot start and be completed on
	// the same day, so it stays scheduled and the page is not asked for the
	// rating.
	const comment = "孩子们很喜欢，讲得通俗"
	eng, err := st.ClaimRequest(ctx, past.ID, f.lecturer.ID)
	if err != nil {
		t.Fatal(err)
	}
	startsAt := now.Add(10 * time.Minute)
	if _, err := st.ScheduleEngagement(ctx, store.ScheduleInput{EngagementID: eng.ID, StartsAt: startsAt}); err != nil {
		t.Fatal(err)
	}
	rated := "no"
	if dispatch.Day(startsAt) == dispatch.Day(now) {
		rated = "yes"
		if _, err := st.CompleteEngagement(ctx, eng.ID, dispatch.Completion{Date: dispatch.Day(startsAt), Attendees: 86}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.RateEngagement(ctx, eng.ID, 4, comment); err != nil {
			t.Fatal(err)
		}
	}

	got := f.run(t, "expert.mjs", "work", "E2E_OPEN_TITLE="+open.Title, "E2E_OPEN_ORG="+org.Name, "E2E_OPEN_FROM="+open.WindowStart,
		"E2E_UNFIT_TITLE="+unfit.Title, "E2E_PAST_TITLE="+past.Title, "E2E_PAST_RATED="+rated, "E2E_PAST_COMMENT="+comment)
	engs, err := st.EngagementsByRequests(ctx, []int64{open.ID, unfit.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(engs[open.ID]) != 1 || engs[open.ID][0].ExpertID != f.lecturer.ID || engs[open.ID][0].Source != dispatch.FromClaim ||
		engs[open.ID][0].Status != dispatch.EngagementAccepted {
		t.Fatalf("engagements of the claimed request: %+v", engs[open.ID])
	}
	if len(engs[unfit.ID]) != 0 {
		t.Fatalf("the unfitting request has engagements: %+v", engs[unfit.ID])
	}
	if req, err := st.Request(ctx, open.ID); err != nil || req.Status != dispatch.Accepted {
		t.Fatalf("the claimed request: %v %v", req, err)
	}
	if got["cards"] != "2" {
		t.Fatalf("the history page showed %s engagements, want 2", got["cards"])
	}

	// In the emergency registry the profile page offers the on-call switch.
	if _, _, err := st.AdmitToRegistry(ctx, store.Admission{ExpertID: f.lecturer.ID, Registry: talent.EmergencyExpert,
		Status: talent.StatusAdmitted, EmergencyCategories: []talent.EmergencyCategory{talent.Earthquake}}); err != nil {
		t.Fatal(err)
	}
	got = f.run(t, "expert.mjs", "profile")
	e, err := st.Expert(ctx, f.lecturer.ID)
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, ok bool, value any) {
		t.Helper()
		if !ok {
			t.Errorf("%s after the profile page: %+v", what, value)
		}
	}
	check("phone", e.Phone == "13800138000", e.Phone)
	check("consent", e.Consent != nil && e.Consent.Purpose == "科普活动联络" && !e.Consent.GivenAt.IsZero(), e.Consent)
	check("bio", e.Bio == got["bio"], e.Bio)
	check("title (the stale tab's save was refused)", e.Title == f.lecturer.Title, e.Title)
	check("audiences", slices.Equal(e.Audiences, []talent.Audience{talent.PrimarySchool, talent.Elderly}), e.Audiences)
	fuliang, _ := talent.LookupTownship("浮梁镇")
	xianghu, _ := talent.LookupTownship("湘湖镇")
	townships := slices.Sorted(slices.Values(e.ServiceTownships))
	check("service townships", slices.Equal(townships, []string{fuliang.Code, xianghu.Code}), e.ServiceTownships)
	check("monthly cap", e.MaxEngagementsPerMonth == 5, e.MaxEngagementsPerMonth)
	check("on call", e.OnCall, e.OnCall)
	check("lecture topics", len(e.LectureTopics) == 2, e.LectureTopics)
	if len(e.LectureTopics) == 2 {
		first, added := e.LectureTopics[0], e.LectureTopics[1]
		check("the first topic", first.Title == f.lecturer.LectureTopics[0].Title && first.Minutes == 60, first)
		check("the added topic", added.Title == got["topicTitle"] && added.Minutes == 45 && added.Abstract != "" &&
			slices.Equal(added.Audiences, []talent.Audience{talent.PrimarySchool, talent.MiddleSchool}), added)
	}
	a := e.Availability
	check("weekdays", slices.Equal(a.Weekdays, []int{6, 7}), a.Weekdays)
	check("unavailable dates", slices.Equal(a.Unavailable, []talent.DateRange{{From: got["from"], To: got["to"], Reason: "外出开会"}}), a.Unavailable)
	check("availability note", a.Note == "上午比较方便", a.Note)

	// The downloaded export is the expert's own data.
	var export struct {
		Expert struct {
			ID   int64
			Name string
		} `json:"expert"`
		Engagements []json.RawMessage `json:"engagements"`
	}
	if err := json.Unmarshal([]byte(got["export"]), &export); err != nil {
		t.Fatalf("the export is not JSON: %v\n%.300s", err, got["export"])
	}
	check("exported expert", export.Expert.ID == f.lecturer.ID && export.Expert.Name == f.lecturer.Name, fmt.Sprint(export.Expert))
	check("exported engagements", len(export.Engagements) == 2, len(export.Engagements))
}
