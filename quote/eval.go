package quote

import (
	"bufio"
	"bytes"
	"context"
	_ "embed" // the labelled set
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/stemmanews/stemma"
)

// This file measures the package on real text, two ways: extraction and
// attribution against hand-labelled quotes ([EvaluateLabelled]), and
// integrity checking against copies of real articles with one quote
// damaged ([NewIntegritySet], [EvaluateIntegrity]). Package bench reports
// both on the benchmarks page; the package's tests assert floors on them.

// labelsJSONL is the labelled set: see [Labels].
//
//go:embed labels/quotes.jsonl
var labelsJSONL []byte

// Labels returns the labelled set, read from labels/quotes.jsonl at build
// time: every quote of 57 Reuters-21578 and BBC News articles, one [Label]
// a line. The labels name their articles by ID; the texts are in the
// shared corpora, not in the package.
//
// The set is a development set: its candidates came from [Find] and were
// corrected by hand, and the attribution rules were refined on the same
// articles, so scores on it are optimistic for unseen text.
func Labels() io.Reader { return bytes.NewReader(labelsJSONL) }

// Label is one hand-labelled quote, a line of the labelled set.
type Label struct {
	// Doc is the article's ID in the corpus.
	Doc string `json:"doc"`
	// Start and End are the byte offsets of the words inside the marks.
	Start int `json:"start"`
	End   int `json:"end"`
	// Speaker is the speaker as written, "" for a quote with no speaker (a
	// title, a term).
	Speaker string `json:"speaker"`
	// Also lists other phrases of the same text that name the same
	// speaker ("the 47-year-old director" for "Spike Lee"); finding any of
	// them counts as right.
	Also []string `json:"also,omitempty"`
	// Patterns names the ways the quote is attributed (see
	// [LabelPatterns]); a quote can have several.
	Patterns []string `json:"patterns"`
	// Begins repeats the quote's first words, for a person reading the file.
	Begins string `json:"begins"`

	line int // in the file, from 1
}

// Span returns the label's quote span.
func (l Label) Span() stemma.Span { return stemma.Span{Start: l.Start, End: l.End} }

// A LabelPattern is a way of attributing a quote that the labelled set
// tags.
type LabelPattern struct {
	Name        string // as in [Label.Patterns]
	Description string // in Markdown
}

// LabelPatterns are the patterns of the labelled set, in the order a report
// lists them.
var LabelPatterns = []LabelPattern{
	{"X-said", "`X said` after the quote"},
	{"said-X", "`said X` after the quote"},
	{"X-said-colon", "`X said: \"…\"`"},
	{"according-to", "`according to X`"},
	{"told", "`X told …`"},
	{"who-clause", "`X, who …, said`"},
	{"pronoun", "pronoun (`he said`)"},
	{"continued", "continued: no cue, follows the speaker's previous quote"},
	{"reported-speech", "partial quote inside reported speech"},
	{"role", "speaker is a role (`a senior official`)"},
	{"role-or-name", "a role phrase names the person (`the 47-year-old director` for Spike Lee)"},
	{"multi-paragraph", "quote runs over several paragraphs"},
	{"none", "no speaker (a title or a term)"},
}

// Errors of the evaluations.
var (
	// ErrBadLabel marks a line of a labelled set that cannot be read or
	// does not fit its article.
	ErrBadLabel = errors.New("quote: bad label")
	// ErrUnknownDoc marks a label whose article is not in the corpus.
	ErrUnknownDoc = errors.New("quote: labelled article not in the corpus")
)

// ReadLabels reads a labelled set in the format of [Labels]: one JSON
// [Label] a line; blank lines are skipped.
func ReadLabels(r io.Reader) ([]Label, error) {
	var out []Label
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var l Label
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("%w: line %d: %w", ErrBadLabel, n, err)
		}
		l.line = n
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading labels: %w", err)
	}
	return out, nil
}

// LabelScores are extraction and attribution scores on a labelled set.
type LabelScores struct {
	// Docs is the number of labelled articles; Sources splits them, and
	// their labelled quotes, by [stemma.Doc.Source].
	Docs    int                    `json:"docs"`
	Sources map[string]SourceCount `json:"sources"`
	// Labelled is the number of labelled quotes, Named those with a
	// speaker; Found the quotes [Find] returns in the labelled articles,
	// Matched those with exactly a labelled quote's span.
	Labelled int `json:"labelled"`
	Named    int `json:"named"`
	Found    int `json:"found"`
	Matched  int `json:"matched"`
	// Extraction scores, on exact byte spans.
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// SpeakerAccuracy is over matched quotes: the speaker found names the
	// labelled speaker, or one of its Also phrases (or both have none).
	// NamedAccuracy is over matched quotes that have a labelled speaker.
	SpeakerAccuracy float64 `json:"speaker_accuracy"`
	NamedAccuracy   float64 `json:"named_accuracy"`
	// PerPattern scores the speaker of matched quotes by pattern.
	PerPattern map[string]PatternScore `json:"per_pattern"`
	// Mistakes describes each missed quote and each wrong speaker, one
	// line each, in the order of the set.
	Mistakes []string `json:"mistakes,omitempty"`
}

// SourceCount counts the labelled articles and quotes of one source.
type SourceCount struct {
	Docs   int `json:"docs"`
	Quotes int `json:"quotes"`
}

// PatternScore counts the matched quotes of a pattern, and those whose
// speaker was found.
type PatternScore struct {
	Correct int `json:"correct"`
	Total   int `json:"total"`
}

// EvaluateLabelled scores [Find] against a labelled set (such as
// [Labels]) whose articles are in docs, by ID. It fails with
// [ErrBadLabel] for a line it cannot read or a span outside its article,
// and with [ErrUnknownDoc] for an article missing from docs.
//
// It runs Find once per labelled article: well under a second for the
// embedded set.
func EvaluateLabelled(labels io.Reader, docs map[string]stemma.Doc) (LabelScores, error) {
	ls, err := ReadLabels(labels)
	if err != nil {
		return LabelScores{}, err
	}
	var order []string
	byDoc := map[string][]Label{}
	for _, l := range ls {
		d, ok := docs[l.Doc]
		if !ok {
			return LabelScores{}, fmt.Errorf("%w: %s (line %d)", ErrUnknownDoc, l.Doc, l.line)
		}
		if l.Start < 0 || l.End > len(d.Text) || l.Start >= l.End {
			return LabelScores{}, fmt.Errorf("%w: line %d: span %d-%d outside %s (%d bytes)", ErrBadLabel, l.line, l.Start, l.End, l.Doc, len(d.Text))
		}
		if byDoc[l.Doc] == nil {
			order = append(order, l.Doc)
		}
		byDoc[l.Doc] = append(byDoc[l.Doc], l)
	}
	s := LabelScores{Docs: len(order), Sources: map[string]SourceCount{}, PerPattern: map[string]PatternScore{}}
	var correct, named, namedOK int
	for _, id := range order {
		d := docs[id]
		found := Find(d.Text)
		s.Labelled += len(byDoc[id])
		s.Found += len(found)
		src := s.Sources[d.Source]
		src.Docs++
		src.Quotes += len(byDoc[id])
		s.Sources[d.Source] = src
		for _, l := range byDoc[id] {
			if l.Speaker != "" {
				s.Named++
			}
			i := slices.IndexFunc(found, func(q Quotation) bool { return q.Text == l.Span() })
			if i < 0 {
				s.Mistakes = append(s.Mistakes, fmt.Sprintf("%s %d-%d %q: quote not found", id, l.Start, l.End, l.Begins))
				continue
			}
			hit := found[i]
			s.Matched++
			ok := l.Speaker == "" && hit.Name == ""
			for _, want := range append([]string{l.Speaker}, l.Also...) {
				ok = ok || want != "" && SameSpeaker(hit.Name, want)
			}
			if l.Speaker != "" {
				named++
				if ok {
					namedOK++
				}
			}
			if ok {
				correct++
			} else {
				got := "no speaker"
				if hit.Name != "" {
					got = fmt.Sprintf("%q", hit.Name)
				}
				want := "none"
				if l.Speaker != "" {
					want = fmt.Sprintf("%q", l.Speaker)
				}
				s.Mistakes = append(s.Mistakes, fmt.Sprintf("%s %q: found %s (%s), labelled %s", id, l.Begins, got, hit.Attribution, want))
			}
			for _, p := range l.Patterns {
				c := s.PerPattern[p]
				c.Total++
				if ok {
					c.Correct++
				}
				s.PerPattern[p] = c
			}
		}
	}
	s.Precision = ratio(s.Matched, s.Found)
	s.Recall = ratio(s.Matched, s.Labelled)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	s.SpeakerAccuracy = ratio(correct, s.Matched)
	s.NamedAccuracy = ratio(namedOK, named)
	return s, nil
}

// ratio is n/d, or 0 when d is 0.
func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// IntegrityOptions size an [IntegritySet]. Zero fields take the defaults.
type IntegrityOptions struct {
	// PerKind is the number of damaged copies of each of [DamageKinds]
	// (default 50).
	PerKind int
	// Undamaged is the number of copies left as they are (default 50).
	Undamaged int
	// Others is the number of articles indexed besides the originals
	// (default 3,000).
	Others int
	// Seed chooses the articles and the damage: the same corpus, options
	// and seed give the same set. Zero is a seed like any other.
	Seed uint64
}

// Defaults of [IntegrityOptions].
const (
	DefaultPerKind   = 50
	DefaultUndamaged = 50
	DefaultOthers    = 3000
)

// EnsureDefaults fills zero fields with their defaults.
func (o *IntegrityOptions) EnsureDefaults() {
	if o.PerKind == 0 {
		o.PerKind = DefaultPerKind
	}
	if o.Undamaged == 0 {
		o.Undamaged = DefaultUndamaged
	}
	if o.Others == 0 {
		o.Others = DefaultOthers
	}
}

// Validate reports options that cannot work.
func (o *IntegrityOptions) Validate() error {
	if o.PerKind < 0 || o.Undamaged < 0 || o.Others < 0 {
		return fmt.Errorf("quote: integrity set sizes must not be negative (per kind %d, undamaged %d, others %d)", o.PerKind, o.Undamaged, o.Others)
	}
	return nil
}

// DamagedCopy is a copy of a real article, dated a day after it, with one
// quote damaged by [Apply], or none (Damage.Kind "").
type DamagedCopy struct {
	Original stemma.Doc
	Copy     stemma.Doc
	Damage   Damage
}

// IntegritySet is a generated evaluation set for [EvaluateIntegrity]: the
// copies to trace, and the articles to index before tracing them.
type IntegritySet struct {
	// Copies holds the damaged copies kind by kind, in the order of
	// [DamageKinds], then the undamaged ones. Each original is used once.
	Copies []DamagedCopy
	// Indexed holds the originals, in the order of Copies, then the other
	// articles.
	Indexed []stemma.Doc
	// Originals is the number of originals at the head of Indexed.
	Originals int
}

// NewIntegritySet draws an integrity set from a corpus. Articles are taken
// in an order shuffled with opts.Seed from the corpus sorted by ID, so the
// set depends on the corpus and the options, not on the order of docs. A
// kind gets fewer than opts.PerKind copies when the corpus runs out of
// quotes it applies to (an attributed quote of at least 12 words); an
// undamaged copy is made of an article with at least two quotes. The other
// articles indexed are every fifth article of the sorted corpus that is not
// an original.
//
// It runs [Apply] on articles until each kind has its copies: well under a
// second on Reuters-21578 and BBC News.
func NewIntegritySet(docs []stemma.Doc, opts IntegrityOptions) (*IntegritySet, error) {
	opts.EnsureDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	docs = slices.Clone(docs)
	slices.SortFunc(docs, func(a, b stemma.Doc) int { return strings.Compare(a.ID, b.ID) })
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	order := rng.Perm(len(docs))
	used := map[string]bool{}
	set := &IntegritySet{}
	add := func(d stemma.Doc, text string, dm Damage) {
		c := stemma.Doc{ID: fmt.Sprintf("copy-%d-of-%s", len(set.Copies)+1, d.ID), Source: "copy", Title: d.Title, Text: text}
		if d.Dated() {
			c.Date = d.Date.Add(24 * time.Hour)
		}
		set.Copies = append(set.Copies, DamagedCopy{Original: d, Copy: c, Damage: dm})
		set.Indexed = append(set.Indexed, d)
		used[d.ID] = true
	}
	for _, kind := range DamageKinds {
		got := 0
		for _, i := range order {
			if got == opts.PerKind {
				break
			}
			d := docs[i]
			if used[d.ID] {
				continue
			}
			text, dm, err := Apply(d.Text, kind, rng)
			if err != nil {
				continue
			}
			add(d, text, dm)
			got++
		}
	}
	got := 0
	for _, i := range order {
		if got == opts.Undamaged {
			break
		}
		d := docs[i]
		if used[d.ID] || len(Find(d.Text)) < 2 {
			continue
		}
		add(d, d.Text, Damage{})
		got++
	}
	set.Originals = len(set.Indexed)
	for i := 0; i < len(docs) && len(set.Indexed) < set.Originals+opts.Others; i += 5 {
		if !used[docs[i].ID] {
			used[docs[i].ID] = true
			set.Indexed = append(set.Indexed, docs[i])
		}
	}
	return set, nil
}

// IntegrityScores are precision and recall of quote findings on damaged
// copies, kind by kind, and the findings on undamaged copies.
type IntegrityScores struct {
	// Kinds scores each of [DamageKinds], in that order.
	Kinds []KindScores `json:"kinds"`
	// Undamaged counts the undamaged copies, and Clean those with no
	// finding at all.
	Undamaged int `json:"undamaged"`
	Clean     int `json:"clean"`
	// Unsourced counts quote-unsourced findings over all copies.
	Unsourced int `json:"unsourced"`
	// Mistakes describes each missed damage and each false finding, one
	// line each, in the order of the copies.
	Mistakes []string `json:"mistakes,omitempty"`
}

// KindScores score the findings of one damage kind.
//
// A finding is a true positive when it has the kind's expected problem
// and lies on the damaged quote. After a swap, other quotes of the same
// speaker attributed by "he said", or continuing the swapped quote, really
// do read as the new person's: a speaker finding on such a quote is
// Collateral, counted neither way. Any other finding is a false positive
// of its own problem's kind, whatever the copy's damage.
type KindScores struct {
	Kind   DamageKind          `json:"kind"`
	Expect stemma.QuoteProblem `json:"expect"`
	// Copies is the number of copies with this damage.
	Copies         int     `json:"copies"`
	TruePositives  int     `json:"true_positives"`
	FalsePositives int     `json:"false_positives"`
	Collateral     int     `json:"collateral"`
	Precision      float64 `json:"precision"`
	Recall         float64 `json:"recall"`
}

// Kind returns the scores of kind k, or zero scores if it has none.
func (s IntegrityScores) Kind(k DamageKind) KindScores {
	for _, ks := range s.Kinds {
		if ks.Kind == k {
			return ks
		}
	}
	return KindScores{Kind: k, Expect: k.Expect()}
}

// EvaluateIntegrity traces every copy with tr, which should hold the
// set's Indexed articles and the copies' originals, and scores the quote
// findings of the reports (see [KindScores]). It costs one trace per copy.
func EvaluateIntegrity(ctx context.Context, copies []DamagedCopy, tr stemma.Tracer) (IntegrityScores, error) {
	var s IntegrityScores
	at := map[DamageKind]int{}
	byProblem := map[stemma.QuoteProblem]int{}
	for i, k := range DamageKinds {
		s.Kinds = append(s.Kinds, KindScores{Kind: k, Expect: k.Expect()})
		at[k] = i
		byProblem[k.Expect()] = i
	}
	for _, c := range copies {
		rep, err := tr.Trace(ctx, c.Copy)
		if err != nil {
			return IntegrityScores{}, fmt.Errorf("tracing %s: %w", c.Copy.ID, err)
		}
		kind := c.Damage.Kind
		ki, damaged := at[kind]
		if kind != "" && !damaged {
			return IntegrityScores{}, fmt.Errorf("copy %s: unknown damage kind %q", c.Copy.ID, kind)
		}
		want := kind.Expect()
		if damaged {
			s.Kinds[ki].Copies++
		} else {
			s.Undamaged++
			if len(rep.Quotes) == 0 {
				s.Clean++
			}
		}
		hit := false
		for _, f := range rep.Quotes {
			if f.Kind == stemma.QuoteUnsourced {
				s.Unsourced++
			}
			pi, counted := byProblem[f.Kind]
			onTarget := damaged && f.Quote.Text.Overlap(c.Damage.Quote) > 0
			switch {
			case damaged && f.Kind == want && onTarget:
				if !hit {
					s.Kinds[ki].TruePositives++
				}
				hit = true
			case kind == Swap && (f.Kind == stemma.SpeakerChanged || f.Kind == stemma.SpeakerLost) && SameSpeaker(f.SourceSpeaker, c.Damage.Speaker):
				s.Kinds[pi].Collateral++
			default:
				if counted {
					s.Kinds[pi].FalsePositives++
				}
				s.Mistakes = append(s.Mistakes, fmt.Sprintf("%s (%s): unexpected %s: %s", c.Copy.ID, describe(c.Damage), f.Kind, f.Explanation))
			}
		}
		if damaged && !hit {
			s.Mistakes = append(s.Mistakes, fmt.Sprintf("%s (%s): no %s finding", c.Copy.ID, describe(c.Damage), want))
		}
	}
	for i := range s.Kinds {
		k := &s.Kinds[i]
		k.Recall = ratio(k.TruePositives, k.Copies)
		k.Precision = ratio(k.TruePositives, k.TruePositives+k.FalsePositives)
	}
	return s, nil
}

func describe(d Damage) string {
	if d.Kind == "" {
		return "undamaged"
	}
	return string(d.Kind) + ": " + d.Detail
}
