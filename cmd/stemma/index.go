package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
)

func indexCmd(e *env) *cobra.Command {
	var in ingest.Options
	var ix index.Options
	var quiet, acks bool
	cmd := &cobra.Command{
		Use:   "index [flags] PATH...",
		Short: "Build or extend an index from JSONL, text, HTML, WARC or feed files, directories or stdin (-)",
		Long: `Index reads documents and adds them to the index (--db, default ./stemma.db).

Inputs are JSONL files (gzip'd or not; fields id, series or source, date,
title, url, text), plain-text files (one document each), HTML pages (the
article's main text and metadata are extracted), WARC files (each HTTP 200
HTML response is a page; .warc.gz read record by record), RSS, Atom and JSON
feeds (one document per entry), directories of them, or - for stdin. The
format is detected from the content; --format overrides.

Each batch is committed atomically: a document is traceable as soon as it is
acknowledged. Documents whose ID is already indexed are left alone, so
running the same ingest again adds nothing twice. A document whose text is
byte-identical to an indexed one is recorded as its duplicate (still a
witness when tracing) rather than stored twice. Bad records (malformed JSON,
invalid UTF-8, empty or too-large documents, pages without an article,
truncated or corrupt WARC records, unreadable files) are reported with their
file and line or offset, counted and skipped; WARC records that are not
HTML pages (requests, images, redirects) are counted as ignored.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return e.index(ctx, args, in, ix, quiet, acks)
		},
	}
	f := cmd.Flags()
	f.Var(&in.Format, "format", fmt.Sprintf("input format, one of %q", ingest.Formats()))
	f.IntVar(&in.MaxDocBytes, "max-doc-bytes", ingest.DefaultMaxDocBytes, "largest document text accepted; larger ones are skipped")
	f.IntVar(&in.MaxPageBytes, "max-page-bytes", ingest.DefaultMaxPageBytes, "largest HTML page, feed or WARC payload read; larger ones are skipped")
	f.IntVar(&ix.Workers, "workers", 0, "fingerprinting goroutines (default: number of CPUs)")
	f.IntVar(&ix.MaxPostings, "max-postings", index.DefaultMaxPostings, "ignore fingerprints shared by more documents than this (boilerplate)")
	f.IntVar(&ix.Fingerprint.N, "ngram", 0, "words per fingerprinted n-gram, for a new index (default 5)")
	f.IntVar(&ix.Fingerprint.Window, "window", 0, "winnowing window, for a new index (default 4)")
	f.IntVar(&ix.Fingerprint.StopN, "stop-ngram", 0, "stopword n-gram length, for a new index (default 8; -1: none)")
	f.IntVar(&ix.Fingerprint.Sketch, "sketch", 0, "content words per sentence sketch, which find paraphrased copies, for a new index (default 3; -1: none)")
	f.IntVar(&ix.Fingerprint.Cross, "cross-sketch", 0, "words per cross-language sentence sketch of a text not in English, which find it for English translations (trace --from-languages), for a new index (default 3; -1: none)")
	f.BoolVarP(&quiet, "quiet", "q", false, "print only errors and the summary")
	f.BoolVar(&acks, "acks", false, "print a line after each durable commit: acknowledged COUNT LAST-ID")
	return cmd
}

func (e *env) index(ctx context.Context, paths []string, in ingest.Options, opts index.Options, quiet, acks bool) error {
	if err := in.Validate(); err != nil {
		return err
	}
	in.Stdin = e.stdin
	bar := newProgress(e.stderr, quiet)
	in.OnSkip = func(s ingest.Skip) {
		bar.skipped()
		if !quiet || s.Reason == ingest.Unreadable {
			bar.println(e.stderr, fmt.Sprintf("stemma: skipped %v", s))
		}
	}
	r, err := ingest.NewReader(paths, in)
	if err != nil {
		return err
	}
	defer r.Close()
	ix, err := index.Open(e.db, opts)
	if err != nil {
		return err
	}
	start := time.Now()
	res, ingestErr := ix.Ingest(ctx, func() (stemma.Doc, bool) {
		rec, ok := r.Next()
		if ok {
			bar.read(len(rec.Doc.Text))
		}
		return rec.Doc, ok
	}, func(p index.Progress) {
		bar.committed(p)
		if acks {
			fmt.Fprintf(e.stdout, "acknowledged %d %s\n", p.Added+p.Existing+p.Duplicates, p.LastID)
		}
	})
	bar.wait()
	closeErr := ix.Close()
	sum := r.Summary()
	el := time.Since(start)
	fmt.Fprintf(e.stdout, "indexed %d documents (%.1f MB) in %s, %.0f docs/s; %d duplicates; %d already indexed; %d skipped%s%s\n",
		res.Added, float64(res.Bytes)/1e6, el.Round(time.Millisecond), float64(res.Read)/el.Seconds(),
		res.Duplicates, res.Existing, sum.SkippedTotal(), skipDetail(sum), ignoredDetail(sum))
	if err := errors.Join(ingestErr, closeErr); err != nil {
		return err
	}
	if sum.Skipped[ingest.Unreadable] > 0 {
		return exitError{code: 1}
	}
	return nil
}

// ignoredDetail reports WARC records passed over by design, if any.
func ignoredDetail(s ingest.Summary) string {
	if s.IgnoredTotal() == 0 {
		return ""
	}
	var parts []string
	for _, r := range slices.Sorted(maps.Keys(s.Ignored)) {
		parts = append(parts, fmt.Sprintf("%s %d", r, s.Ignored[r]))
	}
	return fmt.Sprintf("; %d ignored (%s)", s.IgnoredTotal(), strings.Join(parts, ", "))
}

func skipDetail(s ingest.Summary) string {
	if s.SkippedTotal() == 0 {
		return ""
	}
	var parts []string
	for _, r := range slices.Sorted(maps.Keys(s.Skipped)) {
		parts = append(parts, fmt.Sprintf("%s %d", r, s.Skipped[r]))
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// progress shows a bar on a terminal and nothing otherwise.
type progress struct {
	p           *mpb.Progress
	docs, bytes *mpb.Bar
	n           int64
	skips       atomic.Int64
}

func newProgress(w any, quiet bool) *progress {
	f, ok := w.(*os.File)
	if quiet || !ok {
		return &progress{}
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return &progress{}
	}
	prog := &progress{}
	p := mpb.New(mpb.WithOutput(f), mpb.WithWidth(40))
	docs := p.New(0, mpb.NopStyle(),
		mpb.PrependDecorators(decor.Name("indexed "), decor.CurrentNoUnit("%d docs")),
		mpb.AppendDecorators(decor.AverageSpeed(0, " %.0f docs/s"), decor.Any(func(decor.Statistics) string {
			return fmt.Sprintf(", %d skipped", prog.skips.Load())
		})))
	bytes := p.New(0, mpb.NopStyle(),
		mpb.PrependDecorators(decor.Name("read    "), decor.Current(decor.SizeB1000(0), "% .1f")),
		mpb.AppendDecorators(decor.AverageSpeed(decor.SizeB1000(0), " % .1f")))
	prog.p, prog.docs, prog.bytes = p, docs, bytes
	return prog
}

// skipped counts a skipped record in the bar.
func (p *progress) skipped() { p.skips.Add(1) }

// println prints a line above the bar, or plainly when there is none.
func (p *progress) println(w io.Writer, line string) {
	if p.p != nil {
		fmt.Fprintln(p.p, line)
		return
	}
	fmt.Fprintln(w, line)
}

func (p *progress) read(n int) {
	if p.p != nil {
		p.bytes.IncrBy(n)
	}
}

func (p *progress) committed(pr index.Progress) {
	if p.p != nil {
		p.docs.IncrInt64(int64(pr.Added+pr.Existing) - p.n)
		p.n = int64(pr.Added + pr.Existing)
	}
}

func (p *progress) wait() {
	if p.p != nil {
		p.docs.SetTotal(-1, true)
		p.bytes.SetTotal(-1, true)
		p.p.Wait()
	}
}
