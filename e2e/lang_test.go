package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLanguageInBrowser indexes examples/fr-story.txt and pastes its
// rewording into the form of a server with paraphrase tracing, once with
// the language detected and once with English chosen in the form's
// language list: the report names the language, and the passage, stemmed
// in French, begins at "annonçait" (byte 12), or, read as English, a word
// later (byte 23, "mardi"); its witness's changes cell names the words the
// rewording kept, not a word diff.
func TestLanguageInBrowser(t *testing.T) {
	ctx := browser(t)
	b, err := os.ReadFile(filepath.Join(root, "examples", "fr-rewording.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimSpace(string(b))
	db := filepath.Join(t.TempDir(), "db")
	stemma(t, "index", "--db", db, "-q", filepath.Join(root, "examples", "fr-story.txt"))
	base := serve(t, "--db", db, "--paraphrase")
	for _, tc := range []struct {
		choice, name, start string
	}{{"", "French", "annonçait mardi"}, {"en", "English", "mardi qu'il"}} {
		do(t, ctx,
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(chromedp.ID("text")),
			chromedp.SetValue(chromedp.ID("text"), text),
			chromedp.SetValue(chromedp.CSS(`select[name=lang]`), tc.choice),
			chromedp.Click(chromedp.CSS("form.trace-form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(".passage")),
		)
		if got := eval[string](t, ctx, `document.querySelector('.report-head .lang, .lang').textContent`); got != tc.name {
			t.Errorf("language %q chosen: the report names %q, want %q", tc.choice, got, tc.name)
		}
		if got := eval[string](t, ctx, `document.querySelector('mark.psg').textContent`); !strings.HasPrefix(got, tc.start) {
			t.Errorf("language %q chosen: the passage reads %q…, want it to begin %q", tc.choice, got[:min(len(got), 20)], tc.start)
		}
		// The witness's changes cell says what the rewording kept.
		if got := eval[string](t, ctx, `document.querySelector('td.changes').textContent`); !strings.HasPrefix(got, "reworded; shares ") || !strings.Contains(got, "Lyon, Marseille") {
			t.Errorf("language %q chosen: the changes cell reads %q, want what the rewording shares, Lyon and Marseille first", tc.choice, got)
		}
	}
	if n := eval[int](t, ctx, `window.__cspViolations.length`); n != 0 {
		t.Errorf("%d content security policy violations", n)
	}
}
