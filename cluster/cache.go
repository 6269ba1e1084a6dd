package cluster

import (
	"sync"
	"unsafe"

	"github.com/stemmanews/stemma/tokenize"
)

// textCache keeps tokenised texts by docnum within a byte budget, evicting
// the oldest first. It is safe for concurrent use.
type textCache struct {
	mu     sync.Mutex
	budget int64
	used   int64
	m      map[uint32]*Prepared
	fifo   []uint32
	head   int
	hits   int64
	misses int64
}

func newTextCache(budget int64) *textCache {
	return &textCache{budget: budget, m: map[uint32]*Prepared{}}
}

// cost is the memory a cached text takes: its bytes, its tokens'
// capacity, the Prepared and its place in the map and the queue.
func cost(p *Prepared) int64 {
	return int64(len(p.Text)) + int64(cap(p.Tokens))*int64(unsafe.Sizeof(tokenize.Token{})) + cacheOverhead
}

// cacheOverhead is the memory a cached text takes beside its bytes and
// tokens.
const cacheOverhead = int64(unsafe.Sizeof(Prepared{})) + 48

// size returns the memory the cached texts take.
func (c *textCache) size() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used
}

// setBudget changes the budget, evicting the oldest texts beyond it.
func (c *textCache) setBudget(budget int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.budget = budget
	c.evict(0)
}

func (c *textCache) get(num uint32) (*Prepared, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[num]
	if ok {
		c.hits++
	} else {
		c.misses++
	}
	return p, ok
}

// put adds a text that is not already cached; it keeps only the text, its
// tokens and its language.
func (c *textCache) put(num uint32, p *Prepared) {
	q := &Prepared{ID: p.ID, Text: p.Text, Tokens: p.Tokens, Lang: p.Lang}
	n := cost(q)
	if n > c.budget/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[num]; ok {
		return
	}
	c.evict(n)
	c.m[num] = q
	c.fifo = append(c.fifo, num)
	c.used += n
}

// evict drops the oldest texts until n more bytes fit in the budget.
func (c *textCache) evict(n int64) {
	for c.used+n > c.budget && c.head < len(c.fifo) {
		old := c.fifo[c.head]
		c.head++
		if o, ok := c.m[old]; ok {
			c.used -= cost(o)
			delete(c.m, old)
		}
	}
	if c.head > len(c.fifo)/2 && c.head > 1024 {
		c.fifo = append(c.fifo[:0], c.fifo[c.head:]...)
		c.head = 0
	}
}

// clear empties the cache.
func (c *textCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = map[uint32]*Prepared{}
	c.fifo, c.head, c.used = nil, 0, 0
}
