package quote_test

import (
	"errors"
	"fmt"
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
		`„Die Lage ist ernst“, sagte er. »Ja«, so Müller.`, `« Non », a-t-il dit.`, `«Да», — сказал он.`, `他说：“好。”「是」『否』`,
	} {
		f.Add(s)
	}
	var finders []*quote.Finder
	for _, code := range []string{"en", "de", "fr", "es", "ru", "zh", "ja"} {
		fd, err := quote.New(quote.Options{Language: code})
		if err != nil {
			f.Fatal(err)
		}
		finders = append(finders, fd)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, fd := range finders {
			checkQuotes(t, text, fd.Find(text))
		}
	})
}

// checkQuotes checks that every span of qs lies in text, on rune
// boundaries, and that the quotes are in order.
func checkQuotes(t *testing.T, text string, qs []quote.Quotation) {
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
}

// FuzzBrat checks that no .ann file makes the brat reader panic; that every
// span it keeps is inside the text, on rune boundaries; that every skipped
// line is an ErrBadBrat naming the file and a line; that events name only
// spans it kept; and that a kept span written back as a record reads back
// the same.
func FuzzBrat(f *testing.F) {
	text := "Zoë said: “Prices rise.”\n\nShe added, “We close\non Monday.”"
	for _, ann := range []string{
		"T1\tSource 0 3\tZoë\nT2\tCue 4 8\tsaid\nT3\tContent 10 24\t“Prices rise.”\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n",
		"T1\tContent 37 46;47 58\t“We close on Monday.”\n",
		"T1\tContent 37 58\t“We close\non Monday.”\n#1\tAnnotatorNotes T1\tnote\n",
		"T1\tSource 0 99\tZoë\nE1\tAttribution:T9 Source:T1\ngarbage\n\n",
		"T1\tSource 3 0\t\nT2\tCue 4 8;\tsaid\nE2\t\nE3\tA:B C:T2\n",
	} {
		f.Add(text, ann)
	}
	f.Fuzz(func(t *testing.T, text, ann string) {
		b := quote.ReadBrat("f.ann", ann, text)
		for _, err := range b.Skipped {
			if !errors.Is(err, quote.ErrBadBrat) || !strings.HasPrefix(err.Error(), "f.ann line ") {
				t.Fatalf("skipped line's error %q: not an ErrBadBrat naming the file and line", err)
			}
		}
		chars := func(byteOff int) int { return utf8.RuneCountInString(text[:byteOff]) }
		for id, s := range b.Spans {
			var offs, parts []string
			for _, g := range s.Segments {
				if g.Start < 0 || g.End > len(text) || g.Start > g.End {
					t.Fatalf("%s: segment %v outside text of %d bytes", id, g, len(text))
				}
				if utf8.ValidString(text) && (g.Start < len(text) && !utf8.RuneStart(text[g.Start]) || g.End < len(text) && !utf8.RuneStart(text[g.End])) {
					t.Fatalf("%s: segment %v splits a rune", id, g)
				}
				offs = append(offs, fmt.Sprintf("%d %d", chars(g.Start), chars(g.End)))
				parts = append(parts, text[g.Start:g.End])
			}
			surface := strings.Join(parts, " ")
			if strings.ContainsAny(surface, "\n\r") || !utf8.ValidString(text) || strings.ContainsAny(s.Type, " \t\n") {
				continue
			}
			back := quote.ReadBrat("g.ann", fmt.Sprintf("%s\t%s %s\t%s\n", id, s.Type, strings.Join(offs, ";"), surface), text)
			if len(back.Skipped) != 0 || fmt.Sprint(back.Spans[id].Segments) != fmt.Sprint(s.Segments) {
				t.Fatalf("%s %v written back reads as %v (skipped %v)", id, s.Segments, back.Spans[id].Segments, back.Skipped)
			}
		}
		for _, e := range b.Events {
			if _, ok := b.Spans[e.Trigger]; !ok {
				t.Fatalf("event %s names missing trigger %s", e.ID, e.Trigger)
			}
			for _, a := range e.Args {
				if _, ok := b.Spans[a.ID]; !ok {
					t.Fatalf("event %s names missing %s", e.ID, a.ID)
				}
			}
		}
	})
}

// FuzzCheckTranslated checks the comparison of an article's quotes with
// a source it translates, in each pair of tables: never a panic, and
// every finding's quote lies in the article.
func FuzzCheckTranslated(f *testing.F) {
	f.Add("„Wir werden gewinnen“, sagte Martin Keller. 40 „50 Prozent“", `"We will win," Merkel said. "40 percent"`, 0, 0)
	f.Add("« 1,5 % », explique-t-il.", `"1.5%," he said.`, 3, 1)
	f.Add("", "", 1, 2)
	langs := []string{"de", "fr", "es", "ru", "en", "zh"}
	f.Fuzz(func(t *testing.T, article, source string, al, sl int) {
		a, s := langs[uint(al)%uint(len(langs))], langs[uint(sl)%uint(len(langs))]
		rep := &stemma.Report{Article: stemma.Doc{Lang: a}, Passages: []stemma.Passage{{
			Article: stemma.Span{Start: 0, End: len(article)}, Class: stemma.Translated,
			Witnesses: []stemma.Witness{{Doc: stemma.Doc{ID: "src", Lang: s}, Class: stemma.Translated,
				Article: stemma.Span{Start: 0, End: len(article)}, Source: stemma.Span{Start: 0, End: len(source)}}},
		}}}
		fs, err := quote.Check(rep, article, func(string) (string, error) { return source, nil })
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range fs {
			if q := fd.Quote.Text; q.Start < 0 || q.End > len(article) || q.Start > q.End {
				t.Fatalf("finding %s on %v, outside the article of %d bytes", fd.Kind, q, len(article))
			}
		}
	})
}
