package ingest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	nurl "net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"github.com/zeebo/xxh3"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

// This file measures [ExtractHTML] on real web pages that others collected
// and annotated, read from the labelled corpora that scripts/extra-data
// lays out: the Trafilatura evaluation corpus (pages with segments that
// must and must not be extracted) and the Scrapinghub article extraction
// benchmark (pages with their whole article body). Package bench reports
// the scores, beside the extractors stemma builds on, run alone.

// A RealPage is a real web page with what extraction must find in it.
type RealPage struct {
	// Name is the page's file name in its corpus.
	Name string
	// URL is where the page was fetched.
	URL  string
	HTML []byte
	// With are segments of the main text that extraction must keep and
	// Without segments of boilerplate it must leave out (the Trafilatura
	// corpus); Body is the whole article body (the Scrapinghub corpus).
	With, Without []string
	Body          string
	// Test puts the page in the held-out half of its corpus: the rules
	// of [ExtractHTML] were written looking only at pages with Test false.
	Test bool
}

// SplitReal splits pages into the tuning half and the held-out half of
// their corpus (RealPage.Test).
func SplitReal(pages []RealPage) (tune, test []RealPage) {
	for _, p := range pages {
		if p.Test {
			test = append(test, p)
		} else {
			tune = append(tune, p)
		}
	}
	return tune, test
}

// heldOut decides a page's split from its name alone, so that the split
// never changes with the corpus's order or with what extraction does.
func heldOut(name string) bool { return xxh3.HashString(name)%2 == 1 }

// ReadTrafilaturaCorpus reads the Trafilatura evaluation corpus from dir:
// evaldata.json, naming for each page's URL its file (in eval/ or cache/)
// and the segments it must and must not yield.
func ReadTrafilaturaCorpus(dir string) ([]RealPage, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	if err != nil {
		return nil, err
	}
	var items map[string]struct {
		File    string   `json:"file"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "evaldata.json"), err)
	}
	pages := make([]RealPage, 0, len(items))
	for url, it := range items {
		p := RealPage{Name: it.File, URL: url, With: it.With, Without: it.Without, Test: heldOut(it.File)}
		for _, sub := range []string{"eval", "cache"} {
			if p.HTML, err = os.ReadFile(filepath.Join(dir, sub, it.File)); err == nil {
				break
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s: page of %s: %w", dir, url, err)
		}
		pages = append(pages, p)
	}
	slices.SortFunc(pages, func(a, b RealPage) int { return strings.Compare(a.Name, b.Name) })
	return pages, nil
}

// ReadScrapinghubCorpus reads the Scrapinghub article extraction benchmark
// from dir: ground-truth.json, naming for each page's id its URL and
// article body, and the gzipped pages html/ID.html.gz.
func ReadScrapinghubCorpus(dir string) ([]RealPage, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var items map[string]struct {
		Body string `json:"articleBody"`
		URL  string `json:"url"`
	}
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "ground-truth.json"), err)
	}
	pages := make([]RealPage, 0, len(items))
	for id, it := range items {
		name := filepath.Join("html", id+".html.gz")
		p := RealPage{Name: name, URL: it.URL, Body: it.Body, Test: true}
		if p.HTML, err = readGzip(filepath.Join(dir, name)); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, name), err)
		}
		pages = append(pages, p)
	}
	slices.SortFunc(pages, func(a, b RealPage) int { return strings.Compare(a.Name, b.Name) })
	return pages, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// An Extractor turns a page into its main text.
type Extractor func(page []byte, pageURL string) (string, error)

// Extractors are what [ScoreReal] compares: "stemma" is [ExtractHTML];
// "trafilatura" and "readability" are the two libraries it builds on, each
// run alone with its defaults on the page decoded as golang.org/x/net's
// html/charset decides (BOM, header, meta, else a guess from the first
// kilobyte), as a program calling them directly would.
var Extractors = map[string]Extractor{
	"stemma": func(page []byte, pageURL string) (string, error) {
		a, err := extractHTML(page, pageURL, "")
		return a.Doc.Text, err
	},
	"trafilatura": func(page []byte, pageURL string) (string, error) {
		doc, base, err := parseNaive(page, pageURL)
		if err != nil {
			return "", err
		}
		res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{OriginalURL: base, ExcludeComments: true})
		if err != nil {
			return "", err
		}
		text, _ := flatten(res.ContentNode, "")
		return text, nil
	},
	"readability": func(page []byte, pageURL string) (string, error) {
		doc, base, err := parseNaive(page, pageURL)
		if err != nil {
			return "", err
		}
		ra, err := readability.FromDocument(doc, base)
		if err != nil {
			return "", err
		}
		text, _ := flatten(ra.Node, "")
		return text, nil
	},
}

// parseNaive decodes a page as golang.org/x/net/html/charset decides and
// parses it.
func parseNaive(page []byte, pageURL string) (*html.Node, *nurl.URL, error) {
	enc, _, _ := charset.DetermineEncoding(page, "")
	utf, err := enc.NewDecoder().Bytes(page)
	if err != nil {
		return nil, nil, err
	}
	doc, err := html.Parse(bytes.NewReader(utf))
	return doc, pageBase(pageURL), err
}

// RealScores are the scores of one extractor on a corpus of real pages.
//
// On the Trafilatura corpus a segment is found when the extracted text
// holds it, white space and soft hyphens aside: a With segment found is a true positive,
// one missed a false negative, a Without segment found a false positive;
// the scores are over all segments, as that corpus's own evaluation counts
// them. On the Scrapinghub corpus each page's extracted text and article
// body are cut into shingles of four word tokens, and precision and
// recall are the means over pages of each page's shares, as that corpus's
// own evaluation computes them.
type RealScores struct {
	Pages int `json:"pages"`
	// Failed counts pages the extractor returned an error for; they
	// count as empty output.
	Failed int `json:"failed"`
	// TP, FP, FN and TN count segments (Trafilatura corpus).
	TP int `json:"tp,omitempty"`
	FP int `json:"fp,omitempty"`
	FN int `json:"fn,omitempty"`
	TN int `json:"tn,omitempty"`

	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`

	// UTF8Pages counts pages whose bytes are valid UTF-8 with some
	// non-ASCII text, and Mojibake those of them whose extracted text
	// shows UTF-8 decoded as windows-1252 ("fÃ¼hrte") where the page's
	// own bytes do not (one page of the Trafilatura corpus carries such
	// damage in its source).
	UTF8Pages int `json:"utf8_pages"`
	Mojibake  int `json:"mojibake"`
	// Misses names the pages with a missed or unwanted segment, with the
	// segment, one a line, for reading what went wrong.
	Misses []string `json:"-"`
}

// visible returns s as a reader sees it, for matching segments: white
// space collapsed and soft hyphens left out (the Trafilatura corpus's
// segments were copied from pages with them, and stemma drops them).
func visible(s string) string { return squeeze(strings.ReplaceAll(s, string(softHyphen), "")) }

// ScoreReal runs extract on every page and scores it.
func ScoreReal(pages []RealPage, extract Extractor) RealScores {
	var sc RealScores
	var sumP, sumR float64
	var nP, nR int
	for i := range pages {
		p := &pages[i]
		sc.Pages++
		text, err := extract(p.HTML, p.URL)
		if err != nil {
			sc.Failed++
			text = ""
		}
		if multi, invalid := utf8Shape(p.HTML); multi && !invalid {
			sc.UTF8Pages++
			if HasMojibake(text) && !HasMojibake(string(p.HTML)) {
				sc.Mojibake++
				sc.Misses = append(sc.Misses, p.Name+": mojibake")
			}
		}
		if p.Body != "" || len(p.With) == 0 {
			tp, fp, fn := shingleMatch(p.Body, text)
			if tp+fp > 0 {
				sumP += pageShare(tp, fp, fp, fn)
				nP++
			}
			if tp+fn > 0 {
				sumR += pageShare(tp, fn, fp, fn)
				nR++
			}
			continue
		}
		got := visible(text)
		for _, w := range p.With {
			if strings.Contains(got, visible(w)) {
				sc.TP++
			} else {
				sc.FN++
				sc.Misses = append(sc.Misses, fmt.Sprintf("%s: missing %q", p.Name, w))
			}
		}
		for _, w := range p.Without {
			if strings.Contains(got, visible(w)) {
				sc.FP++
				sc.Misses = append(sc.Misses, fmt.Sprintf("%s: kept %q", p.Name, w))
			} else {
				sc.TN++
			}
		}
	}
	if nP+nR > 0 {
		sc.Precision, sc.Recall = sumP/float64(max(nP, 1)), sumR/float64(max(nR, 1))
	} else {
		sc.Precision, sc.Recall = ratio(sc.TP, sc.TP+sc.FP), ratio(sc.TP, sc.TP+sc.FN)
	}
	if sc.Precision+sc.Recall > 0 {
		sc.F1 = 2 * sc.Precision * sc.Recall / (sc.Precision + sc.Recall)
	}
	return sc
}

// HasMojibake reports whether s shows UTF-8 decoded as windows-1252: a
// run of characters whose windows-1252 bytes form one UTF-8 character
// from the ranges such damage comes from in text (Latin letters, Greek
// and Cyrillic, general punctuation, the euro sign), as "Ã¼" for "ü" in
// "fÃ¼hrte", "Å‚" for "ł" or "â€™" for "’".
func HasMojibake(s string) bool {
	rs := []rune(s)
	var buf [4]byte
	for i, r := range rs {
		lead, ok := cp1252Byte(r)
		if !ok || lead < 0xC2 || lead > 0xF4 {
			continue
		}
		n := 2
		if lead >= 0xE0 {
			n = 3
		}
		if lead >= 0xF0 {
			n = 4
		}
		if i+n > len(rs) {
			continue
		}
		buf[0] = lead
		whole := true
		for k := 1; k < n; k++ {
			b, ok := cp1252Byte(rs[i+k])
			if !ok || b < 0x80 || b > 0xBF {
				whole = false
				break
			}
			buf[k] = b
		}
		if !whole {
			continue
		}
		if c, size := utf8.DecodeRune(buf[:n]); size == n && plausible(c) {
			return true
		}
	}
	return false
}

// plausible reports whether c is a character whose UTF-8 bytes, read as
// windows-1252, show up in damaged text.
func plausible(c rune) bool {
	return 0xA0 <= c && c <= 0x24F || 0x370 <= c && c <= 0x4FF || 0x2010 <= c && c <= 0x205F || c == 0x20AC
}

// cp1252Byte returns windows-1252's byte for r.
func cp1252Byte(r rune) (byte, bool) {
	if r < 0x80 || 0xA0 <= r && r <= 0xFF {
		return byte(r), true
	}
	return charmap.Windows1252.EncodeRune(r)
}

// shingleMatch counts the four-token shingles of want and got that match
// (tp), are extra (fp) and are missing (fn), each count divided by their
// sum so that long pages weigh no more than short ones.
func shingleMatch(want, got string) (tp, fp, fn float64) {
	w, g := shingles(want), shingles(got)
	for k, n := range w {
		m := g[k]
		tp += float64(min(n, m))
		fn += float64(max(0, n-m))
	}
	for k, m := range g {
		fp += float64(max(0, m-w[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return tp, fp, fn
}

// shingles counts the runs of four consecutive word tokens of s (letters,
// digits and underscores, as Python's \w); a text of fewer tokens is one
// shingle.
func shingles(s string) map[string]int {
	var toks []string
	start := -1
	for i, r := range s + " " {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '_'
		if word && start < 0 {
			start = i
		} else if !word && start >= 0 {
			toks = append(toks, s[start:i])
			start = -1
		}
	}
	out := map[string]int{}
	const n = 4
	for i := 0; i < max(1, len(toks)-n+1); i++ {
		end := min(i+n, len(toks))
		if i < end {
			key := toks[i]
			for _, t := range toks[i+1 : end] {
				key += "\x00" + t
			}
			out[key]++
		}
	}
	return out
}

// pageShare is one page's precision (wrong = fp) or recall (wrong = fn)
// as the Scrapinghub evaluation computes it: 1 when nothing is extra or
// missing, 0 when nothing matched or was wrong.
func pageShare(tp, wrong, fp, fn float64) float64 {
	if fp == 0 && fn == 0 {
		return 1
	}
	if tp == 0 && wrong == 0 {
		return 0
	}
	return tp / (tp + wrong)
}
