// Package spin reads an article for the marks a spinning tool leaves in
// the text it rewrites, with no source to compare. Spinners swap words for
// thesaurus synonyms and names for their variants so that copies slip past
// duplicate detectors; the swaps leave three kinds of tell
// ([stemma.TellKind]):
//
//   - article-mismatch: "a" or "an" that no longer fits the next word
//     ("an global summit"), the article of the word that was swapped out;
//   - entity-variant: a name in a form news does not write in running
//     prose ("the Russian Federation says", "the USA position"), decided by
//     how often the indexed corpus writes each name of the entity;
//   - rare-synonym: a word the indexed corpus never writes between the
//     words around it, where it often writes one of its WordNet synonyms
//     ("exchange charge" where newswire writes "exchange rate").
//
// The last two are learnt from the corpus's term counts (package freq;
// index.Index keeps them), not from a hand list, so they follow the
// house style of whatever news is indexed; a corpus of fewer than
// Options.MinCorpusWords words gives none of them rather than noise. The
// article tell reads English spelling rules, and the corpus, when it has
// seen the pair, may only overrule a tell ("an historic" is British
// usage). Sentences mostly in capitals (headlines, datelines) and
// sentences with a web address (a "Read more: https://…" line) are not
// prose and give no tell.
//
// [Finder.Find] returns a [stemma.TextSpin]: the tells, each with its byte
// offsets, kind and a one-sentence reason, and a score, the distinct words
// marked by a tell per 1,000 words, with the verdict spun when it reaches
// Options.Threshold with at least Options.MinTells marked words. The
// default thresholds were tuned on spun copies of the Reuters-21578
// stories and BBC News articles of even number and on those unspun
// stories and articles themselves (package bench, the spin suite); the
// odd-numbered ones measure them.
//
//	f, _ := spin.New(spin.Options{})
//	ts, err := f.Find(article, ix) // ix: an *index.Index, or a freq.Table
//
// A Finder is safe for concurrent use. Find costs a tokenisation, a few
// map lookups per word and two batches of term-count lookups (about two
// per content word, and two per synonym of the few words never seen in
// their context).
package spin

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/freq"
	"github.com/stemmanews/stemma/thesaurus"
	"github.com/stemmanews/stemma/tokenize"
)

// Options tune a [Finder]. The zero value selects the defaults.
type Options struct {
	// Thesaurus supplies synonyms and entity variants; nil means
	// thesaurus.Default.
	Thesaurus *thesaurus.Thesaurus
	// Threshold is the score (distinct words marked by a tell per 1,000
	// words) from which an article is spun, and MinTells the fewest
	// distinct marked words.
	Threshold float64
	MinTells  int
	// MinCorpusWords is the fewest words a corpus must have counted to
	// give entity-variant and rare-synonym tells.
	MinCorpusWords int64
	// MinContext is the fewest times a synonym must occur beside the words
	// around a word that the corpus never writes there, for the word to
	// be a rare-synonym tell.
	MinContext int64
	// NameRatio, RareName and MinName: a name is an entity-variant tell
	// when another name of its entity occurs at least MinName times in the
	// corpus's running prose, and it occurs at most RareName times or
	// NameRatio times less often.
	NameRatio float64
	RareName  int64
	MinName   int64
}

// Defaults, tuned on the even-numbered Reuters-21578 stories and BBC News
// articles (see the package documentation).
const (
	DefaultThreshold      = 16
	DefaultMinTells       = 2
	DefaultMinCorpusWords = 250_000
	DefaultMinContext     = 5
	DefaultNameRatio      = 50
	DefaultRareName       = 2
	DefaultMinName        = 20
)

// ErrOptions classifies the errors of [Options.Validate].
var ErrOptions = errors.New("spin: invalid options")

// EnsureDefaults fills zero fields with their defaults.
func (o *Options) EnsureDefaults() {
	if o.Thesaurus == nil {
		o.Thesaurus = thesaurus.Default()
	}
	if o.Threshold == 0 {
		o.Threshold = DefaultThreshold
	}
	if o.MinTells == 0 {
		o.MinTells = DefaultMinTells
	}
	if o.MinCorpusWords == 0 {
		o.MinCorpusWords = DefaultMinCorpusWords
	}
	if o.MinContext == 0 {
		o.MinContext = DefaultMinContext
	}
	if o.NameRatio == 0 {
		o.NameRatio = DefaultNameRatio
	}
	if o.MinName == 0 {
		o.MinName = DefaultMinName
	}
	if o.RareName == 0 {
		o.RareName = DefaultRareName
	}
}

// Validate reports options that cannot work.
func (o *Options) Validate() error {
	if o.Threshold < 0 || o.MinTells < 0 || o.MinCorpusWords < 0 || o.MinContext < 0 || o.NameRatio < 0 || o.MinName < 0 || o.RareName < 0 {
		return fmt.Errorf("%w: thresholds must not be negative", ErrOptions)
	}
	return nil
}

// Finder finds the tells of spinning in articles.
type Finder struct {
	opts   Options
	th     *thesaurus.Thesaurus
	groups [][]string         // entity groups
	byName map[string][]int32 // a name as written → its groups
	syns   sync.Map           // lower-case word → []string, its synonyms (synonym.go)
}

// New returns a Finder.
func New(opts Options) (*Finder, error) {
	opts.EnsureDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	f := &Finder{opts: opts, th: opts.Thesaurus, groups: opts.Thesaurus.EntityGroups(), byName: map[string][]int32{}}
	for i, g := range f.groups {
		for _, n := range g {
			f.byName[n] = append(f.byName[n], int32(i))
		}
	}
	return f, nil
}

// Options returns the finder's options, defaults filled in.
func (f *Finder) Options() Options { return f.opts }

// word is a token of the article with what the tells ask of it.
type word struct {
	text  string // as written
	lower string
	start bool // first word of its sentence
	skip  bool // in a sentence mostly in capitals, or with a web address: no tell
	// letters: only letters; capped: first letter upper case, the rest
	// lower; allCaps: two or more letters, all upper case.
	letters, capped, allCaps bool
}

// Find reads text for tells. corpus supplies the term counts (nil: none,
// and then only article-mismatch tells are found); a caller tracing an
// article that the corpus holds should take the article's own counts out
// of it first (freq.Without), as trace does. Find fails only when corpus
// does.
func (f *Finder) Find(text string, corpus freq.Frequencies) (stemma.TextSpin, error) {
	ts := stemma.TextSpin{Threshold: f.opts.Threshold, MinTells: f.opts.MinTells}
	toks := tokenize.Tokens(text)
	if corpus != nil {
		ts.CorpusWords = corpus.CountedWords()
	}
	ws := words(text, toks)
	learnt := ts.CorpusWords >= f.opts.MinCorpusWords
	q := &query{}
	arts := f.articleCandidates(text, toks, ws, q)
	var names []nameUse
	var rares []rareCandidate
	if learnt {
		names = f.nameCandidates(text, toks, ws, q)
		rares = f.rareCandidates(text, toks, ws, q)
	}
	if corpus != nil && len(q.keys) > 0 {
		if err := q.run(corpus); err != nil {
			return ts, fmt.Errorf("spin: term counts: %w", err)
		}
	}
	var tells []stemma.Tell
	// The score counts distinct marked words: a writer repeats an unusual
	// word of theirs ("the gun ... the gun"), a spinner swaps each
	// occurrence on its own.
	marked := map[string]bool{}
	for _, a := range arts {
		if t, ok := a.tell(q); ok {
			tells = append(tells, t)
			marked[ws[a.next].lower] = true
		}
	}
	for _, n := range names {
		if t, ok := f.nameTell(text, toks, n, q); ok {
			tells = append(tells, t)
			marked[n.name] = true
		}
	}
	if learnt {
		second := &query{}
		for i := range rares {
			f.synonymKeys(&rares[i], q, second)
		}
		if len(second.keys) > 0 {
			if err := second.run(corpus); err != nil {
				return ts, fmt.Errorf("spin: term counts: %w", err)
			}
		}
		for _, r := range rares {
			if t, ok := f.rareTell(text, toks, r, q, second); ok {
				tells = append(tells, t)
				marked[ws[r.i].lower] = true
			}
		}
	}
	slices.SortStableFunc(tells, func(a, b stemma.Tell) int { return a.Article.Start - b.Article.Start })
	ts.Tells = tells
	for _, t := range tells {
		switch t.Kind {
		case stemma.ArticleMismatch:
			ts.ArticleMismatches++
		case stemma.EntityVariant:
			ts.EntityVariants++
		case stemma.RareSynonym:
			ts.RareSynonyms++
		}
	}
	ts.Marked = len(marked)
	if len(toks) > 0 {
		ts.Score = 1000 * float64(len(marked)) / float64(len(toks))
	}
	ts.Spun = len(marked) >= f.opts.MinTells && ts.Score >= f.opts.Threshold
	ts.Explanation = f.explain(ts, len(toks), len(marked), learnt)
	return ts, nil
}

func (f *Finder) explain(ts stemma.TextSpin, words, marked int, learnt bool) string {
	var b strings.Builder
	switch {
	case len(ts.Tells) == 0:
		b.WriteString("The text itself carries no tell of spinning")
	default:
		var kinds []string
		for _, k := range []struct {
			n            int
			one, several string
		}{
			{ts.ArticleMismatches, "a/an mismatch", "a/an mismatches"},
			{ts.EntityVariants, "unusual name form", "unusual name forms"},
			{ts.RareSynonyms, "rare synonym", "rare synonyms"},
		} {
			switch {
			case k.n == 1:
				kinds = append(kinds, "1 "+k.one)
			case k.n > 1:
				kinds = append(kinds, fmt.Sprintf("%d %s", k.n, k.several))
			}
		}
		verdict := "below the spin threshold"
		if ts.Spun {
			verdict = "the mark of a spinning tool"
		}
		fmt.Fprintf(&b, "The text itself carries %s: %d distinct marked word(s) in %d, %.1f per 1,000 words, %s (%g per 1,000 and at least %d)",
			strings.Join(kinds, ", "), marked, words, ts.Score, verdict, ts.Threshold, ts.MinTells)
	}
	if !learnt {
		fmt.Fprintf(&b, "; the index has counted %s words, too few to learn which names and words news uses (it needs %s), so only a/an mismatches were looked for",
			thousands(ts.CorpusWords), thousands(f.opts.MinCorpusWords))
	}
	b.WriteString(".")
	return b.String()
}

// thousands writes n with commas between groups of three digits.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// words describes the tokens of text.
func words(text string, toks []tokenize.Token) []word {
	ws := make([]word, len(toks))
	sentence := 0 // first token of the current sentence
	flush := func(end int) {
		caps, other := 0, 0
		for k := sentence; k < end; k++ {
			switch {
			case ws[k].allCaps:
				caps++
			case utf8.RuneCountInString(ws[k].text) >= 2 && hasLetter(ws[k].text):
				other++
			}
		}
		// A headline in capitals, and a link line ("Read more:
		// https://…", "Follow us at www.…"), are not prose.
		if caps > other || end > sentence && webAddress(text[toks[sentence].Start:toks[end-1].End]) {
			for k := sentence; k < end; k++ {
				ws[k].skip = true
			}
		}
		sentence = end
	}
	for i, t := range toks {
		w := text[t.Start:t.End]
		if i > 0 && tokenize.SentenceBreak(text, toks, i-1) {
			flush(i)
		}
		ws[i] = word{
			text: w, lower: strings.ToLower(w), start: i == sentence,
			letters: onlyLetters(w), capped: capped(w), allCaps: freq.Capitals(w),
		}
	}
	flush(len(toks))
	return ws
}

// webAddress reports whether s holds a URL or a web address.
func webAddress(s string) bool {
	return strings.Contains(s, "://") || strings.Contains(s, "www.")
}

func onlyLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

func hasLetter(w string) bool { return strings.IndexFunc(w, unicode.IsLetter) >= 0 }

// capped reports whether w is a capital followed by lower-case letters.
func capped(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, r := range w[n:] {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// gap returns the text between tokens i-1 and i.
func gap(text string, toks []tokenize.Token, i int) string {
	return text[toks[i-1].End:toks[i].Start]
}

// query gathers term keys and, once run, their counts.
type query struct {
	keys   []freq.Key
	counts []int64
}

// add queues a key and returns its slot.
func (q *query) add(k freq.Key) int {
	q.keys = append(q.keys, k)
	return len(q.keys) - 1
}

func (q *query) run(corpus freq.Frequencies) error {
	q.counts = make([]int64, len(q.keys))
	return corpus.TermCounts(q.keys, q.counts)
}

// n returns the count in a slot: 0 before the query runs.
func (q *query) n(slot int) int64 {
	if slot < 0 || slot >= len(q.counts) {
		return 0
	}
	return q.counts[slot]
}
