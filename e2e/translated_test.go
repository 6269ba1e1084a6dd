package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTranslatedInBrowser indexes an English story, pastes a German
// translation of two of its sentences, and opens the passage's
// comparison: the report labels the passage translated from English, and
// the comparison shows the English source and the German article in two
// columns side by side, each naming its language, with no list of word
// changes and no markup of the article's run.
func TestTranslatedInBrowser(t *testing.T) {
	if _, err := os.Stat("/usr/share/dictd/freedict-deu-eng.index"); err != nil {
		msg := "no German–English dictionary: .ci/install installs dict-freedict-deu-eng"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	ctx := browser(t)
	story, german := readTranslated(t, "en"), readTranslated(t, "de")
	db := indexOne(t, map[string]string{"id": "story", "source": "wire", "lang": "en", "text": story})
	base := serve(t, "--db", db)
	paste(t, ctx, base, german, ".class-label.translated")
	if got := eval[string](t, ctx, `document.querySelector('table.witnesses').textContent`); !strings.Contains(got, "from English") || !strings.Contains(got, "not compared word by word") {
		t.Errorf("witness table %q: want the witness translated from English", got)
	}
	do(t, ctx,
		chromedp.Click(chromedp.CSS("a.compare")),
		chromedp.WaitVisible(chromedp.ID("source-side")),
	)
	viewportShot(t, ctx, "compare-translated")
	type side struct {
		Text, Meta  string
		Left, Top   float64
		Right, Wide float64
	}
	get := func(id string) side {
		return eval[side](t, ctx, `(() => { const s = document.getElementById('`+id+`'); const r = s.getBoundingClientRect();
			return {Text: s.querySelector('.cmp-text .span').textContent, Meta: s.querySelector('.meta').textContent, Left: r.left, Top: r.top, Right: r.right, Wide: r.width}; })()`)
	}
	src, art := get("source-side"), get("article-side")
	if !strings.HasPrefix(src.Text, "The government announced on Tuesday") || !strings.HasSuffix(src.Text, "in Hamburg") || !strings.Contains(src.Meta, "English") {
		t.Errorf("source side %q (%q): want the story's last two sentences, in English", src.Text, src.Meta)
	}
	if !strings.HasPrefix(art.Text, "Die Regierung kündigte") || !strings.HasSuffix(art.Text, "in Hamburg verwendet") || !strings.Contains(art.Meta, "German") {
		t.Errorf("article side %q (%q): want the German translation, in German", art.Text, art.Meta)
	}
	if !(src.Right <= art.Left+1) || src.Top != art.Top || src.Wide < 300 {
		t.Errorf("columns at %+v and %+v: want the source left of the article, side by side", src, art)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#changes, blink').length`); n != 0 {
		t.Errorf("%d change lists or <blink> elements on the comparison: a translation lists no word changes, and article markup stays text", n)
	}
	if n := eval[int](t, ctx, `window.__cspViolations.length`); n != 0 {
		t.Errorf("%d content security policy violations", n)
	}
}

// TestTranslatedFromInBrowser is the other direction: a Russian article
// is indexed, the server looks for translations from Russian
// (--from-languages ru), and the English story pasted is traced to it.
// The report labels the passage translated from Russian, and the
// comparison shows the Russian source and the English article side by
// side, each naming its language.
func TestTranslatedFromInBrowser(t *testing.T) {
	ctx := browser(t)
	story, russian := readTranslated(t, "en"), readTranslated(t, "ru")
	db := indexOne(t, map[string]string{"id": "vesti", "source": "Вести", "lang": "ru", "text": russian})
	base := serve(t, "--db", db, "--from-languages", "ru")
	paste(t, ctx, base, story, ".class-label.translated")
	if got := eval[string](t, ctx, `document.querySelector('table.witnesses').textContent`); !strings.Contains(got, "from Russian") || !strings.Contains(got, "vesti") {
		t.Errorf("witness table %q: want vesti, translated from Russian", got)
	}
	do(t, ctx,
		chromedp.Click(chromedp.CSS("a.compare")),
		chromedp.WaitVisible(chromedp.ID("source-side")),
	)
	side := func(id string) (text, meta string) {
		r := eval[[]string](t, ctx, `(() => { const s = document.getElementById('`+id+`'); return [s.querySelector('.cmp-text .span').textContent, s.querySelector('.meta').textContent]; })()`)
		return r[0], r[1]
	}
	if text, meta := side("source-side"); !strings.HasPrefix(text, "Правительство объявило") || !strings.HasSuffix(text, "в Гамбурге") || !strings.Contains(meta, "Russian") {
		t.Errorf("source side %q (%q): want the Russian article's last two sentences, in Russian", text, meta)
	}
	if text, meta := side("article-side"); !strings.HasPrefix(text, "The government announced") || !strings.HasSuffix(text, "in Hamburg") || !strings.Contains(meta, "English") {
		t.Errorf("article side %q (%q): want the story's last two sentences, in English", text, meta)
	}
	if n := eval[int](t, ctx, `window.__cspViolations.length`); n != 0 {
		t.Errorf("%d content security policy violations", n)
	}
}

// readTranslated returns the story of testdata/translated in the language
// code.
func readTranslated(t *testing.T, code string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "testdata", "translated", "story."+code+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(string(b), "\n")
}

// indexOne indexes one document, given as its JSON Lines fields, into a
// new index with the stemma binary, and returns the index's directory.
func indexOne(t *testing.T, doc map[string]string) string {
	t.Helper()
	line, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "doc.jsonl")
	if err := os.WriteFile(in, append(line, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "db")
	stemma(t, "index", "--db", db, "-q", in)
	return db
}
