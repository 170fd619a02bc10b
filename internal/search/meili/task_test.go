package meili

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/testenv"
)

// TestFailedTask: a task Meilisearch accepts and then fails must be an error
// (meilisearch-go's WaitForTask returns nil for it).
func TestFailedTask(t *testing.T) {
	url, key := testenv.Meili(t)
	x := New(Options{URL: url, APIKey: key, Name: testenv.UniqueName("experts")})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := x.Init(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() {
		task, err := x.cli.DeleteIndex(context.Background(), x.uid)
		x.wait(context.Background(), "cleanup", task, err)
	}()
	// Accepted (202), then failed during indexing: an id may not contain
	// spaces.
	task, err := x.cli.Index(x.uid).AddDocuments(ctx, []map[string]any{{"id": "not a valid id"}}, nil)
	err = x.wait(ctx, "add documents", task, err)
	var te *taskError
	if !errors.As(err, &te) || te.code == "" {
		t.Fatalf("failed task: %v, want a taskError with a code", err)
	}
	if errors.Is(err, search.ErrUnavailable) {
		t.Fatalf("a bad document is not an outage: %v", err)
	}

	// A deadline that passes while waiting is an outage.
	short := New(Options{URL: url, APIKey: key, Name: x.uid, TaskTimeout: time.Nanosecond})
	short.uid = x.uid
	err = short.Index(ctx, search.Document{ID: 1, Name: "超时"})
	if !errors.Is(err, search.ErrUnavailable) {
		t.Fatalf("task wait past its deadline: %v, want ErrUnavailable", err)
	}
}
