// Package stem reduces a word to its stem, so that the inflected forms of
// one word meet ("annoncé", "annonce", "annoncer" → "annonc"), in each
// language the Snowball project has a stemmer for (Porter, "Snowball: A
// language for stemming algorithms", 2001; the Go code that
// github.com/blevesearch/snowballstem generates from it).
//
// English keeps the Porter2 stemmer of github.com/kljensen/snowball, which
// stemma's paraphrase alignment and dictionaries used before this package,
// so that English results do not change with it.
//
// Usage:
//
//	s := stem.New("de") // nil: no stemmer for the language
//	s.Stem("häuser")    // "haus"
package stem

import (
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/turkish"
	"github.com/kljensen/snowball/english"

	"github.com/stemmanews/stemma/lang"
)

// snowball maps an ISO 639-1 code to its Snowball stemmer.
var snowball = map[string]func(*snowballstem.Env) bool{
	"da": danish.Stem, "de": german.Stem, "es": spanish.Stem, "fi": finnish.Stem, "fr": french.Stem,
	"hu": hungarian.Stem, "it": italian.Stem, "nb": norwegian.Stem, "nl": dutch.Stem, "no": norwegian.Stem,
	"pt": portuguese.Stem, "ro": romanian.Stem, "ru": russian.Stem, "sv": swedish.Stem, "tr": turkish.Stem,
}

// Stemmer stems the words of one language. It is not safe for concurrent
// use: each goroutine needs its own.
type Stemmer struct {
	env  *snowballstem.Env
	stem func(*snowballstem.Env) bool
}

// New returns a stemmer for a language, given as an ISO 639-1 code or a
// BCP 47 tag ("pt-BR"), or nil when there is none for it.
func New(code string) *Stemmer {
	code = lang.Primary(code)
	if code == "en" {
		return &Stemmer{}
	}
	f, ok := snowball[code]
	if !ok {
		return nil
	}
	return &Stemmer{env: snowballstem.NewEnv(""), stem: f}
}

// Stem returns the stem of word, which must be in lower case.
func (s *Stemmer) Stem(word string) string {
	if s.stem == nil {
		return english.Stem(word, false)
	}
	s.env.SetCurrent(word)
	s.stem(s.env)
	return s.env.Current()
}
