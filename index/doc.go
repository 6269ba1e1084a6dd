// Package index is stemma's on-disk store: the documents, in a Pebble
// database, and the winnowed fingerprint postings that find them and the
// counts of their terms, in immutable segment files beside it.
//
// Open an index with [Open], add documents with [Index.Ingest] (a parallel
// pipeline) or [Index.Commit] (one atomic batch of [Index.Prepare]d
// documents), and read it with [Index.Doc], [Index.DocByID] and
// [Index.Candidates]; [Index.TermCounts] says how often the stored
// documents use a word, a pair of words or a name (package freq).
// [Index.Check] verifies every invariant listed below.
//
// # Concurrency
//
// All read methods are safe for concurrent use, also while documents are
// being added. Writes are serialised internally: a document becomes
// visible to readers, and is acknowledged, when the batch holding it
// commits. A batch is written atomically and durably before Commit
// returns, so a crash never leaves half a document: a small one through
// Pebble's synced write-ahead log, a large one (a megabyte or more, as
// Ingest writes them) as sorted tables that Pebble ingests, which writes
// the text once and puts the document records straight into the bottom
// level of the tree (tables.go). Tables a crash leaves before their
// ingestion are removed when the index is next opened for writing. A
// writable index merges posting and term segments on goroutines of their
// own; Close stops them.
//
// # Cost
//
// Each document costs its text (compressed with zstd in 8 KB blocks, about
// 0.55 of news text), its metadata, and about 2/(W+1) postings per word (W
// is the winnowing window, default 4) for each kind of fingerprint, of
// about HashBits − 4 bits each (segment.go). A candidate lookup costs one
// select in each posting segment per article fingerprint; the segments are
// merged in the background so that there are a few per factor of eight in
// size (segments.go). The term counts (terms.go) cost an entry of a few
// bytes per distinct word, pair of words and entity name of each term
// segment, which are merged as the posting segments are; a commit sorts
// its documents' terms, about two per word, linearly, and writes them as
// one file.
//
// # Format
//
// Format version 3. All integers are big-endian unless noted; docnum is a
// uint32 assigned in commit order starting at 1. The Pebble store holds:
//
//	"m/version"            -> uvarint format version (2)
//	"m/fingerprint"        -> uvarint N, uvarint Window, uvarint StopN, uvarint Sketch (fixed at creation)
//	"m/postings"           -> uvarint HashBits (fixed at creation)
//	"m/counts"             -> uvarint next docnum, documents, text bytes, postings
//	"d" docnum             -> document record (below)
//	"g" seq(8)             -> empty value: the posting segment postings/<seq>.seg is part of the index
//	"h" seq(8)             -> empty value: the term segment terms/<seq>.cnt is part of the index
//	"i" id                 -> docnum
//	"s" source             -> uvarint documents from that source
//	"t" xxh3(text)(8)      -> docnum of the first document with exactly that text
//	"u" url                -> docnum of a document or duplicate with that URL
//	"w" feed url           -> feed state: uvarint-length-prefixed ETag, Last-Modified
//	"x" docnum             -> duplicate record: canonical docnum (4), then a
//	                          document record with no text
//	"y" canonical dupnum   -> empty value: dupnum is an exact duplicate of canonical
//
// and the directory postings/ holds the posting segments, each an
// immutable file whose format is described in segment.go: the postings
// (top HashBits bits of a fingerprint hash, docnum) of a run of documents,
// Elias-Fano coded. The directory terms/ holds the term segments, files
// of the same layout whose entries are the base-16 digits of term counts
// (terms.go). A segment is written and synced before the commit that
// registers it; a file with no "g" or "h" record is removed when the index
// is opened for writing. ("g" and "h" records written by a merge carry
// uvarint entries, DocLo and DocHi, which nothing reads.)
//
// A document record is: uvarint-length-prefixed ID, Source, URL and Title;
// a flags byte (bit 0: dated; bit 1: author and language follow; bit 2:
// the date gives only the day, set only with bit 0); if
// dated, the date as a varint of Unix nanoseconds, UTC; if bit 1, the
// uvarint-length-prefixed Author and Lang; then the text, to the end of the
// value.
//
// An exact duplicate (a text byte-identical to a stored document's, its
// canonical) is not stored again: it has an "i", an "x" and a "y" record
// and no "d" record or postings; "m/counts" then carries a fifth uvarint,
// the number of duplicates, which are not in its documents, bytes or
// postings; "s" counts include them. See dedup.go. "w" records are kept
// by the feed poller (package watch) for conditional GET.
//
// Postings hold the winnowed hashes of word n-grams and, when StopN > 0, of
// stopword n-grams, and when Sketch > 0 the sentence sketches (package
// fingerprint); all kinds share one hash space.
//
// Changelog:
//   - 1: first format. Later in version 1, "m/fingerprint" gained StopN; an
//     index without it has no stopword grams and is read as StopN = 0.
//   - 1, later still: exact duplicates ("t", "x", "y", and the duplicates
//     count in "m/counts"), document URLs ("u"), feed state ("w") and the
//     optional author and language of a document record (flags bit 1). An
//     index written before has none of these records and reads as before;
//     its documents are simply not matched as duplicates or by URL.
//   - 1, later still: "m/fingerprint" gained Sketch, the sentence
//     sketches that find paraphrased copies; an index without it has none
//     and is read as Sketch = 0 (its paraphrases are found only through
//     word and stopword grams).
//   - 1, later still: flags bit 2, a day-only date ("1987-03-19"), which
//     covers its whole day. An index written before has no such bit: its
//     dates all read as instants, as they were.
//   - 2: postings leave Pebble for Elias-Fano coded segment files ("g",
//     "m/postings", postings/); version 1 kept a key per posting,
//     "p" hash(8) docnum(4) with an empty value, which made the index twice
//     the size of its text and its compactions slow past a million
//     documents. Version 1 is refused by Open; [Migrate] (`stemma migrate`)
//     converts it. testdata/v1 is a small index of version 1.
//   - 2, later still: term counts ("f", terms.go), written as merge
//     operands. An index written before has none; it counts the documents
//     added from its next commit on.
//   - 3: term counts leave Pebble for term segments ("h", terms/): a
//     commit's merge operands cost more to write than its documents, and
//     Pebble's compactions of them took a third of a bulk ingest's time.
//     Version 2 is refused by Open; [Migrate] converts it, as it does
//     version 1. testdata/v2 is a small index of version 2.
package index
