package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SentenceBreak reports whether a sentence ends after token k of text
// (toks are text's tokens, k+1 < len(toks)): a blank line separates the
// two tokens, or a full stop, question or exclamation mark (then any
// closing quotes or brackets) and white space do, the next word does not
// start in lower case, and a full stop right after token k does not end an
// initial ("John F. Kennedy") or an abbreviation ("Mr.", "Corp.", "U.S.").
// The marks of other scripts count as well: the ideographic full stop and
// the full-width question and exclamation marks of Chinese and Japanese
// ("。", "？", "！", and the half-width "｡") end a sentence with or
// without white space after them, since those scripts put none between
// sentences; the Devanagari danda ("।", "॥"), the Arabic question mark
// ("؟") and the Urdu full stop ("۔") end one when white space follows, as
// a full stop does.
//
// A single line break is not a break: wire copy and plain-text archives
// wrap their lines, and a copy wraps them elsewhere, so sentence units
// must not depend on where lines end. The rule is simple on purpose: it
// costs a look at the bytes between two words, and a copy and its source
// split the same way wherever they carry the same words and punctuation.
func SentenceBreak(text string, toks []Token, k int) bool {
	end, next := int(toks[k].End), int(toks[k+1].Start)
	gap := text[end:next]
	if len(gap) == 1 {
		return false // a space, or punctuation with no space after it
	}
	// One pass over the gap: where its first mark is, whether white space
	// follows it, how many line breaks it holds, and whether it holds an
	// ideographic mark.
	i, spaced, lines, ideographic := -1, false, 0, false
	for j := 0; j < len(gap); j++ {
		switch c := gap[j]; {
		case c == '.' || c == '!' || c == '?':
			if i < 0 {
				i = j
			}
		case c == '\n':
			lines++
			spaced = spaced || i >= 0
		case c == ' ' || c == '\t' || c == '\r':
			spaced = spaced || i >= 0
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(gap[j:])
			switch r {
			case '。', '？', '！', '｡':
				ideographic = true
			case '।', '॥', '؟', '۔':
				if i < 0 {
					i = j
				}
			}
			j += n - 1
		}
	}
	if ideographic {
		return true
	}
	switch {
	case lines >= 2:
		return true
	case i < 0 || !spaced:
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[next:])
	if unicode.IsLower(r) {
		return false
	}
	if gap[i] == '.' && i == 0 {
		w := text[toks[k].Start:end]
		if n := utf8.RuneCountInString(w); n == 1 {
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
				return false // an initial
			}
		}
		if strings.IndexByte(w, '.') >= 0 || len(w) <= 5 && abbreviations[strings.ToLower(w)] {
			return false // "U.S.", "Mr."
		}
	}
	return true
}

// abbreviations end in a full stop that does not end a sentence.
var abbreviations = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`mr mrs ms dr prof st jr sr inc corp co ltd plc gen col lt sgt capt cmdr adm
		sen rep gov pres rev hon messrs mme mlle no nos vs etc dept est fig jan feb mar apr jun jul aug sep
		sept oct nov dec mt ft ave blvd`) {
		m[w] = true
	}
	return m
}()
