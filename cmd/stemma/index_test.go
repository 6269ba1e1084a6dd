package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stemmanews/stemma/index"
)

// TestIndexHugeDocument feeds index a 50 MB JSONL line between two good
// ones. The line is skipped as too large, named by file and line, and the
// documents on either side of it are indexed.
func TestIndexHugeDocument(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "huge.jsonl")
	f, err := os.Create(input)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, `{"id":"before","series":"wire","text":"Grain prices rose sharply on the exchange this morning."}`)
	const hugeBytes = 50 << 20
	sentence := "The same sentence, again and again, for fifty megabytes. "
	fmt.Fprint(w, `{"id":"huge","series":"wire","text":"`)
	for n := 0; n < hugeBytes; n += len(sentence) {
		w.WriteString(sentence)
	}
	fmt.Fprintln(w, `"}`)
	fmt.Fprintln(w, `{"id":"after","series":"wire","text":"Shipping rates fell for the third week running."}`)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	db := filepath.Join(dir, "db")
	var stdout, stderr bytes.Buffer
	code := run([]string{"index", "--db", db, input}, strings.NewReader(""), &stdout, &stderr)
	if code != 0 {
		t.Fatalf("stemma index exited %d\nstdout:\n%s\nstderr:\n%s", code, &stdout, &stderr)
	}
	sum := regexp.MustCompile(`(?m)^indexed 2 documents \(0\.0 MB\) in .*; 0 already indexed; 1 skipped \(too-large 1\)$`)
	if !sum.Match(stdout.Bytes()) {
		t.Errorf("summary does not match %s:\n%s", sum, &stdout)
	}
	want := "stemma: skipped " + input + " line 2: too-large: "
	if got := stderr.String(); !strings.HasPrefix(got, want) || strings.Count(got, "\n") != 1 {
		t.Errorf("stderr:\n%s\nwant one line beginning %q", got, want)
	}

	ix, err := index.Open(db, index.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n := ix.Counts().Docs; n != 2 {
		t.Errorf("index holds %d documents, want 2", n)
	}
	for _, id := range []string{"before", "after"} {
		if _, err := ix.DocByID(id); err != nil {
			t.Errorf("document %s: %v", id, err)
		}
	}
	if _, err := ix.DocByID("huge"); !errors.Is(err, index.ErrNotFound) {
		t.Errorf("document huge: error %v, want %v", err, index.ErrNotFound)
	}
}

// TestIndexExitStatus checks the exit status of index, which the scripts can
// only tell apart from zero: bad records are skipped and reported, but only
// an input that could not be read makes the command fail, with status 1.
func TestIndexExitStatus(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonl")
	bad := filepath.Join(dir, "bad.jsonl")
	writeFile(t, good, `{"id":"g-1","text":"Grain prices rose sharply on the exchange this morning."}`+"\n")
	writeFile(t, bad, `{"id":"b-1","text": oops}`+"\n"+`{"id":"b-2","text":""}`+"\n")
	for _, tc := range []struct {
		name  string
		paths []string
		code  int
	}{
		{"good", []string{good}, 0},
		{"bad records", []string{bad, good}, 0},
		{"missing file", []string{good, filepath.Join(dir, "missing.jsonl")}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"index", "--db", filepath.Join(t.TempDir(), "db")}, tc.paths...)
			var stdout, stderr bytes.Buffer
			if code := run(args, strings.NewReader(""), &stdout, &stderr); code != tc.code {
				t.Errorf("stemma %s: exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, tc.code, &stdout, &stderr)
			}
		})
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
}
