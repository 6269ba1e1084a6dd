package index

import (
	"cmp"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
)

// writeTestSegment writes postings (hash values of hbits bits, any order,
// repeats allowed) as a segment and opens it.
func writeTestSegment(t testing.TB, fs vfs.FS, hbits uint, ps []posting) (*segment, []posting) {
	t.Helper()
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b posting) int { return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.num, b.num)) })
	ps = slices.Compact(ps)
	lo, hi := ps[0].num, ps[0].num
	for _, p := range ps {
		lo, hi = min(lo, p.num), max(hi, p.num)
	}
	w, err := newSegmentWriter(fs, "seg", newSegHeader(hbits, uint64(len(ps)), lo, hi))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		w.add(p.hash, p.num)
	}
	if err := w.finish(); err != nil {
		t.Fatal(err)
	}
	s, err := openSegment(fs, "seg", 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.close() })
	return s, ps
}

func TestSegmentRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name  string
		hbits uint
		n     int
		docs  uint32
		dup   bool // many postings share a value
	}{
		{"one", 40, 1, 1, false},
		{"small", 40, 7, 3, false},
		{"commit", 40, 50_000, 600, false},
		{"shared values", 40, 20_000, 5000, true},
		{"wide values, one document", 60, 3000, 1, false},
		{"narrow values", 16, 30_000, 100_000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(tc.n), 7))
			ps := make([]posting, tc.n)
			for i := range ps {
				v := rng.Uint64() >> (64 - tc.hbits)
				if tc.dup && i > 0 && rng.IntN(3) > 0 {
					v = ps[rng.IntN(i)].hash
				}
				ps[i] = posting{v, 1000 + rng.Uint32N(tc.docs)}
			}
			s, ps := writeTestSegment(t, vfs.NewMem(), tc.hbits, ps)
			if err := s.verify(); err != nil {
				t.Fatal(err)
			}
			// Every posting reads back in order.
			it := s.iter()
			for i, want := range ps {
				v, num, ok := it.next()
				if !ok || v != want.hash || num != want.num {
					t.Fatalf("posting %d: (%x, %d, %v), want (%x, %d); err %v", i, v, num, ok, want.hash, want.num, it.err)
				}
			}
			if _, _, ok := it.next(); ok || it.err != nil {
				t.Fatalf("iterator goes on after %d postings (err %v)", len(ps), it.err)
			}
			// A lookup finds exactly the documents of its value.
			byValue := map[uint64][]uint32{}
			for _, p := range ps {
				byValue[p.hash] = append(byValue[p.hash], p.num)
			}
			probe := func(v uint64) {
				var got []uint32
				if err := s.lookup(v, func(n uint32) { got = append(got, n) }); err != nil {
					t.Fatalf("lookup %x: %v", v, err)
				}
				if !slices.Equal(got, byValue[v]) {
					t.Fatalf("lookup %x: %v, want %v", v, got, byValue[v])
				}
			}
			for i := 0; i < len(ps); i += 1 + len(ps)/2000 {
				probe(ps[i].hash)
			}
			for range 2000 {
				probe(rng.Uint64() >> (64 - tc.hbits)) // absent, mostly
			}
			probe(0)
			probe(lowMask(tc.hbits))
		})
	}
}

// TestSegmentSize: a posting costs about 2 + L + W bits.
func TestSegmentSize(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ps := make([]posting, 1<<20)
	for i := range ps {
		ps[i] = posting{rng.Uint64() >> 24, rng.Uint32N(1 << 14)}
	}
	s, _ := writeTestSegment(t, vfs.NewMem(), 40, ps)
	bitsPer := float64(len(s.data)*8) / float64(s.n)
	// L = 40 − 20 = 20, W = 14: 36 bits, and 2–3 for the unary part.
	if s.l != 20 || s.w != 14 || bitsPer < 36 || bitsPer > 38.5 {
		t.Errorf("L %d, W %d, %.2f bits a posting; want 20, 14 and 36–38.5", s.l, s.w, bitsPer)
	}
}

// TestSegmentCorrupt: a damaged file is refused at open, or fails its
// checksums, and no lookup panics.
func TestSegmentCorrupt(t *testing.T) {
	fs := vfs.NewMem()
	rng := rand.New(rand.NewPCG(3, 4))
	ps := make([]posting, 5000)
	for i := range ps {
		ps[i] = posting{rng.Uint64() >> 24, rng.Uint32N(300)}
	}
	s, ps := writeTestSegment(t, fs, 40, ps)
	good := slices.Clone(s.data)
	for _, off := range []int{0, 9, 20, 40, segHeaderLen + 3, len(good) / 2, len(good) - 30, len(good) - 2} {
		bad := slices.Clone(good)
		bad[off] ^= 0x5a
		f, _ := fs.Create("bad", vfs.WriteCategoryUnspecified)
		f.Write(bad)
		f.Close()
		b, err := openSegment(fs, "bad", 2)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("byte %d flipped: open error %v is not ErrCorrupt", off, err)
			}
			continue
		}
		if err := b.verify(); !errors.Is(err, ErrCorrupt) {
			t.Errorf("byte %d flipped: verify says %v", off, err)
		}
		for _, p := range ps[:200] {
			b.lookup(p.hash, func(uint32) {})
		}
		b.close()
	}
	// Truncated.
	f, _ := fs.Create("short", vfs.WriteCategoryUnspecified)
	f.Write(good[:len(good)-100])
	f.Close()
	if _, err := openSegment(fs, "short", 3); !errors.Is(err, ErrCorrupt) {
		t.Errorf("truncated segment: %v", err)
	}
}

// openDamaged writes a copy of s with the byte at flip (modulo its size)
// changed by xor|1, and opens it.
func openDamaged(fs vfs.FS, s *segment, flip int, xor uint8) (*segment, error) {
	bad := slices.Clone(s.data)
	bad[flip%len(bad)] ^= xor | 1
	g, err := fs.Create("bad", vfs.WriteCategoryUnspecified)
	if err != nil {
		return nil, err
	}
	g.Write(bad)
	g.Close()
	return openSegment(fs, "bad", s.seq+1)
}

// FuzzSegment writes the postings the input describes, reads them back,
// then damages the file where the input says and reads it again: never a
// panic.
func FuzzSegment(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, uint8(40), uint16(100), uint8(0))
	f.Add([]byte{255, 0, 255, 0, 1, 1, 1, 1}, uint8(16), uint16(7), uint8(3))
	f.Add(make([]byte, 64), uint8(60), uint16(9000), uint8(200))
	f.Fuzz(func(t *testing.T, in []byte, hb uint8, flip uint16, xor uint8) {
		hbits := 16 + uint(hb)%45
		var ps []posting
		for i := 0; i+6 <= len(in) && len(ps) < 4000; i += 6 {
			v := uint64(in[i]) | uint64(in[i+1])<<8 | uint64(in[i+2])<<16 | uint64(in[i+3])<<56
			ps = append(ps, posting{v >> (64 - hbits), uint32(in[i+4]) | uint32(in[i+5])<<8})
		}
		if len(ps) == 0 {
			return
		}
		fs := vfs.NewMem()
		s, ps := writeTestSegment(t, fs, hbits, ps)
		if err := s.verify(); err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			found := false
			if err := s.lookup(p.hash, func(n uint32) { found = found || n == p.num }); err != nil || !found {
				t.Fatalf("posting %+v not found (%v)", p, err)
			}
		}
		if b, err := openDamaged(fs, s, int(flip), xor); err == nil {
			b.verify()
			for _, p := range ps {
				b.lookup(p.hash, func(uint32) {})
			}
			it := b.iter()
			for _, _, ok := it.next(); ok; _, _, ok = it.next() {
			}
			b.close()
		}
	})
}

// TestTail: the finishing merge takes the newest segments that fit its
// budget together, and only a run of two or more.
func TestTail(t *testing.T) {
	segs := func(ns ...uint64) []*segment {
		var out []*segment
		for _, n := range ns {
			out = append(out, &segment{segHeader: segHeader{n: n}})
		}
		return out
	}
	for _, c := range []struct {
		ns     []uint64
		budget uint64
		want   int // segments taken
	}{
		{[]uint64{100, 10, 10, 5}, 25, 3},
		{[]uint64{100, 10, 10, 5}, 24, 2},
		{[]uint64{100, 10, 10, 5}, 200, 4},
		{[]uint64{100, 10, 10, 5}, 14, 0}, // only the last fits
		{[]uint64{100, 50}, 60, 0},        // one segment is no merge
		{nil, 10, 0},
	} {
		ss := segs(c.ns...)
		got := tail(ss, c.budget)
		if len(got) != c.want || len(got) > 0 && &got[len(got)-1] != &ss[len(ss)-1] {
			t.Errorf("tail(%v, %d) took %d segments, want the last %d", c.ns, c.budget, len(got), c.want)
		}
	}
}
