package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/stemmanews/stemma/fingerprint"
)

// FormatVersion is the version of the key layout described in the package
// documentation. [Migrate] converts an index of an older version.
const FormatVersion = 3

// Sentinel errors. Test for them with errors.Is.
var (
	ErrNotFound = errors.New("index: not found")
	ErrCorrupt  = errors.New("index: corrupt")
	ErrFormat   = errors.New("index: unsupported format version")
	ErrOptions  = errors.New("index: invalid options")
)

// Options configure an index. The zero value works.
type Options struct {
	// Fingerprint sets the n-gram length and winnowing window of a new
	// index. An existing index keeps the settings it was created with.
	Fingerprint fingerprint.Options
	// MaxPostings caps the document frequency of a useful fingerprint: a
	// fingerprint shared by more documents (a byline, a boilerplate
	// phrase) is ignored at query time. Default 256.
	MaxPostings int
	// BatchBytes is the text size at which Ingest commits a batch.
	// Default 8 MiB: each commit's postings land in level 0 of Pebble's
	// tree as one table, and two such tables start a compaction that
	// rewrites the postings below them, so fewer, larger commits cost less
	// time, and more memory while they are built.
	BatchBytes int
	// Workers is the number of goroutines that tokenise and fingerprint
	// during Ingest. Default: the number of CPUs.
	Workers int
	// CacheBytes is the size of the block cache. Default 64 MiB.
	CacheBytes int64
	// FS is the file system; nil means the operating system's. Tests use
	// vfs.NewMem().
	FS vfs.FS
	// ReadOnly opens an existing index without writing to it.
	ReadOnly bool
	// HashBits is the number of bits of each fingerprint hash a posting
	// keeps, for a new index (default 36; from 24 to 60): a query
	// fingerprint meets a posting of another with probability
	// postings/2^HashBits, which makes one more candidate to align (for
	// ten million news articles, about 850 million postings, 1.2% of the
	// lookups of a trace: about five candidates more, a tenth of a
	// millisecond), and each bit costs one bit a posting. An existing
	// index keeps its own.
	HashBits int
}

// Defaults.
const (
	DefaultMaxPostings = 256
	DefaultBatchBytes  = 8 << 20
	DefaultCacheBytes  = 64 << 20
	DefaultHashBits    = 36
)

// EnsureDefaults fills zero fields with their defaults.
func (o *Options) EnsureDefaults() {
	o.Fingerprint.EnsureDefaults()
	if o.MaxPostings == 0 {
		o.MaxPostings = DefaultMaxPostings
	}
	if o.BatchBytes == 0 {
		o.BatchBytes = DefaultBatchBytes
	}
	if o.Workers == 0 {
		o.Workers = max(1, runtimeCPUs())
	}
	if o.CacheBytes == 0 {
		o.CacheBytes = DefaultCacheBytes
	}
	if o.HashBits == 0 {
		o.HashBits = DefaultHashBits
	}
	if o.FS == nil {
		o.FS = vfs.Default
	}
}

// Validate reports options that cannot work.
func (o *Options) Validate() error {
	if err := o.Fingerprint.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrOptions, err)
	}
	if o.MaxPostings < 1 {
		return fmt.Errorf("%w: max postings %d < 1", ErrOptions, o.MaxPostings)
	}
	if o.BatchBytes < 1 || o.Workers < 1 || o.CacheBytes < 0 {
		return fmt.Errorf("%w: batch bytes, workers and cache must be positive", ErrOptions)
	}
	if o.HashBits < 24 || o.HashBits > 60 {
		return fmt.Errorf("%w: hash bits %d out of range [24, 60]", ErrOptions, o.HashBits)
	}
	return nil
}

// Index is an open stemma index.
type Index struct {
	db   *pebble.DB
	po   *pebble.Options
	dir  string
	opts Options
	fp   fingerprint.Options

	mu      sync.Mutex // serialises commits and guards counts, words and tables
	counts  Counts
	words   int64         // words counted (terms.go)
	tables  int           // tables written by commits (tables.go), to name them
	scratch commitScratch // a commit's buffers (write.go)

	hbits  uint       // bits of a fingerprint hash a posting keeps
	segs   segmentSet // the posting segments (segments.go)
	terms  segmentSet // the term segments (terms.go)
	canons canonSet   // documents with exact duplicates (dedup.go)
	damage *damageLog // damaged tables met by reads (corrupt.go)
}

// Counts are the totals kept in "m/counts".
type Counts struct {
	Next     uint32 // next docnum
	Docs     int64
	Bytes    int64
	Postings int64
	// Duplicates counts exact duplicates recorded (dedup.go); they are not
	// in Docs, Bytes or Postings.
	Duplicates int64
}

// Open opens the index in dir, creating it if it does not exist (unless
// opts.ReadOnly).
func Open(dir string, opts Options) (*Index, error) {
	opts.EnsureDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	cache := pebble.NewCache(opts.CacheBytes)
	defer cache.Unref()
	damage := &damageLog{}
	po := &pebble.Options{
		FS:       opts.FS,
		Cache:    cache,
		ReadOnly: opts.ReadOnly,
		// Large commits bypass the memtable (tables.go); it holds only
		// small ones. Pebble preallocates each write-ahead log file at
		// 110% of this size and keeps a spare: at 64 MiB that was 140 MB
		// of disk for any index, however small; at 2 MiB it is 5 MB.
		MemTableSize:                2 << 20,
		MemTableStopWritesThreshold: 4,
		L0CompactionThreshold:       4,
		L0StopWritesThreshold:       24,
		// The last format before columnar blocks: on stemma's small keys
		// its tables are 13% smaller and cheaper to write, at the same
		// trace latency (measured on Reuters).
		FormatMajorVersion: pebble.FormatFlushableIngestExcises,
		Logger:             quietLogger{},
		// Damage found by a read is an error of that read, recorded;
		// Pebble's default would call Logger.Fatalf.
		EventListener: &pebble.EventListener{DataCorruption: damage.record},
	}
	po.EnsureDefaults()
	if opts.ReadOnly {
		if _, err := opts.FS.Stat(dir); err != nil {
			return nil, fmt.Errorf("opening index %s: %w", dir, err)
		}
	}
	db, err := pebble.Open(dir, po)
	if err != nil {
		return nil, fmt.Errorf("opening index %s: %w", dir, err)
	}
	ix := &Index{db: db, po: po, dir: dir, opts: opts, damage: damage}
	if !opts.ReadOnly {
		// Tables of a commit that a crash interrupted before they were
		// ingested (tables.go) hold nothing acknowledged.
		if err := opts.FS.RemoveAll(ix.tableDir()); err != nil {
			db.Close()
			return nil, fmt.Errorf("opening index %s: %w", dir, err)
		}
	}
	if err := ix.load(); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening index %s: %w", dir, err)
	}
	if err := ix.loadCanons(); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening index %s: %w", dir, err)
	}
	if err := ix.loadSegments(); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening index %s: %w", dir, err)
	}
	return ix, nil
}

var (
	keyVersion     = []byte("m/version")
	keyFingerprint = []byte("m/fingerprint")
	keyCounts      = []byte("m/counts")
	keyPostings    = []byte("m/postings")
)

// load reads the metadata of an existing index, or writes it for a new one.
func (ix *Index) load() error {
	v, err := ix.get(keyVersion)
	if errors.Is(err, ErrNotFound) {
		if ix.opts.ReadOnly {
			return fmt.Errorf("%w: no stemma index here", ErrNotFound)
		}
		ix.fp = ix.opts.Fingerprint
		ix.hbits = uint(ix.opts.HashBits)
		ix.counts = Counts{Next: 1}
		b := ix.db.NewBatch()
		b.Set(keyPostings, binary.AppendUvarint(nil, uint64(ix.hbits)), nil)
		b.Set(keyVersion, binary.AppendUvarint(nil, FormatVersion), nil)
		fp := binary.AppendUvarint(nil, uint64(ix.fp.N))
		fp = binary.AppendUvarint(fp, uint64(ix.fp.Window))
		fp = binary.AppendUvarint(fp, uint64(ix.fp.StopN))
		fp = binary.AppendUvarint(fp, uint64(ix.fp.Sketch))
		fp = binary.AppendUvarint(fp, uint64(ix.fp.Cross))
		fp = binary.AppendUvarint(fp, uint64(ix.fp.StopLang))
		b.Set(keyFingerprint, fp, nil)
		b.Set(keyCounts, ix.counts.encode(), nil)
		return ix.db.Apply(b, pebble.Sync)
	}
	if err != nil {
		return err
	}
	ver, n := binary.Uvarint(v)
	if n <= 0 {
		return fmt.Errorf("%w: format version record", ErrCorrupt)
	}
	if ver != FormatVersion {
		return fmt.Errorf("%w: %d (this stemma reads %d; run `stemma migrate` to convert it)", ErrFormat, ver, FormatVersion)
	}
	p, err := ix.get(keyPostings)
	if err != nil {
		return fmt.Errorf("posting settings: %w", err)
	}
	if hb, k := binary.Uvarint(p); k <= 0 || hb < 24 || hb > 60 {
		return fmt.Errorf("%w: posting settings record", ErrCorrupt)
	} else {
		ix.hbits = uint(hb)
	}
	f, err := ix.get(keyFingerprint)
	if err != nil {
		return fmt.Errorf("fingerprint settings: %w", err)
	}
	if ix.fp, err = decodeFingerprint(f); err != nil {
		return err
	}
	c, err := ix.get(keyCounts)
	if err != nil {
		return fmt.Errorf("counts: %w", err)
	}
	if ix.counts, err = decodeCounts(c); err != nil {
		return err
	}
	return nil
}

// decodeFingerprint decodes the "m/fingerprint" record. StopN, Sketch,
// Cross and StopLang are absent in indexes made before stopword grams,
// sentence sketches, cross-language sketches and stopword grams in each
// text's language: none of them (English stopword grams for every text).
func decodeFingerprint(f []byte) (fingerprint.Options, error) {
	nn, k := binary.Uvarint(f)
	w, k2 := binary.Uvarint(f[max(k, 0):])
	if k <= 0 || k2 <= 0 {
		return fingerprint.Options{}, fmt.Errorf("%w: fingerprint settings record", ErrCorrupt)
	}
	fp := fingerprint.Options{N: int(nn), Window: int(w)}
	rest := f[k+k2:]
	for _, field := range []*int{&fp.StopN, &fp.Sketch, &fp.Cross, &fp.StopLang} {
		if len(rest) == 0 {
			break
		}
		v, k3 := binary.Uvarint(rest)
		if k3 <= 0 {
			return fingerprint.Options{}, fmt.Errorf("%w: fingerprint settings record", ErrCorrupt)
		}
		*field = int(v)
		rest = rest[k3:]
	}
	if err := fp.Validate(); err != nil {
		return fingerprint.Options{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return fp, nil
}

// get returns a copy of the value of key, or ErrNotFound.
func (ix *Index) get(key []byte) ([]byte, error) {
	v, closer, err := ix.db.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, readErr(err)
	}
	out := append([]byte(nil), v...)
	closer.Close()
	return out, nil
}

// getSorted calls fn with each of keys that the index holds, and its
// value, in key order. It sorts keys, and looks them up with one iterator,
// seeking forward: far cheaper than a Get each, which sets up a lookup in
// every level of the tree.
func (ix *Index) getSorted(keys [][]byte, fn func(k, v []byte) error) error {
	if len(keys) == 0 {
		return nil
	}
	slices.SortFunc(keys, bytes.Compare)
	hi := slices.Clone(keys[len(keys)-1])
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: keys[0], UpperBound: append(hi, 0)})
	if err != nil {
		return err
	}
	for _, k := range keys {
		if it.SeekGE(k) && bytes.Equal(it.Key(), k) {
			if err := fn(k, it.Value()); err != nil {
				it.Close()
				return err
			}
		}
	}
	return readErr(errors.Join(it.Error(), it.Close()))
}

// Close stops merging, flushes and closes the index. A merge in progress
// is abandoned (its file is removed when the index is next opened); the
// segments it would have merged stay as they are.
func (ix *Index) Close() error { return errors.Join(ix.closeSegments(), ix.db.Close()) }

// Dir returns the directory the index lives in.
func (ix *Index) Dir() string { return ix.dir }

// Fingerprint returns the fingerprint settings the index was built with.
func (ix *Index) Fingerprint() fingerprint.Options { return ix.fp }

// MaxPostings returns the document-frequency cap applied to queries.
func (ix *Index) MaxPostings() int { return ix.opts.MaxPostings }

// Counts returns the current totals.
func (ix *Index) Counts() Counts {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.counts
}

func (c Counts) encode() []byte {
	b := binary.AppendUvarint(nil, uint64(c.Next))
	b = binary.AppendUvarint(b, uint64(c.Docs))
	b = binary.AppendUvarint(b, uint64(c.Bytes))
	b = binary.AppendUvarint(b, uint64(c.Postings))
	if c.Duplicates > 0 { // an index without duplicates keeps the old record
		b = binary.AppendUvarint(b, uint64(c.Duplicates))
	}
	return b
}

func decodeCounts(b []byte) (Counts, error) {
	var v [4]uint64
	for i := range v {
		x, n := binary.Uvarint(b)
		if n <= 0 {
			return Counts{}, fmt.Errorf("%w: counts record", ErrCorrupt)
		}
		v[i], b = x, b[n:]
	}
	c := Counts{Next: uint32(v[0]), Docs: int64(v[1]), Bytes: int64(v[2]), Postings: int64(v[3])}
	if len(b) > 0 {
		x, n := binary.Uvarint(b)
		if n <= 0 {
			return Counts{}, fmt.Errorf("%w: counts record", ErrCorrupt)
		}
		c.Duplicates = int64(x)
	}
	return c, nil
}

// TableSize returns the bytes of the index's data: Pebble's sorted tables,
// compressed, and the posting and term segments, without the write-ahead
// log files Pebble keeps for reuse (a fixed few megabytes whatever the
// corpus size).
func (ix *Index) TableSize() int64 {
	n := ix.PostingBytes() + ix.TermBytes()
	for _, l := range ix.db.Metrics().Levels {
		n += l.TablesSize
	}
	return n
}

// Sizes splits the index's data (see [Index.TableSize]) into what its
// documents' records take (their text, compressed, and metadata), what
// its posting segments take, what its term segments take, and the rest:
// ids, text hashes, URLs, sources and counts. The first is Pebble's
// estimate for their key range.
type Sizes struct {
	Docs, Postings, Terms, Rest int64
}

// Sizes returns the split of the index's data.
func (ix *Index) Sizes() (Sizes, error) {
	docs, err := ix.db.EstimateDiskUsage([]byte{'d'}, []byte{'e'})
	if err != nil {
		return Sizes{}, err
	}
	s := Sizes{Docs: int64(docs), Postings: ix.PostingBytes(), Terms: ix.TermBytes()}
	s.Rest = max(0, ix.TableSize()-s.Docs-s.Postings-s.Terms)
	return s, nil
}

// TermBytes returns the bytes of the term segments.
func (ix *Index) TermBytes() int64 {
	ix.terms.mu.RLock()
	defer ix.terms.mu.RUnlock()
	var n int64
	for _, s := range ix.terms.segs {
		n += s.fileSize()
	}
	return n
}

// PostingBytes returns the bytes of the posting segments.
func (ix *Index) PostingBytes() int64 {
	var n int64
	for _, s := range ix.Segments() {
		n += s.Bytes
	}
	return n
}

// DiskSize returns the bytes the index occupies on disk: the blocks its
// files hold (what du counts), which for Pebble's preallocated
// write-ahead log files is more than their length.
func (ix *Index) DiskSize() (int64, error) {
	if ix.opts.FS != vfs.Default {
		return int64(ix.db.Metrics().DiskSpaceUsage()) + ix.PostingBytes() + ix.TermBytes(), nil
	}
	var total int64
	err := filepath.WalkDir(ix.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			total += allocated(info)
		}
		return nil
	})
	return total, err
}

// Exists reports whether dir holds a Pebble store (an index, or the
// beginning of one): Pebble v2 marks its manifest with a
// marker.manifest.* file; older stores have a CURRENT file.
func Exists(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, "CURRENT")); err == nil {
		return true
	}
	m, err := filepath.Glob(filepath.Join(dir, "marker.manifest.*"))
	return err == nil && len(m) > 0
}

type quietLogger struct{}

func (quietLogger) Infof(string, ...any)  {}
func (quietLogger) Errorf(string, ...any) {}
func (quietLogger) Fatalf(format string, args ...any) {
	panic(fmt.Sprintf("index: pebble: "+format, args...))
}
