package embedded_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/fuliang/talent/internal/search"
	"github.com/fuliang/talent/internal/search/embedded"
	"github.com/fuliang/talent/internal/search/searchtest"
)

func open(t *testing.T, dir string) (*embedded.Index, bool) {
	t.Helper()
	x := embedded.New(dir, "experts")
	existed, err := x.Init(context.Background())
	if err != nil {
		t.Fatalf("Init: %v", err)
	}
	return x, existed
}

func hitIDs(t *testing.T, x search.Index, q search.Query) []int64 {
	t.Helper()
	res, err := x.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

// TestReopen: writes, deletions, synonyms and compactions survive a restart,
// and the reopened index answers exactly like the one that wrote them.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	x, existed := open(t, dir)
	if existed {
		t.Fatal("new index existed")
	}
	gen := searchtest.NewGenerator(7)
	docs := gen.Documents(1500)
	for i := 0; i < len(docs); i += 500 {
		if err := x.Index(ctx, docs[i:i+500]...); err != nil {
			t.Fatal(err)
		}
	}
	// Replace every document twice (dead slots pass a quarter: in-memory
	// compaction; records pass twice the live count plus 1000: file
	// compaction), the first 500 once more, and delete some.
	for i := range docs {
		docs[i].Version = 2
		docs[i].Expertise = append(docs[i].Expertise, "重新入库")
	}
	for range 2 {
		if err := x.Index(ctx, docs...); err != nil {
			t.Fatal(err)
		}
	}
	docs[0].Version = 3
	if err := x.Index(ctx, docs[:500]...); err != nil {
		t.Fatal(err)
	}
	if err := x.Delete(ctx, 2, 3, 4, 1499); err != nil {
		t.Fatal(err)
	}
	if err := x.SetSynonyms(ctx, [][]string{{"重新入库", "复核"}}); err != nil {
		t.Fatal(err)
	}
	queries := []search.Query{
		{Text: "复核", Limit: 50},
		{Text: "茶树病虫害防治", Limit: 50},
		{Text: "瓷", Limit: 50, Filter: search.Filter{Registries: []string{"YOUTH_TALENT"}}},
		{Limit: 50, Offset: 100},
	}
	var before [][]int64
	for _, q := range queries {
		before = append(before, hitIDs(t, x, q))
	}
	n, _ := x.Count(ctx)
	if n != 1496 {
		t.Fatalf("Count = %d, want 1496", n)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(dir, "experts_v1.log"))
	if err != nil {
		t.Fatal(err)
	}

	y, existed := open(t, dir)
	defer y.Close()
	if !existed {
		t.Fatal("reopened index did not exist")
	}
	if m, _ := y.Count(ctx); m != n {
		t.Fatalf("Count after reopen = %d, want %d", m, n)
	}
	for i, q := range queries {
		if got := hitIDs(t, y, q); !slices.Equal(got, before[i]) {
			t.Errorf("query %+v after reopen: %v, want %v", q, got, before[i])
		}
	}
	if len(before[0]) == 0 {
		t.Error("synonym 复核 found nothing")
	}
	v, _ := y.Versions(ctx)
	if v[1] != 3 || v[10] != 2 || len(v) != n {
		t.Errorf("versions after reopen: 1→%d 10→%d, %d documents", v[1], v[10], len(v))
	}
	// 5000 puts; the file must have been compacted to about one record
	// per document.
	if perDoc := info.Size() / int64(n); perDoc > 2*1024 {
		t.Errorf("file holds %d bytes per live document: not compacted", perDoc)
	}
}

// TestTornTail: a half-written last record (a crash mid-append) is cut off;
// everything before it is kept.
func TestTornTail(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	x, _ := open(t, dir)
	docs := searchtest.NewGenerator(1).Documents(10)
	if err := x.Index(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	x.Close()
	path := filepath.Join(dir, "experts_v1.log")
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`0badc0de {"put":{"ID":11,"Na`)
	f.Close()

	y, existed := open(t, dir)
	if !existed {
		t.Fatal("index with a torn tail reported as new")
	}
	if n, _ := y.Count(ctx); n != 10 {
		t.Fatalf("Count = %d, want 10", n)
	}
	if err := y.Index(ctx, searchtest.NewGenerator(2).Document(11)); err != nil {
		t.Fatal(err)
	}
	y.Close()
	z, _ := open(t, dir)
	defer z.Close()
	if n, _ := z.Count(ctx); n != 11 {
		t.Fatalf("Count after appending past the cut = %d, want 11", n)
	}
}

// TestLocked: a second process (here: a second Index on the same files)
// cannot open an index in use, and gets ErrUnavailable.
func TestLocked(t *testing.T) {
	dir := t.TempDir()
	x, _ := open(t, dir)
	y := embedded.New(dir, "experts")
	if _, err := y.Init(context.Background()); !errors.Is(err, search.ErrUnavailable) {
		t.Fatalf("second Init: %v, want ErrUnavailable", err)
	}
	x.Close()
	z, _ := open(t, dir)
	z.Close()
}

// TestIDF: the index's IDF ranks a roster-rare term above a common one.
func TestIDF(t *testing.T) {
	x, _ := open(t, t.TempDir())
	defer x.Close()
	if err := x.Index(context.Background(), searchtest.NewGenerator(3).Documents(500)...); err != nil {
		t.Fatal(err)
	}
	common, ok1 := x.IDF("浮梁县")
	rare, ok2 := x.IDF("茶小绿叶蝉")
	if !ok1 || !ok2 || !(rare > common) {
		t.Fatalf("IDF(茶小绿叶蝉) = %v,%v; IDF(浮梁县) = %v,%v; want rare > common", rare, ok2, common, ok1)
	}
	if _, ok := x.IDF("不存在的词"); ok {
		t.Fatal("IDF of an absent term reported ok")
	}
}
