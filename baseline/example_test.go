package baseline_test

import (
	"fmt"

	"github.com/stemmanews/stemma/baseline"
)

func ExampleExactPairs() {
	texts := []string{
		"Oil prices rose on Monday as traders bet on tighter supply.",
		"OIL PRICES ROSE ON MONDAY, as traders bet on tighter supply!",
		"Oil prices rose on Monday as traders bet on weaker demand.",
		"The central bank left interest rates unchanged.",
	}
	pairs, err := baseline.ExactPairs(texts, 5, 0.5)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range pairs {
		fmt.Printf("%d %d %.2f\n", p.A, p.B, p.Jaccard)
	}
	// Output:
	// 0 1 1.00
	// 0 2 0.56
	// 1 2 0.56
}

func ExampleAllPairs() {
	texts := []string{
		"Oil prices rose on Monday as traders bet on tighter supply.",
		"OIL PRICES ROSE ON MONDAY, as traders bet on tighter supply!",
		"Oil prices rose on Monday as traders bet on weaker demand.",
	}
	pairs, err := baseline.AllPairs(texts, baseline.Options{}) // threshold 0.8
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(pairs)
	// Output:
	// [{0 1 1}]
}
