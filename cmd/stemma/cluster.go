package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/stemmanews/stemma/cluster"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/internal/memlimit"
)

func clusterCmd(e *env) *cobra.Command {
	var (
		opts        cluster.RunOptions
		format      = cluster.JSONL
		out         string
		summary     bool
		summaryJSON string
		work        string
		quiet       bool
	)
	cmd := &cobra.Command{
		Use:   "cluster [flags]",
		Short: "Map the whole index: reprint clusters, copy trees and boilerplate, as passim-style JSONL",
		Long: `Cluster finds every passage that two indexed documents share, groups the
passages into reprint clusters and gives each cluster's members (document,
outlet, date, byte span) and copy tree: for each member, the earlier member it
most likely copied from, with the similarity, a confidence and the spin
between them. Boilerplate that recurs within one outlet (in 5 or more of its
documents and in no other outlet) is left out.

Clusters are written as JSONL, one line per member with passim's fields
(cluster, size, uid, id, series, date, begin, end, text) and stemma's (see
docs/cluster-jsonl.md), or as CSV (--format csv), to --out (default stdout;
a file is written whole or not at all). --summary prints clusters by size,
the largest families, the reused share of each outlet's text and the
outlet-to-outlet copy matrix.

The job streams within --memory-mb, spilling to --work. If it is interrupted,
running the same command again resumes from its last checkpoint; the work
directory is removed when the job completes.`,
		Example: `  stemma cluster --out clusters.jsonl --summary
  stemma cluster --format csv --out clusters.csv --memory-mb 512`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			check := opts.Options
			check.EnsureDefaults()
			if err := check.Validate(); err != nil {
				return err
			}
			if work == "" {
				work = e.db + ".cluster"
			}
			return e.cluster(ctx, opts, format, out, work, summary, summaryJSON, quiet)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "out", "o", "", "write the clusters to this file (default stdout)")
	f.Var(&format, "format", "output format: jsonl or csv")
	f.BoolVar(&summary, "summary", false, "print the corpus summary: sizes, largest families, reuse by outlet, copy matrix")
	f.StringVar(&summaryJSON, "summary-json", "", "write the summary as JSON to this file")
	f.StringVar(&work, "work", "", "work directory for spill files and the checkpoint (default DB.cluster)")
	f.IntVar(&opts.MemoryMB, "memory-mb", cluster.DefaultMemoryMB, "memory for the job's buffers, in MiB; beyond it they spill to --work")
	f.IntVar(&opts.Workers, "workers", 0, "goroutines that tokenise and align (default: number of CPUs)")
	f.IntVar(&opts.MaxPostings, "max-postings", cluster.DefaultMaxPostings, "ignore fingerprints posted by more texts than this")
	f.IntVar(&opts.MinHits, "min-hits", cluster.DefaultMinHits, "fewest shared fingerprints that make a pair worth aligning")
	f.IntVar(&opts.MaxCandidates, "max-candidates", cluster.DefaultMaxCandidates, "most texts aligned against each text")
	f.IntVar(&opts.MaxWords, "max-words", cluster.DefaultMaxWords, "skip texts longer than this many words")
	f.BoolVar(&opts.Align.Paraphrase, "paraphrase", false, "also find reworded passages: sentence sketches find the candidates and sentence alignment the passages (slower)")
	f.Float64Var(&opts.Overlap, "overlap", cluster.DefaultOverlap, "share of the shorter passage two passages must overlap to join a cluster")
	f.IntVar(&opts.BoilerplateDocs, "boilerplate-docs", cluster.DefaultBoilerplateDocs, "a passage in this many documents of one outlet, and no other, is boilerplate")
	f.BoolVar(&opts.KeepBoilerplate, "keep-boilerplate", false, "write boilerplate clusters too, marked \"boilerplate\": true")
	f.BoolVarP(&quiet, "quiet", "q", false, "no progress display")
	return cmd
}

func (e *env) cluster(ctx context.Context, opts cluster.RunOptions, format cluster.Format, out, work string, summary bool, summaryJSON string, quiet bool) error {
	ix, err := openIndex(e.db)
	if err != nil {
		return err
	}
	defer ix.Close()

	var w io.Writer = e.stdout
	var file *os.File
	if out != "" && out != "-" {
		if file, err = os.Create(out + "~"); err != nil {
			return err
		}
		defer func() {
			if file != nil {
				file.Close()
				os.Remove(out + "~")
			}
		}()
		w = file
	}
	// Keep the process within --memory-mb: Run plans its buffers within
	// it (see package cluster), and Go's soft memory limit, held at the
	// budget less what the process holds outside Go (the index's block
	// cache, cgo's allocations, the program's code; measured as it runs),
	// stops the collector from letting garbage take the process past it.
	// GOMEMLIMIT, if set, wins.
	if os.Getenv("GOMEMLIMIT") == "" && opts.MemoryMB > 0 {
		stop := memlimit.Hold(ctx, int64(opts.MemoryMB)<<20, index.DefaultCacheBytes+codeBytes)
		defer stop()
	}
	cw := cluster.NewWriter(w, format)
	opts.Emit = cw.Write
	opts.WorkDir = work
	bar := newClusterProgress(e.stderr, quiet)
	opts.Progress = bar.update
	start := time.Now()
	sum, err := cluster.Run(ctx, ix, opts)
	bar.wait()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return hintError{fmt.Errorf("interrupted: %w", err), "run the same command again to resume from the checkpoint in " + work}
		}
		return err
	}
	if err := cw.Flush(); err != nil {
		return err
	}
	if file != nil {
		if err := file.Sync(); err != nil {
			return err
		}
		if err := file.Close(); err != nil {
			return err
		}
		if err := os.Rename(out+"~", out); err != nil {
			return err
		}
		file = nil
	}
	os.RemoveAll(work)
	if summaryJSON != "" {
		b, err := json.MarshalIndent(sum, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(summaryJSON, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	report := e.stderr
	if out != "" && out != "-" {
		report = e.stdout
	}
	if summary {
		return sum.WriteText(report)
	}
	bp := "left out"
	if opts.KeepBoilerplate {
		bp = "kept, marked"
	}
	fmt.Fprintf(report, "clustered %d documents in %s: %d clusters, %d members over %d documents, %.1f%% of the text reused; %d boilerplate passages %s%s\n",
		sum.Documents, time.Since(start).Round(time.Millisecond), sum.Clusters, sum.Members, sum.ClusteredDocs,
		100*sum.ReusedShare, sum.Link.BoilerplatePassages, bp, skippedDetail(sum.Skipped))
	return nil
}

// codeBytes is about what the stemma binary's code and data take resident.
const codeBytes = 32 << 20

func skippedDetail(m map[string]int) string {
	n := 0
	for _, v := range m {
		n += v
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("; %d documents skipped %v", n, m)
}

// clusterProgress shows one bar per phase on a terminal, nothing otherwise.
type clusterProgress struct {
	p     *mpb.Progress
	f     *os.File
	phase cluster.Phase
	bar   *mpb.Bar
}

func newClusterProgress(w any, quiet bool) *clusterProgress {
	f, ok := w.(*os.File)
	if quiet || !ok {
		return &clusterProgress{}
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return &clusterProgress{}
	}
	return &clusterProgress{p: mpb.New(mpb.WithOutput(f), mpb.WithWidth(40)), f: f}
}

func (c *clusterProgress) update(pr cluster.Progress) {
	if c.p == nil {
		return
	}
	if pr.Phase != c.phase {
		if c.bar != nil {
			c.bar.SetTotal(-1, true)
		}
		c.phase = pr.Phase
		c.bar = c.p.New(pr.Total, mpb.BarStyle(),
			mpb.PrependDecorators(decor.Name(fmt.Sprintf("%-6s", pr.Phase)), decor.CountersNoUnit(" %d/%d")),
			mpb.AppendDecorators(decor.Elapsed(decor.ET_STYLE_GO)))
	}
	c.bar.SetCurrent(pr.Done)
}

func (c *clusterProgress) wait() {
	if c.p == nil {
		return
	}
	if c.bar != nil {
		c.bar.SetTotal(-1, true)
	}
	c.p.Wait()
}
