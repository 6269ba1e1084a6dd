package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/synth"
)

func synthCmd(e *env) *cobra.Command {
	var (
		opts      synth.Options
		kind      string
		n, start  int
		maxDoc    int
		spin, ocr float64
		para      float64
	)
	cmd := &cobra.Command{
		Use:   "synth [flags] CORPUS...",
		Short: "Generate labelled copies (reprints, excerpts, stitched, spun, paraphrased, OCR) of a corpus",
		Long: `Synth derives copies of the corpus's articles with known ground truth and
writes them to standard output as JSONL: the document fields (id, source,
date, title, text), which stemma index and stemma trace read, and "truth":
which bytes of the copy came from which bytes of which source, every
sentence's origin, every spin swap and OCR edit, and every reworded
sentence.

--kind is reprint, excerpt, reorder or stitched, optionally followed by
steps +spun, +paraphrased and +ocr, applied in that order when added by a
rate flag ("stitched+paraphrased+spun"); spun alone means reprint+spun.
--spin, --paraphrase and --ocr set the rates, and a non-zero rate adds its
step to any kind. The same corpus, flags and seed give the same output.`,
		Example: `  stemma synth --kind stitched --spin 0.2 --n 100 --seed 1 reuters.jsonl.gz > copies.jsonl`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if para > 0 && !strings.Contains(kind, "paraphrased") {
				kind += "+paraphrased"
			}
			if spin > 0 && !strings.Contains(kind, "spun") {
				kind += "+spun"
			}
			if ocr > 0 && !strings.Contains(kind, "ocr") {
				kind += "+ocr"
			}
			opts.SpinRate, opts.OCRRate, opts.ParaphraseRate = spin, ocr, para
			if err := opts.Validate(); err != nil {
				return err
			}
			if err := synth.CheckKind(kind); err != nil {
				return hintError{err, "kinds: reprint, excerpt, reorder, stitched, spun, paraphrased, ocr, and combinations such as stitched+paraphrased+ocr"}
			}
			if n < 0 {
				return fmt.Errorf("--n is %d, must not be negative", n)
			}
			docs, err := e.readCorpus(args, ingest.Options{MaxDocBytes: maxDoc})
			if err != nil {
				return err
			}
			g, err := synth.New(docs, opts)
			if err != nil {
				return err
			}
			w := bufio.NewWriter(e.stdout)
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			for i := start; i < start+n; i++ {
				c, err := g.Make(kind, i)
				if err != nil {
					return err
				}
				if err := enc.Encode(c.Record()); err != nil {
					return err
				}
			}
			return w.Flush()
		},
	}
	f := cmd.Flags()
	f.StringVar(&kind, "kind", "stitched", "kind of copy: reprint, excerpt, reorder, stitched, spun, paraphrased, ocr, or a combination like stitched+spun")
	f.Float64Var(&spin, "spin", 0, fmt.Sprintf("share of spin candidates to swap (0: none, or %.1f if --kind has spun)", synth.DefaultSpinRate))
	f.Float64Var(&para, "paraphrase", 0, fmt.Sprintf("share of sentences to reword (0: none, or %.1f if --kind has paraphrased)", synth.DefaultParaphraseRate))
	f.Float64Var(&ocr, "ocr", 0, fmt.Sprintf("share of letters and digits to garble (0: none, or %.2f if --kind has ocr)", synth.DefaultOCRRate))
	f.IntVar(&n, "n", 100, "number of copies")
	f.IntVar(&start, "start", 0, "number of the first copy (copies are numbered; the same number gives the same copy)")
	f.Uint64Var(&opts.Seed, "seed", 1, "random seed")
	f.IntVar(&maxDoc, "max-doc-bytes", ingest.DefaultMaxDocBytes, "largest document text accepted; larger ones are skipped")
	return cmd
}

// readCorpus reads every document of paths into memory, reporting skips.
func (e *env) readCorpus(paths []string, in ingest.Options) ([]stemma.Doc, error) {
	in.Stdin = e.stdin
	in.OnSkip = func(s ingest.Skip) { fmt.Fprintf(e.stderr, "stemma: skipped %v\n", s) }
	r, err := ingest.NewReader(paths, in)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var docs []stemma.Doc
	for {
		rec, ok := r.Next()
		if !ok {
			break
		}
		docs = append(docs, rec.Doc)
	}
	if sum := r.Summary(); sum.Skipped[ingest.Unreadable] > 0 && len(docs) == 0 {
		return nil, fmt.Errorf("no readable input in %q", paths)
	}
	return docs, nil
}
