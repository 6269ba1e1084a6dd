// Package baseline implements the methods stemma's benchmarks compare
// against, faithfully, so that the comparisons are honest. None of it is
// used to trace articles; it exists to be measured against.
//
// All three baselines see a text the same way: [Words] are the maximal runs
// of Unicode letters and digits, lowercased, and [Shingles] are the
// deduplicated XXH3 hashes of word n-grams joined by single spaces. With
// this definition the project's reference counts hold: 169 BBC pairs and
// 793 Reuters pairs have word 5-gram Jaccard similarity of at least 0.5.
//
// The baselines are:
//
//   - [ExactPairs]: the exact Jaccard similarity join over shingle sets
//     (AllPairs with prefix filtering), the ground truth for near-duplicates;
//   - [ExactDuplicates]: texts equal after whitespace normalisation;
//   - MinHash-LSH, as in datasketch and text-dedup: [MinHash] signatures
//     (128 hash functions over word 5-grams by default) from
//     github.com/ekzhu/minhash-lsh, banded into an [LSH] index with the
//     bands and rows that minimise false positives plus false negatives
//     around the threshold, and candidate pairs kept when their estimated
//     Jaccard similarity reaches it. [AllPairs] finds near-duplicate pairs
//     in a collection and [LSH.Query] finds the near-duplicates of one
//     text.
//
// Typical use:
//
//	truth, err := baseline.ExactPairs(texts, 5, 0.8)
//	...
//	m, err := baseline.NewMinHash(baseline.Options{}) // 128 perms, 5-grams, 0.8
//	...
//	found := m.Index(texts).AllPairs()
//
// Documents are identified by their index in the input slice, and every
// [Pair] has A < B. Texts with fewer words than the n-gram size have no
// shingles and pair with nothing.
//
// Concurrency and cost: every function is safe for concurrent use, and the
// heavy ones (signatures, the exact join) spread their work over
// runtime.GOMAXPROCS(0) goroutines. On a two-core machine the 19,043
// Reuters stories take about 0.45 s to sign, 0.8 s for MinHash-LSH
// [AllPairs] and under 2 s for [ExactPairs] at threshold 0.5.
package baseline
