package quote_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/quote"
)

// TestLabels checks the embedded labelled set reads whole and tags only
// the patterns a report knows how to describe.
func TestLabels(t *testing.T) {
	labels, err := quote.ReadLabels(quote.Labels())
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) != 235 {
		t.Errorf("%d labels, want 235", len(labels))
	}
	known := map[string]bool{}
	for _, p := range quote.LabelPatterns {
		known[p.Name] = true
	}
	for _, l := range labels {
		if l.Doc == "" || l.Start >= l.End || len(l.Patterns) == 0 {
			t.Errorf("label %+v: no article, empty span or no pattern", l)
		}
		for _, p := range l.Patterns {
			if !known[p] {
				t.Errorf("label %s %d-%d: pattern %q not in LabelPatterns", l.Doc, l.Start, l.End, p)
			}
		}
	}
}

func TestEvaluateLabelled(t *testing.T) {
	text := `"We will win the vote," said Jane Doe. The sky is "blue" today. "No change," Mr Smith said.`
	docs := map[string]stemma.Doc{"a": {ID: "a", Source: "wire", Text: text}}
	span := func(s string) (int, int) {
		i := strings.Index(text, s)
		return i, i + len(s)
	}
	line := func(s, speaker string, patterns ...string) string {
		start, end := span(s)
		return fmt.Sprintf(`{"doc":"a","start":%d,"end":%d,"speaker":%q,"patterns":[%q]}`, start, end, speaker, strings.Join(patterns, `","`))
	}
	labels := strings.Join([]string{
		line("We will win the vote,", "Jane Doe", "said-X"),
		line("blue", "", "none"),
		"",
		line("No change,", "John Roe", "X-said"), // found as Mr Smith's: a wrong speaker
		`{"doc":"a","start":0,"end":3,"speaker":"","patterns":["none"]}`, // no such quote
	}, "\n")
	s, err := quote.EvaluateLabelled(strings.NewReader(labels), docs)
	if err != nil {
		t.Fatal(err)
	}
	if s.Docs != 1 || s.Labelled != 4 || s.Named != 2 || s.Found != 3 || s.Matched != 3 {
		t.Errorf("counts %+v, want 1 doc, 4 labelled, 2 named, 3 found, 3 matched", s)
	}
	if s.Sources["wire"] != (quote.SourceCount{Docs: 1, Quotes: 4}) {
		t.Errorf("sources %v", s.Sources)
	}
	if s.Precision != 1 || s.Recall != 0.75 || s.F1 != 2*0.75/1.75 {
		t.Errorf("precision %v recall %v F1 %v, want 1, 0.75, %v", s.Precision, s.Recall, s.F1, 2*0.75/1.75)
	}
	if s.SpeakerAccuracy != 2.0/3 || s.NamedAccuracy != 0.5 {
		t.Errorf("speaker accuracy %v (named %v), want 2/3 (1/2)", s.SpeakerAccuracy, s.NamedAccuracy)
	}
	want := map[string]quote.PatternScore{"said-X": {1, 1}, "none": {1, 1}, "X-said": {0, 1}}
	if fmt.Sprint(s.PerPattern) != fmt.Sprint(want) {
		t.Errorf("per pattern %v, want %v", s.PerPattern, want)
	}
	if len(s.Mistakes) != 2 || !strings.Contains(s.Mistakes[0], `found "Mr Smith" (named), labelled "John Roe"`) || !strings.Contains(s.Mistakes[1], "not found") {
		t.Errorf("mistakes %q: want the wrong speaker, then the missed quote", s.Mistakes)
	}
}

func TestEvaluateLabelledErrors(t *testing.T) {
	docs := map[string]stemma.Doc{"a": {ID: "a", Text: `He said "yes".`}}
	for _, tc := range []struct {
		labels string
		want   error
	}{
		{`{"doc":"b","start":9,"end":12}`, quote.ErrUnknownDoc},
		{`{"doc":"a","start":9,"end":99}`, quote.ErrBadLabel},
		{`{"doc":"a","start":9,"end":9}`, quote.ErrBadLabel},
		{`{"doc":"a","start":9,"end":12}` + "\n{", quote.ErrBadLabel},
	} {
		_, err := quote.EvaluateLabelled(strings.NewReader(tc.labels), docs)
		if !errors.Is(err, tc.want) {
			t.Errorf("%q: error %v, want %v", tc.labels, err, tc.want)
		}
	}
}

// scripted is a tracer that returns a fixed report for each copy.
type scripted map[string][]stemma.QuoteFinding

func (s scripted) Trace(_ context.Context, d stemma.Doc) (*stemma.Report, error) {
	f, ok := s[d.ID]
	if !ok {
		return nil, errors.New("not indexed")
	}
	return &stemma.Report{Quotes: f}, nil
}

func TestEvaluateIntegrity(t *testing.T) {
	at := func(start, end int) stemma.Quote { return stemma.Quote{Text: stemma.Span{Start: start, End: end}} }
	copies := []quote.DamagedCopy{
		{Copy: stemma.Doc{ID: "cut"}, Damage: quote.Damage{Kind: quote.Cut, Quote: stemma.Span{Start: 10, End: 20}}},
		{Copy: stemma.Doc{ID: "swap"}, Damage: quote.Damage{Kind: quote.Swap, Quote: stemma.Span{Start: 10, End: 20}, Speaker: "baker"}},
		{Copy: stemma.Doc{ID: "missed"}, Damage: quote.Damage{Kind: quote.Spin, Quote: stemma.Span{Start: 10, End: 20}}},
		{Copy: stemma.Doc{ID: "clean"}},
		{Copy: stemma.Doc{ID: "unsourced"}},
	}
	tr := scripted{
		"cut": {
			{Kind: stemma.QuoteCut, Quote: at(10, 15)},
			{Kind: stemma.QuoteCut, Quote: at(12, 18)},     // the same damage twice: one hit
			{Kind: stemma.QuoteAltered, Quote: at(40, 50)}, // a false spin
		},
		"swap": {
			{Kind: stemma.SpeakerChanged, Quote: at(10, 20), SourceSpeaker: "James Baker"},
			{Kind: stemma.SpeakerLost, Quote: at(60, 70), SourceSpeaker: "Baker"}, // collateral
		},
		"missed":    nil,
		"clean":     nil,
		"unsourced": {{Kind: stemma.QuoteUnsourced, Quote: at(1, 5)}},
	}
	s, err := quote.EvaluateIntegrity(context.Background(), copies, tr)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		kind              quote.DamageKind
		copies, tp, fp, c int
		precision, recall float64
	}{
		{quote.Cut, 1, 1, 0, 0, 1, 1},
		{quote.Spin, 1, 0, 1, 0, 0, 0},
		{quote.Swap, 1, 1, 0, 0, 1, 1},
		{quote.Move, 0, 0, 0, 1, 0, 0},
	} {
		k := s.Kind(tc.kind)
		if k.Copies != tc.copies || k.TruePositives != tc.tp || k.FalsePositives != tc.fp || k.Collateral != tc.c || k.Precision != tc.precision || k.Recall != tc.recall {
			t.Errorf("%s: %+v, want copies %d TP %d FP %d collateral %d precision %v recall %v", tc.kind, k, tc.copies, tc.tp, tc.fp, tc.c, tc.precision, tc.recall)
		}
	}
	if s.Undamaged != 2 || s.Clean != 1 || s.Unsourced != 1 {
		t.Errorf("undamaged %d, clean %d, unsourced %d; want 2, 1, 1", s.Undamaged, s.Clean, s.Unsourced)
	}
	if len(s.Mistakes) != 3 { // the false spin, the missed spin, the unsourced quote
		t.Errorf("mistakes %q, want 3", s.Mistakes)
	}
	copies = append(copies, quote.DamagedCopy{Copy: stemma.Doc{ID: "lost"}})
	if _, err := quote.EvaluateIntegrity(context.Background(), copies, tr); err == nil || !strings.Contains(err.Error(), "lost") {
		t.Errorf("tracer error: got %v, want one naming the copy", err)
	}
}

func TestNewIntegritySet(t *testing.T) {
	var docs []stemma.Doc
	for i := range 40 {
		docs = append(docs, stemma.Doc{ID: fmt.Sprintf("d%02d", i), Text: fmt.Sprintf(
			`Trade talks resumed on day %d. "We expect a very important agreement on trade and prices within the next few weeks, and we hope to begin soon," said Trade Minister James Baker. "It is good," he added.`, i)})
	}
	opts := quote.IntegrityOptions{PerKind: 3, Undamaged: 2, Others: 5, Seed: 7}
	set, err := quote.NewIntegritySet(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[quote.DamageKind]int{}
	originals := map[string]bool{}
	for i, c := range set.Copies {
		kinds[c.Damage.Kind]++
		if originals[c.Original.ID] {
			t.Errorf("original %s used twice", c.Original.ID)
		}
		originals[c.Original.ID] = true
		if set.Indexed[i].ID != c.Original.ID {
			t.Errorf("indexed[%d] = %s, want the original %s", i, set.Indexed[i].ID, c.Original.ID)
		}
		if (c.Damage.Kind == "") != (c.Copy.Text == c.Original.Text) {
			t.Errorf("copy %s (%q) and its original differ iff damaged", c.Copy.ID, c.Damage.Kind)
		}
	}
	if kinds[quote.Cut] != 3 || kinds[quote.Spin] != 3 || kinds[""] != 2 {
		t.Errorf("copies by kind %v, want 3 cut, 3 spin, 2 undamaged", kinds)
	}
	if set.Originals != len(set.Copies) || len(set.Indexed) != set.Originals+5 {
		t.Errorf("%d originals of %d copies, %d indexed; want one per copy, and 5 others", set.Originals, len(set.Copies), len(set.Indexed))
	}
	// The same corpus in another order, with the same seed, gives the same
	// set.
	rev := slices.Clone(docs)
	slices.Reverse(rev)
	again, err := quote.NewIntegritySet(rev, opts)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(again) != fmt.Sprint(set) {
		t.Error("the set depends on the order of the corpus")
	}
	if _, err := quote.NewIntegritySet(docs, quote.IntegrityOptions{PerKind: -1}); err == nil {
		t.Error("negative size accepted")
	}
}
