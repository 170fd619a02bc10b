package vocab_test

import (
	"context"
	"slices"
	"testing"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/search/embedded"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/textproc"
	"github.com/fuliang/talent/internal/vocab"
)

func TestGaps(t *testing.T) {
	ctx := context.Background()
	idx := embedded.New(t.TempDir(), "experts")
	if _, err := idx.Init(ctx); err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	an := textproc.Default()
	if err := idx.SetSynonyms(ctx, an.Synonyms().Groups()); err != nil {
		t.Fatal(err)
	}
	err := idx.Index(ctx,
		search.Document{ID: 1, Version: 1, Name: "甲", Expertise: []string{"茶树病虫害防治"}},
		search.Document{ID: 2, Version: 1, Name: "乙", Expertise: []string{"陶瓷釉料", "生猪养殖"}})
	if err != nil {
		t.Fatal(err)
	}
	reqs := []store.RequestText{
		{ID: 3, Title: "鸵鸟养殖", Description: "村里有人想养鸵鸟"},
		{ID: 2, Title: "鸵鸟怎么养", Description: "想学鸵鸟养殖，鹅湖镇"},
		{ID: 1, Title: "茶叶生病", Description: "茶叶上有病虫害"},
	}
	gaps, err := vocab.Gaps(ctx, an, idx, reqs)
	if err != nil {
		t.Fatal(err)
	}
	if len(gaps) == 0 || gaps[0].Term != "鸵鸟" || gaps[0].Requests != 2 ||
		!slices.Equal(gaps[0].Examples, []string{"鸵鸟养殖", "鸵鸟怎么养"}) {
		t.Fatalf("gaps %+v: 鸵鸟 first, in two requests, newest first", gaps)
	}
	for _, g := range gaps {
		switch g.Term {
		case "养殖", "茶叶", "病虫害", "鹅湖镇", "鹅湖":
			// in a profile (茶叶 as a synonym of 茶树), or a place
			t.Errorf("%s is no gap: %+v", g.Term, g)
		}
	}
}
