// Command stemma traces news text to its sources.
//
//	stemma index corpus.jsonl.gz    # build or extend ./stemma.db
//	stemma trace article.txt        # provenance report
//	stemma demo                     # both, on the bundled example
//
// See the README for every command. The command is a thin layer over the
// stemma packages: it parses flags, calls them and prints.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/stemmanews/stemma/index"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// exitError carries an exit status for errors already reported.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// run executes the command line and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root, e := newRoot(stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintf(stderr, "stemma: error: %v\n", err)
	var he hintError
	switch {
	case errors.As(err, &he):
		fmt.Fprintf(stderr, "stemma: hint: %s\n", he.hint)
	case errors.Is(err, index.ErrFormat):
		fmt.Fprintf(stderr, "stemma: hint: convert the index with: stemma migrate --db %s\n", e.db)
	}
	return 1
}

// hintError adds a hint for the user to an error.
type hintError struct {
	err  error
	hint string
}

func (h hintError) Error() string { return h.err.Error() }
func (h hintError) Unwrap() error { return h.err }

// env is what every command writes to and reads from.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	db             string
}

func newRoot(stdin io.Reader, stdout, stderr io.Writer) (*cobra.Command, *env) {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:           "stemma",
		Short:         "Trace news text to its sources",
		Long:          "stemma finds which earlier articles each passage of an article came from,\nwhat changed on the way, and which source is the origin.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVar(&e.db, "db", "stemma.db", "index directory")
	root.AddCommand(indexCmd(e), traceCmd(e), checkCmd(e), statsCmd(e), demoCmd(e), evalCmd(e), serveCmd(e), watchCmd(e), synthCmd(e), clusterCmd(e), migrateCmd(e))
	return root, e
}
