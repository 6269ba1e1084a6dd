package index

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/cockroachdb/pebble/v2"
)

// The index's posting segments (segment.go) are registered in Pebble, one
// "g" record each, in the same atomic commit as the documents they post: a
// segment file is written and synced first, so a registered segment is
// always whole, and a file that no record names (a commit or merge a crash
// interrupted) is removed when the index is next opened for writing.
//
// Merging: segments are kept in document order, and whenever mergeFanIn
// adjacent ones are of one tier (a tier is a factor of mergeFanIn in
// postings, from mergeBase up), a background goroutine merges them into
// one, registers it and unregisters them in one batch, and removes their
// files once no reader uses them. A posting is so rewritten about
// log_mergeFanIn(postings/mergeBase) times in all, and a lookup visits at
// most (mergeFanIn−1) segments per tier.
const (
	mergeFanIn = 8
	mergeBase  = 1 << 12 // postings: about 50 news articles
)

// segmentDir is the directory of the segment files.
func (ix *Index) segmentDir() string { return ix.opts.FS.PathJoin(ix.dir, "postings") }

func (ix *Index) segmentPath(seq uint64) string {
	return ix.opts.FS.PathJoin(ix.segmentDir(), fmt.Sprintf("%012d.seg", seq))
}

func segmentKey(seq uint64) []byte { return binary.BigEndian.AppendUint64([]byte{'g'}, seq) }

// encodeSegmentRecord is the value of a "g" record: uvarint postings,
// DocLo and DocHi.
func encodeSegmentRecord(h *segHeader) []byte {
	b := binary.AppendUvarint(nil, h.n)
	b = binary.AppendUvarint(b, uint64(h.docLo))
	return binary.AppendUvarint(b, uint64(h.docHi))
}

// segmentSet is the open segments, in document order, and their merger.
type segmentSet struct {
	mu   sync.RWMutex // readers hold it while they use segs
	segs []*segment
	seq  uint64 // the last sequence number used; guarded by mu

	// The merger: wake asks it to look for work and stop ends it. Under
	// idleMu, asked counts the calls of settle and served the last of them
	// the merger found nothing left to do after; exited is set when it
	// ends, and err holds why, if a merge failed.
	wake          chan struct{}
	stop          chan struct{}
	done          chan struct{}
	idleMu        sync.Mutex
	idle          *sync.Cond
	asked, served uint64
	exited        bool
	err           error
}

// loadSegments opens the registered segments and, for a writable index,
// removes unregistered files and starts the merger.
func (ix *Index) loadSegments() error {
	ss := &ix.segs
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{'g'}, UpperBound: []byte{'h'}})
	if err != nil {
		return err
	}
	registered := map[string]bool{}
	for ok := it.First(); ok; ok = it.Next() {
		k := it.Key()
		if len(k) != 9 {
			it.Close()
			return fmt.Errorf("%w: segment key %x", ErrCorrupt, k)
		}
		seq := binary.BigEndian.Uint64(k[1:])
		s, err := openSegment(ix.opts.FS, ix.segmentPath(seq), seq)
		if err != nil {
			it.Close()
			ix.closeSegments()
			return err
		}
		if s.h != ix.hbits {
			it.Close()
			s.close()
			ix.closeSegments()
			return fmt.Errorf("segment %s: %w: %d-bit values in an index of %d", s.path, ErrCorrupt, s.h, ix.hbits)
		}
		ss.segs = append(ss.segs, s)
		ss.seq = max(ss.seq, seq)
		registered[ix.opts.FS.PathBase(s.path)] = true
	}
	if err := it.Close(); err != nil {
		ix.closeSegments()
		return err
	}
	slices.SortFunc(ss.segs, func(a, b *segment) int { return cmp.Compare(a.docLo, b.docLo) })
	if ix.opts.ReadOnly {
		return nil
	}
	if err := ix.opts.FS.MkdirAll(ix.segmentDir(), 0o755); err != nil {
		return err
	}
	names, err := ix.opts.FS.List(ix.segmentDir())
	if err != nil {
		return err
	}
	for _, name := range names {
		if !registered[name] {
			if seq, ok := parseSegmentName(name); ok {
				ss.seq = max(ss.seq, seq)
			}
			if err := ix.opts.FS.Remove(ix.opts.FS.PathJoin(ix.segmentDir(), name)); err != nil {
				return err
			}
		}
	}
	ss.wake = make(chan struct{}, 1)
	ss.stop = make(chan struct{})
	ss.done = make(chan struct{})
	ss.idle = sync.NewCond(&ss.idleMu)
	go ix.mergeLoop()
	ss.wake <- struct{}{} // merge what an earlier run left
	return nil
}

func parseSegmentName(name string) (uint64, bool) {
	s, ok := strings.CutSuffix(name, ".seg")
	if !ok {
		return 0, false
	}
	seq, err := strconv.ParseUint(s, 10, 64)
	return seq, err == nil
}

// nextSegmentSeq returns a new sequence number.
func (ix *Index) nextSegmentSeq() uint64 {
	ix.segs.mu.Lock()
	defer ix.segs.mu.Unlock()
	ix.segs.seq++
	return ix.segs.seq
}

// writeSegment writes a commit's postings, sorted by sortPostings, as the
// segment seq, and returns its header.
func (ix *Index) writeSegment(seq uint64, ps []posting) (segHeader, error) {
	lo, hi := ps[0].num, ps[0].num
	for _, p := range ps {
		lo, hi = min(lo, p.num), max(hi, p.num)
	}
	hdr := newSegHeader(ix.hbits, uint64(len(ps)), lo, hi)
	w, err := newSegmentWriter(ix.opts.FS, ix.segmentPath(seq), hdr)
	if err != nil {
		return segHeader{}, err
	}
	for _, p := range ps {
		w.add(p.hash, p.num)
	}
	if err := w.finish(); err != nil {
		ix.opts.FS.Remove(ix.segmentPath(seq))
		return segHeader{}, err
	}
	return hdr, ix.syncSegmentDir()
}

// syncSegmentDir makes the creation of segment files durable.
func (ix *Index) syncSegmentDir() error {
	d, err := ix.opts.FS.OpenDir(ix.segmentDir())
	if err != nil {
		return err
	}
	return errors.Join(d.Sync(), d.Close())
}

// addSegment opens a registered segment and puts it in the set.
func (ix *Index) addSegment(seq uint64) error {
	s, err := openSegment(ix.opts.FS, ix.segmentPath(seq), seq)
	if err != nil {
		return err
	}
	ss := &ix.segs
	ss.mu.Lock()
	i, _ := slices.BinarySearchFunc(ss.segs, s.docLo, func(x *segment, lo uint32) int { return cmp.Compare(x.docLo, lo) })
	ss.segs = slices.Insert(ss.segs, i, s)
	ss.mu.Unlock()
	select {
	case ss.wake <- struct{}{}:
	default:
	}
	return nil
}

// lookup calls fn with the document of every posting of hash, in every
// segment, until fn returns false. The caller holds ix.segs.mu for reading.
func (ix *Index) lookup(hash uint64, fn func(num uint32) bool) error {
	v := hash >> (64 - ix.hbits)
	more := true
	for _, s := range ix.segs.segs {
		if err := s.lookup(v, func(n uint32) { more = more && fn(n) }); err != nil {
			return err
		}
		if !more {
			break
		}
	}
	return nil
}

// tier is a segment's size class for merging.
func tier(n uint64) int {
	if n <= mergeBase {
		return 0
	}
	return (bits.Len64(n/mergeBase) + 2) / 3 // log8, rounded up
}

// mergeable returns the first run of mergeFanIn adjacent segments of one
// tier, or nil.
func mergeable(segs []*segment) []*segment {
	for i := 0; i+mergeFanIn <= len(segs); i++ {
		t := tier(segs[i].n)
		j := i + 1
		for j < i+mergeFanIn && tier(segs[j].n) == t {
			j++
		}
		if j == i+mergeFanIn {
			return segs[i:j]
		}
	}
	return nil
}

// mergeLoop merges segments until stopped.
func (ix *Index) mergeLoop() {
	ss := &ix.segs
	defer func() {
		ss.idleMu.Lock()
		ss.exited = true
		ss.idle.Broadcast()
		ss.idleMu.Unlock()
		close(ss.done)
	}()
	for {
		ss.idleMu.Lock()
		asked := ss.asked
		ss.idleMu.Unlock()
		ss.mu.RLock()
		in := slices.Clone(mergeable(ss.segs))
		ss.mu.RUnlock()
		if in == nil {
			ss.idleMu.Lock()
			ss.served = asked
			ss.idle.Broadcast()
			ss.idleMu.Unlock()
			select {
			case <-ss.wake:
				continue
			case <-ss.stop:
				return
			}
		}
		if err := ix.merge(in); err != nil {
			if !errors.Is(err, errMergeStopped) {
				ss.idleMu.Lock()
				ss.err = err
				ss.idleMu.Unlock()
			}
			return
		}
	}
}

var errMergeStopped = errors.New("index: merge stopped")

// merge writes the postings of in, adjacent segments, as one segment,
// registers it in their place, and removes them.
func (ix *Index) merge(in []*segment) error {
	var n uint64
	lo, hi := in[0].docLo, in[0].docHi
	for _, s := range in {
		n += s.n
		lo, hi = min(lo, s.docLo), max(hi, s.docHi)
	}
	seq := ix.nextSegmentSeq()
	path := ix.segmentPath(seq)
	hdr := newSegHeader(ix.hbits, n, lo, hi)
	w, err := newSegmentWriter(ix.opts.FS, path, hdr)
	if err != nil {
		return err
	}
	its := make([]*segIter, len(in))
	heads := make([]posting, len(in))
	live := make([]bool, len(in))
	for i, s := range in {
		its[i] = s.iter()
		v, num, ok := its[i].next()
		heads[i], live[i] = posting{v, num}, ok
	}
	for k := uint64(0); ; k++ {
		if k%(1<<20) == 0 {
			select {
			case <-ix.segs.stop:
				w.abort()
				ix.opts.FS.Remove(path)
				return errMergeStopped
			default:
			}
		}
		b := -1
		for i := range heads {
			if live[i] && (b < 0 || heads[i].hash < heads[b].hash || heads[i].hash == heads[b].hash && heads[i].num < heads[b].num) {
				b = i
			}
		}
		if b < 0 {
			break
		}
		w.add(heads[b].hash, heads[b].num)
		v, num, ok := its[b].next()
		heads[b], live[b] = posting{v, num}, ok
	}
	for _, it := range its {
		if it.err != nil {
			w.abort()
			ix.opts.FS.Remove(path)
			return it.err
		}
	}
	if err := w.finish(); err != nil {
		ix.opts.FS.Remove(path)
		return err
	}
	if err := ix.syncSegmentDir(); err != nil {
		return err
	}
	b := ix.db.NewBatch()
	for _, s := range in {
		b.Delete(segmentKey(s.seq), nil)
	}
	b.Set(segmentKey(seq), encodeSegmentRecord(&hdr), nil)
	if err := ix.db.Apply(b, pebble.Sync); err != nil {
		b.Close()
		ix.opts.FS.Remove(path)
		return err
	}
	b.Close()
	out, err := openSegment(ix.opts.FS, path, seq)
	if err != nil {
		return err
	}
	ss := &ix.segs
	ss.mu.Lock()
	i := slices.Index(ss.segs, in[0])
	ss.segs = slices.Replace(ss.segs, i, i+len(in), out)
	ss.mu.Unlock()
	var errs error
	for _, s := range in {
		errs = errors.Join(errs, s.close(), ix.opts.FS.Remove(s.path))
	}
	return errs
}

// settle waits until the merger has nothing left to do, and returns the
// error that stopped it, if one did.
func (ix *Index) settle() error {
	ss := &ix.segs
	if ss.idle == nil {
		return nil
	}
	ss.idleMu.Lock()
	defer ss.idleMu.Unlock()
	ss.asked++
	want := ss.asked
	select {
	case ss.wake <- struct{}{}:
	default:
	}
	for ss.served < want && !ss.exited {
		ss.idle.Wait()
	}
	return ss.err
}

// closeSegments stops the merger and unmaps the segments.
func (ix *Index) closeSegments() error {
	ss := &ix.segs
	var err error
	if ss.stop != nil {
		close(ss.stop)
		<-ss.done
		ss.stop = nil
		ss.idleMu.Lock()
		err = ss.err
		ss.idleMu.Unlock()
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for _, s := range ss.segs {
		err = errors.Join(err, s.close())
	}
	ss.segs = nil
	return err
}

// SegmentInfo describes a posting segment: its number, its postings, the
// documents they name and its file's size.
type SegmentInfo struct {
	Seq          uint64
	Postings     uint64
	DocLo, DocHi uint32
	Bytes        int64
}

// Segments returns the posting segments, in document order.
func (ix *Index) Segments() []SegmentInfo {
	ix.segs.mu.RLock()
	defer ix.segs.mu.RUnlock()
	out := make([]SegmentInfo, len(ix.segs.segs))
	for i, s := range ix.segs.segs {
		out[i] = SegmentInfo{s.seq, s.n, s.docLo, s.docHi, s.fileSize()}
	}
	return out
}
