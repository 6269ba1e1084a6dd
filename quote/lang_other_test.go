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
		// A phrase a preposition opens at the start of a sentence ("В
		// Гааге", in The Hague) is no "он" (it was before the rule). In
		// German the person a phrase of time opens the sentence before
		// is the "er", as it always was.
		{"ru", "В Гааге выступил дипломат Роберто Кальзадилья. «Мы очень близки к цели», — сказал он.",
			[]want{{"Мы очень близки к цели", "Роберто Кальзадилья", stemma.Pronoun, false}}},
		{"de", "Am Freitagmorgen landete Minister Boris Pistorius in Wilna. „Wir stehen zu unseren Zusagen“, sagte er.",
			[]want{{"Wir stehen zu unseren Zusagen", "Minister Boris Pistorius", stemma.Pronoun, false}}},
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

// TestFindOtherLanguagesOrder checks the speakers that the word order of
// German, French, Spanish and Russian puts where English never does: a
// subject after its verb before the quote (German after a phrase of time,
// Spanish after "como"), a French pronoun inverted onto its verb, a German
// reflexive between the verb and the name, and a Spanish verb whose
// subject is its ending, resolved as a pronoun is; and the reporting
// verbs of tenses and senses the first tables lacked (a French passé
// simple, a Russian present, a German "twitterte").
func TestFindOtherLanguagesOrder(t *testing.T) {
	type want struct {
		quote, name string
		attr        stemma.Attribution
	}
	for _, c := range []struct {
		lang, text string
		want       want
	}{
		{"de", "Am Freitagmorgen sagte Trainer Will Wade, das Team sei „tief erschüttert“.",
			want{"tief erschüttert", "Trainer Will Wade", stemma.Named}},
		{"de", "Nach dem Gipfeltreffen sagte Ri Yong Ho am Samstag, der Norden sehe keine „entsprechende Reaktion“.",
			want{"entsprechende Reaktion", "Ri Yong Ho", stemma.Named}},
		{"de", "„Man hätte annehmen können, ich sei krank“, erinnert sich Schroeder an die Reaktionen.",
			want{"Man hätte annehmen können, ich sei krank", "Schroeder", stemma.Named}},
		{"de", "Bezüglich der Flüchtlinge erklärte Moualem, Länder wollten „irrationale Ängste verbreiten“.",
			want{"irrationale Ängste verbreiten", "Moualem", stemma.Named}},
		{"de", "„Große Sache, wenn das wahr ist“, twitterte Omar Navarro.",
			want{"Große Sache, wenn das wahr ist", "Omar Navarro", stemma.Named}},
		{"de", "Das Protein „fördert das Wachstum“ mehrerer Krebsarten, wie Professor Berzofsky erläuterte.",
			want{"fördert das Wachstum", "Professor Berzofsky", stemma.Named}},
		{"fr", "Le pilote Jean Doseba est arrivé à Palu. « Ils ont vu de nombreuses maisons détruites », explique-t-il.",
			want{"Ils ont vu de nombreuses maisons détruites", "Jean Doseba", stemma.Pronoun}},
		{"fr", "« Malheureusement, ils ne voulaient pas d’aide », regretta Mme Sumbung.",
			want{"Malheureusement, ils ne voulaient pas d’aide", "Mme Sumbung", stemma.Named}},
		{"es", "Roberto Calzadilla habló en La Haya. “Estamos muy cerca de volver al Pacífico”, prometió a finales de agosto.",
			want{"Estamos muy cerca de volver al Pacífico", "Roberto Calzadilla", stemma.Pronoun}},
		{"es", "El primer ministro Zoran Zaev votó en Estrúmica. Dijo que un resultado positivo sería una “confirmación de nuestro futuro”.",
			want{"confirmación de nuestro futuro", "Zoran Zaev", stemma.Pronoun}},
		{"es", "Tal como dijo Nelson Mandela: “Si hablas a un hombre en una lengua que entiende, el mensaje llega a su cabeza”.",
			want{"Si hablas a un hombre en una lengua que entiende, el mensaje llega a su cabeza", "Nelson Mandela", stemma.Named}},
		{"es", "“La situación es muy tensa”, nos decía Risa Kusuma en un centro de evacuación.",
			want{"La situación es muy tensa", "Risa Kusuma", stemma.Named}},
		{"ru", "«Ложь, ложь и еще более подлая ложь», — заявляет Уотерс в своем Твиттере.",
			want{"Ложь, ложь и еще более подлая ложь", "Уотерс", stemma.Named}},
		{"ru", "По мнению Трампа, в процессе «обрушилась вся ненависть» оппозиции.",
			want{"обрушилась вся ненависть", "Трампа", stemma.Named}},
		// A phrase of time or place and the addressee between the verb
		// and its subject.
		{"ru", "«Уэйд Симс получил ранение в голову», — заявил в субботу журналистам начальник полиции Мерфи Пол.",
			want{"Уэйд Симс получил ранение в голову", "начальник полиции Мерфи Пол", stemma.Named}},
		{"ru", "«Энтузиазм выйдет за рамки», — заявил на новостном сайте беспартийный политолог Стю Ротенберг.",
			want{"Энтузиазм выйдет за рамки", "политолог Стю Ротенберг", stemma.Named}},
		// An honorific ("г-жа") and a verb of remembering.
		{"ru", "«Вы бы подумали, что у меня нервный срыв», — вспоминает г-жа Шредер.",
			want{"Вы бы подумали, что у меня нервный срыв", "г-жа Шредер", stemma.Named}},
	} {
		f, err := quote.New(quote.Options{Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		got := f.Find(c.text)
		if len(got) != 1 {
			t.Errorf("%s %.40q: %d quotes, want 1", c.lang, c.text, len(got))
			continue
		}
		q, w := got[0], c.want
		if text := c.text[q.Text.Start:q.Text.End]; text != w.quote || q.Name != w.name || q.Attribution != w.attr || q.Orphaned {
			t.Errorf("%s: %q by %q (%v, orphaned %v), want %q by %q (%v)", c.lang, text, q.Name, q.Attribution, q.Orphaned, w.quote, w.name, w.attr)
		}
	}
}

// TestZeroSubjectUncertain checks that a Spanish verb whose ending is its
// subject resolves for certain only to the subject of a reporting verb
// before it; to another person it resolves, but uncertainly.
func TestZeroSubjectUncertain(t *testing.T) {
	f, err := quote.New(quote.Options{Language: "es"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text, name string
		uncertain  bool
	}{
		{"El ministro Juan Pérez dijo que habría cambios. “Estamos listos”, añadió.", "El ministro Juan Pérez", false},
		{"El ministro Juan Pérez viajó a La Haya. “Estamos muy cerca”, prometió.", "Juan Pérez", true},
	} {
		got := f.Find(c.text)
		if len(got) != 1 || got[0].Name != c.name || got[0].Uncertain != c.uncertain {
			t.Errorf("%.40q: %+v, want %q, uncertain %v", c.text, got, c.name, c.uncertain)
		}
	}
}

// TestZeroSubjectNeedsPerson checks that a Spanish verb with no subject
// is not read as the place or the organisation of the sentence before:
// its ending names a person, and with no person before it the quote has
// no speaker (and is no orphan, as no "he" or "she" was written).
func TestZeroSubjectNeedsPerson(t *testing.T) {
	f, err := quote.New(quote.Options{Language: "es"})
	if err != nil {
		t.Fatal(err)
	}
	text := "La ciudad de Palu quedó devastada. “Me dijeron que habían visto muchas casas destruidas”, comentó."
	got := f.Find(text)
	if len(got) != 1 || got[0].Name != "" || got[0].Orphaned || got[0].Attribution != stemma.Pronoun {
		t.Fatalf("got %+v, want one quote, attributed to the verb's ending, with no name and no orphan", got)
	}
	if cue := text[got[0].Cue.Start:got[0].Cue.End]; cue != "comentó" {
		t.Errorf("cue %q, want comentó", cue)
	}
}

// TestSameName checks the name match of the translations measurement
// across spellings, scripts and inflections, and that roles never match.
func TestSameName(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Rep. Maxine Waters", "Уотерс", true},
		{"Boris Johnson", "Бориса Джонсона", true},
		{"Chancellor Angela Merkel", "Merkels Sprecher", true},
		{"President Trump", "Трамп", true},
		{"Thomas Bjorn", "Бьорн", true},
		{"Patricia Schroeder", "г-жа Шредер", true},
		{"Gerhard Schröder", "Шрёдер", true},
		{"President Trump", "le président", false},
		{"a spokesman", "un porte-parole", false},
		{"Theresa May", "Boris Johnson", false},
	} {
		if got := quote.SameName(c.a, c.b); got != c.want {
			t.Errorf("SameName(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
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

// TestCheckTranslated checks the speaker check across languages: a German
// article whose passage translates an English one keeps Merkel's quote
// but gives it to another person at its cue (speaker-changed); the
// faithful translation, and one that says "sagte er", give no finding.
func TestCheckTranslated(t *testing.T) {
	source := "Chancellor Angela Merkel arrived in Paris on Monday. \"We will stand together,\" Merkel said after the meeting."
	for _, c := range []struct {
		article string
		want    []stemma.QuoteProblem
	}{
		{"Bundeskanzlerin Angela Merkel kam am Montag in Paris an. „Wir werden zusammenstehen“, sagte Martin Keller nach dem Treffen.", []stemma.QuoteProblem{stemma.SpeakerChanged}},
		{"Bundeskanzlerin Angela Merkel kam am Montag in Paris an. „Wir werden zusammenstehen“, sagte Merkel nach dem Treffen.", nil},
		{"Bundeskanzlerin Angela Merkel kam am Montag in Paris an. „Wir werden zusammenstehen“, sagte sie nach dem Treffen.", nil},
	} {
		// The same source witnesses the quote twice: translated, and as
		// written through a word it shares ("Merkel"), which has no
		// quote to compare.
		rep := &stemma.Report{Article: stemma.Doc{Lang: "de"}, Passages: []stemma.Passage{{
			Article: stemma.Span{Start: 0, End: len(c.article)}, Class: stemma.Verbatim,
			Witnesses: []stemma.Witness{{Doc: stemma.Doc{ID: "en-1", Lang: "en"}, Class: stemma.Verbatim,
				Article: stemma.Span{Start: 0, End: len(c.article)}, Source: stemma.Span{Start: 25, End: 31}, Edits: []stemma.Edit{}}},
		}, {
			Article: stemma.Span{Start: 0, End: len(c.article)}, Class: stemma.Translated,
			Witnesses: []stemma.Witness{{Doc: stemma.Doc{ID: "en-1", Lang: "en"}, Class: stemma.Translated,
				Article: stemma.Span{Start: 0, End: len(c.article)}, Source: stemma.Span{Start: 0, End: len(source)}, Edits: []stemma.Edit{}}},
		}}}
		fs, err := quote.Check(rep, c.article, func(id string) (string, error) { return source, nil })
		if err != nil {
			t.Fatal(err)
		}
		var got []stemma.QuoteProblem
		for _, f := range fs {
			got = append(got, f.Kind)
			t.Log(f.Explanation)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%.70q: findings %v, want %v", c.article, got, c.want)
		}
		if len(fs) == 1 && (fs[0].SourceSpeaker != "Merkel" || fs[0].Speaker != "Martin Keller") {
			t.Errorf("speakers %q (source %q), want Martin Keller and Merkel", fs[0].Speaker, fs[0].SourceSpeaker)
		}
	}
}

// TestCheckTranslatedFigures checks the figures of a quote across
// languages: a German translation that writes 50 where its English source
// writes 40 is quote-altered; the same figure in another notation (1,5
// for 1.5, 360.000 for 360,000), or a number written in words, is not.
func TestCheckTranslatedFigures(t *testing.T) {
	source := "Chancellor Angela Merkel spoke in Paris. \"Growth will reach 1.5 percent and 40 percent of 360,000 jobs are safe,\" Merkel said."
	for _, c := range []struct {
		quote string
		want  []stemma.QuoteProblem
	}{
		{"Das Wachstum wird 1,5 Prozent erreichen, und 50 Prozent von 360.000 Stellen sind sicher", []stemma.QuoteProblem{stemma.QuoteAltered}},
		{"Das Wachstum wird 1,5 Prozent erreichen, und 40 Prozent von 360.000 Stellen sind sicher", nil},
		{"Das Wachstum wird anderthalb Prozent erreichen, und vierzig Prozent aller Stellen sind sicher", nil},
	} {
		article := "Bundeskanzlerin Angela Merkel sprach in Paris. „" + c.quote + "“, sagte Merkel."
		rep := &stemma.Report{Article: stemma.Doc{Lang: "de"}, Passages: []stemma.Passage{{
			Article: stemma.Span{Start: 0, End: len(article)}, Class: stemma.Translated,
			Witnesses: []stemma.Witness{{Doc: stemma.Doc{ID: "en-1", Lang: "en"}, Class: stemma.Translated,
				Article: stemma.Span{Start: 0, End: len(article)}, Source: stemma.Span{Start: 0, End: len(source)}, Edits: []stemma.Edit{}}},
		}}}
		fs, err := quote.Check(rep, article, func(string) (string, error) { return source, nil })
		if err != nil {
			t.Fatal(err)
		}
		var got []stemma.QuoteProblem
		for _, f := range fs {
			got = append(got, f.Kind)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%.50q: findings %v, want %v", c.quote, got, c.want)
			continue
		}
		if len(fs) == 1 {
			want := "Quote “Das Wachstum wird 1,5 Prozent erreichen, und 50 Prozent von…” has other figures than the quote it translates: it writes 50; en-1, which it translates, writes 40."
			if fs[0].Explanation != want || fs[0].Severity != stemma.Medium {
				t.Errorf("finding %q (%v), want %q (medium)", fs[0].Explanation, fs[0].Severity, want)
			}
		}
	}
}
