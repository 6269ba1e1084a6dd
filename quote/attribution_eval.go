package quote

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"

	"github.com/stemmanews/stemma"
)

// This file measures the findings an article earns on its own, sources or
// not ([stemma.QuoteOrphaned], [stemma.QuoteUnattributed]), on copies of
// PolNeAR articles that lost a quote's attribution, and on the untouched
// articles.

// AttributionDamage names how a copy loses a quote's attribution.
type AttributionDamage string

const (
	// Excerpt: the copy begins at the paragraph of a quote that PolNeAR's
	// annotators attributed to a bare "he" or "she" and whose paragraph
	// begins with the quote or the pronoun, so that nothing before the
	// pronoun names anyone, as when a site lifts a paragraph out of a story.
	// The quote is orphaned by construction.
	Excerpt AttributionDamage = "excerpt"
	// Uncued: as Excerpt, for a quote that opens its paragraph and whose
	// annotated cue and source follow it and end its sentence ("…," Smith
	// said on Tuesday.); the cue is cut as well ("….") so the quote has no
	// speaker at all, unless a sentence after it names one.
	Uncued AttributionDamage = "uncued"
)

// AttributionDamages lists the damages, in a fixed order.
var AttributionDamages = []AttributionDamage{Excerpt, Uncued}

// Expect is the finding the damaged quote should get.
func (d AttributionDamage) Expect() stemma.QuoteProblem {
	switch d {
	case Excerpt:
		return stemma.QuoteOrphaned
	case Uncued:
		return stemma.QuoteUnattributed
	}
	return ""
}

// AttributionCopy is one case of an attribution set: a damaged copy of a
// PolNeAR article, or the untouched article (Damage "").
type AttributionCopy struct {
	Damage AttributionDamage
	// Doc is the copy (or the article), its ID the article's with the
	// damage as a suffix.
	Doc stemma.Doc
	// Target is the damaged quote's span in the copy; zero when untouched.
	Target stemma.Span
	// Attributions are the labelled attributions of an untouched article,
	// to judge its findings; nil for a damaged copy.
	Attributions []PolNeARAttribution
	// Detail says what was done, for a log.
	Detail string
}

// NewAttributionSet makes an attribution set from a split of PolNeAR:
// every article untouched, then at most one copy of each article per
// damage (see [AttributionDamage]), the quote chosen with seed among those
// the damage applies to. The same corpus and seed give the same set.
//
// The labels come from the corpus and the construction only, never from
// [Find]: a copy's target is orphaned (or has no cue) because the text
// before it is gone, whatever this package makes of it.
func NewAttributionSet(c *PolNeAR, seed uint64) []AttributionCopy {
	arts := slices.Clone(c.Articles)
	slices.SortFunc(arts, func(x, y PolNeARArticle) int { return strings.Compare(x.Doc.ID, y.Doc.ID) })
	rng := rand.New(rand.NewPCG(seed, seed^0x243f6a8885a308d3))
	var out []AttributionCopy
	for _, a := range arts {
		out = append(out, AttributionCopy{Doc: a.Doc, Attributions: a.Attributions})
	}
	for _, d := range AttributionDamages {
		for _, a := range arts {
			var cands []AttributionCopy
			for _, l := range a.Attributions {
				if cp, ok := damageAttribution(a, l, d); ok {
					cands = append(cands, cp)
				}
			}
			if len(cands) > 0 {
				out = append(out, cands[rng.IntN(len(cands))])
			}
		}
	}
	return out
}

// damageAttribution makes the copy of article a that damage d makes of its
// attribution l, if d applies to l.
func damageAttribution(a PolNeARArticle, l PolNeARAttribution, d AttributionDamage) (AttributionCopy, bool) {
	text := a.Doc.Text
	if !l.Direct || l.Source == (stemma.Span{}) || l.Cue == (stemma.Span{}) || len(l.Content) != 1 {
		return AttributionCopy{}, false
	}
	// The paragraph of the content: from the line start before it.
	pstart := strings.LastIndex(text[:l.Content[0].Start], "\n") + 1
	pend := len(text)
	if i := strings.Index(text[l.Content[0].End:], "\n"); i >= 0 {
		pend = l.Content[0].End + i
	}
	source := strings.ToLower(text[l.Source.Start:l.Source.End])
	inPara := l.Source.Start >= pstart && l.Source.End <= pend && l.Cue.Start >= pstart && l.Cue.End <= pend
	opens := strings.TrimSpace(text[pstart:l.Content[0].Start]) == ""
	var copyText string
	var target stemma.Span
	switch d {
	case Excerpt:
		if source != "he" && source != "she" || !inPara {
			return AttributionCopy{}, false
		}
		// Nothing before the pronoun but the quote: "…," he said, or He
		// said: "…".
		before := text[pstart:l.Source.Start]
		if l.Source.Start > l.Content[0].Start {
			before = text[pstart:l.Content[0].Start] + text[l.Content[0].End:l.Source.Start]
		}
		if strings.IndexFunc(before, unicode.IsLetter) >= 0 {
			return AttributionCopy{}, false
		}
		copyText, target = text[pstart:], stemma.Span{Start: l.Quote.Start - pstart, End: l.Quote.End - pstart}
	case Uncued:
		if !inPara || !opens || l.Source.Start < l.Content[0].End || l.Cue.Start < l.Content[0].End {
			return AttributionCopy{}, false
		}
		// The cue ends the sentence: after the later of source and cue,
		// at most four words to a full stop.
		after := max(l.Source.End, l.Cue.End)
		stop := strings.IndexAny(text[after:pend], ".!?")
		if stop < 0 || len(strings.Fields(text[after:after+stop])) > 4 || strings.ContainsAny(text[l.Content[0].End:after+stop], "“”\"") {
			return AttributionCopy{}, false
		}
		// "We will win," Smith said. → "We will win."
		inner := strings.TrimRight(text[l.Quote.Start:l.Quote.End], ",;: ")
		if inner == "" {
			return AttributionCopy{}, false
		}
		if !strings.ContainsAny(inner[len(inner)-1:], ".!?") {
			inner += "."
		}
		head := text[pstart:l.Quote.Start]
		closing := text[l.Quote.End:l.Content[0].End]
		copyText = head + inner + strings.TrimLeft(closing, ",;: ") + text[after+stop+1:]
		target = stemma.Span{Start: len(head), End: len(head) + len(inner)}
	default:
		return AttributionCopy{}, false
	}
	cp := AttributionCopy{
		Damage: d,
		Doc:    stemma.Doc{ID: a.Doc.ID + "~" + string(d), Source: a.Doc.Source, Text: copyText},
		Target: target,
		Detail: fmt.Sprintf("%s of %q (source %q)", d, clip(clean(text[l.Quote.Start:l.Quote.End]), 50), clean(text[l.Source.Start:l.Source.End])),
	}
	return cp, true
}

// AttributionScores score the orphaned and unattributed findings on an
// attribution set, kind by kind.
type AttributionScores struct {
	Kinds []AttributionKindScores `json:"kinds"`
	// Articles is the number of untouched articles.
	Articles int `json:"articles"`
	// Mistakes describes each missed damage and each false or unlabelled
	// finding, one line each.
	Mistakes []string `json:"mistakes,omitempty"`
}

// AttributionKindScores score one finding.
//
// A finding on a damaged copy's target with the damage's expected kind is
// a true positive. False positives are: an orphaned finding on an
// untouched article (its journalists named everyone they quote: a
// hand-checked assumption), an unattributed finding on an untouched
// article's quote that PolNeAR attributes to a source, and a finding of
// the wrong kind on a target. Other findings are Unlabelled, counted
// neither way: an unattributed finding on a quote PolNeAR attributes to no
// one (it may be right, or a title), and findings on a damaged copy's
// other quotes (the cut may have orphaned them too).
type AttributionKindScores struct {
	Damage         AttributionDamage   `json:"damage"`
	Expect         stemma.QuoteProblem `json:"expect"`
	Copies         int                 `json:"copies"`
	TruePositives  int                 `json:"true_positives"`
	FalsePositives int                 `json:"false_positives"`
	Unlabelled     int                 `json:"unlabelled"`
	Precision      float64             `json:"precision"`
	Recall         float64             `json:"recall"`
}

// Kind returns the scores of damage d, or zero scores.
func (s AttributionScores) Kind(d AttributionDamage) AttributionKindScores {
	for _, k := range s.Kinds {
		if k.Damage == d {
			return k
		}
	}
	return AttributionKindScores{Damage: d, Expect: d.Expect()}
}

// EvaluateAttribution runs [Check] on every case of an attribution set,
// with no sources, and scores the orphaned and unattributed findings (see
// [AttributionKindScores]). It costs one Check per case: well under a
// second for PolNeAR's test split.
func EvaluateAttribution(set []AttributionCopy) (AttributionScores, error) {
	var s AttributionScores
	at := map[stemma.QuoteProblem]int{}
	for i, d := range AttributionDamages {
		s.Kinds = append(s.Kinds, AttributionKindScores{Damage: d, Expect: d.Expect()})
		at[d.Expect()] = i
	}
	for _, c := range set {
		fs, err := Check(&stemma.Report{}, c.Doc.Text, nil)
		if err != nil {
			return AttributionScores{}, fmt.Errorf("checking %s: %w", c.Doc.ID, err)
		}
		if c.Damage == "" {
			s.Articles++
		} else {
			s.Kinds[at[c.Damage.Expect()]].Copies++
		}
		hit := false
		for _, f := range fs {
			ki, counted := at[f.Kind]
			if !counted {
				continue
			}
			k := &s.Kinds[ki]
			onTarget := c.Damage != "" && halfOverlap(f.Quote.Text, c.Target)
			note := func(what string) {
				s.Mistakes = append(s.Mistakes, fmt.Sprintf("%s: %s %s: %s", c.Doc.ID, what, f.Kind, f.Explanation))
			}
			switch {
			case onTarget && f.Kind == c.Damage.Expect():
				if !hit {
					k.TruePositives++
				}
				hit = true
			case onTarget:
				k.FalsePositives++
				note("wrong kind on the target:")
			case c.Damage != "":
				k.Unlabelled++
				note("on another quote of the copy (not counted):")
			case f.Kind == stemma.QuoteOrphaned:
				k.FalsePositives++
				note("false")
			case attributedTo(c.Attributions, f.Quote.Text):
				k.FalsePositives++
				note("false (PolNeAR names a source)")
			default:
				k.Unlabelled++
				note("unlabelled (PolNeAR names no source)")
			}
		}
		if c.Damage != "" && !hit {
			s.Mistakes = append(s.Mistakes, fmt.Sprintf("%s: no %s finding (%s)", c.Doc.ID, c.Damage.Expect(), c.Detail))
		}
	}
	for i := range s.Kinds {
		k := &s.Kinds[i]
		k.Recall = ratio(k.TruePositives, k.Copies)
		k.Precision = ratio(k.TruePositives, k.TruePositives+k.FalsePositives)
	}
	return s, nil
}

// attributedTo reports whether a labelled attribution with a source covers
// the span by half of the shorter.
func attributedTo(ls []PolNeARAttribution, sp stemma.Span) bool {
	for _, l := range ls {
		if l.Source != (stemma.Span{}) && halfOverlap(sp, l.Extent()) {
			return true
		}
	}
	return false
}
