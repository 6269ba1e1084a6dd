package synth

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/lang"
	"github.com/stemmanews/stemma/thesaurus"
)

// nameForm is one way an entity name is written in text: as the table
// writes it, all in capitals, or with a capital first letter.
type nameForm struct {
	text  string
	upper bool // an all-capitals form of a name that is not all capitals
	cap   bool // a capitalised form of a name that starts lower-case
}

// entityMatcher indexes every form of every entity name by its first
// letter run, lowercased; each list is longest first.
func entityMatcher(th *thesaurus.Thesaurus) map[string][]nameForm {
	m := map[string][]nameForm{}
	for _, g := range th.EntityGroups() {
		for _, name := range g {
			forms := []nameForm{{text: name}}
			if up := strings.ToUpper(name); up != name {
				forms = append(forms, nameForm{text: up, upper: true})
			}
			if c := capFirst(name); c != name {
				forms = append(forms, nameForm{text: c, cap: true})
			}
			for _, f := range forms {
				k := strings.ToLower(f.text[:letterRun(f.text, 0, len(f.text))])
				if k == "" || slices.ContainsFunc(m[k], func(o nameForm) bool { return o.text == f.text }) {
					continue
				}
				m[k] = append(m[k], f)
			}
		}
	}
	for _, fs := range m {
		slices.SortFunc(fs, func(a, b nameForm) int {
			return cmp.Or(len(b.text)-len(a.text), strings.Compare(a.text, b.text))
		})
	}
	return m
}

// candidate is a place Spin could swap.
type candidate struct {
	copy, src stemma.Span
	srcID     string
	srcText   string
	kind      string   // SubSynonym or SubEntity
	choices   []string // replacements, already in the right case
}

// Spin returns c with about rate of its spin candidates swapped: content
// words for thesaurus synonyms, entity names for their variants. It fixes
// no grammar, so "an international" may become "an worldwide".
//
// The candidates are the places in text from a source that no earlier
// substitution or noise has touched, scanned left to right:
//
//   - an entity name, written as the thesaurus writes it, in capitals or
//     capitalised ("U.S.", "Russian Federation", "NEW YORK"), followed by
//     no letter or digit: it becomes another name of the same entity
//     ("United States", "Russia", "NY"), as written in the table or in
//     capitals to match;
//   - otherwise a content word: a run of 3 or more letters, not next to a
//     digit, not a stopword ([thesaurus.IsStopword], or for another
//     language than English its function words, [lang.IsFunctionWord]),
//     in lower case or capitalised at the start of a sentence and not
//     followed by another capitalised word (other capitalised words are
//     names, except a noun the thesaurus writes capitalised, as German
//     writes them), that is a lemma of the thesaurus with a synonym made
//     only of letters, hyphens and spaces. It becomes one of the
//     synonyms, in its case:
//     single words are preferred to phrases, and among them the three
//     that occur most often in the sources, picked at random.
//
// Exactly round(rate × candidates) of them, chosen at random, are
// swapped; [Copy.SpinCandidates] records the number of candidates, so the
// achieved rate is len(new substitutions) / SpinCandidates. Segments,
// sentences and noise move with the text; the new [Substitution] values
// join c.Substitutions. Kind gains "+spun".
func (g *Generator) Spin(c Copy, rate float64) Copy {
	c = clone(c)
	rate = max(0, min(1, rate))
	if math.IsNaN(rate) {
		rate = 0
	}
	rng := g.rng("spin", 0, c.Doc.ID, c.Kind, strconv.FormatFloat(rate, 'g', -1, 64))
	text := c.Doc.Text
	starts := make([]int, len(c.Sentences))
	bounds := make([]int, 0, 2*len(c.Sentences)) // every sentence's start and end, sorted
	for i, s := range c.Sentences {
		starts[i] = s.Copy.Start
		bounds = append(bounds, s.Copy.Start, s.Copy.End)
	}
	slices.Sort(bounds)
	// crosses reports whether a sentence starts or ends inside (p, e): a
	// swap must not ("U.S. Treasury" may span two sentences by UAX #29).
	crosses := func(p, e int) bool {
		i, _ := slices.BinarySearch(bounds, p+1)
		return i < len(bounds) && bounds[i] < e
	}
	// sentenceStart reports whether only punctuation precedes p in its sentence.
	sentenceStart := func(p int) bool {
		i, found := slices.BinarySearch(starts, p)
		if found {
			return true
		}
		if i == 0 {
			return false
		}
		return strings.IndexFunc(text[starts[i-1]:p], isWordRune) < 0
	}

	var cands []candidate
	for _, r := range g.regions(&c) {
		if r.srcID == "" {
			continue
		}
		next := 0
		for fi := range r.fields {
			f := r.fields[fi]
			if !f.ok {
				continue
			}
			for p := max(f.c.Start, next); p < f.c.End; {
				ru, size := utf8.DecodeRuneInString(text[p:])
				if !unicode.IsLetter(ru) || wordBefore(text, p) {
					p += size
					continue
				}
				if cd, ok := g.entityAt(&r, fi, p, text, sentenceStart(p), crosses); ok {
					cands = append(cands, cd)
					p, next = cd.copy.End, cd.copy.End
					continue
				}
				q := letterRun(text, p, f.c.End)
				if cd, ok := g.wordAt(&r, fi, p, q, text, sentenceStart(p)); ok {
					cands = append(cands, cd)
				}
				p = q
			}
		}
	}

	c.SpinCandidates = len(cands)
	m := int(math.Round(rate * float64(len(cands))))
	chosen := rng.Perm(len(cands))[:m]
	slices.Sort(chosen)
	edits := make([]edit, m)
	for i, k := range chosen {
		cd := cands[k]
		edits[i] = edit{span: cd.copy, text: cd.choices[rng.IntN(len(cd.choices))]}
	}
	spans := applyEdits(&c, edits)
	for i, k := range chosen {
		cd := cands[k]
		c.Substitutions = append(c.Substitutions, Substitution{
			Copy: spans[i], SourceID: cd.srcID, Source: cd.src,
			From: cd.srcText[cd.src.Start:cd.src.End], To: edits[i].text, Kind: cd.kind,
		})
	}
	slices.SortFunc(c.Substitutions, byCopy)
	old := c.Kind
	c.Kind += "+spun"
	c.Doc.ID = renamed(c.Doc.ID, old, c.Kind)
	return c
}

// entityAt reports the entity name candidate starting at p in field fi of r.
func (g *Generator) entityAt(r *region, fi, p int, text string, atStart bool, crosses func(p, e int) bool) (candidate, bool) {
	k := strings.ToLower(text[p:letterRun(text, p, len(text))])
	for _, form := range g.names[k] {
		e := p + len(form.text)
		if !strings.HasPrefix(text[p:], form.text) || wordAt(text, e) || crosses(p, e) {
			continue
		}
		// Every field the name covers must be an untouched copy of the source.
		fj := fi
		for fj < len(r.fields) && r.fields[fj].c.End < e {
			fj++
		}
		if fj == len(r.fields) || !r.fields[fj].ok || e <= r.fields[fj].c.Start {
			continue
		}
		ok := true
		for _, f := range r.fields[fi : fj+1] {
			ok = ok && f.ok
		}
		if !ok {
			continue
		}
		var choices []string
		for _, v := range g.th.Variants(form.text) {
			switch {
			case form.upper:
				v = strings.ToUpper(v)
			case form.cap || atStart:
				v = capFirst(v)
			}
			if !slices.Contains(choices, v) {
				choices = append(choices, v)
			}
		}
		if len(choices) == 0 {
			continue
		}
		return candidate{
			copy: stemma.Span{Start: p, End: e}, src: stemma.Span{Start: r.at(fi, p), End: r.at(fj, e)},
			srcID: r.srcID, srcText: r.srcText, kind: SubEntity, choices: choices,
		}, true
	}
	return candidate{}, false
}

// wordAt reports the content word candidate text[p:q] in field fi of r.
func (g *Generator) wordAt(r *region, fi, p, q int, text string, atStart bool) (candidate, bool) {
	word := text[p:q]
	if utf8.RuneCountInString(word) < 3 || wordAt(text, q) {
		return candidate{}, false
	}
	lower := strings.ToLower(word)
	// A noun the thesaurus writes capitalised, as German writes every noun.
	noun := word != lower && word == g.th.Written(lower)
	capital := false
	switch {
	case word == lower, noun:
	case atStart && word == capFirst(lower) && !capitalNext(text, q):
		capital = true
	default:
		return candidate{}, false // a name, or capitals
	}
	if g.stopword(lower) {
		return candidate{}, false
	}
	choices := g.synonyms(lower, noun)
	if len(choices) == 0 {
		return candidate{}, false
	}
	if capital {
		capped := make([]string, len(choices))
		for i, s := range choices {
			capped[i] = capFirst(s)
		}
		choices = capped
	}
	return candidate{
		copy: stemma.Span{Start: p, End: q}, src: stemma.Span{Start: r.at(fi, p), End: r.at(fi, q)},
		srcID: r.srcID, srcText: r.srcText, kind: SubSynonym, choices: choices,
	}, true
}

// capitalNext reports whether the word after offset q starts with a
// capital: "Golden Nugget", "Pacific Telesis" at the start of a sentence
// are names, not adjectives.
func capitalNext(text string, q int) bool {
	rest := strings.TrimLeftFunc(text[q:], unicode.IsSpace)
	r, _ := utf8.DecodeRuneInString(rest)
	return len(rest) < len(text)-q && unicode.IsUpper(r)
}

// stopword reports whether a lowercase word is a function word of the
// sources' language, which Spin leaves alone.
func (g *Generator) stopword(lower string) bool {
	if l := lang.Primary(g.opts.Lang); l != "" && l != "en" {
		return lang.IsFunctionWord(l, lower)
	}
	return thesaurus.IsStopword(lower)
}

// synonyms returns the replacements Spin may choose for a lowercase word:
// single-word synonyms if there are any, else phrases; of those the three
// most frequent in the sources (WordNet's order breaking ties), or the
// first three if none occurs in them. They are written as the thesaurus
// writes them ([thesaurus.Thesaurus.Written]); for a noun, only those it
// writes capitalised, and otherwise only those it writes in lower case.
func (g *Generator) synonyms(word string, noun bool) []string {
	var single, multi []string
	for _, s := range g.th.Synonyms(word) {
		if s == word || strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != ' ' }) >= 0 {
			continue
		}
		w := g.th.Written(s)
		if (w != s) != noun {
			continue
		}
		s = w
		if strings.Contains(s, " ") {
			multi = append(multi, s)
		} else {
			single = append(single, s)
		}
	}
	out := single
	if len(out) == 0 {
		out = multi
	}
	if len(out) == 0 {
		return nil
	}
	vocab := g.vocabulary()
	freq := func(s string) int { return vocab[strings.ToLower(s)] }
	slices.SortStableFunc(out, func(a, b string) int { return freq(b) - freq(a) })
	n := 0
	for n < len(out) && n < 3 && freq(out[n]) > 0 {
		n++
	}
	if n == 0 {
		n = min(3, len(out))
	}
	return out[:n]
}

// vocabulary counts the lowercased words (runs of letters and hyphens) of
// the sources, once; and, of the words not opening a sentence, those
// written in lower case and those capitalised (see [Generator.lowerable]).
func (g *Generator) vocabulary() map[string]int {
	g.vocabOnce.Do(func() {
		g.vocab = map[string]int{}
		g.lowered = map[string]int{}
		g.capital = map[string]int{}
		for _, d := range g.sources {
			opens := true // the next word opens a sentence
			text := d.Text
			for p := 0; p < len(text); {
				r, size := utf8.DecodeRuneInString(text[p:])
				if !unicode.IsLetter(r) && r != '-' {
					if r == '.' || r == '!' || r == '?' || r == '"' {
						opens = true
					} else if !unicode.IsSpace(r) {
						opens = false
					}
					p += size
					continue
				}
				q := p
				for q < len(text) {
					r, size := utf8.DecodeRuneInString(text[q:])
					if !unicode.IsLetter(r) && r != '-' {
						break
					}
					q += size
				}
				w := text[p:q]
				lw := strings.ToLower(w)
				g.vocab[lw]++
				switch {
				case opens:
				case lw == w:
					g.lowered[lw]++
				case w == capFirst(lw):
					g.capital[lw]++
				}
				opens = false
				p = q
			}
		}
	})
	return g.vocab
}
