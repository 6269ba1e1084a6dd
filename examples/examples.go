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

// ArticleTruth is the JSON ground truth of Article: which span came from
// which story, and every word changed.
//
//go:embed article.truth.json
var ArticleTruth []byte
