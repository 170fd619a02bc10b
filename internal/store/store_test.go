package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
)

// eachDialect runs the same test against SQLite and PostgreSQL: the store
// conformance suite. Every subtest gets a fresh, migrated database.
func eachDialect(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, open(t, ""))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, open(t, testenv.PostgresURL(t)))
	})
}

var fixedNow = time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC)

func open(t *testing.T, url string) *store.Store {
	t.Helper()
	ctx := context.Background()
	rules := talent.DefaultRules()
	rules.Now = func() time.Time { return fixedNow }
	s, err := store.Open(ctx, store.Options{DatabaseURL: url, DataDir: t.TempDir(), Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx, nil); err != nil {
		t.Fatal(err)
	}
	return s
}

func sample(name string) *talent.Expert {
	return &talent.Expert{
		Name: name, Gender: talent.Female, BirthYear: 1990, Title: "高级农艺师", Organization: "浮梁县农业农村局",
		Township: "江村乡", Fields: []string{"茶学", "植物保护"}, Expertise: []string{"茶树病虫害", "绿色防控"},
		Bio:           "长期从事浮梁茶栽培与病虫害绿色防控。",
		LectureTopics: []talent.LectureTopic{{Title: "茶园病虫害绿色防控", Abstract: "识别常见害虫", Audiences: []talent.Audience{talent.Farmers}, Minutes: 90}},
		Audiences:     []talent.Audience{talent.Farmers}, ServiceTownships: []string{"瑶里镇", "360222102"},
		Availability:           talent.Availability{Weekdays: []int{1, 3, 5}, Unavailable: []talent.DateRange{{From: "2026-06-01", To: "2026-06-07", Reason: "出差"}}},
		MaxEngagementsPerMonth: 3, Phone: "13800001234", Email: "li@example.cn",
		Consent: &talent.Consent{Purpose: "科普活动联络"},
	}
}

func codeOf(err error) talent.Code { return talent.ErrorCode(err) }

func mustCreate(t *testing.T, s *store.Store, e *talent.Expert) *talent.Expert {
	t.Helper()
	out, err := s.CreateExpert(context.Background(), e)
	if err != nil {
		t.Fatalf("create %s: %v", e.Name, err)
	}
	return out
}

func TestCreateAndReadBack(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		e := mustCreate(t, s, sample("李茶青"))
		got, err := s.Expert(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "李茶青" || got.Township != "360222204" || got.Version != 1 {
			t.Fatalf("unexpected expert %+v", got)
		}
		if len(got.ServiceTownships) != 2 || got.ServiceTownships[0] != "360222104" {
			t.Fatalf("service townships not normalised to codes: %v", got.ServiceTownships)
		}
		if len(got.LectureTopics) != 1 || got.LectureTopics[0].Minutes != 90 || got.LectureTopics[0].Audiences[0] != talent.Farmers {
			t.Fatalf("lecture topics lost: %+v", got.LectureTopics)
		}
		if got.Availability.Unavailable[0].Reason != "出差" || len(got.Availability.Weekdays) != 3 {
			t.Fatalf("availability lost: %+v", got.Availability)
		}
		if got.Consent == nil || !got.Consent.GivenAt.Equal(fixedNow) || got.Phone != "13800001234" {
			t.Fatalf("consent or phone lost: %+v %q", got.Consent, got.Phone)
		}
		if !got.CreatedAt.Equal(fixedNow) {
			t.Fatalf("created at %v, want %v", got.CreatedAt, fixedNow)
		}
	})
}

func TestRejectedWriteWritesNothing(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		cases := map[string]struct {
			mut  func(e *talent.Expert)
			code talent.Code
		}{
			"blank name":       {func(e *talent.Expert) { e.Name = "　 " }, talent.CodeRequired},
			"unknown township": {func(e *talent.Expert) { e.Township = "火星镇" }, talent.CodeUnknownTownship},
			"birth year":       {func(e *talent.Expert) { e.BirthYear = 1850 }, talent.CodeOutOfRange},
			"bad phone":        {func(e *talent.Expert) { e.Phone = "12345" }, talent.CodeInvalid},
			"no consent":       {func(e *talent.Expert) { e.Consent = nil }, talent.CodeConsentRequired},
			"long name":        {func(e *talent.Expert) { e.Name = string(make([]rune, 51)) }, talent.CodeTooLong},
			"bad audience":     {func(e *talent.Expert) { e.Audiences = []talent.Audience{"ALIENS"} }, talent.CodeInvalid},
			"bad weekday":      {func(e *talent.Expert) { e.Availability.Weekdays = []int{8} }, talent.CodeOutOfRange},
			"on call w/o team": {func(e *talent.Expert) { e.OnCall = true }, talent.CodeNotMember},
		}
		for name, c := range cases {
			e := sample("王五")
			c.mut(e)
			_, err := s.CreateExpert(ctx, e)
			if got := codeOf(err); got != c.code {
				t.Errorf("%s: code %s (%v), want %s", name, got, err, c.code)
			}
			var list talent.Errors
			if !errors.As(err, &list) || list[0].Message == "" {
				t.Errorf("%s: want a list of domain errors with messages, got %v", name, err)
			}
		}
		n, err := s.CountExperts(ctx, store.ExpertFilter{IncludeArchived: true})
		if err != nil || n != 0 {
			t.Fatalf("rejected writes left %d experts (%v)", n, err)
		}
		pending, _, _ := s.OutboxStats(ctx, store.TopicExpert)
		if pending != 0 {
			t.Fatalf("rejected writes left %d outbox rows", pending)
		}
	})
}

func TestExternalIDUnique(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		a := sample("甲")
		a.ExternalID = "HR-001"
		mustCreate(t, s, a)
		b := sample("乙")
		b.ExternalID = "HR-001"
		if _, err := s.CreateExpert(context.Background(), b); codeOf(err) != talent.CodeDuplicate {
			t.Fatalf("want DUPLICATE, got %v", err)
		}
		// Experts without an external id do not collide.
		mustCreate(t, s, sample("丙"))
		mustCreate(t, s, sample("丁"))
		got, err := s.ExpertByExternalID(context.Background(), "HR-001")
		if err != nil || got.Name != "甲" {
			t.Fatalf("by external id: %v %v", got, err)
		}
	})
}

func TestUpdateVersioning(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		e := mustCreate(t, s, sample("赵六"))
		up, err := s.UpdateExpert(ctx, e.ID, 1, func(x *talent.Expert) error { x.Title = "研究员"; return nil })
		if err != nil || up.Version != 2 || up.Title != "研究员" {
			t.Fatalf("update: %+v %v", up, err)
		}
		if _, err := s.UpdateExpert(ctx, e.ID, 1, func(x *talent.Expert) error { x.Title = "旧"; return nil }); codeOf(err) != talent.CodeConflict {
			t.Fatalf("stale version: want CONFLICT, got %v", err)
		}
		if _, err := s.UpdateExpert(ctx, e.ID, 2, func(x *talent.Expert) error { x.Township = "不存在乡"; return nil }); codeOf(err) != talent.CodeUnknownTownship {
			t.Fatalf("invalid update: want UNKNOWN_TOWNSHIP, got %v", err)
		}
		got, _ := s.Expert(ctx, e.ID)
		if got.Version != 2 || got.Title != "研究员" || got.Township != "360222204" {
			t.Fatalf("failed update changed the row: %+v", got)
		}
		if _, err := s.UpdateExpert(ctx, 99999, 1, func(*talent.Expert) error { return nil }); codeOf(err) != talent.CodeNotFound {
			t.Fatalf("missing: want NOT_FOUND, got %v", err)
		}
	})
}

func TestConcurrentUpdatesOneWins(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		e := mustCreate(t, s, sample("钱七"))
		const writers = 8
		var wg sync.WaitGroup
		errs := make([]error, writers)
		for i := 0; i < writers; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				_, errs[i] = s.UpdateExpert(ctx, e.ID, 1, func(x *talent.Expert) error {
					x.Bio = fmt.Sprintf("writer %d", i)
					return nil
				})
			}(i)
		}
		wg.Wait()
		wins, conflicts := 0, 0
		winner := -1
		for i, err := range errs {
			switch {
			case err == nil:
				wins++
				winner = i
			case codeOf(err) == talent.CodeConflict:
				conflicts++
			default:
				t.Errorf("writer %d: unexpected error %v", i, err)
			}
		}
		if wins != 1 || conflicts != writers-1 {
			t.Fatalf("wins=%d conflicts=%d, want 1 and %d", wins, conflicts, writers-1)
		}
		got, _ := s.Expert(ctx, e.ID)
		if got.Version != 2 || got.Bio != fmt.Sprintf("writer %d", winner) {
			t.Fatalf("stored %q v%d, winner was %d", got.Bio, got.Version, winner)
		}
	})
}

func TestMembershipLifecycle(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := talent.WithActor(context.Background(), talent.Actor{Name: "hr-officer"})
		e := mustCreate(t, s, sample("孙八"))
		m, _, err := s.AdmitToRegistry(ctx, store.Admission{ExpertID: e.ID, Registry: talent.YouthTalent})
		if err != nil || m.Status != talent.StatusNominated {
			t.Fatalf("nominate: %+v %v", m, err)
		}
		if _, _, err := s.AdmitToRegistry(ctx, store.Admission{ExpertID: e.ID, Registry: talent.YouthTalent}); codeOf(err) != talent.CodeDuplicate {
			t.Fatalf("second nomination: want DUPLICATE, got %v", err)
		}
		step := func(to talent.MembershipStatus, reason string) (*talent.Membership, error) {
			return s.ChangeMembershipStatus(ctx, store.StatusChangeRequest{ExpertID: e.ID, Registry: talent.YouthTalent, To: to, Reason: reason})
		}
		if _, err := step(talent.StatusSuspended, "x"); codeOf(err) != talent.CodeInvalidTransition {
			t.Fatalf("NOMINATED→SUSPENDED: want INVALID_TRANSITION, got %v", err)
		}
		if _, err := step(talent.StatusUnderReview, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := step(talent.StatusAdmitted, "评审通过"); err != nil {
			t.Fatal(err)
		}
		if _, err := step(talent.StatusExited, ""); codeOf(err) != talent.CodeRequired {
			t.Fatalf("exit without reason: want REQUIRED, got %v", err)
		}
		m, err = step(talent.StatusSuspended, "借调外地")
		if err != nil || m.AdmittedAt == nil || m.Version != 4 {
			t.Fatalf("suspend: %+v %v", m, err)
		}
		hist, err := s.HistoryByMemberships(ctx, []int64{m.ID})
		if err != nil {
			t.Fatal(err)
		}
		h := hist[m.ID]
		if len(h) != 4 || h[0].From != "" || h[3].From != talent.StatusAdmitted || h[3].To != talent.StatusSuspended ||
			h[3].Reason != "借调外地" || h[3].Actor != "hr-officer" {
			t.Fatalf("history: %+v", h)
		}
		if _, err := s.ChangeMembershipStatus(ctx, store.StatusChangeRequest{ExpertID: e.ID, Registry: talent.ScienceEnvoy, To: talent.StatusAdmitted}); codeOf(err) != talent.CodeNotMember {
			t.Fatalf("not a member: want NOT_MEMBER, got %v", err)
		}
	})
}

func TestAdmissionRules(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		old := sample("周老")
		old.BirthYear = 1980 // 46 in 2026
		old = mustCreate(t, s, old)
		if _, _, err := s.AdmitToRegistry(ctx, store.Admission{ExpertID: old.ID, Registry: talent.YouthTalent, Status: talent.StatusAdmitted}); codeOf(err) != talent.CodeAgeLimit {
			t.Fatalf("age limit: want AGE_LIMIT, got %v", err)
		}
		// Nomination is allowed; admission is where the age counts.
		if _, _, err := s.AdmitToRegistry(ctx, store.Admission{ExpertID: old.ID, Registry: talent.YouthTalent}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ChangeMembershipStatus(ctx, store.StatusChangeRequest{ExpertID: old.ID, Registry: talent.YouthTalent, To: talent.StatusAdmitted}); codeOf(err) != talent.CodeAgeLimit {
			t.Fatalf("age at transition: want AGE_LIMIT, got %v", err)
		}
		em := mustCreate(t, s, sample("吴应急"))
		if _, _, err := s.AdmitToRegistry(ctx, store.Admission{ExpertID: em.ID, Registry: talent.EmergencyExpert, Status: talent.StatusAdmitted}); codeOf(err) != talent.CodeCategoryRequired {
			t.Fatalf("emergency without category: want CATEGORY_REQUIRED, got %v", err)
		}
		_, em2, err := s.AdmitToRegistry(ctx, store.Admission{ExpertID: em.ID, Registry: talent.EmergencyExpert, Status: talent.StatusAdmitted,
			EmergencyCategories: []talent.EmergencyCategory{talent.Flood}})
		if err != nil || len(em2.EmergencyCategories) != 1 {
			t.Fatalf("emergency admission: %v %+v", err, em2)
		}
		on, err := s.SetOnCall(ctx, em.ID, true)
		if err != nil || !on.OnCall {
			t.Fatalf("on call: %v", err)
		}
		if _, err := s.UpdateExpert(ctx, em.ID, on.Version, func(x *talent.Expert) error { x.EmergencyCategories = nil; return nil }); codeOf(err) != talent.CodeCategoryRequired {
			t.Fatalf("removing last category: want CATEGORY_REQUIRED, got %v", err)
		}
		if _, err := s.ChangeMembershipStatus(ctx, store.StatusChangeRequest{ExpertID: em.ID, Registry: talent.EmergencyExpert, To: talent.StatusSuspended, Reason: "病假"}); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Expert(ctx, em.ID); got.OnCall {
			t.Fatal("suspended emergency expert is still on call")
		}
		if _, err := s.SetOnCall(ctx, old.ID, true); codeOf(err) != talent.CodeNotMember {
			t.Fatalf("on call without team: want NOT_MEMBER, got %v", err)
		}
	})
}

func TestRegistryRecords(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		e := mustCreate(t, s, sample("郑九"))
		rec := &talent.Recommendation{ExpertID: e.ID, Programme: "江西省青年科技人才托举工程", Level: talent.LevelProvincial, Year: 2026}
		if _, err := s.AddRecommendation(ctx, rec); codeOf(err) != talent.CodeNotMember {
			t.Fatalf("recommendation outside youth pool: want NOT_MEMBER, got %v", err)
		}
		if _, _, err := s.AdmitToRegistry(ctx, store.Admission{ExpertID: e.ID, Registry: talent.YouthTalent, Status: talent.StatusAdmitted}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddRecommendation(ctx, rec); err != nil || rec.Outcome != talent.OutcomePending {
			t.Fatalf("recommendation: %v %+v", err, rec)
		}
		bad := &talent.Recommendation{ExpertID: e.ID, Programme: "", Level: "GALACTIC", Year: 1999}
		if _, err := s.AddRecommendation(ctx, bad); err == nil {
			t.Fatal("invalid recommendation accepted")
		} else if list, _ := talent.AsList(err); len(list) != 3 {
			t.Fatalf("want 3 problems reported together, got %v", err)
		}
		recs, _ := s.RecommendationsByExperts(ctx, []int64{e.ID})
		if len(recs[e.ID]) != 1 || recs[e.ID][0].Level != talent.LevelProvincial {
			t.Fatalf("recommendations: %+v", recs)
		}

		a := &talent.EnvoyAssignment{ExpertID: e.ID, TargetKind: talent.TargetCooperative, TargetName: "瑶里茶叶专业合作社", Township: "瑶里", TermStart: "2026-01-01", TermEnd: "2026-12-31"}
		if _, err := s.AssignEnvoy(ctx, a); codeOf(err) != talent.CodeNotMember {
			t.Fatalf("assign non-envoy: want NOT_MEMBER, got %v", err)
		}
		if _, _, err := s.AdmitToRegistry(ctx, store.Admission{ExpertID: e.ID, Registry: talent.ScienceEnvoy, Status: talent.StatusAdmitted}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AssignEnvoy(ctx, a); err != nil || a.Township != "360222104" {
			t.Fatalf("assign: %v %+v", err, a)
		}
		if _, err := s.AssignEnvoy(ctx, &talent.EnvoyAssignment{ExpertID: e.ID, TargetKind: talent.TargetVillage, TargetName: "村", TermStart: "2026-05-01", TermEnd: "2026-01-01"}); codeOf(err) != talent.CodeInvalid {
			t.Fatalf("term end before start: want INVALID, got %v", err)
		}
		l := &talent.ServiceLog{ExpertID: e.ID, AssignmentID: a.ID, Date: "2026-04-02", Target: "瑶里茶叶专业合作社", Content: "茶园春季修剪指导", PeopleTrained: 35}
		if _, err := s.LogEnvoyService(ctx, l); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LogEnvoyService(ctx, &talent.ServiceLog{ExpertID: e.ID, AssignmentID: 9999, Date: "2026-04-02", Target: "x", Content: "y"}); codeOf(err) != talent.CodeNotFound {
			t.Fatalf("foreign assignment: want NOT_FOUND, got %v", err)
		}
		if _, err := s.LogEnvoyService(ctx, &talent.ServiceLog{ExpertID: e.ID, Date: "2027-01-01", Target: "x", Content: "y"}); codeOf(err) != talent.CodeInvalid {
			t.Fatalf("future service: want INVALID, got %v", err)
		}
		as, _ := s.AssignmentsByExperts(ctx, []int64{e.ID})
		logs, _ := s.ServiceLogsByExperts(ctx, []int64{e.ID})
		if len(as[e.ID]) != 1 || as[e.ID][0].TermEnd != "2026-12-31" || len(logs[e.ID]) != 1 || logs[e.ID][0].Date != "2026-04-02" || logs[e.ID][0].AssignmentID != a.ID {
			t.Fatalf("records: %+v %+v", as[e.ID], logs[e.ID])
		}
	})
}

func TestFindExpertsFilters(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tea := mustCreate(t, s, sample("茶专家"))
		cer := sample("陶瓷专家")
		cer.Township, cer.ServiceTownships, cer.Fields, cer.Organization = "浮梁镇", nil, []string{"材料科学"}, "景德镇陶瓷大学"
		cer.Audiences = []talent.Audience{talent.HighSchool}
		cer.LectureTopics[0].Audiences = []talent.Audience{talent.HighSchool}
		cer = mustCreate(t, s, cer)
		fire := sample("消防专家")
		fire.Township, fire.ServiceTownships = "鹅湖镇", nil
		fire = mustCreate(t, s, fire)
		if _, _, err := s.AdmitToRegistry(ctx, store.Admission{ExpertID: fire.ID, Registry: talent.EmergencyExpert, Status: talent.StatusAdmitted, EmergencyCategories: []talent.EmergencyCategory{talent.Fire, talent.ForestFire}}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetOnCall(ctx, fire.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.AdmitToRegistry(ctx, store.Admission{ExpertID: tea.ID, Registry: talent.ScienceEnvoy, Status: talent.StatusAdmitted}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.AdmitToRegistry(ctx, store.Admission{ExpertID: cer.ID, Registry: talent.SeniorLecturer, TravelMaxKm: 30}); err != nil {
			t.Fatal(err)
		}
		archived := mustCreate(t, s, sample("已归档"))
		if _, err := s.ArchiveExpert(ctx, archived.ID, 0, "调离"); err != nil {
			t.Fatal(err)
		}
		yes := true
		cases := []struct {
			name string
			f    store.ExpertFilter
			want []int64
		}{
			{"all", store.ExpertFilter{}, []int64{tea.ID, cer.ID, fire.ID}},
			{"with archived", store.ExpertFilter{IncludeArchived: true}, []int64{tea.ID, cer.ID, fire.ID, archived.ID}},
			{"registry", store.ExpertFilter{Registries: []talent.Registry{talent.ScienceEnvoy}}, []int64{tea.ID}},
			{"registry+status", store.ExpertFilter{Registries: []talent.Registry{talent.SeniorLecturer}, Statuses: []talent.MembershipStatus{talent.StatusAdmitted}}, nil},
			{"status only", store.ExpertFilter{Statuses: []talent.MembershipStatus{talent.StatusNominated}}, []int64{cer.ID}},
			{"home township", store.ExpertFilter{Townships: []string{"浮梁镇"}}, []int64{cer.ID}},
			{"service township", store.ExpertFilter{Townships: []string{"360222104"}}, []int64{tea.ID}},
			{"field", store.ExpertFilter{Fields: []string{"材料科学"}}, []int64{cer.ID}},
			{"topic audience", store.ExpertFilter{Audiences: []talent.Audience{talent.HighSchool}}, []int64{cer.ID}},
			{"category", store.ExpertFilter{EmergencyCategories: []talent.EmergencyCategory{talent.ForestFire, talent.Flood}}, []int64{fire.ID}},
			{"on call", store.ExpertFilter{OnCall: &yes}, []int64{fire.ID}},
			{"text org", store.ExpertFilter{Text: "陶瓷大学"}, []int64{cer.ID}},
			{"text is not a pattern", store.ExpertFilter{Text: "%"}, nil},
			{"and", store.ExpertFilter{Townships: []string{"江村乡"}, Fields: []string{"材料科学"}}, nil},
		}
		for _, c := range cases {
			got, err := s.FindExperts(ctx, c.f, 0, 100)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			n, err := s.CountExperts(ctx, c.f)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			ids := make([]int64, len(got))
			for i, e := range got {
				ids[i] = e.ID
			}
			if fmt.Sprint(ids) != fmt.Sprint(append([]int64{}, c.want...)) && !(len(ids) == 0 && len(c.want) == 0) || n != len(c.want) {
				t.Errorf("%s: got %v (count %d), want %v", c.name, ids, n, c.want)
			}
		}
		// Keyset pagination walks every row once.
		page1, _ := s.FindExperts(ctx, store.ExpertFilter{}, 0, 2)
		page2, _ := s.FindExperts(ctx, store.ExpertFilter{}, page1[1].ID, 2)
		if len(page1) != 2 || len(page2) != 1 || page2[0].ID != fire.ID {
			t.Fatalf("pagination: %d %d", len(page1), len(page2))
		}
		sum, err := s.RegistrySummary(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(sum) != "[{EMERGENCY_EXPERT ADMITTED 1} {SCIENCE_ENVOY ADMITTED 1} {SENIOR_LECTURER NOMINATED 1}]" {
			t.Fatalf("summary: %v", sum)
		}
	})
}

func TestOutboxClaimsAreExclusive(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for i := 0; i < 30; i++ {
			mustCreate(t, s, sample(fmt.Sprintf("专家%d", i)))
		}
		pending, _, err := s.OutboxStats(ctx, store.TopicExpert)
		if err != nil || pending != 30 {
			t.Fatalf("pending %d (%v), want 30", pending, err)
		}
		var mu sync.Mutex
		seen := map[int64]int{}
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					items, err := s.ClaimOutbox(ctx, store.TopicExpert, 4, time.Minute)
					if err != nil {
						t.Error(err)
						return
					}
					if len(items) == 0 {
						return
					}
					mu.Lock()
					for _, it := range items {
						seen[it.ID]++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if len(seen) != 30 {
			t.Fatalf("claimed %d distinct items, want 30", len(seen))
		}
		for id, n := range seen {
			if n != 1 {
				t.Fatalf("item %d claimed %d times", id, n)
			}
		}
		// Leased items are invisible until the lease ends; retry makes them due.
		if items, _ := s.ClaimOutbox(ctx, store.TopicExpert, 100, time.Minute); len(items) != 0 {
			t.Fatalf("leased items claimed again: %d", len(items))
		}
		ids := make([]int64, 0, len(seen))
		for id := range seen {
			ids = append(ids, id)
		}
		if err := s.RetryOutbox(ctx, ids[:10], -time.Second, errors.New("meili down")); err != nil {
			t.Fatal(err)
		}
		again, _ := s.ClaimOutbox(ctx, store.TopicExpert, 100, time.Minute)
		if len(again) != 10 || again[0].Attempts != 1 || again[0].LastError != "meili down" {
			t.Fatalf("retry: %d items %+v", len(again), again)
		}
		if err := s.AckOutbox(ctx, ids); err != nil {
			t.Fatal(err)
		}
		if pending, _, _ := s.OutboxStats(ctx, store.TopicExpert); pending != 0 {
			t.Fatalf("after ack: %d pending", pending)
		}
	})
}

func TestMigrationStatus(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		st, err := s.MigrationStatuses(context.Background())
		if err != nil || len(st) == 0 {
			t.Fatalf("status: %v %v", st, err)
		}
		for _, m := range st {
			if !m.Applied {
				t.Fatalf("migration %s not applied", m.Name)
			}
		}
		// Migrating again is a no-op.
		if err := s.Migrate(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
	})
}

// TestConcurrentMigrations: replicas starting together on one PostgreSQL
// database migrate it once, without errors.
func TestConcurrentMigrations(t *testing.T) {
	url := testenv.PostgresURL(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s, err := store.Open(ctx, store.Options{DatabaseURL: url})
			if err != nil {
				errs[i] = err
				return
			}
			defer s.Close()
			errs[i] = s.Migrate(ctx, nil)
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("replica %d: %v", i, err)
		}
	}
}
