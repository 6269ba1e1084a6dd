package index

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// sortPostings sorts postings appended in increasing num order by (hash,
// num), as Commit does in buckets.
func sortPostings(ps []posting) []posting {
	b := scatterPostings(ps, make([]posting, len(ps)))
	b.sort(0, len(b.start)-1)
	return b.ps
}

// TestSortPostings checks the radix sort against the comparison sort on
// postings appended in docnum order, with many equal hashes.
func TestSortPostings(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 255, 256, 10000} {
		var ps []posting
		for num := uint32(1); len(ps) < n; num++ {
			for range rng.IntN(5) {
				h := rng.Uint64()
				if rng.IntN(3) == 0 {
					h = uint64(rng.IntN(20)) << 40 // shared fingerprints
				}
				ps = append(ps, posting{hash: h, num: num})
			}
		}
		ps = ps[:min(len(ps), n)]
		want := slices.Clone(ps)
		slices.SortFunc(want, func(x, y posting) int {
			return cmp.Or(cmp.Compare(x.hash, y.hash), cmp.Compare(x.num, y.num))
		})
		if got := sortPostings(ps); !slices.Equal(got, want) {
			t.Errorf("n=%d: radix sort differs from the comparison sort", n)
		}
	}
}

// BenchmarkSortPostings sorts the postings of a commit of 8 MiB of text:
// about 550,000, appended in docnum order.
func BenchmarkSortPostings(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	var ps []posting
	for num := uint32(1); len(ps) < 550000; num++ {
		for range 60 {
			ps = append(ps, posting{hash: rng.Uint64(), num: num})
		}
	}
	in := make([]posting, len(ps))
	for b.Loop() {
		copy(in, ps)
		sortPostings(in)
	}
}
