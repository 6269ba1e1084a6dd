package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"regexp"

	"github.com/cockroachdb/pebble/v2"

	"github.com/stemmanews/stemma"
)

// Lost is a document that [Salvage] could not read. ID is empty when its
// ID record could not be read either.
type Lost struct {
	Num uint32
	ID  string
	Err error
}

// SalvageResult is what [Salvage] copied and what it lost.
type SalvageResult struct {
	Progress
	Lost []Lost
}

// Salvage builds in dst, which must not hold an index, a copy of the
// damaged index in src with every document and exact duplicate that can
// still be read, in document order, keeping its fingerprint settings and
// the bits its postings keep; the other settings come from opts. Documents
// in a damaged block are skipped and listed in the result, with their IDs
// when the ID records can be read. Postings, counts and term counts are
// rebuilt from the documents, so damage to any of them loses nothing.
// Indexing the original inputs into dst again then adds the lost documents
// back (IDs already there are skipped).
//
// A store that cannot be opened at all (a table missing or cut short) has
// nothing to salvage: index its inputs again.
func Salvage(ctx context.Context, src, dst string, opts Options, progress func(Progress)) (SalvageResult, error) {
	opts.EnsureDefaults()
	if Exists(dst) {
		return SalvageResult{}, fmt.Errorf("salvaging into %s: an index is already there", dst)
	}
	old, err := Open(src, Options{FS: opts.FS, ReadOnly: true})
	if err != nil {
		return SalvageResult{}, err
	}
	defer old.Close()
	var res SalvageResult
	next := old.Counts().Next
	num := uint32(0)
	docs := func() (stemma.Doc, bool) {
		for num+1 < next {
			num++
			d, err := old.Doc(num)
			switch {
			case err == nil:
				return d, true
			case errors.Is(err, ErrNotFound):
				// No such number: a document of a commit that failed.
				continue
			}
			// The documents after num in the same damaged block are lost
			// too; they are found by probing, not read one by one, since
			// every read of a damaged block costs Pebble about a tenth of
			// a second (it looks for a single flipped bit).
			last := num
			if blk := damagedBlock(err); blk != "" {
				last = old.blockEnd(num, next, blk)
			}
			for n := num; n <= last; n++ {
				res.Lost = append(res.Lost, Lost{Num: n, Err: err})
			}
			num = last
		}
		return stemma.Doc{}, false
	}
	opts.HashBits = int(old.hbits)
	res.Progress, err = copyInto(ctx, old, old.Fingerprint(), dst, opts, docs, progress)
	if err != nil {
		return res, err
	}
	old.nameLost(res.Lost)
	return res, nil
}

// nameLost fills in the IDs of lost documents from the ID records it can
// read, which are in ID order, not document order.
func (ix *Index) nameLost(lost []Lost) {
	if len(lost) == 0 {
		return
	}
	at := make(map[uint32]int, len(lost))
	for i, l := range lost {
		at[l.Num] = i
	}
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{'i'}, UpperBound: []byte{'j'}})
	if err != nil {
		return
	}
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		if v := it.Value(); len(v) == 4 {
			if i, ok := at[binary.BigEndian.Uint32(v)]; ok {
				lost[i].ID = string(it.Key()[1:])
			}
		}
	}
}

// damagedBlockRE finds the block in Pebble's checksum error: "block
// offset/length".
var damagedBlockRE = regexp.MustCompile(`block (\d+/\d+):`)

// damagedBlock names the damaged block a read met, or returns "".
func damagedBlock(err error) string {
	if !errors.Is(err, ErrCorrupt) {
		return ""
	}
	m := damagedBlockRE.FindStringSubmatch(err.Error())
	if m == nil {
		return ""
	}
	return m[1]
}

// blockEnd returns the last document number below next whose record lies
// in the damaged block blk, which holds document num's. Document records
// are in number order, so a block holds a run of numbers: it doubles its
// step while the probes stay in the block, then halves the gap.
func (ix *Index) blockEnd(num, next uint32, blk string) uint32 {
	in := func(n uint32) bool {
		_, err := ix.Doc(n)
		return damagedBlock(err) == blk
	}
	lo, hi := num, next // lo is in the block; hi is not, or past the end
	for step := uint32(1); lo+step < next; step *= 2 {
		if !in(lo + step) {
			hi = lo + step
			break
		}
		lo += step
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if in(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}
