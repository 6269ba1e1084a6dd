package cluster

import (
	"cmp"
	"slices"

	"github.com/zeebo/xxh3"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/fingerprint"
	"github.com/stemmanews/stemma/lang"
	"github.com/stemmanews/stemma/tokenize"
)

// TextID identifies a distinct text: the xxh3 hash of its bytes. Documents
// with byte-identical texts (exact duplicates) are one text; their
// documents are all listed wherever the text is.
type TextID uint64

// IDOf returns the identity of a text.
func IDOf(text string) TextID { return TextID(xxh3.HashString(text)) }

// Text is one distinct text of the corpus and the documents that carry it.
type Text struct {
	ID   TextID
	Text string
	// Docs are the documents whose text this is, metadata only (Text
	// empty), sorted by ID.
	Docs []stemma.Doc
}

// SortDocs sorts t.Docs by ID, as every function here expects.
func (t *Text) SortDocs() {
	slices.SortFunc(t.Docs, func(a, b stemma.Doc) int { return cmp.Compare(a.ID, b.ID) })
}

// Info returns what linking needs to know of the text.
func (t *Text) Info(words int) TextInfo {
	info := TextInfo{Words: int32(words), Docs: int32(len(t.Docs))}
	for i, d := range t.Docs {
		s := sourceHash(d.Source)
		if i == 0 {
			info.Source = s
		} else if s != info.Source {
			info.Source = 0
		}
	}
	return info
}

// TextInfo is what linking needs to know of a text: its length, its number
// of documents and its outlet.
type TextInfo struct {
	Words int32
	Docs  int32
	// Source is a hash of the outlet (Doc.Source) all the text's documents
	// share, or 0 when they name several, or none.
	Source uint64
}

// sourceHash returns the hash of an outlet name, 0 for "" (unknown).
func sourceHash(s string) uint64 {
	if s == "" {
		return 0
	}
	return xxh3.HashString(s) | 1
}

// Prepared is a text tokenised and fingerprinted for the candidate search
// and alignment.
type Prepared struct {
	ID     TextID
	Text   string
	Tokens []tokenize.Token
	// Lang is the text's language as lang.Detect tells it, when
	// paraphrase alignment is on: it stems the words of a pair in the
	// language of the pair's first text (align.Aligner.SetLanguage), as
	// trace does in the article's.
	Lang string
	// Postings are the distinct winnowed fingerprint hashes (what an index
	// stores) and Grams the distinct hashes of every n-gram (what a query
	// looks up), both sorted. Postings is a subset of Grams.
	Postings []uint64
	Grams    []uint64
}

// Preparer tokenises and fingerprints texts. It reuses buffers and is not
// safe for concurrent use.
type Preparer struct {
	fp fingerprint.Options
	// sketch is the size of the sentence sketches added to the postings
	// and grams, 0 for none.
	sketch int
	// para: paraphrase alignment is on, and a text's language is told.
	para bool
	tz   tokenize.Tokenizer
	toks []tokenize.Token
	fps  []fingerprint.Fingerprint
	buf  []uint64
}

// NewPreparer returns a Preparer for the options' fingerprints (defaults
// filled in). When opts.Align.Paraphrase is set, a text's sentence
// sketches (fingerprint.Sketches) are among both its postings and its
// grams, as trace looks them up, so that two texts that share reworded
// sentences but no run of words become candidates.
func NewPreparer(opts *Options) *Preparer {
	fp := opts.Fingerprint
	fp.EnsureDefaults()
	p := &Preparer{fp: fp}
	if opts.Align.Paraphrase {
		p.sketch, p.para = fp.Sketch, true
	}
	return p
}

// Aligned tokenises a text for alignment alone, without its fingerprints.
func (p *Preparer) Aligned(id TextID, text string) *Prepared {
	// Tokenised into a buffer, then copied at their length: the slice is
	// allocated once, and the text cache pays for no spare capacity.
	p.toks = p.tz.Tokens(text, p.toks[:0])
	pr := &Prepared{ID: id, Text: text, Tokens: slices.Clone(p.toks)}
	if p.para {
		pr.Lang = lang.Detect(text, pr.Tokens)
	}
	return pr
}

// Prepare tokenises and fingerprints a text.
func (p *Preparer) Prepare(id TextID, text string) Prepared {
	pr := *p.Aligned(id, text)
	toks := pr.Tokens
	p.fps, p.buf = p.fp.Text("", toks, p.fps[:0], p.buf) // no language: English stopword grams
	grams := p.fp.Query("", toks, nil)
	if p.sketch > 0 {
		// Sketches are not winnowed: every one is a posting and a gram.
		n := len(p.fps)
		p.fps = fingerprint.Sketches(text, toks, p.sketch, p.fps)
		for _, f := range p.fps[n:] {
			grams = append(grams, f.Hash)
		}
	}
	post := make([]uint64, len(p.fps))
	for i, f := range p.fps {
		post[i] = f.Hash
	}
	slices.Sort(post)
	pr.Postings = slices.Compact(post)
	slices.Sort(grams)
	pr.Grams = slices.Compact(grams)
	return pr
}

// Hit is a candidate text and the number of fingerprints a text's grams
// share with its postings.
type Hit struct {
	Text TextID
	Hits int32
}

// Candidates applies the candidate rule to the hits of one text: those with
// at least MinHits shared fingerprints, the most first (ties by TextID),
// at most MaxCandidates of them. hits is sorted and cut in place.
//
// Only texts with a larger TextID than the querying text are passed in, so
// that each pair is aligned once, oriented the same way by every runner.
func Candidates(hits []Hit, opts *Options) []Hit {
	hits = slices.DeleteFunc(hits, func(h Hit) bool { return int(h.Hits) < opts.MinHits })
	slices.SortFunc(hits, func(a, b Hit) int {
		if a.Hits != b.Hits {
			return cmp.Compare(b.Hits, a.Hits)
		}
		return cmp.Compare(a.Text, b.Text)
	})
	if len(hits) > opts.MaxCandidates {
		hits = hits[:opts.MaxCandidates]
	}
	return hits
}
