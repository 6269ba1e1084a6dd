package freq_test

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/stemmanews/stemma/freq"
	"github.com/stemmanews/stemma/tokenize"
)

type name struct {
	name string
	text string // the words it covers in the text
}

func names(text string) []name {
	toks := tokenize.Tokens(text)
	var out []name
	freq.Names(text, toks, func(n string, first, last int) {
		out = append(out, name{n, text[toks[first].Start:toks[last].End]})
	})
	return out
}

func TestNames(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []name
	}{
		{"The Russian Federation says it will talk.", []name{{"Russian Federation", "Russian Federation"}}},
		{"the USA position and the U.S. position", []name{{"USA", "USA"}, {"U.S.", "U.S"}}},
		{"talks in the\nRussian   Federation", []name{{"Russian Federation", "Russian   Federation"}}},
		// Case counts: "us" is a pronoun, "Us" nothing.
		{"Tell us about it. Us too.", nil},
		// The longest name wins.
		{"shares on the New York Stock Exchange rose", []name{{"New York Stock Exchange", "New York Stock Exchange"}}},
		// Inside a longer name: capitalised word before or after.
		{"growth in Latin America slowed", nil},
		{"read USA Today and the New York Times", nil},
		{"the Bank of America said", []name{{"America", "America"}}},
		// A stopword before is no name: "In", "The".
		{"In Russia, prices rose.", []name{{"Russia", "Russia"}}},
		// Capitals: a headline or dateline.
		{"US AND UK AGREE ON TRADE", nil},
		{"NEW YORK, March 3 - Stocks rose.", nil},
		// "U.S" without its dot is not "U.S.".
		{"the U.S", nil},
		{"Washington, D.C. is", []name{{"Washington, D.C.", "Washington, D.C"}}},
	} {
		got := names(tc.text)
		if len(got) != len(tc.want) {
			t.Errorf("Names(%q) = %q, want %q", tc.text, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("Names(%q)[%d] = %q, want %q", tc.text, i, got[i], tc.want[i])
			}
		}
	}
}

func TestCount(t *testing.T) {
	text := "The exchange rate, the EXCHANGE RATE and 5 pct: the U.S. exchange-rate."
	var c freq.Counter
	counts := c.Count(text, tokenize.Tokens(text), nil)
	tab := freq.NewTable()
	tab.Add(counts, 1)
	for _, tc := range []struct {
		key  freq.Key
		want int64
		what string
	}{
		{freq.TotalWords, 13, "words"},
		{freq.TotalTexts, 1, "texts"},
		{freq.Word("exchange"), 3, "exchange"},
		{freq.Pair("exchange", "rate"), 1, "exchange rate (a pair of capitalised words and one across a hyphen are not counted)"},
		{freq.Pair("the", "exchange"), 2, "the exchange"},
		{freq.Pair("rate", "the"), 0, "across a comma"},
		{freq.Word("5"), 0, "a number"},
		{freq.Pair("and", "5"), 0, "a pair with a number"},
		{freq.Pair("5", "pct"), 0, "a pair with a number"},
		{freq.Name("U.S."), 1, "U.S."},
		{freq.Name("US"), 0, "US"},
	} {
		n := make([]int64, 1)
		tab.TermCounts([]freq.Key{tc.key}, n)
		if n[0] != tc.want {
			t.Errorf("count of %s = %d, want %d", tc.what, n[0], tc.want)
		}
	}
	// Taken out again, nothing is left.
	tab.Add(counts, -1)
	if tab.Len() != 0 || tab.CountedWords() != 0 {
		t.Errorf("after Add(-1): %d terms, %d words", tab.Len(), tab.CountedWords())
	}
}

func TestWithout(t *testing.T) {
	var c freq.Counter
	count := func(s string) []freq.Count { return c.Count(s, tokenize.Tokens(s), nil) }
	tab := freq.NewTable()
	tab.Add(count("an exchange rate"), 1)
	tab.Add(count("the exchange rate"), 1)
	terms := func(s string) freq.Terms { return c.Terms(s, tokenize.Tokens(s)) }
	w := freq.Without(tab, terms("the exchange rate"), terms("the exchange rate"))
	n := make([]int64, 2)
	if err := w.TermCounts([]freq.Key{freq.Pair("exchange", "rate"), freq.Word("the")}, n); err != nil {
		t.Fatal(err)
	}
	if n[0] != 0 || n[1] != 0 || w.CountedWords() != 0 {
		t.Errorf("Without: counts %v, %d words; want none left", n, w.CountedWords())
	}
	// One text out of two: its terms and totals only, for repeated keys
	// too.
	w = freq.Without(tab, terms("the exchange rate"))
	keys := []freq.Key{freq.Pair("exchange", "rate"), freq.Word("the"), freq.Word("an"), freq.Word("the"), freq.TotalTexts, freq.TotalWords}
	n = make([]int64, len(keys))
	if err := w.TermCounts(keys, n); err != nil {
		t.Fatal(err)
	}
	if want := []int64{1, 0, 1, 0, 1, 3}; !slices.Equal(n, want) || w.CountedWords() != 3 {
		t.Errorf("Without one text: counts %v, %d words; want %v, 3", n, w.CountedWords(), want)
	}
	if freq.Without(tab) != freq.Frequencies(tab) {
		t.Error("Without nothing is not the corpus itself")
	}
}

func FuzzCount(f *testing.F) {
	for _, s := range []string{
		"The Russian Federation says the USA position is firm.",
		"NEW YORK, March 3 - the U.S. dollar",
		"Washington, D.C.",
		"an \xff\xfe U.S",
		"People's Republic of China",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := tokenize.Tokens(text)
		var c freq.Counter
		counts := c.Count(text, toks, nil)
		if len(counts) < 2 || counts[0].Key != freq.TotalWords || int(counts[0].N) != len(toks) {
			t.Fatalf("Count(%q) totals %v", text, counts[:min(2, len(counts))])
		}
		for i := 3; i < len(counts); i++ {
			if counts[i].Key <= counts[i-1].Key {
				t.Fatalf("Count(%q) not sorted at %d", text, i)
			}
		}
		freq.Names(text, toks, func(n string, first, last int) {
			if first < 0 || last < first || last >= len(toks) {
				t.Fatalf("Names(%q): tokens %d..%d of %d", text, first, last, len(toks))
			}
			// The name begins with the first word it covers; its spacing
			// and punctuation are the entity's own ("Washington,D.C" is
			// named "Washington, D.C.").
			got := text[toks[first].Start:toks[last].End]
			nt := tokenize.Tokens(n)
			if !utf8.ValidString(got) && utf8.ValidString(text) || len(nt) == 0 || n[nt[0].Start:nt[0].End] != text[toks[first].Start:toks[first].End] {
				t.Fatalf("Names(%q) = %q over %q", text, n, got)
			}
		})
	})
}
