package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"

	"github.com/stemmanews/stemma"
)

// outlet is a made-up publisher whose boilerplate wraps reprints.
type outlet struct{ name, host string }

var outlets = []outlet{
	{"Daily Planet", "dailyplanet.example"},
	{"Morning Ledger", "morningledger.example"},
	{"Valley Courier", "valleycourier.example"},
	{"Metro Herald", "metroherald.example"},
	{"Harbor Gazette", "harborgazette.example"},
}

var headers = []string{
	"%s staff report.",
	"From the %s business desk.",
	"This story was first published by a wire service and is republished by the %s.",
}

var footers = []string{
	"Copyright 2026 %s. All rights reserved.",
	"Subscribe to the %s newsletter for the latest business news.",
	"Follow the %s for more updates on this story.",
}

// fillers are original sentences a stitcher adds between borrowed ones.
var fillers = []string{
	"Analysts said the outlook remained uncertain.",
	"The move had been widely expected by market observers.",
	"Further details were not immediately available.",
	"The news comes amid growing concern over the economy.",
	"Officials declined to comment on the matter.",
	"Experts say the trend is likely to continue in the coming months.",
	"It is not yet clear how investors will react.",
	"The development is being closely watched in the industry.",
}

// builder assembles a copy sentence by sentence, recording its truth.
type builder struct {
	g      *Generator
	sb     strings.Builder
	c      Copy
	newPar bool // the next sentence starts a paragraph
}

func (g *Generator) newBuilder(kind string, n int) *builder {
	b := &builder{g: g}
	b.c.Kind = kind
	b.c.Doc = stemma.Doc{ID: fmt.Sprintf("synth-%s-%d", kind, n), Source: "synth"}
	return b
}

// paragraph makes the next sentence start a new paragraph.
func (b *builder) paragraph() { b.newPar = true }

// sep writes the separator before a sentence and returns it.
func (b *builder) sep() string {
	s := " "
	switch {
	case b.sb.Len() == 0:
		s = ""
	case b.newPar:
		s = "\n\n"
	}
	b.newPar = false
	b.sb.WriteString(s)
	return s
}

// source adds sentence span of source i.
func (b *builder) source(i int, span stemma.Span) {
	src := &b.g.sources[i]
	sep := b.sep()
	start := b.sb.Len()
	b.sb.WriteString(NormalizeSpace(src.Text[span.Start:span.End]))
	cs := stemma.Span{Start: start, End: b.sb.Len()}
	b.c.Sentences = append(b.c.Sentences, SentenceTruth{Copy: cs, SourceID: src.ID, Source: span})
	// Extend the last segment if this sentence follows it in the source
	// with only whitespace between, and in the copy with one space.
	if n := len(b.c.Segments); n > 0 && sep == " " {
		last := &b.c.Segments[n-1]
		if last.SourceID == src.ID && last.Copy.End+1 == start && last.Source.End < span.Start &&
			strings.TrimFunc(src.Text[last.Source.End:span.Start], unicode.IsSpace) == "" {
			last.Copy.End, last.Source.End = cs.End, span.End
			return
		}
	}
	b.c.Segments = append(b.c.Segments, Segment{Copy: cs, SourceID: src.ID, Source: span})
}

// original adds text that comes from no source, sentence by sentence.
func (b *builder) original(text string) {
	for _, span := range sentenceSpans(text) {
		sep := b.sep()
		start := b.sb.Len()
		b.sb.WriteString(NormalizeSpace(text[span.Start:span.End]))
		cs := stemma.Span{Start: start, End: b.sb.Len()}
		b.c.Sentences = append(b.c.Sentences, SentenceTruth{Copy: cs})
		if n := len(b.c.Segments); n > 0 && sep == " " && b.c.Segments[n-1].SourceID == "" && b.c.Segments[n-1].Copy.End+1 == start {
			b.c.Segments[n-1].Copy.End = cs.End
			continue
		}
		b.c.Segments = append(b.c.Segments, Segment{Copy: cs})
	}
}

func (b *builder) done(rng *rand.Rand, title string, docs ...stemma.Doc) Copy {
	b.c.Doc.Text = b.sb.String()
	b.c.Doc.Title = title
	b.c.Doc.Date = later(rng, docs...)
	return b.c
}

// pick returns source index n modulo the number of sources.
func (g *Generator) pick(n int) int {
	i := n % len(g.sources)
	if i < 0 {
		i += len(g.sources)
	}
	return i
}

func (g *Generator) outlet(rng *rand.Rand) outlet { return outlets[rng.IntN(len(outlets))] }

// Reprint returns source n (modulo [Generator.Len]) verbatim, its
// whitespace normalised, between a header sentence and footer boilerplate
// of a made-up outlet ("Copyright 2026 Daily Planet. All rights reserved.",
// "Read more: https://…").
func (g *Generator) Reprint(n int) Copy {
	rng := g.rng("reprint", n)
	i := g.pick(n)
	src := g.sources[i]
	o := g.outlet(rng)
	b := g.newBuilder("reprint", n)
	b.original(fmt.Sprintf(headers[rng.IntN(len(headers))], o.name))
	b.paragraph()
	for _, s := range sentenceSpans(src.Text) {
		b.source(i, s)
	}
	b.paragraph()
	b.original(fmt.Sprintf(footers[rng.IntN(len(footers))], o.name))
	b.original(fmt.Sprintf("Read more: https://%s/news/%s", o.host, slug(src)))
	b.c.Doc.URL = fmt.Sprintf("https://%s/news/%s", o.host, slug(src))
	return b.done(rng, src.Title, src)
}

// Excerpt returns a contiguous run of 2 to 5 sentences of source n (modulo
// [Generator.Len]; all of them if it has fewer), followed half the time by
// a "Read more" line.
func (g *Generator) Excerpt(n int) Copy {
	rng := g.rng("excerpt", n)
	i := g.pick(n)
	src := g.sources[i]
	ss := sentenceSpans(src.Text)
	k := min(len(ss), 2+rng.IntN(4))
	start := 0
	if len(ss) > k {
		start = rng.IntN(len(ss) - k + 1)
	}
	b := g.newBuilder("excerpt", n)
	for _, s := range ss[start : start+k] {
		b.source(i, s)
	}
	if rng.IntN(2) == 0 {
		o := g.outlet(rng)
		b.paragraph()
		b.original(fmt.Sprintf("Read more: https://%s/news/%s", o.host, slug(src)))
	}
	return b.done(rng, src.Title, src)
}

// Reorder returns source n (modulo [Generator.Len]) with each sentence
// dropped with probability 0.2 (at least one is kept) and some of the rest
// moved: one in four, at least one when two or more are left.
func (g *Generator) Reorder(n int) Copy {
	rng := g.rng("reorder", n)
	i := g.pick(n)
	src := g.sources[i]
	var kept []stemma.Span
	all := sentenceSpans(src.Text)
	for _, s := range all {
		if rng.Float64() >= 0.2 {
			kept = append(kept, s)
		}
	}
	if len(kept) == 0 && len(all) > 0 {
		kept = append(kept, all[rng.IntN(len(all))])
	}
	if len(kept) >= 2 {
		for range max(1, len(kept)/4) {
			from, to := rng.IntN(len(kept)), rng.IntN(len(kept)-1)
			s := kept[from]
			kept = append(kept[:from], kept[from+1:]...)
			if to >= from {
				to++ // never back where it was
			}
			to = min(to, len(kept))
			kept = append(kept[:to], append([]stemma.Span{s}, kept[to:]...)...)
		}
	}
	b := g.newBuilder("reorder", n)
	for _, s := range kept {
		b.source(i, s)
	}
	return b.done(rng, src.Title, src)
}

// Stitch returns stitched article number n: 1 to 3 consecutive sentences
// from each of 2 to 6 distinct random sources, in random order, each run
// its own paragraph, with one original filler sentence (SourceID "") half
// the time. A run of 2 or 3 sentences is split in two places a third of
// the time, so one source's sentences interleave with another's. The
// title is that of the source of the first run.
func (g *Generator) Stitch(n int) Copy {
	rng := g.rng("stitched", n)
	m := min(len(g.usable), 2+rng.IntN(5))
	type run struct {
		src   int
		spans []stemma.Span
	}
	var runs []run
	seen := map[int]bool{}
	for len(runs) < m && len(seen) < len(g.usable) {
		i := g.usable[rng.IntN(len(g.usable))]
		if seen[i] {
			continue
		}
		seen[i] = true
		ss := sentenceSpans(g.sources[i].Text)
		k := min(len(ss), 1+rng.IntN(3))
		start := rng.IntN(len(ss) - k + 1)
		r := run{i, ss[start : start+k]}
		if k >= 2 && rng.IntN(3) == 0 {
			cut := 1 + rng.IntN(k-1)
			runs = append(runs, run{i, r.spans[:cut]}, run{i, r.spans[cut:]})
		} else {
			runs = append(runs, r)
		}
	}
	rng.Shuffle(len(runs), func(a, b int) { runs[a], runs[b] = runs[b], runs[a] })
	filler := -1
	if rng.IntN(2) == 0 {
		filler = rng.IntN(len(runs) + 1)
	}
	b := g.newBuilder("stitched", n)
	var docs []stemma.Doc
	for j, r := range runs {
		if j == filler {
			b.paragraph()
			b.original(fillers[rng.IntN(len(fillers))])
		}
		b.paragraph()
		for _, s := range r.spans {
			b.source(r.src, s)
		}
		docs = append(docs, g.sources[r.src])
	}
	if filler == len(runs) {
		b.paragraph()
		b.original(fillers[rng.IntN(len(fillers))])
	}
	return b.done(rng, g.sources[runs[0].src].Title, docs...)
}

// slug makes a URL path element from a document's title or ID.
func slug(d stemma.Doc) string {
	s := d.Title
	if s == "" {
		s = d.ID
	}
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !isWordRune(r) || r > unicode.MaxASCII })
	if len(f) > 8 {
		f = f[:8]
	}
	if len(f) == 0 {
		return "story"
	}
	return strings.Join(f, "-")
}
