package trace_test

import (
	"strings"
	"testing"

	"github.com/stemmanews/stemma"
)

// TestTraceCopyOfCutCopy: the origin gave the article's text in two
// pieces, with sentences between them that a later reprint cut, and the
// article copies the reprint. The reprint is one witness over the whole
// passage, the origin two alignments in it; the passage lists the
// origin's longer one, and the shorter must still count: every sentence
// of the article came first from the origin, and the origin covers the
// whole article.
func TestTraceCopyOfCutCopy(t *testing.T) {
	var sents []string
	for _, d := range readReuters(t, 400) {
		s := strings.SplitAfter(strings.Join(strings.Fields(d.Text), " "), ". ")
		long := 0
		for _, x := range s {
			if len(strings.Fields(x)) >= 10 {
				long++
			}
		}
		if len(s) >= 9 && long == len(s) {
			sents = s[:9]
			break
		}
	}
	if sents == nil {
		t.Fatal("no Reuters story of nine sentences of ten words or more among the first 400")
	}
	full := strings.TrimSpace(strings.Join(sents, ""))
	// The reprint cuts sentences 4 to 6 (over 30 words: more than
	// MaxGap, so the origin aligns in two pieces).
	cut := strings.TrimSpace(strings.Join(sents[:3], "") + strings.Join(sents[6:], ""))
	c := newCorpus(t,
		stemma.Doc{ID: "origin", Date: day(2), Text: full},
		stemma.Doc{ID: "reprint", Date: day(3), Text: cut},
	)
	article := stemma.Doc{ID: "copy", Date: day(5), Text: cut}
	rep := c.trace(t, article)
	if len(rep.Passages) != 1 {
		t.Fatalf("%d passages, want 1: %+v", len(rep.Passages), rep.Passages)
	}
	p := rep.Passages[0]
	if len(p.Witnesses) != 2 || p.Origin < 0 || p.Witnesses[p.Origin].Doc.ID != "origin" {
		t.Fatalf("passage witnesses %d, origin %d; want 2, the origin first", len(p.Witnesses), p.Origin)
	}
	if w := p.Witnesses[p.Origin]; w.Article.End-w.Article.Start >= len(cut)-10 {
		t.Fatalf("the origin's witness spans %v of the article's %d bytes: one alignment, not two pieces; the test no longer sets up the case", w.Article, len(cut))
	}
	if len(rep.Sentences) != 6 {
		t.Fatalf("%d sentences, want 6", len(rep.Sentences))
	}
	for i, s := range rep.Sentences {
		if s.Source != "origin" || s.Passage != 0 {
			t.Errorf("sentence %d (%q): source %q in passage %d, want the origin in passage 0", i, s.Text, s.Source, s.Passage)
		}
	}
	for _, src := range rep.Sources {
		if src.Doc.ID == "origin" && (src.Coverage < 0.99 || src.Passages != 1 || src.Origins != 1) {
			t.Errorf("origin: coverage %.3f, %d passages, origin of %d; want 1.0, 1, 1", src.Coverage, src.Passages, src.Origins)
		}
	}
}
