package thesaurus_test

import (
	"fmt"

	"github.com/stemmanews/stemma/thesaurus"
)

func Example() {
	th := thesaurus.Default()
	fmt.Println(th.AreSynonyms("international", "external"))
	fmt.Println(th.AreSynonyms("levied", "imposed"))
	fmt.Println(th.AreVariants("U.S.", "United States of America"))
	fmt.Println(th.Variants("Russia"))
	// Output:
	// true
	// true
	// true
	// [Russian Federation]
}
