package fingerprint

import (
	"strings"
	"testing"

	"github.com/stemmanews/stemma/tokenize"
)

// TestIsStopword: every listed function word is in the table, in any case,
// and words that are not listed are not.
func TestIsStopword(t *testing.T) {
	listed := strings.Fields(stopwordList)
	n := 0
	for _, s := range stopTerms.slots {
		if s != 0 {
			n++
		}
	}
	if n != len(listed) {
		t.Errorf("%d terms in the table for %d listed words", n, len(listed))
	}
	for _, w := range append(listed, "The", "WITH", "Would") {
		if h, _ := tokenize.Term(w); !IsStopword(h) {
			t.Errorf("%q is not a stopword", w)
		}
	}
	for _, w := range []string{"Russia", "said", "oil", "theirs", "ab", "tho", "1987", "wouldn't"} {
		if h, _ := tokenize.Term(w); IsStopword(h) {
			t.Errorf("%q is a stopword", w)
		}
	}
	if IsStopword(0) {
		t.Error("term hash 0 is a stopword")
	}
}
