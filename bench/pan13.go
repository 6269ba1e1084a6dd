package bench

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/align"
	"github.com/stemmanews/stemma/baseline"
	"github.com/stemmanews/stemma/eval"
	"github.com/stemmanews/stemma/trace"
)

// PAN13Dir is the folder of Options.Extra that holds the PAN 2013
// text-alignment training and test corpora in their official layout:
// pan13/train/{src,susp,01-no-plagiarism,…} and pan13/test/….
const PAN13Dir = "pan13"

// PAN13Result is stemma's score on the obfuscated parts of the full PAN
// 2013 text-alignment corpus, per split and part, next to a document-level
// MinHash-LSH detector on the same pairs.
type PAN13Result struct {
	// Missing is set, with the path looked at, when the corpus is not at
	// hand: then nothing was run.
	Missing string     `json:"missing,omitempty"`
	Runs    []PAN13Run `json:"runs,omitempty"`
}

// PAN13Run is one split, part and configuration.
type PAN13Run struct {
	Split  string `json:"split"`
	Part   string `json:"part"`
	Config string `json:"config"`
	Docs   int    `json:"docs"`
	Pairs  int    `json:"pairs"`
	Cases  int    `json:"cases"`
	// Score is stemma's; MinHash is MinHash-LSH's, taking each listed pair
	// whose documents it finds similar as one detection of the whole of
	// both documents.
	Score   eval.PANScore `json:"score"`
	MinHash eval.PANScore `json:"minhash"`
	// Seconds is the time to index the part and trace every suspicious
	// document, and TraceSeconds the tracing alone.
	Seconds      float64 `json:"seconds"`
	TraceSeconds float64 `json:"trace_seconds"`
}

// pan13Parts are the parts measured, in the order of the page.
var pan13Parts = []string{eval.PartVerbatim, eval.PartRandom, eval.PartSummary, eval.PartNone}

// pan13Configs are the tracer configurations each part is traced with.
var pan13Configs = []struct {
	name string
	opts trace.Options
}{
	{"default", trace.Options{}},
	{"paraphrase", trace.Options{Align: align.Options{Paraphrase: true}}},
}

// pan13MinHashThreshold is the estimated Jaccard similarity at which the
// baseline calls two documents a reuse pair: lower than the 0.8 of
// near-duplicate detection, since a pair shares only a passage.
const pan13MinHashThreshold = 0.5

func pan13Suite(ctx context.Context, opts Options) (*PAN13Result, error) {
	root := filepath.Join(opts.Extra, PAN13Dir)
	if _, err := os.Stat(filepath.Join(root, "train")); err != nil {
		return &PAN13Result{Missing: root}, nil
	}
	res := &PAN13Result{}
	for _, split := range []string{"train", "test"} {
		for _, part := range pan13Parts {
			p, err := eval.LoadPANDir(filepath.Join(root, split), part)
			if err != nil {
				return nil, err
			}
			if opts.Quick {
				p = p.Subset(60)
			}
			mh, err := pan13MinHash(p)
			if err != nil {
				return nil, err
			}
			for _, cfg := range pan13Configs {
				run, err := tracePAN(ctx, p, cfg.opts)
				if err != nil {
					return nil, fmt.Errorf("PAN 2013 %s %s: %w", split, part, err)
				}
				res.Runs = append(res.Runs, PAN13Run{
					Split: split, Part: part, Config: cfg.name,
					Docs: len(p.Docs), Pairs: len(p.Pairs), Cases: len(p.Cases),
					Score: p.Score(run.dets), MinHash: mh,
					Seconds: run.seconds, TraceSeconds: run.traceSecs,
				})
			}
		}
	}
	return res, nil
}

// pan13MinHash scores MinHash-LSH as a document-level detector: every
// listed pair whose estimated Jaccard similarity reaches the threshold is
// one detection covering both whole documents.
func pan13MinHash(p *eval.PAN) (eval.PANScore, error) {
	ids := slices.Sorted(maps.Keys(p.Docs))
	at := make(map[string]int, len(ids))
	texts := make([]string, len(ids))
	for i, id := range ids {
		at[id] = i
		texts[i] = p.Docs[id]
	}
	pairs, err := baseline.AllPairs(texts, baseline.Options{Threshold: pan13MinHashThreshold})
	if err != nil {
		return eval.PANScore{}, err
	}
	similar := map[[2]int]bool{}
	for _, pr := range pairs {
		similar[[2]int{pr.A, pr.B}] = true
	}
	var dets []eval.Detection
	for _, pr := range p.Pairs {
		a, b := at[pr.Suspicious], at[pr.Source]
		if similar[[2]int{min(a, b), max(a, b)}] {
			dets = append(dets, eval.Detection{
				Suspicious: pr.Suspicious, Source: pr.Source,
				SuspiciousSpan: wholeSpan(p.Docs[pr.Suspicious]), SourceSpan: wholeSpan(p.Docs[pr.Source]),
			})
		}
	}
	return p.Score(dets), nil
}

func wholeSpan(text string) stemma.Span { return stemma.Span{End: len(text)} }
