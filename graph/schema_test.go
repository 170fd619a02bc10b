package graph_test

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fuliang/talent/graph"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/testenv"
)

// TestSchemaFileInSync keeps the checked-in schema.graphql equal to the
// schema the server serves. Regenerate with `go run ./cmd/talentctl schema > schema.graphql`.
func TestSchemaFileInSync(t *testing.T) {
	sdl, err := graph.SDL()
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile(filepath.Join("..", "schema.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	if string(file) != sdl {
		t.Fatal("schema.graphql is out of date: run `go run ./cmd/talentctl schema > schema.graphql`")
	}
}

// TestIntrospectionLoadsInGraphQLJS checks the introspection result with the
// reference implementation: graphql-js fetches it over HTTP with its own
// introspection query, builds a client schema from it, and validates a
// query against that schema.
func TestIntrospectionLoadsInGraphQLJS(t *testing.T) {
	node, pkg := testenv.NodePackage(t, "graphql", "16.9.0")
	st, err := store.Open(context.Background(), store.Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	h, err := graph.NewHandler(&graph.Resolver{Store: st}, graph.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()
	script := `
const g = require(process.argv[1]);
(async () => {
  const res = await fetch(process.argv[2], {method: 'POST',
    headers: {'Content-Type': 'application/json', 'Accept': 'application/graphql-response+json'},
    body: JSON.stringify({query: g.getIntrospectionQuery({descriptions: true})})});
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  const schema = g.buildClientSchema(body.data);
  const errs = g.validateSchema(schema);
  if (errs.length) throw new Error(errs.map(String).join('\n'));
  const q = g.parse('{ experts(filter: {registry: SCIENCE_ENVOY}, first: 5) { totalCount edges { cursor node { id name memberships { registry status } } } pageInfo { hasNextPage endCursor } } }');
  const v = g.validate(schema, q);
  if (v.length) throw new Error(v.map(String).join('\n'));
  console.log('ok', Object.keys(schema.getTypeMap()).length);
})().catch(e => { console.error(e.message); process.exit(1); });
`
	out, err := exec.Command(node, "-e", script, pkg, ts.URL).CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "ok ") {
		t.Fatalf("graphql-js: %v\n%s", err, out)
	}
	t.Logf("graphql-js buildClientSchema: %s", strings.TrimSpace(string(out)))
}
