package index

import (
	"context"
	"encoding/binary"
	"errors"
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
	// CountedWords and CountedDocs are the totals of the term segments.
	Terms        int64
	CountedWords int64
	CountedDocs  int64
	// Damaged lists every table of the store with a block that fails its
	// checksum or that cannot be read; each is also a problem.
	Damaged []Damage
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
	// Every table's checksums first: a damaged table is listed whatever
	// the records below it make of it.
	damaged, err := ix.checkTables(context.Background())
	if err != nil {
		return r, err
	}
	if len(damaged) > 0 {
		// The records of a damaged store would only list the damage's
		// consequences.
		r.Damaged = damaged
		for _, d := range damaged {
			r.problem("damaged %s", d)
		}
		return r, fmt.Errorf("%w: %d damaged tables, first: %s", ErrCorrupt, len(damaged), damaged[0])
	}
	// A section that meets damage records it and the check goes on.
	damage := func(what string, err error) error {
		if errors.Is(err, ErrCorrupt) {
			r.problem("%s: %v", what, err)
			return nil
		}
		return err
	}
	c := ix.Counts()
	ids := map[uint32]string{}
	sources := map[string]int64{}
	// Documents.
	err = ix.Each(func(num uint32, d stemma.Doc) bool {
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
	if err := damage("duplicates", ix.checkDedup(&r, ids, sources, deep)); err != nil {
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
	if err := damage("ids", readErr(errors.Join(it.Error(), it.Close()))); err != nil {
		return r, err
	}
	for num, id := range ids {
		if !seen[num] {
			r.problem("document %d (%q) has no id record", num, id)
		}
	}
	// Postings: every segment's checksums and order, and the documents
	// its postings name.
	ix.segs.mu.RLock()
	var prevHi uint32
	for i, s := range ix.segs.segs {
		if i > 0 && s.docLo <= prevHi {
			r.problem("segment %d (documents %d–%d) overlaps the one before it (to %d)", s.seq, s.docLo, s.docHi, prevHi)
		}
		prevHi = s.docHi
		if err := s.verify(); err != nil {
			r.problem("%v", err)
			continue
		}
		it := s.iter()
		for _, num, ok := it.next(); ok; _, num, ok = it.next() {
			r.Postings++
			if _, ok := ids[num]; !ok {
				r.problem("segment %d: a posting names missing document %d", s.seq, num)
			}
		}
	}
	ix.segs.mu.RUnlock()
	// Term counts: every term segment's checksums and counts.
	ix.checkTerms(&r)
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
		ix.segs.mu.RLock()
		err := ix.Each(func(num uint32, d stemma.Doc) bool {
			prep := p.Prepare(d)
			words += int64(prep.words)
			for _, h := range prep.hashes {
				found := false
				if err := ix.lookup(h, func(n uint32) bool { found = n == num; return !found }); err != nil {
					r.problem("document %d (%q): %v", num, d.ID, err)
					break
				}
				if !found {
					r.problem("document %d (%q): fingerprint %016x not posted", num, d.ID, h)
					break
				}
			}
			return len(r.Problems) < 100
		})
		ix.segs.mu.RUnlock()
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
