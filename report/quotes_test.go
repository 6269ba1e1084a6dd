package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/report"
)

// TestQuotes checks that quote findings appear in the text report, one line
// each with severity, kind and explanation, and in the JSON report.
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
		}},
	}
	var b bytes.Buffer
	if err := report.Text(&b, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\nQuotes\n  high   speaker-changed  bytes 1-12  Quote “We will win” is attributed to Jane Doe here") {
		t.Errorf("text report lacks the quote finding:\n%s", b.String())
	}
	b.Reset()
	if err := report.JSON(&b, r); err != nil {
		t.Fatal(err)
	}
	var back stemma.Report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Quotes) != 1 || back.Quotes[0].Kind != stemma.SpeakerChanged || back.Quotes[0].Quote.Text.End != 12 {
		t.Errorf("JSON quotes = %+v", back.Quotes)
	}
}
