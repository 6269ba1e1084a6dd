package baseline

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// run returns a text of the words prefix0 … prefix(n-1): no two distinct
// words repeat, so shingle overlaps are exactly the shared runs.
func run(prefix string, from, to int) string {
	var b strings.Builder
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, "%s%d ", prefix, i)
	}
	return b.String()
}

func TestOptions(t *testing.T) {
	var o Options
	o.EnsureDefaults()
	if o != (Options{Permutations: 128, Threshold: 0.8, NGram: 5}) {
		t.Errorf("defaults %+v", o)
	}
	for _, bad := range []Options{
		{Permutations: -1},
		{Permutations: 5000},
		{Threshold: 1.5},
		{Threshold: -0.1},
		{Threshold: math.NaN()},
		{NGram: -2},
	} {
		if err := bad.Validate(); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("Validate(%+v) = %v, want ErrInvalidOptions", bad, err)
		}
		if _, err := AllPairs([]string{"a"}, bad); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("AllPairs with %+v: %v, want ErrInvalidOptions", bad, err)
		}
	}
	if err := (Options{}).Validate(); err != nil {
		t.Errorf("zero Options: %v", err)
	}
}

// The banding is datasketch's _optimal_param: minimise the false positive
// mass below the threshold plus the false negative mass above it.
func TestBands(t *testing.T) {
	for _, tc := range []struct {
		perms     int
		threshold float64
	}{{128, 0.8}, {128, 0.5}, {256, 0.9}, {64, 0.7}} {
		m, err := NewMinHash(Options{Permutations: tc.perms, Threshold: tc.threshold})
		if err != nil {
			t.Fatal(err)
		}
		b, r := m.Bands()
		wb, wr := optimalParam(tc.threshold, tc.perms)
		t.Logf("%d permutations, threshold %.1f: %d bands of %d rows (datasketch: %d of %d)", tc.perms, tc.threshold, b, r, wb, wr)
		if b*r > tc.perms {
			t.Errorf("%d bands of %d rows need more than %d permutations", b, r, tc.perms)
		}
		if b != wb || r != wr {
			t.Errorf("%d permutations, threshold %g: %d bands of %d rows, datasketch's rule gives %d of %d", tc.perms, tc.threshold, b, r, wb, wr)
		}
	}
}

// optimalParam is datasketch's lsh._optimal_param with weights 0.5/0.5,
// integrating by Simpson's rule on a fine grid where datasketch calls
// scipy.integrate.quad.
func optimalParam(threshold float64, perms int) (bands, rows int) {
	integrate := func(f func(float64) float64, a, b float64) float64 {
		const steps = 400
		h := (b - a) / steps
		sum := f(a) + f(b)
		for i := 1; i < steps; i++ {
			w := 2.0
			if i%2 == 1 {
				w = 4
			}
			sum += w * f(a+float64(i)*h)
		}
		return sum * h / 3
	}
	best := math.Inf(1)
	for b := 1; b <= perms; b++ {
		for r := 1; r <= perms/b; r++ {
			fp := integrate(func(s float64) float64 { return 1 - math.Pow(1-math.Pow(s, float64(r)), float64(b)) }, 0, threshold)
			fn := integrate(func(s float64) float64 { return math.Pow(1-math.Pow(s, float64(r)), float64(b)) }, threshold, 1)
			if e := 0.5*fp + 0.5*fn; e < best {
				best, bands, rows = e, b, r
			}
		}
	}
	return bands, rows
}

// MinHash estimates are within ±0.1 of the exact Jaccard similarity with
// the default seed, and over many seeds they are unbiased with the spread
// of a binomial estimate, sqrt(J(1−J)/128).
func TestEstimate(t *testing.T) {
	base := run("w", 0, 200)
	for _, keep := range []int{140, 160, 180, 185} {
		// The first keep words are shared, the rest differ.
		other := run("w", 0, keep) + run("x", keep, 200)
		truth := Jaccard(Shingles(base, 5), Shingles(other, 5))
		if truth < 0.5 || truth > 0.9 {
			t.Fatalf("test pair has Jaccard %.3f, want 0.5 to 0.9", truth)
		}
		m, err := NewMinHash(Options{})
		if err != nil {
			t.Fatal(err)
		}
		if est := Estimate(m.Signature(base), m.Signature(other)); math.Abs(est-truth) > 0.1 {
			t.Errorf("estimate %.3f for Jaccard %.3f", est, truth)
		}

		const seeds = 100
		var sum, squares float64
		for seed := range int64(seeds) {
			m, err := NewMinHash(Options{Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			e := Estimate(m.Signature(base), m.Signature(other)) - truth
			sum += e
			squares += e * e
		}
		bias, sd := sum/seeds, math.Sqrt(squares/seeds)
		binomial := math.Sqrt(truth * (1 - truth) / 128)
		t.Logf("Jaccard %.3f over %d seeds: bias %+.4f, sd %.4f (binomial %.4f)", truth, seeds, bias, sd, binomial)
		if math.Abs(bias) > 0.015 || sd > 1.3*binomial {
			t.Errorf("Jaccard %.3f: bias %+.4f, sd %.4f, want near 0 and %.4f", truth, bias, sd, binomial)
		}
	}
	if got := Estimate([]uint64{1, 2}, []uint64{1}); got != 0 {
		t.Errorf("Estimate of signatures of different lengths = %v, want 0", got)
	}
}

func TestAllPairs(t *testing.T) {
	a := run("w", 0, 100)
	docs := []string{
		a,
		run("v", 0, 100),
		strings.ToUpper(a),                  // identical after tokenisation
		run("w", 0, 95) + run("x", 95, 100), // Jaccard 91/101
		run("y", 0, 100),
		"too short",
		"too short",
		a,                                   // an exact copy
		run("w", 0, 50) + run("z", 50, 100), // Jaccard 46/146
	}
	pairs, err := AllPairs(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Pair{{0, 2, 1}, {0, 3, 0}, {0, 7, 1}, {2, 3, 0}, {2, 7, 1}, {3, 7, 0}}
	if len(pairs) != len(want) {
		t.Fatalf("pairs %v, want %v", pairs, want)
	}
	for i, p := range pairs {
		w := want[i]
		if p.A != w.A || p.B != w.B {
			t.Fatalf("pairs %v, want %v", pairs, want)
		}
		if w.Jaccard == 1 && p.Jaccard != 1 {
			t.Errorf("identical docs %d and %d estimated %v", p.A, p.B, p.Jaccard)
		}
		if p.Jaccard < 0.8 {
			t.Errorf("pair %v below the threshold", p)
		}
	}

	// Over many seeds, identical documents always pair and disjoint ones
	// never do.
	for seed := range int64(50) {
		pairs, err := AllPairs([]string{a, run("v", 0, 100), a}, Options{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if len(pairs) != 1 || pairs[0] != (Pair{0, 2, 1}) {
			t.Errorf("seed %d: pairs %v, want only {0 2 1}", seed, pairs)
		}
	}
}

func TestQuery(t *testing.T) {
	m, err := NewMinHash(Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := []string{run("w", 0, 100), run("v", 0, 100), run("w", 0, 98) + "x y", "too short"}
	x := m.Index(docs)
	if x.Len() != len(docs) {
		t.Errorf("Len = %d", x.Len())
	}
	hits := x.Query(strings.ToLower(docs[0]))
	if len(hits) != 2 || hits[0] != (Hit{0, 1}) || hits[1].Doc != 2 {
		t.Errorf("Query(doc 0) = %v, want doc 0 (1.0) then doc 2", hits)
	}
	if hits := x.Query("too short"); len(hits) != 0 {
		t.Errorf("a text with no shingles found %v", hits)
	}
	if hits := x.Query(run("q", 0, 100)); len(hits) != 0 {
		t.Errorf("an unrelated text found %v", hits)
	}
}
