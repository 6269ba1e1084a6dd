package synth

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
)

// edit replaces the copy bytes at span with text.
type edit struct {
	span stemma.Span
	text string
}

// clone returns c with its own slices, so that a step can change them
// without touching the caller's copy.
func clone(c Copy) Copy {
	c.Segments = slices.Clone(c.Segments)
	c.Sentences = slices.Clone(c.Sentences)
	c.Substitutions = slices.Clone(c.Substitutions)
	c.Noise = slices.Clone(c.Noise)
	c.Rewordings = slices.Clone(c.Rewordings)
	return c
}

// applyEdits applies edits (sorted, non-overlapping, none empty) to c's
// text, moves every copy span of c to match, and returns the new span of
// each edit's text. An edit never straddles a span's boundary, so a span
// grows or shrinks by the edits inside it and moves by those before it.
func applyEdits(c *Copy, edits []edit) []stemma.Span {
	text := c.Doc.Text
	var sb strings.Builder
	sb.Grow(len(text) + 16*len(edits))
	ends := make([]int, len(edits))   // old end of each edit
	deltas := make([]int, len(edits)) // cumulative length change through each edit
	out := make([]stemma.Span, len(edits))
	prev, delta := 0, 0
	for i, e := range edits {
		sb.WriteString(text[prev:e.span.Start])
		start := sb.Len()
		sb.WriteString(e.text)
		out[i] = stemma.Span{Start: start, End: sb.Len()}
		delta += len(e.text) - e.span.Len()
		ends[i], deltas[i] = e.span.End, delta
		prev = e.span.End
	}
	sb.WriteString(text[prev:])
	c.Doc.Text = sb.String()

	// pos maps an old offset to the new text: it moves by every edit that
	// ends at or before it.
	pos := func(p int) int {
		i, found := slices.BinarySearch(ends, p)
		if found {
			for i+1 < len(ends) && ends[i+1] == p {
				i++
			}
			i++
		}
		if i == 0 {
			return p
		}
		return p + deltas[i-1]
	}
	move := func(s *stemma.Span) { s.Start, s.End = pos(s.Start), pos(s.End) }
	for i := range c.Segments {
		move(&c.Segments[i].Copy)
	}
	for i := range c.Sentences {
		move(&c.Sentences[i].Copy)
	}
	for i := range c.Substitutions {
		move(&c.Substitutions[i].Copy)
	}
	for i := range c.Noise {
		move(&c.Noise[i].Copy)
	}
	for i := range c.Rewordings {
		move(&c.Rewordings[i].Copy)
	}
	return out
}

// byCopy orders substitutions by their copy spans. An empty span (a
// dropped letter) sorts before a span that starts at the same place, which
// is where its text was.
func byCopy(a, b Substitution) int {
	if a.Copy.Start != b.Copy.Start {
		return a.Copy.Start - b.Copy.Start
	}
	return a.Copy.End - b.Copy.End
}

// fieldPair is one whitespace-delimited field of a copy and the same field
// of its source.
type fieldPair struct {
	c, s stemma.Span
	// ok: the copy's bytes equal the source's (always, for text from no
	// source), so an offset in one maps to the other.
	ok bool
}

// region is a stretch of a segment that no substitution, noise or
// rewording has touched, split into fields.
type region struct {
	srcID   string // "" for text from no source
	srcText string
	fields  []fieldPair
}

// at maps copy offset p in field f of r to the source.
func (r *region) at(f int, p int) int { return r.fields[f].s.Start + p - r.fields[f].c.Start }

// regions returns the untouched stretches of every segment of c. A copy
// holds its source's text with whitespace normalised, so between two
// changes the copy and the source have the same fields in the same order.
func (g *Generator) regions(c *Copy) []region {
	text := c.Doc.Text
	changes := make([]Substitution, 0, len(c.Substitutions)+len(c.Noise)+len(c.Rewordings))
	changes = append(changes, c.Substitutions...)
	changes = append(changes, c.Noise...)
	for _, r := range c.Rewordings {
		changes = append(changes, Substitution{Copy: r.Copy, SourceID: r.SourceID, Source: r.Source})
	}
	slices.SortFunc(changes, byCopy)
	var out []region
	for _, seg := range c.Segments {
		if seg.Copy.Start < 0 || seg.Copy.End > len(text) || seg.Copy.Start > seg.Copy.End {
			continue
		}
		src := ""
		if seg.SourceID != "" {
			i, ok := g.byID[seg.SourceID]
			if !ok || seg.Source.Start < 0 || seg.Source.End > len(g.sources[i].Text) || seg.Source.Start > seg.Source.End {
				continue
			}
			src = g.sources[i].Text
		}
		cur, scur := seg.Copy.Start, seg.Source.Start
		j, _ := slices.BinarySearchFunc(changes, seg.Copy.Start, func(s Substitution, p int) int { return s.Copy.Start - p })
		for ; j < len(changes) && changes[j].Copy.End <= seg.Copy.End; j++ {
			ch := changes[j]
			out = appendRegion(out, seg.SourceID, text, cur, ch.Copy.Start, src, scur, ch.Source.Start)
			cur, scur = ch.Copy.End, ch.Source.End
		}
		out = appendRegion(out, seg.SourceID, text, cur, seg.Copy.End, src, scur, seg.Source.End)
	}
	return out
}

func appendRegion(out []region, srcID, text string, a, b int, src string, sa, sb int) []region {
	if a >= b {
		return out
	}
	cf := fields(text, a, b)
	r := region{srcID: srcID, srcText: src, fields: make([]fieldPair, len(cf))}
	if srcID == "" {
		for i, f := range cf {
			r.fields[i] = fieldPair{c: f, ok: true}
		}
		return append(out, r)
	}
	if sa > sb || sb > len(src) {
		return out
	}
	sf := fields(src, sa, sb)
	if len(sf) != len(cf) {
		return out // not a copy of this source stretch: leave it alone
	}
	for i := range cf {
		r.fields[i] = fieldPair{c: cf[i], s: sf[i], ok: text[cf[i].Start:cf[i].End] == src[sf[i].Start:sf[i].End]}
	}
	return append(out, r)
}

// fields returns the spans of the whitespace-delimited fields of s[a:b].
func fields(s string, a, b int) []stemma.Span {
	var out []stemma.Span
	start := -1
	for p := a; p < b; {
		r, size := utf8.DecodeRuneInString(s[p:])
		if unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, stemma.Span{Start: start, End: p})
				start = -1
			}
		} else if start < 0 {
			start = p
		}
		p += size
	}
	if start >= 0 {
		out = append(out, stemma.Span{Start: start, End: b})
	}
	return out
}

// wordBefore reports whether the rune before offset p of s is a letter or
// digit, and wordAt whether the rune at p is.
func wordBefore(s string, p int) bool {
	if p <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:p])
	return isWordRune(r)
}

func wordAt(s string, p int) bool {
	if p >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[p:])
	return isWordRune(r)
}

// letterRun returns the end of the run of letters starting at p, no
// further than limit.
func letterRun(s string, p, limit int) int {
	for p < limit {
		r, size := utf8.DecodeRuneInString(s[p:])
		if !unicode.IsLetter(r) {
			break
		}
		p += size
	}
	return p
}

// capFirst upper-cases the first letter of s.
func capFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// renamed returns the ID of a copy whose kind changed from old to kind.
func renamed(id, old, kind string) string {
	if rest, ok := strings.CutPrefix(id, "synth-"+old+"-"); ok {
		return "synth-" + kind + "-" + rest
	}
	return id + "-" + kind[strings.LastIndexByte(kind, '+')+1:]
}
