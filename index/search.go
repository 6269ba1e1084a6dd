package index

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cockroachdb/pebble/v2"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/lang"
)

// Query selects documents by their metadata. The zero Query matches every
// document.
type Query struct {
	// Text, if not empty, is split into words; a document matches when
	// every word occurs, ignoring case, in its title or its ID.
	Text string
	// Source, if not empty, is the outlet a document must come from
	// (exact match).
	Source string
	// Lang, if not empty, is the language a document must be in: its
	// primary subtag ("de" matches documents in "de" and "de-AT").
	Lang string
	// From and To, if not zero, bound the publication date (both
	// inclusive). A bound excludes undated documents.
	From, To time.Time
	// Offset skips that many matching documents; Limit is the most
	// returned (0 returns none, which still counts them).
	Offset, Limit int
}

// SearchResult is what [Index.Search] found.
type SearchResult struct {
	// Docs are the matching documents from Offset on, in the order they
	// were indexed, without their text.
	Docs []stemma.Doc
	// Total counts every matching document.
	Total int
}

// Search returns the documents whose metadata match q, exact duplicates
// (see dedup.go) included. It reads every document and duplicate record,
// so it costs time in proportion to the size of the index (tens of
// milliseconds for the 19,043 Reuters stories); it is meant for browsing,
// not as a full-text search. It stops early, returning ctx.Err(), when ctx
// is cancelled.
func (ix *Index) Search(ctx context.Context, q Query) (SearchResult, error) {
	words := strings.FieldsFunc(q.Text, unicode.IsSpace)
	for i, w := range words {
		words[i] = strings.ToLower(w)
	}
	docs, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{'d'}, UpperBound: []byte{'e'}})
	if err != nil {
		return SearchResult{}, err
	}
	defer docs.Close()
	dups, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{'x'}, UpperBound: []byte{'y'}})
	if err != nil {
		return SearchResult{}, err
	}
	defer dups.Close()
	// Merge the two ranges, both keyed by docnum, into docnum order.
	dok, xok := docs.First(), dups.First()
	var res SearchResult
	for n := 1; dok || xok; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return SearchResult{}, err
			}
		}
		var d stemma.Doc
		var key []byte
		var err error
		if dok && (!xok || bytes.Compare(docs.Key()[1:], dups.Key()[1:]) < 0) {
			key = docs.Key()
			d, err = decodeDoc(docs.Value(), false)
			dok = docs.Next()
		} else {
			key = dups.Key()
			_, d, err = decodeDup(dups.Value())
			xok = dups.Next()
		}
		if err != nil {
			if len(key) == 5 {
				return SearchResult{}, fmt.Errorf("document %d: %w", binary.BigEndian.Uint32(key[1:]), err)
			}
			return SearchResult{}, err
		}
		if !q.matches(&d, words) {
			continue
		}
		if res.Total >= q.Offset && len(res.Docs) < q.Limit {
			res.Docs = append(res.Docs, d)
		}
		res.Total++
	}
	return res, readErr(errors.Join(docs.Error(), dups.Error()))
}

func (q *Query) matches(d *stemma.Doc, words []string) bool {
	if q.Source != "" && d.Source != q.Source {
		return false
	}
	if q.Lang != "" && lang.Primary(d.Lang) != lang.Primary(q.Lang) {
		return false
	}
	if !q.From.IsZero() && (!d.Dated() || d.Date.Before(q.From)) {
		return false
	}
	if !q.To.IsZero() && (!d.Dated() || d.Date.After(q.To)) {
		return false
	}
	for _, w := range words {
		if !containsFold(d.Title, w) && !containsFold(d.ID, w) {
			return false
		}
	}
	return true
}

// containsFold reports whether s contains the lower-case word w, ignoring
// case, without allocating.
func containsFold(s, w string) bool {
	if w == "" {
		return true
	}
	for i := 0; i < len(s); {
		if hasPrefixFold(s[i:], w) {
			return true
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return false
}

// hasPrefixFold reports whether s starts with the lower-case word w,
// ignoring case.
func hasPrefixFold(s, w string) bool {
	for w != "" {
		if s == "" {
			return false
		}
		rs, n := utf8.DecodeRuneInString(s)
		rw, m := utf8.DecodeRuneInString(w)
		if rs != rw && unicode.ToLower(rs) != rw {
			return false
		}
		s, w = s[n:], w[m:]
	}
	return true
}
