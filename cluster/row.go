package cluster

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Row is one member of a cluster as one line of the JSONL output: passim's
// cluster fields, then stemma's. docs/cluster-jsonl.md documents every
// field.
type Row struct {
	// passim's fields. Begin and End are byte offsets into the document's
	// text (passim counts characters).
	Cluster int64  `json:"cluster"`
	Size    int    `json:"size"`
	UID     int64  `json:"uid"`
	ID      string `json:"id"`
	Series  string `json:"series"`
	Date    string `json:"date,omitempty"`
	Begin   int    `json:"begin"`
	End     int    `json:"end"`
	Text    string `json:"text"`

	// The document's title and URL, when known.
	Title string `json:"title,omitempty"`
	URL   string `json:"url,omitempty"`

	// The cluster: its earliest witness, its dated time span and outlets.
	Origin  string   `json:"origin"`
	First   string   `json:"first,omitempty"`
	Last    string   `json:"last,omitempty"`
	Outlets []string `json:"outlets"`

	// The copy tree: the document this member most likely copied from
	// (empty for a root), how it was chosen, and how sure that is.
	Parent      string  `json:"parent,omitempty"`
	ParentBasis Basis   `json:"parent_basis,omitempty"`
	Similarity  float64 `json:"similarity"`
	Containment float64 `json:"containment"`
	Confidence  float64 `json:"confidence"`
	Spin        Spin    `json:"spin"`

	// Boilerplate marks a member of a boilerplate cluster (written only
	// with Options.KeepBoilerplate).
	Boilerplate bool `json:"boilerplate,omitempty"`
}

// dateFormat formats dates in rows, and dayFormat those that give only the
// day.
const (
	dateFormat = time.RFC3339
	dayFormat  = "2006-01-02"
)

// Rows returns the cluster's rows, in the cluster's order. lookup supplies
// each member's text, which Text slices.
func (c *Cluster) Rows(lookup Lookup) ([]Row, error) {
	rows := make([]Row, len(c.Members))
	var first, last string
	if !c.First.IsZero() {
		first, last = c.First.UTC().Format(dateFormat), c.Last.UTC().Format(dateFormat)
	}
	outlets := c.Outlets
	if outlets == nil {
		outlets = []string{}
	}
	for i, m := range c.Members {
		t, err := lookup(m.Text)
		if err != nil {
			return nil, fmt.Errorf("cluster: text %016x: %w", uint64(m.Text), err)
		}
		if m.Span.Start < 0 || m.Span.End > len(t.Text) || m.Span.Start > m.Span.End {
			return nil, fmt.Errorf("%w: span %d-%d of %s outside its %d bytes", ErrCorrupt, m.Span.Start, m.Span.End, m.Doc.ID, len(t.Text))
		}
		r := Row{
			Cluster: c.ID, Size: len(c.Members), UID: uid(m.Doc.ID), ID: m.Doc.ID, Series: m.Doc.Source,
			Begin: m.Span.Start, End: m.Span.End, Text: t.Text[m.Span.Start:m.Span.End],
			Title: m.Doc.Title, URL: m.Doc.URL,
			Origin: c.Members[0].Doc.ID, First: first, Last: last, Outlets: outlets,
			ParentBasis: m.Basis, Similarity: m.Similarity, Containment: m.Containment, Confidence: m.Confidence,
			Spin: m.Spin, Boilerplate: c.Boilerplate,
		}
		if m.Doc.Dated() {
			r.Date = m.Doc.Date.UTC().Format(dateFormat)
			if m.Doc.DayOnly {
				r.Date = m.Doc.Date.UTC().Format(dayFormat)
			}
		}
		if m.Parent >= 0 {
			r.Parent = c.Members[m.Parent].Doc.ID
		}
		rows[i] = r
	}
	return rows, nil
}

// Format is an output format.
type Format string

// Formats.
const (
	JSONL Format = "jsonl"
	CSV   Format = "csv"
)

// String implements pflag.Value.
func (f Format) String() string { return string(f) }

// Set implements pflag.Value.
func (f *Format) Set(s string) error {
	switch Format(s) {
	case JSONL, CSV:
		*f = Format(s)
		return nil
	}
	return fmt.Errorf("%w: format %q (want jsonl or csv)", ErrOptions, s)
}

// Type implements pflag.Value.
func (f *Format) Type() string { return "format" }

// csvHeader is the CSV column list; outlets are joined with "|".
var csvHeader = []string{"cluster", "size", "uid", "id", "series", "date", "begin", "end",
	"title", "url", "origin", "first", "last", "outlets", "parent", "parent_basis",
	"similarity", "containment", "confidence", "synonyms", "entities", "spelling", "other", "spun",
	"boilerplate", "text"}

// Writer writes rows as JSONL or CSV. It is not safe for concurrent use.
type Writer struct {
	w      *bufio.Writer
	format Format
	csv    *csv.Writer
	header bool
	n      int
}

// NewWriter returns a Writer of format (JSONL if empty) to w.
func NewWriter(w io.Writer, format Format) *Writer {
	bw := bufio.NewWriterSize(w, 1<<20)
	wr := &Writer{w: bw, format: format}
	if format == CSV {
		wr.csv = csv.NewWriter(bw)
	}
	return wr
}

// Write writes rows.
func (w *Writer) Write(rows []Row) error {
	for i := range rows {
		if err := w.write(&rows[i]); err != nil {
			return err
		}
	}
	return nil
}

func (w *Writer) write(r *Row) error {
	w.n++
	if w.csv == nil {
		b, err := EncodeRow(r)
		if err != nil {
			return err
		}
		w.w.Write(b)
		return w.w.WriteByte('\n')
	}
	if !w.header {
		w.header = true
		if err := w.csv.Write(csvHeader); err != nil {
			return err
		}
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	return w.csv.Write([]string{
		strconv.FormatInt(r.Cluster, 10), strconv.Itoa(r.Size), strconv.FormatInt(r.UID, 10), r.ID, r.Series, r.Date,
		strconv.Itoa(r.Begin), strconv.Itoa(r.End), r.Title, r.URL, r.Origin, r.First, r.Last,
		strings.Join(r.Outlets, "|"), r.Parent, string(r.ParentBasis), f(r.Similarity), f(r.Containment), f(r.Confidence),
		strconv.Itoa(r.Spin.Synonyms), strconv.Itoa(r.Spin.Entities), strconv.Itoa(r.Spin.Spelling), strconv.Itoa(r.Spin.Other),
		strconv.FormatBool(r.Spin.Spun), strconv.FormatBool(r.Boilerplate), r.Text,
	})
}

// EncodeRow returns the JSON of a row as a line of JSONL holds it, without
// the newline: field order as in [Row], no HTML escaping. Every writer of
// rows uses it, so that both runners write the same bytes.
func EncodeRow(r *Row) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// Rows returns the number of rows written.
func (w *Writer) Rows() int { return w.n }

// Flush writes out what is buffered.
func (w *Writer) Flush() error {
	if w.csv != nil {
		w.csv.Flush()
		if err := w.csv.Error(); err != nil {
			return err
		}
	}
	return w.w.Flush()
}

// ErrRow classifies the errors of [ReadRows] about a malformed line.
var ErrRow = errors.New("cluster: malformed row")

// ReadRows reads JSONL rows as [Writer] writes them and calls fn with each.
// A malformed line is an error wrapping [ErrRow] naming the line.
func ReadRows(r io.Reader, fn func(Row) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(strings.TrimSpace(string(b))) > 0 {
			var row Row
			if jerr := json.Unmarshal(b, &row); jerr != nil {
				return fmt.Errorf("%w: line %d: %w", ErrRow, line, jerr)
			}
			if row.Begin < 0 || row.End < row.Begin {
				return fmt.Errorf("%w: line %d: span %d-%d", ErrRow, line, row.Begin, row.End)
			}
			if ferr := fn(row); ferr != nil {
				return ferr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading rows line %d: %w", line, err)
		}
	}
}
