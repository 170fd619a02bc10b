// Package metrics exposes talentd's Prometheus metrics at /metrics:
// GraphQL requests and latency per operation, plain HTTP routes, errors by
// component, and — probed at scrape time — database and search engine
// reachability, outbox backlog and the number of indexed documents.
//
// Every Metrics value owns its own registry instead of the process-wide
// default, so tests (and several servers in one process) each get fresh,
// independent counters. All methods are safe on a nil *Metrics and then do
// nothing, so code paths that are built without metrics need no checks.
package metrics

import (
	"net/http"
	"regexp"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Outcomes of a GraphQL request, the values of the outcome label.
const (
	// OutcomeOK: executed, no errors and no userErrors.
	OutcomeOK = "ok"
	// OutcomeUserError: executed, but the client's input was refused — a
	// mutation payload with userErrors, or a coded domain error
	// (NOT_FOUND, FORBIDDEN, CONFLICT…). The server did its job.
	OutcomeUserError = "user_error"
	// OutcomeError: the server failed (INTERNAL, TIMEOUT, a panic). These
	// are the ones to alert on.
	OutcomeError = "error"
	// OutcomeRejected: nothing was executed — malformed HTTP or JSON, parse
	// or validation errors, too deep, wrong method.
	OutcomeRejected = "rejected"
)

// OperationOther is the operation label for names outside the allow-list.
const OperationOther = "other"

// Operation types, the values of the type label.
const (
	TypeQuery    = "query"
	TypeMutation = "mutation"
	// TypeUnknown: the request was rejected before its operation could be
	// determined (bad JSON, parse error).
	TypeUnknown = "unknown"
)

// Namespace-free metric names: the service is identified by the scrape job.
const (
	nameGraphQLRequests = "graphql_requests_total"
	nameGraphQLDuration = "graphql_request_duration_seconds"
	nameHTTPRequests    = "http_requests_total"
	nameHTTPDuration    = "http_request_duration_seconds"
	nameErrors          = "errors_total"
)

// latencyBuckets reach past the default 30 s request timeout, so requests
// cut off by it land in a bucket of their own instead of only in +Inf.
var latencyBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}

// Options configure New. Every dependency is optional: a nil one simply
// produces no series.
type Options struct {
	// Operations is the allow-list of operation label values: the schema's
	// root field names (query and mutation), plus any operation names that
	// well-known clients send and that are worth a series of their own.
	// Anything else is counted as "other", so a client inventing a new
	// operationName per request cannot blow up the series count.
	// Introspection's root fields (__schema, __type) are always allowed.
	Operations []string
	// Components are pre-created at zero in errors_total, so that rate()
	// and increase() work from the very first error.
	Components []string

	// Dependencies probed at scrape time (see Collector).
	Database Pinger
	Search   SearchIndex
	Outbox   OutboxStats
	// Topics are the outbox topics reported by outbox_pending and
	// outbox_oldest_seconds.
	Topics []string
	// ProbeTimeout bounds all scrape-time probes together; default 2 s,
	// well under Prometheus' default 10 s scrape timeout, so a hanging
	// dependency turns into "down" rather than a failed scrape.
	ProbeTimeout time.Duration
}

// Metrics holds talentd's metrics and their registry.
type Metrics struct {
	reg        *prometheus.Registry
	operations map[string]bool

	gqlRequests  *prometheus.CounterVec
	gqlDuration  *prometheus.HistogramVec
	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec
	errors       *prometheus.CounterVec
}

// New registers talentd's metrics, the Go runtime and process collectors,
// and the scrape-time dependency collector on a new registry.
func New(opts Options) *Metrics {
	m := &Metrics{
		reg:        prometheus.NewRegistry(),
		operations: map[string]bool{"__schema": true, "__type": true},
		gqlRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: nameGraphQLRequests,
			Help: "GraphQL requests by operation (operationName, else the first root field; unknown names are \"other\"), type (query, mutation, unknown) and outcome (ok, user_error, error, rejected).",
		}, []string{"operation", "type", "outcome"}),
		gqlDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    nameGraphQLDuration,
			Help:    "Time to serve a GraphQL request, from the handler's start to the response, by operation and type.",
			Buckets: latencyBuckets,
		}, []string{"operation", "type"}),
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: nameHTTPRequests,
			Help: "HTTP requests to routes other than GraphQL, by route pattern and status code.",
		}, []string{"route", "code"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    nameHTTPDuration,
			Help:    "Time to serve an HTTP request to a route other than GraphQL, by route pattern.",
			Buckets: latencyBuckets,
		}, []string{"route"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: nameErrors,
			Help: "Unexpected errors by component (graphql, indexer, worker, …); details are in the logs.",
		}, []string{"component"}),
	}
	for _, op := range opts.Operations {
		if validName.MatchString(op) {
			m.operations[op] = true
		}
	}
	for _, c := range opts.Components {
		m.errors.WithLabelValues(c)
	}
	m.reg.MustRegister(m.gqlRequests, m.gqlDuration, m.httpRequests, m.httpDuration, m.errors,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		newDependencyCollector(opts))
	return m
}

// Registry returns the registry, for tests and for adding collectors.
func (m *Metrics) Registry() *prometheus.Registry {
	if m == nil {
		return nil
	}
	return m.reg
}

// Handler serves the registry in the Prometheus text (or, when asked,
// OpenMetrics) format. Mount it at /metrics.
func (m *Metrics) Handler() http.Handler {
	if m == nil {
		return http.NotFoundHandler()
	}
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		// A collector that fails must not hide the metrics that worked.
		ErrorHandling: promhttp.ContinueOnError,
		// Counts promhttp's own errors on our registry, not the global one.
		Registry: m.reg,
		// Bounds concurrent scrapes; each one probes the dependencies.
		MaxRequestsInFlight: 4,
	})
}

// validName is a GraphQL name (spec §2.1.9), bounded in length.
var validName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]{0,63}$`)

// Operation picks the operation label: the client's operationName when it
// is on the allow-list, else the first root field when that is (a named
// operation "FindFloodExperts { match(…) }" is still reported as "match"),
// else "other".
func (m *Metrics) Operation(operationName, firstRootField string) string {
	if m == nil {
		return OperationOther
	}
	if m.operations[operationName] {
		return operationName
	}
	if m.operations[firstRootField] {
		return firstRootField
	}
	return OperationOther
}

// ObserveGraphQL records one GraphQL request. operation should come from
// Operation (a name outside the allow-list is recorded as "other" anyway);
// typ is "query", "mutation" or "unknown"; outcome is one of the Outcome
// constants (anything else is recorded as "error", so a typo shows up as a
// failure rather than as a new series).
func (m *Metrics) ObserveGraphQL(operation, typ, outcome string, d time.Duration) {
	if m == nil {
		return
	}
	if !m.operations[operation] {
		operation = OperationOther
	}
	switch typ {
	case TypeQuery, TypeMutation, "subscription":
	default:
		typ = TypeUnknown
	}
	switch outcome {
	case OutcomeOK, OutcomeUserError, OutcomeError, OutcomeRejected:
	default:
		outcome = OutcomeError
	}
	m.gqlRequests.WithLabelValues(operation, typ, outcome).Inc()
	m.gqlDuration.WithLabelValues(operation, typ).Observe(d.Seconds())
}

// HTTP counts and times the requests to one route. route must be the
// route's pattern (a constant such as "/readyz"), never the request path,
// which a client controls.
func (m *Metrics) HTTP(route string, h http.Handler) http.Handler {
	if m == nil {
		return h
	}
	labels := prometheus.Labels{"route": route}
	// promhttp's delegator captures the status code and keeps the
	// ResponseWriter's optional interfaces (Flusher, Hijacker…) intact.
	return promhttp.InstrumentHandlerDuration(m.httpDuration.MustCurryWith(labels),
		promhttp.InstrumentHandlerCounter(m.httpRequests.MustCurryWith(labels), h))
}

// Error counts one unexpected error in a component. component must be a
// constant from the code, never data from a request.
func (m *Metrics) Error(component string) {
	if m == nil {
		return
	}
	m.errors.WithLabelValues(component).Inc()
}
