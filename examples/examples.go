// Package examples embeds stemma's bundled example: a sample of
// Reuters-21578 stories (see NOTICE) and an article stitched from them with
// a few words changed, so `stemma demo` runs anywhere.
package examples

import _ "embed"

// Corpus is the example corpus as JSONL.
//
//go:embed reuters-sample.jsonl
var Corpus []byte

// Article is the example article, stitched from four stories of Corpus.
//
//go:embed article.txt
var Article string

// Brief condenses reuters-1 of Corpus, twenty sentences on the Bahia
// cocoa crop, in five short sentences, each reworded from another part of
// the story (its sentences 1, 9, 12, 18 and 20): with paraphrase
// alignment, one passage of class summary. It was written for stemma.
//
//go:embed brief.txt
var Brief string

// ArticleTruth is the JSON ground truth of Article: which span came from
// which story, and every word changed.
//
//go:embed article.truth.json
var ArticleTruth []byte

// FrenchStory is a short French news story, and FrenchRewording the same
// story reworded sentence by sentence: other inflections of the same
// words ("annonçait" for "annoncé"), singulars for plurals, and one
// sentence kept nearly as written. Both were written for stemma: with
// paraphrase alignment in French, the rewording is one passage from its
// second word.
var (
	//go:embed fr-story.txt
	FrenchStory string
	//go:embed fr-rewording.txt
	FrenchRewording string
)
