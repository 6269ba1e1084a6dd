package quote_test

import (
	"testing"

	"github.com/stemmanews/stemma/quote"
)

// TestSameSpeaker checks which phrases name the same speaker: a title of
// an office before a name does not stand for the person, and what follows a
// possessive belongs to its owner.
func TestSameSpeaker(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"Treasury Secretary James Baker", "Baker", true},
		{"a senior official", "the official", true},
		{"Baker", "Volcker", false},
		{"Secretary of State John Kerry", "Kerry", true},
		{"Secretary of State Rex Tillerson", "Tillerson", true},
		{"Secretary of State Rex Tillerson", "the secretary", false},
		{"Bank of England Governor Mark Carney", "Carney", true},
		{"Bank of France", "the Bank of France", true},
		{"Obama's Office of Management and Budget", "Obama", false},
		{"Trump's attorney", "Trump", false},
		{"Clinton's", "Hillary Clinton", true},
		{"he", "he", false},
	} {
		if got := quote.SameSpeaker(tc.a, tc.b); got != tc.same {
			t.Errorf("SameSpeaker(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}
