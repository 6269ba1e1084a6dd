package cluster

import (
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"

	"github.com/stemmanews/stemma/align"
	"github.com/stemmanews/stemma/fingerprint"
	"github.com/stemmanews/stemma/thesaurus"
)

// ErrOptions classifies the errors of [Options.Validate].
var ErrOptions = errors.New("cluster: invalid options")

// Options configure the clustering. The zero value works; both runners
// (the single-machine [Run] and the Beam pipeline) must be given the same
// options to produce the same clusters.
type Options struct {
	// Fingerprint sets the n-gram lengths and winnowing window of the
	// candidate search. [Run] takes them from the index and ignores this
	// field; the Beam pipeline uses it (default: the fingerprint defaults,
	// the same as a new index's).
	Fingerprint fingerprint.Options
	// MaxPostings is the document-frequency cap: a fingerprint that more
	// distinct texts were winnowed to is common (a byline, a stock phrase)
	// and finds no candidates (default 256, as in package index). So is an
	// n-gram that more texts contain than would post it MaxPostings times
	// at winnowing's density ([Options.MaxContaining]): a footer's n-gram
	// next to the story it follows is winnowed in few of the outlet's
	// documents, but it is in all of them.
	MaxPostings int
	// MinHits is the fewest shared fingerprints that make a pair of texts
	// worth aligning (default 2: any shared run of N+2·Window−1 = 12 words
	// or more is certain to reach it; see the package documentation).
	MinHits int
	// MaxCandidates is the most texts aligned against each text, taken in
	// order of shared fingerprints (default 200).
	MaxCandidates int
	// MaxWords is the longest text clustered, in words; a longer one is
	// skipped as [SkipTooLong] (default 200,000, about 1.2 MB of prose).
	MaxWords int
	// Align tunes the aligner (default: the aligner's defaults, as trace).
	Align align.Options
	// Overlap is the share of the shorter of two passages, in words, that
	// they must overlap on a document they share to join one cluster
	// (default 0.5).
	Overlap float64
	// BoilerplateDocs is the fewest documents of one outlet a passage must
	// recur in, and in no other outlet, to be boilerplate (default 5).
	BoilerplateDocs int
	// KeepBoilerplate writes boilerplate clusters too, marked, instead of
	// leaving them out.
	KeepBoilerplate bool
	// MemoryMB bounds the memory the job's buffers use, in MiB: sort runs
	// and the text cache spill to TempDir beyond it (default 1024).
	MemoryMB int
	// Workers is the number of goroutines that tokenise and align
	// (default: GOMAXPROCS).
	Workers int
	// TempDir holds spilled sort runs (default: os.TempDir()). [Run] uses
	// its work directory instead.
	TempDir string
	// Thesaurus classifies substitutions for the spin summary; nil means
	// the embedded WordNet table (thesaurus.Default).
	Thesaurus *thesaurus.Thesaurus
}

// Defaults.
const (
	DefaultMaxPostings     = 256
	DefaultMinHits         = 2
	DefaultMaxCandidates   = 200
	DefaultMaxWords        = 200_000
	DefaultOverlap         = 0.5
	DefaultBoilerplateDocs = 5
	DefaultMemoryMB        = 1024
)

// EnsureDefaults fills zero fields with their defaults.
func (o *Options) EnsureDefaults() {
	o.Fingerprint.EnsureDefaults()
	if o.MaxPostings == 0 {
		o.MaxPostings = DefaultMaxPostings
	}
	if o.MinHits == 0 {
		o.MinHits = DefaultMinHits
	}
	if o.MaxCandidates == 0 {
		o.MaxCandidates = DefaultMaxCandidates
	}
	if o.MaxWords == 0 {
		o.MaxWords = DefaultMaxWords
	}
	o.Align.EnsureDefaults()
	if o.Overlap == 0 {
		o.Overlap = DefaultOverlap
	}
	if o.BoilerplateDocs == 0 {
		o.BoilerplateDocs = DefaultBoilerplateDocs
	}
	if o.MemoryMB == 0 {
		o.MemoryMB = DefaultMemoryMB
	}
	if o.Workers == 0 {
		o.Workers = max(1, runtime.GOMAXPROCS(0))
	}
	if o.TempDir == "" {
		o.TempDir = os.TempDir()
	}
}

// Validate reports options that cannot work. Every error it returns wraps
// [ErrOptions].
func (o *Options) Validate() error {
	if err := o.Fingerprint.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrOptions, err)
	}
	if err := o.Align.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrOptions, err)
	}
	switch {
	case o.MaxPostings < 1:
		return fmt.Errorf("%w: max postings %d < 1", ErrOptions, o.MaxPostings)
	case o.MinHits < 1:
		return fmt.Errorf("%w: min hits %d < 1", ErrOptions, o.MinHits)
	case o.MaxCandidates < 1:
		return fmt.Errorf("%w: max candidates %d < 1", ErrOptions, o.MaxCandidates)
	case o.MaxWords < 1 || o.MaxWords > math.MaxInt32:
		return fmt.Errorf("%w: max words %d out of range", ErrOptions, o.MaxWords)
	case math.IsNaN(o.Overlap) || o.Overlap <= 0 || o.Overlap > 1:
		return fmt.Errorf("%w: overlap %g out of range (0, 1]", ErrOptions, o.Overlap)
	case o.BoilerplateDocs < 2:
		return fmt.Errorf("%w: boilerplate documents %d < 2", ErrOptions, o.BoilerplateDocs)
	case o.MemoryMB < 16:
		return fmt.Errorf("%w: memory %d MiB < 16", ErrOptions, o.MemoryMB)
	case o.Workers < 1:
		return fmt.Errorf("%w: workers %d < 1", ErrOptions, o.Workers)
	}
	return nil
}

// MaxContaining is the most texts an n-gram may be in and still find
// candidates: MaxPostings·(Window+1)/2, the number of texts that post a
// gram MaxPostings times at winnowing's expected density 2/(Window+1)
// (640 with the defaults).
func (o *Options) MaxContaining() int {
	w := max(o.Fingerprint.Window, 1)
	return o.MaxPostings * (w + 1) / 2
}

// memoryBytes is the buffer budget in bytes.
func (o *Options) memoryBytes() int64 { return int64(o.MemoryMB) << 20 }
