package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble/v2"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/fingerprint"
)

// ErrCurrent is returned by [Migrate] for an index already in the current
// format.
var ErrCurrent = errors.New("index: already in the current format")

// Migrate builds in dst, which must not hold an index, a copy in the
// current format of the index in src, an index of an older format version
// (1, a key per posting; 2, term counts in Pebble), which it only reads. It keeps the fingerprint
// settings of src and takes the other settings of the new index from
// opts. Every document and exact duplicate is added again in its document
// order, so documents keep their numbers, and feed states are copied.
// progress is called as [Index.Ingest] calls it.
func Migrate(ctx context.Context, src, dst string, opts Options, progress func(Progress)) (Progress, error) {
	opts.EnsureDefaults()
	if Exists(dst) {
		return Progress{}, fmt.Errorf("migrating to %s: an index is already there", dst)
	}
	db, err := pebble.Open(src, &pebble.Options{FS: opts.FS, ReadOnly: true, Logger: quietLogger{}})
	if err != nil {
		return Progress{}, fmt.Errorf("opening index %s: %w", src, err)
	}
	old := &Index{db: db, dir: src, opts: Options{FS: opts.FS, ReadOnly: true}}
	defer db.Close()
	v, err := old.get(keyVersion)
	if err != nil {
		return Progress{}, fmt.Errorf("index %s: version: %w", src, err)
	}
	switch ver, k := binary.Uvarint(v); {
	case k <= 0:
		return Progress{}, fmt.Errorf("index %s: %w: format version record", src, ErrCorrupt)
	case ver == FormatVersion:
		return Progress{}, fmt.Errorf("index %s: %w (%d)", src, ErrCurrent, ver)
	case ver != 1 && ver != 2:
		return Progress{}, fmt.Errorf("index %s: %w: %d (this stemma migrates 1 and 2)", src, ErrFormat, ver)
	}
	f, err := old.get(keyFingerprint)
	if err != nil {
		return Progress{}, fmt.Errorf("index %s: fingerprint settings: %w", src, err)
	}
	fp, err := decodeFingerprint(f)
	if err != nil {
		return Progress{}, fmt.Errorf("index %s: %w", src, err)
	}
	docs, err := old.docsInOrder()
	if err != nil {
		return Progress{}, err
	}
	p, err := copyInto(ctx, old, fp, dst, opts, docs.next, progress)
	return p, errors.Join(err, docs.close())
}

// copyInto creates the index dst with the fingerprint settings fp (as
// stored by old) and the other settings of opts, adds the documents next
// yields, and copies old's feed states.
func copyInto(ctx context.Context, old *Index, fp fingerprint.Options, dst string, opts Options, next func() (stemma.Doc, bool), progress func(Progress)) (Progress, error) {
	// A stored 0 means none; for a new index, none is -1.
	for _, x := range []*int{&fp.StopN, &fp.Sketch} {
		if *x == 0 {
			*x = -1
		}
	}
	opts.Fingerprint = fp
	opts.ReadOnly = false
	ix, err := Open(dst, opts)
	if err != nil {
		return Progress{}, err
	}
	p, err := ix.Ingest(ctx, next, progress)
	if err == nil {
		err = copyFeedStates(old, ix)
	}
	return p, errors.Join(err, ix.Close())
}

// docStream yields the stored documents and the exact duplicates of an
// index, in document number order, each with its text.
type docStream struct {
	ix       *Index
	docs     *pebble.Iterator // "d" records
	dups     *pebble.Iterator // "x" records
	dOK, xOK bool
	err      error
}

func (ix *Index) docsInOrder() (*docStream, error) {
	d, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{'d'}, UpperBound: []byte{'e'}})
	if err != nil {
		return nil, err
	}
	x, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{'x'}, UpperBound: []byte{'y'}})
	if err != nil {
		d.Close()
		return nil, err
	}
	return &docStream{ix: ix, docs: d, dups: x, dOK: d.First(), xOK: x.First()}, nil
}

// next returns the next document; on an error it stops, and close
// returns the error.
func (s *docStream) next() (stemma.Doc, bool) {
	if s.err != nil || !s.dOK && !s.xOK {
		return stemma.Doc{}, false
	}
	num := func(it *pebble.Iterator) uint32 {
		k := it.Key()
		if len(k) != 5 {
			s.err = fmt.Errorf("%w: key %x", ErrCorrupt, k)
			return 0
		}
		return binary.BigEndian.Uint32(k[1:])
	}
	var d stemma.Doc
	var err error
	if s.dOK && (!s.xOK || num(s.docs) < num(s.dups)) {
		d, err = decodeDoc(s.docs.Value(), true)
		if err != nil {
			err = fmt.Errorf("document %d: %w", num(s.docs), err)
		}
		s.dOK = s.docs.Next()
	} else {
		d, err = s.ix.duplicateDoc(num(s.dups))
		if err != nil {
			err = fmt.Errorf("duplicate %d: %w", num(s.dups), err)
		}
		s.xOK = s.dups.Next()
	}
	if s.err == nil && err != nil {
		s.err = err
	}
	return d, s.err == nil
}

func (s *docStream) close() error {
	return errors.Join(s.err, s.docs.Error(), s.dups.Error(), s.docs.Close(), s.dups.Close())
}

// copyFeedStates copies every feed state of src into dst.
func copyFeedStates(src, dst *Index) error {
	it, err := src.db.NewIter(&pebble.IterOptions{LowerBound: []byte{'w'}, UpperBound: []byte{'x'}})
	if err != nil {
		return err
	}
	for ok := it.First(); ok; ok = it.Next() {
		url := string(it.Key()[1:])
		st, err := src.FeedState(url)
		if err == nil {
			err = dst.SetFeedState(url, st)
		}
		if err != nil {
			it.Close()
			return err
		}
	}
	return errors.Join(it.Error(), it.Close())
}
