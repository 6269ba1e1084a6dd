package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// contentSecurityPolicy allows scripts, styles and images from the server
// only: no inline script or style can run, so even a mistake in escaping
// could not execute a script carried by an article.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

type ctxKey int

const requestIDKey ctxKey = 0

// requestID returns the ID of the request ctx belongs to.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// validRequestID reports whether a client's X-Request-ID is short and
// plain enough to echo and log.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range []byte(id) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// unlimited reports whether a path is served outside the concurrency
// limit: cheap endpoints that must answer while the server is saturated.
func unlimited(path string) bool {
	return path == "/healthz" || path == "/metrics" || strings.HasPrefix(path, "/static/")
}

// middleware wraps the routes, outermost first, with: a request ID; the
// per-request timeout; security headers; panic recovery; logging and
// metrics; and the concurrency limit. Everything that replaces the request
// (its context) comes before the logging layer, which reads the route
// pattern the mux records on the request it was given.
func (s *Server) middleware(mux http.Handler) http.Handler {
	limited := s.limit(mux)
	observed := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		s.metrics.inFlight.Inc()
		defer func() {
			s.metrics.inFlight.Dec()
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "request_id", requestID(r.Context()), "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if sw.status == 0 {
					s.fail(sw, r, http.StatusInternalServerError, "internal error")
				}
			}
			if sw.status == 0 {
				sw.status = http.StatusOK
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			el := time.Since(start)
			s.metrics.observe(route, r.Method, sw.status, el)
			s.log.Info("request", "request_id", requestID(r.Context()), "method", r.Method, "path", r.URL.Path,
				"route", route, "status", sw.status, "bytes", sw.bytes, "ms", float64(el.Microseconds())/1000,
				"remote", r.RemoteAddr)
		}()
		limited.ServeHTTP(sw, r)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !validRequestID(id) {
			id = newRequestID()
		}
		h := w.Header()
		h.Set("X-Request-ID", id)
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		ctx := context.WithValue(r.Context(), requestIDKey, id)
		ctx, cancel := context.WithTimeout(ctx, s.opts.RequestTimeout)
		defer cancel()
		observed.ServeHTTP(w, r.WithContext(ctx))
	})
}

// limit lets at most MaxConcurrent requests through at once. A request
// reads its body first (prereadBody), then waits up to QueueTimeout for a
// slot, then is answered 503.
func (s *Server) limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if unlimited(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		if !s.prereadBody(w, r) {
			return
		}
		select {
		case s.sem <- struct{}{}:
		default:
			t := time.NewTimer(s.opts.QueueTimeout)
			select {
			case s.sem <- struct{}{}:
				t.Stop()
			case <-t.C:
				w.Header().Set("Retry-After", "1")
				s.fail(w, r, http.StatusServiceUnavailable,
					fmt.Sprintf("server busy: %d requests in progress; try again shortly", cap(s.sem)))
				return
			case <-r.Context().Done():
				t.Stop()
				s.fail(w, r, http.StatusServiceUnavailable, "request timed out waiting for a free slot")
				return
			}
		}
		defer func() { <-s.sem }()
		next.ServeHTTP(w, r)
	})
}

// prereadBody reads the request's whole body, at most MaxBodyBytes, within
// BodyTimeout, and puts it back in memory for the handler (which reads it
// with readBody, article.go). It runs before
// the request takes a slot, so a client whose body trickles in holds no
// slot while it does: it is answered 408 when the time is up, 413 past the
// size limit. It reports whether the request may go on.
func (s *Server) prereadBody(w http.ResponseWriter, r *http.Request) bool {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
		return true
	}
	if r.ContentLength > s.opts.MaxBodyBytes {
		return true // the handler answers 413 without reading it
	}
	rc := http.NewResponseController(w)
	// Not every ResponseWriter has a connection to set a deadline on; the
	// request's own timeout still bounds the read then.
	_ = rc.SetReadDeadline(time.Now().Add(s.opts.BodyTimeout))
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes))
	if err == nil {
		_ = rc.SetReadDeadline(time.Time{})
		r.Body = io.NopCloser(bytes.NewReader(b))
		return true
	}
	var tooBig *http.MaxBytesError
	var nerr net.Error
	switch {
	case errors.As(err, &tooBig):
		s.fail(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over the limit of %d bytes", s.opts.MaxBodyBytes))
	case errors.As(err, &nerr) && nerr.Timeout(), errors.Is(err, context.DeadlineExceeded):
		w.Header().Set("Connection", "close")
		s.fail(w, r, http.StatusRequestTimeout, fmt.Sprintf("the request body did not arrive within %s", s.opts.BodyTimeout))
	default:
		s.fail(w, r, http.StatusBadRequest, "reading the request body: "+err.Error())
	}
	return false
}
