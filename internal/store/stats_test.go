package store_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
)

// The fixture, by hand (times UTC; China time is +8):
//
//	R1 SCHOOL     浮梁镇 created 05-10 09:00  lecturer A claims +2h   completed 120, rated     RATED
//	R2 SCHOOL     浮梁镇 created 05-10 10:00  lecturer B invited, accepts +6h  completed 80 COMPLETED
//	R3 VILLAGE    瑶里镇 created 05-10 11:00  envoy C claims +1h, then cancelled            CANCELLED
//	R4 VILLAGE    瑶里镇 created 05-10 12:00  nobody                                        SUBMITTED
//	R5 ENTERPRISE 浮梁镇 created 05-31 17:00 (= 1 June in China)  envoy C claims +10h  completed 15
//	R6 EMERGENCY  湘湖镇 created 06-01 02:00  call-out, D accepts +20min, E +25min  completed 200 + 100
//	R7 SCHOOL     浮梁镇 created 06-01 03:00  needs 2: lecturer A claims +4h, youth Y +5h  completed 40 + 30
//
// Hours to first acceptance: R1 2, R2 6, R3 1, R5 10, R6 1/3, R7 4 (R4 none).
func TestStatisticsMatchHandCountedFixture(t *testing.T) {
	eachDispatchDialect(t, func(t *testing.T, d *dispatchEnv) {
		ctx := d.ctx
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		utc := func(month time.Month, day, hour, minute int) time.Time {
			return time.Date(2026, month, day, hour, minute, 0, 0, time.UTC)
		}
		a, b := d.lecturer("甲"), d.lecturer("乙")
		c := d.expert("丙", talent.ScienceEnvoy, nil)
		y := d.expert("青年", talent.YouthTalent, func(e *talent.Expert) { e.BirthYear = 1995 })
		emergency := func(name string) *talent.Expert {
			return d.expert(name, talent.EmergencyExpert, func(e *talent.Expert) {
				e.EmergencyCategories, e.OnCall = []talent.EmergencyCategory{talent.Flood}, true
			})
		}
		de, ee := emergency("丁"), emergency("戊")

		submitAt := func(when time.Time, mut func(r *dispatch.Request)) *dispatch.Request {
			d.clock.Set(when)
			return d.submit(func(r *dispatch.Request) {
				r.WindowStart, r.WindowEnd = "2026-06-01", "2026-06-30"
				mut(r)
			})
		}
		claimAt := func(when time.Time, r *dispatch.Request, e *talent.Expert) *dispatch.Engagement {
			t.Helper()
			d.clock.Set(when)
			eng, err := d.s.ClaimRequest(ctx, r.ID, e.ID)
			must(err)
			return eng
		}
		school := func(r *dispatch.Request) {}
		village := func(r *dispatch.Request) {
			r.Kind, r.Township, r.Audience = dispatch.Village, "瑶里镇", talent.Farmers
		}

		r1 := submitAt(utc(5, 10, 9, 0), school)
		r2 := submitAt(utc(5, 10, 10, 0), school)
		r3 := submitAt(utc(5, 10, 11, 0), village)
		submitAt(utc(5, 10, 12, 0), village) // R4: nobody comes
		r5 := submitAt(utc(5, 31, 17, 0), func(r *dispatch.Request) { r.Kind, r.Audience = dispatch.Enterprise, talent.EnterpriseStaff })
		r6 := submitAt(utc(6, 1, 2, 0), func(r *dispatch.Request) {
			r.Kind, r.EmergencyCategory, r.Township, r.Audience = dispatch.Emergency, talent.Flood, "湘湖镇", talent.Public
			r.WindowStart, r.WindowEnd = "2026-06-01", "2026-06-01"
		})
		r7 := submitAt(utc(6, 1, 3, 0), func(r *dispatch.Request) { r.ExpertsNeeded = 2 })

		e1 := claimAt(utc(5, 10, 11, 0), r1, a)
		d.clock.Set(utc(5, 10, 10, 0))
		inv := d.invite(r2, b)[0]
		d.clock.Set(utc(5, 10, 16, 0))
		e2, err := d.s.AcceptInvitation(ctx, inv.ID)
		must(err)
		e3 := claimAt(utc(5, 10, 12, 0), r3, c)
		e5 := claimAt(utc(6, 1, 3, 0), r5, c)
		d.clock.Set(utc(6, 1, 2, 0))
		_, invs, err := d.s.EmergencyCallOut(ctx, store.CallOutInput{RequestID: r6.ID, ExpertsNeeded: 2})
		must(err)
		d.clock.Set(utc(6, 1, 2, 20))
		e6a, err := d.s.AcceptInvitation(ctx, invs[0].ID)
		must(err)
		d.clock.Set(utc(6, 1, 2, 25))
		e6b, err := d.s.AcceptInvitation(ctx, invs[1].ID)
		must(err)
		if e6a.ExpertID != de.ID || e6b.ExpertID != ee.ID {
			t.Fatalf("call-out order: %d %d", e6a.ExpertID, e6b.ExpertID)
		}
		e7a := claimAt(utc(6, 1, 7, 0), r7, a)
		e7b := claimAt(utc(6, 1, 8, 0), r7, y)

		// Deliver: schedule everything on 10 June, complete on the 20th.
		d.clock.Set(utc(6, 2, 0, 0))
		hour := 0
		for _, e := range []*dispatch.Engagement{e1, e2, e3, e5, e6a, e6b, e7a, e7b} {
			_, err := d.s.ScheduleEngagement(ctx, store.ScheduleInput{EngagementID: e.ID, StartsAt: at("2026-06-10", 0, 0).Add(time.Duration(hour) * 2 * time.Hour)})
			must(err)
			hour++
		}
		_, err = d.s.CancelRequest(ctx, store.CancelInput{RequestID: r3.ID, Reason: "村里另有安排"})
		must(err)
		d.clock.Set(utc(6, 20, 0, 0))
		for e, people := range map[*dispatch.Engagement]int{e1: 120, e2: 80, e5: 15, e6a: 200, e6b: 100, e7a: 40, e7b: 30} {
			_, err := d.s.CompleteEngagement(ctx, e.ID, dispatch.Completion{Date: "2026-06-10", Attendees: people})
			must(err)
		}
		_, err = d.s.RateEngagement(ctx, e1.ID, 5, "")
		must(err)

		third := 1.0 / 3
		type want struct {
			key        string
			requests   int
			fulfilled  int
			accepted   int
			median     float64 // -1 for none
			reached    int
			labelPiece string
		}
		check := func(group store.StatsGroup, f store.StatsFilter, wantTotal want, wants ...want) {
			t.Helper()
			rows, total, err := d.s.Statistics(ctx, group, f)
			if err != nil {
				t.Fatal(err)
			}
			cmp := func(got store.StatsRow, w want) {
				t.Helper()
				med := -1.0
				if got.MedianHoursToAcceptance != nil {
					med = *got.MedianHoursToAcceptance
				}
				if got.Key != w.key || got.Requests != w.requests || got.Fulfilled != w.fulfilled || got.AcceptedCount != w.accepted ||
					math.Abs(med-w.median) > 1e-9 || got.PeopleReached != w.reached || !strings.Contains(got.Label, w.labelPiece) {
					t.Errorf("%s %+v: got %s %q requests=%d fulfilled=%d accepted=%d median=%v reached=%d",
						group, f, got.Key, got.Label, got.Requests, got.Fulfilled, got.AcceptedCount, med, got.PeopleReached)
				}
			}
			if len(rows) != len(wants) {
				keys := make([]string, len(rows))
				for i, r := range rows {
					keys[i] = r.Key
				}
				t.Fatalf("%s: rows %v, want %d rows", group, keys, len(wants))
			}
			for i := range wants {
				cmp(rows[i], wants[i])
			}
			cmp(total, wantTotal)
		}
		all := store.StatsFilter{}
		total := want{"TOTAL", 7, 5, 6, 3, 585, "合计"}
		check(store.ByKind, all, total,
			want{"SCHOOL", 3, 3, 3, 4, 270, "学校"},
			want{"VILLAGE", 2, 0, 1, 1, 0, "村"},
			want{"ENTERPRISE", 1, 1, 1, 10, 15, "企业"},
			want{"EMERGENCY", 1, 1, 1, third, 300, "应急"})
		check(store.ByMonth, all, total,
			want{"2026-05", 4, 2, 3, 2, 200, "2026年5月"},
			want{"2026-06", 3, 3, 3, 4, 385, "2026年6月"})
		check(store.ByTownship, all, total,
			want{"360222100", 4, 4, 4, 5, 285, "浮梁镇"},
			want{"360222104", 2, 0, 1, 1, 0, "瑶里镇"},
			want{"360222107", 1, 1, 1, third, 300, "湘湖镇"})
		check(store.ByRegistry, all, total,
			want{"YOUTH_TALENT", 1, 1, 1, 4, 30, "青年人才"},
			want{"SENIOR_LECTURER", 3, 3, 3, 4, 240, "老专家"},
			want{"SCIENCE_ENVOY", 2, 1, 2, 5.5, 15, "科技特派员"},
			want{"EMERGENCY_EXPERT", 1, 1, 1, third, 300, "应急"},
			want{"UNASSIGNED", 1, 0, 0, -1, 0, "未接单"})
		// Periods are China dates: R5, submitted at 01:00 on 1 June China
		// time, belongs to June.
		june := store.StatsFilter{From: "2026-06-01", To: "2026-06-30"}
		check(store.ByKind, june, want{"TOTAL", 3, 3, 3, 4, 385, "合计"},
			want{"SCHOOL", 1, 1, 1, 4, 70, "学校"},
			want{"ENTERPRISE", 1, 1, 1, 10, 15, "企业"},
			want{"EMERGENCY", 1, 1, 1, third, 300, "应急"})
		check(store.ByMonth, store.StatsFilter{To: "2026-05-31"}, want{"TOTAL", 4, 2, 3, 2, 200, "合计"},
			want{"2026-05", 4, 2, 3, 2, 200, "2026年5月"})

		if _, _, err := d.s.Statistics(ctx, "WEEKDAY", all); talent.ErrorCode(err) != talent.CodeInvalid {
			t.Fatalf("bad group: %v", err)
		}
		if _, _, err := d.s.Statistics(ctx, store.ByKind, store.StatsFilter{From: "2026-06-02", To: "2026-06-01"}); talent.ErrorCode(err) != talent.CodeInvalid {
			t.Fatalf("reversed period: %v", err)
		}
	})
}
