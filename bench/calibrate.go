package bench

import (
	"context"
	"math"
	"os"
	"path/filepath"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/align"
	"github.com/stemmanews/stemma/eval"
	"github.com/stemmanews/stemma/tokenize"
)

// CalibrationResult is how well the confidence of paraphrased passages
// (align.Alignment.Confidence) holds: the model refitted on the PAN 2013
// training corpus beside the one stemma ships, and the reliability of the
// shipped one on the test corpus.
type CalibrationResult struct {
	Missing string `json:"missing,omitempty"`
	// Shipped are the weights in package align and Refit those fitted in
	// this run on the training corpus.
	Shipped []float64 `json:"shipped"`
	Refit   []float64 `json:"refit"`
	// Train and Test score the shipped model on each corpus.
	Train CalibrationScore `json:"train"`
	Test  CalibrationScore `json:"test"`
}

// CalibrationScore is a model's reliability on one corpus: the passages
// sentence alignment proposes, how many are reuse, and per tenth of the
// predicted probability the share that are.
type CalibrationScore struct {
	Passages, Reuse int
	// Kept, Precision and Recall are at align.DefaultMinConfidence.
	Kept              int
	Precision, Recall float64
	Bins              []CalibrationBin
}

// CalibrationBin is one tenth of the probability range.
type CalibrationBin struct {
	Lo, Hi   float64
	Passages int
	Observed float64 // share that are reuse
}

// calibrationRow is one proposed passage: its features and whether it is
// reuse (at least half of its article side lies in a true case).
type calibrationRow struct {
	x     []float64
	reuse bool
}

func calibrationSuite(ctx context.Context, opts Options) (*CalibrationResult, error) {
	root := filepath.Join(opts.Extra, PAN13Dir)
	if _, err := os.Stat(filepath.Join(root, "train")); err != nil {
		return &CalibrationResult{Missing: root}, nil
	}
	limit := 0
	if opts.Quick {
		limit = 40
	}
	train, err := calibrationRows(ctx, filepath.Join(root, "train"), limit)
	if err != nil {
		return nil, err
	}
	test, err := calibrationRows(ctx, filepath.Join(root, "test"), limit)
	if err != nil {
		return nil, err
	}
	shipped := align.ConfidenceWeights()
	return &CalibrationResult{
		Shipped: shipped,
		Refit:   fitLogistic(train),
		Train:   scoreCalibration(train, shipped),
		Test:    scoreCalibration(test, shipped),
	}, nil
}

// calibrationRows aligns every listed pair of the corpus's parts with
// paraphrase alignment and a confidence floor near 0, and labels each
// paraphrased passage (up to limit pairs a part, 0: all).
func calibrationRows(ctx context.Context, dir string, limit int) ([]calibrationRow, error) {
	al, err := align.New(align.Options{Paraphrase: true, MinConfidence: 1e-9})
	if err != nil {
		return nil, err
	}
	var rows []calibrationRow
	var tz tokenize.Tokenizer
	for _, part := range pan13Parts {
		p, err := eval.LoadPANDir(dir, part)
		if err != nil {
			return nil, err
		}
		if limit > 0 {
			p = p.Subset(limit)
		}
		cases := map[eval.PANPair][]eval.Case{}
		for _, c := range p.Cases {
			k := eval.PANPair{Suspicious: c.Suspicious, Source: c.Source}
			cases[k] = append(cases[k], c)
		}
		for _, pr := range p.Pairs {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			a, b := p.Docs[pr.Suspicious], p.Docs[pr.Source]
			ta, tb := tz.Tokens(a, nil), tz.Tokens(b, nil)
			for _, x := range al.Align(a, ta, b, tb) {
				if !x.Paraphrase {
					continue
				}
				sp := stemma.Span{Start: int(ta[x.A0].Start), End: int(ta[x.A1-1].End)}
				ov := 0
				for _, c := range cases[pr] {
					ov += c.SuspiciousSpan.Overlap(sp)
				}
				rows = append(rows, calibrationRow{x: align.ConfidenceFeatures(&x), reuse: 2*ov >= sp.Len()})
			}
		}
	}
	return rows, nil
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

func predict(w, x []float64) float64 {
	z := 0.0
	for i := range w {
		z += w[i] * x[i]
	}
	return sigmoid(z)
}

// fitLogistic fits a logistic regression by batch gradient descent (3000
// steps of 0.5, from zero): deterministic, and enough for seven features.
func fitLogistic(rows []calibrationRow) []float64 {
	if len(rows) == 0 {
		return nil
	}
	w := make([]float64, len(rows[0].x))
	g := make([]float64, len(w))
	for range 3000 {
		clear(g)
		for _, r := range rows {
			d := predict(w, r.x)
			if r.reuse {
				d--
			}
			for i := range w {
				g[i] += d * r.x[i]
			}
		}
		for i := range w {
			w[i] -= 0.5 * g[i] / float64(len(rows))
		}
	}
	for i := range w {
		w[i] = math.Round(w[i]*1e4) / 1e4
	}
	return w
}

func scoreCalibration(rows []calibrationRow, w []float64) CalibrationScore {
	s := CalibrationScore{Passages: len(rows), Bins: make([]CalibrationBin, 10)}
	tp := 0
	for i := range s.Bins {
		s.Bins[i].Lo, s.Bins[i].Hi = float64(i)/10, float64(i+1)/10
	}
	reuse := make([]int, 10)
	for _, r := range rows {
		p := predict(w, r.x)
		b := min(9, int(p*10))
		s.Bins[b].Passages++
		if r.reuse {
			s.Reuse++
			reuse[b]++
		}
		if p >= align.DefaultMinConfidence {
			s.Kept++
			if r.reuse {
				tp++
			}
		}
	}
	for i := range s.Bins {
		if s.Bins[i].Passages > 0 {
			s.Bins[i].Observed = float64(reuse[i]) / float64(s.Bins[i].Passages)
		}
	}
	if s.Kept > 0 {
		s.Precision = float64(tp) / float64(s.Kept)
	}
	if s.Reuse > 0 {
		s.Recall = float64(tp) / float64(s.Reuse)
	}
	return s
}
