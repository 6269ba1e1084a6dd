package ingest

import (
	"strings"
	"testing"

	"github.com/stemmanews/stemma/internal/testdata"
)

// TestBoilerplateInArticle drops the boilerplate a page puts inside its
// article container and keeps every paragraph of the story, including
// those that start like a teaser or mention sharing.
func TestBoilerplateInArticle(t *testing.T) {
	story := []string{
		"The harbour board approved a plan on Tuesday to dredge the northern channel, letting larger grain ships dock at the old pier.",
		"Mehr dazu sagte der Hafenmeister am Montag vor dem Ausschuss, der die Pläne seit dem Frühjahr prüft.",
		"Die Kosten teilen sich Bund und Länder.",
		"Work starts in May and will take three months, the board said, and the channel will stay open to ferries throughout.",
		"More from the minister came later: she said the money was already in the budget and no new borrowing was needed.",
		"First Union Corp said it started an investment newsletter for its customers.",
	}
	boiler := []string{
		"Read also: Port strike ends after two weeks",
		"LE PUEDE INTERESAR: La ficha del puerto en el registro nacional",
		"Lesen Sie auch",
		"Lesetipp: Wie der Hafen in zehn Jahren wachsen soll und wer dafür bezahlen muss",
		"Nota relacionada: El puerto amplía su muelle norte",
		"Sign up for our newsletter and never miss a story from the coast.",
		"Please understand that comments are moderated and it is not always possible to publish all that have been submitted. We ask that comments are civil and free of libellous or hateful material.",
		"© 2024 Harbour Times. All rights reserved.",
		"Foto: Hafenbehörde",
		"aja/PAP",
		"23.10.2018",
		"Warning: Creating default object from empty value in /var/www/html/wp-content/themes/news/functions.php on line 42",
		"Follow The Harbour Times on Twitter and Instagram @HarbourTimes",
		"Harbour strike: what the unions want",
	}
	var body strings.Builder
	for i, p := range story {
		body.WriteString("<p>" + p + "</p>")
		for _, b := range boiler[i*len(boiler)/len(story) : (i+1)*len(boiler)/len(story)] {
			if b == boiler[len(boiler)-1] {
				body.WriteString(`<p><a href="/strike">` + b + "</a></p>")
				continue
			}
			body.WriteString("<p>" + b + "</p>")
		}
	}
	page := `<html><head><title>Harbour to be dredged</title></head><body><article><h1>Harbour to be dredged</h1>` + body.String() + `</article></body></html>`
	a, err := ExtractHTML(strings.NewReader(page), "https://example.com/harbour", "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Join(story, "\n\n"); a.Doc.Text != want {
		t.Errorf("text:\n%s\n\nwant:\n%s", a.Doc.Text, want)
	}
	for i, sp := range a.Paragraphs {
		if i < len(story) && a.Doc.Text[sp.Start:sp.End] != story[i] {
			t.Errorf("paragraph %d spans %q, want %q", i, a.Doc.Text[sp.Start:sp.End], story[i])
		}
	}
}

// TestLead finds the prose paragraphs another extractor holds before the
// first paragraph of the chosen text, and nothing after it.
func TestLead(t *testing.T) {
	lead1 := "The harbour board approved a plan on Tuesday to dredge the northern channel."
	body := []string{"Work starts in May and will take three months.", "The channel stays open to ferries."}
	tail := "The author covers shipping and ports for the paper."
	other := []string{"Harbour news", lead1, body[0], body[1], tail}
	if got := lead(body, other); len(got) != 1 || got[0] != lead1 {
		t.Errorf("lead = %q, want [%q]", got, lead1)
	}
	// Nothing when the other text does not hold the first paragraph, or
	// starts with it.
	if got := lead(body, []string{lead1, body[1]}); got != nil {
		t.Errorf("lead without the first paragraph = %q, want nil", got)
	}
	if got := lead(body, append([]string(nil), body...)); got != nil {
		t.Errorf("lead of the same text = %q, want nil", got)
	}
}

// TestBoilerplateKeepsNews runs the boilerplate rules over every line of
// Reuters-21578 and BBC News, which are story text only: none may match.
// A rule that fires here would cut real stories (it caught a story about
// a newsletter, table rows of figures taken for dates, and "dlrs/bbl."
// taken for an agency tag).
func TestBoilerplateKeepsNews(t *testing.T) {
	lines := 0
	for _, name := range []string{"reuters-21578.jsonl.gz", "bbc-news.jsonl.gz"} {
		r, err := NewReader([]string{testdata.Path(t, name)}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for rec, ok := r.Next(); ok; rec, ok = r.Next() {
			for _, line := range strings.Split(rec.Doc.Text, "\n") {
				p := strings.Join(strings.Fields(line), " ")
				if p == "" {
					continue
				}
				lines++
				if isBoilerplate(p) {
					t.Errorf("%s %s: story line taken for boilerplate: %q", name, rec.Doc.ID, p)
				}
			}
		}
		r.Close()
	}
	if lines < 300000 {
		t.Errorf("read %d lines of story text, want over 300,000", lines)
	}
}
