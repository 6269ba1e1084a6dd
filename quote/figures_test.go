package quote

import (
	"testing"
	"unicode"
)

// FuzzFigures checks the reading of figures in a quote: never a panic,
// each figure's digits are digits of the text, and a text has no figure
// that it lacks itself.
func FuzzFigures(f *testing.F) {
	for _, s := range []string{"1,5 Prozent und 360.000 Stellen", "360 000 emplois", "1.5 percent", "COVID19, 3D, 2018.", "", "\xff1\u00a0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, n := range figures(s) {
			if n[0] == "" {
				t.Fatalf("figure %q has no digits", n[1])
			}
			for _, r := range n[0] {
				if !unicode.IsDigit(r) {
					t.Fatalf("figure %q: %q is not a digit", n[1], r)
				}
			}
		}
		if a, b := differentFigures(s, s); len(a)+len(b) > 0 {
			t.Fatalf("%q differs from itself: %v, %v", s, a, b)
		}
	})
}
