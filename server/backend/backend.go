// Package backend puts a stemma index and a tracer behind the interfaces
// the server depends on ([server.Tracer] and [server.Corpus]), so that
// package server never touches the store directly.
//
//	ix, _ := index.Open(dir, index.Options{})
//	tr, _ := trace.New(ix, trace.Options{})
//	b := backend.New(ix, tr)
//	srv, _ := server.New(b, b, server.Options{})
//
// A Backend is safe for concurrent use, as the index and the tracer are.
// Its costs are theirs: see the packages index and trace.
package backend

import (
	"context"
	"errors"
	"fmt"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/server"
	"github.com/stemmanews/stemma/trace"
)

// Backend adapts an index and a tracer over it.
type Backend struct {
	ix *index.Index
	tr *trace.Tracer
}

var (
	_ server.Tracer = (*Backend)(nil)
	_ server.Corpus = (*Backend)(nil)
)

// New returns a Backend over ix, tracing with tr. Adding documents needs
// an index opened for writing.
func New(ix *index.Index, tr *trace.Tracer) *Backend { return &Backend{ix: ix, tr: tr} }

// notFound makes the index's "not found" and "corrupt" the server's.
func notFound(err error) error {
	switch {
	case errors.Is(err, index.ErrNotFound):
		return fmt.Errorf("%w: %w", server.ErrNotFound, err)
	case errors.Is(err, index.ErrCorrupt):
		return fmt.Errorf("%w: %w", server.ErrDamaged, err)
	}
	return err
}

// Trace traces an article against the index.
func (b *Backend) Trace(ctx context.Context, article stemma.Doc) (*stemma.Report, error) {
	rep, err := b.tr.Trace(ctx, article)
	return rep, notFound(err)
}

// TraceID traces the indexed document id against the rest of the index.
func (b *Backend) TraceID(ctx context.Context, id string) (*stemma.Report, error) {
	rep, err := b.tr.TraceID(ctx, id)
	return rep, notFound(err)
}

// DocByID returns an indexed document with its text.
func (b *Backend) DocByID(ctx context.Context, id string) (stemma.Doc, error) {
	d, err := b.ix.DocByID(id)
	return d, notFound(err)
}

// Search lists the documents whose metadata match q; see [index.Index.Search].
func (b *Backend) Search(ctx context.Context, q server.Query) (server.SearchResult, error) {
	res, err := b.ix.Search(ctx, index.Query{
		Text: q.Text, Source: q.Source, Lang: q.Lang, From: q.From, To: q.To, Offset: q.Offset, Limit: q.Limit,
	})
	if err != nil {
		return server.SearchResult{}, notFound(err)
	}
	return server.SearchResult{Docs: res.Docs, Total: res.Total}, nil
}

// Add indexes documents with [index.Index.Ingest]: in batches, each
// committed atomically and durably before Add returns.
func (b *Backend) Add(ctx context.Context, next func() (stemma.Doc, bool)) (server.AddResult, error) {
	p, err := b.ix.Ingest(ctx, next, nil)
	return server.AddResult{Added: p.Added + p.Duplicates, Duplicates: p.Duplicates, Existing: p.Existing}, notFound(err)
}

// Damaged returns how many damaged blocks the index's reads have met; see
// [index.Index.Damaged].
func (b *Backend) Damaged() int64 {
	n, _ := b.ix.Damaged()
	return n
}

// Documents returns the number of indexed documents, exact duplicates
// included.
func (b *Backend) Documents() int64 {
	c := b.ix.Counts()
	return c.Docs + c.Duplicates
}
