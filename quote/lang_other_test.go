package quote_test

import (
	"slices"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/quote"
)

// TestFindOtherLanguages checks quotes in each language's marks, and their
// speakers: a name after an inverted verb, a name before the verb and a
// colon, a pronoun with no one before it (orphaned).
func TestFindOtherLanguages(t *testing.T) {
	type want struct {
		quote, name string
		attr        stemma.Attribution
		orphaned    bool
	}
	for _, c := range []struct {
		lang, text string
		want       []want
	}{
		{"de", "Bundeskanzler Olaf Scholz besuchte am Montag Paris. „Wir stehen fest an der Seite der Ukraine“, sagte Scholz nach dem Treffen.",
			[]want{{"Wir stehen fest an der Seite der Ukraine", "Scholz", stemma.Named, false}}},
		{"de", "Die Ministerin Annalena Baerbock sagte: »Das ist ein guter Tag für Europa.« Sie reiste danach weiter.",
			[]want{{"Das ist ein guter Tag für Europa.", "Die Ministerin Annalena Baerbock", stemma.Named, false}}},
		{"de", "„Die Lage ist ernst“, sagte er. Der Sprecher der Polizei, Thomas Müller, erklärte: „Niemand wurde verletzt.“",
			[]want{{"Die Lage ist ernst", "", stemma.Pronoun, true}, {"Niemand wurde verletzt.", "Der Sprecher der Polizei", stemma.Named, false}}},
		{"fr", "Le président Emmanuel Macron était à Berlin lundi. « Nous sommes unis », a déclaré Macron devant la presse.",
			[]want{{"Nous sommes unis", "Macron", stemma.Named, false}}},
		{"fr", "« La situation est grave », a-t-il dit.",
			[]want{{"La situation est grave", "", stemma.Pronoun, true}}},
		{"fr", "La ministre Élisabeth Borne a affirmé : « Nous tiendrons nos engagements. »",
			[]want{{"Nous tiendrons nos engagements.", "La ministre Élisabeth Borne", stemma.Named, false}}},
		{"es", "El presidente Pedro Sánchez viajó a Bruselas. \"Estamos preparados\", dijo Sánchez a los periodistas.",
			[]want{{"Estamos preparados", "Sánchez", stemma.Named, false}}},
		{"es", "La ministra Yolanda Díaz afirmó: «Vamos a subir el salario mínimo».",
			[]want{{"Vamos a subir el salario mínimo", "La ministra Yolanda Díaz", stemma.Named, false}}},
		{"ru", "Президент Владимир Путин провел встречу в Кремле. «Мы готовы к переговорам», — сказал Путин журналистам.",
			[]want{{"Мы готовы к переговорам", "Путин", stemma.Named, false}}},
		{"ru", "Министр Сергей Лавров заявил: «Россия не отступит».",
			[]want{{"Россия не отступит", "Министр Сергей Лавров", stemma.Named, false}}},
		{"ru", "«Ситуация стабильная», — сказал он.",
			[]want{{"Ситуация стабильная", "", stemma.Pronoun, true}}},
	} {
		f, err := quote.New(quote.Options{Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		got := f.Find(c.text)
		if len(got) != len(c.want) {
			t.Errorf("%s %.30q: %d quotes, want %d", c.lang, c.text, len(got), len(c.want))
			continue
		}
		for i, w := range c.want {
			q := got[i]
			if text := c.text[q.Text.Start:q.Text.End]; text != w.quote || q.Name != w.name || q.Attribution != w.attr || q.Orphaned != w.orphaned {
				t.Errorf("%s quote %d: %q by %q (%v, orphaned %v), want %q by %q (%v, orphaned %v)",
					c.lang, i+1, text, q.Name, q.Attribution, q.Orphaned, w.quote, w.name, w.attr, w.orphaned)
			}
		}
	}
}

// TestCheckPicksLanguage checks that Check reads an article with the table
// of its language: a German quote attributed only by "er" with no one
// before it is an orphan there, and English's table does not see the cue.
func TestCheckPicksLanguage(t *testing.T) {
	text := "„Die Lage ist ernst“, sagte er am Montag."
	for _, c := range []struct {
		lang     string
		orphaned bool
	}{{"de", true}, {"de-AT", true}, {"en", false}, {"", false}} {
		fs, err := quote.Check(&stemma.Report{Article: stemma.Doc{Lang: c.lang}}, text, nil)
		if err != nil {
			t.Fatal(err)
		}
		orphaned := false
		for _, f := range fs {
			orphaned = orphaned || f.Kind == stemma.QuoteOrphaned
		}
		if orphaned != c.orphaned {
			t.Errorf("language %q: findings %+v; want an orphaned quote: %v", c.lang, fs, c.orphaned)
		}
	}
}

// TestPhraseCue checks a cue phrase that opens the sentence before the
// quote, in each language's words for "according to".
func TestPhraseCue(t *testing.T) {
	for _, c := range []struct{ lang, text, name string }{
		{"en", `According to Smith, "the talks have failed."`, "Smith"},
		{"en", `According to the minister, "the talks have failed."`, "the minister"},
		{"es", "Según el ministro, «no habrá cambios».", "el ministro"},
		{"fr", "Selon Macron, « il n'y aura pas de changement ».", "Macron"},
		{"de", "Laut Scholz „wird sich nichts ändern“.", "Scholz"},
		{"ru", "По словам Путина, «ничего не изменится».", "Путина"},
	} {
		f, err := quote.New(quote.Options{Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		qs := f.Find(c.text)
		if len(qs) != 1 || qs[0].Name != c.name || qs[0].Attribution != stemma.Named {
			t.Errorf("%s %q: %+v, want one quote by %q", c.lang, c.text, qs, c.name)
		}
	}
}

// TestFindCJK checks that Chinese and Japanese quotes are found in their
// marks, and that a table without reporting verbs reports no quote as
// unattributed, even with Latin capitals in the text.
func TestFindCJK(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		want       []string
	}{
		{"zh", "NASA发言人表示：“我们坚决反对。”他还说，「合作是唯一的出路」。", []string{"我们坚决反对。", "合作是唯一的出路"}},
		{"ja", "NHKによると、首相は「賛成だ」と述べた。会見では『新しい計画』について説明した。", []string{"賛成だ", "新しい計画"}},
	} {
		f, err := quote.New(quote.Options{Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, q := range f.Find(c.text) {
			got = append(got, c.text[q.Text.Start:q.Text.End])
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: quotes %q, want %q", c.lang, got, c.want)
		}
		fs, err := quote.Check(&stemma.Report{Article: stemma.Doc{Lang: c.lang}}, c.text, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 0 {
			t.Errorf("%s: findings %+v with no sources, want none", c.lang, fs)
		}
	}
}
