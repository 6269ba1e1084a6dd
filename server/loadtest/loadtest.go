// Package loadtest measures a running stemma server (package server,
// `stemma serve`) under load: concurrent clients POST articles to
// /api/trace as fast as it answers, and the same clients first hit
// /healthz, the server's floor (HTTP, routing, logging and metrics with no
// work behind them), so both figures come from one run on one machine.
//
// # Use
//
//	res, err := loadtest.Run(ctx, "http://127.0.0.1:8080", articles, loadtest.Options{
//		Clients:  8,
//		Duration: time.Minute,
//		PID:      cmd.Process.Pid, // the server, when it is a child process
//	})
//	fmt.Printf("%.0f traces/s, p99 %s, %d errors\n", res.Trace.PerSecond(), res.Trace.P99, res.Trace.Errors)
//
// Each client sends its next request as soon as the previous one is
// answered and its body read, so the clients are the only queue: the
// throughput is what the server sustains with that many requests
// outstanding. A request that fails or is answered with any status but 200
// is counted in [Phase.Errors], not returned as an error: Run returns an
// error only for bad arguments, a cancelled context, or a server process
// whose memory can no longer be read.
//
// When [Options.PID] names the server's process, Run samples its resident
// set size (VmRSS in /proc/PID/status, so Linux only) every
// [Options.SampleEvery] while the traces run, from their start to their
// end.
//
// # Concurrency and cost
//
// Run is safe for concurrent use, though two runs against one server
// measure each other. It keeps one latency per request (8 bytes), and runs
// Clients goroutines and their connections; the load it generates costs
// CPU on the same machine, which is part of what a loopback measurement
// measures.
package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults of [Options].
const (
	DefaultDuration    = 60 * time.Second
	DefaultBaseline    = 10 * time.Second
	DefaultSampleEvery = time.Second
)

// Options configure a load run. The zero value sends traces from 4 ×
// GOMAXPROCS clients for a minute, after a 10-second /healthz baseline,
// and samples no memory.
type Options struct {
	// Clients is the number of concurrent clients (default 4 ×
	// GOMAXPROCS).
	Clients int
	// Duration is how long the clients POST articles to /api/trace
	// (default [DefaultDuration]).
	Duration time.Duration
	// Baseline is how long the clients GET /healthz before the traces
	// (default [DefaultBaseline]; negative: no baseline).
	Baseline time.Duration
	// PID is the server's process, whose resident set size is sampled
	// while the traces run; 0 samples nothing.
	PID int
	// SampleEvery is the interval between memory samples (default
	// [DefaultSampleEvery]).
	SampleEvery time.Duration
}

// EnsureDefaults fills zero fields.
func (o *Options) EnsureDefaults() {
	if o.Clients == 0 {
		o.Clients = 4 * runtime.GOMAXPROCS(0)
	}
	if o.Duration == 0 {
		o.Duration = DefaultDuration
	}
	if o.Baseline == 0 {
		o.Baseline = DefaultBaseline
	}
	if o.SampleEvery == 0 {
		o.SampleEvery = DefaultSampleEvery
	}
}

// Validate reports options that cannot be run.
func (o Options) Validate() error {
	switch {
	case o.Clients < 0:
		return fmt.Errorf("loadtest: clients %d: want 0 (the default) or more", o.Clients)
	case o.Duration < 0:
		return fmt.Errorf("loadtest: duration %s: want 0 (the default) or more", o.Duration)
	case o.PID < 0:
		return fmt.Errorf("loadtest: pid %d: want a process id, or 0 to sample no memory", o.PID)
	case o.SampleEvery < 0:
		return fmt.Errorf("loadtest: sample interval %s: want 0 (the default) or more", o.SampleEvery)
	}
	return nil
}

// Phase is what one kind of request measured: the same clients sending
// it back to back for a fixed time.
type Phase struct {
	Requests int
	// Errors counts requests that failed or were answered with a status
	// other than 200; FirstError describes the first of them.
	Errors     int
	FirstError string
	// Elapsed runs from the first request sent to the last answered.
	Elapsed time.Duration
	// Latency percentiles over every request, from sending it to reading
	// the last byte of its answer.
	P50, P99, Max time.Duration
}

// PerSecond is the throughput: requests answered per second.
func (p Phase) PerSecond() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Requests) / p.Elapsed.Seconds()
}

// Result is what a load run measured.
type Result struct {
	Clients int
	// Health is the /healthz baseline, zero when there was none.
	Health Phase
	// Trace is POST /api/trace.
	Trace Phase
	// RSS holds the server's resident set size in MB, sampled every
	// Options.SampleEvery from the start of the traces, and once more at
	// their end; nil when Options.PID is 0.
	RSS []float64
}

// Run drives the server at baseURL (such as "http://127.0.0.1:8080"):
// the /healthz baseline, then the traces. Client c starts at article
// c × len(articles) / Clients and posts the articles in order from there,
// as text/plain, wrapping around.
func Run(ctx context.Context, baseURL string, articles []string, opts Options) (Result, error) {
	if err := opts.Validate(); err != nil {
		return Result{}, err
	}
	opts.EnsureDefaults()
	if len(articles) == 0 {
		return Result{}, errors.New("loadtest: no articles to trace")
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return Result{}, fmt.Errorf("loadtest: server address: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return Result{}, fmt.Errorf("loadtest: server address %q: want http://host:port", baseURL)
	}
	base := strings.TrimSuffix(baseURL, "/")
	tr := &http.Transport{
		MaxIdleConns:        opts.Clients,
		MaxIdleConnsPerHost: opts.Clients,
		MaxConnsPerHost:     opts.Clients,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	res := Result{Clients: opts.Clients}

	if opts.Baseline > 0 {
		res.Health = phase(ctx, client, opts.Clients, opts.Baseline, func(c, i int) (*http.Request, error) {
			return http.NewRequestWithContext(ctx, "GET", base+"/healthz", nil)
		})
		if err := ctx.Err(); err != nil {
			return res, err
		}
	}

	var mem *sampler
	if opts.PID != 0 {
		if mem, err = startSampler(opts.PID, opts.SampleEvery); err != nil {
			return res, err
		}
	}
	n := len(articles)
	res.Trace = phase(ctx, client, opts.Clients, opts.Duration, func(c, i int) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, "POST", base+"/api/trace", strings.NewReader(articles[(c*n/opts.Clients+i)%n]))
		if err == nil {
			req.Header.Set("Content-Type", "text/plain; charset=utf-8")
		}
		return req, err
	})
	if mem != nil {
		if res.RSS, err = mem.finish(); err != nil {
			return res, err
		}
	}
	return res, ctx.Err()
}

// phase sends requests from clients goroutines, each as soon as the
// previous one is answered, for dur. next(c, i) makes client c's i-th
// request.
func phase(ctx context.Context, client *http.Client, clients int, dur time.Duration, next func(c, i int) (*http.Request, error)) Phase {
	var (
		mu  sync.Mutex
		res Phase
		lat []time.Duration
		wg  sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(dur)
	for c := range clients {
		wg.Go(func() {
			var mine []time.Duration
			errs, first := 0, ""
			for i := 0; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				t0 := time.Now()
				req, err := next(c, i)
				if err == nil {
					err = do(client, req)
				}
				if ctx.Err() != nil {
					break // cancelled, not failed
				}
				mine = append(mine, time.Since(t0))
				if err != nil {
					errs++
					if first == "" {
						first = err.Error()
					}
				}
			}
			mu.Lock()
			defer mu.Unlock()
			lat = append(lat, mine...)
			res.Errors += errs
			if res.FirstError == "" {
				res.FirstError = first
			}
		})
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

// do sends req and reads the whole answer, which must be a 200.
func do(client *http.Client, req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return fmt.Errorf("%s %s: reading the answer: %w", req.Method, req.URL.Path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: status %d", req.Method, req.URL.Path, resp.StatusCode)
	}
	return nil
}

// ResidentMB returns the resident set size of process pid in MB (2²⁰
// bytes), read from VmRSS in /proc/PID/status.
func ResidentMB(pid int) (float64, error) { return statusMB(pid, "VmRSS") }

// PeakResidentMB returns the peak resident set size of process pid so
// far, in MB, read from VmHWM in /proc/PID/status. Unlike the ru_maxrss of
// a child reaped by wait4, it counts only the program the process runs
// now: Linux carries the parent's resident set over a fork and exec into
// the child's ru_maxrss.
func PeakResidentMB(pid int) (float64, error) { return statusMB(pid, "VmHWM") }

// statusMB reads a "Field: N kB" line of /proc/PID/status, in MB.
func statusMB(pid int, field string) (float64, error) {
	path := "/proc/" + strconv.Itoa(pid) + "/status"
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("loadtest: memory of process %d: %w", pid, err)
	}
	for line := range strings.Lines(string(b)) {
		v, ok := strings.CutPrefix(line, field+":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) != 2 || f[1] != "kB" {
			break
		}
		kb, err := strconv.ParseFloat(f[0], 64)
		if err != nil {
			return 0, fmt.Errorf("loadtest: %s: %s %q: %w", path, field, v, err)
		}
		return kb / 1024, nil
	}
	return 0, fmt.Errorf("loadtest: %s has no %s line in kB", path, field)
}

// sampler samples a process's resident set size in the background.
type sampler struct {
	pid     int
	samples []float64
	err     error
	stop    chan struct{}
	done    chan struct{}
}

// startSampler takes the first sample at once, so that a wrong PID fails
// before any load is sent, then one every interval.
func startSampler(pid int, every time.Duration) (*sampler, error) {
	mb, err := ResidentMB(pid)
	if err != nil {
		return nil, err
	}
	s := &sampler{pid: pid, samples: []float64{mb}, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-s.stop:
				return
			case <-t.C:
			}
			mb, err := ResidentMB(s.pid)
			if err != nil {
				s.err = err
				return
			}
			s.samples = append(s.samples, mb)
		}
	}()
	return s, nil
}

// finish stops sampling, takes the last sample and returns them all.
func (s *sampler) finish() ([]float64, error) {
	close(s.stop)
	<-s.done
	if s.err != nil {
		return s.samples, s.err
	}
	mb, err := ResidentMB(s.pid)
	if err != nil {
		return s.samples, err
	}
	return append(s.samples, mb), nil
}
