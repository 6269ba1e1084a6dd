package trace_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/fingerprint"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/trace"
	"github.com/stemmanews/stemma/translate"
)

// TestTraceTranslated traces a German article whose last two sentences
// translate two sentences of an English story in the index: one passage
// of class translated covers them, with the English story as its witness
// and the two English sentences as its source; the German article's own
// first sentence is not reused.
func TestTraceTranslated(t *testing.T) {
	if _, err := translate.ForLanguage("de"); err != nil {
		testdata.Missing(t, "%v: .ci/install installs Debian's dict-freedict-* packages", err)
	}
	english, german := testdata.Translated(t)
	docs := append(readReuters(t, 300), stemma.Doc{ID: "story", Text: english, Lang: "en", Date: day(2)})
	c := newCorpus(t, docs...)
	rep := c.trace(t, stemma.Doc{ID: "übersetzung", Text: german, Lang: "de", Date: day(3)})
	if len(rep.Passages) != 1 {
		t.Fatalf("%d passages, want 1: %+v", len(rep.Passages), rep.Passages)
	}
	p := rep.Passages[0]
	start := strings.Index(german, "Die Regierung")
	if p.Class != stemma.Translated || p.Article.Start != start || p.Article.End != len(german)-1 {
		t.Errorf("passage %s %+v %q, want translated from byte %d to the last word", p.Class, p.Article, p.Text, start)
	}
	w := p.Witnesses[p.Origin]
	if w.Doc.ID != "story" || w.Doc.Lang != "en" || w.Class != stemma.Translated {
		t.Fatalf("origin %s (%s) %s, want story (en) translated", w.Doc.ID, w.Doc.Lang, w.Class)
	}
	if got := english[w.Source.Start:w.Source.End]; !strings.HasPrefix(got, "The government") || !strings.HasSuffix(got, "in Hamburg") {
		t.Errorf("source %q, want the English text's last two sentences", got)
	}
	if w.Confidence != translate.Confidence || w.Similarity < translate.DefaultMinScore {
		t.Errorf("confidence %.2f similarity %.2f", w.Confidence, w.Similarity)
	}
	// Read sentence by sentence, the last two come from the story.
	if len(rep.Sentences) != 3 || rep.Assembled != 1 {
		t.Fatalf("%d sentences from %d sources, want 3 from 1", len(rep.Sentences), rep.Assembled)
	}
	for i, want := range []string{"", "story", "story"} {
		if s := rep.Sentences[i]; s.Source != want {
			t.Errorf("sentence %d %q: source %q, want %q", i+1, s.Text, s.Source, want)
		}
	}
	// With NoTranslation, nothing is looked for among translations.
	tr, err := trace.New(c.ix, trace.Options{NoTranslation: true})
	if err != nil {
		t.Fatal(err)
	}
	off, err := tr.Trace(context.Background(), stemma.Doc{Text: german, Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	if len(off.Passages) != 0 {
		t.Errorf("NoTranslation: %d passages, want none", len(off.Passages))
	}
	// A sentence found in the article's own language is not looked for
	// among translations: with a German source of its first sentence in
	// the index, that sentence is a verbatim passage of it, and the other
	// two stay translated.
	zoo := "Der Zoo von Berlin hat am Montag zwei neue Pandas aus China vorgestellt, die ab Juli zu sehen sind."
	article := zoo + "\n\n" + german[strings.Index(german, "Die Regierung"):]
	c = newCorpus(t, append(docs, stemma.Doc{ID: "quelle", Text: "Berlin. " + zoo + " Der Eintritt kostet zwölf Euro.", Lang: "de", Date: day(1)})...)
	rep = c.trace(t, stemma.Doc{Text: article, Lang: "de", Date: day(3)})
	if len(rep.Passages) != 2 {
		t.Fatalf("with a German source: %d passages, want 2: %+v", len(rep.Passages), rep.Passages)
	}
	if p := rep.Passages[0]; p.Text != strings.TrimSuffix(zoo, ".") || p.Class != stemma.Verbatim || p.Witnesses[p.Origin].Doc.ID != "quelle" {
		t.Errorf("first passage %q %s from %s, want the zoo sentence verbatim from quelle", p.Text, p.Class, p.Witnesses[p.Origin].Doc.ID)
	}
	if p := rep.Passages[1]; p.Class != stemma.Translated || p.Article.Start != len(zoo)+2 || p.Witnesses[p.Origin].Doc.ID != "story" {
		t.Errorf("second passage %s %+v from %s, want translated from story after the zoo sentence", p.Class, p.Article, p.Witnesses[p.Origin].Doc.ID)
	}
	// An English article is never looked for among translations.
	rep = c.trace(t, stemma.Doc{Text: "The minister said schools in Hamburg will get money. Taxes rise next year by 3 percent.", Lang: "en"})
	for _, p := range rep.Passages {
		if p.Class == stemma.Translated {
			t.Errorf("English article: translated passage %q", p.Text)
		}
	}
}

// TestTraceTranslatedRussian traces the Russian article of the same
// story with the word list stemma ships (no Debian package needed): its
// last two sentences are one translated passage from the English story.
func TestTraceTranslatedRussian(t *testing.T) {
	english, russian := testdata.TranslatedIn(t, "ru")
	c := newCorpus(t, append(readReuters(t, 300), stemma.Doc{ID: "story", Text: english, Lang: "en", Date: day(2)})...)
	rep := c.trace(t, stemma.Doc{ID: "перевод", Text: russian, Lang: "ru", Date: day(3)})
	if len(rep.Passages) != 1 {
		t.Fatalf("%d passages, want 1: %+v", len(rep.Passages), rep.Passages)
	}
	p := rep.Passages[0]
	start := strings.Index(russian, "Правительство")
	if p.Class != stemma.Translated || p.Article.Start != start || p.Article.End != len(russian)-1 {
		t.Errorf("passage %s %+v %q, want translated from byte %d to the last word", p.Class, p.Article, p.Text, start)
	}
	w := p.Witnesses[p.Origin]
	if w.Doc.ID != "story" || w.Doc.Lang != "en" {
		t.Fatalf("origin %s (%s), want story (en)", w.Doc.ID, w.Doc.Lang)
	}
	if got := english[w.Source.Start:w.Source.End]; !strings.HasPrefix(got, "The government") || !strings.HasSuffix(got, "in Hamburg") {
		t.Errorf("source %q, want the English text's last two sentences", got)
	}
}

// TestTraceFromLanguages traces the English story against an index that
// holds its Russian and German translations: with Options.FromLanguages,
// its last two sentences are one translated passage with the Russian
// article (and the German one, when asked for too) as witness, each
// named with its language and the span of its own two sentences; without
// it, or on an index made with no cross-language sketches, there is none.
func TestTraceFromLanguages(t *testing.T) {
	english, russian := testdata.TranslatedIn(t, "ru")
	_, german := testdata.TranslatedIn(t, "de")
	docs := append(readReuters(t, 300),
		stemma.Doc{ID: "перевод", Text: russian, Lang: "ru", Date: day(1)},
		stemma.Doc{ID: "übersetzung", Text: german, Lang: "de", Date: day(1)})
	c := newCorpus(t, docs...)
	article := stemma.Doc{ID: "story", Text: english, Lang: "en", Date: day(2)}
	if rep := c.trace(t, article); len(rep.Passages) != 0 {
		t.Fatalf("no languages asked for: %d passages, want none", len(rep.Passages))
	}
	start := strings.Index(english, "The government")
	sources := map[string]string{"перевод": russian[strings.Index(russian, "Правительство") : len(russian)-1], "übersetzung": german[strings.Index(german, "Die Regierung") : len(german)-1]}
	for _, x := range []struct {
		from      []string
		witnesses int
	}{{[]string{"ru"}, 1}, {[]string{"ru", "de"}, 2}, {[]string{"ru", "RU", "ru-RU"}, 1}} {
		from := x.from
		if slices.Contains(from, "de") {
			if _, err := translate.ForLanguage("de"); err != nil {
				testdata.Missing(t, "%v: .ci/install installs Debian's dict-freedict-* packages", err)
			}
		}
		tr, err := trace.New(c.ix, trace.Options{FromLanguages: from})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := tr.Trace(context.Background(), article)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Passages) != 1 {
			t.Fatalf("from %v: %d passages, want 1: %+v", from, len(rep.Passages), rep.Passages)
		}
		p := rep.Passages[0]
		if p.Class != stemma.Translated || p.Article.Start != start || p.Article.End != len(english)-1 {
			t.Errorf("from %v: passage %s %+v %q, want translated from byte %d to the last word", from, p.Class, p.Article, p.Text, start)
		}
		if len(p.Witnesses) != x.witnesses {
			t.Fatalf("from %v: %d witnesses, want %d", from, len(p.Witnesses), x.witnesses)
		}
		for _, w := range p.Witnesses {
			want, ok := sources[w.Doc.ID]
			if !ok || w.Class != stemma.Translated || w.Doc.Lang != map[string]string{"перевод": "ru", "übersetzung": "de"}[w.Doc.ID] {
				t.Fatalf("from %v: witness %s (%s) %s", from, w.Doc.ID, w.Doc.Lang, w.Class)
			}
			text := map[string]string{"перевод": russian, "übersetzung": german}[w.Doc.ID]
			if got := text[w.Source.Start:w.Source.End]; got != want {
				t.Errorf("from %v: source in %s %q, want %q", from, w.Doc.ID, got, want)
			}
		}
	}
	if _, err := trace.New(c.ix, trace.Options{FromLanguages: []string{"en"}}); err == nil {
		t.Error("FromLanguages en: no error")
	}
	if _, err := trace.New(c.ix, trace.Options{FromLanguages: []string{"xx"}}); !errors.Is(err, translate.ErrNoDictionary) {
		t.Errorf("FromLanguages xx: %v, want ErrNoDictionary", err)
	}
	old, err := index.Open("old", index.Options{FS: vfs.NewMem(), Fingerprint: fingerprint.Options{Cross: -1}})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if _, err := trace.New(old, trace.Options{FromLanguages: []string{"ru"}}); !errors.Is(err, trace.ErrNoCrossSketches) {
		t.Errorf("index without cross-language sketches: %v, want ErrNoCrossSketches", err)
	}
}
