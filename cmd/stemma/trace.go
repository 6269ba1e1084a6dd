package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/lang"
	"github.com/stemmanews/stemma/report"
	"github.com/stemmanews/stemma/trace"
	"github.com/stemmanews/stemma/translate"
)

func traceCmd(e *env) *cobra.Command {
	var opts trace.Options
	var in ingest.Options
	var asJSON bool
	var ids []string
	var date, language string
	var from []string
	var cacheMB int
	cmd := &cobra.Command{
		Use:   "trace [flags] [FILE|-]...",
		Short: "Report where each passage of an article came from",
		Long: `Trace finds the passages an article shares with indexed documents, the
witnesses that carry each one, the origin (the earliest-dated witness) and
what changed. The article is a text file, a JSONL file (each record is
traced), an HTML page, or - for stdin; --id traces an indexed document
against the rest.

The article's date decides which witnesses can be its sources: one published
on a later day (or at a later time, when both dates have one) is a later
copy, never the origin. A JSONL record, a page or an indexed document gives
its own date; --date gives it, or overrides it (RFC 3339, or YYYY-MM-DD for a
day, which covers the whole day).

The article's language decides how its words are read: the thesaurus of its
synonyms, its quote marks and speech verbs, the stemmer of paraphrase
alignment, and whether it is looked for as a translation. A record or a page
may give it; else it is detected from the text. --lang gives it, or
overrides it: a short text may be too short to tell.

--json prints the report as JSON with exact byte offsets (docs/report-json.md);
one report is printed indented, several as one JSON object per line.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && len(ids) == 0 {
				return hintError{errors.New("nothing to trace"), "give a file, - for stdin, or --id ID"}
			}
			at, dayOnly, err := stemma.ParseDate(date)
			if err != nil {
				return fmt.Errorf("--date: %w", err)
			}
			if language != "" && !lang.IsTag(language) {
				return hintError{fmt.Errorf("--lang %q is not a language tag", language), "give an ISO 639-1 code such as fr, or a BCP 47 tag such as pt-BR"}
			}
			dated := func(d stemma.Doc) stemma.Doc {
				if !at.IsZero() {
					d.SetDate(at, dayOnly)
				}
				if language != "" {
					d.Lang = language
				}
				return d
			}
			if err := checkCache(cacheMB); err != nil {
				return err
			}
			ix, err := openIndexCache(e.db, cacheMB)
			if err != nil {
				return err
			}
			defer ix.Close()
			opts.FromLanguages = fromLanguages(from)
			tr, err := trace.New(ix, opts)
			if err != nil {
				return err
			}
			// A document that cannot be traced (its candidates lie in a
			// damaged part of the index) is reported as such; the others
			// are traced all the same.
			var reps []traced
			var failed int
			add := func(id, where string, rep *stemma.Report, err error) error {
				if err != nil {
					if cmd.Context().Err() != nil {
						return err
					}
					failed++
					fmt.Fprintf(e.stderr, "stemma: error: tracing %s (%s): %v\n", id, where, err)
				}
				reps = append(reps, traced{id: id, rep: rep, err: err})
				return nil
			}
			for _, id := range ids {
				d, err := ix.DocByID(id)
				if errors.Is(err, index.ErrNotFound) {
					return err
				}
				var rep *stemma.Report
				if err == nil {
					rep, err = tr.Trace(cmd.Context(), dated(d))
				}
				if err := add(id, "--id", rep, err); err != nil {
					return err
				}
			}
			if len(args) > 0 {
				in.Stdin = e.stdin
				in.OnSkip = func(s ingest.Skip) { fmt.Fprintf(e.stderr, "stemma: skipped %v\n", s) }
				r, err := ingest.NewReader(args, in)
				if err != nil {
					return err
				}
				defer r.Close()
				for rec, ok := r.Next(); ok; rec, ok = r.Next() {
					rep, err := tr.Trace(cmd.Context(), dated(rec.Doc))
					if err := add(rec.Doc.ID, ingest.Skip{File: rec.File, Line: rec.Line, Item: rec.Item, Offset: rec.Offset}.Where(), rep, err); err != nil {
						return err
					}
				}
				if r.Summary().SkippedTotal() > 0 && len(reps) == 0 {
					return exitError{code: 1}
				}
			}
			if err := e.printReports(reps, asJSON); err != nil {
				return err
			}
			if failed > 0 {
				fmt.Fprintf(e.stderr, "stemma: %d of %d documents not traced\n", failed, len(reps))
				return exitError{code: 1}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&asJSON, "json", false, "print JSON instead of text")
	f.StringSliceVar(&ids, "id", nil, "trace the indexed document with this ID (repeatable)")
	f.StringVar(&date, "date", "", "the article's publication date: RFC 3339, or YYYY-MM-DD for a whole day")
	f.StringVar(&language, "lang", "", "the article's language, an ISO 639-1 code or BCP 47 tag (fr, pt-BR): default the record's own, else detected")
	f.IntVar(&opts.MaxCandidates, "max-candidates", trace.DefaultMaxCandidates, "most documents aligned per article")
	f.BoolVar(&opts.Align.Paraphrase, "paraphrase", false, "also find reworded passages (class paraphrase, with a confidence): slower")
	f.BoolVar(&opts.NoTranslation, "no-translation", false, "do not look for English texts that an article in German, French, Spanish, Russian, Italian, Portuguese, Dutch or Polish translates (class translated)")
	f.StringSliceVar(&from, "from-languages", nil, "also look for texts in these languages (ISO 639-1 codes among de, es, fr, it, nl, pl, pt, ru, or all) that an English article translates; each costs about what tracing a translated article does")
	f.IntVar(&opts.Align.MinWords, "min-words", 0, "fewest matched words in a reported passage (default 12)")
	f.Var(&in.Format, "format", fmt.Sprintf("input format, one of %q", ingest.Formats()))
	cacheFlag(cmd, &cacheMB)
	return cmd
}

// traced is one document's report, or the error that stopped its trace.
type traced struct {
	id  string
	rep *stemma.Report
	err error
}

// printReports prints the reports in order. A document not traced is a
// line saying so in the text, and {"id", "error"} in JSON.
func (e *env) printReports(reps []traced, asJSON bool) error {
	for i, t := range reps {
		var err error
		switch {
		case asJSON && len(reps) == 1 && t.err == nil:
			err = report.JSON(e.stdout, t.rep)
		case asJSON:
			enc := json.NewEncoder(e.stdout)
			enc.SetEscapeHTML(false)
			if t.err != nil {
				err = enc.Encode(map[string]string{"id": t.id, "error": t.err.Error()})
			} else {
				err = enc.Encode(t.rep)
			}
		default:
			if i > 0 {
				fmt.Fprintln(e.stdout)
			}
			if t.err != nil {
				_, err = fmt.Fprintf(e.stdout, "%s — not traced: %v\n", t.id, t.err)
			} else {
				err = report.Text(e.stdout, t.rep)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// openIndex opens an existing index read-only, with a hint when there is
// none.
func openIndex(dir string) (*index.Index, error) { return openIndexCache(dir, 0) }

// openIndexCache is openIndex with a block cache of cacheMB megabytes (0:
// the default).
func openIndexCache(dir string, cacheMB int) (*index.Index, error) {
	if !index.Exists(dir) {
		return nil, hintError{fmt.Errorf("no index at %s", dir), "build one with: stemma index --db " + dir + " CORPUS.jsonl.gz"}
	}
	return index.Open(dir, index.Options{ReadOnly: true, CacheBytes: int64(cacheMB) << 20})
}

// cacheFlag adds --cache-mb, the index's block cache, to a command that
// traces.
func cacheFlag(cmd *cobra.Command, mb *int) {
	cmd.Flags().IntVar(mb, "cache-mb", int(index.DefaultCacheBytes>>20), "megabytes of the index's block cache, which holds the documents' decompressed text; a larger one speeds up traces whose sources it holds (docs/scale.md)")
}

// checkCache rejects a --cache-mb below 1.
func checkCache(mb int) error {
	if mb < 1 {
		return fmt.Errorf("--cache-mb %d: want at least 1", mb)
	}
	return nil
}

// fromLanguages returns the languages of --from-languages, "all" read as
// every language with a dictionary here.
func fromLanguages(list []string) []string {
	if slices.Contains(list, "all") {
		return translate.Languages()
	}
	return list
}
