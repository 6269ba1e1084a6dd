package align_test

import (
	"strings"
	"testing"

	"github.com/stemmanews/stemma/align"
	"github.com/stemmanews/stemma/tokenize"
)

// Sentences of the companion tests: two long ones that the exact aligner
// finds, and short ones it cannot find alone.
const (
	longA = "The central bank raised its discount rate to six pct on Tuesday after a long meeting."
	longB = "Dealers said the move had been widely expected by the money markets in the city today."
	short = "Prices rose again in March."
	other = "Something else entirely was written here by the copy's own reporter for its readers."
)

// words returns the token range of sentence s inside text.
func words(t *testing.T, text, s string) (int, int) {
	t.Helper()
	at := strings.Index(text, s)
	if at < 0 {
		t.Fatalf("%q not in %q", s, text)
	}
	toks := tokenize.Tokens(text)
	i0, i1 := -1, -1
	for i, tk := range toks {
		if int(tk.Start) >= at && i0 < 0 {
			i0 = i
		}
		if int(tk.End) <= at+len(s) {
			i1 = i + 1
		}
	}
	return i0, i1
}

// TestCompanions: a short sentence moved away from its neighbours is a
// passage of its own once its source shares a passage it sits next to;
// one reworded a little is still one; none is found without such a
// passage, away from it, or in a link line.
func TestCompanions(t *testing.T) {
	// In the source, two sentences on each side keep the short one away
	// from both long ones, so that it is not their neighbour in b (see
	// TestCompanionJoins).
	src := longA + " " + far("w", 2) + " " + short + " " + far("x", 2) + " " + longB
	for _, c := range []struct {
		name, copy, want string // want: the copy's sentence found as a companion, or ""
		substituted      bool
	}{
		{"moved", longB + " " + short + " " + longA, short, false},
		{"moved and spun", longB + " Prices climbed again in March. " + longA, "Prices climbed again in March.", true},
		{"no passage", short + " " + other, "", false},
		{"away from the passage", longB + " " + other + " " + short, "", false},
		{"link line", longB + " Read more: https://example.com/prices-rose-again-in-march", "", false},
		{"too different", longB + " Prices fell sharply in the spring. " + longA, "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			alns := alignTexts(t, align.Options{}, c.copy, src)
			var got *align.Alignment
			for i := range alns {
				if alns[i].A1-alns[i].A0 < 10 {
					got = &alns[i]
				}
			}
			if c.want == "" {
				if got != nil {
					t.Fatalf("companion %+v, want none", *got)
				}
				return
			}
			if got == nil {
				t.Fatalf("no companion for %q among %+v", c.want, alns)
			}
			a0, a1 := words(t, c.copy, c.want)
			b0, b1 := words(t, src, short)
			if got.A0 != a0 || got.A1 != a1 || got.B0 != b0 || got.B1 != b1 {
				t.Errorf("companion a[%d:%d] b[%d:%d], want a[%d:%d] b[%d:%d]", got.A0, got.A1, got.B0, got.B1, a0, a1, b0, b1)
			}
			subs := 0
			for _, op := range got.Ops {
				if op.Kind == substitute {
					subs++
				}
			}
			if (subs == 1) != c.substituted || got.Matched != a1-a0-subs {
				t.Errorf("ops %+v, matched %d; want %v substitution", got.Ops, got.Matched, c.substituted)
			}
		})
	}
}

// far returns n sentences of words no other text of these tests has,
// each longer than the exact aligner's largest gap.
func far(prefix string, n int) string {
	ss := make([]string, n)
	for i := range ss {
		ss[i] = filler(prefix+string(rune('a'+i)), align.DefaultMaxGap+2) + "."
	}
	return strings.Join(ss, " ")
}

// TestCompanionJoins: a companion next to a passage in both texts is
// joined to it, across a sentence the copy cut or as a neighbour the copy
// swapped with it, as one passage; it stays a passage of its own when two
// sentences lie between them in the source, or, swapped with its
// neighbour, when a word of it was swapped for a synonym.
func TestCompanionJoins(t *testing.T) {
	for _, c := range []struct {
		name, copy, src string
		// want: the passages, each as the copy's and the source's text
		// from its first to its last word, and the words matched.
		want    [][2]string
		matched []int
	}{
		{
			name: "cut sentence", copy: longA + " " + short + " " + longB,
			src:     longA + " " + far("w", 1) + " " + short + " " + far("x", 2) + " " + longB,
			want:    [][2]string{{longA + " " + short, longA + " " + far("w", 1) + " " + short}, {longB, longB}},
			matched: []int{16 + 5, 16},
		},
		{
			name: "two sentences cut", copy: longB + " " + longA + " " + short,
			src:     longA + " " + far("w", 2) + " " + short + " " + far("x", 2) + " " + longB,
			want:    [][2]string{{longB, longB}, {longA, longA}, {short, short}},
			matched: []int{16, 16, 5},
		},
		{
			name: "swapped neighbours", copy: longB + " " + short + " " + far("y", 2) + " " + longA,
			src:     longA + " " + far("w", 2) + " " + short + " " + longB,
			want:    [][2]string{{longB + " " + short, short + " " + longB}, {longA, longA}},
			matched: []int{16, 16},
		},
		{
			// The companion's synonym swap is kept as its own edit.
			name: "swapped neighbours, spun", copy: longB + " Prices climbed again in March. " + far("y", 2) + " " + longA,
			src:     longA + " " + far("w", 2) + " " + short + " " + longB,
			want:    [][2]string{{longB, longB}, {"Prices climbed again in March.", short}, {longA, longA}},
			matched: []int{16, 4, 16},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			alns := alignTexts(t, align.Options{}, c.copy, c.src)
			if len(alns) != len(c.want) {
				t.Fatalf("%d passages %+v, want %d", len(alns), alns, len(c.want))
			}
			for k, w := range c.want {
				a0, a1 := words(t, c.copy, w[0])
				b0, b1 := words(t, c.src, w[1])
				if x := alns[k]; x.A0 != a0 || x.A1 != a1 || x.B0 != b0 || x.B1 != b1 || x.Matched != c.matched[k] {
					t.Errorf("passage %d: a[%d:%d] b[%d:%d] matched %d, want a[%d:%d] b[%d:%d] matched %d",
						k, x.A0, x.A1, x.B0, x.B1, x.Matched, a0, a1, b0, b1, c.matched[k])
				}
			}
		})
	}
}
