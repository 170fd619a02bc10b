package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/fuliang/talent/internal/app"
	"github.com/fuliang/talent/internal/demo"
	"github.com/fuliang/talent/internal/eval"
	"github.com/fuliang/talent/internal/server"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/textproc"
	"github.com/fuliang/talent/matcher"
)

// talentctl bench match: latency of match and searchExperts through the
// real GraphQL handler over a synthetic roster, with a raw Meilisearch
// search of the same text as the reference on that backend, and the index
// build throughput. See also internal/server/bench_test.go (go test -bench).
func init() {
	var o benchOptions
	register(&command{
		name:    "bench match",
		summary: "性能测试：在合成名册上经 GraphQL 测 match 与 searchExperts 的延迟（p50/p95/p99）和建索引速度",
		usage:   "",
		flags: func(fs *flag.FlagSet) {
			fs.IntVar(&o.experts, "experts", 10000, "合成专家人数（如 10000、100000）")
			fs.StringVar(&o.backends, "backends", "embedded", "检索后端，逗号分隔：embedded、meili（需 --meili-url、--meili-key）")
			fs.IntVar(&o.requests, "requests", 500, "每种查询计时的请求数下限（按评测集需求整轮发送，向上取整）")
			fs.IntVar(&o.warmup, "warmup", 2, "预热轮数（每轮把全部需求各发一次，不计时）")
			fs.IntVar(&o.first, "first", 10, "match 与 searchExperts 返回人数")
			fs.Uint64Var(&o.seed, "seed", 1, "合成名册的随机种子")
			fs.StringVar(&o.setPath, "set", "testdata/eval/requests.json", "评测集文件：用其中的需求作为查询")
			fs.StringVar(&o.cpuProfile, "cpuprofile", "", "把计时阶段的 CPU 剖析写入此文件（多个后端时加后端名后缀）")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("bench match 不接受参数：%v", args)
			}
			if o.experts <= 0 || o.requests <= 0 || o.warmup < 0 || o.first <= 0 {
				return errors.New("--experts、--requests、--first 须为正数，--warmup 不能为负")
			}
			set, err := eval.Load(o.setPath)
			if err != nil {
				return err
			}
			if len(set.Requests) == 0 {
				return fmt.Errorf("%s 中没有需求", o.setPath)
			}
			fmt.Fprintf(e.stdout, "环境 conditions：%s %s/%s，GOMAXPROCS=%d，CPU %d 核，负载 load %s\n",
				runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), runtime.NumCPU(), loadAverage())
			for _, b := range strings.Split(o.backends, ",") {
				if err := benchBackend(ctx, e, set, strings.TrimSpace(b), o); err != nil {
					return fmt.Errorf("%s：%w", b, err)
				}
			}
			return nil
		},
	})
}

type benchOptions struct {
	experts, requests, warmup, first int
	seed                             uint64
	backends, setPath, cpuProfile    string
}

// benchQuery is one kind of timed request.
type benchQuery struct {
	name, label string
	do          func(ctx context.Context, c eval.Case) error
	lat         []time.Duration
}

func benchBackend(ctx context.Context, e *env, set *eval.Set, backend string, o benchOptions) error {
	cfg := e.cfg
	dir, err := os.MkdirTemp("", "talent-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	// A fresh SQLite database, no background workers, and no per-caller
	// rate limit: the benchmark is one caller sending as fast as it can.
	cfg.DataDir, cfg.DatabaseURL, cfg.Migrate, cfg.Worker, cfg.RateLimit = dir, "", true, false, 0
	switch backend {
	case "embedded":
		cfg.MeiliURL = ""
	case "meili":
		if cfg.MeiliURL == "" {
			return errors.New("需要 --meili-url 和 --meili-key")
		}
		cfg.IndexName = fmt.Sprintf("bench_%d", time.Now().UnixNano())
	default:
		return fmt.Errorf("未知后端 %q", backend)
	}
	a, err := app.Open(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return err
	}
	defer a.Close()
	var uid string
	if backend == "meili" {
		x, ok := a.Index.(interface{ UID() string })
		if !ok {
			return errors.New("Meilisearch 索引没有 UID")
		}
		uid = x.UID()
		defer deleteMeiliIndex(context.WithoutCancel(ctx), cfg.MeiliURL, cfg.MeiliKey, uid)
	}

	fmt.Fprintf(e.stdout, "\n后端 backend：%s　合成专家 experts：%d（种子 seed %d）\n", backend, o.experts, o.seed)
	start := time.Now()
	res, err := bulkLoad(ctx, a.Store, o.experts, o.seed)
	if err != nil {
		return err
	}
	loadTook := time.Since(start)
	fmt.Fprintf(e.stdout, "批量导入 bulk import：%d 人 %s（%.0f 人/秒），跳过 skipped %d\n",
		res.Inserted, loadTook.Round(10*time.Millisecond), float64(res.Inserted)/loadTook.Seconds(), res.Invalid)

	// The segmentation dictionary loads once per process (talentd loads it
	// at start-up); it is not part of the build.
	dict := textproc.Load()
	start = time.Now()
	if err := a.InitIndex(ctx); err != nil {
		return err
	}
	buildTook := time.Since(start)
	fmt.Fprintf(e.stdout, "建索引 index build（从数据库重建 rebuild from the database）：%d 篇 %s，%.0f 篇/秒 docs/s（分词词典另计 dictionary load %s）\n",
		res.Inserted, buildTook.Round(10*time.Millisecond), float64(res.Inserted)/buildTook.Seconds(), dict.Duration.Round(time.Millisecond))

	srv, err := server.New(a, server.Limits(cfg))
	if err != nil {
		return err
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	// Without gzip: Meilisearch sends a gzip response in chunks, and on a
	// kept-alive connection the last chunk can wait ~40 ms for the
	// client's delayed ACK; the reference is Meilisearch's own time.
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}

	text := func(c eval.Case) string { return strings.TrimSpace(c.Input.Title + " " + c.Input.Description) }
	queries := []*benchQuery{
		{name: "match", label: "match（综合排序）", do: func(ctx context.Context, c eval.Case) error {
			return postGraphQL(ctx, client, ts.URL, benchMatchQuery, map[string]any{"in": c.Input, "n": o.first})
		}},
		{name: "searchExperts", label: "searchExperts（全文检索）", do: func(ctx context.Context, c eval.Case) error {
			return postGraphQL(ctx, client, ts.URL, benchSearchQuery, map[string]any{"q": text(c), "n": o.first})
		}},
	}
	// The matcher's own search stage, straight to the index: what match
	// costs before GraphQL, profiles and scoring.
	queries = append(queries, &benchQuery{name: "stage", label: "match 的检索阶段 search stage",
		do: func(ctx context.Context, c eval.Case) error {
			q, ok := a.Matcher.CandidateQuery(matcher.Request{Kind: matcher.Kind(c.Input.Kind), Title: c.Input.Title,
				Description: c.Input.Description, EmergencyCategory: talent.EmergencyCategory(c.Input.EmergencyCategory)})
			if !ok {
				return nil
			}
			_, err := a.Index.Search(ctx, q)
			return err
		}})
	if backend == "meili" {
		url := strings.TrimRight(cfg.MeiliURL, "/") + "/indexes/" + uid + "/search"
		queries = append(queries, &benchQuery{name: "raw", label: "Meilisearch 原生检索 raw（参照 reference）",
			do: func(ctx context.Context, c eval.Case) error {
				return rawMeiliSearch(ctx, client, url, cfg.MeiliKey, text(c))
			}})
	}

	cases := set.Requests
	rounds := (o.requests + len(cases) - 1) / len(cases)
	for range o.warmup {
		for _, c := range cases {
			for _, q := range queries {
				if err := q.do(ctx, c); err != nil {
					return fmt.Errorf("%s %s：%w", q.name, c.ID, err)
				}
			}
		}
	}
	stopProfile, err := startProfile(o.cpuProfile, backend, o.backends)
	if err != nil {
		return err
	}
	// Interleaved: each request goes through every query in turn, so that
	// the machine's background noise falls on all of them alike and the
	// ratios stay meaningful on a busy machine.
	for range rounds {
		for _, c := range cases {
			for _, q := range queries {
				t0 := time.Now()
				if err := q.do(ctx, c); err != nil {
					stopProfile()
					return fmt.Errorf("%s %s：%w", q.name, c.ID, err)
				}
				q.lat = append(q.lat, time.Since(t0))
			}
		}
	}
	stopProfile()

	fmt.Fprintf(e.stdout, "计时 timed：%d 条需求 requests × %d 轮 rounds = 每种查询 %d 次（顺序交替发送 sequential, interleaved；预热 warm-up %d 轮），first=%d\n",
		len(cases), rounds, rounds*len(cases), o.warmup, o.first)
	width := 0
	for _, q := range queries {
		width = max(width, displayWidth(q.label), displayWidth(q.name+" ÷ raw"))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", width-displayWidth(s)) }
	fmt.Fprintf(e.stdout, "%s  %8s  %8s  %8s  %8s  %8s\n", pad("查询 query"), "p50 ms", "p95 ms", "p99 ms", "max ms", "mean ms")
	for _, q := range queries {
		p := percentiles(q.lat)
		fmt.Fprintf(e.stdout, "%s  %8.2f  %8.2f  %8.2f  %8.2f  %8.2f\n", pad(q.label), p.p50, p.p95, p.p99, p.max, p.mean)
	}
	stage, match := percentiles(queries[2].lat), percentiles(queries[0].lat)
	fmt.Fprintf(e.stdout, "%s  %7.2f×  %7.2f×  %7.2f×  %7.2f×  %7.2f×\n", pad("match ÷ stage"),
		match.p50/stage.p50, match.p95/stage.p95, match.p99/stage.p99, match.max/stage.max, match.mean/stage.mean)
	if backend == "meili" {
		raw := percentiles(queries[3].lat)
		for _, q := range queries[:3] {
			p := percentiles(q.lat)
			fmt.Fprintf(e.stdout, "%s  %7.2f×  %7.2f×  %7.2f×  %7.2f×  %7.2f×\n", pad(q.name+" ÷ raw"),
				p.p50/raw.p50, p.p95/raw.p95, p.p99/raw.p99, p.max/raw.max, p.mean/raw.mean)
		}
	}
	return nil
}

// displayWidth is the width of s in a terminal: two columns for CJK and
// full-width characters.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) || (r >= 0xac00 && r <= 0xd7a3) ||
			(r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6)):
			n += 2
		default:
			n++
		}
	}
	return n
}

const (
	// What a client showing a shortlist asks for.
	benchMatchQuery = `query($in: MatchInput!, $n: Int) { match(input: $in, first: $n) { candidates {
		score matchedTerms explanation { feature weight value contribution }
		expert { id externalId name title organization } } } }`
	benchSearchQuery = `query($q: String!, $n: Int) { searchExperts(query: $q, first: $n) {
		totalCount edges { node { id externalId name title organization } } } }`
)

// bulkLoad writes n synthetic experts with store.ImportExperts (the batched
// upsert of talentctl import). Memberships enter as ADMITTED, which is what
// an import can write; those the generator gives another final status
// (about one in seven: nominated, under review, suspended, exited) are left
// out, so the roster's admitted members are as the generator intends.
func bulkLoad(ctx context.Context, st *store.Store, n int, seed uint64) (store.ImportResult, error) {
	gen := demo.SyntheticEntries(n, seed)
	records := func(yield func(*store.ImportRecord, error) bool) {
		for i := range n {
			en := gen(i)
			var regs []talent.Registry
			for _, m := range en.Memberships {
				if m.Status == talent.StatusAdmitted {
					regs = append(regs, m.Registry)
				}
			}
			x := *en.Expert
			x.ID = 0
			if !slices.Contains(regs, talent.EmergencyExpert) {
				x.OnCall = false
			}
			rec := &store.ImportRecord{Row: i + 1, ExternalID: x.ExternalID, Registries: regs,
				Set: func(e *talent.Expert) { *e = x }}
			if !yield(rec, nil) {
				return
			}
		}
	}
	var first *store.ImportProblem
	res, err := st.ImportExperts(talent.WithActor(ctx, talent.Actor{Name: "bench"}), iter.Seq2[*store.ImportRecord, error](records),
		store.ImportOptions{Partial: true, BatchSize: 1000, Reason: "性能测试",
			OnProblem: func(p store.ImportProblem) {
				if first == nil {
					first = &p
				}
			}})
	if err != nil {
		return res, err
	}
	if res.Inserted == 0 && first != nil {
		return res, fmt.Errorf("合成专家全部无效，例如第%d行 %s：%s", first.Row, first.Field, first.Message)
	}
	return res, nil
}

func postGraphQL(ctx context.Context, client *http.Client, base, query string, vars map[string]any) error {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var out struct {
		Data   json.RawMessage            `json:"data"`
		Errors []struct{ Message string } `json:"errors"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return fmt.Errorf("HTTP %d：%w", res.StatusCode, err)
	}
	if len(out.Errors) > 0 {
		return fmt.Errorf("HTTP %d：%s", res.StatusCode, out.Errors[0].Message)
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", res.StatusCode)
	}
	return nil
}

// rawMeiliSearch is the reference: one plain search of the request text,
// as a client of Meilisearch would send it, decoded like the backend does.
func rawMeiliSearch(ctx context.Context, client *http.Client, url, key, q string) error {
	body, _ := json.Marshal(map[string]any{"q": q, "limit": 10})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var out struct {
		Hits    []json.RawMessage `json:"hits"`
		Message string            `json:"message"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return fmt.Errorf("HTTP %d：%w", res.StatusCode, err)
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d：%s", res.StatusCode, out.Message)
	}
	return nil
}

func deleteMeiliIndex(ctx context.Context, base, key, uid string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, strings.TrimRight(base, "/")+"/indexes/"+uid, nil)
	if err != nil {
		return
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if res, err := http.DefaultClient.Do(req); err == nil {
		res.Body.Close()
	}
}

type latencies struct{ p50, p95, p99, max, mean float64 } // milliseconds

// percentiles by the nearest-rank method.
func percentiles(d []time.Duration) latencies {
	if len(d) == 0 {
		return latencies{}
	}
	s := slices.Clone(d)
	slices.Sort(s)
	rank := func(p float64) float64 {
		i := int(math.Ceil(p*float64(len(s)))) - 1
		return float64(s[max(0, min(i, len(s)-1))]) / 1e6
	}
	var sum time.Duration
	for _, x := range s {
		sum += x
	}
	return latencies{rank(0.50), rank(0.95), rank(0.99), float64(s[len(s)-1]) / 1e6, float64(sum) / float64(len(s)) / 1e6}
}

func startProfile(path, backend, backends string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	if strings.Contains(backends, ",") {
		path += "." + backend
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
