package cluster

import (
	"bufio"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/index"
	"github.com/stemmanews/stemma/thesaurus"
)

// Reasons a text is left out of clustering, counted in Summary.Skipped.
const (
	// SkipTooLong: the text has more than Options.MaxWords words.
	SkipTooLong = "too-long"
	// SkipNoWords: the text has no word at all.
	SkipNoWords = "no-words"
	// SkipCollision: two different texts share a 64-bit text hash; the one
	// whose documents have the smallest ID is kept.
	SkipCollision = "hash-collision"
	// SkipDuplicateID: the Beam pipeline read two documents with one ID;
	// the one with the smallest text hash is kept.
	SkipDuplicateID = "duplicate-id"
)

// Phase names a step of [Run].
type Phase string

// Phases, in order.
const (
	PhaseScan  Phase = "scan"  // tokenise and fingerprint every text
	PhaseJoin  Phase = "join"  // match query grams with postings
	PhaseAlign Phase = "align" // align candidate pairs
	PhaseLink  Phase = "link"  // boilerplate and union-find
	PhaseBuild Phase = "build" // members, copy trees, output
)

// Phases lists the phases in order.
var Phases = []Phase{PhaseScan, PhaseJoin, PhaseAlign, PhaseLink, PhaseBuild}

// Progress reports how far a phase has got. Total is 0 when unknown.
type Progress struct {
	Phase       Phase
	Done, Total int64
}

// RunOptions configure [Run].
type RunOptions struct {
	Options
	// WorkDir holds the job's spill files and its checkpoint. Running
	// again with the same WorkDir after an interruption resumes where the
	// last checkpoint left off (see [Run]). Empty means a temporary
	// directory, removed at the end.
	WorkDir string
	// Emit receives each cluster's rows, in the cluster's order. It is
	// called from one goroutine.
	Emit func(rows []Row) error
	// Progress, if not nil, is called from one goroutine as the job
	// advances, at most every 100 ms per phase.
	Progress func(Progress)
}

// Run's memory plan (see the package documentation).
const (
	// reserveBytes is the part of Options.MemoryMB that Run leaves to the
	// Go runtime, the thesaurus, I/O buffers and goroutines.
	reserveBytes = 96 << 20
	// minBuffers is the least the buffers get, however small the budget.
	minBuffers = 8 << 20
)

// bufferBytes returns the memory Run's buffers may take, within a budget
// of memory bytes for the whole process, over a corpus of docs docnums:
// half of what the reserve and the text table leave, so that garbage
// never takes the process's heap past the budget (the collector lets the
// heap grow to about twice what is live, up to a memory limit).
func bufferBytes(memory, docs int64) int64 {
	return max(minBuffers, (memory-reserveBytes-docs*tableBytesPerDoc)/2)
}

// gram is one distinct n-gram hash of a text; the top bit of num marks a
// posting (a winnowed fingerprint).
type gram struct {
	hash uint64
	num  uint32
}

const postedBit = 1 << 31

var gramCodec = codec[gram]{
	max: 2 * binary.MaxVarintLen64,
	// Sorted by hash: the hash as a delta, then the docnum shifted left
	// past the posted bit (a delta within one hash), so that a docnum
	// below 2^27 takes 4 bytes.
	put: func(b []byte, prev, v *gram) []byte {
		b = binary.AppendUvarint(b, v.hash-prev.hash)
		x := gramNum(v.num)
		if v.hash == prev.hash {
			x -= gramNum(prev.num)
		}
		return binary.AppendUvarint(b, x)
	},
	get: func(b []byte, prev, v *gram) int {
		d, n := binary.Uvarint(b)
		if n <= 0 {
			return 0
		}
		x, m := binary.Uvarint(b[n:])
		if m <= 0 {
			return 0
		}
		if d == 0 {
			x += gramNum(prev.num)
		}
		if x >= 1<<32 {
			return 0
		}
		v.hash, v.num = prev.hash+d, uint32(x>>1)|uint32(x&1)<<31
		return n + m
	},
	cmp: func(x, y gram) int {
		if c := cmp.Compare(x.hash, y.hash); c != 0 {
			return c
		}
		return cmp.Compare(gramNum(x.num), gramNum(y.num))
	},
}

// gramNum orders a gram's num as the sort does, with the posted bit
// moved to the bottom: docnum·2 + posted.
func gramNum(num uint32) uint64 { return uint64(num&^postedBit)<<1 | uint64(num>>31) }

// hitPair counts the fingerprints of text a's grams that are postings of
// text b.
type hitPair struct{ a, b, n uint32 }

var hitCodec = codec[hitPair]{
	max: 3 * binary.MaxVarintLen32,
	// Sorted by a, then b: a as a delta, b as a delta within one a, then
	// the count.
	put: func(buf []byte, prev, v *hitPair) []byte {
		buf = binary.AppendUvarint(buf, uint64(v.a-prev.a))
		b := v.b
		if v.a == prev.a {
			b -= prev.b
		}
		buf = binary.AppendUvarint(buf, uint64(b))
		return binary.AppendUvarint(buf, uint64(v.n))
	},
	get: func(buf []byte, prev, v *hitPair) int {
		var x [3]uint64
		k := 0
		for i := range x {
			var n int
			x[i], n = binary.Uvarint(buf[k:])
			if n <= 0 || x[i] > math.MaxUint32 {
				return 0
			}
			k += n
		}
		v.a, v.b, v.n = prev.a+uint32(x[0]), uint32(x[1]), uint32(x[2])
		if x[0] == 0 {
			v.b += prev.b
		}
		return k
	},
	cmp: func(x, y hitPair) int {
		if c := cmp.Compare(x.a, y.a); c != 0 {
			return c
		}
		return cmp.Compare(x.b, y.b)
	},
	combine: func(x, y *hitPair) { x.n = satAdd(x.n, y.n) },
}

// satAdd adds two counts, saturating.
func satAdd(x, y uint32) uint32 {
	if s := x + y; s >= x {
		return s
	}
	return math.MaxUint32
}

// manifestVersion is the version of the work directory's layout.
const manifestVersion = 2

// manifest is the checkpoint of a Run, in WorkDir/manifest.json.
type manifest struct {
	Version int    `json:"version"`
	Index   string `json:"index"`
	Options string `json:"options"`
	// Done is the last phase completed; AlignNext and AlignOffset record
	// progress inside the align phase: every text numbered below
	// AlignNext has its passages in the first AlignOffset bytes of
	// passages.bin.
	Done        Phase          `json:"done"`
	AlignNext   uint32         `json:"align_next"`
	AlignOffset int64          `json:"align_offset"`
	Corpus      corpusCounts   `json:"corpus"`
	Skipped     map[string]int `json:"skipped"`
	Common      int64          `json:"common_fingerprints"`
}

// corpusCounts are the scan's counts that the summary needs.
type corpusCounts struct {
	Outlets map[string][2]int64 `json:"outlets"` // documents, bytes
	Undated int                 `json:"undated"`
}

// job is one Run.
type job struct {
	ctx   context.Context
	ix    *index.Index
	opts  RunOptions
	dir   string
	man   manifest
	texts *textTable
	cache *textCache
	store *textStore
	// buffers is the memory for the phases' sort buffers and the text
	// cache (see bufferBytes).
	buffers int64
	// phases times the phases run (see lap).
	phases     map[Phase]float64
	phase      Phase
	phaseStart time.Time
}

// Run clusters the documents of an index: every pair of texts that share
// passages is aligned once, the passages are linked into clusters, and
// each cluster's members and copy tree are built and passed to
// opts.Emit. It returns the corpus summary.
//
// The steps, each streaming within Options.MemoryMB:
//
//  1. scan: every stored document (exact duplicates are one text) is
//     tokenised and fingerprinted as the index does; each distinct n-gram
//     hash goes to an external sort, marked when it is one of the text's
//     winnowed fingerprints (a posting);
//  2. join: for each hash carried by at most MaxPostings texts' postings,
//     every text whose grams include it hits every posting text with a
//     larger TextID: the index's candidate lookup for every document at
//     once, as a sort-merge join;
//  3. align: each text's candidates ([Candidates]) are aligned with it
//     ([Pairer]); the passages are appended to a file;
//  4. link: boilerplate and clusters ([Linker]);
//  5. build: members and copy trees ([Build]), emitted cluster by cluster.
//
// Resuming: Run writes WorkDir/manifest.json after the scan, after the
// join, every few seconds of alignment, and at the end of alignment. A Run
// interrupted (by ctx or a crash) and started again with the same WorkDir,
// index and options skips the phases done and resumes alignment at the
// last checkpoint; link and build, which take seconds, run again. A
// manifest from another index state or other options is discarded.
func Run(ctx context.Context, ix *index.Index, opts RunOptions) (*Summary, error) {
	start := time.Now()
	opts.Fingerprint = ix.Fingerprint()
	th := opts.Thesaurus
	opts.EnsureDefaults()
	opts.Thesaurus = th // nil: the default, loaded by the first Pairer
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if opts.Emit == nil {
		opts.Emit = func([]Row) error { return nil }
	}
	go thesaurus.Default() // load it while the scan runs
	j := &job{ctx: ctx, ix: ix, opts: opts, phases: map[Phase]float64{}}
	counts := ix.Counts()
	j.buffers = bufferBytes(opts.memoryBytes(), int64(counts.Next))
	j.cache = newTextCache(j.buffers * 2 / 5)
	cleanup := func() {}
	if opts.WorkDir == "" {
		dir, err := os.MkdirTemp(opts.TempDir, "stemma-cluster-")
		if err != nil {
			return nil, fmt.Errorf("cluster: %w", err)
		}
		opts.WorkDir = dir
		cleanup = func() { os.RemoveAll(dir) }
	}
	defer cleanup()
	j.dir = opts.WorkDir
	j.opts.TempDir = j.dir
	if err := os.MkdirAll(j.dir, 0o755); err != nil {
		return nil, fmt.Errorf("cluster: work directory: %w", err)
	}
	if err := j.load(); err != nil {
		return nil, err
	}
	defer func() {
		if j.store != nil {
			j.store.close()
		}
	}()
	if j.man.Done == "" || j.man.Done == PhaseScan { // the join does not resume
		if err := j.scanAndJoin(); err != nil {
			return nil, err
		}
	} else {
		t, err := loadTextTable(j.path("texts.bin"))
		if err != nil {
			return nil, fmt.Errorf("cluster: work directory %s: %w", j.dir, err)
		}
		j.texts = t
		if j.store, err = openStore(j.path("texts.dat")); err != nil {
			return nil, fmt.Errorf("cluster: work directory %s: %w", j.dir, err)
		}
	}
	if j.man.Done == PhaseJoin {
		if err := j.align(); err != nil {
			return nil, err
		}
	}
	sum, err := j.linkAndBuild()
	if err != nil {
		return nil, err
	}
	j.lap("")
	sum.Seconds = round(time.Since(start).Seconds())
	sum.PhaseSeconds = j.phases
	return sum, nil
}

// signature describes the index state and the options that shape the
// result, so that a checkpoint is reused only for the same job.
func (j *job) signature() (idx, opts string) {
	c := j.ix.Counts()
	fp := j.ix.Fingerprint()
	idx = fmt.Sprintf("%s next=%d docs=%d dups=%d bytes=%d n=%d w=%d stop=%d", j.ix.Dir(), c.Next, c.Docs, c.Duplicates, c.Bytes, fp.N, fp.Window, fp.StopN)
	o := j.opts.Options
	opts = fmt.Sprintf("postings=%d hits=%d cands=%d words=%d align=%+v", o.MaxPostings, o.MinHits, o.MaxCandidates, o.MaxWords, o.Align)
	return idx, opts
}

func (j *job) path(name string) string { return filepath.Join(j.dir, name) }

// load reads the manifest, or starts a new one (removing stale files).
func (j *job) load() error {
	idx, opts := j.signature()
	b, err := os.ReadFile(j.path("manifest.json"))
	if err == nil {
		var m manifest
		if json.Unmarshal(b, &m) == nil && m.Version == manifestVersion && m.Index == idx && m.Options == opts {
			j.man = m
			return nil
		}
	}
	for _, name := range []string{"manifest.json", "texts.bin", "texts.dat", "hits.bin", "passages.bin"} {
		os.Remove(j.path(name))
	}
	j.man = manifest{Version: manifestVersion, Index: idx, Options: opts, Skipped: map[string]int{},
		Corpus: corpusCounts{Outlets: map[string][2]int64{}}}
	return nil
}

// save writes the manifest atomically.
func (j *job) save() error {
	b, err := json.MarshalIndent(&j.man, "", "  ")
	if err != nil {
		return err
	}
	tmp := j.path("manifest.json~")
	if err := writeFileSync(tmp, b); err != nil {
		return fmt.Errorf("cluster: checkpoint: %w", err)
	}
	if err := os.Rename(tmp, j.path("manifest.json")); err != nil {
		return fmt.Errorf("cluster: checkpoint: %w", err)
	}
	return nil
}

func writeFileSync(name string, b []byte) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// progress returns a throttled progress reporter for a phase.
// It also starts the clock of that phase, and stops the previous one's.
func (j *job) progress(ph Phase, total int64) func(done int64, final bool) {
	j.lap(ph)
	if j.opts.Progress == nil {
		return func(int64, bool) {}
	}
	var last time.Time
	j.opts.Progress(Progress{Phase: ph, Total: total})
	return func(done int64, final bool) {
		if now := time.Now(); final || now.Sub(last) >= 100*time.Millisecond {
			last = now
			j.opts.Progress(Progress{Phase: ph, Done: done, Total: total})
		}
	}
}

// lap ends the timing of the current phase and starts that of ph ("" for
// none).
func (j *job) lap(ph Phase) {
	now := time.Now()
	if j.phase != "" {
		j.phases[j.phase] += round(now.Sub(j.phaseStart).Seconds())
	}
	j.phase, j.phaseStart = ph, now
}

// scanned is one text the scan prepared.
type scanned struct {
	num    uint32
	text   Text
	prep   Prepared
	grams  []gram
	record []byte // the text compressed for the textStore
	skip   string
}

// scanAndJoin runs the scan and join phases and checkpoints.
func (j *job) scanAndJoin() error {
	counts := j.ix.Counts()
	if counts.Next >= postedBit {
		return fmt.Errorf("cluster: %d documents: docnums must stay below 2^31", counts.Next)
	}
	j.texts = newTextTable(uint32(counts.Next))
	store, err := createStore(j.path("texts.dat"))
	if err != nil {
		return err
	}
	j.store = store
	grams := newSorter(gramCodec, j.dir, j.buffers*3/5)
	defer grams.close()

	// Scan: a reader, workers that tokenise and fingerprint, and this
	// goroutine collecting.
	ctx, cancel := context.WithCancel(j.ctx)
	defer cancel()
	in := make(chan scanned, 4*j.opts.Workers)
	out := make(chan scanned, 4*j.opts.Workers)
	var readErr error
	go func() {
		defer close(in)
		readErr = j.ix.Each(func(num uint32, d stemma.Doc) bool {
			select {
			case in <- scanned{num: num, text: Text{ID: IDOf(d.Text), Text: d.Text, Docs: []stemma.Doc{d}}}:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	var wg sync.WaitGroup
	var workErr error
	var errOnce sync.Once
	for range j.opts.Workers {
		wg.Go(func() {
			p := NewPreparer(&j.opts.Options)
			for s := range in {
				dups, err := j.ix.Duplicates(s.num)
				if err != nil {
					errOnce.Do(func() { workErr = err })
					cancel()
					continue
				}
				s.text.Docs = append(s.text.Docs, dups...)
				for i := range s.text.Docs {
					s.text.Docs[i].Text = ""
				}
				s.text.SortDocs()
				s.prep = p.Prepare(s.text.ID, s.text.Text)
				switch {
				case len(s.prep.Tokens) == 0:
					s.skip = SkipNoWords
				case len(s.prep.Tokens) > j.opts.MaxWords:
					s.skip = SkipTooLong
				default:
					s.record = compressText(s.text.Text)
					s.grams = make([]gram, len(s.prep.Grams))
					k := 0
					for i, h := range s.prep.Grams {
						s.grams[i] = gram{hash: h, num: s.num}
						for k < len(s.prep.Postings) && s.prep.Postings[k] < h {
							k++
						}
						if k < len(s.prep.Postings) && s.prep.Postings[k] == h {
							s.grams[i].num |= postedBit
						}
					}
				}
				out <- s
			}
		})
	}
	go func() { wg.Wait(); close(out) }()
	report := j.progress(PhaseScan, counts.Docs)
	var done int64
	var addErr error
	for s := range out {
		done++
		report(done, false)
		if addErr != nil {
			continue
		}
		for _, d := range s.text.Docs {
			o := j.man.Corpus.Outlets[d.Source]
			o[0]++
			o[1] += int64(len(s.text.Text))
			j.man.Corpus.Outlets[d.Source] = o
			if !d.Dated() {
				j.man.Corpus.Undated++
			}
		}
		if s.skip != "" {
			j.man.Skipped[s.skip] += len(s.text.Docs)
			continue
		}
		off, err := j.store.add(s.record)
		if err == nil {
			err = grams.addAll(s.grams)
		}
		if err != nil {
			addErr = err
			cancel()
			continue
		}
		j.texts.set(s.num, s.text.ID, s.text.Info(len(s.prep.Tokens)), off)
		j.cache.put(s.num, &s.prep)
	}
	report(done, true)
	if err := errors.Join(addErr, workErr, readErr); err != nil {
		return fmt.Errorf("cluster: scanning the index: %w", err)
	}
	if err := j.ctx.Err(); err != nil {
		return err
	}
	if err := j.resolveCollisions(); err != nil {
		return err
	}
	if err := grams.finish(); err != nil {
		return err
	}
	if err := j.store.finish(); err != nil {
		return err
	}
	if err := j.texts.save(j.path("texts.bin")); err != nil {
		return err
	}
	j.man.Done = PhaseScan
	if err := j.save(); err != nil {
		return err
	}

	// Join: a sort-merge of grams with postings.
	j.cache.setBudget(j.buffers / 5)
	hits := newSorter(hitCodec, j.dir, max(minBuffers, j.buffers-j.cache.size()-grams.bytes()))
	defer hits.close()
	report = j.progress(PhaseJoin, grams.len())
	if err := j.ctx.Err(); err != nil {
		return err
	}
	done = 0
	var group []uint32
	flush := func() error {
		if len(group) == 0 {
			return nil
		}
		posted := 0
		for _, n := range group {
			if n&postedBit != 0 {
				posted++
			}
		}
		defer func() { group = group[:0] }()
		if posted > j.opts.MaxPostings || len(group) > j.opts.MaxContaining() {
			j.man.Common++
			return nil
		}
		if posted == 0 || len(group) < 2 {
			return nil
		}
		for _, qa := range group {
			a := qa &^ postedBit
			for _, pb := range group {
				b := pb &^ postedBit
				if pb&postedBit == 0 || a == b || j.texts.id(b) <= j.texts.id(a) {
					continue
				}
				if err := hits.add(hitPair{a: a, b: b, n: 1}); err != nil {
					return err
				}
			}
		}
		return nil
	}
	var cur uint64
	err = grams.each(func(g *gram) error {
		done++
		if done%(1<<16) == 0 {
			report(done, false)
			if err := j.ctx.Err(); err != nil {
				return err
			}
		}
		if len(group) > 0 && g.hash != cur {
			if err := flush(); err != nil {
				return err
			}
		}
		cur = g.hash
		if j.texts.ok.get(g.num &^ postedBit) {
			group = append(group, g.num)
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	report(done, true)
	grams.close()
	if err := hits.finish(); err != nil {
		return err
	}
	if err := writeHits(hits, j.path("hits.bin")); err != nil {
		return err
	}
	j.man.Done = PhaseJoin
	return j.save()
}

// resolveCollisions keeps one text per TextID and sorts the table's
// order.
func (j *job) resolveCollisions() error {
	t := j.texts
	t.sortOrder()
	minID := func(num uint32) (string, error) {
		t, err := j.text(num)
		if err != nil {
			return "", err
		}
		return t.Docs[0].ID, nil
	}
	out := t.order[:0]
	for i := 0; i < len(t.order); i++ {
		k := i
		for k+1 < len(t.order) && t.id(t.order[k+1]) == t.id(t.order[i]) {
			k++
		}
		keep := t.order[i]
		if k > i { // different texts with one hash: keep the smallest document ID
			best, err := minID(keep)
			if err != nil {
				return err
			}
			for _, c := range t.order[i+1 : k+1] {
				id, err := minID(c)
				if err != nil {
					return err
				}
				if id < best {
					best, keep = id, c
				}
			}
			for _, c := range t.order[i : k+1] {
				if c != keep {
					t.ok.set(c, false)
					j.man.Skipped[SkipCollision] += int(t.entries[c].docs)
				}
			}
		}
		out = append(out, keep)
		i = k
	}
	t.order = out
	return nil
}

// text returns text num with its documents.
func (j *job) text(num uint32) (*Text, error) {
	d, err := j.ix.Doc(num)
	if err != nil {
		return nil, err
	}
	dups, err := j.ix.Duplicates(num)
	if err != nil {
		return nil, err
	}
	t := &Text{ID: IDOf(d.Text), Text: d.Text, Docs: append([]stemma.Doc{d}, dups...)}
	for i := range t.Docs {
		t.Docs[i].Text = ""
	}
	t.SortDocs()
	return t, nil
}

// lookup finds a text by its ID.
func (j *job) lookup(id TextID) (*Text, error) {
	num, ok := j.texts.lookup(id)
	if !ok {
		return nil, fmt.Errorf("%w: text %016x not in the scan", ErrCorrupt, uint64(id))
	}
	return j.text(num)
}

// writeHits writes a finished hits sorter to a file, in the sorter's
// run format: one record per pair of texts, with its count.
func writeHits(s *sorter[hitPair], name string) error {
	return writeAtomically(name, "hits", func(f *os.File) error {
		w := newRunWriter(f, hitCodec)
		if err := s.each(w.write); err != nil {
			return err
		}
		return w.flush()
	})
}

// alignJob is one text and its candidates.
type alignJob struct {
	seq   int64
	a     uint32
	cands []uint32
}

type alignResult struct {
	seq      int64
	a        uint32
	passages []PairPassage
	err      error
}

// align runs the align phase from the checkpoint.
func (j *job) align() error {
	j.cache.setBudget(j.buffers)
	pf, err := os.OpenFile(j.path("passages.bin"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	defer pf.Close()
	if err := pf.Truncate(j.man.AlignOffset); err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	if _, err := pf.Seek(j.man.AlignOffset, io.SeekStart); err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	pw := bufio.NewWriterSize(pf, 1<<20)

	ctx, cancel := context.WithCancel(j.ctx)
	defer cancel()
	jobs := make(chan alignJob, 4*j.opts.Workers)
	results := make(chan alignResult, 4*j.opts.Workers)
	var wg sync.WaitGroup
	for range j.opts.Workers {
		pr, err := NewPairer(&j.opts.Options)
		if err != nil {
			return err
		}
		wg.Go(func() {
			p := NewPreparer(&j.opts.Options)
			for jb := range jobs {
				r := alignResult{seq: jb.seq, a: jb.a}
				pa, err := j.prepared(p, jb.a)
				if err != nil {
					r.err = err
				}
				for _, b := range jb.cands {
					if r.err != nil {
						break
					}
					pb, err := j.prepared(p, b)
					if err != nil {
						r.err = err
						break
					}
					r.passages = pr.Pair(r.passages, pa, pb, j.texts.info(jb.a), j.texts.info(b))
				}
				select {
				case results <- r:
				case <-ctx.Done():
				}
			}
		})
	}
	// Feed jobs: group hits by a, count hits per b, apply the candidate
	// rule.
	var feedErr error
	from := j.man.AlignNext
	go func() {
		defer close(jobs)
		feedErr = j.feed(ctx, from, jobs)
	}()
	go func() { wg.Wait(); close(results) }()

	report := j.progress(PhaseAlign, int64(j.texts.len()))
	pending := map[int64]alignResult{}
	var next int64
	offset := j.man.AlignOffset
	lastSave := time.Now()
	var b [passageSize]byte
	var resErr error
	for r := range results {
		if resErr != nil {
			continue
		}
		pending[r.seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if r.err != nil {
				resErr = r.err
				cancel()
				break
			}
			for i := range r.passages {
				if _, err := pw.Write(r.passages[i].appendBinary(b[:0])); err != nil {
					resErr = err
					cancel()
					break
				}
				offset += passageSize
			}
			j.man.AlignNext = r.a + 1
			report(int64(r.a), false)
			if time.Since(lastSave) > 5*time.Second {
				lastSave = time.Now()
				if err := j.checkpoint(pw, pf, offset); err != nil {
					resErr = err
					cancel()
				}
			}
		}
	}
	report(int64(j.texts.len()), true)
	if err := errors.Join(resErr, feedErr); err != nil {
		return err
	}
	if err := j.checkpoint(pw, pf, offset); err != nil {
		return err
	}
	if err := j.ctx.Err(); err != nil {
		return err
	}
	j.man.Done = PhaseAlign
	return j.save()
}

// checkpoint makes the passages durable and records how far they go.
func (j *job) checkpoint(pw *bufio.Writer, pf *os.File, offset int64) error {
	if err := pw.Flush(); err != nil {
		return fmt.Errorf("cluster: writing passages: %w", err)
	}
	if err := pf.Sync(); err != nil {
		return fmt.Errorf("cluster: writing passages: %w", err)
	}
	j.man.AlignOffset = offset
	return j.save()
}

// feed reads the sorted hits and sends one job per text numbered from
// from on.
func (j *job) feed(ctx context.Context, from uint32, jobs chan<- alignJob) error {
	r, err := openRun(j.path("hits.bin"), hitCodec)
	if err != nil {
		return err
	}
	defer r.close()
	var seq int64
	var cur uint32
	var hs []Hit
	nums := map[TextID]uint32{}
	have := false
	send := func() error {
		if !have || cur < from {
			return nil
		}
		hs = Candidates(hs, &j.opts.Options)
		jb := alignJob{seq: seq, a: cur, cands: make([]uint32, len(hs))}
		for i, h := range hs {
			jb.cands[i] = nums[h.Text]
		}
		seq++
		select {
		case jobs <- jb:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for {
		var h hitPair
		ok, err := r.next(&h)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if !have || h.a != cur {
			if err := send(); err != nil {
				return err
			}
			cur, have = h.a, true
			hs = hs[:0]
			clear(nums)
		}
		if h.a < from {
			continue
		}
		id := j.texts.id(h.b)
		hs = append(hs, Hit{Text: id, Hits: int32(min(h.n, math.MaxInt32))})
		nums[id] = h.b
	}
	return send()
}

// prepared returns text num tokenised, from the cache or the index.
func (j *job) prepared(p *Preparer, num uint32) (*Prepared, error) {
	if pr, ok := j.cache.get(num); ok {
		return pr, nil
	}
	text, err := j.store.text(j.texts.entries[num].off)
	if err != nil {
		return nil, err
	}
	pr := p.Aligned(j.texts.id(num), text)
	j.cache.put(num, pr)
	return pr, nil
}

// linkAndBuild runs the link and build phases over passages.bin.
func (j *job) linkAndBuild() (*Summary, error) {
	j.cache.clear()
	n := j.man.AlignOffset / passageSize
	link := max(minBuffers, j.buffers-n*linkBytesPerPassage)
	l, err := newLinker(&j.opts.Options, link*7/8)
	if err != nil {
		return nil, err
	}
	defer l.Close()
	pf, err := os.Open(j.path("passages.bin"))
	if err != nil {
		return nil, fmt.Errorf("cluster: %w", err)
	}
	defer pf.Close()
	report := j.progress(PhaseLink, n)
	r := bufio.NewReaderSize(io.LimitReader(pf, j.man.AlignOffset), 1<<20)
	var b [passageSize]byte
	var p PairPassage
	for i := range n {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return nil, fmt.Errorf("%w: passages.bin: %w", ErrCorrupt, err)
		}
		p.decode(b[:])
		if err := l.Add(&p); err != nil {
			return nil, err
		}
		if i%(1<<14) == 0 {
			report(i, false)
		}
	}
	for _, num := range j.texts.order {
		l.AddText(j.texts.id(num), j.texts.info(num))
	}
	if err := l.Link(); err != nil {
		return nil, err
	}
	report(n, true)

	sb := NewSummaryBuilder(j.dir, link/8)
	for name, c := range j.man.Corpus.Outlets {
		sb.AddOutlet(name, int(c[0]), c[1])
	}
	sb.AddUndated(j.man.Corpus.Undated)
	report = j.progress(PhaseBuild, 0)
	var built int64
	err = l.Components(func(c *Component) error {
		if err := j.ctx.Err(); err != nil {
			return err
		}
		memo := map[TextID]*Text{}
		lookup := func(id TextID) (*Text, error) {
			if t, ok := memo[id]; ok {
				return t, nil
			}
			t, err := j.lookup(id)
			if err == nil {
				memo[id] = t
			}
			return t, err
		}
		cl, err := Build(c, lookup)
		if err != nil {
			return err
		}
		rows, err := cl.Rows(lookup)
		if err != nil {
			return err
		}
		if err := sb.AddCluster(rows); err != nil {
			return err
		}
		built++
		report(built, false)
		return j.opts.Emit(rows)
	})
	if err != nil {
		return nil, err
	}
	report(built, true)
	skipped := map[string]int{}
	for k, v := range j.man.Skipped {
		skipped[k] = v
	}
	return sb.Finish(l.Stats(), skipped)
}
