package align

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zeebo/xxh3"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/fingerprint"
	"github.com/stemmanews/stemma/stem"
	"github.com/stemmanews/stemma/tokenize"
)

// Paraphrase alignment finds passages whose words were reworded, shuffled,
// cut or added to, so that few runs of Seed equal words survive. It works on
// sentences, after the sentence-level seeding of Sanchez-Perez, Sidorov and
// Gelbukh ("A Winning Approach to Text Alignment for Text Reuse Detection
// at PAN 2014", CLEF 2014):
//
//  1. Units: both texts are split into sentences (token ranges), each read
//     as the bag of its content words, stemmed (Snowball, in the language
//     SetLanguage gives when package stem has it, else English), with
//     English function words left out: rewording keeps names, numbers and
//     rare content words, the "immutables" of DSpin (Zhang et al., NDSS
//     2014), and changes the rest.
//  2. Seeds: a pair of sentences is a seed when the cosine of their tf-idf
//     vectors (idf over the sentences of both texts) and the Dice
//     coefficient of their word sets both reach their thresholds.
//     A seed much less alike than the best seed of either of its
//     sentences is dropped (see dominant).
//  3. Fragments: seeds within a few sentences of one another in both texts
//     are grouped; a group is a passage when the tf-idf cosine of its two
//     sides as wholes reaches a threshold, else it is split with a smaller
//     gap. Seeds close in a but far apart in b make one passage when they
//     read as a summary of b (see summaries).
//  4. Extension: a fragment that is a passage on its own grows over the
//     sentence pairs next to it that are only weakly alike (see extend),
//     and its edges inside its first and last sentences are where the
//     words the other side has begin and end (see edges).
//  5. Edit script: the words of the two sides are aligned exactly (longest
//     common subsequence), so reordered words become insertions and
//     deletions.

// Paraphrase thresholds.
const (
	// seedCosine and seedDice are the least similarity of a seed pair of
	// sentences.
	seedCosine = 0.33
	seedDice   = 0.33
	// A sentence mostly contained in the other (seedContainment of the
	// smaller's distinct content words, at least minContainedStems) is a
	// seed too: one of two sentences that a copy or its source ran
	// together, or a sentence cut short.
	seedContainment   = 0.6
	minContainedStems = 4
	// weakCosine and weakDice are the least similarity of a pair of
	// sentences that continues a passage next to them in both texts (see
	// extend), with at least minWeakStems shared content words: next to
	// a reused sentence a weaker likeness is enough.
	weakCosine   = 0.15
	weakDice     = 0.15
	minWeakStems = 2
	// fragmentCosine is the least cosine of a passage's two sides.
	fragmentCosine = 0.34
	// maxSentenceGap is the most sentences between two seeds of one
	// passage, on either side.
	maxSentenceGap = 4
	// minParaphraseWords is the fewest words on the article side of a
	// paraphrased passage, and minSharedStems the fewest distinct content
	// stems its two sides share.
	minParaphraseWords = 15
	minSharedStems     = 5
	// maxUnitWords splits a sentence longer than this (text with no
	// punctuation) into pieces; minUnitStems joins a sentence with fewer
	// content words to the next.
	maxUnitWords = 60
	minUnitStems = 3
	// maxLCSCells bounds the exact alignment of a passage's words; a
	// larger passage is aligned sentence pair by sentence pair.
	maxLCSCells = 1 << 20
)

// unit is one sentence of a text: tokens [t0, t1) and its content stems,
// sorted and unique, with their counts.
type unit struct {
	t0, t1 int
	stems  []stemCount
	norm   float64 // of the tf-idf vector
}

type stemCount struct {
	stem uint64
	n    int32
	w    float64 // n·idf, set once the texts' idf is known
	imm  immKind // written as a name or a number somewhere
}

// immKind says whether a stem is written as a name or a number.
type immKind uint8

const (
	notImmutable immKind = iota
	name
	number
)

// immutable says whether a word is a number (it has a digit) or a name
// (it starts with a capital letter where a sentence does not start):
// rewording keeps both, the "immutables" of DSpin.
func immutable(text string, t tokenize.Token, first bool) immKind {
	w := text[t.Start:t.End]
	for i := 0; i < len(w); i++ {
		if '0' <= w[i] && w[i] <= '9' {
			return number
		}
	}
	if first {
		return notImmutable
	}
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
		return name
	}
	return notImmutable
}

// immutables counts the stems of kind k in a and in b, and those they
// share.
func immutables(a, b []stemCount, k immKind) (na, nb, shared int) {
	for _, s := range a {
		if s.imm == k {
			na++
		}
	}
	for _, s := range b {
		if s.imm == k {
			nb++
		}
	}
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].stem < b[j].stem:
			i++
		case a[i].stem > b[j].stem:
			j++
		default:
			if a[i].imm == k || b[j].imm == k {
				shared++
			}
			i++
			j++
		}
	}
	return na, nb, shared
}

// minNumbers is the most numbers each side of a paraphrase can have
// without sharing half of the smaller side's: a rewording keeps its
// figures, and two texts of one template with other figures (earnings
// tables, bond terms, "the Bank of England said it provided the market
// with 15 mln stg") are not one text reworded.
const minNumbers = 2

// numbersDisagree reports whether both sides have at least minNumbers
// numbers and share fewer than half of the smaller side's.
func numbersDisagree(a, b []stemCount) bool {
	na, nb, shared := immutables(a, b, number)
	return na >= minNumbers && nb >= minNumbers && 2*shared < min(na, nb)
}

// weight returns the weight of stem in u, or 0.
func (u *unit) weight(stem uint64) float64 {
	k, ok := slices.BinarySearchFunc(u.stems, stem, func(s stemCount, h uint64) int { return cmp.Compare(s.stem, h) })
	if !ok {
		return 0
	}
	return u.stems[k].w
}

// pairAcc accumulates the dot product and shared stems of one pair of
// sentences.
type pairAcc struct {
	dot    float64
	shared int
}

// seedPair is a seed: sentence i of a and j of b.
type seedPair struct {
	i, j int
	cos  float64
}

// paraphraser holds the buffers of paraphrase alignment.
type paraphraser struct {
	// lang is the language the stems are made in ("" for English), and
	// stemmer the stemmer used for it.
	lang    string
	stemmer *stem.Stemmer
	stems   map[uint64]uint64 // term → stem hash, a cache
	df      map[uint64]int32
	idf     map[uint64]float64
	inv     map[uint64][]int32 // stem → b's units that have it
	acc     []pairAcc
	touched []int32
	ua, ub  []unit
	// The stems of ua and ub; lastA is the text ua was made from.
	poolA, poolB []stemCount
	lastA        string
	lastLen      int
	word         []byte
}

// maxStemCache bounds the stem cache.
const maxStemCache = 1 << 18

func newParaphraser() *paraphraser {
	return &paraphraser{stemmer: stem.New("en"), stems: map[uint64]uint64{}, df: map[uint64]int32{}, idf: map[uint64]float64{}, inv: map[uint64][]int32{}}
}

// setLanguage makes the stems in a language from now on ("" for English):
// with its Snowball stemmer, or the English one when it has none (as for
// every language before: it cuts "-s" and a few more endings in many).
//
// The function words left out stay the English ones in every language.
// Leaving out a language's own most frequent words (lang.FunctionWords)
// instead lost recall in each language of the reworded suite (package
// bench), measured once with a switch not kept: its sentences then have
// fewer stems to share, and the seeding thresholds were set on English
// text.
func (p *paraphraser) setLanguage(code string) {
	if code == p.lang {
		return
	}
	p.lang = code
	if p.stemmer = stem.New(code); p.stemmer == nil {
		p.stemmer = stem.New("en")
	}
	clear(p.stems)
	p.lastA, p.lastLen = "", -1 // the article's units are remade
}

// stem returns the hash of the stem of token t of text, or 0 for a
// function word.
func (p *paraphraser) stem(text string, t tokenize.Token) uint64 {
	if fingerprint.IsStopword(t.Term) {
		return 0
	}
	if h, ok := p.stems[t.Term]; ok {
		return h
	}
	if len(p.stems) >= maxStemCache {
		clear(p.stems)
	}
	w := text[t.Start:t.End]
	p.word = p.word[:0]
	ascii := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		p.word = append(p.word, c)
	}
	var s string
	if ascii {
		s = string(p.word)
	} else {
		s = strings.ToLower(w)
	}
	s = strings.ReplaceAll(s, "\u2019", "'")
	if isWordy(s) {
		s = p.stemmer.Stem(s)
	}
	h := xxh3.HashString(s) | 1 // never 0
	p.stems[t.Term] = h
	return h
}

// isWordy reports whether s is made of letters (and apostrophes), so that
// stemming applies; numbers and codes are kept whole.
func isWordy(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '\'' {
			return false
		}
	}
	return true
}

// units splits a text into sentence units with their stems, appending to
// dst. The stems live in *pool, which the caller resets per text.
func (p *paraphraser) units(t text, dst []unit, pool *[]stemCount) []unit {
	toks := t.toks
	start := 0
	flush := func(end int) {
		if end <= start {
			return
		}
		u := unit{t0: start, t1: end}
		from := len((*pool))
		for k := start; k < end; k++ {
			if h := p.stem(t.s, toks[k]); h != 0 {
				(*pool) = append((*pool), stemCount{stem: h, n: 1, imm: immutable(t.s, toks[k], k == start)})
			}
		}
		out := countStems((*pool)[from:])
		(*pool) = (*pool)[:from+len(out)]
		u.stems = (*pool)[from : from+len(out) : from+len(out)]
		// A fragment too small to say anything joins the next sentence.
		if len(u.stems) < minUnitStems && end < len(toks) && end-start < maxUnitWords {
			(*pool) = (*pool)[:from]
			return
		}
		dst = append(dst, u)
		start = end
	}
	for k := 0; k < len(toks); k++ {
		if k+1 == len(toks) {
			flush(k + 1)
			break
		}
		if k+1-start >= maxUnitWords || tokenize.SentenceBreak(t.s, toks, k) {
			flush(k + 1)
		}
	}
	// A short last fragment joins the sentence before it.
	if n := len(dst); n > 1 && len(dst[n-1].stems) < minUnitStems {
		dst[n-2].t1 = dst[n-1].t1
		out := countStems(append(slices.Clone(dst[n-2].stems), dst[n-1].stems...))
		dst[n-2].stems = out
		dst = dst[:n-1]
	}
	return dst
}

// paraphrases returns the passages of a and b found by sentence alignment,
// as alignments with their edit scripts.
func (al *Aligner) paraphrases(at, bt text) []Alignment {
	p := al.para
	if p == nil {
		p = newParaphraser()
		al.para = p
	}
	p.setLanguage(al.lang)
	// The article is aligned against one candidate after another: its
	// units are made once.
	if len(at.toks) != p.lastLen || at.s != p.lastA {
		p.poolA = p.poolA[:0]
		p.ua = p.units(at, p.ua[:0], &p.poolA)
		p.lastA, p.lastLen = at.s, len(at.toks)
	}
	p.poolB = p.poolB[:0]
	p.ub = p.units(bt, p.ub[:0], &p.poolB)
	if len(p.ua) == 0 || len(p.ub) == 0 {
		clear(p.idf) // no content words: rangeFeatures finds nothing alike
		return nil
	}
	// Document frequencies over the sentences of both texts, and each
	// stem's idf once.
	clear(p.df)
	for _, us := range [][]unit{p.ua, p.ub} {
		for _, u := range us {
			for _, s := range u.stems {
				p.df[s.stem]++
			}
		}
	}
	nUnits := float64(len(p.ua) + len(p.ub))
	clear(p.idf)
	for stem, n := range p.df {
		p.idf[stem] = math.Log(1 + nUnits/float64(n))
	}
	idf := func(stem uint64) float64 { return p.idf[stem] }
	// Each unit's stems carry their weight, n·idf.
	clear(p.inv)
	for ui, us := range [][]unit{p.ua, p.ub} {
		for i := range us {
			var sum float64
			for k := range us[i].stems {
				s := &us[i].stems[k]
				s.w = float64(s.n) * p.idf[s.stem]
				sum += s.w * s.w
				if ui == 1 {
					p.inv[s.stem] = append(p.inv[s.stem], int32(i))
				}
			}
			us[i].norm = math.Sqrt(sum)
		}
	}
	// Seeds: every pair of sentences similar enough, found through the
	// stems they share (an inverted list of b's sentences by stem), so
	// that sentences with nothing in common cost nothing.
	var seeds, weak []seedPair
	if cap(p.acc) < len(p.ub) {
		p.acc = make([]pairAcc, len(p.ub))
	}
	acc := p.acc[:len(p.ub)]
	for i := range p.ua {
		ua := &p.ua[i]
		touched := p.touched[:0]
		for _, s := range ua.stems {
			for _, j := range p.inv[s.stem] {
				a := &acc[j]
				if a.shared == 0 {
					touched = append(touched, j)
				}
				a.shared++
				a.dot += s.w * p.ub[j].weight(s.stem)
			}
		}
		for _, j := range touched {
			a := acc[j]
			acc[j] = pairAcc{}
			ub := &p.ub[j]
			cos := 0.0
			if ua.norm > 0 && ub.norm > 0 {
				cos = a.dot / (ua.norm * ub.norm)
			}
			dice := 2 * float64(a.shared) / float64(len(ua.stems)+len(ub.stems))
			switch {
			case cos >= seedCosine && dice >= seedDice ||
				a.shared >= minContainedStems && containment(ua.stems, ub.stems, a.shared) >= seedContainment:
				seeds = append(seeds, seedPair{i, int(j), cos})
			case cos >= weakCosine && dice >= weakDice && a.shared >= minWeakStems:
				weak = append(weak, seedPair{i, int(j), cos})
			}
		}
		p.touched = touched
	}
	if len(seeds) == 0 {
		return nil
	}
	seeds = dominant(seeds, len(p.ua), len(p.ub))
	seeded := make([]bool, len(p.ua))
	for _, s := range seeds {
		seeded[s.i] = true
	}
	var frags []fragment
	al.fragments(seeds, maxSentenceGap, idf, &frags)
	frags = al.summaries(seeds, frags, idf)
	var out []Alignment
	for _, fr := range frags {
		aln, ok := p.passage(at, bt, fr)
		// Weak seeds only continue a passage that its strong seeds make
		// on their own.
		if ok && aln.Confidence() >= al.opts.MinConfidence {
			if ext := al.extend(fr, weak, seeded, idf); ext.units != fr.units {
				if x, xok := p.passage(at, bt, ext); xok && x.Confidence() >= al.opts.MinConfidence {
					aln = x
				}
			}
		}
		if ok && aln.Confidence() >= al.opts.MinConfidence {
			out = append(out, aln)
		}
	}
	return out
}

// passage makes the passage of a fragment, or reports that it has none:
// its two sides disagree on their figures, or it is too short.
func (p *paraphraser) passage(at, bt text, fr fragment) (Alignment, bool) {
	f := fr.units
	sa, sb := mergeStems(p.ua[f[0]:f[1]]), mergeStems(p.ub[f[2]:f[3]])
	if numbersDisagree(sa, sb) {
		return Alignment{}, false
	}
	na, nb, names := immutables(sa, sb, name)
	a0, a1 := p.edges(at, p.ua[f[0]], p.ua[f[1]-1], sb)
	b0, b1 := p.edges(bt, p.ub[f[2]], p.ub[f[3]-1], sa)
	if a1-a0 < minParaphraseWords || b1 <= b0 {
		return Alignment{}, false
	}
	aln := Alignment{A0: a0, A1: a1, B0: b0, B1: b1, Paraphrase: true, Cosine: fr.cosine, Shared: fr.shared, Sentences: fr.seeds}
	if u := na + nb - names; u > 0 {
		aln.Names = float64(names) / float64(u)
	}
	aln.Ops, aln.Matched = lcsOps(at.toks, bt.toks, a0, a1, b0, b1, nil, 0)
	return aln, true
}

// edges returns the token range of a passage from unit first to unit
// last (the same unit, or first before last): a sentence unit runs past
// the reused words, so the passage starts where the first unit's words
// begin to be found on the other side, and ends where the last unit's
// cease to be. Each content word scores +1 when the other side has its
// stem and -edgePenalty when it has not (function words score 0); the
// passage starts at the start of the first unit's best-scoring suffix and
// ends at the end of the last unit's best-scoring prefix (for one unit,
// its best-scoring stretch). So a heading or a half sentence on the same
// subject, run into the unit without a sentence break, is cut off, though
// it shares a word or two with the other side.
func (p *paraphraser) edges(t text, first, last unit, other []stemCount) (int, int) {
	score := func(k int) float64 {
		h := p.stem(t.s, t.toks[k])
		if h == 0 {
			return 0
		}
		if _, ok := slices.BinarySearchFunc(other, h, func(s stemCount, h uint64) int { return cmp.Compare(s.stem, h) }); ok {
			return 1
		}
		return -edgePenalty
	}
	if first.t0 == last.t0 {
		lo, hi := bestStretch(first.t0, first.t1, score)
		return lo, hi
	}
	lo := bestSuffix(first.t0, first.t1, score)
	hi := bestPrefix(last.t0, last.t1, score)
	return lo, max(lo, hi)
}

// edgePenalty is what a content word the other side lacks costs at a
// passage's edge, against 1 for one it has.
const edgePenalty = 0.25

// bestSuffix returns the start of the highest-scoring range [lo, t1) that
// starts with a positive score (the earliest of equal ones), or t1 when
// no range scores above 0.
func bestSuffix(t0, t1 int, score func(int) float64) int {
	best, at, sum := 0.0, t1, 0.0
	for k := t1 - 1; k >= t0; k-- {
		s := score(k)
		sum += s
		if s > 0 && sum >= best {
			best, at = sum, k
		}
	}
	return at
}

// bestPrefix returns the end of the highest-scoring range [t0, hi) that
// ends with a positive score (the latest of equal ones), or t0 when no
// range scores above 0.
func bestPrefix(t0, t1 int, score func(int) float64) int {
	best, at, sum := 0.0, t0, 0.0
	for k := t0; k < t1; k++ {
		s := score(k)
		sum += s
		if s > 0 && sum >= best {
			best, at = sum, k+1
		}
	}
	return at
}

// bestStretch returns the highest-scoring range [lo, hi) of [t0, t1)
// (Kadane's maximum subarray), the longest of equal ones, starting and
// ending with positive scores; lo == hi when nothing scores above 0.
func bestStretch(t0, t1 int, score func(int) float64) (int, int) {
	bestLo, bestHi, best := t0, t0, 0.0
	lo, sum, open := t0, 0.0, false
	for k := t0; k < t1; k++ {
		s := score(k)
		if !open || sum < 0 {
			if open = s > 0; !open {
				continue
			}
			lo, sum = k, 0
		}
		sum += s
		if s > 0 && (sum > best || sum == best && k+1-lo > bestHi-bestLo) {
			best, bestLo, bestHi = sum, lo, k+1
		}
	}
	return bestLo, bestHi
}

// fragment is a group of seeds: the unit ranges [a0, a1) and [b0, b1) it
// spans, their cosine and shared stems, and how many seeds it has.
type fragment struct {
	units         [4]int // sentences [units[0], units[1]) of a, [units[2], units[3]) of b
	cosine        float64
	shared, seeds int
}

// holds reports whether f's sentences lie within g's in both texts.
func (f fragment) holds(g fragment) bool {
	return f.units[0] <= g.units[0] && g.units[1] <= f.units[1] && f.units[2] <= g.units[2] && g.units[3] <= f.units[3]
}

// fragments groups seeds into passages (see the package comment above),
// appending them to out.
func (al *Aligner) fragments(seeds []seedPair, gap int, idf func(uint64) float64, out *[]fragment) {
	for _, g := range groupSeeds(seeds, gap, gap) {
		if fr, ok := al.fragment(g, idf); ok {
			*out = append(*out, fr)
			continue
		}
		if gap > 0 && len(g) > 1 {
			al.fragments(g, gap-1, idf, out)
		}
	}
}

// groupSeeds returns the connected components of seeds within gapA
// sentences of each other in a and gapB in b, sweeping the seeds in order
// of their sentence in a (it sorts seeds so).
func groupSeeds(seeds []seedPair, gapA, gapB int) [][]seedPair {
	slices.SortFunc(seeds, func(x, y seedPair) int { return cmp.Or(cmp.Compare(x.i, y.i), cmp.Compare(x.j, y.j)) })
	parent := make([]int, len(seeds))
	for k := range parent {
		parent[k] = k
	}
	find := func(k int) int {
		for parent[k] != k {
			parent[k] = parent[parent[k]]
			k = parent[k]
		}
		return k
	}
	for x := range seeds {
		for y := x + 1; y < len(seeds) && seeds[y].i-seeds[x].i <= gapA; y++ {
			if d := seeds[y].j - seeds[x].j; d <= gapB && d >= -gapB {
				if rx, ry := find(x), find(y); rx != ry {
					parent[ry] = rx
				}
			}
		}
	}
	at := map[int]int{} // root → its group
	var groups [][]seedPair
	for k := range seeds {
		r := find(k)
		g, ok := at[r]
		if !ok {
			g = len(groups)
			at[r] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], seeds[k])
	}
	return groups
}

// fragment returns the fragment of a group of seeds, the sentences from
// its first to its last seed in each text, if its two sides are alike
// enough as wholes.
func (al *Aligner) fragment(g []seedPair, idf func(uint64) float64) (fragment, bool) {
	f := [4]int{g[0].i, g[0].i + 1, g[0].j, g[0].j + 1}
	for _, s := range g[1:] {
		f[0], f[1] = min(f[0], s.i), max(f[1], s.i+1)
		f[2], f[3] = min(f[2], s.j), max(f[3], s.j+1)
	}
	cos, shared := al.rangeCosine(f, idf), al.sharedStems(f)
	return fragment{units: f, cosine: cos, shared: shared, seeds: len(g)}, cos >= fragmentCosine && shared >= minSharedStems
}

// Summaries. A copy that condenses its source, as a news brief condenses
// a wire story, says in a few sentences what a longer stretch of the
// source says in many, each sentence drawing on another part of it. Its
// seeds are close together in a and far apart in b, so fragments, which
// want them close in both, cut it into pieces of a sentence or two, each
// a passage, or too small to be one. After the adaptive behaviour for
// summaries of Sanchez-Perez, Sidorov and Gelbukh (CLEF 2014), seeds
// within maxSentenceGap sentences of one another in a are grouped however
// far apart they lie in b, and a group replaces the fragments it holds,
// as one passage, when:
//
//   - its seeds lie in at least summarySentences sentences of a, and it
//     joins at least two fragments;
//   - it condenses: its side in b spans at least summaryRatio times as
//     many sentences as its side in a;
//   - none of the fragments it joins is a run copied sentence by
//     sentence, at least copiedSentences sentences of a against at most
//     copiedRatio times as many of b: two copied passages near each other
//     in the copy are two passages, whatever lies between them in the
//     source;
//   - its two sides as wholes are alike, as a fragment's must be.
//
// The numbers were set on PAN 2013's training pairs (docs/benchmarks.md
// gives the test pairs): the summary pairs gain, and without the
// copied-run rule the pairs of copied passages lose precision, as
// separate passages are joined over the source text between them.
const (
	summarySentences = 3
	summaryRatio     = 2
	copiedSentences  = 3
	copiedRatio      = 2.5
)

// summaries returns frags, the fragments of seeds, with the summaries of
// b found among seeds (see above) in place of the fragments they join.
// groupSeeds sorts seeds, as fragments did before.
func (al *Aligner) summaries(seeds []seedPair, frags []fragment, idf func(uint64) float64) []fragment {
	if len(frags) < 2 {
		return frags
	}
	for _, g := range groupSeeds(seeds, maxSentenceGap, math.MaxInt32) {
		sentences := 0
		for k := range g {
			if k == 0 || g[k].i != g[k-1].i { // g is sorted by i
				sentences++
			}
		}
		if sentences < summarySentences {
			continue
		}
		s, ok := al.fragment(g, idf)
		if na, nb := s.units[1]-s.units[0], s.units[3]-s.units[2]; !ok || nb < summaryRatio*na {
			continue
		}
		joined, copied := 0, false
		for _, f := range frags {
			if s.holds(f) {
				joined++
				na, nb := f.units[1]-f.units[0], f.units[3]-f.units[2]
				copied = copied || na >= copiedSentences && float64(nb) <= copiedRatio*float64(na)
			}
		}
		if joined < 2 || copied {
			continue
		}
		frags = append(slices.DeleteFunc(frags, s.holds), s)
	}
	return frags
}

// dominance is how much less alike than the best pair of either of its
// sentences a seed may be: a reworded sentence whose source is plain
// (cosine 0.8) also resembles its source's neighbours on the same subject
// (0.35), and such a lesser likeness would stretch the passage over them.
const dominance = 0.5

// dominant drops the seeds whose cosine is below dominance times the best
// seed of their sentence in a or in b, keeping the order of the rest.
func dominant(seeds []seedPair, na, nb int) []seedPair {
	bestA, bestB := make([]float64, na), make([]float64, nb)
	for _, s := range seeds {
		bestA[s.i] = max(bestA[s.i], s.cos)
		bestB[s.j] = max(bestB[s.j], s.cos)
	}
	return slices.DeleteFunc(seeds, func(s seedPair) bool {
		return s.cos < dominance*bestA[s.i] || s.cos < dominance*bestB[s.j]
	})
}

// extend grows a fragment over the weak seeds next to it: pairs of
// sentences each within one sentence of the fragment as it came from its
// strong seeds (so weak seeds never chain away from them), at least one
// of the two outside the fragment. Rewording leaves some sentences of a
// passage too changed to seed one, but a sentence next to a reused one
// and like its counterpart is reused too: strong evidence starts a
// passage, weaker evidence continues it (a hysteresis). A sentence of a
// already seeded inside the fragment takes in a sentence of b next to it
// only if that makes the fragment more alike (it said what two sentences
// of b say), and each step keeps the fragment at fragmentCosine at least.
// weak is sorted by i.
func (al *Aligner) extend(fr fragment, weak []seedPair, seeded []bool, idf func(uint64) float64) fragment {
	r := fr.units
	for grown := true; grown; {
		grown = false
		f := fr.units
		lo, _ := slices.BinarySearchFunc(weak, r[0]-1, func(s seedPair, i int) int { return cmp.Compare(s.i, i) })
		for _, s := range weak[lo:] {
			if s.i > r[1] {
				break
			}
			inA := f[0] <= s.i && s.i < f[1]
			if s.j < r[2]-1 || s.j > r[3] || inA && f[2] <= s.j && s.j < f[3] {
				continue
			}
			g := [4]int{min(f[0], s.i), max(f[1], s.i+1), min(f[2], s.j), max(f[3], s.j+1)}
			cos := al.rangeCosine(g, idf)
			if cos < fragmentCosine || inA && seeded[s.i] && cos <= fr.cosine {
				continue
			}
			fr.units, fr.cosine, fr.shared = g, cos, al.sharedStems(g)
			grown = true
			break
		}
	}
	return fr
}

// rangeCosine is the tf-idf cosine of the units [f0, f1) of a and [f2, f3)
// of b as wholes.
func (al *Aligner) rangeCosine(f [4]int, idf func(uint64) float64) float64 {
	p := al.para
	a := mergeStems(p.ua[f[0]:f[1]])
	b := mergeStems(p.ub[f[2]:f[3]])
	na, nb := vectorNorm(a, idf), vectorNorm(b, idf)
	cos, _, _ := similarity(a, b, na, nb, idf)
	return cos
}

// sharedStems counts the distinct stems the two sides of f share.
func (al *Aligner) sharedStems(f [4]int) int {
	p := al.para
	_, _, shared := similarity(mergeStems(p.ua[f[0]:f[1]]), mergeStems(p.ub[f[2]:f[3]]), 1, 1, func(uint64) float64 { return 1 })
	return shared
}

func mergeStems(us []unit) []stemCount {
	if len(us) == 1 {
		return us[0].stems
	}
	var all []stemCount
	for _, u := range us {
		all = append(all, u.stems...)
	}
	return countStems(all)
}

// countStems sorts stems and sums the counts of repeated ones, in place.
func countStems(all []stemCount) []stemCount {
	slices.SortFunc(all, func(x, y stemCount) int { return cmp.Compare(x.stem, y.stem) })
	out := all[:0]
	for _, s := range all {
		if n := len(out); n > 0 && out[n-1].stem == s.stem {
			out[n-1].n += s.n
			out[n-1].imm = max(out[n-1].imm, s.imm)
			continue
		}
		out = append(out, s)
	}
	return out
}

func vectorNorm(v []stemCount, idf func(uint64) float64) float64 {
	var sum float64
	for _, s := range v {
		w := float64(s.n) * idf(s.stem)
		sum += w * w
	}
	return math.Sqrt(sum)
}

// containment is the share of the smaller stem set's stems that the two
// share.
func containment(a, b []stemCount, shared int) float64 {
	n := min(len(a), len(b))
	if n == 0 {
		return 0
	}
	return float64(shared) / float64(n)
}

// similarity returns the tf-idf cosine of two sorted stem vectors with the
// given norms, the Dice coefficient of their stem sets, and the number of
// stems they share.
func similarity(a, b []stemCount, na, nb float64, idf func(uint64) float64) (cos, dice float64, shared int) {
	var dot float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].stem < b[j].stem:
			i++
		case a[i].stem > b[j].stem:
			j++
		default:
			w := idf(a[i].stem)
			dot += float64(a[i].n) * float64(b[j].n) * w * w
			shared++
			i++
			j++
		}
	}
	if na > 0 && nb > 0 {
		cos = dot / (na * nb)
	}
	if n := len(a) + len(b); n > 0 {
		dice = 2 * float64(shared) / float64(n)
	}
	return cos, dice, shared
}

// lcsOps aligns a[a0:a1] and b[b0:b1] word by word by their longest common
// subsequence and appends the edit steps, as gapOps does for short gaps;
// ranges too large for one table are cut into pieces aligned in turn.
func lcsOps(a, b []tokenize.Token, a0, a1, b0, b1 int, ops []Op, matched int) ([]Op, int) {
	n, m := a1-a0, b1-b0
	if n*m > maxLCSCells {
		// Split both sides in proportion and align the halves.
		ha := a0 + n/2
		hb := b0 + m/2
		ops, matched = lcsOps(a, b, a0, ha, b0, hb, ops, matched)
		return lcsOps(a, b, ha, a1, hb, b1, ops, matched)
	}
	return gapOps(a, b, a0, a1, b0, b1, ops, matched)
}

// mergeParaphrases adds the paraphrased passages pp to the exact ones ex:
// a paraphrase that holds exact passages (on both sides) absorbs them and
// grows to cover them, one that an exact passage mostly covers is dropped,
// and the rest are added if, so grown, they still reach MinConfidence (an
// exact passage absorbed by one that falls short stays as it was). The
// result is sorted by start in a.
func (al *Aligner) mergeParaphrases(ex, pp []Alignment, at, bt text) []Alignment {
	a, b := at.toks, bt.toks
	minConfidence := al.opts.MinConfidence
	if len(pp) == 0 && len(ex) < 2 {
		return ex
	}
	absorbed := make([]bool, len(ex))
	var out []Alignment
	var took []int
	for _, p := range pp {
		took = took[:0]
		covered := false
		grown, cut := false, false
		for i, e := range ex {
			oa := min(p.A1, e.A1) - max(p.A0, e.A0)
			ob := min(p.B1, e.B1) - max(p.B0, e.B0)
			if oa <= 0 {
				continue
			}
			if 2*oa > p.A1-p.A0 && ob > 0 && e.A1-e.A0 >= p.A1-p.A0 {
				covered = true // the exact passage says it better
				break
			}
			if firm(e) {
				// A copied paragraph stays a passage of its own: the
				// paraphrase keeps the longer part of it that lies outside.
				if e.A0-p.A0 >= p.A1-e.A1 {
					p.A1 = e.A0
				} else {
					p.A0 = e.A1
				}
				if p.A1-p.A0 < minParaphraseWords {
					covered = true
					break
				}
				grown, cut = true, true
				continue
			}
			if 2*oa >= e.A1-e.A0 && 2*ob >= e.B1-e.B0 {
				took = append(took, i)
				p.A0, p.A1 = min(p.A0, e.A0), max(p.A1, e.A1)
				p.B0, p.B1 = min(p.B0, e.B0), max(p.B1, e.B1)
				grown = true
			}
		}
		if covered {
			continue
		}
		if grown {
			p.Ops, p.Matched = lcsOps(a, b, p.A0, p.A1, p.B0, p.B1, nil, 0)
			if cut {
				// What is left beside a firm passage must still be a
				// paraphrase by its own words.
				if p = trimToMatches(p); p.A1-p.A0 < minParaphraseWords {
					continue
				}
				p.Cosine, p.Shared = al.para.rangeFeatures(at, bt, p)
				p.Sentences = 1
			}
			if p.Confidence() < minConfidence {
				continue
			}
		}
		// An exact passage is absorbed only by a paraphrase that is kept
		// and, cut beside a firm passage, still holds it; else it stays a
		// passage of its own.
		for _, i := range took {
			if e := ex[i]; 2*(min(p.A1, e.A1)-max(p.A0, e.A0)) >= e.A1-e.A0 {
				absorbed[i] = true
			}
		}
		out = append(out, p)
	}
	for i, e := range ex {
		if !absorbed[i] {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(x, y Alignment) int { return cmp.Compare(x.A0, y.A0) })
	// Passages found twice over (two paraphrases of one place) keep the
	// one with more matched words; two passages next to each other in both
	// texts (see near) are one paraphrased passage if, joined, they still
	// read as one: a reworded copy reorders its sentences, keeps some of
	// them word for word, and a summary takes its sentences from all over
	// its source. A firm passage stays apart.
	kept := out[:0]
	for _, x := range out {
		n := len(kept)
		if n > 0 && overlapsMost([]Alignment{kept[n-1]}, x) {
			if x.Matched > kept[n-1].Matched {
				kept[n-1] = x
			}
			continue
		}
		if n == 0 {
			kept = append(kept, x)
			continue
		}
		if y := kept[n-1]; !firm(x) && !firm(y) && near(y, x) {
			m := Alignment{A0: y.A0, A1: max(y.A1, x.A1), B0: min(y.B0, x.B0), B1: max(y.B1, x.B1), Paraphrase: true,
				Cosine: max(y.Cosine, x.Cosine), Shared: max(y.Shared, x.Shared), Sentences: max(y.Sentences, 1) + max(x.Sentences, 1),
				Names: max(y.Names, x.Names)}
			// An exact passage's features are those of its own words.
			for _, z := range [...]*Alignment{&x, &y} {
				if !z.Paraphrase {
					c, sh := al.para.rangeFeatures(at, bt, *z)
					m.Cosine, m.Shared = max(m.Cosine, c), max(m.Shared, sh)
				}
			}
			m.Ops, m.Matched = lcsOps(a, b, m.A0, m.A1, m.B0, m.B1, nil, 0)
			// Joined, the two must still read as one paraphrase.
			if m.Confidence() >= minConfidence {
				kept[n-1] = m
				continue
			}
		}
		kept = append(kept, x)
	}
	// Sentence alignment only adds: an exact passage whose paraphrase was
	// then dropped (found twice over, or cut beside a firm passage) comes
	// back, unless a kept passage holds half of it.
	n := len(kept)
	for i, e := range ex {
		if absorbed[i] && !slices.ContainsFunc(kept[:n], func(k Alignment) bool { return 2*(min(k.A1, e.A1)-max(k.A0, e.A0)) >= e.A1-e.A0 }) {
			kept = append(kept, e)
		}
	}
	if len(kept) > n {
		slices.SortFunc(kept, func(x, y Alignment) int { return cmp.Compare(x.A0, y.A0) })
	}
	return kept
}

// rangeFeatures returns the tf-idf cosine of the content words of the two
// sides of x and the number of distinct stems they share, with the idf of
// the current alignment.
func (p *paraphraser) rangeFeatures(at, bt text, x Alignment) (float64, int) {
	vec := func(t text, t0, t1 int) []stemCount {
		var v []stemCount
		for k := t0; k < t1; k++ {
			if h := p.stem(t.s, t.toks[k]); h != 0 {
				v = append(v, stemCount{stem: h, n: 1})
			}
		}
		return countStems(v)
	}
	va, vb := vec(at, x.A0, x.A1), vec(bt, x.B0, x.B1)
	idf := func(stem uint64) float64 { return p.idf[stem] }
	cos, _, shared := similarity(va, vb, vectorNorm(va, idf), vectorNorm(vb, idf), idf)
	return cos, shared
}

// firmWords is the fewest words of a firm passage: one found by exact
// matches, near-verbatim, that a paraphrase never absorbs, so that a
// copied paragraph keeps its class beside a reworded one.
const firmWords = 40

func firm(x Alignment) bool {
	return !x.Paraphrase && x.A1-x.A0 >= firmWords && x.Similarity() >= 0.85
}

// trimToMatches cuts a passage to its first and last matched word.
func trimToMatches(x Alignment) Alignment {
	lo, hi := 0, len(x.Ops)
	for lo < hi && x.Ops[lo].Kind != stemma.Match {
		lo++
	}
	for hi > lo && x.Ops[hi-1].Kind != stemma.Match {
		hi--
	}
	if lo == hi {
		return Alignment{}
	}
	x.Ops = x.Ops[lo:hi]
	x.A0, x.B0 = x.Ops[0].A0, x.Ops[0].B0
	x.A1, x.B1 = x.Ops[len(x.Ops)-1].A1, x.Ops[len(x.Ops)-1].B1
	return x
}

// coalesceGap is the most words between two passages, in each text, that
// coalescing bridges.
const coalesceGap = 20

// near reports whether passage y, which starts at or after x in a, is
// next to x in both texts: within coalesceGap words of it in a and in b,
// in either order; or within 2·coalesceGap words of it in a with anything
// between them in b when both are paraphrases, or when y follows x in b
// too (a summary keeps its source's order). The caller keeps firm
// passages apart.
func near(x, y Alignment) bool {
	ga := y.A0 - x.A1
	if ga <= 2*coalesceGap && (x.Paraphrase && y.Paraphrase || y.B0 >= x.B1) {
		return true
	}
	gb := max(y.B0-x.B1, x.B0-y.B1)
	return ga <= coalesceGap && gb <= coalesceGap
}
