package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"github.com/klauspost/compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
)

// bufSize is the size of the read buffers. It is large so that a JSONL line
// is almost always decoded in place, without being copied.
const bufSize = 1 << 20

// ErrNoInput is returned by [NewReader] when it is given no paths.
var ErrNoInput = errors.New(`ingest: no input paths (use "-" for standard input)`)

// Record is one document and where it was read.
type Record struct {
	Doc stemma.Doc
	// File names the input, as in [Skip.File].
	File string
	// Line is the 1-based line of a JSONL input, or 0 for a whole text file.
	Line int
	// Offset is the byte offset of a WARC record in its file (in the
	// decompressed stream when the whole file is one gzip stream), and Item
	// the 1-based entry of a feed.
	Offset int64
	Item   int
}

// Reader reads documents from files, directories and standard input, one
// at a time. It is not safe for concurrent use.
type Reader struct {
	opts  Options
	paths []string // paths given by the user, not yet reached
	queue []input  // files found in a directory, not yet opened

	cur    decoder   // the open input, nil between inputs
	file   io.Closer // the file under cur, nil for stdin
	sum    Summary
	closed bool

	// Buffers and decoders, reused from input to input.
	bufSize   int
	lineLimit int           // the longest JSONL line, in bytes
	in        *bufio.Reader // over the file
	inErr     sticky
	gz        *gzip.Reader
	unz       *bufio.Reader // over the gzip stream
	unzErr    sticky
	jsonl     jsonlDecoder
	text      textDecoder
	html      htmlDecoder
	warc      warcDecoder
	feed      feedDecoder
}

// input is a file to open, or a failure met while walking a directory.
type input struct {
	path string // to open and to name in messages
	id   string // the ID of the document if the file is text
	err  error  // if not nil, the file is reported unreadable
}

// decoder reads the documents of one format from one input. Each format
// has one; a new format slots in as a new decoder and a case in [sniff].
type decoder interface {
	// next returns the next good document, or false at the end of the
	// input. It reports bad records with Reader.skip and never returns them.
	next() (Record, bool)
}

// NewReader returns a Reader of the documents in paths, in order. A path
// is a file, a directory (read recursively) or "-" for opts.Stdin. Paths are
// opened lazily, by [Reader.Next]: a missing file is reported as a [Skip],
// not as an error here. NewReader fails only on invalid options or an empty
// list of paths.
func NewReader(paths []string, opts Options) (*Reader, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, ErrNoInput
	}
	opts.EnsureDefaults()
	r := &Reader{
		opts:      opts,
		paths:     slices.Clone(paths),
		sum:       Summary{Skipped: map[SkipReason]int{}, Warnings: map[string]int{}},
		bufSize:   bufSize,
		lineLimit: opts.MaxDocBytes + jsonSlack,
	}
	r.jsonl.r = r
	r.text.r = r
	r.html.r = r
	r.warc.r = r
	r.feed.r = r
	return r, nil
}

// Next returns the next good document, and false when there are no more.
// Bad records are never returned: they are counted in the [Summary],
// passed to [Options.OnSkip], and skipped.
func (r *Reader) Next() (Record, bool) {
	for !r.closed {
		if r.cur == nil && !r.openNext() {
			return Record{}, false
		}
		if r.cur == nil {
			continue
		}
		if rec, ok := r.cur.next(); ok {
			r.sum.Docs++
			r.sum.Bytes += int64(len(rec.Doc.Text))
			return rec, true
		}
		r.closeInput()
	}
	return Record{}, false
}

// Summary returns the counts so far. The caller may keep and change it.
func (r *Reader) Summary() Summary { return r.sum.clone() }

// Close closes the open file, if any. Next returns false after Close.
func (r *Reader) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	r.paths, r.queue = nil, nil
	return r.closeInput()
}

// openNext opens the next input and sets r.cur, or leaves r.cur nil if the
// input could not be opened. It returns false when no inputs are left.
func (r *Reader) openNext() bool {
	var in input
	switch {
	case len(r.queue) > 0:
		in, r.queue = r.queue[0], r.queue[1:]
	case len(r.paths) > 0:
		p := r.paths[0]
		r.paths = r.paths[1:]
		if p == "-" {
			r.start(r.opts.Stdin, nil, "stdin", "stdin", -1)
			return true
		}
		in = input{path: p, id: p}
	default:
		return false
	}
	if in.err != nil {
		r.skip(Skip{File: in.path, Reason: Unreadable, Err: in.err})
		return true
	}
	f, err := os.Open(in.path)
	if err != nil {
		r.skip(Skip{File: in.path, Reason: Unreadable, Err: err})
		return true
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		r.skip(Skip{File: in.path, Reason: Unreadable, Err: err})
		return true
	}
	if fi.IsDir() {
		f.Close()
		r.queue = append(walk(in.path), r.queue...)
		return true
	}
	size := int64(-1)
	if fi.Mode().IsRegular() {
		size = fi.Size()
	}
	r.start(f, f, in.path, in.id, size)
	return true
}

// start sets r.cur to a decoder of src, after removing any gzip
// compression and detecting the format. c, if not nil, is closed at the end
// of the input. size is the length of src, or -1 if unknown.
func (r *Reader) start(src io.Reader, c io.Closer, name, id string, size int64) {
	r.file = c
	r.inErr = sticky{r: src}
	if r.in == nil {
		r.in = bufio.NewReaderSize(&r.inErr, r.bufSize)
	} else {
		r.in.Reset(&r.inErr)
	}
	br := r.in
	format := r.opts.Format
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		// A WARC file gzip'd record by record is read as it is, so that
		// a corrupt member costs one record and offsets are file offsets.
		if (format == FormatAuto || format == FormatWARC) && perRecordWARC(br) {
			r.warc.reset(br, name)
			r.cur = &r.warc
			return
		}
		var err error
		if r.gz == nil {
			r.gz, err = gzip.NewReader(br)
		} else {
			err = r.gz.Reset(br)
		}
		if err != nil {
			r.skip(Skip{File: name, Reason: Unreadable, Err: fmt.Errorf("decompressing: %w", err)})
			r.closeInput()
			return
		}
		r.unzErr = sticky{r: r.gz, prefix: "decompressing"}
		if r.unz == nil {
			r.unz = bufio.NewReaderSize(&r.unzErr, r.bufSize)
		} else {
			r.unz.Reset(&r.unzErr)
		}
		br, size = r.unz, -1
	}
	if format == FormatAuto {
		format = sniff(br)
	}
	switch format {
	case FormatJSONL:
		r.jsonl.reset(br, name)
		r.cur = &r.jsonl
	case FormatHTML:
		r.html.reset(br, name, id)
		r.cur = &r.html
	case FormatWARC:
		r.warc.reset(br, name)
		r.cur = &r.warc
	case FormatFeed:
		r.feed.reset(br, name)
		r.cur = &r.feed
	default:
		r.text.reset(br, name, id, size)
		r.cur = &r.text
	}
}

// closeInput closes the current input.
func (r *Reader) closeInput() error {
	r.cur = nil
	r.warc.close()
	var err error
	if r.file != nil {
		err = r.file.Close()
		r.file = nil
	}
	r.inErr, r.unzErr = sticky{}, sticky{}
	return err
}

// ignore counts a WARC record passed over by design.
func (r *Reader) ignore(why IgnoreReason) {
	if r.sum.Ignored == nil {
		r.sum.Ignored = map[IgnoreReason]int{}
	}
	r.sum.Ignored[why]++
}

// skip records a skipped record.
func (r *Reader) skip(s Skip) {
	r.sum.Skipped[s.Reason]++
	if len(r.sum.Skips) < r.opts.MaxSkips {
		r.sum.Skips = append(r.sum.Skips, s)
	}
	if r.opts.OnSkip != nil {
		r.opts.OnSkip(s)
	}
}

// checkText returns why a document with this text must be skipped, or ""
// if it can be kept.
func (r *Reader) checkText(text string) (SkipReason, error) {
	switch {
	case len(text) > r.opts.MaxDocBytes:
		return TooLarge, fmt.Errorf("text is %d bytes, over the limit of %d", len(text), r.opts.MaxDocBytes)
	case text == "":
		return Empty, errNoText
	case strings.TrimSpace(text) == "":
		return Empty, errBlankText
	}
	return "", nil
}

var (
	errNoText    = errors.New("no text")
	errBlankText = errors.New("text is only whitespace")
)

// walk lists the files under the directory root in lexical order, with
// the failures met on the way. Hidden files and directories (named ".*")
// are left out, and so are symbolic links to directories, which are not
// followed, and devices, pipes and sockets.
func walk(root string) []input {
	var files []input
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			files = append(files, input{path: p, err: err})
			return nil // keep the entries read before the failure
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch t := d.Type(); {
		case t.IsDir():
			return nil
		case t&fs.ModeSymlink != 0:
			fi, err := os.Stat(p)
			if err != nil {
				files = append(files, input{path: p, err: err})
				return nil
			}
			if !fi.Mode().IsRegular() {
				return nil
			}
		case !t.IsRegular():
			return nil
		}
		files = append(files, input{path: p, id: filepath.ToSlash(p)})
		return nil
	})
	return files
}

var utf8BOM = []byte("\uFEFF")

// sniffBytes is how much of an input sniff looks at.
const sniffBytes = 4096

// sniff detects the format of the input buffered in br from its first
// bytes, without consuming anything (see [FormatAuto]). It looks at no
// more than the buffer holds.
func sniff(br *bufio.Reader) Format {
	for n := min(sniffBytes, br.Size()); ; n = min(2*n, br.Size()) {
		head, err := br.Peek(n)
		if f := sniffHead(head); f != "" {
			return f
		}
		if err != nil || n == br.Size() {
			return FormatText
		}
	}
}

// sniffHead classifies the first bytes of an input, or returns "" if they
// are only whitespace.
func sniffHead(head []byte) Format {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	switch {
	case len(head) == 0:
		return ""
	case bytes.HasPrefix(head, []byte("WARC/")):
		return FormatWARC
	case head[0] == '{':
		if bytes.Contains(head[:min(len(head), sniffBytes)], []byte("jsonfeed.org/version")) {
			return FormatFeed
		}
		return FormatJSONL
	case head[0] == '<':
		return sniffMarkup(bytes.ToLower(head[:min(len(head), sniffBytes)]))
	}
	return FormatText
}

// sniffMarkup tells a feed from an HTML page by the first element, after
// any XML declaration, processing instructions, comments and doctype.
func sniffMarkup(m []byte) Format {
	for {
		m = bytes.TrimLeft(m, " \t\r\n")
		switch {
		case bytes.HasPrefix(m, []byte("<?")):
			i := bytes.Index(m, []byte("?>"))
			if i < 0 {
				return FormatText
			}
			m = m[i+2:]
		case bytes.HasPrefix(m, []byte("<!--")):
			i := bytes.Index(m, []byte("-->"))
			if i < 0 {
				return FormatText
			}
			m = m[i+3:]
		case bytes.HasPrefix(m, []byte("<!doctype html")):
			return FormatHTML
		case bytes.HasPrefix(m, []byte("<!doctype")):
			i := bytes.IndexByte(m, '>')
			if i < 0 {
				return FormatText
			}
			m = m[i+1:]
		case hasTag(m, "rss"), hasTag(m, "feed"), hasTag(m, "rdf:rdf"):
			return FormatFeed
		case hasTag(m, "html"), hasTag(m, "head"), hasTag(m, "body"):
			return FormatHTML
		default:
			return FormatText
		}
	}
}

// hasTag reports whether m starts with the start tag <name.
func hasTag(m []byte, name string) bool {
	if len(m) < len(name)+2 || m[0] != '<' || string(m[1:1+len(name)]) != name {
		return false
	}
	c := m[1+len(name)]
	return c == '>' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/'
}

// perRecordWARC reports whether the gzip stream buffered in br is a WARC
// file compressed record by record: its first member decompresses to
// "WARC/" and holds one record. A WARC file gzip'd as a whole is read
// through the gzip path instead.
func perRecordWARC(br *bufio.Reader) bool {
	head, _ := br.Peek(br.Size())
	zr, err := gzip.NewReader(bytes.NewReader(head))
	if err != nil {
		return false
	}
	zr.Multistream(false)
	var first [5]byte
	if _, err := io.ReadFull(zr, first[:]); err != nil || string(first[:]) != "WARC/" {
		return false
	}
	// A second record inside the first member means a whole-file gzip.
	buf := make([]byte, 64<<10)
	var tail []byte
	for {
		n, err := zr.Read(buf)
		chunk := append(tail, buf[:n]...)
		if bytes.Contains(chunk, []byte("\r\n\r\nWARC/")) {
			return false
		}
		tail = append(tail[:0], chunk[max(0, len(chunk)-12):]...)
		if err != nil {
			return true // the end of the member, or of what is buffered
		}
	}
}

// sticky is a reader that keeps returning its first error. A bufio.Reader
// hands an error out once; sticky makes sure a failure seen while sniffing
// is seen again by the decoder. Errors other than io.EOF get the prefix.
type sticky struct {
	r      io.Reader
	prefix string
	err    error
}

func (s *sticky) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.r == nil {
		return 0, io.EOF
	}
	n, err := s.r.Read(p)
	if err != nil {
		if err != io.EOF && s.prefix != "" {
			err = fmt.Errorf("%s: %w", s.prefix, err)
		}
		s.err = err
	}
	return n, err
}

// badUTF8 describes the first invalid byte of b.
func badUTF8(b []byte) error {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return fmt.Errorf("byte 0x%02x at offset %d", b[i], i)
		}
		i += n
	}
	return nil
}
