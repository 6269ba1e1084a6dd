package cluster

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/examples"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/internal/testdata"
)

func TestSorterSpills(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 50_000} {
		// Hits combine: one record per pair, with its count.
		s := newSorter(hitCodec, t.TempDir(), 12<<10) // 1024 records in memory
		rng := rand.New(rand.NewPCG(1, uint64(n)))
		counts := map[[2]uint32]uint32{}
		for range n {
			h := hitPair{a: rng.Uint32N(100), b: rng.Uint32N(1000), n: 1}
			if rng.IntN(50) == 0 {
				h.b = math.MaxUint32 - rng.Uint32N(3) // large deltas
			}
			counts[[2]uint32{h.a, h.b}]++
			if err := s.add(h); err != nil {
				t.Fatal(err)
			}
		}
		var want []hitPair
		for k, c := range counts {
			want = append(want, hitPair{a: k[0], b: k[1], n: c})
		}
		slices.SortFunc(want, hitCodec.cmp)
		// Grams do not combine: every record comes back.
		g := newSorter(gramCodec, t.TempDir(), 16<<10)
		var wantGrams []gram
		for range n {
			x := gram{hash: rng.Uint64() >> rng.UintN(64), num: rng.Uint32()}
			wantGrams = append(wantGrams, x)
			if err := g.add(x); err != nil {
				t.Fatal(err)
			}
		}
		slices.SortFunc(wantGrams, gramCodec.cmp)
		for pass := range 2 { // a finished sorter can be read again
			var got []hitPair
			if err := s.each(func(h *hitPair) error { got = append(got, *h); return nil }); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d pass %d: %d pairs, want %d, out of order, lost or miscounted", n, pass, len(got), len(want))
			}
			var gotGrams []gram
			if err := g.each(func(x *gram) error { gotGrams = append(gotGrams, *x); return nil }); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(gotGrams, wantGrams) {
				t.Fatalf("n=%d pass %d: %d grams, want %d, out of order or lost", n, pass, len(gotGrams), len(wantGrams))
			}
		}
		if n > 1024 && (len(s.runs) == 0 || len(g.runs) == 0) {
			t.Errorf("n=%d: nothing spilled", n)
		}
		if b := g.bytes(); b > 16<<10 {
			t.Errorf("n=%d: %d bytes held, budget %d", n, b, 16<<10)
		}
		s.close()
		g.close()
	}
}

// TestSorterCorrupt checks that a run cut short is reported as corrupt.
func TestSorterCorrupt(t *testing.T) {
	dir := t.TempDir()
	s := newSorter(hitCodec, dir, 12<<10)
	for i := range 5000 {
		if err := s.add(hitPair{a: uint32(i % 7), b: uint32(i) * 1000, n: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.finish(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(s.runs[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(s.runs[0], fi.Size()-1); err != nil {
		t.Fatal(err)
	}
	err = s.each(func(*hitPair) error { return nil })
	if !errors.Is(err, ErrCorrupt) {
		t.Errorf("reading a truncated run: %v, want ErrCorrupt", err)
	}
}

func TestPassageBinary(t *testing.T) {
	p := PairPassage{A: 1, B: 2, A0: 3, A1: 40, B0: 5, B1: 42, SpanA: stemma.Span{Start: 10, End: 300}, SpanB: stemma.Span{Start: 20, End: 320},
		Matched: 35, Synonyms: 2, Entities: 1, Spelling: 0, Other: 65535,
		InfoA: TextInfo{Words: 100, Docs: 2, Source: 7}, InfoB: TextInfo{Words: 90, Docs: 1, Source: 9}}
	b, err := p.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var q PairPassage
	if err := q.UnmarshalBinary(b); err != nil || q != p {
		t.Fatalf("round trip: %v %+v", err, q)
	}
	if err := q.UnmarshalBinary(b[1:]); !errors.Is(err, ErrCorrupt) {
		t.Errorf("short record: %v, want ErrCorrupt", err)
	}
}

func TestCandidates(t *testing.T) {
	opts := Options{MinHits: 2, MaxCandidates: 2}
	hits := []Hit{{Text: 5, Hits: 3}, {Text: 2, Hits: 1}, {Text: 9, Hits: 3}, {Text: 1, Hits: 7}, {Text: 4, Hits: 2}}
	got := Candidates(hits, &opts)
	want := []Hit{{Text: 1, Hits: 7}, {Text: 5, Hits: 3}}
	if !slices.Equal(got, want) {
		t.Errorf("Candidates = %v, want %v", got, want)
	}
}

func TestOptionsValidate(t *testing.T) {
	var o Options
	o.EnsureDefaults()
	if err := o.Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	for _, bad := range []func(*Options){
		func(o *Options) { o.Overlap = 1.5 },
		func(o *Options) { o.MinHits = -1 },
		func(o *Options) { o.BoilerplateDocs = 1 },
		func(o *Options) { o.MemoryMB = 1 },
	} {
		o := Options{}
		o.EnsureDefaults()
		bad(&o)
		if err := o.Validate(); !errors.Is(err, ErrOptions) {
			t.Errorf("Validate = %v, want ErrOptions", err)
		}
	}
}

// passage makes a passage between two texts over whole word ranges, with
// spans of 6 bytes a word.
func passage(a, b TextID, a0, a1, b0, b1, unmatched int32, ia, ib TextInfo) PairPassage {
	if b < a {
		a, b, a0, a1, b0, b1, ia, ib = b, a, b0, b1, a0, a1, ib, ia
	}
	n := min(a1-a0, b1-b0)
	return PairPassage{A: a, B: b, A0: a0, A1: a1, B0: b0, B1: b1,
		SpanA: stemma.Span{Start: int(6 * a0), End: int(6*a1 - 1)}, SpanB: stemma.Span{Start: int(6 * b0), End: int(6*b1 - 1)},
		Matched: n - unmatched, Other: uint16(unmatched), InfoA: ia, InfoB: ib}
}

// testLinker returns a Linker with the default options, closed when the
// test ends, and a function that adds a passage to it.
func testLinker(t *testing.T) (*Linker, func(PairPassage)) {
	t.Helper()
	l, err := NewLinker(&Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l, func(p PairPassage) {
		t.Helper()
		if err := l.Add(&p); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLinkerBoilerplate(t *testing.T) {
	// Six texts of outlet X, 100 words each, end with the same 10-word
	// footer; text 1 and 2 also share a story (words 0-80). Outlet Y's
	// text 7 shares text 1's story.
	x, y := sourceHash("X"), sourceHash("Y")
	info := func(s uint64) TextInfo { return TextInfo{Words: 100, Docs: 1, Source: s} }
	l, add := testLinker(t)
	for a := TextID(1); a <= 6; a++ {
		for b := a + 1; b <= 6; b++ {
			add(passage(a, b, 90, 100, 90, 100, 0, info(x), info(x)))
		}
	}
	add(passage(1, 2, 0, 80, 0, 80, 2, info(x), info(x)))
	add(passage(1, 7, 0, 80, 0, 80, 1, info(x), info(y)))
	var comps []Component
	err := l.Components(func(c *Component) error {
		c2 := *c
		c2.Passages = slices.Clone(c.Passages)
		c2.Texts = slices.Clone(c.Texts)
		comps = append(comps, c2)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st := l.Stats()
	if st.BoilerplatePassages != 15 || st.BoilerplateGroups != 1 {
		t.Errorf("boilerplate: %+v, want the 15 footer passages in one group", st)
	}
	if len(comps) != 1 || !slices.Equal(comps[0].Texts, []TextID{1, 2, 7}) || comps[0].Boilerplate {
		t.Fatalf("components: %+v, want one story cluster of texts 1, 2, 7", comps)
	}
	if len(comps[0].Passages) != 2 {
		t.Errorf("story cluster has %d passages, want 2", len(comps[0].Passages))
	}

	// With only four texts of X the footer is not boilerplate: it joins
	// the story cluster through text 1.
	l2, add2 := testLinker(t)
	for a := TextID(1); a <= 4; a++ {
		for b := a + 1; b <= 4; b++ {
			add2(passage(a, b, 60, 100, 60, 100, 0, info(x), info(x)))
		}
	}
	add2(passage(1, 7, 0, 80, 0, 80, 1, info(x), info(y)))
	n := 0
	l2.Components(func(c *Component) error { n++; return nil })
	if l2.Stats().BoilerplatePassages != 0 || n != 1 {
		t.Errorf("four documents: %+v, %d clusters; want no boilerplate and one cluster", l2.Stats(), n)
	}
}

// TestLinkerBoilerplateTaint checks the rule that keeps a passage that
// other outlets carry out of the boilerplate: a tenth of the group's
// passages covered by a passage across outlets, not one.
func TestLinkerBoilerplateTaint(t *testing.T) {
	x, y := sourceHash("X"), sourceHash("Y")
	info := func(s uint64) TextInfo { return TextInfo{Words: 100, Docs: 1, Source: s} }
	// Thirty texts of outlet X end with the same footer (435 passages
	// between them); outlet Y's text 100+i shares text i's story, words
	// 0-80, and for the first covered texts the alignment runs on through
	// the footer (words 0-100), as it does when Y's footer follows the
	// same template.
	const texts = 30
	link := func(covered int) LinkStats {
		t.Helper()
		l, add := testLinker(t)
		for a := TextID(1); a <= texts; a++ {
			for b := a + 1; b <= texts; b++ {
				add(passage(a, b, 90, 100, 90, 100, 0, info(x), info(x)))
			}
			end := int32(80)
			if int(a) <= covered {
				end = 100
			}
			add(passage(a, 100+a, 0, end, 0, end, 2, info(x), info(y)))
		}
		if err := l.Components(func(*Component) error { return nil }); err != nil {
			t.Fatal(err)
		}
		return l.Stats()
	}
	for _, c := range []struct {
		covered, want int
	}{
		{0, 435},
		// Text 1 is in 29 of the 435 footer passages: 6.7% covered, the
		// footer is still X's own.
		{1, 435},
		// Texts 1-2: 57 passages, 13%: found in another outlet.
		{2, 0},
	} {
		st := link(c.covered)
		if st.BoilerplatePassages != c.want {
			t.Errorf("footer covered across outlets in %d texts: %d boilerplate passages, want %d", c.covered, st.BoilerplatePassages, c.want)
		}
		if c.want > 0 && st.BoilerplateGroups != 1 {
			t.Errorf("footer covered in %d texts: %d boilerplate groups, want 1", c.covered, st.BoilerplateGroups)
		}
	}
}

// TestLinkerFormula checks that a wire formula shared by two unrelated
// stories does not chain them into one cluster, while an excerpt of a
// quarter of a story joins it.
func TestLinkerFormula(t *testing.T) {
	info := func(s string) TextInfo { return TextInfo{Words: 300, Docs: 1, Source: sourceHash(s)} }
	clusters := func(add2 func(add func(PairPassage))) [][]TextID {
		t.Helper()
		l, add := testLinker(t)
		// Story 1 on texts 1 and 2, story 2 on texts 3 and 4, words
		// 0-300 of each, each copy at another outlet.
		add(passage(1, 2, 0, 300, 0, 300, 3, info("A"), info("B")))
		add(passage(3, 4, 0, 300, 0, 300, 3, info("C"), info("D")))
		add2(add)
		var got [][]TextID
		err := l.Components(func(c *Component) error {
			got = append(got, slices.Clone(c.Texts))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	// A 16-word formula at words 100-116 of text 1 and 200-216 of
	// text 3, and again between texts 2 and 4.
	got := clusters(func(add func(PairPassage)) {
		add(passage(1, 3, 100, 116, 200, 216, 0, info("A"), info("C")))
		add(passage(2, 4, 100, 116, 200, 216, 0, info("B"), info("D")))
	})
	// Each formula passage is a cluster of its own: they share no text.
	want := [][]TextID{{1, 2}, {1, 3}, {2, 4}, {3, 4}}
	slices.SortFunc(got, slices.Compare)
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("formula: clusters %v, want %v: the two stories apart", got, want)
	}
	// Text 5 carries 80 words of story 1 (words 100-180 of text 1).
	got = clusters(func(add func(PairPassage)) {
		add(passage(1, 5, 100, 180, 0, 80, 0, info("A"), info("E")))
	})
	slices.SortFunc(got, slices.Compare)
	if len(got) != 2 || !slices.Equal(got[0], []TextID{1, 2, 5}) {
		t.Errorf("excerpt: clusters %v, want texts 1, 2 and 5 together", got)
	}
}

func TestLinkerDuplicateOnly(t *testing.T) {
	opts := Options{TempDir: t.TempDir()}
	l, err := NewLinker(&opts)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	l.AddText(5, TextInfo{Words: 10, Docs: 3})
	l.AddText(6, TextInfo{Words: 10, Docs: 1})
	var got [][]TextID
	l.Components(func(c *Component) error { got = append(got, slices.Clone(c.Texts)); return nil })
	if len(got) != 1 || !slices.Equal(got[0], []TextID{5}) {
		t.Errorf("components %v, want the duplicated text alone", got)
	}
}

// docText makes a text of n words "wK", each 5 bytes plus a space, with
// the words listed in swaps replaced.
func docText(n int, swaps map[int]string) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		if w, ok := swaps[i]; ok {
			b.WriteString(w)
		} else {
			fmt.Fprintf(&b, "w%04d", i)
		}
	}
	return b.String()
}

func TestBuildTree(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	info := TextInfo{Words: 100, Docs: 1}
	texts := map[TextID]*Text{
		1: {ID: 1, Text: docText(100, nil), Docs: []stemma.Doc{{ID: "a", Source: "X", Date: day(1)}}},
		2: {ID: 2, Text: docText(100, map[int]string{10: "bbbbb"}), Docs: []stemma.Doc{{ID: "b", Source: "Y", Date: day(2)}}},
		3: {ID: 3, Text: docText(100, map[int]string{10: "bbbbb", 50: "ccccc"}), Docs: []stemma.Doc{{ID: "c", Source: "Z", Date: day(3)}, {ID: "c2", Source: "Z", Date: day(4)}}},
		4: {ID: 4, Text: docText(100, map[int]string{10: "bbbbb", 50: "ccccc", 70: "ddddd"}), Docs: []stemma.Doc{{ID: "d", Source: "W"}}},
	}
	c := &Component{Texts: []TextID{1, 2, 3, 4}, Passages: []PairPassage{
		passage(1, 2, 0, 100, 0, 100, 1, info, info),
		passage(1, 3, 0, 100, 0, 100, 2, info, info),
		passage(2, 3, 0, 100, 0, 100, 1, info, info),
		passage(1, 4, 0, 100, 0, 100, 3, info, info),
		passage(2, 4, 0, 100, 0, 100, 2, info, info),
		passage(3, 4, 0, 100, 0, 100, 1, info, info),
	}}
	lookup := func(id TextID) (*Text, error) { return texts[id], nil }
	cl, err := Build(c, lookup)
	if err != nil {
		t.Fatal(err)
	}
	parents := map[string]string{}
	basis := map[string]Basis{}
	for _, m := range cl.Members {
		if m.Parent >= 0 {
			parents[m.Doc.ID] = cl.Members[m.Parent].Doc.ID
			basis[m.Doc.ID] = m.Basis
		}
	}
	want := map[string]string{"b": "a", "c": "b", "c2": "c", "d": "c"}
	if fmt.Sprint(parents) != fmt.Sprint(want) {
		t.Errorf("parents %v, want %v", parents, want)
	}
	if cl.Members[0].Doc.ID != "a" || basis["d"] != Undated || basis["c"] != Dated {
		t.Errorf("origin %s, bases %v", cl.Members[0].Doc.ID, basis)
	}
	if got := cl.Members[len(cl.Members)-1]; got.Doc.ID != "d" || got.Confidence >= 0.5 {
		t.Errorf("the undated member comes last with a halved confidence: %+v", got)
	}
	for _, m := range cl.Members {
		if m.Doc.ID == "c2" && (m.Similarity != 1 || m.Spin != (Spin{})) {
			t.Errorf("an exact duplicate's parent is its twin, similarity 1: %+v", m)
		}
	}
	if !slices.Equal(cl.Outlets, []string{"W", "X", "Y", "Z"}) || !cl.First.Equal(day(1)) || !cl.Last.Equal(day(4)) {
		t.Errorf("outlets %v, first %v, last %v", cl.Outlets, cl.First, cl.Last)
	}

	// The same component with its passages shuffled builds the same
	// cluster: the runners need not agree on order.
	rng := rand.New(rand.NewPCG(3, 4))
	rng.Shuffle(len(c.Passages), func(i, j int) { c.Passages[i], c.Passages[j] = c.Passages[j], c.Passages[i] })
	cl2, err := Build(c, lookup)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(cl2) != fmt.Sprint(cl) {
		t.Error("Build depends on the order of passages")
	}

	rows, err := cl.Rows(lookup)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := NewWriter(&buf, JSONL)
	if err := w.Write(rows); err != nil || w.Flush() != nil {
		t.Fatal(err)
	}
	var back []Row
	if err := ReadRows(&buf, func(r Row) error { back = append(back, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(back) != fmt.Sprint(rows) {
		t.Errorf("JSONL round trip changed the rows")
	}
	for _, r := range rows {
		if r.Text != texts[TextID(0)+textOf(r.ID)].Text[r.Begin:r.End] {
			t.Errorf("row %s: text is not the span's bytes", r.ID)
		}
	}
}

func textOf(id string) TextID {
	return map[string]TextID{"a": 1, "b": 2, "c": 3, "c2": 3, "d": 4}[id]
}

func TestBuildTrimsBoilerplate(t *testing.T) {
	// Two copies from outlet X share a header (words 0-10) with each
	// other but not with the original; the header must not make the
	// sibling look like the better parent.
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	info := TextInfo{Words: 110, Docs: 1}
	texts := map[TextID]*Text{
		1: {ID: 1, Text: docText(110, nil), Docs: []stemma.Doc{{ID: "root", Source: "Y", Date: day(1)}}},
		2: {ID: 2, Text: docText(110, map[int]string{20: "xxxxx"}), Docs: []stemma.Doc{{ID: "sib", Source: "X", Date: day(2)}}},
		3: {ID: 3, Text: docText(110, map[int]string{30: "yyyyy", 40: "zzzzz"}), Docs: []stemma.Doc{{ID: "kid", Source: "X", Date: day(3)}}},
	}
	c := &Component{Texts: []TextID{1, 2, 3}, Passages: []PairPassage{
		passage(1, 2, 10, 110, 10, 110, 1, info, info),
		passage(1, 3, 10, 110, 10, 110, 2, info, info),
		passage(2, 3, 0, 110, 0, 110, 3, info, info), // header included
	}, Trim: []Region{{Text: 2, T0: 0, T1: 10, Span: stemma.Span{Start: 0, End: 59}}, {Text: 3, T0: 0, T1: 10, Span: stemma.Span{Start: 0, End: 59}}}}
	cl, err := Build(c, func(id TextID) (*Text, error) { return texts[id], nil })
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range cl.Members {
		if m.Doc.ID == "kid" {
			if p := cl.Members[m.Parent].Doc.ID; p != "root" {
				t.Errorf("kid's parent %s, want root", p)
			}
			if m.Span.Start != 60 {
				t.Errorf("kid's span %v starts in the header", m.Span)
			}
		}
	}
}

// corpus is a small news corpus: a story, its reprints, boilerplate and
// bad records.
func corpus() []stemma.Doc {
	day := func(d, h int) time.Time { return time.Date(1987, 3, d, h, 0, 0, 0, time.UTC) }
	story := "The central bank raised its key lending rate by half a point on Tuesday, citing a surge in consumer prices over the winter months. " +
		"Economists had expected a smaller move, and bond yields climbed sharply after the announcement. " +
		"The governor told reporters that further increases could not be ruled out if inflation stayed high."
	other := "Floods swept through the northern valley overnight, cutting power to thousands of homes and closing the main highway. " +
		"Rescue teams worked through the night to reach villages that were cut off by the rising water. " +
		"Officials said it could take a week before roads are reopened and supplies reach the area."
	footer := "Copyright the Valley Courier. Subscribe today for unlimited access to all of our local reporting."
	var docs []stemma.Doc
	docs = append(docs,
		stemma.Doc{ID: "wire-1", Source: "wire", Date: day(3, 9), Text: story},
		stemma.Doc{ID: "paper-1", Source: "paper", Date: day(3, 15), Text: strings.Replace(story, "sharply", "steeply", 1)},
		stemma.Doc{ID: "paper-2", Source: "paper", Date: day(4, 8), Text: strings.Replace(strings.Replace(story, "sharply", "steeply", 1), "Tuesday", "Tuesday morning", 1)},
		stemma.Doc{ID: "blog-1", Source: "blog", Text: strings.Replace(story, "sharply", "steeply", 1)}, // undated exact duplicate of paper-1
		stemma.Doc{ID: "floods", Source: "wire", Date: day(5, 9), Text: other},
	)
	notes := []string{
		"The school board approved a new budget that adds two teachers and repairs the gymnasium roof before winter arrives.",
		"A local bakery won the regional bread contest for the third year running with its rye loaf and honey cake.",
		"Volunteers planted three hundred trees along the river path, finishing the project a month ahead of schedule.",
		"The library will extend its opening hours on weekends after a petition gathered more than a thousand signatures.",
		"Police reminded drivers that the bridge on Mill Street will close for maintenance from Monday until Friday.",
		"The football club signed a young goalkeeper from the academy, who made his debut in the cup match on Sunday.",
	}
	for i, n := range notes {
		docs = append(docs, stemma.Doc{ID: fmt.Sprintf("courier-%d", i), Source: "courier", Date: day(6+i, 10), Text: n + " " + footer})
	}
	docs = append(docs, stemma.Doc{ID: "huge", Source: "wire", Date: day(20, 1), Text: strings.Repeat(story+" ", 40)})
	return docs
}

func runCorpus(t *testing.T, docs []stemma.Doc, opts RunOptions) ([]Row, *Summary) {
	t.Helper()
	ix, err := index.Open("db", index.Options{FS: vfs.NewMem()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Add(docs...); err != nil {
		t.Fatal(err)
	}
	var rows []Row
	opts.Emit = func(r []Row) error { rows = append(rows, r...); return nil }
	if opts.WorkDir == "" {
		opts.WorkDir = t.TempDir()
	}
	sum, err := Run(context.Background(), ix, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rows, sum
}

func TestRun(t *testing.T) {
	rows, sum := runCorpus(t, corpus(), RunOptions{Options: Options{MaxWords: 1000}})
	byID := map[string]Row{}
	for _, r := range rows {
		if _, dup := byID[r.ID]; dup {
			t.Errorf("%s is in two clusters", r.ID)
		}
		byID[r.ID] = r
	}
	want := map[string]string{"wire-1": "", "paper-1": "wire-1", "paper-2": "paper-1", "blog-1": "paper-1"}
	for id, parent := range want {
		r, ok := byID[id]
		if !ok {
			t.Errorf("%s is in no cluster", id)
			continue
		}
		if r.Parent != parent || r.Cluster != byID["wire-1"].Cluster || r.Origin != "wire-1" || r.Size != 4 {
			t.Errorf("%s: parent %q cluster %d origin %s size %d; want parent %q in wire-1's cluster of 4", id, r.Parent, r.Cluster, r.Origin, r.Size, parent)
		}
	}
	if r := byID["blog-1"]; r.ParentBasis != Undated || r.Similarity != 1 {
		t.Errorf("blog-1, an undated exact duplicate: %+v", r)
	}
	if r := byID["paper-2"]; r.Date == "" || r.ParentBasis != Dated || r.Similarity >= 1 || r.Spin.Other == 0 && r.Similarity == 1 {
		t.Errorf("paper-2: %+v", r)
	}
	for id := range byID {
		if strings.HasPrefix(id, "courier") || id == "floods" {
			t.Errorf("%s is clustered; the courier footer is boilerplate and floods shares nothing", id)
		}
	}
	if sum.Link.BoilerplatePassages == 0 {
		t.Error("the footer of six courier notes is not boilerplate")
	}
	if sum.Skipped[SkipTooLong] != 1 {
		t.Errorf("skipped %v, want the huge document as too-long", sum.Skipped)
	}
	if sum.Documents != 12 || sum.Undated != 1 || sum.Clusters != 1 || sum.Members != 4 || sum.ClusteredDocs != 4 {
		t.Errorf("summary %+v", sum)
	}
	if len(sum.Copies) == 0 || sum.ReusedShare <= 0 {
		t.Errorf("no copy matrix or reuse in %+v", sum)
	}
	var text bytes.Buffer
	if err := sum.WriteText(&text); err != nil || !strings.Contains(text.String(), "Copy matrix") {
		t.Errorf("summary text: %v\n%s", err, text.String())
	}

	// Kept, the boilerplate is a cluster of its own, marked.
	rows, _ = runCorpus(t, corpus(), RunOptions{Options: Options{MaxWords: 1000, KeepBoilerplate: true}})
	n := 0
	for _, r := range rows {
		if r.Boilerplate {
			n++
			if !strings.HasPrefix(r.ID, "courier") || !strings.Contains(r.Text, "Subscribe today") {
				t.Errorf("boilerplate row %s %q", r.ID, r.Text)
			}
		}
	}
	if n != 6 {
		t.Errorf("%d boilerplate rows, want the six courier notes", n)
	}
}

func TestRunResumes(t *testing.T) {
	docs := corpus()
	want, _ := runCorpus(t, docs, RunOptions{})
	sortRows(want)
	// Interrupt at the start of the join, or of alignment, then run again
	// in the same work directory: the job resumes from its checkpoint (the
	// join, which keeps no checkpoint of its own, from the start) and
	// writes the same clusters.
	for _, stop := range []Phase{PhaseJoin, PhaseAlign} {
		work := t.TempDir()
		ix, err := index.Open("db", index.Options{FS: vfs.NewMem()})
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		if _, err := ix.Add(docs...); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		_, err = Run(ctx, ix, RunOptions{WorkDir: work, Progress: func(p Progress) {
			if p.Phase == stop {
				cancel()
			}
		}})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("run interrupted at %s: %v, want context.Canceled", stop, err)
		}
		var phases []Phase
		var got []Row
		_, err = Run(context.Background(), ix, RunOptions{WorkDir: work,
			Progress: func(p Progress) {
				if len(phases) == 0 || phases[len(phases)-1] != p.Phase {
					phases = append(phases, p.Phase)
				}
			},
			Emit: func(r []Row) error { got = append(got, r...); return nil }})
		if err != nil {
			t.Fatal(err)
		}
		if repeated := slices.Contains(phases, PhaseScan); repeated != (stop == PhaseJoin) {
			t.Errorf("interrupted at %s, the resumed run went through %v", stop, phases)
		}
		sortRows(got)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("interrupted at %s, the resumed run wrote other clusters:\n%v\nwant\n%v", stop, got, want)
		}
	}
}

func sortRows(rows []Row) {
	slices.SortFunc(rows, func(a, b Row) int {
		if c := cmp.Compare(a.Cluster, b.Cluster); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

func FuzzReadRows(f *testing.F) {
	f.Add([]byte(`{"cluster":1,"size":2,"uid":3,"id":"a","series":"x","begin":0,"end":4,"text":"abcd","origin":"a","outlets":["x"],"similarity":0,"containment":0,"confidence":0,"spin":{"synonyms":0,"entities":0,"spelling":0,"other":0,"spun":false}}` + "\n"))
	f.Add([]byte("{\"begin\": 5, \"end\": 2}\n"))
	f.Add([]byte("not json\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var rows []Row
		err := ReadRows(bytes.NewReader(b), func(r Row) error { rows = append(rows, r); return nil })
		if err != nil {
			if !errors.Is(err, ErrRow) {
				t.Fatalf("error %v does not wrap ErrRow", err)
			}
			return
		}
		// What was read writes and reads back the same.
		var buf bytes.Buffer
		w := NewWriter(&buf, JSONL)
		if err := w.Write(rows); err != nil || w.Flush() != nil {
			t.Fatal(err)
		}
		var back []Row
		if err := ReadRows(&buf, func(r Row) error { back = append(back, r); return nil }); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(back) != fmt.Sprint(rows) {
			t.Fatalf("round trip changed rows:\n%v\n%v", rows, back)
		}
	})
}

// TestRunParaphrase: a farm's rewrite of the wire story keeps its facts and
// few of its word runs. Only the paraphrase option puts it in the story's
// cluster, with the story as its parent.
func TestRunParaphrase(t *testing.T) {
	docs := corpus()
	rewrite := "On Tuesday the central bank lifted its main lending rate by half a point, pointing to a jump in consumer prices during the winter months. " +
		"A smaller step had been expected by economists, and after the announcement bond yields rose steeply. " +
		"Further rises could not be excluded should inflation remain high, the governor said to reporters."
	docs = append(docs, stemma.Doc{ID: "farm-1", Source: "farm", Date: docs[0].Date.Add(30 * time.Minute), Text: rewrite})
	for _, paraphrase := range []bool{false, true} {
		opts := RunOptions{Options: Options{MaxWords: 1000}}
		opts.Align.Paraphrase = paraphrase
		rows, _ := runCorpus(t, docs, opts)
		var farm, wire *Row
		for i := range rows {
			switch rows[i].ID {
			case "farm-1":
				farm = &rows[i]
			case "wire-1":
				wire = &rows[i]
			}
		}
		if wire == nil {
			t.Fatalf("paraphrase=%v: wire-1 is in no cluster", paraphrase)
		}
		switch {
		case !paraphrase && farm != nil:
			t.Errorf("without paraphrase, the rewrite is clustered: %+v", *farm)
		case paraphrase && farm == nil:
			t.Error("with paraphrase, the rewrite is in no cluster")
		case paraphrase && (farm.Cluster != wire.Cluster || farm.Parent != "wire-1" || farm.Origin != "wire-1"):
			t.Errorf("with paraphrase, the rewrite: cluster %d parent %q origin %q; want wire-1's cluster %d, parent and origin wire-1",
				farm.Cluster, farm.Parent, farm.Origin, wire.Cluster)
		}
	}
}

// TestRunMemory runs the same job on Reuters stories within 16 MiB and
// within 1 GiB: the small budget makes every sort spill, and the clusters
// must not change.
func TestRunMemory(t *testing.T) {
	if raceEnabled {
		t.Skip("a whole corpus under the race detector")
	}
	r, err := ingest.NewReader([]string{testdata.Path(t, "reuters-21578.jsonl.gz")}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var docs []stemma.Doc
	for rec, ok := r.Next(); ok && len(docs) < 4000; rec, ok = r.Next() {
		docs = append(docs, rec.Doc)
	}
	// The grams alone overflow the small budget's buffers.
	p := NewPreparer(&Options{})
	grams := 0
	for _, d := range docs {
		grams += len(p.Prepare(IDOf(d.Text), d.Text).Grams)
	}
	if limit := minBuffers * 3 / 5 / int(unsafe.Sizeof(gram{})); grams < 2*limit {
		t.Fatalf("%d grams do not overflow the small budget's %d", grams, limit)
	}
	small, sumSmall := runCorpus(t, docs, RunOptions{Options: Options{MemoryMB: 16}})
	large, sumLarge := runCorpus(t, docs, RunOptions{Options: Options{MemoryMB: 1024}})
	if len(small) == 0 || sumSmall.Clusters < 50 {
		t.Fatalf("%d rows in %d clusters: too few to compare", len(small), sumSmall.Clusters)
	}
	sortRows(small)
	sortRows(large)
	if fmt.Sprint(small) != fmt.Sprint(large) {
		t.Errorf("16 MiB and 1 GiB wrote other clusters: %d and %d rows", len(small), len(large))
	}
	for _, sum := range []*Summary{sumSmall, sumLarge} {
		if len(sum.PhaseSeconds) != len(Phases) || sum.PhaseSeconds[PhaseAlign] <= 0 {
			t.Errorf("phase seconds %v, want the five phases, align timed", sum.PhaseSeconds)
		}
		var phases float64
		for _, s := range sum.PhaseSeconds {
			phases += s
		}
		if phases > sum.Seconds+0.01 {
			t.Errorf("phases took %.4f s, the whole job %.4f s", phases, sum.Seconds)
		}
		sum.Seconds, sum.PhaseSeconds = 0, nil
	}
	if fmt.Sprint(*sumSmall) != fmt.Sprint(*sumLarge) {
		t.Errorf("summaries differ:\n%+v\n%+v", *sumSmall, *sumLarge)
	}
}

func TestTextStore(t *testing.T) {
	name := t.TempDir() + "/texts.dat"
	s, err := createStore(name)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"Floods hit the north.", "", strings.Repeat("The minister said talks would resume. ", 300), "ü"}
	var offs []uint32
	for _, x := range texts {
		off, err := s.add(compressText(x))
		if err != nil {
			t.Fatal(err)
		}
		offs = append(offs, off)
	}
	if err := s.finish(); err != nil {
		t.Fatal(err)
	}
	for i, off := range offs {
		if got, err := s.text(off); err != nil || got != texts[i] {
			t.Errorf("text %d: %v, %.40q", i, err, got)
		}
	}
	s.close()
	// A record cut short is corrupt.
	if err := os.Truncate(name, int64(offs[2])*storeAlign+5); err != nil {
		t.Fatal(err)
	}
	s, err = openStore(name)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if _, err := s.text(offs[2]); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a truncated record: %v, want ErrCorrupt", err)
	}
}

// TestPairStemsInLanguage: with paraphrase alignment, a pair is aligned on
// its words stemmed in the language of its first text, as trace stems in
// the article's: a French rewording is one passage from "annonçait",
// which meets the story's "annoncé" only in French. Beam and the job on
// one machine build their texts alike (Preparer.Aligned), so they agree.
func TestPairStemsInLanguage(t *testing.T) {
	story, reworded := examples.FrenchStory, examples.FrenchRewording
	opts := &Options{}
	opts.Align.Paraphrase = true
	p := NewPreparer(opts)
	pr, err := NewPairer(opts)
	if err != nil {
		t.Fatal(err)
	}
	a, b := p.Aligned(IDOf(story), story), p.Aligned(IDOf(reworded), reworded)
	if a.Lang != "fr" || b.Lang != "fr" {
		t.Fatalf("languages %q and %q, want fr", a.Lang, b.Lang)
	}
	for _, tc := range []struct {
		lang, start string
	}{{"fr", "annonçait mardi"}, {"", "mardi qu'il"}} {
		a.Lang, b.Lang = tc.lang, tc.lang
		ps := pr.Pair(nil, a, b, TextInfo{}, TextInfo{})
		if len(ps) != 1 {
			t.Fatalf("language %q: %d passages, want 1", tc.lang, len(ps))
		}
		span := ps[0].SpanA
		if ps[0].A != IDOf(reworded) {
			span = ps[0].SpanB
		}
		if want := strings.Index(reworded, tc.start); span.Start != want {
			t.Errorf("language %q: the rewording's side starts at byte %d (%q…), want %d (%q)", tc.lang, span.Start, reworded[span.Start:span.Start+15], want, tc.start)
		}
	}
}
