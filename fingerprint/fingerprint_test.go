package fingerprint_test

import (
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stemmanews/stemma/fingerprint"
	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/tokenize"
)

// TestGramsPinned pins the gram hashes of one sentence. Indexes store these
// hashes: if they change, every existing index silently stops finding
// anything, so a change must come with a new index format version.
func TestGramsPinned(t *testing.T) {
	toks := tokenize.Tokens("The quick brown fox jumps over the lazy dog")
	want := []uint64{
		0xdac2cdfb07b0f8b4,
		0x1aa098e51d88363c,
		0x41dea5c9977d8c20,
		0x5a2c68b635f5355e,
		0x94b6a4c4ec0fe681,
	}
	if got := fingerprint.Grams(toks, 5, nil); !slices.Equal(got, want) {
		t.Errorf("Grams = %#x\nwant %#x", got, want)
	}
}

func TestGrams(t *testing.T) {
	toks := tokenize.Tokens("a b c d e f g")
	grams := fingerprint.Grams(toks, 5, nil)
	if len(grams) != 3 {
		t.Fatalf("7 words, n=5: %d grams, want 3", len(grams))
	}
	// grams[i] hashes words i..i+4, whatever text they come from.
	for i := range grams {
		sub := fingerprint.Grams(tokenize.Tokens("a b c d e f g")[i:i+5], 5, nil)
		if len(sub) != 1 || sub[0] != grams[i] {
			t.Errorf("gram %d differs from the gram of its own five words", i)
		}
	}
	// Terms, not bytes: case and punctuation do not change a gram.
	if g := fingerprint.Grams(tokenize.Tokens("A, B; C. D -- E!"), 5, nil); len(g) != 1 || g[0] != grams[0] {
		t.Errorf("gram of %q differs from the gram of %q", "A, B; C. D -- E!", "a b c d e")
	}
	// Order matters.
	if g := fingerprint.Grams(tokenize.Tokens("b a c d e"), 5, nil); g[0] == grams[0] {
		t.Errorf("gram of %q equals gram of %q", "b a c d e", "a b c d e")
	}
	// A text shorter than n words has one gram, of all its words.
	short := fingerprint.Grams(tokenize.Tokens("a b c"), 5, nil)
	if len(short) != 1 {
		t.Fatalf("3 words, n=5: %d grams, want 1", len(short))
	}
	if g := fingerprint.Grams(tokenize.Tokens("a b c"), 3, nil); g[0] != short[0] {
		t.Errorf("short text's gram differs from its 3-gram")
	}
	if g := fingerprint.Grams(nil, 5, nil); len(g) != 0 {
		t.Errorf("no words: %d grams", len(g))
	}
	// Grams appends to dst.
	if g := fingerprint.Grams(toks, 5, []uint64{42}); len(g) != 4 || g[0] != 42 || g[1] != grams[0] {
		t.Errorf("Grams did not append to dst: %v", g)
	}
}

func fp(hash uint64, pos int32) fingerprint.Fingerprint {
	return fingerprint.Fingerprint{Hash: hash, Pos: pos}
}

func TestWinnowKnown(t *testing.T) {
	for _, tc := range []struct {
		name   string
		grams  []uint64
		window int
		want   []fingerprint.Fingerprint
	}{
		{"empty", nil, 4, nil},
		{"shorter than window", []uint64{7, 3, 9}, 4, []fingerprint.Fingerprint{fp(3, 1)}},
		{"exactly one window", []uint64{7, 3, 9, 5}, 4, []fingerprint.Fingerprint{fp(3, 1)}},
		// Windows [5 3 7] [3 7 3] [7 3 9] [3 9 1] [9 1 4]: the rightmost
		// minimum is chosen, so the second 3 wins its tie.
		{"rightmost minimum", []uint64{5, 3, 7, 3, 9, 1, 4}, 3,
			[]fingerprint.Fingerprint{fp(3, 1), fp(3, 3), fp(1, 5)}},
		{"window 1 keeps every gram", []uint64{4, 4, 2}, 1,
			[]fingerprint.Fingerprint{fp(4, 0), fp(4, 1), fp(2, 2)}},
		{"all equal", []uint64{6, 6, 6, 6, 6}, 2,
			[]fingerprint.Fingerprint{fp(6, 1), fp(6, 2), fp(6, 3), fp(6, 4)}},
		{"increasing", []uint64{1, 2, 3, 4, 5, 6}, 3,
			[]fingerprint.Fingerprint{fp(1, 0), fp(2, 1), fp(3, 2), fp(4, 3)}},
		{"decreasing", []uint64{6, 5, 4, 3, 2, 1}, 3,
			[]fingerprint.Fingerprint{fp(4, 2), fp(3, 3), fp(2, 4), fp(1, 5)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := fingerprint.Winnow(tc.grams, tc.window, nil)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Winnow(%v, %d) = %v, want %v", tc.grams, tc.window, got, tc.want)
			}
		})
	}
}

// winnowRef is winnowing by its definition: the rightmost minimum of every
// window, each position recorded once.
func winnowRef(grams []uint64, w int) []fingerprint.Fingerprint {
	if len(grams) == 0 {
		return nil
	}
	w = min(w, len(grams))
	var out []fingerprint.Fingerprint
	for lo := 0; lo+w <= len(grams); lo++ {
		best := lo
		for i := lo + 1; i < lo+w; i++ {
			if grams[i] <= grams[best] {
				best = i
			}
		}
		if n := len(out); n == 0 || out[n-1].Pos != int32(best) {
			out = append(out, fp(grams[best], int32(best)))
		}
	}
	return out
}

// TestWinnowMatchesDefinition compares the incremental winnower with the
// definition on random hash sequences, with few distinct values so that
// ties are common.
func TestWinnowMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 5000 {
		grams := make([]uint64, rng.IntN(60))
		alphabet := uint64(1 + rng.IntN(10))
		if trial%2 == 0 {
			alphabet = 1 << 62
		}
		for i := range grams {
			grams[i] = rng.Uint64N(alphabet)
		}
		w := 1 + rng.IntN(12)
		got := fingerprint.Winnow(grams, w, nil)
		if want := winnowRef(grams, w); !slices.Equal(got, want) {
			t.Fatalf("Winnow(%v, %d)\n got %v\nwant %v", grams, w, got, want)
		}
	}
}

// randomTokens returns n tokens whose terms are drawn from a vocabulary of
// the given size (the offsets are irrelevant to fingerprints).
func randomTokens(rng *rand.Rand, n, vocab int) []tokenize.Token {
	toks := make([]tokenize.Token, n)
	for i := range toks {
		toks[i] = tokenize.Token{Start: int32(i), End: int32(i + 1), Term: uint64(rng.IntN(vocab)) * 0x9e3779b97f4a7c15}
	}
	return toks
}

func shareHash(a, b []fingerprint.Fingerprint) bool {
	hs := map[uint64]bool{}
	for _, f := range a {
		hs[f.Hash] = true
	}
	for _, f := range b {
		if hs[f.Hash] {
			return true
		}
	}
	return false
}

// TestWinnowGuarantee checks the promise the index is built on: two texts
// sharing a run of exactly N+Window-1 words share a fingerprint, whatever
// surrounds the run.
func TestWinnowGuarantee(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, o := range []fingerprint.Options{
		{}, // defaults
		{N: 1, Window: 1},
		{N: 3, Window: 8},
		{N: 8, Window: 2},
		{N: 5, Window: 16},
	} {
		o.EnsureDefaults()
		run := o.Guarantee()
		if run != o.N+o.Window-1 {
			t.Fatalf("%+v: Guarantee = %d, want %d", o, run, o.N+o.Window-1)
		}
		for trial := range 2000 {
			shared := randomTokens(rng, run, 1<<20)
			// Small vocabularies in the contexts make repeated words and
			// equal hashes around the run.
			vocab := []int{3, 50, 1 << 20}[trial%3]
			a := slices.Concat(randomTokens(rng, rng.IntN(40), vocab), shared, randomTokens(rng, rng.IntN(40), vocab))
			b := slices.Concat(randomTokens(rng, rng.IntN(40), vocab), shared, randomTokens(rng, rng.IntN(40), vocab))
			fa, _ := o.Text("en", a, nil, nil)
			fb, _ := o.Text("en", b, nil, nil)
			if !shareHash(fa, fb) {
				t.Fatalf("%+v trial %d: texts of %d and %d words share a run of %d words but no fingerprint",
					o, trial, len(a), len(b), run)
			}
		}
	}
}

// TestDensityReuters checks that the index stays about 2/(W+1) postings per
// word on real news text. The first 3,000 stories are plenty for the mean.
func TestDensityReuters(t *testing.T) {
	var o fingerprint.Options
	o.EnsureDefaults()
	var tz tokenize.Tokenizer
	var toks []tokenize.Token
	var fps []fingerprint.Fingerprint
	var buf []uint64
	words, prints := 0, 0
	for _, text := range reutersTexts(t, 3000) {
		toks = tz.Tokens(text, toks[:0])
		fps, buf = o.Text("en", toks, fps[:0], buf)
		words += len(toks)
		prints += len(fps)
	}
	density := float64(prints) / float64(words)
	t.Logf("%d fingerprints for %d words: density %.3f (2/(W+1) = %.3f)", prints, words, density, 2/float64(o.Window+1))
	if density < 0.3 || density > 0.5 {
		t.Errorf("density %.3f, want about %.2f (between 0.3 and 0.5)", density, 2/float64(o.Window+1))
	}
}

func TestOptions(t *testing.T) {
	var o fingerprint.Options
	o.EnsureDefaults()
	if o.N != fingerprint.DefaultN || o.Window != fingerprint.DefaultWindow {
		t.Errorf("defaults = %+v", o)
	}
	if err := o.Validate(); err != nil {
		t.Errorf("defaults do not validate: %v", err)
	}
	if g := o.Guarantee(); g != 8 {
		t.Errorf("default guarantee = %d words, want 8", g)
	}
	kept := fingerprint.Options{N: 7, Window: 3}
	kept.EnsureDefaults()
	if kept.N != 7 || kept.Window != 3 {
		t.Errorf("EnsureDefaults changed set fields: %+v", kept)
	}
	for _, tc := range []struct {
		o    fingerprint.Options
		want string
	}{
		{fingerprint.Options{N: 0, Window: 4}, "n-gram length 0"},
		{fingerprint.Options{N: -1, Window: 4}, "n-gram length -1"},
		{fingerprint.Options{N: 33, Window: 4}, "n-gram length 33"},
		{fingerprint.Options{N: 5, Window: 0}, "window 0"},
		{fingerprint.Options{N: 5, Window: 1025}, "window 1025"},
	} {
		err := tc.o.Validate()
		if !errors.Is(err, fingerprint.ErrOptions) {
			t.Errorf("%+v: Validate() = %v, want an error wrapping ErrOptions", tc.o, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %q does not name %q", tc.o, err, tc.want)
		}
	}
	for _, ok := range []fingerprint.Options{{N: 1, Window: 1}, {N: 32, Window: 1024}} {
		if err := ok.Validate(); err != nil {
			t.Errorf("%+v: %v", ok, err)
		}
	}
}

func FuzzWinnow(f *testing.F) {
	f.Add([]byte{5, 3, 7, 3, 9, 1, 4}, uint8(3))
	f.Add([]byte{}, uint8(4))
	f.Add([]byte{1, 1, 1, 1, 1, 1, 1, 1}, uint8(1))
	f.Add([]byte("the quick brown fox jumps over the lazy dog"), uint8(4))
	f.Fuzz(func(t *testing.T, data []byte, w uint8) {
		window := 1 + int(w)%32
		// Two bytes per gram, so ties are frequent.
		grams := make([]uint64, len(data)/2)
		for i := range grams {
			grams[i] = uint64(binary.BigEndian.Uint16(data[2*i:]))
		}
		got := fingerprint.Winnow(grams, window, nil)
		if want := winnowRef(grams, window); !slices.Equal(got, want) {
			t.Fatalf("Winnow(%v, %d)\n got %v\nwant %v", grams, window, got, want)
		}
		for i, f := range got {
			if f.Pos < 0 || int(f.Pos) >= len(grams) || grams[f.Pos] != f.Hash {
				t.Fatalf("fingerprint %d = %v does not point at its gram", i, f)
			}
			if i > 0 && f.Pos <= got[i-1].Pos {
				t.Fatalf("positions not increasing: %v", got)
			}
		}
		if len(grams) > 0 && len(got) == 0 {
			t.Fatalf("%d grams and no fingerprint", len(grams))
		}
	})
}

// reutersTexts reads the text of the first limit Reuters-21578 stories (all
// of them when limit is 0).
func reutersTexts(tb testing.TB, limit int) []string {
	tb.Helper()
	f, err := os.Open(testdata.Path(tb, "reuters-21578.jsonl.gz"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	dec := json.NewDecoder(zr)
	var out []string
	for limit == 0 || len(out) < limit {
		var s struct {
			Text string `json:"text"`
		}
		err := dec.Decode(&s)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			tb.Fatalf("Reuters record %d: %v", len(out)+1, err)
		}
		out = append(out, s.Text)
	}
	return out
}

func BenchmarkFingerprintReuters(b *testing.B) {
	texts := reutersTexts(b, 0)
	var tz tokenize.Tokenizer
	var n int64
	toks := make([][]tokenize.Token, len(texts))
	for i, s := range texts {
		toks[i] = tz.Tokens(s, nil)
		n += int64(len(s))
	}
	var o fingerprint.Options
	o.EnsureDefaults()
	var fps []fingerprint.Fingerprint
	var buf []uint64
	b.SetBytes(n)
	for b.Loop() {
		for _, t := range toks {
			fps, buf = o.Text("en", t, fps[:0], buf)
		}
	}
}

func BenchmarkSketchesReuters(b *testing.B) {
	texts := reutersTexts(b, 0)
	var tz tokenize.Tokenizer
	var n int64
	toks := make([][]tokenize.Token, len(texts))
	for i, s := range texts {
		toks[i] = tz.Tokens(s, nil)
		n += int64(len(s))
	}
	var fps []fingerprint.Fingerprint
	b.SetBytes(n)
	for b.Loop() {
		for i, t := range toks {
			fps = fingerprint.Sketches(texts[i], t, fingerprint.DefaultSketch, fps[:0])
		}
	}
}

// TestSketchPair checks that SketchPair gives the fingerprints Sketches
// makes, whatever the order of the two terms, and that SketchRank orders
// the sampled words.
func TestSketchPair(t *testing.T) {
	text := "Ministers approved budget."
	toks := tokenize.Tokens(text)
	got := fingerprint.Sketches(text, toks, 3, nil)
	if len(got) != 3 {
		t.Fatalf("%d sketches, want 3", len(got))
	}
	want := map[uint64]bool{}
	for i := range toks {
		for j := range toks {
			if i != j {
				want[fingerprint.SketchPair(toks[i].Term, toks[j].Term)] = true
			}
		}
	}
	if len(want) != 3 {
		t.Fatalf("SketchPair depends on the order of its terms: %d fingerprints for 3 pairs", len(want))
	}
	for _, f := range got {
		if !want[f.Hash] {
			t.Errorf("sketch %x is no SketchPair of the sentence's words", f.Hash)
		}
	}
	if the, _ := tokenize.Term("the"); fingerprint.IsSketchTerm(the) {
		t.Error("IsSketchTerm(the) = true, want false: a function word is never sampled")
	}
}

// TestCrossSketches checks that a sentence's cross-language sketch is the
// pairs of its content words' cross terms, so that a query that guesses
// the words' base forms ("президент", "налог") finds the inflected
// sentence; that function words are left out; and that each sentence
// has its own.
func TestCrossSketches(t *testing.T) {
	text := "Президента и налогов. Москва объявила в среду."
	got := fingerprint.CrossSketches(text, tokenize.Tokens(text), 3, "ru", nil)
	term := func(w string) uint64 {
		tt, ok := fingerprint.CrossTerm(w)
		if !ok {
			t.Fatalf("CrossTerm(%q): none", w)
		}
		return tt
	}
	want := []fingerprint.Fingerprint{
		{Hash: fingerprint.CrossPair(term("президент"), term("налог")), Pos: 0},
		{Hash: fingerprint.CrossPair(term("москва"), term("объявить")), Pos: 3},
		{Hash: fingerprint.CrossPair(term("Москва"), term("среду")), Pos: 3}, // a word of five letters keeps its ending: "среда" has another key
		{Hash: fingerprint.CrossPair(term("объявили"), term("среду")), Pos: 3},
	}
	key := func(f fingerprint.Fingerprint) string { return fmt.Sprint(f.Pos, f.Hash) }
	if !slices.Equal(sorted(got, key), sorted(want, key)) {
		t.Errorf("CrossSketches = %v, want %v", got, want)
	}
	if fingerprint.CrossPair(term("a1"), term("b2")) != fingerprint.CrossPair(term("b2"), term("a1")) {
		t.Error("CrossPair depends on the order of its terms")
	}
	if _, ok := fingerprint.CrossTerm("и"); ok {
		t.Error("CrossTerm of a one-letter word")
	}
	if n := len(fingerprint.CrossSketches(text, tokenize.Tokens(text), 0, "ru", nil)); n != 0 {
		t.Errorf("k = 0: %d sketches", n)
	}
}

func sorted[T any](xs []T, key func(T) string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, key(x))
	}
	slices.Sort(out)
	return out
}

func FuzzCrossSketches(f *testing.F) {
	for _, s := range []string{"Президента и налогов. Москва объявила в среду.", "Die Regierung kündigte an.", "東京. \xff\xfe 1.500", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := tokenize.Tokens(text)
		for _, code := range []string{"ru", "de", "zh"} {
			for _, fp := range fingerprint.CrossSketches(text, toks, 3, code, nil) {
				if fp.Pos < 0 || int(fp.Pos) >= len(toks) {
					t.Fatalf("sketch at token %d of %d", fp.Pos, len(toks))
				}
			}
		}
	})
}

// TestStopGramsByLanguage checks that a German text spun (every content
// word swapped) still shares stopword n-grams with its source when they
// are made of German function words (StopLang 1, the default), and shares
// none made of English ones, as indexes made before them had; an English
// text's are the same either way.
func TestStopGramsByLanguage(t *testing.T) {
	source := "Der Minister sagte am Montag, dass die Regierung in der Stadt mit dem Plan nicht zufrieden sei und sich für eine neue Lösung auf dem Markt einsetzen werde, die auch von den Bürgern bei der Wahl unterstützt wird."
	spun := "Der Ressortchef erklärte am Wochenbeginn, dass die Staatsführung in der Kommune mit dem Vorhaben nicht glücklich wäre und sich für eine frische Antwort auf dem Handelsplatz engagieren würde, die auch von den Einwohnern bei der Abstimmung getragen wird."
	shared := func(o fingerprint.Options, code, a, b string) int {
		o.EnsureDefaults()
		fa, _ := o.Text(code, tokenize.Tokens(a), nil, nil)
		in := map[uint64]bool{}
		for _, f := range fa {
			in[f.Hash] = true
		}
		n := 0
		for _, h := range o.Query(code, tokenize.Tokens(b), nil) {
			if in[h] {
				n++
			}
		}
		return n
	}
	if n := shared(fingerprint.Options{}, "de", source, spun); n == 0 {
		t.Error("German stopword grams: the spun copy shares none with its source")
	}
	if n := shared(fingerprint.Options{StopLang: -1}, "de", source, spun); n != 0 {
		t.Errorf("English stopword grams of a German text: %d shared, want none", n)
	}
	english := "The minister said on Monday that the government of the city was not happy with the plan and that it would work for a new answer, which is what the voters had asked for in the vote."
	for _, code := range []string{"en", ""} {
		a, _ := fingerprint.Options{StopLang: 1, N: 5, Window: 4, StopN: 8}.Text(code, tokenize.Tokens(english), nil, nil)
		b, _ := fingerprint.Options{N: 5, Window: 4, StopN: 8}.Text(code, tokenize.Tokens(english), nil, nil)
		if !slices.Equal(a, b) {
			t.Errorf("language %q: English text's fingerprints depend on StopLang", code)
		}
	}
}
