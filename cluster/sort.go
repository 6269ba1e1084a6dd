package cluster

import (
	"bufio"
	"container/heap"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sync"
	"unsafe"
)

// codec encodes records of type T in a fixed number of bytes.
type codec[T any] struct {
	size int
	put  func(b []byte, v *T) // len(b) == size
	get  func(b []byte, v *T)
	cmp  func(x, y T) int
}

// sorter sorts records that may not fit in memory: it holds up to a
// budget of them, then sorts and writes them to a run file in dir, and
// merges the runs as it reads them (an external merge sort). Once
// finished, it can be read any number of times. A sorter is not safe for
// concurrent use.
type sorter[T any] struct {
	c      codec[T]
	dir    string
	limit  int // records held in memory
	buf    []T
	chunks []int    // ends of the sorted chunks of buf
	runs   []string // sorted runs on disk, merged as they are read
	n      int64
	done   bool
}

// newSorter returns a sorter that keeps at most budget bytes of records in
// memory and spills to dir.
func newSorter[T any](c codec[T], dir string, budget int64) *sorter[T] {
	var zero T
	limit := max(1024, int(budget/int64(unsafe.Sizeof(zero))))
	return &sorter[T]{c: c, dir: dir, limit: limit}
}

// len returns the number of records added.
func (s *sorter[T]) len() int64 { return s.n }

// addAll adds records.
func (s *sorter[T]) addAll(vs []T) error {
	if s.done {
		return errors.New("cluster: sorter: add after finish")
	}
	for len(vs) > 0 {
		n := min(len(vs), s.limit-len(s.buf))
		s.grow(n)
		s.buf = append(s.buf, vs[:n]...)
		s.n += int64(n)
		vs = vs[n:]
		if len(s.buf) >= s.limit {
			if err := s.spill(); err != nil {
				return err
			}
		}
	}
	return nil
}

// add adds a record.
func (s *sorter[T]) add(v T) error {
	if s.done {
		return errors.New("cluster: sorter: add after finish")
	}
	s.grow(1)
	s.buf = append(s.buf, v)
	s.n++
	if len(s.buf) >= s.limit {
		return s.spill()
	}
	return nil
}

// grow makes room for n more records without going past the limit, so
// that the buffer never holds more than the budget.
func (s *sorter[T]) grow(n int) {
	if len(s.buf)+n <= cap(s.buf) {
		return
	}
	c := min(max(2*cap(s.buf), len(s.buf)+n, 1024), s.limit)
	buf := make([]T, len(s.buf), c)
	copy(buf, s.buf)
	s.buf = buf
}

// sortBuf sorts the buffer in sorted chunks, one per processor, each
// sorted concurrently; eachBuf merges them as it reads.
func (s *sorter[T]) sortBuf() {
	k := runtime.GOMAXPROCS(0)
	if len(s.buf) < 1<<15 || k < 2 {
		k = 1
	}
	s.chunks = s.chunks[:0]
	var wg sync.WaitGroup
	for i := range k {
		lo, hi := i*len(s.buf)/k, (i+1)*len(s.buf)/k
		s.chunks = append(s.chunks, hi)
		wg.Go(func() { slices.SortFunc(s.buf[lo:hi], s.c.cmp) })
	}
	wg.Wait()
}

// eachBuf calls fn with the sorted buffer's records in order, merging its
// chunks.
func (s *sorter[T]) eachBuf(fn func(v *T) error) error {
	if len(s.chunks) <= 1 {
		for i := range s.buf {
			if err := fn(&s.buf[i]); err != nil {
				return err
			}
		}
		return nil
	}
	pos := make([]int, len(s.chunks)) // next record of each chunk
	for i := 1; i < len(s.chunks); i++ {
		pos[i] = s.chunks[i-1]
	}
	for {
		best := -1
		for c := range pos {
			if pos[c] < s.chunks[c] && (best < 0 || s.c.cmp(s.buf[pos[c]], s.buf[pos[best]]) < 0) {
				best = c
			}
		}
		if best < 0 {
			return nil
		}
		if err := fn(&s.buf[pos[best]]); err != nil {
			return err
		}
		pos[best]++
	}
}

// spill sorts the buffer and writes it as a run.
func (s *sorter[T]) spill() error {
	s.sortBuf()
	f, err := os.CreateTemp(s.dir, "run-*")
	if err != nil {
		return fmt.Errorf("cluster: spilling a sort run: %w", err)
	}
	s.runs = append(s.runs, f.Name())
	w := bufio.NewWriterSize(f, 1<<20)
	b := make([]byte, s.c.size)
	err = s.eachBuf(func(v *T) error {
		s.c.put(b, v)
		_, err := w.Write(b)
		return err
	})
	if err != nil {
		f.Close()
		return fmt.Errorf("cluster: spilling a sort run: %w", err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("cluster: spilling a sort run: %w", err)
	}
	s.buf = s.buf[:0]
	return f.Close()
}

// maxFanIn is the most runs merged at once.
const maxFanIn = 64

// finish sorts what was added. After finish, each reads the records in
// order.
func (s *sorter[T]) finish() error {
	if s.done {
		return nil
	}
	s.done = true
	if len(s.runs) == 0 {
		s.sortBuf()
		return nil
	}
	if len(s.buf) > 0 {
		if err := s.spill(); err != nil {
			return err
		}
	}
	s.buf = nil
	// Merge down to at most maxFanIn runs; each merges those as it reads,
	// so the data is written once more only when there are many runs.
	for len(s.runs) > maxFanIn {
		var next []string
		for i := 0; i < len(s.runs); i += maxFanIn {
			group := s.runs[i:min(i+maxFanIn, len(s.runs))]
			if len(group) == 1 {
				next = append(next, group[0])
				continue
			}
			out, err := s.merge(group)
			if err != nil {
				return err
			}
			next = append(next, out)
		}
		s.runs = next
	}
	return nil
}

// merge merges sorted runs into a new run and removes them.
func (s *sorter[T]) merge(runs []string) (string, error) {
	f, err := os.CreateTemp(s.dir, "run-*")
	if err != nil {
		return "", fmt.Errorf("cluster: merging sort runs: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	b := make([]byte, s.c.size)
	err = s.mergeRuns(runs, func(v *T) error {
		s.c.put(b, v)
		_, err := w.Write(b)
		return err
	})
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("cluster: merging sort runs: %w", err)
	}
	for _, r := range runs {
		os.Remove(r)
	}
	return f.Name(), nil
}

// runReader reads one run.
type runReader[T any] struct {
	r   *bufio.Reader
	f   *os.File
	cur T
}

type runHeap[T any] struct {
	rs  []*runReader[T]
	cmp func(x, y T) int
}

func (h *runHeap[T]) Len() int           { return len(h.rs) }
func (h *runHeap[T]) Less(i, j int) bool { return h.cmp(h.rs[i].cur, h.rs[j].cur) < 0 }
func (h *runHeap[T]) Swap(i, j int)      { h.rs[i], h.rs[j] = h.rs[j], h.rs[i] }
func (h *runHeap[T]) Push(x any)         { h.rs = append(h.rs, x.(*runReader[T])) }
func (h *runHeap[T]) Pop() any {
	x := h.rs[len(h.rs)-1]
	h.rs = h.rs[:len(h.rs)-1]
	return x
}

func (s *sorter[T]) mergeRuns(runs []string, fn func(v *T) error) error {
	h := &runHeap[T]{cmp: s.c.cmp}
	b := make([]byte, s.c.size)
	defer func() {
		for _, r := range h.rs {
			r.f.Close()
		}
	}()
	next := func(r *runReader[T]) (bool, error) {
		if _, err := io.ReadFull(r.r, b); err != nil {
			if errors.Is(err, io.EOF) {
				return false, nil
			}
			return false, fmt.Errorf("%w: sort run: %w", ErrCorrupt, err)
		}
		s.c.get(b, &r.cur)
		return true, nil
	}
	for _, name := range runs {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		r := &runReader[T]{r: bufio.NewReaderSize(f, 256<<10), f: f}
		ok, err := next(r)
		if err != nil || !ok {
			f.Close()
			if err != nil {
				return err
			}
			continue
		}
		h.rs = append(h.rs, r)
	}
	heap.Init(h)
	for h.Len() > 0 {
		r := h.rs[0]
		if err := fn(&r.cur); err != nil {
			return err
		}
		ok, err := next(r)
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(h, 0)
		} else {
			r.f.Close()
			heap.Pop(h)
		}
	}
	return nil
}

// each calls fn with every record in order. It may be called any number
// of times after finish.
func (s *sorter[T]) each(fn func(v *T) error) error {
	if !s.done {
		if err := s.finish(); err != nil {
			return err
		}
	}
	if len(s.runs) == 0 {
		return s.eachBuf(fn)
	}
	return s.mergeRuns(s.runs, fn)
}

// close removes the sorter's files.
func (s *sorter[T]) close() {
	for _, r := range s.runs {
		os.Remove(r)
	}
	s.runs, s.buf = nil, nil
}
