package ingest_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/ingest"
)

// TestWriteNewsWARC writes a small news WARC, reads it back and checks that
// every page is one document with its story's text, title and date, that
// the request records are ignored, and that the figures returned are the
// file's.
func TestWriteNewsWARC(t *testing.T) {
	var stories []stemma.Doc
	for i := range 5 {
		stories = append(stories, stemma.Doc{
			ID:    fmt.Sprintf("story-%d", i),
			Title: fmt.Sprintf("Harbour <%d> closes & reopens", i),
			Date:  time.Date(1987, 3, i+1, 9, 30, 0, 0, time.UTC),
			Text: fmt.Sprintf("The harbour of Millport closed on Tuesday number %d\nafter a storm damaged the outer wall and two cranes.\n"+
				"    Officials said ships would wait offshore until engineers\nhad inspected the quays, which could take a week.\n"+
				"    Traders said grain prices rose on the news.", i),
		})
	}
	w, err := ingest.WriteNewsWARC(t.TempDir(), stories, 100<<10)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(w.Path); err != nil || fi.Size() != w.FileBytes || w.FileBytes < 100<<10 {
		t.Fatalf("file %s: %v, size %d, want %d bytes, at least 100 KiB", w.Path, err, fi.Size(), w.FileBytes)
	}
	if w.Stories != len(stories) || w.Pages <= w.Stories || w.WARCBytes <= w.FileBytes {
		t.Errorf("wrote %+v, want every story used, and used again", w)
	}
	r, err := ingest.NewReader([]string{w.Path}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := 0
	for rec, ok := r.Next(); ok; rec, ok = r.Next() {
		s := stories[n%len(stories)]
		d := rec.Doc
		wantID := fmt.Sprintf("https://wire.example/%d/%s@2024-03-06T10:00:00Z", n/len(stories), s.ID)
		if d.ID != wantID || d.Title != s.Title || !d.Date.Equal(s.Date) || d.Source != "Wire Archive" {
			t.Errorf("page %d: %q %q %v %q, want %q %q %v %q", n, d.ID, d.Title, d.Date, d.Source, wantID, s.Title, s.Date, "Wire Archive")
		}
		// The story's three paragraphs, lines joined, and nothing else.
		want := strings.Join(strings.Fields(s.Text), " ")
		if got := strings.Join(strings.Fields(d.Text), " "); got != want || strings.Count(d.Text, "\n\n") != 2 {
			t.Errorf("page %d: text %q, want the three paragraphs of %q", n, d.Text, want)
		}
		n++
	}
	sum := r.Summary()
	if n != w.Pages || sum.SkippedTotal() != 0 || sum.IgnoredTotal() != w.Pages {
		t.Errorf("read %d pages, %d skipped, %d ignored; want %d pages and their %d requests ignored", n, sum.SkippedTotal(), sum.IgnoredTotal(), w.Pages, w.Pages)
	}
}
