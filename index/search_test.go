package index

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/stemmanews/stemma"
)

func TestSearch(t *testing.T) {
	ix, err := Open("ix", Options{FS: vfs.NewMem()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	day := func(d int) time.Time { return time.Date(1987, 3, d, 12, 0, 0, 0, time.UTC) }
	docs := []stemma.Doc{
		{ID: "r-1", Source: "reuters", Title: "Japan chip TARIFFS", Date: day(1), Text: "one"},
		{ID: "r-2", Source: "reuters", Title: "Cocoa review", Date: day(5), Text: "two"},
		{ID: "b-3", Source: "bbc", Title: "Chip makers in Japan", Date: day(9), Text: "three", Lang: "de-AT"},
		{ID: "b-chip", Source: "bbc", Title: "Café Über", Text: "four"},
		// An exact duplicate of r-2, stored as a duplicate record.
		{ID: "r-2-again", Source: "reuters", Title: "Cocoa review (repeat)", Date: day(6), Text: "two", Lang: "de"},
	}
	if _, err := ix.Add(docs...); err != nil {
		t.Fatal(err)
	}
	if c := ix.Counts(); c.Duplicates != 1 {
		t.Fatalf("%d duplicates stored, want r-2-again", c.Duplicates)
	}
	ids := func(r SearchResult) []string {
		var out []string
		for _, d := range r.Docs {
			if d.Text != "" {
				t.Errorf("%s: text returned", d.ID)
			}
			out = append(out, d.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		q     Query
		want  []string
		total int
	}{
		{"all", Query{Limit: 10}, []string{"r-1", "r-2", "b-3", "b-chip", "r-2-again"}, 5},
		{"count only", Query{}, nil, 5},
		{"duplicates too", Query{Text: "cocoa", Limit: 10}, []string{"r-2", "r-2-again"}, 2},
		{"words in any case, title or id", Query{Text: "chip  japan", Limit: 10}, []string{"r-1", "b-3"}, 2},
		{"id", Query{Text: "CHIP", Limit: 10}, []string{"r-1", "b-3", "b-chip"}, 3},
		{"non-ascii fold", Query{Text: "über", Limit: 10}, []string{"b-chip"}, 1},
		{"source", Query{Source: "bbc", Limit: 10}, []string{"b-3", "b-chip"}, 2},
		{"language by its primary subtag, duplicates too", Query{Lang: "DE", Limit: 10}, []string{"b-3", "r-2-again"}, 2},
		{"date range excludes undated", Query{From: day(2), To: day(9), Limit: 10}, []string{"r-2", "b-3", "r-2-again"}, 3},
		{"offset and limit", Query{Offset: 1, Limit: 2}, []string{"r-2", "b-3"}, 5},
		{"nothing", Query{Text: "zebra", Limit: 10}, nil, 0},
	} {
		r, err := ix.Search(context.Background(), tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(r); !slices.Equal(got, tc.want) || r.Total != tc.total {
			t.Errorf("%s: got %q total %d, want %q total %d", tc.name, got, r.Total, tc.want, tc.total)
		}
	}
}
