package trace_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stemmanews/stemma"
)

// TestTraceDuplicates checks that exact duplicates, stored as small
// records pointing at their canonical document, are still witnesses: of
// an article that copies them, and of each other.
func TestTraceDuplicates(t *testing.T) {
	shared := "The harbour authority said on Monday that the new container terminal would open in the spring, two years later than planned, after a dispute over dredging permits delayed the work."
	text := shared + " Shipping lines have already moved some routes to rival ports along the coast."
	docs := []stemma.Doc{
		{ID: "wire-1", Source: "wire", Text: text},
		{ID: "paper-2", Source: "paper", Text: text},     // byte-identical: a duplicate record
		{ID: "blog-3", Source: "blog", Text: text + " "}, // one byte more: stored in full
	}
	c := newCorpus(t, docs...)
	if n := c.ix.Counts().Duplicates; n != 1 {
		t.Fatalf("%d duplicates recorded, want 1", n)
	}
	article := stemma.Doc{ID: "copy", Text: "Port news. " + shared + " Officials declined to comment."}
	rep := c.trace(t, article)
	if len(rep.Passages) != 1 {
		t.Fatalf("%d passages, want 1", len(rep.Passages))
	}
	p := rep.Passages[0]
	var ids []string
	for _, w := range p.Witnesses {
		ids = append(ids, w.Doc.ID)
		if got := docs[slices.IndexFunc(docs, func(d stemma.Doc) bool { return d.ID == w.Doc.ID })].Text[w.Source.Start:w.Source.End]; !strings.HasPrefix(got, "The harbour") {
			t.Errorf("witness %s: source span %v covers %q", w.Doc.ID, w.Source, got)
		}
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"blog-3", "paper-2", "wire-1"}) {
		t.Errorf("witnesses %q, want all three copies", ids)
	}
	// Tracing an indexed document by ID lists its duplicate, and the
	// duplicate's trace lists the document it duplicates.
	for id, want := range map[string][]string{
		"wire-1":  {"blog-3", "paper-2"},
		"paper-2": {"blog-3", "wire-1"},
	} {
		rep, err := c.tr.TraceID(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range rep.Sources {
			got = append(got, s.Doc.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("TraceID(%s) sources %q, want %q", id, got, want)
		}
	}
}
