package quote_test

import (
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/quote"
)

// TestFind covers marks and patterns the corpora lack (curly quotes,
// guillemets) and the main attribution patterns, one each.
func TestFind(t *testing.T) {
	for _, tc := range []struct {
		text, quote, speaker string
		attr                 stemma.Attribution
	}{
		{`“We will win,” said Jane Doe.`, `We will win,`, "Jane Doe", stemma.Named},
		{`«Nous gagnerons», Jane Doe said.`, `Nous gagnerons`, "Jane Doe", stemma.Named},
		{`Treasury Secretary James Baker said: "No change."`, `No change.`, "Treasury Secretary James Baker", stemma.Named},
		{`"It is over," according to a senior official.`, `It is over,`, "a senior official", stemma.Named},
		{`Mr Smith, who chairs the board, said the plan was "dead".`, `dead`, "Mr Smith", stemma.Named},
		{`Mrs Jones spoke first. "We are ready," she told reporters.`, `We are ready,`, "Mrs Jones", stemma.Pronoun},
		{"Mr Brown spoke.\n\n\"A is true.\n\n\"B is too,\" he said.", "A is true.\n\n\"B is too,", "Mr Brown", stemma.Pronoun},
		{`The sky is "blue" today.`, `blue`, "", stemma.Unattributed},
		// "Continued to back" is not speech: the quote is the pronoun's, and
		// no person comes before it (the ministry is not a "he").
		{`The ministry continued to back the rebels in the north, and "that has cut us off from our partners", he said.`, `that has cut us off from our partners`, "", stemma.Pronoun},
		{`Mr Lee spoke for an hour. He continued: "We will go on."`, `We will go on.`, "Mr Lee", stemma.Pronoun},
		{`Ms Ross called for more "flexibility" in the talks.`, `flexibility`, "Ms Ross", stemma.Named},
		// A pronoun resolves to a person, named in full: a title and a
		// name, never the tail of a title ("State John Kerry").
		{`Secretary of State John Kerry arrived in Vienna. Kerry said the talks would go on. "We will not stop," he said.`, `We will not stop,`, "Secretary of State John Kerry", stemma.Pronoun},
		{`Chief of Staff Denis McDonough met the press. "We will not stop," he said.`, `We will not stop,`, "Chief of Staff Denis McDonough", stemma.Pronoun},
		{`Ivanka Trump spoke after Donald Trump. "He is a feminist," she said.`, `He is a feminist,`, "Ivanka Trump", stemma.Pronoun},
		// A name the tables do not know, when no one else fits.
		{`Zolani Mkiva opened the session. "We will not stop," he said.`, `We will not stop,`, "Zolani Mkiva", stemma.Pronoun},
		// Institutions, places and days are never "he" or "she".
		{`On Thursday the Pentagon in Washington defended the plan. "We will not stop," he said.`, `We will not stop,`, "", stemma.Pronoun},
		{`Mr Lee spoke. "It is over," he often says.`, `It is over,`, "Mr Lee", stemma.Pronoun},
		{`"Happy new year!" Ms Ross tweeted.`, `Happy new year!`, "Ms Ross", stemma.Named},
		// A quote after a sentence about someone reads as theirs.
		{"Mr Viguerie is upbeat about the race.\n\n\"Cruz can win in November.\"", `Cruz can win in November.`, "Mr Viguerie", stemma.Continued},
		// A straight mark closed by a curly one.
		{`"We will win,” said Jane Doe.`, `We will win,`, "Jane Doe", stemma.Named},
		// The cue opens the next sentence, with a clause that is not speech.
		{`"What kind of people do I have here?" Trump asked, looking far from displeased.`, `What kind of people do I have here?`, "Trump", stemma.Named},
		{`"Alabama is proud to cast its votes!" US Senator Jeff Sessions said as he launched the vote.`, `Alabama is proud to cast its votes!`, "US Senator Jeff Sessions", stemma.Named},
		// The head of a speaker phrase is a person: after an organisation
		// and a title, before a preposition or "of" and an organisation,
		// after a possessive; a first name alone is one.
		{`World Bank President Barber Conable spoke in Tokyo. "Debt is manageable," he said.`, `Debt is manageable,`, "World Bank President Barber Conable", stemma.Pronoun},
		{`A senior official at one of four banks said the ministry agreed. "We expect approval by April," he said.`, `We expect approval by April,`, "A senior official at one of four banks", stemma.Pronoun},
		{`Danuta Zielonka of Wertheim Schroder Co Inc said growth slowed. "It gives them room," she said.`, `It gives them room,`, "Danuta Zielonka of Wertheim Schroder Co Inc", stemma.Pronoun},
		{`Chelsea's William Gallas believes they will win. "It will be a two-horse race," he told BBC Sport.`, `It will be a two-horse race,`, "Chelsea's William Gallas", stemma.Pronoun},
		{`At a rally, Trump's wife, Melania, spoke. "He will punch back," she said.`, `He will punch back,`, "Melania", stemma.Pronoun},
		{`"Sales are up," the chief executive of a leading European car maker told BBC News.`, `Sales are up,`, "the chief executive of a leading European car maker", stemma.Named},
		{`Director of the Office of Management and Budget James Miller spoke. "There will be no tax increases," he said.`, `There will be no tax increases,`, "Director of the Office of Management and Budget James Miller", stemma.Pronoun},
		// A surname shared by a he and a she says nothing of either.
		{`President Reagan met Mrs Reagan at noon. "It touched a nerve," he said.`, `It touched a nerve,`, "President Reagan", stemma.Pronoun},
		// A determiner and a role is someone a he may be.
		{`A spokesman for Zenith criticised the move. "The downgrade is unwarranted," he said.`, `The downgrade is unwarranted,`, "A spokesman", stemma.Pronoun},
		{`The attorney general has denied it. "The claims are unfounded," he insisted.`, `The claims are unfounded,`, "The attorney general", stemma.Pronoun},
		// Sentences that go on about the same he do not count towards how
		// far back the pronoun looks.
		{"Mr Holland spoke.\n\nHe said prices rose. He said costs fell. He said sales rose. He said jobs went. He said trade grew. He said taxes fell. He said debt rose. He said rates fell. He said growth slowed.\n\n\"We are ready,\" he said.", `We are ready,`, "Mr Holland", stemma.Pronoun},
		// The quotation dash (U+2015) cues like any dash; a closing mark
		// typed for an opening one still opens a quote.
		{"“Trump must stop portraying us as gangsters.”― Carla Sanchez.", `Trump must stop portraying us as gangsters.`, "Carla Sanchez", stemma.Named},
		{"The page filled up.\n\n”Sorry, you should have said it better,” posted Sharon Geyer.", `Sorry, you should have said it better,`, "Sharon Geyer", stemma.Named},
		// "Saying": the subject of the clause it follows, not the
		// sentence's first words.
		{`Ms Fields spoke on Tuesday. On Twitter, she responded by saying, "Seriously, just stop lying."`, `Seriously, just stop lying.`, "Ms Fields", stemma.Pronoun},
		{`WASHINGTON (UPI) — In response to the plan, Hillary Clinton's right-hand woman rallied supporters, saying: "We have to be ready to stop him."`, `We have to be ready to stop him.`, "Hillary Clinton's right-hand woman", stemma.Named},
		// A dash and a name, the fact-check convention.
		{"\"I helped write that bill.\"\n\n- Sanders.\n\nSanders exaggerates.", `I helped write that bill.`, "Sanders", stemma.Named},
		{`"Ask not what your country can do for you." — John F. Kennedy`, `Ask not what your country can do for you.`, "John F. Kennedy", stemma.Named},
		{"\"Great speech. She is ready.\"\n\n-President Obama, tweeting after the speech.", "Great speech. She is ready.", "President Obama", stemma.Named},
		// "Said" before the quote, reported in turn after it.
		{`Khamenei said the government had to act, "but any violent act will harm U.S. interests," the radio reported.`, `but any violent act will harm U.S. interests,`, "Khamenei", stemma.Named},
		// Two apostrophes stand for a double quote (the NYT archive), but
		// not between letters.
		{`''We will win,'' said Jane Doe.`, `We will win,`, "Jane Doe", stemma.Named},
		{"The company''s \"plan\" is dead.", `plan`, "", stemma.Unattributed},
		{"Mr Brown spoke.\n\n''A is true.\n\n''B is 'too,''' he said.", "A is true.\n\n''B is 'too,'", "Mr Brown", stemma.Pronoun},
	} {
		qs := quote.Find(tc.text)
		if len(qs) != 1 {
			t.Errorf("%q: %d quotes, want 1", tc.text, len(qs))
			continue
		}
		q := qs[0]
		if got := tc.text[q.Text.Start:q.Text.End]; got != tc.quote || q.Name != tc.speaker || q.Attribution != tc.attr {
			t.Errorf("%q: quote %q by %q (%s), want %q by %q (%s)", tc.text, got, q.Name, q.Attribution, tc.quote, tc.speaker, tc.attr)
		}
	}
}

// TestOrphaned checks which quotes are orphaned: attributed by "he" or
// "she" with no person named before them, or going on with such a quote;
// and that a quote goes on with the one before it whoever said it.
func TestOrphaned(t *testing.T) {
	type want struct {
		attr     stemma.Attribution
		name     string
		orphaned bool
	}
	for _, tc := range []struct {
		text string
		want []want
	}{
		{`The ministry continued to back the rebels, and "that has cut us off from our partners", he said. "We are alone."`,
			[]want{{stemma.Pronoun, "", true}, {stemma.Continued, "", true}}},
		{`Mr Lee spoke. "It is over," he said. "We are alone."`,
			[]want{{stemma.Pronoun, "Mr Lee", false}, {stemma.Continued, "Mr Lee", false}}},
		{`"Okay," I said. "I was seventeen when I came to America."`,
			[]want{{stemma.Pronoun, "", false}, {stemma.Continued, "", false}}},
		{`He said the talks had failed. "We are alone."`,
			[]want{{stemma.Continued, "", true}}},
		{`"It is over," they said.`,
			[]want{{stemma.Pronoun, "", false}}},
	} {
		qs := quote.Find(tc.text)
		if len(qs) != len(tc.want) {
			t.Errorf("%q: %d quotes, want %d", tc.text, len(qs), len(tc.want))
			continue
		}
		for i, q := range qs {
			if got := (want{q.Attribution, q.Name, q.Orphaned}); got != tc.want[i] {
				t.Errorf("%q quote %d: %+v, want %+v", tc.text, i+1, got, tc.want[i])
			}
		}
	}
}
