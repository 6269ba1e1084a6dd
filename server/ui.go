package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/ingest"
	"github.com/stemmanews/stemma/lang"
)

// The web UI: server-rendered pages from html/template, which escapes
// every piece of article text for the context it lands in. No handler
// builds HTML by hand and none marks text as safe (template.HTML): an
// article's "<script>" is shown as text, never run.

//go:embed web
var webFS embed.FS

// chrome is what the layout of every page needs.
type chrome struct {
	Title  string
	Active string // the navigation entry to mark: "trace" or "browse"
}

// pages holds the parsed templates, one per page, each with the layout.
type pages struct {
	byName map[string]*template.Template
}

// pageNames are the pages in web/templates, besides layout.html.
var pageNames = []string{"home", "report", "compare", "doc", "search", "error"}

func loadPages() (*pages, fs.FS, error) {
	static, err := fs.Sub(webFS, "web/static")
	if err != nil {
		return nil, nil, err
	}
	// Static assets are linked with a hash of their content, so a browser
	// can cache them for long and still sees a new version at once.
	assets := map[string]string{}
	err = fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(static, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		assets[p] = "/static/" + p + "?v=" + hex.EncodeToString(sum[:4])
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	funcs := template.FuncMap{
		"asset": func(name string) (string, error) {
			u, ok := assets[name]
			if !ok {
				return "", fmt.Errorf("no static asset %q", name)
			}
			return u, nil
		},
		"pct":      pct,
		"day":      day,
		"dateTime": dateTime,
		"docName":  docName,
		"docURL":   docURL,
		"numbers":  numbers,
		"clip":     clip,
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
		"similarity": func(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) },
		"thousands":  thousands,
		"int64":      func(n int) int64 { return int64(n) },
		"inc":        func(n int) int { return n + 1 },
		"langName":   lang.Name,
	}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(webFS, "web/templates/layout.html")
	if err != nil {
		return nil, nil, err
	}
	pg := &pages{byName: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.Must(layout.Clone()).ParseFS(webFS, "web/templates/"+name+".html")
		if err != nil {
			return nil, nil, err
		}
		pg.byName[name] = t
	}
	return pg, static, nil
}

// thousands formats n with thin spaces between groups of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// render executes a page into a buffer and writes it, so that a template
// error is a clean 500, never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, data any) error {
	var buf bytes.Buffer
	if err := s.pages.byName[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		return fmt.Errorf("rendering %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, err := w.Write(buf.Bytes())
	return err
}

type errorView struct {
	chrome
	Code      int
	Message   string
	RequestID string
}

// renderError shows an error page; if even that fails, plain text.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, code int, msg string) {
	v := errorView{chrome: chrome{Title: http.StatusText(code)}, Code: code, Message: msg, RequestID: requestID(r.Context())}
	if err := s.render(w, r, code, "error", v); err != nil {
		s.log.Error("rendering an error page", "request_id", v.RequestID, "err", err)
		http.Error(w, msg, code)
	}
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) error {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	if name == "" || strings.HasSuffix(name, "/") || !fs.ValidPath(name) {
		return errorf(http.StatusNotFound, "there is no page at %s", r.URL.Path)
	}
	if _, err := fs.Stat(s.static, name); err != nil {
		return errorf(http.StatusNotFound, "there is no page at %s", r.URL.Path)
	}
	w.Header().Set("Cache-Control", "public, max-age=86400")
	http.ServeFileFS(w, r, s.static, name)
	return nil
}

type homeView struct {
	chrome
	Docs    int64
	Counted bool
	Example *stemma.Doc
	// Excerpt is the start of the example's text, after its title.
	Excerpt string
	MaxBody string
	// Languages are the languages the form offers, by code, named.
	Languages []language
}

// language is a language the paste form offers.
type language struct{ Code, Name string }

// formLanguages are the languages stemma detects, sorted by name.
var formLanguages = func() []language {
	var out []language
	for _, c := range lang.Codes() {
		out = append(out, language{c, lang.Name(c)})
	}
	slices.SortFunc(out, func(x, y language) int { return strings.Compare(x.Name, y.Name) })
	return out
}()

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) error {
	v := homeView{chrome: chrome{Title: "Trace an article", Active: "trace"}, Example: s.opts.Example,
		MaxBody: fmt.Sprintf("%d MiB", s.opts.MaxBodyBytes>>20), Languages: formLanguages}
	v.Docs, v.Counted = s.documents()
	if ex := s.opts.Example; ex != nil {
		v.Excerpt = clip(strings.TrimPrefix(strings.TrimLeft(ex.Text, " \n"), ex.Title), 220)
	}
	return s.render(w, r, http.StatusOK, "home", v)
}

// Input labels of traces started from the web UI.
const inputForm = "form"

// pageTrace reads the paste/upload form, keeps the article, and redirects
// to its report, so the report has a URL that survives a reload.
func (s *Server) pageTrace(w http.ResponseWriter, r *http.Request) error {
	d, err := s.formArticle(w, r)
	if err != nil {
		return err
	}
	key := s.pasted.put(d)
	http.Redirect(w, r, "/reports/"+key, http.StatusSeeOther)
	return nil
}

// formArticle reads the article of the trace form: an uploaded file (text
// or HTML) if one was chosen, else the pasted text. Browsers send a
// textarea's line breaks as CRLF; they are turned back into the LF the
// user pasted, so offsets match the text as pasted.
func (s *Server) formArticle(w http.ResponseWriter, r *http.Request) (stemma.Doc, error) {
	if r.ContentLength > s.opts.MaxBodyBytes {
		return stemma.Doc{}, errorf(http.StatusRequestEntityTooLarge, "the form is %d bytes, over the limit of %d", r.ContentLength, s.opts.MaxBodyBytes)
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
	err := r.ParseMultipartForm(s.opts.MaxBodyBytes)
	if errors.Is(err, http.ErrNotMultipart) {
		err = r.ParseForm()
	}
	if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
		return stemma.Doc{}, errorf(http.StatusRequestEntityTooLarge, "the form is over the limit of %d bytes", s.opts.MaxBodyBytes)
	}
	if err != nil {
		return stemma.Doc{}, errorf(http.StatusBadRequest, "reading the form: %v", err)
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	date, dayOnly, err := parseDate(r.FormValue("date"))
	if err != nil {
		return stemma.Doc{}, err
	}
	if r.FormValue("example") != "" && s.opts.Example != nil {
		return *s.opts.Example, nil
	}
	title := strings.TrimSpace(r.FormValue("title"))
	var d stemma.Doc
	if f, fh, ferr := r.FormFile("file"); ferr == nil && fh.Size > 0 {
		b, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return stemma.Doc{}, errorf(http.StatusBadRequest, "reading the uploaded file: %v", err)
		}
		ct := "text/plain"
		switch ext := strings.ToLower(path.Ext(fh.Filename)); {
		case ext == ".html" || ext == ".htm" || ext == ".xhtml":
			ct = "text/html"
		case ext == ".txt" || ext == ".text" || ext == ".md":
		case strings.HasPrefix(http.DetectContentType(b), "text/html"):
			ct = "text/html"
		}
		if d, _, err = decodeArticle(ct, b); err != nil {
			return stemma.Doc{}, err
		}
		if d.URL == "" && d.Title == "" {
			d.Title = fh.Filename
		}
	} else {
		text := strings.ReplaceAll(r.FormValue("text"), "\r\n", "\n")
		if d, err = readArticle([]byte(text), ingest.FormatText); err != nil {
			return stemma.Doc{}, err
		}
	}
	if title != "" {
		d.Title = title
	}
	if !date.IsZero() {
		d.SetDate(date, dayOnly)
	}
	if l := r.FormValue("lang"); l != "" {
		if !lang.IsTag(l) {
			return stemma.Doc{}, errorf(http.StatusBadRequest, "%q is not a language tag", l)
		}
		d.Lang = l
	}
	return d, nil
}

func (s *Server) pastedArticle(key string) (stemma.Doc, error) {
	d, ok := s.pasted.get(key)
	if !ok {
		return stemma.Doc{}, errorf(http.StatusNotFound,
			"this pasted article is no longer kept: the server keeps only the most recently pasted articles in memory, and forgets them when it restarts; paste it again")
	}
	return d, nil
}

func (s *Server) pagePastedReport(w http.ResponseWriter, r *http.Request) error {
	key := r.PathValue("key")
	d, err := s.pastedArticle(key)
	if err != nil {
		return err
	}
	rep, err := s.trace(r.Context(), d, inputForm)
	if err != nil {
		return err
	}
	v, err := newReportView(rep, d.Text, "/reports/"+key)
	if err != nil {
		return err
	}
	v.JSONURL = "/reports/" + key + "/json"
	v.Active = "trace"
	return s.render(w, r, http.StatusOK, "report", v)
}

func (s *Server) pagePastedJSON(w http.ResponseWriter, r *http.Request) error {
	d, err := s.pastedArticle(r.PathValue("key"))
	if err != nil {
		return err
	}
	rep, err := s.trace(r.Context(), d, inputForm)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rep)
}

func (s *Server) pageDocReport(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	d, err := s.doc(r.Context(), id)
	if err != nil {
		return err
	}
	rep, err := s.trace(r.Context(), d, inputIndexed)
	if err != nil {
		return err
	}
	v, err := newReportView(rep, d.Text, docURL(id))
	if err != nil {
		return err
	}
	v.Indexed, v.DocURL = true, docURL(id)
	v.JSONURL = "/api/trace/" + url.PathEscape(id)
	v.Active = "browse"
	return s.render(w, r, http.StatusOK, "report", v)
}

type compareView struct {
	chrome
	ReportURL   string
	ArticleName string
	Passage     passageView
	Witness     witnessView
	Article     column
	Source      column
	Rows        []changeRow
	Prev, Next  string
	Position    string // "witness 2 of 3 of passage 1"
	// Translated is set for a witness the article translates, and
	// ArticleLang is the article's language.
	Translated  bool
	ArticleLang string
}

func (s *Server) pagePastedCompare(w http.ResponseWriter, r *http.Request) error {
	key := r.PathValue("key")
	d, err := s.pastedArticle(key)
	if err != nil {
		return err
	}
	return s.compare(w, r, d, "/reports/"+key, inputForm)
}

func (s *Server) pageDocCompare(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	d, err := s.doc(r.Context(), id)
	if err != nil {
		return err
	}
	return s.compare(w, r, d, docURL(id), inputIndexed)
}

// compare shows witness w of passage p (both 1-based, from the query) of
// the report on article d side by side with the article.
func (s *Server) compare(w http.ResponseWriter, r *http.Request, d stemma.Doc, base, input string) error {
	q := r.URL.Query()
	pn, err1 := strconv.Atoi(q.Get("p"))
	wn, err2 := strconv.Atoi(q.Get("w"))
	if err1 != nil || err2 != nil {
		return errorf(http.StatusBadRequest, "compare needs a passage p and a witness w, as in ?p=1&w=1")
	}
	rep, err := s.trace(r.Context(), d, input)
	if err != nil {
		return err
	}
	rv, err := newReportView(rep, d.Text, base)
	if err != nil {
		return err
	}
	if pn < 1 || pn > len(rv.Passages) {
		return errorf(http.StatusNotFound, "the report has no passage %d (it has %d)", pn, len(rv.Passages))
	}
	pv := rv.Passages[pn-1]
	if wn < 1 || wn > len(pv.Witnesses) {
		return errorf(http.StatusNotFound, "passage %d has no witness %d (it has %d)", pn, wn, len(pv.Witnesses))
	}
	wv := pv.Witnesses[wn-1]
	src, err := s.doc(r.Context(), wv.W.Doc.ID)
	if err != nil {
		return err
	}
	v := compareView{
		chrome:      chrome{Title: "Compare passage " + strconv.Itoa(pn)},
		ReportURL:   base,
		ArticleName: rv.Heading,
		Passage:     pv,
		Witness:     wv,
		Position:    fmt.Sprintf("witness %d of %d", wn, len(pv.Witnesses)),
		Translated:  wv.W.Class == stemma.Translated,
		ArticleLang: rep.Article.Lang,
	}
	if strings.HasPrefix(base, "/docs/") {
		v.ReportURL = base + "/report"
		v.Active = "browse"
	} else {
		v.Active = "trace"
	}
	if v.Article, v.Source, v.Rows, err = compareColumns(d.Text, src.Text, wv.W); err != nil {
		return fmt.Errorf("comparing passage %d with %s: %w", pn, wv.W.Doc.ID, err)
	}
	// Links to the previous and next passage-witness pairs.
	type pair struct{ p, w int }
	var all []pair
	for _, p := range rv.Passages {
		for j := range p.Witnesses {
			all = append(all, pair{p.N, j + 1})
		}
	}
	for i, pr := range all {
		if pr.p == pn && pr.w == wn {
			if i > 0 {
				v.Prev = fmt.Sprintf("%s/compare?p=%d&w=%d", base, all[i-1].p, all[i-1].w)
			}
			if i+1 < len(all) {
				v.Next = fmt.Sprintf("%s/compare?p=%d&w=%d", base, all[i+1].p, all[i+1].w)
			}
		}
	}
	return s.render(w, r, http.StatusOK, "compare", v)
}

type docView struct {
	chrome
	Doc       stemma.Doc
	ReportURL string
	JSONURL   string
}

func (s *Server) pageDoc(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	d, err := s.doc(r.Context(), id)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "doc", docView{
		chrome:    chrome{Title: docName(d), Active: "browse"},
		Doc:       d,
		ReportURL: docURL(id) + "/report",
		JSONURL:   "/api/docs/" + url.PathEscape(id),
	})
}

type searchView struct {
	chrome
	Q, Source, Lang string
	From, To        string
	Limit           int
	Total           int
	Docs            []stemma.Doc
	Shown           string
	Prev, Next      string
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r)
	if err != nil {
		return err
	}
	res, err := s.corpus.Search(r.Context(), q)
	if err != nil {
		return fmt.Errorf("searching: %w", err)
	}
	vals := r.URL.Query()
	v := searchView{
		chrome: chrome{Title: "Browse the index", Active: "browse"},
		Q:      vals.Get("q"), Source: vals.Get("source"), Lang: vals.Get("lang"), From: vals.Get("from"), To: vals.Get("to"),
		Limit: q.Limit, Total: res.Total, Docs: res.Docs,
	}
	if len(res.Docs) > 0 {
		v.Shown = fmt.Sprintf("%s–%s of %s", thousands(int64(q.Offset+1)), thousands(int64(q.Offset+len(res.Docs))), thousands(int64(res.Total)))
	}
	page := func(offset int) string {
		u := url.Values{}
		for _, k := range []string{"q", "source", "lang", "from", "to", "limit"} {
			if x := vals.Get(k); x != "" {
				u.Set(k, x)
			}
		}
		if offset > 0 {
			u.Set("offset", strconv.Itoa(offset))
		}
		return "/docs?" + u.Encode()
	}
	if q.Offset > 0 {
		v.Prev = page(max(0, q.Offset-q.Limit))
	}
	if next := q.Offset + len(res.Docs); len(res.Docs) > 0 && next < res.Total {
		v.Next = page(next)
	}
	return s.render(w, r, http.StatusOK, "search", v)
}
