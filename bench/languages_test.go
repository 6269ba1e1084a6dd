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
		if r.FalseSpun*20 > r.Copied.Copies+r.Rearranged.Copies {
			t.Errorf("%s: %d of %d unspun copies reported spun, want at most 5%%", r.Lang, r.FalseSpun, r.Copied.Copies+r.Rearranged.Copies)
		}
		// Spun copies where a synonym resource exists: WordNet for
		// English, Debian's mythes-* thesauri (.ci/install) for the rest.
		sp := r.Spun
		if want := r.Lang != "zh"; (sp != nil) != want {
			t.Errorf("%s: spun copies traced: %v, want %v", r.Lang, sp != nil, want)
		}
		if sp == nil {
			continue
		}
		if c := sp.Copied; c.Recall < 0.98 || c.Precision < 0.98 {
			t.Errorf("%s: 20%% spun reprints and excerpts recall %.4f, precision %.4f; want both at least 0.98", r.Lang, c.Recall, c.Precision)
		}
		if c := sp.Rearranged; c.Recall < 0.90 || c.Precision < 0.98 {
			t.Errorf("%s: 20%% spun stitched and reordered recall %.4f, precision %.4f; want at least 0.90 and 0.98", r.Lang, c.Recall, c.Precision)
		}
		if sp.SwapsListed < 0.85 || sp.Swaps < 300 {
			t.Errorf("%s: %.4f of %d swaps listed as synonyms, want at least 0.85 of 300 or more", r.Lang, sp.SwapsListed, sp.Swaps)
		}
		// Stopword grams in the text's language find no fewer of the 40%
		// spun copies' segments than English ones did.
		if h, e := sp.Heavy, sp.HeavyEnglishStops; h.Recall < e.Recall || h.Precision < 0.98 || h.Copies == 0 {
			t.Errorf("%s: 40%% spun recall %.4f (English stopword grams %.4f), precision %.4f of %d copies", r.Lang, h.Recall, e.Recall, h.Precision, h.Copies)
		}
		if r.Lang != "en" && sp.WordNetListable > 0.05 {
			t.Errorf("%s: WordNet lists %.4f of the swaps; the thesaurus is not the language's", r.Lang, sp.WordNetListable)
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
		Spun: &LanguageSpin{
			Thesaurus:  "WordNet 3.0",
			Copied:     copyTally{Copies: 40, Segments: 50, Recall: 1, Precision: 1, MinHashRecall: 0.02, MinHashPrecision: 1},
			Rearranged: copyTally{Copies: 40, Segments: 200, Recall: 0.93, Precision: 1, MinHashRecall: 0, MinHashPrecision: 1},
			Swaps:      1000, SwapsListed: 0.9, WordNetListable: 1, SpunShare: 0.95,
		},
		Copied:     copyTally{Copies: 40},
		Rearranged: copyTally{Copies: 40},
		FalseSpun:  2,
	}}})
	for _, want := range []string{
		"| Mandarin (zh), reprints and excerpts | 4 | 16 | 20 | 1.0000 | 1.0000 | 0.5000 | 1.0000 |",
		"| Mandarin (zh), stitched and reordered | 4 | 16 | 60 | 0.9500 | 1.0000 | 0.1000 | 0.7500 |",
		"| English (en), reprints and excerpts, 20% spun | 10 | 40 | 50 | 1.0000 | 1.0000 | 0.0200 | 1.0000 |",
		"| English (en), stitched and reordered, 20% spun | 10 | 40 | 200 | 0.9300 | 1.0000 | 0.0000 | 1.0000 |",
		"| English (en) | WordNet 3.0 | 1000 | 0.9000 | 1.0000 | 0.9500 | 2 of 80 |",
		"990 texts indexed",
		"names the same language for **945** (0.9947), leaves 2 undecided and names another for 3.",
	} {
		if !strings.Contains(ran, want) {
			t.Errorf("table lacks %q:\n%s", want, ran)
		}
	}
}
