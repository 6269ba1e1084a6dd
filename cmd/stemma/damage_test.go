package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stemmanews/stemma/internal/testdata"
)

// TestDamagedIndex damages a real index of Reuters-21578 three ways (bytes
// flipped inside two tables, a table cut short, a table removed) and runs
// the real binary on each: nothing panics; check lists every damaged table
// with the documents it holds and exits 1; a batch trace writes every
// report it can, marks the others, and exits 1; check --repair salvages
// what can be read, and indexing the input again into the salvaged index
// brings back every document.
func TestDamagedIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: builds stemma and indexes Reuters-21578")
	}
	reuters := testdata.Path(t, "reuters-21578.jsonl.gz")
	dir := t.TempDir()
	bin := buildStemma(t, dir)
	stemma := func(args ...string) (stdout, stderr string, code int) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit):
			code = exit.ExitCode()
		case err != nil:
			t.Fatal(err)
		}
		if strings.Contains(e.String(), "panic") || strings.Contains(e.String(), "goroutine ") {
			t.Fatalf("stemma %s panicked: %s", strings.Join(args, " "), e.String())
		}
		return o.String(), e.String(), code
	}
	db := filepath.Join(dir, "db")
	if _, stderr, code := stemma("index", "--quiet", "--db", db, reuters); code != 0 {
		t.Fatalf("index: exit %d: %s", code, stderr)
	}
	tables := tablesBySize(t, db)
	if len(tables) < 3 {
		t.Fatalf("%d tables; want at least 3", len(tables))
	}

	t.Run("flipped", func(t *testing.T) {
		bad := copyIndex(t, db, filepath.Join(dir, "flipped"))
		// The two largest tables hold documents.
		damaged := []string{filepath.Join(bad, tables[0]), filepath.Join(bad, tables[1])}
		for _, p := range damaged {
			flipBytes(t, p)
		}
		_, stderr, code := stemma("check", "--db", bad)
		if code != 1 {
			t.Errorf("check: exit %d, want 1", code)
		}
		listed := regexp.MustCompile(`(?m)^stemma: problem: damaged table (\S+) \(documents \d+–\d+\): .*checksum mismatch`).FindAllStringSubmatch(stderr, -1)
		var got []string
		for _, m := range listed {
			got = append(got, m[1])
		}
		slices.Sort(got)
		slices.Sort(damaged)
		if !slices.Equal(got, damaged) {
			t.Errorf("check lists damaged tables %q; want %q\n%s", got, damaged, stderr)
		}

		// Repair: salvage what can be read; the lost documents are listed.
		stdout, _, code := stemma("check", "--repair", "--db", bad)
		m := regexp.MustCompile(`(?m)^repaired: (\d+) documents copied into (\S+), (\d+) lost$`).FindStringSubmatch(stdout)
		if code != 1 || m == nil || m[2] != bad+".repaired" || m[3] == "0" {
			t.Fatalf("check --repair: exit %d, %q; want 1, some documents lost", code, stdout)
		}
		var lost []string
		for _, l := range regexp.MustCompile(`(?m)^  lost document \d+ (reuters-\d+)$`).FindAllStringSubmatch(stdout, -1) {
			lost = append(lost, l[1])
		}
		if len(lost) == 0 {
			t.Fatalf("check --repair names no lost document:\n%s", stdout)
		}
		t.Logf("%s documents lost, first %q", m[3], lost)

		// A batch trace: every story gets a report or a line saying why
		// not, in order; the lost stories, traced by ID, are the ones not
		// traced.
		batch := filepath.Join(dir, "batch.jsonl")
		ids := writeEvery(t, reuters, batch, 400)
		args := []string{"trace", "--json", "--db", bad, batch}
		for _, id := range lost {
			args = append(args, "--id", id)
		}
		ids = append(slices.Clone(lost), ids...) // --id first
		stdout, stderr, code = stemma(args...)
		if code != 1 {
			t.Errorf("trace: exit %d, want 1", code)
		}
		lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
		if len(lines) != len(ids) {
			t.Fatalf("trace wrote %d lines for %d stories", len(lines), len(ids))
		}
		failed := 0
		for i, line := range lines {
			var r struct {
				ID      string `json:"id"`
				Error   string `json:"error"`
				Article struct {
					ID string `json:"id"`
				} `json:"article"`
			}
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			switch {
			case r.Error != "":
				failed++
				if r.ID != ids[i] || !strings.Contains(r.Error, "index: corrupt: table "+bad) {
					t.Errorf("line %d: %s not traced: %q; want %s, naming a damaged table", i+1, r.ID, r.Error, ids[i])
				}
			case i < len(lost):
				t.Errorf("line %d: lost story %s traced", i+1, ids[i])
			case r.Article.ID != ids[i]:
				t.Errorf("line %d: report of %q; want %s", i+1, r.Article.ID, ids[i])
			}
		}
		t.Logf("%d of %d stories not traced", failed, len(ids))
		if failed == len(ids) {
			t.Errorf("no story traced")
		}
		if want := fmt.Sprintf("stemma: %d of %d documents not traced", failed, len(ids)); !strings.Contains(stderr, want) {
			t.Errorf("trace's stderr lacks %q", want)
		}

		// Indexing the input again into the salvaged index brings every
		// story back.
		if _, stderr, code := stemma("index", "--quiet", "--db", bad+".repaired", reuters); code != 0 {
			t.Fatalf("index into the repaired index: exit %d: %s", code, stderr)
		}
		want, _, _ := stemma("check", "--db", db)
		checked, stderr, code := stemma("check", "--db", bad+".repaired")
		if code != 0 || !strings.HasPrefix(checked, "ok: 18778 documents, 19043 ids, ") || checked != want {
			t.Errorf("check of the repaired index: exit %d, %q%s; want %q", code, checked, stderr, want)
		}
	})

	t.Run("truncated", func(t *testing.T) {
		bad := copyIndex(t, db, filepath.Join(dir, "truncated"))
		if err := os.Truncate(filepath.Join(bad, tables[2]), 1000); err != nil {
			t.Fatal(err)
		}
		one := filepath.Join(dir, "one.jsonl")
		if err := os.WriteFile(one, []byte(`{"id":"a","text":"The minister said the talks would go on."}`+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"check", "--db", bad}, {"trace", "--db", bad, one}} {
			_, stderr, code := stemma(args...)
			if code != 1 || !strings.Contains(stderr, strings.TrimSuffix(tables[2], ".sst")) {
				t.Errorf("%s: exit %d, %q; want 1, naming %s", args[0], code, stderr, tables[2])
			}
		}
	})

	t.Run("removed", func(t *testing.T) {
		bad := copyIndex(t, db, filepath.Join(dir, "removed"))
		if err := os.Remove(filepath.Join(bad, tables[2])); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := stemma("check", "--db", bad)
		if code != 1 || !strings.Contains(stderr, strings.TrimSuffix(tables[2], ".sst")) || !strings.Contains(stderr, "stemma: hint: the index cannot be opened; index its inputs again") {
			t.Errorf("check: exit %d, %q; want 1, naming %s, with a hint", code, stderr, tables[2])
		}
	})
}

// tablesBySize returns the names of db's tables, largest first.
func tablesBySize(t *testing.T, db string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(db, "*.sst"))
	if err != nil {
		t.Fatal(err)
	}
	size := map[string]int64{}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		size[filepath.Base(p)] = fi.Size()
	}
	names := make([]string, 0, len(size))
	for n := range size {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return int(size[b] - size[a]) })
	return names
}

// copyIndex copies the index directory src to dst.
func copyIndex(t *testing.T, src, dst string) string {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// flipBytes flips a byte every 512 KB in the middle half of a file: a few
// damaged blocks, as a failing disk leaves.
func flipBytes(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) / 4; i < 3*len(b)/4; i += 512 << 10 {
		b[i] ^= 0xff
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeEvery writes every nth story of the gzipped JSONL corpus src to
// dst and returns their IDs.
func writeEvery(t *testing.T, src, dst string, n int) []string {
	t.Helper()
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	var ids []string
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	for i := 0; sc.Scan(); i++ {
		if i%n != 0 {
			continue
		}
		var d struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
		out.Write(sc.Bytes())
		out.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return ids
}
