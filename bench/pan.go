package bench

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/eval"
	"github.com/stemmanews/stemma/trace"
)

// PANResult is stemma's score on the PAN 2013 no-obfuscation subset: every
// document indexed, every suspicious document traced, and the passages
// reported against its listed sources scored (package eval).
type PANResult struct {
	Docs       int            `json:"docs"`
	Pairs      int            `json:"pairs"`
	Suspicious int            `json:"suspicious"`
	Score      eval.PANScore  `json:"score"`
	Seconds    float64        `json:"seconds"`
	Misses     []eval.Case    `json:"misses,omitempty"`
	Quick      bool           `json:"quick"`
	Options    map[string]any `json:"options"`
}

func panSuite(ctx context.Context, opts Options) (*PANResult, error) {
	p, err := eval.LoadPAN(opts.Data)
	if err != nil {
		return nil, err
	}
	if opts.Quick {
		p = p.Subset(100)
	}
	run, err := tracePAN(ctx, p, trace.Options{})
	if err != nil {
		return nil, err
	}
	res := &PANResult{
		Docs: len(p.Docs), Pairs: len(p.Pairs), Suspicious: run.suspicious,
		Score: p.Score(run.dets), Seconds: run.seconds, Quick: opts.Quick,
		Options: map[string]any{"min_words": 12, "seed": 3, "ngram": 5, "window": 4},
	}
	res.Misses = p.Missed(run.dets)
	if len(res.Misses) > 20 {
		res.Misses = res.Misses[:20]
	}
	return res, nil
}

// panRun is what tracing a PAN corpus gave.
type panRun struct {
	dets       []eval.Detection
	suspicious int
	seconds    float64 // indexing and tracing
	traceSecs  float64 // tracing alone
}

// tracePAN indexes every document of p, traces each suspicious document
// of its pairs with topts, and returns the passages reported as
// detections.
func tracePAN(ctx context.Context, p *eval.PAN, topts trace.Options) (*panRun, error) {
	start := time.Now()
	ix, done, err := tempIndex()
	if err != nil {
		return nil, err
	}
	defer done()
	var docs []stemma.Doc
	for _, id := range slices.Sorted(maps.Keys(p.Docs)) {
		docs = append(docs, stemma.Doc{ID: id, Text: p.Docs[id]})
	}
	if _, err := ix.Add(docs...); err != nil {
		return nil, err
	}
	tr, err := trace.New(ix, topts)
	if err != nil {
		return nil, err
	}
	suspicious := map[string]bool{}
	for _, pr := range p.Pairs {
		suspicious[pr.Suspicious] = true
	}
	run := &panRun{suspicious: len(suspicious)}
	traceStart := time.Now()
	for _, s := range slices.Sorted(maps.Keys(suspicious)) {
		rep, err := tr.Trace(ctx, stemma.Doc{ID: s, Text: p.Docs[s]})
		if err != nil {
			return nil, err
		}
		for _, ps := range rep.Passages {
			for _, w := range ps.Witnesses {
				run.dets = append(run.dets, eval.Detection{Suspicious: s, Source: w.Doc.ID, SuspiciousSpan: w.Article, SourceSpan: w.Source})
			}
		}
	}
	run.traceSecs = time.Since(traceStart).Seconds()
	run.seconds = time.Since(start).Seconds()
	return run, nil
}
