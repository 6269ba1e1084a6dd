package index

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/sstable"
	"github.com/cockroachdb/pebble/v2/vfs"
)

// tableCommitBytes is the estimated size from which a commit is written as
// sorted tables and ingested, rather than as a batch through the
// write-ahead log. Both are atomic and durable when Commit returns; tables
// write a document's text once instead of twice (log, then flush), skip
// the memtable, and put document records straight into the bottom level.
// Small commits (the server's, the feed poller's) stay batches: an
// ingestion costs a few file syncs however small it is.
const tableCommitBytes = 1 << 20

// sink receives the records of one commit, then commits them atomically.
// A batchSink takes them from one goroutine, best in increasing key order;
// a tableSink takes each of its tables' records in strictly increasing key
// order, and different tables from different goroutines.
type sink interface {
	set(k, v []byte) error
	commit() error
	close()
}

// batchSink commits through a Pebble batch and the write-ahead log.
type batchSink struct {
	db *pebble.DB
	b  *pebble.Batch
}

func (s batchSink) set(k, v []byte) error { return s.b.Set(k, v, nil) }
func (s batchSink) commit() error         { return s.db.Apply(s.b, pebble.Sync) }
func (s batchSink) close()                { s.b.Close() }

// tableSink writes a commit's records to new sorted tables and ingests
// them at once. Document records ("d" docnum) go to one table: docnums only
// grow, so it overlaps no earlier table and Pebble places it in the bottom
// level, where the text is never compacted again; its blocks are larger
// than Pebble's default and compressed with zstd, which takes news text to
// about 0.45 of its size where Snappy takes it to 0.6. The other records
// (the segment records, ids, counts, sources and dedup records) go to a
// second table; their keys sort after the documents' ('d' < 'g'), so the
// two tables do not overlap, as one ingestion needs. That one lands in
// level 0 when it overlaps earlier tables and is compacted with them. The
// tables are independent: one goroutine may set document records while
// another sets the rest.
type tableSink struct {
	ix  *Index
	seq int      // names the commit's files
	t   [2]table // tableDocs, tableRest
}

// The tables of a commit.
const (
	tableDocs = iota
	tableRest
)

var tableNames = [...]string{"docs", "rest"}

// Document tables' blocks: large enough for zstd to find the repeats of
// news prose, small enough that reading one document decompresses little.
// A trace reads up to a hundred candidates' texts, each from a block of its
// own: at a million articles, 8 KB blocks against 32 KB took a sixth to a
// quarter off a trace's median for 0.05 of the text more on disk
// (docs/scale.md).
const docBlockSize = 8 << 10

type table struct {
	path string
	w    *sstable.Writer
}

// tableDir is where commits write their tables before ingesting them.
func (ix *Index) tableDir() string { return filepath.Join(ix.dir, "commit-tables") }

// newTableSink must be called with ix.mu held.
func (ix *Index) newTableSink() *tableSink {
	ix.tables++
	return &tableSink{ix: ix, seq: ix.tables}
}

// tableFor returns the table a key goes to.
func tableFor(k []byte) int {
	switch {
	case len(k) > 0 && k[0] == 'd':
		return tableDocs
	}
	return tableRest
}

func (s *tableSink) set(k, v []byte) error {
	w, err := s.writer(k)
	if err != nil {
		return err
	}
	return w.Set(k, v)
}

// writer returns the writer of the table k goes to, opening it first.
func (s *tableSink) writer(k []byte) (*sstable.Writer, error) {
	i := tableFor(k)
	if s.t[i].w == nil {
		if err := s.open(i); err != nil {
			return nil, err
		}
	}
	return s.t[i].w, nil
}

// open creates table i.
func (s *tableSink) open(i int) error {
	fs, t := s.ix.opts.FS, &s.t[i]
	if err := fs.MkdirAll(s.ix.tableDir(), 0o755); err != nil {
		return err
	}
	level := 0
	if i == tableDocs {
		level = len(s.ix.po.Levels) - 1
	}
	t.path = fs.PathJoin(s.ix.tableDir(), fmt.Sprintf("%06d-%s.sst", s.seq, tableNames[i]))
	f, err := fs.Create(t.path, "")
	if err != nil {
		t.path = ""
		return err
	}
	w := &tableFile{f: f, bw: bufio.NewWriterSize(f, tableBuffer)}
	wo := s.ix.po.MakeWriterOptions(level, s.ix.db.TableFormat())
	if i == tableDocs {
		wo.Compression = sstable.ZstdCompression
		wo.BlockSize = docBlockSize
	}
	t.w = sstable.NewWriter(w, wo)
	return nil
}

// tableBuffer is the write buffer of a commit's table. Pebble's own
// writable buffers 4 KiB, a system call per block: a thousand of them for
// a commit's tables.
const tableBuffer = 1 << 20

// tableFile is the objstorage.Writable a commit's table is written to.
type tableFile struct {
	f  vfs.File
	bw *bufio.Writer
}

func (t *tableFile) Write(p []byte) error {
	_, err := t.bw.Write(p)
	return err
}

// Finish flushes, syncs and closes the file: the table is durable.
func (t *tableFile) Finish() error {
	err := t.bw.Flush()
	if err == nil {
		err = t.f.Sync()
	}
	return errors.Join(err, t.f.Close())
}

func (t *tableFile) Abort() { t.f.Close() }

// commit finishes and syncs the tables and ingests them.
func (s *tableSink) commit() error {
	var paths []string
	for i := range s.t {
		t := &s.t[i]
		if t.w == nil {
			continue
		}
		w := t.w
		t.w = nil
		if err := w.Close(); err != nil {
			return err
		}
		paths = append(paths, t.path)
	}
	if len(paths) == 0 {
		return nil
	}
	return s.ix.db.Ingest(context.Background(), paths)
}

// close removes the tables: Pebble has linked or copied the ingested ones
// into the store.
func (s *tableSink) close() {
	for _, t := range s.t {
		if t.w != nil {
			t.w.Close()
		}
		if t.path != "" {
			s.ix.opts.FS.Remove(t.path)
		}
	}
}
