package cluster

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/zeebo/xxh3"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/tokenize"
)

// Basis says how a member's parent was chosen.
type Basis string

const (
	// Dated: the parent is dated before the member.
	Dated Basis = "dated"
	// DateTie: the parent is contemporaneous with the member (the same
	// instant, or the same day when either date gives only the day); it
	// comes first in the cluster's order, and priority is unknown.
	DateTie Basis = "date-tie"
	// Undated: the member has no date; the parent is its closest relative
	// among the dated members and the undated members ordered before it
	// (longer spans first).
	Undated Basis = "undated"
)

// Confidence factors by basis: a parent chosen without a date order is
// less certain however similar it is.
const (
	dateTieFactor = 0.75
	undatedFactor = 0.5
)

// Cluster is one reprint cluster: the documents that carry a passage, and
// its copy tree.
type Cluster struct {
	// ID is a 53-bit number derived from the cluster's first member by
	// (document ID, begin), the same whichever runner built it.
	ID int64
	// Members are in the cluster's order: dated members by date (then ID),
	// then undated ones, longer spans first (then ID). Members[0] is the
	// earliest witness, the likely origin.
	Members []Member
	// Boilerplate marks a cluster of passages that recur within one outlet.
	Boilerplate bool
	// First and Last are the earliest and latest dates of dated members,
	// zero when none is dated.
	First, Last time.Time
	// Outlets are the members' distinct sources, sorted.
	Outlets []string
}

// Member is one document's passage in a cluster and its place in the copy
// tree.
type Member struct {
	// Doc is the document's metadata; its Text is empty.
	Doc  stemma.Doc
	Text TextID
	// Span is the passage in the document's text, in bytes, and Words its
	// length in words.
	Span  stemma.Span
	Words int
	// Parent indexes Members: the member this one most likely copied from,
	// or -1 for a root.
	Parent int
	// Basis says how the parent was chosen; empty for a root.
	Basis Basis
	// Similarity is the alignment similarity with the parent over the
	// passage they share, and Containment the share of this member's span
	// that passage covers. The parent is the earlier member with the
	// highest Similarity × Containment.
	Similarity, Containment float64
	// Confidence is in [0, 1]: how clearly the parent beats the runner-up
	// (1 − (1−best)/(1−second), or the best score when there is no
	// runner-up), times 0.75 for a date tie and 0.5 for an undated member.
	Confidence float64
	// Spin counts the substitutions between this member and its parent.
	Spin Spin
}

// Spin sums up the substitutions between a member and its parent,
// classified as a trace report classifies them.
type Spin struct {
	Synonyms int  `json:"synonyms"`
	Entities int  `json:"entities"`
	Spelling int  `json:"spelling"`
	Other    int  `json:"other"`
	Spun     bool `json:"spun"`
}

// Lookup returns a text of the corpus by its ID, with its documents.
type Lookup func(id TextID) (*Text, error)

// hull is a text's range in a cluster.
type hull struct {
	t0, t1 int32
	span   stemma.Span
}

// Build builds a cluster from a [Component]: its members (one per
// document of each text, spanning the hull of the text's passages in the
// cluster) and its copy tree. It depends only on the component's content,
// not on the order of its passages, so both runners build the same
// cluster.
//
// The copy tree: each member's parent is, among the members ordered
// before it, the one with the highest Similarity × Containment over a
// passage they share directly (an exact duplicate scores 1); ties go to the
// earlier member. A dated member's candidates are the dated members before
// it (dated earlier, or the same date and an earlier ID, "date-tie"); an
// undated member's are every dated member and the undated members ordered
// before it ("undated"). A member with no candidate is a root.
func Build(c *Component, lookup Lookup) (*Cluster, error) {
	texts := make(map[TextID]*Text, len(c.Texts))
	for _, id := range c.Texts {
		t, err := lookup(id)
		if err != nil {
			return nil, fmt.Errorf("cluster: text %016x: %w", uint64(id), err)
		}
		texts[id] = t
	}
	// Boilerplate is left out of every side: a header or footer that two
	// copies from one outlet share says nothing about who copied whom.
	trims := map[TextID][]Region{}
	for _, r := range c.Trim {
		trims[r.Text] = append(trims[r.Text], r)
	}
	trim := func(t TextID, t0, t1 int32) (int32, int32) {
		for _, r := range trims[t] {
			if r.T0 <= t0 && t0 < r.T1 {
				t0 = r.T1
			}
			if r.T0 < t1 && t1 <= r.T1 {
				t1 = r.T0
			}
		}
		return t0, t1
	}
	hulls := make(map[TextID]*hull, len(c.Texts))
	grow := func(t TextID, t0, t1 int32, sp stemma.Span) {
		if h, ok := hulls[t]; ok {
			h.t0, h.t1 = min(h.t0, t0), max(h.t1, t1)
			h.span.Start, h.span.End = min(h.span.Start, sp.Start), max(h.span.End, sp.End)
		} else {
			hulls[t] = &hull{t0, t1, sp}
		}
	}
	adj := map[[2]TextID][]int{} // texts → passages between them
	for i := range c.Passages {
		p := &c.Passages[i]
		for _, t := range []TextID{p.A, p.B} {
			t0, t1, sp := p.side(t)
			if a0, a1 := trim(t, t0, t1); a1 > a0 {
				grow(t, a0, a1, sp) // the bytes are fixed below for trimmed texts
			}
		}
		adj[[2]TextID{p.A, p.B}] = append(adj[[2]TextID{p.A, p.B}], i)
	}
	for i := range c.Passages { // a text whose every side is boilerplate keeps them
		p := &c.Passages[i]
		for _, t := range []TextID{p.A, p.B} {
			if _, ok := hulls[t]; !ok {
				delete(trims, t)
				t0, t1, sp := p.side(t)
				grow(t, t0, t1, sp)
			}
		}
	}
	for t, h := range hulls {
		if len(trims[t]) == 0 {
			continue
		}
		toks := tokenize.Tokens(texts[t].Text)
		if int(h.t1) > len(toks) || h.t0 < 0 || h.t0 >= h.t1 {
			return nil, fmt.Errorf("%w: passage words %d-%d of a text of %d words", ErrCorrupt, h.t0, h.t1, len(toks))
		}
		h.span = stemma.Span{Start: int(toks[h.t0].Start), End: int(toks[h.t1-1].End)}
	}
	if len(c.Passages) == 0 {
		for _, id := range c.Texts { // exact duplicates only: the whole text
			toks := tokenize.Tokens(texts[id].Text)
			if len(toks) == 0 {
				hulls[id] = &hull{}
				continue
			}
			hulls[id] = &hull{0, int32(len(toks)), stemma.Span{Start: int(toks[0].Start), End: int(toks[len(toks)-1].End)}}
		}
	}

	cl := &Cluster{Boilerplate: c.Boilerplate}
	for _, id := range c.Texts {
		h := hulls[id]
		for _, d := range texts[id].Docs {
			d.Text = ""
			cl.Members = append(cl.Members, Member{Doc: d, Text: id, Span: h.span, Words: int(h.t1 - h.t0), Parent: -1})
		}
	}
	slices.SortFunc(cl.Members, memberOrder)

	// Each text's members, in cluster order, and each text's neighbours.
	byText := map[TextID][]int{}
	for i, m := range cl.Members {
		byText[m.Text] = append(byText[m.Text], i)
	}
	neighbours := map[TextID][]TextID{}
	for k := range adj {
		neighbours[k[0]] = append(neighbours[k[0]], k[1])
		neighbours[k[1]] = append(neighbours[k[1]], k[0])
	}
	for t := range neighbours {
		slices.Sort(neighbours[t])
	}

	var cover [][2]int32
	for i := range cl.Members {
		m := &cl.Members[i]
		h := hulls[m.Text]
		type cand struct {
			j         int
			sim, cont float64
			score     float64
			spin      Spin
		}
		best, second := cand{j: -1}, -1.0
		consider := func(u TextID, sim, cont float64, spin Spin) {
			score := sim * cont
			first := true // only the earliest eligible member of a text competes for best
			for _, j := range byText[u] {
				if j >= i {
					break
				}
				if m.Doc.Dated() && !cl.Members[j].Doc.Dated() {
					continue
				}
				if !first {
					second = max(second, score)
					continue
				}
				first = false
				switch {
				case best.j < 0 || score > best.score || score == best.score && j < best.j:
					if best.j >= 0 {
						second = max(second, best.score)
					}
					best = cand{j: j, sim: sim, cont: cont, score: score, spin: spin}
				default:
					second = max(second, score)
				}
			}
		}
		consider(m.Text, 1, 1, Spin{})
		for _, u := range neighbours[m.Text] {
			key := [2]TextID{min(m.Text, u), max(m.Text, u)}
			// All the passages the two texts share: the words of this
			// member's span they cover, and their similarity together.
			var matched float64
			var words int32
			var spin Spin
			cover = cover[:0]
			for _, pi := range adj[key] {
				p := &c.Passages[pi]
				t0, t1, _ := p.side(m.Text)
				u0, u1, _ := p.side(u)
				a0, a1 := trim(m.Text, t0, t1)
				b0, b1 := trim(u, u0, u1)
				if a1 <= a0 || b1 <= b0 {
					continue
				}
				// The words trimmed off both sides were boilerplate, taken
				// as matched against boilerplate.
				matched += max(0, float64(p.Matched)-float64(t1-t0-(a1-a0)+u1-u0-(b1-b0))/2)
				words += a1 - a0 + b1 - b0
				if lo, hi := max(a0, h.t0), min(a1, h.t1); hi > lo {
					cover = append(cover, [2]int32{lo, hi})
				}
				spin.Synonyms += int(p.Synonyms)
				spin.Entities += int(p.Entities)
				spin.Spelling += int(p.Spelling)
				spin.Other += int(p.Other)
			}
			if words == 0 {
				continue
			}
			sim := min(1, 2*matched/float64(words))
			cont := 0.0
			if h.t1 > h.t0 {
				cont = float64(unionLen(cover)) / float64(h.t1-h.t0)
			}
			swaps := spin.Synonyms + spin.Entities
			spin.Spun = swaps >= stemma.SpinMinSwaps && swaps > spin.Other
			consider(u, sim, cont, spin)
		}
		if best.j < 0 {
			continue
		}
		m.Parent = best.j
		m.Similarity, m.Containment = round(best.sim), round(best.cont)
		parent := &cl.Members[best.j]
		switch {
		case !m.Doc.Dated():
			m.Basis = Undated
		case stemma.ComparePublished(&parent.Doc, &m.Doc) == 0:
			m.Basis = DateTie
		default:
			m.Basis = Dated
		}
		conf := best.score
		if second >= 0 {
			d1, d2 := 1-best.score, 1-second
			switch {
			case d2 <= 0:
				conf = 0 // two perfect parents: no telling which
			default:
				conf = max(0, 1-d1/d2)
			}
		}
		switch m.Basis {
		case DateTie:
			conf *= dateTieFactor
		case Undated:
			conf *= undatedFactor
		}
		m.Confidence = round(conf)
		m.Spin = best.spin
	}

	outlets := map[string]bool{}
	first := 0
	for i, m := range cl.Members {
		if m.Doc.Source != "" {
			outlets[m.Doc.Source] = true
		}
		if m.Doc.Dated() {
			if cl.First.IsZero() || m.Doc.Date.Before(cl.First) {
				cl.First = m.Doc.Date
			}
			if m.Doc.Date.After(cl.Last) {
				cl.Last = m.Doc.Date
			}
		}
		f := &cl.Members[first]
		if m.Doc.ID < f.Doc.ID || m.Doc.ID == f.Doc.ID && m.Span.Start < f.Span.Start {
			first = i
		}
	}
	if len(cl.Members) > 0 {
		cl.ID = clusterID(cl.Members[first].Doc.ID, cl.Members[first].Span)
	}
	for o := range outlets {
		cl.Outlets = append(cl.Outlets, o)
	}
	slices.Sort(cl.Outlets)
	return cl, nil
}

// unionLen returns the number of positions the ranges cover; it sorts
// them.
func unionLen(rs [][2]int32) int32 {
	slices.SortFunc(rs, func(a, b [2]int32) int { return cmp.Compare(a[0], b[0]) })
	var n, end int32
	for i, r := range rs {
		if i == 0 || r[0] > end {
			n += r[1] - r[0]
			end = r[1]
		} else if r[1] > end {
			n += r[1] - end
			end = r[1]
		}
	}
	return n
}

// memberOrder is the cluster order: dated members by date, then undated
// members by span length (longest first), then by document ID and span.
func memberOrder(a, b Member) int {
	if c := stemma.CompareDateKeys(&a.Doc, &b.Doc); c != 0 {
		return c
	}
	if !a.Doc.Dated() && a.Words != b.Words {
		return cmp.Compare(b.Words, a.Words)
	}
	if c := cmp.Compare(a.Doc.ID, b.Doc.ID); c != 0 {
		return c
	}
	return cmp.Compare(a.Span.Start, b.Span.Start)
}

// clusterID derives a cluster's number from its first member.
func clusterID(docID string, sp stemma.Span) int64 {
	b := make([]byte, 0, len(docID)+24)
	b = append(b, docID...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(sp.Start), 10)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(sp.End), 10)
	return int64(xxh3.Hash(b) & (1<<53 - 1))
}

// uid is passim's numeric document ID: a 53-bit hash of the ID.
func uid(docID string) int64 { return int64(xxh3.HashString(docID) & (1<<53 - 1)) }

// round keeps four decimals, so that output is stable and short.
func round(x float64) float64 {
	return float64(int64(x*10000+0.5)) / 10000
}
