package cluster

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/zeebo/xxh3"
)

// Summary is what a clustering found, corpus-wide: clusters by size, the
// largest families, the share of each outlet's text that is reused, and
// who copies whom.
type Summary struct {
	// Documents and Bytes count the corpus clustered; Undated the
	// documents without a date.
	Documents int   `json:"documents"`
	Bytes     int64 `json:"bytes"`
	Undated   int   `json:"undated"`
	// Clusters counts the clusters written, Members their rows, and
	// ClusteredDocs the distinct documents in at least one.
	Clusters      int `json:"clusters"`
	Members       int `json:"members"`
	ClusteredDocs int `json:"clustered_documents"`
	// ReusedBytes is the bytes of documents inside cluster passages, and
	// ReusedShare its share of Bytes: how much of what was published is
	// not original.
	ReusedBytes int64         `json:"reused_bytes"`
	ReusedShare float64       `json:"reused_share"`
	BySize      []SizeBucket  `json:"by_size"`
	Largest     []Family      `json:"largest"`
	Outlets     []OutletReuse `json:"outlets"`
	// Copies is the outlet-to-outlet copy matrix as a list: the copy-tree
	// edges from a parent in outlet From to a member in outlet To.
	Copies []CopyEdge `json:"copies"`
	// Link counts passages, boilerplate and clusters; Skipped counts texts
	// left out, by reason.
	Link    LinkStats      `json:"link"`
	Skipped map[string]int `json:"skipped,omitempty"`
	Seconds float64        `json:"seconds"`
	// PhaseSeconds is the time of each phase this run went through (a
	// resumed run skips the phases done before).
	PhaseSeconds map[Phase]float64 `json:"phase_seconds,omitempty"`
}

// SizeBucket counts the clusters with Min to Max members (Max 0: no bound).
type SizeBucket struct {
	Min      int `json:"min"`
	Max      int `json:"max"`
	Clusters int `json:"clusters"`
	Members  int `json:"members"`
}

// Family is one of the largest clusters.
type Family struct {
	Cluster int64   `json:"cluster"`
	Size    int     `json:"size"`
	Origin  string  `json:"origin"`
	Title   string  `json:"title,omitempty"`
	Text    string  `json:"text"`
	Outlets int     `json:"outlets"`
	First   string  `json:"first,omitempty"`
	Last    string  `json:"last,omitempty"`
	Days    float64 `json:"days"`
}

// OutletReuse is one outlet's reused text.
type OutletReuse struct {
	Outlet      string  `json:"outlet"`
	Documents   int     `json:"documents"`
	Bytes       int64   `json:"bytes"`
	ReusedBytes int64   `json:"reused_bytes"`
	Share       float64 `json:"share"`
	// Copied counts copy-tree edges into this outlet's documents (it
	// copied), CopiedFrom edges out of them (it was copied).
	Copied     int `json:"copied"`
	CopiedFrom int `json:"copied_from"`
}

// CopyEdge is one cell of the copy matrix.
type CopyEdge struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Edges int    `json:"edges"`
}

var sizeBuckets = [][2]int{{2, 2}, {3, 4}, {5, 9}, {10, 19}, {20, 49}, {50, 99}, {100, 0}}

// largestN is how many families a summary lists.
const largestN = 10

// docSpan is a member's span, for the union of a document's spans.
type docSpan struct {
	doc        uint64
	outlet     uint32
	start, end int32
}

var docSpanCodec = fixedCodec(
	8+4+4+4,
	func(b []byte, v *docSpan) {
		binary.BigEndian.PutUint64(b, v.doc)
		binary.BigEndian.PutUint32(b[8:], v.outlet)
		binary.BigEndian.PutUint32(b[12:], uint32(v.start))
		binary.BigEndian.PutUint32(b[16:], uint32(v.end))
	},
	func(b []byte, v *docSpan) {
		v.doc = binary.BigEndian.Uint64(b)
		v.outlet = binary.BigEndian.Uint32(b[8:])
		v.start = int32(binary.BigEndian.Uint32(b[12:]))
		v.end = int32(binary.BigEndian.Uint32(b[16:]))
	},
	func(x, y docSpan) int {
		if c := cmp.Compare(x.doc, y.doc); c != 0 {
			return c
		}
		return cmp.Compare(x.start, y.start)
	},
)

// SummaryBuilder accumulates a [Summary] from the corpus's documents and
// the clusters' rows. It keeps the spans of every member, sorted within
// its memory budget, and the outlets. It is not safe for concurrent use.
type SummaryBuilder struct {
	s       Summary
	spans   *sorter[docSpan]
	outlets map[string]*OutletReuse
	index   map[string]uint32
	names   []string
	copies  map[[2]string]int
	buckets []SizeBucket
}

// NewSummaryBuilder returns a builder that spills to dir within budget
// bytes.
func NewSummaryBuilder(dir string, budget int64) *SummaryBuilder {
	b := &SummaryBuilder{
		spans:   newSorter(docSpanCodec, dir, budget),
		outlets: map[string]*OutletReuse{},
		index:   map[string]uint32{},
		copies:  map[[2]string]int{},
	}
	for _, sb := range sizeBuckets {
		b.buckets = append(b.buckets, SizeBucket{Min: sb[0], Max: sb[1]})
	}
	return b
}

func (b *SummaryBuilder) outlet(name string) (*OutletReuse, uint32) {
	o, ok := b.outlets[name]
	if !ok {
		o = &OutletReuse{Outlet: name}
		b.outlets[name] = o
		b.index[name] = uint32(len(b.names))
		b.names = append(b.names, name)
	}
	return o, b.index[name]
}

// AddDoc counts a document of the corpus.
func (b *SummaryBuilder) AddDoc(source string, bytes int, dated bool) {
	o, _ := b.outlet(source)
	o.Documents++
	o.Bytes += int64(bytes)
	b.s.Documents++
	b.s.Bytes += int64(bytes)
	if !dated {
		b.s.Undated++
	}
}

// AddOutlet counts documents of the corpus in bulk: docs documents of
// bytes bytes from one outlet.
func (b *SummaryBuilder) AddOutlet(name string, docs int, bytes int64) {
	o, _ := b.outlet(name)
	o.Documents += docs
	o.Bytes += bytes
	b.s.Documents += docs
	b.s.Bytes += bytes
}

// AddUndated counts undated documents in bulk.
func (b *SummaryBuilder) AddUndated(n int) { b.s.Undated += n }

// AddCluster counts one cluster's rows (all of them, in cluster order).
func (b *SummaryBuilder) AddCluster(rows []Row) error {
	if len(rows) == 0 {
		return nil
	}
	b.s.Clusters++
	b.s.Members += len(rows)
	for i := range b.buckets {
		bk := &b.buckets[i]
		if len(rows) >= bk.Min && (bk.Max == 0 || len(rows) <= bk.Max) {
			bk.Clusters++
			bk.Members += len(rows)
			break
		}
	}
	series := make(map[string]string, len(rows))
	for _, r := range rows {
		series[r.ID] = r.Series
	}
	for _, r := range rows {
		_, oi := b.outlet(r.Series)
		if err := b.spans.add(docSpan{doc: xxh3.HashString(r.ID), outlet: oi, start: int32(r.Begin), end: int32(r.End)}); err != nil {
			return err
		}
		if r.Parent != "" {
			from := series[r.Parent]
			b.copies[[2]string{from, r.Series}]++
			fo, _ := b.outlet(from)
			fo.CopiedFrom++
			to, _ := b.outlet(r.Series)
			to.Copied++
		}
	}
	f := Family{Cluster: rows[0].Cluster, Size: len(rows), Origin: rows[0].Origin, Title: rows[0].Title,
		Text: clip(rows[0].Text, 160), Outlets: len(rows[0].Outlets), First: rows[0].First, Last: rows[0].Last}
	if f.First != "" {
		t0, err0 := time.Parse(dateFormat, f.First)
		t1, err1 := time.Parse(dateFormat, f.Last)
		if err0 == nil && err1 == nil {
			f.Days = round(t1.Sub(t0).Hours() / 24)
		}
	}
	i, _ := slices.BinarySearchFunc(b.s.Largest, f, func(x, y Family) int {
		if x.Size != y.Size {
			return cmp.Compare(y.Size, x.Size)
		}
		return cmp.Compare(x.Cluster, y.Cluster)
	})
	if i < largestN {
		b.s.Largest = slices.Insert(b.s.Largest, i, f)
		if len(b.s.Largest) > largestN {
			b.s.Largest = b.s.Largest[:largestN]
		}
	}
	return nil
}

// Finish returns the summary. link and skipped are copied into it.
func (b *SummaryBuilder) Finish(link LinkStats, skipped map[string]int) (*Summary, error) {
	defer b.spans.close()
	s := b.s
	s.Link = link
	s.Skipped = skipped
	s.BySize = b.buckets
	var cur uint64
	var curOutlet uint32
	var lo, hi int32
	have := false
	flush := func() {
		if !have {
			return
		}
		s.ClusteredDocs++
		b.outlets[b.names[curOutlet]].ReusedBytes += int64(hi - lo)
		s.ReusedBytes += int64(hi - lo)
	}
	err := b.spans.each(func(v *docSpan) error {
		switch {
		case !have || v.doc != cur:
			flush()
			cur, curOutlet, lo, hi, have = v.doc, v.outlet, v.start, v.end, true
		case v.start > hi: // a separate span of the same document
			b.outlets[b.names[curOutlet]].ReusedBytes += int64(hi - lo)
			s.ReusedBytes += int64(hi - lo)
			lo, hi = v.start, v.end
		default:
			hi = max(hi, v.end)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	flush()
	if s.Bytes > 0 {
		s.ReusedShare = round(float64(s.ReusedBytes) / float64(s.Bytes))
	}
	for _, name := range slices.Sorted(maps.Keys(b.outlets)) {
		o := *b.outlets[name]
		if o.Bytes > 0 {
			o.Share = round(float64(o.ReusedBytes) / float64(o.Bytes))
		}
		s.Outlets = append(s.Outlets, o)
	}
	for k, n := range b.copies {
		s.Copies = append(s.Copies, CopyEdge{From: k[0], To: k[1], Edges: n})
	}
	slices.SortFunc(s.Copies, func(x, y CopyEdge) int {
		if x.Edges != y.Edges {
			return cmp.Compare(y.Edges, x.Edges)
		}
		if c := cmp.Compare(x.From, y.From); c != 0 {
			return c
		}
		return cmp.Compare(x.To, y.To)
	})
	if s.Largest == nil {
		s.Largest = []Family{}
	}
	return &s, nil
}

// maxMatrix is the most outlets shown in the text form of the copy matrix.
const maxMatrix = 12

// WriteText writes the summary for a reader.
func (s *Summary) WriteText(w io.Writer) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("%d documents (%.1f MB, %d undated); %d clusters with %d members over %d documents; %.1f%% of the text is reused.\n",
		s.Documents, float64(s.Bytes)/1e6, s.Undated, s.Clusters, s.Members, s.ClusteredDocs, 100*s.ReusedShare)
	p("%d passages aligned; %d boilerplate passages in %d groups left out", s.Link.Passages, s.Link.BoilerplatePassages, s.Link.BoilerplateGroups)
	if s.Link.BoilerplateClusters > 0 {
		p(" (%d boilerplate clusters kept, marked)", s.Link.BoilerplateClusters)
	}
	p(".\n")
	if len(s.Skipped) > 0 {
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(s.Skipped)) {
			parts = append(parts, fmt.Sprintf("%s %d", k, s.Skipped[k]))
		}
		p("Skipped: %s.\n", strings.Join(parts, ", "))
	}
	p("\nClusters by size\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "members\tclusters\tdocuments\t\n")
	for _, bk := range s.BySize {
		r := fmt.Sprintf("%d-%d", bk.Min, bk.Max)
		switch {
		case bk.Max == 0:
			r = fmt.Sprintf("%d+", bk.Min)
		case bk.Min == bk.Max:
			r = fmt.Sprint(bk.Min)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t\n", r, bk.Clusters, bk.Members)
	}
	tw.Flush()
	if len(s.Largest) > 0 {
		p("\nLargest families\n")
		for _, f := range s.Largest {
			span := "undated"
			if f.First != "" {
				span = fmt.Sprintf("%s to %s, %.1f days", f.First[:10], f.Last[:10], f.Days)
			}
			p("  %4d members, %d outlets, %s, origin %s: %q\n", f.Size, f.Outlets, span, f.Origin, f.Text)
		}
	}
	if len(s.Outlets) > 0 {
		p("\nReused text by outlet\n")
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  outlet\tdocuments\tMB\treused\tcopied\tcopied from\n")
		for _, o := range s.Outlets {
			name := o.Outlet
			if name == "" {
				name = "(none)"
			}
			fmt.Fprintf(tw, "  %s\t%d\t%.1f\t%.1f%%\t%d\t%d\n", name, o.Documents, float64(o.Bytes)/1e6, 100*o.Share, o.Copied, o.CopiedFrom)
		}
		tw.Flush()
	}
	if len(s.Copies) > 0 {
		p("\nCopy matrix (rows: copied from; columns: copied by; edges of the copy trees)\n")
		outlets := map[string]int{}
		for _, e := range s.Copies {
			outlets[e.From] += e.Edges
			outlets[e.To] += e.Edges
		}
		names := slices.SortedFunc(maps.Keys(outlets), func(x, y string) int {
			if outlets[x] != outlets[y] {
				return cmp.Compare(outlets[y], outlets[x])
			}
			return cmp.Compare(x, y)
		})
		if len(names) > maxMatrix {
			p("(the %d outlets with most edges of %d)\n", maxMatrix, len(names))
			names = names[:maxMatrix]
		}
		cell := map[[2]string]int{}
		for _, e := range s.Copies {
			cell[[2]string{e.From, e.To}] = e.Edges
		}
		tw = tabwriter.NewWriter(&b, 0, 0, 1, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "\t")
		for _, n := range names {
			fmt.Fprintf(tw, "%s\t", clip(orNone(n), 14))
		}
		fmt.Fprintf(tw, "\n")
		for _, from := range names {
			fmt.Fprintf(tw, "%s\t", clip(orNone(from), 14))
			for _, to := range names {
				fmt.Fprintf(tw, "%d\t", cell[[2]string{from, to}])
			}
			fmt.Fprintf(tw, "\n")
		}
		tw.Flush()
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// clip shortens s to n runes on one line.
func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}
