// Package tokenize splits text into words and gives each one a normalised
// term hash and its exact byte offsets in the original text.
//
// Words are Unicode word segments (UAX #29, via
// github.com/clipperhouse/uax29) that contain at least one letter or digit;
// punctuation, spaces and symbols are not tokens. A word's term is its NFKC
// normal form, case-folded, so "Café", "CAFÉ" and "café" share a term. The
// term is kept only as a 64-bit xxh3 hash: alignment and fingerprints
// compare hashes, and a token's text is always recovered from its offsets.
//
// Usage:
//
//	var tz tokenize.Tokenizer
//	toks := tz.Tokens(text, nil)
//	for _, t := range toks { fmt.Println(text[t.Start:t.End]) }
//
// A [Tokenizer] reuses its buffers and is not safe for concurrent use; use
// one per goroutine. ASCII words take a fast path with no allocation; other
// words pay for NFKC and case folding. Cost is linear in the text length.
package tokenize

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
	"github.com/zeebo/xxh3"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Token is one word of a text.
type Token struct {
	// Start and End are byte offsets of the word in the original text.
	Start, End int32
	// Term is the xxh3 hash of the word's normalised form.
	Term uint64
}

// Tokenizer turns text into tokens. Its zero value is ready to use.
type Tokenizer struct {
	buf  []byte
	fold cases.Caser
	init bool
	iter *words.Iterator[string]
}

// Tokens appends the tokens of text to dst and returns the result.
func (tz *Tokenizer) Tokens(text string, dst []Token) []Token {
	if tz.iter == nil {
		tz.iter = words.FromString(text)
	} else {
		tz.iter.SetText(text)
	}
	it := tz.iter
	for it.Next() {
		w := it.Value()
		term, ok := tz.term(w)
		if !ok {
			continue
		}
		dst = append(dst, Token{Start: int32(it.Start()), End: int32(it.End()), Term: term})
	}
	return dst
}

// Tokens is a convenience wrapper that uses a fresh [Tokenizer].
func Tokens(text string) []Token {
	var tz Tokenizer
	return tz.Tokens(text, nil)
}

// term returns the hash of a word's normal form, and false when the word
// has no letter or digit.
func (tz *Tokenizer) term(w string) (uint64, bool) {
	ascii, word := true, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			word = true
		}
	}
	if ascii {
		if !word {
			return 0, false
		}
		b := tz.buf[:0]
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
		tz.buf = b
		return xxh3.Hash(b), true
	}
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			word = true
			break
		}
	}
	if !word {
		return 0, false
	}
	if !tz.init {
		tz.fold = cases.Fold()
		tz.init = true
	}
	b := norm.NFKC.AppendString(tz.buf[:0], w)
	b = bytes.ReplaceAll(b, rightQuote, apostrophe) // "can’t" is "can't"
	b = tz.fold.Bytes(b)
	tz.buf = b[:0]
	return xxh3.Hash(b), true
}

var (
	rightQuote = []byte("\u2019")
	apostrophe = []byte("'")
)

// Term returns the term hash of a single word, as [Tokenizer.Tokens] would
// compute it, and false when the word has no letter or digit.
func Term(word string) (uint64, bool) {
	var tz Tokenizer
	return tz.term(word)
}
