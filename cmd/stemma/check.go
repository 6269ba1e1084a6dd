package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/spf13/cobra"
)

func checkCmd(e *env) *cobra.Command {
	var deep bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Verify an index's invariants",
		Long: `Check reads the whole index and verifies that every record decodes,
documents and IDs point at each other, every posting names a document, and
the stored totals match, and every term count (the words, pairs of words and
names that spin detection learns from) decodes. --deep also re-fingerprints
every document and checks that all its fingerprints are posted and that the
term counts cover all of its words.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ix, err := openIndex(e.db)
			if err != nil {
				return err
			}
			defer ix.Close()
			res, err := ix.Check(deep)
			for _, p := range res.Problems {
				fmt.Fprintf(e.stderr, "stemma: problem: %s\n", p)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "ok: %d documents, %d ids, %d postings, %d text bytes; %d terms counted in %d words of %d documents\n",
				res.Docs, res.IDs, res.Postings, res.Bytes, res.Terms, res.CountedWords, res.CountedDocs)
			return nil
		},
	}
	cmd.Flags().BoolVar(&deep, "deep", false, "also re-fingerprint every document")
	return cmd
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
