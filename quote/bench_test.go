package quote_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/quote"
)

// longArticles returns the n longest articles of the shared corpora that
// have a quote: the hot path's worst case.
func longArticles(b *testing.B, n int) []stemma.Doc {
	b.Helper()
	var docs []stemma.Doc
	for _, d := range readCorpus(b, nil) {
		if strings.Contains(d.Text, `"`) {
			docs = append(docs, d)
		}
	}
	slices.SortFunc(docs, func(x, y stemma.Doc) int { return len(y.Text) - len(x.Text) })
	return docs[:min(n, len(docs))]
}

// BenchmarkFind finds and attributes the quotes of long articles; the
// figure is per article.
func BenchmarkFind(b *testing.B) {
	docs := longArticles(b, 20)
	bytes := 0
	for _, d := range docs {
		bytes += len(d.Text)
	}
	b.SetBytes(int64(bytes / len(docs)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		quote.Find(docs[i%len(docs)].Text)
	}
}

// BenchmarkCheck checks the quotes of long articles without sources: the
// cost every traced article pays for the orphaned and unattributed
// findings, on top of Find.
func BenchmarkCheck(b *testing.B) {
	docs := longArticles(b, 20)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := quote.Check(&stemma.Report{}, docs[i%len(docs)].Text, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckReprinted checks the quotes of long articles, each
// witnessed by fifty copies of itself (a wire story and its reprints): the
// figure is per article.
func BenchmarkCheckReprinted(b *testing.B) {
	docs := longArticles(b, 20)
	reps := make([]*stemma.Report, len(docs))
	for i, d := range docs {
		all := stemma.Span{Start: 0, End: len(d.Text)}
		p := stemma.Passage{Article: all, Class: stemma.Verbatim}
		for j := range 50 {
			p.Witnesses = append(p.Witnesses, stemma.Witness{Doc: stemma.Doc{ID: fmt.Sprint(d.ID, "-", j)}, Class: stemma.Verbatim,
				Article: all, Source: all, Edits: []stemma.Edit{{Kind: stemma.Match, Article: all, Source: all}}})
		}
		reps[i] = &stemma.Report{Passages: []stemma.Passage{p}}
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		k := i % len(docs)
		if _, err := quote.Check(reps[k], docs[k].Text, func(string) (string, error) { return docs[k].Text, nil }); err != nil {
			b.Fatal(err)
		}
	}
}
