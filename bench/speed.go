package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/baseline"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/trace"
)

// SpeedResult is the cost of indexing a corpus and tracing articles
// against it, for stemma and for the MinHash-LSH baseline on the same
// texts.
type SpeedResult struct {
	Corpus string `json:"corpus"`
	// Config names the fingerprint configuration: "default" (word and
	// stopword n-grams) or "word n-grams only" (the core configuration,
	// before spin-robust retrieval).
	Config string  `json:"config"`
	Docs   int     `json:"docs"`
	TextMB float64 `json:"text_mb"`

	// stemma index, end to end (parse JSONL, tokenise, fingerprint,
	// persist), as a child process.
	// IndexRuns is how many times the corpus was indexed; IndexSeconds
	// is the median run.
	IndexRuns       int     `json:"index_runs"`
	IndexSeconds    float64 `json:"index_seconds"`
	IndexDocsPerSec float64 `json:"index_docs_per_sec"`
	IndexMBPerSec   float64 `json:"index_mb_per_sec"`
	IndexPeakRSSMB  float64 `json:"index_peak_rss_mb"`
	DiskMB          float64 `json:"disk_mb"`
	SizeRatio       float64 `json:"size_ratio"`
	// TableRatio counts only the data (Pebble's sorted tables and the
	// posting and term segments), not the write-ahead log files Pebble
	// keeps for reuse; DocsRatio, PostingsRatio, TermsRatio and RestRatio
	// split it (see index.Sizes), each over the text.
	TableRatio    float64 `json:"table_ratio"`
	DocsRatio     float64 `json:"docs_ratio"`
	PostingsRatio float64 `json:"postings_ratio"`
	TermsRatio    float64 `json:"terms_ratio"`
	RestRatio     float64 `json:"rest_ratio"`
	// Segments is the number of posting segments left after indexing.
	Segments int `json:"segments"`
	// Trace latency of articles from the corpus against the rest.
	Traces     int     `json:"traces"`
	TraceP50ms float64 `json:"trace_p50_ms"`
	TraceP99ms float64 `json:"trace_p99_ms"`

	// The baseline: MinHash signatures (128 permutations, word 5-grams)
	// of every document plus LSH insertion, in process, from texts already
	// in memory; and LSH query latency for the same articles.
	// MinHashNoLSH is set for a corpus whose LSH tables would not fit in
	// memory (more than minhashMaxDocs documents): the baseline's time is
	// then its signatures alone, and it answers no queries.
	MinHashNoLSH      bool    `json:"minhash_no_lsh,omitempty"`
	MinHashSeconds    float64 `json:"minhash_seconds"`
	MinHashDocsPerSec float64 `json:"minhash_docs_per_sec"`
	MinHashQueryP50ms float64 `json:"minhash_query_p50_ms"`
	MinHashQueryP99ms float64 `json:"minhash_query_p99_ms"`
}

// speedSuite measures one corpus size. n == 0 means the base corpus as is;
// otherwise n articles are built from it by a [scaler], as they are
// written, so that no corpus is held in memory but the base and the
// sample traced.
func speedSuite(ctx context.Context, opts Options, base []stemma.Doc, n int, config string, indexArgs ...string) (*SpeedResult, error) {
	sc := newScaler(base)
	count, name := len(base), "Reuters-21578"
	switch {
	case n > 0 && n <= len(base):
		count, name = n, fmt.Sprintf("Reuters-21578, first %d", n)
	case n > len(base):
		count, name = n, fmt.Sprintf("%d articles scaled up from Reuters-21578", n)
	}
	res := &SpeedResult{Corpus: name, Config: config, Docs: count}
	work, err := os.MkdirTemp("", "stemma-speed-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	corpus := filepath.Join(work, "corpus.jsonl")
	textBytes, err := writeScaled(corpus, sc, count)
	if err != nil {
		return nil, err
	}
	res.TextMB = float64(textBytes) / 1e6
	db := filepath.Join(work, "db")

	// The machine is shared and noisy: a corpus small enough is indexed
	// speedRuns times, each into a new index, and the median run counts
	// (the peak RSS is the largest of any run).
	runs := 1
	if count <= speedRepeatDocs {
		runs = speedRuns
	}
	var times []float64
	for r := range runs {
		if r > 0 {
			if err := os.RemoveAll(db); err != nil {
				return nil, err
			}
		}
		var secs, rss float64
		if opts.Binary != "" {
			args := append([]string{"index", "--quiet", "--db", db}, indexArgs...)
			cmd := exec.CommandContext(ctx, opts.Binary, append(args, corpus)...)
			if secs, rss, err = runChild(cmd); err != nil {
				return nil, err
			}
		} else {
			start := time.Now()
			if err := indexInProcess(ctx, db, sc, count, len(indexArgs) > 0); err != nil {
				return nil, err
			}
			secs = time.Since(start).Seconds()
		}
		times = append(times, secs)
		res.IndexPeakRSSMB = max(res.IndexPeakRSSMB, rss)
	}
	res.IndexRuns = runs
	res.IndexSeconds = median(times)
	res.IndexDocsPerSec = float64(count) / res.IndexSeconds
	res.IndexMBPerSec = res.TextMB / res.IndexSeconds

	ix, err := index.Open(db, index.Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	size, err := ix.DiskSize()
	if err != nil {
		return nil, err
	}
	res.DiskMB = float64(size) / 1e6
	res.SizeRatio = float64(size) / float64(textBytes)
	res.TableRatio = float64(ix.TableSize()) / float64(textBytes)
	sz, err := ix.Sizes()
	if err != nil {
		return nil, err
	}
	res.DocsRatio = float64(sz.Docs) / float64(textBytes)
	res.PostingsRatio = float64(sz.Postings) / float64(textBytes)
	res.TermsRatio = float64(sz.Terms) / float64(textBytes)
	res.RestRatio = float64(sz.Rest) / float64(textBytes)
	res.Segments = len(ix.Segments())

	// The same sample of articles for both methods.
	sample := make([]stemma.Doc, min(1000, count))
	for i := range sample {
		sample[i] = sc.doc(i * count / len(sample))
	}
	res.Traces = len(sample)
	tr, err := trace.New(ix, trace.Options{})
	if err != nil {
		return nil, err
	}
	lat := make([]time.Duration, 0, len(sample))
	for _, d := range sample {
		start := time.Now()
		if _, err := tr.Trace(ctx, d); err != nil {
			return nil, err
		}
		lat = append(lat, time.Since(start))
	}
	res.TraceP50ms, res.TraceP99ms = percentiles(lat)

	mh, err := baseline.NewMinHash(baseline.Options{})
	if err != nil {
		return nil, err
	}
	// The baseline is timed as often as stemma, and its median counts
	// too: signatures, computed on every core from texts in memory (a
	// chunk at a time, the generation of the chunk not counted), and the
	// LSH tables.
	var lsh *baseline.LSH
	res.MinHashNoLSH = count > minhashMaxDocs
	times = times[:0]
	for range runs {
		lsh = nil // free the last run's tables
		var secs float64
		var sigs [][]uint64
		texts := make([]string, 0, min(count, minhashChunk))
		for k := 0; k < count; {
			texts = texts[:0]
			for ; k < count && len(texts) < minhashChunk; k++ {
				texts = append(texts, sc.doc(k).Text)
			}
			start := time.Now()
			chunk := mh.Signatures(texts)
			secs += time.Since(start).Seconds()
			if !res.MinHashNoLSH {
				sigs = append(sigs, chunk...)
			}
		}
		if !res.MinHashNoLSH {
			start := time.Now()
			lsh = mh.IndexSignatures(sigs)
			secs += time.Since(start).Seconds()
		}
		times = append(times, secs)
	}
	res.MinHashSeconds = median(times)
	res.MinHashDocsPerSec = float64(count) / res.MinHashSeconds
	if lsh != nil {
		lat = lat[:0]
		for _, d := range sample {
			start := time.Now()
			lsh.Query(d.Text)
			lat = append(lat, time.Since(start))
		}
		res.MinHashQueryP50ms, res.MinHashQueryP99ms = percentiles(lat)
	}
	return res, nil
}

// minhashChunk is how many texts the baseline holds at once, and
// minhashMaxDocs the most documents whose LSH tables it builds: their
// signatures take 1 KB a document and the tables more, so ten million
// would not fit in this machine's 24 GB.
const (
	minhashChunk   = 100_000
	minhashMaxDocs = 2_000_000
)

// writeScaled writes the first n articles of sc as JSONL and returns the
// bytes of their text.
func writeScaled(path string, sc *scaler, n int) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var text int64
	for k := range n {
		d := sc.doc(k)
		text += int64(len(d.Text))
		if err := enc.Encode(&d); err != nil {
			f.Close()
			return 0, err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, err
	}
	return text, f.Close()
}

func indexInProcess(ctx context.Context, db string, sc *scaler, n int, wordOnly bool) error {
	var o index.Options
	if wordOnly {
		o.Fingerprint.StopN = -1
	}
	ix, err := index.Open(db, o)
	if err != nil {
		return err
	}
	k := 0
	_, err = ix.Ingest(ctx, func() (stemma.Doc, bool) {
		if k == n {
			return stemma.Doc{}, false
		}
		k++
		return sc.doc(k - 1), true
	}, nil)
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	return err
}

// speedRuns is how many times the speed suite indexes a corpus of at most
// speedRepeatDocs documents; larger ones are indexed once.
const (
	speedRuns       = 3
	speedRepeatDocs = 100000
)

// median returns the median of xs (the upper one of an even count).
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func percentiles(lat []time.Duration) (p50, p99 float64) {
	if len(lat) == 0 {
		return 0, 0
	}
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	return ms(lat[len(lat)/2]), ms(lat[min(len(lat)-1, len(lat)*99/100)])
}

// sampleDocs picks n documents spread evenly over docs.
func sampleDocs(docs []stemma.Doc, n int) []stemma.Doc {
	out := make([]stemma.Doc, 0, n)
	for i := range n {
		out = append(out, docs[i*len(docs)/n])
	}
	return out
}

func writeJSONL(path string, docs []stemma.Doc) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range docs {
		if err := enc.Encode(&docs[i]); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// scaler builds articles from real text: article k is story k mod
// len(base), with a quarter of its words replaced by words drawn from the
// whole corpus (seeded by k), so a scaled corpus keeps the base's length
// and vocabulary distribution while most articles are distinct from each
// other at the 5-gram level, as in a real archive. The first len(base)
// articles are the base itself. Any article can be built on its own, so a
// corpus of ten million is generated as it is read, never held.
type scaler struct {
	base  []stemma.Doc
	vocab []string
}

func newScaler(base []stemma.Doc) *scaler {
	s := &scaler{base: base}
	for _, d := range base[:min(len(base), 2000)] {
		s.vocab = append(s.vocab, strings.Fields(d.Text)...)
	}
	return s
}

// doc returns article k.
func (s *scaler) doc(k int) stemma.Doc {
	if k < len(s.base) {
		return s.base[k]
	}
	src := s.base[k%len(s.base)]
	rng := rand.New(rand.NewPCG(uint64(k), 0x5eed))
	words := strings.Fields(src.Text)
	for i := range words {
		if rng.IntN(4) == 0 {
			words[i] = s.vocab[rng.IntN(len(s.vocab))]
		}
	}
	d := src
	d.ID = fmt.Sprintf("scaled-%d", k)
	d.Text = strings.Join(words, " ")
	return d
}
