package synth

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
)

// forced returns a rewriter that applies exactly the named operations
// wherever they apply and always takes the first way.
func forced(g *Generator, ops ...string) *rewriter {
	return &rewriter{g: g, fire: func(op string, _ float64) bool { return slices.Contains(ops, op) }, pick: func(int) int { return 0 }}
}

// reworded rewrites sentence with the named operations and returns the new
// text, its sentences' source spans and the operations applied.
func reworded(g *Generator, sentence string, ops ...string) (string, []rewordPart, []string) {
	return forced(g, ops...).reword(g.newUnit(sentence, stemma.Span{Start: 0, End: len(sentence)}))
}

func TestRewordOperations(t *testing.T) {
	g, err := New(tiny, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, sentence string
		ops            []string // forced
		want           string
		applied        []string
	}{
		{"attribution to the end",
			"General Binding Corp said on Tuesday that it reached a marketing agreement with Varitronic Systems Inc.",
			[]string{OpAttribution},
			"It reached a marketing agreement with Varitronic Systems Inc, General Binding Corp said on Tuesday.",
			[]string{OpAttribution}},
		{"attribution to the front",
			"The new awards involve software development and hardware integration, Ultrasystems said.",
			[]string{OpAttribution},
			"Ultrasystems said that the new awards involve software development and hardware integration.",
			[]string{OpAttribution}},
		{"a participle is no attribution",
			"Total sales are estimated at 6.13 mln bags against the 1986/87 crop.",
			[]string{OpAttribution},
			"Total sales are estimated at 6.13 mln bags against the 1986/87 crop.",
			nil},
		{"opening phrase to the end",
			"In 1986, the company earned 1.8 mln dlrs on sales of 20 mln dlrs.",
			[]string{OpMove},
			"The company earned 1.8 mln dlrs on sales of 20 mln dlrs, in 1986.",
			[]string{OpMove}},
		{"opening phrase dropped",
			"In 1986, the company earned 1.8 mln dlrs on sales of 20 mln dlrs.",
			[]string{OpMove, OpDrop},
			"The company earned 1.8 mln dlrs on sales of 20 mln dlrs.",
			[]string{OpDrop}},
		{"closing phrase to the front",
			"The company's profits rose sharply to 5 mln dlrs in the first quarter.",
			[]string{OpMove},
			"In the first quarter, the company's profits rose sharply to 5 mln dlrs.",
			[]string{OpMove}},
		{"a name keeps its capital",
			"Chrysler Corp profits rose 5 pct to 20 mln dlrs in the first quarter.",
			[]string{OpMove},
			"In the first quarter, Chrysler Corp profits rose 5 pct to 20 mln dlrs.",
			[]string{OpMove}},
		{"connectives",
			"The company cut prices because of weak demand, but sales rose more than 5 pct.",
			[]string{OpConnective},
			"The company cut prices due to weak demand, yet sales rose over 5 pct.",
			[]string{OpConnective}},
		{"numbers and units",
			"Net profit rose 2.6 pct to 15 mln dlrs from three mln.",
			[]string{OpNumber},
			"Net profit rose 2.6 percent to $15 million from 3 million.",
			[]string{OpNumber}},
		{"contractions",
			"The bank does not expect rates to fall and it is not clear why.",
			[]string{OpContraction},
			"The bank doesn't expect rates to fall and it's not clear why.",
			[]string{OpContraction}},
		{"expansions",
			"Officials say it's too early and they don't know.",
			[]string{OpContraction},
			"Officials say it is too early and they do not know.",
			[]string{OpContraction}},
		{"filler",
			"Prices fell on the London market.",
			[]string{OpFiller},
			"Prices fell on the London market, according to reports.",
			[]string{OpFiller}},
		{"no filler beside an attribution",
			"Prices fell on the London market, dealers said.",
			[]string{OpFiller},
			"Prices fell on the London market, dealers said.",
			nil},
		{"nothing applied",
			"venezuela is seeking a 'constructive and flexible' attitude (Reuters) from its banks.",
			nil,
			"venezuela is seeking a 'constructive and flexible' attitude (Reuters) from its banks.",
			nil},
		{"everything a quote allows",
			`"We are here to stay," Lutz said on Monday.`,
			[]string{OpAttribution, OpMove, OpContraction, OpConnective},
			`"We're here to stay," Lutz stated on Monday.`,
			[]string{OpContraction, OpConnective}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, parts, ops := reworded(g, tc.sentence, tc.ops...)
			if got != tc.want {
				t.Errorf("reworded\n %q\ngot  %q\nwant %q", tc.sentence, got, tc.want)
			}
			if tc.applied != nil && !reflect.DeepEqual(ops, tc.applied) {
				t.Errorf("operations %q, want %q", ops, tc.applied)
			}
			if tc.applied == nil && got == NormalizeSpace(tc.sentence) && len(ops) > 0 {
				t.Errorf("operations %q reported for an unchanged sentence", ops)
			}
			want := []rewordPart{{copy: stemma.Span{Start: 0, End: len(got)}, src: stemma.Span{Start: 0, End: len(tc.sentence)}}}
			if !reflect.DeepEqual(parts, want) {
				t.Errorf("parts %+v, want %+v", parts, want)
			}
		})
	}
}

func TestRewordSplit(t *testing.T) {
	g, err := New(tiny, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		sentence string
		want     []string // the two sentences
		srcs     []string // the source text of each
	}{
		{"Sales rose 12 pct to 4.5 billion dlrs in the year, but the company said its profit margins fell sharply.",
			[]string{"Sales rose 12 pct to 4.5 billion dlrs in the year.", "However, the company said its profit margins fell sharply."},
			[]string{"Sales rose 12 pct to 4.5 billion dlrs in the year", "the company said its profit margins fell sharply."}},
		{"The aircraft will be financed by foreign borrowings and exchange earnings, and Qantas believes they will pay for themselves in four years.",
			[]string{"The aircraft will be financed by foreign borrowings and exchange earnings.", "Qantas believes they will pay for themselves in four years."},
			[]string{"The aircraft will be financed by foreign borrowings and exchange earnings", "Qantas believes they will pay for themselves in four years."}},
		{"Rosie Barnes won with 18,287 votes or 53 pct of the poll, and a majority of 6,611 seats over her nearest rival.",
			nil, nil}, // "and a majority" joins nouns: no split
	} {
		got, parts, ops := reworded(g, tc.sentence, OpSplit)
		if tc.want == nil {
			if len(ops) != 0 || got != tc.sentence {
				t.Errorf("split %q into %q (%q)", tc.sentence, got, ops)
			}
			continue
		}
		if want := strings.Join(tc.want, " "); got != want || !reflect.DeepEqual(ops, []string{OpSplit}) {
			t.Errorf("split\n %q\ngot  %q %q\nwant %q", tc.sentence, got, ops, want)
			continue
		}
		if len(parts) != 2 {
			t.Fatalf("%d parts, want 2", len(parts))
		}
		for i, p := range parts {
			if c := got[p.copy.Start:p.copy.End]; c != tc.want[i] {
				t.Errorf("part %d copy slice %q, want %q", i, c, tc.want[i])
			}
			if s := tc.sentence[p.src.Start:p.src.End]; s != tc.srcs[i] {
				t.Errorf("part %d source slice %q, want %q", i, s, tc.srcs[i])
			}
		}
	}
}

func TestRewordMerge(t *testing.T) {
	g, err := New(tiny, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	src := "Terms were not disclosed.\n    The deal is expected to close in April."
	rw := forced(g, OpMerge, OpContraction)
	u := rw.merge(g.newUnit(src, stemma.Span{Start: 0, End: 25}), g.newUnit(src, stemma.Span{Start: 30, End: len(src)}))
	got, parts, ops := rw.reword(u)
	if want := "Terms weren't disclosed, and the deal is expected to close in April."; got != want {
		t.Errorf("merged %q, want %q", got, want)
	}
	if !reflect.DeepEqual(ops, []string{OpMerge, OpContraction}) {
		t.Errorf("operations %q", ops)
	}
	if want := []rewordPart{{copy: stemma.Span{Start: 0, End: len(got)}, src: stemma.Span{Start: 0, End: len(src)}}}; !reflect.DeepEqual(parts, want) {
		t.Errorf("parts %+v, want %+v", parts, want)
	}
}

// TestRewordSynonymsAndAdjectives needs a vocabulary: a word seen fewer
// than rareWord times is kept, and an inflected synonym must occur in the
// sources.
func TestRewordSynonymsAndAdjectives(t *testing.T) {
	docs := loadReuters(t)
	g, err := New(docs, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		sentence string
		ops      []string
		want     string
	}{
		// Any sense, as a thesaurus-driven rewriter picks them; an
		// inflected word takes its base's synonyms inflected alike, and an
		// irregular form ("rose") is kept.
		{"Coffee prices rose after the sharp increase in demand.", []string{OpSynonym},
			"Chocolate costs rose after the sharply growth in take."},
		{"Coffee prices rose after the sharp increase in demand.", []string{OpAdjective},
			"Coffee prices rose after the increase in demand."},
		// Names, numbers, number words and rare words are kept.
		{"Chrysler said eight billion dlrs of gasohol contracts were signed.", []string{OpSynonym},
			"Chrysler said eight billion dlrs of gasohol cuts were contracted."},
	} {
		got, _, _ := reworded(g, tc.sentence, tc.ops...)
		if got != tc.want {
			t.Errorf("%q with %q:\ngot  %q\nwant %q", tc.sentence, tc.ops, got, tc.want)
		}
	}
}

// TestRewordNothingKeepsText rewrites every sentence of a slice of Reuters
// with no operation: the text must come back as it was, whitespace
// normalised, so that every change a copy shows is an operation's.
func TestRewordNothingKeepsText(t *testing.T) {
	docs := loadReuters(t)
	g, err := New(docs, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range docs[:600] {
		for _, s := range sentenceSpans(d.Text) {
			got, parts, ops := forced(g).reword(g.newUnit(d.Text, s))
			if want := NormalizeSpace(d.Text[s.Start:s.End]); got != want || len(ops) != 0 || len(parts) != 1 {
				t.Fatalf("%s: %q came back as %q (%q)", d.ID, want, got, ops)
			}
			n++
		}
	}
	t.Logf("%d sentences", n)
}

func TestParaphraseTiny(t *testing.T) {
	wire := stemma.Doc{ID: "w", Date: tiny[0].Date, Text: "General Binding Corp said on Tuesday that it reached a\n" +
		"marketing agreement with Varitronic Systems Inc.\n    Sales rose 12 pct to 4.5 billion dlrs in the year,\n" +
		"but the company said its profit margins fell sharply. Terms were not disclosed. The deal is expected to close in April."}
	g, err := New(append(slices.Clone(tiny), wire), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	c := g.Paraphrase(g.Excerpt(3), 1)
	checkCopy(t, g, c)
	if c.Kind != "excerpt+paraphrased" || c.Doc.ID != "synth-excerpt+paraphrased-3" {
		t.Errorf("kind %q id %q", c.Kind, c.Doc.ID)
	}
	// Both spans of a rewording slice what they say: the new words in the
	// copy, the original sentence (or two) in the source.
	want := []struct{ copy, source string }{
		{"General Binding Corp added on Tuesday that it reached a marketing agreement with Varitronic Systems Inc.",
			"General Binding Corp said on Tuesday that it reached a\nmarketing agreement with Varitronic Systems Inc."},
		{"Sales rose 12 pct to $4.5 billion in the year, yet the company stated its profit margins fell sharply.",
			"Sales rose 12 pct to 4.5 billion dlrs in the year,\nbut the company said its profit margins fell sharply."},
		{"Reportedly, terms weren't disclosed.", "Terms were not disclosed."},
		{"In April, the deal is expected to close.", "The deal is expected to close in April."},
	}
	var got []struct{ copy, source string }
	for _, r := range c.Rewordings {
		got = append(got, struct{ copy, source string }{c.Doc.Text[r.Copy.Start:r.Copy.End], wire.Text[r.Source.Start:r.Source.End]})
		if r.SourceID != "w" {
			t.Errorf("rewording %+v", r)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rewordings\n%q\nwant\n%q", got, want)
	}
	// Spin and OCR after a paraphrase leave the reworded sentences alone.
	s := g.OCR(g.Spin(c, 1), 0.1)
	checkCopy(t, g, s)
	for _, r := range s.Rewordings {
		for _, l := range [][]Substitution{s.Substitutions, s.Noise} {
			for _, x := range l {
				if x.Copy.Overlap(r.Copy) > 0 {
					t.Errorf("%+v inside rewording %+v", x, r)
				}
			}
		}
	}
	if rec := s.Record(); !reflect.DeepEqual(rec.Truth.Rewordings, s.Rewordings) || rec.Truth.Kind != "excerpt+paraphrased+spun+ocr" {
		t.Errorf("record truth %+v", rec.Truth)
	}
}

// FuzzReword rewrites arbitrary text with operations chosen by the fuzzer:
// it must never panic, and its truth must hold.
func FuzzReword(f *testing.F) {
	for _, s := range []string{
		"General Binding Corp said on Tuesday that it reached a marketing agreement with Varitronic Systems Inc.",
		"Sales rose 12 pct to 4.5 billion dlrs, but the company said its margins fell sharply in the year.",
		`"We are here to stay," Lutz said.`,
		"In 1986, ( $15 mln dlrs ) U.S. , ; REUTER",
		"",
	} {
		f.Add(s, uint64(0xffff))
	}
	g, err := New(tiny, Options{Seed: 1})
	if err != nil {
		f.Fatal(err)
	}
	ops := []string{OpSplit, OpAttribution, OpMove, OpDrop, OpConnective, OpNumber, OpContraction, OpAdjective, OpSynonym, OpFiller}
	f.Fuzz(func(t *testing.T, text string, choice uint64) {
		if !utf8.ValidString(text) {
			return
		}
		var on []string
		for i, op := range ops {
			if choice&(1<<i) != 0 {
				on = append(on, op)
			}
		}
		rw := forced(g, on...)
		picks := choice >> 16
		rw.pick = func(n int) int { k := int(picks % uint64(n)); picks /= uint64(n); return k }
		for _, s := range sentenceSpans(text) {
			got, parts, applied := rw.reword(g.newUnit(text, s))
			if !utf8.ValidString(got) {
				t.Fatalf("invalid UTF-8 %q", got)
			}
			if len(applied) == 0 && got != NormalizeSpace(text[s.Start:s.End]) {
				t.Fatalf("no operation, but %q became %q", text[s.Start:s.End], got)
			}
			end := 0
			for _, p := range parts {
				if p.copy.Start < end || p.copy.End > len(got) || p.copy.Start > p.copy.End ||
					p.src.Start < s.Start || p.src.End > s.End || p.src.Start > p.src.End {
					t.Fatalf("part %+v of %q (source %+v)", p, got, s)
				}
				end = p.copy.End
			}
		}
	})
}
