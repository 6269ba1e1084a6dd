package ingest

import (
	"bufio"
	"compress/flate"
	"errors"
	"fmt"
	"github.com/klauspost/compress/gzip"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"strings"

	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/stemmanews/stemma"
)

// warcDecoder reads the HTTP 200 HTML responses of a WARC file, record by
// record, compressed per record with gzip or not.
//
// It holds one record at a time: gowarc keeps a record's block in memory up
// to a small limit and in a temporary file beyond it, and a payload is read
// into memory only up to Options.MaxPageBytes. So memory stays flat however
// large the file is.
type warcDecoder struct {
	r    *Reader
	wr   *gowarc.WarcFileReader
	name string
	done bool
	// failing is set after a record that could not be parsed, until the
	// next good one: a run of corrupt bytes is reported once. failedAt is
	// the offset of the last failure: a reader that fails twice at one
	// offset cannot go on.
	failing  bool
	failedAt int64
}

func (d *warcDecoder) reset(br *bufio.Reader, name string) {
	d.name, d.done, d.failing = name, false, false
	// The stream is not seekable, so the offset is only a starting count.
	wr, err := gowarc.NewWarcFileReaderFromStream(br, 0)
	if err != nil {
		d.done = true
		d.r.skip(Skip{File: name, Reason: Unreadable, Err: err})
		return
	}
	d.wr = wr
}

func (d *warcDecoder) close() {
	if d.wr != nil {
		d.wr.Close() // returns the buffer to gowarc's pool; br is not a Closer
		d.wr = nil
	}
}

func (d *warcDecoder) next() (Record, bool) {
	for !d.done {
		rec, err := d.wr.Next()
		if errors.Is(err, io.EOF) && rec.WarcRecord == nil {
			d.done = true
			break
		}
		if err != nil {
			if rec.WarcRecord != nil {
				rec.Close()
			}
			reason := CorruptRecord
			if isTruncation(err) {
				reason = TruncatedRecord
			}
			if !d.failing {
				d.r.skip(Skip{File: d.name, Offset: rec.Offset, Reason: reason, Err: err})
			} else if rec.Offset == d.failedAt {
				d.done = true // the reader cannot move past the damage (a corrupt gzip stream)
			}
			d.failing, d.failedAt = true, rec.Offset
			if reason == TruncatedRecord || errors.Is(err, gowarc.ErrNoRecord) || errors.Is(err, io.EOF) {
				d.done = true // nothing follows the end of the data
			}
			continue
		}
		d.failing = false
		doc, ok := d.record(rec)
		rec.Close()
		if ok {
			return Record{Doc: doc, File: d.name, Offset: rec.Offset}, true
		}
	}
	d.close()
	return Record{}, false
}

// isTruncation reports whether err means the data ended inside a record.
func isTruncation(err error) bool {
	return errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected EOF") ||
		strings.Contains(err.Error(), "too few bytes")
}

// record turns one WARC record into a document, or counts why not.
func (d *warcDecoder) record(rec gowarc.Record) (stemma.Doc, bool) {
	wr := rec.WarcRecord
	where := Skip{File: d.name, Offset: rec.Offset}
	if wr.Type() != gowarc.Response {
		d.r.ignore(IgnoredRecordType)
		return stemma.Doc{}, false
	}
	for _, v := range rec.Validation {
		if isTruncation(v) || errors.As(v, new(*gowarc.ContentLengthError)) {
			where.Reason, where.Err = TruncatedRecord, v
			d.r.skip(where)
			return stemma.Doc{}, false
		}
	}
	h := wr.WarcHeader()
	if t := h.Get(gowarc.WarcTruncated); t != "" {
		where.Reason, where.Err = TruncatedRecord, fmt.Errorf("WARC-Truncated: %s", t)
		d.r.skip(where)
		return stemma.Doc{}, false
	}
	block, ok := wr.Block().(gowarc.HttpResponseBlock)
	if !ok {
		d.r.ignore(IgnoredNotHTML) // a response that is not HTTP
		return stemma.Doc{}, false
	}
	if code := block.HttpStatusCode(); code != http.StatusOK {
		d.r.ignore(IgnoredHTTPStatus)
		return stemma.Doc{}, false
	}
	hh := block.HttpHeader()
	var ctype string
	if hh != nil {
		ctype = hh.Get("Content-Type")
	}
	payload, err := block.PayloadBytes()
	if err != nil {
		where.Reason, where.Err = CorruptRecord, fmt.Errorf("reading payload: %w", err)
		d.r.skip(where)
		return stemma.Doc{}, false
	}
	var body io.Reader = payload
	if hh != nil {
		if strings.EqualFold(strings.TrimSpace(hh.Get("Transfer-Encoding")), "chunked") {
			body = httputil.NewChunkedReader(body)
		}
		switch enc := strings.ToLower(strings.TrimSpace(hh.Get("Content-Encoding"))); enc {
		case "", "identity":
		case "gzip", "x-gzip":
			zr, err := gzip.NewReader(body)
			if err != nil {
				where.Reason, where.Err = CorruptRecord, fmt.Errorf("content-encoding gzip: %w", err)
				d.r.skip(where)
				return stemma.Doc{}, false
			}
			body = zr
		case "deflate":
			body = flate.NewReader(body)
		default:
			d.r.ignore(IgnoredEncoding)
			return stemma.Doc{}, false
		}
	}
	raw, tooLarge, err := readLimited(body, d.r.opts.MaxPageBytes)
	switch {
	case err != nil:
		reason := CorruptRecord
		if isTruncation(err) {
			reason = TruncatedRecord
		}
		where.Reason, where.Err = reason, fmt.Errorf("reading payload: %w", err)
		d.r.skip(where)
		return stemma.Doc{}, false
	case tooLarge:
		where.Reason, where.Err = TooLarge, fmt.Errorf("payload is over the limit of %d bytes", d.r.opts.MaxPageBytes)
		d.r.skip(where)
		return stemma.Doc{}, false
	}
	if !isHTMLType(ctype, raw) {
		d.r.ignore(IgnoredNotHTML)
		return stemma.Doc{}, false
	}
	uri := strings.Trim(h.Get(gowarc.WarcTargetURI), "<>")
	doc, ok := d.r.article(raw, uri, ctype, where)
	if !ok {
		return stemma.Doc{}, false
	}
	// A capture is named by its URL and time, so that re-reading the file
	// adds nothing and two captures of a page are two documents (identical
	// texts are then recorded as duplicates by the index).
	doc.ID = uri + "@" + h.Get(gowarc.WarcDate)
	if doc.URL == "" {
		doc.URL = uri
	}
	return doc, true
}

// isHTMLType reports whether a response is HTML: by its Content-Type, or,
// when it has none, by its first bytes.
func isHTMLType(ctype string, body []byte) bool {
	if strings.TrimSpace(ctype) == "" {
		ctype = http.DetectContentType(body)
	}
	mt, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(ctype, ";", 2)[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}
