package main

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/examples"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/trace"
)

func demoCmd(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Index the bundled example corpus and trace the example article",
		Long: `Demo indexes the bundled sample of Reuters-21578 stories (examples/) into a
temporary index and traces examples/article.txt, an article stitched from four
of them with some words changed. Nothing is written outside a temporary
directory.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			rep, n, err := runDemo(cmd.Context())
			if err != nil {
				return err
			}
			if !asJSON {
				fmt.Fprintf(e.stdout, "Indexed %d example stories; tracing examples/article.txt.\n\n", n)
			}
			return e.printReports([]traced{{rep: rep}}, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of text")
	return cmd
}

// runDemo indexes the example corpus into a temporary directory and traces
// the example article. It returns the report and the number of stories read.
func runDemo(ctx context.Context) (*stemma.Report, int, error) {
	dir, err := os.MkdirTemp("", "stemma-demo-")
	if err != nil {
		return nil, 0, err
	}
	defer os.RemoveAll(dir)
	ix, err := index.Open(dir, index.Options{})
	if err != nil {
		return nil, 0, err
	}
	defer ix.Close()
	r, err := ingest.NewReader([]string{"-"}, ingest.Options{Stdin: bytes.NewReader(examples.Corpus)})
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	p, err := ix.Ingest(ctx, func() (stemma.Doc, bool) {
		rec, ok := r.Next()
		return rec.Doc, ok
	}, nil)
	if err != nil {
		return nil, 0, err
	}
	tr, err := trace.New(ix, trace.Options{})
	if err != nil {
		return nil, 0, err
	}
	rep, err := tr.Trace(ctx, stemma.Doc{ID: "examples/article.txt", Title: firstLine(examples.Article), Text: examples.Article})
	return rep, p.Read, err
}

func firstLine(s string) string {
	if i := bytes.IndexByte([]byte(s), '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
