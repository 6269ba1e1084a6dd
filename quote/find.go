package quote

import (
	"errors"
	"fmt"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/lang"
)

// ErrUnknownLanguage is returned for a language without a table.
var ErrUnknownLanguage = errors.New("quote: unknown language")

// Options tune quote finding. The zero value selects English.
type Options struct {
	// Language is the code of the texts' language: "en" (also for ""),
	// "de", "fr", "es", "ru", "zh" or "ja".
	Language string
}

// languages are the tables by code.
var languages = map[string]*Language{
	"en": English, "de": German, "fr": French, "es": Spanish, "ru": Russian, "zh": Chinese, "ja": Japanese,
}

// Validate reports options that cannot work.
func (o *Options) Validate() error {
	if o.Language != "" && languages[o.Language] == nil {
		return fmt.Errorf("%w: %q", ErrUnknownLanguage, o.Language)
	}
	return nil
}

// Finder finds and attributes the quotes of texts. It holds no state
// between calls and is safe for concurrent use.
type Finder struct {
	lang *Language
}

// New returns a Finder for the given options.
func New(opts Options) (*Finder, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	code := opts.Language
	if code == "" {
		code = "en"
	}
	return finders[code], nil
}

// Quotation is a quote found in a text with the name of its speaker.
type Quotation struct {
	stemma.Quote
	// Name is the speaker as written: the phrase at the cue, or, for a
	// pronoun or a continued quote, the fullest mention of the person it
	// resolves to before the quote. It is "" when the quote has no
	// speaker or the pronoun could not be resolved.
	Name string
	// Orphaned is set when the quote is attributed only by "he" or "she"
	// (or continues such a quote) and no person named before it fits: the
	// attribution points at no one. Name is then "".
	Orphaned bool
}

// Find returns the quotes of text in order, attributed.
func (f *Finder) Find(text string) []Quotation {
	return f.lang.analyse(text).quotations()
}

// quotations returns the analysed text's quotes.
func (a *analysis) quotations() []Quotation {
	out := make([]Quotation, len(a.regions))
	for i, r := range a.regions {
		out[i] = Quotation{Quote: r.q, Name: a.names[i], Orphaned: a.orphan[i]}
	}
	return out
}

// finders hold a Finder for each table; a Finder holds no state, so
// one each serves every caller.
var finders = func() map[string]*Finder {
	m := map[string]*Finder{}
	for code, l := range languages {
		m[code] = &Finder{lang: l}
	}
	return m
}()

// finderFor returns the Finder for a BCP 47 tag's primary language, or
// English's.
func finderFor(tag string) *Finder {
	if f, ok := finders[lang.Primary(tag)]; ok {
		return f
	}
	return english
}

var english = finders["en"]

// Find returns the quotes of an English text in order, attributed.
func Find(text string) []Quotation { return english.Find(text) }
