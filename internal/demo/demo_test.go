package demo

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite testdata/eval/roster.txt from Roster(EvalSeed)")

// evalDir is testdata/eval at the repository root.
var evalDir = filepath.Join("..", "..", "testdata", "eval")

// loadDay is "today" for tests: after every generated record date, in the
// year the roster describes.
var loadDay = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

func rules() talent.Rules {
	r := talent.DefaultRules()
	r.Now = func() time.Time { return loadDay }
	return r
}

func TestDeterministic(t *testing.T) {
	a, b := Roster(EvalSeed), Roster(EvalSeed)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave two different rosters")
	}
	if a.Fingerprint() != b.Fingerprint() {
		t.Fatal("fingerprints differ for equal rosters")
	}
	if c := Roster(EvalSeed + 1); c.Fingerprint() == a.Fingerprint() {
		t.Fatal("a different seed gave the same roster")
	}
}

// TestRosterGolden freezes Roster(EvalSeed): testdata/eval judges its
// experts by external id, so any change to the generator that changes the
// roster must be a deliberate one, followed by re-judging (see
// testdata/eval/README.md). Run `go test ./internal/demo -run Golden -update`
// to rewrite the file after re-judging.
func TestRosterGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := Roster(EvalSeed).WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(evalDir, "roster.txt")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		// The text also carries enum labels and layout; only a changed
		// fingerprint means the roster itself, and so the judgments, changed.
		firstLines := func(b []byte) string { return strings.Join(strings.SplitN(string(b), "\n", 3)[:2], "\n") }
		if firstLines(buf.Bytes()) == firstLines(want) {
			t.Fatalf("%s is out of date but the roster is unchanged (labels or layout): run with -update", path)
		}
		t.Fatalf("Roster(%d) no longer matches %s: the evaluation judgments refer to that roster. "+
			"Re-judge testdata/eval/requests.json (see testdata/eval/README.md), then run with -update", EvalSeed, path)
	}
}

// TestValid: every generated expert passes the domain validation the store
// applies, and every membership is admissible (age limit, categories).
func TestValid(t *testing.T) {
	r := rules()
	for _, seed := range []uint64{EvalSeed, 1, 99} {
		d := Roster(seed)
		for _, e := range d.Experts {
			x := cloneExpert(e.Expert)
			talent.NormalizeExpert(x)
			x.OnCall = false
			if err := r.ValidateExpert(x, nil); err != nil {
				t.Fatalf("seed %d %s: %v", seed, x.ExternalID, err)
			}
			var ms []*talent.Membership
			for _, m := range e.Memberships {
				if err := r.ValidateNewMembership(x, ms, m.Registry, talent.StatusAdmitted, ""); err != nil {
					t.Fatalf("seed %d %s %s: %v", seed, x.ExternalID, m.Registry, err)
				}
				ms = append(ms, &talent.Membership{Registry: m.Registry, Status: m.Status})
			}
			if e.Expert.OnCall {
				x.OnCall = true
				if err := r.ValidateExpert(x, ms); err != nil {
					t.Fatalf("seed %d %s on call: %v", seed, x.ExternalID, err)
				}
			}
			for _, rec := range e.Recommendations {
				if err := r.ValidateRecommendation(&rec); err != nil {
					t.Fatalf("seed %d %s: %v", seed, x.ExternalID, err)
				}
			}
			for _, a := range e.Assignments {
				if err := r.ValidateAssignment(&a.EnvoyAssignment); err != nil {
					t.Fatalf("seed %d %s: %v", seed, x.ExternalID, err)
				}
				for _, l := range a.Logs {
					if err := r.ValidateServiceLog(&l); err != nil {
						t.Fatalf("seed %d %s: %v", seed, x.ExternalID, err)
					}
				}
			}
		}
		for _, o := range d.Organizations {
			c := *o
			if err := r.ValidateOrganization(&c); err != nil {
				t.Fatalf("organisation %s: %v", o.Name, err)
			}
		}
	}
}

// Registry sizes are fixed by the templates' slots, whatever the seed.
var wantMembers = map[talent.Registry]int{rYT: 87, rSL: 60, rSE: 78, rEE: 58}

const wantExperts = 256

func TestComposition(t *testing.T) {
	for _, seed := range []uint64{EvalSeed, 7} {
		d := Roster(seed)
		if len(d.Experts) != wantExperts {
			t.Fatalf("seed %d: %d experts, want %d", seed, len(d.Experts), wantExperts)
		}
		members := map[talent.Registry]int{}
		statuses := map[talent.Registry]map[talent.MembershipStatus]int{}
		names := map[string]bool{}
		multi, archived, onCall := 0, 0, 0
		for i, e := range d.Experts {
			if want := "DEMO-" + pad4(i+1); e.Expert.ExternalID != want {
				t.Fatalf("external id %q, want %q", e.Expert.ExternalID, want)
			}
			if names[e.Expert.Name] {
				t.Fatalf("seed %d: name %s used twice", seed, e.Expert.Name)
			}
			names[e.Expert.Name] = true
			for _, m := range e.Memberships {
				members[m.Registry]++
				if statuses[m.Registry] == nil {
					statuses[m.Registry] = map[talent.MembershipStatus]int{}
				}
				statuses[m.Registry][m.Status]++
				if m.Registry == rYT && e.Expert.BirthYear < refYear-talent.DefaultRules().YouthAgeLimit {
					t.Fatalf("%s: youth talent born %d", e.Expert.ExternalID, e.Expert.BirthYear)
				}
			}
			if len(e.Memberships) > 1 {
				multi++
			}
			if e.Archived() {
				archived++
			}
			if e.Expert.OnCall {
				onCall++
			}
		}
		if !reflect.DeepEqual(members, wantMembers) {
			t.Fatalf("seed %d: members %v, want %v", seed, members, wantMembers)
		}
		for reg, byStatus := range statuses {
			for _, st := range []talent.MembershipStatus{talent.StatusAdmitted, talent.StatusSuspended, talent.StatusExited} {
				if byStatus[st] == 0 {
					t.Errorf("seed %d: no %s member of %s", seed, st, reg)
				}
			}
		}
		if multi < 25 || archived != 4 || onCall < 15 {
			t.Fatalf("seed %d: %d in several registries, %d archived, %d on call", seed, multi, archived, onCall)
		}
		kinds := map[talent.OrganizationKind]int{}
		for _, o := range d.Organizations {
			kinds[o.Kind]++
		}
		if kinds[talent.OrgSchool] < 20 || kinds[talent.OrgVillage] < 20 || kinds[talent.OrgEnterprise] < 10 || kinds[talent.OrgDepartment] < 5 {
			t.Fatalf("organisations %v", kinds)
		}
	}
}

func pad4(n int) string {
	s := "0000" + itoa(n)
	return s[len(s)-4:]
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// TestYoungClaimsNoDecades guards the text against the most visible
// generator mistake: a thirty-year-old with "三十余年" of experience.
func TestYoungClaimsNoDecades(t *testing.T) {
	for _, e := range Roster(EvalSeed).Experts {
		x := e.Expert
		if x.BirthYear == 0 {
			continue
		}
		career := refYear - x.BirthYear - 21
		for _, c := range seniority {
			if strings.Contains(x.Bio, c.text+"余年") && career < c.years {
				t.Errorf("%s born %d: %q", x.ExternalID, x.BirthYear, x.Bio)
			}
		}
	}
}

// eachDialect runs fn on a fresh, migrated SQLite store and on a fresh
// PostgreSQL database (skipped on a developer machine without one, required
// in CI; see internal/testenv).
func eachDialect(t *testing.T, fn func(t *testing.T, st *store.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, openStore(t, ""))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, openStore(t, testenv.PostgresURL(t)))
	})
}

func openStore(t *testing.T, url string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{DatabaseURL: url, DataDir: t.TempDir(), Rules: rules()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx, nil); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestLoad loads the roster into a real SQLite store twice: the first run
// writes everything, the second nothing.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 256 experts")
	}
	eachDialect(t, testLoad)
}

func testLoad(t *testing.T, st *store.Store) {
	ctx := context.Background()
	d := Roster(EvalSeed)
	before := d.Fingerprint()
	sum, err := Load(ctx, st, d)
	if err != nil {
		t.Fatal(err)
	}
	if d.Fingerprint() != before {
		t.Fatal("Load modified the roster it was given")
	}
	if sum.ExpertsCreated != wantExperts || sum.ExpertsSkipped != 0 || sum.OrganizationsCreated != len(d.Organizations) {
		t.Fatalf("first load: %+v", sum)
	}
	if !reflect.DeepEqual(sum.Memberships, wantMembers) {
		t.Fatalf("memberships %v, want %v", sum.Memberships, wantMembers)
	}
	if sum.ServiceLogsSkipped != 0 || sum.ServiceLogs == 0 || sum.Assignments == 0 || sum.Recommendations == 0 {
		t.Fatalf("records: %+v", sum)
	}
	if !strings.Contains(sum.String(), "科技特派员：78 人") {
		t.Fatalf("summary text:\n%s", sum)
	}

	// What the store holds matches the roster's final states.
	counts, err := st.RegistrySummary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[talent.Registry]map[talent.MembershipStatus]int{}
	for _, e := range d.Experts {
		if e.Archived() {
			continue // RegistrySummary leaves archived experts out
		}
		for _, m := range e.Memberships {
			if want[m.Registry] == nil {
				want[m.Registry] = map[talent.MembershipStatus]int{}
			}
			want[m.Registry][m.Status]++
		}
	}
	got := map[talent.Registry]map[talent.MembershipStatus]int{}
	for _, c := range counts {
		if got[c.Registry] == nil {
			got[c.Registry] = map[talent.MembershipStatus]int{}
		}
		got[c.Registry][c.Status] = c.Count
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("registry summary %v, want %v", got, want)
	}
	on := true
	n, err := st.CountExperts(ctx, store.ExpertFilter{OnCall: &on})
	if err != nil || n != sum.OnCall {
		t.Fatalf("on call: %d (%v), want %d", n, err, sum.OnCall)
	}
	all, err := st.CountExperts(ctx, store.ExpertFilter{IncludeArchived: true})
	if err != nil || all != wantExperts {
		t.Fatalf("experts: %d (%v)", all, err)
	}
	x, err := st.ExpertByExternalID(ctx, d.Experts[0].Expert.ExternalID)
	if err != nil || x.Name != d.Experts[0].Expert.Name || x.Bio != d.Experts[0].Expert.Bio {
		t.Fatalf("read back: %+v %v", x, err)
	}

	again, err := Load(ctx, st, d)
	if err != nil {
		t.Fatal(err)
	}
	if again.ExpertsCreated != 0 || again.ExpertsSkipped != wantExperts || again.OrganizationsCreated != 0 ||
		again.OrganizationsSkipped != len(d.Organizations) || again.Recommendations != 0 || again.ServiceLogs != 0 {
		t.Fatalf("second load wrote something: %+v", again)
	}
	if all2, _ := st.CountExperts(ctx, store.ExpertFilter{IncludeArchived: true}); all2 != wantExperts {
		t.Fatalf("second load: %d experts", all2)
	}
}

// TestLoadSkipsFutureLogs: loading on a day before some service logs (a
// clock set back, or the roster loaded early) skips those logs instead of
// failing the whole load.
func TestLoadSkipsFutureLogs(t *testing.T) {
	ctx := context.Background()
	r := talent.DefaultRules()
	r.Now = func() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) }
	st, err := store.Open(ctx, store.Options{DataDir: t.TempDir(), Rules: r})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx, nil); err != nil {
		t.Fatal(err)
	}
	d := Roster(EvalSeed)
	// Only the envoys: enough to exercise the logs, quick to load.
	var envoys []*Entry
	for _, e := range d.Experts {
		if len(e.Assignments) > 0 && len(envoys) < 15 {
			envoys = append(envoys, e)
		}
	}
	d.Experts, d.Organizations = envoys, nil
	sum, err := Load(ctx, st, d)
	if err != nil {
		t.Fatal(err)
	}
	if sum.ServiceLogsSkipped == 0 || sum.ExpertsCreated != len(envoys) {
		t.Fatalf("%+v", sum)
	}
}

func TestSynthetic(t *testing.T) {
	const n = 2000
	gen := Synthetic(n, 42)
	again := Synthetic(n, 42)
	r := rules()
	seen := map[string]bool{}
	for i := range n {
		e := gen(i)
		if e.ID != int64(i+1) || seen[e.ExternalID] {
			t.Fatalf("expert %d: id %d, external id %q", i, e.ID, e.ExternalID)
		}
		seen[e.ExternalID] = true
		x := cloneExpert(e)
		x.OnCall = false
		talent.NormalizeExpert(x)
		if err := r.ValidateExpert(x, nil); err != nil {
			t.Fatalf("synthetic %d: %v", i, err)
		}
		if !reflect.DeepEqual(e, again(i)) {
			t.Fatalf("synthetic %d differs between two generators with the same seed", i)
		}
	}
	// Random access: the 1000th expert does not depend on the others.
	if !reflect.DeepEqual(Synthetic(n, 42)(999), gen(999)) {
		t.Fatal("not random-access")
	}
	if reflect.DeepEqual(Synthetic(n, 43)(5), gen(5)) {
		t.Fatal("seed ignored")
	}
	entries := SyntheticEntries(n, 42)
	regs := map[talent.Registry]int{}
	for i := range n {
		for _, m := range entries(i).TalentMemberships() {
			regs[m.Registry]++
		}
	}
	for _, reg := range []talent.Registry{rYT, rSL, rSE, rEE} {
		if regs[reg] < n/10 {
			t.Fatalf("synthetic registries %v", regs)
		}
	}
	defer func() {
		if recover() == nil {
			t.Fatal("out of range index did not panic")
		}
	}()
	gen(n)
}

func BenchmarkSynthetic(b *testing.B) {
	const n = 100_000
	gen := Synthetic(n, 1)
	for i := 0; b.Loop(); i++ {
		_ = gen(i % n)
	}
}

func BenchmarkRoster(b *testing.B) {
	for b.Loop() {
		Roster(EvalSeed)
	}
}
