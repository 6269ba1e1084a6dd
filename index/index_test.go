package index

import (
	"cmp"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/fingerprint"
	"github.com/stemmanews/stemma/internal/testdata"
)

// openMem opens a new index on an in-memory file system.
func openMem(t testing.TB, opts Options) *Index {
	t.Helper()
	if opts.FS == nil {
		opts.FS = vfs.NewMem()
	}
	ix, err := Open("ix", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// filler returns n distinct words that appear in no other document of
// these tests.
func filler(prefix string, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return strings.Join(ws, " ") + "."
}

const (
	sentenceA = "The central bank raised its discount rate to six pct on Tuesday, citing inflation pressures in the economy."
	sentenceB = "Dealers said the move had been widely expected after a week of heavy selling on the currency markets."
	boiler    = "This story is copyright of the agency and may not be redistributed without the written permission of its owners."
)

var sampleDocs = []stemma.Doc{
	{ID: "wire-1", Source: "wire", URL: "https://example.com/1", Title: "Rates up",
		Date: time.Date(1987, 3, 1, 9, 30, 15, 123456789, time.UTC), Text: sentenceA + " " + filler("one", 20)},
	// Dated in another zone: stored and returned in UTC.
	{ID: "paper-2", Source: "paper", Title: "Café society — a review",
		Date: time.Date(1987, 3, 2, 23, 0, 0, 0, time.FixedZone("EST", -5*3600)), Text: "Café CAFÉ ﬁnance 日本語 " + sentenceB},
	// Undated, with no source, URL or title.
	{ID: "undated-3", Text: filler("three", 40)},
	// Empty text, and a date that gives only the day.
	{ID: "empty-4", Source: "wire", Date: time.Date(1987, 4, 1, 0, 0, 0, 0, time.UTC), DayOnly: true},
}

func TestAddAndRead(t *testing.T) {
	ix := openMem(t, Options{})
	res, err := ix.Add(sampleDocs...)
	if err != nil {
		t.Fatal(err)
	}
	if res != (CommitResult{Added: len(sampleDocs)}) {
		t.Fatalf("Add = %+v, want %d added", res, len(sampleDocs))
	}
	var bytes, postings int64
	p := ix.NewPreparer()
	for i, want := range sampleDocs {
		num := uint32(i + 1) // docnums follow input order from 1
		for _, how := range []string{"Doc", "DocByID"} {
			var got stemma.Doc
			var err error
			if how == "Doc" {
				got, err = ix.Doc(num)
			} else {
				got, err = ix.DocByID(want.ID)
			}
			if err != nil {
				t.Fatalf("%s(%s): %v", how, want.ID, err)
			}
			if got.ID != want.ID || got.Source != want.Source || got.URL != want.URL || got.Title != want.Title || got.Text != want.Text {
				t.Errorf("%s(%s) = %+v\nwant %+v", how, want.ID, got, want)
			}
			if got.Dated() != want.Dated() || !got.Date.Equal(want.Date) || got.DayOnly != want.DayOnly {
				t.Errorf("%s(%s): date %v (day only %v), want %v (day only %v)", how, want.ID, got.Date, got.DayOnly, want.Date, want.DayOnly)
			}
			if got.Dated() && got.Date.Location() != time.UTC {
				t.Errorf("%s(%s): date in %v, want UTC", how, want.ID, got.Date.Location())
			}
		}
		if n, err := ix.Num(want.ID); err != nil || n != num {
			t.Errorf("Num(%s) = %d, %v; want %d", want.ID, n, err, num)
		}
		bytes += int64(len(want.Text))
		postings += int64(len(p.Prepare(want).hashes))
	}
	want := Counts{Next: uint32(len(sampleDocs) + 1), Docs: int64(len(sampleDocs)), Bytes: bytes, Postings: postings}
	if c := ix.Counts(); c != want {
		t.Errorf("Counts = %+v, want %+v", c, want)
	}
	if src, err := ix.Sources(); err != nil || !equalMaps(src, map[string]int64{"wire": 2, "paper": 1, "": 1}) {
		t.Errorf("Sources = %v, %v", src, err)
	}
	if _, err := ix.DocByID("missing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("DocByID(missing) = %v, want ErrNotFound", err)
	}
	if _, err := ix.Doc(99); !errors.Is(err, ErrNotFound) {
		t.Errorf("Doc(99) = %v, want ErrNotFound", err)
	}
	var seen []string
	if err := ix.Each(func(num uint32, d stemma.Doc) bool { seen = append(seen, d.ID); return true }); err != nil {
		t.Fatal(err)
	}
	if want := []string{"wire-1", "paper-2", "undated-3", "empty-4"}; !slices.Equal(seen, want) {
		t.Errorf("Each visited %v, want %v", seen, want)
	}
}

func equalMaps(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestAddIsIdempotent(t *testing.T) {
	ix := openMem(t, Options{})
	if _, err := ix.Add(sampleDocs...); err != nil {
		t.Fatal(err)
	}
	before := ix.Counts()
	res, err := ix.Add(sampleDocs...)
	if err != nil {
		t.Fatal(err)
	}
	if res != (CommitResult{Existing: len(sampleDocs)}) {
		t.Errorf("re-adding: %+v, want %d existing", res, len(sampleDocs))
	}
	if c := ix.Counts(); c != before {
		t.Errorf("re-adding changed the counts from %+v to %+v", before, c)
	}
	// A new version of a known ID is ignored too: the first text stays.
	changed := sampleDocs[0]
	changed.Text = "a different text entirely"
	if res, err := ix.Add(changed); err != nil || res.Existing != 1 || res.Added != 0 {
		t.Errorf("adding a changed document under a known ID: %+v, %v", res, err)
	}
	if d, _ := ix.DocByID(changed.ID); d.Text != sampleDocs[0].Text {
		t.Errorf("text of %s replaced by %q", changed.ID, d.Text)
	}
	if r, err := ix.Check(true); err != nil {
		t.Errorf("Check after re-adding: %v (%v)", err, r.Problems)
	}
}

func TestAddDuplicatesInOneBatch(t *testing.T) {
	ix := openMem(t, Options{})
	first := stemma.Doc{ID: "dup", Source: "wire", Text: sentenceA}
	second := stemma.Doc{ID: "dup", Source: "paper", Text: sentenceB}
	other := stemma.Doc{ID: "other", Source: "wire", Text: boiler}
	res, err := ix.Add(first, second, other, first)
	if err != nil {
		t.Fatal(err)
	}
	if res != (CommitResult{Added: 2, Existing: 2}) {
		t.Errorf("Add = %+v, want 2 added and 2 existing", res)
	}
	d, err := ix.DocByID("dup")
	if err != nil || d.Text != sentenceA || d.Source != "wire" {
		t.Errorf("DocByID(dup) = %+v, %v; want the first version", d, err)
	}
	if n, _ := ix.Num("other"); n != 2 {
		t.Errorf("other is document %d, want 2", n)
	}
	if c := ix.Counts(); c.Docs != 2 || c.Next != 3 || c.Bytes != int64(len(sentenceA)+len(boiler)) {
		t.Errorf("Counts = %+v", c)
	}
	if src, _ := ix.Sources(); !equalMaps(src, map[string]int64{"wire": 2}) {
		t.Errorf("Sources = %v, want wire: 2", src)
	}
	if r, err := ix.Check(true); err != nil {
		t.Errorf("Check: %v (%v)", err, r.Problems)
	}
}

// query returns the distinct fingerprint hashes of text, as the tracer
// computes them.
func query(ix *Index, text string) []uint64 {
	return ix.NewPreparer().Prepare(stemma.Doc{Text: text}).hashes
}

// shared counts the distinct hashes two documents have in common.
func shared(ix *Index, a, b string) int {
	qa, qb := query(ix, a), query(ix, b)
	n := 0
	for _, h := range qa {
		if _, ok := slices.BinarySearch(qb, h); ok {
			n++
		}
	}
	return n
}

func TestCandidates(t *testing.T) {
	ix := openMem(t, Options{})
	docs := []stemma.Doc{
		{ID: "unrelated", Text: filler("u", 60)},
		{ID: "one-sentence", Text: filler("x", 20) + " " + sentenceA + " " + filler("y", 20)},
		{ID: "two-sentences", Text: sentenceA + " " + filler("z", 10) + " " + sentenceB},
	}
	if _, err := ix.Add(docs...); err != nil {
		t.Fatal(err)
	}
	article := "Breaking news. " + sentenceA + " " + sentenceB + " More to follow."
	// Duplicates in the query are ignored.
	q := query(ix, article)
	lk, err := ix.Candidates(append(slices.Clone(q), q...))
	if err != nil {
		t.Fatal(err)
	}
	// Sentence A's fingerprints are in both documents and weigh 1/2
	// each; sentence B's are in one and weigh 1.
	h3, h2 := shared(ix, article, docs[2].Text), shared(ix, article, docs[1].Text)
	want := []Candidate{
		{Num: 3, Hits: h3, Weight: float64(h3-h2) + float64(h2)/2},
		{Num: 2, Hits: h2, Weight: float64(h2) / 2},
	}
	if !slices.Equal(lk.Candidates, want) || lk.Common != 0 {
		t.Errorf("Candidates = %+v (common %d), want %+v", lk.Candidates, lk.Common, want)
	}
	if want[0].Hits <= want[1].Hits || want[1].Hits == 0 {
		t.Errorf("hits %d and %d: the document sharing more must rank first", want[0].Hits, want[1].Hits)
	}
	if lk, err := ix.Candidates(query(ix, filler("nothing", 30))); err != nil || len(lk.Candidates) != 0 {
		t.Errorf("Candidates for new text = %+v, %v; want none", lk, err)
	}
	if lk, err := ix.Candidates(nil); err != nil || len(lk.Candidates) != 0 {
		t.Errorf("Candidates(nil) = %+v, %v; want none", lk, err)
	}
}

// TestCandidatesIgnoreCommon checks that a fingerprint carried by more
// than MaxPostings documents (a copyright footer) finds nothing, while one
// carried by exactly MaxPostings documents still counts.
func TestCandidatesIgnoreCommon(t *testing.T) {
	const maxPostings = 3
	ix := openMem(t, Options{MaxPostings: maxPostings})
	p := ix.NewPreparer()
	var docs []stemma.Doc
	for i := range maxPostings + 1 {
		docs = append(docs, stemma.Doc{ID: fmt.Sprintf("boiler-%d", i), Text: filler(fmt.Sprintf("own%d_", i), 30) + " " + boiler})
	}
	source := stemma.Doc{ID: "source", Text: filler("s", 10) + " " + sentenceA}
	// Documents 1-3 carry the footer, 4 is the source, 5 the extra footer.
	if _, err := ix.Add(docs[0], docs[1], docs[2], source); err != nil {
		t.Fatal(err)
	}
	// footer returns the fingerprints that all the given documents share:
	// the footer's, away from its edges (winnowing near an edge depends on
	// the words around it).
	footer := func(docs []stemma.Doc) []uint64 {
		hs := p.Prepare(docs[0]).hashes
		for _, d := range docs[1:] {
			other := p.Prepare(d).hashes
			hs = slices.DeleteFunc(hs, func(h uint64) bool { _, ok := slices.BinarySearch(other, h); return !ok })
		}
		return hs
	}
	lookup := func(q []uint64) ([]uint32, int) {
		lk, err := ix.Candidates(q)
		if err != nil {
			t.Fatal(err)
		}
		var out []uint32
		for _, c := range lk.Candidates {
			out = append(out, c.Num)
		}
		slices.Sort(out)
		return out, lk.Common
	}
	srcHashes := p.Prepare(source).hashes
	// MaxPostings documents carry the footer: still useful.
	common3 := footer(docs[:3])
	if len(common3) == 0 {
		t.Fatal("the footer documents share no fingerprint")
	}
	if got, common := lookup(slices.Concat(common3, srcHashes)); !slices.Equal(got, []uint32{1, 2, 3, 4}) || common != 0 {
		t.Errorf("footer in %d documents: candidates %v, common %d; want 1-4, none common", maxPostings, got, common)
	}
	// One more makes it boilerplate.
	if _, err := ix.Add(docs[3]); err != nil {
		t.Fatal(err)
	}
	common4 := footer(docs)
	if len(common4) == 0 {
		t.Fatal("the footer documents share no fingerprint")
	}
	got, common := lookup(slices.Concat(common4, srcHashes))
	if !slices.Equal(got, []uint32{4}) || common != len(common4) {
		t.Errorf("footer in %d documents: candidates %v, common %d; want only the source (4), %d common",
			maxPostings+1, got, common, len(common4))
	}
	// An article quoting the source and carrying the footer: the source
	// ranks first and the footer's fingerprints are ignored.
	lk, err := ix.Candidates(query(ix, sentenceA+" "+boiler))
	if err != nil {
		t.Fatal(err)
	}
	if len(lk.Candidates) == 0 || lk.Candidates[0].Num != 4 || lk.Common == 0 {
		t.Errorf("article with the footer: %+v, want the source first and some fingerprints common", lk)
	}
	if ix.MaxPostings() != maxPostings {
		t.Errorf("MaxPostings() = %d", ix.MaxPostings())
	}
}

func TestCheckHealthy(t *testing.T) {
	ix := openMem(t, Options{})
	if _, err := ix.Add(sampleDocs...); err != nil {
		t.Fatal(err)
	}
	c := ix.Counts()
	for _, deep := range []bool{false, true} {
		r, err := ix.Check(deep)
		if err != nil || !r.OK() {
			t.Fatalf("Check(%v) = %v, problems %v", deep, err, r.Problems)
		}
		if r.Docs != c.Docs || r.IDs != c.Docs || r.Postings != c.Postings || r.Bytes != c.Bytes {
			t.Errorf("Check(%v) counted %+v, index holds %+v", deep, r, c)
		}
		if r.Docs != int64(len(sampleDocs)) {
			t.Errorf("Check(%v) found %d documents, want %d", deep, r.Docs, len(sampleDocs))
		}
	}
	empty := openMem(t, Options{})
	if r, err := empty.Check(true); err != nil || r.Docs != 0 || r.Postings != 0 {
		t.Errorf("Check on an empty index = %+v, %v", r, err)
	}
}

// corrupt builds a healthy index, lets damage write to its database
// directly, and runs Check.
func corrupt(t *testing.T, deep bool, damage func(ix *Index)) CheckResult {
	t.Helper()
	ix := openMem(t, Options{})
	if _, err := ix.Add(sampleDocs...); err != nil {
		t.Fatal(err)
	}
	damage(ix)
	r, err := ix.Check(deep)
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Check(%v) = %v, want an error wrapping ErrCorrupt", deep, err)
	}
	if r.OK() || len(r.Problems) == 0 {
		t.Fatalf("Check(%v) reports no problem", deep)
	}
	return r
}

func hasProblem(r CheckResult, substr string) bool {
	for _, p := range r.Problems {
		if strings.Contains(p, substr) {
			return true
		}
	}
	return false
}

func TestCheckDetectsCorruption(t *testing.T) {
	set := func(t *testing.T, ix *Index, k, v []byte) {
		t.Helper()
		if err := ix.db.Set(k, v, pebble.Sync); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("posting for a missing document", func(t *testing.T) {
		r := corrupt(t, false, func(ix *Index) {
			replacePostings(t, ix, func(ps []posting) []posting { return append(ps, posting{0xfeedface, 999}) })
		})
		if !hasProblem(r, "names missing document 999") {
			t.Errorf("problems %q do not name the stray posting", r.Problems)
		}
	})
	t.Run("damaged segment", func(t *testing.T) {
		r := corrupt(t, false, func(ix *Index) {
			s := ix.segs.segs[0]
			f, err := ix.opts.FS.OpenReadWrite(s.path, vfs.WriteCategoryUnspecified)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			b := []byte{s.data[len(s.data)/2] ^ 0x10}
			if _, err := f.WriteAt(b, int64(len(s.data)/2)); err != nil {
				t.Fatal(err)
			}
		})
		if !hasProblem(r, "checksum mismatch") {
			t.Errorf("problems %q do not name the damaged segment", r.Problems)
		}
	})
	t.Run("garbage document record", func(t *testing.T) {
		r := corrupt(t, false, func(ix *Index) {
			set(t, ix, docKey(2), []byte{0xff, 0xff})
		})
		if !hasProblem(r, "document 2") {
			t.Errorf("problems %q do not name document 2", r.Problems)
		}
	})
	t.Run("document without its id record", func(t *testing.T) {
		r := corrupt(t, false, func(ix *Index) {
			if err := ix.db.Delete(idKey("paper-2"), pebble.Sync); err != nil {
				t.Fatal(err)
			}
		})
		if !hasProblem(r, `document 2 ("paper-2") has no id record`) {
			t.Errorf("problems %q do not name the lost id", r.Problems)
		}
	})
	t.Run("id pointing at another document", func(t *testing.T) {
		r := corrupt(t, false, func(ix *Index) {
			set(t, ix, idKey("wire-1"), binary.BigEndian.AppendUint32(nil, 3))
		})
		if !hasProblem(r, `id "wire-1" points at document 3`) {
			t.Errorf("problems %q do not name the bad id", r.Problems)
		}
	})
	t.Run("lost posting found only by a deep check", func(t *testing.T) {
		ix := openMem(t, Options{})
		if _, err := ix.Add(sampleDocs...); err != nil {
			t.Fatal(err)
		}
		h := ix.NewPreparer().Prepare(sampleDocs[0]).hashes[0]
		// Drop a posting and fix the total, so that only the deep check
		// can see the loss.
		replacePostings(t, ix, func(ps []posting) []posting {
			return slices.DeleteFunc(ps, func(p posting) bool { return p.hash == h>>(64-ix.hbits) && p.num == 1 })
		})
		c := ix.Counts()
		c.Postings--
		if err := ix.db.Set(keyCounts, c.encode(), pebble.Sync); err != nil {
			t.Fatal(err)
		}
		ix.counts = c
		if r, err := ix.Check(false); err != nil {
			t.Errorf("shallow Check = %v (%v), want OK", err, r.Problems)
		}
		r, err := ix.Check(true)
		if !errors.Is(err, ErrCorrupt) || !hasProblem(r, fmt.Sprintf(`document 1 ("wire-1"): fingerprint %016x not posted`, h)) {
			t.Errorf("deep Check = %v, problems %q", err, r.Problems)
		}
	})
	t.Run("source count", func(t *testing.T) {
		r := corrupt(t, false, func(ix *Index) {
			set(t, ix, sourceKey("wire"), binary.AppendUvarint(nil, 7))
		})
		if !hasProblem(r, `source "wire": count record says 7, found 2 documents`) {
			t.Errorf("problems %q do not name the source count", r.Problems)
		}
	})
}

// replacePostings replaces the segments of ix by one holding the postings
// edit makes of theirs, registered in their place.
func replacePostings(t *testing.T, ix *Index, edit func([]posting) []posting) {
	t.Helper()
	if err := ix.settle(nil); err != nil {
		t.Fatal(err)
	}
	var ps []posting
	b := ix.db.NewBatch()
	for _, s := range ix.segs.segs {
		it := s.iter()
		for v, num, ok := it.next(); ok; v, num, ok = it.next() {
			ps = append(ps, posting{v, num})
		}
		b.Delete(ix.segs.key(s.seq), nil)
	}
	ps = edit(ps)
	slices.SortFunc(ps, func(a, b posting) int { return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.num, b.num)) })
	seq := ix.segs.nextSeq()
	if _, err := ix.writeSegment(seq, ps); err != nil {
		t.Fatal(err)
	}
	b.Set(ix.segs.key(seq), nil, nil)
	if err := ix.db.Apply(b, pebble.Sync); err != nil {
		t.Fatal(err)
	}
	ix.segs.mu.Lock()
	for _, s := range ix.segs.segs {
		s.close()
	}
	ix.segs.segs = nil
	ix.segs.mu.Unlock()
	if err := ix.segs.add(seq); err != nil {
		t.Fatal(err)
	}
}

func TestReopen(t *testing.T) {
	fs := vfs.NewMem()
	fp := fingerprint.Options{N: 4, Window: 3}
	ix, err := Open("ix", Options{FS: fs, Fingerprint: fp})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Add(sampleDocs...); err != nil {
		t.Fatal(err)
	}
	counts := ix.Counts()
	fp = ix.Fingerprint() // with defaults filled in
	article := sentenceA + " " + sentenceB
	before, err := ix.Candidates(query(ix, article))
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopened with default options, it keeps its own fingerprint
	// settings and everything it held.
	ix, err = Open("ix", Options{FS: fs})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Fingerprint() != fp {
		t.Errorf("reopened index fingerprints with %+v, created with %+v", ix.Fingerprint(), fp)
	}
	if c := ix.Counts(); c != counts {
		t.Errorf("reopened Counts = %+v, want %+v", c, counts)
	}
	for _, want := range sampleDocs {
		got, err := ix.DocByID(want.ID)
		if err != nil || got.Text != want.Text || !got.Date.Equal(want.Date) || got.Title != want.Title {
			t.Errorf("reopened DocByID(%s) = %+v, %v", want.ID, got, err)
		}
	}
	after, err := ix.Candidates(query(ix, article))
	if err != nil || !slices.Equal(after.Candidates, before.Candidates) || len(after.Candidates) != 2 {
		t.Errorf("reopened Candidates = %+v, %v; before %+v", after, err, before)
	}
	// New documents continue the numbering.
	if _, err := ix.Add(stemma.Doc{ID: "new", Text: boiler}); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Num("new"); n != uint32(len(sampleDocs)+1) {
		t.Errorf("new document numbered %d, want %d", n, len(sampleDocs)+1)
	}
	if r, err := ix.Check(true); err != nil {
		t.Errorf("Check: %v (%v)", err, r.Problems)
	}
}

func TestOpenFutureFormat(t *testing.T) {
	fs := vfs.NewMem()
	ix, err := Open("ix", Options{FS: fs})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.db.Set(keyVersion, binary.AppendUvarint(nil, FormatVersion+1), pebble.Sync); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = Open("ix", Options{FS: fs})
	if !errors.Is(err, ErrFormat) {
		t.Fatalf("Open of a format %d index = %v, want ErrFormat", FormatVersion+1, err)
	}
	if !strings.Contains(err.Error(), fmt.Sprint(FormatVersion+1)) {
		t.Errorf("error %q does not name the version found", err)
	}
	// The failed open released the database: it can be opened again.
	if _, err := Open("ix", Options{FS: fs}); !errors.Is(err, ErrFormat) {
		t.Errorf("second Open = %v, want ErrFormat again", err)
	}
}

func TestOpenReadOnly(t *testing.T) {
	fs := vfs.NewMem()
	if _, err := Open("missing", Options{FS: fs, ReadOnly: true}); !errors.Is(err, iofs.ErrNotExist) {
		t.Errorf("read-only Open of a missing directory = %v, want fs.ErrNotExist", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "missing"), Options{ReadOnly: true}); !errors.Is(err, iofs.ErrNotExist) {
		t.Errorf("read-only Open of a missing directory on disk = %v, want fs.ErrNotExist", err)
	}
	if _, err := fs.Stat("missing"); err == nil {
		t.Errorf("read-only Open created the directory")
	}
	ix, err := Open("ix", Options{FS: fs})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Add(sampleDocs...); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := Open("ix", Options{FS: fs, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if d, err := ro.DocByID("wire-1"); err != nil || d.Text != sampleDocs[0].Text {
		t.Errorf("read-only DocByID = %+v, %v", d, err)
	}
	if res, err := ro.Add(stemma.Doc{ID: "x", Text: "y"}); err == nil || res.Added != 0 {
		t.Errorf("Add to a read-only index = %+v, %v; want an error", res, err)
	}
	// Ingest fails on its first commit, and still returns (its workers
	// drained) with the error.
	many := make([]stemma.Doc, 300)
	for i := range many {
		many[i] = stemma.Doc{ID: fmt.Sprint("ro-", i), Text: filler(fmt.Sprint("r", i, "_"), 100)}
	}
	if p, err := ro.Ingest(context.Background(), sourceOf(many), nil); err == nil || p.Added != 0 {
		t.Errorf("Ingest into a read-only index = %+v, %v; want an error", p, err)
	}
	if r, err := ro.Check(true); err != nil || r.Docs != int64(len(sampleDocs)) {
		t.Errorf("read-only Check: %+v, %v", r, err)
	}
}

func TestOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    Options
	}{
		{"max postings", Options{MaxPostings: -1}},
		{"workers", Options{Workers: -2}},
		{"batch bytes", Options{BatchBytes: -1}},
		{"fingerprint", Options{Fingerprint: fingerprint.Options{N: 40}}},
		{"hash bits", Options{HashBits: 20}},
		{"hash bits", Options{HashBits: 61}},
	} {
		_, err := Open("ix", Options{FS: vfs.NewMem(), MaxPostings: tc.o.MaxPostings, Workers: tc.o.Workers,
			BatchBytes: tc.o.BatchBytes, Fingerprint: tc.o.Fingerprint, HashBits: tc.o.HashBits})
		if !errors.Is(err, ErrOptions) {
			t.Errorf("%s: Open = %v, want ErrOptions", tc.name, err)
		}
	}
	_, err := Open("ix", Options{FS: vfs.NewMem(), Fingerprint: fingerprint.Options{Window: 2000}})
	if !errors.Is(err, fingerprint.ErrOptions) {
		t.Errorf("bad window: Open = %v, want it to wrap fingerprint.ErrOptions", err)
	}
}

// TestConcurrentReads runs readers while documents are committed, for the
// race detector, and checks that a reader never sees a document before its
// postings or its id record.
func TestConcurrentReads(t *testing.T) {
	ix := openMem(t, Options{})
	const n = 40
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		q := query(ix, sentenceA)
		for {
			select {
			case <-done:
				return
			default:
			}
			lk, err := ix.Candidates(q)
			if err != nil {
				t.Error(err)
				return
			}
			for _, c := range lk.Candidates {
				d, err := ix.Doc(c.Num)
				if err != nil {
					t.Errorf("candidate %d: %v", c.Num, err)
					return
				}
				if _, err := ix.DocByID(d.ID); err != nil {
					t.Errorf("candidate %d (%s): %v", c.Num, d.ID, err)
					return
				}
			}
		}
	}()
	for i := range n {
		d := stemma.Doc{ID: fmt.Sprintf("d%d", i), Text: filler(fmt.Sprintf("p%d_", i), 10) + " " + sentenceA}
		if _, err := ix.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	wg.Wait()
	if lk, _ := ix.Candidates(query(ix, sentenceA)); len(lk.Candidates) != n {
		t.Errorf("%d candidates, want %d", len(lk.Candidates), n)
	}
}

// readReuters reads the first limit Reuters-21578 stories (all of them if
// limit is 0) and their total text size.
func readReuters(tb testing.TB, limit int) ([]stemma.Doc, int64) {
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
	dec := json.NewDecoder(zr)
	var docs []stemma.Doc
	var bytes int64
	for limit == 0 || len(docs) < limit {
		var d stemma.Doc
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatalf("Reuters record %d: %v", len(docs)+1, err)
		}
		docs = append(docs, d)
		bytes += int64(len(d.Text))
	}
	return docs, bytes
}

func sourceOf(docs []stemma.Doc) Source {
	i := 0
	return func() (stemma.Doc, bool) {
		if i == len(docs) {
			return stemma.Doc{}, false
		}
		i++
		return docs[i-1], true
	}
}

// TestIngestReuters ingests the whole Reuters collection on disk (its
// first 3,000 stories with -short) and checks the result.
func TestIngestReuters(t *testing.T) {
	limit := 0
	if testing.Short() {
		limit = 3000
	}
	docs, bytes := readReuters(t, limit)
	if limit == 0 && len(docs) != 19043 {
		t.Fatalf("read %d Reuters stories, want 19043", len(docs))
	}
	dir := t.TempDir()
	// Small batches, so that ordering across many commits is tested.
	ix, err := Open(dir, Options{BatchBytes: 1 << 20, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var reports []Progress
	p, err := ix.Ingest(context.Background(), sourceOf(docs), func(p Progress) { reports = append(reports, p) })
	if err != nil {
		t.Fatal(err)
	}
	// Reuters repeats some stories byte for byte: those are recorded as
	// duplicates (dedup.go), not stored twice.
	if p.Read != len(docs) || p.Added+p.Duplicates != len(docs) || p.Existing != 0 || p.Bytes != bytes || p.LastID != docs[len(docs)-1].ID {
		t.Errorf("Ingest = %+v, want %d read and added or duplicates, %d bytes, last %s", p, len(docs), bytes, docs[len(docs)-1].ID)
	}
	if limit == 0 && p.Duplicates != 265 {
		t.Errorf("Ingest recorded %d exact duplicates, want the 265 byte-identical Reuters repeats", p.Duplicates)
	}
	if len(reports) < 2 {
		t.Errorf("%d progress reports for %d bytes in batches of 1 MiB", len(reports), bytes)
	}
	for i := 1; i < len(reports); i++ {
		if reports[i].Added+reports[i].Duplicates <= reports[i-1].Added+reports[i-1].Duplicates {
			t.Errorf("progress went from %+v to %+v", reports[i-1], reports[i])
		}
	}
	// Commits of a megabyte or more are written as sorted tables and
	// ingested (tables.go): one ingestion per commit, the documents' table
	// straight into the bottom level, and no table left behind. The last
	// commit may be smaller, and a batch.
	m := ix.db.Metrics()
	if n := uint64(len(reports)); m.Ingest.Count != n && m.Ingest.Count != n-1 {
		t.Errorf("%d ingestions for %d commits", m.Ingest.Count, len(reports))
	}
	if bottom := m.Levels[len(m.Levels)-1]; bottom.TablesIngested < m.Ingest.Count {
		t.Errorf("%d tables ingested into the bottom level for %d ingestions", bottom.TablesIngested, m.Ingest.Count)
	}
	if left, err := ix.opts.FS.List(ix.tableDir()); err != nil || len(left) > 0 {
		t.Errorf("commit tables left behind: %v, %v", left, err)
	}
	// Each commit wrote a segment; the merger joined runs of mergeFanIn
	// of one tier, so fewer are left, in document order, each file
	// registered and no other file left.
	segs := ix.Segments()
	if len(segs) == 0 || len(reports) >= mergeFanIn && len(segs) >= len(reports) {
		t.Errorf("%d segments after %d commits", len(segs), len(reports))
	}
	var postings uint64
	for i, s := range segs {
		if i > 0 && s.DocLo <= segs[i-1].DocHi {
			t.Errorf("segment %d (documents %d–%d) overlaps the one before it", s.Seq, s.DocLo, s.DocHi)
		}
		postings += s.Postings
	}
	if files, err := ix.opts.FS.List(ix.segs.dir); err != nil || len(files) != len(segs) || int64(postings) != ix.Counts().Postings {
		t.Errorf("%d segment files (%v) for %d segments; %d postings, counts say %d", len(files), err, len(segs), postings, ix.Counts().Postings)
	}
	// The finishing merge left no run of newest segments, posting or
	// term, that holds at most half of what the ingest added.
	for _, ss := range ix.sets() {
		if run := tail(ss.segs, ss.added/2); run != nil {
			t.Errorf("%s: the newest %d of %d segments hold at most half of the %d postings added", ss.kind.dir, len(run), len(ss.segs), ss.added)
		}
	}
	// Documents are numbered in input order.
	for _, i := range []int{0, 1, len(docs) / 2, len(docs) - 1} {
		got, err := ix.DocByID(docs[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		num, _ := ix.Num(docs[i].ID)
		if num != uint32(i+1) || got.Text != docs[i].Text || !got.Date.Equal(docs[i].Date) || got.Title != docs[i].Title {
			t.Errorf("story %d (%s) is document %d with title %q date %v", i, docs[i].ID, num, got.Title, got.Date)
		}
	}
	if c := ix.Counts(); c.Docs+c.Duplicates != int64(len(docs)) || c.Bytes > bytes || c.Next != uint32(len(docs)+1) {
		t.Errorf("Counts = %+v", c)
	}
	r, err := ix.Check(true)
	if err != nil {
		t.Fatalf("Check(deep): %v (%v)", err, r.Problems)
	}
	if r.Docs+r.Duplicates != int64(len(docs)) || r.IDs != int64(len(docs)) || r.Bytes != ix.Counts().Bytes {
		t.Errorf("Check counted %+v", r)
	}
	// Ingesting the same input again adds nothing.
	again, err := ix.Ingest(context.Background(), sourceOf(docs[:min(len(docs), 2000)]), nil)
	if err != nil || again.Added != 0 || again.Existing != min(len(docs), 2000) {
		t.Errorf("re-ingest = %+v, %v; want everything existing", again, err)
	}
}

// TestDiskSizeSmallIndex: a small index takes little disk, counted as du
// counts it. Pebble preallocates its write-ahead log files at 110% of the
// memtable size; with 64 MiB memtables, 200 stories took 140 MB of disk
// while the files' lengths summed to under a megabyte.
func TestDiskSizeSmallIndex(t *testing.T) {
	docs, _ := readReuters(t, 200)
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(context.Background(), sourceOf(docs), nil); err != nil {
		t.Fatal(err)
	}
	// A small commit too, through the write-ahead log.
	if _, err := ix.Add(stemma.Doc{ID: "extra", Text: filler("extra", 40)}); err != nil {
		t.Fatal(err)
	}
	size, err := ix.DiskSize()
	if err != nil {
		t.Fatal(err)
	}
	tables := ix.TableSize()
	if size < tables || size > 16<<20 {
		t.Errorf("DiskSize = %d bytes for %d bytes of tables; want at least the tables and under 16 MiB", size, tables)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestOpenRemovesCommitTables: tables a crash left before their commit
// was ingested hold nothing acknowledged; Open removes them.
func TestOpenRemovesCommitTables(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Add(stemma.Doc{ID: "a", Text: filler("a", 40)}); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	left := filepath.Join(dir, "commit-tables", "000001-0.sst")
	if err := os.MkdirAll(filepath.Dir(left), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(left, []byte("half a table"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A segment no record names: a commit's or a merge's that a crash
	// interrupted, or the inputs of a merge registered just before it.
	orphan := filepath.Join(dir, "postings", "000000000099.seg")
	if err := os.WriteFile(orphan, []byte("stmseg1\n, half a segment"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, f := range []string{left, orphan} {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s after Open: %v, want it removed", f, err)
		}
	}
	// The next segment takes a number after the orphan's.
	if _, err := ix.Add(stemma.Doc{ID: "b", Text: filler("b", 40)}); err != nil {
		t.Fatal(err)
	}
	if segs := ix.Segments(); segs[len(segs)-1].Seq <= 99 {
		t.Errorf("segments %+v: a number reused", segs)
	}
	if r, err := ix.Check(true); err != nil || r.Docs != 2 {
		t.Errorf("Check = %+v, %v; want 2 documents", r, err)
	}
}

// TestIngestCancel cancels an ingest half way: every document reported by
// progress stays committed and in order.
func TestIngestCancel(t *testing.T) {
	var docs []stemma.Doc
	for i := range 2000 {
		docs = append(docs, stemma.Doc{ID: fmt.Sprintf("d%04d", i), Text: filler(fmt.Sprintf("w%d_", i), 100)})
	}
	ix := openMem(t, Options{BatchBytes: 64 << 10, Workers: 2})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var last Progress
	p, err := ix.Ingest(ctx, sourceOf(docs), func(p Progress) {
		last = p
		if p.Added >= 100 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Ingest = %+v, %v; want context.Canceled", p, err)
	}
	if last.Added < 100 || last.Added >= len(docs) {
		t.Fatalf("last progress %+v", last)
	}
	c := ix.Counts()
	if c.Docs != int64(last.Added) || p.Added != last.Added {
		t.Errorf("%d documents committed, progress acknowledged %d, Ingest returned %+v", c.Docs, last.Added, p)
	}
	for i := range int(c.Docs) {
		if n, err := ix.Num(docs[i].ID); err != nil || n != uint32(i+1) {
			t.Fatalf("document %s: number %d, %v; want %d", docs[i].ID, n, err, i+1)
		}
	}
	if r, err := ix.Check(true); err != nil {
		t.Errorf("Check: %v (%v)", err, r.Problems)
	}
}

func BenchmarkIngestReuters(b *testing.B) {
	docs, bytes := readReuters(b, 0)
	b.SetBytes(bytes)
	for b.Loop() {
		ix, err := Open(b.TempDir(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Ingest(context.Background(), sourceOf(docs), nil); err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// TestMigrate opens testdata/v1 and testdata/v2, indexes of formats 1 (a
// key per posting) and 2 (term counts in Pebble), each made from
// testdata/v1.jsonl by the last stemma that wrote its format: Open refuses
// each with a hint, and Migrate copies it into the current format, every
// document, duplicate and date as it was, and its terms counted.
func TestMigrate(t *testing.T) {
	for _, v := range []string{"v1", "v2"} {
		t.Run(v, func(t *testing.T) { testMigrate(t, v) })
	}
}

func testMigrate(t *testing.T, version string) {
	src := filepath.Join(t.TempDir(), version)
	if err := os.CopyFS(src, os.DirFS(filepath.Join("testdata", version))); err != nil {
		t.Fatal(err)
	}
	_, err := Open(src, Options{})
	if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "stemma migrate") {
		t.Fatalf("Open(format %s) = %v, want ErrFormat with a hint to migrate", version, err)
	}
	dst := filepath.Join(t.TempDir(), "new")
	p, err := Migrate(context.Background(), src, dst, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Added != 8 || p.Duplicates != 2 {
		t.Errorf("migrated %+v, want 8 documents and 2 duplicates", p)
	}
	if _, err := Migrate(context.Background(), src, dst, Options{}, nil); err == nil {
		t.Error("Migrate over an existing index succeeded")
	}
	if _, err := Migrate(context.Background(), dst, filepath.Join(t.TempDir(), "again"), Options{}, nil); !errors.Is(err, ErrCurrent) {
		t.Errorf("Migrate of a current index = %v, want ErrCurrent", err)
	}
	ix, err := Open(dst, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if r, err := ix.Check(true); err != nil {
		t.Fatalf("Check(deep) of the migrated index: %v %v", err, r.Problems)
	} else if r.CountedDocs != 8 || r.CountedWords != 2534 {
		t.Errorf("migrated index counted %d words of %d documents, want 2534 of 8", r.CountedWords, r.CountedDocs)
	}
	f, err := os.ReadFile("testdata/v1.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSpace(string(f)), "\n") {
		var want struct {
			ID, Source, URL, Title, Date, Text string
		}
		if err := json.Unmarshal([]byte(line), &want); err != nil {
			t.Fatal(err)
		}
		got, err := ix.DocByID(want.ID)
		if err != nil {
			t.Errorf("line %d: %v", i+1, err)
			continue
		}
		num, _ := ix.Num(want.ID)
		dated := got.Date.Format(time.RFC3339)
		if got.DayOnly {
			dated = got.Date.Format(time.DateOnly)
		}
		if num != uint32(i+1) || got.Text != want.Text || got.URL != want.URL || got.Source != want.Source || dated != want.Date {
			t.Errorf("line %d (%s): document %d, date %s (want %s), url %q, source %q, same text %v",
				i+1, want.ID, num, dated, want.Date, got.URL, got.Source, got.Text == want.Text)
		}
		if i == 0 {
			lk, err := ix.Candidates(ix.NewPreparer().Prepare(got).hashes)
			if err != nil || len(lk.Candidates) == 0 || lk.Candidates[0].Num != 1 {
				t.Errorf("the first document's fingerprints find %+v, %v", lk.Candidates, err)
			}
		}
	}
}

// TestHashBits: an index keeps the hash bits it was made with, and a
// posting of a fingerprint is found through any query of the same top bits.
func TestHashBits(t *testing.T) {
	fs := vfs.NewMem()
	ix, err := Open("ix", Options{FS: fs, HashBits: 24})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Add(sampleDocs...); err != nil {
		t.Fatal(err)
	}
	h := ix.NewPreparer().Prepare(sampleDocs[0]).hashes[0]
	ix.Close()
	ix, err = Open("ix", Options{FS: fs, HashBits: 50})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.hbits != 24 {
		t.Fatalf("reopened with %d hash bits, want the 24 it was made with", ix.hbits)
	}
	for _, q := range []uint64{h, h ^ 1, h ^ (1 << 39)} { // only the low 40 bits differ
		lk, err := ix.Candidates([]uint64{q})
		if err != nil || len(lk.Candidates) == 0 || lk.Candidates[0].Num != 1 {
			t.Errorf("query %016x: %+v, %v; want document 1", q, lk.Candidates, err)
		}
	}
	if lk, _ := ix.Candidates([]uint64{h ^ (1 << 63)}); slices.ContainsFunc(lk.Candidates, func(c Candidate) bool { return c.Num == 1 }) {
		t.Errorf("a query differing in the top bit finds document 1")
	}
}

// TestLanguageStored checks that a document's language is detected when
// its input gives none, kept as given otherwise, and stored either way.
func TestLanguageStored(t *testing.T) {
	ix := openMem(t, Options{})
	docs := []stemma.Doc{
		{ID: "de", Text: "Der Minister sagte am Montag, dass die Gespräche in der nächsten Woche wieder aufgenommen werden."},
		{ID: "en", Text: "The minister said on Monday that the talks would resume next week and that both sides had agreed."},
		{ID: "given", Lang: "fr-CA", Text: "The page said it was French, and the index keeps what the page said."},
		{ID: "short", Text: "Reuters"},
	}
	if _, err := ix.Add(docs...); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"de": "de", "en": "en", "given": "fr-CA", "short": ""} {
		got, err := ix.DocByID(id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Lang != want {
			t.Errorf("%s: language %q, want %q", id, got.Lang, want)
		}
	}
}

// BenchmarkCandidates looks up the fingerprints of Reuters-21578 stories
// in an index of all of them: the first step of every trace.
func BenchmarkCandidates(b *testing.B) {
	docs, _ := readReuters(b, 0)
	ix, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Ingest(context.Background(), sourceOf(docs), nil); err != nil {
		b.Fatal(err)
	}
	queries := make([][]uint64, 0, 500)
	for i := 0; i < len(docs) && len(queries) < cap(queries); i += len(docs) / cap(queries) {
		queries = append(queries, query(ix, docs[i].Text))
	}
	i := 0
	for b.Loop() {
		if _, err := ix.Candidates(queries[i%len(queries)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// TestFingerprintRecord checks the fingerprint settings an index keeps: a
// new one's defaults (cross-language sketches, stopword grams in each
// text's language) and their absence, both kept across a reopen; and an
// index made before the last fields existed, whose record lacks them,
// read as having none of them.
func TestFingerprintRecord(t *testing.T) {
	for _, c := range []struct {
		opts            fingerprint.Options
		cross, stopLang int
	}{
		{fingerprint.Options{}, fingerprint.DefaultCross, 1},
		{fingerprint.Options{Cross: -1, StopLang: -1}, 0, 0},
	} {
		fs := vfs.NewMem()
		ix, err := Open("ix", Options{FS: fs, Fingerprint: c.opts})
		if err != nil {
			t.Fatal(err)
		}
		ix.Close()
		ix, err = Open("ix", Options{FS: fs})
		if err != nil {
			t.Fatal(err)
		}
		if fp := ix.Fingerprint(); fp.Cross != c.cross || fp.StopLang != c.stopLang {
			t.Errorf("made with %+v: reopened with Cross %d StopLang %d, want %d %d", c.opts, fp.Cross, fp.StopLang, c.cross, c.stopLang)
		}
		ix.Close()
	}
	// N, Window, StopN and Sketch: a record of before cross-language
	// sketches.
	var old []byte
	for _, v := range []uint64{5, 4, 8, 3} {
		old = binary.AppendUvarint(old, v)
	}
	fp, err := decodeFingerprint(old)
	if err != nil || fp != (fingerprint.Options{N: 5, Window: 4, StopN: 8, Sketch: 3}) {
		t.Errorf("old record: %+v, %v", fp, err)
	}
	if _, err := decodeFingerprint(append(old, 2, 7)); !errors.Is(err, ErrCorrupt) {
		t.Errorf("record with StopLang 7: %v, want ErrCorrupt", err)
	}
}
