package ingest_test

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/internal/testdata"
)

// pageChrome is the weight of a real news page around its story: styles,
// scripts, a menu, share buttons and a footer (about 20 KB).
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

// writeReutersWARC writes Reuters-21578 stories, each wrapped in a news page,
// as a WARC file gzip'd record by record, until it holds at least size
// bytes. Each page comes with its request record, as in a real crawl.
func writeReutersWARC(tb testing.TB, path string, size int64) (pages int, raw int64) {
	tb.Helper()
	src, err := os.Open(testdata.Path(tb, "reuters-21578.jsonl.gz"))
	if err != nil {
		tb.Fatal(err)
	}
	defer src.Close()
	zr, err := gzip.NewReader(src)
	if err != nil {
		tb.Fatal(err)
	}
	type story struct{ ID, Title, Text, Date string }
	var stories []story
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var s story
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			tb.Fatal(err)
		}
		stories = append(stories, s)
	}
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
	var written int64
	member := func(rec []byte) {
		raw += int64(len(rec))
		zw.Reset(w)
		zw.Write(rec)
		zw.Close()
	}
	for round := 0; written < size; round++ {
		for _, s := range stories {
			var page strings.Builder
			fmt.Fprintf(&page, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s | Wire Archive</title>", s.Title)
			fmt.Fprintf(&page, "<meta property=\"og:site_name\" content=\"Wire Archive\"><meta property=\"article:published_time\" content=\"%s\">%s</head><body>", s.Date, pageChrome)
			page.WriteString("<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/markets\">Markets</a></li><li><a href=\"/world\">World</a></li></ul></nav>")
			page.WriteString("<div class=\"cookie\">We use cookies to run this archive. Accept all cookies to continue.</div>")
			fmt.Fprintf(&page, "<article><h1>%s</h1>", s.Title)
			for _, p := range strings.Split(s.Text, "\n") {
				if p = strings.TrimSpace(p); p != "" {
					fmt.Fprintf(&page, "<p>%s</p>", p)
				}
			}
			page.WriteString("</article><aside><h3>Related</h3><ul><li><a href=\"/r/1\">Dollar firms in quiet trade</a></li></ul></aside><footer>Wire Archive. All rights reserved.</footer></body></html>")
			uri := fmt.Sprintf("https://wire.example/%d/%s", round, s.ID)
			date := "2024-03-06T10:00:00Z"
			member(warcRecord("request", uri, date, fmt.Appendf(nil, "GET /%d/%s HTTP/1.1\r\nHost: wire.example\r\n\r\n", round, s.ID)))
			member(warcRecord("response", uri, date, httpResponse("200 OK", "text/html; charset=utf-8", []byte(page.String()))))
			pages++
			if written = int64(w.Buffered()) + fileSize(tb, f); written >= size {
				break
			}
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return pages, raw
}

func fileSize(tb testing.TB, f *os.File) int64 {
	fi, err := f.Stat()
	if err != nil {
		tb.Fatal(err)
	}
	return fi.Size()
}

// TestWARCStreamChild is the child process of BenchmarkWARCStream: it reads
// the WARC file named by STEMMA_WARC_CHILD and prints its figures, so that
// its peak RSS is the reader's alone.
func TestWARCStreamChild(t *testing.T) {
	path := os.Getenv("STEMMA_WARC_CHILD")
	if path == "" {
		t.Skip("run by BenchmarkWARCStream")
	}
	start := time.Now()
	r, err := ingest.NewReader([]string{path}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, text := 0, 0
	for rec, ok := r.Next(); ok; rec, ok = r.Next() {
		docs++
		text += len(rec.Doc.Text)
	}
	r.Close()
	el := time.Since(start)
	status, _ := os.ReadFile("/proc/self/status")
	var hwm int64
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			hwm, _ = strconv.ParseInt(f[1], 10, 64)
		}
	}
	fmt.Printf("WARCSTREAM docs=%d text=%d seconds=%.3f hwm_kb=%d skipped=%d ignored=%d\n", docs, text, el.Seconds(), hwm, r.Summary().SkippedTotal(), r.Summary().IgnoredTotal())
}

// BenchmarkWARCStream reads a WARC file of Reuters stories wrapped in news
// pages (STEMMA_WARC_MB megabytes gzip'd, default 500) in a child process
// and reports its throughput and peak resident memory:
//
//	go test ./ingest -run '^$' -bench WARCStream -benchtime 1x
func BenchmarkWARCStream(b *testing.B) {
	mb := int64(500)
	if s := os.Getenv("STEMMA_WARC_MB"); s != "" {
		mb, _ = strconv.ParseInt(s, 10, 64)
	}
	path := filepath.Join(b.TempDir(), "reuters.warc.gz")
	pages, raw := writeReutersWARC(b, path, mb<<20)
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestWARCStreamChild$", "-test.v")
		cmd.Env = append(os.Environ(), "STEMMA_WARC_CHILD="+path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		var docs, text, hwm, skipped, ignored int64
		var secs float64
		i := strings.Index(string(out), "WARCSTREAM ")
		if i < 0 {
			b.Fatalf("child printed no figures:\n%s", out)
		}
		fmt.Sscanf(string(out[i:]), "WARCSTREAM docs=%d text=%d seconds=%f hwm_kb=%d skipped=%d ignored=%d", &docs, &text, &secs, &hwm, &skipped, &ignored)
		if docs != int64(pages) || skipped != 0 {
			b.Fatalf("read %d pages (%d skipped), want %d", docs, skipped, pages)
		}
		b.ReportMetric(float64(fi.Size())/1e6/secs, "file-MB/s")
		b.ReportMetric(float64(raw)/1e6/secs, "warc-MB/s")
		b.ReportMetric(float64(docs)/secs, "pages/s")
		b.ReportMetric(float64(hwm)/1024, "peak-RSS-MiB")
		b.Logf("%d MB gzip'd WARC (%d MB uncompressed), %d pages (%d records ignored), %.1f MB text extracted, in %.1fs: %.1f MB/s of file, %.1f MB/s of WARC, %.0f pages/s, peak RSS %.0f MiB",
			fi.Size()/1e6, raw/1e6, docs, ignored, float64(text)/1e6, secs, float64(fi.Size())/1e6/secs, float64(raw)/1e6/secs, float64(docs)/secs, float64(hwm)/1024)
	}
}
