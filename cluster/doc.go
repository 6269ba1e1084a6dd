// Package cluster maps a whole corpus: it finds every passage that two
// documents share (all pairs), groups the passages into reprint clusters,
// and builds each cluster's copy tree: which member most likely copied
// from which, by date and containment. Boilerplate that recurs within one
// outlet (bylines, footers, disclaimers) is found and left out. The output
// is JSONL that passim users can read (see [Row] and
// docs/cluster-jsonl.md), or CSV, and a corpus [Summary].
//
// # Two runners, one core
//
// The same clustering runs on one machine ([Run], over an index; the
// `stemma cluster` command) and on a cluster (the Apache Beam pipeline in
// the module github.com/stemmanews/stemma/beam). Both call the same
// functions, in the same order, on the same values:
//
//   - a distinct text (exact duplicates are one [Text], identified by the
//     hash of its bytes, [TextID]) is tokenised and fingerprinted by a
//     [Preparer], as package index does: its winnowed fingerprints are its
//     postings, every word and stopword n-gram hash its query grams;
//   - text A hits text B once per distinct query gram of A that is a
//     posting of B, for B with a larger TextID (so each pair is counted and
//     aligned once, in one orientation), ignoring fingerprints posted by
//     more than Options.MaxPostings texts or contained in more than
//     [Options.MaxContaining]; [Candidates] keeps the texts
//     with at least Options.MinHits hits, the most first, at most
//     Options.MaxCandidates;
//   - a [Pairer] aligns each candidate pair into [PairPassage] values;
//   - a [Linker] finds the boilerplate and links passages into
//     [Component] values;
//   - [Build] makes each component a [Cluster] with its copy tree, and
//     [Cluster.Rows] the output rows.
//
// Every step is deterministic and independent of the order in which its
// inputs arrive (ties are broken by TextID and document ID), so the two
// runners write the same clusters, members and parents; a test checks it.
//
// # Candidate rule
//
// The index caps a fingerprint's document frequency at query time; the
// clustering uses the same cap. MinHits defaults to 2 rather than trace's
// 1: winnowing guarantees two hits for any shared run of N+2·Window−1 = 12
// words, and on Reuters-21578 the pairs with a single hit are 82% of all
// candidate pairs but yield only formulaic wire phrases ("Qtly div five
// cts vs five cts prior"), which would cost most of the alignment time and
// glue unrelated stories together.
//
// # Concurrency and cost
//
// [Run] uses Options.Workers goroutines to tokenise and align. The cost is
// dominated by alignment: one per candidate pair, each linear in the two
// texts' lengths; then by the scan (tokenising and fingerprinting every
// text once) and the join (sorting every distinct n-gram of every text,
// then every hit). A [Preparer], [Pairer], [Linker] and [SummaryBuilder]
// are not safe for concurrent use; [Build] and [Candidates] are pure
// functions.
//
// # Memory
//
// Options.MemoryMB is the budget of the whole process that runs [Run]
// (`stemma cluster --memory-mb`). Of it, Run sets aside 96 MiB for the Go
// runtime, the thesaurus, I/O buffers and goroutines, and a table of 29
// bytes per stored document (the text's ID, its length, documents and
// outlet, and its place in TextID order): the one part that grows with
// the corpus. Half of what is left is the job's buffers; the other half is
// room for the garbage collector, which lets the heap grow to about twice
// what is live unless a memory limit stops it (`stemma cluster` holds one
// at the budget less what the process holds outside Go, the index's block
// cache, cgo's allocations and the program's code, measured as it runs:
// package internal/memlimit).
// The buffers are, phase by phase:
//
//   - scan: the n-gram sort buffer (3/5, 16 bytes per gram; a text has
//     about as many distinct grams as words, and about 2.3 per byte of
//     text in news) and a cache of tokenised texts (2/5, the text's bytes
//     and 16 bytes per word);
//   - join: the hit sort buffer (12 bytes per hit, equal pairs counted
//     together when they are spilled), with the cache cut to 1/5;
//   - align: the cache, with all of the buffers;
//   - link and build: the passages' sides (32 bytes each, two per
//     passage) and the clusters' members (120 bytes per passage) sorted in
//     7/16 each, the summary's spans in 1/8; beside them the union-find
//     and counts, 13 bytes per passage.
//
// Every sort spills sorted runs to the work directory beyond its buffer
// and merges them as it reads. The work directory also keeps every
// clustered text, compressed alone (texts.dat, about 60% of the text's
// bytes), from which alignment reads the texts it has not cached: one
// pread each, not a lookup in the index. The disk a job takes is the
// texts, about 10 bytes per gram in the scan and join, then about 5 bytes
// per pair of texts that share a fingerprint, and 100 bytes per aligned
// passage (twice, in the work directory and the link spill). Go's own
// overhead, pebble's block cache and the binary's code are outside the
// buffers: with a budget under 256 MiB the process takes more than its
// budget.
package cluster

import "errors"

// ErrCorrupt marks spill files, work directories and records that do not
// decode.
var ErrCorrupt = errors.New("cluster: corrupt")
