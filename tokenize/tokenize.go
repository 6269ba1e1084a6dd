// Package tokenize splits text into words and gives each one a normalised
// term hash and its exact byte offsets in the original text.
//
// Words are Unicode word segments (UAX #29; ASCII runs between white space
// segmented here, any other by github.com/clipperhouse/uax29, see
// [Tokenizer.Tokens]) that contain at least one letter or digit;
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
//
// A word segment never holds ASCII white space: UAX #29 breaks on both
// sides of it (WB3a, WB3b, WB999; WB3d joins spaces only to spaces, and WB4
// attaches marks that follow a space to the space). So the text is read as
// runs between white space. A run of ASCII bytes is segmented here, by the
// word rules of UAX #29 as they apply to ASCII (Unicode Standard Annex #29,
// "Unicode Text Segmentation", section 4.1.1): letters, digits and "_"
// (ALetter, Numeric, ExtendNumLet) join one another (WB5, WB8-WB10, WB13a,
// WB13b); a letter, then ":" (MidLetter) or "." or "'" (MidNumLet,
// Single_Quote), then a letter stay one word (WB6, WB7); a digit, then ","
// or ";" (MidNum) or "." or "'", then a digit stay one word (WB11, WB12);
// everything else breaks. A run with any other byte goes to uax29 whole.
// Most news text is ASCII, and this is faster than uax29 on it;
// FuzzTokensUAX29 checks they agree on valid UTF-8. (On invalid UTF-8,
// uax29 may read a bad byte together with the bytes after it, across white
// space; the tokens still keep every invariant above.)
func (tz *Tokenizer) Tokens(text string, dst []Token) []Token {
	runStart, runTokens := 0, len(dst) // where the current run began
	for i := 0; i < len(text); {
		c := asciiClass[text[i]]
		switch {
		case c&space != 0:
			i++
			runStart, runTokens = i, len(dst)
			continue
		case c&nonASCII != 0:
			end := i + 1
			for end < len(text) && asciiClass[text[end]]&space == 0 {
				end++
			}
			dst = tz.uax29Words(text, runStart, end, dst[:runTokens])
			i = end
			continue
		case c&wordByte == 0:
			i++
			continue
		}
		start, alnum := i, c&(letter|digit)
		for i++; i < len(text); {
			c := asciiClass[text[i]]
			if c&wordByte != 0 {
				alnum |= c & (letter | digit)
				i++
				continue
			}
			if i+1 < len(text) {
				prev, next := asciiClass[text[i-1]], asciiClass[text[i+1]]
				if prev&letter != 0 && c&midLetter != 0 && next&letter != 0 ||
					prev&digit != 0 && c&midNum != 0 && next&digit != 0 {
					i += 2
					continue
				}
			}
			break
		}
		if alnum != 0 { // not only underscores
			dst = append(dst, Token{Start: int32(start), End: int32(i), Term: tz.asciiTerm(text[start:i])})
		}
	}
	return dst
}

// uax29Words appends the tokens of text[lo:hi] as uax29 segments them.
func (tz *Tokenizer) uax29Words(text string, lo, hi int, dst []Token) []Token {
	if tz.iter == nil {
		tz.iter = words.FromString(text[lo:hi])
	} else {
		tz.iter.SetText(text[lo:hi])
	}
	it := tz.iter
	for it.Next() {
		if term, ok := tz.term(it.Value()); ok {
			dst = append(dst, Token{Start: int32(lo + it.Start()), End: int32(lo + it.End()), Term: term})
		}
	}
	return dst
}

// asciiTerm returns the term of an ASCII word: the hash of its lower case.
func (tz *Tokenizer) asciiTerm(w string) uint64 {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' {
			b := append(tz.buf[:0], w...)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			tz.buf = b
			return xxh3.Hash(b)
		}
	}
	return xxh3.HashString(w)
}

// Word-break classes of bytes, as bits of asciiClass.
const (
	letter     = 1 << iota // ALetter: A-Z, a-z
	digit                  // Numeric: 0-9
	underscore             // ExtendNumLet: _
	midLetter              // may join two letters: MidLetter ":", MidNumLet ".", Single_Quote "'"
	midNum                 // may join two digits: MidNum "," and ";", MidNumLet ".", Single_Quote "'"
	space                  // ASCII white space: no word holds it
	nonASCII               // a byte of a multi-byte character (or not UTF-8)

	wordByte = letter | digit | underscore
)

var asciiClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = letter
		t[c-'a'+'A'] = letter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = digit
	}
	t['_'] = underscore
	t[':'] = midLetter
	t['.'] = midLetter | midNum
	t['\''] = midLetter | midNum
	t[','] = midNum
	t[';'] = midNum
	for _, c := range " \t\n\v\f\r" {
		t[c] = space
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = nonASCII
	}
	return t
}()

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
		return tz.asciiTerm(w), true
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
