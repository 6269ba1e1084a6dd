package eval

import (
	"math"
	"strings"
	"testing"

	"github.com/stemmanews/stemma"
)

func span(start, end int) stemma.Span { return stemma.Span{Start: start, End: end} }

// handPAN is a corpus small enough to score by hand: two listed pairs
// with three cases, and documents s3 and r3 that are not a listed pair.
func handPAN() *PAN {
	text := strings.Repeat("x", 1000)
	docs := map[string]string{"s1": text, "r1": text, "s2": text, "r2": text, "s3": text, "r3": text}
	pairs := []PANPair{{"s1", "r1"}, {"s2", "r2"}}
	cases := []Case{
		{Suspicious: "s1", Source: "r1", SuspiciousSpan: span(100, 300), SourceSpan: span(0, 200)},
		{Suspicious: "s1", Source: "r1", SuspiciousSpan: span(500, 600), SourceSpan: span(700, 800)},
		{Suspicious: "s2", Source: "r2", SuspiciousSpan: span(0, 400), SourceSpan: span(0, 400)},
	}
	return NewPAN(docs, pairs, cases)
}

func det(susp, src string, s, r stemma.Span) Detection {
	return Detection{Suspicious: susp, Source: src, SuspiciousSpan: s, SourceSpan: r}
}

func TestScore(t *testing.T) {
	p := handPAN()
	perfect := []Detection{
		det("s1", "r1", span(100, 300), span(0, 200)),
		det("s1", "r1", span(500, 600), span(700, 800)),
		det("s2", "r2", span(0, 400), span(0, 400)),
	}
	for _, tc := range []struct {
		name string
		dets []Detection
		want PANScore
	}{
		{
			name: "none",
			want: PANScore{Cases: 3, Granularity: 1,
				Macro: CharScore{Granularity: 1}, Micro: CharScore{Granularity: 1}},
		},
		{
			name: "perfect",
			dets: perfect,
			want: PANScore{Cases: 3, CasesFound: 3, Detections: 3, DetectionsHit: 3,
				Recall: 1, Precision: 1, Granularity: 1, Plagdet: 1,
				Macro: CharScore{1, 1, 1, 1}, Micro: CharScore{1, 1, 1, 1}},
		},
		{
			// One case found in two halves: granularity 2.
			name: "split",
			dets: []Detection{
				det("s2", "r2", span(0, 200), span(0, 200)),
				det("s2", "r2", span(200, 400), span(200, 400)),
			},
			want: PANScore{Cases: 3, CasesFound: 1, Detections: 2, DetectionsHit: 2,
				Recall: 1.0 / 3, Precision: 1, Granularity: 2, Plagdet: 0.5 / math.Log2(3),
				Macro: CharScore{1.0 / 3, 1, 2, 0.5 / math.Log2(3)},
				Micro: CharScore{800.0 / 1400, 1, 2, f1(800.0/1400, 1) / math.Log2(3)}},
		},
		{
			// A detection between documents that are not a listed pair is
			// left out, even where it would overlap a case's spans.
			name: "unlisted pair",
			dets: []Detection{det("s1", "r2", span(100, 300), span(0, 200)), det("s3", "r3", span(0, 10), span(0, 10))},
			want: PANScore{Cases: 3, Ignored: 2, Granularity: 1,
				Macro: CharScore{Granularity: 1}, Micro: CharScore{Granularity: 1}},
		},
		{
			// [220, 420) covers 40% of case [100, 300): a miss at case
			// level, though the characters it shares still count.
			name: "40% overlap",
			dets: []Detection{det("s1", "r1", span(220, 420), span(120, 320))},
			want: PANScore{Cases: 3, Detections: 1, Granularity: 1,
				Macro: CharScore{160.0 / 400 / 3, 160.0 / 400, 1, f1(160.0/400/3, 160.0/400) / 1},
				Micro: CharScore{160.0 / 1400, 160.0 / 400, 1, f1(160.0/1400, 160.0/400)}},
		},
		{
			// Exactly half of the shorter span is enough.
			name: "50% overlap",
			dets: []Detection{det("s1", "r1", span(200, 400), span(100, 300))},
			want: PANScore{Cases: 3, CasesFound: 1, Detections: 1, DetectionsHit: 1,
				Recall: 1.0 / 3, Precision: 1, Granularity: 1, Plagdet: 0.5,
				Macro: CharScore{200.0 / 400 / 3, 200.0 / 400, 1, f1(200.0/400/3, 0.5)},
				Micro: CharScore{200.0 / 1400, 200.0 / 400, 1, f1(200.0/1400, 0.5)}},
		},
		{
			// One long detection covering both cases of a pair hits both;
			// a detection elsewhere in a listed pair is a false positive.
			name: "one detection, two cases",
			dets: []Detection{
				det("s1", "r1", span(0, 1000), span(0, 1000)),
				det("s2", "r2", span(600, 700), span(600, 700)),
			},
			want: PANScore{Cases: 3, CasesFound: 2, Detections: 2, DetectionsHit: 1,
				Recall: 2.0 / 3, Precision: 0.5, Granularity: 1, Plagdet: f1(2.0/3, 0.5),
				Macro: CharScore{2.0 / 3, (600.0 / 2000) / 2, 1, f1(2.0/3, 0.15)},
				Micro: CharScore{600.0 / 1400, 600.0 / 2200, 1, f1(600.0/1400, 600.0/2200)}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := p.Score(tc.dets)
			if !closeScores(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func f1(r, p float64) float64 { return 2 * r * p / (r + p) }

func closeScores(a, b PANScore) bool {
	near := func(x, y float64) bool { return math.Abs(x-y) < 1e-9 }
	nearChars := func(x, y CharScore) bool {
		return near(x.Recall, y.Recall) && near(x.Precision, y.Precision) &&
			near(x.Granularity, y.Granularity) && near(x.Plagdet, y.Plagdet)
	}
	return a.Cases == b.Cases && a.CasesFound == b.CasesFound &&
		a.Detections == b.Detections && a.DetectionsHit == b.DetectionsHit && a.Ignored == b.Ignored &&
		near(a.Recall, b.Recall) && near(a.Precision, b.Precision) &&
		near(a.Granularity, b.Granularity) && near(a.Plagdet, b.Plagdet) &&
		nearChars(a.Macro, b.Macro) && nearChars(a.Micro, b.Micro)
}

// The character-level measures agree with the unit tests of PAN's
// perfmeasures.py (case_recall and granularity examples).
func TestScoreMatchesPerfmeasures(t *testing.T) {
	text := strings.Repeat("x", 300)
	ann := func(off, n int) Case {
		return Case{Suspicious: "t", Source: "s", SuspiciousSpan: span(off, off+n), SourceSpan: span(off, off+n)}
	}
	asDet := func(c Case) Detection { return det(c.Suspicious, c.Source, c.SuspiciousSpan, c.SourceSpan) }
	docs := map[string]string{"t": text, "s": text}
	pairs := []PANPair{{"t", "s"}}
	ann7, ann9, ann10 := ann(0, 100), ann(50, 100), ann(25, 75)
	for _, tc := range []struct {
		dets       []Detection
		recall     float64
		granularty float64
	}{
		{[]Detection{asDet(ann9)}, 0.5, 1},
		{[]Detection{asDet(ann10)}, 0.75, 1},
		{[]Detection{asDet(ann9), asDet(ann10)}, 0.75, 2},
	} {
		s := NewPAN(docs, pairs, []Case{ann7}).Score(tc.dets)
		if s.Macro.Recall != tc.recall || s.Macro.Granularity != tc.granularty {
			t.Errorf("%v: recall %v granularity %v, want %v and %v", tc.dets, s.Macro.Recall, s.Macro.Granularity, tc.recall, tc.granularty)
		}
	}
}
