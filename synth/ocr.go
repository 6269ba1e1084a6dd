package synth

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
)

// confusions are the character swaps of OCR engines, by the text they
// replace.
var confusions = map[string][]string{
	"rn": {"m"}, "m": {"rn"}, "cl": {"d"}, "d": {"cl"}, "li": {"h"}, "h": {"li", "b"},
	"l": {"1", "I"}, "1": {"l"}, "I": {"l", "1"}, "O": {"0"}, "0": {"O"}, "o": {"0"},
	"e": {"c"}, "c": {"e"}, "S": {"5"}, "5": {"S"}, "B": {"8"}, "8": {"B"}, "u": {"v"}, "v": {"u"},
}

// ocrSite is a letter or digit OCR may garble.
type ocrSite struct {
	r     *region
	f     int // field
	p     int // copy offset
	limit int // end of the field
}

// OCR returns c with about rate of its letters and digits garbled as OCR
// garbles them: a confusion ("rn" → "m", "l" → "1", "O" → "0", "e" → "c",
// …), a dropped letter (in a word of 3 letters or more) or a doubled one.
// round(rate × sites) sites are chosen at random among the letters and
// digits that no substitution or earlier noise has touched, boilerplate
// included; one that would touch another edit or an earlier change is skipped. Every
// edit joins c.Noise with its source span (zero in boilerplate).
// Whitespace is never touched, so segments and sentences keep their
// words. Kind gains "+ocr".
func (g *Generator) OCR(c Copy, rate float64) Copy {
	c = clone(c)
	rate = max(0, min(1, rate))
	if math.IsNaN(rate) {
		rate = 0
	}
	rng := g.rng("ocr", 0, c.Doc.ID, c.Kind, strconv.FormatFloat(rate, 'g', -1, 64))
	text := c.Doc.Text
	regions := g.regions(&c)
	var sites []ocrSite
	for ri := range regions {
		r := &regions[ri]
		for fi, f := range r.fields {
			if !f.ok {
				continue
			}
			for p := f.c.Start; p < f.c.End; {
				ru, size := utf8.DecodeRuneInString(text[p:])
				if isWordRune(ru) {
					sites = append(sites, ocrSite{r, fi, p, f.c.End})
				}
				p += size
			}
		}
	}
	m := int(math.Round(rate * float64(len(sites))))
	chosen := rng.Perm(len(sites))[:m]
	slices.Sort(chosen)
	// No edit touches another or an earlier change, so that reverting
	// them is unambiguous.
	touched := map[int]bool{}
	for _, l := range [][]Substitution{c.Substitutions, c.Noise} {
		for _, s := range l {
			touched[s.Copy.Start], touched[s.Copy.End] = true, true
		}
	}
	var edits []edit
	var noise []Substitution
	last := -1
	for _, k := range chosen {
		s := sites[k]
		if s.p <= last {
			continue
		}
		ru, size := utf8.DecodeRuneInString(text[s.p:])
		var opts []edit
		for n := 2; n >= 1; n-- {
			if s.p+n <= s.limit {
				for _, to := range confusions[text[s.p:s.p+n]] {
					opts = append(opts, edit{stemma.Span{Start: s.p, End: s.p + n}, to})
				}
			}
		}
		if unicode.IsLetter(ru) && (len(opts) == 0 || rng.IntN(2) == 0) {
			one := stemma.Span{Start: s.p, End: s.p + size}
			opts = opts[:0]
			if wordLetters(text, s.p, s.limit) >= 3 {
				opts = append(opts, edit{one, ""})
			}
			opts = append(opts, edit{one, strings.Repeat(string(ru), 2)})
		}
		if len(opts) == 0 {
			continue
		}
		e := opts[rng.IntN(len(opts))]
		if touched[e.span.Start] || touched[e.span.End] {
			continue
		}
		n := Substitution{From: text[e.span.Start:e.span.End], To: e.text, Kind: SubOCR}
		if s.r.srcID != "" {
			n.SourceID = s.r.srcID
			n.Source = stemma.Span{Start: s.r.at(s.f, e.span.Start), End: s.r.at(s.f, e.span.End)}
		}
		edits = append(edits, e)
		noise = append(noise, n)
		last = e.span.End
	}
	spans := applyEdits(&c, edits)
	for i := range noise {
		noise[i].Copy = spans[i]
	}
	c.Noise = append(c.Noise, noise...)
	slices.SortFunc(c.Noise, byCopy)
	old := c.Kind
	c.Kind += "+ocr"
	c.Doc.ID = renamed(c.Doc.ID, old, c.Kind)
	return c
}

// wordLetters counts the letters of the word around p, within its field.
func wordLetters(text string, p, limit int) int {
	start := p
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if !unicode.IsLetter(r) {
			break
		}
		start -= size
	}
	return utf8.RuneCountInString(text[start:letterRun(text, p, limit)])
}
