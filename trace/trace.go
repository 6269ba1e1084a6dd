// Package trace finds where an article came from: it looks the article's
// fingerprints up in an index, aligns the article against each candidate,
// and assembles a [stemma.Report] of passages, witnesses and origins.
//
// A [Tracer] is safe for concurrent use. Tracing costs one index seek per
// article fingerprint plus one read and one alignment per candidate (at
// most Options.MaxCandidates), each linear in the two texts' lengths; the
// candidates of one trace are read and aligned on up to GOMAXPROCS
// goroutines.
package trace

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/align"
	"github.com/stemmanews/stemma/fingerprint"
	"github.com/stemmanews/stemma/freq"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/lang"
	"github.com/stemmanews/stemma/spin"
	"github.com/stemmanews/stemma/thesaurus"
	"github.com/stemmanews/stemma/tokenize"
	"github.com/stemmanews/stemma/translate"
)

// Options tune tracing. The zero value selects the defaults.
type Options struct {
	// MaxCandidates is the most documents aligned per article, taken in
	// order of shared fingerprints (default 100).
	MaxCandidates int
	// MinHits is the fewest shared fingerprints that make a document a
	// candidate (default 1).
	MinHits int
	// Align tunes the aligner.
	Align align.Options
	// Thesaurus classifies substitutions as synonym swaps or entity
	// renamings; nil means the one for the article's language
	// (thesaurus.ForLanguage: the embedded WordNet table for English, a
	// LibreOffice thesaurus where Debian's mythes-* package for the
	// language is installed), and the WordNet table when there is none.
	Thesaurus *thesaurus.Thesaurus
	// Spin tunes the tells read from the article's own text (package
	// spin), with the index's term counts as the corpus; its Thesaurus
	// defaults to Thesaurus.
	Spin spin.Options
	// Translate tunes the search for English texts that an article in
	// another language translates (see translated.go), and NoTranslation
	// turns it off: the article is traced in its own language only.
	Translate     translate.Options
	NoTranslation bool
	// FromLanguages are the languages (ISO 639-1 codes) whose texts in
	// the index an English article is also looked for translations of:
	// each needs a dictionary (translate.ForLanguage), and the index its
	// cross-language sketches (fingerprint.Options.Cross). None by
	// default: each language's search costs about as much as tracing a
	// translated article does.
	FromLanguages []string
}

// ErrNoCrossSketches says that the index was made without cross-language
// sketches, which Options.FromLanguages needs: made by a stemma older than
// them, or with none asked for.
var ErrNoCrossSketches = errors.New("trace: the index has no cross-language sketches, which finding translations from other languages needs; index its texts again into a new index")

// Defaults.
const (
	DefaultMaxCandidates = 100
	DefaultMinHits       = 1
)

// EnsureDefaults fills zero fields with their defaults.
func (o *Options) EnsureDefaults() {
	if o.MaxCandidates == 0 {
		o.MaxCandidates = DefaultMaxCandidates
	}
	if o.MinHits == 0 {
		o.MinHits = DefaultMinHits
	}
	o.Align.EnsureDefaults()
}

// Validate reports options that cannot work.
func (o *Options) Validate() error {
	if o.MaxCandidates < 1 || o.MinHits < 1 {
		return fmt.Errorf("trace: max candidates and min hits must be at least 1")
	}
	for _, code := range o.FromLanguages {
		if c := lang.Primary(code); c == "en" || c == "" {
			return fmt.Errorf("trace: %q is not a language to look for translations from", code)
		}
	}
	if err := o.Spin.Validate(); err != nil {
		return err
	}
	return o.Align.Validate()
}

// Tracer traces articles against an index.
type Tracer struct {
	ix   *index.Index
	th   *thesaurus.Thesaurus
	spin *spin.Finder
	opts Options
	pool sync.Pool // of *workspace
}

// workspace holds one goroutine's reusable buffers.
type workspace struct {
	tz    tokenize.Tokenizer
	tc    freq.Counter
	al    *align.Aligner
	toks  []tokenize.Token
	ctoks []tokenize.Token
	grams []uint64
	// sketches is scratch space for the article's sentence sketches.
	sketches []fingerprint.Fingerprint
}

// New returns a Tracer over ix.
func New(ix *index.Index, opts Options) (*Tracer, error) {
	opts.EnsureDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if len(opts.FromLanguages) > 0 {
		if ix.Fingerprint().Cross == 0 {
			return nil, ErrNoCrossSketches
		}
		have := translate.Languages()
		var from []string // primary codes, each once
		for _, code := range opts.FromLanguages {
			c := lang.Primary(code)
			if !slices.Contains(have, c) {
				return nil, fmt.Errorf("trace: looking for translations from %q: %w", code, translate.ErrNoDictionary)
			}
			if !slices.Contains(from, c) {
				from = append(from, c)
			}
		}
		opts.FromLanguages = from
	}
	t := &Tracer{ix: ix, opts: opts, th: opts.Thesaurus}
	if t.th == nil {
		t.th = thesaurus.Default()
	}
	if opts.Spin.Thesaurus == nil {
		opts.Spin.Thesaurus = t.th
	}
	var err error
	if t.spin, err = spin.New(opts.Spin); err != nil {
		return nil, err
	}
	t.pool.New = func() any {
		al, _ := align.New(opts.Align) // options validated above
		return &workspace{al: al}
	}
	return t, nil
}

var _ stemma.Tracer = (*Tracer)(nil)

// thesaurusFor returns the thesaurus that classifies the substitutions of
// an article in language code.
func (t *Tracer) thesaurusFor(code string) *thesaurus.Thesaurus {
	if t.opts.Thesaurus != nil {
		return t.opts.Thesaurus
	}
	if code = lang.Primary(code); code == "" || code == "en" {
		return t.th
	}
	if th, err := thesaurus.ForLanguage(code); err == nil {
		return th
	}
	return t.th
}

// TraceID traces the indexed document with the given ID against the rest of
// the index.
func (t *Tracer) TraceID(ctx context.Context, id string) (*stemma.Report, error) {
	d, err := t.ix.DocByID(id)
	if err != nil {
		return nil, err
	}
	return t.Trace(ctx, d)
}

// witness is a Witness with the token ranges it was built from.
type witness struct {
	stemma.Witness
	a0, a1 int // article token range
}

// Trace traces article against the index. A document with the same ID as
// the article is not its own witness.
func (t *Tracer) Trace(ctx context.Context, article stemma.Doc) (*stemma.Report, error) {
	ws := t.pool.Get().(*workspace)
	defer t.pool.Put(ws)
	ws.toks = ws.tz.Tokens(article.Text, ws.toks[:0])
	toks := ws.toks
	rep := &stemma.Report{Article: article, Length: len(article.Text), Words: len(toks), Original: 1}
	rep.Article.Text = ""
	if rep.Article.Lang == "" {
		rep.Article.Lang = lang.Detect(article.Text, toks)
		article.Lang = rep.Article.Lang // for thesaurusFor
	}
	if len(toks) == 0 {
		return t.textSpin(finish(rep, article.Text, nil, toks), article.Text, nil)
	}
	// Every n-gram of the article is looked up, not only its winnowed
	// ones: the index side is winnowed, so a run of N+W-1 shared words is
	// found either way, but a shorter surviving run (in a spun copy, say)
	// is found whenever the index kept its gram.
	fp := t.ix.Fingerprint()
	ws.grams = fp.Query(article.Lang, toks, ws.grams[:0])
	lk, err := t.ix.Candidates(ws.grams)
	if err != nil {
		return nil, fmt.Errorf("trace: looking up candidates: %w", err)
	}
	if t.opts.Align.Paraphrase && fp.Sketch > 0 {
		// Sentence sketches find a reworded copy that shares no run of
		// words with its source.
		ws.sketches = fingerprint.Sketches(article.Text, toks, fp.Sketch, ws.sketches[:0])
		ws.grams = ws.grams[:0]
		for _, s := range ws.sketches {
			ws.grams = append(ws.grams, s.Hash)
		}
		sk, err := t.ix.Candidates(ws.grams)
		if err != nil {
			return nil, fmt.Errorf("trace: looking up candidates: %w", err)
		}
		lk.Candidates = addSketchCandidates(lk.Candidates, sk.Candidates, len(ws.sketches))
	}
	// The candidates are read and aligned on several goroutines, a chunk
	// at a time (compare); their results are taken in order, as one loop
	// would, so the report does not depend on which finished first.
	var cands []index.Candidate
	for _, c := range lk.Candidates {
		if c.Hits < t.opts.MinHits {
			break
		}
		cands = append(cands, c)
	}
	var ws2 []witness
	// The terms of the article itself, if the index holds it, and of
	// every document that witnesses it: the source-free tells ask how
	// the rest of the corpus writes (textSpin).
	var own []freq.Terms
	// The texts of the witnesses, by document id, for the quote check: a
	// witness is read from the index once a trace.
	texts := map[string]string{}
	for len(cands) > 0 && rep.Candidates < t.opts.MaxCandidates {
		// One more than are still wanted: the article itself, found
		// among its candidates, does not count.
		chunk := cands[:min(len(cands), t.opts.MaxCandidates-rep.Candidates+1)]
		cands = cands[len(chunk):]
		res, err := t.compare(ctx, &article, toks, chunk)
		if err != nil {
			return nil, err
		}
		for _, r := range res {
			if rep.Candidates >= t.opts.MaxCandidates {
				break
			}
			if r.missing {
				continue
			}
			if r.counted {
				rep.Candidates++
			}
			if r.own != nil {
				own = append(own, *r.own)
			}
			for _, w := range r.witnesses {
				texts[w.Doc.ID] = r.text
			}
			ws2 = append(ws2, r.witnesses...)
		}
	}
	tr, err := t.translated(ctx, &article, toks, ws2)
	if err != nil {
		return nil, err
	}
	rep = finish(rep, article.Text, append(ws2, tr...), toks)
	// The text's spin tells (rep.Spin) and the quote check (rep.Quotes)
	// read the passages and write fields of their own: they run side by
	// side.
	var spinErr error
	var wg sync.WaitGroup
	wg.Go(func() { _, spinErr = t.textSpin(rep, article.Text, own) })
	err = t.quotes(rep, article.Text, texts)
	wg.Wait()
	if err = errors.Join(spinErr, err); err != nil {
		return nil, err
	}
	return rep, nil
}

// compared is what comparing the article with one candidate found.
type compared struct {
	missing   bool        // the document is gone from the index
	counted   bool        // it counts against Options.MaxCandidates
	own       *freq.Terms // its terms, to take out of the corpus's
	text      string      // the candidate's text, when it has witnesses
	witnesses []witness
}

// compare reads and aligns the article with each candidate, on up to
// GOMAXPROCS goroutines, and returns what each found, in the candidates'
// order. A trace's latency is mostly this work (reading a candidate,
// tokenising and aligning it, classifying its edits), and each
// candidate's is independent of the others'.
func (t *Tracer) compare(ctx context.Context, article *stemma.Doc, toks []tokenize.Token, cands []index.Candidate) ([]compared, error) {
	res := make([]compared, len(cands))
	errs := make([]error, len(cands))
	var next atomic.Int64
	work := func() {
		ws := t.pool.Get().(*workspace)
		defer t.pool.Put(ws)
		for {
			i := int(next.Add(1)) - 1
			if i >= len(cands) || ctx.Err() != nil {
				return
			}
			res[i], errs[i] = t.compareOne(ws, article, toks, cands[i])
			if errs[i] != nil {
				return
			}
		}
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(cands)) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return res, nil
}

// compareOne reads one candidate and aligns the article with it, with the
// buffers of ws.
func (t *Tracer) compareOne(ws *workspace, article *stemma.Doc, toks []tokenize.Token, c index.Candidate) (compared, error) {
	var r compared
	src, err := t.ix.Doc(c.Num)
	if errors.Is(err, index.ErrNotFound) {
		r.missing = true
		return r, nil
	}
	if err != nil {
		return r, fmt.Errorf("trace: %w", err)
	}
	// Exact duplicates of the candidate (index/dedup.go) carry the same
	// text, so they witness the same spans: one alignment serves all.
	// The article itself is never its own witness, but its duplicates
	// are.
	dups, err := t.ix.Duplicates(c.Num)
	if err != nil {
		return r, fmt.Errorf("trace: %w", err)
	}
	self := article.ID != "" && src.ID == article.ID
	ws.ctoks = ws.tz.Tokens(src.Text, ws.ctoks[:0])
	if self && len(dups) == 0 {
		r.own = new(ws.tc.Terms(src.Text, ws.ctoks))
		return r, nil
	}
	r.counted = true
	ws.al.SetLanguage(article.Lang)
	alns := ws.al.Align(article.Text, toks, src.Text, ws.ctoks)
	if self || len(alns) > 0 {
		r.own = new(ws.tc.Terms(src.Text, ws.ctoks))
	}
	if len(alns) == 0 {
		return r, nil
	}
	r.text = src.Text
	var docs []stemma.Doc // the documents that witness the article
	if !self {
		docs = append(docs, src)
	}
	for _, dup := range dups {
		if article.ID == "" || dup.ID != article.ID {
			dup.Text = src.Text
			docs = append(docs, dup)
		}
	}
	for _, aln := range alns {
		for i := range docs {
			r.witnesses = append(r.witnesses, makeWitness(t.thesaurusFor(article.Lang), article, &docs[i], toks, ws.ctoks, aln))
		}
	}
	return r, nil
}

// textSpin reads the article's own text for the tells of spinning (package
// spin), against the index's term counts less those of the texts in own,
// and sets the spin verdict from both readings. An article known to be in
// another language than English has no tells read.
func (t *Tracer) textSpin(rep *stemma.Report, text string, own []freq.Terms) (*stemma.Report, error) {
	// The tells read English: its articles, its name forms, WordNet's
	// synonyms. In a Spanish or Italian article "a" is a preposition
	// ("a ejercicios"), not an article that should have been "an".
	if l := lang.Primary(rep.Article.Lang); l != "" && l != "en" {
		o := t.spin.Options()
		rep.Spin.Text = stemma.TextSpin{Threshold: o.Threshold, MinTells: o.MinTells,
			Explanation: fmt.Sprintf("The text's own tells are read in English only, and the article is in %s.", lang.Name(l))}
		rep.Spin.Spun = rep.Spin.SwapsSpun
		return rep, nil
	}
	ts, err := t.spin.Find(text, freq.Without(t.ix, own...))
	if err != nil {
		return nil, fmt.Errorf("trace: %w", err)
	}
	rep.Spin.Text = ts
	rep.Spin.Spun = rep.Spin.SwapsSpun || ts.Spun
	return rep, nil
}

// minSketchHits is the fewest sentence sketches a document must share with
// an article of several sentences to be a candidate through sketches
// alone: one shared pair of words is often chance (two stories that both
// name a company and a month), two are rarely.
const minSketchHits = 2

// addSketchCandidates adds to the candidates found by word grams those
// that sketches find, with at least minSketchHits sketch hits (one, for an
// article of a single sentence's sketches), ranked by all their hits.
func addSketchCandidates(grams, sketches []index.Candidate, nSketches int) []index.Candidate {
	need := minSketchHits
	if nSketches <= 3 {
		need = 1
	}
	at := make(map[uint32]int, len(grams))
	for i, c := range grams {
		at[c.Num] = i
	}
	for _, c := range sketches {
		if i, ok := at[c.Num]; ok {
			grams[i].Hits += c.Hits
			continue
		}
		if c.Hits >= need {
			grams = append(grams, c)
		}
	}
	slices.SortFunc(grams, func(x, y index.Candidate) int { return cmp.Or(cmp.Compare(y.Hits, x.Hits), cmp.Compare(x.Num, y.Num)) })
	return grams
}

// span converts the token range [t0, t1) to a byte span; an empty range
// becomes an empty span at the start of token t0 (or the end of the text's
// last token).
func span(toks []tokenize.Token, t0, t1 int) stemma.Span {
	if t1 > t0 {
		return stemma.Span{Start: int(toks[t0].Start), End: int(toks[t1-1].End)}
	}
	if t0 < len(toks) {
		p := int(toks[t0].Start)
		return stemma.Span{Start: p, End: p}
	}
	p := int(toks[len(toks)-1].End)
	return stemma.Span{Start: p, End: p}
}

// wordSwaps returns the number of words of a substitution of several words
// by as many, which makeWitness may report word by word, or 0.
func wordSwaps(op align.Op) int {
	if n := op.A1 - op.A0; op.Kind == stemma.Substitute && n > 1 && n == op.B1-op.B0 {
		return n
	}
	return 0
}

func makeWitness(th *thesaurus.Thesaurus, article, src *stemma.Doc, a, b []tokenize.Token, aln align.Alignment) witness {
	w := witness{a0: aln.A0, a1: aln.A1}
	w.Doc = *src
	w.Doc.Text = ""
	w.Article = span(a, aln.A0, aln.A1)
	w.Source = span(b, aln.B0, aln.B1)
	w.Similarity = aln.Similarity()
	w.Class = stemma.ClassOf(w.Similarity, aln.Identical())
	w.Confidence = aln.Confidence()
	if aln.Paraphrase && w.Class == stemma.Partial {
		w.Class = stemma.Paraphrase
		if aln.Summary() {
			w.Class = stemma.Summary
		}
	}
	w.Later = stemma.ComparePublished(src, article) > 0
	// Room for every edit, a substitution that may be split counted as
	// one edit a word.
	n := 0
	for _, op := range aln.Ops {
		n += max(1, wordSwaps(op))
	}
	w.Edits = make([]stemma.Edit, 0, n)
	edit := func(op align.Op) stemma.Edit {
		e := stemma.Edit{Kind: op.Kind, Article: span(a, op.A0, op.A1), Source: span(b, op.B0, op.B1)}
		// An edit at the passage's end that is empty on one side (a
		// sentence swapped with its neighbour) sits at that side's end.
		if op.A0 == op.A1 && op.A0 == aln.A1 {
			e.Article = stemma.Span{Start: w.Article.End, End: w.Article.End}
		}
		if op.B0 == op.B1 && op.B0 == aln.B1 {
			e.Source = stemma.Span{Start: w.Source.End, End: w.Source.End}
		}
		if op.Kind != stemma.Match {
			e.ArticleText = article.Text[e.Article.Start:e.Article.End]
			e.SourceText = src.Text[e.Source.Start:e.Source.End]
		}
		if op.Kind == stemma.Substitute {
			e.Change = classify(th, e.SourceText, e.ArticleText)
		}
		return e
	}
	for _, op := range aln.Ops {
		e := edit(op)
		// Several words replaced by as many: unless the phrases are
		// variants or synonyms as a whole, report each word's swap.
		if n := wordSwaps(op); e.Change == stemma.OtherChange && n > 0 {
			for k := range n {
				w.Edits = append(w.Edits, edit(align.Op{Kind: stemma.Substitute, A0: op.A0 + k, A1: op.A0 + k + 1, B0: op.B0 + k, B1: op.B0 + k + 1}))
			}
			continue
		}
		w.Edits = append(w.Edits, e)
	}
	spinClass(&w.Witness)
	return w
}
