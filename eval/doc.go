// Package eval scores stemma and its baselines on the project's quality
// suites. Its functions are pure: they compare what a method reported with
// ground truth and need no index.
//
// Two kinds of truth are scored:
//
//   - Passage reuse, on the PAN 2013 text-alignment corpus: [LoadPAN]
//     reads the shared files into a [PAN] whose [Case] spans are byte
//     offsets (the files give character offsets), and [PAN.Score] scores
//     [Detection] values, giving a [PANScore] with case recall, passage
//     precision, granularity and plagdet under an overlap tolerance, plus
//     PAN's official character-level measures.
//   - Near-duplicate documents, on BBC News and Reuters: [ScorePairs]
//     compares sets of unordered [DocPair] ids, such as [DocPairs] makes
//     from a baseline's output.
//
// Typical use:
//
//	pan, err := eval.LoadPAN(dataDir)
//	...
//	var dets []eval.Detection // one per passage the method reports
//	score := pan.Score(dets)
//	fmt.Printf("recall %.3f precision %.3f plagdet %.3f\n", score.Recall, score.Precision, score.Plagdet)
//
// Concurrency and cost: a loaded [PAN] is read-only and safe for
// concurrent use. Loading the shared corpus takes about 0.1 s; scoring
// costs O(detections × cases per pair) plus sorting the spans.
package eval
