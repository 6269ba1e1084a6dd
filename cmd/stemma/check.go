package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stemmanews/stemma/index"
)

func checkCmd(e *env) *cobra.Command {
	var deep, repair bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Verify an index's invariants, and salvage a damaged one",
		Long: `Check reads the whole index and verifies that every block of every table
matches its checksum, every record decodes, documents and IDs point at each
other, every posting names a document, the stored totals match, and every
term count (the words, pairs of words and names that spin detection learns
from) decodes. --deep also re-fingerprints every document and checks that
all its fingerprints are posted and that the term counts cover all of its
words. It lists every problem, every damaged table with the documents or
keys it holds, and exits 1 if there is any.

--repair, on a damaged index, copies every document that can still be read
into a new index beside it (DB.repaired), lists the documents lost, and
leaves the damaged index as it is. Indexing the original inputs into the
new index then adds the lost documents back, since documents already there
are skipped by ID:

  stemma check --db news.db --repair
  stemma index --db news.db.repaired inputs...
  mv news.db news.db.damaged && mv news.db.repaired news.db

An index that cannot be opened at all (a table missing or cut short) has
nothing to salvage: index its inputs again into a new one.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ix, err := openIndex(e.db)
			if err != nil {
				if index.Exists(e.db) {
					return hintError{err, "the index cannot be opened; index its inputs again into a new one (see stemma check --help)"}
				}
				return err
			}
			res, err := ix.Check(deep)
			ix.Close()
			for _, p := range res.Problems {
				fmt.Fprintf(e.stderr, "stemma: problem: %s\n", p)
			}
			if err == nil {
				fmt.Fprintf(e.stdout, "ok: %d documents, %d ids, %d postings, %d text bytes; %d terms counted in %d words of %d documents\n",
					res.Docs, res.IDs, res.Postings, res.Bytes, res.Terms, res.CountedWords, res.CountedDocs)
				return nil
			}
			if !repair || !errors.Is(err, index.ErrCorrupt) {
				return err
			}
			fmt.Fprintf(e.stderr, "stemma: error: %v\n", err)
			return e.salvage(cmd.Context())
		},
	}
	cmd.Flags().BoolVar(&deep, "deep", false, "also re-fingerprint every document")
	cmd.Flags().BoolVar(&repair, "repair", false, "copy what can be read of a damaged index into DB.repaired")
	return cmd
}

// salvage copies what can be read of the damaged index e.db into a new
// index beside it and says what was lost and how to get it back.
func (e *env) salvage(ctx context.Context) error {
	dst := strings.TrimRight(e.db, string(filepath.Separator)) + ".repaired"
	res, err := index.Salvage(ctx, e.db, dst, index.Options{}, nil)
	if err != nil {
		return fmt.Errorf("repairing %s: %w", e.db, err)
	}
	fmt.Fprintf(e.stdout, "repaired: %d documents copied into %s, %d lost\n", res.Added+res.Duplicates, dst, len(res.Lost))
	for i, l := range res.Lost {
		if i == 20 {
			fmt.Fprintf(e.stdout, "  … and %d more\n", len(res.Lost)-i)
			break
		}
		id := l.ID
		if id == "" {
			id = "(its ID record is damaged too)"
		}
		fmt.Fprintf(e.stdout, "  lost document %d %s\n", l.Num, id)
	}
	fmt.Fprintf(e.stdout, "index the original inputs into %s to add the lost documents back, then use it in place of %s\n", dst, e.db)
	// The damaged index is still damaged.
	return exitError{code: 1}
}

func statsCmd(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Print documents, sources, fingerprints and size on disk",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ix, err := openIndex(e.db)
			if err != nil {
				return err
			}
			defer ix.Close()
			c := ix.Counts()
			sources, err := ix.Sources()
			if err != nil {
				return err
			}
			size, err := ix.DiskSize()
			if err != nil {
				return err
			}
			fp := ix.Fingerprint()
			tables := ix.TableSize()
			st := struct {
				Documents    int64            `json:"documents"`
				TextBytes    int64            `json:"text_bytes"`
				Fingerprints int64            `json:"fingerprints"`
				DiskBytes    int64            `json:"disk_bytes"`
				TableBytes   int64            `json:"table_bytes"`
				PostingBytes int64            `json:"posting_bytes"`
				Segments     int              `json:"segments"`
				NGram        int              `json:"ngram"`
				Window       int              `json:"window"`
				Sources      map[string]int64 `json:"sources"`
			}{c.Docs, c.Bytes, c.Postings, size, tables, ix.PostingBytes(), len(ix.Segments()), fp.N, fp.Window, sources}
			if asJSON {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(st)
			}
			ratio, tratio := 0.0, 0.0
			if c.Bytes > 0 {
				ratio = float64(size) / float64(c.Bytes)
				tratio = float64(tables) / float64(c.Bytes)
			}
			fmt.Fprintf(e.stdout, "index         %s\n", ix.Dir())
			fmt.Fprintf(e.stdout, "documents     %d\n", c.Docs)
			fmt.Fprintf(e.stdout, "text          %.1f MB\n", float64(c.Bytes)/1e6)
			fmt.Fprintf(e.stdout, "fingerprints  %d (word %d-grams, window %d)\n", c.Postings, fp.N, fp.Window)
			fmt.Fprintf(e.stdout, "disk          %.1f MB (%.2f× the text), of which data %.1f MB (%.2f×)\n", float64(size)/1e6, ratio, float64(tables)/1e6, tratio)
			if c.Postings > 0 {
				pb := ix.PostingBytes()
				fmt.Fprintf(e.stdout, "postings      %.1f MB (%.2f× the text) in %d segments, %.1f bits a posting\n",
					float64(pb)/1e6, float64(pb)/float64(max(c.Bytes, 1)), len(ix.Segments()), 8*float64(pb)/float64(c.Postings))
			}
			fmt.Fprintf(e.stdout, "sources       %d\n", len(sources))
			names := slices.Sorted(maps.Keys(sources))
			slices.SortStableFunc(names, func(a, b string) int { return int(sources[b] - sources[a]) })
			for i, s := range names {
				if i == 10 {
					fmt.Fprintf(e.stdout, "  … and %d more\n", len(names)-10)
					break
				}
				name := s
				if name == "" {
					name = "(none)"
				}
				fmt.Fprintf(e.stdout, "  %-20s %d\n", name, sources[s])
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
