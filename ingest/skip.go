package ingest

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
)

// SkipReason says why a record was skipped.
type SkipReason string

const (
	// Malformed: a JSONL line is not a JSON object of the expected shape.
	Malformed SkipReason = "malformed-json"
	// InvalidUTF8: a JSONL line or a text file is not valid UTF-8. It is
	// checked on the raw bytes, before any decoding could hide it.
	InvalidUTF8 SkipReason = "invalid-utf8"
	// Empty: the document has no text, or only whitespace.
	Empty SkipReason = "empty"
	// TooLarge: the text is longer than [Options.MaxDocBytes], or a JSONL
	// line is longer than MaxDocBytes + 64 KiB.
	TooLarge SkipReason = "too-large"
	// Unreadable: an input could not be opened or read to its end: a
	// missing file, a permission error, a corrupt or truncated gzip stream.
	// Documents read before the failure are kept.
	Unreadable SkipReason = "unreadable"
	// NoArticle: an HTML page in which no main text was found.
	NoArticle SkipReason = "no-article"
	// MalformedFeed: a feed file that is not RSS, Atom or JSON Feed.
	MalformedFeed SkipReason = "malformed-feed"
	// TruncatedRecord: a WARC record cut short, by the end of the file or
	// by the crawler (WARC-Truncated). The records before it are kept.
	TruncatedRecord SkipReason = "truncated-record"
	// CorruptRecord: bytes of a WARC file that do not parse as a record: a
	// corrupt gzip member, a bad header. A run of such bytes is one skip;
	// reading resumes at the next record found.
	CorruptRecord SkipReason = "corrupt-record"
)

// IgnoreReason says why a WARC record was passed over. Unlike a skip, it is
// not a fault of the input: a WARC file holds requests, metadata, images
// and redirects besides the pages that are articles. Ignored records are
// only counted, in [Summary.Ignored].
type IgnoreReason string

const (
	// IgnoredRecordType: not a response record (request, warcinfo,
	// metadata, revisit, resource).
	IgnoredRecordType IgnoreReason = "not-response"
	// IgnoredHTTPStatus: an HTTP status other than 200.
	IgnoredHTTPStatus IgnoreReason = "http-status"
	// IgnoredNotHTML: a response whose content is not HTML.
	IgnoredNotHTML IgnoreReason = "not-html"
	// IgnoredEncoding: a Content-Encoding other than gzip or deflate.
	IgnoredEncoding IgnoreReason = "content-encoding"
)

// WarnBadDate counts, in [Summary.Warnings], documents whose date could not
// be parsed. Such a document is kept, undated.
const WarnBadDate = "bad-date"

// Skip is one record that was not returned, and why.
type Skip struct {
	// File names the input: the path as given, a path found in a given
	// directory, or "stdin".
	File string
	// Line is the 1-based line of a JSONL input, or 0 when the skip is
	// about a whole file.
	Line int
	// Offset is the byte offset in the file of a WARC record (whose Line
	// is 0), and Item the 1-based entry of a feed.
	Offset int64
	Item   int
	Reason SkipReason
	// Err gives the detail, if any; for Unreadable it wraps the underlying
	// error (an *fs.PathError for a missing file).
	Err error
}

// Error returns a message such as
// "corpus.jsonl line 17: malformed-json: invalid character 'x' ...", or
// "crawl.warc.gz@1234: truncated-record: ..." for a WARC record.
func (s Skip) Error() string {
	msg := s.Where() + ": " + string(s.Reason)
	if s.Err != nil {
		msg += ": " + s.Err.Error()
	}
	return msg
}

// Unwrap returns s.Err, so errors.Is(skip, fs.ErrNotExist) works.
func (s Skip) Unwrap() error { return s.Err }

// Where names the record: its file, and its line, feed item or WARC offset.
func (s Skip) Where() string {
	switch {
	case s.Line > 0:
		return s.File + " line " + strconv.Itoa(s.Line)
	case s.Item > 0:
		return s.File + " item " + strconv.Itoa(s.Item)
	case s.Offset > 0:
		return s.File + "@" + strconv.FormatInt(s.Offset, 10)
	}
	return s.File
}

// Summary counts what a [Reader] has read so far.
type Summary struct {
	// Docs is the number of documents returned and Bytes the length of
	// their texts.
	Docs  int
	Bytes int64
	// Skipped counts skipped records by reason.
	Skipped map[SkipReason]int
	// Skips holds the first [Options.MaxSkips] skipped records, in order.
	Skips []Skip
	// Warnings counts problems that did not cost a document, such as
	// [WarnBadDate].
	Warnings map[string]int
	// Ignored counts WARC records passed over by design, by reason.
	Ignored map[IgnoreReason]int
}

// IgnoredTotal returns the number of ignored WARC records.
func (s Summary) IgnoredTotal() int {
	n := 0
	for _, c := range s.Ignored {
		n += c
	}
	return n
}

// SkippedTotal returns the number of skipped records of every reason.
func (s Summary) SkippedTotal() int {
	n := 0
	for _, c := range s.Skipped {
		n += c
	}
	return n
}

// String returns a one-line account such as
// "19043 documents (15.8 MB), 2 skipped (1 empty, 1 malformed-json)".
func (s Summary) String() string {
	msg := fmt.Sprintf("%d documents (%.1f MB), %d skipped", s.Docs, float64(s.Bytes)/1e6, s.SkippedTotal())
	if len(s.Skipped) > 0 {
		msg += " ("
		for i, r := range slices.Sorted(maps.Keys(s.Skipped)) {
			if i > 0 {
				msg += ", "
			}
			msg += strconv.Itoa(s.Skipped[r]) + " " + string(r)
		}
		msg += ")"
	}
	if n := s.IgnoredTotal(); n > 0 {
		msg += ", " + strconv.Itoa(n) + " ignored ("
		for i, r := range slices.Sorted(maps.Keys(s.Ignored)) {
			if i > 0 {
				msg += ", "
			}
			msg += strconv.Itoa(s.Ignored[r]) + " " + string(r)
		}
		msg += ")"
	}
	for _, w := range slices.Sorted(maps.Keys(s.Warnings)) {
		msg += ", " + strconv.Itoa(s.Warnings[w]) + " " + w
	}
	return msg
}

func (s Summary) clone() Summary {
	s.Skipped = maps.Clone(s.Skipped)
	s.Warnings = maps.Clone(s.Warnings)
	s.Ignored = maps.Clone(s.Ignored)
	s.Skips = append([]Skip(nil), s.Skips...)
	return s
}
