package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestMovedInBrowser pastes a copy that swapped a short sentence with the
// sentence after it in its source: the report shows one passage over
// both, and its comparison lists the short sentence as moved on each side,
// not as text the copy added and text it cut.
func TestMovedInBrowser(t *testing.T) {
	ctx := browser(t)
	const (
		long  = "Dealers said the move had been widely expected by the money markets in the city today."
		short = "Prices rose again in March."
	)
	source := "The central bank raised its discount rate to six pct on Tuesday after a long meeting. " +
		"Analysts in London had forecast a smaller move of a quarter point before the announcement. " +
		"Traders in Frankfurt said the decision surprised most of the dealers they spoke to. " +
		short + " " + long
	article := long + " " + short + " Our own reporter adds that the weather was fine and the streets were busy all week long."
	db := indexOne(t, map[string]string{"id": "wire-1", "source": "wire", "text": source})
	base := serve(t, "--db", db)
	paste(t, ctx, base, article, "a.compare")
	do(t, ctx,
		chromedp.Click(chromedp.CSS("a.compare")),
		chromedp.WaitVisible(chromedp.ID("changes")),
	)
	rows := eval[[]string](t, ctx, `[...document.querySelectorAll('#changes tr[data-kind]')].map(r => r.dataset.kind + ': ' + r.cells[2].textContent.trim() + ' / ' + r.cells[3].textContent.trim())`)
	// The source has the short sentence first, the copy last: the
	// passage's edits begin with it on the source's side and end with it
	// on the article's.
	moved := strings.TrimSuffix(short, ".")
	want := []string{"moved (source): " + moved + " / —", "moved (article): — / " + moved}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	if got := eval[string](t, ctx, `document.querySelector('#article-side .cmp-text .span').textContent`); !strings.HasPrefix(strings.TrimPrefix(got, "‸"), long) || !strings.HasSuffix(got, moved) {
		t.Errorf("article side %q: want the long sentence and the short one after it", got)
	}
	if n := eval[int](t, ctx, `window.__cspViolations.length`); n != 0 {
		t.Errorf("%d content security policy violations", n)
	}
}
