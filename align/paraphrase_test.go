package align_test

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/align"
	"github.com/stemmanews/stemma/examples"
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

// TestSummary aligns Reuters-21578's first story, twenty sentences on the
// Bahia cocoa crop, with examples.Brief, which condenses it in five short
// sentences, each reworded from another part of the story (its sentences
// 1, 9, 12, 18 and 20). Sentence alignment must find the
// brief as one summary of the whole story, from its first word to
// "carnival" (the brief leaves out what follows: "which ends midday on
// February 27"); the brief's first sentence, too short to be a passage
// alone and eight sentences from the next in the story, was left out
// before summaries were joined. A verbatim copy of two runs of the
// story's sentences, far apart in it, must stay two passages, neither a
// summary.
func TestSummary(t *testing.T) {
	src := firstReuters(t, 1)[0].Text
	brief := strings.TrimSpace(examples.Brief)
	para, err := align.New(align.Options{Paraphrase: true})
	if err != nil {
		t.Fatal(err)
	}
	a, b := tokenize.Tokens(brief), tokenize.Tokens(src)
	got := para.Align(brief, a, src, b)
	if len(got) != 1 || !got[0].Summary() {
		t.Fatalf("brief: %d passages %+v, want one summary", len(got), got)
	}
	s := got[0]
	wantA := [2]int{0, len(brief) - 1}
	wantB := [2]int{0, strings.Index(src, "carnival") + len("carnival")}
	if got := [2]int{int(a[s.A0].Start), int(a[s.A1-1].End)}; got != wantA {
		t.Errorf("summary covers bytes %v of the brief, want %v", got, wantA)
	}
	if got := [2]int{int(b[s.B0].Start), int(b[s.B1-1].End)}; got != wantB {
		t.Errorf("summary covers bytes %v of the story, want %v", got, wantB)
	}
	if c := s.Confidence(); c < 0.5 {
		t.Errorf("summary confidence %.2f, want at least 0.5", c)
	}

	// The story's sentences 1–4 and 16–19, one run after the other.
	sentence := func(k int) (int, int) { // byte range of the story's sentence k
		start := 0
		for i := 0; i < len(src); i++ {
			if src[i] == '.' && (i+1 == len(src) || src[i+1] == ' ' || src[i+1] == '\n') {
				if k == 0 {
					return start, i + 1
				}
				k--
				start = i + 1
				for start < len(src) && (src[start] == ' ' || src[start] == '\n') {
					start++
				}
			}
		}
		t.Fatalf("no sentence %d", k)
		return 0, 0
	}
	s0, _ := sentence(0)
	_, s3 := sentence(3)
	s15, _ := sentence(15)
	_, s18 := sentence(18)
	runs := src[s0:s3] + " " + src[s15:s18]
	a = tokenize.Tokens(runs)
	got = para.Align(runs, a, src, b)
	if len(got) != 2 || got[0].Summary() || got[1].Summary() {
		t.Errorf("two copied runs: %d passages %+v, want two, neither a summary", len(got), got)
	}
}
