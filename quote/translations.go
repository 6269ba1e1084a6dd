package quote

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/lang"
)

// A Translation is a news article and its professional translation,
// sentence by sentence: English[i] and Other[i] say the same thing.
type Translation struct {
	ID             string
	English, Other []string
}

// TranslationScores measure the quotes of one language's table on
// translations of English articles (see [EvaluateTranslations]): how
// often the translation of a sentence holding an English quote with a
// named speaker holds a quote too, and one attributed to the same name.
// The English table's reading is the reference, so these are agreement
// rates, not accuracy: English attribution is itself right about nine
// times in ten (docs/benchmarks.md, "Quality: quotes").
type TranslationScores struct {
	Lang     string `json:"lang"`
	Articles int    `json:"articles"`
	// Named counts the English quotes whose speaker holds a name: a
	// capitalised word of three consonants or more that is not a title,
	// an honorific or a role ("Mrs May" holds none).
	Named int `json:"named"`
	// Found counts those whose sentence's translation holds a quote that
	// the language's table finds, and Same those with such a quote
	// attributed to a speaker of the same name ([SameName]).
	Found int     `json:"found"`
	Same  int     `json:"same"`
	Share float64 `json:"share"` // Same / Named
	// BaselineFound and BaselineSame are the same counts with English's
	// table reading the translations, as stemma did before it had the
	// language's.
	BaselineFound int     `json:"baseline_found"`
	BaselineSame  int     `json:"baseline_same"`
	BaselineShare float64 `json:"baseline_share"`
	// Quotes and Attributed count the quotes the language's table finds
	// in the translations and those it gives a speaker's name.
	Quotes     int `json:"quotes"`
	Attributed int `json:"attributed"`
	// Compared counts the attributed quotes of the translations that lie
	// in a sentence whose English holds a quote with a named speaker, and
	// Agreeing those whose speaker has the name of one of them: a speaker
	// that agrees with none is most often a wrong one. Precision is
	// Agreeing / Compared, and BaselinePrecision the same for English's
	// table.
	Compared          int     `json:"compared"`
	Agreeing          int     `json:"agreeing"`
	Precision         float64 `json:"precision"`
	BaselineCompared  int     `json:"baseline_compared"`
	BaselineAgreeing  int     `json:"baseline_agreeing"`
	BaselinePrecision float64 `json:"baseline_precision"`
	// Misses describes each named English quote whose translation's
	// quotes have no speaker of its name, one line each.
	Misses []string `json:"-"`
}

// EvaluateTranslations finds the quotes of each article in English and
// in its translation into code (one of the tables of [Options.Language])
// and scores their agreement ([TranslationScores]). Each article's lines
// are joined as paragraphs, so a quote lies in the line its text starts in.
func EvaluateTranslations(arts []Translation, code string) (TranslationScores, error) {
	f, err := New(Options{Language: code})
	if err != nil {
		return TranslationScores{}, err
	}
	s := TranslationScores{Lang: code, Articles: len(arts)}
	for _, a := range arts {
		if len(a.English) != len(a.Other) {
			return s, fmt.Errorf("quote: article %s has %d English lines and %d translated", a.ID, len(a.English), len(a.Other))
		}
		en, enLines := stemma.JoinParagraphs(a.English)
		other, otherLines := stemma.JoinParagraphs(a.Other)
		theirs, baseline := f.Find(other), english.Find(other)
		s.Quotes += len(theirs)
		for _, q := range theirs {
			if q.Name != "" {
				s.Attributed++
			}
		}
		// The English speakers' names, without titles, honorifics and
		// roles ("Mrs May": "May"), which translation changes.
		ens := english.Find(en)
		for i := range ens {
			ens[i].Name = English.personName(ens[i].Name)
		}
		lineNames := make([][]string, len(a.English))
		for _, q := range ens {
			if len(nameKeys(q.Name)) > 0 {
				i := lineAt(enLines, q.Text.Start)
				lineNames[i] = append(lineNames[i], q.Name)
			}
		}
		s.Compared, s.Agreeing = tally(s.Compared, s.Agreeing, theirs, otherLines, lineNames)
		s.BaselineCompared, s.BaselineAgreeing = tally(s.BaselineCompared, s.BaselineAgreeing, baseline, otherLines, lineNames)
		for _, q := range ens {
			if len(nameKeys(q.Name)) == 0 {
				continue
			}
			s.Named++
			line := otherLines[lineAt(enLines, q.Text.Start)]
			found, same := agree(q.Name, theirs, line)
			bFound, bSame := agree(q.Name, baseline, line)
			s.Found += b2i(found)
			s.Same += b2i(same)
			s.BaselineFound += b2i(bFound)
			s.BaselineSame += b2i(bSame)
			if !same {
				var names []string
				for _, t := range theirs {
					if t.Text.Overlap(line) > 0 {
						names = append(names, fmt.Sprintf("%q", t.Name))
					}
				}
				s.Misses = append(s.Misses, fmt.Sprintf("%s: %q | %s | quotes there: [%s]", a.ID, q.Name, other[line.Start:line.End], strings.Join(names, " ")))
			}
		}
	}
	s.Share = ratio(s.Same, s.Named)
	s.BaselineShare = ratio(s.BaselineSame, s.Named)
	s.Precision = ratio(s.Agreeing, s.Compared)
	s.BaselinePrecision = ratio(s.BaselineAgreeing, s.BaselineCompared)
	return s, nil
}

// tally adds to compared and agreeing the quotes of qs with a speaker's
// name in a line whose English has named speakers (names, by line), and
// those whose speaker has one of their names.
func tally(compared, agreeing int, qs []Quotation, lines []stemma.Span, names [][]string) (int, int) {
	for _, q := range qs {
		if q.Name == "" {
			continue
		}
		i := lineAt(lines, q.Text.Start)
		if len(names[i]) == 0 {
			continue
		}
		compared++
		for _, n := range names[i] {
			if SameName(n, q.Name) {
				agreeing++
				break
			}
		}
	}
	return compared, agreeing
}

// agree reports whether qs holds a quote in line, and one whose speaker
// has the name en.
func agree(en string, qs []Quotation, line stemma.Span) (found, same bool) {
	for _, q := range qs {
		if q.Text.Overlap(line) == 0 {
			continue
		}
		found = true
		if SameName(en, q.Name) {
			return true, true
		}
	}
	return found, false
}

// SameName reports whether two speakers, written in two languages and
// perhaps two scripts, share a name: a capitalised word of each whose
// consonant skeletons, in Latin letters, begin with the same three
// consonants or, of their first four, one has a consonant more ("Johnson" and
// "Джонсону", "Merkel" and "Merkels", "Bjorn" and "Бьорн"). Roles without
// a name ("a spokesman", "le ministre") never match.
func SameName(a, b string) bool {
	ka, kb := nameKeys(a), nameKeys(b)
	for _, x := range ka {
		for _, y := range kb {
			if x[:nameKeyLen] == y[:nameKeyLen] || oneEdit(x, y) {
				return true
			}
		}
	}
	return false
}

// oneEdit reports whether a is b with one letter more, or b a with one
// more ("bjrn" and "brn": "Bjorn" and "Бьорн"). A letter replaced is not
// one edit: "trs" and "brs" are Theresa and Boris.
func oneEdit(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) != 1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	return a[i+1:] == b[i:]
}

// nameKeyLen is the fewest consonants of a name [SameName] compares, and
// nameKeyMax the most.
const (
	nameKeyLen = 3
	nameKeyMax = 4
)

// nameKeys returns the keys of the capitalised words of three letters or
// more of a speaker phrase: the first nameKeyMax letters of its consonant
// skeleton in Latin letters (its consonants but h, w and y, which
// transliteration adds and drops: "Waters" and "Уотерс" are both "trs";
// "dzh" and "zh" read as "j", "ts" as "c", "c" and "q" as "k", "ph" as
// "f", German "sch" as "sh": "Schroeder" and "Шредер"), or none for a word with fewer than nameKeyLen consonants.
func nameKeys(phrase string) []string {
	var keys []string
	for _, w := range strings.FieldsFunc(phrase, notLetter) {
		r := []rune(w)
		if len(r) < 3 || !unicode.IsUpper(r[0]) {
			continue
		}
		if k := skeleton(lang.Fold(w)); len(k) >= nameKeyLen {
			keys = append(keys, k[:min(len(k), nameKeyMax)])
		}
	}
	return keys
}

var skeletonSpelling = strings.NewReplacer("sch", "sh", "dzh", "j", "zh", "j", "ts", "c", "ph", "f", "ck", "k", "q", "k", "x", "ks")

func skeleton(folded string) string {
	s := skeletonSpelling.Replace(folded)
	var b strings.Builder
	for _, r := range s {
		if r < 'a' || r > 'z' || strings.ContainsRune("aeiouhwy", r) {
			continue
		}
		if r == 'c' {
			r = 'k'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// lineAt returns the index of the line holding byte p.
func lineAt(lines []stemma.Span, p int) int {
	for i, l := range lines {
		if p <= l.End {
			return i
		}
	}
	return len(lines) - 1
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
