package server_test

import (
	"bytes"
	"fmt"
	"html/template"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/examples"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/internal/testdata"
	"github.com/stemmanews/stemma/server"
	"github.com/stemmanews/stemma/tokenize"
	"github.com/stemmanews/stemma/trace"
	"github.com/stemmanews/stemma/translate"

	"github.com/cockroachdb/pebble/v2/vfs"
)

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// postForm posts a multipart form like the home page's and returns the
// response, not following the redirect.
func postForm(t *testing.T, u string, fields map[string]string, fileName, file string) *http.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if fileName != "" {
		fw, err := mw.CreateFormFile("file", fileName)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(file))
	}
	mw.Close()
	req, _ := http.NewRequest("POST", u, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func page(t *testing.T, u string, wantCode int) string {
	t.Helper()
	code, h, body := call(t, "GET", u, "", nil)
	if code != wantCode {
		t.Fatalf("GET %s: status %d, want %d\n%s", u, code, wantCode, body)
	}
	if ct := h.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", u, ct)
	}
	return string(body)
}

var markRE = regexp.MustCompile(`<mark class="psg c(-?\d+)" data-passage="(\d+)" data-source="([^"]*)" data-start="(\d+)" data-end="(\d+)"`)

func TestPasteAndReport(t *testing.T) {
	ts, _ := newExampleServer(t, server.Options{})
	home := page(t, ts.URL+"/", 200)
	for _, want := range []string{`<form class="card trace-form" method="post" action="/trace" enctype="multipart/form-data">`, "300 documents"} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	// A browser sends a textarea's line breaks as CRLF.
	crlf := strings.ReplaceAll(examples.Article, "\n", "\r\n")
	resp := postForm(t, ts.URL+"/trace", map[string]string{"text": crlf}, "", "")
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/reports/[0-9a-f]{20}$`).MatchString(loc) {
		t.Fatalf("POST /trace: %d, Location %q; want 303 to /reports/KEY", resp.StatusCode, loc)
	}
	// The same article pasted again gets the same report URL.
	resp = postForm(t, ts.URL+"/trace", map[string]string{"text": crlf}, "", "")
	resp.Body.Close()
	if resp.Header.Get("Location") != loc {
		t.Errorf("pasted twice: %q then %q", loc, resp.Header.Get("Location"))
	}
	report := page(t, ts.URL+loc, 200)
	// Offsets are those of the text as pasted, with LF line breaks.
	passages := map[string][2]int{}
	for _, m := range markRE.FindAllStringSubmatch(report, -1) {
		s, _ := strconv.Atoi(m[4])
		e, _ := strconv.Atoi(m[5])
		p := passages[m[2]]
		if p == [2]int{} {
			p = [2]int{s, e}
		}
		p[0], p[1] = min(p[0], s), max(p[1], e)
		passages[m[2]] = p
	}
	for i, w := range wantPassages {
		got := passages[strconv.Itoa(i+1)]
		if got != [2]int{w.span.Start, w.span.End} {
			t.Errorf("passage %d highlighted at %v, want %v", i+1, got, w.span)
		}
	}
	for _, want := range []string{"80%", "found in 5 other documents", "How to read this.", `id="legend"`, `id="timeline"`, `id="spin"`,
		`href="/reports/` + loc[len("/reports/"):] + `/compare?p=1&amp;w=1"`, `href="/docs/reuters-20787"`,
		// The article's language and each source's, detected (package lang).
		`undated · <span class="lang">English</span>`, `· <span class="lang">English</span> · <code>reuters-20787</code>`} {
		if !strings.Contains(report, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	cmp := page(t, ts.URL+loc+"/compare?p=1&w=1", 200)
	for _, want := range []string{
		`<span class="sub" data-edit="1" data-kind="substitute" data-start="254" data-end="260"`,
		`>remove</span>`, `>lift</span>`, `>stated</span>`, `>said</span>`, `<span class="lang">English</span>`,
	} {
		if !strings.Contains(cmp, want) {
			t.Errorf("compare page lacks %q", want)
		}
	}
	page(t, ts.URL+loc+"/compare?p=9&w=1", 404)
	page(t, ts.URL+loc+"/compare?p=2&w=3", 404)
	page(t, ts.URL+loc+"/compare?p=one", 400)
	if got := page(t, ts.URL+"/reports/00000000000000000000", 404); !strings.Contains(got, "no longer kept") {
		t.Errorf("unknown report: %s", got)
	}
	code, h, body := call(t, "GET", ts.URL+loc+"/json", "", nil)
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		t.Errorf("report JSON: %d %s", code, body)
	}
	checkExampleReport(t, "report JSON", decode[stemma.Report](t, body))
}

func TestUploadAndExample(t *testing.T) {
	ex := stemma.Doc{ID: "examples/article.txt", Title: "The example", Text: examples.Article}
	ts, _ := newExampleServer(t, server.Options{Example: &ex})
	if home := page(t, ts.URL+"/", 200); !strings.Contains(home, "Trace the example") {
		t.Error("the home page does not offer the example")
	}
	resp := postForm(t, ts.URL+"/trace", map[string]string{"example": "1"}, "", "")
	resp.Body.Close()
	if got := page(t, ts.URL+resp.Header.Get("Location"), 200); !strings.Contains(got, "<h1>The example</h1>") || len(markRE.FindAllString(got, -1)) == 0 {
		t.Error("the example's report lacks its title or passages")
	}
	// An uploaded text file, with a title and a date from the form.
	resp = postForm(t, ts.URL+"/trace", map[string]string{"title": "Uploaded", "date": "1987-12-01"}, "article.txt", examples.Article)
	resp.Body.Close()
	got := page(t, ts.URL+resp.Header.Get("Location"), 200)
	if !strings.Contains(got, "<h1>Uploaded</h1>") || !strings.Contains(got, "published 1987-12-01") {
		t.Error("the uploaded article's report lacks the title or date of the form")
	}
	// The form's language: the report names it, and the home page offers
	// it among the languages stemma detects.
	if home := page(t, ts.URL+"/", 200); !strings.Contains(home, `<option value="fr">French</option>`) || !strings.Contains(home, `<option value="">Detect from the text</option>`) {
		t.Error("the home page's form offers no choice of language")
	}
	resp = postForm(t, ts.URL+"/trace", map[string]string{"title": "Given", "lang": "de"}, "article.txt", examples.Article)
	resp.Body.Close()
	german := resp.Header.Get("Location")
	if got := page(t, ts.URL+german, 200); !strings.Contains(got, `<span class="lang">German</span>`) {
		t.Error("the report of an article given as German does not say so")
	}
	// The same article, its language left to detection, is another report.
	resp = postForm(t, ts.URL+"/trace", map[string]string{"title": "Given"}, "article.txt", examples.Article)
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); loc == german || !strings.Contains(page(t, ts.URL+loc, 200), `<span class="lang">English</span>`) {
		t.Errorf("the same article without a language: report %s (the German one %s), want another, in English", loc, german)
	}
	// An uploaded web page.
	html := "<html><head><title>Chip truce</title></head><body><article><h1>Chip truce</h1><p>" +
		strings.Join(strings.Split(examples.Article, "\n\n")[1:], "</p><p>") + "</p></article></body></html>"
	resp = postForm(t, ts.URL+"/trace", nil, "page.html", html)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("HTML upload: %d", resp.StatusCode)
	}
	if got := page(t, ts.URL+resp.Header.Get("Location"), 200); len(markRE.FindAllString(got, -1)) < 4 {
		t.Error("the uploaded web page's report has fewer than 4 highlights")
	}
	for _, tc := range []struct {
		name   string
		fields map[string]string
		code   int
		msg    string
	}{
		{"empty", map[string]string{"text": "  "}, 400, "the article is empty"},
		{"bad date", map[string]string{"text": "a b c", "date": "13/13/13"}, 400, "bad date"},
		{"bad language", map[string]string{"text": "a b c", "lang": "<b>fr</b>"}, 400, "is not a language tag"},
	} {
		resp := postForm(t, ts.URL+"/trace", tc.fields, "", "")
		var buf bytes.Buffer
		buf.ReadFrom(resp.Body)
		resp.Body.Close()
		if strings.Contains(buf.String(), "<b>") {
			t.Errorf("%s: the error page shows the form's markup unescaped", tc.name)
		}
		if resp.StatusCode != tc.code || !strings.Contains(buf.String(), tc.msg) || !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s: %d %q, want %d and a page saying %q", tc.name, resp.StatusCode, resp.Header.Get("Content-Type"), tc.code, tc.msg)
		}
	}
}

func TestFormTooLarge(t *testing.T) {
	ts, _ := newExampleServer(t, server.Options{MaxBodyBytes: 32 << 10})
	resp := postForm(t, ts.URL+"/trace", map[string]string{"text": strings.Repeat("word ", 10000)}, "", "")
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 50 kB form: %d, want 413", resp.StatusCode)
	}
}

func TestBrowsePages(t *testing.T) {
	ts, _ := newExampleServer(t, server.Options{})
	got := page(t, ts.URL+"/docs?q=japan&limit=5", 200)
	if !strings.Contains(got, "Documents 1–5 of 21") || !strings.Contains(got, `href="/docs?limit=5&amp;offset=5&amp;q=japan"`) {
		t.Errorf("browse page lacks the count or the next link")
	}
	if got := page(t, ts.URL+"/docs?q=zebra", 200); !strings.Contains(got, "No document matches") {
		t.Error("browse with no match")
	}
	// The language filter keeps its value, and each row shows the
	// document's language.
	got = page(t, ts.URL+"/docs?q=japan&lang=en&limit=5", 200)
	for _, want := range []string{`name="lang" value="en"`, "<td>English</td>", `href="/docs?lang=en&amp;limit=5&amp;offset=5&amp;q=japan"`} {
		if !strings.Contains(got, want) {
			t.Errorf("browse page with lang=en lacks %q", want)
		}
	}
	if got := page(t, ts.URL+"/docs?q=japan&lang=fr", 200); !strings.Contains(got, "No document matches") {
		t.Error("browse with lang=fr finds documents")
	}
	page(t, ts.URL+"/docs?limit=x", 400)
	doc := page(t, ts.URL+"/docs/reuters-1", 200)
	for _, want := range []string{"<h1>BAHIA COCOA REVIEW</h1>", "<dt>Language</dt><dd>English</dd>", "1987-02-26 15:01 UTC", `href="/docs/reuters-1/report"`, "Showers continued throughout the week in\nthe Bahia cocoa zone"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document page lacks %q", want)
		}
	}
	if got := page(t, ts.URL+"/docs/reuters-7626/report", 200); !strings.Contains(got, `data-source="reuters-7521"`) {
		t.Error("the report of reuters-7626 does not show reuters-7521 as a source")
	}
	page(t, ts.URL+"/docs/reuters-7626/compare?p=1&w=1", 200)
	if got := page(t, ts.URL+"/docs/"+url.PathEscape("no/such doc"), 404); !strings.Contains(got, `no document with ID &#34;no/such doc&#34;`) {
		t.Errorf("unknown document page: %s", got)
	}
	page(t, ts.URL+"/no/such/page", 404)
	code, h, _ := call(t, "DELETE", ts.URL+"/docs/reuters-1", "", nil)
	if code != 405 || h.Get("Allow") != "GET, HEAD" || !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
		t.Errorf("DELETE a document page: %d, Allow %q, %q", code, h.Get("Allow"), h.Get("Content-Type"))
	}
	if code, _, _ := call(t, "HEAD", ts.URL+"/", "", nil); code != 200 {
		t.Errorf("HEAD /: %d", code)
	}
}

func TestStatic(t *testing.T) {
	ts, _ := newExampleServer(t, server.Options{})
	home := page(t, ts.URL+"/", 200)
	css := regexp.MustCompile(`href="(/static/style\.css\?v=[0-9a-f]{8})"`).FindStringSubmatch(home)
	js := regexp.MustCompile(`src="(/static/app\.js\?v=[0-9a-f]{8})"`).FindStringSubmatch(home)
	if css == nil || js == nil {
		t.Fatal("the layout does not link versioned assets")
	}
	for _, tc := range []struct{ path, ct string }{{css[1], "text/css"}, {js[1], "text/javascript"}} {
		code, h, body := call(t, "GET", ts.URL+tc.path, "", nil)
		if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), tc.ct) || len(body) == 0 || !strings.Contains(h.Get("Cache-Control"), "max-age") {
			t.Errorf("%s: %d %q %q", tc.path, code, h.Get("Content-Type"), h.Get("Cache-Control"))
		}
	}
	for _, p := range []string{"/static/", "/static/nope.css", "/static/../server.go"} {
		if code, _, _ := call(t, "GET", ts.URL+p, "", nil); code != 404 {
			t.Errorf("%s: %d, want 404", p, code)
		}
	}
}

// TestReportQuotes pastes the example article with a quote reworded and
// its speaker dropped: the report page lists both findings and boxes the
// quote in the text.
func TestReportQuotes(t *testing.T) {
	ts, _ := newExampleServer(t, server.Options{})
	text := strings.Replace(examples.Article, `Reagan said the tariffs would be eliminated "as soon as we have firm`,
		`The tariffs would be eliminated "as soon as we have solid`, 1)
	resp := postForm(t, ts.URL+"/trace", map[string]string{"text": text}, "", "")
	resp.Body.Close()
	got := page(t, ts.URL+resp.Header.Get("Location"), 200)
	for _, want := range []string{`id="quotes"`, "<strong>quote altered</strong>", "<strong>speaker lost</strong>",
		`<span class="quote-flag" title="quote altered: `, `&#34;firm&#34; where this has &#34;solid&#34;`, "— Reagan</p>"} {
		if !strings.Contains(got, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
}

// TestReportOrphanedQuote pastes a text that is in no source, with a "he
// said" that points at no one and a quote with no speaker: the report page
// lists both findings and boxes the quotes, though nothing was traced.
func TestReportOrphanedQuote(t *testing.T) {
	ts, _ := newExampleServer(t, server.Options{})
	text := "The ministry continued to back the rebels in the north, and \"that has cut us off from our partners\", he said.\n\n" +
		"The plant closed on Monday after ninety years.\n\n\"We have nowhere to go now and nobody will help us.\"\n\nThe site will be sold."
	resp := postForm(t, ts.URL+"/trace", map[string]string{"text": text}, "", "")
	resp.Body.Close()
	got := page(t, ts.URL+resp.Header.Get("Location"), 200)
	for _, want := range []string{`id="quotes"`, "<strong>orphaned “he said”</strong>", "<strong>quote without a speaker</strong>",
		`<span class="quote-flag" title="orphaned “he said”: `, `&#34;The ministry&#34;, is not a person`, "— no speaker</p>"} {
		if !strings.Contains(got, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
}

// boeingRewrite rewords every sentence but one of reuters-19060, an
// example story, keeping its names and figures.
const boeingRewrite = "In a statement, Boeing said it had not yet seen the Japanese government's official report into the crash of a Japan Air Lines Boeing 747 that killed 520 people.\n\n" +
	"It added, however, that it had agreed with an earlier draft which found that incorrect repairs, left undetected during scheduled inspections, had caused the accident.\n\n" +
	"Boeing said it did not think a similar accident could happen under any foreseeable operating conditions, and that it had carried out tests and supplied equipment for new planes and planes already in service to make sure it could not happen again.\n"

// TestParaphrase: a server started with paraphrase tracing finds the
// rewrite's source through the API and shows the passage, its class and
// its confidence on the report page; a default server does not.
func TestParaphrase(t *testing.T) {
	plain, _ := newExampleServer(t, server.Options{})
	var topts trace.Options
	topts.Align.Paraphrase = true
	para, _ := newExampleServerTracing(t, server.Options{}, topts)

	code, _, body := call(t, "POST", plain.URL+"/api/trace", "text/plain", []byte(boeingRewrite))
	def := decode[stemma.Report](t, body)
	for _, p := range def.Passages {
		if code != 200 || p.Class == stemma.Paraphrase {
			t.Errorf("default tracing: status %d, a passage classed %s", code, p.Class)
		}
	}
	code, _, body = call(t, "POST", para.URL+"/api/trace", "text/plain", []byte(boeingRewrite))
	rep := decode[stemma.Report](t, body)
	if rep.Reused <= def.Reused {
		t.Errorf("paraphrase tracing finds %.0f%% reused, default tracing %.0f%%", 100*rep.Reused, 100*def.Reused)
	}
	if code != 200 || len(rep.Passages) != 1 {
		t.Fatalf("paraphrase tracing: status %d, %d passages; want one", code, len(rep.Passages))
	}
	p := rep.Passages[0]
	o := p.Witnesses[max(p.Origin, 0)]
	if p.Class != stemma.Paraphrase || o.Doc.ID != "reuters-19060" || o.Confidence < 0.5 || o.Confidence >= 1 || rep.Reused < 0.9 {
		t.Errorf("passage %s from %s, confidence %.2f, %.0f%% reused; want a paraphrase of reuters-19060 covering the article, 0.5 ≤ confidence < 1",
			p.Class, o.Doc.ID, o.Confidence, 100*rep.Reused)
	}

	resp := postForm(t, para.URL+"/trace", map[string]string{"text": boeingRewrite}, "", "")
	resp.Body.Close()
	got := page(t, para.URL+resp.Header.Get("Location"), 200)
	for _, want := range []string{`<span class="class-label paraphrase">paraphrase</span>`, `<span class="confidence" title="estimated probability`, "(confidence "} {
		if !strings.Contains(got, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
}

// TestSummary: a server with paraphrase tracing finds examples.Brief, a
// brief of reuters-1, to be one summary of that story, the whole brief
// against the story from its first byte, and the report page shows its
// class and confidence.
func TestSummary(t *testing.T) {
	cocoaBrief := strings.TrimSpace(examples.Brief)
	var topts trace.Options
	topts.Align.Paraphrase = true
	para, _ := newExampleServerTracing(t, server.Options{}, topts)
	code, _, body := call(t, "POST", para.URL+"/api/trace", "text/plain", []byte(cocoaBrief))
	rep := decode[stemma.Report](t, body)
	if code != 200 || len(rep.Passages) != 1 {
		t.Fatalf("status %d, %d passages; want one", code, len(rep.Passages))
	}
	p := rep.Passages[0]
	o := p.Witnesses[max(p.Origin, 0)]
	whole := stemma.Span{Start: 0, End: len(cocoaBrief) - 1} // to "carnival", without the full stop
	if p.Class != stemma.Summary || o.Doc.ID != "reuters-1" || p.Article != whole || o.Source.Start != 0 || o.Confidence < 0.5 {
		t.Errorf("passage %v, %s of %s bytes %v, confidence %.2f; want the whole brief, %v, a summary of reuters-1 from its first byte, confidence at least 0.5",
			p.Article, p.Class, o.Doc.ID, o.Source, o.Confidence, whole)
	}
	resp := postForm(t, para.URL+"/trace", map[string]string{"text": cocoaBrief}, "", "")
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	got := page(t, para.URL+loc, 200)
	// The witness's changes cell says what the brief kept word for word,
	// names and figures first, not a word diff.
	for _, want := range []string{`<span class="class-label summary">summary</span>`, "(confidence ",
		`<td class="changes">reworded; shares 49 words as written: Showers, Bahia, January, Spot, 340, 350, …</td>`} {
		if !strings.Contains(got, want) {
			t.Errorf("report page lacks %q", want)
		}
	}

	// The comparison folds each deletion of more than 40 words in the
	// source's column to its first and last 8, linked to its row in the
	// table of changes, which has it whole.
	cmp := page(t, para.URL+loc+"/compare?p=1&w=1", 200)
	// Whitespace collapsed: the story's text keeps its line breaks.
	srcCol := strings.Join(strings.Fields(cmp[strings.Index(cmp, `id="source-side"`):strings.Index(cmp, `id="article-side"`)]), " ")
	table := strings.Join(strings.Fields(cmp[strings.Index(cmp, `id="changes"`):]), " ")
	row, folds := 0, 0
	for _, e := range o.Edits {
		if e.Kind == stemma.Match {
			continue
		}
		row++
		n := len(tokenize.Tokens(e.SourceText)) // words as stemma counts them
		if e.Kind != stemma.Delete || n <= 40 {
			continue
		}
		folds++
		link := fmt.Sprintf(`<a class="fold" href="#change-%d" data-edit=`, row)
		note := fmt.Sprintf("… %d more words left out …", n-16)
		words := strings.Fields(e.SourceText)
		middle := template.HTMLEscapeString(strings.Join(words[len(words)/2-2:len(words)/2+2], " "))
		if !strings.Contains(srcCol, link) || !strings.Contains(srcCol, note) || strings.Contains(srcCol, middle) {
			t.Errorf("deletion %d (%d words): source column lacks %q or %q, or shows %q", row, n, link, note, middle)
		}
		if !strings.Contains(table, fmt.Sprintf(`<tr id="change-%d" data-edit=`, row)) || !strings.Contains(table, middle) {
			t.Errorf("deletion %d: the table of changes lacks its row or %q", row, middle)
		}
	}
	if folds == 0 || strings.Count(srcCol, `<a class="fold"`) != folds {
		t.Errorf("%d folds in the source column, want %d (one per deletion of more than 40 words, at least one)", strings.Count(srcCol, `<a class="fold"`), folds)
	}
}

// TestReportTextSpin pastes a text that is in no source with spinner's
// tells: the report page lists them under Spin evidence, each with its
// kind, bytes and reason, and marks each in the text at its bytes, the
// article's own words escaped.
func TestReportTextSpin(t *testing.T) {
	ts, _ := newExampleServer(t, server.Options{})
	text := "Mr <b>Smith</b> will try to lay the groundwork for an global summit on the crisis, and an worldwide accord."
	resp := postForm(t, ts.URL+"/trace", map[string]string{"text": text}, "", "")
	resp.Body.Close()
	got := page(t, ts.URL+resp.Header.Get("Location"), 200)
	g := strings.Index(text, "an global")
	w := strings.Index(text, "an worldwide")
	for _, want := range []string{
		`id="spin"`, `id="text-spin"`, "<dt>a/an mismatches</dt><dd>2</dd>",
		`<li id="tell-1" data-kind="article-mismatch" data-start="` + strconv.Itoa(g) + `" data-end="` + strconv.Itoa(g+len("an global")) + `">`,
		`<li id="tell-2" data-kind="article-mismatch" data-start="` + strconv.Itoa(w) + `" data-end="` + strconv.Itoa(w+len("an worldwide")) + `">`,
		`<strong>a/an mismatch</strong>: &#34;an&#34; before &#34;global&#34;, where the indexed news writes &#34;a global&#34; twice and &#34;an global&#34; never`,
		`<span class="tell article-mismatch" title="a/an mismatch (spin tell): &#34;an&#34; before &#34;global&#34;`,
		"Mr &lt;b&gt;Smith&lt;/b&gt;",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	if strings.Contains(got, "<b>Smith</b>") {
		t.Error("the article's markup reached the page unescaped")
	}
}

// TestTranslatedReport pastes a German article that translates an English
// story in the index: the report lists the witness as translated from
// English, and its comparison shows the two passages side by side, with
// both languages named, no word-by-word changes, and the article's own
// text escaped.
func TestTranslatedReport(t *testing.T) {
	if _, err := translate.ForLanguage("de"); err != nil {
		testdata.Missing(t, "%v: .ci/install installs Debian's dict-freedict-* packages", err)
	}
	story, german := testdata.Translated(t)
	ix, err := index.Open("ix", index.Options{FS: vfs.NewMem()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Add(stemma.Doc{ID: "story", Text: story, Lang: "en", Source: "wire"}); err != nil {
		t.Fatal(err)
	}
	ts, _ := newServer(t, ix, server.Options{}, trace.Options{})
	resp := postForm(t, ts.URL+"/trace", map[string]string{"text": german}, "", "")
	resp.Body.Close()
	report := ts.URL + resp.Header.Get("Location")
	got := page(t, report, 200)
	for _, want := range []string{`<span class="class-label translated">translated</span>`, `<span class="lang">from English</span>`, "a translation: not compared word by word"} {
		if !strings.Contains(got, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	if strings.Contains(got, "<blink>") {
		t.Error("report page carries the article's markup unescaped")
	}
	cmp := page(t, report+"/compare?p=1&w=1", 200)
	for _, want := range []string{
		"This article translates the source",
		"in German what the source",
		"Die Regierung kündigte am Dienstag an",
		"The government announced on Tuesday",
		`<span class="lang">German</span>`,
		`<span class="lang">English</span>`,
	} {
		if !strings.Contains(cmp, want) {
			t.Errorf("comparison lacks %q", want)
		}
	}
	if strings.Contains(cmp, `id="changes"`) || strings.Contains(cmp, "<blink>") {
		t.Error("comparison lists word changes for a translation, or carries the article's markup unescaped")
	}
}
