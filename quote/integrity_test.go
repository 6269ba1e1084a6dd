package quote_test

import (
	"context"
	"sort"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/quote"
	"github.com/stemmanews/stemma/trace"
)

// Floors on the generated set (docs/benchmarks.md has the figures, from
// quote.EvaluateIntegrity).
const (
	minIntegrityPrecision = 0.95
	minIntegrityRecall    = 0.90
)

// TestIntegrity indexes real Reuters and BBC articles, traces copies in
// which one quote was cut, spun, re-attributed or moved after a sentence
// about someone else, and checks that the report flags exactly that; and
// that undamaged copies get no finding at all.
func TestIntegrity(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes a few thousand articles")
	}
	all := readCorpus(t, nil)
	ids := make([]string, 0, len(all))
	for id := range all {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var docs []stemma.Doc
	for _, id := range ids {
		docs = append(docs, all[id])
	}
	// 50 copies per kind and 50 undamaged; the index holds the originals
	// and 3,000 other articles.
	set, err := quote.NewIntegritySet(docs, quote.IntegrityOptions{PerKind: 50, Undamaged: 50, Others: 3000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open("ix", index.Options{FS: vfs.NewMem()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Add(set.Indexed...); err != nil {
		t.Fatal(err)
	}
	tr, err := trace.New(ix, trace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := quote.EvaluateIntegrity(context.Background(), set.Copies, tr)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		for _, m := range s.Mistakes {
			t.Log(m)
		}
	}
	t.Logf("%d cases, %d undamaged, index of %d articles", len(set.Copies), s.Undamaged, len(set.Indexed))
	for _, k := range s.Kinds {
		t.Logf("%-5s %-16s precision %.3f recall %.3f (%d copies, TP %d, FP %d; %d more on other quotes of a swapped speaker, not counted)",
			k.Kind, k.Expect, k.Precision, k.Recall, k.Copies, k.TruePositives, k.FalsePositives, k.Collateral)
		if k.Precision < minIntegrityPrecision {
			t.Errorf("%s: precision %.3f < %.2f", k.Kind, k.Precision, minIntegrityPrecision)
		}
		if k.Recall < minIntegrityRecall {
			t.Errorf("%s: recall %.3f < %.2f", k.Kind, k.Recall, minIntegrityRecall)
		}
	}
	t.Logf("undamaged copies without findings: %d/%d; quote-unsourced findings: %d", s.Clean, s.Undamaged, s.Unsourced)
	if s.Clean != s.Undamaged {
		t.Errorf("%d of %d undamaged copies have findings", s.Undamaged-s.Clean, s.Undamaged)
	}
}
