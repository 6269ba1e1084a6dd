package align

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stemmanews/stemma/tokenize"
)

// TestMultimap checks the table against a Go map of slices, over keys
// whose chains are long and whose probes collide, through resets from
// larger and smaller sizes.
func TestMultimap(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var m multimap
	for round, n := range []int{0, 1, 7, 3000, 100} {
		m.reset(n)
		want := map[uint64][]int32{}
		for i := range n {
			// Few distinct keys, so that chains are long and probes collide.
			key := uint64(r.IntN(n/3+1)) << 40
			v := int32(r.IntN(5))
			if i%2 == 1 {
				v = int32(i)
			}
			if vs := want[key]; len(vs) == 0 || vs[0] != v {
				want[key] = append([]int32{v}, vs...)
			}
			m.add(key, v)
		}
		for key, vs := range want {
			var got []int32
			for p := m.first(key); p != 0; p = m.next[p-1] {
				got = append(got, m.vals[p-1])
			}
			if !slices.Equal(got, vs) {
				t.Fatalf("round %d: key %x: values %v, want %v", round, key, got, vs)
			}
		}
		if p := m.first(1); p != 0 {
			t.Fatalf("round %d: a key never added has entry %d", round, p)
		}
		if 2*len(m.vals) > len(m.head) {
			t.Fatalf("round %d: %d entries in %d slots", round, len(m.vals), len(m.head))
		}
	}
}

// TestSeedGrams checks that two runs of words hash equal exactly when
// their words are equal, over a text with repeated phrases.
func TestSeedGrams(t *testing.T) {
	toks := tokenize.Tokens("the cat sat on the mat and the cat sat on the hat; on the mat the cat sat")
	const k = 3
	grams := seedGrams(toks, k, nil)
	if len(grams) != len(toks)-k+1 {
		t.Fatalf("%d grams of %d words, want %d", len(grams), len(toks), len(toks)-k+1)
	}
	equalRuns := 0
	for i := range grams {
		for j := range grams {
			same := equal(toks[i:i+k], toks[j:j+k])
			if same != (grams[i] == grams[j]) {
				t.Fatalf("grams %d and %d: words equal %v, hashes %x and %x", i, j, same, grams[i], grams[j])
			}
			if same && i != j {
				equalRuns++
			}
		}
	}
	if equalRuns == 0 {
		t.Fatal("the text repeats no run: the test checks nothing")
	}
}
