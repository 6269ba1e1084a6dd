package index

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stemmanews/stemma"
)

func TestDuplicates(t *testing.T) {
	ix := openMem(t, Options{})
	text := sentenceA + " " + filler("dup", 30)
	a := stemma.Doc{ID: "a", Source: "wire", URL: "https://wire.example/a", Title: "A", Text: text,
		Date: time.Date(2024, 3, 5, 8, 0, 0, 0, time.UTC), Author: "Jane Doe", Lang: "en"}
	b := stemma.Doc{ID: "b", Source: "paper", URL: "https://paper.example/b", Title: "B", Text: text}
	// One space more: not byte-identical, so stored in full.
	c := stemma.Doc{ID: "c", Source: "paper", Text: text + " "}
	// In a second batch: a duplicate of a stored document.
	res, err := ix.Add(a, b, c)
	if err != nil {
		t.Fatal(err)
	}
	if res != (CommitResult{Added: 2, Duplicates: 1}) {
		t.Fatalf("Add = %+v, want 2 added and 1 duplicate", res)
	}
	d := stemma.Doc{ID: "d", Source: "wire", URL: "https://wire.example/d", Text: text}
	if res, err := ix.Add(d, b); err != nil || res != (CommitResult{Duplicates: 1, Existing: 1}) {
		t.Fatalf("second Add = %+v, %v; want 1 duplicate, 1 existing", res, err)
	}
	// Empty texts are never duplicates of each other.
	if res, err := ix.Add(stemma.Doc{ID: "e1"}, stemma.Doc{ID: "e2"}); err != nil || res.Added != 2 {
		t.Fatalf("empty docs: %+v, %v", res, err)
	}
	cnt := ix.Counts()
	if cnt.Docs != 4 || cnt.Duplicates != 2 || cnt.Next != 7 {
		t.Errorf("Counts = %+v, want 4 documents and 2 duplicates", cnt)
	}
	got, err := ix.DocByID("b")
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != text || got.Source != "paper" || got.URL != b.URL || got.Title != "B" || got.Dated() {
		t.Errorf("DocByID(b) = %+v", got)
	}
	ga, err := ix.DocByID("a")
	if err != nil || ga.Author != "Jane Doe" || ga.Lang != "en" || !ga.Date.Equal(a.Date) {
		t.Errorf("DocByID(a) = %+v, %v; want author and language kept", ga, err)
	}
	numA, _ := ix.Num("a")
	dups, err := ix.Duplicates(numA)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range dups {
		ids = append(ids, d.ID)
		if d.Text != "" {
			t.Errorf("Duplicates returned text for %s", d.ID)
		}
	}
	if !slices.Equal(ids, []string{"b", "d"}) {
		t.Errorf("Duplicates(a) = %q, want [b d]", ids)
	}
	numC, _ := ix.Num("c")
	if dups, err := ix.Duplicates(numC); err != nil || len(dups) != 0 {
		t.Errorf("Duplicates(c) = %v, %v; want none", dups, err)
	}
	for url, want := range map[string]bool{a.URL: true, b.URL: true, d.URL: true, "https://other.example/": false} {
		if got, err := ix.HasURL(url); err != nil || got != want {
			t.Errorf("HasURL(%s) = %v, %v; want %v", url, got, err, want)
		}
	}
	src, err := ix.Sources()
	if err != nil || src["paper"] != 2 || src["wire"] != 2 {
		t.Errorf("Sources = %v, %v; want duplicates counted in their source", src, err)
	}
	r, err := ix.Check(true)
	if err != nil {
		t.Fatalf("Check: %v %v", err, r.Problems)
	}
	if r.Docs != 4 || r.Duplicates != 2 || r.IDs != 6 {
		t.Errorf("Check counted %+v", r)
	}
	// Each lists the stored documents only.
	n := 0
	if err := ix.Each(func(uint32, stemma.Doc) bool { n++; return true }); err != nil || n != 4 {
		t.Errorf("Each saw %d documents, %v; want the 4 stored", n, err)
	}
}

func TestCheckFindsBrokenDuplicate(t *testing.T) {
	ix := openMem(t, Options{})
	text := sentenceB + " " + filler("brk", 20)
	if _, err := ix.Add(stemma.Doc{ID: "a", Text: text}, stemma.Doc{ID: "b", Text: text}); err != nil {
		t.Fatal(err)
	}
	// Drop the link from the canonical to its duplicate.
	if err := ix.db.Delete(dupLinkKey(1, 2), nil); err != nil {
		t.Fatal(err)
	}
	r, err := ix.Check(false)
	if !errors.Is(err, ErrCorrupt) || len(r.Problems) == 0 {
		t.Errorf("Check = %v, %v; want a problem with the missing link", r.Problems, err)
	}
}

func TestFeedState(t *testing.T) {
	ix := openMem(t, Options{})
	if _, err := ix.FeedState("https://x.example/feed"); !errors.Is(err, ErrNotFound) {
		t.Errorf("FeedState of an unknown feed = %v, want ErrNotFound", err)
	}
	want := FeedState{ETag: `"abc"`, LastModified: "Tue, 05 Mar 2024 08:00:00 GMT"}
	if err := ix.SetFeedState("https://x.example/feed", want); err != nil {
		t.Fatal(err)
	}
	if got, err := ix.FeedState("https://x.example/feed"); err != nil || got != want {
		t.Errorf("FeedState = %+v, %v; want %+v", got, err, want)
	}
	if r, err := ix.Check(true); err != nil {
		t.Errorf("Check with feed state: %v %v", err, r.Problems)
	}
}
