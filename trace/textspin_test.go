package trace_test

import (
	"context"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/freq"
	"github.com/stemmanews/stemma/spin"
	"github.com/stemmanews/stemma/synth"
	"github.com/stemmanews/stemma/tokenize"
)

// TestTraceTextSpin: a spun copy whose source is not indexed is reported
// spun from its own text, and still is once the index holds the copy
// itself (a farm's copy of a farm's copy): the trace reads the corpus less
// the article's own counts.
func TestTraceTextSpin(t *testing.T) {
	docs := readReuters(t, 3000)
	f, err := spin.New(spin.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The source: the first long story after the 2,000th that the rest of
	// the corpus reads with no tell at all.
	all := newCorpus(t, docs...)
	var src stemma.Doc
	var counter freq.Counter
	for _, d := range docs[2000:] {
		own := counter.Terms(d.Text, tokenize.Tokens(d.Text))
		if ts, err := f.Find(d.Text, freq.Without(all.ix, own)); err == nil && len(ts.Tells) == 0 && len(d.Text) > 2000 {
			src = d
			break
		}
	}
	if src.ID == "" {
		t.Fatal("no story reads clean")
	}
	var rest []stemma.Doc
	for _, d := range docs {
		if d.ID != src.ID {
			rest = append(rest, d)
		}
	}
	c := newCorpus(t, rest...)
	g, err := synth.New([]stemma.Doc{src}, synth.Options{Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	// Dated: the copy is later than its source (the test corpus is read
	// undated).
	src.Date = at(20, 9)
	cp := g.Spin(g.Reprint(0), 0.3)
	cp.Doc.ID, cp.Doc.Date = "farm-1", at(21, 9)

	rep := c.trace(t, cp.Doc)
	ts := rep.Spin.Text
	t.Logf("%s", ts.Explanation)
	if !ts.Spun || !rep.Spin.Spun || rep.Spin.SwapsSpun || ts.CorpusWords < spin.DefaultMinCorpusWords {
		t.Fatalf("spun copy with no source indexed: spin %+v", rep.Spin)
	}
	// Every tell in the text copied from the source is at a generator's
	// swap, or next to one (the article before a swapped word, a word
	// whose neighbour was swapped); the outlet's own header and footer are
	// unspun text like any other.
	for _, tl := range ts.Tells {
		if cp.Doc.Text[tl.Article.Start:tl.Article.End] != tl.Text {
			t.Errorf("tell %+v: text is not the article's at its offsets", tl)
		}
		copied := false
		for _, seg := range cp.Segments {
			copied = copied || seg.SourceID != "" && tl.Article.Overlap(seg.Copy) > 0
		}
		if !copied {
			continue
		}
		hit := false
		for _, s := range cp.Substitutions {
			hit = hit || tl.Article.Start <= s.Copy.End+1 && s.Copy.Start <= tl.Article.End+1
		}
		if !hit {
			t.Errorf("tell %q at %v is at no swap: %s; text %q", tl.Text, tl.Article, tl.Reason, cp.Doc.Text[max(0, tl.Article.Start-60):tl.Article.End+60])
		}
	}

	// Indexed, the copy is traced by ID: its own counts do not vouch for
	// its wording.
	if _, err := c.ix.Add(cp.Doc); err != nil {
		t.Fatal(err)
	}
	again, err := c.tr.TraceID(context.Background(), cp.Doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Spin.Text.Spun || len(again.Spin.Text.Tells) != len(ts.Tells) {
		t.Errorf("indexed copy traced by ID: %d tells (spun %v), before it was indexed %d",
			len(again.Spin.Text.Tells), again.Spin.Text.Spun, len(ts.Tells))
	}
	naive, err := f.Find(cp.Doc.Text, c.ix)
	if err != nil {
		t.Fatal(err)
	}
	if len(naive.Tells) >= len(ts.Tells) {
		t.Errorf("with its own counts the copy shows %d tells, as many as without (%d): the test shows nothing", len(naive.Tells), len(ts.Tells))
	}

	// The unspun source, indexed and traced by ID, is not spun: the
	// copy's swaps are the copy's.
	if _, err := c.ix.Add(src); err != nil {
		t.Fatal(err)
	}
	orig, err := c.tr.TraceID(context.Background(), src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if orig.Spin.Text.Spun || orig.Spin.Spun {
		t.Errorf("unspun source reported spun: %s / %s", orig.Spin.Text.Explanation, orig.Spin.Explanation)
	}
}
