package translate

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLoadDictd reads any index and body: a malformed index is an error,
// never a panic, and every word read translates to something.
func FuzzLoadDictd(f *testing.F) {
	f.Add("Haus\tA\tK\n", "Haus /h/ <n>\nhouse, home\n", false)
	f.Add("house\tA\tM\n", "house\nHaus <neut>\n", true)
	f.Add("00databaseinfo\tA\tB\nx\tB\tC\n", "ab\ncd\nef", false)
	f.Add("a\t/\t/\n", "", false)
	f.Add("a\tA\tE\n", "a\n1. [x] (y) {z} <w> b; c, d\n\xff\xfe\n", false)
	f.Fuzz(func(t *testing.T, index, body string, reverse bool) {
		d, err := LoadDictd(strings.NewReader(index), strings.NewReader(body), "fuzz", "de", reverse)
		if err != nil {
			return
		}
		for k, to := range d.to {
			if len(to) == 0 {
				t.Fatalf("%q translates to nothing", k)
			}
		}
	})
}

// FuzzLoadWordList reads any word list: a malformed line is an error,
// never a panic, and every word read translates to something.
func FuzzLoadWordList(f *testing.F) {
	f.Add("правительство\tgovernment\nвыборы\telection; poll\n", "ru")
	f.Add("gobierno\tgovernment (of a country); the state\n", "es")
	f.Add("a\tb\n\tb\nno tab\n", "fr")
	f.Add("x\xff\ty\n\x00\t\x00\n", "de")
	f.Fuzz(func(t *testing.T, list, code string) {
		d, err := LoadWordList(strings.NewReader(list), "fuzz", code)
		if err != nil {
			if !errors.Is(err, ErrFormat) && !strings.Contains(err.Error(), "fuzz:") {
				t.Fatalf("error %v names no line", err)
			}
			return
		}
		for k, to := range d.to {
			if len(to) == 0 {
				t.Fatalf("%q translates to nothing", k)
			}
		}
	})
}

// FuzzAlign aligns any two texts: pairs lie inside both texts, on valid
// UTF-8 boundaries, in the article's order, with scores in [0, 1].
func FuzzAlign(f *testing.F) {
	d := loadTiny(f)
	al := NewAligner(d, Options{MinPairs: 1, MinWords: 1})
	f.Add("Das Haus der Regierung. Die Regierung kündigte 3 Häuser an.", "The house of the government. The government announced 3 houses.")
	f.Add("Стэнфорд 2020. Обама!", "Stanford 2020. Obama!")
	f.Add("", "x")
	f.Add("a\xffb. c", "\x00. 1,5")
	f.Fuzz(func(t *testing.T, article, english string) {
		pairs := al.Align(al.Foreign(article), English(english))
		last := -1
		for _, p := range pairs {
			if p.Article.Start < 0 || p.Article.End > len(article) || p.Article.Start >= p.Article.End ||
				p.Source.Start < 0 || p.Source.End > len(english) || p.Source.Start >= p.Source.End {
				t.Fatalf("pair %+v outside the texts (%d, %d bytes)", p, len(article), len(english))
			}
			if utf8.ValidString(article) && !utf8.ValidString(article[p.Article.Start:p.Article.End]) {
				t.Fatalf("pair %+v cuts a character", p)
			}
			if p.Article.Start <= last || p.Score < 0 || p.Score > 1 {
				t.Fatalf("pair %+v out of order or scored out of [0, 1]", p)
			}
			last = p.Article.Start
		}
		al.Sketches(article, nil)
		// The other direction: the English text as the article.
		last = -1
		for _, p := range Swap(pairs) {
			if p.Article.End > len(english) || p.Source.End > len(article) || p.ArticleSentence < last {
				t.Fatalf("swapped pair %+v outside the texts or out of order", p)
			}
			last = p.ArticleSentence
		}
		al.ReverseSketches(english, nil)
	})
}
