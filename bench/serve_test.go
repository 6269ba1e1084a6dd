package bench

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stemmanews/stemma/internal/testdata"
)

// checkServe checks the serve suite of a quick run and its section of the
// page: both client counts ran, every request was answered 200, and, when
// the server was a child, its memory was sampled from start to end.
func checkServe(t *testing.T, s *ServeResult, md string, child bool) {
	t.Helper()
	if s == nil {
		t.Fatal("no serve suite")
	}
	if s.Child != child || s.Docs == 0 || s.Articles == 0 || len(s.Runs) != len(serveClients) {
		t.Fatalf("serve suite: %+v, want child %v, %d runs", s, child, len(serveClients))
	}
	for i, r := range s.Runs {
		if r.Clients != serveClients[i] || r.Traces == 0 || r.TracesPerSec <= 0 || r.P50ms <= 0 || r.P50ms > r.P99ms || r.Healthz == 0 || r.HealthzPerSec <= 0 {
			t.Errorf("serve run %d: %+v, want %d clients, traces and health checks", i, r, serveClients[i])
		}
		if r.Errors != 0 || r.HealthzErrors != 0 {
			t.Errorf("serve run with %d clients: %d trace and %d /healthz errors; first: %s", r.Clients, r.Errors, r.HealthzErrors, r.FirstError)
		}
		// A sample at the start, one a second, one at the end.
		if got, want := len(r.RSSMB), int(s.TraceSeconds); child && (got < want || r.RSSStartMB <= 0 || r.RSSEndMB <= 0 || r.RSSPeakMB < r.RSSEndMB) {
			t.Errorf("serve run with %d clients: RSS %v, want at least %d samples of the child", r.Clients, r.RSSMB, want)
		} else if !child && got != 0 {
			t.Errorf("serve run in process: RSS %v, want none (not the server's own)", r.RSSMB)
		}
	}
	if child && s.IdleRSSMB <= 0 {
		t.Errorf("the child's idle RSS is %.1f MB", s.IdleRSSMB)
	}
	for _, want := range []string{"## Speed: the HTTP server under load", "| clients | traces | traces/s | p50 ms | p99 ms |", "| 4 | ", "| 8 | "} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

// TestServeSuiteChild runs the quick serve suite against the real
// `stemma serve`, built for the test, as `stemma eval` does.
func TestServeSuiteChild(t *testing.T) {
	skipUnderRace(t)
	if testing.Short() {
		t.Skip("builds stemma and loads it for 15 s")
	}
	docs, err := loadCorpus(filepath.Join(testdata.Dir(t), "reuters-21578.jsonl.gz"), 3000)
	if err != nil {
		t.Fatal(err)
	}
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build stemma: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "stemma")
	if out, err := exec.Command(gocmd, "build", "-o", bin, "../cmd/stemma").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	s, err := serveSuite(context.Background(), Options{Quick: true, Binary: bin}, docs)
	if err != nil {
		t.Fatal(err)
	}
	var md strings.Builder
	(&Results{Serve: s}).Markdown(&md)
	checkServe(t, s, md.String(), true)
	t.Logf("\n%s", md.String()[strings.Index(md.String(), "## Speed: the HTTP"):])
}
