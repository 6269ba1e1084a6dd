// Package thesaurus answers the two questions spin detection and the spin
// generator ask about a pair of words: are they synonyms (WordNet shares a
// synset between them: "international" and "external"), and are they
// names of the same entity ("Russia" and "Russian Federation", "U.S." and
// "United States")?
//
// [Default] returns the table embedded in the binary: every WordNet 3.0
// synset with at least two lemmas (53,784 synsets, 110,390 lemmas, about
// 660 KB gzip'd; see gen/ for the rule and LICENSE-WordNet for Princeton's
// licence, which travels with the table) plus the hand-written entity
// variants of variants.go. [Load] reads the same from a WordNet dict
// directory instead, such as /usr/share/wordnet from Debian's wordnet-base.
//
//	th := thesaurus.Default()
//	th.AreSynonyms("levy", "impose")            // true
//	th.AreVariants("U.S.", "United States")      // true
//	th.Synonyms("worldwide")                     // [world-wide global planetary ...]
//
// For other languages, [ForLanguage] reads the LibreOffice thesaurus that
// Debian's mythes-* package for the language installs in [MyThesDir]
// ([LoadMyThes]; OpenThesaurus for German), which keeps the case its words
// are written in ([Thesaurus.Written]) and has no entity variants.
//
// Words are compared lowercased, with runs of whitespace and underscores
// read as one space, so multi-word lemmas ("russian federation") are looked
// up as phrases. A [Thesaurus] is immutable and safe for concurrent use.
// Every lookup is a few map reads; Default costs about 65 ms and 33 MB
// once, on first use.
package thesaurus

import (
	"bytes"

	_ "embed"
	"errors"
	"fmt"

	"slices"
	"strings"
	"sync"
	"unicode"
)

//go:embed wordnet.tsv.gz
var embedded []byte

// DefaultDir is where Debian's wordnet-base installs the WordNet dict files.
const DefaultDir = "/usr/share/wordnet"

// ErrFormat classifies a malformed table or WordNet file.
var ErrFormat = errors.New("thesaurus: malformed input")

// POS is a WordNet part of speech: 'n', 'v', 'a' (adjectives, including
// satellites) or 'r' (adverbs).
type POS byte

// synset is one WordNet synonym set.
type synset struct {
	pos    POS
	lemmas []string
}

// Thesaurus is a set of synsets and entity groups with their lookup maps.
type Thesaurus struct {
	synsets []synset
	byLemma map[string][]int32 // lemma → synsets, most common sense first
	exc     map[string][]string
	written map[string]string // key → the form a MyThes thesaurus writes, where it differs

	groups   [][]string         // entity groups, case-preserved
	byName   map[string][]int32 // variantKey(name) → groups
	maxWords int                // the most words in any lemma or variant
}

var (
	defaultOnce sync.Once
	defaultT    *Thesaurus
)

// Default returns the thesaurus embedded in the package, parsed on the first
// call. It panics only if the embedded table is corrupt, which the tests
// rule out.
func Default() *Thesaurus {
	defaultOnce.Do(func() {
		t, err := parseTable(bytes.NewReader(embedded))
		if err != nil {
			panic(fmt.Sprintf("thesaurus: embedded table: %v", err))
		}
		defaultT = t
	})
	return defaultT
}

func newThesaurus() *Thesaurus {
	return &Thesaurus{byLemma: map[string][]int32{}, exc: map[string][]string{}}
}

// finish adds the entity variants.
func (t *Thesaurus) finish() {
	t.groups = entityGroups
	t.byName = entityIndex
	t.maxWords = max(t.maxWords, entityMaxWords)
}

// Key returns the form in which words are looked up: lowercased, trimmed,
// with underscores and runs of whitespace turned into single spaces.
func Key(word string) string {
	upper := false
	for i := 0; i < len(word); i++ {
		c := word[i]
		switch {
		case 'A' <= c && c <= 'Z':
			upper = true
		case c >= 0x80 || c == '_',
			c <= ' ' && (c != ' ' || i == 0 || i == len(word)-1 || word[i-1] == ' '):
			return slowKey(word)
		}
	}
	if upper {
		return strings.ToLower(word) // ASCII, spaced as a key is
	}
	return word // already a key: the common case, without allocating
}

func slowKey(word string) string {
	word = strings.ReplaceAll(word, "_", " ")
	return strings.ToLower(strings.Join(strings.FieldsFunc(word, unicode.IsSpace), " "))
}

// Synonyms returns the other lemmas that share a synset with word, most
// common sense first and in WordNet's order within a synset, without
// duplicates. The result is a new slice; it is empty if word is not a
// lemma of the thesaurus. Words are not lemmatised: "levied" has no
// synonyms, "levy" has (see [Thesaurus.BaseForms]).
func (t *Thesaurus) Synonyms(word string) []string {
	k := Key(word)
	ids := t.byLemma[k]
	var out []string
	for _, id := range ids {
		for _, l := range t.synsets[id].lemmas {
			if l != k && !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	return out
}

// SynonymsPOS is [Thesaurus.Synonyms] restricted to the synsets of one part
// of speech.
func (t *Thesaurus) SynonymsPOS(word string, pos POS) []string {
	k := Key(word)
	var out []string
	for _, id := range t.byLemma[k] {
		if t.synsets[id].pos != pos {
			continue
		}
		for _, l := range t.synsets[id].lemmas {
			if l != k && !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	return out
}

// Has reports whether word is a lemma of some synset.
func (t *Thesaurus) Has(word string) bool {
	_, ok := t.byLemma[Key(word)]
	return ok
}

// AreSynonyms reports whether a and b are different words that share a
// synset, compared as [Key]s. If they share none as written, their base
// forms are tried ([Thesaurus.BaseForms]), so "levied" and "imposed" are
// synonyms because "levy" and "impose" are. A word is not its own synonym.
func (t *Thesaurus) AreSynonyms(a, b string) bool {
	ka, kb := Key(a), Key(b)
	if ka == kb || ka == "" || kb == "" {
		return false
	}
	if t.share(ka, kb) {
		return true
	}
	xs := t.baseForms(ka)
	if len(xs) == 0 {
		return false
	}
	ys := t.baseForms(kb)
	for _, x := range xs {
		for _, y := range ys {
			if x != y && t.share(x, y) {
				return true
			}
		}
	}
	return false
}

func (t *Thesaurus) share(a, b string) bool {
	sa, sb := t.byLemma[a], t.byLemma[b]
	if len(sa) == 0 || len(sb) == 0 {
		return false
	}
	for _, x := range sa {
		if slices.Contains(sb, x) {
			return true
		}
	}
	return false
}

// BaseForms returns the lemmas of the thesaurus that word may be an
// inflection of, by WordNet's exception lists ("levied" → "levy", "geese"
// → "goose") and its detachment rules ("rates" → "rate", "imposed" →
// "impose"). The word itself comes first if it is a lemma.
func (t *Thesaurus) BaseForms(word string) []string { return t.baseForms(Key(word)) }

// detach is WordNet's morphy suffix table: suffix → replacement.
var detach = [][2]string{
	{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"},
	{"men", "man"}, {"ies", "y"},
	{"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""},
	{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"},
}

func (t *Thesaurus) baseForms(k string) []string {
	var out []string
	if _, ok := t.byLemma[k]; ok {
		out = append(out, k)
	}
	for _, b := range t.exc[k] {
		if !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	for _, d := range detach {
		if s, ok := strings.CutSuffix(k, d[0]); ok && s != "" {
			b := s + d[1]
			if _, ok := t.byLemma[b]; ok && !slices.Contains(out, b) {
				out = append(out, b)
			}
		}
	}
	return out
}

// MaxWords returns the largest number of words in a lemma or entity
// variant: a caller matching phrases in a text need not look further.
func (t *Thesaurus) MaxWords() int { return t.maxWords }

// Len returns the number of synsets.
func (t *Thesaurus) Len() int { return len(t.synsets) }
