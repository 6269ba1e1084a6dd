package ingest

import (
	"bytes"
	"fmt"
	"io"
	nurl "net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/stemmanews/stemma"
)

// Feed is a parsed RSS, Atom or JSON Feed document.
type Feed struct {
	Title string
	// Link is the site the feed belongs to, and Lang its language.
	Link, Lang string
	Items      []FeedItem
}

// FeedItem is one entry of a feed as a document.
type FeedItem struct {
	// Doc has the entry's title, link (URL), author, date and text. Its ID
	// is the link, or else the entry's guid. Source is the feed's title,
	// or else the host of the feed's link. Text is the entry's content, or
	// else its description, as text (HTML markup removed, one blank line
	// between paragraphs); it may be empty.
	Doc stemma.Doc
	// Full reports whether Text is the entry's full content (RSS
	// content:encoded, Atom content, JSON Feed content_html or content_text)
	// rather than a description, which is often only a summary.
	Full bool
}

// ParseFeed parses an RSS (0.9x, 1.0, 2.0), Atom or JSON Feed document.
// feedURL, if not empty, is where it was fetched; relative item links are
// resolved against it. An entry's date is its published date, or else its
// updated date; an entry with neither is undated.
func ParseFeed(r io.Reader, feedURL string) (*Feed, error) {
	f, err := gofeed.NewParser().Parse(r)
	if err != nil {
		return nil, fmt.Errorf("parsing feed: %w", err)
	}
	var base *nurl.URL
	if feedURL != "" {
		base, _ = nurl.Parse(feedURL)
	}
	out := &Feed{Title: clean(f.Title), Link: resolve(base, f.Link), Lang: langTag(f.Language)}
	source := out.Title
	if source == "" {
		source = hostOf(or(out.Link, feedURL))
	}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		fi := FeedItem{Doc: stemma.Doc{
			Title:  clean(htmlText(it.Title)),
			URL:    resolve(base, strings.TrimSpace(it.Link)),
			Source: source,
			Lang:   out.Lang,
		}}
		fi.Doc.ID = or(fi.Doc.URL, strings.TrimSpace(it.GUID))
		switch {
		case it.PublishedParsed != nil:
			fi.Doc.Date = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			fi.Doc.Date = it.UpdatedParsed.UTC()
		}
		if fi.Doc.Date.After(time.Now().Add(24 * time.Hour)) {
			fi.Doc.Date = time.Time{} // junk, not a date to trust
		}
		if len(it.Authors) > 0 && it.Authors[0] != nil {
			fi.Doc.Author = clean(it.Authors[0].Name)
		}
		if c := strings.TrimSpace(it.Content); c != "" {
			fi.Doc.Text, fi.Full = htmlText(c), true
		} else {
			fi.Doc.Text = htmlText(it.Description)
		}
		validDoc(&fi.Doc)
		out.Items = append(out.Items, fi)
	}
	return out, nil
}

// htmlText turns a fragment of HTML, or plain text, into text with one
// blank line between paragraphs. Plain text keeps its own blank lines as
// paragraph breaks.
func htmlText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.Contains(s, "<") {
		// Plain text, perhaps with entities.
		var paras []string
		for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
			if p = clean(html.UnescapeString(p)); p != "" {
				paras = append(paras, p)
			}
		}
		return strings.Join(paras, "\n\n")
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return clean(s)
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	text, _ := flatten(body, "")
	return text
}

func resolve(base *nurl.URL, link string) string {
	if link == "" || base == nil {
		return link
	}
	u, err := base.Parse(link)
	if err != nil {
		return link
	}
	return u.String()
}

func hostOf(link string) string {
	u, err := nurl.Parse(link)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// feedDecoder reads the items of a feed file.
type feedDecoder struct {
	r     *Reader
	br    io.Reader
	name  string
	items []FeedItem
	n     int // items returned or skipped
	read  bool
}

func (d *feedDecoder) reset(br io.Reader, name string) {
	d.br, d.name, d.items, d.n, d.read = br, name, nil, 0, false
}

func (d *feedDecoder) next() (Record, bool) {
	if !d.read {
		d.read = true
		raw, tooLarge, err := readLimited(d.br, d.r.opts.MaxPageBytes)
		switch {
		case err != nil:
			d.r.skip(Skip{File: d.name, Reason: Unreadable, Err: err})
			return Record{}, false
		case tooLarge:
			d.r.skip(Skip{File: d.name, Reason: TooLarge, Err: fmt.Errorf("feed is over the limit of %d bytes", d.r.opts.MaxPageBytes)})
			return Record{}, false
		}
		if !utf8.Valid(raw) && !bytes.HasPrefix(bytes.TrimSpace(raw), []byte("<?xml")) {
			d.r.skip(Skip{File: d.name, Reason: InvalidUTF8, Err: badUTF8(raw)})
			return Record{}, false
		}
		f, err := ParseFeed(bytes.NewReader(raw), "")
		if err != nil {
			d.r.skip(Skip{File: d.name, Reason: MalformedFeed, Err: err})
			return Record{}, false
		}
		d.items = f.Items
	}
	for d.n < len(d.items) {
		it := d.items[d.n]
		d.n++
		if reason, err := d.r.checkText(it.Doc.Text); reason != "" {
			d.r.skip(Skip{File: d.name, Item: d.n, Reason: reason, Err: err})
			continue
		}
		if it.Doc.ID == "" {
			it.Doc.ID = d.name + "#" + strconv.Itoa(d.n)
		}
		return Record{Doc: it.Doc, File: d.name, Item: d.n}, true
	}
	d.items = nil
	return Record{}, false
}

// validDoc replaces invalid UTF-8 in a document's metadata, which a feed
// or page may carry whatever its declared encoding.
func validDoc(d *stemma.Doc) {
	for _, p := range []*string{&d.ID, &d.Source, &d.URL, &d.Title, &d.Author, &d.Lang, &d.Text} {
		if !utf8.ValidString(*p) {
			*p = strings.ToValidUTF8(*p, "\uFFFD")
		}
	}
}
