package bench

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/RadhiFadlillah/whatlanggo"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/fingerprint"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/lang"
	"github.com/stemmanews/stemma/synth"
	"github.com/stemmanews/stemma/thesaurus"
	"github.com/stemmanews/stemma/tokenize"
)

// LanguagesResult measures tracing on real news in each language, English
// among them: the article text of the Trafilatura corpus's pages (real pages
// of news sites, magazines and blogs in many languages), each page's
// language detected, and copies generated from each language's pages
// traced against an index of them all.
type LanguagesResult struct {
	// Pages is the number of pages whose text was long enough to be a
	// source (600 bytes or more).
	Pages int           `json:"pages"`
	Rows  []LanguageRow `json:"rows"`
	// Detected: of the texts whose language whatlanggo is sure of and
	// package lang knows, Compared, the number on which lang.Detect
	// agrees with it, and the number it left undecided.
	Compared  int `json:"compared"`
	Agreed    int `json:"agreed"`
	Undecided int `json:"undecided"`
	// Missing, when the corpus is missing, says where it was looked for.
	Missing string  `json:"missing,omitempty"`
	Seconds float64 `json:"seconds"`
}

// A LanguageRow is one language: its copies, scored as the spin suite's
// unspun rows are ([SpinRate]), beside MinHash-LSH on the same copies.
// Copied are the reprints and excerpts, whose segments run as in the
// source; Rearranged the stitched and reordered copies, whose segments
// are single sentences and runs of them, moved.
type LanguageRow struct {
	Lang       string    `json:"lang"` // ISO 639-1
	Name       string    `json:"name"`
	Sources    int       `json:"sources"`
	Copied     copyTally `json:"copied"`
	Rearranged copyTally `json:"rearranged"`
	// FalseSpun is the number of these copies, none of them spun, whose
	// report says spun.
	FalseSpun int `json:"false_spun"`
	// Spun is set in the languages with a synonym resource
	// (thesaurus.ForLanguage: WordNet for English, a LibreOffice thesaurus
	// from Debian's mythes-* packages for the others).
	Spun *LanguageSpin `json:"spun,omitempty"`
}

// LanguageSpin is a language's copies again, with 20% of their content
// words swapped for synonyms (synth.Generator.Spin with the language's
// thesaurus), scored as the spin suite's 20% row is.
type LanguageSpin struct {
	Thesaurus  string    `json:"thesaurus"` // its file, or WordNet
	Copied     copyTally `json:"copied"`
	Rearranged copyTally `json:"rearranged"`
	// Of the swaps inside reported passages, Swaps, the share listed as
	// a synonym substitution; and the share of copies reported spun.
	Swaps       int     `json:"swaps"`
	SwapsListed float64 `json:"swaps_listed"`
	SpunShare   float64 `json:"spun_share"`
	// WordNetListable is the share of the same swaps that WordNet, the one
	// thesaurus trace read before it took one per language, calls
	// synonyms or entity variants: the baseline for SwapsListed.
	WordNetListable float64 `json:"wordnet_listable"`
	// Heavy are the same copies with 40% of their content words swapped,
	// every kind together, traced against the index (stopword n-grams in
	// each text's language) and, in English, against an index whose
	// stopword n-grams are made of English function words for every text,
	// as before fingerprint.Options.StopLang.
	Heavy             copyTally `json:"heavy"`
	HeavyEnglishStops copyTally `json:"heavy_english_stops"`

	listed, spun, wordnet int
}

// minLanguageSources is the least number of unique sources a language
// needs to get a row; maxLanguageCopies caps its copies.
const (
	minLanguageSources = 3
	maxLanguageCopies  = 200
)

// languagesSuite extracts the Trafilatura corpus's pages, detects the
// language of each text (github.com/RadhiFadlillah/whatlanggo, here only:
// it is far too slow for ingest, about 0.4 ms for a kilobyte), indexes
// every text, and for each language traces copies of its unique sources:
// excerpts, stitched articles of 2–6 of its sources, copies with
// sentences dropped and reordered, and reprints with boilerplate, eight
// per source up to maxLanguageCopies.
func languagesSuite(ctx context.Context, opts Options) (*LanguagesResult, error) {
	start := time.Now()
	dir := filepath.Join(opts.Extra, TrafilaturaHTMLDir)
	if _, err := os.Stat(dir); err != nil {
		return &LanguagesResult{Missing: dir}, nil
	}
	pages, err := ingest.ReadTrafilaturaCorpus(dir)
	if err != nil {
		return nil, err
	}
	var corpus []stemma.Doc
	langOf := map[string]whatlanggo.Lang{}
	known := lang.Codes()
	var tz tokenize.Tokenizer
	var toks []tokenize.Token
	var compared, agreed, undecided int
	for _, pg := range pages {
		a, err := ingest.ExtractHTML(bytes.NewReader(pg.HTML), pg.URL, "")
		if err != nil || len(a.Doc.Text) < 600 {
			continue
		}
		d := a.Doc
		d.ID = pg.Name
		corpus = append(corpus, d)
		info := whatlanggo.Detect(d.Text[:min(len(d.Text), 4096)])
		langOf[d.ID] = info.Lang
		if code := info.Lang.Iso6391(); info.IsReliable() && slices.Contains(known, code) {
			switch lang.Detect(d.Text, tz.Tokens(d.Text, toks[:0])) {
			case code:
				agreed++
			case "":
				undecided++
			}
			compared++
		}
	}
	if opts.Quick {
		corpus = corpus[:min(len(corpus), 300)]
	}
	res := &LanguagesResult{Pages: len(corpus), Compared: compared, Agreed: agreed, Undecided: undecided}
	unique, err := uniqueSources(corpus, func(stemma.Doc) bool { return true })
	if err != nil {
		return nil, err
	}
	pools := map[whatlanggo.Lang][]stemma.Doc{}
	for _, d := range unique {
		pools[langOf[d.ID]] = append(pools[langOf[d.ID]], d)
	}
	cb, err := newCopyBench(corpus)
	if err != nil {
		return nil, err
	}
	defer cb.done()
	englishStops, err := newCopyBenchWith(corpus, index.Options{Fingerprint: fingerprint.Options{StopLang: -1}})
	if err != nil {
		return nil, err
	}
	defer englishStops.done()
	for l, pool := range pools {
		if len(pool) < minLanguageSources {
			continue
		}
		row := LanguageRow{Lang: l.Iso6391(), Name: l.String(), Sources: len(pool)}
		th, err := thesaurus.ForLanguage(row.Lang)
		switch {
		case err == nil:
			row.Spun = &LanguageSpin{Thesaurus: "WordNet 3.0"}
			if row.Lang != "en" {
				row.Spun.Thesaurus = filepath.Base(thesaurus.MyThesFile("", row.Lang))
			}
		case !errors.Is(err, thesaurus.ErrNoThesaurus):
			return nil, err
		}
		g, err := synth.New(pool, synth.Options{Seed: 1, Thesaurus: th, Lang: row.Lang})
		if err != nil {
			return nil, err
		}
		for k := range min(8*len(pool), maxLanguageCopies) {
			c := unspunCopy(g, k)
			rep, err := cb.tr.Trace(ctx, c.Doc)
			if err != nil {
				return nil, err
			}
			copied := c.Kind == "excerpt" || c.Kind == "reprint"
			tally(copied, &row.Copied, &row.Rearranged).add(rep, c, cb.base)
			if rep.Spin.Spun {
				row.FalseSpun++
			}
			if sp := row.Spun; sp != nil {
				c = g.Spin(c, 0.2)
				if rep, err = cb.tr.Trace(ctx, c.Doc); err != nil {
					return nil, err
				}
				tally(copied, &sp.Copied, &sp.Rearranged).add(rep, c, cb.base)
				l, n := scoreSwaps(rep, c)
				sp.listed += l
				sp.Swaps += n
				sp.wordnet += wordNetSwaps(rep, c)
				if rep.Spin.Spun {
					sp.spun++
				}
				c = g.Spin(unspunCopy(g, k), 0.4)
				for _, x := range []struct {
					cb *copyBench
					t  *copyTally
				}{{cb, &sp.Heavy}, {englishStops, &sp.HeavyEnglishStops}} {
					if rep, err = x.cb.tr.Trace(ctx, c.Doc); err != nil {
						return nil, err
					}
					x.t.add(rep, c, cb.base)
				}
			}
		}
		row.Copied.finish()
		row.Rearranged.finish()
		if sp := row.Spun; sp != nil {
			sp.Copied.finish()
			sp.Rearranged.finish()
			sp.Heavy.finish()
			sp.HeavyEnglishStops.finish()
			sp.SwapsListed = ratio(sp.listed, sp.Swaps)
			sp.SpunShare = ratio(sp.spun, sp.Copied.Copies+sp.Rearranged.Copies)
			sp.WordNetListable = ratio(sp.wordnet, sp.Swaps)
		}
		res.Rows = append(res.Rows, row)
	}
	slices.SortFunc(res.Rows, func(a, b LanguageRow) int {
		return cmp.Or(cmp.Compare(b.Sources, a.Sources), cmp.Compare(a.Lang, b.Lang))
	})
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// wordNetSwaps counts the generator's swaps inside reported passages
// whose words WordNet calls synonyms or entity variants.
func wordNetSwaps(rep *stemma.Report, c synth.Copy) int {
	wn := thesaurus.Default()
	n := 0
	for _, sub := range c.Substitutions {
		if passageHolding(rep, sub) != nil && (wn.AreSynonyms(sub.From, sub.To) || wn.AreVariants(sub.From, sub.To)) {
			n++
		}
	}
	return n
}

// tally returns copied if the copy is a reprint or excerpt, else rearranged.
func tally(copied bool, c, rearranged *copyTally) *copyTally {
	if copied {
		return c
	}
	return rearranged
}

// markdown writes the languages section with p.
func (s *LanguagesResult) markdown(p func(format string, args ...any)) {
	p("## Quality: copies of real news in other languages\n\n")
	p("The article text of the Trafilatura corpus's pages (see “Main-text extraction from real pages” for the corpus; real pages of news sites, magazines and blogs, most of them German, then English, Spanish, French, Polish and others), as `ingest.ExtractHTML` extracts it, pages of 600 bytes or more. ")
	p("Each text's language is detected by `github.com/RadhiFadlillah/whatlanggo` (first 4 KB). ")
	p("Every text is indexed, all languages in one index; the sources of a language are its texts with no near duplicate in the corpus (word-5-gram Jaccard < 0.2), and a language with %d or more gets a row. ", minLanguageSources)
	p("Its copies (8 per source, at most %d) are excerpts, stitched articles of 2–6 of its sources, copies with sentences dropped and reordered, and reprints with boilerplate, made by package `synth`. In each language with a thesaurus (WordNet 3.0 for English; for the others the LibreOffice thesaurus of Debian's `mythes-*` package, read by `thesaurus.LoadMyThes`: OpenThesaurus for German), the same copies are traced again with 20%% of their content words swapped for its synonyms, the language's function words (`lang.IsFunctionWord`) left alone and German nouns swapped for capitalised nouns (rows “20%% spun”). ", maxLanguageCopies)
	p("Each copy is traced and scored as the spin suite's rows are: a true segment is found when a reported passage overlaps it by half of the shorter span and lists its source; a passage is correct when it overlaps a true segment and lists that segment's source. ")
	p("MinHash-LSH, in the same run on the same copies, finds a segment when it returns the segment's source. ")
	p("Tracing's rules were set elsewhere, except the companion sentences of package align (see “Companion sentences: before and after”), whose link-line rule was added after looking at these copies (extraction's rules were written looking at half of the pages, see “Data”). A language with few sources has copies that share them, so its figures are less certain than the number of copies suggests.\n\n")
	if notRun(p, s.Missing) {
		return
	}
	p("| language | sources | copies | true segments | stemma recall | stemma precision | MinHash-LSH recall | MinHash-LSH precision |\n|---|---|---|---|---|---|---|---|\n")
	for _, r := range s.Rows {
		type kindTally struct {
			kind string
			*copyTally
		}
		kinds := []kindTally{{"reprints and excerpts", &r.Copied}, {"stitched and reordered", &r.Rearranged}}
		if r.Spun != nil {
			kinds = append(kinds, kindTally{"reprints and excerpts, 20% spun", &r.Spun.Copied}, kindTally{"stitched and reordered, 20% spun", &r.Spun.Rearranged})
		}
		for _, t := range kinds {
			p("| %s (%s), %s | %d | %d | %d | %.4f | %.4f | %.4f | %.4f |\n", r.Name, r.Lang, t.kind, r.Sources, t.Copies, t.Segments, t.Recall, t.Precision, t.MinHashRecall, t.MinHashPrecision)
		}
	}
	p("\n**Spin detection per language.** Trace classifies a substitution with the thesaurus of the article's language (`thesaurus.ForLanguage`), so a German swap is listed as a synonym and the passage's spin evidence counts it. ")
	p("Of the swaps inside reported passages, the share listed as a synonym substitution, the share WordNet alone (what trace used for every language before) would call synonyms, the spun copies reported spun, and the unspun copies reported spun. ")
	p("The generator and trace read the same thesaurus here, as the English spin suite's do with WordNet, so the listed share is an upper bound for a real spinner's own synonym list.\n\n")
	p("| language | thesaurus | swaps in passages | listed as synonyms | WordNet would list | spun copies reported spun | unspun copies reported spun |\n|---|---|---|---|---|---|---|\n")
	for _, r := range s.Rows {
		if sp := r.Spun; sp != nil {
			p("| %s (%s) | %s | %d | %.4f | %.4f | %.4f | %d of %d |\n", r.Name, r.Lang, sp.Thesaurus, sp.Swaps, sp.SwapsListed, sp.WordNetListable, sp.SpunShare, r.FalseSpun, r.Copied.Copies+r.Rearranged.Copies)
		}
	}
	p("\n**Stopword n-grams in each language.** A spun copy keeps its source's function words in order, and stopword n-grams (8 function words in a row, the others skipped; Stamatatos, JASIST 2011) find it when its word 5-grams are gone. The index makes a text's from its own language's function words (`lang.FunctionWords`, `fingerprint.Options.StopLang`); before, every text's were made of English ones, which a text in another language has few of. The same copies with 40%% of their content words swapped, every kind together, traced against this index and against one made the old way (English stopword grams for every text) in the same run:\n\n")
	p("| language | copies | true segments | recall, stopword grams in the language | precision | recall, English stopword grams | precision |\n|---|---|---|---|---|---|---|\n")
	for _, r := range s.Rows {
		if sp := r.Spun; sp != nil {
			p("| %s (%s) | %d | %d | %.4f | %.4f | %.4f | %.4f |\n", r.Name, r.Lang, sp.Heavy.Copies, sp.Heavy.Segments, sp.Heavy.Recall, sp.Heavy.Precision, sp.HeavyEnglishStops.Recall, sp.HeavyEnglishStops.Precision)
		}
	}
	p("\nThe segments of a stitched or reordered copy are single sentences and short runs of them, moved; a sentence of fewer than 12 words shares too few words with its source to be a passage alone, and is found as a companion of a passage of the same source (package align, companion.go) when it sits next to text copied sentence by sentence. The ones still missed are sentences of three words or fewer, and short sentences whose neighbours come from other sources or were reworded. Real pages have many more of them than Reuters wire copy.\n")
	p("\n%d texts indexed; time for the whole suite %.1f s.\n\n", s.Pages, s.Seconds)
	p("**The language stemma stores.** When its input gives none, the index stores the language package `lang` detects from a text's script and function words (a few microseconds a text; whatlanggo, a trigram model, takes about 0.4 ms for a kilobyte, too slow for ingest). ")
	p("Of the %d texts above whose language whatlanggo is sure of and `lang` knows, `lang.Detect` names the same language for **%d** (%.4f), leaves %d undecided and names another for %d. ",
		s.Compared, s.Agreed, ratio(s.Agreed, s.Compared), s.Undecided, s.Compared-s.Agreed-s.Undecided)
	p("Its function-word lists were written before this comparison was first run and not changed after it.\n\n")
}

// String names a result for a log line.
func (r LanguageRow) String() string {
	s := fmt.Sprintf("%s: %d sources; reprints and excerpts: %d copies, recall %.4f, precision %.4f; stitched and reordered: %d copies, recall %.4f, precision %.4f",
		r.Lang, r.Sources, r.Copied.Copies, r.Copied.Recall, r.Copied.Precision, r.Rearranged.Copies, r.Rearranged.Recall, r.Rearranged.Precision)
	if sp := r.Spun; sp != nil {
		s += fmt.Sprintf("; 20%% spun with %s: reprints and excerpts recall %.4f, precision %.4f; stitched and reordered recall %.4f, precision %.4f; swaps listed %.4f of %d; reported spun %.4f",
			sp.Thesaurus, sp.Copied.Recall, sp.Copied.Precision, sp.Rearranged.Recall, sp.Rearranged.Precision, sp.SwapsListed, sp.Swaps, sp.SpunShare)
	}
	return s
}
