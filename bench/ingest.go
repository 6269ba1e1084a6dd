package bench

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
)

// IngestResult measures reading news as it is found on the web: main-text
// extraction from HTML pages, and streaming a WARC archive of news pages
// into an index.
type IngestResult struct {
	// HTML scores extraction on the hand-written pages of
	// ingest.HTMLCorpus.
	HTML ingest.HTMLScores `json:"html"`
	// RealHTML scores extraction on real pages (the Trafilatura and
	// Scrapinghub corpora).
	RealHTML *RealHTMLResult `json:"real_html,omitempty"`
	// WARC is the cost of reading and indexing one WARC file.
	WARC    WARCResult `json:"warc"`
	Seconds float64    `json:"seconds"`
}

// WARCResult is the cost of streaming a WARC file of news pages
// (ingest.WriteNewsWARC), step by step from plain decompression to
// `stemma index` end to end, all on the same file in the same run.
type WARCResult struct {
	FileMB float64 `json:"file_mb"`
	// WARCMB is the size of the records uncompressed, TextMB that of the
	// stories' texts.
	WARCMB float64 `json:"warc_mb"`
	TextMB float64 `json:"text_mb"`
	Pages  int     `json:"pages"`
	// Stories is the number of distinct stories the pages wrap.
	Stories int        `json:"stories"`
	Steps   []WARCStep `json:"steps"`
}

// A WARCStep is one way of reading the whole WARC file.
type WARCStep struct {
	Step string `json:"step"`
	// Pages is the number of pages the step returned (0 for plain
	// decompression, which sees no pages).
	Pages        int     `json:"pages"`
	Seconds      float64 `json:"seconds"`
	FileMBPerSec float64 `json:"file_mb_per_sec"`
	WARCMBPerSec float64 `json:"warc_mb_per_sec"`
	PagesPerSec  float64 `json:"pages_per_sec"`
	// PeakRSSMB is the peak resident memory of the child process; 0 when
	// the step ran in the harness's own process and has no memory of its
	// own to measure.
	PeakRSSMB float64 `json:"peak_rss_mb,omitempty"`
}

// warcSize is the size of the WARC file the ingest suite streams.
const (
	warcSize      = 500 << 20
	warcSizeQuick = 20 << 20
)

// ingestSuite scores HTML extraction on ingest.HTMLCorpus, then writes a
// WARC file of news pages built from base (500 MiB; quick: 20 MiB) and
// measures reading it three ways: gzip decompression alone (the floor any
// WARC reader pays), ingest.Reader (WARC records and main-text extraction)
// and `stemma index` end to end as a child process (opts.Binary; in
// process when it is empty).
func ingestSuite(ctx context.Context, opts Options, base []stemma.Doc) (*IngestResult, error) {
	start := time.Now()
	res := &IngestResult{}
	pages, err := ingest.HTMLCorpus()
	if err != nil {
		return nil, err
	}
	res.HTML = ingest.EvaluateHTML(pages)
	if res.RealHTML, err = realHTMLSuite(opts); err != nil {
		return nil, err
	}

	work, err := os.MkdirTemp("", "stemma-ingest-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	size := int64(warcSize)
	if opts.Quick {
		size = warcSizeQuick
	}
	// A page takes about 5 KB of the file: ask for a quarter more
	// stories than that, so that every page is a different article.
	warc, err := ingest.WriteNewsWARC(work, varied(base, int(size/4000)), size)
	if err != nil {
		return nil, err
	}
	w := &res.WARC
	w.FileMB, w.WARCMB, w.TextMB = float64(warc.FileBytes)/1e6, float64(warc.WARCBytes)/1e6, float64(warc.TextBytes)/1e6
	w.Pages, w.Stories = warc.Pages, warc.Stories
	step := func(name string, pages int, el time.Duration, rssMB float64) {
		s := el.Seconds()
		w.Steps = append(w.Steps, WARCStep{Step: name, Pages: pages, Seconds: s,
			FileMBPerSec: w.FileMB / s, WARCMBPerSec: w.WARCMB / s, PagesPerSec: float64(w.Pages) / s,
			PeakRSSMB: rssMB})
	}

	t := time.Now()
	if err := gunzip(warc.Path); err != nil {
		return nil, err
	}
	step("gunzip (`compress/gzip`)", 0, time.Since(t), 0)

	t = time.Now()
	n, err := readWARC(warc.Path)
	if err != nil {
		return nil, err
	}
	step("read (`ingest.Reader`)", n, time.Since(t), 0)
	if n != warc.Pages {
		return nil, fmt.Errorf("reading %s: %d pages, want %d", warc.Path, n, warc.Pages)
	}

	db := filepath.Join(work, "db")
	var rssMB float64
	name := "index (`stemma index`, child process)"
	t = time.Now()
	if opts.Binary != "" {
		cmd := exec.CommandContext(ctx, opts.Binary, "index", "--quiet", "--db", db, warc.Path)
		if _, rssMB, err = runChild(cmd); err != nil {
			return nil, err
		}
	} else {
		name = "index (in process)"
		if err := indexWARCInProcess(ctx, db, warc.Path); err != nil {
			return nil, err
		}
	}
	el := time.Since(t)
	ix, err := index.Open(db, index.Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	c := ix.Counts()
	if err := ix.Close(); err != nil {
		return nil, err
	}
	step(name, int(c.Docs+c.Duplicates), el, rssMB)
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// gunzip decompresses every gzip member of the file and discards the
// bytes, as `zcat FILE > /dev/null` does.
func gunzip(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("gunzip %s: %w", path, err)
	}
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return fmt.Errorf("gunzip %s: %w", path, err)
	}
	return zr.Close()
}

// readWARC reads every page of the file with ingest.Reader and returns how
// many there were. A skipped record is an error: the file is well formed.
func readWARC(path string) (int, error) {
	r, err := ingest.NewReader([]string{path}, ingest.Options{})
	if err != nil {
		return 0, err
	}
	defer r.Close()
	n := 0
	for _, ok := r.Next(); ok; _, ok = r.Next() {
		n++
	}
	if s := r.Summary(); s.SkippedTotal() > 0 {
		return n, fmt.Errorf("reading %s: %d records skipped, first %v", path, s.SkippedTotal(), s.Skips[0])
	}
	return n, nil
}

// indexWARCInProcess does what `stemma index --db db path` does, in this
// process.
func indexWARCInProcess(ctx context.Context, db, path string) error {
	r, err := ingest.NewReader([]string{path}, ingest.Options{})
	if err != nil {
		return err
	}
	defer r.Close()
	ix, err := index.Open(db, index.Options{})
	if err != nil {
		return err
	}
	_, err = ix.Ingest(ctx, func() (stemma.Doc, bool) {
		rec, ok := r.Next()
		return rec.Doc, ok
	}, nil)
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	return err
}

// varied returns n stories built from base, as scaleUp does, but keeping
// each story's line breaks and indents, so its paragraphs survive: the
// first len(base) are base itself, and story k after them is story k mod
// len(base) with a quarter of its words replaced by words drawn from the
// corpus (seeded by k).
func varied(base []stemma.Doc, n int) []stemma.Doc {
	if n <= len(base) {
		return base[:n]
	}
	var vocab []string
	for _, d := range base[:min(len(base), 2000)] {
		vocab = append(vocab, strings.Fields(d.Text)...)
	}
	out := make([]stemma.Doc, 0, n)
	out = append(out, base...)
	var b strings.Builder
	for k := len(base); k < n; k++ {
		src := base[k%len(base)]
		rng := rand.New(rand.NewPCG(uint64(k), 0x5eed))
		b.Reset()
		for text := src.Text; text != ""; {
			i := strings.IndexFunc(text, func(r rune) bool { return !unicode.IsSpace(r) })
			if i < 0 {
				b.WriteString(text)
				break
			}
			b.WriteString(text[:i])
			text = text[i:]
			j := strings.IndexFunc(text, unicode.IsSpace)
			if j < 0 {
				j = len(text)
			}
			if rng.IntN(4) == 0 {
				b.WriteString(vocab[rng.IntN(len(vocab))])
			} else {
				b.WriteString(text[:j])
			}
			text = text[j:]
		}
		d := src
		d.ID = fmt.Sprintf("varied-%d", k)
		d.Text = b.String()
		out = append(out, d)
	}
	return out
}

// markdown writes the ingest section of the benchmarks page with p.
func (s *IngestResult) markdown(p func(format string, args ...any)) {
	h := &s.HTML
	p("## Ingest: HTML pages and WARC archives\n\n")
	p("**Main-text extraction from HTML pages.** `ingest.HTMLCorpus` (embedded from `ingest/htmlcorpus/`): %d news pages written for this measurement (%s), each set in one of %d hand-written layouts with its boilerplate: ", h.Pages, h.LanguageList(), h.Layouts)
	p("menus, cookie banners or modals, ad slots (two layouts put one and a newsletter box inside the story body), related links and teasers, \"most read\" lists, comments, share buttons, paywall offers, figure captions and footers. ")
	p("Four pages have broken markup (table layout, `<font>`, unclosed `<p>` and `<div>`, crossed `<b><i>`, stray `</div>` and `</span>`); %d have no date at all. ", h.Undated)
	p("Each page's sidecar gives its title, date, language, site, main text, the sentences extraction must find and boilerplate sentences it must leave out. ")
	p("`ingest.EvaluateHTML` scores by sentence: recall is the share of the main text's sentences found in the extracted text, precision the share of extracted sentences that belong to the main text. ")
	p("The package's tests assert floors on the same figures: precision ≥ 0.95, recall ≥ 0.90, at most 10 boilerplate sentences kept, every metadata field right. ")
	p("MinHash-LSH has no figure here: it takes text, not pages.\n\n")
	p("| measure | result |\n|---|---|\n")
	p("| pages extracted | %d of %d |\n", h.Extracted, h.Pages)
	p("| sentence precision | %.3f (%d of %d) |\n", h.Precision, h.Correct, h.Sentences)
	p("| sentence recall | %.3f (%d of %d) |\n", h.Recall, h.Found, h.Must)
	p("| boilerplate sentences kept | %d (in %d of %d pages) |\n", h.Boilerplate, h.BoilerplatePages, h.Pages)
	p("| title right | %d of %d |\n", h.Titles, h.Extracted)
	p("| date right (%d undated pages must stay undated) | %d of %d |\n", h.Undated, h.Dates, h.Extracted)
	p("| language right | %d of %d |\n", h.Langs, h.Extracted)
	p("| source (site name, else host) right | %d of %d |\n\n", h.Sources, h.Extracted)
	if len(h.Mistakes) > 0 {
		p("<details><summary>The %d misses, extra sentences and wrong fields of this run</summary>\n\n", len(h.Mistakes))
		for _, m := range h.Mistakes {
			p("- %s\n", clip(m, 300))
		}
		p("\n</details>\n\n")
	}

	if s.RealHTML != nil {
		s.RealHTML.markdown(p)
	}

	w := &s.WARC
	p("**Streaming a WARC archive.** `ingest.WriteNewsWARC` writes %.0f MB of `.warc.gz`, the way crawlers write it: every record its own gzip member, each page an HTTP 200 response record after its request record. ", w.FileMB)
	p("Each of its %d pages wraps a Reuters-21578 story (%d distinct stories: past the corpus, stories with a quarter of their words replaced, as in the speed suite) in a news page with inline styles and scripts, a menu, a cookie banner, related links and a footer, about %.0f KB a page with its request. ", w.Pages, w.Stories, 1000*w.WARCMB/float64(max(w.Pages, 1)))
	p("The file is %.0f MB of WARC records uncompressed, %.1f MB of story text. The same file is read three ways, each doing what the one before does and more: ", w.WARCMB, w.TextMB)
	p("*gunzip* decompresses every member with Go's `compress/gzip` and discards the bytes (`zcat FILE > /dev/null`), the floor any WARC reader pays; ")
	p("*read* is `ingest.Reader` in the harness's process: WARC records, HTTP responses, and every page's main text and metadata extracted; ")
	p("*index* is `stemma index --db DIR FILE.warc.gz` end to end as a child process, reading, tokenising, fingerprinting and persisting to Pebble (each commit synced: large ones as ingested sorted tables, see package index); peak RSS is the child's own (its VmHWM, read every 50 ms while it runs). ")
	p("Throughput is over the whole file: MB of the file, MB of uncompressed WARC and pages per second.\n\n")
	p("| step | file MB | pages | seconds | MB/s of file | MB/s of WARC | pages/s | peak RSS MB |\n|---|---|---|---|---|---|---|---|\n")
	for _, st := range w.Steps {
		pages, rss := "—", "—"
		if st.Pages > 0 {
			pages = fmt.Sprint(st.Pages)
		}
		if st.PeakRSSMB > 0 {
			rss = fmt.Sprintf("%.0f", st.PeakRSSMB)
		}
		p("| %s | %.1f | %s | %.1f | %.1f | %.1f | %.0f | %s |\n", st.Step, w.FileMB, pages, st.Seconds, st.FileMBPerSec, st.WARCMBPerSec, st.PagesPerSec, rss)
	}
	p("\nA dash for peak RSS: the step ran in the harness's own process, which holds the corpora of the other suites, so it has no memory of its own to measure. ")
	p("Reading is one goroutine and holds one record at a time; indexing fingerprints on every core.\n\n")
	p("Time for the whole suite, writing the file included: %.1f s.\n\n", s.Seconds)
}
