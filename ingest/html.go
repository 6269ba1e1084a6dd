package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	nurl "net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	distiller "github.com/markusmobius/go-domdistiller"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/stemmanews/stemma"
)

// ErrNoArticle is returned by [ExtractHTML] when a page has no main text
// that either extractor can find (an index page, a login wall, an empty
// shell filled in by JavaScript).
var ErrNoArticle = errors.New("ingest: no article text found")

// Article is the main text and metadata extracted from one HTML page.
type Article struct {
	// Doc holds the metadata and the extracted text. Doc.ID is left empty:
	// the caller names the document. Doc.Text is the extracted text itself,
	// paragraphs separated by a blank line, so offsets into it are exact.
	Doc stemma.Doc
	// Paragraphs are the spans of Doc.Text that each block of the page
	// (a paragraph, heading, list item, quotation, table row) became, in
	// order; the bytes between two of them are always "\n\n".
	Paragraphs []stemma.Span
	// Extractor names what found the text: "trafilatura" (its own
	// extraction, or DOM Distiller's when it fell back to that), or
	// "readability" when trafilatura's comparison chose readability's.
	Extractor string
}

// ExtractHTML reads an HTML page and extracts its article: the main text
// without navigation, advertising, related links, comments, cookie banners
// or footers, and its metadata.
//
// pageURL, if not empty, is where the page was fetched: a relative
// canonical link is resolved against it, and it is the document's URL when
// the page names none. contentType, if not empty, is the HTTP Content-Type,
// whose charset wins over the page's own declaration. The page is decoded
// to UTF-8 by a byte-order mark, else as UTF-8 when its bytes are valid
// UTF-8 with multi-byte characters (whatever is declared), else by the
// header's charset, a <meta> in its head, and windows-1252 for undeclared
// non-UTF-8 bytes (pageEncoding in charset.go has the reasons).
//
// The metadata comes from the page's markup only: the title, author, site
// name and language from meta tags, Open Graph, JSON-LD and the title
// element; the URL from the canonical link or og:url; the date from
// publication-date meta tags, JSON-LD datePublished or a <time> element
// marked as the publication time. A page without such a date is undated:
// no date is guessed from the text or the URL. Source is the site name, or
// else the host of the URL.
//
// The text comes from go-trafilatura, which compares its own extraction
// with codeberg.org/readeck/go-readability's, and with go-domdistiller's
// when neither is long enough, and keeps the best (trafilatura's
// compare_extraction). Paragraphs that
// pages put inside the story's container but are not the story ("read
// also" teasers, comment-moderation notices, copyright and photo-credit
// lines, newsletter and subscription pitches, paragraphs that are a
// single link) are dropped (boilerplate.go), and a lead paragraph that
// readability and DOM Distiller both find before trafilatura's text is
// added. It returns
// [ErrNoArticle] when none finds any text.
func ExtractHTML(r io.Reader, pageURL, contentType string) (Article, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return Article{}, err
	}
	return extractHTML(raw, pageURL, contentType)
}

func extractHTML(raw []byte, pageURL, contentType string) (Article, error) {
	utf, err := toUTF8(raw, contentType)
	if err != nil {
		return Article{}, err
	}
	base := pageBase(pageURL)
	doc, err := html.Parse(bytes.NewReader(utf))
	if err != nil {
		return Article{}, fmt.Errorf("parsing HTML: %w", err)
	}
	date, dayOnly := metaDate(doc)
	links := linkTexts(doc)
	var a Article
	// Readability works on a copy of the tree (FromDocument clones it), as
	// trafilatura does. Its text is a fallback candidate that trafilatura
	// compares with its own (its compare_extraction); when neither is long
	// enough, trafilatura tries DOM Distiller too.
	var cands trafilatura.FallbackCandidates
	var ra readability.Article
	var rParas []string
	if r, err := readability.FromDocument(doc, base); err == nil && r.Node != nil {
		ra, cands.Readability = r, r.Node
		rParas = dropBoilerplate(paragraphs(r.Node, r.Title()), links)
	}
	res, terr := trafilatura.ExtractDocument(doc, trafilatura.Options{
		OriginalURL:        base,
		ExcludeComments:    true,
		ExcludeTables:      false,
		HtmlDateMode:       trafilatura.Disabled, // dates come from metaDate only
		EnableFallback:     true,
		FallbackCandidates: &cands,
	})
	var paras []string
	if terr == nil && res != nil {
		switch res.ContentNode {
		case cands.Readability:
			paras, a.Extractor = rParas, "readability"
		default:
			paras, a.Extractor = dropBoilerplate(paragraphs(res.ContentNode, res.Metadata.Title), links), "trafilatura"
		}
		m := res.Metadata
		a.Doc.Title = clean(m.Title)
		a.Doc.Author = clean(m.Author)
		a.Doc.Lang = langTag(m.Language)
		a.Doc.URL = m.URL
		a.Doc.Source = clean(m.Sitename)
	}
	if len(paras) == 0 && len(rParas) > 0 {
		paras, a.Extractor = rParas, "readability"
	}
	if a.Extractor == "trafilatura" {
		// A lead readability finds before trafilatura's text is added
		// when DOM Distiller finds it too: a cookie notice or a teaser
		// is prose as well, and two extractors rarely both take it.
		if l := lead(paras, rParas); len(l) > 0 {
			d := distilled(utf, base, links)
			var agreed []string
			for _, p := range l {
				if slices.Contains(d, p) {
					agreed = append(agreed, p)
				}
			}
			paras = append(agreed, paras...)
		}
	}
	a.Doc.Text, a.Paragraphs = stemma.JoinParagraphs(paras)
	if ra.Node != nil {
		a.Doc.Title = or(a.Doc.Title, clean(ra.Title()))
		a.Doc.Author = or(a.Doc.Author, clean(ra.Byline()))
		a.Doc.Lang = or(a.Doc.Lang, langTag(ra.Language()))
		a.Doc.Source = or(a.Doc.Source, clean(ra.SiteName()))
	}
	if a.Doc.URL == "" && base != nil {
		a.Doc.URL = base.String()
	}
	if a.Doc.Source == "" {
		a.Doc.Source = siteFromTitle(doc, a.Doc.Title)
	}
	if a.Doc.Source == "" && a.Doc.URL != "" {
		if u, err := nurl.Parse(a.Doc.URL); err == nil {
			a.Doc.Source = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	a.Doc.SetDate(date, dayOnly)
	validDoc(&a.Doc)
	if strings.TrimSpace(a.Doc.Text) == "" {
		if terr != nil {
			return a, fmt.Errorf("%w: %w", ErrNoArticle, terr)
		}
		return a, ErrNoArticle
	}
	return a, nil
}

// distilled returns the paragraphs DOM Distiller extracts from the page,
// boilerplate dropped, or nil.
func distilled(page []byte, base *nurl.URL, links map[string]bool) []string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil
	}
	r, err := distiller.Apply(doc, &distiller.Options{OriginalURL: base, SkipPagination: true})
	if err != nil || r == nil || r.Node == nil {
		return nil
	}
	return dropBoilerplate(paragraphs(r.Node, r.Title), links)
}

// pageBase returns pageURL parsed if it is an absolute URL, else nil.
func pageBase(pageURL string) *nurl.URL {
	if u, err := nurl.Parse(pageURL); err == nil && u.IsAbs() {
		return u
	}
	return nil
}

// siteFromTitle returns the site name of a <title> such as "Headline |
// Site" or "Site - Headline", given the headline, or "".
func siteFromTitle(doc *html.Node, headline string) string {
	if headline == "" {
		return ""
	}
	var title string
	var find func(*html.Node) bool
	find = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == atom.Title {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					title += c.Data
				}
			}
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if find(c) {
				return true
			}
		}
		return false
	}
	find(doc)
	title = clean(title)
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		if site, ok := strings.CutPrefix(title, headline+sep); ok && site != "" {
			return site
		}
		if site, ok := strings.CutSuffix(title, sep+headline); ok && site != "" {
			return site
		}
	}
	return ""
}

// flatten turns an extracted content tree into text: one paragraph per
// block element, whitespace collapsed, paragraphs separated by a blank line.
// A first heading equal to title is left out, since it is the title.
func flatten(root *html.Node, title string) (string, []stemma.Span) {
	return stemma.JoinParagraphs(paragraphs(root, title))
}

// paragraphs returns the paragraphs of an extracted content tree, one per
// block element, whitespace collapsed, without a first heading equal to
// title.
func paragraphs(root *html.Node, title string) []string {
	var f flattener
	f.walk(root)
	f.flush()
	if len(f.paras) > 0 && title != "" && clean(f.paras[0]) == clean(title) {
		f.paras = f.paras[1:]
	}
	return f.paras
}

// flattener gathers the paragraphs of a tree.
type flattener struct {
	paras []string
	cur   strings.Builder
	space bool // a space is pending before the next word
}

// blocks are the elements that start and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Blockquote: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Pre: true, atom.Tr: true, atom.Table: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Figure: true, atom.Figcaption: true, atom.Main: true, atom.Aside: true,
	atom.Hr: true, atom.Body: true, atom.Html: true, atom.Caption: true,
	atom.Details: true, atom.Summary: true, atom.Address: true,
}

// skipped are the elements whose text is never article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Math: true, atom.Iframe: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true,
}

func (f *flattener) walk(n *html.Node) {
	if n == nil {
		return
	}
	switch n.Type {
	case html.TextNode:
		f.text(n.Data)
		return
	case html.ElementNode:
		if skipped[tag(n)] {
			return
		}
		switch tag(n) {
		case atom.Br:
			f.space = true
			return
		case atom.Td, atom.Th:
			f.space = true
		}
	case html.DocumentNode:
	default:
		return
	}
	block := n.Type == html.ElementNode && blocks[tag(n)]
	if block {
		f.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		f.walk(c)
	}
	if block {
		f.flush()
	}
}

// tag returns the element's tag by its name. Extractors that rebuild a
// tree (go-trafilatura renames a div to "p", creates "li" and "br") set
// the name and leave DataAtom zero or stale, so that a list, a table or
// a line break would glue its items' words together.
func tag(n *html.Node) atom.Atom {
	if n.DataAtom != 0 && n.DataAtom.String() == n.Data {
		return n.DataAtom
	}
	return atom.Lookup([]byte(n.Data))
}

// text adds s with its whitespace collapsed: a run of spaces, within s or
// across text nodes, becomes one space, and none is kept at the start of a
// paragraph.
func (f *flattener) text(s string) {
	for _, r := range s {
		if isSpace(r) {
			f.space = true
			continue
		}
		if r == softHyphen {
			continue // a place to break a word, never shown unbroken: "Kiess&shy;ling"
		}
		if f.space && f.cur.Len() > 0 {
			f.cur.WriteByte(' ')
		}
		f.space = false
		f.cur.WriteRune(r)
	}
}

// softHyphen marks where a browser may hyphenate a word; kept, it would
// cut the word in two for tracing.
const softHyphen = '\u00ad'

// isSpace is HTML whitespace plus the Unicode spaces a page may use.
func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' }

func (f *flattener) flush() {
	if p := strings.TrimSpace(f.cur.String()); p != "" {
		f.paras = append(f.paras, p)
	}
	f.cur.Reset()
	f.space = false
}

// clean collapses the whitespace of a metadata string and drops its soft
// hyphens.
func clean(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ReplaceAll(s, string(softHyphen), ""), isSpace), " ")
}

// langTag normalises a language tag: "en_GB" → "en-GB"; junk → "".
func langTag(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if len(s) < 2 || len(s) > 35 {
		return ""
	}
	for _, r := range s {
		if !(r == '-' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return ""
		}
	}
	return s
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// dateMeta are the meta tags (by name, property or itemprop, lower case)
// that carry a publication date, best first.
var dateMeta = []string{
	"article:published_time", "og:published_time", "datepublished",
	"publishdate", "pubdate", "publication_date", "date", "dc.date",
	"dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date",
	"parsely-pub-date", "article.published", "published-date",
	"cxenseparse:recs:publishtime", "og:article:published_time",
}

// metaDate returns the publication date the page's metadata declares, or
// the zero time, and whether it gives only the day. It looks at meta tags, JSON-LD (datePublished, then
// dateCreated) and <time> elements marked pubdate or itemprop
// datePublished, in that order, and never at the text or the URL.
func metaDate(doc *html.Node) (time.Time, bool) {
	metas := map[string]string{}
	var ld []string
	var times []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(or(attr(n, "property"), or(attr(n, "name"), attr(n, "itemprop"))))
				if v := attr(n, "content"); key != "" && v != "" {
					if _, ok := metas[key]; !ok {
						metas[key] = v
					}
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					ld = append(ld, n.FirstChild.Data)
				}
			case atom.Time:
				_, pub := attrOK(n, "pubdate")
				if pub || strings.EqualFold(attr(n, "itemprop"), "datePublished") {
					times = append(times, attr(n, "datetime"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, k := range dateMeta {
		if t, day, ok := parseWebDate(metas[k]); ok {
			return t, day
		}
	}
	for _, js := range ld {
		if t, day, ok := ldDate(js); ok {
			return t, day
		}
	}
	for _, s := range times {
		if t, day, ok := parseWebDate(s); ok {
			return t, day
		}
	}
	return time.Time{}, false
}

// ldDate finds datePublished (or dateCreated) in a JSON-LD block, which
// may be an object, an array or an object with @graph.
func ldDate(js string) (time.Time, bool, bool) {
	var v any
	if json.Unmarshal([]byte(js), &v) != nil {
		return time.Time{}, false, false
	}
	for _, key := range []string{"datePublished", "dateCreated"} {
		if t, day, ok := findLD(v, key, 0); ok {
			return t, day, true
		}
	}
	return time.Time{}, false, false
}

func findLD(v any, key string, depth int) (time.Time, bool, bool) {
	if depth > 8 {
		return time.Time{}, false, false
	}
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x[key].(string); ok {
			if t, day, ok := parseWebDate(s); ok {
				return t, day, true
			}
		}
		for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
			if t, day, ok := findLD(x[k], key, depth+1); ok {
				return t, day, true
			}
		}
	case []any:
		for _, e := range x {
			if t, day, ok := findLD(e, key, depth+1); ok {
				return t, day, true
			}
		}
	}
	return time.Time{}, false, false
}

// webDateLayouts are the date forms found in web metadata.
var webDateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700", "2006-01-02 15:04:05", "2006-01-02",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST", "20060102", "2006/01/02",
}

// parseWebDate parses a date from web metadata, in UTC, and says whether
// it gives only the day ("2024-03-05", "20240305", "2024/03/05"). A date
// before 1800 or more than a day in the future is refused as junk.
func parseWebDate(s string) (t time.Time, dayOnly, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, false
	}
	for _, layout := range webDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			t = t.UTC()
			if t.Year() < 1800 || t.After(time.Now().Add(24*time.Hour)) {
				return time.Time{}, false, false
			}
			return t, !strings.Contains(layout, "15"), true
		}
	}
	return time.Time{}, false, false
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// htmlDecoder reads a whole input as one HTML page.
type htmlDecoder struct {
	r        *Reader
	br       io.Reader
	name, id string
	done     bool
}

func (d *htmlDecoder) reset(br io.Reader, name, id string) {
	d.br, d.name, d.id, d.done = br, name, id, false
}

func (d *htmlDecoder) next() (Record, bool) {
	if d.done {
		return Record{}, false
	}
	d.done = true
	raw, tooLarge, err := readLimited(d.br, d.r.opts.MaxPageBytes)
	switch {
	case err != nil:
		d.r.skip(Skip{File: d.name, Reason: Unreadable, Err: err})
		return Record{}, false
	case tooLarge:
		d.r.skip(Skip{File: d.name, Reason: TooLarge, Err: fmt.Errorf("page is over the limit of %d bytes", d.r.opts.MaxPageBytes)})
		return Record{}, false
	}
	doc, ok := d.r.article(raw, "", "", Skip{File: d.name})
	if !ok {
		return Record{}, false
	}
	doc.ID = d.id
	return Record{Doc: doc, File: d.name}, true
}

// article extracts the article of a page and checks it, or reports the
// skip (where says where the page was) and returns false.
func (r *Reader) article(raw []byte, pageURL, contentType string, where Skip) (stemma.Doc, bool) {
	a, err := extractHTML(raw, pageURL, contentType)
	if err != nil {
		where.Reason, where.Err = NoArticle, err
		r.skip(where)
		return stemma.Doc{}, false
	}
	if reason, err := r.checkText(a.Doc.Text); reason != "" {
		where.Reason, where.Err = reason, err
		r.skip(where)
		return stemma.Doc{}, false
	}
	return a.Doc, true
}

// readLimited reads r to its end, or reports tooLarge once more than limit
// bytes have come (and reads no further).
func readLimited(r io.Reader, limit int) (b []byte, tooLarge bool, err error) {
	b, err = io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, false, err
	}
	if len(b) > limit {
		return nil, true, nil
	}
	return b, false, nil
}
