package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/align"
	"github.com/stemmanews/stemma/baseline"
	"github.com/stemmanews/stemma/trace"
)

// RewordedResult is the reworded suite: news reworded in languages other
// than English. NTREX-128 has two independent professional translations
// of the same English articles into French, Spanish and Portuguese (one
// for France, Spain and Portugal, one for Canada, Mexico and Brazil), so
// each article of the second is the first reworded sentence by sentence
// by another writer, as a paraphrased reprint is: the same facts, names
// and figures, other words and other word order.
type RewordedResult struct {
	// Missing names the corpus directory when it was not found.
	Missing string        `json:"missing,omitempty"`
	Rows    []RewordedRow `json:"rows"`
	// Indexed counts the texts in the index: the first translation of
	// every article in each language, and the Reuters-21578 stories.
	Indexed int     `json:"indexed"`
	Seconds float64 `json:"seconds"`
}

// RewordedRow is one language and one configuration of trace. A sentence
// of the traced article is found when a passage covers half of it and a
// witness of that passage is the article's first translation, with a
// source span covering half of the sentence it rewords; it is reported
// when any witness covers half of it. Recall is found over sentences,
// precision found over reported.
type RewordedRow struct {
	Lang      string  `json:"lang"`
	Traced    string  `json:"traced"`  // the file traced, e.g. "fra-CA"
	Indexed   string  `json:"indexed"` // the file indexed, e.g. "fra"
	Config    string  `json:"config"`  // "default" or "paraphrase"
	Articles  int     `json:"articles"`
	Sentences int     `json:"sentences"`
	Found     int     `json:"found"`
	Reported  int     `json:"reported"`
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
	// MinHashRecall is the document-level baseline's: the share of
	// sentences in articles for which MinHash-LSH returns the right
	// article; MinHashPrecision the share of those returned that are
	// right, weighted by the articles' sentences.
	MinHashRecall    float64 `json:"minhash_recall"`
	MinHashPrecision float64 `json:"minhash_precision"`
	// MinHashReturned counts the articles MinHash-LSH returned, over all
	// the traced ones.
	MinHashReturned int     `json:"minhash_returned"`
	TraceP50MS      float64 `json:"trace_p50_ms"`
}

// rewordedLangs are the suite's languages: the ISO 639-1 code, the file
// indexed and the file traced.
var rewordedLangs = [][3]string{{"fr", "fra", "fra-CA"}, {"es", "spa", "spa-MX"}, {"pt", "por", "por-BR"}}

// rewordedSuite indexes the first translation of NTREX-128's articles in
// each of rewordedLangs, with the Reuters-21578 stories, and traces each
// article's second translation, with default options and with paraphrase
// alignment. The paraphrase rows chose how paraphrase alignment stems
// other languages (docs/benchmarks.md); nothing else was set on them.
func rewordedSuite(ctx context.Context, opts Options) (*RewordedResult, error) {
	start := time.Now()
	dir := filepath.Join(opts.Extra, ParallelDir, "ntrex")
	ids, err := readLines(filepath.Join(dir, "DOCUMENT_IDS.tsv"))
	if err != nil {
		return &RewordedResult{Missing: dir}, nil
	}
	all := func(int) bool { return true }
	docs, err := loadCorpus(filepath.Join(opts.Data, "reuters-21578.jsonl.gz"), 0)
	if err != nil {
		return nil, err
	}
	arts := make([][]parallelArticle, len(rewordedLangs))
	for i, l := range rewordedLangs {
		// readParallel's "eng" side is the indexed file, its other side
		// the traced one.
		if arts[i], err = readParallel(dir, l[1]+".txt", l[2]+".txt", ids, all); err != nil {
			return &RewordedResult{Missing: filepath.Join(dir, l[2]+".txt")}, nil
		}
		for _, a := range arts[i] {
			text, _ := stemma.JoinParagraphs(a.eng)
			docs = append(docs, stemma.Doc{ID: l[1] + "/" + a.id, Text: text, Lang: l[0]})
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
	mh, err := baseline.NewMinHash(baseline.Options{})
	if err != nil {
		return nil, err
	}
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = d.Text
	}
	lsh := mh.Index(texts)
	pos := make(map[string]int, len(docs))
	for i, d := range docs {
		pos[d.ID] = i
	}
	res := &RewordedResult{Indexed: len(docs)}
	for _, cfg := range []struct {
		name string
		opts trace.Options
	}{{"default", trace.Options{}}, {"paraphrase", trace.Options{Align: align.Options{Paraphrase: true}}}} {
		tr, err := trace.New(ix, cfg.opts)
		if err != nil {
			return nil, err
		}
		for i, l := range rewordedLangs {
			row := RewordedRow{Lang: l[0], Indexed: l[1], Traced: l[2], Config: cfg.name}
			var lat []time.Duration
			mhReturned, mhRight := 0, 0 // sentences, weighted as the rows' are
			for _, a := range arts[i] {
				text, spans := stemma.JoinParagraphs(a.forn)
				_, srcSpans := stemma.JoinParagraphs(a.eng)
				want := l[1] + "/" + a.id
				t0 := time.Now()
				rep, err := tr.Trace(ctx, stemma.Doc{Text: text, Lang: l[0]})
				if err != nil {
					return nil, err
				}
				lat = append(lat, time.Since(t0))
				row.Articles++
				row.Sentences += len(spans)
				for k, sp := range spans {
					covered, right := witnessedAt(rep, sp, want, srcSpans[k], "")
					if covered {
						row.Reported++
					}
					if right {
						row.Found++
					}
				}
				hits := lsh.Query(text)
				row.MinHashReturned += len(hits)
				for _, h := range hits {
					mhReturned += len(spans)
					if h.Doc == pos[want] {
						mhRight += len(spans)
					}
				}
			}
			row.Recall = ratio(row.Found, row.Sentences)
			row.Precision = ratio(row.Found, row.Reported)
			row.MinHashRecall = ratio(mhRight, row.Sentences)
			row.MinHashPrecision = ratio(mhRight, mhReturned)
			row.TraceP50MS, _ = percentiles(lat)
			res.Rows = append(res.Rows, row)
		}
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

func (s *RewordedResult) markdown(p func(string, ...any)) {
	p("## Quality: news reworded in other languages\n\n")
	if notRun(p, s.Missing) {
		return
	}
	p("NTREX-128 (see “Quality: translated copies”) has two independent professional translations of its 123 English news articles into French (France, `fra`; Canada, `fra-CA`), Spanish (Spain, `spa`; Mexico, `spa-MX`) and Portuguese (Portugal, `por`; Brazil, `por-BR`). So each article of the second is the first reworded, sentence by sentence, by another writer, as a paraphrased reprint is: the same facts, names and figures in other words and another word order, with nothing copied on purpose. ")
	p("The index holds %d texts: the first translation of every article in the three languages and the Reuters-21578 stories. Each article's second translation is traced, its language given, with default options and with paraphrase alignment (`--paraphrase`). A sentence is *found* when a passage covers half of it and a witness of it is the article's first translation, with a source span covering half of the sentence it rewords; *precision* is over the sentences any witness covers. ", s.Indexed)
	p("*MinHash-LSH* (document level, the same run, the options of every other suite: word 5-grams, 128 permutations, Jaccard 0.8): an article's sentences are found when LSH returns its first translation, and precision is over the articles it returns, weighted by sentences (a dash: it returned none). ")
	p("**Which split tuned what.** The paraphrase rows chose how paraphrase alignment reads other languages than English, among four variants (stemming in English or in the language; leaving out English function words or the language's own): they are tuning rows for that choice. Nothing else in stemma was set on these translations.\n\n")
	p("| language | traced against indexed | trace | articles | sentences | recall | precision | MinHash-LSH recall | MinHash-LSH precision | trace p50 ms |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range s.Rows {
		mhp := "–"
		if r.MinHashReturned > 0 {
			mhp = fmt.Sprintf("%.3f", r.MinHashPrecision)
		}
		p("| %s | %s against %s | %s | %d | %d | %.3f (%d) | %.3f (%d of %d) | %.3f | %s | %.1f |\n", r.Lang, r.Traced, r.Indexed, r.Config, r.Articles, r.Sentences, r.Recall, r.Found, r.Precision, r.Found, r.Reported, r.MinHashRecall, mhp, r.TraceP50MS)
	}
	p("\nTime for the whole suite: %.1f s.\n\n", s.Seconds)
}
