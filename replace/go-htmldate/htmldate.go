// Package htmldate stands in for github.com/markusmobius/go-htmldate in
// stemma's builds (see the replace directive in stemma's go.mod).
//
// go-trafilatura, which extracts an article from an HTML page for package
// ingest, imports go-htmldate to guess the page's publication date. stemma
// turns that guess off (HtmlDateMode: Disabled in ingest/html.go) and reads
// the date from the page's metadata itself, so go-htmldate never runs. But
// it imports go-dateparser, whose locale tables are built when a process
// starts: 0.12 s and 78 MB of allocations in every stemma command, a
// `stemma trace` of one article or `stemma --help` included. To measure it,
// build stemma with the real module and look at its package
// initialisation:
//
//	go mod edit -dropreplace github.com/markusmobius/go-htmldate && go mod tidy
//	go build -o /tmp/stemma-real ./cmd/stemma && git checkout go.mod go.sum
//	GODEBUG=inittrace=1 /tmp/stemma-real --help 2>&1 >/dev/null | grep dateparser
//
// This module declares the part of go-htmldate's API that go-trafilatura
// uses, and finds no date. If go-trafilatura starts using more of it, the
// build fails rather than silently changing.
package htmldate

import (
	"errors"
	"time"

	"golang.org/x/net/html"
)

// Options are the settings go-trafilatura passes; this module ignores them.
type Options struct {
	UseOriginalDate     bool
	URL                 string
	SkipExtensiveSearch bool
}

// Result is a date found in a page; this module finds none.
type Result struct {
	DateTime time.Time
	HasTime  bool
}

// IsZero reports whether r holds no date.
func (r Result) IsZero() bool { return r.DateTime.IsZero() }

// ErrDisabled is returned by every call of [FromDocument].
var ErrDisabled = errors.New("htmldate: date extraction is not part of stemma's build")

// FromDocument returns no date and ErrDisabled.
func FromDocument(doc *html.Node, opts Options) (Result, error) {
	return Result{}, ErrDisabled
}
