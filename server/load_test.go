package server_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/examples"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/server"
	"github.com/stemmanews/stemma/server/backend"
	"github.com/stemmanews/stemma/trace"
)

var (
	loadDuration = flag.Duration("load.duration", 60*time.Second, "how long BenchmarkServeLoad sends trace requests")
	loadBaseline = flag.Duration("load.baseline", 10*time.Second, "how long BenchmarkServeLoad sends /healthz requests, the baseline")
	loadClients  = flag.Int("load.clients", 0, "concurrent clients of BenchmarkServeLoad (default 4 × GOMAXPROCS)")
	loadArticles = flag.Int("load.articles", 2000, "articles sampled from the corpus for BenchmarkServeLoad")
)

// loadResult is what a load run measured.
type loadResult struct {
	Requests int
	Errors   int
	Elapsed  time.Duration
	P50, P99 time.Duration
	Max      time.Duration
	// FirstError describes the first failure, if any.
	FirstError string
}

func (r loadResult) PerSecond() float64 { return float64(r.Requests) / r.Elapsed.Seconds() }

// runLoad sends requests from clients goroutines, each as soon as the
// previous answered, for dur. next(i) makes the i-th request of a client.
func runLoad(client *http.Client, clients int, dur time.Duration, next func(client, i int) *http.Request) loadResult {
	var mu sync.Mutex
	var res loadResult
	var lat []time.Duration
	start := time.Now()
	deadline := start.Add(dur)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			errs := 0
			first := ""
			for i := 0; time.Now().Before(deadline); i++ {
				req := next(c, i)
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				mine = append(mine, time.Since(t0))
				if err != nil {
					errs++
					if first == "" {
						first = fmt.Sprintf("%s %s: %v", req.Method, req.URL.Path, err)
					}
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			res.Errors += errs
			if res.FirstError == "" {
				res.FirstError = first
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Requests = len(lat)
	slices.Sort(lat)
	if n := len(lat); n > 0 {
		res.P50, res.P99, res.Max = lat[n/2], lat[min(n-1, n*99/100)], lat[n-1]
	}
	return res
}

// rssSampler samples the resident set size of this process every second.
type rssSampler struct {
	mu      sync.Mutex
	samples []float64 // MB
	stop    chan struct{}
	done    chan struct{}
}

func rssMB() float64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseFloat(f[1], 64)
	return pages * float64(os.Getpagesize()) / (1 << 20)
}

func startRSS() *rssSampler {
	s := &rssSampler{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			s.mu.Lock()
			s.samples = append(s.samples, rssMB())
			s.mu.Unlock()
			select {
			case <-s.stop:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

// finish stops sampling and returns the samples.
func (s *rssSampler) finish() []float64 {
	close(s.stop)
	<-s.done
	return s.samples
}

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

func loadClient(clients int) *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
}

// traceRequests returns a request maker that POSTs the articles as text,
// each client starting at a different article.
func traceRequests(base string, articles []string, clients int) func(c, i int) *http.Request {
	return func(c, i int) *http.Request {
		a := articles[(c*len(articles)/clients+i)%len(articles)]
		req, _ := http.NewRequest("POST", base+"/api/trace", strings.NewReader(a))
		req.Header.Set("Content-Type", "text/plain; charset=utf-8")
		return req
	}
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
	client := loadClient(clients)
	runtime.GC()

	b.ResetTimer()
	for range b.N {
		loadBefore := loadAvg()
		health := runLoad(client, clients, *loadBaseline, func(c, i int) *http.Request {
			req, _ := http.NewRequest("GET", base+"/healthz", nil)
			return req
		})
		rss := startRSS()
		res := runLoad(client, clients, *loadDuration, traceRequests(base, articles, clients))
		mem := rss.finish()
		loadAfter := loadAvg()
		if res.Errors > 0 || health.Errors > 0 {
			b.Errorf("%d errors in %d traces, %d in %d health checks; first: %s %s",
				res.Errors, res.Requests, health.Errors, health.Requests, res.FirstError, health.FirstError)
		}
		tenth := max(1, len(mem)/10)
		early, late := mean(mem[:tenth]), mean(mem[len(mem)-tenth:])
		b.ReportMetric(res.PerSecond(), "traces/s")
		b.ReportMetric(float64(res.P50.Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(res.P99.Microseconds())/1000, "p99-ms")
		b.ReportMetric(float64(res.Errors), "errors")
		b.ReportMetric(health.PerSecond(), "healthz/s")
		b.ReportMetric(slices.Max(mem), "max-rss-MB")
		c := ix.Counts()
		b.Logf("index: %d stories (%d stored, %d exact duplicates); %d articles sampled; %d clients; GOMAXPROCS %d",
			p.Read, c.Docs, c.Duplicates, len(articles), clients, runtime.GOMAXPROCS(0))
		b.Logf("| run | duration | requests | per second | p50 | p99 | max | errors |")
		b.Logf("|---|---|---|---|---|---|---|---|")
		for _, row := range []struct {
			name string
			r    loadResult
		}{{"GET /healthz (baseline)", health}, {"POST /api/trace", res}} {
			b.Logf("| %s | %s | %d | %.0f | %s | %s | %s | %d |", row.name, row.r.Elapsed.Round(time.Second), row.r.Requests,
				row.r.PerSecond(), ms(row.r.P50), ms(row.r.P99), ms(row.r.Max), row.r.Errors)
		}
		b.Logf("machine load average (1 min) before %s, after %s: other processes share the CPUs", loadBefore, loadAfter)
		b.Logf("RSS during the trace run (MB, every 1s): first tenth %.0f, last tenth %.0f, min %.0f, max %.0f; samples %s",
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
	res := runLoad(loadClient(8), 8, 2*time.Second, traceRequests(ts.URL, articles, 8))
	if res.Errors > 0 || res.Requests == 0 {
		t.Errorf("%d errors in %d requests; first: %s", res.Errors, res.Requests, res.FirstError)
	}
	t.Logf("%d traces in %s: %.0f/s, p50 %s, p99 %s", res.Requests, res.Elapsed.Round(time.Millisecond), res.PerSecond(), ms(res.P50), ms(res.P99))
}
