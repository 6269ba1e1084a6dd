// Package freq counts how a corpus of news uses words: how often each
// word occurs, each pair of adjacent words, and each name of an entity as
// the thesaurus writes it ("U.S.", "Russian Federation"). The counts are
// the corpus's style book, learnt rather than written: they say that
// newswire writes "exchange rate" and never "exchange charge", "U.S." and
// hardly ever "USA", which is what package spin needs to tell a spinner's
// swap from a writer's choice with no source to compare.
//
// A [Counter] turns a text into its [Count]s; a [Frequencies] answers how
// often terms occur in a whole corpus. The index keeps the counts of every
// document it stores and implements Frequencies (index.Index.TermCounts);
// [Table] is the same in memory, for tests, small corpora and
// leave-one-out measurement.
//
//	var c freq.Counter
//	counts := c.Count(text, tokenize.Tokens(text), nil)
//	t := freq.NewTable()
//	t.Add(counts, 1)
//	t.TermCounts([]freq.Key{freq.Pair("exchange", "rate")}, n)
//
// What is counted, for every text (the rules are part of the index's
// format: change them and the counts of old and new documents disagree):
//
//   - every word (token of package tokenize) that does not start with a
//     digit, under its term: "Rate", "RATE" and "rate" are one word;
//   - every pair of adjacent such words with only white space between
//     them ("exchange rate" in "the exchange\nrate"), when either starts
//     with a lower-case letter (pairs of names, "Comissaria Smith", say
//     nothing about style); punctuation, a hyphen or a quotation mark
//     breaks the pair;
//   - every entity name of thesaurus.Entities written in running prose
//     exactly as the table writes it (case and dots count: "US" and "U.S."
//     are two names), not in a line of capitals and not inside a longer
//     name ("USA Today", "Latin America"); see [Names];
//   - the number of words ([TotalWords]) and of texts ([TotalTexts]).
//
// Keys are 64-bit hashes, so two terms may share a key; at a few million
// distinct terms a collision is about one chance in a million.
//
// A Counter reuses buffers and is not safe for concurrent use; a Table is
// safe for concurrent reads once built. Counting costs a hash per word and
// a map lookup per capitalised word, then a sort of the text's keys.
package freq

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma/tokenize"
)

// Key identifies a counted term: a word, a pair of words or an entity name.
type Key uint64

// Reserved keys: the totals of a corpus.
const (
	// TotalWords counts the words of every text counted.
	TotalWords Key = 0
	// TotalTexts counts the texts.
	TotalTexts Key = 1
)

// Salts keep the three kinds of term apart.
const (
	wordSalt = 0x9e3779b97f4a7c15
	pairSalt = 0xc2b2ae3d27d4eb4f
	nameSalt = 0x165667b19e3779f9
)

// mix is a 64-bit finaliser (splitmix64's): every input bit moves every
// output bit, so term hashes combined by xor and multiplication stay
// uniform.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// key keeps hashes off the reserved keys.
func key(h uint64) Key {
	if h <= uint64(TotalTexts) {
		h += 2
	}
	return Key(h)
}

// WordKey returns the key of a word from its term hash (tokenize.Token.Term).
func WordKey(term uint64) Key { return key(mix(term ^ wordSalt)) }

// PairKey returns the key of two adjacent words from their term hashes.
func PairKey(a, b uint64) Key { return key(mix(mix(a^pairSalt) + b)) }

// Word returns the key of a word, as [Counter.Count] counts it; a string
// with no letter or digit has no key and gets one nothing is counted under.
func Word(w string) Key {
	t, _ := tokenize.Term(w)
	return WordKey(t)
}

// Pair returns the key of the pair of words a b.
func Pair(a, b string) Key {
	ta, _ := tokenize.Term(a)
	tb, _ := tokenize.Term(b)
	return PairKey(ta, tb)
}

// Name returns the key of an entity name exactly as written (see [Names]).
func Name(form string) Key {
	h := uint64(nameSalt)
	for i := 0; i < len(form); i++ {
		h = (h ^ uint64(form[i])) * 0x100000001b3 // FNV-1a, 64-bit prime
	}
	return key(mix(h))
}

// Count is a term and how many times it occurs.
type Count struct {
	Key Key
	N   uint32
}

// Counter counts the terms of texts. Its zero value is ready to use.
type Counter struct {
	keys []Key
}

// Keys appends to dst the key of every occurrence of a term in text, in
// no particular order, without the totals: text has len(toks) words.
// toks must be text's tokens (tokenize). An indexer that adds up many
// texts' keys at once uses Keys; [Counter.Count] adds up one text's.
func (c *Counter) Keys(text string, toks []tokenize.Token, dst []Key) []Key {
	prevLower := false
	for i, t := range toks {
		first := text[t.Start]
		if '0' <= first && first <= '9' {
			prevLower = false
			continue
		}
		lower := 'a' <= first && first <= 'z' || first >= utf8.RuneSelf && startsLower(text[t.Start:t.End])
		dst = append(dst, WordKey(t.Term))
		if i > 0 && (lower || prevLower) && spaceOnly(text[toks[i-1].End:t.Start]) && !digitStart(text[toks[i-1].Start]) {
			dst = append(dst, PairKey(toks[i-1].Term, t.Term))
		}
		prevLower = lower
	}
	Names(text, toks, func(form string, _, _ int) {
		dst = append(dst, Name(form))
	})
	return dst
}

// Count appends to dst the counts of text's terms, sorted by key, each key
// once, with the totals ([TotalWords], [TotalTexts] = 1). toks must be
// text's tokens (tokenize).
func (c *Counter) Count(text string, toks []tokenize.Token, dst []Count) []Count {
	keys := c.Keys(text, toks, c.keys[:0])
	slices.Sort(keys)
	c.keys = keys
	dst = append(dst, Count{TotalWords, uint32(len(toks))}, Count{TotalTexts, 1})
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		dst = append(dst, Count{keys[i], uint32(j - i)})
		i = j
	}
	return dst
}

func digitStart(c byte) bool { return '0' <= c && c <= '9' }

func startsLower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// spaceOnly reports whether s is a non-empty run of white space: the gap
// between two words of one phrase.
func spaceOnly(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\v', '\f':
		default:
			return false
		}
	}
	return true
}

// SpaceOnly reports whether the gap between two tokens is white space
// only: [Counter.Count] counts them as a pair.
func SpaceOnly(gap string) bool { return spaceOnly(gap) }

// Frequencies are the term counts of a corpus.
type Frequencies interface {
	// CountedWords returns the number of words counted: 0 when the corpus
	// keeps no counts.
	CountedWords() int64
	// TermCounts sets counts[i] to the number of times keys[i] occurs in
	// the corpus (0 for a term never seen). keys need not be sorted and
	// may repeat; counts must be as long as keys.
	TermCounts(keys []Key, counts []int64) error
}

// Table is a [Frequencies] held in memory.
type Table struct {
	n map[Key]int64
}

// NewTable returns an empty table.
func NewTable() *Table { return &Table{n: map[Key]int64{}} }

// Add adds counts (from [Counter.Count]) times sign to the table: sign 1
// adds a text, -1 takes one out again, as leave-one-out measurement does.
// A count never goes below zero.
func (t *Table) Add(counts []Count, sign int64) {
	for _, c := range counts {
		v := max(0, t.n[c.Key]+sign*int64(c.N))
		if v == 0 {
			delete(t.n, c.Key)
		} else {
			t.n[c.Key] = v
		}
	}
}

// Len returns the number of distinct terms in the table, totals included.
func (t *Table) Len() int { return len(t.n) }

// CountedWords implements [Frequencies].
func (t *Table) CountedWords() int64 { return t.n[TotalWords] }

// TermCounts implements [Frequencies].
func (t *Table) TermCounts(keys []Key, counts []int64) error {
	for i, k := range keys {
		counts[i] = t.n[k]
	}
	return nil
}

// Terms are a text's terms as [Counter.Keys] lists them, in no order and
// repeated, and its number of words: a text to take out of a corpus
// ([Without]), unsorted, since only the few terms asked about are then
// counted in it.
type Terms struct {
	Keys  []Key
	Words int
}

// Terms returns the terms of text, in a new slice. toks must be text's
// tokens (tokenize).
func (c *Counter) Terms(text string, toks []tokenize.Token) Terms {
	return Terms{Keys: c.Keys(text, toks, nil), Words: len(toks)}
}

// Without returns f with the counts of some texts taken out: what the
// corpus says about an article once the article itself, and the copies of
// it the corpus holds, no longer speak for their own wording. The result
// answers TermCounts from f and subtracts the texts' counts, never below
// zero. It counts the texts' terms when asked, and only those asked: a
// trace takes out some forty texts and asks about its article's terms.
func Without(f Frequencies, texts ...Terms) Frequencies {
	if len(texts) == 0 {
		return f
	}
	return without{f, texts}
}

type without struct {
	f   Frequencies
	out []Terms
}

func (w without) CountedWords() int64 {
	n := w.f.CountedWords()
	for _, t := range w.out {
		n -= int64(t.Words)
	}
	return max(0, n)
}

func (w without) TermCounts(keys []Key, counts []int64) error {
	if err := w.f.TermCounts(keys, counts); err != nil {
		return err
	}
	asked := make(map[Key]int64, len(keys)+2)
	for _, k := range keys {
		asked[k] = 0
	}
	for _, t := range w.out {
		for _, k := range t.Keys {
			if n, ok := asked[k]; ok {
				asked[k] = n + 1
			}
		}
		asked[TotalWords] += int64(t.Words)
	}
	asked[TotalTexts] += int64(len(w.out))
	for i, k := range keys {
		counts[i] = max(0, counts[i]-asked[k])
	}
	return nil
}
