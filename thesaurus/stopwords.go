package thesaurus

import "strings"

// stopwordList holds English function words: articles, pronouns,
// prepositions, conjunctions, auxiliaries, determiners and a few
// adverbs. It includes every word of the stopword list that package
// fingerprint builds its stopword n-grams from, so that a spin made by
// package synth (which never swaps a stopword) leaves those n-grams intact,
// as real spinners do.
const stopwordList = `a about above across after afterwards again against all almost alone
along already also although always am among amongst an and another any anyhow
anyone anything anyway anywhere are around as at be became because become
becomes becoming been before beforehand behind being below beside besides
between beyond both but by can cannot could did do does doing done down
during each either else elsewhere enough etc even ever every everyone
everything everywhere except few for former formerly from further had has
have having he hence her here hereafter hereby herein hers herself him
himself his how however i ie if in indeed into is it its itself just last
latter least less many may me meanwhile might mine more moreover most mostly
much must my myself neither never nevertheless next no nobody none noone nor
not nothing now nowhere of off often on once one only onto or other others
otherwise our ours ourselves out over own per perhaps please rather same
several she should since so some somehow someone something sometime
sometimes somewhere still such than that the their theirs them themselves
then thence there thereafter thereby therefore therein thereupon these they
this those though through throughout thru thus to together too toward
towards under unless until up upon us very via was we well were what
whatever when whence whenever where whereas whereby wherein whereupon
wherever whether which while whither who whoever whole whom whose why will
with within without would yet you your yours yourself yourselves`

var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(stopwordList) {
		m[w] = true
	}
	return m
}()

// IsStopword reports whether word, lowercased, is an English function word
// that spinners leave alone.
func IsStopword(word string) bool { return stopwords[Key(word)] }
