package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/ingest"
)

// httpError is an error with the status code and message a client sees.
type httpError struct {
	code int
	msg  string
}

func (e *httpError) Error() string { return e.msg }

func errorf(code int, format string, args ...any) error {
	return &httpError{code: code, msg: fmt.Sprintf(format, args...)}
}

// readBody reads the whole request body, or fails with 413 when it is
// longer than the limit. Bodies are small (10 MiB by default) and reading
// them whole means nothing is indexed or traced from a body that is then
// rejected.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	limit := s.opts.MaxBodyBytes
	if r.ContentLength > limit {
		return nil, errorf(http.StatusRequestEntityTooLarge, "request body is %d bytes, over the limit of %d", r.ContentLength, limit)
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
		return nil, errorf(http.StatusRequestEntityTooLarge, "request body is over the limit of %d bytes", limit)
	}
	if err != nil {
		return nil, errorf(http.StatusBadRequest, "reading the request body: %v", err)
	}
	if len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b {
		return nil, errorf(http.StatusUnsupportedMediaType, "compressed (gzip) bodies are not accepted; send the text uncompressed")
	}
	return b, nil
}

// articleJSON is the JSON body of POST /api/trace.
type articleJSON struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	URL    string `json:"url"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Text   string `json:"text"`
}

// Input kinds, the label of the stemma_traces_total metric.
const (
	inputText    = "text"
	inputJSON    = "json"
	inputHTML    = "html"
	inputIndexed = "indexed"
)

// decodeArticle turns a POST /api/trace body into the article to trace,
// by its Content-Type: application/json, text/plain or text/html. With no
// type, or curl's default application/x-www-form-urlencoded, the body is
// sniffed: '{' starts JSON, '<' HTML, anything else is text.
func decodeArticle(contentType string, body []byte) (stemma.Doc, string, error) {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "", "application/x-www-form-urlencoded", "application/octet-stream":
		switch t := bytes.TrimLeft(body, " \t\r\n\ufeff"); {
		case len(t) > 0 && t[0] == '{':
			mt = "application/json"
		case len(t) > 0 && t[0] == '<':
			mt = "text/html"
		default:
			mt = "text/plain"
		}
	}
	switch mt {
	case "application/json":
		d, err := articleFromJSON(body)
		return d, inputJSON, err
	case "text/plain":
		d, err := readArticle(body, ingest.FormatText)
		return d, inputText, err
	case "text/html", "application/xhtml+xml":
		d, err := readArticle(body, ingest.FormatHTML)
		return d, inputHTML, err
	}
	return stemma.Doc{}, "", errorf(http.StatusUnsupportedMediaType,
		"unsupported Content-Type %q: send application/json, text/plain or text/html", mt)
}

// articleFromJSON decodes a JSON article. Unknown fields are ignored.
func articleFromJSON(body []byte) (stemma.Doc, error) {
	var a articleJSON
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&a); err != nil {
		return stemma.Doc{}, badJSON(err)
	}
	if dec.More() {
		return stemma.Doc{}, errorf(http.StatusBadRequest, "bad JSON body: more than one value")
	}
	d := stemma.Doc{ID: a.ID, Source: a.Source, URL: a.URL, Title: a.Title, Text: a.Text}
	t, dayOnly, err := parseDate(a.Date)
	if err != nil {
		return stemma.Doc{}, err
	}
	d.SetDate(t, dayOnly)
	if strings.TrimSpace(d.Text) == "" {
		return stemma.Doc{}, errorf(http.StatusBadRequest, `the article is empty: give its text in the "text" field`)
	}
	return d, nil
}

func badJSON(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return errorf(http.StatusBadRequest, "bad JSON body: empty")
	case errors.As(err, &se):
		return errorf(http.StatusBadRequest, "bad JSON body at byte %d: %v", se.Offset, err)
	case errors.As(err, &te):
		return errorf(http.StatusBadRequest, "bad JSON body: field %q must be a %s, not a %s", te.Field, te.Type, te.Value)
	}
	return errorf(http.StatusBadRequest, "bad JSON body: %v", err)
}

// parseDate parses the dates ingest accepts (see [stemma.ParseDate]):
// RFC 3339, a date and time without a zone (UTC), or a day. Empty means
// undated.
func parseDate(s string) (t time.Time, dayOnly bool, err error) {
	t, dayOnly, err = stemma.ParseDate(s)
	if err != nil {
		return time.Time{}, false, errorf(http.StatusBadRequest, "bad date %q: want RFC 3339 (1987-10-20T17:45:20Z) or YYYY-MM-DD", strings.TrimSpace(s))
	}
	return t, dayOnly, nil
}

// readArticle reads one article in the given ingest format, so that a
// pasted or uploaded article is read exactly as `stemma index` and
// `stemma trace` read a file: the same title rule, UTF-8 check and size
// limit.
func readArticle(body []byte, f ingest.Format) (stemma.Doc, error) {
	var skip *ingest.Skip
	r, err := ingest.NewReader([]string{"-"}, ingest.Options{
		Format: f,
		Stdin:  bytes.NewReader(body),
		OnSkip: func(s ingest.Skip) {
			if skip == nil {
				skip = &s
			}
		},
	})
	if err != nil {
		return stemma.Doc{}, err
	}
	defer r.Close()
	rec, ok := r.Next()
	if !ok {
		if skip != nil && skip.Reason == ingest.Empty {
			return stemma.Doc{}, errorf(http.StatusBadRequest, "the article is empty")
		}
		if skip != nil && skip.Reason == ingest.TooLarge {
			return stemma.Doc{}, errorf(http.StatusRequestEntityTooLarge, "the article is too large: %v", skip.Err)
		}
		if skip != nil && skip.Reason == ingest.NoArticle {
			return stemma.Doc{}, errorf(http.StatusUnprocessableEntity, "no article text was found in the HTML page")
		}
		if skip != nil {
			msg := string(skip.Reason)
			if skip.Err != nil {
				msg += ": " + skip.Err.Error()
			}
			return stemma.Doc{}, errorf(http.StatusBadRequest, "cannot read the article: %s", msg)
		}
		return stemma.Doc{}, errorf(http.StatusBadRequest, "the article is empty")
	}
	d := rec.Doc
	d.ID = ""
	return d, nil
}
