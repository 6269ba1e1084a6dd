package pipeline

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/cluster"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/synth"
)

// TestMain runs the pipelines on prism, in process (LOOPBACK), unless
// --runner says otherwise.
func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

// dataDir returns ../shared/data beside the repository (this module is
// one level below it). Missing data skips the test, or fails it under
// CI=true, as package internal/testdata does for the main module.
func dataDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "data"))
	if err == nil {
		if _, err = os.Stat(filepath.Join(dir, "reuters-21578.jsonl.gz")); err == nil {
			return dir
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("shared test data: %v", err)
	}
	t.Skipf("shared test data: %v (the test fails instead when CI=true)", err)
	return ""
}

// testCorpus writes the equivalence corpus to dir and returns its files:
// the first n Reuters stories, generated reprints, excerpts and spun
// copies of them and reprint families with dates, and a file of bad
// records (malformed JSON, invalid UTF-8, a document over the size limit,
// a document without a date).
func testCorpus(t *testing.T, dir string, n int) []string {
	t.Helper()
	r, err := ingest.NewReader([]string{filepath.Join(dataDir(t), "reuters-21578.jsonl.gz")}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var docs []stemma.Doc
	for rec, ok := r.Next(); ok && len(docs) < n; rec, ok = r.Next() {
		docs = append(docs, rec.Doc)
	}
	r.Close()
	g, err := synth.New(docs, synth.Options{Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	var copies []stemma.Doc
	for k := range 300 {
		kind := []string{"reprint", "excerpt", "reprint+spun", "reorder", "stitched"}[k%5]
		c, err := g.Make(kind, 7*k)
		if err != nil {
			t.Fatal(err)
		}
		copies = append(copies, c.Doc)
	}
	for k := range 30 {
		f, err := g.Family(1000+k, synth.FamilyOptions{UndatedRate: 0.2})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range f.Members {
			copies = append(copies, m.Doc)
		}
	}
	write := func(name string, ds []stemma.Doc, extra string) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		enc := json.NewEncoder(w)
		for i := range ds {
			enc.Encode(&ds[i])
		}
		w.WriteString(extra)
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return p
	}
	bad := `{"id": "broken", "text": ` + "\n" +
		`{"id": "bad-utf8", "text": "caf` + "\xff" + `"}` + "\n" +
		`{"id": "huge", "source": "wire", "text": "` + strings.Repeat("word ", 1<<20) + `"}` + "\n" +
		`{"id": "no-date", "source": "wire", "date": "sometime in March", "text": "A short note with a date nobody can parse."}` + "\n"
	return []string{write("reuters.jsonl", docs, ""), write("copies.jsonl", copies, bad)}
}

// maxDocBytes is the input size limit of both runs in the test.
const maxDocBytes = 1 << 20

// singleMachine indexes the files and runs `stemma cluster`'s job.
func singleMachine(t *testing.T, files []string, opts cluster.Options) ([]cluster.Row, *cluster.Summary) {
	t.Helper()
	r, err := ingest.NewReader(files, ingest.Options{MaxDocBytes: maxDocBytes})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ix, err := index.Open(filepath.Join(t.TempDir(), "db"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	if _, err := ix.Ingest(ctx, func() (stemma.Doc, bool) {
		rec, ok := r.Next()
		return rec.Doc, ok
	}, nil); err != nil {
		t.Fatal(err)
	}
	var rows []cluster.Row
	sum, err := cluster.Run(ctx, ix, cluster.RunOptions{Options: opts, WorkDir: t.TempDir(),
		Emit: func(rs []cluster.Row) error { rows = append(rows, rs...); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	return rows, sum
}

// onBeam runs the pipeline on the default runner (prism) and reads its
// outputs back.
func onBeam(t *testing.T, files []string, cfg Config) ([]cluster.Row, *cluster.Summary) {
	t.Helper()
	dir := t.TempDir()
	out, sumPath := filepath.Join(dir, "clusters.jsonl"), filepath.Join(dir, "summary.json")
	p, s := beam.NewPipelineWithRoot()
	Write(s, Build(s, files, cfg), out, sumPath)
	if err := ptest.Run(p); err != nil {
		t.Fatalf("pipeline: %v", err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []cluster.Row
	if err := cluster.ReadRows(f, func(r cluster.Row) error { rows = append(rows, r); return nil }); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(sumPath)
	if err != nil {
		t.Fatal(err)
	}
	var sum cluster.Summary
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	return rows, &sum
}

func sortRows(rows []cluster.Row) {
	slices.SortFunc(rows, func(a, b cluster.Row) int {
		if c := cmp.Compare(a.Cluster, b.Cluster); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// TestEquivalence runs `stemma cluster`'s job and the Beam pipeline on
// the same input and asserts the same clusters, members, spans and
// parents, down to every field of every row.
//
// With the paraphrase option (on a smaller corpus: sentence alignment costs
// more), both runners add sentence sketches to the candidate search and
// must still agree.
func TestEquivalence(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 1000
	}
	files := testCorpus(t, t.TempDir(), n)
	equivalent(t, files, cluster.Options{})
}

func TestEquivalenceParaphrase(t *testing.T) {
	files := testCorpus(t, t.TempDir(), 1000)
	var opts cluster.Options
	opts.Align.Paraphrase = true
	equivalent(t, files, opts)
}

func equivalent(t *testing.T, files []string, opts cluster.Options) {
	t.Helper()
	start := time.Now()
	want, wantSum := singleMachine(t, files, opts)
	single := time.Since(start)
	start = time.Now()
	cfg := FromOptions(opts)
	cfg.MaxDocBytes = maxDocBytes
	got, gotSum := onBeam(t, files, cfg)
	t.Logf("single machine %v: %d clusters, %d members; prism %v: %d clusters, %d members",
		single.Round(time.Millisecond), wantSum.Clusters, len(want), time.Since(start).Round(time.Millisecond), gotSum.Clusters, len(got))
	if len(want) < 500 || wantSum.Clusters < 100 {
		t.Fatalf("the test corpus makes only %d clusters of %d members", wantSum.Clusters, len(want))
	}
	sortRows(want)
	sortRows(got)
	if len(got) != len(want) {
		t.Errorf("Beam wrote %d rows, the single machine %d", len(got), len(want))
	}
	diffs := 0
	for i := range min(len(got), len(want)) {
		g, w := fmt.Sprintf("%+v", got[i]), fmt.Sprintf("%+v", want[i])
		if g != w {
			diffs++
			if diffs <= 5 {
				t.Errorf("row %d differs:\nbeam   %s\nsingle %s", i, g, w)
			}
		}
	}
	if diffs > 0 {
		t.Errorf("%d rows differ", diffs)
	}
	if gotSum.Documents != wantSum.Documents || gotSum.Undated != wantSum.Undated || gotSum.ClusteredDocs != wantSum.ClusteredDocs ||
		gotSum.ReusedBytes != wantSum.ReusedBytes || fmt.Sprint(gotSum.Link) != fmt.Sprint(wantSum.Link) {
		t.Errorf("summaries differ:\nbeam   %+v\nsingle %+v", gotSum, wantSum)
	}

	// Bad input is counted and reported, not fatal.
	for reason, n := range map[string]int{"malformed-json": 1, "invalid-utf8": 1, "too-large": 1, "bad-date": 1} {
		if gotSum.Skipped[reason] != n {
			t.Errorf("skipped[%q] = %d, want %d (all: %v)", reason, gotSum.Skipped[reason], n, gotSum.Skipped)
		}
	}
}

func TestConfig(t *testing.T) {
	var c Config
	if err := c.Validate(); err != nil {
		t.Fatalf("zero Config: %v", err)
	}
	o := cluster.Options{MaxPostings: 100, Overlap: 0.7}
	o.Fingerprint.StopN = -1
	back := FromOptions(o).Options()
	if back.MaxPostings != 100 || back.Overlap != 0.7 || back.Fingerprint.StopN != 0 {
		t.Errorf("FromOptions does not carry the options: %+v", back)
	}
	for _, bad := range []Config{{Overlap: 2}, {Format: "pdf"}, {MaxDocBytes: -1}} {
		if err := bad.Validate(); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}
