package translate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync"

	"github.com/kljensen/snowball/english"

	"github.com/klauspost/compress/gzip"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/fingerprint"
	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/lang"
	"github.com/stemmanews/stemma/tokenize"
	"slices"
	"strings"
	"testing"
)

func loadTiny(t testing.TB) *Dictionary {
	t.Helper()
	d, err := LoadFiles("de", "testdata/tiny-deu-eng", "testdata/tiny-eng-deu")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestLoadDictd(t *testing.T) {
	d := loadTiny(t)
	for word, want := range map[string][]string{
		"Haus":         {"hous", "home"},
		"haus":         {"hous", "home"},
		"Regierung":    {"govern", "administr"},
		"kündigen":     {"announc", "give", "notic"},
		"ankündigen":   {"announc"}, // read backwards from English–German
		"bekanntgeben": {"announc"},
		"Häusern":      nil,
		"Gebäude":      nil, // a synonym line, not a translation
	} {
		if got := d.Lookup(word); !slices.Equal(got, want) {
			t.Errorf("Lookup(%q) = %q, want %q", word, got, want)
		}
	}
	if got := d.Words("Regierung"); !slices.Equal(got, []string{"government", "administration"}) {
		t.Errorf("Words(Regierung) = %q", got)
	}
	if d.Len() != 5 {
		t.Errorf("Len = %d, want 5 (Haus, Regierung, kündigen, ankündigen, bekanntgeben)", d.Len())
	}
}

func TestLoadDictdErrors(t *testing.T) {
	body := "Haus\nhouse\n"
	for _, c := range []struct{ index, want string }{
		{"Haus\tA\n", "x.index:1: 2 fields"},
		{"Haus\tA\tK\nHof\tZ\tB\n", "x.index:2: span"},
		{"Haus\tA\t!\n", "x.index:1: span"},
	} {
		_, err := LoadDictd(strings.NewReader(c.index), strings.NewReader(body), "x", "de", false)
		if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("index %q: error %v, want %q", c.index, err, c.want)
		}
	}
	if _, err := ForLanguage("xx"); !errors.Is(err, ErrNoDictionary) {
		t.Errorf("ForLanguage(xx): %v, want ErrNoDictionary", err)
	}
}

func TestLoadWordList(t *testing.T) {
	d, err := LoadWordList(strings.NewReader("правительство\tgovernment\nвыборы\telection; poll\n"), "x.tsv", "ru")
	if err != nil {
		t.Fatal(err)
	}
	for word, want := range map[string][]string{
		"правительство":     {"govern"},
		"правительства":     {"govern"}, // genitive: found by its Snowball stem
		"Выборы":            {"elect", "poll"},
		"выборах":           {"elect", "poll"},
		"правительственный": nil,
	} {
		if got := d.Lookup(word); !slices.Equal(got, want) {
			t.Errorf("Lookup(%q) = %q, want %q", word, got, want)
		}
	}
	for _, c := range []struct{ list, want string }{
		{"a\tb\nno tab here\n", "x.tsv:2: want"},
		{"a\tb\n\tb\n", "x.tsv:2: want"},
		{"a\t \n", "x.tsv:1: want"},
		{"a\tb\nc\xff\td\n", "x.tsv:2: invalid UTF-8"},
	} {
		_, err := LoadWordList(strings.NewReader(c.list), "x.tsv", "ru")
		if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("list %q: error %v, want %q", c.list, err, c.want)
		}
	}
}

// TestShippedWordLists reads the word lists stemma ships: each loads, is
// as large as its sources, and translates the words of a news story,
// inflected as a text writes them.
func TestShippedWordLists(t *testing.T) {
	for _, c := range []struct {
		code  string
		min   int
		words map[string]string
	}{
		{"es", 35000, map[string]string{"gobierno": "govern", "impuestos": "tax", "anunció": "announc", "hospitales": "hospit"}},
		{"fr", 45000, map[string]string{"gouvernement": "govern", "élections": "elect", "annoncé": "announc", "impôts": "tax"}},
		{"ru", 55000, map[string]string{"правительства": "govern", "выборах": "elect", "заявил": "declar", "налоги": "tax"}},
		{"it", 80000, map[string]string{"governo": "govern", "elezioni": "elect", "ospedali": "hospit", "tasse": "tax"}},
		{"pt", 35000, map[string]string{"governo": "govern", "eleições": "elect", "anunciou": "announc", "impostos": "tax"}},
		{"nl", 25000, map[string]string{"regeringen": "govern", "verkiezingen": "elect", "scholen": "school", "belasting": "tax"}},
		{"pl", 17000, map[string]string{"rządu": "govern", "wyborach": "elect", "szpitalach": "hospit", "szkoły": "school"}},
	} {
		gz := WordList(c.code)
		if gz == nil {
			t.Fatalf("%s: no word list shipped", c.code)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		d, err := LoadWordList(zr, c.code, c.code)
		if err != nil {
			t.Fatal(err)
		}
		if d.Len() < c.min {
			t.Errorf("%s: %d keys, want at least %d", c.code, d.Len(), c.min)
		}
		for word, stem := range c.words {
			if got := d.Lookup(word); !slices.Contains(got, stem) {
				t.Errorf("%s: Lookup(%q) = %q, want it to hold %q", c.code, word, got, stem)
			}
		}
	}
	if WordList("de") != nil || WordList("../lists/es") != nil {
		t.Error("WordList returned a list stemma does not ship")
	}
}

// TestEnglishStemCache stems more words than the cache has slots, from
// goroutines at once: every stem is the stemmer's own.
func TestEnglishStemCache(t *testing.T) {
	words := make([]string, 0, 3*len(stems))
	for i := range cap(words) {
		words = append(words, fmt.Sprintf("Govern%sing", strconv.FormatInt(int64(i), 36)))
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < len(words); i += 2 {
				w := words[i%len(words)]
				if got, want := EnglishStem(w), english.Stem(Key(w), false); got != want {
					t.Errorf("EnglishStem(%q) = %q, want %q", w, got, want)
					return
				}
			}
		})
	}
	wg.Wait()
	for w, want := range map[string]string{"Président": "president", "Обама": "obama", "ASCII": "ascii", "Straße": "strasse"} {
		if got := lang.Fold(w); got != want {
			t.Errorf("lang.Fold(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestPreload reads the shipped word lists' languages ahead of use, and
// stops at once when its context has ended.
func TestPreload(t *testing.T) {
	langs := Languages()
	for _, code := range []string{"es", "fr", "ru"} {
		if !slices.Contains(langs, code) {
			t.Errorf("Languages() = %q, want it to hold %s (a shipped word list)", langs, code)
		}
	}
	if got := Preload(context.Background(), "ru", "xx"); !slices.Equal(got, []string{"ru"}) {
		t.Errorf("Preload(ru, xx) = %q, want [ru]", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := Preload(ctx, "es"); len(got) != 0 {
		t.Errorf("Preload with an ended context read %q", got)
	}
}

func TestInvariantKeys(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"Стэнфордского", "Stanford"},
		{"économie", "economy"},
		{"1.500", "1,500"},
		{"Präsidentin", "President"},
	} {
		ka, kb := invariantKeys(c.a, nil), invariantKeys(c.b, nil)
		if !slices.ContainsFunc(ka, func(k string) bool { return slices.Contains(kb, k) }) {
			t.Errorf("%q %q share no key: %q %q", c.a, c.b, ka, kb)
		}
	}
	if ka, kb := invariantKeys("Hund", nil), invariantKeys("dog", nil); slices.ContainsFunc(ka, func(k string) bool { return slices.Contains(kb, k) }) {
		t.Errorf("Hund and dog share a key: %q %q", ka, kb)
	}
}

// installed returns the installed dictionary for code, failing under CI
// when it is missing.
func installed(t *testing.T, code string) *Dictionary {
	t.Helper()
	d, err := ForLanguage(code)
	if err != nil {
		testdata.Missing(t, "%v: .ci/install installs Debian's dict-freedict-* packages", err)
	}
	return d
}

// TestAlign aligns a German article of three sentences, two of them
// translations of the English story's second and third; its first and
// the story's first say other things.
func TestAlign(t *testing.T) {
	al := NewAligner(installed(t, "de"), Options{})
	englishText, germanText := testdata.Translated(t)
	pairs := al.Align(al.Foreign(germanText), English(englishText))
	if len(pairs) != 2 {
		t.Fatalf("%d pairs, want 2: %+v", len(pairs), pairs)
	}
	for i, want := range [][2]string{
		{"Die Regierung kündigte am Dienstag an, dass die Steuern im nächsten Jahr um 3 Prozent steigen werden", "The government announced on Tuesday that taxes will rise by 3 percent next year"},
		{"Der Finanzminister sagte, das Geld werde für Schulen und Krankenhäuser in Hamburg verwendet", "The finance minister said the money would be used for schools and hospitals in Hamburg"},
	} {
		p := pairs[i]
		if got := germanText[p.Article.Start:p.Article.End]; got != want[0] {
			t.Errorf("pair %d: article %q, want %q", i, got, want[0])
		}
		if got := englishText[p.Source.Start:p.Source.End]; got != want[1] {
			t.Errorf("pair %d: source %q, want %q", i, got, want[1])
		}
		if p.Score < DefaultMinScore || p.Score > 1 {
			t.Errorf("pair %d: score %.2f", i, p.Score)
		}
	}
	// One sentence alone is no translation: MinPairs.
	one := al.Align(al.Foreign(germanText), English(englishText[strings.Index(englishText, "The government"):strings.Index(englishText, "\n\nThe finance")]))
	if len(one) != 0 {
		t.Errorf("one English sentence: %d pairs, want none", len(one))
	}
	// A translation keeps its source's order: two pairs in reverse order
	// are chance.
	reversed := "The finance minister said the money would be used for schools and hospitals in Hamburg.\n\n" +
		"Heavy rain flooded several streets in London on Sunday night.\n\n" +
		"The government announced on Tuesday that taxes will rise by 3 percent next year."
	if got := al.Align(al.Foreign(germanText), English(reversed)); len(got) != 0 {
		t.Errorf("English sentences in reverse order: %d pairs, want none", len(got))
	}
	// One English sentence translates one sentence at most.
	twice := germanText + "\n\nDie Regierung kündigte am Dienstag an, dass die Steuern im nächsten Jahr um 3 Prozent steigen."
	if got := al.Align(al.Foreign(twice), English(englishText)); len(got) != 2 {
		t.Errorf("a sentence said twice: %d pairs, want 2", len(got))
	}
	// Sentences emptied by Without pair with nothing but still count:
	// with the last sentence emptied, one pair is left, too few.
	last := strings.Index(germanText, "Der Finanzminister")
	emptied := Without(al.Foreign(germanText), func(sp stemma.Span) bool { return sp.Start >= last })
	if got := al.Align(emptied, English(englishText)); len(got) != 0 {
		t.Errorf("last sentence emptied: %d pairs, want none (MinPairs)", len(got))
	}
	// A text on another subject has none.
	if got := al.Align(al.Foreign(germanText), English("Stocks fell sharply in Tokyo as investors sold shares of exporters.\n\nThe yen rose against the dollar.")); len(got) != 0 {
		t.Errorf("unrelated text: %d pairs", len(got))
	}
}

// TestSketchesMeetEnglish checks that the sketches guessed from the German
// article include one of each English sentence it translates.
func TestSketchesMeetEnglish(t *testing.T) {
	al := NewAligner(installed(t, "de"), Options{})
	englishText, germanText := testdata.Translated(t)
	got := al.Sketches(germanText, nil)
	if !slices.IsSorted(got) {
		t.Error("sketches not sorted")
	}
	// Each English sentence the article translates has 3 sketches (pairs
	// of its 3 sampled words); at least one of each must be guessed for
	// the sentence to find the story. Both have fewer than ten content
	// words, the sentences whose guesses a rank limit of half the range
	// once cut short.
	toks := tokenize.Tokens(englishText)
	shared := map[int32]int{}
	for _, f := range fingerprint.Sketches(englishText, toks, fingerprint.DefaultSketch, nil) {
		if _, ok := slices.BinarySearch(got, f.Hash); ok {
			shared[toks[f.Pos].Start]++
		}
	}
	for _, first := range []string{"The government", "The finance"} {
		if at := int32(strings.Index(englishText, first)); shared[at] == 0 {
			t.Errorf("no sketch of the English sentence %q… among the %d guessed", first, len(got))
		}
	}
}

// BenchmarkDictionaries reads each language's dictionary as ForLanguage
// does, and reports its keys, the keys of its FreeDict dictionaries
// alone, and the heap it holds once read:
//
//	go test -run '^$' -bench BenchmarkDictionaries -benchtime 1x ./translate
func BenchmarkDictionaries(b *testing.B) {
	for _, code := range Languages() {
		b.Run(code, func(b *testing.B) {
			to, from := DictFiles("", code)
			freedict := 0
			if to != "" || from != "" {
				d, err := loadFiles(code, to, from, false)
				if err != nil {
					b.Fatal(err)
				}
				freedict = d.Len()
			}
			var d *Dictionary
			for b.Loop() {
				var err error
				if d, err = LoadFiles(code, to, from); err != nil {
					b.Fatal(err)
				}
			}
			// What the dictionary holds: the heap with it, less the heap
			// once it is dropped.
			var with, without runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&with)
			keys := d.Len()
			d = nil
			runtime.GC()
			runtime.ReadMemStats(&without)
			held := with.HeapAlloc - min(with.HeapAlloc, without.HeapAlloc)
			b.ReportMetric(float64(keys), "keys")
			b.ReportMetric(float64(freedict), "freedict-keys")
			b.ReportMetric(float64(held)/(1<<20), "MB")
		})
	}
}
