package index

// Exact duplicates.
//
// A document whose text is byte-for-byte the text of an indexed document
// (its canonical) is not stored again: it gets a docnum, an ID record, a
// duplicate record ("x") with its own metadata and the canonical's docnum,
// and a link ("y") from the canonical to it. It has no text and no
// postings of its own. The tracer reports it wherever it reports the
// canonical, with the same spans, which are exact because the texts are
// identical. Texts that differ by a single byte, even only in whitespace,
// are stored as separate documents, so that every offset stays exact.
//
// Identity is checked by an xxh3 hash of the text ("t" hash → docnum of
// the first document with that text) confirmed by comparing the texts, so
// a hash collision never makes a false duplicate. The URL of every
// document is recorded too ("u" url → docnum), so a poller can tell that a
// page is already indexed before fetching it ([Index.HasURL]); a URL names
// one of the documents that carry it.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/cockroachdb/pebble/v2"
	"github.com/zeebo/xxh3"

	"github.com/stemmanews/stemma"
)

func textKey(h uint64) []byte { return binary.BigEndian.AppendUint64([]byte{'t'}, h) }

func urlKey(u string) []byte { return append([]byte{'u'}, u...) }

func dupKey(num uint32) []byte { return binary.BigEndian.AppendUint32([]byte{'x'}, num) }

func dupLinkKey(canon, dup uint32) []byte {
	return binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32([]byte{'y'}, canon), dup)
}

// textHash is the identity hash of a text.
func textHash(s string) uint64 { return xxh3.HashString(s) }

// dedupable reports whether a text may be recorded as a duplicate: empty
// and blank texts are all alike and not worth it.
func dedupable(s string) bool { return strings.TrimSpace(s) != "" }

// identity returns the identity hash of a text that may be recorded as a
// duplicate, and 0 for one that may not. (A text whose hash is 0 is not
// deduplicated either: a one-in-2^64 chance.)
func identity(s string) uint64 {
	if !dedupable(s) {
		return 0
	}
	return textHash(s)
}

// encodeDup appends the duplicate record of d, a duplicate of canon.
func encodeDup(dst []byte, canon uint32, d *stemma.Doc) []byte {
	dst = binary.BigEndian.AppendUint32(dst, canon)
	meta := *d
	meta.Text = ""
	return encodeDoc(dst, &meta)
}

// decodeDup decodes a duplicate record: its canonical and its metadata.
func decodeDup(b []byte) (uint32, stemma.Doc, error) {
	if len(b) < 4 {
		return 0, stemma.Doc{}, fmt.Errorf("%w: duplicate record", ErrCorrupt)
	}
	d, err := decodeDoc(b[4:], false)
	return binary.BigEndian.Uint32(b), d, err
}

// batchText is a text committed earlier in the same batch.
type batchText struct {
	num  uint32
	text string
}

// canonicalFor returns the docnum of an indexed document (or one earlier in
// the batch) whose text is exactly text, if there is one.
func (db *dedupBatch) canonicalFor(ix *Index, h uint64, text string) (uint32, bool, error) {
	if bt, ok := db.texts[h]; ok {
		return bt.num, bt.text == text, nil
	}
	num, ok := db.indexed[h]
	if !ok {
		return 0, false, nil
	}
	rec, err := ix.get(docKey(num))
	if err != nil {
		return 0, false, fmt.Errorf("document %d, named by a text hash: %w", num, err)
	}
	d, err := decodeDoc(rec, true)
	if err != nil {
		return 0, false, err
	}
	return num, d.Text == text, nil
}

// lookupTexts finds which of the texts of docs the index already holds
// (their "t" records), for add to consult: one pass of seeks in key order
// rather than a lookup per document.
func (db *dedupBatch) lookupTexts(ix *Index, docs []Prepared) error {
	keys := make([][]byte, 0, len(docs))
	for i := range docs {
		if h := docs[i].text; h != 0 {
			keys = append(keys, textKey(h))
		}
	}
	db.indexed = map[uint64]uint32{}
	return ix.getSorted(keys, func(k, v []byte) error {
		if len(v) != 4 {
			return fmt.Errorf("%w: text hash record", ErrCorrupt)
		}
		db.indexed[binary.BigEndian.Uint64(k[1:])] = binary.BigEndian.Uint32(v)
		return nil
	})
}

// dedupBatch gathers the dedup records of one commit. Commit asks it
// about each new document, in order, and writes its records at the end;
// their prefixes sort after every other key of a batch.
type dedupBatch struct {
	indexed map[uint64]uint32    // text hash → docnum, for the batch's texts already indexed (lookupTexts)
	texts   map[uint64]batchText // texts stored earlier in the batch
	recs    map[string][]byte    // key → value, written in key order
	sources map[string]int64     // duplicates per source
}

// add is called for each new document p, numbered num. It reports
// whether p is a duplicate, in which case its records are gathered here
// and Commit must not store it.
func (db *dedupBatch) add(ix *Index, num uint32, p *Prepared) (bool, error) {
	if db.recs == nil {
		db.texts, db.recs, db.sources = map[uint64]batchText{}, map[string][]byte{}, map[string]int64{}
	}
	d := &p.Doc
	n4 := binary.BigEndian.AppendUint32(nil, num)
	if d.URL != "" {
		if _, ok := db.recs[string(urlKey(d.URL))]; !ok {
			db.recs[string(urlKey(d.URL))] = n4
		}
	}
	h := p.text
	if h == 0 {
		return false, nil
	}
	canon, dup, err := db.canonicalFor(ix, h, d.Text)
	if err != nil {
		return false, err
	}
	if dup {
		db.recs[string(dupKey(num))] = encodeDup(nil, canon, d)
		db.recs[string(dupLinkKey(canon, num))] = nil
		db.recs[string(idKey(d.ID))] = n4
		db.sources[d.Source]++
		return true, nil
	}
	if _, taken := db.texts[h]; !taken && canon == 0 {
		// The first document with this text (a colliding hash keeps the
		// document that took it first).
		db.texts[h] = batchText{num: num, text: d.Text}
		db.recs[string(textKey(h))] = n4
	}
	return false, nil
}

// write adds the gathered records whose keys lie in [lo, hi) to b, in key
// order. Commit writes the whole batch in key order, which keeps Pebble's
// sort of a large batch linear, so it calls write once per key range.
func (db *dedupBatch) write(b sink, lo, hi string) error {
	keys := make([]string, 0, len(db.recs))
	for k := range db.recs {
		if k >= lo && k < hi {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := b.set([]byte(k), db.recs[k]); err != nil {
			return err
		}
	}
	return nil
}

// appendRange appends the gathered records whose keys lie in [lo, hi).
func (db *dedupBatch) appendRange(dst []kv, lo, hi string) []kv {
	for k, v := range db.recs {
		if k >= lo && k < hi {
			dst = append(dst, kv{[]byte(k), v})
		}
	}
	return dst
}

// canonSet is the set of documents that have exact duplicates, kept in
// memory so that asking a document without any (nearly every candidate of
// a trace) for its duplicates costs no read. It is loaded from the "y"
// records at open, and a commit adds to it once it is durable.
type canonSet struct {
	mu   sync.RWMutex
	nums map[uint32]struct{}
}

func (c *canonSet) has(num uint32) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	_, ok := c.nums[num]
	return ok
}

func (c *canonSet) add(nums ...uint32) {
	if len(nums) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.nums == nil {
		c.nums = map[uint32]struct{}{}
	}
	for _, n := range nums {
		c.nums[n] = struct{}{}
	}
}

// loadCanons reads the canonicals of the "y" records.
func (ix *Index) loadCanons() error {
	var nums []uint32
	err := ix.scan('y', func(k, _ []byte) {
		if len(k) == 9 {
			nums = append(nums, binary.BigEndian.Uint32(k[1:5]))
		}
	})
	ix.canons.add(nums...)
	return err
}

// canonicals returns the canonicals of the duplicates the batch records.
func (db *dedupBatch) canonicals() []uint32 {
	var out []uint32
	for k := range db.recs {
		if len(k) == 9 && k[0] == 'y' {
			out = append(out, binary.BigEndian.Uint32([]byte(k[1:5])))
		}
	}
	return out
}

// Duplicates returns the metadata (without text) of the documents recorded
// as exact duplicates of document num, in docnum order. Their text is the
// text of document num.
func (ix *Index) Duplicates(num uint32) ([]stemma.Doc, error) {
	if !ix.canons.has(num) {
		return nil, nil
	}
	lo := binary.BigEndian.AppendUint32([]byte{'y'}, num)
	hi := binary.BigEndian.AppendUint32([]byte{'y'}, num+1)
	if num == ^uint32(0) {
		hi = []byte{'z'}
	}
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: lo, UpperBound: hi})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []stemma.Doc
	for ok := it.First(); ok; ok = it.Next() {
		k := it.Key()
		if len(k) != 9 {
			return nil, fmt.Errorf("%w: duplicate link %x", ErrCorrupt, k)
		}
		dup := binary.BigEndian.Uint32(k[5:])
		v, err := ix.get(dupKey(dup))
		if err != nil {
			return nil, fmt.Errorf("duplicate %d of document %d: %w", dup, num, err)
		}
		_, d, err := decodeDup(v)
		if err != nil {
			return nil, fmt.Errorf("duplicate %d of document %d: %w", dup, num, err)
		}
		out = append(out, d)
	}
	return out, readErr(it.Error())
}

// duplicateDoc returns duplicate num with its canonical's text, or an error
// wrapping ErrNotFound if num is not a duplicate.
func (ix *Index) duplicateDoc(num uint32) (stemma.Doc, error) {
	v, err := ix.get(dupKey(num))
	if err != nil {
		return stemma.Doc{}, err
	}
	canon, d, err := decodeDup(v)
	if err != nil {
		return stemma.Doc{}, err
	}
	rec, err := ix.get(docKey(canon))
	if err != nil {
		return stemma.Doc{}, fmt.Errorf("canonical %d: %w", canon, err)
	}
	c, err := decodeDoc(rec, true)
	if err != nil {
		return stemma.Doc{}, fmt.Errorf("canonical %d: %w", canon, err)
	}
	d.Text = c.Text
	return d, nil
}

// HasURL reports whether a document (or a duplicate) with this URL is
// indexed. Documents indexed before URLs were recorded are not found.
func (ix *Index) HasURL(url string) (bool, error) {
	if url == "" {
		return false, nil
	}
	_, err := ix.get(urlKey(url))
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// checkDedup verifies the duplicate, link, text-hash and URL records: a
// duplicate's canonical is a document, links and duplicates match, a text
// hash names a document with that text (with deep), a URL names a
// document or duplicate. ids maps the docnums of documents to their IDs;
// the duplicates' are added to it, and sources counts theirs.
func (ix *Index) checkDedup(r *CheckResult, ids map[uint32]string, sources map[string]int64, deep bool) error {
	docs := make(map[uint32]bool, len(ids))
	for num := range ids {
		docs[num] = true
	}
	c := ix.Counts()
	canonOf := map[uint32]uint32{}
	err := ix.scan('x', func(k, v []byte) {
		r.Duplicates++
		if len(k) != 5 {
			r.problem("duplicate key %x: bad length", k)
			return
		}
		num := binary.BigEndian.Uint32(k[1:])
		canon, d, err := decodeDup(v)
		if err != nil {
			r.problem("duplicate %d: %v", num, err)
			return
		}
		if num == 0 || num >= c.Next {
			r.problem("duplicate %d: number outside [1, %d)", num, c.Next)
		}
		if !docs[canon] {
			r.problem("duplicate %d (%q): canonical %d is not a document", num, d.ID, canon)
		}
		ids[num] = d.ID
		sources[d.Source]++
		canonOf[num] = canon
	})
	if err != nil {
		return err
	}
	links := 0
	err = ix.scan('y', func(k, _ []byte) {
		links++
		if len(k) != 9 {
			r.problem("duplicate link %x: bad length", k)
			return
		}
		canon, dup := binary.BigEndian.Uint32(k[1:5]), binary.BigEndian.Uint32(k[5:])
		if c, ok := canonOf[dup]; !ok || c != canon {
			r.problem("duplicate link %d → %d has no matching duplicate record", canon, dup)
		}
	})
	if err != nil {
		return err
	}
	if links != len(canonOf) {
		r.problem("%d duplicate records but %d links", len(canonOf), links)
	}
	if r.Duplicates != c.Duplicates {
		r.problem("counts record says %d duplicates; found %d", c.Duplicates, r.Duplicates)
	}
	err = ix.scan('t', func(k, v []byte) {
		if len(k) != 9 || len(v) != 4 {
			r.problem("text hash record %x: bad length", k)
			return
		}
		num := binary.BigEndian.Uint32(v)
		if !docs[num] {
			r.problem("text hash %x names missing document %d", k[1:], num)
			return
		}
		if deep {
			d, err := ix.Doc(num)
			if err != nil || textHash(d.Text) != binary.BigEndian.Uint64(k[1:]) {
				r.problem("text hash %x does not match document %d", k[1:], num)
			}
		}
	})
	if err != nil {
		return err
	}
	return ix.scan('u', func(k, v []byte) {
		if len(v) != 4 {
			r.problem("url %q: bad record", k[1:])
			return
		}
		if _, ok := ids[binary.BigEndian.Uint32(v)]; !ok {
			r.problem("url %q names missing document %d", k[1:], binary.BigEndian.Uint32(v))
		}
	})
}

// scan calls fn with every key and value under the one-byte prefix.
func (ix *Index) scan(prefix byte, fn func(k, v []byte)) error {
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{prefix}, UpperBound: []byte{prefix + 1}})
	if err != nil {
		return err
	}
	for ok := it.First(); ok; ok = it.Next() {
		fn(bytes.Clone(it.Key()), it.Value())
	}
	return readErr(errors.Join(it.Error(), it.Close()))
}
