package translate

import (
	"cmp"
	"slices"
	"sync"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/fingerprint"
	"github.com/stemmanews/stemma/lang"
)

// The reverse search: an English article that translates a text in the
// aligner's language. The index holds that text's cross-language sketches
// (fingerprint.CrossSketches: pairs of its words' first letters), and the
// article's words guess them through the dictionary read backwards.

// reverse is a Dictionary read from English: for each English stem, the
// cross terms (fingerprint.CrossTerm) of the foreign words that translate
// to it. It is built on first use; a forward search never pays for it.
type reverse struct {
	once  sync.Once
	at    map[string]int32 // an English stem's index in Dictionary.stems
	terms [][]uint64       // by stem index, sorted
}

// fromEnglish returns the cross terms of the foreign words that an
// English word may translate, or nil.
func (d *Dictionary) fromEnglish(word string) []uint64 {
	d.rev.once.Do(d.buildReverse)
	i, ok := d.rev.at[EnglishStem(word)]
	if !ok {
		return nil
	}
	return d.rev.terms[i]
}

func (d *Dictionary) buildReverse() {
	r := &d.rev
	r.at = make(map[string]int32, len(d.stems))
	for i, s := range d.stems {
		r.at[s] = int32(i)
	}
	// An English word is the translation of many foreign words ("tax":
	// over a hundred German ones, most of them compounds), too many to
	// guess a sentence's sketch from: each stem keeps the maxReverse
	// foreign words it translates most directly, those that give it
	// first among the fewest translations. The keys include the foreign
	// words' stems ("annonc" for "annoncer"), whose cross key is the
	// word's own unless the stem is shorter than one.
	type entry struct {
		term     uint64
		pos, all int // the stem's place among the word's translations, and their number
	}
	byStem := make([][]entry, len(d.stems))
	for k, to := range d.to {
		t, ok := fingerprint.CrossTerm(k)
		if !ok {
			continue
		}
		for p, i := range to {
			byStem[i] = append(byStem[i], entry{t, p, len(to)})
		}
	}
	r.terms = make([][]uint64, len(d.stems))
	for i, es := range byStem {
		slices.SortFunc(es, func(x, y entry) int {
			return cmp.Or(cmp.Compare(x.pos, y.pos), cmp.Compare(x.all, y.all), cmp.Compare(x.term, y.term))
		})
		var ts []uint64
		for _, e := range es {
			if len(ts) == maxReverse {
				break
			}
			if !slices.Contains(ts, e.term) {
				ts = append(ts, e.term)
			}
		}
		r.terms[i] = ts
	}
}

// maxReverse is the most foreign words an English stem is guessed to
// translate. Chosen on NTREX-128 among 4, 8, 16 and 32: each step up
// found more of the excerpts of 3 sentences (8 to 32: +0.04 to +0.12 by
// language), whole articles the same from 16, and the trace's median
// time grew by half from 16 to 32.
const maxReverse = 32

// ReverseSketches returns the fingerprints to look up in an index to find
// the texts in the aligner's language that an English article translates:
// for each of its sentences, the cross terms ([fingerprint.CrossTerm]) of
// the foreign words its content words may translate (each word's entries
// in the dictionary read backwards, and the word itself: a name, a number
// or a shared root), and the cross-language sketch fingerprint
// ([fingerprint.CrossPair]) of each pair of them that a sketch could
// sample. It mirrors [Aligner.Sketches], and skip is as there.
func (a *Aligner) ReverseSketches(text string, skip func(stemma.Span) bool) []uint64 {
	guess := func(w string, dst []uint64) []uint64 {
		if t, ok := fingerprint.CrossTerm(w); ok {
			dst = append(dst, t)
		}
		return append(dst, a.dict.fromEnglish(w)...)
	}
	return sentenceGuesses(text, skip, englishContent, guess, fingerprint.CrossPair)
}

// englishContent reports whether an English word is a content word.
func englishContent(w string) bool {
	return !lang.IsFunctionWord("en", w) && !englishFunction[EnglishStem(w)]
}
