package eval_test

import (
	"fmt"
	"strings"

	"github.com/stemmanews/stemma"
	"github.com/stemmanews/stemma/eval"
)

func ExamplePAN_Score() {
	text := strings.Repeat("x", 1000)
	pan := eval.NewPAN(
		map[string]string{"susp": text, "src": text},
		[]eval.PANPair{{Suspicious: "susp", Source: "src"}},
		[]eval.Case{{
			Suspicious: "susp", Source: "src",
			SuspiciousSpan: stemma.Span{Start: 100, End: 500},
			SourceSpan:     stemma.Span{Start: 0, End: 400},
		}},
	)
	// The case is found in two halves.
	score := pan.Score([]eval.Detection{
		{Suspicious: "susp", Source: "src", SuspiciousSpan: stemma.Span{Start: 100, End: 300}, SourceSpan: stemma.Span{Start: 0, End: 200}},
		{Suspicious: "susp", Source: "src", SuspiciousSpan: stemma.Span{Start: 300, End: 500}, SourceSpan: stemma.Span{Start: 200, End: 400}},
	})
	fmt.Printf("recall %.2f precision %.2f granularity %.0f plagdet %.2f\n",
		score.Recall, score.Precision, score.Granularity, score.Plagdet)
	// Output:
	// recall 1.00 precision 1.00 granularity 2 plagdet 0.63
}
