package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/sstable"
)

// Damage is a table of the store that a read found damaged: a block whose
// checksum does not match, or a table that cannot be read at all. Only the
// keys in [First, Last] can be lost; KeyRange says which documents and
// records they are.
type Damage struct {
	Path        string
	First, Last []byte
	Reason      string
}

// KeyRange describes the table's keys for a reader: document numbers for
// document records, else the keys themselves.
func (d Damage) KeyRange() string { return describeKeys(d.First, d.Last) }

func (d Damage) String() string {
	return fmt.Sprintf("table %s (%s): %s", d.Path, d.KeyRange(), d.Reason)
}

// damageLog records the damage the index's reads have met, once per table.
// Pebble reports it through its DataCorruption event, from whichever
// goroutine read the block.
type damageLog struct {
	mu     sync.Mutex
	events int64
	tables []Damage
}

func (l *damageLog) record(info pebble.DataCorruptionInfo) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events++
	for _, d := range l.tables {
		if d.Path == info.Path {
			return
		}
	}
	l.tables = append(l.tables, damage(&info))
}

// Damaged returns how many damaged blocks the index's reads have met since
// it was opened, and the tables they lay in. A server turns its health to
// degraded on the first.
func (ix *Index) Damaged() (int64, []Damage) {
	l := ix.damage
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.events, append([]Damage(nil), l.tables...)
}

// damage describes the damage Pebble reported.
func damage(info *pebble.DataCorruptionInfo) Damage {
	return Damage{Path: info.Path, First: info.Bounds.Start, Last: info.Bounds.End.Key, Reason: info.Details.Error()}
}

// readErr classifies a read's error: damage Pebble found in a table is
// ErrCorrupt, with the table's file and key range.
func readErr(err error) error {
	if err == nil || errors.Is(err, ErrCorrupt) || !pebble.IsCorruptionError(err) {
		return err
	}
	if info := pebble.ExtractDataCorruptionInfo(err); info != nil {
		return fmt.Errorf("%w: %s", ErrCorrupt, damage(info))
	}
	return fmt.Errorf("%w: %w", ErrCorrupt, err)
}

// checkTables reads every block of every table of the store and verifies
// its checksum, so that every damaged table is listed, not only the first
// a read meets.
func (ix *Index) checkTables(ctx context.Context) ([]Damage, error) {
	levels, err := ix.db.SSTables()
	if err != nil {
		return nil, err
	}
	var out []Damage
	for _, level := range levels {
		for _, t := range level {
			name := fmt.Sprintf("%06d", t.BackingSSTNum)
			path := filepath.Join(ix.dir, name+".sst")
			err := ix.checkTable(ctx, path)
			if errors.Is(err, os.ErrNotExist) && !ix.liveTable(name) {
				continue // compacted away since it was listed
			}
			if err != nil {
				// A table read on its own is file 000000 to Pebble.
				reason := strings.Replace(err.Error(), "file 000000", "file "+name, 1)
				out = append(out, Damage{Path: path, First: t.Smallest.UserKey, Last: t.Largest.UserKey, Reason: reason})
			}
		}
	}
	return out, nil
}

// liveTable reports whether the table file name (its number, as checkTables
// writes it) is still part of the store.
func (ix *Index) liveTable(name string) bool {
	levels, err := ix.db.SSTables()
	if err != nil {
		return true
	}
	for _, level := range levels {
		for _, t := range level {
			if fmt.Sprintf("%06d", t.BackingSSTNum) == name {
				return true
			}
		}
	}
	return false
}

// checkTable verifies the checksums of every block of one table file.
func (ix *Index) checkTable(ctx context.Context, path string) error {
	f, err := ix.opts.FS.Open(path)
	if err != nil {
		return err
	}
	rf, err := sstable.NewSimpleReadable(f)
	if err != nil {
		f.Close()
		return err
	}
	r, err := sstable.NewReader(ctx, rf, sstable.ReaderOptions{}) // closes rf on error
	if err != nil {
		return err
	}
	return errors.Join(r.ValidateBlockChecksums(), r.Close())
}

// describeKeys names a range of keys for a reader.
func describeKeys(first, last []byte) string {
	if isDocKey(first) && isDocKey(last) {
		a, b := binary.BigEndian.Uint32(first[1:]), binary.BigEndian.Uint32(last[1:])
		return "documents " + strconv.FormatUint(uint64(a), 10) + "–" + strconv.FormatUint(uint64(b), 10)
	}
	return fmt.Sprintf("keys %q to %q", first, last)
}

func isDocKey(k []byte) bool { return len(k) == 5 && k[0] == 'd' }
