package index

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
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
	// A second commit adds to the counts, and they survive a reopen.
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
	check("reopened", termCounts(t, ix, keys...))
	if w := ix.CountedWords(); w != 21 {
		t.Errorf("reopened CountedWords = %d, want 21", w)
	}
	if got := termCounts(t, ix, freq.TotalWords, freq.TotalTexts); got[0] != 21 || got[1] != 3 {
		t.Errorf("totals of words and texts = %v, want [21 3]", got)
	}
	if n := len(ix.terms.segs); n != 2 {
		t.Errorf("%d term segments after two commits, want 2", n)
	}
	r, err := ix.Check(true)
	if err != nil || r.CountedDocs != 3 || r.CountedWords != 21 || r.Terms < 12 {
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

// TestTermDigits: a count is written as its non-zero base-16 digits and
// read back whole; numbers no count makes are refused.
func TestTermDigits(t *testing.T) {
	for _, c := range []uint64{1, 15, 16, 17, 255, 256, 4097, 1 << 40, 1<<64 - 1} {
		ps := appendDigits(nil, 7, c)
		var got uint64
		for i, p := range ps {
			var ok bool
			if got, ok = digitCount(got, p.num); !ok || p.hash != 7 || i > 0 && p.num <= ps[i-1].num {
				t.Fatalf("count %d: digit postings %v", c, ps)
			}
		}
		if got != c {
			t.Errorf("count %d read back as %d from %v", c, got, ps)
		}
	}
	if n := len(appendDigits(nil, 7, 0x1001)); n != 2 {
		t.Errorf("0x1001 in %d postings, want 2 (zero digits are not written)", n)
	}
	for _, num := range []uint32{0, 16, 1 << 8, 1<<8 | 1} {
		if _, ok := digitCount(0, num); ok {
			t.Errorf("digit number %d accepted", num)
		}
	}
}

// TestTermSegmentCorrupt: a term segment whose digits no count makes, or
// whose bytes fail their checksum, is corruption, reported by TermCounts
// and Check with the segment's file, never a panic.
func TestTermSegmentCorrupt(t *testing.T) {
	ix := openMem(t, Options{})
	if _, err := ix.Add(stemma.Doc{ID: "a", Text: "The exchange rate rose."}); err != nil {
		t.Fatal(err)
	}
	k := freq.Word("exchange")
	// A segment with the digit number 0 (digit 0) for k.
	ps := []posting{{termValue(k), 0}}
	hdr := termHeader(ps, 1, 1)
	seq := ix.terms.nextSeq()
	if err := ix.terms.write(seq, hdr, ps); err != nil {
		t.Fatal(err)
	}
	if err := ix.db.Set(ix.terms.key(seq), nil, pebble.Sync); err != nil {
		t.Fatal(err)
	}
	if err := ix.terms.add(seq); err != nil {
		t.Fatal(err)
	}
	err := ix.TermCounts([]freq.Key{k}, make([]int64, 1))
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), ix.terms.path(seq)) {
		t.Errorf("TermCounts over a bad digit = %v, want ErrCorrupt naming %s", err, ix.terms.path(seq))
	}
	r, err := ix.Check(false)
	if !errors.Is(err, ErrCorrupt) || !hasProblem(r, "term digit 0") {
		t.Errorf("Check = %v, problems %q", err, r.Problems)
	}
	// A flipped byte in the first segment's bits.
	first := ix.terms.segs[0]
	f, err := ix.opts.FS.OpenReadWrite(first.path, "")
	if err != nil {
		t.Fatal(err)
	}
	b := []byte{0}
	if _, err := f.ReadAt(b, segHeaderLen); err != nil {
		t.Fatal(err)
	}
	b[0] ^= 0x10
	if _, err := f.WriteAt(b, segHeaderLen); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r, err = ix.Check(false)
	if !errors.Is(err, ErrCorrupt) || !hasProblem(r, "upper part checksum mismatch") {
		t.Errorf("Check after a flipped bit = %v, problems %q", err, r.Problems)
	}
}

// TestTermCountsReuters ingests Reuters in commits large enough to be
// written as tables (tables.go) and checks the counts against the same
// counts made in memory from the stored documents.
func TestTermCountsReuters(t *testing.T) {
	docs, _ := readReuters(t, 3000)
	// Small batches: forty commits, each a term segment, which the merger
	// merges while Ingest runs.
	ix, err := Open(t.TempDir(), Options{BatchBytes: 64 << 10})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Ingest(context.Background(), sourceOf(docs), nil); err != nil {
		t.Fatal(err)
	}
	if n := len(ix.terms.segs); n >= 20 {
		t.Errorf("Ingest left %d term segments, want their merges", n)
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

// FuzzTermSegment writes the term counts the input describes as two term
// segments, reads every count back, merges the two and reads the sums,
// then damages a segment file where the input says and reads it again:
// right counts when whole, ErrCorrupt or wrong counts when damaged, never
// a panic.
func FuzzTermSegment(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, uint16(100), uint8(1))
	f.Add([]byte{255, 0, 255, 0, 255, 255, 1, 1, 1, 1, 0, 0}, uint16(7), uint8(3))
	f.Add(make([]byte, 60), uint16(9000), uint8(200))
	f.Fuzz(func(t *testing.T, in []byte, flip uint16, xor uint8) {
		// Each 6 bytes: a value (3 bytes, so that values repeat) and a
		// count (3 bytes, at least 1), alternately into two segments.
		want := map[uint64]uint64{}
		var counts [2]map[uint64]uint64
		counts[0], counts[1] = map[uint64]uint64{}, map[uint64]uint64{}
		for i := 0; i+6 <= len(in) && i < 6*2000; i += 6 {
			v := (uint64(in[i]) | uint64(in[i+1])<<8 | uint64(in[i+2])<<16) << 24
			c := uint64(in[i+3]) | uint64(in[i+4])<<8 | uint64(in[i+5])<<16 | 1
			counts[i/6%2][v] += c
			want[v] += c
		}
		fs := vfs.NewMem()
		ss := &segmentSet{kind: termKind, fs: fs, dir: "terms", bits: termBits, stop: make(chan struct{})}
		if err := fs.MkdirAll("terms", 0o755); err != nil {
			t.Fatal(err)
		}
		var segs []*segment
		for i, m := range counts {
			var ps []posting
			for _, v := range slices.Sorted(maps.Keys(m)) {
				ps = appendDigits(ps, v, m[v])
			}
			if err := ss.write(uint64(i+1), termHeader(ps, uint64(len(m)), 1), ps); err != nil {
				t.Fatal(err)
			}
			s, err := openSegment(fs, ss.path(uint64(i+1)), uint64(i+1))
			if err != nil {
				t.Fatal(err)
			}
			defer s.close()
			if err := s.verify(); err != nil {
				t.Fatal(err)
			}
			for v, c := range m {
				if got, err := s.termCount(v); err != nil || got != c {
					t.Fatalf("segment %d: count of %x = %d, %v; want %d", i+1, v, got, err, c)
				}
			}
			segs = append(segs, s)
		}
		hdr, err := mergeTerms(ss, ss.path(3), segs)
		if err != nil {
			t.Fatal(err)
		}
		m, err := openSegment(fs, ss.path(3), 3)
		if err != nil {
			t.Fatal(err)
		}
		defer m.close()
		if hdr.texts != 2 || m.words != uint64(len(counts[0])+len(counts[1])) {
			t.Errorf("merged totals: %d texts, %d words", hdr.texts, m.words)
		}
		for v, c := range want {
			if got, err := m.termCount(v); err != nil || got != c {
				t.Fatalf("merged: count of %x = %d, %v; want %d", v, got, err, c)
			}
		}
		if b, err := openDamaged(fs, m, int(flip), xor); err == nil {
			b.verify()
			for v := range want {
				if _, err := b.termCount(v); err != nil && !errors.Is(err, ErrCorrupt) {
					t.Errorf("damaged segment: %v, want ErrCorrupt", err)
				}
			}
			ts := newTermStream(b)
			for ts.ok {
				ts.advance()
			}
			if ts.err != nil && !errors.Is(ts.err, ErrCorrupt) {
				t.Errorf("damaged segment, read in order: %v, want ErrCorrupt", ts.err)
			}
			b.close()
		}
	})
}
