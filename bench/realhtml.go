package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/stemmanews/stemma/ingest"
)

// The folders of Options.Extra that hold the real-page corpora
// (scripts/extra-data).
const (
	TrafilaturaHTMLDir = "html-trafilatura"
	ScrapinghubHTMLDir = "html-scrapinghub"
)

// RealHTMLResult scores main-text extraction on real web pages that others
// collected and annotated, for stemma and for the two libraries it builds
// on, each alone, in the same run.
type RealHTMLResult struct {
	Rows []RealHTMLRow `json:"rows"`
	// Missing, when the corpora are missing, says where they were looked
	// for.
	Missing string `json:"missing,omitempty"`
}

// A RealHTMLRow is one extractor on one set of pages.
type RealHTMLRow struct {
	// Set names the pages: the tuning or held-out half of the Trafilatura
	// corpus, or the Scrapinghub benchmark.
	Set       string `json:"set"`
	Extractor string `json:"extractor"`
	ingest.RealScores
	Seconds     float64 `json:"seconds"`
	PagesPerSec float64 `json:"pages_per_sec"`
}

// realHTMLExtractors are the extractors the suite compares, stemma first.
var realHTMLExtractors = []string{"stemma", "trafilatura", "readability"}

// realHTMLSuite extracts every page of the two corpora with each of
// realHTMLExtractors and scores them.
func realHTMLSuite(opts Options) (*RealHTMLResult, error) {
	trDir := filepath.Join(opts.Extra, TrafilaturaHTMLDir)
	shDir := filepath.Join(opts.Extra, ScrapinghubHTMLDir)
	for _, d := range []string{trDir, shDir} {
		if _, err := os.Stat(d); err != nil {
			return &RealHTMLResult{Missing: d}, nil
		}
	}
	tr, err := ingest.ReadTrafilaturaCorpus(trDir)
	if err != nil {
		return nil, err
	}
	sh, err := ingest.ReadScrapinghubCorpus(shDir)
	if err != nil {
		return nil, err
	}
	tune, test := ingest.SplitReal(tr)
	sets := []struct {
		name  string
		pages []ingest.RealPage
	}{
		{"Trafilatura corpus, tuning half", tune},
		{"Trafilatura corpus, held-out half", test},
		{"Scrapinghub benchmark", sh},
	}
	res := &RealHTMLResult{}
	for _, s := range sets {
		for _, name := range realHTMLExtractors {
			start := time.Now()
			sc := ingest.ScoreReal(s.pages, ingest.Extractors[name])
			secs := time.Since(start).Seconds()
			sc.Misses = nil
			res.Rows = append(res.Rows, RealHTMLRow{Set: s.name, Extractor: name, RealScores: sc,
				Seconds: secs, PagesPerSec: float64(sc.Pages) / secs})
		}
	}
	return res, nil
}

// markdown writes the real-page part of the ingest section with p.
func (s *RealHTMLResult) markdown(p func(format string, args ...any)) {
	p("**Main-text extraction from real pages.** Two corpora of real web pages that others collected and annotated (`scripts/extra-data` lays them out; licences in their `SOURCE.txt`): ")
	p("the *Trafilatura corpus* (990 pages of news, magazines, blogs and institutions, German first, then English, Polish, Spanish, French and others; each with 1 to 6 segments of main text that must be found and of boilerplate that must not), scored as its own evaluation scores it, by segment over the whole set (a segment is found when the text holds it, white space and soft hyphens aside); ")
	p("and the *Scrapinghub benchmark* (181 English-language news and blog pages with their whole article body), scored as its own evaluation scores it, by shingles of four word tokens, precision and recall averaged over pages. ")
	p("The Trafilatura corpus is split in two halves by a hash of each page's file name (`ingest.RealPage`): **the tuning half** is the only one whose misses were read while writing stemma's rules (the encoding rule, the boilerplate rules of `ingest/boilerplate.go`, the choice to add only a lead paragraph that the other extractors agree on); **the held-out half** was only scored. ")
	p("The Scrapinghub benchmark was scored after each change as a check, never read page by page. ")
	p("*stemma* is `ingest.ExtractHTML`: the page decoded by stemma's encoding rule, go-trafilatura with readability (readeck) and DOM Distiller as fallback candidates that trafilatura's own comparison chooses among, boilerplate paragraphs dropped, and a lead paragraph added when both other extractors find it before the chosen text. ")
	p("*trafilatura* and *readability* are go-trafilatura and readeck's go-readability alone with their defaults, on the page decoded as `golang.org/x/net/html/charset` decides (a program calling them directly). ")
	p("*mojibake* counts pages whose bytes are valid UTF-8 and whose text came out with UTF-8 read as windows-1252 (`ingest.HasMojibake`). Pages/s is extraction alone, one core.\n\n")
	if notRun(p, s.Missing) {
		return
	}
	p("| pages | extractor | precision | recall | F1 | mojibake (of valid UTF-8) | pages/s |\n|---|---|---|---|---|---|---|\n")
	for _, r := range s.Rows {
		name := r.Extractor
		if name == "stemma" {
			name = "**stemma**"
		}
		counts := ""
		if r.TP+r.FN > 0 {
			counts = fmt.Sprintf(" (%d of %d kept, %d boilerplate kept)", r.TP, r.TP+r.FN, r.FP)
		}
		p("| %s (%d) | %s | %.3f | %.3f%s | %.3f | %d of %d | %.0f |\n", r.Set, r.Pages, name, r.Precision, r.Recall, counts, r.F1, r.Mojibake, r.UTF8Pages, r.PagesPerSec)
	}
	p("\n")
}

// notRun writes, when missing names the directory a suite looked for its
// corpus in, that the suite did not run, and reports whether it did so.
func notRun(p func(format string, args ...any), missing string) bool {
	if missing == "" {
		return false
	}
	p("Not run: corpus missing (looked in `%s`; set `--extra` or `$STEMMA_DATA_EXTRA`).\n\n", missing)
	return true
}
