package trace_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/examples"
	"github.com/stemmanews/stemma/tokenize"
)

// articleTruth is the schema of examples/article.truth.json (see
// examples/gen).
type articleTruth struct {
	Headline stemma.Span `json:"headline"`
	Blocks   []struct {
		ArticleSpan stemma.Span `json:"article_span"`
		SourceID    string      `json:"source_id"`
		SourceSpan  stemma.Span `json:"source_span"`
		Verbatim    bool        `json:"verbatim"`
		Changes     []struct {
			From        string      `json:"from"`
			To          string      `json:"to"`
			ArticleSpan stemma.Span `json:"article_span"`
			SourceSpan  stemma.Span `json:"source_span"`
		} `json:"changes"`
		Witnesses []struct {
			ID   string      `json:"id"`
			Span stemma.Span `json:"span"`
		} `json:"witnesses"`
	} `json:"blocks"`
	Original []stemma.Span `json:"original"`
}

// slack is how far a reported span may end from the truth: passages end on
// a word, the truth after the sentence's final period.
const slack = 3

func near(got, want stemma.Span) bool {
	return abs(got.Start-want.Start) <= slack && abs(got.End-want.End) <= slack
}

func abs(x int) int { return max(x, -x) }

// TestDemo indexes the bundled example corpus, traces the example article
// (as `stemma demo` does) and compares the report with the truth file.
func TestDemo(t *testing.T) {
	var truth articleTruth
	if err := json.Unmarshal(examples.ArticleTruth, &truth); err != nil {
		t.Fatal(err)
	}
	if len(truth.Blocks) != 4 {
		t.Fatalf("truth has %d blocks, this test expects 4", len(truth.Blocks))
	}
	var docs []stemma.Doc
	sc := bufio.NewScanner(bytes.NewReader(examples.Corpus))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d stemma.Doc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("corpus line %d: %v", len(docs)+1, err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	c := newCorpus(t, docs...)
	article := stemma.Doc{ID: "examples/article.txt", Text: examples.Article}
	rep := c.trace(t, article)

	if len(rep.Passages) != len(truth.Blocks) {
		for _, p := range rep.Passages {
			t.Logf("passage %v from %v", p.Article, ids(p))
		}
		t.Fatalf("%d passages, want one per truth block (%d)", len(rep.Passages), len(truth.Blocks))
	}
	reusedWords := 0
	for i, b := range truth.Blocks {
		p := rep.Passages[i]
		reusedWords += len(tokenize.Tokens(examples.Article[p.Article.Start:p.Article.End]))
		if !near(p.Article, b.ArticleSpan) {
			t.Errorf("block %d (%s): passage at %v, truth %v", i, b.SourceID, p.Article, b.ArticleSpan)
		}
		if p.Origin < 0 || p.Witnesses[p.Origin].Doc.ID != b.SourceID {
			t.Errorf("block %d: origin %d of %v, want %s", i, p.Origin, ids(p), b.SourceID)
			continue
		}
		if len(p.Witnesses) != len(b.Witnesses) {
			t.Errorf("block %d: witnesses %v, truth lists %d", i, ids(p), len(b.Witnesses))
		}
		for j, tw := range b.Witnesses {
			if j >= len(p.Witnesses) {
				break
			}
			w := p.Witnesses[j]
			if w.Doc.ID != tw.ID || !near(w.Source, tw.Span) {
				t.Errorf("block %d witness %d: %s at %v, want %s at %v", i, j, w.Doc.ID, w.Source, tw.ID, tw.Span)
			}
		}
		wantClass := stemma.NearVerbatim
		if b.Verbatim {
			wantClass = stemma.Verbatim
		}
		if p.Class != wantClass {
			t.Errorf("block %d (%s): class %s, want %s", i, b.SourceID, p.Class, wantClass)
		}
		// Every change of the truth is a substitution in the origin's
		// edit script, with the right words on both sides.
		origin := p.Witnesses[p.Origin]
		var subs []stemma.Edit
		for _, e := range origin.Edits {
			if e.Kind != stemma.Match {
				subs = append(subs, e)
			}
		}
		if len(subs) != len(b.Changes) {
			t.Errorf("block %d: %d changes found, truth has %d: %+v", i, len(subs), len(b.Changes), subs)
		}
		for k, ch := range b.Changes {
			if k >= len(subs) {
				break
			}
			e := subs[k]
			// "U.S." is the word "U.S" and a full stop.
			from := strings.TrimSuffix(ch.From, ".")
			if e.Kind != stemma.Substitute || e.SourceText != from || e.ArticleText != ch.To ||
				!near(e.Article, ch.ArticleSpan) || !near(e.Source, ch.SourceSpan) {
				t.Errorf("block %d change %d: %s %q→%q at %v/%v; truth %q→%q at %v/%v", i, k,
					e.Kind, e.SourceText, e.ArticleText, e.Article, e.Source, ch.From, ch.To, ch.ArticleSpan, ch.SourceSpan)
			}
		}
	}
	// The block copied from a wire story that was sent twice has both
	// stories as witnesses, and the earlier one as its origin.
	for i, b := range truth.Blocks {
		if len(b.Witnesses) == 2 {
			p := rep.Passages[i]
			if p.Origin != 0 || p.Witnesses[0].Doc.ID != "reuters-7521" || p.OriginBasis != stemma.EarliestDate {
				t.Errorf("repeated block: witnesses %v, origin %d (%s); want reuters-7521 first and origin", ids(p), p.Origin, p.OriginBasis)
			}
		}
	}
	// The headline and the original sentences are in no passage.
	for _, orig := range append(truth.Original, truth.Headline) {
		for _, p := range rep.Passages {
			if ov := p.Article.Overlap(orig); ov > 0 {
				t.Errorf("original text %v overlaps passage %v by %d bytes", orig, p.Article, ov)
			}
		}
	}
	if want := float64(reusedWords) / float64(rep.Words); math.Abs(rep.Reused-want) > 1e-9 {
		t.Errorf("reused %g, want %g", rep.Reused, want)
	}
	if len(rep.Sources) != 5 {
		t.Errorf("%d sources, want 5 (4 stories and the repeat)", len(rep.Sources))
	}
}
