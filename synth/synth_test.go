package synth

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/thesaurus"
)

var (
	reutersOnce sync.Once
	reuters     []stemma.Doc
	reutersErr  error
)

// loadReuters reads Reuters-21578 once for all tests.
func loadReuters(t testing.TB) []stemma.Doc {
	t.Helper()
	path := testdata.Path(t, "reuters-21578.jsonl.gz")
	reutersOnce.Do(func() {
		r, err := ingest.NewReader([]string{path}, ingest.Options{})
		if err != nil {
			reutersErr = err
			return
		}
		defer r.Close()
		for {
			rec, ok := r.Next()
			if !ok {
				break
			}
			reuters = append(reuters, rec.Doc)
		}
	})
	if reutersErr != nil {
		t.Fatal(reutersErr)
	}
	return reuters
}

// tiny is a hand-made corpus for the table tests.
var tiny = []stemma.Doc{
	{ID: "a", Date: time.Date(1987, 3, 1, 0, 0, 0, 0, time.UTC), Title: "Talks",
		Text: "Russia and the U.S. held an international\n    meeting in New York on Monday.\n    The talks were described as\nfriendly by officials. Prices rose 5 pct."},
	{ID: "b", Date: time.Date(1987, 3, 2, 0, 0, 0, 0, time.UTC), Title: "Cocoa",
		Text: "Cocoa prices fell sharply on the London market. Dealers said the\ndecline was expected. Exporters remained cautious."},
	{ID: "c", Date: time.Date(1987, 3, 3, 0, 0, 0, 0, time.UTC), Title: "Oil",
		Text: "OPEC ministers will meet in Vienna next week. The Fed left rates unchanged."},
}

func TestReprintTiny(t *testing.T) {
	g, err := New(tiny, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	c := g.Reprint(0)
	checkCopy(t, g, c)
	want := "Russia and the U.S. held an international meeting in New York on Monday. The talks were described as friendly by officials. Prices rose 5 pct."
	if !strings.Contains(c.Doc.Text, want) {
		t.Errorf("reprint text %q does not contain the normalised source", c.Doc.Text)
	}
	var bodies []Segment
	for _, s := range c.Segments {
		if s.SourceID != "" {
			bodies = append(bodies, s)
		}
	}
	if len(bodies) != 1 || bodies[0].Source != (stemma.Span{Start: 0, End: len(tiny[0].Text)}) {
		t.Errorf("reprint source segments = %+v, want one covering the whole source", bodies)
	}
	if !strings.Contains(c.Doc.Text, "Read more: https://") || c.Doc.ID != "synth-reprint-0" || c.Doc.Source != "synth" {
		t.Errorf("reprint boilerplate or metadata wrong: %+v", c.Doc)
	}
	if !c.Doc.Date.After(tiny[0].Date) {
		t.Errorf("reprint dated %v, not after its source %v", c.Doc.Date, tiny[0].Date)
	}
}

func TestSpinTiny(t *testing.T) {
	g, err := New(tiny, Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	c := g.Spin(g.Excerpt(0), 1)
	checkCopy(t, g, c)
	if c.Kind != "excerpt+spun" || !strings.HasPrefix(c.Doc.ID, "synth-excerpt+spun-") {
		t.Errorf("kind %q id %q", c.Kind, c.Doc.ID)
	}
	got := map[string]string{}
	for _, s := range c.Substitutions {
		got[s.From] = s.To
	}
	// At rate 1 every candidate is swapped: the entities, and the content
	// words with synonyms; never a stopword, a number or a name.
	for _, from := range []string{"Russia", "U.S.", "New York", "international", "talks", "friendly"} {
		if _, ok := got[from]; !ok {
			t.Errorf("rate 1 did not swap %q; swaps %q", from, got)
		}
	}
	for _, from := range []string{"and", "the", "an", "Monday", "5"} {
		if to, ok := got[from]; ok {
			t.Errorf("swapped %q → %q, which is not a spin candidate", from, to)
		}
	}
	if got["Russia"] != "Russian Federation" {
		t.Errorf("Russia → %q, want Russian Federation", got["Russia"])
	}
	if len(c.Substitutions) != c.SpinCandidates {
		t.Errorf("rate 1: %d swaps of %d candidates", len(c.Substitutions), c.SpinCandidates)
	}
	// "an international" keeps its article whatever replaces the adjective.
	if !strings.Contains(c.Doc.Text, " an ") {
		t.Errorf("spin changed a stopword: %q", c.Doc.Text)
	}
	t.Logf("%s", c.Doc.Text)
}

func TestMakeKinds(t *testing.T) {
	g, err := New(tiny, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for kind, want := range map[string]string{
		"reprint": "reprint", "excerpt": "excerpt", "reorder": "reorder", "stitched": "stitched",
		"spun": "reprint+spun", "ocr": "reprint+ocr", "stitched+spun": "stitched+spun",
		"stitched+spun+ocr": "stitched+spun+ocr", "excerpt+ocr+spun": "excerpt+ocr+spun", "spun+ocr": "reprint+spun+ocr",
		"paraphrased": "reprint+paraphrased", "stitched+paraphrased": "stitched+paraphrased",
		"reorder+paraphrased+spun+ocr": "reorder+paraphrased+spun+ocr", "excerpt+spun+paraphrased": "excerpt+spun+paraphrased",
	} {
		c, err := g.Make(kind, 2)
		if err != nil {
			t.Errorf("Make(%q): %v", kind, err)
			continue
		}
		if c.Kind != want || c.Doc.ID != "synth-"+want+"-2" {
			t.Errorf("Make(%q): kind %q id %q, want kind %q", kind, c.Kind, c.Doc.ID, want)
		}
		checkCopy(t, g, c)
	}
	for _, kind := range []string{"", "tweet", "reprint+glue", "stitch", "stitched+"} {
		if _, err := g.Make(kind, 0); !errors.Is(err, ErrKind) {
			t.Errorf("Make(%q) = %v, want ErrKind", kind, err)
		}
	}
}

func TestOptions(t *testing.T) {
	for _, o := range []Options{{SpinRate: -0.1}, {OCRRate: 1.5}, {ParaphraseRate: 2}} {
		if _, err := New(tiny, o); !errors.Is(err, ErrOptions) {
			t.Errorf("New(%+v) = %v, want ErrOptions", o, err)
		}
	}
	if _, err := New(nil, Options{}); !errors.Is(err, ErrNoSources) {
		t.Errorf("New(nil) = %v, want ErrNoSources", err)
	}
	if _, err := New([]stemma.Doc{{ID: "x", Text: " \n "}}, Options{}); !errors.Is(err, ErrNoSources) {
		t.Errorf("New(blank) = %v, want ErrNoSources", err)
	}
}

// TestProperties generates thousands of copies of every kind from
// Reuters-21578 and checks every invariant of their ground truth.
func TestProperties(t *testing.T) {
	docs := loadReuters(t)
	g, err := New(docs, Options{Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	per := 250
	if testing.Short() {
		per = 40
	}
	var swaps, cands, reworded int
	rates := []float64{0.1, 0.2, 0.3, 0.4}
	paraRates := []float64{0.5, 1}
	ops := map[string]int{}
	total := 0
	for n := range per {
		i := (n * 7919) % len(docs)
		base := []Copy{g.Reprint(i), g.Excerpt(i), g.Reorder(i), g.Stitch(n)}
		for _, c := range base {
			checkCopy(t, g, c)
			rate := rates[n%len(rates)]
			s := g.Spin(c, rate)
			checkCopy(t, g, s)
			added := len(s.Substitutions) - len(c.Substitutions)
			swaps += added
			cands += s.SpinCandidates
			if s.SpinCandidates >= 10 {
				if got := float64(added) / float64(s.SpinCandidates); got < rate-0.05 || got > rate+0.05 {
					t.Errorf("%s: spin rate %.3f (%d of %d), want %.2f ± 0.05", s.Doc.ID, got, added, s.SpinCandidates, rate)
				}
			}
			o := g.OCR(s, 0.03)
			checkCopy(t, g, o)
			checkCopy(t, g, g.OCR(c, 0.05))
			// Paraphrase on its own, after a spin, and before one.
			p := g.Paraphrase(c, paraRates[n%len(paraRates)])
			checkCopy(t, g, p)
			checkCopy(t, g, g.Paraphrase(o, 0.5))
			checkCopy(t, g, g.OCR(g.Spin(p, rate), 0.03))
			for _, r := range p.Rewordings {
				reworded++
				for _, op := range r.Ops {
					ops[op]++
				}
			}
			total += 7
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	if cands == 0 {
		t.Fatal("no spin candidates at all")
	}
	t.Logf("%d copies; spin swapped %d of %d candidates; %d rewordings, operations %v", total, swaps, cands, reworded, ops)
	// Every operation fires somewhere.
	for _, op := range []string{OpSplit, OpMerge, OpAttribution, OpMove, OpDrop, OpConnective, OpNumber, OpContraction, OpAdjective, OpSynonym, OpFiller} {
		if ops[op] == 0 {
			t.Errorf("operation %s never applied", op)
		}
	}
	if total < 2000 && !testing.Short() {
		t.Errorf("only %d copies checked", total)
	}
}

func TestDeterminism(t *testing.T) {
	docs := loadReuters(t)
	a, err := New(docs, Options{Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := New(docs, Options{Seed: 7})
	c, _ := New(docs, Options{Seed: 8})
	make := func(g *Generator, n int) Copy {
		c := g.OCR(g.Spin(g.Stitch(n), 0.3), 0.02)
		if n%2 == 0 {
			c = g.Spin(g.Paraphrase(g.Reorder(n), 0.5), 0.2)
		}
		return c
	}
	// Calls in a different order give the same copies.
	var first []Copy
	for n := range 20 {
		first = append(first, make(a, n))
	}
	differ := 0
	for n := 19; n >= 0; n-- {
		if got := make(b, n); !reflect.DeepEqual(got, first[n]) {
			t.Fatalf("seed 7, copy %d differs between generators", n)
		}
		if got := make(c, n); got.Doc.Text != first[n].Doc.Text {
			differ++
		}
	}
	if differ < 15 {
		t.Errorf("seeds 7 and 8 gave the same text for %d of 20 copies", 20-differ)
	}
}

// checkCopy asserts every invariant of a copy's ground truth.
func checkCopy(t *testing.T, g *Generator, c Copy) {
	t.Helper()
	text := c.Doc.Text
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%s (%s): %s", c.Doc.ID, c.Kind, fmt.Sprintf(format, args...))
	}
	inText := func(s stemma.Span, of string) bool {
		return 0 <= s.Start && s.Start <= s.End && s.End <= len(of) &&
			(s.Start == len(of) || utf8.RuneStart(of[s.Start])) && (s.End == len(of) || utf8.RuneStart(of[s.End]))
	}
	source := func(id string) (string, bool) {
		i, ok := g.byID[id]
		if !ok {
			return "", false
		}
		return g.sources[i].Text, true
	}
	if !utf8.ValidString(text) {
		fail("invalid UTF-8")
	}
	// Segments: in order, in bounds, on rune boundaries; together with the
	// whitespace between them they cover the whole text.
	prev := 0
	for _, s := range c.Segments {
		if !inText(s.Copy, text) || s.Copy.Start < prev || s.Copy.Len() == 0 && !strings.Contains(c.Kind, "ocr") {
			fail("segment %+v out of order or bounds (text %d bytes)", s, len(text))
			return
		}
		if strings.TrimSpace(text[prev:s.Copy.Start]) != "" {
			fail("text %q between segments is not covered", text[prev:s.Copy.Start])
		}
		prev = s.Copy.End
		if s.SourceID == "" {
			if s.Source != (stemma.Span{}) {
				fail("segment without source has source span %+v", s.Source)
			}
			continue
		}
		src, ok := source(s.SourceID)
		if !ok || !inText(s.Source, src) {
			fail("segment %+v: unknown source or span out of bounds", s)
			continue
		}
		// Reverting the substitutions, noise and rewordings inside the
		// segment gives the source's text, whitespace normalised.
		got := revert(text, s.Copy, c.Substitutions, c.Noise, rewordings(g, c))
		if want := NormalizeSpace(src[s.Source.Start:s.Source.End]); NormalizeSpace(got) != want {
			fail("segment %+v:\n copy (reverted) %q\n source          %q", s, got, want)
		}
		if len(c.Substitutions) == 0 && len(c.Noise) == 0 && len(c.Rewordings) == 0 && text[s.Copy.Start:s.Copy.End] != NormalizeSpace(src[s.Source.Start:s.Source.End]) {
			fail("segment %+v: copy text differs from the normalised source", s)
		}
	}
	if strings.TrimSpace(text[prev:]) != "" {
		fail("text %q after the last segment is not covered", text[prev:])
	}
	// Substitutions and noise: Copy slices To, Source slices From.
	for _, list := range [][]Substitution{c.Substitutions, c.Noise} {
		prev := 0
		for _, s := range list {
			if !inText(s.Copy, text) || text[s.Copy.Start:s.Copy.End] != s.To || s.Copy.Start < prev {
				fail("substitution %+v: copy span does not slice To, or out of order", s)
				continue
			}
			prev = s.Copy.End
			if s.SourceID == "" {
				if s.Kind != SubOCR {
					fail("spin substitution %+v has no source", s)
				}
				continue
			}
			src, ok := source(s.SourceID)
			if !ok || !inText(s.Source, src) || src[s.Source.Start:s.Source.End] != s.From {
				fail("substitution %+v: source span does not slice From", s)
			}
			if s.Kind != SubOCR && s.From == s.To {
				fail("substitution %+v changes nothing", s)
			}
		}
	}
	// Sentences: in order, in bounds, each inside one segment of the same
	// source, and its text the normalised source sentence after reverting.
	prev = 0
	for _, s := range c.Sentences {
		if !inText(s.Copy, text) || s.Copy.Start < prev {
			fail("sentence %+v out of order or bounds", s)
			return
		}
		prev = s.Copy.End
		in := slices.ContainsFunc(c.Segments, func(seg Segment) bool {
			return seg.SourceID == s.SourceID && seg.Copy.Start <= s.Copy.Start && s.Copy.End <= seg.Copy.End &&
				(s.SourceID == "" || seg.Source.Start <= s.Source.Start && s.Source.End <= seg.Source.End)
		})
		if !in {
			fail("sentence %+v is not inside a segment of its source", s)
		}
		if k := slices.IndexFunc(c.Rewordings, func(r Rewording) bool { return r.Copy.Overlap(s.Copy) > 0 }); k >= 0 {
			// A reworded sentence lies inside its rewording on both sides.
			r := c.Rewordings[k]
			if r.SourceID != s.SourceID || s.Copy.Start < r.Copy.Start || s.Copy.End > r.Copy.End ||
				s.Source.Start < r.Source.Start || s.Source.End > r.Source.End || s.Copy.Len() == 0 || s.Source.Len() == 0 {
				fail("sentence %+v is not inside its rewording %+v", s, r)
			}
			continue
		}
		if s.SourceID != "" {
			src, _ := source(s.SourceID)
			got := revert(text, s.Copy, c.Substitutions, c.Noise)
			if NormalizeSpace(got) != NormalizeSpace(src[s.Source.Start:s.Source.End]) {
				fail("sentence %+v: %q is not its source sentence", s, got)
			}
		}
	}
	// Rewordings: in order, each inside a segment of its source on both
	// sides, starting and ending a sentence, with its text changed.
	prev = 0
	for _, r := range c.Rewordings {
		if !inText(r.Copy, text) || r.Copy.Start < prev || r.Copy.Len() == 0 || len(r.Ops) == 0 {
			fail("rewording %+v out of order or bounds, or empty", r)
			return
		}
		prev = r.Copy.End
		src, ok := source(r.SourceID)
		if !ok || !inText(r.Source, src) {
			fail("rewording %+v: unknown source or span out of bounds", r)
			continue
		}
		if !slices.ContainsFunc(c.Segments, func(seg Segment) bool {
			return seg.SourceID == r.SourceID && seg.Copy.Start <= r.Copy.Start && r.Copy.End <= seg.Copy.End &&
				seg.Source.Start <= r.Source.Start && r.Source.End <= seg.Source.End
		}) {
			fail("rewording %+v is not inside a segment of its source", r)
		}
		if !slices.ContainsFunc(c.Sentences, func(s SentenceTruth) bool { return s.Copy.Start == r.Copy.Start }) ||
			!slices.ContainsFunc(c.Sentences, func(s SentenceTruth) bool { return s.Copy.End == r.Copy.End }) {
			fail("rewording %+v does not start and end sentences", r)
		}
		if text[r.Copy.Start:r.Copy.End] == NormalizeSpace(src[r.Source.Start:r.Source.End]) {
			fail("rewording %+v changes nothing", r)
		}
		for _, l := range [][]Substitution{c.Substitutions, c.Noise} {
			for _, s := range l {
				if s.Copy.Overlap(r.Copy) > 0 {
					fail("substitution %+v inside rewording %+v", s, r)
				}
			}
		}
	}
	// The copy is dated after every dated source, and undated only if
	// every source is.
	dated := false
	for _, s := range c.Segments {
		if i, ok := g.byID[s.SourceID]; ok && g.sources[i].Dated() {
			dated = true
			if !c.Doc.Date.After(g.sources[i].Date) {
				fail("dated %v, not after source %s of %v", c.Doc.Date, s.SourceID, g.sources[i].Date)
			}
		}
	}
	if dated == c.Doc.Date.IsZero() {
		fail("date %v, sources dated: %v", c.Doc.Date, dated)
	}
}

// rewordings returns c's rewordings as substitutions whose From is their
// source text, whitespace normalised, for [revert].
func rewordings(g *Generator, c Copy) []Substitution {
	var out []Substitution
	for _, r := range c.Rewordings {
		src := g.sources[g.byID[r.SourceID]].Text
		out = append(out, Substitution{Copy: r.Copy, From: NormalizeSpace(src[r.Source.Start:r.Source.End])})
	}
	return out
}

// revert returns text[span] with the substitutions and noise inside it
// replaced by their From text.
func revert(text string, span stemma.Span, lists ...[]Substitution) string {
	var all []Substitution
	for _, l := range lists {
		for _, s := range l {
			if s.Copy.Start >= span.Start && s.Copy.End <= span.End {
				all = append(all, s)
			}
		}
	}
	slices.SortFunc(all, byCopy)
	var sb strings.Builder
	p := span.Start
	for _, s := range all {
		sb.WriteString(text[p:s.Copy.Start])
		sb.WriteString(s.From)
		p = s.Copy.End
	}
	sb.WriteString(text[p:span.End])
	return sb.String()
}

// TestSpinGerman spins German text with a German thesaurus in the MyThes
// format: nouns, capitalised mid-sentence, become capitalised nouns;
// verbs and adjectives stay lower case; function words and names stay.
func TestSpinGerman(t *testing.T) {
	th, err := thesaurus.LoadMyThes(strings.NewReader(`UTF-8
regierung|1
-|Regierung|Kabinett|Exekutive
erklären|1
-|erklären|darlegen|Erklärung
schnell|1
(Adj.)|schnell|rasch|zügig
die|1
-|die|jene
`), "de.dat")
	if err != nil {
		t.Fatal(err)
	}
	src := []stemma.Doc{{ID: "de-1", Text: "Die Regierung will die Reform schnell erklären. Merkel sagte, die Regierung handle schnell und entschlossen."}}
	g, err := New(src, Options{Seed: 1, Thesaurus: th, Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	c := g.Spin(g.Reprint(0), 1)
	checkCopy(t, g, c)
	got := map[string][]string{}
	for _, s := range c.Substitutions {
		got[s.From] = append(got[s.From], s.To)
	}
	// "Die" opens the sentence and "die" is a function word; "Merkel" and
	// "Reform" are not in the thesaurus; "erklären" may only become the
	// lower-case "darlegen", never the noun "Erklärung".
	want := map[string][]string{"Regierung": {"Kabinett", "Exekutive"}, "schnell": {"rasch", "zügig"}, "erklären": {"darlegen"}}
	for from, tos := range got {
		allowed, ok := want[from]
		if !ok {
			t.Errorf("swapped %q → %q, which is not a candidate", from, tos)
			continue
		}
		for _, to := range tos {
			if !slices.Contains(allowed, to) {
				t.Errorf("%q → %q, want one of %q", from, to, allowed)
			}
		}
	}
	if len(got["Regierung"]) != 2 || len(got["schnell"]) != 2 || len(got["erklären"]) != 1 || c.SpinCandidates != 5 {
		t.Errorf("swaps %q of %d candidates; want both Regierung, both schnell and erklären, 5 candidates", got, c.SpinCandidates)
	}
}
