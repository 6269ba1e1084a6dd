package trace_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/tokenize"
	"github.com/stemmanews/stemma/trace"
)

// readReuters reads the first limit Reuters-21578 stories.
func readReuters(tb testing.TB, limit int) []stemma.Doc {
	tb.Helper()
	f, err := os.Open(testdata.Path(tb, "reuters-21578.jsonl.gz"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	dec := json.NewDecoder(zr)
	var docs []stemma.Doc
	for len(docs) < limit {
		var d stemma.Doc
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatalf("Reuters record %d: %v", len(docs)+1, err)
		}
		docs = append(docs, d)
	}
	return docs
}

// corpus is an in-memory index and the documents it holds.
type corpus struct {
	ix   *index.Index
	tr   *trace.Tracer
	docs map[string]stemma.Doc
}

func newCorpus(t testing.TB, docs ...stemma.Doc) *corpus {
	t.Helper()
	ix, err := index.Open("ix", index.Options{FS: vfs.NewMem()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Add(docs...); err != nil {
		t.Fatal(err)
	}
	tr, err := trace.New(ix, trace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := &corpus{ix: ix, tr: tr, docs: map[string]stemma.Doc{}}
	for _, d := range docs {
		c.docs[d.ID] = d
	}
	return c
}

// trace traces article and checks the report's invariants.
func (c *corpus) trace(t testing.TB, article stemma.Doc) *stemma.Report {
	t.Helper()
	rep, err := c.tr.Trace(context.Background(), article)
	if err != nil {
		t.Fatal(err)
	}
	checkReport(t, rep, article, c.docs)
	return rep
}

// boundaries returns the byte offsets where the words of text start and
// end.
func boundaries(text string) (starts, ends map[int]bool) {
	starts, ends = map[int]bool{}, map[int]bool{}
	for _, tok := range tokenize.Tokens(text) {
		starts[int(tok.Start)] = true
		ends[int(tok.End)] = true
	}
	return starts, ends
}

func terms(text string) []uint64 {
	var out []uint64
	for _, tok := range tokenize.Tokens(text) {
		out = append(out, tok.Term)
	}
	return out
}

// checkSpan asserts that s lies within text, on UTF-8 boundaries, and (when
// not empty) begins and ends on whole words.
func checkSpan(t testing.TB, what string, s stemma.Span, text string, starts, ends map[int]bool) {
	t.Helper()
	if s.Start < 0 || s.Start > s.End || s.End > len(text) {
		t.Fatalf("%s: span [%d,%d) outside a text of %d bytes", what, s.Start, s.End, len(text))
	}
	for _, p := range []int{s.Start, s.End} {
		if p < len(text) && !utf8.RuneStart(text[p]) {
			t.Fatalf("%s: span [%d,%d) cuts a UTF-8 sequence at %d", what, s.Start, s.End, p)
		}
	}
	if s.Len() > 0 && (!starts[s.Start] || !ends[s.End]) {
		t.Fatalf("%s: span [%d,%d) %q does not begin and end on whole words", what, s.Start, s.End, text[s.Start:s.End])
	}
}

// checkReport asserts that every span of rep slices the texts it points
// into to the reported words ("offsets are sacred"), and the report's
// other invariants. docs holds the indexed documents by ID.
func checkReport(t testing.TB, rep *stemma.Report, article stemma.Doc, docs map[string]stemma.Doc) {
	t.Helper()
	text := article.Text
	if rep.Article.ID != article.ID || rep.Article.Text != "" || rep.Length != len(text) || rep.Words != len(tokenize.Tokens(text)) {
		t.Fatalf("report header: article %q (text %d bytes), length %d, %d words", rep.Article.ID, len(rep.Article.Text), rep.Length, rep.Words)
	}
	if rep.Reused < 0 || rep.Reused > 1 || math.Abs(rep.Reused+rep.Original-1) > 1e-9 {
		t.Fatalf("reused %g, original %g", rep.Reused, rep.Original)
	}
	if len(rep.Passages) == 0 && rep.Reused != 0 {
		t.Fatalf("no passage but %g reused", rep.Reused)
	}
	aStarts, aEnds := boundaries(text)
	origins := 0
	witnessed := map[string]bool{}
	for i, p := range rep.Passages {
		checkSpan(t, "passage", p.Article, text, aStarts, aEnds)
		if p.Text != text[p.Article.Start:p.Article.End] {
			t.Fatalf("passage %d: Text %q is not the article's bytes %d-%d", i, p.Text, p.Article.Start, p.Article.End)
		}
		if i > 0 && p.Article.Start < rep.Passages[i-1].Article.Start {
			t.Fatalf("passages not in article order")
		}
		if len(p.Witnesses) == 0 {
			t.Fatalf("passage %d has no witness", i)
		}
		if p.Origin < -1 || p.Origin >= len(p.Witnesses) || (p.Origin == -1) != (p.OriginBasis == stemma.ArticleEarliest) {
			t.Fatalf("passage %d: origin %d, basis %s", i, p.Origin, p.OriginBasis)
		}
		if p.Origin >= 0 {
			origins++
			if p.Class != p.Witnesses[p.Origin].Class {
				t.Fatalf("passage %d: class %s, its origin's %s", i, p.Class, p.Witnesses[p.Origin].Class)
			}
		}
		if p.Origin >= 0 && laterThan(p.Witnesses[p.Origin].Doc, article) {
			t.Fatalf("passage %d: origin %s (%s) was published after the article (%s)", i,
				p.Witnesses[p.Origin].Doc.ID, p.Witnesses[p.Origin].Doc.FormatDate(), article.FormatDate())
		}
		if p.Origin >= 0 {
			for _, w := range p.Witnesses {
				if o := p.Witnesses[p.Origin].Doc; laterThan(o, w.Doc) {
					t.Fatalf("passage %d: origin %s (%s) is later than witness %s (%s)", i, o.ID, o.FormatDate(), w.Doc.ID, w.Doc.FormatDate())
				}
			}
		}
		if p.Origin == -1 {
			for _, w := range p.Witnesses {
				if w.Doc.Dated() && !laterThan(w.Doc, article) {
					t.Fatalf("passage %d: article earliest, but witness %s (%s) is not later than the article (%s)", i,
						w.Doc.ID, w.Doc.FormatDate(), article.FormatDate())
				}
			}
		}
		for _, k := range p.Tied {
			if k == p.Origin || k < 0 || k >= len(p.Witnesses) {
				t.Fatalf("passage %d: tied witness %d of %d (origin %d)", i, k, len(p.Witnesses), p.Origin)
			}
			if o, w := p.Witnesses[p.Origin].Doc, p.Witnesses[k].Doc; laterThan(o, w) || laterThan(w, o) {
				t.Fatalf("passage %d: tied witness %s (%s) is not contemporaneous with the origin %s (%s)", i,
					w.ID, w.FormatDate(), o.ID, o.FormatDate())
			}
		}
		seen := map[string]bool{}
		for j, w := range p.Witnesses {
			what := "passage " + strconv.Itoa(i) + " witness " + w.Doc.ID
			if w.Doc.ID == article.ID && article.ID != "" {
				t.Fatalf("%s: the article is its own witness", what)
			}
			if seen[w.Doc.ID] {
				t.Fatalf("%s: listed twice", what)
			}
			seen[w.Doc.ID] = true
			witnessed[w.Doc.ID] = true
			if w.Doc.Text != "" {
				t.Fatalf("%s: witness carries its text", what)
			}
			src, ok := docs[w.Doc.ID]
			if !ok {
				t.Fatalf("%s: not an indexed document", what)
			}
			if !w.Doc.Date.Equal(src.Date) || w.Doc.DayOnly != src.DayOnly || w.Doc.Title != src.Title {
				t.Fatalf("%s: metadata %+v differs from the indexed document", what, w.Doc)
			}
			sStarts, sEnds := boundaries(src.Text)
			checkSpan(t, what+" article span", w.Article, text, aStarts, aEnds)
			checkSpan(t, what+" source span", w.Source, src.Text, sStarts, sEnds)
			if w.Article.Start < p.Article.Start || w.Article.End > p.Article.End {
				t.Fatalf("%s: article span %v outside its passage %v", what, w.Article, p.Article)
			}
			if w.Similarity < 0 || w.Similarity > 1 {
				t.Fatalf("%s: similarity %g", what, w.Similarity)
			}
			if wantLater := laterThan(w.Doc, article); w.Later != wantLater {
				t.Fatalf("%s: Later %v, want %v", what, w.Later, wantLater)
			}
			if j > 0 {
				prev := p.Witnesses[j-1]
				if c := compareDates(prev.Doc, w.Doc); c > 0 || c == 0 && prev.Similarity < w.Similarity {
					t.Fatalf("passage %d: witness %s sorted before %s", i, prev.Doc.ID, w.Doc.ID)
				}
			}
			if w.Class == stemma.Translated {
				// A translation has no word-by-word edits.
				if len(w.Edits) != 0 {
					t.Errorf("%s: translated with %d edits", what, len(w.Edits))
				}
				continue
			}
			checkEdits(t, what, w, text, src.Text, aStarts, aEnds, sStarts, sEnds)
		}
	}
	n := 0
	for _, s := range rep.Sources {
		if !witnessed[s.Doc.ID] || s.Coverage <= 0 || s.Coverage > 1 || s.Passages < 1 {
			t.Fatalf("source summary %+v", s)
		}
		n += s.Origins
	}
	if len(rep.Sources) != len(witnessed) || n != origins {
		t.Fatalf("%d source summaries for %d witnesses, %d origins counted for %d", len(rep.Sources), len(witnessed), n, origins)
	}
}

func checkEdits(t testing.TB, what string, w stemma.Witness, at, st string, aStarts, aEnds, sStarts, sEnds map[int]bool) {
	t.Helper()
	if len(w.Edits) == 0 {
		t.Fatalf("%s: no edits", what)
	}
	// The edits run from match to match, but for a sentence on one side
	// only at either end, next to a match: a short sentence the copy
	// swapped with its neighbour (package align, companion.go).
	n := len(w.Edits)
	first, last := w.Edits[0], w.Edits[n-1]
	edge := func(e, inner stemma.Edit) bool {
		return e.Kind == stemma.Match || (e.Kind == stemma.Insert || e.Kind == stemma.Delete) && inner.Kind == stemma.Match
	}
	if !edge(first, w.Edits[min(1, n-1)]) || !edge(last, w.Edits[max(n-2, 0)]) ||
		first.Article.Start != w.Article.Start || first.Source.Start != w.Source.Start ||
		last.Article.End != w.Article.End || last.Source.End != w.Source.End {
		t.Fatalf("%s: edits %v do not run from match to match over the witness's spans", what, w.Edits)
	}
	identical := true
	for k, e := range w.Edits {
		ew := what + " edit " + strconv.Itoa(k) + " " + string(e.Kind)
		checkSpan(t, ew+" article", e.Article, at, aStarts, aEnds)
		checkSpan(t, ew+" source", e.Source, st, sStarts, sEnds)
		if k > 0 {
			prev := w.Edits[k-1]
			if e.Article.Start < prev.Article.End || e.Source.Start < prev.Source.End {
				t.Fatalf("%s: spans %v/%v overlap the previous edit's %v/%v", ew, e.Article, e.Source, prev.Article, prev.Source)
			}
		}
		a, s := at[e.Article.Start:e.Article.End], st[e.Source.Start:e.Source.End]
		switch e.Kind {
		case stemma.Match:
			if e.ArticleText != "" || e.SourceText != "" {
				t.Fatalf("%s: a match repeats its text", ew)
			}
			if a == "" || !slices.Equal(terms(a), terms(s)) || !strings.EqualFold(words(a), words(s)) {
				t.Fatalf("%s: matched %q and %q differ", ew, a, s)
			}
		case stemma.Substitute, stemma.Insert, stemma.Delete:
			identical = false
			if e.ArticleText != a || e.SourceText != s {
				t.Fatalf("%s: texts %q/%q, spans hold %q/%q", ew, e.ArticleText, e.SourceText, a, s)
			}
			if (e.Kind == stemma.Insert) != (s == "") || (e.Kind == stemma.Delete) != (a == "") || (a == "" && s == "") {
				t.Fatalf("%s: article %q, source %q", ew, a, s)
			}
		default:
			t.Fatalf("%s: unknown kind", ew)
		}
	}
	if identical != (w.Class == stemma.Verbatim) {
		t.Fatalf("%s: class %s, but identical is %v", what, w.Class, identical)
	}
	// A witness whose changes are mostly swaps is spun whatever its
	// similarity (spinClass).
	if w.Class != stemma.ClassOf(w.Similarity, identical) && (w.Class != stemma.Spun || identical) {
		t.Fatalf("%s: class %s for similarity %g", what, w.Class, w.Similarity)
	}
}

// words returns the words of s joined by single spaces.
func words(s string) string {
	var ws []string
	for _, tok := range tokenize.Tokens(s) {
		ws = append(ws, s[tok.Start:tok.End])
	}
	return strings.Join(ws, " ")
}

// compareDates is the order of witnesses: dated first, earliest first, a
// day-only date before the times of its day.
func compareDates(x, y stemma.Doc) int {
	switch {
	case x.Dated() && y.Dated():
		if c := x.Date.Compare(y.Date); c != 0 {
			return c
		}
		switch {
		case x.DayOnly && !y.DayOnly:
			return -1
		case y.DayOnly && !x.DayOnly:
			return 1
		}
		return 0
	case x.Dated():
		return -1
	case y.Dated():
		return 1
	}
	return 0
}

// laterThan reports whether a was published after b as their dates say:
// on a later day when either gives only the day, else at a later time.
// Undated documents are never later.
func laterThan(a, b stemma.Doc) bool {
	switch {
	case !a.Dated() || !b.Dated():
		return false
	case a.DayOnly || b.DayOnly:
		return a.Date.UTC().Format(time.DateOnly) > b.Date.UTC().Format(time.DateOnly)
	}
	return a.Date.After(b.Date)
}

// ids returns the IDs of a passage's witnesses, in order.
func ids(p stemma.Passage) []string {
	var out []string
	for _, w := range p.Witnesses {
		out = append(out, w.Doc.ID)
	}
	return out
}

// between returns the part of text from the start of from to the end of
// to (to searched after from).
func between(t testing.TB, text, from, to string) (string, int) {
	t.Helper()
	i := strings.Index(text, from)
	if i < 0 {
		t.Fatalf("%q not in text", from)
	}
	j := strings.Index(text[i:], to)
	if j < 0 {
		t.Fatalf("%q not in text after %q", to, from)
	}
	return text[i : i+j+len(to)], i
}

func span(start int, s string) stemma.Span { return stemma.Span{Start: start, End: start + len(s)} }

func day(n int) time.Time { return time.Date(1987, 2, n, 12, 0, 0, 0, time.UTC) }

// Real stories the fixture copies from. None of them shares a passage
// with another of the first 600 stories.
const (
	venezuela = "reuters-26"  // reprinted whole
	iran      = "reuters-107" // excerpted
	jury      = "reuters-192" // copied with 3 words changed
	estate    = "reuters-61"  // stitched
	nuclear   = "reuters-195" // stitched
	italy     = "reuters-219" // stitched
)

const footer = "\n\nCopyright 1987 The Daily Planet. All rights reserved. Reproduction in whole or in part without permission is prohibited."

func TestTraceReuters(t *testing.T) {
	background := readReuters(t, 600)
	story := map[string]stemma.Doc{}
	for _, d := range background {
		story[d.ID] = d
	}
	for _, id := range []string{venezuela, iran, jury, estate, nuclear, italy} {
		if _, ok := story[id]; !ok {
			t.Fatalf("%s is not among the first 600 stories", id)
		}
	}
	reprint := stemma.Doc{ID: "planet-reprint", Source: "planet", Title: "Venezuela deal near",
		Date: story[venezuela].Date.Add(20 * time.Hour), Text: story[venezuela].Text + footer}
	c := newCorpus(t, append(background, reprint)...)
	ctx := context.Background()

	t.Run("verbatim reprint with a footer", func(t *testing.T) {
		rep, err := c.tr.TraceID(ctx, reprint.ID)
		if err != nil {
			t.Fatal(err)
		}
		checkReport(t, rep, reprint, c.docs)
		src := story[venezuela].Text
		body := strings.TrimSuffix(src, ".") // the passage ends on the last word
		if len(rep.Passages) != 1 {
			t.Fatalf("%d passages, want 1", len(rep.Passages))
		}
		p := rep.Passages[0]
		if p.Article != span(0, body) || !slices.Equal(ids(p), []string{venezuela}) || p.Origin != 0 || p.OriginBasis != stemma.EarliestDate {
			t.Fatalf("passage %v with witnesses %v, origin %d (%s); want %v from %s", p.Article, ids(p), p.Origin, p.OriginBasis, span(0, body), venezuela)
		}
		w := p.Witnesses[0]
		if w.Source != span(0, body) || w.Class != stemma.Verbatim || p.Class != stemma.Verbatim || w.Similarity != 1 || w.Later {
			t.Errorf("witness source %v class %s similarity %g later %v; want %v verbatim", w.Source, w.Class, w.Similarity, w.Later, span(0, body))
		}
		bodyWords := len(tokenize.Tokens(body))
		if want := float64(bodyWords) / float64(rep.Words); math.Abs(rep.Reused-want) > 1e-9 || rep.Words <= bodyWords {
			t.Errorf("reused %g, want %d/%d words (the footer is original)", rep.Reused, bodyWords, rep.Words)
		}
	})

	t.Run("the original predates its reprint", func(t *testing.T) {
		rep, err := c.tr.TraceID(ctx, venezuela)
		if err != nil {
			t.Fatal(err)
		}
		checkReport(t, rep, story[venezuela], c.docs)
		if len(rep.Passages) != 1 {
			t.Fatalf("%d passages, want 1", len(rep.Passages))
		}
		p := rep.Passages[0]
		if !slices.Equal(ids(p), []string{reprint.ID}) || p.Origin != -1 || p.OriginBasis != stemma.ArticleEarliest || !p.Witnesses[0].Later {
			t.Errorf("witnesses %v, origin %d (%s), later %v; want the reprint, a later copy, and the article earliest",
				ids(p), p.Origin, p.OriginBasis, p.Witnesses[0].Later)
		}
		if p.Class != stemma.Verbatim {
			t.Errorf("class %s, want verbatim", p.Class)
		}
	})

	t.Run("excerpt", func(t *testing.T) {
		src := story[iran].Text
		excerpt, at := between(t, src, "The Iranian news agency IRNA", "Iraq-imposed war")
		prefix := "Tehran claims victory in the south. "
		article := stemma.Doc{ID: "excerpt", Date: day(28), Text: prefix + excerpt + `." Baghdad made no comment.`}
		rep := c.trace(t, article)
		if len(rep.Passages) != 1 {
			t.Fatalf("%d passages, want 1", len(rep.Passages))
		}
		p := rep.Passages[0]
		if p.Article != span(len(prefix), excerpt) || p.Text != excerpt {
			t.Errorf("passage %v %q, want %v", p.Article, p.Text, span(len(prefix), excerpt))
		}
		if !slices.Equal(ids(p), []string{iran}) || p.Origin != 0 || p.OriginBasis != stemma.EarliestDate || p.Class != stemma.Verbatim {
			t.Fatalf("witnesses %v, origin %d (%s), class %s", ids(p), p.Origin, p.OriginBasis, p.Class)
		}
		if w := p.Witnesses[0]; w.Source != span(at, excerpt) || w.Article != p.Article || w.Later {
			t.Errorf("witness source %v article %v later %v, want %v", w.Source, w.Article, w.Later, span(at, excerpt))
		}
	})

	t.Run("three words changed", func(t *testing.T) {
		src := story[jury].Text
		type change struct{ from, to string }
		changes := []change{{"discontinued", "withdrawn"}, {"plaintiffs", "claimants"}, {"spokesman", "representative"}}
		text := src
		var at []int // where each change lands in the article
		for _, ch := range changes {
			i := strings.Index(text, ch.from)
			text = text[:i] + ch.to + text[i+len(ch.from):]
			at = append(at, i)
		}
		article := stemma.Doc{ID: "changed", Date: day(27), Text: text}
		rep := c.trace(t, article)
		if len(rep.Passages) != 1 {
			t.Fatalf("%d passages, want 1", len(rep.Passages))
		}
		p := rep.Passages[0]
		body := strings.TrimSuffix(text, ".")
		if p.Article != span(0, body) || !slices.Equal(ids(p), []string{jury}) || p.Class != stemma.NearVerbatim {
			t.Fatalf("passage %v from %v, class %s; want %v from %s, near-verbatim", p.Article, ids(p), p.Class, span(0, body), jury)
		}
		w := p.Witnesses[0]
		n := len(tokenize.Tokens(body))
		if want := float64(2*(n-3)) / float64(2*n); math.Abs(w.Similarity-want) > 1e-9 {
			t.Errorf("similarity %g, want %g (3 of %d words changed)", w.Similarity, want, n)
		}
		var subs []stemma.Edit
		for _, e := range w.Edits {
			if e.Kind != stemma.Match {
				subs = append(subs, e)
			}
		}
		if len(subs) != len(changes) {
			t.Fatalf("%d changes found, want %d: %+v", len(subs), len(changes), subs)
		}
		for i, e := range subs {
			ch := changes[i]
			srcAt := strings.Index(src, ch.from) // first occurrence, as replaced
			if e.Kind != stemma.Substitute || e.ArticleText != ch.to || e.SourceText != ch.from ||
				e.Article != span(at[i], ch.to) || e.Source != span(srcAt, ch.from) {
				t.Errorf("change %d = %+v, want %q→%q at %v / %v", i, e, ch.from, ch.to, span(at[i], ch.to), span(srcAt, ch.from))
			}
		}
	})

	t.Run("stitched from three stories", func(t *testing.T) {
		b1, _ := between(t, story[estate].Text, "The proposal would raise", "Sept 26, 1987")
		b2, _ := between(t, story[nuclear].Text, "The NRC voted 4-1", "existing NRC rules")
		b3, _ := between(t, story[italy].Text, "Political sources said", "not be easy")
		joins := []string{
			"Washington weighs new curbs on wealthy estates. ",
			". In other news from the capital, regulators moved on atomic power. ",
			". Abroad, attention turned to a familiar drama in Rome. ",
			". Markets shrugged off all three stories on Friday.",
		}
		text := joins[0] + b1 + joins[1] + b2 + joins[2] + b3 + joins[3]
		want := []struct {
			span stemma.Span
			id   string
		}{
			{span(len(joins[0]), b1), estate},
			{span(len(joins[0]+b1+joins[1]), b2), nuclear},
			{span(len(joins[0]+b1+joins[1]+b2+joins[2]), b3), italy},
		}
		article := stemma.Doc{ID: "stitched", Date: day(28), Text: text}
		rep := c.trace(t, article)
		if len(rep.Passages) != len(want) {
			t.Fatalf("%d passages, want %d", len(rep.Passages), len(want))
		}
		for i, p := range rep.Passages {
			if p.Article != want[i].span || !slices.Equal(ids(p), []string{want[i].id}) || p.Origin != 0 || p.Class != stemma.Verbatim {
				t.Errorf("passage %d: %v from %v (origin %d, %s), want %v from %s", i, p.Article, ids(p), p.Origin, p.Class, want[i].span, want[i].id)
			}
		}
		if len(rep.Sources) != 3 {
			t.Errorf("%d sources, want 3", len(rep.Sources))
		}
		reused := len(tokenize.Tokens(b1)) + len(tokenize.Tokens(b2)) + len(tokenize.Tokens(b3))
		if want := float64(reused) / float64(rep.Words); math.Abs(rep.Reused-want) > 1e-9 {
			t.Errorf("reused %g, want %g", rep.Reused, want)
		}
	})

	t.Run("new text", func(t *testing.T) {
		rep := c.trace(t, stemma.Doc{ID: "new", Text: "Nothing in this short note was ever sent on the wire before today, we think."})
		if len(rep.Passages) != 0 || rep.Reused != 0 || rep.Original != 1 || len(rep.Sources) != 0 {
			t.Errorf("report for new text: %+v", rep)
		}
		empty := c.trace(t, stemma.Doc{ID: "empty"})
		if len(empty.Passages) != 0 || empty.Words != 0 || empty.Original != 1 {
			t.Errorf("report for an empty article: %+v", empty)
		}
	})
}

// Made-up paragraphs for the origin tests, one per test so that they do
// not witness each other.
const (
	tieText     = "The harbour board approved a plan to dredge the northern channel, letting larger grain ships dock at the old pier before the autumn harvest arrives in the region."
	undatedText = "A committee of growers asked the ministry to delay new pesticide rules by a year, saying farmers needed more time to test cheaper alternatives on their fields."
	earlyText   = "The airline said it would retire its last four turboprop planes by June and replace them with leased jets on the busy coastal routes to the capital city."
	laterText   = "Miners at the copper pit voted to end a three week strike after the owners offered a bonus tied to output and promised safety checks on every shift underground."
	sameDayText = "The city council voted to close the old bridge to lorries for six months while engineers replace the rusted cables that hold up its central span over the river."
	dayTieText  = "Rescue teams searched the flooded valley for a second night after heavy rain swept away two farm houses and cut the only road linking the villages to the town."
)

// at is a time on day n of February 1987, and dayOf the day-only date of
// day n.
func at(n, hour int) time.Time { return time.Date(1987, 2, n, hour, 0, 0, 0, time.UTC) }

func dayOf(n int) stemma.Doc {
	var d stemma.Doc
	d.SetDate(time.Date(1987, 2, n, 0, 0, 0, 0, time.UTC), true)
	return d
}

// withText returns d with an ID and a text.
func withText(d stemma.Doc, id, text string) stemma.Doc {
	d.ID, d.Text = id, text
	return d
}

// edit replaces the first occurrence of from in text.
func edit(text, from, to string) string { return strings.Replace(text, from, to, 1) }

func TestTraceOrigin(t *testing.T) {
	c := newCorpus(t,
		// Two witnesses dated the same: the verbatim one is the origin.
		stemma.Doc{ID: "tie-edited", Date: day(10), Text: edit(tieText, "larger", "bigger")},
		stemma.Doc{ID: "tie-exact", Date: day(10), Text: tieText},
		stemma.Doc{ID: "tie-later", Date: day(11), Text: tieText},
		// No witness dated.
		stemma.Doc{ID: "undated-edited", Text: edit(undatedText, "cheaper", "safer")},
		stemma.Doc{ID: "undated-exact", Text: undatedText},
		// Both witnesses after the article.
		stemma.Doc{ID: "early-a", Date: day(20), Text: earlyText},
		stemma.Doc{ID: "early-b", Date: day(21), Text: edit(earlyText, "leased", "new")},
		// One witness before the article, one after; and one undated.
		stemma.Doc{ID: "later-after", Date: day(16), Text: laterText},
		stemma.Doc{ID: "later-before", Date: day(14), Text: laterText},
		stemma.Doc{ID: "later-undated", Text: laterText},
		// Day-only dates: a witness from later the same day, and one from
		// the next day.
		stemma.Doc{ID: "same-day-evening", Date: at(3, 18), Text: sameDayText},
		withText(dayOf(4), "same-day-next", sameDayText),
		// Two witnesses of one day, one day-only and less similar: a tie
		// that the timed, exact one wins.
		withText(dayOf(6), "day-tie-edited", edit(dayTieText, "second", "third")),
		stemma.Doc{ID: "day-tie-exact", Date: at(6, 9), Text: dayTieText},
	)
	for _, tc := range []struct {
		name      string
		article   stemma.Doc
		para      string // the copied paragraph
		witnesses []string
		origin    int
		basis     stemma.OriginBasis
		tied      []int
		later     []bool
	}{
		{
			name:      "date tie",
			article:   stemma.Doc{ID: "a1", Date: day(12), Text: "Port news. " + tieText},
			para:      tieText,
			witnesses: []string{"tie-exact", "tie-edited", "tie-later"},
			origin:    0, basis: stemma.DateTie, tied: []int{1},
			later: []bool{false, false, false},
		},
		{
			name:      "all undated",
			article:   stemma.Doc{ID: "a2", Text: "Farm news. " + undatedText},
			para:      undatedText,
			witnesses: []string{"undated-exact", "undated-edited"},
			origin:    0, basis: stemma.Undated,
			later: []bool{false, false},
		},
		{
			name:      "undated article, dated witnesses",
			article:   stemma.Doc{ID: "a3", Text: "Travel news. " + earlyText},
			para:      earlyText,
			witnesses: []string{"early-a", "early-b"},
			origin:    0, basis: stemma.EarliestDate,
			later: []bool{false, false},
		},
		{
			name:      "article earliest",
			article:   stemma.Doc{ID: "a4", Date: day(19), Text: "Travel news. " + earlyText},
			para:      earlyText,
			witnesses: []string{"early-a", "early-b"},
			origin:    -1, basis: stemma.ArticleEarliest,
			later: []bool{true, true},
		},
		{
			name:      "article between its witnesses",
			article:   stemma.Doc{ID: "a5", Date: day(15), Text: "Mining news. " + laterText},
			para:      laterText,
			witnesses: []string{"later-before", "later-after", "later-undated"},
			origin:    0, basis: stemma.EarliestDate,
			later: []bool{false, true, false},
		},
		{
			name:      "day-only article, witness later that day",
			article:   withText(dayOf(3), "a6", "City news. "+sameDayText),
			para:      sameDayText,
			witnesses: []string{"same-day-evening", "same-day-next"},
			origin:    0, basis: stemma.EarliestDate,
			later: []bool{false, true},
		},
		{
			name:      "timed article, day-only witness of its day: not later",
			article:   stemma.Doc{ID: "a7", Date: at(4, 7), Text: "City news. " + sameDayText},
			para:      sameDayText,
			witnesses: []string{"same-day-evening", "same-day-next"},
			origin:    0, basis: stemma.EarliestDate,
			later: []bool{false, false},
		},
		{
			name:      "day-only witness ties with a timed one",
			article:   stemma.Doc{ID: "a8", Date: at(7, 12), Text: "Flood news. " + dayTieText},
			para:      dayTieText,
			witnesses: []string{"day-tie-edited", "day-tie-exact"},
			origin:    1, basis: stemma.DateTie, tied: []int{0},
			later: []bool{false, false},
		},
		{
			name:      "an indexed document is not its own witness",
			article:   stemma.Doc{ID: "later-before", Date: day(14), Text: laterText},
			para:      laterText,
			witnesses: []string{"later-after", "later-undated"},
			origin:    -1, basis: stemma.ArticleEarliest,
			later: []bool{true, false},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := c.trace(t, tc.article)
			if len(rep.Passages) != 1 {
				t.Fatalf("%d passages, want 1", len(rep.Passages))
			}
			p := rep.Passages[0]
			if !slices.Equal(ids(p), tc.witnesses) {
				t.Fatalf("witnesses %v, want %v", ids(p), tc.witnesses)
			}
			if p.Origin != tc.origin || p.OriginBasis != tc.basis || !slices.Equal(p.Tied, tc.tied) {
				t.Errorf("origin %d (%s, tied %v), want %d (%s, tied %v)", p.Origin, p.OriginBasis, p.Tied, tc.origin, tc.basis, tc.tied)
			}
			for i, w := range p.Witnesses {
				if w.Later != tc.later[i] {
					t.Errorf("witness %s: Later %v, want %v", w.Doc.ID, w.Later, tc.later[i])
				}
			}
			// The passage is the copied paragraph, after any dateline, up
			// to its last word.
			para := strings.TrimSuffix(tc.article.Text[strings.Index(tc.article.Text, tc.para):], ".")
			start := strings.Index(tc.article.Text, tc.para)
			if want := span(start, para); p.Article != want {
				t.Errorf("passage %v, want %v", p.Article, want)
			}
		})
	}
}

func TestTraceIDMissing(t *testing.T) {
	c := newCorpus(t, stemma.Doc{ID: "x", Text: tieText})
	if _, err := c.tr.TraceID(context.Background(), "nope"); !errors.Is(err, index.ErrNotFound) {
		t.Errorf("TraceID(nope) = %v, want index.ErrNotFound", err)
	}
}

func TestTraceCancelled(t *testing.T) {
	c := newCorpus(t, stemma.Doc{ID: "x", Text: tieText})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.tr.Trace(ctx, stemma.Doc{ID: "y", Text: tieText}); !errors.Is(err, context.Canceled) {
		t.Errorf("Trace with a cancelled context = %v, want context.Canceled", err)
	}
}

func TestOptions(t *testing.T) {
	for _, o := range []trace.Options{{MaxCandidates: -1}, {MinHits: -1}} {
		if _, err := trace.New(nil, o); err == nil {
			t.Errorf("New(%+v) succeeded", o)
		}
	}
	var o trace.Options
	o.EnsureDefaults()
	if o.MaxCandidates != trace.DefaultMaxCandidates || o.MinHits != trace.DefaultMinHits || o.Align.Seed == 0 {
		t.Errorf("defaults %+v", o)
	}
}

// TestTraceOffsetsReuters indexes 3,000 Reuters stories, traces 300 of
// them against the rest and checks every span of every report (see
// checkReport). With -short it uses 1,000 and 100.
func TestTraceOffsetsReuters(t *testing.T) {
	n, every := 3000, 10
	if testing.Short() {
		// A smaller corpus, each story with fewer witnesses: trace more
		// of them, so that the checks still have 100 passages to check.
		n, every = 1000, 2
	}
	docs := readReuters(t, n)
	c := newCorpus(t, docs...)
	passages, witnesses, edits := 0, 0, 0
	for i := 0; i < len(docs); i += every {
		rep, err := c.tr.TraceID(context.Background(), docs[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		checkReport(t, rep, docs[i], c.docs)
		passages += len(rep.Passages)
		for _, p := range rep.Passages {
			witnesses += len(p.Witnesses)
			for _, w := range p.Witnesses {
				edits += len(w.Edits)
			}
		}
	}
	t.Logf("%d passages, %d witnesses, %d edits checked", passages, witnesses, edits)
	if passages < 20 {
		t.Errorf("only %d passages in %d traces: the wire's repeats were not found", passages, len(docs)/every)
	}
}

// TestTraceDatesReuters traces dated Reuters stories whose dates are shuffled
// (so witnesses fall before and after their articles at random), and then
// the same stories with every other date day-only. checkReport asserts, for every
// passage, that no origin was published after the article, that a
// witness is marked later exactly when it was published on a later day (or
// at a later time, when both dates have one), and that an article is
// called the earliest version only when every dated witness is later.
func TestTraceDatesReuters(t *testing.T) {
	n, every := 3000, 10
	if testing.Short() {
		// A smaller corpus, each story with fewer witnesses: trace more
		// of them, so that the checks still have 100 passages to check.
		n, every = 1000, 2
	}
	var docs []stemma.Doc
	for _, d := range readReuters(t, 1<<20) {
		if d.Dated() && len(docs) < n {
			docs = append(docs, d)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	shuffled := slices.Clone(docs)
	perm := rng.Perm(len(docs))
	for i := range shuffled {
		shuffled[i].Date = docs[perm[i]].Date
	}
	// Every other story gives only its day, so day-only articles meet
	// timed witnesses of their own day and the other way round.
	days := slices.Clone(docs)
	for i := 0; i < len(days); i += 2 {
		days[i].SetDate(days[i].Date, true)
	}
	for _, tc := range []struct {
		name string
		docs []stemma.Doc
	}{{"shuffled dates", shuffled}, {"day-only dates", days}} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCorpus(t, tc.docs...)
			var passages, later, sameDay, sameDayOrigins, articleEarliest int
			for i := 0; i < len(tc.docs); i += every {
				article := tc.docs[i]
				rep := c.trace(t, article)
				for _, p := range rep.Passages {
					passages++
					if p.Origin == -1 {
						articleEarliest++
					}
					for j, w := range p.Witnesses {
						if w.Later {
							later++
						}
						if w.Doc.Date.Format(time.DateOnly) == article.Date.Format(time.DateOnly) {
							sameDay++
							if j == p.Origin {
								sameDayOrigins++
							}
						}
					}
				}
			}
			t.Logf("%d passages: %d later witnesses, %d same-day witnesses (%d origins), %d passages with the article earliest",
				passages, later, sameDay, sameDayOrigins, articleEarliest)
			// The checks above must have had something to check.
			if passages < 100 || later == 0 || articleEarliest == 0 {
				t.Errorf("too few dated passages to test: %d passages, %d later witnesses, %d article-earliest", passages, later, articleEarliest)
			}
			if tc.name == "day-only dates" && sameDayOrigins == 0 {
				t.Errorf("no same-day witness was an origin among %d same-day witnesses", sameDay)
			}
		})
	}
}

// TestTraceMaxCandidates checks the cap on aligned candidates, which are
// read and aligned on several goroutines: the article itself, found among
// its candidates, does not count against the cap, the candidates kept are
// the first in the index's order (most shared fingerprints, then the
// earliest stored), and the report is the same on one goroutine.
func TestTraceMaxCandidates(t *testing.T) {
	story := "The harbour authority said on Monday that the new container terminal would open in the spring, two years later than planned, after a dispute over dredging permits delayed the work. Shipping lines have already moved some routes to rival ports along the coast."
	docs := []stemma.Doc{{ID: "src", Text: story}}
	for k := 1; k <= 12; k++ {
		docs = append(docs, stemma.Doc{ID: fmt.Sprintf("copy-%02d", k), Text: story + fmt.Sprintf(" Reported by desk number %d.", k)})
	}
	ix, err := index.Open("ix", index.Options{FS: vfs.NewMem()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Add(docs...); err != nil {
		t.Fatal(err)
	}
	tr, err := trace.New(ix, trace.Options{MaxCandidates: 5})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := tr.TraceID(context.Background(), "src")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Candidates != 5 {
		t.Errorf("%d candidates aligned, want 5", rep.Candidates)
	}
	var got []string
	for _, s := range rep.Sources {
		got = append(got, s.Doc.ID)
	}
	slices.Sort(got)
	if want := []string{"copy-01", "copy-02", "copy-03", "copy-04", "copy-05"}; !slices.Equal(got, want) {
		t.Errorf("sources %q, want %q", got, want)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one, err := tr.TraceID(context.Background(), "src")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(rep)
	b, _ := json.Marshal(one)
	if string(a) != string(b) {
		t.Errorf("the report on one goroutine differs:\n%s\n%s", a, b)
	}
}
