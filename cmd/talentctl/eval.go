package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/fuliang/talent/graph"
	"github.com/fuliang/talent/internal/app"
	"github.com/fuliang/talent/internal/config"
	"github.com/fuliang/talent/internal/demo"
	"github.com/fuliang/talent/internal/eval"
	"github.com/fuliang/talent/internal/server"
	"github.com/fuliang/talent/internal/sheet"
	"github.com/fuliang/talent/internal/talent"
)

func init() {
	var setPath, backends string
	var k int
	var verbose bool
	var only string
	register(&command{
		name:    "eval",
		summary: "在评测集上比较 searchExperts（纯全文检索）与 match（综合排序）的 nDCG 和召回率",
		usage:   "",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&setPath, "set", "testdata/eval/requests.json", "评测集文件")
			fs.StringVar(&backends, "backends", "embedded", "检索后端，逗号分隔：embedded、meili（需 --meili-url）")
			fs.IntVar(&k, "k", 10, "截断位置 k（nDCG@k、recall@k）")
			fs.BoolVar(&verbose, "verbose", false, "逐条列出各需求的得分")
			fs.StringVar(&only, "case", "", "只评测这些需求（逗号分隔的编号），并列出两种系统的排序与评判")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			set, err := eval.Load(setPath)
			if err != nil {
				return err
			}
			if only != "" {
				keep := map[string]bool{}
				for _, id := range strings.Split(only, ",") {
					keep[strings.TrimSpace(id)] = true
				}
				var cases []eval.Case
				for _, c := range set.Requests {
					if keep[c.ID] {
						cases = append(cases, c)
					}
				}
				set.Requests = cases
				verbose = true
			}
			for _, b := range strings.Split(backends, ",") {
				if err := evalBackend(ctx, e, set, strings.TrimSpace(b), k, verbose); err != nil {
					return fmt.Errorf("%s：%w", b, err)
				}
			}
			return nil
		},
	})
}

// evalRun is one backend's result on a judged set.
type evalRun struct {
	experts int                     // roster size
	systems map[string]eval.Summary // by system name: searchExperts, match
	took    map[string]time.Duration
}

// evalSystems are the two systems compared: plain full-text search of the
// request's text, and the matcher.
var evalSystems = []struct {
	name  string
	query string
	vars  func(c eval.Case, k int) map[string]any
	path  []string
}{
	{"searchExperts", `query($q: String!, $n: Int) { r: searchExperts(query: $q, first: $n) { edges { node { externalId } } } }`,
		func(c eval.Case, k int) map[string]any {
			return map[string]any{"q": strings.TrimSpace(c.Input.Title + " " + c.Input.Description), "n": k}
		}, []string{"edges", "node"}},
	{"match", `query($in: MatchInput!, $n: Int) { r: match(input: $in, first: $n) { candidates { expert { externalId } } } }`,
		func(c eval.Case, k int) map[string]any { return map[string]any{"in": c.Input, "n": k} }, []string{"candidates", "expert"}},
}

// runEval loads the judged roster into a fresh SQLite database and the
// chosen search backend, then asks both systems through the real GraphQL
// handler, as a client would. A generated roster is loaded directly, a
// roster spreadsheet through the clerks' import.
func runEval(ctx context.Context, cfg config.Config, set *eval.Set, backend string, k int) (*evalRun, error) {
	dir, err := os.MkdirTemp("", "talent-eval-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cfg.DataDir, cfg.DatabaseURL, cfg.Migrate, cfg.Worker = dir, "", true, false
	switch backend {
	case "embedded":
		cfg.MeiliURL = ""
	case "meili":
		if cfg.MeiliURL == "" {
			return nil, fmt.Errorf("需要 --meili-url 和 --meili-key")
		}
		cfg.IndexName = fmt.Sprintf("eval_%d", time.Now().UnixNano())
	default:
		return nil, fmt.Errorf("未知后端 %q", backend)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.Open(ctx, cfg, quiet)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	run := &evalRun{systems: map[string]eval.Summary{}, took: map[string]time.Duration{}}
	if set.Roster.File != "" {
		rep, err := sheet.ImportFile(talent.WithActor(ctx, talent.Actor{Name: "eval"}), a.Store, set.Roster.File, sheet.Options{})
		if err != nil {
			return nil, err
		}
		if !rep.OK() {
			return nil, fmt.Errorf("名册 %s 有 %d 处问题，第一处：%s", set.Roster.File, rep.ProblemCount, rep.Problems[0].Message)
		}
		run.experts = rep.Inserted + rep.Updated + rep.Unchanged
	} else {
		data := demo.Roster(set.Roster.Seed)
		if fp := data.Fingerprint(); fp != set.Roster.Fingerprint {
			return nil, fmt.Errorf("评测集是在另一份名册上评判的（指纹 %s，当前 %s）", set.Roster.Fingerprint, fp)
		}
		if _, err := demo.Load(ctx, a.Store, data); err != nil {
			return nil, err
		}
		run.experts = len(data.Experts)
	}
	if run.experts != set.Roster.Experts {
		return nil, fmt.Errorf("名册有 %d 位专家，评测集写的是 %d 位", run.experts, set.Roster.Experts)
	}
	if err := a.InitIndex(ctx); err != nil {
		return nil, err
	}
	if d, ok := a.Index.(interface{ Drop(context.Context) error }); ok && backend == "meili" {
		defer d.Drop(context.WithoutCancel(ctx))
	}
	srv, err := server.New(a, graph.Limits{})
	if err != nil {
		return nil, err
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for _, sys := range evalSystems {
		var took time.Duration
		system := func(ctx context.Context, c eval.Case) ([]string, error) {
			start := time.Now()
			ids, err := ask(ctx, ts.URL, sys.query, sys.vars(c, k), sys.path)
			took += time.Since(start)
			return ids, err
		}
		sum, err := eval.Run(ctx, set.Requests, system, k)
		if err != nil {
			return nil, err
		}
		run.systems[sys.name], run.took[sys.name] = sum, took
	}
	return run, nil
}

// evalBackend runs the set on one backend and prints the table (and, when
// verbose, each request's scores).
func evalBackend(ctx context.Context, e *env, set *eval.Set, backend string, k int, verbose bool) error {
	run, err := runEval(ctx, e.cfg, set, backend, k)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\n后端：%s　名册：%d 位专家　评测需求：%d 条　k=%d\n", backend, run.experts, len(set.Requests), k)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "系统\tnDCG@%d\trecall@%d\t学校\t村\t企业\t应急\t平均耗时\n", k, k)
	for _, sys := range evalSystems {
		sum := run.systems[sys.name]
		byKind := map[string][]float64{}
		for i, sc := range sum.Cases {
			kind := set.Requests[i].Input.Kind
			byKind[kind] = append(byKind[kind], sc.NDCG)
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%s\n", sys.name, sum.NDCG, sum.Recall,
			mean(byKind["SCHOOL"]), mean(byKind["VILLAGE"]), mean(byKind["ENTERPRISE"]), mean(byKind["EMERGENCY"]),
			(run.took[sys.name] / time.Duration(len(set.Requests))).Round(100*time.Microsecond))
	}
	tw.Flush()
	if verbose {
		base, m := run.systems["searchExperts"], run.systems["match"]
		type row struct {
			id          string
			base, match float64
		}
		var rows []row
		for i := range set.Requests {
			rows = append(rows, row{set.Requests[i].ID, base.Cases[i].NDCG, m.Cases[i].NDCG})
		}
		sort.Slice(rows, func(i, j int) bool { return rows[i].match-rows[i].base < rows[j].match-rows[j].base })
		fmt.Fprintln(e.stdout, "\n逐条 nDCG（match 相对 searchExperts 变化由小到大）：")
		for _, r := range rows {
			fmt.Fprintf(e.stdout, "  %-5s searchExperts %.3f  match %.3f  %+.3f\n", r.id, r.base, r.match, r.match-r.base)
		}
		if len(set.Requests) <= 5 {
			for i, c := range set.Requests {
				fmt.Fprintf(e.stdout, "\n%s：%s\n  评判：%v\n", c.ID, c.Input.Description, c.Judgments)
				for _, name := range []string{"searchExperts", "match"} {
					fmt.Fprintf(e.stdout, "  %-13s", name)
					for _, id := range run.systems[name].Cases[i].Ranked {
						fmt.Fprintf(e.stdout, " %s(%d)", strings.TrimPrefix(id, "DEMO-"), c.Judgments[id])
					}
					fmt.Fprintln(e.stdout)
				}
			}
		}
	}
	return nil
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// ask posts a GraphQL query and returns the external ids found under
// data.r along path (a list, then the object holding externalId).
func ask(ctx context.Context, url, query string, vars map[string]any, path []string) ([]string, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var out struct {
		Data   map[string]map[string][]map[string]map[string]string `json:"data"`
		Errors []struct{ Message string }                           `json:"errors"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return nil, err
	}
	if len(out.Errors) > 0 {
		return nil, fmt.Errorf("%s", out.Errors[0].Message)
	}
	var ids []string
	for _, item := range out.Data["r"][path[0]] {
		ids = append(ids, item[path[1]]["externalId"])
	}
	return ids, nil
}
