package bench

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stemmanews/stemma/internal/testdata"
)

// The acceptance floors of stemma's core, on the full real corpora.

func TestPANFloors(t *testing.T) {
	skipUnderRace(t)
	dir := testdata.Dir(t)
	res, err := panSuite(context.Background(), Options{Data: dir})
	if err != nil {
		t.Fatal(err)
	}
	s := res.Score
	t.Logf("PAN: recall %.4f (strict %.4f), precision %.4f, granularity %.3f, plagdet %.4f",
		s.Recall, s.StrictRecall, s.Precision, s.Granularity, s.Plagdet)
	if s.Cases != 624 {
		t.Errorf("cases = %d, want 624", s.Cases)
	}
	if s.Recall < 0.98 {
		t.Errorf("case recall %.4f < 0.98; first misses: %v", s.Recall, res.Misses)
	}
	if s.Precision < 0.95 {
		t.Errorf("passage precision %.4f < 0.95", s.Precision)
	}
	if s.Granularity > 1.05 {
		t.Errorf("granularity %.3f > 1.05: cases reported in pieces", s.Granularity)
	}
}

func TestBBCPairs(t *testing.T) {
	skipUnderRace(t)
	docs, err := loadCorpus(filepath.Join(testdata.Dir(t), "bbc-news.jsonl.gz"), 0)
	if err != nil {
		t.Fatal(err)
	}
	res, err := pairsSuite(context.Background(), "BBC", docs, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkPairs(t, res, 136, 169)
}

func TestReutersPairs(t *testing.T) {
	skipUnderRace(t)
	if testing.Short() {
		t.Skip("full Reuters in -short mode")
	}
	docs, err := loadCorpus(filepath.Join(testdata.Dir(t), "reuters-21578.jsonl.gz"), 0)
	if err != nil {
		t.Fatal(err)
	}
	res, err := pairsSuite(context.Background(), "Reuters", docs, 3)
	if err != nil {
		t.Fatal(err)
	}
	checkPairs(t, res, 284, 793)
	if len(res.Examples) != 3 {
		t.Errorf("got %d examples, want 3 (verbatim, corrected, partial)", len(res.Examples))
	}
	// The baseline finds fewer of the near-duplicates than stemma: this is
	// the comparison the benchmarks page makes, so check it holds.
	if res.MinHash80.Rate >= res.Jaccard80.Rate {
		t.Errorf("MinHash-LSH recall %.3f ≥ stemma's %.3f at J ≥ 0.8", res.MinHash80.Rate, res.Jaccard80.Rate)
	}
}

func checkPairs(t *testing.T, res *PairsResult, dups, j50 int) {
	t.Helper()
	t.Logf("%s: duplicates %d/%d, J≥0.5 %d/%d, J≥0.8 %d/%d (MinHash %d), pairs %d, verbatim %d",
		res.Corpus, res.ExactDuplicates.Found, res.ExactDuplicates.Truth, res.Jaccard50.Found, res.Jaccard50.Truth,
		res.Jaccard80.Found, res.Jaccard80.Truth, res.MinHash80.Found, res.Pairs, res.VerbatimPassages)
	if res.ExactDuplicates.Truth != dups || res.ExactDuplicates.Found != dups {
		t.Errorf("exact duplicates: found %d of %d, want all %d", res.ExactDuplicates.Found, res.ExactDuplicates.Truth, dups)
	}
	if res.Jaccard50.Truth != j50 || res.Jaccard50.Found != j50 {
		t.Errorf("Jaccard ≥ 0.5 pairs: found %d of %d, want all %d; missed: %v", res.Jaccard50.Found, res.Jaccard50.Truth, j50, res.MissedJaccard50)
	}
	// No pair is reported as verbatim unless its two sides are the same
	// words.
	if res.VerbatimMismatches != 0 {
		t.Errorf("%d verbatim passages differ between their two sides", res.VerbatimMismatches)
	}
}

func TestRunQuick(t *testing.T) {
	skipUnderRace(t)
	res, err := Run(context.Background(), Options{Data: testdata.Dir(t), Quick: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.PAN == nil || res.BBC == nil || res.Reuters == nil || len(res.Speed) != 2 { // the one size, twice: default and word n-grams only
		t.Fatalf("quick run is missing suites: %+v", res)
	}
	if q := res.Quotes; q == nil || q.Labelled.Labelled != 235 || q.PerKind != 15 || len(q.Integrity.Kinds) != 4 {
		t.Errorf("quotes suite: %+v, want 235 labelled quotes and 15 copies of each of 4 damage kinds", q)
	}
	if res.Speed[0].Docs != 5000 || res.Speed[0].Traces != 1000 || res.Speed[0].IndexDocsPerSec <= 0 || res.Speed[0].MinHashDocsPerSec <= 0 {
		t.Errorf("speed suite figures: %+v", res.Speed[0])
	}
	if in := res.Ingest; in == nil || in.HTML.Pages != 30 || in.HTML.Precision < 0.95 || in.HTML.Recall < 0.90 {
		t.Errorf("ingest suite, HTML extraction: %+v, want 30 pages at precision 0.95 and recall 0.90 or better", in)
	} else if w := in.WARC; w.FileMB < 20 || w.FileMB > 22 || w.Pages != w.Stories || len(w.Steps) != 3 {
		t.Errorf("ingest suite, WARC: %+v, want a file of 20 MiB, every page a different story, and three steps", w)
	} else {
		for _, st := range w.Steps[1:] {
			if st.Pages != w.Pages || st.PagesPerSec <= 0 {
				t.Errorf("ingest suite, WARC step %q: %d pages at %.0f/s, want all %d", st.Step, st.Pages, st.PagesPerSec, w.Pages)
			}
		}
	}
	var md strings.Builder
	if err := res.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Quality: PAN 2013", "## Quality: BBC News", "## Quality: quotes", "## Speed", "## Ingest: HTML pages and WARC archives", "| sentence precision |", "| gunzip (`compress/gzip`) |", Command, "quick mode"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	checkServe(t, res.Serve, md.String(), false)
}
