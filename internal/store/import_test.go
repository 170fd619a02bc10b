package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
)

// rec builds an import record that sets the fields an import of the full
// template would set.
func rec(row int, ext, name string, regs ...talent.Registry) *store.ImportRecord {
	return &store.ImportRecord{Row: row, ExternalID: ext, Registries: regs, Set: func(e *talent.Expert) {
		e.Name, e.BirthYear, e.Township = name, 1992, "江村乡"
		e.Title, e.Fields = "农艺师", []string{"茶学"}
		e.Audiences = []talent.Audience{talent.Farmers}
		e.EmergencyCategories = []talent.EmergencyCategory{talent.Flood}
	}}
}

func records(list ...*store.ImportRecord) func(yield func(*store.ImportRecord, error) bool) {
	return func(yield func(*store.ImportRecord, error) bool) {
		for _, r := range list {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// state is what an import may change: a fingerprint of every expert and
// membership, and the outbox, audit and event row counts.
type state struct {
	experts, memberships            []string
	outbox, audit, events, tagCount int
}

func snapshot(t *testing.T, s *store.Store) state {
	t.Helper()
	ctx := context.Background()
	var st state
	count := func(table string) int {
		var n int
		if err := s.DB().GetContext(ctx, &n, `SELECT COUNT(*) FROM `+table); err != nil {
			t.Fatal(err)
		}
		return n
	}
	st.outbox, st.audit, st.events, st.tagCount = count("outbox"), count("audit_log"), count("membership_event"), count("expert_tag")
	list, err := s.FindExperts(ctx, store.ExpertFilter{IncludeArchived: true}, 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(list))
	for i, e := range list {
		ids[i] = e.ID
		st.experts = append(st.experts, fingerprint(t, e))
	}
	ms, err := s.MembershipsByExperts(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		for _, m := range ms[id] {
			st.memberships = append(st.memberships, fingerprint(t, m))
		}
	}
	return st
}

// fingerprint is v's JSON: unlike %v it follows pointers (consent, dates).
func fingerprint(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func (a state) equal(b state) bool {
	return slices.Equal(a.experts, b.experts) && slices.Equal(a.memberships, b.memberships) &&
		a.outbox == b.outbox && a.audit == b.audit && a.events == b.events && a.tagCount == b.tagCount
}

func mustImport(t *testing.T, s *store.Store, opt store.ImportOptions, list ...*store.ImportRecord) (store.ImportResult, []store.ImportProblem) {
	t.Helper()
	var problems []store.ImportProblem
	opt.OnProblem = func(p store.ImportProblem) { problems = append(problems, p) }
	res, err := s.ImportExperts(context.Background(), records(list...), opt)
	if err != nil {
		t.Fatal(err)
	}
	return res, problems
}

func TestImportUpsertsByExternalID(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		res, problems := mustImport(t, s, store.ImportOptions{},
			rec(2, "HR-1", "甲", talent.YouthTalent, talent.EmergencyExpert),
			rec(3, "HR-2", "乙"),
			rec(4, "HR-3", "丙", talent.ScienceEnvoy))
		if len(problems) > 0 || res.Inserted != 3 || res.Memberships != 3 || !res.Written {
			t.Fatalf("first import: %+v %v", res, problems)
		}
		a, err := s.ExpertByExternalID(ctx, "HR-1")
		if err != nil {
			t.Fatal(err)
		}
		if a.Name != "甲" || a.Township != "360222204" || a.Version != 1 || a.MaxEngagementsPerMonth != talent.DefaultMonthCap {
			t.Fatalf("imported expert %+v", a)
		}
		ms, _ := s.MembershipsByExperts(ctx, []int64{a.ID})
		if len(ms[a.ID]) != 2 || ms[a.ID][0].Status != talent.StatusAdmitted || ms[a.ID][0].AdmittedAt == nil {
			t.Fatalf("memberships of HR-1: %+v", ms[a.ID])
		}
		byTag, _ := s.FindExperts(ctx, store.ExpertFilter{Fields: []string{"茶学"}, Registries: []talent.Registry{talent.ScienceEnvoy}}, 0, 10)
		if len(byTag) != 1 || byTag[0].ExternalID != "HR-3" {
			t.Fatalf("tags or memberships not written: %+v", byTag)
		}
		first := snapshot(t, s)
		if first.outbox != 3 || first.audit != 6 || first.events != 3 {
			t.Fatalf("want 3 outbox rows, 6 audit rows (3 experts, 3 memberships), 3 events; got %+v", first)
		}

		// The same rows again: nothing at all is written.
		res, _ = mustImport(t, s, store.ImportOptions{}, rec(2, "HR-1", "甲", talent.YouthTalent), rec(3, "HR-2", "乙"), rec(4, "HR-3", "丙"))
		if res.Unchanged != 3 || res.Updated+res.Inserted != 0 {
			t.Fatalf("re-import: %+v", res)
		}
		if again := snapshot(t, s); !again.equal(first) {
			t.Fatalf("re-import changed the database:\n%+v\n%+v", first, again)
		}

		// A changed profile is an update; a new registry alone adds a
		// membership without touching the profile's version.
		changed := rec(2, "HR-1", "甲")
		set := changed.Set
		changed.Set = func(e *talent.Expert) { set(e); e.Title = "高级农艺师" }
		res, problems = mustImport(t, s, store.ImportOptions{}, changed, rec(3, "HR-2", "乙", talent.ScienceEnvoy), rec(4, "HR-3", "丙"))
		if len(problems) > 0 || res.Updated != 2 || res.Unchanged != 1 || res.Memberships != 1 {
			t.Fatalf("update: %+v %v", res, problems)
		}
		a, _ = s.ExpertByExternalID(ctx, "HR-1")
		b, _ := s.ExpertByExternalID(ctx, "HR-2")
		if a.Title != "高级农艺师" || a.Version != 2 || b.Version != 1 {
			t.Fatalf("versions after update: %d %d (%q)", a.Version, b.Version, a.Title)
		}
		after := snapshot(t, s)
		if after.outbox != first.outbox+2 || after.audit != first.audit+2 || after.events != first.events+1 {
			t.Fatalf("want +2 outbox, +2 audit (profile, membership), +1 event; got %+v after %+v", after, first)
		}
	})
}

func TestImportLeavesUnsetFieldsAndMembershipsAlone(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		e := sample("李茶青")
		e.ExternalID = "HR-9"
		e = mustCreate(t, s, e)
		if _, _, err := s.AdmitToRegistry(ctx, store.Admission{ExpertID: e.ID, Registry: talent.ScienceEnvoy, Status: talent.StatusAdmitted}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ChangeMembershipStatus(ctx, store.StatusChangeRequest{ExpertID: e.ID, Registry: talent.ScienceEnvoy, To: talent.StatusExited, Reason: "任期结束"}); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, s)
		// A file with only the name column, listing the registry the expert
		// left: the profile's other fields stay, the exited membership stays
		// exited.
		only := &store.ImportRecord{Row: 2, ExternalID: "HR-9", Registries: []talent.Registry{talent.ScienceEnvoy},
			Set: func(e *talent.Expert) { e.Name = "李茶青" }}
		res, problems := mustImport(t, s, store.ImportOptions{}, only)
		if len(problems) > 0 || res.Unchanged != 1 {
			t.Fatalf("%+v %v", res, problems)
		}
		if after := snapshot(t, s); !after.equal(before) {
			t.Fatal("an import of unchanged values wrote something")
		}
	})
}

func TestImportRejectsBadRecordsAndWritesNothing(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		archived := sample("归档者")
		archived.ExternalID = "HR-OLD"
		archived = mustCreate(t, s, archived)
		if _, err := s.ArchiveExpert(ctx, archived.ID, 0, "调离"); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, s)

		old := rec(5, "HR-5", "老青年", talent.YouthTalent)
		set := old.Set
		old.Set = func(e *talent.Expert) { set(e); e.BirthYear = 1970 }
		noCategory := rec(6, "HR-6", "无类别", talent.EmergencyExpert)
		set6 := noCategory.Set
		noCategory.Set = func(e *talent.Expert) { set6(e); e.EmergencyCategories = nil }
		unknown := rec(7, "HR-7", "火星人")
		set7 := unknown.Set
		unknown.Set = func(e *talent.Expert) {
			set7(e)
			e.Township = "火星镇"
			e.ServiceTownships = []string{"瑶里", "月球乡"}
		}
		parsed := rec(8, "HR-8", "坏年份")
		parsed.Problems.Add(talent.CodeInvalid, "birthYear", "“19八五”不是有效的年份")
		changeArchived := rec(9, "HR-OLD", "归档者改名")

		list := []*store.ImportRecord{
			rec(2, "HR-1", "甲"), rec(3, "", "无编号"), rec(4, "HR-1", "重复"),
			old, noCategory, unknown, parsed, changeArchived, rec(10, "HR-10", "好"),
		}
		for _, batch := range []int{0, 2} {
			res, problems := mustImport(t, s, store.ImportOptions{BatchSize: batch}, list...)
			if res.Written || res.Invalid != 7 || res.Inserted != 2 {
				t.Fatalf("batch %d: %+v", batch, res)
			}
			want := map[string]bool{
				"3 externalId REQUIRED": true, "4 externalId DUPLICATE": true, "5 birthYear AGE_LIMIT": true,
				"6 emergencyCategories CATEGORY_REQUIRED": true, "7 township UNKNOWN_TOWNSHIP": true,
				"7 serviceTownships.1 UNKNOWN_TOWNSHIP": true, "8 birthYear INVALID": true, "9  ARCHIVED": true,
			}
			for _, p := range problems {
				k := fmt.Sprintf("%d %s %s", p.Row, p.Field, p.Code)
				if !want[k] {
					t.Errorf("batch %d: unexpected problem %s: %s", batch, k, p.Message)
				}
				if p.Message == "" {
					t.Errorf("problem %s without a message", k)
				}
				delete(want, k)
			}
			for k := range want {
				t.Errorf("batch %d: problem %s not reported", batch, k)
			}
			if after := snapshot(t, s); !after.equal(before) {
				t.Fatalf("batch %d: a rejected import wrote something", batch)
			}
		}
	})
}

func TestImportPartialAndDryRun(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		bad := rec(3, "HR-2", "坏")
		bad.Problems.Add(talent.CodeInvalid, "gender", "性别无效")
		list := []*store.ImportRecord{rec(2, "HR-1", "甲", talent.ScienceEnvoy), bad, rec(4, "HR-3", "丙")}

		before := snapshot(t, s)
		res, problems := mustImport(t, s, store.ImportOptions{DryRun: true, Partial: true}, list...)
		if res.Written || res.Inserted != 2 || res.Invalid != 1 || res.Memberships != 1 || len(problems) != 1 {
			t.Fatalf("dry run: %+v %v", res, problems)
		}
		if after := snapshot(t, s); !after.equal(before) {
			t.Fatal("a dry run wrote something")
		}

		res, _ = mustImport(t, s, store.ImportOptions{Partial: true}, list...)
		if !res.Written || res.Inserted != 2 || res.Invalid != 1 {
			t.Fatalf("partial: %+v", res)
		}
		n, _ := s.CountExperts(ctx, store.ExpertFilter{})
		if _, err := s.ExpertByExternalID(ctx, "HR-2"); n != 2 || talent.ErrorCode(err) != talent.CodeNotFound {
			t.Fatalf("partial import wrote %d experts, bad row: %v", n, err)
		}
	})
}

// TestImportBatchesMatchIDs checks that rows written by multi-row INSERTs
// across batches get their own ids, tags and memberships.
func TestImportBatchesMatchIDs(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		regs := []talent.Registry{talent.YouthTalent, talent.ScienceEnvoy, talent.EmergencyExpert, talent.SeniorLecturer}
		var list []*store.ImportRecord
		for i := range 23 {
			r := rec(i+2, fmt.Sprintf("B-%02d", i), fmt.Sprintf("专家%d", i), regs[i%4])
			set := r.Set
			r.Set = func(e *talent.Expert) { set(e); e.Fields = []string{fmt.Sprintf("领域%d", i)} }
			list = append(list, r)
		}
		res, problems := mustImport(t, s, store.ImportOptions{BatchSize: 5}, list...)
		if len(problems) > 0 || res.Inserted != 23 || res.Memberships != 23 {
			t.Fatalf("%+v %v", res, problems)
		}
		for i := range 23 {
			e, err := s.ExpertByExternalID(ctx, fmt.Sprintf("B-%02d", i))
			if err != nil {
				t.Fatal(err)
			}
			found, _ := s.FindExperts(ctx, store.ExpertFilter{Fields: []string{fmt.Sprintf("领域%d", i)}, Registries: []talent.Registry{regs[i%4]}}, 0, 5)
			if e.Name != fmt.Sprintf("专家%d", i) || len(found) != 1 || found[0].ID != e.ID {
				t.Fatalf("row %d: expert %q, found by tag and registry: %v", i, e.Name, found)
			}
		}
		before := snapshot(t, s)
		if res, _ := mustImport(t, s, store.ImportOptions{BatchSize: 5}, list...); res.Unchanged != 23 {
			t.Fatalf("re-import: %+v", res)
		}
		if after := snapshot(t, s); !after.equal(before) || after.audit != 46 {
			t.Fatalf("re-import wrote something (%d audit rows, want 46)", after.audit)
		}
	})
}

// TestLargeImportRefreshesStatistics: after a bulk load PostgreSQL has no
// column statistics, and plans the next import's membership lookups as
// full scans (one per batch) until autovacuum comes by.
func TestLargeImportRefreshesStatistics(t *testing.T) {
	s := open(t, testenv.PostgresURL(t))
	list := make([]*store.ImportRecord, 1000)
	for i := range list {
		list[i] = &store.ImportRecord{Row: i + 2, ExternalID: fmt.Sprintf("S-%d", i), Registries: []talent.Registry{talent.ScienceEnvoy},
			Set: func(e *talent.Expert) { e.Name = "统计" }}
	}
	if res, _ := mustImport(t, s, store.ImportOptions{}, list...); res.Inserted != 1000 {
		t.Fatalf("%+v", res)
	}
	var n int
	if err := s.DB().Get(&n, `SELECT COUNT(*) FROM pg_stats WHERE tablename = 'membership' AND attname = 'expert_id'`); err != nil || n != 1 {
		t.Fatalf("membership.expert_id has no statistics after a large import (%d, %v)", n, err)
	}
}
