package trace

import (
	"unicode"

	"github.com/clipperhouse/uax29/v2/sentences"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/tokenize"
)

// sentenceOrigins reads the article sentence by sentence (UAX #29
// sentences). A sentence's source is, among the witnesses covering at least
// half of its words, the earliest dated (as for a passage's origin), then
// the one covering most. passageOf maps each witness to its passage.
func sentenceOrigins(text string, toks []tokenize.Token, ws []witness, passageOf []int) ([]stemma.Sentence, int) {
	out := []stemma.Sentence{}
	sources := map[string]bool{}
	it := sentences.FromString(text)
	t := 0 // first token not before the current sentence
	for it.Next() {
		start, end := it.Start(), it.End()
		s := it.Value()
		// Trim the sentence's surrounding space.
		for start < end && unicode.IsSpace(rune(s[0])) {
			s = s[1:]
			start++
		}
		for end > start && unicode.IsSpace(rune(s[len(s)-1])) {
			s = s[:len(s)-1]
			end--
		}
		if start == end {
			continue
		}
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
			best := -1
			bestOv := 0
			for i, w := range ws {
				ov := min(w.a1, t1) - max(w.a0, t0)
				if 2*ov < t1-t0 {
					continue
				}
				if best < 0 || earlier(w, ws[best]) || sameDate(w, ws[best]) && ov > bestOv {
					best, bestOv = i, ov
				}
			}
			if best >= 0 {
				sent.Passage = passageOf[best]
				sent.Source = ws[best].Doc.ID
				sent.Coverage = float64(bestOv) / float64(t1-t0)
				sources[sent.Source] = true
			}
		}
		out = append(out, sent)
	}
	return out, len(sources)
}

// earlier reports whether x is dated before y (undated witnesses last).
func earlier(x, y witness) bool { return compareDate(x.Doc, y.Doc) < 0 }

func sameDate(x, y witness) bool { return compareDate(x.Doc, y.Doc) == 0 }
