package ingest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stemmanews/stemma/ingest"
)

// page is the sidecar of one page of testdata/html: what extraction must
// find in it.
type page struct {
	Layout  string   `json:"layout"`
	Lang    string   `json:"lang"`
	Title   string   `json:"title"`
	Date    *string  `json:"date"`
	Site    string   `json:"site"`
	Host    string   `json:"host"`
	Author  *string  `json:"author"`
	Text    string   `json:"text"`
	Must    []string `json:"must"`
	MustNot []string `json:"must_not"`
}

// sentenceEnd splits text into sentences: after . ! ? or a closing quote,
// before a capital letter or an opening quote.
var sentenceEnd = regexp.MustCompile(`[.!?"»]\s+`)

func splitSentences(text string) []string {
	var out []string
	for _, para := range strings.Split(text, "\n\n") {
		start := 0
		for _, m := range sentenceEnd.FindAllStringIndex(para, -1) {
			next := []rune(para[m[1]:])
			if len(next) == 0 || !(unicode.IsUpper(next[0]) || strings.ContainsRune(`"«¿¡`, next[0])) {
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

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// extractionScore is the sentence-level score of the HTML corpus.
type extractionScore struct {
	Pages, Must, Found, Extracted, Correct, Boilerplate int
	Titles, Dates, Langs, Sources                       int
}

func (s extractionScore) Precision() float64 { return float64(s.Correct) / float64(s.Extracted) }
func (s extractionScore) Recall() float64    { return float64(s.Found) / float64(s.Must) }

// scoreHTMLCorpus extracts every page of testdata/html and scores it
// against its sidecar; problems are logged through logf.
func scoreHTMLCorpus(t testing.TB, logf func(string, ...any)) extractionScore {
	paths, err := filepath.Glob("testdata/html/*.html")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no pages in testdata/html: %v", err)
	}
	var sc extractionScore
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".html")
		raw, err := os.ReadFile(strings.TrimSuffix(path, ".html") + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var want page
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatalf("%s.json: %v", name, err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ingest.ExtractHTML(f, "", "")
		f.Close()
		if err != nil {
			logf("%s (%s): %v", name, want.Layout, err)
			continue
		}
		sc.Pages++
		got := norm(a.Doc.Text)
		for _, s := range want.Must {
			sc.Must++
			if strings.Contains(got, norm(s)) {
				sc.Found++
			} else {
				logf("%s (%s): missing %q", name, want.Layout, s)
			}
		}
		expected := norm(want.Text)
		for _, s := range splitSentences(a.Doc.Text) {
			sc.Extracted++
			if strings.Contains(expected, norm(s)) {
				sc.Correct++
			} else {
				logf("%s (%s): extra %q", name, want.Layout, s)
			}
		}
		for _, s := range want.MustNot {
			if strings.Contains(got, norm(s)) {
				sc.Boilerplate++
				logf("%s (%s): boilerplate kept %q", name, want.Layout, s)
			}
		}
		if a.Doc.Title == want.Title {
			sc.Titles++
		} else {
			logf("%s (%s): title %q, want %q", name, want.Layout, a.Doc.Title, want.Title)
		}
		var wantDate time.Time
		if want.Date != nil {
			for _, layout := range []string{time.RFC3339, "2006-01-02"} {
				if d, err := time.Parse(layout, *want.Date); err == nil {
					wantDate = d.UTC()
				}
			}
		}
		if a.Doc.Date.Equal(wantDate) {
			sc.Dates++
		} else {
			logf("%s (%s): date %v, want %v", name, want.Layout, a.Doc.Date, wantDate)
		}
		if strings.HasPrefix(strings.ToLower(a.Doc.Lang), want.Lang) {
			sc.Langs++
		} else {
			logf("%s (%s): lang %q, want %q", name, want.Layout, a.Doc.Lang, want.Lang)
		}
		if a.Doc.Source == want.Site || a.Doc.Source == want.Host {
			sc.Sources++
		} else {
			logf("%s (%s): source %q, want %q or %q", name, want.Layout, a.Doc.Source, want.Site, want.Host)
		}
		// Paragraph spans are exact: they cover the text between blank lines.
		for i, p := range a.Paragraphs {
			if i > 0 && a.Doc.Text[a.Paragraphs[i-1].End:p.Start] != "\n\n" {
				t.Errorf("%s: paragraphs %d and %d are not separated by a blank line", name, i-1, i)
			}
		}
	}
	return sc
}

// TestHTMLCorpus measures extraction on the hand-written pages of
// testdata/html (30 pages, 7 languages, 8 layouts) at sentence level and
// holds it to floors. The figures go in docs/benchmarks-ingest.md:
//
//	go test ./ingest -run TestHTMLCorpus -v
func TestHTMLCorpus(t *testing.T) {
	sc := scoreHTMLCorpus(t, t.Logf)
	t.Logf("pages %d: sentence precision %.3f (%d/%d), recall %.3f (%d/%d), boilerplate sentences kept %d; title %d, date %d, language %d, source %d",
		sc.Pages, sc.Precision(), sc.Correct, sc.Extracted, sc.Recall(), sc.Found, sc.Must, sc.Boilerplate, sc.Titles, sc.Dates, sc.Langs, sc.Sources)
	if sc.Pages < 30 {
		t.Errorf("extracted %d pages, want all 30", sc.Pages)
	}
	// Floors a little under the measured 0.970 and 0.933: the misses are
	// the second half of four pages whose stray </div> closes the article
	// early, and the kept boilerplate is an advertisement inside the story
	// body and a "read more" link between paragraphs.
	if p, r := sc.Precision(), sc.Recall(); p < 0.95 || r < 0.90 {
		t.Errorf("sentence precision %.3f, recall %.3f; want at least 0.95 and 0.90", p, r)
	}
	if sc.Boilerplate > 10 {
		t.Errorf("%d boilerplate sentences kept, want at most 10", sc.Boilerplate)
	}
	// Metadata is exact: every undated page stays undated.
	if sc.Titles != sc.Pages || sc.Dates != sc.Pages || sc.Langs != sc.Pages || sc.Sources != sc.Pages {
		t.Errorf("of %d pages: %d titles, %d dates, %d languages, %d sources right; want all", sc.Pages, sc.Titles, sc.Dates, sc.Langs, sc.Sources)
	}
}
