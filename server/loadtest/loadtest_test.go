package loadtest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stemmanews/stemma/server/loadtest"
)

// fakeServer answers /healthz and /api/trace like stemma's server, and
// records the articles posted to it.
type fakeServer struct {
	mu     sync.Mutex
	posted map[string]int
	health atomic.Int64
	// fail, when set, answers every trace with this status.
	fail int
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == "GET" && r.URL.Path == "/healthz":
		f.health.Add(1)
		io.WriteString(w, "ok\n")
	case r.Method == "POST" && r.URL.Path == "/api/trace":
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
			http.Error(w, "content type "+ct, http.StatusUnsupportedMediaType)
			return
		}
		b, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.posted[string(b)]++
		f.mu.Unlock()
		if f.fail != 0 {
			http.Error(w, "busy", f.fail)
			return
		}
		time.Sleep(time.Millisecond) // a trace takes time
		io.WriteString(w, `{"passages":[]}`)
	default:
		http.NotFound(w, r)
	}
}

func newFake(t *testing.T, fail int) (*fakeServer, string) {
	f := &fakeServer{posted: map[string]int{}, fail: fail}
	ts := httptest.NewServer(f)
	t.Cleanup(ts.Close)
	return f, ts.URL
}

func TestRun(t *testing.T) {
	f, url := newFake(t, 0)
	articles := []string{"one", "two", "three", "four", "five", "six", "seven", "eight"}
	res, err := loadtest.Run(context.Background(), url, articles, loadtest.Options{
		Clients:     4,
		Duration:    300 * time.Millisecond,
		Baseline:    100 * time.Millisecond,
		PID:         os.Getpid(),
		SampleEvery: 100 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	tr, h := res.Trace, res.Health
	if res.Clients != 4 || tr.Requests == 0 || tr.Errors != 0 || h.Requests == 0 || h.Errors != 0 {
		t.Fatalf("result %+v: want 4 clients, traces and health checks, no errors", res)
	}
	if int64(h.Requests) != f.health.Load() {
		t.Errorf("counted %d health checks, the server answered %d", h.Requests, f.health.Load())
	}
	total := 0
	for _, a := range articles {
		total += f.posted[a]
		if f.posted[a] == 0 && tr.Requests >= len(articles) {
			t.Errorf("article %q never posted in %d traces", a, tr.Requests)
		}
	}
	if total != tr.Requests || len(f.posted) != len(articles) {
		t.Errorf("the server got %d traces of %d texts, Run counted %d of %d articles", total, len(f.posted), tr.Requests, len(articles))
	}
	if tr.Elapsed < 300*time.Millisecond || tr.P50 <= 0 || tr.P50 > tr.P99 || tr.P99 > tr.Max || tr.PerSecond() <= 0 {
		t.Errorf("trace phase %+v: want at least 300ms and ordered percentiles", tr)
	}
	// A sample at the start, one every 100ms and one at the end.
	if len(res.RSS) < 3 {
		t.Errorf("%d memory samples in 300ms, want at least 3", len(res.RSS))
	}
	for _, mb := range res.RSS {
		if mb <= 1 {
			t.Errorf("resident set of the test process %.1f MB, want more than 1", mb)
		}
	}
}

func TestRunCountsErrors(t *testing.T) {
	_, url := newFake(t, http.StatusServiceUnavailable)
	res, err := loadtest.Run(context.Background(), url, []string{"a story"}, loadtest.Options{
		Clients:  2,
		Duration: 50 * time.Millisecond,
		Baseline: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Health.Requests != 0 {
		t.Errorf("%d health checks with no baseline", res.Health.Requests)
	}
	if res.Trace.Requests == 0 || res.Trace.Errors != res.Trace.Requests || !strings.Contains(res.Trace.FirstError, "POST /api/trace: status 503") {
		t.Errorf("trace phase %+v: want every request counted as an error, the first described", res.Trace)
	}
	if res.RSS != nil {
		t.Errorf("memory sampled with no PID: %v", res.RSS)
	}
}

func TestRunCancelled(t *testing.T) {
	_, url := newFake(t, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	res, err := loadtest.Run(ctx, url, []string{"a story"}, loadtest.Options{Clients: 2, Duration: time.Minute, Baseline: -1})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the context's", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Run took %s after its context ended", d)
	}
	if res.Trace.Errors != 0 {
		t.Errorf("%d errors: requests cut short by the context count as errors (%s)", res.Trace.Errors, res.Trace.FirstError)
	}
}

func TestRunBadArguments(t *testing.T) {
	_, url := newFake(t, 0)
	for _, tc := range []struct {
		name     string
		url      string
		articles []string
		opts     loadtest.Options
		want     string
	}{
		{"no articles", url, nil, loadtest.Options{}, "no articles"},
		{"no scheme", "localhost:8080", []string{"a"}, loadtest.Options{}, "want http://host:port"},
		{"bad address", "http://[::1", []string{"a"}, loadtest.Options{}, "server address"},
		{"negative clients", url, []string{"a"}, loadtest.Options{Clients: -1}, "clients -1"},
		{"negative duration", url, []string{"a"}, loadtest.Options{Duration: -time.Second}, "duration -1s"},
		{"no such process", url, []string{"a"}, loadtest.Options{Clients: 1, Duration: time.Millisecond, Baseline: -1, PID: 1 << 30}, "memory of process"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadtest.Run(context.Background(), tc.url, tc.articles, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "loadtest: ") {
				t.Errorf("err = %v, want loadtest: …%s…", err, tc.want)
			}
		})
	}
}

func TestResidentMB(t *testing.T) {
	mb, err := loadtest.ResidentMB(os.Getpid())
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	if mb < 1 || mb > 1<<20 {
		t.Errorf("resident set of the test process: %.1f MB", mb)
	}
}

// A load run against a server on a loopback port, sampling the memory of
// the server's process (here, this one).
func ExampleRun() {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "{}") // stands in for `stemma serve`
	}))
	defer ts.Close()
	articles := []string{"LONDON, March 3 - Cocoa prices rose ...", "NEW YORK, March 3 - ..."}
	res, err := loadtest.Run(context.Background(), ts.URL, articles, loadtest.Options{
		Clients:  4,
		Duration: 200 * time.Millisecond,
		Baseline: 100 * time.Millisecond,
		PID:      os.Getpid(),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Trace.Requests > 0, res.Trace.Errors, res.Health.Requests > 0, len(res.RSS))
	// Output: true 0 true 2
}
