package spin

import (
	"fmt"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/freq"
	"github.com/stemmanews/stemma/tokenize"
)

// nameUse is an entity name in running prose and the slots of the corpus
// counts of it and of the other names of its entity.
type nameUse struct {
	name        string
	first, last int // tokens
	self        int
	others      []string
	slots       []int
}

// nameCandidates finds every entity name in running prose (freq.Names)
// and queues the counts of all the names of its entities.
func (f *Finder) nameCandidates(text string, toks []tokenize.Token, ws []word, q *query) []nameUse {
	var out []nameUse
	freq.Names(text, toks, func(name string, first, last int) {
		if ws[first].skip {
			return
		}
		u := nameUse{name: name, first: first, last: last, self: q.add(freq.Name(name))}
		for _, g := range f.byName[name] {
			for _, o := range f.groups[g] {
				if o != name && !contains(u.others, o) {
					u.others = append(u.others, o)
					u.slots = append(u.slots, q.add(freq.Name(o)))
				}
			}
		}
		if len(u.others) > 0 {
			out = append(out, u)
		}
	})
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// nameTell returns the tell of a name the corpus hardly writes where it
// writes another name of the same entity often: the other at least
// Options.MinName times, and this one at most Options.RareName times or
// Options.NameRatio times less often.
func (f *Finder) nameTell(text string, toks []tokenize.Token, u nameUse, q *query) (stemma.Tell, bool) {
	self := q.n(u.self)
	best, bestN := "", int64(0)
	for i, o := range u.others {
		if n := q.n(u.slots[i]); n > bestN {
			best, bestN = o, n
		}
	}
	if bestN < f.opts.MinName || self > f.opts.RareName && float64(bestN) < f.opts.NameRatio*float64(self) {
		return stemma.Tell{}, false
	}
	// The span ends where the name does, its trailing dot included.
	span := stemma.Span{Start: int(toks[u.first].Start), End: int(toks[u.last].End)}
	if u.name[len(u.name)-1] == '.' && span.End < len(text) && text[span.End] == '.' {
		span.End++
	}
	return stemma.Tell{
		Article: span, Text: text[span.Start:span.End], Kind: stemma.EntityVariant,
		Reason: fmt.Sprintf("the indexed news calls this %q %s in running prose and %q %s: a form spinners swap in",
			best, times(bestN), u.name, times(self)),
	}, true
}
