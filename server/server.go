package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/stemmanews/stemma"
)

// Tracer traces articles: a [stemma.Tracer] that can also trace a document
// already in the corpus against the rest. trace.Tracer is one.
type Tracer interface {
	stemma.Tracer
	// TraceID traces the document with the given ID. It returns an error
	// wrapping ErrNotFound when there is none.
	TraceID(ctx context.Context, id string) (*stemma.Report, error)
}

// Corpus is the store of documents the server reads and adds to. The
// backend package adapts a stemma index to it.
type Corpus interface {
	// DocByID returns the document with its text, or an error wrapping
	// ErrNotFound.
	DocByID(ctx context.Context, id string) (stemma.Doc, error)
	// Search returns documents, without their text, whose metadata match q.
	Search(ctx context.Context, q Query) (SearchResult, error)
	// Add indexes the documents next yields until it returns false. A
	// document whose ID is already in the corpus is left alone and counted
	// as existing. Documents are traceable once Add returns.
	Add(ctx context.Context, next func() (stemma.Doc, bool)) (AddResult, error)
}

// Query selects documents by metadata; see [Corpus.Search].
type Query struct {
	// Text: every word must occur, ignoring case, in the title or the ID.
	Text string
	// Source is the outlet, matched exactly.
	Source string
	// Lang is the language, matched by its primary subtag ("de" matches
	// "de-AT").
	Lang string
	// From and To bound the date, inclusive; a bound excludes undated
	// documents.
	From, To      time.Time
	Offset, Limit int
}

// SearchResult holds one page of matching documents and the total count.
type SearchResult struct {
	Docs  []stemma.Doc
	Total int
}

// AddResult counts what [Corpus.Add] did.
type AddResult struct {
	// Added counts the documents indexed, of which Duplicates were exact
	// duplicates of an indexed text (stored as references to it, and
	// traceable all the same).
	Added      int
	Duplicates int
	// Existing counts documents whose ID was already indexed; they were
	// left alone.
	Existing int
}

// ErrNotFound is wrapped by the errors a [Corpus] or [Tracer] returns for
// an unknown document ID.
var ErrNotFound = errors.New("server: not found")

// ErrDamaged is wrapped by the errors a [Corpus] or [Tracer] returns when
// its store is damaged. The server answers 500, counts it in /metrics, and
// turns /healthz to degraded.
var ErrDamaged = errors.New("server: the index is damaged")

// ErrOptions classifies the errors of [Options.Validate].
var ErrOptions = errors.New("server: invalid options")

// Options configure a [Server]. The zero value works: every zero field
// takes the default named beside it.
type Options struct {
	// Token is the bearer token that write endpoints (POST /api/docs)
	// require. Empty disables them: they answer 403.
	Token string
	// MaxBodyBytes is the largest request body accepted; a larger one is
	// answered 413. Default 10 MiB.
	MaxBodyBytes int64
	// MaxConcurrent is how many requests do work at once (health checks,
	// metrics and static files do not count). Default 2 × GOMAXPROCS.
	MaxConcurrent int
	// QueueTimeout is how long a request waits for one of the
	// MaxConcurrent slots before it is answered 503. Default 5s.
	QueueTimeout time.Duration
	// BodyTimeout bounds the time a request's body takes to arrive. The
	// body is read before the request takes a slot, so a client that
	// trickles it in holds none; past the timeout it is answered 408.
	// Default 10s.
	BodyTimeout time.Duration
	// RequestTimeout bounds the work of one request; past it the request
	// is answered 503. Default 30s.
	RequestTimeout time.Duration
	// PastedBytes bounds the memory that keeps recently pasted articles,
	// so that their report pages can be reloaded and linked to. The
	// oldest are forgotten first. Default 64 MiB.
	PastedBytes int64
	// Example, if set, is offered on the home page as an article to try.
	Example *stemma.Doc
	// Logger receives one line per request and every server error.
	// Default: slog.Default().
	Logger *slog.Logger
	// Registerer, if set, is where the server's Prometheus metrics are
	// registered, besides being served on /metrics. Default: a registry of
	// the server's own, with Go runtime and process metrics.
	Registerer prometheus.Registerer
}

// Defaults.
const (
	DefaultMaxBodyBytes   = 10 << 20
	DefaultQueueTimeout   = 5 * time.Second
	DefaultBodyTimeout    = 10 * time.Second
	DefaultRequestTimeout = 30 * time.Second
	DefaultPastedBytes    = 64 << 20
)

// EnsureDefaults fills zero fields with their defaults.
func (o *Options) EnsureDefaults() {
	if o.MaxBodyBytes == 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxConcurrent == 0 {
		o.MaxConcurrent = 2 * runtime.GOMAXPROCS(0)
	}
	if o.QueueTimeout == 0 {
		o.QueueTimeout = DefaultQueueTimeout
	}
	if o.BodyTimeout == 0 {
		o.BodyTimeout = DefaultBodyTimeout
	}
	if o.RequestTimeout == 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	if o.PastedBytes == 0 {
		o.PastedBytes = DefaultPastedBytes
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
}

// Validate reports options that cannot work. Its errors wrap ErrOptions.
func (o *Options) Validate() error {
	switch {
	case o.MaxBodyBytes < 0:
		return fmt.Errorf("%w: max body bytes %d < 0", ErrOptions, o.MaxBodyBytes)
	case o.MaxConcurrent < 0:
		return fmt.Errorf("%w: max concurrent %d < 0", ErrOptions, o.MaxConcurrent)
	case o.QueueTimeout < 0 || o.RequestTimeout < 0 || o.BodyTimeout < 0:
		return fmt.Errorf("%w: timeouts must not be negative", ErrOptions)
	case o.PastedBytes < 0:
		return fmt.Errorf("%w: pasted bytes %d < 0", ErrOptions, o.PastedBytes)
	case o.Example != nil && o.Example.Text == "":
		return fmt.Errorf("%w: the example article has no text", ErrOptions)
	}
	return nil
}

// Server serves the JSON API and the web UI over a [Tracer] and a
// [Corpus]. It is an [http.Handler]; [Server.Serve] runs it with timeouts
// and graceful shutdown.
type Server struct {
	tracer  Tracer
	corpus  Corpus
	opts    Options
	log     *slog.Logger
	handler http.Handler
	sem     chan struct{}
	metrics *metrics
	damaged atomic.Int64 // requests that met a damaged index
	pasted  *pasted
	pages   *pages
	static  fs.FS
}

// New returns a Server. It fails only on invalid options.
func New(tr Tracer, c Corpus, opts Options) (*Server, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts.EnsureDefaults()
	pg, static, err := loadPages()
	if err != nil {
		return nil, err
	}
	s := &Server{
		tracer: tr,
		corpus: c,
		opts:   opts,
		log:    opts.Logger,
		sem:    make(chan struct{}, opts.MaxConcurrent),
		pasted: newPasted(opts.PastedBytes),
		pages:  pg,
		static: static,
	}
	if s.metrics, err = newMetrics(opts.Registerer); err != nil {
		return nil, err
	}
	s.handler = s.middleware(s.routes())
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Serve accepts connections on ln until ctx is cancelled, then shuts down
// gracefully: it stops accepting, lets requests in flight finish (for at
// most 10 seconds) and returns nil. The http.Server it runs has read,
// write and idle timeouts derived from the options.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.opts.RequestTimeout + 30*time.Second,
		WriteTimeout:      s.opts.RequestTimeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "grace", "10s")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := hs.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}
