package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
)

// benchStore holds 2 000 experts, each in one registry, on SQLite.
func benchStore(b *testing.B) (*store.Store, []int64) {
	b.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{DataDir: b.TempDir(), Rules: talent.DefaultRules()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx, nil); err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for i := range 2000 {
		e := sample(fmt.Sprintf("专家%d", i))
		e.Phone, e.Email = "", ""
		created, err := s.CreateExpert(ctx, e)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.AdmitToRegistry(ctx, store.Admission{ExpertID: created.ID, Registry: talent.ScienceEnvoy}); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, created.ID)
	}
	return s, ids
}

// BenchmarkProfileReads compares, for the matcher's 120 candidates, the
// one-query check it makes on every match against loading whole profiles
// (what a cache miss costs).
func BenchmarkProfileReads(b *testing.B) {
	s, all := benchStore(b)
	ctx := context.Background()
	ids := all[:120]
	month := time.Now()
	b.Run("facts", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.MatchFactsByExperts(ctx, ids, month); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("whole", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.ExpertsByIDs(ctx, ids); err != nil {
				b.Fatal(err)
			}
			if _, err := s.MembershipsByExperts(ctx, ids); err != nil {
				b.Fatal(err)
			}
		}
	})
}
