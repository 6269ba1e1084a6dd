package cluster

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sync"
	"unsafe"

	"github.com/klauspost/compress/s2"
)

// textStore holds the clustered texts in the work directory for the
// align phase, each compressed alone (S2) and written in the order the
// scan finishes them, so that alignment reads a text it has not cached
// with one pread of about 60% of its bytes instead of a lookup in the
// index (whose text blocks are larger and cost more to decompress).
//
// The file, texts.dat, is a sequence of records, each starting at a
// multiple of storeAlign bytes: a uvarint length, then that many bytes of
// S2 block-compressed text. A text's record offset, divided by
// storeAlign, is kept in its textEntry.
type textStore struct {
	name string
	f    *os.File
	w    *bufio.Writer
	off  int64
	pool sync.Pool // read buffers
}

// storeAlign aligns records, so that a 32-bit offset in units of it
// addresses 32 GiB.
const storeAlign = 8

// errStoreFull reports a texts.dat grown past what 32-bit offsets reach.
var errStoreFull = errors.New("cluster: texts.dat past 32 GiB")

// createStore creates texts.dat for writing.
func createStore(name string) (*textStore, error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, fmt.Errorf("cluster: %w", err)
	}
	return &textStore{name: name, f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// openStore opens texts.dat for reading.
func openStore(name string) (*textStore, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return &textStore{name: name, f: f}, nil
}

// compress returns a text's record: its length and its compressed bytes.
func compressText(text string) []byte {
	n := s2.MaxEncodedLen(len(text))
	if n < 0 {
		n = len(text) // too long to compress; never reached below MaxWords
	}
	b := make([]byte, binary.MaxVarintLen64, binary.MaxVarintLen64+n)
	c := s2.Encode(b[binary.MaxVarintLen64:cap(b)], unsafe.Slice(unsafe.StringData(text), len(text)))
	k := binary.PutUvarint(b, uint64(len(c)))
	return append(b[:k], c...) // c starts at b[MaxVarintLen64:]: a forward copy
}

// add appends a record made by compressText and returns its offset in
// units of storeAlign.
func (s *textStore) add(rec []byte) (uint32, error) {
	if s.off/storeAlign > math.MaxUint32 {
		return 0, errStoreFull
	}
	at := uint32(s.off / storeAlign)
	if _, err := s.w.Write(rec); err != nil {
		return 0, fmt.Errorf("cluster: writing %s: %w", s.name, err)
	}
	s.off += int64(len(rec))
	if pad := (storeAlign - s.off%storeAlign) % storeAlign; pad > 0 {
		var zero [storeAlign]byte
		if _, err := s.w.Write(zero[:pad]); err != nil {
			return 0, fmt.Errorf("cluster: writing %s: %w", s.name, err)
		}
		s.off += pad
	}
	return at, nil
}

// finish makes the file durable and ready to read.
func (s *textStore) finish() error {
	err := s.w.Flush()
	if err == nil {
		err = s.f.Sync()
	}
	if err != nil {
		return fmt.Errorf("cluster: writing %s: %w", s.name, err)
	}
	s.w = nil
	return nil
}

// storeRead is how much text reads at once: most records fit.
const storeRead = 4 << 10

// text reads the text whose record starts at off. It is safe for
// concurrent use once the store is finished or opened.
func (s *textStore) text(off uint32) (string, error) {
	bp, _ := s.pool.Get().(*[]byte)
	if bp == nil {
		b := make([]byte, storeRead)
		bp = &b
	}
	defer s.pool.Put(bp)
	at := int64(off) * storeAlign
	buf := (*bp)[:storeRead]
	n, err := s.f.ReadAt(buf, at)
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("cluster: reading %s: %w", s.name, err)
	}
	size, k := binary.Uvarint(buf[:n])
	if k <= 0 || size > math.MaxInt32 {
		return "", fmt.Errorf("%w: %s: record at %d", ErrCorrupt, s.name, at)
	}
	if end := k + int(size); end > n {
		if end > cap(*bp) {
			*bp = make([]byte, end)
		}
		buf = (*bp)[:end]
		if _, err := s.f.ReadAt(buf, at); err != nil {
			return "", fmt.Errorf("%w: %s: record at %d: %w", ErrCorrupt, s.name, at, err)
		}
	}
	src := buf[k : k+int(size)]
	dn, err := s2.DecodedLen(src)
	if err != nil {
		return "", fmt.Errorf("%w: %s: record at %d: %w", ErrCorrupt, s.name, at, err)
	}
	if dn == 0 {
		return "", nil
	}
	out := make([]byte, dn)
	if _, err := s2.Decode(out, src); err != nil {
		return "", fmt.Errorf("%w: %s: record at %d: %w", ErrCorrupt, s.name, at, err)
	}
	return unsafe.String(&out[0], len(out)), nil // out is never written again
}

// close closes the file.
func (s *textStore) close() error { return s.f.Close() }
