package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSummaryInBrowser pastes examples/brief.txt, a brief of reuters-1,
// into a server with paraphrase tracing over the example corpus: the
// report shows one passage classed summary, and its comparison folds the
// long runs of the story that the brief leaves out, each fold a link to
// its row in the table of changes.
func TestSummaryInBrowser(t *testing.T) {
	ctx := browser(t)
	b, err := os.ReadFile(filepath.Join(root, "examples", "brief.txt"))
	if err != nil {
		t.Fatal(err)
	}
	brief := strings.TrimSpace(string(b))
	db := filepath.Join(t.TempDir(), "db")
	stemma(t, "index", "--db", db, "-q", filepath.Join(root, "examples", "reuters-sample.jsonl"))
	base := serve(t, "--db", db, "--paraphrase")
	paste(t, ctx, base, brief, "a.compare")
	if got := eval[[]string](t, ctx, `[...document.querySelectorAll('.passage .class-label')].map(e => e.textContent)`); strings.Join(got, ",") != "summary" {
		t.Fatalf("passage classes %v, want one summary", got)
	}
	do(t, ctx,
		chromedp.Click(chromedp.CSS("a.compare")),
		chromedp.WaitVisible(chromedp.ID("changes")),
	)
	folds := eval[[]string](t, ctx, `[...document.querySelectorAll('#source-side a.fold')].map(a => a.getAttribute('href') + ' ' + a.textContent.trim())`)
	if len(folds) == 0 {
		t.Fatal("no fold in the source's column")
	}
	for _, f := range folds {
		href, note, _ := strings.Cut(f, " ")
		if !strings.HasPrefix(href, "#change-") || !strings.HasSuffix(note, "more words left out …") {
			t.Errorf("fold %q: want a link to a change and the count of words left out", f)
		}
	}
	first, _, _ := strings.Cut(folds[0], " ")
	do(t, ctx, chromedp.Click(chromedp.CSS("#source-side a.fold")))
	if got := eval[string](t, ctx, `location.hash + ' ' + (document.querySelector(':target') || {dataset: {}}).dataset.kind`); got != first+" deletion" {
		t.Errorf("after clicking the first fold: %q, want %q (its row, a deletion)", got, first+" deletion")
	}
	if n := eval[int](t, ctx, `window.__cspViolations.length`); n != 0 {
		t.Errorf("%d content security policy violations", n)
	}
}
