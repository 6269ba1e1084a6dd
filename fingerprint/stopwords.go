package fingerprint

import (
	"strings"
	"sync"

	"github.com/stemmanews/stemma/lang"

	"github.com/stemmanews/stemma/tokenize"
)

// stopwordList holds the English function words whose n-grams survive
// synonym spinning: spinners replace content words and leave these alone
// (Stamatatos, "Plagiarism detection using stopword n-grams", JASIST 2011,
// used the 50 most frequent English words; this list extends it with the
// function words of news prose).
const stopwordList = `a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does
doing down during each few for from further had has have having he her here
hers him his how i if in into is it its itself just me more most my no nor
not now of off on once only or other our out over own same she should so
some such than that the their them then there these they this those through
to too under until up very was we were what when where which while who whom
why will with would you your`

// stopTerms is the set of term hashes of stopwordList, as an open-
// addressing table: StopGrams asks it about every token, and a Go map
// lookup cost a fifth of fingerprinting.
var stopTerms = func() (t stopTable) {
	for _, w := range strings.Fields(stopwordList) {
		if h, ok := tokenize.Term(w); ok {
			t.add(h)
		}
	}
	return t
}()

// stopTable is a set of term hashes with linear probing; its slots are
// many more than the stopwords, so a lookup reads one or two.
type stopTable struct {
	slots [1024]uint64 // 0: empty (no stopword's term hash is 0)
}

func (t *stopTable) add(h uint64) {
	i := h % uint64(len(t.slots))
	for t.slots[i] != 0 && t.slots[i] != h {
		i = (i + 1) % uint64(len(t.slots))
	}
	t.slots[i] = h
}

func (t *stopTable) has(h uint64) bool {
	for i := h % uint64(len(t.slots)); ; i = (i + 1) % uint64(len(t.slots)) {
		switch t.slots[i] {
		case h:
			return h != 0
		case 0:
			return false
		}
	}
}

// IsStopword reports whether a term hash is one of the function words.
func IsStopword(term uint64) bool { return stopTerms.has(term) }

// stopDomain separates stopword-gram hashes from word-gram hashes.
const stopDomain = 0x9e3779b97f4a7c15

// StopGrams appends the hash of every n-gram of the stopword subsequence of
// toks to dst. A spun copy keeps its source's function words in order, so
// these grams survive content-word substitution.
func StopGrams(toks []tokenize.Token, n int, dst []uint64) []uint64 {
	return stopGrams(toks, n, &stopTerms, dst)
}

// stopGrams appends the n-grams of the subsequence of toks in set.
func stopGrams(toks []tokenize.Token, n int, set *stopTable, dst []uint64) []uint64 {
	var ring [32]uint64
	k := 0
	for _, t := range toks {
		if !set.has(t.Term) {
			continue
		}
		ring[k%n] = t.Term
		k++
		if k >= n {
			var h uint64 = stopDomain
			for j := k - n; j < k; j++ {
				h = mix(h ^ ring[j%n])
			}
			dst = append(dst, h)
		}
	}
	return dst
}

// langStops returns the table of each language's function words
// (lang.FunctionWords), made on first use.
var langStops = sync.OnceValue(func() map[string]*stopTable {
	m := map[string]*stopTable{}
	for _, code := range lang.Codes() {
		words := lang.FunctionWords(code)
		if len(words) == 0 {
			continue
		}
		t := new(stopTable)
		for _, w := range words {
			if h, ok := tokenize.Term(w); ok {
				t.add(h)
			}
		}
		m[code] = t
	}
	return m
})
