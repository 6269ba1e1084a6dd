// Package stemma holds the vocabulary every other stemma package speaks:
// a [Doc] (one news article), a [Span] of bytes in it, and the [Report] that
// tracing an article produces, made of [Passage] values each carried by one
// or more [Witness] documents.
//
// The types are defined here once. The packages that build them are:
//
//   - ingest: reads JSONL, text files and directories into [Doc] values;
//   - tokenize: UAX #29 words with byte offsets and normalised term hashes;
//   - fingerprint: winnowed word n-gram hashes;
//   - index: the Pebble store of documents and fingerprint postings;
//   - align: seed-and-extend alignment of two token sequences;
//   - trace: turns an article into a [Report] against an index.
//
// Every span is a half-open range of byte offsets into the original text of
// the document it belongs to, so a user can slice text[Start:End] and get
// exactly the reported words.
package stemma

import (
	"context"
	"time"
)

// Doc is one news article.
type Doc struct {
	// ID is unique within an index. Re-ingesting a document with the same ID
	// is a no-op.
	ID string `json:"id"`
	// Source is the outlet that published the document (passim's "series").
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
	Title  string `json:"title,omitempty"`
	// Date is the publication time. The zero value means undated: stemma
	// never invents a date.
	Date time.Time `json:"date,omitzero"`
	// DayOnly is set when the date gives only the day ("1987-03-19"):
	// Date is then midnight UTC of that day, and the document appeared at
	// some time during it (see [ComparePublished]).
	DayOnly bool   `json:"day_only,omitempty"`
	Text    string `json:"text,omitempty"`
	// Author is the byline, and Lang the language as a BCP 47 tag ("en",
	// "pt-BR"), when the input says so (HTML metadata, feeds); both are
	// optional.
	Author string `json:"author,omitempty"`
	Lang   string `json:"lang,omitempty"`
}

// Dated reports whether the document has a publication date.
func (d *Doc) Dated() bool { return !d.Date.IsZero() }

// Span is a half-open range [Start, End) of byte offsets into a text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Overlap returns the number of bytes s and o have in common.
func (s Span) Overlap(o Span) int {
	lo, hi := max(s.Start, o.Start), min(s.End, o.End)
	return max(0, hi-lo)
}

// JoinParagraphs returns the text of paragraphs as a Doc's Text holds
// them, a blank line between two, and each paragraph's span in it.
func JoinParagraphs(paras []string) (string, []Span) {
	n := 2 * max(len(paras)-1, 0)
	for _, p := range paras {
		n += len(p)
	}
	b := make([]byte, 0, n)
	spans := make([]Span, len(paras))
	for i, p := range paras {
		if i > 0 {
			b = append(b, "\n\n"...)
		}
		spans[i] = Span{Start: len(b), End: len(b) + len(p)}
		b = append(b, p...)
	}
	return string(b), spans
}

// EditKind names one step of an edit script that turns a witness's text
// into the article's text.
type EditKind string

const (
	// Match: the same words on both sides (after normalisation).
	Match EditKind = "match"
	// Substitute: words of the source replaced by other words in the article.
	Substitute EditKind = "substitute"
	// Insert: words in the article that the source does not have.
	Insert EditKind = "insert"
	// Delete: words of the source that the article left out.
	Delete EditKind = "delete"
)

// Edit is one step of an edit script. Article and Source are spans in the
// traced article and the witness; an Insert has an empty Source span at the
// point of insertion and a Delete an empty Article span.
type Edit struct {
	Kind    EditKind `json:"kind"`
	Article Span     `json:"article"`
	Source  Span     `json:"source"`
	// ArticleText and SourceText repeat the words the spans cover, for
	// changed steps only, so a reader of the JSON sees the change at once.
	ArticleText string `json:"article_text,omitempty"`
	SourceText  string `json:"source_text,omitempty"`
	// Change classifies a substitution; it is empty for other steps.
	Change Change `json:"change,omitempty"`
}

// Change says what kind of substitution an edit is: the evidence of spin.
type Change string

const (
	// Synonym: the two words share a WordNet synset ("international" →
	// "worldwide"), the swap a thesaurus-driven spinner makes.
	Synonym Change = "synonym"
	// Entity: two names of one entity ("Russia" → "Russian Federation",
	// "U.S." → "United States").
	Entity Change = "entity"
	// Spelling: a spelling variant or typo fix ("colour" → "color").
	Spelling Change = "spelling"
	// OtherChange: any other replacement (a new figure, a reworded phrase).
	OtherChange Change = "other"
)

// Class says how faithfully a passage reproduces its witness.
type Class string

const (
	// Verbatim: every word is the same after normalisation.
	Verbatim Class = "verbatim"
	// NearVerbatim: at least [NearVerbatimSimilarity] of the words match.
	NearVerbatim Class = "near-verbatim"
	// Partial: a reworked or heavily edited copy.
	Partial Class = "partial"
	// Spun: a copy whose changes are mostly synonym swaps and entity
	// renamings (see [SpinEvidence]).
	Spun Class = "spun"
	// Paraphrase: the same sentences said with other words, or in another
	// order, found by sentence alignment; Witness.Confidence says how
	// likely such a passage is reuse.
	Paraphrase Class = "paraphrase"
	// Summary: a paraphrase that condenses a longer stretch of the
	// witness, each of its sentences drawing on another part of it, as a
	// news brief condenses a wire story; found by sentence alignment,
	// with a confidence, as a paraphrase is.
	Summary Class = "summary"
	// Translated: the article's sentences translate the witness's (in
	// the witness's language, Witness.Doc.Lang), found by a bilingual
	// dictionary and the words translation keeps (package translate);
	// Similarity is the share of the two sides' content words that meet.
	Translated Class = "translated"
)

// Reworded reports whether sentence alignment finds passages of the class
// (Paraphrase, Summary): the article says the witness's sentences with
// other words, and Witness.Confidence says how likely that is reuse.
func (c Class) Reworded() bool { return c == Paraphrase || c == Summary }

// NearVerbatimSimilarity is the lowest similarity of a near-verbatim passage.
const NearVerbatimSimilarity = 0.85

// ClassOf classifies a passage from its similarity and whether every word
// matched.
func ClassOf(similarity float64, identical bool) Class {
	switch {
	case identical:
		return Verbatim
	case similarity >= NearVerbatimSimilarity:
		return NearVerbatim
	default:
		return Partial
	}
}

// Witness is one earlier document that carries a passage of the article.
type Witness struct {
	// Doc is the witness's metadata; its Text is left empty.
	Doc Doc `json:"doc"`
	// Article is the span of the traced article this witness covers, and
	// Source the matching span of the witness's own text.
	Article Span `json:"article"`
	Source  Span `json:"source"`
	// Similarity is 2·matched words / (article words + source words) over
	// the two spans, in [0, 1].
	Similarity float64 `json:"similarity"`
	Class      Class   `json:"class"`
	// Confidence is the estimated probability that the passage is reuse
	// and not two texts on one subject, in [0, 1]: 1 for a passage found
	// by runs of equal words, calibrated for a paraphrase (see
	// align.Alignment.Confidence).
	Confidence float64 `json:"confidence"`
	// Later is set when the witness was published after the traced
	// article (on a later day, or at a later time when both dates have
	// one; see [ComparePublished]): it is a copy of the article, not a
	// source of it, and never the origin.
	Later bool   `json:"later,omitempty"`
	Edits []Edit `json:"edits"`
}

// OriginBasis records how a passage's origin was chosen.
type OriginBasis string

const (
	// EarliestDate: the origin is the only witness with the earliest date.
	EarliestDate OriginBasis = "earliest-date"
	// DateTie: the dates cannot order the earliest witnesses (the same
	// instant, or the same day when a date gives only the day; see
	// [ComparePublished]); the origin is the most similar of those no other
	// witness is known to precede, and Passage.Tied lists the others.
	DateTie OriginBasis = "date-tie"
	// Undated: no witness has a date, so the origin is the most similar
	// witness and its priority is unknown.
	Undated OriginBasis = "undated"
	// ArticleEarliest: the traced article is dated before every dated
	// witness, so it is itself the earliest known version; Origin is -1.
	ArticleEarliest OriginBasis = "article-earliest"
)

// Passage is a span of the traced article that was found in one or more
// witnesses.
type Passage struct {
	Article Span   `json:"article"`
	Text    string `json:"text"`
	// Class is the class of the passage against its origin.
	Class Class `json:"class"`
	// Witnesses are sorted by date (undated last), then by similarity.
	Witnesses []Witness `json:"witnesses"`
	// Origin indexes Witnesses: the earliest-dated witness, which is the
	// likely source, or -1 (see ArticleEarliest). OriginBasis says how it
	// was chosen.
	Origin      int         `json:"origin"`
	OriginBasis OriginBasis `json:"origin_basis"`
	// Tied lists the indexes of other witnesses contemporaneous with the
	// origin that no witness is known to precede.
	Tied []int `json:"tied,omitempty"`
}

// SourceSummary is one witness document's total contribution to a report.
type SourceSummary struct {
	Doc Doc `json:"doc"`
	// Passages counts the passages the document witnesses, and Coverage is
	// the share of the article's words those passages cover.
	Passages int     `json:"passages"`
	Coverage float64 `json:"coverage"`
	// Origins counts the passages whose origin this document is.
	Origins int `json:"origins"`
}

// Report is the provenance of one article.
type Report struct {
	// Article is the traced document's metadata; its Text is left empty.
	Article Doc `json:"article"`
	// Length is the article's length in bytes and Words its word count.
	Length int `json:"length"`
	Words  int `json:"words"`
	// Reused is the share of the article's words found in other documents
	// and Original the rest (1 - Reused).
	Reused   float64         `json:"reused"`
	Original float64         `json:"original"`
	Passages []Passage       `json:"passages"`
	Sources  []SourceSummary `json:"sources"`
	// Candidates is the number of documents that shared fingerprints with
	// the article and were aligned against it.
	Candidates int `json:"candidates"`
	// Spin is the article-level evidence of synonym spinning.
	Spin SpinEvidence `json:"spin"`
	// Sentences reads the article sentence by sentence, each with the
	// source it came from, and Assembled counts the distinct sources the
	// sentences came from.
	Sentences []Sentence `json:"sentences"`
	Assembled int        `json:"assembled_from"`
	// Quotes lists what copying did to the article's quotes, most severe
	// first (see [QuoteFinding]).
	Quotes []QuoteFinding `json:"quotes,omitempty"`
}

// SpinEvidence sums up the evidence of spinning: the substitutions between
// an article and its origins, and the tells the article's own text
// carries, which need no source (Text).
type SpinEvidence struct {
	// Score is the number of synonym and entity swaps per aligned word of
	// the article, in [0, 1]; SwapsSpun is set when it reaches
	// SpinThreshold with at least SpinMinSwaps swaps.
	Score float64 `json:"score"`
	// Spun is the verdict: the swaps against the sources are those of a
	// spinning tool (SwapsSpun), or the article's own text carries a
	// spinner's tells (Text.Spun), or both.
	Spun      bool `json:"spun"`
	SwapsSpun bool `json:"swaps_spun"`
	// Counts of substitutions against each passage's origin, by kind.
	Synonyms int `json:"synonyms"`
	Entities int `json:"entities"`
	Spelling int `json:"spelling"`
	Other    int `json:"other"`
	// Tells are grammatical marks a swap left behind, found by comparing
	// with the source ("an worldwide" where the source read "an
	// international").
	Tells []Tell `json:"tells,omitempty"`
	// Explanation says in one sentence what the score rests on.
	Explanation string `json:"explanation"`
	// Text is what the article's own text says, with no source.
	Text TextSpin `json:"text"`
}

// Spin thresholds: an article is spun when at least SpinThreshold of its
// aligned words were swapped for synonyms or entity variants, and at least
// SpinMinSwaps such swaps were found. A passage is spun when at least
// SpinMinSwaps of its changes are such swaps and they are the majority of
// its changes.
const (
	SpinThreshold = 0.03
	SpinMinSwaps  = 2
)

// TellKind names a mark a spinner leaves in the text it spins.
type TellKind string

const (
	// ArticleMismatch: "a" or "an" that does not fit the next word ("an
	// global summit"), the article of a word that was swapped.
	ArticleMismatch TellKind = "article-mismatch"
	// EntityVariant: a name written in a form the indexed news does not use
	// in running prose ("the Russian Federation says", "the USA
	// position").
	EntityVariant TellKind = "entity-variant"
	// RareSynonym: a word where the indexed news writes one of its
	// synonyms ("exchange charge" where newswire writes "exchange rate").
	RareSynonym TellKind = "rare-synonym"
)

// Tell is a mark a substitution left behind, such as "an worldwide" where
// the source read "an international".
type Tell struct {
	Article Span   `json:"article"`
	Text    string `json:"text"`
	Reason  string `json:"reason"`
	// Kind says what kind of mark it is.
	Kind TellKind `json:"kind,omitempty"`
}

// TextSpin is the evidence of spinning that an article's own text gives,
// with no source to compare (package spin): its tells, and a score.
type TextSpin struct {
	// Score is the number of distinct words marked by a tell per 1,000
	// words of the article; Spun is set when it reaches Threshold with at
	// least MinTells distinct marked words.
	Score     float64 `json:"score"`
	Spun      bool    `json:"spun"`
	Threshold float64 `json:"threshold"`
	MinTells  int     `json:"min_tells"`
	// Marked is the number of distinct words the tells mark.
	Marked int `json:"marked"`
	// Tells lists every tell in article order, and the counts say how
	// many of each kind.
	Tells             []Tell `json:"tells,omitempty"`
	ArticleMismatches int    `json:"article_mismatches"`
	EntityVariants    int    `json:"entity_variants"`
	RareSynonyms      int    `json:"rare_synonyms"`
	// CorpusWords is the number of words the index has counted, from which
	// it learnt how news writes; below a minimum there are no
	// entity-variant or rare-synonym tells.
	CorpusWords int64 `json:"corpus_words"`
	// Explanation says in one sentence what the score rests on.
	Explanation string `json:"explanation"`
}

// Sentence is one sentence of the article and where it came from.
type Sentence struct {
	Article Span   `json:"article"`
	Text    string `json:"text"`
	// Passage indexes Report.Passages, or is -1 when no source was found.
	Passage int `json:"passage"`
	// Source is the ID of the sentence's origin (the earliest witness that
	// covers most of it), empty when none.
	Source string `json:"source,omitempty"`
	// Coverage is the share of the sentence's words that Source covers.
	Coverage float64 `json:"coverage"`
}

// Tracer traces articles to their sources. The server and the CLI depend
// on this interface, not on the store behind it.
type Tracer interface {
	Trace(ctx context.Context, article Doc) (*Report, error)
}
