package quote

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/stemmanews/stemma"
)

// This file reports quotes whose attribution fails within the article
// itself, whatever its sources say: an orphaned "he said"
// ([stemma.QuoteOrphaned]) and a quote with no speaker at all
// ([stemma.QuoteUnattributed]).

// minUnattributedWords is the fewest words an unattributed quote needs to
// be reported: shorter ones are scare quotes and terms ("stupid", "boots on
// the ground").
const minUnattributedWords = 4

// attributionFindings returns the orphaned and unattributed quotes of an
// analysed text, in text order. skip lists quotes that already have a
// speaker finding against a source, which says more.
func (a *analysis) attributionFindings(quotes []Quotation, skip map[int]bool) []stemma.QuoteFinding {
	if a.lowerCase() {
		return nil // no capitals, so no names to find: nothing to say
	}
	if len(a.l.verbs) == 0 {
		return nil // a table of marks alone (Chinese, Japanese) reads no speakers
	}
	var out []stemma.QuoteFinding
	for qi, q := range quotes {
		if skip[qi] {
			continue
		}
		switch {
		case q.Orphaned && !q.Unclosed && !a.regions[a.orphanRoot(qi)].q.Unclosed:
			out = append(out, a.orphaned(qi, q))
		case a.unattributed(qi):
			out = append(out, stemma.QuoteFinding{
				Kind: stemma.QuoteUnattributed, Severity: stemma.Low,
				Explanation: fmt.Sprintf("Quote %s has no speaker: no cue names one, and no one is named in the sentences around it.", show(a.text, q.Text)),
				Quote:       q.Quote, Text: a.text[q.Text.Start:q.Text.End],
			})
		}
	}
	return out
}

// aboutSomeone reports whether sentence s names a person or refers to
// one: a person mention, a capitalised word the tables know as a first
// name, or, when pronouns is set, a personal pronoun other than "it".
func (a *analysis) aboutSomeone(s int, pronouns bool) bool {
	for _, i := range a.bySent[s] {
		if a.mentions[i].person {
			return true
		}
	}
	for j := a.sents[s][0]; j < a.sents[s][1]; j++ {
		it := a.its[j]
		if it.kind != word {
			continue
		}
		if _, ok := a.l.pronouns[it.low]; pronouns && (ok && it.low != "it" || it.low == "his" || it.low == "their") {
			return true // "… pleased with his performance. "…""
		}
		if it.cap && a.l.firstNames[it.low] != Unknown {
			return true // "Jamie heads to Poland …"
		}
	}
	return false
}

// lowerCase reports whether the text outside quotes is written without
// capitals (some wire stories are), so that names cannot be told from
// other words: fewer than one word in twenty starts with a capital.
func (a *analysis) lowerCase() bool {
	words, caps := 0, 0
	for _, it := range a.its {
		if it.kind == word {
			words++
			if it.cap {
				caps++
			}
		}
	}
	return words >= 50 && caps*20 < words
}

// orphaned describes the orphaned quote qi: the pronoun, and the nearest
// institution or place before it, if any, which the pronoun cannot be.
func (a *analysis) orphaned(qi int, q Quotation) stemma.QuoteFinding {
	// The quote the pronoun belongs to: this one, or the one it goes on
	// from.
	root := a.orphanRoot(qi)
	var pron string
	var at stemma.Span
	if r := a.regions[root].q; r.Attribution == stemma.Pronoun {
		at = r.Speaker
	} else if p, ok := a.subjectPronoun(root); ok {
		at = p
	}
	if at != (stemma.Span{}) {
		pron = strings.ToLower(a.text[at.Start:at.End])
	}
	if pron == "" {
		pron = "he"
	}
	what := fmt.Sprintf("is attributed only by %q", pron)
	switch {
	case root != qi:
		what = fmt.Sprintf("goes on from a quote attributed only by %q", pron)
	case a.regions[root].q.Attribution == stemma.Continued:
		what = fmt.Sprintf("follows a sentence whose speaker is only %q", pron)
	}
	why := fmt.Sprintf("no person named before it can be %q", pron)
	if m, ok := a.nearestNonPerson(at); ok {
		why += fmt.Sprintf(" (the nearest name, %q, is not a person)", clean(a.text[m.Start:m.End]))
	}
	return stemma.QuoteFinding{
		Kind: stemma.QuoteOrphaned, Severity: stemma.Medium,
		Explanation: fmt.Sprintf("Quote %s %s, but %s: the article does not say who said it.", show(a.text, q.Text), what, why),
		Quote:       q.Quote, Text: a.text[q.Text.Start:q.Text.End],
	}
}

// orphanRoot returns the orphaned quote that orphaned quote qi goes on
// from, or qi.
func (a *analysis) orphanRoot(qi int) int {
	for qi > 0 && a.regions[qi].q.Attribution == stemma.Continued && a.orphan[qi-1] {
		qi--
	}
	return qi
}

// subjectPronoun returns the pronoun that is the subject of the reporting
// verb in the sentence before quote qi ("He said …. "…""), if any.
func (a *analysis) subjectPronoun(qi int) (stemma.Span, bool) {
	si := a.sentOf[a.itemOf[qi]]
	if si == 0 {
		return stemma.Span{}, false
	}
	s := a.sents[si-1]
	for v := s[1] - 1; v >= s[0]; v-- {
		if end, ok := a.verbAt(v, s[1]); ok && !a.isPhrase(v, end) {
			if np, ok := a.subject(v, s[0]); ok && a.isPronoun(np) {
				return a.spanOf(np), true
			}
		}
	}
	return stemma.Span{}, false
}

// nearestNonPerson returns the nearest phrase before the pronoun at pos,
// within the sentences a pronoun looks back over, that names an
// institution, a document or a place: a mention that is not a person, or
// a determiner and a noun such as "ministry" or "statement".
func (a *analysis) nearestNonPerson(pos stemma.Span) (stemma.Span, bool) {
	k := a.itemAt(pos.Start)
	if k < 0 {
		return stemma.Span{}, false
	}
	neuter := map[int]stemma.Span{} // by the item a neuter mention ends at
	for _, m := range a.mentions {
		if m.neuter && !m.person && m.span.End <= pos.Start {
			if e := a.itemAt(m.span.Start); e >= 0 {
				for e < len(a.its) && a.its[e].span.End < m.span.End {
					e++
				}
				neuter[e] = m.span
			}
		}
	}
	lo := a.sents[max(0, a.sentOf[k]-maxLookback)][0]
	for j := k - 1; j >= lo; j-- {
		if sp, ok := neuter[j]; ok {
			return sp, true
		}
		if it := a.its[j]; it.kind == word && !it.cap && things[a.l.singular(it.low)] && j > 0 && determiners[a.its[j-1].low] {
			return a.spanOf([2]int{j - 1, j + 1}), true
		}
	}
	return stemma.Span{}, false
}

// itemAt returns the index of the item starting at byte offset pos, or -1.
func (a *analysis) itemAt(pos int) int {
	lo, hi := 0, len(a.its)
	for lo < hi {
		mid := (lo + hi) / 2
		if a.its[mid].span.Start < pos {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(a.its) && a.its[lo].span.Start == pos {
		return lo
	}
	return -1
}

// unattributed reports whether quote qi is speech with no speaker at all:
// it has no attribution, is a sentence of its own (so not a term inside
// one), has at least minUnattributedWords words and is not a title in
// title case; no colon introduces it; it does not follow another quote
// closely (that one would be reported, or it would go on from it); and
// the sentence before it mentions no one (a reader would give the quote
// to them).
func (a *analysis) unattributed(qi int) bool {
	q := a.regions[qi].q
	if q.Attribution != stemma.Unattributed || q.Unclosed {
		return false // an unclosed quote may hold its own cue
	}
	text := a.text[q.Text.Start:q.Text.End]
	words, capital := 0, 0
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' }) {
		words++
		if r := []rune(f)[0]; unicode.IsUpper(r) {
			capital++
		}
	}
	if words < minUnattributedWords || 2*capital > words {
		return false
	}
	k := a.itemOf[qi]
	si := a.sentOf[k]
	s := a.sents[si]
	for j := s[0]; j < s[1]; j++ {
		if j != k && a.its[j].kind != punct {
			return false
		}
	}
	if k > 0 {
		if p := a.its[k-1]; p.kind == punct && p.low == ":" {
			return false
		}
	}
	para := a.its[k].para
	if qi > 0 {
		pk := a.itemOf[qi-1]
		if a.sentOf[pk] >= si-1 && para-a.regions[qi-1].last <= 1 {
			return false
		}
	}
	// A person named in the two sentences before it (within a paragraph of
	// it), or a he, she or they there, or a person named in the rest of its
	// own paragraph, is whom a reader gives the quote to.
	for _, c := range []int{si - 2, si - 1, si + 1} {
		if c < 0 || c >= len(a.sents) {
			continue
		}
		cs := a.sents[c]
		if c < si && para-a.its[cs[1]-1].para > 1 || c > si && a.its[cs[0]].para != lastPara(a.its[k], a.regions) {
			continue // before: within a paragraph; after: in the quote's own
		}
		if a.aboutSomeone(c, c < si) {
			return false
		}
	}
	return true
}
