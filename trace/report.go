package trace

import (
	"cmp"
	"slices"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/tokenize"
)

// finish groups witnesses into passages, picks each passage's origin and
// fills in the report's totals.
func finish(rep *stemma.Report, text string, ws []witness, toks []tokenize.Token) *stemma.Report {
	rep.Passages = []stemma.Passage{}
	rep.Sources = []stemma.SourceSummary{}
	if len(ws) == 0 {
		rep.Sentences, rep.Assembled = sentenceOrigins(text, toks, nil, nil)
		rep.Spin = spinEvidence(rep, text)
		return rep
	}
	slices.SortStableFunc(ws, func(x, y witness) int {
		return cmp.Or(cmp.Compare(x.a0, y.a0), cmp.Compare(y.a1, x.a1))
	})
	// Group witnesses whose article ranges overlap by at least half of the
	// shorter of the witness and the group.
	type group struct {
		a0, a1 int
		ws     []witness
	}
	var groups []group
	for _, w := range ws {
		if n := len(groups); n > 0 {
			g := &groups[n-1]
			ov := min(g.a1, w.a1) - max(g.a0, w.a0)
			if ov > 0 && 2*ov >= min(g.a1-g.a0, w.a1-w.a0) {
				g.a0, g.a1 = min(g.a0, w.a0), max(g.a1, w.a1)
				g.ws = append(g.ws, w)
				continue
			}
		}
		groups = append(groups, group{a0: w.a0, a1: w.a1, ws: []witness{w}})
	}
	covered := make([]bool, len(toks))
	type srcAcc struct {
		sum     stemma.SourceSummary
		covered []bool
		count   int
	}
	sources := map[string]*srcAcc{}
	var kept []witness // the witnesses the sentences are read against, with passageOf their passage
	var passageOf []int
	for _, g := range groups {
		p := stemma.Passage{Article: span(toks, g.a0, g.a1)}
		p.Text = text[p.Article.Start:p.Article.End]
		listed, also := oneWitnessPerDoc(g.ws)
		for _, w := range listed {
			p.Witnesses = append(p.Witnesses, w.Witness)
		}
		for k, w := range append(listed, also...) {
			kept = append(kept, w)
			passageOf = append(passageOf, len(rep.Passages))
			for i := w.a0; i < w.a1; i++ {
				covered[i] = true
			}
			acc := sources[w.Doc.ID]
			if acc == nil {
				acc = &srcAcc{sum: stemma.SourceSummary{Doc: w.Doc}, covered: make([]bool, len(toks))}
				sources[w.Doc.ID] = acc
			}
			if k < len(listed) {
				acc.sum.Passages++
			}
			for i := w.a0; i < w.a1; i++ {
				if !acc.covered[i] {
					acc.covered[i] = true
					acc.count++
				}
			}
		}
		chooseOrigin(&p, rep.Article)
		if p.Origin >= 0 {
			p.Class = p.Witnesses[p.Origin].Class
			sources[p.Witnesses[p.Origin].Doc.ID].sum.Origins++
		} else {
			p.Class = bestClass(p.Witnesses)
		}
		rep.Passages = append(rep.Passages, p)
	}
	n := 0
	for _, c := range covered {
		if c {
			n++
		}
	}
	rep.Reused = float64(n) / float64(len(toks))
	rep.Original = 1 - rep.Reused
	for _, acc := range sources {
		acc.sum.Coverage = float64(acc.count) / float64(len(toks))
		rep.Sources = append(rep.Sources, acc.sum)
	}
	slices.SortFunc(rep.Sources, func(x, y stemma.SourceSummary) int {
		return cmp.Or(cmp.Compare(y.Coverage, x.Coverage), compareDate(x.Doc, y.Doc), cmp.Compare(x.Doc.ID, y.Doc.ID))
	})
	rep.Sentences, rep.Assembled = sentenceOrigins(text, toks, kept, passageOf)
	rep.Spin = spinEvidence(rep, text)
	return rep
}

// oneWitnessPerDoc splits a group's witnesses into those its passage
// lists, one per document (its longest alignment in the group), sorted by
// compareWitness, and also, the document's other alignments in the group
// that overlap the listed one by less than half of their own length (one
// that overlaps it more says nothing new, and is left out of both).
//
// A passage lists one witness per document, but the pieces in also are
// evidence all the same: a long witness from one document (a reprint
// that kept what the article kept) can span two pieces that an earlier
// document gave with a cut between them, and each piece is where its
// sentences came from. So they count towards the sentences' sources and
// the documents' coverage, where the passage's origin alone would have
// given such a sentence to the later reprint.
func oneWitnessPerDoc(ws []witness) (listed, also []witness) {
	slices.SortStableFunc(ws, func(x, y witness) int {
		return cmp.Or(cmp.Compare(x.Doc.ID, y.Doc.ID), cmp.Compare(y.a1-y.a0, x.a1-x.a0))
	})
	for _, w := range ws {
		if n := len(listed); n > 0 && listed[n-1].Doc.ID == w.Doc.ID {
			if x := listed[n-1]; 2*(min(x.a1, w.a1)-max(x.a0, w.a0)) < w.a1-w.a0 {
				also = append(also, w)
			}
			continue
		}
		listed = append(listed, w)
	}
	slices.SortStableFunc(listed, compareWitness)
	return listed, also
}

// compareDate orders dated documents before undated ones, earliest first
// (see [stemma.CompareDateKeys]).
func compareDate(x, y stemma.Doc) int { return stemma.CompareDateKeys(&x, &y) }

// compareWitness orders witnesses by date (undated last), then by
// similarity, then by ID.
func compareWitness(x, y witness) int {
	return cmp.Or(compareDate(x.Doc, y.Doc), cmp.Compare(y.Similarity, x.Similarity), cmp.Compare(x.Doc.ID, y.Doc.ID))
}

// chooseOrigin sets the passage's origin from its sorted witnesses: the
// earliest dated one, unless the article was published before it. When
// dates cannot order the earliest witnesses (the same instant, or the same
// day when a date gives only the day), the origin is the most similar of
// those that no other witness is known to precede, and the others are
// tied.
func chooseOrigin(p *stemma.Passage, article stemma.Doc) {
	first := &p.Witnesses[0].Doc
	if !first.Dated() {
		p.Origin, p.OriginBasis = 0, stemma.Undated // sorted by similarity
		return
	}
	if stemma.ComparePublished(&article, first) < 0 {
		p.Origin, p.OriginBasis = -1, stemma.ArticleEarliest
		return
	}
	// Only witnesses contemporaneous with the first can be unpreceded: the
	// first sorts before every witness of its day (a day-only date at its
	// midnight), so anything it does not reach is later than it.
	n := 1
	for n < len(p.Witnesses) {
		w := &p.Witnesses[n].Doc
		if !w.Dated() || stemma.ComparePublished(w, first) > 0 || stemma.ComparePublished(&article, w) < 0 {
			break
		}
		n++
	}
	var tied []int
	for i := range n {
		preceded := false
		for j := range n {
			if stemma.ComparePublished(&p.Witnesses[j].Doc, &p.Witnesses[i].Doc) < 0 {
				preceded = true
				break
			}
		}
		if !preceded {
			tied = append(tied, i)
		}
	}
	p.Origin, p.OriginBasis = tied[0], stemma.EarliestDate
	if len(tied) == 1 {
		return
	}
	p.OriginBasis = stemma.DateTie
	for _, i := range tied[1:] {
		if p.Witnesses[i].Similarity > p.Witnesses[p.Origin].Similarity {
			p.Origin = i
		}
	}
	for _, i := range tied {
		if i != p.Origin {
			p.Tied = append(p.Tied, i)
		}
	}
}

func bestClass(ws []stemma.Witness) stemma.Class {
	best := ws[0]
	for _, w := range ws[1:] {
		if w.Similarity > best.Similarity {
			best = w
		}
	}
	return best.Class
}
