package cluster

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"unsafe"
)

// textTable is what [Run] keeps in memory of every stored document, by
// its docnum: the text's ID and [TextInfo] when the docnum is the text's
// canonical one and the text is clustered (ok), and the ok texts' docnums
// in TextID order, to look a text up by its ID. It is the one part of
// Run's memory that grows with the corpus: tableBytesPerDoc bytes per
// document.
type textTable struct {
	entries []textEntry
	ok      bitset
	order   []uint32 // docnums of the ok texts, sorted by TextID
	// sources are the outlet hashes (TextInfo.Source) the entries
	// index; sources[0] is 0.
	sources []uint64
	source  map[uint64]uint32
}

type textEntry struct {
	id          TextID
	words, docs int32
	source      uint32 // index in sources
	off         uint32 // the text's record in the textStore
}

// tableBytesPerDoc is the memory a textTable takes per document: an entry,
// a bit and a place in order.
const tableBytesPerDoc = int64(unsafe.Sizeof(textEntry{})) + 4 + 1

func newTextTable(n uint32) *textTable {
	return &textTable{entries: make([]textEntry, n), ok: make(bitset, (n+63)/64),
		sources: []uint64{0}, source: map[uint64]uint32{0: 0}}
}

// len returns the number of docnums.
func (t *textTable) len() int { return len(t.entries) }

// set records text num as clustered, with its record in the textStore.
func (t *textTable) set(num uint32, id TextID, info TextInfo, off uint32) {
	s, ok := t.source[info.Source]
	if !ok {
		s = uint32(len(t.sources))
		t.sources = append(t.sources, info.Source)
		t.source[info.Source] = s
	}
	t.entries[num] = textEntry{id: id, words: info.Words, docs: info.Docs, source: s, off: off}
	t.ok.set(num, true)
}

// id returns the TextID of text num.
func (t *textTable) id(num uint32) TextID { return t.entries[num].id }

// info returns the TextInfo of text num.
func (t *textTable) info(num uint32) TextInfo {
	e := &t.entries[num]
	return TextInfo{Words: e.words, Docs: e.docs, Source: t.sources[e.source]}
}

// sortOrder lists the ok texts in TextID order (then docnum).
func (t *textTable) sortOrder() {
	t.order = t.order[:0]
	for num := range uint32(len(t.entries)) {
		if t.ok.get(num) {
			t.order = append(t.order, num)
		}
	}
	slices.SortFunc(t.order, func(x, y uint32) int {
		if c := cmp.Compare(t.entries[x].id, t.entries[y].id); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
}

// lookup returns the docnum of an ok text by its ID.
func (t *textTable) lookup(id TextID) (uint32, bool) {
	i, ok := slices.BinarySearchFunc(t.order, id, func(num uint32, id TextID) int { return cmp.Compare(t.entries[num].id, id) })
	if !ok {
		return 0, false
	}
	return t.order[i], true
}

// textsRecord is the size of one entry of texts.bin: the TextID, words,
// documents, outlet hash and textStore offset of each docnum, big-endian,
// and 1 when the text is clustered.
const textsRecord = 8 + 4 + 4 + 8 + 4 + 1

// save writes the table to name atomically.
func (t *textTable) save(name string) error {
	return writeAtomically(name, "texts", func(f *os.File) error {
		w := bufio.NewWriterSize(f, 1<<20)
		var b [textsRecord]byte
		for num := range uint32(len(t.entries)) {
			e := &t.entries[num]
			binary.BigEndian.PutUint64(b[0:], uint64(e.id))
			binary.BigEndian.PutUint32(b[8:], uint32(e.words))
			binary.BigEndian.PutUint32(b[12:], uint32(e.docs))
			binary.BigEndian.PutUint64(b[16:], t.sources[e.source])
			binary.BigEndian.PutUint32(b[24:], e.off)
			b[28] = 0
			if t.ok.get(num) {
				b[28] = 1
			}
			w.Write(b[:])
		}
		return w.Flush()
	})
}

// writeAtomically writes name through write into name~, syncs it and
// renames it into place, so that name is either whole or absent; what
// names the file in an error.
func writeAtomically(name, what string, write func(f *os.File) error) error {
	f, err := os.Create(name + "~")
	if err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name+"~", name)
	}
	if err != nil {
		return fmt.Errorf("cluster: saving %s: %w", what, err)
	}
	return nil
}

// loadTextTable reads a table saved by save.
func loadTextTable(name string) (*textTable, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if fi.Size()%textsRecord != 0 || fi.Size()/textsRecord >= postedBit {
		return nil, fmt.Errorf("%w: %s: %d bytes, not a whole number of records", ErrCorrupt, name, fi.Size())
	}
	t := newTextTable(uint32(fi.Size() / textsRecord))
	r := bufio.NewReaderSize(f, 1<<20)
	var b [textsRecord]byte
	for num := range uint32(t.len()) {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, name, err)
		}
		if b[28] == 1 {
			t.set(num, TextID(binary.BigEndian.Uint64(b[:])), TextInfo{Words: int32(binary.BigEndian.Uint32(b[8:])),
				Docs: int32(binary.BigEndian.Uint32(b[12:])), Source: binary.BigEndian.Uint64(b[16:])},
				binary.BigEndian.Uint32(b[24:]))
		}
	}
	t.sortOrder()
	return t, nil
}
