package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/examples"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/server"
	"github.com/stemmanews/stemma/server/backend"
	"github.com/stemmanews/stemma/trace"
	"github.com/stemmanews/stemma/translate"
)

func serveCmd(e *env) *cobra.Command {
	var opts server.Options
	var topts trace.Options
	var addr, logFormat string
	var demo, preload bool
	var cacheMB int
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the JSON API and the web UI",
		Long: `Serve runs stemma's HTTP service over the index (--db): a web UI where a
person pastes an article, or picks one from the index, and sees where each
passage came from; and the JSON API described in docs/api.md.

It listens on 127.0.0.1:8080 unless --addr says otherwise. Adding documents
(POST /api/docs) needs a bearer token, given with --token or the
STEMMA_TOKEN environment variable; without one the index is opened
read-only and that endpoint answers 403. With a token the index is opened
for writing, and created if it does not exist.

--demo indexes the bundled example corpus into a temporary directory and
serves it, offering the example article on the home page.

SIGINT or SIGTERM stops the server gracefully.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			if opts.Token == "" {
				opts.Token = os.Getenv("STEMMA_TOKEN")
			}
			var h slog.Handler
			switch logFormat {
			case "text":
				h = slog.NewTextHandler(e.stderr, nil)
			case "json":
				h = slog.NewJSONHandler(e.stderr, nil)
			default:
				return fmt.Errorf("--log-format %q: want text or json", logFormat)
			}
			opts.Logger = slog.New(h)
			if err := checkCache(cacheMB); err != nil {
				return err
			}
			return e.serve(ctx, addr, demo, preload, cacheMB, opts, topts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	f.StringVar(&opts.Token, "token", "", "bearer token for write endpoints (default $STEMMA_TOKEN; none disables them)")
	f.BoolVar(&demo, "demo", false, "serve the bundled example corpus from a temporary index")
	f.Int64Var(&opts.MaxBodyBytes, "max-body-bytes", server.DefaultMaxBodyBytes, "largest request body accepted; larger ones get 413")
	f.IntVar(&opts.MaxConcurrent, "max-concurrent", 0, "requests worked on at once (default 2 × CPUs); others wait --queue-timeout, then get 503")
	f.DurationVar(&opts.QueueTimeout, "queue-timeout", server.DefaultQueueTimeout, "how long a request waits for a free slot")
	f.DurationVar(&opts.BodyTimeout, "body-timeout", server.DefaultBodyTimeout, "the longest a request body may take to arrive (then 408)")
	f.DurationVar(&opts.RequestTimeout, "request-timeout", server.DefaultRequestTimeout, "the longest a request may work")
	f.Int64Var(&opts.PastedBytes, "pasted-bytes", server.DefaultPastedBytes, "memory for recently pasted articles, whose report pages can be reloaded")
	f.IntVar(&topts.MaxCandidates, "max-candidates", trace.DefaultMaxCandidates, "most documents aligned per article")
	f.BoolVar(&topts.Align.Paraphrase, "paraphrase", false, "also find reworded passages in every trace (class paraphrase, with a confidence): slower")
	f.BoolVar(&topts.NoTranslation, "no-translation", false, "do not look for English texts that an article in German, French, Spanish, Russian, Italian, Portuguese, Dutch or Polish translates (class translated)")
	f.StringSliceVar(&topts.FromLanguages, "from-languages", nil, "also look for texts in these languages (ISO 639-1 codes among de, es, fr, it, nl, pl, pt, ru, or all) that an English article translates; each costs about what tracing a translated article does")
	f.BoolVar(&preload, "preload-dictionaries", false, "read every translation dictionary in the background at start (about 125 MB for all eight languages), rather than on the first article in each language (German takes 3 to 4 s)")
	f.StringVar(&logFormat, "log-format", "text", "log format on stderr: text or json")
	cacheFlag(cmd, &cacheMB)
	return cmd
}

func (e *env) serve(ctx context.Context, addr string, demo, preload bool, cacheMB int, opts server.Options, topts trace.Options) error {
	if err := opts.Validate(); err != nil {
		return err
	}
	var ix *index.Index
	var err error
	name := e.db
	switch {
	case demo:
		dir, err := os.MkdirTemp("", "stemma-serve-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if ix, err = indexExamples(ctx, dir); err != nil {
			return err
		}
		name = "the bundled example corpus"
		opts.Example = &stemma.Doc{ID: "examples/article.txt", Title: firstLine(examples.Article), Text: examples.Article}
	case opts.Token != "":
		ix, err = index.Open(e.db, index.Options{CacheBytes: int64(cacheMB) << 20})
	default:
		ix, err = openIndexCache(e.db, cacheMB)
	}
	if err != nil {
		return err
	}
	defer ix.Close()
	topts.FromLanguages = fromLanguages(topts.FromLanguages)
	tr, err := trace.New(ix, topts)
	if err != nil {
		return err
	}
	b := backend.New(ix, tr)
	srv, err := server.New(b, b, opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return hintError{err, "choose another address with --addr HOST:PORT"}
	}
	writes := "adding documents enabled (bearer token)"
	if opts.Token == "" {
		writes = "read-only: no --token or STEMMA_TOKEN"
	}
	c := ix.Counts()
	fmt.Fprintf(e.stdout, "stemma: serving http://%s/ (%s, %d documents; %s)\n", ln.Addr(), name, c.Docs+c.Duplicates, writes)
	if preload && !topts.NoTranslation {
		// The dictionaries are read while the server waits for its first
		// articles, not during the first article in each language.
		log := opts.Logger
		if log == nil {
			log = slog.Default()
		}
		go func() {
			start := time.Now()
			langs := translate.Preload(ctx, translate.Languages()...)
			log.Info("dictionaries read", "languages", langs, "seconds", time.Since(start).Seconds())
		}()
	}
	return srv.Serve(ctx, ln)
}

// indexExamples indexes the bundled example corpus into a new index in dir.
func indexExamples(ctx context.Context, dir string) (*index.Index, error) {
	ix, err := index.Open(dir, index.Options{})
	if err != nil {
		return nil, err
	}
	r, err := ingest.NewReader([]string{"-"}, ingest.Options{Stdin: bytes.NewReader(examples.Corpus)})
	if err != nil {
		ix.Close()
		return nil, err
	}
	defer r.Close()
	if _, err := ix.Ingest(ctx, func() (stemma.Doc, bool) {
		rec, ok := r.Next()
		return rec.Doc, ok
	}, nil); err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}
