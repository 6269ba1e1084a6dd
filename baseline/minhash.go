package baseline

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	minhashlsh "github.com/ekzhu/minhash-lsh"
)

// ErrInvalidOptions is wrapped by every error [Options.Validate] returns.
var ErrInvalidOptions = errors.New("baseline: invalid options")

// maxPermutations bounds Options.Permutations: choosing the LSH bands
// costs time quadratic in it.
const maxPermutations = 1024

// Options configures MinHash-LSH. The zero value is the usual
// near-duplicate setting of datasketch and text-dedup: 128 permutations,
// word 5-grams, Jaccard threshold 0.8, seed 0.
type Options struct {
	// Permutations is the number of hash functions in a signature
	// (default 128, at most 1024).
	Permutations int
	// Threshold is the Jaccard similarity the LSH bands are tuned for and
	// the estimated similarity a pair must reach to be reported
	// (default 0.8).
	Threshold float64
	// NGram is the number of words in a shingle (default 5).
	NGram int
	// Seed selects the hash functions. Signatures are comparable only if
	// they were made with the same Seed and Permutations.
	Seed int64
}

// EnsureDefaults fills the zero fields of o with their defaults and returns o.
func (o *Options) EnsureDefaults() *Options {
	if o.Permutations == 0 {
		o.Permutations = 128
	}
	if o.Threshold == 0 {
		o.Threshold = 0.8
	}
	if o.NGram == 0 {
		o.NGram = 5
	}
	return o
}

// Validate reports whether o, after [Options.EnsureDefaults], describes a
// usable MinHash-LSH.
func (o Options) Validate() error {
	o.EnsureDefaults()
	switch {
	case o.Permutations < 1 || o.Permutations > maxPermutations:
		return fmt.Errorf("%w: %d permutations, want 1 to %d", ErrInvalidOptions, o.Permutations, maxPermutations)
	case !(o.Threshold > 0 && o.Threshold <= 1):
		return fmt.Errorf("%w: threshold %g outside (0, 1]", ErrInvalidOptions, o.Threshold)
	case o.NGram < 1:
		return fmt.Errorf("%w: %d-grams, want at least 1 word", ErrInvalidOptions, o.NGram)
	}
	return nil
}

// MinHash computes MinHash signatures of texts' word n-gram sets.
//
// The signature is that of github.com/ekzhu/minhash-lsh (and its
// dependency github.com/dgryski/go-minhash), used unchanged: hash function
// i maps an element x to h1(x) + i·h2(x) mod 2^64, where h1 and h2 are
// FNV-1a seeded from Seed, and the signature keeps each function's
// minimum. The elements pushed are the 8-byte little-endian XXH3 shingle
// hashes of [Shingles], so signatures estimate the very Jaccard similarity
// that [ExactPairs] computes. This hash family differs from datasketch's
// (a·h + b) mod (2^61 − 1) permutations; its estimates are close to
// unbiased, with about the binomial spread sqrt(J(1−J)/k), as the tests
// check, though with somewhat heavier tails.
//
// A signature costs one pass over the text and k multiply-compares per
// shingle, plus seeding a math/rand source (the library's way); one core
// signs about 23,000 Reuters stories a second. A MinHash is safe for
// concurrent use.
type MinHash struct {
	opts        Options
	bands, rows int
}

// NewMinHash validates opts and returns a MinHash for them.
func NewMinHash(opts Options) (*MinHash, error) {
	opts.EnsureDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	b, r := banding(opts.Permutations, opts.Threshold)
	return &MinHash{opts: opts, bands: b, rows: r}, nil
}

// bandings caches banding's answers, which take milliseconds to compute.
var bandings sync.Map // bandingKey → [2]int{bands, rows}

type bandingKey struct {
	permutations int
	threshold    float64
}

// banding returns the bands and rows the LSH index of
// github.com/ekzhu/minhash-lsh uses for a number of permutations and a
// threshold. They are asked of the library so they cannot differ from the
// index's.
func banding(permutations int, threshold float64) (bands, rows int) {
	key := bandingKey{permutations, threshold}
	if v, ok := bandings.Load(key); ok {
		br := v.([2]int)
		return br[0], br[1]
	}
	rows, bands = minhashlsh.NewMinhashLSH64(permutations, threshold).Params()
	bandings.Store(key, [2]int{bands, rows})
	return bands, rows
}

// Options returns the options m was made with, defaults filled in.
func (m *MinHash) Options() Options { return m.opts }

// Bands returns the LSH banding used for m's threshold: b bands of r rows.
// They minimise the false positive plus false negative probability mass
// around the threshold (datasketch's _optimal_param with weights 0.5/0.5,
// computed by github.com/ekzhu/minhash-lsh by midpoint integration with
// step 0.01). For 128 permutations and threshold 0.8 they are 9 bands of
// 13 rows; permutations beyond b·r are not used for banding.
func (m *MinHash) Bands() (b, r int) { return m.bands, m.rows }

// Signature returns the MinHash signature of text, of length
// Options.Permutations. A text with fewer than NGram words has no
// shingles and the signature of the empty set, every value 2^64−1.
func (m *MinHash) Signature(text string) []uint64 {
	return m.signatureOf(Shingles(text, m.opts.NGram))
}

func (m *MinHash) signatureOf(shingles []uint64) []uint64 {
	mh := minhashlsh.NewMinhash(m.opts.Seed, m.opts.Permutations)
	var b [8]byte
	for _, s := range shingles {
		binary.LittleEndian.PutUint64(b[:], s)
		mh.Push(b[:])
	}
	return mh.Signature()
}

// Signatures returns the signatures of all docs, computed on
// runtime.GOMAXPROCS(0) goroutines.
func (m *MinHash) Signatures(docs []string) [][]uint64 {
	sigs := make([][]uint64, len(docs))
	parallel(len(docs), func(i int) { sigs[i] = m.Signature(docs[i]) })
	return sigs
}

// Estimate returns the fraction of positions at which two signatures agree,
// the MinHash estimate of their sets' Jaccard similarity. It returns 0 for
// signatures of different lengths.
func Estimate(a, b []uint64) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// emptySignature reports whether sig is the signature of the empty set.
// Texts too short to shingle all share it, so left in the index they would
// all be reported as copies of each other; they are not indexed and find
// nothing, as in [ExactPairs].
func emptySignature(sig []uint64) bool {
	for _, v := range sig {
		if v != math.MaxUint64 {
			return false
		}
	}
	return true
}

// Pair is two documents, by their index in the input, with A < B, and the
// Jaccard similarity of their shingle sets: estimated for MinHash-LSH,
// exact for [ExactPairs] and 1 for [ExactDuplicates].
type Pair struct {
	A, B    int
	Jaccard float64
}

// Hit is one indexed document that a query found, and its similarity to
// the query.
type Hit struct {
	Doc     int
	Jaccard float64
}

// LSH is a MinHash-LSH index of a fixed set of documents: the banded hash
// tables of github.com/ekzhu/minhash-lsh (64-bit hash values, the bands and
// rows of [MinHash.Bands]) over the documents' signatures.
//
// Building an LSH costs one signature per document and b hash-table
// inserts; memory is Permutations·8 bytes per document plus the tables.
// Once built it is read-only and safe for concurrent use.
type LSH struct {
	m    *MinHash
	lsh  *minhashlsh.MinhashLSH
	sigs [][]uint64
}

// Index computes the signatures of docs and indexes them.
func (m *MinHash) Index(docs []string) *LSH {
	return m.IndexSignatures(m.Signatures(docs))
}

// IndexSignatures indexes signatures computed by m, so that document i is
// sigs[i]. The LSH keeps sigs; the caller must not modify them.
func (m *MinHash) IndexSignatures(sigs [][]uint64) *LSH {
	lsh := minhashlsh.NewMinhashLSH64(m.opts.Permutations, m.opts.Threshold)
	for i, sig := range sigs {
		if !emptySignature(sig) {
			lsh.Add(i, sig)
		}
	}
	lsh.Index()
	return &LSH{m: m, lsh: lsh, sigs: sigs}
}

// Len returns the number of indexed documents.
func (x *LSH) Len() int { return len(x.sigs) }

// Query returns the indexed documents that share an LSH bucket with text
// and whose estimated Jaccard similarity to it reaches the threshold,
// most similar first (ties by document index). Texts too short to shingle
// find nothing.
func (x *LSH) Query(text string) []Hit {
	return x.query(x.m.Signature(text), -1)
}

// query returns the hits for sig among documents with index > after.
func (x *LSH) query(sig []uint64, after int) []Hit {
	if emptySignature(sig) {
		return nil
	}
	var hits []Hit
	for _, key := range x.lsh.Query(sig) {
		d := key.(int)
		if d <= after {
			continue
		}
		if j := Estimate(sig, x.sigs[d]); j >= x.m.opts.Threshold {
			hits = append(hits, Hit{Doc: d, Jaccard: j})
		}
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if c := cmp.Compare(b.Jaccard, a.Jaccard); c != 0 {
			return c
		}
		return cmp.Compare(a.Doc, b.Doc)
	})
	return hits
}

// Candidates returns the number of distinct pairs of indexed documents that
// share at least one LSH bucket, before the Jaccard estimate filters them.
func (x *LSH) Candidates() int {
	var n atomic.Int64
	parallel(len(x.sigs), func(i int) {
		c := 0
		for _, key := range x.lsh.Query(x.sigs[i]) {
			if key.(int) > i {
				c++
			}
		}
		n.Add(int64(c))
	})
	return int(n.Load())
}

// AllPairs returns every pair of indexed documents that shares an LSH
// bucket and whose estimated Jaccard similarity reaches the threshold,
// sorted by A then B. These are the candidate pairs of datasketch's
// MinHashLSH or text-dedup's MinHash step, as pairs rather than clusters
// so they can be scored against exact pairs, with false positives removed
// by the signatures' estimate. (text-dedup's optional false-positive check
// computes exact n-gram Jaccard instead; that would need the texts.)
func (x *LSH) AllPairs() []Pair {
	perDoc := make([][]Hit, len(x.sigs))
	parallel(len(x.sigs), func(i int) { perDoc[i] = x.query(x.sigs[i], i) })
	var pairs []Pair
	for a, hits := range perDoc {
		for _, h := range hits {
			pairs = append(pairs, Pair{A: a, B: h.Doc, Jaccard: h.Jaccard})
		}
	}
	sortPairs(pairs)
	return pairs
}

// AllPairs indexes docs with MinHash-LSH and returns [LSH.AllPairs].
func AllPairs(docs []string, opts Options) ([]Pair, error) {
	m, err := NewMinHash(opts)
	if err != nil {
		return nil, err
	}
	return m.Index(docs).AllPairs(), nil
}

func sortPairs(pairs []Pair) {
	slices.SortFunc(pairs, func(p, q Pair) int {
		if c := cmp.Compare(p.A, q.A); c != 0 {
			return c
		}
		return cmp.Compare(p.B, q.B)
	})
}

// parallel calls f(i) for every i in [0, n) on runtime.GOMAXPROCS(0)
// goroutines.
func parallel(n int, f func(i int)) {
	parallelWith(n, func() struct{} { return struct{}{} }, func(_ struct{}, i int) { f(i) })
}

// parallelWith is parallel with per-goroutine state made by newState.
func parallelWith[S any](n int, newState func() S, f func(state S, i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			state := newState()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(state, i)
			}
		})
	}
	wg.Wait()
}
