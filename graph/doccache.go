package graph

import (
	"sync"

	"github.com/graphql-go/graphql/language/ast"
)

// docCache keeps parsed documents that passed the checks depending only on
// their text. Clients send the same few queries over and over; validating
// the matcher's query took about 0.25 ms of CPU per request (a CPU profile
// of `talentctl bench match`), against 3 ms for a whole match on the
// embedded backend. The executor only reads a document, so one may serve
// many requests at once.
type docCache struct {
	mu sync.Mutex
	m  map[string]*ast.Document
}

const (
	docCacheSize   = 512      // documents kept
	docCacheMaxLen = 16 << 10 // longer query texts are not kept
)

func (c *docCache) get(query string) (*ast.Document, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.m[query]
	return d, ok
}

// put keeps doc, first dropping about a tenth of the entries (random ones:
// Go's map order is random) when the cache is full.
func (c *docCache) put(query string, doc *ast.Document) {
	if len(query) > docCacheMaxLen {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[string]*ast.Document)
	}
	if _, ok := c.m[query]; !ok && len(c.m) >= docCacheSize {
		drop := docCacheSize / 10
		for k := range c.m {
			delete(c.m, k)
			if drop--; drop == 0 {
				break
			}
		}
	}
	c.m[query] = doc
}
