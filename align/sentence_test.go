package align

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stemmanews/stemma/tokenize"
)

// TestEdgeStretches: the passage's edge inside a sentence unit is where the
// best-scoring run of its words begins (bestSuffix), ends (bestPrefix), or
// both (bestStretch); a content word the other side has scores 1, one it
// lacks -edgePenalty (-0.25), a function word 0.
func TestEdgeStretches(t *testing.T) {
	const x = -edgePenalty
	for _, c := range []struct {
		name               string
		scores             []float64
		suffix, prefix     int
		stretch0, stretch1 int
	}{
		{"all shared", []float64{1, 1, 1}, 0, 3, 0, 3},
		{"nothing shared", []float64{x, 0, x}, 3, 0, 0, 0},
		{"function words at the ends", []float64{0, 1, 1, 0}, 1, 3, 1, 3},
		// A heading with one shared word, five missing ones before the
		// reused words: 1 - 0.25·5 < 0, so it is cut.
		{"heading run in", []float64{x, 1, x, x, x, x, x, 1, 1, 1}, 7, 10, 7, 10},
		// Four missing words cost what one shared word earns: the earliest
		// of equal starts is taken, the longest of equal stretches.
		{"tie", []float64{1, x, x, x, x, 1, 1}, 0, 7, 0, 7},
		// One missing word inside the reused words is bridged
		// (1 - 0.25 + 1 > 1).
		{"gap bridged", []float64{1, x, 1, x, x, x, x, x}, 0, 3, 0, 3},
		// A shared word far out beyond many missing ones is left out.
		{"far tail", []float64{1, 1, x, x, x, x, x, 1}, 0, 2, 0, 2},
	} {
		score := func(k int) float64 { return c.scores[k] }
		n := len(c.scores)
		if got := bestSuffix(0, n, score); got != c.suffix {
			t.Errorf("%s: bestSuffix = %d, want %d", c.name, got, c.suffix)
		}
		if got := bestPrefix(0, n, score); got != c.prefix {
			t.Errorf("%s: bestPrefix = %d, want %d", c.name, got, c.prefix)
		}
		if lo, hi := bestStretch(0, n, score); lo != c.stretch0 || hi != c.stretch1 {
			t.Errorf("%s: bestStretch = [%d, %d), want [%d, %d)", c.name, lo, hi, c.stretch0, c.stretch1)
		}
	}
}

// TestDominant: a seed less than half as alike as the best seed of either
// of its sentences is dropped.
func TestDominant(t *testing.T) {
	seeds := []seedPair{
		{0, 0, 0.8}, {0, 5, 0.35}, // 0.35 < 0.8/2: a neighbour on the same subject
		{1, 1, 0.5}, {1, 2, 0.3}, // 0.3 ≥ 0.5/2, but < 0.7/2, the best of b's sentence 2
		{2, 2, 0.7},
		{3, 3, 0.4},
	}
	got := dominant(slices.Clone(seeds), 4, 6)
	want := []seedPair{{0, 0, 0.8}, {1, 1, 0.5}, {2, 2, 0.7}, {3, 3, 0.4}}
	if !slices.Equal(got, want) {
		t.Errorf("dominant = %v, want %v", got, want)
	}
	// Two sentences of a that a copy ran together into one of b are both
	// kept.
	seeds = []seedPair{{0, 0, 0.45}, {1, 0, 0.4}}
	if got := dominant(slices.Clone(seeds), 2, 1); !slices.Equal(got, seeds) {
		t.Errorf("dominant = %v, want %v", got, seeds)
	}
}

// Texts for the paraphrase tests: unrelated sentences around the reused
// ones.
const (
	drySource = "Gardeners in the valley planted tomatoes beside the old stone wall last spring. " +
		"A severe drought has left reservoirs across the province at their lowest level since 1976. " +
		"The regional water authority announced new limits on irrigation during the hot summer months. " +
		"Farmers complained that the restrictions would damage their harvest and raise prices at local markets. " +
		"Orchestras toured the northern cities with a program of baroque music."
	dryStrong = "Reservoirs across the province are at their lowest level since 1976 after a severe drought. " +
		"Strict irrigation limits for the hot summer months were announced by the regional water authority."
	dryWeak = "Growers complained their harvest would suffer badly."
)

// TestParaphraseSpans aligns reworded copies with Paraphrase on and checks
// the exact spans of the passages found.
func TestParaphraseSpans(t *testing.T) {
	for _, c := range []struct {
		name string
		a, b string
		want []textSpan
	}{{
		// Two reworded sentences seed a passage; the next sentence keeps
		// only "complained" and "harvest" of its source (cosine 0.19), too
		// little to seed one but enough to continue it. Each side ends at
		// the last word the other has ("harvest"), and b's side starts at
		// its first ("severe").
		name: "weak neighbour continues a passage",
		a:    "A cyclist crossed the mountain pass before dawn on Sunday. " + dryStrong + " " + dryWeak + " The museum opened a gallery of modern sculpture downtown.",
		b:    drySource,
		want: []textSpan{{
			dryStrong + " Growers complained their harvest",
			"severe drought has left reservoirs across the province at their lowest level since 1976. " +
				"The regional water authority announced new limits on irrigation during the hot summer months. " +
				"Farmers complained that the restrictions would damage their harvest",
		}},
	}, {
		name: "unrelated neighbour ends the passage",
		a:    "A cyclist crossed the mountain pass before dawn on Sunday. " + dryStrong + " The museum opened a gallery of modern sculpture downtown.",
		b:    drySource,
		want: []textSpan{{
			dryStrong[:len(dryStrong)-1],
			"severe drought has left reservoirs across the province at their lowest level since 1976. " +
				"The regional water authority announced new limits on irrigation during the hot summer months",
		}},
	}, {
		// One reworded sentence is too little to be a passage (confidence
		// below 0.5), and a weak neighbour does not make it one: weak
		// seeds only continue what strong ones start.
		name: "weak neighbour starts nothing",
		a:    "A cyclist crossed the mountain pass before dawn on Sunday. Strict irrigation limits for the hot summer months were announced by the regional water authority. " + dryWeak + " The museum opened a gallery of modern sculpture downtown.",
		b:    drySource,
	}, {
		// A summary keeps its source's order: two copied sentences, next
		// to each other in a and far apart in b, are one passage over
		// what lies between them in b.
		name: "summary sentences in source order",
		a:    "Heavy snow closed the airport for most of the day. " + bankRate + " " + bankDealers + " Children lined the streets to watch the parade pass by.",
		b:    bankRate + " " + unrelated + " " + bankDealers,
		want: []textSpan{{
			bankRate + " " + bankDealers[:len(bankDealers)-1],
			bankRate + " " + unrelated + " " + bankDealers[:len(bankDealers)-1],
		}},
	}, {
		// Two copied paragraphs of 40 words or more stay passages of their
		// own, each with its class, even next to each other in a.
		name: "copied paragraphs from apart stay apart",
		a:    "Heavy snow closed the airport for most of the day. " + bankParagraph + " " + dealersParagraph + " Children lined the streets to watch the parade pass by.",
		b:    bankParagraph + " " + unrelated + " " + dealersParagraph,
		want: []textSpan{
			{bankParagraph[:len(bankParagraph)-1], bankParagraph[:len(bankParagraph)-1]},
			{dealersParagraph[:len(dealersParagraph)-1], dealersParagraph[:len(dealersParagraph)-1]},
		},
	}, {
		name: "copied paragraphs swapped stay apart",
		a:    "Heavy snow closed the airport for most of the day. " + dealersParagraph + " " + bankParagraph + " Children lined the streets to watch the parade pass by.",
		b:    "Gardeners in the valley planted tomatoes beside the old stone wall last spring. " + bankParagraph + " " + dealersParagraph,
		want: []textSpan{
			{dealersParagraph[:len(dealersParagraph)-1], dealersParagraph[:len(dealersParagraph)-1]},
			{bankParagraph[:len(bankParagraph)-1], bankParagraph[:len(bankParagraph)-1]},
		},
	}} {
		t.Run(c.name, func(t *testing.T) {
			al, err := New(Options{Paraphrase: true})
			if err != nil {
				t.Fatal(err)
			}
			ta, tb := tokenize.Tokens(c.a), tokenize.Tokens(c.b)
			var got []textSpan
			for _, x := range al.Align(c.a, ta, c.b, tb) {
				got = append(got, textSpan{c.a[ta[x.A0].Start:ta[x.A1-1].End], c.b[tb[x.B0].Start:tb[x.B1-1].End]})
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("passages:\n%s\nwant:\n%s", showSpans(got), showSpans(c.want))
			}
		})
	}
}

const (
	bankRate    = "The central bank raised its discount rate to six pct on Tuesday morning."
	bankDealers = "Dealers said the move had been widely expected by the money markets for weeks."
	unrelated   = "Gardeners in the valley planted tomatoes beside the old stone wall last spring. " +
		"Orchestras toured the northern cities with a program of baroque music. " +
		"A cyclist crossed the mountain pass before dawn on Sunday. " +
		"The museum opened a gallery of modern sculpture downtown. " +
		"Voters in the county elected a new sheriff after a long campaign. " +
		"Fishermen hauled their nets onto the pier at sunset."
	bankParagraph = "The central bank raised its discount rate to six pct on Tuesday morning, its first increase in more " +
		"than two years, citing stronger growth in consumer credit and a steady rise in wholesale prices across " +
		"the country since the start of the year, officials said in a statement released after the meeting."
	dealersParagraph = "Dealers said the move had been widely expected by the money markets for weeks, and bond yields barely " +
		"moved after the announcement, although several traders warned that a second increase before the summer " +
		"could weigh on share prices and slow the recovery in housing construction this year."
)

// textSpan is a passage's text on each side.
type textSpan struct{ a, b string }

func showSpans(s []textSpan) string {
	var b strings.Builder
	for _, x := range s {
		fmt.Fprintf(&b, "  a: %q\n  b: %q\n", x.a, x.b)
	}
	if len(s) == 0 {
		b.WriteString("  none\n")
	}
	return b.String()
}

// TestStemLanguage: the paraphraser stems in the language it is given, so
// a word's inflected forms meet there, and back in English it stems as it
// did before there was a choice.
func TestStemLanguage(t *testing.T) {
	p := newParaphraser()
	stemOf := func(w string) uint64 {
		toks := tokenize.Tokens(w)
		if len(toks) != 1 {
			t.Fatalf("%q: %d tokens", w, len(toks))
		}
		return p.stem(w, toks[0])
	}
	for _, tc := range []struct {
		lang       string
		x, y       string
		sameInLang bool // the two meet in the language
		sameInEn   bool // and with English stemming
	}{
		{"fr", "annoncées", "annonce", true, false},
		{"pt-BR", "anunciaram", "anunciar", true, false},
		{"es", "elecciones", "elección", true, false},
		{"pl", "wyborach", "wybory", false, false}, // no Polish stemmer: English rules
		{"en", "announced", "announcing", true, true},
	} {
		p.setLanguage(tc.lang)
		if got := stemOf(tc.x) == stemOf(tc.y); got != tc.sameInLang {
			t.Errorf("%s: %q and %q share a stem: %v, want %v", tc.lang, tc.x, tc.y, got, tc.sameInLang)
		}
		p.setLanguage("")
		if got := stemOf(tc.x) == stemOf(tc.y); got != tc.sameInEn {
			t.Errorf("English: %q and %q share a stem: %v, want %v", tc.x, tc.y, got, tc.sameInEn)
		}
	}
	// The aligner passes its language on, "en" meaning the default.
	al, err := New(Options{Paraphrase: true})
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]string{"fr-CA": "fr", "EN": "", "": ""} {
		if al.SetLanguage(code); al.lang != want {
			t.Errorf("SetLanguage(%q): lang %q, want %q", code, al.lang, want)
		}
	}
}
