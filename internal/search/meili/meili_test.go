package meili_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/search/meili"
	"github.com/fuliang/talent/internal/search/searchtest"
	"github.com/fuliang/talent/internal/testenv"
)

// newIndex returns an index with a unique name on the test server, deleted
// (with any rebuild leftovers) when the test ends.
func newIndex(t testing.TB) *meili.Index {
	url, key := testenv.Meili(t)
	x := meili.New(meili.Options{URL: url, APIKey: key, Name: testenv.UniqueName("experts")})
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		cli := meilisearch.New(url, meilisearch.WithAPIKey(key))
		res, err := cli.ListIndexes(ctx, &meilisearch.IndexesQuery{Limit: 1000})
		if err != nil {
			t.Errorf("cleanup: list indexes: %v", err)
			return
		}
		for _, idx := range res.Results {
			if strings.HasPrefix(idx.UID, x.UID()) {
				if task, err := cli.DeleteIndex(ctx, idx.UID); err == nil {
					cli.WaitForTask(ctx, task.TaskUID, 50*time.Millisecond)
				}
			}
		}
	})
	return x
}

func TestConformance(t *testing.T) {
	searchtest.Run(t, func(t *testing.T) search.Index { return newIndex(t) })
}

// TestUnavailable: an unreachable server is reported as ErrUnavailable, so
// callers can degrade.
func TestUnavailable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	x := meili.New(meili.Options{URL: "http://" + addr, Name: "experts"})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := x.Init(ctx); !errors.Is(err, search.ErrUnavailable) {
		t.Fatalf("Init: %v, want ErrUnavailable", err)
	}
	if err := x.Ping(ctx); !errors.Is(err, search.ErrUnavailable) {
		t.Fatalf("Ping: %v, want ErrUnavailable", err)
	}
	if _, err := x.Search(ctx, search.Query{Text: "茶"}); !errors.Is(err, search.ErrUnavailable) {
		t.Fatalf("Search: %v, want ErrUnavailable", err)
	}
	if err := x.Index(ctx, searchtest.NewGenerator(1).Document(1)); !errors.Is(err, search.ErrUnavailable) {
		t.Fatalf("Index: %v, want ErrUnavailable", err)
	}
}
