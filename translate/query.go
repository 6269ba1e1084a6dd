package translate

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/fingerprint"
	"github.com/stemmanews/stemma/lang"
	"github.com/stemmanews/stemma/tokenize"
)

// Query limits. An English sentence of m content words samples the three
// of smallest rank, which lie below about 3/m of the rank's range; a
// guess is paired when its rank lies below rankSlack times that, m taken
// as the foreign sentence's count of content words, and a sentence pairs
// at most maxGuesses guesses, those of smallest rank.
const (
	rankSlack  = 3.0
	maxGuesses = 120
)

// Sketches returns the fingerprints to look up in an index of English
// texts to find those an article in the aligner's language translates:
// for each of its sentences, the English words it may have been
// translated from (each content word's dictionary translations, in base
// form and with the common English endings, and its names and numbers as
// written), and the sentence-sketch fingerprint ([fingerprint.SketchPair])
// of each pair of them that a sketch could sample. An English sentence
// whose sampled words are among the guesses shares its sketch.
//
// skip, when not nil, leaves out the sentences it reports true for (trace
// leaves out those already found in the article's own language).
func (a *Aligner) Sketches(text string, skip func(stemma.Span) bool) []uint64 {
	content := func(w string) bool { return !lang.IsFunctionWord(a.dict.Lang, w) }
	guess := func(w string, dst []uint64) []uint64 {
		for _, g := range a.guesses(w) {
			if t, ok := tokenize.Term(g); ok && fingerprint.IsSketchTerm(t) {
				dst = append(dst, t)
			}
		}
		return dst
	}
	return sentenceGuesses(text, skip, content, guess, fingerprint.SketchPair)
}

// sentenceGuesses returns the pair fingerprints that the sentences of text
// may share with their translations: for each sentence (less those skip
// reports true for), the terms guess appends for its content words, of
// rank below rankSlack times the share a sketch samples, and pair's
// fingerprint of each two of the maxGuesses of smallest rank; sorted,
// each once.
func sentenceGuesses(text string, skip func(stemma.Span) bool, content func(w string) bool, guess func(w string, dst []uint64) []uint64, pair func(a, b uint64) uint64) []uint64 {
	toks := tokenize.Tokens(text)
	var out, terms, guessed []uint64
	start := 0
	flush := func(end int) {
		terms = terms[:0]
		if skip != nil && end > start && skip(stemma.Span{Start: int(toks[start].Start), End: int(toks[end-1].End)}) {
			start = end
			return
		}
		n := 0
		for i := start; i < end; i++ {
			if content(text[toks[i].Start:toks[i].End]) {
				n++
			}
		}
		limit := uint64(math.MaxUint64)
		if share := rankSlack * 3 / float64(max(n, 1)); share < 1 {
			limit = uint64(math.Exp2(64) * share)
		}
		for i := start; i < end; i++ {
			w := text[toks[i].Start:toks[i].End]
			if !content(w) {
				continue
			}
			guessed = guess(w, guessed[:0])
			for _, t := range guessed {
				if fingerprint.SketchRank(t) < limit {
					terms = append(terms, t)
				}
			}
		}
		out = appendPairs(out, terms, pair)
		start = end
	}
	for i := range toks {
		if i > start && (i-start >= maxSentenceWords || tokenize.SentenceBreak(text, toks, i-1)) {
			flush(i)
		}
	}
	flush(len(toks))
	slices.Sort(out)
	return slices.Compact(out)
}

// appendPairs appends the pair fingerprint of each two of the maxGuesses
// terms of smallest rank (fingerprint.SketchRank); terms is reordered.
func appendPairs(dst, terms []uint64, pair func(a, b uint64) uint64) []uint64 {
	slices.SortFunc(terms, func(x, y uint64) int { return cmp.Compare(fingerprint.SketchRank(x), fingerprint.SketchRank(y)) })
	terms = slices.Compact(terms)
	terms = terms[:min(len(terms), maxGuesses)]
	for i := range terms {
		for j := i + 1; j < len(terms); j++ {
			dst = append(dst, pair(terms[i], terms[j]))
		}
	}
	return dst
}

// guesses returns the English words a foreign word may stand for.
func (a *Aligner) guesses(w string) []string {
	var out []string
	if digits(w) != "" || startsUpper(w) {
		out = append(out, w) // a name or a number, as written
	}
	for _, e := range a.dict.Words(w) {
		if plainWord(e) {
			out = inflections(e, out)
		}
	}
	for _, c := range cognates(a.dict.Lang, lang.Fold(w)) {
		out = inflections(c, out)
	}
	return out
}

// cognateEndings rewrite the endings of Romance words into the English
// of the same Latin root ("decisión" → "decision", "nación" → "nation",
// "sociedad" → "society", "électrique" → "electric"), longest first.
var cognateEndings = map[string][][2]string{
	"es": {{"ciones", "tions"}, {"cion", "tion"}, {"mente", "ly"}, {"idad", "ity"}, {"dad", "ty"}, {"ista", "ist"}, {"ismo", "ism"},
		{"oso", "ous"}, {"osa", "ous"}, {"ico", "ic"}, {"ica", "ic"}, {"ario", "ary"}, {"ivo", "ive"}, {"iva", "ive"},
		{"ente", "ent"}, {"ante", "ant"}, {"o", ""}, {"a", ""}, {"e", ""}},
	"it": {{"zioni", "tions"}, {"zione", "tion"}, {"mente", "ly"}, {"ita", "ity"}, {"ista", "ist"}, {"ismo", "ism"},
		{"oso", "ous"}, {"osa", "ous"}, {"ico", "ic"}, {"ica", "ic"}, {"ario", "ary"}, {"ivo", "ive"}, {"iva", "ive"},
		{"ente", "ent"}, {"ante", "ant"}, {"o", ""}, {"a", ""}, {"e", ""}},
	"pt": {{"coes", "tions"}, {"cao", "tion"}, {"mente", "ly"}, {"idade", "ity"}, {"dade", "ty"}, {"ista", "ist"},
		{"ismo", "ism"}, {"oso", "ous"}, {"osa", "ous"}, {"ico", "ic"}, {"ica", "ic"}, {"ario", "ary"}, {"ivo", "ive"},
		{"iva", "ive"}, {"ente", "ent"}, {"ante", "ant"}, {"o", ""}, {"a", ""}, {"e", ""}},
	"fr": {{"ement", "ly"}, {"ique", "ic"}, {"ite", "ity"}, {"isme", "ism"}, {"iste", "ist"}, {"aire", "ary"}, {"eux", "ous"},
		{"euse", "ous"}, {"eur", "or"}, {"if", "ive"}, {"e", ""}},
}

// cognates returns English words that a folded Romance word of language
// code may share its root with: the word itself, and its ending
// rewritten (cognateEndings). Only words of 5 letters or more have any.
func cognates(code, f string) []string {
	rules, ok := cognateEndings[code]
	if !ok || len(f) < 5 || !plainWord(f) {
		return nil
	}
	out := []string{f}
	for _, r := range rules {
		if stem, ok := strings.CutSuffix(f, r[0]); ok && len(stem) >= 3 {
			out = append(out, stem+r[1])
			break
		}
	}
	return out
}

// plainWord reports whether e is a word of ASCII letters, the only kind
// a query inflects.
func plainWord(e string) bool {
	for i := range len(e) {
		if e[i] < 'a' || e[i] > 'z' {
			return false
		}
	}
	return e != ""
}

// inflections appends an English word and the forms a text may write it
// in: plural or third person ("taxes", "studies"), past ("planned",
// "said"), participles and gerund.
func inflections(e string, dst []string) []string {
	dst = append(dst, e)
	if forms, ok := irregular[e]; ok {
		dst = append(dst, strings.Fields(forms)...)
	}
	n := len(e)
	if n < 3 || strings.HasSuffix(e, "ing") || strings.HasSuffix(e, "ed") || strings.HasSuffix(e, "ly") ||
		strings.HasSuffix(e, "s") && !strings.HasSuffix(e, "ss") && !strings.HasSuffix(e, "us") && !strings.HasSuffix(e, "is") {
		return dst // already inflected, or an adverb
	}
	last := e[n-1]
	switch {
	case last == 'e':
		return append(dst, e+"s", e+"d", e[:n-1]+"ing")
	case last == 'y' && !strings.ContainsRune("aeiou", rune(e[n-2])):
		return append(dst, e[:n-1]+"ies", e[:n-1]+"ied", e+"ing")
	case last == 's' || last == 'x' || last == 'z' || strings.HasSuffix(e, "sh") || strings.HasSuffix(e, "ch"):
		return append(dst, e+"es", e+"ed", e+"ing")
	}
	dst = append(dst, e+"s", e+"ed", e+"ing")
	// A short word of consonant, vowel, consonant doubles its last letter
	// ("plan", "planned"; "stop", "stopping").
	if n <= 4 && !strings.ContainsRune("aeiouwxy", rune(last)) && strings.ContainsRune("aeiou", rune(e[n-2])) && !strings.ContainsRune("aeiou", rune(e[n-3])) {
		dst = append(dst, e+string(last)+"ed", e+string(last)+"ing")
	}
	return dst
}

// irregular lists the irregular forms of frequent English verbs and nouns
// of news prose.
var irregular = map[string]string{
	"say": "said", "be": "was were been", "have": "had has", "do": "did done does", "go": "went gone goes",
	"make": "made", "take": "took taken", "give": "gave given", "find": "found", "tell": "told",
	"become": "became", "begin": "began begun", "hold": "held", "bring": "brought", "think": "thought",
	"leave": "left", "meet": "met", "pay": "paid", "run": "ran", "win": "won", "lose": "lost",
	"build": "built", "send": "sent", "spend": "spent", "fall": "fell fallen", "rise": "rose risen",
	"grow": "grew grown", "know": "knew known", "see": "saw seen", "show": "shown", "write": "wrote written",
	"speak": "spoke spoken", "buy": "bought", "sell": "sold", "lead": "led", "keep": "kept", "feel": "felt",
	"stand": "stood", "understand": "understood", "get": "got gotten", "come": "came", "fight": "fought",
	"catch": "caught", "teach": "taught", "seek": "sought", "drive": "drove driven", "eat": "ate eaten",
	"choose": "chose chosen", "break": "broke broken", "steal": "stole stolen", "strike": "struck",
	"sit": "sat", "lie": "lay lain", "fly": "flew flown", "draw": "drew drawn", "throw": "threw thrown",
	"wear": "wore worn", "freeze": "froze frozen", "forget": "forgot forgotten", "hide": "hid hidden",
	"shake": "shook shaken", "arise": "arose arisen", "withdraw": "withdrew withdrawn", "mean": "meant",
	"hear": "heard", "sleep": "slept", "deal": "dealt", "flee": "fled", "feed": "fed", "shoot": "shot",
	"hang": "hung", "dig": "dug", "bind": "bound", "light": "lit", "stick": "stuck", "swim": "swam",
	"sing": "sang sung", "drink": "drank drunk", "ride": "rode ridden", "forbid": "forbade forbidden",
	"child": "children", "man": "men", "woman": "women", "person": "people", "foot": "feet",
	"tooth": "teeth", "mouse": "mice", "life": "lives", "wife": "wives", "knife": "knives",
	"crisis": "crises", "analysis": "analyses", "thesis": "theses", "medium": "media", "datum": "data",
	"good": "better best", "bad": "worse worst", "many": "more most", "much": "more most",
}
