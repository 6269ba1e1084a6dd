package quote

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
)

// analysis is one text split into paragraphs, quotes, items and sentences,
// with the people it mentions.
type analysis struct {
	l        *Language
	text     string
	paras    []stemma.Span
	regions  []region
	its      []item
	sents    [][2]int
	sentOf   []int // item index → sentence index
	itemOf   []int // quote index → item index
	mentions []mention
	gender   map[string]Gender // entity key → gender, from any of its mentions (Neuter: mentions of both)
	names    []string          // per quote: the resolved speaker's name
	orphan   []bool            // per quote: a he or she that resolves to no one
	bySent   map[int][]int     // sentence → indexes of its mentions, in order
	byKey    map[string][]int  // entity key → indexes of its mentions, in order
	spans    map[stemma.Span]bool
	// zero holds the reporting verbs whose subject is in the verb
	// itself, with that subject as a pronoun: a Spanish verb's ending
	// (Language.proDrop; "zero", a he, she or it) or a French inverted
	// pronoun ("explique-t-il": "il"). A cue's speaker phrase is then the
	// verb, read as that pronoun.
	zero map[int]string
}

// mention is a phrase outside quotes that names a speaker or a person.
type mention struct {
	span    stemma.Span
	key     string
	gender  Gender
	person  bool // a person (named, or a role such as "the official")
	neuter  bool // an organisation or a document ("the ministry", "the statement")
	plural  bool
	speaker bool // the subject of a reporting verb
	sure    bool // a person for certain: an honorific, a title, a first name or a role
	weak    bool // a name read as a person's only when no one else fits a "he" or "she"
	sent    int
}

func (l *Language) analyse(text string) *analysis {
	a := &analysis{l: l, text: text, gender: map[string]Gender{}, spans: map[stemma.Span]bool{}, zero: map[int]string{}}
	a.paras = paragraphs(text)
	a.regions = l.extract(text, a.paras)
	a.its = items(text, a.regions, a.paras)
	a.sents = l.sentences(text, a.its, a.regions)
	a.sentOf = make([]int, len(a.its))
	for s, r := range a.sents {
		for k := r[0]; k < r[1]; k++ {
			a.sentOf[k] = s
		}
	}
	a.itemOf = make([]int, len(a.regions))
	for k, it := range a.its {
		if it.kind == quoteItem {
			a.itemOf[it.q] = k
		}
	}
	a.names = make([]string, len(a.regions))
	a.orphan = make([]bool, len(a.regions))
	// First the cues, whose speakers are mentions; then the names in the
	// rest of the text; then pronouns and continued quotes, in order.
	type cue struct {
		verb, np [2]int
		ok       bool
	}
	cues := make([]cue, len(a.regions))
	for qi := range a.regions {
		v, np, ok := a.cue(qi)
		cues[qi] = cue{v, np, ok}
		if ok && !a.isPronoun(np) {
			a.addSpeaker(np)
		}
	}
	// Every subject of a reporting verb outside quotes is a speaker that a
	// later "he said" or "it added" may point to.
	for v := range a.its {
		if a.its[v].kind != word || !a.l.verbs[a.its[v].low] {
			continue
		}
		end, ok := a.verbAt(v, len(a.its))
		if !ok || a.isPhrase(v, end) || !a.speechFrame(v, end, a.sents[a.sentOf[v]][1]) {
			continue
		}
		if np, ok := a.subject(v, a.sents[a.sentOf[v]][0]); ok && !a.isPronoun(np) && !a.hasMention(a.spanOf(np)) {
			a.addSpeaker(np)
		}
	}
	a.findNames()
	for qi := range a.regions {
		q := &a.regions[qi].q
		c := cues[qi]
		if c.ok {
			q.Cue = a.spanOf(c.verb)
			q.Speaker = a.spanOf(c.np)
			if a.isPronoun(c.np) {
				q.Attribution = stemma.Pronoun
				a.resolvePronoun(qi, c.np)
			} else {
				q.Attribution = stemma.Named
				a.names[qi] = clean(a.text[q.Speaker.Start:q.Speaker.End])
			}
			continue
		}
		a.continueQuote(qi)
	}
	return a
}

func (a *analysis) hasMention(sp stemma.Span) bool { return a.spans[sp] }

func (a *analysis) spanOf(r [2]int) stemma.Span {
	return stemma.Span{Start: a.its[r[0]].span.Start, End: a.its[r[1]-1].span.End}
}

func (a *analysis) isPronoun(np [2]int) bool {
	if np[1]-np[0] != 1 {
		return false
	}
	if a.zero[np[0]] != "" {
		return true
	}
	_, ok := a.l.pronouns[a.its[np[0]].low]
	return ok
}

// clean collapses white space.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// cue finds the attribution cue of quote qi: its verb (or phrase) and the
// speaker phrase, as item ranges.
func (a *analysis) cue(qi int) (verb, np [2]int, ok bool) {
	k := a.itemOf[qi]
	s := a.sents[a.sentOf[k]]
	initial := true
	for j := s[0]; j < k; j++ {
		if it := a.its[j]; it.kind == word && !a.l.leads[it.low] || it.kind == quoteItem {
			initial = false
			break
		}
	}
	if !initial {
		if verb, np, ok = a.pre(k, s[0]); ok {
			// "X continued …, and "…", he said.": a cue right after the
			// quote outweighs a verb further back other than "said" (which
			// may be reported in turn: "X said …, "…," the radio reported").
			if pv, pn, pok := a.post(k, s[1]); pok && !a.adjacent(verb[1], k) && !a.l.sayVerbs[a.its[verb[0]].low] {
				return pv, pn, true
			}
			return verb, np, true
		}
	}
	if verb, np, ok = a.post(k, s[1]); ok {
		return verb, np, true
	}
	if verb, np, ok = a.tail(k, s[1]); ok {
		return verb, np, true
	}
	if verb, np, ok = a.dash(k); ok {
		return verb, np, true
	}
	// "….” Nazer said." : a sentence that opens with a cue, "Nazer said"
	// and at most two words, or a clause that is not reported speech
	// ("…?” Trump asked, looking far from displeased"; "…!” Sessions said
	// as he launched the vote").
	if si := a.sentOf[k]; s[1]-1 <= k+1 && si+1 < len(a.sents) {
		n := a.sents[si+1]
		if a.its[n[0]].para == lastPara(a.its[k], a.regions) {
			if verb, np, ok = a.post(n[0]-1, n[1]); ok && a.words([2]int{n[0], verb[0]}) <= 6 && a.cueEnds(verb[1], n[1]) {
				return verb, np, true
			}
		}
	}
	return verb, np, false
}

// fronted reports whether the phrase np before a verb is governed by a
// preposition (its first word, or the word before it, is one of the
// language's stops: "Am Freitag", "nach dem Gipfeltreffen") and so is not
// the verb's subject.
func (a *analysis) fronted(np [2]int, lo int) bool {
	if a.l.stops[a.its[np[0]].low] {
		return true
	}
	p := np[0] - 1
	return p >= lo && a.its[p].kind == word && a.l.stops[a.its[p].low]
}

// skipWords returns the first item from k, before hi, that is not one of
// the language's skips or reflexives ("sagte zudem", "erinnert sich").
func (a *analysis) skipWords(k, hi int) int {
	for k < hi && a.its[k].kind == word && (a.l.skips[a.its[k].low] || a.l.reflexives[a.its[k].low]) {
		k++
	}
	return k
}

// skipAdjuncts returns the first item from k, before hi, past the
// language's skips and its phrases of time or place (an adjunct and at most
// maxAdjunctWords lower-case words after it: "в субботу", "на новостном
// сайте"), or k when there are none.
func (a *analysis) skipAdjuncts(k, hi int) int {
	if len(a.l.adjuncts) == 0 {
		return k
	}
	for k < hi && a.its[k].kind == word {
		switch it := a.its[k]; {
		case a.l.skips[it.low]:
			k++
		case a.l.adjuncts[it.low]:
			k++
			for n := 0; n < maxAdjunctWords && k < hi; n++ {
				w := a.its[k]
				if w.kind != word || w.cap || a.l.skips[w.low] || a.l.stops[w.low] || a.l.adjuncts[w.low] {
					break
				}
				k++
			}
		default:
			return k
		}
	}
	return k
}

// maxAdjunctWords is the most words of a phrase of time or place that
// skipAdjuncts passes after its preposition.
const maxAdjunctWords = 3

// zeroSubject is the pronoun of a verb whose ending is its subject.
const zeroSubject = "zero"

// dropped reports whether the reporting verb at item v, its cue ending at
// end, has no subject but its own ending, and marks it so (a.zero): in a
// language that drops subjects, a singular verb that no speaker phrase
// follows before hi ("“…”, dijo."; "“…”, afirmó a la prensa.").
func (a *analysis) dropped(v, end, hi int) bool {
	if !a.l.proDrop || a.isPhrase(v, end) || strings.HasSuffix(a.its[v].low, "n") {
		return false // "dijeron", "afirman": plural
	}
	if end < hi && a.its[end].kind == word && a.its[end].cap {
		return false // a name the speaker phrase did not take
	}
	a.zero[v] = zeroSubject
	return true
}

// cueEnds reports whether the items [k, hi) after a cue verb end the cue
// rather than report speech of their own: at most two words ("said
// today"), or a comma, a conjunction or a preposition first ("said, looking
// …", "said as he …", "said in a statement").
func (a *analysis) cueEnds(k, hi int) bool {
	if a.words([2]int{k, hi}) <= 2 {
		return true
	}
	it := a.its[k]
	return it.kind == punct && it.low == "," || it.kind == word && cueClosers[it.low]
}

// cueClosers open a phrase after a cue verb that is not what was said.
var cueClosers = newSet(`as while after before when during in on at of to from with by through`)

// dash finds a cue that is a dash and a name after quote item k, ending
// a paragraph: ""…" — Bernie Sanders" or, in a paragraph of its own after
// the quote's, "- Sanders." (the dash is the cue).
func (a *analysis) dash(k int) (verb, np [2]int, ok bool) {
	d := k + 1
	if d >= len(a.its) || a.its[d].kind != punct || !strings.Contains("-—–―", a.its[d].low) {
		return verb, np, false
	}
	para := a.its[d].para
	if para != lastPara(a.its[k], a.regions) && para != lastPara(a.its[k], a.regions)+1 {
		return verb, np, false
	}
	end := d + 1
	for end < len(a.its) && a.its[end].para == para && a.its[end].kind != quoteItem {
		end++
	}
	hi := end
	for hi > d+1 && a.its[hi-1].kind == punct && a.its[hi-1].low == "." {
		hi--
	}
	// The name, then perhaps an apposition: "-President Obama, tweeting
	// after Clinton's speech", "-Michelle Marks, Philadelphia".
	for c := d + 1; c < hi; c++ {
		if a.its[c].kind == punct && a.its[c].low == "," {
			hi = c
			break
		}
	}
	if np, ok = a.npForward(d+1, hi); !ok || np[1] != hi || a.words([2]int{d + 1, hi}) > 6 || !a.its[hi-1].cap {
		return verb, np, false
	}
	return [2]int{d, d + 1}, np, true
}

// words counts the words in the item range r, and fails (returning a large
// count) when it holds a quote.
func (a *analysis) words(r [2]int) int {
	n := 0
	for k := r[0]; k < r[1]; k++ {
		switch a.its[k].kind {
		case word:
			n++
		case quoteItem:
			return 1 << 20
		}
	}
	return n
}

// verbAt reports whether item k is a reporting verb (or starts a cue
// phrase such as "according to"), and returns the end of the cue.
func (a *analysis) verbAt(k, hi int) (int, bool) {
	it := a.its[k]
	if it.kind != word {
		return 0, false
	}
	// A phrase may open the sentence ("According to X, …"); a verb in
	// capitals is a name or a heading.
	for _, p := range a.l.phrases {
		ws := strings.Fields(p)
		if k+len(ws) > hi {
			continue
		}
		match := true
		for i, w := range ws {
			if a.its[k+i].kind != word || a.its[k+i].low != w {
				match = false
				break
			}
		}
		if match {
			return k + len(ws), true
		}
	}
	if !it.cap && !a.l.verbs[it.low] {
		if base, pron, ok := a.l.inverted(it.low); ok && a.l.verbs[base] {
			a.zero[k] = pron // "explique-t-il"
			return k + 1, true
		}
	}
	if it.cap || !a.l.verbs[it.low] {
		return 0, false
	}
	// "the notes", "two claims", "so-called": a noun, not a verb.
	if k > 0 {
		p := a.its[k-1]
		if p.kind == word && !a.l.aux[p.low] && (p.low == "the" || p.low == "a" || p.low == "an" || p.low == "its" || p.low == "their" || p.low == "his" || p.low == "her" || p.low == "so") {
			return 0, false
		}
		if p.kind == punct && p.low == "-" && p.span.End == it.span.Start {
			return 0, false
		}
	}
	return k + 1, true
}

func (a *analysis) isPhrase(k, end int) bool {
	if end-k > 1 {
		return true
	}
	// A phrase of one word: "selon", "según", "laut".
	return slices.Contains(a.l.phrases, a.its[k].low)
}

// pre looks for the cue before quote item k, in the same sentence (from
// item lo): the reporting verb nearest the quote with a subject ("Nazer
// said: "…"", "He said he "totally condemned" …"), or "according to X".
func (a *analysis) pre(k, lo int) (verb, np [2]int, ok bool) {
	for v := k - 1; v >= lo; v-- {
		end, isVerb := a.verbAt(v, k)
		if !isVerb {
			continue
		}
		if a.isPhrase(v, end) {
			if np, ok := a.npForward(end, k); ok {
				return [2]int{v, end}, np, true
			}
			continue
		}
		if a.its[v].low == "saying" && !(v >= 2 && a.its[v-1].low == "as" && a.its[v-2].low == "quoted") {
			if np, ok := a.sayingSubject(lo, v); ok {
				return [2]int{v, end}, np, true
			}
			continue
		}
		if !a.speechFrame(v, end, k) {
			continue
		}
		if np, ok := a.subject(v, lo); ok {
			if a.l.verbSecond && a.fronted(np, lo) {
				// "Am Freitag sagte Will Wade, …": what stands before
				// the verb is a phrase of time or place, and the subject
				// follows the verb.
				if inv, ok := a.npForward(a.skipWords(end, k), k); ok {
					return [2]int{v, end}, inv, true
				}
			}
			return [2]int{v, end}, np, true
		}
		if a.skipLeads(lo, v) == v && a.dropped(v, end, k) {
			return [2]int{v, end}, [2]int{v, v + 1}, true // "Dijo que …"
		}
		// "…," said Mr Gerolami, "but …": the second half of a split quote.
		if p := v - 1; p >= lo && (a.its[p].kind == quoteItem || p > lo && a.its[p].kind == punct && a.its[p-1].kind == quoteItem) {
			if np, ok := a.npForward(end, k); ok {
				return [2]int{v, end}, np, true
			}
		}
		// "Tal como dijo Nelson Mandela: “…”": a subject after its verb.
		if a.l.subjectAfter {
			if np, ok := a.npForward(a.skipWords(end, k), k); ok && (a.isPronoun(np) || a.its[np[1]-1].cap || a.l.isRole(a.its[np[1]-1].low)) {
				return [2]int{v, end}, np, true
			}
		}
	}
	// "Dijo que …": a sentence that opens with a verb, capitalised, and
	// its subject in its ending.
	if s := a.skipLeads(lo, k); a.l.proDrop && s < k && a.its[s].kind == word && a.l.verbs[a.its[s].low] && a.dropped(s, s+1, k) {
		return [2]int{s, s + 1}, [2]int{s, s + 1}, true
	}
	return verb, np, false
}

// speechFrame reports whether the reporting verb at item v (its cue ending
// at item end) can report speech in the sentence running to item k (the
// quote, or the sentence end). Most reporting verbs always can; those with
// senses other than speech ("continued", "added", "noted") cannot when
// "to" and a verb that does not report speech follow them ("continued to
// back", "added to the list").
func (a *analysis) speechFrame(v, end, k int) bool {
	l := a.l
	if end-v > 1 || !l.otherSense[a.its[v].low] {
		return true
	}
	e := end
	for e < k && a.its[e].kind == word && l.skips[a.its[e].low] {
		e++
	}
	// "continued to back", "added to the list": "to" and a verb that does
	// not report speech.
	if e+1 < k && a.its[e].low == "to" && a.its[e+1].kind == word && !a.its[e+1].cap && !l.verbs[a.its[e+1].low] && a.its[e+1].low != "say" {
		return false
	}
	return true
}

// adjacent reports whether the cue ending at item end is right before
// quote item k: nothing but punctuation, adverbs and "that" between.
func (a *analysis) adjacent(end, k int) bool {
	for j := end; j < k; j++ {
		if it := a.its[j]; it.kind == word && !a.l.skips[it.low] && it.low != "that" {
			return false
		}
	}
	return true
}

// sayingSubject finds who is "saying" at item v, not before item lo: the
// subject of the clause "saying" follows, the last phrase after the
// sentence start, a comma or a dash that a verb follows ("On Twitter, she
// responded …, saying"; "WASHINGTON (UPI) — In response …, Hillary
// Clinton's right-hand woman rallied supporters, saying").
func (a *analysis) sayingSubject(lo, v int) (np [2]int, ok bool) {
	for p := v - 1; p >= lo; p-- {
		it := a.its[p]
		if p > lo && !(it.kind == punct && strings.Contains(",—–-", it.low)) {
			continue
		}
		start := p + 1
		if p == lo {
			start = p
		}
		np, ok := a.npForward(a.skipLeads(start, v), v)
		if !ok || np[1] >= v {
			continue
		}
		if n := a.its[np[1]]; n.kind == word && !n.cap && !npStop[n.low] || n.kind == word && a.l.skips[n.low] {
			return np, true
		}
	}
	return np, false
}

// post looks for the cue after quote item k, up to item hi: "…," said X;
// "…," X said; "…," X, who …, said; "…," according to X.
func (a *analysis) post(k, hi int) (verb, np [2]int, ok bool) {
	p := k + 1
	for p < hi && a.its[p].kind == punct && strings.Contains(",—–―-:", a.its[p].low) {
		p++
	}
	if p >= hi || a.its[p].kind != word {
		return verb, np, false
	}
	if p+1 < hi && a.l.aux[a.its[p].low] {
		if _, isVerb := a.verbAt(p+1, hi); isVerb {
			p++
		}
	}
	if end, isVerb := a.verbAt(p, hi); isVerb {
		if a.zero[p] != "" {
			return [2]int{p, end}, [2]int{p, p + 1}, true
		}
		q := end
		for q < hi && a.its[q].kind == word && (a.its[q].low == "today" || a.its[q].low == "yesterday" || a.its[q].low == a.its[p].low || a.l.reflexives[a.its[q].low]) {
			q++
		}
		if np, ok := a.npForward(q, hi); ok {
			return [2]int{p, end}, np, true
		}
		if s := a.skipAdjuncts(q, hi); s > q {
			if np, ok := a.npForward(s, hi); ok && (a.its[np[1]-1].cap || a.l.isRole(a.its[np[1]-1].low)) {
				return [2]int{p, end}, np, true
			}
		}
		if a.dropped(p, end, hi) {
			return [2]int{p, end}, [2]int{p, p + 1}, true
		}
		return verb, np, false
	}
	for v := p + 1; v < hi && v < p+40; v++ {
		if a.its[v].kind == quoteItem {
			break
		}
		end, isVerb := a.verbAt(v, hi)
		if !isVerb || a.isPhrase(v, end) {
			continue
		}
		np, ok := a.subject(v, p)
		if ok && np[0] == p {
			return [2]int{v, end}, np, true
		}
		// "…," Laszlo Birinyi, Salomon vice president, told …; "…," Bumpei
		// Otsuki, President of the Japan Federation of Employers'
		// Associations told …: everything between the quote and the verb
		// names the speaker.
		if np, ok := a.stretch(p, v); ok {
			return [2]int{v, end}, np, true
		}
		break
	}
	return verb, np, false
}

// stretch accepts the items [p, v) as one speaker phrase when they are all
// speaker words, commas or apostrophes and it starts with one.
func (a *analysis) stretch(p, v int) (np [2]int, ok bool) {
	e := v
	for e > p && a.its[e-1].kind == word && a.l.skips[a.its[e-1].low] {
		e--
	}
	if e <= p || !a.npWord(p) {
		return np, false
	}
	for k := p; k < e; k++ {
		it := a.its[k]
		switch {
		case it.kind == word && (a.npWord(k) || particles[it.low]):
		case it.kind == punct && strings.Contains(",'’.", it.low):
		default:
			return np, false
		}
	}
	return a.trimNP(p, e)
}

// tail looks for a cue that ends the sentence of quote item k (up to item
// hi): "… "unresponsive" to the request, the official said." or
// "…, according to the OECD."
func (a *analysis) tail(k, hi int) (verb, np [2]int, ok bool) {
	for v := k + 1; v < hi; v++ {
		if a.its[v].kind == quoteItem {
			continue
		}
		end, isVerb := a.verbAt(v, hi)
		if !isVerb {
			continue
		}
		if a.isPhrase(v, end) {
			if np, ok := a.npForward(end, hi); ok {
				return [2]int{v, end}, np, true
			}
			continue
		}
		// ", NP said." : a comma, the subject, the verb, and at most a few
		// words to the sentence end.
		np, ok := a.subject(v, k+1)
		if !ok || np[0] == 0 || a.words([2]int{end, hi}) > 4 {
			continue
		}
		if b := a.its[np[0]-1]; !(b.kind == punct && b.low == "," || b.kind == quoteItem || b.kind == word && a.l.asWords[b.low]) {
			continue
		}
		return [2]int{v, end}, np, true
	}
	return verb, np, false
}

// skipLeads returns the first item in [k, hi) that is not a sentence opener
// or punctuation.
func (a *analysis) skipLeads(k, hi int) int {
	for k < hi && (a.its[k].kind == punct || a.its[k].kind == word && a.l.leads[a.its[k].low]) {
		k++
	}
	return k
}

// subject finds the subject of the verb at item v, not before item lo:
// skipping adverbs and auxiliaries ("also", "has"), a parenthesis between
// commas or dashes ("Nazer, in an interview with Reuters, said"), and a
// relative pronoun ("Chen Shibiao, who said").
func (a *analysis) subject(v, lo int) (np [2]int, ok bool) {
	k := v - 1
	if a.its[v].low == "saying" && k-2 >= lo && a.its[k].low == "as" {
		// "the radio quoted him as saying": the speaker is the object.
		for o := k - 1; o > lo && o >= k-6; o-- {
			if a.its[o].low == "quoted" && a.its[o].kind == word {
				if np, ok := a.npForward(o+1, k); ok && np[1] == k {
					return np, true
				}
				break
			}
		}
		for k >= lo && a.its[k].kind == word && (a.its[k].low == "as" || a.its[k].low == "quoted" || a.its[k].low == "been") {
			k--
		}
	}
	passive := false
	for j := k; j >= lo && a.its[j].kind == word && a.l.skips[a.its[j].low]; j-- {
		switch a.its[j].low {
		case "is", "was", "been", "were", "are":
			passive = true
		}
	}
	if passive && a.its[v].low != "saying" {
		return np, false // "it is predicted", "was said to be"
	}
	for k >= lo && a.its[k].kind == word && a.l.skips[a.its[k].low] {
		k--
	}
	if k < lo {
		return np, false
	}
	it := a.its[k]
	if it.kind == word {
		if it.low == "and" {
			// "He hinted at …, and said": the subject opens the sentence.
			if s := a.skipLeads(lo, k); s < k {
				if np, ok := a.npForward(s, k); ok && (a.isPronoun(np) || a.its[np[1]-1].cap || a.l.isRole(a.its[np[1]-1].low)) {
					return np, true
				}
			}
			return np, false
		}
		if it.low == "who" || it.low == "which" {
			k--
			if k >= lo && a.its[k].kind == punct && a.its[k].low == "," {
				k--
			}
			if k < lo {
				return np, false
			}
			return a.npBackward(k, lo)
		}
		return a.npBackward(k, lo)
	}
	if it.kind != punct {
		return np, false
	}
	closeMark := it.low
	openMark := closeMark
	switch closeMark {
	case ",", "-", "—", "–":
	case ")":
		openMark = "("
	default:
		return np, false
	}
	for tries, j := 0, k-1; tries < 4 && j > lo; j-- {
		t := a.its[j]
		if t.kind == quoteItem {
			return np, false
		}
		if t.kind != punct || t.low != openMark && !(openMark != "(" && strings.Contains(",-—–", t.low)) {
			continue
		}
		tries++
		m := j - 1
		if m >= lo && a.its[m].kind == punct && a.its[m].low == ")" {
			for m >= lo && !(a.its[m].kind == punct && a.its[m].low == "(") {
				m--
			}
			m--
		}
		if m >= lo && a.its[m].kind == word && (a.its[m].low == "who" || a.its[m].low == "which") {
			continue
		}
		if np, ok := a.npBackward(m, lo); ok && np[1] == m+1 && !notSpeaker[a.its[np[1]-1].low] {
			return np, true
		}
	}
	// "NYMEX President Rosemary McFadden, said": a stray comma.
	if np, ok := a.npBackward(k-1, lo); ok && a.its[np[1]-1].cap && !notSpeaker[a.its[np[1]-1].low] {
		return np, true
	}
	return np, false
}

// notSpeaker are capitalised words that end a phrase but never name a
// speaker: months and days.
var notSpeaker = newSet(`january february march april may june july august september october
	november december monday tuesday wednesday thursday friday saturday sunday`)

// npWord reports whether item k can be part of a speaker phrase.
func (a *analysis) npWord(k int) bool {
	it := a.its[k]
	if it.kind != word {
		return false
	}
	l := a.l
	if it.cap {
		return !l.verbs[it.low] || it.low == "states"
	}
	if r := it.low[0]; r >= '0' && r <= '9' {
		return k > 0 && a.its[k-1].low == "of" // "the Trade Act of 1974"
	}
	switch it.low {
	case "of", "and", "&":
		return true
	}
	if particles[it.low] && k+1 < len(a.its) && a.its[k+1].cap {
		return true
	}
	return l.modifiers[it.low] || l.titles[it.low] || l.isRole(it.low) || possessive(it.low)
}

func possessive(w string) bool { return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") }

// determiners open a phrase whose head may be any noun.
var determiners = newSet(`the a an this one another`)

// npStop are lower-case words that never sit inside a speaker phrase.
var npStop = newSet(`that which who whom whose when where while if because as to in on at by for
	with from after before about into over under than not no would will could should may might
	is was are were be been has have had do did does it he she they we i`)

// npBackward collects the speaker phrase that ends at item k (inclusive)
// and starts at or after lo.
func (a *analysis) npBackward(k, lo int) (np [2]int, ok bool) {
	if k < lo || a.its[k].kind != word {
		return np, false
	}
	if _, isPron := a.l.pronouns[a.its[k].low]; isPron {
		return [2]int{k, k + 1}, true
	}
	if !a.npWord(k) {
		// "the 30-year-old", "the alliance": a determiner, then any noun.
		it := a.its[k]
		if it.kind != word || it.cap || npStop[it.low] || a.l.verbs[it.low] || strings.HasSuffix(it.low, "ly") {
			return np, false
		}
		for d := k - 1; d >= lo && d >= k-4; d-- {
			if a.its[d].kind == word && determiners[a.its[d].low] {
				// "another participant in the meeting", "the chief
				// executive of a leading European car maker"
				if d-2 >= lo && a.its[d-1].kind == word && (prepositions[a.its[d-1].low] || a.its[d-1].low == "of") {
					if np, ok := a.npBackward(d-2, lo); ok && !a.isPronoun(np) && (a.its[d-1].low != "of" || a.l.isRole(a.its[np[1]-1].low)) {
						return [2]int{np[0], k + 1}, true
					}
				}
				if k-d > 3 {
					return np, false
				}
				return a.trimNP(d, k+1)
			}
			if a.its[d].kind != word || a.its[d].cap && k-d > 2 || npStop[a.its[d].low] || a.l.verbs[a.its[d].low] {
				break
			}
		}
		return np, false
	}
	s := k
	for j := k - 1; j >= lo; j-- {
		it := a.its[j]
		if a.npWord(j) {
			if it.cap && a.l.verbs[it.low] {
				break
			}
			s = j
			continue
		}
		// "Mr. Smith", "Carl C. Icahn": the full stop of an abbreviation.
		if it.kind == punct && it.low == "." && j > lo && a.its[j-1].kind == word && a.its[j-1].span.End == it.span.Start && a.l.abbreviation(a.its[j-1]) {
			s = j
			continue
		}
		// Up to two other words between a determiner and the head ("the
		// company's top trade negotiator").
		if it.kind == word && !it.cap && !npStop[it.low] && !a.l.verbs[it.low] {
			m, n := j, 0
			for m >= lo && n < 2 && a.its[m].kind == word && !a.npWord(m) && !a.its[m].cap && !npStop[a.its[m].low] && !a.l.verbs[a.its[m].low] {
				m--
				n++
			}
			if m >= lo && a.its[m].kind == word && (a.l.modifiers[a.its[m].low] || possessive(a.its[m].low)) {
				s, j = m, m
				continue
			}
		}
		break
	}
	// "a U.S. Government official in Tokyo", "a spokeswoman for Oxford
	// University": a role, then a place or an organisation.
	if s-2 >= lo && a.its[s-1].kind == word && prepositions[a.its[s-1].low] && a.its[k].cap {
		if np, ok := a.npBackward(s-2, lo); ok && a.its[np[1]-1].kind == word && !a.its[np[1]-1].cap {
			return [2]int{np[0], k + 1}, true
		}
	}
	// "an official at one of four banks": a role, a preposition, "one of"
	// and the organisation.
	o := s
	for n := 0; n < 2 && o-1 >= lo && a.its[o-1].kind == word && !a.its[o-1].cap && !npStop[a.its[o-1].low] && a.its[o-1].low != "of"; n++ {
		o-- // "four", "the", "its"
	}
	if o-4 >= lo && a.its[o-1].low == "of" && a.its[o-2].low == "one" && prepositions[a.its[o-3].low] {
		if np, ok := a.npBackward(o-4, lo); ok && a.its[np[1]-1].kind == word && !a.its[np[1]-1].cap && a.l.isRole(a.its[np[1]-1].low) {
			return [2]int{np[0], k + 1}, true
		}
	}
	return a.trimNP(s, k+1)
}

// prepositions may join a role to the place or organisation it belongs to.
var prepositions = newSet(`in at for from with`)

// npForward collects the speaker phrase that starts at item k and ends
// before hi.
func (a *analysis) npForward(k, hi int) (np [2]int, ok bool) {
	if k >= hi || a.its[k].kind != word {
		return np, false
	}
	if _, isPron := a.l.pronouns[a.its[k].low]; isPron {
		return [2]int{k, k + 1}, true
	}
	e, unknown := k, 0
	for j := k; j < hi; j++ {
		it := a.its[j]
		if a.npWord(j) {
			if it.kind == word && !it.cap && a.l.verbs[it.low] {
				break
			}
			e, unknown = j+1, 0
			continue
		}
		if it.kind == punct && it.low == "." && j > k && a.its[j-1].span.End == it.span.Start && a.initial(a.its[j-1]) && j+1 < hi && a.its[j+1].kind == word && a.its[j+1].cap {
			continue
		}
		if it.kind == word && !it.cap && !npStop[it.low] && !a.l.stops[it.low] && !a.l.verbs[it.low] && unknown < 3 && !strings.HasSuffix(it.low, "ing") && !strings.HasSuffix(it.low, "ed") && !strings.HasSuffix(it.low, "ly") {
			unknown++
			continue // an unlisted word inside the phrase: "a U.S. Bank foreign exchange manager"
		}
		break
	}
	if e == k && unknown > 0 && a.l.modifiers[a.its[k].low] {
		e = k + 1 + unknown // "said the 20-year-old"
	}
	return a.trimNP(k, e)
}

// initial reports whether a word before a full stop keeps a name going: an
// initial ("C."), dotted initials ("P.S."), or an honorific ("Mr.").
func (a *analysis) initial(it item) bool {
	if utf8.RuneCountInString(it.low) == 1 && it.cap || strings.Contains(it.low, ".") {
		return true
	}
	return a.l.isHonorific(it.low) || a.l.titles[it.low]
}

// trimNP drops openers and joining words from the ends of a phrase and
// checks that it ends in a head: a name, a title, a role or a pronoun.
func (a *analysis) trimNP(s, e int) (np [2]int, ok bool) {
	for s < e {
		it := a.its[s]
		if it.kind == word && (it.low == "of" || it.low == "and" || it.low == "&" || a.l.leads[it.low] && e-s > 1) {
			s++
			continue
		}
		if it.kind == punct {
			s++
			continue
		}
		break
	}
	for e > s {
		it := a.its[e-1]
		if it.kind == word && (it.low == "of" || it.low == "and" || it.low == "&" || a.l.modifiers[it.low]) || it.kind == punct {
			e--
			continue
		}
		break
	}
	if s >= e {
		return np, false
	}
	head := a.its[e-1]
	if !head.cap && !a.l.titles[head.low] && !a.l.isRole(head.low) {
		_, pron := a.l.pronouns[head.low]
		// "the alliance", "the 47-year-old": after a determiner, any noun.
		det := e-s >= 2 && e-s <= 5 && determiners[a.its[s].low] && !npStop[head.low] && !strings.HasSuffix(head.low, "ly")
		if !pron && !det {
			return np, false
		}
	}
	return [2]int{s, e}, true
}
