package cluster

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/align"
	"github.com/stemmanews/stemma/thesaurus"
	"github.com/stemmanews/stemma/trace"
)

// PairPassage is one passage two texts share: the unit that clustering
// links. Text A has the smaller TextID. Token ranges are half-open ranges
// of word indexes; byte spans are offsets into each text.
type PairPassage struct {
	A, B           TextID
	A0, A1, B0, B1 int32
	SpanA, SpanB   stemma.Span
	// Matched counts the words that match exactly.
	Matched int32
	// Substitutions between the two sides, classified as trace classifies
	// them (see [trace.Classify]).
	Synonyms, Entities, Spelling, Other uint16
	// InfoA and InfoB describe the two texts.
	InfoA, InfoB TextInfo
}

// Similarity is 2·matched words / (words on both sides), in [0, 1], as in
// a trace report.
func (p *PairPassage) Similarity() float64 {
	n := p.A1 - p.A0 + p.B1 - p.B0
	if n == 0 {
		return 0
	}
	return 2 * float64(p.Matched) / float64(n)
}

// Swaps returns the synonym and entity swaps, the spinner's substitutions.
func (p *PairPassage) Swaps() int { return int(p.Synonyms) + int(p.Entities) }

// Spun applies trace's rule for a spun witness: at least
// stemma.SpinMinSwaps swaps, and more swaps than other changes.
func (p *PairPassage) Spun() bool {
	return p.Swaps() >= stemma.SpinMinSwaps && p.Swaps() > int(p.Other)
}

// side returns the token range and info of the passage in text t.
func (p *PairPassage) side(t TextID) (t0, t1 int32, span stemma.Span) {
	if t == p.A {
		return p.A0, p.A1, p.SpanA
	}
	return p.B0, p.B1, p.SpanB
}

// comparePassages orders passages canonically, so that every runner sees
// the passages of a cluster in the same order.
func comparePassages(x, y *PairPassage) int {
	if c := cmp.Compare(x.A, y.A); c != 0 {
		return c
	}
	if c := cmp.Compare(x.B, y.B); c != 0 {
		return c
	}
	if c := cmp.Compare(x.A0, y.A0); c != 0 {
		return c
	}
	if c := cmp.Compare(x.B0, y.B0); c != 0 {
		return c
	}
	if c := cmp.Compare(x.A1, y.A1); c != 0 {
		return c
	}
	return cmp.Compare(x.B1, y.B1)
}

// passageSize is the length of an encoded PairPassage.
const passageSize = 2*8 + 4*4 + 4*4 + 4 + 4*2 + 2*(4+4+8)

// MarshalBinary encodes the passage in passageSize bytes (big-endian, in
// field order), the form in which runners spill and shuffle passages.
func (p *PairPassage) MarshalBinary() ([]byte, error) {
	return p.appendBinary(make([]byte, 0, passageSize)), nil
}

func (p *PairPassage) appendBinary(b []byte) []byte {
	b = binary.BigEndian.AppendUint64(b, uint64(p.A))
	b = binary.BigEndian.AppendUint64(b, uint64(p.B))
	for _, v := range []int32{p.A0, p.A1, p.B0, p.B1,
		int32(p.SpanA.Start), int32(p.SpanA.End), int32(p.SpanB.Start), int32(p.SpanB.End), p.Matched} {
		b = binary.BigEndian.AppendUint32(b, uint32(v))
	}
	for _, v := range []uint16{p.Synonyms, p.Entities, p.Spelling, p.Other} {
		b = binary.BigEndian.AppendUint16(b, v)
	}
	for _, in := range []TextInfo{p.InfoA, p.InfoB} {
		b = binary.BigEndian.AppendUint32(b, uint32(in.Words))
		b = binary.BigEndian.AppendUint32(b, uint32(in.Docs))
		b = binary.BigEndian.AppendUint64(b, in.Source)
	}
	return b
}

// UnmarshalBinary decodes a passage encoded by MarshalBinary.
func (p *PairPassage) UnmarshalBinary(b []byte) error {
	if len(b) != passageSize {
		return fmt.Errorf("%w: passage record of %d bytes, want %d", ErrCorrupt, len(b), passageSize)
	}
	p.decode(b)
	return nil
}

func (p *PairPassage) decode(b []byte) {
	u64 := func() uint64 { v := binary.BigEndian.Uint64(b); b = b[8:]; return v }
	i32 := func() int32 { v := int32(binary.BigEndian.Uint32(b)); b = b[4:]; return v }
	u16 := func() uint16 { v := binary.BigEndian.Uint16(b); b = b[2:]; return v }
	p.A, p.B = TextID(u64()), TextID(u64())
	p.A0, p.A1, p.B0, p.B1 = i32(), i32(), i32(), i32()
	p.SpanA = stemma.Span{Start: int(i32()), End: int(i32())}
	p.SpanB = stemma.Span{Start: int(i32()), End: int(i32())}
	p.Matched = i32()
	p.Synonyms, p.Entities, p.Spelling, p.Other = u16(), u16(), u16(), u16()
	for _, in := range []*TextInfo{&p.InfoA, &p.InfoB} {
		in.Words, in.Docs, in.Source = i32(), i32(), u64()
	}
}

// Pairer aligns pairs of prepared texts into [PairPassage] values. It
// reuses its buffers and is not safe for concurrent use; use one per
// goroutine.
type Pairer struct {
	al *align.Aligner
	th *thesaurus.Thesaurus
}

// NewPairer returns a Pairer with the options' aligner settings.
func NewPairer(opts *Options) (*Pairer, error) {
	o := *opts
	o.EnsureDefaults()
	al, err := align.New(o.Align)
	if err != nil {
		return nil, err
	}
	th := o.Thesaurus
	if th == nil {
		th = thesaurus.Default()
	}
	return &Pairer{al: al, th: th}, nil
}

// Pair aligns two texts and appends the passages they share to dst. The
// texts may be given in either order; the passages are oriented with the
// smaller TextID as A, and alignment runs in that orientation, so every
// runner finds the same passages for the same pair.
func (x *Pairer) Pair(dst []PairPassage, a, b *Prepared, ia, ib TextInfo) []PairPassage {
	if b.ID < a.ID {
		a, b = b, a
		ia, ib = ib, ia
	}
	x.al.SetLanguage(a.Lang)
	for _, aln := range x.al.Align(a.Text, a.Tokens, b.Text, b.Tokens) {
		p := PairPassage{
			A: a.ID, B: b.ID,
			A0: int32(aln.A0), A1: int32(aln.A1), B0: int32(aln.B0), B1: int32(aln.B1),
			SpanA:   span(a, aln.A0, aln.A1),
			SpanB:   span(b, aln.B0, aln.B1),
			Matched: int32(aln.Matched),
			InfoA:   ia, InfoB: ib,
		}
		for _, op := range aln.Ops {
			if op.Kind != stemma.Substitute {
				continue
			}
			x.count(&p, a, b, op)
		}
		dst = append(dst, p)
	}
	return dst
}

// count classifies one substitution as trace does: several words replaced
// by as many, unless variants or synonyms as a whole, count word by word.
func (x *Pairer) count(p *PairPassage, a, b *Prepared, op align.Op) {
	from := b.Text[b.Tokens[op.B0].Start:b.Tokens[op.B1-1].End]
	to := a.Text[a.Tokens[op.A0].Start:a.Tokens[op.A1-1].End]
	c := trace.Classify(x.th, from, to)
	if n := op.A1 - op.A0; c == stemma.OtherChange && n > 1 && n == op.B1-op.B0 {
		for k := range n {
			x.count(p, a, b, align.Op{Kind: stemma.Substitute, A0: op.A0 + k, A1: op.A0 + k + 1, B0: op.B0 + k, B1: op.B0 + k + 1})
		}
		return
	}
	switch c {
	case stemma.Synonym:
		p.Synonyms = inc(p.Synonyms)
	case stemma.Entity:
		p.Entities = inc(p.Entities)
	case stemma.Spelling:
		p.Spelling = inc(p.Spelling)
	default:
		p.Other = inc(p.Other)
	}
}

// inc adds one, saturating.
func inc(v uint16) uint16 {
	if v < math.MaxUint16 {
		v++
	}
	return v
}

// span converts a non-empty token range to a byte span.
func span(t *Prepared, t0, t1 int) stemma.Span {
	return stemma.Span{Start: int(t.Tokens[t0].Start), End: int(t.Tokens[t1-1].End)}
}
