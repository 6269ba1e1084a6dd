// Package watch polls RSS, Atom and JSON feeds and indexes their new
// entries as they arrive, so that they become traceable at once.
//
// # Use
//
// Make a [Watcher] over an index (any [Store]) and the feed URLs, then
// either call [Watcher.Poll] on your own schedule or let [Watcher.Run]
// poll every feed on its interval until the context ends:
//
//	w, err := watch.New(ix, []string{"https://example.com/rss.xml"}, watch.Options{})
//	if err != nil {
//		return err
//	}
//	err = w.Run(ctx, func(ev watch.Event) { fmt.Println(ev) })
//
// For each feed a poll:
//
//   - sends a conditional GET (If-None-Match, If-Modified-Since) with the
//     validators of the feed's last good response; a 304 costs nothing more;
//   - parses the feed ([ingest.ParseFeed]) and skips entries whose URL or ID
//     is already indexed, so an entry is indexed once however often it is
//     seen;
//   - for an entry that carries only a summary, fetches its page and
//     extracts the article ([ingest.ExtractHTML]);
//   - commits the new entries in one atomic batch, and only then stores the
//     new validators, in memory and in the index ([Store.SetFeedState]), so
//     that a crash or a failed fetch never loses an entry: the feed is read
//     in full again next time.
//
// A poll that fails (a network error, an HTTP error status, a feed that
// does not parse, an entry's page that cannot be fetched) backs the feed
// off exponentially: [Options.MinBackoff], doubling with each failure in a
// row up to [Options.MaxBackoff]; the next success resets it.
//
// # Concurrency and cost
//
// A Watcher is not safe for concurrent use; Run and Poll must not overlap.
// Feeds are polled one after the other. Each poll holds one feed and the
// pages of its new entries in memory, each at most Options.MaxPageBytes.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/ingest"
)

// Store is what a Watcher needs of an index. *index.Index implements it.
type Store interface {
	// Add commits documents atomically; a document whose ID is indexed
	// already is left alone.
	Add(docs ...stemma.Doc) (index.CommitResult, error)
	// HasURL reports whether a document with this URL is indexed.
	HasURL(url string) (bool, error)
	// Num finds an indexed document by ID, or returns an error wrapping
	// index.ErrNotFound.
	Num(id string) (uint32, error)
	// FeedState and SetFeedState keep each feed's validators.
	FeedState(url string) (index.FeedState, error)
	SetFeedState(url string, s index.FeedState) error
}

var _ Store = (*index.Index)(nil)

// Defaults.
const (
	DefaultInterval   = 5 * time.Minute
	DefaultMinBackoff = 30 * time.Second
	DefaultMaxBackoff = time.Hour
	DefaultTimeout    = 30 * time.Second
	DefaultUserAgent  = "stemma-watch/1 (+https://github.com/stemmanews/stemma)"
)

// ErrOptions classifies the errors of [Options.Validate].
var ErrOptions = errors.New("watch: invalid options")

// Options configure a Watcher. The zero value works.
type Options struct {
	// Interval is the time between two polls of a feed that answered.
	// Default 5 minutes.
	Interval time.Duration
	// MinBackoff is the wait after a first failure, doubled with each
	// further failure in a row up to MaxBackoff. Defaults 30 seconds and
	// 1 hour.
	MinBackoff, MaxBackoff time.Duration
	// NoFetch keeps entries that carry only a summary as they are, instead
	// of fetching their pages.
	NoFetch bool
	// MaxPageBytes is the largest feed or page read. Default
	// ingest.DefaultMaxPageBytes.
	MaxPageBytes int
	// Client makes the requests; nil means a client with a 30 s timeout.
	Client *http.Client
	// UserAgent is sent with every request.
	UserAgent string
	// Clock returns the time; nil means time.Now. Tests set it.
	Clock func() time.Time
}

// Validate reports options that cannot work.
func (o *Options) Validate() error {
	if o.Interval < 0 || o.MinBackoff < 0 || o.MaxBackoff < 0 || o.MaxPageBytes < 0 {
		return fmt.Errorf("%w: intervals and sizes must not be negative", ErrOptions)
	}
	if o.MinBackoff > 0 && o.MaxBackoff > 0 && o.MinBackoff > o.MaxBackoff {
		return fmt.Errorf("%w: min backoff %s is over max backoff %s", ErrOptions, o.MinBackoff, o.MaxBackoff)
	}
	return nil
}

// EnsureDefaults fills zero fields with their defaults.
func (o *Options) EnsureDefaults() {
	if o.Interval == 0 {
		o.Interval = DefaultInterval
	}
	if o.MinBackoff == 0 {
		o.MinBackoff = DefaultMinBackoff
	}
	if o.MaxBackoff == 0 {
		o.MaxBackoff = max(DefaultMaxBackoff, o.MinBackoff)
	}
	if o.MaxPageBytes == 0 {
		o.MaxPageBytes = ingest.DefaultMaxPageBytes
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: DefaultTimeout}
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
}

// feed is one watched feed.
type feed struct {
	url      string
	state    index.FeedState
	next     time.Time // when to poll it next
	failures int       // failed polls in a row
}

// Watcher polls feeds and indexes their new entries.
type Watcher struct {
	store Store
	opts  Options
	feeds []*feed
}

// New returns a Watcher of the feeds at urls. Each feed's stored state, if
// any, is loaded from the store, and every feed is due at once.
func New(store Store, urls []string, opts Options) (*Watcher, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if len(urls) == 0 {
		return nil, fmt.Errorf("%w: no feeds to watch", ErrOptions)
	}
	opts.EnsureDefaults()
	w := &Watcher{store: store, opts: opts}
	for _, u := range urls {
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			return nil, fmt.Errorf("%w: feed %q is not an http(s) URL", ErrOptions, u)
		}
		st, err := store.FeedState(u)
		if err != nil && !errors.Is(err, index.ErrNotFound) {
			return nil, err
		}
		w.feeds = append(w.feeds, &feed{url: u, state: st})
	}
	return w, nil
}

// Event is the outcome of one poll of one feed.
type Event struct {
	Feed string
	// NotModified: the server answered 304.
	NotModified bool
	// Entries is the number of entries in the feed, New those not indexed
	// before, and Fetched the pages fetched for summary-only entries.
	Entries, New, Fetched int
	// Added, Duplicates and Existing are what the index did with the new
	// entries (see index.CommitResult).
	Added, Duplicates, Existing int
	// Err is why the poll failed, and Retry how long the feed now waits.
	Err   error
	Retry time.Duration
}

// String returns a one-line account of the event.
func (e Event) String() string {
	switch {
	case e.Err != nil:
		return fmt.Sprintf("%s: error: %v; retrying in %s", e.Feed, e.Err, e.Retry)
	case e.NotModified:
		return fmt.Sprintf("%s: not modified", e.Feed)
	}
	return fmt.Sprintf("%s: %d entries, %d new (%d pages fetched): %d indexed, %d duplicates, %d already indexed",
		e.Feed, e.Entries, e.New, e.Fetched, e.Added, e.Duplicates, e.Existing)
}

// Poll polls every feed that is due and returns what happened to each.
// Failures are in the events, not in the error, which is only the
// context's.
func (w *Watcher) Poll(ctx context.Context) ([]Event, error) {
	var evs []Event
	for _, f := range w.feeds {
		if err := ctx.Err(); err != nil {
			return evs, err
		}
		if w.opts.Clock().Before(f.next) {
			continue
		}
		ev := w.poll(ctx, f)
		if ev.Err != nil {
			if ctx.Err() != nil {
				return evs, ctx.Err()
			}
			f.failures++
			ev.Retry = w.backoff(f.failures)
		} else {
			f.failures = 0
			ev.Retry = w.opts.Interval
		}
		f.next = w.opts.Clock().Add(ev.Retry)
		evs = append(evs, ev)
	}
	return evs, nil
}

// backoff returns the wait after n failures in a row.
func (w *Watcher) backoff(n int) time.Duration {
	d := w.opts.MinBackoff
	for i := 1; i < n && d < w.opts.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, w.opts.MaxBackoff)
}

// Run polls the feeds, each when it is due, until ctx is done, calling
// report (if not nil) with every event. It returns ctx's error.
func (w *Watcher) Run(ctx context.Context, report func(Event)) error {
	for {
		evs, err := w.Poll(ctx)
		for _, ev := range evs {
			if report != nil {
				report(ev)
			}
		}
		if err != nil {
			return err
		}
		next := w.feeds[0].next
		for _, f := range w.feeds[1:] {
			if f.next.Before(next) {
				next = f.next
			}
		}
		t := time.NewTimer(max(0, next.Sub(w.opts.Clock())))
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Next returns when the feed at url is next due, and false if it is not
// watched.
func (w *Watcher) Next(url string) (time.Time, bool) {
	for _, f := range w.feeds {
		if f.url == url {
			return f.next, true
		}
	}
	return time.Time{}, false
}

// poll polls one feed.
func (w *Watcher) poll(ctx context.Context, f *feed) Event {
	ev := Event{Feed: f.url}
	req, err := w.request(ctx, f.url)
	if err != nil {
		ev.Err = err
		return ev
	}
	if f.state.ETag != "" {
		req.Header.Set("If-None-Match", f.state.ETag)
	}
	if f.state.LastModified != "" {
		req.Header.Set("If-Modified-Since", f.state.LastModified)
	}
	resp, err := w.opts.Client.Do(req)
	if err != nil {
		ev.Err = err
		return ev
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		ev.NotModified = true
		return ev
	case resp.StatusCode != http.StatusOK:
		ev.Err = fmt.Errorf("fetching feed: HTTP %s", resp.Status)
		return ev
	}
	body, err := w.read(resp.Body)
	if err != nil {
		ev.Err = fmt.Errorf("reading feed: %w", err)
		return ev
	}
	parsed, err := ingest.ParseFeed(strings.NewReader(string(body)), f.url)
	if err != nil {
		ev.Err = err
		return ev
	}
	ev.Entries = len(parsed.Items)
	var docs []stemma.Doc
	for i, it := range parsed.Items {
		d := it.Doc
		if d.ID == "" {
			d.ID = fmt.Sprintf("%s#%d", f.url, i+1)
		}
		known, err := w.known(d)
		if err != nil {
			ev.Err = err
			return ev
		}
		if known {
			continue
		}
		ev.New++
		if !it.Full && !w.opts.NoFetch && d.URL != "" {
			page, err := w.fetchPage(ctx, d.URL)
			if err != nil {
				ev.Err = fmt.Errorf("entry %s: %w", d.URL, err)
				return ev
			}
			ev.Fetched++
			d = merge(d, page)
		}
		if strings.TrimSpace(d.Text) == "" {
			continue // nothing to trace; the next poll will look again
		}
		docs = append(docs, d)
	}
	if len(docs) > 0 {
		res, err := w.store.Add(docs...)
		if err != nil {
			ev.Err = fmt.Errorf("indexing: %w", err)
			return ev
		}
		ev.Added, ev.Duplicates, ev.Existing = res.Added, res.Duplicates, res.Existing
	}
	// Only now, with every entry committed, are the validators kept.
	st := index.FeedState{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if st != f.state {
		if err := w.store.SetFeedState(f.url, st); err != nil {
			ev.Err = fmt.Errorf("saving feed state: %w", err)
			return ev
		}
		f.state = st
	}
	return ev
}

// known reports whether an entry is indexed already, by URL or ID.
func (w *Watcher) known(d stemma.Doc) (bool, error) {
	if d.URL != "" {
		if ok, err := w.store.HasURL(d.URL); err != nil || ok {
			return ok, err
		}
	}
	_, err := w.store.Num(d.ID)
	if errors.Is(err, index.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

func (w *Watcher) request(ctx context.Context, url string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", w.opts.UserAgent)
	return req, nil
}

// read reads a body up to the page limit.
func (w *Watcher) read(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, int64(w.opts.MaxPageBytes)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > w.opts.MaxPageBytes {
		return nil, fmt.Errorf("over the limit of %d bytes", w.opts.MaxPageBytes)
	}
	return b, nil
}

// fetchPage fetches an entry's page and extracts its article.
func (w *Watcher) fetchPage(ctx context.Context, url string) (stemma.Doc, error) {
	req, err := w.request(ctx, url)
	if err != nil {
		return stemma.Doc{}, err
	}
	resp, err := w.opts.Client.Do(req)
	if err != nil {
		return stemma.Doc{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return stemma.Doc{}, fmt.Errorf("fetching page: HTTP %s", resp.Status)
	}
	body, err := w.read(resp.Body)
	if err != nil {
		return stemma.Doc{}, fmt.Errorf("reading page: %w", err)
	}
	a, err := ingest.ExtractHTML(strings.NewReader(string(body)), resp.Request.URL.String(), resp.Header.Get("Content-Type"))
	if err != nil {
		return stemma.Doc{}, err
	}
	return a.Doc, nil
}

// merge takes a fetched page's text and metadata for an entry, keeping the
// entry's ID and its metadata where the page has none.
func merge(entry, page stemma.Doc) stemma.Doc {
	d := page
	d.ID = entry.ID
	d.URL = entry.URL
	if d.Title == "" {
		d.Title = entry.Title
	}
	if !d.Dated() {
		d.Date = entry.Date
	}
	if d.Source == "" {
		d.Source = entry.Source
	}
	if d.Author == "" {
		d.Author = entry.Author
	}
	if d.Lang == "" {
		d.Lang = entry.Lang
	}
	return d
}
