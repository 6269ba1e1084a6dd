package index

import (
	"encoding/binary"
	"fmt"

	"github.com/cockroachdb/pebble/v2"

	"github.com/stemmanews/stemma"
)

// CheckResult is what [Index.Check] verified and found.
type CheckResult struct {
	Docs     int64
	IDs      int64
	Postings int64
	Bytes    int64
	// Duplicates counts duplicate records (see [Index.Duplicates]).
	Duplicates int64
	// Terms counts the distinct terms counted (terms.go), and
	// CountedWords and CountedDocs the totals of their count records.
	Terms        int64
	CountedWords int64
	CountedDocs  int64
	// Problems lists each broken invariant found (at most 100).
	Problems []string
}

// OK reports whether the check found no problem.
func (r *CheckResult) OK() bool { return len(r.Problems) == 0 }

func (r *CheckResult) problem(format string, args ...any) {
	if len(r.Problems) < 100 {
		r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
	}
}

// Check verifies the index: every record decodes, document and ID records
// point at each other, every posting names an existing document, the totals
// in "m/counts" and the per-source counts match what is stored, and (with
// deep) every document's fingerprints are all posted and, when every
// document was counted, the term counts' total of words is theirs. Every
// term count must decode. It reads the whole
// index. A non-nil error means the check itself could not run; problems
// found are in the result, and the error wraps ErrCorrupt when there are any.
func (ix *Index) Check(deep bool) (CheckResult, error) {
	var r CheckResult
	c := ix.Counts()
	ids := map[uint32]string{}
	sources := map[string]int64{}
	var postings map[uint64][]uint32
	if deep {
		postings = map[uint64][]uint32{}
	}
	// Documents.
	err := ix.Each(func(num uint32, d stemma.Doc) bool {
		r.Docs++
		r.Bytes += int64(len(d.Text))
		ids[num] = d.ID
		sources[d.Source]++
		if num == 0 || num >= c.Next {
			r.problem("document %d: number outside [1, %d)", num, c.Next)
		}
		return true
	})
	if err != nil {
		r.problem("documents: %v", err)
	}
	// Duplicates, text hashes and URLs (dedup.go).
	if err := ix.checkDedup(&r, ids, sources, deep); err != nil {
		return r, err
	}
	// IDs.
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{'i'}, UpperBound: []byte{'j'}})
	if err != nil {
		return r, err
	}
	seen := map[uint32]bool{}
	for ok := it.First(); ok; ok = it.Next() {
		r.IDs++
		id := string(it.Key()[1:])
		v := it.Value()
		if len(v) != 4 {
			r.problem("id %q: bad record", id)
			continue
		}
		num := binary.BigEndian.Uint32(v)
		if ids[num] != id {
			r.problem("id %q points at document %d, whose id is %q", id, num, ids[num])
		}
		seen[num] = true
	}
	if err := it.Close(); err != nil {
		return r, err
	}
	for num, id := range ids {
		if !seen[num] {
			r.problem("document %d (%q) has no id record", num, id)
		}
	}
	// Postings.
	it, err = ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{'p'}, UpperBound: []byte{'q'}})
	if err != nil {
		return r, err
	}
	for ok := it.First(); ok; ok = it.Next() {
		r.Postings++
		k := it.Key()
		if len(k) != 13 {
			r.problem("posting key %x: bad length", k)
			continue
		}
		h, num := binary.BigEndian.Uint64(k[1:9]), binary.BigEndian.Uint32(k[9:])
		if _, ok := ids[num]; !ok {
			r.problem("posting %016x names missing document %d", h, num)
		}
		if deep {
			postings[h] = append(postings[h], num)
		}
	}
	if err := it.Close(); err != nil {
		return r, err
	}
	// Term counts.
	if err := ix.checkTerms(&r); err != nil {
		return r, err
	}
	// Totals.
	if r.Docs != c.Docs || r.Bytes != c.Bytes || r.Postings != c.Postings {
		r.problem("counts record says %d documents, %d bytes, %d postings; found %d, %d, %d",
			c.Docs, c.Bytes, c.Postings, r.Docs, r.Bytes, r.Postings)
	}
	stored, err := ix.Sources()
	if err != nil {
		r.problem("sources: %v", err)
	}
	for src, n := range sources {
		if stored[src] != n {
			r.problem("source %q: count record says %d, found %d documents", src, stored[src], n)
		}
	}
	for src, n := range stored {
		if _, ok := sources[src]; !ok {
			r.problem("source %q: count record says %d, found none", src, n)
		}
	}
	if r.CountedDocs > r.Docs {
		r.problem("term counts cover %d documents, the index stores %d", r.CountedDocs, r.Docs)
	}
	if deep {
		p := ix.NewPreparer()
		var words int64
		err := ix.Each(func(num uint32, d stemma.Doc) bool {
			prep := p.Prepare(d)
			words += int64(prep.words)
			for _, h := range prep.hashes {
				if !containsNum(postings[h], num) {
					r.problem("document %d (%q): fingerprint %016x not posted", num, d.ID, h)
					break
				}
			}
			return len(r.Problems) < 100
		})
		if err != nil {
			r.problem("documents: %v", err)
		}
		// An index that began to count with a later commit (terms.go)
		// has counted fewer documents, and its words cannot be checked.
		if err == nil && r.CountedDocs == r.Docs && r.CountedWords != words {
			r.problem("term counts total %d words, the documents hold %d", r.CountedWords, words)
		}
	}
	if !r.OK() {
		return r, fmt.Errorf("%w: %d problems, first: %s", ErrCorrupt, len(r.Problems), r.Problems[0])
	}
	return r, nil
}

func containsNum(nums []uint32, n uint32) bool {
	for _, x := range nums {
		if x == n {
			return true
		}
	}
	return false
}
