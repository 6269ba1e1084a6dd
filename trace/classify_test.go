package trace

import (
	"testing"

	"github.com/stemmanews/stemma"
)

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		from, to string
		want     stemma.Change
	}{
		{"meeting", "encounter", stemma.Synonym},
		{"Russia", "Russian Federation", stemma.Entity},
		{"New York", "N.Y.", stemma.Entity},
		{"reported", "re-ported", stemma.Spelling},
		{"five", "seven", stemma.OtherChange},
	} {
		if got := Classify(nil, c.from, c.to); got != c.want {
			t.Errorf("Classify(%q, %q) = %s, want %s", c.from, c.to, got, c.want)
		}
	}
}
