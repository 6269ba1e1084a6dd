package ingest

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/stemmanews/stemma"
)

// maxTitleBytes is the longest first line taken as a text file's title.
const maxTitleBytes = 200

// textDecoder reads a whole input as one document.
type textDecoder struct {
	r        *Reader
	br       *bufio.Reader
	name, id string
	size     int64 // the input's length, or -1 if unknown
	done     bool
}

func (d *textDecoder) reset(br *bufio.Reader, name, id string, size int64) {
	d.br, d.name, d.id, d.size, d.done = br, name, id, size, false
}

func (d *textDecoder) next() (Record, bool) {
	if d.done {
		return Record{}, false
	}
	d.done = true
	limit := d.r.opts.MaxDocBytes
	if d.size > int64(limit) {
		d.r.skip(Skip{File: d.name, Reason: TooLarge, Err: fmt.Errorf("file is %d bytes, over the limit of %d", d.size, limit)})
		return Record{}, false
	}
	// Read into a strings.Builder, which hands its bytes over as the text
	// without another copy.
	var sb strings.Builder
	if d.size > 0 {
		sb.Grow(int(d.size))
	}
	for {
		if d.br.Buffered() == 0 {
			if _, err := d.br.Peek(1); err == io.EOF {
				break
			} else if err != nil {
				d.r.skip(Skip{File: d.name, Reason: Unreadable, Err: err})
				return Record{}, false
			}
		}
		chunk, _ := d.br.Peek(d.br.Buffered())
		if sb.Len()+len(chunk) > limit {
			d.r.skip(Skip{File: d.name, Reason: TooLarge, Err: fmt.Errorf("text is over the limit of %d bytes", limit)})
			return Record{}, false
		}
		sb.Write(chunk)
		d.br.Discard(len(chunk))
	}
	text := sb.String()
	if !utf8.ValidString(text) {
		d.r.skip(Skip{File: d.name, Reason: InvalidUTF8, Err: badUTF8([]byte(text))})
		return Record{}, false
	}
	if reason, err := d.r.checkText(text); reason != "" {
		d.r.skip(Skip{File: d.name, Reason: reason, Err: err})
		return Record{}, false
	}
	return Record{
		Doc:  stemma.Doc{ID: d.id, Title: titleOf(text), Text: text},
		File: d.name,
	}, true
}

// titleOf returns the first non-blank line of text, trimmed, or "" if that
// line is longer than maxTitleBytes.
func titleOf(text string) string {
	for line := range strings.Lines(text) {
		if t := strings.TrimSpace(line); t != "" {
			if len(t) > maxTitleBytes {
				return ""
			}
			return t
		}
	}
	return ""
}
