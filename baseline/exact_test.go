package baseline

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestExactPairs(t *testing.T) {
	docs := []string{
		"The cat sat on the mat",      // the cat, cat sat, sat on, on the, the mat
		"The cat sat on a mat.",       // the cat, cat sat, sat on, on a, a mat
		"A dog barked",                // a dog, dog barked
		"the CAT, sat -- on the mat!", // = doc 0
		"cat",                         // no 2-grams
		"dog",                         // no 2-grams
	}
	for _, tc := range []struct {
		threshold float64
		want      []Pair
	}{
		{1, []Pair{{0, 3, 1}}},
		{0.5, []Pair{{0, 3, 1}}},
		{3.0 / 7, []Pair{{0, 1, 3.0 / 7}, {0, 3, 1}, {1, 3, 3.0 / 7}}},
		{0.01, []Pair{{0, 1, 3.0 / 7}, {0, 3, 1}, {1, 3, 3.0 / 7}}},
	} {
		got, err := ExactPairs(docs, 2, tc.threshold)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("threshold %.3f: %v, want %v", tc.threshold, got, tc.want)
		}
	}
	for _, bad := range []struct {
		n int
		t float64
	}{{0, 0.5}, {5, 0}, {5, 1.1}, {5, -1}} {
		if _, err := ExactPairs(docs, bad.n, bad.t); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("ExactPairs(n=%d, t=%g): %v, want ErrInvalidOptions", bad.n, bad.t, err)
		}
	}
}

// bruteForcePairs compares every pair of shingle sets.
func bruteForcePairs(docs []string, n int, threshold float64) []Pair {
	sets := make([][]uint64, len(docs))
	for i, d := range docs {
		sets[i] = Shingles(d, n)
	}
	var pairs []Pair
	for a := range sets {
		for b := a + 1; b < len(sets); b++ {
			if j := Jaccard(sets[a], sets[b]); j >= threshold && j > 0 {
				pairs = append(pairs, Pair{a, b, j})
			}
		}
	}
	return pairs
}

// The prefix-filtered join finds exactly the pairs that comparing every
// pair finds, at every threshold, including the boundary values t·|x|
// makes integral.
func TestExactPairsMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 40)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%d", i)
	}
	var docs []string
	for range 150 {
		var words []string
		if len(docs) > 0 && rng.IntN(2) == 0 {
			// A mutated copy of an earlier doc.
			words = strings.Fields(docs[rng.IntN(len(docs))])
			for range rng.IntN(6) {
				words[rng.IntN(len(words))] = vocab[rng.IntN(len(vocab))]
			}
			words = words[rng.IntN(3):]
		} else {
			for range 3 + rng.IntN(25) {
				words = append(words, vocab[rng.IntN(len(vocab))])
			}
		}
		docs = append(docs, strings.Join(words, " "))
	}
	for _, n := range []int{1, 2, 3, 5} {
		for _, threshold := range []float64{0.05, 0.2, 1.0 / 3, 0.5, 0.6, 2.0 / 3, 0.75, 0.8, 0.9, 1} {
			got, err := ExactPairs(docs, n, threshold)
			if err != nil {
				t.Fatal(err)
			}
			want := bruteForcePairs(docs, n, threshold)
			if !slices.Equal(got, want) {
				t.Errorf("n=%d t=%.3f: %d pairs, brute force %d", n, threshold, len(got), len(want))
			}
		}
	}
}

func TestExactDuplicates(t *testing.T) {
	docs := []string{
		"Oil prices rose.\n\nTraders said so.",
		" Oil prices  rose.\u00a0Traders said so.\t",
		"oil prices rose. Traders said so.", // case counts
		"Oil prices rose. Traders said so",  // punctuation counts
		"Oil prices rose. Traders said so.",
		"",
		"  \n",
	}
	want := []Pair{{0, 1, 1}, {0, 4, 1}, {1, 4, 1}}
	if got := ExactDuplicates(docs); !slices.Equal(got, want) {
		t.Errorf("ExactDuplicates = %v, want %v", got, want)
	}
}
