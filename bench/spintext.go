package bench

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/baseline"
	"github.com/stemmanews/stemma/freq"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/spin"
	"github.com/stemmanews/stemma/synth"
	"github.com/stemmanews/stemma/tokenize"
	"github.com/stemmanews/stemma/trace"
)

// SourceFreeResult measures spin detection with no clean source indexed:
// the tells an article's own text carries (package spin), read against
// the term counts of an index of Reuters-21578 and BBC News that does not
// hold the spun copies' sources.
type SourceFreeResult struct {
	// Rate is the substitution rate of the spun copies.
	Rate float64 `json:"rate"`
	// Indexed is the number of documents indexed, HeldOut the copies'
	// sources left out, and CorpusWords the words the index counted.
	Indexed     int   `json:"indexed"`
	HeldOut     int   `json:"held_out"`
	CorpusWords int64 `json:"corpus_words"`
	// Defaults are the package spin defaults every trace here used;
	// Tuned is the grid's choice on the tuning splits (Reuters stories and
	// BBC articles of even number), Grid the best rows it weighed (none
	// when the grid was not run).
	Defaults SourceFreeOptions   `json:"defaults"`
	Tuned    SourceFreeOptions   `json:"tuned"`
	Grid     []SourceFreeGridRow `json:"grid"`
	Splits   []SourceFreeSplit   `json:"splits"`
	Seconds  float64             `json:"seconds"`
}

// SourceFreeOptions are the thresholds of package spin.
type SourceFreeOptions struct {
	Threshold  float64 `json:"threshold"`
	MinTells   int     `json:"min_tells"`
	MinContext int64   `json:"min_context"`
	NameRatio  float64 `json:"name_ratio"`
}

func (o SourceFreeOptions) String() string {
	return fmt.Sprintf("threshold %g per 1,000 words, at least %d marked words, context %d, name ratio %g", o.Threshold, o.MinTells, o.MinContext, o.NameRatio)
}

// SourceFreeGridRow is one setting of the thresholds on the tuning split.
type SourceFreeGridRow struct {
	Options SourceFreeOptions `json:"options"`
	// Recall is the share of spun copies flagged, FalseAlarms the share of
	// unspun stories.
	Recall      float64 `json:"recall"`
	FalseAlarms float64 `json:"false_alarms"`
}

// SourceFreeSplit is one split's spun copies and unspun originals, each
// traced against the index.
type SourceFreeSplit struct {
	Name   string `json:"name"`
	Tuning bool   `json:"tuning"`
	// Copies spun at Rate: the share reported spun (by either reading),
	// by the text's tells alone, by the swaps against a source alone, and
	// the share MinHash-LSH matches to an indexed document.
	Copies          int     `json:"copies"`
	CopiesSpun      float64 `json:"copies_spun"`
	CopiesTextSpun  float64 `json:"copies_text_spun"`
	CopiesSwapsSpun float64 `json:"copies_swaps_spun"`
	MinHashMatched  float64 `json:"minhash_matched"`
	// Originals: every story of the split, unspun, traced as it is (an
	// indexed one by the rest of the index): the share reported spun by
	// the text's tells, and by either reading.
	Originals         int     `json:"originals"`
	OriginalsTextSpun float64 `json:"originals_text_spun"`
	OriginalsSpun     float64 `json:"originals_spun"`
	// UnspunCopiesSpun is the share of the copies before spinning (with
	// an outlet's boilerplate, their sources not indexed) reported spun.
	UnspunCopiesSpun float64 `json:"unspun_copies_spun"`
	// Tells by kind, on the copies and on the originals.
	CopyTells     TellCounts `json:"copy_tells"`
	OriginalTells TellCounts `json:"original_tells"`
}

// TellCounts counts tells by kind.
type TellCounts struct {
	ArticleMismatch int `json:"article_mismatch"`
	EntityVariant   int `json:"entity_variant"`
	RareSynonym     int `json:"rare_synonym"`
}

func (c *TellCounts) add(ts stemma.TextSpin) {
	c.ArticleMismatch += ts.ArticleMismatches
	c.EntityVariant += ts.EntityVariants
	c.RareSynonym += ts.RareSynonyms
}

// storyNumber is the number in a Reuters ID ("reuters-1865" → 1865), or -1.
func storyNumber(id string) int {
	n, err := strconv.Atoi(id[strings.LastIndexByte(id, '-')+1:])
	if err != nil {
		return -1
	}
	return n
}

// sourceFreeSplit is a split's sources of copies and its originals.
type sourceFreeSplit struct {
	name      string
	tuning    bool
	bbc       bool
	pool      []stemma.Doc // sources the copies are made from
	originals []stemma.Doc
	copies    []synth.Copy
	// plain are the copies before they were spun: unspun, with an
	// outlet's boilerplate ("Read more: https://…").
	plain []synth.Copy
}

// sourceFreeConfig sizes the suite: copies per Reuters split (a quarter
// as many per BBC News split), one original story in every so many
// traced, and whether to weigh the grid of thresholds.
type sourceFreeConfig struct {
	copies, every int
	grid          bool
}

// sourceFreeSuite makes copies spun at rate from Reuters stories and BBC
// News articles, each corpus halved by the parity of the number in its
// IDs (even numbers tune, odd numbers are held out), indexes both corpora
// less every copy's source, and traces each copy and each original story.
// The thresholds of package spin are chosen on the two tuning halves (a
// grid, sourceFreeGrid); the traces use the package defaults, and the page
// gives both.
func sourceFreeSuite(ctx context.Context, reuters, bbc []stemma.Doc, cfg sourceFreeConfig, seed uint64) (*SourceFreeResult, error) {
	start := time.Now()
	const rate = 0.3
	res := &SourceFreeResult{Rate: rate}
	// Sources with no near duplicate (as in spinSuite), so that leaving
	// one out leaves no copy of it in the index.
	all := func(stemma.Doc) bool { return true }
	ru, err := uniqueSources(reuters, all)
	if err != nil {
		return nil, err
	}
	bu, err := uniqueSources(bbc, all)
	if err != nil {
		return nil, err
	}
	// Each corpus in two halves by the number in its IDs: even numbers
	// tune, odd numbers are held out.
	rEven := &sourceFreeSplit{name: "Reuters, even story numbers", tuning: true}
	rOdd := &sourceFreeSplit{name: "Reuters, odd story numbers"}
	bEven := &sourceFreeSplit{name: "BBC News, even article numbers", tuning: true, bbc: true}
	bOdd := &sourceFreeSplit{name: "BBC News, odd article numbers", bbc: true}
	halve := func(docs, pool []stemma.Doc, even, odd *sourceFreeSplit) {
		for _, d := range pool {
			if storyNumber(d.ID)%2 == 0 {
				even.pool = append(even.pool, d)
			} else {
				odd.pool = append(odd.pool, d)
			}
		}
		for _, d := range docs {
			if storyNumber(d.ID)%2 == 0 {
				even.originals = append(even.originals, d)
			} else {
				odd.originals = append(odd.originals, d)
			}
		}
	}
	halve(reuters, ru, rEven, rOdd)
	halve(bbc, bu, bEven, bOdd)
	splits := []*sourceFreeSplit{rEven, rOdd, bEven, bOdd}
	held := map[string]bool{}
	for i, s := range splits {
		g, err := synth.New(s.pool, synth.Options{Seed: seed + uint64(i)})
		if err != nil {
			return nil, err
		}
		n := cfg.copies
		if s.bbc {
			n = cfg.copies / 4
		}
		for k := range n {
			var c synth.Copy
			switch k % 4 {
			case 0:
				c = g.Excerpt(k)
			case 1:
				c = g.Stitch(k)
			case 2:
				c = g.Reorder(k)
			default:
				c = g.Reprint(k)
			}
			s.plain = append(s.plain, c)
			c = g.Spin(c, rate)
			s.copies = append(s.copies, c)
			for _, seg := range c.Segments {
				if seg.SourceID != "" {
					held[seg.SourceID] = true
				}
			}
		}
	}
	var indexed []stemma.Doc
	var texts []string
	for _, d := range slices.Concat(reuters, bbc) {
		if !held[d.ID] {
			indexed = append(indexed, d)
			texts = append(texts, d.Text)
		}
	}
	res.Indexed, res.HeldOut = len(indexed), len(held)
	ix, done, err := tempIndex()
	if err != nil {
		return nil, err
	}
	defer done()
	next := 0
	if _, err := ix.Ingest(ctx, func() (stemma.Doc, bool) {
		if next == len(indexed) {
			return stemma.Doc{}, false
		}
		next++
		return indexed[next-1], true
	}, nil); err != nil {
		return nil, err
	}
	res.CorpusWords = ix.CountedWords()
	tr, err := trace.New(ix, trace.Options{})
	if err != nil {
		return nil, err
	}
	mh, err := baseline.NewMinHash(baseline.Options{})
	if err != nil {
		return nil, err
	}
	lsh := mh.Index(texts)
	res.Defaults = SourceFreeOptions{spin.DefaultThreshold, spin.DefaultMinTells, spin.DefaultMinContext, spin.DefaultNameRatio}
	if cfg.grid {
		if res.Tuned, res.Grid, err = sourceFreeGrid(ix, []*sourceFreeSplit{rEven, bEven}); err != nil {
			return nil, err
		}
	}
	for _, s := range splits {
		r := SourceFreeSplit{Name: s.name, Tuning: s.tuning}
		var spun, textSpun, swapsSpun, matched int
		for _, c := range s.copies {
			rep, err := tr.Trace(ctx, c.Doc)
			if err != nil {
				return nil, err
			}
			r.Copies++
			spun += b2i(rep.Spin.Spun)
			textSpun += b2i(rep.Spin.Text.Spun)
			swapsSpun += b2i(rep.Spin.SwapsSpun)
			r.CopyTells.add(rep.Spin.Text)
			if len(lsh.Query(c.Doc.Text)) > 0 {
				matched++
			}
		}
		plainSpun := 0
		for _, c := range s.plain {
			rep, err := tr.Trace(ctx, c.Doc)
			if err != nil {
				return nil, err
			}
			plainSpun += b2i(rep.Spin.Spun)
		}
		r.UnspunCopiesSpun = ratio(plainSpun, len(s.plain))
		var oSpun, oText int
		for i, d := range s.originals {
			if i%max(cfg.every, 1) != 0 {
				continue
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			rep, err := tr.Trace(ctx, d)
			if err != nil {
				return nil, err
			}
			r.Originals++
			oSpun += b2i(rep.Spin.Spun)
			oText += b2i(rep.Spin.Text.Spun)
			r.OriginalTells.add(rep.Spin.Text)
		}
		r.CopiesSpun, r.CopiesTextSpun = ratio(spun, r.Copies), ratio(textSpun, r.Copies)
		r.CopiesSwapsSpun, r.MinHashMatched = ratio(swapsSpun, r.Copies), ratio(matched, r.Copies)
		r.OriginalsTextSpun, r.OriginalsSpun = ratio(oText, r.Originals), ratio(oSpun, r.Originals)
		res.Splits = append(res.Splits, r)
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sourceFreeGrid chooses the thresholds of package spin on the tuning
// splits: every setting of the context and name thresholds is read over
// the splits' copies and originals (each original against the index less
// its own counts), and every score threshold and least number of marked
// words weighed on the results. The choice flags the most spun copies of
// all the splits while flagging at most 1 in 200 of each split's originals
// and of its copies before spinning (unspun text with an outlet's
// boilerplate), half the acceptance limit, so that the held out splits
// have room; ties go to the stricter setting. Grid returns the best row of
// each context and name setting, best first; a row's false alarms are the
// worst of its splits' originals and unspun copies.
func sourceFreeGrid(ix *index.Index, splits []*sourceFreeSplit) (SourceFreeOptions, []SourceFreeGridRow, error) {
	type reading struct{ marked, words int }
	var counter freq.Counter
	own := make([][]freq.Terms, len(splits))
	for k, s := range splits {
		own[k] = make([]freq.Terms, len(s.originals))
		for i, d := range s.originals {
			if _, err := ix.Num(d.ID); err == nil { // indexed: less its own counts
				own[k][i] = counter.Terms(d.Text, tokenize.Tokens(d.Text))
			}
		}
	}
	var best SourceFreeGridRow
	var rows []SourceFreeGridRow
	for _, ctxN := range []int64{5, 10, 15} {
		for _, ratioN := range []float64{50, 100, 200} {
			f, err := spin.New(spin.Options{MinContext: ctxN, NameRatio: ratioN})
			if err != nil {
				return SourceFreeOptions{}, nil, err
			}
			read := func(text string, corpus freq.Frequencies) (reading, error) {
				ts, err := f.Find(text, corpus)
				return reading{ts.Marked, len(tokenize.Tokens(text))}, err
			}
			var cs []reading
			os := make([][]reading, len(splits))
			ps := make([][]reading, len(splits))
			for k, s := range splits {
				for _, c := range s.copies {
					r, err := read(c.Doc.Text, ix)
					if err != nil {
						return SourceFreeOptions{}, nil, err
					}
					cs = append(cs, r)
				}
				for _, c := range s.plain {
					r, err := read(c.Doc.Text, ix)
					if err != nil {
						return SourceFreeOptions{}, nil, err
					}
					ps[k] = append(ps[k], r)
				}
				for i, d := range s.originals {
					var corpus freq.Frequencies = ix
					if own[k][i].Keys != nil {
						corpus = freq.Without(ix, own[k][i])
					}
					r, err := read(d.Text, corpus)
					if err != nil {
						return SourceFreeOptions{}, nil, err
					}
					os[k] = append(os[k], r)
				}
			}
			var local SourceFreeGridRow
			for _, minTells := range []int{1, 2, 3} {
				for _, thr := range []float64{6, 8, 10, 12, 14, 16, 20} {
					flagged := func(rs []reading) float64 {
						n := 0
						for _, r := range rs {
							if r.marked >= minTells && r.words > 0 && 1000*float64(r.marked)/float64(r.words) >= thr {
								n++
							}
						}
						return ratio(n, len(rs))
					}
					row := SourceFreeGridRow{Options: SourceFreeOptions{thr, minTells, ctxN, ratioN}, Recall: flagged(cs)}
					for k := range splits {
						row.FalseAlarms = max(row.FalseAlarms, flagged(os[k]), flagged(ps[k]))
					}
					if row.FalseAlarms > 0.005 {
						continue
					}
					if better(row, local) {
						local = row
					}
				}
			}
			if local.Options.Threshold == 0 {
				continue // no setting kept false alarms low enough
			}
			rows = append(rows, local)
			if better(local, best) {
				best = local
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b SourceFreeGridRow) int {
		return cmp.Or(cmp.Compare(b.Recall, a.Recall), cmp.Compare(a.FalseAlarms, b.FalseAlarms))
	})
	return best.Options, rows, nil
}

// better reports whether grid row a beats b: more recall, then fewer false
// alarms, then the stricter setting.
func better(a, b SourceFreeGridRow) bool {
	if a.Recall != b.Recall {
		return a.Recall > b.Recall
	}
	if a.FalseAlarms != b.FalseAlarms {
		return a.FalseAlarms < b.FalseAlarms
	}
	return a.Options.Threshold > b.Options.Threshold
}

// markdown writes the source-free section of the spin suite.
func (s *SourceFreeResult) markdown(p func(format string, args ...any)) {
	p("### Spun copies with no source indexed\n\n")
	p("Spin read from the article's own text (package `spin`): a/an mismatches, entity names in forms the indexed news does not write in running prose, and rare synonyms where the indexed news writes a synonym beside the same words, learnt from the index's term counts. ")
	p("Copies are made as above, spun at %.0f%%, from Reuters-21578 stories and BBC News articles with no near-duplicate, each corpus halved by the parity of the number in its IDs; ", 100*s.Rate)
	p("the index holds both corpora less the %d stories the copies were made from (%d documents, %d words counted), so the diff against a source has nothing to compare and only the text can tell. ", s.HeldOut, s.Indexed, s.CorpusWords)
	p("Every copy and every original story (unspun; an indexed story traced against the rest, its own term counts and those of its witnesses taken out of the corpus) is traced as a user would trace it. ")
	p("**Split:** the thresholds were tuned on the even-numbered halves (copies and originals of both corpora); the odd-numbered halves are held out. ")
	p("(An earlier tuning on Reuters' even half alone did not carry to BBC News, whose articles it flagged more than 1 in 100; the tuning splits then took in BBC's even half, so BBC's odd half had been seen once before.)\n\n")
	p("| split | spun copies | reported spun | by the text's tells | by swaps against a source | MinHash-LSH finds a near-duplicate | the copies unspun: reported spun | unspun originals | flagged spun by their text | flagged spun by either reading |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, x := range s.Splits {
		name := x.Name + " (held out)"
		if x.Tuning {
			name = x.Name + " (tuning)"
		}
		p("| %s | %d | **%.3f** | %.3f | %.3f | %.3f | %.4f | %d | **%.4f** | %.4f |\n", name, x.Copies, x.CopiesSpun, x.CopiesTextSpun, x.CopiesSwapsSpun, x.MinHashMatched, x.UnspunCopiesSpun, x.Originals, x.OriginalsTextSpun, x.OriginalsSpun)
	}
	p("\nMinHash-LSH, a document-level detector, has no source to match a copy to and nothing to say about spin; the swaps column is stemma's diff-based evidence, which needs the source. ")
	p("\"Either reading\" also counts a story whose diff against an indexed witness (Reuters' own repeats and corrections) shows swaps.\n\n")
	p("Tells by kind:\n\n| split | on copies: a/an mismatch | entity variant | rare synonym | on originals: a/an mismatch | entity variant | rare synonym |\n|---|---|---|---|---|---|---|\n")
	for _, x := range s.Splits {
		p("| %s | %d | %d | %d | %d | %d | %d |\n", x.Name, x.CopyTells.ArticleMismatch, x.CopyTells.EntityVariant, x.CopyTells.RareSynonym,
			x.OriginalTells.ArticleMismatch, x.OriginalTells.EntityVariant, x.OriginalTells.RareSynonym)
	}
	p("\nEvery trace used the package defaults: %s. ", s.Defaults)
	if len(s.Grid) > 0 {
		p("The grid on the tuning splits (each setting read over their copies, spun and unspun, and their originals, an original against the index less its own counts; the choice flags the most spun copies while flagging at most 1 in 200 of each split's originals and of its unspun copies; the false alarms given are the worst of these) chose %s", s.Tuned)
		if s.Tuned == s.Defaults {
			p(", the defaults.")
		} else {
			p(", which differs from the defaults: the defaults were set from an earlier run.")
		}
		p(" Best setting for each context and name threshold:\n\n| setting | spun copies flagged | false alarms |\n|---|---|---|\n")
		for _, g := range s.Grid {
			p("| %s | %.3f | %.4f |\n", g.Options, g.Recall, g.FalseAlarms)
		}
	}
	p("\nTime: %.1f s.\n\n", s.Seconds)
}
