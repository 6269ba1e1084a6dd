package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/server"
	"github.com/stemmanews/stemma/trace"
)

// FaultsResult measures what a damaged index and slow clients cost: the
// reliability section of the benchmarks page.
type FaultsResult struct {
	Docs int `json:"docs"`
	// Damage: a byte flipped every FlipEvery bytes in the middle half of
	// the Tables largest tables of an index of Reuters-21578.
	FlipEvery int `json:"flip_every"`
	Tables    int `json:"tables"`
	// Check on the sound index and on the damaged one: tables listed as
	// damaged, seconds.
	SoundCheck   FaultCheck `json:"sound_check"`
	DamagedCheck FaultCheck `json:"damaged_check"`
	// Traces of Traced stories spread over the corpus, on the sound index
	// and on the damaged one.
	Traced       int        `json:"traced"`
	SoundTrace   FaultTrace `json:"sound_trace"`
	DamagedTrace FaultTrace `json:"damaged_trace"`
	// Salvage (check --repair) and indexing the corpus again into the
	// salvaged index, beside indexing the corpus from scratch.
	SalvageSeconds   float64 `json:"salvage_seconds"`
	Salvaged         int     `json:"salvaged"`
	Lost             int     `json:"lost"`
	RefillAdded      int     `json:"refill_added"`
	RefillSeconds    float64 `json:"refill_seconds"`
	RepairedCheckOK  bool    `json:"repaired_check_ok"`
	ReindexSeconds   float64 `json:"reindex_seconds"`
	ServerTraces     int     `json:"server_traces"`
	ServerOK         int     `json:"server_ok"`
	ServerDamaged    int     `json:"server_damaged"`
	ServerOther      int     `json:"server_other"`
	HealthBefore     int     `json:"health_before"`
	HealthAfter      int     `json:"health_after"`
	MetricDamaged    int     `json:"metric_damaged"`
	SlowClients      int     `json:"slow_clients"`
	Slots            int     `json:"slots"`
	BodyTimeout      float64 `json:"body_timeout_seconds"`
	NormalTraces     int     `json:"normal_traces"`
	Alone            SlowRun `json:"alone"`
	BesideSlow       SlowRun `json:"beside_slow"`
	Slow408          int     `json:"slow_408"`
	SlowAnsweredMaxS float64 `json:"slow_answered_max_seconds"`
	Seconds          float64 `json:"seconds"`
}

// FaultCheck is one run of index.Check.
type FaultCheck struct {
	OK      bool    `json:"ok"`
	Damaged int     `json:"damaged"`
	Seconds float64 `json:"seconds"`
}

// FaultTrace counts a batch of traces: reports written, and documents not
// traced because they met damage (any other failure fails the suite).
type FaultTrace struct {
	Reports int     `json:"reports"`
	Damaged int     `json:"damaged"`
	Seconds float64 `json:"seconds"`
}

// SlowRun is a run of normal traces: their statuses and latencies.
type SlowRun struct {
	OK    int     `json:"ok"`
	Other int     `json:"other"`
	P50ms float64 `json:"p50_ms"`
	P99ms float64 `json:"p99_ms"`
}

// faultFlipEvery is how far apart faultsSuite flips bytes: a few damaged
// blocks in each of two tables of four megabytes, as a failing disk leaves.
const faultFlipEvery = 512 << 10

func faultsSuite(ctx context.Context, docs []stemma.Doc) (*FaultsResult, error) {
	start := time.Now()
	res := &FaultsResult{Docs: len(docs), FlipEvery: faultFlipEvery, Tables: 2}
	work, err := os.MkdirTemp("", "stemma-faults-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	db := filepath.Join(work, "db")
	t0 := time.Now()
	if err := indexInProcess(ctx, db, newScaler(docs), len(docs), false); err != nil {
		return nil, err
	}
	res.ReindexSeconds = time.Since(t0).Seconds()
	bad := filepath.Join(work, "bad")
	if err := os.CopyFS(bad, os.DirFS(db)); err != nil {
		return nil, err
	}
	if err := damageTables(bad, res.Tables, faultFlipEvery); err != nil {
		return nil, err
	}

	sample := sampleDocs(docs, min(1000, len(docs)))
	res.Traced = len(sample)
	for _, run := range []struct {
		db    string
		check *FaultCheck
		trace *FaultTrace
	}{{db, &res.SoundCheck, &res.SoundTrace}, {bad, &res.DamagedCheck, &res.DamagedTrace}} {
		ix, err := index.Open(run.db, index.Options{ReadOnly: true})
		if err != nil {
			return nil, err
		}
		t0 := time.Now()
		cr, err := ix.Check(false)
		*run.check = FaultCheck{OK: err == nil, Damaged: len(cr.Damaged), Seconds: time.Since(t0).Seconds()}
		if err != nil && !errors.Is(err, index.ErrCorrupt) {
			ix.Close()
			return nil, err
		}
		tr, err := trace.New(ix, trace.Options{})
		if err != nil {
			ix.Close()
			return nil, err
		}
		t0 = time.Now()
		for _, d := range sample {
			_, err := tr.Trace(ctx, d)
			switch {
			case err == nil:
				run.trace.Reports++
			case errors.Is(err, index.ErrCorrupt):
				run.trace.Damaged++
			default:
				ix.Close()
				return nil, fmt.Errorf("tracing %s: %w", d.ID, err)
			}
		}
		run.trace.Seconds = time.Since(t0).Seconds()
		if err := ix.Close(); err != nil {
			return nil, err
		}
	}

	// The server over the damaged index.
	if err := serveDamaged(ctx, bad, sample, res); err != nil {
		return nil, err
	}

	// Salvage, then index the corpus again into the salvaged index.
	t0 = time.Now()
	sr, err := index.Salvage(ctx, bad, bad+".repaired", index.Options{}, nil)
	if err != nil {
		return nil, err
	}
	res.SalvageSeconds = time.Since(t0).Seconds()
	res.Salvaged, res.Lost = sr.Added+sr.Duplicates, len(sr.Lost)
	ix, err := index.Open(bad+".repaired", index.Options{})
	if err != nil {
		return nil, err
	}
	t0 = time.Now()
	k := 0
	p, err := ix.Ingest(ctx, func() (stemma.Doc, bool) {
		k++
		return docs[min(k, len(docs))-1], k <= len(docs)
	}, nil)
	res.RefillSeconds = time.Since(t0).Seconds()
	res.RefillAdded = p.Added + p.Duplicates
	if err == nil {
		_, cerr := ix.Check(false)
		res.RepairedCheckOK = cerr == nil
	}
	if err := errors.Join(err, ix.Close()); err != nil {
		return nil, err
	}

	if err := slowClients(ctx, db, sample, res); err != nil {
		return nil, err
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// damageTables flips a byte every `every` bytes in the middle half of the n
// largest tables of the index at db.
func damageTables(db string, n, every int) error {
	paths, err := filepath.Glob(filepath.Join(db, "*.sst"))
	if err != nil {
		return err
	}
	size := map[string]int64{}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		size[p] = fi.Size()
	}
	slices.SortFunc(paths, func(a, b string) int { return int(size[b] - size[a]) })
	for _, p := range paths[:min(n, len(paths))] {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i := len(b) / 4; i < 3*len(b)/4; i += every {
			b[i] ^= 0xff
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// serveDamaged serves the damaged index and sends the sample's stories to
// /api/trace, reading /healthz before and after and the damage counter.
func serveDamaged(ctx context.Context, db string, sample []stemma.Doc, res *FaultsResult) error {
	srv, err := startInProcess(ctx, db, server.Options{})
	if err != nil {
		return err
	}
	defer srv.stop()
	if res.HealthBefore, _, err = get(srv.url + "/healthz"); err != nil {
		return err
	}
	for _, d := range sample[:min(200, len(sample))] {
		code, body, err := post(srv.url+"/api/trace", d.Text)
		if err != nil {
			return err
		}
		res.ServerTraces++
		switch {
		case code == 200:
			res.ServerOK++
		case code == 500 && strings.Contains(body, "the index is damaged"):
			res.ServerDamaged++
		default:
			res.ServerOther++
		}
	}
	if res.HealthAfter, _, err = get(srv.url + "/healthz"); err != nil {
		return err
	}
	_, metrics, err := get(srv.url + "/metrics")
	if err != nil {
		return err
	}
	if m := regexp.MustCompile(`(?m)^stemma_index_damaged_errors_total (\d+)$`).FindStringSubmatch(metrics); m != nil {
		res.MetricDamaged, _ = strconv.Atoi(m[1])
	}
	return nil
}

// slowClients serves the sound index with its default slots and body
// timeout, and sends normal traces alone, then beside twice as many
// clients as slots, each trickling its body in a byte every 100 ms.
func slowClients(ctx context.Context, db string, sample []stemma.Doc, res *FaultsResult) error {
	var so server.Options
	so.EnsureDefaults()
	res.Slots, res.BodyTimeout = so.MaxConcurrent, so.BodyTimeout.Seconds()
	res.SlowClients = 2 * so.MaxConcurrent
	srv, err := startInProcess(ctx, db, so)
	if err != nil {
		return err
	}
	defer srv.stop()
	normal := func(n int) (SlowRun, error) {
		var r SlowRun
		var lat []time.Duration
		for _, d := range sample[:n] {
			t0 := time.Now()
			code, _, err := post(srv.url+"/api/trace", d.Text)
			if err != nil {
				return r, err
			}
			lat = append(lat, time.Since(t0))
			if code == 200 {
				r.OK++
			} else {
				r.Other++
			}
		}
		r.P50ms, r.P99ms = percentiles(lat)
		return r, nil
	}
	res.NormalTraces = min(50, len(sample))
	if res.Alone, err = normal(res.NormalTraces); err != nil {
		return err
	}
	addr := strings.TrimPrefix(srv.url, "http://")
	var wg sync.WaitGroup
	var mu sync.Mutex
	var slowErr error
	for range res.SlowClients {
		wg.Go(func() {
			code, el, err := trickle(addr)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				slowErr = err
				return
			}
			if code == http.StatusRequestTimeout {
				res.Slow408++
			}
			res.SlowAnsweredMaxS = max(res.SlowAnsweredMaxS, el.Seconds())
		})
	}
	time.Sleep(500 * time.Millisecond) // every slow client is mid-body
	res.BesideSlow, err = normal(res.NormalTraces)
	wg.Wait()
	return errors.Join(err, slowErr)
}

// trickle sends a trace whose 1,000-byte body comes a byte every 100 ms,
// and returns the status the server answers and when.
func trickle(addr string) (int, time.Duration, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, 0, err
	}
	defer c.Close()
	start := time.Now()
	if _, err := fmt.Fprintf(c, "POST /api/trace HTTP/1.1\r\nHost: %s\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n", addr); err != nil {
		return 0, 0, err
	}
	answered := make(chan struct{})
	defer close(answered)
	go func() {
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for range 1000 {
			select {
			case <-answered:
				return
			case <-tick.C:
			}
			if _, err := c.Write([]byte("x")); err != nil {
				return
			}
		}
	}()
	c.SetReadDeadline(time.Now().Add(2 * time.Minute))
	line, err := bufio.NewReader(c).ReadString('\n')
	el := time.Since(start)
	if err != nil {
		return 0, el, fmt.Errorf("slow client: reading the status line: %w", err)
	}
	f := strings.Fields(line)
	if len(f) < 2 {
		return 0, el, fmt.Errorf("slow client: status line %q", line)
	}
	code, err := strconv.Atoi(f[1])
	return code, el, err
}

func get(u string) (int, string, error) {
	resp, err := http.Get(u)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

func post(u, text string) (int, string, error) {
	resp, err := http.Post(u, "text/plain", strings.NewReader(text))
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

func (s *FaultsResult) markdown(p func(format string, args ...any)) {
	p("## Reliability: a damaged index and slow clients\n\n")
	p("Reuters-21578 (%d stories) is indexed, and a copy of the index damaged: a byte flipped every %d KB in the middle half of its %d largest tables (the documents' tables), a few damaged blocks each, as a failing disk leaves. ", s.Docs, s.FlipEvery>>10, s.Tables)
	p("The baseline is the same work on the sound index. `stemma check` is `index.Check`, `check --repair` is `index.Salvage`; the server runs in the harness's process with its default options. ")
	p("The tests that assert these behaviours are `cmd/stemma` `TestDamagedIndex` (the real binary, damage three ways: flipped, truncated, removed) and `server` `TestDamagedIndex` and `TestSlowBodies`.\n\n")
	p("| | sound index | damaged index |\n|---|---|---|\n")
	p("| `check`: passes / damaged tables listed | %v / %d (%.1f s) | %v / %d (%.1f s) |\n", s.SoundCheck.OK, s.SoundCheck.Damaged, s.SoundCheck.Seconds, s.DamagedCheck.OK, s.DamagedCheck.Damaged, s.DamagedCheck.Seconds)
	p("| batch trace of %d stories: reports / not traced (damage) | %d / %d (%.1f s) | %d / %d (%.1f s) |\n", s.Traced, s.SoundTrace.Reports, s.SoundTrace.Damaged, s.SoundTrace.Seconds, s.DamagedTrace.Reports, s.DamagedTrace.Damaged, s.DamagedTrace.Seconds)
	p("| server, `POST /api/trace` of %d stories: 200 / 500 damaged / other | | %d / %d / %d |\n", s.ServerTraces, s.ServerOK, s.ServerDamaged, s.ServerOther)
	p("| `/healthz` before / after the traces | | %d / %d |\n", s.HealthBefore, s.HealthAfter)
	p("| `stemma_index_damaged_errors_total` after | | %d |\n\n", s.MetricDamaged)
	p("**Recovery.** `check --repair` copied %d documents into a new index in %.1f s and listed %d as lost; indexing the whole corpus again into it added %d (the lost ones; the rest were skipped by ID) in %.1f s, and the repaired index passes `check`: %v. ", s.Salvaged, s.SalvageSeconds, s.Lost, s.RefillAdded, s.RefillSeconds, s.RepairedCheckOK)
	p("Indexing the corpus from scratch took %.1f s in the same run. A read of a damaged block costs Pebble about a tenth of a second (it looks for a single flipped bit that would explain the checksum), which is why a salvage probes a damaged block's run of documents rather than reading each.\n\n", s.ReindexSeconds)
	p("**Slow clients.** %d clients, twice the server's %d slots, each send a trace whose 1,000-byte body comes a byte every 100 ms; meanwhile %d normal traces are sent one after another, and before them, alone. ", s.SlowClients, s.Slots, s.NormalTraces)
	p("A body is read before its request takes a slot, within `--body-timeout` (%.0f s).\n\n", s.BodyTimeout)
	p("| normal traces | 200 | other | p50 ms | p99 ms |\n|---|---|---|---|---|\n")
	p("| alone | %d | %d | %.1f | %.1f |\n", s.Alone.OK, s.Alone.Other, s.Alone.P50ms, s.Alone.P99ms)
	p("| beside %d slow clients | %d | %d | %.1f | %.1f |\n\n", s.SlowClients, s.BesideSlow.OK, s.BesideSlow.Other, s.BesideSlow.P50ms, s.BesideSlow.P99ms)
	p("%d of the %d slow clients were answered 408, the last after %.1f s.\n\n", s.Slow408, s.SlowClients, s.SlowAnsweredMaxS)
}
