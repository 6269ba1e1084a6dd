package quote

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
)

// This file reads PolNeAR, the Political News Attribution Relations corpus
// (Newell, Margolin and Ruths, LREC 2018; github.com/networkdynamics/PolNeAR):
// 1,028 US political news articles of 2015–2016 from seven publishers, every
// attribution in them annotated by hand (direct and indirect speech, beliefs,
// intentions) with its Source (the speaker as written, possibly a pronoun),
// Cue and Content. It is a test set no rule of this package was written for;
// see [EvaluatePolNeAR].
//
// The corpus is not part of the repository. Its layout, as in the data/
// folder of the public repository:
//
//	<split>/text/<article>.txt                      the article, UTF-8
//	<split>/attributions/<article>_<annotator>.ann  brat standoff (see [ReadBrat])
//
// with the official splits train (the first ten months), dev (the
// eleventh) and test (the twelfth). An Attribution event joins a Source, a
// Cue and one or more Content spans; an Attribution-no-source event has no
// Source.

// PolNeARSplits are the official splits of PolNeAR.
var PolNeARSplits = []string{"train", "dev", "test"}

// Errors of the PolNeAR loader.
var (
	// ErrUnknownSplit is returned for a split other than [PolNeARSplits].
	ErrUnknownSplit = errors.New("quote: unknown PolNeAR split")
	// ErrBadAttribution marks an attribution event that cannot be scored: no
	// content, or content of another type.
	ErrBadAttribution = errors.New("quote: bad PolNeAR attribution")
	// ErrNoAnnotation marks an article without an annotation file.
	ErrNoAnnotation = errors.New("quote: PolNeAR article has no annotation file")
)

// PolNeAR is one split of the corpus.
type PolNeAR struct {
	Split    string
	Articles []PolNeARArticle
	// Skipped holds an error for every line, event or article that was
	// skipped: bad .ann lines (wrapping [ErrBadBrat]), attributions without
	// content (wrapping [ErrBadAttribution]), and articles without an
	// annotation file. Each names its file and, for a line, the line.
	Skipped []error
}

// PolNeARArticle is one annotated article.
type PolNeARArticle struct {
	// Doc holds the text; its ID is the file name without ".txt", its
	// Source the publisher (the name's first part: "nyt", "breitbart").
	Doc stemma.Doc
	// Ann is the name of the annotation file read. Some articles were
	// annotated by several annotators, to measure agreement; the loader reads
	// the first file in name order, as the corpus's own tools do.
	Ann          string
	Attributions []PolNeARAttribution
}

// PolNeARAttribution is one annotated attribution. Spans are byte offsets
// into the article's text (the corpus counts characters; the loader
// converts them).
type PolNeARAttribution struct {
	// Content holds the segments of what is attributed, in text order. For
	// a quote they include the marks.
	Content []stemma.Span
	// Source is the speaker as written ("Mr. Trump", "he", "who"); it is
	// zero for an Attribution-no-source event. Cue is the reporting
	// expression ("said", "told reporters"). Both are the extent of their
	// segments.
	Source stemma.Span
	Cue    stemma.Span
	// Direct is set when the content is a direct quote: it opens with a
	// quotation mark and ends with one. Quote is then the words inside the
	// outer marks, trimmed of spaces, as [Find] reports a quote's text.
	Direct bool
	Quote  stemma.Span
	// Line is the event's line in the .ann file.
	Line int
}

// Extent is the span from the start of the first content segment to the
// end of the last.
func (a PolNeARAttribution) Extent() stemma.Span {
	if len(a.Content) == 0 {
		return stemma.Span{}
	}
	return stemma.Span{Start: a.Content[0].Start, End: a.Content[len(a.Content)-1].End}
}

// LoadPolNeAR reads one split ("train", "dev" or "test") of PolNeAR from
// dir, the corpus's data folder; see [ReadPolNeAR].
func LoadPolNeAR(dir, split string) (*PolNeAR, error) {
	return ReadPolNeAR(os.DirFS(dir), split)
}

// ReadPolNeAR reads one split of PolNeAR from fsys, laid out as the corpus's
// data folder. It fails for an unknown split or an unreadable folder; bad
// lines and events are skipped and listed in [PolNeAR.Skipped]. Reading the
// test split (84 articles) takes a few milliseconds.
func ReadPolNeAR(fsys fs.FS, split string) (*PolNeAR, error) {
	if !slices.Contains(PolNeARSplits, split) {
		return nil, fmt.Errorf("%w: %q (want one of %s)", ErrUnknownSplit, split, strings.Join(PolNeARSplits, ", "))
	}
	texts, err := fs.Glob(fsys, path.Join(split, "text", "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("reading PolNeAR %s: %w", split, err)
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("reading PolNeAR %s: no texts in %s: %w", split, path.Join(split, "text"), fs.ErrNotExist)
	}
	anns, err := fs.Glob(fsys, path.Join(split, "attributions", "*.ann"))
	if err != nil {
		return nil, fmt.Errorf("reading PolNeAR %s: %w", split, err)
	}
	slices.Sort(anns)
	c := &PolNeAR{Split: split}
	for _, tp := range texts {
		id := strings.TrimSuffix(path.Base(tp), ".txt")
		// The first annotation file of the article: <id>_<annotator>.ann.
		prefix := path.Join(split, "attributions", id+"_")
		annPath := ""
		for i, _ := slices.BinarySearch(anns, prefix); i < len(anns) && strings.HasPrefix(anns[i], prefix); i++ {
			if !strings.Contains(strings.TrimPrefix(anns[i], prefix), "_") {
				annPath = anns[i]
				break
			}
		}
		if annPath == "" {
			c.Skipped = append(c.Skipped, fmt.Errorf("%s: %w", tp, ErrNoAnnotation))
			continue
		}
		text, err := fs.ReadFile(fsys, tp)
		if err != nil {
			return nil, fmt.Errorf("reading PolNeAR: %w", err)
		}
		ann, err := fs.ReadFile(fsys, annPath)
		if err != nil {
			return nil, fmt.Errorf("reading PolNeAR: %w", err)
		}
		publisher, _, _ := strings.Cut(id, "_")
		a := PolNeARArticle{Doc: stemma.Doc{ID: id, Source: publisher, Text: string(text)}, Ann: annPath}
		var skipped []error
		a.Attributions, skipped = attributions(annPath, string(ann), a.Doc.Text)
		c.Skipped = append(c.Skipped, skipped...)
		c.Articles = append(c.Articles, a)
	}
	return c, nil
}

// attributions reads the attribution events of one .ann file, in the order
// of their content in the text.
func attributions(name, ann, text string) ([]PolNeARAttribution, []error) {
	b := ReadBrat(name, ann, text)
	skipped := b.Skipped
	var out []PolNeARAttribution
	for _, e := range b.Events {
		if e.Type != "Attribution" && e.Type != "Attribution-no-source" {
			continue
		}
		a := PolNeARAttribution{Line: e.Line}
		bad := ""
		for _, id := range e.Arg("Content") {
			s := b.Spans[id]
			if s.Type != "Content" {
				bad = fmt.Sprintf("content %s is a %s", id, s.Type)
			}
			a.Content = append(a.Content, s.Segments...)
		}
		if len(a.Content) == 0 && bad == "" {
			bad = "no content"
		}
		if bad != "" {
			skipped = append(skipped, fmt.Errorf("%s line %d: %w: event %s: %s", name, e.Line, ErrBadAttribution, e.ID, bad))
			continue
		}
		slices.SortFunc(a.Content, func(x, y stemma.Span) int { return x.Start - y.Start })
		if ids := e.Arg("Source"); len(ids) > 0 && e.Type == "Attribution" {
			a.Source = b.Spans[ids[0]].Extent()
		}
		if ids := e.Arg("Cue"); len(ids) > 0 {
			a.Cue = b.Spans[ids[0]].Extent()
		}
		a.Quote, a.Direct = directQuote(text, a.Extent())
		out = append(out, a)
	}
	slices.SortStableFunc(out, func(x, y PolNeARAttribution) int { return x.Extent().Start - y.Extent().Start })
	return out, skipped
}

// directQuote reports whether the content span c of text is a direct quote,
// opening and ending with a quotation mark, and returns the words inside
// the outer marks.
func directQuote(text string, c stemma.Span) (stemma.Span, bool) {
	c = trim(text, c.Start, c.End)
	s := text[c.Start:c.End]
	open := markAt(s, 0, true)
	closing := markAt(s, len(s), false)
	if open == 0 || closing == 0 || open+closing > len(s) {
		return stemma.Span{}, false
	}
	q := trim(text, c.Start+open, c.End-closing)
	if q.Len() == 0 {
		return stemma.Span{}, false
	}
	return q, true
}

// markAt returns the length in bytes of the quotation mark that opens s at
// i (forward) or ends it at i (backward), or 0: a double quotation mark,
// straight, curly or angled, or the two apostrophes (”) some archives use.
func markAt(s string, i int, forward bool) int {
	if forward {
		if strings.HasPrefix(s[i:], "''") {
			return 2
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isDoubleMark(r) {
			return n
		}
		return 0
	}
	if strings.HasSuffix(s[:i], "''") {
		return 2
	}
	r, n := utf8.DecodeLastRuneInString(s[:i])
	if isDoubleMark(r) {
		return n
	}
	return 0
}

func isDoubleMark(r rune) bool { return strings.ContainsRune(`"“”„‟«»`, r) }
