package graph

import (
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/graphql-go/graphql/language/ast"
	"golang.org/x/time/rate"
)

// complexity estimates the work a query asks for before anything runs:
// every field costs 1, and a field that returns a page multiplies the cost
// of what it selects by its page size (the `first` argument, or the
// field's default). Fragments are followed once per path.
func complexity(doc *ast.Document, vars map[string]any) int {
	frags := map[string]*ast.FragmentDefinition{}
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f.Name != nil {
			frags[f.Name.Value] = f
		}
	}
	var walk func(ss *ast.SelectionSet, seen map[string]bool) int
	walk = func(ss *ast.SelectionSet, seen map[string]bool) int {
		if ss == nil {
			return 0
		}
		total := 0
		for _, sel := range ss.Selections {
			switch s := sel.(type) {
			case *ast.Field:
				total += 1 + pageOf(s, vars)*walk(s.SelectionSet, seen)
			case *ast.InlineFragment:
				total += walk(s.SelectionSet, seen)
			case *ast.FragmentSpread:
				if f := frags[s.Name.Value]; f != nil && !seen[s.Name.Value] {
					seen[s.Name.Value] = true
					total += walk(f.SelectionSet, seen)
					delete(seen, s.Name.Value)
				}
			}
			if total > 1<<30 {
				return total
			}
		}
		return total
	}
	total := 0
	for _, d := range doc.Definitions {
		if op, ok := d.(*ast.OperationDefinition); ok {
			total += walk(op.SelectionSet, map[string]bool{})
		}
	}
	return total
}

// pageDefaults are the page sizes of list fields that take `first`.
var pageDefaults = map[string]int{
	"experts": 20, "searchExperts": 20, "match": 10, "requests": 20, "organizations": 50, "auditLog": 50,
	"openRequestsFor": 50, "invitations": 50, "engagementHistory": 50,
}

func pageOf(f *ast.Field, vars map[string]any) int {
	n, ok := pageDefaults[f.Name.Value]
	for _, a := range f.Arguments {
		if a.Name.Value != "first" {
			continue
		}
		switch v := a.Value.(type) {
		case *ast.IntValue:
			if x, err := strconv.Atoi(v.Value); err == nil {
				n, ok = x, true
			}
		case *ast.Variable:
			if x, isNum := vars[v.Name.Value].(float64); isNum {
				n, ok = int(x), true
			}
		}
	}
	if !ok || n < 1 {
		return 1
	}
	return n
}

// hasIntrospection reports a selection of __schema or __type.
func hasIntrospection(doc *ast.Document) bool {
	found := false
	var walk func(ss *ast.SelectionSet)
	walk = func(ss *ast.SelectionSet) {
		if ss == nil || found {
			return
		}
		for _, sel := range ss.Selections {
			switch s := sel.(type) {
			case *ast.Field:
				if s.Name.Value == "__schema" || s.Name.Value == "__type" {
					found = true
					return
				}
				walk(s.SelectionSet)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			}
		}
	}
	for _, d := range doc.Definitions {
		switch x := d.(type) {
		case *ast.OperationDefinition:
			walk(x.SelectionSet)
		case *ast.FragmentDefinition:
			walk(x.SelectionSet)
		}
	}
	return found
}

// limiter is a token bucket per caller: per token for signed-in callers,
// per client address for anonymous ones.
type limiter struct {
	rate  rate.Limit
	burst int

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(perSecond float64, burst int) *limiter {
	if perSecond <= 0 {
		return nil
	}
	return &limiter{rate: rate.Limit(perSecond), burst: burst, buckets: map[string]*bucket{}}
}

// allow takes one request from key's bucket.
func (l *limiter) allow(key string) bool {
	if l == nil {
		return true
	}
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		// Forget idle callers so the table stays small.
		if len(l.buckets) > 10000 {
			for k, v := range l.buckets {
				if now.Sub(v.seen) > time.Minute {
					delete(l.buckets, k)
				}
			}
		}
		b = &bucket{lim: rate.NewLimiter(l.rate, l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}

// limitExempt: anonymous callers on this machine (local tools, a reverse
// proxy on the host, which should rate-limit by itself) are not limited by
// address; every token is limited.
func limitExempt(key string) bool {
	addr, ok := strings.CutPrefix(key, "ip:")
	if !ok {
		return false
	}
	ip := net.ParseIP(addr)
	return ip != nil && ip.IsLoopback()
}

// clientAddr is the remote address without the port. X-Forwarded-For is
// not trusted: a proxy in front should rate-limit by itself.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// corsAllowed reports whether origin is in the allow-list ("*" allows all).
func corsAllowed(origins []string, origin string) bool {
	for _, o := range origins {
		if o == "*" || strings.EqualFold(o, origin) {
			return true
		}
	}
	return false
}
