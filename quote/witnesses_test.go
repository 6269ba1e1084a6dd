package quote_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/quote"
)

// TestCheckReadsUntilConfirmed checks that Check reads a quote's witnesses
// origin first and stops at the first that carries the quote word for word
// with its speaker, and that the findings are those of reading them all: a
// story reprinted by many outlets costs one reading, not one an outlet.
func TestCheckReadsUntilConfirmed(t *testing.T) {
	const (
		article = `Talks broke down on Monday. "We will not sign this deal," said Maria Lopez, the union's leader.`
		same    = `Talks broke down on Monday. "We will not sign this deal," said Maria Lopez, the union's leader.`
		altered = `Talks broke down on Monday. "We will never sign this deal," said Maria Lopez, the union's leader.`
		other   = `Talks broke down on Monday. "We will not sign this deal," said John Smith, the union's leader.`
	)
	for _, c := range []struct {
		name    string
		sources []string // the witnesses' texts, the first the origin
		read    []string // the witnesses Check must read, in order
		want    []stemma.QuoteProblem
	}{
		{"the origin confirms it", []string{same, altered, other}, []string{"w0"}, nil},
		{"the origin alters it, the next confirms it", []string{altered, same, other}, []string{"w0", "w1"}, nil},
		{"one has the words, another the speaker", []string{other, altered, same}, []string{"w0", "w1"}, nil},
		{"none confirms it", []string{altered, altered}, []string{"w0", "w1"}, []stemma.QuoteProblem{stemma.QuoteAltered}},
		{"none gives its speaker", []string{other, other}, []string{"w0", "w1"}, []stemma.QuoteProblem{stemma.SpeakerChanged}},
	} {
		texts := map[string]string{}
		p := stemma.Passage{Article: stemma.Span{Start: 0, End: len(article)}, Class: stemma.Verbatim, Origin: 0}
		for i, src := range c.sources {
			id := fmt.Sprintf("w%d", i)
			texts[id] = src
			// The texts have the same words in number: one match maps
			// them word for word.
			a, s := stemma.Span{Start: 0, End: len(article)}, stemma.Span{Start: 0, End: len(src)}
			p.Witnesses = append(p.Witnesses, stemma.Witness{Doc: stemma.Doc{ID: id}, Class: stemma.Verbatim,
				Article: a, Source: s, Edits: []stemma.Edit{{Kind: stemma.Match, Article: a, Source: s}}})
		}
		rep := &stemma.Report{Passages: []stemma.Passage{p}}
		var read []string
		fs, err := quote.Check(rep, article, func(id string) (string, error) {
			read = append(read, id)
			return texts[id], nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(read, c.read) {
			t.Errorf("%s: read %v, want %v", c.name, read, c.read)
		}
		var got []stemma.QuoteProblem
		for _, f := range fs {
			got = append(got, f.Kind)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: findings %v, want %v", c.name, got, c.want)
		}
	}
}
