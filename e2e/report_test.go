package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// span is a half-open byte range, as in stemma's JSON.
type span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// truth is examples/article.truth.json: which span of the example article
// came from which story, and every word changed.
type truth struct {
	Blocks []struct {
		ArticleSpan span          `json:"article_span"`
		SourceID    string        `json:"source_id"`
		Changes     []truthChange `json:"changes"`
		Witnesses   []struct {
			ID string `json:"id"`
		} `json:"witnesses"`
	} `json:"blocks"`
}

// truthChange is one word the example article changed from its source.
type truthChange struct {
	From        string `json:"from"`
	To          string `json:"to"`
	ArticleSpan span   `json:"article_span"`
	SourceSpan  span   `json:"source_span"`
}

// highlight is a passage as the report page shows it, gathered from the
// DOM.
type highlight struct {
	N      int    `json:"n"`
	Source string `json:"source"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Colour string `json:"colour"`
	Title  string `json:"title"`
	// ListColour is the colour of the origin's entry under Sources.
	ListColour string `json:"listColour"`
}

const gatherHighlights = `(() => {
  const ps = {};
  for (const m of document.querySelectorAll('#article mark.psg')) {
    const n = +m.dataset.passage;
    const p = ps[n] || (ps[n] = {n: n, source: m.dataset.source, start: +m.dataset.start, end: +m.dataset.end, text: '', title: m.title});
    p.start = Math.min(p.start, +m.dataset.start);
    p.end = Math.max(p.end, +m.dataset.end);
    p.text += m.textContent;
    p.colour = [...m.classList].find(c => /^c-?\d+$/.test(c)) || '';
    const li = [...document.querySelectorAll('#sources li[data-focus-source]')].find(l => l.dataset.focusSource === m.dataset.source);
    const sw = li && li.querySelector('.swatch');
    p.listColour = sw ? ([...sw.classList].find(c => /^c-?\d+$/.test(c)) || '') : '';
  }
  return Object.values(ps).sort((a, b) => a.n - b.n);
})()`

// change is a marked change of the side-by-side view: the two sides of
// one edit.
type change struct {
	Kind        string `json:"kind"`
	Source      string `json:"source"`
	Article     string `json:"article"`
	SourceStart int    `json:"sourceStart"`
	ArticleSpan span   `json:"articleSpan"`
}

const gatherChanges = `(() => {
  const out = {};
  for (const side of ['source', 'article']) {
    for (const el of document.querySelectorAll('#' + side + '-side [data-edit]')) {
      const c = out[el.dataset.edit] || (out[el.dataset.edit] = {kind: el.dataset.kind});
      c[side] = el.classList.contains('gap') ? '' : el.textContent;
      if (side === 'source') c.sourceStart = +el.dataset.start;
      else c.articleSpan = {start: +el.dataset.start, end: +el.dataset.end};
    }
  }
  return Object.values(out);
})()`

// TestReportInBrowser pastes the example article into the web UI of a real
// `stemma serve` over the example corpus, and checks what a reader sees:
// the four passages highlighted with their origins, one colour per source,
// the witnesses, the timeline, and the side-by-side view with every
// substitution marked at its exact bytes.
func TestReportInBrowser(t *testing.T) {
	ctx := browser(t)
	db := filepath.Join(t.TempDir(), "db")
	stemma(t, "index", "--db", db, "-q", filepath.Join(root, "examples", "reuters-sample.jsonl"))
	base := serve(t, "--db", db)
	articleBytes, err := os.ReadFile(filepath.Join(root, "examples", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	article := string(articleBytes)
	var tr truth
	readJSON(t, "examples/article.truth.json", &tr)

	// Paste and submit.
	do(t, ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("text")))
	viewportShot(t, ctx, "home")
	do(t, ctx,
		chromedp.SetValue(chromedp.ID("text"), article),
		chromedp.Click(chromedp.CSS("form.trace-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("article")),
	)
	viewportShot(t, ctx, "report")
	screenshot(t, ctx, "report-full")

	// The passages, highlighted from their byte spans.
	hs := eval[[]highlight](t, ctx, gatherHighlights)
	if len(hs) != len(tr.Blocks) {
		t.Fatalf("%d passages highlighted, want %d: %+v", len(hs), len(tr.Blocks), hs)
	}
	colours := map[string]string{}
	for i, b := range tr.Blocks {
		h := hs[i]
		if h.Source != b.SourceID {
			t.Errorf("passage %d: origin %s, want %s", h.N, h.Source, b.SourceID)
		}
		overlap := min(h.End, b.ArticleSpan.End) - max(h.Start, b.ArticleSpan.Start)
		if overlap < (b.ArticleSpan.End-b.ArticleSpan.Start)*95/100 {
			t.Errorf("passage %d: bytes %d-%d, want about %d-%d", h.N, h.Start, h.End, b.ArticleSpan.Start, b.ArticleSpan.End)
		}
		if h.Start < 0 || h.End > len(article) || h.Text != article[h.Start:h.End] {
			t.Errorf("passage %d: highlighted text is not the article's bytes %d-%d:\n got %q", h.N, h.Start, h.End, h.Text)
		}
		if h.Colour == "" || h.Colour != h.ListColour {
			t.Errorf("passage %d: colour %q, but its origin is %q in the source list", h.N, h.Colour, h.ListColour)
		}
		if prev, ok := colours[h.Colour]; ok && prev != h.Source {
			t.Errorf("colour %s is used for both %s and %s", h.Colour, prev, h.Source)
		}
		colours[h.Colour] = h.Source
		for _, want := range []string{"Passage " + fmt.Sprint(h.N), "Origin: " + b.SourceID, "similarity", "verbatim"} {
			if !strings.Contains(h.Title, want) {
				t.Errorf("passage %d: tooltip %q lacks %q", h.N, h.Title, want)
			}
		}
	}

	// The block carried by two stories lists both, the older as origin.
	rows := eval[[]string](t, ctx, `[...document.querySelectorAll('#passage-2 table.witnesses tbody tr')].map(r => (r.classList.contains('origin') ? '*' : '') + r.querySelector('code').textContent)`)
	if want := []string{"*reuters-7521", "reuters-7626"}; !slices.Equal(rows, want) {
		t.Errorf("passage 2 witnesses %q, want %q", rows, want)
	}
	if got := eval[string](t, ctx, `document.querySelector('.reused-figure').textContent`); got != "80%" {
		t.Errorf("reused share shown as %q, want 80%%", got)
	}
	if got := eval[string](t, ctx, `document.querySelector('.original-figure').textContent`); got != "20%" {
		t.Errorf("original share shown as %q, want 20%%", got)
	}
	// Changed words are underlined in the article, at the truth's bytes.
	underlined := eval[[]span](t, ctx, `[...document.querySelectorAll('#article .chg.sub')].map(s => ({start: +s.parentElement.dataset.start, end: +s.parentElement.dataset.end}))`)
	for _, b := range tr.Blocks {
		for _, c := range b.Changes {
			if !slices.Contains(underlined, c.ArticleSpan) {
				t.Errorf("%q → %q at bytes %d-%d is not underlined in the article", c.From, c.To, c.ArticleSpan.Start, c.ArticleSpan.End)
			}
		}
	}
	// The timeline lists the five dated sources oldest first, and the
	// undated pasted article apart.
	dated := eval[[]string](t, ctx, `[...document.querySelectorAll('#timeline ol.timeline-list li')].map(l => l.querySelector('.when').textContent.trim().slice(0, 10))`)
	if len(dated) != 5 || !slices.IsSorted(dated) {
		t.Errorf("timeline dates %q: want the 5 sources, oldest first", dated)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#timeline ul.timeline-list li.this-article').length`); n != 1 {
		t.Errorf("the undated article is listed %d times under Undated, want 1", n)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#timeline svg circle.dot').length`); n != 5 {
		t.Errorf("%d dots on the timeline axis, want 5", n)
	}

	// Side by side: passage 1 against its origin.
	do(t, ctx,
		chromedp.Click(chromedp.CSS("#passage-1 tr.origin a.compare")),
		chromedp.WaitVisible(chromedp.ID("source-side")),
	)
	viewportShot(t, ctx, "compare")
	screenshot(t, ctx, "compare-full")
	checkChanges(t, ctx, 1, tr.Blocks[0].SourceID, tr.Blocks[0].Changes)
	for _, pair := range [][2]string{{"lift", "remove"}, {"said", "stated"}} {
		if !eval[bool](t, ctx, fmt.Sprintf(`[...document.querySelectorAll('#changes tbody tr')].some(r => r.cells[2].textContent === %q && r.cells[3].textContent === %q)`, pair[0], pair[1])) {
			t.Errorf("the table of changes lacks %q → %q", pair[0], pair[1])
		}
	}
	// The last block, through the "next" links.
	do(t, ctx,
		chromedp.Click(chromedp.CSS(".prevnext a:last-child")), // passage 2, witness 1
		chromedp.WaitVisible(chromedp.ID("source-side")),
	)
	for range 3 { // passage 2 witness 2, passage 3, passage 4
		do(t, ctx,
			chromedp.Click(chromedp.CSS(".prevnext a:last-child")),
			chromedp.WaitVisible(chromedp.ID("source-side")),
		)
	}
	checkChanges(t, ctx, 4, tr.Blocks[3].SourceID, tr.Blocks[3].Changes)

	// A variant with a quote reworded and its speaker dropped, dated: the
	// quote is boxed in the text and its findings listed.
	variant := strings.Replace(article, `Reagan said the tariffs would be eliminated "as soon as we have firm`,
		`The tariffs would be eliminated "as soon as we have solid`, 1)
	do(t, ctx,
		chromedp.Navigate(base+"/"),
		chromedp.SetValue(chromedp.ID("text"), variant),
		chromedp.SetValue(chromedp.CSS("input[name=date]"), "1987-11-02"),
		chromedp.Click(chromedp.CSS("form.trace-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("quotes")),
	)
	kinds := eval[[]string](t, ctx, `[...document.querySelectorAll('#quotes li strong')].map(s => s.textContent)`)
	if !slices.Contains(kinds, "quote altered") || !slices.Contains(kinds, "speaker lost") {
		t.Errorf("quote findings %q, want quote altered and speaker lost", kinds)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#article .quote-flag').length`); n == 0 {
		t.Error("the altered quote is not boxed in the article")
	}
	if got := eval[string](t, ctx, `document.querySelector('#timeline ol.timeline-list li:last-child').textContent`); !strings.Contains(got, "this article") {
		t.Errorf("the dated article is not last on the timeline: %q", got)
	}
	screenshot(t, ctx, "report-quotes-full")

	// An indexed document's page and its own report.
	do(t, ctx,
		chromedp.Navigate(base+"/docs?q=japan+chip"),
		chromedp.WaitVisible(chromedp.ID("shown")),
	)
	viewportShot(t, ctx, "browse")
	do(t, ctx,
		chromedp.Navigate(base+"/docs/reuters-7626"),
		chromedp.WaitVisible(chromedp.CSS(".doc-text")),
	)
	viewportShot(t, ctx, "document")
	do(t, ctx,
		chromedp.Click(chromedp.CSS("a.button.primary")),
		chromedp.WaitVisible(chromedp.ID("article")),
	)
	if got := eval[[]highlight](t, ctx, gatherHighlights); len(got) == 0 || got[0].Source != "reuters-7521" {
		t.Errorf("reuters-7626 traced against the rest: %+v, want a passage from reuters-7521", got)
	}
}

// checkChanges checks the side-by-side view of passage n against its
// origin: every substitution of the truth is marked on both sides, at the
// truth's bytes.
func checkChanges(t *testing.T, ctx context.Context, n int, origin string, want []truthChange) {
	t.Helper()
	if got := eval[string](t, ctx, `document.querySelector('.kicker').textContent`); !strings.HasPrefix(got, fmt.Sprintf("Passage %d ", n)) {
		t.Fatalf("on %q, want passage %d", got, n)
	}
	if got := eval[string](t, ctx, `document.querySelector('#source-side code').textContent`); got != origin {
		t.Fatalf("passage %d compared with %s, want its origin %s", n, got, origin)
	}
	got := eval[[]change](t, ctx, gatherChanges)
	for _, c := range want {
		found := false
		for _, g := range got {
			// The truth counts the full stop of "U.S." as part of the word;
			// the tokenizer does not.
			if g.Kind == "substitute" && g.ArticleSpan == c.ArticleSpan && g.Article == c.To &&
				g.SourceStart == c.SourceSpan.Start && strings.HasPrefix(c.From, g.Source) && g.Source != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("passage %d: substitution %q → %q (article bytes %d-%d) is not marked; marked: %+v",
				n, c.From, c.To, c.ArticleSpan.Start, c.ArticleSpan.End, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("passage %d: %d changes marked, want %d: %+v", n, len(got), len(want), got)
	}
}

// TestDemoInBrowser runs the README's `stemma serve --demo` and traces the
// example article from the button on its home page.
func TestDemoInBrowser(t *testing.T) {
	ctx := browser(t)
	base := serve(t, "--demo")
	do(t, ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("try-example")))
	viewportShot(t, ctx, "demo-home")
	do(t, ctx,
		chromedp.Click(chromedp.ID("try-example")),
		chromedp.WaitVisible(chromedp.ID("article")),
	)
	var tr truth
	readJSON(t, "examples/article.truth.json", &tr)
	hs := eval[[]highlight](t, ctx, gatherHighlights)
	var got, want []string
	for _, h := range hs {
		got = append(got, h.Source)
	}
	for _, b := range tr.Blocks {
		want = append(want, b.SourceID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("the demo's example: origins %q, want %q", got, want)
	}
}
