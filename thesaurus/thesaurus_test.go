package thesaurus

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestSynonymPairs(t *testing.T) {
	th := Default()
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		// Real WordNet 3.0 synsets.
		{"international", "external", true},
		{"worldwide", "global", true},
		{"buy", "purchase", true},
		{"big", "large", true},
		{"levy", "impose", true},
		{"increase", "gain", true},
		{"increase", "rise", false},            // WordNet keeps them apart
		{"Russia", "Russian Federation", true}, // multi-word lemma, case-insensitive
		{"russian_federation", "RUSSIA", true}, // WordNet's underscore spelling
		{"united  states", "U.S.A.", true},     // runs of spaces
		{"interest rate", "rate of interest", true},
		// Inflections reach their base forms.
		{"levied", "imposed", true},
		{"rated", "valued", true},
		{"geese", "goose", false}, // same base, not synonyms of each other
		// Not synonyms.
		{"cocoa", "steel", false},
		{"international", "domestic", false},
		{"bank", "bank", false}, // a word is not its own synonym
		{"", "bank", false},
		{"xyzzy", "plugh", false},
	} {
		if got := th.AreSynonyms(tc.a, tc.b); got != tc.want {
			t.Errorf("AreSynonyms(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := th.AreSynonyms(tc.b, tc.a); got != tc.want {
			t.Errorf("AreSynonyms(%q, %q) = %v, want %v (not symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestSynonyms(t *testing.T) {
	th := Default()
	for _, tc := range []struct {
		word string
		has  []string
	}{
		{"international", []string{"external"}},
		{"worldwide", []string{"global", "world-wide"}},
		{"Russia", []string{"russian federation", "soviet union"}},
		{"russian federation", []string{"russia"}},
		{"purchase", []string{"buy"}},
	} {
		got := th.Synonyms(tc.word)
		for _, w := range tc.has {
			if !slices.Contains(got, w) {
				t.Errorf("Synonyms(%q) = %q, missing %q", tc.word, got, w)
			}
		}
		if slices.Contains(got, Key(tc.word)) {
			t.Errorf("Synonyms(%q) contains the word itself", tc.word)
		}
		if again := th.Synonyms(tc.word); !slices.Equal(got, again) {
			t.Errorf("Synonyms(%q) not deterministic: %q then %q", tc.word, got, again)
		}
	}
	if got := th.Synonyms("xyzzy"); len(got) != 0 {
		t.Errorf("Synonyms(unknown) = %q", got)
	}
	// The most common sense comes first: "buy" is a verb of purchase before
	// it is a noun ("a good buy").
	if got := th.Synonyms("buy"); len(got) == 0 || got[0] != "purchase" {
		t.Errorf("Synonyms(buy)[0] = %q, want purchase first", got)
	}
	if got := th.SynonymsPOS("buy", 'n'); !slices.Contains(got, "bargain") || slices.Contains(got, "purchase") {
		t.Errorf("SynonymsPOS(buy, n) = %q", got)
	}
}

func TestBaseForms(t *testing.T) {
	th := Default()
	for _, tc := range []struct {
		word string
		want string
	}{
		{"levied", "levy"}, {"geese", "goose"}, {"rates", "rate"}, {"imposed", "impose"},
		{"rising", "rise"}, {"companies", "company"}, {"rate", "rate"},
	} {
		if got := th.BaseForms(tc.word); !slices.Contains(got, tc.want) {
			t.Errorf("BaseForms(%q) = %q, want it to contain %q", tc.word, got, tc.want)
		}
	}
}

func TestVariants(t *testing.T) {
	th := Default()
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"Russia", "Russian Federation", true},
		{"U.S.", "US", true},
		{"u.s.", "United States of America", true},
		{"USA", "America", true},
		{"UK", "Great Britain", true},
		{"New York", "N.Y.", true},
		{"NY", "new york", true},
		{"EU", "European Union", true},
		{"Fed", "Federal Reserve", true},
		{"OPEC", "Organization of Petroleum Exporting Countries", true},
		{"FRG", "West Germany", true},
		{"Federal Republic of Germany", "Germany", true},
		{"Côte d’Ivoire", "Ivory Coast", true},
		{"Russia", "Soviet Union", false},
		{"UK", "US", false},
		{"New York", "New York City", false},
		{"Russia", "xyzzy", false},
		{"", "", false},
	} {
		if got := th.AreVariants(tc.a, tc.b); got != tc.want {
			t.Errorf("AreVariants(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	if got := th.Variants("Russia"); !slices.Equal(got, []string{"Russian Federation"}) {
		t.Errorf("Variants(Russia) = %q", got)
	}
	got := th.Variants("U.S.")
	if !slices.Contains(got, "United States") || slices.Contains(got, "US") || slices.Contains(got, "U.S.") {
		t.Errorf("Variants(U.S.) = %q: want United States and no spelling of U.S. itself", got)
	}
	// Federal Republic of Germany names two entities.
	got = th.Variants("federal republic of germany")
	if !slices.Contains(got, "Germany") || !slices.Contains(got, "West Germany") {
		t.Errorf("Variants(FRG long form) = %q", got)
	}
	if n := len(th.EntityGroups()); n < 50 {
		t.Errorf("%d entity groups, want at least 50", n)
	}
}

func TestIsStopword(t *testing.T) {
	for _, w := range []string{"the", "The", "of", "and", "which", "us"} {
		if !IsStopword(w) {
			t.Errorf("IsStopword(%q) = false", w)
		}
	}
	for _, w := range []string{"international", "said", "bank"} {
		if IsStopword(w) {
			t.Errorf("IsStopword(%q) = true", w)
		}
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"rate": "rate", "Rate": "rate", " interest  rate ": "interest rate",
		"russian_federation": "russian federation", "a\tb": "a b", "Côte": "côte",
		"Russian Federation": "russian federation", "Russian  Federation": "russian federation",
		"U.S.": "u.s.", "Rate ": "rate", " Rate": "rate", "RATE\n": "rate",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzKey: the fast paths of Key give what the general rule gives.
func FuzzKey(f *testing.F) {
	for _, s := range []string{"rate", "Rate", "Russian  Federation", " a", "a_b", "Côte", "A\tB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Key(s), slowKey(s); got != want {
			t.Errorf("Key(%q) = %q, slowKey gives %q", s, got, want)
		}
	})
}

// TestEmbeddedTable checks the table's size and its licence notice.
func TestEmbeddedTable(t *testing.T) {
	if len(embedded) > 2<<20 {
		t.Errorf("embedded table is %d bytes, budget 2 MiB", len(embedded))
	}
	if n := Default().Len(); n < 50000 {
		t.Errorf("embedded table has %d synsets, want every WordNet synset with 2+ lemmas (53,784)", n)
	}
	lic, err := os.ReadFile("LICENSE-WordNet")
	if err != nil || !bytes.Contains(lic, []byte("WordNet 3.0 Copyright 2006 by Princeton University")) {
		t.Errorf("LICENSE-WordNet missing or without the Princeton notice (err %v)", err)
	}
}

// TestTableRoundTrip writes the embedded thesaurus and reads it back.
func TestTableRoundTrip(t *testing.T) {
	def := Default()
	var buf bytes.Buffer
	if err := WriteTable(&buf, def, "test"); err != nil {
		t.Fatal(err)
	}
	th, err := parseTable(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if th.Len() != def.Len() || len(th.byLemma) != len(def.byLemma) || len(th.exc) != len(def.exc) {
		t.Fatalf("round trip: %d synsets, %d lemmas, %d exceptions; want %d, %d, %d",
			th.Len(), len(th.byLemma), len(th.exc), def.Len(), len(def.byLemma), len(def.exc))
	}
	for l, ids := range def.byLemma {
		if !slices.Equal(th.byLemma[l], ids) {
			t.Fatalf("round trip: lemma %q synsets %v, want %v", l, th.byLemma[l], ids)
		}
	}
}

func TestParseTableErrors(t *testing.T) {
	if _, err := parseTable(strings.NewReader("not gzip")); !errors.Is(err, ErrFormat) {
		t.Errorf("parseTable(garbage) = %v, want ErrFormat", err)
	}
}

// TestLoad reads WordNet from /usr/share/wordnet. It is skipped when the
// directory is missing, in CI too: stemma runs on the embedded table, and
// CI need not install wordnet-base.
func TestLoad(t *testing.T) {
	if _, err := os.Stat(DefaultDir + "/data.noun"); err != nil {
		t.Skipf("WordNet not installed in %s (apt-get install wordnet-base)", DefaultDir)
	}
	th, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	def := Default()
	if th.Len() != def.Len() {
		t.Errorf("Load: %d synsets, embedded table %d", th.Len(), def.Len())
	}
	for _, p := range [][2]string{{"international", "external"}, {"russia", "russian federation"}, {"levied", "imposed"}} {
		if !th.AreSynonyms(p[0], p[1]) {
			t.Errorf("Load: AreSynonyms(%q, %q) = false", p[0], p[1])
		}
	}
	// The embedded table is Load's output: the same synonyms in the same order.
	for _, w := range []string{"buy", "worldwide", "rate", "bank", "big", "said", "russia"} {
		a, b := th.Synonyms(w), def.Synonyms(w)
		if !slices.Equal(a, b) {
			t.Errorf("Synonyms(%q): Load %q, embedded %q", w, a, b)
		}
	}
	if !th.AreVariants("U.S.", "United States") {
		t.Error("Load: entity variants missing")
	}
	if _, err := Load(t.TempDir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(empty dir) = %v, want ErrNotExist", err)
	}
}

func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		if _, err := parseTable(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAreSynonyms(b *testing.B) {
	th := Default()
	for b.Loop() {
		th.AreSynonyms("international", "worldwide")
		th.AreSynonyms("levied", "imposed")
		// Most substitutions a trace classifies are not synonyms.
		th.AreSynonyms("rates", "tonnes")
	}
}

func BenchmarkAreVariants(b *testing.B) {
	th := Default()
	for b.Loop() {
		th.AreVariants("U.S.", "United States")
		th.AreVariants("rates", "tonnes")
	}
}
