package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stemmanews/stemma/internal/testdata"
)

// TestLanguages traces copies of the real pages of the Trafilatura corpus
// in each language that has enough of them: reprints and excerpts must be
// found in every one, with nothing wrongly attributed.
func TestLanguages(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts and traces about 1,000 pages")
	}
	dir := testdata.Extra(t, TrafilaturaHTMLDir)
	res, err := languagesSuite(context.Background(), Options{Extra: filepath.Dir(dir)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]LanguageRow{}
	for _, r := range res.Rows {
		t.Log(r)
		got[r.Lang] = r
		if c := r.Copied; c.Recall < 0.98 || c.Precision < 0.98 {
			t.Errorf("%s: reprints and excerpts recall %.4f, precision %.4f; want both at least 0.98", r.Lang, c.Recall, c.Precision)
		}
		if c := r.Rearranged; c.Precision < 0.98 {
			t.Errorf("%s: stitched and reordered precision %.4f, want at least 0.98", r.Lang, c.Precision)
		}
		// Spun copies where a synonym resource exists: English.
		switch c := r.Spun; {
		case (c != nil) != (r.Lang == "en"):
			t.Errorf("%s: spun copies traced: %v, want them in English alone", r.Lang, c != nil)
		case c != nil && (c.Recall < 0.90 || c.Precision < 0.98):
			t.Errorf("%s: 20%% spun recall %.4f, precision %.4f; want at least 0.90 and 0.98", r.Lang, c.Recall, c.Precision)
		}
	}
	if res.Compared < 800 || float64(res.Agreed) < 0.98*float64(res.Compared) {
		t.Errorf("lang.Detect agrees with whatlanggo on %d of %d texts, want at least 98%% of 800 or more", res.Agreed, res.Compared)
	}
	for _, lang := range []string{"de", "en", "es", "fr", "pl", "pt", "zh"} {
		if _, ok := got[lang]; !ok {
			t.Errorf("no row for %s", lang)
		}
	}
}

// TestLanguagesMarkdown checks the languages table: "not run" when the
// corpus is missing, and two rows a language otherwise.
func TestLanguagesMarkdown(t *testing.T) {
	md := func(s *LanguagesResult) string {
		var b strings.Builder
		s.markdown(func(format string, args ...any) { fmt.Fprintf(&b, format, args...) })
		return b.String()
	}
	missing := md(&LanguagesResult{Missing: "/nowhere/html-trafilatura"})
	if !strings.Contains(missing, "Not run: corpus missing (looked in `/nowhere/html-trafilatura`") || strings.Contains(missing, "| language |") {
		t.Errorf("missing corpus: want the not-run line and no table:\n%s", missing)
	}
	ran := md(&LanguagesResult{Pages: 990, Compared: 950, Agreed: 945, Undecided: 2, Rows: []LanguageRow{{
		Lang: "zh", Name: "Mandarin", Sources: 4,
		Copied:     copyTally{Copies: 16, Segments: 20, Recall: 1, Precision: 1, MinHashRecall: 0.5, MinHashPrecision: 1},
		Rearranged: copyTally{Copies: 16, Segments: 60, Recall: 0.95, Precision: 1, MinHashRecall: 0.1, MinHashPrecision: 0.75},
	}, {
		Lang: "en", Name: "English", Sources: 10,
		Spun: &copyTally{Copies: 80, Segments: 200, Recall: 0.93, Precision: 1, MinHashRecall: 0.02, MinHashPrecision: 1},
	}}})
	for _, want := range []string{
		"| Mandarin (zh), reprints and excerpts | 4 | 16 | 20 | 1.0000 | 1.0000 | 0.5000 | 1.0000 |",
		"| Mandarin (zh), stitched and reordered | 4 | 16 | 60 | 0.9500 | 1.0000 | 0.1000 | 0.7500 |",
		"| English (en), all kinds, 20% spun | 10 | 80 | 200 | 0.9300 | 1.0000 | 0.0200 | 1.0000 |",
		"990 texts indexed",
		"names the same language for **945** (0.9947), leaves 2 undecided and names another for 3.",
	} {
		if !strings.Contains(ran, want) {
			t.Errorf("table lacks %q:\n%s", want, ran)
		}
	}
}
