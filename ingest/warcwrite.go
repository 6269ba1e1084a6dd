package ingest

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/stemmanews/stemma"
)

// A NewsWARC describes a file written by [WriteNewsWARC].
type NewsWARC struct {
	// Path is the file, NewsWARCName in the directory given.
	Path string
	// Pages is the number of response records, one HTML page each. Every
	// page comes with its request record, so the file holds twice as many
	// records.
	Pages int
	// Stories is the number of distinct stories the pages wrap: less than
	// Pages when the stories given ran out and were used again.
	Stories int
	// FileBytes is the size of the file, WARCBytes that of the WARC
	// records uncompressed and TextBytes that of the stories' texts.
	FileBytes int64
	WARCBytes int64
	TextBytes int64
}

// NewsWARCName is the name of the file [WriteNewsWARC] writes.
const NewsWARCName = "news.warc.gz"

// newsWARCCapture is the capture time of every record of a NewsWARC.
const newsWARCCapture = "2024-03-06T10:00:00Z"

// WriteNewsWARC writes a WARC file of news pages into dir, as a crawl of a
// news archive would produce it, until the file holds at least size
// bytes, and returns what it wrote. It is the input of the WARC streaming
// measurement (package bench, BenchmarkWARCStream).
//
// Each story becomes an HTML page of about 16 KB: the headline, the text
// as paragraphs, and the weight of a real news page around them (inline
// styles and a configuration script, a menu, a cookie banner, related
// links, a footer), with its title, site name and publication date in the
// usual meta tags. A paragraph of the text ends at a blank line or at a
// line break followed by an indent, as in Reuters-21578; the lines within
// it are joined. Each page is an HTTP 200 response record, preceded by its
// request record, and every record is its own gzip member, as in the
// .warc.gz files of crawlers. The stories are used in order and, if they
// run out, again from the first, under new URIs
// ("https://wire.example/ROUND/ID"): a caller who wants every page
// distinct passes enough stories.
//
// The file is created or truncated; on error it may be left incomplete.
func WriteNewsWARC(dir string, stories []stemma.Doc, size int64) (NewsWARC, error) {
	out := NewsWARC{Path: filepath.Join(dir, NewsWARCName)}
	if len(stories) == 0 {
		return out, errors.New("ingest: writing a news WARC: no stories")
	}
	f, err := os.Create(out.Path)
	if err != nil {
		return out, err
	}
	cw := &countingWriter{w: f}
	w := bufio.NewWriterSize(cw, 1<<20)
	zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed) // a valid level: no error
	records := 0
	member := func(rec []byte) error {
		out.WARCBytes += int64(len(rec))
		zw.Reset(w)
		if _, err := zw.Write(rec); err != nil {
			return err
		}
		return zw.Close()
	}
	var page, block strings.Builder
	for round := 0; cw.n+int64(w.Buffered()) < size; round++ {
		for _, s := range stories {
			if cw.n+int64(w.Buffered()) >= size {
				break
			}
			page.Reset()
			newsPage(&page, s)
			uri := fmt.Sprintf("https://wire.example/%d/%s", round, s.ID)
			block.Reset()
			fmt.Fprintf(&block, "GET /%d/%s HTTP/1.1\r\nHost: wire.example\r\n\r\n", round, s.ID)
			records++
			if err := member(warcRecord("request", uri, records, block.String())); err != nil {
				f.Close()
				return out, fmt.Errorf("writing %s: %w", out.Path, err)
			}
			block.Reset()
			fmt.Fprintf(&block, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", page.Len(), page.String())
			records++
			if err := member(warcRecord("response", uri, records, block.String())); err != nil {
				f.Close()
				return out, fmt.Errorf("writing %s: %w", out.Path, err)
			}
			out.Pages++
			out.TextBytes += int64(len(s.Text))
			if round == 0 {
				out.Stories++
			}
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return out, fmt.Errorf("writing %s: %w", out.Path, err)
	}
	if err := f.Close(); err != nil {
		return out, fmt.Errorf("writing %s: %w", out.Path, err)
	}
	out.FileBytes = cw.n
	return out, nil
}

// warcRecord returns a WARC/1.1 record of the given type whose block is an
// HTTP message; n numbers the record in its file.
func warcRecord(typ, uri string, n int, block string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08x-0000-4000-8000-%012x>\r\nWARC-Date: %s\r\nWARC-Target-URI: %s\r\n", typ, n>>16, n, newsWARCCapture, uri)
	fmt.Fprintf(&b, "Content-Type: application/http; msgtype=%s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", typ, len(block), block)
	return []byte(b.String())
}

// paragraphBreak is where a paragraph of a story's text ends: a blank line,
// or a line break followed by an indent.
var paragraphBreak = regexp.MustCompile(`\n[ \t]*\n|\n[ \t]+`)

// newsPage writes the page of one story to b.
func newsPage(b *strings.Builder, s stemma.Doc) {
	title := html.EscapeString(squeeze(s.Title))
	fmt.Fprintf(b, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s | Wire Archive</title>", title)
	b.WriteString("<meta property=\"og:site_name\" content=\"Wire Archive\">")
	if !s.Date.IsZero() {
		fmt.Fprintf(b, "<meta property=\"article:published_time\" content=\"%s\">", s.Date.UTC().Format(time.RFC3339))
	}
	b.WriteString(pageChrome)
	b.WriteString("</head><body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/markets\">Markets</a></li><li><a href=\"/world\">World</a></li></ul></nav>")
	b.WriteString("<div class=\"cookie\">We use cookies to run this archive. Accept all cookies to continue.</div>")
	fmt.Fprintf(b, "<article><h1>%s</h1>", title)
	for _, p := range paragraphBreak.Split(s.Text, -1) {
		if p = squeeze(p); p != "" {
			fmt.Fprintf(b, "<p>%s</p>", html.EscapeString(p))
		}
	}
	b.WriteString("</article><aside><h3>Related</h3><ul><li><a href=\"/r/1\">Dollar firms in quiet trade</a></li></ul></aside><footer>Wire Archive. All rights reserved.</footer></body></html>")
}

// pageChrome is the weight of a real news page around its story: styles
// and a configuration script (about 14 KB).
var pageChrome = func() string {
	var b strings.Builder
	b.WriteString("<style>")
	for i := range 120 {
		fmt.Fprintf(&b, ".c%d{margin:%dpx;padding:%dpx;color:#%06x;font:14px/1.4 Georgia,serif}\n", i, i%9, i%7, i*7919%0xffffff)
	}
	b.WriteString("</style><script>window.__CONFIG__={")
	for i := range 200 {
		fmt.Fprintf(&b, "\"key%d\":\"value-%d-%x\",", i, i, i*104729)
	}
	b.WriteString("\"end\":1};</script>")
	return b.String()
}()

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
