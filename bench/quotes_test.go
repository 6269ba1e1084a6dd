package bench

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/quote"
)

// TestQuotesMarkdownPolNeAR checks the PolNeAR part of the quotes section:
// "not run" when the corpus is missing, never figures; the two tables when
// it ran.
func TestQuotesMarkdownPolNeAR(t *testing.T) {
	md := func(s *QuotesResult) string {
		var b strings.Builder
		s.markdown(func(format string, args ...any) { fmt.Fprintf(&b, format, args...) })
		return b.String()
	}
	missing := md(&QuotesResult{PolNeARMissing: "/nowhere/polnear"})
	if !strings.Contains(missing, "### Attribution on PolNeAR (test split, not tuned on)\n\nNot run: corpus missing (looked for PolNeAR in `/nowhere/polnear`") {
		t.Errorf("missing corpus: section lacks the not-run line:\n%s", missing)
	}
	if strings.Contains(missing, "| quote recall |") || strings.Contains(missing, "quote-orphaned") {
		t.Errorf("missing corpus: section shows figures:\n%s", missing)
	}
	ran := md(&QuotesResult{
		PolNeAR: &quote.PolNeARScores{Docs: 84, Direct: 400, Matched: 390, Recall: 0.975,
			ByClass: map[string]quote.SpeakerScore{quote.SourceName: {Right: 8, Total: 10, Accuracy: 0.8}}},
		Attribution: &quote.AttributionScores{Articles: 84, Kinds: []quote.AttributionKindScores{
			{Damage: quote.Excerpt, Expect: stemma.QuoteOrphaned, Copies: 30, TruePositives: 29, Precision: 1, Recall: 29.0 / 30}}},
		LabelledFindings: map[stemma.QuoteProblem]int{stemma.QuoteOrphaned: 0, stemma.QuoteUnattributed: 1},
	})
	for _, want := range []string{
		"| quote recall | 0.975 (390 of 400;",
		"| – named source: the speaker span overlaps it, or names the same speaker | 0.800 (8 of 10) | |",
		"| `quote-orphaned` (excerpt copies) | 30 | 1.000 | 0.967 | 29 / 0 | 0 |",
		"reports 0 orphaned and 1 unattributed quotes",
	} {
		if !strings.Contains(ran, want) {
			t.Errorf("section lacks %q:\n%s", want, ran)
		}
	}
}
