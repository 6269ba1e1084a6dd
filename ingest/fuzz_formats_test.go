package ingest

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkFormat reads data as one input in the given format and checks
// that nothing panics, that every document returned is good, and that
// the summary adds up.
func checkFormat(t *testing.T, data []byte, format Format) {
	t.Helper()
	r, err := NewReader([]string{"-"}, Options{Format: format, MaxSkips: 3, MaxPageBytes: 1 << 20, Stdin: bytes.NewReader(data)})
	if err != nil {
		t.Fatal(err)
	}
	docs := 0
	for rec, ok := r.Next(); ok; rec, ok = r.Next() {
		d := rec.Doc
		switch {
		case !utf8.ValidString(d.Text + d.ID + d.Title + d.Source + d.URL + d.Author + d.Lang):
			t.Fatalf("%s: returned invalid UTF-8 in %+v", format, d)
		case strings.TrimSpace(d.Text) == "":
			t.Fatalf("%s: returned empty text", format)
		case d.ID == "":
			t.Fatalf("%s: returned a document without an ID", format)
		case rec.Offset < 0 || rec.Offset > int64(len(data)) && format == FormatWARC:
			t.Fatalf("%s: offset %d outside the %d-byte input", format, rec.Offset, len(data))
		}
		docs++
	}
	r.Close()
	sum := r.Summary()
	if sum.Docs != docs {
		t.Fatalf("%s: summary counts %d docs, Next returned %d", format, sum.Docs, docs)
	}
	for _, s := range sum.Skips {
		if s.File == "" || s.Reason == "" {
			t.Fatalf("%s: skip without a file or reason: %v", format, s)
		}
	}
}

// FuzzHTML extracts arbitrary bytes as an HTML page, and as an input of
// detected format.
func FuzzHTML(f *testing.F) {
	f.Add([]byte("<!DOCTYPE html><html><body><article><p>Some text.</p></article></body></html>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFormat(t, data, FormatHTML)
		checkFormat(t, data, FormatAuto)
		a, err := ExtractHTML(bytes.NewReader(data), "https://example.com/a/b", "text/html")
		if err == nil {
			for i, p := range a.Paragraphs {
				if p.Start < 0 || p.End > len(a.Doc.Text) || p.Start >= p.End || i > 0 && a.Doc.Text[a.Paragraphs[i-1].End:p.Start] != "\n\n" {
					t.Fatalf("paragraph %d span %v is not a block of the %d-byte text", i, p, len(a.Doc.Text))
				}
			}
		}
	})
}

// FuzzWARC reads arbitrary bytes as a WARC file.
func FuzzWARC(f *testing.F) {
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 0\r\n\r\n\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFormat(t, data, FormatWARC)
	})
}

// FuzzFeed reads arbitrary bytes as an RSS, Atom or JSON feed.
func FuzzFeed(f *testing.F) {
	f.Add([]byte(`<rss version="2.0"><channel><title>T</title><item><title>A</title><description>Text.</description></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFormat(t, data, FormatFeed)
		if feed, err := ParseFeed(bytes.NewReader(data), "https://example.com/feed"); err == nil {
			for _, it := range feed.Items {
				if !utf8.ValidString(it.Doc.Text + it.Doc.Title + it.Doc.ID) {
					t.Fatalf("invalid UTF-8 in item %+v", it.Doc)
				}
			}
		}
	})
}
