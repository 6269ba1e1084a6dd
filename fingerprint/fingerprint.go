// Package fingerprint hashes word n-grams and selects a small, position-
// robust subset of them by winnowing (Schleimer, Wilkerson and Aiken,
// "Winnowing: local algorithms for document fingerprinting", SIGMOD 2003).
//
// For n-gram length N and window W, winnowing keeps the minimum hash of
// every window of W consecutive n-gram hashes. Two texts that share a run of
// at least W+N-1 words therefore share at least one fingerprint, whatever
// surrounds the run; the expected density is about 2/(W+1) fingerprints per
// word. The index stores winnowed fingerprints; the tracer winnows the
// article the same way, so the guarantee holds on both sides.
//
// Functions here are pure and safe for concurrent use. Cost is linear in the
// number of tokens.
package fingerprint

import (
	"errors"
	"fmt"

	"github.com/zeebo/xxh3"

	"github.com/stemmanews/stemma/lang"
	"github.com/stemmanews/stemma/tokenize"
)

// Options sets the n-gram length and the winnowing window. The zero value
// selects the defaults.
type Options struct {
	// N is the number of words in an n-gram (default 5).
	N int
	// Window is the winnowing window, in n-grams (default 4). Any shared
	// run of N+Window-1 words is guaranteed to be found.
	Window int
	// StopN is the length of the stopword n-grams also fingerprinted
	// (default 8); 0 after EnsureDefaults means none (-1 before). They are
	// winnowed with the same window.
	StopN int
	// Sketch is the number of content words of each sentence whose pairs
	// are fingerprinted as its sketch (see [Sketches]; default 3, at most
	// 8); 0 after EnsureDefaults means none (-1 before). Sketches are not
	// winnowed: a sentence has Sketch·(Sketch-1)/2 of them.
	Sketch int
	// Cross is the number of words of each sentence of a text in a
	// language other than English whose pairs are fingerprinted as its
	// cross-language sketch (see [CrossSketches]; default 3, at most 8),
	// which finds it for an English text that translates it; 0 after
	// EnsureDefaults means none (-1 before).
	Cross int
	// StopLang is 1 when the stopword n-grams of a text in a language
	// other than English are made of its own language's function words
	// (lang.FunctionWords), and 0 when every text's are made of English
	// ones, as in indexes made before (default 1; -1 before EnsureDefaults
	// means 0).
	StopLang int
}

// Defaults.
const (
	DefaultN      = 5
	DefaultWindow = 4
	DefaultStopN  = 8
	DefaultSketch = 3
	DefaultCross  = 3
)

// EnsureDefaults fills zero fields with their defaults.
func (o *Options) EnsureDefaults() {
	if o.N == 0 {
		o.N = DefaultN
	}
	if o.Window == 0 {
		o.Window = DefaultWindow
	}
	orNone(&o.StopN, DefaultStopN)
	orNone(&o.Sketch, DefaultSketch)
	orNone(&o.Cross, DefaultCross)
	orNone(&o.StopLang, 1)
}

// orNone sets a field that is 0 to its default, and one that is -1 (none)
// to 0.
func orNone(v *int, def int) {
	switch *v {
	case 0:
		*v = def
	case -1:
		*v = 0
	}
}

// Validate reports options that cannot work.
func (o *Options) Validate() error {
	if o.N < 1 || o.N > 32 {
		return fmt.Errorf("%w: n-gram length %d out of range [1, 32]", ErrOptions, o.N)
	}
	if o.Window < 1 || o.Window > 1024 {
		return fmt.Errorf("%w: window %d out of range [1, 1024]", ErrOptions, o.Window)
	}
	if o.StopN < 0 || o.StopN > 32 {
		return fmt.Errorf("%w: stopword n-gram length %d out of range [0, 32]", ErrOptions, o.StopN)
	}
	if o.Sketch < 0 || o.Sketch == 1 || o.Sketch > 8 {
		return fmt.Errorf("%w: sketch size %d: want 0 (none) or 2 to 8", ErrOptions, o.Sketch)
	}
	if o.StopLang < 0 || o.StopLang > 1 {
		return fmt.Errorf("%w: stopword language %d: want 0 (English for every text) or 1 (the text's own)", ErrOptions, o.StopLang)
	}
	if o.Cross < 0 || o.Cross == 1 || o.Cross > 8 {
		return fmt.Errorf("%w: cross-language sketch size %d: want 0 (none) or 2 to 8", ErrOptions, o.Cross)
	}
	return nil
}

// ErrOptions is returned by functions given invalid options.
var ErrOptions = errors.New("fingerprint: invalid options")

// Fingerprint is one selected n-gram hash and the index of its first token.
type Fingerprint struct {
	Hash uint64
	Pos  int32
}

// Guarantee returns the length, in words, of the shortest shared run that
// is certain to produce a shared fingerprint.
func (o Options) Guarantee() int { return o.N + o.Window - 1 }

// mix is the splitmix64 finaliser: a cheap bijection that spreads bits.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Grams appends the hash of every n-gram of toks to dst: dst[i] is the hash
// of toks[i:i+n]. A text shorter than n words has one gram, of all its words,
// so short texts still get a fingerprint.
func Grams(toks []tokenize.Token, n int, dst []uint64) []uint64 {
	if len(toks) == 0 {
		return dst
	}
	if len(toks) < n {
		n = len(toks)
	}
	for i := 0; i+n <= len(toks); i++ {
		var h uint64
		for _, t := range toks[i : i+n] {
			h = mix(h ^ t.Term)
		}
		dst = append(dst, h)
	}
	return dst
}

// Winnow appends the winnowed fingerprints of the gram hashes to dst. It uses
// robust winnowing: in each window the rightmost minimum is chosen, and a
// hash is recorded once however many windows select it.
func Winnow(grams []uint64, window int, dst []Fingerprint) []Fingerprint {
	window = max(window, 1)
	if len(grams) == 0 {
		return dst
	}
	if len(grams) <= window {
		return append(dst, minOf(grams, 0, len(grams)))
	}
	// Track the current window's rightmost minimum; rescan the window only
	// when the minimum slides out of it (expected O(1) per gram).
	m := minOf(grams, 0, window)
	dst = append(dst, m)
	for i := window; i < len(grams); i++ {
		lo := i - window + 1
		switch {
		case int(m.Pos) < lo:
			m = minOf(grams, lo, i+1)
		case grams[i] <= m.Hash:
			m = Fingerprint{Hash: grams[i], Pos: int32(i)}
		default:
			continue
		}
		if m.Pos != dst[len(dst)-1].Pos {
			dst = append(dst, m)
		}
	}
	return dst
}

// minOf returns the rightmost minimum of grams[lo:hi].
func minOf(grams []uint64, lo, hi int) Fingerprint {
	best := lo
	for i := lo + 1; i < hi; i++ {
		if grams[i] <= grams[best] {
			best = i
		}
	}
	return Fingerprint{Hash: grams[best], Pos: int32(best)}
}

// Text appends the winnowed fingerprints of toks, a text in the language
// code ("" when unknown), to dst, using buf as scratch space for gram
// hashes. It returns the fingerprints and the (possibly grown) scratch
// buffer for reuse.
func (o Options) Text(code string, toks []tokenize.Token, dst []Fingerprint, buf []uint64) ([]Fingerprint, []uint64) {
	buf = Grams(toks, o.N, buf[:0])
	dst = Winnow(buf, o.Window, dst)
	if o.StopN > 0 {
		buf = o.stopGrams(code, toks, buf[:0])
		dst = Winnow(buf, o.Window, dst)
	}
	return dst, buf
}

// Query appends to dst every n-gram hash (word and stopword grams) of
// toks, a text in the language code, unwinnowed: what a query looks up
// in an index built with o.
func (o Options) Query(code string, toks []tokenize.Token, dst []uint64) []uint64 {
	dst = Grams(toks, o.N, dst)
	if o.StopN > 0 {
		dst = o.stopGrams(code, toks, dst)
	}
	return dst
}

// stopGrams appends the stopword n-grams of a text in language code: of
// its own function words when o.StopLang says so and package lang has
// them, else of English ones.
func (o Options) stopGrams(code string, toks []tokenize.Token, dst []uint64) []uint64 {
	if c := lang.Primary(code); o.StopLang > 0 && c != "en" {
		if set := langStops()[c]; set != nil {
			return stopGrams(toks, o.StopN, set, dst)
		}
	}
	return StopGrams(toks, o.StopN, dst)
}

// sketchDomain separates sentence-sketch hashes from gram hashes.
const sketchDomain = 0x632be59bd9b4e019

// maxSketchUnit is the most words of one sketched unit: a longer run with
// no sentence break (a list, text without punctuation) is cut.
const maxSketchUnit = 50

// Sketches appends the sentence sketches of text to dst: for every
// sentence (see [tokenize.SentenceBreak]), the k content words (not
// function words) with the smallest hashes, and one fingerprint for each
// pair of them, whatever their order. Pos is the sentence's first token.
//
// A sketch survives what rewording does to a sentence (words shuffled,
// function words changed, a few words replaced, added or cut) as long as
// its smallest-hashed content words stay: it is a bottom-k sample of the
// sentence's content words (Broder, "On the resemblance and containment of
// documents", 1997), and two sentences with many content words in common
// share one of its pairs with high probability. Names, numbers and rare
// words, which paraphrase keeps, are as likely to be sampled as any.
func Sketches(text string, toks []tokenize.Token, k int, dst []Fingerprint) []Fingerprint {
	if k < 2 {
		return dst
	}
	b := bottom{k: k}
	start := 0
	for i, t := range toks {
		// One byte between two words (a space) never breaks a sentence:
		// most words are asked nothing more.
		if i > start && (i-start >= maxSketchUnit || t.Start-toks[i-1].End > 1 && tokenize.SentenceBreak(text, toks, i-1)) {
			dst = b.flush(sketchDomain, start, dst)
			start = i
		}
		if !stopTerms.has(t.Term) {
			b.add(mix(t.Term))
		}
	}
	return b.flush(sketchDomain, start, dst)
}

// bottom keeps the k smallest distinct hashes it is given: a sentence's
// bottom-k sample.
type bottom struct {
	low  [8]uint64 // ascending
	n, k int
}

func (b *bottom) add(h uint64) {
	p := b.n
	for p > 0 && b.low[p-1] > h {
		p--
	}
	if p > 0 && b.low[p-1] == h || p >= b.k {
		return
	}
	if b.n < b.k {
		b.n++
	}
	copy(b.low[p+1:b.n], b.low[p:b.n-1])
	b.low[p] = h
}

// flush appends the fingerprint of each pair of the sample, in domain,
// at token pos, and empties it.
func (b *bottom) flush(domain uint64, pos int, dst []Fingerprint) []Fingerprint {
	for i := 0; i < b.n; i++ {
		for j := i + 1; j < b.n; j++ {
			dst = append(dst, Fingerprint{Hash: mix(mix(b.low[i]^domain) ^ b.low[j]), Pos: int32(pos)})
		}
	}
	b.n = 0
	return dst
}

// SketchRank is the rank [Sketches] orders a sentence's content words by:
// a sketch samples the words of smallest rank.
func SketchRank(term uint64) uint64 { return mix(term) }

// IsSketchTerm reports whether [Sketches] samples the word with this term:
// it is not a function word.
func IsSketchTerm(term uint64) bool { return !stopTerms.has(term) }

// SketchPair returns the fingerprint [Sketches] makes for two content
// words of one sentence, given their terms, in either order: a query
// that guesses a sentence's words (a translation, say) looks its pairs
// up.
func SketchPair(a, b uint64) uint64 { return pair(sketchDomain, a, b) }

func pair(domain, a, b uint64) uint64 {
	ha, hb := mix(a), mix(b)
	if ha > hb {
		ha, hb = hb, ha
	}
	return mix(mix(ha^domain) ^ hb)
}

// crossDomain separates cross-language sketches from the others.
const crossDomain = 0x8d4e6b1a7f23c95b

// CrossSketches appends the cross-language sketches of a text in the
// language code (not English) to dst: the sentence sketches of
// [Sketches], made of the words' [lang.CrossKey] (their first letters,
// folded) in place of the words, the language's function words left out.
// A language without function words in package lang (one told by its
// script, or unknown) has none.
// A query that knows the words a sentence of another language translates
// to (a dictionary's base forms) finds the sentence by the pairs of their
// keys ([CrossTerm], [CrossPair]): the key is the same for most of a
// word's inflections, which a dictionary does not list.
func CrossSketches(text string, toks []tokenize.Token, k int, code string, dst []Fingerprint) []Fingerprint {
	function := langStops()[lang.Primary(code)]
	if k < 2 || function == nil {
		return dst
	}
	b := bottom{k: k}
	var key []byte
	start := 0
	for i, t := range toks {
		// One byte between two words (a space) never breaks a sentence:
		// most words are asked nothing more.
		if i > start && (i-start >= maxSketchUnit || t.Start-toks[i-1].End > 1 && tokenize.SentenceBreak(text, toks, i-1)) {
			dst = b.flush(crossDomain, start, dst)
			start = i
		}
		if function.has(t.Term) {
			continue
		}
		key = lang.CrossKey(key[:0], text[t.Start:t.End])
		if len(key) >= minCrossKey {
			b.add(mix(xxh3.Hash(key)))
		}
	}
	return b.flush(crossDomain, start, dst)
}

// minCrossKey is the fewest bytes of a word's cross key that it is
// sampled by: shorter words are function words or letters.
const minCrossKey = 2

// CrossTerm returns the term [CrossSketches] ranks and pairs a word by,
// and false for a word it never samples.
func CrossTerm(word string) (uint64, bool) {
	var buf [4 * lang.CrossKeyLen]byte
	key := lang.CrossKey(buf[:0], word)
	if len(key) < minCrossKey {
		return 0, false
	}
	return xxh3.Hash(key), true
}

// CrossPair returns the fingerprint [CrossSketches] makes for two words
// of one sentence, given their [CrossTerm]s, in either order.
func CrossPair(a, b uint64) uint64 { return pair(crossDomain, a, b) }
