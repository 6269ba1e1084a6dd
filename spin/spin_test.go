package spin_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/freq"
	"github.com/stemmanews/stemma/spin"
	"github.com/stemmanews/stemma/tokenize"
)

// corpus counts texts, each repeated n times.
func corpus(texts map[string]int) *freq.Table {
	t := freq.NewTable()
	var c freq.Counter
	for s, n := range texts {
		counts := c.Count(s, tokenize.Tokens(s), nil)
		for range n {
			t.Add(counts, 1)
		}
	}
	return t
}

// finder finds tells in a corpus of any size.
func finder(t *testing.T) *spin.Finder {
	t.Helper()
	f, err := spin.New(spin.Options{MinCorpusWords: 1})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

type tell struct {
	kind       stemma.TellKind
	start, end int
	text       string
}

func tells(ts stemma.TextSpin) []tell {
	var out []tell
	for _, t := range ts.Tells {
		out = append(out, tell{t.Kind, t.Article.Start, t.Article.End, t.Text})
	}
	return out
}

func check(t *testing.T, f *spin.Finder, c freq.Frequencies, text string, want []tell) stemma.TextSpin {
	t.Helper()
	ts, err := f.Find(text, c)
	if err != nil {
		t.Fatal(err)
	}
	got := tells(ts)
	if len(got) != len(want) {
		t.Errorf("Find(%q) = %v, want %v", text, got, want)
		return ts
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("Find(%q)[%d] = %v, want %v", text, i, got[i], want[i])
		}
		if r := ts.Tells[i]; r.Reason == "" || text[r.Article.Start:r.Article.End] != r.Text {
			t.Errorf("Find(%q)[%d]: reason %q, text %q", text, i, r.Reason, r.Text)
		}
	}
	return ts
}

func TestArticleMismatch(t *testing.T) {
	f := finder(t)
	am := stemma.ArticleMismatch
	for _, tc := range []struct {
		text string
		want []tell
	}{
		{"He will seek an global summit on the crisis.", []tell{{am, 13, 22, "an global"}}},
		{"It is a international problem.", []tell{{am, 6, 21, "a international"}}},
		{"An worldwide meeting was held.", []tell{{am, 0, 12, "An worldwide"}}},
		{"They signed a\n  accord.", []tell{{am, 12, 22, "a\n  accord"}}},
		{"Officials said an United States envoy would go.", []tell{{am, 15, 24, "an United"}}},
		// Real English that a naive rule would flag.
		{"It was a one-off payment, an hour late, by an honest broker.", nil},
		{"A European official met a union leader and a US official.", nil},
		{"An MP, an FBI agent and a U.S. senator spoke to a NATO envoy.", nil},
		{"An 18-year-old won a 1987 award and an 8 pct stake.", nil},
		{"Shares of Class A and grade A bonds; A and B agreed.", nil},
		{"AN INTERNATIONAL ACCORD IS SIGNED", nil},
		{`It was a "historic" deal and an (unusual) one.`, nil},
		{"An historic day, an hotel, a unanimous vote and an unusual one.", nil},
		{"An Post said a user and a user-friendly app.", nil},
		{"It is an mRNA vaccine from an iPhone maker.", nil},
		{"a", nil},
		{"", nil},
	} {
		check(t, f, nil, tc.text, tc.want)
	}
}

func TestArticleMismatchCorpusOverrules(t *testing.T) {
	f := finder(t)
	text := "It was an historic day and an global one."
	// British usage in the corpus: "an historic" is no tell, and never
	// was; "an global" stays one, with the corpus's figures in its reason.
	c := corpus(map[string]int{"It was an historic day.": 5, "It was a global day.": 7})
	ts := check(t, f, c, text, []tell{{stemma.ArticleMismatch, 27, 36, "an global"}})
	if r := ts.Tells[0].Reason; !strings.Contains(r, `"a global" 7 times`) || !strings.Contains(r, `"an global" never`) {
		t.Errorf("reason %q does not give the corpus's figures", r)
	}
	// A corpus that writes "an global" often enough accepts it.
	c = corpus(map[string]int{"It was an global day.": 3, "It was a global day.": 7})
	check(t, f, c, text, nil)
}

func TestEntityVariant(t *testing.T) {
	f := finder(t)
	c := corpus(map[string]int{
		"The U.S. position on trade is firm, the U.S. said.": 30,
		"The United States said so.":                         5,
		"Russia says it will talk in New York.":              25,
	})
	ev := stemma.EntityVariant
	for _, tc := range []struct {
		text string
		want []tell
	}{
		{"Officials said the USA position is firm.", []tell{{ev, 19, 22, "USA"}}},
		{"The Russian Federation says it will talk.", []tell{{ev, 4, 22, "Russian Federation"}}},
		{"The U.S.A. position and the NY talks.", []tell{{ev, 4, 10, "U.S.A."}, {ev, 28, 30, "NY"}}},
		// Forms the corpus writes, and names in capitals or in longer names.
		{"The United States and the U.S. said so in New York.", nil},
		{"THE USA POSITION IS FIRM", nil},
		{"He reads USA Today.", nil},
	} {
		check(t, f, c, tc.text, tc.want)
	}
	// A corpus too small to learn from gives no entity tells.
	small, err := spin.New(spin.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := check(t, small, c, "Officials said the USA position is firm.", nil)
	if !strings.Contains(ts.Explanation, "too few") {
		t.Errorf("explanation %q does not say the corpus is too small", ts.Explanation)
	}
}

func TestRareSynonym(t *testing.T) {
	f := finder(t)
	c := corpus(map[string]int{
		"Oil prices rose on the world market.": 15,
		"The exchange rate fell.":              12,
		"They bought worldwide rights.":        1,
	})
	rs := stemma.RareSynonym
	for _, tc := range []struct {
		text string
		want []tell
	}{
		{"Oil prices rose on the worldwide market.", []tell{{rs, 23, 32, "worldwide"}}},
		{"The exchange value fell.", []tell{{rs, 13, 18, "value"}}},
		// Seen in its context: no tell.
		{"They bought worldwide rights.", nil},
		// Punctuation on both sides: no context, no tell.
		{"Oil prices rose on the market, worldwide.", nil},
		// Capitals: a name or a headline.
		{"OIL PRICES ROSE ON THE WORLDWIDE MARKET", nil},
	} {
		ts := check(t, f, c, tc.text, tc.want)
		if len(tc.want) > 0 && len(ts.Tells) > 0 && !strings.Contains(ts.Tells[0].Reason, "synonym") {
			t.Errorf("reason %q does not name the synonym", ts.Tells[0].Reason)
		}
	}
}

func TestScore(t *testing.T) {
	f := finder(t)
	c := corpus(map[string]int{"Oil prices rose on the world market.": 15, "The exchange rate fell.": 12})
	ts, err := f.Find("Oil prices rose on the worldwide market. The exchange value fell. It was an global summit.", c)
	if err != nil {
		t.Fatal(err)
	}
	// 3 marked words in 16: 187.5 per 1,000, over the default threshold.
	if ts.RareSynonyms != 2 || ts.ArticleMismatches != 1 || ts.Marked != 3 || !ts.Spun || ts.Score != 187.5 {
		t.Errorf("Find = %+v", ts)
	}
	if ts.Threshold != spin.DefaultThreshold || ts.MinTells != spin.DefaultMinTells || ts.CorpusWords != c.CountedWords() {
		t.Errorf("Find reports threshold %v, min tells %d, corpus %d", ts.Threshold, ts.MinTells, ts.CorpusWords)
	}
	one, _ := f.Find("It was an global summit.", nil)
	if one.Spun || len(one.Tells) != 1 {
		t.Errorf("one tell made %+v", one)
	}
}

func TestOptionsValidate(t *testing.T) {
	if _, err := spin.New(spin.Options{Threshold: -1}); err == nil {
		t.Error("a negative threshold is accepted")
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"He will seek an global summit; the Russian Federation says the USA position is firm.",
		"Oil prices rose on the worldwide market. A European, an hour, an 18-year-old.",
		"AN INTERNATIONAL ACCORD\n\nan \xff global",
		"a",
	} {
		f.Add(s)
	}
	c := corpus(map[string]int{
		"Oil prices rose on the world market. The U.S. and Russia talk in New York.": 20,
		"It was a global summit and an international one.":                           20,
	})
	fd, err := spin.New(spin.Options{MinCorpusWords: 1})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ts, err := fd.Find(text, c)
		if err != nil {
			t.Fatal(err)
		}
		valid := utf8.ValidString(text)
		for _, tl := range ts.Tells {
			s, e := tl.Article.Start, tl.Article.End
			if s < 0 || e > len(text) || s >= e {
				t.Fatalf("Find(%q): tell %v outside the text", text, tl)
			}
			// On valid UTF-8 (what ingest lets in), a tell starts and ends
			// on character boundaries.
			if valid && (!utf8.RuneStart(text[s]) || e < len(text) && !utf8.RuneStart(text[e])) {
				t.Fatalf("Find(%q): tell %v not on character boundaries", text, tl)
			}
			if text[s:e] != tl.Text || tl.Reason == "" || tl.Kind == "" {
				t.Fatalf("Find(%q): tell %+v", text, tl)
			}
		}
		if ts.Score < 0 || ts.Spun && len(ts.Tells) < ts.MinTells {
			t.Fatalf("Find(%q) = %+v", text, ts)
		}
	})
}

func TestExplanationSmallCorpus(t *testing.T) {
	f, err := spin.New(spin.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := f.Find("It was an global summit.", corpus(map[string]int{"A global summit.": 1000}))
	if err != nil {
		t.Fatal(err)
	}
	want := "the index has counted 3,000 words, too few to learn which names and words news uses (it needs 250,000)"
	if !strings.Contains(ts.Explanation, want) {
		t.Errorf("explanation %q lacks %q", ts.Explanation, want)
	}
}

func TestLinkLinesAreNotProse(t *testing.T) {
	f := finder(t)
	c := corpus(map[string]int{"Oil prices rose on the world market.": 15})
	check(t, f, c, "Oil prices rose.\n\nRead more on the worldwide market: https://example.com/oil", nil)
	check(t, f, c, "Read more on the worldwide market at www.example.com today.", nil)
	check(t, f, c, "Read more on the worldwide market.", []tell{{stemma.RareSynonym, 17, 26, "worldwide"}})
}
