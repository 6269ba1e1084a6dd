// Package report renders a [stemma.Report] for people (plain text for a
// terminal) and for programs (JSON, whose schema is documented in
// docs/report-json.md).
//
// The functions are pure and safe for concurrent use.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/lang"
)

// JSON writes r as indented JSON followed by a newline.
func JSON(w io.Writer, r *stemma.Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// Text writes r as a report readable in a terminal.
func Text(w io.Writer, r *stemma.Report) error {
	ew := &errWriter{w: w}
	name := r.Article.ID
	if r.Article.Title != "" && r.Article.Title != name {
		name += " — " + clip(r.Article.Title, 70)
	}
	ew.printf("%s\n", name)
	ew.printf("  %d bytes, %d words", r.Length, r.Words)
	if r.Article.Dated() {
		ew.printf(", dated %s", day(r.Article))
	}
	if r.Article.Lang != "" {
		ew.printf(", in %s", lang.Name(r.Article.Lang))
	}
	ew.printf("\n")
	if len(r.Passages) == 0 {
		ew.printf("  No passage found in the index (%d candidates aligned): 100%% original.\n", r.Candidates)
		textSpin(ew, r.Spin.Text)
		return ew.err
	}
	ew.printf("  %s found in %d other documents, %s original; its sentences come from %d source(s).\n",
		pct(r.Reused), len(r.Sources), pct(r.Original), r.Assembled)
	spin := "  Spin: " + r.Spin.Explanation
	if r.Spin.SwapsSpun {
		spin = "  SPUN: " + r.Spin.Explanation
	}
	ew.printf("%s\n", spin)
	for _, t := range r.Spin.Tells {
		ew.printf("    tell at bytes %d-%d %q: %s\n", t.Article.Start, t.Article.End, t.Text, t.Reason)
	}
	textSpin(ew, r.Spin.Text)
	ew.printf("\n")
	ew.printf("Passages\n")
	for i, p := range r.Passages {
		ew.printf("  [%d] bytes %d-%d, %s", i+1, p.Article.Start, p.Article.End, p.Class)
		switch {
		case p.Origin >= 0:
			o := p.Witnesses[p.Origin]
			ew.printf(", origin %s (%s)", o.Doc.ID, originNote(p))
		default:
			ew.printf(", the article predates its %d witness(es)", len(p.Witnesses))
		}
		ew.printf("\n      %q\n", clip(p.Text, 160))
		for j, wt := range p.Witnesses {
			mark := " "
			if j == p.Origin {
				mark = "*"
			}
			ew.printf("      %s %-22s %-12s %-10s similarity %.2f  %-13s bytes %d-%d",
				mark, clip(wt.Doc.ID, 22), clip(orDash(wt.Doc.Source), 12), day(wt.Doc),
				wt.Similarity, wt.Class, wt.Source.Start, wt.Source.End)
			if wt.Class.Reworded() {
				ew.printf("  confidence %.2f", wt.Confidence)
			}
			if wt.Later {
				ew.printf("  (later copy)")
			}
			ew.printf("\n")
			switch {
			case wt.Class.Reworded():
				// A rewording changes most words, and a word diff pairs
				// unrelated ones: what it kept is the evidence.
				if sh := shares(p, wt, r.Article.Lang, 8); sh != "" {
					ew.printf("          shares: %s\n", sh)
				}
			default:
				if ch := changes(wt.Edits, 6); ch != "" {
					ew.printf("          changes: %s\n", ch)
				}
			}
		}
	}
	if len(r.Sentences) > 0 {
		ew.printf("\nSentence by sentence\n")
		for i, s := range r.Sentences {
			src := "no source found"
			if s.Source != "" {
				src = fmt.Sprintf("%s (%s of its words, passage %d)", s.Source, pct(s.Coverage), s.Passage+1)
			}
			ew.printf("  %3d  %-48s %q\n", i+1, src, clip(s.Text, 60))
		}
	}
	ew.printf("\nSources\n")
	for _, s := range r.Sources {
		line := fmt.Sprintf("  %-22s %-12s %-10s %-5s covers %5s  %d passage(s), origin of %d  %s",
			clip(s.Doc.ID, 22), clip(orDash(s.Doc.Source), 12), day(s.Doc), clip(orDash(s.Doc.Lang), 5), pct(s.Coverage),
			s.Passages, s.Origins, clip(s.Doc.Title, 50))
		ew.printf("%s\n", strings.TrimRight(line, " "))
	}
	quotes(ew, r.Quotes)
	return ew.err
}

// textSpin writes what the article's own text says about spin, with no
// source: the verdict and every tell, one line each.
func textSpin(ew *errWriter, ts stemma.TextSpin) {
	if ts.Explanation == "" {
		return // a report from before source-free tells
	}
	label := "Spin in its own text"
	if ts.Spun {
		label = "SPUN, by its own text"
	}
	ew.printf("  %s: %s\n", label, ts.Explanation)
	for _, t := range ts.Tells {
		ew.printf("    %-16s bytes %d-%d %q: %s\n", t.Kind, t.Article.Start, t.Article.End, t.Text, t.Reason)
	}
}

// quotes writes the quote findings, most severe first, one line each.
func quotes(ew *errWriter, fs []stemma.QuoteFinding) {
	if len(fs) == 0 {
		return
	}
	ew.printf("\nQuotes\n")
	for _, f := range fs {
		ew.printf("  %-6s %-18s bytes %d-%d  %s\n", f.Severity, f.Kind, f.Quote.Text.Start, f.Quote.Text.End, f.Explanation)
	}
}

func originNote(p stemma.Passage) string {
	o := p.Witnesses[p.Origin]
	switch p.OriginBasis {
	case stemma.DateTie:
		return fmt.Sprintf("%s, tied with %d other(s) on date, chosen by similarity", day(o.Doc), len(p.Tied))
	case stemma.Undated:
		return "no witness is dated; chosen by similarity"
	}
	return "earliest, " + day(o.Doc)
}

// changes summarises the non-matching edits, at most limit of them.
func changes(edits []stemma.Edit, limit int) string {
	var parts []string
	n := 0
	for _, e := range edits {
		if e.Kind == stemma.Match {
			continue
		}
		n++
		if len(parts) == limit {
			continue
		}
		switch e.Kind {
		case stemma.Substitute:
			note := ""
			if e.Change != "" && e.Change != stemma.OtherChange {
				note = " (" + string(e.Change) + ")"
			}
			parts = append(parts, fmt.Sprintf("%q → %q%s", clip(e.SourceText, 40), clip(e.ArticleText, 40), note))
		case stemma.Insert:
			parts = append(parts, fmt.Sprintf("+%q", clip(e.ArticleText, 40)))
		case stemma.Delete:
			parts = append(parts, fmt.Sprintf("-%q", clip(e.SourceText, 40)))
		}
	}
	if n > limit {
		parts = append(parts, fmt.Sprintf("and %d more", n-limit))
	}
	return strings.Join(parts, "; ")
}

// shares says what a reworded witness kept, naming up to limit words: see
// [Shared].
func shares(p stemma.Passage, w stemma.Witness, code string, limit int) string {
	matched, words := Shared(p, w, code)
	if matched == 0 {
		return ""
	}
	out := fmt.Sprintf("%d words as written", matched)
	if len(words) == 0 {
		return out
	}
	var parts []string
	for _, word := range words[:min(limit, len(words))] {
		parts = append(parts, fmt.Sprintf("%q", word))
	}
	if len(words) > limit {
		parts = append(parts, "…")
	}
	return out + ", among them " + strings.Join(parts, ", ")
}

// Shared returns how many words of passage p witness w matches word for
// word, and the distinct ones worth naming: the names and figures first
// (what a rewording keeps), then the other words of three letters or more
// that are not function words of the article's language code nor of
// English (which paraphrase alignment leaves out in every language), in
// the article's order. It is what a reader wants of a reworded witness
// (paraphrase, summary), where a word diff pairs unrelated words.
func Shared(p stemma.Passage, w stemma.Witness, code string) (matched int, words []string) {
	var names, others []string
	seen := map[string]bool{}
	for _, e := range w.Edits {
		if e.Kind != stemma.Match || e.Article.Start < p.Article.Start || e.Article.End > p.Article.End {
			continue
		}
		for _, word := range strings.FieldsFunc(p.Text[e.Article.Start-p.Article.Start:e.Article.End-p.Article.Start], notWordRune) {
			matched++
			key := strings.ToLower(word)
			r, _ := utf8.DecodeRuneInString(word)
			if seen[key] || utf8.RuneCountInString(word) < 3 && !unicode.IsDigit(r) || lang.IsFunctionWord(code, key) || lang.IsFunctionWord("en", key) {
				continue
			}
			seen[key] = true
			if unicode.IsUpper(r) || unicode.IsDigit(r) {
				names = append(names, word)
			} else {
				others = append(others, word)
			}
		}
	}
	return matched, append(names, others...)
}

// notWordRune reports whether r is neither a letter nor a digit.
func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func day(d stemma.Doc) string {
	if !d.Dated() {
		return "undated"
	}
	return d.Date.Format("2006-01-02")
}

func pct(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// clip shortens s to at most n runes, collapsing whitespace.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
