package quote_test

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/quote"
)

// TestReadBrat reads records of each kind, and converts the corpus's
// character offsets to byte offsets in a text with multi-byte characters.
func TestReadBrat(t *testing.T) {
	text := "Café owner Zoë said: “Prices rise.”\n\nShe added, “We close\non Monday.”"
	off := func(s string) (int, int) { // character offsets of s in text
		i := strings.Index(text, s)
		return len([]rune(text[:i])), len([]rune(text[:i+len(s)]))
	}
	zs, ze := off("Zoë")
	cs, ce := off("said")
	qs, qe := off("“Prices rise.”")
	ss, se := off("She")
	as, ae := off("added")
	q2s, q2e := off("“We close\non Monday.”")
	ann := strings.Join([]string{
		fmt.Sprintf("T1\tSource %d %d\tZoë", zs, ze),
		fmt.Sprintf("T2\tCue %d %d\tsaid", cs, ce),
		fmt.Sprintf("T3\tContent %d %d\t“Prices rise.”", qs, qe),
		"E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
		"#1\tAnnotatorNotes T3\ta note",
		fmt.Sprintf("T4\tSource %d %d\tShe", ss, se),
		fmt.Sprintf("T5\tCue %d %d\tadded", as, ae),
		// The text has a newline inside the content: its surface text goes
		// on over the next line of the file.
		fmt.Sprintf("T6\tContent %d %d\t“We close", q2s, q2e),
		"on Monday.”",
		"E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
		"",
	}, "\n")
	b := quote.ReadBrat("a.ann", ann, text)
	if len(b.Skipped) != 0 {
		t.Fatalf("skipped %v", b.Skipped)
	}
	byteSpan := func(s string) stemma.Span {
		i := strings.Index(text, s)
		return stemma.Span{Start: i, End: i + len(s)}
	}
	for id, want := range map[string]stemma.Span{"T1": byteSpan("Zoë"), "T3": byteSpan("“Prices rise.”"), "T6": byteSpan("“We close\non Monday.”")} {
		if got := b.Spans[id].Extent(); got != want {
			t.Errorf("%s at %v, want %v (%q)", id, got, want, text[want.Start:want.End])
		}
	}
	if len(b.Events) != 2 || b.Events[1].Arg("Source")[0] != "T4" || b.Events[0].Type != "Attribution" || b.Events[0].Line != 4 {
		t.Errorf("events %+v", b.Events)
	}

	// Two segments: the surface text is their texts joined by a space.
	q3s, q3e := off("“We close")
	q4s, q4e := off("on Monday.”")
	two := fmt.Sprintf("T1\tContent %d %d;%d %d\t“We close on Monday.”", q3s, q3e, q4s, q4e)
	b = quote.ReadBrat("b.ann", two, text)
	if len(b.Skipped) != 0 || len(b.Spans["T1"].Segments) != 2 || b.Spans["T1"].Segments[1] != byteSpan("on Monday.”") {
		t.Errorf("two segments: %+v, skipped %v", b.Spans["T1"], b.Skipped)
	}
}

// TestReadBratBad checks that every bad line is skipped with an error that
// names the file and the line, and that good lines around it are kept.
func TestReadBratBad(t *testing.T) {
	text := "He said: “Yes.”"
	for _, tc := range []struct {
		name, line, want string
	}{
		{"no tab", "T1 Source 0 2 He", "not a record"},
		{"bad id", "X1\tSource 0 2\tHe", "not a record"},
		{"no surface", "T1\tSource 0 2", "no surface text"},
		{"no offsets", "T1\tSource\tHe", "no offsets"},
		{"bad number", "T1\tSource 0 x\tHe", "bad segment"},
		{"reversed", "T1\tSource 2 0\tHe", "outside the text"},
		{"past the end", "T1\tSource 0 99\tHe", "outside the text"},
		{"wrong surface", "T1\tSource 0 2\tShe", "differs from the text"},
		{"bad trigger", "E1\tAttribution T1", "bad trigger"},
		{"bad argument", "E1\tAttribution:T2 Source", "bad argument"},
		{"unknown span", "E1\tAttribution:T2 Source:T9", "names T9"},
		{"duplicate", "T2\tCue 3 7\tsaid", "defined twice"},
	} {
		ann := "T2\tCue 3 7\tsaid\n" + tc.line + "\nT3\tContent 9 15\t“Yes.”\n"
		b := quote.ReadBrat("x.ann", ann, text)
		if len(b.Skipped) != 1 {
			t.Errorf("%s: skipped %v, want one error", tc.name, b.Skipped)
			continue
		}
		err := b.Skipped[0]
		if !errors.Is(err, quote.ErrBadBrat) || !strings.Contains(err.Error(), "x.ann line 2: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q, want ErrBadBrat naming x.ann line 2 and %q", tc.name, err, tc.want)
		}
		if b.Spans["T2"].Type != "Cue" || b.Spans["T3"].Type != "Content" {
			t.Errorf("%s: good lines lost: %v", tc.name, b.Spans)
		}
	}
}

// polnearFS is a small corpus in PolNeAR's layout: an article annotated
// twice (the first annotator's file is read), one with no annotation, and
// an attribution event without content.
var polnearFS = fstest.MapFS{
	"test/text/nyt_2016-11-01_a.txt": {Data: []byte("Mr. Smith said: “We will win.” Critics said the plan was “dead” and doomed.")},
	"test/attributions/nyt_2016-11-01_a_0001.ann": {Data: []byte(strings.Join([]string{
		"T1\tSource 0 9\tMr. Smith",
		"T2\tCue 10 14\tsaid",
		"T3\tContent 16 30\t“We will win.”",
		"E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
		"T4\tSource 31 38\tCritics",
		"T5\tCue 39 43\tsaid",
		"T6\tContent 44 74\tthe plan was “dead” and doomed",
		"E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
		"E3\tAttribution-no-source:T5 Cue:T5",
		"",
	}, "\n"))},
	"test/attributions/nyt_2016-11-01_a_0002.ann":   {Data: []byte("garbage")},
	"test/attributions/nyt_2016-11-01_a_b_0001.ann": {Data: []byte("garbage")},
	"test/text/wash-post_2016-11-02_b.txt":          {Data: []byte("No annotation.")},
}

func TestReadPolNeAR(t *testing.T) {
	c, err := quote.ReadPolNeAR(polnearFS, "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Articles) != 1 {
		t.Fatalf("%d articles, want 1", len(c.Articles))
	}
	a := c.Articles[0]
	if a.Doc.ID != "nyt_2016-11-01_a" || a.Doc.Source != "nyt" || a.Ann != "test/attributions/nyt_2016-11-01_a_0001.ann" {
		t.Errorf("article %q from %q, annotation %q", a.Doc.ID, a.Doc.Source, a.Ann)
	}
	text := a.Doc.Text
	if len(a.Attributions) != 2 {
		t.Fatalf("attributions %+v, want 2", a.Attributions)
	}
	d, in := a.Attributions[0], a.Attributions[1]
	if !d.Direct || text[d.Quote.Start:d.Quote.End] != "We will win." || text[d.Source.Start:d.Source.End] != "Mr. Smith" || text[d.Cue.Start:d.Cue.End] != "said" {
		t.Errorf("direct quote %+v", d)
	}
	if in.Direct || text[in.Extent().Start:in.Extent().End] != "the plan was “dead” and doomed" {
		t.Errorf("indirect %+v", in)
	}
	var noAnn, noContent int
	for _, err := range c.Skipped {
		switch {
		case errors.Is(err, quote.ErrNoAnnotation) && strings.Contains(err.Error(), "wash-post_2016-11-02_b.txt"):
			noAnn++
		case errors.Is(err, quote.ErrBadAttribution) && strings.Contains(err.Error(), "_a_0001.ann line 9"):
			noContent++
		default:
			t.Errorf("unexpected skip %v", err)
		}
	}
	if noAnn != 1 || noContent != 1 {
		t.Errorf("skipped %v: want the article without annotation and the event without content", c.Skipped)
	}
	if _, err := quote.ReadPolNeAR(polnearFS, "validation"); !errors.Is(err, quote.ErrUnknownSplit) {
		t.Errorf("unknown split: %v", err)
	}
	if _, err := quote.ReadPolNeAR(polnearFS, "dev"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing split: %v", err)
	}
}

// TestPolNeARCorpus reads the whole corpus, when it is there: every line of
// every annotation file must read (the corpus has no bad line), and the
// counts are the corpus's.
func TestPolNeARCorpus(t *testing.T) {
	dir := testdata.Extra(t, "polnear")
	for _, tc := range []struct {
		split                   string
		docs, attributions, bad int
	}{
		// 37 and 1 events in the corpus have no content (an annotator's
		// unfinished attribution).
		{"train", 840, 19831, 37},
		{"dev", 84, 2192, 1},
		{"test", 84, 2044, 0},
	} {
		c, err := quote.LoadPolNeAR(dir, tc.split)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, a := range c.Articles {
			n += len(a.Attributions)
			for _, at := range a.Attributions {
				for _, s := range append([]stemma.Span{at.Source, at.Cue, at.Quote}, at.Content...) {
					if s.Start < 0 || s.End > len(a.Doc.Text) || s.Start > s.End {
						t.Fatalf("%s: span %v outside the text", a.Ann, s)
					}
				}
			}
		}
		if len(c.Articles) != tc.docs || n != tc.attributions || len(c.Skipped) != tc.bad {
			t.Errorf("%s: %d articles, %d attributions, %d skipped; want %d, %d, %d", tc.split, len(c.Articles), n, len(c.Skipped), tc.docs, tc.attributions, tc.bad)
		}
		for _, err := range c.Skipped {
			if !errors.Is(err, quote.ErrBadAttribution) {
				t.Errorf("%s: %v", tc.split, err)
			}
		}
	}
}

// attribution is one attribution to annotate in brat: each field is a
// phrase of the text ("" for none); the source and the cue are the
// occurrences nearest the content.
type attribution struct{ content, source, cue string }

// annotate writes the brat annotation of attributions in text, with
// character offsets.
func annotate(text string, attrs ...attribution) string {
	var b strings.Builder
	n, near, nearEnd := 0, 0, 0
	dist := func(i int) int { return max(near-i, i-nearEnd, 0) } // to the content
	span := func(typ, phrase string) string {
		best := -1
		for i := 0; ; {
			j := strings.Index(text[i:], phrase)
			if j < 0 {
				break
			}
			if best < 0 || dist(i+j) < dist(best) {
				best = i + j
			}
			i += j + 1
		}
		n++
		fmt.Fprintf(&b, "T%d\t%s %d %d\t%s\n", n, typ, len([]rune(text[:best])), len([]rune(text[:best+len(phrase)])), phrase)
		return fmt.Sprintf("T%d", n)
	}
	for e, a := range attrs {
		near = strings.Index(text, a.content)
		nearEnd = near + len(a.content)
		c := span("Content", a.content)
		q := span("Cue", a.cue)
		if a.source == "" {
			fmt.Fprintf(&b, "E%d\tAttribution-no-source:%s Content:%s Cue:%s\n", e+1, q, c, q)
			continue
		}
		s := span("Source", a.source)
		fmt.Fprintf(&b, "E%d\tAttribution:%s Content:%s Cue:%s Source:%s\n", e+1, q, c, q, s)
	}
	return b.String()
}

// TestEvaluatePolNeAR scores a small corpus with one example of each case:
// a named speaker, a pronoun, a relative pronoun, a wrong speaker, a missed
// quote, an indirect attribution with a partial quote, and a quote Find
// attributes that no annotator did.
func TestEvaluatePolNeAR(t *testing.T) {
	text := strings.Join([]string{
		`“We will win,” said Senator Jane Doe.`,                // named, right
		`Mr. Smith arrived late. “It is over,” he said.`,       // pronoun, right
		`Ms. Roe, who said “nothing has changed today,” left.`, // relative, right
		`“Prices rise,” Ann Lee told Bob Kay.`,                 // labelled Bob Kay: wrong
		`»Ja, wir schaffen das«, sagte sie.`,                   // missed: these marks are not paired
		`Critics said the plan was “dead” and doomed.`,         // indirect, with a partial quote
		`“Nobody labelled this,” said Tom Poe.`,                // attributed, not labelled
		`Titles such as “War and Peace” are not attributed.`,   // not attributed, not labelled
	}, "\n\n")
	ann := annotate(text,
		attribution{`“We will win,”`, `Senator Jane Doe`, `said`},
		attribution{`“It is over,”`, `he`, `said`},
		attribution{`“nothing has changed today,”`, `who`, `said`},
		attribution{`“Prices rise,”`, `Bob Kay`, `told`},
		attribution{`»Ja, wir schaffen das«`, `sie`, `sagte`},
		attribution{`the plan was “dead” and doomed`, `Critics`, `said`},
	)
	c, err := quote.ReadPolNeAR(fstest.MapFS{
		"test/text/x_2016-11-01_a.txt":              {Data: []byte(text)},
		"test/attributions/x_2016-11-01_a_0001.ann": {Data: []byte(ann)},
	}, "test")
	if err != nil || len(c.Skipped) != 0 {
		t.Fatalf("reading: %v, skipped %v", err, c.Skipped)
	}
	s := quote.EvaluatePolNeAR(c)
	if s.Docs != 1 || s.Direct != 5 || s.WithSource != 5 || s.Matched != 4 || s.Recall != 0.8 {
		t.Errorf("docs %d, direct %d (with source %d), matched %d, recall %v; want 1, 5 (5), 4, 0.8", s.Docs, s.Direct, s.WithSource, s.Matched, s.Recall)
	}
	// Found: eight quotes (the guillemets pair into ", sagte sie."); six
	// attributed (not the title, not that bad pairing), all labelled but
	// Tom Poe's.
	if s.Found != 8 || s.Attributed != 6 || s.AttributedLabelled != 5 || s.Precision != 5.0/6 {
		t.Errorf("found %d, attributed %d, labelled %d, precision %v; want 8, 6, 5, 5/6", s.Found, s.Attributed, s.AttributedLabelled, s.Precision)
	}
	want := map[string]quote.SpeakerScore{
		quote.SourceName:     {Right: 1, Total: 2, Accuracy: 0.5},
		quote.SourcePronoun:  {Right: 1, Total: 1, Accuracy: 1},
		quote.SourceRelative: {Right: 1, Total: 1, Accuracy: 1},
	}
	if fmt.Sprint(s.ByClass) != fmt.Sprint(want) || s.Speaker != (quote.SpeakerScore{Right: 3, Total: 4, Accuracy: 0.75}) || s.Resolved != 1 {
		t.Errorf("speaker %+v by class %+v, resolved %d; want 3/4, %+v, 1", s.Speaker, s.ByClass, s.Resolved, want)
	}
	if len(s.Mistakes) != 2 || !strings.Contains(s.Mistakes[0], `labelled "Bob Kay" (name)`) || !strings.Contains(s.Mistakes[1], "not found") {
		t.Errorf("mistakes %q, want the wrong speaker and the missed quote", s.Mistakes)
	}
}

// TestAttributionSet makes the damaged copies of a small corpus and scores
// them: an excerpt that begins at a "he said" quote's paragraph, a quote
// whose cue is cut, and the untouched article, whose quotes are all
// attributed.
func TestAttributionSet(t *testing.T) {
	text := strings.Join([]string{
		`Senator Jane Doe spoke in Ohio on Monday.`,
		`She said: “We will not stop now, whatever it costs us.”`,
		`“The plant will close before the end of the year,” Mr. Smith said on Tuesday.`,
		`The plant opened in 1920.`,
	}, "\n\n")
	ann := annotate(text,
		attribution{`“We will not stop now, whatever it costs us.”`, `She`, `said`},
		attribution{`“The plant will close before the end of the year,”`, `Mr. Smith`, `said`},
	)
	c, err := quote.ReadPolNeAR(fstest.MapFS{
		"test/text/x_2016-11-01_a.txt":              {Data: []byte(text)},
		"test/attributions/x_2016-11-01_a_0001.ann": {Data: []byte(ann)},
	}, "test")
	if err != nil || len(c.Skipped) != 0 {
		t.Fatalf("reading: %v, skipped %v", err, c.Skipped)
	}
	set := quote.NewAttributionSet(c, 1)
	if len(set) != 3 || set[0].Damage != "" || set[1].Damage != quote.Excerpt || set[2].Damage != quote.Uncued {
		t.Fatalf("set %+v: want the article, an excerpt, an uncued copy", set)
	}
	ex, un := set[1], set[2]
	if !strings.HasPrefix(ex.Doc.Text, `She said: “We will not stop now`) || ex.Doc.Text[ex.Target.Start:ex.Target.End] != "We will not stop now, whatever it costs us." {
		t.Errorf("excerpt %q, target %v", ex.Doc.Text, ex.Target)
	}
	if want := "“The plant will close before the end of the year.”\n\nThe plant opened in 1920."; un.Doc.Text != want || un.Doc.Text[un.Target.Start:un.Target.End] != "The plant will close before the end of the year." {
		t.Errorf("uncued copy %q (target %v), want %q", un.Doc.Text, un.Target, want)
	}
	if again := quote.NewAttributionSet(c, 1); fmt.Sprint(again) != fmt.Sprint(set) {
		t.Error("the same corpus and seed give another set")
	}
	s, err := quote.EvaluateAttribution(set)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != 1 {
		t.Errorf("%d articles, want 1", s.Articles)
	}
	for _, want := range []quote.AttributionKindScores{
		{Damage: quote.Excerpt, Expect: stemma.QuoteOrphaned, Copies: 1, TruePositives: 1, Precision: 1, Recall: 1},
		{Damage: quote.Uncued, Expect: stemma.QuoteUnattributed, Copies: 1, TruePositives: 1, Precision: 1, Recall: 1},
	} {
		if got := s.Kind(want.Damage); got != want {
			t.Errorf("%s: %+v, want %+v", want.Damage, got, want)
		}
	}
}

// Floors on PolNeAR's test split, which no rule was tuned on, a little
// below the figures of its one run (docs/benchmarks.md, "Attribution on
// PolNeAR"): recall 1.000, precision 0.979, speaker accuracy 0.848;
// orphaned precision 0.885 and recall 0.920, unattributed 0.978 and 0.918.
const (
	minPolNeARRecall       = 0.98
	minPolNeARPrecision    = 0.96
	minPolNeARSpeaker      = 0.83
	minOrphanedPrecision   = 0.85
	minOrphanedRecall      = 0.88
	minUnattribPrecision   = 0.95
	minUnattributedRecall  = 0.88
	polnearAttributionSeed = 1
)

// TestPolNeARTest scores extraction, attribution and the orphaned and
// unattributed findings on PolNeAR's test split, when the corpus is there.
func TestPolNeARTest(t *testing.T) {
	c, err := quote.LoadPolNeAR(testdata.Extra(t, "polnear"), "test")
	if err != nil {
		t.Fatal(err)
	}
	s := quote.EvaluatePolNeAR(c)
	t.Logf("%d direct quotes in %d articles: recall %.3f, precision %.3f (%d of %d attributed), speaker accuracy %.3f (%d of %d), pronouns resolved %d",
		s.Direct, s.Docs, s.Recall, s.Precision, s.AttributedLabelled, s.Attributed, s.Speaker.Accuracy, s.Speaker.Right, s.Speaker.Total, s.Resolved)
	if s.Recall < minPolNeARRecall || s.Precision < minPolNeARPrecision || s.Speaker.Accuracy < minPolNeARSpeaker {
		t.Errorf("recall %.3f, precision %.3f, speaker accuracy %.3f; floors %.2f, %.2f, %.2f",
			s.Recall, s.Precision, s.Speaker.Accuracy, minPolNeARRecall, minPolNeARPrecision, minPolNeARSpeaker)
	}
	a, err := quote.EvaluateAttribution(quote.NewAttributionSet(c, polnearAttributionSeed))
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		for _, m := range a.Mistakes {
			t.Log(m)
		}
	}
	for _, tc := range []struct {
		d                 quote.AttributionDamage
		precision, recall float64
	}{
		{quote.Excerpt, minOrphanedPrecision, minOrphanedRecall},
		{quote.Uncued, minUnattribPrecision, minUnattributedRecall},
	} {
		k := a.Kind(tc.d)
		t.Logf("%s: %d copies, precision %.3f, recall %.3f (TP %d, FP %d, %d unlabelled)", k.Expect, k.Copies, k.Precision, k.Recall, k.TruePositives, k.FalsePositives, k.Unlabelled)
		if k.Copies == 0 || k.Precision < tc.precision || k.Recall < tc.recall {
			t.Errorf("%s: precision %.3f, recall %.3f over %d copies; floors %.2f, %.2f", k.Expect, k.Precision, k.Recall, k.Copies, tc.precision, tc.recall)
		}
	}
}
