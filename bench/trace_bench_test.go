package bench

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/trace"
)

// BenchmarkTraceScaled traces the speed suite's sample of 1,000 articles
// against the speed suite's scaled-up corpus of STEMMA_SCALE_DOCS articles
// (default 100,000), one trace an iteration, for profiling a trace at scale:
//
//	STEMMA_SCALE_DOCS=1000000 STEMMA_SCALE_DB=/tmp/ix1m go test ./bench -run '^$' -bench TraceScaled -cpuprofile cpu.out
//
// The index is built in STEMMA_SCALE_DB if that directory does not exist
// yet, and kept, so later runs trace the same index at once; without
// STEMMA_SCALE_DB it is built in a temporary directory each run. The
// building is not timed. STEMMA_SCALE_CACHE_MB sets the index's block
// cache (default index.DefaultCacheBytes), and STEMMA_SCALE_MAX_CANDIDATES
// the most candidates a trace aligns (default
// trace.DefaultMaxCandidates): a trace's cost grows with its candidates,
// and each story has about fifty variants in a million scaled-up
// articles. It reports the median and 99th percentile of the traces'
// latencies, as the speed suite does, and the mean number of candidates
// a trace aligned and of sources its report lists.
func BenchmarkTraceScaled(b *testing.B) {
	n, sc := scaled(b)
	db := os.Getenv("STEMMA_SCALE_DB")
	if db == "" {
		db = filepath.Join(b.TempDir(), "db")
	}
	ctx := context.Background()
	if _, err := os.Stat(db); os.IsNotExist(err) {
		if err := indexInProcess(ctx, db, sc, n, false); err != nil {
			b.Fatal(err)
		}
	}
	cacheMB, maxCands := positiveEnv(b, "STEMMA_SCALE_CACHE_MB"), positiveEnv(b, "STEMMA_SCALE_MAX_CANDIDATES")
	ix, err := index.Open(db, index.Options{ReadOnly: true, CacheBytes: int64(cacheMB) << 20})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	tr, err := trace.New(ix, trace.Options{MaxCandidates: maxCands})
	if err != nil {
		b.Fatal(err)
	}
	sample := make([]stemma.Doc, min(1000, n))
	for i := range sample {
		sample[i] = sc.doc(i * n / len(sample))
	}
	lat := make([]time.Duration, 0, b.N)
	var cands, sources int
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		rep, err := tr.Trace(ctx, sample[i%len(sample)])
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		cands, sources = cands+rep.Candidates, sources+len(rep.Sources)
	}
	p50, p99 := percentiles(lat)
	b.ReportMetric(p50, "p50-ms")
	b.ReportMetric(p99, "p99-ms")
	b.ReportMetric(float64(cands)/float64(b.N), "candidates/op")
	b.ReportMetric(float64(sources)/float64(b.N), "sources/op")
}

// positiveEnv returns the positive number in the environment variable
// name, or 0 when it is unset.
func positiveEnv(b *testing.B, name string) int {
	v := os.Getenv(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

// BenchmarkIngestScaled indexes the speed suite's scaled-up corpus of
// STEMMA_SCALE_DOCS articles (default 100,000) in process, into a new
// index an iteration, for profiling ingest at scale:
//
//	STEMMA_SCALE_DOCS=300000 go test ./bench -run '^$' -bench IngestScaled -benchtime 1x -cpuprofile cpu.out
//
// The articles are generated as they are read, as the speed suite writes
// them, so the profile includes their generation (scaler.doc), which
// stemma index does not do; it reads and parses JSONL instead.
func BenchmarkIngestScaled(b *testing.B) {
	n, sc := scaled(b)
	b.ResetTimer()
	for range b.N {
		if err := indexInProcess(context.Background(), filepath.Join(b.TempDir(), "db"), sc, n, false); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// scaled returns the corpus size STEMMA_SCALE_DOCS asks for (default
// 100,000) and the speed suite's scaler.
func scaled(b *testing.B) (int, *scaler) {
	n := 100_000
	if s := os.Getenv("STEMMA_SCALE_DOCS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatalf("STEMMA_SCALE_DOCS: %v", err)
		}
	}
	base, err := loadCorpus(filepath.Join(testdata.Dir(b), "reuters-21578.jsonl.gz"), 0)
	if err != nil {
		b.Fatal(err)
	}
	return n, newScaler(base)
}
