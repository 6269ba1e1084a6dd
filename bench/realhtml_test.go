package bench

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stemmanews/stemma/ingest"
)

// TestRealHTMLMarkdown checks the real-page table: "not run" and no
// figures when the corpora are missing; one row per extractor and set,
// with the segment counts where the set is scored by segment.
func TestRealHTMLMarkdown(t *testing.T) {
	md := func(s *RealHTMLResult) string {
		var b strings.Builder
		s.markdown(func(format string, args ...any) { fmt.Fprintf(&b, format, args...) })
		return b.String()
	}
	missing := md(&RealHTMLResult{Missing: "/nowhere/html-trafilatura"})
	if !strings.Contains(missing, "Not run: corpus missing (looked in `/nowhere/html-trafilatura`") || strings.Contains(missing, "| pages |") {
		t.Errorf("missing corpora: want the not-run line and no table:\n%s", missing)
	}
	ran := md(&RealHTMLResult{Rows: []RealHTMLRow{
		{Set: "Trafilatura corpus, held-out half", Extractor: "stemma", RealScores: ingest.RealScores{Pages: 513, TP: 1434, FN: 95, FP: 156, Precision: 0.902, Recall: 0.938, F1: 0.920, UTF8Pages: 488}, PagesPerSec: 52},
		{Set: "Scrapinghub benchmark", Extractor: "trafilatura", RealScores: ingest.RealScores{Pages: 181, Precision: 0.95, Recall: 0.96, F1: 0.955, UTF8Pages: 181, Mojibake: 3}, PagesPerSec: 140},
	}})
	for _, want := range []string{
		"| Trafilatura corpus, held-out half (513) | **stemma** | 0.902 | 0.938 (1434 of 1529 kept, 156 boilerplate kept) | 0.920 | 0 of 488 | 52 |",
		"| Scrapinghub benchmark (181) | trafilatura | 0.950 | 0.960 | 0.955 | 3 of 181 | 140 |",
	} {
		if !strings.Contains(ran, want) {
			t.Errorf("table lacks %q:\n%s", want, ran)
		}
	}
}
