package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
)

// itemKind is what an item of the text outside quotes is.
type itemKind uint8

const (
	word itemKind = iota
	punct
	quoteItem
)

// item is one word, punctuation mark or whole quote of a text, in order.
// Attribution reads the text as items so that a quote, however long, is a
// single step.
type item struct {
	kind itemKind
	span stemma.Span
	low  string // the word lower-cased, or the punctuation mark
	cap  bool   // the word starts with an upper-case letter
	para int
	q    int // the quote's index, for a quoteItem
}

// items splits text into words, punctuation and quotes.
func items(text string, regions []region, paras []stemma.Span) []item {
	// About one item for every five bytes of news prose: the slice
	// grows once or not at all.
	out := make([]item, 0, len(text)/5+len(regions)+1)
	ri, pi := 0, 0
	for pos := 0; pos < len(text); {
		for pi+1 < len(paras) && pos >= paras[pi+1].Start {
			pi++
		}
		if ri < len(regions) && pos >= regions[ri].outer.Start {
			out = append(out, item{kind: quoteItem, span: regions[ri].outer, para: regions[ri].para, q: ri})
			pos = max(pos+1, regions[ri].outer.End)
			ri++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[pos:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			end := wordEnd(text, pos, len(text))
			if ri < len(regions) {
				end = min(end, regions[ri].outer.Start)
			}
			w := text[pos:end]
			out = append(out, item{kind: word, span: stemma.Span{Start: pos, End: end}, low: strings.ToLower(w), cap: unicode.IsUpper(r), para: pi})
			pos = end
		case unicode.IsSpace(r):
			pos += size
		default:
			out = append(out, item{kind: punct, span: stemma.Span{Start: pos, End: pos + size}, low: text[pos : pos+size], para: pi})
			pos += size
		}
	}
	return out
}

// wordEnd returns the end of the word starting at pos: letters and digits,
// joined by an apostrophe, hyphen, full stop or ampersand that has a letter
// or digit after it ("don't", "U.S", "Coca-Cola", "AT&T").
func wordEnd(text string, pos, limit int) int {
	for pos < limit {
		r, size := utf8.DecodeRuneInString(text[pos:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			pos += size
			continue
		}
		if strings.ContainsRune("'’-.&", r) && pos+size < limit {
			n, _ := utf8.DecodeRuneInString(text[pos+size:])
			if unicode.IsLetter(n) || unicode.IsDigit(n) {
				pos += size
				continue
			}
		}
		break
	}
	return pos
}

// sentences splits items into sentences, as half-open ranges of item
// indexes. A sentence ends at a full stop, question or exclamation mark
// followed by a capital, a digit or a quote; after a quote whose text ends
// so; and at a paragraph break. Abbreviations and initials do not end one.
func (l *Language) sentences(text string, its []item, regions []region) [][2]int {
	var out [][2]int
	start := 0
	for k := range its {
		end := false
		if k+1 < len(its) && its[k+1].para != lastPara(its[k], regions) {
			end = true
		}
		switch it := its[k]; {
		case end:
		case it.kind == punct && strings.Contains(".?!", it.low):
			if it.low == "." && k > 0 && its[k-1].kind == word && its[k-1].span.End == it.span.Start && l.abbreviation(its[k-1]) {
				break
			}
			end = k+1 == len(its) || startsSentence(its[k+1:])
		case it.kind == quoteItem:
			qt := text[regions[it.q].q.Text.Start:regions[it.q].q.Text.End]
			if strings.HasSuffix(qt, ".") || strings.HasSuffix(qt, "?") || strings.HasSuffix(qt, "!") {
				end = k+1 == len(its) || startsSentence(its[k+1:])
			}
		}
		if end {
			out = append(out, [2]int{start, k + 1})
			start = k + 1
		}
	}
	if start < len(its) {
		out = append(out, [2]int{start, len(its)})
	}
	return out
}

func lastPara(it item, regions []region) int {
	if it.kind == quoteItem {
		return regions[it.q].last
	}
	return it.para
}

// startsSentence reports whether the items begin a new sentence: a capital
// or a digit, a quote, or an opening bracket, after any closing punctuation.
func startsSentence(rest []item) bool {
	for _, it := range rest {
		switch it.kind {
		case quoteItem:
			return true
		case word:
			r, _ := utf8.DecodeRuneInString(it.low)
			return it.cap || unicode.IsDigit(r)
		case punct:
			if strings.Contains(")]'’", it.low) {
				continue
			}
			return strings.Contains("([-—", it.low)
		}
	}
	return true
}

// abbreviation reports whether the word before a full stop is an
// abbreviation or an initial.
func (l *Language) abbreviation(it item) bool {
	if utf8.RuneCountInString(it.low) == 1 && it.cap || strings.Contains(it.low, ".") {
		return true
	}
	return l.abbreviations[it.low]
}
