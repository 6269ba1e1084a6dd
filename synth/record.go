package synth

import "github.com/stemmanews/stemma"

// Record is a copy as one line of JSONL: the document's fields (id, source,
// date, title, text, url), which package ingest reads like any other
// document, and its ground truth under "truth".
type Record struct {
	stemma.Doc
	Truth Truth `json:"truth"`
}

// Truth is the ground truth of a [Record].
type Truth struct {
	Kind           string          `json:"kind"`
	Segments       []Segment       `json:"segments"`
	Substitutions  []Substitution  `json:"substitutions"`
	Noise          []Substitution  `json:"noise,omitempty"`
	Rewordings     []Rewording     `json:"rewordings,omitempty"`
	Sentences      []SentenceTruth `json:"sentences"`
	SpinCandidates int             `json:"spin_candidates,omitempty"`
}

// Record returns c as a [Record].
func (c Copy) Record() Record {
	subs := c.Substitutions
	if subs == nil {
		subs = []Substitution{}
	}
	return Record{Doc: c.Doc, Truth: Truth{
		Kind: c.Kind, Segments: c.Segments, Substitutions: subs, Noise: c.Noise, Rewordings: c.Rewordings,
		Sentences: c.Sentences, SpinCandidates: c.SpinCandidates,
	}}
}
