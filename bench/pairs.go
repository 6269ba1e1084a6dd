package bench

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/baseline"
	"github.com/stemmanews/stemma/tokenize"
	"github.com/stemmanews/stemma/trace"
)

// PairsResult is a corpus's document pairs that share text, as found by
// tracing every document against the rest, next to the exact truth and the
// MinHash-LSH baseline.
type PairsResult struct {
	Corpus string `json:"corpus"`
	Docs   int    `json:"docs"`
	// Truth sets, computed exactly (package baseline): documents equal
	// after whitespace normalisation, and word-5-gram Jaccard ≥ 0.5 and
	// ≥ 0.8 (words are lowercased runs of letters and digits).
	ExactDuplicates Recall `json:"exact_duplicates"`
	Jaccard50       Recall `json:"jaccard_50"`
	Jaccard80       Recall `json:"jaccard_80"`
	// MinHash80 and MinHash50 are the recall of MinHash-LSH (128
	// permutations, threshold 0.8) over the same truth sets.
	MinHash80 Recall `json:"minhash_jaccard_80"`
	MinHash50 Recall `json:"minhash_jaccard_50"`
	// Pairs is every document pair stemma reports sharing a passage;
	// MinHashPairs every pair the baseline reports.
	Pairs        int `json:"pairs"`
	MinHashPairs int `json:"minhash_pairs"`
	// VerbatimMismatches counts passages classed verbatim whose two sides
	// are not the same words: it must be 0.
	VerbatimMismatches int `json:"verbatim_mismatches"`
	VerbatimPassages   int `json:"verbatim_passages"`
	// Seconds: stemma indexing plus tracing every document; the baseline's
	// signatures plus LSH all-pairs.
	Seconds         float64   `json:"seconds"`
	MinHashSeconds  float64   `json:"minhash_seconds"`
	Examples        []Example `json:"examples,omitempty"`
	MissedJaccard50 []string  `json:"missed_jaccard_50,omitempty"`
}

// Recall is how many of a truth set were found.
type Recall struct {
	Truth int     `json:"truth"`
	Found int     `json:"found"`
	Rate  float64 `json:"recall"`
}

func recall(truth []baseline.Pair, found map[[2]int]bool) Recall {
	r := Recall{Truth: len(truth)}
	for _, p := range truth {
		if found[key(p.A, p.B)] {
			r.Found++
		}
	}
	if r.Truth > 0 {
		r.Rate = float64(r.Found) / float64(r.Truth)
	} else {
		r.Rate = 1
	}
	return r
}

func key(a, b int) [2]int { return [2]int{min(a, b), max(a, b)} }

// Example is one traced pair shown in the benchmarks page.
type Example struct {
	Kind       string   `json:"kind"`
	Article    string   `json:"article"`
	Title      string   `json:"title"`
	Witness    string   `json:"witness"`
	Jaccard    float64  `json:"jaccard"`
	Class      string   `json:"class"`
	Similarity float64  `json:"similarity"`
	ArticleAt  [2]int   `json:"article_span"`
	WitnessAt  [2]int   `json:"witness_span"`
	Text       string   `json:"text"`
	Changes    []string `json:"changes"`
}

func pairsSuite(ctx context.Context, name string, docs []stemma.Doc, examples int) (*PairsResult, error) {
	res := &PairsResult{Corpus: name, Docs: len(docs)}
	texts := make([]string, len(docs))
	pos := make(map[string]int, len(docs))
	for i, d := range docs {
		texts[i] = d.Text
		pos[d.ID] = i
	}
	dups := baseline.ExactDuplicates(texts)
	j50, err := baseline.ExactPairs(texts, 5, 0.5)
	if err != nil {
		return nil, err
	}
	var j80 []baseline.Pair
	jac := map[[2]int]float64{}
	for _, p := range j50 {
		jac[key(p.A, p.B)] = p.Jaccard
		if p.Jaccard >= 0.8 {
			j80 = append(j80, p)
		}
	}

	// stemma: index, then trace every document against the rest.
	start := time.Now()
	ix, done, err := tempIndex()
	if err != nil {
		return nil, err
	}
	defer done()
	i := 0
	if _, err := ix.Ingest(ctx, func() (stemma.Doc, bool) {
		if i == len(docs) {
			return stemma.Doc{}, false
		}
		i++
		return docs[i-1], true
	}, nil); err != nil {
		return nil, err
	}
	tr, err := trace.New(ix, trace.Options{})
	if err != nil {
		return nil, err
	}
	found := map[[2]int]bool{}
	var candidates []Example
	for a, d := range docs {
		rep, err := tr.Trace(ctx, d)
		if err != nil {
			return nil, err
		}
		for _, s := range rep.Sources {
			found[key(a, pos[s.Doc.ID])] = true
		}
		for _, p := range rep.Passages {
			for _, w := range p.Witnesses {
				b := pos[w.Doc.ID]
				if w.Class == stemma.Verbatim {
					res.VerbatimPassages++
					if !sameWords(d.Text[w.Article.Start:w.Article.End], docs[b].Text[w.Source.Start:w.Source.End]) {
						res.VerbatimMismatches++
					}
				}
				if examples > 0 && a < b {
					candidates = append(candidates, example(d, docs[b], w, jac[key(a, b)]))
				}
			}
		}
	}
	res.Seconds = time.Since(start).Seconds()
	res.Pairs = len(found)
	res.ExactDuplicates = recall(dups, found)
	res.Jaccard50 = recall(j50, found)
	res.Jaccard80 = recall(j80, found)
	for _, p := range j50 {
		if !found[key(p.A, p.B)] && len(res.MissedJaccard50) < 20 {
			res.MissedJaccard50 = append(res.MissedJaccard50, docs[p.A].ID+" "+docs[p.B].ID)
		}
	}

	// The baseline over the same texts.
	start = time.Now()
	mh, err := baseline.AllPairs(texts, baseline.Options{})
	if err != nil {
		return nil, err
	}
	res.MinHashSeconds = time.Since(start).Seconds()
	mhFound := map[[2]int]bool{}
	for _, p := range mh {
		mhFound[key(p.A, p.B)] = true
	}
	res.MinHashPairs = len(mh)
	res.MinHash80 = recall(j80, mhFound)
	res.MinHash50 = recall(j50, mhFound)
	res.Examples = pickExamples(candidates, examples)
	return res, nil
}

// sameWords reports whether two texts have the same word terms.
func sameWords(a, b string) bool {
	x, y := tokenize.Tokens(a), tokenize.Tokens(b)
	return slices.EqualFunc(x, y, func(s, t tokenize.Token) bool { return s.Term == t.Term })
}

func example(a, b stemma.Doc, w stemma.Witness, j float64) Example {
	ex := Example{
		Article: a.ID, Title: a.Title, Witness: b.ID, Jaccard: j,
		Class: string(w.Class), Similarity: w.Similarity,
		ArticleAt: [2]int{w.Article.Start, w.Article.End},
		WitnessAt: [2]int{w.Source.Start, w.Source.End},
		Text:      a.Text[w.Article.Start:w.Article.End],
	}
	for _, e := range w.Edits {
		switch e.Kind {
		case stemma.Substitute:
			ex.Changes = append(ex.Changes, "“"+oneLine(e.SourceText)+"” → “"+oneLine(e.ArticleText)+"”")
		case stemma.Insert:
			ex.Changes = append(ex.Changes, "+ “"+oneLine(e.ArticleText)+"”")
		case stemma.Delete:
			ex.Changes = append(ex.Changes, "− “"+oneLine(e.SourceText)+"”")
		}
	}
	return ex
}

// pickExamples takes up to n examples of different kinds: a verbatim
// repeat, a corrected story (near-verbatim with changes), and a partial
// reuse between otherwise different stories.
func pickExamples(cands []Example, n int) []Example {
	kinds := []struct {
		kind string
		ok   func(e Example) bool
	}{
		{"repeated story (verbatim)", func(e Example) bool {
			return e.Class == string(stemma.Verbatim) && e.Jaccard >= 0.99 && len(e.Text) > 300
		}},
		{"corrected story (near-verbatim)", func(e Example) bool {
			return e.Class == string(stemma.NearVerbatim) && len(e.Changes) >= 2 && len(e.Changes) <= 6 && len(e.Text) > 300
		}},
		{"shared passage in a different story", func(e Example) bool {
			return e.Jaccard < 0.3 && len(e.Text) > 200 && len(e.Changes) >= 1
		}},
	}
	slices.SortStableFunc(cands, func(x, y Example) int { return cmp.Compare(x.Article, y.Article) })
	var out []Example
	for _, k := range kinds {
		if len(out) == n {
			break
		}
		for _, c := range cands {
			if k.ok(c) {
				c.Kind = k.kind
				out = append(out, c)
				break
			}
		}
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
