package index

// Term counts.
//
// The index counts the terms of every document it stores (package freq:
// words, pairs of adjacent words, entity names as written), so that spin
// detection can ask how the indexed corpus writes ("exchange rate", never
// "exchange charge") with no source at hand. The counts are kept behind
// [Index.TermCounts] and [Index.CountedWords], the freq.Frequencies
// interface.
//
// Each commit writes the counts of its documents' terms as a term segment
// (terms/<seq>.cnt), registered by an "h" record in the same atomic commit
// as the documents, so the counts never disagree with what is stored; the
// segments are merged in the background as posting segments are
// (segments.go), a merge adding up the counts of a term, so that a term's
// count is the sum over a few segments. A term segment has the posting
// segment's layout (segment.go): its values are the top termBits bits of
// a term's key, and a count c is written as one "posting" per non-zero
// base-16 digit d at position p (c = Σ d·16^p), whose number is 16·p + d,
// so that a term counted fewer than 16 times, most of them, costs one
// entry of a few bits. Its header holds the totals of words and texts
// counted ([freq.TotalWords], [freq.TotalTexts]).
//
// Term keys are kept to their top termBits bits: two terms that agree in
// them share a count, which for the tens of millions of terms of a large
// archive happens to about one lookup in ten million.
//
// Until format 3, term counts were Pebble merge operands ("f" records):
// a commit's operands cost more to write than its documents, and merging
// them in Pebble's compactions took a third of the time of a bulk ingest.
//
// Exact duplicates (dedup.go) are not counted again: their text is stored
// once, and counted once.

import (
	"errors"
	"fmt"
	"slices"

	"github.com/stemmanews/stemma/freq"
)

// termBits is the number of bits of a term key that a term segment keeps.
const termBits = 48

// termValue returns the value of key k in a term segment.
func termValue(k freq.Key) uint64 { return uint64(k) >> (64 - termBits) }

// Digits of term counts: the number of a count's digit d at position p is
// p<<digitBits | d.
const (
	digitBits = 4
	digitMask = 1<<digitBits - 1
)

// appendDigits appends the digit postings of count c of value v.
func appendDigits(ps []posting, v, c uint64) []posting {
	for p := uint32(0); c > 0; p++ {
		if d := uint32(c & digitMask); d != 0 {
			ps = append(ps, posting{v, p<<digitBits | d})
		}
		c >>= digitBits
	}
	return ps
}

// digitCount adds the digit posting num to count c; it reports false for
// a number no count makes.
func digitCount(c uint64, num uint32) (uint64, bool) {
	p, d := num>>digitBits, uint64(num&digitMask)
	if d == 0 || p >= 64/digitBits {
		return c, false
	}
	return c + d<<(digitBits*p), true
}

// CountedWords returns the number of words the index has counted (see
// [Index.TermCounts]): the words of every document stored.
func (ix *Index) CountedWords() int64 {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.words
}

// TermCounts sets counts[i] to the number of times the term keys[i]
// occurs in the stored documents (package freq). Index implements
// freq.Frequencies.
func (ix *Index) TermCounts(keys []freq.Key, counts []int64) error {
	if len(counts) < len(keys) {
		return fmt.Errorf("index: term counts: %d counts for %d keys", len(counts), len(keys))
	}
	clear(counts[:len(keys)])
	ss := &ix.terms
	ss.mu.RLock()
	defer ss.mu.RUnlock()
	for i, k := range keys {
		var n uint64
		switch k {
		case freq.TotalWords:
			for _, s := range ss.segs {
				n += s.words
			}
		case freq.TotalTexts:
			for _, s := range ss.segs {
				n += s.texts
			}
		default:
			v := termValue(k)
			for _, s := range ss.segs {
				c, err := s.termCount(v)
				if err != nil {
					return err
				}
				n += c
			}
		}
		counts[i] = int64(n)
	}
	return nil
}

// termCount returns the count of value v in the term segment s.
func (s *segment) termCount(v uint64) (uint64, error) {
	var n uint64
	var err error
	lerr := s.lookup(v, func(num uint32) {
		var ok bool
		if n, ok = digitCount(n, num); !ok && err == nil {
			err = s.corrupt(fmt.Sprintf("term digit %d", num))
		}
	})
	return n, errors.Join(lerr, err)
}

// termBatch gathers the term keys of a commit's stored documents.
type termBatch struct {
	words, texts uint64
	keys         [][]freq.Key
	n            int
}

func (t *termBatch) add(p *Prepared) {
	t.words += uint64(p.words)
	t.texts++
	t.keys = append(t.keys, p.terms)
	t.n += len(p.terms)
}

// postings returns the batch's term counts as the digit postings of a
// term segment, in order, and its header. The keys are scattered into
// buckets by their top bits, a few keys a bucket, and each bucket sorted
// and counted: linear in the keys, as the postings are.
func (t *termBatch) postings(sc *commitScratch) (segHeader, []posting) {
	bits := 0
	for bits < 20 && t.n>>(bits+3) > 0 {
		bits++
	}
	start := make([]int32, 1<<bits+1)
	shift := uint(64 - bits)
	bucket := func(k freq.Key) uint64 {
		if bits == 0 {
			return 0
		}
		return uint64(k) >> shift
	}
	for _, ks := range t.keys {
		for _, k := range ks {
			start[bucket(k)+1]++
		}
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	next := slices.Clone(start[:len(start)-1])
	sc.terms = reuse(sc.terms, t.n)
	sorted := sc.terms
	for _, ks := range t.keys {
		for _, k := range ks {
			b := bucket(k)
			sorted[next[b]] = termValue(k)
			next[b]++
		}
	}
	ps := reuse(sc.digits, t.n/2+1)[:0]
	for i := 0; i+1 < len(start); i++ {
		vs := sorted[start[i]:start[i+1]]
		slices.Sort(vs)
		for a := 0; a < len(vs); {
			c := a + 1
			for c < len(vs) && vs[c] == vs[a] {
				c++
			}
			ps = appendDigits(ps, vs[a], uint64(c-a))
			a = c
		}
	}
	sc.digits = ps
	return termHeader(ps, t.words, t.texts), ps
}

// termHeader returns the header of a term segment of the digit postings
// ps and the totals words and texts.
func termHeader(ps []posting, words, texts uint64) segHeader {
	var hi uint32
	for _, p := range ps {
		hi = max(hi, p.num)
	}
	return newTermHeader(uint64(len(ps)), hi, words, texts)
}

// newTermHeader returns the header of a term segment of n digit postings
// numbered up to hi, and the totals words and texts.
func newTermHeader(n uint64, hi uint32, words, texts uint64) segHeader {
	h := newSegHeader(termBits, n, 0, hi)
	h.terms, h.words, h.texts = true, words, texts
	return h
}

// termStream reads a term segment's counts in value order.
type termStream struct {
	it       *segIter
	v, count uint64 // the current term
	ok       bool
	next     posting // the first digit of the next term
	more     bool
	err      error
}

func newTermStream(s *segment) *termStream {
	ts := &termStream{it: s.iter()}
	v, num, ok := ts.it.next()
	ts.next, ts.more = posting{v, num}, ok
	ts.advance()
	return ts
}

// advance reads the next term's digits.
func (ts *termStream) advance() {
	ts.ok = ts.more && ts.err == nil
	if !ts.ok {
		ts.err = errors.Join(ts.err, ts.it.err)
		return
	}
	ts.v, ts.count = ts.next.hash, 0
	for ts.more && ts.next.hash == ts.v {
		var ok bool
		if ts.count, ok = digitCount(ts.count, ts.next.num); !ok {
			ts.err = ts.it.s.corrupt(fmt.Sprintf("term digit %d", ts.next.num))
			ts.ok = false
			return
		}
		v, num, ok := ts.it.next()
		ts.next, ts.more = posting{v, num}, ok
	}
}

// mergedTerms calls fn with each value of the segments in and the sum of
// its counts in them, in value order.
func mergedTerms(ss *segmentSet, in []*segment, fn func(v, count uint64)) error {
	ts := make([]*termStream, len(in))
	for i, s := range in {
		ts[i] = newTermStream(s)
	}
	for k := uint64(0); ; k++ {
		if k%(1<<20) == 0 && ss.stopped() {
			return errMergeStopped
		}
		b := -1
		for i, t := range ts {
			if t.ok && (b < 0 || t.v < ts[b].v) {
				b = i
			}
		}
		if b < 0 {
			break
		}
		v, c := ts[b].v, uint64(0)
		for _, t := range ts {
			if t.ok && t.v == v {
				c += t.count
				t.advance()
			}
		}
		fn(v, c)
	}
	var err error
	for _, t := range ts {
		err = errors.Join(err, t.err)
	}
	return err
}

// mergeTerms writes the term counts of in, added up, to a new term segment
// at path: a first pass over them sizes it, a second writes it.
func mergeTerms(ss *segmentSet, path string, in []*segment) (segHeader, error) {
	var n, words, texts uint64
	var hi uint32
	var digits []posting
	if err := mergedTerms(ss, in, func(v, c uint64) {
		digits = appendDigits(digits[:0], v, c)
		n += uint64(len(digits))
		hi = max(hi, digits[len(digits)-1].num)
	}); err != nil {
		return segHeader{}, err
	}
	for _, s := range in {
		words += s.words
		texts += s.texts
	}
	hdr := newTermHeader(n, hi, words, texts)
	w, err := newSegmentWriter(ss.fs, path, hdr)
	if err != nil {
		return hdr, err
	}
	if err := mergedTerms(ss, in, func(v, c uint64) {
		for _, p := range appendDigits(digits[:0], v, c) {
			w.add(p.hash, p.num)
		}
	}); err != nil {
		w.abort()
		return hdr, err
	}
	return hdr, w.finish()
}

// checkTerms verifies every term segment and counts the distinct terms of
// those that are whole (Check).
func (ix *Index) checkTerms(r *CheckResult) {
	ss := &ix.terms
	ss.mu.RLock()
	defer ss.mu.RUnlock()
	var whole []*segment
	for _, s := range ss.segs {
		r.CountedWords += int64(s.words)
		r.CountedDocs += int64(s.texts)
		if err := s.verify(); err != nil {
			r.problem("%v", err)
			continue
		}
		whole = append(whole, s)
	}
	if err := mergedTerms(ss, whole, func(uint64, uint64) { r.Terms++ }); err != nil {
		r.problem("%v", err)
	}
}
