package lang

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold strips diacritics and lower-cases a word, and writes Cyrillic in
// Latin letters ("Président" → "president", "Обама" → "obama"): the form
// in which a word of one language meets its cognate or a name of another.
func Fold(word string) string {
	ascii := true
	for i := range len(word) {
		if word[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(word) // no diacritics, no Cyrillic, no ß
	}
	s, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), strings.ToLower(word))
	if err != nil {
		s = strings.ToLower(word)
	}
	var b strings.Builder
	for _, r := range s {
		if t, ok := latinOf[r]; ok {
			b.WriteString(t)
		} else if r == 'ß' {
			b.WriteString("ss")
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// latinOf transliterates Russian and Ukrainian letters (BGN/PCGN, with
// the soft and hard signs dropped).
var latinOf = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i",
	'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
	'э': "e", 'ю': "yu", 'я': "ya", 'і': "i", 'ї': "i", 'є': "e", 'ґ': "g",
}

// CrossKeyLen is the most letters of a word's [CrossKey].
const CrossKeyLen = 5

// CrossKey appends to dst the key by which a word is compared across
// languages: the first CrossKeyLen letters and digits of its [Fold]
// ("Präsidenten" → "prasi", "президента" → "prezi", "1.500" → "1500").
// Cutting a word to its first letters conflates most of its inflections
// without a stemmer for its language (McNamee and Mayfield, "Character
// N-Gram Tokenization for European Language Text Retrieval", Information
// Retrieval 7, 2004, found truncation to 4 or 5 characters a good stemmer
// for many European languages), and a dictionary's base form meets the
// inflected word of a text. It costs tens of nanoseconds a word and
// allocates only when dst must grow. A word with no letter or digit has
// an empty key.
func CrossKey(dst []byte, word string) []byte {
	folded := foldedRunes()
	n := 0 // letters appended
	for _, r := range word {
		if n >= CrossKeyLen {
			break
		}
		var s string
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			default:
				continue
			}
			dst = append(dst, c)
			n++
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if r = unicode.ToLower(r); int(r) < len(folded) {
				s = folded[r]
			} else {
				s = string(r)
			}
		}
		for _, c := range s {
			if n >= CrossKeyLen {
				break
			}
			dst = utf8.AppendRune(dst, c)
			n++
		}
	}
	return dst
}

// foldedRunes returns the Fold of each letter and digit of the Latin,
// Greek and Cyrillic blocks and of Latin Extended Additional, "" for the
// other runes there; it is made on first use.
var foldedRunes = sync.OnceValue(func() []string {
	t := make([]string, 0x1F00)
	for r := rune(utf8.RuneSelf); r < rune(len(t)); r++ {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			t[r] = Fold(string(r))
		}
	}
	return t
})
