package freq

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma/thesaurus"
	"github.com/stemmanews/stemma/tokenize"
)

// form is an entity name as the thesaurus writes it, split into words.
type form struct {
	name  string
	words []string // the words, case and inner dots kept ("U.S" of "U.S.")
	gaps  []string // what separates them, white space read as one space
	tail  string   // what follows the last word: "." of "U.S."
}

// formIndex indexes every entity name by its first word, longest first.
type formIndex struct {
	byFirst map[string][]form
	// lengths has bit n of entry c set when a first word of n bytes
	// starts with byte c: most words are ruled out without a map lookup.
	lengths [256]uint64
}

var forms = sync.OnceValue(func() *formIndex {
	m := map[string][]form{}
	for _, g := range thesaurus.Entities() {
		for _, name := range g {
			toks := tokenize.Tokens(name)
			if len(toks) == 0 {
				continue
			}
			f := form{name: name, tail: name[toks[len(toks)-1].End:]}
			for i, t := range toks {
				f.words = append(f.words, name[t.Start:t.End])
				if i > 0 {
					f.gaps = append(f.gaps, squash(name[toks[i-1].End:t.Start]))
				}
			}
			if int(toks[0].Start) != 0 || slices.ContainsFunc(m[f.words[0]], func(o form) bool { return o.name == name }) {
				continue
			}
			m[f.words[0]] = append(m[f.words[0]], f)
		}
	}
	ix := &formIndex{byFirst: m}
	for w, fs := range m {
		slices.SortStableFunc(fs, func(a, b form) int { return cmp.Compare(len(b.words), len(a.words)) })
		if len(w) < 64 {
			ix.lengths[w[0]] |= 1 << len(w)
		}
	}
	return ix
})

// squash reads runs of white space as one space.
func squash(s string) string {
	if !strings.ContainsAny(s, " \t\n\r\v\f") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// Names calls fn for every entity name of thesaurus.Entities that text
// writes in running prose, with the name as the table writes it and the
// indexes of its first and last tokens in toks (text's tokens), left to
// right. A name matches when its words are text's words with the same
// case, separated as in the table (any white space for a space), and
// followed by the table's trailing dot if it has one; the longest name
// starting at a word wins. It is not running prose, and is skipped:
//
//   - inside a longer name: the word right before it (white space
//     between) is capitalised and not a stopword ("Latin America",
//     "Bank of" is fine), or the word right after it is capitalised
//     ("USA Today", "New York Times");
//   - in capitals: a word beside it is in capitals and neither has a
//     lower-case letter (a headline, a dateline such as "NEW YORK, March
//     3").
//
// Both counting ([Counter.Count]) and spin detection read names through
// Names, so the two agree on what a name in running prose is.
func Names(text string, toks []tokenize.Token, fn func(name string, first, last int)) {
	fs := forms()
	for i := 0; i < len(toks); i++ {
		w := text[toks[i].Start:toks[i].End]
		if len(w) >= 64 || fs.lengths[w[0]]&(1<<len(w)) == 0 {
			continue
		}
		cands := fs.byFirst[w]
		for _, f := range cands {
			last, ok := match(text, toks, i, f)
			if !ok {
				continue
			}
			if prose(text, toks, i, last) {
				fn(f.name, i, last)
			}
			i = last
			break
		}
	}
}

// match reports whether form f starts at token i, and its last token.
func match(text string, toks []tokenize.Token, i int, f form) (int, bool) {
	last := i + len(f.words) - 1
	if last >= len(toks) {
		return 0, false
	}
	for j := 1; j < len(f.words); j++ {
		t := toks[i+j]
		if text[t.Start:t.End] != f.words[j] || squash(text[toks[i+j-1].End:t.Start]) != f.gaps[j-1] {
			return 0, false
		}
	}
	return last, strings.HasPrefix(text[toks[last].End:], f.tail)
}

// prose reports whether the name on tokens [first, last] stands in
// running prose (see [Names]).
func prose(text string, toks []tokenize.Token, first, last int) bool {
	prev, next := -1, -1
	if first > 0 {
		prev = first - 1
	}
	if last+1 < len(toks) {
		next = last + 1
	}
	word := func(k int) string { return text[toks[k].Start:toks[k].End] }
	if prev >= 0 && spaceOnly(text[toks[prev].End:toks[first].Start]) {
		if w := word(prev); capitalised(w) && !thesaurus.IsStopword(strings.ToLower(w)) {
			return false
		}
	}
	if next >= 0 && spaceOnly(text[toks[last].End:toks[next].Start]) && capitalised(word(next)) {
		return false
	}
	caps, lower := false, false
	for _, k := range []int{prev, next} {
		if k < 0 {
			continue
		}
		w := word(k)
		caps = caps || Capitals(w)
		lower = lower || strings.IndexFunc(w, unicode.IsLower) >= 0
	}
	return lower || !caps
}

// capitalised reports whether w starts with an upper-case letter.
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// Capitals reports whether w has at least two letters and all of them
// are upper case: "NATO", "U.S", "NEW".
func Capitals(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}
