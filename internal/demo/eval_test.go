package demo

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/fuliang/talent/internal/eval"
	"github.com/fuliang/talent/internal/talent"
)

// evalFile is a judged set and the size it must keep: requests.json, the
// set the matcher was developed on, and holdout.json and holdout2.json,
// each written later without running the system.
type evalFile struct {
	name                 string
	minRequests, minLong int // minLong: descriptions of 300+ characters
	minPerKind           int
}

var evalFiles = []evalFile{{"requests.json", 60, 3, 8}, {"holdout.json", 30, 0, 5}, {"holdout2.json", 30, 0, 5}}

// forEachEval runs check on every judged set.
func forEachEval(t *testing.T, check func(t *testing.T, f evalFile, s *eval.Set)) {
	for _, f := range evalFiles {
		t.Run(f.name, func(t *testing.T) {
			s, err := eval.Load(filepath.Join(evalDir, f.name))
			if err != nil {
				t.Fatal(err)
			}
			check(t, f, s)
		})
	}
}

// TestEvalSetMatchesRoster: the judgments refer to Roster(EvalSeed) by
// external id. Every judged expert must exist, be live (not archived) and
// hold a membership that has not ended — judging someone who can no longer
// be dispatched would reward a matcher for a wrong answer.
func TestEvalSetMatchesRoster(t *testing.T) { forEachEval(t, checkRoster) }

func checkRoster(t *testing.T, f evalFile, s *eval.Set) {
	d := Roster(s.Roster.Seed)
	if s.Roster.Seed != EvalSeed {
		t.Fatalf("evaluation set judged against seed %d, demo default is %d", s.Roster.Seed, EvalSeed)
	}
	if s.Roster.Fingerprint != d.Fingerprint() {
		t.Fatalf("%s was judged against roster %s, the generator now makes %s: "+
			"re-judge the requests against the new roster (testdata/eval/roster.txt) before updating the fingerprint",
			f.name, s.Roster.Fingerprint, d.Fingerprint())
	}
	if s.Roster.Experts != len(d.Experts) {
		t.Fatalf("roster size %d, file says %d", len(d.Experts), s.Roster.Experts)
	}
	for _, r := range s.Requests {
		if len(r.Judgments) == 0 {
			t.Errorf("%s: no judgments", r.ID)
		}
		for id, g := range r.Judgments {
			e, ok := d.ByExternalID(id)
			switch {
			case !ok:
				t.Errorf("%s: %s is not in the roster", r.ID, id)
			case e.Archived():
				t.Errorf("%s: %s is archived", r.ID, id)
			case !e.Active():
				t.Errorf("%s: %s has left every registry", r.ID, id)
			}
			if g < 1 || g > 3 {
				t.Errorf("%s: %s has grade %d, want 1–3", r.ID, id, g)
			}
			if ok && r.Input.Kind == "EMERGENCY" && r.Input.EmergencyCategory != "" {
				// Emergencies filter by category: a judged expert must be
				// an admitted emergency expert of that category.
				m, in := e.Member(rEE)
				hasCat := false
				for _, c := range e.Expert.EmergencyCategories {
					hasCat = hasCat || string(c) == r.Input.EmergencyCategory
				}
				if !in || m.Status != talent.StatusAdmitted || !hasCat {
					t.Errorf("%s: %s is not an admitted %s emergency expert", r.ID, id, r.Input.EmergencyCategory)
				}
			}
		}
	}
}

// TestEvalSetInputs: every input is a valid MatchInput, so the file can be
// sent to the API unchanged.
func TestEvalSetInputs(t *testing.T) { forEachEval(t, checkInputs) }

func checkInputs(t *testing.T, f evalFile, s *eval.Set) {
	kinds := map[string]int{}
	seen := map[string]bool{}
	long := 0
	for _, r := range s.Requests {
		in := r.Input
		if seen[r.ID] {
			t.Errorf("duplicate id %s", r.ID)
		}
		seen[r.ID] = true
		kinds[in.Kind]++
		switch in.Kind {
		case "SCHOOL", "VILLAGE", "ENTERPRISE", "EMERGENCY":
		default:
			t.Errorf("%s: kind %q", r.ID, in.Kind)
		}
		if strings.TrimSpace(in.Description) == "" {
			t.Errorf("%s: empty description", r.ID)
		}
		if len([]rune(in.Description)) >= 300 {
			long++
		}
		if in.Township != "" {
			if _, ok := talent.LookupTownship(in.Township); !ok {
				t.Errorf("%s: township %q", r.ID, in.Township)
			}
		}
		if in.Audience != "" && !talent.Valid(talent.Audiences, in.Audience) {
			t.Errorf("%s: audience %q", r.ID, in.Audience)
		}
		if in.EmergencyCategory != "" && !talent.Valid(talent.EmergencyCategories, in.EmergencyCategory) {
			t.Errorf("%s: category %q", r.ID, in.EmergencyCategory)
		}
		if in.EmergencyCategory != "" && in.Kind != "EMERGENCY" {
			t.Errorf("%s: category on a %s request", r.ID, in.Kind)
		}
		for _, d := range []string{in.From, in.To} {
			if d != "" {
				if _, err := talent.ValidDate("from", "日期", d); err != nil {
					t.Errorf("%s: %v", r.ID, err)
				}
			}
		}
		if in.From != "" && in.To != "" && in.To < in.From {
			t.Errorf("%s: window ends before it starts", r.ID)
		}
		if strings.TrimSpace(r.Note) == "" {
			t.Errorf("%s: no note explaining the judgments", r.ID)
		}
	}
	if len(s.Requests) < f.minRequests || long < f.minLong {
		t.Fatalf("%d requests (%d long), want at least %d with %d of 300+ characters", len(s.Requests), long, f.minRequests, f.minLong)
	}
	for _, k := range []string{"SCHOOL", "VILLAGE", "ENTERPRISE", "EMERGENCY"} {
		if kinds[k] < f.minPerKind {
			t.Errorf("only %d %s requests", kinds[k], k)
		}
	}
}

// TestEvalAvailability: a grade-3 expert must be free on at least one day
// of the request's window — the grading rule the README states.
func TestEvalAvailability(t *testing.T) { forEachEval(t, checkAvailability) }

func checkAvailability(t *testing.T, _ evalFile, s *eval.Set) {
	d := Roster(EvalSeed)
	for _, r := range s.Requests {
		if r.Input.From == "" {
			continue
		}
		from, _ := talent.ValidDate("from", "", r.Input.From)
		to := from
		if r.Input.To != "" {
			to, _ = talent.ValidDate("to", "", r.Input.To)
		}
		for id, g := range r.Judgments {
			if g < 3 {
				continue
			}
			e, _ := d.ByExternalID(id)
			free := false
			for day := from; !day.After(to); day = day.AddDate(0, 0, 1) {
				free = free || e.Expert.Availability.AvailableOn(day)
			}
			if !free {
				t.Errorf("%s: %s graded 3 but unavailable %s–%s", r.ID, id, r.Input.From, r.Input.To)
			}
		}
	}
}
