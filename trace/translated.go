package trace

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/lang"
	"github.com/stemmanews/stemma/tokenize"
	"github.com/stemmanews/stemma/translate"
)

// Translated copies. An article in a language with a dictionary to
// English (package translate) is also looked for among the index's
// English texts, and an English article among the texts in the languages
// of Options.FromLanguages (the same search the other way round, by the
// texts' cross-language sketches): the sentence sketches its words'
// translations could make find candidates, with minTranslatedHits
// sketches each, and the aligner of package translate pairs the
// article's sentences with theirs. Each
// run of pairs that follow one another in both texts is a witness of
// class Translated. The first enoughTranslated candidates are aligned,
// and then more, up to maxTranslated, while a sentence that could pair
// has none, if the article has no source in its own language: a short
// article shares few sketches with its source, which then ties with many
// chance candidates. Such a later candidate must pair half of the
// sentences still unpaired.
const (
	enoughTranslated  = 20
	maxTranslated     = 60
	minTranslatedHits = 1
)

// translated returns the witnesses of the English texts the article
// translates, or none when its language is English, unknown, or has no
// dictionary installed; and for an English article, those of the texts in
// Options.FromLanguages that it translates. A sentence that same (the
// witnesses in the article's own language) covers half of is not looked
// for: a copy in the article's language is the nearer source.
func (t *Tracer) translated(ctx context.Context, article *stemma.Doc, toks []tokenize.Token, same []witness) ([]witness, error) {
	code := lang.Primary(article.Lang)
	if t.opts.NoTranslation || code == "" || code == "en" && len(t.opts.FromLanguages) == 0 || len(toks) == 0 {
		return nil, nil
	}
	covered := make([]bool, len(toks))
	for _, w := range same {
		for i := w.a0; i < w.a1 && i < len(toks); i++ {
			covered[i] = true
		}
	}
	found := func(sp stemma.Span) bool {
		t0, t1 := tokenRange(toks, sp)
		n := 0
		for i := t0; i < t1; i++ {
			if covered[i] {
				n++
			}
		}
		return 2*n >= t1-t0
	}
	if code != "en" {
		dict, err := translate.ForLanguage(code)
		if err != nil {
			// No dictionary installed, or one that cannot be read: the
			// article is traced in its own language only, as thesaurusFor
			// falls back to WordNet.
			return nil, nil
		}
		s := translatedSearch{al: translate.NewAligner(dict, t.opts.Translate), lang: "en"}
		return t.searchTranslated(ctx, article, toks, same, found, s)
	}
	var out []witness
	for _, from := range t.opts.FromLanguages {
		dict, err := translate.ForLanguage(from) // a primary code (New)
		if err != nil {
			return nil, fmt.Errorf("trace: looking for translations from %q: %w", from, err)
		}
		s := translatedSearch{al: translate.NewAligner(dict, t.opts.Translate), lang: dict.Lang, reverse: true}
		ws, err := t.searchTranslated(ctx, article, toks, same, found, s)
		if err != nil {
			return nil, err
		}
		out = append(out, ws...)
	}
	return out, nil
}

// A translatedSearch looks for the texts in one language that an article
// in another translates, or that translate it: the English texts of a
// foreign article, or (reverse) the texts in the aligner's language of an
// English one.
type translatedSearch struct {
	al      *translate.Aligner
	lang    string // the candidates' language
	reverse bool
}

// searchTranslated returns the witnesses of the texts that s finds.
func (t *Tracer) searchTranslated(ctx context.Context, article *stemma.Doc, toks []tokenize.Token, same []witness, found func(stemma.Span) bool, s translatedSearch) ([]witness, error) {
	al := s.al
	var sketches []uint64
	if s.reverse {
		sketches = al.ReverseSketches(article.Text, found)
	} else {
		sketches = al.Sketches(article.Text, found)
	}
	if len(sketches) == 0 {
		return nil, nil
	}
	lk, err := t.ix.Candidates(sketches)
	if err != nil {
		return nil, fmt.Errorf("trace: looking up translated candidates: %w", err)
	}
	// Most shared sketches first, and among as many the rarest: a pair
	// of common words ("year", "government") is in many texts' sketches.
	slices.SortFunc(lk.Candidates, func(x, y index.Candidate) int {
		return cmp.Or(cmp.Compare(y.Hits, x.Hits), cmp.Compare(y.Weight, x.Weight), cmp.Compare(x.Num, y.Num))
	})
	var mine []translate.Sentence // the article's sentences
	var paired []bool             // by article sentence
	open := 0                     // pairable sentences not yet paired
	var out []witness
	for i, c := range lk.Candidates {
		if i >= maxTranslated || c.Hits < minTranslatedHits || i >= enoughTranslated && (len(same) > 0 || mine != nil && open == 0) {
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		src, err := t.ix.Doc(c.Num)
		if errors.Is(err, index.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("trace: %w", err)
		}
		if article.ID != "" && src.ID == article.ID {
			continue
		}
		if src.Lang == "" {
			src.Lang = lang.Detect(src.Text, tokenize.Tokens(src.Text))
		}
		if lang.Primary(src.Lang) != s.lang {
			continue
		}
		if mine == nil {
			if s.reverse {
				mine = translate.English(article.Text)
			} else {
				mine = al.Foreign(article.Text)
			}
			mine = translate.Without(mine, found)
			paired = make([]bool, len(mine))
			for _, f := range mine {
				if al.Pairable(f) {
					open++
				}
			}
		}
		var pairs []translate.Pair
		if s.reverse {
			pairs = translate.Swap(al.Align(al.Foreign(src.Text), mine))
		} else {
			pairs = al.Align(mine, translate.English(src.Text))
		}
		var fresh []int // open sentences the candidate pairs (each once: pairs are one to one)
		for _, p := range pairs {
			if !paired[p.ArticleSentence] && al.Pairable(mine[p.ArticleSentence]) {
				fresh = append(fresh, p.ArticleSentence)
			}
		}
		if i >= enoughTranslated && 2*len(fresh) < open {
			// Past the first candidates, chance is likelier than a
			// source: one must pair half of the sentences still open.
			continue
		}
		for _, s := range fresh {
			paired[s] = true
		}
		open -= len(fresh)
		for len(pairs) > 0 {
			n := 1 // pairs in this run
			// A run has no sentence between two of its pairs, in the
			// article or in its source.
			for n < len(pairs) && pairs[n].ArticleSentence == pairs[n-1].ArticleSentence+1 && pairs[n].SourceSentence == pairs[n-1].SourceSentence+1 {
				n++
			}
			out = append(out, translatedWitness(article, &src, toks, pairs[:n]))
			pairs = pairs[n:]
		}
	}
	return out, nil
}

// translatedWitness makes the witness of one run of pairs.
func translatedWitness(article, src *stemma.Doc, toks []tokenize.Token, run []translate.Pair) witness {
	var w witness
	w.Doc = *src
	w.Doc.Text = ""
	first, last := run[0], run[len(run)-1]
	w.Article = stemma.Span{Start: first.Article.Start, End: last.Article.End}
	w.Source = stemma.Span{Start: first.Source.Start, End: last.Source.End}
	sum := 0.0
	for _, p := range run {
		sum += p.Score
	}
	w.Similarity = sum / float64(len(run))
	w.Class = stemma.Translated
	w.Confidence = translate.Confidence
	w.Later = stemma.ComparePublished(src, article) > 0
	w.Edits = []stemma.Edit{}
	w.a0, w.a1 = tokenRange(toks, w.Article)
	return w
}

// tokenRange returns the tokens [t0, t1) of byte span sp.
func tokenRange(toks []tokenize.Token, sp stemma.Span) (t0, t1 int) {
	t0 = sort.Search(len(toks), func(i int) bool { return int(toks[i].Start) >= sp.Start })
	t1 = sort.Search(len(toks), func(i int) bool { return int(toks[i].Start) >= sp.End })
	return t0, t1
}
