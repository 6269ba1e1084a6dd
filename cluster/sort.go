package cluster

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sync"
	"unsafe"
)

// codec encodes the records of type T that a sorter spills. A record may
// be coded against the one before it in the same run (prev: the zero T
// for the first), so that sorted keys are stored as small deltas.
type codec[T any] struct {
	// max is the longest encoding of one record.
	max int
	// put appends the encoding of v to b.
	put func(b []byte, prev, v *T) []byte
	// get decodes one record from the start of b into v and returns the
	// bytes it took, or 0 when b does not start with a whole record.
	get func(b []byte, prev, v *T) int
	cmp func(x, y T) int
	// combine, if not nil, folds y into x when the two compare equal: a
	// sorter then yields one record per key (a count, say, summed over
	// every record added with that key), and stores one per key in each
	// run.
	combine func(x, y *T)
}

// fixedCodec returns a codec whose records take size bytes each, coded
// alone.
func fixedCodec[T any](size int, put func(b []byte, v *T), get func(b []byte, v *T), cmp func(x, y T) int) codec[T] {
	return codec[T]{
		max: size,
		put: func(b []byte, _, v *T) []byte {
			n := len(b)
			b = slices.Grow(b, size)[:n+size]
			put(b[n:], v)
			return b
		},
		get: func(b []byte, _, v *T) int {
			if len(b) < size {
				return 0
			}
			get(b[:size], v)
			return size
		},
		cmp: cmp,
	}
}

// sorter sorts records that may not fit in memory (an external merge
// sort): it holds up to a budget of them in fixed-size blocks, and when
// they are full sorts the blocks and writes them, merged, as one run file
// in dir; reading merges the runs. Records are held in blocks, not one
// growing slice, so that the buffer never holds more than its budget, not
// even while it grows. Once finished, a sorter can be read any number of
// times. A sorter is not safe for concurrent use.
type sorter[T any] struct {
	c        codec[T]
	dir      string
	limit    int   // records held in memory
	blockLen int   // records per block
	blocks   [][]T // the blocks in use; only the last may be partly filled
	free     [][]T // blocks emptied by a spill, for reuse
	held     int   // records in blocks
	runs     []string
	n        int64
	spilled  int64 // records written to runs (after combining)
	done     bool
}

// newSorter returns a sorter that keeps at most budget bytes of records in
// memory and spills to dir.
func newSorter[T any](c codec[T], dir string, budget int64) *sorter[T] {
	var zero T
	limit := max(1024, int(min(budget/int64(unsafe.Sizeof(zero)), 1<<40)))
	return &sorter[T]{c: c, dir: dir, limit: limit, blockLen: min(limit, max(1024, min(limit/8, 1<<20)))}
}

// len returns the number of records added.
func (s *sorter[T]) len() int64 { return s.n }

// bytes returns the memory the sorter's blocks take.
func (s *sorter[T]) bytes() int64 {
	var zero T
	var n int64
	for _, b := range s.blocks {
		n += int64(cap(b))
	}
	for _, b := range s.free {
		n += int64(cap(b))
	}
	return n * int64(unsafe.Sizeof(zero))
}

// addAll adds records.
func (s *sorter[T]) addAll(vs []T) error {
	for i := range vs {
		if err := s.add(vs[i]); err != nil {
			return err
		}
	}
	return nil
}

// add adds a record.
func (s *sorter[T]) add(v T) error {
	if s.done {
		return errors.New("cluster: sorter: add after finish")
	}
	k := len(s.blocks) - 1
	if k < 0 || len(s.blocks[k]) == cap(s.blocks[k]) {
		if s.held >= s.limit {
			if err := s.spill(); err != nil {
				return err
			}
			k = -1
		}
		if k == 0 && cap(s.blocks[0]) < s.blockLen && len(s.free) == 0 {
			// The first block grows, up to blockLen, so that a small
			// sorter takes little memory.
			b := make([]T, len(s.blocks[0]), min(2*cap(s.blocks[0]), s.blockLen))
			copy(b, s.blocks[0])
			s.blocks[0] = b
		} else {
			s.blocks = append(s.blocks, s.block())
			k = len(s.blocks) - 1
		}
	}
	s.blocks[k] = append(s.blocks[k], v)
	s.held++
	s.n++
	return nil
}

// block returns an empty block, of blockLen records or what is left of
// the limit.
func (s *sorter[T]) block() []T {
	if n := len(s.free); n > 0 {
		b := s.free[n-1]
		s.free = s.free[:n-1]
		return b[:0]
	}
	if len(s.blocks) == 0 {
		return make([]T, 0, min(s.blockLen, 256))
	}
	return make([]T, 0, min(s.blockLen, s.limit-s.held))
}

// sortBlocks sorts each block, on as many goroutines as there are
// processors.
func (s *sorter[T]) sortBlocks() {
	workers := min(runtime.GOMAXPROCS(0), len(s.blocks))
	if workers <= 1 {
		for _, b := range s.blocks {
			slices.SortFunc(b, s.c.cmp)
		}
		return
	}
	next := make(chan []T, len(s.blocks))
	for _, b := range s.blocks {
		next <- b
	}
	close(next)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for b := range next {
				slices.SortFunc(b, s.c.cmp)
			}
		})
	}
	wg.Wait()
}

// eachBlock calls fn with the sorted blocks' records in order, merging
// the blocks (and combining equal records).
func (s *sorter[T]) eachBlock(fn func(v *T) error) error {
	cs := make([]cursor[T], 0, len(s.blocks))
	for _, b := range s.blocks {
		if len(b) > 0 {
			cs = append(cs, cursor[T]{block: b, cur: b[0]})
		}
	}
	return s.merge(cs, fn)
}

// spill sorts the blocks and writes them as a run.
func (s *sorter[T]) spill() error {
	s.sortBlocks()
	name, n, err := s.write(func(fn func(v *T) error) error { return s.eachBlock(fn) })
	if err != nil {
		return err
	}
	s.runs = append(s.runs, name)
	s.spilled += n
	for _, b := range s.blocks {
		s.free = append(s.free, b[:0])
	}
	s.blocks, s.held = s.blocks[:0], 0
	return nil
}

// write writes the records that each yields to a new run file and returns
// its name and the number of records written.
func (s *sorter[T]) write(each func(fn func(v *T) error) error) (string, int64, error) {
	f, err := os.CreateTemp(s.dir, "run-*")
	if err != nil {
		return "", 0, fmt.Errorf("cluster: writing a sort run: %w", err)
	}
	w := newRunWriter(f, s.c)
	err = each(w.write)
	if err == nil {
		err = w.flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", 0, fmt.Errorf("cluster: writing a sort run: %w", err)
	}
	return f.Name(), w.n, nil
}

// maxFanIn is the most runs merged at once.
const maxFanIn = 64

// finish sorts what was added. After finish, each reads the records in
// order. When the records spilled, finish releases the blocks.
func (s *sorter[T]) finish() error {
	if s.done {
		return nil
	}
	s.done = true
	if len(s.runs) == 0 {
		s.sortBlocks()
		s.free = nil
		return nil
	}
	if s.held > 0 {
		if err := s.spill(); err != nil {
			return err
		}
	}
	s.blocks, s.free = nil, nil
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
			name, _, err := s.write(func(fn func(v *T) error) error { return s.mergeRuns(group, fn) })
			if err != nil {
				return err
			}
			for _, r := range group {
				os.Remove(r)
			}
			next = append(next, name)
		}
		s.runs = next
	}
	return nil
}

// each calls fn with every record in order, equal records combined when
// the codec combines. It may be called any number of times after finish.
func (s *sorter[T]) each(fn func(v *T) error) error {
	if !s.done {
		if err := s.finish(); err != nil {
			return err
		}
	}
	if len(s.runs) == 0 {
		return s.eachBlock(fn)
	}
	return s.mergeRuns(s.runs, fn)
}

// mergeRuns calls fn with the records of the runs, merged.
func (s *sorter[T]) mergeRuns(runs []string, fn func(v *T) error) error {
	cs := make([]cursor[T], 0, len(runs))
	defer func() {
		for _, c := range cs {
			if c.run != nil {
				c.run.close()
			}
		}
	}()
	for _, name := range runs {
		r, err := openRun(name, s.c)
		if err != nil {
			return err
		}
		c := cursor[T]{run: r}
		ok, err := r.next(&c.cur)
		if err != nil {
			r.close()
			return err
		}
		if !ok {
			r.close()
			continue
		}
		cs = append(cs, c)
	}
	return s.merge(cs, fn)
}

// cursor is the next record of a sorted block or run.
type cursor[T any] struct {
	block []T // the block's records from cur on
	run   *runReader[T]
	cur   T
}

func (c *cursor[T]) next() (bool, error) {
	if c.run != nil {
		return c.run.next(&c.cur)
	}
	c.block = c.block[1:]
	if len(c.block) == 0 {
		return false, nil
	}
	c.cur = c.block[0]
	return true, nil
}

// merge calls fn with the records of the cursors in order (a k-way merge
// on a binary heap), combining equal records when the codec combines.
// Cursors that end are removed from cs.
func (s *sorter[T]) merge(cs []cursor[T], fn func(v *T) error) error {
	less := func(i, j int) bool { return s.c.cmp(cs[i].cur, cs[j].cur) < 0 }
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(cs) {
				return
			}
			m := l
			if r := l + 1; r < len(cs) && less(r, l) {
				m = r
			}
			if !less(m, i) {
				return
			}
			cs[i], cs[m] = cs[m], cs[i]
			i = m
		}
	}
	for i := len(cs)/2 - 1; i >= 0; i-- {
		down(i)
	}
	emit := fn
	var acc T
	have := false
	if s.c.combine != nil {
		emit = func(v *T) error {
			if have && s.c.cmp(acc, *v) == 0 {
				s.c.combine(&acc, v)
				return nil
			}
			if have {
				if err := fn(&acc); err != nil {
					return err
				}
			}
			acc, have = *v, true
			return nil
		}
	}
	for len(cs) > 0 {
		if err := emit(&cs[0].cur); err != nil {
			return err
		}
		ok, err := cs[0].next()
		if err != nil {
			return err
		}
		if !ok {
			if cs[0].run != nil {
				cs[0].run.close()
			}
			cs[0] = cs[len(cs)-1]
			cs = cs[:len(cs)-1]
		}
		down(0)
	}
	if have {
		return fn(&acc)
	}
	return nil
}

// close removes the sorter's files and releases its memory.
func (s *sorter[T]) close() {
	for _, r := range s.runs {
		os.Remove(r)
	}
	s.runs, s.blocks, s.free, s.held = nil, nil, nil, 0
}

// runWriter writes records to a run file.
type runWriter[T any] struct {
	w    io.Writer
	c    codec[T]
	buf  []byte
	prev T
	n    int64
}

func newRunWriter[T any](w io.Writer, c codec[T]) *runWriter[T] {
	return &runWriter[T]{w: w, c: c, buf: make([]byte, 0, 1<<20)}
}

func (w *runWriter[T]) write(v *T) error {
	if len(w.buf)+w.c.max > cap(w.buf) {
		if err := w.flush(); err != nil {
			return err
		}
	}
	w.buf = w.c.put(w.buf, &w.prev, v)
	w.prev = *v
	w.n++
	return nil
}

func (w *runWriter[T]) flush() error {
	_, err := w.w.Write(w.buf)
	w.buf = w.buf[:0]
	return err
}

// runReader reads the records of a run file.
type runReader[T any] struct {
	name string
	f    *os.File
	c    codec[T]
	buf  []byte
	b    []byte // the unread part of buf
	eof  bool
	prev T
}

// runBuffer is the read buffer of each run being merged.
const runBuffer = 256 << 10

func openRun[T any](name string, c codec[T]) (*runReader[T], error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cluster: %w", err)
	}
	return &runReader[T]{name: name, f: f, c: c, buf: make([]byte, runBuffer)}, nil
}

// next decodes the next record into v; it returns false at the end.
func (r *runReader[T]) next(v *T) (bool, error) {
	if len(r.b) < r.c.max && !r.eof {
		n := copy(r.buf, r.b)
		for n < len(r.buf) && !r.eof {
			m, err := r.f.Read(r.buf[n:])
			n += m
			if errors.Is(err, io.EOF) {
				r.eof = true
			} else if err != nil {
				return false, fmt.Errorf("cluster: reading %s: %w", r.name, err)
			}
		}
		r.b = r.buf[:n]
	}
	if len(r.b) == 0 {
		return false, nil
	}
	n := r.c.get(r.b, &r.prev, v)
	if n <= 0 {
		return false, fmt.Errorf("%w: %s: a record cut short or malformed", ErrCorrupt, r.name)
	}
	r.b = r.b[n:]
	r.prev = *v
	return true, nil
}

func (r *runReader[T]) close() { r.f.Close() }
