package eval

import (
	"cmp"
	"math"
	"slices"

	"github.com/stemmanews/stemma"
)

// Detection is one passage a detector reports: SuspiciousSpan of the
// suspicious document reuses SourceSpan of the source document. Spans are
// byte offsets.
type Detection struct {
	Suspicious, Source         string
	SuspiciousSpan, SourceSpan stemma.Span
}

// PANScore is how well a set of detections recovers a PAN corpus's cases.
//
// The case-level measures (Recall, Precision, Granularity, Plagdet)
// tolerate the drifting offsets of the shared corpus: a detection hits a
// case when it is for the case's document pair and its suspicious span
// overlaps the case's suspicious span (or its source span the case's
// source span; see StrictRecall) by at least half of the shorter of the
// two.
//
// Macro and Micro are PAN's official character-level measures; see
// [CharScore].
//
// Detections for pairs the corpus does not list are counted in Ignored and
// left out of every measure.
type PANScore struct {
	// Cases is the number of ground-truth cases and CasesFound the number
	// hit by at least one detection.
	Cases, CasesFound int
	// Detections counts the detections for listed pairs and DetectionsHit
	// those that hit at least one case.
	Detections, DetectionsHit int
	// Ignored counts the detections for pairs the corpus does not list.
	Ignored int

	// Recall is CasesFound / Cases and Precision DetectionsHit / Detections.
	Recall, Precision float64
	// StrictRecall judges a hit on the suspicious span alone. In the shared
	// copy the suspicious offsets of a few long documents drift by up to
	// 1,700 characters (re-encoding expanded characters), so Recall also
	// accepts a detection whose source span overlaps the case's source span
	// by half; StrictRecall shows what that tolerance adds.
	StrictRecall float64
	// Granularity is the mean number of detections hitting each found case
	// (1 when none is found): 1 is ideal, 2 means cases come in halves.
	Granularity float64
	// Plagdet is the F1 of Recall and Precision over log2(1 + Granularity).
	Plagdet float64

	Macro, Micro CharScore
}

// CharScore holds the character-level measures of Potthast et al., "An
// Evaluation Framework for Plagiarism Detection" (COLING 2010), computed as
// PAN's evaluation script (perfmeasures.py) does. A detection detects a
// case when it is for the same pair and overlaps it in both documents, and
// the characters of both documents count. Macro averages recall over cases
// and precision over detections (PAN 2013's official measure); Micro
// divides total detected reused characters by total reused and total
// detected characters (PAN 2014 on). Here characters are bytes, which is
// the same on the all-ASCII PAN texts.
type CharScore struct {
	Recall, Precision float64
	// Granularity is the mean number of detections detecting each detected
	// case; it is the same for Macro and Micro.
	Granularity float64
	Plagdet     float64
}

// Score scores detections against p's cases. See [PANScore] for the
// measures. It costs O(detections × cases per pair).
func (p *PAN) Score(dets []Detection) PANScore {
	s := PANScore{Cases: len(p.Cases)}
	var listed []Detection
	for _, d := range dets {
		if p.listed[PANPair{d.Suspicious, d.Source}] {
			listed = append(listed, d)
		} else {
			s.Ignored++
		}
	}
	s.Detections = len(listed)

	hits := make([]int, len(p.Cases))        // detections hitting each case
	detecting := make([][]int, len(p.Cases)) // detections detecting each case, by index in listed
	detected := make([][]int, len(listed))   // cases each detection detects
	for di, d := range listed {
		hit := false
		for _, ci := range p.byPair[PANPair{d.Suspicious, d.Source}] {
			c := p.Cases[ci]
			if hitsCase(d, c) {
				hits[ci]++
				hit = true
			}
			if detectsCase(d, c) {
				detecting[ci] = append(detecting[ci], di)
				detected[di] = append(detected[di], ci)
			}
		}
		if hit {
			s.DetectionsHit++
		}
	}

	strict := 0
	for _, c := range p.Cases {
		for _, d := range listed {
			if hitsCaseStrict(d, c) {
				strict++
				break
			}
		}
	}
	s.StrictRecall = ratio(strict, s.Cases)

	hitSum := 0
	for _, n := range hits {
		if n > 0 {
			s.CasesFound++
			hitSum += n
		}
	}
	s.Recall = ratio(s.CasesFound, s.Cases)
	s.Precision = ratio(s.DetectionsHit, s.Detections)
	s.Granularity = granularity(hitSum, s.CasesFound)
	s.Plagdet = plagdet(s.Recall, s.Precision, s.Granularity)

	p.scoreChars(&s, listed, detecting, detected)
	return s
}

// scoreChars fills in s.Macro and s.Micro.
func (p *PAN) scoreChars(s *PANScore, listed []Detection, detecting, detected [][]int) {
	var detectedCases, detectingSum int
	for _, ds := range detecting {
		if len(ds) > 0 {
			detectedCases++
			detectingSum += len(ds)
		}
	}
	gran := granularity(detectingSum, detectedCases)
	s.Macro.Granularity, s.Micro.Granularity = gran, gran
	// Like perfmeasures.py: with no cases and no detections everything is
	// perfect, with either missing nothing is.
	switch {
	case len(p.Cases) == 0 && len(listed) == 0:
		s.Macro.Recall, s.Macro.Precision = 1, 1
		s.Micro.Recall, s.Micro.Precision = 1, 1
	case len(p.Cases) == 0 || len(listed) == 0:
	default:
		var recallSum, precisionSum float64
		for ci, c := range p.Cases {
			recallSum += coverage(c.SuspiciousSpan, c.SourceSpan, detecting[ci], func(i int) (stemma.Span, stemma.Span) {
				return listed[i].SuspiciousSpan, listed[i].SourceSpan
			})
		}
		for di, d := range listed {
			precisionSum += coverage(d.SuspiciousSpan, d.SourceSpan, detected[di], func(i int) (stemma.Span, stemma.Span) {
				return p.Cases[i].SuspiciousSpan, p.Cases[i].SourceSpan
			})
		}
		s.Macro.Recall = recallSum / float64(len(p.Cases))
		s.Macro.Precision = precisionSum / float64(len(listed))

		var reused, reported, found charCount
		for _, c := range p.Cases {
			reused.add(c.Suspicious, c.Source, c.SuspiciousSpan, c.SourceSpan)
		}
		for di, d := range listed {
			reported.add(d.Suspicious, d.Source, d.SuspiciousSpan, d.SourceSpan)
			for _, ci := range detected[di] {
				c := p.Cases[ci]
				found.add(d.Suspicious, d.Source, intersect(d.SuspiciousSpan, c.SuspiciousSpan), intersect(d.SourceSpan, c.SourceSpan))
			}
		}
		s.Micro.Recall = ratio(found.count(), reused.count())
		s.Micro.Precision = ratio(found.count(), reported.count())
	}
	s.Macro.Plagdet = plagdet(s.Macro.Recall, s.Macro.Precision, gran)
	s.Micro.Plagdet = plagdet(s.Micro.Recall, s.Micro.Precision, gran)
}

// coverage returns the share of the characters of an annotation (its
// suspicious and source spans) that the others, given by index, cover.
func coverage(susp, src stemma.Span, others []int, spans func(int) (stemma.Span, stemma.Span)) float64 {
	n := susp.Len() + src.Len()
	if n <= 0 || len(others) == 0 {
		return 0
	}
	var coveredSusp, coveredSrc []stemma.Span
	for _, i := range others {
		osusp, osrc := spans(i)
		coveredSusp = append(coveredSusp, intersect(susp, osusp))
		coveredSrc = append(coveredSrc, intersect(src, osrc))
	}
	return float64(unionLen(coveredSusp)+unionLen(coveredSrc)) / float64(n)
}

// charCount collects spans per document, suspicious and source sides
// apart, to count the characters they cover with overlaps counted once.
type charCount struct {
	susp, src map[string][]stemma.Span
}

func (c *charCount) add(suspID, srcID string, susp, src stemma.Span) {
	if c.susp == nil {
		c.susp, c.src = make(map[string][]stemma.Span), make(map[string][]stemma.Span)
	}
	c.susp[suspID] = append(c.susp[suspID], susp)
	c.src[srcID] = append(c.src[srcID], src)
}

func (c *charCount) count() int {
	n := 0
	for _, spans := range c.susp {
		n += unionLen(spans)
	}
	for _, spans := range c.src {
		n += unionLen(spans)
	}
	return n
}

// hitsCase is the tolerant case-level test: same pair, and suspicious
// spans overlapping by at least half of the shorter.
func hitsCase(d Detection, c Case) bool {
	if d.Suspicious != c.Suspicious || d.Source != c.Source {
		return false
	}
	return halfOverlap(d.SuspiciousSpan, c.SuspiciousSpan) || halfOverlap(d.SourceSpan, c.SourceSpan)
}

// hitsCaseStrict is hitsCase on the suspicious side only.
func hitsCaseStrict(d Detection, c Case) bool {
	return d.Suspicious == c.Suspicious && d.Source == c.Source && halfOverlap(d.SuspiciousSpan, c.SuspiciousSpan)
}

// halfOverlap reports whether a and b overlap by at least half of the
// shorter of the two.
func halfOverlap(a, b stemma.Span) bool {
	o := a.Overlap(b)
	return o > 0 && 2*o >= min(a.Len(), b.Len())
}

// Missed returns the cases that no detection hits, in corpus order.
func (p *PAN) Missed(dets []Detection) []Case {
	hit := make([]bool, len(p.Cases))
	for _, d := range dets {
		for _, ci := range p.byPair[PANPair{d.Suspicious, d.Source}] {
			if hitsCase(d, p.Cases[ci]) {
				hit[ci] = true
			}
		}
	}
	var out []Case
	for i, c := range p.Cases {
		if !hit[i] {
			out = append(out, c)
		}
	}
	return out
}

// Subset returns the corpus restricted to its first n pairs, their
// documents and their cases.
func (p *PAN) Subset(n int) *PAN {
	if n >= len(p.Pairs) {
		return p
	}
	pairs := p.Pairs[:n]
	docs := map[string]string{}
	var cases []Case
	for _, pr := range pairs {
		docs[pr.Suspicious] = p.Docs[pr.Suspicious]
		docs[pr.Source] = p.Docs[pr.Source]
		for _, ci := range p.byPair[pr] {
			cases = append(cases, p.Cases[ci])
		}
	}
	return NewPAN(docs, pairs, cases)
}

// detectsCase is the character-level test of perfmeasures.py: same pair,
// and overlapping in both documents.
func detectsCase(d Detection, c Case) bool {
	return d.Suspicious == c.Suspicious && d.Source == c.Source &&
		d.SuspiciousSpan.Overlap(c.SuspiciousSpan) > 0 &&
		d.SourceSpan.Overlap(c.SourceSpan) > 0
}

func intersect(a, b stemma.Span) stemma.Span {
	s := stemma.Span{Start: max(a.Start, b.Start), End: min(a.End, b.End)}
	s.End = max(s.End, s.Start)
	return s
}

// unionLen returns the number of offsets covered by at least one span.
// It sorts spans.
func unionLen(spans []stemma.Span) int {
	slices.SortFunc(spans, func(a, b stemma.Span) int { return cmp.Compare(a.Start, b.Start) })
	n, end := 0, math.MinInt
	for _, s := range spans {
		if s.Len() <= 0 {
			continue
		}
		if lo := max(s.Start, end); s.End > lo {
			n += s.End - lo
		}
		end = max(end, s.End)
	}
	return n
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func granularity(sum, found int) float64 {
	if found == 0 {
		return 1
	}
	return float64(sum) / float64(found)
}

// plagdet is F1 / log2(1 + granularity) (Potthast et al. 2010), 0 when
// both recall and precision are.
func plagdet(recall, precision, granularity float64) float64 {
	if recall+precision == 0 {
		return 0
	}
	f1 := 2 * recall * precision / (recall + precision)
	return f1 / math.Log2(1+granularity)
}
