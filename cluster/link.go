package cluster

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"github.com/stemmanews/stemma"
)

// A Linker groups passages into clusters: two passages join one cluster
// when they overlap, on a text they share, by at least Options.Overlap of
// the shorter one (union-find), unless the shorter is a formula, fewer
// than 25 words inside a passage more than four times as long (see
// formulaWords). Before that it finds the boilerplate.
//
// # Boilerplate
//
// A passage is a boilerplate candidate when both its texts belong to the
// same outlet (every document of each text has that Source, which is not
// empty) and it covers less than half of the words of each text: a byline,
// a footer or a disclaimer, not a repeated story. Candidates that cover
// nearly the same words as above form groups; a group is boilerplate when
// its texts have at least Options.BoilerplateDocs documents between them
// and fewer than a tenth of its passages are covered (80%) by a passage
// that is not between two texts of that one outlet ("recurs in at least 5
// documents of one outlet and in no other"; see taintShare for why not
// none).
// Boilerplate passages never link to other passages; they form their own
// clusters, which are left out unless Options.KeepBoilerplate.
//
// A text with exact duplicates (several documents) that shares no other
// passage is a cluster of its own, spanning the whole text.
//
// # Cost
//
// Passages are spilled to a file and their two sides sorted externally
// within Options.MemoryMB; what stays in memory is a union-find array,
// two counts and a few bits per passage (about 13 bytes), and the texts that
// have exact duplicates (24 bytes each). A Linker is not safe for concurrent
// use.
type Linker struct {
	opts *Options
	dir  string

	budget int64 // bytes for the sort buffers

	file  *os.File // the passages, passageSize bytes each, in order added
	w     *bufio.Writer
	n     uint32
	sides *sorter[side]
	dups  []dupText

	cand, cross, bp, taint bitset
	uf                     unionFind
	stats                  LinkStats
	linked                 bool
}

// LinkStats counts what linking found.
type LinkStats struct {
	Passages            int `json:"passages"`
	BoilerplatePassages int `json:"boilerplate_passages"`
	BoilerplateGroups   int `json:"boilerplate_groups"`
	Clusters            int `json:"clusters"`
	BoilerplateClusters int `json:"boilerplate_clusters"`
	DuplicateOnly       int `json:"duplicate_only_clusters"`
}

// side is one side of a passage: its range in one text.
type side struct {
	text   TextID
	t0, t1 int32
	p      uint32
	docs   int32
	b0, b1 int32 // byte span
}

var sideCodec = fixedCodec(
	8+4*6,
	func(b []byte, v *side) {
		binary.BigEndian.PutUint64(b, uint64(v.text))
		for i, x := range []int32{v.t0, v.t1, int32(v.p), v.docs, v.b0, v.b1} {
			binary.BigEndian.PutUint32(b[8+4*i:], uint32(x))
		}
	},
	func(b []byte, v *side) {
		v.text = TextID(binary.BigEndian.Uint64(b))
		x := func(i int) int32 { return int32(binary.BigEndian.Uint32(b[8+4*i:])) }
		v.t0, v.t1, v.p, v.docs, v.b0, v.b1 = x(0), x(1), uint32(x(2)), x(3), x(4), x(5)
	},
	func(x, y side) int {
		if c := cmp.Compare(x.text, y.text); c != 0 {
			return c
		}
		if c := cmp.Compare(x.t0, y.t0); c != 0 {
			return c
		}
		if c := cmp.Compare(x.t1, y.t1); c != 0 {
			return c
		}
		return cmp.Compare(x.p, y.p)
	},
)

type dupText struct {
	id      TextID
	info    TextInfo
	covered bool
}

// NewLinker returns a Linker that spills to a new directory under
// opts.TempDir (defaults filled in), and keeps its sort buffers within
// opts.MemoryMB. Close it to remove its files.
func NewLinker(opts *Options) (*Linker, error) {
	o := *opts
	o.EnsureDefaults()
	if err := o.Validate(); err != nil {
		return nil, err
	}
	return newLinker(&o, o.memoryBytes())
}

// newLinker returns a Linker whose sort buffers take at most budget
// bytes (half for the passages' sides, half for the clusters' members).
func newLinker(o *Options, budget int64) (*Linker, error) {
	dir, err := os.MkdirTemp(o.TempDir, "stemma-link-")
	if err != nil {
		return nil, fmt.Errorf("cluster: %w", err)
	}
	f, err := os.Create(dir + "/passages")
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("cluster: %w", err)
	}
	l := &Linker{opts: o, dir: dir, file: f, w: bufio.NewWriterSize(f, 1<<20), budget: budget}
	l.sides = newSorter(sideCodec, dir, budget/2)
	return l, nil
}

// linkBytesPerPassage is the memory a Linker takes per passage beside its
// sort buffers: a union-find entry, a group's passage counts (then its
// document count) and a few bits.
const linkBytesPerPassage = 13

// Close removes the Linker's files.
func (l *Linker) Close() error {
	l.sides.close()
	l.file.Close()
	return os.RemoveAll(l.dir)
}

// Add adds a passage.
func (l *Linker) Add(p *PairPassage) error {
	if l.linked {
		return errors.New("cluster: Linker.Add after Link")
	}
	if l.n == ^uint32(0) {
		return errors.New("cluster: too many passages")
	}
	var b [passageSize]byte
	if _, err := l.w.Write(p.appendBinary(b[:0])); err != nil {
		return fmt.Errorf("cluster: spilling passages: %w", err)
	}
	i := l.n
	l.n++
	same := p.InfoA.Source != 0 && p.InfoA.Source == p.InfoB.Source
	l.cross.set(i, !same)
	l.cand.set(i, same && 2*(p.A1-p.A0) < p.InfoA.Words && 2*(p.B1-p.B0) < p.InfoB.Words)
	if err := l.sides.add(side{text: p.A, t0: p.A0, t1: p.A1, p: i, docs: p.InfoA.Docs,
		b0: int32(p.SpanA.Start), b1: int32(p.SpanA.End)}); err != nil {
		return err
	}
	return l.sides.add(side{text: p.B, t0: p.B0, t1: p.B1, p: i, docs: p.InfoB.Docs,
		b0: int32(p.SpanB.Start), b1: int32(p.SpanB.End)})
}

// AddText declares a text with its info. Only texts with exact duplicates
// (info.Docs ≥ 2) matter; others are ignored. A text must be declared at
// most once.
func (l *Linker) AddText(id TextID, info TextInfo) {
	if info.Docs >= 2 {
		l.dups = append(l.dups, dupText{id: id, info: info})
	}
}

// overlaps reports whether two sides in one text overlap enough to link.
func (l *Linker) overlaps(x, y *side) bool {
	ov := min(x.t1, y.t1) - max(x.t0, y.t0)
	if ov <= 0 {
		return false
	}
	shorter := min(x.t1-x.t0, y.t1-y.t0)
	return float64(ov) >= l.opts.Overlap*float64(shorter)
}

// same reports whether two sides in one text cover nearly the same words:
// they overlap by Options.Overlap of the longer one. Boilerplate is the
// same text recurring, so its passages group by this stricter rule, which
// keeps a footer's group from absorbing a story that runs into the footer.
func (l *Linker) same(x, y *side) bool {
	ov := min(x.t1, y.t1) - max(x.t0, y.t0)
	longer := max(x.t1-x.t0, y.t1-y.t0)
	return ov > 0 && float64(ov) >= l.opts.Overlap*float64(longer)
}

// taintCover is the share of a boilerplate candidate that a passage
// between two outlets must cover for the candidate's text to count as
// found in another outlet. An alignment's edges may run a few words into
// a neighbouring footer; that is not the footer appearing elsewhere.
const taintCover = 0.8

// taintShare is the share of a group's passages that must be tainted for
// the group to count as found in another outlet. One tainted passage is
// not enough: an outlet's footer that follows a template its rivals share
// ("Follow the Fairport Examiner on social media…") is matched, with the
// name as a substitution, wherever a story's alignment between two outlets
// runs on into the footers, so 1-2% of a footer group's passages are
// tainted by alignments that say nothing about the footer itself. A story
// that an outlet runs again and again and others carry too is tainted on
// most of its passages.
const taintShare = 0.1

// covers reports whether side x covers at least taintCover of side y.
func covers(x, y *side) bool {
	ov := min(x.t1, y.t1) - max(x.t0, y.t0)
	return ov > 0 && float64(ov) >= taintCover*float64(y.t1-y.t0)
}

// eachText calls fn with the sides of each text in turn, sorted by start.
func (l *Linker) eachText(fn func(text TextID, g []side)) error {
	var g []side
	err := l.sides.each(func(s *side) error {
		if len(g) > 0 && g[0].text != s.text {
			fn(g[0].text, g)
			g = g[:0]
		}
		g = append(g, *s)
		return nil
	})
	if err != nil {
		return err
	}
	if len(g) > 0 {
		fn(g[0].text, g)
	}
	return nil
}

// eachOverlap calls fn for every pair of sides in g that overlap enough.
func (l *Linker) eachOverlap(g []side, fn func(x, y *side)) {
	for i := range g {
		for j := i + 1; j < len(g) && g[j].t0 < g[i].t1; j++ {
			if l.overlaps(&g[i], &g[j]) {
				fn(&g[i], &g[j])
			}
		}
	}
}

// Link finds the boilerplate and the clusters. Call it once, after every
// Add and AddText.
func (l *Linker) Link() error {
	if l.linked {
		return nil
	}
	l.linked = true
	if err := l.w.Flush(); err != nil {
		return fmt.Errorf("cluster: spilling passages: %w", err)
	}
	if err := l.sides.finish(); err != nil {
		return err
	}
	n := int(l.n)
	l.stats.Passages = n
	slices.SortFunc(l.dups, func(a, b dupText) int { return cmp.Compare(a.id, b.id) })

	// Boilerplate groups: candidates linked to candidates; a candidate
	// overlapping a passage across outlets is tainted.
	l.uf = newUnionFind(n)
	err := l.eachText(func(_ TextID, g []side) {
		l.eachOverlap(g, func(x, y *side) {
			cx, cy := l.cand.get(x.p), l.cand.get(y.p)
			switch {
			case cx && cy:
				if l.same(x, y) {
					l.uf.union(x.p, y.p)
				}
			case cx && l.cross.get(y.p) && covers(y, x):
				l.taint.set(x.p, true)
			case cy && l.cross.get(x.p) && covers(x, y):
				l.taint.set(y.p, true)
			}
		})
	})
	if err != nil {
		return err
	}
	// Per group (indexed by its root): found in another outlet or not,
	// then its documents.
	var tainted, counted bitset
	shares := make([][2]uint32, n) // a root's passages, and those tainted
	for p := range uint32(n) {
		if l.cand.get(p) {
			r := l.uf.find(p)
			shares[r][0]++
			if l.taint.get(p) {
				shares[r][1]++
			}
		}
	}
	for r, c := range shares {
		if c[1] > 0 && float64(c[1]) >= taintShare*float64(c[0]) {
			tainted.set(uint32(r), true)
		}
	}
	shares = nil
	docs := make([]int32, n)
	var roots []uint32
	err = l.eachText(func(_ TextID, g []side) {
		roots = roots[:0]
		for i := range g {
			if l.cand.get(g[i].p) {
				roots = append(roots, l.uf.find(g[i].p))
			}
		}
		slices.Sort(roots)
		for _, r := range slices.Compact(roots) {
			docs[r] = int32(min(int64(docs[r])+int64(g[0].docs), math.MaxInt32))
		}
	})
	if err != nil {
		return err
	}
	for p := range uint32(n) {
		if !l.cand.get(p) {
			continue
		}
		r := l.uf.find(p)
		if int(docs[r]) >= l.opts.BoilerplateDocs && !tainted.get(r) {
			l.bp.set(p, true)
			l.stats.BoilerplatePassages++
			if !counted.get(r) {
				counted.set(r, true)
				l.stats.BoilerplateGroups++
			}
		}
	}

	// Clusters: passages of the same kind (boilerplate or not) that
	// overlap enough.
	docs = nil
	l.uf.reset()
	return l.eachText(func(text TextID, g []side) {
		covered := false
		for i := range g {
			covered = covered || !l.bp.get(g[i].p)
		}
		if covered {
			if i, ok := slices.BinarySearchFunc(l.dups, text, func(d dupText, t TextID) int { return cmp.Compare(d.id, t) }); ok {
				l.dups[i].covered = true
			}
		}
		l.eachOverlap(g, func(x, y *side) {
			if l.bp.get(x.p) == l.bp.get(y.p) && !formula(x, y) {
				l.uf.union(x.p, y.p)
			}
		})
	})
}

// A formula is a passage of fewer than formulaWords words inside one more
// than formulaRatio times its length, on a text they share. Wire formulae
// ("…dlrs, or five cts a share, in the quarter…", "…the U.S. Agriculture
// Department said. In its World Production and Trade report…") are 13 to
// 20 words that recur in hundreds of unrelated stories: one linked to the
// story passage that holds it on each of its texts would chain every
// story that uses it into one cluster. A quoted paragraph or an excerpt
// of a quarter of the story or more still links.
const (
	formulaWords = 25
	formulaRatio = 4
)

// formula reports whether the shorter of two overlapping sides is a
// formula inside the longer one: they then do not link, and the formula
// clusters with its other occurrences, which cover the same words.
func formula(x, y *side) bool {
	short, long := x.t1-x.t0, y.t1-y.t0
	if short > long {
		short, long = long, short
	}
	return short < formulaWords && short*formulaRatio < long
}

// Component is one cluster before its members and copy tree are built:
// its passages and the texts they are in.
type Component struct {
	// Passages are in canonical order (by texts, then ranges); empty for a
	// text whose exact duplicates are the whole cluster.
	Passages []PairPassage
	// Texts are the distinct texts of the passages, sorted.
	Texts []TextID
	// Boilerplate marks a cluster of boilerplate passages.
	Boilerplate bool
	// Trim lists the boilerplate of the cluster's texts (the union of
	// their boilerplate passages), sorted by text and start, so that
	// [Build] can leave it out of members' spans and similarities. It is
	// empty for a boilerplate cluster.
	Trim []Region
}

// Region is a range of a text, in words and in bytes.
type Region struct {
	Text   TextID
	T0, T1 int32
	Span   stemma.Span
}

// member is a passage, or a boilerplate region (region set; the region
// is in p.A, p.A0, p.A1 and p.SpanA), with its cluster label, for sorting
// by cluster.
type member struct {
	label  uint32
	region bool
	p      PairPassage
}

var memberCodec = fixedCodec(
	4+1+passageSize,
	func(b []byte, v *member) {
		binary.BigEndian.PutUint32(b, v.label)
		b[4] = 0
		if v.region {
			b[4] = 1
		}
		v.p.appendBinary(b[5:5])
	},
	func(b []byte, v *member) {
		v.label = binary.BigEndian.Uint32(b)
		v.region = b[4] == 1
		v.p.decode(b[5:])
	},
	func(x, y member) int {
		if c := cmp.Compare(x.label, y.label); c != 0 {
			return c
		}
		if x.region != y.region {
			if x.region {
				return 1
			}
			return -1
		}
		return comparePassages(&x.p, &y.p)
	},
)

// Components calls fn with each cluster, after [Linker.Link]. The
// component and its slices are reused after fn returns. Boilerplate
// clusters are left out unless Options.KeepBoilerplate.
func (l *Linker) Components(fn func(c *Component) error) error {
	if err := l.Link(); err != nil {
		return err
	}
	ms := newSorter(memberCodec, l.dir, l.budget/2)
	defer ms.close()
	if _, err := l.file.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("cluster: reading passages: %w", err)
	}
	r := bufio.NewReaderSize(l.file, 1<<20)
	var b [passageSize]byte
	for i := range l.n {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return fmt.Errorf("%w: passage spill: %w", ErrCorrupt, err)
		}
		if l.bp.get(i) && !l.opts.KeepBoilerplate {
			continue
		}
		m := member{label: l.uf.find(i)}
		m.p.decode(b[:])
		if err := ms.add(m); err != nil {
			return err
		}
	}
	// Each text's boilerplate, for every cluster of ordinary passages the
	// text is in.
	var labels []uint32
	var regions []side
	var addErr error
	err := l.eachText(func(text TextID, g []side) {
		labels, regions = labels[:0], regions[:0]
		for i := range g {
			if !l.bp.get(g[i].p) {
				labels = append(labels, l.uf.find(g[i].p))
				continue
			}
			if n := len(regions); n > 0 && g[i].t0 <= regions[n-1].t1 {
				if g[i].t1 > regions[n-1].t1 {
					regions[n-1].t1, regions[n-1].b1 = g[i].t1, g[i].b1
				}
				continue
			}
			regions = append(regions, g[i])
		}
		if len(regions) == 0 || len(labels) == 0 {
			return
		}
		slices.Sort(labels)
		for _, lb := range slices.Compact(labels) {
			for _, r := range regions {
				m := member{label: lb, region: true, p: PairPassage{A: text, A0: r.t0, A1: r.t1,
					SpanA: stemma.Span{Start: int(r.b0), End: int(r.b1)}}}
				if err := ms.add(m); err != nil && addErr == nil {
					addErr = err
				}
			}
		}
	})
	if err := errors.Join(err, addErr); err != nil {
		return err
	}
	var c Component
	label := uint32(0)
	flush := func() error {
		if len(c.Passages) == 0 {
			return nil
		}
		c.Texts = c.Texts[:0]
		for i := range c.Passages {
			c.Texts = append(c.Texts, c.Passages[i].A, c.Passages[i].B)
		}
		slices.Sort(c.Texts)
		c.Texts = slices.Compact(c.Texts)
		c.Boilerplate = l.bp.get(label)
		if c.Boilerplate {
			l.stats.BoilerplateClusters++
		}
		l.stats.Clusters++
		err := fn(&c)
		c.Passages, c.Trim = c.Passages[:0], c.Trim[:0]
		return err
	}
	err = ms.each(func(m *member) error {
		if len(c.Passages) > 0 && m.label != label {
			if err := flush(); err != nil {
				return err
			}
		}
		label = m.label
		if m.region {
			c.Trim = append(c.Trim, Region{Text: m.p.A, T0: m.p.A0, T1: m.p.A1, Span: m.p.SpanA})
		} else {
			c.Passages = append(c.Passages, m.p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	for _, d := range l.dups {
		if d.covered {
			continue
		}
		c := Component{Texts: []TextID{d.id}}
		l.stats.Clusters++
		l.stats.DuplicateOnly++
		if err := fn(&c); err != nil {
			return err
		}
	}
	return nil
}

// Stats returns the counts, complete after [Linker.Components].
func (l *Linker) Stats() LinkStats { return l.stats }

// bitset is a growable set of small integers.
type bitset []uint64

func (b *bitset) set(i uint32, v bool) {
	w := int(i / 64)
	for len(*b) <= w {
		*b = append(*b, 0)
	}
	if v {
		(*b)[w] |= 1 << (i % 64)
	} else {
		(*b)[w] &^= 1 << (i % 64)
	}
}

func (b bitset) get(i uint32) bool {
	w := int(i / 64)
	return w < len(b) && b[w]&(1<<(i%64)) != 0
}

// unionFind is a disjoint-set forest over passage indexes; the root of a
// set is its smallest member, so labels do not depend on union order.
type unionFind []uint32

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = uint32(i)
	}
	return u
}

// reset makes every element a set of its own again.
func (u unionFind) reset() {
	for i := range u {
		u[i] = uint32(i)
	}
}

func (u unionFind) find(x uint32) uint32 {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

func (u unionFind) union(x, y uint32) {
	x, y = u.find(x), u.find(y)
	switch {
	case x < y:
		u[y] = x
	case y < x:
		u[x] = y
	}
}
