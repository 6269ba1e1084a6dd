package eval

import "github.com/stemmanews/stemma/baseline"

// DocPair is an unordered pair of document ids, kept with A < B so that
// equal pairs compare equal. Make one with [NewDocPair].
type DocPair struct {
	A, B string
}

// NewDocPair returns the pair of a and b in either order.
func NewDocPair(a, b string) DocPair {
	if b < a {
		a, b = b, a
	}
	return DocPair{A: a, B: b}
}

// DocPairs names the documents of baseline pairs by their ids: ids[i] is
// the id of the document at index i of the baseline's input.
func DocPairs(ids []string, pairs []baseline.Pair) []DocPair {
	out := make([]DocPair, len(pairs))
	for i, p := range pairs {
		out[i] = NewDocPair(ids[p.A], ids[p.B])
	}
	return out
}

// PairScore compares a set of found pairs with a set of true pairs.
type PairScore struct {
	// Truth and Found are the numbers of distinct pairs in each set, and
	// Hit the number in both.
	Truth, Found, Hit int
	// Recall is Hit / Truth and Precision Hit / Found (0 when the set is
	// empty).
	Recall, Precision float64
}

// ScorePairs scores found against truth. Both are read as sets of
// unordered pairs: order within a pair and repeats do not matter, and a
// document paired with itself is ignored.
func ScorePairs(truth, found []DocPair) PairScore {
	t, f := pairSet(truth), pairSet(found)
	s := PairScore{Truth: len(t), Found: len(f)}
	for p := range f {
		if t[p] {
			s.Hit++
		}
	}
	s.Recall = ratio(s.Hit, s.Truth)
	s.Precision = ratio(s.Hit, s.Found)
	return s
}

// PairRecall returns the share of the true pairs that were found; see
// [ScorePairs].
func PairRecall(truth, found []DocPair) float64 {
	return ScorePairs(truth, found).Recall
}

func pairSet(pairs []DocPair) map[DocPair]bool {
	set := make(map[DocPair]bool, len(pairs))
	for _, p := range pairs {
		if p.A != p.B {
			set[NewDocPair(p.A, p.B)] = true
		}
	}
	return set
}
