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
	tr, err := trace.New(ix, trace.Options{})
	if err != nil {
		return nil, err
	}
	suspicious := map[string]bool{}
	for _, pr := range p.Pairs {
		suspicious[pr.Suspicious] = true
	}
	var dets []eval.Detection
	for _, s := range slices.Sorted(maps.Keys(suspicious)) {
		rep, err := tr.Trace(ctx, stemma.Doc{ID: s, Text: p.Docs[s]})
		if err != nil {
			return nil, err
		}
		for _, ps := range rep.Passages {
			for _, w := range ps.Witnesses {
				dets = append(dets, eval.Detection{Suspicious: s, Source: w.Doc.ID, SuspiciousSpan: w.Article, SourceSpan: w.Source})
			}
		}
	}
	res := &PANResult{
		Docs: len(p.Docs), Pairs: len(p.Pairs), Suspicious: len(suspicious),
		Score: p.Score(dets), Seconds: time.Since(start).Seconds(), Quick: opts.Quick,
		Options: map[string]any{"min_words": 12, "seed": 3, "ngram": 5, "window": 4},
	}
	res.Misses = p.Missed(dets)
	if len(res.Misses) > 20 {
		res.Misses = res.Misses[:20]
	}
	return res, nil
}
