package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/bits"

	"github.com/cockroachdb/pebble/v2/vfs"
)

// segment is an open posting segment (segment.go), mapped into memory. Its
// methods are safe for concurrent use; none panics on a corrupt file: a
// read outside the file reports ErrCorrupt, and damaged content that stays
// inside it gives wrong postings, which Check finds by its checksums.
//
// Lookups read the file mapped into memory; iterating over all the postings
// (merges, checks) reads it through buffers instead, so that a merge of
// large segments does not take their size in resident memory.
type segment struct {
	seq  uint64 // its number, which names its file
	path string
	segHeader
	f                             vfs.File
	data                          []byte // the whole file, mapped
	upper, lower, docs, sampleSec []byte
	upperBits                     uint64
	release                       func() error
}

// openSegment opens and maps the segment file at path.
func openSegment(fs vfs.FS, path string, seq uint64) (*segment, error) {
	f, err := fs.Open(path)
	if err != nil {
		return nil, err
	}
	keep := false
	defer func() {
		if !keep {
			f.Close()
		}
	}()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	var head [segHeaderLen]byte
	if _, err := f.ReadAt(head[:], 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("segment %s: %w", path, err)
	}
	hdr, err := decodeSegHeader(head[:], st.Size())
	if err != nil {
		return nil, fmt.Errorf("segment %s: %w", path, err)
	}
	data, release, err := mapFile(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("segment %s: %w", path, err)
	}
	s := &segment{seq: seq, path: path, segHeader: hdr, f: f, data: data, release: release}
	u, l, d, sm := hdr.sizes()
	off := int64(segHeaderLen)
	s.upper = data[off : off+u]
	s.lower = data[off+u : off+u+l]
	s.docs = data[off+u+l : off+u+l+d]
	s.sampleSec = data[off+u+l+d : off+u+l+d+sm]
	s.upperBits = hdr.n + hdr.buckets
	if string(data[len(data)-len(segTrailer):]) != segTrailer {
		release()
		return nil, fmt.Errorf("segment %s: %w: no trailer", path, ErrCorrupt)
	}
	keep = true
	return s, nil
}

// readFile reads a whole file into memory.
func readFile(f vfs.File, size int64) ([]byte, func() error, error) {
	b := make([]byte, size)
	if _, err := f.ReadAt(b, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, nil, err
	}
	return b, func() error { return nil }, nil
}

func (s *segment) close() error {
	if s.release == nil {
		return nil
	}
	err := errors.Join(s.release(), s.f.Close())
	s.release, s.data = nil, nil
	return err
}

// word returns the i-th 64-bit word of a section, 0 past its end.
func word(sec []byte, i uint64) uint64 {
	if i >= uint64(len(sec))/8 {
		return 0
	}
	return binary.LittleEndian.Uint64(sec[8*i:])
}

// field returns the width-bit field at index i of a packed section.
func field(sec []byte, i uint64, width uint) uint64 {
	if width == 0 {
		return 0
	}
	off := i * uint64(width)
	w, sh := off/64, off%64
	v := word(sec, w) >> sh
	if sh+uint64(width) > 64 {
		v |= word(sec, w+1) << (64 - sh)
	}
	return v & lowMask(width)
}

// select0 returns the position in upper of its k-th zero (from 0).
func (s *segment) select0(k uint64) (uint64, error) {
	j := k / selectSample
	if j >= s.samples {
		return 0, s.corrupt("select beyond the samples")
	}
	pos := word(s.sampleSec, j)
	r := k - j*selectSample // zeros still to pass; the one at pos is the 0th
	w := pos / 64
	x := ^word(s.upper, w) &^ lowMask(uint(pos%64))
	for {
		if c := uint64(bits.OnesCount64(x)); r < c {
			for range r {
				x &= x - 1
			}
			p := w*64 + uint64(bits.TrailingZeros64(x))
			if p >= s.upperBits {
				return 0, s.corrupt("select past the end")
			}
			return p, nil
		} else {
			r -= c
		}
		w++
		if w*64 >= s.upperBits {
			return 0, s.corrupt("select past the end")
		}
		x = ^word(s.upper, w)
	}
}

func (s *segment) corrupt(what string) error {
	return fmt.Errorf("segment %s: %w: %s", s.path, ErrCorrupt, what)
}

// lookup calls fn with the document of every posting of value v.
func (s *segment) lookup(v uint64, fn func(num uint32)) error {
	q := v >> s.l
	if q >= s.buckets {
		return nil
	}
	var pos uint64
	if q > 0 {
		p, err := s.select0(q - 1)
		if err != nil {
			return err
		}
		pos = p + 1
	}
	low := v & lowMask(s.l)
	for i := pos - q; ; i++ {
		if pos >= s.upperBits {
			return s.corrupt("bucket past the end")
		}
		if word(s.upper, pos/64)>>(pos%64)&1 == 0 {
			return nil // the bucket's end
		}
		if i >= s.n {
			return s.corrupt("more postings than the header says")
		}
		switch lv := field(s.lower, i, s.l); {
		case lv == low:
			fn(s.docLo + uint32(field(s.docs, i, s.w)))
		case lv > low:
			return nil // sorted: no more
		}
		pos++
	}
}

// sectionStream reads the words of one section of a segment file in
// order, through a buffer; a read error makes every word 0 and is kept.
type sectionStream struct {
	r     io.ReaderAt
	off   int64  // the section's offset in the file
	words uint64 // the section's length in words
	buf   []byte
	first uint64 // the index of the word at buf[0]
	n     uint64 // words in buf
	err   error
}

func newSectionStream(r io.ReaderAt, off, size int64) *sectionStream {
	return &sectionStream{r: r, off: off, words: uint64(size) / 8, buf: make([]byte, 64<<10)}
}

func (st *sectionStream) word(i uint64) uint64 {
	if i >= st.words || st.err != nil {
		return 0
	}
	if i < st.first || i >= st.first+st.n {
		st.first, st.n = i, min(uint64(len(st.buf))/8, st.words-i)
		if _, err := st.r.ReadAt(st.buf[:8*st.n], st.off+int64(8*i)); err != nil && !errors.Is(err, io.EOF) {
			st.err = err
			return 0
		}
	}
	return binary.LittleEndian.Uint64(st.buf[8*(i-st.first):])
}

// field returns the width-bit field at index i, as field does.
func (st *sectionStream) field(i uint64, width uint) uint64 {
	if width == 0 {
		return 0
	}
	off := i * uint64(width)
	w, sh := off/64, off%64
	v := st.word(w) >> sh
	if sh+uint64(width) > 64 {
		v |= st.word(w+1) << (64 - sh)
	}
	return v & lowMask(width)
}

// segIter reads a segment's postings in order, from its file.
type segIter struct {
	s                  *segment
	upper, lower, docs *sectionStream
	i, pos, q          uint64
	cur                uint64 // the current word of upper, shifted to pos
	err                error
}

func (s *segment) iter() *segIter {
	u, l, d, _ := s.sizes()
	off := int64(segHeaderLen)
	it := &segIter{s: s,
		upper: newSectionStream(s.f, off, u),
		lower: newSectionStream(s.f, off+u, l),
		docs:  newSectionStream(s.f, off+u+l, d),
	}
	it.cur = it.upper.word(0)
	return it
}

// next returns the next posting (its value and document), or false at the
// end or on corruption or a read error (then err is set).
func (it *segIter) next() (uint64, uint32, bool) {
	s := it.s
	if it.i >= s.n || it.err != nil {
		return 0, 0, false
	}
	for {
		if it.pos >= s.upperBits {
			it.err = s.corrupt("fewer postings than the header says")
			return 0, 0, false
		}
		if it.cur == 0 {
			// The rest of this word is zeros: each ends a bucket.
			skip := 64 - it.pos%64
			it.q += skip
			it.pos += skip
			it.cur = it.upper.word(it.pos / 64)
			continue
		}
		z := uint64(bits.TrailingZeros64(it.cur))
		it.q += z
		it.pos += z
		it.cur >>= z
		break
	}
	if it.pos >= s.upperBits || it.q >= s.buckets {
		it.err = s.corrupt("posting past the end")
		return 0, 0, false
	}
	v := it.q<<s.l | it.lower.field(it.i, s.l)
	num := s.docLo + uint32(it.docs.field(it.i, s.w))
	if it.upper.err != nil || it.lower.err != nil || it.docs.err != nil {
		it.err = fmt.Errorf("segment %s: %w", s.path, errors.Join(it.upper.err, it.lower.err, it.docs.err))
		return 0, 0, false
	}
	it.i++
	it.pos++
	it.cur >>= 1
	if it.pos%64 == 0 {
		it.cur = it.upper.word(it.pos / 64)
	}
	return v, num, true
}

// verify checks the segment file's checksums and that its postings
// decode, in order, with their documents in range. It reads the file, not
// its mapping.
func (s *segment) verify() error {
	u, l, d, sm := s.sizes()
	var tail [segTailLen]byte
	if _, err := s.f.ReadAt(tail[:], s.fileSize()-segTailLen); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("segment %s: %w", s.path, err)
	}
	off := int64(0)
	buf := make([]byte, 1<<20)
	for i, size := range []int64{segHeaderLen, u, l, d, sm} {
		crc := uint32(0)
		for done := int64(0); done < size; {
			n := min(int64(len(buf)), size-done)
			if _, err := s.f.ReadAt(buf[:n], off+done); err != nil && !errors.Is(err, io.EOF) {
				return fmt.Errorf("segment %s: %w", s.path, err)
			}
			crc = crc32.Update(crc, castagnoli, buf[:n])
			done += n
		}
		if crc != binary.LittleEndian.Uint32(tail[4*i:]) {
			return s.corrupt([...]string{"header", "upper part", "lower part", "documents", "samples"}[i] + " checksum mismatch")
		}
		off += size
	}
	it := s.iter()
	var last posting
	for k := uint64(0); ; k++ {
		v, num, ok := it.next()
		if !ok {
			break
		}
		if k > 0 && (v < last.hash || v == last.hash && num <= last.num) || num > s.docHi {
			return s.corrupt(fmt.Sprintf("posting %d out of order or range", k))
		}
		last = posting{v, num}
	}
	return it.err
}
