package spin

import (
	"fmt"
	"strings"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/freq"
	"github.com/stemmanews/stemma/thesaurus"
	"github.com/stemmanews/stemma/tokenize"
)

// rareCandidate is a content word with synonyms and the words around it.
type rareCandidate struct {
	i           int    // token
	word        string // lower case
	left, right string // neighbours in the same phrase, "" if none
	// slots of the counts of the pairs (left, word) and (word, right).
	l, r int
	// syns and their slots in the second query, (left, s) and (s, right).
	syns       []string
	sl, sr     []int
	contextual bool // the corpus never writes word between its neighbours
}

// rareCandidates finds the words a spinner swaps: words of three letters
// or more, in lower case (or capitalised at the start of a sentence), not
// stopwords, with a single-word WordNet synonym, beside at least one
// other word in the same phrase (white space between, no punctuation).
// It queues the corpus counts of the word beside its neighbours.
func (f *Finder) rareCandidates(text string, toks []tokenize.Token, ws []word, q *query) []rareCandidate {
	var out []rareCandidate
	for i, w := range ws {
		if w.skip || !w.letters || len(w.lower) < 3 || thesaurus.IsStopword(w.lower) {
			continue
		}
		if w.text != w.lower && !(w.start && w.capped && !(i+1 < len(ws) && ws[i+1].capped)) {
			continue // a name, or capitals
		}
		c := rareCandidate{i: i, word: w.lower, l: -1, r: -1}
		if i > 0 && freq.SpaceOnly(gap(text, toks, i)) && !ws[i].start {
			c.left = ws[i-1].lower
		}
		if i+1 < len(ws) && freq.SpaceOnly(gap(text, toks, i+1)) && !ws[i+1].start {
			c.right = ws[i+1].lower
		}
		if c.left == "" && c.right == "" {
			continue
		}
		c.syns = f.synonyms(w.lower)
		if len(c.syns) == 0 {
			continue
		}
		if c.left != "" {
			c.l = q.add(freq.Pair(c.left, c.word))
		}
		if c.right != "" {
			c.r = q.add(freq.Pair(c.word, c.right))
		}
		out = append(out, c)
	}
	return out
}

// synonyms returns the single-word synonyms of a lower-case word that are
// not stopwords, from the thesaurus once per word. The result is shared:
// callers must not change it.
func (f *Finder) synonyms(w string) []string {
	if v, ok := f.syns.Load(w); ok {
		return v.([]string)
	}
	var out []string
	for _, s := range f.th.Synonyms(w) {
		if s != w && onlyLetters(s) && !thesaurus.IsStopword(s) {
			out = append(out, s)
		}
	}
	f.syns.Store(w, out)
	return out
}

// synonymKeys queues, for a word the corpus never writes beside its
// neighbours (first holds those counts), the counts of each synonym beside
// them.
func (f *Finder) synonymKeys(c *rareCandidate, first, second *query) {
	if first.n(c.l)+first.n(c.r) > 0 {
		return
	}
	c.contextual = true
	for _, s := range c.syns {
		sl, sr := -1, -1
		if c.left != "" {
			sl = second.add(freq.Pair(c.left, s))
		}
		if c.right != "" {
			sr = second.add(freq.Pair(s, c.right))
		}
		c.sl, c.sr = append(c.sl, sl), append(c.sr, sr)
	}
}

// rareTell returns the tell of a word the corpus never writes beside its
// neighbours where it writes a synonym there often: at least MinContext
// times in all, and beside each neighbour that any synonym occurs beside
// (a neighbour no synonym is ever seen with, a rare name or a number, says
// nothing either way). A synonym seen on one side only of a word between
// two informative neighbours is a writer's other choice as often as a
// spinner's.
func (f *Finder) rareTell(text string, toks []tokenize.Token, c rareCandidate, first, second *query) (stemma.Tell, bool) {
	if !c.contextual {
		return stemma.Tell{}, false
	}
	infoL, infoR := false, false
	for k := range c.syns {
		infoL = infoL || second.n(c.sl[k]) > 0
		infoR = infoR || second.n(c.sr[k]) > 0
	}
	best, bestN := -1, int64(0)
	for k := range c.syns {
		nl, nr := second.n(c.sl[k]), second.n(c.sr[k])
		if infoL && nl == 0 || infoR && nr == 0 {
			continue
		}
		if n := nl + nr; n > bestN {
			best, bestN = k, n
		}
	}
	if best < 0 || bestN < f.opts.MinContext {
		return stemma.Tell{}, false
	}
	s := c.syns[best]
	var around, where []string
	if c.left != "" {
		around = append(around, fmt.Sprintf("%q", c.left+" "+c.word))
		if n := second.n(c.sl[best]); n > 0 {
			where = append(where, fmt.Sprintf("%q %s", c.left+" "+s, times(n)))
		}
	}
	if c.right != "" {
		around = append(around, fmt.Sprintf("%q", c.word+" "+c.right))
		if n := second.n(c.sr[best]); n > 0 {
			where = append(where, fmt.Sprintf("%q %s", s+" "+c.right, times(n)))
		}
	}
	t := toks[c.i]
	return stemma.Tell{
		Article: stemma.Span{Start: int(t.Start), End: int(t.End)}, Text: text[t.Start:t.End], Kind: stemma.RareSynonym,
		Reason: fmt.Sprintf("the indexed news never writes %s but writes its synonym %q there (%s): the word a spinner swaps in",
			strings.Join(around, " or "), s, strings.Join(where, ", ")),
	}, true
}
