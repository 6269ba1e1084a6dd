package quote_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/quote"
)

// FuzzQuotes checks that no text makes quote finding panic, and that every
// span it reports is inside the text, on rune boundaries, and in order.
func FuzzQuotes(f *testing.F) {
	for _, s := range []string{
		`"We will win," Smith said.`,
		`He said: "A. B.` + "\n\n" + `"C," he added.`,
		`"unbalanced`, `closing" only`, `"nested "inner" quote," she said.`,
		`«Bonjour», a dit M. Dupont. ‹inner› “curly” ”reversed“ „low“`,
		strings.Repeat(`"a `, 200), "", "no quotes at all.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		qs := quote.Find(text)
		last := -1
		check := func(what string, s stemma.Span) {
			if s == (stemma.Span{}) {
				return
			}
			if s.Start < 0 || s.End > len(text) || s.Start > s.End {
				t.Fatalf("%s span %v outside text of %d bytes", what, s, len(text))
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[s.Start]) || s.End < len(text) && !utf8.RuneStart(text[s.End])) {
				t.Fatalf("%s span %v splits a rune", what, s)
			}
		}
		for _, q := range qs {
			check("quote", q.Text)
			if q.Text.Len() == 0 {
				t.Fatalf("empty quote %v", q.Text)
			}
			if q.Text.Start < last {
				t.Fatalf("quotes out of order: %v after %d", q.Text, last)
			}
			last = q.Text.End
			for _, p := range q.Parts {
				check("part", p)
			}
			check("cue", q.Cue)
			check("speaker", q.Speaker)
			check("antecedent", q.Antecedent)
		}
	})
}
