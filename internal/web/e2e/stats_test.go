package e2e_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
)

// The organiser's statistics page shows what the store counts, for the
// presets and a chosen period, and its CSV files hold the same figures; a
// school cancels its scheduled request (a blank reason is refused first)
// and a dispatcher cancels another as the office.
func TestStatisticsAndCancelPages(t *testing.T) {
	f := start(t)
	ctx := context.Background()
	now := time.Now()
	todayS := dispatch.Day(now)
	seeded := seedStatistics(t, f, now)

	// The custom period: from the first day of last month to today.
	c := now.In(dispatch.China)
	customFrom := time.Date(c.Year(), c.Month()-1, 1, 0, 0, 0, 0, dispatch.China).Format(talent.DateLayout)
	got := f.run(t, "stats.mjs", "statistics", "E2E_TODAY="+todayS, "E2E_CUSTOM_FROM="+customFrom)

	stats := func(g store.StatsGroup, from, to string) ([]store.StatsRow, store.StatsRow) {
		t.Helper()
		rows, total, err := f.st.Statistics(ctx, g, store.StatsFilter{From: from, To: to})
		if err != nil {
			t.Fatal(err)
		}
		return rows, total
	}

	// 近12个月: the first day of the month eleven months back, to today.
	from, to := got["from"], got["to"]
	if want := time.Date(c.Year(), c.Month()-11, 1, 0, 0, 0, 0, dispatch.China).Format(talent.DateLayout); from != want || to != todayS {
		t.Fatalf("近12个月 is %s to %s, want %s to %s", from, to, want, todayS)
	}
	var page statsShownPage
	if err := json.Unmarshal([]byte(got["shown"]), &page); err != nil {
		t.Fatal(err)
	}
	monthRows, total := stats(store.ByMonth, from, to)
	// The seed is what the store counts (one request is older than a year).
	if total.Requests != seeded.requests-1 || total.Fulfilled != seeded.fulfilled-1 || total.PeopleReached != seeded.people-80 {
		t.Fatalf("store total for the last 12 months %+v; seeded %+v", total, seeded)
	}
	if page.Period != from+" 至 "+to {
		t.Errorf("period shown %q", page.Period)
	}
	if want := statsTiles(total); !reflect.DeepEqual(page.Tiles, want) {
		t.Errorf("totals shown %v, want %v", page.Tiles, want)
	}

	months := statsMonths(monthRows, from[:7], to[:7])
	if want := statsBarRows(months); !reflect.DeepEqual(page.Months, want) {
		t.Errorf("month bars\n got %+v\nwant %+v", page.Months, want)
	}
	if want := statsTableRows(months); !reflect.DeepEqual(page.MonthTable, want) {
		t.Errorf("month table\n got %+v\nwant %+v", page.MonthTable, want)
	}
	townRows, _ := stats(store.ByTownship, from, to)
	towns := statsAllTownships(townRows)
	byRequests := statsSortedBy(towns, func(r store.StatsRow) int { return r.Requests })
	if want := statsTableRows(byRequests); !reflect.DeepEqual(page.Townships, want) {
		t.Errorf("township table\n got %+v\nwant %+v", page.Townships, want)
	}
	if len(page.Townships) != 17 {
		t.Errorf("%d townships listed, want all 17", len(page.Townships))
	}
	regRows, regTotal := stats(store.ByRegistry, from, to)
	if want := statsBarRows(regRows); !reflect.DeepEqual(page.Registries, want) {
		t.Errorf("registry bars\n got %+v\nwant %+v", page.Registries, want)
	}
	if want := statsTableRows(regRows); !reflect.DeepEqual(page.RegistryTable, want) {
		t.Errorf("registry table\n got %+v\nwant %+v", page.RegistryTable, want)
	}
	kindRows, _ := stats(store.ByKind, from, to)
	if want := statsBarRows(kindRows); !reflect.DeepEqual(page.Kinds, want) || len(kindRows) != 3 {
		t.Errorf("kind bars\n got %+v\nwant %+v", page.Kinds, want)
	}
	if want := statsTableRows(kindRows); !reflect.DeepEqual(page.KindTable, want) {
		t.Errorf("kind table\n got %+v\nwant %+v", page.KindTable, want)
	}
	if !reflect.DeepEqual(regTotal, total) {
		t.Errorf("registry total %+v differs from the month total %+v", regTotal, total)
	}

	// The other periods the page was asked for.
	var tiles map[string]string
	_, allTotal := stats(store.ByMonth, "", "")
	if err := json.Unmarshal([]byte(got["all"]), &tiles); err != nil || !reflect.DeepEqual(tiles, statsTiles(allTotal)) || allTotal.Requests != seeded.requests {
		t.Errorf("全部 shows %v, want %v (%v)", tiles, statsTiles(allTotal), err)
	}
	_, yearTotal := stats(store.ByMonth, todayS[:4]+"-01-01", todayS)
	if got["thisYear"] != statsNum(yearTotal.Requests) {
		t.Errorf("本年 shows %s requests, want %d", got["thisYear"], yearTotal.Requests)
	}
	_, customTotal := stats(store.ByMonth, customFrom, todayS)
	if err := json.Unmarshal([]byte(got["custom"]), &tiles); err != nil || !reflect.DeepEqual(tiles, statsTiles(customTotal)) {
		t.Errorf("%s to %s shows %v, want %v (%v)", customFrom, todayS, tiles, statsTiles(customTotal), err)
	}
	if got["customMonths"] != "2" {
		t.Errorf("%s to %s has %s months of bars, want 2", customFrom, todayS, got["customMonths"])
	}

	// Sorted by people reached, the townships reorder.
	var order []string
	if err := json.Unmarshal([]byte(got["byPeople"]), &order); err != nil {
		t.Fatal(err)
	}
	byPeople := statsSortedBy(towns, func(r store.StatsRow) int { return r.PeopleReached })
	if want := statsLabels(byPeople); !reflect.DeepEqual(order, want) {
		t.Errorf("sorted by 服务人数: %v, want %v", order, want)
	}

	// The CSV files: a BOM for Excel, Chinese headers, the rows as shown, 合计.
	head := []string{"需求数", "完成数", "有专家接单数", "接单中位时长（小时）", "服务人数"}
	wantMonths := [][]string{append([]string{"月份"}, head...)}
	for _, r := range months {
		wantMonths = append(wantMonths, statsCSVLine(r, r.Key))
	}
	wantMonths = append(wantMonths, statsCSVLine(total, "合计"))
	statsCheckCSV(t, "month", got["monthCSVName"], got["monthCSV"], "需求统计-按月份-"+from+"至"+to+".csv", wantMonths)
	townCSV := func(rows []store.StatsRow) [][]string {
		out := [][]string{append([]string{"乡镇", "乡镇代码"}, head...)}
		for _, r := range rows {
			out = append(out, append([]string{r.Label, r.Key}, statsCSVLine(r, "")[1:]...))
		}
		return append(out, append([]string{"合计", ""}, statsCSVLine(total, "")[1:]...))
	}
	statsCheckCSV(t, "township", got["townshipCSVName"], got["townshipCSV"], "需求统计-按乡镇-"+from+"至"+to+".csv", townCSV(byRequests))
	statsCheckCSV(t, "township by people", got["townshipCSVName"], got["byPeopleCSV"], "", townCSV(byPeople))

	// Cancelling: a scheduled visit of the school's, and a fresh request the
	// dispatcher calls off.
	school := statsSchoolOrg(t, f)
	visit := statsSubmit(t, f, school, dispatch.School, "浮梁镇", "六年级科学实验课", now)
	eng := statsBook(t, f, visit, f.lecturer)
	day := dispatch.Day(now.Add(48 * time.Hour))
	d, err := dispatch.ParseDay(day)
	if err != nil {
		t.Fatal(err)
	}
	slot := d.Add(10 * time.Hour)
	if _, err := f.st.ScheduleEngagement(statsAs(f.expert), store.ScheduleInput{EngagementID: eng.ID, StartsAt: slot}); err != nil {
		t.Fatal(err)
	}
	office := statsSubmit(t, f, school, dispatch.School, "浮梁镇", "七年级防震减灾讲座", now)
	before, err := f.st.Request(ctx, visit.ID)
	if err != nil || before.Status != dispatch.Scheduled {
		t.Fatalf("request to cancel: %v %v", before, err)
	}
	history := func(id int64) []*dispatch.Event {
		t.Helper()
		h, err := f.st.HistoryByRequests(ctx, []int64{id})
		if err != nil {
			t.Fatal(err)
		}
		return h[id]
	}
	n := len(history(visit.ID))
	ids := []string{"E2E_CANCEL_ID=" + strconv.FormatInt(visit.ID, 10), "E2E_OFFICE_CANCEL_ID=" + strconv.FormatInt(office.ID, 10),
		"E2E_SLOT=" + slot.In(dispatch.China).Format("2006-01-02 15:04")}

	got = f.run(t, "stats.mjs", "cancel-blank", ids...)
	if got["error"] != "须填写原因" {
		t.Errorf("error next to 取消原因: %q", got["error"])
	}
	after, err := f.st.Request(ctx, visit.ID)
	if err != nil || after.Status != dispatch.Scheduled || after.Version != before.Version || len(history(visit.ID)) != n {
		t.Fatalf("a blank reason changed the request: %v version %d→%d, %d events (%v)", after.Status, before.Version, after.Version, len(history(visit.ID)), err)
	}

	const reason = "学校临时安排期中考试，活动取消"
	got = f.run(t, "stats.mjs", "cancel", append(ids, "E2E_CANCEL_REASON="+reason)...)
	after, err = f.st.Request(ctx, visit.ID)
	if err != nil || after.Status != dispatch.Cancelled {
		t.Fatalf("after the school cancelled: %v %v", after, err)
	}
	last := history(visit.ID)
	if e := last[len(last)-1]; e.To != dispatch.Cancelled || e.Reason != "需求方取消："+reason {
		t.Errorf("last event %+v, want CANCELLED with the school's reason", e)
	}
	if !strings.Contains(got["schoolHistory"], reason) || !strings.Contains(got["schoolHistory"], "已取消") {
		t.Errorf("the school's page shows %q as the last event", got["schoolHistory"])
	}
	if e, err := f.st.Engagement(ctx, eng.ID); err != nil || e.Status != dispatch.EngagementCancelled {
		t.Errorf("the expert's engagement after the cancel: %v %v", e, err)
	}
	o, err := f.st.Request(ctx, office.ID)
	if err != nil || o.Status != dispatch.Cancelled {
		t.Fatalf("after the dispatcher cancelled: %v %v", o, err)
	}
	last = history(office.ID)
	if e := last[len(last)-1]; e.Reason != "管理员取消：与另一场活动合并" || !strings.Contains(got["officeHistory"], "与另一场活动合并") {
		t.Errorf("office cancel: event %+v, page %q", e, got["officeHistory"])
	}
}

// ---- the seed ----------------------------------------------------------------

type statsSeedTotals struct{ requests, fulfilled, people int }

// seedStatistics stores requests across months, townships, kinds and
// registries through the store, then moves their submission (and first
// acceptance) into the past with plain updates: the store's clock is the
// real one. Engagements that were delivered are scheduled in the future
// as the store requires, moved before now and completed.
//
//	months ago  kind        township  expert (registry)      hours  people
//	14          VILLAGE     蛟潭镇    envoy (科技特派员)        2      80
//	 4          SCHOOL      浮梁镇    senior (老专家)           3      120
//	 2          SCHOOL      浮梁镇    youth (青年人才)          5      60
//	 2          VILLAGE     瑶里镇    envoy                     1      45
//	 1          VILLAGE     江村乡    —
//	 1          ENTERPRISE  湘湖镇    envoy, accepted only     10
//	 1          SCHOOL      鹅湖镇    senior                    0.5    200
//	 0          VILLAGE     瑶里镇    senior                    4      30
//	 0          SCHOOL      浮梁镇    — (cancelled by the office)
//	 0          ENTERPRISE  浮梁镇    youth                     8      25
func seedStatistics(t *testing.T, f *fixture, now time.Time) statsSeedTotals {
	t.Helper()
	ctx := context.Background()
	org := func(kind talent.OrganizationKind, name, township string) int64 {
		o, err := f.st.CreateOrganization(ctx, &talent.Organization{Kind: kind, Name: name, Township: township})
		if err != nil {
			t.Fatal(err)
		}
		return o.ID
	}
	school, village, firm := statsSchoolOrg(t, f), org(talent.OrgVillage, "瑶里镇梅岭村委会", "瑶里镇"), org(talent.OrgEnterprise, "浮梁县茶业有限公司", "湘湖镇")
	admitted := func(e *talent.Expert, reg talent.Registry) *talent.Expert {
		created, err := f.st.CreateExpert(ctx, e)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.st.AdmitToRegistry(ctx, store.Admission{ExpertID: created.ID, Registry: reg, Status: talent.StatusAdmitted}); err != nil {
			t.Fatal(err)
		}
		return created
	}
	senior := admitted(&talent.Expert{Name: "方志远", Title: "高级农艺师（退休）", Township: "浮梁镇", MaxEngagementsPerMonth: 20}, talent.SeniorLecturer)
	envoy := admitted(&talent.Expert{Name: "吴禾", Title: "农技推广研究员", Township: "瑶里镇", MaxEngagementsPerMonth: 20}, talent.ScienceEnvoy)
	youth := admitted(&talent.Expert{Name: "陈思远", Title: "工程师", Township: "浮梁镇", BirthYear: 1995, MaxEngagementsPerMonth: 20}, talent.YouthTalent)

	type seed struct {
		monthsAgo int
		kind      dispatch.Kind
		township  string
		expert    *talent.Expert
		hours     float64
		people    int // delivered to this many; 0 with an expert: accepted only
		cancel    bool
	}
	seeds := []seed{
		{14, dispatch.Village, "蛟潭镇", envoy, 2, 80, false},
		{4, dispatch.School, "浮梁镇", senior, 3, 120, false},
		{2, dispatch.School, "浮梁镇", youth, 5, 60, false},
		{2, dispatch.Village, "瑶里镇", envoy, 1, 45, false},
		{1, dispatch.Village, "江村乡", nil, 0, 0, false},
		{1, dispatch.Enterprise, "湘湖镇", envoy, 10, 0, false},
		{1, dispatch.School, "鹅湖镇", senior, 0.5, 200, false},
		{0, dispatch.Village, "瑶里镇", senior, 4, 30, false},
		{0, dispatch.School, "浮梁镇", nil, 0, 0, true},
		{0, dispatch.Enterprise, "浮梁镇", youth, 8, 25, false},
	}
	orgs := map[dispatch.Kind]int64{dispatch.School: school, dispatch.Village: village, dispatch.Enterprise: firm}
	titles := map[dispatch.Kind]string{dispatch.School: "防溺水安全讲座", dispatch.Village: "茶园病虫害防治培训", dispatch.Enterprise: "茶叶加工技术咨询"}
	db := f.st.DB()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, db.Rebind(q), args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var sum statsSeedTotals
	for i, s := range seeds {
		r := statsSubmit(t, f, orgs[s.kind], s.kind, s.township, titles[s.kind], now)
		created := statsSubmittedAt(now, s.monthsAgo)
		exec(`UPDATE request SET created_at = ?, updated_at = ? WHERE id = ?`, created.UTC(), created.UTC(), r.ID)
		sum.requests++
		if s.cancel {
			if _, err := f.st.CancelRequest(statsAs(f.dispatcher), store.CancelInput{RequestID: r.ID, Reason: "与其他活动时间冲突", By: dispatch.ByOfficer}); err != nil {
				t.Fatal(err)
			}
		}
		if s.expert == nil {
			continue
		}
		eng := statsBook(t, f, r, s.expert)
		accepted := created.Add(time.Duration(s.hours * float64(time.Hour)))
		if accepted.After(now) { // this month's seed, in the first hours of a month
			accepted = created.Add(now.Sub(created) / 2)
		}
		exec(`UPDATE request SET accepted_at = ? WHERE id = ?`, accepted.UTC(), r.ID)
		if s.people == 0 {
			continue
		}
		// Scheduled ahead (the store's rule), then moved to when it took place.
		if _, err := f.st.ScheduleEngagement(statsAs(f.dispatcher), store.ScheduleInput{EngagementID: eng.ID, StartsAt: now.Add(time.Duration(24+3*i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		held := accepted.Add(24 * time.Hour)
		if limit := now.Add(-time.Duration(1+3*i) * time.Hour); held.After(limit) {
			held = limit
		}
		if held.Before(accepted) {
			held = accepted
		}
		exec(`UPDATE engagement SET starts_at = ?, ends_at = ?, month = ? WHERE id = ?`,
			held.UTC(), held.Add(90*time.Minute).UTC(), dispatch.Month(held), eng.ID)
		if _, err := f.st.CompleteEngagement(statsAs(f.dispatcher), eng.ID, dispatch.Completion{Date: dispatch.Day(held), Attendees: s.people}); err != nil {
			t.Fatal(err)
		}
		sum.fulfilled++
		sum.people += s.people
	}
	return sum
}

// statsSubmittedAt is a moment monthsAgo months before now: the 15th at 10:00
// in China, or for this month half way between its start and now.
func statsSubmittedAt(now time.Time, monthsAgo int) time.Time {
	c := now.In(dispatch.China)
	if monthsAgo == 0 {
		start := time.Date(c.Year(), c.Month(), 1, 0, 0, 0, 0, dispatch.China)
		return start.Add(now.Sub(start) / 2)
	}
	return time.Date(c.Year(), c.Month()-time.Month(monthsAgo), 15, 10, 0, 0, 0, dispatch.China)
}

// statsAs is a context acting as a login, for the names in the history.
func statsAs(login string) context.Context {
	return talent.WithActor(context.Background(), talent.Actor{Name: login})
}

func statsSchoolOrg(t *testing.T, f *fixture) int64 {
	t.Helper()
	var id int64
	db := f.st.DB()
	if err := db.GetContext(context.Background(), &id, db.Rebind(`SELECT id FROM organization WHERE name = ?`), "浮梁县第一小学"); err != nil {
		t.Fatal(err)
	}
	return id
}

// statsSubmit stores a request for tomorrow to three weeks on.
func statsSubmit(t *testing.T, f *fixture, org int64, kind dispatch.Kind, township, title string, now time.Time) *dispatch.Request {
	t.Helper()
	audience := map[dispatch.Kind]talent.Audience{dispatch.School: talent.PrimarySchool, dispatch.Village: talent.Farmers,
		dispatch.Enterprise: talent.EnterpriseStaff}[kind]
	who := f.dispatcher // on behalf of the village and the firm
	if org == statsSchoolOrg(t, f) {
		who = f.school
	}
	r, err := f.st.SubmitRequest(statsAs(who), &dispatch.Request{Kind: kind, OrganizationID: org, ContactName: "王老师",
		ContactPhone: "13900001111", Title: title, Description: title, Township: township, Audience: audience, Headcount: 100,
		WindowStart: dispatch.Day(now.Add(24 * time.Hour)), WindowEnd: dispatch.Day(now.Add(21 * 24 * time.Hour)), DurationMinutes: 90})
	if err != nil {
		t.Fatalf("submit %s: %v", title, err)
	}
	return r
}

// statsBook has the dispatcher invite the expert, who accepts.
func statsBook(t *testing.T, f *fixture, r *dispatch.Request, e *talent.Expert) *dispatch.Engagement {
	t.Helper()
	_, invs, err := f.st.InviteExperts(statsAs(f.dispatcher), store.InviteInput{RequestID: r.ID, ExpertIDs: []int64{e.ID}})
	if err != nil {
		t.Fatalf("invite %s: %v", e.Name, err)
	}
	who := f.dispatcher // recording the answer of an expert without a login
	if e.ID == f.lecturer.ID {
		who = f.expert
	}
	eng, err := f.st.AcceptInvitation(statsAs(who), invs[0].ID)
	if err != nil {
		t.Fatalf("accept %s: %v", e.Name, err)
	}
	return eng
}

// ---- what the page should show -------------------------------------------------

type statsShownRow struct {
	Key, Label, Requests, Fulfilled string
	PeopleReached, Median           string `json:",omitempty"`
}

type statsShownPage struct {
	Period                        string
	Tiles                         map[string]string
	Months, MonthTable, Townships []statsShownRow
	Registries, RegistryTable     []statsShownRow
	Kinds, KindTable              []statsShownRow
}

// statsNum is a count as the page writes it (zh-CN grouping).
func statsNum(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// statsHours is a median in hours to one decimal, as in the tables and files.
func statsHours(h *float64) string {
	if h == nil {
		return ""
	}
	return strconv.FormatFloat(math.Round(*h*10)/10, 'f', -1, 64)
}

func statsTiles(total store.StatsRow) map[string]string {
	rate, median := "—", "—"
	if total.Requests > 0 {
		rate = fmt.Sprintf("%d%%", int(math.Round(float64(total.Fulfilled)/float64(total.Requests)*100)))
	}
	if h := total.MedianHoursToAcceptance; h != nil {
		median = statsHours(h) + " 小时"
		if *h < 1 {
			median = fmt.Sprintf("%d 分钟", int(math.Round(*h*60)))
		}
	}
	accepted := "尚无专家接单"
	if total.AcceptedCount > 0 {
		accepted = statsNum(total.AcceptedCount) + " 项有专家接单"
	}
	return map[string]string{
		"requests": statsNum(total.Requests), "requestsNote": "按提交日期计",
		"fulfilled": statsNum(total.Fulfilled), "fulfilledNote": "完成率 " + rate,
		"peopleReached": statsNum(total.PeopleReached), "peopleReachedNote": "已登记的参加人数",
		"median": median, "medianNote": accepted,
	}
}

func statsBarRows(rows []store.StatsRow) []statsShownRow {
	out := []statsShownRow{}
	for _, r := range rows {
		row := statsShownRow{Key: r.Key, Label: r.Label, Requests: statsNum(r.Requests)}
		if r.Requests > 0 { // a group without requests shows just its 0
			row.Fulfilled = statsNum(r.Fulfilled)
		}
		out = append(out, row)
	}
	return out
}

func statsTableRows(rows []store.StatsRow) []statsShownRow {
	out := []statsShownRow{}
	for _, r := range rows {
		median := statsHours(r.MedianHoursToAcceptance)
		if median == "" {
			median = "—"
		}
		out = append(out, statsShownRow{Key: r.Key, Label: r.Label, Requests: statsNum(r.Requests), Fulfilled: statsNum(r.Fulfilled),
			PeopleReached: statsNum(r.PeopleReached), Median: median})
	}
	return out
}

// statsMonths lists every month of the period, those without requests
// as zeros, as the bars do.
func statsMonths(rows []store.StatsRow, first, last string) []store.StatsRow {
	have := map[string]store.StatsRow{}
	for _, r := range rows {
		have[r.Key] = r
	}
	var out []store.StatsRow
	m, err := time.Parse("2006-01", first)
	if err != nil {
		panic(err)
	}
	for ; m.Format("2006-01") <= last; m = m.AddDate(0, 1, 0) {
		r, ok := have[m.Format("2006-01")]
		if !ok {
			r = store.StatsRow{Key: m.Format("2006-01"), Label: m.Format("2006年1月")}
		}
		out = append(out, r)
	}
	return out
}

// statsAllTownships is every township in the county's order, with its figures.
func statsAllTownships(rows []store.StatsRow) []store.StatsRow {
	have := map[string]store.StatsRow{}
	for _, r := range rows {
		have[r.Key] = r
	}
	var out []store.StatsRow
	for _, tw := range talent.Townships {
		r, ok := have[tw.Code]
		if !ok {
			r = store.StatsRow{Key: tw.Code}
		}
		r.Label = tw.Name
		out = append(out, r)
	}
	return out
}

// statsSortedBy orders rows by a figure, largest first, ties by requests
// and then in the given order, as the township table does.
func statsSortedBy(rows []store.StatsRow, by func(store.StatsRow) int) []store.StatsRow {
	out := append([]store.StatsRow(nil), rows...)
	sort.SliceStable(out, func(i, j int) bool {
		if a, b := by(out[i]), by(out[j]); a != b {
			return a > b
		}
		return out[i].Requests > out[j].Requests
	})
	return out
}

func statsLabels(rows []store.StatsRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Label
	}
	return out
}

func statsCSVLine(r store.StatsRow, name string) []string {
	return []string{name, strconv.Itoa(r.Requests), strconv.Itoa(r.Fulfilled), strconv.Itoa(r.AcceptedCount),
		statsHours(r.MedianHoursToAcceptance), strconv.Itoa(r.PeopleReached)}
}

func statsCheckCSV(t *testing.T, what, name, text, wantName string, want [][]string) {
	t.Helper()
	if wantName != "" && name != wantName {
		t.Errorf("%s CSV is called %q, want %q", what, name, wantName)
	}
	if !strings.HasPrefix(text, "\ufeff") || !strings.Contains(text, "\r\n") {
		t.Errorf("%s CSV lacks the BOM or CRLF line ends: %q", what, text)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatalf("%s CSV: %v\n%s", what, err, text)
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("%s CSV\n got %q\nwant %q", what, rows, want)
	}
}
