package baseline

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zeebo/xxh3"
)

// Words splits text into words: the maximal runs of Unicode letters and
// digits (unicode.IsLetter or unicode.IsDigit), each lowercased with
// [strings.ToLower]. Everything else — spaces, punctuation, symbols,
// combining marks — separates words.
//
// This is the tokenisation behind the project's reference counts ("169 BBC
// pairs and 793 Reuters pairs with word 5-gram Jaccard ≥ 0.5"), so it must
// not change.
func Words(text string) []string {
	var words []string
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words = append(words, strings.ToLower(text[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, strings.ToLower(text[start:]))
	}
	return words
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Shingles returns the set of word n-grams of text as 64-bit hashes, sorted
// ascending with duplicates removed. Each n-gram is hashed with XXH3 over its
// [Words] joined by a single space, so "Oil, prices" and "oil prices" give
// the same 2-gram.
//
// A text with fewer than n words has no shingles (as in text-dedup's
// ngrams with min_length = n), and so does any text when n < 1.
func Shingles(text string, n int) []uint64 {
	return shinglesOf(Words(text), n)
}

func shinglesOf(words []string, n int) []uint64 {
	if n < 1 || len(words) < n {
		return nil
	}
	hashes := make([]uint64, 0, len(words)-n+1)
	var buf []byte
	for i := 0; i+n <= len(words); i++ {
		buf = append(buf[:0], words[i]...)
		for _, w := range words[i+1 : i+n] {
			buf = append(buf, ' ')
			buf = append(buf, w...)
		}
		hashes = append(hashes, xxh3.Hash(buf))
	}
	slices.Sort(hashes)
	return slices.Compact(hashes)
}

// Jaccard returns |a ∩ b| / |a ∪ b| for two sorted, deduplicated shingle
// sets such as [Shingles] returns. Two empty sets have Jaccard 0: a text
// too short to shingle is similar to nothing.
func Jaccard(a, b []uint64) float64 {
	inter := intersect(a, b)
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// intersect counts the values two sorted, deduplicated slices share.
func intersect[T uint64 | uint32](a, b []T) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}
