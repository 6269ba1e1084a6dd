package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/report"
)

// TestQuotes checks that quote findings, of the kinds found against a
// source and of those found in the article alone (orphaned, unattributed),
// appear in the text report, one line each with severity, kind and
// explanation in aligned columns, and in the JSON report.
func TestQuotes(t *testing.T) {
	r := &stemma.Report{
		Article:  stemma.Doc{ID: "copy"},
		Length:   100,
		Words:    20,
		Reused:   1,
		Passages: []stemma.Passage{{Article: stemma.Span{Start: 0, End: 90}, Text: "x", Witnesses: []stemma.Witness{{Doc: stemma.Doc{ID: "reuters-1"}}}}},
		Quotes: []stemma.QuoteFinding{{
			Kind: stemma.SpeakerChanged, Severity: stemma.High,
			Explanation: "Quote “We will win” is attributed to Jane Doe here, but to John Smith in reuters-1.",
			Quote:       stemma.Quote{Text: stemma.Span{Start: 1, End: 12}, Attribution: stemma.Named},
		}, {
			Kind: stemma.QuoteOrphaned, Severity: stemma.Medium,
			Explanation: "Quote “That has cut us off” is attributed only by \"he\", but no person named before it can be \"he\".",
			Quote:       stemma.Quote{Text: stemma.Span{Start: 20, End: 40}, Attribution: stemma.Pronoun},
		}, {
			Kind: stemma.QuoteUnattributed, Severity: stemma.Low,
			Explanation: "Quote “We have nowhere to go” has no speaker.",
			Quote:       stemma.Quote{Text: stemma.Span{Start: 50, End: 70}, Attribution: stemma.Unattributed},
		}},
	}
	var b bytes.Buffer
	if err := report.Text(&b, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\nQuotes\n  high   speaker-changed    bytes 1-12  Quote “We will win” is attributed to Jane Doe here",
		"\n  medium quote-orphaned     bytes 20-40  Quote “That has cut us off” is attributed only by \"he\"",
		"\n  low    quote-unattributed bytes 50-70  Quote “We have nowhere to go” has no speaker.",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := report.JSON(&b, r); err != nil {
		t.Fatal(err)
	}
	var back stemma.Report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Quotes) != 3 || back.Quotes[0].Kind != stemma.SpeakerChanged || back.Quotes[0].Quote.Text.End != 12 ||
		back.Quotes[1].Kind != stemma.QuoteOrphaned || back.Quotes[2].Kind != stemma.QuoteUnattributed || back.Quotes[2].Severity != stemma.Low {
		t.Errorf("JSON quotes = %+v", back.Quotes)
	}
	if !strings.Contains(b.String(), `"kind": "quote-orphaned"`) && !strings.Contains(b.String(), `"kind":"quote-orphaned"`) {
		t.Errorf("JSON lacks the kind quote-orphaned:\n%s", b.String())
	}
}
