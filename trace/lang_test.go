package trace_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/align"
	"github.com/stemmanews/stemma/examples"
	"github.com/stemmanews/stemma/thesaurus"
	"github.com/stemmanews/stemma/trace"
)

// TestTraceOtherLanguages traces copies in German and Chinese: the report
// gives the article's and the source's detected language, finds the copied
// passage, and reads the quote with the article's language's table, so a
// word changed inside a Chinese 「」 quote is reported as altered.
func TestTraceOtherLanguages(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 5, d, 9, 0, 0, 0, time.UTC) }
	zhSource := "外交部发言人周三在北京举行的例行记者会上表示，「中方坚决反对任何形式的单边制裁，并将采取必要措施维护自身权益」。" +
		"她说，双方应当通过对话和协商解决分歧，共同维护地区的和平与稳定。会议还讨论了明年的经济合作计划和人员交流安排。"
	zhCopy := strings.Replace(zhSource, "坚决反对", "强烈反对", 1)
	deSource := "Der Minister sagte am Montag in Berlin, dass die Gespräche mit den Gewerkschaften in der nächsten Woche wieder aufgenommen werden. " +
		"Beide Seiten hätten sich auf einen neuen Zeitplan geeinigt, und die Streiks würden bis dahin ausgesetzt, erklärte ein Sprecher des Ministeriums."
	c := newCorpus(t,
		stemma.Doc{ID: "zh-src", Source: "xinhua", Date: day(1), Text: zhSource},
		stemma.Doc{ID: "de-src", Source: "dpa", Date: day(1), Text: deSource},
	)
	for _, tc := range []struct {
		id, text, lang, source string
		altered                bool
	}{
		{"zh-copy", zhCopy, "zh", "zh-src", true},
		{"de-copy", "Berlin. " + deSource, "de", "de-src", false},
	} {
		rep := c.trace(t, stemma.Doc{ID: tc.id, Date: day(2), Text: tc.text})
		if rep.Article.Lang != tc.lang {
			t.Errorf("%s: article language %q, want %q", tc.id, rep.Article.Lang, tc.lang)
		}
		if len(rep.Sources) != 1 || rep.Sources[0].Doc.ID != tc.source || rep.Sources[0].Doc.Lang != tc.lang || rep.Sources[0].Coverage < 0.9 {
			t.Errorf("%s: sources %+v, want %s in %s covering the article", tc.id, rep.Sources, tc.source, tc.lang)
		}
		altered := false
		for _, f := range rep.Quotes {
			altered = altered || f.Kind == stemma.QuoteAltered
		}
		if altered != tc.altered {
			t.Errorf("%s: quote findings %+v, want an altered quote: %v", tc.id, rep.Quotes, tc.altered)
		}
	}
}

// TestTraceGermanSpin traces a German copy whose words were swapped for
// synonyms: with the German thesaurus (Debian's mythes-de, which
// .ci/install installs) each swap is listed as a synonym and the copy is
// reported spun; WordNet, which trace used for every language before,
// knows none of them.
func TestTraceGermanSpin(t *testing.T) {
	if thesaurus.MyThesFile("", "de") == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no German thesaurus in " + thesaurus.MyThesDir + ": .ci/install installs mythes-de")
		}
		t.Skip("no German thesaurus (apt-get install mythes-de)")
	}
	day := func(d int) time.Time { return time.Date(2024, 5, d, 9, 0, 0, 0, time.UTC) }
	src := "Die Regierung hält die Reform für wichtig und will sie schnell umsetzen, sagte ein Sprecher am Montag in Berlin. " +
		"Die Opposition nannte den Plan unklar und verlangte eine Debatte im Parlament, bevor das Gesetz im Herbst in Kraft tritt."
	swaps := [][2]string{{"Regierung", "Kabinett"}, {"wichtig", "bedeutsam"}, {"schnell", "rasch"}, {"unklar", "undeutlich"}, {"Debatte", "Diskussion"}}
	spun := src
	for _, s := range swaps {
		spun = strings.Replace(spun, s[0], s[1], 1)
	}
	c := newCorpus(t, stemma.Doc{ID: "de-src", Source: "dpa", Date: day(1), Text: src})
	rep := c.trace(t, stemma.Doc{ID: "de-spun", Date: day(2), Text: spun})
	if len(rep.Sources) != 1 || rep.Sources[0].Doc.ID != "de-src" {
		t.Fatalf("sources %+v, want de-src", rep.Sources)
	}
	listed := map[string]string{}
	for _, p := range rep.Passages {
		for _, w := range p.Witnesses {
			for _, e := range w.Edits {
				if e.Change == stemma.Synonym {
					listed[e.SourceText] = e.ArticleText
				}
			}
		}
	}
	for _, s := range swaps {
		if listed[s[0]] != s[1] {
			t.Errorf("%s → %s not listed as a synonym swap; listed %q", s[0], s[1], listed)
		}
	}
	if rep.Spin.Synonyms != len(swaps) || !rep.Spin.Spun {
		t.Errorf("spin evidence: %d synonyms, spun %v; want %d and spun (%s)", rep.Spin.Synonyms, rep.Spin.Spun, len(swaps), rep.Spin.Explanation)
	}
	for _, s := range swaps {
		if thesaurus.Default().AreSynonyms(s[0], s[1]) {
			t.Errorf("WordNet knows %s ~ %s: the test no longer shows the German thesaurus at work", s[0], s[1])
		}
	}
}

// TestTextTellsEnglishOnly: the tells read from an article's own text are
// English ones, so a Spanish article's "a ejercicios" (a preposition) is
// no a/an mismatch, and the report says why none was read.
func TestTextTellsEnglishOnly(t *testing.T) {
	c := newCorpus(t, stemma.Doc{ID: "other", Text: "An unrelated English story about the weather in the north, with rain and wind expected for the weekend across the region."})
	es := "El entrenador pidió a los jugadores que vuelvan a ejercicios de fuerza y que se dediquen a estudiar el partido. " +
		"También quiso ir a advertirle al presidente del club que el equipo no está listo para la final de la copa."
	rep := c.trace(t, stemma.Doc{ID: "es", Text: es})
	if rep.Article.Lang != "es" {
		t.Fatalf("article language %q, want es", rep.Article.Lang)
	}
	if rep.Spin.Spun || len(rep.Spin.Text.Tells) != 0 || !strings.Contains(rep.Spin.Text.Explanation, "Spanish") {
		t.Errorf("spin %+v, want no tells and an explanation naming Spanish", rep.Spin)
	}
	// The same words read as English do give the a/an tells.
	rep = c.trace(t, stemma.Doc{ID: "es-as-en", Lang: "en", Text: es})
	if len(rep.Spin.Text.Tells) < 2 || rep.Spin.Text.ArticleMismatches < 2 {
		t.Errorf("read as English: tells %+v, want the a/an mismatches", rep.Spin.Text.Tells)
	}
}

// TestTraceParaphraseStemsInLanguage traces a French rewording of a French
// story with paraphrase alignment. Its sentences are aligned on their
// stems in French, so "annonçait" meets the story's "annoncé" and the
// passage begins there; read in English, as every language was before,
// the two forms differ and the passage begins a word later. (The index
// finds the story by the words of the third sentence, kept nearly as
// written.) The texts are package examples'.
func TestTraceParaphraseStemsInLanguage(t *testing.T) {
	story, reworded := examples.FrenchStory, examples.FrenchRewording
	c := newCorpus(t, stemma.Doc{ID: "story", Lang: "fr", Date: time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC), Text: story})
	tr, err := trace.New(c.ix, trace.Options{Align: align.Options{Paraphrase: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang  string
		start string // the passage's first words
	}{
		{"", "annonçait mardi"}, // detected: French
		{"fr-CA", "annonçait mardi"},
		{"en", "mardi qu'il"},
	} {
		rep, err := tr.Trace(context.Background(), stemma.Doc{ID: "reworded", Lang: tc.lang, Text: reworded})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Passages) != 1 {
			t.Fatalf("language %q: %d passages, want 1", tc.lang, len(rep.Passages))
		}
		p := rep.Passages[0]
		if want := strings.Index(reworded, tc.start); p.Article.Start != want || p.Class != stemma.Paraphrase {
			t.Errorf("language %q: passage %v (%q…), class %s; want it to start at byte %d (%q), class paraphrase",
				tc.lang, p.Article, p.Text[:min(20, len(p.Text))], p.Class, want, tc.start)
		}
	}
}
