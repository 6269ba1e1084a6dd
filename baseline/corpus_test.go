package baseline

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stemmanews/stemma/internal/testdata"
)

// corpus is one JSONL corpus: ids and texts in file order.
type corpus struct {
	ids, texts []string
}

var (
	corporaMu sync.Mutex
	corpora   = map[string]*corpus{}
)

// loadCorpus reads a gzip'd JSONL file of {"id", "text"} records from the
// data directory, once per test binary.
func loadCorpus(t testing.TB, name string) *corpus {
	t.Helper()
	path := filepath.Join(testdata.Dir(t), name)
	corporaMu.Lock()
	defer corporaMu.Unlock()
	if c, ok := corpora[path]; ok {
		return c
	}
	c, err := readCorpus(path)
	if err != nil {
		t.Fatal(err)
	}
	corpora[path] = c
	return c
}

func readCorpus(path string) (*corpus, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	c := &corpus{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 64<<20)
	for line := 1; sc.Scan(); line++ {
		var rec struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("reading %s line %d: %w", path, line, err)
		}
		c.ids = append(c.ids, rec.ID)
		c.texts = append(c.texts, rec.Text)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return c, nil
}

// The project's acceptance numbers: word 5-gram Jaccard ≥ 0.5 pairs and
// exact duplicates after whitespace normalisation.
func TestCorpusCounts(t *testing.T) {
	for _, tc := range []struct {
		file                 string
		docs, similar, dupes int
	}{
		{"bbc-news.jsonl.gz", 2225, 169, 136},
		{"reuters-21578.jsonl.gz", 19043, 793, 284},
	} {
		t.Run(tc.file, func(t *testing.T) {
			c := loadCorpus(t, tc.file)
			if len(c.texts) != tc.docs {
				t.Errorf("%d docs, want %d", len(c.texts), tc.docs)
			}
			similar, err := ExactPairs(c.texts, 5, 0.5)
			if err != nil {
				t.Fatal(err)
			}
			if len(similar) != tc.similar {
				t.Errorf("%d pairs with 5-gram Jaccard ≥ 0.5, want %d", len(similar), tc.similar)
			}
			dupes := ExactDuplicates(c.texts)
			if len(dupes) != tc.dupes {
				t.Errorf("%d exact duplicate pairs, want %d", len(dupes), tc.dupes)
			}
		})
	}
}

// MinHash-LSH at threshold 0.8 finds most, not all, of the Reuters pairs
// whose exact 5-gram Jaccard is at least 0.8: pairs near the threshold are
// lost by the banding or when their estimate falls below the threshold.
// The project's reference figure is about 93%; seed 0 gives 90.5% and
// seeds 1 to 7 between 91% and 93%.
func TestMinHashRecallReuters(t *testing.T) {
	c := loadCorpus(t, "reuters-21578.jsonl.gz")
	truth, err := ExactPairs(c.texts, 5, 0.8)
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewMinHash(Options{})
	if err != nil {
		t.Fatal(err)
	}
	x := m.Index(c.texts)
	found := x.AllPairs()

	exact := make(map[[2]int]float64, len(truth))
	for _, p := range truth {
		exact[[2]int{p.A, p.B}] = p.Jaccard
	}
	hit := 0
	for _, p := range found {
		if _, ok := exact[[2]int{p.A, p.B}]; ok {
			hit++
		}
	}
	recall := float64(hit) / float64(len(truth))
	precision := float64(hit) / float64(len(found))
	b, r := m.Bands()
	t.Logf("Reuters, %d bands of %d rows: %d exact pairs with J ≥ 0.8, %d LSH candidate pairs, %d reported, %d true: recall %.3f, precision %.3f",
		b, r, len(truth), x.Candidates(), len(found), hit, recall, precision)
	if recall < 0.8 || recall > 1 {
		t.Errorf("MinHash-LSH recall %.3f, want 0.8 to 1", recall)
	}
}

func BenchmarkMinHashSignaturesReuters(b *testing.B) {
	c := loadCorpus(b, "reuters-21578.jsonl.gz")
	m, err := NewMinHash(Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		m.Signatures(c.texts)
	}
	b.ReportMetric(float64(b.N*len(c.texts))/b.Elapsed().Seconds(), "docs/s")
}

func BenchmarkAllPairsReuters(b *testing.B) {
	c := loadCorpus(b, "reuters-21578.jsonl.gz")
	for b.Loop() {
		if _, err := AllPairs(c.texts, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(c.texts))/b.Elapsed().Seconds(), "docs/s")
}

func BenchmarkExactPairsReuters(b *testing.B) {
	c := loadCorpus(b, "reuters-21578.jsonl.gz")
	for b.Loop() {
		if _, err := ExactPairs(c.texts, 5, 0.5); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQueryReuters is the baseline's latency to trace one article:
// its signature and an LSH lookup against all of Reuters.
func BenchmarkQueryReuters(b *testing.B) {
	c := loadCorpus(b, "reuters-21578.jsonl.gz")
	m, err := NewMinHash(Options{})
	if err != nil {
		b.Fatal(err)
	}
	x := m.Index(c.texts)
	i := 0
	for b.Loop() {
		x.Query(c.texts[i%len(c.texts)])
		i += 7919
	}
}
