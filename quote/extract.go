package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
)

// maxDepth is how deeply quotes may nest; deeper marks are ignored.
const maxDepth = 4

// region is a quote as found by pairing marks: its quote, the bytes from
// the opening mark to the closing mark (both included), and its paragraphs.
type region struct {
	q          stemma.Quote
	outer      stemma.Span
	para, last int // first and last paragraph
}

// paragraphs splits text into paragraphs, each trimmed of surrounding
// space. A text that has blank lines or indented lines (the Reuters wire
// indents each paragraph and wraps lines) breaks paragraphs there and treats
// single newlines as line wraps; a text with neither breaks at every newline.
func paragraphs(text string) []stemma.Span {
	wrapped := strings.Contains(text, "\n\n") || strings.Contains(text, "\n  ") ||
		strings.Contains(text, "\n\t") || strings.Contains(text, "\r\n\r\n")
	var out []stemma.Span
	start := 0
	add := func(s, e int) {
		if sp := trim(text, s, e); sp.Len() > 0 {
			out = append(out, sp)
		}
	}
	for i := 0; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		brk := !wrapped
		if wrapped {
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			brk = j == len(text) || text[j] == '\n' || j-(i+1) >= 2 || (j > i+1 && text[j-1] == '\t')
		}
		if brk {
			add(start, i)
			start = i + 1
		}
	}
	add(start, len(text))
	return out
}

// trim returns [s, e) without leading and trailing white space.
func trim(text string, s, e int) stemma.Span {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return stemma.Span{Start: s, End: e}
}

// openQuote is a quote whose closing mark has not been seen yet.
type openQuote struct {
	mark      rune
	open      int // byte offset of the opening mark
	partStart int
	parts     []stemma.Span
	para      int
}

// extract pairs the quotation marks of text and returns the outermost
// quotes in text order. Nested quotes stay inside their outer quote.
func (l *Language) extract(text string, paras []stemma.Span) []region {
	var (
		out   []region
		stack []openQuote
		pi    int // paragraph of the current position
		cont  = -1
	)
	finish := func(end, closeEnd int, unclosed bool) {
		oq := stack[0]
		oq.parts = append(oq.parts, trim(text, oq.partStart, end))
		var parts []stemma.Span
		for _, p := range oq.parts {
			if p.Len() > 0 {
				parts = append(parts, p)
			}
		}
		stack = stack[:0]
		if len(parts) == 0 {
			return
		}
		q := stemma.Quote{Text: stemma.Span{Start: parts[0].Start, End: parts[len(parts)-1].End}, Unclosed: unclosed}
		if len(parts) > 1 {
			q.Parts = parts
		}
		out = append(out, region{q: q, outer: stemma.Span{Start: oq.open, End: closeEnd}, para: oq.para, last: pi})
	}
	// leave moves the position into paragraph pi+1, continuing an open
	// quote there when the paragraph opens with a quote mark (the news
	// convention for a quote over several paragraphs), else ending it.
	leave := func() {
		if len(stack) > 0 {
			end := paras[pi].End
			next := paras[pi+1].Start
			if r, _ := l.mark(text, next); l.opens(r) {
				stack[0].parts = append(stack[0].parts, trim(text, stack[0].partStart, end))
				stack = stack[:1]
				cont = next
			} else {
				finish(end, end, true)
			}
		}
		pi++
	}
	for pos := 0; pos < len(text); {
		r, size := l.mark(text, pos)
		if r == 0 {
			pos += size
			continue
		}
		for pi+1 < len(paras) && pos >= paras[pi+1].Start {
			leave()
		}
		if pos == cont && len(stack) > 0 {
			stack[0].partStart = pos + size
			cont = -1
			pos += size
			continue
		}
		open, closing := direction(text, pos, size)
		switch {
		case len(stack) > 0 && l.closes(stack[len(stack)-1].mark, r, closing):
			top := stack[len(stack)-1]
			straight := r == '"'
			if straight && open && !closing {
				// An opening-looking mark inside an open quote: after a
				// sentence end, a paragraph whose break was lost (so the quote
				// goes on); elsewhere a nested quote.
				if len(stack) == 1 && afterColon(text, pos) {
					// He said: "A. B. He added: "C." : the first quote lost
					// its closing mark; it ends at its last sentence.
					end := lastSentenceEnd(text, top.partStart, pos)
					if end > top.partStart {
						finish(end, end, true)
						stack = append(stack, openQuote{mark: r, open: pos, partStart: pos + size, para: pi})
						break
					}
				}
				if len(stack) == 1 && afterSentenceEnd(text, pos) {
					prev := trim(text, top.partStart, pos)
					stack[0].parts = append(stack[0].parts, prev)
					stack[0].partStart = pos + size
					break
				}
				if len(stack) < maxDepth {
					stack = append(stack, openQuote{mark: r, open: pos, partStart: pos + size, para: pi})
					break
				}
			}
			if len(stack) == 1 {
				finish(pos, pos+size, false)
			} else {
				stack = stack[:len(stack)-1]
			}
		case l.opens(r):
			if r == '"' && closing && !open {
				break // a stray closing mark
			}
			if len(stack) < maxDepth {
				stack = append(stack, openQuote{mark: r, open: pos, partStart: pos + size, para: pi})
			}
		case len(stack) == 0 && r == '”' && open && !closing:
			// A closing mark typed for an opening one, before a word and
			// with no quote open: ”Sorry, …”.
			stack = append(stack, openQuote{mark: '“', open: pos, partStart: pos + size, para: pi})
		}
		pos += size
	}
	for len(stack) > 0 && pi+1 < len(paras) {
		leave()
	}
	if len(stack) > 0 {
		end := len(text)
		if len(paras) > 0 {
			end = paras[len(paras)-1].End
		}
		finish(end, end, true)
	}
	return out
}

// mark returns the quotation mark at text[pos:] and its size, or 0 and the
// size of the character there. Two apostrophes in a row are a straight
// double quote where the text uses them so (as the New York Times archive
// does): with a space or a bracket on one side, not between two letters, as
// in a doubled apostrophe.
func (l *Language) mark(text string, pos int) (rune, int) {
	r, size := utf8.DecodeRuneInString(text[pos:])
	if l.isMark(r) {
		return r, size
	}
	if r != '\'' || !l.apostrophes || !strings.HasPrefix(text[pos:], "''") {
		return 0, size
	}
	if strings.HasPrefix(text[pos:], "'''") {
		return 0, size // a single mark, then the double one: 'no.'''
	}
	if open, closing := direction(text, pos, 2); !open && !closing {
		return 0, 2
	}
	return '"', 2
}

func (l *Language) isMark(r rune) bool {
	for _, m := range l.marks {
		if r == m.Open || r == m.Close {
			return true
		}
	}
	return false
}

func (l *Language) opens(r rune) bool {
	for _, m := range l.marks {
		if r == m.Open {
			return true
		}
	}
	return false
}

// closes reports whether r closes a quote opened by open. A straight
// quote closes any quote when it looks like a closing mark.
func (l *Language) closes(open, r rune, closing bool) bool {
	if r == '"' {
		return open == '"' || closing
	}
	if open == '"' && closing && (r == '”' || r == '»') {
		return true // mixed typography: "…”
	}
	for _, m := range l.marks {
		if m.Open == open && m.Close == r {
			return true
		}
	}
	return false
}

// direction reads whether the mark at text[pos:pos+size] looks like an
// opening mark (space or an opening bracket before it, a letter after) or a
// closing one (a letter or punctuation before it, space or punctuation
// after). A mark can look like both, or neither.
func direction(text string, pos, size int) (open, closing bool) {
	prev, next := ' ', ' '
	if pos > 0 {
		prev, _ = utf8.DecodeLastRuneInString(text[:pos])
	}
	if pos+size < len(text) {
		next, _ = utf8.DecodeRuneInString(text[pos+size:])
	}
	spaceBefore := unicode.IsSpace(prev) || strings.ContainsRune("([{<—–―/‘'", prev)
	spaceAfter := unicode.IsSpace(next) || strings.ContainsRune(".,;:!?)]}>—–―/’'…", next)
	open = spaceBefore && !unicode.IsSpace(next)
	closing = !unicode.IsSpace(prev) && spaceAfter
	if prev == '-' {
		open = !unicode.IsSpace(next)
	}
	if next == '-' {
		closing = closing || !unicode.IsSpace(prev)
	}
	return open, closing
}

// afterSentenceEnd reports whether the text before pos ends a sentence
// (". ", "? ", "! ") with at least one space before pos.
func afterSentenceEnd(text string, pos int) bool {
	i := pos
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\n' || text[i-1] == '\r') {
		i--
	}
	if i == pos || i == 0 {
		return false
	}
	switch text[i-1] {
	case '.', '?', '!':
		return true
	}
	return false
}

// afterColon reports whether the text before pos ends with a colon and a
// space.
func afterColon(text string, pos int) bool {
	i := pos
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	return i < pos && i > 0 && text[i-1] == ':'
}

// lastSentenceEnd returns the offset just after the last full stop,
// question or exclamation mark in text[from:to], or from if there is none.
func lastSentenceEnd(text string, from, to int) int {
	for i := to - 1; i >= from; i-- {
		switch text[i] {
		case '.', '?', '!':
			return i + 1
		}
	}
	return from
}
