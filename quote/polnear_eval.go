package quote

import (
	"fmt"
	"strings"

	"github.com/stemmanews/stemma"
)

// PolNeARScores are extraction and attribution scores on a split of
// PolNeAR (see [EvaluatePolNeAR]).
type PolNeARScores struct {
	Split string `json:"split"`
	Docs  int    `json:"docs"`
	// Direct is the number of labelled direct quotes (content that opens
	// and ends with a quotation mark), WithSource those with a Source.
	Direct     int `json:"direct"`
	WithSource int `json:"with_source"`
	// Found is the number of quotes [Find] returns in the articles;
	// Matched the labelled direct quotes that one of them overlaps by at
	// least half of the shorter of the two.
	Found   int     `json:"found"`
	Matched int     `json:"matched"`
	Recall  float64 `json:"recall"`
	// PolNeAR labels attributed content only, not every quote: a title or
	// a scare quote has no label. So precision is over the quotes Find
	// attributes (named, pronoun or continued): Attributed of them, of
	// which AttributedLabelled overlap labelled content (of any
	// attribution, direct or indirect) by half of the shorter. A quote
	// Find attributes that the annotators saw no attribution in is wrong.
	Attributed         int     `json:"attributed"`
	AttributedLabelled int     `json:"attributed_labelled"`
	Precision          float64 `json:"precision"`
	// Speaker scores the matched direct quotes with a labelled Source, and
	// ByClass splits them by the class of the Source (see [SpeakerClass]).
	Speaker SpeakerScore            `json:"speaker"`
	ByClass map[string]SpeakerScore `json:"by_class"`
	// Resolved counts the matched quotes with a pronoun Source that Find
	// attributes by that pronoun and resolves to someone named before it.
	// PolNeAR does not say who a pronoun is, so whether that is the right
	// person is not scored.
	Resolved int `json:"resolved"`

	// Mistakes describes each missed direct quote and each wrong speaker,
	// one line each.
	Mistakes []string `json:"mistakes,omitempty"`
}

// SpeakerScore counts the scored quotes of a class and those right.
type SpeakerScore struct {
	Right    int     `json:"right"`
	Total    int     `json:"total"`
	Accuracy float64 `json:"accuracy"`
}

// The classes of a labelled Source, by what PolNeAR gives.
const (
	// SourceName: a name or a description ("Mr. Trump", "the campaign").
	// Right when Find's speaker span (at the cue or the antecedent)
	// overlaps the Source, or names the same speaker ([SameSpeaker]).
	SourceName = "name"
	// SourcePronoun: a personal pronoun ("he", "she", "they"). PolNeAR
	// gives only the pronoun, so right when Find's cue speaker is that
	// pronoun, or the quote continues one whose cue speaker is.
	SourcePronoun = "pronoun"
	// SourceRelative: "who", "which" or "that" ("Smith, who said …").
	// Right when Find's speaker ends just before it, with at most a comma
	// between.
	SourceRelative = "relative"
)

// SpeakerClass returns the class of a labelled Source phrase.
func SpeakerClass(source string) string {
	switch strings.ToLower(strings.TrimSpace(source)) {
	case "he", "she", "they", "it", "i", "we", "you", "him", "her", "them":
		return SourcePronoun
	case "who", "which", "that":
		return SourceRelative
	}
	return SourceName
}

// EvaluatePolNeAR scores [Find] on the articles of a PolNeAR split: recall
// of the labelled direct quotes, precision of the quotes Find attributes,
// and speaker accuracy (see [PolNeARScores]). It runs Find once per
// article: well under a second for the test split.
func EvaluatePolNeAR(c *PolNeAR) PolNeARScores {
	s := PolNeARScores{Split: c.Split, Docs: len(c.Articles), ByClass: map[string]SpeakerScore{}}
	for _, a := range c.Articles {
		text := a.Doc.Text
		found := Find(text)
		s.Found += len(found)
		for _, q := range found {
			if q.Attribution == stemma.Unattributed {
				continue
			}
			s.Attributed++
			for _, l := range a.Attributions {
				if halfOverlap(q.Text, l.Extent()) {
					s.AttributedLabelled++
					break
				}
			}
		}
		for _, l := range a.Attributions {
			if !l.Direct {
				continue
			}
			s.Direct++
			if l.Source != (stemma.Span{}) {
				s.WithSource++
			}
			best, bestOv := -1, 0
			for i, q := range found {
				if ov := q.Text.Overlap(l.Quote); ov > bestOv && halfOverlap(q.Text, l.Quote) {
					best, bestOv = i, ov
				}
			}
			if best < 0 {
				s.Mistakes = append(s.Mistakes, fmt.Sprintf("%s %d-%d %q: quote not found", a.Doc.ID, l.Quote.Start, l.Quote.End, clip(clean(text[l.Quote.Start:l.Quote.End]), 40)))
				continue
			}
			s.Matched++
			if l.Source == (stemma.Span{}) {
				continue
			}
			source := text[l.Source.Start:l.Source.End]
			class := SpeakerClass(source)
			right := speakerRight(text, found, best, l.Source, class)
			if class == SourcePronoun && found[best].Attribution == stemma.Pronoun && found[best].Speaker.Overlap(l.Source) > 0 && found[best].Name != "" {
				s.Resolved++
			}
			c := s.ByClass[class]
			c.Total++
			s.Speaker.Total++
			if right {
				c.Right++
				s.Speaker.Right++
			} else {
				q := found[best]
				got := "no speaker"
				if q.Name != "" || q.Speaker != (stemma.Span{}) {
					got = fmt.Sprintf("%q", q.Name)
					if q.Speaker != (stemma.Span{}) {
						got += fmt.Sprintf(" (cue %q)", clean(text[q.Speaker.Start:q.Speaker.End]))
					}
				}
				s.Mistakes = append(s.Mistakes, fmt.Sprintf("%s %q: found %s (%s), labelled %q (%s)", a.Doc.ID, clip(clean(text[l.Quote.Start:l.Quote.End]), 40), got, q.Attribution, clean(source), class))
			}
			s.ByClass[class] = c
		}
	}
	s.Recall = ratio(s.Matched, s.Direct)
	s.Precision = ratio(s.AttributedLabelled, s.Attributed)
	s.Speaker.Accuracy = ratio(s.Speaker.Right, s.Speaker.Total)
	for k, c := range s.ByClass {
		c.Accuracy = ratio(c.Right, c.Total)
		s.ByClass[k] = c
	}
	return s
}

// halfOverlap reports whether a and b overlap by at least half of the
// shorter of the two.
func halfOverlap(a, b stemma.Span) bool {
	ov := a.Overlap(b)
	return ov > 0 && 2*ov >= min(a.Len(), b.Len())
}

// speakerRight scores the speaker of found[i] against a labelled Source of
// the given class.
func speakerRight(text string, found []Quotation, i int, source stemma.Span, class string) bool {
	q := found[i]
	src := text[source.Start:source.End]
	switch class {
	case SourcePronoun:
		// The quote's own cue, or, for a quote continuing others, the cue of
		// the quote it continues.
		for j := i; j >= 0; j-- {
			p := found[j]
			if p.Speaker.Overlap(source) > 0 {
				return true
			}
			if p.Attribution != stemma.Continued {
				return false
			}
		}
		return false
	case SourceRelative:
		sp := q.SpeakerSpan()
		if sp == (stemma.Span{}) || sp.End > source.Start {
			return sp.Overlap(source) > 0
		}
		return strings.Trim(text[sp.End:source.Start], " ,\n") == ""
	}
	for _, sp := range []stemma.Span{q.Speaker, q.Antecedent} {
		if sp.Overlap(source) > 0 {
			return true
		}
	}
	return SameSpeaker(q.Name, src)
}
