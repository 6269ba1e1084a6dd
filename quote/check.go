package quote

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/lang"
	"github.com/stemmanews/stemma/tokenize"
)

// SourceText returns the text of an indexed document, by ID.
type SourceText func(id string) (string, error)

// source is a witness's text, its tokens and its quotes; an is its
// analysis, kept for a witness the article translates.
type source struct {
	text   string
	toks   []tokenize.Token
	quotes []Quotation
	an     *analysis
}

// comparison is one article quote against the matching quote of one
// witness.
type comparison struct {
	w        *stemma.Witness
	sq       Quotation
	src      *source
	edits    []stemma.Edit
	matched  int
	changed  bool // words substituted or added
	cut      bool // words of the source left out
	speaker  string
	sameSpkr bool
	// figures, for a witness the article translates (whose words cannot
	// be compared): the article's numbers the source's quote lacks, and
	// the source's the article's lacks, when both write some.
	figures [2][]string
}

// Check compares the quotes of a traced article with the quotes of its
// witnesses, using the report's passages and edit scripts to find, for each
// quote, the matching quote in each witness. It returns the findings, most
// severe first:
//
//   - a quote that no witness carries word for word is [stemma.QuoteCut]
//     (words left out, nothing else) or [stemma.QuoteAltered];
//   - a quote whose speaker no witness shares is [stemma.SpeakerChanged]
//     when the article names its speaker at the cue, else
//     [stemma.SpeakerLost];
//   - a quote outside every passage is [stemma.QuoteUnsourced], reported
//     only when the article has a passage at all;
//   - whatever the sources, a quote attributed only by a "he" or "she"
//     that no person named before it can be is [stemma.QuoteOrphaned], and
//     a quote of a sentence or more with no speaker at all is
//     [stemma.QuoteUnattributed] (not when a speaker finding already
//     covers the quote).
//
// A witness the article translates ([stemma.Translated]) is read with the
// table of its own language, and only the speakers, by name ([SameName]),
// and the figures are compared: its quote's words are in another
// language. Its quote is the one in the sentence the article's quote
// translates. A person named at the article's cue whom the source's quote
// does not name, while the article's sentence never writes the source's
// name, is [stemma.SpeakerChanged]; numbers in digits other than the
// source quote's are [stemma.QuoteAltered], of medium severity, when no
// witness in the article's language holds the quote. See
// compareTranslated.
//
// Witnesses dated after the article are copies, not sources, and are not
// compared. The cost is one [Finder.Find] of the article and of each
// witness whose passages hold a quote, plus a word diff per quote and
// witness; the witnesses of a quote are read origin first, and no more
// once one holds it word for word and one gives it the same speaker.
func (f *Finder) Check(rep *stemma.Report, article string, text SourceText) ([]stemma.QuoteFinding, error) {
	an := f.lang.analyse(article)
	quotes := an.quotations()
	if len(quotes) == 0 {
		return nil, nil
	}
	atoks := tokenize.Tokens(article)
	// A document can witness the article both translated and as written
	// (a quote left in its own language inside a translation): each way
	// reads it differently.
	type key struct {
		id         string
		translated bool
	}
	sources := map[key]*source{}
	load := func(w *stemma.Witness) (*source, error) {
		k := key{w.Doc.ID, w.Class == stemma.Translated}
		if s, ok := sources[k]; ok {
			return s, nil
		}
		t, err := text(w.Doc.ID)
		if err != nil {
			return nil, fmt.Errorf("quote: reading witness %s: %w", w.Doc.ID, err)
		}
		s := &source{text: t}
		if w.Class == stemma.Translated {
			// Read in its own language: the article translates it.
			s.an = finderFor(w.Doc.Lang).lang.analyse(t)
			s.quotes = s.an.quotations()
		} else {
			s.toks, s.quotes = tokenize.Tokens(t), f.Find(t)
		}
		sources[k] = s
		return s, nil
	}
	var out []stemma.QuoteFinding
	spoken := map[int]bool{} // quotes with a speaker finding
	for qi, q := range quotes {
		var ws []*stemma.Witness
		for pi := range rep.Passages {
			p := &rep.Passages[pi]
			order := make([]int, 0, len(p.Witnesses))
			if p.Origin >= 0 {
				order = append(order, p.Origin)
			}
			for wi := range p.Witnesses {
				if wi != p.Origin {
					order = append(order, wi)
				}
			}
			for _, wi := range order {
				if w := &p.Witnesses[wi]; !w.Later && w.Article.Overlap(q.Text) > 0 {
					ws = append(ws, w)
				}
			}
		}
		if len(ws) == 0 {
			if len(rep.Passages) > 0 {
				out = append(out, unsourced(article, q))
			}
			continue
		}
		var cs, ts []comparison // witnesses in the article's language; translated ones
		// A witness that carries the quote word for word and one that
		// gives it the same speaker leave no finding for the others to
		// make (textFinding, speakerFinding; figuresFinding runs only
		// without the first): a quote reprinted by fifty outlets is read
		// in the first that confirms it, not in all fifty.
		var verbatim, agreed bool
		for _, w := range ws {
			if verbatim && agreed {
				break
			}
			src, err := load(w)
			if err != nil {
				return nil, err
			}
			var c comparison
			var ok bool
			if w.Class == stemma.Translated {
				if c, ok = an.compareTranslated(qi, q, w, src); ok {
					ts = append(ts, c)
				}
			} else if c, ok = f.compare(article, atoks, q, w, src); ok {
				cs = append(cs, c)
				verbatim = verbatim || !c.changed && !c.cut
			}
			agreed = agreed || ok && c.sameSpkr
		}
		if len(cs) > 0 {
			if fd, ok := textFinding(article, q, cs); ok {
				out = append(out, fd)
			}
		} else if fd, ok := figuresFinding(article, q, ts); ok {
			out = append(out, fd)
		}
		if fd, ok := speakerFinding(article, q, append(cs, ts...)); ok {
			out = append(out, fd)
			spoken[qi] = true
		}
	}
	out = append(out, an.attributionFindings(quotes, spoken)...)
	slices.SortStableFunc(out, func(x, y stemma.QuoteFinding) int {
		return cmp.Or(y.Severity.Rank()-x.Severity.Rank(), x.Quote.Text.Start-y.Quote.Text.Start)
	})
	return out, nil
}

// Check compares the quotes of an article with its witnesses'; see
// [Finder.Check]. It reads them with the table of the article's language
// (rep.Article.Lang, its primary subtag: "de-AT" is German), or English's
// when that language has none.
func Check(rep *stemma.Report, article string, text SourceText) ([]stemma.QuoteFinding, error) {
	return finderFor(rep.Article.Lang).Check(rep, article, text)
}

// compare finds the quote of src that the witness w aligns with quote q,
// and diffs the two quotes word by word.
func (f *Finder) compare(article string, atoks []tokenize.Token, q Quotation, w *stemma.Witness, src *source) (comparison, bool) {
	lo, hi := -1, -1
	for _, e := range w.Edits {
		in := e.Article.Overlap(q.Text) > 0 || e.Kind == stemma.Delete && e.Article.Start > q.Text.Start && e.Article.Start < q.Text.End
		if !in {
			continue
		}
		s := e.Source
		if e.Kind == stemma.Match {
			s = mapMatch(atoks, src.toks, e, q.Text)
		}
		if s.Len() == 0 && e.Kind != stemma.Delete {
			continue
		}
		if lo < 0 || s.Start < lo {
			lo = s.Start
		}
		hi = max(hi, s.End)
	}
	if lo < 0 {
		return comparison{}, false
	}
	mapped := stemma.Span{Start: lo, End: max(hi, lo+1)}
	best, bestOv := -1, 0
	for i, sq := range src.quotes {
		if ov := sq.Text.Overlap(mapped); ov > bestOv {
			best, bestOv = i, ov
		}
	}
	if best < 0 {
		return comparison{}, false
	}
	sq := src.quotes[best]
	c := comparison{w: w, sq: sq, src: src, speaker: sq.Name}
	c.edits, c.matched, c.changed, c.cut = diff(article, within(atoks, q.Text), src.text, within(src.toks, sq.Text))
	c.sameSpkr = sq.Name == "" || f.lang.key(q.Name) != "" && f.lang.key(q.Name) == f.lang.key(sq.Name)
	return c, true
}

// mapMatch maps the part of a Match edit inside span to the witness: the
// words of a match correspond one to one.
func mapMatch(atoks, stoks []tokenize.Token, e stemma.Edit, span stemma.Span) stemma.Span {
	a := within(atoks, e.Article)
	s := within(stoks, e.Source)
	if len(a) != len(s) || len(a) == 0 {
		return e.Source
	}
	first, last := -1, -1
	for i, t := range a {
		if int(t.Start) >= span.Start && int(t.End) <= span.End {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return stemma.Span{}
	}
	return stemma.Span{Start: int(s[first].Start), End: int(s[last].End)}
}

// within returns the tokens inside span.
func within(toks []tokenize.Token, span stemma.Span) []tokenize.Token {
	i, _ := slices.BinarySearchFunc(toks, span.Start, func(t tokenize.Token, p int) int { return int(t.Start) - p })
	j := i
	for j < len(toks) && int(toks[j].End) <= span.End {
		j++
	}
	return toks[i:j]
}

// maxDiffCells bounds the dynamic programme of a word diff; beyond it the
// differing middle of two quotes is one substitution.
const maxDiffCells = 1 << 20

// lcsTables lends diff its tables: a trace diffs each quote against each
// witness's, and a new table each time was an eighth of a trace's
// allocations.
var lcsTables = sync.Pool{New: func() any { return new([]int32) }}

// diff returns the word-level edit script turning the source words b into
// the article words a, the number of matched words, and whether words were
// changed (substituted or added) or cut.
func diff(at string, a []tokenize.Token, bt string, b []tokenize.Token) (edits []stemma.Edit, matched int, changed, cut bool) {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre].Term == b[pre].Term {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf].Term == b[len(b)-1-suf].Term {
		suf++
	}
	type op struct {
		kind           stemma.EditKind
		a0, a1, b0, b1 int
	}
	var ops []op
	push := func(k stemma.EditKind, a0, a1, b0, b1 int) {
		if n := len(ops); n > 0 && ops[n-1].kind == k && ops[n-1].a1 == a0 && ops[n-1].b1 == b0 {
			ops[n-1].a1, ops[n-1].b1 = a1, b1
			return
		}
		ops = append(ops, op{k, a0, a1, b0, b1})
	}
	if pre > 0 {
		push(stemma.Match, 0, pre, 0, pre)
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	switch {
	case len(ma) == 0 && len(mb) == 0:
	case len(ma) == 0:
		push(stemma.Delete, pre, pre, pre, pre+len(mb))
	case len(mb) == 0:
		push(stemma.Insert, pre, pre+len(ma), pre, pre)
	case len(ma)*len(mb) > maxDiffCells:
		push(stemma.Substitute, pre, pre+len(ma), pre, pre+len(mb))
	default:
		// LCS table over the middle, then walk it forwards.
		n, m := len(ma), len(mb)
		lp := lcsTables.Get().(*[]int32)
		defer lcsTables.Put(lp)
		if need := (n + 1) * (m + 1); cap(*lp) < need {
			*lp = make([]int32, need)
		} else {
			*lp = (*lp)[:need]
			clear(*lp) // the last row and column must read 0
		}
		l := *lp
		cell := func(i, j int) *int32 { return &l[i*(m+1)+j] }
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if ma[i].Term == mb[j].Term {
					*cell(i, j) = *cell(i+1, j+1) + 1
				} else {
					*cell(i, j) = max(*cell(i+1, j), *cell(i, j+1))
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && ma[i].Term == mb[j].Term:
				push(stemma.Match, pre+i, pre+i+1, pre+j, pre+j+1)
				i, j = i+1, j+1
			case j < m && (i == n || *cell(i, j+1) >= *cell(i+1, j)):
				push(stemma.Delete, pre+i, pre+i, pre+j, pre+j+1)
				j++
			default:
				push(stemma.Insert, pre+i, pre+i+1, pre+j, pre+j)
				i++
			}
		}
	}
	if suf > 0 {
		push(stemma.Match, len(a)-suf, len(a), len(b)-suf, len(b))
	}
	// A deletion next to an insertion is a substitution.
	var merged []op
	for _, o := range ops {
		if n := len(merged); n > 0 && o.kind != stemma.Match && merged[n-1].kind != stemma.Match && merged[n-1].kind != o.kind {
			p := &merged[n-1]
			p.kind = stemma.Substitute
			p.a1, p.b1 = max(p.a1, o.a1), max(p.b1, o.b1)
			continue
		}
		merged = append(merged, o)
	}
	span := func(toks []tokenize.Token, i0, i1 int) stemma.Span {
		switch {
		case i1 > i0:
			return stemma.Span{Start: int(toks[i0].Start), End: int(toks[i1-1].End)}
		case i0 < len(toks):
			return stemma.Span{Start: int(toks[i0].Start), End: int(toks[i0].Start)}
		case len(toks) > 0:
			return stemma.Span{Start: int(toks[len(toks)-1].End), End: int(toks[len(toks)-1].End)}
		}
		return stemma.Span{}
	}
	for _, o := range merged {
		e := stemma.Edit{Kind: o.kind, Article: span(a, o.a0, o.a1), Source: span(b, o.b0, o.b1)}
		switch o.kind {
		case stemma.Match:
			matched += o.a1 - o.a0
		case stemma.Delete:
			cut = true
		default:
			changed = true
		}
		if o.kind != stemma.Match {
			e.ArticleText = at[e.Article.Start:e.Article.End]
			e.SourceText = bt[e.Source.Start:e.Source.End]
		}
		edits = append(edits, e)
	}
	return edits, matched, changed, cut
}

// textFinding reports a quote that no witness carries word for word,
// against the witness whose quote is closest.
func textFinding(article string, q Quotation, cs []comparison) (stemma.QuoteFinding, bool) {
	var best *comparison
	for i := range cs {
		c := &cs[i]
		if !c.changed && !c.cut {
			return stemma.QuoteFinding{}, false
		}
		if best == nil || c.matched > best.matched {
			best = c
		}
	}
	fd := finding(article, q, best)
	if best.changed {
		fd.Kind, fd.Severity = stemma.QuoteAltered, stemma.High
		fd.Explanation = fmt.Sprintf("Quote %s differs from %s: %s.", show(article, q.Text), where(best.w.Doc), changes(best.edits, 4))
	} else {
		fd.Kind, fd.Severity = stemma.QuoteCut, stemma.Medium
		fd.Explanation = fmt.Sprintf("Quote %s is cut: %s has %s.", show(article, q.Text), where(best.w.Doc), changes(best.edits, 2))
	}
	fd.Edits = best.edits
	return fd, true
}

// unless returns the first of cs, or nil when one of them agrees with the
// article (agrees reports it): a finding needs every witness to differ.
func unless(cs []comparison, agrees func(*comparison) bool) *comparison {
	for i := range cs {
		if agrees(&cs[i]) {
			return nil
		}
	}
	if len(cs) == 0 {
		return nil
	}
	return &cs[0]
}

// speakerFinding reports a quote whose speaker no witness shares.
func speakerFinding(article string, q Quotation, cs []comparison) (stemma.QuoteFinding, bool) {
	best := unless(cs, func(c *comparison) bool { return c.sameSpkr })
	if best == nil {
		return stemma.QuoteFinding{}, false
	}
	fd := finding(article, q, best)
	src := where(best.w.Doc)
	qs := show(article, q.Text)
	switch {
	case q.Attribution == stemma.Named:
		fd.Kind = stemma.SpeakerChanged
		fd.Explanation = fmt.Sprintf("Quote %s is attributed to %s here, but to %s in %s.", qs, q.Name, best.speaker, src)
	case q.Attribution == stemma.Pronoun && q.Name != "":
		fd.Kind = stemma.SpeakerLost
		pron := clean(article[q.Speaker.Start:q.Speaker.End])
		fd.Explanation = fmt.Sprintf("Quote %s is attributed only by %q here, which now points to %s; %s attributes it to %s.", qs, pron, q.Name, src, best.speaker)
	case q.Attribution == stemma.Continued && q.Name != "":
		fd.Kind = stemma.SpeakerLost
		fd.Explanation = fmt.Sprintf("Quote %s follows a quote by %s here and reads as theirs; %s attributes it to %s.", qs, q.Name, src, best.speaker)
	default:
		fd.Kind = stemma.SpeakerLost
		fd.Explanation = fmt.Sprintf("Quote %s has no speaker here; %s attributes it to %s.", qs, src, best.speaker)
	}
	fd.Severity = stemma.High
	if best.w.Class == stemma.Translated {
		fd.Explanation = strings.TrimSuffix(fd.Explanation, ".") + ", which it translates (the speakers compared by name)."
	}
	if q.Uncertain || best.sq.Uncertain {
		fd.Explanation = strings.TrimSuffix(fd.Explanation, ".") + " (one of the attributions is uncertain)."
	}
	return fd, true
}

func finding(article string, q Quotation, c *comparison) stemma.QuoteFinding {
	doc := c.w.Doc
	sq := c.sq.Quote
	return stemma.QuoteFinding{
		Quote: q.Quote, Text: article[q.Text.Start:q.Text.End], Speaker: q.Name,
		Source: &doc, SourceQuote: &sq, SourceText: c.src.text[sq.Text.Start:sq.Text.End], SourceSpeaker: c.speaker,
	}
}

func unsourced(article string, q Quotation) stemma.QuoteFinding {
	who := ""
	if q.Name != "" {
		who = " (attributed to " + q.Name + ")"
	}
	return stemma.QuoteFinding{
		Kind: stemma.QuoteUnsourced, Severity: stemma.Low,
		Explanation: fmt.Sprintf("Quote %s%s was not found in any indexed source.", show(article, q.Text), who),
		Quote:       q.Quote, Text: article[q.Text.Start:q.Text.End], Speaker: q.Name,
	}
}

// show quotes a quote's text for an explanation, shortened.
func show(text string, s stemma.Span) string {
	return "“" + clip(clean(text[s.Start:s.End]), 60) + "”"
}

// where names a witness for an explanation: its ID and date.
func where(d stemma.Doc) string {
	if d.Dated() {
		return fmt.Sprintf("%s (%s)", d.ID, d.Date.Format("2006-01-02"))
	}
	return d.ID
}

// changes summarises the changed steps of an edit script.
func changes(edits []stemma.Edit, limit int) string {
	var parts []string
	n := 0
	for _, e := range edits {
		if e.Kind == stemma.Match {
			continue
		}
		n++
		if len(parts) == limit {
			continue
		}
		switch e.Kind {
		case stemma.Substitute:
			parts = append(parts, fmt.Sprintf("%q where this has %q", clip(clean(e.SourceText), 40), clip(clean(e.ArticleText), 40)))
		case stemma.Insert:
			parts = append(parts, fmt.Sprintf("no %q", clip(clean(e.ArticleText), 40)))
		case stemma.Delete:
			parts = append(parts, fmt.Sprintf("%q, left out here", clip(clean(e.SourceText), 60)))
		}
	}
	if n > limit {
		parts = append(parts, fmt.Sprintf("and %d more change(s)", n-limit))
	}
	return strings.Join(parts, "; ")
}

// clip shortens s to at most n runes.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// compareTranslated finds the quote of src, a witness w that the article
// translates (stemma.Translated), that article quote q (number qi)
// translates, and compares their speakers by name ([SameName]) and their
// figures: the words cannot be compared across languages. A translated
// witness pairs the sentences of its two spans one to one and in order,
// so the quote's sentence in the article's span is the same-numbered
// sentence of the source's; when the two spans do not split into as many
// sentences here, nothing is compared. Only a clear change counts as a
// different speaker: the source names a person, the article names
// another at its cue, and the article's sentence never writes the
// source's name. A speaker reached through a pronoun, a Spanish verb's
// ending or a continued quote, or no speaker at all, is taken as the
// same, since the tables of other languages resolve and find those too
// unevenly to tell a translator's choice from a change. The figures are
// those of the source quote of the sentence that differs least.
func (a *analysis) compareTranslated(qi int, q Quotation, w *stemma.Witness, src *source) (comparison, bool) {
	k := a.sentOf[a.itemOf[qi]]
	mine, at := a.sentencesIn(w.Article, k)
	theirs, _ := src.an.sentencesIn(w.Source, -1)
	if at < 0 || len(mine) != len(theirs) {
		return comparison{}, false
	}
	sk := theirs[at]
	var sq *Quotation
	var figs [2][]string
	quoted := a.text[q.Text.Start:q.Text.End]
	for i := range src.quotes {
		if src.an.sentOf[src.an.itemOf[i]] != sk {
			continue
		}
		// The figures are those of the quote of the sentence that differs
		// least: a sentence may hold two ("99 percent", "one percent").
		onlyMine, onlyTheirs := differentFigures(quoted, src.text[src.quotes[i].Text.Start:src.quotes[i].Text.End])
		if sq == nil || len(onlyMine)+len(onlyTheirs) < len(figs[0])+len(figs[1]) {
			figs = [2][]string{onlyMine, onlyTheirs}
		}
		if sq == nil || src.an.personName(sq.Name) == "" {
			sq = &src.quotes[i]
		}
	}
	if sq == nil {
		return comparison{}, false
	}
	c := comparison{w: w, sq: *sq, src: src, speaker: sq.Name, sameSpkr: true, figures: figs}
	name := src.an.personName(sq.Name)
	if len(nameKeys(name)) == 0 || SameName(name, q.Name) {
		return c, true
	}
	changed := q.Attribution == stemma.Named && len(nameKeys(a.personName(q.Name))) > 0
	if changed && !a.writes(name, k, k) {
		c.sameSpkr = false
	}
	return c, true
}

// personName returns the words of a speaker phrase that can name a person
// (Language.nameWords), less roles, places and pronouns: "North Korea's
// top diplomat Ri Yong Ho" gives "North Korea's Ri Yong Ho", "Sources"
// and "The President" give "".
func (a *analysis) personName(phrase string) string { return a.l.personName(phrase) }

// personName: see [analysis.personName].
func (l *Language) personName(phrase string) string {
	var out []string
	for _, w := range l.nameWords(strings.Fields(phrase)) {
		lw := strings.ToLower(strings.Trim(w, ".,;:'’"))
		if _, pron := l.pronouns[lw]; pron || l.isRole(lw) || l.places[lw] || l.titles[lw] || l.isHonorific(lw) || indefinite(lw) {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// indefinite reports an English indefinite pronoun ("somebody", "anyone").
func indefinite(lw string) bool {
	for _, p := range []string{"some", "any", "every", "no"} {
		if r, ok := strings.CutPrefix(lw, p); ok && (r == "body" || r == "one") {
			return true
		}
	}
	return false
}

// sentencesIn returns the sentences that start inside span, in order, and
// the position among them of sentence k (-1 if it is not one of them).
func (a *analysis) sentencesIn(span stemma.Span, k int) (sents []int, at int) {
	at = -1
	for i, s := range a.sents {
		if s[1] <= s[0] {
			continue
		}
		if p := a.its[s[0]].span.Start; p >= span.Start && p < span.End {
			if i == k {
				at = len(sents)
			}
			sents = append(sents, i)
		}
	}
	return sents, at
}

// writes reports whether sentences lo to hi write a name of the speaker
// phrase name: a capitalised word with the same key ([SameName]).
func (a *analysis) writes(name string, lo, hi int) bool {
	lo, hi = max(lo, 0), min(hi, len(a.sents)-1)
	if hi < lo || a.sents[lo][1] <= a.sents[lo][0] || a.sents[hi][1] <= a.sents[hi][0] {
		return false
	}
	from, to := a.its[a.sents[lo][0]].span.Start, a.its[a.sents[hi][1]-1].span.End
	if SameName(name, a.text[from:to]) {
		return true
	}
	// Short names ("Ri Yong Ho") have no key: they must be written as they are.
	written := map[string]bool{}
	for _, w := range strings.FieldsFunc(a.text[from:to], notLetter) {
		written[lang.Fold(w)] = true
	}
	for _, w := range strings.FieldsFunc(name, notLetter) {
		if len(w) >= 2 && isCap(w) && written[lang.Fold(w)] {
			return true
		}
	}
	return false
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// figuresFinding reports a quote of a translated passage whose numbers are
// not those of the quote it translates, when no witness's quote writes
// the same numbers: the words of a translation differ, its figures do not
// ("40 Prozent" for "40 percent").
func figuresFinding(article string, q Quotation, ts []comparison) (stemma.QuoteFinding, bool) {
	best := unless(ts, func(c *comparison) bool { return len(c.figures[0])+len(c.figures[1]) == 0 })
	if best == nil {
		return stemma.QuoteFinding{}, false
	}
	fd := finding(article, q, best)
	// Medium, not High: a translator may round or convert a figure.
	fd.Kind, fd.Severity = stemma.QuoteAltered, stemma.Medium
	var parts []string
	if f := best.figures[0]; len(f) > 0 {
		parts = append(parts, "it writes "+strings.Join(f, ", "))
	}
	if f := best.figures[1]; len(f) > 0 {
		parts = append(parts, where(best.w.Doc)+", which it translates, writes "+strings.Join(f, ", "))
	}
	fd.Explanation = fmt.Sprintf("Quote %s has other figures than the quote it translates: %s.", show(article, q.Text), strings.Join(parts, "; "))
	return fd, true
}

// differentFigures returns the numbers of quote a that quote b lacks and
// those of b that a lacks, or nothing when either writes no number in
// digits (a translator may write "three" for "3"). Numbers are compared
// by their digits alone, so that "1,5" and "1.5", "360 000" and
// "360,000" are one number in any language's notation.
func differentFigures(a, b string) (onlyA, onlyB []string) {
	na, nb := figures(a), figures(b)
	if len(na) == 0 || len(nb) == 0 {
		return nil, nil
	}
	return lacking(na, nb), lacking(nb, na)
}

// lacking returns, as written, the figures of want that have lacks (each
// figure as often as it is written).
func lacking(want, have [][2]string) []string {
	count := map[string]int{}
	for _, n := range have {
		count[n[0]]++
	}
	var out []string
	for _, n := range want {
		if count[n[0]] > 0 {
			count[n[0]]--
		} else {
			out = append(out, n[1])
		}
	}
	return out
}

// figures returns the numbers written in digits in s, each as its digits
// alone and as written: a run of digits with the separators between them
// (".", ",", a space or a no-break space before a group of three digits).
func figures(s string) [][2]string {
	var out [][2]string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !unicode.IsDigit(rs[i]) || i > 0 && (unicode.IsLetter(rs[i-1]) || unicode.IsDigit(rs[i-1])) {
			i++
			continue
		}
		j, digits := i, []rune{}
		for j < len(rs) {
			switch r := rs[j]; {
			case unicode.IsDigit(r):
				digits = append(digits, r)
				j++
				continue
			case (r == '.' || r == ',') && j+1 < len(rs) && unicode.IsDigit(rs[j+1]):
				j++
				continue
			case (r == ' ' || r == '\u00a0' || r == '\u202f') && group(rs, j+1):
				j++
				continue
			}
			break
		}
		if j < len(rs) && unicode.IsLetter(rs[j]) {
			i = j // "COVID19", "3D": a name, not a figure
			continue
		}
		out = append(out, [2]string{string(digits), strings.TrimSpace(string(rs[i:j]))})
		i = j
	}
	return out
}

// group reports whether rs holds exactly three digits from i on.
func group(rs []rune, i int) bool {
	n := 0
	for i+n < len(rs) && unicode.IsDigit(rs[i+n]) {
		n++
	}
	return n == 3
}
