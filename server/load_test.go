package server_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/examples"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/server"
	"github.com/stemmanews/stemma/server/backend"
	"github.com/stemmanews/stemma/server/loadtest"
	"github.com/stemmanews/stemma/trace"
)

var (
	loadDuration = flag.Duration("load.duration", 60*time.Second, "how long BenchmarkServeLoad sends trace requests")
	loadBaseline = flag.Duration("load.baseline", 10*time.Second, "how long BenchmarkServeLoad sends /healthz requests, the baseline")
	loadClients  = flag.Int("load.clients", 0, "concurrent clients of BenchmarkServeLoad (default 4 × GOMAXPROCS)")
	loadArticles = flag.Int("load.articles", 2000, "articles sampled from the corpus for BenchmarkServeLoad")
)

// startServer serves srv on a loopback port until the test ends.
func startServer(tb testing.TB, srv *server.Server) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	tb.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			tb.Errorf("Serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// BenchmarkServeLoad measures `stemma serve` under load: the 19,043
// Reuters-21578 stories indexed on disk, a server on a loopback port, and
// clients that POST stories sampled from the corpus to /api/trace as fast
// as it answers, for -load.duration (60s). It reports throughput,
// latency percentiles, errors and the resident memory of the process
// (server and load generator) sampled every second, after a baseline run
// against /healthz: the server's floor. Run it once:
//
//	go test ./server -run='^$' -bench=BenchmarkServeLoad -benchtime=1x
//
// The load generator is package loadtest. The published figures come from
// `stemma eval` (package bench), which runs the same load against the real
// `stemma serve` as a child process, whose memory is then its own; this
// benchmark is for profiling the server in one process.
func BenchmarkServeLoad(b *testing.B) {
	path := testdata.Path(b, "reuters-21578.jsonl.gz")
	clients := *loadClients
	if clients == 0 {
		clients = 4 * runtime.GOMAXPROCS(0)
	}
	ix, err := index.Open(b.TempDir(), index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	r, err := ingest.NewReader([]string{path}, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var all []string
	p, err := ix.Ingest(context.Background(), func() (stemma.Doc, bool) {
		rec, ok := r.Next()
		if ok {
			all = append(all, rec.Doc.Text)
		}
		return rec.Doc, ok
	}, nil)
	r.Close()
	if err != nil {
		b.Fatal(err)
	}
	// An even sample of the corpus, in corpus order.
	articles := make([]string, 0, *loadArticles)
	for i := range *loadArticles {
		articles = append(articles, all[i*len(all) / *loadArticles])
	}
	all = nil
	tr, err := trace.New(ix, trace.Options{})
	if err != nil {
		b.Fatal(err)
	}
	bk := backend.New(ix, tr)
	srv, err := server.New(bk, bk, server.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	base := startServer(b, srv)
	runtime.GC()

	b.ResetTimer()
	for range b.N {
		loadBefore := loadAvg()
		res, err := loadtest.Run(context.Background(), base, articles, loadtest.Options{
			Clients:  clients,
			Duration: *loadDuration,
			Baseline: *loadBaseline,
			PID:      os.Getpid(),
		})
		if err != nil {
			b.Fatal(err)
		}
		loadAfter := loadAvg()
		tr, health, mem := res.Trace, res.Health, res.RSS
		if tr.Errors > 0 || health.Errors > 0 {
			b.Errorf("%d errors in %d traces, %d in %d health checks; first: %s %s",
				tr.Errors, tr.Requests, health.Errors, health.Requests, tr.FirstError, health.FirstError)
		}
		tenth := max(1, len(mem)/10)
		early, late := mean(mem[:tenth]), mean(mem[len(mem)-tenth:])
		b.ReportMetric(tr.PerSecond(), "traces/s")
		b.ReportMetric(float64(tr.P50.Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(tr.P99.Microseconds())/1000, "p99-ms")
		b.ReportMetric(float64(tr.Errors), "errors")
		b.ReportMetric(health.PerSecond(), "healthz/s")
		b.ReportMetric(slices.Max(mem), "max-rss-MB")
		c := ix.Counts()
		b.Logf("index: %d stories (%d stored, %d exact duplicates); %d articles sampled; %d clients; GOMAXPROCS %d",
			p.Read, c.Docs, c.Duplicates, len(articles), clients, runtime.GOMAXPROCS(0))
		b.Logf("| run | duration | requests | per second | p50 | p99 | max | errors |")
		b.Logf("|---|---|---|---|---|---|---|---|")
		for _, row := range []struct {
			name string
			r    loadtest.Phase
		}{{"GET /healthz (baseline)", health}, {"POST /api/trace", tr}} {
			b.Logf("| %s | %s | %d | %.0f | %s | %s | %s | %d |", row.name, row.r.Elapsed.Round(time.Second), row.r.Requests,
				row.r.PerSecond(), ms(row.r.P50), ms(row.r.P99), ms(row.r.Max), row.r.Errors)
		}
		b.Logf("machine load average (1 min) before %s, after %s: other processes share the CPUs", loadBefore, loadAfter)
		b.Logf("RSS of the process during the trace run (MB, every 1s): first tenth %.0f, last tenth %.0f, min %.0f, max %.0f; samples %s",
			early, late, slices.Min(mem), slices.Max(mem), samples(mem))
	}
}

// loadAvg returns the 1-minute load average of the machine, or "?".
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64) + " ms"
}

func samples(xs []float64) string {
	var b bytes.Buffer
	for i, x := range xs {
		if i%5 == 0 {
			if i > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(&b, "%.0f", x)
		}
	}
	return b.String()
}

// TestServeLoadQuick runs the load generator for two seconds against the
// example corpus: every request succeeds, and the server keeps answering
// its health check.
func TestServeLoadQuick(t *testing.T) {
	if testing.Short() {
		t.Skip("a 2-second load run")
	}
	ts, _ := newExampleServer(t, server.Options{})
	articles := append([]string{examples.Article}, strings.Split(examples.Article, "\n\n")...)
	res, err := loadtest.Run(context.Background(), ts.URL, articles, loadtest.Options{Clients: 8, Duration: 2 * time.Second, Baseline: -1})
	if err != nil {
		t.Fatal(err)
	}
	if tr := res.Trace; tr.Errors > 0 || tr.Requests == 0 {
		t.Errorf("%d errors in %d requests; first: %s", tr.Errors, tr.Requests, tr.FirstError)
	} else {
		t.Logf("%d traces in %s: %.0f/s, p50 %s, p99 %s", tr.Requests, tr.Elapsed.Round(time.Millisecond), tr.PerSecond(), ms(tr.P50), ms(tr.P99))
	}
}
