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
	src := longA + " " + short + " " + longB
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
