package quote_test

import (
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

// Floors the labelled set must keep (docs/benchmarks.md has the figures,
// from quote.EvaluateLabelled).
const (
	minExtractionF1 = 0.95
	minSpeakerAcc   = 0.90
)

// TestLabelledQuotes scores extraction and attribution on the hand-labelled
// quotes of real Reuters and BBC stories.
func TestLabelledQuotes(t *testing.T) {
	labels, err := quote.ReadLabels(quote.Labels())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, l := range labels {
		want[l.Doc] = true
	}
	docs := readCorpus(t, want)
	s, err := quote.EvaluateLabelled(quote.Labels(), docs)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		for _, m := range s.Mistakes {
			t.Log(m)
		}
	}
	t.Logf("%d labelled quotes in %d documents; found %d, matched %d", s.Labelled, s.Docs, s.Found, s.Matched)
	t.Logf("extraction precision %.3f recall %.3f F1 %.3f", s.Precision, s.Recall, s.F1)
	t.Logf("speaker accuracy %.3f (all matched quotes), %.3f (quotes with a speaker)", s.SpeakerAccuracy, s.NamedAccuracy)
	for p, c := range s.PerPattern {
		t.Logf("  %-16s %3d/%3d", p, c.Correct, c.Total)
	}
	if s.F1 < minExtractionF1 {
		t.Errorf("extraction F1 %.3f < %.2f", s.F1, minExtractionF1)
	}
	if s.SpeakerAccuracy < minSpeakerAcc {
		t.Errorf("speaker accuracy %.3f < %.2f", s.SpeakerAccuracy, minSpeakerAcc)
	}
}
