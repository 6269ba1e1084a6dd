package trace

import (
	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/thesaurus"
)

// Classify says what kind of substitution turns the source words from into
// the words to: an entity renaming, a synonym swap, a spelling variant or
// another change. It is the classifier behind every [stemma.Edit.Change]
// in a report, exported so that other packages (package cluster, which
// sums up the spin between a copy and its parent) classify exactly as a
// trace does. A nil thesaurus means [thesaurus.Default].
func Classify(th *thesaurus.Thesaurus, from, to string) stemma.Change {
	if th == nil {
		th = thesaurus.Default()
	}
	return classify(th, from, to)
}
