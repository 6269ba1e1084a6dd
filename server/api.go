package server

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/lang"
)

// handlerFunc is a handler that returns its error; see [Server.handle].
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// routes registers every endpoint. A path registered for some methods
// also gets a fallback that answers other methods with 405 and an Allow
// header, as JSON under /api/ and as a page elsewhere.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	allowed := map[string][]string{}
	var paths []string
	handle := func(pattern string, h handlerFunc) {
		method, path, _ := strings.Cut(pattern, " ")
		if _, ok := allowed[path]; !ok {
			paths = append(paths, path)
		}
		allowed[path] = append(allowed[path], method)
		if method == http.MethodGet {
			allowed[path] = append(allowed[path], http.MethodHead)
		}
		mux.Handle(pattern, s.handle(h))
	}

	// JSON API.
	handle("GET /healthz", s.healthz)
	handle("GET /metrics", func(w http.ResponseWriter, r *http.Request) error {
		s.metrics.handler.ServeHTTP(w, r)
		return nil
	})
	handle("POST /api/trace", s.apiTrace)
	handle("GET /api/trace/{id}", s.apiTraceID)
	handle("GET /api/docs", s.apiSearch)
	handle("POST /api/docs", s.apiAdd)
	handle("GET /api/docs/{id}", s.apiDoc)
	handle("GET /api/clusters", s.apiClusters)
	handle("GET /api/clusters/{id}", s.apiClusters)

	// Web UI.
	handle("GET /{$}", s.pageHome)
	handle("POST /trace", s.pageTrace)
	handle("GET /reports/{key}", s.pagePastedReport)
	handle("GET /reports/{key}/compare", s.pagePastedCompare)
	handle("GET /reports/{key}/json", s.pagePastedJSON)
	handle("GET /docs", s.pageSearch)
	handle("GET /docs/{id}", s.pageDoc)
	handle("GET /docs/{id}/report", s.pageDocReport)
	handle("GET /docs/{id}/compare", s.pageDocCompare)
	handle("GET /static/", s.serveStatic)

	for _, path := range paths {
		allow := strings.Join(allowed[path], ", ")
		mux.Handle(path, s.handle(func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Allow", allow)
			return errorf(http.StatusMethodNotAllowed, "method %s not allowed on %s; use %s", r.Method, path, allow)
		}))
	}
	mux.Handle("/api/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return errorf(http.StatusNotFound, "no API endpoint %s; see docs/api.md", r.URL.Path)
	}))
	mux.Handle("/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return errorf(http.StatusNotFound, "there is no page at %s", r.URL.Path)
	}))
	return mux
}

// handle turns a handlerFunc into an http.Handler that reports its error.
func (s *Server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			code, msg := s.status(r, err)
			s.fail(w, r, code, msg)
		}
	})
}

// status classifies an error into the status code and message a client
// sees. Unexpected errors are logged and shown only as "internal error".
func (s *Server) status(r *http.Request, err error) (int, string) {
	var he *httpError
	switch {
	case errors.As(err, &he):
		return he.code, he.msg
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound, "not found"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, fmt.Sprintf("request timed out after %s", s.opts.RequestTimeout)
	case errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable, "request cancelled"
	}
	id := requestID(r.Context())
	if errors.Is(err, ErrDamaged) {
		s.damaged.Add(1)
		s.metrics.damaged.Inc()
		s.log.Error("index damaged", "request_id", id, "path", r.URL.Path, "err", err)
		return http.StatusInternalServerError, "the index is damaged; this request could not be served (request " + id + ")"
	}
	s.log.Error("request failed", "request_id", id, "path", r.URL.Path, "err", err)
	return http.StatusInternalServerError, "internal error (request " + id + ")"
}

// isAPI reports whether a path answers in JSON rather than HTML.
func isAPI(path string) bool {
	return strings.HasPrefix(path, "/api/") || path == "/healthz" || path == "/metrics"
}

// fail writes an error: {"error": msg} under the API, a page elsewhere.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, msg string) {
	if isAPI(r.URL.Path) {
		writeJSON(w, code, map[string]string{"error": msg})
		return
	}
	s.renderError(w, r, code, msg)
}

// writeJSON writes v as compact JSON with a trailing newline.
func writeJSON(w http.ResponseWriter, code int, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(code)
	_, err := w.Write(buf.Bytes())
	return err
}

// documents returns the number of documents in the corpus, if it says.
func (s *Server) documents() (int64, bool) {
	c, ok := s.corpus.(interface{ Documents() int64 })
	if !ok {
		return 0, false
	}
	return c.Documents(), true
}

// healthz answers ok, or 503 degraded once a request has met a damaged
// index or the corpus says its store is damaged.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	v := map[string]any{"status": "ok"}
	if n, ok := s.documents(); ok {
		v["documents"] = n
	}
	damaged := s.damaged.Load()
	if c, ok := s.corpus.(interface{ Damaged() int64 }); ok {
		damaged = max(damaged, c.Damaged())
	}
	if damaged > 0 {
		v["status"] = "degraded"
		v["damaged"] = damaged
		v["reason"] = "the index is damaged: run stemma check --db DB (see stemma check --help to repair it)"
		return writeJSON(w, http.StatusServiceUnavailable, v)
	}
	return writeJSON(w, http.StatusOK, v)
}

// trace traces d and counts it.
func (s *Server) trace(ctx context.Context, d stemma.Doc, input string) (*stemma.Report, error) {
	start := time.Now()
	rep, err := s.tracer.Trace(ctx, d)
	if err != nil {
		return nil, fmt.Errorf("tracing: %w", err)
	}
	s.metrics.traceSeconds.Observe(time.Since(start).Seconds())
	s.metrics.traces.WithLabelValues(input).Inc()
	return rep, nil
}

// traceID traces the indexed document id and counts it.
func (s *Server) traceID(ctx context.Context, id string) (*stemma.Report, error) {
	start := time.Now()
	rep, err := s.tracer.TraceID(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, errorf(http.StatusNotFound, "no document with ID %q", id)
	}
	if err != nil {
		return nil, fmt.Errorf("tracing %q: %w", id, err)
	}
	s.metrics.traceSeconds.Observe(time.Since(start).Seconds())
	s.metrics.traces.WithLabelValues(inputIndexed).Inc()
	return rep, nil
}

// doc returns the indexed document id, with a 404 error when there is none.
func (s *Server) doc(ctx context.Context, id string) (stemma.Doc, error) {
	d, err := s.corpus.DocByID(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return stemma.Doc{}, errorf(http.StatusNotFound, "no document with ID %q", id)
	}
	if err != nil {
		return stemma.Doc{}, fmt.Errorf("reading document %q: %w", id, err)
	}
	return d, nil
}

func (s *Server) apiTrace(w http.ResponseWriter, r *http.Request) error {
	body, err := s.readBody(w, r)
	if err != nil {
		return err
	}
	d, input, err := decodeArticle(r.Header.Get("Content-Type"), body)
	if err != nil {
		return err
	}
	// ?date= dates a plain-text or HTML article, or overrides the date a
	// page or a JSON body carries.
	if date := r.URL.Query().Get("date"); date != "" {
		t, dayOnly, err := parseDate(date)
		if err != nil {
			return errorf(http.StatusBadRequest, "date: %v", err)
		}
		d.SetDate(t, dayOnly)
	}
	// ?lang= gives the article's language, or overrides the one a page
	// or a JSON body carries (else it is detected from the text).
	if l := r.URL.Query().Get("lang"); l != "" {
		if !lang.IsTag(l) {
			return errorf(http.StatusBadRequest, "lang: %q is not a language tag (an ISO 639-1 code such as fr, or a BCP 47 tag such as pt-BR)", l)
		}
		d.Lang = l
	}
	rep, err := s.trace(r.Context(), d, input)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rep)
}

func (s *Server) apiTraceID(w http.ResponseWriter, r *http.Request) error {
	rep, err := s.traceID(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rep)
}

func (s *Server) apiDoc(w http.ResponseWriter, r *http.Request) error {
	d, err := s.doc(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}

// Search limits.
const (
	defaultSearchLimit = 20
	maxSearchLimit     = 1000
)

// parseQuery reads q, source, lang, from, to, offset and limit from a URL
// query.
func parseQuery(r *http.Request) (Query, error) {
	v := r.URL.Query()
	q := Query{Text: v.Get("q"), Source: v.Get("source"), Lang: v.Get("lang"), Limit: defaultSearchLimit}
	var err error
	if q.From, _, err = parseDate(v.Get("from")); err != nil {
		return Query{}, errorf(http.StatusBadRequest, "from: %v", err)
	}
	var toDay bool
	if q.To, toDay, err = parseDate(v.Get("to")); err != nil {
		return Query{}, errorf(http.StatusBadRequest, "to: %v", err)
	}
	if toDay {
		// A day as the upper bound includes the whole day.
		q.To = q.To.Add(24*time.Hour - time.Nanosecond)
	}
	for _, p := range []struct {
		name     string
		dst      *int
		min, max int
	}{{"limit", &q.Limit, 0, maxSearchLimit}, {"offset", &q.Offset, 0, 1 << 30}} {
		s := v.Get(p.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < p.min || n > p.max {
			return Query{}, errorf(http.StatusBadRequest, "%s must be a whole number from %d to %d, not %q", p.name, p.min, p.max, s)
		}
		*p.dst = n
	}
	return q, nil
}

// searchJSON is the response of GET /api/docs.
type searchJSON struct {
	Total  int          `json:"total"`
	Offset int          `json:"offset"`
	Docs   []stemma.Doc `json:"docs"`
	// Next is the offset of the next page, absent on the last one.
	Next *int `json:"next,omitempty"`
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r)
	if err != nil {
		return err
	}
	res, err := s.corpus.Search(r.Context(), q)
	if err != nil {
		return fmt.Errorf("searching: %w", err)
	}
	out := searchJSON{Total: res.Total, Offset: q.Offset, Docs: res.Docs}
	if out.Docs == nil {
		out.Docs = []stemma.Doc{}
	}
	if next := q.Offset + len(res.Docs); len(res.Docs) > 0 && next < res.Total {
		out.Next = &next
	}
	return writeJSON(w, http.StatusOK, out)
}

// authorize checks the bearer token of a write request.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) error {
	if s.opts.Token == "" {
		return errorf(http.StatusForbidden, "adding documents is disabled on this server: start it with --token or STEMMA_TOKEN set to enable it")
	}
	auth := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(auth, " ")
	if auth == "" || !ok || !strings.EqualFold(scheme, "Bearer") {
		w.Header().Set("WWW-Authenticate", `Bearer realm="stemma"`)
		return errorf(http.StatusUnauthorized, "missing bearer token: send the header Authorization: Bearer TOKEN")
	}
	if subtle.ConstantTimeCompare([]byte(strings.TrimSpace(token)), []byte(s.opts.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="stemma", error="invalid_token"`)
		return errorf(http.StatusUnauthorized, "invalid bearer token")
	}
	return nil
}

// MissingID is the skip reason of a posted document without an "id":
// ingest would name it after its line, which would collide with the lines
// of later requests.
const MissingID ingest.SkipReason = "missing-id"

// maxSkipsShown is how many skipped records a POST /api/docs response
// describes one by one (all are counted).
const maxSkipsShown = 100

// skipJSON is one skipped record of a POST /api/docs body.
type skipJSON struct {
	Line   int               `json:"line"`
	Reason ingest.SkipReason `json:"reason"`
	Error  string            `json:"error,omitempty"`
}

// addJSON is the response of POST /api/docs.
type addJSON struct {
	// Read counts the good records read, Added those indexed (Duplicates
	// of them were exact duplicates of an indexed text) and Existing those
	// whose ID was already indexed.
	Read       int `json:"read"`
	Added      int `json:"added"`
	Duplicates int `json:"duplicates"`
	Existing   int `json:"existing"`
	// Skipped counts bad records by reason; Skips describes the first
	// hundred.
	Skipped  map[ingest.SkipReason]int `json:"skipped"`
	Skips    []skipJSON                `json:"skips"`
	Warnings map[string]int            `json:"warnings,omitempty"`
}

func (s *Server) apiAdd(w http.ResponseWriter, r *http.Request) error {
	if err := s.authorize(w, r); err != nil {
		return err
	}
	body, err := s.readBody(w, r)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return errorf(http.StatusBadRequest, "empty body: send JSONL, one document per line")
	}
	out := addJSON{Skipped: map[ingest.SkipReason]int{}, Skips: []skipJSON{}}
	skip := func(line int, reason ingest.SkipReason, err error) {
		out.Skipped[reason]++
		s.metrics.docsSkipped.WithLabelValues(string(reason)).Inc()
		if len(out.Skips) < maxSkipsShown {
			sk := skipJSON{Line: line, Reason: reason}
			if err != nil {
				sk.Error = err.Error()
			}
			out.Skips = append(out.Skips, sk)
		}
	}
	rd, err := ingest.NewReader([]string{"-"}, ingest.Options{
		Format: ingest.FormatJSONL,
		Stdin:  bytes.NewReader(body),
		OnSkip: func(sk ingest.Skip) { skip(sk.Line, sk.Reason, sk.Err) },
	})
	if err != nil {
		return err
	}
	defer rd.Close()
	res, err := s.corpus.Add(r.Context(), func() (stemma.Doc, bool) {
		for {
			rec, ok := rd.Next()
			if !ok {
				return stemma.Doc{}, false
			}
			if rec.Doc.ID == rec.File+":"+strconv.Itoa(rec.Line) {
				skip(rec.Line, MissingID, errors.New(`the document has no "id"`))
				continue
			}
			out.Read++
			return rec.Doc, true
		}
	})
	s.metrics.docsAdded.Add(float64(res.Added))
	s.metrics.docsExisting.Add(float64(res.Existing))
	if err != nil {
		if ctxErr := r.Context().Err(); ctxErr != nil {
			return errorf(http.StatusServiceUnavailable, "request stopped (%v) after %d documents were added; post the rest again: documents already indexed are skipped", ctxErr, res.Added)
		}
		return fmt.Errorf("adding documents, after %d were added: %w", res.Added, err)
	}
	out.Added, out.Duplicates, out.Existing = res.Added, res.Duplicates, res.Existing
	if sum := rd.Summary(); len(sum.Warnings) > 0 {
		out.Warnings = maps.Clone(sum.Warnings)
	}
	s.log.Info("documents added", "request_id", requestID(r.Context()), "added", out.Added,
		"existing", out.Existing, "skipped", sumValues(out.Skipped))
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiClusters(w http.ResponseWriter, r *http.Request) error {
	return errorf(http.StatusNotImplemented, "clusters are not available yet: stemma cannot map a corpus into reprint clusters so far")
}

func sumValues[K comparable](m map[K]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
