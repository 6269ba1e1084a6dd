package ingest

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// This file measures [ExtractHTML] on a corpus of news pages written for
// the purpose ([HTMLCorpus], [EvaluateHTML]). Package bench reports the
// scores on the benchmarks page; TestHTMLCorpus holds them to floors.

// htmlCorpus holds the pages of htmlcorpus/ and their sidecars: see
// [HTMLCorpus].
//
//go:embed htmlcorpus/*.html htmlcorpus/*.json
var htmlCorpus embed.FS

// An HTMLPage is one page of the HTML corpus with what extraction must
// find in it, read from its JSON sidecar.
type HTMLPage struct {
	// Name is the page's file name without ".html", as "en-flood".
	Name string `json:"-"`
	// HTML is the page itself.
	HTML []byte `json:"-"`
	// Layout names the hand-written page layout the article was set in.
	Layout string `json:"layout"`
	// Lang is the language, a BCP 47 primary tag such as "de".
	Lang  string `json:"lang"`
	Title string `json:"title"`
	// Date is the publication date, RFC 3339 or "2006-01-02"; "" for a
	// page that carries no date and must stay undated.
	Date string `json:"date"`
	// Site is the site's name and Host its host name: a Source equal to
	// either is right.
	Site   string `json:"site"`
	Host   string `json:"host"`
	Author string `json:"author"`
	// Text is the article's main text, paragraphs separated by a blank
	// line.
	Text string `json:"text"`
	// Must are the sentences of Text that extraction must find, and
	// MustNot sentences of the page's boilerplate that it must leave out.
	Must    []string `json:"must"`
	MustNot []string `json:"must_not"`
}

// HTMLCorpus returns the pages of the HTML extraction corpus, embedded at
// build time from ingest/htmlcorpus/, in order of name: 30 news pages
// written for this measurement in seven languages, each set in one of eight
// hand-written layouts with its boilerplate (menus, cookie banners and
// modals, ads and newsletter boxes, some inside the story body, related
// links, "most read" lists, comments, share buttons, paywall offers,
// captions, footers). Four pages have broken markup (table layout, <font>,
// unclosed <p> and <div>, crossed <b><i>, stray </div> and </span>) and
// six have no date at all. generate.py in that directory writes them.
func HTMLCorpus() ([]HTMLPage, error) {
	names, err := fs.Glob(htmlCorpus, "htmlcorpus/*.html")
	if err != nil {
		return nil, err
	}
	pages := make([]HTMLPage, 0, len(names))
	for _, name := range names {
		var p HTMLPage
		sidecar := strings.TrimSuffix(name, ".html") + ".json"
		raw, err := htmlCorpus.ReadFile(sidecar)
		if err != nil {
			return nil, fmt.Errorf("HTML corpus: %w", err)
		}
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("HTML corpus: %s: %w", sidecar, err)
		}
		if p.Date != "" {
			if _, ok := p.date(); !ok {
				return nil, fmt.Errorf("HTML corpus: %s: bad date %q", sidecar, p.Date)
			}
		}
		p.Name = strings.TrimSuffix(path.Base(name), ".html")
		if p.HTML, err = htmlCorpus.ReadFile(name); err != nil {
			return nil, fmt.Errorf("HTML corpus: %w", err)
		}
		pages = append(pages, p)
	}
	return pages, nil
}

// date returns the page's publication date in UTC, the zero time for an
// undated page.
func (p *HTMLPage) date() (time.Time, bool) {
	if p.Date == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if d, err := time.Parse(layout, p.Date); err == nil {
			return d.UTC(), true
		}
	}
	return time.Time{}, false
}

// HTMLScores are the scores of [EvaluateHTML].
//
// Scoring is by sentence. Recall is the share of the pages' Must sentences
// found in the extracted texts; precision is the share of the extracted
// sentences that belong to their page's main text. Sentences are split
// after . ! ? or a closing quote followed by a capital letter or an
// opening quote; comparisons ignore differences of white space.
type HTMLScores struct {
	// Pages is the number of pages in the corpus, Extracted those
	// [ExtractHTML] returned an article for.
	Pages     int `json:"pages"`
	Extracted int `json:"extracted"`
	// Languages counts the pages of each language; Layouts is the number
	// of distinct page layouts.
	Languages map[string]int `json:"languages"`
	Layouts   int            `json:"layouts"`

	// Must is the number of sentences to find, Found those found.
	Must  int `json:"must"`
	Found int `json:"found"`
	// Sentences is the number of sentences extracted, Correct those that
	// belong to the main text.
	Sentences int     `json:"sentences"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	// Boilerplate is the number of MustNot sentences kept, in
	// BoilerplatePages pages.
	Boilerplate      int `json:"boilerplate"`
	BoilerplatePages int `json:"boilerplate_pages"`

	// Metadata right, out of Extracted: the title; the date, with an
	// undated page (Undated of them) right only when left undated; the
	// language's primary tag; the source, as the site's name or its host.
	Titles  int `json:"titles"`
	Dates   int `json:"dates"`
	Undated int `json:"undated"`
	Langs   int `json:"langs"`
	Sources int `json:"sources"`

	// BadParagraphs counts pairs of consecutive [Article.Paragraphs] not
	// separated by exactly "\n\n", which must never happen.
	BadParagraphs int `json:"bad_paragraphs"`
	// Mistakes describes every missed sentence, extra sentence, kept
	// boilerplate sentence, wrong metadata field and failed page, one a
	// line, as "en-flood (L1): missing \"…\"".
	Mistakes []string `json:"mistakes,omitempty"`
}

// EvaluateHTML extracts every page with [ExtractHTML] and scores the
// result against the page's sidecar. A page that fails to extract is
// counted in Pages, not in Extracted, and its error is listed in Mistakes.
// It costs one extraction per page, well under a second for the 30 pages
// of [HTMLCorpus].
func EvaluateHTML(pages []HTMLPage) HTMLScores {
	sc := HTMLScores{Pages: len(pages), Languages: map[string]int{}}
	layouts := map[string]bool{}
	for i := range pages {
		want := &pages[i]
		sc.Languages[want.Lang]++
		layouts[want.Layout] = true
		if want.Date == "" {
			sc.Undated++
		}
		miss := func(format string, args ...any) {
			sc.Mistakes = append(sc.Mistakes, fmt.Sprintf("%s (%s): ", want.Name, want.Layout)+fmt.Sprintf(format, args...))
		}
		a, err := ExtractHTML(bytes.NewReader(want.HTML), "", "")
		if err != nil {
			miss("%v", err)
			continue
		}
		sc.Extracted++
		got := squeeze(a.Doc.Text)
		for _, s := range want.Must {
			sc.Must++
			if strings.Contains(got, squeeze(s)) {
				sc.Found++
			} else {
				miss("missing %q", s)
			}
		}
		expected := squeeze(want.Text)
		for _, s := range splitSentences(a.Doc.Text) {
			sc.Sentences++
			if strings.Contains(expected, squeeze(s)) {
				sc.Correct++
			} else {
				miss("extra %q", s)
			}
		}
		kept := 0
		for _, s := range want.MustNot {
			if strings.Contains(got, squeeze(s)) {
				kept++
				miss("boilerplate kept %q", s)
			}
		}
		sc.Boilerplate += kept
		if kept > 0 {
			sc.BoilerplatePages++
		}
		if a.Doc.Title == want.Title {
			sc.Titles++
		} else {
			miss("title %q, want %q", a.Doc.Title, want.Title)
		}
		if wantDate, _ := want.date(); a.Doc.Date.Equal(wantDate) {
			sc.Dates++
		} else {
			miss("date %v, want %v", a.Doc.Date, wantDate)
		}
		if strings.HasPrefix(strings.ToLower(a.Doc.Lang), want.Lang) {
			sc.Langs++
		} else {
			miss("lang %q, want %q", a.Doc.Lang, want.Lang)
		}
		if a.Doc.Source == want.Site || a.Doc.Source == want.Host {
			sc.Sources++
		} else {
			miss("source %q, want %q or %q", a.Doc.Source, want.Site, want.Host)
		}
		for j := 1; j < len(a.Paragraphs); j++ {
			if a.Doc.Text[a.Paragraphs[j-1].End:a.Paragraphs[j].Start] != "\n\n" {
				sc.BadParagraphs++
				miss("paragraphs %d and %d are not separated by a blank line", j-1, j)
			}
		}
	}
	sc.Layouts = len(layouts)
	sc.Precision = ratio(sc.Correct, sc.Sentences)
	sc.Recall = ratio(sc.Found, sc.Must)
	return sc
}

// LanguageList returns the page counts of Languages, largest first, as
// "en 10, de 5, fr 5".
func (s *HTMLScores) LanguageList() string {
	langs := make([]string, 0, len(s.Languages))
	for l := range s.Languages {
		langs = append(langs, l)
	}
	slices.SortFunc(langs, func(a, b string) int {
		if c := s.Languages[b] - s.Languages[a]; c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	for i, l := range langs {
		langs[i] = fmt.Sprintf("%s %d", l, s.Languages[l])
	}
	return strings.Join(langs, ", ")
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// sentenceEnd is where a sentence may end: after . ! ? or a closing quote,
// and white space.
var sentenceEnd = regexp.MustCompile(`[.!?"»]\s+`)

// splitSentences splits text into sentences: at a sentenceEnd followed by
// a capital letter or an opening quote, and at blank lines.
func splitSentences(text string) []string {
	var out []string
	for _, para := range strings.Split(text, "\n\n") {
		start := 0
		for _, m := range sentenceEnd.FindAllStringIndex(para, -1) {
			next, _ := utf8.DecodeRuneInString(para[m[1]:])
			if !unicode.IsUpper(next) && !strings.ContainsRune(`"«¿¡`, next) {
				continue
			}
			out = append(out, strings.TrimSpace(para[start:m[1]]))
			start = m[1]
		}
		if s := strings.TrimSpace(para[start:]); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// squeeze collapses every run of white space to one space.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }
