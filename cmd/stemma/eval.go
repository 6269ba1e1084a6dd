package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stemmanews/stemma/bench"
)

func evalCmd(e *env) *cobra.Command {
	var opts bench.Options
	var write, out string
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Measure quality and speed on the real corpora, next to a MinHash-LSH baseline",
		Long: `Eval runs every suite behind docs/benchmarks.md, each next to a baseline run
in the same process on the same input (plain MinHash-LSH where it applies):

  quality  PAN 2013 text alignment; BBC News and Reuters-21578 repeats; spun
           and stitched copies (package synth); quote extraction, attribution
           and integrity; HTML extraction
  speed    index throughput, peak RSS, index size and trace latency at several
           corpus sizes; WARC streaming; the HTTP server under load

--write docs/benchmarks.md regenerates the benchmarks page (and writes the
raw figures beside it as .json). --only runs some suites, to reproduce one
figure; the page then holds only theirs. --quick shrinks every suite so the whole run
takes under two minutes; it checks that the harness works, not speed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			exe, err := os.Executable()
			if err != nil {
				return err
			}
			opts.Binary = exe
			opts.Log = e.stderr
			res, err := bench.Run(cmd.Context(), opts)
			if err != nil {
				return err
			}
			if out != "" {
				write = filepath.Join(out, "benchmarks.md")
				if err := os.MkdirAll(out, 0o755); err != nil {
					return err
				}
			}
			if write == "" {
				return res.Markdown(e.stdout)
			}
			var md strings.Builder
			if err := res.Markdown(&md); err != nil {
				return err
			}
			if err := os.WriteFile(write, []byte(md.String()), 0o644); err != nil {
				return err
			}
			js, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				return err
			}
			jsonPath := strings.TrimSuffix(write, filepath.Ext(write)) + ".json"
			if err := os.WriteFile(jsonPath, append(js, '\n'), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "wrote %s and %s\n", write, jsonPath)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Data, "data", "../shared/data", "directory of the corpora")
	f.StringVar(&opts.Extra, "extra", "", "directory of the labelled corpora ../shared/data lacks (default $STEMMA_DATA_EXTRA, else DATA/extra)")
	f.StringSliceVar(&opts.Only, "only", nil, fmt.Sprintf("run only these suites, of %q", bench.Suites))
	f.BoolVar(&opts.Quick, "quick", false, "small subsets, under two minutes")
	f.IntSliceVar(&opts.Sizes, "sizes", nil, "speed-suite corpus sizes (0 = Reuters as is; default 0,100000,1000000,10000000; quick 5000)")
	f.IntVar(&opts.ClusterScale, "cluster-docs", 0, "articles in the cluster suite's generated corpus (default 1000000; quick or negative: none)")
	f.StringVar(&write, "write", "", "write the markdown page to this file, and the JSON beside it")
	f.StringVar(&out, "out", "", "write benchmarks.md and benchmarks.json into this directory")
	return cmd
}
