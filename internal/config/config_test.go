package config_test

import (
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/config"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the configuration table in README.md")

const (
	begin = "<!-- config:begin (generated from internal/config; go test ./internal/config -update-readme) -->\n"
	end   = "<!-- config:end -->"
)

func table() string {
	var c config.Config
	settings := c.Register(flag.NewFlagSet("x", flag.ContinueOnError))
	var b strings.Builder
	b.WriteString("| flag | environment | default | meaning |\n|---|---|---|---|\n")
	for _, s := range settings {
		def := s.Default
		if def == "" {
			def = "(empty)"
		}
		b.WriteString("| `" + s.Flag + "` | `" + s.Env + "` | `" + def + "` | " + s.Usage + " |\n")
	}
	return b.String()
}

// TestReadmeConfigurationTable keeps the README's table equal to the flags.
func TestReadmeConfigurationTable(t *testing.T) {
	const path = "../../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the configuration markers")
	}
	want := s[:i+len(begin)] + table() + s[j:]
	if want == s {
		return
	}
	if *updateReadme {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("README.md's configuration table is out of date: go test ./internal/config -update-readme")
}

func TestEnvironmentTwinsAndErrors(t *testing.T) {
	t.Setenv("TALENT_ADDR", ":9999")
	t.Setenv("TALENT_TIMEOUT", "45s")
	t.Setenv("TALENT_MAX_DEPTH", "many")
	var c config.Config
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	c.Register(fs)
	if err := fs.Parse([]string{"--timeout", "10s"}); err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":9999" {
		t.Errorf("environment twin not used: %q", c.Addr)
	}
	if c.Timeout != 10*time.Second {
		t.Errorf("flag should win over the environment: %v", c.Timeout)
	}
	err := c.Check()
	if err == nil || !strings.Contains(err.Error(), "TALENT_MAX_DEPTH") {
		t.Fatalf("a bad environment value must be reported by name: %v", err)
	}
}
