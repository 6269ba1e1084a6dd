package server

import (
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
)

func TestSourceLabel(t *testing.T) {
	for n, want := range map[int]string{1: "A", 2: "B", 26: "Z", 27: "AA", 28: "AB", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA", 0: "?"} {
		if got := sourceLabel(n); got != want {
			t.Errorf("sourceLabel(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFormatting(t *testing.T) {
	for f, want := range map[float64]string{0: "0%", 0.004: "<1%", 0.8017: "80%", 0.995: ">99%", 1: "100%"} {
		if got := pct(f); got != want {
			t.Errorf("pct(%v) = %q, want %q", f, got, want)
		}
	}
	for d, want := range map[time.Duration]string{
		30 * time.Second: "same minute", 5 * time.Minute: "+5 min", 12*time.Hour + 30*time.Minute: "+12 h",
		9 * 24 * time.Hour: "+9 days", 200 * 24 * time.Hour: "+6 months", 3 * 365 * 24 * time.Hour: "+3 years",
	} {
		if got := after(d); got != want {
			t.Errorf("after(%v) = %q, want %q", d, got, want)
		}
	}
	if got := clip("one two  three\nfour", 16); got != "one two three…" {
		t.Errorf("clip = %q", got)
	}
	if got := clip("ééééé", 5); got != "éé…" || !utf8.ValidString(got) {
		t.Errorf("clip cuts a rune: %q", got)
	}
	if got := thousands(19043); got != "19,043" {
		t.Errorf("thousands = %q", got)
	}
}

// witnessOf builds a witness of article against source from edits given
// as (kind, article words, source words), with spans computed from the
// texts, as the tracer makes them.
func witnessOf(t *testing.T, article, source string, steps [][3]string) stemma.Witness {
	t.Helper()
	var w stemma.Witness
	ai, si := 0, 0
	find := func(text string, from *int, words string) stemma.Span {
		if words == "" {
			// An empty span at the next word.
			for *from < len(text) && text[*from] == ' ' {
				*from++
			}
			return stemma.Span{Start: *from, End: *from}
		}
		i := strings.Index(text[*from:], words)
		if i < 0 {
			t.Fatalf("%q not found after %d", words, *from)
		}
		s := stemma.Span{Start: *from + i, End: *from + i + len(words)}
		*from = s.End
		return s
	}
	for _, st := range steps {
		e := stemma.Edit{Kind: stemma.EditKind(st[0])}
		e.Article = find(article, &ai, st[1])
		e.Source = find(source, &si, st[2])
		if e.Kind != stemma.Match {
			e.ArticleText, e.SourceText = st[1], st[2]
		}
		w.Edits = append(w.Edits, e)
	}
	w.Article = stemma.Span{Start: w.Edits[0].Article.Start, End: w.Edits[len(w.Edits)-1].Article.End}
	w.Source = stemma.Span{Start: w.Edits[0].Source.Start, End: w.Edits[len(w.Edits)-1].Source.End}
	return w
}

func TestCompareColumns(t *testing.T) {
	article := "Intro. The United States may remove new sanctions soon, officials stated today. End."
	source := "Lead. The U.S. may lift sanctions on Japan soon, officials said today. Tail."
	w := witnessOf(t, article, source, [][3]string{
		{"match", "The", "The"},
		{"substitute", "United States", "U.S"},
		{"match", "may", "may"},
		{"substitute", "remove", "lift"},
		{"insert", "new", ""},
		{"match", "sanctions", "sanctions"},
		{"delete", "", "on Japan"},
		{"match", "soon, officials", "soon, officials"},
		{"substitute", "stated", "said"},
		{"match", "today", "today"},
	})
	w.Edits[1].Change = stemma.Entity
	art, src, rows, err := compareColumns(article, source, w)
	if err != nil {
		t.Fatal(err)
	}
	render := func(c column) string {
		var b strings.Builder
		for _, p := range c.Pieces {
			switch p.Class {
			case "":
				b.WriteString(p.Text)
			case "gap":
				b.WriteString("[^]")
			default:
				b.WriteString("[" + p.Class + ":" + p.Text + "]")
			}
		}
		return b.String()
	}
	if got, want := render(art), "The [sub:United States] may [sub:remove] [ins:new] sanctions [^]soon, officials [sub:stated] today"; got != want {
		t.Errorf("article side:\n got %s\nwant %s", got, want)
	}
	if got, want := render(src), "The [sub:U.S]. may [sub:lift] [^]sanctions [del:on Japan] soon, officials [sub:said] today"; got != want {
		t.Errorf("source side:\n got %s\nwant %s", got, want)
	}
	// Every piece is exactly its span of the text.
	for _, c := range []struct {
		col  column
		text string
	}{{art, article}, {src, source}} {
		for _, p := range c.col.Pieces {
			if c.text[p.Start:p.End] != p.Text {
				t.Errorf("piece %q is not bytes %d-%d", p.Text, p.Start, p.End)
			}
		}
	}
	if art.Before != "Intro. " || art.After != ". End." || src.Before != "Lead. " || src.After != ". Tail." {
		t.Errorf("context: %q %q / %q %q", art.Before, art.After, src.Before, src.After)
	}
	var kinds []string
	for _, r := range rows {
		kinds = append(kinds, r.Kind)
	}
	if strings.Join(kinds, ",") != "substitution,substitution,insertion,deletion,substitution" || rows[0].Change != "another name for the same entity" {
		t.Errorf("rows %+v", rows)
	}
	// Pairs: both sides of an edit carry its index.
	firstSub := func(c column) piece {
		for _, p := range c.Pieces {
			if p.Class == "sub" {
				return p
			}
		}
		return piece{}
	}
	if a, s := firstSub(art), firstSub(src); a.Edit != 1 || s.Edit != 1 || a.Kind != stemma.Substitute {
		t.Errorf("the substitution's pieces are not paired: %+v / %+v", a, s)
	}

	// A witness inconsistent with the texts is an error, not a panic.
	bad := w
	bad.Edits = append([]stemma.Edit(nil), w.Edits...)
	bad.Edits[3].Article = stemma.Span{Start: 5, End: 2}
	if _, _, _, err := compareColumns(article, source, bad); err == nil {
		t.Error("an inverted span was accepted")
	}
	bad.Source = stemma.Span{Start: 0, End: len(source) + 1}
	if _, _, _, err := compareColumns(article, source, bad); err == nil {
		t.Error("a span past the end was accepted")
	}
}

// TestCompareMoved: a witness whose edits begin with an insertion and
// end with a deletion (a sentence the copy swapped with its neighbour)
// shows both as the sentence moved, not as text added and text cut.
func TestCompareMoved(t *testing.T) {
	article := "Prices rose again in March. The central bank raised its rate"
	source := "The central bank raised its rate. Prices rose again in March."
	w := witnessOf(t, article, source, [][3]string{
		{"insert", "Prices rose again in March.", ""},
		{"match", "The central bank raised its rate", "The central bank raised its rate"},
		{"delete", "", ". Prices rose again in March."},
	})
	art, src, rows, err := compareColumns(article, source, w)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Kind != "moved (article)" || rows[1].Kind != "moved (source)" || rows[0].ArticleText != "Prices rose again in March." {
		t.Fatalf("rows %+v, want the sentence moved on each side", rows)
	}
	if p := art.Pieces[0]; p.Class != "ins" || !strings.HasPrefix(p.Title, "moved:") {
		t.Errorf("article piece %+v, want the moved sentence", p)
	}
	if p := src.Pieces[len(src.Pieces)-1]; p.Class != "del" || !strings.HasPrefix(p.Title, "moved:") {
		t.Errorf("source piece %+v, want the moved sentence", p)
	}
	// A paraphrase's edits may begin and end on one side with reworded
	// words: nothing moved.
	w.Class = stemma.Paraphrase
	if _, _, rows, _ := compareColumns(article, source, w); len(rows) != 2 || rows[0].Kind != "insertion" || rows[1].Kind != "deletion" {
		t.Errorf("paraphrase rows %+v, want an insertion and a deletion", rows)
	}
	// One insertion alone is still an insertion.
	w = witnessOf(t, article, source, [][3]string{
		{"insert", "Prices rose again in March.", ""},
		{"match", "The central bank raised its rate", "The central bank raised its rate"},
	})
	if _, _, rows, _ := compareColumns(article, source, w); len(rows) != 1 || rows[0].Kind != "insertion" {
		t.Errorf("rows %+v, want one insertion", rows)
	}
}

func TestArticleSegments(t *testing.T) {
	text := "Alpha beta gamma delta epsilon zeta eta theta."
	//       0     6    11    17    23      31   36  40
	w := stemma.Witness{
		Doc: stemma.Doc{ID: "src"},
		Edits: []stemma.Edit{
			{Kind: stemma.Match, Article: stemma.Span{Start: 6, End: 10}},
			{Kind: stemma.Substitute, Article: stemma.Span{Start: 11, End: 16}, SourceText: "GAMMA", ArticleText: "gamma", Change: stemma.Synonym},
			{Kind: stemma.Delete, Article: stemma.Span{Start: 17, End: 17}, SourceText: "omitted"},
			{Kind: stemma.Match, Article: stemma.Span{Start: 17, End: 22}},
		},
	}
	ps := []passageView{
		{N: 1, P: stemma.Passage{Article: stemma.Span{Start: 6, End: 22}}, Colour: 3, Title: "p1"},
		// Overlaps the first passage; the later one keeps its badge.
		{N: 2, P: stemma.Passage{Article: stemma.Span{Start: 17, End: 35}}, Colour: 4, Title: "p2"},
	}
	ps[0].Origin = &witnessView{W: w}
	tells := []overlay{{stemma.Span{Start: 36, End: 39}, segMark{"tell", "an before a consonant"}}}
	segs, err := articleSegments(text, ps, tells)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	pos := 0
	for _, s := range segs {
		if s.Start != pos || text[s.Start:s.End] != s.Text {
			t.Fatalf("segment %+v does not continue at %d", s, pos)
		}
		pos = s.End
		for range s.Cuts {
			b.WriteString("✂")
		}
		if s.Badge > 0 {
			b.WriteString("#" + string(rune('0'+s.Badge)))
		}
		switch {
		case s.Passage > 0 && s.Change != "":
			b.WriteString("{" + string(rune('0'+s.Passage)) + s.Change + ":" + s.Text + "}")
		case s.Passage > 0:
			b.WriteString("{" + string(rune('0'+s.Passage)) + ":" + s.Text + "}")
		case len(s.Marks) > 0:
			b.WriteString("~" + s.Text + "~")
		default:
			b.WriteString(s.Text)
		}
	}
	if pos != len(text) {
		t.Fatalf("segments end at %d of %d", pos, len(text))
	}
	want := "Alpha #1{1:beta }{1sub:gamma}{1: }✂#2{1:delta}{2: epsilon zeta} ~eta~ theta."
	if got := b.String(); got != want {
		t.Errorf("segments:\n got %s\nwant %s", got, want)
	}
	if segs[2].ChangeNote != "was “GAMMA” in src (synonym swap)" {
		t.Errorf("change note %q", segs[2].ChangeNote)
	}
	if _, err := articleSegments(text, ps, []overlay{{span: stemma.Span{Start: 40, End: 99}}}); err == nil {
		t.Error("a tell past the end was accepted")
	}
	bad := ps[0]
	bad.Origin = &witnessView{W: stemma.Witness{Edits: []stemma.Edit{{Kind: stemma.Substitute, Article: stemma.Span{Start: 0, End: 40}}}}}
	if _, err := articleSegments(text, []passageView{bad}, nil); err == nil {
		t.Error("an edit outside its passage was accepted")
	}
}

func TestTimeline(t *testing.T) {
	day := func(d int) time.Time { return time.Date(1987, 3, d, 12, 0, 0, 0, time.UTC) }
	rep := &stemma.Report{Article: stemma.Doc{Title: "A", Date: day(20)}}
	sources := []sourceView{
		{N: 1, Label: "A", Colour: 0, Summary: stemma.SourceSummary{Doc: stemma.Doc{ID: "late", Date: day(10)}}, Origins: []int{2}},
		{N: 2, Label: "B", Colour: 1, Summary: stemma.SourceSummary{Doc: stemma.Doc{ID: "undated"}}, Carries: []int{1}},
		{N: 3, Label: "C", Colour: 2, Summary: stemma.SourceSummary{Doc: stemma.Doc{ID: "early", Date: day(1)}}, Origins: []int{1}},
	}
	tl := newTimeline(rep, sources)
	var order []string
	for _, e := range tl.Dated {
		if e.IsArticle {
			order = append(order, "article")
		} else {
			order = append(order, e.Doc.ID)
		}
	}
	if strings.Join(order, ",") != "early,late,article" || len(tl.Undated) != 1 || tl.Undated[0].Doc.ID != "undated" {
		t.Errorf("dated %q, undated %+v", order, tl.Undated)
	}
	if tl.First != "1987-03-01" || tl.Last != "1987-03-20" || tl.Dated[1].After != "+9 days" || len(tl.Dots) != 3 || tl.Dots[0].X != "30.0" || tl.Dots[2].X != "970.0" {
		t.Errorf("axis %s-%s, after %q, dots %+v", tl.First, tl.Last, tl.Dated[1].After, tl.Dots)
	}
}

// FuzzReportView feeds the page builders reports whose spans may be
// anything: they must return an error or a layout whose pieces are exactly
// the bytes of the texts, one after the other (a fold stands for the bytes
// it spans), and never panic.
func FuzzReportView(f *testing.F) {
	f.Add("The quick brown fox jumps.", "A quick brown fox jumped.", 4, 19, 2, 17, 10, 15, 8, 13, uint8(1))
	long := strings.Repeat("Dealers said the move was expected. ", 12) // 72 words, deleted: folded
	f.Add("Prices rose.", long, 0, 0, 0, len(long), 0, 0, 0, len(long), uint8(3))
	f.Add("abc", "abc", 0, 3, 0, 3, 0, 3, 0, 3, uint8(0))
	f.Add("héllo wörld", "hello world", 0, 12, 0, 11, 7, 12, 6, 11, uint8(2))
	f.Fuzz(func(t *testing.T, article, source string, a0, a1, s0, s1, ea0, ea1, es0, es1 int, kind uint8) {
		kinds := []stemma.EditKind{stemma.Match, stemma.Substitute, stemma.Insert, stemma.Delete, "bogus"}
		w := stemma.Witness{
			Doc:     stemma.Doc{ID: "src"},
			Article: stemma.Span{Start: a0, End: a1},
			Source:  stemma.Span{Start: s0, End: s1},
			Edits: []stemma.Edit{{Kind: kinds[int(kind)%len(kinds)],
				Article: stemma.Span{Start: ea0, End: ea1}, Source: stemma.Span{Start: es0, End: es1}}},
		}
		art, src, _, err := compareColumns(article, source, w)
		if err == nil {
			for _, c := range []struct {
				col  column
				text string
			}{{art, article}, {src, source}} {
				pos := c.col.Span.Start
				for _, p := range c.col.Pieces {
					if p.Start != pos && p.Class != "gap" || p.Class != "fold" && c.text[p.Start:p.End] != p.Text {
						t.Fatalf("piece %+v is not bytes %d-%d, or does not continue at %d", p, p.Start, p.End, pos)
					}
					pos = max(pos, p.End)
				}
			}
		}
		rep := &stemma.Report{Length: len(article), Passages: []stemma.Passage{{Article: w.Article, Witnesses: []stemma.Witness{w}}},
			Sources: []stemma.SourceSummary{{Doc: w.Doc}}, Spin: stemma.SpinEvidence{Tells: []stemma.Tell{{Article: stemma.Span{Start: ea0, End: ea1}}}},
			Quotes: []stemma.QuoteFinding{{Kind: stemma.SpeakerLost, Quote: stemma.Quote{Text: stemma.Span{Start: es0, End: es1}}}}}
		if v, err := newReportView(rep, article, "/reports/x"); err == nil {
			pos := 0
			for _, s := range v.Segments {
				if s.Start != pos || article[s.Start:s.End] != s.Text {
					t.Fatalf("segment %+v does not continue at %d", s, pos)
				}
				pos = s.End
			}
			if pos != len(article) {
				t.Fatalf("segments end at %d of %d", pos, len(article))
			}
		}
	})
}

// FuzzDecodeArticle: any body and content type gives an article with text
// or a client error, never a panic or a server error.
func FuzzDecodeArticle(f *testing.F) {
	f.Add("application/json", []byte(`{"text":"some words","date":"1987-10-20"}`))
	f.Add("text/plain", []byte("Title\n\nbody text"))
	f.Add("", []byte("<html><body><p>text</p></body></html>"))
	f.Add("text/html", []byte("<p>"))
	f.Add("application/json; charset=utf-8", []byte(`{"text": 1}`))
	f.Fuzz(func(t *testing.T, ct string, body []byte) {
		d, _, err := decodeArticle(ct, body)
		if err != nil {
			he, ok := err.(*httpError)
			if !ok || he.code < 400 || he.code >= 500 {
				t.Fatalf("error %v is not a client error", err)
			}
			if he.code == http.StatusBadRequest && he.msg == "" {
				t.Fatal("a 400 without a message")
			}
			return
		}
		if strings.TrimSpace(d.Text) == "" {
			t.Fatalf("an empty article was accepted: %+v", d)
		}
	})
}
