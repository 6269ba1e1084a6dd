package align_test

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"os"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/align"
	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/synth"
	"github.com/stemmanews/stemma/tokenize"
)

// firstReuters returns the first n Reuters stories.
func firstReuters(tb testing.TB, n int) []stemma.Doc {
	tb.Helper()
	f, err := os.Open(testdata.Path(tb, "reuters-21578.jsonl.gz"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	var out []stemma.Doc
	dec := json.NewDecoder(zr)
	for len(out) < n {
		var d stemma.Doc
		if err := dec.Decode(&d); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			tb.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

// TestParaphraseKeepsExactPassages checks that sentence alignment only
// adds: every passage that exact alignment finds lies, by at least half of
// its article side, inside a passage the paraphrase aligner returns. The
// pairs are Reuters stories and copies of them with sentences dropped,
// moved and half of them reworded (package synth), where one paraphrase
// may span small exact passages on both sides of a long verbatim one.
func TestParaphraseKeepsExactPassages(t *testing.T) {
	docs := firstReuters(t, 3000)
	g, err := synth.New(docs, synth.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	exact, err := align.New(align.Options{})
	if err != nil {
		t.Fatal(err)
	}
	para, err := align.New(align.Options{Paraphrase: true})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]string{}
	for _, d := range docs {
		byID[d.ID] = d.Text
	}
	pairs, passages := 0, 0
	for n := range 400 {
		c := g.Reorder(n * 7)
		if n%2 == 1 {
			c = g.Stitch(n)
		}
		c = g.Paraphrase(c, []float64{0.5, 1}[n/2%2])
		a := tokenize.Tokens(c.Doc.Text)
		seen := map[string]bool{}
		for _, seg := range c.Segments {
			if seg.SourceID == "" || seen[seg.SourceID] {
				continue
			}
			seen[seg.SourceID] = true
			pairs++
			bt := byID[seg.SourceID]
			b := tokenize.Tokens(bt)
			got := para.Align(c.Doc.Text, a, bt, b)
			for _, e := range exact.Align(c.Doc.Text, a, bt, b) {
				passages++
				best := 0 // the most of e's article words one passage holds
				for _, p := range got {
					best = max(best, min(p.A1, e.A1)-max(p.A0, e.A0))
				}
				if 2*best < e.A1-e.A0 {
					t.Errorf("%s against %s: exact passage of article words [%d, %d) lost with paraphrase alignment (at most %d held)", c.Doc.ID, seg.SourceID, e.A0, e.A1, best)
				}
			}
		}
	}
	t.Logf("%d pairs, %d exact passages", pairs, passages)
}
