package trace

import (
	"strings"
	"unicode"

	"github.com/clipperhouse/uax29/v2/sentences"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/tokenize"
)

// sentenceOrigins reads the article sentence by sentence (UAX #29
// sentences). A sentence's source is, among the witnesses covering at least
// half of its words and matching within 5% as many of its words as the
// best of them, the earliest dated (as for a passage's origin). passageOf
// maps each witness to its passage.
func sentenceOrigins(text string, toks []tokenize.Token, ws []witness, passageOf []int) ([]stemma.Sentence, int) {
	out := []stemma.Sentence{}
	sources := map[string]bool{}
	t := 0 // first token not before the current sentence
	for _, sp := range sentenceSpans(text) {
		start, end := sp.Start, sp.End
		s := text[start:end]
		for t < len(toks) && int(toks[t].Start) < start {
			t++
		}
		t0 := t
		for t < len(toks) && int(toks[t].End) <= end {
			t++
		}
		t1 := t
		sent := stemma.Sentence{Article: stemma.Span{Start: start, End: end}, Text: s, Passage: -1}
		if t1 > t0 {
			// Score each covering witness by the bytes of the sentence it
			// matches word for word; among those within 5% of the best,
			// the earliest is the source.
			scores := make([]int, len(ws))
			top := 0
			for i, w := range ws {
				if ov := min(w.a1, t1) - max(w.a0, t0); 2*ov < t1-t0 {
					continue
				}
				scores[i] = matchedIn(w, sent.Article)
				top = max(top, scores[i])
			}
			best := -1
			for i, w := range ws {
				if scores[i] == 0 || 20*scores[i] < 19*top {
					continue
				}
				if best < 0 || earlier(w, ws[best]) || sameDate(w, ws[best]) && scores[i] > scores[best] {
					best = i
				}
			}
			if best >= 0 {
				w := ws[best]
				sent.Passage = passageOf[best]
				sent.Source = w.Doc.ID
				sent.Coverage = float64(min(w.a1, t1)-max(w.a0, t0)) / float64(t1-t0)
				sources[sent.Source] = true
			}
		}
		out = append(out, sent)
	}
	return out, len(sources)
}

// minSentenceWords is the fewest words of a reported sentence: UAX #29
// also ends a "sentence" after abbreviations ("Sen. Lloyd Bentsen"), and
// such fragments are joined to the next sentence.
const minSentenceWords = 3

// sentenceSpans returns the article's sentences, trimmed of surrounding
// space, with fragments of fewer than minSentenceWords words joined to their
// neighbour.
func sentenceSpans(text string) []stemma.Span {
	var spans []stemma.Span
	it := sentences.FromString(text)
	for it.Next() {
		start, end := it.Start(), it.End()
		for start < end && unicode.IsSpace(rune(text[start])) {
			start++
		}
		for end > start && unicode.IsSpace(rune(text[end-1])) {
			end--
		}
		if start < end {
			spans = append(spans, stemma.Span{Start: start, End: end})
		}
	}
	var out []stemma.Span
	words := func(sp stemma.Span) int { return len(strings.Fields(text[sp.Start:sp.End])) }
	for i := 0; i < len(spans); i++ {
		sp := spans[i]
		for words(sp) < minSentenceWords && i+1 < len(spans) {
			i++
			sp.End = spans[i].End
		}
		if words(sp) < minSentenceWords && len(out) > 0 {
			out[len(out)-1].End = sp.End
			continue
		}
		out = append(out, sp)
	}
	return out
}

// matchedIn returns the bytes of span that w's matching edit steps cover;
// for a translation, which has no edit steps, the bytes of span it covers
// times its similarity.
func matchedIn(w witness, span stemma.Span) int {
	if w.Class == stemma.Translated {
		return int(float64(w.Article.Overlap(span)) * w.Similarity)
	}
	n := 0
	for _, e := range w.Edits {
		if e.Kind == stemma.Match {
			n += e.Article.Overlap(span)
		}
	}
	return n
}

// earlier reports whether x is dated before y (undated witnesses last).
func earlier(x, y witness) bool { return compareDate(x.Doc, y.Doc) < 0 }

func sameDate(x, y witness) bool { return compareDate(x.Doc, y.Doc) == 0 }
