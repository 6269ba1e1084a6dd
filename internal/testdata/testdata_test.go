package testdata

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDir(t *testing.T) {
	dir := Dir(t)
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
		t.Errorf("Dir = %s, which has no README.md: %v", dir, err)
	}
	if p := Path(t, "reuters-21578.jsonl.gz"); filepath.Dir(p) != dir {
		t.Errorf("Path = %s, not in %s", p, dir)
	}
}

func TestRepoRoot(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "stemma.go")); err != nil {
		t.Errorf("repoRoot = %s, which has no stemma.go", root)
	}
}

// recorder is a testing.TB that records how a test ended.
type recorder struct {
	testing.TB
	fatal, skip bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Fatalf(string, ...any) { r.fatal = true }
func (r *recorder) Skipf(string, ...any)  { r.skip = true }

func TestMissingFailsUnderCI(t *testing.T) {
	for _, ci := range []string{"true", ""} {
		t.Setenv("CI", ci)
		r := &recorder{TB: t}
		missing(r, "no data")
		if want := ci == "true"; r.fatal != want || r.skip == want {
			t.Errorf("CI=%q: fatal=%v skip=%v, want fatal=%v", ci, r.fatal, r.skip, want)
		}
	}
}
