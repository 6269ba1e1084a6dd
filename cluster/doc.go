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
// [Run] uses Options.Workers goroutines to tokenise and align, and keeps
// its buffers within Options.MemoryMB by spilling sorted runs to its work
// directory; what grows with the corpus beyond that is 32 bytes per stored
// document (the scan's table) and about 10 bytes per aligned passage (the
// union-find). The cost is dominated by alignment: one per candidate pair,
// each linear in the two texts' lengths. A [Preparer], [Pairer], [Linker]
// and [SummaryBuilder] are not safe for concurrent use; [Build] and
// [Candidates] are pure functions.
package cluster

import "errors"

// ErrCorrupt marks spill files, work directories and records that do not
// decode.
var ErrCorrupt = errors.New("cluster: corrupt")
