package index

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sync"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/fingerprint"
	"github.com/stemmanews/stemma/freq"
	"github.com/stemmanews/stemma/lang"
	"github.com/stemmanews/stemma/tokenize"
)

func runtimeCPUs() int { return runtime.GOMAXPROCS(0) }

// Prepared is a document with its fingerprints computed, ready to commit.
type Prepared struct {
	Doc    stemma.Doc
	hashes []uint64 // distinct winnowed fingerprint hashes, sorted
	// text is the identity hash of Doc.Text (dedup.go), or 0 when the
	// text is blank and never a duplicate.
	text uint64
	// terms are the keys of the terms of Doc.Text, one per occurrence,
	// and words its words (terms.go).
	terms []freq.Key
	words int
}

// Preparer tokenises and fingerprints documents. It reuses buffers and is
// not safe for concurrent use; use one per goroutine.
type Preparer struct {
	fp   fingerprint.Options
	tz   tokenize.Tokenizer
	tc   freq.Counter
	toks []tokenize.Token
	fps  []fingerprint.Fingerprint
	buf  []uint64
}

// NewPreparer returns a Preparer that fingerprints with the index's settings.
func (ix *Index) NewPreparer() *Preparer { return &Preparer{fp: ix.fp} }

// Prepare computes the fingerprints of d, and fills in its language
// (package lang) when d does not give one.
func (p *Preparer) Prepare(d stemma.Doc) Prepared {
	p.toks = p.tz.Tokens(d.Text, p.toks[:0])
	if d.Lang == "" {
		d.Lang = lang.Detect(d.Text, p.toks)
	}
	p.fps, p.buf = p.fp.Text(d.Lang, p.toks, p.fps[:0], p.buf)
	p.fps = fingerprint.Sketches(d.Text, p.toks, p.fp.Sketch, p.fps)
	// A text in another language written in letters (one with function
	// words) is also sketched for English texts that translate it.
	if lang.Primary(d.Lang) != "en" {
		p.fps = fingerprint.CrossSketches(d.Text, p.toks, p.fp.Cross, d.Lang, p.fps)
	}
	hs := make([]uint64, len(p.fps))
	for i, f := range p.fps {
		hs[i] = f.Hash
	}
	slices.Sort(hs)
	return Prepared{Doc: d, hashes: slices.Compact(hs), text: identity(d.Text), terms: p.tc.Keys(d.Text, p.toks, make([]freq.Key, 0, 2*len(p.toks)+4)), words: len(p.toks)}
}

// CommitResult says what a commit did with each document.
type CommitResult struct {
	Added int
	// Existing counts documents whose ID was already in the index (or
	// earlier in the same batch); they are left unchanged.
	Existing int
	// Duplicates counts documents whose text is byte-identical to an
	// indexed document's; each was recorded as a duplicate of it (see
	// [Index.Duplicates]) instead of being stored again.
	Duplicates int
}

// Commit writes a batch of prepared documents atomically and syncs it. When
// Commit returns nil, every document in the batch is durable and
// traceable. Documents whose ID is already indexed are skipped, which makes
// re-ingesting the same input idempotent.
func (ix *Index) Commit(docs []Prepared) (CommitResult, error) {
	if ix.opts.ReadOnly {
		return CommitResult{}, fmt.Errorf("index: commit to read-only index %s", ix.dir)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	var res CommitResult
	committed := false
	c := ix.counts
	size := 0
	for i := range docs {
		size += len(docs[i].Doc.Text) + 64 + 13*len(docs[i].hashes)
	}
	var b sink
	tables := size >= tableCommitBytes
	if tables {
		b = ix.newTableSink()
	} else {
		b = batchSink{ix.db, ix.db.NewBatchWithSize(size + 256)}
	}
	defer b.close()
	// Keys go into each table in strictly increasing order, and into a
	// batch in increasing order ('d' < 'g' < 'h' < 'i' < 'm' < 's' < 't'): sorted
	// tables need it, and Pebble sorts a large batch before it becomes a
	// memtable, which sorted input makes linear.
	type added struct {
		num uint32
		doc *stemma.Doc
	}
	var adds []added
	// Documents already indexed (their ID), or earlier in the batch, are
	// skipped. The index is asked about every ID, and every text (dedup.go),
	// in one pass of seeks in key order.
	seen := make(map[string]bool, len(docs))
	ids := make([][]byte, len(docs))
	for i := range docs {
		ids[i] = idKey(docs[i].Doc.ID)
	}
	if err := ix.getSorted(ids, func(k, _ []byte) error {
		seen[string(k[1:])] = true
		return nil
	}); err != nil {
		return CommitResult{}, err
	}
	var dedup dedupBatch // dedup.go: exact duplicates, text hashes, URLs
	if err := dedup.lookupTexts(ix, docs); err != nil {
		return CommitResult{}, err
	}
	npost := 0
	for i := range docs {
		npost += len(docs[i].hashes)
	}
	// The commit's large buffers are the index's, kept from one commit to
	// the next (ix.mu is held): allocating them anew cleared tens of
	// megabytes a commit.
	sc := &ix.scratch
	posts := reuse(sc.posts, npost)[:0]
	var terms termBatch
	for i := range docs {
		d := &docs[i].Doc
		if seen[d.ID] {
			res.Existing++
			continue
		}
		seen[d.ID] = true
		num := c.Next
		if num == 0 {
			return CommitResult{}, fmt.Errorf("index: document numbers exhausted")
		}
		c.Next++
		// Exact duplicates (dedup.go): a text byte-identical to a stored
		// one becomes a small record pointing at that document.
		if dup, err := dedup.add(ix, num, &docs[i]); err != nil {
			return CommitResult{}, err
		} else if dup {
			c.Duplicates++
			res.Duplicates++
			continue
		}
		adds = append(adds, added{num, d})
		terms.add(&docs[i])
		for _, h := range docs[i].hashes {
			posts = append(posts, posting{h, num})
		}
		c.Docs++
		c.Bytes += int64(len(d.Text))
		c.Postings += int64(len(docs[i].hashes))
		res.Added++
	}
	// The document records (the text, most of a commit's bytes) fill a
	// table of their own when the commit is written as tables. Into a
	// batch, they are written here, in key order.
	writeDocs := func() error {
		var rec []byte
		for _, a := range adds {
			rec = encodeDoc(rec[:0], a.doc)
			if err := b.set(docKey(a.num), rec); err != nil {
				return err
			}
		}
		return nil
	}
	sc.posts = posts
	ps := ix.sortPostings(posts, sc)
	c.Postings += int64(len(ps)) - int64(len(posts))
	// The commit's posting segment and term segment (segment.go,
	// terms.go), files beside the store that its "g" and "h" records
	// register, are written on goroutines of their own, and so are the
	// document records when the commit is written as tables.
	var seq, termSeq uint64
	if len(ps) > 0 {
		seq = ix.segs.nextSeq()
	}
	if terms.texts > 0 {
		termSeq = ix.terms.nextSeq()
	}
	var writers sync.WaitGroup
	var docsErr, termsErr, segErr error
	wroteSegment, wroteTerms := false, false
	if seq > 0 {
		writers.Go(func() {
			_, segErr = ix.writeSegment(seq, ps)
			wroteSegment = segErr == nil
		})
	}
	if termSeq > 0 {
		writers.Go(func() {
			hdr, tps := terms.postings(sc)
			termsErr = ix.terms.write(termSeq, hdr, tps)
			wroteTerms = termsErr == nil
		})
	}
	if tables {
		writers.Go(func() { docsErr = writeDocs() })
	} else {
		docsErr = writeDocs()
	}
	defer func() {
		writers.Wait() // on an early return: before b.close
		if wroteSegment && !committed {
			ix.opts.FS.Remove(ix.segs.path(seq))
		}
		if wroteTerms && !committed {
			ix.opts.FS.Remove(ix.terms.path(termSeq))
		}
	}()
	if seq > 0 {
		if err := b.set(ix.segs.key(seq), nil); err != nil {
			return CommitResult{}, err
		}
	}
	if termSeq > 0 {
		if err := b.set(ix.terms.key(termSeq), nil); err != nil {
			return CommitResult{}, err
		}
	}
	sources := map[string]int64{}
	for _, a := range adds {
		sources[a.doc.Source]++
	}
	for src, n := range dedup.sources { // duplicates count in their source
		sources[src] += n
	}
	// The "i" records of stored documents and of duplicates, merged in
	// key order.
	idRecs := make([]kv, 0, len(adds))
	for _, a := range adds {
		idRecs = append(idRecs, kv{idKey(a.doc.ID), binary.BigEndian.AppendUint32(nil, a.num)})
	}
	idRecs = dedup.appendRange(idRecs, "i", "j")
	slices.SortFunc(idRecs, func(x, y kv) int { return bytes.Compare(x.k, y.k) })
	for _, e := range idRecs {
		if err := b.set(e.k, e.v); err != nil {
			return CommitResult{}, err
		}
	}
	if err := dedup.write(b, "j", "p"); err != nil {
		return CommitResult{}, err
	}
	if err := b.set(keyCounts, c.encode()); err != nil {
		return CommitResult{}, err
	}
	if res.Added == 0 && res.Duplicates == 0 {
		return res, nil
	}
	for _, src := range slices.Sorted(maps.Keys(sources)) {
		n := sources[src]
		old := int64(0)
		if v, err := ix.get(sourceKey(src)); err == nil {
			x, k := binary.Uvarint(v)
			if k <= 0 {
				return CommitResult{}, fmt.Errorf("%w: source count for %q", ErrCorrupt, src)
			}
			old = int64(x)
		} else if !errors.Is(err, ErrNotFound) {
			return CommitResult{}, err
		}
		if err := b.set(sourceKey(src), binary.AppendUvarint(nil, uint64(old+n))); err != nil {
			return CommitResult{}, err
		}
	}
	if err := dedup.write(b, "t", "\xff"); err != nil { // text hashes, URLs, duplicate links
		return CommitResult{}, err
	}
	writers.Wait()
	if err := errors.Join(docsErr, termsErr, segErr); err != nil {
		return CommitResult{}, err
	}
	if err := b.commit(); err != nil {
		return CommitResult{}, fmt.Errorf("committing %d documents: %w", res.Added+res.Duplicates, err)
	}
	committed = true
	ix.counts = c
	ix.canons.add(dedup.canonicals()...)
	ix.words += int64(terms.words)
	if seq > 0 {
		if err := ix.segs.add(seq); err != nil {
			return res, fmt.Errorf("committed %d documents, but opening their postings: %w", res.Added+res.Duplicates, err)
		}
	}
	if termSeq > 0 {
		if err := ix.terms.add(termSeq); err != nil {
			return res, fmt.Errorf("committed %d documents, but opening their term counts: %w", res.Added+res.Duplicates, err)
		}
	}
	return res, nil
}

// sortPostings sorts a commit's postings by hash, keeps the top HashBits
// bits of each, orders the documents of equal values, and drops repeated
// (value, document) pairs, which two fingerprints of one document whose
// hashes agree in those bits make.
func (ix *Index) sortPostings(posts []posting, sc *commitScratch) []posting {
	sc.sorted = reuse(sc.sorted, len(posts))
	buckets := scatterPostings(posts, sc.sorted) // appended in docnum order
	var wg sync.WaitGroup
	for _, h := range buckets.halves() {
		wg.Go(func() { buckets.sort(h[0], h[1]) })
	}
	wg.Wait()
	ps := buckets.ps
	shift := 64 - ix.hbits
	for i := range ps {
		ps[i].hash >>= shift
	}
	for i := 0; i < len(ps); {
		j := i + 1
		for j < len(ps) && ps[j].hash == ps[i].hash {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(ps[i:j], func(a, b posting) int { return cmp.Compare(a.num, b.num) })
		}
		i = j
	}
	return slices.Compact(ps)
}

// postingBuckets are postings scattered into buckets by the top bits of
// their hash: bucket i is ps[start[i]:start[i+1]], in num order.
type postingBuckets struct {
	ps    []posting
	start []int32
}

// commitScratch holds a commit's large buffers between commits.
type commitScratch struct {
	posts, sorted []posting // a commit's postings, and sorted
	terms         []uint64  // its term values, sorted (terms.go)
	digits        []posting // its term segment's entries
}

// reuse returns buf resliced to n elements when it can hold them, else a
// new slice. The elements are not cleared.
func reuse[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	return buf[:n]
}

// scatterPostings scatters postings appended in increasing num order into
// buckets by the top 16 bits of their hash, with one counting pass and one
// stable scatter into out, of their length. Hashes are well mixed, so the
// buckets are small.
func scatterPostings(ps, out []posting) postingBuckets {
	bits := 16
	if len(ps) < 1<<12 {
		bits = 0 // one bucket: a shift by 64 gives 0
	}
	start := make([]int32, 1<<bits+1)
	shift := 64 - bits
	for _, p := range ps {
		start[p.hash>>shift+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	next := slices.Clone(start[:len(start)-1])
	for _, p := range ps {
		b := p.hash >> shift
		out[next[b]] = p
		next[b]++
	}
	return postingBuckets{out, start}
}

// sort sorts buckets [lo, hi) by hash, keeping equal hashes in num order:
// a small bucket by insertion, a large one (many postings of one
// fingerprint, or text crafted to crowd a bucket) by a stable merge sort.
func (b postingBuckets) sort(lo, hi int) {
	for k := lo; k < hi; k++ {
		bucket := b.ps[b.start[k]:b.start[k+1]]
		if len(bucket) > 64 {
			slices.SortStableFunc(bucket, func(x, y posting) int { return cmp.Compare(x.hash, y.hash) })
			continue
		}
		for i := 1; i < len(bucket); i++ {
			for j := i; j > 0 && bucket[j].hash < bucket[j-1].hash; j-- {
				bucket[j], bucket[j-1] = bucket[j-1], bucket[j]
			}
		}
	}
}

// halves splits the buckets in two at the hash 1<<63: postings of one
// half never share a hash with the other's, so each may be sorted and
// written on its own. With a single bucket, the second half is empty.
func (b postingBuckets) halves() [2][2]int {
	n := len(b.start) - 1
	return [2][2]int{{0, (n + 1) / 2}, {(n + 1) / 2, n}}
}

// kv is one record of a batch.
type kv struct{ k, v []byte }

// Add prepares and commits docs in one batch. It is the simple way to add a
// few documents; use [Index.Ingest] for many.
func (ix *Index) Add(docs ...stemma.Doc) (CommitResult, error) {
	p := ix.NewPreparer()
	prep := make([]Prepared, len(docs))
	for i, d := range docs {
		prep[i] = p.Prepare(d)
	}
	return ix.Commit(prep)
}

// Source yields the documents to ingest; it returns false when there are no
// more. It is called from a single goroutine.
type Source func() (stemma.Doc, bool)

// Progress is reported after each committed batch.
type Progress struct {
	Read     int // documents read from the source
	Added    int // documents committed and acknowledged
	Existing int // documents already in the index
	// Duplicates counts documents committed as exact duplicates of
	// indexed ones (see [CommitResult]); they are not in Added.
	Duplicates int
	Bytes      int64 // text bytes read
	// LastID is the ID of the last acknowledged document in input order.
	LastID string
}

// Ingest reads every document from src, fingerprints them on
// Options.Workers goroutines, and commits them in input order in batches of
// about Options.BatchBytes. After each commit it calls progress (if not
// nil) from the calling goroutine. If ctx is cancelled, Ingest stops after
// the current batch; every document reported by progress stays committed.
// Before it returns it lets the segment mergers finish, ending with a
// finishing merge of the newest segments (segments.go), so that a trace
// looks up few.
func (ix *Index) Ingest(ctx context.Context, src Source, progress func(Progress)) (Progress, error) {
	added := ix.added() // for the finishing merge
	type job struct {
		docs []stemma.Doc
		out  chan []Prepared
	}
	jobs := make(chan job, ix.opts.Workers)
	order := make(chan job, 2*ix.opts.Workers)
	var wg sync.WaitGroup
	for range ix.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := ix.NewPreparer()
			for j := range jobs {
				out := make([]Prepared, len(j.docs))
				for i, d := range j.docs {
					out[i] = p.Prepare(d)
				}
				j.out <- out
			}
		}()
	}
	var total Progress
	// The reader splits the source into chunks; workers fingerprint them;
	// this goroutine commits them in order.
	go func() {
		defer close(order)
		defer close(jobs)
		chunkBytes := max(ix.opts.BatchBytes/(2*ix.opts.Workers), 64<<10)
		for ctx.Err() == nil {
			var docs []stemma.Doc
			n := 0
			for n < chunkBytes {
				d, ok := src()
				if !ok {
					break
				}
				docs = append(docs, d)
				n += len(d.Text)
			}
			if len(docs) == 0 {
				return
			}
			j := job{docs: docs, out: make(chan []Prepared, 1)}
			jobs <- j
			order <- j
		}
	}()
	var pending []Prepared
	pendingBytes := 0
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		res, err := ix.Commit(pending)
		if err != nil {
			return err
		}
		total.Added += res.Added
		total.Existing += res.Existing
		total.Duplicates += res.Duplicates
		total.LastID = pending[len(pending)-1].Doc.ID
		pending, pendingBytes = pending[:0], 0
		if progress != nil {
			progress(total)
		}
		return nil
	}
	var err error
	for j := range order {
		prep := <-j.out
		if err != nil {
			continue // drain
		}
		for _, p := range prep {
			total.Read++
			total.Bytes += int64(len(p.Doc.Text))
			pending = append(pending, p)
			pendingBytes += len(p.Doc.Text)
		}
		if pendingBytes >= ix.opts.BatchBytes {
			err = flush()
		}
	}
	wg.Wait()
	if err == nil {
		err = flush()
	}
	ix.mu.Lock()
	ix.scratch = commitScratch{} // a bulk ingest's buffers: tens of megabytes
	ix.mu.Unlock()
	if err == nil && total.Added > 0 {
		// Move the write-ahead log into sorted tables, so the index opens
		// fast and its size on disk is its real size, and let the mergers
		// finish, with a finishing merge, so that they leave few segments
		// to look up.
		err = errors.Join(ix.db.Flush(), ix.settle(&added))
	}
	if err == nil {
		err = ctx.Err()
	}
	return total, err
}
