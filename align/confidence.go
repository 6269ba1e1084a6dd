package align

import "math"

// The confidence of a paraphrased passage is a logistic model of its
// features, fitted on the passages that sentence alignment finds in the
// PAN 2013 text-alignment *training* corpus (every part: no plagiarism,
// no obfuscation, random and summary obfuscation), a passage counting as
// reuse when at least half of its article side lies in a true case. The
// test corpus was not used. `stemma eval --only calibration` refits it
// (the passages are collected with MinConfidence near 0) and reports how
// well the probabilities hold on the test corpus.
var confidenceWeights = [...]float64{-8.269, 3.677, 1.793, 0.944, 1.533, -0.857, 1.367}

// ConfidenceWeights returns the weights of the confidence model, in the
// order of [ConfidenceFeatures].
func ConfidenceWeights() []float64 { return confidenceWeights[:] }

// ConfidenceFeatures returns the features the confidence of a paraphrased
// passage is computed from, for refitting the model (package bench).
func ConfidenceFeatures(al *Alignment) []float64 {
	f := al.confidenceFeatures()
	return f[:]
}

// confidenceFeatures are the passage's features, in the order of
// confidenceWeights: a constant, its similarity, the cosine of its two
// sides, log(matched words + 1), log(shared content words), the ratio of
// its shorter side to its longer, log(similar sentence pairs).
func (al *Alignment) confidenceFeatures() [len(confidenceWeights)]float64 {
	na, nb := float64(al.A1-al.A0), float64(al.B1-al.B0)
	return [...]float64{1, al.Similarity(), al.Cosine, math.Log(float64(al.Matched) + 1),
		math.Log(float64(max(al.Shared, 1))), min(na, nb) / max(na, nb, 1), math.Log(float64(max(al.Sentences, 1)))}
}

// Confidence is the estimated probability that a paraphrased passage is
// reuse and not two texts on one subject, in [0, 1]; 1 for a passage found
// by exact matches.
func (al *Alignment) Confidence() float64 {
	if !al.Paraphrase {
		return 1
	}
	f := al.confidenceFeatures()
	z := 0.0
	for i, w := range confidenceWeights {
		z += w * f[i]
	}
	return 1 / (1 + math.Exp(-z))
}
