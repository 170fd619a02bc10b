// Package e2e drives the web pages in headless Chromium (Debian's, through
// playwright-core from npm) against a real talentd: a school submits a
// request, a dispatcher invites the top candidate, the expert accepts, the
// school sees it and, once delivered, rates it; an expert cannot edit
// another expert's profile. Screenshots of the main pages at 375 px go to
// TALENT_E2E_SCREENSHOTS, or to the git-ignored screenshots/ next to this
// file.
package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/app"
	"github.com/fuliang/talent/internal/auth"
	"github.com/fuliang/talent/internal/config"
	"github.com/fuliang/talent/internal/dispatch"
	"github.com/fuliang/talent/internal/server"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
	"github.com/fuliang/talent/internal/web"
)

// playwrightVersion works with Node 18+ and drives current Chromium over CDP.
const playwrightVersion = "1.55.0"

// EnvChromium names the browser binary; scripts/browser.sh prints it.
const EnvChromium = "TALENT_TEST_CHROMIUM"

const password = "e2e-密码-12345"

// fixture is what the test puts into the store before the browser runs,
// and the browser to run the page scripts in.
type fixture struct {
	st                   *store.Store
	url                  string
	lecturer, otherOne   *talent.Expert
	school, dispatcher   string // logins
	expert               string
	officer, organizer   string
	otherBioBeforeScript string

	chromium, node, playwright, shots string
}

// run executes one phase of a page script (e2e.mjs, or another script in
// this directory built on lib.mjs) and returns the JSON line it printed.
// The E2E_* variables name the server, the logins and the experts; extra
// adds NAME=value pairs.
func (f *fixture) run(t *testing.T, script, phase string, extra ...string) map[string]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, f.node, script, phase)
	cmd.Env = append(os.Environ(),
		"TMPDIR="+t.TempDir(), // Playwright's fresh browser profile lives here
		"E2E_BASE_URL="+f.url, "E2E_CHROMIUM="+f.chromium, "E2E_PLAYWRIGHT="+f.playwright, "E2E_SCREENSHOTS="+f.shots,
		"E2E_PASSWORD="+password, "E2E_SCHOOL="+f.school, "E2E_DISPATCHER="+f.dispatcher, "E2E_EXPERT="+f.expert,
		"E2E_OFFICER="+f.officer, "E2E_ORGANIZER="+f.organizer,
		"E2E_OWN_EXPERT_ID="+strconv.FormatInt(f.lecturer.ID, 10), "E2E_OTHER_EXPERT_ID="+strconv.FormatInt(f.otherOne.ID, 10),
		"E2E_TOP_CANDIDATE="+f.lecturer.Name)
	cmd.Env = append(cmd.Env, extra...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", script, phase, err, stdout.String(), stderr.String())
	}
	t.Logf("%s %s:\n%s", script, phase, stderr.String())
	out := map[string]string{}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &out); err != nil {
		t.Fatalf("%s %s printed no result: %v\n%s", script, phase, err, stdout.String())
	}
	return out
}

func TestPagesEndToEnd(t *testing.T) {
	f := start(t)

	run := func(phase string, extra ...string) map[string]string { return f.run(t, "e2e.mjs", phase, extra...) }

	// The school orders, the dispatcher invites, the expert accepts.
	got := run("order")
	ctx := context.Background()
	reqID, err := strconv.ParseInt(got["requestId"], 10, 64)
	if err != nil {
		t.Fatalf("request id %q: %v", got["requestId"], err)
	}
	req, err := f.st.Request(ctx, reqID)
	if err != nil {
		t.Fatal(err)
	}
	if req.Status != dispatch.Accepted {
		t.Fatalf("request after the expert accepted: status %s", req.Status)
	}
	engs, err := f.st.EngagementsByRequests(ctx, []int64{reqID})
	if err != nil || len(engs[reqID]) != 1 || engs[reqID][0].ExpertID != f.lecturer.ID {
		t.Fatalf("engagements of request %d: %v %v", reqID, engs[reqID], err)
	}
	// Nothing was saved on the other expert's profile.
	other, err := f.st.Expert(ctx, f.otherOne.ID)
	if err != nil {
		t.Fatal(err)
	}
	if other.Version != f.otherOne.Version || other.Bio != f.otherBioBeforeScript {
		t.Fatalf("another expert's profile changed from the page: version %d, bio %q", other.Version, other.Bio)
	}

	// Delivery is recorded through the store (the pages for scheduling and
	// completion are not built yet); then the school rates it on its page.
	now := time.Now()
	startsAt := now.Add(5 * time.Minute)
	if dispatch.Day(startsAt) != dispatch.Day(now) {
		t.Skip("skipping the rating step: within 5 minutes of midnight in China, a delivery cannot start and be completed today")
	}
	eng := engs[reqID][0]
	if _, err := f.st.ScheduleEngagement(ctx, store.ScheduleInput{EngagementID: eng.ID, StartsAt: startsAt}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.CompleteEngagement(ctx, eng.ID, dispatch.Completion{Date: dispatch.Day(startsAt), Attendees: 118}); err != nil {
		t.Fatal(err)
	}
	run("rate", "E2E_REQUEST_ID="+got["requestId"])
	rated, err := f.st.Engagement(ctx, eng.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rated.Rating != 5 {
		t.Fatalf("rating after the school rated: %d", rated.Rating)
	}
	if req, err = f.st.Request(ctx, reqID); err != nil || req.Status != dispatch.Rated {
		t.Fatalf("request after rating: %v %v", req.Status, err)
	}
}

// chromiumPath is the browser to drive: TALENT_TEST_CHROMIUM, else chromium
// on PATH. Missing, the test is skipped, and fails in CI.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv(EnvChromium); p != "" {
		return p
	}
	p, err := exec.LookPath("chromium")
	if err == nil {
		return p
	}
	if testenv.InCI() {
		t.Fatalf("%s is not set and chromium is not on PATH: the page tests need it in CI; `make test` runs scripts/browser.sh to provide it", EnvChromium)
	}
	t.Skipf("skipping: needs Chromium (set %s, e.g. $(bash scripts/browser.sh))", EnvChromium)
	return ""
}

// start serves talentd's GraphQL API and the pages over a fresh SQLite
// database with a school, a dispatcher, a registry officer, an organiser
// and two lecturers, and finds the browser (skipping outside CI when there
// is none).
func start(t *testing.T) *fixture {
	t.Helper()
	chromium := chromiumPath(t)
	node, playwright := testenv.NodePackage(t, "playwright-core", playwrightVersion)
	shots := os.Getenv("TALENT_E2E_SCREENSHOTS")
	if shots == "" {
		shots = "screenshots"
	}
	shots, err := filepath.Abs(shots)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	var cfg config.Config
	cfg.Register(flag.NewFlagSet("e2e", flag.ContinueOnError))
	cfg.DataDir, cfg.DatabaseURL, cfg.MeiliURL, cfg.Migrate, cfg.Worker, cfg.Demo = t.TempDir(), "", "", true, false, false
	ctx, cancel := context.WithCancel(context.Background())
	a, err := app.Open(ctx, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.InitIndex(ctx); err != nil {
		t.Fatal(err)
	}
	a.Start(ctx)
	t.Cleanup(func() { cancel(); a.Close() })
	srv, err := server.New(a, server.Limits(cfg))
	if err != nil {
		t.Fatal(err)
	}
	// The routes as internal/server mounts them: the API, and the pages at "/".
	mux := http.NewServeMux()
	api := srv.Handler()
	for _, p := range []string{"/graphql", "/graphiql/", "/healthz", "/readyz", "/metrics"} {
		mux.Handle(p, api)
	}
	mux.Handle("/", web.Handler())
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)

	st := a.Store
	f := &fixture{st: st, url: ts.URL, school: "school", dispatcher: "dispatcher", expert: "lecturer", officer: "officer", organizer: "organizer",
		chromium: chromium, node: node, playwright: playwright, shots: shots}
	school, err := st.CreateOrganization(ctx, &talent.Organization{Kind: talent.OrgSchool, Name: "浮梁县第一小学", Township: "浮梁镇"})
	if err != nil {
		t.Fatal(err)
	}
	f.lecturer = lecturer(t, st, &talent.Expert{Name: "程星河", Title: "高级教师（退休）", Organization: "浮梁县第一中学", Township: "浮梁镇",
		Expertise: []string{"天文", "星座观测"}, Bio: "退休物理教师，长期带学生观星。",
		LectureTopics: []talent.LectureTopic{{Title: "走近星空：认识四季星座", Minutes: 60, Audiences: []talent.Audience{talent.PrimarySchool}}},
		Audiences:     []talent.Audience{talent.PrimarySchool}, MaxEngagementsPerMonth: 3})
	f.otherOne = lecturer(t, st, &talent.Expert{Name: "李茗", Title: "农艺师", Organization: "县茶叶局", Township: "江村乡",
		Expertise: []string{"茶叶病虫害"}, Bio: "从事茶叶病虫害防治三十年。", MaxEngagementsPerMonth: 4})
	f.otherBioBeforeScript = f.otherOne.Bio

	user(t, st, &talent.User{Login: "admin", DisplayName: "管理员", Role: talent.RoleAdmin})
	user(t, st, &talent.User{Login: f.dispatcher, DisplayName: "县科协派单员", Role: talent.RoleDispatch})
	user(t, st, &talent.User{Login: f.school, DisplayName: "王老师（第一小学）", Role: talent.RoleRequester, OrganizationID: school.ID})
	user(t, st, &talent.User{Login: f.expert, DisplayName: "程星河", Role: talent.RoleExpert, ExpertID: f.lecturer.ID})
	user(t, st, &talent.User{Login: f.officer, DisplayName: "人才库管理员", Role: talent.RoleOfficer,
		Registries: []talent.Registry{talent.YouthTalent, talent.SeniorLecturer, talent.ScienceEnvoy, talent.EmergencyExpert}})
	user(t, st, &talent.User{Login: f.organizer, DisplayName: "县科协组织者", Role: talent.RoleOrganizer})
	return f
}

func lecturer(t *testing.T, st *store.Store, e *talent.Expert) *talent.Expert {
	t.Helper()
	ctx := context.Background()
	created, err := st.CreateExpert(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.AdmitToRegistry(ctx, store.Admission{ExpertID: created.ID, Registry: talent.SeniorLecturer, Status: talent.StatusAdmitted}); err != nil {
		t.Fatal(err)
	}
	got, err := st.Expert(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func user(t *testing.T, st *store.Store, u *talent.User) {
	t.Helper()
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(context.Background(), u, hash); err != nil {
		t.Fatal(fmt.Errorf("user %s: %w", u.Login, err))
	}
}
