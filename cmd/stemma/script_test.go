package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/stemmanews/stemma"
)

// TestMain lets the test binary stand in for the commands the scripts run:
// "stemma" itself, and two helpers for what a script cannot say in text.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"stemma":   func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
		"mkbad":    mkbad,
		"passages": passages,
	})
}

// TestScript runs the CLI scripts in testdata/script, each in its own
// directory with its own index.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			// $EXAMPLES is the bundled example, so a script can compare
			// `stemma demo` with the article it traces.
			examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
			if err != nil {
				return err
			}
			env.Setenv("EXAMPLES", examples)
			// $V1INDEX is an index of format 1, for the migration.
			v1, err := filepath.Abs(filepath.Join("..", "..", "index", "testdata", "v1"))
			if err != nil {
				return err
			}
			env.Setenv("V1INDEX", v1)
			// A binary built with -race sleeps a second before it exits,
			// to catch late reports; the scripts run dozens of them.
			env.Setenv("GORACE", strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
			return nil
		},
	})
}

// mkbad writes files that a txtar archive cannot hold, because an archive
// is UTF-8 text:
//
//	mkbad utf8-jsonl FILE   a JSONL file whose line 2 has the byte 0xff in its text
//	mkbad utf8-text FILE    a text file with the byte 0xff
func mkbad() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: mkbad utf8-jsonl|utf8-text FILE")
		os.Exit(2)
	}
	var content string
	switch os.Args[1] {
	case "utf8-jsonl":
		content = `{"id":"wire-1","series":"wire","text":"Grain prices rose sharply on the exchange this morning."}` + "\n" +
			`{"id":"wire-2","series":"wire","text":"A stray byte ` + "\xff" + ` sits in this story."}` + "\n" +
			`{"id":"wire-3","series":"wire","text":"Shipping rates fell for the third week running."}` + "\n"
	case "utf8-text":
		content = "Caf\xe9 owners met the mayor about the new \xff tax.\n"
	default:
		fmt.Fprintf(os.Stderr, "mkbad: unknown kind %q\n", os.Args[1])
		os.Exit(2)
	}
	if err := os.WriteFile(os.Args[2], []byte(content), 0o666); err != nil {
		fmt.Fprintln(os.Stderr, "mkbad:", err)
		os.Exit(1)
	}
}

// passages reads the JSON report of `stemma trace --json` on stdin and
// prints one line per passage and witness, with the byte offsets and the
// text those offsets select in ARTICLE:
//
//	passages ARTICLE
//
// A script compares that with the passage it expects, so a wrong offset
// shows as wrong text, and the text comes from the offsets alone.
func passages() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: passages ARTICLE < report.json")
		os.Exit(2)
	}
	article, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "passages:", err)
		os.Exit(1)
	}
	var rep stemma.Report
	if err := json.NewDecoder(os.Stdin).Decode(&rep); err != nil {
		fmt.Fprintln(os.Stderr, "passages: decoding the report:", err)
		os.Exit(1)
	}
	fmt.Printf("%d bytes, %d passages\n", rep.Length, len(rep.Passages))
	for i, p := range rep.Passages {
		if p.Article.Start < 0 || p.Article.End > len(article) || p.Article.Start > p.Article.End {
			fmt.Fprintf(os.Stderr, "passages: passage %d: span %d-%d outside the article (%d bytes)\n", i+1, p.Article.Start, p.Article.End, len(article))
			os.Exit(1)
		}
		if got := string(article[p.Article.Start:p.Article.End]); p.Text != got {
			fmt.Fprintf(os.Stderr, "passages: passage %d: text %q, but its span %d-%d selects %q\n", i+1, p.Text, p.Article.Start, p.Article.End, got)
			os.Exit(1)
		}
		origin := "none"
		if p.Origin >= 0 && p.Origin < len(p.Witnesses) {
			origin = p.Witnesses[p.Origin].Doc.ID
		}
		fmt.Printf("passage %d: article %d-%d %s origin %s (%s)\n", i+1, p.Article.Start, p.Article.End, p.Class, origin, p.OriginBasis)
		fmt.Printf("  %q\n", article[p.Article.Start:p.Article.End])
		for _, w := range p.Witnesses {
			fmt.Printf("  witness %s %s article %d-%d source %d-%d %s\n", w.Doc.ID, w.Doc.Source, w.Article.Start, w.Article.End, w.Source.Start, w.Source.End, w.Class)
		}
	}
}
