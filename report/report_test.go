package report_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func date(d, h int) time.Time { return time.Date(1987, 3, d, h, 0, 0, 0, time.UTC) }

func doc(id, source, title string, t time.Time) stemma.Doc {
	return stemma.Doc{ID: id, Source: source, Title: title, Date: t}
}

// fixedReport exercises every part of the text report: an origin chosen by
// date, a date tie, an article that predates its witnesses, an undated
// passage, a later copy, and more changes than are listed.
func fixedReport() *stemma.Report {
	wire := doc("reuters-26", "reuters", "BANKERS REPORT BREAKTHROUGH ON VENEZUELAN DEBT", date(1, 15))
	reprint := doc("planet-7", "planet", "Venezuela deal near", date(2, 9))
	later := doc("gazette-3", "gazette", "", date(9, 8))
	tieA := doc("agency-a", "agency", "Harbour to be dredged", date(3, 10))
	tieB := doc("agency-b", "agency", "Harbour dredging approved <HBR>", date(3, 10))
	undated := doc("blog-1", "", "", time.Time{})
	wire.Lang, later.Lang = "en", "de" // languages detected or given; the others have none
	return &stemma.Report{
		Article:  stemma.Doc{ID: "article-1", Source: "planet", Title: "Venezuela, creditors agree on new debt terms", Date: date(5, 12), Lang: "en"},
		Length:   1200,
		Words:    200,
		Reused:   0.75,
		Original: 0.25,
		Passages: []stemma.Passage{
			{
				Article: stemma.Span{Start: 0, End: 120},
				Text:    "Venezuela and its bank advisory committee have agreed in principle on revisions to the terms of a 21 billion dlr package",
				Class:   stemma.NearVerbatim,
				Witnesses: []stemma.Witness{
					{Doc: wire, Article: stemma.Span{Start: 0, End: 120}, Source: stemma.Span{Start: 0, End: 118},
						Similarity: 0.9, Class: stemma.NearVerbatim, Edits: []stemma.Edit{
							{Kind: stemma.Match, Article: stemma.Span{Start: 0, End: 30}, Source: stemma.Span{Start: 0, End: 30}},
							{Kind: stemma.Substitute, Article: stemma.Span{Start: 31, End: 40}, Source: stemma.Span{Start: 31, End: 38}, ArticleText: "committee", SourceText: "council"},
							{Kind: stemma.Match, Article: stemma.Span{Start: 41, End: 120}, Source: stemma.Span{Start: 39, End: 118}},
						}},
					{Doc: reprint, Article: stemma.Span{Start: 0, End: 120}, Source: stemma.Span{Start: 10, End: 130},
						Similarity: 1, Class: stemma.Verbatim, Edits: []stemma.Edit{
							{Kind: stemma.Match, Article: stemma.Span{Start: 0, End: 120}, Source: stemma.Span{Start: 10, End: 130}},
						}},
					{Doc: later, Article: stemma.Span{Start: 0, End: 120}, Source: stemma.Span{Start: 0, End: 120},
						Similarity: 0.5, Class: stemma.Partial, Later: true, Edits: []stemma.Edit{
							{Kind: stemma.Match, Article: stemma.Span{Start: 0, End: 10}, Source: stemma.Span{Start: 0, End: 10}},
							{Kind: stemma.Insert, Article: stemma.Span{Start: 11, End: 20}, Source: stemma.Span{Start: 11, End: 11}, ArticleText: "and its"},
							{Kind: stemma.Match, Article: stemma.Span{Start: 21, End: 30}, Source: stemma.Span{Start: 11, End: 20}},
							{Kind: stemma.Delete, Article: stemma.Span{Start: 31, End: 31}, Source: stemma.Span{Start: 21, End: 30}, SourceText: "bank's"},
							{Kind: stemma.Substitute, Article: stemma.Span{Start: 32, End: 40}, Source: stemma.Span{Start: 31, End: 40}, ArticleText: "agreed", SourceText: "decided"},
							{Kind: stemma.Substitute, Article: stemma.Span{Start: 41, End: 50}, Source: stemma.Span{Start: 41, End: 50}, ArticleText: "in", SourceText: "on"},
							{Kind: stemma.Substitute, Article: stemma.Span{Start: 51, End: 60}, Source: stemma.Span{Start: 51, End: 60}, ArticleText: "principle", SourceText: "principal"},
							{Kind: stemma.Substitute, Article: stemma.Span{Start: 61, End: 70}, Source: stemma.Span{Start: 61, End: 70}, ArticleText: "revisions", SourceText: "changes"},
							{Kind: stemma.Substitute, Article: stemma.Span{Start: 71, End: 80}, Source: stemma.Span{Start: 71, End: 80}, ArticleText: "terms", SourceText: "conditions"},
							{Kind: stemma.Substitute, Article: stemma.Span{Start: 81, End: 90}, Source: stemma.Span{Start: 81, End: 90}, ArticleText: "21", SourceText: "twenty-one"},
							{Kind: stemma.Match, Article: stemma.Span{Start: 91, End: 120}, Source: stemma.Span{Start: 91, End: 120}},
						}},
				},
				Origin:      0,
				OriginBasis: stemma.EarliestDate,
			},
			{
				Article: stemma.Span{Start: 300, End: 420},
				Text:    "The harbour board approved a plan to dredge the northern channel.",
				Class:   stemma.Verbatim,
				Witnesses: []stemma.Witness{
					{Doc: tieA, Article: stemma.Span{Start: 300, End: 420}, Source: stemma.Span{Start: 0, End: 120}, Similarity: 1, Class: stemma.Verbatim,
						Edits: []stemma.Edit{{Kind: stemma.Match, Article: stemma.Span{Start: 300, End: 420}, Source: stemma.Span{Start: 0, End: 120}}}},
					{Doc: tieB, Article: stemma.Span{Start: 300, End: 420}, Source: stemma.Span{Start: 5, End: 125}, Similarity: 0.95, Class: stemma.NearVerbatim,
						Edits: []stemma.Edit{{Kind: stemma.Match, Article: stemma.Span{Start: 300, End: 420}, Source: stemma.Span{Start: 5, End: 125}}}},
				},
				Origin:      0,
				OriginBasis: stemma.DateTie,
				Tied:        []int{1},
			},
			{
				Article: stemma.Span{Start: 500, End: 600},
				Text:    "Miners at the copper pit voted to end a three week strike.",
				Class:   stemma.Verbatim,
				Witnesses: []stemma.Witness{
					{Doc: later, Article: stemma.Span{Start: 500, End: 600}, Source: stemma.Span{Start: 200, End: 300}, Similarity: 1, Class: stemma.Verbatim, Later: true,
						Edits: []stemma.Edit{{Kind: stemma.Match, Article: stemma.Span{Start: 500, End: 600}, Source: stemma.Span{Start: 200, End: 300}}}},
				},
				Origin:      -1,
				OriginBasis: stemma.ArticleEarliest,
			},
			{
				Article: stemma.Span{Start: 700, End: 800},
				Text:    "A committee of growers asked the ministry to delay new pesticide rules.",
				Class:   stemma.Verbatim,
				Witnesses: []stemma.Witness{
					{Doc: undated, Article: stemma.Span{Start: 700, End: 800}, Source: stemma.Span{Start: 0, End: 100}, Similarity: 1, Class: stemma.Verbatim,
						Edits: []stemma.Edit{{Kind: stemma.Match, Article: stemma.Span{Start: 700, End: 800}, Source: stemma.Span{Start: 0, End: 100}}}},
				},
				Origin:      0,
				OriginBasis: stemma.Undated,
			},
		},
		Sources: []stemma.SourceSummary{
			{Doc: wire, Passages: 1, Coverage: 0.3, Origins: 1},
			{Doc: later, Passages: 2, Coverage: 0.25, Origins: 0},
			{Doc: tieA, Passages: 1, Coverage: 0.2, Origins: 1},
			{Doc: undated, Passages: 1, Coverage: 0.15, Origins: 1},
		},
		Candidates: 12,
		Spin: stemma.SpinEvidence{
			Spun: true,
			Text: stemma.TextSpin{
				Score: 15, Spun: true, Threshold: 12, MinTells: 2, Marked: 3, ArticleMismatches: 1, EntityVariants: 1, RareSynonyms: 1,
				CorpusWords: 2_949_167,
				Explanation: "The text itself carries 1 a/an mismatch, 1 unusual name form, 1 rare synonym: 3 distinct marked word(s) in 200, 15.0 per 1,000 words, the mark of a spinning tool (12 per 1,000 and at least 2).",
				Tells: []stemma.Tell{
					{Article: stemma.Span{Start: 140, End: 149}, Text: "an global", Kind: stemma.ArticleMismatch,
						Reason: `"an" before "global", which takes "a": the article of a word that was swapped for another`},
					{Article: stemma.Span{Start: 160, End: 178}, Text: "Russian Federation", Kind: stemma.EntityVariant,
						Reason: `the indexed news calls this "Russia" 415 times in running prose and "Russian Federation" never: a form spinners swap in`},
					{Article: stemma.Span{Start: 190, End: 199}, Text: "worldwide", Kind: stemma.RareSynonym,
						Reason: `the indexed news never writes "lower worldwide" or "worldwide crude" but writes its synonym "world" there ("lower world" 3 times, "world crude" 10 times): the word a spinner swaps in`},
				},
			},
		},
	}
}

func TestTextGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := report.Text(&buf, fixedReport()); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	path := filepath.Join("testdata", "golden", "report.txt")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("text report differs from %s:\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// TestTextContents checks what a reader looks for in the text report,
// independently of the golden file's layout.
func TestTextContents(t *testing.T) {
	var buf bytes.Buffer
	if err := report.Text(&buf, fixedReport()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"article-1 — Venezuela, creditors agree on new debt terms",
		"1200 bytes, 200 words, dated 1987-03-05",
		"75% found in 4 other documents, 25% original",
		"[1] bytes 0-120, near-verbatim, origin reuters-26 (earliest, 1987-03-01)",
		"[2] bytes 300-420, verbatim, origin agency-a (1987-03-03, tied with 1 other(s) on date, chosen by similarity)",
		"[3] bytes 500-600, verbatim, the article predates its 1 witness(es)",
		"[4] bytes 700-800, verbatim, origin blog-1 (no witness is dated; chosen by similarity)",
		"(later copy)",
		`changes: "council" → "committee"`,
		`+"and its"`,
		`-"bank's"`,
		"and 2 more",
		"covers   30%",
		"undated",
		"SPUN, by its own text: The text itself carries 1 a/an mismatch",
		`article-mismatch bytes 140-149 "an global": "an" before "global", which takes "a"`,
		`entity-variant   bytes 160-178 "Russian Federation"`,
		`rare-synonym     bytes 190-199 "worldwide"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	// Only witnesses dated after the article are marked as later copies,
	// and the origin of each passage is starred.
	if n := strings.Count(out, "(later copy)"); n != 2 {
		t.Errorf("%d later copies marked, want 2", n)
	}
	if n := strings.Count(out, "      * "); n != 3 {
		t.Errorf("%d origins starred, want 3 (the fourth passage has none)", n)
	}
}

func TestTextNoPassage(t *testing.T) {
	var buf bytes.Buffer
	rep := &stemma.Report{Article: stemma.Doc{ID: "fresh"}, Length: 40, Words: 7, Original: 1, Candidates: 3}
	if err := report.Text(&buf, rep); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, "No passage found in the index (3 candidates aligned): 100% original.") {
		t.Errorf("report for an original article:\n%s", out)
	}
	// With no source, the text's own tells are still reported.
	buf.Reset()
	rep.Spin.Text = fixedReport().Spin.Text
	if err := report.Text(&buf, rep); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"100% original.\n  SPUN, by its own text: ", `rare-synonym     bytes 190-199 "worldwide"`} {
		if out := buf.String(); !strings.Contains(out, want) {
			t.Errorf("report for an article with no source lacks %q:\n%s", want, out)
		}
	}
}

type failingWriter struct{ n int }

var errWrite = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n == 0 {
		return 0, errWrite
	}
	w.n--
	return len(p), nil
}

func TestWriteErrors(t *testing.T) {
	for _, n := range []int{0, 3, 20} {
		if err := report.Text(&failingWriter{n: n}, fixedReport()); !errors.Is(err, errWrite) {
			t.Errorf("Text after %d writes: %v, want the writer's error", n, err)
		}
	}
	if err := report.JSON(&failingWriter{}, fixedReport()); !errors.Is(err, errWrite) {
		t.Errorf("JSON: %v, want the writer's error", err)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	for name, rep := range map[string]*stemma.Report{
		"fixed": fixedReport(),
		"empty": {Article: stemma.Doc{ID: "fresh"}, Length: 40, Words: 7, Original: 1, Passages: []stemma.Passage{}, Sources: []stemma.SourceSummary{}},
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.JSON(&buf, rep); err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(buf.String(), "}\n") {
				t.Errorf("JSON does not end with a newline")
			}
			var back stemma.Report
			dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&back); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(&back, rep) {
				t.Errorf("round trip changed the report:\n got %+v\nwant %+v", back, *rep)
			}
		})
	}
	// Titles keep their angle brackets: no HTML escaping.
	var buf bytes.Buffer
	if err := report.JSON(&buf, fixedReport()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Harbour dredging approved <HBR>") {
		t.Errorf("JSON escapes HTML characters in titles")
	}
	// The JSON field names are part of the documented schema.
	for _, key := range []string{`"article"`, `"passages"`, `"witnesses"`, `"origin_basis"`, `"later": true`, `"tied"`, `"edits"`, `"article_text"`, `"source_text"`, `"reused"`, `"original"`, `"coverage"`,
		`"swaps_spun"`, `"text"`, `"min_tells"`, `"marked"`, `"article_mismatches"`, `"entity_variants"`, `"rare_synonyms"`, `"corpus_words"`, `"kind": "rare-synonym"`} {
		if !strings.Contains(buf.String(), key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
	if strings.Contains(buf.String(), `"date": "0001-01-01`) {
		t.Errorf("JSON writes a zero date for an undated document")
	}
}

// TestTextShares: a reworded witness's line says what the rewording kept,
// word for word: how many words, and among them the names and figures
// first, then other content words, never a function word of the
// article's language; no word diff, which would pair unrelated words.
func TestTextShares(t *testing.T) {
	text := "Mardi, le gouvernement de Lyon annonçait 300 emplois nouveaux pour la région."
	at := func(s string) stemma.Span {
		i := strings.Index(text, s)
		return stemma.Span{Start: i, End: i + len(s)}
	}
	w := stemma.Witness{
		Doc: stemma.Doc{ID: "story"}, Class: stemma.Paraphrase, Similarity: 0.4, Confidence: 0.9,
		Article: stemma.Span{Start: 0, End: len(text)},
		Edits: []stemma.Edit{
			{Kind: stemma.Match, Article: at("Mardi, le gouvernement de Lyon")},
			{Kind: stemma.Substitute, Article: at("annonçait"), ArticleText: "annonçait", SourceText: "a annoncé"},
			{Kind: stemma.Match, Article: at("300 emplois nouveaux pour la région")},
		},
	}
	rep := &stemma.Report{Article: stemma.Doc{ID: "brief", Lang: "fr"}, Length: len(text), Words: 13, Reused: 1,
		Passages: []stemma.Passage{{Article: w.Article, Text: text, Class: stemma.Paraphrase, Witnesses: []stemma.Witness{w}}}}
	var buf bytes.Buffer
	if err := report.Text(&buf, rep); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	want := `shares: 11 words as written, among them "Mardi", "Lyon", "300", "gouvernement", "emplois", "nouveaux", "région"` + "\n"
	if !strings.Contains(out, want) || strings.Contains(out, "changes:") {
		t.Errorf("reworded witness: want %q and no changes line:\n%s", want, out)
	}
}
