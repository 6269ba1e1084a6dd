// Package bench measures stemma against the field: quality on the real
// corpora in ../shared/data (PAN 2013, BBC News, Reuters-21578) and speed at
// several corpus sizes, each next to a plain MinHash-LSH baseline run in
// the same process on the same input (package baseline), because only
// ratios from one run are stable on a shared machine.
//
// [Run] produces [Results]; [Results.Markdown] renders docs/benchmarks.md.
// `stemma eval` is the command that drives it. Quick mode shrinks every
// suite so the whole harness runs in under two minutes; it asserts nothing
// about speed.
//
// Run is not safe for concurrent use with itself (it measures the
// machine). Its cost is that of indexing and tracing every corpus it
// measures, a few minutes in full mode.
package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
)

// Options configure a run. The zero value runs the full suites with data
// from ../shared/data.
type Options struct {
	// Data is the directory holding the corpora (default ../shared/data).
	Data string
	// Quick shrinks every suite to run in under two minutes.
	Quick bool
	// Binary is the stemma executable whose `index` command the speed
	// suite runs as a child process, to measure its peak memory. Empty
	// skips the child-process measurement.
	Binary string
	// Sizes are the corpus sizes of the speed suite (default: Reuters as
	// is, then 100,000, 1,000,000 and 10,000,000 articles scaled up from
	// it; quick: 5,000).
	Sizes []int
	// ClusterScale is the size of the generated corpus that the cluster
	// suite indexes and clusters with Binary, once (default: 1,000,000;
	// quick: none; negative: none).
	ClusterScale int
	// Extra is the directory of the labelled corpora that ../shared/data
	// does not hold, each in a folder of its own (see docs/benchmarks.md,
	// "Data"): default $STEMMA_DATA_EXTRA, else Data/extra. A suite whose
	// corpus is missing is reported as not run, never faked.
	Extra string
	// Only runs just the named suites (see [Suites]); empty runs them all.
	Only []string
	// Log receives progress lines; nil discards them.
	Log io.Writer
}

// Suites are the names of the suites [Run] runs, in order.
var Suites = []string{"pan", "pan13", "calibration", "msrp", "bbc", "reuters", "speed", "serve", "spin", "quotes", "languages", "reworded", "translated", "ingest", "cluster", "faults"}

// runs reports whether the suite is selected.
func (o *Options) runs(suite string) bool {
	return len(o.Only) == 0 || slices.Contains(o.Only, suite)
}

// EnsureDefaults fills zero fields.
func (o *Options) EnsureDefaults() {
	if o.Data == "" {
		o.Data = filepath.Join("..", "shared", "data")
	}
	if len(o.Sizes) == 0 {
		if o.Quick {
			o.Sizes = []int{5000}
		} else {
			o.Sizes = DefaultSizes
		}
	}
	if o.ClusterScale == 0 && !o.Quick {
		o.ClusterScale = 1_000_000
	}
	if o.Extra == "" {
		o.Extra = os.Getenv("STEMMA_DATA_EXTRA")
	}
	if o.Extra == "" {
		o.Extra = filepath.Join(o.Data, "extra")
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// invocation is Command with the flags that change what is measured.
func (o *Options) invocation() string {
	cmd := Command
	if o.Quick {
		cmd += " --quick"
	}
	if len(o.Only) > 0 {
		cmd += " --only " + strings.Join(o.Only, ",")
	}
	if !o.Quick && !slices.Equal(o.Sizes, DefaultSizes) {
		sizes := make([]string, len(o.Sizes))
		for i, n := range o.Sizes {
			sizes[i] = strconv.Itoa(n)
		}
		cmd += " --sizes " + strings.Join(sizes, ",")
	}
	return cmd
}

// DefaultSizes are the speed suite's corpus sizes (0: Reuters as is).
var DefaultSizes = []int{0, 100_000, 1_000_000, 10_000_000}

// Validate reports options that cannot work.
func (o *Options) Validate() error {
	for _, s := range o.Only {
		if !slices.Contains(Suites, s) {
			return fmt.Errorf("bench: unknown suite %q (want one of %q)", s, Suites)
		}
	}
	return nil
}

// Machine describes where a run happened.
type Machine struct {
	CPU    string `json:"cpu"`
	Cores  int    `json:"cores"`
	Memory string `json:"memory"`
	Go     string `json:"go"`
	OS     string `json:"os"`
}

// Results is everything one run measured.
type Results struct {
	Date        time.Time          `json:"date"`
	Machine     Machine            `json:"machine"`
	Quick       bool               `json:"quick"`
	PAN         *PANResult         `json:"pan,omitempty"`
	PAN13       *PAN13Result       `json:"pan13,omitempty"`
	Calibration *CalibrationResult `json:"calibration,omitempty"`
	MSRP        *MSRPResult        `json:"msrp,omitempty"`
	BBC         *PairsResult       `json:"bbc,omitempty"`
	Reuters     *PairsResult       `json:"reuters,omitempty"`
	Languages   *LanguagesResult   `json:"languages,omitempty"`
	Reworded    *RewordedResult    `json:"reworded,omitempty"`
	Translated  *TranslatedResult  `json:"translated,omitempty"`
	Speed       []SpeedResult      `json:"speed,omitempty"`
	Serve       *ServeResult       `json:"serve,omitempty"`
	Spin        *SpinResult        `json:"spin,omitempty"`
	Quotes      *QuotesResult      `json:"quotes,omitempty"`
	Ingest      *IngestResult      `json:"ingest,omitempty"`
	Cluster     *ClusterResult     `json:"cluster,omitempty"`
	Faults      *FaultsResult      `json:"faults,omitempty"`
	Elapsed     float64            `json:"elapsed_seconds"`
	Commands    []string           `json:"commands"`
	// Invocation is the command line that reproduces the run, flags that
	// change what is measured included.
	Invocation string `json:"invocation"`
}

// Run runs every suite.
func Run(ctx context.Context, opts Options) (*Results, error) {
	opts.EnsureDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	start := time.Now()
	res := &Results{Date: start.UTC().Truncate(time.Second), Machine: describeMachine(), Quick: opts.Quick, Invocation: opts.invocation()}
	logf := func(format string, args ...any) { fmt.Fprintf(opts.Log, format+"\n", args...) }

	if opts.runs("pan") {
		logf("quality: PAN 2013")
		pan, err := panSuite(ctx, opts)
		if err != nil {
			return nil, fmt.Errorf("suite PAN 2013: %w", err)
		}
		res.PAN = pan
	}

	if opts.runs("pan13") {
		logf("quality: PAN 2013 obfuscated reuse (training and test corpora)")
		pan13, err := pan13Suite(ctx, opts)
		if err != nil {
			return nil, fmt.Errorf("suite PAN 2013 obfuscated: %w", err)
		}
		res.PAN13 = pan13
	}
	if opts.runs("calibration") {
		logf("quality: confidence of paraphrased passages (PAN 2013)")
		cal, err := calibrationSuite(ctx, opts)
		if err != nil {
			return nil, fmt.Errorf("suite calibration: %w", err)
		}
		res.Calibration = cal
	}
	if opts.runs("msrp") {
		logf("quality: news paraphrases (MSRP)")
		msrp, err := msrpSuite(ctx, opts)
		if err != nil {
			return nil, fmt.Errorf("suite MSRP: %w", err)
		}
		res.MSRP = msrp
	}

	bbc, err := loadCorpus(filepath.Join(opts.Data, "bbc-news.jsonl.gz"), 0)
	if err != nil {
		return nil, err
	}
	if opts.runs("bbc") {
		logf("quality: BBC News")
		if res.BBC, err = pairsSuite(ctx, "BBC News", bbc, 0); err != nil {
			return nil, fmt.Errorf("suite BBC News: %w", err)
		}
	}

	if opts.runs("reuters") {
		logf("quality: Reuters-21578")
		limit := 0
		if opts.Quick {
			limit = 3000
		}
		sample, err := loadCorpus(filepath.Join(opts.Data, "reuters-21578.jsonl.gz"), limit)
		if err != nil {
			return nil, err
		}
		if res.Reuters, err = pairsSuite(ctx, "Reuters-21578", sample, 3); err != nil {
			return nil, fmt.Errorf("suite Reuters-21578: %w", err)
		}
	}

	reuters, err := loadCorpus(filepath.Join(opts.Data, "reuters-21578.jsonl.gz"), 0)
	if err != nil {
		return nil, err
	}
	if opts.Quick {
		reuters = reuters[:3000]
	}
	for i, n := range opts.Sizes {
		if !opts.runs("speed") {
			break
		}
		logf("speed: %d articles", n)
		sr, err := speedSuite(ctx, opts, reuters, n, "default")
		if err != nil {
			return nil, fmt.Errorf("speed suite at %d: %w", n, err)
		}
		res.Speed = append(res.Speed, *sr)
		if i == 0 {
			// The core configuration on the same corpus, so the cost of
			// spin-robust retrieval is a ratio from one run.
			sr, err := speedSuite(ctx, opts, reuters, n, "word n-grams only", "--stop-ngram=-1")
			if err != nil {
				return nil, fmt.Errorf("speed suite at %d, word n-grams only: %w", n, err)
			}
			res.Speed = append(res.Speed, *sr)
		}
	}

	if opts.runs("serve") {
		logf("speed: the HTTP server under load")
		if res.Serve, err = serveSuite(ctx, opts, reuters); err != nil {
			return nil, fmt.Errorf("suite serve: %w", err)
		}
	}

	if opts.runs("spin") {
		logf("quality: spun and stitched copies")
		copies := 2000
		if opts.Quick {
			copies = 200
		}
		if res.Spin, err = spinSuite(ctx, reuters, copies, 1); err != nil {
			return nil, fmt.Errorf("suite spin: %w", err)
		}
		logf("quality: spun copies with no source indexed")
		if res.Spin.SourceFree, err = sourceFreeSuite(ctx, reuters, bbc, sourceFreeConfig{copies: copies / 2, every: 1, grid: true}, 1); err != nil {
			return nil, fmt.Errorf("suite spin, source-free tells: %w", err)
		}
	}

	if opts.runs("quotes") {
		logf("quality: quotes")
		if res.Quotes, err = quotesSuite(ctx, opts); err != nil {
			return nil, fmt.Errorf("suite quotes: %w", err)
		}
	}

	if opts.runs("languages") {
		logf("languages: copies of real news in other languages")
		if res.Languages, err = languagesSuite(ctx, opts); err != nil {
			return nil, fmt.Errorf("suite languages: %w", err)
		}
		for _, r := range res.Languages.Rows {
			logf("languages: %v", r)
		}
	}

	if opts.runs("reworded") {
		logf("reworded: news reworded in French, Spanish and Portuguese")
		if res.Reworded, err = rewordedSuite(ctx, opts); err != nil {
			return nil, fmt.Errorf("suite reworded: %w", err)
		}
		for _, r := range res.Reworded.Rows {
			logf("reworded: %+v", r)
		}
	}

	if opts.runs("translated") {
		logf("translated: articles translated from English news")
		if res.Translated, err = translatedSuite(ctx, opts); err != nil {
			return nil, fmt.Errorf("suite translated: %w", err)
		}
		for _, r := range res.Translated.Rows {
			logf("translated: %+v", r)
		}
		for _, r := range res.Translated.Reverse {
			logf("translated, reverse: %+v", r)
		}
	}

	if opts.runs("ingest") {
		logf("ingest: HTML pages and a WARC archive")
		if res.Ingest, err = ingestSuite(ctx, opts, reuters); err != nil {
			return nil, fmt.Errorf("suite ingest: %w", err)
		}
	}

	if opts.runs("faults") {
		logf("reliability: a damaged index and slow clients")
		if res.Faults, err = faultsSuite(ctx, reuters); err != nil {
			return nil, fmt.Errorf("suite faults: %w", err)
		}
	}

	if opts.runs("cluster") {
		logf("cluster: families, Reuters and BBC, %d articles", opts.ClusterScale)
		if res.Cluster, err = clusterSuite(ctx, opts, reuters, bbc); err != nil {
			return nil, fmt.Errorf("suite cluster: %w", err)
		}
	}
	res.Elapsed = time.Since(start).Seconds()
	return res, nil
}

// loadCorpus reads up to limit documents (0: all) of a JSONL corpus.
func loadCorpus(path string, limit int) ([]stemma.Doc, error) {
	r, err := ingest.NewReader([]string{path}, ingest.Options{})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var docs []stemma.Doc
	for rec, ok := r.Next(); ok && (limit == 0 || len(docs) < limit); rec, ok = r.Next() {
		docs = append(docs, rec.Doc)
	}
	if s := r.Summary(); s.Skipped[ingest.Unreadable] > 0 {
		return nil, fmt.Errorf("reading %s: %v", path, s.Skips[0])
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("reading %s: no documents", path)
	}
	return docs, nil
}

func describeMachine() Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		line, _, _ := bytes.Cut(b, []byte("\n"))
		var kb int64
		if _, err := fmt.Sscanf(string(line), "MemTotal: %d kB", &kb); err == nil {
			m.Memory = fmt.Sprintf("%.0f GiB", float64(kb)/(1<<20))
		}
	}
	return m
}

// tempIndex opens a new index with default options in a temporary
// directory; done closes it and removes the directory.
func tempIndex() (ix *index.Index, done func(), err error) { return tempIndexWith(index.Options{}) }

// tempIndexWith is tempIndex with the index's options.
func tempIndexWith(opts index.Options) (ix *index.Index, done func(), err error) {
	dir, err := os.MkdirTemp("", "stemma-bench-")
	if err != nil {
		return nil, nil, err
	}
	ix, err = index.Open(dir, opts)
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return ix, func() {
		ix.Close()
		os.RemoveAll(dir)
	}, nil
}
