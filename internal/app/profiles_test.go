package app

import (
	"context"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
)

// The profile cache saves the loading, never the freshness: each write to
// a profile or its memberships is seen by the next match.
func TestProfileCacheSeesEveryWrite(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{DataDir: t.TempDir(), Rules: talent.DefaultRules()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx, nil); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, name := range []string{"甲", "乙", "丙"} {
		e, err := st.CreateExpert(ctx, &talent.Expert{Name: name, Township: "浮梁镇", Expertise: []string{"茶叶"}, Bio: "初版"})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.AdmitToRegistry(ctx, store.Admission{ExpertID: e.ID, Registry: talent.ScienceEnvoy, Status: talent.StatusAdmitted}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	p := newProfiles(st, 2)
	load := func(id int64) *talent.Expert {
		t.Helper()
		got, err := p.Profiles(ctx, []int64{id}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if got[id] == nil || got[id].Text == nil {
			t.Fatalf("profile %d: %+v", id, got[id])
		}
		return got[id].Expert
	}
	first := load(ids[0])
	if again := load(ids[0]); again != first {
		t.Error("an unchanged profile was loaded again instead of coming from the cache")
	}

	if _, err := st.UpdateExpert(ctx, ids[0], first.Version, func(e *talent.Expert) error { e.Bio = "第二版"; return nil }); err != nil {
		t.Fatal(err)
	}
	if got := load(ids[0]); got.Bio != "第二版" {
		t.Errorf("after an update the matcher sees bio %q", got.Bio)
	}

	if _, err := st.ChangeMembershipStatus(ctx, store.StatusChangeRequest{ExpertID: ids[0], Registry: talent.ScienceEnvoy, To: talent.StatusSuspended, Reason: "测试"}); err != nil {
		t.Fatal(err)
	}
	got, err := p.Profiles(ctx, ids[:1], time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if ms := got[ids[0]].Memberships; len(ms) != 1 || ms[0].Status != talent.StatusSuspended {
		t.Errorf("after suspension the matcher sees memberships %+v", ms)
	}

	// Bounded: three experts through a cache of two.
	all, err := p.Profiles(ctx, ids, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || len(p.cache) > 2 {
		t.Errorf("%d profiles returned, %d cached (max 2)", len(all), len(p.cache))
	}
	// A deleted or unknown expert is simply absent.
	if got, err := p.Profiles(ctx, []int64{ids[1], 987654}, time.Now()); err != nil || len(got) != 1 || got[ids[1]] == nil {
		t.Errorf("with an unknown id: %v %v", got, err)
	}
}
