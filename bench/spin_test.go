package bench

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stemmanews/stemma/internal/testdata"
)

// TestSpinFloors asserts the spin and stitch acceptance floors on a
// fixed-seed set smaller than the benchmark's, so CI catches regressions.
func TestSpinFloors(t *testing.T) {
	skipUnderRace(t)
	corpus, err := loadCorpus(filepath.Join(testdata.Dir(t), "reuters-21578.jsonl.gz"), 0)
	if err != nil {
		t.Fatal(err)
	}
	copies := 400
	if testing.Short() {
		copies = 100
	}
	res, err := spinSuite(context.Background(), corpus, copies, 7)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rates {
		t.Logf("rate %.1f: recall %.4f precision %.4f (MinHash %.4f/%.4f) swaps listed %.3f of %d, spun %.3f",
			r.Rate, r.Recall, r.Precision, r.MinHashRecall, r.MinHashPrecision, r.SwapsListed, r.Swaps, r.SpunShare)
		if r.Rate <= 0.3 && r.Recall < 0.95 {
			t.Errorf("rate %.1f: passage recall %.4f < 0.95", r.Rate, r.Recall)
		}
		if r.Rate <= 0.3 && r.Precision < 0.98 {
			t.Errorf("rate %.1f: passage precision %.4f < 0.98", r.Rate, r.Precision)
		}
		if r.Rate > 0 && r.SwapsListed < 0.90 {
			t.Errorf("rate %.1f: %.3f of the swaps inside passages listed, want ≥ 0.90", r.Rate, r.SwapsListed)
		}
	}
	st := res.Stitched
	t.Logf("stitched: %d articles, %d sentences, accuracy %.4f, sources exact %.3f", st.Copies, st.Sentences, st.Accuracy, st.AssembledExact)
	if st.Accuracy < 0.95 {
		t.Errorf("sentence attribution accuracy %.4f < 0.95", st.Accuracy)
	}
	if res.Verbatim == 0 || float64(res.FalseSpun) > 0.01*float64(res.Verbatim) {
		t.Errorf("%d of %d verbatim reprints reported spun, want ≤ 1%%", res.FalseSpun, res.Verbatim)
	}
	checkParaphraseFloors(t, res.Paraphrased)
}

// checkParaphraseFloors asserts the floors of the paraphrased copies.
func checkParaphraseFloors(t *testing.T, rows []ParaphraseRow) {
	t.Helper()
	if len(rows) != len(paraphraseSplits)*len(paraphraseRates) {
		t.Fatalf("%d paraphrase rows, want %d", len(rows), len(paraphraseSplits)*len(paraphraseRates))
	}
	for _, r := range rows {
		d, p := r.Default, r.Paraphrase
		t.Logf("paraphrased %s %.0f%% (%.3f reworded, %d segments, %d fully): default recall %.4f precision %.4f full %.4f; paraphrase recall %.4f precision %.4f full %.4f, %.3f classed paraphrase; MinHash %.4f/%.4f; time ×%.2f",
			r.Split, 100*r.Rate, r.Reworded, r.Segments, r.FullyReworded, d.Recall, d.Precision, d.FullRecall,
			p.Recall, p.Precision, p.FullRecall, p.ParaphraseShare, r.MinHashRecall, r.MinHashPrecision, p.Seconds/max(d.Seconds, 1e-9))
		// The acceptance floor, with paraphrase alignment, on both splits.
		if p.Recall < 0.90 || p.Precision < 0.95 {
			t.Errorf("paraphrased %s %.0f%%: recall %.4f precision %.4f with paraphrase alignment, want ≥ 0.90 at ≥ 0.95", r.Split, 100*r.Rate, p.Recall, p.Precision)
		}
		// Sentence alignment only adds passages.
		if p.Recall < d.Recall-0.005 {
			t.Errorf("paraphrased %s %.0f%%: recall %.4f with paraphrase alignment, below the default tracer's %.4f", r.Split, 100*r.Rate, p.Recall, d.Recall)
		}
		if r.Reworded < 0.9*r.Rate {
			t.Errorf("paraphrased %s %.0f%%: only %.3f of the sentences reworded", r.Split, 100*r.Rate, r.Reworded)
		}
	}
}
