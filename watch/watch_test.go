package watch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/watch"
)

// newsServer serves an RSS feed (with ETag), an Atom feed (with
// Last-Modified) and article pages, and records what it was asked.
type newsServer struct {
	mu        sync.Mutex
	rssItems  []string // <item> elements
	rssFail   bool     // answer 500 for the RSS feed
	atomMod   time.Time
	condRSS   int // conditional requests seen
	condAtom  int
	notMod    int // 304 answers
	pageHits  map[string]int
	rssServed int
}

func paragraph(topic string, n int) string {
	return fmt.Sprintf("Paragraph %d of the story about %s, which the newsroom wrote with care and which nobody else has printed in exactly these words before today.", n, topic)
}

func (s *newsServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case r.URL.Path == "/rss.xml":
		if s.rssFail {
			http.Error(w, "upstream broke", http.StatusInternalServerError)
			return
		}
		body := `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbour Times</title><link>http://` + r.Host + `/</link>` + strings.Join(s.rssItems, "") + `</channel></rss>`
		etag := fmt.Sprintf(`"v%d"`, len(s.rssItems))
		if r.Header.Get("If-None-Match") != "" {
			s.condRSS++
			if r.Header.Get("If-None-Match") == etag {
				s.notMod++
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		s.rssServed++
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, body)
	case r.URL.Path == "/atom.xml":
		if ims := r.Header.Get("If-Modified-Since"); ims != "" {
			s.condAtom++
			if t, err := http.ParseTime(ims); err == nil && !s.atomMod.After(t) {
				s.notMod++
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Header().Set("Last-Modified", s.atomMod.UTC().Format(http.TimeFormat))
		fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Daily</title>
<entry><title>Anger over delay</title><link href="http://%s/coast/anger"/><id>urn:cd:1</id><updated>2024-03-05T12:00:00Z</updated>
<content type="html">&lt;p&gt;%s&lt;/p&gt;&lt;p&gt;%s&lt;/p&gt;</content></entry></feed>`, r.Host, paragraph("anger", 1), paragraph("anger", 2))
	case strings.HasPrefix(r.URL.Path, "/story/"):
		s.pageHits[r.URL.Path]++
		topic := strings.TrimPrefix(r.URL.Path, "/story/")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><title>%s | Harbour Times</title><meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2024-03-06T08:00:00Z"></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>%s</h1><p>%s</p><p>%s</p><p>%s</p></article><aside>Related: markets rally on hopes of a cut</aside>
<footer>Copyright Harbour Times. All rights reserved.</footer></body></html>`, topic, topic, paragraph(topic, 1), paragraph(topic, 2), paragraph(topic, 3))
	default:
		http.NotFound(w, r)
	}
}

func rssItem(host, topic string, full bool) string {
	link := "http://" + host + "/story/" + topic
	if full {
		return fmt.Sprintf(`<item><title>%s</title><link>%s</link><pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate><description>Summary.</description><content:encoded><![CDATA[<p>%s</p><p>%s</p>]]></content:encoded></item>`,
			topic, link, paragraph(topic, 1), paragraph(topic, 2))
	}
	return fmt.Sprintf(`<item><title>%s</title><link>%s</link><description>Only a summary of %s.</description></item>`, topic, link, topic)
}

func TestWatch(t *testing.T) {
	srv := &newsServer{atomMod: time.Date(2024, 3, 5, 12, 0, 0, 0, time.UTC), pageHits: map[string]int{}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	host := strings.TrimPrefix(ts.URL, "http://")
	srv.rssItems = []string{rssItem(host, "terminal", true), rssItem(host, "dredging", false)}

	ix, err := index.Open("ix", index.Options{FS: vfs.NewMem()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	now := time.Date(2024, 3, 6, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	opts := watch.Options{Interval: 10 * time.Minute, MinBackoff: time.Minute, MaxBackoff: 4 * time.Minute, Clock: clock}
	feeds := []string{ts.URL + "/rss.xml", ts.URL + "/atom.xml"}
	w, err := watch.New(ix, feeds, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	poll := func(cycle string) []watch.Event {
		t.Helper()
		evs, err := w.Poll(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range evs {
			t.Logf("%s: %v", cycle, ev)
		}
		return evs
	}
	added := func(evs []watch.Event) int {
		n := 0
		for _, ev := range evs {
			n += ev.Added
		}
		return n
	}

	// Cycle 1: everything is new; the summary-only entry's page is fetched.
	evs := poll("1")
	if len(evs) != 2 || added(evs) != 3 || evs[0].Fetched != 1 || evs[0].Err != nil || evs[1].Err != nil {
		t.Fatalf("cycle 1: %v, want 3 entries indexed and 1 page fetched", evs)
	}
	d, err := ix.DocByID("http://" + host + "/story/dredging")
	if err != nil || !strings.Contains(d.Text, paragraph("dredging", 3)) || d.Source != "Harbour Times" || !d.Dated() || strings.Contains(d.Text, "Related") {
		t.Errorf("fetched entry = %+v, %v; want the page's article text and metadata", d, err)
	}

	// Cycle 2, an interval later: nothing changed, both feeds answer 304.
	now = now.Add(10 * time.Minute)
	evs = poll("2")
	if len(evs) != 2 || !evs[0].NotModified || !evs[1].NotModified {
		t.Errorf("cycle 2: %v, want both not modified", evs)
	}

	// Cycle 3: a new summary-only entry appears, but the feed fails.
	srv.mu.Lock()
	srv.rssItems = append(srv.rssItems, rssItem(host, "fishermen", false))
	srv.rssFail = true
	srv.mu.Unlock()
	now = now.Add(10 * time.Minute)
	evs = poll("3")
	if len(evs) != 2 || evs[0].Err == nil || evs[0].Retry != time.Minute || !evs[1].NotModified {
		t.Errorf("cycle 3: %v, want the RSS feed failed with a 1m retry", evs)
	}
	// Still failing a minute later: the wait doubles.
	now = now.Add(time.Minute)
	evs = poll("3b")
	if len(evs) != 1 || evs[0].Err == nil || evs[0].Retry != 2*time.Minute {
		t.Errorf("cycle 3b: %v, want only the RSS feed polled, failing again with a 2m retry", evs)
	}
	// Not due yet after one more minute.
	now = now.Add(time.Minute)
	if evs = poll("3c"); len(evs) != 0 {
		t.Errorf("cycle 3c: %v, want no feed due", evs)
	}

	// Cycle 4: the server recovers; the new entry is indexed, once.
	srv.mu.Lock()
	srv.rssFail = false
	srv.mu.Unlock()
	now = now.Add(time.Minute)
	evs = poll("4")
	if len(evs) != 1 || evs[0].Err != nil || evs[0].New != 1 || evs[0].Added != 1 || evs[0].Fetched != 1 {
		t.Errorf("cycle 4: %v, want the new entry indexed", evs)
	}
	if _, err := ix.DocByID("http://" + host + "/story/fishermen"); err != nil {
		t.Errorf("the entry added during the outage is not indexed: %v", err)
	}

	// Cycle 5: nothing new; a second Watcher, as after a restart, starts
	// from the stored validators and sends conditional requests at once.
	now = now.Add(10 * time.Minute)
	if evs = poll("5"); added(evs) != 0 {
		t.Errorf("cycle 5: %v, want nothing added", evs)
	}
	w2, err := watch.New(ix, feeds, opts)
	if err != nil {
		t.Fatal(err)
	}
	evs, err = w2.Poll(ctx)
	if err != nil || len(evs) != 2 || !evs[0].NotModified || !evs[1].NotModified {
		t.Errorf("restarted watcher: %v, %v; want both not modified", evs, err)
	}

	srv.mu.Lock()
	defer srv.mu.Unlock()
	if srv.condRSS == 0 || srv.condAtom == 0 || srv.notMod < 6 {
		t.Errorf("server saw %d conditional RSS and %d conditional Atom requests, answered %d with 304", srv.condRSS, srv.condAtom, srv.notMod)
	}
	for path, n := range srv.pageHits {
		if n != 1 {
			t.Errorf("page %s fetched %d times, want once", path, n)
		}
	}
	if c := ix.Counts(); c.Docs != 4 {
		t.Errorf("index holds %d documents, want 4", c.Docs)
	}
	if r, err := ix.Check(true); err != nil {
		t.Errorf("Check: %v %v", err, r.Problems)
	}
}

func TestBackoffCap(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer ts.Close()
	ix, err := index.Open("ix", index.Options{FS: vfs.NewMem()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	w, err := watch.New(ix, []string{ts.URL + "/feed"}, watch.Options{MinBackoff: time.Second, MaxBackoff: 5 * time.Second, Clock: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	var got []time.Duration
	for range 5 {
		evs, err := w.Poll(context.Background())
		if err != nil || len(evs) != 1 || evs[0].Err == nil {
			t.Fatalf("Poll = %v, %v", evs, err)
		}
		got = append(got, evs[0].Retry)
		now = now.Add(evs[0].Retry)
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("retries %v, want %v", got, want)
	}
}

func TestOptions(t *testing.T) {
	ix, err := index.Open("ix", index.Options{FS: vfs.NewMem()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, tt := range []struct {
		urls []string
		opts watch.Options
	}{
		{nil, watch.Options{}},
		{[]string{"ftp://x/feed"}, watch.Options{}},
		{[]string{"http://x/feed"}, watch.Options{Interval: -1}},
		{[]string{"http://x/feed"}, watch.Options{MinBackoff: time.Hour, MaxBackoff: time.Minute}},
	} {
		if _, err := watch.New(ix, tt.urls, tt.opts); err == nil {
			t.Errorf("New(%v, %+v) succeeded", tt.urls, tt.opts)
		}
	}
}
