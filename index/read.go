package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/cockroachdb/pebble/v2"

	"github.com/stemmanews/stemma"
)

// Doc returns the document numbered num, with its text.
//
// A number of a duplicate (see [Index.Duplicates]) returns the duplicate's
// metadata with its canonical document's text.
func (ix *Index) Doc(num uint32) (stemma.Doc, error) {
	v, err := ix.get(docKey(num))
	if errors.Is(err, ErrNotFound) { // dedup.go: perhaps a duplicate
		if d, derr := ix.duplicateDoc(num); !errors.Is(derr, ErrNotFound) {
			if derr != nil {
				return stemma.Doc{}, fmt.Errorf("document %d: %w", num, derr)
			}
			return d, nil
		}
	}
	if err != nil {
		return stemma.Doc{}, fmt.Errorf("document %d: %w", num, err)
	}
	d, err := decodeDoc(v, true)
	if err != nil {
		return stemma.Doc{}, fmt.Errorf("document %d: %w", num, err)
	}
	return d, nil
}

// Num returns the document number of id, or ErrNotFound.
func (ix *Index) Num(id string) (uint32, error) {
	v, err := ix.get(idKey(id))
	if err != nil {
		return 0, fmt.Errorf("document %q: %w", id, err)
	}
	if len(v) != 4 {
		return 0, fmt.Errorf("document %q: %w: id record", id, ErrCorrupt)
	}
	return binary.BigEndian.Uint32(v), nil
}

// DocByID returns the document with the given ID, or an error wrapping
// ErrNotFound.
func (ix *Index) DocByID(id string) (stemma.Doc, error) {
	num, err := ix.Num(id)
	if err != nil {
		return stemma.Doc{}, err
	}
	return ix.Doc(num)
}

// Candidate is a document that shares fingerprints with a query.
type Candidate struct {
	Num  uint32
	Hits int // shared fingerprints
	// Weight sums 1/n over the shared fingerprints, n the documents
	// each is in: a fingerprint of one document weighs 1, one of many
	// little.
	Weight float64
}

// Lookup is the result of a candidate search.
type Lookup struct {
	Candidates []Candidate // sorted by Hits descending, then Num
	// Common counts query fingerprints ignored because more than
	// MaxPostings documents carry them.
	Common int
}

// Candidates returns the documents that share at least one of the given
// fingerprint hashes, ignoring fingerprints whose document frequency is
// above MaxPostings. hashes may contain duplicates and need not be sorted.
//
// A posting keeps the top HashBits bits of its hash, so a document may be
// returned for a fingerprint it shares only those bits with: with
// probability postings/2^HashBits per hash (see [Options]).
func (ix *Index) Candidates(hashes []uint64) (Lookup, error) {
	hs := slices.Clone(hashes)
	slices.Sort(hs)
	hs = slices.Compact(hs)
	// Each document's tally, found by its number: one map lookup a
	// posting, the tallies themselves in a slice.
	at := map[uint32]int32{}
	var tally []Candidate
	var lk Lookup
	nums := make([]uint32, 0, ix.opts.MaxPostings+1)
	ix.segs.mu.RLock()
	defer ix.segs.mu.RUnlock()
	for _, h := range hs {
		nums = nums[:0]
		err := ix.lookup(h, func(n uint32) bool {
			nums = append(nums, n)
			return len(nums) <= ix.opts.MaxPostings
		})
		if err != nil {
			return Lookup{}, err
		}
		if len(nums) > ix.opts.MaxPostings {
			lk.Common++
			continue
		}
		w := 1 / float64(len(nums))
		for _, n := range nums {
			i, ok := at[n]
			if !ok {
				i = int32(len(tally))
				at[n] = i
				tally = append(tally, Candidate{Num: n})
			}
			tally[i].Hits++
			tally[i].Weight += w
		}
	}
	lk.Candidates = tally
	slices.SortFunc(lk.Candidates, func(a, b Candidate) int {
		if a.Hits != b.Hits {
			return b.Hits - a.Hits
		}
		return int(a.Num) - int(b.Num)
	})
	return lk, nil
}

// Sources returns the number of documents per source.
func (ix *Index) Sources() (map[string]int64, error) {
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{'s'}, UpperBound: []byte{'t'}})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	out := map[string]int64{}
	for ok := it.First(); ok; ok = it.Next() {
		n, k := binary.Uvarint(it.Value())
		if k <= 0 {
			return nil, fmt.Errorf("%w: source count for %q", ErrCorrupt, it.Key()[1:])
		}
		out[string(it.Key()[1:])] = int64(n)
	}
	return out, readErr(it.Error())
}

// Each calls fn for every document in docnum order, with its text, until fn
// returns false or an error occurs.
func (ix *Index) Each(fn func(num uint32, d stemma.Doc) bool) error {
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{'d'}, UpperBound: []byte{'e'}})
	if err != nil {
		return err
	}
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		k := it.Key()
		if len(k) != 5 {
			return fmt.Errorf("%w: document key %q", ErrCorrupt, k)
		}
		num := binary.BigEndian.Uint32(k[1:])
		d, err := decodeDoc(it.Value(), true)
		if err != nil {
			return fmt.Errorf("document %d: %w", num, err)
		}
		if !fn(num, d) {
			break
		}
	}
	return readErr(it.Error())
}
