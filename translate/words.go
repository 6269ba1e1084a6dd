package translate

import (
	"hash/maphash"
	"slices"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/stemmanews/stemma/lang"
)

// Key is how a dictionary files a word: in lower case, with typographic
// apostrophes made plain.
func Key(word string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(word)), "’", "'")
}

// EnglishStem returns the Porter2 stem of an English word in lower case
// ("announced" → "announc"), so that a dictionary's base form meets the
// inflected word of a text.
func EnglishStem(word string) string {
	w := Key(word)
	if w == "" {
		return ""
	}
	slot := &stems[maphash.String(stemSeed, w)%uint64(len(stems))]
	if e := slot.Load(); e != nil && e.word == w {
		return e.stem
	}
	s := english.Stem(w, false)
	slot.Store(&stemmed{word: strings.Clone(w), stem: s})
	return s
}

// stems caches EnglishStem: a slot per hash of the word, the last word
// stemmed there kept. Every candidate text of a translated article is
// stemmed, and the words of news recur: stemming and folding the
// candidates' words had taken half of the search's CPU time.
var stems [1 << 16]atomic.Pointer[stemmed]

var stemSeed = maphash.MakeSeed()

type stemmed struct{ word, stem string }

// englishFunction holds the stems of English function words, and of
// "get", which a dictionary gives for many verbs ("changer": "get
// changed"): they carry no evidence of translation, and a dictionary lists
// them among the translations of many words.
var englishFunction = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the of and or but to in on at by for with from as is are was were be been
		being it its this that these those he she they we you i his her their our your my him them us me who whom
		which what when where how why not no nor so than then there here do does did have has had will would can
		could shall should may might must also very just only into onto over under about after before up down out
		off s t one ones some any all each every other such own same more most much many few sth sb somebody
		something someone get gets got gotten getting`) {
		m[english.Stem(w, false)] = true
	}
	return m
}()

// stemForeign returns shorter lookup keys for a word of language code
// whose own key a dictionary lacks: its Snowball stem for French, Spanish
// and Russian, and for German, which Snowball's Go port lacks, the word
// less its common inflection endings. Dictionaries list base forms, and
// texts inflect them.
func stemForeign(code, key string) []string {
	switch code {
	case "fr":
		return nonEmpty(french.Stem(key, false), key)
	case "es":
		// And the stem of the word without its accents: Snowball cuts
		// the preterite's "-ió" whole ("anunció" → "anunc"), where the
		// infinitive keeps the "i" ("anunciar" → "anunci").
		out := nonEmpty(spanish.Stem(key, false), key)
		if f := lang.Fold(key); f != key {
			if s := spanish.Stem(f, false); s != key && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		return out
	case "ru":
		return nonEmpty(russian.Stem(key, false), key)
	case "it", "pt", "nl", "pl":
		return nonEmpty(lightStem(lightSuffixes[code], key), key)
	case "de":
		// Less an ending, and less it with the infinitive's "en": "sagte"
		// and "gesagt" → "sagen", "Steuern" → "steuer".
		var out []string
		base := strings.TrimPrefix(key, "ge")
		for _, w := range []string{key, base} {
			for _, suf := range []string{"test", "tet", "ten", "te", "ern", "en", "er", "es", "em", "st", "t", "n", "e", "s"} {
				if stem, ok := strings.CutSuffix(w, suf); ok && utf8.RuneCountInString(stem) >= 3 {
					out = append(out, stem, stem+"en")
				}
			}
			if w == base {
				break
			}
		}
		return out
	}
	return nil
}

// lightSuffixes are the inflection and derivation endings lightStem cuts
// in the languages Snowball's Go port lacks, longest first: plural, case
// and verb endings, so that a text's inflected word and a dictionary's
// base form meet ("annunciò", "annunciare": "annunci"; "wyborach",
// "wybory": "wybor").
var lightSuffixes = map[string][]string{
	"it": {"azione", "azioni", "mente", "ando", "endo", "are", "ere", "ire", "ato", "ata", "ati", "ate", "ito", "ita",
		"iti", "ite", "uto", "uta", "uti", "ute", "ano", "ono", "ava", "eva", "iva", "ò", "à", "ù", "i", "e", "o", "a"},
	"pt": {"ações", "ação", "ções", "ção", "mente", "ando", "endo", "indo", "aram", "eram", "iram", "ados", "adas",
		"idos", "idas", "ado", "ada", "ido", "ida", "ar", "er", "ir", "ou", "eu", "iu", "am", "em", "es", "os", "as",
		"s", "o", "a", "e"},
	"nl": {"heden", "ingen", "heid", "ing", "en", "er", "st", "te", "de", "t", "d", "e", "s"},
	"pl": {"ami", "ach", "ego", "emu", "ych", "ymi", "ów", "om", "em", "ie", "ia", "iu", "ej", "ym", "ą", "ę", "a",
		"u", "y", "i", "o", "e"},
}

// lightStem cuts the longest of suffixes (sorted longest first) that
// leaves at least three letters.
func lightStem(suffixes []string, key string) string {
	n := utf8.RuneCountInString(key)
	for _, suf := range suffixes {
		if stem, ok := strings.CutSuffix(key, suf); ok && n-utf8.RuneCountInString(suf) >= 3 {
			return stem
		}
	}
	return key
}

func nonEmpty(stem, key string) []string {
	if stem == "" || stem == key {
		return nil
	}
	return []string{stem}
}

// Keys of a word that translation leaves alone: its digits, the first
// letters of its folded form (a shared Latin or Greek root: "gouvernement"
// and "government", "presidente" and "president"), and for a capitalised
// word the skeleton of its consonants (a name: "Стэнфордского" and
// "Stanford" are both "stnf…").
const (
	prefixLen   = 5
	skeletonLen = 4
)

// invariantKeys appends the keys of word that do not need a dictionary.
func invariantKeys(word string, dst []string) []string {
	if d := digits(word); d != "" {
		return append(dst, "#"+d)
	}
	f := lang.Fold(word)
	if n := utf8.RuneCountInString(f); n >= prefixLen {
		dst = append(dst, "p:"+string([]rune(f)[:prefixLen]))
	} else if n >= 2 {
		dst = append(dst, "w:"+f)
	}
	if r, _ := utf8.DecodeRuneInString(word); unicode.IsUpper(r) {
		if sk := skeleton(f); utf8.RuneCountInString(sk) >= skeletonLen {
			dst = append(dst, "k:"+sk[:skeletonLen])
		}
	}
	return dst
}

// digits returns the digits of a word that is a number ("1.500" and
// "1,500" → "1500"), or "".
func digits(word string) string {
	var b strings.Builder
	for _, r := range word {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '.' || r == ',' || r == '\u00a0' || r == '\'' || r == ' ':
		default:
			return ""
		}
	}
	return b.String()
}

// skeleton returns the consonants of a folded word, with the letters that
// spell one sound in different languages made one (z and s, c and k,
// "ph" and f, w and v; h dropped).
func skeleton(f string) string {
	var b strings.Builder
	var prev byte
	f = strings.ReplaceAll(f, "ph", "f")
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'h', 'j':
			continue
		case 'z':
			c = 's'
		case 'c', 'q':
			c = 'k'
		case 'w':
			c = 'v'
		}
		if c < 'a' || c > 'z' {
			continue
		}
		if c != prev {
			b.WriteByte(c)
		}
		prev = c
	}
	return b.String()
}
