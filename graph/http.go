package graph

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/fuliang/talent/internal/talent"
	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"

	"github.com/fuliang/talent/internal/metrics"
)

// Media types of the GraphQL-over-HTTP specification.
const (
	mediaGraphQLResponse = "application/graphql-response+json"
	mediaJSON            = "application/json"
)

// Limits protect the server from expensive requests.
type Limits struct {
	MaxBodyBytes  int64         // request body; default 2 MiB (a 1 MB xlsx import is ~1.4 MB in base64)
	MaxDepth      int           // selection depth; default 12
	MaxComplexity int           // estimated cost (see complexity); default 20000
	Timeout       time.Duration // per request; default 30 s
	// RatePerSecond and RateBurst limit each caller (token, or address
	// when anonymous); 0 disables the limit.
	RatePerSecond float64
	RateBurst     int
	// NoIntrospection rejects __schema and __type queries.
	NoIntrospection bool
	// CORSOrigins are the browser origins allowed to call the API ("*"
	// for any); empty sends no CORS headers.
	CORSOrigins []string
}

func (l *Limits) defaults() {
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = 2 << 20
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = 12
	}
	if l.Timeout <= 0 {
		l.Timeout = 30 * time.Second
	}
	if l.MaxComplexity <= 0 {
		l.MaxComplexity = 20000
	}
	if l.RateBurst <= 0 {
		l.RateBurst = int(2*l.RatePerSecond) + 1
	}
}

// Handler serves GraphQL over HTTP (POST and GET) and GraphiQL for browsers.
type Handler struct {
	schema   graphql.Schema
	resolver *Resolver
	limits   Limits
	limiter  *limiter
	metrics  *metrics.Metrics // nil: record nothing
	docs     docCache
}

// SetMetrics makes the handler record graphql_requests_total and
// graphql_request_duration_seconds, and count unexpected errors.
func (h *Handler) SetMetrics(m *metrics.Metrics) { h.metrics = m }

// RootFields lists the schema's query and mutation field names: the
// allow-list of the metrics' operation label.
func (h *Handler) RootFields() []string {
	var names []string
	for _, t := range []*graphql.Object{h.schema.QueryType(), h.schema.MutationType()} {
		if t != nil {
			for name := range t.Fields() {
				names = append(names, name)
			}
		}
	}
	return names
}

// opInfo is what the metrics learn about one request as it is served.
type opInfo struct {
	name, root, typ, outcome string
	skip                     bool // not a GraphQL request (the GraphiQL page)
}

// NewHandler builds the schema and the HTTP handler.
func NewHandler(r *Resolver, limits Limits) (*Handler, error) {
	s, err := r.Schema()
	if err != nil {
		return nil, err
	}
	limits.defaults()
	return &Handler{schema: s, resolver: r, limits: limits, limiter: newLimiter(limits.RatePerSecond, limits.RateBurst)}, nil
}

// Schema returns the executable schema (for SDL printing and tests).
func (h *Handler) Schema() graphql.Schema { return h.schema }

type request struct {
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables"`
	OperationName string         `json:"operationName"`
	Extensions    map[string]any `json:"extensions"`
}

type response struct {
	Data       any                        `json:"data,omitempty"`
	Errors     []gqlerrors.FormattedError `json:"errors,omitempty"`
	Extensions map[string]any             `json:"extensions,omitempty"`
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if origin := r.Header.Get("Origin"); origin != "" && corsAllowed(h.limits.CORSOrigins, origin) {
		w.Header().Set("Access-Control-Allow-Origin", origin)
		w.Header().Set("Vary", "Origin")
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type, Authorization, Accept")
			w.Header().Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	// Everything from here on is a GraphQL request and is counted once;
	// an early return is "rejected" unless it says otherwise.
	start := time.Now()
	info := &opInfo{typ: metrics.TypeUnknown, outcome: metrics.OutcomeRejected}
	defer func() {
		if !info.skip {
			h.metrics.ObserveGraphQL(h.metrics.Operation(info.name, info.root), info.typ, info.outcome, time.Since(start))
		}
	}()
	switch r.Method {
	case http.MethodGet:
		if wantsHTML(r) && r.URL.Query().Get("query") == "" {
			info.skip = true
			serveGraphiQL(w, r)
			return
		}
	case http.MethodPost:
	default:
		w.Header().Set("Allow", "GET, POST")
		h.fail(w, r, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "只支持 GET 和 POST 请求")
		return
	}
	media, ok := responseMedia(r)
	if !ok {
		h.fail(w, r, http.StatusNotAcceptable, "NOT_ACCEPTABLE", "Accept 头须包含 application/graphql-response+json 或 application/json")
		return
	}
	ctx, key, err := h.authenticate(r)
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="talent"`)
		status, code, msg := http.StatusUnauthorized, string(talent.CodeUnauthenticated), "登录已失效或令牌无效，请重新登录"
		if list, ok := talent.AsList(err); !ok || list[0].Code != talent.CodeUnauthenticated {
			slog.ErrorContext(r.Context(), "authentication failed", "err", err)
			status, code, msg = http.StatusInternalServerError, errInternal.code, errInternal.msg
			info.outcome = metrics.OutcomeError
			h.metrics.Error("graphql")
		}
		h.write(w, media, status, &response{Errors: []gqlerrors.FormattedError{requestError(code, msg)}})
		return
	}
	if !limitExempt(key) && !h.limiter.allow(key) {
		w.Header().Set("Retry-After", "1")
		h.write(w, media, http.StatusTooManyRequests, &response{Errors: []gqlerrors.FormattedError{
			requestError(string(talent.CodeRateLimited), "请求过于频繁，请稍后再试")}})
		return
	}
	req, status, code, msg := h.readRequest(w, r)
	if status != 0 {
		h.write(w, media, status, &response{Errors: []gqlerrors.FormattedError{requestError(code, msg)}})
		return
	}
	res, requestFailed := h.execute(ctx, r.Method, req, info)
	info.outcome = outcome(res, requestFailed)
	status = http.StatusOK
	if requestFailed {
		switch {
		case res.Extensions["code"] == "METHOD_NOT_ALLOWED":
			w.Header().Set("Allow", "POST")
			status = http.StatusMethodNotAllowed
			delete(res.Extensions, "code")
		case media == mediaGraphQLResponse:
			// The spec: a request that fails before execution (parse,
			// validation, variable coercion) is a 400 with this media type;
			// with application/json it stays 200 for older clients.
			status = http.StatusBadRequest
		}
	}
	h.write(w, media, status, res)
}

// readRequest decodes GET parameters or a POST body. A non-zero status means
// the request is malformed.
func (h *Handler) readRequest(w http.ResponseWriter, r *http.Request) (req request, status int, code, msg string) {
	if r.Method == http.MethodGet {
		q := r.URL.Query()
		req.Query, req.OperationName = q.Get("query"), q.Get("operationName")
		if v := q.Get("variables"); v != "" {
			if err := json.Unmarshal([]byte(v), &req.Variables); err != nil {
				return req, http.StatusBadRequest, "BAD_REQUEST", "variables 参数不是合法的 JSON 对象"
			}
		}
	} else {
		ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || ct != mediaJSON {
			return req, http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "请求体须为 application/json"
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.limits.MaxBodyBytes))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return req, http.StatusRequestEntityTooLarge, "BODY_TOO_LARGE", "请求体过大，上限为 " + humanBytes(h.limits.MaxBodyBytes)
			}
			return req, http.StatusBadRequest, "BAD_REQUEST", "无法读取请求体"
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(body, &raw); err != nil {
			return req, http.StatusBadRequest, "BAD_JSON", "请求体不是合法的 JSON 对象：" + jsonProblem(err)
		}
		if err := json.Unmarshal(body, &req); err != nil {
			return req, http.StatusBadRequest, "BAD_REQUEST", "query 须为字符串，variables 须为对象，operationName 须为字符串"
		}
	}
	if strings.TrimSpace(req.Query) == "" {
		return req, http.StatusBadRequest, "BAD_REQUEST", "缺少 query 参数"
	}
	return req, 0, "", ""
}

// execute parses, validates (with the depth limit) and runs one request.
// requestFailed is true when nothing was executed.
func (h *Handler) execute(ctx context.Context, method string, req request, info *opInfo) (res *response, requestFailed bool) {
	// A document seen before passed the checks that depend only on its
	// text (syntax, depth, introspection, validation); complexity depends
	// on the variables and is checked every time.
	doc, checked := h.docs.get(req.Query)
	if !checked {
		var err error
		doc, err = parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(req.Query), Name: "GraphQL request"})})
		if err != nil {
			return &response{Errors: localizeRequestErrors(h.schema, codeParseFailed, []gqlerrors.FormattedError{gqlerrors.FormatError(err)})}, true
		}
	}
	op := operation(doc, req.OperationName)
	info.name = req.OperationName
	if op != nil {
		info.typ, info.root = string(op.Operation), firstField(op)
	}
	if method == http.MethodGet && op != nil && op.Operation != ast.OperationTypeQuery {
		return &response{Errors: []gqlerrors.FormattedError{requestError("METHOD_NOT_ALLOWED", "变更（mutation）只能用 POST 提交")},
			Extensions: map[string]any{"code": "METHOD_NOT_ALLOWED"}}, true
	}
	if !checked {
		if d, id := depth(doc); d > h.limits.MaxDepth || id > maxIntrospectionDepth {
			limit := h.limits.MaxDepth
			if d <= limit {
				d, limit = id, maxIntrospectionDepth
			}
			return &response{Errors: []gqlerrors.FormattedError{requestError("QUERY_TOO_DEEP",
				"查询嵌套过深："+itoa(d)+" 层，上限为 "+itoa(limit)+" 层")}}, true
		}
		if h.limits.NoIntrospection && hasIntrospection(doc) {
			return &response{Errors: []gqlerrors.FormattedError{requestError("INTROSPECTION_DISABLED", "本服务已关闭模式查询（introspection）")}}, true
		}
	}
	if c := complexity(doc, req.Variables); c > h.limits.MaxComplexity {
		return &response{Errors: []gqlerrors.FormattedError{requestError("QUERY_TOO_COMPLEX",
			"查询过于复杂：估算开销 "+itoa(c)+"，上限为 "+itoa(h.limits.MaxComplexity)+"；请减少 first 或所选字段")}}, true
	}
	if !checked {
		if vr := graphql.ValidateDocument(&h.schema, doc, nil); !vr.IsValid {
			return &response{Errors: localizeRequestErrors(h.schema, codeValidationFailed, vr.Errors)}, true
		}
		h.docs.put(req.Query, doc)
	}
	if errs := checkVariableTypes(h.schema, op, req.Variables); len(errs) > 0 {
		return &response{Errors: errs}, true
	}
	ctx, cancel := context.WithTimeout(h.resolver.WithLoaders(ctx), h.limits.Timeout)
	defer cancel()
	start := time.Now()
	result := graphql.Execute(graphql.ExecuteParams{
		Schema: h.schema, AST: doc, OperationName: req.OperationName, Args: req.Variables, Context: ctx,
	})
	slog.DebugContext(ctx, "graphql", "operation", req.OperationName, "duration", time.Since(start), "errors", len(result.Errors))
	// No data and no error with a path means the request failed before
	// execution, e.g. a variable of the wrong type or an unknown operation
	// name: graphql-go's own messages, not resolver errors, so they are
	// localised rather than hidden. An error in a resolver has a path and
	// stays a 200.
	failed := result.Data == nil && len(result.Errors) > 0
	for _, e := range result.Errors {
		failed = failed && len(e.Path) == 0
	}
	if failed {
		return &response{Errors: localizeRequestErrors(h.schema, codeBadUserInput, result.Errors)}, true
	}
	out := &response{Data: result.Data, Errors: sanitize(ctx, result.Errors)}
	for _, e := range out.Errors {
		if e.Extensions["code"] == errInternal.code {
			h.metrics.Error("graphql")
		}
	}
	return out, failed
}

// authenticate resolves the caller and returns the context for execution
// and the caller's rate-limit key.
func (h *Handler) authenticate(r *http.Request) (context.Context, string, error) {
	ctx := r.Context()
	header := r.Header.Get("Authorization")
	if h.resolver.Auth == nil || strings.TrimSpace(header) == "" {
		return ctx, "ip:" + clientAddr(r), nil
	}
	p, err := h.resolver.Auth.Authenticate(ctx, header)
	if err != nil {
		return ctx, "", err
	}
	_, token, _ := strings.Cut(strings.TrimSpace(header), " ")
	token = strings.TrimSpace(token)
	return withToken(talent.WithPrincipal(ctx, p), token), "user:" + idString(p.User.ID), nil
}

// sanitize hides unexpected errors (panics, driver errors) behind a generic
// message; graphql-go's own messages and our coded errors pass through.
func sanitize(ctx context.Context, errs []gqlerrors.FormattedError) []gqlerrors.FormattedError {
	for i, e := range errs {
		orig := e.OriginalError()
		// Resolver errors arrive wrapped in a *gqlerrors.Error that does
		// not implement Unwrap.
		for {
			located, ok := orig.(*gqlerrors.Error)
			if !ok {
				break
			}
			orig = located.OriginalError
		}
		if orig == nil {
			continue
		}
		var ge *gqlError
		if errors.As(orig, &ge) {
			errs[i].Extensions = ge.Extensions()
			continue
		}
		slog.ErrorContext(ctx, "graphql: unexpected error", "err", orig, "path", e.Path)
		errs[i].Message = errInternal.msg
		errs[i].Extensions = errInternal.Extensions()
	}
	return errs
}

// firstField is the operation's first root field, the operation label of
// an anonymous request ("{ experts { … } }" → "experts").
func firstField(op *ast.OperationDefinition) string {
	if op.SelectionSet == nil {
		return ""
	}
	for _, sel := range op.SelectionSet.Selections {
		if f, ok := sel.(*ast.Field); ok && f.Name != nil {
			return f.Name.Value
		}
	}
	return ""
}

// outcome classifies a served request for the metrics. Nothing executed:
// rejected. An INTERNAL or TIMEOUT error, or one without a code (graphql-go's
// own, e.g. a null in a non-null field): error, ours. Any other coded error
// (NOT_FOUND, FORBIDDEN, CONFLICT…) or a mutation payload with userErrors:
// user_error, the client's. Otherwise ok.
func outcome(res *response, requestFailed bool) string {
	if requestFailed {
		return metrics.OutcomeRejected
	}
	out := metrics.OutcomeOK
	for _, e := range res.Errors {
		switch code, _ := e.Extensions["code"].(string); code {
		case errInternal.code, "TIMEOUT", "":
			return metrics.OutcomeError
		default:
			out = metrics.OutcomeUserError
		}
	}
	if out == metrics.OutcomeOK && hasUserErrors(res.Data) {
		out = metrics.OutcomeUserError
	}
	return out
}

// hasUserErrors reports whether a root field's payload lists userErrors;
// graphql-go hands lists back as []any.
func hasUserErrors(data any) bool {
	fields, _ := data.(map[string]any)
	for _, v := range fields {
		if p, ok := v.(map[string]any); ok {
			if list, ok := p["userErrors"].([]any); ok && len(list) > 0 {
				return true
			}
		}
	}
	return false
}

func operation(doc *ast.Document, name string) *ast.OperationDefinition {
	for _, d := range doc.Definitions {
		if op, ok := d.(*ast.OperationDefinition); ok {
			if name == "" || (op.Name != nil && op.Name.Value == name) {
				return op
			}
		}
	}
	return nil
}

// maxIntrospectionDepth bounds introspection selections on their own:
// graphql-js's standard introspection query nests ofType about 15 levels,
// deeper than any data query needs to go.
const maxIntrospectionDepth = 24

// depth returns the deepest selection in the document, following fragment
// spreads (each fragment at most once per path, so cycles terminate), and
// separately the deepest selection under an introspection field (__schema,
// __type).
func depth(doc *ast.Document) (data, introspection int) {
	frags := map[string]*ast.FragmentDefinition{}
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f.Name != nil {
			frags[f.Name.Value] = f
		}
	}
	var walk func(ss *ast.SelectionSet, seen map[string]bool, intro bool) int
	walk = func(ss *ast.SelectionSet, seen map[string]bool, intro bool) int {
		if ss == nil {
			return 0
		}
		max := 0
		for _, sel := range ss.Selections {
			d := 0
			switch s := sel.(type) {
			case *ast.Field:
				isIntro := strings.HasPrefix(s.Name.Value, "__") && s.Name.Value != "__typename"
				if isIntro && !intro {
					if n := 1 + walk(s.SelectionSet, seen, true); n > introspection {
						introspection = n
					}
					continue
				}
				d = 1 + walk(s.SelectionSet, seen, intro)
			case *ast.InlineFragment:
				d = walk(s.SelectionSet, seen, intro)
			case *ast.FragmentSpread:
				if f := frags[s.Name.Value]; f != nil && !seen[s.Name.Value] {
					seen[s.Name.Value] = true
					d = walk(f.SelectionSet, seen, intro)
					delete(seen, s.Name.Value)
				}
			}
			if d > max {
				max = d
			}
		}
		return max
	}
	for _, d := range doc.Definitions {
		if op, ok := d.(*ast.OperationDefinition); ok {
			if n := walk(op.SelectionSet, map[string]bool{}, false); n > data {
				data = n
			}
		}
	}
	return data, introspection
}

func requestError(code, msg string) gqlerrors.FormattedError {
	return gqlerrors.FormattedError{Message: msg, Extensions: map[string]interface{}{"code": code}}
}

func (h *Handler) fail(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	media, ok := responseMedia(r)
	if !ok {
		media = mediaJSON
	}
	h.write(w, media, status, &response{Errors: []gqlerrors.FormattedError{requestError(code, msg)}})
}

func (h *Handler) write(w http.ResponseWriter, media string, status int, res *response) {
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(res)
}

// responseMedia picks the response media type from Accept: the GraphQL
// response type when the client lists it, else application/json; no Accept
// header means application/json, as the spec allows for older clients.
func responseMedia(r *http.Request) (string, bool) {
	accept := r.Header.Get("Accept")
	if strings.TrimSpace(accept) == "" {
		return mediaJSON, true
	}
	jsonOK := false
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil || params["q"] == "0" {
			continue
		}
		switch mt {
		case mediaGraphQLResponse:
			return mediaGraphQLResponse, true
		case mediaJSON, "application/*", "*/*":
			jsonOK = true
		}
	}
	return mediaJSON, jsonOK
}

func wantsHTML(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "text/html")
}

func jsonProblem(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return "第 " + itoa(int(se.Offset)) + " 个字节附近有语法错误"
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "顶层须为对象"
	}
	return "格式错误"
}

func humanBytes(n int64) string {
	if n >= 1<<20 {
		return itoa(int(n>>20)) + " MiB"
	}
	return itoa(int(n>>10)) + " KiB"
}

func itoa(n int) string { return strconv.Itoa(n) }
