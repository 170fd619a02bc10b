package graph

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the authorization table in README.md")

const (
	authzBegin = "<!-- authz:begin (generated from graph/authz.go; go test ./graph -run TestReadme -update-readme) -->\n"
	authzEnd   = "<!-- authz:end -->"
)

// TestReadmeAuthorizationTable keeps the README's role × operation table
// equal to the rules the server enforces.
func TestReadmeAuthorizationTable(t *testing.T) {
	const path = "../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i, j := strings.Index(s, authzBegin), strings.Index(s, authzEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the markers %q … %q", authzBegin, authzEnd)
	}
	want := s[:i+len(authzBegin)] + AuthorizationTable() + s[j:]
	if want == s {
		return
	}
	if *updateReadme {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("README.md's authorization table is out of date: go test ./graph -run TestReadme -update-readme")
}
