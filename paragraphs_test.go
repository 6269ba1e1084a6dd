package stemma_test

import (
	"slices"
	"testing"

	"github.com/stemmanews/stemma"
)

// TestJoinParagraphs checks the text of paragraphs and their spans.
func TestJoinParagraphs(t *testing.T) {
	for _, c := range []struct {
		paras []string
		text  string
		spans []stemma.Span
	}{
		{nil, "", []stemma.Span{}},
		{[]string{"Héllo."}, "Héllo.", []stemma.Span{{Start: 0, End: 7}}},
		{[]string{"A b.", "", "Cd."}, "A b.\n\n\n\nCd.", []stemma.Span{{Start: 0, End: 4}, {Start: 6, End: 6}, {Start: 8, End: 11}}},
	} {
		text, spans := stemma.JoinParagraphs(c.paras)
		if text != c.text || !slices.Equal(spans, c.spans) {
			t.Errorf("JoinParagraphs(%q) = %q, %v; want %q, %v", c.paras, text, spans, c.text, c.spans)
		}
		for i, sp := range spans {
			if text[sp.Start:sp.End] != c.paras[i] {
				t.Errorf("span %d holds %q, want %q", i, text[sp.Start:sp.End], c.paras[i])
			}
		}
	}
}
