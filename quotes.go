package stemma

// This file holds the vocabulary of quote integrity: a [Quote] found in a
// text, who it is attributed to, and the [QuoteFinding] values a trace
// report lists when a copy changed a quote or its speaker. Package quote
// builds them.

// Attribution says how a quote's speaker was found.
type Attribution string

const (
	// Named: the speaker is named at the attribution cue ("…," Jane Doe
	// said; said a senior official; according to the ministry).
	Named Attribution = "named"
	// Pronoun: the cue has a pronoun ("…," he said), resolved to the
	// nearest compatible person mentioned before it.
	Pronoun Attribution = "pronoun"
	// Continued: the quote has no cue of its own and continues the quote
	// before it, whose speaker it inherits.
	Continued Attribution = "continued"
	// Unattributed: no speaker was found.
	Unattributed Attribution = "none"
)

// Quote is one direct quotation in a text. All spans are byte offsets into
// that text; a zero span means "absent".
type Quote struct {
	// Text is the quoted text inside the marks, trimmed of spaces. A quote
	// that runs over several paragraphs (each opening with a quote mark,
	// only the last closed) is one quote; Parts then holds each paragraph's
	// piece, and Text runs from the first piece's start to the last's end.
	Text  Span   `json:"text"`
	Parts []Span `json:"parts,omitempty"`
	// Unclosed is set when the closing mark is missing and the quote was
	// ended at the end of its paragraph.
	Unclosed bool `json:"unclosed,omitempty"`

	Attribution Attribution `json:"attribution"`
	// Cue is the reporting verb or phrase ("said", "told", "according to").
	Cue Span `json:"cue,omitzero"`
	// Speaker is the speaker as written at the cue, titles and roles
	// included ("Treasury Secretary James Baker", "a senior official",
	// "he"). A Continued quote has no cue and no Speaker of its own.
	Speaker Span `json:"speaker,omitzero"`
	// Antecedent is the mention the speaker resolves to when it is a
	// pronoun or the quote is Continued: the fullest naming of that person
	// before the quote. It is zero when nothing could be resolved.
	Antecedent Span `json:"antecedent,omitzero"`
	// Uncertain is set when the resolution of a pronoun or a continued
	// quote could also have picked someone else.
	Uncertain bool `json:"uncertain,omitempty"`
}

// SpeakerSpan returns the span naming the quote's speaker: the antecedent
// when there is one, else the speaker at the cue.
func (q *Quote) SpeakerSpan() Span {
	if q.Antecedent != (Span{}) {
		return q.Antecedent
	}
	return q.Speaker
}

// QuoteProblem names what a copy did to a quote.
type QuoteProblem string

const (
	// SpeakerChanged: the copy names a different speaker than the source.
	SpeakerChanged QuoteProblem = "speaker-changed"
	// SpeakerLost: the source names the speaker, and the copy has no
	// attribution, or only a pronoun or a neighbouring quote that now points
	// to someone else.
	SpeakerLost QuoteProblem = "speaker-lost"
	// QuoteAltered: words inside the quote were substituted or added.
	QuoteAltered QuoteProblem = "quote-altered"
	// QuoteCut: the copy leaves out words of the source's quote and
	// changes nothing else.
	QuoteCut QuoteProblem = "quote-cut"
	// QuoteUnsourced: the quote lies outside every passage found in a
	// source. Reported only for articles that have at least one passage.
	QuoteUnsourced QuoteProblem = "quote-unsourced"
	// QuoteOrphaned: the quote is attributed only by "he" or "she" (or
	// goes on from such a quote), and no person named before it can be
	// that pronoun: the attribution points at no one, or only at an
	// institution or a place. A copy that dropped the sentence naming the
	// speaker reads so. Reported for every article, sources or not.
	QuoteOrphaned QuoteProblem = "quote-orphaned"
	// QuoteUnattributed: a direct quote of a sentence or more has no
	// speaker at all: no cue, no quote before it to go on from, no one in
	// the sentence before it. Scare quotes and short terms (three words or
	// fewer), titles in title case and quotes introduced by a colon are
	// not reported. Reported for every article, sources or not.
	QuoteUnattributed QuoteProblem = "quote-unattributed"
)

// Severity ranks findings; a report lists the most severe first.
type Severity string

const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
)

// Rank orders severities: 3 for High down to 1 for Low, 0 if unknown.
func (s Severity) Rank() int {
	switch s {
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	}
	return 0
}

// QuoteFinding is one problem with a quote of a traced article.
type QuoteFinding struct {
	Kind     QuoteProblem `json:"kind"`
	Severity Severity     `json:"severity"`
	// Explanation is one line a journalist can read.
	Explanation string `json:"explanation"`
	// Quote is the quote in the article; Text and Speaker repeat its words
	// and the resolved speaker's name ("" when it has none).
	Quote   Quote  `json:"quote"`
	Text    string `json:"text"`
	Speaker string `json:"speaker,omitempty"`
	// Source is the witness the quote was compared against (metadata
	// only), and SourceQuote the matching quote in the witness's text, with
	// its words and speaker. All three are absent for QuoteUnsourced.
	Source        *Doc   `json:"source,omitempty"`
	SourceQuote   *Quote `json:"source_quote,omitempty"`
	SourceText    string `json:"source_text,omitempty"`
	SourceSpeaker string `json:"source_speaker,omitempty"`
	// Edits is the word-level edit script turning the source's quote into
	// the article's, for QuoteAltered and QuoteCut.
	Edits []Edit `json:"edits,omitempty"`
}
