// Package testdata finds the shared corpora that stemma's tests and
// benchmarks read: Reuters-21578, BBC News and PAN 2013, kept outside the
// repository in ../shared/data, beside the project root.
//
// When the data is missing, a test is skipped, except under CI=true, where
// it fails: CI must never pass by skipping the tests that matter.
//
// Note that the go command leaves directories named testdata out of
// patterns such as ./..., so vet and test this package by its full path.
package testdata

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Dir returns the directory of the shared data. If it is missing, Dir skips
// the test, or fails it when the environment has CI=true.
func Dir(t testing.TB) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		missing(t, "cannot find the repository root: %v", err)
	}
	dir := filepath.Join(root, "..", "shared", "data")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		missing(t, "shared test data not found at %s", dir)
	}
	return dir
}

// Path returns the path of the named file in the shared data. If it is
// missing, Path skips the test, or fails it when the environment has
// CI=true.
func Path(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(Dir(t), name)
	if _, err := os.Stat(p); err != nil {
		missing(t, "shared test data: %v", err)
	}
	return p
}

// Extra returns the directory of a labelled corpus that ../shared/data
// does not hold (PAN 2013's full training and test corpus, PolNeAR, MSRP):
// the folder name in $STEMMA_DATA_EXTRA, else in ../shared/data/extra.
// Where each comes from is written in docs/benchmarks.md ("Data"). When it
// is missing the test is skipped, under CI too: these corpora are not part
// of the shared data that CI promises, and the figures on them come from
// `stemma eval`.
func Extra(t testing.TB, name string) string {
	t.Helper()
	dir := os.Getenv("STEMMA_DATA_EXTRA")
	if dir == "" {
		dir = filepath.Join(Dir(t), "extra")
	}
	p := filepath.Join(dir, name)
	if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
		t.Skipf("labelled corpus %s not found at %s (set STEMMA_DATA_EXTRA; see docs/benchmarks.md)", name, p)
	}
	return p
}

// Missing reports that something a test needs is not installed (a
// corpus, a Debian package): it skips the test, or fails it when the
// environment has CI=true, where .ci/install should have installed it.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	missing(t, format, args...)
}

func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format, args...)
		return
	}
	t.Skipf(format+" (the test fails instead when CI=true)", args...)
}

// repoRoot walks up from the working directory to the directory holding
// go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// Translated returns an English story of three sentences and a German
// article whose last two sentences translate the story's last two (its
// first carries markup, which pages must escape), from the repository's
// testdata/translated: the fixture of the tests of translated copies.
func Translated(t testing.TB) (english, german string) {
	return TranslatedIn(t, "de")
}

// TranslatedIn returns Translated's English story and the article in the
// language code ("de" or "ru"), whose last two sentences translate the
// story's last two.
func TranslatedIn(t testing.TB, code string) (english, foreign string) {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatalf("cannot find the repository root: %v", err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(root, "testdata", "translated", name))
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSuffix(string(b), "\n")
	}
	return read("story.en.txt"), read("story." + code + ".txt")
}
