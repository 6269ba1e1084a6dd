package ingest_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stemmanews/stemma/ingest"
)

const testRSS = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Times</title><link>https://harbourtimes.example/</link><language>en-GB</language>
<item><title>Terminal opening delayed</title><link>https://harbourtimes.example/terminal</link>
<guid>ht-1</guid><pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate><dc:creator>Jane Doe</dc:creator>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The terminal will open in the spring.</p><p>Shipping lines have <b>moved</b> routes.</p>]]></content:encoded></item>
<item><title>Summary only</title><link>/fishermen</link><description>Fishermen &amp; the tide: a summary.</description></item>
<item><title>Nothing at all</title><link>https://harbourtimes.example/empty</link></item>
</channel></rss>`

const testAtom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Daily</title>
<entry><title>Anger over delay</title><link href="https://coastdaily.example/anger"/><id>urn:cd:1</id>
<updated>2024-03-05T12:00:00Z</updated><summary type="html">&lt;p&gt;Business leaders are angry.&lt;/p&gt;</summary></entry>
</feed>`

const testJSONFeed = `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Port Notes",
  "items": [
    {"id": "pn-1", "url": "https://portnotes.example/1", "title": "Dredging", "date_published": "2024-03-06T08:00:00Z",
     "content_text": "The dredging dispute goes on.\n\nA ruling is due in May."}
  ]
}`

func TestFeedFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.xml": testRSS, "b.atom": testAtom, "c.json": testJSONFeed})
	recs, sum := readAll(t, []string{dir}, ingest.Options{})
	type got struct {
		ID, Source, Title, Text, Author, Lang string
		Date                                  time.Time
		Item                                  int
	}
	var docs []got
	for _, r := range recs {
		docs = append(docs, got{r.Doc.ID, r.Doc.Source, r.Doc.Title, r.Doc.Text, r.Doc.Author, r.Doc.Lang, r.Doc.Date, r.Item})
	}
	want := []got{
		{"https://harbourtimes.example/terminal", "Harbour Times", "Terminal opening delayed",
			"The terminal will open in the spring.\n\nShipping lines have moved routes.", "Jane Doe", "en-GB", time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC), 1},
		{"/fishermen", "Harbour Times", "Summary only", "Fishermen & the tide: a summary.", "", "en-GB", time.Time{}, 2},
		{"https://coastdaily.example/anger", "Coast Daily", "Anger over delay", "Business leaders are angry.", "", "", time.Date(2024, 3, 5, 12, 0, 0, 0, time.UTC), 1},
		{"https://portnotes.example/1", "Port Notes", "Dredging", "The dredging dispute goes on.\n\nA ruling is due in May.", "", "", time.Date(2024, 3, 6, 8, 0, 0, 0, time.UTC), 1},
	}
	if !slices.Equal(docs, want) {
		t.Errorf("documents:\n got %+v\nwant %+v", docs, want)
	}
	if got := skipsOf(sum); !slices.Equal(got, []skipAt{{filepath.Join(dir, "a.xml"), 0, ingest.Empty}}) || sum.Skips[0].Item != 3 {
		t.Errorf("skips = %v, want the empty third item of a.xml", sum.Skips)
	}
}

func TestParseFeedResolvesLinks(t *testing.T) {
	f, err := ingest.ParseFeed(strings.NewReader(testRSS), "https://harbourtimes.example/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 3 || f.Items[1].Doc.URL != "https://harbourtimes.example/fishermen" || f.Items[1].Full || !f.Items[0].Full {
		t.Errorf("items = %+v", f.Items)
	}
}

func TestMalformedFeed(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"bad.xml": `<?xml version="1.0"?><rss><channel><item><title>x</ti`})
	_, sum := readAll(t, []string{filepath.Join(dir, "bad.xml")}, ingest.Options{})
	if got := skipsOf(sum); len(got) != 1 || got[0].Reason != ingest.MalformedFeed {
		t.Errorf("skips = %v, want one malformed-feed", got)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		content string
		want    string // the ID pattern of what is read: the format's
	}{
		{"<!DOCTYPE html><html><head><title>T</title></head><body><article><p>" + strings.Repeat("Words of an article go here. ", 20) + "</p></article></body></html>", "html"},
		{"\ufeff  <html lang=en><body><p>" + strings.Repeat("Another article sentence. ", 20) + "</p></body></html>", "html"},
		{"<!-- c --><!doctype html><body><p>" + strings.Repeat("Yet another sentence here. ", 20) + "</p>", "html"},
		{testRSS, "feed"},
		{testAtom, "feed"},
		{testJSONFeed, "feed"},
		{`{"id":"j1","text":"A JSONL line."}`, "jsonl"},
		{"<b>not a page</b> just text starting with a tag", "text"},
		{"Plain text.", "text"},
	}
	for i, tt := range tests {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"in": tt.content})
		path := filepath.Join(dir, "in")
		recs, sum := readAll(t, []string{path}, ingest.Options{})
		var got string
		switch {
		case len(recs) == 0:
			got = "nothing: " + sum.String()
		case recs[0].Doc.ID == "j1":
			got = "jsonl"
		case recs[0].Item > 0:
			got = "feed"
		case recs[0].Doc.Text == tt.content:
			got = "text"
		case recs[0].Doc.ID == path:
			got = "html"
		}
		if got != tt.want {
			t.Errorf("%d: read as %s, want %s", i, got, tt.want)
		}
		// --format overrides detection: as text, the content is kept whole.
		if recs, _ := readAll(t, []string{path}, ingest.Options{Format: ingest.FormatText}); len(recs) != 1 || recs[0].Doc.Text != tt.content {
			t.Errorf("%d: --format text did not read the content whole", i)
		}
	}
}
