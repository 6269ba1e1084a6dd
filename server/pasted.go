package server

import (
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"sync"

	"github.com/stemmanews/stemma"
)

// pasted keeps recently pasted articles in memory, so that the report page
// of an article traced from the form has a URL that can be reloaded,
// linked to and compared from. It forgets the least recently used articles
// once their texts exceed the byte budget. A key is derived from the
// article's content, so pasting the same article again reuses its entry.
// It is safe for concurrent use.
type pasted struct {
	mu     sync.Mutex
	budget int64
	bytes  int64
	order  *list.List // of *pastedEntry, most recent first
	byKey  map[string]*list.Element
}

type pastedEntry struct {
	key string
	doc stemma.Doc
}

func newPasted(budget int64) *pasted {
	return &pasted{budget: budget, order: list.New(), byKey: map[string]*list.Element{}}
}

func pastedKey(d stemma.Doc) string {
	h := sha256.New()
	// Every field the trace reads: the same text given another language
	// or date is another article.
	for _, f := range []string{d.ID, d.Source, d.URL, d.Title, d.Author, d.Lang, d.Date.String(), strconv.FormatBool(d.DayOnly), d.Text} {
		h.Write([]byte(strconv.Itoa(len(f))))
		h.Write([]byte{':'})
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil)[:10])
}

func entrySize(d stemma.Doc) int64 {
	return int64(len(d.Text) + len(d.Title) + len(d.ID) + len(d.Source) + len(d.URL) + 128)
}

// put stores d and returns its key.
func (p *pasted) put(d stemma.Doc) string {
	key := pastedKey(d)
	p.mu.Lock()
	defer p.mu.Unlock()
	if e, ok := p.byKey[key]; ok {
		p.order.MoveToFront(e)
		return key
	}
	p.byKey[key] = p.order.PushFront(&pastedEntry{key: key, doc: d})
	p.bytes += entrySize(d)
	for p.bytes > p.budget && p.order.Len() > 1 {
		e := p.order.Back()
		pe := e.Value.(*pastedEntry)
		p.order.Remove(e)
		delete(p.byKey, pe.key)
		p.bytes -= entrySize(pe.doc)
	}
	return key
}

// get returns the article stored under key.
func (p *pasted) get(key string) (stemma.Doc, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	e, ok := p.byKey[key]
	if !ok {
		return stemma.Doc{}, false
	}
	p.order.MoveToFront(e)
	return e.Value.(*pastedEntry).doc, true
}
