package translate

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/lang"
	"github.com/stemmanews/stemma/tokenize"
)

// A Pair is a sentence of the article and the English sentence it
// translates.
type Pair struct {
	// Article and Source are byte spans of the two texts, and
	// ArticleSentence and SourceSentence the two sentences' indexes in
	// the slices given to [Aligner.Align].
	Article, Source                 stemma.Span
	ArticleSentence, SourceSentence int
	// Score is the share of the two sentences' content words that meet a
	// word of the other (see [Aligner.Align]), in [0, 1].
	Score float64
}

// Options tune the aligner. The zero value selects the defaults.
type Options struct {
	// MinScore is the least score of a strong pair (default 0.3).
	MinScore float64
	// Margin is how much a sentence's best English sentence must score
	// above its second best (default 0.05): a sentence that meets two
	// English sentences equally well has no clear source.
	Margin float64
	// MinWords is the fewest content words of a sentence that is paired
	// on its own (default 4).
	MinWords int
	// MinPairs is the fewest strong pairs of two texts that make one a
	// translation of the other (default 2).
	MinPairs int
	// WeakScore is the least score of a pair next to another pair, in
	// both texts (default 0.2).
	WeakScore float64
}

// Defaults, set on NTREX-128 (see docs/benchmarks.md, which tests them on
// FLORES-200).
const (
	DefaultMinScore  = 0.3
	DefaultMargin    = 0.05
	DefaultMinWords  = 4
	DefaultMinPairs  = 2
	DefaultWeakScore = 0.2
)

// EnsureDefaults fills in the zero fields.
func (o *Options) EnsureDefaults() {
	if o.MinScore <= 0 {
		o.MinScore = DefaultMinScore
	}
	if o.Margin <= 0 {
		o.Margin = DefaultMargin
	}
	if o.MinWords <= 0 {
		o.MinWords = DefaultMinWords
	}
	if o.MinPairs <= 0 {
		o.MinPairs = DefaultMinPairs
	}
	if o.WeakScore <= 0 {
		o.WeakScore = DefaultWeakScore
	}
}

// An Aligner pairs the sentences of articles in one language with those
// of English texts. It is safe for concurrent use.
type Aligner struct {
	dict *Dictionary
	opts Options
}

// NewAligner returns an aligner that translates with dict.
func NewAligner(dict *Dictionary, opts Options) *Aligner {
	opts.EnsureDefaults()
	return &Aligner{dict: dict, opts: opts}
}

// A Sentence is one sentence of a text, prepared for [Aligner.Align]: its
// span, and for each content word the keys it can meet a word of the
// other language by.
type Sentence struct {
	Span  stemma.Span
	words [][]string
	set   map[string]bool // every key of every word
	// content counts the content words, emptied or not (see Without).
	content int
}

// Foreign splits an article in the aligner's language into sentences and
// gives each word its keys: the English stems the dictionary translates it
// to, and the keys translation leaves alone (numbers, roots, names).
func (a *Aligner) Foreign(text string) []Sentence {
	return sentences(text, func(w string, first bool, dst []string) []string {
		if lang.IsFunctionWord(a.dict.Lang, w) {
			return dst
		}
		dst = append(dst, a.dict.Lookup(w)...)
		if first {
			w = lower(w) // a capital that starts a sentence is no name
		}
		return invariantKeys(w, dst)
	})
}

// English splits an English text into sentences and gives each word its
// stem and the keys translation leaves alone.
func English(text string) []Sentence {
	return sentences(text, func(w string, first bool, dst []string) []string {
		s := EnglishStem(w)
		if englishFunction[s] || lang.IsFunctionWord("en", w) {
			return dst
		}
		dst = append(dst, s)
		if first {
			w = lower(w)
		}
		return invariantKeys(w, dst)
	})
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func lower(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToLower(r)) + w[n:]
}

// maxSentenceWords cuts a run of words with no sentence break.
const maxSentenceWords = 80

// sentences splits text into sentences, each word with the keys keys gives
// it (none for a word that is not a content word).
func sentences(text string, keys func(w string, first bool, dst []string) []string) []Sentence {
	toks := tokenize.Tokens(text)
	var out []Sentence
	start := 0
	flush := func(end int) {
		if end <= start {
			return
		}
		s := Sentence{Span: stemma.Span{Start: int(toks[start].Start), End: int(toks[end-1].End)}, set: map[string]bool{}}
		for i := start; i < end; i++ {
			w := text[toks[i].Start:toks[i].End]
			k := keys(w, i == start, nil)
			if len(k) == 0 {
				continue
			}
			s.words = append(s.words, k)
			s.content++
			for _, x := range k {
				s.set[x] = true
			}
		}
		out = append(out, s)
		start = end
	}
	for i := range toks {
		if i > start && (i-start >= maxSentenceWords || tokenize.SentenceBreak(text, toks, i-1)) {
			flush(i)
		}
	}
	flush(len(toks))
	return out
}

// score is the share of the two sentences' content words that have a key
// the other sentence has.
func score(f, e *Sentence) float64 {
	n := len(f.words) + len(e.words)
	if n == 0 {
		return 0
	}
	met := 0
	for _, w := range f.words {
		if anyIn(w, e.set) {
			met++
		}
	}
	for _, w := range e.words {
		if anyIn(w, f.set) {
			met++
		}
	}
	return float64(met) / float64(n)
}

func anyIn(keys []string, set map[string]bool) bool {
	for _, k := range keys {
		if set[k] {
			return true
		}
	}
	return false
}

// Align pairs the sentences of the article (from [Aligner.Foreign]) with
// the English sentences (from [English]) they most likely translate.
//
// A sentence's best English sentence is the one whose content words and
// its own meet most (score), the two counts of content words within a
// factor of three. A pair is strong when that score reaches MinScore and
// beats every other English sentence's by Margin, no other sentence of
// the article has a better strong pair with the same English sentence,
// and another strong pair lies on its diagonal (the two English
// sentences in the article's order, as many sentences apart give or take
// maxSkew). The two texts are a translation only when they have MinPairs
// strong pairs (or one, when the article has no more sentences than that
// of MinWords content words): a single likely pair between two texts is
// chance more often than not.
// Then the pairs grow in order: the sentence after (or before) a pair,
// with the English sentence after (or before) its, is a pair too when
// their score reaches WeakScore. Pairs come in the article's order.
func (a *Aligner) Align(article, english []Sentence) []Pair {
	type choice struct {
		at    int // English sentence, or -1
		score float64
	}
	best := make([]choice, len(article))
	sized := 0 // sentences with MinWords content words
	for i := range article {
		best[i].at = -1
		f := &article[i]
		if f.content >= a.opts.MinWords {
			sized++
		}
		if len(f.words) < a.opts.MinWords {
			continue
		}
		top, second := 0.0, 0.0
		for j := range english {
			s := a.pairScore(f, &english[j])
			switch {
			case s > top:
				top, second, best[i].at = s, top, j
			case s > second:
				second = s
			}
		}
		best[i].score = top
		if top < a.opts.MinScore || top-second < a.opts.Margin {
			best[i].at = -1
		}
	}
	// One English sentence translates one sentence: of several that
	// choose it, the best keeps it.
	owner := map[int]int{}
	for i, c := range best {
		if c.at < 0 {
			continue
		}
		if k, ok := owner[c.at]; ok {
			if best[k].score >= c.score {
				best[i].at = -1
				continue
			}
			best[k].at = -1
		}
		owner[c.at] = i
	}
	// A translation keeps its source's order: a strong pair counts when
	// another strong pair lies on its diagonal, the two English sentences
	// in the same order as the article's and as far apart, give or take
	// maxSkew. Pairs that chance makes in a long text scatter.
	var on []int
	for i, c := range best {
		if c.at >= 0 {
			on = append(on, i)
		}
	}
	strong := len(on)
	if min(a.opts.MinPairs, sized) > 1 {
		for _, i := range on {
			supported := false
			for _, k := range on {
				if k != i && (best[k].at-best[i].at)*(k-i) > 0 && abs((best[k].at-best[i].at)-(k-i)) <= maxSkew {
					supported = true
					break
				}
			}
			if !supported {
				best[i].at = -1
				strong--
			}
		}
	}
	if strong == 0 || strong < min(a.opts.MinPairs, sized) {
		return nil
	}
	// Grow the pairs into their neighbours, both ways, until none is added.
	for grown := true; grown; {
		grown = false
		for i := range article {
			if best[i].at < 0 {
				continue
			}
			for _, d := range []int{-1, 1} {
				k, j := i+d, best[i].at+d
				if k < 0 || k >= len(article) || j < 0 || j >= len(english) || best[k].at >= 0 {
					continue
				}
				if s := a.pairScore(&article[k], &english[j]); s >= a.opts.WeakScore && len(article[k].words) > 0 {
					best[k] = choice{at: j, score: s}
					grown = true
				}
			}
		}
	}
	var out []Pair
	for i, c := range best {
		if c.at >= 0 {
			out = append(out, Pair{Article: article[i].Span, Source: english[c.at].Span, ArticleSentence: i, SourceSentence: c.at, Score: c.score})
		}
	}
	return out
}

// maxSkew is how many sentences a translation may add or cut between two
// of its pairs.
const maxSkew = 3

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// pairScore is score, or 0 when one sentence has more than three times
// the content words of the other or the English one has fewer than two.
func (a *Aligner) pairScore(f, e *Sentence) float64 {
	if len(e.words) < 2 || 3*len(e.words) < len(f.words) || 3*len(f.words) < len(e.words) {
		return 0
	}
	return score(f, e)
}

// Confidence is the share of the sentences that trace reports translated
// with the default options that are right, at least, on NTREX-128 in
// German, French, Spanish, Russian, Italian, Portuguese, Dutch and Polish
// (see docs/benchmarks.md).
const Confidence = 0.99

// Swap returns the pairs of [Aligner.Align] with the two texts' roles
// exchanged, in the order of the English text's sentences: when the
// English text is the article traced and the foreign one its source.
func Swap(pairs []Pair) []Pair {
	out := make([]Pair, len(pairs))
	for i, p := range pairs {
		out[i] = Pair{Article: p.Source, Source: p.Article, ArticleSentence: p.SourceSentence, SourceSentence: p.ArticleSentence, Score: p.Score}
	}
	slices.SortFunc(out, func(x, y Pair) int { return x.ArticleSentence - y.ArticleSentence })
	return out
}

// Pairable reports whether the aligner can pair the sentence: it has
// MinWords content words and was not emptied by [Without].
func (a *Aligner) Pairable(s Sentence) bool { return len(s.words) >= a.opts.MinWords }

// Without returns the sentences with those skip reports true for
// emptied: [Aligner.Align] pairs them with nothing, and pairs grow
// across them no more than across a sentence with no content word; but
// they count among the article's sentences, so an article with most of
// its sentences emptied still needs MinPairs pairs to be a translation.
// Trace empties the sentences already found in the article's own
// language.
func Without(sentences []Sentence, skip func(stemma.Span) bool) []Sentence {
	out := slices.Clone(sentences)
	for i := range out {
		if skip(out[i].Span) {
			out[i].words, out[i].set = nil, nil
		}
	}
	return out
}
