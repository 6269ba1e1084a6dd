package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/server"
	"github.com/stemmanews/stemma/trace"
)

// faultStories is how many Reuters stories TestDamagedIndex indexes: more
// than a megabyte of text, so that they are written as a table.
const faultStories = 3000

// TestDamagedIndex serves an index whose document table has bytes flipped
// in it: traces that need a damaged block get 500 saying the index is
// damaged, the others 200; every failure is counted in /metrics, and
// /healthz, ok before, turns 503 degraded after the first.
func TestDamagedIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	stories := indexStories(t, dir, faultStories)
	damageLargestTable(t, dir)
	ix, err := index.Open(dir, index.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	ts, _ := newServer(t, ix, server.Options{}, trace.Options{})

	code, _, body := call(t, "GET", ts.URL+"/healthz", "", nil)
	if code != 200 || !strings.Contains(string(body), `"status":"ok"`) {
		t.Fatalf("healthz before any damage is met: %d %s", code, body)
	}
	ok, damaged := 0, 0
	for i := 0; i < len(stories); i += len(stories) / 60 {
		code, _, body := call(t, "POST", ts.URL+"/api/trace", "text/plain", []byte(stories[i].Text))
		switch {
		case code == 200:
			ok++
		case code == 500 && strings.Contains(string(body), "the index is damaged"):
			damaged++
		default:
			t.Fatalf("trace of %s: %d %s", stories[i].ID, code, body)
		}
	}
	t.Logf("%d traces served, %d met the damage", ok, damaged)
	if ok == 0 || damaged == 0 {
		t.Fatalf("%d traces served and %d failed on damage; want some of each", ok, damaged)
	}
	code, _, body = call(t, "GET", ts.URL+"/healthz", "", nil)
	var h struct {
		Status  string `json:"status"`
		Damaged int64  `json:"damaged"`
	}
	if err := json.Unmarshal(body, &h); err != nil || code != 503 || h.Status != "degraded" || h.Damaged < int64(damaged) {
		t.Errorf("healthz after the damage: %d %s; want 503 degraded, at least %d", code, body, damaged)
	}
	_, _, body = call(t, "GET", ts.URL+"/metrics", "", nil)
	want := fmt.Sprintf("stemma_index_damaged_errors_total %d\n", damaged)
	if !strings.Contains(string(body), want) {
		t.Errorf("metrics lack %q", want)
	}
}

// indexStories indexes the first n Reuters stories into a new index at dir
// and returns them.
func indexStories(t *testing.T, dir string, n int) []stemma.Doc {
	t.Helper()
	r, err := ingest.NewReader([]string{testdata.Path(t, "reuters-21578.jsonl.gz")}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var docs []stemma.Doc
	for rec, ok := r.Next(); ok && len(docs) < n; rec, ok = r.Next() {
		docs = append(docs, rec.Doc)
	}
	ix, err := index.Open(dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	if _, err := ix.Ingest(context.Background(), func() (stemma.Doc, bool) {
		i++
		return docs[min(i, len(docs))-1], i <= len(docs)
	}, nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	return docs
}

// damageLargestTable flips a byte every 16 KB in the middle half of the
// largest table in dir, the documents' table.
func damageLargestTable(t *testing.T, dir string) {
	t.Helper()
	tables, _ := filepath.Glob(filepath.Join(dir, "*.sst"))
	var path string
	var size int64
	for _, p := range tables {
		if fi, err := os.Stat(p); err == nil && fi.Size() > size {
			path, size = p, fi.Size()
		}
	}
	if size < 1<<20 {
		t.Fatalf("largest table %q is %d bytes; want a document table over 1 MB", path, size)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) / 4; i < 3*len(b)/4; i += 16 << 10 {
		b[i] ^= 0xff
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSlowBodies: clients that trickle their bodies in, more of them than
// there are slots, hold no slot while they do: a normal trace sent while
// they trickle gets 200, and each slow client gets 408 once the body
// deadline has passed.
func TestSlowBodies(t *testing.T) {
	const slots, slow = 2, 6
	bodyTimeout := time.Second
	ts, _ := newExampleServer(t, server.Options{MaxConcurrent: slots, BodyTimeout: bodyTimeout, QueueTimeout: 200 * time.Millisecond})
	addr := strings.TrimPrefix(ts.URL, "http://")

	type result struct {
		code    int
		elapsed time.Duration
		err     error
	}
	results := make([]result, slow)
	var wg sync.WaitGroup
	started := make(chan struct{}, slow)
	for i := range slow {
		wg.Go(func() {
			code, el, err := trickle(addr, started)
			results[i] = result{code, el, err}
		})
	}
	for range slow {
		<-started
	}
	time.Sleep(200 * time.Millisecond) // every slow client is now mid-body
	code, _, body := call(t, "POST", ts.URL+"/api/trace", "text/plain", []byte(boeingRewrite))
	if code != 200 {
		t.Errorf("a normal trace beside %d slow clients and %d slots: %d %s", slow, slots, code, body)
	}
	wg.Wait()
	for i, r := range results {
		if r.err != nil {
			t.Errorf("slow client %d: %v", i, r.err)
			continue
		}
		// The deadline runs from when the headers were read, just before
		// the trickle began; allow a second for the machine's noise.
		if r.code != http.StatusRequestTimeout || r.elapsed < bodyTimeout-100*time.Millisecond || r.elapsed > bodyTimeout+time.Second {
			t.Errorf("slow client %d: status %d after %v; want 408 after about %v", i, r.code, r.elapsed, bodyTimeout)
		}
	}
}

// trickle sends a trace whose 1,000-byte body comes a byte every 100 ms,
// and returns the status the server answers and when.
func trickle(addr string, started chan<- struct{}) (int, time.Duration, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		started <- struct{}{}
		return 0, 0, err
	}
	defer c.Close()
	start := time.Now()
	_, err = fmt.Fprintf(c, "POST /api/trace HTTP/1.1\r\nHost: %s\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n", addr)
	started <- struct{}{}
	if err != nil {
		return 0, 0, err
	}
	answered := make(chan struct{})
	go func() {
		for i := 0; i < 1000; i++ {
			select {
			case <-answered:
				return
			case <-time.After(100 * time.Millisecond):
			}
			if _, err := c.Write([]byte("x")); err != nil {
				return
			}
		}
	}()
	defer close(answered)
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	elapsed := time.Since(start)
	if err != nil {
		return 0, elapsed, fmt.Errorf("reading the status line: %w", err)
	}
	m := regexp.MustCompile(`^HTTP/1\.1 (\d{3}) `).FindStringSubmatch(line)
	if m == nil {
		return 0, elapsed, fmt.Errorf("status line %q", line)
	}
	code, _ := strconv.Atoi(m[1])
	return code, elapsed, nil
}
