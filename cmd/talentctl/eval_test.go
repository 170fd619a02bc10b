package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/config"
	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/eval"
	"github.com/fuliang/talent/internal/sheet"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
)

// qualityFloors are the match nDCG@10 each judged set must keep, per
// backend, a little under the figures in the README, and how far match
// must stay above plain full-text search (searchExperts) on it: a change
// that loses ranking quality fails here rather than in the next
// evaluation. Raise them when the matcher improves; lower them only with a
// reason in the commit. The sets judged on rosters of their own
// (holdout3–5) are easier for plain search, whose clerk-typed keywords it
// finds well; holdout5.json was read for one failure only, holdout6.json
// for none; holdout7.json's and holdout8.json's failures were read in
// session 6, holdout9.json's were not, holdout10.json's were.
var qualityFloors = map[string]struct{ embedded, meili, lift float64 }{
	"requests.json":  {0.89, 0.87, 0.08},
	"holdout.json":   {0.81, 0.80, 0.08},
	"holdout2.json":  {0.86, 0.84, 0.08},
	"holdout3.json":  {0.87, 0.87, 0.08},
	"holdout4.json":  {0.84, 0.83, 0.04},
	"holdout5.json":  {0.89, 0.87, 0},
	"holdout6.json":  {0.87, 0.87, 0.02},
	"holdout7.json":  {0.84, 0.83, 0.08},
	"holdout8.json":  {0.82, 0.81, 0.02},
	"holdout9.json":  {0.84, 0.80, 0.06},
	"holdout10.json": {0.86, 0.82, 0.08},
}

// TestEvalQuality runs every judged set through the real GraphQL API on
// both search backends (Meilisearch as under `make test`) and checks match
// against its floor and against searchExperts.
func TestEvalQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation")
	}
	var cfg config.Config
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	cfg.Register(fs)
	for name, floors := range qualityFloors {
		set, err := eval.Load(filepath.Join("..", "..", "testdata", "eval", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, backend := range []string{"embedded", "meili"} {
			t.Run(fmt.Sprintf("%s/%s", name, backend), func(t *testing.T) {
				cfg := cfg
				if backend == "meili" {
					cfg.MeiliURL, cfg.MeiliKey = testenv.Meili(t)
				}
				run, err := runEval(context.Background(), cfg, set, backend, 10)
				if err != nil {
					t.Fatal(err)
				}
				m, base := run.systems["match"], run.systems["searchExperts"]
				t.Logf("match nDCG@10 %.3f recall@10 %.3f; searchExperts %.3f / %.3f", m.NDCG, m.Recall, base.NDCG, base.Recall)
				floor := floors.embedded
				if backend == "meili" {
					floor = floors.meili
				}
				if m.NDCG < floor {
					t.Errorf("match nDCG@10 %.3f fell below its floor %.2f", m.NDCG, floor)
				}
				if m.NDCG-base.NDCG < floors.lift {
					t.Errorf("match nDCG@10 %.3f is not %.2f above searchExperts (%.3f)", m.NDCG, floors.lift, base.NDCG)
				}
			})
		}
	}
}

// TestEvalRosterFile: a set judged on a roster spreadsheet must import
// cleanly through the clerks' import, have the size it says, and judge
// only people who exist, hold an admitted membership, and, for an
// emergency that names its category, are admitted emergency experts of it.
func TestEvalRosterFile(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "eval", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, path := range paths {
		set, err := eval.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if set.Roster.File == "" {
			continue // the demo roster: internal/demo checks those sets
		}
		checked++
		t.Run(filepath.Base(path), func(t *testing.T) {
			ctx, st := migratedStore(t, t.TempDir())
			defer st.Close()
			rep, err := sheet.ImportFile(ctx, st, set.Roster.File, sheet.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.OK() {
				t.Fatalf("%s: %d problems, first: %s", set.Roster.File, rep.ProblemCount, rep.Problems[0].Message)
			}
			if rep.Inserted != set.Roster.Experts {
				t.Fatalf("roster has %d experts, the set says %d", rep.Inserted, set.Roster.Experts)
			}
			for _, c := range set.Requests {
				for id, g := range c.Judgments {
					if g < 1 || g > 3 {
						t.Errorf("%s: %s has grade %d, want 1–3", c.ID, id, g)
					}
					e, err := st.ExpertByExternalID(ctx, id)
					if err != nil {
						t.Errorf("%s: %s: %v", c.ID, id, err)
						continue
					}
					ms, err := st.MembershipsByExperts(ctx, []int64{e.ID})
					if err != nil {
						t.Fatal(err)
					}
					admitted, emergency := false, false
					for _, m := range ms[e.ID] {
						admitted = admitted || m.Status == talent.StatusAdmitted
						emergency = emergency || m.Registry == talent.EmergencyExpert && m.Status == talent.StatusAdmitted
					}
					if !admitted {
						t.Errorf("%s: %s is admitted to no roster", c.ID, id)
					}
					if c.Input.Kind == "EMERGENCY" {
						if !emergency {
							t.Errorf("%s: %s is not an admitted emergency expert", c.ID, id)
						}
						if cat := c.Input.EmergencyCategory; cat != "" && !slices.Contains(e.EmergencyCategories, talent.EmergencyCategory(cat)) {
							t.Errorf("%s: %s is not in category %s", c.ID, id, cat)
						}
					}
				}
			}
		})
	}
	if checked == 0 {
		t.Fatal("no judged set names a roster file")
	}
}

// TestSynonymGapsCommand: `talentctl synonyms gaps` lists a word of a stored
// request that no profile has, with the request's title.
func TestSynonymGapsCommand(t *testing.T) {
	dir := t.TempDir()
	ctx, st := migratedStore(t, dir)
	if _, err := st.CreateExpert(ctx, &talent.Expert{Name: "植保员", Expertise: []string{"稻飞虱防治"}, MaxEngagementsPerMonth: 4}); err != nil {
		t.Fatal(err)
	}
	org, err := st.CreateOrganization(ctx, &talent.Organization{Kind: talent.OrgVillage, Name: "沧溪村", Township: "勒功乡"})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	if _, err := st.SubmitRequest(ctx, &dispatch.Request{Kind: dispatch.Village, OrganizationID: org.ID, ContactName: "李书记",
		ContactPhone: "13900001111", Title: "跳虫太多", Description: "田里跳虫太多了，稻飞虱也有", Township: "勒功乡",
		WindowStart: start, WindowEnd: start, DurationMinutes: 90}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, _, err := talentctl(t, dir, "synonyms", "gaps", "--days", "7")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "跳虫") || !strings.Contains(out, "例：跳虫太多") || strings.Contains(out, "稻飞虱 ") {
		t.Fatalf("output:\n%s", out)
	}
}

// migratedStore opens an SQLite store in dir, migrated, with a context
// that names an actor for the audit trail.
func migratedStore(t *testing.T, dir string) (context.Context, *store.Store) {
	t.Helper()
	ctx := talent.WithActor(context.Background(), talent.Actor{Name: "test"})
	st, err := store.Open(ctx, store.Options{DataDir: dir, Rules: talent.DefaultRules()})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(ctx, nil); err != nil {
		st.Close()
		t.Fatal(err)
	}
	return ctx, st
}
