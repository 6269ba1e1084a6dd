package ingest_test

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/internal/testdata"
)

// reuters reads the stories of Reuters-21578 from the shared data.
func reuters(tb testing.TB) []stemma.Doc {
	tb.Helper()
	r, err := ingest.NewReader([]string{testdata.Path(tb, "reuters-21578.jsonl.gz")}, ingest.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	var docs []stemma.Doc
	for rec, ok := r.Next(); ok; rec, ok = r.Next() {
		docs = append(docs, rec.Doc)
	}
	if n := r.Summary().SkippedTotal(); n > 0 {
		tb.Fatalf("%d Reuters stories skipped: %v", n, r.Summary().Skips)
	}
	return docs
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
// pages (ingest.WriteNewsWARC, STEMMA_WARC_MB megabytes gzip'd, default
// 500) in a child process and reports its throughput and peak resident
// memory, the reader's alone:
//
//	go test ./ingest -run '^$' -bench WARCStream -benchtime 1x
//
// The benchmarks page (`stemma eval`, package bench) reports the same
// reading next to gzip decompression of the same file and to `stemma
// index` end to end.
func BenchmarkWARCStream(b *testing.B) {
	mb := int64(500)
	if s := os.Getenv("STEMMA_WARC_MB"); s != "" {
		mb, _ = strconv.ParseInt(s, 10, 64)
	}
	warc, err := ingest.WriteNewsWARC(b.TempDir(), reuters(b), mb<<20)
	if err != nil {
		b.Fatal(err)
	}
	path, pages, raw, size := warc.Path, warc.Pages, warc.WARCBytes, warc.FileBytes
	b.SetBytes(size)
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
		b.ReportMetric(float64(size)/1e6/secs, "file-MB/s")
		b.ReportMetric(float64(raw)/1e6/secs, "warc-MB/s")
		b.ReportMetric(float64(docs)/secs, "pages/s")
		b.ReportMetric(float64(hwm)/1024, "peak-RSS-MiB")
		b.Logf("%d MB gzip'd WARC (%d MB uncompressed), %d pages (%d records ignored), %.1f MB text extracted, in %.1fs: %.1f MB/s of file, %.1f MB/s of WARC, %.0f pages/s, peak RSS %.0f MiB",
			size/1e6, raw/1e6, docs, ignored, float64(text)/1e6, secs, float64(size)/1e6/secs, float64(raw)/1e6/secs, float64(docs)/secs, float64(hwm)/1024)
	}
}
