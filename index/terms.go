package index

// Term counts.
//
// The index counts the terms of every document it stores (package freq:
// words, pairs of adjacent words, entity names as written), so that spin
// detection can ask how the indexed corpus writes ("exchange rate", never
// "exchange charge") with no source at hand. The counts are kept behind
// [Index.TermCounts] and [Index.CountedWords], the freq.Frequencies
// interface, so that they can move with the rest of the layout.
//
//	"f" key(8)  -> a sequence of uvarints whose sum is the count of the
//	               freq.Key key (big-endian) in the stored documents;
//	               keys 0 and 1 are the totals of words and documents
//
// A commit adds each term's count in the commit as a Pebble merge operand,
// in the same atomic batch (or set of ingested tables) as the documents,
// so the counts never disagree with what is stored and a commit costs no
// read of the counts it adds to. Pebble resolves the operands with the
// merger below when it reads or compacts them. The merger keeps the name
// of Pebble's default merger, "pebble.concatenate", on purpose: a count is
// a sequence of uvarints to be summed, so two counts concatenated are
// still the right count, and the merger only also adds them up to keep
// the value short; it concatenates every other key, as Pebble's does
// (stemma writes merge operands under no other prefix). Indexes written
// before counts existed open as before and start counting with their next
// commit: their counts then cover the documents added since
// ("m/counts" has more documents than [freq.TotalTexts]).
//
// Exact duplicates (dedup.go) are not counted again: their text is stored
// once, and counted once.

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/cockroachdb/pebble/v2"

	"github.com/stemmanews/stemma/freq"
)

func termKey(k freq.Key) []byte {
	return binary.BigEndian.AppendUint64([]byte{'f'}, uint64(k))
}

// termMerger sums the counts of "f" keys and concatenates other values.
var termMerger = &pebble.Merger{
	Name: pebble.DefaultMerger.Name,
	Merge: func(key, value []byte) (pebble.ValueMerger, error) {
		if len(key) > 0 && key[0] == 'f' {
			m := &countMerger{}
			return m, m.add(value)
		}
		return pebble.DefaultMerger.Merge(key, value)
	},
}

// countMerger adds up count operands.
type countMerger struct{ n uint64 }

func (m *countMerger) add(v []byte) error {
	n, err := decodeTermCount(v)
	m.n += uint64(n)
	return err
}

func (m *countMerger) MergeNewer(v []byte) error { return m.add(v) }
func (m *countMerger) MergeOlder(v []byte) error { return m.add(v) }
func (m *countMerger) Finish(bool) ([]byte, io.Closer, error) {
	return binary.AppendUvarint(nil, m.n), nil, nil
}

// decodeTermCount sums a value's uvarints.
func decodeTermCount(v []byte) (int64, error) {
	var n uint64
	for len(v) > 0 {
		x, k := binary.Uvarint(v)
		if k <= 0 {
			return 0, fmt.Errorf("%w: term count %x", ErrCorrupt, v)
		}
		n += x
		v = v[k:]
	}
	return int64(n), nil
}

// CountedWords returns the number of words the index has counted (see
// [Index.TermCounts]): the words of every document stored since the index
// began to count, 0 for an index that keeps no counts.
func (ix *Index) CountedWords() int64 {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.words
}

// TermCounts sets counts[i] to the number of times the term keys[i]
// occurs in the stored documents (package freq). It looks the keys up in
// key order with one iterator. Index implements freq.Frequencies.
func (ix *Index) TermCounts(keys []freq.Key, counts []int64) error {
	if len(counts) < len(keys) {
		return fmt.Errorf("index: term counts: %d counts for %d keys", len(counts), len(keys))
	}
	clear(counts[:len(keys)])
	if len(keys) == 0 {
		return nil
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case keys[a] < keys[b]:
			return -1
		case keys[a] > keys[b]:
			return 1
		}
		return 0
	})
	lo := termKey(keys[order[0]])
	hi := append(termKey(keys[order[len(order)-1]]), 0)
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: lo, UpperBound: hi})
	if err != nil {
		return err
	}
	var k []byte
	for j, i := range order {
		if j > 0 && keys[i] == keys[order[j-1]] {
			counts[i] = counts[order[j-1]]
			continue
		}
		k = binary.BigEndian.AppendUint64(append(k[:0], 'f'), uint64(keys[i]))
		if it.SeekGE(k) && bytes.Equal(it.Key(), k) {
			n, err := decodeTermCount(it.Value())
			if err != nil {
				it.Close()
				return err
			}
			counts[i] = n
		}
	}
	return readErr(errors.Join(it.Error(), it.Close()))
}

// compactTerms merges the term counts into one level of Pebble's tree
// when commits have left as many overlapping tables in level 0 as start a
// compaction (Pebble's L0CompactionThreshold). Every commit adds a table
// of counts whose keys (hashes) span the whole range, so a bulk ingest
// leaves level 0 with more of them than compactions keep up with, and a
// lookup then reads a block of each: at a million articles, a trace's
// term counts took 4.4 ms with fourteen such tables and 1.3 ms with none.
// The compaction is work Pebble would do anyway once the index is next
// opened for writing; a small ingest, which leaves fewer tables, skips it.
func (ix *Index) compactTerms(ctx context.Context) error {
	if l0 := ix.db.Metrics().Levels[0]; int(l0.Sublevels) < ix.po.L0CompactionThreshold {
		return nil
	}
	return ix.db.Compact(ctx, []byte{'f'}, []byte{'g'}, true)
}

// loadWords reads the total of counted words.
func (ix *Index) loadWords() error {
	v, err := ix.get(termKey(freq.TotalWords))
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	ix.words, err = decodeTermCount(v)
	return err
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

// write adds the batch's counts to the index as merge operands, in key
// order: the totals, then each term once with its count. The keys are
// scattered into buckets by their top bits, a few keys a bucket, and each
// bucket sorted and counted: linear in the keys, as the postings are.
func (t *termBatch) write(b sink) error {
	if t.texts == 0 {
		return nil
	}
	if err := b.merge(termKey(freq.TotalWords), binary.AppendUvarint(nil, t.words)); err != nil {
		return err
	}
	if err := b.merge(termKey(freq.TotalTexts), binary.AppendUvarint(nil, t.texts)); err != nil {
		return err
	}
	bits := 0
	for bits < 12 && t.n>>(bits+4) > 0 {
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
	sorted := make([]freq.Key, t.n)
	for _, ks := range t.keys {
		for _, k := range ks {
			b := bucket(k)
			sorted[next[b]] = k
			next[b]++
		}
	}
	var key, val []byte
	for i := 0; i+1 < len(start); i++ {
		ks := sorted[start[i]:start[i+1]]
		slices.Sort(ks)
		for a := 0; a < len(ks); {
			c := a + 1
			for c < len(ks) && ks[c] == ks[a] {
				c++
			}
			key = binary.BigEndian.AppendUint64(append(key[:0], 'f'), uint64(ks[a]))
			val = binary.AppendUvarint(val[:0], uint64(c-a))
			if err := b.merge(key, val); err != nil {
				return err
			}
			a = c
		}
	}
	return nil
}

// checkTerms decodes every term count (Check).
func (ix *Index) checkTerms(r *CheckResult) error {
	return ix.scan('f', func(k, v []byte) {
		if len(k) != 9 {
			r.problem("term count key %x: bad length", k)
			return
		}
		n, err := decodeTermCount(v)
		if err != nil {
			r.problem("term %016x: %v", k[1:], err)
			return
		}
		switch freq.Key(binary.BigEndian.Uint64(k[1:])) {
		case freq.TotalWords:
			r.CountedWords = n
		case freq.TotalTexts:
			r.CountedDocs = n
		default:
			r.Terms++
		}
	})
}
