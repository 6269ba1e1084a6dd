package synth

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/thesaurus"
)

// Rewording operations, as [Rewording.Ops] names them.
const (
	// OpSplit: a long sentence split in two at ", and", ", but", ";" …
	OpSplit = "split"
	// OpMerge: two short sentences that follow each other joined in one.
	OpMerge = "merge"
	// OpAttribution: "X said on Tuesday that Y." ↔ "Y, X said on Tuesday."
	OpAttribution = "attribution"
	// OpMove: an opening phrase moved to the end ("In 1986, …" → "…, in
	// 1986.") or a closing one to the front.
	OpMove = "move"
	// OpDrop: an opening or closing phrase left out.
	OpDrop = "drop"
	// OpConnective: a connective, function word or reporting verb changed
	// ("because" → "as", "in order to" → "to", "said" → "stated").
	OpConnective = "connective"
	// OpNumber: a number or unit written otherwise ("pct" → "percent",
	// "15 mln dlrs" → "$15 million", "three" → "3").
	OpNumber = "number"
	// OpContraction: "does not" ↔ "doesn't".
	OpContraction = "contraction"
	// OpAdjective: an adjective before a noun left out.
	OpAdjective = "adjective"
	// OpSynonym: a content word swapped for a WordNet synonym, inflected
	// as the original was.
	OpSynonym = "synonym"
	// OpFiller: a hedge added ("according to reports", "It is understood
	// that").
	OpFiller = "filler"
)

// Rewording is a stretch of a copy that [Generator.Paraphrase] rewrote:
// one sentence of a source, or two that follow each other there, said
// with other words, in another order, or split in two.
type Rewording struct {
	// Copy is the span of the new text: one sentence, or two when a
	// sentence was split.
	Copy stemma.Span `json:"copy"`
	// SourceID and Source locate the original sentence (or sentences).
	SourceID string      `json:"source_id"`
	Source   stemma.Span `json:"source"`
	// Ops names the operations applied, in order, once each.
	Ops []string `json:"ops"`
}

// How often each operation fires where it can. They are set from what
// rewriters do (every sentence reworded, half its content words swapped,
// structure changed about half the time), not fitted to any detector.
const (
	pMerge       = 0.3 // of two short neighbouring sentences
	pSplit       = 0.5 // of a long sentence with a conjunction to split at
	pStructure   = 0.5 // of each of attribution and phrase moves
	pDrop        = 0.3 // a phrase that moves is left out instead
	pConnective  = 0.7 // per connective, function word or reporting verb
	pNumber      = 0.6 // per number or unit
	pContraction = 0.5
	pAdjective   = 0.3 // per adjective, at most maxAdjectives
	pSynonym     = 0.5 // per content word with a synonym
	pFiller      = 0.15
	// maxAdjectives is the most adjectives left out of a sentence.
	maxAdjectives = 2
	// maxShortWords is the most words of each of two sentences merged, and
	// minSplitWords the fewest of each half of a split one.
	maxShortWords = 18
	minSplitWords = 8
	// rareWord: a word seen fewer times in the sources is kept, as a
	// rewriter keeps the terms it has no sure synonym for (DSpin's
	// "immutables", with names and numbers).
	rareWord = 5
)

// Paraphrase returns c with about rate of its sentences that come from a
// source rewritten as a human rewriter or a content farm's rewriting tool
// rewrites them: not only words swapped, but sentences restructured. Each
// chosen sentence gets a random mix of these, where they apply:
//
//   - split at ", and", ", but", ", while", ", although" or ";" when both
//     halves have 8 words or more and the second starts with its subject
//     ("…, but the company said …" → "… . However, the company said …"),
//     or merged with the next sentence when both are short and follow
//     each other in the source;
//   - a fronted attribution moved to the end or a closing one to the
//     front ("X said on Tuesday that Y." ↔ "Y, X said on Tuesday.");
//   - an opening phrase before a comma moved to the end ("In 1986, …") or
//     a closing prepositional phrase moved to the front, or left out;
//   - connectives, function words and reporting verbs changed ("but" →
//     "yet", "because" → "as", "in order to" → "to", "more than 5" →
//     "over 5", "said" → "stated");
//   - numbers and units written otherwise ("2.6 pct" → "2.6 percent",
//     "15 mln dlrs" → "$15 million", "stg" → "sterling", "three" → "3");
//   - contractions made or expanded ("does not" ↔ "doesn't");
//   - adjectives before nouns left out;
//   - half the content words with a WordNet synonym swapped for one,
//     inflected as the original was ("prices" → "costs"), keeping words
//     seen fewer than 5 times in the sources;
//   - a hedge added ("…, according to reports", "It is understood that
//     …").
//
// Names and numbers survive, as in real paraphrase. Each chosen sentence
// is rewritten from its source's text, so spin swaps and noise already in
// it are dropped; later [Generator.Spin] and [Generator.OCR] steps leave
// reworded sentences alone.
//
// round(rate × sentences) sentences are chosen at random; one that no
// operation changes stays as it was. Each rewritten stretch joins
// c.Rewordings; its sentences get new [SentenceTruth] values (the halves of
// a split sentence each name the part of the source sentence they come
// from); segments keep their sources and cover the new text. Kind gains
// "+paraphrased".
func (g *Generator) Paraphrase(c Copy, rate float64) Copy {
	c = clone(c)
	rate = max(0, min(1, rate))
	if math.IsNaN(rate) {
		rate = 0
	}
	rng := g.rng("paraphrase", 0, c.Doc.ID, c.Kind, strconv.FormatFloat(rate, 'g', -1, 64))
	var elig []int // sentences from a known source, not yet reworded
	for i, s := range c.Sentences {
		if _, ok := g.byID[s.SourceID]; ok && s.SourceID != "" && !inRewording(c.Rewordings, s.Copy) {
			elig = append(elig, i)
		}
	}
	m := int(math.Round(rate * float64(len(elig))))
	chosen := rng.Perm(len(elig))[:m]
	picked := make([]int, m)
	for k, i := range chosen {
		picked[k] = elig[i]
	}
	slices.Sort(picked)
	rw := g.newRewriter(rng)

	type change struct {
		first, last int // sentences of c
		text        string
		parts       []rewordPart
		ops         []string
	}
	var changes []change
	for k := 0; k < len(picked); k++ {
		i := picked[k]
		s := c.Sentences[i]
		src := g.sources[g.byID[s.SourceID]].Text
		u := g.newUnit(src, s.Source)
		last := i
		if k+1 < len(picked) && picked[k+1] == i+1 && u.fullStop() && g.mergeable(&c, i, src) {
			v := g.newUnit(src, c.Sentences[i+1].Source)
			if len(u.words()) <= maxShortWords && len(v.words()) <= maxShortWords && !u.quoted() && !v.quoted() && rw.fire(OpMerge, pMerge) {
				u = rw.merge(u, v)
				last = i + 1
				k++
			}
		}
		text, parts, ops := rw.reword(u)
		if text == NormalizeSpace(src[u.src.Start:u.src.End]) {
			continue
		}
		changes = append(changes, change{first: i, last: last, text: text, parts: parts, ops: ops})
	}
	if len(changes) > 0 {
		edits := make([]edit, len(changes))
		drop := make([]bool, len(c.Sentences))
		for k, ch := range changes {
			edits[k] = edit{span: stemma.Span{Start: c.Sentences[ch.first].Copy.Start, End: c.Sentences[ch.last].Copy.End}, text: ch.text}
			for i := ch.first; i <= ch.last; i++ {
				drop[i] = true
			}
		}
		inEdit := func(sp stemma.Span) bool {
			k, _ := slices.BinarySearchFunc(edits, sp.Start, func(e edit, p int) int {
				if e.span.End < p {
					return -1
				}
				if e.span.Start > p {
					return 1
				}
				return 0
			})
			return k < len(edits) && edits[k].span.Start <= sp.Start && sp.End <= edits[k].span.End
		}
		c.Substitutions = slices.DeleteFunc(c.Substitutions, func(s Substitution) bool { return inEdit(s.Copy) })
		c.Noise = slices.DeleteFunc(c.Noise, func(s Substitution) bool { return inEdit(s.Copy) })
		srcIDs := make([]string, len(changes))
		srcSpans := make([]stemma.Span, len(changes))
		for k, ch := range changes {
			srcIDs[k] = c.Sentences[ch.first].SourceID
			srcSpans[k] = stemma.Span{Start: c.Sentences[ch.first].Source.Start, End: c.Sentences[ch.last].Source.End}
		}
		kept := c.Sentences[:0]
		for i, s := range c.Sentences {
			if !drop[i] {
				kept = append(kept, s)
			}
		}
		c.Sentences = kept
		spans := applyEdits(&c, edits)
		for k, ch := range changes {
			at := spans[k].Start
			for _, p := range ch.parts {
				c.Sentences = append(c.Sentences, SentenceTruth{
					Copy: stemma.Span{Start: at + p.copy.Start, End: at + p.copy.End}, SourceID: srcIDs[k], Source: p.src,
				})
			}
			c.Rewordings = append(c.Rewordings, Rewording{Copy: spans[k], SourceID: srcIDs[k], Source: srcSpans[k], Ops: ch.ops})
		}
		slices.SortFunc(c.Sentences, func(a, b SentenceTruth) int { return a.Copy.Start - b.Copy.Start })
		slices.SortFunc(c.Rewordings, func(a, b Rewording) int { return a.Copy.Start - b.Copy.Start })
	}
	old := c.Kind
	c.Kind += "+paraphrased"
	c.Doc.ID = renamed(c.Doc.ID, old, c.Kind)
	return c
}

// inRewording reports whether span lies inside one of rs.
func inRewording(rs []Rewording, span stemma.Span) bool {
	for _, r := range rs {
		if r.Copy.Start <= span.Start && span.End <= r.Copy.End {
			return true
		}
	}
	return false
}

// mergeable reports whether sentence i of c and the next follow each other
// in one segment and in their source, with only whitespace between.
func (g *Generator) mergeable(c *Copy, i int, src string) bool {
	a, b := c.Sentences[i], c.Sentences[i+1]
	if a.SourceID != b.SourceID || a.Source.End > b.Source.Start || strings.TrimSpace(src[a.Source.End:b.Source.Start]) != "" {
		return false
	}
	return slices.ContainsFunc(c.Segments, func(s Segment) bool {
		return s.SourceID == a.SourceID && s.Copy.Start <= a.Copy.Start && b.Copy.End <= s.Copy.End
	}) && strings.TrimSpace(c.Doc.Text[a.Copy.End:b.Copy.Start]) == "" && !strings.Contains(c.Doc.Text[a.Copy.End:b.Copy.Start], "\n")
}

// rewriter makes the choices of a paraphrase.
type rewriter struct {
	g *Generator
	// fire reports whether to apply an operation where it applies, which
	// a rewriter does with probability p; pick chooses one of n ways.
	fire func(op string, p float64) bool
	pick func(n int) int
	ops  []string // applied to the current unit, in order, once each
}

func (g *Generator) newRewriter(rng *rand.Rand) *rewriter {
	return &rewriter{g: g, fire: func(_ string, p float64) bool { return rng.Float64() < p }, pick: rng.IntN}
}

func (rw *rewriter) note(op string) {
	if !slices.Contains(rw.ops, op) {
		rw.ops = append(rw.ops, op)
	}
}

// ptok is one word or punctuation mark of a sentence being reworded.
type ptok struct {
	text string
	src  stemma.Span // the source bytes; zero for an added word
	sid  int         // position in the source sentence, -1 for an added word
	// attach: in the source, written against the previous token.
	attach bool
	// initial: the first word of its source sentence, capitalised there
	// only for that reason (perhaps).
	initial bool
	// glue: punctuation written against whatever precedes it; open: the
	// next word follows with no space ("(", "$").
	glue, open bool
}

func added(text string) ptok { return ptok{text: text, sid: -1} }

func addedGlue(text string) ptok { return ptok{text: text, sid: -1, glue: true} }

// unit is a sentence (or two merged) being reworded: its tokens and the
// source span they come from.
type unit struct {
	toks       []ptok
	src        stemma.Span
	terminated bool // the source ends it with . ! or ?
	merged     bool // two source sentences
}

// rewordPart is one sentence of a reworded unit: its span in the new text
// and the source span it comes from.
type rewordPart struct{ copy, src stemma.Span }

// leading and trailing punctuation peeled off a field.
const (
	openers = "([{\"'“‘"
	closers = ",;:)]}\"”!?%"
)

// newUnit tokenises the source sentence src[span].
func (g *Generator) newUnit(src string, span stemma.Span) unit {
	fs := fields(src, span.Start, span.End)
	var toks []ptok
	for fi, f := range fs {
		a, b := f.Start, f.End
		last := fi == len(fs)-1
		var lead, trail []ptok
		for a < b {
			r, size := utf8.DecodeRuneInString(src[a:])
			if a+size >= b || !strings.ContainsRune(openers, r) && !(r == '$' && wordAt(src, a+size)) {
				break
			}
			lead = append(lead, ptok{text: src[a : a+size], src: stemma.Span{Start: a, End: a + size}, open: true})
			a += size
		}
		// A period ends the sentence, or a sentence inside it when the
		// next word is capitalised ("… at 758p. REUTER").
		stop := last || fi+1 < len(fs) && !lowerAt(src, fs[fi+1].Start)
		for b > a {
			r, size := utf8.DecodeLastRuneInString(src[a:b])
			if b-size <= a || !strings.ContainsRune(closers, r) && !(r == '.' && stop && !abbreviation(src[a:b])) {
				break
			}
			trail = append(trail, ptok{text: src[b-size : b], src: stemma.Span{Start: b - size, End: b}, glue: true})
			b -= size
		}
		slices.Reverse(trail)
		n := len(toks)
		toks = append(toks, lead...)
		toks = append(toks, ptok{text: src[a:b], src: stemma.Span{Start: a, End: b}})
		toks = append(toks, trail...)
		for k := n + 1; k < len(toks); k++ {
			toks[k].attach = true
		}
	}
	for k := range toks {
		toks[k].sid = k
	}
	for k := range toks {
		if isWordTok(toks[k]) {
			toks[k].initial = true
			break
		}
	}
	u := unit{toks: toks, src: span}
	u.terminated = endsSentence(toks)
	return u
}

// lowerAt reports whether the rune at p is a lower-case letter.
func lowerAt(s string, p int) bool {
	r, _ := utf8.DecodeRuneInString(s[p:])
	return unicode.IsLower(r)
}

// abbreviation reports whether s, ending with a period, is an abbreviation
// with periods inside ("U.S.", "p.m."), whose last period stays with it.
func abbreviation(s string) bool {
	body := s[:len(s)-1]
	return strings.Contains(body, ".") && strings.IndexFunc(body, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' }) < 0
}

// endsSentence reports whether the tokens end with . ! or ?, perhaps
// followed by closing quotes.
func endsSentence(toks []ptok) bool {
	for k := len(toks) - 1; k >= 0; k-- {
		t := toks[k].text
		switch {
		case t == "\"" || t == "”" || t == "'" || t == "’":
			continue
		case strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?"):
			return true
		}
		return false
	}
	return false
}

func isWordTok(t ptok) bool { return strings.IndexFunc(t.text, isWordRune) >= 0 && !t.glue }

// words returns the word tokens of u.
func (u *unit) words() []ptok {
	var out []ptok
	for _, t := range u.toks {
		if isWordTok(t) {
			out = append(out, t)
		}
	}
	return out
}

// fullStop reports whether u ends with a period of its own, not an
// abbreviation's ("U.S.", "L.P.", which may end no sentence).
func (u *unit) fullStop() bool {
	n := len(u.toks)
	return n > 0 && u.toks[n-1].glue && u.toks[n-1].text == "."
}

// quoted reports whether u holds a quotation mark: a quote is moved and
// split by no rule here.
func (u *unit) quoted() bool {
	return slices.ContainsFunc(u.toks, func(t ptok) bool { return strings.ContainsAny(t.text, "\"“”") })
}

// body returns the end of the unit's text before its closing punctuation.
func body(toks []ptok) int {
	b := len(toks)
	for b > 0 && toks[b-1].glue && strings.ContainsAny(toks[b-1].text, ".!?\"”") {
		b--
	}
	return b
}

// merge joins two units that follow each other in the source: the first's
// closing punctuation becomes ", and" or ";".
func (rw *rewriter) merge(u, v unit) unit {
	b := body(u.toks)
	toks := slices.Clone(u.toks[:b])
	if rw.pick(2) == 0 {
		toks = append(toks, addedGlue(","), added("and"))
	} else {
		toks = append(toks, addedGlue(";"))
	}
	off := len(u.toks)
	for _, t := range v.toks {
		t.sid += off
		toks = append(toks, t)
	}
	return unit{toks: toks, src: stemma.Span{Start: u.src.Start, End: v.src.End}, terminated: v.terminated, merged: true}
}

// reword rewrites u and returns its new text, its sentences and the
// operations applied.
func (rw *rewriter) reword(u unit) (string, []rewordPart, []string) {
	rw.ops = nil
	if u.merged {
		rw.note(OpMerge)
	}
	units := []unit{u}
	if !u.merged {
		if l, r, ok := rw.split(u); ok {
			units = []unit{l, r}
			rw.note(OpSplit)
		}
	}
	var sb strings.Builder
	var parts []rewordPart
	for i, x := range units {
		x.toks = rw.restructure(x.toks)
		x.toks = rw.lexical(x.toks)
		if x.terminated && !endsSentence(x.toks) {
			x.toks = append(x.toks, addedGlue("."))
		}
		if i > 0 {
			sb.WriteByte(' ')
		}
		start := sb.Len()
		sb.WriteString(rw.g.render(x.toks))
		parts = append(parts, rewordPart{copy: stemma.Span{Start: start, End: sb.Len()}, src: x.src})
	}
	return sb.String(), parts, rw.ops
}

// conjunctions a sentence is split at, and what may open the second half.
var splitOpeners = map[string][]string{
	"and":      {""},
	"but":      {"However,", "But"},
	"while":    {"Meanwhile,", ""},
	"whereas":  {"By contrast,", "In contrast,"},
	"although": {"Still,", "Even so,"},
	";":        {""},
}

// subjectWords may open a clause as its subject; after "and", which also
// joins nouns ("53 pct, and a majority of 6,611"), only clauseWords do.
var (
	subjectWords = words("the a an it he she they we this that these those its their his her there i some")
	clauseWords  = words("the it he she they we this there i")
)

// split cuts u at a conjunction near its middle.
func (rw *rewriter) split(u unit) (unit, unit, bool) {
	t := u.toks
	b := body(t)
	best, bestD := -1, 0
	for i := 1; i+2 < b; i++ {
		var next int
		switch {
		case t[i].text == ";" && t[i].glue:
			next = i + 1
		case t[i].text == "," && t[i].glue && splitOpeners[t[i+1].text] != nil && subjectLike(t[i+2], t[i+1].text == "and"):
			next = i + 2
		default:
			continue
		}
		left, right := countWords(t[:i]), countWords(t[next:b])
		if left < minSplitWords || right < minSplitWords || hasQuote(t[:b]) {
			continue
		}
		if d := abs(left - right); best < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	if best < 0 || !rw.fire(OpSplit, pSplit) {
		return unit{}, unit{}, false
	}
	i := best
	conj := t[i].text
	next := i + 1
	if conj == "," {
		conj, next = t[i+1].text, i+2
	}
	l := unit{toks: append(slices.Clone(t[:i]), addedGlue(".")), src: stemma.Span{Start: u.src.Start, End: t[i-1].src.End}, terminated: true}
	var rt []ptok
	opener := splitOpeners[conj][rw.pick(len(splitOpeners[conj]))]
	for _, w := range strings.Fields(opener) {
		if c, ok := strings.CutSuffix(w, ","); ok {
			rt = append(rt, added(c), addedGlue(","))
		} else {
			rt = append(rt, added(w))
		}
	}
	first := t[next]
	first.attach = false
	rt = append(rt, first)
	rt = append(rt, t[next+1:]...)
	r := unit{toks: rt, src: stemma.Span{Start: first.src.Start, End: u.src.End}, terminated: u.terminated}
	return l, r, true
}

func subjectLike(t ptok, afterAnd bool) bool {
	if t.glue || t.open || t.text == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	lw := strings.ToLower(t.text)
	if afterAnd {
		return clauseWords[lw] || unicode.IsUpper(r) && !thesaurus.IsStopword(lw)
	}
	return subjectWords[lw] || unicode.IsUpper(r) || unicode.IsDigit(r)
}

func hasQuote(toks []ptok) bool {
	return slices.ContainsFunc(toks, func(t ptok) bool { return strings.ContainsAny(t.text, "\"“”") })
}

func countWords(toks []ptok) int {
	n := 0
	for _, t := range toks {
		if isWordTok(t) {
			n++
		}
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// speechVerbs are the reporting verbs of an attribution that takes a
// clause ("said", not "reported", which also takes a noun: "reported a
// loss").
var speechVerbs = words("said says added stated noted warned argued explained")

// auxiliaries before a participle: "sales are estimated", not an attribution.
var auxiliaries = words("is are was were be been being has have had")

// numberish words name numbers and fractions: a synonym would change the
// figure ("billion" → "trillion", "eight" → "viii").
var numberish = words("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen half quarter double triple first second third fourth fifth sixth seventh eighth ninth tenth")

// frontPhrase are the words that open a phrase before a comma that may
// move to the end of the sentence ("In 1986, …", "However, …").
var frontPhrase = words("in on at during after before since for by under over following last earlier later this next however meanwhile separately also additionally furthermore moreover still nevertheless overall instead thus therefore today yesterday")

// closingPrep are the prepositions of a closing phrase that may move to the
// front ("… in the first quarter." → "In the first quarter, …").
var closingPrep = words("in on at during after before since until over through throughout")

// restructure applies the structural operations in random order.
func (rw *rewriter) restructure(toks []ptok) []ptok {
	if hasQuote(toks) {
		return toks
	}
	ops := []func([]ptok) []ptok{rw.attribution, rw.movePhrase}
	if rw.pick(2) == 1 {
		ops[0], ops[1] = ops[1], ops[0]
	}
	for _, op := range ops {
		toks = op(toks)
	}
	return toks
}

// timePhrase returns the end of a time phrase starting at j ("today", "on
// Tuesday", "in a statement"), or j if there is none.
func timePhrase(t []ptok, j, b int) int {
	lower := func(k int) string {
		if k >= b || t[k].glue || t[k].open {
			return ""
		}
		return strings.ToLower(t[k].text)
	}
	switch lower(j) {
	case "today", "yesterday", "tonight":
		return j + 1
	case "on":
		if weekdays[lower(j+1)] {
			return j + 2
		}
	case "in":
		if lower(j+1) == "a" && lower(j+2) == "statement" {
			return j + 3
		}
	}
	return j
}

// openingConnectives tie a sentence to the one before; such a sentence
// keeps its opening.
var openingConnectives = words("but and however yet so also still meanwhile nevertheless moreover furthermore")

var weekdays = words("monday tuesday wednesday thursday friday saturday sunday")

// attribution moves a fronted attribution to the end of the sentence, or a
// closing one to the front.
func (rw *rewriter) attribution(t []ptok) []ptok {
	b := body(t)
	// "X said [time] [that] Y." → "Y, X said [time]."
	for k := 1; k <= 6 && k < b; k++ {
		if !plainWord(t[k]) || !plainWord(t[k-1]) {
			break
		}
		if !speechVerbs[t[k].text] {
			continue
		}
		if auxiliaries[strings.ToLower(t[k-1].text)] {
			break
		}
		j := timePhrase(t, k+1, b)
		y := j
		if y < b && t[y].text == "that" {
			y++
		}
		if b-y < 5 || !plainWord(t[y]) || !rw.fire(OpAttribution, pStructure) {
			break
		}
		out := slices.Clone(t[y:b])
		out = append(out, addedGlue(","))
		out = append(out, t[:j]...)
		rw.note(OpAttribution)
		return append(out, t[b:]...)
	}
	// "Y, X said [time]." → "X said [time] [that] Y."
	for c := b - 2; c >= 5; c-- {
		if t[c].text != "," || !t[c].glue {
			continue
		}
		k := c + 1
		for k < b && k-c <= 6 && plainWord(t[k]) && !speechVerbs[t[k].text] {
			k++
		}
		if k == c+1 || k >= b || !speechVerbs[t[k].text] || auxiliaries[strings.ToLower(t[k-1].text)] || timePhrase(t, k+1, b) != b ||
			openingConnectives[strings.ToLower(t[0].text)] || !rw.fire(OpAttribution, pStructure) {
			break
		}
		out := slices.Clone(t[c+1 : b])
		if rw.pick(2) == 0 {
			out = append(out, added("that"))
		}
		out = append(out, t[:c]...)
		rw.note(OpAttribution)
		return append(out, t[b:]...)
	}
	return t
}

// plainWord reports whether t is a word, not punctuation.
func plainWord(t ptok) bool { return !t.glue && !t.open && isWordTok(t) }

// movePhrase moves an opening phrase before a comma to the end, or a
// closing prepositional phrase to the front; or leaves either out.
func (rw *rewriter) movePhrase(t []ptok) []ptok {
	b := body(t)
	// Opening: "In 1986, profits rose." → "Profits rose in 1986."
	if b > 0 && frontPhrase[strings.ToLower(t[0].text)] && plainWord(t[0]) {
		for c := 1; c <= 5 && c < b-4; c++ {
			if t[c].text == "," && t[c].glue {
				if !rw.fire(OpMove, pStructure) {
					return t
				}
				if rw.fire(OpDrop, pDrop) {
					rw.note(OpDrop)
					return slices.Clone(t[c+1:])
				}
				out := slices.Clone(t[c+1 : b])
				out = append(out, addedGlue(","))
				out = append(out, t[:c]...)
				rw.note(OpMove)
				return append(out, t[b:]...)
			}
			if !plainWord(t[c]) {
				break
			}
		}
	}
	// Closing: "Profits rose in the first quarter." → "In the first
	// quarter, profits rose."
	for p := max(6, b-6); p <= b-2; p++ {
		if !closingPrep[t[p].text] || !plainWord(t[p]) {
			continue
		}
		ok := true
		for _, x := range t[p:b] {
			ok = ok && plainWord(x)
		}
		if !ok {
			continue
		}
		if !rw.fire(OpMove, pStructure) {
			return t
		}
		rest := t[:p]
		if n := len(rest); n > 0 && rest[n-1].glue && rest[n-1].text == "," {
			rest = rest[:n-1]
		}
		if rw.fire(OpDrop, pDrop) {
			rw.note(OpDrop)
			out := slices.Clone(rest)
			return append(out, t[b:]...)
		}
		out := slices.Clone(t[p:b])
		out = append(out, addedGlue(","))
		out = append(out, rest...)
		rw.note(OpMove)
		return append(out, t[b:]...)
	}
	return t
}

// phraseRule rewrites a run of words.
type phraseRule struct {
	from   []string
	to     []string
	op     string
	number bool   // only before a number
	not    string // never after this word ("the following")
}

func rule(op, from string, to ...string) phraseRule {
	return phraseRule{from: strings.Fields(from), to: to, op: op}
}

func beforeNumber(r phraseRule) phraseRule { r.number = true; return r }

// phraseRules are tried at each word, longest first.
var phraseRules = func() []phraseRule {
	rs := []phraseRule{
		rule(OpConnective, "in order to", "to"),
		rule(OpConnective, "because of", "due to", "owing to"),
		rule(OpConnective, "due to", "because of", "owing to"),
		rule(OpConnective, "because", "as", "since"),
		rule(OpConnective, "but", "yet", "though"),
		rule(OpConnective, "however", "nevertheless", "still"),
		rule(OpConnective, "although", "though", "even though"),
		rule(OpConnective, "as well as", "and", "along with"),
		rule(OpConnective, "in addition to", "besides", "on top of"),
		rule(OpConnective, "in addition", "additionally", "also"),
		rule(OpConnective, "therefore", "thus", "consequently"),
		rule(OpConnective, "prior to", "before"),
		rule(OpConnective, "approximately", "about", "around", "roughly"),
		beforeNumber(rule(OpConnective, "about", "around", "roughly", "some")),
		beforeNumber(rule(OpConnective, "more than", "over", "upwards of")),
		beforeNumber(rule(OpConnective, "less than", "under", "below")),
		rule(OpConnective, "compared with", "against", "versus"),
		rule(OpConnective, "compared to", "against"),
		rule(OpConnective, "a year ago", "a year earlier", "the year before"),
		rule(OpConnective, "a number of", "several"),
		rule(OpConnective, "in the past", "previously"),
		rule(OpConnective, "currently", "now", "at present"),
		rule(OpConnective, "whether", "if"),
		rule(OpConnective, "per share", "a share"),
		rule(OpConnective, "said", "stated", "added", "noted"),
		rule(OpConnective, "says", "states", "notes"),
		rule(OpConnective, "told", "informed"),
		rule(OpConnective, "plans to", "intends to", "aims to"),
		rule(OpNumber, "vs", "versus", "against"),
		rule(OpNumber, "cts", "cents"),
		rule(OpNumber, "stg", "sterling", "pounds"),
		rule(OpNumber, "pct", "percent", "per cent", "%"),
		rule(OpNumber, "mln", "million"),
		rule(OpNumber, "bln", "billion"),
	}
	f := rule(OpConnective, "following", "after")
	f.not = "the"
	rs = append(rs, f)
	for _, m := range [][2]string{{"jan", "January"}, {"feb", "February"}, {"aug", "August"}, {"sept", "September"}, {"oct", "October"}, {"nov", "November"}, {"dec", "December"}} {
		rs = append(rs, beforeNumber(rule(OpNumber, m[0], m[1])))
	}
	for _, c := range [][2]string{
		{"is not", "isn't"}, {"are not", "aren't"}, {"was not", "wasn't"}, {"were not", "weren't"},
		{"do not", "don't"}, {"does not", "doesn't"}, {"did not", "didn't"}, {"has not", "hasn't"},
		{"have not", "haven't"}, {"had not", "hadn't"}, {"will not", "won't"}, {"would not", "wouldn't"},
		{"could not", "couldn't"}, {"should not", "shouldn't"}, {"cannot", "can't"}, {"it is", "it's"},
		{"that is", "that's"}, {"there is", "there's"}, {"we are", "we're"}, {"they are", "they're"},
	} {
		rs = append(rs, rule(OpContraction, c[0], c[1]), rule(OpContraction, c[1], c[0]))
	}
	slices.SortStableFunc(rs, func(a, b phraseRule) int { return len(b.from) - len(a.from) })
	return rs
}()

var numberWords = []string{"", "", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// units after which a digit stays a digit ("5 pct", not "five pct").
var unitWords = words("pct percent mln million bln billion dlrs dollars cts cents stg yen marks francs pct. % pounds")

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

// lexical applies the word-level operations, left to right.
func (rw *rewriter) lexical(t []ptok) []ptok {
	g := rw.g
	var out []ptok
	adjectives := 0
	lower := func(k int) string {
		if k < 0 || k >= len(t) || !plainWord(t[k]) {
			return ""
		}
		return strings.ToLower(t[k].text)
	}
	for k := 0; k < len(t); k++ {
		x := t[k]
		if !plainWord(x) {
			out = append(out, x)
			continue
		}
		lw := strings.ToLower(x.text)
		// Phrase rules: connectives, units, contractions.
		if r, n, ok := matchRule(t, k, lower); ok {
			p := pConnective
			switch r.op {
			case OpNumber:
				p = pNumber
			case OpContraction:
				p = pContraction
			}
			if rw.fire(r.op, p) {
				to := r.to[rw.pick(len(r.to))]
				if to == "%" {
					out = append(out, addedGlue("%"))
				} else {
					for _, w := range strings.Fields(to) {
						out = append(out, added(w))
					}
				}
				rw.note(r.op)
				k += n - 1
				continue
			}
		}
		// "15 mln dlrs" → "$15 million" or "15 mln dollars".
		if lw == "dlrs" && rw.fire(OpNumber, pNumber) {
			if at := dollarNumber(out); at >= 0 && rw.pick(2) == 0 {
				out = slices.Insert(out, at, ptok{text: "$", sid: -1, open: true})
			} else {
				out = append(out, added("dollars"))
			}
			rw.note(OpNumber)
			continue
		}
		// Numbers: "three" → "3", "3" → "three".
		if i := slices.Index(numberWords, lw); i >= 2 && rw.fire(OpNumber, pNumber) {
			out = append(out, added(strconv.Itoa(i)))
			rw.note(OpNumber)
			continue
		}
		if len(x.text) == 1 && x.text[0] >= '2' && x.text[0] <= '9' && !x.attach && !unitWords[lower(k+1)] &&
			(k+1 >= len(t) || t[k+1].text != "%") && rw.fire(OpNumber, pNumber) {
			out = append(out, added(numberWords[x.text[0]-'0']))
			rw.note(OpNumber)
			continue
		}
		// Adjectives before nouns.
		if adjectives < maxAdjectives && g.droppableAdjective(x, lower(k-1), t, k) && rw.fire(OpAdjective, pAdjective) {
			adjectives++
			rw.note(OpAdjective)
			continue
		}
		// Synonyms.
		if syn := g.paraphraseSynonyms(x, k == 0 || t[k].initial, t, k); len(syn) > 0 && rw.fire(OpSynonym, pSynonym) {
			y := x
			y.text = syn[rw.pick(len(syn))]
			if x.text != lw {
				y.text = capFirst(y.text) // it opened the sentence
			}
			out = append(out, y)
			rw.note(OpSynonym)
			continue
		}
		out = append(out, x)
	}
	return rw.filler(out)
}

// matchRule returns the rule that matches the words at k and how many
// tokens it covers.
func matchRule(t []ptok, k int, lower func(int) string) (phraseRule, int, bool) {
	for _, r := range phraseRules {
		n := len(r.from)
		ok := true
		for i, w := range r.from {
			ok = ok && lower(k+i) == w
		}
		if !ok || r.not != "" && lower(k-1) == r.not {
			continue
		}
		if r.number && (k+n >= len(t) || !hasDigit(t[k+n].text) && t[k+n].text != "$") {
			continue
		}
		if r.op == OpNumber && len(r.from) == 1 && !r.number && r.from[0] != "vs" && !amountBefore(t, k) {
			continue // a unit, after an amount
		}
		return r, n, true
	}
	return phraseRule{}, 0, false
}

// amountBefore reports whether an amount ends before t[k]: "15", "three",
// "15 mln".
func amountBefore(t []ptok, k int) bool {
	amount := func(s string) bool { return hasDigit(s) || slices.Index(numberWords, strings.ToLower(s)) >= 2 }
	if k > 0 && amount(t[k-1].text) {
		return true
	}
	if k > 1 && amount(t[k-2].text) {
		switch strings.ToLower(t[k-1].text) {
		case "mln", "million", "bln", "billion":
			return true
		}
	}
	return false
}

// dollarNumber returns where "$" goes before the amount that ends out
// ("15", "15 mln", "15 million"), or -1.
func dollarNumber(out []ptok) int {
	k := len(out) - 1
	if k >= 0 {
		switch strings.ToLower(out[k].text) {
		case "mln", "million", "bln", "billion":
			k--
		}
	}
	if k < 0 || !hasDigit(out[k].text) || !plainWord(out[k]) || out[k].attach || k > 0 && out[k-1].open {
		return -1
	}
	return k
}

// keepAdjectives are adjectives whose loss changes a figure's meaning.
var keepAdjectives = words("net gross total first second third fourth fifth last next previous same other such own only more less most least many few several new old high low annual full")

// droppableAdjective reports whether t[k] is an adjective before a noun
// that a rewriter may leave out: lower case, WordNet knows it only as an
// adjective, and a lower-case content word follows.
func (g *Generator) droppableAdjective(x ptok, prev string, t []ptok, k int) bool {
	w := x.text
	if w != strings.ToLower(w) || len(w) < 3 || letterRun(w, 0, len(w)) != len(w) || keepAdjectives[w] || numberish[w] || thesaurus.IsStopword(w) || k+1 >= len(t) {
		return false
	}
	switch prev {
	case "is", "was", "are", "were", "be", "been", "being", "become", "became", "remain", "remained", "seems":
		return false
	}
	next := t[k+1]
	if !plainWord(next) || next.text != strings.ToLower(next.text) || thesaurus.IsStopword(next.text) || hasDigit(next.text) {
		return false
	}
	th := g.th
	return len(th.SynonymsPOS(w, 'a')) > 0 && len(th.SynonymsPOS(w, 'n')) == 0 && len(th.SynonymsPOS(w, 'v')) == 0
}

// paraphraseSynonyms returns the synonyms a rewriter may put for x: as
// [Generator.synonyms], or for an inflected word ("prices", "expected")
// those of its base form inflected alike and seen in the sources. Names
// (capitalised words, but a common word opening the sentence), numbers,
// number words, reporting verbs and words seen fewer than rareWord times
// have none.
func (g *Generator) paraphraseSynonyms(x ptok, initial bool, t []ptok, k int) []string {
	w := x.text
	lw := strings.ToLower(w)
	if w != lw && !(initial && w == capFirst(lw) && g.lowerable(w, nextText(t, k))) {
		return nil
	}
	if utf8.RuneCountInString(lw) < 4 || letterRun(lw, 0, len(lw)) != len(lw) || thesaurus.IsStopword(lw) || numberish[lw] || speechVerbs[lw] {
		return nil
	}
	vocab := g.vocabulary()
	if vocab[lw] < rareWord {
		return nil
	}
	// An inflected word takes its base form's synonyms, inflected alike:
	// "rose" is "rise" in the past, not the flower, and an irregular form
	// is kept.
	bases := slices.DeleteFunc(g.th.BaseForms(lw), func(b string) bool { return b == lw })
	if len(bases) == 0 {
		return g.synonyms(lw, false)
	}
	var out []string
	for _, base := range bases {
		for _, s := range g.synonyms(base, false) {
			if strings.Contains(s, " ") {
				continue
			}
			if f := inflect(s, base, lw); f != "" && vocab[f] > 0 && f != lw && !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

func nextText(t []ptok, k int) string {
	if k+1 < len(t) {
		return " " + t[k+1].text
	}
	return ""
}

// inflect gives syn the inflection that turns base into word: plural or
// third person "-s", past "-ed", "-ing"; "" when it is another one.
func inflect(syn, base, word string) string {
	stem := func(s string) string { return strings.TrimSuffix(s, "e") }
	switch {
	case word == base+"s" || word == base+"es" || strings.HasSuffix(base, "y") && word == base[:len(base)-1]+"ies":
		switch {
		case strings.HasSuffix(syn, "s") || strings.HasSuffix(syn, "x") || strings.HasSuffix(syn, "ch") || strings.HasSuffix(syn, "sh"):
			return syn + "es"
		case strings.HasSuffix(syn, "y") && !strings.ContainsAny(syn[len(syn)-2:len(syn)-1], "aeiou"):
			return syn[:len(syn)-1] + "ies"
		}
		return syn + "s"
	case word == base+"ed" || word == base+"d" || word == stem(base)+"ed":
		if strings.HasSuffix(syn, "e") {
			return syn + "d"
		}
		return syn + "ed"
	case word == base+"ing" || word == stem(base)+"ing":
		return stem(syn) + "ing"
	}
	return ""
}

// filler adds a hedge to the sentence, unless it attributes already.
func (rw *rewriter) filler(t []ptok) []ptok {
	if hasQuote(t) || slices.ContainsFunc(t, func(x ptok) bool { return speechVerbs[x.text] || x.text == "according" }) ||
		!rw.fire(OpFiller, pFiller) {
		return t
	}
	b := body(t)
	var out []ptok
	switch rw.pick(4) {
	case 0, 1:
		out = slices.Clone(t[:b])
		out = append(out, addedGlue(","))
		for _, w := range strings.Fields([]string{"according to reports", "it was reported", "reports said"}[rw.pick(3)]) {
			out = append(out, added(w))
		}
		out = append(out, t[b:]...)
	case 2:
		out = append(out, added("Reportedly"), addedGlue(","))
		out = append(out, t...)
	default:
		out = append(out, added("It"), added("is"), added("understood"), added("that"))
		out = append(out, t...)
	}
	rw.note(OpFiller)
	return out
}

// render writes the tokens as a sentence: words apart, punctuation against
// the word before, source neighbours as they were; the first word
// capitalised (unless it opened the source sentence too, which keeps its
// case), and a word that opened the source sentence lower-cased where it
// no longer opens it and is not a name. Tokens no operation changed render
// as the source sentence with its whitespace normalised.
func (g *Generator) render(t []ptok) string {
	first := slices.IndexFunc(t, func(x ptok) bool { return isWordTok(x) && !x.open })
	var sb strings.Builder
	for i, x := range t {
		if i > 0 {
			p := t[i-1]
			orig := x.sid > 0 && p.sid == x.sid-1
			switch {
			case orig && x.attach:
			case orig:
				sb.WriteByte(' ')
			case x.glue || p.open:
			default:
				sb.WriteByte(' ')
			}
		}
		w := x.text
		switch {
		case i == first && !x.initial:
			w = capFirst(w)
		case i == first:
		case x.initial && g.lowerable(w, nextText(t, i)):
			r, size := utf8.DecodeRuneInString(w)
			w = string(unicode.ToLower(r)) + w[size:]
		}
		sb.WriteString(w)
	}
	return sb.String()
}

// lowerable reports whether a capitalised word that opened a sentence is a
// common word ("The", "Profits"), not a name ("Chrysler", "General
// Binding"): a stopword; not followed by another capitalised word; and
// written in lower case more often than capitalised where the sources use
// it inside a sentence, or, where they never do, a WordNet word.
func (g *Generator) lowerable(w, next string) bool {
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || strings.IndexFunc(w[size:], unicode.IsUpper) >= 0 {
		return false
	}
	lw := strings.ToLower(w)
	if thesaurus.IsStopword(lw) && lw != "i" {
		return true
	}
	if capitalNext(next, 0) {
		return false
	}
	g.vocabulary()
	low, up := g.lowered[lw], g.capital[lw]
	if low+up > 0 {
		return low > up
	}
	return len(g.th.BaseForms(lw)) > 0
}
