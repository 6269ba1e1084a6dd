package ingest

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// Format names an input format.
//
// A Format is a [flag.Value] (and a pflag.Value), so a command can bind a
// --format flag straight to [Options.Format].
type Format string

const (
	// FormatAuto detects the format of each input from its content, after
	// any gzip compression is removed: "WARC/1." starts a WARC file (gzip'd
	// per record or as a whole); a JSON object naming
	// https://jsonfeed.org/version/ is a JSON Feed, any other input whose
	// first non-whitespace byte is '{' is JSONL; markup starting with <rss,
	// <feed or <rdf:RDF (after any <?xml declaration and comments) is a
	// feed, markup with <!doctype html, <html, <head or <body is HTML, and
	// anything else is text.
	FormatAuto Format = "auto"
	// FormatJSONL is one JSON object per line; see the package
	// documentation for its fields.
	FormatJSONL Format = "jsonl"
	// FormatText is one document per input: the whole content is the text.
	FormatText Format = "text"
	// FormatHTML is one web page per input, of which the article's main
	// text and metadata are extracted (see [ExtractHTML]).
	FormatHTML Format = "html"
	// FormatWARC is a WARC file, gzip'd per record or not, read as a
	// stream: each HTTP 200 HTML response is a page, extracted like HTML.
	FormatWARC Format = "warc"
	// FormatFeed is an RSS, Atom or JSON Feed document; each entry is a
	// document (see [ParseFeed]).
	FormatFeed Format = "feed"
)

// Formats lists the formats a user can ask for, FormatAuto first.
func Formats() []Format {
	return []Format{FormatAuto, FormatJSONL, FormatText, FormatHTML, FormatWARC, FormatFeed}
}

// String returns the format's name; the zero value is "auto".
func (f Format) String() string {
	if f == "" {
		return string(FormatAuto)
	}
	return string(f)
}

// Set parses a format name. It implements [flag.Value].
func (f *Format) Set(s string) error {
	g := Format(s)
	if !g.known() {
		return fmt.Errorf("%w: unknown format %q (want one of %q)", ErrOptions, s, Formats())
	}
	*f = g
	return nil
}

// Type returns "format". It implements pflag.Value.
func (f *Format) Type() string { return "format" }

func (f Format) known() bool {
	switch f {
	case "", FormatAuto, FormatJSONL, FormatText, FormatHTML, FormatWARC, FormatFeed:
		return true
	}
	return false
}

// DefaultMaxDocBytes is the default for [Options.MaxDocBytes]: 8 MiB of
// text, hundreds of times longer than a news article.
const DefaultMaxDocBytes = 8 << 20

// DefaultMaxPageBytes is the default for [Options.MaxPageBytes]: 32 MiB,
// room for a page whose markup is many times its text.
const DefaultMaxPageBytes = 32 << 20

// DefaultMaxSkips is the default for [Options.MaxSkips].
const DefaultMaxSkips = 100

// jsonSlack is how much longer than MaxDocBytes a JSONL line may be, to
// leave room for the other fields, the quotes and the escapes.
const jsonSlack = 64 << 10

// ErrOptions classifies the errors of [Options.Validate].
var ErrOptions = errors.New("ingest: invalid options")

// Options configures a [Reader]. The zero value is ready to use.
type Options struct {
	// Format is the format of every input. The zero value, like
	// FormatAuto, detects it per input.
	Format Format
	// MaxDocBytes is the largest document text accepted, in bytes; a larger
	// document is skipped with reason [TooLarge]. A JSONL line longer than
	// MaxDocBytes + 64 KiB is skipped without being held in memory. Zero
	// means [DefaultMaxDocBytes].
	MaxDocBytes int
	// MaxPageBytes is the largest HTML page, feed file or WARC response
	// payload read; a larger one is skipped as [TooLarge] after reading at
	// most this much. Zero means [DefaultMaxPageBytes].
	MaxPageBytes int
	// MaxSkips is how many individual [Skip] records [Summary.Skips] keeps.
	// The counts in [Summary.Skipped] are always complete. Zero means
	// [DefaultMaxSkips].
	MaxSkips int
	// Stdin is read for the path "-". Nil means os.Stdin.
	Stdin io.Reader
	// OnSkip, if not nil, is called with every skipped record as it is
	// skipped, before Next returns. It must not call the Reader.
	OnSkip func(Skip)
}

// Validate reports whether the options make sense. Every error it returns
// wraps [ErrOptions].
func (o *Options) Validate() error {
	if !o.Format.known() {
		return fmt.Errorf("%w: unknown format %q (want one of %q)", ErrOptions, string(o.Format), Formats())
	}
	if o.MaxDocBytes < 0 {
		return fmt.Errorf("%w: MaxDocBytes is %d, must not be negative", ErrOptions, o.MaxDocBytes)
	}
	if o.MaxDocBytes > math.MaxInt-jsonSlack-1 {
		return fmt.Errorf("%w: MaxDocBytes is %d, too large", ErrOptions, o.MaxDocBytes)
	}
	if o.MaxPageBytes < 0 {
		return fmt.Errorf("%w: MaxPageBytes is %d, must not be negative", ErrOptions, o.MaxPageBytes)
	}
	if o.MaxSkips < 0 {
		return fmt.Errorf("%w: MaxSkips is %d, must not be negative", ErrOptions, o.MaxSkips)
	}
	return nil
}

// EnsureDefaults fills in the defaults of zero fields and returns o.
func (o *Options) EnsureDefaults() *Options {
	if o.Format == "" {
		o.Format = FormatAuto
	}
	if o.MaxDocBytes == 0 {
		o.MaxDocBytes = DefaultMaxDocBytes
	}
	if o.MaxPageBytes == 0 {
		o.MaxPageBytes = DefaultMaxPageBytes
	}
	if o.MaxSkips == 0 {
		o.MaxSkips = DefaultMaxSkips
	}
	if o.Stdin == nil {
		o.Stdin = os.Stdin
	}
	return o
}
