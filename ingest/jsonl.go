package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/stemmanews/stemma"
)

// jsonRecord is one JSONL line. It is decoded into again and again, so
// that a line costs no allocations beyond its strings.
type jsonRecord struct {
	ID     jsonID   `json:"id"`
	Source string   `json:"source"`
	Series string   `json:"series"` // passim's name for the source
	Date   jsonDate `json:"date"`
	Title  string   `json:"title"`
	URL    string   `json:"url"`
	Text   string   `json:"text"`
}

// jsonlDecoder reads one JSON object per line.
type jsonlDecoder struct {
	r    *Reader
	br   *bufio.Reader
	name string // the input, for messages
	base string // its base name, for the IDs of documents without one
	line int    // the current line, 1-based
	done bool
	long []byte // a line longer than the read buffer, gathered
	rec  jsonRecord
}

func (d *jsonlDecoder) reset(br *bufio.Reader, name string) {
	d.br, d.name, d.base = br, name, filepath.Base(name)
	d.line, d.done = 0, false
}

func (d *jsonlDecoder) next() (Record, bool) {
	for !d.done {
		d.line++
		line, tooLong, err := d.readLine()
		if err == io.EOF {
			d.done = true
		} else if err != nil {
			d.done = true
			d.r.skip(Skip{File: d.name, Line: d.line, Reason: Unreadable, Err: err})
			return Record{}, false
		}
		if tooLong {
			d.r.skip(Skip{File: d.name, Line: d.line, Reason: TooLarge,
				Err: errors.New("line is longer than " + strconv.Itoa(d.r.lineLimit) + " bytes (MaxDocBytes + 64 KiB)")})
			continue
		}
		if rec, ok := d.decode(line); ok {
			return rec, true
		}
	}
	return Record{}, false
}

// readLine reads the next line, without its line ending. The line is valid
// until the next read. A line longer than the limit is read to its end and
// dropped, never held whole: readLine returns tooLong. err is io.EOF at the
// end of the input, which may follow a last line with no newline; any other
// error means the line could not be read.
func (d *jsonlDecoder) readLine() (line []byte, tooLong bool, err error) {
	limit := d.r.lineLimit
	b, err := d.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		// Gather the pieces of a line longer than the buffer, up to the limit
		// and its newline.
		d.long = d.long[:0]
		for {
			if len(d.long)+len(b) > limit+1 {
				for err == bufio.ErrBufferFull {
					_, err = d.br.ReadSlice('\n')
				}
				if err != nil && err != io.EOF {
					return nil, false, err
				}
				return nil, true, err
			}
			d.long = appendCapped(d.long, b, limit+1)
			if err != bufio.ErrBufferFull {
				break
			}
			b, err = d.br.ReadSlice('\n')
		}
		b = d.long
	}
	if err != nil && err != io.EOF {
		return nil, false, err
	}
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	if len(b) > limit {
		return nil, true, err
	}
	return b, false, err
}

// appendCapped appends b to buf, growing buf fast but never beyond limit
// bytes of capacity. len(buf)+len(b) must not exceed limit.
func appendCapped(buf, b []byte, limit int) []byte {
	if need := len(buf) + len(b); need > cap(buf) {
		grown := make([]byte, len(buf), min(limit, max(2*need, 4*cap(buf))))
		copy(grown, buf)
		buf = grown
	}
	return append(buf, b...)
}

// decode turns a line into a document, or reports why it cannot.
func (d *jsonlDecoder) decode(line []byte) (Record, bool) {
	if d.line == 1 {
		line = bytes.TrimPrefix(line, utf8BOM)
	}
	if isBlank(line) {
		return Record{}, false
	}
	// encoding/json would replace invalid UTF-8 silently.
	if !utf8.Valid(line) {
		d.r.skip(Skip{File: d.name, Line: d.line, Reason: InvalidUTF8, Err: badUTF8(line)})
		return Record{}, false
	}
	if bytes.TrimLeft(line, " \t\r")[0] != '{' {
		d.r.skip(Skip{File: d.name, Line: d.line, Reason: Malformed, Err: errNotObject})
		return Record{}, false
	}
	d.rec = jsonRecord{}
	if err := jsonv2.Unmarshal(line, &d.rec, jsonOptions); err != nil {
		// "jsontext: invalid character 'x' at start of value within
		// "/text" after offset 17": the package name says nothing to a
		// user.
		msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "jsontext: "), "json: ")
		d.r.skip(Skip{File: d.name, Line: d.line, Reason: Malformed, Err: errors.New(msg)})
		return Record{}, false
	}
	rec := &d.rec
	if reason, err := d.r.checkText(rec.Text); reason != "" {
		d.r.skip(Skip{File: d.name, Line: d.line, Reason: reason, Err: err})
		return Record{}, false
	}
	id := string(rec.ID)
	if strings.TrimSpace(id) == "" {
		id = d.base + ":" + strconv.Itoa(d.line)
	}
	source := rec.Source
	if source == "" {
		source = rec.Series
	}
	if rec.Date.bad {
		d.r.sum.Warnings[WarnBadDate]++
	}
	out := Record{
		Doc: stemma.Doc{
			ID:     id,
			Source: source,
			URL:    rec.URL,
			Title:  rec.Title,
			Text:   rec.Text,
		},
		File: d.name,
		Line: d.line,
	}
	out.Doc.SetDate(rec.Date.t, rec.Date.dayOnly)
	return out, true
}

// jsonOptions decode a line as encoding/json would (field names in any
// case, the last of a repeated name wins, an escaped lone surrogate
// becomes U+FFFD), with the faster decoder of encoding/json/v2
// (github.com/go-json-experiment/json, its mirror). Raw invalid UTF-8
// never gets this far: decode rejects it first.
var jsonOptions = jsonv2.JoinOptions(
	jsonv2.MatchCaseInsensitiveNames(true),
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
)

var errNotObject = errors.New("line is not a JSON object")

// isBlank reports whether b is only JSON whitespace.
func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// jsonID is a document ID, given as a JSON string or number.
type jsonID string

func (id *jsonID) UnmarshalJSON(b []byte) error {
	switch {
	case string(b) == "null":
		return nil
	case len(b) >= 2 && b[0] == '"' && bytes.IndexByte(b, '\\') < 0:
		*id = jsonID(b[1 : len(b)-1])
		return nil
	case b[0] == '"':
		return json.Unmarshal(b, (*string)(id))
	case b[0] == '-' || '0' <= b[0] && b[0] <= '9':
		*id = jsonID(b)
		return nil
	}
	return errors.New("id is not a string or a number")
}

// jsonDate is a publication date. A date that cannot be parsed, or is not a
// string, is not an error: the document is kept undated and bad is set.
type jsonDate struct {
	t       time.Time
	dayOnly bool
	bad     bool
}

func (d *jsonDate) UnmarshalJSON(b []byte) error {
	var s string
	switch {
	case string(b) == "null":
		return nil
	case len(b) >= 2 && b[0] == '"' && bytes.IndexByte(b, '\\') < 0:
		s = string(b[1 : len(b)-1])
	case b[0] == '"':
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	default:
		d.bad = true
		return nil
	}
	var err error
	d.t, d.dayOnly, err = stemma.ParseDate(s)
	d.bad = err != nil
	return nil
}
