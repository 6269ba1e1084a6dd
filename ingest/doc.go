// Package ingest reads news articles into [stemma.Doc] values: from JSONL
// files, plain-text files, HTML pages, WARC archives, RSS, Atom and JSON
// feeds, directories of them and standard input, compressed with gzip or
// not.
//
// # Use
//
// Make a [Reader] over paths, call [Reader.Next] until it returns false,
// then look at the [Summary]:
//
//	r, err := ingest.NewReader([]string{"corpus/", "extra.jsonl.gz", "-"}, ingest.Options{})
//	if err != nil {
//		return err // only invalid options or no paths
//	}
//	defer r.Close()
//	for rec, ok := r.Next(); ok; rec, ok = r.Next() {
//		index(rec.Doc)
//	}
//	fmt.Println(r.Summary()) // 19043 documents (15.8 MB), 0 skipped
//
// A path is a file, a directory or "-" for standard input ([Options.Stdin]).
// A directory is walked recursively in lexical order; names starting with
// "." are left out, symbolic links to files are followed and links to
// directories are not.
//
// # Formats
//
// gzip compression is recognised by its magic bytes, whatever the file is
// called. Then, unless [Options.Format] says otherwise, the format is
// detected from the content (see [FormatAuto]): "WARC/1.x" is a WARC file,
// a JSON object naming jsonfeed.org is a JSON Feed and any other '{' is
// JSONL, <rss, <feed or <rdf:RDF is a feed, <!doctype html, <html, <head
// or <body is an HTML page, and anything else is text. A WARC file gzip'd
// record by record (the usual .warc.gz) is read member by member, so that
// one corrupt member costs one record.
//
// An HTML page is one document: its main text and metadata are extracted
// by [ExtractHTML], and its ID is the path, as for text. A WARC file yields
// one document per HTTP 200 HTML response, extracted the same way and
// named by its target URI and capture time ("https://…/story@2024-03-05T10:00:00Z");
// [Record.Offset] says where in the file the record starts. Records that
// are not such responses are counted in [Summary.Ignored]; truncated and
// corrupt ones are skipped. A feed (RSS, Atom or JSON Feed) yields one
// document per entry, as [ParseFeed] describes; [Record.Item] numbers the
// entries.
//
// JSONL has one JSON object per line, with the fields id, source (or
// passim's series), date, title, url and text; other fields are ignored and
// null is the same as a missing field. A date is RFC 3339, or
// "2006-01-02T15:04:05" or "2006-01-02" in UTC. A date that cannot be parsed
// leaves the document undated and counts a [WarnBadDate] warning: ingest
// never invents a date. A document without an id is named after its file
// and line, as in "corpus.jsonl:17". Blank lines are ignored, CRLF line
// endings are accepted, and so is a last line without a newline.
//
// A text input is one document. Its ID is the path as the user gave it, or
// as found in a given directory (cleaned, with forward slashes), or
// "stdin". Its Title is the first non-blank line, trimmed, if that is no
// longer than 200 bytes. Its Text is the whole content, byte for byte, so
// that offsets into it are exact.
//
// # Skipped records
//
// A bad record is never returned and never silently dropped: it is skipped
// with a [SkipReason], counted in the [Summary], kept there as a [Skip] (up
// to [Options.MaxSkips]), and passed to [Options.OnSkip]. A Skip names the
// file and, in JSONL, the line. Reading goes on with the next record or
// file: a missing file, a corrupt line or a truncated gzip stream costs only
// what it must. Invalid UTF-8 is looked for in the raw bytes, because
// encoding/json would silently replace it.
//
// # Size limit: the 50 MB document policy
//
// A document whose text is longer than [Options.MaxDocBytes] (default
// [DefaultMaxDocBytes], 8 MiB) is skipped as [TooLarge]. News articles are
// a few kilobytes; a document of many megabytes is a concatenated dump or a
// broken line, and tokenizing and aligning it would cost memory and time in
// proportion to its size. So the limit is enforced while reading: a JSONL
// line longer than MaxDocBytes + 64 KiB (room for the other fields and
// escapes) is read to its end and dropped without being held in memory, so
// a 50 MB line allocates a few megabytes, not 50. The limit is configurable
// for corpora of long documents such as books.
//
// # Measurement
//
// [HTMLCorpus] returns 30 news pages written to measure [ExtractHTML], with
// what each must and must not yield, and [EvaluateHTML] scores extraction
// on them by sentence. [WriteNewsWARC] writes a WARC file of news pages of
// any size from stories, to measure streaming. `stemma eval` (package
// bench) reports both on the benchmarks page.
//
// # Concurrency and cost
//
// A Reader is not safe for concurrent use; hand its documents to other
// goroutines instead. It reads each input once, streaming, and holds one
// input open at a time. It keeps two 1 MiB read buffers, one line longer
// than those buffers (at most MaxDocBytes + 64 KiB) and the current
// document. Nearly all the time goes to encoding/json and gunzip: on the
// machine where ingest was written, BenchmarkReadReuters reads about
// 85 MB/s of decompressed JSONL from a gzip'd file and 145 MB/s from a
// plain one, on one core.
package ingest
