package e2e

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Payloads that would run a script if an article's text reached the page
// as markup. Each would set window.__xss or change document.title.
var payloads = []string{
	`<script>window.__xss='script';document.title='pwned'</script>`,
	`<img src=x onerror="window.__xss='img';document.title='pwned'">`,
	`<a href="javascript:window.__xss='link'">click me</a>`,
	`<svg onload="window.__xss='svg'"></svg>`,
	`"><script>window.__xss='attr'</script>`,
	`'><img src=x onerror=window.__xss='attr2'>`,
}

// TestXSSInBrowser indexes a document whose ID, title, outlet, URL and
// text carry script payloads, pastes an article that shares its text (and
// carries payloads of its own), and opens every page that shows them: no
// script runs, no markup from the articles reaches the DOM (so the content
// security policy never has to step in), and the text shows literally.
func TestXSSInBrowser(t *testing.T) {
	ctx := browser(t)
	shared := "The finance ministers of the seven leading industrial nations agreed on Sunday to " +
		"coordinate their intervention in the currency markets, officials said after a long meeting. " +
		strings.Join(payloads[:3], " ") + " The central banks will buy dollars whenever the currency " +
		"falls below the levels agreed in Paris last February, according to a statement issued by the group."
	const id = `xss-<b>"1"</b>'&`
	rec, err := json.Marshal(map[string]string{
		"id":     id,
		"source": `<i>outlet</i><script>window.__xss='source'</script>`,
		"date":   "1987-02-22",
		"title":  `<script>window.__xss='title'</script> Ministers <img src=x onerror=window.__xss='t2'> agree`,
		"url":    `javascript:window.__xss='url'`,
		"text":   "Opening words of the wire story. " + shared + " " + payloads[3] + " Closing words.",
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "xss.jsonl")
	if err := os.WriteFile(corpus, append(rec, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "db")
	stemma(t, "index", "--db", db, "-q", corpus)
	base := serve(t, "--db", db)

	article := "Currency pact <script>window.__xss='headline'</script>\n\n" + shared + "\n\n" +
		strings.Join(payloads[3:], "\n") + "\nOur own closing paragraph."
	do(t, ctx,
		chromedp.Navigate(base+"/"),
		chromedp.SetValue(chromedp.ID("text"), article),
		chromedp.SetValue(chromedp.CSS("input[name=title]"), `Title <img src=x onerror=window.__xss='form-title'>`),
		chromedp.Click(chromedp.CSS("form.trace-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("article")),
	)
	if n := eval[int](t, ctx, `document.querySelectorAll('#article mark.psg').length`); n == 0 {
		t.Fatal("the shared text was not found: the payloads were not rendered inside a passage")
	}
	noScript(t, ctx, "report", "<script>window.__xss='script'", "<img src=x onerror=", "javascript:window.__xss='link'")
	screenshot(t, ctx, "xss-report")

	do(t, ctx,
		chromedp.Click(chromedp.CSS("a.compare")),
		chromedp.WaitVisible(chromedp.ID("source-side")),
	)
	noScript(t, ctx, "compare", "<script>window.__xss='script'", "<i>outlet</i>")

	do(t, ctx,
		chromedp.Navigate(base+"/docs/"+url.PathEscape(id)),
		chromedp.WaitVisible(chromedp.CSS(".doc-text")),
	)
	noScript(t, ctx, "document", id, "<svg onload=", "javascript:window.__xss='url'")
	if href := eval[string](t, ctx, `document.querySelector('.meta-grid a') ? document.querySelector('.meta-grid a').getAttribute('href') : ''`); strings.HasPrefix(strings.ToLower(href), "javascript:") {
		t.Errorf("the document's javascript: URL is a live link: %q", href)
	}
	screenshot(t, ctx, "xss-document")

	do(t, ctx,
		chromedp.Click(chromedp.CSS("a.button.primary")),
		chromedp.WaitVisible(chromedp.ID("article")),
	)
	noScript(t, ctx, "document report", "<script>window.__xss='script'")

	do(t, ctx,
		chromedp.Navigate(base+"/docs?q="+url.QueryEscape("<script>")),
		chromedp.WaitVisible(chromedp.ID("shown")),
	)
	noScript(t, ctx, "search", "<script>window.__xss='title'</script> Ministers")

	do(t, ctx,
		chromedp.Navigate(base+"/docs/"+url.PathEscape(`<script>window.__xss='404'</script>`)),
		chromedp.WaitVisible(chromedp.CSS(".error-message")),
	)
	noScript(t, ctx, "not found", "<script>window.__xss='404'</script>")
}

// noScript checks the current page: no payload ran, no element or
// attribute came from an article, no content security policy violation
// was reported, and each literal shows as text.
func noScript(t *testing.T, ctx context.Context, page string, literals ...string) {
	t.Helper()
	if v := eval[string](t, ctx, `String(window.__xss)`); v != "undefined" {
		t.Errorf("%s: a payload ran: window.__xss = %q", page, v)
	}
	if title := eval[string](t, ctx, `document.title`); strings.Contains(title, "pwned") {
		t.Errorf("%s: a payload set the title to %q", page, title)
	}
	if v := eval[[]string](t, ctx, `window.__cspViolations`); len(v) > 0 {
		t.Errorf("%s: content security policy violations: %q", page, v)
	}
	checks := map[string]string{
		"script elements other than app.js": `[...document.scripts].filter(s => !/^\/static\/app\.js\?v=/.test(s.getAttribute('src') || '')).length`,
		"img elements":                      `document.images.length`,
		"event handler attributes":          `[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length`,
		"javascript: links":                 `[...document.querySelectorAll('[href],[src],[action]')].filter(e => /^\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))).length`,
		"i and b elements":                  `document.querySelectorAll('main i, main b').length`,
	}
	for what, expr := range checks {
		if n := eval[int](t, ctx, expr); n != 0 {
			t.Errorf("%s: %d %s", page, n, what)
		}
	}
	text := eval[string](t, ctx, `document.body.innerText`)
	for _, lit := range literals {
		if !strings.Contains(text, lit) {
			t.Errorf("%s: the page text lacks the literal %q", page, lit)
		}
	}
}
