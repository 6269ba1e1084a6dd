package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// tellSeen is a tell as the report page shows it: in the list under Spin
// evidence, and marked in the article text.
type tellSeen struct {
	Kind   string `json:"kind"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Listed string `json:"listed"` // the list item's text
	// At is where the mark in the article starts, counted in characters
	// of the article's text, and Marked its text.
	At     int    `json:"at"`
	Marked string `json:"marked"`
	Title  string `json:"title"`
}

const gatherTells = `(() => {
  const art = document.getElementById('article');
  const marks = [...art.querySelectorAll('span.tell')];
  return [...document.querySelectorAll('#spin ol.text-tells li')].map((li, i) => {
    const start = +li.dataset.start, kind = li.dataset.kind;
    const m = marks.find(s => s.classList.contains(kind) && (() => {
      const r = document.createRange(); r.setStart(art, 0); r.setEndBefore(s); return r.toString().length === start;
    })());
    let at = -1, marked = '', title = '';
    if (m) {
      const r = document.createRange(); r.setStart(art, 0); r.setEndBefore(m);
      at = r.toString().length; marked = m.textContent; title = m.title;
    }
    return {kind: kind, start: start, end: +li.dataset.end, listed: li.textContent, at: at, marked: marked, title: title};
  });
})()`

// TestSpinTellsInBrowser pastes a text that is in no source of the index
// and carries a spinner's marks: the report page says it reads the text
// itself, lists each tell with its reason, and marks it in the article at
// its bytes, with the reason on hover.
func TestSpinTellsInBrowser(t *testing.T) {
	ctx := browser(t)
	db := filepath.Join(t.TempDir(), "db")
	stemma(t, "index", "--db", db, "-q", filepath.Join(root, "examples", "reuters-sample.jsonl"))
	base := serve(t, "--db", db)
	article := "Mr Smith will try to lay the groundwork for an global summit on the crisis.\n\n" +
		"Officials said it was an worldwide problem that needed a urgent answer."
	paste(t, ctx, base, article, "#text-spin")
	viewportShot(t, ctx, "report-spin-tells")
	if got := eval[string](t, ctx, `document.querySelector('#text-spin h3').textContent`); !strings.Contains(got, "own text") || !strings.Contains(got, "spun") {
		t.Errorf("source-free heading %q", got)
	}
	tells := eval[[]tellSeen](t, ctx, gatherTells)
	want := []string{"an global", "an worldwide", "a urgent"}
	if len(tells) != len(want) {
		t.Fatalf("%d tells listed, want %d: %+v", len(tells), len(want), tells)
	}
	for i, w := range want {
		tl := tells[i]
		start := strings.Index(article, w)
		if tl.Kind != "article-mismatch" || tl.Start != start || tl.End != start+len(w) {
			t.Errorf("tell %d: %s at %d-%d, want article-mismatch at %d-%d (%q)", i+1, tl.Kind, tl.Start, tl.End, start, start+len(w), w)
		}
		if tl.At != start || tl.Marked != w {
			t.Errorf("tell %d: marked %q at %d in the article, want %q at %d", i+1, tl.Marked, tl.At, w, start)
		}
		if !strings.Contains(tl.Listed, "a/an mismatch") || !strings.Contains(tl.Listed, "swapped") || !strings.Contains(tl.Title, "a/an mismatch (spin tell)") {
			t.Errorf("tell %d: listed %q, hover %q", i+1, tl.Listed, tl.Title)
		}
	}
	if n := eval[int](t, ctx, `window.__cspViolations.length`); n != 0 {
		t.Errorf("%d content security policy violations", n)
	}
}
