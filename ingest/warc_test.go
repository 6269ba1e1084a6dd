package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
	"golang.org/x/text/encoding/charmap"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/trace"
)

// warcRecord returns one WARC/1.1 record.
func warcRecord(typ, uri, date string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08x-0000-4000-8000-000000000000>\r\nWARC-Date: %s\r\n", typ, len(uri)*7919+len(block), date)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	switch typ {
	case "response":
		b.WriteString("Content-Type: application/http; msgtype=response\r\n")
	case "request":
		b.WriteString("Content-Type: application/http; msgtype=request\r\n")
	default:
		b.WriteString("Content-Type: application/warc-fields\r\n")
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// httpResponse returns an HTTP response block.
func httpResponse(status, ctype string, body []byte) []byte {
	return fmt.Appendf(nil, "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, ctype, len(body), body)
}

// gzipMember compresses one record as its own gzip member.
func gzipMember(t testing.TB, rec []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(rec)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// newsPage wraps paragraphs in a page with boilerplate.
func newsPage(site, title, date string, paras ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><html lang=\"en\"><head><title>%s | %s</title><meta property=\"og:site_name\" content=\"%s\">", title, site, site)
	if date != "" {
		fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%s\">", date)
	}
	b.WriteString("</head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/business\">Business</a></nav>")
	b.WriteString("<div class=\"cookie-banner\">We use cookies to make this site work. Accept all cookies to continue.</div>")
	fmt.Fprintf(&b, "<article><h1>%s</h1>", title)
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>", p)
	}
	b.WriteString("</article><aside><h3>Related</h3><ul><li><a href=\"/x\">Markets rally on hopes of rate cut</a></li></ul></aside>")
	b.WriteString("<footer>Copyright the publisher. All rights reserved.</footer></body></html>")
	return b.String()
}

var (
	warcParaShared = "The harbour authority said on Monday that the new container terminal would open in the spring, two years later than planned, after a long dispute over dredging permits delayed the work on the river."
	warcParaA      = "Shipping lines have already moved several routes to rival ports along the coast, and the authority expects traffic to recover only slowly once the terminal opens its gates to the largest vessels."
	warcParaA2     = "The terminal was first proposed more than a decade ago, when the port handled twice as many containers as it does today and the main quay was already too short for modern ships."
	warcParaB      = "Local business leaders said the delay had cost the town hundreds of jobs, and they called on the regional government to guarantee the money needed to finish the project without further setbacks."
	warcParaB2     = "A spokesman for the regional government said it remained committed to the terminal and would publish a new timetable for the remaining works before the end of the month."
	warcParaC      = "Les dockers du port ont voté lundi une grève de vingt-quatre heures pour protester contre le report du terminal, qui menace selon eux des centaines d'emplois dans la région côtière."
	warcParaC2     = "La direction du port a regretté cette décision et appelé les syndicats à reprendre le dialogue dès la semaine prochaine, afin d'éviter de nouvelles perturbations pour les armateurs."
	warcParaD      = "Fishermen in the old harbour said the dredging dispute had also left their berths silted up, so that boats could only come in at high tide and catches were landed hours late."
	warcParaD2     = "The fishermen's association asked the authority to clear the old basin first, which it said would take a few weeks and cost a fraction of the work needed for the new terminal."
)

// buildTestWARC writes a .warc.gz of eleven records, one gzip member each:
// four good pages and seven records that are not: a warcinfo and a request
// record, a 404, a PNG, a corrupt gzip member and a truncated last record.
// It returns the file's bytes and the offsets of the members.
func buildTestWARC(t testing.TB) ([]byte, []int64) {
	t.Helper()
	pageA := newsPage("Harbour Times", "Terminal opening delayed by two years", "2024-03-04T09:00:00Z", warcParaShared, warcParaA, warcParaA2)
	pageB := newsPage("Coast Daily", "Anger over terminal delay", "2024-03-05T12:00:00Z", warcParaB, warcParaShared, warcParaB2)
	latin1, err := charmap.ISO8859_1.NewEncoder().String(newsPage("Le Journal du Port", "Grève au port", "", warcParaC, warcParaC2))
	if err != nil {
		t.Fatal(err)
	}
	pageD := newsPage("Harbour Times", "Fishermen stuck at low tide", "2024-03-06", warcParaD, warcParaD2)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01")
	date := "2024-03-06T10:00:00Z"
	records := [][]byte{
		warcRecord("warcinfo", "", date, []byte("software: stemma-test\r\nformat: WARC File Format 1.1\r\n")),
		warcRecord("request", "https://harbourtimes.example/terminal", date, []byte("GET /terminal HTTP/1.1\r\nHost: harbourtimes.example\r\n\r\n")),
		warcRecord("response", "https://harbourtimes.example/terminal", date, httpResponse("200 OK", "text/html; charset=utf-8", []byte(pageA))),
		warcRecord("response", "https://coastdaily.example/anger", date, httpResponse("200 OK", "text/html", []byte(pageB))),
		warcRecord("response", "https://coastdaily.example/missing", date, httpResponse("404 Not Found", "text/html", []byte("<html><body><p>Page not found</p></body></html>"))),
		warcRecord("response", "https://coastdaily.example/logo.png", date, httpResponse("200 OK", "image/png", png)),
		warcRecord("response", "https://journaldeport.example/greve", date, httpResponse("200 OK", "text/html; charset=iso-8859-1", []byte(latin1))),
		nil, // corrupt member
		warcRecord("response", "https://harbourtimes.example/fishermen", date, httpResponse("200 OK", "text/html; charset=utf-8", []byte(pageD))),
		warcRecord("metadata", "https://harbourtimes.example/fishermen", date, []byte("via: https://harbourtimes.example/\r\n")),
		warcRecord("response", "https://coastdaily.example/late", date, httpResponse("200 OK", "text/html", []byte(newsPage("Coast Daily", "Late", "", warcParaB2, warcParaD)))),
	}
	var file []byte
	var offsets []int64
	for i, rec := range records {
		offsets = append(offsets, int64(len(file)))
		switch {
		case rec == nil:
			// A gzip header followed by bytes that do not inflate.
			m := gzipMember(t, warcRecord("response", "https://x.example/", date, httpResponse("200 OK", "text/html", []byte(pageA))))
			for j := 20; j < len(m)-8; j++ {
				m[j] ^= 0x5a
			}
			file = append(file, m...)
		case i == len(records)-1:
			m := gzipMember(t, rec)
			file = append(file, m[:len(m)/2]...) // the crawl died mid-write
		default:
			file = append(file, gzipMember(t, rec)...)
		}
	}
	return file, offsets
}

func TestWARC(t *testing.T) {
	data, offsets := buildTestWARC(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "crawl.warc.gz")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	recs, sum := readAll(t, []string{path}, ingest.Options{})
	type got struct {
		ID, Source, Title string
		Offset            int64
		Dated             bool
	}
	var docs []got
	for _, r := range recs {
		docs = append(docs, got{r.Doc.ID, r.Doc.Source, r.Doc.Title, r.Offset, r.Doc.Dated()})
		if r.File != path {
			t.Errorf("%s: File %q, want %q", r.Doc.ID, r.File, path)
		}
	}
	want := []got{
		{"https://harbourtimes.example/terminal@2024-03-06T10:00:00Z", "Harbour Times", "Terminal opening delayed by two years", offsets[2], true},
		{"https://coastdaily.example/anger@2024-03-06T10:00:00Z", "Coast Daily", "Anger over terminal delay", offsets[3], true},
		{"https://journaldeport.example/greve@2024-03-06T10:00:00Z", "Le Journal du Port", "Grève au port", offsets[6], false},
		{"https://harbourtimes.example/fishermen@2024-03-06T10:00:00Z", "Harbour Times", "Fishermen stuck at low tide", offsets[8], true},
	}
	if !slices.Equal(docs, want) {
		t.Errorf("documents:\n got %+v\nwant %+v", docs, want)
	}
	// The ISO-8859-1 page is decoded, not mangled.
	if len(recs) >= 3 && !strings.Contains(recs[2].Doc.Text, "grève de vingt-quatre heures") {
		t.Errorf("latin-1 page text: %q", recs[2].Doc.Text)
	}
	wantSkips := []skipAt{{path, 0, ingest.CorruptRecord}, {path, 0, ingest.TruncatedRecord}}
	if got := skipsOf(sum); !slices.Equal(got, wantSkips) {
		t.Errorf("skips = %v, want %v", got, wantSkips)
	}
	if len(sum.Skips) == 2 && (sum.Skips[0].Offset != offsets[7] || sum.Skips[1].Offset != offsets[10]) {
		t.Errorf("skip offsets %d, %d; want %d, %d", sum.Skips[0].Offset, sum.Skips[1].Offset, offsets[7], offsets[10])
	}
	wantIgnored := map[ingest.IgnoreReason]int{ingest.IgnoredRecordType: 3, ingest.IgnoredHTTPStatus: 1, ingest.IgnoredNotHTML: 1}
	if !maps.Equal(sum.Ignored, wantIgnored) {
		t.Errorf("ignored = %v, want %v", sum.Ignored, wantIgnored)
	}
	t.Log(sum)

	// Index the pages and trace B: its middle paragraph is A's first.
	ix, err := index.Open("ix", index.Options{FS: vfs.NewMem()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docsIn := make([]stemma.Doc, len(recs))
	for i, r := range recs {
		docsIn[i] = r.Doc
	}
	if res, err := ix.Add(docsIn...); err != nil || res.Added != 4 {
		t.Fatalf("Add = %+v, %v", res, err)
	}
	tr, err := trace.New(ix, trace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := tr.TraceID(context.Background(), want[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	// The passage runs from the first word to the last (the full stop is
	// not a word).
	if len(rep.Passages) != 1 || rep.Passages[0].Witnesses[0].Doc.ID != want[0].ID || rep.Passages[0].Text+"." != warcParaShared {
		t.Fatalf("trace of page B: %+v", rep.Passages)
	}
}

// TestWARCUncompressed reads the same records without compression, and as
// one gzip stream over the whole file.
func TestWARCUncompressed(t *testing.T) {
	date := "2024-03-06T10:00:00Z"
	page := newsPage("Harbour Times", "Terminal opening delayed", "2024-03-04", warcParaShared, warcParaA, warcParaA2)
	var plain []byte
	plain = append(plain, warcRecord("warcinfo", "", date, []byte("software: test\r\n"))...)
	plain = append(plain, warcRecord("response", "https://h.example/a", date, httpResponse("200 OK", "text/html", []byte(page)))...)
	plain = append(plain, warcRecord("response", "https://h.example/b", date, httpResponse("200 OK", "text/html", []byte(page)))...)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"plain.warc": string(plain), "whole.warc.gz": gzipped(t, string(plain))})
	for _, name := range []string{"plain.warc", "whole.warc.gz"} {
		recs, sum := readAll(t, []string{filepath.Join(dir, name)}, ingest.Options{})
		if got := idsOf(recs); !slices.Equal(got, []string{"https://h.example/a@" + date, "https://h.example/b@" + date}) || sum.SkippedTotal() != 0 {
			t.Errorf("%s: IDs %q, %v", name, got, sum)
		}
	}
}
