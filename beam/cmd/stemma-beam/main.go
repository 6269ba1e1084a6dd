// Command stemma-beam runs stemma's corpus map (`stemma cluster`: reprint
// clusters, copy trees, boilerplate) as an Apache Beam pipeline, on prism
// locally or on Flink, Spark or Dataflow.
//
//	stemma-beam --input 'corpus/*.jsonl.gz' --output clusters.jsonl --summary summary.json
//
// Inputs are file patterns (repeat --input or separate with commas) in any
// file system Beam knows: local paths, gs://, s3://. Each file is read by
// package ingest: JSONL, text, HTML, WARC or feeds, gzip'd or not; bad
// records are counted in the summary's "skipped", never fatal. The rows
// are the JSONL of docs/cluster-jsonl.md, the same as `stemma cluster`
// writes for the same corpus and options.
//
// The runner and its settings are Beam's own flags: --runner (default
// prism), --endpoint, --environment_type, --job_name, and the runner's
// (see the README).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/stemmanews/stemma/beam/pipeline"
	"github.com/stemmanews/stemma/cluster"
)

// patterns collects --input values.
type patterns []string

func (p *patterns) String() string { return strings.Join(*p, ",") }
func (p *patterns) Set(s string) error {
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			*p = append(*p, x)
		}
	}
	return nil
}

func main() {
	var (
		inputs  patterns
		output  = flag.String("output", "", "write the clusters' rows here, as JSONL (required)")
		summary = flag.String("summary", "", "write the corpus summary here, as JSON")
		cfg     pipeline.Config
	)
	flag.Var(&inputs, "input", "input file pattern; repeat or separate with commas (required)")
	flag.IntVar(&cfg.N, "ngram", 0, "words per fingerprinted n-gram (default 5; as the index compared with)")
	flag.IntVar(&cfg.Window, "window", 0, "winnowing window (default 4)")
	flag.IntVar(&cfg.StopN, "stop-ngram", 0, "stopword n-gram length (default 8; -1: none)")
	flag.IntVar(&cfg.MaxPostings, "max-postings", cluster.DefaultMaxPostings, "ignore fingerprints posted by more texts than this")
	flag.IntVar(&cfg.MinHits, "min-hits", cluster.DefaultMinHits, "fewest shared fingerprints that make a pair worth aligning")
	flag.IntVar(&cfg.MaxCandidates, "max-candidates", cluster.DefaultMaxCandidates, "most texts aligned against each text")
	flag.IntVar(&cfg.MaxWords, "max-words", cluster.DefaultMaxWords, "skip texts longer than this many words")
	flag.BoolVar(&cfg.Paraphrase, "paraphrase", false, "also find reworded passages (sentence alignment; slower), as stemma cluster --paraphrase")
	flag.Float64Var(&cfg.Overlap, "overlap", cluster.DefaultOverlap, "share of the shorter passage two passages must overlap to join a cluster")
	flag.IntVar(&cfg.BoilerplateDocs, "boilerplate-docs", cluster.DefaultBoilerplateDocs, "a passage in this many documents of one outlet, and no other, is boilerplate")
	flag.BoolVar(&cfg.KeepBoilerplate, "keep-boilerplate", false, "write boilerplate clusters too, marked")
	flag.IntVar(&cfg.MemoryMB, "memory-mb", cluster.DefaultMemoryMB, "memory for the link and summary workers' buffers, in MiB")
	flag.StringVar(&cfg.Format, "format", "", "input format (default: detected per file)")
	flag.IntVar(&cfg.MaxDocBytes, "max-doc-bytes", 0, "largest document text accepted, in bytes (default 8 MiB)")
	flag.Parse()
	beam.Init()

	if len(inputs) == 0 || *output == "" {
		fmt.Fprintln(os.Stderr, "stemma-beam: error: --input and --output are required")
		fmt.Fprintln(os.Stderr, "stemma-beam: hint: stemma-beam --input 'corpus/*.jsonl.gz' --output clusters.jsonl")
		os.Exit(2)
	}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintf(os.Stderr, "stemma-beam: error: %v\n", err)
		os.Exit(2)
	}
	p, s := beam.NewPipelineWithRoot()
	pipeline.Write(s, pipeline.Build(s, inputs, cfg), *output, *summary)
	if err := beamx.Run(context.Background(), p); err != nil {
		fmt.Fprintf(os.Stderr, "stemma-beam: error: %v\n", err)
		os.Exit(1)
	}
}
