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
	"github.com/cockroachdb/pebble/v2/vfs"
)

// The index's posting segments (segment.go) are registered in Pebble, one
// "g" record each, in the same atomic commit as the documents they post,
// and so are its term segments (terms.go), one "h" record each: a segment
// file is written and synced first, so a registered segment is always
// whole, and a file that no record names (a commit or merge a crash
// interrupted) is removed when the index is next opened for writing.
//
// Merging: posting segments are kept in document order, term segments in
// commit order, and whenever mergeFanIn
// adjacent ones are of one tier (a tier is a factor of mergeFanIn in
// postings, from mergeBase up), a background goroutine merges them into
// one, registers it and unregisters them in one batch, and removes their
// files once no reader uses them. A posting is so rewritten about
// log_mergeFanIn(postings/mergeBase) times in all, and a lookup visits at
// most (mergeFanIn−1) segments per tier.
//
// A lookup costs a few cache misses in every segment, whatever its size,
// and a bulk ingest leaves up to mergeFanIn−1 segments in each tier it
// reached. So Ingest ends with a finishing merge (settle's budget): the
// newest segments of each set are merged into one, as many as hold no
// more than half of what the ingest added. That rewrites at most half a
// bulk ingest's postings once more, and takes a million articles indexed
// at once from six posting segments to two and from thirteen term
// segments to one (docs/scale.md).
const (
	mergeFanIn = 8
	mergeBase  = 1 << 12 // postings: about 50 news articles
)

// A segment set is one kind of segment: the posting segments, in document
// order, or the term segments (terms.go), in commit order.
type segKind struct {
	dir    string // the directory of its files, in the index's
	ext    string // its files' extension
	prefix byte   // the key prefix of its records in Pebble
	terms  bool   // term segments: a merge adds up their counts
}

var (
	postingKind = segKind{dir: "postings", ext: ".seg", prefix: 'g'}
	termKind    = segKind{dir: "terms", ext: ".cnt", prefix: 'h', terms: true}
)

// path returns the file of segment seq.
func (ss *segmentSet) path(seq uint64) string {
	return ss.fs.PathJoin(ss.dir, fmt.Sprintf("%012d%s", seq, ss.kind.ext))
}

// key returns the Pebble key that registers segment seq.
func (ss *segmentSet) key(seq uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{ss.kind.prefix}, seq)
}

// encodeSegmentRecord is the value of a "g" or "h" record: uvarint
// postings, DocLo and DocHi.
func encodeSegmentRecord(h *segHeader) []byte {
	b := binary.AppendUvarint(nil, h.n)
	b = binary.AppendUvarint(b, uint64(h.docLo))
	return binary.AppendUvarint(b, uint64(h.docHi))
}

// segmentSet is the open segments, in document order, and their merger.
type segmentSet struct {
	kind segKind
	fs   vfs.FS
	dir  string // the directory of its files
	bits uint   // the value bits of its segments

	mu    sync.RWMutex // readers hold it while they use segs
	segs  []*segment
	seq   uint64 // the last sequence number used; guarded by mu
	added uint64 // the postings of the segments commits added; guarded by mu

	// The merger: wake asks it to look for work and stop ends it. Under
	// idleMu, asked counts the calls of settle and served the last of them
	// the merger found nothing left to do after; finish is the postings
	// a settle allows the finishing merge to rewrite (tail); exited is set
	// when it ends, and err holds why, if a merge failed.
	wake          chan struct{}
	stop          chan struct{}
	done          chan struct{}
	idleMu        sync.Mutex
	idle          *sync.Cond
	asked, served uint64
	finish        uint64
	exited        bool
	err           error
}

// loadSegments opens the registered posting and term segments and, for a
// writable index, removes unregistered files and starts their mergers.
func (ix *Index) loadSegments() error {
	ix.segs.kind, ix.segs.bits = postingKind, ix.hbits
	ix.terms.kind, ix.terms.bits = termKind, termBits
	for _, ss := range ix.sets() {
		ss.fs = ix.opts.FS
		ss.dir = ix.opts.FS.PathJoin(ix.dir, ss.kind.dir)
		if err := ix.loadSet(ss); err != nil {
			ix.closeSegments()
			return err
		}
	}
	return nil
}

// loadSet opens the registered segments of ss.
func (ix *Index) loadSet(ss *segmentSet) error {
	p := ss.kind.prefix
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{p}, UpperBound: []byte{p + 1}})
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
		s, err := openSegment(ss.fs, ss.path(seq), seq)
		if err != nil {
			it.Close()
			return err
		}
		ss.segs = append(ss.segs, s)
		ss.seq = max(ss.seq, seq)
		registered[ss.fs.PathBase(s.path)] = true
		if s.h != ss.bits || s.terms != ss.kind.terms {
			it.Close()
			return fmt.Errorf("segment %s: %w: %d-bit values (term counts: %v) where %d bits (%v) belong", s.path, ErrCorrupt, s.h, s.terms, ss.bits, ss.kind.terms)
		}
	}
	if err := it.Close(); err != nil {
		return err
	}
	if ss.kind.terms {
		slices.SortFunc(ss.segs, func(a, b *segment) int { return cmp.Compare(a.seq, b.seq) })
		for _, s := range ss.segs {
			ix.words += int64(s.words)
		}
	} else {
		slices.SortFunc(ss.segs, func(a, b *segment) int { return cmp.Compare(a.docLo, b.docLo) })
	}
	if ix.opts.ReadOnly {
		return nil
	}
	if err := ss.fs.MkdirAll(ss.dir, 0o755); err != nil {
		return err
	}
	names, err := ss.fs.List(ss.dir)
	if err != nil {
		return err
	}
	for _, name := range names {
		if !registered[name] {
			if seq, ok := parseSegmentName(name, ss.kind.ext); ok {
				ss.seq = max(ss.seq, seq)
			}
			if err := ss.fs.Remove(ss.fs.PathJoin(ss.dir, name)); err != nil {
				return err
			}
		}
	}
	ss.wake = make(chan struct{}, 1)
	ss.stop = make(chan struct{})
	ss.done = make(chan struct{})
	ss.idle = sync.NewCond(&ss.idleMu)
	go ix.mergeLoop(ss)
	ss.wake <- struct{}{} // merge what an earlier run left
	return nil
}

func parseSegmentName(name, ext string) (uint64, bool) {
	s, ok := strings.CutSuffix(name, ext)
	if !ok {
		return 0, false
	}
	seq, err := strconv.ParseUint(s, 10, 64)
	return seq, err == nil
}

// nextSeq returns a new sequence number.
func (ss *segmentSet) nextSeq() uint64 {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.seq++
	return ss.seq
}

// writeSegment writes a commit's postings, sorted by sortPostings, as the
// posting segment seq, and returns its header.
func (ix *Index) writeSegment(seq uint64, ps []posting) (segHeader, error) {
	lo, hi := ps[0].num, ps[0].num
	for _, p := range ps {
		lo, hi = min(lo, p.num), max(hi, p.num)
	}
	hdr := newSegHeader(ix.hbits, uint64(len(ps)), lo, hi)
	return hdr, ix.segs.write(seq, hdr, ps)
}

// write writes the segment seq with header hdr and postings ps, in order,
// and syncs it and its directory.
func (ss *segmentSet) write(seq uint64, hdr segHeader, ps []posting) error {
	w, err := newSegmentWriter(ss.fs, ss.path(seq), hdr)
	if err != nil {
		return err
	}
	for _, p := range ps {
		w.add(p.hash, p.num)
	}
	if err := w.finish(); err != nil {
		ss.fs.Remove(ss.path(seq))
		return err
	}
	return ss.syncDir()
}

// syncDir makes the creation of segment files durable.
func (ss *segmentSet) syncDir() error {
	d, err := ss.fs.OpenDir(ss.dir)
	if err != nil {
		return err
	}
	return errors.Join(d.Sync(), d.Close())
}

// add opens a registered segment and puts it in the set.
func (ss *segmentSet) add(seq uint64) error {
	s, err := openSegment(ss.fs, ss.path(seq), seq)
	if err != nil {
		return err
	}
	ss.mu.Lock()
	if ss.kind.terms {
		ss.segs = append(ss.segs, s)
	} else {
		i, _ := slices.BinarySearchFunc(ss.segs, s.docLo, func(x *segment, lo uint32) int { return cmp.Compare(x.docLo, lo) })
		ss.segs = slices.Insert(ss.segs, i, s)
	}
	ss.added += s.n
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

// tail returns the newest segments of segs (the last ones) that hold at
// most budget postings together, or nil if fewer than two do.
func tail(segs []*segment, budget uint64) []*segment {
	i, n := len(segs), uint64(0)
	for i > 0 && n+segs[i-1].n <= budget {
		i--
		n += segs[i].n
	}
	if len(segs)-i < 2 {
		return nil
	}
	return segs[i:]
}

// mergeLoop merges the segments of ss until stopped.
func (ix *Index) mergeLoop(ss *segmentSet) {
	defer func() {
		ss.idleMu.Lock()
		ss.exited = true
		ss.idle.Broadcast()
		ss.idleMu.Unlock()
		close(ss.done)
	}()
	for {
		ss.idleMu.Lock()
		asked, finish := ss.asked, ss.finish
		ss.idleMu.Unlock()
		ss.mu.RLock()
		in := slices.Clone(mergeable(ss.segs))
		if in == nil && finish > 0 {
			in = slices.Clone(tail(ss.segs, finish))
		}
		ss.mu.RUnlock()
		if in == nil && finish > 0 {
			// The finishing merges are done (each one leaves a single
			// segment where tail found several), unless a later settle
			// asked for more.
			ss.idleMu.Lock()
			if ss.asked == asked {
				ss.finish = 0
			}
			ss.idleMu.Unlock()
		}
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
		if err := ix.merge(ss, in); err != nil {
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

// merge writes the postings of in, adjacent segments of ss, as one
// segment, registers it in their place, and removes them. Term segments
// are merged by mergeTerms, which adds up their counts.
func (ix *Index) merge(ss *segmentSet, in []*segment) error {
	seq := ss.nextSeq()
	path := ss.path(seq)
	var hdr segHeader
	var err error
	if ss.kind.terms {
		hdr, err = mergeTerms(ss, path, in)
	} else {
		hdr, err = mergePostings(ss, path, in)
	}
	if err != nil {
		ss.fs.Remove(path)
		return err
	}
	if err := ss.syncDir(); err != nil {
		return err
	}
	b := ix.db.NewBatch()
	for _, s := range in {
		b.Delete(ss.key(s.seq), nil)
	}
	b.Set(ss.key(seq), encodeSegmentRecord(&hdr), nil)
	if err := ix.db.Apply(b, pebble.Sync); err != nil {
		b.Close()
		ss.fs.Remove(path)
		return err
	}
	b.Close()
	out, err := openSegment(ss.fs, path, seq)
	if err != nil {
		return err
	}
	ss.mu.Lock()
	i := slices.Index(ss.segs, in[0])
	ss.segs = slices.Replace(ss.segs, i, i+len(in), out)
	ss.mu.Unlock()
	var errs error
	for _, s := range in {
		errs = errors.Join(errs, s.close(), ss.fs.Remove(s.path))
	}
	return errs
}

// stopped reports whether ss's merger has been asked to stop.
func (ss *segmentSet) stopped() bool {
	select {
	case <-ss.stop:
		return true
	default:
		return false
	}
}

// mergePostings writes the postings of in, in order, to a new segment at
// path.
func mergePostings(ss *segmentSet, path string, in []*segment) (segHeader, error) {
	var n uint64
	lo, hi := in[0].docLo, in[0].docHi
	for _, s := range in {
		n += s.n
		lo, hi = min(lo, s.docLo), max(hi, s.docHi)
	}
	hdr := newSegHeader(ss.bits, n, lo, hi)
	w, err := newSegmentWriter(ss.fs, path, hdr)
	if err != nil {
		return hdr, err
	}
	// Each input's next posting as one key, value<<ib | i: the inputs hold
	// adjacent runs of documents in order, so among postings of one value
	// the lower input has the lower document, and the least key is the
	// next posting. An input at its end has the key done.
	ib := uint(bits.Len(uint(len(in) - 1)))
	if ss.bits+ib > 63 {
		return hdr, fmt.Errorf("index: merging %d segments of %d-bit values", len(in), ss.bits)
	}
	const done = ^uint64(0)
	its := make([]*segIter, len(in))
	nums := make([]uint32, len(in))
	keys := make([]uint64, len(in))
	head := func(i int) {
		v, num, ok := its[i].next()
		keys[i], nums[i] = done, num
		if ok {
			keys[i] = v<<ib | uint64(i)
		}
	}
	for i, s := range in {
		its[i] = s.iter()
		head(i)
	}
	for k := uint64(0); ; k++ {
		if k%(1<<20) == 0 && ss.stopped() {
			w.abort()
			return hdr, errMergeStopped
		}
		b, least := 0, keys[0]
		for i := 1; i < len(keys); i++ {
			if keys[i] < least {
				b, least = i, keys[i]
			}
		}
		if least == done {
			break
		}
		w.add(least>>ib, nums[b])
		head(b)
	}
	for _, it := range its {
		if it.err != nil {
			w.abort()
			return hdr, it.err
		}
	}
	return hdr, w.finish()
}

// sets returns the posting segments and the term segments.
func (ix *Index) sets() [2]*segmentSet { return [2]*segmentSet{&ix.segs, &ix.terms} }

// settle waits until the mergers have nothing left to do, and returns the
// error that stopped one, if one did. Given since, what added returned
// before some commits, the mergers end with a finishing merge of the
// newest segments that hold at most half the postings those commits'
// segments added.
func (ix *Index) settle(since *[2]uint64) error {
	var errs [2]error
	var wg sync.WaitGroup
	for i, ss := range ix.sets() {
		var finish uint64
		if since != nil {
			finish = (ss.addedPostings() - since[i]) / 2
		}
		wg.Go(func() { errs[i] = ss.settle(finish) }) // the two merge at once
	}
	wg.Wait()
	return errors.Join(errs[:]...)
}

// added returns the postings that commits' segments (not merges') have
// added to each segment set, in the order of sets, for settle.
func (ix *Index) added() [2]uint64 {
	var n [2]uint64
	for i, ss := range ix.sets() {
		n[i] = ss.addedPostings()
	}
	return n
}

func (ss *segmentSet) addedPostings() uint64 {
	ss.mu.RLock()
	defer ss.mu.RUnlock()
	return ss.added
}

func (ss *segmentSet) settle(finish uint64) error {
	if ss.idle == nil {
		return nil
	}
	ss.idleMu.Lock()
	defer ss.idleMu.Unlock()
	ss.asked++
	ss.finish = max(ss.finish, finish)
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

// closeSegments stops the mergers and unmaps the segments.
func (ix *Index) closeSegments() error {
	return errors.Join(ix.segs.close(), ix.terms.close())
}

func (ss *segmentSet) close() error {
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
