// Package synth makes labelled copies of real news articles, for testing
// and measuring how well stemma traces text to its sources. From a corpus
// of source documents (such as Reuters-21578) a [Generator] derives the
// kinds of reuse that content farms produce:
//
//   - [Generator.Reprint]: a source verbatim between an outlet's header and
//     footer boilerplate;
//   - [Generator.Excerpt]: a contiguous run of 2 to 5 of its sentences;
//   - [Generator.Reorder]: its sentences with about 20% dropped and some
//     moved;
//   - [Generator.Stitch]: 1 to 3 consecutive sentences from each of 2 to 6
//     sources, interleaved, sometimes with an original filler sentence;
//   - [Generator.Spin]: any copy with content words swapped for WordNet
//     synonyms and entity names for their variants ("Russia" → "Russian
//     Federation"), grammar left unfixed ("an worldwide" stays);
//   - [Generator.Paraphrase]: any copy with a share of its sentences
//     reworded as a human rewriter or a content farm's rewriting tool
//     rewords them: attributions and phrases moved or dropped, long
//     sentences split and short ones merged, connectives, units and
//     numbers written otherwise, contractions, adjectives dropped, hedges
//     added, and half the content words swapped for synonyms; names and
//     numbers survive;
//   - [Generator.OCR]: any copy with character noise (rn↔m, l↔1, O↔0,
//     dropped and doubled letters).
//
// Every [Copy] carries its ground truth: which bytes of the copy came from
// which bytes of which source ([Segment]), each sentence's origin
// ([SentenceTruth]), every spin swap and OCR edit ([Substitution]), every
// reworded sentence ([Rewording]). All offsets are exact byte offsets into
// the copy's text and the source's original text, so a test can slice both
// and compare.
//
// The copy's sentences are whitespace-normalised (the newlines and
// indentation inside Reuters sentences become single spaces) while Source
// spans point at the original bytes: normalising the whitespace of
// source.Text[seg.Source] gives the copy's text at seg.Copy, once the
// substitutions, noise and rewordings inside it are reverted (a rewording
// reverts to its source span's text). The property tests assert this over
// thousands of copies of every kind.
//
// Output is deterministic: the same sources, options and calls give the
// same copies, whatever the order of the calls (each copy draws from its
// own PCG stream, keyed by [Options.Seed], its kind and its number). A
// Generator is safe for concurrent use. A copy costs microseconds to
// build; a spin or a paraphrase costs a few thesaurus lookups per word.
package synth

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/sentences"
	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/thesaurus"
)

// Segment is one span of a copy and where it came from.
type Segment struct {
	// Copy is the span of the copy's text.
	Copy stemma.Span `json:"copy"`
	// SourceID is the ID of the source document, or "" for text that comes
	// from no source: boilerplate and original filler.
	SourceID string `json:"source_id,omitempty"`
	// Source is the span of the source's original text; zero if SourceID
	// is "".
	Source stemma.Span `json:"source"`
}

// Substitution kinds.
const (
	// SubSynonym: a word swapped for a WordNet synonym.
	SubSynonym = "synonym"
	// SubEntity: a name swapped for a variant of the same entity.
	SubEntity = "entity"
	// SubOCR: character noise (in [Copy.Noise] only).
	SubOCR = "ocr"
)

// Substitution is one change the generator made to text that was already in
// the copy: a spin swap ([Copy.Substitutions]) or an OCR edit ([Copy.Noise]).
type Substitution struct {
	// Copy is the span of To in the copy's text.
	Copy stemma.Span `json:"copy"`
	// SourceID and Source locate From in the source's original text. Both
	// are zero for OCR noise in boilerplate.
	SourceID string      `json:"source_id,omitempty"`
	Source   stemma.Span `json:"source"`
	// From is the original text (for a spin swap, the source's bytes,
	// which may hold a newline between words) and To its replacement.
	From string `json:"from"`
	To   string `json:"to"`
	// Kind is [SubSynonym], [SubEntity] or [SubOCR].
	Kind string `json:"kind"`
}

// SentenceTruth is one sentence of a copy and its origin.
type SentenceTruth struct {
	Copy stemma.Span `json:"copy"`
	// SourceID is "" for boilerplate and filler; then Source is zero.
	SourceID string      `json:"source_id,omitempty"`
	Source   stemma.Span `json:"source"`
}

// Copy is a generated article with its ground truth.
type Copy struct {
	// Doc is the article: its ID is "synth-KIND-N", its Source "synth" and
	// its Date later than every dated source it draws on.
	Doc stemma.Doc `json:"doc"`
	// Kind is reprint, excerpt, reorder or stitched, followed by "+spun",
	// "+paraphrased" and "+ocr" for each [Generator.Spin],
	// [Generator.Paraphrase] and [Generator.OCR] applied.
	Kind string `json:"kind"`
	// Segments cover, in copy order, every byte of the copy except the
	// whitespace between sentences.
	Segments []Segment `json:"segments"`
	// Substitutions are the spin swaps, in copy order.
	Substitutions []Substitution `json:"substitutions,omitempty"`
	// Noise are the OCR edits, in copy order. None overlaps a substitution.
	Noise []Substitution `json:"noise,omitempty"`
	// Rewordings are the sentences [Generator.Paraphrase] rewrote, in copy
	// order. None overlaps a substitution or noise.
	Rewordings []Rewording `json:"rewordings,omitempty"`
	// Sentences are every sentence of the copy, in copy order.
	Sentences []SentenceTruth `json:"sentences"`
	// SpinCandidates is the number of places the last [Generator.Spin]
	// could have swapped: the denominator of its achieved rate,
	// len(swaps it made) / SpinCandidates.
	SpinCandidates int `json:"spin_candidates,omitempty"`
}

// Default rates for [Generator.Make], when [Options] leaves them zero.
const (
	DefaultSpinRate       = 0.2
	DefaultOCRRate        = 0.02
	DefaultParaphraseRate = 0.5
)

// ErrOptions classifies the errors of [Options.Validate].
var ErrOptions = errors.New("synth: invalid options")

// ErrNoSources is returned by [New] when no source has a sentence.
var ErrNoSources = errors.New("synth: no source document has any text")

// ErrKind is returned by [Generator.Make] for an unknown kind.
var ErrKind = errors.New("synth: unknown kind")

// Options configures a [Generator]. The zero value is ready to use.
type Options struct {
	// Seed selects the output; the same seed gives the same copies.
	Seed uint64
	// SpinRate is the share of spin candidates [Generator.Make] swaps for
	// kinds with "spun"; zero means [DefaultSpinRate].
	SpinRate float64
	// OCRRate is the share of letters and digits [Generator.Make] garbles
	// for kinds with "ocr"; zero means [DefaultOCRRate].
	OCRRate float64
	// ParaphraseRate is the share of sentences [Generator.Make] rewords
	// for kinds with "paraphrased"; zero means [DefaultParaphraseRate].
	ParaphraseRate float64
	// Thesaurus supplies synonyms and entity variants; nil means
	// [thesaurus.Default]. For sources in another language, pass its
	// thesaurus ([thesaurus.ForLanguage]) and set Lang.
	Thesaurus *thesaurus.Thesaurus
	// Lang is the sources' language (ISO 639-1); "" means English. Spin
	// leaves its function words alone.
	Lang string
}

// Validate reports whether the options make sense. Every error it returns
// wraps [ErrOptions].
func (o *Options) Validate() error {
	for _, r := range []struct {
		name string
		v    float64
	}{{"SpinRate", o.SpinRate}, {"OCRRate", o.OCRRate}, {"ParaphraseRate", o.ParaphraseRate}} {
		if math.IsNaN(r.v) || r.v < 0 || r.v > 1 {
			return fmt.Errorf("%w: %s is %v, must be in [0, 1]", ErrOptions, r.name, r.v)
		}
	}
	return nil
}

// EnsureDefaults fills in the defaults of zero fields and returns o.
func (o *Options) EnsureDefaults() *Options {
	if o.SpinRate == 0 {
		o.SpinRate = DefaultSpinRate
	}
	if o.OCRRate == 0 {
		o.OCRRate = DefaultOCRRate
	}
	if o.ParaphraseRate == 0 {
		o.ParaphraseRate = DefaultParaphraseRate
	}
	if o.Thesaurus == nil {
		o.Thesaurus = thesaurus.Default()
	}
	return o
}

// Generator derives labelled copies from a set of source documents.
type Generator struct {
	sources []stemma.Doc
	byID    map[string]int
	usable  []int // sources with at least one sentence
	opts    Options
	th      *thesaurus.Thesaurus
	names   map[string][]nameForm // entity matcher: lowercased first letter run → forms, longest first

	vocabOnce sync.Once
	vocab     map[string]int // lowercased word → occurrences in the sources
	lowered   map[string]int // lowercased word → occurrences in lower case, not opening a sentence
	capital   map[string]int // lowercased word → occurrences capitalised, not opening a sentence
}

// New returns a Generator over sources, which it keeps (not copies): the
// caller must not change them. Source IDs should be unique; with
// duplicates, the first is the one segments refer to.
func New(sources []stemma.Doc, opts Options) (*Generator, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts.EnsureDefaults()
	g := &Generator{sources: sources, byID: make(map[string]int, len(sources)), opts: opts, th: opts.Thesaurus}
	for i, d := range sources {
		if _, dup := g.byID[d.ID]; !dup {
			g.byID[d.ID] = i
		}
		if hasSentence(d.Text) {
			g.usable = append(g.usable, i)
		}
	}
	if len(g.usable) == 0 {
		return nil, ErrNoSources
	}
	g.names = entityMatcher(g.th)
	return g, nil
}

// Len returns the number of sources.
func (g *Generator) Len() int { return len(g.sources) }

// Make returns copy number n of a kind: "reprint", "excerpt", "reorder" or
// "stitched", optionally followed by steps "+spun", "+paraphrased" and
// "+ocr" (at the rates of [Options]), applied in the order written; "spun"
// alone means "reprint+spun", and so on.
// For the single-source kinds, n picks source n modulo [Generator.Len].
// An unknown kind is an error wrapping [ErrKind] (see [CheckKind]).
func (g *Generator) Make(kind string, n int) (Copy, error) {
	base, steps, err := parseKind(kind)
	if err != nil {
		return Copy{}, err
	}
	var c Copy
	switch base {
	case "reprint":
		c = g.Reprint(n)
	case "excerpt":
		c = g.Excerpt(n)
	case "reorder":
		c = g.Reorder(n)
	case "stitched":
		c = g.Stitch(n)
	}
	for _, s := range steps {
		switch s {
		case "spun":
			c = g.Spin(c, g.opts.SpinRate)
		case "paraphrased":
			c = g.Paraphrase(c, g.opts.ParaphraseRate)
		case "ocr":
			c = g.OCR(c, g.opts.OCRRate)
		}
	}
	return c, nil
}

// CheckKind reports whether [Generator.Make] knows kind.
func CheckKind(kind string) error {
	_, _, err := parseKind(kind)
	return err
}

func parseKind(kind string) (base string, steps []string, err error) {
	parts := strings.Split(kind, "+")
	base = parts[0]
	switch base {
	case "reprint", "excerpt", "reorder", "stitched":
		parts = parts[1:]
	case "spun", "paraphrased", "ocr":
		base = "reprint"
	default:
		return "", nil, fmt.Errorf("%w %q (want reprint, excerpt, reorder or stitched, then +spun, +paraphrased or +ocr)", ErrKind, kind)
	}
	for _, p := range parts {
		if p != "spun" && p != "paraphrased" && p != "ocr" {
			return "", nil, fmt.Errorf("%w %q: unknown step %q (want spun, paraphrased or ocr)", ErrKind, kind, p)
		}
	}
	return base, parts, nil
}

// rng returns the random stream of one copy or one step.
func (g *Generator) rng(what string, n int, extra ...string) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%d", what, n)
	for _, e := range extra {
		fmt.Fprintf(h, "\x00%s", e)
	}
	return rand.New(rand.NewPCG(g.opts.Seed, h.Sum64()))
}

// sentenceSpans returns the spans of text's sentences, trimmed of
// whitespace, leaving out those with no letter or digit. The sentences are
// found by UAX #29 in the text with its whitespace normalised, since UAX
// #29 ends a sentence at every line break and Reuters breaks lines inside
// sentences; the spans point at the original bytes.
func sentenceSpans(text string) []stemma.Span {
	norm := make([]byte, 0, len(text))
	orig := make([]int, 0, len(text)) // norm offset → text offset
	space := false
	for p, r := range text {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && len(norm) > 0 {
			norm = append(norm, ' ')
			orig = append(orig, p-1)
		}
		space = false
		n := utf8.RuneLen(r)
		if r == utf8.RuneError {
			_, n = utf8.DecodeRuneInString(text[p:])
		}
		for i := range n {
			norm = append(norm, text[p+i])
			orig = append(orig, p+i)
		}
	}
	var out []stemma.Span
	it := sentences.FromBytes(norm)
	for it.Next() {
		s, e := it.Start(), it.End()
		for s < e && norm[s] == ' ' {
			s++
		}
		for e > s && norm[e-1] == ' ' {
			e--
		}
		span := stemma.Span{Start: orig[s], End: orig[e-1] + 1}
		if s < e && strings.IndexFunc(text[span.Start:span.End], isWordRune) >= 0 {
			out = append(out, span)
		}
	}
	return mergeFragments(text, out)
}

// minSentenceWords is the fewest words of a sentence: UAX #29 also ends a
// "sentence" after abbreviations ("Sen. Lloyd Bentsen") and leaves the wire's
// "REUTER" sign-off alone, and such fragments are joined to their neighbour.
const minSentenceWords = 3

func mergeFragments(text string, spans []stemma.Span) []stemma.Span {
	var out []stemma.Span
	for i := 0; i < len(spans); i++ {
		sp := spans[i]
		for len(strings.Fields(text[sp.Start:sp.End])) < minSentenceWords && i+1 < len(spans) {
			i++
			sp.End = spans[i].End
		}
		if len(strings.Fields(text[sp.Start:sp.End])) < minSentenceWords && len(out) > 0 {
			out[len(out)-1].End = sp.End
			continue
		}
		out = append(out, sp)
	}
	return out
}

func hasSentence(text string) bool { return strings.IndexFunc(text, isWordRune) >= 0 }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// NormalizeSpace turns every run of whitespace in s into one space and
// trims the ends: how a copy holds a source's text.
func NormalizeSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// later returns a date 1 to 72 hours after the latest dated source, or the
// zero time if none is dated.
func later(rng *rand.Rand, docs ...stemma.Doc) time.Time {
	var last time.Time
	for _, d := range docs {
		if d.Date.After(last) {
			last = d.Date
		}
	}
	if last.IsZero() {
		return last
	}
	return last.Add(time.Duration(1+rng.IntN(72)) * time.Hour)
}
