// Package server wires the HTTP routes of talentd: GraphQL, GraphiQL,
// health and readiness. It owns no business logic.
package server

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/fuliang/talent/graph"
	"github.com/fuliang/talent/internal/app"
	"github.com/fuliang/talent/internal/auth"
	"github.com/fuliang/talent/internal/config"
	"github.com/fuliang/talent/internal/metrics"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/web"
)

// Server is talentd's HTTP surface.
type Server struct {
	Store   *store.Store
	GraphQL *graph.Handler
	// Checks are extra readiness checks (e.g. the search engine) by name.
	Checks map[string]func(context.Context) error
	// Metrics is served at /metrics; its registry is this server's own.
	Metrics *metrics.Metrics
}

// Limits returns the GraphQL handler's limits from the configuration.
func Limits(c config.Config) graph.Limits {
	var origins []string
	for _, o := range strings.Split(c.CORSOrigins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	return graph.Limits{MaxBodyBytes: c.MaxBodyBytes, MaxDepth: c.MaxDepth, MaxComplexity: c.MaxComplexity, Timeout: c.Timeout,
		RatePerSecond: c.RateLimit, RateBurst: c.RateBurst, NoIntrospection: !c.Introspection, CORSOrigins: origins}
}

// New builds the GraphQL handler over the application.
func New(a *app.App, limits graph.Limits) (*Server, error) {
	h, err := graph.NewHandler(&graph.Resolver{Store: a.Store, Search: a.Index, Matcher: a.Matcher,
		Dispatch: a.Config.Dispatch(), Auth: auth.New(a.Store), SynonymsChanged: a.ApplySynonyms}, limits)
	if err != nil {
		return nil, err
	}
	m := metrics.New(metrics.Options{
		Operations: h.RootFields(),
		Components: []string{"graphql"},
		Database:   a.Store,
		Search:     a.Index,
		Outbox:     a.Store,
		Topics:     []string{store.TopicExpert},
	})
	h.SetMetrics(m)
	return &Server{Store: a.Store, GraphQL: h, Checks: map[string]func(context.Context) error{"search": a.SearchReady},
		Metrics: m}, nil
}

// Handler returns the route table.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	// GraphQL has its own per-operation metrics (graph.Handler); the other
	// routes are counted by route pattern, never by the raw path.
	mux.Handle("/graphql", s.GraphQL)
	mux.Handle("/graphiql/", s.Metrics.HTTP("/graphiql/", graph.GraphiQLAssets()))
	mux.Handle("/healthz", s.Metrics.HTTP("/healthz", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})))
	mux.Handle("/readyz", s.Metrics.HTTP("/readyz", http.HandlerFunc(s.ready)))
	mux.Handle("/metrics", s.Metrics.HTTP("/metrics", s.Metrics.Handler()))
	// The pages (internal/web) at "/": every other route above stays as it is.
	mux.Handle("/", s.Metrics.HTTP("/", web.Handler()))
	return mux
}

// ready reports whether the database and every extra dependency answer.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	checks := map[string]string{}
	ok := true
	record := func(name string, err error) {
		if err != nil {
			ok = false
			// Details (hosts, database names) go to the log, not to callers.
			slog.WarnContext(r.Context(), "readiness check failed", "check", name, "err", err)
			checks[name] = "不可用"
		} else {
			checks[name] = "ok"
		}
	}
	record("database", s.Store.Ping(ctx))
	for name, check := range s.Checks {
		record(name, check(ctx))
	}
	status := http.StatusOK
	if !ok {
		status = http.StatusServiceUnavailable
	}
	writeJSON(w, status, map[string]any{"ready": ok, "checks": checks})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
