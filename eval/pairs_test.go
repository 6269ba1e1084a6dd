package eval

import (
	"testing"

	"github.com/stemmanews/stemma/baseline"
)

func TestScorePairs(t *testing.T) {
	truth := []DocPair{NewDocPair("a", "b"), NewDocPair("c", "b"), {"d", "e"}, NewDocPair("a", "b")}
	found := []DocPair{
		{"b", "a"}, // reversed, still a hit
		NewDocPair("a", "b"),
		NewDocPair("x", "y"),
		NewDocPair("e", "d"),
		{"z", "z"}, // a document with itself: ignored
	}
	got := ScorePairs(truth, found)
	want := PairScore{Truth: 3, Found: 3, Hit: 2, Recall: 2.0 / 3, Precision: 2.0 / 3}
	if got != want {
		t.Errorf("ScorePairs = %+v, want %+v", got, want)
	}
	if r := PairRecall(truth, found); r != 2.0/3 {
		t.Errorf("PairRecall = %v", r)
	}
	if got := ScorePairs(nil, nil); got != (PairScore{}) {
		t.Errorf("ScorePairs of nothing = %+v", got)
	}
}

func TestDocPairs(t *testing.T) {
	ids := []string{"reuters-9", "reuters-10", "reuters-11"}
	got := DocPairs(ids, []baseline.Pair{{A: 0, B: 1, Jaccard: 0.9}, {A: 1, B: 2, Jaccard: 1}})
	want := []DocPair{{"reuters-10", "reuters-9"}, {"reuters-10", "reuters-11"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("DocPairs = %v, want %v", got, want)
	}
}
