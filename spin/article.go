package spin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/freq"
	"github.com/stemmanews/stemma/thesaurus"
	"github.com/stemmanews/stemma/tokenize"
)

// articleUse is an "a" or "an" before a word whose sound the spelling
// rules decide.
type articleUse struct {
	det, next int  // token indexes
	an        bool // the text writes "an"
	// text and span cover the article and the word.
	text string
	span stemma.Span
	word string
	// slots of the corpus counts of "a word" and "an word".
	a, aN int
}

// articleCandidates finds every "a" or "an" whose next word takes the
// other one by the spelling rules ([wantsAn]) and queues the corpus counts
// of both pairs. It leaves alone, as real English that rules get wrong:
// a capital "A" or "An" inside a sentence (a letter, a grade, a name: "Class
// A", "An Post"), sentences in capitals (headlines), an article followed by
// anything but white space and a word of letters (quotes, brackets,
// numbers: "an 18-year-old", "a 1987 law", "a \"historic\" deal"), single
// letters and words in capitals or with inner capitals ("a U.S.", "an FBI",
// "an MP", "a NATO", "an mRNA"), a name after a capital "A" or "An" at the
// start of a sentence ("An Post", "An Garda": Irish), stopwords ("a and
// b"), and words whose sound the rules cannot tell ("an historic", "an
// herb", "a unanimous").
func (f *Finder) articleCandidates(text string, toks []tokenize.Token, ws []word, q *query) []articleUse {
	var out []articleUse
	for i := 0; i+1 < len(toks); i++ {
		w := ws[i]
		if w.skip || w.lower != "a" && w.lower != "an" {
			continue
		}
		if w.text != w.lower && !(w.start && w.capped) {
			continue
		}
		n := ws[i+1]
		if !freq.SpaceOnly(gap(text, toks, i+1)) || !n.letters || n.allCaps || utf8Len(n.text) < 2 {
			continue
		}
		if n.text != n.lower && !n.capped {
			continue // inner capitals: "mRNA", "iPhone" spelt as a name
		}
		if w.text != w.lower && n.capped {
			continue // "An Post", "An Garda": Irish names, not English articles
		}
		if thesaurus.IsStopword(n.lower) {
			continue
		}
		an, sure := wantsAn(n.lower)
		isAn := w.lower == "an"
		if !sure || an == isAn {
			continue
		}
		span := stemma.Span{Start: int(toks[i].Start), End: int(toks[i+1].End)}
		out = append(out, articleUse{
			det: i, next: i + 1, an: isAn, text: text[span.Start:span.End], span: span, word: n.lower,
			a: q.add(freq.Pair("a", n.lower)), aN: q.add(freq.Pair("an", n.lower)),
		})
	}
	return out
}

func utf8Len(s string) int { return len([]rune(s)) }

// tell returns the tell, unless the corpus writes the article the text
// uses before this word, at least twice and at least a tenth as often as
// the other.
func (a articleUse) tell(q *query) (stemma.Tell, bool) {
	used, other := q.n(a.a), q.n(a.aN)
	det, want := "a", "an"
	if a.an {
		used, other = other, used
		det, want = "an", "a"
	}
	if used >= 2 && 10*used >= other {
		return stemma.Tell{}, false
	}
	reason := fmt.Sprintf("%q before %q, which takes %q: the article of a word that was swapped for another", det, a.word, want)
	if other > 0 {
		reason = fmt.Sprintf("%q before %q, where the indexed news writes %q %s and %q %s: the article of a word that was swapped for another",
			det, a.word, want+" "+a.word, times(other), det+" "+a.word, times(used))
	}
	return stemma.Tell{Article: a.span, Text: a.text, Reason: reason, Kind: stemma.ArticleMismatch}, true
}

// times says how many times, in words.
func times(n int64) string {
	switch n {
	case 0:
		return "never"
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return thousands(n) + " times"
}

// wantsAn reports whether a lower-case word of letters takes "an" rather
// than "a", and whether English spelling says so surely. Vowel letters
// take "an" and consonants "a", but for the words whose first sound is not
// their first letter's: "a one-off", "a union", "a European", "a
// usual", "an hour", "an honest", "an heir". Words the rules are unsure
// of are not sure: an "h" that some write silent ("an historic", "an
// hotel", "an herb"), and "u" and "eu" words outside the lists.
func wantsAn(w string) (an, sure bool) {
	if w == "" {
		return false, false
	}
	switch w[0] {
	case 'a', 'i':
		return true, true
	case 'e':
		if strings.HasPrefix(w, "eu") || strings.HasPrefix(w, "ewe") {
			return false, true
		}
		return true, true
	case 'o':
		if w == "one" || w == "once" || w == "ones" || strings.HasPrefix(w, "oneself") {
			return false, true
		}
		return true, true
	case 'u':
		switch {
		case hasAnyPrefix(w, yooPrefixes):
			return false, true
		case hasAnyPrefix(w, unPrefixes) && !hasAnyPrefix(w, unsureU):
			return true, true
		}
		return false, false
	case 'h':
		switch {
		case hasAnyPrefix(w, silentH):
			return true, true
		case hasAnyPrefix(w, unsureH):
			return false, false
		}
		return false, true
	}
	if w[0] >= 0x80 {
		return false, false // an accented or foreign letter: no rule here
	}
	return false, true
}

func hasAnyPrefix(w string, ps []string) bool {
	return slices.ContainsFunc(ps, func(p string) bool { return strings.HasPrefix(w, p) })
}

var (
	// yooPrefixes start "u" words said "you": "a union", "a usual".
	yooPrefixes = []string{"unic", "unif", "unil", "unio", "uniq", "unis", "unit", "univ",
		"usa", "use", "usu", "uten", "uter", "uti", "uto", "ura", "uri", "uro", "ubiq", "uk"}
	// unPrefixes start "u" words said with a vowel: "an unusual", "an
	// update", "an ultimate", "an umbrella", "an utter".
	unPrefixes = []string{"un", "up", "ul", "um", "ut", "ud", "ug", "ur", "us", "uz"}
	// unsureU are words whose sound varies or that the lists above would
	// misread: "a unanimous", "an unidentified" and "a unicorn" differ
	// only past "uni"; "a Ugandan", "an ugly".
	unsureU = []string{"unan", "uni", "ug"}
	// silentH words take "an".
	silentH = []string{"hour", "honest", "honor", "honour", "heir"}
	// unsureH words take "an" in some writers' English.
	unsureH = []string{"histor", "hotel", "herb", "heroic", "hereditary", "habitual", "hysteric", "homage", "hypothe", "horrific", "humble"}
)
