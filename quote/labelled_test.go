package quote_test

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"os"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/quote"
)

// label is one hand-labelled quote of testdata/quotes/quotes.jsonl: every
// quote of each labelled document, with its speaker as written ("" for
// none) and other phrases of the same text that name the same speaker.
type label struct {
	Doc      string   `json:"doc"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Speaker  string   `json:"speaker"`
	Also     []string `json:"also"`
	Patterns []string `json:"patterns"`
	Begins   string   `json:"begins"`
}

func readLabels(t testing.TB) []label {
	t.Helper()
	f, err := os.Open("testdata/quotes/quotes.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []label
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var l label
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("quotes.jsonl line %d: %v", n, err)
		}
		out = append(out, l)
	}
	return out
}

// readCorpus reads the documents with the given IDs from the shared
// corpora.
func readCorpus(t testing.TB, want map[string]bool) map[string]stemma.Doc {
	t.Helper()
	docs := map[string]stemma.Doc{}
	for _, name := range []string{"reuters-21578.jsonl.gz", "bbc-news.jsonl.gz"} {
		f, err := os.Open(testdata.Path(t, name))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(zr)
		for {
			var d stemma.Doc
			err := dec.Decode(&d)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if want == nil || want[d.ID] {
				docs[d.ID] = d
			}
		}
		f.Close()
	}
	return docs
}

// QuoteScores are extraction and attribution scores on the labelled set.
type QuoteScores struct {
	Labelled, Found, Matched int
	Precision, Recall, F1    float64
	// SpeakerAccuracy is over matched quotes: the speaker found names the
	// labelled speaker (or both have none).
	SpeakerAccuracy float64
	// NamedAccuracy is over matched quotes that have a labelled speaker.
	NamedAccuracy float64
	PerPattern    map[string][2]int // correct, total
}

func scoreLabels(t testing.TB, labels []label, docs map[string]stemma.Doc, verbose bool) QuoteScores {
	byDoc := map[string][]label{}
	for _, l := range labels {
		byDoc[l.Doc] = append(byDoc[l.Doc], l)
	}
	s := QuoteScores{PerPattern: map[string][2]int{}}
	var correct, named, namedOK int
	for id, ls := range byDoc {
		d, ok := docs[id]
		if !ok {
			t.Fatalf("labelled document %s not in the corpora", id)
		}
		found := quote.Find(d.Text)
		s.Labelled += len(ls)
		s.Found += len(found)
		for _, l := range ls {
			var hit *quote.Quotation
			for i := range found {
				if found[i].Text == (stemma.Span{Start: l.Start, End: l.End}) {
					hit = &found[i]
				}
			}
			if hit == nil {
				if verbose {
					t.Logf("missed %s %d-%d %q", id, l.Start, l.End, l.Begins)
				}
				continue
			}
			s.Matched++
			ok := l.Speaker == "" && hit.Name == ""
			for _, want := range append([]string{l.Speaker}, l.Also...) {
				ok = ok || want != "" && quote.SameSpeaker(hit.Name, want)
			}
			if ok {
				correct++
			} else if verbose {
				t.Logf("speaker %s %q: got %q (%s), want %q", id, l.Begins, hit.Name, hit.Attribution, l.Speaker)
			}
			if l.Speaker != "" {
				named++
				if ok {
					namedOK++
				}
			}
			for _, p := range l.Patterns {
				c := s.PerPattern[p]
				c[1]++
				if ok {
					c[0]++
				}
				s.PerPattern[p] = c
			}
		}
	}
	s.Precision = float64(s.Matched) / float64(max(1, s.Found))
	s.Recall = float64(s.Matched) / float64(max(1, s.Labelled))
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	s.SpeakerAccuracy = float64(correct) / float64(max(1, s.Matched))
	s.NamedAccuracy = float64(namedOK) / float64(max(1, named))
	return s
}

// Floors the labelled set must keep (docs/benchmarks-quotes.md has the
// figures measured when they were set).
const (
	minExtractionF1 = 0.95
	minSpeakerAcc   = 0.90
)

// TestLabelledQuotes scores extraction and attribution on the hand-labelled
// quotes of real Reuters and BBC stories.
func TestLabelledQuotes(t *testing.T) {
	labels := readLabels(t)
	want := map[string]bool{}
	for _, l := range labels {
		want[l.Doc] = true
	}
	docs := readCorpus(t, want)
	for _, l := range labels {
		d := docs[l.Doc]
		if l.Start < 0 || l.End > len(d.Text) || l.Start >= l.End {
			t.Fatalf("label %s %d-%d out of range", l.Doc, l.Start, l.End)
		}
	}
	s := scoreLabels(t, labels, docs, testing.Verbose())
	t.Logf("%d labelled quotes in %d documents; found %d, matched %d", s.Labelled, len(want), s.Found, s.Matched)
	t.Logf("extraction precision %.3f recall %.3f F1 %.3f", s.Precision, s.Recall, s.F1)
	t.Logf("speaker accuracy %.3f (all matched quotes), %.3f (quotes with a speaker)", s.SpeakerAccuracy, s.NamedAccuracy)
	for p, c := range s.PerPattern {
		t.Logf("  %-16s %3d/%3d", p, c[0], c[1])
	}
	if s.F1 < minExtractionF1 {
		t.Errorf("extraction F1 %.3f < %.2f", s.F1, minExtractionF1)
	}
	if s.SpeakerAccuracy < minSpeakerAcc {
		t.Errorf("speaker accuracy %.3f < %.2f", s.SpeakerAccuracy, minSpeakerAcc)
	}
}
