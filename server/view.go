package server

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/report"
	"github.com/stemmanews/stemma/tokenize"
)

// This file turns a report into what the pages show. Every highlight is
// cut from the text by the byte spans of the report (passages, witnesses,
// edits), never by searching for words, so what is marked is exactly what
// the report says.

// palette is the number of source colours defined in style.css (.c0 to
// .c9). Sources beyond it reuse colours; their number badge still tells
// them apart.
const palette = 10

// laterCopy is the colour index of a passage whose witnesses are all later
// than the article: it has no origin among them.
const laterCopy = -1

// sourceView is one witness document in the source list.
type sourceView struct {
	N        int    // 1-based, in the report's order (largest coverage first)
	Label    string // a letter: A for the first; passages have numbers
	Colour   int
	Summary  stemma.SourceSummary
	Origins  []int // numbers of the passages whose origin it is
	Carries  []int // numbers of the passages it witnesses
	URL      string
	Coverage string
}

// sharedWords is how many of the words a reworded witness kept its row
// names (report.Shared).
const sharedWords = 6

// witnessView is one witness of a passage.
type witnessView struct {
	W        stemma.Witness
	I        int // index in the passage's witnesses
	IsOrigin bool
	Tied     bool
	Colour   int
	Source   string // sourceView.Label
	Subs     int
	Ins      int
	Dels     int
	Changes  string // the first few changes, "lift → remove; …"
	// Shares, for a reworded witness (paraphrase, summary), says what the
	// rewording kept instead: "21 words as written: Lyon, Marseille, …"
	// (report.Shared).
	Shares     string
	URL        string // the document page
	CompareURL string
}

// passageView is one passage with its witnesses.
type passageView struct {
	N          int
	P          stemma.Passage
	Colour     int
	Origin     *witnessView // nil when the article predates every witness
	OriginNote string
	Witnesses  []witnessView
	Excerpt    string
	Title      string // the tooltip of its highlight
}

// segment is a run of the article's text with one presentation.
type segment struct {
	Start, End int
	Text       string
	Passage    int // 1-based; 0 for text found nowhere else
	Colour     int
	Source     string // the origin's document ID
	Title      string
	Badge      int    // the number of a passage that starts here, or 0
	Change     string // "sub" or "ins": the words differ from the origin
	ChangeNote string
	Cuts       []string // words of the origin left out just before this segment
	// Marks are notes on this run of text, outermost first: grammatical
	// tells of spinning and quotes with a problem.
	Marks []segMark
}

// segMark is a note on a run of the article's text.
type segMark struct {
	Class string // "tell" or "quote-flag"
	Title string
}

// overlay is a span of the article with a note, from the report's spin
// tells and quote findings.
type overlay struct {
	span stemma.Span
	mark segMark
}

// reportView is everything the report page shows.
type reportView struct {
	chrome
	Report      *stemma.Report
	Heading     string
	Indexed     bool   // the article is a document of the index
	DocURL      string // its document page, if indexed
	JSONURL     string
	Reused      string
	Original    string
	ReusedWidth string // the reused share as an SVG width out of 100
	Segments    []segment
	Sources     []sourceView
	Passages    []passageView
	Timeline    timelineView
	// Spin evidence and the sentence-by-sentence reading, shown when the
	// report has them.
	Quotes        []quoteView
	HasSpin       bool
	HasSwaps      bool // the diff against the sources has something to show
	SpinScore     string
	SpinThreshold string
	// TextTells are the tells of the article's own text (package spin).
	TextTells      []textTellView
	Sentences      []sentenceView
	SentenceSource int // sentences with a source
}

// textTellView is one tell of the article's own text.
type textTellView struct {
	N    int
	Tell stemma.Tell
	Kind string // described
}

// tellKinds describe the kinds of tell for a reader.
var tellKinds = map[stemma.TellKind]string{
	stemma.ArticleMismatch: "a/an mismatch",
	stemma.EntityVariant:   "unusual name form",
	stemma.RareSynonym:     "rare synonym",
}

// quoteView is one quote finding.
type quoteView struct {
	N          int
	F          stemma.QuoteFinding
	Kind       string // described
	SourceURL  string
	SourceName string
	SourceDay  string
}

// quoteKinds describe quote problems for a reader.
var quoteKinds = map[stemma.QuoteProblem]string{
	stemma.SpeakerChanged:    "speaker changed",
	stemma.SpeakerLost:       "speaker lost",
	stemma.QuoteAltered:      "quote altered",
	stemma.QuoteCut:          "quote cut",
	stemma.QuoteUnsourced:    "quote without a source",
	stemma.QuoteOrphaned:     "orphaned “he said”",
	stemma.QuoteUnattributed: "quote without a speaker",
}

// sentenceView is one sentence of the article and where it came from.
type sentenceView struct {
	N        int
	S        stemma.Sentence
	Excerpt  string
	Passage  int // 1-based, 0 for none
	Colour   int
	Label    string // the source's label, "" for none
	Coverage string
}

// docURL returns the path of a document's page.
func docURL(id string) string { return "/docs/" + url.PathEscape(id) }

func pct(f float64) string {
	p := f * 100
	switch {
	case p > 0 && p < 1:
		return "<1%"
	case p > 99 && p < 100:
		return ">99%"
	}
	return strconv.Itoa(int(p+0.5)) + "%"
}

func day(d stemma.Doc) string {
	if !d.Dated() {
		return "undated"
	}
	return d.Date.Format("2006-01-02")
}

func dateTime(d stemma.Doc) string { return d.FormatDate() }

// docName is how a document is named in lists: its title, else its ID.
func docName(d stemma.Doc) string {
	if strings.TrimSpace(d.Title) != "" {
		return d.Title
	}
	return d.ID
}

// clip shortens s to at most n bytes at a rune boundary, adding "…".
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	if j := strings.LastIndexByte(s[:i], ' '); j > n*3/4 {
		i = j
	}
	return s[:i] + "…"
}

func countEdits(es []stemma.Edit) (subs, ins, dels int) {
	for _, e := range es {
		switch e.Kind {
		case stemma.Substitute:
			subs++
		case stemma.Insert:
			ins++
		case stemma.Delete:
			dels++
		}
	}
	return
}

// changeList describes the first n changed steps of an edit script.
func changeList(es []stemma.Edit, n int) string {
	var parts []string
	more := 0
	for _, e := range es {
		if e.Kind == stemma.Match {
			continue
		}
		if len(parts) == n {
			more++
			continue
		}
		switch e.Kind {
		case stemma.Substitute:
			parts = append(parts, "“"+clip(e.SourceText, 40)+"” → “"+clip(e.ArticleText, 40)+"”")
		case stemma.Insert:
			parts = append(parts, "+ “"+clip(e.ArticleText, 40)+"”")
		case stemma.Delete:
			parts = append(parts, "− “"+clip(e.SourceText, 40)+"”")
		}
	}
	s := strings.Join(parts, "; ")
	if more > 0 {
		s += fmt.Sprintf("; and %d more", more)
	}
	return s
}

func originNote(p stemma.Passage) string {
	switch p.OriginBasis {
	case stemma.EarliestDate:
		return "the earliest-dated document that carries it"
	case stemma.DateTie:
		return "chosen by similarity among documents with the same earliest date"
	case stemma.Undated:
		return "no witness is dated, so the origin is the most similar one"
	case stemma.ArticleEarliest:
		return "this article is older than every document that carries the passage: they copied it"
	}
	return string(p.OriginBasis)
}

func numbers(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// newReportView lays out rep, the report of article text. base is the path
// that compare links extend ("/reports/KEY" or "/docs/ID").
func newReportView(rep *stemma.Report, text, base string) (*reportView, error) {
	if rep.Length != len(text) {
		return nil, fmt.Errorf("report of %d bytes for a text of %d", rep.Length, len(text))
	}
	v := &reportView{
		Report:      rep,
		Heading:     docName(rep.Article),
		Reused:      pct(rep.Reused),
		Original:    pct(rep.Original),
		ReusedWidth: strconv.FormatFloat(100*rep.Reused, 'f', 1, 64),
	}
	if strings.TrimSpace(rep.Article.Title) == "" && rep.Article.ID == "" {
		v.Heading = "Pasted article"
	}
	v.Title = v.Heading
	colour := map[string]int{}
	number := map[string]int{}
	for i, s := range rep.Sources {
		colour[s.Doc.ID] = i % palette
		number[s.Doc.ID] = i + 1
		v.Sources = append(v.Sources, sourceView{
			N: i + 1, Label: sourceLabel(i + 1), Colour: i % palette, Summary: s, URL: docURL(s.Doc.ID), Coverage: pct(s.Coverage),
		})
	}
	for i, p := range rep.Passages {
		if p.Article.Start < 0 || p.Article.End > len(text) || p.Article.Start > p.Article.End {
			return nil, fmt.Errorf("passage %d: span %d-%d outside a text of %d bytes", i+1, p.Article.Start, p.Article.End, len(text))
		}
		pv := passageView{N: i + 1, P: p, Colour: laterCopy, OriginNote: originNote(p), Excerpt: clip(p.Text, 240)}
		for j, w := range p.Witnesses {
			wv := witnessView{
				W: w, I: j, IsOrigin: j == p.Origin, Tied: slices.Contains(p.Tied, j),
				Colour: colour[w.Doc.ID], Source: sourceLabel(number[w.Doc.ID]), URL: docURL(w.Doc.ID),
				Changes:    changeList(w.Edits, 4),
				CompareURL: fmt.Sprintf("%s/compare?p=%d&w=%d", base, i+1, j+1),
			}
			wv.Subs, wv.Ins, wv.Dels = countEdits(w.Edits)
			if w.Class.Reworded() {
				if n, words := report.Shared(p, w, rep.Article.Lang); n > 0 {
					if len(words) > sharedWords {
						words = append(words[:sharedWords:sharedWords], "…")
					}
					wv.Shares = fmt.Sprintf("%d words as written: %s", n, strings.Join(words, ", "))
				}
			}
			if n := number[w.Doc.ID]; n > 0 {
				sv := &v.Sources[n-1]
				sv.Carries = append(sv.Carries, i+1)
				if j == p.Origin {
					sv.Origins = append(sv.Origins, i+1)
				}
			}
			pv.Witnesses = append(pv.Witnesses, wv)
		}
		if p.Origin >= 0 && p.Origin < len(pv.Witnesses) {
			pv.Origin = &pv.Witnesses[p.Origin]
			pv.Colour = pv.Origin.Colour
		}
		pv.Title = passageTitle(&pv)
		v.Passages = append(v.Passages, pv)
	}
	var overlays []overlay
	for _, t := range rep.Spin.Tells {
		overlays = append(overlays, overlay{t.Article, segMark{"tell", "spin tell: " + t.Reason}})
	}
	for i, t := range rep.Spin.Text.Tells {
		kind := tellKinds[t.Kind]
		if kind == "" {
			kind = string(t.Kind)
		}
		v.TextTells = append(v.TextTells, textTellView{N: i + 1, Tell: t, Kind: kind})
		overlays = append(overlays, overlay{t.Article, segMark{"tell " + string(t.Kind), kind + " (spin tell): " + t.Reason}})
	}
	for i, f := range rep.Quotes {
		qv := quoteView{N: i + 1, F: f, Kind: quoteKinds[f.Kind]}
		if qv.Kind == "" {
			qv.Kind = string(f.Kind)
		}
		if f.Source != nil {
			qv.SourceURL, qv.SourceName, qv.SourceDay = docURL(f.Source.ID), docName(*f.Source), day(*f.Source)
		}
		v.Quotes = append(v.Quotes, qv)
		if f.Quote.Text.End > f.Quote.Text.Start {
			overlays = append(overlays, overlay{f.Quote.Text, segMark{"quote-flag", qv.Kind + ": " + f.Explanation}})
		}
	}
	var err error
	if v.Segments, err = articleSegments(text, v.Passages, overlays); err != nil {
		return nil, err
	}
	v.Timeline = newTimeline(rep, v.Sources)
	sp := rep.Spin
	v.HasSwaps = sp.Synonyms+sp.Entities+sp.Spelling+sp.Other > 0 || len(sp.Tells) > 0 || sp.SwapsSpun
	v.HasSpin = v.HasSwaps || sp.Spun || sp.Text.Explanation != ""
	v.SpinScore = strconv.FormatFloat(100*sp.Score, 'f', 1, 64) + "%"
	v.SpinThreshold = strconv.FormatFloat(100*stemma.SpinThreshold, 'f', -1, 64) + "%"
	for i, st := range rep.Sentences {
		sv := sentenceView{N: i + 1, S: st, Excerpt: clip(st.Text, 200), Colour: laterCopy}
		if st.Passage >= 0 && st.Passage < len(v.Passages) {
			sv.Passage = st.Passage + 1
		}
		if st.Source != "" {
			sv.Colour, sv.Label = colour[st.Source], sourceLabel(number[st.Source])
			sv.Coverage = pct(st.Coverage)
			v.SentenceSource++
		}
		v.Sentences = append(v.Sentences, sv)
	}
	return v, nil
}

// sourceLabel names the nth source (1-based) with letters, as columns of a
// spreadsheet are: A to Z, then AA, AB and so on. Passages have numbers,
// so the two are never confused.
func sourceLabel(n int) string {
	if n <= 0 {
		return "?"
	}
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// passageTitle is the tooltip of a passage's highlight.
func passageTitle(pv *passageView) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Passage %d · %s", pv.N, pv.P.Class)
	if o := pv.Origin; o != nil {
		fmt.Fprintf(&b, " · similarity %.2f\nOrigin: %s", o.W.Similarity, o.W.Doc.ID)
		if o.W.Doc.Source != "" {
			fmt.Fprintf(&b, " · %s", o.W.Doc.Source)
		}
		fmt.Fprintf(&b, " · %s", dateTime(o.W.Doc))
		if t := strings.TrimSpace(o.W.Doc.Title); t != "" {
			fmt.Fprintf(&b, "\n“%s”", clip(t, 100))
		}
		if n := o.Subs + o.Ins + o.Dels; n > 0 {
			fmt.Fprintf(&b, "\n%d change(s) from the origin", n)
		}
	} else {
		b.WriteString("\nThis article is older than every document that carries this passage.")
	}
	if n := len(pv.Witnesses) - 1; pv.Origin != nil && n > 0 {
		fmt.Fprintf(&b, "\nAlso in %d other document(s)", n)
	}
	return b.String()
}

// changeName describes the kind of a substitution.
func changeName(c stemma.Change) string {
	switch c {
	case stemma.Synonym:
		return "synonym swap"
	case stemma.Entity:
		return "another name for the same entity"
	case stemma.Spelling:
		return "spelling variant"
	case stemma.OtherChange:
		return "other rewording"
	}
	return string(c)
}

// change is a changed step of an origin's edit script, on the article side.
type change struct {
	span stemma.Span
	kind string
	note string
}

// articleSegments cuts text into segments at the edges of passages and of
// the changes between each passage and its origin.
func articleSegments(text string, ps []passageView, overlays []overlay) ([]segment, error) {
	cuts := map[int][]string{}
	var changes []change
	points := []int{0, len(text)}
	for _, o := range overlays {
		if o.span.Start < 0 || o.span.End > len(text) || o.span.Start >= o.span.End {
			return nil, fmt.Errorf("%s at %d-%d outside a text of %d bytes", o.mark.Class, o.span.Start, o.span.End, len(text))
		}
		points = append(points, o.span.Start, o.span.End)
	}
	for _, pv := range ps {
		points = append(points, pv.P.Article.Start, pv.P.Article.End)
		o := pv.Origin
		if o == nil {
			continue
		}
		mv := moved(o.W)
		for _, e := range o.W.Edits {
			if e.Article.Start < pv.P.Article.Start || e.Article.End > pv.P.Article.End || e.Article.Start > e.Article.End {
				return nil, fmt.Errorf("passage %d: edit span %d-%d outside the passage %d-%d",
					pv.N, e.Article.Start, e.Article.End, pv.P.Article.Start, pv.P.Article.End)
			}
			switch e.Kind {
			case stemma.Substitute:
				note := fmt.Sprintf("was “%s” in %s", clip(e.SourceText, 80), o.W.Doc.ID)
				if e.Change != "" {
					note += " (" + changeName(e.Change) + ")"
				}
				changes = append(changes, change{e.Article, "sub", note})
			case stemma.Insert:
				note := fmt.Sprintf("not in %s", o.W.Doc.ID)
				if mv {
					note = fmt.Sprintf("moved: %s has it at the other end of the passage", o.W.Doc.ID)
				}
				changes = append(changes, change{e.Article, "ins", note})
			case stemma.Delete:
				note := fmt.Sprintf("left out here: “%s” (in %s)", clip(e.SourceText, 80), o.W.Doc.ID)
				if mv {
					note = fmt.Sprintf("moved from here: “%s” (in %s)", clip(e.SourceText, 80), o.W.Doc.ID)
				}
				cuts[e.Article.Start] = append(cuts[e.Article.Start], note)
				points = append(points, e.Article.Start)
				continue
			default:
				continue
			}
			points = append(points, e.Article.Start, e.Article.End)
		}
	}
	slices.Sort(points)
	points = slices.Compact(points)
	var segs []segment
	for i := 0; i+1 < len(points); i++ {
		a, b := points[i], points[i+1]
		seg := segment{Start: a, End: b, Text: text[a:b], Cuts: cuts[a]}
		for _, pv := range ps {
			if pv.P.Article.Start == a && seg.Badge == 0 {
				seg.Badge = pv.N
			}
			if seg.Passage == 0 && pv.P.Article.Start <= a && b <= pv.P.Article.End {
				seg.Passage, seg.Colour, seg.Title = pv.N, pv.Colour, pv.Title
				if pv.Origin != nil {
					seg.Source = pv.Origin.W.Doc.ID
				}
			}
		}
		for _, c := range changes {
			if c.span.Start <= a && b <= c.span.End {
				seg.Change, seg.ChangeNote = c.kind, c.note
				break
			}
		}
		for _, o := range overlays {
			if o.span.Start <= a && b <= o.span.End && !slices.Contains(seg.Marks, o.mark) {
				seg.Marks = append(seg.Marks, o.mark)
			}
		}
		segs = append(segs, seg)
	}
	if cs := cuts[len(text)]; len(cs) > 0 {
		segs = append(segs, segment{Start: len(text), End: len(text), Cuts: cs})
	}
	return segs, nil
}

// timelineView places the article and its sources in time.
type timelineView struct {
	Dated   []timelineEntry
	Undated []timelineEntry
	Dots    []timelineDot
	First   string // the label of the axis's left end
	Last    string
}

type timelineEntry struct {
	Doc       stemma.Doc
	When      string
	After     string // how long after the first dated entry
	IsArticle bool
	Colour    int
	Source    string // the source's label
	Origins   string // passage numbers
	Carries   string
	URL       string
}

// timelineDot is a document on the SVG axis (a viewBox 1000 wide).
type timelineDot struct {
	X, Y      string
	Colour    int
	IsArticle bool
	Label     string
}

func newTimeline(rep *stemma.Report, sources []sourceView) timelineView {
	var tl timelineView
	for _, s := range sources {
		e := timelineEntry{
			Doc: s.Summary.Doc, When: dateTime(s.Summary.Doc), Colour: s.Colour, Source: s.Label,
			Origins: numbers(s.Origins), Carries: numbers(s.Carries), URL: s.URL,
		}
		if s.Summary.Doc.Dated() {
			tl.Dated = append(tl.Dated, e)
		} else {
			tl.Undated = append(tl.Undated, e)
		}
	}
	art := timelineEntry{Doc: rep.Article, When: dateTime(rep.Article), IsArticle: true}
	if rep.Article.Dated() {
		tl.Dated = append(tl.Dated, art)
	} else {
		tl.Undated = append(tl.Undated, art)
	}
	slices.SortStableFunc(tl.Dated, func(x, y timelineEntry) int { return x.Doc.Date.Compare(y.Doc.Date) })
	if len(tl.Dated) == 0 || len(tl.Dated) == 1 && tl.Dated[0].IsArticle {
		return tl
	}
	first, last := tl.Dated[0].Doc.Date, tl.Dated[len(tl.Dated)-1].Doc.Date
	tl.First, tl.Last = first.Format("2006-01-02"), last.Format("2006-01-02")
	span := last.Sub(first)
	stack := map[int]int{}
	for i := range tl.Dated {
		e := &tl.Dated[i]
		if i > 0 {
			e.After = after(e.Doc.Date.Sub(first))
		}
		x := 500.0
		if span > 0 {
			x = 30 + 940*float64(e.Doc.Date.Sub(first))/float64(span)
		}
		bucket := int(x / 14)
		y := 38 - 13*float64(stack[bucket])
		stack[bucket]++
		label := e.When + " · " + e.Source + " · " + docName(e.Doc)
		if e.IsArticle {
			label = e.When + " · this article"
		}
		tl.Dots = append(tl.Dots, timelineDot{
			X: strconv.FormatFloat(x, 'f', 1, 64), Y: strconv.FormatFloat(max(y, 6), 'f', 1, 64),
			Colour: e.Colour, IsArticle: e.IsArticle, Label: label,
		})
	}
	return tl
}

// after describes a duration in the largest sensible unit.
func after(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "same minute"
	case d < time.Hour:
		return fmt.Sprintf("+%d min", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("+%d h", int(d.Hours()))
	case d < 60*24*time.Hour:
		return fmt.Sprintf("+%d days", int(d.Hours()/24))
	case d < 730*24*time.Hour:
		return fmt.Sprintf("+%d months", int(d.Hours()/24/30))
	}
	return fmt.Sprintf("+%d years", int(d.Hours()/24/365))
}

// piece is a run of one side of a side-by-side comparison.
type piece struct {
	Text string
	// Class is "" for matching words and the text between words, "sub",
	// "ins" or "del" for changed words, "gap" for a zero-width mark where
	// the other side has words this side lacks, and "fold" for the middle
	// of a long deletion, left out of the column (see foldWords).
	Class string
	Kind  stemma.EditKind // of the edit, for changed words and gaps
	Edit  int             // index of the edit, pairing the two sides; -1 for none
	Row   int             // for a fold: the number of its row in the table of changes
	Title string
	// Start and End are the byte offsets of Text in its document.
	Start, End int
}

// column is one side of a comparison: the passage's pieces between some
// context.
type column struct {
	Before, After string
	Pieces        []piece
	Span          stemma.Span
}

// changeRow is one changed step of an edit script, listed under the
// comparison.
type changeRow struct {
	Edit        int
	Kind        string
	Change      string // the kind of a substitution, described
	SourceText  string
	ArticleText string
	SourceSpan  stemma.Span
	ArticleSpan stemma.Span
}

// contextBytes is how much text around a passage the comparison shows.
const contextBytes = 240

// foldWords is the most words of a deletion the source's column shows
// whole. A longer one, as a summary or a cut copy leaves (the article
// condenses a long stretch of the source), shows its first and last
// foldEdge words and, between them, how many it leaves out, linked to its
// row in the table of changes, which has it all: the two columns stay
// side by side.
const (
	foldWords = 40
	foldEdge  = 8
)

// fold splits sp, the source's piece of a deletion, into its first and
// last foldEdge words and a fold between them, when it has more than
// foldWords words (package tokenize's, as everywhere in stemma); row
// numbers its row in the table of changes.
func fold(sp piece, row int) []piece {
	ws := tokenize.Tokens(sp.Text)
	if len(ws) <= foldWords {
		return []piece{sp}
	}
	head, tail := int(ws[foldEdge-1].End), int(ws[len(ws)-foldEdge].Start)
	h, f, t := sp, sp, sp
	h.Text, h.End = sp.Text[:head], sp.Start+head
	t.Text, t.Start = sp.Text[tail:], sp.Start+tail
	f.Class, f.Row, f.Start, f.End = "fold", row, sp.Start+head, sp.Start+tail
	n := len(ws) - 2*foldEdge
	f.Text = fmt.Sprintf(" … %d more words left out … ", n)
	f.Title = fmt.Sprintf("deleted: %d more words not in the article; the table of changes has them all (change %d)", n, row)
	return []piece{h, f, t}
}

// compareColumns lays out the article and the witness side by side, cut
// at the spans of the witness's edit script.
func compareColumns(article, source string, w stemma.Witness) (art, src column, rows []changeRow, err error) {
	if err := checkSpan(w.Article, len(article)); err != nil {
		return art, src, nil, fmt.Errorf("article side: %w", err)
	}
	if err := checkSpan(w.Source, len(source)); err != nil {
		return art, src, nil, fmt.Errorf("source side: %w", err)
	}
	art = column{Span: w.Article, Before: before(article, w.Article.Start), After: afterText(article, w.Article.End)}
	src = column{Span: w.Source, Before: before(source, w.Source.Start), After: afterText(source, w.Source.End)}
	apos, spos := w.Article.Start, w.Source.Start
	mv := moved(w)
	for i, e := range w.Edits {
		if e.Article.Start < apos || e.Article.End > w.Article.End || e.Article.Start > e.Article.End ||
			e.Source.Start < spos || e.Source.End > w.Source.End || e.Source.Start > e.Source.End {
			return art, src, nil, fmt.Errorf("edit %d (%s) spans %d-%d / %d-%d out of order or outside the witness",
				i, e.Kind, e.Article.Start, e.Article.End, e.Source.Start, e.Source.End)
		}
		if e.Article.Start > apos {
			art.Pieces = append(art.Pieces, piece{Text: article[apos:e.Article.Start], Edit: -1, Start: apos, End: e.Article.Start})
		}
		if e.Source.Start > spos {
			src.Pieces = append(src.Pieces, piece{Text: source[spos:e.Source.Start], Edit: -1, Start: spos, End: e.Source.Start})
		}
		at, st := article[e.Article.Start:e.Article.End], source[e.Source.Start:e.Source.End]
		ap := piece{Text: at, Kind: e.Kind, Edit: i, Start: e.Article.Start, End: e.Article.End}
		sp := piece{Text: st, Kind: e.Kind, Edit: i, Start: e.Source.Start, End: e.Source.End}
		switch e.Kind {
		case stemma.Match:
			ap.Kind, ap.Edit, sp.Kind, sp.Edit = "", -1, "", -1
			art.Pieces = append(art.Pieces, ap)
			src.Pieces = append(src.Pieces, sp)
		case stemma.Substitute:
			ap.Class, ap.Title = "sub", "substituted: the source has “"+clip(st, 80)+"”"
			sp.Class, sp.Title = "sub", "substituted: the article has “"+clip(at, 80)+"”"
			if e.Change != "" {
				ap.Title += " (" + changeName(e.Change) + ")"
				sp.Title += " (" + changeName(e.Change) + ")"
			}
			art.Pieces = append(art.Pieces, ap)
			src.Pieces = append(src.Pieces, sp)
			rows = append(rows, changeRow{Edit: i, Kind: "substitution", Change: changeName(e.Change), SourceText: st, ArticleText: at, SourceSpan: e.Source, ArticleSpan: e.Article})
		case stemma.Insert:
			ap.Class, ap.Title = "ins", "inserted: not in the source"
			sp.Class, sp.Title = "gap", "the article inserts “"+clip(at, 80)+"” here"
			kind := "insertion"
			if mv {
				ap.Title, sp.Title, kind = "moved: the source has it at the other end of the passage", "the article has “"+clip(at, 80)+"” here", "moved (article)"
			}
			art.Pieces = append(art.Pieces, ap)
			src.Pieces = append(src.Pieces, sp)
			rows = append(rows, changeRow{Edit: i, Kind: kind, ArticleText: at, SourceSpan: e.Source, ArticleSpan: e.Article})
		case stemma.Delete:
			ap.Class, ap.Title = "gap", "the article leaves out “"+clip(st, 80)+"” here"
			sp.Class, sp.Title = "del", "deleted: not in the article"
			kind := "deletion"
			if mv {
				ap.Title, sp.Title, kind = "the source has “"+clip(st, 80)+"” here", "moved: the article has it at the other end of the passage", "moved (source)"
			}
			art.Pieces = append(art.Pieces, ap)
			src.Pieces = append(src.Pieces, fold(sp, len(rows)+1)...)
			rows = append(rows, changeRow{Edit: i, Kind: kind, SourceText: st, SourceSpan: e.Source, ArticleSpan: e.Article})
		default:
			return art, src, nil, fmt.Errorf("edit %d: unknown kind %q", i, e.Kind)
		}
		apos, spos = max(apos, e.Article.End), max(spos, e.Source.End)
	}
	if apos < w.Article.End {
		art.Pieces = append(art.Pieces, piece{Text: article[apos:w.Article.End], Edit: -1, Start: apos, End: w.Article.End})
	}
	if spos < w.Source.End {
		src.Pieces = append(src.Pieces, piece{Text: source[spos:w.Source.End], Edit: -1, Start: spos, End: w.Source.End})
	}
	return art, src, rows, nil
}

// moved reports whether the edit script of w, a passage found by exact
// matches, begins and ends with text on one side only, an insertion at
// one end and a deletion at the other: the copy swapped a sentence with
// its neighbour (package align, see docs/report-json.md), and those two
// edits are that sentence, moved. A paraphrase's or a summary's edits may
// begin and end so with words that were only reworded.
func moved(w stemma.Witness) bool {
	es := w.Edits
	n := len(es)
	if w.Class.Reworded() || n < 3 {
		return false
	}
	first, last := es[0].Kind, es[n-1].Kind
	return first == stemma.Insert && last == stemma.Delete || first == stemma.Delete && last == stemma.Insert
}

func checkSpan(s stemma.Span, n int) error {
	if s.Start < 0 || s.End > n || s.Start > s.End {
		return fmt.Errorf("span %d-%d outside a text of %d bytes", s.Start, s.End, n)
	}
	return nil
}

// before returns up to contextBytes of text before i, starting at a word.
func before(text string, i int) string {
	j := max(0, i-contextBytes)
	if j == 0 {
		return text[:i]
	}
	for j < i && !utf8.RuneStart(text[j]) {
		j++
	}
	if k := strings.IndexAny(text[j:i], " \n"); k >= 0 {
		j += k + 1
	}
	return "…" + text[j:i]
}

// afterText returns up to contextBytes of text after i, ending at a word.
func afterText(text string, i int) string {
	j := min(len(text), i+contextBytes)
	if j == len(text) {
		return text[i:]
	}
	for j > i && !utf8.RuneStart(text[j]) {
		j--
	}
	if k := strings.LastIndexAny(text[i:j], " \n"); k >= 0 {
		j = i + k
	}
	return text[i:j] + "…"
}
