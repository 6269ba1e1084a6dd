// Package align finds the passages two texts share and the edit script
// between them, by seed and extend.
//
// The steps, over token term hashes (see package tokenize):
//
//  1. Seeds: every run of Options.Seed words that occurs in both texts.
//  2. Extend: each seed grows to a maximal exact match (a run).
//  3. Chain: runs that follow each other in both texts, with gaps of at most
//     Options.MaxGap words, are chained by dynamic programming (as in
//     passim, and like the chaining of minimap2); the gaps become
//     substitutions, insertions and deletions, refined by an exact
//     alignment of the few words inside each gap.
//  4. Filter: a chain is a passage when it matches at least
//     Options.MinWords words with at least Options.MinSimilarity.
//
// An [Aligner] reuses its buffers and is not safe for concurrent use. The
// cost is linear in the two texts' lengths plus the number of seeds (a
// seed's positions are capped, so repetitive text cannot make it quadratic).
package align

import (
	"fmt"
	"slices"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/lang"
	"github.com/stemmanews/stemma/tokenize"
)

// Options tune the aligner. The zero value selects the defaults.
type Options struct {
	// Seed is the number of consecutive equal words that start a match
	// (default 3).
	Seed int
	// MaxGap is the longest run of unmatched words, on either side, that a
	// passage bridges (default 12).
	MaxGap int
	// MinWords is the fewest matched words a passage must have (default
	// 12). A passage that is a whole sentence in both texts needs 8, and
	// between texts shorter than 2·MinWords words half the shorter text
	// suffices, but never fewer than 6 words. A shorter sentence next to
	// a passage the two texts share needs 4 (companion.go).
	MinWords int
	// MinSimilarity is the lowest similarity of a passage (default 0.5).
	MinSimilarity float64
	// Paraphrase also aligns the texts sentence by sentence (see
	// sentence.go), to find passages reworded so much that few runs of
	// Seed equal words survive; such a passage has Alignment.Paraphrase set
	// and need not reach MinSimilarity, but must reach MinConfidence
	// (see [Alignment.Confidence]). It costs stemming both texts and
	// comparing their sentences pairwise.
	Paraphrase bool
	// MinConfidence is the lowest confidence of a paraphrased passage
	// (default 0.5).
	MinConfidence float64
}

// Defaults.
const (
	DefaultSeed          = 3
	DefaultMaxGap        = 12
	DefaultMinWords      = 12
	DefaultMinSimilarity = 0.5
	DefaultMinConfidence = 0.5
)

// EnsureDefaults fills zero fields with their defaults.
func (o *Options) EnsureDefaults() {
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.MaxGap == 0 {
		o.MaxGap = DefaultMaxGap
	}
	if o.MinWords == 0 {
		o.MinWords = DefaultMinWords
	}
	if o.MinSimilarity == 0 {
		o.MinSimilarity = DefaultMinSimilarity
	}
	if o.MinConfidence == 0 {
		o.MinConfidence = DefaultMinConfidence
	}
}

// Validate reports options that cannot work.
func (o *Options) Validate() error {
	switch {
	case o.Seed < 1 || o.Seed > 32:
		return fmt.Errorf("align: seed length %d out of range [1, 32]", o.Seed)
	case o.MaxGap < 0 || o.MaxGap > 64:
		return fmt.Errorf("align: max gap %d out of range [0, 64]", o.MaxGap)
	case o.MinWords < 1:
		return fmt.Errorf("align: min words %d < 1", o.MinWords)
	case o.MinSimilarity < 0 || o.MinSimilarity > 1:
		return fmt.Errorf("align: min similarity %g out of range [0, 1]", o.MinSimilarity)
	case o.MinConfidence < 0 || o.MinConfidence > 1:
		return fmt.Errorf("align: min confidence %g out of range [0, 1]", o.MinConfidence)
	}
	return nil
}

// Op is one step of an edit script, as token ranges: [A0, A1) in the first
// text and [B0, B1) in the second.
type Op struct {
	Kind           stemma.EditKind
	A0, A1, B0, B1 int
}

// Alignment is one passage shared by the two texts, as token ranges.
type Alignment struct {
	A0, A1, B0, B1 int
	// Matched counts the words that match exactly.
	Matched int
	// Ops is the edit script turning b[B0:B1] into a[A0:A1].
	Ops []Op
	// Paraphrase is set when sentence alignment found the passage (or
	// grew it from exact matches): its sentences say the same with other
	// words, or in another order. Cosine is then the tf-idf cosine of its
	// two sides' content words, Shared the distinct content words they
	// share, Sentences the pairs of similar sentences it rests on, and
	// Names the Jaccard similarity of the names its two sides write (0
	// when neither has one).
	Paraphrase bool
	Cosine     float64
	Shared     int
	Sentences  int
	Names      float64
}

// Similarity is 2·Matched / (words on both sides), in [0, 1].
func (al *Alignment) Similarity() float64 {
	n := al.A1 - al.A0 + al.B1 - al.B0
	if n == 0 {
		return 0
	}
	return 2 * float64(al.Matched) / float64(n)
}

// Summary reports whether the passage is a paraphrase that condenses b:
// b's side has at least summaryRatio times the words of a's (see
// summaries in sentence.go).
func (al *Alignment) Summary() bool {
	return al.Paraphrase && al.B1-al.B0 >= summaryRatio*(al.A1-al.A0)
}

// Identical reports whether every word on both sides matched.
func (al *Alignment) Identical() bool {
	return al.Matched == al.A1-al.A0 && al.Matched == al.B1-al.B0
}

// run is a maximal exact match: a[a0:a0+n] == b[b0:b0+n].
type run struct {
	a0, b0, n int
	score     float64
	pred      int // index of the previous run in the best chain, or -1
	used      bool
}

// Aligner aligns token sequences. Make one with [New].
type Aligner struct {
	opts  Options
	grams []uint64
	where multimap // seed's k-grams of b → their positions
	cover []int32  // seed's diagonal → the end in a of its last run
	runs  []run
	dp    []int
	para  *paraphraser
	lang  string // see SetLanguage

	// companions' scratch space
	sa, sb    []sentence
	inB       multimap // a term of b → the sentences of b holding it
	seenTerms []uint64
}

// minShortWords is the fewest matched words of any passage, even between
// short texts.
const minShortWords = 6

// minSentenceWords is the fewest matched words of a passage that is a
// whole sentence in both texts: a complete shared sentence is stronger
// evidence than a phrase of the same length, and a stitched article is
// made of whole sentences.
const minSentenceWords = 8

// maxSeedPositions caps how many positions of one seed in b are tried, so
// repetitive text stays linear.
const maxSeedPositions = 16

// lookback is how many earlier runs chaining considers as predecessors.
const lookback = 64

// New returns an Aligner with the given options.
func New(opts Options) (*Aligner, error) {
	opts.EnsureDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	return &Aligner{opts: opts}, nil
}

// SetLanguage sets the language of the articles aligned from now on, an
// ISO 639-1 code or a BCP 47 tag: paraphrase alignment stems their words
// with that language's Snowball stemmer (package stem), and with the
// English one for "", "en" and a language that has none (as for every
// language before).
func (al *Aligner) SetLanguage(code string) {
	if code = lang.Primary(code); code == "en" {
		code = ""
	}
	al.lang = code
}

// Options returns the aligner's options with defaults filled in.
func (al *Aligner) Options() Options { return al.opts }

// Align returns the passages a and b share, sorted by their start in a. Their
// ranges in a do not overlap by more than half.
func (al *Aligner) Align(at string, a []tokenize.Token, bt string, b []tokenize.Token) []Alignment {
	k := al.opts.Seed
	if len(a) < k || len(b) < k {
		return nil
	}
	var out []Alignment
	al.seed(a, b)
	if len(al.runs) > 0 {
		al.chain()
		out = al.extract(text{at, a}, text{bt, b})
		out = al.companions(text{at, a}, text{bt, b}, out)
	}
	if al.opts.Paraphrase {
		out = al.mergeParaphrases(out, al.paraphrases(text{at, a}, text{bt, b}), text{at, a}, text{bt, b})
	}
	return out
}

// text is a string and its tokens.
type text struct {
	s    string
	toks []tokenize.Token
}

// wholeSentence reports whether tokens [i0, i1) start a sentence (or the
// text) and end one.
func (t text) wholeSentence(i0, i1 int) bool {
	return (i0 == 0 || t.sentenceEnd(i0-1)) && t.sentenceEnd(i1-1)
}

// sentenceEnd reports whether token i is followed by sentence-ending
// punctuation.
func (t text) sentenceEnd(i int) bool {
	for p := int(t.toks[i].End); p < len(t.s); p++ {
		switch t.s[p] {
		case '.', '!', '?':
			return true
		case '"', '\'', ')':
			continue
		}
		return false
	}
	return true
}

// seed finds the maximal exact matches of at least Seed words.
func (al *Aligner) seed(a, b []tokenize.Token) {
	k := al.opts.Seed
	al.runs = al.runs[:0]
	al.grams = seedGrams(b, k, al.grams[:0])
	al.where.reset(len(al.grams))
	for j := len(al.grams) - 1; j >= 0; j-- { // each chain in increasing j
		al.where.add(al.grams[j], int32(j))
	}
	// The diagonal i−j of a match is cover[i−j+len(b)]; 0 when new.
	al.cover = slices.Grow(al.cover[:0], len(a)+len(b))[:len(a)+len(b)]
	clear(al.cover)
	al.grams = seedGrams(a, k, al.grams[:0])
	for i, h := range al.grams {
		n := 0
		for p := al.where.first(h); p != 0 && n < maxSeedPositions; p = al.where.next[p-1] {
			n++
			j := int(al.where.vals[p-1])
			d := i - j + len(b)
			if i < int(al.cover[d]) {
				continue
			}
			if !equal(a[i:i+k], b[j:j+k]) {
				continue // hash collision
			}
			// Walk back to the start of the match, then forward to its end.
			s, t := i, j
			lo := int(al.cover[d])
			for s > lo && t > 0 && a[s-1].Term == b[t-1].Term {
				s--
				t--
			}
			e, f := i+k, j+k
			for e < len(a) && f < len(b) && a[e].Term == b[f].Term {
				e++
				f++
			}
			al.cover[d] = int32(e)
			al.runs = append(al.runs, run{a0: s, b0: t, n: e - s, pred: -1})
		}
	}
	slices.SortFunc(al.runs, func(x, y run) int {
		if x.a0 != y.a0 {
			return x.a0 - y.a0
		}
		return x.b0 - y.b0
	})
}

// seedGrams appends to dst the hash of each run of k words of toks: a
// polynomial of their terms (Karp and Rabin), rolled along the text in a
// multiplication a word. Equal runs hash equal; seed compares the words
// of each hit, so a collision costs a comparison, not a wrong match.
func seedGrams(toks []tokenize.Token, k int, dst []uint64) []uint64 {
	const p = 0x9e3779b97f4a7c15 // odd: every power is a unit mod 2^64
	pk := uint64(1)
	for range k {
		pk *= p
	}
	var h uint64
	for i, t := range toks {
		h = h*p + t.Term
		if i >= k {
			h -= toks[i-k].Term * pk
		}
		if i >= k-1 {
			dst = append(dst, h)
		}
	}
	return dst
}

func equal(x, y []tokenize.Token) bool {
	for i := range x {
		if x[i].Term != y[i].Term {
			return false
		}
	}
	return true
}

// gapCost is the penalty for bridging gA words of a and gB words of b.
func gapCost(gA, gB int) float64 {
	d := gA - gB
	if d < 0 {
		d = -d
	}
	return 0.25*float64(gA+gB) + 0.5*float64(d)
}

// chain scores each run as the end of the best chain through it.
func (al *Aligner) chain() {
	g := al.opts.MaxGap
	for r := range al.runs {
		cur := &al.runs[r]
		cur.score = float64(cur.n)
		for p := r - 1; p >= 0 && p >= r-lookback; p-- {
			prev := &al.runs[p]
			pa1, pb1 := prev.a0+prev.n, prev.b0+prev.n
			gA, gB := cur.a0-pa1, cur.b0-pb1
			if gA < 0 || gB < 0 || gA > g || gB > g {
				continue
			}
			if s := prev.score - gapCost(gA, gB) + float64(cur.n); s > cur.score {
				cur.score, cur.pred = s, p
			}
		}
	}
}

// extract takes chains from the best-scoring ends down and turns them into
// alignments.
func (al *Aligner) extract(at, bt text) []Alignment {
	a, b := at.toks, bt.toks
	al.dp = al.dp[:0]
	for i := range al.runs {
		al.dp = append(al.dp, i)
	}
	slices.SortFunc(al.dp, func(x, y int) int {
		sx, sy := al.runs[x].score, al.runs[y].score
		switch {
		case sx > sy:
			return -1
		case sx < sy:
			return 1
		}
		return x - y
	})
	// A short text (a dividend notice, a one-line brief) can share less
	// than MinWords words and still be mostly copied: for it the bar is half
	// its length, but never below minShortWords.
	minWords := min(al.opts.MinWords, max(minShortWords, (min(len(a), len(b))+1)/2))
	var out []Alignment
	var members []int
	for _, end := range al.dp {
		if al.runs[end].used {
			continue
		}
		members = members[:0]
		for r := end; r >= 0 && !al.runs[r].used; r = al.runs[r].pred {
			al.runs[r].used = true
			members = append(members, r)
		}
		slices.Reverse(members)
		members = al.extendEdges(at, bt, members)
		first, last := al.runs[members[0]], al.runs[members[len(members)-1]]
		aln := Alignment{A0: first.a0, A1: last.a0 + last.n, B0: first.b0, B1: last.b0 + last.n}
		if aln.A1-aln.A0 < min(minWords, minSentenceWords) {
			continue
		}
		aln.Ops = make([]Op, 0, 2*len(members))
		for i, m := range members {
			r := al.runs[m]
			if i > 0 {
				p := al.runs[members[i-1]]
				aln.Ops, aln.Matched = gapOps(a, b, p.a0+p.n, r.a0, p.b0+p.n, r.b0, aln.Ops, aln.Matched)
			}
			aln.Ops = appendOp(aln.Ops, Op{Kind: stemma.Match, A0: r.a0, A1: r.a0 + r.n, B0: r.b0, B1: r.b0 + r.n})
			aln.Matched += r.n
		}
		enough := aln.Matched >= minWords ||
			aln.Matched >= minSentenceWords && at.wholeSentence(aln.A0, aln.A1) && bt.wholeSentence(aln.B0, aln.B1)
		if !enough || aln.Similarity() < al.opts.MinSimilarity {
			continue
		}
		if overlapsMost(out, aln) {
			continue
		}
		out = append(out, aln)
	}
	for i := range al.runs {
		al.runs[i].used = false
	}
	slices.SortFunc(out, func(x, y Alignment) int { return x.A0 - y.A0 })
	return out
}

// edgeGap is the widest gap, on either side, that edge extension crosses,
// and edgeRun the matched words it needs beyond the gap (fewer when the
// text ends first).
const (
	edgeGap = 2
	edgeRun = 2
)

// extendEdges grows a chain past its ends over short changes that seeding
// cannot see: a substituted word followed by fewer than Seed matching words
// before the passage ends ("such as portable computers" copied as "such as
// laptop computers."). The new runs are added to the chain's members.
func (al *Aligner) extendEdges(at, bt text, members []int) []int {
	// Forward from the last run.
	for {
		last := al.runs[members[len(members)-1]]
		a1, b1 := last.a0+last.n, last.b0+last.n
		r, ok := probe(at, bt, a1, b1, 1)
		if !ok {
			break
		}
		al.runs = append(al.runs, r)
		members = append(members, len(al.runs)-1)
	}
	// Backward from the first run.
	for {
		first := al.runs[members[0]]
		r, ok := probe(at, bt, first.a0-1, first.b0-1, -1)
		if !ok {
			break
		}
		al.runs = append(al.runs, r)
		members = append(members[:1], members...)
		members[0] = len(al.runs) - 1
	}
	return members
}

// probe looks for a gap of at most edgeGap words on each side starting at
// (i, j) and moving in direction dir, followed by a run of matches. It
// returns the run (in forward coordinates) it found. A single matched word
// is enough when it ends a sentence (or the text) on both sides.
func probe(at, bt text, i, j, dir int) (run, bool) {
	a, b := at.toks, bt.toks
	for g := 0; g <= 2*edgeGap; g++ {
		for gA := max(0, g-edgeGap); gA <= min(g, edgeGap); gA++ {
			gB := g - gA
			if g == 0 {
				continue
			}
			s, t := i+dir*gA, j+dir*gB
			n := 0
			for s >= 0 && t >= 0 && s < len(a) && t < len(b) && a[s].Term == b[t].Term {
				n++
				s += dir
				t += dir
			}
			atEnd := s < 0 || t < 0 || s >= len(a) || t >= len(b)
			if dir > 0 && n == 1 && at.sentenceEnd(s-1) && bt.sentenceEnd(t-1) {
				atEnd = true
			}
			if n >= edgeRun || (n >= 1 && atEnd) {
				if dir > 0 {
					return run{a0: i + gA, b0: j + gB, n: n, pred: -1, used: true}, true
				}
				return run{a0: s + 1, b0: t + 1, n: n, pred: -1, used: true}, true
			}
		}
	}
	return run{}, false
}

// overlapsMost reports whether aln's range in a overlaps an accepted
// alignment by more than half of aln's length.
func overlapsMost(accepted []Alignment, aln Alignment) bool {
	for _, o := range accepted {
		lo, hi := max(o.A0, aln.A0), min(o.A1, aln.A1)
		if hi > lo && 2*(hi-lo) > aln.A1-aln.A0 {
			return true
		}
	}
	return false
}

// appendOp appends op, merging it into the previous op of the same kind.
func appendOp(ops []Op, op Op) []Op {
	if n := len(ops); n > 0 && ops[n-1].Kind == op.Kind && ops[n-1].A1 == op.A0 && ops[n-1].B1 == op.B0 {
		ops[n-1].A1, ops[n-1].B1 = op.A1, op.B1
		return ops
	}
	return append(ops, op)
}

// gapOps aligns the gap a[a0:a1] / b[b0:b1] between two runs exactly (by a
// longest-common-subsequence table, the gap being at most MaxGap words in
// a, and in b too but for a sentence cut before a companion) and appends
// its edit steps. It returns the ops and the matched count increased by
// the matches found inside the gap.
func gapOps(a, b []tokenize.Token, a0, a1, b0, b1 int, ops []Op, matched int) ([]Op, int) {
	n, m := a1-a0, b1-b0
	if n == 0 || m == 0 {
		return appendChange(ops, a0, a1, b0, b1), matched
	}
	// lcs[i][j] = LCS length of a[a0+i:a1] and b[b0+j:b1].
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[a0+i].Term == b[b0+j].Term {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	ci, cj := 0, 0 // start of the pending change
	for i < n && j < m {
		switch {
		case a[a0+i].Term == b[b0+j].Term:
			ops = appendChange(ops, a0+ci, a0+i, b0+cj, b0+j)
			ops = appendOp(ops, Op{Kind: stemma.Match, A0: a0 + i, A1: a0 + i + 1, B0: b0 + j, B1: b0 + j + 1})
			matched++
			i++
			j++
			ci, cj = i, j
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	return appendChange(ops, a0+ci, a1, b0+cj, b1), matched
}

// appendChange appends the op for a[a0:a1] replacing b[b0:b1], if any.
func appendChange(ops []Op, a0, a1, b0, b1 int) []Op {
	var kind stemma.EditKind
	switch {
	case a1 > a0 && b1 > b0:
		kind = stemma.Substitute
	case a1 > a0:
		kind = stemma.Insert
	case b1 > b0:
		kind = stemma.Delete
	default:
		return ops
	}
	return append(ops, Op{Kind: kind, A0: a0, A1: a1, B0: b0, B1: b1})
}
