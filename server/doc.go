// Package server is stemma's HTTP service: a JSON API for programs and a
// web UI where a person pastes an article, or picks one from the index,
// and sees where each passage came from.
//
// # Use
//
// The server depends on two small interfaces, not on the store: a
// [Tracer] (a stemma.Tracer that can also trace an indexed document by
// ID) and a [Corpus] (DocByID, Search, Add). Package backend adapts an
// index and a trace.Tracer to both:
//
//	b := backend.New(ix, tr)
//	srv, err := server.New(b, b, server.Options{Token: os.Getenv("STEMMA_TOKEN")})
//	ln, err := net.Listen("tcp", "127.0.0.1:8080")
//	err = srv.Serve(ctx, ln) // until ctx is cancelled, then a graceful shutdown
//
// A [Server] is also an http.Handler, which is how the tests drive it
// (httptest). `stemma serve` is the command; docs/api.md documents every
// endpoint, with curl examples.
//
// # Endpoints
//
// The JSON API: POST /api/trace (a pasted article as JSON, text or HTML),
// GET /api/trace/{id}, GET /api/docs/{id}, GET /api/docs (search by title,
// outlet and date), POST /api/docs (JSONL, bearer token), GET /healthz and
// GET /metrics (Prometheus). Errors are JSON {"error": "..."} with the
// status code that fits.
//
// The web UI: the home page (paste or upload), the report page (the
// article with each passage in the colour of its origin, the sources, the
// quote and spin findings, the passages and their witnesses, the article
// sentence by sentence, a timeline), a side-by-side comparison of a passage
// and a witness with every change marked, a document page and a search
// page. Pages are rendered on the server with html/template from the
// embedded web/ directory; they need no build step and work without
// JavaScript, which only adds hover links. Every highlight is cut from the
// text by the byte spans of the report, never by searching for words.
// Article text is only ever escaped, never marked safe, and the
// Content-Security-Policy forbids inline scripts besides.
//
// # Limits
//
// Request bodies are capped ([Options.MaxBodyBytes], 413 beyond), each
// request has a deadline ([Options.RequestTimeout]), and at most
// [Options.MaxConcurrent] requests work at once; others wait
// [Options.QueueTimeout] for a slot and are then answered 503. Writes need
// the bearer token [Options.Token]; without one they are disabled (403).
//
// # Concurrency and cost
//
// A Server is safe for concurrent use. It keeps recently pasted articles
// in memory (at most [Options.PastedBytes]) so that a report page has a
// URL; everything else it holds is per request. A trace request costs one
// trace (see package trace: about a millisecond for a news story against
// the 19,043 Reuters stories) plus the encoding of its report; a report
// page also lays out the article, and a comparison reads the witness's
// text. Searching reads every document record of the index.
package server
