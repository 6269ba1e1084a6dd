package bench

import (
	"context"
	"strings"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/align"
	"github.com/stemmanews/stemma/baseline"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/synth"
	"github.com/stemmanews/stemma/trace"
)

// SpinResult measures tracing against spun and stitched copies generated
// from Reuters (package synth), beside MinHash-LSH on the same copies.
type SpinResult struct {
	Sources int        `json:"sources"`
	Rates   []SpinRate `json:"rates"`
	// Stitched: articles of 2–6 sources, 1–3 sentences each, spun at 20%.
	Stitched StitchResult `json:"stitched"`
	// Verbatim: reprints with boilerplate and no spin; FalseSpun counts
	// those whose spin score nonetheless reached the threshold.
	Verbatim  int     `json:"verbatim"`
	FalseSpun int     `json:"false_spun"`
	Seconds   float64 `json:"seconds"`

	// Paraphrased: the same kinds of copies with sentences reworded
	// (synth.Generator.Paraphrase), see [ParaphraseRow].
	Paraphrased []ParaphraseRow `json:"paraphrased,omitempty"`
	// SourceFree: spin read from the article's own text, with no clean
	// source indexed (spintext.go).
	SourceFree *SourceFreeResult `json:"source_free,omitempty"`
}

// SpinRate is passage recall and precision at one substitution rate.
type SpinRate struct {
	Rate float64 `json:"rate"`
	copyTally
	// Substitutions: of the generator's swaps inside reported passages,
	// the share reported as a synonym or entity substitution at the same
	// place.
	Swaps       int     `json:"swaps"`
	SwapsListed float64 `json:"swaps_listed"`
	// SpunShare is the share of copies whose report says spun.
	SpunShare float64 `json:"spun_share"`
}

// copyTally scores traced copies against the truth synth made them with,
// and MinHash-LSH on the same copies.
type copyTally struct {
	Copies   int `json:"copies"`
	Segments int `json:"segments"`
	// stemma: a true segment is found when a reported passage overlaps it
	// by half of the shorter and names its source as a witness; a reported
	// passage is correct when it so matches a true segment.
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
	// The baseline finds a segment when LSH returns its source for the
	// copy; a returned document is correct when it is one of the copy's
	// sources.
	MinHashRecall    float64 `json:"minhash_recall"`
	MinHashPrecision float64 `json:"minhash_precision"`

	found, passages, correct, mhFound, mhReturned, mhCorrect int
}

// copyBaseline is MinHash-LSH over a corpus, and each document's place in
// it.
type copyBaseline struct {
	lsh *baseline.LSH
	pos map[string]int
}

func newCopyBaseline(corpus []stemma.Doc) (copyBaseline, error) {
	mh, err := baseline.NewMinHash(baseline.Options{})
	if err != nil {
		return copyBaseline{}, err
	}
	texts := make([]string, len(corpus))
	pos := make(map[string]int, len(corpus))
	for i, d := range corpus {
		texts[i] = d.Text
		pos[d.ID] = i
	}
	return copyBaseline{mh.Index(texts), pos}, nil
}

// copyBench is a corpus indexed, a tracer over it and the baseline
// beside it; done removes the index.
type copyBench struct {
	ix   *index.Index
	tr   *trace.Tracer
	base copyBaseline
	done func()
}

func newCopyBench(corpus []stemma.Doc) (*copyBench, error) {
	return newCopyBenchWith(corpus, index.Options{})
}

// newCopyBenchWith is newCopyBench with the index's options.
func newCopyBenchWith(corpus []stemma.Doc, opts index.Options) (*copyBench, error) {
	ix, done, err := tempIndexWith(opts)
	if err != nil {
		return nil, err
	}
	cb := &copyBench{ix: ix, done: done}
	if _, err := ix.Add(corpus...); err != nil {
		done()
		return nil, err
	}
	if cb.tr, err = trace.New(ix, trace.Options{}); err != nil {
		done()
		return nil, err
	}
	if cb.base, err = newCopyBaseline(corpus); err != nil {
		done()
		return nil, err
	}
	return cb, nil
}

// add scores the report of copy c, and the baseline's answer for it.
func (t *copyTally) add(rep *stemma.Report, c synth.Copy, b copyBaseline) {
	t.Copies++
	f, p, ok := scorePassages(rep, c)
	t.found += f
	t.passages += p
	t.correct += ok
	t.Segments += sourced(c)
	f, r, ok := lshScore(b.lsh, b.pos, c)
	t.mhFound += f
	t.mhReturned += r
	t.mhCorrect += ok
}

// finish sets the ratios.
func (t *copyTally) finish() {
	t.Recall = ratio(t.found, t.Segments)
	t.Precision = ratio(t.correct, t.passages)
	t.MinHashRecall = ratio(t.mhFound, t.Segments)
	t.MinHashPrecision = ratio(t.mhCorrect, t.mhReturned)
}

// unspunCopy returns copy k of g, of a kind that cycles through those a
// content farm makes.
func unspunCopy(g *synth.Generator, k int) synth.Copy {
	switch k % 4 {
	case 0:
		return g.Excerpt(k)
	case 1:
		return g.Stitch(k)
	case 2:
		return g.Reorder(k)
	default:
		return g.Reprint(k)
	}
}

// StitchResult is sentence attribution on stitched articles.
type StitchResult struct {
	Copies    int     `json:"copies"`
	Sentences int     `json:"sentences"`
	Accuracy  float64 `json:"accuracy"`
	// MeanSources is the mean number of sources per article, and
	// AssembledExact the share of articles whose reported source count
	// equals it.
	MeanSources    float64 `json:"mean_sources"`
	AssembledExact float64 `json:"assembled_exact"`
}

// uniqueSources returns the documents of corpus of 600 bytes or more that
// keep accepts and that have no near duplicate in it (word-5-gram Jaccard
// ≥ 0.2 with no other document), so that a copy of one has one true
// source.
func uniqueSources(corpus []stemma.Doc, keep func(stemma.Doc) bool) ([]stemma.Doc, error) {
	texts := make([]string, len(corpus))
	for i, d := range corpus {
		texts[i] = d.Text
	}
	near, err := baseline.ExactPairs(texts, 5, 0.2)
	if err != nil {
		return nil, err
	}
	shared := make([]bool, len(corpus))
	for _, p := range near {
		shared[p.A], shared[p.B] = true, true
	}
	var out []stemma.Doc
	for i, d := range corpus {
		if !shared[i] && len(d.Text) >= 600 && keep(d) {
			out = append(out, d)
		}
	}
	return out, nil
}

// spinSuite generates copies from Reuters stories that have no near
// duplicate in the corpus (so each copy's true source is unambiguous),
// indexes the whole corpus, and traces every copy.
func spinSuite(ctx context.Context, corpus []stemma.Doc, copies int, seed uint64) (*SpinResult, error) {
	start := time.Now()
	pool, err := uniqueSources(corpus, func(d stemma.Doc) bool { return d.Dated() })
	if err != nil {
		return nil, err
	}
	cb, err := newCopyBench(corpus)
	if err != nil {
		return nil, err
	}
	defer cb.done()
	ix, tr, b := cb.ix, cb.tr, cb.base
	lsh, pos := b.lsh, b.pos
	byID := make(map[string]string, len(corpus))
	for _, d := range corpus {
		byID[d.ID] = d.Text
	}
	res := &SpinResult{Sources: len(pool)}
	for _, rate := range []float64{0, 0.1, 0.2, 0.3, 0.4} {
		g, err := synth.New(pool, synth.Options{Seed: seed})
		if err != nil {
			return nil, err
		}
		sr := SpinRate{Rate: rate}
		var listed, spun int
		for k := range copies {
			c := unspunCopy(g, k)
			if rate > 0 {
				c = g.Spin(c, rate)
			}
			rep, err := tr.Trace(ctx, c.Doc)
			if err != nil {
				return nil, err
			}
			if rep.Spin.Spun {
				spun++
			}
			sr.add(rep, c, b)
			l, n := scoreSwaps(rep, c)
			listed += l
			sr.Swaps += n
			if rate == 0 && k%4 == 3 {
				res.Verbatim++
				if rep.Spin.Spun {
					res.FalseSpun++
				}
			}
		}
		sr.finish()
		sr.SwapsListed = ratio(listed, sr.Swaps)
		sr.SpunShare = ratio(spun, sr.Copies)
		res.Rates = append(res.Rates, sr)
	}

	// Sentence attribution on stitched articles spun at 20%.
	g, err := synth.New(pool, synth.Options{Seed: seed + 1})
	if err != nil {
		return nil, err
	}
	st := &res.Stitched
	var right, exact, nsrc int
	for k := range copies / 2 {
		c := g.Spin(g.Stitch(k), 0.2)
		rep, err := tr.Trace(ctx, c.Doc)
		if err != nil {
			return nil, err
		}
		st.Copies++
		srcs := map[string]bool{}
		for _, ts := range c.Sentences {
			st.Sentences++
			if ts.SourceID != "" {
				srcs[ts.SourceID] = true
			}
			if got := reportedSource(rep, ts.Copy); got == ts.SourceID || carries(byID[got], sentenceSource(c, ts, byID)) {
				right++
			}
		}
		nsrc += len(srcs)
		if rep.Assembled == len(srcs) {
			exact++
		}
	}
	st.Accuracy = ratio(right, st.Sentences)
	st.MeanSources = float64(nsrc) / float64(max(st.Copies, 1))
	st.AssembledExact = ratio(exact, st.Copies)

	if res.Paraphrased, err = paraphraseRows(ctx, ix, tr, lsh, pos, pool, copies); err != nil {
		return nil, err
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

func sourced(c synth.Copy) int {
	n := 0
	for _, s := range c.Segments {
		if s.SourceID != "" {
			n++
		}
	}
	return n
}

func halfOverlap(a, b stemma.Span) bool {
	o := a.Overlap(b)
	return o > 0 && 2*o >= min(a.Len(), b.Len())
}

// scorePassages returns how many true segments a reported passage finds,
// how many passages were reported, and how many of those are correct.
func scorePassages(rep *stemma.Report, c synth.Copy) (found, passages, correct int) {
	witnessed := func(p stemma.Passage, id string) bool {
		for _, w := range p.Witnesses {
			if w.Doc.ID == id {
				return true
			}
		}
		return false
	}
	for _, s := range c.Segments {
		if s.SourceID == "" {
			continue
		}
		for _, p := range rep.Passages {
			if halfOverlap(p.Article, s.Copy) && witnessed(p, s.SourceID) {
				found++
				break
			}
		}
	}
	for _, p := range rep.Passages {
		passages++
		for _, s := range c.Segments {
			if s.SourceID != "" && p.Article.Overlap(s.Copy) > 0 && witnessed(p, s.SourceID) {
				correct++
				break
			}
		}
	}
	return found, passages, correct
}

// scoreSwaps returns how many of the generator's swaps that lie inside a
// reported passage are listed as a synonym or entity substitution of the
// true source at the same place, and how many such swaps there are.
func scoreSwaps(rep *stemma.Report, c synth.Copy) (listed, total int) {
	for _, sub := range c.Substitutions {
		inside := passageHolding(rep, sub)
		if inside == nil {
			continue
		}
		total++
		if swapListed(inside, sub) {
			listed++
		}
	}
	return listed, total
}

// passageHolding returns the reported passage that holds a swap, or nil.
func passageHolding(rep *stemma.Report, sub synth.Substitution) *stemma.Passage {
	for i := range rep.Passages {
		p := &rep.Passages[i]
		if p.Article.Start <= sub.Copy.Start && sub.Copy.End <= p.Article.End {
			return p
		}
	}
	return nil
}

func swapListed(p *stemma.Passage, sub synth.Substitution) bool {
	for _, w := range p.Witnesses {
		for _, e := range w.Edits {
			if e.Kind == stemma.Substitute && (e.Change == stemma.Synonym || e.Change == stemma.Entity) &&
				e.Article.Overlap(sub.Copy) > 0 && e.Source.Overlap(sub.Source) > 0 {
				return true
			}
		}
	}
	return false
}

// sentenceSource returns the text a copy's sentence was made from: its
// source's sentence before spinning, or the copy's own text for original
// filler.
func sentenceSource(c synth.Copy, ts synth.SentenceTruth, byID map[string]string) string {
	if ts.SourceID == "" {
		return c.Doc.Text[ts.Copy.Start:ts.Copy.End]
	}
	return byID[ts.SourceID][ts.Source.Start:ts.Source.End]
}

// carries reports whether a document's text contains a sentence, ignoring
// case and spacing. A reported source other than the generator's is still
// right when it carries the very same sentence: the corpus has other
// stories that share a sentence with the chosen one (and a filler sentence
// the generator calls original may be in the corpus too).
func carries(doc, sentence string) bool {
	if doc == "" || sentence == "" {
		return false
	}
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return strings.Contains(norm(doc), norm(sentence))
}

// reportedSource returns the source the report gives for the sentence
// that overlaps span most.
func reportedSource(rep *stemma.Report, span stemma.Span) string {
	best, bestOv := "", 0
	for _, s := range rep.Sentences {
		if ov := s.Article.Overlap(span); ov > bestOv {
			best, bestOv = s.Source, ov
		}
	}
	return best
}

// ParaphraseRow is passage recall and precision on copies whose sentences
// were reworded (synth.Generator.Paraphrase: attributions and phrases
// moved, sentences split and merged, connectives, units and numbers
// rewritten, half the content words swapped), traced by the default tracer
// and by the tracer with paraphrase alignment, beside MinHash-LSH on the
// same copies. Passages are matched to the truth as in [SpinRate].
type ParaphraseRow struct {
	// Split names the copies: "tuning" (generator seed 1, copies numbered
	// from 0) or "held-out" (seed 2, numbered from half the pool, so its
	// single-source copies come from other stories).
	Split string `json:"split"`
	// Rate is the share of sentences the generator chose to reword, and
	// Reworded the share of the copies' sourced sentences that came out
	// reworded (a sentence no operation applies to stays as it was).
	Rate     float64 `json:"rate"`
	Reworded float64 `json:"reworded"`
	Copies   int     `json:"copies"`
	Segments int     `json:"segments"`
	// FullyReworded counts the true segments every sentence of which was
	// reworded: no exact run of the source survives in them but by chance.
	FullyReworded int `json:"fully_reworded"`
	// Default is the tracer with default options, Paraphrase the tracer
	// with align.Options.Paraphrase.
	Default    ParaphraseScore `json:"default"`
	Paraphrase ParaphraseScore `json:"paraphrase"`
	// MinHash-LSH as in [SpinRate].
	MinHashRecall    float64 `json:"minhash_recall"`
	MinHashPrecision float64 `json:"minhash_precision"`
}

// ParaphraseScore is one tracer's result on a [ParaphraseRow]'s copies.
type ParaphraseScore struct {
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
	// FullRecall is the recall on the fully reworded segments.
	FullRecall float64 `json:"full_recall"`
	Passages   int     `json:"passages"`
	// ParaphraseShare is the share of reported passages classed
	// paraphrase.
	ParaphraseShare float64 `json:"paraphrase_share"`
	// Seconds is the time spent tracing the copies.
	Seconds float64 `json:"seconds"`
}

// paraphraseSplits are the generated copies of the paraphrase rows; see
// [ParaphraseRow.Split]. No threshold was tuned on them (the aligner's
// were fitted on PAN 2013's training corpus); the split is kept so that a
// threshold tuned here would be tuned on "tuning" and judged on
// "held-out".
var paraphraseSplits = []struct {
	name  string
	seed  uint64
	first func(pool int) int // number of the first copy
}{
	{"tuning", 1, func(int) int { return 0 }},
	{"held-out", 2, func(pool int) int { return pool / 2 }},
}

// paraphraseRates are the shares of sentences reworded.
var paraphraseRates = []float64{0.5, 1}

// paraphraseRows traces the paraphrased copies of every split and rate
// with tr (default options) and with paraphrase alignment over the same
// index, and queries lsh for each.
func paraphraseRows(ctx context.Context, ix *index.Index, tr *trace.Tracer, lsh *baseline.LSH, pos map[string]int, pool []stemma.Doc, copies int) ([]ParaphraseRow, error) {
	para, err := trace.New(ix, trace.Options{Align: align.Options{Paraphrase: true}})
	if err != nil {
		return nil, err
	}
	var rows []ParaphraseRow
	for _, sp := range paraphraseSplits {
		g, err := synth.New(pool, synth.Options{Seed: sp.seed})
		if err != nil {
			return nil, err
		}
		for _, rate := range paraphraseRates {
			row := ParaphraseRow{Split: sp.name, Rate: rate}
			var sentences, reworded, mhFound, mhReturned, mhCorrect int
			var tally [2]paraphraseTally
			for k := range copies {
				n := sp.first(len(pool)) + k
				// The kinds of the spin rates, each reworded.
				var c synth.Copy
				switch k % 4 {
				case 0:
					c = g.Excerpt(n)
				case 1:
					c = g.Stitch(n)
				case 2:
					c = g.Reorder(n)
				default:
					c = g.Reprint(n)
				}
				c = g.Paraphrase(c, rate)
				row.Copies++
				row.Segments += sourced(c)
				full := fullyReworded(c)
				row.FullyReworded += len(full)
				for _, s := range c.Sentences {
					if s.SourceID == "" {
						continue
					}
					sentences++
					for _, r := range c.Rewordings {
						if r.Copy.Start <= s.Copy.Start && s.Copy.End <= r.Copy.End {
							reworded++
							break
						}
					}
				}
				for i, t := range []*trace.Tracer{tr, para} {
					start := time.Now()
					rep, err := t.Trace(ctx, c.Doc)
					if err != nil {
						return nil, err
					}
					tally[i].seconds += time.Since(start).Seconds()
					tally[i].add(rep, c, full)
				}
				f, r, ok := lshScore(lsh, pos, c)
				mhFound += f
				mhReturned += r
				mhCorrect += ok
			}
			row.Reworded = ratio(reworded, sentences)
			row.Default = tally[0].score(row)
			row.Paraphrase = tally[1].score(row)
			row.MinHashRecall = ratio(mhFound, row.Segments)
			row.MinHashPrecision = ratio(mhCorrect, mhReturned)
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// paraphraseTally sums one tracer's results over a row's copies.
type paraphraseTally struct {
	found, passages, correct, fullFound, paraphrased int
	seconds                                          float64
}

func (t *paraphraseTally) add(rep *stemma.Report, c synth.Copy, full []synth.Segment) {
	f, p, ok := scorePassages(rep, c)
	t.found += f
	t.passages += p
	t.correct += ok
	for _, p := range rep.Passages {
		if p.Class.Reworded() {
			t.paraphrased++
		}
	}
	ff, _, _ := scorePassages(rep, synth.Copy{Segments: full})
	t.fullFound += ff
}

func (t *paraphraseTally) score(row ParaphraseRow) ParaphraseScore {
	return ParaphraseScore{
		Recall: ratio(t.found, row.Segments), Precision: ratio(t.correct, t.passages),
		FullRecall: ratio(t.fullFound, row.FullyReworded), Passages: t.passages,
		ParaphraseShare: ratio(t.paraphrased, t.passages), Seconds: t.seconds,
	}
}

// fullyReworded returns the true segments of c every sourced sentence of
// which lies in a rewording.
func fullyReworded(c synth.Copy) []synth.Segment {
	var out []synth.Segment
	for _, seg := range c.Segments {
		if seg.SourceID == "" {
			continue
		}
		all, some := true, false
		for _, s := range c.Sentences {
			if s.Copy.Start < seg.Copy.Start || s.Copy.End > seg.Copy.End {
				continue
			}
			in := false
			for _, r := range c.Rewordings {
				if r.Copy.Start <= s.Copy.Start && s.Copy.End <= r.Copy.End {
					in = true
					break
				}
			}
			all, some = all && in, true
		}
		if all && some {
			out = append(out, seg)
		}
	}
	return out
}

// lshScore queries lsh with the copy and returns the true segments whose
// source it returns, the documents it returns, and how many of those are
// sources of the copy.
func lshScore(lsh *baseline.LSH, pos map[string]int, c synth.Copy) (found, returned, correct int) {
	truth := map[int]bool{}
	for _, s := range c.Segments {
		if s.SourceID != "" {
			truth[pos[s.SourceID]] = true
		}
	}
	hits := lsh.Query(c.Doc.Text)
	got := map[int]bool{}
	for _, h := range hits {
		if truth[h.Doc] {
			correct++
			got[h.Doc] = true
		}
	}
	for _, s := range c.Segments {
		if s.SourceID != "" && got[pos[s.SourceID]] {
			found++
		}
	}
	return found, len(hits), correct
}
