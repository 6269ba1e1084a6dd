package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/server"
	"github.com/stemmanews/stemma/server/backend"
	"github.com/stemmanews/stemma/server/loadtest"
	"github.com/stemmanews/stemma/trace"
)

// ServeResult is `stemma serve` under load: concurrent clients POST
// Reuters stories to /api/trace over loopback (package loadtest), after
// the same clients hit /healthz, the server's floor, in the same run.
type ServeResult struct {
	Corpus string `json:"corpus"`
	// Docs is the number of stories indexed; Articles the number of them,
	// spread evenly over the corpus, that the clients post.
	Docs     int `json:"docs"`
	Articles int `json:"articles"`
	// Child is true when the server ran as a child process (`stemma
	// serve`, Options.Binary), whose resident memory is measured. When
	// false it ran in the harness's own process and no memory figure is
	// its own.
	Child bool `json:"child"`
	// MaxConcurrent is the server's default limit of requests working at
	// once on this machine (2 × GOMAXPROCS); the others wait for a slot.
	MaxConcurrent int `json:"max_concurrent"`
	// IdleRSSMB is the child's resident memory once it listens, before any
	// request.
	IdleRSSMB float64 `json:"idle_rss_mb,omitempty"`
	// WarmupSeconds of traces, not counted, precede the first run, so that
	// every run starts with the caches as a running server has them.
	WarmupSeconds   float64    `json:"warmup_seconds"`
	BaselineSeconds float64    `json:"baseline_seconds"`
	TraceSeconds    float64    `json:"trace_seconds"`
	Runs            []ServeRun `json:"runs"`
	Seconds         float64    `json:"seconds"`
}

// ServeRun is one load run at a number of clients.
type ServeRun struct {
	Clients      int     `json:"clients"`
	Traces       int     `json:"traces"`
	TracesPerSec float64 `json:"traces_per_sec"`
	P50ms        float64 `json:"p50_ms"`
	P99ms        float64 `json:"p99_ms"`
	MaxMs        float64 `json:"max_ms"`
	// Errors counts traces that failed or were answered other than 200.
	Errors     int    `json:"errors"`
	FirstError string `json:"first_error,omitempty"`
	// The /healthz baseline, by the same clients just before the traces.
	Healthz       int     `json:"healthz"`
	HealthzPerSec float64 `json:"healthz_per_sec"`
	HealthzP99ms  float64 `json:"healthz_p99_ms"`
	HealthzErrors int     `json:"healthz_errors"`
	// The child's resident memory during the traces, sampled every second
	// from their start to their end (RSSMB); empty in process. RSSStartMB
	// and RSSEndMB are the means of the first and the last tenth of the
	// samples under load, which leave out the one taken as the traces
	// begin, when the server has only been answering /healthz.
	RSSStartMB float64   `json:"rss_start_mb,omitempty"`
	RSSEndMB   float64   `json:"rss_end_mb,omitempty"`
	RSSPeakMB  float64   `json:"rss_peak_mb,omitempty"`
	RSSMB      []float64 `json:"rss_mb,omitempty"`
}

// serveClients are the client counts of the serve suite: as many as the
// server works on at once on a 2-CPU machine, and twice that.
var serveClients = []int{4, 8}

// serveSuite indexes docs, starts the server on a free loopback port
// (`stemma serve` as a child process when opts.Binary is set, else in
// process) and runs the load at each of serveClients: traces for 60 s
// (quick: 5 s) after 10 s (quick: 1 s) of /healthz.
func serveSuite(ctx context.Context, opts Options, docs []stemma.Doc) (*ServeResult, error) {
	start := time.Now()
	res := &ServeResult{
		Corpus:          "Reuters-21578",
		Docs:            len(docs),
		Child:           opts.Binary != "",
		MaxConcurrent:   2 * runtime.GOMAXPROCS(0),
		WarmupSeconds:   10,
		BaselineSeconds: 10,
		TraceSeconds:    60,
	}
	if opts.Quick {
		res.Corpus = fmt.Sprintf("Reuters-21578, first %d", len(docs))
		res.WarmupSeconds, res.BaselineSeconds, res.TraceSeconds = 1, 1, 5
	}
	sample := sampleDocs(docs, min(2000, len(docs)))
	articles := make([]string, len(sample))
	for i, d := range sample {
		articles[i] = d.Text
	}
	res.Articles = len(articles)

	work, err := os.MkdirTemp("", "stemma-serve-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	db := filepath.Join(work, "db")
	var srv *serving
	if opts.Binary != "" {
		corpus := filepath.Join(work, "corpus.jsonl")
		if err := writeJSONL(corpus, docs); err != nil {
			return nil, err
		}
		if out, err := exec.CommandContext(ctx, opts.Binary, "index", "--quiet", "--db", db, corpus).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("stemma index: %w: %s", err, out)
		}
		srv, err = startChild(ctx, opts.Binary, db, filepath.Join(work, "serve.log"))
	} else {
		if err := indexInProcess(ctx, db, newScaler(docs), len(docs), false); err != nil {
			return nil, err
		}
		srv, err = startInProcess(ctx, db, server.Options{})
	}
	if err != nil {
		return nil, err
	}
	defer srv.stop()

	if srv.pid != 0 {
		if res.IdleRSSMB, err = loadtest.ResidentMB(srv.pid); err != nil {
			return nil, srv.failed(err)
		}
	}
	sec := func(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
	warm, err := loadtest.Run(ctx, srv.url, articles, loadtest.Options{Clients: serveClients[0], Duration: sec(res.WarmupSeconds), Baseline: -1})
	if err != nil {
		return nil, srv.failed(err)
	}
	if warm.Trace.Errors > 0 {
		return nil, srv.failed(fmt.Errorf("warm-up: %d of %d traces failed, the first: %s", warm.Trace.Errors, warm.Trace.Requests, warm.Trace.FirstError))
	}
	for _, clients := range serveClients {
		lr, err := loadtest.Run(ctx, srv.url, articles, loadtest.Options{
			Clients:  clients,
			Duration: sec(res.TraceSeconds),
			Baseline: sec(res.BaselineSeconds),
			PID:      srv.pid,
		})
		if err != nil {
			return nil, srv.failed(fmt.Errorf("%d clients: %w", clients, err))
		}
		ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
		run := ServeRun{
			Clients:       clients,
			Traces:        lr.Trace.Requests,
			TracesPerSec:  lr.Trace.PerSecond(),
			P50ms:         ms(lr.Trace.P50),
			P99ms:         ms(lr.Trace.P99),
			MaxMs:         ms(lr.Trace.Max),
			Errors:        lr.Trace.Errors,
			FirstError:    lr.Trace.FirstError,
			Healthz:       lr.Health.Requests,
			HealthzPerSec: lr.Health.PerSecond(),
			HealthzP99ms:  ms(lr.Health.P99),
			HealthzErrors: lr.Health.Errors,
			RSSMB:         lr.RSS,
		}
		if len(lr.RSS) > 1 {
			loaded := lr.RSS[1:]
			tenth := max(1, len(loaded)/10)
			run.RSSStartMB, run.RSSEndMB = mean(loaded[:tenth]), mean(loaded[len(loaded)-tenth:])
			run.RSSPeakMB = slices.Max(lr.RSS)
		}
		if run.FirstError == "" && lr.Health.FirstError != "" {
			run.FirstError = lr.Health.FirstError
		}
		res.Runs = append(res.Runs, run)
	}
	if err := srv.stop(); err != nil {
		return nil, err
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

func mean(xs []float64) float64 {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// serving is a running server: its URL, and its process when it is a
// child.
type serving struct {
	url     string
	pid     int    // 0 in process
	log     string // the child's stderr, its request log
	stop    func() error
	stopped bool
}

// failed adds the end of the child's log to err.
func (s *serving) failed(err error) error {
	if s.log == "" {
		return err
	}
	b, rerr := os.ReadFile(s.log)
	if rerr != nil || len(b) == 0 {
		return err
	}
	return fmt.Errorf("%w; the end of stemma serve's log:\n%s", err, b[max(0, len(b)-2000):])
}

// servingLine is what `stemma serve` prints once it listens.
var servingLine = regexp.MustCompile(`serving (http://127\.0\.0\.1:[0-9]+)/`)

// startChild runs `stemma serve` on a free loopback port over the index
// at db, read-only, with its request log in logPath, and waits until it
// listens.
func startChild(ctx context.Context, binary, db, logPath string) (*serving, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close() // the child holds its own descriptor
	cmd := exec.Command(binary, "serve", "--db", db, "--addr", "127.0.0.1:0")
	// A token in the environment would open the index for writing.
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "STEMMA_TOKEN=") })
	cmd.Stderr = logFile
	line := &firstLine{ready: make(chan string, 1)}
	cmd.Stdout = line
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("stemma serve: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	s := &serving{pid: cmd.Process.Pid, log: logPath}
	var waitErr error
	s.stop = func() error {
		if s.stopped {
			return waitErr
		}
		s.stopped = true
		cmd.Process.Signal(syscall.SIGTERM) // graceful shutdown
		select {
		case waitErr = <-exited:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			<-exited
			waitErr = errors.New("did not stop within 20 s of SIGTERM")
		}
		if waitErr != nil {
			waitErr = s.failed(fmt.Errorf("stemma serve: stopping: %w", waitErr))
		}
		return waitErr
	}
	select {
	case l := <-line.ready:
		m := servingLine.FindStringSubmatch(l)
		if m == nil {
			s.stop()
			return nil, s.failed(fmt.Errorf("stemma serve printed %q, want the address it serves on", l))
		}
		s.url = m[1]
		return s, nil
	case err := <-exited:
		s.stopped, waitErr = true, err
		return nil, s.failed(fmt.Errorf("stemma serve exited before listening: %w", err))
	case <-time.After(time.Minute):
		s.stop()
		return nil, s.failed(errors.New("stemma serve did not listen within a minute"))
	case <-ctx.Done():
		s.stop()
		return nil, ctx.Err()
	}
}

// firstLine is the child's stdout: it sends the first line on ready and
// discards the rest. exec.Cmd writes to it from one goroutine.
type firstLine struct {
	buf   []byte
	ready chan string
	sent  bool
}

func (w *firstLine) Write(p []byte) (int, error) {
	if !w.sent {
		w.buf = append(w.buf, p...)
		if i := slices.Index(w.buf, '\n'); i >= 0 {
			w.ready <- string(w.buf[:i])
			w.sent, w.buf = true, nil
		}
	}
	return len(p), nil
}

// startInProcess serves the index at db from this process, as `stemma
// serve` does with the options so, request log included (discarded).
func startInProcess(ctx context.Context, db string, so server.Options) (*serving, error) {
	ix, err := index.Open(db, index.Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	tr, err := trace.New(ix, trace.Options{})
	if err != nil {
		ix.Close()
		return nil, err
	}
	b := backend.New(ix, tr)
	so.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := server.New(b, b, so)
	if err != nil {
		ix.Close()
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		ix.Close()
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	s := &serving{url: "http://" + ln.Addr().String()}
	var stopErr error
	s.stop = func() error {
		if !s.stopped {
			s.stopped = true
			cancel()
			stopErr = <-done
			if err := ix.Close(); stopErr == nil {
				stopErr = err
			}
		}
		return stopErr
	}
	return s, nil
}

func (s *ServeResult) markdown(p func(format string, args ...any)) {
	p("## Speed: the HTTP server under load\n\n")
	if s.Child {
		p("`stemma serve` runs as a child process, ")
	} else {
		p("The server runs in the harness's process (no `--binary`, so no memory figure of its own), ")
	}
	p("bound to a free port on 127.0.0.1, over an index of %d stories (%s) built by `stemma index`, with its default options: at most %d requests work at once (2 × GOMAXPROCS), the others wait for a slot. ", s.Docs, s.Corpus, s.MaxConcurrent)
	p("A load generator in the harness (package `server/loadtest`) runs the clients over loopback: each POSTs one of %d stories spread over the corpus to `/api/trace` as `text/plain`, reads the whole JSON report and sends the next at once, for %.0f s. ", s.Articles, s.TraceSeconds)
	p("Just before, the same clients GET `/healthz` for %.0f s: the server's floor, the cost of HTTP, routing, request logging and metrics with nothing behind them. ", s.BaselineSeconds)
	p("%.0f s of traces, not counted, warm the server's caches before the first run. ", s.WarmupSeconds)
	p("The load generator shares the CPUs with the server, as any loopback measurement does.")
	if s.Child {
		p(" RSS is the child's resident set (VmRSS), sampled every second while the traces run: the table gives the mean of the first tenth of the samples under load (from 1 s in) and of the last tenth, which show whether memory keeps growing, and the peak. ")
		p("After starting, before any request, the child's RSS was %.0f MB.", s.IdleRSSMB)
	}
	p("\n\n")
	p("| clients | traces | traces/s | p50 ms | p99 ms | max ms | errors | RSS MB, first → last tenth (peak) | `/healthz`/s | `/healthz` p99 ms |\n")
	p("|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range s.Runs {
		rss := "—"
		if s.Child {
			rss = fmt.Sprintf("%.0f → %.0f (%.0f)", r.RSSStartMB, r.RSSEndMB, r.RSSPeakMB)
		}
		p("| %d | %d | %.0f | %.2f | %.2f | %.1f | %d | %s | %.0f | %.2f |\n",
			r.Clients, r.Traces, r.TracesPerSec, r.P50ms, r.P99ms, r.MaxMs, r.Errors+r.HealthzErrors, rss, r.HealthzPerSec, r.HealthzP99ms)
	}
	p("\n")
	for _, r := range s.Runs {
		if r.FirstError != "" {
			p("With %d clients, the first error: %s\n\n", r.Clients, clip(r.FirstError, 300))
		}
	}
	for _, r := range s.Runs {
		if r.Clients > s.MaxConcurrent {
			p("With %d clients, more than the %d slots, the extra requests wait in the server for a slot, and that wait is part of their latency. ", r.Clients, s.MaxConcurrent)
			break
		}
	}
	p("Errors count every request, traces and `/healthz`, that failed or was answered other than 200. ")
	p("`BenchmarkServeLoad` in package `server` runs the same load in one process, for profiling.\n\n")
}
