package bench

import (
	"context"
	"os"
	"path/filepath"

	"github.com/stemmanews/stemma/align"
	"github.com/stemmanews/stemma/baseline"
	"github.com/stemmanews/stemma/eval"
	"github.com/stemmanews/stemma/tokenize"
)

// MSRPDir is the folder of Options.Extra holding the Microsoft Research
// Paraphrase Corpus files (msr_paraphrase_train.txt and _test.txt).
const MSRPDir = "msrp"

// MSRPResult is how often stemma's aligner finds a passage between two
// sentences of news that humans judged paraphrases, and between two they
// judged not to be, with and without paraphrase alignment, beside
// MinHash-LSH on the same pairs.
type MSRPResult struct {
	Missing string      `json:"missing,omitempty"`
	Splits  []MSRPSplit `json:"splits,omitempty"`
}

// MSRPSplit is one file of the corpus.
type MSRPSplit struct {
	Split       string `json:"split"`
	Paraphrases int    `json:"paraphrases"`
	Others      int    `json:"others"`
	// Rows, one per method: the pairs of each label it reports as reuse.
	Rows []MSRPRow `json:"rows"`
}

// MSRPRow is one method's detections.
type MSRPRow struct {
	Method                string  `json:"method"`
	ParaphrasesFound      int     `json:"paraphrases_found"`
	OthersFound           int     `json:"others_found"`
	Recall, Precision, F1 float64 `json:"-"`
}

// msrpMinHash is the estimated Jaccard similarity of the baseline, lower
// than the near-duplicate 0.8 since two sentences are compared.
const msrpMinHash = 0.5

func msrpSuite(ctx context.Context, opts Options) (*MSRPResult, error) {
	dir := filepath.Join(opts.Extra, MSRPDir)
	if _, err := os.Stat(filepath.Join(dir, eval.MSRPTestFile)); err != nil {
		return &MSRPResult{Missing: dir}, nil
	}
	exact, err := align.New(align.Options{})
	if err != nil {
		return nil, err
	}
	para, err := align.New(align.Options{Paraphrase: true})
	if err != nil {
		return nil, err
	}
	mh, err := baseline.NewMinHash(baseline.Options{Threshold: msrpMinHash})
	if err != nil {
		return nil, err
	}
	res := &MSRPResult{}
	for _, split := range []struct{ name, file string }{{"train", eval.MSRPTrainFile}, {"test", eval.MSRPTestFile}} {
		pairs, err := eval.LoadMSRP(filepath.Join(dir, split.file))
		if err != nil {
			return nil, err
		}
		if opts.Quick {
			pairs = pairs[:min(len(pairs), 300)]
		}
		s := MSRPSplit{Split: split.name}
		rows := []MSRPRow{{Method: "stemma, paraphrase alignment"}, {Method: "stemma, exact matches only (default)"}, {Method: "MinHash-LSH, estimated Jaccard ≥ 0.5"}}
		var tz tokenize.Tokenizer
		for _, p := range pairs {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			ta, tb := tz.Tokens(p.A, nil), tz.Tokens(p.B, nil)
			found := [3]bool{
				len(para.Align(p.A, ta, p.B, tb)) > 0,
				len(exact.Align(p.A, ta, p.B, tb)) > 0,
				baseline.Estimate(mh.Signature(p.A), mh.Signature(p.B)) >= msrpMinHash,
			}
			if p.Paraphrase {
				s.Paraphrases++
			} else {
				s.Others++
			}
			for i, f := range found {
				switch {
				case f && p.Paraphrase:
					rows[i].ParaphrasesFound++
				case f:
					rows[i].OthersFound++
				}
			}
		}
		for i := range rows {
			r := &rows[i]
			r.Recall = ratioOf(r.ParaphrasesFound, s.Paraphrases)
			r.Precision = ratioOf(r.ParaphrasesFound, r.ParaphrasesFound+r.OthersFound)
			if r.Recall+r.Precision > 0 {
				r.F1 = 2 * r.Recall * r.Precision / (r.Recall + r.Precision)
			}
		}
		s.Rows = rows
		res.Splits = append(res.Splits, s)
	}
	return res, nil
}

func ratioOf(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}
