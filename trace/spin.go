package trace

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/thesaurus"
)

// classify says what kind of substitution turns the source words into the
// article words.
func classify(th *thesaurus.Thesaurus, from, to string) stemma.Change {
	f, t := phrase(from), phrase(to)
	switch {
	case f == t:
		return stemma.Spelling // differs only in punctuation or spacing
	case th.AreVariants(f, t):
		return stemma.Entity
	case th.AreSynonyms(f, t):
		return stemma.Synonym
	case spellingVariant(f, t):
		return stemma.Spelling
	}
	return stemma.OtherChange
}

// phrase lowercases s and reduces it to its words separated by single
// spaces.
func phrase(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '.' && r != '-'
	}), " ")
}

// spellingVariant reports whether two single words are spelling variants:
// British and American spellings, hyphenation, or one or two letters apart
// in a word of five letters or more.
func spellingVariant(a, b string) bool {
	if strings.ContainsRune(a, ' ') || strings.ContainsRune(b, ' ') {
		return strings.ReplaceAll(a, " ", "") == strings.ReplaceAll(b, "-", "")
	}
	if strings.ReplaceAll(a, "-", "") == strings.ReplaceAll(b, "-", "") {
		return true
	}
	if utf8.RuneCountInString(a) < 5 || utf8.RuneCountInString(b) < 5 || hasDigit(a) || hasDigit(b) {
		return false
	}
	return editDistance(a, b, 2) <= 2
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// editDistance returns the Levenshtein distance between a and b, or limit+1
// once it exceeds limit.
func editDistance(a, b string, limit int) int {
	x, y := []rune(a), []rune(b)
	if d := len(x) - len(y); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}

// isSwap reports whether a change is a spinner's swap.
func isSwap(c stemma.Change) bool { return c == stemma.Synonym || c == stemma.Entity }

// spinClass marks a non-verbatim witness spun when its changes are mostly
// synonym swaps and entity renamings.
func spinClass(w *stemma.Witness) {
	if w.Class == stemma.Verbatim {
		return
	}
	swaps, others := 0, 0
	for _, e := range w.Edits {
		switch {
		case e.Kind == stemma.Match:
		case isSwap(e.Change):
			swaps++
		case e.Change == stemma.Spelling:
		default:
			others++
		}
	}
	if swaps >= stemma.SpinMinSwaps && swaps > others {
		w.Class = stemma.Spun
	}
}

// spinEvidence sums up the substitutions against each passage's origin and
// looks for the tells swaps left. A passage the article is older than
// every witness of (stemma.ArticleEarliest) is left out: its witnesses are
// later copies, and their swaps are theirs, not the article's.
func spinEvidence(rep *stemma.Report, article string) stemma.SpinEvidence {
	var ev stemma.SpinEvidence
	aligned, compared := 0, 0
	for _, p := range rep.Passages {
		if p.Origin < 0 {
			continue
		}
		compared++
		w := p.Witnesses[p.Origin]
		for i, e := range w.Edits {
			switch e.Change {
			case stemma.Synonym:
				ev.Synonyms++
			case stemma.Entity:
				ev.Entities++
			case stemma.Spelling:
				ev.Spelling++
			case stemma.OtherChange:
				ev.Other++
			}
			if e.Kind != stemma.Delete {
				aligned += words(article[e.Article.Start:e.Article.End])
			}
			if isSwap(e.Change) && i > 0 {
				if t, ok := articleTell(article, w.Edits[i-1], e); ok {
					ev.Tells = append(ev.Tells, t)
				}
			}
		}
	}
	swaps := ev.Synonyms + ev.Entities
	if aligned > 0 {
		ev.Score = float64(swaps) / float64(aligned)
	}
	ev.SwapsSpun = ev.Score >= stemma.SpinThreshold && swaps >= stemma.SpinMinSwaps
	ev.Spun = ev.SwapsSpun // with the text's own tells in Tracer.textSpin
	switch {
	case len(rep.Passages) == 0:
		ev.Explanation = "No passage was found elsewhere, so there is nothing to compare."
	case compared == 0:
		ev.Explanation = "The article is older than every document that shares its passages: their changes are theirs, not its."
	case swaps == 0:
		ev.Explanation = "No synonym swap or entity renaming against the sources."
	default:
		verdict := "below the spin threshold"
		if ev.SwapsSpun {
			verdict = "the mark of a spinning tool"
		}
		ev.Explanation = fmt.Sprintf("%d synonym swaps and %d entity renamings in %d aligned words (%.1f%%), %s (%.0f%%)",
			ev.Synonyms, ev.Entities, aligned, 100*ev.Score, verdict, 100*stemma.SpinThreshold)
		if len(ev.Tells) > 0 {
			ev.Explanation += fmt.Sprintf("; %d grammatical tell(s) left by swaps", len(ev.Tells))
		}
		ev.Explanation += "."
	}
	return ev
}

func words(s string) int { return len(strings.Fields(s)) }

// articleTell finds "a"/"an" before a swapped word that no longer fits it,
// where the source's word did: "an international" spun to "an worldwide".
// prev is the edit step before the swap; it must be a match ending in the
// article.
func articleTell(article string, prev, swap stemma.Edit) (stemma.Tell, bool) {
	if prev.Kind != stemma.Match {
		return stemma.Tell{}, false
	}
	before := strings.TrimRight(article[prev.Article.Start:prev.Article.End], " \t\n")
	i := strings.LastIndexAny(before, " \t\n")
	det := strings.ToLower(before[i+1:])
	if det != "a" && det != "an" {
		return stemma.Tell{}, false
	}
	next, was := firstWord(swap.ArticleText), firstWord(swap.SourceText)
	if next == "" || was == "" || anFits(was) != (det == "an") || anFits(next) == (det == "an") {
		return stemma.Tell{}, false
	}
	start := prev.Article.Start + i + 1
	return stemma.Tell{
		Article: stemma.Span{Start: start, End: swap.Article.End},
		Text:    article[start:swap.Article.End],
		Reason:  fmt.Sprintf("%q before %q: the source read %q", det, next, det+" "+was),
		Kind:    stemma.ArticleMismatch,
	}, true
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// anFits reports whether "an" (rather than "a") goes before word, by its
// first letter with the common exceptions of English spelling.
func anFits(word string) bool {
	w := strings.ToLower(word)
	for _, p := range []string{"hour", "honest", "honor", "honour", "heir"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	for _, p := range []string{"uni", "use", "usu", "uti", "eu", "one", "once", "ubiq"} {
		if strings.HasPrefix(w, p) {
			return false
		}
	}
	return w != "" && strings.ContainsRune("aeiou", rune(w[0]))
}
