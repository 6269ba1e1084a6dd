package index

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/bits"

	"github.com/cockroachdb/pebble/v2/vfs"
)

// A posting segment is an immutable file of postings, (fingerprint,
// document) pairs, sorted and coded with Elias-Fano (Elias 1974, Fano
// 1971; as in Vigna, "Quasi-succinct indices", WSDM 2013). Each commit
// writes the postings of its documents as one segment; a background merger
// joins segments of adjacent documents into larger ones (segments.go), so
// the number of segments grows with the logarithm of the corpus and no
// posting is rewritten more than a few times.
//
// A posting's fingerprint is kept to its top H bits (Options.HashBits):
// a query fingerprint then matches a posting of another fingerprint with
// probability postings/2^H, which only makes one more candidate to align.
// Its value v < 2^H is split into a high part v>>L, coded in unary, and L
// low bits stored as they are, with L = H − ⌊log2 n⌋ for a segment of n
// postings; the document, as num − DocLo, takes W = bits(DocHi − DocLo)
// bits. A posting costs about 2 + L + W bits, and finding the postings of
// a value costs one select in the unary part, sped up by a sample of every
// selectSample-th zero, and a read of the few low parts it points at.
//
// # File format
//
// All integers little-endian. The file is:
//
//	header   64 bytes:
//	         magic "stmseg1\n" (8), or "stmcnt1\n" for a term segment
//	         H, L, W (1 byte each), 5 bytes zero
//	         n: postings (8)
//	         DocLo, DocHi (4 each)
//	         buckets: 2^(H−L), the number of high parts (8)
//	         samples: ⌈buckets / selectSample⌉ (8)
//	         words, texts: a term segment's totals (8 each), else zero
//	upper    ⌈(n + buckets)/64⌉ + 1 words: bit high(v_i) + i is set for
//	         each posting i; each bucket ends with a zero
//	lower    ⌈n·L/64⌉ + 1 words: the low L bits of v_i at bit i·L
//	docs     ⌈n·W/64⌉ + 1 words: num_i − DocLo at bit i·W
//	samples  one word each: the position in upper of zero k·selectSample
//	trailer  24 bytes: the CRC-32C (Castagnoli) of the header, upper,
//	         lower, docs and samples (4 each), then "end\n"
//
// Postings are sorted by (v, num) and distinct. The extra word at the end
// of each bit section lets a field be read with two word loads at most
// and no bounds special case. A segment of no postings has L = H, one
// bucket and one sample.
//
// Term segments (terms.go) have the same layout: their "postings" are the
// digits of term counts, and their header carries the totals of words and
// texts counted.
const (
	segMagic     = "stmseg1\n"
	termMagic    = "stmcnt1\n"
	segTrailer   = "end\n"
	segHeaderLen = 64
	segTailLen   = 24
	// selectSample is the spacing of the sampled zeros of the upper part.
	selectSample = 256
)

// segHeader is the decoded header of a segment.
type segHeader struct {
	terms        bool // a term segment
	h, l, w      uint
	n            uint64
	docLo, docHi uint32
	buckets      uint64
	samples      uint64
	words, texts uint64 // a term segment's totals
}

// sizes returns the byte length of each section.
func (h *segHeader) sizes() (upper, lower, docs, samples int64) {
	words := func(bits uint64) int64 { return int64(bits/64+2) * 8 }
	return words(h.n + h.buckets), words(h.n * uint64(h.l)), words(h.n * uint64(h.w)), int64(h.samples) * 8
}

// fileSize returns the size of a segment file with this header.
func (h *segHeader) fileSize() int64 {
	u, l, d, s := h.sizes()
	return segHeaderLen + u + l + d + s + segTailLen
}

func (h *segHeader) encode() []byte {
	b := make([]byte, segHeaderLen)
	copy(b, segMagic)
	if h.terms {
		copy(b, termMagic)
	}
	b[8], b[9], b[10] = byte(h.h), byte(h.l), byte(h.w)
	binary.LittleEndian.PutUint64(b[16:], h.n)
	binary.LittleEndian.PutUint32(b[24:], h.docLo)
	binary.LittleEndian.PutUint32(b[28:], h.docHi)
	binary.LittleEndian.PutUint64(b[32:], h.buckets)
	binary.LittleEndian.PutUint64(b[40:], h.samples)
	binary.LittleEndian.PutUint64(b[48:], h.words)
	binary.LittleEndian.PutUint64(b[56:], h.texts)
	return b
}

// newSegHeader returns the header of a segment of n postings with values
// of hbits bits and documents in [docLo, docHi].
func newSegHeader(hbits uint, n uint64, docLo, docHi uint32) segHeader {
	h := segHeader{h: hbits, n: n, docLo: docLo, docHi: docHi, l: hbits}
	if n > 0 {
		h.l = 0
		if lg := uint(bits.Len64(n)) - 1; lg < hbits {
			h.l = hbits - lg
		}
	}
	h.w = uint(bits.Len32(docHi - docLo))
	h.buckets = 1 << (hbits - h.l)
	h.samples = (h.buckets + selectSample - 1) / selectSample
	return h
}

// decodeSegHeader checks and decodes a header, given the file's size.
func decodeSegHeader(b []byte, size int64) (segHeader, error) {
	if len(b) < segHeaderLen || string(b[:8]) != segMagic && string(b[:8]) != termMagic {
		return segHeader{}, fmt.Errorf("%w: not a posting segment", ErrCorrupt)
	}
	h := segHeader{
		terms: string(b[:8]) == termMagic,
		h:     uint(b[8]), l: uint(b[9]), w: uint(b[10]),
		n:     binary.LittleEndian.Uint64(b[16:]),
		docLo: binary.LittleEndian.Uint32(b[24:]), docHi: binary.LittleEndian.Uint32(b[28:]),
		buckets: binary.LittleEndian.Uint64(b[32:]),
		samples: binary.LittleEndian.Uint64(b[40:]),
		words:   binary.LittleEndian.Uint64(b[48:]),
		texts:   binary.LittleEndian.Uint64(b[56:]),
	}
	want := newSegHeader(h.h, h.n, h.docLo, h.docHi)
	want.terms, want.words, want.texts = h.terms, h.words, h.texts
	switch {
	case h.h < 8 || h.h > 64 || h.n > 1<<40 || h.docLo > h.docHi || h.n == 0 && !h.terms:
		return segHeader{}, fmt.Errorf("%w: segment header: %d-bit values, %d postings, documents %d–%d", ErrCorrupt, h.h, h.n, h.docLo, h.docHi)
	case h != want || !h.terms && (h.words != 0 || h.texts != 0):
		return segHeader{}, fmt.Errorf("%w: segment header inconsistent", ErrCorrupt)
	case h.fileSize() != size:
		return segHeader{}, fmt.Errorf("%w: segment of %d bytes, its header says %d", ErrCorrupt, size, h.fileSize())
	}
	return h, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// posting is one fingerprint of one document: its hash, or a segment's
// value of it (the top H bits), and the document number.
type posting struct {
	hash uint64
	num  uint32
}

// segmentWriter writes a segment file: its three bit sections and its
// samples each through a buffer of its own, at offsets known from the
// header, so that postings stream in once, in order.
type segmentWriter struct {
	hdr                segHeader
	f                  vfs.File
	upper, lower, docs bitWriter
	samples            *sectionWriter
	pos, zeros, high   uint64 // next bit of upper; zeros written; current bucket
	written            uint64
	last               posting
	err                error
}

// newSegmentWriter creates the file of a segment with header hdr.
func newSegmentWriter(fs vfs.FS, path string, hdr segHeader) (*segmentWriter, error) {
	f, err := fs.Create(path, vfs.WriteCategoryUnspecified)
	if err != nil {
		return nil, err
	}
	if err := f.Preallocate(0, hdr.fileSize()); err != nil {
		f.Close()
		return nil, err
	}
	u, l, d, _ := hdr.sizes()
	off := int64(segHeaderLen)
	w := &segmentWriter{hdr: hdr, f: f}
	w.upper = bitWriter{w: newSectionWriter(f, off)}
	w.lower = bitWriter{w: newSectionWriter(f, off+u)}
	w.docs = bitWriter{w: newSectionWriter(f, off+u+l)}
	w.samples = newSectionWriter(f, off+u+l+d)
	return w, nil
}

// add appends a posting whose value v < 2^H; postings must come in
// increasing (v, num) order, without repeats.
func (w *segmentWriter) add(v uint64, num uint32) {
	p := posting{v, num}
	switch {
	case w.err != nil:
		return
	case w.written == w.hdr.n:
		w.err = errors.New("index: segment: more postings than its header says")
		return
	case v>>w.hdr.h != 0 && w.hdr.h < 64, num < w.hdr.docLo || num > w.hdr.docHi:
		w.err = fmt.Errorf("index: segment: posting (%x, %d) out of range", v, num)
		return
	case w.written > 0 && (v < w.last.hash || v == w.last.hash && num <= w.last.num):
		w.err = fmt.Errorf("index: segment: posting (%x, %d) out of order", v, num)
		return
	}
	w.last = p
	high := v >> w.hdr.l
	for w.high < high { // close buckets up to this one
		w.zero()
		w.high++
	}
	w.upper.put(1, 1)
	w.pos++
	w.lower.put(v&lowMask(w.hdr.l), w.hdr.l)
	w.docs.put(uint64(num-w.hdr.docLo), w.hdr.w)
	w.written++
}

func (w *segmentWriter) zero() {
	if w.zeros%selectSample == 0 {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], w.pos)
		w.samples.write(b[:])
	}
	w.upper.put(0, 1)
	w.pos++
	w.zeros++
}

// finish closes the remaining buckets, writes the header and trailer, and
// syncs and closes the file.
func (w *segmentWriter) finish() error {
	if w.err == nil && w.written != w.hdr.n {
		w.err = fmt.Errorf("index: segment: %d postings written, its header says %d", w.written, w.hdr.n)
	}
	for w.err == nil && w.high < w.hdr.buckets {
		w.zero()
		w.high++
	}
	u, l, d, _ := w.hdr.sizes()
	crcs := [5]uint32{}
	hdr := w.hdr.encode()
	crcs[0] = crc32.Checksum(hdr, castagnoli)
	for i, bw := range []*bitWriter{&w.upper, &w.lower, &w.docs} {
		crc, err := bw.close([]int64{u, l, d}[i])
		w.err = errors.Join(w.err, err)
		crcs[i+1] = crc
	}
	crc, err := w.samples.close(int64(w.hdr.samples) * 8)
	w.err = errors.Join(w.err, err)
	crcs[4] = crc
	if w.err == nil {
		_, w.err = w.f.WriteAt(hdr, 0)
	}
	if w.err == nil {
		tail := make([]byte, segTailLen)
		for i, c := range crcs {
			binary.LittleEndian.PutUint32(tail[4*i:], c)
		}
		copy(tail[20:], segTrailer)
		_, w.err = w.f.WriteAt(tail, w.hdr.fileSize()-segTailLen)
	}
	if w.err == nil {
		w.err = w.f.Sync()
	}
	return errors.Join(w.err, w.f.Close())
}

// abort closes the file after a failure; the caller removes it.
func (w *segmentWriter) abort() { w.f.Close() }

func lowMask(l uint) uint64 {
	if l >= 64 {
		return ^uint64(0)
	}
	return 1<<l - 1
}

// sectionWriter writes one section of a file at increasing offsets from
// its start, through a buffer, and keeps the section's CRC.
type sectionWriter struct {
	f   io.WriterAt
	off int64
	buf *bufio.Writer
	crc uint32
	n   int64
}

func newSectionWriter(f io.WriterAt, off int64) *sectionWriter {
	s := &sectionWriter{f: f, off: off}
	s.buf = bufio.NewWriterSize(writerAtFunc(func(p []byte) (int, error) {
		n, err := s.f.WriteAt(p, s.off)
		s.off += int64(n)
		return n, err
	}), 256<<10)
	return s
}

type writerAtFunc func([]byte) (int, error)

func (f writerAtFunc) Write(p []byte) (int, error) { return f(p) }

func (s *sectionWriter) write(p []byte) {
	s.crc = crc32.Update(s.crc, castagnoli, p)
	s.n += int64(len(p))
	s.buf.Write(p) // errors surface at close
}

// close pads the section with zeros to size bytes and flushes it.
func (s *sectionWriter) close(size int64) (uint32, error) {
	if s.n > size {
		return 0, fmt.Errorf("index: segment section of %d bytes overflows %d", s.n, size)
	}
	var zeros [4096]byte
	for s.n < size {
		s.write(zeros[:min(int64(len(zeros)), size-s.n)])
	}
	return s.crc, s.buf.Flush()
}

// bitWriter packs fields of up to 64 bits, least significant first. It
// gathers the packed words in buf and hands them to w a buffer at a time:
// a checksum over many words costs far less than one per word.
type bitWriter struct {
	w    *sectionWriter
	acc  uint64
	used uint // bits of acc in use
	buf  []byte
}

// bitBuffer is the number of bytes a bitWriter gathers before writing.
const bitBuffer = 32 << 10

func (b *bitWriter) put(v uint64, width uint) {
	if width == 0 {
		return
	}
	b.acc |= v << b.used
	if b.used+width < 64 {
		b.used += width
		return
	}
	b.flush()
	spill := b.used + width - 64 // bits of v that did not fit
	b.acc, b.used = 0, spill
	if spill > 0 {
		b.acc = v >> (width - spill)
	}
}

func (b *bitWriter) flush() {
	if b.buf == nil {
		b.buf = make([]byte, 0, bitBuffer)
	}
	b.buf = binary.LittleEndian.AppendUint64(b.buf, b.acc)
	if len(b.buf) == cap(b.buf) {
		b.w.write(b.buf)
		b.buf = b.buf[:0]
	}
}

func (b *bitWriter) close(size int64) (uint32, error) {
	if b.used > 0 {
		b.flush()
		b.acc, b.used = 0, 0
	}
	b.w.write(b.buf)
	b.buf = b.buf[:0]
	return b.w.close(size)
}
