package quote_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/quote"
)

// TestAttributionFindings checks the findings Check reports for an article
// with no sources at all: an orphaned "he said" and a quote with no
// speaker, and none for the quotes a journalist would not want flagged.
func TestAttributionFindings(t *testing.T) {
	const (
		orphaned     = stemma.QuoteOrphaned
		unattributed = stemma.QuoteUnattributed
	)
	for _, tc := range []struct {
		name, text string
		want       []stemma.QuoteProblem
		explain    string // a phrase of the first finding's explanation
	}{
		{"institution is not a he",
			`The ministry continued to back the rebels in the north, and "that has cut us off from our partners", he said.`,
			[]stemma.QuoteProblem{orphaned}, `only by "he", but no person named before it can be "he" (the nearest name, "The ministry", is not a person)`},
		{"its continuation is orphaned too",
			`The ministry continued to back the rebels, and "that has cut us off", he said. "We are alone now."`,
			[]stemma.QuoteProblem{orphaned, orphaned}, `Quote “that has cut us off” is attributed only by "he"`},
		{"a she with only a place before her",
			"Prices rose in Vermont on Monday.\n\n\"We cannot go on like this,\" she said.",
			[]stemma.QuoteProblem{orphaned}, `(the nearest name, "Vermont", is not a person)`},
		{"a he after a sentence of reported speech",
			"He said the talks had failed.\n\n\"We are alone now and nobody will help us.\"",
			[]stemma.QuoteProblem{orphaned}, `follows a sentence whose speaker is only "he"`},
		{"a he with a person", `Mr Lee spoke. "We are alone," he said.`, nil, ""},
		{"a he with a name the tables do not know", `Zolani Mkiva spoke. "We are alone," he said.`, nil, ""},
		{"a they is not orphaned", `"We are alone," they said.`, nil, ""},
		{"no speaker at all",
			"The plant closed on Monday after ninety years.\n\n\"We have nowhere to go now and nobody will help us.\"\n\nThe site will be sold.",
			[]stemma.QuoteProblem{unattributed}, "has no speaker"},
		{"scare quotes and terms", `The plan was "stupid" and "brutal", and "boots on the ground" were ruled out.`, nil, ""},
		{"a short quote of its own", "The plant closed.\n\n\"Never again.\"", nil, ""},
		{"a title in title case", "The film opened.\n\n\"The Last Days Of The Empire.\"", nil, ""},
		{"introduced by a colon", "The sign on the gate read:\n\n\"No entry for anyone after dark tonight.\"", nil, ""},
		{"going on from a named speaker", `"We will win," said Jane Doe. "Nobody can stop us now."`, nil, ""},
		{"after a sentence about someone", "Mr Lee looked tired.\n\n\"We have nowhere to go now and nobody will help us.\"", nil, ""},
		{"before a sentence about someone", "\"We have nowhere to go now and nobody will help us.\" Mr Lee looked tired.", nil, ""},
		{"a paragraph before one about someone", "\"We have nowhere to go now and nobody will help us.\"\n\nMr Lee looked tired.", []stemma.QuoteProblem{unattributed}, "has no speaker"},
		{"before a he", "\"We have nowhere to go now and nobody will help us.\" He looked tired.", []stemma.QuoteProblem{unattributed}, "has no speaker"},
		{"after a sentence about his performance", "But he was pleased with his overall performance. \"I had a chance in the third set and took it.\"", nil, ""},
		{"in reported speech", `Mr Lee said the plant would "close for good before the end of the year".`, nil, ""},
		{"unclosed", "The plant closed.\n\n\"We have nowhere to go now and nobody will help us", nil, ""},
		{"text without capitals",
			strings.Repeat("the company said its sales rose in the quarter and costs fell. ", 10) + `"we are ready to grow again," he said.`, nil, ""},
	} {
		fs, err := quote.Check(&stemma.Report{}, tc.text, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []stemma.QuoteProblem
		for _, f := range fs {
			got = append(got, f.Kind)
			if f.Kind == orphaned && f.Severity != stemma.Medium || f.Kind == unattributed && f.Severity != stemma.Low {
				t.Errorf("%s: %s with severity %s", tc.name, f.Kind, f.Severity)
			}
			if f.Text != tc.text[f.Quote.Text.Start:f.Quote.Text.End] || f.Speaker != "" || f.Source != nil {
				t.Errorf("%s: finding %+v: text, speaker or source wrong", tc.name, f)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: findings %v, want %v", tc.name, got, tc.want)
			continue
		}
		if tc.explain != "" && !strings.Contains(fs[0].Explanation, tc.explain) {
			t.Errorf("%s: explanation %q lacks %q", tc.name, fs[0].Explanation, tc.explain)
		}
	}
}
