package ingest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stemmanews/stemma/internal/testdata"
)

// TestRealPages extracts five real pages kept in testdata/realpages (from
// the tuning half of the Trafilatura corpus, Apache-2.0), each picked for
// a rule of ExtractHTML: two are UTF-8 with nothing declared and ASCII in
// their first kilobyte (once read as windows-1252), one declares
// windows-1252 in a <meta>, one has its lead outside the story's body, and
// on one trafilatura alone finds none of the story. Every segment the
// corpus marks as article must be found, none it marks as boilerplate.
func TestRealPages(t *testing.T) {
	dir := filepath.Join("testdata", "realpages")
	raw, err := os.ReadFile(filepath.Join(dir, "pages.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pages map[string]struct {
		URL     string   `json:"url"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(raw, &pages); err != nil {
		t.Fatal(err)
	}
	if len(pages) != 5 {
		t.Fatalf("%d pages in pages.json, want 5", len(pages))
	}
	for name, want := range pages {
		t.Run(name, func(t *testing.T) {
			page, err := readGzip(filepath.Join(dir, name+".gz"))
			if err != nil {
				t.Fatal(err)
			}
			a, err := ExtractHTML(strings.NewReader(string(page)), want.URL, "")
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(a.Doc.Text), " ")
			for _, w := range want.With {
				if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
					t.Errorf("missing %q", w)
				}
			}
			for _, w := range want.Without {
				if strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
					t.Errorf("kept boilerplate %q", w)
				}
			}
			if HasMojibake(a.Doc.Text) {
				t.Errorf("mojibake in the text:\n%s", a.Doc.Text)
			}
		})
	}
}

// TestRealCorpora extracts every page of the two real-page corpora
// (scripts/extra-data; skipped when they are missing) and checks that no
// page whose bytes are valid UTF-8 comes out as mojibake, and that the
// scores stay at their floors: a little under those measured on
// 2026-12-06, which docs/benchmarks.md reports from `stemma eval`.
func TestRealCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 1,171 pages")
	}
	tr, err := ReadTrafilaturaCorpus(testdata.Extra(t, "html-trafilatura"))
	if err != nil {
		t.Fatal(err)
	}
	sh, err := ReadScrapinghubCorpus(testdata.Extra(t, "html-scrapinghub"))
	if err != nil {
		t.Fatal(err)
	}
	tune, test := SplitReal(tr)
	for _, c := range []struct {
		name  string
		pages []RealPage
		floor float64
	}{
		{"trafilatura tuning half", tune, 0.93},
		{"trafilatura held-out half", test, 0.91},
		{"scrapinghub", sh, 0.95},
	} {
		sc := ScoreReal(c.pages, Extractors["stemma"])
		t.Logf("%s: %d pages, precision %.3f, recall %.3f, F1 %.3f; %d valid UTF-8, %d with mojibake", c.name, sc.Pages, sc.Precision, sc.Recall, sc.F1, sc.UTF8Pages, sc.Mojibake)
		if sc.Mojibake > 0 {
			t.Errorf("%s: %d pages of valid UTF-8 came out as mojibake", c.name, sc.Mojibake)
			for _, m := range sc.Misses {
				if strings.HasSuffix(m, ": mojibake") {
					t.Log(m)
				}
			}
		}
		if sc.Failed > 0 {
			t.Errorf("%s: %d pages failed", c.name, sc.Failed)
		}
		if sc.F1 < c.floor {
			t.Errorf("%s: F1 %.3f, want at least %.2f", c.name, sc.F1, c.floor)
		}
	}
}

// TestExtractedTreeTags checks the text of a page that go-trafilatura
// extracts: its tree names the elements it rebuilds ("li", "td", "br")
// without their atoms, and each list item must still be a paragraph, each
// table cell and line break a space; and a soft hyphen, which no reader
// sees, must not cut a word in two.
func TestExtractedTreeTags(t *testing.T) {
	long := strings.Repeat("The council met on Monday and the members voted on the plan for the new bridge over the river. ", 3)
	page := `<html><head><title>Bridge vote</title></head><body><article><h1>Bridge vote</h1>` +
		`<p>` + long + `</p>` +
		`<ul><li>The first vote was close.</li><li>The second vote was not.</li></ul>` +
		`<p>The mayor said the Kiess&shy;ling report came first, and a line<br>break came next.</p>` +
		`<table><tr><td>Yes</td><td>12 votes</td></tr><tr><td>No</td><td>9 votes</td></tr></table>` +
		`<p>` + long + `</p>` +
		`</article></body></html>`
	a, err := extractHTML([]byte(page), "https://example.com/bridge", "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Extractor != "trafilatura" {
		t.Fatalf("extractor %q, want trafilatura (the test is of its tree)", a.Extractor)
	}
	var paras []string
	for _, s := range a.Paragraphs {
		paras = append(paras, a.Doc.Text[s.Start:s.End])
	}
	for _, want := range []string{"The first vote was close.", "The second vote was not.", "Yes 12 votes", "No 9 votes"} {
		if !slices.Contains(paras, want) {
			t.Errorf("no paragraph %q in %q", want, paras)
		}
	}
	for _, want := range []string{"Kiessling report", "a line break came next"} {
		if !strings.Contains(a.Doc.Text, want) {
			t.Errorf("text lacks %q: %q", want, a.Doc.Text)
		}
	}
}
