package index

import (
	"context"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/freq"
	"github.com/stemmanews/stemma/tokenize"
)

// termCounts looks keys up in ix.
func termCounts(t *testing.T, ix *Index, keys ...freq.Key) []int64 {
	t.Helper()
	n := make([]int64, len(keys))
	if err := ix.TermCounts(keys, n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTermCounts(t *testing.T) {
	fs := vfs.NewMem()
	ix, err := Open("ix", Options{FS: fs})
	if err != nil {
		t.Fatal(err)
	}
	docs := []stemma.Doc{
		{ID: "a", Text: "The exchange rate rose. The U.S. exchange rate fell."},
		{ID: "b", Text: "The Russian Federation says the exchange\nrate is stable."},
		{ID: "c", Text: "The Russian Federation says the exchange\nrate is stable."}, // a duplicate: counted once
	}
	if _, err := ix.Add(docs...); err != nil {
		t.Fatal(err)
	}
	keys := []freq.Key{
		freq.Word("exchange"), freq.Word("EXCHANGE"), freq.Pair("exchange", "rate"), freq.Pair("rate", "rose"),
		freq.Pair("rose", "the"), // a full stop between: no pair
		freq.Name("U.S."), freq.Name("US"), freq.Name("Russian Federation"), freq.Word("never"),
	}
	want := []int64{3, 3, 3, 1, 0, 1, 0, 1, 0}
	check := func(when string, got []int64) {
		t.Helper()
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: count of key %d = %d, want %d", when, i, got[i], want[i])
			}
		}
	}
	check("after one commit", termCounts(t, ix, keys...))
	if w := ix.CountedWords(); w != 18 {
		t.Errorf("CountedWords = %d, want 18 (two documents)", w)
	}
	// A second commit adds to the counts, and they survive a reopen and a
	// compaction, which resolves the merge operands.
	if _, err := ix.Add(stemma.Doc{ID: "d", Text: "An exchange rate."}); err != nil {
		t.Fatal(err)
	}
	want[0], want[1], want[2] = 4, 4, 4
	check("after two commits", termCounts(t, ix, keys...))
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if ix, err = Open("ix", Options{FS: fs}); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.db.Compact(context.Background(), []byte{'a'}, []byte{'z'}, true); err != nil {
		t.Fatal(err)
	}
	check("reopened and compacted", termCounts(t, ix, keys...))
	if w := ix.CountedWords(); w != 21 {
		t.Errorf("reopened CountedWords = %d, want 21", w)
	}
	v, err := ix.get(termKey(freq.Word("exchange")))
	if err != nil || len(v) != 1 || v[0] != 4 {
		t.Errorf("compacted count record = %x, %v; want one uvarint, 4", v, err)
	}
	r, err := ix.Check(true)
	if err != nil || r.CountedDocs != 3 || r.CountedWords != 21 || r.Terms == 0 {
		t.Errorf("Check = %+v, %v", r, err)
	}
	// Unsorted, repeated keys, and a short counts slice.
	if got := termCounts(t, ix, freq.Word("rate"), freq.Word("the"), freq.Word("rate")); got[0] != 4 || got[1] != 4 || got[2] != 4 {
		t.Errorf("TermCounts(rate, the, rate) = %v, want [4 4 4]", got)
	}
	if err := ix.TermCounts(keys, nil); err == nil {
		t.Error("TermCounts with no room for the counts: no error")
	}
}

// TestTermCountsConcatenated: a count record is a sequence of uvarints to
// be summed, so that Pebble's concatenating merger is also right.
func TestTermCountsConcatenated(t *testing.T) {
	ix := openMem(t, Options{})
	k := freq.Word("spin")
	v := binary.AppendUvarint(binary.AppendUvarint(nil, 300), 5)
	if err := ix.db.Set(termKey(k), v, pebble.Sync); err != nil {
		t.Fatal(err)
	}
	if err := ix.db.Merge(termKey(k), binary.AppendUvarint(nil, 2), pebble.Sync); err != nil {
		t.Fatal(err)
	}
	if got := termCounts(t, ix, k); got[0] != 307 {
		t.Errorf("count = %d, want 307", got[0])
	}
	// A broken record is corruption, reported by TermCounts and Check.
	if err := ix.db.Set(termKey(k), []byte{0xff}, pebble.Sync); err != nil {
		t.Fatal(err)
	}
	if err := ix.TermCounts([]freq.Key{k}, make([]int64, 1)); !errors.Is(err, ErrCorrupt) {
		t.Errorf("TermCounts of a broken record = %v, want ErrCorrupt", err)
	}
	r, err := ix.Check(false)
	if !errors.Is(err, ErrCorrupt) || !hasProblem(r, "term ") {
		t.Errorf("Check = %v, problems %q", err, r.Problems)
	}
}

// TestTermCountsReuters ingests Reuters in commits large enough to be
// written as tables (tables.go) and checks the counts against the same
// counts made in memory from the stored documents.
func TestTermCountsReuters(t *testing.T) {
	docs, _ := readReuters(t, 3000)
	// Small batches: forty commits, each a table of counts across the
	// whole key range, which Ingest leaves merged (compactTerms).
	ix, err := Open(t.TempDir(), Options{BatchBytes: 64 << 10})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Ingest(context.Background(), sourceOf(docs), nil); err != nil {
		t.Fatal(err)
	}
	if l0 := ix.db.Metrics().Levels[0]; int(l0.Sublevels) >= ix.po.L0CompactionThreshold {
		t.Errorf("Ingest left %d sublevels (%d tables) in level 0, want fewer than %d", l0.Sublevels, l0.TablesCount, ix.po.L0CompactionThreshold)
	}
	table := freq.NewTable()
	var c freq.Counter
	var sample []freq.Key
	err = ix.Each(func(num uint32, d stemma.Doc) bool {
		counts := c.Count(d.Text, tokenize.Tokens(d.Text), nil)
		table.Add(counts, 1)
		if num%50 == 0 {
			for _, x := range counts {
				sample = append(sample, x.Key)
			}
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if ix.CountedWords() != table.CountedWords() || ix.CountedWords() < 300_000 {
		t.Errorf("CountedWords = %d, counted in memory %d", ix.CountedWords(), table.CountedWords())
	}
	got := termCounts(t, ix, sample...)
	want := make([]int64, len(sample))
	table.TermCounts(sample, want)
	bad := 0
	for i := range sample {
		if got[i] != want[i] {
			bad++
		}
	}
	if bad > 0 || len(sample) < 1000 {
		t.Errorf("%d of %d sampled term counts differ from a count in memory", bad, len(sample))
	}
	if r, err := ix.Check(true); err != nil || r.CountedDocs != ix.Counts().Docs {
		t.Errorf("Check = %+v, %v", r, err)
	}
}
