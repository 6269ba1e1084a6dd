package ingest_test

import (
	"compress/gzip"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/internal/testdata"
)

func TestReuters(t *testing.T) {
	path := testdata.Path(t, "reuters-21578.jsonl.gz")
	recs, sum := readAll(t, []string{path}, ingest.Options{})
	if len(recs) != 19043 || sum.Docs != 19043 {
		t.Fatalf("read %d documents (summary %d), want 19043", len(recs), sum.Docs)
	}
	if sum.SkippedTotal() != 0 || len(sum.Warnings) != 0 {
		t.Errorf("skips %v, warnings %v; want none", sum.Skips, sum.Warnings)
	}
	first := recs[0].Doc
	if first.ID != "reuters-1" || first.Source != "reuters" || first.Title != "BAHIA COCOA REVIEW" ||
		!first.Date.Equal(time.Date(1987, 2, 26, 15, 1, 1, 0, time.UTC)) {
		t.Errorf("first document = %s %q %q %v", first.ID, first.Source, first.Title, first.Date)
	}
	if !strings.HasPrefix(first.Text, "Showers continued throughout the week in\nthe Bahia cocoa zone") {
		t.Errorf("first text begins %q", first.Text[:min(60, len(first.Text))])
	}
	ids := map[string]bool{}
	var bytes int64
	dated := 0
	for _, rec := range recs {
		if ids[rec.Doc.ID] {
			t.Fatalf("ID %s read twice", rec.Doc.ID)
		}
		ids[rec.Doc.ID] = true
		if rec.Doc.Dated() {
			dated++
			if rec.Doc.Date.Year() != 1987 {
				t.Fatalf("%s is dated %v, want a date in 1987", rec.Doc.ID, rec.Doc.Date)
			}
		}
		bytes += int64(len(rec.Doc.Text))
	}
	// 7241 stories have "date": null; they stay undated.
	if dated != 19043-7241 {
		t.Errorf("%d documents dated, want %d", dated, 19043-7241)
	}
	if sum.Bytes != bytes {
		t.Errorf("summary counts %d bytes, documents hold %d", sum.Bytes, bytes)
	}
	if last := recs[len(recs)-1]; last.Line != 19043 {
		t.Errorf("last document is on line %d, want 19043", last.Line)
	}
}

func TestBBC(t *testing.T) {
	recs, sum := readAll(t, []string{testdata.Path(t, "bbc-news.jsonl.gz")}, ingest.Options{})
	if len(recs) != 2225 || sum.SkippedTotal() != 0 {
		t.Fatalf("read %d documents and %d skips, want 2225 and none: %v", len(recs), sum.SkippedTotal(), sum.Skips)
	}
	for _, rec := range recs {
		if rec.Doc.Dated() {
			t.Fatalf("%s is dated %v; BBC documents have no date and none may be invented", rec.Doc.ID, rec.Doc.Date)
		}
		if rec.Doc.Source != "bbc" || rec.Doc.Title == "" {
			t.Fatalf("%s: source %q, title %q", rec.Doc.ID, rec.Doc.Source, rec.Doc.Title)
		}
	}
	if sum.Warnings[ingest.WarnBadDate] != 0 {
		t.Errorf("%d bad dates, want none: a missing date is not a bad one", sum.Warnings[ingest.WarnBadDate])
	}
}

// TestHugeLine checks the 50 MB document policy: a 50 MB line is skipped
// as too large without being held in memory, and the lines around it are
// read.
func TestHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file")
	}
	path := t.TempDir() + "/huge.jsonl"
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, `{"id":"before","text":"a short story"}`+"\n")
	io.WriteString(f, `{"id":"huge","text":"`)
	chunk := strings.Repeat("all work and no play ", 1<<15)
	for written := 0; written < 50<<20; written += len(chunk) {
		io.WriteString(f, chunk)
	}
	io.WriteString(f, `"}`+"\n")
	io.WriteString(f, `{"id":"after","text":"another short story"}`+"\n")
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	recs, sum := readAll(t, []string{path}, ingest.Options{})
	runtime.ReadMemStats(&after)

	want := []skipAt{{path, 2, ingest.TooLarge}}
	if got := idsOf(recs); len(got) != 2 || got[0] != "before" || got[1] != "after" {
		t.Errorf("IDs = %q, want before and after", got)
	}
	if got := skipsOf(sum); len(got) != 1 || got[0] != want[0] {
		t.Errorf("skips = %v, want %v", got, want)
	}
	if recs[1].Line != 3 {
		t.Errorf("the line after the huge one is numbered %d, want 3", recs[1].Line)
	}
	// About 1 MiB of read buffer and 10 MiB gathering the line up to the
	// limit; nowhere near 50 MB.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 20<<20 {
		t.Errorf("reading a 50 MB line allocated %d MB, want under 20 MB", alloc>>20)
	}
}

// BenchmarkReadReuters reads the Reuters-21578 corpus. Its MB/s are of
// decompressed JSONL.
func BenchmarkReadReuters(b *testing.B) {
	path := testdata.Path(b, "reuters-21578.jsonl.gz")
	b.SetBytes(gunzippedSize(b, path))
	b.ReportAllocs()
	for b.Loop() {
		r, err := ingest.NewReader([]string{path}, ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, ok := r.Next(); ok; _, ok = r.Next() {
			n++
		}
		r.Close()
		if n != 19043 {
			b.Fatalf("read %d documents, want 19043", n)
		}
	}
}

// BenchmarkReadReutersPlain reads the same corpus decompressed, to tell the
// cost of decoding JSON from that of gunzip.
func BenchmarkReadReutersPlain(b *testing.B) {
	src := testdata.Path(b, "reuters-21578.jsonl.gz")
	path := b.TempDir() + "/reuters.jsonl"
	f, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	out, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	n, err := io.Copy(out, zr)
	if err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		r, err := ingest.NewReader([]string{path}, ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, ok := r.Next(); ok; _, ok = r.Next() {
		}
		r.Close()
	}
}

func gunzippedSize(b *testing.B, path string) int64 {
	b.Helper()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	n, err := io.Copy(io.Discard, zr)
	if err != nil {
		b.Fatal(err)
	}
	return n
}
