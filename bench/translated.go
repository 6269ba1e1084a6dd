package bench

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/trace"
	"github.com/stemmanews/stemma/translate"
)

// ParallelDir is where scripts/extra-data lays out the parallel corpora
// of the translated suite, under the extra data directory.
const ParallelDir = "parallel"

// TranslatedResult is the translated suite: articles translated from
// English, traced against an index of English texts.
type TranslatedResult struct {
	// Missing names the corpus directory when it was not found.
	Missing string          `json:"missing,omitempty"`
	Rows    []TranslatedRow `json:"rows"`
	// Indexed counts the English texts in the index: every English
	// article of both corpora and the Reuters-21578 stories.
	Indexed int `json:"indexed"`
	// Reverse are the rows of the other direction: each English article
	// traced (Options.FromLanguages, one language a row) against an index
	// of ReverseIndexed texts in the eight languages, every translation
	// of both corpora and FLORES-200's Wikivoyage and Wikibooks articles.
	Reverse        []TranslatedRow `json:"reverse,omitempty"`
	ReverseIndexed int             `json:"reverse_indexed,omitempty"`
	// Speakers measure the speaker check across languages on NTREX-128
	// (not in quick mode).
	Speakers []TranslatedSpeakerRow `json:"speakers,omitempty"`
	Seconds  float64                `json:"seconds"`
}

// TranslatedRow is one corpus and language. A sentence is found when a
// passage of class translated covers half of it and its witness is the
// right English article with a source span covering half of the English
// sentence it translates, and reported when such a passage covers half
// of it: recall is found over sentences, precision found over reported.
type TranslatedRow struct {
	Corpus    string  `json:"corpus"`
	Lang      string  `json:"lang"`
	Articles  int     `json:"articles"`
	Sentences int     `json:"sentences"`
	Found     int     `json:"found"`
	Reported  int     `json:"reported"`
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
	// Baseline is the document-level baseline's recall and precision,
	// one figure: it credits every sentence to the English article whose
	// bag of words is nearest the translation's (cosine), so it is the
	// share of sentences in articles whose nearest is right.
	Baseline   float64 `json:"baseline"`
	TraceP50MS float64 `json:"trace_p50_ms"`
}

// parallelArticle is one article of a parallel corpus: its lines, in
// English and in one other language.
type parallelArticle struct {
	id        string
	eng, forn []string
}

// readParallel reads one corpus's aligned lines (one sentence a line) and
// groups them into articles by ids, one a line; keep filters the lines by
// their index.
func readParallel(dir, engFile, forFile string, ids []string, keep func(int) bool) ([]parallelArticle, error) {
	eng, err := readLines(filepath.Join(dir, engFile))
	if err != nil {
		return nil, err
	}
	forn, err := readLines(filepath.Join(dir, forFile))
	if err != nil {
		return nil, err
	}
	if len(eng) != len(forn) || len(eng) != len(ids) {
		return nil, fmt.Errorf("%s: %s has %d lines, %s %d and the ids %d", dir, engFile, len(eng), forFile, len(forn), len(ids))
	}
	var out []parallelArticle
	for i := range eng {
		if !keep(i) {
			continue
		}
		if len(out) == 0 || out[len(out)-1].id != ids[i] {
			out = append(out, parallelArticle{id: ids[i]})
		}
		a := &out[len(out)-1]
		a.eng = append(a.eng, eng[i])
		a.forn = append(a.forn, forn[i])
	}
	return out, nil
}

func readLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimRight(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n"), "\n"), nil
}

// translatedCorpus is one corpus of the suite: in dir (which also
// prefixes its English articles' IDs in the index), a file of lines a
// language, eng.EXT and the ISO 639-3 code's, and the article of each
// line in ids; keep filters the lines.
type translatedCorpus struct {
	name, dir, ext string
	ids            []string
	keep           func(int) bool
	// chunk > 0 traces each article's translation in excerpts of chunk
	// lines (the index holds the whole English article).
	chunk int
}

// translatedLangs are the languages the suite traces, with their
// corpus files' ISO 639-3 codes.
var translatedLangs = [][2]string{{"de", "deu"}, {"fr", "fra"}, {"es", "spa"}, {"ru", "rus"}, {"it", "ita"}, {"pt", "por"}, {"nl", "nld"}, {"pl", "pol"}}

// quickTranslatedLangs are the languages of a quick run (Options.Quick):
// the two pairs the acceptance of translated copies names first.
var quickTranslatedLangs = [][2]string{{"de", "deu"}, {"ru", "rus"}}

// translatedSuite indexes the English articles of NTREX-128 and of the
// Wikinews part of FLORES-200 devtest with the Reuters-21578 stories, and
// traces each article's translations into each of translatedLangs.
// translate's thresholds were set on NTREX-128; FLORES-200 was not looked
// at. A quick run traces FLORES-200 alone, in quickTranslatedLangs.
func translatedSuite(ctx context.Context, opts Options) (*TranslatedResult, error) {
	start := time.Now()
	root := filepath.Join(opts.Extra, ParallelDir)
	ntrexIDs, err := readLines(filepath.Join(root, "ntrex", "DOCUMENT_IDS.tsv"))
	if err != nil {
		return &TranslatedResult{Missing: root}, nil
	}
	meta, err := readLines(filepath.Join(root, "flores", "metadata_devtest.tsv"))
	if err != nil {
		return &TranslatedResult{Missing: root}, nil
	}
	meta = meta[1:] // the header
	floresIDs := make([]string, len(meta))
	news := make([]bool, len(meta))
	for i, m := range meta {
		f := strings.Split(m, "\t")
		floresIDs[i] = f[0]
		news[i] = len(f) > 1 && f[1] == "wikinews"
	}
	all := func(int) bool { return true }
	flores := translatedCorpus{name: "FLORES-200 devtest, Wikinews (test)", dir: "flores", ext: "devtest", ids: floresIDs, keep: func(i int) bool { return news[i] }}
	corpora := []translatedCorpus{
		{name: "NTREX-128 (tuning)", dir: "ntrex", ext: "txt", ids: ntrexIDs, keep: all},
		flores,
		{name: "NTREX-128 in excerpts of 3 sentences (tuning)", dir: "ntrex", ext: "txt", ids: ntrexIDs, keep: all, chunk: 3},
	}
	langs := translatedLangs
	if opts.Quick {
		corpora, langs = []translatedCorpus{flores}, quickTranslatedLangs
	}
	// Every English article of both corpora, and the Reuters stories.
	docs, err := loadCorpus(filepath.Join(opts.Data, "reuters-21578.jsonl.gz"), 0)
	if err != nil {
		return nil, err
	}
	indexed := map[string]bool{}
	for _, c := range corpora {
		if indexed[c.dir] {
			continue
		}
		indexed[c.dir] = true
		arts, err := readParallel(filepath.Join(root, c.dir), "eng."+c.ext, "eng."+c.ext, c.ids, c.keep)
		if err != nil {
			return nil, err
		}
		for _, a := range arts {
			text, _ := stemma.JoinParagraphs(a.eng)
			docs = append(docs, stemma.Doc{ID: c.dir + "/" + a.id, Text: text, Lang: "en"})
		}
	}
	ix, done, err := tempIndex()
	if err != nil {
		return nil, err
	}
	defer done()
	if _, err := ix.Add(docs...); err != nil {
		return nil, err
	}
	tr, err := trace.New(ix, trace.Options{})
	if err != nil {
		return nil, err
	}
	res := &TranslatedResult{Indexed: len(docs)}
	for _, c := range corpora {
		for _, l := range langs {
			code := l[0]
			dict, err := translate.ForLanguage(code)
			if err != nil {
				return nil, err
			}
			arts, err := readParallel(filepath.Join(root, c.dir), "eng."+c.ext, l[1]+"."+c.ext, c.ids, c.keep)
			if err != nil {
				return nil, err
			}
			base := newBagBaseline(dict, arts)
			side := parallelSide{lang: code, traced: func(a parallelArticle) ([]string, []string) { return a.forn, a.eng }, want: func(a parallelArticle) string { return c.dir + "/" + a.id }}
			row, err := side.score(ctx, tr, c, arts, base.nearest)
			if err != nil {
				return nil, err
			}
			row.Corpus, row.Lang = c.name, code
			res.Rows = append(res.Rows, row)
		}
	}
	if !opts.Quick {
		if res.Speakers, err = translatedSpeakers(ctx, tr, root, ntrexIDs); err != nil {
			return nil, err
		}
	}
	if err := reverseTranslated(ctx, root, corpora, langs, floresIDs, news, res); err != nil {
		return nil, err
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// reverseTranslated adds the suite's rows of the other direction: an
// index of the corpora's translations, and of FLORES-200's articles
// other than Wikinews in the same languages (their sentences are
// translations too, of articles not traced), and each English article
// traced against it, looking for translations from one language at a
// time. The document-level baseline credits each English article's
// sentences to the translation in the row's language whose words, read
// in English by the dictionary, are nearest its own.
func reverseTranslated(ctx context.Context, root string, corpora []translatedCorpus, langs [][2]string, floresIDs []string, news []bool, res *TranslatedResult) error {
	var docs []stemma.Doc
	type lines struct{ dir, code string }
	arts := map[lines][]parallelArticle{}
	dirs := map[string]translatedCorpus{}
	for _, c := range corpora {
		dirs[c.dir] = c
	}
	for _, c := range corpora {
		if c.chunk > 0 {
			continue
		}
		for _, l := range langs {
			a, err := readParallel(filepath.Join(root, c.dir), "eng."+c.ext, l[1]+"."+c.ext, c.ids, c.keep)
			if err != nil {
				return err
			}
			arts[lines{c.dir, l[0]}] = a
			for _, x := range a {
				text, _ := stemma.JoinParagraphs(x.forn)
				docs = append(docs, stemma.Doc{ID: c.dir + "/" + l[0] + "/" + x.id, Text: text, Lang: l[0]})
			}
			if c.dir != "flores" {
				continue
			}
			other, err := readParallel(filepath.Join(root, c.dir), "eng."+c.ext, l[1]+"."+c.ext, floresIDs, func(i int) bool { return !news[i] })
			if err != nil {
				return err
			}
			for _, x := range other {
				text, _ := stemma.JoinParagraphs(x.forn)
				docs = append(docs, stemma.Doc{ID: "flores-other/" + l[0] + "/" + x.id, Text: text, Lang: l[0]})
			}
		}
	}
	ix, done, err := tempIndex()
	if err != nil {
		return err
	}
	defer done()
	if _, err := ix.Add(docs...); err != nil {
		return err
	}
	res.ReverseIndexed = len(docs)
	for _, c := range corpora {
		for _, l := range langs {
			code := l[0]
			dict, err := translate.ForLanguage(code)
			if err != nil {
				return err
			}
			tr, err := trace.New(ix, trace.Options{FromLanguages: []string{code}})
			if err != nil {
				return err
			}
			as := arts[lines{c.dir, code}]
			base := newReverseBaseline(dict, as)
			side := parallelSide{lang: "en", traced: func(a parallelArticle) ([]string, []string) { return a.eng, a.forn }, want: func(a parallelArticle) string { return c.dir + "/" + code + "/" + a.id }}
			row, err := side.score(ctx, tr, c, as, base.nearest)
			if err != nil {
				return err
			}
			row.Corpus, row.Lang = c.name, code
			res.Reverse = append(res.Reverse, row)
		}
	}
	return nil
}

// A parallelSide says which side of a parallel corpus is traced: traced
// returns an article's lines in the traced language (lang) and those of
// its translation in the index, whose ID is want.
type parallelSide struct {
	lang   string
	traced func(parallelArticle) (traced, indexed []string)
	want   func(parallelArticle) string
}

// score traces each article of a corpus, whole or in its chunks, and
// scores its sentences (witnessedAt) and the baseline's nearest article.
func (s parallelSide) score(ctx context.Context, tr *trace.Tracer, c translatedCorpus, arts []parallelArticle, nearest func([]string) int) (TranslatedRow, error) {
	var row TranslatedRow
	baseFound := 0
	var lat []time.Duration
	for ai, a := range arts {
		lines, other := s.traced(a)
		_, otherSpans := stemma.JoinParagraphs(other)
		want := s.want(a)
		step := len(lines)
		if c.chunk > 0 {
			step = c.chunk
		}
		for o := 0; o < len(lines); o += step {
			part := lines[o:min(o+step, len(lines))]
			text, spans := stemma.JoinParagraphs(part)
			row.Articles++
			t0 := time.Now()
			rep, err := tr.Trace(ctx, stemma.Doc{Text: text, Lang: s.lang})
			if err != nil {
				return row, err
			}
			lat = append(lat, time.Since(t0))
			row.Sentences += len(spans)
			for k, sp := range spans {
				covered, right := witnessedAt(rep, sp, want, otherSpans[o+k], stemma.Translated)
				if covered {
					row.Reported++
				}
				if right {
					row.Found++
				}
			}
			if nearest(part) == ai {
				baseFound += len(spans)
			}
		}
	}
	row.Recall = ratio(row.Found, row.Sentences)
	row.Precision = ratio(row.Found, row.Reported)
	row.Baseline = ratio(baseFound, row.Sentences)
	row.TraceP50MS, _ = percentiles(lat)
	return row, nil
}

// witnessedAt reports whether a witness of class only (of any class when
// only is "") covers half of the article span sp, and whether one that
// does is document want with a source span covering half of src.
func witnessedAt(rep *stemma.Report, sp stemma.Span, want string, src stemma.Span, only stemma.Class) (covered, right bool) {
	half := func(a, b stemma.Span) bool {
		lo, hi := max(a.Start, b.Start), min(a.End, b.End)
		return hi > lo && 2*(hi-lo) >= a.End-a.Start
	}
	for _, p := range rep.Passages {
		for _, w := range p.Witnesses {
			if only != "" && w.Class != only || !half(sp, w.Article) {
				continue
			}
			covered = true
			if w.Doc.ID == want && half(src, w.Source) {
				right = true
			}
		}
	}
	return covered, right
}

// bagBaseline is the document-level baseline: an article's words
// translated to English stems by the dictionary (every translation of a
// word, and the word as written), against each English article's stems
// and words, by cosine.
type bagBaseline struct {
	dict *translate.Dictionary
	eng  []map[string]float64
}

func newBagBaseline(dict *translate.Dictionary, arts []parallelArticle) *bagBaseline {
	b := &bagBaseline{dict: dict}
	for _, a := range arts {
		e := map[string]float64{}
		for _, l := range a.eng {
			for _, w := range strings.FieldsFunc(l, notLetter) {
				e[translate.EnglishStem(w)]++
				e[strings.ToLower(w)]++
			}
		}
		b.eng = append(b.eng, e)
	}
	return b
}

// reverseBaseline is the document-level baseline of the other direction:
// each translation's words read in English by the dictionary, against an
// English article's stems and words, by cosine.
type reverseBaseline struct {
	forn []map[string]float64
}

func newReverseBaseline(dict *translate.Dictionary, arts []parallelArticle) *reverseBaseline {
	b := &reverseBaseline{}
	for _, a := range arts {
		b.forn = append(b.forn, translatedBag(dict, a.forn))
	}
	return b
}

// nearest returns the translation nearest the English lines.
func (b *reverseBaseline) nearest(lines []string) int {
	e := map[string]float64{}
	for _, l := range lines {
		for _, w := range strings.FieldsFunc(l, notLetter) {
			e[translate.EnglishStem(w)]++
			e[strings.ToLower(w)]++
		}
	}
	best, at := -1.0, -1
	for j, f := range b.forn {
		if c := cosine(f, e); c > best {
			best, at = c, j
		}
	}
	return at
}

// translatedBag returns the bag of English stems of foreign lines: every
// translation of each word, and the word as written.
func translatedBag(dict *translate.Dictionary, lines []string) map[string]float64 {
	f := map[string]float64{}
	for _, l := range lines {
		for _, w := range strings.FieldsFunc(l, notLetter) {
			for _, s := range dict.Lookup(w) {
				f[s]++
			}
			f[strings.ToLower(w)]++
		}
	}
	return f
}

// nearest returns the English article nearest the translation of lines.
func (b *bagBaseline) nearest(lines []string) int {
	f := translatedBag(b.dict, lines)
	best, at := -1.0, -1
	for j, e := range b.eng {
		if c := cosine(f, e); c > best {
			best, at = c, j
		}
	}
	return at
}

func cosine(x, y map[string]float64) float64 {
	var dot, nx, ny float64
	for k, v := range x {
		dot += v * y[k]
		nx += v * v
	}
	for _, v := range y {
		ny += v * v
	}
	if nx == 0 || ny == 0 {
		return 0
	}
	return dot / math.Sqrt(nx*ny)
}

func notLetter(r rune) bool {
	return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r >= 0xC0)
}

// markdown writes the translated section with p.
func (s *TranslatedResult) markdown(p func(string, ...any)) {
	p("## Quality: translated copies\n\n")
	if notRun(p, s.Missing) {
		return
	}
	p("Two sentence-aligned corpora of real news, each English article with its professional translations (`scripts/extra-data` lays them out; licences in their `SOURCE.txt`): *NTREX-128* (the 1,997 sentences of the 123 articles of the WMT19 news test set: BBC, Reuters, the Guardian and others, 2019; Federmann, Kocmi and Xin, SUMEval 2022; CC BY-SA 4.0) and the Wikinews part of *FLORES-200 devtest* (341 sentences of 100 English Wikinews articles, 3 or 4 an article; Goyal et al., TACL 2022; NLLB Team 2022; CC BY-SA 4.0). ")
	p("The index holds %d English texts: every English article of both corpora (a line a paragraph) and the Reuters-21578 stories. Each translated article is traced (`trace.Tracer`, default options) with its language given; NTREX-128 is traced whole and again in excerpts of 3 sentences, each traced alone against the whole English articles. A sentence is *found* when a passage of class `translated` covers half of it and names the right English article with a source span covering half of the sentence it translates; *precision* is over the sentences such passages cover. ", s.Indexed)
	p("The dictionaries are Debian's FreeDict packages, each read both ways (`freedict-XXX-eng`, and `freedict-eng-XXX` backwards): German–English some 284,000 German words, French and Spanish 11,800 and 7,700 keys (their words and the words' Snowball stems), Russian 2,000 keys (English–Russian only, 1,200 words): the Russian rows measure mostly what names, numbers and shared roots find. ")
	p("**Which split tuned what.** Everything in package translate and trace/translated.go was chosen on NTREX-128, whole and in excerpts: the thresholds (`MinScore` 0.3, `Margin` 0.05, `MinPairs` 2, `WeakScore` 0.2, `maxSkew` 3), the guessing of English words for the index's sentence sketches (inflections, German compounds, Romance cognate endings, `rankSlack`, `maxGuesses`) and the ranking of candidates. FLORES-200 is the test split: no threshold or rule was set on it, but its rows were read six times as the code grew (guesses capped at 24, then at 40; then after the guessing and ranking above; then twice as the one-to-one, diagonal and own-language rules were added, which were chosen on the false passages of the languages suite; then once more in a full run), the last time in this run, after a fix: a rank limit that had cut the guesses of sentences of under ten content words to half the range. ")
	p("*Document-level baseline*: the article's words translated by the same dictionary (every translation of each word, and the word as written), against each English article of the same corpus by cosine (not the Reuters stories); every sentence is credited to the nearest, so its recall and precision are both the share of sentences in articles whose nearest English article is right, with no sentence located.\n\n")
	p("| corpus | language | articles | sentences | recall | precision | baseline recall = precision | trace p50 ms |\n|---|---|---|---|---|---|---|---|\n")
	for _, r := range s.Rows {
		p("| %s | %s | %d | %d | %.3f (%d) | %.3f (%d of %d) | %.3f | %.1f |\n", r.Corpus, r.Lang, r.Articles, r.Sentences, r.Recall, r.Found, r.Precision, r.Found, r.Reported, r.Baseline, r.TraceP50MS)
	}
	if len(s.Reverse) > 0 {
		p("\n**The other direction.** Each English article (and each excerpt of 3 sentences) traced with `trace.Options.FromLanguages` set to one language, against an index of %d texts in the eight languages: every translated article of both corpora, and FLORES-200 devtest's Wikivoyage and Wikibooks articles. A sentence is found when a passage of class `translated` covers half of it and names the right translation with a source span covering half of the sentence that translates it. The baseline credits an article's sentences to the translation in the row's language whose words, read in English by the same dictionary, are nearest by cosine.\n\n", s.ReverseIndexed)
		p("| corpus | language | articles | sentences | recall | precision | baseline recall = precision | trace p50 ms |\n|---|---|---|---|---|---|---|---|\n")
		for _, r := range s.Reverse {
			p("| %s | en ← %s | %d | %d | %.3f (%d) | %.3f (%d of %d) | %.3f | %.1f |\n", r.Corpus, r.Lang, r.Articles, r.Sentences, r.Recall, r.Found, r.Precision, r.Found, r.Reported, r.Baseline, r.TraceP50MS)
		}
	}
	s.speakersMarkdown(p)
	p("\nTime for the whole suite: %.1f s.\n\n", s.Seconds)
}

// speakersMarkdown writes the table of the speaker check across languages.
func (s *TranslatedResult) speakersMarkdown(p func(string, ...any)) {
	if len(s.Speakers) == 0 {
		return
	}
	p("\n**Speakers and figures across languages.** A quote in a `translated` passage is compared with the quote of the sentence it translates (`quote.Check`): the words cannot be compared, but the speaker can, by name (`quote.SameName`). ")
	p("`speaker-changed` is reported when the source's quote names a person, the translation names another at its cue, and the translation's sentence never writes the source's name; a speaker reached through a pronoun, a verb's ending or a continued quote, or no speaker at all, is not reported, since the tables of other languages resolve and find those too unevenly to tell a translator's choice from a changed speaker (\"Speakers in other languages\" above). ")
	p("Each NTREX-128 translation into the four languages with a quote table is traced faithful, where every speaker finding is false, and once more with the speaker at the cue of its first quote inside a `translated` passage replaced by a name the article never wrote (\"Martin Keller\", \"Мартин Келлер\"), where a `speaker-changed` finding on that quote is found. ")
	p("The figures are compared too: a quote that writes numbers in digits other than those of the source's quote of its sentence that differs least (digits alone, so that \"1,5\" is \"1.5\" and \"360.000\" is \"360,000\") is `quote-altered`, of medium severity, unless either writes no number in digits (\"one percent\" for \"1 %%\"). Each translation is traced once more with the first digit of its first quote in a `translated` passage moved up by one (\"40\" to \"50\"). ")
	p("The articles are split in the halves of \"Speakers in other languages\": the rules' choices (names only, no pronouns or lost speakers, the name looked for in the quote's own sentence; the figures of the closest quote of the sentence) were made reading the false findings of the **tuning** half and the two halves' recall together; the held-out half's false findings were not read.\n\n")
	p("| language | half | articles | their quotes in translated passages | false speaker findings (faithful translations) | speakers swapped | found | recall | false figure findings | figures changed | found | recall |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range s.Speakers {
		p("| %s | %s | %d | %d | %d | %d | %d | %.3f | %d | %d | %d | %.3f |\n", r.Lang, r.Half, r.Articles, r.Quotes, r.False, r.Swapped, r.Found, r.Recall, r.FalseFigures, r.Refigured, r.FiguresFound, r.FiguresRecall)
	}
}
