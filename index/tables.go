package index

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/objstorage/objstorageprovider"
	"github.com/cockroachdb/pebble/v2/sstable"
)

// tableCommitBytes is the estimated size from which a commit is written as
// sorted tables and ingested, rather than as a batch through the
// write-ahead log. Both are atomic and durable when Commit returns; tables
// write a document's text once instead of twice (log, then flush), skip
// the memtable, and put document records straight into the bottom level.
// Small commits (the server's, the feed poller's) stay batches: an
// ingestion costs a few file syncs however small it is.
const tableCommitBytes = 1 << 20

// sink receives the records of one commit in strictly increasing key
// order, then commits them atomically.
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

// tableSink writes a commit's records to two new sorted tables and
// ingests both at once. Document records ("d" docnum) go to one table:
// docnums only grow, so it overlaps no earlier table and Pebble places it
// in the bottom level, where the text is never compacted again. Every
// other record (ids, postings, counts, sources, dedup records) goes to the
// other, which lands in level 0 and is compacted with its predecessors.
type tableSink struct {
	ix    *Index
	w     [2]*sstable.Writer // documents, the rest
	paths []string
}

// tableDir is where commits write their tables before ingesting them.
func (ix *Index) tableDir() string { return filepath.Join(ix.dir, "commit-tables") }

func (ix *Index) newTableSink() *tableSink { return &tableSink{ix: ix} }

func (s *tableSink) set(k, v []byte) error {
	i := 1
	if len(k) > 0 && k[0] == 'd' {
		i = 0
	}
	if s.w[i] == nil {
		fs := s.ix.opts.FS
		if err := fs.MkdirAll(s.ix.tableDir(), 0o755); err != nil {
			return err
		}
		s.ix.tables++
		path := fs.PathJoin(s.ix.tableDir(), fmt.Sprintf("%06d-%d.sst", s.ix.tables, i))
		f, err := fs.Create(path, "")
		if err != nil {
			return err
		}
		s.paths = append(s.paths, path)
		level := 0
		if i == 0 {
			level = len(s.ix.po.Levels) - 1
		}
		s.w[i] = sstable.NewWriter(objstorageprovider.NewFileWritable(f), s.ix.po.MakeWriterOptions(level, s.ix.db.TableFormat()))
	}
	return s.w[i].Set(k, v)
}

// commit finishes and syncs the tables and ingests them.
func (s *tableSink) commit() error {
	for i, w := range s.w {
		if w == nil {
			continue
		}
		s.w[i] = nil
		if err := w.Close(); err != nil {
			return err
		}
	}
	if len(s.paths) == 0 {
		return nil
	}
	return s.ix.db.Ingest(context.Background(), s.paths)
}

// close removes the tables: Pebble has linked or copied the ingested ones
// into the store.
func (s *tableSink) close() {
	for _, w := range s.w {
		if w != nil {
			w.Close()
		}
	}
	for _, p := range s.paths {
		s.ix.opts.FS.Remove(p)
	}
}
