package server_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/examples"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/server"
	"github.com/stemmanews/stemma/server/backend"
	"github.com/stemmanews/stemma/trace"
)

const token = "s3cret-token"

// newExampleServer returns a test server over a fresh in-memory index of
// the bundled example corpus (300 Reuters stories), with the given options
// (a token is set unless opts.Token is "-").
func newExampleServer(t testing.TB, opts server.Options) (*httptest.Server, *backend.Backend) {
	t.Helper()
	return newExampleServerTracing(t, opts, trace.Options{})
}

// newExampleServerTracing is newExampleServer with its tracer's options.
func newExampleServerTracing(t testing.TB, opts server.Options, topts trace.Options) (*httptest.Server, *backend.Backend) {
	t.Helper()
	ix, err := index.Open("ix", index.Options{FS: vfs.NewMem()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	r, err := ingest.NewReader([]string{"-"}, ingest.Options{Stdin: bytes.NewReader(examples.Corpus)})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := ix.Ingest(context.Background(), func() (stemma.Doc, bool) {
		rec, ok := r.Next()
		return rec.Doc, ok
	}, nil); err != nil {
		t.Fatal(err)
	}
	return newServer(t, ix, opts, topts)
}

// newServer returns a test server over ix, as newExampleServerTracing
// describes.
func newServer(t testing.TB, ix *index.Index, opts server.Options, topts trace.Options) (*httptest.Server, *backend.Backend) {
	t.Helper()
	tr, err := trace.New(ix, topts)
	if err != nil {
		t.Fatal(err)
	}
	b := backend.New(ix, tr)
	switch opts.Token {
	case "":
		opts.Token = token
	case "-":
		opts.Token = ""
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	srv, err := server.New(b, b, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, b
}

// call makes a request and returns the status, the headers and the body.
func call(t testing.TB, method, u, contentType string, body []byte, header ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// wantError checks a JSON error response: its status, its content type
// and a message containing each of the given substrings.
func wantError(t testing.TB, what string, code int, h http.Header, body []byte, wantCode int, msgs ...string) {
	t.Helper()
	if code != wantCode {
		t.Errorf("%s: status %d, want %d; body %s", what, code, wantCode, body)
		return
	}
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s: Content-Type %q, want JSON", what, ct)
	}
	var e map[string]string
	if err := json.Unmarshal(body, &e); err != nil || len(e) != 1 || e["error"] == "" {
		t.Errorf("%s: body %s is not {\"error\": \"...\"}", what, body)
		return
	}
	for _, m := range msgs {
		if !strings.Contains(e["error"], m) {
			t.Errorf("%s: error %q lacks %q", what, e["error"], m)
		}
	}
}

func decode[T any](t testing.TB, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decoding %s: %v", body, err)
	}
	return v
}

// The example article's passages, as `stemma demo` prints them.
var wantPassages = []struct {
	span    stemma.Span
	origins []string // witnesses, the origin first
	class   stemma.Class
}{
	{stemma.Span{Start: 232, End: 759}, []string{"reuters-20787"}, stemma.NearVerbatim},
	{stemma.Span{Start: 762, End: 1136}, []string{"reuters-7521", "reuters-7626"}, stemma.Verbatim},
	{stemma.Span{Start: 1139, End: 1542}, []string{"reuters-16895"}, stemma.Verbatim},
	{stemma.Span{Start: 1545, End: 1960}, []string{"reuters-10642"}, stemma.NearVerbatim},
}

func checkExampleReport(t *testing.T, what string, rep stemma.Report) {
	t.Helper()
	if len(rep.Passages) != len(wantPassages) {
		t.Fatalf("%s: %d passages, want %d", what, len(rep.Passages), len(wantPassages))
	}
	for i, w := range wantPassages {
		p := rep.Passages[i]
		var ids []string
		for _, wt := range p.Witnesses {
			ids = append(ids, wt.Doc.ID)
		}
		if p.Article != w.span || p.Origin != 0 || !slices.Equal(ids, w.origins) || p.Class != w.class {
			t.Errorf("%s: passage %d: span %v, origin %d, witnesses %q, class %s; want %v, 0, %q, %s",
				what, i+1, p.Article, p.Origin, ids, p.Class, w.span, w.origins, w.class)
		}
		if p.Text != examples.Article[p.Article.Start:p.Article.End] {
			t.Errorf("%s: passage %d text is not the article's bytes %v", what, i+1, p.Article)
		}
	}
	if rep.Length != len(examples.Article) || rep.Words != 353 || len(rep.Sources) != 5 {
		t.Errorf("%s: length %d, words %d, sources %d; want %d, 353, 5", what, rep.Length, rep.Words, len(rep.Sources), len(examples.Article))
	}
	if rep.Reused < 0.79 || rep.Reused > 0.81 || rep.Original != 1-rep.Reused {
		t.Errorf("%s: reused %.3f, original %.3f; want 0.80 and the rest", what, rep.Reused, rep.Original)
	}
	subs := map[string]string{}
	for _, e := range rep.Passages[0].Witnesses[0].Edits {
		if e.Kind == stemma.Substitute {
			subs[e.SourceText] = e.ArticleText
			if examples.Article[e.Article.Start:e.Article.End] != e.ArticleText {
				t.Errorf("%s: substitution %q at %v is not the article's bytes", what, e.ArticleText, e.Article)
			}
		}
	}
	if subs["lift"] != "remove" || subs["said"] != "stated" {
		t.Errorf("%s: passage 1 substitutions %q lack lift → remove and said → stated", what, subs)
	}
}

func TestTraceText(t *testing.T) {
	// ?lang=de-AT below makes the first German trace, which reads the
	// German dictionary to look for translated sources: about 3 s at full
	// speed, and past the default 30 s under the race detector on a busy
	// machine.
	ts, _ := newExampleServer(t, server.Options{RequestTimeout: 5 * time.Minute})
	for _, ct := range []string{"text/plain; charset=utf-8", "", "application/x-www-form-urlencoded"} {
		code, h, body := call(t, "POST", ts.URL+"/api/trace", ct, []byte(examples.Article))
		if code != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
			t.Fatalf("Content-Type %q: status %d, %s", ct, code, body)
		}
		rep := decode[stemma.Report](t, body)
		checkExampleReport(t, "text as "+ct, rep)
		if rep.Article.Title != "U.S. weighs easing chip sanctions on Japan as trade rift lingers" {
			t.Errorf("title %q, want the first line", rep.Article.Title)
		}
	}

	// ?date= dates a plain-text article. A day covers the whole day:
	// reuters-20787, filed at 17:45 that day, is passage 1's origin, not a
	// later copy.
	code, _, body := call(t, "POST", ts.URL+"/api/trace?date=1987-10-20", "text/plain", []byte(examples.Article))
	if code != http.StatusOK {
		t.Fatalf("?date=1987-10-20: status %d, %s", code, body)
	}
	rep := decode[stemma.Report](t, body)
	if !rep.Article.DayOnly || !rep.Article.Date.Equal(time.Date(1987, 10, 20, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("?date=1987-10-20: article dated %v (day only %v)", rep.Article.Date, rep.Article.DayOnly)
	}
	if p := rep.Passages[0]; p.Origin != 0 || p.Witnesses[0].Doc.ID != "reuters-20787" || p.Witnesses[0].Later {
		t.Errorf("?date=1987-10-20: passage 1 origin %d (%s), first witness %s later %v; want reuters-20787, not later",
			p.Origin, p.OriginBasis, p.Witnesses[0].Doc.ID, p.Witnesses[0].Later)
	}
	// A time earlier that day makes the same witness a later copy.
	_, _, body = call(t, "POST", ts.URL+"/api/trace?date=1987-10-20T09:00:00Z", "text/plain", []byte(examples.Article))
	if p := decode[stemma.Report](t, body).Passages[0]; p.Origin != -1 || !p.Witnesses[0].Later {
		t.Errorf("?date=1987-10-20T09:00:00Z: passage 1 origin %d (%s), first witness later %v; want -1, later",
			p.Origin, p.OriginBasis, p.Witnesses[0].Later)
	}
	code, h, body := call(t, "POST", ts.URL+"/api/trace?date=20.10.1987", "text/plain", []byte(examples.Article))
	wantError(t, "?date=20.10.1987", code, h, body, 400, `bad date "20.10.1987"`)

	// ?lang= gives the article's language over the one detected: the
	// text's own spin tells are then not read, as they read English.
	_, _, body = call(t, "POST", ts.URL+"/api/trace?lang=de-AT", "text/plain", []byte(examples.Article))
	if rep := decode[stemma.Report](t, body); rep.Article.Lang != "de-AT" || !strings.Contains(rep.Spin.Text.Explanation, "German") || len(rep.Passages) != 4 {
		t.Errorf("?lang=de-AT: article language %q, %d passages, spin %q; want de-AT, 4, read in English only", rep.Article.Lang, len(rep.Passages), rep.Spin.Text.Explanation)
	}
	code, h, body = call(t, "POST", ts.URL+"/api/trace?lang=de_AT", "text/plain", []byte(examples.Article))
	wantError(t, "?lang=de_AT", code, h, body, 400, `lang: "de_AT" is not a language tag`)
}

func TestTraceJSON(t *testing.T) {
	ts, _ := newExampleServer(t, server.Options{})
	body, _ := json.Marshal(map[string]any{"text": examples.Article, "title": "Chip truce", "date": "1987-11-02", "source": "wire", "extra": true})
	code, _, resp := call(t, "POST", ts.URL+"/api/trace", "application/json", body)
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, resp)
	}
	rep := decode[stemma.Report](t, resp)
	checkExampleReport(t, "JSON", rep)
	if rep.Article.Title != "Chip truce" || rep.Article.Source != "wire" || !rep.Article.Date.Equal(time.Date(1987, 11, 2, 0, 0, 0, 0, time.UTC)) || !rep.Article.DayOnly {
		t.Errorf("article %+v: want the title, outlet and date given", rep.Article)
	}

	// Dated before every source, the article is itself the origin.
	body, _ = json.Marshal(map[string]any{"text": examples.Article, "date": "1987-01-05T10:00:00Z"})
	_, _, resp = call(t, "POST", ts.URL+"/api/trace", "", body)
	for i, p := range decode[stemma.Report](t, resp).Passages {
		if p.Origin != -1 || p.OriginBasis != stemma.ArticleEarliest {
			t.Errorf("passage %d of an article dated 1987-01-05: origin %d (%s), want -1 (article-earliest)", i+1, p.Origin, p.OriginBasis)
		}
	}
}

func TestTraceHTML(t *testing.T) {
	ts, _ := newExampleServer(t, server.Options{})
	paras := strings.Split(examples.Article, "\n\n")
	var page strings.Builder
	page.WriteString(`<!doctype html><html lang="en"><head><title>Chip truce | Example Times</title>` +
		`<meta property="article:published_time" content="1987-11-02T09:00:00Z"></head><body>` +
		`<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>` + paras[0] + `</h1>`)
	for _, p := range paras[1:] {
		page.WriteString("<p>" + p + "</p>\n")
	}
	page.WriteString(`</article><footer>Copyright Example Times</footer></body></html>`)
	code, _, resp := call(t, "POST", ts.URL+"/api/trace", "text/html; charset=utf-8", []byte(page.String()))
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, resp)
	}
	rep := decode[stemma.Report](t, resp)
	var origins []string
	for _, p := range rep.Passages {
		origins = append(origins, p.Witnesses[p.Origin].Doc.ID)
	}
	if want := []string{"reuters-20787", "reuters-7521", "reuters-16895", "reuters-10642"}; !slices.Equal(origins, want) {
		t.Errorf("HTML page: origins %q, want %q", origins, want)
	}
	code, h, resp := call(t, "POST", ts.URL+"/api/trace", "text/html", []byte(`<html><head><title>Empty</title></head><body><script>var x = 1;</script></body></html>`))
	wantError(t, "HTML without an article", code, h, resp, http.StatusUnprocessableEntity, "no article text")
}

func TestTraceErrors(t *testing.T) {
	ts, _ := newExampleServer(t, server.Options{MaxBodyBytes: 64 << 10})
	u := ts.URL + "/api/trace"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(examples.Article))
	zw.Close()
	for _, tc := range []struct {
		name, ct string
		body     []byte
		code     int
		msgs     []string
	}{
		{"bad JSON", "application/json", []byte(`{"text": "abc",}`), 400, []string{"bad JSON body at byte", "invalid character"}},
		{"truncated JSON", "application/json", []byte(`{"text": "abc"`), 400, []string{"bad JSON body"}},
		{"JSON of the wrong type", "application/json", []byte(`{"text": 5}`), 400, []string{`field "text" must be a string`}},
		{"two JSON values", "application/json", []byte(`{"text": "a b c"} {}`), 400, []string{"more than one value"}},
		{"empty JSON body", "application/json", nil, 400, []string{"empty"}},
		{"JSON without text", "application/json", []byte(`{"title": "x"}`), 400, []string{`"text" field`}},
		{"bad date", "application/json", []byte(`{"text": "a b c", "date": "last Tuesday"}`), 400, []string{`bad date "last Tuesday"`}},
		{"empty text", "text/plain", []byte(" \n\t"), 400, []string{"empty"}},
		{"invalid UTF-8", "text/plain", []byte("caf\xe9 au lait"), 400, []string{"invalid-utf8"}},
		{"unsupported type", "image/png", []byte("\x89PNG"), 415, []string{"image/png", "application/json"}},
		{"gzip", "text/plain", gz.Bytes(), 415, []string{"gzip"}},
		{"too large", "text/plain", bytes.Repeat([]byte("word "), 20000), 413, []string{"over the limit of 65536"}},
	} {
		code, h, body := call(t, "POST", u, tc.ct, tc.body)
		wantError(t, tc.name, code, h, body, tc.code, tc.msgs...)
	}
	// A body without Content-Length, cut off by the limit while reading.
	req, _ := http.NewRequest("POST", u, io.MultiReader(strings.NewReader(strings.Repeat("word ", 20000))))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	wantError(t, "too large, streamed", resp.StatusCode, resp.Header, b, 413, "over the limit")

	code, h, body := call(t, "GET", u, "", nil)
	wantError(t, "GET /api/trace", code, h, body, 405, "method GET not allowed", "POST")
	if h.Get("Allow") != "POST" {
		t.Errorf("405 Allow header %q, want POST", h.Get("Allow"))
	}
}

func TestTraceID(t *testing.T) {
	ts, _ := newExampleServer(t, server.Options{})
	code, _, body := call(t, "GET", ts.URL+"/api/trace/reuters-7626", "", nil)
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	rep := decode[stemma.Report](t, body)
	if rep.Article.ID != "reuters-7626" || len(rep.Passages) == 0 || rep.Passages[0].Witnesses[0].Doc.ID != "reuters-7521" {
		t.Errorf("reuters-7626 traced: article %q, passages %+v; want its twin reuters-7521", rep.Article.ID, rep.Passages)
	}
	for _, w := range rep.Passages[0].Witnesses {
		if w.Doc.ID == "reuters-7626" {
			t.Errorf("the document is its own witness")
		}
	}
	code, h, body := call(t, "GET", ts.URL+"/api/trace/no-such-story", "", nil)
	wantError(t, "unknown ID", code, h, body, 404, `no document with ID "no-such-story"`)
	code, h, body = call(t, "GET", ts.URL+"/api/trace/"+url.PathEscape("a/b c"), "", nil)
	wantError(t, "unknown ID with a slash", code, h, body, 404, `"a/b c"`)
	code, h, body = call(t, "POST", ts.URL+"/api/trace/reuters-1", "", nil)
	wantError(t, "POST /api/trace/{id}", code, h, body, 405, "GET")
}

func TestDoc(t *testing.T) {
	ts, _ := newExampleServer(t, server.Options{})
	code, _, body := call(t, "GET", ts.URL+"/api/docs/reuters-1", "", nil)
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	d := decode[stemma.Doc](t, body)
	if d.ID != "reuters-1" || d.Source != "reuters" || d.Title != "BAHIA COCOA REVIEW" ||
		!d.Date.Equal(time.Date(1987, 2, 26, 15, 1, 1, 0, time.UTC)) || !strings.HasPrefix(d.Text, "Showers continued throughout the week in\nthe Bahia cocoa zone") {
		t.Errorf("reuters-1: %+v", d)
	}
	// An exact duplicate is returned with its own metadata and the text.
	code, _, body = call(t, "GET", ts.URL+"/api/docs/reuters-7626", "", nil)
	if d := decode[stemma.Doc](t, body); code != 200 || d.ID != "reuters-7626" || d.Text == "" {
		t.Errorf("reuters-7626 (a duplicate): status %d, %+v", code, d)
	}
	code, h, body := call(t, "GET", ts.URL+"/api/docs/nope", "", nil)
	wantError(t, "unknown document", code, h, body, 404, `no document with ID "nope"`)
}

type searchResponse struct {
	Total  int          `json:"total"`
	Offset int          `json:"offset"`
	Docs   []stemma.Doc `json:"docs"`
	Next   *int         `json:"next"`
}

func TestSearch(t *testing.T) {
	ts, _ := newExampleServer(t, server.Options{})
	get := func(query string) searchResponse {
		t.Helper()
		code, _, body := call(t, "GET", ts.URL+"/api/docs?"+query, "", nil)
		if code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", query, code, body)
		}
		return decode[searchResponse](t, body)
	}
	all := get("limit=1000")
	if all.Total != 300 || len(all.Docs) != 300 || all.Next != nil {
		t.Fatalf("all: total %d, %d docs, next %v; want 300 (duplicates included)", all.Total, len(all.Docs), all.Next)
	}
	for _, d := range all.Docs {
		if d.Text != "" {
			t.Fatalf("%s: search returned the text", d.ID)
		}
	}
	// Expected counts, computed from the corpus.
	want := func(keep func(d stemma.Doc) bool) []string {
		var ids []string
		for _, d := range all.Docs {
			if keep(d) {
				ids = append(ids, d.ID)
			}
		}
		return ids
	}
	ids := func(docs []stemma.Doc) []string {
		var out []string
		for _, d := range docs {
			out = append(out, d.ID)
		}
		return out
	}
	japan := want(func(d stemma.Doc) bool {
		return strings.Contains(strings.ToLower(d.Title+" "+d.ID), "japan")
	})
	if len(japan) < 4 {
		t.Fatalf("only %d stories about Japan in the corpus", len(japan))
	}
	p1 := get("q=JAPAN+japan&limit=3")
	if p1.Total != len(japan) || !slices.Equal(ids(p1.Docs), japan[:3]) || p1.Next == nil || *p1.Next != 3 {
		t.Errorf("q=JAPAN japan: total %d, %q, next %v; want %d, %q, 3", p1.Total, ids(p1.Docs), p1.Next, len(japan), japan[:3])
	}
	p2 := get("q=JAPAN+japan&limit=3&offset=3")
	if !slices.Equal(ids(p2.Docs), japan[3:min(6, len(japan))]) || p2.Offset != 3 {
		t.Errorf("second page %q, want %q", ids(p2.Docs), japan[3:min(6, len(japan))])
	}
	march := want(func(d stemma.Doc) bool { return d.Date.Month() == time.March && d.Date.Year() == 1987 })
	if got := get("from=1987-03-01&to=1987-03-31&limit=0"); got.Total != len(march) || len(got.Docs) != 0 || len(march) == 0 {
		t.Errorf("March 1987: total %d, %d docs; want %d and none listed (limit=0)", got.Total, len(got.Docs), len(march))
	}
	if got := get("source=reuters&limit=1"); got.Total != 300 {
		t.Errorf("source=reuters: total %d, want 300", got.Total)
	}
	if got := get("source=bbc"); got.Total != 0 || got.Docs == nil {
		t.Errorf("source=bbc: %+v, want no documents and an empty list", got)
	}
	// Every story's language was detected at indexing: English, but for
	// those too short or too bare to tell.
	english := want(func(d stemma.Doc) bool { return d.Lang == "en" })
	if len(english) < 280 {
		t.Errorf("%d of 300 stories detected as English, want 280 or more", len(english))
	}
	if got := get("lang=EN&limit=1000"); got.Total != len(english) || !slices.Equal(ids(got.Docs), english) {
		t.Errorf("lang=EN: total %d, want %d", got.Total, len(english))
	}
	if got := get("lang=de"); got.Total != 0 {
		t.Errorf("lang=de: total %d, want none", got.Total)
	}
	for _, tc := range []struct{ query, msg string }{
		{"limit=-1", "limit must be a whole number from 0 to 1000"},
		{"limit=1001", "limit"},
		{"limit=ten", "limit"},
		{"offset=-5", "offset"},
		{"from=yesterday", `from: bad date "yesterday"`},
		{"to=1987-13-01", "to: bad date"},
	} {
		code, h, body := call(t, "GET", ts.URL+"/api/docs?"+tc.query, "", nil)
		wantError(t, tc.query, code, h, body, 400, tc.msg)
	}
}

type addResponse struct {
	Read       int            `json:"read"`
	Added      int            `json:"added"`
	Duplicates int            `json:"duplicates"`
	Existing   int            `json:"existing"`
	Skipped    map[string]int `json:"skipped"`
	Skips      []struct {
		Line   int    `json:"line"`
		Reason string `json:"reason"`
		Error  string `json:"error"`
	} `json:"skips"`
	Warnings map[string]int `json:"warnings"`
}

func TestAddDocs(t *testing.T) {
	ts, b := newExampleServer(t, server.Options{MaxBodyBytes: 64 << 10})
	u := ts.URL + "/api/docs"
	before := b.Documents()
	story := "Tin producers meeting in Kuala Lumpur agreed on Thursday to extend the export quota scheme for another year, " +
		"delegates said, after two days of talks on how to cut the surplus stocks that have depressed prices since the collapse."
	lines := []string{
		`{"id": "new-1", "source": "wire", "date": "1988-01-05", "title": "Tin quota", "text": ` + quote(story) + `}`,
		`{"id": "new-2", "source": "paper", "date": "1988-01-06", "title": "Tin pact extended", "text": ` + quote("PARIS - "+story+" More later.") + `}`,
		`{"id": "reuters-1", "text": "already indexed"}`,
		`{"id": "bad", "text": }`,
		`{"title": "no id", "text": "a document without an id"}`,
		`{"id": "blank", "text": "   "}`,
		`{"id": "baddate", "date": "someday", "text": "a document with a date that does not parse"}`,
		`{"id": "new-1-again", "source": "mirror", "text": ` + quote(story) + `}`,
	}
	body := []byte(strings.Join(lines, "\n") + "\n")

	code, h, resp := call(t, "POST", u, "application/x-ndjson", body)
	wantError(t, "no token", code, h, resp, 401, "missing bearer token")
	if h.Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
	code, h, resp = call(t, "POST", u, "application/x-ndjson", body, "Authorization", "Bearer wrong")
	wantError(t, "wrong token", code, h, resp, 401, "invalid bearer token")
	code, h, resp = call(t, "POST", u, "application/x-ndjson", body, "Authorization", "Basic "+token)
	wantError(t, "not a bearer token", code, h, resp, 401, "missing bearer token")
	if b.Documents() != before {
		t.Fatal("documents were added without a valid token")
	}

	code, _, resp = call(t, "POST", u, "application/x-ndjson", body, "Authorization", "Bearer "+token)
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, resp)
	}
	got := decode[addResponse](t, resp)
	wantSkipped := map[string]int{"malformed-json": 1, "missing-id": 1, "empty": 1}
	if got.Read != 5 || got.Added != 4 || got.Duplicates != 1 || got.Existing != 1 || fmt.Sprint(got.Skipped) != fmt.Sprint(wantSkipped) || got.Warnings["bad-date"] != 1 {
		t.Errorf("add: %+v; want read 5, added 4 (1 duplicate), existing 1, skipped %v, 1 bad-date warning", got, wantSkipped)
	}
	var lines2 []int
	for _, s := range got.Skips {
		lines2 = append(lines2, s.Line)
	}
	if !slices.Equal(lines2, []int{4, 5, 6}) {
		t.Errorf("skips on lines %v, want 4, 5, 6: %+v", lines2, got.Skips)
	}
	if b.Documents() != before+4 {
		t.Errorf("%d documents, want %d", b.Documents(), before+4)
	}
	// The new documents are traceable at once.
	code, _, resp = call(t, "GET", ts.URL+"/api/trace/new-2", "", nil)
	rep := decode[stemma.Report](t, resp)
	var ids []string
	for _, p := range rep.Passages {
		for _, w := range p.Witnesses {
			ids = append(ids, w.Doc.ID)
		}
	}
	if code != 200 || len(rep.Passages) != 1 || !slices.Equal(ids, []string{"new-1", "new-1-again"}) {
		t.Errorf("new-2 traced: status %d, witnesses %q; want one passage from new-1 and its duplicate", code, ids)
	}
	// Posting again adds nothing.
	_, _, resp = call(t, "POST", u, "", body, "Authorization", "Bearer "+token)
	if got := decode[addResponse](t, resp); got.Added != 0 || got.Existing != 5 {
		t.Errorf("posted again: %+v, want 0 added, 5 existing", got)
	}

	for _, tc := range []struct {
		name string
		body []byte
		code int
		msg  string
	}{
		{"empty body", []byte("\n"), 400, "empty body"},
		{"too large", bytes.Repeat([]byte(" "), 65<<10), 413, "over the limit"},
		{"gzip", []byte{0x1f, 0x8b, 8, 0}, 415, "gzip"},
	} {
		code, h, resp := call(t, "POST", u, "", tc.body, "Authorization", "Bearer "+token)
		wantError(t, tc.name, code, h, resp, tc.code, tc.msg)
	}
	code, h, resp = call(t, "DELETE", u, "", nil, "Authorization", "Bearer "+token)
	wantError(t, "DELETE /api/docs", code, h, resp, 405, "GET, HEAD, POST")
}

func TestAddDocsDisabled(t *testing.T) {
	ts, b := newExampleServer(t, server.Options{Token: "-"})
	before := b.Documents()
	code, h, resp := call(t, "POST", ts.URL+"/api/docs", "", []byte(`{"id":"x","text":"some words"}`), "Authorization", "Bearer anything")
	wantError(t, "writes disabled", code, h, resp, 403, "--token", "STEMMA_TOKEN")
	if b.Documents() != before {
		t.Error("a document was added with writes disabled")
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestOtherEndpoints(t *testing.T) {
	ts, _ := newExampleServer(t, server.Options{})
	code, h, body := call(t, "GET", ts.URL+"/api/clusters", "", nil)
	wantError(t, "clusters", code, h, body, 501, "not available yet")
	code, h, body = call(t, "GET", ts.URL+"/api/clusters/7", "", nil)
	wantError(t, "a cluster", code, h, body, 501, "not available yet")
	code, h, body = call(t, "GET", ts.URL+"/api/nothing/here", "", nil)
	wantError(t, "unknown API path", code, h, body, 404, "no API endpoint /api/nothing/here")

	code, _, body = call(t, "GET", ts.URL+"/healthz", "", nil)
	if code != 200 || string(body) != `{"documents":300,"status":"ok"}`+"\n" {
		t.Errorf("healthz: %d %s", code, body)
	}
	code, h, body = call(t, "POST", ts.URL+"/healthz", "", nil)
	wantError(t, "POST /healthz", code, h, body, 405, "GET")

	// Request IDs are echoed when sane, made up otherwise.
	_, h, _ = call(t, "GET", ts.URL+"/healthz", "", nil, "X-Request-ID", "abc-123.x_Y")
	if h.Get("X-Request-ID") != "abc-123.x_Y" {
		t.Errorf("X-Request-ID %q, want it echoed", h.Get("X-Request-ID"))
	}
	_, h, _ = call(t, "GET", ts.URL+"/healthz", "", nil, "X-Request-ID", "<script>")
	if id := h.Get("X-Request-ID"); len(id) != 16 || strings.ContainsAny(id, "<>") {
		t.Errorf("X-Request-ID %q for a bad one, want a new 16-digit ID", id)
	}
	for _, path := range []string{"/healthz", "/", "/api/docs/nope"} {
		_, h, _ = call(t, "GET", ts.URL+path, "", nil)
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: security headers missing: %v", path, h)
		}
	}

	// Metrics count requests by route and status, traces and additions.
	call(t, "POST", ts.URL+"/api/trace", "text/plain", []byte(examples.Article))
	call(t, "GET", ts.URL+"/api/trace/reuters-1", "", nil)
	call(t, "POST", ts.URL+"/api/docs", "", []byte(`{"id":"m-1","text":"a new document of a few words"}`), "Authorization", "Bearer "+token)
	code, _, body = call(t, "GET", ts.URL+"/metrics", "", nil)
	for _, want := range []string{
		`stemma_http_requests_total{code="200",method="POST",route="POST /api/trace"} 1`,
		`stemma_http_requests_total{code="404",method="GET",route="/api/"} 1`,
		`stemma_http_requests_total{code="405",method="POST",route="/healthz"} 1`,
		`stemma_http_request_duration_seconds_count{route="POST /api/trace"} 1`,
		`stemma_traces_total{input="text"} 1`,
		`stemma_traces_total{input="indexed"} 1`,
		`stemma_trace_duration_seconds_count 2`,
		`stemma_documents_added_total 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if code != 200 {
		t.Errorf("metrics: status %d", code)
	}
}

// stubTracer traces by calling fn; it lets a test block, time out or panic.
type stubTracer struct {
	fn func(ctx context.Context) (*stemma.Report, error)
}

func (s stubTracer) Trace(ctx context.Context, d stemma.Doc) (*stemma.Report, error) {
	return s.fn(ctx)
}
func (s stubTracer) TraceID(ctx context.Context, id string) (*stemma.Report, error) {
	return nil, fmt.Errorf("%w: %s", server.ErrNotFound, id)
}

type emptyCorpus struct{}

func (emptyCorpus) DocByID(ctx context.Context, id string) (stemma.Doc, error) {
	return stemma.Doc{}, server.ErrNotFound
}
func (emptyCorpus) Search(ctx context.Context, q server.Query) (server.SearchResult, error) {
	return server.SearchResult{}, nil
}
func (emptyCorpus) Add(ctx context.Context, next func() (stemma.Doc, bool)) (server.AddResult, error) {
	return server.AddResult{}, errors.New("read-only")
}

func newStubServer(t *testing.T, fn func(ctx context.Context) (*stemma.Report, error), opts server.Options) *httptest.Server {
	t.Helper()
	opts.Logger = slog.New(slog.DiscardHandler)
	srv, err := server.New(stubTracer{fn}, emptyCorpus{}, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

func TestLimits(t *testing.T) {
	t.Run("saturated", func(t *testing.T) {
		release := make(chan struct{})
		started := make(chan struct{}, 1)
		ts := newStubServer(t, func(ctx context.Context) (*stemma.Report, error) {
			started <- struct{}{}
			<-release
			return &stemma.Report{Passages: []stemma.Passage{}, Sources: []stemma.SourceSummary{}}, nil
		}, server.Options{MaxConcurrent: 1, QueueTimeout: 50 * time.Millisecond})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			if resp, err := http.Post(ts.URL+"/api/trace", "text/plain", strings.NewReader("some words")); err == nil {
				resp.Body.Close()
			}
		}()
		<-started
		code, h, body := call(t, "POST", ts.URL+"/api/trace", "text/plain", []byte("other words"))
		wantError(t, "second request while saturated", code, h, body, 503, "server busy")
		if h.Get("Retry-After") == "" {
			t.Error("503 without Retry-After")
		}
		if code, _, _ := call(t, "GET", ts.URL+"/healthz", "", nil); code != 200 {
			t.Errorf("healthz while saturated: %d, want 200", code)
		}
		close(release)
		wg.Wait()
		if code, _, body := call(t, "POST", ts.URL+"/api/trace", "text/plain", []byte("more words")); code != 200 {
			t.Errorf("after the slot is freed: %d %s", code, body)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		ts := newStubServer(t, func(ctx context.Context) (*stemma.Report, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		}, server.Options{RequestTimeout: 50 * time.Millisecond})
		code, h, body := call(t, "POST", ts.URL+"/api/trace", "text/plain", []byte("some words"))
		wantError(t, "timeout", code, h, body, 503, "timed out after 50ms")
	})
	t.Run("panic", func(t *testing.T) {
		ts := newStubServer(t, func(ctx context.Context) (*stemma.Report, error) { panic("boom") }, server.Options{})
		code, h, body := call(t, "POST", ts.URL+"/api/trace", "text/plain", []byte("some words"))
		wantError(t, "panic", code, h, body, 500, "internal error")
		if code, _, _ := call(t, "GET", ts.URL+"/healthz", "", nil); code != 200 {
			t.Errorf("the server is down after a panic: %d", code)
		}
	})
	t.Run("internal error", func(t *testing.T) {
		ts := newStubServer(t, func(ctx context.Context) (*stemma.Report, error) { return nil, errors.New("disk on fire") }, server.Options{})
		code, h, body := call(t, "POST", ts.URL+"/api/trace", "text/plain", []byte("some words"))
		wantError(t, "internal error", code, h, body, 500, "internal error (request ")
		if strings.Contains(string(body), "disk on fire") {
			t.Errorf("an internal error leaked to the client: %s", body)
		}
	})
}

func TestOptionsValidate(t *testing.T) {
	for _, o := range []server.Options{
		{MaxBodyBytes: -1}, {MaxConcurrent: -1}, {RequestTimeout: -time.Second}, {PastedBytes: -1},
		{Example: &stemma.Doc{Title: "no text"}},
	} {
		if _, err := server.New(stubTracer{}, emptyCorpus{}, o); !errors.Is(err, server.ErrOptions) {
			t.Errorf("New(%+v): %v, want ErrOptions", o, err)
		}
	}
}

// TestServeShutdown runs Serve on a real listener and cancels it: requests
// in flight finish, then Serve returns nil.
func TestServeShutdown(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	srv, err := server.New(stubTracer{func(ctx context.Context) (*stemma.Report, error) {
		close(started)
		<-release
		return &stemma.Report{Passages: []stemma.Passage{}, Sources: []stemma.SourceSummary{}}, nil
	}}, emptyCorpus{}, server.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	got := make(chan int, 1)
	go func() {
		resp, err := http.Post("http://"+ln.Addr().String()+"/api/trace", "text/plain", strings.NewReader("words"))
		if err != nil {
			got <- 0
			return
		}
		resp.Body.Close()
		got <- resp.StatusCode
	}()
	<-started
	cancel()
	time.Sleep(50 * time.Millisecond)
	close(release)
	if code := <-got; code != 200 {
		t.Errorf("the request in flight got %d, want 200", code)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
}
