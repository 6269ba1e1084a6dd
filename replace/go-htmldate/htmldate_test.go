package htmldate

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A page with an obvious date still yields none: stemma reads dates from
// page metadata itself (package ingest), never through this module.
func TestFromDocumentFindsNoDate(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<html><head><meta property="article:published_time" content="2024-03-01T10:00:00Z"></head><body><time datetime="2024-03-01">1 March 2024</time></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	r, err := FromDocument(doc, Options{UseOriginalDate: true})
	if !errors.Is(err, ErrDisabled) || !r.IsZero() || r.HasTime {
		t.Errorf("FromDocument = %+v, %v; want no date and ErrDisabled", r, err)
	}
}
