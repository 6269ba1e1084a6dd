package bench

import (
	"fmt"
	"io"
	"strings"
)

// Command is the command that regenerates docs/benchmarks.md.
const Command = "go run ./cmd/stemma eval --write docs/benchmarks.md"

// Markdown writes the results as the benchmarks page.
func (r *Results) Markdown(w io.Writer) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# stemma benchmarks\n\n")
	inv := r.Invocation
	if inv == "" {
		inv = Command
	}
	p("Every figure on this page comes from one run of\n\n    %s\n\n", inv)
	p("which also writes the raw figures to `docs/benchmarks.json`. ")
	p("Each stemma figure stands next to a baseline measured in the same run on the same input: ")
	p("plain MinHash-LSH over word 5-gram shingles (128 permutations, threshold 0.8; `github.com/ekzhu/minhash-lsh`, the method of datasketch and text-dedup, see package `baseline`). ")
	p("The machine is shared and noisy, so compare ratios within a run, not absolute figures across runs.\n\n")
	p("- Run: %s, %.0f s", r.Date.Format("2006-01-02 15:04 UTC"), r.Elapsed)
	if r.Quick {
		p(" (**quick mode**: subsets only)")
	}
	p("\n- Machine: %s, %d cores, %s, %s, %s\n", r.Machine.CPU, r.Machine.Cores, r.Machine.Memory, r.Machine.OS, r.Machine.Go)
	p("- Data: `../shared/data` (see its README for sources and licences), and the labelled corpora of “Data” below, from `$STEMMA_DATA_EXTRA` (`scripts/extra-data`)\n\n")

	if s := r.PAN; s != nil {
		p("## Quality: PAN 2013 text alignment (no obfuscation)\n\n")
		p("All %d documents indexed; each of the %d suspicious documents traced; the passages reported against its listed sources scored against the %d true cases of the %d listed pairs. ", s.Docs, s.Suspicious, s.Score.Cases, s.Pairs)
		p("A passage hits a case when it overlaps it by at least half of the shorter span, on the suspicious side or on the source side: the shared copy's suspicious offsets drift (see the data README), by up to 1,700 characters in a few long documents, so the row “suspicious side only” shows what accepting the source side adds. ")
		p("Precision counts only passages reported between listed pairs, as PAN's pairwise task does.\n\n")
		p("| measure | stemma |\n|---|---|\n")
		p("| case recall | %.4f (%d / %d) |\n", s.Score.Recall, s.Score.CasesFound, s.Score.Cases)
		p("| case recall, suspicious side only | %.4f |\n", s.Score.StrictRecall)
		p("| passage precision | %.4f (%d / %d) |\n", s.Score.Precision, s.Score.DetectionsHit, s.Score.Detections)
		p("| granularity | %.3f |\n", s.Score.Granularity)
		p("| plagdet (tolerant) | %.4f |\n", s.Score.Plagdet)
		p("| character-level plagdet, macro (PAN 2013 official) | %.4f (recall %.4f, precision %.4f) |\n", s.Score.Macro.Plagdet, s.Score.Macro.Recall, s.Score.Macro.Precision)
		p("| character-level plagdet, micro | %.4f |\n", s.Score.Micro.Plagdet)
		p("| time (index + trace all) | %.1f s |\n\n", s.Seconds)
		p("MinHash-LSH has no passages, so it has no figure here: it can only say that two documents are near-duplicates as a whole, and these pairs share a few paragraphs each.\n\n")
	}
	if s := r.PAN13; s != nil {
		pan13Markdown(p, s)
	}
	if s := r.Calibration; s != nil {
		calibrationMarkdown(p, s)
	}
	if s := r.MSRP; s != nil {
		msrpMarkdown(p, s)
	}
	for _, s := range []*PairsResult{r.BBC, r.Reuters} {
		if s == nil {
			continue
		}
		p("## Quality: %s repeats (%d articles)\n\n", s.Corpus, s.Docs)
		p("Every article traced against all the others. A pair counts as found when either article's report lists the other as a witness. The truth sets are exact (package `baseline`): texts equal after whitespace normalisation, and word-5-gram Jaccard (words are lowercased runs of letters and digits).\n\n")
		p("| pairs | truth | stemma | MinHash-LSH 0.8 |\n|---|---|---|---|\n")
		p("| exact duplicates | %d | %d (%.3f) | |\n", s.ExactDuplicates.Truth, s.ExactDuplicates.Found, s.ExactDuplicates.Rate)
		p("| Jaccard ≥ 0.8 | %d | %d (%.3f) | %d (%.3f) |\n", s.Jaccard80.Truth, s.Jaccard80.Found, s.Jaccard80.Rate, s.MinHash80.Found, s.MinHash80.Rate)
		p("| Jaccard ≥ 0.5 | %d | %d (%.3f) | %d (%.3f) |\n", s.Jaccard50.Truth, s.Jaccard50.Found, s.Jaccard50.Rate, s.MinHash50.Found, s.MinHash50.Rate)
		p("| all pairs reported | | %d | %d |\n", s.Pairs, s.MinHashPairs)
		p("| time | | %.1f s (index + trace every article, with passages) | %.1f s (signatures + all-pairs, no passages) |\n\n", s.Seconds, s.MinHashSeconds)
		p("Passages classed verbatim: %d; of those whose two sides differ in any word: **%d**. stemma reports many more pairs than the Jaccard truth because it also finds a shared paragraph between otherwise different stories, which document-level similarity cannot see.\n\n", s.VerbatimPassages, s.VerbatimMismatches)
		if len(s.MissedJaccard50) > 0 {
			p("Missed pairs with Jaccard ≥ 0.5: %s\n\n", strings.Join(s.MissedJaccard50, "; "))
		}
		for i, ex := range s.Examples {
			p("**Example %d: %s.** `%s` (%q) against `%s`, word-5-gram Jaccard %.2f: a %s passage, similarity %.2f, article bytes %d–%d, witness bytes %d–%d.\n\n",
				i+1, ex.Kind, ex.Article, ex.Title, ex.Witness, ex.Jaccard, ex.Class, ex.Similarity, ex.ArticleAt[0], ex.ArticleAt[1], ex.WitnessAt[0], ex.WitnessAt[1])
			p("> %s\n\n", clip(ex.Text, 400))
			if len(ex.Changes) > 0 {
				p("Changes from the witness: %s\n\n", strings.Join(limit(ex.Changes, 8), "; "))
			} else {
				p("No changes: every word matches.\n\n")
			}
		}
	}
	if s := r.Spin; s != nil {
		p("## Quality: spun and stitched copies\n\n")
		p("Copies generated from %d Reuters-21578 stories that have no near-duplicate in the corpus (word-5-gram Jaccard < 0.2 with every other story), so each copy's true source is unambiguous (package `synth`, `stemma synth`). ", s.Sources)
		p("At each rate the same %d copies (excerpts, stitched articles of 2–6 sources, copies with sentences dropped and reordered, reprints with boilerplate) have that share of their content words swapped for WordNet synonyms or entity variants. ", s.Rates[0].Copies)
		p("The whole corpus is indexed and every copy traced. A true segment is found when a reported passage overlaps it by half of the shorter span and lists its source as a witness; a reported passage is correct when it overlaps a true segment and lists that segment's source. ")
		p("MinHash-LSH (same run, same copies) finds a segment when it returns the segment's source for the copy; precision is over the documents it returns.\n\n")
		p("| substitution rate | copies | true segments | stemma recall | stemma precision | MinHash-LSH recall | MinHash-LSH precision | swaps listed correctly | copies reported spun |\n|---|---|---|---|---|---|---|---|---|\n")
		for _, x := range s.Rates {
			p("| %.0f%% | %d | %d | %.4f | %.4f | %.4f | %.4f | %.3f (of %d) | %.3f |\n", 100*x.Rate, x.Copies, x.Segments, x.Recall, x.Precision, x.MinHashRecall, x.MinHashPrecision, x.SwapsListed, x.Swaps, x.SpunShare)
		}
		p("\n\"Swaps listed correctly\" is the share of the generator's swaps that fall inside reported passages and appear in the report as a synonym or entity substitution at the same place in both texts. ")
		p("Verbatim reprints (no spin) reported spun: %d of %d.\n\n", s.FalseSpun, s.Verbatim)
		st := s.Stitched
		p("**Stitched articles.** %d articles of 2–6 sources (mean %.2f), 1–3 sentences from each, spun at 20%%: sentence attribution accuracy (the right source, or correctly none; a different reported source counts as right when it carries the very same sentence, as other Reuters stories sometimes do) **%.4f** over %d sentences; the reported number of sources is exact for %.3f of the articles.\n\n", st.Copies, st.MeanSources, st.Accuracy, st.Sentences, st.AssembledExact)
		paraphraseMarkdown(p, s.Paraphrased)
		p("Time for the whole suite: %.1f s.\n\n", s.Seconds)
		if sf := s.SourceFree; sf != nil {
			sf.markdown(p)
		}
	}
	if s := r.Quotes; s != nil {
		s.markdown(p)
	}
	if s := r.Languages; s != nil {
		s.markdown(p)
	}
	if s := r.Reworded; s != nil {
		s.markdown(p)
	}
	if s := r.Translated; s != nil {
		s.markdown(p)
	}
	if len(r.Speed) > 0 {
		p("## Speed\n\n")
		p("`stemma index` runs as a child process, end to end: parse JSONL, tokenise, fingerprint, persist (each commit durable before it is acknowledged: documents as sorted tables Pebble ingests, postings as a segment file, see package index), and wait for the segment mergers to finish, a finishing merge of the newest segments included; peak RSS is the child's own (its VmHWM, read every 50 ms while it runs: the ru_maxrss of a child counts the harness's memory at the fork). ")
		p("A corpus of up to %d articles is indexed %d times, each into a new index, and the table gives the median run (and the largest peak RSS); the baseline is timed as often, and its median given too. Larger corpora are indexed once. ", speedRepeatDocs, speedRuns)
		p("Index size is the disk the index's files hold, as du counts it (Pebble preallocates its write-ahead log files), and in brackets its data alone: Pebble's sorted tables and the posting segments. ")
		p("Trace latency is over %d articles of the corpus, each traced against the rest. ", r.Speed[0].Traces)
		p("The baseline's index time covers only MinHash signatures and LSH insertion, from texts already in memory (no parsing, no persistence), so the ratio flatters the baseline. ")
		p("Scaled-up corpora are built from Reuters text by replacing a quarter of each story's words with words drawn from the corpus (`scaler` in package `bench`), each article as it is written: a corpus of ten million is never held in memory.\n\n")
		p("The second row indexes the same corpus with word n-grams only, the configuration before spin-robust retrieval (stopword n-grams) was added, so the cost of that feature is a ratio from one run.\n\n")
		p("| corpus | fingerprints | articles | text MB | index docs/s | index MB/s | MinHash docs/s | stemma / MinHash | peak RSS MB | index size / text (data only) | trace p50 ms | trace p99 ms | MinHash query p50 ms | p99 ms |\n")
		p("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
		noLSH := false
		for _, s := range r.Speed {
			q := fmt.Sprintf("%.2f | %.2f", s.MinHashQueryP50ms, s.MinHashQueryP99ms)
			if s.MinHashNoLSH {
				q, noLSH = "– | –", true
			}
			p("| %s | %s | %d | %.1f | %.0f | %.1f | %.0f | %.2f× | %.0f | %.2f (%.2f) | %.2f | %.2f | %s |\n",
				s.Corpus, s.Config, s.Docs, s.TextMB, s.IndexDocsPerSec, s.IndexMBPerSec, s.MinHashDocsPerSec,
				s.IndexDocsPerSec/s.MinHashDocsPerSec, s.IndexPeakRSSMB, s.SizeRatio, s.TableRatio, s.TraceP50ms, s.TraceP99ms, q)
		}
		if noLSH {
			p("\nA dash: past %d documents the baseline's LSH tables (its signatures alone take 1 KB a document) do not fit in this machine's memory, so its time there is that of its signatures only, and it answers no queries.\n", minhashMaxDocs)
		}
		p("\n**Where the index's data goes**, each over the text: the documents' records (their text, zstd-compressed in 8 KB blocks, and metadata; Pebble's estimate for their key range), the posting segments, the term segments (the counts of words, pairs of words and names that spin detection reads), and the rest (ids, text hashes for exact duplicates, sources, counts).\n\n")
		p("| corpus | fingerprints | documents | postings | term counts | rest | data | posting segments left |\n|---|---|---|---|---|---|---|---|\n")
		for _, s := range r.Speed {
			p("| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %d |\n", s.Corpus, s.Config, s.DocsRatio, s.PostingsRatio, s.TermsRatio, s.RestRatio, s.TableRatio, s.Segments)
		}
		p("\n")
	}
	if s := r.Serve; s != nil {
		s.markdown(p)
	}
	if s := r.Ingest; s != nil {
		s.markdown(p)
	}
	if s := r.Cluster; s != nil {
		s.markdown(p)
	}
	if s := r.Faults; s != nil {
		s.markdown(p)
	}
	dataMarkdown(p)
	_, err := io.WriteString(w, b.String())
	return err
}

// dataMarkdown writes where the corpora come from and which split of each
// tuned what.
func dataMarkdown(p func(string, ...any)) {
	p("## Data\n\n")
	p("Reuters-21578, BBC News and the PAN 2013 no-obfuscation subset are in `../shared/data` (see its README). ")
	p("The labelled corpora it lacks are read from `$STEMMA_DATA_EXTRA`, else `../shared/data/extra` (`stemma eval --extra DIR`); `scripts/extra-data DIR` lays them out there from their repositories. A suite whose corpus is missing says “not run”. ")
	p("They are research data of others, never committed here; each folder there keeps a `SOURCE.txt` with the repository and commit it was copied from and its licence.\n\n")
	p("| folder | corpus | copied from | licence | tuned on | held out |\n|---|---|---|---|---|---|\n")
	p("| `pan13/` | PAN 2013 text-alignment training corpus (`train/`) and test corpus 2 (`test/`), Webis layout (Potthast et al., CLEF 2013) | github.com/ArijanaBrlek/PlagiarismDetection, `data/train_corpus` and `data/test_corpus` | not specified; research use | `train`: the paraphrase aligner's thresholds and its confidence model (`--only calibration` refits it) | `test`: every figure reported as test |\n")
	p("| `polnear/` | PolNeAR, political news attribution relations (Newell, Margolin and Ruths, LREC 2018) | github.com/networkdynamics/PolNeAR, `data/` | none given; research use, cite the paper | `train` (attribution rules); `dev` looked at twice | `test` |\n")
	p("| `msrp/` | Microsoft Research Paraphrase Corpus (Dolan and Brockett, IWP 2005) | github.com/wasiahmad/paraphrase_identification, `dataset/msr-paraphrase-corpus/` | Microsoft Research Shared Source licence (non-commercial) | nothing | both files |\n")
	p("| `html-trafilatura/` | Trafilatura evaluation corpus: 990 real web pages with segments that must and must not be extracted (Barbaresi, ACL 2021 demo; BBAW collection, tsolewski's Polish news) | github.com/adbar/trafilatura, `tests/evaldata.json`, `tests/eval`, `tests/cache` | Apache-2.0 | the half of the pages whose file name hashes even (`ingest.RealPage`): the encoding rule, the boilerplate rules, the lead rescue | the other half |\n")
	p("| `html-scrapinghub/` | Scrapinghub article extraction benchmark: 181 news and blog pages with their article body (Zyte 2020) | github.com/scrapinghub/article-extraction-benchmark, `html/`, `ground-truth.json` | MIT | nothing read page by page; its score was checked after each change | all |\n")
	p("| `parallel/ntrex/` | NTREX-128: the English source of the WMT19 news test set (1,997 sentences, 123 articles) and its professional translations, two of them into French, Spanish and Portuguese (Federmann, Kocmi and Xin, SUMEval 2022) | github.com/MicrosoftTranslator/NTREX, `NTREX-128/`, `DOCUMENT_IDS.tsv` | CC BY-SA 4.0 | all of it: package translate's thresholds and the retrieval of translated candidates; the reworded suite's paraphrase rows chose, among four variants, stemming in the article's language with English function words left out; the quote tables of German, French, Spanish and Russian, from the misses of the half of its articles whose id hashes even (`quoteHalf`) | the other half, for the quote tables only |\n")
	p("| `parallel/flores/` | FLORES-200 devtest: 1,012 sentences of English Wikinews, Wikivoyage and Wikibooks articles and their professional translations (Goyal et al., TACL 2022; NLLB Team 2022) | github.com/Helsinki-NLP/OPUS-MT-testsets, `datasets/facebook/flores/flores200_dataset/` | CC BY-SA 4.0 | nothing | the Wikinews part, 341 sentences: every translated figure reported as test |\n\n")
	p("Generated corpora (package `synth`) are drawn from Reuters-21578 with fixed seeds; no rule or threshold was tuned on a seed's copies unless its section says so. ")
	p("The 235 hand-labelled quotes (`quote/labels`) are a development set: the quote rules were tuned on them.\n")
}

func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}

func limit(xs []string, n int) []string {
	if len(xs) <= n {
		return xs
	}
	return append(xs[:n:n], fmt.Sprintf("and %d more", len(xs)-n))
}

// pan13Markdown writes the section on PAN 2013's obfuscated parts.
func pan13Markdown(p func(string, ...any), s *PAN13Result) {
	p("## Quality: PAN 2013 text alignment with obfuscation (training and test corpora)\n\n")
	if s.Missing != "" {
		p("Not run: the corpus is not at `%s` (see “Data” below).\n\n", s.Missing)
		return
	}
	p("The full PAN 2013 text-alignment corpora in their official layout (see “Data” below): for each part, every document of its pairs is indexed, every suspicious document traced, and the passages reported against its listed sources scored as in the section above. ")
	p("*Random obfuscation* rewrites each reused passage by random word shuffles, insertions, deletions and synonym replacements; *summary obfuscation* is a human-written summary of a whole source document (DUC 2001/2006), and most of its pairs (about four in five: 947 of 1185 in train, 949 in test) are topically related documents with no reuse at all; *no plagiarism* has no reuse, so its every detection is a false one. ")
	p("**The training corpus tuned every rule and threshold; the test corpus was not looked at while tuning.** ")
	p("The character-level plagdet (macro, PAN 2013's official measure) is the one PAN's competitions ranked by: the PAN 2014 winner (Sanchez-Perez et al.) reached 0.88 on random obfuscation and 0.56 on summary obfuscation of this test corpus. ")
	p("The baseline is MinHash-LSH (word 5-grams, 128 permutations) at an estimated Jaccard similarity of %.1f, taking each listed pair it finds similar as one detection of both whole documents: what a document-level deduplicator can say about these pairs.\n\n", pan13MinHashThreshold)
	p("| split | part | config | pairs | cases | case recall | passage precision | granularity | plagdet (case) | char plagdet macro (R / P) | char plagdet micro | MinHash-LSH char plagdet macro (R / P) | index + trace s | trace s |\n")
	p("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range s.Runs {
		sc, mh := r.Score, r.MinHash
		p("| %s | %s | %s | %d | %d | %.4f | %.4f | %.3f | %.4f | **%.4f** (%.3f / %.3f) | %.4f | %.4f (%.3f / %.3f) | %.1f | %.1f |\n",
			r.Split, r.Part, r.Config, r.Pairs, r.Cases, sc.Recall, sc.Precision, sc.Granularity, sc.Plagdet,
			sc.Macro.Plagdet, sc.Macro.Recall, sc.Macro.Precision, sc.Micro.Plagdet,
			mh.Macro.Plagdet, mh.Macro.Recall, mh.Macro.Precision, r.Seconds, r.TraceSeconds)
	}
	p("\n")
}

// calibrationMarkdown writes the section on the confidence of paraphrased
// passages.
func calibrationMarkdown(p func(string, ...any), s *CalibrationResult) {
	p("## Quality: the confidence of paraphrased passages\n\n")
	if s.Missing != "" {
		p("Not run: the PAN 2013 corpus is not at `%s` (see “Data” below).\n\n", s.Missing)
		return
	}
	p("Each passage that sentence alignment proposes has a confidence, the probability that it is reuse and not two texts on one subject: a logistic model of its similarity, the cosine of its two sides' content words, its matched and shared words, the ratio of its sides' lengths and the sentence pairs it rests on (package `align`). ")
	p("**It was fitted on the PAN 2013 training corpus** (every listed pair of the parts measured above aligned, each proposed passage labelled reuse when half of its suspicious side lies in a true case); the table scores the shipped weights on both corpora, and the test corpus was not used to fit them. This run refitted them on the training corpus: shipped %s, refitted %s.\n\n", weights(s.Shipped), weights(s.Refit))
	p("| corpus | proposed passages | reuse | kept at confidence ≥ %.1f | precision | recall |\n|---|---|---|---|---|---|\n", 0.5)
	for _, c := range []struct {
		name string
		sc   CalibrationScore
	}{{"training (fitted on)", s.Train}, {"test (held out)", s.Test}} {
		p("| %s | %d | %d | %d | %.3f | %.3f |\n", c.name, c.sc.Passages, c.sc.Reuse, c.sc.Kept, c.sc.Precision, c.sc.Recall)
	}
	p("\nReliability on the test corpus: for each tenth of the predicted confidence, the share of passages that are reuse.\n\n| confidence | passages | reuse |\n|---|---|---|\n")
	for _, b := range s.Test.Bins {
		if b.Passages > 0 {
			p("| %.1f–%.1f | %d | %.2f |\n", b.Lo, b.Hi, b.Passages, b.Observed)
		}
	}
	p("\n")
}

func weights(w []float64) string {
	var parts []string
	for _, x := range w {
		parts = append(parts, fmt.Sprintf("%.3f", x))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// msrpMarkdown writes the section on the Microsoft Research Paraphrase
// Corpus.
func msrpMarkdown(p func(string, ...any), s *MSRPResult) {
	p("## Quality: paraphrased sentences of news (MSRP)\n\n")
	if s.Missing != "" {
		p("Not run: the corpus is not at `%s` (see “Data” below).\n\n", s.Missing)
		return
	}
	p("The Microsoft Research Paraphrase Corpus (Dolan and Brockett, 2005): pairs of sentences from clusters of news stories on one event, each judged by people to be a paraphrase or not. Each pair is aligned as an article and a source, and a method *reports* the pair when it finds a passage between them. Nothing was tuned on this corpus: both files are held out. ")
	p("The pairs judged not paraphrases are not all unrelated: the corpus keeps only pairs with many words in common, and many say part of the same thing, so “precision” here is a lower bound on how often a reported pair is reuse. A passage needs at least 15 words on the article side (a paraphrase) or 8 matched words of whole sentences (exact matches), so short sentences cannot be reported.\n\n")
	p("| split | method | paraphrase pairs reported | other pairs reported | recall | precision | F1 |\n|---|---|---|---|---|---|---|\n")
	for _, sp := range s.Splits {
		for _, r := range sp.Rows {
			p("| %s | %s | %d / %d | %d / %d | %.3f | %.3f | %.3f |\n", sp.Split, r.Method, r.ParaphrasesFound, sp.Paraphrases, r.OthersFound, sp.Others,
				ratioOf(r.ParaphrasesFound, sp.Paraphrases), ratioOf(r.ParaphrasesFound, r.ParaphrasesFound+r.OthersFound), f1(r))
		}
	}
	p("\n")
}

func f1(r MSRPRow) float64 {
	if r.Recall+r.Precision == 0 {
		return 0
	}
	return 2 * r.Recall * r.Precision / (r.Recall + r.Precision)
}

// paraphraseMarkdown writes the spin suite's rows of paraphrased copies.
func paraphraseMarkdown(p func(string, ...any), rows []ParaphraseRow) {
	if len(rows) == 0 {
		return
	}
	p("**Paraphrased copies.** The same four kinds of copies, with a share of their sentences reworded as a rewriter rewords them (`synth.Generator.Paraphrase`, `stemma synth --paraphrase`): attributions and opening or closing phrases moved or dropped, long sentences split and short neighbours merged, connectives, units and numbers written otherwise (\"pct\" → \"percent\", \"15 mln dlrs\" → \"$15 million\"), contractions, adjectives dropped, hedges added, and half the content words swapped for WordNet synonyms; names and numbers survive. ")
	p("Each copy is traced twice over the same index, by the default tracer and by the tracer with paraphrase alignment (`trace.Options{Align: align.Options{Paraphrase: true}}`), and queried in MinHash-LSH; passages are scored against the truth as above. ")
	p("“All-reworded segments” are the true segments every sentence of which was reworded. ")
	p("No threshold was tuned on these copies (the aligner's were fitted on PAN 2013's training corpus, see above); the *tuning* split (generator seed 1) is the one any future tuning here must use, and the *held-out* split (seed 2, other stories for the single-source kinds) is the one to judge by.\n\n")
	p("| split | sentences chosen | reworded | copies | true segments (all reworded) | default recall | default precision | paraphrase recall | paraphrase precision | recall on all-reworded, default / paraphrase | passages classed paraphrase | MinHash-LSH recall | MinHash-LSH precision | trace time, paraphrase / default |\n")
	p("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		d, q := r.Default, r.Paraphrase
		p("| %s | %.0f%% | %.3f | %d | %d (%d) | %.4f | %.4f | **%.4f** | **%.4f** | %.4f / %.4f | %.3f | %.4f | %.4f | %.2f× (%.1f / %.1f s) |\n",
			r.Split, 100*r.Rate, r.Reworded, r.Copies, r.Segments, r.FullyReworded, d.Recall, d.Precision, q.Recall, q.Precision,
			d.FullRecall, q.FullRecall, q.ParaphraseShare, r.MinHashRecall, r.MinHashPrecision, q.Seconds/max(d.Seconds, 1e-9), q.Seconds, d.Seconds)
	}
	p("\n")
}
